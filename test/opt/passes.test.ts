import { describe, expect, it } from 'vitest';
import { printModule } from '../../src/ir/print.js';
import { compileString } from '../util/compile.js';

const HEAD = '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n';

function ir(src: string, optLevel: 0 | 2 = 2): string {
  const out = compileString(HEAD + src, { optLevel }, 'ir');
  expect(out.text).toBe('');
  return printModule(out.ir!);
}

describe('optimisation passes', () => {
  it('folds pointer + constant into the access offset (one base register for packet reads)', () => {
    const src = `SEC("xdp") int p(struct xdp_md *ctx) {
      unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
      if (d + 20 > e) return 0;
      unsigned char *q = d + 8;
      return q[0] + q[4]; }`;
    const o2 = ir(src);
    expect(o2).toMatch(/load\.1 \[%\d+\+8\]/);
    expect(o2).toMatch(/load\.1 \[%\d+\+12\]/);
    expect(ir(src, 0)).not.toMatch(/load\.1 \[%\d+\+12\]/);
  });

  it('folds a stack address into the access in every block, past joins and calls', () => {
    const text = ir(`struct key { __u32 ifindex; __u16 queue; __u16 tag; };
      struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 8); __type(key, struct key); __type(value, __u64); } seen SEC(".maps");
      static __always_inline void fill(struct key *k, struct xdp_md *ctx) { k->ifindex = ctx->ingress_ifindex; k->queue = ctx->rx_queue_index; k->tag = 0; }
      SEC("xdp") int p(struct xdp_md *ctx) {
        struct key k;
        struct key *q = &k;
        fill(q, ctx);
        if (q->queue > 3) q->tag = 7;
        __u64 *n = bpf_map_lookup_elem(&seen, q);
        if (n) return q->tag + q->ifindex;
        return q->queue; }`);
    // after the join and the call, q's reads are still slot + offset, not a register that must live on
    expect(text).toMatch(/load\.2 \[#0\+6\][\s\S]*load\.4 \[#0\+0\][\s\S]*load\.2 \[#0\+4\]\n {2}ret/);
    const addr = /(%\d+) = slotaddr #0/.exec(text)![1]!;
    expect(text).not.toContain(`[${addr}+`);
  });

  it('removes a write that is overwritten before it is read', () => {
    const text = ir('SEC("xdp") int p(struct xdp_md *ctx) { __u32 x = ctx->data; x = ctx->data_end; return x; }');
    expect((text.match(/load\.4/g) ?? []).length).toBe(1);
    expect(text).toContain('load.4 [%0+4]');
  });

  it('gives each unrolled copy of a loop body its own registers, so no moves link the copies', () => {
    const src = `SEC("xdp") int p(struct xdp_md *ctx) {
      unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
      if (d + 6 > e) return 0;
      __u64 u = 0;
      for (int i = 5; i >= 0; i--) u = u << 8 | d[i];
      return u % 1000; }`;
    const text = ir(src);
    expect((text.match(/load\.1/g) ?? []).length).toBe(6);
    expect(text).not.toMatch(/^ {2}%\d+ = %\d+$/m);
    expect((text.match(/lsh\.64/g) ?? []).length).toBe(5);
  });

  it('drops 32-bit moves of values that are already zero-extended', () => {
    const text = ir('SEC("xdp") int p(struct xdp_md *ctx) { __u64 v = ctx->data; __u32 w = v; return w + 1; }');
    expect(text).not.toContain('mov.32');
    expect(ir('SEC("xdp") int p(struct xdp_md *ctx) { __u64 v = ctx->data; v <<= 16; __u32 w = v; __u64 x = w; return x >> 20; }')).toContain('mov.32');
  });

  it('folds constant arithmetic and identities', () => {
    const text = ir('SEC("xdp") int p(struct xdp_md *ctx) { int a = 6, b = 7; return ctx->data * 1 + 0 + a * b; }');
    expect(text).not.toMatch(/mul/);
    expect(text).toMatch(/^ {2}%\d+ = add\.32 %\d+, 42$/m); // 6 * 7 folded; the identities are gone
  });
});

describe('sign-extension elimination', () => {
  it('drops the sign extension of an int offset that cannot be negative, (ihl & 15) * 4', () => {
    const src = `SEC("xdp") int p(struct xdp_md *ctx) {
      unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
      if (d + 64 > e) return 0;
      int hl = (d[14] & 15) * 4;
      unsigned char *l4 = d + 14 + hl;
      if (l4 + 1 > e) return 0;
      return l4[0]; }`;
    expect(ir(src)).not.toContain('sext');
    expect(ir(src, 0)).toContain('sext32.64');
  });

  it('keeps it when the value may be negative', () => {
    expect(ir('SEC("xdp") int p(struct xdp_md *ctx) { int v = ctx->data; long w = v; return w >> 40; }')).toContain('sext32.64');
  });
});

describe('redundant-mask elimination', () => {
  const vid = (expr: string) => `
    SEC("xdp") int p(struct xdp_md *ctx) {
      unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
      if (d + 16 > e) return 0;
      __u16 v = ${expr};
      return v + d[15]; }`;

  it('drops a mask of low bits that a load and a narrower mask already guarantee', () => {
    // (x & 0xfff) truncated to __u16: the truncation's & 0xffff goes, the & 4095 stays.
    const text = ir(vid('*(__u16 *)(d + 14) & 0xfff'));
    expect(text).toMatch(/and\.32 %\d+, 4095/);
    expect(text).not.toMatch(/and\.32 %\d+, 65535/);
    expect(ir(vid('*(__u32 *)(d + 12) & 0xfff'))).not.toMatch(/and\.32 %\d+, 65535/);
  });

  it('keeps it where the value may be wider, or where only ebcc knows the bound', () => {
    expect(ir(vid('*(__u32 *)(d + 12) & 0x1ffff'))).toMatch(/and\.32 %\d+, 65535/);
    // The kernel verifier gives a division or a shift by a register no bound.
    expect(ir(vid('(*(__u16 *)(d + 14) >> d[12]) & 0xffff'))).toMatch(/and\.32 %\d+, 65535/);
    expect(ir(vid('(*(__u16 *)(d + 14) / d[12]) & 0xffff'))).toMatch(/and\.32 %\d+, 65535/);
  });
});

describe('byte swaps', () => {
  it('drops a mask of all 16 bits after a 16-bit swap: be16 leaves 16 bits, for the kernel too', () => {
    const text = ir(`
    SEC("xdp") int p(struct xdp_md *ctx) {
      unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
      if (d + 16 > e) return 0;
      __u16 v = __builtin_bswap16(*(__u16 *)(d + 14)) & 0xffff;
      return v + d[15]; }`);
    expect(text).toMatch(/(%\d+) = load\.2 \[%\d+\+14\]\n {2}%\d+ = bswap16 \1\n/);
    expect(text).not.toMatch(/and\.32 %\d+, 65535/);
  });
});

describe('null checks of stack addresses', () => {
  const src = (arg: string) => `
    struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, __u32); __type(value, __u32); __uint(max_entries, 1); } m SEC(".maps");
    static __always_inline int first(unsigned char *d, __u32 *out) {
      if (out) *out = d[0];
      return d[1]; }
    SEC("xdp") int p(struct xdp_md *ctx) {
      unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
      __u32 k = 0, local = 5;
      __u32 *v = bpf_map_lookup_elem(&m, &k);
      if (d + 2 > e) return 0;
      int r = first(d, ${arg});
      return r + local; }`;
  const nullTests = (text: string) => text.match(/br (eq|ne)\.64 %\d+, 0 /g) ?? [];

  it('drops the test when the pointer is the address of a local', () => {
    expect(nullTests(ir(src('&local')))).toEqual([]);
    expect(nullTests(ir(src('&local'), 0))).not.toEqual([]);
  });

  it("keeps it when the pointer may be NULL (a map lookup's result)", () => {
    expect(nullTests(ir(src('v')))).toHaveLength(1);
  });
});
