// Sinking reads into the one successor that uses them.
// Needs: nothing (computes liveness). Changes: a load through a pointer (not the context
// parameter) or from a stack slot, and the ALU operations, copies, extensions and byte swaps of what it read, at the
// end of a block that ends in a branch, move to the start of the only successor where their
// result is live, when that successor has no other predecessor, nothing later in the block
// reads or writes the result or writes the operands, and (for a load) nothing later in the
// block writes memory or calls (for a stack slot: writes that slot, or writes through a pointer
// or calls when the slot's address is taken); a volatile load stays where it is. Repeats, so a value sinks through several branches. A packet
// read written in C before its bounds check (`proto = eth->h_proto;` then
// `if (data + 14 > data_end) return ...;`) so lands after the check, where the verifier knows
// the range, as with clang. Invalidates: liveness.
import type { Inst, IrFunction, VReg } from '../ir/ir.js';
import { definitionsByRegister, forEachUse, instDef, instUses, successors, termUses } from '../ir/ir.js';
import { blockLiveIn, computeLiveOut } from '../ir/liveness.js';
import { dominators, hasCycle, predecessors } from './loops.js';

function movable(i: Inst): boolean {
  return pure(i) || (i.op === 'load' && !i.volatile);
}

function writesMemory(i: Inst): boolean {
  return i.op === 'store' || i.op === 'call' || i.op === 'callfn' || i.op === 'atomic' || i.op === 'memop' || i.op === 'asm' || i.op === 'ldabs';
}

export function sinkToUses(fn: IrFunction): boolean {
  let changed = false;
  // Liveness once: a move keeps it exact (see below), so the rounds need not compute it again.
  const liveOut = computeLiveOut(fn);
  const addressTaken = new Set<number>();
  for (const b of fn.blocks) for (const i of b.insts) if (i.op === 'slotaddr') addressTaken.add(i.slot);
  for (let round = 0; round < 16; round++) {
    // Live-in sets as of the start of the round, each built when first asked for (few blocks are
    // ever asked): a block is asked before anything moves out of it or into it, and a move keeps
    // its target's set up to date.
    const liveInCache = new Map<number, Set<number>>();
    const liveInOf = (id: number): Set<number> => {
      let live = liveInCache.get(id);
      if (live !== undefined) return live;
      live = blockLiveIn(fn.blocks[id]!, liveOut[id]!);
      liveInCache.set(id, live);
      return live;
    };
    const predCount = new Array<number>(fn.blocks.length).fill(0);
    for (const b of fn.blocks) for (const s of successors(b.term)) predCount[s]!++;
    let moved = false;
    for (const b of fn.blocks) {
      if (b.term.op !== 'br') continue;
      const succ = successors(b.term);
      if (succ.length !== 2) continue;
      // Only reads through pointers move (not context fields, which are always readable), with
      // the computations on what they read: moving others gains nothing, and moving
      // `data_end - data` below l4lb's first check cost the verifier 179 more instructions.
      const fromLoad = new Set<VReg>();
      for (const i of b.insts) {
        const d = instDef(i);
        if (d === undefined) continue;
        if ((i.op === 'load' && (i.addr.kind === 'slot' || !fn.params.includes(i.addr.reg))) || (movable(i) && instUses(i).some((u) => fromLoad.has(u)))) fromLoad.add(d);
        else fromLoad.delete(d);
      }
      const usedAfter = new Set<VReg>(termUses(b.term));
      const definedAfter = new Set<VReg>();
      // Writes later in the block: to which stack slots, and whether any other (through a
      // pointer, a call...), which reaches only slots whose address is taken.
      let memAfter = false;
      const slotsWrittenAfter = new Set<number>();
      const blocked = (i: Inst): boolean => {
        if (i.op !== 'load') return false;
        if (i.addr.kind === 'reg') return memAfter || slotsWrittenAfter.size > 0;
        return slotsWrittenAfter.has(i.addr.slot) || (memAfter && addressTaken.has(i.addr.slot));
      };
      for (let k = b.insts.length - 1; k >= 0; k--) {
        const i = b.insts[k]!;
        const d = instDef(i);
        const uses = instUses(i);
        if (movable(i) && d !== undefined && fromLoad.has(d) && !usedAfter.has(d) && !definedAfter.has(d) && !uses.some((u) => definedAfter.has(u)) && !blocked(i)) {
          const where = succ.filter((s) => liveInOf(s).has(d));
          const target = where[0];
          if (where.length === 1 && target !== undefined && target !== b.id && predCount[target] === 1) {
            liveInOf(b.id);
            b.insts.splice(k, 1);
            fn.blocks[target]!.insts.unshift(i);
            const targetLive = liveInOf(target);
            targetLive.delete(d);
            for (const u of uses) targetLive.add(u);
            // What is live at b's end is what is live into its successors: d no longer (the other
            // does not read it), the operands now. Nothing else changes: b's live-in is the same
            // (d is neither read after the move's place nor live out of b any more, the operands
            // are not written after it), so neither is any block before b.
            const out = liveOut[b.id]!;
            out.delete(d);
            for (const u of uses) out.add(u);
            moved = true;
            continue;
          }
        }
        for (const u of uses) usedAfter.add(u);
        if (d !== undefined) definedAfter.add(d);
        const slot = (i.op === 'store' || i.op === 'atomic') && i.addr.kind === 'slot' ? i.addr.slot : i.op === 'memop' && i.to.kind === 'slot' ? i.to.slot : undefined;
        if (slot !== undefined) slotsWrittenAfter.add(slot);
        if (writesMemory(i) && !(i.op === 'store' && slot !== undefined)) memAfter = true;
      }
    }
    if (!moved) break;
    changed = true;
  }
  return changed;
}

