// Initializers (C11 6.7.9): braces, brace elision, designators, string
// literals for char arrays, and arrays of unknown size. The result is a flat
// list of scalar stores at byte offsets; everything not listed is zero.
import type * as ast from '../parse/ast.js';
import type { Span } from '../diag/source.js';
import { evalIntConst } from './const-eval.js';
import { castTo, convertForAssignment } from './convert.js';
import { checkExpr } from './expr.js';
import { findMember } from './layout.js';
import type { TExpr, TInit, TInitEntry } from './program.js';
import { error, warning, type SemaState } from './state.js';
import * as T from './types.js';
import type { CType } from './types.js';

/** Most elements one range designator ([lo ... hi], GNU) may initialize. */
const MAX_RANGE_ELEMENTS = 65536;

interface Cursor {
  items: ast.InitItem[];
  pos: number;
}

interface InitState {
  s: SemaState;
  entries: TInitEntry[];
  /** Highest element index + 1 seen for the outermost array of unknown size. */
  unknownLength: number;
  /** Each initializer expression is checked once: brace elision may look at it before using it. */
  checked: Map<ast.Expr, TExpr>;
}

function exprOf(st: InitState, e: ast.Expr): TExpr {
  let t = st.checked.get(e);
  if (!t) {
    t = checkExpr(st.s, e);
    st.checked.set(e, t);
  }
  return t;
}

export function checkInitializer(s: SemaState, init: ast.Initializer, type: CType, span: Span): { init: TInit; type: CType } {
  const st = T.strip(type);
  if (init.kind !== 'InitList' && st.kind !== 'array' && st.kind !== 'record') {
    return { init: { kind: 'Scalar', expr: convertForAssignment(s, checkExpr(s, init), type, 'initializing'), span }, type };
  }
  const state: InitState = { s, entries: [], unknownLength: 0, checked: new Map() };
  initObject(state, type, 0, init, true);
  let finalType = type;
  if (st.kind === 'array' && st.length === undefined) finalType = { kind: 'array', elem: st.elem, length: state.unknownLength };
  return { init: { kind: 'Aggregate', sizeBytes: T.sizeOf(finalType) ?? 0, entries: state.entries, span }, type: finalType };
}

function initObject(st: InitState, type: CType, offset: number, init: ast.Initializer, outermost = false): void {
  const t = T.strip(type);
  if (init.kind === 'InitList') {
    if (t.kind !== 'array' && t.kind !== 'record') {
      // Braces around a scalar initializer.
      if (init.items.length === 0) return;
      if (init.items.length > 1) warning(st.s, 'E3032', 'excess elements in scalar initializer', init.items[1]!.span);
      initObject(st, type, offset, init.items[0]!.init);
      return;
    }
    const cur: Cursor = { items: init.items, pos: 0 };
    fillAggregate(st, type, offset, cur, false, outermost);
    if (cur.pos < cur.items.length) warning(st.s, 'E3032', `excess elements in ${t.kind === 'array' ? 'array' : t.info.tag} initializer`, cur.items[cur.pos]!.span);
    return;
  }
  if (t.kind === 'array' && init.kind === 'StringLit' && T.isInteger(t.elem) && T.sizeOf(t.elem) === 1) {
    const bytes = [...init.bytes, 0];
    const n = t.length ?? bytes.length;
    if (t.length !== undefined && init.bytes.length > t.length) warning(st.s, 'E3032', 'initializer-string for char array is too long', init.span);
    for (let i = 0; i < Math.min(n, bytes.length); i++) {
      if (bytes[i] !== 0) st.entries.push({ offsetBytes: offset + i, type: t.elem, expr: { kind: 'Const', value: BigInt(bytes[i]!), type: t.elem, span: init.span } });
    }
    if (outermost && t.length === undefined) st.unknownLength = bytes.length;
    return;
  }
  const value = exprOf(st, init);
  if (t.kind === 'array' || (t.kind === 'record' && !T.sameType(value.type, type))) {
    error(st.s, 'E3014', `initializing '${T.typeToString(type)}' with an expression of incompatible type '${T.typeToString(value.type)}'`, init.span);
    return;
  }
  if (t.kind === 'record') {
    st.entries.push({ offsetBytes: offset, type, expr: value });
    return;
  }
  st.entries.push({ offsetBytes: offset, type, expr: convertForAssignment(st.s, value, type, 'initializing') });
}

