// The checker: explores every path of one linked program from its entry, as the kernel's
// do_check does. The fall-through of a branch is followed first, the jump side is pushed; a
// path ends at the program's exit, or where an explored state at the same instruction (whose
// paths were all proven safe) contains the current one. States are never joined. The first
// rejection ends the analysis and is returned with its instruction and path: the branch
// decisions that led there, which replayPath (path.ts) follows again to record the states.
import { helperByName } from '../bpf/helpers.js';
import type { Insn } from '../bpf/insn.js';
import {
  ALU_OP_CODE, ATOMIC_SIZES, CLASS_CODE, MODE_CODE, MODE_MASK, OP_MASK, PSEUDO_CALL, PSEUDO_LD_IMM64, SIZE_BYTES, SIZE_MASK,
  classOf, formOf, sizeOf, type OpcodeForm,
} from '../bpf/opcodes.js';
import { TRACING_TYPES } from '../bpf/prog-helpers.js';
import { isConst, scalarText } from './bounds.js';
import { assertInit, describe } from './assertions.js';
import { checkCfg, reservedFields, subprogStarts } from './cfg.js';
import type { Decoded, Env } from './env.js';
import { globalCall, globalEntryState } from './global-funcs.js';
import { helperCall } from './helpers.js';
import { rbtreeAdd } from './alloc.js';
import { checkAsyncCallbackThrow, exceptionCallback, kfuncCall, reachableThrow, widenScalars } from './kfuncs.js';
import { kfuncByName } from '../bpf/kfuncs.js';
import { registerLiveness } from './liveness.js';
import { demandedValues, liveStackSlots } from './precision.js';
import { checkCallUnderLock, checkNoLockAt } from './locks.js';
import { Reject } from './reject.js';
import {
  ITER_ACTIVE, cloneState, curFrame, loopKey, typeText, maybeLooping, newFrame, regConst, regNotInit, regPtr, regScalar, statesEqual, writableSpills, type CompareMasks, type Reg, type State,
} from './state.js';
import { aluInsn, condJump, memAccess } from './transfer.js';
import { coerceToSize } from './bounds.js';

export const INSN_LIMIT = 1_000_000;
export const JMP_SEQ_LIMIT = 8192;
const MAX_CALL_FRAMES = 8;

export interface CheckStats {
  processedInsns: number;
  totalStates: number;
  peakStates: number;
  maxStatesPerInsn: number;
  /** Stack depth of each function, entry first (bytes). */
  stackDepths: number[];
}

export interface CheckResult {
  accepted: boolean;
  reject?: Reject;
  /** Instruction of the rejection. */
  insn?: number;
  /** The failing path, to be replayed with replayPath when its states are wanted. */
  path?: PathDecisions;
  stats: CheckStats;
}

/** A path from the entry: the outcome of each branch both of whose sides were possible, oldest first. */
export interface PathDecisions {
  /** true: the jump was taken; false: the path fell through. */
  taken: boolean[];
  /** Instructions processed on the path, the last one (where it was rejected) included. */
  steps: number;
  /** A copy of the state at least PATH_WINDOW instructions before the end (or at the entry): the replay starts there. */
  anchor: PathAnchor;
}

/** The last this many instructions of a failing path are replayed and shown. */
export const PATH_WINDOW = 4096;

/** A path's state before its instruction number `done` + 1 (at `idx`), kept every PATH_WINDOW instructions. */
export interface PathAnchor {
  st: State;
  idx: number;
  /** Instructions of the path before this point. */
  done: number;
  /** Branch decisions of the path before this point. */
  decisions: number;
  /** The id counter then: ids made after it are fresh. */
  idGen: number;
  /** The anchor before this one (only one is kept). */
  prev: PathAnchor | undefined;
}

interface Checkpoint {
  st: State;
  /** The instruction the state was stored at. */
  idx: number;
  branches: number;
  parent: Checkpoint | undefined;
  /** loopKey of the state, for the infinite-loop test. */
  key: number;
  /** Times a later state here was pruned by this one, and times it was not (is_state_visited's hit_cnt, miss_cnt). */
  hits: number;
  misses: number;
}

/**
 * A stored state that missed more than this many times per hit, plus this many, is dropped
 * (is_state_visited's heuristic, n = 3): it is unlikely to prune anything, and comparing every
 * state at a loop head with each of the thousands stored there, one per iteration, would take
 * the time of the iterations squared.
 */
const MISS_FACTOR = 3;

interface Path {
  st: State;
  idx: number;
  parent: Checkpoint | undefined;
  /** The branch decisions of this path, newest first, for replaying a failing path. */
  trail: Trail | undefined;
  /** Instructions processed on this path since the entry. */
  steps: number;
  anchor: PathAnchor | undefined;
}

/** A persistent list: paths forked from one another share their history. */
interface Trail {
  taken: boolean;
  prev: Trail | undefined;
  /** Decisions up to and including this one. */
  count: number;
}

function trailList(t: Trail | undefined): boolean[] {
  const out: boolean[] = [];
  for (let x = t; x; x = x.prev) out.push(x.taken);
  return out.reverse();
}

/** The state at a program's entry: R1 is the context, R10 the frame pointer. */
export function entryState(): State {
  const st: State = { frames: [newFrame(-1, 0, 0)], refs: [], rcuLocks: 0, preemptOff: 0 };
  curFrame(st).regs[1] = regPtr('ctx');
  return st;
}

