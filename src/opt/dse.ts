// Dead-store elimination for stack slots.
// Needs: nothing. Changes: removes a store to a stack slot when every byte it writes is written
// again later in the same block before anything could read it (a load of those bytes, a call,
// inline assembly, an atomic or memory builtin, a load through a register other than a
// parameter), and every store to a
// slot whose address is never taken and which is never loaded. A volatile store always stays.
// Invalidates: liveness.
import type { Inst, IrFunction } from '../ir/ir.js';

export function deadStoreElim(fn: IrFunction): boolean {
  // Slots whose address is taken (a register may read them) and slots that are loaded somewhere.
  const escaped = new Set<number>();
  const loaded = new Set<number>();
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if (i.op === 'slotaddr') escaped.add(i.slot);
      if (i.op === 'load' && i.addr.kind === 'slot') loaded.add(i.addr.slot);
      if ((i.op === 'atomic' || i.op === 'memop') && (i.op === 'atomic' ? [i.addr] : [i.to, i.from]).some((a) => a?.kind === 'slot')) {
        for (const a of i.op === 'atomic' ? [i.addr] : [i.to, i.from]) if (a?.kind === 'slot') escaped.add(a.slot);
      }
    }
  }
  let changed = false;
  for (const b of fn.blocks) {
    /** slot -> the bytes written later in the block before any possible read. */
    const covered = new Map<number, Set<number>>();
    const kept: Inst[] = [];
    for (let k = b.insts.length - 1; k >= 0; k--) {
      const i = b.insts[k]!;
      if (i.op === 'store' && i.addr.kind === 'slot') {
        const { slot, off } = i.addr;
        const bytes = covered.get(slot) ?? new Set<number>();
        let dead = !i.volatile && !escaped.has(slot) && !loaded.has(slot);
        if (!dead && !i.volatile) {
          dead = true;
          for (let x = off; x < off + i.size; x++) if (!bytes.has(x)) dead = false;
        }
        if (dead) {
          changed = true;
          continue;
        }
        for (let x = off; x < off + i.size; x++) bytes.add(x);
        covered.set(slot, bytes);
      } else if (i.op === 'load' && i.addr.kind === 'slot') {
        const bytes = covered.get(i.addr.slot);
        if (bytes) for (let x = i.addr.off; x < i.addr.off + i.size; x++) bytes.delete(x);
      } else if (i.op === 'call' || i.op === 'callfn' || i.op === 'asm' || i.op === 'atomic' || i.op === 'memop' || (i.op === 'load' && i.addr.kind === 'reg' && !fn.params.includes(i.addr.reg))) {
        // (a parameter never points into this function's own frame)
        covered.clear();
      }
      kept.push(i);
    }
    b.insts = kept.reverse();
  }
  return changed;
}
