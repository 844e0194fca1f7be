// Which scalar values a check may still depend on, per instruction: a static stand-in for the
// kernel's precision marks (mark_chain_precision). A scalar register or spilled stack slot that no
// later check can read, directly or through the values computed from it, is compared as "any
// scalar" when a state is pruned (regsafe of an imprecise scalar), so states that differ only in
// such values (a hash key being assembled, a counter that is only stored) meet at the next
// prune point instead of doubling the paths at every branch.
//
// The analysis is a backward data-flow over the linked program, with a forward pass first that
// tells which registers hold a known offset from the frame pointer of their own function. It
// must over-approximate: a value is "demanded" when any path from the instruction may feed it
// into one of
//   - the base of a load, store or atomic operation (the access check reads its offset),
//   - a conditional jump (which branches are possible),
//   - a helper, kfunc or function argument, R0 at an exit (of a function or callback, or of a
//     program whose type has a checked return range),
//   - pointer arithmetic (add or sub of a register),
//   - the key of an array map lookup (a constant key in range makes the result non-NULL),
// through moves, arithmetic, spills and fills. Stack slots of a caller are always compared
// exactly: a callee may read them through a pointer.
import type { Insn } from '../bpf/insn.js';
import { helperById } from '../bpf/helpers.js';
import { PSEUDO_CALL, PSEUDO_LD_IMM64, REGS_ARGS, REGS_CALLER_SAVED, SIZE_BYTES, formOf, sizeOf } from '../bpf/opcodes.js';
import { subprogStarts } from './cfg.js';
import type { MapInfo } from './env.js';
import { successors } from './liveness.js';

const CALLER_SAVED = REGS_CALLER_SAVED.reduce((m, r) => m | (1 << r), 0);
const ARGS = REGS_ARGS.reduce((m, r) => m | (1 << r), 0);

/**
 * What a register may point to, as far as the stack of its own function goes, and whether it is
 * surely a number (a 64-bit add of two numbers is no pointer arithmetic) or may be the context
 * (whose 4-byte fields load pointers to the packet).
 */
const BOT = 0; // not reached yet
const NOWN = 1; // not into the function's own stack (a number, or another pointer; not the context)
const TOP = 2; // anything, its own stack included
const FP = 3; // the frame pointer plus `off`
const MAP = 4; // a map loaded with ld_imm64 (`off` is its index); not a stack pointer
const NUM = 5; // a number
const CTX = 6; // not into the function's own stack; may be the context

interface Val { tag: number; off: number }
const V_BOT: Val = { tag: BOT, off: 0 };
const V_NOWN: Val = { tag: NOWN, off: 0 };
const V_TOP: Val = { tag: TOP, off: 0 };
const V_NUM: Val = { tag: NUM, off: 0 };
const V_CTX: Val = { tag: CTX, off: 0 };

function join(a: Val, b: Val): Val {
  if (a.tag === BOT) return b;
  if (b.tag === BOT) return a;
  if (a.tag === b.tag && a.off === b.off) return a;
  const stackA = a.tag === FP || a.tag === TOP, stackB = b.tag === FP || b.tag === TOP;
  if (stackA || stackB) return V_TOP;
  return a.tag === CTX || b.tag === CTX ? V_CTX : V_NOWN;
}

/** Whether a load through `base` may read the context, whose 4-byte fields may be pointers. */
const mayBeContext = (base: Val): boolean => base.tag === CTX || base.tag === TOP || base.tag === BOT;

export interface Demand {
  /** Registers (bit r) whose scalar value a later check may read, per instruction (before it). */
  regs: Uint16Array;
  /** Stack slots of the function's own frame (bit k: the 8 bytes at fp - 8 * (k + 1)), two words per instruction. */
  slotsLo: Uint32Array;
  slotsHi: Uint32Array;
}

/** Values the forward pass tracks: the 11 registers, then the 64 stack slots of the own frame (fp-8 first). */
const WIDTH = 11 + 64;