export function checkProgram(env: Env): CheckResult {
  const insns = env.insns;
  const insnLimit = env.insnLimit ?? INSN_LIMIT;
  const stats: CheckStats = { processedInsns: 0, totalStates: 0, peakStates: 0, maxStatesPerInsn: 0, stackDepths: [] };
  const cfg = checkCfg(insns);
  if (cfg) return { accepted: false, reject: cfg.reject, insn: cfg.insn, stats };
  const exceptionCb = exceptionCallback(env);
  if (exceptionCb) return { accepted: false, reject: exceptionCb, insn: 0, stats };
  const starts = subprogStarts(insns);
  const funcOf = new Int32Array(insns.length);
  for (let k = 0; k < starts.length; k++) {
    const hi = k + 1 < starts.length ? starts[k + 1]! : insns.length;
    for (let i = starts[k]!; i < hi; i++) funcOf[i] = k;
  }
  // check_btf_func: a subprogram that holds LD_ABS/LD_IND or a tail call must return an integer.
  for (let i = 0; i < insns.length; i++) {
    const start = starts[funcOf[i]!]!;
    if (funcOf[i] === 0 || !env.nonScalarReturn.has(start)) continue;
    const x = insns[i]!;
    const kind = formOf(x)?.kind;
    const what = kind === 'ld_abs' || kind === 'ld_ind' ? 'LD_ABS' : kind === 'call' && x.src === 0 && x.imm === 12 ? 'tail_call' : undefined;
    if (!what) continue;
    const holds = `the subprogram at instruction ${start} holds ${what === 'LD_ABS' ? 'an LD_ABS/LD_IND' : 'a tail call'}`;
    // check_abnormal_return without func_info; check_btf_func with it.
    const reject = env.funcInfo
      ? new Reject('V1025', `${what} is only allowed in functions that return 'int'.`, {
        proven: `${holds}, and its BTF prototype does not return an integer`, needed: 'the subprogram declared to return int',
      })
      : new Reject('V1025', `${what} is not allowed in subprogs without BTF`, {
        proven: `${holds}, and the program is loaded without BTF func_info`, needed: 'a load with the object\'s BTF, or the code in the entry function',
      });
    return { accepted: false, reject, insn: i, stats };
  }
  const depthOf = new Array<number>(starts.length).fill(0);
  // The static call graph: the functions each function calls.
  const calls = new Map<number, Set<number>>();
  for (let i = 0; i < insns.length; i++) {
    const x = insns[i]!;
    if (formOf(x)?.kind === 'call' && x.src === PSEUDO_CALL.call) {
      const from = funcOf[i]!;
      const set = calls.get(from) ?? new Set<number>();
      set.add(funcOf[i + x.imm + 1] ?? 0);
      calls.set(from, set);
    }
  }
  const live = registerLiveness(insns);
  const demand = demandedValues(insns, env.maps, env.retRange !== undefined);
  const liveSlots = liveStackSlots(insns, env.maps);
  const prune = new Uint8Array(insns.length);
  // Jump instructions (the checkpoint heuristic counts them): decoded once here, not per processed instruction.
  const isJump = new Uint8Array(insns.length);
  for (let i = 0; i < insns.length; i++) {
    const f = formOf(insns[i]!);
    if (!f) continue;
    if (f.cls === 'jmp' || f.cls === 'jmp32') isJump[i] = 1;
    if (f.kind === 'jcond') {
      // Both the jump and its target are prune points (visit_insn, push_insn of a BRANCH edge).
      prune[i] = 1;
      const t = i + insns[i]!.off + 1;
      if (t >= 0 && t < insns.length) prune[t] ||= 1;
    }
    // A may_goto is a checkpoint every time (mark_force_checkpoint).
    if (f.kind === 'may_goto') prune[i] = 2;
    if (f.kind === 'ja' || f.kind === 'gotol') {
      const t = i + (f.kind === 'gotol' ? insns[i]!.imm : insns[i]!.off) + 1;
      if (t >= 0 && t < insns.length) prune[t] ||= 1;
    }
    // After every call (visit_func_call_insn); a call of a function is one itself.
    if (f.kind === 'call' && i + 1 < insns.length) prune[i + 1] ||= 1;
    if (f.kind === 'call' && insns[i]!.src === PSEUDO_CALL.call) prune[i] ||= 1;
  }
  // An iterator's next call is where its loop converges: a state is always stored there
  // (mark_force_checkpoint), and it may prune against an earlier visit still being explored.
  const iterNext = new Uint8Array(insns.length);
  for (const [i, name] of env.kfuncs) {
    if (kfuncByName(name)?.flags.includes('iter_next')) iterNext[i] = prune[i] = 1;
  }
  // So is the call of a helper that calls a callback (calls_callback): the callback returns to it.
  for (let i = 0; i < insns.length; i++) {
    const x = insns[i]!;
    if (formOf(x)?.kind === 'call' && x.src === 0 && SYNC_CALLBACK_HELPERS.includes(x.imm)) iterNext[i] = prune[i] = 1;
  }
  env.prevVisit = (idx, st) => {
    let seen = 0;
    for (let cp = cur.parent; cp; cp = cp.parent) {
      if (cp.idx !== idx || cp.st.frames.length !== st.frames.length) continue;
      if (!cp.st.frames.every((fr, k) => fr.callsite === st.frames[k]!.callsite)) continue;
      // The first is this visit's own state (stored before the call); the one before is the previous visit.
      if (++seen === 2) return cp.st;
    }
    return undefined;
  };

  const explored = new Map<number, Checkpoint[]>();
  const byKey = new Map<number, Map<number, Checkpoint[]>>();
  /** How many states of byKey each instruction has (its states in flight): a key is only worth making where there are some. */
  const keyed = new Uint32Array(insns.length);
  const pending: Path[] = [];
  const first = env.globalSubprog;
  let cur: Path = { st: first ? globalEntryState(env, first) : entryState(), idx: first ? first.start : 0, parent: undefined, trail: undefined, steps: 0, anchor: undefined };
  let jmps = 0, prevJmps = 0, prevInsns = 0;
  /** States stored and not dropped (the kernel's peak_states is their most). */
  let liveStates = 0;

  const finish = (p: Path): void => {
    let cp = p.parent;
    while (cp) {
      cp.branches--;
      if (cp.branches > 0) break;
      // A finished state is no longer a loop candidate: only states in flight are looked up by key.
      const same = byKey.get(cp.idx)?.get(cp.key);
      const at = same ? same.indexOf(cp) : -1;
      if (at >= 0) {
        same!.splice(at, 1);
        keyed[cp.idx]--;
      }
      cp = cp.parent;
    }
  };
  const next = (): boolean => {
    finish(cur);
    const p = pending.pop();
    if (!p) return false;
    cur = p;
    return true;
  };
  // What statesEqual compares at instruction idx. A frame below the current one goes on at its
  // call (a callback returns to it) or after it; its stack slots may be read by the callee
  // through a pointer, so they stay exact. A state of one frame has the masks of its
  // instruction, made once per instruction.
  const oneFrameMasks: (CompareMasks | undefined)[][] = [new Array(insns.length), new Array(insns.length)];
  const masksAt = (st: State, idx: number, withPrecision: boolean): CompareMasks => {
    if (st.frames.length !== 1) return frameMasks(st, idx, withPrecision);
    const cache = oneFrameMasks[withPrecision ? 1 : 0]!;
    return (cache[idx] ??= frameMasks(st, idx, withPrecision));
  };
  const frameMasks = (st: State, idx: number, withPrecision: boolean): CompareMasks => {
    const n = st.frames.length;
    const liveM: number[] = [], preciseM: number[] = [];
    for (let f = 0; f < n; f++) {
      if (f === n - 1) {
        liveM.push(live[idx] ?? 0);
        preciseM.push(demand.regs[idx] ?? 0xffff);
      } else {
        const site = st.frames[f + 1]!.callsite;
        liveM.push(live[site + 1] ?? 0);
        preciseM.push((demand.regs[site] ?? 0xffff) | (demand.regs[site + 1] ?? 0xffff));
      }
    }
    if (!withPrecision) return { live: liveM };
    return {
      live: liveM, precise: preciseM, slotsLo: demand.slotsLo[idx] ?? 0xffffffff, slotsHi: demand.slotsHi[idx] ?? 0xffffffff,
      liveLo: liveSlots.lo[idx] ?? 0xffffffff, liveHi: liveSlots.hi[idx] ?? 0xffffffff,
    };
  };

  for (;;) {
    const idx = cur.idx;
    env.insnIdx = idx;
    if (cur.steps % PATH_WINDOW === 0) {
      const prev = cur.anchor && { ...cur.anchor, prev: undefined };
      cur.anchor = { st: cloneState(cur.st), idx, done: cur.steps, decisions: cur.trail?.count ?? 0, idGen: env.idGen, prev };
    }
    cur.steps++;
    if ((++stats.processedInsns & 1023) === 0) env.heartbeat?.();
    if (stats.processedInsns > insnLimit) {
      return done(false, new Reject('V1017', `BPF program is too large. Processed ${insnLimit + 1} insn`, {
        proven: `more than ${insnLimit} instructions were processed over all paths`,
        needed: 'fewer paths: tighter loop bounds, fewer independent branches',
      }), idx);
    }
    if (prune[idx]) {
      const list = explored.get(idx) ?? [];
      let pruned = false;
      let loopState: Checkpoint | undefined;
      let inFlight = false;
      // The registers of the current frame live here: what loopKey and maybeLooping look at.
      const liveHere = live[idx] ?? 0;
      const exact = masksAt(cur.st, idx, false);
      const imprecise = masksAt(cur.st, idx, true);
      const key = keyed[idx]! > 0 ? loopKey(cur.st, liveHere) : undefined;
      const depth = cur.st.mayGotoDepth ?? 0;
      // Indexed loops on this path: a for-of steps an iterator object, made and read at every visit.
      const sameKey = iterNext[idx] || key === undefined ? undefined : byKey.get(idx)?.get(key);
      for (let i = 0; sameKey !== undefined && i < sameKey.length; i++) {
        const cp = sameKey[i]!;
        if (cp.branches > 0 && (cp.st.mayGotoDepth ?? 0) === depth && maybeLooping(cp.st, cur.st, liveHere) &&
          statesEqual(cp.st, cur.st, exact) && statesEqual(cur.st, cp.st, exact) && !iterDepthsDiffer(cp.st, cur.st)) {
          loopState = cp;
          break;
        }
      }
      let hit: Checkpoint | undefined;
      for (let i = 0; i < list.length; i++) {
        const cp = list[i]!;
        if (cp.branches > 0 && !iterNext[idx]) {
          inFlight = true;
          // At a may_goto an unfinished state of another depth that contains this one ends the
          // path: more iterations would find nothing new (is_state_visited).
          if (prune[idx] === 2 && (cp.st.mayGotoDepth ?? 0) !== depth && statesEqual(cp.st, cur.st, exact)) {
            hit = cp;
            break;
          }
          continue;
        }
        if (statesEqual(cp.st, cur.st, imprecise)) {
          hit = cp;
          break;
        }
      }
      if (hit) {
        hit.hits++;
        pruned = true;
      }
      if (loopState) {
        return done(false, new Reject('V1024', `infinite loop detected at insn ${idx}`, {
          proven: 'the loop head is reached again in the same state: nothing the loop condition reads changes',
          needed: 'a loop whose condition changes on every iteration and is bounded',
        }), idx);
      }
      if (pruned) {
        if (!next()) return done(true);
        continue;
      }
      // Inside a loop (an explored state here is still in flight) add states less often.
      const addState = prune[idx] === 2 || iterNext[idx] === 1 || (inFlight
        ? jmps - prevJmps >= 20 || stats.processedInsns - prevInsns >= 100
        : jmps - prevJmps >= 2 && stats.processedInsns - prevInsns >= 8);
      // The kernel counts a miss for every state it compared before the hit, or all of them, but
      // only when it is about to add a state, so that the iterations of a loop do not evict the
      // states of its first iterations; a state that misses too often is dropped.
      if (addState) {
        let kept = 0;
        for (let i = 0; i < list.length; i++) {
          const cp = list[i]!;
          if (++cp.misses > cp.hits * MISS_FACTOR + MISS_FACTOR) {
            const same = byKey.get(idx)?.get(cp.key);
            const at = same ? same.indexOf(cp) : -1;
            if (at >= 0) {
              same!.splice(at, 1);
              keyed[idx]--;
            }
            liveStates--;
          } else list[kept++] = cp;
        }
        list.length = kept;
      }
      if (addState) {
        const cp: Checkpoint = { st: cloneState(cur.st), idx, branches: 1, parent: cur.parent, key: key ?? loopKey(cur.st, liveHere), hits: 0, misses: 0 };
        cur.parent = cp;
        list.push(cp);
        explored.set(idx, list);
        const keys = byKey.get(idx) ?? new Map<number, Checkpoint[]>();
        const same = keys.get(cp.key);
        if (same) same.push(cp);
        else keys.set(cp.key, [cp]);
        byKey.set(idx, keys);
        keyed[idx]++;
        stats.totalStates++;
        liveStates++;
        stats.peakStates = Math.max(stats.peakStates, liveStates);
        stats.maxStatesPerInsn = Math.max(stats.maxStatesPerInsn, list.length);
        prevJmps = jmps;
        prevInsns = stats.processedInsns;
      }
    }
    try {
      const step = stepInsn(env, cur.st, idx);
      jmps += isJump[idx]!;
      for (let i = 0; i < cur.st.frames.length; i++) {
        const fr = cur.st.frames[i]!;
        depthOf[funcOf[fr.subprog] ?? 0] = Math.max(depthOf[funcOf[fr.subprog] ?? 0]!, fr.depth);
      }
      if (step.kind === 'next') {
        cur.idx = step.to;
      } else if (step.kind === 'fork') {
        if (cur.parent) cur.parent.branches++;
        const count = (cur.trail?.count ?? 0) + 1;
        pending.push({ st: step.other, idx: step.jumpTo, parent: cur.parent, trail: { taken: true, prev: cur.trail, count }, steps: cur.steps, anchor: cur.anchor });
        cur.trail = { taken: false, prev: cur.trail, count };
        if (pending.length > JMP_SEQ_LIMIT) {
          return done(false, new Reject('V1017', `The sequence of ${pending.length} jumps is too complex.`, {
            proven: `${pending.length} branches wait to be explored`, needed: `at most ${JMP_SEQ_LIMIT}`,
          }), idx);
        }
        cur.idx = step.to;
      } else if (step.kind === 'call') {
        cur.idx = step.to;
      } else {
        if (!next()) return done(true);
      }
    } catch (e) {
      if (e instanceof Reject) return done(false, e, idx);
      throw e;
    }
  }

  function done(accepted: boolean, reject?: Reject, insn?: number): CheckResult {
    stats.stackDepths = depthOf.map((d) => d);
    if (accepted) {
      const over = stackChain(first ? funcOf[first.start]! : 0, new Set());
      if (over?.tooDeep !== undefined) {
        return {
          accepted: false, insn: starts[over.top] ?? 0, stats,
          reject: new Reject('V1025', `the call stack of ${over.tooDeep} frames is too deep !`, {
            proven: `a chain of calls ${over.tooDeep} functions deep (recursion counts without end)`, needed: `at most ${MAX_CALL_FRAMES} frames`,
          }),
        };
      }
      if (over) {
        return {
          accepted: false, insn: starts[over.top] ?? 0, stats,
          reject: new Reject('V1018', `combined stack size of ${over.calls} calls is ${over.total}. Too large`, {
            proven: `the call chain uses ${over.total} bytes of stack (each frame rounded up to 16 bytes)`, needed: 'at most 512 bytes',
          }),
        };
      }
      // An async callback (bpf_timer_set_callback's) is a root of its own, with its own 512 bytes.
      // ebcc does not explore it, so its functions' depths are read from their frame-pointer accesses.
      for (const start of env.asyncCallbacks ?? []) {
        const root = funcOf[start] ?? 0;
        for (let f = 0; f < starts.length; f++) if (depthOf[f] === 0) depthOf[f] = staticStackDepth(insns, starts[f]!, starts[f + 1] ?? insns.length);
        const asyncOver = stackChain(root, new Set());
        if (asyncOver && asyncOver.tooDeep === undefined) {
          return {
            accepted: false, insn: start, stats,
            reject: new Reject('V1018', `combined stack size of ${asyncOver.calls} calls is ${asyncOver.total}. Too large`, {
              proven: `the callback at instruction ${start}, which the kernel runs on its own (an async callback), and the functions it calls use ${asyncOver.total} bytes of stack`,
              needed: 'at most 512 bytes from the callback down',
            }),
          };
        }
      }
      return { accepted, stats };
    }
    const last = cur.anchor!;
    const anchor = last.done <= cur.steps - PATH_WINDOW || !last.prev ? last : last.prev;
    return { accepted, reject, insn, path: { taken: trailList(cur.trail), steps: cur.steps, anchor }, stats };
  }

  /** check_max_stack_depth: walks the static call graph from the entry (at most 8 frames, 512 bytes). */
  function stackChain(k: number, _onPath: Set<number>): { calls: number; total: number; top: number; tooDeep?: number } | undefined {
    // With the JIT (always on here) each frame is rounded up to 16 bytes.
    const round = (d: number): number => Math.ceil(d / 16) * 16;
    let found: { calls: number; total: number; top: number; tooDeep?: number } | undefined;
    const walk = (f: number, frame: number, total: number): void => {
      if (found) return;
      const here = total + round(depthOf[f] ?? 0);
      if (here > 512) {
        found = { calls: frame + 1, total: here, top: f };
        return;
      }
      for (const c of calls.get(f) ?? []) {
        if (frame + 1 >= MAX_CALL_FRAMES) {
          found = { calls: frame + 1, total: here, top: c, tooDeep: frame + 1 };
          return;
        }
        walk(c, frame + 1, here);
      }
    };
    walk(k, 0, 0);
    return found;
  }
}

