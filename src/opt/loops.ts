// Dominators and natural loops of an IR function.
// Needs: blocks reachable from block 0 (run simplifyCfg first). Changes nothing.
import type { BlockId, IrFunction, VReg } from '../ir/ir.js';
import { instDef, instUses, successors, termUses } from '../ir/ir.js';

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

/**
 * Blocks reachable from the entry (or from `start`, through the blocks `inside` accepts) in
 * reverse post-order (iterative depth-first search).
 */
export function reversePostOrder(fn: IrFunction, start: BlockId = 0, inside?: ReadonlySet<BlockId>): BlockId[] {
  const seen = new Uint8Array(fn.blocks.length);
  const post: BlockId[] = [];
  const succOf = (id: BlockId) => {
    const all = successors(fn.blocks[id]!.term);
    return inside ? all.filter((s) => inside.has(s)) : all;
  };
  const stack: { id: BlockId; succ: BlockId[]; next: number }[] = [{ id: start, succ: succOf(start), next: 0 }];
  seen[start] = 1;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next < top.succ.length) {
      const s = top.succ[top.next++]!;
      if (!seen[s]) {
        seen[s] = 1;
        stack.push({ id: s, succ: succOf(s), next: 0 });
      }
    } else {
      stack.pop();
      post.push(top.id);
    }
  }
  return post.reverse();
}

/** The dominator tree, numbered so that "a dominates b" is two comparisons. */
export interface Dominators {
  /** Immediate dominator of each reachable block (the entry's is itself); -1 if unreachable. */
  idom: Int32Array;
  dominates(a: BlockId, b: BlockId): boolean;
}

/**
 * Immediate dominators by the iterative algorithm of Cooper, Harvey and Kennedy ("A Simple,
 * Fast Dominance Algorithm", 2001): linear memory, near-linear time on reducible CFGs. Then a
 * pre/post numbering of the dominator tree answers dominance queries in constant time.
 */
export function dominators(fn: IrFunction, preds: BlockId[][]): Dominators {
  const n = fn.blocks.length;
  const rpo = reversePostOrder(fn);
  const order = new Int32Array(n).fill(-1); // position in rpo
  rpo.forEach((b, i) => (order[b] = i));
  const idom = new Int32Array(n).fill(-1);
  idom[0] = 0;
  const intersect = (a: number, b: number): number => {
    while (a !== b) {
      while (order[a]! > order[b]!) a = idom[a]!;
      while (order[b]! > order[a]!) b = idom[b]!;
    }
    return a;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = 1; k < rpo.length; k++) {
      const b = rpo[k]!;
      let next = -1;
      for (const p of preds[b]!) {
        if (idom[p] === -1) continue; // not processed yet, or unreachable
        next = next === -1 ? p : intersect(p, next);
      }
      if (next !== idom[b]) {
        idom[b] = next;
        changed = true;
      }
    }
  }
  // Pre/post numbers of the dominator tree (iteratively: it can be as deep as the CFG is long).
  const children: BlockId[][] = Array.from({ length: n }, () => []);
  for (const b of rpo) if (b !== 0) children[idom[b]!]!.push(b);
  const pre = new Int32Array(n).fill(-1);
  const post = new Int32Array(n).fill(-1);
  let clock = 0;
  const stack: { id: BlockId; next: number }[] = [{ id: 0, next: 0 }];
  pre[0] = clock++;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const kids = children[top.id]!;
    if (top.next < kids.length) {
      const c = kids[top.next++]!;
      pre[c] = clock++;
      stack.push({ id: c, next: 0 });
    } else {
      post[top.id] = clock++;
      stack.pop();
    }
  }
  return {
    idom,
    dominates: (a, b) => pre[a]! >= 0 && pre[b]! >= 0 && pre[a]! <= pre[b]! && post[b]! <= post[a]!,
  };
}

/** Natural loops, smallest (innermost) first. Loops sharing a header are merged. */
export function findLoops(fn: IrFunction): Loop[] {
  const preds = predecessors(fn);
  const dom = dominators(fn, preds);
  const byHeader = new Map<BlockId, Loop>();
  for (const b of fn.blocks) {
    for (const h of successors(b.term)) {
      if (!dom.dominates(h, b.id)) continue; // not a back edge
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
        for (const p of preds[x]!) stack.push(p);
      }
    }
  }
  return [...byHeader.values()].sort((a, b) => a.blocks.size - b.blocks.size);
}

/**
 * An edge that closes a cycle without its target dominating its source: the cycle has more than
 * one entry (irreducible). Undefined when every cycle is a natural loop.
 */
export function findIrreducibleEdge(fn: IrFunction): { from: BlockId; to: BlockId } | undefined {
  const preds = predecessors(fn);
  const dom = dominators(fn, preds);
  const rpo = reversePostOrder(fn);
  const order = new Int32Array(fn.blocks.length).fill(-1);
  rpo.forEach((b, i) => (order[b] = i));
  for (const b of rpo) {
    for (const s of successors(fn.blocks[b]!.term)) {
      if (order[s]! <= order[b]! && !dom.dominates(s, b)) return { from: b, to: s };
    }
  }
  return undefined;
}

/**
 * In a function with a loop, the registers written once whose one definition comes before every
 * read (a parameter counts as written at the entry): only for these is "the value of the
 * definition" the value every read sees. One read before its definition in a loop body (a
 * variable left uninitialised before the loop, read only from the second iteration on) sees the
 * previous iteration's value. Undefined when the function has no cycle: then every read of a
 * register written once sees that write. Needs: blocks reachable from block 0.
 */
export function defsBeforeUses(fn: IrFunction): Set<VReg> | undefined {
  if (findLoops(fn).length === 0 && findIrreducibleEdge(fn) === undefined) return undefined;
  const preds = predecessors(fn);
  const dom = dominators(fn, preds);
  const count = new Map<VReg, number>();
  const where = new Map<VReg, { block: BlockId; index: number }>();
  for (const p of fn.params) {
    count.set(p, 1);
    where.set(p, { block: 0, index: -1 });
  }
  for (const b of fn.blocks) {
    b.insts.forEach((i, index) => {
      const d = instDef(i);
      if (d === undefined) return;
      count.set(d, (count.get(d) ?? 0) + 1);
      where.set(d, { block: b.id, index });
    });
  }
  const ok = new Set<VReg>();
  for (const [r, n] of count) if (n === 1) ok.add(r);
  const read = (r: VReg, block: BlockId, index: number) => {
    const w = where.get(r);
    if (!w || !ok.has(r)) return;
    if (w.block === block ? w.index >= index : !dom.dominates(w.block, block)) ok.delete(r);
  };
  for (const b of fn.blocks) {
    b.insts.forEach((i, index) => {
      for (const u of instUses(i)) read(u, b.id, index);
    });
    for (const u of termUses(b.term)) read(u, b.id, b.insts.length);
  }
  return ok;
}
