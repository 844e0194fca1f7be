// Instruction selection: IR with allocated registers -> BPF instructions.
// Needs: legalised IR, a register allocation and a frame layout.
// Produces: the instruction slots, relocations and the {insn, span} line table.
import * as asm from '../bpf/asm.js';
import { assemble, expandAsmTemplate } from '../bpf/assemble.js';
import type { Insn } from '../bpf/insn.js';
import type { InsnReloc, LineEntry } from '../bpf/object.js';
import { hasCondJmp, PSEUDO_LD_IMM64, type CpuFeature, type MemSize as BpfMemSize } from '../bpf/opcodes.js';
import type { Span } from '../diag/source.js';
import type { Address, AluOp, Block, BlockId, Inst, IrFunction, MemSize, Operand, Terminator, VReg } from '../ir/ir.js';
import { COMMUTATIVE_ALU, jmpOf, negatedCmp, successors } from '../ir/ir.js';
import type { CType } from '../sema/types.js';
import type { Frame } from './frame.js';
import { fitsImm64 } from './legalize.js';
import { forwardTwins, type TwinQuery } from './twins.js';
import { dropRedundantFillsAndCopies } from './peephole.js';
import type { PReg } from './regalloc.js';
import { pushAll } from '../util/array.js';

const SIZE: Record<MemSize, BpfMemSize> = { 1: 'b', 2: 'h', 4: 'w', 8: 'dw' };

export interface Selected {
  insns: Insn[];
  relocs: InsnReloc[];
  lines: LineEntry[];
  typeIds: BtfTypeIdUse[];
}

/**
 * An instruction with a CO-RE relocation of kind `relo` against `ctype`, whose BTF id exists only
 * once the object's BTF is built (codegen.ts adds the relocation). Without `access`: an ld_imm64
 * of the BTF id of `ctype` (__builtin_btf_type_id), into which codegen.ts writes the id. With
 * `access`: a member of a kernel struct (FIELD_BYTE_OFFSET; a `mov` of the offset, or a load or
 * store at it), whose instruction already holds the program's offset.
 */
export interface BtfTypeIdUse {
  insnIndex: number;
  ctype: CType;
  relo: number;
  access?: string;
}

const FIELD_BYTE_OFFSET = 0;

interface Emitter {
  insns: Insn[];
  relocs: InsnReloc[];
  lines: LineEntry[];
  typeIds: BtfTypeIdUse[];
  lastSpan?: Span;
  /** Jumps to patch: instruction index -> target block. */
  fixups: { index: number; target: BlockId }[];
  blockStart: Map<BlockId, number>;
  regOf: Map<VReg, PReg>;
  frame: Frame;
  cpu: ReadonlySet<CpuFeature>;
  /** a void function's returns set R0 to 0 (see voidReturnClearsR0) */
  clearR0: boolean;
  /** Functions emitted in .text, which inline assembly may call by name. */
  subprograms: ReadonlySet<string>;
}

/**
 * Whether a void function's returns must clear R0: when something in the function may leave a
 * pointer to its own stack there (a value allocated to R0, or a call's result), which the verifier
 * refuses to see returned to the caller ("cannot return stack pointer to the caller").
 */
function voidReturnClearsR0(fn: IrFunction, regOf: Map<VReg, PReg>): boolean {
  if (fn.source.sym.type.kind !== 'func' || fn.source.sym.type.ret.kind !== 'void') return false;
  if ([...regOf.values()].includes(0 as PReg)) return true;
  return fn.blocks.some((b) => b.insts.some((i) => i.op === 'call' || i.op === 'callfn' || i.op === 'memop' || i.op === 'ldabs' || i.op === 'atomic'));
}

