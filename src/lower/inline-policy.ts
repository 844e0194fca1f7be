// Which calls of static functions stay BPF-to-BPF calls instead of being inlined. clang inlines a
// function that is __always_inline, or called once, or cheap enough at the call site; a larger
// function called from several places stays one subprogram in .text that its callers call
// (katran's jhash, a tracer's probe_ip called by two kprobes, an event writer called from a
// hundred places). ebcc follows the same model, estimated on the typed tree:
// - the cost of a function is its estimated instruction count, bottom up: a call that is inlined
//   counts with its callee's cost, another call with the call and its arguments;
// - a function is called from the number of places left once __always_inline functions are
//   expanded (LLVM expands those first): a call in an __always_inline function counts once per
//   place that function is expanded;
// - a call is kept when the callee is called from two places or more and costs more than the
//   threshold: LLVM's -O2 inline threshold (225, or 325 for a function declared `inline`) over its
//   cost per instruction (5); at a cold call site, one reached on less than 2% of the entries of
//   the function it is in, the threshold is LLVM's cold call-site threshold (45, over 5). As in
//   LLVM, a callee of one basic block gets half again, the call's own instructions count for
//   inlining, and loads and stores through an argument that is a local's address are free. How
//   often a call site is reached is estimated as LLVM does without a profile: each branch goes
//   either way with even odds, except that a test of a value against zero (`if (!p)`) is taken
//   with odds 12 to 20, code after a statement that returns on one arm runs that much less, and
//   a loop's body runs 32 times per entry of the loop.
//
// A function is kept out of line only where a static subprogram keeps the program's meaning and
// the kernel's rules: it is static (a global function would be verified on its own, against its
// BTF prototype), takes at most five arguments, none and no result a struct by value, and the
// unit uses no LD_ABS/LD_IND packet load (the kernel refuses them beside BPF-to-BPF calls), no
// tail call (every frame under a tail call is limited to 256 bytes of stack) and no bpf_spin_lock
// (no call while a lock is held). The driver compiles again with every call inlined when that
// object has an error or ebcc's verifier refuses one of its programs (driver/compile.ts).
import type { CompileContext } from '../context.js';
import type { FuncDef, FuncSym, Program, TExpr, TStmt } from '../sema/program.js';
import { MAX_CALL_ARGS } from '../sema/bpf-rules.js';
import { tailSelfCalls } from '../sema/tail-calls.js';
import { helperByName } from '../bpf/helpers.js';
import { packetLoadIntrinsic } from '../bpf/intrinsics.js';
import * as T from '../sema/types.js';

/** LLVM's inline thresholds at -O2 over its cost of an instruction (5); see keepsCall for its bonuses. */
const THRESHOLD = 45;
const THRESHOLD_INLINE_HINT = 65;
const THRESHOLD_COLD = 9;
/** A call site reached on fewer of its function's entries than this is cold. */
const COLD_FREQUENCY = 0.02;
/** The cost of a call besides its arguments: LLVM's call penalty (25) over 5. */
const CALL_COST = 5;
/** How often a loop's body runs per entry of the loop: LLVM's back-edge odds (31 to 1). */
const LOOP_TRIPS = 32;
/** How often a test against zero (`x == 0`, `!p`) holds: LLVM's zero and pointer heuristics, 12 of 32. */
const ZERO_TAKEN = 12 / 32;

export interface InlinePolicy {
  /** Estimated instruction count of each function, callees inlined as the policy decides. */
  cost: Map<string, BodyCost>;
  /** Places each function is called from once __always_inline functions are expanded. */
  sites: Map<string, number>;
  /** How often each call is reached per entry of the function whose body holds it. */
  frequency: Map<TExpr, number>;
  /** Functions that may be kept as BPF-to-BPF calls. */
  outlinable: Set<string>;
}

