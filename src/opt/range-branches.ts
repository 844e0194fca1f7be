// Branches decided by the range of their register.
// Needs: nothing. Changes: a branch comparing a register with a constant becomes a jump when
// every value the register can hold gives the same answer, as `eth_type == -1` where eth_type is
// either a 16-bit load or two bytes combined (clang folds the same test, and the walk that only
// computed eth_type then goes dead). The range is [0, upper bound], the bound of upperBounds
// (zext-elim.ts) over all definitions of the register in the function, so it holds wherever the
// register is read. Only bounds the kernel verifier derives as well count: a test that the
// kernel needs to bound an index it cannot bound itself (after a division or a byte swap)
// stays. Invalidates: nothing (the untaken successor may become unreachable: simplifyCfg).
import type { CmpOp, IrFunction, Terminator } from '../ir/ir.js';
import { evalCmp } from '../ir/eval.js';
import { deadCodeElim } from './dce.js';
import { simplifyCfg } from './simplify-cfg.js';
import { upperBounds } from './zext-elim.js';

/**
 * The answer of `a CMP c` (the low `bits` bits) for every a in [0, upper], or undefined when it
 * depends on a.
 */
export function cmpOverRange(cmp: CmpOp, bits: 32 | 64, upper: bigint, c: bigint): boolean | undefined {
  const full = (1n << BigInt(bits)) - 1n;
  const hi = upper > full ? full : upper;
  const k = BigInt.asUintN(bits, c);
  switch (cmp) {
    case 'eq':
    case 'ne':
      // Constant only when c lies outside the range (or the range is the single value c).
      if (k > hi) return cmp === 'ne';
      if (hi === 0n) return (k === 0n) === (cmp === 'eq');
      return undefined;
    case 'set': {
      // The bits a may have set are those below the bound's highest bit.
      const may = (1n << BigInt(hi.toString(2).length)) - 1n;
      return (k & may) === 0n ? false : undefined;
    }
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le':
      // Monotonic in a: the same answer at both ends is the answer for all.
      break;
    case 'sgt':
    case 'sge':
    case 'slt':
    case 'sle':
      // Signed, the range is [0, hi] only while hi's sign bit is clear; past it, it wraps.
      if (hi >= 1n << BigInt(bits - 1)) return undefined;
      break;
    default: {
      const never: never = cmp;
      return never;
    }
  }
  const atLow = evalCmp(cmp, bits, 0n, k);
  return atLow === evalCmp(cmp, bits, hi, k) ? atLow : undefined;
}

/**
 * Folds the branches the ranges decide and whose fold frees more than the branch; true if it
 * changed the function.
 */
export function foldRangeBranches(fn: IrFunction): boolean {
  // Inline assembly may write registers its instruction does not name as its result.
  if (fn.blocks.some((b) => b.insts.some((i) => i.op === 'asm'))) return false;
  if (!fn.blocks.some((b) => b.term.op === 'br' && b.term.b.kind === 'imm')) return false;
  const bound = upperBounds(fn, true);
  if (bound === undefined) return false;
  const decided = new Map<number, Terminator>();
  for (const b of fn.blocks) {
    const t = b.term;
    if (t.op !== 'br' || t.b.kind !== 'imm') continue;
    const upper = bound.get(t.a);
    if (upper === undefined) continue;
    const answer = cmpOverRange(t.cmp, t.bits, upper, t.b.value);
    if (answer !== undefined) decided.set(b.id, { op: 'jmp', target: answer ? t.then : t.else, span: t.span });
  }
  if (decided.size === 0) return false;
  // The kernel derives the same bound, so it never forks on such a branch: folding it saves the
  // kernel one instruction per path, and a branch is where the kernel may store a state to prune
  // later paths against (it stores one only every few jumps). A fold is worth it when it makes
  // the computation of the tested value dead, as a header walk that only computed it.
  const base = sizeAfterCleanup(fn, new Map());
  let changed = false;
  for (const [id, jump] of decided) {
    const freed = base - sizeAfterCleanup(fn, new Map([[id, jump]]));
    if (freed < MIN_FREED) continue;
    fn.blocks.find((b) => b.id === id)!.term = jump;
    changed = true;
  }
  return changed;
}

/** Instructions and branches a fold must free, its own branch included, to be kept. */
const MIN_FREED = 4;

/** Instructions and branches of a copy of fn with the given terminators replaced, once dead code and empty blocks are gone. */
function sizeAfterCleanup(fn: IrFunction, jumps: ReadonlyMap<number, Terminator>): number {
  // deadCodeElim changes only instruction lists and a call's dst in place, simplifyCfg blocks and
  // terminators: the copy shares the other instructions.
  const copy: IrFunction = {
    ...fn,
    blocks: fn.blocks.map((b) => ({ id: b.id, insts: b.insts.map((i) => (i.op === 'call' || i.op === 'callfn' ? { ...i } : i)), term: { ...b.term } })),
  };
  for (const b of copy.blocks) {
    const j = jumps.get(b.id);
    if (j) b.term = { ...j }; // simplifyCfg retargets jumps in place: the copy gets its own
  }
  for (let round = 0; round < 8; round++) {
    const before = size(copy);
    deadCodeElim(copy);
    simplifyCfg(copy);
    if (size(copy) === before) break;
  }
  return size(copy);
}

function size(fn: IrFunction): number {
  let n = 0;
  for (const b of fn.blocks) n += b.insts.length + (b.term.op === 'br' ? 1 : 0);
  return n;
}