/**
 * Moves each address constant (a map, a data object, a function, a BTF type id: an ld_imm64 that
 * reads nothing) down its block to just before the first instruction that reads it. Written
 * where C evaluates it (`bpf_redirect_map(&xsks_map, ctx->rx_queue_index, 0)` takes the map's
 * address first), it would hold a register across the code before its use; placed there, the
 * allocator loads it straight into the argument register (`r1 = map[xsks_map]` instead of a
 * load into r0 and `r1 = r0`). Invalidates: liveness.
 */
export function sinkAddressConstants(fn: IrFunction): boolean {
  let changed = false;
  for (const b of fn.blocks) {
    for (let k = b.insts.length - 1; k >= 0; k--) {
      const i = b.insts[k]!;
      if (i.op !== 'mapaddr' && i.op !== 'dataaddr' && i.op !== 'funcaddr' && i.op !== 'btftypeid') continue;
      let to = k + 1;
      while (to < b.insts.length) {
        const j = b.insts[to]!;
        if (instUses(j).includes(i.dst) || instDef(j) === i.dst) break;
        to++;
      }
      if (to === k + 1) continue;
      b.insts.splice(k, 1);
      b.insts.splice(to - 1, 0, i);
      changed = true;
    }
  }
  return changed;
}

/**
 * Moves a constant that only one later block reads with that value into that block, just before
 * the read: an aggregate scalar-replaced from an uninitialised local starts as 0 at the entry
 * (dhcp-relay's `option`, whose bytes one block fills in), and held from there it takes a
 * callee-saved register across every call before its use, pushing other values to the stack.
 * The constant's paths are followed from its definition through the blocks where the register
 * is live and not written again; exactly one of them may read it, and every block on those paths
 * before it only passes it on. When every way into the reading block carries the constant, it is
 * set there; when one way does and the others bring values of their own (`flags = 0; if (v6)
 * flags = 1;`), at the end of the block on that way.
 * Invalidates: liveness.
 */
