// Constant arguments of static functions: a parameter that every call passes as the same constant
// is that constant in the function's body, before loops are unrolled.
import { describe, expect, it } from 'vitest';
import { findLoops } from '../../src/opt/loops.js';
import { compileString } from '../util/compile.js';

const PROLOGUE = '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n';

function build(src: string) {
  const out = compileString(`${PROLOGUE}${src}\nchar _license[] SEC("license") = "GPL";`, {}, 'ir');
  const fns = out.ir?.functions ?? [];
  return {
    codes: out.ctx.diags.list.map((d) => d.code),
    loops: fns.reduce((n, f) => n + findLoops(f).length, 0),
    args: fns.flatMap((f) => f.blocks.flatMap((b) => b.insts)).flatMap((i) => (i.op === 'callfn' ? [`${i.func}/${i.args.length}`] : [])),
  };
}

// A hash over `len` bytes in 4-byte steps: its loop is bounded by a parameter.
const HASH = `static __attribute__((noinline)) __u32 hash(const __u8 *k, __u32 len, __u32 seed) {
  __u32 h = seed;
  while (len >= 4) { h = h * 31 + *(const __u32 *)k; k += 4; len -= 4; }
  return h;
}`;

describe('constant arguments of static functions', () => {
  it('unrolls a loop bounded by a parameter that the only call passes as a constant', () => {
    const r = build(`${HASH}
      SEC("xdp") int p(struct xdp_md *ctx) { __u8 key[16] = {}; key[0] = ctx->data; return hash(key, 16, 7); }`);
    expect(r.codes).toEqual([]);
    expect(r.loops).toBe(0);
  });

  it('unrolls it when every call passes the same constant, from different callers', () => {
    const r = build(`${HASH}
      static __attribute__((noinline)) __u32 twice(const __u8 *k) { return hash(k, 12, 1) ^ hash(k + 4, 12, 1); }
      SEC("xdp") int p(struct xdp_md *ctx) { __u8 key[16] = {}; key[0] = ctx->data; return twice(key); }`);
    expect(r.codes).toEqual([]);
    expect(r.loops).toBe(0);
  });

  it('leaves the parameter alone when calls pass different constants: the loop stays a loop', () => {
    const r = build(`${HASH}
      SEC("xdp") int p(struct xdp_md *ctx) { __u8 key[16] = {}; key[0] = ctx->data; return hash(key, 16, 7) + hash(key, 8, 7); }`);
    expect(r.codes).toEqual([]);
    expect(r.loops).toBe(1);
  });

  it('carries a constant down a chain of calls, so a six-parameter function loses one (E3106 otherwise)', () => {
    // The program passes 14 to f, f passes its parameter on to g: g's off is 14 and is dropped.
    const r = build(`static __attribute__((noinline)) int g(__u32 *out, __u8 *proto, __u64 off, __u16 *len, void *data, void *end) {
        __u8 *h = data + off; if ((void *)(h + 4) > end) return 1; *proto = h[0]; *len = h[1]; *out = h[2]; return h[3]; }
      static __attribute__((noinline)) int f(void *data, __u64 off, void *end) {
        __u32 o = 0; __u8 pr = 0; __u16 l = 0; return g(&o, &pr, off, &l, data, end) + o + pr + l; }
      SEC("xdp") int p(struct xdp_md *ctx) { void *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
        __u64 nh = 14; if (d + nh > e) return 1; return f(d, nh, e); }`);
    expect(r.codes).toEqual([]);
    expect(r.args).toContain('g/5');
  });

  it('does not use a call in code that never runs', () => {
    const r = build(`${HASH}
      SEC("xdp") int p(struct xdp_md *ctx) { __u8 key[16] = {}; int on = 0; key[0] = ctx->data;
        return on ? hash(key, ctx->data_end, 7) : hash(key, 16, 7); }`);
    expect(r.codes).toEqual([]);
    expect(r.loops).toBe(0);
  });
});
