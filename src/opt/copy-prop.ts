// Copy propagation and copy coalescing.
// Needs: nothing. Changes: (1) for `d = s` where d and s are each written
// exactly once (s may be a parameter that is never written), every read of d
// reads s instead (in a function with a loop, only when each definition comes
// before every read of its register: one read in an earlier iteration's order
// would see an older value); (2) for `t = <op>; ...; v = t` in one block, where t is
// written once and read only by that move, and v is neither read nor written
// in between, the op writes v directly. Both leave dead moves for DCE. Not
// SSA, hence the single-definition conditions. Invalidates: liveness.
import type { Address, AsmOperand, Inst, IrFunction, Operand, VReg } from '../ir/ir.js';
import { forEachUse, instDef, instUses, termUses } from '../ir/ir.js';
import { defsBeforeUses } from './loops.js';

/** How many times each register is written (a parameter counts once) and read; 0 for none. */
export interface DefUseCounts {
  defs: { get(r: number): number };
  uses: { get(r: number): number };
}

export function countDefsAndUses(fn: IrFunction): DefUseCounts {
  // Counts in typed arrays indexed by register (every register is below vregCount), not maps or
  // arrays grown by stores at scattered indexes: this runs twice per copyProp, over every instruction.
  const defs = new Uint32Array(fn.vregCount);
  const uses = new Uint32Array(fn.vregCount);
  const countUse = (u: VReg): void => {
    uses[u]++;
  };
  for (const p of fn.params) defs[p] = 1;
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      forEachUse(i, countUse);
      const d = instDef(i);
      if (d !== undefined) defs[d]++;
    }
    for (const u of termUses(b.term)) countUse(u);
  }
  return { defs: { get: (r) => defs[r] ?? 0 }, uses: { get: (r) => uses[r] ?? 0 } };
}

export function renameUses(i: Inst, map: (r: VReg) => VReg): Inst {
  const op = (o: Operand): Operand => (o.kind === 'reg' ? { kind: 'reg', reg: map(o.reg) } : o);
  const ad = (a: Address): Address => (a.kind === 'reg' ? { ...a, reg: map(a.reg) } : a);
  switch (i.op) {
    case 'mov':
      return { ...i, src: op(i.src) };
    case 'alu':
      return { ...i, a: op(i.a), b: op(i.b) };
    case 'neg':
      return { ...i, a: map(i.a) };
    case 'sext':
    case 'bswap':
      return { ...i, src: map(i.src) };
    case 'load':
      return { ...i, addr: ad(i.addr) };
    case 'store':
      return { ...i, addr: ad(i.addr), src: op(i.src) };
    case 'call':
    case 'callfn':
      return { ...i, args: i.args.map(op) };
    case 'ldabs':
      return { ...i, ctx: map(i.ctx), off: op(i.off) };
    case 'asm':
      return { ...i, operands: i.operands.map((o) => renameAsmOperand(o, map, op)) };
    case 'atomic':
      return { ...i, addr: ad(i.addr), src: map(i.src), expected: i.expected === undefined ? undefined : map(i.expected) };
    case 'memop':
      return { ...i, to: ad(i.to), from: i.from && ad(i.from), value: i.value && op(i.value), size: op(i.size) };
    case 'slotaddr':
    case 'mapaddr':
    case 'dataaddr':
    case 'funcaddr':
    case 'btftypeid':
    case 'fieldoff':
      return i;
    default: {
      const never: never = i;
      return never;
    }
  }
}

export function copyProp(fn: IrFunction): boolean {
  let changed = false;
  // (1) Single-definition copies.
  const before = countDefsAndUses(fn);
  const { defs } = before;
  const ordered = defsBeforeUses(fn);
  const alias = new Map<VReg, VReg>();
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if (i.op === 'mov' && i.bits === 64 && i.src.kind === 'reg' && defs.get(i.dst) === 1 && defs.get(i.src.reg) === 1 && i.src.reg !== i.dst && (!ordered || (ordered.has(i.dst) && ordered.has(i.src.reg)))) {
        alias.set(i.dst, i.src.reg);
      }
    }
  }
  const resolve = (r: VReg): VReg => {
    let x = r;
    for (let n = 0; alias.has(x) && n < 64; n++) x = alias.get(x)!;
    return x;
  };
  if (alias.size > 0) {
    for (const b of fn.blocks) {
      // Only instructions that read an aliased register are rebuilt. No instruction object is
      // at two places (each place counts as a definition, so (2) below never writes into one
      // that is), hence keeping the others as they are is the same as copying them.
      b.insts = b.insts.map((i) => (readsAliased(i, alias) ? renameUses(i, resolve) : i));
      const t = b.term;
      if (t.op === 'br') b.term = { ...t, a: resolve(t.a), b: t.b.kind === 'reg' ? { kind: 'reg', reg: resolve(t.b.reg) } : t.b };
      else if (t.op === 'ret' && t.value?.kind === 'reg') b.term = { ...t, value: { kind: 'reg', reg: resolve(t.value.reg) } };
    }
    changed = true;
  }
  // (2) Coalesce a single-use temporary into the variable it is copied to. The counts are taken
  // again only when (1) renamed something.
  const counts = alias.size > 0 ? countDefsAndUses(fn) : before;
  for (const b of fn.blocks) {
    for (let k = 0; k < b.insts.length; k++) {
      const mv = b.insts[k]!;
      if (mv.op !== 'mov' || mv.bits !== 64 || mv.src.kind !== 'reg') continue;
      const t = mv.src.reg;
      const v = mv.dst;
      if (t === v || counts.defs.get(t) !== 1 || counts.uses.get(t) !== 1 || fn.params.includes(t)) continue;
      // Find t's definition earlier in this block, with no access to v in between.
      let j = k - 1;
      for (; j >= 0; j--) {
        const x = b.insts[j]!;
        if (instDef(x) === t) break;
        if (instDef(x) === v || instUses(x).includes(v)) {
          j = -1;
          break;
        }
      }
      if (j < 0) continue;
      const def = b.insts[j]!;
      if (instUses(def).includes(v) && def.op !== 'alu' && def.op !== 'mov') continue;
      (def as { dst?: VReg }).dst = v;
      b.insts.splice(k, 1);
      k--;
      changed = true;
    }
  }
  return changed;
}

function readsAliased(i: Inst, alias: ReadonlyMap<VReg, VReg>): boolean {
  for (const u of instUses(i)) if (alias.has(u)) return true;
  return false;
}

function renameAsmOperand(o: AsmOperand, map: (r: VReg) => VReg, op: (o: Operand) => Operand): AsmOperand {
  if (o.kind === 'reg') return { ...o, reg: map(o.reg) };
  if (o.kind === 'out') return o.init === undefined ? o : { ...o, init: map(o.init) };
  if (o.kind === 'imm') return { ...o, value: op(o.value) };
  return o;
}
