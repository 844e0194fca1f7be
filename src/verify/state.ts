// The verifier state: registers, stack slots and acquired references per path, as the kernel
// keeps them (struct bpf_reg_state, bpf_func_state, bpf_verifier_state), and the subsumption
// test used for pruning (regsafe/stacksafe/refsafe: an explored state contains the current one).
import { copyScalar, rangesText, scalarConst, scalarText, scalarUnknown, scalarWithin, signedText, unsignedText, type Scalar } from './bounds.js';

export type RegType =
  | 'not_init' | 'scalar' | 'ctx' | 'map_ptr' | 'map_value' | 'map_key' | 'stack' | 'pkt' | 'pkt_meta' | 'pkt_end'
  | 'sock' | 'sock_common' | 'tcp_sock' | 'mem' | 'flow_keys' | 'btf_id' | 'func'
  /**
   * An open-coded iterator's stack slot (STACK_ITER), never a register: btf is its struct,
   * refId its reference, off the slot's index in the iterator, range its state (ITER_ACTIVE,
   * ITER_DRAINED) and memSize the iteration depth.
   */
  | 'iter'
  /**
   * One of the two stack slots of a struct bpf_dynptr (STACK_DYNPTR), never a register: btf is
   * its kind (local, ringbuf, skb, xdp), off the slot's index in it (0 at its address), id its
   * dynptr id, refId the reference a ring buffer dynptr holds.
   */
  | 'dynptr'
  /** A const struct bpf_dynptr * (CONST_PTR_TO_DYNPTR): a global function's dynptr argument; btf is its kind. */
  | 'const_dynptr';

export const ITER_ACTIVE = 0;
export const ITER_DRAINED = 1;

/** Range markers of a packet pointer compared with pkt_end (AT_PKT_END, BEYOND_PKT_END). */
export const AT_PKT_END = -1;
export const BEYOND_PKT_END = -2;

export interface Reg {
  type: RegType;
  /** The pointer may be NULL (printed `_or_null`). */
  maybeNull: boolean;
  /** The value of a scalar; the variable offset of a pointer. */
  s: Scalar;
  /** Fixed offset of a pointer. */
  off: number;
  /** NULL-check id (pointers), packet range id, or link id (scalars). */
  id: number;
  /** Reference id for acquired objects (sockets, ring buffer records). */
  refId: number;
  /** Packet pointers: bytes proven to lie before pkt_end, from the pointer's base. */
  range: number;
  /** Map pointers and map values: index into the program's maps. */
  map: number;
  /** Memory pointers (ring buffer records): size in bytes. */
  memSize: number;
  /** Stack pointers: the frame they point into. */
  frame: number;
  /** Where the pointer was made (an instruction index), for notes. */
  origin: number;
  /**
   * A scalar that may be a kernel pointer described by BTF: an argument of a BTF-typed context
   * (fentry, tp_btf, lsm, ...) or an 8-byte field read through such a pointer. ebcc has no
   * kernel BTF to tell pointer arguments from integers, so these values act as scalars and may
   * also be read through, as the kernel's PTR_TO_BTF_ID may.
   */
  kptr: boolean;
  /**
   * A kernel pointer the kernel holds trusted (PTR_TRUSTED, or referenced): an argument of a
   * tp_btf, iter, lsm or struct_ops program, or an object a kfunc acquired. Pointer arithmetic
   * and loads through it make a value that is not.
   */
  trusted: boolean;
  /**
   * A kernel pointer the kernel marks PTR_UNTRUSTED: bpf_rdonly_cast's result, and what is read
   * through it or computed from it. It may be read, and goes nowhere a kernel object is expected.
   */
  untrusted: boolean;
  /**
   * A kernel pointer (kptr) whose struct ebcc knows from the kernel's BTF: the struct's id there
   * (0 when unknown), and kstructOff, the constant offset from the struct's start.
   */
  kstruct: number;
  kstructOff: number;
  /**
   * A kernel pointer (kptr) moved by a variable amount: the kernel refuses any access through it
   * ("invalid variable offset"), and so does it when the value was a number after all.
   */
  kvar: boolean;
  /** Kernel pointers a kfunc returned: the name of the struct they point to ('' when unknown). */
  btf: string;
  /**
   * An object bpf_obj_new allocated (PTR_TO_BTF_ID | MEM_ALLOC): the id of its struct in the
   * program's BTF; 0 for every other register.
   */
  alloc: number;
  /** Memory a dynptr slice or bpf_dynptr_data returned: the id of the dynptr (0 for other registers). */
  dynptr: number;
  /** Read-only memory (MEM_RDONLY): a bpf_dynptr_slice() result. */
  rdonly: boolean;
  /** A slice of a packet (skb or xdp) dynptr: invalidated with the packet pointers. */
  pktSlice: boolean;
}

