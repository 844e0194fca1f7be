// Lowering of statements: structured control flow becomes blocks and jumps.
// Every instruction gets the span of the statement (or controlling
// expression) it comes from: that is the line table's source.
import { lowerAsm } from './asm.js';
import { imm, type BlockId, type LoopHint, type Operand } from '../ir/ir.js';
import type { TExpr, TStmt } from '../sema/program.js';
import { tailSelfCallsOf } from '../sema/tail-calls.js';
import * as T from '../sema/types.js';
import { emit, homeOf, jumpTo, newBlock, startBlock, terminate, type Lowerer, type TailTarget } from './builder.js';
import { lowerBuiltin } from './builtins.js';
import { homeLValue, initLocal, lowerCond, lowerExpr, storeLValue } from './expr.js';

export function lowerStmt(l: Lowerer, st: TStmt): void {
  switch (st.kind) {
    case 'Block':
      for (const item of st.items) lowerStmt(l, item);
      return;
    case 'Expr': {
      l.span = st.span;
      let e = st.expr;
      while (e.kind === 'Cast' && T.isVoid(e.type)) e = e.operand;
      // `(void)bpf_throw;` (bpf_experimental.h, for a kfunc its asm calls): a function designator
      // alone has no effect, and an extern one has no address to take here.
      let f = e;
      while (f.kind === 'Decay' || f.kind === 'AddrOf') f = f.operand;
      if (f.kind === 'FuncRef') return;
      if (e.kind === 'Builtin') lowerBuiltin(l, e, true);
      else lowerExpr(l, e);
      return;
    }
    case 'Decl':
      l.span = st.span;
      if (st.init) initLocal(l, st.local, st.init);
      return;
    case 'If': {
      l.span = st.cond.span;
      const thenB = newBlock(l);
      const join = newBlock(l);
      const elseB = st.else ? newBlock(l) : join;
      lowerCond(l, st.cond, thenB, elseB);
      startBlock(l, thenB);
      lowerStmt(l, st.then);
      if (l.cur) jumpTo(l, join);
      if (st.else) {
        startBlock(l, elseB);
        lowerStmt(l, st.else);
        if (l.cur) jumpTo(l, join);
      }
      startBlock(l, join);
      return;
    }
    case 'Loop':
      lowerLoop(l, st);
      return;
    case 'Switch':
      lowerSwitch(l, st);
      return;
    case 'Case': {
      const block = l.caseBlocks.get(st);
      if (block !== undefined) {
        if (l.cur) jumpTo(l, block);
        startBlock(l, block);
      }
      lowerStmt(l, st.body);
      return;
    }
    case 'Break':
      l.span = st.span;
      jumpTo(l, l.breakTargets[l.breakTargets.length - 1]!);
      return;
    case 'Continue':
      l.span = st.span;
      jumpTo(l, l.continueTargets[l.continueTargets.length - 1]!);
      return;
    case 'Return': {
      l.span = st.span;
      const frame = l.inline[l.inline.length - 1];
      const tail = frame ? frame.tail : l.tail;
      if (st.expr && tail && tailSelfCallsOf(st.expr, tail.def.sym.name).length > 0) {
        returnThroughTailCalls(l, st.expr, tail);
        return;
      }
      returnValue(l, st.expr ? lowerExpr(l, st.expr) : undefined);
      return;
    }
    case 'Goto':
      l.span = st.span;
      jumpTo(l, labelBlock(l, st.label));
      return;
    case 'Label': {
      const b = labelBlock(l, st.label);
      if (l.cur) jumpTo(l, b);
      startBlock(l, b);
      lowerStmt(l, st.body);
      return;
    }
    case 'Asm':
      lowerAsm(l, st);
      return;
    case 'Barrier':
    case 'Empty':
      return;
    default: {
      const never: never = st;
      return never;
    }
  }
}

/** Returns `value` from the function being lowered (an inlined callee: to the call's exit). */
function returnValue(l: Lowerer, value: Operand | undefined): void {
  const frame = l.inline[l.inline.length - 1];
  if (frame) {
    if (frame.result !== undefined && value) emit(l, { op: 'mov', bits: 64, dst: frame.result, src: value, span: l.span });
    jumpTo(l, frame.exit);
    return;
  }
  terminate(l, { op: 'ret', value: value ?? (T.isVoid(l.fn.source.sym.type.ret) ? undefined : imm(0)), span: l.span });
}

/**
 * `return e;` where e calls the function itself in tail position (sema/tail-calls.ts): a call of
 * itself evaluates its arguments, gives them to the parameters and jumps to the start of the
 * body; a conditional branches and returns each arm so; anything else is returned.
 */
function returnThroughTailCalls(l: Lowerer, e: TExpr, tail: TailTarget): void {
  if (e.kind === 'Call' && e.callee.name === tail.def.sym.name) {
    const args = e.args.map((a) => lowerExpr(l, a));
    tail.def.params.forEach((p, i) => {
      storeLValue(l, homeLValue(homeOf(l, p), p.type), args[i]!);
    });
    jumpTo(l, tail.start);
    return;
  }
  if (e.kind === 'Cond' && tailSelfCallsOf(e, tail.def.sym.name).length > 0) {
    const whenTrue = newBlock(l);
    const whenFalse = newBlock(l);
    lowerCond(l, e.cond, whenTrue, whenFalse);
    startBlock(l, whenTrue);
    returnThroughTailCalls(l, e.then, tail);
    startBlock(l, whenFalse);
    returnThroughTailCalls(l, e.else, tail);
    return;
  }
  returnValue(l, lowerExpr(l, e));
}

