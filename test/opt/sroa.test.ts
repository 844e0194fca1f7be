// Scalar replacement of locals: on the printed IR, which keeps a local in registers when its
// accesses allow it, and on the values the registers then hold (test/kernel/expr runs the same
// shapes in the kernel).
import { describe, expect, it } from 'vitest';
import { printModule } from '../../src/ir/print.js';
import { compileString } from '../util/compile.js';

function ir(body: string, decls = ''): string {
  const out = compileString(`#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n${decls}\nSEC("xdp") int p(struct xdp_md *ctx) {\n${body}\n}\nchar _license[] SEC("license") = "GPL";`, {}, 'ir');
  expect(out.text).toBe('');
  return printModule(out.ir!);
}

/** Loads and stores that address a stack slot, directly or through a slot address. */
const stackAccesses = (text: string) => (text.match(/(load|store)\.\d \[#/g) ?? []).length + (text.match(/slotaddr/g) ?? []).length;

describe('sroa: locals whose accesses overlap', () => {
  it('keeps a struct of bit-fields in a register: its storage unit is read and written at several widths', () => {
    const decls = 'struct S { __u8 a : 4; __s16 b : 5; __u32 c : 20; };';
    const text = ir('struct S s = {}; s.a = ctx->ingress_ifindex; s.b = -3; s.c += s.a; return s.a + s.b + s.c;', decls);
    expect(stackAccesses(text)).toBe(0);
  });

  it('folds the fields of a zero-initialised bit-field struct to constants', () => {
    const decls = 'struct S { __s64 f0 : 35; __u32 f1 : 8; __s8 f2 : 1; };';
    // Every field is known: the function returns a constant (2 + 0 - 1 = 1 after s.f2 = -1).
    const text = ir('struct S s = {}; s.f1 = 2; s.f2 = 1; return s.f0 + s.f1 + s.f2;', decls);
    expect(stackAccesses(text)).toBe(0);
    expect(text).toMatch(/ret 1\b/);
  });

  it('keeps a union in two registers when its packed member is read and written in 4-byte pieces', () => {
    // `m.mid` sits at offset 4 of a packed struct: lowering splits its accesses into the 4-byte
    // pieces its alignment allows, [4, 8) and [8, 12), each inside one of the 8-byte fields
    // `q[0]` and `q[1]`, so once folding shows them as slot accesses no access spans two fields.
    const decls = 'union U { __u64 q[2]; struct { __u32 lo; __u64 mid; } __attribute__((packed)) m; };';
    const text = ir('union U u = {}; u.q[1] = ctx->ingress_ifindex; u.m.mid += 1; return u.q[0] + u.q[1];', decls);
    expect(stackAccesses(text)).toBe(0);
    // The piece [4, 8) becomes the high half of q[0] (whose low half is the initial 0, folded
    // away), [8, 12) the low half of q[1]: its high half, from a 4-byte load, is 0, so q[1] is
    // mid's high half alone (extract-fields drops the merge's mask and or).
    expect(text).toMatch(/%(\d+) = mov\.32 %\d+\n\s+%\1 = lsh\.64 %\1, 32\n/);
    expect(text).toMatch(/%\d+ = rsh\.64 %\d+, 32\n/);
    expect(text).not.toMatch(/and\.64 %\d+, 18446744069414584320\n/);
  });

  it('keeps on the stack a local whose overlapping accesses span more than 8 bytes', () => {
    // A 4-byte and an 8-byte view of the same bytes at offsets that chain three 8-byte ranges.
    const decls = 'union V { __u64 q[2]; __u32 w[4]; };';
    const text = ir('union V v = {}; __u64 *p = (__u64 *)((char *)&v + 4); v.q[1] = ctx->ingress_ifindex; *p += 1; return v.w[0] + v.q[1];', decls);
    expect(stackAccesses(text)).toBeGreaterThan(0);
  });
});

describe('sroa: after addresses fold', () => {
  // An inlined parser fills `tags->id[i]` in an unrolled loop: the element's address is set on
  // several paths, so only once folding has made each access `[#tags+2*i]` can the array
  // become registers.
  const decls = `
    struct tags { __u16 id[2]; };
    static __always_inline int walk(unsigned char *d, unsigned char *e, struct tags *t) {
      int off = 14;
      for (int i = 0; i < 2; i++) {
        if (d + off + 4 > e) break;
        if (t) t->id[i] = *(__u16 *)(d + off) & 0xfff;
        off += 4;
      }
      return off;
    }`;

  it('keeps a small array that an unrolled loop fills through a pointer in registers', () => {
    const text = ir(`
      unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
      struct tags t = {};
      int off = walk(d, e, &t);
      return (t.id[1] << 16 | t.id[0]) + off;`, decls);
    expect(stackAccesses(text)).toBe(0);
  });

  it('keeps a parse cursor of three pointers in registers when an unrolled loop passes its address to an inlined parser', () => {
    // test_cls_redirect.c's `buf_t`: each unrolled call copies &pkt into the callee's parameter,
    // so only after folding are the accesses the slot's own; the cursor is 24 bytes.
    const text = ir(`
      buf_t pkt = { .ctx = ctx, .head = (__u8 *)(long)ctx->data, .tail = (__u8 *)(long)ctx->data_end };
      int sum = 0;
      for (int i = 0; i < 6; i++) {
        struct opt *o = buf_assign(&pkt, sizeof(*o));
        if (!o || o->kind == 0) break;
        sum += o->val;
      }
      return sum & 3;`, `
      typedef struct { struct xdp_md *ctx; __u8 *head; __u8 *tail; } buf_t;
      struct opt { __u8 kind; __u8 len; __u16 val; };
      static __always_inline void *buf_assign(buf_t *b, __u64 len) {
        if (b->head + len > b->tail) return 0;
        void *p = b->head;
        b->head += len;
        return p;
      }`);
    expect(stackAccesses(text)).toBe(0);
  });

  it('compares packet words with the words of a compound-literal address as immediates', () => {
    // test_tc_neigh.c: an in6_addr passed by value from a cast compound literal, compared word
    // by word with the packet's; replaced only late (16 bytes), its words still fold into the tests.
    const text = ir(`
      void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
      struct in6_addr *a = data + 24;
      if ((void *)(a + 1) > end) return XDP_PASS;
      return same(a, (struct in6_addr){ { { 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0xde, 0xad, 0xbe, 0xef, 0xca, 0xfe } } }) ? XDP_DROP : XDP_PASS;`, `
      #include <linux/in6.h>
      static __always_inline int same(struct in6_addr *a, struct in6_addr b) {
        return a->s6_addr32[0] == b.s6_addr32[0] && a->s6_addr32[1] == b.s6_addr32[1] &&
               a->s6_addr32[2] == b.s6_addr32[2] && a->s6_addr32[3] == b.s6_addr32[3];
      }`);
    expect(stackAccesses(text)).toBe(0);
    const tests = text.split('\n').filter((l) => /^\s*br (eq|ne)\.32/.test(l));
    expect(tests).toHaveLength(4);
    for (const t of tests) expect(t).toMatch(/, \d+ ->/);
  });

  it('keeps a struct larger than 24 bytes in registers when a by-value member is copied from it', () => {
    // xdpass: a parsed packet record of 44 bytes whose in6_addr member is passed by value; the
    // copy's source is the slot's address plus 8, which the first scalar replacement follows,
    // so the protocol fields the later switches test are constants the verifier sees.
    const text = ir(`
      struct rec r = {};
      r.proto = ctx->rx_queue_index & 1 ? 0x86dd : 0x800;
      r.a.s6_addr32[3] = ctx->ingress_ifindex;
      return r.proto == 0x86dd ? last(r.a) : 7;`, `
      #include <linux/in6.h>
      struct rec { __u16 proto; __u16 pad[3]; struct in6_addr a; struct in6_addr b; __u32 tail; };
      static __always_inline __u32 last(struct in6_addr x) { return x.s6_addr32[3] + x.s6_addr32[0]; }`);
    expect(stackAccesses(text)).toBe(0);
  });
});
