// Address folding: `p2 = p + k; load [p2 + off]` becomes `load [p + k + off]`, and a legacy
// packet load at `o = x + k` reads at x with the displacement k (LD_IND's immediate).
// Needs: nothing. Changes: within each block, rewrites the base of loads,
// stores and atomics whose base register was computed as another register
// plus a constant (or copied from one), while neither register has been
// written since, and in any block when both registers have one definition in
// the whole function; the add is left for DCE. This is how the verifier likes
// packet and context accesses: one pointer register, constant offsets. An access through a
// register that holds one stack address at each of its definitions becomes a slot access in any
// block (a slot's address never changes). A block with a single
// predecessor continues from that block's facts.
// Invalidates: liveness.
import type { Address, Inst, IrFunction, VReg } from '../ir/ir.js';
import { instDef, successors } from '../ir/ir.js';
import { defsBeforeUses, reversePostOrder } from './loops.js';

const MAX_OFF = 0x7fff;

export function foldAddresses(fn: IrFunction): boolean {
  let changed = false;
  const global = singleDefAddresses(fn);
  const globalSlots = slotAddresses(fn);
  // Every register that may become a base below: a definition of any other register only drops
  // its own entry, without a look at the others.
  const bases = new Set<VReg>();
  for (const v of global.values()) bases.add(v.base);
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if (i.op === 'alu' && i.a.kind === 'reg') bases.add(i.a.reg);
      else if (i.op === 'mov' && i.src.kind === 'reg') bases.add(i.src.reg);
    }
  }
  // A block entered only from one other block starts with what held at that block's end (an
  // unrolled loop computes an address in one copy and stores through it in the next); the others
  // start from the function-wide facts. Neither is copied: a block's facts read through to the
  // function-wide ones, and the last block to start from another's end takes its facts over.
  const preds = fn.blocks.map(() => [] as number[]);
  fn.blocks.forEach((b, k) => {
    for (const s of successors(b.term)) preds[s]!.push(k);
  });
  // Blocks in reverse post-order, so that a block entered from one other block comes after it
  // (unrolled iterations are not in index order); unreachable blocks last, in index order.
  const rpo = reversePostOrder(fn);
  const placed = new Set(rpo);
  const order = [...rpo, ...fn.blocks.map((b) => b.id).filter((id) => !placed.has(id))];
  const position = new Array<number>(fn.blocks.length);
  order.forEach((id, k) => (position[id] = k));
  /** How many blocks after each one start from its end. */
  const heirs = new Array<number>(fn.blocks.length).fill(0);
  for (let k = 0; k < fn.blocks.length; k++) if (preds[k]!.length === 1 && position[preds[k]![0]!]! < position[k]!) heirs[preds[k]![0]!]!++;
  // The registers derived from each base in the function-wide facts (see byBase below).
  const globalByBase = new Map<VReg, VReg[]>();
  for (const [r, v] of global) {
    const list = globalByBase.get(v.base);
    if (list) list.push(r);
    else globalByBase.set(v.base, [r]);
  }
  const atEnd = new Map<number, BlockFacts>();
  for (const k of order) {
    const b = fn.blocks[k]!;
    const p = preds[k]!.length === 1 && position[preds[k]![0]!]! < position[k]! ? preds[k]![0]! : undefined;
    const from = p !== undefined ? atEnd.get(p) : undefined;
    let facts: BlockFacts;
    if (from === undefined) facts = { derived: new Overlay(global), slots: new Overlay(globalSlots), byBase: new Map() };
    else if (--heirs[p!]! === 0) facts = from;
    else facts = { derived: from.derived.copy(), slots: from.slots.copy(), byBase: new Map([...from.byBase].map(([r, l]) => [r, l.slice()])) };
    atEnd.set(k, facts);
    /** reg -> base + off, valid until either is written. */
    const derived = facts.derived;
    /** reg -> address of a stack slot + off (slots never move). */
    const slots = facts.slots;
    // The registers derived from each base (entries may be stale: each is checked against
    // `derived`), so that writing a base visits only its own, not the whole map: an unrolled
    // block of thousands of `x + k` would be quadratic. Those of the function-wide facts are in
    // globalByBase.
    const byBase = facts.byBase;
    const noteDerived = (r: VReg, v: { base: VReg; off: number }) => {
      derived.set(r, v);
      const list = byBase.get(v.base);
      if (list) list.push(r);
      else byBase.set(v.base, [r]);
    };
    const fold = (a: Address): Address => {
      if (a.kind !== 'reg') return a;
      const sl = slots.get(a.reg);
      if (sl) {
        changed = true;
        return { kind: 'slot', slot: sl.slot, off: sl.off + a.off };
      }
      const d = derived.get(a.reg);
      if (!d) return a;
      const off = d.off + a.off;
      if (off < -MAX_OFF - 1 || off > MAX_OFF) return a;
      changed = true;
      return { kind: 'reg', reg: d.base, off };
    };
    b.insts = b.insts.map((i): Inst => {
      let out = i;
      if (i.op === 'load' || i.op === 'store' || i.op === 'atomic') out = { ...i, addr: fold(i.addr) } as Inst;
      else if (i.op === 'ldabs' && i.off.kind === 'reg') {
        // `o = x + k; ldabs [o]` reads at x + k: BPF_IND's immediate holds k
        const d = derived.get(i.off.reg);
        const disp = d === undefined ? 0 : d.off + (i.disp ?? 0);
        if (d !== undefined && Math.abs(disp) <= MAX_OFF) {
          out = { ...i, off: { kind: 'reg', reg: d.base }, disp: disp === 0 ? undefined : disp };
          changed = true;
        }
      }
      const dst = instDef(i);
      // `p = p + k` where p was x + off: p is x + off + k after it (a pointer stepped in place, as
      // `*buf++` unrolled does), read before the definition forgets it.
      const stepped = i.op === 'alu' && i.bits === 64 && (i.alu === 'add' || i.alu === 'sub') && i.a.kind === 'reg' && i.a.reg === dst && i.b.kind === 'imm'
        ? derived.get(dst) : undefined;
      if (dst !== undefined) {
        if (bases.has(dst)) {
          derived.delete(dst);
          for (const r of byBase.get(dst) ?? []) if (derived.get(r)?.base === dst) derived.delete(r);
          for (const r of globalByBase.get(dst) ?? []) if (derived.get(r)?.base === dst) derived.delete(r);
          byBase.delete(dst);
        } else derived.delete(dst);
        slots.delete(dst);
        if (i.op === 'slotaddr') slots.set(dst, { slot: i.slot, off: i.off });
        const fromSlot = i.op === 'alu' && i.bits === 64 && i.alu === 'add' && i.a.kind === 'reg' && i.b.kind === 'imm' ? slots.get(i.a.reg) : undefined;
        if (fromSlot && i.op === 'alu' && i.b.kind === 'imm') slots.set(dst, { slot: fromSlot.slot, off: fromSlot.off + Number(BigInt.asIntN(64, i.b.value)) });
        if (i.op === 'mov' && i.bits === 64 && i.src.kind === 'reg' && slots.has(i.src.reg)) slots.set(dst, slots.get(i.src.reg)!);
        if (i.op === 'alu' && i.bits === 64 && (i.alu === 'add' || i.alu === 'sub') && i.a.kind === 'reg' && i.b.kind === 'imm' && i.a.reg !== dst) {
          const k = Number(BigInt.asIntN(64, i.b.value)) * (i.alu === 'sub' ? -1 : 1);
          const inner = derived.get(i.a.reg);
          const base = inner ? inner.base : i.a.reg;
          const off = (inner ? inner.off : 0) + k;
          if (Math.abs(off) <= MAX_OFF) noteDerived(dst, { base, off });
        } else if (stepped !== undefined && stepped.base !== dst && i.op === 'alu' && i.b.kind === 'imm') {
          const off = stepped.off + Number(BigInt.asIntN(64, i.b.value)) * (i.alu === 'sub' ? -1 : 1);
          if (Math.abs(off) <= MAX_OFF) noteDerived(dst, { base: stepped.base, off });
        } else if (i.op === 'mov' && i.bits === 64 && i.src.kind === 'reg' && i.src.reg !== dst) {
          const inner = derived.get(i.src.reg);
          noteDerived(dst, inner ?? { base: i.src.reg, off: 0 });
        }
      }
      return out;
    });
  }
  return changed;
}

