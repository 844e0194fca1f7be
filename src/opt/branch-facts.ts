// What the paths to a block tell about the values of the registers its branches test.
// Needs: nothing. Changes: nothing (an analysis for threadJumps). A forward must-analysis over the
// registers some branch tests (and those copied into them): a register holds one of a few
// constants (set on every path, or a branch's `==` taken), none of some constants (a branch's
// `==` not taken, as the `default` of an inlined switch that tested 6 and 17), or at most a bound
// (a zero-extending load, a mask, an unsigned `<` taken, a signed `< 0` not taken). Facts about the low 32 bits only, from
// 32-bit compares, are kept apart from facts about the whole register. At a join a fact holds
// when every predecessor gives one (constants unite, excluded constants intersect, bounds take the
// larger); a write forgets its register's fact.
import type { Block, BlockId, CmpOp, Inst, IrFunction, Operand, VReg } from '../ir/ir.js';
import { instDef, successors } from '../ir/ir.js';
import { evalAlu, evalCmp } from '../ir/eval.js';
import { reversePostOrder } from './loops.js';

/** What is known of a register's value: its bits as an unsigned number over `bits` (64: the whole register). */
export interface ValueFact {
  bits: 32 | 64;
  /** It is one of these (unsigned over `bits`); when set, `excluded` and `max` are not. */
  values?: readonly bigint[];
  /** It is none of these. */
  excluded?: readonly bigint[];
  /** It is at most this. */
  max?: bigint;
}

export type Facts = Map<VReg, ValueFact>;

/** At most this many constants in a fact: more, and only their largest is kept as a bound. */
const MAX_VALUES = 8;
/**
 * At most this many excluded constants in a fact: a chain of thousands of `==` tests not taken
 * (a long `if (x == k) goto` list, a big switch) keeps the latest ones only, so that stepping and
 * comparing facts stays linear in the blocks.
 */
const MAX_EXCLUDED = 32;
const U32_MAX = 0xffffffffn;

function norm(bits: 32 | 64, v: bigint): bigint {
  return BigInt.asUintN(bits, v);
}

function valueFact(bits: 32 | 64, values: bigint[]): ValueFact | undefined {
  const u = [...new Set(values.map((v) => norm(bits, v)))].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  if (u.length <= MAX_VALUES) return { bits, values: u };
  return { bits, max: u[u.length - 1] };
}

/** The fact seen by a compare of `bits` bits, or undefined when the fact says nothing there. */
function viewAt(f: ValueFact, bits: 32 | 64): ValueFact | undefined {
  if (f.bits === bits) return f;
  if (f.bits === 32) return undefined; // the upper half is unknown
  // A whole-register fact seen by a 32-bit compare.
  if (f.values) return valueFact(32, [...f.values]);
  if (f.max !== undefined && f.max <= U32_MAX) return { bits: 32, max: f.max, excluded: f.excluded };
  return undefined;
}

/** The outcome of `a cmp c` when `a` has fact `f`, or undefined when both are possible. */
export function decideCompare(f: ValueFact | undefined, cmp: CmpOp, bits: 32 | 64, c: bigint): boolean | undefined {
  if (f === undefined) return undefined;
  const v = viewAt(f, bits);
  if (v === undefined) return undefined;
  if (v.values) {
    const outs = v.values.map((x) => evalCmp(cmp, bits, x, c));
    return outs.length > 0 && outs.every((o) => o === outs[0]) ? outs[0] : undefined;
  }
  const uc = norm(bits, c);
  const max = v.max;
  switch (cmp) {
    case 'eq':
    case 'ne': {
      const never = v.excluded?.includes(uc) || (max !== undefined && uc > max);
      return never ? cmp === 'ne' : undefined;
    }
    case 'gt':
      return max !== undefined && max <= uc ? false : undefined;
    case 'ge':
      return max !== undefined && max < uc ? false : undefined;
    case 'lt':
      return max !== undefined && max < uc ? true : undefined;
    case 'le':
      return max !== undefined && max <= uc ? true : undefined;
    case 'sgt':
    case 'sge':
    case 'slt':
    case 'sle': {
      // A value below the sign bit is not negative: a negative constant decides the compare.
      const half = 1n << BigInt(bits - 1);
      if (max === undefined || max >= half || BigInt.asIntN(bits, c) >= 0n) return undefined;
      return cmp === 'sgt' || cmp === 'sge';
    }
    case 'set':
      return undefined;
  }
}

