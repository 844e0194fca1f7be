// Liveness of virtual registers: which registers each block's successors may still read.
import type { IrFunction } from './ir.js';
import { instDef, instUses, successors, termUses } from './ir.js';

/** liveOut[b] = registers read on some path after block b before being written. */
export function computeLiveOut(fn: IrFunction): Set<number>[] {
  const n = fn.blocks.length;
  const use: Set<number>[] = [];
  const def: Set<number>[] = [];
  for (const b of fn.blocks) {
    const u = new Set<number>();
    const d = new Set<number>();
    for (const i of b.insts) {
      for (const x of instUses(i)) if (!d.has(x)) u.add(x);
      const w = instDef(i);
      if (w !== undefined) d.add(w);
    }
    for (const x of termUses(b.term)) if (!d.has(x)) u.add(x);
    use.push(u);
    def.push(d);
  }
  const liveIn: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  const liveOut: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  let changed = true;
  while (changed) {
    changed = false;
    for (let k = n - 1; k >= 0; k--) {
      const b = fn.blocks[k]!;
      const out = liveOut[k]!;
      for (const s of successors(b.term)) {
        for (const x of liveIn[s]!) {
          if (!out.has(x)) {
            out.add(x);
            changed = true;
          }
        }
      }
      const inn = liveIn[k]!;
      for (const x of use[k]!) {
        if (!inn.has(x)) {
          inn.add(x);
          changed = true;
        }
      }
      for (const x of out) {
        if (!def[k]!.has(x) && !inn.has(x)) {
          inn.add(x);
          changed = true;
        }
      }
    }
  }
  return liveOut;
}

/** Registers read on some path from the function's entry before any write to them. */
export function liveAtEntry(fn: IrFunction): Set<number> {
  const entry = fn.blocks[0];
  if (entry === undefined) return new Set();
  const live = new Set(computeLiveOut(fn)[0]);
  for (let k = entry.insts.length; k >= 0; k--) {
    if (k < entry.insts.length) {
      const i = entry.insts[k]!;
      const w = instDef(i);
      if (w !== undefined) live.delete(w);
      for (const x of instUses(i)) live.add(x);
    } else {
      for (const x of termUses(entry.term)) live.add(x);
    }
  }
  return live;
}
