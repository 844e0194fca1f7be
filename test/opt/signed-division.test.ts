// Signed division before -mcpu=v4: E5004 only for a division still there after optimisation,
// as clang reports it only when it has to emit one. The code of the -O2 objects has no signed
// division (BPF_SDIV/BPF_SMOD are div/mod with offset 1).
import { expect, it } from 'vitest';
import { compileString } from '../util/compile.js';

const PROG = (body: string, helpers = '') => `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
${helpers}
SEC("xdp") int prog(struct xdp_md *ctx) {
  long len = (long)ctx->data_end - (long)ctx->data - 40;
${body}
}
char LICENSE[] SEC("license") = "GPL";`;

const codes = (src: string, opts = {}) => compileString(src, opts).ctx.diags.list.map((d) => d.code);
/** ALU or ALU64 (class 4 or 7) div (0x30) or mod (0x90) instructions with the signed offset 1. */
const signedDivisions = (src: string, opts = {}) =>
  compileString(src, opts).object!.functions.flatMap((f) => f.insns)
    .filter((i) => [4, 7].includes(i.code & 0x07) && [0x30, 0x90].includes(i.code & 0xf0) && i.off === 1).length;

it('a signed remainder whose value is never used is no error, at -O2 and at -O0 (dead code goes at both)', () => {
  const src = PROG('  long unused = len % 3;\n  return XDP_PASS;');
  expect(codes(src)).toEqual([]);
  expect(codes(src, { optLevel: 0 })).toEqual([]);
  expect(codes(PROG('  long used = len % 3;\n  return used > 1 ? XDP_DROP : XDP_PASS;'), { optLevel: 0 })).toEqual(['E5004']);
});

it('a signed division in a branch that a constant argument removes after inlining is no error', () => {
  const helpers = `static __always_inline long scale(long v, int halve) { if (halve) return v / 2; return v + 1; }`;
  const src = PROG('  return scale(len, 0) > 100 ? XDP_DROP : XDP_PASS;', helpers);
  expect(codes(src)).toEqual([]);
  expect(codes(PROG('  return scale(len, 1) > 100 ? XDP_DROP : XDP_PASS;', helpers))).toEqual(['E5004']);
});

it('points at the division that remains, and -mcpu=v4 compiles it to a signed mod', () => {
  const src = PROG('  return (int)(len % 7) == 3 ? XDP_DROP : XDP_PASS;');
  const out = compileString(src);
  expect(out.ctx.diags.list.map((d) => [d.code, d.message])).toEqual([['E5004', 'signed remainder needs -mcpu=v4 (BPF before v4 divides unsigned only): make the operands unsigned, or compile with -mcpu=v4']]);
  expect(src.slice(out.ctx.diags.list[0]!.span!.start, out.ctx.diags.list[0]!.span!.end)).toBe('len % 7');
  expect(codes(src, { mcpu: 4 })).toEqual([]);
  expect(signedDivisions(src, { mcpu: 4 })).toBe(1);
});

it('a test that the remainder\'s range decides folds, and takes the remainder with it', () => {
  // vport is 0 or len % 2, so in [-1, 1]: vport >= 10 is never true
  const body = (test: string) => `  int vport = 0;
  if (len > 0)
    vport = len % 2;
  if (${test})
    return XDP_ABORTED;
  return XDP_PASS;`;
  for (const test of ['vport >= 10', 'vport < -1', 'vport == 7', 'vport > 1']) {
    expect(codes(PROG(body(test))), test).toEqual([]);
    const insns = compileString(PROG(body(test))).object!.functions[0]!.insns;
    expect(insns.filter((i) => i.code === 0x95).length, test).toBe(1); // one exit: the test went away
  }
  // tests the range does not decide keep the remainder, which is then reported
  for (const test of ['vport == 1', 'vport > 0', '(unsigned)vport > 5', 'vport != -1']) {
    expect(codes(PROG(body(test))), test).toEqual(['E5004']);
  }
});

it('a register that is also set from an unknown value has no range', () => {
  const src = PROG(`  int vport = len % 4;
  if (len > 100)
    vport = (int)len;
  return vport >= 10 ? XDP_ABORTED : XDP_PASS;`);
  expect(codes(src)).toEqual(['E5004']);
});
