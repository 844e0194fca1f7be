// Register allocation: maps every virtual register to R0-R9.
// Needs: an IR function whose imm operands are encodable (legalize.ts).
// Does: liveness, an interference graph, and greedy colouring in order of
// first definition, with move hints, then moves of values to the register of
// their copy partners where that removes copies. Registers live across a call avoid
// R0-R5 (the call clobbers them). When no register is free, the value is
// spilled to an 8-byte aligned stack slot (the only spills the verifier
// tracks precisely) and allocation runs again on the rewritten function.
// The short-lived values a spill creates (the reload before a use, the value
// stored after a definition) are coloured before all others and never spilled
// again, so every round spills at least one original value and the rounds end.
import { REG_RET, REGS_CALLEE_SAVED, REGS_CALLER_SAVED } from '../bpf/opcodes.js';
import type { Span } from '../diag/source.js';
import type { Address, Inst, IrFunction, Operand, VReg } from '../ir/ir.js';
import { COMMUTATIVE_ALU } from '../ir/ir.js';
import { instDef, instUses, termUses } from '../ir/ir.js';
import { computeLiveOut, solveBackward } from '../ir/liveness.js';
import { fitsImm64 } from './legalize.js';

export type PReg = number & { readonly __preg: unique symbol };

/** Scratch registers first, for values no call crosses; callee-saved first, for the others. */
const SCRATCH_FIRST: readonly number[] = [...REGS_CALLER_SAVED, ...REGS_CALLEE_SAVED];
const CALLEE_SAVED_FIRST: readonly number[] = [...REGS_CALLEE_SAVED, ...REGS_CALLER_SAVED];

export interface Allocation {
  regOf: Map<VReg, PReg>;
  /** False when spilling did not converge: some registers have no location. */
  ok: boolean;
  /** Number of allocation rounds (1 + spill rounds), for --stats. */
  rounds: number;
}

/** Registers an instruction clobbers beyond its destination. */
function clobbers(i: Inst): readonly number[] {
  if (i.op === 'call' || i.op === 'callfn' || i.op === 'ldabs') return REGS_CALLER_SAVED;
  if (i.op === 'atomic' && i.aop === 'cmpxchg') return [REG_RET];
  if (i.op === 'asm') return i.clobbers;
  return [];
}

export function allocateRegisters(fn: IrFunction): Allocation {
  const spillTemps = new Set<number>();
  for (let round = 1; ; round++) {
    const result = tryAllocate(fn, spillTemps);
    if (result.spill.length === 0) {
      if (round > 1) {
        forwardHeldReloads(fn, result.regOf);
        dropDeadSpillStores(fn);
      }
      return { regOf: result.regOf, ok: true, rounds: round };
    }
    if (round > 50) return { regOf: result.regOf, ok: false, rounds: round };
    spillVRegs(fn, result.spill, spillTemps);
  }
}

/** The spill slot an instruction loads or stores, if it is one. */
function spillSlotOf(fn: IrFunction, i: Inst): number | undefined {
  return (i.op === 'load' || i.op === 'store') && i.addr.kind === 'slot' && fn.slots[i.addr.slot]?.spill ? i.addr.slot : undefined;
}

/**
 * A reload into the register that still holds the slot's value (stored from it, or loaded into
 * it, earlier in the block, and neither written nor clobbered since) becomes a copy of the
 * register it came from, in the same physical register, which selects to nothing; the spill code reloads before every use, also right after
 * the definition. Then dropDeadSpillStores sees which stores are still read.
 */
function forwardHeldReloads(fn: IrFunction, regOf: ReadonlyMap<VReg, PReg>): void {
  for (const b of fn.blocks) {
    // Physical register -> the spill slot whose value it holds, and the register it came from.
    const holds = new Map<number, { slot: number; from: VReg }>();
    b.insts = b.insts.map((i): Inst => {
      const s = spillSlotOf(fn, i);
      if (s !== undefined && i.op === 'store' && i.src.kind === 'reg') {
        for (const [r, h] of holds) if (h.slot === s) holds.delete(r);
        holds.set(regOf.get(i.src.reg)!, { slot: s, from: i.src.reg });
        return i;
      }
      if (s !== undefined && i.op === 'load') {
        const r = regOf.get(i.dst)!;
        const held = holds.get(r);
        if (held?.slot === s) return { op: 'mov', bits: 64, dst: i.dst, src: { kind: 'reg', reg: held.from }, span: i.span };
        holds.set(r, { slot: s, from: i.dst });
        return i;
      }
      const d = instDef(i);
      if (d !== undefined) holds.delete(regOf.get(d)!);
      for (const r of clobbers(i)) holds.delete(r);
      return i;
    });
  }
}

