// Type checking of expressions (C11 6.5): resolves names, applies the
// conversions of 6.3 explicitly, and builds the typed tree of program.ts.
import { helperById } from '../bpf/helpers.js';
import type { Span } from '../diag/source.js';
import type * as ast from '../parse/ast.js';
import { isTypeName } from '../parse/ast.js';
import { assertNever } from '../util/assert-never.js';
import { checkBuiltinCall, isBuiltinName } from './builtins.js';
import { evalIntConst, tryEval, wrapInt } from './const-eval.js';
import { castTo, checkCondition, convertForAssignment, isLvalue, isNullPointerConstant, promoteBitField } from './convert.js';
import { resolveTypeName } from './decl-types.js';
import { checkInitializer } from './init.js';
import { findMember } from './layout.js';
import type { ArithOp, CompareOp, FuncSym, GlobalVar, LocalVar, TExpr, TStmt } from './program.js';
import { error, lookupName, popScope, pushScope, type SemaState } from './state.js';
import { checkBlockItems, newLocal, withLocalLabels } from './stmt.js';
import { reportUndeclared } from './bpf-rules.js';
import * as T from './types.js';
import type { CType } from './types.js';

export interface ExprOptions {
  /** Keep arrays and functions as they are (operand of sizeof, &, typeof). */
  noDecay?: boolean;
}

export function checkExpr(s: SemaState, e: ast.Expr, opts: ExprOptions = {}): TExpr {
  const t = checkExprInner(s, e);
  return opts.noDecay ? t : decay(t);
}

/** A string literal (C11 6.4.5): an lvalue array of char, placed in read-only data by codegen. */
function stringLiteral(bytes: number[], span: Span): TExpr {
  return { kind: 'StringLit', bytes, type: { kind: 'array', elem: T.CHAR, length: bytes.length }, span };
}

/** Array-to-pointer and function-to-pointer conversion (C11 6.3.2.1). */
export function decay(e: TExpr): TExpr {
  const t = T.strip(e.type);
  if (t.kind === 'array') return { kind: 'Decay', type: T.ptrTo(t.elem), operand: e, span: e.span };
  if (t.kind === 'func' && e.kind === 'FuncRef') return functionAddress(e);
  return e;
}

/** `f` or `&f` used as a value: the function becomes a .text subprogram whose address is loaded (a callback). */
function functionAddress(e: TExpr & { kind: 'FuncRef' }): TExpr {
  e.sym.addressTaken = true;
  return { kind: 'AddrOf', operand: e, type: T.ptrTo(e.type), span: e.span };
}

const BINARY_ARITH: Partial<Record<ast.BinaryOp, ArithOp>> = {
  '*': 'mul', '/': 'div', '%': 'rem', '+': 'add', '-': 'sub', '<<': 'shl', '>>': 'shr', '&': 'and', '|': 'or', '^': 'xor',
};
const BINARY_COMPARE: Partial<Record<ast.BinaryOp, CompareOp>> = {
  '<': 'lt', '>': 'gt', '<=': 'le', '>=': 'ge', '==': 'eq', '!=': 'ne',
};

function constant(value: bigint, type: CType, span: ast.Expr['span']): TExpr {
  return { kind: 'Const', value: wrapInt(value, T.asInt(type)), type, span };
}