/** The policy of a program; every call is inlined when `ctx.inlining.all` is set or the unit rules calls out. */
export function inlinePolicy(program: Program, ctx: CompileContext): InlinePolicy {
  const policy: InlinePolicy = { cost: new Map(), sites: new Map(), frequency: new Map(), outlinable: new Set() };
  if (ctx.inlining?.all || ctx.options.optLevel === 0) return policy;
  const defs = new Map<string, FuncDef>();
  for (const fd of program.functions) defs.set(fd.sym.name, fd);
  const tailCall = helperByName('bpf_tail_call')?.id;
  const spinLock = helperByName('bpf_spin_lock')?.id;
  // Call sites per function body, with how often each is reached, and the unit-wide reasons to inline everything.
  const callsIn = new Map<string, (TExpr & { kind: 'Call' })[]>();
  let forbidden = false;
  for (const fd of program.functions) {
    const tail = tailSelfCalls(fd);
    const calls: (TExpr & { kind: 'Call' })[] = [];
    stmtFrequency(fd.body, 1, (x, freq) => {
      if (x.kind === 'Call') {
        if (!tail.has(x)) {
          calls.push(x);
          policy.frequency.set(x, freq);
        }
        if (!x.callee.def && packetLoadIntrinsic(x.callee.asmLabel)) forbidden = true;
      }
      if (x.kind === 'HelperCall' && (x.helperId === tailCall || x.helperId === spinLock)) forbidden = true;
    });
    callsIn.set(fd.sym.name, calls);
  }
  if (forbidden) return policy;

  // Functions that code reaches: programs, non-static functions, __noinline ones and callbacks, and what they call.
  const reached = new Set<string>();
  const work = program.functions.filter((fd) => fd.sym.section !== undefined || !fd.sym.isStatic || fd.sym.noInline || fd.sym.addressTaken).map((fd) => fd.sym.name);
  while (work.length > 0) {
    const name = work.pop()!;
    if (reached.has(name)) continue;
    reached.add(name);
    for (const c of callsIn.get(name) ?? []) work.push(c.callee.name);
  }
  // Expansions of each function's body: once, or for an __always_inline function once per place it is expanded.
  const expansions = new Map<string, number>();
  const callers = new Map<string, string[]>();
  for (const name of reached) {
    for (const c of callsIn.get(name) ?? []) {
      const list = callers.get(c.callee.name);
      if (list) list.push(name);
      else callers.set(c.callee.name, [name]);
    }
  }
  const expanded = (name: string, depth: number): number => {
    const known = expansions.get(name);
    if (known !== undefined) return known;
    const sym = defs.get(name)?.sym;
    let n = 1;
    if (sym?.alwaysInline && !sym.noInline && depth < 64) {
      n = 0;
      for (const caller of callers.get(name) ?? []) n += expanded(caller, depth + 1);
    }
    expansions.set(name, n);
    return n;
  };
  for (const name of reached) for (const c of callsIn.get(name) ?? []) policy.sites.set(c.callee.name, (policy.sites.get(c.callee.name) ?? 0) + expanded(name, 0));
  for (const name of reached) {
    const fd = defs.get(name);
    if (fd && outlinable(fd)) policy.outlinable.add(name);
  }

  // Costs bottom up, callees before callers (an explicit stack: a chain of thousands of calls must
  // reach E5009 in lowering, not overflow the compiler's own stack): a call that stays inlined at
  // its place in the callee's body costs the callee's body.
  for (const name of calleesFirst(reached, callsIn)) {
    const fd = defs.get(name);
    if (!fd) continue;
    policy.cost.set(name, bodyCost(fd, (call) => {
      const callee = call.callee;
      const calleeCost = callee.def && !callee.noInline ? policy.cost.get(callee.name) : undefined;
      if (calleeCost === undefined || keepsCall(policy, call, policy.frequency.get(call) ?? 1)) return CALL_COST + call.args.length;
      return siteCost(calleeCost, call);
    }));
  }
  return policy;
}

/** The functions `roots` reach by calls, each after every function it calls (a call back into an unfinished one is skipped). */
function calleesFirst(roots: Iterable<string>, callsIn: Map<string, (TExpr & { kind: 'Call' })[]>): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  for (const root of roots) {
    if (seen.has(root)) continue;
    seen.add(root);
    const stack = [{ name: root, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const calls = callsIn.get(top.name) ?? [];
      if (top.next < calls.length) {
        const callee = calls[top.next++]!.callee.name;
        if (!seen.has(callee)) {
          seen.add(callee);
          stack.push({ name: callee, next: 0 });
        }
      } else {
        stack.pop();
        order.push(top.name);
      }
    }
  }
  return order;
}

/**
 * Whether `call` stays a BPF-to-BPF call: `frequency` is how often it is reached per entry of the
 * function it is in once __always_inline functions are expanded (lower/call.ts multiplies its
 * place in its own body by the expansions around it).
 */