export function selectInstructions(fn: IrFunction, regOf: Map<VReg, PReg>, frame: Frame, cpu: ReadonlySet<CpuFeature>, subprograms: ReadonlySet<string> = new Set()): Selected {
  const e: Emitter = { insns: [], relocs: [], lines: [], typeIds: [], fixups: [], blockStart: new Map(), regOf, frame, cpu, clearR0: voidReturnClearsR0(fn, regOf), subprograms };
  const forward = forwardingTargets(fn, regOf);
  if (!fn.naked) forwardTwins(fn, forward, twinQuery(e, forward));
  const order = layoutOrder(fn, forward);
  const tails = fn.naked ? new Map<BlockId, BlockId>() : shareExits(fn, order, forward, regOf, cpu);
  // Parameters arrive in R1-R5 (a naked function's assembly reads them there itself).
  setSpan(e, fn.span);
  if (!fn.naked) parallelMove(e, fn.params.map((p, i) => ({ dst: r(e, p), src: i + 1 })));
  order.forEach((id, k) => {
    e.blockStart.set(id, e.insns.length);
    const b = fn.blocks[id]!;
    for (const i of b.insts) selectInst(e, i);
    // A naked function's assembly ends in its own exit: the return after it gets no code.
    const tail = tails.get(id);
    const term: Terminator = tail !== undefined ? { op: 'jmp', target: tail, span: b.term.span } : retarget(b.term, forward);
    if (!(fn.naked && b.term.op === 'ret')) selectTerm(e, term, order[k + 1]);
  });
  for (const f of e.fixups) {
    const target = e.blockStart.get(f.target)!;
    e.insns[f.index]!.off = target - (f.index + 1);
  }
  return dropRedundantFillsAndCopies({ insns: e.insns, relocs: e.relocs, lines: e.lines, typeIds: e.typeIds });
}

/**
 * Where each block that emits no code and only jumps (its instructions are copies the register
 * allocator coalesced) really leads: jumps and branches go straight there, and the block is not
 * laid out, so no `goto` to a `goto` or `goto pc+0` is left. The entry block always stays.
 */
function forwardingTargets(fn: IrFunction, regOf: Map<VReg, PReg>): Map<BlockId, BlockId> {
  const emitsNothing = (b: Block) =>
    b.id !== 0 && b.term.op === 'jmp' && b.insts.every((i) => i.op === 'mov' && i.bits === 64 && i.src.kind === 'reg' && regOf.get(i.src.reg) === regOf.get(i.dst));
  const dest = new Map<BlockId, BlockId>();
  for (const b of fn.blocks) {
    let cur = b.id;
    const onPath = new Set<BlockId>();
    while (emitsNothing(fn.blocks[cur]!) && !onPath.has(cur)) {
      onPath.add(cur);
      cur = (fn.blocks[cur]!.term as { target: BlockId }).target;
    }
    // A cycle of such blocks (an empty infinite loop) keeps its last block as the target.
    if (cur !== b.id) dest.set(b.id, cur);
  }
  return dest;
}

function retarget(t: Terminator, forward: Map<BlockId, BlockId>): Terminator {
  const to = (id: BlockId) => forward.get(id) ?? id;
  if (t.op === 'jmp') return { ...t, target: to(t.target) };
  if (t.op === 'br') return { ...t, then: to(t.then), else: to(t.else) };
  return t;
}

/**
 * Tail merging of returns: a block that ends in the same return as a block that is nothing but
 * that return (`return XDP_PASS;` at the end of the code and after an early test) falls into it
 * instead of repeating it (`r0 = 2; exit`, two slots), the bare return moved right after it in
 * `order` (which is changed in place). A move that would cost the block before the bare return
 * its fall-through is not made, so no path gets a jump it did not have: the verifier processes
 * the same instructions. Gives the blocks that end in a jump to the bare return instead.
 */
