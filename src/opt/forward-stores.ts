// Store-to-load forwarding on stack slots.
// Needs: nothing. Changes: a load of a stack slot's bytes that a store wrote before on every path
// to it, with nothing in between that may write them, becomes a move of the stored value
// (truncated to the access size, as the load would give it): `__u32 key = 2; ... if (key >= 5)`
// before `bpf_map_lookup_elem(&m, &key)` then compares a constant, which constProp folds; and a
// variable whose address a helper takes (`label = label << 8 | c` in an unrolled loop, then
// `bpf_map_lookup_elem(&m, &label)`) is read from its register, not reloaded after every branch.
// A load inside the bytes of a constant's store takes that part of the constant (`struct x v = {};`
// then `v.flags`), and a load leaves the bytes it read in its register for the loads of the same
// bytes after it (a switch on a field compares one register, not a reload per case).
// The store stays (dse removes it when no path reads it). Anything that may write a slot without
// naming it (a store through a register that may hold a frame address, see frame-pointers.ts; a
// call, an atomic, a memory builtin, inline assembly) forgets every stored value, and so does a
// new definition of the stored register. Across blocks, in
// reverse post-order, a block starts with the stores that every predecessor ends with (the same
// slot bytes, the same value); a block with a predecessor not yet visited (a loop header) starts
// with none. Invalidates: liveness.
import type { Inst, IrFunction, MemSize, Operand, VReg } from '../ir/ir.js';
import { instDef } from '../ir/ir.js';
import { framePointers } from './frame-pointers.js';
import { predecessors, reversePostOrder } from './loops.js';

interface Stored {
  slot: number;
  off: number;
  size: MemSize;
  src: Operand;
  /** The bytes were loaded into `src` (zero-extended), not stored from it. */
  loaded?: boolean;
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
function writesUnnamedMemory(i: Inst, frame: ReadonlySet<VReg>): boolean {
  switch (i.op) {
    case 'store':
    case 'atomic':
      return i.addr.kind === 'reg' && frame.has(i.addr.reg);
    case 'call':
    case 'callfn':
    case 'memop':
    case 'asm':
      return true;
    default:
      return false;
  }
}

function sameStore(a: Stored, b: Stored): boolean {
  if (a.slot !== b.slot || a.off !== b.off || a.size !== b.size || a.src.kind !== b.src.kind || a.loaded !== b.loaded) return false;
  return a.src.kind === 'imm' ? b.src.kind === 'imm' && a.src.value === b.src.value : b.src.kind === 'reg' && a.src.reg === b.src.reg;
}

/** The stores known at the entry of a block: those every predecessor ends with. */
function knownAtEntry(preds: readonly number[], out: ReadonlyMap<number, Stored[]>): Stored[] {
  if (preds.length === 0) return [];
  const lists = preds.map((p) => out.get(p));
  if (lists.some((l) => l === undefined)) return []; // a back edge: nothing is known yet
  const [first, ...rest] = lists as Stored[][];
  return first!.filter((s) => rest.every((l) => l.some((t) => sameStore(s, t))));
}

export interface ForwardOptions {
  /**
   * Only constants: stores of immediates are remembered, not stores of registers nor loads. A
   * register's value forwarded keeps what the verifier knows of it (its range, its id) where a
   * reload from the stack would give an unknown scalar, which can keep states apart: run late, on
   * the slot accesses fold-address made, katran's balancer cost 2,100 to 2,600 more processed
   * instructions with registers forwarded, for 4 to 24 fewer slots.
   */
  constantsOnly?: boolean;
}

export function forwardStores(fn: IrFunction, options: ForwardOptions = {}): boolean {
  let changed = false;
  const preds = predecessors(fn);
  const frame = framePointers(fn);
  /** block -> the stores known at its end */
  const out = new Map<number, Stored[]>();
  for (const id of reversePostOrder(fn)) {
    const b = fn.blocks[id]!;
    let known = id === 0 ? [] : knownAtEntry(preds[id] ?? [], out);
    for (let k = 0; k < b.insts.length; k++) {
      const i = b.insts[k]!;
      if (i.op === 'load' && i.addr.kind === 'slot' && !i.volatile) {
        const { slot, off } = i.addr;
        const hit = known.find((s) => s.slot === slot && s.off === off && s.size === i.size);
        // Bytes inside a constant's store (`struct x v = {}` then `v.flags`): that part of the constant.
        const part = hit ? undefined : known.find((s) => s.src.kind === 'imm' && s.slot === slot && s.off <= off && off + i.size <= s.off + s.size);
        if (hit) {
          b.insts[k] = hit.loaded && hit.src.kind === 'reg' ? { op: 'mov', bits: 64, dst: i.dst, src: hit.src, span: i.span } : forwarded(i, hit.src, i.size);
          changed = true;
        } else if (part && part.src.kind === 'imm') {
          const value = BigInt.asUintN(part.size * 8, part.src.value) >> BigInt(8 * (off - part.off));
          b.insts[k] = forwarded(i, { kind: 'imm', value }, i.size);
          changed = true;
        }
      } else if (writesUnnamedMemory(i, frame)) {
        known = [];
      } else if ((i.op === 'store' || i.op === 'atomic') && i.addr.kind === 'slot') {
        const { slot, off } = i.addr;
        const end = off + i.size;
        known = known.filter((s) => s.slot !== slot || s.off + s.size <= off || end <= s.off);
        if (i.op === 'store' && !i.volatile && (i.src.kind === 'imm' || !options.constantsOnly)) known.push({ slot, off, size: i.size, src: i.src });
      }
      const now = b.insts[k]!;
      const d = instDef(now);
      if (d !== undefined) known = known.filter((s) => s.src.kind !== 'reg' || s.src.reg !== d);
      // A load leaves the bytes it read in its register: a later load of them reads the register.
      if (now.op === 'load' && now.addr.kind === 'slot' && !now.volatile && !options.constantsOnly) {
        known.push({ slot: now.addr.slot, off: now.addr.off, size: now.size, src: { kind: 'reg', reg: now.dst }, loaded: true });
      }
    }
    out.set(id, known);
  }
  return changed;
}