/**
 * The stack a function uses, read from its code: the deepest byte below the frame pointer that an
 * access through r10, or through a register set to r10 plus a constant, reaches. For functions the
 * analysis does not explore (async callbacks).
 */
function staticStackDepth(insns: readonly Insn[], from: number, to: number): number {
  let deepest = 0;
  const fpOff = new Map<number, number>(); // register -> its offset from r10, along straight-line code
  for (let i = from; i < to; i++) {
    const x = insns[i]!;
    const f = formOf(x);
    if (!f) continue;
    if (f.kind === 'ldx' || f.kind === 'ldsx' || f.kind === 'st' || f.kind === 'stx' || f.kind === 'atomic') {
      const base = f.kind === 'ldx' || f.kind === 'ldsx' ? x.src : x.dst;
      const off = base === 10 ? 0 : fpOff.get(base);
      if (off !== undefined) deepest = Math.max(deepest, -(off + x.off));
    }
    if (f.cls === 'alu64' && (x.code & 0xf0) === 0xb0 && (x.code & 0x08) !== 0 && x.src === 10) fpOff.set(x.dst, 0);
    else if (f.cls === 'alu64' && (x.code & 0xf0) === 0x00 && (x.code & 0x08) === 0 && fpOff.has(x.dst)) {
      const off = fpOff.get(x.dst)! + x.imm;
      fpOff.set(x.dst, off);
      deepest = Math.max(deepest, -off);
    } else if (f.kind !== 'jcond' && f.kind !== 'ja' && f.kind !== 'st' && f.kind !== 'stx') fpOff.delete(x.dst);
    if (f.kind === 'call') for (let r = 0; r <= 5; r++) fpOff.delete(r);
  }
  return deepest;
}

