// Arguments of static functions: dropped when unused or the same constant at every call (at -O0
// only for functions of more than five parameters); E3106 when more than five remain or the
// callers are not all known.
import { describe, expect, it } from 'vitest';
import { compileString } from '../util/compile.js';

const PROLOGUE = '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n';

function build(src: string, optLevel: 0 | 2 = 2) {
  const out = compileString(`${PROLOGUE}${src}\nchar _license[] SEC("license") = "GPL";`, { optLevel }, 'ir');
  const calls = out.ir?.functions.flatMap((f) => f.blocks.flatMap((b) => b.insts)).filter((i) => i.op === 'callfn') ?? [];
  return { diags: out.ctx.diags.list.map((d) => [d.code, d.message, d.notes?.map((n) => n.message)]), argCounts: calls.map((c) => (c.op === 'callfn' ? c.args.length : -1)) };
}

const SIX = `static __attribute__((noinline)) __u64 f(__u64 a, __u64 b, __u64 c, __u64 d, __u64 e, __u64 g)
{ return a * 3 + b * 5 + c * 7 + d * 11 + e * 13 + g; }`;

describe('dropping arguments of static functions', () => {
  it('drops an argument that is the same constant at every call', () => {
    const r = build(`${SIX}
      SEC("xdp") int p(struct xdp_md *ctx) { __u64 x = ctx->data_end, y = ctx->data;
        return f(x, y, x + y, x - y, x ^ y, 14) + f(y, x, x | y, x & y, x * y, 14); }`);
    expect(r.diags).toEqual([]);
    expect(r.argCounts).toEqual([5, 5]);
  });

  it('drops an argument the function never reads', () => {
    const r = build(`static __attribute__((noinline)) __u64 f(__u64 a, __u64 b, __u64 c, __u64 d, __u64 e, __u64 unused)
      { return a * 3 + b * 5 + c * 7 + d * 11 + e * 13; }
      SEC("xdp") int p(struct xdp_md *ctx) { __u64 x = ctx->data_end, y = ctx->data;
        return f(x, y, x + y, x - y, x ^ y, x * 9); }`);
    expect(r.diags).toEqual([]);
    expect(r.argCounts).toEqual([5]);
  });

  it('reports E3106 when all six vary', () => {
    const r = build(`${SIX}
      SEC("xdp") int p(struct xdp_md *ctx) { __u64 x = ctx->data_end, y = ctx->data;
        return f(x, y, x + y, x - y, x ^ y, 14) + f(y, x, x | y, x & y, x * y, 15); }`);
    expect(r.diags).toEqual([[
      'E3106',
      "function 'f' takes 6 arguments but a BPF-to-BPF call passes at most 5 (in R1-R5)",
      ['ebcc removes the arguments of a static function that it never reads or that every call passes as the same constant; more than 5 others remain'],
    ]]);
  });

  it('reports E3106 for a function that is not static, whatever its calls pass', () => {
    const r = build(`__attribute__((noinline)) __u64 f(__u64 a, __u64 b, __u64 c, __u64 d, __u64 e, __u64 g)
      { return a * 3 + b * 5 + c * 7 + d * 11 + e * 13 + g; }
      SEC("xdp") int p(struct xdp_md *ctx) { __u64 x = ctx->data_end; return f(x, x, x, x, x, 14); }`);
    expect(r.diags.map((d) => d[0])).toEqual(['E3106']);
  });

  it('drops the constant and unread arguments of a function of five or fewer, as clang does', () => {
    const src = `static __attribute__((noinline)) __u32 mix(__u32 a, __u32 b, __u32 seed, __u32 unused)
      { return (a ^ seed) * 31 + b; }
      SEC("xdp") int p(struct xdp_md *ctx) { __u32 x = ctx->ingress_ifindex, y = ctx->rx_queue_index;
        return mix(x, y, 0xdeadbeef, x) + mix(y, x, 0xdeadbeef, y); }`;
    expect(build(src).argCounts).toEqual([2, 2]);
    // -O0 keeps the calls as written
    expect(build(src, 0).argCounts).toEqual([4, 4]);
  });

  it('keeps the arguments of a function whose address is taken', () => {
    const r = build(`static __attribute__((noinline)) long cb(__u32 index, void *seed) { return 0; }
      SEC("xdp") int p(struct xdp_md *ctx) { bpf_loop(4, cb, 0, 0); return cb(1, 0); }`);
    expect(r.diags).toEqual([]);
    expect(r.argCounts).toEqual([2]);
  });
});
