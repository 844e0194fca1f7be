// Frame layout: every stack slot (locals that live in memory, and spills) gets a negative
// offset from R10. Slots that never hold needed contents at the same time may overlap
// (stack-colouring.ts decides which): each slot, largest first, takes the shallowest place
// where it overlaps no slot it conflicts with. Slots are 8-byte aligned (lowering and spilling
// ask for it), so spilled registers land in slots the verifier tracks precisely, except a local
// of at most 4 bytes that no load reads back (a map key, a helper's input): it is aligned to its
// size rounded up to a power of two, as clang places it, so two such keys share 8 bytes. The
// kernel tracks a stored value only at an 8-byte aligned offset, and nothing here reads it but
// a helper; every access inside the slot stays aligned to its width. Such a key does not share
// bytes with a spill slot (stack-colouring.ts says why), unless the frame would not fit otherwise.
import type { CompileContext } from '../context.js';
import type { IrFunction, StackSlot } from '../ir/ir.js';

import { STACK_LIMIT_BYTES } from '../bpf/limits.js';
import { slotConflicts } from './stack-colouring.js';

export { STACK_LIMIT_BYTES };

export interface Frame {
  sizeBytes: number;
  slotOffset(slot: number): number;
  /**
   * Whether a store of `sizeBytes` at the slot's start, the whole slot, may write its whole 8-byte word: a map key narrower than 8
   * bytes at the start of a word whose other bytes belong to no slot or only to slots that are
   * never active with it. The kernel's stack liveness takes a word as written only by an 8-byte
   * store; a 4-byte key stored over the last word of a dead struct would keep the struct's other
   * bytes, which differ by path, alive until a helper reads the key, and those paths would not
   * prune (test_xdp_noinline.c's `vip_num` in `vip`'s last word: 12,860 processed instructions).
   */
  wordStore(slot: number, sizeBytes: number): boolean;
}

export function layoutFrame(fn: IrFunction, ctx: CompileContext): Frame {
  const { used: referenced, conflict, conflictIfTight, loaded, narrowKeys } = slotConflicts(fn);
  const alignOf = (s: StackSlot): number =>
    !s.spill && s.sizeBytes <= 4 && !loaded.has(s.id) ? 1 << Math.ceil(Math.log2(Math.max(1, s.sizeBytes))) : Math.min(8, Math.max(1, s.alignBytes));
  // Largest first, then largest alignment, keeps holes small.
  const slots = fn.slots.filter((s) => referenced.has(s.id)).sort((a, b) => b.sizeBytes - a.sizeBytes || alignOf(b) - alignOf(a) || a.id - b.id);
  let layout = placeSlots(slots, conflict, alignOf);
  let placedWith = conflict;
  if (layout.used > STACK_LIMIT_BYTES) {
    layout = placeSlots(slots, conflictIfTight, alignOf);
    placedWith = conflictIfTight;
  }
  const { used, offsets } = layout;
  const wordStores = new Set<number>();
  for (const s of slots) {
    const at = offsets.get(s.id)!;
    if (!narrowKeys.has(s.id) || at % 8 !== 0) continue;
    const shares = slots.some((p) => p.id !== s.id && placedWith(s.id, p.id) && offsets.get(p.id)! < at + 8 && offsets.get(p.id)! + p.sizeBytes > at);
    if (!shares) wordStores.add(s.id);
  }
  if (used > STACK_LIMIT_BYTES) {
    const biggest = slots.slice(0, 8);
    ctx.diags.error('E5010', `stack frame of '${fn.name}' needs ${used} bytes, but BPF programs have ${STACK_LIMIT_BYTES}`, fn.span, {
      notes: biggest.map((s) => ({ message: `'${s.name}' takes ${s.sizeBytes} bytes`, span: s.span })),
    });
  }
  return { sizeBytes: used, slotOffset: (slot) => offsets.get(slot) ?? 0, wordStore: (slot, sizeBytes) => wordStores.has(slot) && fn.slots[slot]?.sizeBytes === sizeBytes };
}

/** Each slot, in the order given, at the shallowest place where it overlaps no slot it conflicts with. */
function placeSlots(
  slots: readonly StackSlot[],
  conflict: (a: number, b: number) => boolean,
  alignOf: (s: StackSlot) => number,
): { used: number; offsets: Map<number, number> } {
  const offsets = new Map<number, number>();
  /** Placed slots: bytes [top - size, top) below R10. */
  const placed: { id: number; top: number; size: number }[] = [];
  let used = 0;
  for (const s of slots) {
    const against = placed.filter((p) => conflict(s.id, p.id));
    const shallowest = (align: number): number => {
      const fit = (top: number) => Math.ceil(top / align) * align;
      const candidates = [fit(s.sizeBytes), ...against.map((p) => fit(p.top + s.sizeBytes))].sort((a, b) => a - b);
      return candidates.find((t) => against.every((p) => t <= p.top - p.size || t - s.sizeBytes >= p.top))!;
    };
    const align = alignOf(s);
    let top = shallowest(Math.max(align, Math.min(8, s.alignBytes)));
    // A small slot takes a less aligned place only where that saves the frame a whole 8 bytes.
    const words = (t: number) => Math.ceil(Math.max(t, used) / 8);
    if (align < 8) {
      const packed = shallowest(align);
      if (words(packed) < words(top)) top = packed;
    }
    placed.push({ id: s.id, top, size: s.sizeBytes });
    offsets.set(s.id, -top);
    used = Math.max(used, top);
  }
  return { used, offsets };
}
