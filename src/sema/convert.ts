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

/**
 * The bit-field an expression reads, as clang sees it: a bit-field member, an assignment to one
 * (its value is the stored value), a prefix ++/-- of one, or a comma whose last operand is one.
 */
export function sourceBitField(e: TExpr): T.StructMemberInfo | undefined {
  switch (e.kind) {
    case 'Member':
      return e.member.bitWidth > 0 ? e.member : undefined;
    case 'Assign':
    case 'CompoundAssign':
      return sourceBitField(e.target);
    case 'IncDec':
      return e.prefix ? sourceBitField(e.target) : undefined;
    case 'Comma':
      return e.exprs.length > 0 ? sourceBitField(e.exprs[e.exprs.length - 1]!) : undefined;
    default:
      return undefined;
  }
}

/**
 * C11 6.3.1.1p2 for bit-fields: one whose values all fit in int promotes to int, an unsigned one
 * of exactly int's width to unsigned int, whatever its declared type; a wider one keeps its type.
 * Returns `e` converted to that type (or `e` itself when nothing changes).
 */
export function promoteBitField(e: TExpr): TExpr {
  const field = sourceBitField(e);
  if (!field || !T.isInteger(e.type)) return e;
  const declared = T.asInt(e.type);
  const intBits = T.INT.sizeBytes * 8;
  let to: T.IntType;
  if (field.bitWidth < intBits || (declared.signed && field.bitWidth === intBits)) to = T.INT;
  else if (field.bitWidth === intBits) to = T.UINT;
  else return e;
  return castTo(e, to);
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
    case 'StringLit':
      return true;
    case 'Member':
      return isLvalue(e.object) || e.object.kind === 'Call' || e.object.kind === 'HelperCall';
    default:
      return false;
  }
}

/**
 * Says which conversion happens, in clang's words: `what` is 'initializing', 'assigning to',
 * 'returning' or 'passing to parameter of type'; `to` is the target type, `from` the value's.
 */
function conversionPhrase(what: string, to: CType, from: CType): string {
  const t = `'${T.typeToString(to)}'`;
  const f = `'${T.typeToString(from)}'`;
  if (what === 'returning') return `returning ${f} from a function with result type ${t}`;
  if (what === 'passing to parameter of type') return `passing ${f} to parameter of type ${t}`;
  if (what === 'initializing') return `initializing ${t} with an expression of type ${f}`;
  return `${what} ${t} from ${f}`;
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
        const phrase = conversionPhrase(what, to, value.type);
        if (sameIgnoringSign) warning(s, 'E3028', `${phrase} converts between pointers to integer types with different sign`, value.span);
        else warning(s, 'E3025', `incompatible pointer types: ${phrase}`, value.span);
      } else if (T.qualifiersOf(src.to).const && !T.qualifiersOf(dst.to).const) {
        warning(s, 'E3029', `${conversionPhrase(what, to, value.type)} discards the 'const' qualifier`, value.span);
      }
      return castTo(value, to);
    }
    if (T.isInteger(src)) {
      warning(s, 'E3026', `incompatible integer to pointer conversion: ${conversionPhrase(what, to, value.type)}`, value.span);
      return castTo(value, to);
    }
  } else if (T.isInteger(dst) && src.kind === 'ptr') {
    if (dst.kind === 'int' && dst.isBool) return castTo(value, to);
    warning(s, 'E3026', `incompatible pointer to integer conversion: ${conversionPhrase(what, to, value.type)}`, value.span);
    return castTo(value, to);
  }
  error(s, 'E3003', `incompatible types: ${conversionPhrase(what, to, value.type)}`, value.span);
  return castTo(value, to);
}

/** Converts a controlling expression (if/while/for/?:/&&/||/!) after checking it is scalar. */
export function checkCondition(s: SemaState, e: TExpr): TExpr {
  if (!T.isScalar(e.type)) {
    error(s, 'E3004', `statement requires expression of scalar type ('${T.typeToString(e.type)}' invalid)`, e.span);
  }
  return e;
}
