// Integer constant expressions (C11 6.6) over typed expressions: values have the C type of their
// expression, and division by zero or a shift by a negative or too large count is not a constant.
// Sema uses it for array sizes, case labels, enumerators, bitfield widths and static assertions;
// lowering for constant operands; codegen for the initial bytes of globals (their initializers are
// C constant expressions, which only this evaluator knows how to read). It is not the IR's
// evaluator (ir/eval.ts: BPF semantics on 32/64-bit registers, where x / 0 is 0); both take the
// arithmetic of each op from util/int-ops.ts.
import type { ArithOp, CompareOp } from './program.js';
import type { TExpr } from './program.js';
import { error, type SemaState } from './state.js';
import * as T from './types.js';
import type { IntType } from './types.js';
import { intBinary, intCompare } from '../util/int-ops.js';

/** Wraps a value to the range of an integer type (two's complement). */
export function wrapInt(value: bigint, t: IntType): bigint {
  if (t.isBool) return value === 0n ? 0n : 1n;
  const bits = BigInt(t.sizeBytes * 8);
  return t.signed ? BigInt.asIntN(Number(bits), value) : BigInt.asUintN(Number(bits), value);
}

/** The value of an integer constant expression, or undefined (with a diagnostic unless quiet). */
export function evalIntConst(s: SemaState, e: TExpr, opts: { quiet?: boolean } = {}): bigint | undefined {
  const v = tryEval(e);
  if (v === undefined && !opts.quiet) error(s, 'E3011', 'expression is not an integer constant expression', e.span);
  return v;
}

/** Evaluates without reporting; undefined if the expression is not constant. */
export function tryEval(e: TExpr): bigint | undefined {
  switch (e.kind) {
    case 'Const':
      return e.value;
    case 'Cast': {
      const t = T.strip(e.type);
      if (t.kind !== 'int' && t.kind !== 'enum' && t.kind !== 'ptr') return undefined;
      const v = tryEval(e.operand);
      if (v === undefined) return undefined;
      return t.kind === 'ptr' ? BigInt.asUintN(64, v) : wrapInt(v, T.asInt(t));
    }
    case 'Unary': {
      const v = tryEval(e.operand);
      if (v === undefined) return undefined;
      const t = T.asInt(e.type);
      if (e.op === 'neg') return wrapInt(-v, t);
      if (e.op === 'bitnot') return wrapInt(~v, t);
      return v === 0n ? 1n : 0n;
    }
    case 'Arith': {
      const a = tryEval(e.left);
      const b = tryEval(e.right);
      if (a === undefined || b === undefined) return undefined;
      const t = T.asInt(e.type);
      return evalArith(e.op, a, b, t);
    }
    case 'Compare': {
      const a = tryEval(e.left);
      const b = tryEval(e.right);
      if (a === undefined || b === undefined) return undefined;
      return compare(e.op, a, b) ? 1n : 0n;
    }
    case 'Logical': {
      const a = tryEval(e.left);
      if (a === undefined) return undefined;
      if (e.op === 'and' && a === 0n) return 0n;
      if (e.op === 'or' && a !== 0n) return 1n;
      const b = tryEval(e.right);
      if (b === undefined) return undefined;
      return b !== 0n ? 1n : 0n;
    }
    case 'Cond': {
      const c = tryEval(e.cond);
      if (c === undefined) return undefined;
      return tryEval(c !== 0n ? e.then : e.else);
    }
    case 'Comma':
      return undefined;
    case 'Builtin': {
      // clang folds a byte swap of a constant, so `case htobe16(53):` is a constant expression.
      const m = /^__builtin_bswap(16|32|64)$/.exec(e.name);
      if (!m) {
        // And the bit counts of one: FIELD_PREP(mask, v) shifts by __builtin_ctzl(mask).
        const k = bitCountBuiltin(e.name);
        const v = k ? tryEval(e.args[0]!) : undefined;
        return k && v !== undefined ? foldBitCount(k.op, v, k.bits) : undefined;
      }
      const v = tryEval(e.args[0]!);
      return v === undefined ? undefined : byteSwap(v, Number(m[1]) / 8);
    }
    default:
      return undefined;
  }
}

export type BitCountOp = 'ctz' | 'clz' | 'popcount' | 'ffs' | 'parity';

/** __builtin_ctz, clzl, popcountll, ffs, parity...: the count and the argument's width. */
export function bitCountBuiltin(name: string): { op: BitCountOp; bits: 32 | 64 } | undefined {
  const m = /^__builtin_(ctz|clz|popcount|ffs|parity)(l|ll)?$/.exec(name);
  return m ? { op: m[1] as BitCountOp, bits: m[2] ? 64 : 32 } : undefined;
}

/** The count of the low `bits` bits of `v`; undefined for ctz and clz of 0, which C leaves undefined. */
export function foldBitCount(op: BitCountOp, v: bigint, bits: 32 | 64): bigint | undefined {
  const x = BigInt.asUintN(bits, v);
  const ones = (y: bigint) => BigInt(y.toString(2).replace(/0/g, '').length);
  switch (op) {
    case 'popcount':
      return ones(x);
    case 'parity':
      return ones(x) & 1n;
    case 'ctz':
    case 'ffs': {
      if (x === 0n) return op === 'ffs' ? 0n : undefined;
      let n = 0n;
      while (((x >> n) & 1n) === 0n) n++;
      return op === 'ffs' ? n + 1n : n;
    }
    case 'clz':
      return x === 0n ? undefined : BigInt(bits - x.toString(2).length);
  }
}

/** The low `bytes` bytes of `v` in reverse order. */
function byteSwap(v: bigint, bytes: number): bigint {
  let out = 0n;
  for (let i = 0; i < bytes; i++) out = (out << 8n) | ((v >> BigInt(8 * i)) & 0xffn);
  return out;
}

export function evalArith(op: ArithOp, a: bigint, b: bigint, t: IntType): bigint | undefined {
  if ((op === 'div' || op === 'rem') && b === 0n) return undefined;
  if ((op === 'shl' || op === 'shr') && (b < 0n || b >= BigInt(t.sizeBytes * 8))) return undefined;
  return wrapInt(intBinary(op, a, b), t);
}

export function compare(op: CompareOp, a: bigint, b: bigint): boolean {
  return intCompare(op, a, b);
}
