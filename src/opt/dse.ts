// Dead-store elimination for stack slots.
// Needs: nothing. Changes: removes a store to a stack slot when, on every path from it, every
// byte it writes is written again, or the function returns, before anything could read it (a
// load of those bytes, a call, inline assembly, an atomic or memory builtin, a load through a
// register other than a parameter), and every store to a slot whose address is never taken and
// which is never loaded. A volatile store always stays. Across blocks, in post-order, a block
// ends with the bytes that every successor starts with written-before-read; a return ends with
// every byte of the frame (nothing reads it after); a successor not yet visited (a loop back
// edge) contributes none. Invalidates: liveness.
import type { Inst, IrFunction } from '../ir/ir.js';
import { successors } from '../ir/ir.js';
import { framePointers } from './frame-pointers.js';
import { reversePostOrder } from './loops.js';

type Covered = Map<number, Set<number>>;

/** Every byte of every slot: what a return leaves unread. */
function wholeFrame(fn: IrFunction): Covered {
  const all: Covered = new Map();
  for (const slot of fn.slots) {
    const bytes = new Set<number>();
    for (let x = 0; x < slot.sizeBytes; x++) bytes.add(x);
    all.set(slot.id, bytes);
  }
  return all;
}

/** The bytes written before any read on every path out of a block: those every successor starts with. */
function coveredAtExit(fn: IrFunction, succs: readonly number[], atEntry: ReadonlyMap<number, Covered>): Covered {
  if (succs.length === 0) return wholeFrame(fn);
  const maps = succs.map((s) => atEntry.get(s));
  if (maps.some((m) => m === undefined)) return new Map(); // a back edge: nothing is known
  const [first, ...rest] = maps as Covered[];
  const out: Covered = new Map();
  for (const [slot, bytes] of first!) {
    const both = new Set([...bytes].filter((x) => rest.every((m) => m.get(slot)?.has(x) === true)));
    if (both.size > 0) out.set(slot, both);
  }
  return out;
}

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
  const frame = framePointers(fn);
  /** block -> the bytes written before any possible read from its start */
  const atEntry = new Map<number, Covered>();
  for (const id of reversePostOrder(fn).reverse()) {
    const b = fn.blocks[id]!;
    /** slot -> the bytes written later (in the block or after it) before any possible read. */
    const covered = coveredAtExit(fn, successors(b.term), atEntry);
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
      } else if (i.op === 'call' || i.op === 'callfn' || i.op === 'asm' || i.op === 'atomic' || i.op === 'memop' || (i.op === 'load' && i.addr.kind === 'reg' && frame.has(i.addr.reg))) {
        covered.clear();
      }
      kept.push(i);
    }
    b.insts = kept.reverse();
    atEntry.set(id, covered);
  }
  return changed;
}
