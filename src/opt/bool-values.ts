// Booleans as values without branches: a comparison whose 0/1 result is kept as a value
// (`x = a < b`, `v /= (a != c)`) is lowered as a diamond `br cmp a, b -> T, E` with `x = 1` in one
// arm and `x = 0` in the other. Where both operands are integers (never pointers, see
// scalarRegisters), the diamond becomes arithmetic: the comparison's sign bit after a
// subtraction (`(a - b) >> 63` for 32-bit operands widened to 64 bits), `(d | -d) >> 63` for
// d = a ^ b != 0, or the carry and overflow formulas of 64-bit subtraction. Then `a && b` and
// `a || b` whose right operand computes a bit in a few speculatable instructions combine the two
// bits with `&` or `|`.
// Needs: nothing. Changes: branches and their arms become instructions in the branching block;
// the arms may be left unreachable (simplifyCfg drops them). Invalidates: block ids (after
// simplifyCfg), liveness.
//
// Why: each such branch forks the kernel's verifier into two paths whose registers hold
// different constants, and neither path's state contains the other's, so nothing after the
// join is pruned: a handful of boolean values in an unrolled loop body multiply the paths past
// the kernel's 1M processed instructions (a random program of 3x5 unrolled rounds with four
// booleans per round). As arithmetic, the value is one scalar in [0, 1] on a single path.
//
// What the kernel loses: on the two paths it knew the comparison's outcome for the operands.
// So a boolean that a branch tests later (where that knowledge could make an access provable)
// stays a diamond, and so does a comparison of anything that may be a pointer (pointer
// arithmetic other than add/sub is refused by the kernel), and a boolean whose arithmetic would
// make the kernel track a variable exactly that it otherwise would not (diamondsToKeep).
import type { Block, BlockId, CmpOp, Inst, IrFunction, Operand, VReg } from '../ir/ir.js';
import { definitionsByRegister, instDef, instUses, termUses } from '../ir/ir.js';
import type { Span } from '../diag/source.js';
import { computeLiveOut } from '../ir/liveness.js';
import { predecessors } from './loops.js';
import { helperById, type ArgKind } from '../bpf/helpers.js';
import { contextReadsNumbers } from '../bpf/prog-types.js';
import { ctxFieldAt, ctxLayout } from '../bpf/ctx-layouts.js';
import { contextStructOf } from '../sema/bpf-rules.js';

/** At most this many instructions in an operand of `&&` or `||` that is computed on both paths. */
const MAX_SPECULATED = 12;

export function convertBooleanValues(fn: IrFunction): boolean {
  const scalars = scalarRegisters(fn);
  const tested = new Set<VReg>();
  for (const b of fn.blocks) if (b.term.op === 'br') for (const r of termUses(b.term)) tested.add(r);
  const keep = diamondsToKeep(fn, scalars);
  let changed = false;
  // Diamonds of constants first, everywhere; then the combinations that they make possible
  // (an inner comparison's diamond is now a computed arm of the outer `&&`).
  const before = predecessors(fn);
  for (const b of fn.blocks) if (!keep.has(b.id) && convertDiamond(fn, b, scalars, tested, before)) changed = true;
  const preds = predecessors(fn);
  const liveOut = computeLiveOut(fn);
  for (const b of fn.blocks) if (!keep.has(b.id) && combineBits(fn, b, scalars, tested, preds, liveOut)) changed = true;
  return changed;
}

