// CFG simplification.
// Needs: nothing. Changes: threads jumps through empty blocks, turns
// branches with equal targets into jumps, drops unreachable blocks and
// renumbers the rest (entry stays block 0). Invalidates: block ids, liveness.
import type { Block, BlockId, IrFunction, Terminator } from '../ir/ir.js';
import { successors } from '../ir/ir.js';

export function simplifyCfg(fn: IrFunction): void {
  // Where an empty block that only jumps elsewhere really leads.
  const forward = (id: BlockId): BlockId => {
    const seen = new Set<BlockId>();
    let cur = id;
    for (;;) {
      const b = fn.blocks[cur]!;
      if (b.insts.length !== 0 || b.term.op !== 'jmp' || seen.has(cur)) return cur;
      seen.add(cur);
      cur = b.term.target;
    }
  };
  for (const b of fn.blocks) {
    const t = b.term;
    if (t.op === 'jmp') t.target = forward(t.target);
    else if (t.op === 'br') {
      t.then = forward(t.then);
      t.else = forward(t.else);
      if (t.then === t.else) b.term = { op: 'jmp', target: t.then, span: t.span };
    }
  }
  // Keep reachable blocks only, in their original order.
  const reachable = new Set<BlockId>();
  const stack: BlockId[] = [0];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (reachable.has(id)) continue;
    reachable.add(id);
    stack.push(...successors(fn.blocks[id]!.term));
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