// Written out (not a spread of regNotInit()): registers are made at every call, constant and
// comparison with an immediate, and a literal of known shape is several times faster to build.
function newReg(type: RegType, s: Scalar): Reg {
  return { type, maybeNull: false, s, off: 0, id: 0, refId: 0, range: 0, map: -1, memSize: 0, frame: 0, origin: -1, kptr: false, trusted: false, untrusted: false, btf: '', alloc: 0, dynptr: 0, rdonly: false, pktSlice: false, kstruct: 0, kstructOff: 0, kvar: false };
}
export function regNotInit(): Reg {
  return newReg('not_init', scalarUnknown());
}
export function regScalar(s: Scalar = scalarUnknown()): Reg {
  return newReg('scalar', s);
}
export function regConst(v: bigint): Reg {
  return regScalar(scalarConst(v));
}
export function regPtr(type: RegType, extra: Partial<Reg> = {}): Reg {
  return { ...regNotInit(), type, s: scalarConst(0n), ...extra };
}
export const cloneReg = (r: Reg): Reg => ({
  type: r.type, maybeNull: r.maybeNull, s: copyScalar(r.s), off: r.off, id: r.id, refId: r.refId, range: r.range, map: r.map,
  memSize: r.memSize, frame: r.frame, origin: r.origin, kptr: r.kptr, trusted: r.trusted, untrusted: r.untrusted, btf: r.btf, alloc: r.alloc,
  dynptr: r.dynptr, rdonly: r.rdonly, pktSlice: r.pktSlice, kstruct: r.kstruct, kstructOff: r.kstructOff, kvar: r.kvar,
});

export const STACK_SIZE = 512;
export const SLOT_INVALID = 0;
export const SLOT_MISC = 1;
export const SLOT_ZERO = 2;
export const SLOT_SPILL = 3;

export interface Frame {
  regs: Reg[];
  /**
   * Byte kinds of the 512 stack bytes; index = address + 512 (address -512 .. -1). Shared with
   * the states cloned from this one until either writes: write through writableBytes().
   */
  bytes: Uint8Array;
  /** `bytes` may be shared with another frame (copy before writing). */
  bytesShared: boolean;
  /** `bytes` viewed as 128 words, which the subsumption test reads two per slot. */
  words: Uint32Array;
  /**
   * Spilled registers per 8-byte slot; index = (address + 512) >> 3. The list is shared with the
   * states cloned from this one until either changes a slot (writableSpills()), and each register
   * in it may be shared with other frames' lists for as long as the states live: a spilled register
   * is never changed in place, but replaced by a changed copy (writableSpill(), regsWhere()).
   */
  spills: readonly (Reg | undefined)[];
  /** `spills` may be shared with another frame (copy the list before changing a slot). */
  spillsShared: boolean;
  /** The call instruction that made this frame (-1 for the program's entry). */
  callsite: number;
  /** First instruction of the function this frame runs. */
  subprog: number;
  frameNo: number;
  /** Deepest stack byte used (bytes below the frame pointer). */
  depth: number;
  /** A callback called by a helper (bpf_loop, bpf_for_each_map_elem): R0 must be 0 or 1 at its exit. */
  callback?: boolean;
  /** Iterations of a callback this frame's pending callback-calling helper call has run (callback_depth). */
  callbackDepth?: number;
}

export interface RefState {
  id: number;
  insn: number;
}

/** The bpf_spin_lock a path holds: the map of the value and the id of the pointer it was taken through. */
export interface LockState {
  map: number;
  id: number;
  insn: number;
}