/**
 * The blocks whose value diamond stays a branch because arithmetic would spread the kernel's
 * precision marks to variables that nothing else makes precise.
 *
 * The kernel's verifier prunes a path when an earlier state at the same instruction contains the
 * current one; scalars it has marked precise must be contained exactly (a constant only matches
 * itself), the others match anything. A scalar becomes precise when something depends on its
 * exact value (the sinks below), and the mark goes back through the instructions that computed
 * it (mark_chain_precision), stopping at a constant, a load from memory, or a call's result. So
 * when a boolean is needed precisely, its diamond's `x = 1` / `x = 0` stops the marks, while
 * `(a - b) >> 63` carries them on to a and b, and from there to every variable they were computed
 * from. When one of those is a variable assigned on several paths (a value that differs between
 * the states of an unrolled loop) and nothing else makes it precise, its states stop matching,
 * and more paths are explored than the diamond's fork costs: a random program's
 * `a1[v5 & 1] &= (a1[k] > (v3 & o0.f1)) | 0x80`, where the stored value is needed precisely and
 * v3 is not, went from 627,539 processed instructions to more than 1M.
 *
 * Sinks, as the kernel has them: the scalar added to a pointer (an index), the value stored to
 * the stack through a computed address or in fewer than 8 bytes (a zero written where the stack
 * holds zeros is made precise), arguments of calls, the returned value, and the operands of
 * branches (a branch whose outcome the state decides marks its operands), except the branches of
 * value diamonds, which may become arithmetic themselves. The marks then go back through moves
 * and arithmetic, not through loads.
 */
function diamondsToKeep(fn: IrFunction, scalars: ReadonlySet<VReg>): Set<BlockId> {
  const defs = new Map<VReg, { inst: Inst; block: BlockId }[]>();
  const stackAddresses = new Set<VReg>();
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      const d = instDef(i);
      if (d === undefined) continue;
      const list = defs.get(d);
      if (list) list.push({ inst: i, block: b.id });
      else defs.set(d, [{ inst: i, block: b.id }]);
    }
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const [r, list] of defs) {
      if (stackAddresses.has(r)) continue;
      if (list.some(({ inst: i }) => i.op === 'slotaddr' || (i.op === 'mov' && i.bits === 64 && i.src.kind === 'reg' && stackAddresses.has(i.src.reg)) ||
        (i.op === 'alu' && i.bits === 64 && (i.alu === 'add' || i.alu === 'sub') && i.a.kind === 'reg' && stackAddresses.has(i.a.reg)))) {
        stackAddresses.add(r);
        grew = true;
      }
    }
  }
  const valueDiamond = (b: Block): { dst: VReg; a: VReg; b: Operand } | undefined => {
    const t = b.term;
    if (t.op !== 'br') return undefined;
    const yes = constantBit(fn.blocks[t.then]!);
    const no = constantBit(fn.blocks[t.else]!);
    const k = yes ?? no;
    return k === undefined ? undefined : { dst: k.dst, a: t.a, b: t.b };
  };
  const precise = new Set<VReg>();
  const work: VReg[] = [];
  const mark = (o: Operand | VReg | undefined): void => {
    const r = typeof o === 'number' ? o : o?.kind === 'reg' ? o.reg : undefined;
    if (r !== undefined && !precise.has(r)) {
      precise.add(r);
      work.push(r);
    }
  };
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if (i.op === 'alu' && i.bits === 64 && (i.alu === 'add' || i.alu === 'sub') && !scalars.has(i.dst)) {
        if (i.a.kind === 'reg' && scalars.has(i.a.reg)) mark(i.a);
        if (i.b.kind === 'reg' && scalars.has(i.b.reg)) mark(i.b);
      } else if (i.op === 'store' && (i.size < 8 || (i.addr.kind === 'reg' && stackAddresses.has(i.addr.reg)))) {
        if (i.addr.kind === 'slot' || stackAddresses.has(i.addr.reg)) mark(i.src);
      } else if (i.op === 'call' || i.op === 'callfn') {
        for (const a of i.args) mark(a);
      }
    }
    if (b.term.op === 'ret') mark(b.term.value);
    else if (b.term.op === 'br' && valueDiamond(b) === undefined) for (const r of termUses(b.term)) mark(r);
  }
  const through = (i: Inst): Operand[] => {
    switch (i.op) {
      case 'mov': return [i.src];
      case 'alu': return [i.a, i.b];
      case 'neg': return [{ kind: 'reg', reg: i.a }];
      case 'sext':
      case 'bswap': return [{ kind: 'reg', reg: i.src }];
      default: return [];
    }
  };
  for (let r = work.pop(); r !== undefined; r = work.pop()) for (const d of defs.get(r) ?? []) for (const o of through(d.inst)) mark(o);
  // An operand is safe to make precise when every C variable its value comes from (through
  // moves, arithmetic and temporaries, not through loads) is precise already.
  const safe = new Map<VReg, boolean>();
  const isSafe = (r: VReg): boolean => {
    const known = safe.get(r);
    if (known !== undefined) return known;
    if (precise.has(r)) return true;
    if (fn.vregNames.has(r)) {
      safe.set(r, false);
      return false;
    }
    safe.set(r, true); // a cycle: decided by the other operands
    const ok = (defs.get(r) ?? []).every((d) => through(d.inst).every((o) => o.kind === 'imm' || isSafe(o.reg)));
    safe.set(r, ok);
    return ok;
  };
  const keep = new Set<BlockId>();
  for (const b of fn.blocks) {
    const v = valueDiamond(b);
    if (v === undefined || !precise.has(v.dst)) continue;
    if (!isSafe(v.a) || (v.b.kind === 'reg' && !isSafe(v.b.reg))) keep.add(b.id);
  }
  return keep;
}

