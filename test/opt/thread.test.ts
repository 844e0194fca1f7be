// Jump threading (opt/thread.ts) and the jumps codegen no longer emits: a boolean or an error
// code set just before a join and tested after it becomes a plain jump, and no jump leads to a
// jump or to the next instruction.
import { describe, expect, it } from 'vitest';
import { disasm } from '../../src/bpf/disasm.js';
import { compileString } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const HEAD = '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n';

function asm(src: string, name = 'p'): string[] {
  const out = compileString(HEAD + src, {}, 'codegen');
  expect(out.text).toBe('');
  return disasm(out.object!.functions.find((f) => f.name === name)!.insns);
}

/** Every `goto pc+N` (conditional or not) that lands on an unconditional goto, or on the next instruction. */
function wastedJumps(code: string[]): string[] {
  const out: string[] = [];
  code.forEach((line, k) => {
    const m = /goto pc([+-]\d+)$/.exec(line);
    if (!m) return;
    const off = Number(m[1]);
    if (off === 0 || /^goto /.test(code[k + 1 + off] ?? '')) out.push(`${k}: ${line}`);
  });
  return out;
}

const PARSE = `
  static __always_inline int is_tagged(__u16 proto) { return proto == 0x0081 || proto == 0xa888; }
  struct cursor { unsigned char *pos; };
  static __always_inline int next_proto(struct cursor *c, unsigned char *end) {
    unsigned char *h = c->pos;
    if (h + 14 > end) return -1;
    __u16 proto = *(__u16 *)(h + 12);
    c->pos = h + 14;
    for (int i = 0; i < 2; i++) {
      if (!is_tagged(proto)) break;
      if (c->pos + 4 > end) break;
      proto = *(__u16 *)(c->pos + 2);
      c->pos += 4;
    }
    return proto;
  }`;

