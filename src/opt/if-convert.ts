// If-conversion of selects between a constant and a computed value: where block A branches to
// two arms that each have only A as predecessor and both jump to the same join J, one arm only
// sets registers to constants and the other only computes (`c ? 0 : x - 1`: no loads, stores or
// calls), A sets the constants itself before its branch and branches straight to J instead of
// to that arm: `r = 0; if c goto J; r = x - 1; J:`.
// Needs: nothing. Changes: the constant arm's movs move into A; the arm is left unreachable
// (simplifyCfg drops it). Invalidates: block ids (after simplifyCfg), liveness.
//
// Why: the kernel's verifier explores the fall-through first and prunes a later path against
// the states the earlier ones stored. The computed arm (the wider range) is laid out as the
// fall-through (codegen/select.ts), so the constant's path, explored second, is contained in it
// and pruned; in the other order everything after the diamond is explored once per arm (seven
// unrolled rounds of such a select exceeded the kernel's 1M instructions). A boolean's 1/0
// diamond is left alone: both arms are constants, neither contains the other, and without its
// goto the kernel stores fewer states (samples/l4lb.c: 1,822 processed instructions as a
// diamond, 1,989 as `r = 1; if c goto +1; r = 0`).
//
// A constant is safe to compute on both paths: it reads nothing and cannot fault. It is moved
// only where the other arm cannot see it: the branch does not read the register, and the other
// arm sets it before any read of its own and wherever it is still read after the join.
import type { Block, BlockId, Inst, IrFunction, VReg } from '../ir/ir.js';
import { instDef, instUses, termUses } from '../ir/ir.js';
import { computeLiveOut } from '../ir/liveness.js';
import { predecessors } from './loops.js';

/** At most this many constants in an arm: a longer arm is not a select. */
const MAX_CONSTANTS = 4;
/** At most this many instructions in the other arm. */
const MAX_COMPUTED = 8;

export function ifConvert(fn: IrFunction): boolean {
  const preds = predecessors(fn);
  const liveOut = computeLiveOut(fn);
  let changed = false;
  for (const a of fn.blocks) {
    const t = a.term;
    if (t.op !== 'br' || t.then === t.else) continue;
    const arm = (id: BlockId): Block | undefined => {
      const b = fn.blocks[id]!;
      return b.id !== a.id && preds[id]!.length === 1 && b.term.op === 'jmp' ? b : undefined;
    };
    const thenArm = arm(t.then);
    const elseArm = arm(t.else);
    if (!thenArm || !elseArm || thenArm.term.op !== 'jmp' || elseArm.term.op !== 'jmp') continue;
    const join = thenArm.term.target;
    if (elseArm.term.target !== join || join === thenArm.id || join === elseArm.id) continue;
    const speculate = [thenArm, elseArm].find((k) => onlyConstants(k.insts));
    if (!speculate) continue;
    const other = speculate === thenArm ? elseArm : thenArm;
    if (onlyConstants(other.insts) || !onlyComputes(other.insts) || !hiddenBy(speculate.insts, other, termUses(t), liveOut[other.id]!)) continue;
    for (const i of speculate.insts) a.insts.push(i);
    speculate.insts = [];
    if (speculate === thenArm) a.term = { ...t, then: join };
    else a.term = { ...t, else: join };
    changed = true;
  }
  return changed;
}

function onlyConstants(insts: Inst[]): boolean {
  return insts.length > 0 && insts.length <= MAX_CONSTANTS && insts.every((i) => i.op === 'mov' && i.src.kind === 'imm');
}

/**
 * The other arm of a value diamond only computes, in a few instructions: where it also loads,
 * stores or calls (an inlined function's error return beside its work), the branch is control
 * flow, and a constant set before it would only keep a register busy across the arm.
 */
function onlyComputes(insts: Inst[]): boolean {
  return insts.length <= MAX_COMPUTED && insts.every((i) => i.op === 'mov' || i.op === 'alu' || i.op === 'neg' || i.op === 'sext' || i.op === 'bswap');
}

/**
 * Whether the registers `insts` set are invisible on the path through `other`: the branch does
 * not read them, `other` sets each before reading it, and each one still read after the join
 * (`liveAfter`) is set by `other`.
 */
function hiddenBy(insts: Inst[], other: Block, branchReads: VReg[], liveAfter: Set<number>): boolean {
  const defs = new Set<VReg>();
  for (const i of insts) defs.add(instDef(i)!);
  if (branchReads.some((r) => defs.has(r))) return false;
  const setByOther = new Set<VReg>();
  for (const i of other.insts) {
    if (instUses(i).some((r) => defs.has(r) && !setByOther.has(r))) return false;
    const d = instDef(i);
    if (d !== undefined) setByOther.add(d);
  }
  for (const d of defs) if (liveAfter.has(d) && !setByOther.has(d)) return false;
  return true;
}