function shareExits(
  fn: IrFunction, order: BlockId[], forward: Map<BlockId, BlockId>, regOf: Map<VReg, PReg>, cpu: ReadonlySet<CpuFeature>,
): Map<BlockId, BlockId> {
  const out = new Map<BlockId, BlockId>();
  const sameRet = (a: Terminator, b: Terminator) =>
    a.op === 'ret' && b.op === 'ret' &&
    (a.value === undefined ? b.value === undefined
      : a.value.kind === 'imm' ? b.value?.kind === 'imm' && b.value.value === a.value.value
        : b.value?.kind === 'reg' && regOf.get(b.value.reg) === regOf.get(a.value.reg));
  // The jumps a terminator costs when `next` follows it (as selectTerm emits them).
  const jumps = (t: Terminator, next: BlockId | undefined): number => {
    if (t.op === 'ret') return 0;
    if (t.op === 'jmp' || t.then === t.else) return (t.op === 'jmp' ? t.target : t.then) === next ? 0 : 1;
    const inverse = negatedCmp(t.cmp);
    const canInvert = inverse !== undefined && hasCondJmp(cpu, jmpOf(inverse));
    return t.else === next || (t.then === next && canInvert) ? 1 : 2;
  };
  const bare = order.filter((id) => id !== 0 && fn.blocks[id]!.insts.length === 0 && fn.blocks[id]!.term.op === 'ret');
  const used = new Set<BlockId>();
  for (const id of [...order]) {
    const b = fn.blocks[id]!;
    if (b.term.op !== 'ret' || b.insts.length === 0) continue;
    const target = bare.find((x) => !used.has(x) && sameRet(fn.blocks[x]!.term, b.term));
    if (target === undefined) continue;
    const at = order.indexOf(target);
    const prev = order[at - 1];
    const after = order[at + 1];
    if (prev !== undefined && prev !== id) {
      const t = retarget(fn.blocks[prev]!.term, forward);
      if (jumps(t, after) > jumps(t, target)) continue;
    }
    used.add(target);
    order.splice(at, 1);
    order.splice(order.indexOf(id) + 1, 0, target);
    out.set(id, target);
  }
  return out;
}

/** How forwardTwins (twins.ts) reads a block's code and terminator: selected into a scratch emitter. */
function twinQuery(e: Emitter, forward: Map<BlockId, BlockId>): TwinQuery {
  const ids = new Map<unknown, number>();
  const idOf = (x: unknown) => {
    let n = ids.get(x);
    if (n === undefined) ids.set(x, (n = ids.size));
    return n;
  };
  const operand = (o: Operand | undefined) => (o === undefined ? '-' : o.kind === 'imm' ? `#${o.value}` : `r${r(e, o.reg)}`);
  return {
    codeKey(b) {
      const s: Emitter = { ...e, insns: [], relocs: [], lines: [], typeIds: [], fixups: [], lastSpan: undefined };
      for (const i of b.insts) selectInst(s, i);
      const insns = s.insns.map((x) => `${x.code},${x.dst},${x.src},${x.off},${x.imm}`).join(';');
      const relocs = s.relocs.map((x) => `${x.insnIndex},${x.kind},${x.symbol}`).join(';');
      const types = s.typeIds.map((x) => `${x.insnIndex},${idOf(x.ctype)},${x.relo},${x.access ?? ''}`).join(';');
      return `${insns}|${relocs}|${types}`;
    },
    termKey(t) {
      if (t.op === 'jmp') return `jmp ${t.target}`;
      if (t.op === 'ret') return `ret ${operand(t.value)}`;
      return `br ${t.cmp}${t.bits} r${r(e, t.a)} ${operand(t.b)} ${t.then} ${t.else}`;
    },
    retarget: (t) => retarget(t, forward),
  };
}

