// Full unrolling of small loops with a constant trip count; other loops stay loops.
// Needs: simplifyCfg before (every block reachable). Changes: for each
// natural loop, innermost first, peels one iteration at a time (a copy of
// the loop's blocks is entered instead of the loop, and its back edges lead
// to the remaining loop), folding constants after each peel, until the
// remaining loop is unreachable. The IR is not SSA, so a verbatim copy of
// the blocks computes the same thing. A batch of peels in which no exit of
// the loop folds (other branches may: an inner `if` on the first iteration's
// constants) shows that the trip count does not depend on constants, after
// the enclosing loops are tried (a triangular nest's inner bound is the outer
// counter); a loop that would grow
// past the budget is not unrolled either. Nor is a constant loop whose
// unrolled copies take more than KEEP_ABOVE_INSNS, as clang keeps a loop over
// its threshold, when the kernel's walk of it is estimated well under its
// limit (keptLoopWork) or its copies are larger still (then ebcc's verifier
// judges the program with the loop kept, driver/compile.ts), and no memory
// builtin in it needs the copies' constants; `#pragma unroll` forces the unrolling, `#pragma nounroll` keeps
// the loop (LoopHint, from lowering). Such a loop is restored and kept as
// a loop with a back edge, which the kernel's verifier (Linux 5.3 on) walks
// iteration by iteration, as clang leaves it; only a loop that nothing can
// leave is reported (E5011), and an irreducible cycle (E5011).
// Invalidates: block ids (simplifyCfg renumbers at the end), liveness.
import type { CompileContext } from '../context.js';
import type { Block, BlockId, IrFunction, LoopHint, Terminator } from '../ir/ir.js';
import { successors } from '../ir/ir.js';
import { constProp, constPropAfterLoop, constPropRegion, layoutOf, loopEntry, walkLoop, type Layout, type LoopEntry } from './const-prop.js';
import { MAX_PROGRAM_INSNS } from '../bpf/limits.js';
import { findIrreducibleEdge, findLoops, type Loop } from './loops.js';
import { simplifyCfg } from './simplify-cfg.js';
import { pushAll } from '../util/array.js';

/**
 * Most iterations one loop may unroll into, and most IR instructions a function may grow to by
 * unrolling. The kernel loads up to 1,000,000 instructions (MAX_PROGRAM_INSNS), but a program
 * that unrolls to a tenth of that already takes the verifier minutes; past this budget ebcc
 * stops (E5011) instead of spending its own time and memory on it.
 */
const MAX_TRIPS = 8192;
export const MAX_INSNS = 100_000;
/**
 * Most loops of one function whose unrolling is tried and given up. Each try peels a batch and
 * folds constants over the whole function, so a function with many loops that stay loops (the
 * copies of a kept inner loop in an unrolled outer one) costs tries times its size; past this
 * many, the loops left are kept as they are, which is the same program.
 */
const MAX_FAILED_TRIES = 8;
/**
 * Most iterations of a loop unrolled only because a loop inside it did not unroll (to find a
 * triangular nest's constant bounds). Past this the two stay loops, as clang keeps them: an
 * outer loop of a thousand iterations around a loop that stays a loop would otherwise become a
 * thousand loops, each tried again.
 */
const MAX_ENCLOSING_TRIPS = 64;

/**
 * Most IR instructions the unrolled copies of one loop may take, as clang keeps a loop whose
 * full unrolling would grow the code past its threshold (150 LLVM instructions at -O2; 200 of
 * ours, measured on real programs). A loop marked `#pragma unroll` is unrolled whatever its size.
 */
const KEEP_ABOVE_INSNS = 200;
/**
 * Most instructions the kernel's verifier may walk in a loop kept for its size, as keptLoopWork
 * estimates them: a quarter of its 1,000,000. A loop estimated above it is unrolled, unless its
 * copies would take more than KEEP_COSTLY_ABOVE_INSNS.
 */
const KEEP_BELOW_WORK = 250_000;
/**
 * Most IR instructions the unrolled copies of a loop over KEEP_BELOW_WORK may take: four times
 * KEEP_ABOVE_INSNS, as clang unrolls a loop up to four times its threshold when the copies fold
 * (its unroll-max-percent-threshold-boost of 400%).
 */
