// Scalar replacement of small local aggregates.
// Needs: nothing. Changes: a stack slot whose address never escapes (every use of its address,
// or of the address plus a constant, is the base of a load or store with a constant offset, none
// of them volatile) and whose accesses fall into disjoint
// fields (a store of an immediate may cover several fields, as `= {0}` does) gets one virtual
// register per field: stores become copies into the field's register (truncated to the store's
// width), loads become copies out of it. Accesses that overlap (the storage units of bit-fields,
// read and written at several widths) share one register when together they span at most 8
// bytes: a narrower load shifts and masks it, a narrower store merges into it (little endian, as
// the bytes sit in memory). Each field register starts at 0 at the entry (the
// copy is dead, and removed, unless an uninitialised field is read), except a field that stores
// only ever set whole: it is left undefined on the paths that never set it, as lowering leaves a
// local assigned on some paths only. A packet offset kept in a
// struct member so stays a register the verifier knows (the constant 14 rather than an unknown
// value read back from the stack), as clang's SROA keeps it. Invalidates: liveness.
import type { Address, Inst, IrFunction, Operand, VReg } from '../ir/ir.js';
import { instDef, instUses, termUses } from '../ir/ir.js';

const MAX_FIELDS = 16;

interface Access {
  off: number;
  size: number;
  store: boolean;
  imm?: bigint;
}

/** Limits on the slots replaced; by default every slot whose accesses allow it. */
export interface ScalarReplaceLimits {
  /** Slots of at most this many bytes. */
  maxSlotBytes?: number;
  /** Slots with at least this many fields: aggregates, not a lone scalar. */
  minFields?: number;
}