/**
 * Removes spill stores that no reload reads. A value is spilled as a whole: a store follows each
 * of its definitions, also where the next definition comes before any reload (a temporary that
 * one C variable reuses along a row of byte copies, stored after every copy and read back once,
 * after the last). A spill slot is written and read only by the spill code, so the stores after
 * which no path reads the slot before storing it again go. Liveness and slot colouring after
 * this see the shorter lifetimes.
 */
function dropDeadSpillStores(fn: IrFunction): void {
  const spillSlot = (i: Inst): number | undefined => spillSlotOf(fn, i);
  const use: Set<number>[] = [];
  const def: Set<number>[] = [];
  for (const b of fn.blocks) {
    const u = new Set<number>();
    const d = new Set<number>();
    for (const i of b.insts) {
      const s = spillSlot(i);
      if (s === undefined) continue;
      if (i.op === 'load' && !d.has(s)) u.add(s);
      if (i.op === 'store') d.add(s);
    }
    use.push(u);
    def.push(d);
  }
  const liveOut = solveBackward(fn, use, def);
  fn.blocks.forEach((b, k) => {
    const live = new Set(liveOut[k]);
    const kept: Inst[] = [];
    for (let j = b.insts.length - 1; j >= 0; j--) {
      const i = b.insts[j]!;
      const s = spillSlot(i);
      if (s !== undefined && i.op === 'store') {
        if (!live.has(s)) continue;
        live.delete(s);
      } else if (s !== undefined) live.add(s);
      kept.push(i);
    }
    if (kept.length !== b.insts.length) b.insts = kept.reverse();
  });
}

interface Attempt {
  regOf: Map<VReg, PReg>;
  spill: VReg[];
}