export function keepsCall(policy: InlinePolicy, call: TExpr & { kind: 'Call' }, frequency: number): boolean {
  const callee = call.callee;
  if (!policy.outlinable.has(callee.name) || (policy.sites.get(callee.name) ?? 0) < 2) return false;
  const cost = policy.cost.get(callee.name);
  if (cost === undefined) return false;
  const base = frequency < COLD_FREQUENCY ? THRESHOLD_COLD : callee.inlineHint ? THRESHOLD_INLINE_HINT : THRESHOLD;
  // LLVM's bonuses: half again for one basic block, and the call's own instructions, which inlining removes.
  const threshold = base * (cost.singleBlock ? 1.5 : 1) + CALL_COST + 1 + call.args.length;
  return siteCost(cost, call) > threshold;
}

/** A callee's cost inlined at `call`: accesses through an argument that is a local's address are free. */
function siteCost(cost: BodyCost, call: TExpr & { kind: 'Call' }): number {
  let n = cost.total;
  call.args.forEach((a, i) => {
    if (isLocalAddress(a)) n -= cost.throughParam[i] ?? 0;
  });
  return n;
}

function outlinable(fd: FuncDef): boolean {
  const sym: FuncSym = fd.sym;
  if (!sym.isStatic || sym.alwaysInline || sym.noInline || sym.naked || sym.section !== undefined || sym.addressTaken) return false;
  if (sym.type.variadic || fd.params.length > MAX_CALL_ARGS || T.isRecord(sym.type.ret)) return false;
  return fd.params.every((p) => !T.isRecord(p.type));
}

/**
 * Visits the expressions of a statement with how often each is reached per entry of the statement
 * (`freq`); returns how often the statement completes (falls through to the next one).
 */
function stmtFrequency(st: TStmt, freq: number, visit: (e: TExpr, freq: number) => void): number {
  switch (st.kind) {
    case 'Block': {
      let f = freq;
      for (const x of st.items) {
        // A label after a return is reached by its gotos: count it as reached from the entry.
        if (x.kind === 'Label' || x.kind === 'Case') f = Math.max(f, freq);
        f = stmtFrequency(x, f, visit);
      }
      return f;
    }
    case 'Expr':
      exprFrequency(st.expr, freq, visit);
      return freq;
    case 'Decl':
      if (st.init) {
        if (st.init.kind === 'Scalar') exprFrequency(st.init.expr, freq, visit);
        else for (const x of st.init.entries) exprFrequency(x.expr, freq, visit);
      }
      return freq;
    case 'If': {
      exprFrequency(st.cond, freq, visit);
      const p = takenOdds(st.cond);
      const thenOut = stmtFrequency(st.then, freq * p, visit);
      const elseOut = st.else ? stmtFrequency(st.else, freq * (1 - p), visit) : freq * (1 - p);
      return thenOut + elseOut;
    }
    case 'Loop':
      if (st.init) stmtFrequency(st.init, freq, visit);
      if (st.cond) exprFrequency(st.cond, freq * LOOP_TRIPS, visit);
      if (st.step) exprFrequency(st.step, freq * LOOP_TRIPS, visit);
      stmtFrequency(st.body, freq * LOOP_TRIPS, visit);
      return freq;
    case 'Switch': {
      exprFrequency(st.cond, freq, visit);
      // Each label (and the default) takes an even share; falling through adds to the next.
      stmtFrequency(st.body, freq / (st.cases.length + 1), visit);
      return freq;
    }
    case 'Case':
    case 'Label':
      return stmtFrequency(st.body, freq, visit);
    case 'Return':
      if (st.expr) exprFrequency(st.expr, freq, visit);
      return 0;
    case 'Break':
    case 'Continue':
    case 'Goto':
      return 0;
    case 'Asm':
      for (const o of st.operands) exprFrequency(o.expr, freq, visit);
      return freq;
    case 'Barrier':
    case 'Empty':
      return freq;
    default: {
      const never: never = st;
      return never;
    }
  }
}

/** Visits an expression and its parts: the arms of `?:`, and the right of `&&` and `||`, are reached less often. */
function exprFrequency(e: TExpr, freq: number, visit: (e: TExpr, freq: number) => void): void {
  visit(e, freq);
  switch (e.kind) {
    case 'Cond': {
      exprFrequency(e.cond, freq, visit);
      const p = takenOdds(e.cond);
      exprFrequency(e.then, freq * p, visit);
      exprFrequency(e.else, freq * (1 - p), visit);
      return;
    }
    case 'Logical':
      exprFrequency(e.left, freq, visit);
      exprFrequency(e.right, freq / 2, visit);
      return;
    case 'StmtExpr': {
      let f = freq;
      for (const x of e.body) f = stmtFrequency(x, f, visit);
      if (e.result) exprFrequency(e.result, f, visit);
      return;
    }
    default:
      for (const x of parts(e)) exprFrequency(x, freq, visit);
  }
}