export function scalarReplace(fn: IrFunction, limits: ScalarReplaceLimits = {}): boolean {
  const { maxSlotBytes = Infinity, minFields = 1 } = limits;
  // Registers that hold a slot's address: slot and offset; they must be single-definition.
  const defs = new Map<number, number>();
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      const d = instDef(i);
      if (d !== undefined) defs.set(d, (defs.get(d) ?? 0) + 1);
    }
  }
  const escaped = new Set<number>();
  const addrRegs = new Map<VReg, { slot: number; off: number }>();
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if (i.op === 'slotaddr') {
        if (defs.get(i.dst) !== 1 || fn.params.includes(i.dst)) escaped.add(i.slot);
        else addrRegs.set(i.dst, { slot: i.slot, off: i.off });
      }
    }
  }
  // An address plus a constant (`&pkt->saddr6`, the source of a by-value argument's copy, before
  // fold-address folds it into the accesses) is another address register of the slot.
  const derived = new Set<Inst>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const b of fn.blocks) {
      for (const i of b.insts) {
        if (i.op !== 'alu' || i.alu !== 'add' || i.bits !== 64 || derived.has(i) || defs.get(i.dst) !== 1) continue;
        const [base, k] = i.a.kind === 'reg' && i.b.kind === 'imm' ? [i.a.reg, i.b.value] : i.b.kind === 'reg' && i.a.kind === 'imm' ? [i.b.reg, i.a.value] : [undefined, 0n];
        const at = base === undefined ? undefined : addrRegs.get(base);
        if (!at || k < -0x8000n || k > 0x7fffn) continue;
        addrRegs.set(i.dst, { slot: at.slot, off: at.off + Number(k) });
        derived.add(i);
        grew = true;
      }
    }
  }
  const accesses = new Map<number, Access[]>();
  const resolve = (a: Address): { slot: number; off: number } | undefined => {
    if (a.kind === 'slot') return { slot: a.slot, off: a.off };
    const r = addrRegs.get(a.reg);
    return r && { slot: r.slot, off: r.off + a.off };
  };
  const note = (slot: number, acc: Access) => {
    const list = accesses.get(slot) ?? [];
    list.push(acc);
    accesses.set(slot, list);
  };
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      // An address register used other than as the base of a load or store: the slot escapes.
      const baseUse = (i.op === 'load' || i.op === 'store') && i.addr.kind === 'reg' ? i.addr.reg : undefined;
      if (derived.has(i)) continue;
      for (const u of instUses(i)) {
        const r = addrRegs.get(u);
        if (r && u !== baseUse) escaped.add(r.slot);
        if (r && i.op === 'store' && i.src.kind === 'reg' && i.src.reg === u) escaped.add(r.slot);
      }
      if (i.op === 'load' || i.op === 'store') {
        const at = resolve(i.addr);
        if (at) note(at.slot, { off: at.off, size: i.size, store: i.op === 'store', imm: i.op === 'store' && i.src.kind === 'imm' ? i.src.value : undefined });
        if (at && i.volatile) escaped.add(at.slot); // its accesses stay accesses
      } else if (i.op === 'atomic') {
        const at = resolve(i.addr);
        if (at) escaped.add(at.slot);
      } else if (i.op === 'memop') {
        for (const a of [i.to, i.from]) {
          const at = a && resolve(a);
          if (at) escaped.add(at.slot);
        }
      }
    }
    for (const u of termUses(b.term)) {
      const r = addrRegs.get(u);
      if (r) escaped.add(r.slot);
    }
  }

  // Fields per slot: the ranges of loads and register stores, overlapping ones merged, each at
  // most 8 bytes; an immediate store sets the bytes of the fields it covers, whole or in part.
  const fields = new Map<number, Field[]>();
  for (const [slot, list] of accesses) {
    const s = fn.slots.find((x) => x.id === slot);
    if (!s || s.spill || escaped.has(slot) || s.sizeBytes > maxSlotBytes) continue;
    if (list.some((a) => a.off < 0 || a.off + a.size > s.sizeBytes)) continue;
    const ranges = mergeOverlapping(list.filter((a) => !(a.store && a.imm !== undefined)));
    if (ranges.some((r) => r.size > 8) || ranges.length > MAX_FIELDS || ranges.length < minFields) continue;
    fields.set(
      slot,
      ranges.map((r) => ({ ...r, reg: fn.vregCount++ as VReg })),
    );
  }
  if (fields.size === 0) return false;

  const newVReg = () => fn.vregCount++ as VReg;
  // Fields that some store sets whole, and fields that a store sets in part (which reads the rest).
  const setWhole = new Set<VReg>();
  const setInPart = new Set<VReg>();
  for (const b of fn.blocks) {
    const out: Inst[] = [];
    for (const i of b.insts) {
      const at = (i.op === 'load' || i.op === 'store') && resolve(i.addr);
      const fs = at ? fields.get(at.slot) : undefined;
      if (!at || !fs || (i.op !== 'load' && i.op !== 'store')) {
        out.push(i);
        continue;
      }
      const f = fs.find((x) => x.off <= at.off && at.off + i.size <= x.off + x.size);
      if (i.op === 'load') {
        out.push(...loadFrom(f!, at.off - f!.off, i.size, i.dst, i.span));
      } else if (i.src.kind === 'reg') {
        if (f!.off === at.off && f!.size === i.size) {
          out.push(storeInto(f!.reg, i.src, i.size, i.span));
          setWhole.add(f!.reg);
        } else {
          out.push(...mergeInto(f!, at.off - f!.off, i.size, i.src, newVReg, i.span));
          setInPart.add(f!.reg);
        }
      } else {
        // An immediate store: the bytes of each field it covers, or covers in part (little endian).
        const v = BigInt.asUintN(i.size * 8, i.src.value);
        for (const x of fs) {
          const lo = Math.max(x.off, at.off);
          const hi = Math.min(x.off + x.size, at.off + i.size);
          if (lo >= hi) continue;
          const piece = (v >> BigInt((lo - at.off) * 8)) & mask(hi - lo);
          if (lo === x.off && hi === x.off + x.size) {
            out.push({ op: 'mov', bits: 64, dst: x.reg, src: { kind: 'imm', value: piece }, span: i.span });
            setWhole.add(x.reg);
          } else {
            out.push(...mergeInto(x, lo - x.off, hi - lo, { kind: 'imm', value: piece }, newVReg, i.span));
            setInPart.add(x.reg);
          }
        }
      }
    }
    b.insts = out;
  }
  const entry = fn.blocks[0]!;
  const init: Inst[] = [];
  for (const fs of fields.values()) {
    for (const f of fs) {
      // A field only ever set whole and set on some path is left without a value at the entry,
      // as lowering leaves a local assigned on some paths only: the optimiser then takes the
      // assigned value for the paths that never set it, as clang does with an undefined value
      // (a parser's out-parameter left unset on its error return, then tested by the caller).
      if (setWhole.has(f.reg) && !setInPart.has(f.reg)) continue;
      init.push({ op: 'mov', bits: 64, dst: f.reg, src: { kind: 'imm', value: 0n }, span: fn.span });
    }
  }
  entry.insts.unshift(...init);
  return true;
}