const KEEP_COSTLY_ABOVE_INSNS = 4 * KEEP_ABOVE_INSNS;

/**
 * The paths of one iteration of the loop, from its header to a back edge or out of the loop:
 * `work`, their summed length in IR instructions; `back`, how many different ones return to the
 * header, where paths that differ only in branches (a switch's cases leading to one block) run
 * the same instructions and count once. Undefined when the loop holds another loop, or its paths
 * are too many to list.
 */
function loopPaths(blocks: readonly Block[], loop: Loop): { work: number; back: number } | undefined {
  const MAX_PATHS = 4096;
  const back = new Set<string>();
  let walks = 0;
  let work = 0;
  let cyclic = false;
  const seq: BlockId[] = [];
  const onPath = new Set<BlockId>();
  const visit = (id: BlockId, size: number): void => {
    if (cyclic || walks > MAX_PATHS) return;
    const b = blocks[id]!;
    size += b.insts.length + 1;
    if (b.insts.length > 0) seq.push(id);
    onPath.add(id);
    const succ = successors(b.term);
    if (succ.length === 0) {
      walks++;
      work += size;
    }
    for (const s of succ) {
      if (s === loop.header) {
        walks++;
        work += size;
        back.add(seq.join(','));
      } else if (!loop.blocks.has(s)) {
        walks++;
        work += size;
      } else if (onPath.has(s)) cyclic = true;
      else visit(s, size);
    }
    onPath.delete(id);
    if (b.insts.length > 0) seq.pop();
  };
  visit(loop.header, 0);
  if (cyclic || walks > MAX_PATHS) return undefined;
  return { work, back: back.size };
}

/**
 * Whether the loop holds a memory builtin whose size or fill byte is not yet a constant (the
 * counter, as `memset(buf, i, n)`): only its unrolled copies make it one, which expandMemOps needs.
 */
function needsUnrolledConstants(blocks: readonly Block[], loop: Loop): boolean {
  for (const id of loop.blocks) {
    for (const i of blocks[id]!.insts) {
      if (i.op === 'memop' && (i.size.kind !== 'imm' || (i.value !== undefined && i.value.kind !== 'imm'))) return true;
    }
  }
  return false;
}

/**
 * An estimate of the instructions the kernel's verifier walks in the loop kept as a loop: each
 * path back to the header may leave a different state, and the kernel adds few states inside a
 * loop (not before 100 instructions or 20 jumps since the last one), so nothing need be pruned
 * from one iteration to the next: `back` paths on each of `trips` iterations make up to
 * back^trips walks of the body. Infinity without the paths.
 */
function keptLoopWork(blocks: readonly Block[], loop: Loop, trips: number): number {
  const paths = loopPaths(blocks, loop);
  if (!paths) return Infinity;
  // The work of one iteration from one state, times the states entering iterations 1..trips.
  let states = 0;
  let entering = 1;
  for (let k = 0; k < trips && states < 1e12; k++) {
    states += entering;
    entering *= paths.back;
  }
  return paths.work * states;
}

/**
 * Why a loop did not unroll: its trip count is not constant (reason undefined), or a budget; a
 * loop over the budget whose constant iterations add up to more than the kernel's verifier walks
 * (it simulates each one) is `refused`.
 */
type Outcome = { ok: true; trips: number; entering: LoopEntry | undefined } | { ok: false; reason: string | undefined; refused?: boolean };

