// Dominators and natural loops of an IR function.
// Needs: blocks reachable from block 0 (run simplifyCfg first). Changes nothing.
import type { BlockId, IrFunction, VReg } from '../ir/ir.js';
import { instDef, instUses, nthSuccessor, successors, termUses } from '../ir/ir.js';

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
  // The depth-first stack as two arrays (block, successors taken), each block on it at most
  // once; successors in the order successors() gives them. This runs in most passes, on every
  // block: no object or list per block.
  const n = fn.blocks.length;
  const seen = new Uint8Array(n);
  const stackId = new Int32Array(n);
  const stackNext = new Uint8Array(n);
  const post: BlockId[] = [];
  let depth = 1;
  stackId[0] = start;
  seen[start] = 1;
  while (depth > 0) {
    const id = stackId[depth - 1]!;
    const k = stackNext[depth - 1]!;
    const s = nthSuccessor(fn.blocks[id]!.term, k);
    if (s < 0) {
      depth--;
      post.push(id);
      continue;
    }
    stackNext[depth - 1] = k + 1;
    if (seen[s] || (inside !== undefined && !inside.has(s))) continue;
    seen[s] = 1;
    stackId[depth] = s;
    stackNext[depth] = 0;
    depth++;
  }
  return post.reverse();
}

/**
 * Whether some cycle is reachable from the entry: an edge into a block that does not come later
 * in reverse post-order (every other edge leads forward in it). Cheaper than the dominators, and
 * after unrolling most functions have none.
 */
export function hasCycle(fn: IrFunction): boolean {
  const rpo = reversePostOrder(fn);
  const order = new Int32Array(fn.blocks.length).fill(-1);
  for (let i = 0; i < rpo.length; i++) order[rpo[i]!] = i;
  for (const b of rpo) for (const s of successors(fn.blocks[b]!.term)) if (order[s]! <= order[b]!) return true;
  return false;
}

/** The dominator tree, numbered so that "a dominates b" is two comparisons. */
export interface Dominators {
  /** Immediate dominator of each reachable block (the entry's is itself); -1 if unreachable. */
  idom: Int32Array;
  dominates(a: BlockId, b: BlockId): boolean;
}

/**
 * Immediate dominators by the Semi-NCA algorithm (Georgiadis, "Linear-Time Algorithms for
 * Dominators and Related Problems", 2005; the semidominator step of Lengauer and Tarjan, then
 * each block's immediate dominator as the nearest common ancestor of its parent and its
 * semidominator in the tree built so far): O(m log n) whatever the CFG's shape. The iterative
 * algorithm it replaces walked the tree from every predecessor, which is quadratic when one block
 * has thousands of predecessors (a `goto` or `break` out of each copy of an unrolled loop). Then
 * a pre/post numbering of the dominator tree answers dominance queries in constant time.
 */