function checkExprInner(s: SemaState, e: ast.Expr): TExpr {
  switch (e.kind) {
    case 'Ident':
      return checkIdent(s, e);
    case 'IntLit':
      return { kind: 'Const', value: e.value, type: intLiteralType(s, e), span: e.span };
    case 'CharLit':
      return { kind: 'Const', value: BigInt(e.prefix === '' ? (e.value << 24) >> 24 : e.value), type: T.INT, span: e.span };
    case 'StringLit':
      return stringLiteral([...e.bytes, 0], e.span);
    case 'BinaryExpr':
      return checkBinary(s, e);
    case 'AssignExpr':
      return checkAssign(s, e);
    case 'UnaryExpr':
      return checkUnary(s, e);
    case 'PostfixExpr': {
      const target = checkExpr(s, e.operand);
      return incDec(s, target, e.op === '++' ? 1 : -1, false, e.span);
    }
    case 'CondExpr':
      return checkConditional(s, e);
    case 'CallExpr':
      return checkCall(s, e);
    case 'MemberExpr':
      return checkMember(s, e);
    case 'IndexExpr': {
      const a = checkExpr(s, e.array);
      const i = checkExpr(s, e.index);
      const [p, idx] = T.isPointer(a.type) ? [a, i] : [i, a];
      if (!T.isPointer(p.type) || !T.isInteger(idx.type)) {
        error(s, 'E3004', `subscripted value is not an array or pointer ('${T.typeToString(a.type)}')`, e.array.span);
        return constant(0n, T.INT, e.span);
      }
      return deref(s, pointerAdd(s, p, idx, 1, e.span), e.span);
    }
    case 'CastExpr':
      return checkCast(s, e);
    case 'SizeofExpr': {
      const t = isTypeName(e.arg) ? resolveTypeName(s, e.arg) : checkExpr(s, e.arg, { noDecay: true }).type;
      const size = T.sizeOf(t);
      if (size === undefined || T.strip(t).kind === 'void') {
        if (size === undefined) error(s, 'E3008', `invalid application of 'sizeof' to an incomplete type '${T.typeToString(t)}'`, e.span);
      }
      return { kind: 'Const', value: BigInt(size ?? 0), type: T.SIZE_T, span: e.span };
    }
    case 'AlignofExpr': {
      const t = isTypeName(e.arg) ? resolveTypeName(s, e.arg) : checkExpr(s, e.arg, { noDecay: true }).type;
      return { kind: 'Const', value: BigInt(T.alignOf(t)), type: T.SIZE_T, span: e.span };
    }
    case 'CommaExpr': {
      const exprs = e.exprs.map((x) => checkExpr(s, x));
      return { kind: 'Comma', exprs, type: exprs[exprs.length - 1]!.type, span: e.span };
    }
    case 'StmtExpr': {
      if (!s.fn) {
        error(s, 'E3011', 'statement expression not allowed at file scope: a global initializer must be a constant expression', e.span);
        return constant(0n, T.INT, e.span);
      }
      pushScope(s);
      const items = withLocalLabels(s, e.body.items, () => checkBlockItems(s, e.body.items));
      popScope(s);
      const last = items[items.length - 1];
      if (last && last.kind === 'Expr') {
        items.pop();
        return { kind: 'StmtExpr', body: items, result: last.expr, type: last.expr.type, span: e.span };
      }
      // `({ ...; l_true: ret; })`: a labelled expression statement gives the value too (GNU); the
      // label stays, on an empty statement, and the value is computed after it.
      let labelled: TStmt | undefined = last;
      while (labelled?.kind === 'Label' && labelled.body.kind === 'Label') labelled = labelled.body;
      if (labelled?.kind === 'Label' && labelled.body.kind === 'Expr') {
        const result = labelled.body.expr;
        labelled.body = { kind: 'Empty', span: labelled.body.span };
        return { kind: 'StmtExpr', body: items, result, type: result.type, span: e.span };
      }
      return { kind: 'StmtExpr', body: items, type: T.VOID, span: e.span };
    }
    case 'CompoundLiteral': {
      const type = resolveTypeName(s, e.type);
      if (!s.fn) {
        // C11 6.5.2.5p5 gives it static storage, which a BPF program has only in maps.
        error(s, 'E3101', 'a compound literal at file scope is an unnamed global object, which ebcc does not make: declare a named global and use its address', e.span);
        return constant(0n, T.INT, e.span);
      }
      const local = newLocal(s, '(compound literal)', type, e.span);
      local.addressTaken = true;
      const checked = checkInitializer(s, e.init, type, e.span);
      local.type = checked.type;
      return { kind: 'CompoundLit', local, init: checked.init, type: checked.type, span: e.span };
    }
    case 'OffsetofExpr':
      return checkOffsetof(s, e);
    case 'TypesCompatibleExpr': {
      const a = resolveTypeName(s, e.a);
      const b = resolveTypeName(s, e.b);
      return constant(T.sameType(a, b) ? 1n : 0n, T.INT, e.span);
    }
    case 'GenericSelection':
      return checkGenericSelection(s, e);
    case 'ChooseExpr': {
      const c = evalIntConst(s, checkExpr(s, e.cond));
      return checkExpr(s, c !== undefined && c !== 0n ? e.then : e.else);
    }
    default:
      return assertNever(e);
  }
}

