// Store-to-load forwarding on stack slots, within a block.
// Needs: nothing. Changes: a load of a stack slot's bytes that the same block stored just before,
// with nothing in between that may write them, becomes a move of the stored value (truncated to
// the access size, as the load would give it): `__u32 key = 2; ... if (key >= 5)` before
// `bpf_map_lookup_elem(&m, &key)` then compares a constant, which constProp folds. The store
// stays (the helper reads the slot). Anything that may write a slot without naming it (a store
// through a register, a call, an atomic, a memory builtin, inline assembly) forgets every stored
// value. Invalidates: liveness.
import type { Inst, IrFunction, MemSize, Operand } from '../ir/ir.js';
import { instDef } from '../ir/ir.js';

interface Stored {
  slot: number;
  off: number;
  size: MemSize;
  src: Operand;
}

/** The instruction that gives `dst` what a load of `size` bytes of the stored value `src` reads. */
function forwarded(dst: Inst & { op: 'load' }, src: Operand, size: MemSize): Inst {
  const span = dst.span;
  if (src.kind === 'imm') {
    const value = BigInt.asUintN(size * 8, src.value);
    return { op: 'mov', bits: 64, dst: dst.dst, src: { kind: 'imm', value }, span };
  }
  if (size === 8) return { op: 'mov', bits: 64, dst: dst.dst, src, span };
  if (size === 4) return { op: 'mov', bits: 32, dst: dst.dst, src, span };
  const mask = { kind: 'imm', value: (1n << BigInt(size * 8)) - 1n } as const;
  return { op: 'alu', alu: 'and', bits: 32, dst: dst.dst, a: src, b: mask, span };
}

/** Instructions that may write a stack slot they do not name. */
function writesUnnamedMemory(i: Inst): boolean {
  switch (i.op) {
    case 'store':
    case 'atomic':
      return i.addr.kind === 'reg';
    case 'call':
    case 'callfn':
    case 'memop':
    case 'asm':
      return true;
    default:
      return false;
  }
}

export function forwardStores(fn: IrFunction): boolean {
  let changed = false;
  for (const b of fn.blocks) {
    let known: Stored[] = [];
    for (let k = 0; k < b.insts.length; k++) {
      const i = b.insts[k]!;
      if (i.op === 'load' && i.addr.kind === 'slot' && !i.volatile) {
        const { slot, off } = i.addr;
        const hit = known.find((s) => s.slot === slot && s.off === off && s.size === i.size);
        if (hit) {
          b.insts[k] = forwarded(i, hit.src, i.size);
          changed = true;
        }
      } else if (writesUnnamedMemory(i)) {
        known = [];
      } else if ((i.op === 'store' || i.op === 'atomic') && i.addr.kind === 'slot') {
        const { slot, off } = i.addr;
        const end = off + i.size;
        known = known.filter((s) => s.slot !== slot || s.off + s.size <= off || end <= s.off);
        if (i.op === 'store' && !i.volatile) known.push({ slot, off, size: i.size, src: i.src });
      }
      const d = instDef(b.insts[k]!);
      if (d !== undefined) known = known.filter((s) => s.src.kind !== 'reg' || s.src.reg !== d);
    }
  }
  return changed;
}
