// Sparse conditional constant propagation and folding.
// Needs: nothing (the IR is not SSA: a virtual register may be written many
// times, so values are tracked per program point with a forward dataflow
// over executable edges only). Changes: replaces register operands whose
// value is a known constant by immediates, folds instructions whose inputs
// are all constant into movs, and turns branches with a known outcome into
// jumps. Returns whether anything changed. Invalidates: liveness; run
// simplifyCfg afterwards to drop the blocks that became unreachable.
import { evalAlu, evalBswap, evalCmp, evalNeg, evalSext } from '../ir/eval.js';
import type { AluOp, BlockId, CmpOp, Inst, IrFunction, Operand, Terminator, VReg } from '../ir/ir.js';
import { instDef, instUses, successors, swappedCmp, termUses } from '../ir/ir.js';
import { predecessors, reversePostOrder } from './loops.js';

/** undefined: no value reached yet (top); 'varying': not a constant (bottom). */
type Value = bigint | 'varying';

/** Where a register's value is kept: a slot of the vectors that flow between blocks, or: */
const LOCAL = -1; // the block-local map (a temporary, written in each block before it is read)
const UNTRACKED = -2; // nowhere: it never holds a constant

/**
 * Which registers the analysis tracks, and where. Only registers that can hold a constant and
 * carry a value from one block to the next get a slot, so the state that flows along each edge
 * is a short vector, copied with one slice.
 */
export interface Layout {
  slot: Int32Array;
  size: number;
}

/** The values at one program point: the cross-block vector and the block's temporaries. */
interface State {
  layout: Layout;
  vals: (Value | undefined)[];
  /** Made when the first temporary is written (most visits of a block write none that is tracked). */
  local: Map<VReg, Value> | undefined;
}

function newState(layout: Layout, from?: readonly (Value | undefined)[]): State {
  return { layout, vals: from ? from.slice() : new Array<Value | undefined>(layout.size), local: undefined };
}

function where(s: State, r: VReg): number {
  return s.layout.slot[r] ?? UNTRACKED;
}

function get(s: State, r: VReg): Value | undefined {
  const k = where(s, r);
  return k >= 0 ? s.vals[k] : k === LOCAL ? s.local?.get(r) : 'varying';
}

/**
 * The registers constProp tracks in `fn`, and where. A layout stays good for the function while
 * it changes only by peeling (copies of blocks, no new register), by constProp's own folding and
 * by simplifyCfg: those keep every register's definitions able or unable to give a constant, and
 * make no register read in a block before that block writes it that was not so before. The
 * layout may then hold registers the function no longer needs (a block whose read came first was
 * merged, or dropped): they never hold a constant, so every analysis finds the same constants.
 */
export function layoutOf(fn: IrFunction): Layout {
  const tracked = trackedRegisters(fn);
  let n = fn.vregCount;
  for (const r of tracked) n = Math.max(n, r + 1);
  const crossBlock = crossBlockRegisters(fn, n);
  const slot = new Int32Array(n).fill(UNTRACKED);
  let size = 0;
  for (const r of tracked) slot[r] = crossBlock[r] ? size++ : LOCAL;
  return { slot, size };
}

function meet(a: Value | undefined, b: Value | undefined): Value | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a === b ? a : 'varying';
}

function valueOf(s: State, o: Operand): Value | undefined {
  if (o.kind === 'imm') return BigInt.asUintN(64, o.value);
  return get(s, o.reg);
}

/**
 * Registers that can ever hold a constant: written by a constant move, or by
 * an operation whose register operands can. The others (loads, call results,
 * parameters, and what is computed from them) are always varying and are
 * left out of the per-block states, which keeps them small. Returned in the
 * order they were found.
 */