/** The register and value of a block that only sets one register to 0 or 1 and jumps. */
function constantBit(b: Block): { dst: VReg; value: 0n | 1n; target: BlockId } | undefined {
  if (b.insts.length !== 1 || b.term.op !== 'jmp') return undefined;
  const i = b.insts[0]!;
  if (i.op !== 'mov' || i.bits !== 64 || i.src.kind !== 'imm' || (i.src.value !== 0n && i.src.value !== 1n)) return undefined;
  return { dst: i.dst, value: i.src.value as 0n | 1n, target: b.term.target };
}

/** The value of a block that only returns 0 or 1. */
function returnedBit(b: Block): 0n | 1n | undefined {
  if (b.insts.length !== 0 || b.term.op !== 'ret' || b.term.value?.kind !== 'imm') return undefined;
  const v = b.term.value.value;
  return v === 0n || v === 1n ? v : undefined;
}

/**
 * `br cmp a, b -> T, E` with `x = 1` in T and `x = 0` in E (or the reverse): x = the comparison.
 * So with `return 1` in T and `return 0` in E, blocks no other branch reaches (`return f() < 0 ?
 * XDP_ABORTED : XDP_DROP`): the branching block returns the comparison, when that takes two
 * instructions. (Its operands were read by a branch: making the returned value out of them marks
 * nothing more precise.)
 */
function convertDiamond(fn: IrFunction, a: Block, scalars: ReadonlySet<VReg>, tested: ReadonlySet<VReg>, preds: readonly BlockId[][]): boolean {
  const t = a.term;
  if (t.op !== 'br' || t.then === t.else) return false;
  // Only returns of this branch alone: one that other blocks jump to stays, and costs nothing more.
  const yesReturns = preds[t.then]!.length === 1 ? returnedBit(fn.blocks[t.then]!) : undefined;
  const noReturns = preds[t.else]!.length === 1 ? returnedBit(fn.blocks[t.else]!) : undefined;
  if (yesReturns !== undefined && noReturns !== undefined && yesReturns !== noReturns && operandsAreScalars(t.a, t.b, scalars)) {
    const cmp = yesReturns === 1n ? t.cmp : negatedOrUndefined(t.cmp);
    if (cmp === undefined) return false;
    // Only a bit made in two instructions (a sign test) is shorter than the branch and its two
    // returns (`r0 = 0; exit` each).
    let next = fn.vregCount;
    const value = next++ as VReg;
    const bit = compareToBit(cmp, t.bits, t.a, t.b, value, () => next++ as VReg, t.span);
    if (yesReturns === 0n && t.cmp === 'set') bit.push(xorOne(value, t.span));
    if (bit.length > 2) return false;
    fn.vregCount = next;
    a.insts.push(...bit);
    a.term = { op: 'ret', value: { kind: 'reg', reg: value }, span: t.span };
    return true;
  }
  const yes = constantBit(fn.blocks[t.then]!);
  const no = constantBit(fn.blocks[t.else]!);
  if (!yes || !no || yes.dst !== no.dst || yes.value === no.value || yes.target !== no.target) return false;
  if (tested.has(yes.dst) || !operandsAreScalars(t.a, t.b, scalars)) return false;
  const cmp = yes.value === 1n ? t.cmp : negatedOrUndefined(t.cmp);
  if (cmp === undefined) return false;
  const newVReg = (): VReg => fn.vregCount++ as VReg;
  a.insts.push(...compareToBit(cmp, t.bits, t.a, t.b, yes.dst, newVReg, t.span));
  if (yes.value === 0n && t.cmp === 'set') a.insts.push(xorOne(yes.dst, t.span));
  a.term = { op: 'jmp', target: yes.target, span: t.span };
  return true;
}