/** Blocks in reverse post-order from the entry, through forwarded targets; unreachable and forwarded blocks are dropped. */
export function layoutOrder(fn: IrFunction, forward: Map<BlockId, BlockId> = new Map()): BlockId[] {
  // Depth-first, iteratively (a function can have thousands of blocks in a chain). The
  // successor visited last is laid out right after its block: the then successor, into which
  // selectTerm inverts the branch to fall, unless the else successor is a triangle's arm.
  const seen = new Set<BlockId>([0]);
  const post: BlockId[] = [];
  const predCount = new Map<BlockId, number>();
  for (const b of fn.blocks) for (const s of successors(retarget(b.term, forward))) predCount.set(s, (predCount.get(s) ?? 0) + 1);
  const next = (id: BlockId) => {
    const succ = [...successors(retarget(fn.blocks[id]!.term, forward))].reverse();
    // A triangle (a branch over an arm that only this block enters and that jumps to the
    // branch's other target, as if-convert leaves a select) lays the arm out next: the branch
    // jumps over it, and the kernel's verifier, which explores the fall-through first, sees the
    // arm's computed values before the constants set ahead of the branch.
    if (succ.length === 2 && isTriangleArm(succ[0]!, succ[1]!)) succ.reverse();
    // A step arm (a short block that only this block enters, that updates a value by arithmetic
    // and jumps on, as `off += 1; continue;` of an unrolled walk) is laid out after the other
    // successor, which falls through: the verifier explores the longer path's computed values
    // first, and they prune the arm's narrower ones at the join, one state per step rather than
    // one per path (bench asm_mss: 5,046 processed instructions down to 1,660).
    else if (succ.length === 2 && isStepArm(succ[1]!) && !isStepArm(succ[0]!)) succ.reverse();
    return { id, succ, k: 0 };
  };
  const isStepArm = (arm: BlockId): boolean => {
    const insts = fn.blocks[arm]!.insts;
    return predCount.get(arm) === 1 && retarget(fn.blocks[arm]!.term, forward).op === 'jmp' && insts.length <= 2 && insts.some((i) => i.op === 'alu');
  };
  const isTriangleArm = (arm: BlockId, join: BlockId): boolean => {
    const t = retarget(fn.blocks[arm]!.term, forward);
    return predCount.get(arm) === 1 && t.op === 'jmp' && t.target === join;
  };
  const stack = [next(0)];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.k < top.succ.length) {
      const s = top.succ[top.k++]!;
      if (!seen.has(s)) {
        seen.add(s);
        stack.push(next(s));
      }
    } else {
      stack.pop();
      post.push(top.id);
    }
  }
  const order = post.reverse();
  // A triangle's arm that only zeroes stack bytes (`if (flags & F) pckt.port = 0;`) goes to the
  // end, from where it jumps back to the join: the branch then falls through to the join, and the
  // kernel's verifier, which explores the fall-through first, walks on with the bytes as they
  // were (data) before it comes back for the arm. At the join the arm's state (zero bytes) is then
  // covered by the one already explored, and pruned; explored the other way round, data bytes are
  // not covered by zero ones and everything after the join is walked twice.
  // The verifier keeps a state for pruning only after two jumps and eight instructions since the
  // last one: at a join that early in the function (an arm under the first test) there is nothing
  // to prune against, and the arm's jump back would only cost an instruction.
  const before = new Map<BlockId, { jumps: number; insts: number }>();
  let jumps = 0;
  let insts = 0;
  for (const id of order) {
    before.set(id, { jumps, insts });
    const b = fn.blocks[id]!;
    insts += b.insts.length + 1;
    if (retarget(b.term, forward).op === 'br') jumps++;
  }
  // The block that branches to each block, for those entered from one only.
  const onlyPred = new Map<BlockId, BlockId>();
  for (const p of order) for (const s of successors(retarget(fn.blocks[p]!.term, forward))) if (predCount.get(s) === 1) onlyPred.set(s, p);
  const deferred = order.filter((id) => {
    const b = fn.blocks[id]!;
    const t = retarget(b.term, forward);
    if (id === 0 || predCount.get(id) !== 1 || t.op !== 'jmp' || b.insts.length === 0) return false;
    if (!b.insts.every((i) => i.op === 'store' && i.addr.kind === 'slot' && i.src.kind === 'imm' && i.src.value === 0n)) return false;
    const from = onlyPred.get(id);
    if (from === undefined) return false;
    const pt = retarget(fn.blocks[from]!.term, forward);
    if (pt.op !== 'br' || (pt.then !== t.target && pt.else !== t.target)) return false;
    const at = before.get(from)!;
    return at.jumps >= 1 && at.insts + fn.blocks[from]!.insts.length >= 8;
  });
  if (deferred.length === 0) return order;
  const late = new Set(deferred);
  return [...order.filter((id) => !late.has(id)), ...deferred];
}

