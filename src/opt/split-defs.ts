// Splitting a register's definitions into their own registers, within a block.
// Needs: nothing (computes liveness). Changes: a definition of a register written more than once,
// whose value no other block reads
// (the register is written again later in the block, or is not live out of it) gets a fresh
// register, and the reads up to the next definition read that one. Unrolling copies a loop body
// with the same registers in each copy (`u = u << 8 | addr[i]` six times writes %u, %t and
// the byte's register six times each); as one register each, the copies interfere with
// everything and copy-prop, which needs single definitions, leaves the moves between them. Split,
// every copy is a short value of its own that copy-prop and the allocator can merge. Invalidates:
// liveness.
import type { Inst, IrFunction, VReg } from '../ir/ir.js';
import { instDef, instUses, termUses } from '../ir/ir.js';
import { computeLiveOut } from '../ir/liveness.js';
import { renameUses } from './copy-prop.js';

export function splitLocalDefs(fn: IrFunction): boolean {
  // Registers written once already are one value each: only the others are split.
  const defs = new Map<VReg, number>();
  for (const p of fn.params) defs.set(p, 1);
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      const d = instDef(i);
      if (d !== undefined) defs.set(d, (defs.get(d) ?? 0) + 1);
    }
  }
  if (![...defs.values()].some((n) => n > 1)) return false;
  const liveOut = computeLiveOut(fn);
  let changed = false;
  for (const b of fn.blocks) {
    const lastDef = new Map<VReg, number>();
    for (let k = 0; k < b.insts.length; k++) {
      const d = instDef(b.insts[k]!);
      if (d !== undefined) lastDef.set(d, k);
    }
    const out = liveOut[b.id]!;
    const current = new Map<VReg, VReg>();
    const map = (r: VReg) => current.get(r) ?? r;
    for (let k = 0; k < b.insts.length; k++) {
      let i: Inst = b.insts[k]!;
      if (current.size > 0 && instUses(i).some((u) => current.has(u))) i = renameUses(i, map);
      const d = instDef(i);
      if (d !== undefined) {
        if (defs.get(d)! > 1 && (lastDef.get(d) !== k || !out.has(d))) {
          const fresh = fn.vregCount++ as VReg;
          const name = fn.vregNames.get(d);
          if (name !== undefined) fn.vregNames.set(fresh, name);
          i = { ...i, dst: fresh } as Inst;
          current.set(d, fresh);
          changed = true;
        } else {
          current.delete(d);
        }
      }
      b.insts[k] = i;
    }
    if (current.size > 0 && termUses(b.term).some((u) => current.has(u))) {
      const t = b.term;
      if (t.op === 'br') b.term = { ...t, a: map(t.a), b: t.b.kind === 'reg' ? { kind: 'reg', reg: map(t.b.reg) } : t.b };
      else if (t.op === 'ret' && t.value?.kind === 'reg') b.term = { ...t, value: { kind: 'reg', reg: map(t.value.reg) } };
    }
  }
  return changed;
}