function checkIdent(s: SemaState, e: ast.Ident): TExpr {
  const sym = lookupName(s, e.name);
  if (!sym) {
    if (e.name === '__func__' || e.name === '__FUNCTION__') {
      return stringLiteral([...new TextEncoder().encode(s.fn?.sym.name ?? ''), 0], e.span);
    }
    reportUndeclared(s, e.name, e.span);
    return constant(0n, T.INT, e.span);
  }
  switch (sym.kind) {
    case 'local':
      sym.referenced = true;
      return { kind: 'Local', sym, type: sym.type, span: e.span };
    case 'global':
      return { kind: 'Global', sym, type: sym.type, span: e.span };
    case 'func':
      return { kind: 'FuncRef', sym, type: sym.type, span: e.span };
    case 'enumconst':
      return { kind: 'Const', value: sym.value, type: sym.type, span: e.span };
    case 'typedef':
      error(s, 'E3004', `unexpected type name '${e.name}': expected expression`, e.span);
      return constant(0n, T.INT, e.span);
    default:
      return assertNever(sym);
  }
}

/** C11 6.4.4.1p5: the first type in the literal's list that can represent it. */
function intLiteralType(s: SemaState, e: ast.IntLit): CType {
  const suffix = e.suffix.toLowerCase();
  const unsignedOnly = suffix.includes('u');
  const longRank = suffix.includes('ll') ? 2 : suffix.includes('l') ? 1 : 0;
  const candidates: T.IntType[] = [];
  if (longRank === 0) candidates.push(...(unsignedOnly ? [T.UINT] : e.nonDecimal ? [T.INT, T.UINT] : [T.INT]));
  if (longRank <= 1) candidates.push(...(unsignedOnly ? [T.ULONG] : e.nonDecimal ? [T.LONG, T.ULONG] : [T.LONG]));
  candidates.push(...(unsignedOnly ? [T.ULLONG] : e.nonDecimal ? [T.LLONG, T.ULLONG] : [T.LLONG]));
  for (const t of candidates) if (wrapInt(e.value, t) === e.value) return t;
  if (e.value <= 0xffffffffffffffffn) return T.ULLONG;
  error(s, 'E3030', `integer literal '${e.text}' is too large to be represented in any integer type`, e.span);
  return T.ULLONG;
}

function checkBinary(s: SemaState, e: ast.BinaryExpr): TExpr {
  if (e.op === '&&' || e.op === '||') {
    const left = checkCondition(s, checkExpr(s, e.left));
    const right = checkCondition(s, checkExpr(s, e.right));
    return { kind: 'Logical', op: e.op === '&&' ? 'and' : 'or', left, right, type: T.INT, span: e.span };
  }
  const left = checkExpr(s, e.left);
  const right = checkExpr(s, e.right);
  return binaryOp(s, e.op, left, right, e.span);
}