/**
 * Forward: per instruction, what each register may point to before it. The pass follows what is
 * spilled to each slot of the own frame, so that a fill gives back the pointer stored there. A
 * function, kfunc or callback given a pointer into the frame may store anything there: then the
 * slots are not followed, and a load from the frame may give any pointer into it.
 */
function pointsTo(insns: readonly Insn[], succ: readonly number[][]): Val[][] {
  const first = pointsToPass(insns, succ, false);
  return callMayWriteFrame(insns, first) ? pointsToPass(insns, succ, true) : first;
}

function callMayWriteFrame(insns: readonly Insn[], vals: readonly Val[][]): boolean {
  const stackish = (v: Val): boolean => v.tag === FP || v.tag === TOP || v.tag === BOT;
  for (let i = 0; i < insns.length; i++) {
    const insn = insns[i]!;
    const f = formOf(insn);
    if (f?.kind !== 'call') continue;
    const h = insn.src === 0 ? helperById(insn.imm) : undefined;
    if (h && !h.args.includes('ptr_to_func')) continue;
    for (let r = 1; r <= 5; r++) if (stackish(vals[i]![r]!)) return true;
  }
  return false;
}

function pointsToPass(insns: readonly Insn[], succ: readonly number[][], loadsMayGiveStack: boolean): Val[][] {
  const n = insns.length;
  const at: (Val[] | undefined)[] = new Array(n).fill(undefined);
  const work: number[] = [];
  for (const s of subprogStarts(insns)) {
    if (s < 0 || s >= n) continue;
    // The program's R1 is its context; a function's arguments may be its caller's.
    const regs: Val[] = [];
    for (let r = 0; r < WIDTH; r++) regs.push(r === 10 ? { tag: FP, off: 0 } : (r === 1 || (s > 0 && r >= 1 && r <= 5)) ? V_CTX : V_NOWN);
    at[s] = regs;
    work.push(s);
  }
  const queued = new Uint8Array(n);
  for (const s of work) queued[s] = 1;
  while (work.length > 0) {
    const i = work.pop()!;
    queued[i] = 0;
    const out = transferFwd(insns, i, at[i]!, loadsMayGiveStack);
    for (const s of succ[i]!) {
      if (s < 0 || s >= n) continue;
      const old = at[s];
      let changed = false;
      let merged: Val[];
      if (!old) {
        merged = out.slice();
        changed = true;
      } else {
        merged = old;
        for (let r = 0; r < WIDTH; r++) {
          const j = join(old[r]!, out[r]!);
          if (j !== old[r] && (j.tag !== old[r]!.tag || j.off !== old[r]!.off)) {
            if (merged === old) merged = old.slice();
            merged[r] = j;
            changed = true;
          }
        }
      }
      if (changed) {
        at[s] = merged;
        if (!queued[s]) {
          queued[s] = 1;
          work.push(s);
        }
      }
    }
  }
  return at.map((a) => a ?? new Array<Val>(WIDTH).fill(V_BOT));
}

