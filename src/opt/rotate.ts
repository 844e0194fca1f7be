// Loop rotation: a loop that tests its condition at the top tests it at the bottom.
// Needs: blocks reachable from block 0 (simplifyCfg before); runs after unrolling, on the loops
// kept as loops. Changes: for a natural loop whose header is a small test (a few instructions
// and a branch with one successor in the loop and one out of it), every back edge to the header
// leads instead to one copy of the header; the header stays as the guard before the first
// iteration, which constant propagation usually decides (`i = 0; i < 6`). The loop is then a
// do-while whose header is the first block of the body, as clang's loop rotation leaves it.
// The kernel's verifier walks a kept loop iteration by iteration and compares states at the
// loop's head; with the test at the bottom each iteration passes one block less and the head is
// the body's first block, whose states prune against each other where the test's did not (an
// IPv6 extension-header walk kept as a loop: 4,844 processed instructions tested at the top,
// 3,197 at the bottom; xdp-filter's, 43,164 and 29,024).
// The IR is not SSA, so a verbatim copy of the header computes the same thing.
// Invalidates: block ids are kept (one block is added per rotated loop), liveness.
import type { Block, BlockId, Inst, IrFunction } from '../ir/ir.js';
import { successors } from '../ir/ir.js';
import { cloneIr } from './unroll.js';
import { findLoops, type Loop } from './loops.js';

/** Most instructions (besides its branch) a header may hold to be copied to the loop's bottom. */
const MAX_HEADER_INSNS = 6;

export function rotateLoops(fn: IrFunction): boolean {
  // Blocks that became a loop's head by a rotation: a loop is rotated once.
  const rotated = new Set<Block>();
  let changed = false;
  for (;;) {
    const loop = findLoops(fn).find((l) => !rotated.has(fn.blocks[l.header]!) && rotatable(fn, l));
    if (!loop) return changed;
    rotated.add(fn.blocks[bodyEntry(fn, loop)]!);
    rotate(fn, loop);
    changed = true;
  }
}

/** The header's successor inside the loop. */
function bodyEntry(fn: IrFunction, loop: Loop): BlockId {
  return successors(fn.blocks[loop.header]!.term).find((s) => loop.blocks.has(s))!;
}

function rotatable(fn: IrFunction, loop: Loop): boolean {
  const h = fn.blocks[loop.header]!;
  if (h.term.op !== 'br' || h.term.then === h.term.else) return false;
  const inside = [h.term.then, h.term.else].filter((s) => loop.blocks.has(s));
  if (inside.length !== 1 || inside[0] === loop.header) return false;
  if (h.insts.length > MAX_HEADER_INSNS || !h.insts.every(copyable)) return false;
  // A loop already left from its bottom (a do-while, whose header is the body's first test) is
  // rotated already: moving that test to the bottom too only lengthens each iteration's path.
  return !loop.latches.some((id) => successors(fn.blocks[id]!.term).some((s) => !loop.blocks.has(s)));
}

/** Instructions cheap and plain enough to run twice in the code (never twice on one path). */
function copyable(i: Inst): boolean {
  switch (i.op) {
    case 'call':
    case 'callfn':
    case 'asm':
    case 'atomic':
    case 'memop':
    case 'ldabs':
      return false;
    default:
      return true;
  }
}

function rotate(fn: IrFunction, loop: Loop): void {
  const h = fn.blocks[loop.header]!;
  const bottom: Block = { id: fn.blocks.length, insts: h.insts.map((i) => cloneIr(i)), term: cloneIr(h.term) };
  fn.blocks.push(bottom);
  for (const id of new Set(loop.latches)) {
    const b = fn.blocks[id]!;
    const t = b.term;
    if (t.op === 'jmp') b.term = { ...t, target: bottom.id };
    else if (t.op === 'br') b.term = { ...t, then: t.then === h.id ? bottom.id : t.then, else: t.else === h.id ? bottom.id : t.else };
  }
}
