// The restricted-C rules: what BPF cannot run, said at the C source line.
// Each rule has a code in diag/codes/sema.ts whose explanation teaches why.
import { tailSelfCalls } from './tail-calls.js';
import type * as ast from '../parse/ast.js';
import { helperByName, helperTable } from '../bpf/helpers.js';
import { findProgType, preferredSection, progTypeByName, SECTION_DEFS, type ProgTypeInfo } from '../bpf/prog-types.js';
import type { Span } from '../diag/source.js';
import { tryEval } from './const-eval.js';
import type { FuncDef, GlobalVar, Program, TExpr, TStmt } from './program.js';
import { error, warning, type SemaState } from './state.js';
import * as T from './types.js';

/** The most arguments a helper or a BPF-to-BPF call can take: R1-R5. */
export const MAX_CALL_ARGS = 5;

export function reportUndeclared(s: SemaState, name: string, span: Span): void {
  if (name.startsWith('bpf_')) {
    const known = helperByName(name);
    if (known) {
      error(s, 'E3111', `helper '${name}' is not declared: include <bpf/bpf_helpers.h>`, span);
      return;
    }
    const near = closest(name, helperTable().map((h) => h.name));
    error(s, 'E3111', `there is no BPF helper named '${name}'${near ? `; did you mean '${near}'?` : ''}`, span);
    return;
  }
  const names: string[] = [];
  for (const scope of s.scopes) for (const n of scope.names.keys()) names.push(n);
  names.push(...s.lazy.keys());
  const near = closest(name, names);
  error(s, 'E3001', `use of undeclared identifier '${name}'${near ? `; did you mean '${near}'?` : ''}`, span);
}

/**
 * The candidate with the smallest edit distance, if it is close enough to be a typo. A
 * candidate that shares no character position with `name` (distance = its length) is never
 * suggested, and a long name that is the start of a candidate ('bpf_map_lookup') suggests the
 * shortest such candidate ('bpf_map_lookup_elem').
 */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  if (name.length >= 8) {
    let prefixed: string | undefined;
    for (const c of candidates) if (c.startsWith(name) && c !== name && (!prefixed || c.length < prefixed.length)) prefixed = c;
    if (prefixed) return prefixed;
  }
  let best: string | undefined;
  let bestDist = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    if (Math.abs(c.length - name.length) >= bestDist) continue;
    const d = editDistance(name, c);
    if (d < bestDist && d < Math.min(name.length, c.length)) {
      best = c;
      bestDist = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}


/** An array whose elements are const (`const char fmt[]`: the qualifier is on the element type). */
function isConstArray(t: T.CType): boolean {
  const s = T.strip(t);
  return s.kind === 'array' && (T.qualifiersOf(s.elem).const || isConstArray(s.elem));
}

/** A string literal's address stored in data would need a relocation in a data section, which libbpf does not do. */
function reportStringAddresses(s: SemaState, g: GlobalVar): void {
  if (!g.init) return;
  for (const e of g.init.kind === 'Aggregate' ? g.init.entries : [g.init]) {
    let found: TExpr | undefined;
    walkExpr(e.expr, (x) => {
      if (x.kind === 'StringLit' && !found) found = x;
    });
    if (found) {
      const message = `'${g.name}' stores the address of a string literal: BPF loaders do not relocate pointers inside data, so a table of strings must hold the characters themselves`;
      if (g.isStatic) g.deferredError = { code: 'E3107', message, span: found.span };
      else error(s, 'E3107', message, found.span);
      return;
    }
  }
}

/** A struct in the form of a BTF-defined map: its `type` member is what `__uint(type, N)` declares. */
function isBtfMapDefinition(t: T.CType): boolean {
  if (t.kind !== 'record') return false;
  const member = t.info.members.find((m) => m.name === 'type');
  const type = member ? T.strip(member.type) : undefined;
  return type?.kind === 'ptr' && T.strip(type.to).kind === 'array';
}