function transferFwd(insns: readonly Insn[], i: number, regs: readonly Val[], loadsMayGiveStack: boolean): Val[] {
  const insn = insns[i]!;
  const f = formOf(insn);
  const out = regs.slice();
  if (!f) return out;
  switch (f.kind) {
    case 'alu': {
      const src = f.source === 'x' ? regs[insn.src]! : V_NUM;
      const dst = regs[insn.dst]!;
      const addSub = f.aluOp === 'add' || f.aluOp === 'sub';
      if (f.cls === 'alu') out[insn.dst] = V_NUM; // 32-bit: a number
      else if (f.aluOp === 'mov') out[insn.dst] = f.source === 'x' && !insn.off ? src : V_NUM;
      else if (dst.tag === FP && f.source !== 'x' && addSub) {
        out[insn.dst] = { tag: FP, off: dst.off + (f.aluOp === 'add' ? insn.imm : -insn.imm) };
      } else if (dst.tag === FP || dst.tag === TOP || src.tag === FP || src.tag === TOP) out[insn.dst] = V_TOP;
      // Only an add or sub may keep a pointer (the kernel refuses other arithmetic on one).
      else if (!addSub || (dst.tag === NUM && src.tag === NUM)) out[insn.dst] = V_NUM;
      else out[insn.dst] = dst.tag === CTX || src.tag === CTX ? V_CTX : V_NOWN;
      break;
    }
    case 'neg': case 'endian': case 'bswap':
      out[insn.dst] = V_NUM;
      break;
    case 'ld_imm64':
      out[insn.dst] = insn.src === PSEUDO_LD_IMM64.mapFd || insn.src === PSEUDO_LD_IMM64.mapIdx ? { tag: MAP, off: insn.imm } : insn.src === 0 ? V_NUM : V_NOWN;
      break;
    case 'ldx': case 'ldsx': {
      // A fill from the own stack may restore a spilled stack pointer; nothing else holds one
      // (one stored into a map reads back as a number; one may not be stored into a caller's frame).
      const base = regs[insn.src]!;
      const size = SIZE_BYTES[sizeOf(insn.code)];
      const v = loadsMayGiveStack ? (base.tag === FP || base.tag === TOP ? V_TOP : V_NOWN) : slotsRead(regs, base, insn.off, size);
      // Fewer than 8 bytes are a number, but for a context field of 4 (xdp_md's data).
      const number = v.tag !== FP && v.tag !== TOP && (size < 4 || (size === 4 && !mayBeContext(base)));
      out[insn.dst] = number ? V_NUM : v;
      break;
    }
    case 'st': case 'stx': {
      if (loadsMayGiveStack) break;
      const src = f.kind === 'stx' ? regs[insn.src]! : V_NUM;
      slotsWritten(out, regs[insn.dst]!, insn.off, SIZE_BYTES[sizeOf(insn.code)], src);
      break;
    }
    case 'atomic': {
      const base = regs[insn.dst]!;
      const size = SIZE_BYTES[sizeOf(insn.code)];
      const old = loadsMayGiveStack ? (base.tag === FP || base.tag === TOP ? V_TOP : V_NOWN) : slotsRead(regs, base, insn.off, size);
      if (!loadsMayGiveStack) {
        // The slot keeps its value or takes the operand's (weakly: either may stay).
        const k = slotIndex(base, insn.off, size);
        if (k >= 0) out[11 + k] = join(regs[11 + k]!, join(regs[insn.src]!, V_NOWN));
        else slotsWritten(out, base, insn.off, size, join(regs[insn.src]!, V_NOWN));
      }
      if (f.fetch) out[f.atomicOp === 'cmpxchg' ? 0 : insn.src] = old;
      break;
    }
    case 'ld_abs': case 'ld_ind':
      for (const r of REGS_CALLER_SAVED) out[r] = V_NOWN;
      out[0] = V_NUM;
      break;
    case 'call': {
      for (const r of REGS_CALLER_SAVED) out[r] = V_NOWN;
      const h = insn.src === 0 ? helperById(insn.imm) : undefined;
      // A function may return a pointer into its caller's stack; a kfunc or a generic helper, a buffer on it.
      if (!h || h.ret === 'ptr_or_null') out[0] = V_TOP;
      else if (h.ret === 'integer') out[0] = V_NUM;
      break;
    }
    default:
      break;
  }
  return out;
}

/** The slot (0: fp-8) that an access of `size` bytes at base + off fills exactly, or -1. */
function slotIndex(base: Val, off: number, size: number): number {
  if (base.tag !== FP || size !== 8) return -1;
  const a = base.off + off;
  return a < 0 && a >= -512 && (a & 7) === 0 ? (-a >> 3) - 1 : -1;
}

/** What a load of `size` bytes at base + off may give, as far as pointers into the frame go. */
function slotsRead(regs: readonly Val[], base: Val, off: number, size: number): Val {
  if (base.tag === FP) {
    const k = slotIndex(base, off, size);
    if (k >= 0) return regs[11 + k]!;
    // Part of a slot: a spilled pointer reads back as a number; join the slots anyway.
    let v = V_NOWN;
    const a = base.off + off;
    for (let x = a; x < a + size; x++) if (x >= -512 && x < 0) v = join(v, regs[11 + ((-x - 1) >> 3)]!);
    return v;
  }
  if (base.tag === TOP || base.tag === BOT) {
    let v = V_NOWN;
    for (let k = 0; k < 64; k++) v = join(v, regs[11 + k]!);
    return v;
  }
  return V_NOWN;
}