/** iter_active_depths_differ: an iterator one iteration deeper is progress, not an infinite loop. */
function iterDepthsDiffer(old: State, cur: State): boolean {
  for (let f = 0; f < old.frames.length && f < cur.frames.length; f++) {
    const a = old.frames[f]!.spills, b = cur.frames[f]!.spills;
    for (let k = 0; k < a.length; k++) {
      if (a[k]?.type === 'iter' && a[k]!.range === ITER_ACTIVE && b[k]?.type === 'iter' && a[k]!.memSize !== b[k]!.memSize) return true;
    }
  }
  return false;
}

export type Step =
  | { kind: 'next'; to: number }
  | { kind: 'fork'; to: number; jumpTo: number; other: State }
  | { kind: 'call'; to: number }
  | { kind: 'end' };

/** Checks instruction `idx` in state `st` and applies it; a rejection is thrown as a Reject. */
export function stepInsn(env: Env, st: State, idx: number): Step {
  const insn = env.insns[idx]!;
  const decoded = (env.decoded ??= new Array<Decoded | undefined>(env.insns.length))[idx] ??= { form: formOf(insn) ?? null, reserved: reservedFields(insn) ?? null };
  const form = decoded.form ?? undefined;
  const reserved = decoded.reserved;
  if (reserved) throw new Reject('V1016', reserved, { proven: `unused fields of the instruction are not zero`, needed: 'zero in every field the instruction does not use' });
  if (insn.dst > 10 || insn.src > 10) {
    const r = insn.dst > 10 ? insn.dst : insn.src;
    if (insn.dst > 10 || (form && form.source === 'x') || form?.kind === 'ldx' || form?.kind === 'stx' || form?.kind === 'atomic') {
      throw new Reject('V1016', `R${r} is invalid`, { proven: `register number ${r}`, needed: 'registers r0..r10' });
    }
  }
  if (!form && isLoadAcqStoreRel(insn)) {
    acqRel(env, st, insn);
    return { kind: 'next', to: idx + 1 };
  }
  if (!form) {
    const malformed = malformedMessage(insn);
    if (malformed) throw new Reject('V1016', malformed, { proven: `opcode 0x${insn.code.toString(16)} with off=${insn.off} imm=${insn.imm}`, needed: 'an instruction of the BPF instruction set' });
    throw new Reject('V1016', `unknown opcode ${insn.code.toString(16).padStart(2, '0')}`, {
      proven: `opcode 0x${insn.code.toString(16)} with off=${insn.off} imm=${insn.imm}`, needed: 'an instruction of the BPF instruction set',
    });
  }
  return execute(env, st, insn, form, idx);
}

