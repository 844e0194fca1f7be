// Sinking reads into the one successor that uses them.
// Needs: nothing (computes liveness). Changes: a load through a pointer (not the context
// parameter), and the ALU operations, copies, extensions and byte swaps of what it read, at the
// end of a block that ends in a branch, move to the start of the only successor where their
// result is live, when that successor has no other predecessor, nothing later in the block
// reads or writes the result or writes the operands, and (for a load) nothing later in the
// block writes memory or calls; a volatile load stays where it is. Repeats, so a value sinks through several branches. A packet
// read written in C before its bounds check (`proto = eth->h_proto;` then
// `if (data + 14 > data_end) return ...;`) so lands after the check, where the verifier knows
// the range, as with clang. Invalidates: liveness.
import type { Inst, IrFunction, VReg } from '../ir/ir.js';
import { instDef, instUses, successors, termUses } from '../ir/ir.js';
import { computeLiveOut } from '../ir/liveness.js';

function movable(i: Inst): boolean {
  return i.op === 'alu' || i.op === 'mov' || i.op === 'neg' || i.op === 'sext' || i.op === 'bswap' || (i.op === 'load' && !i.volatile);
}

function writesMemory(i: Inst): boolean {
  return i.op === 'store' || i.op === 'call' || i.op === 'callfn' || i.op === 'atomic' || i.op === 'memop' || i.op === 'asm' || i.op === 'ldabs';
}

export function sinkToUses(fn: IrFunction): boolean {
  let changed = false;
  // Liveness once: a move keeps it exact (see below), so the rounds need not compute it again.
  const liveOut = computeLiveOut(fn);
  for (let round = 0; round < 16; round++) {
    // Live-in sets as of the start of the round, each built when first asked for (few blocks are
    // ever asked): a block is asked before anything moves out of it or into it, and a move keeps
    // its target's set up to date.
    const liveInCache = new Map<number, Set<number>>();
    const liveInOf = (id: number): Set<number> => {
      let live = liveInCache.get(id);
      if (live !== undefined) return live;
      const b = fn.blocks[id]!;
      live = new Set<number>(liveOut[id]);
      for (const u of termUses(b.term)) live.add(u);
      for (let k = b.insts.length - 1; k >= 0; k--) {
        const i = b.insts[k]!;
        const d = instDef(i);
        if (d !== undefined) live.delete(d);
        for (const u of instUses(i)) live.add(u);
      }
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
        if ((i.op === 'load' && i.addr.kind === 'reg' && !fn.params.includes(i.addr.reg)) || (movable(i) && instUses(i).some((u) => fromLoad.has(u)))) fromLoad.add(d);
        else fromLoad.delete(d);
      }
      const usedAfter = new Set<VReg>(termUses(b.term));
      const definedAfter = new Set<VReg>();
      let memAfter = false;
      for (let k = b.insts.length - 1; k >= 0; k--) {
        const i = b.insts[k]!;
        const d = instDef(i);
        const uses = instUses(i);
        if (movable(i) && d !== undefined && fromLoad.has(d) && !usedAfter.has(d) && !definedAfter.has(d) && !uses.some((u) => definedAfter.has(u)) && !(i.op === 'load' && memAfter)) {
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
        if (writesMemory(i)) memAfter = true;
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
