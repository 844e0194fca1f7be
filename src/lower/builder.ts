// The per-function lowering state: the IR function being built, the current
// block, where each C variable lives, and the jump targets of break/continue.
import { STACK_LIMIT_BYTES } from '../bpf/limits.js';
import type { CompileContext } from '../context.js';
import type { Span } from '../diag/source.js';
import type { Address, Block, BlockId, InlinedCall, Inst, IrFunction, Operand, StackSlot, StringPool, Terminator, VReg } from '../ir/ir.js';
import type { FuncDef, LocalVar, Program, TStmt } from '../sema/program.js';
import * as T from '../sema/types.js';
import type { InlinePolicy } from './inline-policy.js';

export type VarHome = { kind: 'reg'; reg: VReg } | { kind: 'slot'; slot: number };

export interface InlineFrame {
  /** Block that a `return` jumps to. */
  exit: BlockId;
  /** Register that receives the return value. */
  result?: VReg;
  callee: string;
  /** The call being inlined. */
  callSpan: Span;
  /** Where the callee's tail calls of itself go. */
  tail?: TailTarget;
  /**
   * How often the callee's body is reached per entry of the function it is expanded into, as the
   * inline policy counts it: for an __always_inline callee, its call's frequency; otherwise 1 (the
   * callee's own calls are judged within its body).
   */
  frequency: number;
}

/**
 * Where a function's tail calls of itself go (sema/tail-calls.ts): its parameters take the
 * arguments, and the code jumps to `start`, the first block of its body.
 */
export interface TailTarget {
  def: FuncDef;
  start: BlockId;
}

export interface Lowerer {
  ctx: CompileContext;
  program: Program;
  /** The module's string literals (.rodata.str1.1). */
  strings: StringPool;
  fn: IrFunction;
  /** The block instructions go into; undefined after a terminator until a new block starts. */
  cur: Block | undefined;
  /** The span that instructions get: the statement or controlling expression being lowered. */
  span: Span;
  /** Variable homes, one map per inlined call (innermost last). */
  vars: Map<LocalVar, VarHome>[];
  breakTargets: BlockId[];
  continueTargets: BlockId[];
  /** Labels of the function (per inline frame: index = vars depth). */
  labels: Map<string, BlockId>[];
  inline: InlineFrame[];
  /** Which calls stay BPF-to-BPF calls (inline-policy.ts). */
  policy: InlinePolicy;
  /** The static functions that a kept call calls: each becomes a .text function. */
  outlined: Set<string>;
  /** The block of each case label of the switches being lowered. */
  caseBlocks: Map<TStmt, BlockId>;
  /** Where the function's own tail calls of itself go (inlined callees: InlineFrame.tail). */
  tail?: TailTarget;
}

/** The parameters' homes of the function being lowered take `args`, and the code jumps to the start of its body. */
export function beginTailTarget(l: Lowerer, def: FuncDef): TailTarget {
  const start = newBlock(l);
  jumpTo(l, start);
  startBlock(l, start);
  return { def, start };
}

/** The calls being inlined at this point, innermost first. */
export function inlineChain(l: Lowerer): InlinedCall[] {
  return l.inline.map((f) => ({ callee: f.callee, span: f.callSpan })).reverse();
}

export function newVReg(l: Lowerer, name?: string): VReg {
  const r = l.fn.vregCount++ as VReg;
  if (name) l.fn.vregNames.set(r, name);
  return r;
}

export function newBlock(l: Lowerer): BlockId {
  const id = l.fn.blocks.length;
  l.fn.blocks.push({ id, insts: [], term: { op: 'ret', span: l.span } });
  return id;
}

/** Continues emitting into block `id`. */
export function startBlock(l: Lowerer, id: BlockId): void {
  l.cur = l.fn.blocks[id];
}

export function emit(l: Lowerer, inst: Inst): void {
  if (!l.cur) startBlock(l, newBlock(l)); // unreachable code after a jump: emitted into a dead block, removed later
  l.cur!.insts.push(inst);
}

export function terminate(l: Lowerer, term: Terminator): void {
  if (!l.cur) startBlock(l, newBlock(l));
  l.cur!.term = term;
  l.cur = undefined;
}

export function jumpTo(l: Lowerer, target: BlockId): void {
  terminate(l, { op: 'jmp', target, span: l.span });
}

/** A slot this large is refused as soon as it is created (E5010), rather than with the frame. */
const HUGE_SLOT_BYTES = 65536;

export function newSlot(l: Lowerer, name: string, type: T.CType, span: Span): number {
  const sizeBytes = Math.max(1, T.sizeOf(type) ?? 1);
  if (sizeBytes > HUGE_SLOT_BYTES) {
    // Reported now, before anything does work in proportion to the size (initializing it,
    // expanding a memset of it); the driver stops after lowering. Smaller objects over the
    // limit are reported with the whole frame (codegen/frame.ts).
    l.ctx.diags.error('E5010', `'${name}' needs ${sizeBytes} bytes of stack, but BPF programs have ${STACK_LIMIT_BYTES}`, span, {
      notes: [{ message: 'keep large objects in a map (a per-CPU array of one element is a common scratch buffer)' }],
    });
  }
  const slot: StackSlot = { id: l.fn.slots.length, name, sizeBytes, alignBytes: Math.max(8, T.alignOf(type)), span };
  l.fn.slots.push(slot);
  return slot.id;
}

export function homeOf(l: Lowerer, v: LocalVar): VarHome {
  const frame = l.vars[l.vars.length - 1]!;
  let home = frame.get(v);
  if (!home) {
    // A volatile variable lives in memory, so that each of its reads and writes stays an access.
    home = v.addressTaken || !T.isScalar(v.type) || T.qualifiersOf(v.type).volatile ? { kind: 'slot', slot: newSlot(l, v.name, v.type, v.span) } : { kind: 'reg', reg: newVReg(l, v.name) };
    frame.set(v, home);
  }
  return home;
}

/** Puts an operand in a register (constants get a mov). */
export function toReg(l: Lowerer, o: Operand): VReg {
  if (o.kind === 'reg') return o.reg;
  const r = newVReg(l);
  emit(l, { op: 'mov', bits: 64, dst: r, src: o, span: l.span });
  return r;
}

export function addrOffset(a: Address, delta: number): Address {
  return { ...a, off: a.off + delta };
}

/** BPF memory access size for a C object size, if it is one. */
export function memSize(sizeBytes: number): 1 | 2 | 4 | 8 | undefined {
  return sizeBytes === 1 || sizeBytes === 2 || sizeBytes === 4 || sizeBytes === 8 ? sizeBytes : undefined;
}

/** 64 for 8-byte values, else 32: the ALU width arithmetic of this type uses. */
export function aluBits(t: T.CType): 32 | 64 {
  return (T.sizeOf(t) ?? 4) > 4 ? 64 : 32;
}

export function isSigned(t: T.CType): boolean {
  const s = T.strip(t);
  return (s.kind === 'int' || s.kind === 'enum') && T.asInt(s).signed;
}
