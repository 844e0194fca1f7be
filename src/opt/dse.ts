// Dead-store elimination for stack slots.
// Needs: nothing. Changes: removes a store to a stack slot when, on every path from it, every
// byte it writes is written again, or the function returns, before anything could read it (a
// load of those bytes, a call, inline assembly, an atomic or memory builtin, a load through a
// register other than a parameter), and every store to a slot whose address is never taken and
// which is never loaded. A volatile store always stays. Across blocks, in post-order, a block
// ends with the bytes that every successor starts with written-before-read; a return ends with
// every byte of the frame (nothing reads it after); a successor not yet visited (a loop back
// edge) contributes none. dropStoresOfLoadedValues: a store of the value just loaded from the same
// bytes, in any memory. Invalidates: liveness.
import type { Address, Inst, IrFunction } from '../ir/ir.js';
import { instDef, successors } from '../ir/ir.js';
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

/**
 * A store of the value just loaded from the same bytes (`s->v2 += 0` once the addition folds:
 * `%9 = load.8 [%6+8]; store.8 [%6+8], %9`) writes what is there: it goes, and dead-code
 * elimination then drops the load. Within a block; the load's value and address register must
 * not change in between, and nothing may write memory in between (a store elsewhere than other
 * bytes of the same base, a call, inline assembly, an atomic or a memory builtin). Volatile and
 * CO-RE accesses stay. Each store the kernel's verifier skips is one instruction fewer on every
 * path through it.
 */
export function dropStoresOfLoadedValues(fn: IrFunction): boolean {
  let changed = false;
  for (const b of fn.blocks) {
    /** register -> the access it was loaded by, while both it and the bytes are unchanged */
    const loaded = new Map<number, { addr: Address; size: number }>();
    const kept: Inst[] = [];
    for (const i of b.insts) {
      if (i.op === 'store') {
        const from = i.src.kind === 'reg' ? loaded.get(i.src.reg) : undefined;
        if (from !== undefined && !i.volatile && i.core === undefined && from.size === i.size && sameAddress(from.addr, i.addr)) {
          changed = true;
          continue;
        }
        for (const [r, l] of loaded) if (!disjoint(l.addr, l.size, i.addr, i.size)) loaded.delete(r);
        kept.push(i);
        continue;
      }
      if (i.op === 'call' || i.op === 'callfn' || i.op === 'asm' || i.op === 'atomic' || i.op === 'memop') loaded.clear();
      const d = instDef(i);
      if (d !== undefined) {
        loaded.delete(d);
        for (const [r, l] of loaded) if (l.addr.kind === 'reg' && l.addr.reg === d) loaded.delete(r);
      }
      if (i.op === 'load' && !i.volatile && i.core === undefined && !(i.addr.kind === 'reg' && i.addr.reg === i.dst)) {
        loaded.set(i.dst, { addr: i.addr, size: i.size });
      }
      kept.push(i);
    }
    b.insts = kept;
  }
  return changed;
}

/**
 * A store of a constant to stack bytes that already hold it (`struct key k = {};` then a copy of
 * an address whose unused bytes are zeros: `k.addr[4..15] = 0` again) writes what is there: it
 * goes. Within a block, the bytes each constant store leaves known until something may write them:
 * a store to the same bytes, a store through a register that may point into the frame, a call
 * given such a register, inline assembly, an atomic or a memory builtin. Volatile stores stay.
 */
export function dropStoresOfKnownConstants(fn: IrFunction): boolean {
  const frame = framePointers(fn);
  let changed = false;
  for (const b of fn.blocks) {
    /** slot -> byte offset -> the byte it holds */
    const known = new Map<number, Map<number, number>>();
    const forget = (slot: number, off: number, size: number) => {
      const bytes = known.get(slot);
      if (bytes) for (let k = 0; k < size; k++) bytes.delete(off + k);
    };
    const kept: Inst[] = [];
    for (const i of b.insts) {
      if (i.op === 'store' && i.addr.kind === 'slot') {
        const { slot, off } = i.addr;
        if (i.src.kind === 'imm' && !i.volatile) {
          const v = BigInt.asUintN(i.size * 8, i.src.value);
          const bytes = known.get(slot) ?? new Map<number, number>();
          let same = true;
          for (let k = 0; k < i.size; k++) if (bytes.get(off + k) !== Number((v >> BigInt(8 * k)) & 0xffn)) same = false;
          if (same) {
            changed = true;
            continue;
          }
          for (let k = 0; k < i.size; k++) bytes.set(off + k, Number((v >> BigInt(8 * k)) & 0xffn));
          known.set(slot, bytes);
        } else forget(slot, off, i.size);
        kept.push(i);
        continue;
      }
      // A call writes the frame only through a pointer to it among its arguments.
      const callWrites = (i.op === 'call' || i.op === 'callfn') && i.args.some((a) => a.kind === 'reg' && frame.has(a.reg));
      if ((i.op === 'store' && i.addr.kind === 'reg' && frame.has(i.addr.reg)) || callWrites || i.op === 'asm' || i.op === 'atomic' || i.op === 'memop') {
        known.clear();
      }
      kept.push(i);
    }
    b.insts = kept;
  }
  return changed;
}

function sameAddress(a: Address, b: Address): boolean {
  if (a.kind === 'reg') return b.kind === 'reg' && a.reg === b.reg && a.off === b.off;
  return b.kind === 'slot' && a.slot === b.slot && a.off === b.off;
}

/** Whether two accesses certainly touch different bytes: the same base register or slot, apart. */
function disjoint(a: Address, aSize: number, b: Address, bSize: number): boolean {
  const sameBase = a.kind === 'reg' ? b.kind === 'reg' && a.reg === b.reg : b.kind === 'slot' && a.slot === b.slot;
  return sameBase && (a.off + aSize <= b.off || b.off + bSize <= a.off);
}