/** Decides what a file-scope object is, and rejects the kinds BPF has no storage for. */
export function classifyGlobal(s: SemaState, g: GlobalVar): void {
  const t = T.strip(g.type);
  const q = T.qualifiersOf(g.type);
  if (g.section === '.maps') {
    g.role = 'map';
    if (t.kind !== 'record') error(s, 'E3101', `map '${g.name}' in SEC(".maps") must be a struct of __uint/__type members`, g.span);
    return;
  }
  if (g.section === 'maps') {
    g.role = 'legacy-map';
    return;
  }
  // A map defined in another object (`extern array_map rx_cnt;`, as samples/bpf's xdp_sample.bpf.h
  // declares its maps): clang references an undefined symbol, which `bpftool gen object` links.
  if (g.isExtern && g.section === undefined && isBtfMapDefinition(t)) {
    g.role = 'map';
    return;
  }
  if (g.section !== undefined && g.section.startsWith('.maps.') && g.name === `____btf_map_${g.section.slice('.maps.'.length)}`) {
    g.role = 'map-annotation';
    const members = t.kind === 'record' ? t.info.members.map((m) => m.name) : [];
    if (!members.includes('key') || !members.includes('value')) {
      error(s, 'E3101', `map annotation '${g.name}' must be a struct with 'key' and 'value' members (as BPF_ANNOTATE_KV_PAIR writes it)`, g.span);
    }
    return;
  }
  if (g.isExtern && g.section === '.kconfig') {
    g.role = 'kconfig';
    return;
  }
  if (g.isExtern && g.section === '.ksyms') {
    g.role = 'ksym';
    return;
  }
  if (g.section === 'license' || g.name === '_license' || g.name === '__license') {
    g.role = 'license';
    return;
  }
  if (g.section === 'version' || g.name === '_version') {
    g.role = 'version';
    return;
  }
  if (t.kind === 'ptr' && T.strip(t.to).kind === 'func' && g.init?.kind === 'Scalar') {
    const id = tryEval(g.init.expr);
    if (id !== undefined) {
      g.role = 'helper';
      g.helperId = Number(id);
      return;
    }
  }
  // An extern declaration alone allocates nothing (a later definition classifies it again); a use
  // is reported.
  if (g.isExtern && !g.init) return;
  if (q.const && q.volatile) {
    g.role = 'rodata';
    return;
  }
  if ((q.const || isConstArray(g.type)) && g.init) {
    g.role = 'const';
    if (g.init.kind === 'Aggregate') reportStringAddresses(s, g);
    return;
  }
  // Writable data (.data/.bss), as clang places it since Linux 5.2 and libbpf 0.1.
  g.role = 'data';
  reportStringAddresses(s, g);
}

/** Rules for one function definition: program signature, section name, argument count. */
export function checkProgramFunction(s: SemaState, fd: FuncDef): void {
  const sym = fd.sym;
  // A static function's extra arguments may still go: dropArguments (opt/drop-args.ts) removes
  // those that are unused or the same constant at every call, and reports what remains.
  if (sym.noInline && fd.params.length > MAX_CALL_ARGS && !sym.isStatic) {
    error(s, 'E3106', `function '${sym.name}' takes ${fd.params.length} arguments but a BPF-to-BPF call passes at most ${MAX_CALL_ARGS} (in R1-R5)`, sym.span);
  }
  if (sym.section === undefined) return;
  const progType = decideProgType(s, fd);
  if (sym.naked) return; // its assembly reads the context from R1 itself
  const ctxStruct = progType?.ctxStruct;
  if (ctxStruct === undefined) return;
  const params = fd.params;
  const p0 = params[0];
  const pointee = p0 !== undefined && T.isPointer(p0.type) ? T.strip(T.pointee(p0.type)!) : undefined;
  // A program that takes no parameter never reads its context: clang compiles it, the kernel loads it.
  if (params.length > 1 || (params.length === 1 && pointee === undefined) || !T.isInteger(sym.type.ret)) {
    error(s, 'E3108', `program '${sym.name}' in section '${sym.section}' must be declared 'int ${sym.name}(struct ${ctxStruct} *ctx)'`, sym.span);
    return;
  }
  // 'void *ctx' is fine; a struct of the program's own that mirrors the context (say, one with a
  // field newer than the headers), or another program type's context struct, compiles as clang
  // compiles it, with a warning: the kernel checks each access by its offset in the real context.
  if (pointee?.kind === 'record' && pointee.info.name !== ctxStruct) {
    warning(
      s,
      'E3108',
      `program '${sym.name}' in section '${sym.section}' takes 'struct ${pointee.info.name ?? '(anonymous)'} *', but the kernel passes 'struct ${ctxStruct} *': its field offsets must match the kernel's`,
      p0!.span,
    );
  }
}