/** A store of `val` (`size` bytes at base + off) into `out`: exact slots are replaced, others may take it. */
function slotsWritten(out: Val[], base: Val, off: number, size: number, val: Val): void {
  if (base.tag === FP) {
    const k = slotIndex(base, off, size);
    if (k >= 0) {
      out[11 + k] = val;
      return;
    }
    const a = base.off + off;
    for (let x = a; x < a + size; x++) if (x >= -512 && x < 0) out[11 + ((-x - 1) >> 3)] = join(out[11 + ((-x - 1) >> 3)]!, val);
  } else if (base.tag === TOP || base.tag === BOT) {
    for (let k = 0; k < 64; k++) out[11 + k] = join(out[11 + k]!, val);
  }
}

/** The stack slots (bit masks lo, hi) that the bytes [off, off + size) of the frame cover. */
function slotsOf(off: number, size: number): [number, number] {
  let lo = 0, hi = 0;
  for (let a = off; a < off + size; a++) {
    if (a < -512 || a >= 0) continue;
    const k = (-a - 1) >> 3; // fp-1..fp-8: 0
    if (k < 32) lo |= 1 << k;
    else hi |= 1 << (k - 32);
  }
  return [lo >>> 0, hi >>> 0];
}

/** The demanded registers and stack slots at every instruction (see the file's comment). */
/**
 * `returnChecked`: the program type's return value is checked against a range (check_return_code
 * marks R0 precise at the program's exits only then; a function's or callback's R0 is always
 * demanded, its caller or the callback's checks read it).
 */
export function demandedValues(insns: readonly Insn[], maps: readonly MapInfo[], returnChecked = true): Demand {
  const n = insns.length;
  const succ = insns.map((_, i) => successors(insns, i));
  const vals = pointsTo(insns, succ);
  // The entry function runs from 0 to the first function after it.
  const entryEnd = subprogStarts(insns).reduce((m, s) => (s > 0 && s < m ? s : m), n);
  const regs = new Uint16Array(n);
  const slotsLo = new Uint32Array(n);
  const slotsHi = new Uint32Array(n);
  const ALL = 0xffffffff;
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = n - 1; i >= 0; i--) {
      let r = 0, lo = 0, hi = 0;
      for (const s of succ[i]!) {
        if (s < 0 || s >= n) continue;
        r |= regs[s]!;
        lo |= slotsLo[s]!;
        hi |= slotsHi[s]!;
      }
      [r, lo, hi] = transferBack(insns, i, vals[i]!, maps, r, lo >>> 0, hi >>> 0, ALL, i < entryEnd, returnChecked);
      r &= 0x7ff;
      if (r !== regs[i] || lo >>> 0 !== slotsLo[i] || hi >>> 0 !== slotsHi[i]) {
        regs[i] = r;
        slotsLo[i] = lo >>> 0;
        slotsHi[i] = hi >>> 0;
        changed = true;
      }
    }
  }
  return { regs, slotsLo, slotsHi };
}

/**
 * The slot sets (lo, hi) with the slots that a read of `size` bytes at base+off may touch added:
 * its own slots when base points into the frame, every slot (ALL) when base is unknown.
 */
function addSlotsRead(base: Val, off: number, size: number, lo: number, hi: number, ALL: number): [number, number] {
  if (base.tag === FP) {
    const [l, h] = slotsOf(base.off + off, size);
    return [lo | l, hi | h];
  }
  if (base.tag === TOP || base.tag === BOT) return [ALL, ALL];
  return [lo, hi];
}

