// The abstract domains against concrete arithmetic, exhaustively on small values: every tnum of
// 4 unknown-or-known low bits (81 of them) combined with every other, every value of each, for
// the tnum operations; and scalar bounds built from ranges of small and sign-crossing values for
// every ALU operation at 64 and 32 bits, and for branch refinement. Soundness: the concrete
// result of any member is a member of the abstract result. Precision where the kernel is exact:
// constants stay constants.
import { describe, expect, it } from 'vitest';
import {
  REVERSE_OP, branchTaken, copyScalar, refineBranch, scalarAlu, scalarConst, scalarUnknown, scalarWithin, syncBounds, syncBoundsWide, type CmpOp, type Scalar,
  type ScalarOp,
} from '../../src/verify/bounds.js';
import {
  tnumAdd, tnumAnd, tnumArshift, tnumConst, tnumContains, tnumIn, tnumIntersect, tnumLshift, tnumMul, tnumOr, tnumRange,
  tnumRshift, tnumSub, tnumXor, type Tnum,
} from '../../src/verify/tnum.js';

const U64 = (1n << 64n) - 1n;
const U32 = 0xffffffffn;

/** Every tnum over the low `bits` bits (each bit 0, 1 or unknown). */
function allTnums(bits: number): Tnum[] {
  const out: Tnum[] = [];
  const total = 3 ** bits;
  for (let n = 0; n < total; n++) {
    let v = 0n, m = 0n, k = n;
    for (let b = 0; b < bits; b++) {
      const t = k % 3;
      k = Math.floor(k / 3);
      if (t === 1) v |= 1n << BigInt(b);
      if (t === 2) m |= 1n << BigInt(b);
    }
    out.push({ v, m });
  }
  return out;
}

function members(t: Tnum): bigint[] {
  const bits: bigint[] = [];
  for (let b = 0n; b < 64n; b++) if ((t.m >> b) & 1n) bits.push(b);
  const out: bigint[] = [];
  for (let n = 0; n < 1 << bits.length; n++) {
    let x = t.v;
    bits.forEach((b, i) => { if ((n >> i) & 1) x |= 1n << b; });
    out.push(x);
  }
  return out;
}

const T4 = allTnums(4);