export function sinkConstantsToOnlyReader(fn: IrFunction): boolean {
  const liveOut = computeLiveOut(fn);
  const preds: number[][] = fn.blocks.map(() => []);
  for (const b of fn.blocks) for (const s of successors(b.term)) preds[s]!.push(b.id);
  /** How block `id` first refers to `r`: 'use' (before any write), 'def', or undefined (not at all). */
  const firstRef = (id: number, r: VReg): 'use' | 'def' | undefined => {
    const b = fn.blocks[id]!;
    for (const i of b.insts) {
      if (instUses(i).includes(r)) return 'use';
      if (instDef(i) === r) return 'def';
    }
    return termUses(b.term).includes(r) ? 'use' : undefined;
  };
  const writes = (id: number, r: VReg) => fn.blocks[id]!.insts.some((i) => instDef(i) === r);
  let changed = false;
  // The liveness computed above holds for a register until its constant moves: one move each.
  const moved = new Set<VReg>();
  for (const d of fn.blocks) {
    for (let k = d.insts.length - 1; k >= 0; k--) {
      const c = d.insts[k]!;
      if (c.op !== 'mov' || c.src.kind !== 'imm' || fn.params.includes(c.dst) || moved.has(c.dst)) continue;
      const r = c.dst;
      // The constant leaves D: nothing after it in D reads or writes the register.
      const after = d.insts.slice(k + 1);
      if (after.some((i) => instUses(i).includes(r) || instDef(i) === r) || termUses(d.term).includes(r)) continue;
      if (!liveOut[d.id]!.has(r)) continue;
      // The blocks the constant reaches (the register live on entry), and those it leaves.
      const reached = new Set<number>();
      const carries = new Set<number>();
      const work = successors(d.term);
      while (work.length > 0) {
        const x = work.pop()!;
        if (reached.has(x) || x === d.id) continue;
        const ref = firstRef(x, r);
        const liveIn = ref === 'use' || (ref === undefined && liveOut[x]!.has(r));
        if (!liveIn) continue;
        reached.add(x);
        if (!writes(x, r)) {
          carries.add(x);
          work.push(...successors(fn.blocks[x]!.term));
        }
      }
      const readers = [...reached].filter((x) => firstRef(x, r) === 'use');
      if (readers.length !== 1 || reached.size < 2) continue;
      const t = readers[0]!;
      // Every way into every block reached before the reader carries the constant (a loop's
      // counter, read and stepped in the latch, comes back to the header with another value).
      const carrier = (p: number) => p === d.id || carries.has(p);
      if (![...reached].every((x) => x === t || preds[x]!.every(carrier))) continue;
      const fromConstant = preds[t]!.filter(carrier);
      if (fromConstant.length === preds[t]!.length) {
        d.insts.splice(k, 1);
        const b = fn.blocks[t]!;
        const at = b.insts.findIndex((i) => instUses(i).includes(r));
        b.insts.splice(at < 0 ? b.insts.length : at, 0, c);
      } else if (fromConstant.length === 1 && fromConstant[0] !== d.id) {
        // Other ways into the reader bring their own values (`flags = 0; if (v6) flags = 1;`):
        // the constant is set at the end of the one block that brings it.
        d.insts.splice(k, 1);
        fn.blocks[fromConstant[0]!]!.insts.push(c);
      } else continue;
      moved.add(r);
      changed = true;
    }
  }
  return changed;
}

/** Callee-saved registers a value kept across a call can take (R6-R9). */
const CALLEE_SAVED = 4;

/**
 * A global's address computed again in a block after a call reads the register that computed it
 * before the call, when that register still holds it and at most three other values live across
 * each call in between, so that a callee-saved register is free for it: clang keeps `&counter` in
 * R6 across `bpf_printk` and reads it again there, where a new ld_imm64 is two instruction slots.
 * With more values across a call, the address would push one of them to the stack; then it is
 * computed again. Within a block. Invalidates: liveness.
 */