function tryAllocate(fn: IrFunction, spillTemps: ReadonlySet<number>): Attempt {
  const n = fn.vregCount;
  const interferes: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  // The physical registers each value may not take, one bit each (R0-R10).
  const forbidden = new Int32Array(n);
  const hints: Map<number, number[]> = new Map();
  const hintReg = (v: number, r: number) => {
    const list = hints.get(v) ?? [];
    list.push(r);
    hints.set(v, list);
  };
  /** The other ends of the register movs each value takes part in. */
  const copyPartners: Map<number, number[]> = new Map();
  const addPartner = (v: number, w: number) => {
    const list = copyPartners.get(v);
    if (list === undefined) copyPartners.set(v, [w]);
    else list.push(w);
  };
  const liveOut = computeLiveOut(fn);
  const order: number[] = [];
  const seen = new Uint8Array(n);
  const note = (v: number) => {
    if (!seen[v]) {
      seen[v] = 1;
      order.push(v);
    }
  };
  fn.params.forEach((p, i) => {
    note(p);
    hintReg(p, i + 1);
  });
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      for (const u of instUses(i)) note(u);
      const d = instDef(i);
      if (d !== undefined) note(d);
    }
    for (const u of termUses(b.term)) note(u);
  }
  // The entry block defines the parameters: they interfere with each other.
  for (const p of fn.params) for (const q of fn.params) if (p !== q) interferes[p]!.add(q);
  for (const b of fn.blocks) {
    const live = new Set<number>(liveOut[b.id]!);
    for (const u of termUses(b.term)) live.add(u);
    if (b.term.op === 'ret' && b.term.value?.kind === 'reg') hintReg(b.term.value.reg, 0);
    for (let k = b.insts.length - 1; k >= 0; k--) {
      const i = b.insts[k]!;
      const d = instDef(i);
      if (d !== undefined) {
        live.delete(d);
        // A full copy may share its source's register; a 32-bit mov truncates, so it may not.
        const copied = isCopy(i) ? i.src.reg : -1;
        const withD = interferes[d]!;
        for (const x of live) {
          if (x === copied) continue;
          withD.add(x);
          interferes[x]!.add(d);
        }
      }
      let clobbered = 0;
      for (const r of clobbers(i)) clobbered |= 1 << r;
      if (clobbered !== 0) for (const x of live) forbidden[x]! |= clobbered;
      if (i.op === 'atomic' && i.aop === 'cmpxchg') {
        // cmpxchg takes the expected value in R0, which is loaded just before it: the address and
        // the new value must be elsewhere even when this is their last use.
        if (i.addr.kind === 'reg' && i.addr.reg !== i.expected) forbidden[i.addr.reg]! |= 1 << 0;
        if (i.src !== i.expected) forbidden[i.src]! |= 1 << 0;
      }
      // Two-address forms: the destination must not share a register with an operand that is read after it is written.
      if (d !== undefined) {
        const late = lateOperands(i);
        for (const x of late) {
          if (x !== d) {
            interferes[d]!.add(x);
            interferes[x]!.add(d);
          }
        }
      }
      // Any register mov is a hint (a 32-bit one can reuse its source's register when the source dies).
      if (i.op === 'mov' && i.src.kind === 'reg') {
        addPartner(i.dst, i.src.reg);
        addPartner(i.src.reg, i.dst);
      }
      // So is the operand that a two-address form copies into its destination first (`rD = rA;
      // rD op= rB`): in the operand's register, when it dies here, the copy goes.
      for (const src of twoAddressSources(i)) {
        addPartner(d!, src);
        addPartner(src, d!);
      }
      if (i.op === 'asm') {
        // Operands never sit in a register the text overwrites, and the output never shares a
        // register with an input (the text may write it before it reads them all).
        const regs = i.operands.flatMap((o) => (o.kind === 'reg' ? [o.reg] : o.kind === 'out' && o.init !== undefined ? [o.init] : []));
        if (i.dst !== undefined) regs.push(i.dst);
        for (const v of regs) for (const c of i.clobbers) forbidden[v]! |= 1 << c;
        // The output's initial value ("+r", or an input tied to it) is the one input it may share:
        // the text reads it from the output's register.
        const inputs = i.operands.flatMap((o) => (o.kind === 'reg' ? [o.reg] : []));
        if (i.dst !== undefined) {
          for (const v of inputs) {
            if (v !== i.dst) {
              interferes[i.dst]!.add(v);
              interferes[v]!.add(i.dst);
            }
          }
        }
      }
      if (i.op === 'ldabs') {
        // The socket buffer goes to R6: nothing else that lives across the load may be there.
        for (const x of live) if (x !== i.ctx) forbidden[x]! |= 1 << 6;
        hintReg(i.ctx, 6);
        hintReg(i.dst, 0);
      }
      if (i.op === 'call' || i.op === 'callfn') {
        i.args.forEach((a, idx) => {
          if (a.kind === 'reg') hintReg(a.reg, idx + 1);
        });
        if (i.dst !== undefined) hintReg(i.dst, 0);
      }
      for (const u of instUses(i)) live.add(u);
    }
  }
  const regOf = new Map<VReg, PReg>();
  const spill: VReg[] = [];
  // Spill temporaries first: they live for one instruction, and spilling them again would only
  // make more of them (each round would double the function without freeing a register).
  const temps = order.filter((v) => spillTemps.has(v));
  const others = order.filter((v) => !spillTemps.has(v));
  for (const v of [...temps, ...others]) {
    let taken = forbidden[v]!;
    for (const x of interferes[v]!) {
      const r = regOf.get(x as VReg);
      if (r !== undefined) taken |= 1 << r;
    }
    const free = (r: number) => ((taken >> r) & 1) === 0;
    const preferred: number[] = [...(hints.get(v) ?? [])];
    for (const other of copyPartners.get(v) ?? []) {
      const r = regOf.get(other as VReg);
      if (r !== undefined) preferred.push(r);
    }
    let choice = preferred.find(free);
    if (choice === undefined) {
      // Values with forbidden registers (those that cross calls, asm operands) try R6-R9 first, then
      // whatever else is allowed; others prefer the scratch registers first.
      const pool = forbidden[v]! !== 0 ? CALLEE_SAVED_FIRST : SCRATCH_FIRST;
      choice = pool.find(free);
    }
    if (choice === undefined) spill.push(v as VReg);
    else regOf.set(v as VReg, choice as PReg);
  }
  if (spill.length === 0) recolourCopies(regOf, interferes, forbidden, copyPartners, hints);
  return { regOf, spill };
}