/** The negation of a comparison; `set` has none as a jump, but its bit can be flipped after. */
function negatedOrUndefined(cmp: CmpOp): CmpOp | undefined {
  const n: Partial<Record<CmpOp, CmpOp>> = { eq: 'ne', ne: 'eq', lt: 'ge', ge: 'lt', gt: 'le', le: 'gt', slt: 'sge', sge: 'slt', sgt: 'sle', sle: 'sgt', set: 'set' };
  return n[cmp];
}

/**
 * `br cmp a, b -> K, C` where K only sets x to a constant bit and C (reached only from here)
 * computes in a few speculatable instructions and ends by setting x to a bit: x = cond | bit
 * (K sets 1) or !cond & bit (K sets 0), computed on one path. C's other registers must be dead
 * after the join, so that computing them on K's path changes nothing.
 */
function combineBits(fn: IrFunction, a: Block, scalars: ReadonlySet<VReg>, tested: ReadonlySet<VReg>, preds: BlockId[][], liveOut: Set<number>[]): boolean {
  const t = a.term;
  if (t.op !== 'br' || t.then === t.else) return false;
  for (const [constId, computedId, whenConst] of [[t.then, t.else, true], [t.else, t.then, false]] as const) {
    const k = constantBit(fn.blocks[constId]!);
    const c = fn.blocks[computedId]!;
    if (!k || c.id === a.id || preds[c.id]!.length !== 1 || c.term.op !== 'jmp' || c.term.target !== k.target || c.term.target === c.id) continue;
    if (tested.has(k.dst) || !operandsAreScalars(t.a, t.b, scalars) || !speculatable(c.insts)) continue;
    if (!endsWithBit(c.insts, k.dst)) continue;
    const live = liveOut[c.id]!;
    if (c.insts.some((i) => { const d = instDef(i); return d !== undefined && d !== k.dst && live.has(d); })) continue;
    // x = takenK | bit when K sets 1, !takenK & bit when K sets 0; takenK is the branch's
    // condition when K is its `then`. So the bit wanted is the condition's or its negation's.
    const wantCondition = whenConst === (k.value === 1n);
    const cmp = wantCondition ? t.cmp : negatedOrUndefined(t.cmp);
    if (cmp === undefined) continue;
    const flip = !wantCondition && t.cmp === 'set';
    const newVReg = (): VReg => fn.vregCount++ as VReg;
    const cond = newVReg();
    a.insts.push(...compareToBit(cmp, t.bits, t.a, t.b, cond, newVReg, t.span));
    if (flip) a.insts.push(xorOne(cond, t.span));
    a.insts.push(...c.insts);
    a.insts.push({ op: 'alu', alu: k.value === 1n ? 'or' : 'and', bits: 64, dst: k.dst, a: { kind: 'reg', reg: k.dst }, b: { kind: 'reg', reg: cond }, span: t.span });
    a.term = { op: 'jmp', target: k.target, span: t.span };
    return true;
  }
  return false;
}