export interface State {
  frames: Frame[];
  refs: RefState[];
  lock?: LockState;
  /** may_goto instructions this path fell through (the kernel's may_goto_depth). */
  mayGotoDepth?: number;
  /** Nesting of bpf_rcu_read_lock() on this path (active_rcu_lock). */
  rcuLocks: number;
  /** Nesting of bpf_preempt_disable() on this path (active_preempt_lock). */
  preemptOff: number;
  /**
   * Where the last statesEqual with this state as the explored one failed, tried first by the
   * next (a state at a loop head mostly fails on the same register or slot): frame * 128 plus
   * the register, or plus 64 and the stack slot; -1 or absent when none.
   */
  failAt?: number;
}

export function newFrame(callsite: number, subprog: number, frameNo: number): Frame {
  const regs: Reg[] = [];
  for (let i = 0; i < 11; i++) regs.push(regNotInit());
  regs[10] = regPtr('stack', { frame: frameNo });
  const bytes = new Uint8Array(STACK_SIZE);
  return {
    regs, bytes, bytesShared: false, words: new Uint32Array(bytes.buffer, 0, STACK_SIZE / 4), spills: new Array(STACK_SIZE / 8).fill(undefined), spillsShared: false,
    callsite, subprog, frameNo, depth: 0,
  };
}

/** The frame's stack byte kinds, made its own first if a clone shares them. */
export function writableBytes(f: Frame): Uint8Array {
  if (f.bytesShared) {
    f.bytes = f.bytes.slice();
    f.words = new Uint32Array(f.bytes.buffer, 0, STACK_SIZE / 4);
    f.bytesShared = false;
  }
  return f.bytes;
}

/**
 * The frame's list of spilled registers, made its own first if a clone shares it, to put a
 * register in a slot or empty one. The registers in it may still be shared: to change one, use
 * writableSpill().
 */
export function writableSpills(f: Frame): (Reg | undefined)[] {
  if (f.spillsShared) {
    f.spills = f.spills.slice();
    f.spillsShared = false;
  }
  return f.spills as (Reg | undefined)[];
}

/** The register spilled in slot k (which holds one), replaced by a copy of its own that may be changed in place. */
export function writableSpill(f: Frame, k: number): Reg {
  const spills = writableSpills(f);
  const r = cloneReg(spills[k]!);
  spills[k] = r;
  return r;
}

export function cloneFrame(f: Frame): Frame {
  f.bytesShared = true;
  f.spillsShared = true;
  const regs = new Array<Reg>(f.regs.length);
  for (let r = 0; r < regs.length; r++) regs[r] = cloneReg(f.regs[r]!);
  return {
    regs,
    bytes: f.bytes,
    bytesShared: true,
    words: f.words,
    spills: f.spills,
    spillsShared: true,
    callsite: f.callsite,
    subprog: f.subprog,
    frameNo: f.frameNo,
    depth: f.depth,
    callback: f.callback,
    callbackDepth: f.callbackDepth,
  };
}

export function cloneState(s: State): State {
  return {
    frames: s.frames.map(cloneFrame), refs: s.refs.map((r) => ({ ...r })), lock: s.lock && { ...s.lock }, mayGotoDepth: s.mayGotoDepth,
    rcuLocks: s.rcuLocks, preemptOff: s.preemptOff, failAt: -1,
  };
}

export const curFrame = (s: State): Frame => s.frames[s.frames.length - 1]!;

/**
 * The registers and spilled registers of every frame that satisfy `pred`, to be changed in place
 * (id propagation): a spilled register taken is replaced by a copy of its own first. A list is
 * cheaper to walk than a generator's steps; `pred` must not change what it looks at.
 */
export function regsWhere(s: State, pred: (r: Reg) => boolean): Reg[] {
  const out: Reg[] = [];
  for (let i = 0; i < s.frames.length; i++) {
    const f = s.frames[i]!;
    for (let r = 0; r < f.regs.length; r++) if (pred(f.regs[r]!)) out.push(f.regs[r]!);
    for (let k = 0; k < f.spills.length; k++) {
      const r = f.spills[k];
      if (r && pred(r)) out.push(writableSpill(f, k));
    }
  }
  return out;
}

export const isPointer = (r: Reg): boolean => r.type !== 'scalar' && r.type !== 'not_init';

// ---------------------------------------------------------------------------
// Printing in the kernel log's spelling

