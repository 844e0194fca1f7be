// Tests of a value's high bits as comparisons of the value.
// Needs: nothing. Changes: a branch on whether the bits of x from bit k up are all zero,
// `(x >> k) == 0` or `(x & ~(2^k - 1)) == 0` (and the `!=` and `& mask` set forms), computed in
// the branch's own block, compares x itself: `x < 2^k` (or `x >= 2^k`). One instruction fewer
// where the shifted or masked value has no other use, and the verifier learns x's range on both
// sides: the checksum fold `while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);` leaves sum
// in [0, 0xffff] on every path out, so the states after it are one (clang compares the same
// way), where a test of the shifted copy left each path's own range of sum and nothing after
// the loop was pruned. Invalidates: nothing (the shift or mask may go dead: dce).
import type { CmpOp, Inst, IrFunction, VReg } from '../ir/ir.js';
import { instDef } from '../ir/ir.js';

/** The k of a mask that clears bits 0..k-1 and keeps every bit above, within `bits` (imm32 sign-extended for 64). */
function lowClearMask(mask: bigint, bits: 32 | 64): number | undefined {
  const m = BigInt.asUintN(bits, mask);
  const full = (1n << BigInt(bits)) - 1n;
  for (let k = 1; k <= 30; k++) if (m === (full & ~((1n << BigInt(k)) - 1n))) return k;
  return undefined;
}

/** For `x` tested through `def`: the bit k from which the test looks, or undefined when it is no such test. */
function highBitsFrom(def: Inst, bits: 32 | 64): { x: VReg; k: number; bits: 32 | 64 } | undefined {
  if (def.op !== 'alu' || def.a.kind !== 'reg' || def.b.kind !== 'imm') return undefined;
  // A 64-bit value tested on its low half only is another test.
  if (def.bits === 64 && bits === 32) return undefined;
  if (def.alu === 'rsh') {
    const k = Number(def.b.value);
    return k >= 1 && k <= 30 ? { x: def.a.reg, k, bits: def.bits } : undefined;
  }
  if (def.alu === 'and') {
    const k = lowClearMask(def.b.value, def.bits);
    return k === undefined ? undefined : { x: def.a.reg, k, bits: def.bits };
  }
  return undefined;
}

export function compareHighBits(fn: IrFunction): boolean {
  let changed = false;
  for (const b of fn.blocks) {
    const t = b.term;
    if (t.op !== 'br' || t.b.kind !== 'imm') continue;
    // `!= 0`: some bit from k up is set, x >= 2^k; `== 0`: none is, x < 2^k.
    let cmp: CmpOp | undefined;
    let mask: bigint | undefined;
    if ((t.cmp === 'eq' || t.cmp === 'ne') && t.b.value === 0n) cmp = t.cmp === 'ne' ? 'ge' : 'lt';
    else if (t.cmp === 'set') mask = t.b.value;
    else continue;
    // `x & M` tested with jset: the mask is the branch's own.
    if (mask !== undefined) {
      const k = lowClearMask(mask, t.bits);
      if (k === undefined) continue;
      b.term = { ...t, cmp: 'ge', b: { kind: 'imm', value: 1n << BigInt(k) } };
      changed = true;
      continue;
    }
    let at = b.insts.length - 1;
    while (at >= 0 && instDef(b.insts[at]!) !== t.a) at--;
    if (at < 0) continue;
    const test = highBitsFrom(b.insts[at]!, t.bits);
    if (!test || b.insts.slice(at + 1).some((i) => instDef(i) === test.x)) continue;
    // A 32-bit shift or mask looked at x's low half: so does the comparison.
    const bits = test.bits === 32 ? 32 : t.bits;
    b.term = { ...t, cmp: cmp!, bits, a: test.x, b: { kind: 'imm', value: 1n << BigInt(test.k) } };
    changed = true;
  }
  return changed;
}
