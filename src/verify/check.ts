// The checker: explores every path of one linked program from its entry, as the kernel's
// do_check does. The fall-through of a branch is followed first, the jump side is pushed; a
// path ends at the program's exit, or where an explored state at the same instruction (whose
// paths were all proven safe) contains the current one. States are never joined. The first
// rejection ends the analysis and is returned with its instruction and path.
import type { Insn } from '../bpf/insn.js';
import { PSEUDO_CALL, PSEUDO_LD_IMM64, formOf, type OpcodeForm } from '../bpf/opcodes.js';
import { isConst, scalarText } from './bounds.js';
import { assertInit, describe } from './assertions.js';
import { checkCfg, subprogStarts } from './cfg.js';
import type { Env } from './env.js';
import { helperCall } from './helpers.js';
import { registerLiveness } from './liveness.js';
import { Reject } from './reject.js';
import {
  cloneState, curFrame, newFrame, regConst, regNotInit, regPtr, regScalar, statesEqual, type State,
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
  /** Instructions of the failing path, oldest first (for the log). */
  path?: number[];
  stats: CheckStats;
}

interface Checkpoint {
  st: State;
  branches: number;
  parent: Checkpoint | undefined;
}

interface Path {
  st: State;
  idx: number;
  parent: Checkpoint | undefined;
  /** The instructions this path went through (bounded), for the failing path's log. */
  trail: number[];
}

const TRAIL_MAX = 4096;