export function binaryOp(s: SemaState, op: ast.BinaryOp, left: TExpr, right: TExpr, span: ast.Expr['span']): TExpr {
  left = promoteBitField(left);
  right = promoteBitField(right);
  const cmp = BINARY_COMPARE[op];
  const lt = left.type;
  const rt = right.type;
  if (op === '+' || op === '-') {
    if (T.isPointer(lt) && T.isInteger(rt)) return pointerAdd(s, left, right, op === '+' ? 1 : -1, span);
    if (op === '+' && T.isInteger(lt) && T.isPointer(rt)) return pointerAdd(s, right, left, 1, span);
    if (op === '-' && T.isPointer(lt) && T.isPointer(rt)) {
      const elem = T.pointee(lt)!;
      if (!T.sameType(T.strip(elem), T.strip(T.pointee(rt)!))) {
        error(s, 'E3004', `'${T.typeToString(lt)}' and '${T.typeToString(rt)}' are not pointers to compatible types`, span);
      }
      return { kind: 'PtrDiff', left, right, elemSize: elementSize(s, elem, span), type: T.PTRDIFF_T, span };
    }
  }
  if (cmp) {
    if (T.isArithmetic(lt) && T.isArithmetic(rt)) {
      if (!checkIntegerOperands(s, op, left, right, span)) return constant(0n, T.INT, span);
      const ct = T.usualArithmetic(lt, rt);
      return { kind: 'Compare', op: cmp, left: castTo(left, ct), right: castTo(right, ct), type: T.INT, span };
    }
    if (T.isPointer(lt) || T.isPointer(rt)) {
      const pt = T.isPointer(lt) ? lt : rt;
      const other = T.isPointer(lt) ? right : left;
      if (!T.isPointer(other.type)) {
        if (!isNullPointerConstant(other)) {
          error(s, 'E3004', `comparison between pointer and integer ('${T.typeToString(lt)}' and '${T.typeToString(rt)}')`, span);
        }
      } else if (!T.isVoid(T.pointee(lt)!) && !T.isVoid(T.pointee(rt)!) && !T.sameType(T.strip(T.pointee(lt)!), T.strip(T.pointee(rt)!))) {
        s.ctx.diags.warning('E3027', `comparison of distinct pointer types ('${T.typeToString(lt)}' and '${T.typeToString(rt)}')`, span);
      }
      return { kind: 'Compare', op: cmp, left: castTo(left, pt), right: castTo(right, pt), type: T.INT, span };
    }
  }
  const arith = BINARY_ARITH[op];
  if (arith && T.isArithmetic(lt) && T.isArithmetic(rt)) {
    if (!checkIntegerOperands(s, op, left, right, span)) return constant(0n, T.INT, span);
    if (arith === 'shl' || arith === 'shr') {
      const pt = T.promote(lt);
      const count = tryEval(right);
      if (count !== undefined && (count < 0n || count >= BigInt(pt.sizeBytes * 8))) {
        s.ctx.diags.warning('E3031', `shift count ${count} is ${count < 0n ? 'negative' : `>= width of type '${pt.name}' (${pt.sizeBytes * 8} bits)`}: the result is undefined in C`, right.span);
      }
      return { kind: 'Arith', op: arith, left: castTo(left, pt), right: castTo(right, T.promote(rt)), type: pt, span };
    }
    const ct = T.usualArithmetic(lt, rt);
    return { kind: 'Arith', op: arith, left: castTo(left, ct), right: castTo(right, ct), type: ct, span };
  }
  error(s, 'E3004', `invalid operands to binary expression ('${T.typeToString(lt)}' and '${T.typeToString(rt)}')`, span);
  return constant(0n, T.INT, span);
}

function checkIntegerOperands(s: SemaState, op: string, left: TExpr, right: TExpr, span: ast.Expr['span']): boolean {
  if (T.strip(left.type).kind === 'float' || T.strip(right.type).kind === 'float') {
    error(s, 'E3103', `floating-point arithmetic ('${op}') is not supported in BPF programs: the BPF instruction set has no floating-point registers`, span);
    return false;
  }
  return true;
}

function elementSize(s: SemaState, elem: CType, span: ast.Expr['span']): number {
  const size = T.sizeOf(elem);
  if (size === undefined) {
    error(s, 'E3008', `arithmetic on a pointer to an incomplete type '${T.typeToString(elem)}'`, span);
    return 1;
  }
  return size;
}

