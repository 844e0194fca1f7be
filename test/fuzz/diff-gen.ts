// Random differential programs: a generator of restricted-C XDP programs free of undefined
// behaviour, and an evaluator of the generator's own syntax tree that computes what each program
// must write. The evaluator is independent of ebcc: it works on exact BigInt values with the C11
// rules written out below (integer promotions, usual arithmetic conversions, conversions,
// bit-fields, short-circuit evaluation), and never calls into the compiler.
//
// Undefined behaviour is ruled out by running the evaluator: a node that would overflow a signed
// type, shift a negative value, divide by zero or negate the minimum is rewritten into a defined
// form (its operands made unsigned, its divisor or-ed with 1), and the program evaluated again,
// until it runs cleanly. The inputs are fixed per program, so the evaluation is exact.
//
// A program reads 16 u64 inputs from the packet, computes, and writes its results as u64 values
// into the packet after the inputs; the runner compares them with the evaluator's.

// ---- types ---------------------------------------------------------------------------------------

export interface IntT {
  bits: 8 | 16 | 32 | 64;
  signed: boolean;
}

const T = (bits: 8 | 16 | 32 | 64, signed: boolean): IntT => ({ bits, signed });
export const INT = T(32, true);
export const UINT = T(32, false);
export const S64 = T(64, true);
export const U64 = T(64, false);
const ALL_TYPES: IntT[] = [T(8, false), T(8, true), T(16, false), T(16, true), T(32, false), T(32, true), T(64, false), T(64, true)];

export function typeName(t: IntT): string {
  return `__${t.signed ? 's' : 'u'}${t.bits}`;
}

function wrap(v: bigint, t: IntT): bigint {
  return t.signed ? BigInt.asIntN(t.bits, v) : BigInt.asUintN(t.bits, v);
}

function inRange(v: bigint, t: IntT): boolean {
  return wrap(v, t) === v;
}

const unsignedOf = (t: IntT): IntT => T(t.bits, false);

/** A value with the type it has in C, and the width of the bit-field it was read from, if any. */
interface Val {
  v: bigint;
  t: IntT;
  bitWidth?: number;
}

/** C11 6.3.1.1p2, with clang's rule for bit-fields of any declared type. */
function promote(x: Val): IntT {
  if (x.bitWidth !== undefined) {
    if (x.bitWidth < 32 || (x.t.signed && x.bitWidth === 32)) return INT;
    if (x.bitWidth === 32) return UINT;
    return x.t;
  }
  return x.t.bits < 32 ? INT : x.t;
}

/** C11 6.3.1.8 for two promoted types. */
function usual(a: IntT, b: IntT): IntT {
  if (a.signed === b.signed) return a.bits >= b.bits ? a : b;
  const [u, s] = a.signed ? [b, a] : [a, b];
  if (u.bits >= s.bits) return u;
  return s;
}

// ---- syntax ----------------------------------------------------------------------------------------

export type BinOp = '+' | '-' | '*' | '/' | '%' | '&' | '|' | '^' | '<<' | '>>' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||';
const ARITH: BinOp[] = ['+', '-', '*', '&', '|', '^', '+', '-', '&', '^'];
const CMP: BinOp[] = ['==', '!=', '<', '<=', '>', '>='];
export type CompoundOp = '=' | '+=' | '-=' | '*=' | '/=' | '%=' | '&=' | '|=' | '^=' | '<<=' | '>>=';
const COMPOUND: CompoundOp[] = ['=', '=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>='];

export interface Field {
  name: string;
  t: IntT;
  /** a bit-field's width, or undefined for a plain member */
  bitWidth?: number;
}

export interface StructDef {
  name: string;
  fields: Field[];
  packed: boolean;
}

export type LValue =
  | { k: 'var'; name: string; t: IntT }
  | { k: 'field'; obj: string; f: Field }
  | { k: 'elem'; arr: string; t: IntT; len: number; index: Expr };

export type Expr =
  | { k: 'const'; v: bigint; t: IntT }
  | { k: 'read'; lv: LValue }
  | { k: 'param'; name: string; t: IntT }
  | { k: 'bin'; op: BinOp; l: Expr; r: Expr; safe?: boolean }
  | { k: 'unary'; op: '-' | '~' | '!'; e: Expr; safe?: boolean }
  | { k: 'cast'; t: IntT; e: Expr }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  /** `(lv op= e)` used as a value: the value stored, typed as the target */
  | { k: 'assign'; lv: LValue; op: CompoundOp; e: Expr; safe?: boolean }
  | { k: 'ptrdiff'; arr: string; len: number; i: Expr; j: Expr }
  | { k: 'call'; fn: FuncDef; args: Expr[] };

export type Stmt =
  | { k: 'assign'; lv: LValue; op: CompoundOp; e: Expr; safe?: boolean }
  | { k: 'if'; c: Expr; then: Stmt[]; else: Stmt[] }
  | { k: 'for'; v: string; trips: Expr | number; body: Stmt[] }
  | { k: 'incdec'; lv: LValue; op: '++' | '--'; prefix: boolean; safe?: boolean };

export interface FuncDef {
  name: string;
  params: { name: string; t: IntT }[];
  ret: IntT;
  body: Expr;
}