export interface NameOf {
  map(index: number): { name: string; keySize: number; valueSize: number } | undefined;
}

/** The kernel log's name of each register type (reg_type_str without its prefixes). */
const TYPE_NAMES: Record<RegType, string> = {
  not_init: '?', scalar: 'scalar', ctx: 'ctx', map_ptr: 'map_ptr', map_value: 'map_value', map_key: 'map_key',
  stack: 'fp', pkt: 'pkt', pkt_meta: 'pkt_meta', pkt_end: 'pkt_end', sock: 'sock', sock_common: 'sock_common',
  tcp_sock: 'tcp_sock', mem: 'mem', flow_keys: 'flow_keys', btf_id: 'ptr_', func: 'func', iter: 'iter', dynptr: 'dynptr', const_dynptr: 'dynptr_ptr',
};

export function typeText(r: Reg): string {
  const base = TYPE_NAMES;
  // The kernel spells a kernel object that may be NULL ptr_or_null_ (then its struct's name).
  if (r.type === 'btf_id' && r.maybeNull) return 'ptr_or_null_';
  // An iterator's object: a trusted kernel pointer that may be NULL (ebcc keeps it as a scalar).
  if (r.type === 'scalar' && r.kptr && r.maybeNull) return r.trusted ? 'trusted_ptr_or_null_' : 'ptr_or_null_';
  if (r.type === 'scalar' && r.kptr && r.untrusted) return 'untrusted_ptr_';
  // Memory a ring buffer reserved is a reference the program holds (MEM_RINGBUF).
  const ringbuf = r.type === 'mem' && r.refId !== 0 && r.dynptr === 0 ? 'ringbuf_' : '';
  // A bpf_dynptr_slice() result is read-only memory (MEM_RDONLY).
  const rdonly = r.rdonly ? 'rdonly_' : '';
  return rdonly + ringbuf + base[r.type] + (r.maybeNull ? '_or_null' : '');
}

export function regText(r: Reg, names?: NameOf): string {
  if (r.type === 'scalar') return scalarText(r.s);
  if (r.type === 'not_init') return '?';
  if (r.type === 'stack' && r.s.var.m === 0n && r.s.var.v === 0n) return `fp${r.off === 0 ? '0' : r.off}`;
  const parts: string[] = [];
  if (r.id) parts.push(`id=${r.id}`);
  if (r.refId) parts.push(`ref_obj_id=${r.refId}`);
  if (r.type === 'map_value' || r.type === 'map_ptr') {
    const m = names?.map(r.map);
    if (m) parts.push(`map=${m.name},ks=${m.keySize},vs=${m.valueSize}`);
  }
  if (r.off) parts.push(`off=${signedText(BigInt(r.off))}`);
  if (r.type === 'pkt' || r.type === 'pkt_meta') parts.push(`r=${unsignedText(BigInt.asUintN(64, BigInt(r.range)))}`);
  if (r.type === 'mem') parts.push(`sz=${unsignedText(BigInt(r.memSize))}`);
  const ranges = r.s.var.m !== 0n ? rangesText(r.s) : '';
  if (ranges) parts.push(ranges);
  else if (r.s.var.m === 0n && r.s.var.v !== 0n) parts.push(`imm=${scalarText(r.s)}`);
  return `${typeText(r)}(${parts.join(',')})`;
}

/** A register or stack slot with its value in the kernel log's spelling: `R2=pkt(off=14,r=0)`, `fp-8=mmmm????`. */
export interface RegValue {
  /** `R0`..`R10`, or a stack slot `fp-8`. */
  name: string;
  value: string;
}

/** The kernel's letter for each byte kind (slot_type_char), indexed by SLOT_INVALID..SLOT_SPILL. */
const SLOT_CHARS = ['?', 'm', '0', 'r'];

/** The slots of a frame that hold something, as their fp offsets (-8, -16, ...), nearest first. */
export function usedSlots(f: Frame): number[] {
  const out: number[] = [];
  for (let top = STACK_SIZE; top > 0; top -= 8) {
    for (let b = top - 8; b < top; b++) {
      if (f.bytes[b] !== SLOT_INVALID) {
        out.push(top - 8 - STACK_SIZE);
        break;
      }
    }
  }
  return out;
}

