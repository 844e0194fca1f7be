// Constant parts of offsets go to the pointer: `p + (x + c1) * c2` becomes `p + x * c2 + c1 * c2`
// and `p + (y + c)` becomes `p + y + c`; `(y + c) + k` becomes `y + (c + k)`.
// Needs: upper bounds of registers (zext-elim.ts's `upperBounds`, those the kernel derives too).
// Changes: in one block, where a 64-bit add reads `s`, written and read once: `t = x + c1;
// s = t * c2` (or `t << k`, t written and read once) becomes `t = x * c2; s = t + c1 * c2`; then
// `s = y + c` goes and the add reads y, followed by an add of c to its result (or, when the add's
// other operand is a constant k, with c + k as that operand: the two adds are one). 32-bit arithmetic
// only where no step wraps, by the upper bound of x or y (so y's upper half is zero, as the
// sum's was). This is clang's canonical form (InstCombine distributes the constant, and a
// constant index goes last in an address), and the kernel's verifier keeps a constant added to a
// pointer in the pointer's fixed offset rather than in its variable part: an IPv6 extension
// header's length `(hdrlen + 1) * 8` added to a packet pointer is a variable part of 8..2048
// with 9 unknown bits (0xff8), `hdrlen * 8` one of 0..2040 with 8 (0x7f8) and an offset of 8;
// the states of a walk over such headers then prune where they did not (nat64's ingress:
// 15,450 processed instructions, 7,300 distributed).
// Invalidates: liveness.
import type { Inst, IrFunction, VReg } from '../ir/ir.js';
import { instDef, instUses } from '../ir/ir.js';
import { countDefsAndUses } from './copy-prop.js';
import { upperBounds } from './zext-elim.js';

/** Largest constant folded into a pointer's offset: the kernel's offsets are 16 or 32 bits. */
const MAX_CONSTANT = 1n << 15n;
/** Largest sum of two constants kept as one add's immediate (a signed 32-bit field). */
const MAX_IMM = (1n << 31n) - 1n;

export function distributeScaledOffsets(fn: IrFunction): boolean {
  const { defs, uses } = countDefsAndUses(fn);
  const once = (r: VReg) => defs.get(r) === 1 && uses.get(r) === 1;
  let bounds: Map<number, bigint> | undefined | null = null; // computed for the first 32-bit candidate
  const upper = (r: VReg) => {
    if (bounds === null) bounds = upperBounds(fn, true);
    return bounds?.get(r);
  };
  let changed = false;
  for (const b of fn.blocks) {
    for (let u = 0; u < b.insts.length; u++) {
      const add = b.insts[u]!;
      if (add.op !== 'alu' || add.alu !== 'add' || add.bits !== 64) continue;
      const s = add.b.kind === 'reg' && once(add.b.reg) ? add.b.reg : add.a.kind === 'reg' && once(add.a.reg) ? add.a.reg : undefined;
      if (s === undefined) continue;
      const k = findDef(b.insts, u, s);
      if (k === undefined) continue;
      let def = b.insts[k]!;
      let distributed = false;
      // (x + c1) * c2, or (x + c1) << k: first x * c2 + c1 * c2
      if (def.op === 'alu' && (def.alu === 'mul' || def.alu === 'lsh') && def.a.kind === 'reg' && def.b.kind === 'imm' && once(def.a.reg)) {
        const mul = def;
        const t = def.a.reg;
        const scale = def.alu === 'mul' ? def.b.value : def.b.value >= 0n && def.b.value < 32n ? 1n << def.b.value : -1n;
        const a = findDef(b.insts, k, t);
        const inc = a === undefined ? undefined : b.insts[a]!;
        if (scale <= 0n || scale > MAX_CONSTANT || inc === undefined || inc.op !== 'alu' || inc.alu !== 'add' || inc.bits !== mul.bits || inc.a.kind !== 'reg' || inc.b.kind !== 'imm') continue;
        const x = inc.a.reg;
        const c1 = inc.b.value;
        if (c1 <= 0n || c1 * scale > MAX_CONSTANT || writtenBetween(b.insts, a!, k, x)) continue;
        if (mul.bits === 32) {
          const ub = upper(x);
          if (ub === undefined || (ub + c1) * scale > 0xffffffffn) continue; // (x + c1) * c2 must not wrap in 32 bits
        }
        // s = x * c2 + c1 * c2, with x * c2 in a new register (t's, which nothing else reads)
        b.insts[a!] = { ...mul, dst: t, a: { kind: 'reg', reg: x } };
        def = { op: 'alu', alu: 'add', bits: mul.bits, dst: s, a: { kind: 'reg', reg: t }, b: { kind: 'imm', value: c1 * scale }, span: mul.span };
        b.insts[k] = def;
        distributed = true;
        changed = true;
      }
      // p + (y + c): p + y, then + c, into the pointer's fixed offset
      if (def.op !== 'alu' || def.alu !== 'add' || def.a.kind !== 'reg' || def.b.kind !== 'imm') continue;
      const y = def.a.reg;
      const c = def.b.value;
      if (c <= 0n || c > MAX_CONSTANT || writtenBetween(b.insts, k, u, y)) continue;
      if (def.bits === 32 && !distributed) {
        // y + c must not wrap in 32 bits; then y's upper half is zero too, as the sum's was
        const ub = upper(y);
        if (ub === undefined || ub + c > 0xffffffffn) continue;
      }
      const ptr = add.a.kind === 'reg' && add.a.reg === s ? add.b : add.a;
      if (ptr.kind === 'imm') {
        // (y + c) + k is y + (c + k): one add, which the next step may take further (a header
        // pointer `data + 14 + 20 + 8` is data + 42), not an add of k followed by one of c
        const sum = BigInt.asIntN(64, ptr.value + c);
        if (sum < -MAX_IMM || sum > MAX_IMM) continue;
        b.insts[u] = { ...add, a: { kind: 'reg', reg: y }, b: { kind: 'imm', value: sum } };
        b.insts.splice(k, 1);
        u -= 2;
        changed = true;
        continue;
      }
      b.insts[u] = { ...add, a: ptr, b: { kind: 'reg', reg: y } };
      b.insts.splice(u + 1, 0, { op: 'alu', alu: 'add', bits: 64, dst: add.dst, a: { kind: 'reg', reg: add.dst }, b: { kind: 'imm', value: c }, span: add.span });
      b.insts.splice(k, 1); // s is read nowhere else
      u--;
      changed = true;
    }
  }
  return changed;
}

/** The index of the last definition of `r` before `before` in `insts`, if no read of it comes between. */
function findDef(insts: readonly Inst[], before: number, r: VReg): number | undefined {
  for (let k = before - 1; k >= 0; k--) {
    const i = insts[k]!;
    if (instDef(i) === r) return k;
    if (instUses(i).includes(r)) return undefined;
  }
  return undefined;
}

function writtenBetween(insts: readonly Inst[], from: number, to: number, r: VReg): boolean {
  for (let k = from + 1; k < to; k++) if (instDef(insts[k]!) === r) return true;
  return false;
}
