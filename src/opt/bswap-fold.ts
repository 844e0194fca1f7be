// Byte swaps moved past masks and tests, as clang moves them.
// Needs: nothing. Changes, where x is a register of at most `bits` bits (a 16-bit load for
// bswap16) and s = bswap(x):
//   s & C  ->  bswap(x & swap(C))       s | C  ->  bswap(x | swap(C))
//   s & all ones of `bits`  ->  bswap(x)
//   bswap(s)  ->  x                     branch s == K (or !=)  ->  x == swap(K)
// `bpf_ntohs(vlan->tci) & 0x0fff` tested against a constant, or rewritten as
// `bpf_htons((bpf_ntohs(tci) & 0xf000) | id)`, then needs no byte swap at all once the swaps that
// nothing reads go (dce). Exactness: bswap is a bijection on values of `bits` bits, and commutes
// with masks and ors of the swapped constant. The registers are read where the swap was
// computed, so only registers defined once, in functions without cycles, are followed.
// Invalidates: nothing.
import type { Inst, IrFunction, VReg } from '../ir/ir.js';
import { evalBswap } from '../ir/eval.js';
import { imm, instUses, reg, singleDefinitions, termUses } from '../ir/ir.js';
import { hasCycle } from './loops.js';
import { upperBounds } from './zext-elim.js';

const swap = (value: bigint, bits: 16 | 32 | 64): bigint => evalBswap(bits, value);

export function foldByteSwaps(fn: IrFunction): boolean {
  if (!fn.blocks.some((b) => b.insts.some((i) => i.op === 'bswap'))) return false;
  if (fn.blocks.some((b) => b.insts.some((i) => i.op === 'asm')) || hasCycle(fn)) return false;
  const defs = singleDefinitions(fn);
  const bound = upperBounds(fn, false);
  if (bound === undefined) return false;
  // Only a swap that nothing else reads is worth moving: the other readers would keep it, and
  // both the value and its swap would then be live.
  const uses = new Map<VReg, number>();
  const use = (r: VReg) => uses.set(r, (uses.get(r) ?? 0) + 1);
  for (const b of fn.blocks) {
    for (const i of b.insts) for (const r of instUses(i)) use(r);
    for (const r of termUses(b.term)) use(r);
  }
  // A swap read several times is moved only when every reader is a mask, an or, a swap or an
  // equality test of a constant that this pass rewrites.
  const foldableReaders = new Map<VReg, number>();
  const noteReader = (r: VReg) => foldableReaders.set(r, (foldableReaders.get(r) ?? 0) + 1);
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if (i.op === 'alu' && (i.alu === 'and' || i.alu === 'or') && i.a.kind === 'reg' && i.b.kind === 'imm') noteReader(i.a.reg);
      if (i.op === 'bswap') noteReader(i.src);
    }
    if (b.term.op === 'br' && (b.term.cmp === 'eq' || b.term.cmp === 'ne') && b.term.b.kind === 'imm') noteReader(b.term.a);
  }
  /** The x of a swap s = bswap(x) defined once and read only where it folds, with x of at most the swap's width and defined once. */
  const swapped = (s: VReg): { x: VReg; bits: 16 | 32 | 64 } | undefined => {
    if (uses.get(s) !== 1 && uses.get(s) !== foldableReaders.get(s)) return undefined;
    let i = defs.get(s);
    // Through copies (each defined once and read once).
    for (let depth = 0; i && i.op === 'mov' && i.bits === 64 && i.src.kind === 'reg' && depth < 8; depth++) {
      if (uses.get(i.src.reg) !== 1) return undefined;
      i = defs.get(i.src.reg);
    }
    if (!i || i.op !== 'bswap' || !defs.get(i.src)) return undefined;
    const max = bound.get(i.src);
    if (i.bits !== 64 && (max === undefined || max >= 1n << BigInt(i.bits))) return undefined;
    return { x: i.src, bits: i.bits };
  };
  let changed = false;
  for (const b of fn.blocks) {
    const out: Inst[] = [];
    for (const i of b.insts) {
      if (i.op === 'alu' && (i.alu === 'and' || i.alu === 'or') && i.a.kind === 'reg' && i.b.kind === 'imm' && defs.get(i.dst) === i) {
        const s = swapped(i.a.reg);
        // The operation's own width must keep the swapped value whole, and an `or` may not set
        // bits above it (an `and` clears those of a swapped value anyway).
        const fits = (v: bigint) => i.alu === 'and' || BigInt.asUintN(s!.bits, v) === BigInt.asUintN(i.bits, v);
        if (s && s.bits <= i.bits && fits(i.b.value)) {
          if (i.alu === 'and' && BigInt.asUintN(s.bits, i.b.value) === (1n << BigInt(s.bits)) - 1n) {
            // a mask of every bit of the swap (a u16's `& 0xffff` after bpf_ntohs) keeps it whole
            const whole: Inst = { op: 'bswap', bits: s.bits, dst: i.dst, src: s.x, span: i.span };
            out.push(whole);
            defs.set(i.dst, whole);
            changed = true;
            continue;
          }
          const inner = fn.vregCount++ as VReg;
          out.push({ op: 'alu', alu: i.alu, bits: i.bits, dst: inner, a: reg(s.x), b: imm(swap(i.b.value, s.bits)), span: i.span });
          out.push({ op: 'bswap', bits: s.bits, dst: i.dst, src: inner, span: i.span });
          defs.set(inner, out[out.length - 2]!);
          uses.set(inner, 1);
          defs.set(i.dst, out[out.length - 1]!);
          const max = bound.get(s.x);
          if (max !== undefined) bound.set(inner, i.alu === 'and' ? max : (1n << BigInt(s.bits)) - 1n);
          changed = true;
          continue;
        }
      }
      if (i.op === 'bswap' && defs.get(i.dst) === i) {
        const s = swapped(i.src);
        if (s && s.bits === i.bits) {
          const copy: Inst = { op: 'mov', bits: 64, dst: i.dst, src: reg(s.x), span: i.span };
          out.push(copy);
          defs.set(i.dst, copy);
          changed = true;
          continue;
        }
      }
      out.push(i);
    }
    b.insts = out;
  }
  // The tests, once every mask is moved: a block may test a value computed in a later one.
  for (const b of fn.blocks) {
    const t = b.term;
    if (t.op === 'br' && (t.cmp === 'eq' || t.cmp === 'ne') && t.b.kind === 'imm') {
      const s = swapped(t.a);
      if (s && s.bits <= t.bits && BigInt.asUintN(s.bits, t.b.value) === BigInt.asUintN(t.bits, t.b.value)) {
        b.term = { ...t, a: s.x, b: imm(swap(t.b.value, s.bits)) };
        changed = true;
      }
    }
  }
  return changed;
}