export function pointerAdd(s: SemaState, ptr: TExpr, index: TExpr, sign: 1 | -1, span: ast.Expr['span']): TExpr {
  const elemSize = elementSize(s, T.pointee(ptr.type)!, span);
  let idx = castTo(index, T.LONG);
  if (sign < 0) idx = { kind: 'Unary', op: 'neg', operand: idx, type: T.LONG, span: index.span };
  return { kind: 'PtrAdd', ptr, index: idx, elemSize, type: ptr.type, span };
}

export function deref(s: SemaState, ptr: TExpr, span: ast.Expr['span']): TExpr {
  const to = T.pointee(ptr.type);
  if (!to) {
    error(s, 'E3013', `indirection requires pointer operand ('${T.typeToString(ptr.type)}' invalid)`, span);
    return constant(0n, T.INT, span);
  }
  return { kind: 'Deref', ptr, type: to, span };
}

const COMPOUND_OPS: Record<Exclude<ast.AssignOp, '='>, ast.BinaryOp> = {
  '*=': '*', '/=': '/', '%=': '%', '+=': '+', '-=': '-', '<<=': '<<', '>>=': '>>', '&=': '&', '^=': '^', '|=': '|',
};

function checkAssignable(s: SemaState, target: TExpr, span: ast.Expr['span']): boolean {
  if (!isLvalue(target) || T.strip(target.type).kind === 'array') {
    error(s, 'E3005', T.strip(target.type).kind === 'array' ? `array type '${T.typeToString(target.type)}' is not assignable` : 'expression is not assignable', span);
    return false;
  }
  if (T.qualifiersOf(target.type).const) {
    error(s, 'E3005', `cannot assign to a variable with const-qualified type '${T.typeToString(target.type)}'`, span);
    return false;
  }
  return true;
}

function checkAssign(s: SemaState, e: ast.AssignExpr): TExpr {
  const target = checkExpr(s, e.target, { noDecay: true });
  const value = checkExpr(s, e.value);
  checkAssignable(s, target, e.target.span);
  if (e.op === '=') {
    return { kind: 'Assign', target, value: convertForAssignment(s, value, target.type, 'assigning to'), type: target.type, span: e.span };
  }
  const combined = binaryOp(s, COMPOUND_OPS[e.op], target, value, e.span);
  if (combined.kind === 'PtrAdd') {
    return { kind: 'CompoundAssign', op: 'add', target, value: combined.index, opType: target.type, ptrElemSize: combined.elemSize, type: target.type, span: e.span };
  }
  if (combined.kind !== 'Arith') return combined;
  return { kind: 'CompoundAssign', op: combined.op, target, value: combined.right, opType: combined.type, type: target.type, span: e.span };
}

function incDec(s: SemaState, target: TExpr, sign: 1 | -1, prefix: boolean, span: ast.Expr['span']): TExpr {
  checkAssignable(s, target, span);
  let delta: number = sign;
  if (T.isPointer(target.type)) delta = sign * elementSize(s, T.pointee(target.type)!, span);
  else if (!T.isInteger(target.type)) error(s, 'E3004', `cannot increment value of type '${T.typeToString(target.type)}'`, span);
  return { kind: 'IncDec', target, delta, prefix, type: target.type, span };
}