function execute(env: Env, st: State, insn: Insn, form: OpcodeForm, idx: number): Step {
  const regs = curFrame(st).regs;
  switch (form.kind) {
    case 'alu': case 'neg': case 'endian': case 'bswap':
      aluInsn(env, st, insn, form);
      return { kind: 'next', to: idx + 1 };
    case 'ld_imm64': {
      const nx = env.insns[idx + 1]!;
      if (insn.dst === 10) throw new Reject('V1025', 'frame pointer is read only', { proven: 'an ld_imm64 into R10' });
      switch (insn.src) {
        case 0:
          regs[insn.dst] = regConst((BigInt(nx.imm >>> 0) << 32n) | BigInt(insn.imm >>> 0));
          break;
        case PSEUDO_LD_IMM64.mapFd: case PSEUDO_LD_IMM64.mapIdx:
          if (!env.maps[insn.imm]) throw new Reject('V1099', `fd ${insn.imm} is not pointing to valid bpf_map`, { proven: `map index ${insn.imm}` });
          checkMapProgCompat(env, insn.imm);
          regs[insn.dst] = regPtr('map_ptr', { map: insn.imm, origin: idx });
          break;
        case PSEUDO_LD_IMM64.mapValue: case PSEUDO_LD_IMM64.mapIdxValue: {
          const m = env.maps[insn.imm];
          if (!m) throw new Reject('V1099', `fd ${insn.imm} is not pointing to valid bpf_map`, { proven: `map index ${insn.imm}` });
          checkMapProgCompat(env, insn.imm);
          if (nx.imm < 0 || nx.imm >= m.valueSize) {
            throw new Reject('V1099', `invalid access to map value pointer, value_size=${m.valueSize} off=${nx.imm}`, { proven: `offset ${nx.imm}` });
          }
          regs[insn.dst] = regPtr('map_value', { map: insn.imm, off: nx.imm, origin: idx });
          break;
        }
        case PSEUDO_LD_IMM64.func:
          if (!env.funcInfo) {
            throw new Reject('V1099', 'missing btf func_info', {
              proven: 'the program loads a function pointer (a callback) and is loaded without BTF func_info',
              needed: 'a load with the object\'s BTF: the kernel checks callbacks against their func_info',
            });
          }
          regs[insn.dst] = regPtr('func', { off: idx + insn.imm + 1 });
          break;
        default: {
          const kf = env.kfuncAddrs.get(idx);
          if (kf === undefined) {
            regs[insn.dst] = regPtr('btf_id', { origin: idx });
          } else if (kf.is === 'exists') {
            // check_pseudo_btf_id on a FUNC: read-only memory of size 0, never NULL.
            regs[insn.dst] = regPtr('mem', { rdonly: true, memSize: 0, origin: idx });
          } else if (kf.is === 'missing') {
            regs[insn.dst] = regConst(0n);
          } else if (kf.is === 'refused') {
            throw new Reject('V1034', `pseudo btf_id 0 in ldimm64 isn't KIND_VAR or KIND_FUNC (libbpf: extern '${kf.name}' (strong): not resolved)`, {
              proven: `the kernel has no function ${kf.name}, and the extern is not weak: libbpf refuses the object`, needed: 'a __weak extern, or a kfunc this kernel has',
            });
          } else {
            throw new Reject('V1030', `the address of kernel function ${kf.name} is not known to ebcc's verifier`, {
              proven: `${kf.name} is not among the kernel functions ebcc knows, and no kernel BTF was given to look it up`,
              needed: 'ebcc cannot tell whether bpf_ksym_exists() is true here; it refuses the program rather than guess',
            });
          }
        }
      }
      return { kind: 'next', to: idx + 2 };
    }
    case 'ldx': case 'ldsx': {
      if (insn.dst === 10) throw new Reject('V1025', 'frame pointer is read only', { proven: 'a load into R10' });
      const base = regs[insn.src]!;
      memAccess(env, st, { regno: insn.src, off: insn.off, size: sizeBytes(form), access: 'read', dst: insn.dst, signExtend: form.kind === 'ldsx' });
      samePointerType(env, idx, base);
      return { kind: 'next', to: idx + 1 };
    }
    case 'st': case 'stx': {
      const base = regs[insn.dst]!;
      memAccess(env, st, form.kind === 'st'
        ? { regno: insn.dst, off: insn.off, size: sizeBytes(form), access: 'write', imm: insn.imm }
        : { regno: insn.dst, off: insn.off, size: sizeBytes(form), access: 'write', valueReg: insn.src });
      samePointerType(env, idx, base);
      return { kind: 'next', to: idx + 1 };
    }
    case 'atomic': {
      assertInit(regs[insn.src]!, insn.src);
      assertInit(regs[insn.dst]!, insn.dst);
      const base = regs[insn.dst]!;
      if (['ctx', 'pkt', 'pkt_meta', 'flow_keys', 'sock', 'sock_common', 'tcp_sock'].includes(base.type)) {
        throw new Reject('V1099', `BPF_ATOMIC stores into R${insn.dst} ${base.type === 'pkt' ? 'pkt' : base.type} is not allowed`, {
          proven: `R${insn.dst} is ${describe(env, base)}`, needed: 'atomic operations on the stack or a map value',
        });
      }
      const size = sizeBytes(form);
      checkAtomicAlign(env, insn.dst, base, insn.off, size);
      const cmpxchg = form.atomicOp === 'cmpxchg';
      if (cmpxchg) assertInit(regs[0]!, 0);
      const loadReg = form.fetch ? (cmpxchg ? 0 : insn.src) : undefined;
      const saved = regs[insn.src]!;
      memAccess(env, st, { regno: insn.dst, off: insn.off, size, access: 'read', dst: loadReg });
      const after = curFrame(st).regs;
      const valueNow = loadReg === insn.src ? after[insn.src]! : saved;
      after[insn.src] = saved;
      memAccess(env, st, { regno: insn.dst, off: insn.off, size, access: 'write', valueReg: insn.src });
      if (loadReg === insn.src) after[insn.src] = valueNow;
      // The stored value is the result of the operation, not the register: the slot holds a number.
      if (regs[insn.dst]!.type === 'stack') {
        const r = regs[insn.dst]!;
        const f = st.frames[r.frame]!;
        const a = r.off + insn.off + Number(r.s.var.v) + 512;
        if (f.spills[a >> 3]) { const w = regScalar(); if (size < 8) coerceToSize(w.s, size); writableSpills(f)[a >> 3] = w; }
      }
      return { kind: 'next', to: idx + 1 };
    }
    case 'ld_abs': case 'ld_ind': {
      if (!env.ldAbs) {
        throw new Reject('V1025', 'BPF_LD_[ABS|IND] instructions not allowed for this program type', {
          proven: `an LD_ABS/LD_IND in a program of type ${env.progType}`, needed: 'a socket filter or tc program, or bpf_skb_load_bytes()',
        });
      }
      assertInit(regs[6]!, 6);
      if (st.refs.length > 0) throw new Reject('V1099', 'BPF_LD_[ABS|IND] cannot be mixed with socket references', {});
      checkNoLockAt(st, 'BPF_LD_[ABS|IND]');
      if (regs[6]!.type !== 'ctx') {
        throw new Reject('V1010', 'at the time of BPF_LD_ABS|IND R6 != pointer to skb', { proven: `R6 is ${describe(env, regs[6]!)}`, needed: 'R6 = the context pointer' });
      }
      if (form.kind === 'ld_ind') assertInit(regs[insn.src]!, insn.src);
      for (let i = 1; i <= 5; i++) regs[i] = regNotInit();
      const r = regScalar();
      coerceToSize(r.s, sizeBytes(form));
      regs[0] = r;
      if (st.frames.length > 1) {
        // In a called function a failed load returns 0 from it at once (the hidden exit of
        // bpf_gen_ld_abs): that return is followed first, the rest of the function waits.
        const other = cloneState(st);
        regs[0] = regConst(0n);
        const back = exitInsn(env, st);
        if (back.kind === 'next') return { kind: 'fork', to: back.to, jumpTo: idx + 1, other };
      }
      return { kind: 'next', to: idx + 1 };
    }
    case 'ja':
      return { kind: 'next', to: idx + insn.off + 1 };
    case 'gotol':
      return { kind: 'next', to: idx + insn.imm + 1 };
    case 'may_goto': {
      // The jump (the counter ran out) is followed first; the fall-through waits, one level deeper.
      const other = cloneState(st);
      other.mayGotoDepth = (st.mayGotoDepth ?? 0) + 1;
      return { kind: 'fork', to: idx + insn.off + 1, jumpTo: idx + 1, other };
    }
    case 'jcond': {
      const res = condJump(env, st, insn, form, cloneState);
      if (res.taken === 1) return { kind: 'next', to: idx + insn.off + 1 };
      if (res.taken === 0) return { kind: 'next', to: idx + 1 };
      return { kind: 'fork', to: idx + 1, jumpTo: idx + insn.off + 1, other: res.other! };
    }
    case 'call': {
      checkCallUnderLock(st, insn);
      if (insn.src === PSEUDO_CALL.call) {
        if (st.frames.length >= MAX_CALL_FRAMES) {
          throw new Reject('V1025', `the call stack of ${st.frames.length + 1} frames is too deep`, {
            proven: `${st.frames.length + 1} nested calls`, needed: `at most ${MAX_CALL_FRAMES}`,
          });
        }
        const target = idx + insn.imm + 1;
        const global = env.globalFuncs.get(target);
        if (global) {
          globalCall(env, st, global);
          // A global function that can reach bpf_throw may end the program in the call: what
          // the caller holds must be released as at a throw.
          if (reachableThrow(env, target)) checkHeldAtEnd(st, 'bpf_throw');
          env.globalCalled.add(target);
          return { kind: 'next', to: idx + 1 };
        }
        const callee = newFrame(idx, target, st.frames.length);
        for (let i = 1; i <= 5; i++) callee.regs[i] = { ...regs[i]!, s: { ...regs[i]!.s } };
        for (let i = 0; i <= 5; i++) regs[i] = regNotInit();
        st.frames.push(callee);
        return { kind: 'call', to: target };
      }
      if (insn.src === PSEUDO_CALL.kfuncCall) {
        const args1 = curFrame(st).regs[1]!;
        if (env.kfuncs.get(idx) === 'bpf_rbtree_add_impl') return rbtreeAddCall(env, st, idx);
        const other = kfuncCall(env, st, idx);
        if (env.kfuncs.get(idx) === 'bpf_throw') {
          curFrame(st).regs[1] = args1;
          return throwExit(env, st);
        }
        return other ? { kind: 'fork', to: idx + 1, jumpTo: idx + 1, other } : { kind: 'next', to: idx + 1 };
      }
      if (insn.imm === 12 && (st.rcuLocks > 0 || st.preemptOff > 0)) {
        const what = st.rcuLocks > 0 ? 'bpf_rcu_read_lock' : 'bpf_preempt_disable';
        throw new Reject('V1028', `tail_call cannot be used inside ${what}-ed region`, {
          proven: `a tail call while ${what}() is in effect`, needed: 'the region closed before bpf_tail_call()',
        });
      }
      if (insn.imm === 12 && st.refs.length > 0) {
        const ref = st.refs[0]!;
        throw new Reject('V1013', `Unreleased reference id=${ref.id} alloc_insn=${ref.insn}`, {
          proven: 'a tail call while an acquired object is still held', needed: 'release the object before bpf_tail_call()',
          notes: [{ insn: ref.insn, message: 'the object is acquired here' }],
        });
      }
      // What is read below of the arguments as they were before the call: a callback's start,
      // and, for a helper that calls one, copies of R0..R5.
      const calling = SYNC_CALLBACK_HELPERS.includes(insn.imm) && regs[callbackArg(insn.imm)]!.type === 'func';
      const timerCallback = insn.imm === TIMER_SET_CALLBACK && regs[2]!.type === 'func' ? regs[2]!.off : undefined;
      const args = calling ? regs.slice(0, 6).map((r) => ({ ...r, s: { ...r.s } })) : [];
      const pre = calling ? cloneState(st) : undefined;
      helperCall(env, st, insn.imm, idx);
      if (timerCallback !== undefined) {
        checkAsyncCallbackThrow(env, timerCallback);
        (env.asyncCallbacks ??= new Set()).add(timerCallback);
      }
      if (pre) {
        // The callback runs an unknown number of times: this path goes on as if it ran no more
        // times, and another runs it once more and comes back to this call (push_callback_call).
        // bpf_loop stops after as many runs as R1 may ask for.
        const depth = curFrame(st).callbackDepth ?? 0;
        const bounded = insn.imm === BPF_LOOP;
        if (bounded && BigInt(depth) >= args[1]!.s.umax) {
          curFrame(st).callbackDepth = 0;
          return { kind: 'next', to: idx + 1 };
        }
        // Without precision tracking ebcc cannot ignore the scalars the callback counts with, as the
        // kernel does when it compares states here: it widens those that changed since the last
        // run, unless bpf_loop's count is small enough to run every iteration.
        if (!bounded || args[1]!.s.umax > BigInt(CALLBACK_UNROLL)) {
          const prev = env.prevVisit?.(idx, pre);
          if (prev) widenScalars(pre, prev);
        }
        const cb = callbackFrame(env, pre, insn.imm, args, idx)!;
        return { kind: 'fork', to: idx + 1, jumpTo: cb, other: pre };
      }
      return { kind: 'next', to: idx + 1 };
    }
    case 'exit':
      return exitInsn(env, st);
  }
}

