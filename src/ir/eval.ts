// What IR operations compute, on constant 64-bit values, with BPF's
// semantics (RFC 9669): 32-bit ops work on the low halves and zero-extend,
// division by zero gives 0, modulo by zero leaves the dividend, shift counts
// are masked to the operand width. Constant folding and the unroller use it.
import type { AluOp, CmpOp } from './ir.js';

const MASK64 = (1n << 64n) - 1n;

export function evalAlu(op: AluOp, bits: 32 | 64, a: bigint, b: bigint): bigint {
  const w = BigInt(bits);
  const x = BigInt.asUintN(bits, a);
  const y = BigInt.asUintN(bits, b);
  const sx = BigInt.asIntN(bits, a);
  const sy = BigInt.asIntN(bits, b);
  const shift = y & (w - 1n);
  let r: bigint;
  switch (op) {
    case 'add':
      r = x + y;
      break;
    case 'sub':
      r = x - y;
      break;
    case 'mul':
      r = x * y;
      break;
    case 'div':
      r = y === 0n ? 0n : x / y;
      break;
    case 'mod':
      r = y === 0n ? x : x % y;
      break;
    case 'sdiv':
      r = sy === 0n ? 0n : sx / sy;
      break;
    case 'smod':
      r = sy === 0n ? sx : sx % sy;
      break;
    case 'or':
      r = x | y;
      break;
    case 'and':
      r = x & y;
      break;
    case 'xor':
      r = x ^ y;
      break;
    case 'lsh':
      r = x << shift;
      break;
    case 'rsh':
      r = x >> shift;
      break;
    case 'arsh':
      r = sx >> shift;
      break;
    default: {
      const never: never = op;
      return never;
    }
  }
  return BigInt.asUintN(bits, r) & MASK64;
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

export function evalCmp(cmp: CmpOp, bits: 32 | 64, a: bigint, b: bigint): boolean {
  const x = BigInt.asUintN(bits, a);
  const y = BigInt.asUintN(bits, b);
  const sx = BigInt.asIntN(bits, a);
  const sy = BigInt.asIntN(bits, b);
  switch (cmp) {
    case 'eq':
      return x === y;
    case 'ne':
      return x !== y;
    case 'gt':
      return x > y;
    case 'ge':
      return x >= y;
    case 'lt':
      return x < y;
    case 'le':
      return x <= y;
    case 'sgt':
      return sx > sy;
    case 'sge':
      return sx >= sy;
    case 'slt':
      return sx < sy;
    case 'sle':
      return sx <= sy;
    case 'set':
      return (x & y) !== 0n;
    default: {
      const never: never = cmp;
      return never;
    }
  }
}