/** The named struct a program's first parameter points to (the context it declares), if any. */
export function contextStructOf(fd: FuncDef): string | undefined {
  const p0 = fd.params[0];
  if (p0 === undefined || !T.isPointer(p0.type)) return undefined;
  const to = T.strip(T.pointee(p0.type)!);
  return to.kind === 'record' ? to.info.name : undefined;
}

/** The program type of each context struct that selects one type unambiguously enough to check with. */
const TYPE_OF_CTX: Readonly<Record<string, string>> = {
  xdp_md: 'xdp',
  __sk_buff: 'sched_cls',
  bpf_sock_ops: 'sock_ops',
  sk_msg_md: 'sk_msg',
  bpf_sock_addr: 'cgroup_sock_addr',
  bpf_sk_lookup: 'sk_lookup',
  sk_reuseport_md: 'sk_reuseport',
};

/**
 * The program type a program is checked as: the one its section names (as libbpf 1.x would
 * choose it); for a section libbpf cannot map, the type given with -mprog-type=, else the one
 * its context parameter implies. Unknown sections are a warning (E3109): clang does not look at
 * section names, and loaders can force the type, but libbpf alone will not load the program.
 */
function decideProgType(s: SemaState, fd: FuncDef): ProgTypeInfo | undefined {
  const sym = fd.sym;
  const section = sym.section!;
  const pt = findProgType(section);
  if (pt?.kind === 'modern') return pt.progType;
  if (pt?.kind === 'legacy') {
    warning(
      s,
      'E3110',
      `section name '${section}' is a pre-libbpf-1.0 name that libbpf 1.x does not recognise; use SEC("${pt.replacement}")`,
      sym.span,
      [{ message: `libbpf 1.x loads '${sym.name}' only when the loader sets its type (e.g. 'bpftool prog loadall OBJ DIR type ${loaderTypeName(pt.progType?.name)}')` }],
    );
    return pt.progType;
  }
  const forced = s.ctx.options.progType !== undefined ? progTypeByName(s.ctx.options.progType) : undefined;
  const ctxName = contextStructOf(fd);
  const inferred = ctxName !== undefined && TYPE_OF_CTX[ctxName] !== undefined ? progTypeByName(TYPE_OF_CTX[ctxName]!) : undefined;
  const chosen = forced ?? inferred;
  const how = forced
    ? `checked as program type ${forced.name} (-mprog-type=${s.ctx.options.progType})`
    : inferred
      ? `checked as program type ${inferred.name}, from its 'struct ${ctxName} *' parameter${ctxName === '__sk_buff' ? ' (pass -mprog-type= to check it as socket_filter, sched_act, sk_skb, lwt_in, ... instead)' : ''}`
      : 'its program type is unknown, so its context is not checked (pass -mprog-type=TYPE to choose one)';
  const fix = chosen ? preferredSection(chosen.name) : undefined;
  warning(s, 'E3109', `section '${section}' names no program type libbpf 1.x knows: libbpf will refuse to load '${sym.name}' unless the loader sets its type`, sym.span, [
    { message: how },
    {
      message: fix
        ? `write SEC("${fix}") to make the object load as it is, or load it with a type (e.g. 'bpftool prog loadall OBJ DIR type ${loaderTypeName(chosen!.name)}')`
        : `known sections: ${SECTION_DEFS.map((d) => d.section + (d.slash ? '[/...]' : '')).join(', ')}`,
    },
  ]);
  return chosen;
}

/** The name bpftool's 'type' argument takes for a program type. */
function loaderTypeName(progTypeName: string | undefined): string {
  if (progTypeName === undefined) return 'TYPE';
  return { sched_cls: 'tc', sched_act: 'action', socket_filter: 'socket' }[progTypeName] ?? preferredSection(progTypeName) ?? progTypeName;
}

