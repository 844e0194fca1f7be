// Dominators and natural loops of an IR function.
// Needs: blocks reachable from block 0 (run simplifyCfg first). Changes nothing.
import type { BlockId, IrFunction } from '../ir/ir.js';
import { successors } from '../ir/ir.js';

export interface Loop {
  header: BlockId;
  /** Blocks of the loop, header included. */
  blocks: Set<BlockId>;
  /** Blocks with an edge back to the header. */
  latches: BlockId[];
}

export function predecessors(fn: IrFunction): BlockId[][] {
  const preds: BlockId[][] = fn.blocks.map(() => []);
  for (const b of fn.blocks) for (const s of successors(b.term)) preds[s]!.push(b.id);
  return preds;
}

/** dom[b] = the set of blocks that dominate b (iterative dataflow; fine for the sizes here). */
export function dominators(fn: IrFunction, preds: BlockId[][]): Set<BlockId>[] {
  const n = fn.blocks.length;
  const all = new Set<BlockId>(fn.blocks.map((b) => b.id));
  const dom: Set<BlockId>[] = fn.blocks.map((b) => (b.id === 0 ? new Set([0]) : new Set(all)));
  let changed = true;
  while (changed) {
    changed = false;
    for (let b = 1; b < n; b++) {
      let next: Set<BlockId> | undefined;
      for (const p of preds[b]!) {
        if (!next) next = new Set(dom[p]);
        else for (const x of next) if (!dom[p]!.has(x)) next.delete(x);
      }
      next ??= new Set();
      next.add(b);
      if (next.size !== dom[b]!.size) {
        dom[b] = next;
        changed = true;
      }
    }
  }
  return dom;
}

/** Natural loops, smallest (innermost) first. Loops sharing a header are merged. */
export function findLoops(fn: IrFunction): Loop[] {
  const preds = predecessors(fn);
  const dom = dominators(fn, preds);
  const byHeader = new Map<BlockId, Loop>();
  for (const b of fn.blocks) {
    for (const h of successors(b.term)) {
      if (!dom[b.id]!.has(h)) continue; // not a back edge
      let loop = byHeader.get(h);
      if (!loop) {
        loop = { header: h, blocks: new Set([h]), latches: [] };
        byHeader.set(h, loop);
      }
      loop.latches.push(b.id);
      const stack = [b.id];
      while (stack.length > 0) {
        const x = stack.pop()!;
        if (loop.blocks.has(x)) continue;
        loop.blocks.add(x);
        stack.push(...preds[x]!);
      }
    }
  }
  return [...byHeader.values()].sort((a, b) => a.blocks.size - b.blocks.size);
}
