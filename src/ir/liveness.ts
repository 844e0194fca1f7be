// Data-flow over the blocks of a function: liveness of virtual registers, and the two solvers
// it is built on, which stack-slot colouring (codegen/stack-colouring.ts) also uses.
import type { IrFunction } from './ir.js';
import { instDef, instUses, successors, termUses } from './ir.js';

/**
 * Backward may-analysis: out[b] = ∪ in[s] over the successors s of b, in[b] = use[b] ∪ (out[b] − def[b]).
 * `use[b]` are the items b reads before it overwrites them, `def[b]` the items b overwrites.
 * Returns out[] (what some path after each block may still read).
 */
export function solveBackward(fn: IrFunction, use: readonly Set<number>[], def: readonly Set<number>[]): Set<number>[] {
  const n = fn.blocks.length;
  const liveIn: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  const liveOut: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  let changed = true;
  while (changed) {
    changed = false;
    for (let k = n - 1; k >= 0; k--) {
      const out = liveOut[k]!;
      for (const s of successors(fn.blocks[k]!.term)) {
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

/**
 * Forward may-analysis without kills: in[b] = ∪ (in[p] ∪ gen[p]) over the predecessors p of b;
 * blocks[0] starts empty. Returns in[] (what some path from the entry has produced before each block).
 */
export function solveForward(fn: IrFunction, gen: readonly Set<number>[]): Set<number>[] {
  const n = fn.blocks.length;
  const into: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  let changed = true;
  while (changed) {
    changed = false;
    for (let k = 0; k < n; k++) {
      const flowing = [...into[k]!, ...gen[k]!];
      for (const s of successors(fn.blocks[k]!.term)) {
        const target = into[s]!;
        for (const x of flowing) {
          if (!target.has(x)) {
            target.add(x);
            changed = true;
          }
        }
      }
    }
  }
  return into;
}

/** liveOut[b] = registers read on some path after block b before being written. */
export function computeLiveOut(fn: IrFunction): Set<number>[] {
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
  return solveBackward(fn, use, def);
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
