// Store-to-load forwarding of constants through pointers outside the stack frame.
// Needs: nothing. Changes: a load `[p + off]` (not volatile) of bytes that every path to it has
// stored a constant into, through the same register p with nothing in between that may write
// them, becomes a move of the constant. Where the paths to a join stored different constants, a
// new register takes each one at the end of its predecessor: after
// `if (ip) { info->ipv = AF_INET; ... } else { info->ipv = AF_INET6; ... }`, the test
// `if (info->ipv == AF_INET)` reads a register whose value the kernel knows on each path, so the
// IPv6 path keeps the 40-byte bound it proved when it reads the IPv6 header, as with clang, which
// forwards the same stores. Map values, memory a caller passed, packets: any register that is not
// a frame address (frame-pointers.ts; the stack is forward-stores.ts's). A pointer that may be a
// program's context (a program's parameter, a called function's parameter, a value computed
// from one) takes only the constants every context field reads back as written (as in
// ctx-forward.ts, which handles the program's own parameter). A store through another register
// may write the same bytes and forgets every other pointer's constants, unless the register
// surely holds a frame address; so do a call, an atomic,
// a memory builtin and inline assembly, and a new definition of the pointer. Invalidates: liveness.
import type { Inst, IrFunction, Operand, VReg } from '../ir/ir.js';
import { instDef, instUses } from '../ir/ir.js';
import { forwardable, sameOperand } from './ctx-forward.js';
import { framePointers, stackAddressRegisters } from './frame-pointers.js';
import { predecessors, reversePostOrder } from './loops.js';

interface Stored {
  base: VReg;
  off: number;
  size: number;
  /** An immediate, or the register a join's moves give the constants to. */
  value: Operand;
}

const key = (base: VReg, off: number, size: number): string => `${base}:${off}:${size}`;


/** Registers that may hold a context pointer: the parameters, and what is computed from them. */
function contextPointers(fn: IrFunction): Set<VReg> {
  const ctx = new Set<VReg>(fn.params);
  for (let changed = true; changed; ) {
    changed = false;
    for (const b of fn.blocks) {
      for (const i of b.insts) {
        if (i.op !== 'mov' && i.op !== 'alu') continue;
        const d = instDef(i)!;
        if (!ctx.has(d) && instUses(i).some((u) => ctx.has(u))) {
          ctx.add(d);
          changed = true;
        }
      }
    }
  }
  return ctx;
}

function forgetDefinition(known: Map<string, Stored>, d: VReg): void {
  for (const [k, s] of known) if (s.base === d || (s.value.kind === 'reg' && s.value.reg === d)) known.delete(k);
}

/** A write of `size` bytes at `[base + off]`: other pointers' bytes may be the same, and the overlapping bytes of this one change. */
function forgetWrite(known: Map<string, Stored>, base: VReg, off: number, size: number): void {
  for (const [k, s] of known) if (s.base !== base || (s.off < off + size && off < s.off + s.size)) known.delete(k);
}

export function forwardMemoryStores(fn: IrFunction): boolean {
  // Only a function that both stores a constant through a register and loads through one can gain.
  let stores = false;
  let loads = false;
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if (i.op === 'store' && i.addr.kind === 'reg' && i.src.kind === 'imm') stores = true;
      else if (i.op === 'load' && i.addr.kind === 'reg') loads = true;
    }
  }
  if (!stores || !loads) return false;
  const frame = framePointers(fn);
  const ctx = contextPointers(fn);
  const stack = stackAddressRegisters(fn);
  const preds = predecessors(fn);
  /** block -> the constants known at its end */
  const out = new Map<number, Map<string, Stored>>();
  /** Moves to append to a block (before its terminator): merge registers taking their value. */
  const tails = new Map<number, Inst[]>();
  let changed = false;
  for (const id of reversePostOrder(fn)) {
    const b = fn.blocks[id]!;
    const known = new Map<string, Stored>();
    const ps = preds[id]!;
    if (id !== 0 && ps.length > 0 && ps.every((p) => out.has(p))) {
      const first = out.get(ps[0]!)!;
      for (const [k, s] of first) {
        const values = ps.map((p) => out.get(p)!.get(k)?.value);
        if (values.some((v) => v === undefined)) continue;
        if (values.every((v) => sameOperand(v!, s.value))) {
          known.set(k, s);
          continue;
        }
        const m = fn.vregCount++ as VReg;
        ps.forEach((p, n) => {
          const list = tails.get(p) ?? [];
          list.push({ op: 'mov', bits: 64, dst: m, src: values[n]!, span: b.term.span });
          tails.set(p, list);
        });
        known.set(k, { ...s, value: { kind: 'reg', reg: m } });
      }
    }
    for (let n = 0; n < b.insts.length; n++) {
      const i = b.insts[n]!;
      if (i.op === 'load') {
        if (i.addr.kind === 'reg' && !i.volatile && !i.core) {
          const hit = known.get(key(i.addr.reg, i.addr.off, i.size));
          if (hit) {
            b.insts[n] = { op: 'mov', bits: 64, dst: i.dst, src: hit.value, span: i.span };
            changed = true;
          }
        }
      } else if (i.op === 'store') {
        if (i.addr.kind === 'reg' && !stack.has(i.addr.reg)) {
          const { reg, off } = i.addr;
          // A CO-RE access's offset is the loader's: it may land on any bytes of the object.
          if (i.core) forgetWrite(known, reg, -(2 ** 40), 2 ** 41);
          else forgetWrite(known, reg, off, i.size);
          const v = i.src;
          if (!i.volatile && !i.core && v.kind === 'imm' && !frame.has(reg) && (!ctx.has(reg) || forwardable(v, i.size))) {
            known.set(key(reg, off, i.size), { base: reg, off, size: i.size, value: { kind: 'imm', value: BigInt.asUintN(i.size * 8, v.value) } });
          }
        }
      } else if (i.op === 'atomic') {
        if (i.addr.kind === 'reg' && !stack.has(i.addr.reg)) forgetWrite(known, i.addr.reg, i.addr.off, i.size);
      } else if (i.op === 'call' || i.op === 'callfn' || i.op === 'memop' || i.op === 'asm') {
        known.clear();
      }
      const d = instDef(b.insts[n]!);
      if (d !== undefined) forgetDefinition(known, d);
    }
    out.set(id, known);
  }
  // Merge registers no forwarded load reads are dead code; without a forwarded load, none is added.
  if (changed) for (const [id, moves] of tails) fn.blocks[id]!.insts.push(...moves);
  return changed;
}
