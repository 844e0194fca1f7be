// Global value numbering of pure computations and loads (available expressions).
// Needs: nothing. Changes: an instruction that computes again what a register already holds on
// every path to it becomes a copy of that register: the same ALU operation, negation,
// extension or byte swap on the same values, and a load from the same
// base, offset and size with no write to memory and no call in between on any path (a volatile
// load is never reused, nor reuses another). The IR is
// not SSA, so the facts are relations between the registers' current values ("h = a + b",
// "d is a copy of s"), each forgotten where one of its registers is written again; a copy's
// source stands for it in later expressions. This keeps one value, with one verifier id, for
// the pointer a bounds check tests and the pointer the access uses: `skb->data` read twice,
// or `ip + len` computed for `ip + len + 10 > data_end` and again for the access
// (verifier-first rule 2). A stack slot's address is not reused: computing it again (two
// instructions) is cheaper than keeping it in a register across calls; nor is a global's across
// a call (a global's address computed again with no call since is the earlier register: one
// ld_imm64 for a run of counter updates, as clang keeps it), and a
// load through it is keyed by the global (symbol and offset), so that `cfg.x` read twice is one
// value, and a store to a global gives the loads of the same bytes after it the stored register
// (`rr = (rr + 1) & m; f(rr);` reads rr once). Leaves copies for copyProp and dead code for DCE.
// Invalidates: liveness.
import type { Address, BlockId, Inst, IrFunction, MemSize, Operand, VReg } from '../ir/ir.js';
import { instDef, instUses, successors, termUses } from '../ir/ir.js';
import { framePointers } from './frame-pointers.js';
import { hasCycle, reversePostOrder } from './loops.js';

/** Instructions after which no earlier load may be reused (stores are judged by their base). */
function clobbersMemory(i: Inst): boolean {
  return i.op === 'store' || i.op === 'call' || i.op === 'callfn' || i.op === 'atomic' || i.op === 'memop' || i.op === 'asm';
}

/**
 * The registers that may point into a program's context: its parameter and what is computed
 * from it. When the context pointer never reaches memory, a call or asm, no other register
 * can point into it, so a store through another register leaves context fields as they were.
 * undefined when that cannot be known (a .text function, or a context pointer that escapes).
 */
function contextRegisters(fn: IrFunction): Set<VReg> | undefined {
  if (fn.section === '.text' || fn.params.length !== 1) return undefined;
  const ctx = new Set<VReg>(fn.params);
  for (let grew = true; grew; ) {
    grew = false;
    for (const b of fn.blocks) {
      for (const i of b.insts) {
        const uses = instUses(i);
        if (!uses.some((u) => ctx.has(u))) continue;
        const derived = i.op === 'mov' || i.op === 'alu' || i.op === 'neg' || i.op === 'sext' || i.op === 'bswap';
        if (derived) {
          if (!ctx.has(i.dst)) {
            ctx.add(i.dst);
            grew = true;
          }
          continue;
        }
        if (i.op === 'load' || i.op === 'ldabs') continue;
        if (i.op === 'store' && !(i.src.kind === 'reg' && ctx.has(i.src.reg))) continue;
        if (i.op === 'call') continue; // helpers do not hand the context pointer back
        return undefined;
      }
      for (const u of termUses(b.term)) if (ctx.has(u) && b.term.op === 'ret') return undefined;
    }
  }
  return ctx;
}

interface Fact {
  /** The register that holds the value. */
  holder: VReg;
  /** The registers the fact speaks of (it dies when one of them is written). */
  regs: VReg[];
  /**
   * A load: from the context (kept across stores through other pointers), or other memory. Or
   * 'addr': a global's address, forgotten at every call.
   */
  load?: 'ctx' | 'mem' | 'addr';
  /** A load through a register that never holds an address in this frame: a store to a stack slot keeps it. */
  outsideFrame?: boolean;
  /**
   * The fact of a store of `stored` bytes of the holder to a global: a load of them gives the
   * holder truncated to that size.
   */
  stored?: MemSize;
}