function exitInsn(env: Env, st: State): Step {
  if (st.frames.length > 1 && curFrame(st).callback) {
    const r0 = curFrame(st).regs[0]!;
    assertInit(r0, 0);
    if (r0.type !== 'scalar') {
      throw new Reject('V1012', `At callback return the register R0 is not a known value (${typeText(r0)})`, { proven: `R0 is ${describe(env, r0)}`, needed: 'a callback returns 0 (continue) or 1 (stop)' });
    }
    if (r0.s.smin < 0n || r0.s.smax > 1n) {
      const parts: string[] = [];
      if (r0.s.smin > -(1n << 63n)) parts.push(` smin=${r0.s.smin}`);
      if (r0.s.smax < (1n << 63n) - 1n) parts.push(` smax=${r0.s.smax}`);
      throw new Reject('V1012', `At callback return the register R0 has${parts.length ? parts.join('') : ' unknown scalar value'} should have been in [0, 1]`, {
        proven: `R0 is ${isConst(r0.s) ? r0.s.smin : scalarText(r0.s)} when the callback returns`, needed: 'a callback returns 0 (continue) or 1 (stop)',
      });
    }
    const callee = st.frames.pop()!;
    const site = env.insns[callee.callsite]!;
    // The helper's own result (set by the call) stays in the caller's R0 (rbtree's less()).
    if (site.src !== 0 || !SYNC_CALLBACK_HELPERS.includes(site.imm)) return { kind: 'next', to: callee.callsite + 1 };
    // Back to the call, with the caller's registers as they were there: it runs the callback again
    // or goes on (prepare_func_exit of a callback).
    const caller = curFrame(st);
    caller.callbackDepth = (caller.callbackDepth ?? 0) + 1;
    return { kind: 'next', to: callee.callsite };
  }
  if (st.frames.length > 1) {
    const callee = st.frames.pop()!;
    const r0 = callee.regs[0]!;
    if (r0.type === 'stack' && r0.frame === callee.frameNo) {
      throw new Reject('V1099', 'cannot return stack pointer to the caller', { proven: 'the function returns a pointer into its own stack' });
    }
    const caller = curFrame(st);
    caller.regs[0] = r0;
    return { kind: 'next', to: callee.callsite + 1 };
  }
  checkNoLockAt(st, 'BPF_EXIT instruction in main prog');
  checkHeldAtEnd(st, 'BPF_EXIT instruction in main prog');
  const r0 = curFrame(st).regs[0]!;
  assertInit(r0, 0, 'exit');
  if (env.globalSubprog) {
    if (r0.type !== 'scalar') {
      throw new Reject('V1031', `At subprogram exit the register R0 is not a scalar value (${typeText(r0)})`, {
        proven: `R0 is ${describe(env, r0)}`, needed: `a number: ${env.globalSubprog.name}() is global and returns an integer to any caller`,
      });
    }
    return { kind: 'end' };
  }
  checkReturnRange(env, r0, 0);
  return { kind: 'end' };
}

