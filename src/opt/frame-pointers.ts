// Which virtual registers may hold an address in the function's own stack frame, and which
// surely hold one (stackAddressRegisters).
// Needs: nothing. Changes: nothing (an analysis for dse and forward-stores). Flow-insensitive:
// a register is a frame pointer if any of its definitions may be one. The seeds are `slotaddr`
// results and inline assembly outputs (the text may read r10); an instruction whose operands
// include a frame pointer defines one; once a frame pointer is stored to memory, passed to a
// BPF-to-BPF call, to inline assembly or to a helper that keeps pointers (the dynptr helpers), or
// written by an atomic, every load result, call result and result of such a helper may be one
// too. Parameters never point into this frame, and no other helper returns an address in the
// caller's stack.
import { helperKeepsPointers } from '../bpf/helpers.js';
import type { Inst, IrFunction, VReg } from '../ir/ir.js';
import { instDef, instUses } from '../ir/ir.js';

/** Whether `i` lets a frame address leave registers (to memory or to a callee). */
function escapesValue(i: Inst, frame: ReadonlySet<VReg>): boolean {
  switch (i.op) {
    case 'store':
      return i.src.kind === 'reg' && frame.has(i.src.reg);
    case 'atomic':
      return frame.has(i.src);
    case 'callfn':
      return i.args.some((a) => a.kind === 'reg' && frame.has(a.reg));
    case 'call':
      return helperKeepsPointers(i.helper) && i.args.some((a) => a.kind === 'reg' && frame.has(a.reg));
    case 'asm':
      return instUses(i).some((u) => frame.has(u));
    default:
      return false;
  }
}

export function framePointers(fn: IrFunction): Set<VReg> {
  const frame = new Set<VReg>();
  let escaped = false;
  for (let changed = true; changed; ) {
    changed = false;
    for (const b of fn.blocks) {
      for (const i of b.insts) {
        if (!escaped && escapesValue(i, frame)) {
          escaped = true;
          changed = true;
        }
        const d = instDef(i);
        if (d === undefined || frame.has(d)) continue;
        let may: boolean;
        switch (i.op) {
          case 'slotaddr':
          case 'asm':
            may = true;
            break;
          case 'load':
          case 'callfn':
          case 'atomic':
            may = escaped;
            break;
          case 'call':
            may = escaped && helperKeepsPointers(i.helper);
            break;
          case 'mapaddr':
          case 'dataaddr':
          case 'funcaddr':
          case 'btftypeid':
          case 'fieldoff':
          case 'ldabs':
            may = false;
            break;
          default:
            may = instUses(i).some((u) => frame.has(u));
        }
        if (may) {
          frame.add(d);
          changed = true;
        }
      }
    }
  }
  return frame;
}

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

/**
 * The registers that hold an address in the function's own stack frame on every path: each
 * definition is a `slotaddr`, a copy of such a register, or one plus a constant. Greatest
 * fixpoint: every defined register is a candidate until one of its definitions is not a stack
 * address. Parameters are defined by the caller: never candidates.
 */
export function stackAddressRegisters(fn: IrFunction): Set<VReg> {
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
  return stack;
}