function r(e: Emitter, v: VReg): number {
  const p = e.regOf.get(v);
  if (p === undefined) throw new Error(`internal: virtual register %${v} has no register`);
  return p;
}

function setSpan(e: Emitter, span: Span): void {
  const last = e.lastSpan;
  if (!last || last.file !== span.file || last.start !== span.start) {
    // Two spans before one instruction: the later (the statement) describes it.
    const prev = e.lines[e.lines.length - 1];
    if (prev && prev.insnIndex === e.insns.length) prev.span = span;
    else e.lines.push({ insnIndex: e.insns.length, span });
    e.lastSpan = span;
  }
}

function push(e: Emitter, ...insns: Insn[]): void {
  pushAll(e.insns, insns);
}

function imm32(v: bigint): number {
  return Number(BigInt.asIntN(32, v));
}

/** dst = value (64-bit), in the fewest instructions. */
function loadConst(e: Emitter, dst: number, value: bigint): void {
  const v = BigInt.asUintN(64, value);
  if (BigInt.asUintN(64, BigInt.asIntN(32, v)) === v) push(e, asm.movImm(dst, imm32(v)));
  else if (v <= 0xffffffffn) push(e, asm.mov32Imm(dst, imm32(v)));
  else push(e, ...asm.ldImm64(dst, v));
}

function move(e: Emitter, dst: number, src: Operand): void {
  if (src.kind === 'imm') loadConst(e, dst, src.value);
  else if (r(e, src.reg) !== dst) push(e, asm.movReg(dst, r(e, src.reg)));
}

function memOperand(e: Emitter, a: Address): { base: number; off: number } {
  if (a.kind === 'reg') return { base: r(e, a.reg), off: a.off };
  return { base: 10, off: e.frame.slotOffset(a.slot) + a.off };
}