/**
 * After colouring, a value moves to another register that none of its neighbours holds and that
 * is allowed for it, when more of its copy partners and register hints are there than in its own:
 * `r6 = r0` at a join whose value a select set in R0 goes when the select's arms write R6 too.
 * Colouring in order of first definition decides a value before the partner that a later call
 * pushes to R6-R9 is seen. Only registers change, never which values are spilled, so this cannot
 * add a spill; each move removes more copies than it adds, so the rounds end.
 */
function recolourCopies(
  regOf: Map<VReg, PReg>,
  interferes: readonly Set<number>[],
  forbidden: Int32Array,
  copyPartners: ReadonlyMap<number, number[]>,
  hints: ReadonlyMap<number, number[]>,
): void {
  /**
   * The registers `v` may not take, as a bit mask: its forbidden ones and its neighbours'. Kept
   * per value until a value moves (`moves` counts them): score asks again for the same partners.
   */
  let moves = 0;
  const takenAt = new Int32Array(forbidden.length).fill(-1);
  const takenMask = new Int32Array(forbidden.length);
  const takenFor = (v: number): number => {
    if (takenAt[v] === moves) return takenMask[v]!;
    let taken = forbidden[v]!;
    for (const x of interferes[v]!) {
      const r = regOf.get(x as VReg);
      if (r !== undefined) taken |= 1 << r;
    }
    takenAt[v] = moves;
    takenMask[v] = taken;
    return taken;
  };
  const has = (mask: number, r: number): boolean => ((mask >> r) & 1) !== 0;
  // A partner in `r` counts twice when it could not come over to `own` itself (a value a call
  // outlives cannot leave R6-R9): only this value's move can remove that copy.
  const score = (v: number, r: number, own: number): number => {
    let n = 0;
    for (const w of copyPartners.get(v) ?? []) {
      if (w === v || regOf.get(w as VReg) !== r) continue;
      n += r !== own && has(takenFor(w), own) ? 2 : 1;
    }
    for (const h of hints.get(v) ?? []) if (h === r) n++;
    return n;
  };
  for (let round = 0; round < 4; round++) {
    let moved = false;
    for (const [v, own] of regOf) {
      const partners = copyPartners.get(v);
      if (partners === undefined) continue;
      const taken = takenFor(v);
      let best: number = own;
      let bestScore = score(v, own, own);
      for (const w of partners) {
        const r = regOf.get(w as VReg);
        if (r === undefined || r === best || has(taken, r)) continue;
        const sc = score(v, r, own);
        if (sc > bestScore) {
          best = r;
          bestScore = sc;
        }
      }
      if (best !== own) {
        regOf.set(v, best as PReg);
        moved = true;
        moves++;
      }
    }
    if (!moved) break;
  }
}

/** A 64-bit register-to-register mov: its destination holds the same value as its source. */
function isCopy(i: Inst): i is Inst & { op: 'mov'; src: { kind: 'reg'; reg: VReg } } {
  return i.op === 'mov' && i.bits === 64 && i.src.kind === 'reg';
}

/**
 * The registers that the selected code copies into the destination before operating on it in
 * place (select.ts): an ALU operation's first operand (or, when it commutes, either), a
 * negation's, a byte swap's or sign extension's source, and the initial value of an asm output.
 */
function twoAddressSources(i: Inst): VReg[] {
  switch (i.op) {
    case 'alu': {
      const out: VReg[] = [];
      if (i.a.kind === 'reg') out.push(i.a.reg);
      if (i.b.kind === 'reg' && COMMUTATIVE_ALU.has(i.alu) && !out.includes(i.b.reg)) out.push(i.b.reg);
      return out;
    }
    case 'neg':
      return [i.a];
    case 'bswap':
    case 'sext':
      return [i.src];
    case 'asm':
      return i.operands.flatMap((o) => (o.kind === 'out' && o.init !== undefined && i.dst !== undefined ? [o.init] : []));
    default:
      return [];
  }
}

/** Operands that the selected code reads after writing the destination register. */
function lateOperands(i: Inst): number[] {
  const out: number[] = [];
  const addrReg = (a: Address) => (a.kind === 'reg' ? [a.reg] : []);
  switch (i.op) {
    case 'alu':
      // `rD = rA; rD op= rB` reads rB late; when the operation commutes and rB is already in rD,
      // select.ts swaps the operands (`rD op= rA`), so the two may share a register, unless A is
      // a constant that the imm field cannot hold (a 64-bit one that is not a sign-extended 32-bit).
      if (COMMUTATIVE_ALU.has(i.alu) && !(i.a.kind === 'imm' && i.bits === 64 && !fitsImm64(i.a.value))) break;
      if (i.b.kind === 'reg' && !(i.a.kind === 'reg' && i.a.reg === i.b.reg)) out.push(i.b.reg);
      break;
    case 'atomic':
      out.push(...addrReg(i.addr), i.src);
      if (i.expected !== undefined) out.push(i.expected);
      break;
    default:
      break;
  }
  return out;
}