interface Field {
  off: number;
  size: number;
  reg: VReg;
}

const mask = (size: number) => (1n << BigInt(size * 8)) - 1n;

/** The ranges of the accesses, each group of overlapping ones merged into one range. */
function mergeOverlapping(list: readonly { off: number; size: number }[]): { off: number; size: number }[] {
  const sorted = [...list].sort((a, b) => a.off - b.off || b.size - a.size);
  const out: { off: number; size: number }[] = [];
  for (const a of sorted) {
    const last = out[out.length - 1];
    if (last && a.off < last.off + last.size) last.size = Math.max(last.size, a.off + a.size - last.off);
    else out.push({ off: a.off, size: a.size });
  }
  return out;
}

/** dst = the `size` bytes at byte `at` of the field, zero-extended (a load of those bytes). */
function loadFrom(f: Field, at: number, size: number, dst: VReg, span: Inst['span']): Inst[] {
  if (at === 0 && size === f.size) return [{ op: 'mov', bits: 64, dst, src: { kind: 'reg', reg: f.reg }, span }];
  const out: Inst[] = [];
  let src: Operand & { kind: 'reg' } = { kind: 'reg', reg: f.reg };
  if (at > 0) {
    out.push({ op: 'alu', alu: 'rsh', bits: 64, dst, a: src, b: { kind: 'imm', value: BigInt(at * 8) }, span });
    src = { kind: 'reg', reg: dst };
  }
  // The bytes above the load's are in the field when it ends before the field does.
  if (at + size < f.size || src.reg === f.reg) out.push(storeInto(dst, src, size, span));
  return out;
}

/** The `size` bytes at byte `at` of the field = the low bytes of src; the other bytes stay. */
function mergeInto(f: Field, at: number, size: number, src: Operand, newVReg: () => VReg, span: Inst['span']): Inst[] {
  const shift = BigInt(at * 8);
  const keep = BigInt.asUintN(64, ~(mask(size) << shift));
  const out: Inst[] = [{ op: 'alu', alu: 'and', bits: 64, dst: f.reg, a: { kind: 'reg', reg: f.reg }, b: { kind: 'imm', value: keep }, span }];
  if (src.kind === 'imm') {
    const v = (BigInt.asUintN(64, src.value) & mask(size)) << shift;
    if (v !== 0n) out.push({ op: 'alu', alu: 'or', bits: 64, dst: f.reg, a: { kind: 'reg', reg: f.reg }, b: { kind: 'imm', value: v }, span });
    return out;
  }
  const t = newVReg();
  out.unshift(storeInto(t, src as Operand & { kind: 'reg' }, size, span));
  if (shift > 0n) out.splice(1, 0, { op: 'alu', alu: 'lsh', bits: 64, dst: t, a: { kind: 'reg', reg: t }, b: { kind: 'imm', value: shift }, span });
  out.push({ op: 'alu', alu: 'or', bits: 64, dst: f.reg, a: { kind: 'reg', reg: f.reg }, b: { kind: 'reg', reg: t }, span });
  return out;
}

/** field = the low `size` bytes of src, zero-extended (what a load of the stored bytes gives). */
function storeInto(field: VReg, src: Operand & { kind: 'reg' }, size: number, span: Inst['span']): Inst {
  if (size === 8) return { op: 'mov', bits: 64, dst: field, src, span };
  if (size === 4) return { op: 'mov', bits: 32, dst: field, src, span };
  return { op: 'alu', alu: 'and', bits: 64, dst: field, a: src, b: { kind: 'imm', value: size === 2 ? 0xffffn : 0xffn }, span };
}