/** One stack slot (fp offset, a multiple of 8) as print_verifier_state shows it. */
export function slotText(f: Frame, fpOff: number, names?: NameOf): string {
  const base = fpOff + STACK_SIZE;
  const spilled = f.spills[base >> 3];
  const isSpill = spilled !== undefined && f.bytes[base] === SLOT_SPILL;
  // Highest address first, as the kernel prints slot_type[0..7]; a spill shows the bytes it does
  // not cover (a 4-byte spill of 0 at fp-8 is `????0`), then the register.
  let t = '';
  for (let j = 7; j >= 0; j--) {
    const kind = f.bytes[base + j]!;
    if (!(isSpill && kind === SLOT_SPILL)) t += SLOT_CHARS[kind] ?? '?';
  }
  return isSpill ? t + regText(spilled, names) : t;
}

/**
 * print_verifier_state for one frame: the initialised registers whose bit is set in `regMask`,
 * then the given stack slots (fp offsets) that hold something.
 */
export function frameValues(f: Frame, names: NameOf | undefined, regMask = 0x7ff, slots: readonly number[] = usedSlots(f)): RegValue[] {
  const out: RegValue[] = [];
  for (let r = 0; r <= 10; r++) {
    const reg = f.regs[r]!;
    if ((regMask & (1 << r)) === 0 || reg.type === 'not_init') continue;
    out.push({ name: `R${r}`, value: regText(reg, names) });
  }
  for (const off of slots) {
    const base = off + STACK_SIZE;
    if (base < 0 || base + 8 > STACK_SIZE || !f.bytes.subarray(base, base + 8).some((b) => b !== SLOT_INVALID)) continue;
    out.push({ name: `fp${off}`, value: slotText(f, off, names) });
  }
  return out;
}

/** `R1=ctx() R10=fp0 fp-8=mmmmmmmm`, with ` frameN:` first in a called function, as the kernel prints it. */
export function valuesText(values: readonly RegValue[], frameNo = 0): string {
  return (frameNo > 0 ? `frame${frameNo}: ` : '') + values.map((v) => `${v.name}=${v.value}`).join(' ');
}

// ---------------------------------------------------------------------------
// Subsumption (states_equal)

class IdMap {
  // Most comparisons meet no id at all: the maps are made on the first pair.
  private map: Map<number, number> | undefined;
  private rev: Map<number, number> | undefined;
  /** old and cur ids correspond one to one. */
  check(oldId: number, curId: number): boolean {
    if (oldId === 0 && curId === 0) return true;
    if (oldId === 0 || curId === 0) return false;
    this.map ??= new Map<number, number>();
    this.rev ??= new Map<number, number>();
    const m = this.map.get(oldId);
    if (m !== undefined) return m === curId;
    const r = this.rev.get(curId);
    if (r !== undefined) return false;
    this.map.set(oldId, curId);
    this.rev.set(curId, oldId);
    return true;
  }
  /** Scalar link ids: an unlinked old register accepts any current one. */
  checkScalar(oldId: number, curId: number): boolean {
    if (oldId === 0) return true;
    if (curId === 0) return false;
    return this.check(oldId, curId);
  }
}

/**
 * What a comparison at one instruction looks at, per frame of the current state (0: the entry's):
 * the registers the rest of the program may read, and of those the scalars a later check may
 * read (precision.ts), which must be compared exactly; the others cover any scalar (states_equal
 * with NOT_EXACT). Without `precise` every scalar is compared exactly.
 */
export interface CompareMasks {
  live: readonly number[];
  precise?: readonly number[];
  /** Spill slots of the current frame compared exactly (bit k: fp-8(k+1)); other frames' are all. */
  slotsLo?: number;
  slotsHi?: number;
  /**
   * Stack slots of the current frame that a later instruction may read (same bits); the others
   * are dead, and an explored state's dead slots cover anything (clean_func_state makes them
   * STACK_INVALID). Other frames' slots are all live.
   */
  liveLo?: number;
  liveHi?: number;
}

/**
 * regSafe of a register with itself (a spilled register both states still share), without the
 * field comparisons, which hold: only the ids regSafe pairs, each with itself, may fail. The
 * value's test holds too when its tnum has no known 1 bit or no unknown bit (a tnum's value and
 * mask share no bit); otherwise undefined, for regSafe to decide.
 */
