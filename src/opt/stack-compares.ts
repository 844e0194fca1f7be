// Comparisons of two addresses in one stack slot become comparisons of their offsets (as
// integers: within one object nothing wraps, so unsigned tests compare as intCompare does).
// Needs: nothing. Changes: a 64-bit branch `a CMP b` (eq, ne or unsigned) where a and b are
// addresses into the same slot, each the slot's address plus constants and at most one other
// register, compares the offsets instead: when both are constants it becomes a jump; otherwise
// the offsets are computed next to the branch, and range-branches may then decide it. A program
// that copies a packet into `__u8 pkt[64]` and walks it with `data + off > data_end`, both
// pointing into pkt (the kernel sample xdp1_kern.c), keeps no such test, as clang keeps none.
// Exactness: C compares pointers only within one object, where an address is the slot's plus an
// offset between 0 and the slot's size, and the frame does not wrap around: the addresses compare
// as their offsets do. A register in an offset is read at the branch instead of where the address
// was computed, so this is done only in functions without cycles, on registers defined once (each
// then holds one value wherever it is read), with addresses each defined once.
// Invalidates: nothing (a folded branch leaves an unreachable successor: simplifyCfg).
import type { CmpOp, Inst, IrFunction, Operand, VReg } from '../ir/ir.js';
import { definitionsByRegister, imm, reg, singleDefinitions, swappedCmp } from '../ir/ir.js';
import { intCompare, type IntCompareOp } from '../util/int-ops.js';
import { hasCycle } from './loops.js';

/** An address: slot + k, plus `v` when set. */
interface SlotAddress {
  slot: number;
  k: bigint;
  v?: VReg;
}

const FOLDED: ReadonlySet<CmpOp> = new Set<CmpOp>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

export function foldStackCompares(fn: IrFunction): boolean {
  if (!fn.blocks.some((b) => b.term.op === 'br' && b.term.bits === 64 && b.term.b.kind === 'reg')) return false;
  if (fn.blocks.some((b) => b.insts.some((i) => i.op === 'asm'))) return false;
  const defs = singleDefinitions(fn);
  const acyclic = !hasCycle(fn);
  const once = (r: VReg): Inst | undefined => defs.get(r);
  const known = new Map<VReg, SlotAddress | undefined>();
  const addressOf = (r: VReg, depth = 0): SlotAddress | undefined => {
    if (known.has(r)) return known.get(r);
    const i = once(r);
    let found: SlotAddress | undefined;
    if (i && depth < 32) {
      if (i.op === 'slotaddr') found = { slot: i.slot, k: BigInt(i.off) };
      else if (i.op === 'mov' && i.bits === 64 && i.src.kind === 'reg') found = addressOf(i.src.reg, depth + 1);
      else if (i.op === 'alu' && i.bits === 64 && (i.alu === 'add' || i.alu === 'sub')) found = sum(i.alu, i.a, i.b, depth);
    }
    known.set(r, found);
    return found;
  };
  const sum = (op: 'add' | 'sub', a: Operand, b: Operand, depth: number): SlotAddress | undefined => {
    const x = a.kind === 'reg' ? addressOf(a.reg, depth + 1) : undefined;
    const y = b.kind === 'reg' ? addressOf(b.reg, depth + 1) : undefined;
    if (x && y) return undefined;
    // The address first: for `sub` it must be the minuend.
    const [base, other] = x ? [x, b] : op === 'add' && y ? [y, a] : [undefined, b];
    if (!base) return undefined;
    if (other.kind === 'imm') {
      const c = BigInt.asIntN(64, other.value);
      return { ...base, k: op === 'add' ? base.k + c : base.k - c };
    }
    return op === 'add' ? withRegister(base, other.reg) : undefined;
  };
  // Only a register defined once, in a function without cycles, has one value wherever it is read.
  const withRegister = (a: SlotAddress, v: VReg): SlotAddress | undefined => (a.v === undefined && acyclic && once(v) ? { ...a, v } : undefined);

  let changed = false;
  let allDefs: Map<VReg, Inst[]> | undefined;
  for (const b of fn.blocks) {
    const t = b.term;
    if (t.op !== 'br' || t.bits !== 64 || t.b.kind !== 'reg' || !FOLDED.has(t.cmp)) continue;
    const x = addressOf(t.a);
    const y = addressOf(t.b.reg);
    if (!x || !y || x.slot !== y.slot) continue;
    if (x.v === undefined && y.v === undefined) {
      b.term = { op: 'jmp', target: intCompare(t.cmp as IntCompareOp, x.k, y.k) ? t.then : t.else, span: t.span };
      changed = true;
      continue;
    }
    // A register that only ever holds one of a few constants (a header length chosen on each
    // path) decides the comparison when every one of them gives the same answer.
    const [withV, without, cmpV] = x.v !== undefined ? [x, y, t.cmp] : [y, x, swappedCmp(t.cmp)];
    if (without.v === undefined) {
      allDefs ??= definitionsByRegister(fn);
      const values = constantValues(allDefs, withV.v!, 0);
      const answers = new Set(values?.map((c) => intCompare(cmpV as IntCompareOp, c + withV.k, without.k)));
      if (values && answers.size === 1) {
        b.term = { op: 'jmp', target: answers.has(true) ? t.then : t.else, span: t.span };
        changed = true;
        continue;
      }
    }
    // The offsets, computed just before the branch: a register side first.
    const offset = (s: SlotAddress): VReg => {
      const dst = fn.vregCount++ as VReg;
      b.insts.push({ op: 'alu', alu: 'add', bits: 64, dst, a: reg(s.v!), b: imm(BigInt.asUintN(64, s.k)), span: t.span });
      return dst;
    };
    const [first, second, cmp] = x.v !== undefined ? [x, y, t.cmp] : [y, x, swappedCmp(t.cmp)];
    const a = offset(first);
    const rhs = second.v !== undefined ? reg(offset(second)) : imm(BigInt.asUintN(64, second.k));
    b.term = { ...t, cmp, a, b: rhs };
    changed = true;
  }
  return changed;
}

/** The constants a register may hold, when every definition of it (through copies) is one; at most 16. */
function constantValues(defs: ReadonlyMap<VReg, Inst[]>, r: VReg, depth: number): bigint[] | undefined {
  const list = defs.get(r);
  if (!list || depth > 8) return undefined;
  const out: bigint[] = [];
  for (const i of list) {
    if (i.op !== 'mov' || i.bits !== 64) return undefined;
    if (i.src.kind === 'imm') out.push(BigInt.asIntN(64, i.src.value));
    else {
      const more = constantValues(defs, i.src.reg, depth + 1);
      if (!more) return undefined;
      out.push(...more);
    }
    if (out.length > 16) return undefined;
  }
  return out;
}

