// A branch on x's bits from k up (`(x >> k) != 0`, `(x & ~(2^k - 1)) == 0`, a jset of such a
// mask) compares x with 2^k (opt/high-bit-tests.ts), so that the verifier learns x's range.
import { describe, expect, it } from 'vitest';
import { NO_SPAN } from '../../src/diag/source.js';
import type { AluOp, Block, CmpOp, Inst, IrFunction, Operand, VReg } from '../../src/ir/ir.js';
import { printFunction } from '../../src/ir/print.js';
import { validateFunction } from '../../src/ir/validate.js';
import { compareHighBits } from '../../src/opt/high-bit-tests.js';
import { compileString } from '../util/compile.js';

const span = NO_SPAN;
const r = (n: number) => n as VReg;
const imm = (v: bigint | number): Operand => ({ kind: 'imm', value: BigInt(v) });
const alu = (alu: AluOp, bits: 32 | 64, dst: number, a: number, b: bigint | number): Inst => ({ op: 'alu', alu, bits, dst: r(dst), a: { kind: 'reg', reg: r(a) }, b: imm(b), span });

/** b0: `extra`, then branches on `%cond CMP c`; b1 and b2 return. */
function tested(insts: Inst[], cmp: CmpOp, bits: 32 | 64, cond: number, c: bigint | number): IrFunction {
  const blocks: Block[] = [
    { id: 0, insts, term: { op: 'br', cmp, bits, a: r(cond), b: imm(c), then: 1, else: 2, span } },
    { id: 1, insts: [], term: { op: 'ret', value: imm(1), span } },
    { id: 2, insts: [], term: { op: 'ret', value: imm(2), span } },
  ];
  return { name: 'f', section: 'xdp', global: true, params: [r(0)], vregCount: 8, vregNames: new Map(), slots: [], blocks, span, source: undefined as never };
}

function branch(f: IrFunction): string {
  compareHighBits(f);
  expect(validateFunction(f)).toEqual([]);
  return printFunction(f).split('\n').find((l) => l.includes('br '))!.trim();
}

describe('compareHighBits', () => {
  it('compares the value itself where its shifted copy was tested against 0', () => {
    expect(branch(tested([alu('rsh', 32, 1, 0, 16)], 'ne', 32, 1, 0))).toBe('br ge.32 %0, 65536 -> b1, b2');
    expect(branch(tested([alu('rsh', 64, 1, 0, 20)], 'eq', 64, 1, 0))).toBe('br lt.64 %0, 1048576 -> b1, b2');
    // A 32-bit shift tested by a 64-bit branch: its result is the low half's, zero-extended.
    expect(branch(tested([alu('rsh', 32, 1, 0, 16)], 'eq', 64, 1, 0))).toBe('br lt.32 %0, 65536 -> b1, b2');
  });

  it('does the same for a mask of the high bits, and for a jset of one', () => {
    expect(branch(tested([alu('and', 32, 1, 0, 0xffff0000)], 'eq', 32, 1, 0))).toBe('br lt.32 %0, 65536 -> b1, b2');
    expect(branch(tested([alu('and', 64, 1, 0, -256)], 'ne', 64, 1, 0))).toBe('br ge.64 %0, 256 -> b1, b2');
    expect(branch(tested([], 'set', 32, 0, 0xfffff000))).toBe('br ge.32 %0, 4096 -> b1, b2');
  });

  it('leaves other tests alone', () => {
    // A 64-bit shift tested on its low half, a mask with a hole, an arithmetic shift, x written after the shift.
    expect(branch(tested([alu('rsh', 64, 1, 0, 16)], 'ne', 32, 1, 0))).toBe('br ne.32 %1, 0 -> b1, b2');
    expect(branch(tested([alu('and', 32, 1, 0, 0xff00ff00)], 'eq', 32, 1, 0))).toBe('br eq.32 %1, 0 -> b1, b2');
    expect(branch(tested([alu('arsh', 32, 1, 0, 16)], 'eq', 32, 1, 0))).toBe('br eq.32 %1, 0 -> b1, b2');
    expect(branch(tested([alu('rsh', 32, 1, 0, 16), { op: 'mov', bits: 64, dst: r(0), src: imm(3), span }], 'eq', 32, 1, 0))).toBe('br eq.32 %1, 0 -> b1, b2');
  });

  it('makes a checksum fold leave its sum in [0, 0xffff]: the loop tests the sum itself', () => {
    const out = compileString(`#include <linux/bpf.h>
      __attribute__((section("xdp"))) int p(struct xdp_md *ctx) {
        __u32 sum = ctx->rx_queue_index * 77777;
        while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
        return sum; }`, {}, 'ir');
    expect(out.text).toBe('');
    expect(printFunction(out.ir!.functions[0]!)).toMatch(/br (lt|ge)\.32 %\d+, 65536/);
  });
});