/** The fact after a branch `a cmp c` went the way `taken` says. */
export function refineFact(f: ValueFact | undefined, cmp: CmpOp, bits: 32 | 64, c: bigint, taken: boolean): ValueFact | undefined {
  const uc = norm(bits, c);
  if (f?.values) {
    if (f.bits === 32 && bits === 64) return f;
    return { bits: f.bits, values: f.values.filter((x) => evalCmp(cmp, bits, x, c) === taken) };
  }
  // A whole-register fact bounded below 2^32 says the same of the low half.
  const same = f === undefined || f.bits === bits || (f.bits === 64 && f.max !== undefined && f.max <= U32_MAX);
  if (!same) return f;
  const keepBits: 32 | 64 = f?.bits ?? bits;
  const equal = (cmp === 'eq' && taken) || (cmp === 'ne' && !taken);
  const unequal = (cmp === 'eq' && !taken) || (cmp === 'ne' && taken);
  if (equal) return { bits: keepBits, values: [uc] };
  if (unequal) {
    const prior = f?.excluded ?? [];
    if (prior.includes(uc)) return { bits: keepBits, excluded: prior, max: f?.max };
    const excluded = prior.length < MAX_EXCLUDED ? [...prior, uc] : [...prior.slice(prior.length - MAX_EXCLUDED + 1), uc];
    return { bits: keepBits, excluded, max: f?.max };
  }
  let bound: bigint | undefined;
  const sc = BigInt.asIntN(bits, c);
  if ((cmp === 'lt' && taken) || (cmp === 'ge' && !taken)) bound = uc === 0n ? undefined : uc - 1n;
  else if ((cmp === 'le' && taken) || (cmp === 'gt' && !taken)) bound = uc;
  // Not negative (`if (delta < 0) goto out;` not taken): below the sign bit.
  else if ((sc === 0n && ((cmp === 'slt' && !taken) || (cmp === 'sge' && taken))) || (sc === -1n && ((cmp === 'sgt' && taken) || (cmp === 'sle' && !taken)))) bound = (1n << BigInt(bits - 1)) - 1n;
  if (bound === undefined) return f;
  return { bits: keepBits, excluded: f?.excluded, max: f?.max !== undefined && f.max < bound ? f.max : bound };
}

function meetFact(a: ValueFact | undefined, b: ValueFact | undefined): ValueFact | undefined {
  if (a === undefined || b === undefined || a.bits !== b.bits) return undefined;
  if (a.values && b.values) return valueFact(a.bits, [...a.values, ...b.values]);
  if (b.values) [a, b] = [b, a];
  if (a.values) {
    // a: constants; b: exclusions and a bound.
    const excluded = b.excluded?.filter((x) => !a.values!.includes(x));
    const top = a.values.reduce((m, x) => (x > m ? x : m), 0n);
    const max = b.max === undefined ? undefined : b.max > top ? b.max : top;
    return nonEmpty({ bits: a.bits, excluded, max });
  }
  const excluded = a.excluded?.filter((x) => b.excluded?.includes(x));
  const max = a.max === undefined || b.max === undefined ? undefined : a.max > b.max ? a.max : b.max;
  return nonEmpty({ bits: a.bits, excluded, max });
}

function nonEmpty(f: ValueFact): ValueFact | undefined {
  const excluded = f.excluded && f.excluded.length > 0 ? f.excluded : undefined;
  if (excluded === undefined && f.max === undefined) return undefined;
  return { bits: f.bits, excluded, max: f.max };
}

function sameFact(a: ValueFact | undefined, b: ValueFact | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const sameList = (x?: readonly bigint[], y?: readonly bigint[]) =>
    (x?.length ?? 0) === (y?.length ?? 0) && (x ?? []).every((v) => y!.includes(v));
  return a.bits === b.bits && a.max === b.max && sameList(a.values, b.values) && sameList(a.excluded, b.excluded);
}

function operandFact(o: Operand, facts: Facts): ValueFact | undefined {
  return o.kind === 'imm' ? { bits: 64, values: [norm(64, o.value)] } : facts.get(o.reg);
}

/** The single constant a fact names, if it names one over the whole register. */
export function constantOf(f: ValueFact | undefined): bigint | undefined {
  return f?.bits === 64 && f.values?.length === 1 ? f.values[0] : undefined;
}

/** Steps `facts` over one instruction; only registers in `tracked` (all when undefined) get facts. */
export function stepFacts(i: Inst, facts: Facts, tracked?: ReadonlySet<VReg>): void {
  const d = instDef(i);
  if (d === undefined) return;
  let f: ValueFact | undefined;
  if (tracked === undefined || tracked.has(d)) f = instFact(i, facts);
  if (f === undefined) facts.delete(d);
  else facts.set(d, f);
}

function instFact(i: Inst, facts: Facts): ValueFact | undefined {
  if (i.op === 'mov') {
    const s = operandFact(i.src, facts);
    if (s === undefined || i.bits === 64) return s;
    // A 32-bit move zero-extends the low half: a fact about it is a fact about the whole result.
    if (s.values) return valueFact(64, s.values.map((v) => norm(32, v)));
    const v = viewAt(s, 32);
    return v === undefined ? undefined : nonEmpty({ bits: 64, excluded: v.excluded, max: v.max });
  }
  if (i.op === 'alu') {
    const a = operandFact(i.a, facts);
    const b = operandFact(i.b, facts);
    const av = a?.bits === 64 ? a.values : undefined;
    const bv = b?.bits === 64 ? b.values : undefined;
    if (av && bv && av.length * bv.length <= MAX_VALUES) {
      const out: bigint[] = [];
      for (const x of av) for (const y of bv) out.push(evalAlu(i.alu, i.bits, x, y));
      return valueFact(64, out);
    }
    if (i.alu === 'and' && bv?.length === 1) return { bits: 64, max: norm(i.bits, bv[0]!) };
    if (i.alu === 'and' && av?.length === 1) return { bits: 64, max: norm(i.bits, av[0]!) };
    return i.bits === 32 ? { bits: 64, max: U32_MAX } : undefined;
  }
  if (i.op === 'load' && i.size < 8) return { bits: 64, max: (1n << BigInt(i.size * 8)) - 1n };
  return undefined;
}