function sameRegSafe(r: Reg, ids: IdMap, precise: boolean): boolean | undefined {
  const t = r.type;
  if (t === 'not_init' || (!precise && t === 'scalar')) return true;
  if (t === 'iter') return ids.check(r.refId, r.refId);
  if (t === 'dynptr') return ids.check(r.refId, r.refId) && ids.check(r.id, r.id);
  if (r.s.var.m !== 0n && r.s.var.v !== 0n) return undefined;
  if (t === 'scalar') return ids.checkScalar(r.id, r.id);
  if (t === 'pkt' || t === 'pkt_meta') return ids.check(r.id, r.id);
  return ids.check(r.id, r.id) && ids.check(r.refId, r.refId) && ids.check(r.dynptr, r.dynptr);
}

function regSafe(old: Reg, cur: Reg, ids: IdMap, precise = true): boolean {
  if (old === cur) {
    const same = sameRegSafe(old, ids, precise);
    if (same !== undefined) return same;
  }
  if (old.type === 'not_init') return true;
  if (cur.type === 'not_init') return false;
  if (old.type !== cur.type || old.maybeNull !== cur.maybeNull) return false;
  if (old.trusted !== cur.trusted || old.untrusted !== cur.untrusted || old.btf !== cur.btf || old.alloc !== cur.alloc) return false;
  if (old.rdonly !== cur.rdonly || old.pktSlice !== cur.pktSlice) return false;
  // regsafe: an imprecise scalar covers any scalar (nothing later reads its value).
  // A kernel pointer whose struct is known is checked at each access: only the same struct and offset are covered.
  if (old.type === 'scalar' && (old.kstruct !== cur.kstruct || old.kstructOff !== cur.kstructOff || old.kvar !== cur.kvar)) return false;
  if (!precise && old.type === 'scalar') return old.kptr === cur.kptr;
  // Iterators: the same reference in the same state, whatever the depth.
  if (old.type === 'iter') return old.off === cur.off && old.range === cur.range && ids.check(old.refId, cur.refId);
  // Dynptr slots: the same kind and slot, the same reference; their ids name the slices made from them.
  if (old.type === 'dynptr') return old.off === cur.off && ids.check(old.refId, cur.refId) && ids.check(old.id, cur.id);
  if (old.type === 'scalar') return old.kptr === cur.kptr && scalarWithin(old.s, cur.s) && ids.checkScalar(old.id, cur.id);
  if (old.type === 'pkt' || old.type === 'pkt_meta') {
    if (old.range > cur.range) return false;
    if (old.off !== cur.off) return false;
    if (!ids.check(old.id, cur.id)) return false;
    return scalarWithin(old.s, cur.s);
  }
  if (old.off !== cur.off || old.map !== cur.map || old.frame !== cur.frame || old.memSize !== cur.memSize) return false;
  if (!scalarWithin(old.s, cur.s)) return false;
  if (old.range !== cur.range) return false;
  return ids.check(old.id, cur.id) && ids.check(old.refId, cur.refId) && ids.check(old.dynptr, cur.dynptr);
}

/**
 * The bytes of a word whose kind must be the same in the current state: those that are not
 * SLOT_INVALID or SLOT_MISC in the explored one (kinds 2 and 3, bit 1 set), as 0xff each.
 */
const mustMatch = (w: number): number => ((w >>> 1) & 0x01010101) * 0xff;

/**
 * Whether old's stack slots from..to-1 contain cur's: -1 if so, else the first slot that does
 * not. Per slot the same test whatever the range, so one slot may be tested on its own.
 */