describe('tnum', () => {
  const binary: [string, (a: Tnum, b: Tnum) => Tnum, (x: bigint, y: bigint) => bigint][] = [
    ['add', tnumAdd, (x, y) => (x + y) & U64],
    ['sub', tnumSub, (x, y) => (x - y) & U64],
    ['and', tnumAnd, (x, y) => x & y],
    ['or', tnumOr, (x, y) => x | y],
    ['xor', tnumXor, (x, y) => x ^ y],
    ['mul', tnumMul, (x, y) => (x * y) & U64],
  ];
  it.each(binary)('%s is sound on every pair of 4-bit tnums', (_n, op, conc) => {
    for (const a of T4) for (const b of T4) {
      const r = op(a, b);
      for (const x of members(a)) for (const y of members(b)) {
        if (!tnumContains(r, conc(x, y))) throw new Error(`${_n}(${a.v}/${a.m}, ${b.v}/${b.m}) misses ${conc(x, y)}`);
      }
      if (a.m === 0n && b.m === 0n) expect(r.m).toBe(0n);
    }
  });
  it('shifts are sound for every 8-bit tnum and shift', () => {
    for (const a of allTnums(6).map((t) => ({ v: t.v << 1n, m: t.m << 1n }))) {
      for (let s = 0; s < 8; s++) {
        const l = tnumLshift(a, s), r = tnumRshift(a, s), ar = tnumArshift({ v: a.v | (1n << 63n), m: a.m }, s, 64);
        for (const x of members(a)) {
          expect(tnumContains(l, (x << BigInt(s)) & U64)).toBe(true);
          expect(tnumContains(r, x >> BigInt(s))).toBe(true);
          expect(tnumContains(ar, BigInt.asUintN(64, BigInt.asIntN(64, x | (1n << 63n)) >> BigInt(s)))).toBe(true);
        }
      }
    }
  });
  it('range contains its bounds and intersect keeps common members', () => {
    for (let lo = 0n; lo < 256n; lo += 7n) for (let hi = lo; hi < 256n; hi += 5n) {
      const t = tnumRange(lo, hi);
      for (let x = lo; x <= hi; x++) expect(tnumContains(t, x)).toBe(true);
    }
    for (const a of T4) for (const b of T4) {
      const i = tnumIntersect(a, b);
      for (const x of members(a)) if (tnumContains(b, x)) expect(tnumContains(i, x)).toBe(true);
    }
  });
  // tnumMul and tnumRange are written for speed (locals instead of a tnum per step, fls64 through
  // Math.clz32): they must give exactly what the kernel's plain loops give, on full 64-bit values.
  it('mul and range equal the kernel\'s plain loops on 64-bit tnums', () => {
    const referenceMul = (a: Tnum, b: Tnum): Tnum => {
      const accV = (a.v * b.v) & U64;
      let acc: Tnum = { v: 0n, m: 0n };
      while (a.v !== 0n || a.m !== 0n) {
        if (a.v & 1n) acc = tnumAdd(acc, { v: 0n, m: b.m });
        else if (a.m & 1n) acc = tnumAdd(acc, { v: 0n, m: b.v | b.m });
        a = { v: a.v >> 1n, m: a.m >> 1n };
        b = { v: (b.v << 1n) & U64, m: (b.m << 1n) & U64 };
      }
      return tnumAdd({ v: accV, m: 0n }, acc);
    };
    const referenceRange = (lo: bigint, hi: bigint): Tnum => {
      let bits = 0;
      for (let x = lo ^ hi; x > 0n; x >>= 1n) bits++;
      if (bits > 63) return { v: 0n, m: U64 };
      const delta = (1n << BigInt(bits)) - 1n;
      return { v: lo & ~delta & U64, m: delta };
    };
    let seed = 0x2545f491n;
    const next = (): bigint => {
      seed = (seed * 6364136223846793005n + 1442695040888963407n) & U64;
      return seed;
    };
    // Values of every width: a random 64-bit word shifted right by 0..63 bits.
    const value = (): bigint => next() >> (next() % 64n);
    for (let n = 0; n < 2000; n++) {
      const av = value(), bv = value();
      const am = n % 4 === 0 ? 0n : value() & ~av, bm = n % 3 === 0 ? 0n : value() & ~bv;
      expect(tnumMul({ v: av, m: am }, { v: bv, m: bm })).toEqual(referenceMul({ v: av, m: am }, { v: bv, m: bm }));
      const [lo, hi] = av <= bv ? [av, bv] : [bv, av];
      expect(tnumRange(lo, hi)).toEqual(referenceRange(lo, hi));
    }
    for (const [lo, hi] of [[0n, 0n], [0n, 1n], [U32, U32 + 1n], [0n, U64], [1n << 62n, (1n << 63n) - 1n], [0n, 1n << 63n]]) {
      expect(tnumRange(lo!, hi!)).toEqual(referenceRange(lo!, hi!));
    }
  });
});

/** A scalar holding exactly [lo, hi] (as signed 64-bit values), synced. */
function range(lo: bigint, hi: bigint): Scalar {
  const s = scalarUnknown();
  s.smin = lo;
  s.smax = hi;
  syncBounds(s);
  return s;
}

function contains(s: Scalar, x: bigint): boolean {
  const u = x & U64, sv = BigInt.asIntN(64, u), u32 = u & U32, s32 = BigInt.asIntN(32, u32);
  return u >= s.umin && u <= s.umax && sv >= s.smin && sv <= s.smax && u32 >= s.u32min && u32 <= s.u32max &&
    s32 >= s.s32min && s32 <= s.s32max && tnumContains(s.var, u);
}

const RANGES: [bigint, bigint][] = [];
for (const lo of [-5n, -2n, -1n, 0n, 1n, 3n, 6n, 15n, 250n]) for (const w of [0n, 1n, 3n, 7n]) RANGES.push([lo, lo + w]);

