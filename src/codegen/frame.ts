// Frame layout: every stack slot (locals that live in memory, and spills)
// gets a negative offset from R10. Every slot is 8-byte aligned (lowering and
// spilling ask for it), so spilled registers land in slots the verifier tracks
// precisely.
import type { CompileContext } from '../context.js';
import type { IrFunction } from '../ir/ir.js';

import { STACK_LIMIT_BYTES } from '../bpf/limits.js';

export { STACK_LIMIT_BYTES };

export interface Frame {
  sizeBytes: number;
  slotOffset(slot: number): number;
}

export function layoutFrame(fn: IrFunction, ctx: CompileContext): Frame {
  const offsets = new Map<number, number>();
  let used = 0;
  // Largest alignment first keeps padding small.
  const slots = [...fn.slots].sort((a, b) => b.alignBytes - a.alignBytes || a.id - b.id);
  for (const s of slots) {
    if (s.spill && s.sizeBytes === 0) continue; // merged into another spill slot (spill-slots.ts)
    const align = Math.min(8, s.alignBytes);
    used = Math.ceil((used + s.sizeBytes) / align) * align;
    offsets.set(s.id, -used);
  }
  if (used > STACK_LIMIT_BYTES) {
    const biggest = [...fn.slots].sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, 8);
    ctx.diags.error('E5010', `stack frame of '${fn.name}' needs ${used} bytes, but BPF programs have ${STACK_LIMIT_BYTES}`, fn.span, {
      notes: biggest.map((s) => ({ message: `'${s.name}' takes ${s.sizeBytes} bytes`, span: s.span })),
    });
  }
  return { sizeBytes: used, slotOffset: (slot) => offsets.get(slot) ?? 0 };
}