/**
 * check_resource_leak at the end of a path (an exit of the program, or bpf_throw anywhere):
 * no acquired reference may be held, nor bpf_rcu_read_lock() or bpf_preempt_disable() in effect.
 */
function checkHeldAtEnd(st: State, what: string): void {
  if (st.refs.length > 0) {
    const ref = st.refs[0]!;
    throw new Reject('V1013', `Unreleased reference id=${ref.id} alloc_insn=${ref.insn}`, {
      proven: what === 'bpf_throw' ? 'an object acquired on this path is still held where bpf_throw() ends it'
        : 'an object acquired on this path is still held at the exit',
      needed: 'its release on every path: bpf_sk_release(), bpf_ringbuf_submit()/bpf_ringbuf_discard(), or the kfunc that releases it (bpf_task_release(), an iterator\'s destroy, ...)',
      notes: [{ insn: ref.insn, message: 'the object is acquired here' }],
    });
  }
  if (st.rcuLocks > 0 || st.preemptOff > 0) {
    const region = st.rcuLocks > 0 ? 'bpf_rcu_read_lock' : 'bpf_preempt_disable';
    throw new Reject('V1028', `${what} cannot be used inside ${region}-ed region`, {
      proven: `${region}() is still in effect ${what === 'bpf_throw' ? 'where bpf_throw() ends the path' : 'at the program\'s exit on this path'}`,
      needed: st.rcuLocks > 0 ? 'bpf_rcu_read_unlock() on every path' : 'bpf_preempt_enable() on every path',
    });
  }
}

/** check_return_code: the program's return value (R0 at exit, R1 given to bpf_throw) in the program type's range. */
function checkReturnRange(env: Env, r: Reg, regno: number): void {
  if (!env.retRange) return;
  const { min, max } = env.retRange;
  if (r.type !== 'scalar') {
    throw new Reject('V1012', `At program exit the register R${regno} is not a known value (${typeText(r)})`, {
      proven: `R${regno} is ${describe(env, r)}`, needed: `a number in [${min}, ${max}]`,
    });
  }
  if (r.s.smin < BigInt(min) || r.s.smax > BigInt(max)) {
    const parts: string[] = [];
    if (r.s.smin > -(1n << 63n)) parts.push(` smin=${r.s.smin}`);
    if (r.s.smax < (1n << 63n) - 1n) parts.push(` smax=${r.s.smax}`);
    const has = parts.length ? parts.join('') : ' unknown scalar value';
    throw new Reject('V1012', `At program exit the register R${regno} has${has} should have been in [${min}, ${max}]`, {
      proven: `R${regno} is ${isConst(r.s) ? r.s.smin : scalarText(r.s)} on this path${regno === 1 ? ' (the cookie given to bpf_throw(), the program\'s return value)' : ''}`,
      needed: `a return value in [${min}, ${max}] for a program of type ${env.progType}`,
    });
  }
}

/**
 * bpf_throw(cookie), after the call was checked as a kfunc (kfuncs.ts): the path ends there
 * (process_bpf_exit_full with exception_exit), in whichever frame it is. Nothing may be held;
 * in the program's own frame the cookie becomes its return value, so it must be in the
 * program type's range (with no exception callback; kfuncs.ts refuses objects that have one).
 */
function throwExit(env: Env, st: State): Step {
  checkHeldAtEnd(st, 'bpf_throw');
  if (st.frames.length === 1) checkReturnRange(env, curFrame(st).regs[1]!, 1);
  return { kind: 'end' };
}

/** Pointer types whose loads and stores the kernel rewrites per type (reg_type_mismatch_ok is false for them). */
const REWRITTEN_ACCESS = new Set(['ctx', 'sock', 'sock_common', 'tcp_sock', 'ptr_']);

/**
 * save_aux_ptr_type: one load or store instruction may not be used with a context or socket
 * pointer on one path and another pointer type on another: the kernel rewrites the instruction
 * for the type it saw.
 */
function samePointerType(env: Env, idx: number, base: import('./state.js').Reg): void {
  const type = base.type === 'scalar' ? 'ptr_' : typeText(base);
  env.ptrTypes ??= new Map();
  const prev = env.ptrTypes.get(idx);
  if (prev === undefined) {
    env.ptrTypes.set(idx, type);
    return;
  }
  if (prev !== type && (REWRITTEN_ACCESS.has(prev) || REWRITTEN_ACCESS.has(type))) {
    throw new Reject('V1099', 'same insn cannot be used with different pointers', {
      proven: `this instruction accesses memory through ${prev === 'ptr_' ? 'a kernel object' : prev} on one path and through ${type === 'ptr_' ? 'a kernel object' : type} on this one`,
      needed: 'one pointer type per load or store: separate the accesses (for example, copy the context field first)',
    });
  }
}

function sizeBytes(form: OpcodeForm): number {
  return { b: 1, h: 2, w: 4, dw: 8 }[form.size ?? 'dw'];
}

/** Atomic operations need naturally aligned memory, whatever the region. */
function checkAtomicAlign(env: Env, regno: number, r: import('./state.js').Reg, off: number, size: number): void {
  const v = r.s.var;
  const mask = BigInt(size - 1);
  const total = BigInt(r.off + off);
  if ((v.m & mask) === 0n && ((v.v + total) & mask) === 0n) return;
  const desc: Record<string, string> = { map_value: 'value ', stack: 'stack ', pkt: 'packet ', mem: '', ctx: 'context ' };
  const tn = v.m === 0n ? `${BigInt.asIntN(64, v.v)}` : `(0x${v.v.toString(16)}; 0x${v.m.toString(16)})`;
  throw new Reject('V1011', `misaligned ${desc[r.type] ?? ''}access off ${tn}+${r.off}+${off} size ${size}`, {
    proven: `the address is not a multiple of ${size}`, needed: `an atomic ${size}-byte access aligned to ${size} bytes`,
  });
}

