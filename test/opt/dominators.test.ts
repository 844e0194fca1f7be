// Dominators: the fast algorithm of src/opt/loops.ts against the definition, computed the slow
// way (a block's dominators are itself and the blocks common to all its predecessors'
// dominators, iterated to a fixpoint), on random CFGs with loops, irreducible parts,
// unreachable blocks and blocks with hundreds of predecessors.
import { describe, expect, it } from 'vitest';
import type { Block, IrFunction, Terminator } from '../../src/ir/ir.js';
import { successors } from '../../src/ir/ir.js';
import { dominators, hasCycle, predecessors, reversePostOrder } from '../../src/opt/loops.js';

const SPAN = { file: 0, start: 0, end: 0 };

function cfg(edges: number[][]): IrFunction {
  const blocks: Block[] = edges.map((succ, id) => {
    let term: Terminator;
    if (succ.length === 0) term = { op: 'ret', span: SPAN };
    else if (succ.length === 1) term = { op: 'jmp', target: succ[0]!, span: SPAN };
    else term = { op: 'br', cmp: 'eq', bits: 64, a: 0, b: { kind: 'imm', value: 0n }, then: succ[0]!, else: succ[1]!, span: SPAN } as Terminator;
    return { id, insts: [], term };
  });
  return { name: 'f', section: '.text', global: false, params: [], vregCount: 1, vregNames: new Map(), slots: [], blocks, span: SPAN } as unknown as IrFunction;
}

