// Sparse conditional constant propagation and folding.
// Needs: nothing (the IR is not SSA: a virtual register may be written many
// times, so values are tracked per program point with a forward dataflow
// over executable edges only). Changes: replaces register operands whose
// value is a known constant by immediates, folds instructions whose inputs
// are all constant into movs, and turns branches with a known outcome into
// jumps. Returns whether anything changed. Invalidates: liveness; run
// simplifyCfg afterwards to drop the blocks that became unreachable.
import { evalAlu, evalBswap, evalCmp, evalNeg, evalSext } from '../ir/eval.js';
import type { Block, BlockId, CmpOp, Inst, IrFunction, Operand, Terminator, VReg } from '../ir/ir.js';
import { instDef, instUses, successors, swappedCmp, termUses } from '../ir/ir.js';
import { reversePostOrder } from './loops.js';

/** undefined: no value reached yet (top); 'varying': not a constant (bottom). */
type Value = bigint | 'varying';
type State = Map<VReg, Value> & { tracked: Set<VReg> };

function newState(tracked: Set<VReg>, from?: Map<VReg, Value>): State {
  const s = (from ? new Map(from) : new Map()) as State;
  s.tracked = tracked;
  return s;
}


function meet(a: Value | undefined, b: Value | undefined): Value | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a === b ? a : 'varying';
}

function valueOf(s: State, o: Operand): Value | undefined {
  if (o.kind === 'imm') return BigInt.asUintN(64, o.value);
  return s.has(o.reg) ? s.get(o.reg) : s.tracked.has(o.reg) ? undefined : 'varying';
}

/**
 * Registers that can ever hold a constant: written by a constant move, or by
 * an operation whose register operands can. The others (loads, call results,
 * parameters, and what is computed from them) are always varying and are
 * left out of the per-block states, which keeps them small.
 */
function trackedRegisters(fn: IrFunction): Set<VReg> {
  const tracked = new Set<VReg>();
  const may = (o: Operand) => o.kind === 'imm' || tracked.has(o.reg);
  const canBeConst = (i: Inst): boolean => {
    switch (i.op) {
      case 'mov':
        return may(i.src);
      case 'alu':
        return (may(i.a) && may(i.b)) || ((i.alu === 'and' || i.alu === 'mul') && ((i.a.kind === 'imm' && i.a.value === 0n) || (i.b.kind === 'imm' && i.b.value === 0n)));
      case 'neg':
        return tracked.has(i.a);
      case 'sext':
      case 'bswap':
        return tracked.has(i.src);
      default:
        return false;
    }
  };
  // A worklist of registers just found trackable: each definition is looked at again only when
  // a register it reads becomes tracked (at most twice), so a register written in every copy of
  // an unrolled loop and read by each of them costs its definitions, not their square.
  const readers = new Map<VReg, Inst[]>();
  const params = new Set(fn.params);
  const work: VReg[] = [];
  const check = (i: Inst) => {
    const d = instDef(i)!;
    if (tracked.has(d) || params.has(d) || !canBeConst(i)) return;
    tracked.add(d);
    work.push(d);
  };
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if (instDef(i) === undefined) continue;
      for (const r of regsRead(i)) {
        const l = readers.get(r);
        if (l) l.push(i);
        else readers.set(r, [i]);
      }
      check(i);
    }
  }
  while (work.length > 0) for (const i of readers.get(work.pop()!) ?? []) check(i);
  return tracked;
}

/** The registers canBeConst looks at. */
function regsRead(i: Inst): VReg[] {
  const r = (o: Operand) => (o.kind === 'reg' ? [o.reg] : []);
  switch (i.op) {
    case 'mov':
      return r(i.src);
    case 'alu':
      return [...r(i.a), ...r(i.b)];
    case 'neg':
      return [i.a];
    case 'sext':
    case 'bswap':
      return [i.src];
    default:
      return [];
  }
}

function constOf(s: State, o: Operand): bigint | undefined {
  const v = valueOf(s, o);
  return typeof v === 'bigint' ? v : undefined;
}

/** The value an instruction writes, given the state before it. */
function transfer(i: Inst, s: State): Value {
  switch (i.op) {
    case 'mov': {
      const v = valueOf(s, i.src);
      if (v === undefined || v === 'varying') return v ?? 'varying';
      return i.bits === 32 ? BigInt.asUintN(32, v) : v;
    }
    case 'alu': {
      const a = constOf(s, i.a);
      const b = constOf(s, i.b);
      if (a !== undefined && b !== undefined) return evalAlu(i.alu, i.bits, a, b);
      // x & 0, x * 0 are 0 whatever x is.
      if ((i.alu === 'and' || i.alu === 'mul') && (a === 0n || b === 0n)) return 0n;
      return 'varying';
    }
    case 'neg': {
      const a = s.get(i.a);
      return typeof a === 'bigint' ? evalNeg(i.bits, a) : 'varying';
    }
    case 'sext': {
      const a = s.get(i.src);
      return typeof a === 'bigint' ? evalSext(i.bits, i.fromBits, a) : 'varying';
    }
    case 'bswap': {
      const a = s.get(i.src);
      return typeof a === 'bigint' ? evalBswap(i.bits, a) : 'varying';
    }
    default:
      return 'varying';
  }
}