/** The direct subexpressions of an expression other than a conditional, a logical operator or a statement expression. */
function parts(e: TExpr): TExpr[] {
  switch (e.kind) {
    case 'Unary':
    case 'Cast':
    case 'Decay':
    case 'AddrOf':
      return [e.operand];
    case 'Arith':
    case 'Compare':
    case 'Logical':
    case 'PtrDiff':
      return [e.left, e.right];
    case 'PtrAdd':
      return [e.ptr, e.index];
    case 'Cond':
      return [e.cond, e.then, e.else];
    case 'Assign':
    case 'CompoundAssign':
      return [e.target, e.value];
    case 'IncDec':
      return [e.target];
    case 'Call':
    case 'HelperCall':
    case 'Builtin':
      return e.args;
    case 'Member':
      return [e.object];
    case 'Deref':
      return [e.ptr];
    case 'Comma':
      return e.exprs;
    case 'CompoundLit':
      return e.init.kind === 'Scalar' ? [e.init.expr] : e.init.entries.map((x) => x.expr);
    default:
      return [];
  }
}

/** How often a condition holds: a test against zero is unlikely, a test for non-zero likely, anything else even. */
function takenOdds(cond: TExpr): number {
  let c = cond;
  while (c.kind === 'Cast') c = c.operand;
  if (c.kind === 'Unary' && c.op === 'lognot') return ZERO_TAKEN;
  if (c.kind === 'Compare' && (c.op === 'eq' || c.op === 'ne') && isZero(c.right)) return c.op === 'eq' ? ZERO_TAKEN : 1 - ZERO_TAKEN;
  if (c.kind === 'Local' || c.kind === 'Member' || c.kind === 'Deref') return 1 - ZERO_TAKEN;
  return 0.5;
}

function isZero(e: TExpr): boolean {
  let c = e;
  while (c.kind === 'Cast') c = c.operand;
  return c.kind === 'Const' && c.value === 0n;
}

/** A function's estimated instruction count, and how many of those are loads and stores through each parameter. */
interface BodyCost {
  total: number;
  /** No branch, loop or switch: LLVM raises the threshold by half for a callee of one basic block. */
  singleBlock: boolean;
  /** Per parameter: the accesses through it, which LLVM counts as free where the argument is a local's address (SROA removes them). */
  throughParam: number[];
}