function checkUnary(s: SemaState, e: ast.UnaryExpr): TExpr {
  switch (e.op) {
    case '__extension__':
    case '__real__':
      return checkExpr(s, e.operand);
    case '__imag__':
      return constant(0n, T.INT, e.span);
    case '&': {
      const operand = checkExpr(s, e.operand, { noDecay: true });
      if (operand.kind === 'FuncRef') return { ...functionAddress(operand), span: e.span };
      if (!isLvalue(operand)) {
        error(s, 'E3005', 'cannot take the address of an rvalue', e.span);
        return constant(0n, T.INT, e.span);
      }
      if (operand.kind === 'Member' && operand.member.bitWidth > 0) {
        error(s, 'E3005', `address of bit-field '${operand.member.name}' requested`, e.span);
      }
      markAddressTaken(operand);
      return { kind: 'AddrOf', operand, type: T.ptrTo(operand.type), span: e.span };
    }
    case '*':
      return deref(s, checkExpr(s, e.operand), e.span);
    case '++':
    case '--':
      return incDec(s, checkExpr(s, e.operand), e.op === '++' ? 1 : -1, true, e.span);
    case '!': {
      const operand = checkCondition(s, checkExpr(s, e.operand));
      return { kind: 'Unary', op: 'lognot', operand, type: T.INT, span: e.span };
    }
    case '-':
    case '+':
    case '~': {
      const operand = promoteBitField(checkExpr(s, e.operand));
      if (!T.isArithmetic(operand.type) || (e.op === '~' && !T.isInteger(operand.type))) {
        error(s, 'E3004', `invalid argument type '${T.typeToString(operand.type)}' to unary expression`, e.span);
        return constant(0n, T.INT, e.span);
      }
      if (!checkIntegerOperands(s, e.op, operand, operand, e.span)) return constant(0n, T.INT, e.span);
      const pt = T.promote(operand.type);
      const conv = castTo(operand, pt);
      if (e.op === '+') return conv;
      return { kind: 'Unary', op: e.op === '-' ? 'neg' : 'bitnot', operand: conv, type: pt, span: e.span };
    }
    default:
      return assertNever(e.op);
  }
}

export function markAddressTaken(e: TExpr): void {
  if (e.kind === 'Local' || e.kind === 'Global') e.sym.addressTaken = true;
  else if (e.kind === 'Member') markAddressTaken(e.object);
}

function checkConditional(s: SemaState, e: ast.CondExpr): TExpr {
  const cond = checkCondition(s, checkExpr(s, e.cond));
  const thenE = promoteBitField(e.then ? checkExpr(s, e.then) : cond);
  const elseE = promoteBitField(checkExpr(s, e.else));
  const a = thenE.type;
  const b = elseE.type;
  let type: CType;
  if (T.isArithmetic(a) && T.isArithmetic(b)) type = T.usualArithmetic(a, b);
  else if (T.isVoid(a) && T.isVoid(b)) type = T.VOID;
  else if (T.isPointer(a) && isNullPointerConstant(elseE)) type = a;
  else if (T.isPointer(b) && isNullPointerConstant(thenE)) type = b;
  else if (T.isPointer(a) && T.isPointer(b)) type = T.isVoid(T.pointee(a)!) ? a : T.isVoid(T.pointee(b)!) ? b : a;
  else if (T.strip(a).kind === 'record' && T.sameType(a, b)) type = a;
  else {
    error(s, 'E3004', `incompatible operand types ('${T.typeToString(a)}' and '${T.typeToString(b)}')`, e.span);
    type = a;
  }
  return { kind: 'Cond', cond, then: castTo(thenE, type), else: castTo(elseE, type), type, span: e.span };
}

function checkCast(s: SemaState, e: ast.CastExpr): TExpr {
  const to = resolveTypeName(s, e.type);
  const operand = checkExpr(s, e.operand);
  const dst = T.strip(to);
  if (dst.kind === 'void') return { kind: 'Cast', operand, type: to, span: e.span };
  if (dst.kind === 'float' || T.strip(operand.type).kind === 'float') {
    error(s, 'E3103', 'floating-point conversions are not supported in BPF programs', e.span);
    return constant(0n, T.INT, e.span);
  }
  if (!T.isScalar(dst) || !T.isScalar(operand.type)) {
    if (T.sameType(to, operand.type)) return operand;
    error(s, 'E3024', `cannot cast from '${T.typeToString(operand.type)}' to '${T.typeToString(to)}'`, e.span);
    return constant(0n, T.INT, e.span);
  }
  return { kind: 'Cast', operand, type: to, span: e.span };
}

