// What IR operations compute, on constant 64-bit values, with BPF's
// semantics (RFC 9669): 32-bit ops work on the low halves and zero-extend,
// division by zero gives 0, modulo by zero leaves the dividend, shift counts
// are masked to the operand width. Constant folding and the unroller use it.
// This is not sema's evaluator of C constant expressions (sema/const-eval.ts):
// there division by zero and out-of-range shifts are not constants, and values
// have C types. Both take the arithmetic of each op from util/int-ops.ts.
import { intBinary, intCompare, type IntBinaryOp, type IntCompareOp } from '../util/int-ops.js';
import type { AluOp, CmpOp } from './ir.js';

/** Each IR ALU op: the shared arithmetic it is, and whether it reads its operands as signed. */
const ALU_ARITH: Readonly<Record<AluOp, { op: IntBinaryOp; signed: boolean }>> = {
  add: { op: 'add', signed: false }, sub: { op: 'sub', signed: false }, mul: { op: 'mul', signed: false },
  div: { op: 'div', signed: false }, mod: { op: 'rem', signed: false },
  sdiv: { op: 'div', signed: true }, smod: { op: 'rem', signed: true },
  or: { op: 'or', signed: false }, and: { op: 'and', signed: false }, xor: { op: 'xor', signed: false },
  lsh: { op: 'shl', signed: false }, rsh: { op: 'shr', signed: false }, arsh: { op: 'shr', signed: true },
};

export function evalAlu(op: AluOp, bits: 32 | 64, a: bigint, b: bigint): bigint {
  const { op: arith, signed } = ALU_ARITH[op];
  const x = signed ? BigInt.asIntN(bits, a) : BigInt.asUintN(bits, a);
  let y = signed ? BigInt.asIntN(bits, b) : BigInt.asUintN(bits, b);
  // BPF defines what C leaves undefined: x / 0 = 0, x % 0 = x, and shift counts are masked.
  if ((arith === 'div' || arith === 'rem') && y === 0n) return BigInt.asUintN(bits, arith === 'div' ? 0n : x);
  if (arith === 'shl' || arith === 'shr') y = BigInt.asUintN(bits, b) & BigInt(bits - 1);
  return BigInt.asUintN(bits, intBinary(arith, x, y));
}

export function evalNeg(bits: 32 | 64, a: bigint): bigint {
  return BigInt.asUintN(bits, -a);
}

export function evalSext(bits: 32 | 64, fromBits: 8 | 16 | 32, a: bigint): bigint {
  return BigInt.asUintN(bits, BigInt.asIntN(fromBits, a));
}

/** Byte swap of the low `bits` bits, zero-extended (BPF_END to big endian on a little-endian machine). */
export function evalBswap(bits: 16 | 32 | 64, a: bigint): bigint {
  let x = BigInt.asUintN(bits, a);
  let out = 0n;
  for (let i = 0; i < bits / 8; i++) {
    out = (out << 8n) | (x & 0xffn);
    x >>= 8n;
  }
  return out;
}

/** Each IR comparison: the shared comparison it is, and whether it reads its operands as signed. */
const CMP_ARITH: Readonly<Record<Exclude<CmpOp, 'set'>, { op: IntCompareOp; signed: boolean }>> = {
  eq: { op: 'eq', signed: false }, ne: { op: 'ne', signed: false },
  gt: { op: 'gt', signed: false }, ge: { op: 'ge', signed: false }, lt: { op: 'lt', signed: false }, le: { op: 'le', signed: false },
  sgt: { op: 'gt', signed: true }, sge: { op: 'ge', signed: true }, slt: { op: 'lt', signed: true }, sle: { op: 'le', signed: true },
};

export function evalCmp(cmp: CmpOp, bits: 32 | 64, a: bigint, b: bigint): boolean {
  if (cmp === 'set') return (BigInt.asUintN(bits, a) & BigInt.asUintN(bits, b)) !== 0n;
  const { op, signed } = CMP_ARITH[cmp];
  const read = (v: bigint): bigint => (signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v));
  return intCompare(op, read(a), read(b));
}
