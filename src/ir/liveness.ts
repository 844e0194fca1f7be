// Data-flow over the blocks of a function: liveness of virtual registers, and the two solvers
// it is built on, which stack-slot colouring (codegen/stack-colouring.ts) also uses.
import type { Block, IrFunction } from './ir.js';
import { forEachUse, instDef, instUses, successors, termUses } from './ir.js';

/**
 * Backward may-analysis: out[b] = ∪ in[s] over the successors s of b, in[b] = use[b] ∪ (out[b] − def[b]).
 * `use[b]` are the items b reads before it overwrites them, `def[b]` the items b overwrites.
 * Returns out[] (what some path after each block may still read).
 */
export function solveBackward(fn: IrFunction, use: readonly Set<number>[], def: readonly Set<number>[]): Set<number>[] {
  // A worklist that carries only what is new: each item enters a block's in/out sets at most
  // once, and a block is looked at again only when one of its successors gained something, so
  // the work is bounded by the sizes of the final sets times the number of edges.
  const n = fn.blocks.length;
  const preds: number[][] = Array.from({ length: n }, () => []);
  for (let k = 0; k < n; k++) for (const s of successors(fn.blocks[k]!.term)) preds[s]!.push(k);
  const liveIn: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  const liveOut: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  const pending: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  const queued = new Uint8Array(n);
  const work: number[] = [];
  const gained = (k: number, items: Iterable<number>): void => {
    for (const p of preds[k]!) {
      const pend = pending[p]!;
      for (const x of items) pend.add(x);
      if (!queued[p]) {
        queued[p] = 1;
        work.push(p);
      }
    }
  };
  for (let k = 0; k < n; k++) {
    for (const x of use[k]!) liveIn[k]!.add(x);
    if (liveIn[k]!.size > 0) gained(k, liveIn[k]!);
  }
  while (work.length > 0) {
    const k = work.pop()!;
    queued[k] = 0;
    const items = pending[k]!;
    pending[k] = new Set<number>();
    const out = liveOut[k]!;
    const inn = liveIn[k]!;
    const d = def[k]!;
    const added: number[] = [];
    for (const x of items) {
      if (out.has(x)) continue;
      out.add(x);
      if (!d.has(x) && !inn.has(x)) {
        inn.add(x);
        added.push(x);
      }
    }
    if (added.length > 0) gained(k, added);
  }
  return liveOut;
}

/**
 * Forward may-analysis without kills: in[b] = ∪ (in[p] ∪ gen[p]) over the predecessors p of b;
 * blocks[0] starts empty. Returns in[] (what some path from the entry has produced before each block).
 */
export function solveForward(fn: IrFunction, gen: readonly Set<number>[]): Set<number>[] {
  // A worklist that carries only what is new, as in solveBackward: each item enters a block's
  // set at most once, so the work is bounded by the sizes of the final sets times the number of
  // edges (a round-robin pass over all blocks until nothing changes was quadratic and worse on
  // the long unrolled functions whose blocks are not in topological order).
  const n = fn.blocks.length;
  const succs: number[][] = fn.blocks.map((b) => successors(b.term));
  const into: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  const pending: number[][] = Array.from({ length: n }, () => []);
  const queued = new Uint8Array(n);
  const work: number[] = [];
  const flow = (k: number, items: Iterable<number>): void => {
    for (const s of succs[k]!) {
      const target = into[s]!;
      let grew = false;
      for (const x of items) {
        if (target.has(x)) continue;
        target.add(x);
        pending[s]!.push(x);
        grew = true;
      }
      if (grew && !queued[s]) {
        queued[s] = 1;
        work.push(s);
      }
    }
  };
  for (let k = 0; k < n; k++) if (gen[k]!.size > 0) flow(k, gen[k]!);
  while (work.length > 0) {
    const k = work.pop()!;
    queued[k] = 0;
    const items = pending[k]!;
    pending[k] = [];
    flow(k, items);
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
    const read = (x: number): void => {
      if (!d.has(x)) u.add(x);
    };
    for (const i of b.insts) {
      forEachUse(i, read);
      const w = instDef(i);
      if (w !== undefined) d.add(w);
    }
    for (const x of termUses(b.term)) if (!d.has(x)) u.add(x);
    use.push(u);
    def.push(d);
  }
  return solveBackward(fn, use, def);
}

/** Registers read on some path from block b's start before being written, given its liveOut. */
export function blockLiveIn(b: Block, liveOut: ReadonlySet<number>): Set<number> {
  const live = new Set(liveOut);
  for (const x of termUses(b.term)) live.add(x);
  for (let k = b.insts.length - 1; k >= 0; k--) {
    const i = b.insts[k]!;
    const w = instDef(i);
    if (w !== undefined) live.delete(w);
    for (const x of instUses(i)) live.add(x);
  }
  return live;
}

/** liveIn[b] = registers read on some path from block b's start before being written. */
export function computeLiveIn(fn: IrFunction): Set<number>[] {
  const out = computeLiveOut(fn);
  return fn.blocks.map((b, k) => blockLiveIn(b, out[k]!));
}

/** Registers read on some path from the function's entry before any write to them. */
export function liveAtEntry(fn: IrFunction): Set<number> {
  const entry = fn.blocks[0];
  if (entry === undefined) return new Set();
  return blockLiveIn(entry, computeLiveOut(fn)[0]!);
}