/** Whole-program rules that need every function: recursion and call argument counts. */
export function checkWholeProgram(s: SemaState, program: Program): void {
  // C11 6.9.2p3: a tentative definition's struct type must be complete by the end of the unit.
  for (const g of program.globals) {
    const t = T.strip(g.type);
    if (!g.isExtern && t.kind === 'record' && !t.info.complete) {
      error(s, 'E3008', `tentative definition of '${g.name}' has type '${T.typeToString(g.type)}' that is never completed`, g.span, [
        { message: 'forward declaration is here', span: t.info.span },
      ]);
    }
  }
  const calls = new Map<string, { callee: string; span: Span }[]>();
  const reportedGlobals = new Set<GlobalVar>();
  for (const fd of program.functions) {
    const usedUnsupported = new Set<GlobalVar>();
    const list: { callee: string; span: Span }[] = [];
    // A call of the function to itself in tail position becomes a loop (sema/tail-calls.ts).
    const tail = tailSelfCalls(fd);
    walkStmt(fd.body, (e) => {
      if (e.kind === 'Call' && !tail.has(e)) list.push({ callee: e.callee.name, span: e.span });
      if (e.kind === 'HelperCall' && e.args.length > MAX_CALL_ARGS) {
        error(s, 'E3106', `helper '${e.helper.name}' is called with ${e.args.length} arguments; BPF passes at most ${MAX_CALL_ARGS} (in R1-R5)`, e.span);
      }
      if (e.kind === 'Global' && (e.sym.role === 'other' || e.sym.isExtern) && e.sym.role !== 'helper' && e.sym.role !== 'map' && e.sym.role !== 'legacy-map' && e.sym.role !== 'map-annotation' && e.sym.role !== 'rodata' && e.sym.role !== 'const' && e.sym.role !== 'kconfig' && e.sym.role !== 'ksym') {
        if (e.sym.isExtern) deferError(s, fd, 'E3101', `extern variable '${e.sym.name}' cannot be used: BPF objects have no external data but kernel symbols (__ksym) and configuration values (__kconfig)`, e.span);
      }
      if (e.kind === 'Global' && e.sym.deferredError && !usedUnsupported.has(e.sym) && !reportedGlobals.has(e.sym)) {
        usedUnsupported.add(e.sym);
        if (fd.sym.section !== undefined) reportedGlobals.add(e.sym); // reported now: once is enough
        const d = e.sym.deferredError;
        deferError(s, fd, d.code, d.message, d.span);
      }
    });
    calls.set(fd.sym.name, list);
  }
  reportReachableDeferred(s, program, calls);
  // Recursion: a cycle in the call graph (direct or mutual). Depth-first with an explicit stack, so
  // that a chain of thousands of calls does not overflow the compiler's own stack.
  const state = new Map<string, 'active' | 'done'>();
  const reported = new Set<string>();
  for (const fd of program.functions) {
    if (state.has(fd.sym.name)) continue;
    // path[k] is the call that entered the k-th active function; next[k] its next call to follow.
    const path: { callee: string; span: Span }[] = [{ callee: fd.sym.name, span: fd.sym.span }];
    const next: number[] = [0];
    state.set(fd.sym.name, 'active');
    while (path.length > 0) {
      const top = path.length - 1;
      const list = calls.get(path[top]!.callee) ?? [];
      const i = next[top]!;
      if (i === list.length) {
        state.set(path[top]!.callee, 'done');
        path.pop();
        next.pop();
        continue;
      }
      next[top] = i + 1;
      const c = list[i]!;
      const st = state.get(c.callee);
      if (st === 'active') {
        const cycleStart = path.findIndex((p) => p.callee === c.callee);
        const cycle = [...path.slice(cycleStart + 1), c];
        const key = cycle.map((x) => x.callee).sort().join(',');
        if (!reported.has(key)) {
          reported.add(key);
          error(s, 'E3102', `recursive call to '${c.callee}': the BPF verifier rejects recursion (calls must form a DAG)`, c.span, cycle.slice(0, -1).map((x) => ({ message: `'${x.callee}' is called here`, span: x.span })));
        }
      } else if (st === undefined) {
        state.set(c.callee, 'active');
        path.push(c);
        next.push(0);
      }
    }
  }
}

/** An error in a function's body that counts only if a program reaches the function. */
function deferError(s: SemaState, fd: FuncDef, code: 'E3101' | 'E3107', message: string, span: Span): void {
  if (fd.sym.section !== undefined) {
    error(s, code, message, span);
    return;
  }
  let list = s.deferred.get(fd.sym.name);
  if (!list) s.deferred.set(fd.sym.name, (list = []));
  list.push({ code, message, span, notes: [] });
}

/**
 * Reports the restricted-C errors held back for functions without a section (see
 * SemaState.deferred) when a program section, or a non-static function, reaches them by calls.
 */