function step(i: Inst, s: State): void {
  const d = instDef(i);
  if (d !== undefined && s.tracked.has(d)) s.set(d, transfer(i, s));
}

/** Which successors of a terminator can execute in state s. */
function liveSuccessors(t: Terminator, s: State): BlockId[] {
  if (t.op !== 'br') return successors(t);
  const a = valueOf(s, { kind: 'reg', reg: t.a });
  const b = valueOf(s, t.b);
  if (typeof a === 'bigint' && typeof b === 'bigint') return [evalCmp(t.cmp, t.bits, a, b) ? t.then : t.else];
  return successors(t);
}

/**
 * Registers read in some block before that block writes them: only these carry a value from
 * one block to the next. The others (temporaries used where they are computed) stay out of the
 * per-block states, which would otherwise grow with every temporary of the function and make
 * the analysis quadratic in its size.
 */
function crossBlockRegisters(fn: IrFunction): Set<VReg> {
  const out = new Set<VReg>();
  const written = new Set<VReg>();
  for (const b of fn.blocks) {
    written.clear();
    for (const i of b.insts) {
      for (const u of instUses(i)) if (!written.has(u)) out.add(u);
      const d = instDef(i);
      if (d !== undefined) written.add(d);
    }
    for (const u of termUses(b.term)) if (!written.has(u)) out.add(u);
  }
  return out;
}

/**
 * The part of a block's exit state its successors can read, made from the state itself (which
 * is not used after): it holds the block's entry state, whose registers all cross blocks, and
 * what the block wrote, of which the registers no other block reads first are dropped.
 */
function exitState(s: State, b: Block, crossBlock: Set<VReg>): State {
  for (const i of b.insts) {
    const d = instDef(i);
    if (d !== undefined && !crossBlock.has(d)) s.delete(d);
  }
  return s;
}

export function constProp(fn: IrFunction): boolean {
  return rewrite(fn, analyse(fn));
}

/** The constants at the entry of each block (undefined where no executable edge leads). */
function analyse(fn: IrFunction): (State | undefined)[] {
  const n = fn.blocks.length;
  const tracked = trackedRegisters(fn);
  const crossBlock = crossBlockRegisters(fn);
  const entry: (State | undefined)[] = new Array(n);
  entry[0] = newState(tracked);
  // Blocks are taken in reverse post-order, sweep after sweep, each only when its entry state
  // changed: a block's predecessors (but for back edges) go first, so most blocks are visited
  // once per sweep and most sweeps find nothing to do (a FIFO queue visited blocks of unrolled
  // code about three times each). The fixpoint does not depend on the order.
  const order = reversePostOrder(fn);
  const queued = new Uint8Array(n);
  queued[0] = 1;
  let pending = 1;
  for (let k = 0; pending > 0; k = k + 1 === order.length ? 0 : k + 1) {
    const id = order[k]!;
    if (!queued[id]) continue;
    queued[id] = 0;
    pending--;
    const s = newState(tracked, entry[id]!);
    const b = fn.blocks[id]!;
    for (const i of b.insts) step(i, s);
    const live = liveSuccessors(b.term, s);
    const exit = exitState(s, b, crossBlock);
    for (const succ of live) {
      const old = entry[succ];
      let changed = false;
      if (!old) {
        // The only successor can take the exit state itself: no second copy.
        entry[succ] = live.length === 1 ? exit : newState(tracked, exit);
        changed = true;
      } else {
        for (const [k, v] of exit) {
          const m = meet(old.get(k), v);
          if (m !== old.get(k)) {
            changed = true;
            old.set(k, m!);
          }
        }
      }
      if (changed && !queued[succ]) {
        queued[succ] = 1;
        pending++;
      }
    }
  }
  return entry;
}

/**
 * Runs a loop from the one edge that enters it, when constants decide every branch in it: the
 * IR instructions executed until it is left, or 'over' past `limit`; undefined when a branch
 * depends on something else, or the loop is entered from more than one place.
 */
