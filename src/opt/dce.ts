// Dead code elimination.
// Needs: nothing. Changes: removes instructions without side effects whose
// register is never read anywhere in the function (a whole-function test,
// valid although registers are not in SSA form), repeating until nothing
// changes; a call's unused result is dropped but the call stays.
// Invalidates: liveness.
import type { Inst, IrFunction } from '../ir/ir.js';
import { instDef, instUses, termUses } from '../ir/ir.js';

function hasSideEffects(i: Inst): boolean {
  return i.op === 'store' || i.op === 'call' || i.op === 'callfn' || i.op === 'atomic';
}

export function deadCodeElim(fn: IrFunction): boolean {
  let changed = false;
  for (;;) {
    const used = new Set<number>();
    for (const b of fn.blocks) {
      for (const i of b.insts) for (const u of instUses(i)) used.add(u);
      for (const u of termUses(b.term)) used.add(u);
    }
    let removed = false;
    for (const b of fn.blocks) {
      b.insts = b.insts.filter((i) => {
        const d = instDef(i);
        if (d === undefined || used.has(d)) return true;
        if (hasSideEffects(i)) {
          if ((i.op === 'call' || i.op === 'callfn') && i.dst !== undefined) {
            i.dst = undefined;
            removed = true;
          }
          return true;
        }
        removed = true;
        return false;
      });
    }
    if (!removed) return changed;
    changed = true;
  }
}
