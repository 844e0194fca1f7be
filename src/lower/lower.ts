// lower entry: sema.Program -> ir.Module. One IR function per program
// (a function with a SEC()), per __noinline function and per static function
// that inline-policy.ts keeps out of line (placed in .text); every other
// function is inlined at its call sites.
import type { CompileContext } from '../context.js';
import type { Inst, IrFunction, Module, StringPool, VReg } from '../ir/ir.js';
import { liveAtEntry } from '../ir/liveness.js';
import type { FuncDef, Program } from '../sema/program.js';
import { beginTailTarget, homeOf, jumpTo, newBlock, startBlock, type Lowerer } from './builder.js';
import { lowerStmt } from './stmt.js';
import { forEachUse, imm, instDef, termUses } from '../ir/ir.js';
import { packetLoadIntrinsic } from '../bpf/intrinsics.js';
import { tailSelfCalls } from '../sema/tail-calls.js';
import { inlinePolicy, type InlinePolicy } from './inline-policy.js';
import * as T from '../sema/types.js';

export function lower(program: Program, ctx: CompileContext): Module {
  const strings: StringPool = { bytes: [], offsets: new Map() };
  const policy = inlinePolicy(program, ctx);
  const outlined = new Set<string>();
  const lowered = new Map<FuncDef, IrFunction>();
  const wanted = (fd: FuncDef) => fd.sym.section !== undefined || fd.sym.noInline || fd.sym.addressTaken || outlined.has(fd.sym.name);
  // Lowering a function may keep calls of others (inline-policy.ts): lower those too, until none is new.
  for (let grew = true; grew; ) {
    grew = false;
    for (const fd of program.functions) {
      if (lowered.has(fd) || !wanted(fd)) continue;
      ctx.heartbeat?.();
      lowered.set(fd, lowerFunction(fd, program, strings, policy, outlined, ctx));
      grew = true;
    }
  }
  if (ctx.inlining) ctx.inlining.outlined = outlined;
  const functions = program.functions.flatMap((fd) => lowered.get(fd) ?? []);
  const kfuncs = [...program.funcs.values()].filter((f) => !f.def && f.section === '.ksyms');
  const externFuncs = [...program.funcs.values()].filter((f) => !f.def && f.section !== '.ksyms' && !packetLoadIntrinsic(f.asmLabel));
  return { functions, globals: program.globals, strings, kfuncs, externFuncs };
}

/** A BPF-to-BPF call passes and returns 64-bit registers: aggregates by value cannot cross it. */
function checkCallableSignature(fd: FuncDef, ctx: CompileContext): void {
  if (fd.sym.section !== undefined) return;
  if (T.isRecord(fd.sym.type.ret)) {
    ctx.diags.error('E5005', `__noinline function '${fd.sym.name}' returns a struct by value, which a BPF-to-BPF call cannot do: return it through a pointer argument`, fd.sym.span);
  }
  for (const p of fd.params) {
    if (T.isRecord(p.type)) {
      ctx.diags.error('E5005', `parameter '${p.name}' of __noinline function '${fd.sym.name}' is a struct passed by value, which a BPF-to-BPF call cannot do: pass a pointer`, p.span);
    }
  }
}

function lowerFunction(fd: FuncDef, program: Program, strings: StringPool, policy: InlinePolicy, outlined: Set<string>, ctx: CompileContext): IrFunction {
  checkCallableSignature(fd, ctx);
  const fn: IrFunction = {
    name: fd.sym.name,
    section: fd.sym.section ?? '.text',
    global: fd.sym.section !== undefined || !fd.sym.isStatic,
    params: [],
    vregCount: 0,
    vregNames: new Map(),
    slots: [],
    blocks: [],
    span: fd.sym.span,
    source: fd,
    ...(fd.sym.naked ? { naked: true } : {}),
  };
  const l: Lowerer = {
    ctx,
    program,
    strings,
    fn,
    cur: undefined,
    span: fd.sym.span,
    vars: [new Map()],
    breakTargets: [],
    continueTargets: [],
    labels: [new Map()],
    inline: [],
    policy,
    outlined,
    caseBlocks: new Map(),
  };
  startBlock(l, newBlock(l));
  // Parameters arrive in registers; one that lives in memory is stored at entry.
  for (const p of fd.params) {
    const home = homeOf(l, p);
    if (home.kind === 'reg') fn.params.push(home.reg);
    else {
      const r = fn.vregCount++ as IrFunction['params'][number];
      fn.params.push(r);
      l.cur!.insts.push({ op: 'store', size: 8, addr: { kind: 'slot', slot: home.slot, off: 0 }, src: { kind: 'reg', reg: r }, span: fd.span });
    }
  }
  if (tailSelfCalls(fd).size > 0) l.tail = beginTailTarget(l, fd);
  lowerStmt(l, fd.body);
  if (l.cur) {
    // Falling off the end of a function returns 0 (main-like), as clang's BPF backend emits.
    l.span = fd.body.span;
    const end = newBlock(l);
    jumpTo(l, end);
    startBlock(l, end);
    l.cur!.term = { op: 'ret', value: fd.sym.type.ret.kind === 'void' ? undefined : imm(0), span: { ...fd.body.span, start: fd.body.span.end - 1 } };
    l.cur = undefined;
  }
  zeroUninitialisedReads(fn);
  return fn;
}

/**
 * A local that is read but never assigned anywhere in the function (undefined in C) reads 0, as
 * an uninitialised field does after SROA. Left without a definition, its register would be
 * shared with another value live at that point, so the program would compute with whatever that
 * value is: a pointer, for instance, that the verifier refuses to add to a packet pointer. A
 * local assigned on some paths only is left alone: the optimiser takes its assigned value for
 * the unassigned paths too, as clang does, which keeps `iph` set in one branch and `ip6h` in the
 * other from costing two registers when a later test of the same condition picks the right one.
 */
function zeroUninitialisedReads(fn: IrFunction): void {
  const entry = fn.blocks[0];
  if (entry === undefined) return;
  // Registers some instruction (or the call) assigns, by register number.
  const assigned = new Uint8Array(fn.vregCount);
  for (const r of fn.params) assigned[r] = 1;
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      const d = instDef(i);
      if (d !== undefined) assigned[d] = 1;
    }
  }
  // Only a register never assigned can need a zero: without one read, liveness is not needed.
  let unassignedRead = false;
  const read = (u: VReg): void => {
    if (assigned[u] !== 1) unassignedRead = true;
  };
  for (const b of fn.blocks) {
    for (const i of b.insts) forEachUse(i, read);
    for (const u of termUses(b.term)) read(u);
    if (unassignedRead) break;
  }
  if (!unassignedRead) return;
  const zeros: Inst[] = [];
  for (const r of liveAtEntry(fn)) {
    if (assigned[r] !== 1) zeros.push({ op: 'mov', bits: 64, dst: r as VReg, src: { kind: 'imm', value: 0n }, span: fn.span });
  }
  entry.insts.unshift(...zeros);
}
