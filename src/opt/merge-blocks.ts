// Identical-block merging (the whole-block case of tail merging).
// Needs: nothing. Changes: when two blocks do the same thing (the same instructions and the same
// terminator with the same targets, up to the names of registers that live only inside the block),
// the branches into the later one go to the earlier one instead; simplifyCfg then drops the copy.
// Twins of twins appear once the copies are gone, so the pipeline runs it with simplifyCfg until
// nothing changes.
// Inlining produces such twins: `case A: x = f(skb); break;` reached from two switch arms. Each
// inlined copy has its own stack slots for the callee's locals, so slots that only one block uses
// are renamed too (by order of appearance, with their size and alignment), as its local registers.
// The kept block keeps its slots; the copy's slots go unused.
// Invalidates: predecessors, liveness (the copy becomes unreachable).
//
// Registers that are read before being written in the block, or that are live after it, keep
// their names: both blocks must read and leave the same values. The others are renamed by order
// of definition. Twins have the same successors, hence the same live-out set, so a register the
// kept block writes and nobody reads after it is dead after the removed one as well.
import type { Address, Block, BlockId, Inst, IrFunction, Operand, VReg } from '../ir/ir.js';
import { instDef, instUses } from '../ir/ir.js';
import { computeLiveOut } from '../ir/liveness.js';
import { printInst, printTerm } from '../ir/print.js';
import { findLoops } from './loops.js';

/**
 * Blocks shorter than this are left alone. A block of one instruction counts: each copy is its
 * instruction, its own jump on (or exit), and usually a jump over it in the block before, where
 * the merged block costs only the branch to it (`if (...) { err = -1; goto out; }` repeated).
 */
const MIN_INSTS = 1;

/** Instructions compared by their printed form; the others (asm, memop) keep their block apart. */
function comparable(i: Inst): boolean {
  return i.op !== 'asm' && i.op !== 'memop';
}

/** The stack slots an instruction names (its address, a memory builtin's two, or the slot whose address it takes). */
function slotsNamed(i: Inst): number[] {
  const of = (a: Address | undefined) => (a !== undefined && a.kind === 'slot' ? [a.slot] : []);
  switch (i.op) {
    case 'load':
    case 'store':
    case 'atomic':
      return of(i.addr);
    case 'memop':
      return [...of(i.to), ...of(i.from)];
    case 'slotaddr':
      return [i.slot];
    default:
      return [];
  }
}

/** For each slot, the blocks whose instructions name it. */
function slotBlocks(fn: IrFunction): Map<number, Set<BlockId>> {
  const out = new Map<number, Set<BlockId>>();
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      for (const s of slotsNamed(i)) {
        const set = out.get(s) ?? new Set<BlockId>();
        set.add(b.id);
        out.set(s, set);
      }
    }
  }
  return out;
}

/**
 * The slots only this block uses: no other block names them, and no register that may hold
 * their address leaves the block (live after it, stored to memory or given to inline assembly).
 * A helper or function call may read and write them during the call, as in every twin.
 */
function blockLocalSlots(b: Block, liveOut: ReadonlySet<number>, where: Map<number, Set<BlockId>>): Set<number> {
  const local = new Set<number>();
  for (const [slot, blocks] of where) if (blocks.size === 1 && blocks.has(b.id)) local.add(slot);
  const holds = new Map<number, number>(); // register -> the slot whose address it may hold
  for (const i of b.insts) {
    const escapes = (r: number) => {
      const s = holds.get(r);
      if (s !== undefined) local.delete(s);
    };
    if (i.op === 'store' && i.src.kind === 'reg') escapes(i.src.reg);
    if (i.op === 'asm') for (const r of instUses(i)) escapes(r);
    const d = instDef(i);
    if (d === undefined) continue;
    holds.delete(d);
    if (i.op === 'slotaddr') holds.set(d, i.slot);
    else if (i.op === 'mov' || i.op === 'alu') {
      for (const r of instUses(i)) if (holds.has(r)) holds.set(d, holds.get(r)!);
    }
  }
  for (const [r, s] of holds) if (liveOut.has(r)) local.delete(s);
  return local;
}

/**
 * A block's text with block-local registers renamed by order of definition, and block-local
 * slots by order of appearance (with their size and alignment), or undefined when it is not a
 * candidate.
 */