export function shareGlobalAddresses(fn: IrFunction): boolean {
  if (!fn.blocks.some((b) => b.insts.some((i) => i.op === 'dataaddr'))) return false;
  const liveOut = computeLiveOut(fn);
  let changed = false;
  for (const b of fn.blocks) {
    const n = b.insts.length;
    // How many values live across each call of the block (read after it, not written by it).
    const acrossCall = new Array<number>(n).fill(0);
    const live = new Set<number>(liveOut[b.id]);
    for (const r of termUses(b.term)) live.add(r);
    for (let k = n - 1; k >= 0; k--) {
      const i = b.insts[k]!;
      const d = instDef(i);
      if (d !== undefined) live.delete(d);
      if (i.op === 'call' || i.op === 'callfn') acrossCall[k] = live.size;
      for (const u of instUses(i)) live.add(u);
    }
    /** symbol+offset -> the register holding that address and where it was computed */
    const held = new Map<string, { reg: VReg; at: number }>();
    b.insts.forEach((i, k) => {
      const d = instDef(i);
      if (d !== undefined) for (const [key, h] of held) if (h.reg === d) held.delete(key);
      if (i.op !== 'dataaddr') return;
      const key = `${i.symbol}+${i.off ?? 0}`;
      const prev = held.get(key);
      let crowded = false;
      if (prev !== undefined) for (let c = prev.at + 1; c < k; c++) if (acrossCall[c]! >= CALLEE_SAVED) crowded = true;
      if (prev === undefined || crowded) {
        held.set(key, { reg: i.dst, at: k });
        return;
      }
      b.insts[k] = { op: 'mov', bits: 64, dst: i.dst, src: { kind: 'reg', reg: prev.reg }, span: i.span };
      changed = true;
      // the copy is dropped by copy-prop; the earlier register now lives across the calls
      for (let c = prev.at + 1; c < k; c++) if (b.insts[c]!.op === 'call' || b.insts[c]!.op === 'callfn') acrossCall[c]!++;
    });
  }
  return changed;
}

/**
 * Moves a pure computation whose value is first needed after a call down to the block where it
 * is needed, when the values it starts from are live there anyway. A register live across a
 * helper or function call takes one of R6-R9 or a stack slot; a flow hash computed from the
 * packet's addresses before the calls that report it, and stored after them, holds one all the
 * way, while its inputs, which the report stores too, are held in any case (clang sinks it too).
 *
 * A group is a root, an ALU operation, copy, extension or byte swap whose every use lies in
 * other blocks, with the operations of its block that compute its operands and feed nothing
 * else. It moves, in its order, to the nearest block that dominates the root's uses, just
 * before the first of them, when every value the group reads from outside is live into that
 * block (so no register lives longer: the root's now dies earlier) and a call lies between:
 * after the root in its block, in a block on a way from there to the target, or in the target
 * before the use. Every register involved is written once, so no path between writes it again.
 * Functions with cycles are left alone (a block in a loop would compute it every iteration).
 * Invalidates: liveness.
 */