/** Consumes items from `cur` to initialise the aggregate at `offset`. */
function fillAggregate(st: InitState, type: CType, offset: number, cur: Cursor, elided: boolean, outermost: boolean): void {
  const t = T.strip(type);
  if (t.kind === 'record') {
    const members = t.info.members;
    let next = 0;
    while (cur.pos < cur.items.length) {
      const item = cur.items[cur.pos]!;
      if (item.designators.length > 0) {
        if (elided) return;
        const d = item.designators[0]!;
        if (d.kind !== 'FieldDesignator') {
          error(st.s, 'E3014', `array designator cannot initialize non-array type '${T.typeToString(type)}'`, d.span);
          cur.pos++;
          continue;
        }
        const found = findMember(t.info, d.name);
        if (!found) {
          error(st.s, 'E3006', `field designator '${d.name}' does not refer to any field in type '${T.typeToString(type)}'`, d.span);
          cur.pos++;
          continue;
        }
        const top = found.path[0] ?? found.member;
        next = members.indexOf(top) + 1;
        if (item.designators.length === 1) {
          // `.member = value` (C11 6.7.9p17, p20): the member is the current object, so for an
          // aggregate member without braces ({ .lock = 0, ... }) brace elision starts there, and
          // the undesignated items that follow go on filling it.
          cur.items = [...cur.items];
          cur.items[cur.pos] = { ...item, designators: [] };
          initSubobject(st, found.member.type, offset + found.offsetBytes, cur, found.member);
        } else {
          cur.pos++;
          initDesignated(st, found.member.type, offset + found.offsetBytes, item.designators.slice(1), item.init, found.member);
        }
        if (t.info.tag === 'union') return;
        continue;
      }
      if (next >= members.length) return;
      const m = members[next++]!;
      initSubobject(st, m.type, offset + m.offsetBytes, cur, m);
      if (t.info.tag === 'union') return;
    }
    return;
  }
  if (t.kind !== 'array') return;
  const elemSize = T.sizeOf(t.elem) ?? 0;
  let index = 0;
  while (cur.pos < cur.items.length) {
    if (t.length !== undefined && index >= t.length && cur.items[cur.pos]!.designators.length === 0) return;
    const item = cur.items[cur.pos]!;
    if (item.designators.length > 0) {
      if (elided) return;
      const d = item.designators[0]!;
      if (d.kind !== 'IndexDesignator') {
        error(st.s, 'E3014', `field designator '${d.name}' used to initialize array type '${T.typeToString(type)}'`, d.span);
        cur.pos++;
        continue;
      }
      const lo = Number(evalIntConst(st.s, checkExpr(st.s, d.index)) ?? 0n);
      const hi = d.hi ? Number(evalIntConst(st.s, checkExpr(st.s, d.hi)) ?? BigInt(lo)) : lo;
      if (lo < 0 || (t.length !== undefined && hi >= t.length)) {
        error(st.s, 'E3014', `array index ${hi} is past the end of the array (which contains ${t.length} elements)`, d.span);
        cur.pos++;
        continue;
      }
      cur.pos++;
      if (hi - lo >= MAX_RANGE_ELEMENTS) {
        // Each element is checked and stored one by one: refuse before doing that work.
        error(st.s, 'E3014', `the range designator [${lo} ... ${hi}] initializes ${hi - lo + 1} elements, more than the ${MAX_RANGE_ELEMENTS} ebcc accepts (BPF objects are far smaller)`, d.span);
        continue;
      }
      for (let i = lo; i <= hi; i++) initDesignated(st, t.elem, offset + i * elemSize, item.designators.slice(1), item.init);
      index = hi + 1;
      if (outermost) st.unknownLength = Math.max(st.unknownLength, index);
      continue;
    }
    initSubobject(st, t.elem, offset + index * elemSize, cur);
    index++;
    if (outermost) st.unknownLength = Math.max(st.unknownLength, index);
  }
}

/** Initialises one member or element from the next item, eliding braces for nested aggregates. */
function initSubobject(st: InitState, type: CType, offset: number, cur: Cursor, member?: T.StructMemberInfo): void {
  const item = cur.items[cur.pos]!;
  const t = T.strip(type);
  const isAggregate = t.kind === 'array' || t.kind === 'record';
  const takesWhole =
    item.init.kind === 'InitList' ||
    !isAggregate ||
    (t.kind === 'array' && item.init.kind === 'StringLit') ||
    (t.kind === 'record' && exprHasRecordType(st, item.init, type));
  if (takesWhole) {
    cur.pos++;
    if (member && member.bitWidth > 0) initBitfield(st, member, offset, item.init);
    else initObject(st, type, offset, item.init);
    return;
  }
  fillAggregate(st, type, offset, cur, true, false);
}

function exprHasRecordType(st: InitState, init: ast.Initializer, type: CType): boolean {
  if (init.kind === 'InitList') return false;
  return T.sameType(exprOf(st, init).type, type);
}

function initDesignated(st: InitState, type: CType, offset: number, rest: ast.Designator[], init: ast.Initializer, member?: T.StructMemberInfo): void {
  if (rest.length === 0) {
    if (member && member.bitWidth > 0) initBitfield(st, member, offset, init);
    else initObject(st, type, offset, init);
    return;
  }
  const item: ast.InitItem = { kind: 'InitItem', span: rest[0]!.span, designators: rest, init };
  fillAggregate(st, type, offset, { items: [item], pos: 0 }, false, false);
}

function initBitfield(st: InitState, m: T.StructMemberInfo, unitOffset: number, init: ast.Initializer): void {
  if (init.kind === 'InitList') {
    if (init.items[0]) initBitfield(st, m, unitOffset, init.items[0].init);
    return;
  }
  const value = castTo(exprOf(st, init), m.type);
  st.entries.push({ offsetBytes: unitOffset, type: m.type, bitOffset: m.bitOffset - m.offsetBytes * 8, bitWidth: m.bitWidth, ...(m.packed ? { packed: true } : {}), expr: value });
}