function xorOne(r: VReg, span: Span): Inst {
  return { op: 'alu', alu: 'xor', bits: 64, dst: r, a: { kind: 'reg', reg: r }, b: { kind: 'imm', value: 1n }, span };
}

/** Instructions that read only registers and stack slots at fixed offsets, and cannot fault. */
function speculatable(insts: Inst[]): boolean {
  return insts.length <= MAX_SPECULATED && insts.every((i) =>
    i.op === 'mov' || i.op === 'alu' || i.op === 'neg' || i.op === 'sext' || i.op === 'bswap' ||
    (i.op === 'load' && i.addr.kind === 'slot' && i.volatile !== true));
}

/** Whether the last instruction of `insts` that sets `x` leaves it 0 or 1. */
function endsWithBit(insts: Inst[], x: VReg): boolean {
  const isBit = (r: VReg, before: number): boolean => {
    for (let k = before - 1; k >= 0; k--) {
      const i = insts[k]!;
      if (instDef(i) !== r) continue;
      if (i.op === 'mov') return i.src.kind === 'imm' ? i.src.value === 0n || i.src.value === 1n : i.bits === 64 && isBit(i.src.reg, k);
      if (i.op !== 'alu') return false;
      const immB = i.b.kind === 'imm' ? i.b.value : undefined;
      if (i.alu === 'rsh' && i.bits === 64 && immB === 63n) return true;
      if (i.alu === 'and' && immB === 1n) return true;
      const aBit = i.a.kind === 'reg' && isBit(i.a.reg, k);
      if (i.alu === 'xor' && immB === 1n) return aBit;
      if (i.alu === 'and') return aBit || (i.b.kind === 'reg' && isBit(i.b.reg, k));
      if (i.alu === 'or') return aBit && i.b.kind === 'reg' && isBit(i.b.reg, k);
      return false;
    }
    return false;
  };
  return isBit(x, insts.length);
}

function operandsAreScalars(a: VReg, b: Operand, scalars: ReadonlySet<VReg>): boolean {
  return scalars.has(a) && (b.kind === 'imm' || scalars.has(b.reg));
}

/**
 * The registers that hold integers on every path, never pointers: every definition of each
 * makes an integer out of anything (32-bit operations, bitwise operations, shifts,
 * multiplication and division, which the kernel refuses on pointers), or copies, adds or
 * subtracts integers. Loads of 8 bytes (a spilled pointer, a pointer field), loads from the
 * context (xdp_md's data is a 4-byte load that gives a packet pointer), parameters, addresses
 * and the results of calls other than helpers that return a number may be pointers; loads from
 * the context of a program whose context holds only numbers (a kprobe's pt_regs) are numbers.
 */