/** The estimated instruction count of a function, with `call` pricing each call of a defined function; arms a constant rules out do not count. */
function bodyCost(fd: FuncDef, call: (call: TExpr & { kind: 'Call' }) => number): BodyCost {
  const out: BodyCost = { total: 0, singleBlock: true, throughParam: fd.params.map(() => 0) };
  const paramIndex = new Map(fd.params.map((p, i) => [p, i]));
  const through = (ptr: TExpr): void => {
    const base = addressBase(ptr);
    const k = base.kind === 'Local' ? paramIndex.get(base.sym) : undefined;
    if (k !== undefined) out.throughParam[k]! += 1;
  };
  // An assignment's target: its store counts once, with the load of a compound assignment.
  const target = (t: TExpr, accesses: number): void => {
    out.total += accesses;
    const place = t.kind === 'Member' ? memberRoot(t) : t;
    if (place.kind === 'Deref') {
      for (let k = 0; k < accesses; k++) through(place.ptr);
      expr(place.ptr);
    } else if (place !== t || place.kind !== 'Local') for (const x of parts(place)) expr(x);
  };
  const expr = (e: TExpr): void => {
    switch (e.kind) {
      case 'Cond':
        if (e.cond.kind === 'Const') return expr(e.cond.value !== 0n ? e.then : e.else);
        out.total += 1;
        break;
      case 'Assign':
        // A local in a register is a name for the value: only a store costs.
        target(e.target, e.target.kind === 'Local' ? 0 : 1);
        return expr(e.value);
      case 'CompoundAssign':
        target(e.target, e.target.kind === 'Local' ? 0 : 2);
        out.total += 1;
        return expr(e.value);
      case 'IncDec':
        target(e.target, e.target.kind === 'Local' ? 0 : 2);
        out.total += 1;
        return;
      case 'PtrAdd':
        if (e.index.kind !== 'Const') out.total += 1;
        break;
      case 'Logical':
        out.singleBlock = false;
        out.total += 1;
        break;
      case 'Unary':
      case 'Arith':
      case 'Compare':
      case 'PtrDiff':
        out.total += 1;
        break;
      case 'Deref':
        out.total += 1;
        through(e.ptr);
        break;
      case 'AddrOf':
        // An address is arithmetic, not an access: `&p->member` loads nothing.
        if (e.operand.kind === 'Member' || e.operand.kind === 'Deref') {
          const place = e.operand.kind === 'Member' ? memberRoot(e.operand) : e.operand;
          if (place.kind === 'Deref') return expr(place.ptr);
        }
        break;
      case 'HelperCall':
        out.total += CALL_COST + e.args.length;
        break;
      case 'Call':
        out.total += call(e);
        break;
      case 'Builtin':
        out.total += builtinCost(e);
        break;
      case 'StmtExpr':
        e.body.forEach(stmt);
        if (e.result) expr(e.result);
        return;
      default:
        break;
    }
    for (const x of parts(e)) expr(x);
  };
  const stmt = (st: TStmt): void => {
    switch (st.kind) {
      case 'Block':
        st.items.forEach(stmt);
        return;
      case 'If':
        if (st.cond.kind === 'Const') {
          if (st.cond.value !== 0n) stmt(st.then);
          else if (st.else) stmt(st.else);
          return;
        }
        out.total += 1;
        out.singleBlock = false;
        expr(st.cond);
        stmt(st.then);
        if (st.else) stmt(st.else);
        return;
      case 'Loop':
        out.total += 1;
        out.singleBlock = false;
        if (st.init) stmt(st.init);
        if (st.cond) expr(st.cond);
        if (st.step) expr(st.step);
        stmt(st.body);
        return;
      case 'Switch':
        out.total += st.cases.length;
        out.singleBlock = false;
        expr(st.cond);
        stmt(st.body);
        return;
      case 'Case':
      case 'Label':
        out.singleBlock = false;
        stmt(st.body);
        return;
      case 'Expr':
        expr(st.expr);
        return;
      case 'Decl':
        if (st.init?.kind === 'Scalar') expr(st.init.expr);
        else if (st.init) for (const x of st.init.entries) expr(x.expr);
        return;
      case 'Return':
        if (st.expr) expr(st.expr);
        return;
      case 'Asm':
        out.total += 1;
        for (const o of st.operands) expr(o.expr);
        return;
      default:
        return;
    }
  };
  stmt(fd.body);
  return out;
}

/** The object a chain of member accesses starts from: `p->a.b` gives `*p`. */
function memberRoot(e: TExpr & { kind: 'Member' }): TExpr {
  let c: TExpr = e;
  while (c.kind === 'Member') c = c.object;
  return c;
}

/** The pointer an address is computed from: `p`, `p + i`, `&p->member`, `p->array` and casts of them give `p`. */
function addressBase(e: TExpr): TExpr {
  let c = e;
  for (;;) {
    if (c.kind === 'Cast' || c.kind === 'Decay' || c.kind === 'AddrOf') c = c.operand;
    else if (c.kind === 'PtrAdd') c = c.ptr;
    else if (c.kind === 'Member') c = c.object.kind === 'Deref' ? c.object.ptr : c.object;
    else return c;
  }
}

/** Whether an argument is the address of a local (`&x`, an array of the caller's): SROA removes the accesses through it once inlined. */
function isLocalAddress(e: TExpr): boolean {
  let c = e;
  while (c.kind === 'Cast') c = c.operand;
  const of = c.kind === 'AddrOf' || c.kind === 'Decay' ? c.operand : undefined;
  return of?.kind === 'Local' && !of.sym.isParam;
}

/** memcpy and its kin of a constant size become a load and a store per 8 bytes. */
function builtinCost(e: TExpr & { kind: 'Builtin' }): number {
  if (!/^(__builtin_)?(memcpy|memmove|memset|memcmp|bcmp)$/.test(e.name)) return 1;
  const size = e.args[2];
  const bytes = size?.kind === 'Const' ? Number(size.value) : 8;
  return 2 * Math.max(1, Math.ceil(bytes / 8));
}
