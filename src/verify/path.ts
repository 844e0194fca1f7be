// The failing path with its states. checkProgram keeps, per path, only the outcome of each
// branch both of whose sides were possible, and a copy of its state every PATH_WINDOW
// instructions; when a program is rejected, replayPath follows those decisions again from the
// last copy far enough back and records what the kernel's log shows: after each instruction
// the registers and stack slots it read or wrote, and the whole state at the start, after a jump
// and where a new C line begins. It runs only for a rejection, so accepted programs pay nothing.
import { formOf } from '../bpf/opcodes.js';
import type { Span } from '../diag/source.js';
import { PATH_WINDOW, stepInsn, type PathDecisions } from './check.js';
import type { Env } from './env.js';
import { useDef } from './liveness.js';
import { Reject } from './reject.js';
import { cloneState, curFrame, frameValues, regText, slotText, usedSlots, type NameOf, type RegValue, type State } from './state.js';

/** The last this many instructions of a failing path are kept (the kernel's log buffer is bounded too). */
export const MAX_PATH_STEPS = PATH_WINDOW;

/** One instruction of the failing path. */
export interface PathStep {
  insn: number;
  /** The instruction in the kernel log's syntax, `(bf) r2 = r0`. */
  text: string;
  /** Its C line (the line-table entry it belongs to). */
  span: Span | undefined;
  /** The call depth the instruction runs at (0: the program's own function). */
  frame: number;
  /** A conditional jump: where the path went, and whether the state decided it (else both sides were explored). */
  branch?: { taken: boolean; decided: boolean; target: number };
  /** The whole state of the current frame before the instruction: at the path's start, after a jump, at a new C line. */
  before?: RegValue[];
  /** The registers and stack slots the instruction read or wrote, as they are after it; absent for the rejected one. */
  after?: RegValue[];
}

export interface FailingPath {
  steps: PathStep[];
  /** Instructions left out at the start of a path longer than MAX_PATH_STEPS. */
  omitted: number;
  /** The replay stopped before the rejected instruction (a defect of ebcc; the steps end early). */
  incomplete: boolean;
}

export interface ReplayOptions {
  names: NameOf;
  text: (insn: number) => string;
  span: (insn: number) => Span | undefined;
}

/**
 * Follows the decisions of a rejected path from its anchor (a copy of its state at most
 * 2 * MAX_PATH_STEPS instructions before the end), recording the last MAX_PATH_STEPS instructions.
 * `env` is a fresh Env for the replay.
 */
export function replayPath(env: Env, path: PathDecisions, opts: ReplayOptions): FailingPath {
  const anchor = path.anchor;
  const st = { value: cloneState(anchor.st) };
  env.idGen = anchor.idGen;
  const steps: PathStep[] = [];
  const omitted = Math.max(0, path.steps - MAX_PATH_STEPS);
  let idx = anchor.idx;
  let decision = anchor.decisions;
  let wholeNext = true;
  let prevLine: string | undefined;
  for (let k = anchor.done; k < path.steps; k++) {
    env.insnIdx = idx;
    const recording = k >= omitted;
    const last = k === path.steps - 1;
    const span = recording ? opts.span(idx) : undefined;
    const line = span ? `${span.file}:${span.start}` : undefined;
    const step: PathStep = { insn: idx, text: recording ? opts.text(idx) : '', span, frame: st.value.frames.length - 1 };
    if (recording && (wholeNext || k === omitted || last || line !== prevLine)) step.before = frameValues(curFrame(st.value), opts.names);
    prevLine = line;
    wholeNext = false;
    if (recording) steps.push(step);
    if (last) break;
    const seen = recording ? snapshot(st.value, opts.names) : undefined;
    const slot = recording ? stackSlotOf(env, st.value, idx) : undefined;
    let next: number;
    try {
      const res = stepInsn(env, st.value, idx);
      const form = formOf(env.insns[idx]!);
      if (res.kind === 'fork') {
        const taken = path.taken[decision++];
        if (taken === undefined) return { steps, omitted, incomplete: true };
        step.branch = { taken, decided: false, target: res.jumpTo };
        if (taken) st.value = res.other;
        next = taken ? res.jumpTo : res.to;
      } else if (res.kind === 'end') {
        return { steps, omitted, incomplete: true };
      } else {
        if (form?.kind === 'jcond') {
          const target = idx + env.insns[idx]!.off + 1;
          step.branch = { taken: res.to === target && target !== idx + 1, decided: true, target };
        }
        next = res.to;
      }
    } catch (e) {
      if (e instanceof Reject) return { steps, omitted, incomplete: true };
      throw e;
    }
    if (seen) step.after = touched(env, st.value, idx, seen, slot, opts.names);
    if (next !== idx + 1 && !(formOf(env.insns[idx]!)?.kind === 'ld_imm64')) wholeNext = true;
    idx = next;
  }
  return { steps, omitted, incomplete: false };
}

interface Snapshot {
  frames: number;
  regs: string[];
  slots: Map<number, string>;
}

function snapshot(st: State, names: NameOf): Snapshot {
  const f = curFrame(st);
  const regs = f.regs.map((r) => (r.type === 'not_init' ? '' : regText(r, names)));
  const slots = new Map<number, string>();
  for (const off of usedSlots(f)) slots.set(off, slotText(f, off, names));
  return { frames: st.frames.length, regs, slots };
}

/** The stack slot (fp offset) a load or store of instruction idx addresses, when it is known. */
function stackSlotOf(env: Env, st: State, idx: number): number | undefined {
  const insn = env.insns[idx]!;
  const kind = formOf(insn)?.kind;
  const base = kind === 'ldx' || kind === 'ldsx' ? insn.src : kind === 'st' || kind === 'stx' ? insn.dst : -1;
  const f = curFrame(st);
  const ptr = base >= 0 ? f.regs[base] : undefined;
  if (ptr?.type !== 'stack' || ptr.frame !== f.frameNo || ptr.s.var.m !== 0n) return undefined;
  return Math.floor((ptr.off + Number(BigInt.asIntN(64, ptr.s.var.v)) + insn.off) / 8) * 8;
}

/** print_insn_state: the registers the instruction named or changed, and the stack slots it changed or addressed. */
function touched(env: Env, st: State, idx: number, before: Snapshot, slot: number | undefined, names: NameOf): RegValue[] {
  const f = curFrame(st);
  // A call or a return: the next instruction shows the whole state of the frame it runs in.
  if (st.frames.length !== before.frames) return [];
  const after = snapshot(st, names);
  const { use, def } = useDef(env.insns, idx);
  let mask = use | def;
  for (let r = 0; r <= 10; r++) if (after.regs[r] !== before.regs[r]) mask |= 1 << r;
  const slots: number[] = [];
  for (const [off, text] of after.slots) if (before.slots.get(off) !== text) slots.push(off);
  if (slot !== undefined && !slots.includes(slot)) slots.push(slot);
  slots.sort((a, b) => b - a);
  return frameValues(f, names, mask, slots);
}
