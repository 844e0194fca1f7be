// Sparse conditional constant propagation and folding.
// Needs: nothing (the IR is not SSA: a virtual register may be written many
// times, so values are tracked per program point with a forward dataflow
// over executable edges only). Changes: replaces register operands whose
// value is a known constant by immediates, folds instructions whose inputs
// are all constant into movs, and turns branches with a known outcome into
// jumps. Returns whether anything changed. Invalidates: liveness; run
// simplifyCfg afterwards to drop the blocks that became unreachable.
import { evalAlu, evalBswap, evalCmp, evalNeg, evalSext } from '../ir/eval.js';
import type { BlockId, CmpOp, Inst, IrFunction, Operand, Terminator, VReg } from '../ir/ir.js';
import { instDef, successors } from '../ir/ir.js';

/** undefined: no value reached yet (top); 'varying': not a constant (bottom). */
type Value = bigint | 'varying';
type State = Map<VReg, Value>;

const SWAPPED: Record<CmpOp, CmpOp> = { eq: 'eq', ne: 'ne', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge', sgt: 'slt', sge: 'sle', slt: 'sgt', sle: 'sge', set: 'set' };

function meet(a: Value | undefined, b: Value | undefined): Value | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a === b ? a : 'varying';
}

function valueOf(s: State, o: Operand): Value | undefined {
  return o.kind === 'imm' ? BigInt.asUintN(64, o.value) : s.get(o.reg);
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
  if (d !== undefined) s.set(d, transfer(i, s));
}

/** Which successors of a terminator can execute in state s. */
function liveSuccessors(t: Terminator, s: State): BlockId[] {
  if (t.op !== 'br') return successors(t);
  const a = s.get(t.a);
  const b = valueOf(s, t.b);
  if (typeof a === 'bigint' && typeof b === 'bigint') return [evalCmp(t.cmp, t.bits, a, b) ? t.then : t.else];
  return successors(t);
}

export function constProp(fn: IrFunction): boolean {
  const n = fn.blocks.length;
  const entry: (State | undefined)[] = new Array(n);
  const init: State = new Map();
  for (const p of fn.params) init.set(p, 'varying');
  entry[0] = init;
  const work: BlockId[] = [0];
  const queued = new Set<BlockId>([0]);
  while (work.length > 0) {
    const id = work.shift()!;
    queued.delete(id);
    const s = new Map(entry[id]!);
    const b = fn.blocks[id]!;
    for (const i of b.insts) step(i, s);
    for (const succ of liveSuccessors(b.term, s)) {
      const old = entry[succ];
      let changed = false;
      let next: State;
      if (!old) {
        next = new Map(s);
        changed = true;
      } else {
        next = new Map(old);
        const keys = new Set([...old.keys(), ...s.keys()]);
        for (const k of keys) {
          const m = meet(old.get(k), s.get(k));
          if (m !== old.get(k)) {
            changed = true;
            if (m === undefined) next.delete(k);
            else next.set(k, m);
          }
        }
      }
      if (changed) {
        entry[succ] = next;
        if (!queued.has(succ)) {
          queued.add(succ);
          work.push(succ);
        }
      }
    }
  }
  return rewrite(fn, entry);
}

function rewrite(fn: IrFunction, entry: (State | undefined)[]): boolean {
  let changed = false;
  const imm = (v: bigint): Operand => ({ kind: 'imm', value: v });
  const fold = (s: State, o: Operand): Operand => {
    if (o.kind !== 'reg') return o;
    const v = s.get(o.reg);
    if (typeof v === 'bigint') {
      changed = true;
      return imm(v);
    }
    return o;
  };
  for (const b of fn.blocks) {
    const e = entry[b.id];
    if (!e) continue; // unreachable: simplifyCfg removes it
    const s = new Map(e);
    b.insts = b.insts.map((i) => {
      let out: Inst = i;
      const d = instDef(i);
      const v = d !== undefined ? transfer(i, s) : undefined;
      if (d !== undefined && typeof v === 'bigint' && i.op !== 'call' && i.op !== 'callfn' && i.op !== 'atomic' && i.op !== 'load') {
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
          default:
            break;
        }
      }
      step(i, s);
      return out;
    });
    const t = b.term;
    if (t.op === 'br') {
      const a = s.get(t.a);
      const bv = valueOf(s, t.b);
      if (typeof a === 'bigint' && typeof bv === 'bigint') {
        b.term = { op: 'jmp', target: evalCmp(t.cmp, t.bits, a, bv) ? t.then : t.else, span: t.span };
        changed = true;
      } else if (typeof a === 'bigint' && t.b.kind === 'reg') {
        b.term = { ...t, cmp: SWAPPED[t.cmp], a: t.b.reg, b: imm(a) };
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