/**
 * For each register of `vs`, the instruction that recomputes it anywhere, when every definition
 * of it is the same map address or the same constant: such a value is defined again before each
 * use instead of going through the stack, as clang does (no stack slot, and a map pointer stays a
 * map pointer). Undefined for the others (and for parameters). One walk over the function.
 */
function rematerialisations(fn: IrFunction, vs: readonly VReg[]): (Remat | undefined)[] {
  const index = new Map<VReg, number>();
  vs.forEach((v, k) => index.set(v, k));
  const def: (Remat | undefined)[] = new Array(vs.length);
  const never = new Uint8Array(vs.length);
  vs.forEach((v, k) => {
    if (fn.params.includes(v)) never[k] = 1;
  });
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      const d = instDef(i);
      if (d === undefined) continue;
      const k = index.get(d);
      if (k === undefined || never[k]) continue;
      const seen = def[k];
      if (i.op === 'mapaddr' && (seen === undefined || (seen.op === 'mapaddr' && seen.map === i.map))) def[k] ??= i;
      else if (i.op === 'mov' && i.src.kind === 'imm' && (seen === undefined || (seen.op === 'mov' && seen.bits === i.bits && seen.src.kind === 'imm' && seen.src.value === i.src.value))) def[k] ??= i;
      else never[k] = 1;
    }
  }
  return def.map((d, k) => (never[k] ? undefined : d));
}

type Remat = Inst & ({ op: 'mapaddr' } | { op: 'mov' });

/**
 * Rewrites the function so that each register of `vs` lives in a new stack slot (stores after
 * its definitions, loads before its uses), or, for a map address or a constant, is recomputed
 * before each use. One walk over the function for the whole list; the result is that of
 * spilling the registers one after another in list order: their slots, and the new temporaries
 * numbered register by register, each in the order of its own uses.
 */
