// struct bpf_dynptr on the stack (process_dynptr_func, mark_stack_slots_dynptr,
// unmark_stack_slots_dynptr, destroy_if_dynptr_stack_slot): a dynptr is two 8-byte stack slots
// (STACK_DYNPTR) made by its constructor (bpf_dynptr_from_mem, bpf_ringbuf_reserve_dynptr,
// bpf_dynptr_from_skb/xdp, bpf_dynptr_clone) at an uninitialised place, and used by the other
// dynptr helpers and kfuncs only when both slots still hold it. A ring buffer dynptr holds a
// reference until bpf_ringbuf_submit_dynptr/discard_dynptr (its clones share it). Writing over
// a slot destroys the dynptr (refused for a referenced one) and the slices made from it; the
// slices of skb and xdp dynptrs also go when the packet data may change.
import { isConst } from './bounds.js';
import { describe } from './assertions.js';
import { newId, type Env } from './env.js';
import { Reject } from './reject.js';
import { SLOT_INVALID, SLOT_SPILL, STACK_SIZE, regsWhere, regPtr, regScalar, writableBytes, writableSpills, type Frame, type Reg, type State } from './state.js';

export type DynptrKind = 'local' | 'ringbuf' | 'skb' | 'xdp';

const BPF_DYNPTR_SIZE = 16;

/** The kinds that hold a reference (dynptr_type_refcounted). */
const refcounted = (kind: string): boolean => kind === 'ringbuf';

/** The kinds whose slices point into the packet (reg_is_dynptr_slice_pkt). */
export const isPktKind = (kind: string): boolean => kind === 'skb' || kind === 'xdp';

/** A dynptr argument's place: the frame and the index of its first slot (at its address). */
interface Place {
  f: Frame;
  spi: number;
  at: number;
}

/** dynptr_get_spi: the argument points to the stack at a constant, slot-aligned offset with room for 16 bytes. */
function placeOf(env: Env, st: State, regno: number, r: Reg, what: string): Place {
  if (r.type !== 'stack') {
    throw new Reject('V1010', `arg#${regno - 1} expected pointer to stack or const struct bpf_dynptr`, {
      proven: `argument ${regno} of ${what} (R${regno}) is ${describe(env, r)}`,
      needed: 'the address of a struct bpf_dynptr on the stack',
    });
  }
  if (!isConst(r.s)) {
    throw new Reject('V1010', 'dynptr has to be at a constant offset', {
      proven: `R${regno} is ${describe(env, r)}`, needed: 'the address of a struct bpf_dynptr at a fixed place of the stack',
    });
  }
  const at = r.off + Number(BigInt.asIntN(64, r.s.var.v));
  if (at % 8 !== 0 || at + BPF_DYNPTR_SIZE > 0 || at < -STACK_SIZE) {
    throw new Reject('V1010', `cannot pass in dynptr at an offset=${at}`, {
      proven: `R${regno} points ${at} bytes from the frame pointer`, needed: 'a struct bpf_dynptr at an 8-byte aligned place within the frame',
    });
  }
  return { f: st.frames[r.frame]!, spi: (at + STACK_SIZE) >> 3, at };
}

/** The dynptr slot reg at index `spi` of the frame, if the slot holds one. */
function slotAt(f: Frame, spi: number): Reg | undefined {
  const x = f.spills[spi];
  return x && x.type === 'dynptr' && f.bytes[spi << 3] === SLOT_SPILL ? x : undefined;
}

/** is_dynptr_reg_valid_init: both slots hold the same dynptr, starting at the argument's address. */
function validAt(p: Place): Reg | undefined {
  const first = slotAt(p.f, p.spi);
  const second = slotAt(p.f, p.spi + 1);
  if (!first || !second || first.off !== 0 || second.off !== 1 || first.id !== second.id) return undefined;
  return first;
}

/** Marks the two slots at `p` STACK_INVALID and kills the slices made from the dynptr. */
function invalidate(st: State, p: { f: Frame; spi: number }, slot: Reg): void {
  for (let k = 0; k < 2; k++) {
    writableSpills(p.f)[p.spi + k] = undefined;
    writableBytes(p.f).fill(SLOT_INVALID, (p.spi + k) << 3, (p.spi + k + 1) << 3);
  }
  killSlices(st, (x) => x.dynptr === slot.id);
}

function killSlices(st: State, which: (x: Reg) => boolean): void {
  for (const x of regsWhere(st, (x) => x.type === 'mem' && x.dynptr !== 0 && which(x))) Object.assign(x, regScalar());
}

/**
 * destroy_if_dynptr_stack_slot, before a store to stack slot `spi` of frame `f`: a dynptr there
 * is destroyed with its slices, unless it holds a reference.
 */