export function sinkPastCalls(fn: IrFunction): boolean {
  if (!fn.blocks.some((b) => b.insts.some(isCall)) || hasCycle(fn)) return false;
  const defs = definitionsByRegister(fn);
  const writtenOnce = (r: VReg) => (fn.params.includes(r) ? !defs.has(r) : defs.get(r)?.length === 1);
  // Uses of each register, by block (terminators count in their block).
  const uses = new Map<VReg, Map<number, number>>();
  const addUse = (r: VReg, block: number, n: number) => {
    let m = uses.get(r);
    if (m === undefined) uses.set(r, (m = new Map()));
    const c = (m.get(block) ?? 0) + n;
    if (c === 0) m.delete(block);
    else m.set(block, c);
  };
  for (const b of fn.blocks) {
    for (const i of b.insts) forEachUse(i, (u) => addUse(u, b.id, 1));
    for (const u of termUses(b.term)) addUse(u, b.id, 1);
  }
  const preds = predecessors(fn);
  const dom = dominators(fn, preds);
  const liveOut = computeLiveOut(fn);
  const liveInCache = new Map<number, Set<number>>();
  const liveIn = (id: number): Set<number> => {
    let live = liveInCache.get(id);
    if (live === undefined) liveInCache.set(id, (live = blockLiveIn(fn.blocks[id]!, liveOut[id]!)));
    return live;
  };
  // Whether a block on a way from `from` to `to` (neither included) calls: a walk back from `to`,
  // which meets only blocks `from` dominates. Given up (no) past 256 blocks.
  const between = new Map<string, boolean>();
  const callBetween = (from: number, to: number): boolean => {
    const key = `${from}:${to}`;
    let found = between.get(key);
    if (found !== undefined) return found;
    found = false;
    const seen = new Set<number>([from, to]);
    const work = preds[to]!.filter((p) => p !== from);
    for (const p of work) seen.add(p);
    while (work.length > 0 && !found) {
      const x = work.pop()!;
      if (seen.size > 256) break;
      if (fn.blocks[x]!.insts.some(isCall)) found = true;
      for (const p of preds[x]!) {
        if (seen.has(p)) continue;
        seen.add(p);
        work.push(p);
      }
    }
    between.set(key, found);
    return found;
  };
  // -1 when a block is unreachable (a use there needs no value).
  const nearestCommonDominator = (blocks: Iterable<number>): number => {
    let d = -1;
    for (const x of blocks) {
      if (dom.idom[x] === -1) return -1;
      if (d === -1) d = x;
      while (!dom.dominates(d, x)) d = dom.idom[d]!;
    }
    return d;
  };
  let changed = false;
  for (const b of fn.blocks) {
    const gone = new Set<Inst>();
    const position = new Map<VReg, number>();
    b.insts.forEach((i, k) => {
      const d = instDef(i);
      if (d !== undefined) position.set(d, k);
    });
    for (let k = b.insts.length - 1; k >= 0; k--) {
      const root = b.insts[k]!;
      const d = instDef(root);
      if (gone.has(root) || !pure(root) || d === undefined || !writtenOnce(d)) continue;
      const at = uses.get(d);
      if (at === undefined || at.size === 0 || at.has(b.id)) continue;
      const target = nearestCommonDominator(at.keys());
      if (target === -1 || target === b.id || !dom.dominates(b.id, target)) continue;
      // The group: the root, then each operand computed in this block for the group alone.
      const group = [root];
      const inGroup = new Set<VReg>([d]);
      const usesInGroup = new Map<VReg, number>();
      for (let g = 0; g < group.length; g++) {
        forEachUse(group[g]!, (u) => usesInGroup.set(u, (usesInGroup.get(u) ?? 0) + 1));
        for (const u of instUses(group[g]!)) {
          if (inGroup.has(u)) continue;
          const k2 = position.get(u);
          const j = k2 === undefined ? undefined : b.insts[k2];
          // Read only in this block, and there only by the group so far.
          const onlyHere = uses.get(u)?.size === 1 && uses.get(u)!.get(b.id) === usesInGroup.get(u);
          if (j !== undefined && !gone.has(j) && pure(j) && writtenOnce(u) && onlyHere) {
            // Every use of u is in the group so far; later members may only add to that count,
            // checked again when the group is complete.
            group.push(j);
            inGroup.add(u);
          }
        }
      }
      // Inputs from outside the group: written once and live into the target anyway; members:
      // used by the group alone.
      let fits = true;
      const counted = new Map<VReg, number>();
      for (const i of group) forEachUse(i, (u) => counted.set(u, (counted.get(u) ?? 0) + 1));
      for (const [u, n] of counted) {
        if (inGroup.has(u)) fits &&= (uses.get(u)?.get(b.id) ?? 0) === n && (uses.get(u)?.size ?? 0) === 1;
        else fits &&= writtenOnce(u) && liveIn(target).has(u);
      }
      if (!fits) continue;
      const t = fn.blocks[target]!;
      let insertAt = t.insts.findIndex((i) => instUses(i).includes(d));
      if (insertAt === -1) insertAt = t.insts.length;
      const calls = b.insts.slice(k + 1).some(isCall) || t.insts.slice(0, insertAt).some(isCall) || callBetween(b.id, target);
      if (!calls) continue;
      group.sort((x, y) => position.get(instDef(x)!)! - position.get(instDef(y)!)!);
      t.insts.splice(insertAt, 0, ...group);
      for (const i of group) {
        gone.add(i);
        forEachUse(i, (u) => {
          addUse(u, b.id, -1);
          addUse(u, target, 1);
        });
      }
      changed = true;
    }
    if (gone.size > 0) b.insts = b.insts.filter((i) => !gone.has(i));
  }
  return changed;
}

/** An operation whose result depends on its operands alone, and which does nothing else. */
function pure(i: Inst): boolean {
  return i.op === 'alu' || i.op === 'mov' || i.op === 'neg' || i.op === 'sext' || i.op === 'bswap';
}

function isCall(i: Inst): boolean {
  return i.op === 'call' || i.op === 'callfn' || i.op === 'ldabs';
}
