// Null checks of stack addresses.
// Needs: nothing. Changes: a branch that compares with 0 a register that always holds the address
// of a stack slot (a slotaddr, a copy of one, or one plus a constant) becomes a jump: an inlined
// helper's `if (out) out->x = ...` called with `&local` no longer tests the pointer. The kernel
// verifier knows a stack pointer is not NULL and skips the same branch. Invalidates: liveness;
// run simplifyCfg to drop the blocks that became unreachable.
import type { IrFunction } from '../ir/ir.js';
import { stackAddressRegisters } from './frame-pointers.js';

export function foldStackNullChecks(fn: IrFunction): boolean {
  const stack = stackAddressRegisters(fn);
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