export function destroyIfDynptr(env: Env, st: State, f: Frame, spi: number): void {
  const slot = slotAt(f, spi);
  if (!slot) return;
  const first = slot.off === 0 ? spi : spi - 1;
  if (refcounted(slot.btf)) {
    throw new Reject('V1011', 'cannot overwrite referenced dynptr', {
      proven: `the store reaches stack slot ${(first << 3) - STACK_SIZE}, a ring buffer dynptr that holds a reference`,
      needed: 'bpf_ringbuf_submit_dynptr() or bpf_ringbuf_discard_dynptr() before the stack is reused',
    });
  }
  void env;
  invalidate(st, { f, spi: first }, slot);
}

/**
 * A constructor's dynptr argument (MEM_UNINIT): the 16 bytes are written, which destroys an
 * unreferenced dynptr there, and become a dynptr of `kind` (holding `ref`, or a new reference
 * for a ring buffer dynptr).
 */
export function makeDynptr(env: Env, st: State, regno: number, r: Reg, kind: DynptrKind, what: string, insnIdx: number, ref = 0): void {
  const p = placeOf(env, st, regno, r, what);
  for (let k = 0; k < 2; k++) destroyIfDynptr(env, st, p.f, p.spi + k);
  let refId = ref;
  if (refcounted(kind) && refId === 0) {
    refId = newId(env);
    st.refs.push({ id: refId, insn: insnIdx });
  }
  const id = newId(env);
  for (let k = 0; k < 2; k++) {
    writableSpills(p.f)[p.spi + k] = regPtr('dynptr', { btf: kind, off: k, id, refId, origin: insnIdx });
    writableBytes(p.f).fill(SLOT_SPILL, (p.spi + k) << 3, (p.spi + k + 1) << 3);
  }
  p.f.depth = Math.max(p.f.depth, -p.at);
}

/**
 * An initialised dynptr argument (is_dynptr_reg_valid_init, is_dynptr_type_expected): returns
 * its first slot, whose btf is the kind, id the dynptr id and refId its reference.
 */
export function useDynptr(env: Env, st: State, regno: number, r: Reg, what: string, kind?: DynptrKind): Reg {
  if (r.type === 'const_dynptr') {
    if (kind !== undefined && r.btf !== kind) {
      throw new Reject('V1010', `Expected a dynptr of type ${kind} as arg #${regno - 1}`, {
        proven: `R${regno} is a const ${r.btf} dynptr`, needed: `a ${kind} dynptr`,
      });
    }
    return r;
  }
  const p = placeOf(env, st, regno, r, what);
  const slot = validAt(p);
  if (!slot) {
    throw new Reject('V1010', `Expected an initialized dynptr as arg #${regno - 1}`, {
      proven: `the stack at ${p.at} holds no dynptr (never made, released, or overwritten)`,
      needed: 'a dynptr made by bpf_dynptr_from_mem(), bpf_ringbuf_reserve_dynptr(), bpf_dynptr_from_skb() or bpf_dynptr_from_xdp()',
    });
  }
  if (kind !== undefined && slot.btf !== kind) {
    throw new Reject('V1010', `Expected a dynptr of type ${kind} as arg #${regno - 1}`, {
      proven: `the dynptr at ${p.at} is a ${slot.btf} dynptr`, needed: `a ${kind} dynptr`,
    });
  }
  return slot;
}

/**
 * bpf_ringbuf_submit_dynptr/discard_dynptr (OBJ_RELEASE, unmark_stack_slots_dynptr): the
 * reference goes, with every dynptr that shares it (clones) and every slice made from them.
 */
export function releaseDynptr(env: Env, st: State, regno: number, r: Reg, what: string): void {
  if (r.type === 'const_dynptr') {
    throw new Reject('V1010', 'cannot release unowned const bpf_dynptr', {
      proven: `R${regno} is the dynptr ${what} was given by its caller`, needed: 'the dynptr bpf_ringbuf_reserve_dynptr() made in this function',
    });
  }
  if (r.type === 'stack') {
    const p = placeOf(env, st, regno, r, what);
    const slot = slotAt(p.f, p.spi);
    if (!slot || slot.refId === 0) {
      throw new Reject('V1010', `arg ${regno} is an unacquired reference`, {
        proven: `the stack at ${p.at} holds no ring buffer dynptr`, needed: 'the dynptr bpf_ringbuf_reserve_dynptr() made',
      });
    }
  }
  const slot = useDynptr(env, st, regno, r, what, 'ringbuf');
  const ref = slot.refId;
  for (const f of st.frames) {
    for (let spi = 0; spi < f.spills.length; spi++) {
      const x = slotAt(f, spi);
      if (x && x.off === 0 && x.refId === ref) invalidate(st, { f, spi }, x);
    }
  }
  st.refs = st.refs.filter((x) => x.id !== ref);
  for (const x of regsWhere(st, (x) => x.refId === ref)) Object.assign(x, regScalar());
}

/** clear_all_pkt_pointers: the slices of skb and xdp dynptrs go with the packet pointers. */
export function killPktSlices(st: State): void {
  killSlices(st, (x) => x.pktSlice);
}

/** A read of a dynptr's slot: refused, as for any STACK_DYNPTR byte. */
export function isDynptrSlot(f: Frame, spi: number): boolean {
  return slotAt(f, spi) !== undefined;
}
