// Branches decided by the range of their register, or by the bits it may have set.
// Needs: nothing. Changes: a branch comparing a register with a constant becomes a jump when
// every value the register can hold gives the same answer, as `eth_type == -1` where eth_type is
// either a 16-bit load or two bytes combined (clang folds the same test, and the walk that only
// computed eth_type then goes dead). The range is [0, upper bound], the bound of upperBounds
// (zext-elim.ts) over all definitions of the register in the function, so it holds wherever the
// register is read. Only bounds the kernel verifier derives as well count: a test that the
// kernel needs to bound an index it cannot bound itself (after a division or a byte swap)
// stays. Invalidates: nothing (the untaken successor may become unreachable: simplifyCfg).
import type { CmpOp, Inst, IrFunction, Operand, Terminator } from '../ir/ir.js';
import { instDef } from '../ir/ir.js';
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
 * The answer of `a CMP c` (eq, ne or set, on the low `bits` bits) for every a whose set bits are
 * among `may`, or undefined when it depends on a: `(verlen & 0xf0) == 4` is never true.
 */
export function cmpOverBits(cmp: 'eq' | 'ne' | 'set', bits: 32 | 64, may: bigint, c: bigint): boolean | undefined {
  const k = BigInt.asUintN(bits, c);
  const m = BigInt.asUintN(bits, may);
  if (cmp === 'set') return (k & m) === 0n ? false : undefined;
  return (k & ~m) !== 0n ? cmp === 'ne' : undefined;
}

/**
 * The bits each register may have set, over all its definitions in the function: a mask's
 * operand, a narrow load's width, a constant, or what an `or`, `xor` or copy combines; any other
 * definition, a parameter, may set any bit. A comparison's answer from these bits needs no bound
 * the kernel must derive: it only tells that one side of an equality test is never taken.
 */
function possibleBits(fn: IrFunction): Map<number, bigint> {
  const ALL = (1n << 64n) - 1n;
  const low = (bits: number): bigint => (bits === 64 ? ALL : (1n << BigInt(bits)) - 1n);
  const may = new Map<number, bigint>();
  for (const p of fn.params) may.set(p, ALL);
  const defs: Inst[] = [];
  for (const b of fn.blocks) for (const i of b.insts) if (instDef(i) !== undefined) defs.push(i);
  const of = (o: Operand): bigint => (o.kind === 'imm' ? BigInt.asUintN(64, o.value) : (may.get(o.reg) ?? 0n));
  const defBits = (i: Inst): bigint => {
    switch (i.op) {
      case 'mov':
        return of(i.src) & low(i.bits);
      case 'load':
        return low(i.size * 8);
      case 'alu':
        switch (i.alu) {
          case 'and':
            return of(i.a) & of(i.b) & low(i.bits);
          case 'or':
          case 'xor':
            return (of(i.a) | of(i.b)) & low(i.bits);
          default:
            return ALL;
        }
      default:
        return ALL;
    }
  };
  // Optimistic start (no bit) and growth to a fixpoint: each round only sets bits.
  for (let changed = true; changed; ) {
    changed = false;
    for (const i of defs) {
      const d = instDef(i)!;
      const before = may.get(d) ?? 0n;
      const now = before | defBits(i);
      if (now !== before) {
        may.set(d, now);
        changed = true;
      }
    }
  }
  return may;
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
  let bits: Map<number, bigint> | undefined;
  const decided = new Map<number, Terminator>();
  for (const b of fn.blocks) {
    const t = b.term;
    if (t.op !== 'br' || t.b.kind !== 'imm') continue;
    const upper = bound.get(t.a);
    if (upper === undefined) continue;
    let answer = cmpOverRange(t.cmp, t.bits, upper, t.b.value);
    if (answer === undefined && (t.cmp === 'eq' || t.cmp === 'ne' || t.cmp === 'set')) {
      bits ??= possibleBits(fn);
      const may = bits.get(t.a);
      if (may !== undefined) answer = cmpOverBits(t.cmp, t.bits, may, t.b.value);
    }
    if (answer !== undefined) decided.set(b.id, { op: 'jmp', target: answer ? t.then : t.else, span: t.span });
  }
  if (decided.size === 0) return false;
  // The kernel derives the same bound, so it never forks on such a branch: folding it saves the
  // kernel one instruction per path, and a branch is where the kernel may store a state to prune
  // later paths against (it stores one only every few jumps). A fold is worth it when it makes
  // the computation of the tested value dead, as a header walk that only computed it.
  const base = sizeAfterCleanup(fn, new Map());
  // Each trial cleans a copy of the whole function: in a function unrolled to tens of thousands
  // of instructions with hundreds of decided branches, the trials are limited to about
  // TRIAL_BUDGET instructions cleaned, and the branches past them stay (zfw's prefix-match
  // nests: 54 s of a 60 s compile).
  let trials = Math.max(MIN_TRIALS, Math.floor(TRIAL_BUDGET / Math.max(1, base)));
  let changed = false;
  for (const [id, jump] of decided) {
    if (trials-- <= 0) break;
    const freed = base - sizeAfterCleanup(fn, new Map([[id, jump]]));
    if (freed < MIN_FREED) continue;
    fn.blocks.find((b) => b.id === id)!.term = jump;
    changed = true;
  }
  return changed;
}

/** Instructions and branches a fold must free, its own branch included, to be kept. */
const MIN_FREED = 4;
/** Instructions the trials of one run may clean in all (see foldRangeBranches), and the trials always made. */
const TRIAL_BUDGET = 100_000;
const MIN_TRIALS = 2;

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