export function scalarRegisters(fn: IrFunction): Set<VReg> {
  const ctxNumbers = fn.section !== '.text' && contextReadsNumbers(fn.section);
  const defs = definitionsByRegister(fn);
  const mayBePointer = new Set<VReg>(fn.params);
  // Registers derived from a parameter by copies and constant offsets (the context pointer).
  const fromParam = new Set<VReg>(fn.params);
  for (let grew = true; grew;) {
    grew = false;
    for (const [r, list] of defs) {
      if (fromParam.has(r)) continue;
      if (list.some((i) => (i.op === 'mov' && i.bits === 64 && i.src.kind === 'reg' && fromParam.has(i.src.reg)) ||
        (i.op === 'alu' && i.bits === 64 && (i.alu === 'add' || i.alu === 'sub') && i.a.kind === 'reg' && fromParam.has(i.a.reg)))) {
        fromParam.add(r);
        grew = true;
      }
    }
  }
  const integerOperand = (o: Operand): boolean => o.kind === 'imm' || !mayBePointer.has(o.reg);
  const { rawSlots, storedTo } = rawMemorySlots(fn);
  const packet = packetPointers(fn, defs);
  const makesInteger = (i: Inst): boolean => {
    switch (i.op) {
      case 'mov':
        return i.bits === 32 || integerOperand(i.src);
      case 'alu':
        // `data_end - data`: the kernel makes the difference of two packet pointers a number
        if (i.alu === 'sub' && i.a.kind === 'reg' && i.b.kind === 'reg' && packet.has(i.a.reg) && packet.has(i.b.reg)) return true;
        return i.bits === 32 || (i.alu !== 'add' && i.alu !== 'sub') || (integerOperand(i.a) && integerOperand(i.b));
      case 'neg':
      case 'sext':
      case 'bswap':
      case 'ldabs':
        return true;
      case 'load':
        if (i.addr.kind === 'reg' && fromParam.has(i.addr.reg)) return ctxNumbers;
        if (i.size < 8) return true;
        // A slot that only helpers write through its address (the kernel marks their bytes as
        // data) and that is stored only integers holds an integer (bpf_probe_read_kernel's u64).
        return i.addr.kind === 'slot' && rawSlots.has(i.addr.slot) && (storedTo.get(i.addr.slot) ?? []).every(integerOperand);
      case 'call':
        // A helper whose result is a number (bpf_xdp_adjust_tail's error code).
        return helperById(i.helper)?.ret === 'integer';
      default:
        return false;
    }
  };
  // Greatest fixed point: start from "every register is an integer" and take away registers
  // with a definition that may make a pointer, until nothing changes.
  for (let shrank = true; shrank;) {
    shrank = false;
    for (const [r, list] of defs) {
      if (mayBePointer.has(r)) continue;
      if (!list.every(makesInteger)) {
        mayBePointer.add(r);
        shrank = true;
      }
    }
  }
  const out = new Set<VReg>();
  for (const r of defs.keys()) if (!mayBePointer.has(r)) out.add(r);
  return out;
}

/**
 * The registers that surely hold a packet pointer: every definition is a load, from the context
 * parameter itself, of a field the kernel gives as a packet pointer (xdp_md's or __sk_buff's
 * data, data_end, data_meta).
 */
function packetPointers(fn: IrFunction, defs: Map<VReg, Inst[]>): Set<VReg> {
  const out = new Set<VReg>();
  const name = fn.section !== '.text' && fn.source ? contextStructOf(fn.source) : undefined;
  if ((name !== 'xdp_md' && name !== '__sk_buff') || fn.params.length === 0) return out;
  const layout = ctxLayout(name);
  const ctx = fn.params[0]!;
  for (const [r, list] of defs) {
    const all = list.every((i) => {
      if (i.op !== 'load' || i.addr.kind !== 'reg' || i.addr.reg !== ctx) return false;
      const f = ctxFieldAt(layout, i.addr.off);
      return f !== undefined && f.offsetBytes === i.addr.off && f.sizeBytes === i.size && (f.pointer === 'pkt' || f.pointer === 'pkt_end' || f.pointer === 'pkt_meta');
    });
    if (all && list.length > 0 && !fn.params.includes(r)) out.add(r);
  }
  return out;
}

/** Helper arguments through which the helper reads or writes plain bytes. */
const RAW_MEMORY_ARGS: ReadonlySet<ArgKind> = new Set<ArgKind>([
  'ptr_to_uninit_mem', 'ptr_to_mem', 'ptr_to_mem_rdonly', 'ptr_to_mem_rdonly_or_null', 'ptr_to_map_key', 'ptr_to_map_value', 'ptr_to_uninit_map_value', 'ptr_to_int',
]);

/**
 * The stack slots whose address goes nowhere but to helper arguments of plain memory (the kernel
 * marks what a helper writes there as data: a spilled pointer in the bytes is forgotten), with
 * the values stored to each slot directly.
 */