function blockKey(fn: IrFunction, b: Block, liveOut: ReadonlySet<number>, where: Map<number, Set<BlockId>>): string | undefined {
  if (b.insts.length < MIN_INSTS || !b.insts.every(comparable)) return undefined;
  const local = new Map<number, string>(); // register -> its current local name
  let count = 0;
  const name = (r: number) => local.get(r) ?? `%${r}`;
  const localSlots = blockLocalSlots(b, liveOut, where);
  const slotName = new Map<number, string>();
  const nameSlot = (n: number) => {
    if (!localSlots.has(n)) return `#${n}`;
    let sn = slotName.get(n);
    if (sn === undefined) {
      const slot = fn.slots.find((x) => x.id === n)!;
      sn = `#$${slotName.size}:${slot.sizeBytes}/${slot.alignBytes}`;
      slotName.set(n, sn);
    }
    return sn;
  };
  const rename = (text: string) =>
    text.replace(/%(\d+)/g, (_, n: string) => name(Number(n))).replace(/(?<![\w$])#(\d+)/g, (_, n: string) => nameSlot(Number(n)));
  const writtenFirst = writtenBeforeRead(b);
  const lines: string[] = [];
  for (const i of b.insts) {
    // Uses are read before the definition: rename them first, then name what it writes.
    const text = printInst(i);
    const d = instDef(i);
    if (d === undefined) {
      lines.push(rename(text));
      continue;
    }
    const prefix = `%${d} = `;
    const rest = rename(text.slice(prefix.length));
    if (liveOut.has(d) || !writtenFirst.has(d)) local.delete(d);
    else local.set(d, `$${count++}`);
    lines.push(`${name(d)} = ${rest}`);
  }
  lines.push(rename(printTerm(b.term)));
  return lines.join('\n');
}

/**
 * The registers the block writes before any read of them (so their values on entry do not
 * matter), in one pass: an instruction reads its operands before it writes its result.
 */
function writtenBeforeRead(b: Block): Set<number> {
  const seen = new Set<number>();
  const written = new Set<number>();
  for (const i of b.insts) {
    for (const u of instUses(i)) seen.add(u);
    const d = instDef(i);
    if (d !== undefined && !seen.has(d)) {
      seen.add(d);
      written.add(d);
    }
  }
  return written;
}

/** What blockKey's text determines without renaming: the operations, and the terminator's kind and targets. */
function outline(b: Block): string {
  let o = `${b.insts.length}`;
  for (const i of b.insts) o += ` ${i.op}`;
  const t = b.term;
  return t.op === 'jmp' ? `${o} jmp ${t.target}` : t.op === 'br' ? `${o} br ${t.then} ${t.else}` : `${o} ret`;
}

export function mergeIdenticalBlocks(fn: IrFunction): boolean {
  // Blocks of a loop stay as they are: sending a back edge to a twin outside could make the loop
  // irreducible, and the loops that remain are the verifier's to walk.
  const inLoop = new Set<BlockId>();
  for (const loop of findLoops(fn)) for (const id of loop.blocks) inLoop.add(id);
  // Twins print alike, so they have the same number of instructions, the same operations and the
  // same terminator targets: only blocks that share that outline with another are printed.
  const outlineCount = new Map<string, number>();
  const outlines = fn.blocks.map((b) => {
    if (inLoop.has(b.id) || b.insts.length < MIN_INSTS) return undefined;
    const o = outline(b);
    outlineCount.set(o, (outlineCount.get(o) ?? 0) + 1);
    return o;
  });
  if (![...outlineCount.values()].some((n) => n > 1)) return false;
  const liveOut = computeLiveOut(fn);
  const where = slotBlocks(fn);
  const first = new Map<string, BlockId>();
  const replace = new Map<BlockId, BlockId>();
  for (const [k, b] of fn.blocks.entries()) {
    const o = outlines[k];
    if (o === undefined || outlineCount.get(o)! < 2) continue;
    const key = blockKey(fn, b, liveOut[b.id]!, where);
    if (key === undefined) continue;
    const kept = first.get(key);
    if (kept === undefined) first.set(key, b.id);
    else if (b.id !== 0) replace.set(b.id, kept);
  }
  if (replace.size === 0) return false;
  const to = (id: BlockId) => replace.get(id) ?? id;
  for (const b of fn.blocks) {
    const t = b.term;
    if (t.op === 'jmp') t.target = to(t.target);
    else if (t.op === 'br') {
      t.then = to(t.then);
      t.else = to(t.else);
    }
  }
  return true;
}

/** An instruction with its constant call arguments and constant moved value replaced by one mark. */
function masked(i: Inst): Inst {
  if ((i.op === 'call' || i.op === 'callfn') && i.args.some((a) => a.kind === 'imm')) return { ...i, args: i.args.map((a) => (a.kind === 'imm' ? HOLE : a)) };
  if (i.op === 'mov' && i.src.kind === 'imm') return { ...i, src: HOLE };
  return i;
}

const HOLE = { kind: 'imm' as const, value: 0x7e57ab1ec0den };

/** The constants masked() hides in an instruction, in order. */
function holes(i: Inst): bigint[] {
  if (i.op === 'call' || i.op === 'callfn') return i.args.flatMap((a) => (a.kind === 'imm' ? [a.value] : []));
  if (i.op === 'mov' && i.src.kind === 'imm') return [i.src.value];
  return [];
}

/**
 * Blocks shorter than this are not merged when they differ in a constant: each copy becomes a move
 * and a jump. A call counts for two (its arguments are moves into R1-R5).
 */
const MIN_NEAR_TWIN_WEIGHT = 3;

function weight(b: Block): number {
  let w = 0;
  for (const i of b.insts) w += i.op === 'call' || i.op === 'callfn' ? 2 : 1;
  // A BPF-to-BPF call that the block returns from (`return report(skb, ev, WHY, VERDICT);`): its
  // exit goes too.
  if (b.term.op === 'ret' && b.insts.some((i) => i.op === 'callfn')) w += 1;
  return w;
}

/**
 * Blocks that do the same thing but for one constant (`bpf_tail_call(skb, &progs, 1)` and the same
 * call with 2, each ending in the same jump), or but for constant arguments of one BPF-to-BPF call
 * (`return report(skb, ev, WHY, VERDICT);` at each decision): one copy stays, taking those
 * constants from new registers, and each block becomes moves of its constants into them and a
 * jump to the copy, as clang's sinking of common code makes them. The kernel then walks one call
 * instruction, where it can prune the paths that reach it with the same state. True if it
 * changed the function.
 */
export function mergeNearTwinBlocks(fn: IrFunction): boolean {
  const inLoop = new Set<BlockId>();
  for (const loop of findLoops(fn)) for (const id of loop.blocks) inLoop.add(id);
  const candidates = fn.blocks.filter((b) => b.id !== 0 && !inLoop.has(b.id) && weight(b) >= MIN_NEAR_TWIN_WEIGHT && b.insts.some((i) => holes(i).length > 0));
  if (candidates.length < 2) return false;
  const outlines = new Map<string, Block[]>();
  for (const b of candidates) {
    const o = outline(b);
    outlines.set(o, [...(outlines.get(o) ?? []), b]);
  }
  if (![...outlines.values()].some((g) => g.length > 1)) return false;
  const liveOut = computeLiveOut(fn);
  const where = slotBlocks(fn);
  const groups = new Map<string, Block[]>();
  for (const group of outlines.values()) {
    if (group.length < 2) continue;
    for (const b of group) {
      const key = blockKey(fn, { ...b, insts: b.insts.map(masked) }, liveOut[b.id]!, where);
      if (key !== undefined) groups.set(key, [...(groups.get(key) ?? []), b]);
    }
  }
  let changed = false;
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    // The places where the constants differ: [instruction, its n-th constant]. One place, or
    // several arguments of one BPF-to-BPF call (each is a move into its argument register anyway).
    const values = group.map((b) => b.insts.map(holes));
    const at: [number, number][] = [];
    values[0]!.forEach((list, k) => list.forEach((v, n) => {
      if (values.some((vs) => vs[k]![n] !== v)) at.push([k, n]);
    }));
    if (at.length === 0) continue;
    const k = at[0]![0];
    const keep = group[0]!;
    const inst = keep.insts[k]!;
    if (at.length > 1 && (inst.op !== 'callfn' || at.some(([k2]) => k2 !== k))) continue;
    const regs = at.map(() => fn.vregCount++ as VReg);
    let seen = -1;
    const fill = (o: Operand): Operand => {
      if (o.kind !== 'imm') return o;
      const nth = ++seen;
      const p = at.findIndex(([, n]) => n === nth);
      return p < 0 ? o : { kind: 'reg', reg: regs[p]! };
    };
    const filled: Inst = inst.op === 'call' || inst.op === 'callfn' ? { ...inst, args: inst.args.map(fill) } : inst.op === 'mov' ? { ...inst, src: fill(inst.src) } : inst;
    // Block ids are positions in fn.blocks: the copy goes last.
    const merged: Block = { id: fn.blocks.length, insts: keep.insts.map((i, j) => (j === k ? filled : i)), term: keep.term };
    fn.blocks.push(merged);
    group.forEach((b, g) => {
      const bits = inst.op === 'mov' ? inst.bits : 64;
      b.insts = at.map(([, n], p) => ({ op: 'mov', bits, dst: regs[p]!, src: { kind: 'imm', value: values[g]![k]![n]! }, span: b.insts[k]!.span }));
      b.term = { op: 'jmp', target: merged.id, span: b.term.span };
    });
    changed = true;
  }
  return changed;
}