export function checkProgram(env: Env): CheckResult {
  const insns = env.insns;
  const stats: CheckStats = { processedInsns: 0, totalStates: 0, peakStates: 0, maxStatesPerInsn: 0, stackDepths: [] };
  const cfg = checkCfg(insns);
  if (cfg) return { accepted: false, reject: cfg.reject, insn: cfg.insn, stats };
  const starts = subprogStarts(insns);
  const funcOf = new Int32Array(insns.length);
  for (let k = 0; k < starts.length; k++) {
    const hi = k + 1 < starts.length ? starts[k + 1]! : insns.length;
    for (let i = starts[k]!; i < hi; i++) funcOf[i] = k;
  }
  const depthOf = new Array<number>(starts.length).fill(0);
  const calls = new Map<number, Set<number>>();
  const live = registerLiveness(insns);
  const prune = new Uint8Array(insns.length);
  for (let i = 0; i < insns.length; i++) {
    const f = formOf(insns[i]!);
    if (!f) continue;
    if (f.kind === 'jcond') prune[i] = 1;
    if (f.kind === 'ja' || f.kind === 'gotol') {
      const t = i + (f.kind === 'gotol' ? insns[i]!.imm : insns[i]!.off) + 1;
      if (t >= 0 && t < insns.length) prune[t] = 1;
    }
    if (f.kind === 'call' && insns[i]!.src === PSEUDO_CALL.call) prune[i + 1] = 1;
  }

  const explored = new Map<number, Checkpoint[]>();
  const pending: Path[] = [];
  const init = { frames: [newFrame(-1, 0, 0)], refs: [] } as State;
  curFrame(init).regs[1] = regPtr('ctx');
  let cur: Path = { st: init, idx: 0, parent: undefined, trail: [] };
  let jmps = 0, prevJmps = 0, prevInsns = 0;

  const finish = (p: Path): void => {
    let cp = p.parent;
    while (cp) {
      cp.branches--;
      if (cp.branches > 0) break;
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
  const liveAt = (st: State, idx: number) => (frame: number, reg: number): boolean => {
    const at = frame === st.frames.length - 1 ? idx : st.frames[frame + 1]!.callsite + 1;
    return ((live[at] ?? 0) & (1 << reg)) !== 0;
  };

  for (;;) {
    const idx = cur.idx;
    env.insnIdx = idx;
    if (++stats.processedInsns > INSN_LIMIT) {
      return done(false, new Reject('V1017', `BPF program is too large. Processed ${INSN_LIMIT + 1} insn`, {
        proven: `more than ${INSN_LIMIT} instructions were processed over all paths`,
        needed: 'fewer paths: tighter loop bounds, fewer independent branches',
      }), idx);
    }
    if (cur.trail.length < TRAIL_MAX) cur.trail.push(idx);
    if (prune[idx]) {
      const list = explored.get(idx) ?? [];
      let pruned = false;
      let loopState: Checkpoint | undefined;
      for (const cp of list) {
        if (cp.branches > 0) {
          if (!loopState && statesEqual(cp.st, cur.st, liveAt(cur.st, idx)) && statesEqual(cur.st, cp.st, liveAt(cur.st, idx))) loopState = cp;
          continue;
        }
        if (statesEqual(cp.st, cur.st, liveAt(cur.st, idx))) {
          pruned = true;
          break;
        }
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
      if (jmps - prevJmps >= 2 && stats.processedInsns - prevInsns >= 8) {
        const cp: Checkpoint = { st: cloneState(cur.st), branches: 1, parent: cur.parent };
        cur.parent = cp;
        list.push(cp);
        explored.set(idx, list);
        stats.totalStates++;
        stats.peakStates = Math.max(stats.peakStates, stats.totalStates);
        stats.maxStatesPerInsn = Math.max(stats.maxStatesPerInsn, list.length);
        prevJmps = jmps;
        prevInsns = stats.processedInsns;
      }
    }
    const insn = insns[idx]!;
    const form = formOf(insn);
    try {
      if (!form) {
        throw new Reject('V1016', `unknown opcode ${insn.code.toString(16).padStart(2, '0')}`, {
          proven: `opcode 0x${insn.code.toString(16)} with off=${insn.off} imm=${insn.imm}`, needed: 'an instruction of the BPF instruction set',
        });
      }
      const step = execute(env, cur, insn, form, idx);
      if (form.cls === 'jmp' || form.cls === 'jmp32') jmps++;
      const f = curFrame(cur.st);
      const fn = funcOf[f.subprog] ?? 0;
      for (const fr of cur.st.frames) depthOf[funcOf[fr.subprog] ?? 0] = Math.max(depthOf[funcOf[fr.subprog] ?? 0]!, fr.depth);
      if (step.kind === 'next') {
        cur.idx = step.to;
      } else if (step.kind === 'fork') {
        if (cur.parent) cur.parent.branches++;
        pending.push({ st: step.other, idx: step.jumpTo, parent: cur.parent, trail: cur.trail.slice() });
        if (pending.length > JMP_SEQ_LIMIT) {
          return done(false, new Reject('V1017', `The sequence of ${pending.length} jumps is too complex.`, {
            proven: `${pending.length} branches wait to be explored`, needed: `at most ${JMP_SEQ_LIMIT}`,
          }), idx);
        }
        cur.idx = step.to;
      } else if (step.kind === 'call') {
        const callees = calls.get(fn) ?? new Set<number>();
        callees.add(funcOf[step.to] ?? 0);
        calls.set(fn, callees);
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
      const over = stackChain(0, new Set());
      if (over) {
        return {
          accepted: false, insn: starts[over.top] ?? 0, stats,
          reject: new Reject('V1018', `combined stack size of ${over.calls} calls is ${over.total}. Too large`, {
            proven: `the call chain uses ${over.total} bytes of stack (each frame rounded up to 32 bytes)`, needed: 'at most 512 bytes',
          }),
        };
      }
      return { accepted, stats };
    }
    return { accepted, reject, insn, path: cur.trail, stats };
  }

  /** The deepest call chain from function k, when it exceeds 512 bytes. */
  function stackChain(k: number, onPath: Set<number>): { calls: number; total: number; top: number } | undefined {
    const round = (d: number): number => Math.ceil(Math.max(d, 1) / 32) * 32;
    const walk = (f: number, seen: Set<number>): { calls: number; total: number } => {
      let best = { calls: 0, total: 0 };
      for (const c of calls.get(f) ?? []) {
        if (seen.has(c)) continue;
        seen.add(c);
        const r = walk(c, seen);
        seen.delete(c);
        if (r.total > best.total) best = r;
      }
      return { calls: best.calls + 1, total: best.total + round(depthOf[f] ?? 0) };
    };
    const r = walk(k, onPath);
    return r.total > 512 ? { ...r, top: k } : undefined;
  }
}

type Step =
  | { kind: 'next'; to: number }
  | { kind: 'fork'; to: number; jumpTo: number; other: State }
  | { kind: 'call'; to: number }
  | { kind: 'end' };

function execute(env: Env, p: Path, insn: Insn, form: OpcodeForm, idx: number): Step {
  const st = p.st;
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
          regs[insn.dst] = regPtr('map_ptr', { map: insn.imm, origin: idx });
          break;
        case PSEUDO_LD_IMM64.mapValue: case PSEUDO_LD_IMM64.mapIdxValue: {
          const m = env.maps[insn.imm];
          if (!m) throw new Reject('V1099', `fd ${insn.imm} is not pointing to valid bpf_map`, { proven: `map index ${insn.imm}` });
          if (nx.imm < 0 || nx.imm >= m.valueSize) {
            throw new Reject('V1099', `invalid access to map value pointer, value_size=${m.valueSize} off=${nx.imm}`, { proven: `offset ${nx.imm}` });
          }
          regs[insn.dst] = regPtr('map_value', { map: insn.imm, off: nx.imm, origin: idx });
          break;
        }
        case PSEUDO_LD_IMM64.func:
          regs[insn.dst] = regPtr('func', { off: idx + insn.imm + 1 });
          break;
        default:
          regs[insn.dst] = regPtr('btf_id', { origin: idx });
      }
      return { kind: 'next', to: idx + 2 };
    }
    case 'ldx': case 'ldsx':
      if (insn.dst === 10) throw new Reject('V1025', 'frame pointer is read only', { proven: 'a load into R10' });
      memAccess(env, st, { regno: insn.src, off: insn.off, size: sizeBytes(form), access: 'read', dst: insn.dst, signExtend: form.kind === 'ldsx' });
      return { kind: 'next', to: idx + 1 };
    case 'st':
      memAccess(env, st, { regno: insn.dst, off: insn.off, size: sizeBytes(form), access: 'write', imm: insn.imm });
      return { kind: 'next', to: idx + 1 };
    case 'stx':
      memAccess(env, st, { regno: insn.dst, off: insn.off, size: sizeBytes(form), access: 'write', valueReg: insn.src });
      return { kind: 'next', to: idx + 1 };
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
        if (f.spills[a >> 3]) { f.spills[a >> 3] = regScalar(); if (size < 8) coerceToSize(f.spills[a >> 3]!.s, size); }
      }
      return { kind: 'next', to: idx + 1 };
    }
    case 'ld_abs': case 'ld_ind': {
      if (!env.ldAbs) {
        throw new Reject('V1025', 'BPF_LD_[ABS|IND] instructions not allowed for this program type', {
          proven: `an LD_ABS/LD_IND in a program of type ${env.progType}`, needed: 'a socket filter or tc program, or bpf_skb_load_bytes()',
        });
      }
      if (st.refs.length > 0) throw new Reject('V1099', 'BPF_LD_[ABS|IND] cannot be mixed with socket references', {});
      if (regs[6]!.type !== 'ctx') {
        throw new Reject('V1010', 'at the time of BPF_LD_ABS|IND R6 != pointer to skb', { proven: `R6 is ${describe(env, regs[6]!)}`, needed: 'R6 = the context pointer' });
      }
      if (form.kind === 'ld_ind') assertInit(regs[insn.src]!, insn.src);
      for (let i = 1; i <= 5; i++) regs[i] = regNotInit();
      const r = regScalar();
      coerceToSize(r.s, sizeBytes(form));
      regs[0] = r;
      return { kind: 'next', to: idx + 1 };
    }
    case 'ja':
      return { kind: 'next', to: idx + insn.off + 1 };
    case 'gotol':
      return { kind: 'next', to: idx + insn.imm + 1 };
    case 'jcond': {
      const res = condJump(env, st, insn, form, cloneState);
      if (res.taken === 1) return { kind: 'next', to: idx + insn.off + 1 };
      if (res.taken === 0) return { kind: 'next', to: idx + 1 };
      return { kind: 'fork', to: idx + 1, jumpTo: idx + insn.off + 1, other: res.other! };
    }
    case 'call': {
      if (insn.src === PSEUDO_CALL.call) {
        if (st.frames.length >= MAX_CALL_FRAMES) {
          throw new Reject('V1025', `the call stack of ${st.frames.length + 1} frames is too deep !`, {
            proven: `${st.frames.length + 1} nested calls`, needed: `at most ${MAX_CALL_FRAMES}`,
          });
        }
        const target = idx + insn.imm + 1;
        const callee = newFrame(idx, target, st.frames.length);
        for (let i = 1; i <= 5; i++) callee.regs[i] = { ...regs[i]!, s: { ...regs[i]!.s } };
        for (let i = 0; i <= 5; i++) regs[i] = regNotInit();
        st.frames.push(callee);
        return { kind: 'call', to: target };
      }
      if (insn.src === PSEUDO_CALL.kfuncCall) {
        throw new Reject('V1099', `calling kernel function is not supported by ebcc's verifier`, { proven: `a kfunc call (BTF id ${insn.imm})` });
      }
      helperCall(env, st, insn.imm, idx);
      return { kind: 'next', to: idx + 1 };
    }
    case 'exit':
      return exitInsn(env, st);
  }
}

