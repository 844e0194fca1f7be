// Branches decided by the range of a signed remainder, before -mcpu=v4. `x % C` lies in
// (-|C|, |C|) whatever x is, so a test such as `vport >= 10`, where vport is 0 or `*value % 2`,
// always goes one way; clang folds it from the same range and then needs no signed remainder at
// all. This pass runs only on functions that still hold a signed division or remainder where the
// CPU has none (checkSignedDivision reports what is left after it).
// The range of a register is the union over all its definitions in the function (the IR is not
// SSA, so this holds wherever it is read): a constant, a copy of a register with a range, a
// signed remainder by a constant, or anything else (no range). It is kept both for the signed
// value of the low 32 bits and for the signed 64-bit value, since 32-bit operations zero-extend.
import type { Inst, IrFunction, Module, VReg } from '../ir/ir.js';
import { instDef } from '../ir/ir.js';
import { deadCodeElim } from './dce.js';
import { simplifyCfg } from './simplify-cfg.js';

/** A closed interval of signed values; undefined: any value. */
type Interval = { lo: bigint; hi: bigint } | undefined;
interface Range {
  r32: Interval;
  r64: Interval;
}

const ANY: Range = { r32: undefined, r64: undefined };
const LIMIT_32 = 1n << 31n;

const point = (v: bigint): Interval => ({ lo: v, hi: v });
const join = (a: Interval, b: Interval): Interval => (a && b ? { lo: a.lo < b.lo ? a.lo : b.lo, hi: a.hi > b.hi ? a.hi : b.hi } : undefined);
const same = (a: Interval, b: Interval): boolean => (a === undefined ? b === undefined : b !== undefined && a.lo === b.lo && a.hi === b.hi);
/** A 32-bit result zero-extends: as a 64-bit value it keeps its range only if it is not negative. */
const zeroExtended = (r32: Interval): Interval => (r32 && r32.lo >= 0n ? r32 : undefined);

/** Folds the branches the ranges decide; true if it changed the function. */
export function foldRemainderBranches(fn: IrFunction): boolean {
  const insts = fn.blocks.flatMap((b) => b.insts);
  if (!insts.some((i) => i.op === 'alu' && (i.alu === 'smod' || i.alu === 'sdiv'))) return false;
  if (insts.some((i) => i.op === 'asm')) return false;
  const defs = new Map<VReg, Inst[]>();
  for (const i of insts) {
    const d = instDef(i);
    if (d === undefined) continue;
    const list = defs.get(d);
    if (list) list.push(i);
    else defs.set(d, [i]);
  }
  const params = new Set(fn.params);
  const ranges = new Map<VReg, Range>();
  const rangeOf = (v: VReg): Range | undefined => (params.has(v) ? ANY : ranges.get(v));
  const defRange = (i: Inst): Range | undefined => {
    if (i.op === 'mov') {
      if (i.src.kind === 'imm') {
        const v = i.src.value;
        const low = BigInt.asIntN(32, v);
        return i.bits === 64 ? { r32: point(low), r64: point(BigInt.asIntN(64, v)) } : { r32: point(low), r64: point(BigInt.asUintN(32, v)) };
      }
      const r = rangeOf(i.src.reg);
      if (!r) return undefined; // not known yet
      return i.bits === 64 ? r : { r32: r.r32, r64: zeroExtended(r.r32) };
    }
    if (i.op === 'alu' && i.alu === 'smod' && i.b.kind === 'imm') {
      const c = BigInt.asIntN(i.bits, i.b.value);
      const m = (c < 0n ? -c : c) - 1n;
      if (m < 0n || m >= LIMIT_32) return ANY;
      const r: Interval = { lo: -m, hi: m };
      return i.bits === 64 ? { r32: r, r64: r } : { r32: r, r64: zeroExtended(r) };
    }
    return ANY;
  };
  // Ranges only grow; one that still changes after a few rounds (a cycle of copies that adds) has none.
  for (let round = 0; round < 16; round++) {
    let changed = false;
    for (const [v, list] of defs) {
      let acc: Range | undefined;
      for (const i of list) {
        const r = defRange(i);
        if (!r) continue;
        acc = acc ? { r32: join(acc.r32, r.r32), r64: join(acc.r64, r.r64) } : r;
      }
      if (!acc) continue;
      const old = ranges.get(v);
      if (old && same(old.r32, acc.r32) && same(old.r64, acc.r64)) continue;
      ranges.set(v, round < 12 || !old ? acc : ANY);
      changed = true;
    }
    if (!changed) break;
    if (round === 15) return false;
  }
  // A copy of a register that never got a range (copies of each other only): give up.
  for (const list of defs.values()) if (list.some((i) => defRange(i) === undefined)) return false;

  let folded = false;
  for (const b of fn.blocks) {
    const t = b.term;
    if (t.op !== 'br' || t.b.kind !== 'imm' || params.has(t.a) || !defs.has(t.a)) continue;
    const r = ranges.get(t.a);
    const iv = r && (t.bits === 32 ? r.r32 : r.r64);
    if (!iv) continue;
    const c = t.bits === 32 ? BigInt.asIntN(32, t.b.value) : BigInt.asIntN(64, t.b.value);
    const decided = decide(t.cmp, iv, c);
    if (decided === undefined) continue;
    b.term = { op: 'jmp', target: decided ? t.then : t.else, span: t.span };
    folded = true;
  }
  return folded;
}

/** The outcome of `x CMP c` for every x in iv, if it is the same for all; unsigned tests only for ranges of non-negative values. */
function decide(cmp: string, iv: { lo: bigint; hi: bigint }, c: bigint): boolean | undefined {
  const all = (p: (x: bigint) => boolean) => (p(iv.lo) && p(iv.hi) ? true : !p(iv.lo) && !p(iv.hi) ? false : undefined);
  switch (cmp) {
    case 'sgt': return all((x) => x > c);
    case 'sge': return all((x) => x >= c);
    case 'slt': return all((x) => x < c);
    case 'sle': return all((x) => x <= c);
    case 'eq': return c < iv.lo || c > iv.hi ? false : iv.lo === iv.hi ? true : undefined;
    case 'ne': return c < iv.lo || c > iv.hi ? true : iv.lo === iv.hi ? false : undefined;
    default: {
      if (iv.lo < 0n || c < 0n) return undefined;
      if (cmp === 'gt') return all((x) => x > c);
      if (cmp === 'ge') return all((x) => x >= c);
      if (cmp === 'lt') return all((x) => x < c);
      if (cmp === 'le') return all((x) => x <= c);
      return undefined;
    }
  }
}

/** Before -mcpu=v4: folds such branches in every function that has a signed division, then tidies up. */
export function foldRemainderRanges(module: Module): void {
  for (const fn of module.functions) {
    if (!foldRemainderBranches(fn)) continue;
    simplifyCfg(fn);
    deadCodeElim(fn);
    simplifyCfg(fn);
  }
}
