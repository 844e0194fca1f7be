// Null checks of stack addresses.
// Needs: nothing. Changes: a branch that compares with 0 a register that always holds the address
// of a stack slot (a slotaddr, a copy of one, or one plus a constant) becomes a jump: an inlined
// helper's `if (out) out->x = ...` called with `&local` no longer tests the pointer. The kernel
// verifier knows a stack pointer is not NULL and skips the same branch. Invalidates: liveness;
// run simplifyCfg to drop the blocks that became unreachable.
import type { Inst, IrFunction, VReg } from '../ir/ir.js';
import { instDef } from '../ir/ir.js';

/** Whether the definition leaves a stack address, given which registers hold one. */
function definesStackAddress(i: Inst, stack: ReadonlySet<VReg>): boolean {
  if (i.op === 'slotaddr') return true;
  if (i.op === 'mov') return i.bits === 64 && i.src.kind === 'reg' && stack.has(i.src.reg);
  // A stack address plus a constant stays inside the 512-byte frame or is rejected by the verifier.
  if (i.op === 'alu' && i.bits === 64 && (i.alu === 'add' || i.alu === 'sub')) {
    return i.a.kind === 'reg' && stack.has(i.a.reg) && i.b.kind === 'imm';
  }
  return false;
}

export function foldStackNullChecks(fn: IrFunction): boolean {
  // Greatest fixpoint: every defined register is a candidate until one of its definitions is not
  // a stack address. Parameters are defined by the caller: never candidates.
  const stack = new Set<VReg>();
  const defs: Inst[] = [];
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      const d = instDef(i);
      if (d === undefined) continue;
      defs.push(i);
      stack.add(d);
    }
  }
  for (const p of fn.params) stack.delete(p);
  for (let again = true; again; ) {
    again = false;
    for (const i of defs) {
      const d = instDef(i)!;
      if (stack.has(d) && !definesStackAddress(i, stack)) {
        stack.delete(d);
        again = true;
      }
    }
  }
  let changed = false;
  for (const b of fn.blocks) {
    const t = b.term;
    if (t.op !== 'br' || t.bits !== 64 || !stack.has(t.a) || t.b.kind !== 'imm' || t.b.value !== 0n) continue;
    if (t.cmp !== 'eq' && t.cmp !== 'ne') continue;
    b.term = { op: 'jmp', target: t.cmp === 'eq' ? t.else : t.then, span: t.span };
    changed = true;
  }
  return changed;
}