describe('jump threading', () => {
  it('branches on the comparisons of an inlined boolean function, without materialising 0 or 1', () => {
    expect(asm(`
      static __always_inline int is_tagged(__u16 proto) { return proto == 0x0081 || proto == 0xa888; }
      SEC("xdp") int p(struct xdp_md *ctx) {
        unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
        if (d + 14 > e) return 1;
        if (is_tagged(*(__u16 *)(d + 12))) return 3;
        return 2; }`)).toEqual([
      'r0 = *(u32 *)(r1 +0)',
      'r1 = *(u32 *)(r1 +4)',
      'r2 = r0',
      'r2 += 14',
      'if r2 <= r1 goto pc+2',
      'r0 = 1',
      'exit',
      'r0 = *(u16 *)(r0 +12)',
      'if w0 == 0x81 goto pc+1',
      'if w0 != 0xa888 goto pc+2',
      'r0 = 3',
      'exit',
      'r0 = 2',
      'exit',
    ]);
  });

  it('sends the error path of a parser straight to the caller\'s error return (no -1 is set and tested)', () => {
    const code = asm(`
      SEC("xdp") int p(struct xdp_md *ctx) {
        unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
        int len = 0;
        if (d + 14 > e) len = -1;
        else if (d[12] == 8) len = 20;
        if (len < 0) return 1;
        return len + 2; }`);
    expect(code.filter((l) => /= -1$|= 0xffffffff$|s< 0x0|s>= 0x0/.test(l))).toEqual([]);
    expect(code).toHaveLength(14);
  });

  it('leaves no jump to a jump and no jump to the next instruction in a VLAN-walking parser', () => {
    const code = asm(`${PARSE}
      SEC("xdp") int p(struct xdp_md *ctx) {
        struct cursor c = { (void *)(long)ctx->data };
        int proto = next_proto(&c, (void *)(long)ctx->data_end);
        if (proto < 0) return XDP_ABORTED;
        return proto == 0x0008 ? XDP_PASS : XDP_DROP; }`);
    expect(wastedJumps(code)).toEqual([]);
    expect(code.filter((l) => /= -1$|= 0xffffffff$/.test(l))).toEqual([]);
  });

  it('threads through a join that copies each parser\'s result into the caller\'s variable before the test', () => {
    const code = asm(`
      static __always_inline int parse_a(unsigned char *h, unsigned char *e) {
        if (h + 20 > e) return XDP_DROP;
        if (h[9] == 1) return XDP_TX;
        return -1;
      }
      static __always_inline int parse_b(unsigned char *h, unsigned char *e) {
        if (h + 40 > e) return XDP_DROP;
        if (h[6] == 58) return XDP_TX;
        return -1;
      }
      SEC("xdp") int p(struct xdp_md *ctx) {
        unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
        int verdict;
        if (d + 14 > e) return XDP_DROP;
        if (d[12] == 8) verdict = parse_a(d + 14, e);
        else if (d[12] == 0x86) verdict = parse_b(d + 14, e);
        else return XDP_PASS;
        if (verdict >= 0) return verdict;
        return d[13] == 1 ? XDP_PASS : XDP_ABORTED; }`);
    // Every constant result goes straight to its return: none is set and then tested.
    expect(code.filter((l) => /s< 0x0|s>= 0x0|s> -0x1|s<= -0x1/.test(l))).toEqual([]);
    expect(code.filter((l) => /= -1$|= 0xffffffff$/.test(l))).toEqual([]);
  });

  it('decides a parsed field\'s test on the path where the inlined parser set it, past the parser\'s later code', () => {
    // The outer tag sets `outer_off = 14`; the inner-tag code after it only fills fields nobody
    // reads, so once the test of outer_off goes straight to its arm, that code goes too.
    const code = asm(`
      struct tags { __u16 proto; __u16 outer_id; __u16 inner_id; __u8 outer_off; __u8 inner_off; };
      static __always_inline int parse(unsigned char *d, unsigned char *e, struct tags *t) {
        __u8 off = 14;
        if (d + off + 8 > e) return 0;
        __u16 proto = *(__u16 *)(d + 12);
        if (proto == 0x0081 || proto == 0xa888) {
          t->outer_off = off;
          t->outer_id = *(__u16 *)(d + off) & 0xff0f;
          proto = *(__u16 *)(d + off + 2);
          off += 4;
        }
        if (proto == 0x0081 || proto == 0xa888) {
          t->inner_off = off;
          t->inner_id = *(__u16 *)(d + off) & 0xff0f;
          proto = *(__u16 *)(d + off + 2);
          off += 4;
        }
        t->proto = proto;
        return 1;
      }
      SEC("xdp") int p(struct xdp_md *ctx) {
        unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
        struct tags t = { 0 };
        if (!parse(d, e, &t)) return XDP_ABORTED;
        if (t.outer_off == 0) return XDP_PASS;
        *(__u32 *)(d + 12) = *(__u32 *)(d + 8);
        return XDP_TX; }`);
    // Only the outer tag's two tests remain: no load of the inner tag's type, no test of 0 or 14.
    expect(code.filter((l) => /^if /.test(l) && /0x81|0xa888/.test(l))).toHaveLength(2);
    expect(code.filter((l) => /\+ 0x10\)|\+ 16\)/.test(l))).toEqual([]);
    expect(code.filter((l) => /^if .* (==|!=) (0x0|0xe) /.test(l))).toEqual([]);
    expect(wastedJumps(code)).toEqual([]);
  });

  it('returns the constant a `goto out` path set, instead of carrying it to a shared `return rc`', () => {
    const code = asm(`
      SEC("xdp") int p(struct xdp_md *ctx) {
        unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
        int rc = XDP_PASS;
        if (d + 14 > e) goto out;
        if (bpf_get_prandom_u32() & 1) { rc = XDP_DROP; goto out; }
        if (bpf_get_prandom_u32() & 2) goto out;
        rc = XDP_TX;
      out:
        return rc; }`);
    // No register keeps rc across the calls, and every exit sets r0 to its constant just before.
    expect(code.filter((l) => /^r[6-9] = [0-9]+$/.test(l))).toEqual([]);
    code.forEach((l, k) => {
      if (l === 'exit') expect(code[k - 1]).toMatch(/^r0 = [0-9]+$/);
    });
  });

  it('returns at once from a search loop\'s not-found exit, whose index decides `i == n || i == MAX`', () => {
    const code = asm(SEARCH);
    // The index MAX is never materialised: the last slot's non-zero test goes straight to the
    // return, and the count is loaded once, on the found path.
    expect(code.filter((l) => /^r\d = 4$/.test(l))).toEqual([]);
    const last = code.findIndex((l) => /^if r\d != 0x0 goto pc\+\d+$/.test(l));
    const off = Number(/pc\+(\d+)$/.exec(code[last]!)![1]);
    expect(code.slice(last + 1 + off, last + 3 + off)).toEqual(['r0 = 2', 'exit']);
    expect(code.filter((l) => /\(u16 \*\)\(r\d \+10\)/.test(l))).toHaveLength(1);
    expect(wastedJumps(code)).toEqual([]);
  });

  it('threads each way from a call past the null test after it to the second test of the protocol', () => {
    // The protocol picks a helper; after the join, \`r && proto == 6\` tests it again. Each helper's
    // path knows the answer, so it gets its own copy of \`if (r)\` whose edge skips that test (the
    // path of a UDP socket lookup then never reaches a TCP socket's field); on the other path
    // neither test is left.
    const code = asm(`
      SEC("xdp") int p(struct xdp_md *ctx) {
        unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
        long r;
        if (d + 2 > e) return 0;
        __u8 proto = d[0];
        if (proto == 6) r = bpf_get_prandom_u32(); else r = bpf_ktime_get_ns();
        if (r && proto == 6) return 1;
        return 2; }`);
    expect(code.filter((l) => /^if w\d+ [!=]= 0x6 /.test(l))).toHaveLength(1);
    expect(code.filter((l) => /^if r0 [!=]= 0x0 /.test(l))).toHaveLength(1);
    const other = code.findIndex((l) => l.startsWith('call bpf_ktime_get_ns'));
    expect(code.slice(other + 1, other + 3)).toEqual(['r0 = 2', 'exit']);
  });
});

