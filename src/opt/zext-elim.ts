// Zero-extension elimination.
// Needs: nothing. Changes: a 32-bit move (`w1 = w2`, which clears the upper
// half) of a register whose every definition already leaves the upper half
// zero (loads of 4 bytes or less, 32-bit ALU results, 32-bit constants)
// becomes a plain 64-bit move, which the register allocator can coalesce
// away. Invalidates: nothing.
import type { Inst, IrFunction } from '../ir/ir.js';
import { instDef } from '../ir/ir.js';

function clearsUpperHalf(i: Inst): boolean {
  switch (i.op) {
    case 'load':
      return i.size <= 4;
    case 'alu':
    case 'neg':
      return i.bits === 32;
    case 'sext':
      return i.bits === 32;
    case 'bswap':
      return i.bits <= 32;
    case 'mov':
      return i.bits === 32 || (i.src.kind === 'imm' && BigInt.asUintN(64, i.src.value) <= 0xffffffffn);
    default:
      return false;
  }
}

export function eliminateZeroExtensions(fn: IrFunction): boolean {
  // Greatest fixpoint: assume every register clean, then clear those with a
  // definition that may set the upper half (a 64-bit copy is as clean as its source).
  const clean = new Map<number, boolean>();
  for (const p of fn.params) clean.set(p, false);
  const defs: Inst[] = [];
  for (const b of fn.blocks) for (const i of b.insts) if (instDef(i) !== undefined) defs.push(i);
  for (let again = true; again; ) {
    again = false;
    for (const i of defs) {
      const d = instDef(i)!;
      if (clean.get(d) === false) continue;
      const ok = i.op === 'mov' && i.bits === 64 && i.src.kind === 'reg' ? clean.get(i.src.reg) !== false : clearsUpperHalf(i);
      if (!ok) {
        clean.set(d, false);
        again = true;
      }
    }
  }
  let changed = false;
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if (i.op === 'mov' && i.bits === 32 && i.src.kind === 'reg' && clean.get(i.src.reg) !== false) {
        i.bits = 64;
        changed = true;
      }
    }
  }
  return changed;
}