function checkMember(s: SemaState, e: ast.MemberExpr): TExpr {
  let object = checkExpr(s, e.object, { noDecay: !e.arrow });
  if (e.arrow) {
    if (!T.isPointer(object.type)) {
      error(s, 'E3007', `member reference type '${T.typeToString(object.type)}' is not a pointer; did you mean to use '.'?`, e.span);
      return constant(0n, T.INT, e.span);
    }
    object = deref(s, object, e.object.span);
  }
  const rt = T.strip(object.type);
  if (rt.kind !== 'record') {
    error(s, 'E3007', `member reference base type '${T.typeToString(object.type)}' is not a structure or union`, e.span);
    return constant(0n, T.INT, e.span);
  }
  if (!rt.info.complete) {
    error(s, 'E3008', `incomplete definition of type '${T.typeToString(object.type)}'`, e.span, [{ message: 'forward declaration is here', span: rt.info.span }]);
    return constant(0n, T.INT, e.span);
  }
  const found = findMember(rt.info, e.member);
  if (!found) {
    error(s, 'E3006', `no member named '${e.member}' in '${T.typeToString(object.type)}'`, e.memberSpan);
    return constant(0n, T.INT, e.span);
  }
  const quals = T.qualifiersOf(object.type);
  for (const m of [...found.path, found.member]) {
    object = { kind: 'Member', object, member: m, type: T.qualify(m.type, quals.const, quals.volatile), span: e.span };
  }
  return object;
}

function checkCall(s: SemaState, e: ast.CallExpr): TExpr {
  if (e.callee.kind === 'Ident' && !lookupName(s, e.callee.name) && isBuiltinName(e.callee.name)) {
    return checkBuiltinCall(s, e.callee.name, e.args, e.span);
  }
  const callee = checkExpr(s, e.callee, { noDecay: true });
  // memset(p, 0, n) is the builtin's call, as clang takes it in a hosted compile, even when the
  // file declares or defines its own memset (l3af's IPFIX exporter defines one that stops at the
  // first zero byte of uninitialised stack; clang's object zeroes the record).
  if (callee.kind === 'FuncRef' && isLibraryBuiltin(s, callee.sym) && e.args.length === 3) return checkBuiltinCall(s, `__builtin_${callee.sym.name}`, e.args, e.span);
  const args = e.args.map((a) => checkExpr(s, a));
  if (callee.kind === 'Const' && callee.value === 0n && e.callee.kind === 'Ident' && !lookupName(s, e.callee.name)) {
    return constant(0n, T.INT, e.span); // undeclared: already reported
  }
  let fnType: CType | undefined;
  const ct = T.strip(callee.type);
  if (ct.kind === 'func') fnType = ct;
  else if (ct.kind === 'ptr' && T.strip(ct.to).kind === 'func') fnType = T.strip(ct.to);
  if (!fnType || fnType.kind !== 'func') {
    error(s, 'E3010', `called object type '${T.typeToString(callee.type)}' is not a function or function pointer`, e.callee.span);
    return constant(0n, T.INT, e.span);
  }
  const converted = convertArgs(s, fnType, args, e);
  const type = fnType.ret;
  if (callee.kind === 'FuncRef') return { kind: 'Call', callee: callee.sym, args: converted, type, span: e.span };
  if (callee.kind === 'Global' && callee.sym.role === 'helper' && callee.sym.helperId !== undefined) {
    return { kind: 'HelperCall', helper: callee.sym, helperId: callee.sym.helperId, args: converted, type, span: e.span };
  }
  // A helper called through its id cast to a function pointer (`((int (*)(void *, void *, int))12)(ctx, map, i)`,
  // as xdpcap calls bpf_tail_call whatever the headers name it): clang emits `call 12`.
  const id = callee.kind === 'Cast' && T.isInteger(callee.operand.type) ? tryEval(callee.operand) : undefined;
  if (id !== undefined && id > 0n && id < 0x7fffffffn) {
    const helper: GlobalVar = { kind: 'global', name: helperById(Number(id))?.name ?? `helper #${id}`, type: callee.type, span: e.callee.span, isStatic: true, isExtern: false, role: 'helper', helperId: Number(id) };
    return { kind: 'HelperCall', helper, helperId: Number(id), args: converted, type, span: e.span };
  }
  error(s, 'E3105', 'calls through function pointers are not supported in BPF programs: only direct calls and BPF helpers can be called', e.callee.span);
  return constant(0n, T.INT, e.span);
}