export function dominators(fn: IrFunction, preds: BlockId[][]): Dominators {
  const n = fn.blocks.length;
  const rpo = reversePostOrder(fn);
  // Depth-first preorder from the entry: num[b] is b's number (-1: unreachable), vertex[i] the
  // block numbered i, parent[i] the number of its parent in the depth-first tree. The stack is
  // two typed arrays (block, successors taken), as in reversePostOrder: no object per block.
  const num = new Int32Array(n).fill(-1);
  const vertex: BlockId[] = [];
  const parent: number[] = [];
  const stackId = new Int32Array(n);
  const stackNext = new Uint8Array(n);
  let depth = 1;
  stackId[0] = 0;
  num[0] = 0;
  vertex.push(0);
  parent.push(0);
  while (depth > 0) {
    const id = stackId[depth - 1]!;
    const k = stackNext[depth - 1]!;
    const s = nthSuccessor(fn.blocks[id]!.term, k);
    if (s < 0) {
      depth--;
      continue;
    }
    stackNext[depth - 1] = k + 1;
    if (num[s] !== -1) continue;
    num[s] = vertex.length;
    parent.push(num[id]!);
    vertex.push(s);
    stackId[depth] = s;
    stackNext[depth] = 0;
    depth++;
  }
  const count = vertex.length;
  // Semidominators, by number, in reverse preorder. `ancestor` is the forest of the blocks done
  // so far (linked to their depth-first parents) with path compression; `label` the number on
  // the compressed path with the smallest semidominator.
  const semi = Int32Array.from({ length: count }, (_, i) => i);
  const ancestor = new Int32Array(count).fill(-1);
  const label = Int32Array.from({ length: count }, (_, i) => i);
  const path: number[] = [];
  const evaluate = (v: number): number => {
    if (ancestor[v] === -1) return v;
    // Compress the path from v to its forest root, iteratively (it can be as long as the CFG).
    for (let u = v; ancestor[ancestor[u]!] !== -1; u = ancestor[u]!) path.push(u);
    while (path.length > 0) {
      const u = path.pop()!;
      const a = ancestor[u]!;
      if (semi[label[a]!]! < semi[label[u]!]!) label[u] = label[a]!;
      ancestor[u] = ancestor[a]!;
    }
    return label[v]!;
  };
  for (let w = count - 1; w > 0; w--) {
    for (const p of preds[vertex[w]!]!) {
      const v = num[p]!;
      if (v === -1) continue; // an unreachable predecessor
      const candidate = v <= w ? v : semi[evaluate(v)]!;
      if (candidate < semi[w]!) semi[w] = candidate;
    }
    ancestor[w] = parent[w]!;
  }
  // Immediate dominators, by number, in preorder: climb from the parent while above the semidominator.
  const idomNum = Int32Array.from(parent);
  for (let w = 1; w < count; w++) {
    let d = idomNum[w]!;
    while (d > semi[w]!) d = idomNum[d]!;
    idomNum[w] = d;
  }
  const idom = new Int32Array(n).fill(-1);
  for (let w = 0; w < count; w++) idom[vertex[w]!] = vertex[idomNum[w]!]!;
  // Pre/post numbers of the dominator tree (iteratively: it can be as deep as the CFG is long).
  // Each block's children, in reverse post-order, are kids[first[b] .. first[b + 1]).
  const first = new Int32Array(n + 1);
  for (const b of rpo) if (b !== 0) first[idom[b]! + 1]!++;
  for (let b = 0; b < n; b++) first[b + 1]! += first[b]!;
  const kids = new Int32Array(first[n]!);
  const fill = first.slice(0, n);
  for (const b of rpo) if (b !== 0) kids[fill[idom[b]!]!++] = b;
  const pre = new Int32Array(n).fill(-1);
  const post = new Int32Array(n).fill(-1);
  let clock = 0;
  const treeId = new Int32Array(n);
  const treeNext = new Int32Array(n);
  let height = 1;
  treeId[0] = 0;
  treeNext[0] = first[0]!;
  pre[0] = clock++;
  while (height > 0) {
    const id = treeId[height - 1]!;
    const k = treeNext[height - 1]!;
    if (k < first[id + 1]!) {
      const c = kids[k]!;
      treeNext[height - 1] = k + 1;
      pre[c] = clock++;
      treeId[height] = c;
      treeNext[height] = first[c]!;
      height++;
    } else {
      post[id] = clock++;
      height--;
    }
  }
  return {
    idom,
    dominates: (a, b) => pre[a]! >= 0 && pre[b]! >= 0 && pre[a]! <= pre[b]! && post[b]! <= post[a]!,
  };
}

/** Natural loops, smallest (innermost) first. Loops sharing a header are merged. */
export function findLoops(fn: IrFunction): Loop[] {
  if (!hasCycle(fn)) return [];
  const preds = predecessors(fn);
  return naturalLoops(fn, preds, dominators(fn, preds));
}

function naturalLoops(fn: IrFunction, preds: BlockId[][], dom: Dominators): Loop[] {
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
  if (!hasCycle(fn)) return undefined;
  return irreducibleEdge(fn, dominators(fn, predecessors(fn)));
}

function irreducibleEdge(fn: IrFunction, dom: Dominators): { from: BlockId; to: BlockId } | undefined {
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
 * previous iteration's value. A read that some paths reach without the definition counts too
 * when neither the definition nor the read is on a cycle: those paths read an undefined value.
 * Undefined when the function has no cycle: then every read of a register written once sees that
 * write. Needs: blocks reachable from block 0.
 */
export function defsBeforeUses(fn: IrFunction): Set<VReg> | undefined {
  if (!hasCycle(fn)) return undefined; // no loop, natural or irreducible
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
  // Blocks on a cycle. Outside them every block runs at most once, so a definition there that a
  // read outside them does not come after on every path leaves the read an undefined value on the
  // other paths, which may as well be the defined one, as in a function without loops (clang's
  // phi of a value and undef). With an irreducible cycle, every read must come after.
  const irreducible = irreducibleEdge(fn, dom) !== undefined;
  const onCycle = new Set<BlockId>();
  if (!irreducible) for (const l of naturalLoops(fn, preds, dom)) for (const b of l.blocks) onCycle.add(b);
  const read = (r: VReg, block: BlockId, index: number) => {
    const w = where.get(r);
    if (!w || !ok.has(r)) return;
    if (w.block === block ? w.index < index : dom.dominates(w.block, block)) return;
    if (irreducible || w.block === block || onCycle.has(w.block) || onCycle.has(block)) ok.delete(r);
  };
  for (const b of fn.blocks) {
    b.insts.forEach((i, index) => {
      for (const u of instUses(i)) read(u, b.id, index);
    });
    for (const u of termUses(b.term)) read(u, b.id, b.insts.length);
  }
  return ok;
}