function reportReachableDeferred(s: SemaState, program: Program, calls: Map<string, { callee: string; span: Span }[]>): void {
  if (s.deferred.size === 0) return;
  const reached = new Set<string>();
  const work = program.functions.filter((fd) => fd.sym.section !== undefined || !fd.sym.isStatic).map((fd) => fd.sym.name);
  for (const fd of program.functions) {
    walkStmt(fd.body, (e) => {
      if (e.kind === 'FuncRef') work.push(e.sym.name); // a callback: reached through a helper
    });
  }
  while (work.length > 0) {
    const name = work.pop()!;
    if (reached.has(name)) continue;
    reached.add(name);
    for (const c of calls.get(name) ?? []) work.push(c.callee);
  }
  const shown = new Set<string>();
  for (const fd of program.functions) {
    if (!reached.has(fd.sym.name)) continue;
    for (const d of s.deferred.get(fd.sym.name) ?? []) {
      // A global used by several functions is reported once.
      const key = `${d.code} ${d.span.file}:${d.span.start} ${d.message}`;
      if (shown.has(key)) continue;
      shown.add(key);
      s.ctx.diags.error(d.code, d.message, d.span, { notes: d.notes });
    }
  }
}

function walkStmt(st: TStmt, f: (e: TExpr) => void): void {
  switch (st.kind) {
    case 'Block':
      st.items.forEach((x) => walkStmt(x, f));
      return;
    case 'Expr':
      walkExpr(st.expr, f);
      return;
    case 'Decl':
      if (st.init) walkInit(st.init, f);
      return;
    case 'If':
      walkExpr(st.cond, f);
      walkStmt(st.then, f);
      if (st.else) walkStmt(st.else, f);
      return;
    case 'Loop':
      if (st.init) walkStmt(st.init, f);
      if (st.cond) walkExpr(st.cond, f);
      if (st.step) walkExpr(st.step, f);
      walkStmt(st.body, f);
      return;
    case 'Switch':
      walkExpr(st.cond, f);
      walkStmt(st.body, f);
      return;
    case 'Case':
    case 'Label':
      walkStmt(st.body, f);
      return;
    case 'Return':
      if (st.expr) walkExpr(st.expr, f);
      return;
    case 'Asm':
      st.operands.forEach((o) => walkExpr(o.expr, f));
      return;
    case 'Break':
    case 'Continue':
    case 'Goto':
    case 'Barrier':
    case 'Empty':
      return;
    default: {
      const never: never = st;
      return never;
    }
  }
}

function walkInit(init: import('./program.js').TInit, f: (e: TExpr) => void): void {
  if (init.kind === 'Scalar') walkExpr(init.expr, f);
  else init.entries.forEach((e) => walkExpr(e.expr, f));
}

export function walkExpr(e: TExpr, f: (e: TExpr) => void): void {
  f(e);
  switch (e.kind) {
    case 'Const':
    case 'Local':
    case 'Global':
    case 'FuncRef':
    case 'StringLit':
      return;
    case 'Unary':
    case 'Cast':
    case 'Decay':
    case 'AddrOf':
      walkExpr(e.operand, f);
      return;
    case 'Arith':
    case 'Compare':
    case 'Logical':
    case 'PtrDiff':
      walkExpr(e.left, f);
      walkExpr(e.right, f);
      return;
    case 'PtrAdd':
      walkExpr(e.ptr, f);
      walkExpr(e.index, f);
      return;
    case 'Cond':
      walkExpr(e.cond, f);
      walkExpr(e.then, f);
      walkExpr(e.else, f);
      return;
    case 'Assign':
    case 'CompoundAssign':
      walkExpr(e.target, f);
      walkExpr(e.value, f);
      return;
    case 'IncDec':
      walkExpr(e.target, f);
      return;
    case 'Call':
    case 'HelperCall':
    case 'Builtin':
      e.args.forEach((a) => walkExpr(a, f));
      return;
    case 'Member':
      walkExpr(e.object, f);
      return;
    case 'Deref':
      walkExpr(e.ptr, f);
      return;
    case 'Comma':
      e.exprs.forEach((x) => walkExpr(x, f));
      return;
    case 'StmtExpr':
      e.body.forEach((x) => walkStmt(x, f));
      if (e.result) walkExpr(e.result, f);
      return;
    case 'CompoundLit':
      walkInit(e.init, f);
      return;
    default: {
      const never: never = e;
      return never;
    }
  }
}

