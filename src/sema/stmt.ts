// Type checking of statements (C11 6.8) and block-scope declarations.
import type * as ast from '../parse/ast.js';
import { assertNever } from '../util/assert-never.js';
import type { Span } from '../diag/source.js';
import { checkAsmStmt } from './asm.js';
import { evalIntConst } from './const-eval.js';
import { castTo, checkCondition, convertForAssignment, promoteBitField } from './convert.js';
import { checkDeclaration } from './decl.js';
import { checkExpr } from './expr.js';
import type { LocalVar, TStmt } from './program.js';
import { error, popScope, pushScope, type SemaState } from './state.js';
import * as T from './types.js';
import type { CType } from './types.js';

export function newLocal(s: SemaState, name: string, type: CType, span: Span, isParam = false): LocalVar {
  const fn = s.fn!;
  const local: LocalVar = { kind: 'local', name, type, span, id: fn.nextLocalId++, isParam, addressTaken: false };
  fn.locals.push(local);
  return local;
}

export function checkBlockItems(s: SemaState, items: ast.BlockItem[]): TStmt[] {
  const out: TStmt[] = [];
  for (const item of items) {
    if (item.kind === 'Declaration') out.push(...checkDeclaration(s, item));
    else if (item.kind === 'StaticAssert') checkDeclaration(s, item);
    else out.push(checkStmt(s, item));
  }
  return out;
}

export function checkStmt(s: SemaState, st: ast.Stmt): TStmt {
  const fn = s.fn!;
  switch (st.kind) {
    case 'CompoundStmt': {
      pushScope(s);
      const items = withLocalLabels(s, st.items, () => checkBlockItems(s, st.items));
      popScope(s);
      return { kind: 'Block', items, span: st.span };
    }
    case 'ExprStmt':
      return st.expr ? { kind: 'Expr', expr: checkExpr(s, st.expr), span: st.span } : { kind: 'Empty', span: st.span };
    case 'IfStmt': {
      const cond = checkCondition(s, checkExpr(s, st.cond));
      return { kind: 'If', cond, then: checkStmt(s, st.then), else: st.else ? checkStmt(s, st.else) : undefined, span: st.span };
    }
    case 'WhileStmt':
    case 'DoWhileStmt': {
      const cond = checkCondition(s, checkExpr(s, st.cond));
      const body = inLoop(s, () => checkStmt(s, st.body));
      return { kind: 'Loop', loopKind: st.kind === 'WhileStmt' ? 'while' : 'do', cond, body, pragmas: st.pragmas.map((p) => p.text), span: st.span };
    }
    case 'ForStmt': {
      pushScope(s);
      let init: TStmt | undefined;
      if (st.init) {
        if (st.init.kind === 'Declaration') init = { kind: 'Block', items: checkDeclaration(s, st.init), span: st.init.span };
        else init = { kind: 'Expr', expr: checkExpr(s, st.init), span: st.init.span };
      }
      const cond = st.cond ? checkCondition(s, checkExpr(s, st.cond)) : undefined;
      // A statement expression in the step may break out of this loop (GNU; cond_break in
      // bpf_experimental.h is written `for (...; ...; cond_break, i++)`).
      const step = st.step ? inLoop(s, () => checkExpr(s, st.step!)) : undefined;
      const body = inLoop(s, () => checkStmt(s, st.body));
      popScope(s);
      return { kind: 'Loop', loopKind: 'for', init, cond, step, body, pragmas: st.pragmas.map((p) => p.text), span: st.span };
    }
    case 'SwitchStmt': {
      let cond = checkExpr(s, st.cond);
      if (!T.isInteger(cond.type)) error(s, 'E3004', `statement requires expression of integer type ('${T.typeToString(cond.type)}' invalid)`, st.cond.span);
      else {
        cond = promoteBitField(cond);
        cond = castTo(cond, T.promote(cond.type));
      }
      const sw = { cases: [] as (TStmt & { kind: 'Switch' })['cases'], defaultCase: undefined as (TStmt & { kind: 'Case' }) | undefined };
      fn.switches.push(sw);
      fn.breakableDepth++;
      const body = checkStmt(s, st.body);
      fn.breakableDepth--;
      fn.switches.pop();
      return { kind: 'Switch', cond, body, cases: sw.cases, defaultCase: sw.defaultCase, span: st.span };
    }
    case 'CaseStmt': {
      const sw = fn.switches[fn.switches.length - 1];
      const lo = evalIntConst(s, checkExpr(s, st.value)) ?? 0n;
      const hi = st.hi ? (evalIntConst(s, checkExpr(s, st.hi)) ?? lo) : lo;
      const target: TStmt & { kind: 'Case' } = { kind: 'Case', body: { kind: 'Empty', span: st.span }, span: st.span };
      if (!sw) error(s, 'E3021', "'case' statement not in switch statement", headSpan(st.span, 'case'.length));
      else {
        const dup = sw.cases.find((c) => c.lo <= hi && lo <= c.hi);
        if (dup) error(s, 'E3017', `duplicate case value '${lo}'`, st.value.span, [{ message: 'previous case defined here', span: dup.span }]);
        sw.cases.push({ lo, hi, target, span: st.value.span });
      }
      target.body = checkStmt(s, st.body);
      return target;
    }
    case 'DefaultStmt': {
      const sw = fn.switches[fn.switches.length - 1];
      const target: TStmt & { kind: 'Case' } = { kind: 'Case', body: { kind: 'Empty', span: st.span }, span: st.span };
      const keyword = headSpan(st.span, 'default'.length);
      if (!sw) error(s, 'E3021', "'default' statement not in switch statement", keyword);
      else if (sw.defaultCase) error(s, 'E3017', 'multiple default labels in one switch', keyword, [{ message: 'previous default defined here', span: headSpan(sw.defaultCase.span, 'default'.length) }]);
      else sw.defaultCase = target;
      target.body = checkStmt(s, st.body);
      return target;
    }
    case 'BreakStmt':
      if (fn.breakableDepth === 0) error(s, 'E3015', "'break' statement not in loop or switch statement", st.span);
      return { kind: 'Break', span: st.span };
    case 'ContinueStmt':
      if (fn.loopDepth === 0) error(s, 'E3015', "'continue' statement not in loop statement", st.span);
      return { kind: 'Continue', span: st.span };
    case 'ReturnStmt':
      return checkReturn(s, st);
    case 'GotoStmt': {
      const label = resolveLabel(s, st.label);
      fn.gotos.push({ label, name: st.label, span: st.span });
      return { kind: 'Goto', label, span: st.span };
    }
    case 'LabeledStmt': {
      const label = resolveLabel(s, st.label);
      const prev = fn.labels.get(label);
      const name = headSpan(st.span, st.label.length);
      if (prev) error(s, 'E3002', `redefinition of label '${st.label}'`, name, [{ message: 'previous definition is here', span: prev }]);
      fn.labels.set(label, name);
      return { kind: 'Label', label, body: checkStmt(s, st.body), span: st.span };
    }
    case 'LocalLabelDecl':
      return { kind: 'Empty', span: st.span }; // taken by withLocalLabels when its block was entered
    case 'AsmStmt':
      return checkAsmStmt(s, st);
    default:
      return assertNever(st);
  }
}