interface BlockFacts {
  derived: Overlay<{ base: VReg; off: number }>;
  slots: Overlay<{ slot: number; off: number }>;
  byBase: Map<VReg, VReg[]>;
}

/** A map by register that reads through to a shared one, which it never changes. */
class Overlay<V extends object> {
  constructor(
    private readonly shared: ReadonlyMap<VReg, V>,
    /** Entries set here, and null for those deleted from the shared map. */
    private readonly own = new Map<VReg, V | null>(),
  ) {}
  get(r: VReg): V | undefined {
    const v = this.own.get(r);
    return v === undefined ? this.shared.get(r) : (v ?? undefined);
  }
  has(r: VReg): boolean {
    return this.get(r) !== undefined;
  }
  set(r: VReg, v: V): void {
    this.own.set(r, v);
  }
  delete(r: VReg): void {
    if (this.shared.has(r)) this.own.set(r, null);
    else this.own.delete(r);
  }
  copy(): Overlay<V> {
    return new Overlay(this.shared, new Map(this.own));
  }
}

/**
 * Registers that hold the same stack address wherever they are read: every definition is
 * `slotaddr #s + off` of one slot and offset, or a copy of such a register, or such a register
 * plus a constant. A slot's address never changes, so an access through one folds to the slot in
 * any block, not only where the address was taken (a struct on the stack that inlined parsers
 * fill through a pointer, read after calls and joins).
 */