export interface Program {
  seed: number;
  inputs: bigint[];
  structs: StructDef[];
  /** struct arrays whose pointer differences are taken: element sizes that are not powers of two */
  elemStructs: { name: string; size: number }[];
  funcs: FuncDef[];
  vars: { name: string; t: IntT; init: Expr }[];
  objs: { name: string; s: StructDef }[];
  arrays: { name: string; t: IntT; len: number }[];
  ptrArrays: { name: string; s: string; len: number }[];
  body: Stmt[];
  /** what the program writes, in order */
  outputs: Expr[];
}

export interface GenOptions {
  /** bit-fields of packed structs (which may span more bytes than their declared type); default on */
  packed?: boolean;
  /** loops whose trip count depends on an outer loop's counter; default on */
  triangular?: boolean;
  /** calls to __noinline functions; default on */
  calls?: boolean;
}

// ---- random choices ------------------------------------------------------------------------------

class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = (seed * 0x9e3779b1 + 0x7f4a7c15) | 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) | 0;
    let t = Math.imul(this.s ^ (this.s >>> 15), 1 | this.s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<X>(xs: readonly X[]): X {
    return xs[this.int(xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  u64(): bigint {
    return (BigInt(Math.floor(this.next() * 2 ** 32)) << 32n) | BigInt(Math.floor(this.next() * 2 ** 32));
  }
}

const INTERESTING = [0n, 1n, 2n, 3n, 5n, 7n, 0x7fn, 0x80n, 0xffn, 0x100n, 0x7fffn, 0x8000n, 0xffffn, 0x7fffffffn,
  0x80000000n, 0xffffffffn, 0x100000000n, 0x7fffffffffffffffn, 0x8000000000000000n, 0xffffffffffffffffn,
  0xfffffffffffffffen, 0xffffffff80000000n, 0xffffffffffff8000n];

function interesting(r: Rng): bigint {
  if (r.chance(0.3)) return r.u64();
  if (r.chance(0.2)) return BigInt(r.int(64));
  return r.pick(INTERESTING);
}

// ---- the generator -------------------------------------------------------------------------------

interface Scope {
  /** loop counters in scope (int) */
  counters: string[];
  depth: number;
}

class Gen {
  readonly r: Rng;
  readonly p: Program;
  private stmtBudget = 0;
  constructor(seed: number, private readonly opts: GenOptions) {
    this.r = new Rng(seed);
    this.p = {
      seed, inputs: [], structs: [], elemStructs: [], funcs: [], vars: [], objs: [], arrays: [], ptrArrays: [], body: [], outputs: [],
    };
  }

  program(): Program {
    const r = this.r;
    const p = this.p;
    for (let i = 0; i < 16; i++) p.inputs.push(interesting(r));
    const nStructs = 1 + r.int(2);
    for (let i = 0; i < nStructs; i++) p.structs.push(this.structDef(`S${i}`));
    for (const s of p.structs) p.objs.push({ name: `o${p.objs.length}`, s });
    const nArrays = r.int(3);
    for (let i = 0; i < nArrays; i++) p.arrays.push({ name: `a${i}`, t: r.pick(ALL_TYPES), len: r.pick([2, 4, 8]) });
    if (r.chance(0.5)) {
      const n = r.pick([3, 5, 6, 7]);
      const ft = r.pick([1, 2, 4]);
      const size = n * ft;
      p.elemStructs.push({ name: 'E0', size });
      p.ptrArrays.push({ name: 'pa0', s: 'E0', len: 4 });
    }
    const nVars = 3 + r.int(5);
    for (let i = 0; i < nVars; i++) {
      const t = r.pick(ALL_TYPES);
      const init: Expr = r.chance(0.8)
        ? { k: 'cast', t, e: { k: 'read', lv: { k: 'var', name: `in[${r.int(16)}]`, t: U64 } } }
        : { k: 'const', v: wrap(interesting(r), t), t };
      p.vars.push({ name: `v${i}`, t, init });
    }
    if (this.opts.calls !== false && r.chance(0.4)) {
      const n = 1 + r.int(2);
      for (let i = 0; i < n; i++) p.funcs.push(this.funcDef(`f${i}`));
    }
    this.stmtBudget = 6 + r.int(14);
    p.body = this.stmts({ counters: [], depth: 0 }, this.stmtBudget);
    for (const v of p.vars) p.outputs.push({ k: 'read', lv: { k: 'var', name: v.name, t: v.t } });
    for (const o of p.objs) for (const f of o.s.fields) p.outputs.push({ k: 'read', lv: { k: 'field', obj: o.name, f } });
    for (const a of p.arrays) {
      for (let i = 0; i < a.len; i++) p.outputs.push({ k: 'read', lv: { k: 'elem', arr: a.name, t: a.t, len: a.len, index: { k: 'const', v: BigInt(i), t: INT } } });
    }
    return p;
  }

  private structDef(name: string): StructDef {
    const r = this.r;
    const fields: Field[] = [];
    const n = 2 + r.int(5);
    for (let i = 0; i < n; i++) {
      const t = r.pick(ALL_TYPES);
      if (r.chance(0.65)) fields.push({ name: `f${i}`, t, bitWidth: 1 + r.int(t.bits) });
      else fields.push({ name: `f${i}`, t });
    }
    return { name, fields, packed: this.opts.packed !== false && r.chance(0.25) };
  }

  private funcDef(name: string): FuncDef {
    const r = this.r;
    const params = Array.from({ length: 1 + r.int(4) }, (_, i) => ({ name: `p${i}`, t: r.pick(ALL_TYPES) }));
    const ret = r.pick(ALL_TYPES);
    const fn: FuncDef = { name, params, ret, body: { k: 'const', v: 0n, t: INT } };
    const leaf = (): Expr => {
      const q = r.pick(params);
      return r.chance(0.8) ? { k: 'param', name: q.name, t: q.t } : this.constant();
    };
    fn.body = this.exprWith(leaf, 3);
    return fn;
  }

  private constant(): Expr {
    const r = this.r;
    if (r.chance(0.5)) return { k: 'const', v: BigInt(r.int(300)) - 20n, t: INT };
    const t = r.pick(ALL_TYPES);
    return { k: 'const', v: wrap(interesting(r), t), t };
  }

  private lvalue(sc: Scope, forWrite: boolean): LValue {
    const r = this.r;
    const p = this.p;
    const choice = r.int(10);
    if (choice < 4 || (p.arrays.length === 0 && choice >= 7)) {
      const v = r.pick(p.vars);
      return { k: 'var', name: v.name, t: v.t };
    }
    if (choice < 7 || p.arrays.length === 0) {
      const o = r.pick(p.objs);
      return { k: 'field', obj: o.name, f: r.pick(o.s.fields) };
    }
    const a = r.pick(p.arrays);
    // A written element's index is simple, so that the program never reads the same location in
    // the index while writing it in an unsequenced way.
    const index: Expr = forWrite || r.chance(0.5) ? this.simpleIndex(sc) : this.expr(sc, 1, false);
    return { k: 'elem', arr: a.name, t: a.t, len: a.len, index };
  }

  private simpleIndex(sc: Scope): Expr {
    const r = this.r;
    if (sc.counters.length > 0 && r.chance(0.6)) return { k: 'read', lv: { k: 'var', name: r.pick(sc.counters), t: INT } };
    if (r.chance(0.5)) return { k: 'const', v: BigInt(r.int(8)), t: INT };
    const v = r.pick(this.p.vars);
    return { k: 'read', lv: { k: 'var', name: v.name, t: v.t } };
  }

  private leaf(sc: Scope): Expr {
    const r = this.r;
    const c = r.int(10);
    if (c < 2) return this.constant();
    if (c < 3 && sc.counters.length > 0) return { k: 'read', lv: { k: 'var', name: r.pick(sc.counters), t: INT } };
    return { k: 'read', lv: this.lvalue(sc, false) };
  }

  /** An expression without side effects over `leaf`. */
  private exprWith(leaf: () => Expr, depth: number, sc?: Scope): Expr {
    const r = this.r;
    if (depth <= 0 || r.chance(0.25)) return leaf();
    const sub = (): Expr => this.exprWith(leaf, depth - 1, sc);
    const c = r.int(20);
    if (c < 8) return { k: 'bin', op: r.pick(ARITH), l: sub(), r: sub() };
    if (c < 10) return { k: 'bin', op: r.pick(CMP), l: sub(), r: sub() };
    if (c < 11) return { k: 'bin', op: r.pick(['&&', '||'] as BinOp[]), l: sub(), r: sub() };
    if (c < 13) return { k: 'bin', op: r.pick(['<<', '>>'] as BinOp[]), l: sub(), r: sub() };
    if (c < 14) return { k: 'bin', op: r.pick(['/', '%'] as BinOp[]), l: sub(), r: sub() };
    if (c < 15) return { k: 'unary', op: r.pick(['-', '~', '!'] as const), e: sub() };
    if (c < 17) return { k: 'cast', t: r.pick(ALL_TYPES), e: sub() };
    if (c < 18) return { k: 'cond', c: sub(), a: sub(), b: sub() };
    if (c < 19 && sc && this.p.ptrArrays.length > 0) {
      const a = r.pick(this.p.ptrArrays);
      return { k: 'ptrdiff', arr: a.name, len: a.len, i: sub(), j: sub() };
    }
    if (sc && this.p.funcs.length > 0) {
      const fn = r.pick(this.p.funcs);
      return { k: 'call', fn, args: fn.params.map(() => sub()) };
    }
    return leaf();
  }

  private expr(sc: Scope, depth: number, _top: boolean): Expr {
    return this.exprWith(() => this.leaf(sc), depth, sc);
  }

  private stmts(sc: Scope, budget: number): Stmt[] {
    const out: Stmt[] = [];
    while (budget > 0) {
      const s = this.stmt(sc);
      out.push(s);
      budget -= s.k === 'for' || s.k === 'if' ? 3 : 1;
    }
    return out;
  }

  private stmt(sc: Scope): Stmt {
    const r = this.r;
    const c = r.int(20);
    if (c < 2 && sc.depth < 2) {
      const v = `i${sc.depth}`;
      let trips: Expr | number = 1 + r.int(5);
      if (this.opts.triangular !== false && sc.counters.length > 0 && r.chance(0.5)) {
        trips = { k: 'read', lv: { k: 'var', name: sc.counters[sc.counters.length - 1]!, t: INT } };
      }
      const inner: Scope = { counters: [...sc.counters, v], depth: sc.depth + 1 };
      return { k: 'for', v, trips, body: this.stmts(inner, 1 + r.int(4)) };
    }
    if (c < 4 && sc.depth < 3) {
      const inner: Scope = { counters: sc.counters, depth: sc.depth + 1 };
      return { k: 'if', c: this.expr(sc, 2, true), then: this.stmts(inner, 1 + r.int(3)), else: r.chance(0.5) ? this.stmts(inner, 1 + r.int(2)) : [] };
    }
    if (c < 5) return { k: 'incdec', lv: this.lvalue(sc, true), op: r.pick(['++', '--'] as const), prefix: r.chance(0.5) };
    const lv = this.lvalue(sc, true);
    if (c < 8) {
      // An assignment used as a value, to another variable: `v = (lv op= e) OP e2`. Neither e nor
      // e2 reads lv's object, so nothing is unsequenced.
      const target = r.pick(this.p.vars.filter((v) => !(lv.k === 'var' && lv.name === v.name)));
      if (target) {
        const avoid = lv.k === 'var' ? lv.name : lv.k === 'field' ? lv.obj : lv.arr;
        const e = this.exprAvoiding(sc, avoid);
        const inner: Expr = { k: 'assign', lv, op: r.pick(COMPOUND), e };
        const value: Expr = r.chance(0.5) ? inner : { k: 'bin', op: r.pick([...ARITH, ...CMP]), l: inner, r: this.exprAvoiding(sc, avoid) };
        return { k: 'assign', lv: { k: 'var', name: target.name, t: target.t }, op: '=', e: value };
      }
    }
    return { k: 'assign', lv, op: r.pick(COMPOUND), e: this.expr(sc, 3, true) };
  }

  /** An expression that does not read the variable, struct or array `avoid`. */
  private exprAvoiding(sc: Scope, avoid: string): Expr {
    for (let tries = 0; tries < 20; tries++) {
      const e = this.expr(sc, 2, false);
      if (!reads(e, avoid)) return e;
    }
    return this.constant();
  }
}

function lvRoot(lv: LValue): string {
  return lv.k === 'var' ? lv.name : lv.k === 'field' ? lv.obj : lv.arr;
}

function reads(e: Expr, name: string): boolean {
  switch (e.k) {
    case 'const':
    case 'param':
      return false;
    case 'read':
      return lvRoot(e.lv) === name || (e.lv.k === 'elem' && reads(e.lv.index, name));
    case 'bin':
      return reads(e.l, name) || reads(e.r, name);
    case 'unary':
    case 'cast':
      return reads(e.e, name);
    case 'cond':
      return reads(e.c, name) || reads(e.a, name) || reads(e.b, name);
    case 'assign':
      return lvRoot(e.lv) === name || reads(e.e, name) || (e.lv.k === 'elem' && reads(e.lv.index, name));
    case 'ptrdiff':
      return reads(e.i, name) || reads(e.j, name);
    case 'call':
      return e.args.some((a) => reads(a, name));
  }
}

// ---- the evaluator -------------------------------------------------------------------------------

class UndefinedBehaviour extends Error {
  constructor(readonly repair: () => void) {
    super('undefined behaviour');
  }
}

interface Env {
  vars: Map<string, bigint>;
  fields: Map<string, bigint>;
  arrays: Map<string, bigint[]>;
  params?: Map<string, bigint>;
  steps: number;
}

const MAX_STEPS = 200_000;

function shiftWidth(t: IntT): bigint {
  return BigInt(t.bits);
}

function readLv(env: Env, lv: LValue): Val {
  switch (lv.k) {
    case 'var': {
      const m = /^in\[(\d+)\]$/.exec(lv.name);
      if (m) return { v: env.vars.get(lv.name)!, t: U64 };
      return { v: env.vars.get(lv.name)!, t: lv.t };
    }
    case 'field':
      return { v: env.fields.get(`${lv.obj}.${lv.f.name}`)!, t: lv.f.t, bitWidth: lv.f.bitWidth };
    case 'elem': {
      const i = elemIndex(env, lv);
      return { v: env.arrays.get(lv.arr)![i]!, t: lv.t };
    }
  }
}

function elemIndex(env: Env, lv: LValue & { k: 'elem' }): number {
  const idx = evalExpr(env, lv.index);
  const mask = BigInt(lv.len - 1);
  // `(index) & (len - 1)`: the usual arithmetic conversions of the index and an int.
  const ct = usual(promote(idx), INT);
  return Number(wrap(wrap(idx.v, ct) & mask, ct));
}

/** Stores `v` (of type t) into `lv`; returns the value stored, typed as the target. */
function writeLv(env: Env, lv: LValue, x: Val, index?: number): Val {
  switch (lv.k) {
    case 'var': {
      const v = wrap(x.v, lv.t);
      env.vars.set(lv.name, v);
      return { v, t: lv.t };
    }
    case 'field': {
      const f = lv.f;
      const v = f.bitWidth !== undefined
        ? (f.t.signed ? BigInt.asIntN(f.bitWidth, x.v) : BigInt.asUintN(f.bitWidth, x.v))
        : wrap(x.v, f.t);
      env.fields.set(`${lv.obj}.${f.name}`, v);
      return { v, t: f.t, bitWidth: f.bitWidth };
    }
    case 'elem': {
      const v = wrap(x.v, lv.t);
      env.arrays.get(lv.arr)![index!] = v;
      return { v, t: lv.t };
    }
  }
}

function convert(x: Val, t: IntT): Val {
  return { v: wrap(x.v, t), t };
}

function binary(op: BinOp, a: Val, b: Val, node: { safe?: boolean }, onUB: () => void): Val {
  if (op === '&&' || op === '||') throw new Error('short-circuit operators are evaluated by the caller');
  if (op === '<<' || op === '>>') {
    const lt = promote(a);
    const count = BigInt.asUintN(32, wrap(b.v, promote(b))) & (shiftWidth(lt) - 1n);
    // The left operand made unsigned when the shift would be undefined.
    const t = node.safe && op === '<<' ? unsignedOf(lt) : lt;
    const v = wrap(a.v, t);
    if (op === '<<') {
      const exact = v << count;
      if (t.signed && (v < 0n || !inRange(exact, t))) throw new UndefinedBehaviour(onUB);
      return { v: wrap(exact, t), t };
    }
    return { v: wrap(v >> count, t), t };
  }
  let ct = usual(promote(a), promote(b));
  if (['==', '!=', '<', '<=', '>', '>='].includes(op)) {
    const x = wrap(a.v, ct);
    const y = wrap(b.v, ct);
    const res = { '==': x === y, '!=': x !== y, '<': x < y, '<=': x <= y, '>': x > y, '>=': x >= y }[op as '==']!;
    return { v: res ? 1n : 0n, t: INT };
  }
  if (op === '/' || op === '%') {
    // Division is unsigned (BPF before v4 divides unsigned only): the operands are cast to an
    // unsigned type as wide as their common type, and a zero divisor is or-ed with 1.
    const ut = unsignedOf(ct);
    const x = wrap(a.v, ut);
    let y = wrap(b.v, ut);
    if (node.safe) y |= 1n;
    if (y === 0n) throw new UndefinedBehaviour(onUB);
    return { v: op === '/' ? x / y : x % y, t: ut };
  }
  if (node.safe) ct = unsignedOf(ct);
  const x = wrap(a.v, ct);
  const y = wrap(b.v, ct);
  let exact: bigint;
  switch (op) {
    case '+': exact = x + y; break;
    case '-': exact = x - y; break;
    case '*': exact = x * y; break;
    case '&': exact = x & y; break;
    case '|': exact = x | y; break;
    case '^': exact = x ^ y; break;
    default: throw new Error(`operator ${op}`);
  }
  if (ct.signed && !inRange(exact, ct)) throw new UndefinedBehaviour(onUB);
  return { v: wrap(exact, ct), t: ct };
}

function evalExpr(env: Env, e: Expr): Val {
  if (++env.steps > MAX_STEPS) throw new Error('the program runs too long');
  switch (e.k) {
    case 'const':
      return { v: e.v, t: e.t };
    case 'param':
      return { v: env.params!.get(e.name)!, t: e.t };
    case 'read':
      return readLv(env, e.lv);
    case 'bin': {
      if (e.op === '&&' || e.op === '||') {
        const a = evalExpr(env, e.l).v !== 0n;
        if (e.op === '&&' ? !a : a) return { v: a ? 1n : 0n, t: INT };
        return { v: evalExpr(env, e.r).v !== 0n ? 1n : 0n, t: INT };
      }
      const a = evalExpr(env, e.l);
      const b = evalExpr(env, e.r);
      return binary(e.op, a, b, e, () => { e.safe = true; });
    }
    case 'unary': {
      const a = evalExpr(env, e.e);
      if (e.op === '!') return { v: a.v === 0n ? 1n : 0n, t: INT };
      const pt = promote(a);
      const t = e.safe && e.op === '-' ? unsignedOf(pt) : pt;
      const v = wrap(a.v, t);
      if (e.op === '~') return { v: wrap(~v, t), t };
      if (t.signed && !inRange(-v, t)) throw new UndefinedBehaviour(() => { e.safe = true; });
      return { v: wrap(-v, t), t };
    }
    case 'cast':
      return convert(evalExpr(env, e.e), e.t);
    case 'cond': {
      const c = evalExpr(env, e.c).v !== 0n;
      // Both arms' types decide the result's type; only the chosen arm is evaluated.
      const ta = staticType(e.a);
      const tb = staticType(e.b);
      const t = usual(ta, tb);
      return convert(evalExpr(env, c ? e.a : e.b), t);
    }
    case 'assign':
      return assign(env, e.lv, e.op, e.e, e);
    case 'ptrdiff': {
      const i = evalExpr(env, e.i);
      const j = evalExpr(env, e.j);
      const mask = BigInt(e.len - 1);
      const ii = wrap(i.v, usual(promote(i), INT)) & mask;
      const jj = wrap(j.v, usual(promote(j), INT)) & mask;
      return { v: ii - jj, t: S64 };
    }
    case 'call': {
      const args = e.args.map((a, i) => wrap(evalExpr(env, a).v, e.fn.params[i]!.t));
      const params = new Map(e.fn.params.map((p, i) => [p.name, args[i]!] as const));
      const inner: Env = { ...env, params };
      const v = convert(evalExpr(inner, e.fn.body), e.fn.ret);
      env.steps = inner.steps;
      return v;
    }
  }
}

/** The promoted type an expression has, without evaluating it (for the conditional operator). */
function staticType(e: Expr): IntT {
  const val = (t: IntT, bitWidth?: number): Val => ({ v: 0n, t, bitWidth });
  switch (e.k) {
    case 'const':
    case 'param':
      return promote(val(e.t));
    case 'read':
      if (e.lv.k === 'field') return promote(val(e.lv.f.t, e.lv.f.bitWidth));
      return promote(val(e.lv.k === 'var' && e.lv.name.startsWith('in[') ? U64 : e.lv.t));
    case 'assign':
      if (e.lv.k === 'field') return promote(val(e.lv.f.t, e.lv.f.bitWidth));
      return promote(val(e.lv.t));
    case 'cast':
      return promote(val(e.t));
    case 'unary':
      if (e.op === '!') return INT;
      return e.safe && e.op === '-' ? unsignedOf(staticType(e.e)) : staticType(e.e);
    case 'cond':
      return usual(staticType(e.a), staticType(e.b));
    case 'ptrdiff':
      return S64;
    case 'call':
      return promote(val(e.fn.ret));
    case 'bin': {
      if (['==', '!=', '<', '<=', '>', '>=', '&&', '||'].includes(e.op)) return INT;
      if (e.op === '<<' || e.op === '>>') {
        const lt = staticType(e.l);
        return e.safe && e.op === '<<' ? unsignedOf(lt) : lt;
      }
      const ct = usual(staticType(e.l), staticType(e.r));
      if (e.op === '/' || e.op === '%' || e.safe) return unsignedOf(ct);
      return ct;
    }
  }
}

function lvType(lv: LValue): Val {
  if (lv.k === 'field') return { v: 0n, t: lv.f.t, bitWidth: lv.f.bitWidth };
  return { v: 0n, t: lv.t };
}

/** `lv op= e`; the value stored, typed as the target (a bit-field keeps its width). */
function assign(env: Env, lv: LValue, op: CompoundOp, e: Expr, node: { safe?: boolean }): Val {
  const index = lv.k === 'elem' ? elemIndex(env, lv) : undefined;
  if (op === '=') return writeLv(env, lv, evalExpr(env, e), index);
  const old = lv.k === 'elem' ? { v: env.arrays.get(lv.arr)![index!]!, t: lv.t } : readLv(env, lv);
  const rhs = evalExpr(env, e);
  const bop = op.slice(0, -1) as BinOp;
  const res = binary(bop, old, divisorFor(bop, old, rhs), node, () => { node.safe = true; });
  return writeLv(env, lv, res, index);
}

/**
 * A compound division's right operand is cast to an unsigned type as wide as the target's
 * promoted type (so that the division is unsigned), which the printer writes out.
 */
function divisorFor(op: BinOp, target: Val, rhs: Val): Val {
  if (op !== '/' && op !== '%') return rhs;
  return convert(rhs, compoundDivType(target));
}

function compoundDivType(target: Val): IntT {
  return promote(target).bits === 64 ? U64 : UINT;
}

function execStmts(env: Env, ss: Stmt[]): void {
  for (const s of ss) execStmt(env, s);
}

function execStmt(env: Env, s: Stmt): void {
  if (++env.steps > MAX_STEPS) throw new Error('the program runs too long');
  switch (s.k) {
    case 'assign':
      assign(env, s.lv, s.op, s.e, s);
      return;
    case 'incdec': {
      const index = s.lv.k === 'elem' ? elemIndex(env, s.lv) : undefined;
      const old = s.lv.k === 'elem' ? { v: env.arrays.get(s.lv.arr)![index!]!, t: s.lv.t } : readLv(env, s.lv);
      // x++ is x += 1: computed in the promoted type.
      const one: Val = { v: 1n, t: INT };
      const res = binary(s.op === '++' ? '+' : '-', old, one, s, () => { s.safe = true; });
      writeLv(env, s.lv, res, index);
      return;
    }
    case 'if':
      if (evalExpr(env, s.c).v !== 0n) execStmts(env, s.then);
      else execStmts(env, s.else);
      return;
    case 'for': {
      const trips = typeof s.trips === 'number' ? BigInt(s.trips) : evalExpr(env, s.trips).v;
      const saved = env.vars.get(s.v);
      for (let i = 0n; i < trips; i++) {
        env.vars.set(s.v, i);
        execStmts(env, s.body);
      }
      if (saved === undefined) env.vars.delete(s.v);
      else env.vars.set(s.v, saved);
      return;
    }
  }
}

/** Runs the program; throws UndefinedBehaviour (with its repair) at the first undefined operation. */
function run(p: Program): bigint[] {
  const env: Env = { vars: new Map(), fields: new Map(), arrays: new Map(), steps: 0 };
  p.inputs.forEach((v, i) => env.vars.set(`in[${i}]`, v));
  for (const v of p.vars) env.vars.set(v.name, convert(evalExpr(env, v.init), v.t).v);
  for (const o of p.objs) for (const f of o.s.fields) env.fields.set(`${o.name}.${f.name}`, 0n);
  for (const a of p.arrays) env.arrays.set(a.name, new Array<bigint>(a.len).fill(0n));
  execStmts(env, p.body);
  return p.outputs.map((o) => BigInt.asUintN(64, evalExpr(env, o).v));
}

/** The values the program must write, after making it free of undefined behaviour. */
export function expectedOutputs(p: Program): bigint[] {
  for (let repairs = 0; repairs < 500; repairs++) {
    try {
      return run(p);
    } catch (e) {
      if (e instanceof UndefinedBehaviour) {
        e.repair();
        continue;
      }
      throw e;
    }
  }
  throw new Error('too many undefined operations to repair');
}

export function generate(seed: number, opts: GenOptions = {}): { program: Program; source: string; expected: bigint[] } {
  const program = new Gen(seed, opts).program();
  const expected = expectedOutputs(program);
  return { program, source: printProgram(program), expected };
}

// ---- printing ------------------------------------------------------------------------------------

export const INPUT_OFFSET = 8;
export const INPUT_COUNT = 16;
export const OUTPUT_OFFSET = INPUT_OFFSET + 8 * INPUT_COUNT;

function lit(v: bigint, t: IntT): string {
  if (t.bits === 32 && t.signed && v >= 0n) return `${v}`;
  if (t.bits === 32 && t.signed && v > -0x80000000n) return `(${v})`;
  const u = BigInt.asUintN(64, v);
  return `((${typeName(t)})0x${u.toString(16)}ULL)`;
}

function printLv(lv: LValue): string {
  switch (lv.k) {
    case 'var':
      return lv.name;
    case 'field':
      return `${lv.obj}.${lv.f.name}`;
    case 'elem':
      return `${lv.arr}[(${printExpr(lv.index)}) & ${lv.len - 1}]`;
  }
}

function printExpr(e: Expr): string {
  switch (e.k) {
    case 'const':
      return lit(e.v, e.t);
    case 'param':
      return e.name;
    case 'read':
      return printLv(e.lv);
    case 'bin': {
      const l = printExpr(e.l);
      const r = printExpr(e.r);
      if (e.op === '<<' || e.op === '>>') {
        const lt = staticType(e.l);
        const left = e.safe && e.op === '<<' ? `(${typeName(unsignedOf(lt))})(${l})` : `(${l})`;
        return `(${left} ${e.op} ((${r}) & ${lt.bits - 1}))`;
      }
      if (e.op === '/' || e.op === '%') {
        const ut = typeName(unsignedOf(usual(staticType(e.l), staticType(e.r))));
        return `((${ut})(${l}) ${e.op} ${e.safe ? `((${ut})(${r}) | 1)` : `(${ut})(${r})`})`;
      }
      if (e.safe) {
        const ut = typeName(unsignedOf(usual(staticType(e.l), staticType(e.r))));
        return `((${ut})(${l}) ${e.op} (${ut})(${r}))`;
      }
      return `(${l} ${e.op} ${r})`;
    }
    case 'unary':
      if (e.safe && e.op === '-') return `(-(${typeName(unsignedOf(staticType(e.e)))})(${printExpr(e.e)}))`;
      return `(${e.op}(${printExpr(e.e)}))`;
    case 'cast':
      return `((${typeName(e.t)})(${printExpr(e.e)}))`;
    case 'cond':
      return `(${printExpr(e.c)} ? ${printExpr(e.a)} : ${printExpr(e.b)})`;
    case 'assign':
      return `(${printAssign(e.lv, e.op, e.e, e.safe)})`;
    case 'ptrdiff':
      return `(&${e.arr}[(${printExpr(e.i)}) & ${e.len - 1}] - &${e.arr}[(${printExpr(e.j)}) & ${e.len - 1}])`;
    case 'call':
      return `${e.fn.name}(${e.args.map(printExpr).join(', ')})`;
  }
}

function printAssign(lv: LValue, op: CompoundOp, e: Expr, safe: boolean | undefined): string {
  const target = printLv(lv);
  const rhs = printExpr(e);
  if (op === '=') return `${target} = ${rhs}`;
  const bop = op.slice(0, -1);
  const tv = lvType(lv);
  if (bop === '/' || bop === '%') {
    const ut = typeName(compoundDivType(tv));
    return `${target} ${op} ${safe ? `((${ut})(${rhs}) | 1)` : `(${ut})(${rhs})`}`;
  }
  if (bop === '<<' || bop === '>>') {
    const pt = promote(tv);
    if (safe && bop === '<<') return `${target} = (${typeName(unsignedOf(pt))})(${target}) << ((${rhs}) & ${pt.bits - 1})`;
    return `${target} ${op} ((${rhs}) & ${pt.bits - 1})`;
  }
  if (safe) {
    const ut = typeName(unsignedOf(usual(promote(tv), staticType(e))));
    return `${target} = (${ut})(${target}) ${bop} (${ut})(${rhs})`;
  }
  return `${target} ${op} ${rhs}`;
}

function printStmts(ss: Stmt[], indent: string): string {
  return ss.map((s) => printStmt(s, indent)).join('');
}

function printStmt(s: Stmt, ind: string): string {
  switch (s.k) {
    case 'assign':
      return `${ind}${printAssign(s.lv, s.op, s.e, s.safe)};\n`;
    case 'incdec': {
      const target = printLv(s.lv);
      if (s.safe) {
        const ut = typeName(unsignedOf(promote(lvType(s.lv))));
        return `${ind}${target} = (${ut})(${target}) ${s.op === '++' ? '+' : '-'} 1;\n`;
      }
      return `${ind}${s.prefix ? s.op + target : target + s.op};\n`;
    }
    case 'if':
      return `${ind}if (${printExpr(s.c)}) {\n${printStmts(s.then, ind + '  ')}${ind}}${s.else.length > 0 ? ` else {\n${printStmts(s.else, ind + '  ')}${ind}}` : ''}\n`;
    case 'for': {
      const bound = typeof s.trips === 'number' ? `${s.trips}` : printExpr(s.trips);
      return `${ind}for (int ${s.v} = 0; ${s.v} < ${bound}; ${s.v}++) {\n${printStmts(s.body, ind + '  ')}${ind}}\n`;
    }
  }
}

export function printProgram(p: Program): string {
  const out: string[] = [];
  out.push(`// seed ${p.seed}`);
  // The few declarations a program needs, instead of the system headers (faster to compile).
  for (const t of ALL_TYPES) out.push(`typedef ${t.signed ? 'signed' : 'unsigned'} ${{ 8: 'char', 16: 'short', 32: 'int', 64: 'long long' }[t.bits]} ${typeName(t)};`);
  out.push('struct xdp_md { __u32 data; __u32 data_end; __u32 data_meta; __u32 ingress_ifindex; __u32 rx_queue_index; __u32 egress_ifindex; };');
  out.push('#define SEC(name) __attribute__((section(name), used))', '');
  for (const s of p.structs) {
    out.push(`struct ${s.name} {`);
    for (const f of s.fields) out.push(`  ${typeName(f.t)} ${f.name}${f.bitWidth !== undefined ? ` : ${f.bitWidth}` : ''};`);
    out.push(`}${s.packed ? ' __attribute__((packed))' : ''};`);
  }
  for (const e of p.elemStructs) {
    const ft = e.size % 4 === 0 ? '__u32' : e.size % 2 === 0 ? '__u16' : '__u8';
    const fs = e.size % 4 === 0 ? 4 : e.size % 2 === 0 ? 2 : 1;
    out.push(`struct ${e.name} { ${ft} x[${e.size / fs}]; };`);
  }
  for (const f of p.funcs) {
    out.push(`static __attribute__((noinline)) ${typeName(f.ret)} ${f.name}(${f.params.map((q) => `${typeName(q.t)} ${q.name}`).join(', ')})`);
    out.push(`{\n  return ${printExpr(f.body)};\n}`);
  }
  const len = OUTPUT_OFFSET + 8 * p.outputs.length;
  out.push('', 'SEC("xdp")', 'int prog(struct xdp_md *ctx)', '{');
  out.push('  void *data = (void *)(long)ctx->data;', '  void *data_end = (void *)(long)ctx->data_end;');
  out.push(`  if ((char *)data + ${len} > (char *)data_end) return 1;`);
  out.push(`  __u64 *in = (__u64 *)((char *)data + ${INPUT_OFFSET});`);
  out.push(`  __u64 *out = (__u64 *)((char *)data + ${OUTPUT_OFFSET});`);
  for (const v of p.vars) out.push(`  ${typeName(v.t)} ${v.name} = ${printExpr(v.init)};`);
  for (const o of p.objs) out.push(`  struct ${o.s.name} ${o.name} = {};`);
  for (const a of p.arrays) out.push(`  ${typeName(a.t)} ${a.name}[${a.len}] = {};`);
  for (const a of p.ptrArrays) out.push(`  struct ${a.s} ${a.name}[${a.len}];`);
  out.push(printStmts(p.body, '  ').trimEnd());
  p.outputs.forEach((o, i) => out.push(`  out[${i}] = (__u64)${printExpr(o)};`));
  out.push('  return 2;', '}', '', 'char LICENSE[] SEC("license") = "GPL";', '');
  return out.join('\n');
}

/** The packet a program runs on: its inputs, and room for its outputs. */
export function packetFor(p: Program): Uint8Array {
  const bytes = new Uint8Array(OUTPUT_OFFSET + 8 * p.outputs.length);
  const view = new DataView(bytes.buffer);
  p.inputs.forEach((v, i) => view.setBigUint64(INPUT_OFFSET + 8 * i, v, true));
  return bytes;
}

/** The outputs a run wrote into the packet. */
export function outputsOf(p: Program, packet: Uint8Array): bigint[] {
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  return p.outputs.map((_, i) => (OUTPUT_OFFSET + 8 * i + 8 <= packet.length ? view.getBigUint64(OUTPUT_OFFSET + 8 * i, true) : -1n));
}
