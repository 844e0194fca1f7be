// tnum.ts and bounds.ts against plain bigint references written here, on random 64-bit values:
// the operations must give exactly the tnum the kernel's formulas give (kernel/bpf/tnum.c), and
// syncBounds must keep every concrete value the scalar stood for (soundness), whatever internal
// shortcuts the implementation takes.
import { describe, expect, it } from 'vitest';
import { coerceToSize, scalarConst, scalarUnknown, syncBounds, type Scalar } from '../../src/verify/bounds.js';
import {
  LOW_BITS, tnumAdd, tnumAnd, tnumArshift, tnumCast, tnumContains, tnumLshift, tnumMul, tnumOr, tnumRange, tnumRshift, tnumSub,
  tnumXor, type Tnum,
} from '../../src/verify/tnum.js';

const M64 = (1n << 64n) - 1n;

/** xorshift64*, so every run sees the same values. */
function rng(seed: bigint): () => bigint {
  let x = seed;
  return () => {
    x ^= x >> 12n;
    x ^= (x << 25n) & M64;
    x ^= x >> 27n;
    return (x * 0x2545f4914f6cdd1dn) & M64;
  };
}

/** A random value, often with few significant bits or near a sign boundary. */
function value(next: () => bigint): bigint {
  const r = next();
  switch (Number(r & 7n)) {
    case 0:
      return r & 0xffn;
    case 1:
      return r & 0xffffffffn;
    case 2:
      return (M64 - (r & 0xffffn)) & M64;
    case 3:
      return (0x7fffffffn + (r & 3n) - 1n) & M64;
    default:
      return next();
  }
}

function randomTnum(next: () => bigint): Tnum {
  const m = Number(next() & 3n) === 0 ? 0n : value(next);
  return { v: value(next) & ~m & M64, m };
}

// The references: the kernel's formulas, each written the straightforward way.
const ref = {
  range(min: bigint, max: bigint): Tnum {
    const chi = min ^ max;
    let bits = 0;
    for (let x = chi; x > 0n; x >>= 1n) bits++;
    if (bits > 63) return { v: 0n, m: M64 };
    const delta = (1n << BigInt(bits)) - 1n;
    return { v: min & ~delta & M64, m: delta };
  },
  cast(a: Tnum, size: number): Tnum {
    if (size >= 8) return a;
    const mask = (1n << BigInt(size * 8)) - 1n;
    return { v: a.v & mask, m: a.m & mask };
  },
  add(a: Tnum, b: Tnum): Tnum {
    const sm = (a.m + b.m) & M64, sv = (a.v + b.v) & M64;
    const chi = ((sm + sv) & M64) ^ sv;
    const mu = chi | a.m | b.m;
    return { v: sv & ~mu & M64, m: mu };
  },
  sub(a: Tnum, b: Tnum): Tnum {
    const dv = (a.v - b.v) & M64;
    const chi = ((dv + a.m) & M64) ^ ((dv - b.m) & M64);
    const mu = chi | a.m | b.m;
    return { v: dv & ~mu & M64, m: mu };
  },
  mul(a: Tnum, b: Tnum): Tnum {
    const accV = (a.v * b.v) & M64;
    let accM: Tnum = { v: 0n, m: 0n };
    let x = a, y = b;
    while (x.v !== 0n || x.m !== 0n) {
      if ((x.v & 1n) !== 0n) accM = ref.add(accM, { v: 0n, m: y.m });
      else if ((x.m & 1n) !== 0n) accM = ref.add(accM, { v: 0n, m: y.v | y.m });
      x = { v: x.v >> 1n, m: x.m >> 1n };
      y = { v: (y.v << 1n) & M64, m: (y.m << 1n) & M64 };
    }
    return ref.add({ v: accV, m: 0n }, accM);
  },
};

describe('tnum against the bigint reference', () => {
  it('LOW_BITS holds 2^n - 1', () => {
    for (let n = 0; n <= 64; n++) expect(LOW_BITS[n]).toBe((1n << BigInt(n)) - 1n);
  });

  it('range, cast, add, sub, mul, and, or, xor and shifts agree on 20,000 random operands', () => {
    const next = rng(0x9e3779b97f4a7c15n);
    for (let i = 0; i < 20_000; i++) {
      const a = randomTnum(next), b = randomTnum(next);
      const x = value(next), y = value(next);
      const [lo, hi] = x <= y ? [x, y] : [y, x];
      expect(tnumRange(lo, hi)).toEqual(ref.range(lo, hi));
      const size = [1, 2, 4, 8][i & 3]!;
      expect(tnumCast(a, size)).toEqual(ref.cast(a, size));
      expect(tnumAdd(a, b)).toEqual(ref.add(a, b));
      expect(tnumSub(a, b)).toEqual(ref.sub(a, b));
      if (i % 8 === 0) expect(tnumMul(a, b)).toEqual(ref.mul(a, b));
      // Operands with every bit, or every high bit, unknown: the accumulated mask fills up early.
      if (i % 64 === 0) {
        const wide: Tnum = { v: 0n, m: i % 128 === 0 ? M64 : M64 & ~0xffn };
        expect(tnumMul(wide, b)).toEqual(ref.mul(wide, b));
        expect(tnumMul(a, wide)).toEqual(ref.mul(a, wide));
      }
      expect(tnumAnd(a, b)).toEqual({ v: a.v & b.v, m: (a.v | a.m) & (b.v | b.m) & ~(a.v & b.v) & M64 });
      expect(tnumOr(a, b)).toEqual({ v: a.v | b.v, m: (a.m | b.m) & ~(a.v | b.v) & M64 });
      expect(tnumXor(a, b)).toEqual({ v: (a.v ^ b.v) & ~(a.m | b.m) & M64, m: a.m | b.m });
      const s = Number(next() & 63n);
      expect(tnumLshift(a, s)).toEqual({ v: (a.v << BigInt(s)) & M64, m: (a.m << BigInt(s)) & M64 });
      expect(tnumRshift(a, s)).toEqual({ v: a.v >> BigInt(s), m: a.m >> BigInt(s) });
      const sar = (z: bigint) => BigInt.asUintN(64, BigInt.asIntN(64, z) >> BigInt(s));
      expect(tnumArshift(a, s, 64)).toEqual({ v: sar(a.v), m: sar(a.m) });
    }
  });
});

