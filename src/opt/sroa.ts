// Scalar replacement of small local aggregates.
// Needs: nothing. Changes: a stack slot whose address never escapes (every use of its address
// is the base of a load or store with a constant offset, none of them volatile) and whose accesses fall into disjoint
// fields (a store of an immediate may cover several fields, as `= {0}` does) gets one virtual
// register per field: stores become copies into the field's register (truncated to the store's
// width), loads become copies out of it, and each field register starts at 0 at the entry (the
// copy is dead, and removed, unless an uninitialised field is read). A packet offset kept in a
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

export function scalarReplace(fn: IrFunction): boolean {
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

  // Fields per slot: the ranges of loads and register stores, disjoint; an immediate store
  // either is one of them, covers whole fields only, or is never read.
  const fields = new Map<number, { off: number; size: number; reg: VReg }[]>();
  for (const [slot, list] of accesses) {
    const s = fn.slots.find((x) => x.id === slot);
    if (!s || s.spill || escaped.has(slot)) continue;
    const ranges: { off: number; size: number }[] = [];
    let ok = true;
    for (const a of list) {
      if (a.off < 0 || a.off + a.size > s.sizeBytes) ok = false;
      if (a.store && a.imm !== undefined) continue;
      if (!ranges.some((r) => r.off === a.off && r.size === a.size)) ranges.push({ off: a.off, size: a.size });
    }
    const overlaps = (a: { off: number; size: number }, b: { off: number; size: number }) => a.off < b.off + b.size && b.off < a.off + a.size;
    for (let x = 0; x < ranges.length && ok; x++) for (let y = x + 1; y < ranges.length; y++) if (overlaps(ranges[x]!, ranges[y]!)) ok = false;
    for (const a of list) {
      if (!(a.store && a.imm !== undefined) || !ok) continue;
      for (const r of ranges) if (overlaps(r, a) && !(r.off >= a.off && r.off + r.size <= a.off + a.size)) ok = false;
    }
    if (!ok || ranges.length > MAX_FIELDS) continue;
    fields.set(
      slot,
      ranges.map((r) => ({ ...r, reg: fn.vregCount++ as VReg })),
    );
  }
  if (fields.size === 0) return false;

  const mask = (size: number) => (1n << BigInt(size * 8)) - 1n;
  for (const b of fn.blocks) {
    const out: Inst[] = [];
    for (const i of b.insts) {
      const at = (i.op === 'load' || i.op === 'store') && resolve(i.addr);
      const fs = at ? fields.get(at.slot) : undefined;
      if (!at || !fs || (i.op !== 'load' && i.op !== 'store')) {
        out.push(i);
        continue;
      }
      const exact = fs.find((f) => f.off === at.off && f.size === i.size);
      if (i.op === 'load') {
        out.push({ op: 'mov', bits: 64, dst: i.dst, src: { kind: 'reg', reg: exact!.reg }, span: i.span });
      } else if (i.src.kind === 'reg') {
        out.push(storeInto(exact!.reg, i.src, i.size, i.span));
      } else {
        // An immediate store: the bytes of each field it covers (little endian).
        const v = BigInt.asUintN(i.size * 8, i.src.value);
        for (const f of fs) {
          if (f.off < at.off || f.off + f.size > at.off + i.size) continue;
          const piece = (v >> BigInt((f.off - at.off) * 8)) & mask(f.size);
          out.push({ op: 'mov', bits: 64, dst: f.reg, src: { kind: 'imm', value: piece }, span: i.span });
        }
      }
    }
    b.insts = out;
  }
  const entry = fn.blocks[0]!;
  const init: Inst[] = [];
  for (const fs of fields.values()) for (const f of fs) init.push({ op: 'mov', bits: 64, dst: f.reg, src: { kind: 'imm', value: 0n }, span: fn.span });
  entry.insts.unshift(...init);
  return true;
}

/** field = the low `size` bytes of src, zero-extended (what a load of the stored bytes gives). */
function storeInto(field: VReg, src: Operand & { kind: 'reg' }, size: number, span: Inst['span']): Inst {
  if (size === 8) return { op: 'mov', bits: 64, dst: field, src, span };
  if (size === 4) return { op: 'mov', bits: 32, dst: field, src, span };
  return { op: 'alu', alu: 'and', bits: 64, dst: field, a: src, b: { kind: 'imm', value: size === 2 ? 0xffffn : 0xffn }, span };
}
