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
  // Arrays by block id, not maps and sets: this runs after most passes, on every block.
  const n = fn.blocks.length;
  // Where an empty block that only jumps elsewhere really leads (-1: not known). Every block on a
  // walked chain remembers the answer, so n chained empty blocks cost n steps in all, not n squared.
  const dest = new Int32Array(n).fill(-1);
  // Empty blocks that return the same operand are one block: branches to two of them become jumps.
  const returns = new Map<string, BlockId>();
  for (const b of fn.blocks) {
    if (b.insts.length !== 0 || b.term.op !== 'ret') continue;
    const v = b.term.value;
    const key = v === undefined ? 'void' : v.kind === 'imm' ? `imm ${v.value}` : `reg ${v.reg}`;
    const first = returns.get(key);
    if (first === undefined) returns.set(key, b.id);
    else dest[b.id] = first;
  }
  const onPath = new Uint8Array(n); // the blocks of the chain being walked
  const path: BlockId[] = [];
  const forward = (id: BlockId): BlockId => {
    let cur = id;
    for (;;) {
      const known = dest[cur]!;
      if (known >= 0) {
        cur = known;
        break;
      }
      const b = fn.blocks[cur]!;
      if (b.insts.length !== 0 || b.term.op !== 'jmp' || onPath[cur]) break;
      path.push(cur);
      onPath[cur] = 1;
      cur = b.term.target;
    }
    for (const p of path) {
      dest[p] = cur;
      onPath[p] = 0;
    }
    path.length = 0;
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
  const predCount = new Int32Array(n);
  for (const b of fn.blocks) for (const s of successors(b.term)) predCount[s]!++;
  for (const a of fn.blocks) {
    for (;;) {
      const t = a.term;
      if (t.op !== 'jmp' || t.target === 0 || t.target === a.id || predCount[t.target] !== 1) break;
      const b = fn.blocks[t.target]!;
      pushAll(a.insts, b.insts);
      a.term = b.term;
      b.insts = [];
      b.term = { op: 'jmp', target: b.id, span: b.term.span }; // now unreachable
      predCount[b.id] = 0;
    }
  }
  // Keep reachable blocks only, in their original order.
  const reachable = new Uint8Array(n);
  const stack: BlockId[] = [0];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (reachable[id]) continue;
    reachable[id] = 1;
    for (const s of successors(fn.blocks[id]!.term)) stack.push(s);
  }
  const renumber = new Int32Array(n);
  const kept: Block[] = [];
  for (const b of fn.blocks) {
    if (!reachable[b.id]) continue;
    renumber[b.id] = kept.length;
    kept.push(b);
  }
  const map = (id: BlockId) => renumber[id]!;
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