function selectInst(e: Emitter, i: Inst): void {
  setSpan(e, i.span);
  switch (i.op) {
    case 'mov':
      if (i.bits === 32) {
        if (i.src.kind === 'imm') push(e, asm.mov32Imm(r(e, i.dst), imm32(i.src.value)));
        else push(e, asm.mov32Reg(r(e, i.dst), r(e, i.src.reg)));
      } else move(e, r(e, i.dst), i.src);
      return;
    case 'alu': {
      const d = r(e, i.dst);
      let a = i.a;
      let b = i.b;
      // `d = a op d`, op commutative: `d op= a` (the register allocator keeps a wide constant a out of this case).
      if (COMMUTATIVE_ALU.has(i.alu) && b.kind === 'reg' && r(e, b.reg) === d && !(a.kind === 'reg' && r(e, a.reg) === d)) [a, b] = [b, a];
      if (b.kind === 'imm' && i.bits === 64 && !fitsImm64(b.value)) throw new Error('internal: a 64-bit ALU immediate does not fit the imm field');
      move(e, d, a);
      if (b.kind === 'imm') push(e, i.bits === 64 ? asm.alu64Imm(i.alu, d, imm32(b.value)) : asm.alu32Imm(i.alu, d, imm32(b.value)));
      else push(e, i.bits === 64 ? asm.alu64Reg(i.alu, d, r(e, b.reg)) : asm.alu32Reg(i.alu, d, r(e, b.reg)));
      return;
    }
    case 'neg': {
      const d = r(e, i.dst);
      move(e, d, { kind: 'reg', reg: i.a });
      push(e, i.bits === 64 ? asm.neg64(d) : asm.neg32(d));
      return;
    }
    case 'sext': {
      const d = r(e, i.dst);
      const s = r(e, i.src);
      if (e.cpu.has('movsx')) {
        push(e, asm.movsx(i.fromBits, d, s, i.bits === 64));
        return;
      }
      const shift = i.bits - i.fromBits;
      if (i.bits === 64) {
        if (d !== s) push(e, asm.movReg(d, s));
        push(e, asm.alu64Imm('lsh', d, shift), asm.alu64Imm('arsh', d, shift));
      } else {
        // 32-bit shifts read the low half and clear the upper one: a copy only to another register
        if (d !== s) push(e, asm.mov32Reg(d, s));
        push(e, asm.alu32Imm('lsh', d, shift), asm.alu32Imm('arsh', d, shift));
      }
      return;
    }
    case 'bswap': {
      const d = r(e, i.dst);
      if (d !== r(e, i.src)) push(e, asm.movReg(d, r(e, i.src)));
      push(e, asm.endian(true, i.bits, d));
      return;
    }
    case 'load': {
      const m = memOperand(e, i.addr);
      if (i.core) e.typeIds.push({ insnIndex: e.insns.length, ctype: i.core.root, relo: FIELD_BYTE_OFFSET, access: i.core.access });
      push(e, asm.ldx(SIZE[i.size], r(e, i.dst), m.base, m.off));
      return;
    }
    case 'store': {
      const m = memOperand(e, i.addr);
      if (i.core) e.typeIds.push({ insnIndex: e.insns.length, ctype: i.core.root, relo: FIELD_BYTE_OFFSET, access: i.core.access });
      // A map key's store that may write its whole word does (Frame.wordStore): the key is the
      // low bytes of the 8 stored, the others belong to no slot active then.
      const whole = i.src.kind === 'reg' && i.addr.kind === 'slot' && i.addr.off === 0 && !i.volatile && e.frame.wordStore(i.addr.slot, i.size);
      const size: MemSize = whole ? 8 : i.size;
      if (i.src.kind === 'imm') push(e, asm.st(SIZE[size], m.base, m.off, imm32(i.src.value)));
      else push(e, asm.stx(SIZE[size], m.base, m.off, r(e, i.src.reg)));
      return;
    }
    case 'slotaddr': {
      const d = r(e, i.dst);
      push(e, asm.movReg(d, 10), asm.alu64Imm('add', d, e.frame.slotOffset(i.slot) + i.off));
      return;
    }
    case 'mapaddr':
      e.relocs.push({ insnIndex: e.insns.length, kind: 'map', symbol: i.map });
      push(e, ...asm.ldMapFd(r(e, i.dst)));
      return;
    case 'dataaddr':
      // R_BPF_64_64 against the variable: libbpf turns it into BPF_PSEUDO_MAP_VALUE + offset.
      e.relocs.push({ insnIndex: e.insns.length, kind: 'map', symbol: i.symbol });
      // A section reference carries its byte offset in imm (the relocation's addend).
      push(e, ...asm.ldImm64(r(e, i.dst), BigInt(i.off ?? 0)));
      return;
    case 'asm':
      selectAsm(e, i);
      return;
    case 'funcaddr':
      // Relocated against the function (global) or .text + its offset (static), as libbpf expects.
      e.relocs.push({ insnIndex: e.insns.length, kind: 'func', symbol: i.func });
      push(e, ...asm.ldImm64(r(e, i.dst), 0n, PSEUDO_LD_IMM64.func));
      return;
    case 'btftypeid':
      e.typeIds.push({ insnIndex: e.insns.length, ctype: i.ctype, relo: i.relo });
      push(e, ...asm.ldImm64(r(e, i.dst), 0n));
      return;
    case 'fieldoff':
      e.typeIds.push({ insnIndex: e.insns.length, ctype: i.core.root, relo: i.info?.relo ?? FIELD_BYTE_OFFSET, access: i.core.access });
      push(e, asm.movImm(r(e, i.dst), i.info?.value ?? i.core.offsetBytes));
      return;
    case 'call':
    case 'callfn': {
      const moves = i.args.map((a, k) => ({ dst: k + 1, src: a }));
      parallelMoveOperands(e, moves);
      if (i.op === 'call') push(e, asm.call(i.helper));
      else {
        e.relocs.push({ insnIndex: e.insns.length, kind: 'call', symbol: i.func });
        push(e, asm.callPseudo(-1));
      }
      if (i.dst !== undefined && r(e, i.dst) !== 0) push(e, asm.movReg(r(e, i.dst), 0));
      return;
    }
    case 'ldabs': {
      // The kernel reads the socket buffer from R6 and the index register before it clobbers R1-R5.
      const ctx = r(e, i.ctx);
      let index = i.off.kind === 'reg' ? r(e, i.off.reg) : -1;
      const moves = [{ dst: 6, src: ctx }];
      if (index === 6 && ctx !== 6) {
        moves.push({ dst: 1, src: index });
        index = 1;
      }
      parallelMove(e, moves);
      push(e, i.off.kind === 'imm' ? asm.ldAbs(SIZE[i.size] as 'b' | 'h' | 'w', imm32(i.off.value + BigInt(i.disp ?? 0))) : asm.ldInd(SIZE[i.size] as 'b' | 'h' | 'w', index, i.disp ?? 0));
      if (r(e, i.dst) !== 0) push(e, asm.movReg(r(e, i.dst), 0));
      return;
    }
    case 'atomic': {
      const m = memOperand(e, i.addr);
      const size = i.size === 8 ? 'dw' : 'w';
      if (i.aop === 'cmpxchg') {
        parallelMove(e, [{ dst: 0, src: r(e, i.expected!) }]);
        push(e, asm.atomic(size, 'cmpxchg', m.base, m.off, r(e, i.src), true));
        if (i.dst !== undefined && r(e, i.dst) !== 0) push(e, asm.movReg(r(e, i.dst), 0));
        return;
      }
      if (!i.fetch || i.dst === undefined) {
        push(e, asm.atomic(size, i.aop, m.base, m.off, r(e, i.src), false));
        return;
      }
      const d = r(e, i.dst);
      if (d !== r(e, i.src)) push(e, asm.movReg(d, r(e, i.src)));
      push(e, asm.atomic(size, i.aop, m.base, m.off, d, true));
      return;
    }
    case 'memop':
      throw new Error('internal: a memory builtin reached instruction selection unexpanded');
    default: {
      const never: never = i;
      return never;
    }
  }
}

