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
      const v = m ? tryEval(e.args[0]!) : undefined;
      return v === undefined ? undefined : byteSwap(v, Number(m![1]) / 8);
    }
    default:
      return undefined;
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