function trackedRegisters(fn: IrFunction): VReg[] {
  // Flags indexed by register (a plain array grows to any register number), not sets: this runs
  // on every instruction of every constProp, and the process runs without TurboFan.
  const isTracked: (1 | undefined)[] = [];
  const isParam: (1 | undefined)[] = [];
  for (const p of fn.params) isParam[p] = 1;
  const tracked: VReg[] = [];
  const may = (o: Operand) => o.kind === 'imm' || isTracked[o.reg] === 1;
  const canBeConst = (i: Inst): boolean => {
    switch (i.op) {
      case 'mov':
        return may(i.src);
      case 'alu':
        return (may(i.a) && may(i.b)) || ((i.alu === 'and' || i.alu === 'mul') && ((i.a.kind === 'imm' && i.a.value === 0n) || (i.b.kind === 'imm' && i.b.value === 0n)));
      case 'neg':
        return isTracked[i.a] === 1;
      case 'sext':
      case 'bswap':
        return isTracked[i.src] === 1;
      default:
        return false;
    }
  };
  // A worklist of registers just found trackable: each definition is looked at again only when
  // a register it reads becomes tracked (at most twice), so a register written in every copy of
  // an unrolled loop and read by each of them costs its definitions, not their square.
  const readers: (Inst[] | undefined)[] = [];
  const addReader = (r: VReg, i: Inst): void => {
    const l = readers[r];
    if (l) l.push(i);
    else readers[r] = [i];
  };
  const work: VReg[] = [];
  const check = (i: Inst) => {
    const d = instDef(i)!;
    if (isTracked[d] === 1 || isParam[d] === 1 || !canBeConst(i)) return;
    isTracked[d] = 1;
    tracked.push(d);
    work.push(d);
  };
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      // The registers canBeConst looks at; only these instructions can be constant.
      switch (i.op) {
        case 'mov':
          if (i.src.kind === 'reg') addReader(i.src.reg, i);
          break;
        case 'alu':
          if (i.a.kind === 'reg') addReader(i.a.reg, i);
          if (i.b.kind === 'reg') addReader(i.b.reg, i);
          break;
        case 'neg':
          addReader(i.a, i);
          break;
        case 'sext':
        case 'bswap':
          addReader(i.src, i);
          break;
        default:
          continue;
      }
      check(i);
    }
  }
  while (work.length > 0) for (const i of readers[work.pop()!] ?? []) check(i);
  return tracked;
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
      const a = get(s, i.a);
      return typeof a === 'bigint' ? evalNeg(i.bits, a) : 'varying';
    }
    case 'sext': {
      const a = get(s, i.src);
      return typeof a === 'bigint' ? evalSext(i.bits, i.fromBits, a) : 'varying';
    }
    case 'bswap': {
      const a = get(s, i.src);
      return typeof a === 'bigint' ? evalBswap(i.bits, a) : 'varying';
    }
    default:
      return 'varying';
  }
}