export function unrollLoops(fn: IrFunction, ctx: CompileContext): void {
  // Headers of the loops kept as loops (by block object: unrolling another loop renumbers blocks).
  let kept = new Set<Block>();
  let failedTries = 0;
  // Every constant folding below runs with one layout, taken when the first needs it: from then
  // on the function changes only by peeling, folding and simplifyCfg, which keep it good.
  let layout: Layout | undefined;
  const layoutNow = (): Layout => (layout ??= layoutOf(fn));
  for (;;) {
    const loops = findLoops(fn).filter((l) => !kept.has(fn.blocks[l.header]!));
    if (loops.length === 0 || failedTries >= MAX_FAILED_TRIES) {
      // A loop nothing leaves is an error only where it can run: unrolling the loops before it
      // may have decided the branch that leads there.
      let endless = findLoops(fn).find((l) => !hasExit(fn, l));
      if (endless) {
        constProp(fn);
        simplifyCfg(fn);
        endless = findLoops(fn).find((l) => !hasExit(fn, l));
      }
      if (endless) {
        reportEndless(fn, endless, ctx);
        return;
      }
      reportIrreducible(fn, ctx);
      return;
    }
    const first = loops[0]!;
    // An inner loop whose bound depends on an enclosing loop's counter (a triangular nest) has a
    // constant trip count only once the enclosing loop is unrolled: when the innermost loop does
    // not unroll, its enclosing loops are tried, innermost first, each from the same state.
    const candidates = [first, ...loops.slice(1).filter((l) => l.blocks.has(first.header))];
    const headers = candidates.map((l) => fn.blocks[l.header]!);
    let done = false;
    for (const loop of candidates) {
      // A try changes no instruction in place: it adds blocks, and gives blocks new instruction
      // lists and terminators (constant folding writes new objects). So the lists and terminators
      // as they are now are the state to go back to, without copying the instructions.
      const saved = { blocks: fn.blocks.map((b): Block => ({ id: b.id, insts: b.insts, term: b.term })), vregCount: fn.vregCount };
      const sizeBefore = countInsns(fn);
      const bodyInsns = [...loop.blocks].reduce((n, id) => n + fn.blocks[id]!.insts.length + 1, 0);
      const hint = loopHint(fn, loop);
      if (hint === 'disable') {
        // Kept as written (the loops around it are tried as usual), unless the kernel would refuse it.
        if (walkLoop(fn, loop.header, loop.blocks, MAX_PROGRAM_INSNS, layoutNow()) === 'over') {
          reportTooLong(fn, loop, ctx, 'it is marked not to be unrolled (#pragma nounroll)');
          return;
        }
        kept.add(fn.blocks[loop.header]!);
        done = true;
        break;
      }
      const outcome = unrollLoop(fn, loop, kept, loop === first ? MAX_TRIPS : MAX_ENCLOSING_TRIPS, layoutNow());
      const restore = () => {
        // Back to the blocks as they were (the clone keeps the ids, so headers are found again).
        const ids = headers.map((h) => h.id);
        const keptIds = [...kept].map((b) => b.id);
        fn.blocks = saved.blocks;
        fn.vregCount = saved.vregCount;
        kept = new Set(keptIds.filter((id) => id < fn.blocks.length).map((id) => fn.blocks[id]!)); // not the copies
        headers.splice(0, headers.length, ...ids.map((id) => fn.blocks[id]!));
      };
      if (outcome.ok) {
        // The copies were folded alone: what follows the loop learns their constants now (a
        // branch there may decide that a later loop is never reached). What leads to the loop
        // is as it was, and so are the constants there.
        if (outcome.entering) constPropAfterLoop(fn, outcome.entering);
        else constProp(fn, layoutNow());
        const live = reachableBlocks(fn);
        let sizeAfter = 0;
        for (let id = 0; id < live.length; id++) if (live[id]) sizeAfter += fn.blocks[id]!.insts.length + 1;
        const unrolledSize = sizeAfter - (sizeBefore - bodyInsns);
        // Too large unrolled, and cheap enough for the kernel as a loop: back to the loop.
        let keep = hint !== 'full' && unrolledSize > KEEP_ABOVE_INSNS && !needsUnrolledConstants(saved.blocks, loop);
        if (keep && keptLoopWork(saved.blocks, loop, outcome.trips) > KEEP_BELOW_WORK) {
          // The estimate assumes no state is ever pruned from one iteration to the next. Copies
          // within KEEP_COSTLY_ABOVE_INSNS are unrolled: the kernel walks them with more pruning
          // than the loop (katran_lb's 9-iteration loop of 241 instructions unrolled: 37,116
          // processed; as a loop 57,841). Larger ones stay a loop, as clang leaves them, and the
          // kernel prunes most of their paths (a TCP option parser's 243 paths per iteration, 7
          // iterations: 12,333 processed as a loop, 634 slots unrolled against 93). ebcc's
          // verifier then judges the program, and they are unrolled when it does not accept it
          // (driver/compile.ts).
          const costly = (ctx.costlyLoops ??= { kept: false, unroll: false });
          if (costly.unroll || unrolledSize <= KEEP_COSTLY_ABOVE_INSNS) keep = false;
          else {
            costly.kept = true;
            (costly.keptIn ??= new Set()).add(fn.name);
          }
        }
        if (!keep) {
          done = true;
          break;
        }
        // Only this loop is kept: the loops around it are tried as usual.
        const header = loop.header;
        restore();
        kept.add(fn.blocks[header]!);
        done = true;
        break;
      }
      failedTries++;
      if (outcome.refused) {
        reportTooLong(fn, loop, ctx, outcome.reason!);
        return;
      }
      restore();
      if (outcome.reason !== undefined) break; // over a budget: enclosing loops are only bigger
    }
    if (!done) {
      // None of them unrolls: they stay loops (each tried again would fail the same way). One
      // that never ends is reported at the end, if it can still be reached.
      for (const h of headers) kept.add(h);
    }
    simplifyCfg(fn);
    kept = new Set([...kept].filter((b) => fn.blocks[b.id] === b));
  }
}

