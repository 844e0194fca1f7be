// CFG simplification.
// Needs: nothing. Changes: threads jumps through empty blocks (and treats empty blocks that
// return the same operand as one), turns
// branches with equal targets into jumps, merges a block into its only
// predecessor when that predecessor jumps to it, drops unreachable blocks
// and renumbers the rest (entry stays block 0). Invalidates: block ids, liveness.
import type { Block, BlockId, IrFunction, Terminator } from '../ir/ir.js';
import { successors } from '../ir/ir.js';
import { pushAll } from '../util/array.js';

export function simplifyCfg(fn: IrFunction): void {
  // Where an empty block that only jumps elsewhere really leads. Every block on a walked chain
  // remembers the answer, so n chained empty blocks cost n steps in all, not n squared.
  const dest = new Map<BlockId, BlockId>();
  // Empty blocks that return the same operand are one block: branches to two of them become jumps.
  const returns = new Map<string, BlockId>();
  for (const b of fn.blocks) {
    if (b.insts.length !== 0 || b.term.op !== 'ret') continue;
    const v = b.term.value;
    const key = v === undefined ? 'void' : v.kind === 'imm' ? `imm ${v.value}` : `reg ${v.reg}`;
    const first = returns.get(key);
    if (first === undefined) returns.set(key, b.id);
    else dest.set(b.id, first);
  }
  const forward = (id: BlockId): BlockId => {
    const path: BlockId[] = [];
    const onPath = new Set<BlockId>();
    let cur = id;
    for (;;) {
      const known = dest.get(cur);
      if (known !== undefined) {
        cur = known;
        break;
      }
      const b = fn.blocks[cur]!;
      if (b.insts.length !== 0 || b.term.op !== 'jmp' || onPath.has(cur)) break;
      path.push(cur);
      onPath.add(cur);
      cur = b.term.target;
    }
    for (const p of path) dest.set(p, cur);
    return cur;
  };
  // A branch that becomes a jump can empty its block for a branch seen before it: go again then.
  for (let again = true; again; ) {
    again = false;
    for (const b of fn.blocks) {
      const t = b.term;
      if (t.op === 'jmp') t.target = forward(t.target);
      else if (t.op === 'br') {
        t.then = forward(t.then);
        t.else = forward(t.else);
        if (t.then === t.else) {
          b.term = { op: 'jmp', target: t.then, span: t.span };
          again ||= b.insts.length === 0;
        }
      }
    }
  }
  // Merge straight-line chains: A jumps to B and nothing else enters B.
  const predCount = new Map<BlockId, number>();
  for (const b of fn.blocks) for (const s of successors(b.term)) predCount.set(s, (predCount.get(s) ?? 0) + 1);
  for (const a of fn.blocks) {
    for (;;) {
      const t = a.term;
      if (t.op !== 'jmp' || t.target === 0 || t.target === a.id || predCount.get(t.target) !== 1) break;
      const b = fn.blocks[t.target]!;
      pushAll(a.insts, b.insts);
      a.term = b.term;
      b.insts = [];
      b.term = { op: 'jmp', target: b.id, span: b.term.span }; // now unreachable
      predCount.set(b.id, 0);
    }
  }
  // Keep reachable blocks only, in their original order.
  const reachable = new Set<BlockId>();
  const stack: BlockId[] = [0];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (reachable.has(id)) continue;
    reachable.add(id);
    for (const s of successors(fn.blocks[id]!.term)) stack.push(s);
  }
  const renumber = new Map<BlockId, BlockId>();
  const kept: Block[] = [];
  for (const b of fn.blocks) {
    if (!reachable.has(b.id)) continue;
    renumber.set(b.id, kept.length);
    kept.push(b);
  }
  const map = (id: BlockId) => renumber.get(id)!;
  for (const b of kept) {
    b.id = map(b.id);
    const t: Terminator = b.term;
    if (t.op === 'jmp') t.target = map(t.target);
    else if (t.op === 'br') {
      t.then = map(t.then);
      t.else = map(t.else);
    }
  }
  fn.blocks = kept;
}