function slotAddresses(fn: IrFunction): Map<VReg, { slot: number; off: number }> {
  type Def = { slot: number; off: number } | { from: VReg; off: number } | null;
  const defs = new Map<VReg, Def[]>();
  for (const p of fn.params) defs.set(p, [null]);
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      const d = instDef(i);
      if (d === undefined) continue;
      let here: Def = null;
      if (i.op === 'slotaddr') here = { slot: i.slot, off: i.off };
      else if (i.op === 'mov' && i.bits === 64 && i.src.kind === 'reg' && i.src.reg !== d) here = { from: i.src.reg, off: 0 };
      else if (i.op === 'alu' && i.bits === 64 && (i.alu === 'add' || i.alu === 'sub') && i.a.kind === 'reg' && i.b.kind === 'imm' && i.a.reg !== d) {
        here = { from: i.a.reg, off: Number(BigInt.asIntN(64, i.b.value)) * (i.alu === 'sub' ? -1 : 1) };
      }
      const list = defs.get(d) ?? [];
      list.push(here);
      defs.set(d, list);
    }
  }
  const out = new Map<VReg, { slot: number; off: number }>();
  const resolving = new Set<VReg>();
  const resolve = (r: VReg): { slot: number; off: number } | undefined => {
    if (out.has(r)) return out.get(r);
    const list = defs.get(r);
    if (list === undefined || resolving.has(r)) return undefined;
    resolving.add(r);
    let at: { slot: number; off: number } | undefined;
    for (const d of list) {
      const here = d === null ? undefined : 'slot' in d ? d : (() => {
        const inner = resolve(d.from);
        return inner && { slot: inner.slot, off: inner.off + d.off };
      })();
      if (here === undefined || (at !== undefined && (at.slot !== here.slot || at.off !== here.off)) || Math.abs(here.off) > MAX_OFF) {
        at = undefined;
        break;
      }
      at = here;
    }
    resolving.delete(r);
    if (at !== undefined) out.set(r, at);
    return at;
  };
  for (const r of defs.keys()) resolve(r);
  return out;
}

/**
 * `p2 = p + k` where p has one definition in the whole function (a parameter has its entry) and
 * p2 is defined by that add only (once, or by copies of it): p2 is p + k wherever it is used, in any block (its use is dominated by its
 * definition, which is dominated by p's). So an access through p2 in another block than the
 * add (value numbering and sinking move them apart) still folds to p + k. Chains of such adds
 * fold to their root.
 */
function singleDefAddresses(fn: IrFunction): Map<VReg, { base: VReg; off: number }> {
  const defs = new Map<VReg, number>();
  for (const p of fn.params) defs.set(p, 1);
  /** every definition of a register, as base + offset, or null once one is anything else */
  const adds = new Map<VReg, { base: VReg; off: number } | null>();
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      const d = instDef(i);
      if (d === undefined) continue;
      defs.set(d, (defs.get(d) ?? 0) + 1);
      const here = i.op === 'alu' && i.bits === 64 && (i.alu === 'add' || i.alu === 'sub') && i.a.kind === 'reg' && i.b.kind === 'imm' && i.a.reg !== d
        ? { base: i.a.reg, off: Number(BigInt.asIntN(64, i.b.value)) * (i.alu === 'sub' ? -1 : 1) }
        : null;
      const seen = adds.get(d);
      if (seen === undefined) adds.set(d, here);
      else if (seen === null || here === null || seen.base !== here.base || seen.off !== here.off) adds.set(d, null);
    }
  }
  const out = new Map<VReg, { base: VReg; off: number }>();
  // Copies of one add (an unrolled loop computes `p2 = p + k` again in each copy) count as one
  // definition: whichever reaches a use, p2 is p + k there.
  // The base must hold one value too: one definition, or such an add itself (a chain).
  const steady = (r: VReg, depth: number): boolean => {
    if ((defs.get(r) ?? 0) === 1) return true;
    const a = adds.get(r);
    return a !== undefined && a !== null && depth < 16 && steady(a.base, depth + 1);
  };
  // In a function with a loop, a read before the add in a loop body would see an older value:
  // only registers written once, before every read, fold there.
  const ordered = defsBeforeUses(fn);
  for (const [d, a] of adds) {
    if (a === null || fn.params.includes(d) || !steady(a.base, 0)) continue;
    if (ordered && !(ordered.has(d) && ordered.has(a.base))) continue;
    if (Math.abs(a.off) <= MAX_OFF) out.set(d, a);
  }
  // A chain `p1 = p + 48; p2 = p1 + 4` (an array member of the context, indexed after unrolling)
  // is p + 52: resolved to the register at its root, so an access through p2 reads p directly.
  for (const [d, first] of out) {
    let { base, off } = first;
    for (let next = out.get(base), steps = 0; next !== undefined && steps < out.size; next = out.get(base), steps++) {
      base = next.base;
      off += next.off;
    }
    if (Math.abs(off) <= MAX_OFF) out.set(d, { base, off });
  }
  return out;
}