function step(i: Inst, s: State): void {
  const d = instDef(i);
  if (d === undefined) return;
  const k = where(s, d);
  if (k >= 0) s.vals[k] = transfer(i, s);
  else if (k === LOCAL) (s.local ??= new Map()).set(d, transfer(i, s));
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
function crossBlockRegisters(fn: IrFunction, n: number): Uint8Array {
  // Flags by register below n (the ones layoutOf asks about): out[r] is 1 when r is read before
  // it is written in some block; written[r] is the number of the last block that wrote r.
  // The common instructions' operands are read here directly, not through instUses: this walks
  // every instruction of every analysis, and an array per instruction cost more than the walk.
  const out = new Uint8Array(n);
  const written = new Int32Array(n).fill(-1);
  for (let k = 0; k < fn.blocks.length; k++) {
    const b = fn.blocks[k]!;
    for (const i of b.insts) {
      let u1 = -1;
      let u2 = -1;
      switch (i.op) {
        case 'mov':
          if (i.src.kind === 'reg') u1 = i.src.reg;
          break;
        case 'alu':
          if (i.a.kind === 'reg') u1 = i.a.reg;
          if (i.b.kind === 'reg') u2 = i.b.reg;
          break;
        case 'load':
          if (i.addr.kind === 'reg') u1 = i.addr.reg;
          break;
        case 'store':
          if (i.addr.kind === 'reg') u1 = i.addr.reg;
          if (i.src.kind === 'reg') u2 = i.src.reg;
          break;
        case 'neg':
          u1 = i.a;
          break;
        case 'sext':
        case 'bswap':
          u1 = i.src;
          break;
        default:
          for (const u of instUses(i)) if (u < n && written[u] !== k) out[u] = 1;
      }
      if (u1 >= 0 && u1 < n && written[u1] !== k) out[u1] = 1;
      if (u2 >= 0 && u2 < n && written[u2] !== k) out[u2] = 1;
      const d = instDef(i);
      if (d !== undefined && d < n) written[d] = k;
    }
    for (const u of termUses(b.term)) if (u < n && written[u] !== k) out[u] = 1;
  }
  return out;
}

/** `layout`: one from layoutOf on an earlier state of fn that is still good for it (see there). */
export function constProp(fn: IrFunction, layout?: Layout): boolean {
  return rewrite(fn, analyse(fn, layout));
}

/** The constants at the entry of each block (undefined where no executable edge leads). */
interface Analysis {
  layout: Layout;
  entry: ((Value | undefined)[] | undefined)[];
}

function analyse(fn: IrFunction, given?: Layout): Analysis {
  const layout = given ?? layoutOf(fn);
  return { layout, entry: analyseFrom(fn, layout, 0, new Array<Value | undefined>(layout.size)) };
}

/**
 * The forward dataflow from block `start`, entered with the values `seed`, over the blocks
 * `inside` accepts (edges that leave them are not followed).
 */
function analyseFrom(fn: IrFunction, layout: Layout, start: BlockId, seed: (Value | undefined)[], inside?: ReadonlySet<BlockId>, settled?: Settled): ((Value | undefined)[] | undefined)[] {
  const n = fn.blocks.length;
  const entry: ((Value | undefined)[] | undefined)[] = new Array(n);
  const dirty = new Uint8Array(n);
  if (settled) {
    // The settled blocks keep their entries; those with a successor that is not settled are
    // looked at once, to carry their exits there. Nothing else leads into a settled block.
    const { blocks, entry: known } = settled;
    for (let id = 0; id < blocks.length; id++) {
      if (blocks[id] !== 1 || !known[id]) continue;
      entry[id] = known[id];
      if (successors(fn.blocks[id]!.term).some((s) => blocks[s] !== 1)) dirty[id] = 1;
    }
  }
  if (!settled || settled.blocks[start] !== 1) {
    entry[start] = seed;
    dirty[start] = 1;
  }
  // Sweeps over the blocks in reverse post-order, each visiting the blocks whose entry changed:
  // a block is then looked at after its forward predecessors, once per sweep at most, and the
  // sweeps end after about as many rounds as loops are nested. (A first-in first-out queue visits
  // blocks before their predecessors settle, seven times each on large unrolled functions.)
  const order = reversePostOrder(fn, start, inside);
  // Only the slots that can differ from a block's previous exit are merged again into the
  // successors it reached then: the slots its entry gained since its previous visit (`pending`,
  // undefined when not known: the whole vector) and the slots it writes. Values only go up the
  // lattice, so the other slots of the successor's entry already hold at least the exit's.
  const pending: (number[] | undefined)[] = new Array(n);
  const reached: (BlockId[] | undefined)[] = new Array(n);
  const size = layout.size;
  for (let again = true; again; ) {
    again = false;
    for (const id of order) {
      if (!dirty[id]) continue;
      dirty[id] = 0;
      const s = newState(layout, entry[id]!);
      const b = fn.blocks[id]!;
      let delta = pending[id];
      pending[id] = undefined;
      for (const i of b.insts) {
        step(i, s);
        if (delta) {
          const d = instDef(i);
          const k = d === undefined ? UNTRACKED : where(s, d);
          if (k >= 0) delta.push(k);
        }
      }
      const live = liveSuccessors(b.term, s);
      const before = reached[id];
      reached[id] = live;
      const exit = s.vals;
      for (const succ of live) {
        if (inside && !inside.has(succ)) continue;
        if (settled && settled.blocks[succ] === 1) continue;
        const old = entry[succ];
        let changed = false;
        if (!old) {
          // The only successor can take the exit state itself: no second copy.
          entry[succ] = live.length === 1 ? exit : exit.slice();
          changed = true;
          pending[succ] = undefined;
        } else {
          // meet(), written out: this loop runs over the whole vector on every edge, and most
          // slots are equal, or already varying, or not reached by this edge.
          const only = delta && before && before.includes(succ) ? delta : undefined;
          const count = only ? only.length : exit.length;
          let gained = pending[succ];
          if (!changed && !dirty[succ] && gained === undefined) gained = pending[succ] = [];
          for (let j = 0; j < count; j++) {
            const k = only ? only[j]! : j;
            // A slot the exit leaves unset is passed before the entry's is read.
            const e = exit[k];
            if (e === undefined) continue;
            const o = old[k];
            if (o === e || o === 'varying') continue;
            old[k] = o === undefined ? e : 'varying';
            changed = true;
            if (gained && gained.length <= size) gained.push(k);
          }
          if (gained && gained.length > size) pending[succ] = undefined;
        }
        if (changed) {
          dirty[succ] = 1;
          again = true;
        }
      }
    }
  }
  return entry;
}

/**
 * Blocks whose entries an analysis already holds and that nothing else leads into (`blocks`: 1
 * for each, by id), with those entries.
 */
interface Settled {
  blocks: Uint8Array;
  entry: ((Value | undefined)[] | undefined)[];
}

/** The constants on entry to a loop, with the layout of the analysis they come from. */
export interface LoopEntry {
  layout: Layout;
  vals: (Value | undefined)[];
  /**
   * The entries of the blocks that lead to the loop without being reached from its header: no
   * change to the loop's blocks, nor blocks added after them, changes what is known there.
   */
  before: Settled;
}

/**
 * The constants known on the edges that enter a loop's header from outside it: what a fold of a
 * region that only the header enters starts from. `single` asks for exactly one such edge
 * (undefined otherwise). Only the blocks that lead to those edges are analysed: no other block
 * can change the values on them.
 */
export function loopEntry(fn: IrFunction, header: BlockId, blocks: ReadonlySet<BlockId>, single = false, given?: Layout): LoopEntry | undefined {
  const layout = given ?? layoutOf(fn);
  const n = fn.blocks.length;
  const preds = predecessors(fn);
  // The blocks from which an edge into the header from outside the loop is reached.
  const leads = new Set<BlockId>();
  const stack: BlockId[] = [];
  for (const p of preds[header]!) {
    if (blocks.has(p) || leads.has(p)) continue;
    leads.add(p);
    stack.push(p);
  }
  while (stack.length > 0) {
    for (const p of preds[stack.pop()!]!) {
      if (leads.has(p)) continue;
      leads.add(p);
      stack.push(p);
    }
  }
  if (!leads.has(0)) return undefined; // the header is not reached from the entry
  const entry = analyseFrom(fn, layout, 0, new Array<Value | undefined>(layout.size), leads);
  let vals: (Value | undefined)[] | undefined;
  for (const b of fn.blocks) {
    const e = entry[b.id];
    if (!e || blocks.has(b.id) || !successors(b.term).includes(header)) continue;
    const out = newState(layout, e);
    for (const i of b.insts) step(i, out);
    if (!liveSuccessors(b.term, out).includes(header)) continue;
    if (vals && single) return undefined;
    if (!vals) vals = out.vals;
    else for (let k = 0; k < vals.length; k++) vals[k] = meet(vals[k], out.vals[k]);
  }
  if (!vals) return undefined;
  // Of those, the blocks the header does not reach.
  const settled = new Uint8Array(n);
  for (const id of leads) settled[id] = 1;
  const seen = new Uint8Array(n);
  seen[header] = 1;
  stack.push(header);
  while (stack.length > 0) {
    const id = stack.pop()!;
    settled[id] = 0;
    for (const s of successors(fn.blocks[id]!.term)) {
      if (seen[s]) continue;
      seen[s] = 1;
      stack.push(s);
    }
  }
  return { layout, vals, before: { blocks: settled, entry } };
}

/**
 * constProp of a function made from the one `from` was taken on by folding and adding blocks
 * reached only from the loop, and retargeting edges into its header: the blocks that lead to the
 * loop without being reached from it keep the entries `from` found (their instructions and what
 * leads to them are as they were), and the analysis goes on from them.
 */
export function constPropAfterLoop(fn: IrFunction, from: LoopEntry): boolean {
  const entry = analyseFrom(fn, from.layout, 0, new Array<Value | undefined>(from.layout.size), undefined, from.before);
  return rewrite(fn, { layout: from.layout, entry });
}

/**
 * constProp over the blocks of `region` only, which nothing enters but block `start`, entered
 * with the constants `from` (a loopEntry of the function before the region was made from its
 * loop: peeling copies a loop's blocks and renames no register, so the same registers are tracked
 * and the values entering are the same). Blocks outside the region are left as they are.
 */
export function constPropRegion(fn: IrFunction, region: ReadonlySet<BlockId>, start: BlockId, from: LoopEntry): boolean {
  const entry = analyseFrom(fn, from.layout, start, from.vals.slice(), region);
  return rewrite(fn, { layout: from.layout, entry });
}

/**
 * Runs a loop from the one edge that enters it, when constants decide every branch in it: the
 * IR instructions executed until it is left, or 'over' past `limit`; undefined when a branch
 * depends on something else, or the loop is entered from more than one place.
 */
export function walkLoop(fn: IrFunction, header: BlockId, blocks: ReadonlySet<BlockId>, limit: number, layout?: Layout): number | 'over' | undefined {
  const start = loopEntry(fn, header, blocks, true, layout);
  if (!start) return undefined;
  const s = newState(start.layout, start.vals);
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

function rewrite(fn: IrFunction, { layout, entry }: Analysis): boolean {
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
    if (!e) continue; // unreachable (simplifyCfg removes it), or outside the region folded
    const s = newState(layout, e);
    // A new list (a try of unrolling keeps the old one to go back to), filled in a loop rather
    // than through a callback per instruction.
    const insts = b.insts;
    const rewritten: Inst[] = new Array<Inst>(insts.length);
    for (let k = 0; k < insts.length; k++) {
      const i = insts[k]!;
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
          // An instruction is copied only when an operand folds (most do not).
          case 'mov': {
            const src = fold(s, i.src);
            if (src !== i.src) out = { ...i, src };
            break;
          }
          case 'alu': {
            const a = fold(s, i.a);
            const b = fold(s, i.b);
            out = simplifyAlu(a === i.a && b === i.b ? i : { ...i, a, b });
            if (out !== i) changed = true;
            break;
          }
          case 'store': {
            const src = fold(s, i.src);
            if (src !== i.src) out = { ...i, src };
            break;
          }
          case 'call':
          case 'callfn':
            out = { ...i, args: i.args.map((a) => fold(s, a)) };
            break;
          case 'ldabs': {
            const off = fold(s, i.off);
            // a known offset register: the displacement goes into the constant (LD_ABS)
            out = off.kind === 'imm' && i.disp ? { ...i, off: { kind: 'imm', value: BigInt.asIntN(32, off.value + BigInt(i.disp)) }, disp: undefined } : { ...i, off };
            break;
          }
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
      // step(i, s), with the value computed above (the state is the same).
      if (d !== undefined) {
        const slot = where(s, d);
        if (slot >= 0) s.vals[slot] = v!;
        else if (slot === LOCAL) (s.local ??= new Map()).set(d, v!);
      }
      rewritten[k] = out;
    }
    b.insts = rewritten;
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

/**
 * Algebraic identities: x+0, x-0, x|0, x^0, x<<0, x>>0, x*1, x&~0 are x (in the op's width).
 * Unsigned x / 2^k is x >> k and x % 2^k is x & (2^k - 1), as clang writes them: the kernel's
 * verifier bounds the result of a shift or a mask, not of BPF_DIV/BPF_MOD (Linux 6.18 keeps
 * `w %= 8` unknown, so a length computed through it was 0..255 and a helper's stack read refused).
 */
const IDENTITY_64: Readonly<Partial<Record<AluOp, bigint>>> = { add: 0n, sub: 0n, or: 0n, xor: 0n, lsh: 0n, rsh: 0n, arsh: 0n, mul: 1n, and: 0xffffffffffffffffn, div: 1n };
const IDENTITY_32: Readonly<Partial<Record<AluOp, bigint>>> = { ...IDENTITY_64, and: 0xffffffffn };

function simplifyAlu(i: Inst & { op: 'alu' }): Inst {
  if ((i.alu === 'div' || i.alu === 'mod') && i.b.kind === 'imm') {
    const d = BigInt.asUintN(i.bits, i.b.value);
    if ((d > 1n || (d === 1n && i.alu === 'mod')) && (d & (d - 1n)) === 0n) {
      const b: Operand = i.alu === 'div' ? { kind: 'imm', value: BigInt(d.toString(2).length - 1) } : { kind: 'imm', value: d - 1n };
      return { ...i, alu: i.alu === 'div' ? 'rsh' : 'and', b };
    }
  }
  const commutative = i.alu === 'add' || i.alu === 'or' || i.alu === 'xor' || i.alu === 'mul' || i.alu === 'and';
  const id = (i.bits === 64 ? IDENTITY_64 : IDENTITY_32)[i.alu];
  if (id === undefined) return i;
  const isId = (o: Operand) => o.kind === 'imm' && BigInt.asUintN(i.bits, o.value) === id;
  if (isId(i.b)) return { op: 'mov', bits: i.bits, dst: i.dst, src: i.a, span: i.span };
  if (commutative && isId(i.a)) return { op: 'mov', bits: i.bits, dst: i.dst, src: i.b, span: i.span };
  return i;
}