function rawMemorySlots(fn: IrFunction): { rawSlots: Set<number>; storedTo: Map<number, Operand[]> } {
  const rawSlots = new Set<number>(fn.slots.map((s) => s.id));
  const storedTo = new Map<number, Operand[]>();
  const addrOf = new Map<VReg, number>();
  const addrDefs = new Map<VReg, number>();
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      const d = instDef(i);
      if (d !== undefined) addrDefs.set(d, (addrDefs.get(d) ?? 0) + 1);
      if (i.op === 'slotaddr') addrOf.set(i.dst, i.slot);
      else if (i.op === 'store' && i.addr.kind === 'slot') {
        const list = storedTo.get(i.addr.slot);
        if (list) list.push(i.src);
        else storedTo.set(i.addr.slot, [i.src]);
      } else if (i.op === 'atomic' && i.addr.kind === 'slot') rawSlots.delete(i.addr.slot);
      else if (i.op === 'memop') {
        for (const a of [i.to, i.from]) if (a?.kind === 'slot') rawSlots.delete(a.slot);
      } else if (i.op === 'asm') rawSlots.clear(); // its text may reach any slot through r10
    }
  }
  // An address register defined more than once may hold anything at a use.
  for (const [r, slot] of addrOf) if (addrDefs.get(r) !== 1) rawSlots.delete(slot);
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      const uses = instUses(i);
      if (!uses.some((r) => addrOf.has(r))) continue;
      const helper = i.op === 'call' ? helperById(i.helper) : undefined;
      uses.forEach((r) => {
        const slot = addrOf.get(r);
        if (slot === undefined) return;
        // as a call's argument of plain memory, and nothing else
        const ok = i.op === 'call' && helper !== undefined && i.args.every((a, k) => a.kind !== 'reg' || a.reg !== r || RAW_MEMORY_ARGS.has(helper.args[k] ?? 'anything'));
        if (!ok) rawSlots.delete(slot);
      });
    }
    for (const r of termUses(b.term)) {
      const slot = addrOf.get(r);
      if (slot !== undefined) rawSlots.delete(slot);
    }
  }
  return { rawSlots, storedTo };
}

/**
 * Instructions that set `dst` to 1 when `a cmp b` holds on `bits` bits, else to 0, without a
 * branch. 32-bit operands are widened to 64 bits (zero- or sign-extended as the comparison
 * reads them), where their difference cannot overflow; 64-bit ones use the borrow (unsigned)
 * and overflow (signed) of the subtraction (Hacker's Delight, 2-12).
 */
