// The arithmetic of the integer operations, stated once for the compiler's two evaluators:
// C constant expressions (sema/const-eval.ts, on C-typed values) and IR operations (ir/eval.ts,
// with BPF's semantics). Each op here is the mathematical operation on unbounded integers; the
// callers choose how operands are read (signed or unsigned at a width), what the edge cases mean
// (division by zero and out-of-range shift counts are not constant in C, and defined in BPF), and
// how the result wraps.

import { assertNever } from './assert-never.js';

/** Binary operations, by their C names (shr is arithmetic on a negative operand, as bigint >> is). */
export type IntBinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'rem' | 'shl' | 'shr' | 'and' | 'or' | 'xor';
/** Ordered comparisons and equality, by their C names. */
export type IntCompareOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

/**
 * `a op b` on unbounded integers. div and rem truncate toward zero (C11 6.5.5p6, and BPF's sdiv
 * and smod); b must not be 0 for them, nor negative for the shifts: the caller decides those cases.
 */
export function intBinary(op: IntBinaryOp, a: bigint, b: bigint): bigint {
  switch (op) {
    case 'add':
      return a + b;
    case 'sub':
      return a - b;
    case 'mul':
      return a * b;
    case 'div':
      return a / b;
    case 'rem':
      return a % b;
    case 'shl':
      return a << b;
    case 'shr':
      return a >> b;
    case 'and':
      return a & b;
    case 'or':
      return a | b;
    case 'xor':
      return a ^ b;
    default:
      return assertNever(op);
  }
}

export function intCompare(op: IntCompareOp, a: bigint, b: bigint): boolean {
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    default:
      return assertNever(op);
  }
}
