// Frame layout: every stack slot (locals that live in memory, and spills) gets a negative
// offset from R10. Slots that never hold needed contents at the same time may overlap
// (stack-colouring.ts decides which): each slot, largest first, takes the shallowest place
// where it overlaps no slot it conflicts with. Every slot is 8-byte aligned (lowering and
// spilling ask for it), so spilled registers land in slots the verifier tracks precisely.
import type { CompileContext } from '../context.js';
import type { IrFunction } from '../ir/ir.js';

import { STACK_LIMIT_BYTES } from '../bpf/limits.js';
import { slotConflicts } from './stack-colouring.js';

export { STACK_LIMIT_BYTES };

export interface Frame {
  sizeBytes: number;
  slotOffset(slot: number): number;
}

export function layoutFrame(fn: IrFunction, ctx: CompileContext): Frame {
  const { used: referenced, conflict } = slotConflicts(fn);
  const offsets = new Map<number, number>();
  /** Placed slots: bytes [top - size, top) below R10. */
  const placed: { id: number; top: number; size: number }[] = [];
  let used = 0;
  // Largest first, then largest alignment, keeps holes small.
  const slots = fn.slots.filter((s) => referenced.has(s.id)).sort((a, b) => b.sizeBytes - a.sizeBytes || b.alignBytes - a.alignBytes || a.id - b.id);
  for (const s of slots) {
    const align = Math.min(8, Math.max(1, s.alignBytes));
    const fit = (top: number) => Math.ceil(top / align) * align;
    const against = placed.filter((p) => conflict(s.id, p.id));
    const candidates = [fit(s.sizeBytes), ...against.map((p) => fit(p.top + s.sizeBytes))].sort((a, b) => a - b);
    const top = candidates.find((t) => against.every((p) => t <= p.top - p.size || t - s.sizeBytes >= p.top))!;
    placed.push({ id: s.id, top, size: s.sizeBytes });
    offsets.set(s.id, -top);
    used = Math.max(used, top);
  }
  if (used > STACK_LIMIT_BYTES) {
    const biggest = slots.slice(0, 8);
    ctx.diags.error('E5010', `stack frame of '${fn.name}' needs ${used} bytes, but BPF programs have ${STACK_LIMIT_BYTES}`, fn.span, {
      notes: biggest.map((s) => ({ message: `'${s.name}' takes ${s.sizeBytes} bytes`, span: s.span })),
    });
  }
  return { sizeBytes: used, slotOffset: (slot) => offsets.get(slot) ?? 0 };
}