export function labelBlock(l: Lowerer, label: string): BlockId {
  const labels = l.labels[l.labels.length - 1]!;
  let b = labels.get(label);
  if (b === undefined) {
    b = newBlock(l);
    labels.set(label, b);
  }
  return b;
}

/**
 * What a loop's pragmas ask of the unroller, as clang reads them: `#pragma unroll` (with or
 * without a count; ebcc unrolls a loop fully or not at all), `#pragma clang loop unroll(full)`,
 * `unroll(enable)` or `unroll_count(N)` (N a number or a macro) unroll it whatever its size;
 * `#pragma nounroll`, `#pragma unroll 1`, `unroll_count(1)` and `#pragma clang loop
 * unroll(disable)` keep it a loop. The last one written wins.
 */
export function loopUnrollHint(pragmas: readonly string[]): LoopHint['unroll'] | undefined {
  let hint: LoopHint['unroll'] | undefined;
  for (const text of pragmas) {
    const p = text.replace(/\s+/g, '');
    if (/^unroll\(?1\)?$/.test(p)) hint = 'disable';
    else if (/^unroll($|[(\w])/.test(p)) hint = 'full';
    else if (p === 'nounroll') hint = 'disable';
    else if (p.startsWith('clangloop')) {
      // A count is a constant expression, often a macro (`unroll_count(MAX_WORDS)`); a count of 1 unrolls nothing.
      if (/unroll_count\(1\)/.test(p)) hint = 'disable';
      else if (/unroll\((full|enable)\)|unroll_count\(/.test(p)) hint = 'full';
      if (/unroll\(disable\)/.test(p)) hint = 'disable';
    }
  }
  return hint;
}

function lowerLoop(l: Lowerer, st: TStmt & { kind: 'Loop' }): void {
  const hint = st.cond ? loopUnrollHint(st.pragmas) : undefined;
  if (hint && st.cond) (l.fn.loopHints ??= []).push({ cond: st.cond.span, unroll: hint });
  if (st.init) lowerStmt(l, st.init);
  const head = newBlock(l);
  const body = newBlock(l);
  const step = newBlock(l);
  const exit = newBlock(l);
  if (st.loopKind === 'do') jumpTo(l, body);
  else jumpTo(l, head);
  startBlock(l, head);
  if (st.cond) {
    l.span = st.cond.span;
    lowerCond(l, st.cond, body, exit);
  } else jumpTo(l, body);
  startBlock(l, body);
  l.breakTargets.push(exit);
  l.continueTargets.push(step);
  lowerStmt(l, st.body);
  if (l.cur) jumpTo(l, step);
  startBlock(l, step);
  if (st.step) {
    // Still inside the loop: a statement expression here may break out of it.
    l.span = st.step.span;
    lowerExpr(l, st.step);
  }
  l.breakTargets.pop();
  l.continueTargets.pop();
  if (l.cur) jumpTo(l, head);
  startBlock(l, exit);
}

function lowerSwitch(l: Lowerer, st: TStmt & { kind: 'Switch' }): void {
  l.span = st.cond.span;
  const v = lowerExpr(l, st.cond);
  const bits = (T.sizeOf(st.cond.type) ?? 4) > 4 ? 64 : 32;
  const signed = T.asInt(st.cond.type).signed;
  const exit = newBlock(l);
  const map = l.caseBlocks;
  const reg = v.kind === 'reg' ? v.reg : undefined;
  for (const c of st.cases) {
    const target = newBlock(l);
    map.set(c.target, target);
    const toValue = (x: bigint) => imm(BigInt.asUintN(bits, x));
    if (reg === undefined) {
      const x = BigInt.asIntN(bits, (v as { value: bigint }).value);
      if (x >= c.lo && x <= c.hi) jumpTo(l, target);
      continue;
    }
    const next = newBlock(l);
    if (c.lo === c.hi) terminate(l, { op: 'br', cmp: 'eq', bits, a: reg, b: toValue(c.lo), then: target, else: next, span: l.span });
    else {
      const mid = newBlock(l);
      terminate(l, { op: 'br', cmp: signed ? 'sge' : 'ge', bits, a: reg, b: toValue(c.lo), then: mid, else: next, span: l.span });
      startBlock(l, mid);
      terminate(l, { op: 'br', cmp: signed ? 'sle' : 'le', bits, a: reg, b: toValue(c.hi), then: target, else: next, span: l.span });
    }
    startBlock(l, next);
  }
  let defaultBlock = exit;
  if (st.defaultCase) {
    defaultBlock = newBlock(l);
    map.set(st.defaultCase, defaultBlock);
  }
  if (l.cur) jumpTo(l, defaultBlock);
  l.breakTargets.push(exit);
  lowerStmt(l, st.body);
  l.breakTargets.pop();
  if (l.cur) jumpTo(l, exit);
  startBlock(l, exit);
}