/** A search for the first free slot, the found index stored and counted against a limit (xdping). */
const SEARCH = `
  struct entry { __u64 start; __u16 seq, count; __u32 pad; __u64 times[4]; };
  struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, struct entry); } m SEC(".maps");
  SEC("xdp") int p(struct xdp_md *ctx) {
    __u32 k = 0; __u8 i;
    struct entry *e = bpf_map_lookup_elem(&m, &k);
    if (!e) return XDP_PASS;
    for (i = 0; i < 4; i++) if (e->times[i] == 0) break;
    if (i < 4) { e->times[i] = 1; i++; }
    if (i == e->count || i == 4) return XDP_PASS;
    return XDP_TX;
  }
  char _license[] SEC("license") = "GPL";`;


describeDual('a search loop\'s exits, threaded', () => compileString(HEAD + SEARCH), (obj) => {
  // struct entry: start 8, seq 2, count 2, pad 4, times[4] 32 bytes
  const entry = (count: number, times: number[]) => {
    const b = Buffer.alloc(48);
    b.writeUInt16LE(count, 10);
    times.forEach((t, k) => b.writeBigUInt64LE(BigInt(t), 16 + 8 * k));
    return new Uint8Array(b);
  };
  const key = new Uint8Array(4);
  const times = () => [0, 1, 2, 3].map((k) => Number(Buffer.from(obj().lookup('m', key)!.value).readBigUInt64LE(16 + 8 * k)));

  it('fills the free slots in turn, stops at the count or at the last slot, and passes when none is free', () => {
    const pkt = new Uint8Array(64);
    obj().update('m', key, entry(3, [0, 0, 0, 0]));
    expect(obj().run('p', pkt).retval).toBe(3); // slot 0; 1 is neither the count nor 4
    expect(obj().run('p', pkt).retval).toBe(3); // slot 1
    expect(obj().run('p', pkt).retval).toBe(2); // slot 2; 3 is the count
    expect(times()).toEqual([1, 1, 1, 0]);
    expect(obj().run('p', pkt).retval).toBe(2); // slot 3; 4 is the limit
    expect(obj().run('p', pkt).retval).toBe(2); // none free: the not-found exit
    expect(times()).toEqual([1, 1, 1, 1]);
    obj().update('m', key, entry(9, [5, 0, 7, 0]));
    expect(obj().run('p', pkt).retval).toBe(3); // slot 1; 2 is neither
    expect(times()).toEqual([5, 1, 7, 0]);
  });
});