function concrete(op: ScalarOp, x: bigint, y: bigint, alu32: boolean): bigint {
  const bits = alu32 ? 32n : 64n;
  const mask = (1n << bits) - 1n;
  const a = x & mask, b = y & mask;
  switch (op) {
    case 'add': return (a + b) & mask;
    case 'sub': return (a - b) & mask;
    case 'mul': return (a * b) & mask;
    case 'and': return a & b;
    case 'or': return a | b;
    case 'xor': return a ^ b;
    case 'lsh': return (a << b) & mask;
    case 'rsh': return a >> b;
    case 'arsh': return BigInt.asUintN(Number(bits), BigInt.asIntN(Number(bits), a) >> b);
  }
}

describe('scalar bounds', () => {
  const ops: ScalarOp[] = ['add', 'sub', 'mul', 'and', 'or', 'xor', 'lsh', 'rsh', 'arsh'];
  for (const alu32 of [false, true]) {
    it.each(ops)(`%s (${alu32 ? '32' : '64'}-bit) is sound on ranges of small and negative values`, (op) => {
      let checked = 0;
      for (const [a0, a1] of RANGES) for (const [b0, b1] of RANGES) {
        if ((op === 'lsh' || op === 'rsh' || op === 'arsh') && (b0 < 0n || b0 !== b1 || b0 >= (alu32 ? 32n : 64n))) continue;
        const d = range(a0, a1);
        scalarAlu(d, range(b0, b1), op, alu32);
        for (let x = a0; x <= a1; x++) for (let y = b0; y <= b1; y++) {
          const r = concrete(op, x, y, alu32);
          if (!contains(d, r)) throw new Error(`${op}: [${a0},${a1}] ${op} [${b0},${b1}] misses ${r}`);
          checked++;
        }
        if (a0 === a1 && b0 === b1 && op !== 'mul') expect(d.var.m, `${op} of constants`).toBe(0n);
      }
      expect(checked).toBeGreaterThan(100);
    });
  }
  const cmps: CmpOp[] = ['jeq', 'jne', 'jgt', 'jge', 'jlt', 'jle', 'jsgt', 'jsge', 'jslt', 'jsle', 'jset'];
  const holds = (op: CmpOp, x: bigint, y: bigint, bits32: boolean): boolean => {
    const m = bits32 ? U32 : U64;
    const ux = x & m, uy = y & m;
    const sx = bits32 ? BigInt.asIntN(32, ux) : BigInt.asIntN(64, ux), sy = bits32 ? BigInt.asIntN(32, uy) : BigInt.asIntN(64, uy);
    switch (op) {
      case 'jeq': return ux === uy;
      case 'jne': return ux !== uy;
      case 'jgt': return ux > uy;
      case 'jge': return ux >= uy;
      case 'jlt': return ux < uy;
      case 'jle': return ux <= uy;
      case 'jsgt': return sx > sy;
      case 'jsge': return sx >= sy;
      case 'jslt': return sx < sy;
      case 'jsle': return sx <= sy;
      case 'jset': return (ux & uy) !== 0n;
    }
  };
  for (const bits32 of [false, true]) {
    it.each(cmps)(`%s (${bits32 ? 'jmp32' : 'jmp'}): branch prediction and refinement keep every value that takes the branch`, (op) => {
      for (const [a0, a1] of RANGES) for (const [b0, b1] of RANGES) {
        const pred = branchTaken(range(a0, a1), range(b0, b1), op, bits32);
        for (const [refOp, want] of [[op, true], [REVERSE_OP[op], false]] as const) {
          const d = range(a0, a1), s = range(b0, b1);
          refineBranch(d, s, refOp, bits32);
          for (let x = a0; x <= a1; x++) for (let y = b0; y <= b1; y++) {
            if (holds(op, x, y, bits32) !== want) continue;
            if (pred !== -1) expect(pred === 1, `${op} predicted wrongly for ${x},${y}`).toBe(want);
            if (!contains(d, x) || !contains(s, y)) throw new Error(`${op}=${want} on [${a0},${a1}],[${b0},${b1}] lost ${x},${y}`);
          }
        }
      }
    });
  }
  it('a constant stays exact through sync', () => {
    for (const v of [0n, 1n, -1n, 255n, 1n << 40n]) {
      const s = scalarConst(v);
      syncBounds(s);
      expect(s.var.m).toBe(0n);
      expect(s.smin).toBe(v);
    }
  });
  it('the number route of sync gives the bigint route\'s fields for values below 2^32, valid or not', () => {
    let seed = 0x9e3779b97f4a7c15n;
    const next = (): bigint => {
      seed = (seed * 6364136223846793005n + 1442695040888963407n) & U64;
      return seed >> 32n;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Number(next() % BigInt(xs.length))]!;
    // Values of every width below 2^32, and the edges of the signed and unsigned halves.
    const EDGES = [0n, 1n, 2n, 0x7ffffffen, 0x7fffffffn, 0x80000000n, 0x80000001n, 0xfffffffen, U32];
    const value = (): bigint => (next() % 4n === 0n ? pick(EDGES) : next() >> (next() % 32n));
    const pair = (): [bigint, bigint] => {
      const a = value(), b = value();
      // Mostly ordered ranges; an empty one now and then (a path the kernel finds impossible).
      return next() % 8n === 0n || a <= b ? [a, b] : [b, a];
    };
    const differ: string[] = [];
    let fields = 0;
    for (let n = 0; n < 60000 && differ.length < 5; n++) {
      const v = value(), m = next() % 5n === 0n ? 0n : value() & ~v;
      const [umin, umax] = pair(), [smin, smax] = pair(), [u32min, u32max] = pair();
      const [a, b] = pair();
      const s: Scalar = {
        var: { v, m }, umin, umax, smin, smax, u32min, u32max,
        s32min: next() % 6n === 0n ? -(1n << 31n) : BigInt.asIntN(32, a), s32max: next() % 6n === 0n ? (1n << 31n) - 1n : BigInt.asIntN(32, b),
      };
      const fast = copyScalar(s), wide = copyScalar(s);
      syncBounds(fast);
      syncBoundsWide(wide);
      const text = (x: Scalar): string => `${x.var.v},${x.var.m} ${x.umin},${x.umax} ${x.smin},${x.smax} ${x.u32min},${x.u32max} ${x.s32min},${x.s32max}`;
      if (text(fast) !== text(wide)) differ.push(`${text(s)} -> ${text(fast)}, not ${text(wide)}`);
      if (text(wide) !== text(s)) fields++;
    }
    expect(differ).toEqual([]);
    // Most inputs are changed by the sync: the comparison is of work done, not of no-ops.
    expect(fields).toBeGreaterThan(50000);
  });
  it('an unknown scalar is a fixed point of the bigint route of sync', () => {
    const s = scalarUnknown();
    syncBoundsWide(s);
    expect(s).toEqual(scalarUnknown());
  });
  it('containment of scalars is the containment of their ranges and tnums, for constant, unknown and partly known tnums', () => {
    const vals = [0n, 1n, 5n, 0xffn, 0x100n, U32, 1n << 40n, U64];
    const tnums: Tnum[] = [{ v: 0n, m: U64 }, { v: 0n, m: 0n }, { v: 4n, m: 0n }, { v: 0n, m: 0xffn }, { v: 1n, m: 0xfen }, { v: 0n, m: U32 }, { v: U64, m: 0n },
      // A value bit under the mask, which no operation makes: containment still reads it as tnumIn does.
      { v: 1n, m: U64 }];
    let inside = 0, outside = 0;
    for (const ta of tnums) for (const tb of tnums) for (const lo of vals) for (const hi of vals) {
      const a = scalarUnknown(), b = scalarUnknown();
      a.var = ta;
      b.var = tb;
      a.umin = lo;
      a.umax = hi;
      b.umin = b.umax = 0x100n;
      const want = lo <= 0x100n && hi >= 0x100n && tnumIn(ta, tb);
      expect(scalarWithin(a, b), `${ta.v},${ta.m} ${tb.v},${tb.m} [${lo},${hi}]`).toBe(want);
      if (want) inside++;
      else outside++;
    }
    expect(inside).toBeGreaterThan(100);
    expect(outside).toBeGreaterThan(100);
  });
});
