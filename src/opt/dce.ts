// Dead code elimination.
// Needs: nothing. Changes: removes instructions without side effects whose
// result is not live afterwards (liveness per program point, so a write that
// is overwritten before any read goes too, although registers are not in SSA
// form), repeating until nothing changes; a call's unused result is dropped
// but the call stays, and a volatile load stays even when its value is unused. Invalidates: liveness.
import type { Inst, IrFunction } from '../ir/ir.js';
import { instDef, instUses, isVolatileAccess, termUses } from '../ir/ir.js';
import { computeLiveOut } from '../ir/liveness.js';

function hasSideEffects(i: Inst): boolean {
  return i.op === 'store' || i.op === 'call' || i.op === 'callfn' || i.op === 'atomic' || i.op === 'memop' || i.op === 'asm' || isVolatileAccess(i);
}

export function deadCodeElim(fn: IrFunction): boolean {
  let changed = false;
  for (;;) {
    const liveOut = computeLiveOut(fn);
    let removed = false;
    for (const b of fn.blocks) {
      const live = new Set(liveOut[b.id]);
      for (const u of termUses(b.term)) live.add(u);
      const kept: Inst[] = [];
      for (let k = b.insts.length - 1; k >= 0; k--) {
        const i = b.insts[k]!;
        const d = instDef(i);
        if (d !== undefined && !live.has(d)) {
          if (!hasSideEffects(i)) {
            removed = true;
            continue;
          }
          if ((i.op === 'call' || i.op === 'callfn') && i.dst !== undefined) {
            i.dst = undefined;
            removed = true;
          }
        }
        if (d !== undefined) live.delete(d);
        for (const u of instUses(i)) live.add(u);
        kept.push(i);
      }
      b.insts = kept.reverse();
    }
    if (!removed) return changed;
    changed = true;
  }
}