/** The pragma written on the loop, if any: the innermost loop whose condition holds an exit branch of this one. */
function loopHint(fn: IrFunction, loop: Loop): LoopHint['unroll'] | undefined {
  if (!fn.loopHints) return undefined;
  let best: LoopHint | undefined;
  for (const id of loop.blocks) {
    const t = fn.blocks[id]!.term;
    if (t.op !== 'br' || successors(t).every((s) => loop.blocks.has(s))) continue;
    for (const h of fn.loopHints) {
      const c = h.cond;
      if (t.span.file !== c.file || t.span.start < c.start || t.span.end > c.end) continue;
      if (!best || c.end - c.start < best.cond.end - best.cond.start) best = h;
    }
  }
  return best?.unroll;
}

/**
 * A copy of an instruction or terminator: its own operand, address and list objects (passes
 * rewrite them in place), sharing only the source spans and C types, which nothing changes.
 */
export function cloneIr<T>(x: T): T {
  if (typeof x !== 'object' || x === null) return x;
  // Scalars are copied without a call: every instruction of every peeled copy comes through
  // here, and this ran as one of the larger items of a cold compile.
  if (Array.isArray(x)) {
    const a: unknown[] = new Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const v: unknown = x[i];
      a[i] = typeof v !== 'object' || v === null ? v : cloneIr(v);
    }
    return a as T;
  }
  const src = x as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(src)) {
    const v = src[k];
    // Spans and a btftypeid's C type are shared, never changed (a type may refer to itself).
    out[k] = typeof v !== 'object' || v === null || k === 'span' || k === 'sizeSpan' || k === 'valueSpan' || k === 'ctype' || k === 'root' ? v : cloneIr(v);
  }
  return out as T;
}

/** Whether some edge leaves the loop (a loop without one never ends). */
function hasExit(fn: IrFunction, loop: Loop): boolean {
  for (const id of loop.blocks) {
    const t = fn.blocks[id]!.term;
    if (t.op === 'ret' || successors(t).some((s) => !loop.blocks.has(s))) return true;
  }
  return false;
}

function retarget(t: Terminator, map: (id: BlockId) => BlockId): Terminator {
  switch (t.op) {
    case 'jmp':
      return { ...t, target: map(t.target) };
    case 'br':
      return { ...t, then: map(t.then), else: map(t.else) };
    case 'ret':
      return t;
    default: {
      const never: never = t;
      return never;
    }
  }
}

export function countInsns(fn: IrFunction): number {
  let n = 0;
  for (const b of fn.blocks) n += b.insts.length + 1;
  return n;
}

