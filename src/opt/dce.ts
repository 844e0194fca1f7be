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
import { instDef, instUses, isVolatileAccess, successors, termUses } from '../ir/ir.js';

function hasSideEffects(i: Inst): boolean {
  return i.op === 'store' || i.op === 'call' || i.op === 'callfn' || i.op === 'atomic' || i.op === 'memop' || i.op === 'asm' || isVolatileAccess(i);
}

/** Whether instruction i is needed when `live` holds what is read after it. */
function needed(i: Inst, live: ReadonlySet<number>): boolean {
  const d = instDef(i);
  return d === undefined || live.has(d) || hasSideEffects(i);
}

/** Strong liveness at the top of block b, from what is live at its end. */
function liveIn(fn: IrFunction, b: number, out: ReadonlySet<number>): Set<number> {
  const block = fn.blocks[b]!;
  const live = new Set(out);
  for (const u of termUses(block.term)) live.add(u);
  for (let k = block.insts.length - 1; k >= 0; k--) {
    const i = block.insts[k]!;
    if (!needed(i, live)) continue;
    const d = instDef(i);
    if (d !== undefined) live.delete(d);
    for (const u of instUses(i)) live.add(u);
  }
  return live;
}

/** out[b]: the registers strongly live at the end of each block. */
function strongLiveOut(fn: IrFunction): Set<number>[] {
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
    const live = liveIn(fn, b, out[b]!);
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
  const out = strongLiveOut(fn);
  let changed = false;
  for (const b of fn.blocks) {
    const live = new Set(out[b.id]);
    for (const u of termUses(b.term)) live.add(u);
    const kept: Inst[] = [];
    for (let k = b.insts.length - 1; k >= 0; k--) {
      const i = b.insts[k]!;
      const d = instDef(i);
      if (d !== undefined && !live.has(d)) {
        if (!hasSideEffects(i)) {
          changed = true;
          continue;
        }
        if ((i.op === 'call' || i.op === 'callfn') && i.dst !== undefined) {
          i.dst = undefined;
          changed = true;
        }
      }
      if (d !== undefined) live.delete(d);
      for (const u of instUses(i)) live.add(u);
      kept.push(i);
    }
    if (changed) b.insts = kept.reverse();
  }
  return changed;
}