export function compareToBit(cmp: CmpOp, bits: 32 | 64, a: VReg, b: Operand, dst: VReg, newVReg: () => VReg, span: Span): Inst[] {
  const out: Inst[] = [];
  const reg = (r: VReg): Operand => ({ kind: 'reg', reg: r });
  const imm = (v: bigint): Operand => ({ kind: 'imm', value: BigInt.asUintN(64, v) });
  const alu = (op: 'add' | 'sub' | 'and' | 'or' | 'xor' | 'rsh', x: Operand, y: Operand, into: VReg = newVReg(), width: 32 | 64 = 64): VReg => {
    out.push({ op: 'alu', alu: op, bits: width, dst: into, a: x, b: y, span });
    return into;
  };
  const neg = (x: VReg): VReg => {
    const d = newVReg();
    out.push({ op: 'neg', bits: 64, dst: d, a: x, span });
    return d;
  };
  const inReg = (o: Operand): VReg => {
    if (o.kind === 'reg') return o.reg;
    const d = newVReg();
    out.push({ op: 'mov', bits: 64, dst: d, src: o, span });
    return d;
  };
  const signBit = (x: VReg): VReg => alu('rsh', reg(x), imm(63n), dst);
  const flipped = (): Inst[] => {
    out.push(xorOne(dst, span));
    return out;
  };
  const isZero = b.kind === 'imm' && BigInt.asUintN(bits, b.value) === 0n;
  if (cmp === 'eq' || cmp === 'ne' || cmp === 'set') {
    if (bits === 32) {
      // d < 2^32: -d is negative exactly when d != 0, and d - 1 exactly when d == 0.
      const d = cmp === 'set' ? alu('and', reg(a), b, newVReg(), 32) : isZero ? mov32(out, a, newVReg(), span) : alu('xor', reg(a), b, newVReg(), 32);
      signBit(cmp === 'eq' ? alu('sub', reg(d), imm(1n)) : neg(d));
      return out;
    }
    const d = cmp === 'set' ? alu('and', reg(a), b) : isZero ? a : alu('xor', reg(a), b);
    signBit(alu('or', reg(neg(d)), reg(d)));
    return cmp === 'eq' ? flipped() : out;
  }
  const signed = cmp === 'slt' || cmp === 'sle' || cmp === 'sgt' || cmp === 'sge';
  const base: 'lt' | 'le' | 'gt' | 'ge' = signed ? (cmp.slice(1) as 'lt' | 'le' | 'gt' | 'ge') : (cmp as 'lt' | 'le' | 'gt' | 'ge');
  if (bits === 32) {
    const widen = (o: Operand): Operand => {
      if (o.kind === 'imm') return imm(signed ? BigInt.asIntN(32, o.value) : BigInt.asUintN(32, o.value));
      const d = newVReg();
      if (signed) out.push({ op: 'sext', bits: 64, fromBits: 32, dst: d, src: o.reg, span });
      else out.push({ op: 'mov', bits: 32, dst: d, src: o, span });
      return reg(d);
    };
    const p = widen(reg(a));
    const q = widen(b);
    // p < q: p - q < 0; p <= q: p - q - 1 < 0 (the operands are 33-bit integers: no overflow).
    const less = (x: Operand, y: Operand, orEqual: boolean): void => {
      const xr = inReg(x);
      if (y.kind === 'imm') {
        signBit(alu('sub', reg(xr), imm(y.value + (orEqual ? 1n : 0n))));
        return;
      }
      const diff = alu('sub', reg(xr), y);
      signBit(orEqual ? alu('sub', reg(diff), imm(1n)) : diff);
    };
    if (base === 'lt') less(p, q, false);
    else if (base === 'le') less(p, q, true);
    else if (base === 'gt') less(q, p, false);
    else less(q, p, true);
    return out;
  }
  // 64 bits, a sign test (`x s< 0`, `x s>= 0`): the sign bit, or the sign bit of ~x.
  if (signed && isZero && (base === 'lt' || base === 'ge')) {
    signBit(base === 'lt' ? a : alu('xor', reg(a), imm(-1n)));
    return out;
  }
  // 64 bits: x < y as the sign of the borrow (unsigned) or of the overflow-corrected difference.
  const less = (x: VReg, y: Operand): void => {
    if (signed) {
      // ((x - y) ^ ((x ^ y) & ((x - y) ^ x))) >> 63
      const d = alu('sub', reg(x), y);
      const e = alu('xor', reg(x), y);
      const f = alu('xor', reg(d), reg(x));
      const g = alu('and', reg(e), reg(f));
      signBit(alu('xor', reg(d), reg(g)));
      return;
    }
    // ((~x & y) | (~(x ^ y) & (x - y))) >> 63
    const nx = alu('xor', reg(x), imm(-1n));
    const borrowIn = alu('and', reg(nx), y);
    const same = alu('xor', reg(alu('xor', reg(x), y)), imm(-1n));
    const d = alu('sub', reg(x), y);
    signBit(alu('or', reg(borrowIn), reg(alu('and', reg(same), reg(d)))));
  };
  if (base === 'lt') less(a, b);
  else if (base === 'gt') less(inReg(b), reg(a));
  else if (base === 'ge') {
    less(a, b);
    return flipped();
  } else {
    less(inReg(b), reg(a));
    return flipped();
  }
  return out;
}

function mov32(out: Inst[], a: VReg, d: VReg, span: Span): VReg {
  out.push({ op: 'mov', bits: 32, dst: d, src: { kind: 'reg', reg: a }, span });
  return d;
}
