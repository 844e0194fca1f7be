// Dead code elimination.
// Needs: nothing. Changes: removes instructions without side effects whose result no needed
// instruction reads (registers are not in SSA form, so this is per program point: a write that is
// overwritten before any read goes too); a call's unused result is dropped but the call stays, and
// a volatile load stays even when its value is unused. Invalidates: liveness.
//
// "Needed" is strong liveness (faint-variable analysis): a register is live after a point if some
// path reads it in a terminator, in an instruction with side effects, or in an instruction whose own
// result is live. One backward fixed point finds every dead instruction at once, chains of dead
// values across many blocks and dead loop-carried values included; removing what plain liveness
// calls dead, one layer per round, took a round per block of an unrolled chain (quadratic).
import type { Inst, IrFunction } from '../ir/ir.js';
import { forEachUse, instDef, isVolatileAccess, successors, termUses } from '../ir/ir.js';

function hasSideEffects(i: Inst): boolean {
  return i.op === 'store' || i.op === 'call' || i.op === 'callfn' || i.op === 'atomic' || i.op === 'memop' || i.op === 'asm' || isVolatileAccess(i);
}

/** In one block: the instructions to drop and the calls whose result nothing reads, by index. */
interface Deaths {
  drop: number[];
  dropDst: number[];
}

/**
 * Strong liveness at the top of block b, from what is live at its end. An instruction is needed
 * when it has no result, its result is live, or it has side effects; `deaths[b]` records the
 * others (and the calls whose result is not live), from what is live at the end this time.
 */
function liveIn(fn: IrFunction, b: number, out: ReadonlySet<number>, deaths: (Deaths | undefined)[]): Set<number> {
  const block = fn.blocks[b]!;
  const live = new Set(out);
  const addLive = (u: number): void => {
    live.add(u);
  };
  for (const u of termUses(block.term)) live.add(u);
  let found: Deaths | undefined;
  for (let k = block.insts.length - 1; k >= 0; k--) {
    const i = block.insts[k]!;
    const d = instDef(i);
    if (d !== undefined && !live.has(d)) {
      if (!hasSideEffects(i)) {
        (found ??= { drop: [], dropDst: [] }).drop.push(k);
        continue;
      }
      if (i.op === 'call' || i.op === 'callfn') (found ??= { drop: [], dropDst: [] }).dropDst.push(k);
    }
    if (d !== undefined) live.delete(d);
    forEachUse(i, addLive);
  }
  deaths[b] = found;
  return live;
}

/**
 * out[b]: the registers strongly live at the end of each block. Every block is looked at last
 * with its final out[b] (a block is looked at again whenever out[b] grows), so `deaths` ends
 * with what that final look found.
 */
function strongLiveOut(fn: IrFunction, deaths: (Deaths | undefined)[]): Set<number>[] {
  const n = fn.blocks.length;
  const preds: number[][] = Array.from({ length: n }, () => []);
  for (let k = 0; k < n; k++) for (const s of successors(fn.blocks[k]!.term)) preds[s]!.push(k);
  const out: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  const inn: (Set<number> | undefined)[] = new Array(n);
  // Blocks in post-order first (successors before predecessors wherever the graph is acyclic), so
  // that straight-line and unrolled code settles in one visit; a block is visited again only when
  // what is live at its end grew.
  const order: number[] = [];
  const seen = new Uint8Array(n);
  const stack: [number, number][] = [];
  for (let root = 0; root < n; root++) {
    if (seen[root]) continue;
    seen[root] = 1;
    stack.push([root, 0]);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const succ = successors(fn.blocks[top[0]]!.term);
      if (top[1] < succ.length) {
        const s = succ[top[1]++]!;
        if (!seen[s]) {
          seen[s] = 1;
          stack.push([s, 0]);
        }
      } else {
        order.push(top[0]);
        stack.pop();
      }
    }
  }
  const queued = new Uint8Array(n).fill(1);
  const work = order.reverse(); // popped from the end: post-order
  while (work.length > 0) {
    const b = work.pop()!;
    queued[b] = 0;
    const live = liveIn(fn, b, out[b]!, deaths);
    const old = inn[b];
    if (old !== undefined && old.size === live.size) continue; // in[] only grows: same size, same set
    inn[b] = live;
    for (const p of preds[b]!) {
      const o = out[p]!;
      const before = o.size;
      for (const x of live) o.add(x);
      if (o.size !== before && !queued[p]) {
        queued[p] = 1;
        work.push(p);
      }
    }
  }
  return out;
}

export function deadCodeElim(fn: IrFunction): boolean {
  const deaths: (Deaths | undefined)[] = [];
  strongLiveOut(fn, deaths);
  let changed = false;
  for (const b of fn.blocks) {
    const found = deaths[b.id];
    if (found) {
      for (const k of found.dropDst) (b.insts[k] as Inst & { op: 'call' | 'callfn' }).dst = undefined;
      changed = true;
    }
    if (!changed) continue;
    // Once anything changed, every block from here on gets a new list (as it always did).
    if (!found || found.drop.length === 0) {
      b.insts = b.insts.slice();
      continue;
    }
    const kept: Inst[] = [];
    let next = found.drop.length - 1; // drop[] is in decreasing order
    for (let k = 0; k < b.insts.length; k++) {
      if (next >= 0 && found.drop[next] === k) {
        next--;
        continue;
      }
      kept.push(b.insts[k]!);
    }
    b.insts = kept;
  }
  return changed;
}
