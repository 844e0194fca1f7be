// Conversions (C11 6.3) and assignment compatibility (6.5.16.1).
import type { Span } from '../diag/source.js';
import type { TExpr } from './program.js';
import { error, warning, type SemaState } from './state.js';
import * as T from './types.js';
import type { CType } from './types.js';

/** Inserts a Cast to `to` unless the types are already the same. */
export function castTo(e: TExpr, to: CType, span: Span = e.span): TExpr {
  if (T.sameType(e.type, to) && T.qualifiersOf(e.type).volatile === T.qualifiersOf(to).volatile) return e;
  return { kind: 'Cast', type: to, operand: e, span };
}

export function isNullPointerConstant(e: TExpr): boolean {
  let x = e;
  while (x.kind === 'Cast' && (T.isInteger(x.type) || (T.isPointer(x.type) && T.isVoid(T.pointee(x.type)!)))) x = x.operand;
  return x.kind === 'Const' && x.value === 0n && T.isInteger(x.type);
}

export function isLvalue(e: TExpr): boolean {
  switch (e.kind) {
    case 'Local':
    case 'Global':
    case 'Deref':
    case 'CompoundLit':
      return true;
    case 'Member':
      return isLvalue(e.object) || e.object.kind === 'Call' || e.object.kind === 'HelperCall';
    default:
      return false;
  }
}

/** What `value` becomes when assigned to an object of type `to` (C11 6.5.16.1), with the diagnostics C requires. */
export function convertForAssignment(s: SemaState, value: TExpr, to: CType, what: string): TExpr {
  const dst = T.strip(to);
  const src = T.strip(value.type);
  if (T.isArithmetic(dst) && T.isArithmetic(src)) return castTo(value, to);
  if (dst.kind === 'record' && src.kind === 'record') {
    if (dst.info === src.info) return value;
  } else if (dst.kind === 'ptr') {
    if (isNullPointerConstant(value)) return castTo(value, to);
    if (src.kind === 'ptr') {
      const a = T.strip(dst.to);
      const b = T.strip(src.to);
      if (a.kind !== 'void' && b.kind !== 'void' && !T.sameType(dst.to, src.to)) {
        const sameIgnoringSign = a.kind === 'int' && b.kind === 'int' && a.sizeBytes === b.sizeBytes;
        warning(
          s,
          sameIgnoringSign ? 'E3028' : 'E3025',
          `${sameIgnoringSign ? 'passing or assigning' : 'incompatible pointer types'} ${what} '${T.typeToString(to)}' from '${T.typeToString(value.type)}'${sameIgnoringSign ? ' converts between pointers to integer types with different sign' : ''}`,
          value.span,
        );
      } else if (T.qualifiersOf(src.to).const && !T.qualifiersOf(dst.to).const) {
        warning(s, 'E3029', `${what} '${T.typeToString(to)}' from '${T.typeToString(value.type)}' discards the 'const' qualifier`, value.span);
      }
      return castTo(value, to);
    }
    if (T.isInteger(src)) {
      warning(s, 'E3026', `incompatible integer to pointer conversion: ${what} '${T.typeToString(to)}' from '${T.typeToString(value.type)}'`, value.span);
      return castTo(value, to);
    }
  } else if (T.isInteger(dst) && src.kind === 'ptr') {
    if (dst.kind === 'int' && dst.isBool) return castTo(value, to);
    warning(s, 'E3026', `incompatible pointer to integer conversion: ${what} '${T.typeToString(to)}' from '${T.typeToString(value.type)}'`, value.span);
    return castTo(value, to);
  }
  error(s, 'E3003', `incompatible types: ${what} '${T.typeToString(to)}' from '${T.typeToString(value.type)}'`, value.span);
  return castTo(value, to);
}

/** Converts a controlling expression (if/while/for/?:/&&/||/!) after checking it is scalar. */
export function checkCondition(s: SemaState, e: TExpr): TExpr {
  if (!T.isScalar(e.type)) {
    error(s, 'E3004', `statement requires expression of scalar type ('${T.typeToString(e.type)}' invalid)`, e.span);
  }
  return e;
}