function stackSafe(old: Frame, cur: Frame, ids: IdMap, slotsLo: number, slotsHi: number, liveLo: number, liveHi: number, from: number, to: number): number {
  const ob = old.bytes, ow = old.words, cw = cur.words;
  // Bytes below the explored state's deepest access are STACK_INVALID there: anything goes.
  const start = STACK_SIZE - old.depth;
  for (let slot = Math.max(start >> 3, from); slot < to; slot++) {
    const base = slot << 3;
    const k = 63 - slot;
    // A dead slot covers anything, unless it holds an iterator or a dynptr (a store over one
    // is checked, and they are kept whole).
    if ((((k < 32 ? liveLo >>> k : liveHi >>> (k - 32)) & 1) === 0)) {
      const t = ob[base] === SLOT_SPILL ? old.spills[slot]?.type : undefined;
      if (t !== 'iter' && t !== 'dynptr') continue;
    }
    if (base < start) {
      // The deepest slot, used only in part: its bytes one by one (no spill starts there).
      for (let i = start; i < base + 8; i++) {
        const o = ob[i]!;
        if (o !== SLOT_INVALID && o !== SLOT_MISC && o !== cur.bytes[i]) return slot;
      }
      continue;
    }
    // SLOT_INVALID and SLOT_MISC read as an unknown scalar either way (root); every other kind must be the same.
    const o0 = ow[slot * 2]!, o1 = ow[slot * 2 + 1]!;
    if (((o0 ^ cw[slot * 2]!) & mustMatch(o0)) !== 0 || ((o1 ^ cw[slot * 2 + 1]!) & mustMatch(o1)) !== 0) return slot;
    if (ob[base] === SLOT_SPILL) {
      const os = old.spills[slot];
      const cs = cur.spills[slot];
      const precise = ((k < 32 ? slotsLo >>> k : slotsHi >>> (k - 32)) & 1) !== 0;
      if (!os || !cs || !regSafe(os, cs, ids, precise)) return slot;
    }
  }
  return -1;
}

function scalarsIdentical(a: Reg, b: Reg): boolean {
  if (a.type !== b.type || a.trusted !== b.trusted || a.untrusted !== b.untrusted || a.btf !== b.btf || a.alloc !== b.alloc || a.dynptr !== b.dynptr || a.rdonly !== b.rdonly || a.maybeNull !== b.maybeNull || a.off !== b.off || a.id !== b.id || a.range !== b.range || a.map !== b.map || a.refId !== b.refId) return false;
  const x = a.s, y = b.s;
  return x.var.v === y.var.v && x.var.m === y.var.m && x.smin === y.smin && x.smax === y.smax && x.umin === y.umin &&
    x.umax === y.umax && x.s32min === y.s32min && x.s32max === y.s32max && x.u32min === y.u32min && x.u32max === y.u32max;
}

/** A small number per register type, for loopKey. */
const TYPE_CODES: Record<RegType, number> = {
  not_init: 0, scalar: 1, ctx: 2, map_ptr: 3, map_value: 4, map_key: 5, stack: 6, pkt: 7, pkt_meta: 8, pkt_end: 9, sock: 10,
  sock_common: 11, tcp_sock: 12, mem: 13, flow_keys: 14, btf_id: 15, func: 16, iter: 17, dynptr: 18, const_dynptr: 19,
};

/**
 * A key of the live registers of the current frame (`live`, bit r for register r): equal keys
 * for states maybeLooping would match (and some others). A 32-bit hash of a few fields is enough:
 * states with equal keys are compared in full by maybeLooping, and the key is built and looked up
 * at every visit of a prune point, where a string of the fields cost more than the comparisons it
 * spares.
 */
export function loopKey(st: State, live: number): number {
  const f = st.frames.length - 1;
  let k = st.frames.length;
  const regs = st.frames[f]!.regs;
  for (let r = 0; r < 10; r++) {
    if ((live & (1 << r)) === 0) continue;
    const a = regs[r]!;
    const x = a.s;
    k = (Math.imul(k, 31) + TYPE_CODES[a.type]) | 0;
    k = (Math.imul(k, 31) + a.off) | 0;
    // Number() of equal bigints is equal; each is mixed in as its low and its high 32 bits.
    const smin = Number(x.smin), mask = Number(x.var.m);
    k = (Math.imul(k, 31) + (smin | 0)) | 0;
    k = (Math.imul(k, 31) + ((smin / 4294967296) | 0)) | 0;
    k = (Math.imul(k, 31) + (mask | 0)) | 0;
    k = (Math.imul(k, 31) + ((mask / 4294967296) | 0)) | 0;
  }
  return k;
}