function transferBack(insns: readonly Insn[], i: number, vals: readonly Val[], maps: readonly MapInfo[],
  r: number, lo: number, hi: number, ALL: number, inEntry: boolean, returnChecked: boolean): [number, number, number] {
  const insn = insns[i]!;
  const f = formOf(insn);
  const b = (x: number): number => 1 << x;
  if (!f) return [r, lo, hi];
  const demandAt = (base: Val, off: number, size: number): void => {
    [lo, hi] = addSlotsRead(base, off, size, lo, hi, ALL);
  };
  switch (f.kind) {
    case 'alu': {
      const dstWanted = (r & b(insn.dst)) !== 0;
      if (f.aluOp === 'mov') {
        r &= ~b(insn.dst);
        if (dstWanted && f.source === 'x') r |= b(insn.src);
        return [r, lo, hi];
      }
      // Pointer arithmetic checks the scalar added or subtracted: a 64-bit add or sub of a register
      // demands both operands whatever comes after, unless both are surely numbers.
      const ptrArith = f.cls === 'alu64' && f.source === 'x' && (f.aluOp === 'add' || f.aluOp === 'sub') &&
        !(vals[insn.dst]!.tag === NUM && vals[insn.src]!.tag === NUM);
      if (dstWanted || ptrArith) r |= b(insn.dst) | (f.source === 'x' ? b(insn.src) : 0);
      return [r, lo, hi];
    }
    case 'neg': case 'endian': case 'bswap':
      return [r, lo, hi];
    case 'ld_imm64':
      return [r & ~b(insn.dst), lo, hi];
    case 'ldx': case 'ldsx': {
      const dstWanted = (r & b(insn.dst)) !== 0;
      r &= ~b(insn.dst);
      if (dstWanted) demandAt(vals[insn.src]!, insn.off, SIZE_BYTES[sizeOf(insn.code)]);
      return [r | b(insn.src), lo, hi];
    }
    case 'st': case 'stx': {
      const base = vals[insn.dst]!;
      const size = SIZE_BYTES[sizeOf(insn.code)];
      // A number stored into a map value, the packet or the context is not checked, and a load
      // from there gives an unknown number. A function other than the entry may be storing into
      // its caller's stack, which the caller may load back and check.
      let srcWanted = !(inEntry && (base.tag === NOWN || base.tag === MAP || base.tag === CTX || base.tag === NUM));
      if (base.tag === FP) {
        const [l, h] = slotsOf(base.off + insn.off, size);
        srcWanted = (lo & l) !== 0 || (hi & h) !== 0;
        // A write within one slot replaces what was spilled there (or makes its bytes STACK_MISC):
        // the value it held before can no longer be read back.
        const a = base.off + insn.off;
        if (Math.floor(a / 8) === Math.floor((a + size - 1) / 8)) {
          lo &= ~l;
          hi &= ~h;
        }
      }
      r |= b(insn.dst);
      if (f.kind === 'stx' && srcWanted) r |= b(insn.src);
      return [r, lo >>> 0, hi >>> 0];
    }
    case 'atomic': {
      r |= b(insn.dst) | b(insn.src);
      if (f.atomicOp === 'cmpxchg') r |= b(0);
      const base = vals[insn.dst]!;
      if (base.tag === FP || base.tag === TOP || base.tag === BOT) {
        lo = ALL;
        hi = ALL;
      }
      return [r, lo, hi];
    }
    case 'ld_abs': case 'ld_ind':
      r &= ~CALLER_SAVED;
      return [r | b(6) | (f.kind === 'ld_ind' ? b(insn.src) : 0), lo, hi];
    case 'jcond':
      return [r | b(insn.dst) | (f.source === 'x' ? b(insn.src) : 0), lo, hi];
    case 'call': {
      r = (r & ~CALLER_SAVED) | ARGS;
      if (insn.src !== 0) return [r, ALL, ALL]; // a function or kfunc may read the whole frame
      const h = helperById(insn.imm);
      if (!h || h.args.includes('ptr_to_func')) return [r, ALL, ALL]; // a callback may read it too
      if (h.name === 'bpf_map_lookup_elem') {
        const m = vals[1]!;
        const info = m.tag === MAP ? maps[m.off] : undefined;
        if (!info || info.typeName === 'array' || info.typeName === 'percpu_array') demandAt(vals[2]!, 0, 8);
      }
      return [r, lo, hi];
    }
    case 'exit':
      return [inEntry && !returnChecked ? 0 : b(0), 0, 0];
    default:
      return [r, lo, hi];
  }
}