const LIBRARY_BUILTINS: ReadonlySet<string> = new Set(['memcpy', 'memmove', 'memset', 'memcmp', 'bcmp']);

/** A library function whose calls are its builtin's: not static, and not named by -ffreestanding, -fno-builtin or -fno-builtin-NAME. */
function isLibraryBuiltin(s: SemaState, sym: FuncSym): boolean {
  if (!LIBRARY_BUILTINS.has(sym.name) || sym.isStatic) return false;
  const off = s.ctx.options.noBuiltins ?? [];
  return !off.includes('*') && !off.includes(sym.name);
}

function convertArgs(s: SemaState, fn: Extract<CType, { kind: 'func' }>, args: TExpr[], e: ast.CallExpr): TExpr[] {
  if (fn.hasPrototype) {
    const n = fn.params.length;
    if (args.length < n || (args.length > n && !fn.variadic)) {
      error(s, 'E3009', `too ${args.length < n ? 'few' : 'many'} arguments to function call, expected ${fn.variadic ? 'at least ' : ''}${n}, have ${args.length}`, e.span);
    }
  }
  return args.map((a, i) => {
    const p = fn.params[i];
    if (p && fn.hasPrototype) return convertForAssignment(s, a, p.type, `passing to parameter of type`);
    if (T.isInteger(a.type)) return castTo(promoteBitField(a), T.promote(promoteBitField(a).type));
    return a;
  });
}

function checkOffsetof(s: SemaState, e: ast.OffsetofExpr): TExpr {
  let type = resolveTypeName(s, e.type);
  let offset = 0n;
  for (const d of e.path) {
    const t = T.strip(type);
    if (d.kind === 'FieldDesignator') {
      if (t.kind !== 'record') {
        error(s, 'E3007', `offsetof requires a struct or union type, not '${T.typeToString(type)}'`, d.span);
        break;
      }
      const found = findMember(t.info, d.name);
      if (!found) {
        error(s, 'E3006', `no member named '${d.name}' in '${T.typeToString(type)}'`, d.span);
        break;
      }
      offset += BigInt(found.offsetBytes);
      type = found.member.type;
    } else {
      if (t.kind !== 'array') {
        error(s, 'E3004', `offsetof subscript on non-array type '${T.typeToString(type)}'`, d.span);
        break;
      }
      const idx = evalIntConst(s, checkExpr(s, d.index)) ?? 0n;
      offset += idx * BigInt(T.sizeOf(t.elem) ?? 0);
      type = t.elem;
    }
  }
  return { kind: 'Const', value: offset, type: T.SIZE_T, span: e.span };
}

export function localRef(local: LocalVar, span: ast.Expr['span']): TExpr {
  return { kind: 'Local', sym: local, type: local.type, span };
}

/**
 * _Generic (C11 6.5.1.1): the association whose type is compatible with the controlling
 * expression's type after lvalue conversion (qualifiers dropped, arrays and functions decayed);
 * the control is not evaluated. Integer types of one size and sign but another name ('long',
 * 'long long') are told apart first, as clang does, then matched as compatible.
 */
function checkGenericSelection(s: SemaState, e: ast.GenericSelection): TExpr {
  const control = T.strip(checkExpr(s, e.control).type);
  const typed = e.associations.flatMap((a) => (a.type ? [{ type: resolveTypeName(s, a.type), expr: a.expr }] : []));
  const named = (t: T.CType): string | undefined => {
    const x = T.strip(t);
    return x.kind === 'int' ? x.name : undefined;
  };
  const chosen =
    typed.find((a) => T.sameType(a.type, control) && named(a.type) === named(control)) ??
    typed.find((a) => T.sameType(a.type, control)) ??
    e.associations.find((a) => !a.type);
  if (!chosen) {
    error(s, 'E3003', `controlling expression type '${T.typeToString(control)}' not compatible with any generic association type`, e.control.span);
    return constant(0n, T.INT, e.span);
  }
  return checkExpr(s, chosen.expr);
}