function exitInsn(env: Env, st: State): Step {
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
  if (st.refs.length > 0) {
    const ref = st.refs[0]!;
    throw new Reject('V1013', `Unreleased reference id=${ref.id} alloc_insn=${ref.insn}`, {
      proven: 'an object acquired on this path is still held at the exit',
      needed: 'bpf_sk_release() / bpf_ringbuf_submit() / bpf_ringbuf_discard() on every path',
      notes: [{ insn: ref.insn, message: 'the object is acquired here' }],
    });
  }
  const r0 = curFrame(st).regs[0]!;
  assertInit(r0, 0, 'exit');
  if (env.retRange) {
    const { min, max } = env.retRange;
    if (r0.type !== 'scalar') {
      throw new Reject('V1012', `At program exit the register R0 is not a known value (${describe(env, r0)})`, {
        proven: `R0 is ${describe(env, r0)}`, needed: `a number in [${min}, ${max}]`,
      });
    }
    if (r0.s.smin < BigInt(min) || r0.s.smax > BigInt(max)) {
      const parts: string[] = [];
      if (r0.s.smin > -(1n << 63n)) parts.push(` smin=${r0.s.smin}`);
      if (r0.s.smax < (1n << 63n) - 1n) parts.push(` smax=${r0.s.smax}`);
      const has = parts.length ? parts.join('') : ' unknown scalar value';
      throw new Reject('V1012', `At program exit the register R0 has${has} should have been in [${min}, ${max}]`, {
        proven: `R0 is ${isConst(r0.s) ? r0.s.smin : scalarText(r0.s)} on this path`,
        needed: `a return value in [${min}, ${max}] for a program of type ${env.progType}`,
      });
    }
  }
  return { kind: 'end' };
}

function sizeBytes(form: OpcodeForm): number {
  return { b: 1, h: 2, w: 4, dw: 8 }[form.size ?? 'dw'];
}