export function spillVRegs(fn: IrFunction, vs: readonly VReg[], spillTemps: Set<number>): void {
  const remat = rematerialisations(fn, vs);
  const addr: (Address | undefined)[] = vs.map((v, k) => {
    if (remat[k]) return undefined;
    const slot = fn.slots.length;
    fn.slots.push({ id: slot, name: `spill.${fn.vregNames.get(v) ?? `%${v}`}`, sizeBytes: 8, alignBytes: 8, span: fn.span, spill: true });
    return { kind: 'slot', slot, off: 0 };
  });
  const index = new Map<VReg, number>();
  vs.forEach((v, k) => index.set(v, k));
  // How many temporaries each register's spill makes, so that each one's are numbered after the
  // previous one's: one per use (per instruction), one per definition kept, one for a parameter.
  const count = new Array<number>(vs.length).fill(0);
  vs.forEach((v, k) => {
    if (!remat[k] && fn.params.includes(v)) count[k]!++;
  });
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      const d = instDef(i);
      const dk = d === undefined ? undefined : index.get(d);
      if (dk !== undefined && remat[dk]) continue; // dropped
      for (const u of new Set(instUses(i))) {
        const k = index.get(u);
        if (k !== undefined) count[k]!++;
      }
      if (dk !== undefined) count[dk]!++;
    }
    for (const u of new Set(termUses(b.term))) {
      const k = index.get(u);
      if (k !== undefined) count[k]!++;
    }
  }
  const next: number[] = [];
  let base = fn.vregCount;
  for (let k = 0; k < vs.length; k++) {
    next.push(base);
    base += count[k]!;
  }
  fn.vregCount = base;
  const fresh = (k: number): VReg => {
    const t = next[k]!++ as VReg;
    spillTemps.add(t);
    return t;
  };
  for (const b of fn.blocks) {
    const out: Inst[] = [];
    if (b.id === 0) {
      // Each spill puts its parameter's store first in the entry block: the last one's comes first.
      const stores: Inst[] = [];
      vs.forEach((v, k) => {
        const at = remat[k] ? -1 : fn.params.indexOf(v);
        if (at < 0) return;
        const t = fresh(k);
        fn.params[at] = t;
        stores.push({ op: 'store', size: 8, addr: addr[k]!, src: { kind: 'reg', reg: t }, span: fn.span });
      });
      for (let j = stores.length - 1; j >= 0; j--) out.push(stores[j]!);
    }
    for (const i of b.insts) {
      const d = instDef(i);
      const dk = d === undefined ? undefined : index.get(d);
      if (dk !== undefined && remat[dk]) continue;
      // The spilled registers this instruction reads or writes, in list order.
      const ks: number[] = [];
      for (const u of instUses(i)) {
        const k = index.get(u);
        if (k !== undefined && !ks.includes(k)) ks.push(k);
      }
      if (dk !== undefined && !ks.includes(dk)) ks.push(dk);
      if (ks.length === 0) {
        out.push(i);
        continue;
      }
      ks.sort((x, y) => x - y);
      let inst = i;
      let after: Inst | undefined;
      for (const k of ks) {
        const v = vs[k]!;
        const def = remat[k];
        inst = rewriteUses(inst, v, () => {
          const t = fresh(k);
          out.push(def ? again(def, t, i.span) : { op: 'load', size: 8, dst: t, addr: addr[k]!, span: i.span });
          return t;
        });
        if (!def && instDef(inst) === v) {
          const t = fresh(k);
          setDef(inst, t);
          after = { op: 'store', size: 8, addr: addr[k]!, src: { kind: 'reg', reg: t }, span: i.span };
        }
      }
      out.push(inst);
      if (after) out.push(after);
    }
    const t = b.term;
    const termKs: number[] = [];
    for (const u of termUses(t)) {
      const k = index.get(u);
      if (k !== undefined && !termKs.includes(k)) termKs.push(k);
    }
    termKs.sort((x, y) => x - y);
    for (const k of termKs) {
      const v = vs[k]!;
      const r = fresh(k);
      const def = remat[k];
      out.push(def ? again(def, r, t.span) : { op: 'load', size: 8, dst: r, addr: addr[k]!, span: t.span });
      if (t.op === 'br') {
        if (t.a === v) t.a = r;
        if (t.b.kind === 'reg' && t.b.reg === v) t.b = { kind: 'reg', reg: r };
      } else if (t.op === 'ret') t.value = { kind: 'reg', reg: r };
    }
    b.insts = out;
  }
}

/** The rematerialised definition `def` again, into `t`. */
function again(def: Remat, t: VReg, span: Span): Inst {
  return def.op === 'mapaddr' ? { ...def, dst: t, span } : { ...def, dst: t, src: { ...def.src }, span };
}

function rewriteUses(i: Inst, v: VReg, replacement: () => VReg): Inst {
  if (!instUses(i).includes(v)) return i;
  const r = replacement();
  const op = (o: Operand): Operand => (o.kind === 'reg' && o.reg === v ? { kind: 'reg', reg: r } : o);
  const ad = (a: Address): Address => (a.kind === 'reg' && a.reg === v ? { ...a, reg: r } : a);
  const x = { ...i } as Inst;
  switch (x.op) {
    case 'mov':
      x.src = op(x.src);
      break;
    case 'alu':
      x.a = op(x.a);
      x.b = op(x.b);
      break;
    case 'neg':
      if (x.a === v) x.a = r;
      break;
    case 'sext':
    case 'bswap':
      if (x.src === v) x.src = r;
      break;
    case 'load':
      x.addr = ad(x.addr);
      break;
    case 'store':
      x.addr = ad(x.addr);
      x.src = op(x.src);
      break;
    case 'call':
    case 'callfn':
      x.args = x.args.map(op);
      break;
    case 'ldabs':
      if (x.ctx === v) x.ctx = r;
      x.off = op(x.off);
      break;
    case 'asm':
      x.operands = x.operands.map((o) => {
        if (o.kind === 'reg' && o.reg === v) return { ...o, reg: r };
        if (o.kind === 'out' && o.init === v) return { ...o, init: r };
        if (o.kind === 'imm') return { ...o, value: op(o.value) };
        return o;
      });
      break;
    case 'atomic':
      x.addr = ad(x.addr);
      if (x.src === v) x.src = r;
      if (x.expected === v) x.expected = r;
      break;
    default:
      break;
  }
  return x;
}

function setDef(i: Inst, r: VReg): void {
  if ('dst' in i) (i as { dst?: VReg }).dst = r;
}
