// CO-RE field offsets into accesses: `o = field_offset core(...); a = p + o; load [a + 0]`
// becomes `load [p + OFF] core(...)`, the form clang emits, where the loader rewrites the
// instruction's offset field (libbpf's bpf_core_patch_insn) instead of a `mov`'s immediate.
// Needs: nothing; runs last, at every -O level, so no other pass sees a load or store that
// carries a CO-RE field (its offset is the loader's to change, not a constant to fold).
// Changes: an addition of a pointer and a field offset whose sum only loads and stores at offset
// 0 use, later in its block while the pointer is not written, or anywhere when the pointer and
// the sum each hold one value in the whole function, is removed with the field offset.
// Other uses keep the `mov` and the addition, which is right for any pointer the kernel lets a
// program add a constant to.
// Invalidates: liveness.
import type { Inst, IrFunction, VReg } from '../ir/ir.js';
import { instDef, instUses, termUses } from '../ir/ir.js';
import { defsBeforeUses } from './loops.js';

export function foldFieldOffsets(fn: IrFunction): boolean {
  const defs = new Map<VReg, number>();
  const uses = new Map<VReg, number>();
  const fieldOffs = new Map<VReg, Inst & { op: 'fieldoff' }>();
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      const d = instDef(i);
      if (d !== undefined) defs.set(d, (defs.get(d) ?? 0) + 1);
      for (const u of instUses(i)) uses.set(u, (uses.get(u) ?? 0) + 1);
      if (i.op === 'fieldoff' && !i.info) fieldOffs.set(i.dst, i);
    }
    for (const u of termUses(b.term)) uses.set(u, (uses.get(u) ?? 0) + 1);
  }
  if (fieldOffs.size === 0) return false;
  for (const p of fn.params) defs.set(p, (defs.get(p) ?? 0) + 1);
  // In a function with a loop, only a register written once before every read holds one value.
  const ordered = defsBeforeUses(fn);
  const steady = (r: VReg) => defs.get(r) === 1 && (ordered === undefined || ordered.has(r));
  const removed = new Set<Inst>();
  for (const b of fn.blocks) {
    for (let k = 0; k < b.insts.length; k++) {
      const add = b.insts[k]!;
      if (add.op !== 'alu' || add.alu !== 'add' || add.bits !== 64 || add.a.kind !== 'reg' || add.b.kind !== 'reg') continue;
      const [base, off] = fieldOffs.has(add.b.reg) ? [add.a.reg, add.b.reg] : [add.b.reg, add.a.reg];
      const field = fieldOffs.get(off);
      if (!field || defs.get(off) !== 1 || uses.get(off) !== 1 || defs.get(add.dst) !== 1 || base === add.dst) continue;
      // Every use of the sum: the address of a load or store at offset 0, later in this block,
      // before anything writes the pointer.
      let left = uses.get(add.dst) ?? 0;
      const accesses: (Inst & { op: 'load' | 'store' })[] = [];
      for (let j = k + 1; j < b.insts.length && left > 0; j++) {
        const i = b.insts[j]!;
        const n = instUses(i).filter((u) => u === add.dst).length;
        if (n > 0) {
          if ((i.op !== 'load' && i.op !== 'store') || i.addr.kind !== 'reg' || i.addr.off !== 0 || n !== 1 || (i.op === 'store' && i.src.kind === 'reg' && i.src.reg === add.dst)) break;
          accesses.push(i);
          left -= n;
        }
        if (instDef(i) === base) break;
      }
      if (left !== 0 && steady(base) && steady(add.dst)) {
        // Both registers hold one value everywhere (fold-address.ts's rule): the uses may be in
        // any block, as after sinkToUses moved the loads below a branch.
        accesses.length = 0;
        left = 0;
        for (const ob of fn.blocks) {
          if (termUses(ob.term).includes(add.dst)) left++;
          for (const i of ob.insts) {
            const n = instUses(i).filter((u) => u === add.dst).length;
            if (n === 0) continue;
            if ((i.op !== 'load' && i.op !== 'store') || i.addr.kind !== 'reg' || i.addr.off !== 0 || n !== 1) left++;
            else accesses.push(i);
          }
        }
      }
      if (left !== 0 || accesses.length === 0) continue;
      for (const i of accesses) {
        i.addr = { kind: 'reg', reg: base, off: field.core.offsetBytes };
        i.core = field.core;
      }
      removed.add(add);
      removed.add(field);
    }
  }
  if (removed.size === 0) return false;
  for (const b of fn.blocks) b.insts = b.insts.filter((i) => !removed.has(i));
  return true;
}