/** 1 for each block reachable from the entry, by id. */
function reachableBlocks(fn: IrFunction): Uint8Array {
  const seen = new Uint8Array(fn.blocks.length);
  seen[0] = 1;
  const stack: BlockId[] = [0];
  while (stack.length > 0) {
    const t = fn.blocks[stack.pop()!]!.term;
    // successors(), written out: this runs after every batch of every loop.
    if (t.op === 'jmp') {
      if (!seen[t.target]) {
        seen[t.target] = 1;
        stack.push(t.target);
      }
    } else if (t.op === 'br') {
      if (!seen[t.then]) {
        seen[t.then] = 1;
        stack.push(t.then);
      }
      if (!seen[t.else]) {
        seen[t.else] = 1;
        stack.push(t.else);
      }
    }
  }
  return seen;
}

function unrollLoop(fn: IrFunction, loop: Loop, kept: Set<Block>, maxTrips: number, layout: Layout): Outcome {
  const body = [...loop.blocks].sort((a, b) => a - b);
  // The loop's exits: branches with a target outside it. An iteration whose copy folds none of
  // them (a reachable copy in which every one of them still branches) does not show that the
  // loop ends after a constant number of iterations, even if other branches in it folded (an
  // inner `if` on the first iteration's constants): unrolling further would only fill the budget.
  const exits = body.filter((id) => fn.blocks[id]!.term.op === 'br' && successors(fn.blocks[id]!.term).some((s) => !loop.blocks.has(s)));
  if (exits.length === 0) return { ok: false, reason: undefined }; // no way out but a budget
  // Peel in batches of 1, 2, 4, ... iterations, folding constants once per batch:
  // copies past the real trip count become unreachable and are dropped.
  // Batches double without a cap, so a loop of N iterations costs about log2(N) rounds of
  // constant folding over the function, not N / 64; the budget is checked before each copy.
  const bodyInsns = body.reduce((n, id) => n + fn.blocks[id]!.insts.length + 1, 0);
  // Each batch is folded alone with the copies before it and the loop (only the first copy is
  // entered from outside), from the constants that enter the loop: a fold of the whole function
  // per batch made a function with many loops cost batches times its size, again and again.
  const entering = loopEntry(fn, loop.header, loop.blocks, false, layout);
  const region = new Set<BlockId>(loop.blocks);
  let regionStart: BlockId | undefined;
  let trips = 0;
  let clamped = false;
  const allCopies: Map<BlockId, BlockId>[] = [];
  for (let batch = 1; ; batch *= 2) {
    const fits = Math.min(maxTrips - trips, Math.floor((MAX_INSNS - countInsns(fn)) / bodyInsns));
    // One batch cut short by the budget is the last: otherwise each round would add a copy or
    // two and fold the whole (large) function again, thousands of times.
    if (clamped || fits < 1) {
      const reason = `unrolling it would take more than ${trips >= maxTrips ? `${maxTrips} iterations` : `${MAX_INSNS} instructions`}`;
      // Only the full budget judges whether the kernel could walk the loop at all.
      const refused = maxTrips === MAX_TRIPS && walkLoop(fn, loop.header, loop.blocks, MAX_PROGRAM_INSNS, layout) === 'over';
      return { ok: false, reason, refused };
    }
    if (fits < batch) {
      batch = fits;
      clamped = true;
    }
    const copies: Map<BlockId, BlockId>[] = [];
    for (let j = 0; j < batch; j++) {
      const cloneOf = new Map<BlockId, BlockId>();
      for (const id of body) cloneOf.set(id, fn.blocks.length + j * body.length + cloneOf.size);
      copies.push(cloneOf);
    }
    const clones: Block[] = [];
    copies.forEach((cloneOf, j) => {
      // The back edges of copy j enter copy j + 1; those of the last copy enter the remaining loop.
      const next = j + 1 < batch ? copies[j + 1]!.get(loop.header)! : loop.header;
      for (const id of body) {
        const src = fn.blocks[id]!;
        const copy: Block = { id: cloneOf.get(id)!, insts: src.insts.map(cloneIr), term: cloneIr(src.term) };
        copy.term = retarget(copy.term, (t) => (t === loop.header ? next : (cloneOf.get(t) ?? t)));
        clones.push(copy);
        if (kept.has(src)) kept.add(copy); // a copy of a loop kept as a loop stays one
      }
    });
    // Whatever entered the loop from outside now enters the first copy (the blocks that jump or
    // branch to its header, found without the predecessor lists of the whole function).
    for (const b of fn.blocks) {
      const t = b.term;
      const entersHeader = t.op === 'jmp' ? t.target === loop.header : t.op === 'br' && (t.then === loop.header || t.else === loop.header);
      if (!entersHeader || loop.blocks.has(b.id)) continue;
      b.term = retarget(b.term, (x) => (x === loop.header ? copies[0]!.get(loop.header)! : x));
    }
    pushAll(fn.blocks, clones);
    pushAll(allCopies, copies);
    trips += batch;
    for (const c of clones) region.add(c.id);
    regionStart ??= copies[0]!.get(loop.header)!;
    if (entering) constPropRegion(fn, region, regionStart, entering);
    else constProp(fn, layout);
    const live = reachableBlocks(fn);
    if (!live[loop.header]) {
      let n = 0;
      for (const cloneOf of allCopies) if (live[cloneOf.get(loop.header)!]) n++;
      return { ok: true, trips: n, entering };
    }
    // Progress: some copy of this batch folded one of its exits. None did, and one could have
    // (it reached an exit that still branches): the trip count does not depend on constants.
    let folded = false;
    let stuck = false;
    for (const cloneOf of copies) {
      if (!live[cloneOf.get(loop.header)!]) continue;
      const copyExits = exits.map((id) => cloneOf.get(id)!).filter((c) => live[c] === 1);
      if (copyExits.some((c) => fn.blocks[c]!.term.op !== 'br')) folded = true;
      else if (copyExits.length > 0) stuck = true;
    }
    if (stuck && !folded) return { ok: false, reason: undefined };
  }
}