describe('bounds keep every value they stood for', () => {
  /** A scalar whose tnum and eight ranges all contain x, otherwise random. */
  function around(x: bigint, next: () => bigint): Scalar {
    const m = value(next) & M64;
    const below = (v: bigint, lo: bigint) => (v - (next() & 0xffffn) < lo ? lo : v - (next() & 0xffffn));
    const above = (v: bigint, hi: bigint) => (v + (next() & 0xffffn) > hi ? hi : v + (next() & 0xffffn));
    const sx = BigInt.asIntN(64, x), x32 = x & 0xffffffffn, sx32 = BigInt.asIntN(32, x);
    return {
      var: { v: x & ~m & M64, m },
      umin: below(x, 0n), umax: above(x, M64),
      smin: below(sx, -(1n << 63n)), smax: above(sx, (1n << 63n) - 1n),
      u32min: below(x32, 0n), u32max: above(x32, 0xffffffffn),
      s32min: below(sx32, -(1n << 31n)), s32max: above(sx32, (1n << 31n) - 1n),
    };
  }
  const holds = (s: Scalar, x: bigint): boolean => {
    const sx = BigInt.asIntN(64, x), x32 = x & 0xffffffffn, sx32 = BigInt.asIntN(32, x);
    return tnumContains(s.var, x) && s.umin <= x && x <= s.umax && s.smin <= sx && sx <= s.smax &&
      s.u32min <= x32 && x32 <= s.u32max && s.s32min <= sx32 && sx32 <= s.s32max;
  };

  it('syncBounds and coerceToSize on 20,000 random scalars', () => {
    const next = rng(0x243f6a8885a308d3n);
    let checked = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = value(next);
      const s = around(x, next);
      syncBounds(s);
      if (!holds(s, x)) throw new Error(`syncBounds lost ${x}: ${JSON.stringify(s, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`);
      const size = [1, 2, 4][i % 3]!;
      const c = around(x, next);
      coerceToSize(c, size);
      if (!holds(c, x & ((1n << BigInt(size * 8)) - 1n))) throw new Error(`coerceToSize(${size}) lost ${x}`);
      checked++;
    }
    expect(checked).toBe(20_000);
  });
});

describe('bounds of loads and constants', () => {
  it('a narrow load of unknown bytes is the kernel\'s zero-extended range, every time', () => {
    for (let round = 0; round < 2; round++) {
      for (const size of [1, 2, 4]) {
        const max = (1n << BigInt(size * 8)) - 1n;
        const s = scalarUnknown();
        coerceToSize(s, size);
        expect(s).toEqual({ var: { v: 0n, m: max }, umin: 0n, umax: max, smin: 0n, smax: max, u32min: 0n, u32max: max, s32min: size === 4 ? -(1n << 31n) : 0n, s32max: size === 4 ? (1n << 31n) - 1n : max } satisfies Scalar);
      }
    }
    // A known value keeps it, truncated: the shortcut is for unknown bytes only.
    const k = scalarConst(0x1234n);
    coerceToSize(k, 1);
    expect(k).toEqual(scalarConst(0x34n));
  });

  it('syncBounds leaves a constant as it is and narrows ranges wider than a constant tnum', () => {
    for (const v of [0n, 5n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000005n, M64, 1n << 63n]) {
      const s = scalarConst(v);
      syncBounds(s);
      expect(s).toEqual(scalarConst(v));
      const wide = scalarUnknown();
      wide.var = { v, m: 0n };
      syncBounds(wide);
      expect(wide).toEqual(scalarConst(v));
    }
  });

  // reg_bounds_sync runs __reg_deduce_bounds twice; syncBounds skips the second round only when
  // the first changed nothing. Here the first round changes the ranges and the second narrows
  // them to a constant (the values the implementation that always ran both rounds gave; after one
  // round the tnum still had 631049215 unknown).
  it('syncBounds runs the second deduction round when the first one narrowed something', () => {
    const s: Scalar = {
      var: { v: 2147483648n, m: 10424949075884182527n }, smin: -46883n, smax: 2147483649n, umin: 232n, umax: 15164348284651101498n,
      s32min: -2147483647n, s32max: -1259414214n, u32min: 232n, u32max: 4294920413n,
    };
    syncBounds(s);
    expect(s).toEqual({
      var: { v: 2147483649n, m: 0n }, smin: 2147483649n, smax: 2147483649n, umin: 2147483649n, umax: 2147483649n,
      s32min: -2147483647n, s32max: -2147483647n, u32min: 2147483649n, u32max: 2147483649n,
    });
  });
});