/**
 * Runs `check` on a block's items with the labels its `__label__` declarations name made local:
 * each stands for a function-wide label of its own (`l_true.2`), so a statement expression that
 * declares one can be expanded twice in a function.
 */
export function withLocalLabels<R>(s: SemaState, items: readonly ast.BlockItem[], check: () => R): R {
  const fn = s.fn!;
  const names = items.flatMap((i) => (i.kind === 'LocalLabelDecl' ? i.names : []));
  if (names.length === 0) return check();
  const scope = new Map<string, string>();
  for (const n of names) scope.set(n, `${n}.${fn.nextLocalLabel++}`);
  fn.localLabels.push(scope);
  try {
    return check();
  } finally {
    fn.localLabels.pop();
  }
}

/** The function-wide label a label name in the current block stands for. */
export function resolveLabel(s: SemaState, name: string): string {
  const scopes = s.fn!.localLabels;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const local = scopes[i]!.get(name);
    if (local !== undefined) return local;
  }
  return name;
}

function inLoop<R>(s: SemaState, f: () => R): R {
  const fn = s.fn!;
  fn.loopDepth++;
  fn.breakableDepth++;
  try {
    return f();
  } finally {
    fn.loopDepth--;
    fn.breakableDepth--;
  }
}

function checkReturn(s: SemaState, st: ast.ReturnStmt): TStmt {
  const ret = s.fn!.sym.type.ret;
  if (!st.expr) {
    if (!T.isVoid(ret)) error(s, 'E3020', `non-void function '${s.fn!.sym.name}' should return a value`, st.span);
    return { kind: 'Return', span: st.span };
  }
  const value = checkExpr(s, st.expr);
  if (T.isVoid(ret)) {
    if (!T.isVoid(value.type)) error(s, 'E3020', `void function '${s.fn!.sym.name}' should not return a value`, st.expr.span);
    return { kind: 'Return', expr: value, span: st.span };
  }
  return { kind: 'Return', expr: convertForAssignment(s, value, ret, 'returning'), span: st.span };
}

/** The first `lengthChars` of a statement's span: its keyword or label, without the body. */
function headSpan(span: Span, lengthChars: number): Span {
  return { file: span.file, start: span.start, end: Math.min(span.end, span.start + lengthChars) };
}