const LOAD_ACQ = 0x100;
const STORE_REL = 0x110;

/** load-acquire and store-release (Linux 6.15): the atomic class with imm 0x100 / 0x110. */
function isLoadAcqStoreRel(insn: Insn): boolean {
  return (insn.code & ~SIZE_MASK) === (CLASS_CODE.stx | MODE_CODE.atomic) && (insn.imm === LOAD_ACQ || insn.imm === STORE_REL);
}

function acqRel(env: Env, st: State, insn: Insn): void {
  const size = SIZE_BYTES[sizeOf(insn.code)];
  if (insn.imm === LOAD_ACQ) {
    memAccess(env, st, { regno: insn.src, off: insn.off, size, access: 'read', dst: insn.dst });
  } else {
    memAccess(env, st, { regno: insn.dst, off: insn.off, size, access: 'write', valueReg: insn.src });
  }
}

/** The kernel's messages for known classes with fields no form allows. */
function malformedMessage(insn: Insn): string | undefined {
  const cls = classOf(insn.code);
  const mode = insn.code & MODE_MASK;
  if (cls === 'stx' && mode === MODE_CODE.atomic) {
    if (!ATOMIC_SIZES.includes(sizeOf(insn.code))) return 'invalid atomic operand size';
    return `BPF_ATOMIC uses invalid atomic opcode ${(insn.imm & 0xff).toString(16).padStart(2, '0')}`;
  }
  if (cls === 'alu' || cls === 'alu64') {
    const op = insn.code & OP_MASK;
    if (op === ALU_OP_CODE.end) return 'BPF_END uses reserved fields';
    if (op === ALU_OP_CODE.mov) return 'BPF_MOV uses reserved fields';
    if (op === ALU_OP_CODE.neg) return 'BPF_NEG uses reserved fields';
    return 'BPF_ALU uses reserved fields';
  }
  return undefined;
}

const BPF_LOOP = helperByName('bpf_loop')!.id;
const TIMER_SET_CALLBACK = helperByName('bpf_timer_set_callback')!.id;
const FOR_EACH_MAP_ELEM = helperByName('bpf_for_each_map_elem')!.id;
const FIND_VMA = helperByName('bpf_find_vma')!.id;
/**
 * Helpers that call a callback before they return (is_sync_callback_calling_function). The
 * kernel explores each as a loop: at the callback's exit the path goes back to the call, which
 * may run the callback again, until the states converge (bpf_find_vma's too, though it calls
 * it at most once). bpf_user_ringbuf_drain's callback takes a dynptr, which ebcc refuses.
 */
const SYNC_CALLBACK_HELPERS: readonly number[] = [BPF_LOOP, FOR_EACH_MAP_ELEM, FIND_VMA];
/** The argument register that holds the callback. */
const callbackArg = (helper: number): number => (helper === FIND_VMA ? 3 : 2);
/** bpf_loop counts up to this are run iteration by iteration, without widening. */
const CALLBACK_UNROLL = 64;

/**
 * bpf_rbtree_add_impl: checked as a kfunc call (kfuncs.ts checks the program may call it, the
 * lock rule), applied (alloc.ts), then its less() callback is called with two non-owning node
 * pointers; R0 at the callback's exit must be 0 or 1, as for bpf_loop's callbacks.
 */
function rbtreeAddCall(env: Env, st: State, idx: number): Step {
  kfuncCall(env, st, idx);
  const { start, args } = rbtreeAdd(env, st);
  if (st.frames.length >= MAX_CALL_FRAMES) {
    throw new Reject('V1025', `the call stack of ${st.frames.length + 1} frames is too deep`, { proven: `${st.frames.length + 1} nested calls`, needed: `at most ${MAX_CALL_FRAMES}` });
  }
  const callee = newFrame(idx, start, st.frames.length);
  callee.callback = true;
  callee.regs[1] = args[0];
  callee.regs[2] = args[1];
  st.frames.push(callee);
  return { kind: 'call', to: start };
}

/**
 * bpf_loop(), bpf_for_each_map_elem() and bpf_find_vma() call back into the program: the callback is verified as
 * a frame called from the helper call, with the arguments the kernel gives it (set_loop_callback_state,
 * set_map_elem_callback_state, set_find_vma_callback_state). Returns the callback's first instruction.
 */
function callbackFrame(env: Env, st: State, helper: number, args: import('./state.js').Reg[], idx: number): number | undefined {
  if (!SYNC_CALLBACK_HELPERS.includes(helper)) return undefined;
  const fn = args[callbackArg(helper)]!;
  if (fn.type !== 'func') return undefined;
  if (st.frames.length >= MAX_CALL_FRAMES) {
    throw new Reject('V1025', `the call stack of ${st.frames.length + 1} frames is too deep`, { proven: `${st.frames.length + 1} nested calls`, needed: `at most ${MAX_CALL_FRAMES}` });
  }
  const target = fn.off;
  const callee = newFrame(idx, target, st.frames.length);
  callee.callback = true;
  if (helper === BPF_LOOP) {
    callee.regs[1] = regScalar();
    callee.regs[2] = args[3]!;
  } else if (helper === FIND_VMA) {
    // set_find_vma_callback_state: the task, the vm_area_struct found (trusted, never NULL),
    // then the context the program gave.
    callee.regs[1] = args[1]!;
    callee.regs[2] = regPtr('btf_id', { btf: 'vm_area_struct', trusted: true, origin: idx });
    callee.regs[3] = args[4]!;
  } else {
    const mapReg = args[1]!;
    const m = env.maps[mapReg.map];
    callee.regs[1] = mapReg;
    callee.regs[2] = regPtr('map_key', { map: mapReg.map, memSize: m?.keySize ?? 0 });
    callee.regs[3] = regPtr('map_value', { map: mapReg.map });
    callee.regs[4] = args[3]!;
  }
  st.frames.push(callee);
  return target;
}

/**
 * check_map_prog_compatibility: a map whose value holds a bpf_spin_lock is refused to socket
 * filters and the tracing program types, one that holds a bpf_timer to the tracing types.
 */
function checkMapProgCompat(env: Env, map: number): void {
  const m = env.maps[map]!;
  if (m.spinLockOff !== undefined && (env.progType === 'socket_filter' || TRACING_TYPES.includes(env.progType))) {
    const who = env.progType === 'socket_filter' ? 'socket filter' : 'tracing';
    throw new Reject('V1027', `${who} progs cannot use bpf_spin_lock yet`, {
      proven: `map ${m.name} holds a struct bpf_spin_lock and the program is of type ${env.progType}`,
      needed: 'a program type that may take locks (tc, xdp, cgroup_skb, fentry/fexit and the like), or a map without a lock',
    });
  }
  if (m.hasTimer && TRACING_TYPES.includes(env.progType)) {
    throw new Reject('V1099', 'tracing progs cannot use bpf_timer yet', {
      proven: `map ${m.name} holds a struct bpf_timer and the program is of type ${env.progType}`,
      needed: 'a program type that may use timers (tc, xdp, fentry/fexit and the like), or a map without a timer',
    });
  }
}