/** states_maybe_looping: the live registers of the current frame are identical (a cheap first test). */
export function maybeLooping(old: State, cur: State, live: number): boolean {
  if (old.frames.length !== cur.frames.length) return false;
  const f = cur.frames.length - 1;
  const o = old.frames[f]!.regs, c = cur.frames[f]!.regs;
  for (let r = 0; r < 10; r++) if ((live & (1 << r)) !== 0 && !scalarsIdentical(o[r]!, c[r]!)) return false;
  return true;
}

/**
 * `old` (an explored state at the same instruction, whose every path was proven safe) contains
 * `cur`, looking at what `masks` says.
 */
export function statesEqual(old: State, cur: State, masks: CompareMasks): boolean {
  const n = old.frames.length;
  if (n !== cur.frames.length) return false;
  if (old.rcuLocks !== cur.rcuLocks || old.preemptOff !== cur.preemptOff) return false;
  const ids = new IdMap();
  // The result is the conjunction of a test per register, per slot and more, and the ids they
  // pair only add constraints: one of them failing on its own decides it. The one that failed
  // last time is tried first.
  const at = old.failAt ?? -1;
  if (at >= 0 && (at >> 7) < n && !partSafe(old.frames[at >> 7]!, cur.frames[at >> 7]!, at >> 7 === n - 1, masks, at >> 7, at & 127, ids)) return false;
  // The current frame first: that is where states at one instruction differ most often.
  for (let f = n - 1; f >= 0; f--) {
    const of = old.frames[f]!;
    const cf = cur.frames[f]!;
    if (of.callsite !== cf.callsite) return false;
    // func_states_equal: a state that has run more callback iterations does not cover one with fewer.
    if ((of.callbackDepth ?? 0) > (cf.callbackDepth ?? 0)) return false;
    const live = masks.live[f]!;
    const precise = masks.precise ? masks.precise[f]! : 0xffff;
    const oregs = of.regs, cregs = cf.regs;
    for (let r = 0; r < 10; r++) {
      if ((live & (1 << r)) === 0) continue;
      // regSafe's first tests, without the call: an uninitialised register covers anything, and
      // otherwise the types must be the same.
      const o = oregs[r]!, c = cregs[r]!;
      if (o.type === 'not_init') continue;
      if (o.type !== c.type || !regSafe(o, c, ids, (precise & (1 << r)) !== 0)) {
        old.failAt = f * 128 + r;
        return false;
      }
    }
    const current = f === n - 1 && masks.precise !== undefined;
    const slot = stackSafe(of, cf, ids, current ? masks.slotsLo ?? 0xffffffff : 0xffffffff, current ? masks.slotsHi ?? 0xffffffff : 0xffffffff,
      current ? masks.liveLo ?? 0xffffffff : 0xffffffff, current ? masks.liveHi ?? 0xffffffff : 0xffffffff, 0, STACK_SIZE / 8);
    if (slot >= 0) {
      old.failAt = f * 128 + 64 + slot;
      return false;
    }
  }
  if (old.refs.length !== cur.refs.length) return false;
  for (let i = 0; i < old.refs.length; i++) if (!ids.check(old.refs[i]!.id, cur.refs[i]!.id)) return false;
  if ((old.lock === undefined) !== (cur.lock === undefined)) return false;
  if (old.lock && cur.lock && (old.lock.map !== cur.lock.map || !ids.check(old.lock.id, cur.lock.id))) return false;
  return true;
}

/** statesEqual's test of one register (part < 64) or one stack slot (64 + slot) of frame f, as it makes it. */
function partSafe(of: Frame, cf: Frame, top: boolean, masks: CompareMasks, f: number, part: number, ids: IdMap): boolean {
  if (part < 64) {
    if ((masks.live[f]! & (1 << part)) === 0) return true;
    const o = of.regs[part]!, c = cf.regs[part]!;
    const precise = masks.precise ? masks.precise[f]! : 0xffff;
    return o.type === 'not_init' || (o.type === c.type && regSafe(o, c, ids, (precise & (1 << part)) !== 0));
  }
  const current = top && masks.precise !== undefined;
  return stackSafe(of, cf, ids, current ? masks.slotsLo ?? 0xffffffff : 0xffffffff, current ? masks.slotsHi ?? 0xffffffff : 0xffffffff,
    current ? masks.liveLo ?? 0xffffffff : 0xffffffff, current ? masks.liveHi ?? 0xffffffff : 0xffffffff, part - 64, part - 63) < 0;
}