/** Available expressions by key, and copies (register -> the register it equals). */
interface State {
  exprs: Map<string, Fact>;
  copies: Map<VReg, VReg>;
  /** transfer's index of the facts and copies that name each register, when it built one for this state. */
  index?: StateIndex;
}

/**
 * The keys of the facts and the copies that name each register (a fact by its holder and its
 * registers, a copy by its source). Entries may be stale: a user checks each against the state.
 */
interface StateIndex {
  exprsOf: Map<VReg, string[]>;
  copiesOf: Map<VReg, VReg[]>;
}

function sameFact(a: Fact | undefined, b: Fact): boolean {
  return a?.holder === b.holder && a.stored === b.stored && a.outsideFrame === b.outsideFrame;
}

/**
 * The registers that hold a global's address all along: defined once in the function, by a
 * dataaddr (the symbol and the offset into it). A load through one is keyed by the symbol, so
 * that two reads of `cfg.x` through two materialisations of `&cfg` are one value, and a store
 * through one is remembered for the loads of the same bytes after it.
 */
function globalAddresses(fn: IrFunction): Map<VReg, string> {
  const defs = new Map<VReg, number>();
  const out = new Map<VReg, string>();
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      const d = instDef(i);
      if (d === undefined) continue;
      defs.set(d, (defs.get(d) ?? 0) + 1);
      if (i.op === 'dataaddr') out.set(d, `${i.symbol}+${i.off ?? 0}`);
    }
  }
  for (const p of fn.params) defs.set(p, (defs.get(p) ?? 0) + 1);
  for (const [r] of out) if (defs.get(r) !== 1) out.delete(r);
  return out;
}

/** The instruction that gives `dst` what a load of `size` bytes of a stored `src` reads. */
function truncated(load: Inst & { op: 'load' }, src: VReg, size: MemSize): Inst {
  const span = load.span;
  if (size === 8) return { op: 'mov', bits: 64, dst: load.dst, src: { kind: 'reg', reg: src }, span };
  if (size === 4) return { op: 'mov', bits: 32, dst: load.dst, src: { kind: 'reg', reg: src }, span };
  const mask = { kind: 'imm', value: (1n << BigInt(size * 8)) - 1n } as const;
  return { op: 'alu', alu: 'and', bits: 32, dst: load.dst, a: { kind: 'reg', reg: src }, b: mask, span };
}

function cloneState(s: State): State {
  return { exprs: new Map(s.exprs), copies: new Map(s.copies) };
}

function meetInto(into: State, other: State): void {
  for (const [k, f] of into.exprs) if (!sameFact(other.exprs.get(k), f)) into.exprs.delete(k);
  for (const [r, c] of into.copies) if (other.copies.get(r) !== c) into.copies.delete(r);
}

function sameState(a: State, b: State): boolean {
  if (a.exprs.size !== b.exprs.size || a.copies.size !== b.copies.size) return false;
  for (const [k, f] of a.exprs) if (!sameFact(b.exprs.get(k), f)) return false;
  for (const [r, c] of a.copies) if (b.copies.get(r) !== c) return false;
  return true;
}