function reportTooLong(fn: IrFunction, loop: Loop, ctx: CompileContext, reason: string): void {
  const t = loopCondition(fn, loop);
  ctx.diags.error('E5011', `this loop runs too long: ${reason}, and as a loop its iterations add up to more than the ${MAX_PROGRAM_INSNS.toLocaleString('en-US')} instructions the kernel's verifier walks (it simulates each one)`, t.span, {
    notes: [{ message: 'do fewer iterations, or move the body into a callback `static long body(__u32 i, void *ctx)` run by bpf_loop(n, body, &ctx, 0) (Linux 5.17), which the verifier checks once' }],
  });
}

/** The loop's condition: the header's branch, or the first branch in the loop. */
function loopCondition(fn: IrFunction, loop: Loop): Terminator {
  const head = fn.blocks[loop.header]!;
  if (head.term.op === 'br') return head.term;
  for (const id of loop.blocks) {
    const t = fn.blocks[id]!.term;
    if (t.op === 'br') return t;
  }
  return head.term;
}

function reportEndless(fn: IrFunction, loop: Loop, ctx: CompileContext): void {
  const head = fn.blocks[loop.header]!;
  const at = head.insts[0]?.span ?? head.term.span;
  ctx.diags.error('E5011', 'this loop never ends: no path leaves it (no condition, break or return does)', at, {
    notes: [{ message: 'the kernel refuses a program that can loop forever: give the loop an exit, such as a bound on a counter (`for (i = 0; i < 64; i++)`)' }],
  });
}

/** A cycle with more than one entry (goto into a loop) is no natural loop: unrolling cannot remove it. */
function reportIrreducible(fn: IrFunction, ctx: CompileContext): void {
  const edge = findIrreducibleEdge(fn);
  if (!edge) return;
  const t = fn.blocks[edge.from]!.term;
  ctx.diags.error('E5011', 'this loop is entered at more than one point (a goto into a loop), so it has no single header', t.span, {
    notes: [{ message: 'write the loop with one entry (a for or while statement), or use bpf_loop()' }],
  });
}