/** Stack slots of a function's own frame that a later instruction may read, per instruction (before it). */
export interface LiveSlots {
  /** Bit k: the 8 bytes at fp - 8 * (k + 1) (slots 0-31, and 32-63 in hi). */
  lo: Uint32Array;
  hi: Uint32Array;
}

/**
 * Stack slot liveness (the kernel's live stack analysis, which clean_func_state uses to make dead
 * slots of an explored state STACK_INVALID): a backward data-flow over each function. A slot is
 * live before an instruction when some path from it may read a byte of the slot before an aligned
 * 8-byte store replaces the whole slot. A read is a load or atomic operation, or a call given a
 * pointer into the frame (a map key or value of a known map: its size, as the kernel marks the
 * bytes the helper reads; any other: from there up to the frame pointer); a load
 * through a pointer that may point anywhere into the frame, a function or kfunc call that may be
 * given one, and a helper that calls back, read every slot.
 */
export function liveStackSlots(insns: readonly Insn[], maps: readonly MapInfo[] = []): LiveSlots {
  const n = insns.length;
  const succ = insns.map((_, i) => successors(insns, i));
  const vals = pointsTo(insns, succ);
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = n - 1; i >= 0; i--) {
      let l = 0, h = 0;
      for (const s of succ[i]!) {
        if (s < 0 || s >= n) continue;
        l |= lo[s]!;
        h |= hi[s]!;
      }
      [l, h] = slotsBack(insns[i]!, vals[i]!, maps, l >>> 0, h >>> 0);
      if (l >>> 0 !== lo[i] || h >>> 0 !== hi[i]) {
        lo[i] = l >>> 0;
        hi[i] = h >>> 0;
        changed = true;
      }
    }
  }
  return { lo, hi };
}

function slotsBack(insn: Insn, vals: readonly Val[], maps: readonly MapInfo[], lo: number, hi: number): [number, number] {
  const f = formOf(insn);
  if (!f) return [lo, hi];
  const ALL = 0xffffffff;
  const reads = (base: Val, off: number, size: number): void => {
    [lo, hi] = addSlotsRead(base, off, size, lo, hi, ALL);
  };
  switch (f.kind) {
    case 'ldx': case 'ldsx':
      reads(vals[insn.src]!, insn.off, SIZE_BYTES[sizeOf(insn.code)]);
      return [lo, hi];
    case 'atomic':
      reads(vals[insn.dst]!, insn.off, SIZE_BYTES[sizeOf(insn.code)]);
      return [lo, hi];
    case 'st': case 'stx': {
      const base = vals[insn.dst]!;
      const size = SIZE_BYTES[sizeOf(insn.code)];
      const a = base.off + insn.off;
      // Only a store of the whole slot replaces everything it held.
      if (base.tag === FP && size === 8 && (a & 7) === 0 && a >= -512 && a < 0) {
        const [l, h] = slotsOf(a, 8);
        lo &= ~l;
        hi &= ~h;
      }
      return [lo >>> 0, hi >>> 0];
    }
    case 'call': {
      const h = insn.src === 0 ? helperById(insn.imm) : undefined;
      if (!h || h.args.includes('ptr_to_func')) return [ALL, ALL];
      // A helper given a pointer into the frame reads a known map's key or value, and may read
      // from any other such pointer up to the frame pointer.
      const m = vals[1]!;
      const map = m.tag === MAP ? maps[m.off] : undefined;
      for (let r = 1; r <= 5; r++) {
        const v = vals[r]!;
        const kind = h.args[r - 1];
        const size = map && kind === 'ptr_to_map_key' ? map.keySize : map && kind === 'ptr_to_map_value' ? map.valueSize : undefined;
        if (v.tag === FP) reads(v, 0, size ?? Math.max(0, -v.off));
        else if (v.tag === TOP || v.tag === BOT) reads(v, 0, 0);
      }
      return [lo, hi];
    }
    default:
      return [lo, hi];
  }
}