/** Dominator sets by the definition; undefined for unreachable blocks. */
function slowDominators(fn: IrFunction): (Set<number> | undefined)[] {
  const n = fn.blocks.length;
  const reach = new Set<number>([0]);
  for (const work = [0]; work.length > 0; ) for (const s of successors(fn.blocks[work.pop()!]!.term)) if (!reach.has(s)) reach.add(s), work.push(s);
  const preds = predecessors(fn);
  const all = new Set(reach);
  const dom: (Set<number> | undefined)[] = Array.from({ length: n }, (_, b) => (b === 0 ? new Set([0]) : reach.has(b) ? new Set(all) : undefined));
  for (let changed = true; changed; ) {
    changed = false;
    for (let b = 1; b < n; b++) {
      if (!reach.has(b)) continue;
      let meet: Set<number> | undefined;
      for (const p of preds[b]!) {
        if (!reach.has(p)) continue;
        meet = meet === undefined ? new Set(dom[p]) : new Set([...meet].filter((x) => dom[p]!.has(x)));
      }
      const next = new Set(meet);
      next.add(b);
      if (next.size !== dom[b]!.size) {
        dom[b] = next;
        changed = true;
      }
    }
  }
  return dom;
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomCfg(seed: number): number[][] {
  const rnd = random(seed);
  const n = 2 + Math.floor(rnd() * 40);
  return Array.from({ length: n }, (_, b) => {
    const r = rnd();
    const pick = () => (rnd() < 0.7 ? Math.min(n - 1, b + 1 + Math.floor(rnd() * 4)) : Math.floor(rnd() * n));
    if (r < 0.15 || b === n - 1) return [];
    if (r < 0.5) return [pick()];
    const a = pick();
    const c = pick();
    return a === c ? [a] : [a, c];
  });
}

function expectAgrees(edges: number[][]): void {
  const fn = cfg(edges);
  const slow = slowDominators(fn);
  const fast = dominators(fn, predecessors(fn));
  for (let b = 0; b < edges.length; b++) {
    const set = slow[b];
    if (set === undefined) {
      expect(fast.idom[b], `block ${b} is unreachable`).toBe(-1);
      continue;
    }
    // The immediate dominator is the strict dominator that every other strict dominator dominates.
    const strict = [...set].filter((x) => x !== b);
    const idom = b === 0 ? 0 : strict.find((d) => strict.every((o) => slow[d]!.has(o)));
    expect(fast.idom[b], `idom of block ${b} in ${JSON.stringify(edges)}`).toBe(idom);
    const wrong = edges.map((_, a) => a).filter((a) => fast.dominates(a, b) !== set.has(a));
    expect(wrong, `blocks whose dominance of ${b} is wrong`).toEqual([]);
  }
}

describe('dominators', () => {
  it('agree with the definition on 400 random CFGs, reducible or not', () => {
    for (let seed = 1; seed <= 400; seed++) expectAgrees(randomCfg(seed));
  });

  it('a diamond, a loop, and an irreducible pair of blocks', () => {
    expectAgrees([[1, 2], [3], [3], []]);
    expectAgrees([[1], [2, 3], [1], []]);
    expectAgrees([[1, 2], [2], [1, 3], []]);
    const fn = cfg([[1, 2], [3], [3], []]);
    expect([...dominators(fn, predecessors(fn)).idom]).toEqual([0, 0, 0, 0]);
  });

  it('a block reached from each of 3,000 copies of an unrolled loop', () => {
    // Copy k tests and either goes on to copy k+1 or leaves for the shared exit.
    const copies = 3000;
    const edges: number[][] = [];
    for (let k = 0; k < copies; k++) edges.push([k + 1, copies + 1]);
    edges.push([copies + 1]);
    edges.push([]);
    const fn = cfg(edges);
    const dom = dominators(fn, predecessors(fn));
    expect(dom.idom[copies + 1]).toBe(0);
    expect(dom.idom[copies]).toBe(copies - 1);
    expect(dom.dominates(1500, 2999)).toBe(true);
    expect(dom.dominates(1500, copies + 1)).toBe(false);
  });
});

/** Whether a block reachable from the entry reaches itself again, by searching from each one. */
function slowHasCycle(edges: number[][]): boolean {
  const reachFrom = (b: number): Set<number> => {
    const seen = new Set<number>();
    for (const work = [...edges[b]!]; work.length > 0; ) {
      const x = work.pop()!;
      if (seen.has(x)) continue;
      seen.add(x);
      work.push(...edges[x]!);
    }
    return seen;
  };
  const reachable = reachFrom(0).add(0);
  return [...reachable].some((b) => reachFrom(b).has(b));
}

describe('hasCycle', () => {
  it('agrees with a search from every block on 400 random CFGs, cycles only in unreachable blocks included', () => {
    let cyclic = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const edges = randomCfg(seed);
      const slow = slowHasCycle(edges);
      if (slow) cyclic++;
      expect(hasCycle(cfg(edges)), `CFG ${JSON.stringify(edges)}`).toBe(slow);
    }
    // Both answers occur.
    expect(cyclic).toBeGreaterThan(20);
    expect(cyclic).toBeLessThan(380);
  });

  it('a self-loop, a diamond, and a loop no path from the entry reaches', () => {
    expect(hasCycle(cfg([[1], [1, 2], []]))).toBe(true);
    expect(hasCycle(cfg([[1, 2], [3], [3], []]))).toBe(false);
    expect(hasCycle(cfg([[], [2], [1]]))).toBe(false);
  });
});

describe('reverse post-order', () => {
  it('is that of a recursive depth-first search taking successors in order, from any block, within any set of blocks', () => {
    let within = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const edges = randomCfg(seed);
      const fn = cfg(edges);
      const rnd = random(seed * 7 + 1);
      // Some branches whose two arms are one block (one successor).
      for (const b of fn.blocks) if (b.term.op === 'jmp' && rnd() < 0.3) b.term = { op: 'br', cmp: 'eq', bits: 64, a: 0, b: { kind: 'imm', value: 0n }, then: b.term.target, else: b.term.target, span: SPAN } as Terminator;
      const start = rnd() < 0.5 ? 0 : Math.floor(rnd() * edges.length);
      const inside = rnd() < 0.5 ? undefined : new Set(edges.map((_, b) => b).filter(() => rnd() < 0.7));
      const seen = new Set<number>([start]);
      const post: number[] = [];
      const visit = (b: number): void => {
        for (const s of successors(fn.blocks[b]!.term)) {
          if (seen.has(s) || (inside && !inside.has(s))) continue;
          seen.add(s);
          visit(s);
        }
        post.push(b);
      };
      visit(start);
      if (inside && post.length > 1) within++;
      expect(reversePostOrder(fn, start, inside)).toEqual(post.reverse());
    }
    expect(within).toBeGreaterThan(50);
  });
});