function jump(e: Emitter, insn: Insn, target: BlockId): void {
  e.fixups.push({ index: e.insns.length, target });
  push(e, insn);
}

function selectTerm(e: Emitter, t: Terminator, next: BlockId | undefined): void {
  setSpan(e, t.span);
  switch (t.op) {
    case 'jmp':
      if (t.target !== next) jump(e, asm.ja(0), t.target);
      return;
    case 'ret':
      if (t.value) move(e, 0, t.value);
      else if (e.clearR0) loadConst(e, 0, 0n);
      push(e, asm.exit());
      return;
    case 'br': {
      if (t.then === t.else) {
        if (t.then !== next) jump(e, asm.ja(0), t.then);
        return;
      }
      let cmp = t.cmp;
      let then = t.then;
      let other = t.else;
      const inverse = negatedCmp(cmp);
      // Invert only into an op this -mcpu has (no jlt/jle/jslt/jsle before v2).
      if (then === next && inverse && hasCondJmp(e.cpu, jmpOf(inverse))) {
        cmp = inverse;
        [then, other] = [other, then];
      }
      const a = r(e, t.a);
      const op = jmpOf(cmp);
      const insn =
        t.b.kind === 'imm'
          ? t.bits === 64 ? asm.jmpImm(op, a, imm32(t.b.value), 0) : asm.jmp32Imm(op, a, imm32(t.b.value), 0)
          : t.bits === 64 ? asm.jmpReg(op, a, r(e, t.b.reg), 0) : asm.jmp32Reg(op, a, r(e, t.b.reg), 0);
      jump(e, insn, then);
      if (other !== next) jump(e, asm.ja(0), other);
      return;
    }
    default: {
      const never: never = t;
      return never;
    }
  }
}