export function globalValueNumbering(fn: IrFunction): boolean {
  const ctxRegs = contextRegisters(fn);
  const frame = framePointers(fn);
  const globals = globalAddresses(fn);
  /** The key of a load or store of `size` bytes at `addr` through a global's address, by symbol. */
  const globalKey = (size: MemSize, addr: Address): string | undefined => {
    if (addr.kind !== 'reg') return undefined;
    const g = globals.get(addr.reg);
    return g === undefined ? undefined : `L${size} @${g}+${addr.off}`;
  };
  /** The expression an instruction computes, over the copies' sources, and the registers it reads. */
  const keyOf = (i: Inst, st: State): { key: string; regs: VReg[] } | undefined => {
    // Moves, stores, calls and the rest compute no expression: nothing to build for them.
    if (i.op === 'dataaddr') return { key: `D ${i.symbol}+${i.off ?? 0}`, regs: [] };
    if (i.op !== 'alu' && i.op !== 'neg' && i.op !== 'sext' && i.op !== 'bswap' && !(i.op === 'load' && i.addr.kind === 'reg' && !i.volatile)) return undefined;
    const regs: VReg[] = [];
    const rep = (r: VReg) => {
      const x = st.copies.get(r) ?? r;
      regs.push(x);
      return `%${x}`;
    };
    const op = (o: Operand) => (o.kind === 'imm' ? `#${o.value}` : rep(o.reg));
    let key: string | undefined;
    if (i.op === 'alu') key = `a${i.alu}.${i.bits} ${op(i.a)} ${op(i.b)}`;
    else if (i.op === 'neg') key = `n.${i.bits} ${rep(i.a)}`;
    else if (i.op === 'sext') key = `s${i.fromBits}.${i.bits} ${rep(i.src)}`;
    else if (i.op === 'bswap') key = `b${i.bits} ${rep(i.src)}`;
    else if (i.op === 'load' && i.addr.kind === 'reg' && !i.volatile) key = globalKey(i.size, i.addr) ?? `L${i.size} ${rep(i.addr.reg)}+${i.addr.off}`;
    return key === undefined ? undefined : { key, regs };
  };

  /**
   * Walks a block from its entry state; with `rewrite`, replaces recomputations by copies. With
   * `inPlace`, the entry state is the block's own (nothing else reads it): it becomes the exit
   * state, with its index, instead of a copy.
   */
  const transfer = (bid: BlockId, inState: State, rewrite: boolean, inPlace = false): { out: State; changed: boolean } => {
    const st = inPlace ? inState : cloneState(inState);
    // The facts and copies that name each register, so that a definition visits only those
    // instead of the whole state (it was quadratic in a block's length). Entries may be stale:
    // forget checks each against the state. A state taken over in place keeps its index.
    const kept = inPlace ? inState.index : undefined;
    const exprsOf = kept?.exprsOf ?? new Map<VReg, string[]>();
    const copiesOf = kept?.copiesOf ?? new Map<VReg, VReg[]>();
    st.index = { exprsOf, copiesOf };
    const note = <T>(index: Map<VReg, T[]>, r: VReg, x: T) => {
      const list = index.get(r);
      if (list) list.push(x);
      else index.set(r, [x]);
    };
    const noteExpr = (k: string, f: Fact) => {
      note(exprsOf, f.holder, k);
      for (const r of f.regs) note(exprsOf, r, k);
    };
    if (!kept) {
      for (const [k, f] of st.exprs) noteExpr(k, f);
      for (const [r, c] of st.copies) note(copiesOf, c, r);
    }
    const forget = (d: VReg) => {
      for (const k of exprsOf.get(d) ?? []) {
        const f = st.exprs.get(k);
        if (f !== undefined && (f.holder === d || f.regs.includes(d))) st.exprs.delete(k);
      }
      exprsOf.delete(d);
      st.copies.delete(d);
      for (const r of copiesOf.get(d) ?? []) if (st.copies.get(r) === d) st.copies.delete(r);
      copiesOf.delete(d);
    };
    const b = fn.blocks[bid]!;
    let changed = false;
    for (let k = 0; k < b.insts.length; k++) {
      let i = b.insts[k]!;
      const d = instDef(i);
      const e = keyOf(i, st);
      const have = e && st.exprs.get(e.key);
      if (d !== undefined && have && have.holder !== d) {
        const mov: Inst =
          have.stored !== undefined && i.op === 'load'
            ? truncated(i, have.holder, have.stored)
            : { op: 'mov', bits: 64, dst: d, src: { kind: 'reg', reg: have.holder }, span: i.span };
        if (rewrite) {
          b.insts[k] = mov;
          changed = true;
        }
        i = mov;
      }
      if (i.op === 'call' || i.op === 'callfn' || i.op === 'asm' || i.op === 'ldabs') {
        // held across one, the address would take a callee-saved register or a spill
        for (const [k2, f] of st.exprs) if (f.load === 'addr') st.exprs.delete(k2);
      }
      if (clobbersMemory(i)) {
        // A store through a register that cannot point into the context keeps context loads.
        const keepCtx = i.op === 'store' && ctxRegs !== undefined && (i.addr.kind === 'slot' || !ctxRegs.has(i.addr.reg));
        // A store to a stack slot keeps loads through registers that never point into the frame
        // (a packet header's field read again after a key's member is set).
        const keepOutside = i.op === 'store' && i.addr.kind === 'slot';
        for (const [k2, f] of st.exprs) if ((f.load === 'mem' && !(keepOutside && f.outsideFrame)) || (f.load === 'ctx' && !keepCtx)) st.exprs.delete(k2);
        // A store of a register to a global: the loads of the same bytes after it read the register.
        const key = i.op === 'store' && !i.volatile && i.src.kind === 'reg' ? globalKey(i.size, i.addr) : undefined;
        if (key !== undefined && i.op === 'store' && i.src.kind === 'reg') {
          const fact: Fact = { holder: i.src.reg, regs: [], load: 'mem', stored: i.size };
          st.exprs.set(key, fact);
          noteExpr(key, fact);
        }
      }
      if (d === undefined) continue;
      forget(d);
      if (i.op === 'mov' && i.bits === 64 && i.src.kind === 'reg' && i.src.reg !== d) {
        const src = st.copies.get(i.src.reg) ?? i.src.reg;
        if (src !== d) {
          st.copies.set(d, src);
          note(copiesOf, src, d);
        }
      } else if (e && !e.regs.includes(d) && i.op !== 'mov') {
        const load = i.op === 'dataaddr' ? 'addr' : i.op !== 'load' ? undefined : i.addr.kind === 'reg' && ctxRegs?.has(i.addr.reg) ? 'ctx' : 'mem';
        const outsideFrame = i.op === 'load' && i.addr.kind === 'reg' && !frame.has(i.addr.reg);
        const fact: Fact = { holder: d, regs: e.regs, load, outsideFrame };
        st.exprs.set(e.key, fact);
        noteExpr(e.key, fact);
      }
    }
    return { out: st, changed };
  };

  const n = fn.blocks.length;
  const preds: BlockId[][] = Array.from({ length: n }, () => []);
  for (const b of fn.blocks) for (const s of successors(b.term)) preds[s]!.push(b.id);
  const order = reversePostOrder(fn);
  const reachable = new Set(order);
  const succCount = fn.blocks.map((b) => successors(b.term).length);
  // Without a back edge every predecessor comes first in reverse post-order, so one pass reaches
  // the fixed point; rewriting in that pass leaves each block's out-state as it was (a rewritten
  // instruction is walked as the copy it becomes either way).
  const acyclic = !hasCycle(fn);
  // Forward dataflow: a fact holds at a block's entry when every predecessor provides it.
  const outs: (State | undefined)[] = new Array(n).fill(undefined);
  const ins: (State | undefined)[] = new Array(n).fill(undefined);
  let converged = false;
  let rewritten = false;
  for (let iter = 0; !converged && iter < 50; iter++) {
    let changed = false;
    for (const bid of order) {
      let inState: State | undefined;
      // Without a back edge, the one pass reads each exit state once per successor: the only
      // successor of a block takes its exit state over, and the entry state is its own.
      let own = false;
      if (bid !== 0) {
        for (const p of preds[bid]!) {
          const o = reachable.has(p) ? outs[p] : undefined;
          if (o === undefined) continue; // not reached yet: no constraint
          if (inState === undefined) {
            own = acyclic && succCount[p] === 1;
            inState = own ? o : cloneState(o);
          } else meetInto(inState, o);
        }
      }
      if (inState === undefined) {
        inState = { exprs: new Map(), copies: new Map() };
        own = acyclic;
      }
      ins[bid] = inState;
      const { out, changed: folded } = transfer(bid, inState, acyclic, own);
      if (folded) rewritten = true;
      const old = outs[bid];
      if (old === undefined || !sameState(old, out)) {
        outs[bid] = out;
        changed = true;
      }
    }
    converged = !changed || acyclic;
  }
  if (acyclic) return rewritten;
  if (!converged) return false;
  let changed = false;
  for (const bid of order) if (transfer(bid, ins[bid]!, true).changed) changed = true;
  return changed;
}