/** The registers whose facts can decide a branch or a return: those branches test or functions return, and what is copied or masked into them. */
export function testedRegisters(fn: IrFunction): Set<VReg> {
  const tracked = new Set<VReg>();
  const work: VReg[] = [];
  const track = (r: VReg): void => {
    if (tracked.has(r)) return;
    tracked.add(r);
    work.push(r);
  };
  // The registers each register is copied or computed from, over all its definitions.
  const sources = new Map<VReg, VReg[]>();
  for (const b of fn.blocks) {
    if (b.term.op === 'br') track(b.term.a);
    if (b.term.op === 'ret' && b.term.value?.kind === 'reg') track(b.term.value.reg);
    for (const i of b.insts) {
      if (i.op !== 'mov' && i.op !== 'alu') continue;
      for (const s of i.op === 'mov' ? [i.src] : [i.a, i.b]) {
        if (s.kind !== 'reg') continue;
        const list = sources.get(i.dst);
        if (list) list.push(s.reg);
        else sources.set(i.dst, [s.reg]);
      }
    }
  }
  while (work.length > 0) for (const s of sources.get(work.pop()!) ?? []) track(s);
  return tracked;
}

/** The facts along the edge from `b` (whose exit facts are `out`) to `to`. */
export function edgeFacts(b: Block, out: Facts, to: BlockId): Facts {
  const t = b.term;
  if (t.op !== 'br' || t.then === t.else) return out;
  const c = t.b.kind === 'imm' ? norm(64, t.b.value) : constantOf(out.get(t.b.reg));
  if (c === undefined) return out;
  const before = out.get(t.a);
  const f = refineFact(before, t.cmp, t.bits, c, to === t.then);
  if (f === before) return out; // the branch tells nothing new
  const edge = new Map(out);
  if (f === undefined) edge.delete(t.a);
  else edge.set(t.a, f);
  return edge;
}

/**
 * The facts at each reachable block's entry; empty for all when the loops do not settle. Rounds
 * in reverse post-order; a block is worked out again only when a predecessor's exit facts changed
 * since it last was (the same facts would come out), so an acyclic function takes one round.
 */
export function branchFacts(fn: IrFunction, tracked: ReadonlySet<VReg>): Map<BlockId, Facts> {
  const order = reversePostOrder(fn);
  const preds = new Map<BlockId, BlockId[]>();
  for (const id of order) for (const s of successors(fn.blocks[id]!.term)) (preds.get(s) ?? preds.set(s, []).get(s)!).push(id);
  const ins = new Map<BlockId, Facts>();
  const outs = new Map<BlockId, Facts>();
  const dirty = new Set<BlockId>(order);
  for (let round = 0; round < 20; round++) {
    let changed = false;
    for (const id of order) {
      if (!dirty.delete(id)) continue;
      let entry: Facts | undefined;
      // The first reached predecessor's edge facts are taken as they are (nothing changes a
      // stored map), and copied only when a second one meets them.
      let shared = false;
      if (id !== 0) {
        for (const p of preds.get(id) ?? []) {
          const o = outs.get(p);
          if (o === undefined) continue; // not reached yet: no constraint
          const e = edgeFacts(fn.blocks[p]!, o, id);
          if (entry === undefined) {
            entry = e;
            shared = true;
            continue;
          }
          if (shared) {
            entry = new Map(entry);
            shared = false;
          }
          for (const [r, f] of entry) {
            const g = e.get(r);
            if (g === f) continue; // the same fact both ways (meetFact would make an equal copy)
            const m = meetFact(f, g);
            if (m === undefined) entry.delete(r);
            else entry.set(r, m);
          }
        }
      }
      entry ??= new Map();
      ins.set(id, entry);
      // stepFacts, copying the entry only when an instruction changes a fact (most write
      // registers that hold none).
      let out = entry;
      for (const i of fn.blocks[id]!.insts) {
        const d = instDef(i);
        if (d === undefined) continue;
        const f = tracked.has(d) ? instFact(i, out) : undefined;
        if (f === undefined && !out.has(d)) continue;
        if (out === entry) out = new Map(entry);
        if (f === undefined) out.delete(d);
        else out.set(d, f);
      }
      const old = outs.get(id);
      let differs = old === undefined || (old !== out && old.size !== out.size);
      if (!differs && old !== out) {
        for (const [r, f] of out) {
          if (sameFact(old!.get(r), f)) continue;
          differs = true;
          break;
        }
      }
      if (differs) {
        outs.set(id, out);
        changed = true;
        for (const s of successors(fn.blocks[id]!.term)) dirty.add(s);
      }
    }
    if (!changed) return ins;
  }
  return new Map(order.map((id) => [id, new Map()]));
}