function parallelMoveOperands(e: Emitter, moves: { dst: number; src: Operand }[]): void {
  const regMoves = moves.filter((m) => m.src.kind === 'reg').map((m) => ({ dst: m.dst, src: r(e, (m.src as { reg: VReg }).reg) }));
  parallelMove(e, regMoves);
  for (const m of moves) if (m.src.kind === 'imm') loadConst(e, m.dst, m.src.value);
}

/**
 * Performs simultaneous register moves. Destinations are distinct and are
 * R1-R5 (call arguments), R0 (cmpxchg), R6 and R1 (LD_ABS/LD_IND) or a parameter's register, so when only
 * cycles remain R0 is neither a pending source nor destination, and it breaks
 * the cycle. (XOR swaps would not do: the verifier forbids XOR on pointers.)
 */
function parallelMove(e: Emitter, moves: { dst: number; src: number }[]): void {
  let pending = moves.filter((m) => m.dst !== m.src);
  while (pending.length > 0) {
    const ready = pending.find((m) => !pending.some((o) => o.src === m.dst));
    if (ready) {
      push(e, asm.movReg(ready.dst, ready.src));
      pending = pending.filter((m) => m !== ready);
      continue;
    }
    const saved = pending[0]!.src;
    push(e, asm.movReg(0, saved));
    pending = pending.map((x) => (x.src === saved ? { dst: x.dst, src: 0 } : x));
  }
}

/**
 * The text of an asm instruction, with regNo(K) the register of operand K (a register operand,
 * or the output); every "i" operand must be a constant by now.
 */
export function asmText(i: Inst & { op: 'asm' }, regNo: (k: number) => number): string {
  return expandAsmTemplate(i.parts, (k) => {
    const o = i.operands[k]!;
    switch (o.kind) {
      case 'reg':
        return o.width === 'm' ? `(r${regNo(k)} + 0)` : `${o.width}${regNo(k)}`;
      case 'out':
        return `${o.width}${regNo(k)}`;
      case 'imm':
        if (o.value.kind !== 'imm') throw new Error('internal: an "i" asm operand is not a constant at instruction selection');
        // Written as the C value: -22 for an int -EINVAL (kept zero-extended in the register).
        return String(o.ctype.signed ? BigInt.asIntN(o.ctype.bits, o.value.value) : BigInt.asUintN(o.ctype.bits, o.value.value));
      case 'map':
        return `map[${o.symbol}]`;
      case 'fixed':
        return o.text;
      default: {
        const never: never = o;
        return never;
      }
    }
  });
}

/** Inline assembly: the output starts as its initial value, then the template with real registers. */
function selectAsm(e: Emitter, i: Inst & { op: 'asm' }): void {
  const d = i.dst !== undefined ? r(e, i.dst) : -1;
  for (const o of i.operands) {
    if (o.kind === 'out' && o.init !== undefined && r(e, o.init) !== d) {
      push(e, asm.movReg(d, r(e, o.init)));
      break;
    }
  }
  const text = asmText(i, (k) => {
    const o = i.operands[k]!;
    return o.kind === 'reg' ? r(e, o.reg) : d;
  });
  const out = assemble(text, { externalLabels: e.subprograms });
  if (out.errors.length > 0) throw new Error(`internal: inline assembly does not assemble: ${out.errors[0]!.message}`);
  const base = e.insns.length;
  // Maps, and calls of .text functions (codegen.ts checked that nothing else is left).
  for (const rel of out.relocs) e.relocs.push({ insnIndex: base + rel.insnIndex, kind: rel.kind === 'call' ? 'call' : 'map', symbol: rel.symbol });
  push(e, ...out.insns);
}