export function walkLoop(fn: IrFunction, header: BlockId, blocks: ReadonlySet<BlockId>, limit: number): number | 'over' | undefined {
  const entry = analyse(fn);
  let s: State | undefined;
  for (const b of fn.blocks) {
    const e = entry[b.id];
    if (!e || blocks.has(b.id) || !successors(b.term).includes(header)) continue;
    const out = newState(e.tracked, e);
    for (const i of b.insts) step(i, out);
    if (!liveSuccessors(b.term, out).includes(header)) continue;
    if (s) return undefined;
    s = out;
  }
  if (!s) return undefined;
  let count = 0;
  for (let id = header; blocks.has(id); ) {
    const b = fn.blocks[id]!;
    for (const i of b.insts) step(i, s);
    count += b.insts.length + 1;
    if (count > limit) return 'over';
    const next = liveSuccessors(b.term, s);
    if (b.term.op === 'ret') return count;
    if (next.length !== 1) return undefined;
    id = next[0]!;
  }
  return count;
}

function rewrite(fn: IrFunction, entry: (State | undefined)[]): boolean {
  let changed = false;
  const imm = (v: bigint): Operand => ({ kind: 'imm', value: v });
  const fold = (s: State, o: Operand): Operand => {
    if (o.kind !== 'reg') return o;
    const v = valueOf(s, o);
    if (typeof v === 'bigint') {
      changed = true;
      return imm(v);
    }
    return o;
  };
  for (const b of fn.blocks) {
    const e = entry[b.id];
    if (!e) continue; // unreachable: simplifyCfg removes it
    const s = newState(e.tracked, e);
    b.insts = b.insts.map((i) => {
      let out: Inst = i;
      const d = instDef(i);
      const v = d !== undefined ? transfer(i, s) : undefined;
      if (d !== undefined && typeof v === 'bigint' && i.op !== 'call' && i.op !== 'callfn' && i.op !== 'ldabs' && i.op !== 'asm' && i.op !== 'atomic' && i.op !== 'load') {
        if (!(i.op === 'mov' && i.src.kind === 'imm' && i.bits === 64)) {
          out = { op: 'mov', bits: 64, dst: d, src: imm(v), span: i.span };
          changed = true;
        }
      } else {
        switch (i.op) {
          case 'mov':
            out = { ...i, src: fold(s, i.src) };
            break;
          case 'alu':
            out = simplifyAlu({ ...i, a: fold(s, i.a), b: fold(s, i.b) });
            if (out !== i) changed = true;
            break;
          case 'store':
            out = { ...i, src: fold(s, i.src) };
            break;
          case 'call':
          case 'callfn':
            out = { ...i, args: i.args.map((a) => fold(s, a)) };
            break;
          case 'ldabs':
            out = { ...i, off: fold(s, i.off) };
            break;
          case 'asm':
            out = { ...i, operands: i.operands.map((o) => (o.kind === 'imm' ? { ...o, value: fold(s, o.value) } : o)) };
            break;
          case 'memop':
            out = { ...i, size: fold(s, i.size), value: i.value && fold(s, i.value) };
            break;
          default:
            break;
        }
      }
      step(i, s);
      return out;
    });
    const t = b.term;
    if (t.op === 'br') {
      const a = valueOf(s, { kind: 'reg', reg: t.a });
      const bv = valueOf(s, t.b);
      if (typeof a === 'bigint' && typeof bv === 'bigint') {
        b.term = { op: 'jmp', target: evalCmp(t.cmp, t.bits, a, bv) ? t.then : t.else, span: t.span };
        changed = true;
      } else if (typeof a === 'bigint' && t.b.kind === 'reg') {
        b.term = { ...t, cmp: swappedCmp(t.cmp), a: t.b.reg, b: imm(a) };
        changed = true;
      } else if (t.b.kind === 'reg' && typeof bv === 'bigint') {
        b.term = { ...t, b: imm(bv) };
        changed = true;
      }
    } else if (t.op === 'ret' && t.value) {
      const folded = fold(s, t.value);
      if (folded !== t.value) b.term = { ...t, value: folded };
    }
  }
  return changed;
}

/** Algebraic identities: x+0, x-0, x|0, x^0, x<<0, x>>0, x*1, x&~0 are x (in the op's width). */
function simplifyAlu(i: Inst & { op: 'alu' }): Inst {
  const allOnes = i.bits === 64 ? 0xffffffffffffffffn : 0xffffffffn;
  const identity: Partial<Record<typeof i.alu, bigint>> = { add: 0n, sub: 0n, or: 0n, xor: 0n, lsh: 0n, rsh: 0n, arsh: 0n, mul: 1n, and: allOnes, div: 1n };
  const commutative = i.alu === 'add' || i.alu === 'or' || i.alu === 'xor' || i.alu === 'mul' || i.alu === 'and';
  const id = identity[i.alu];
  if (id === undefined) return i;
  const isId = (o: Operand) => o.kind === 'imm' && BigInt.asUintN(i.bits, o.value) === id;
  if (isId(i.b)) return { op: 'mov', bits: i.bits, dst: i.dst, src: i.a, span: i.span };
  if (commutative && isId(i.a)) return { op: 'mov', bits: i.bits, dst: i.dst, src: i.b, span: i.span };
  return i;
}
