// Tristate numbers: the bit-level abstract domain of the kernel verifier (kernel/bpf/tnum.c).
// A tnum (value; mask) stands for every 64-bit integer x with x & ~mask === value: bits set in
// mask are unknown, the others equal value's. All values are unsigned 64-bit bigints.

export interface Tnum {
  readonly v: bigint;
  readonly m: bigint;
}

export const U64 = (1n << 64n) - 1n;
export const U32 = 0xffffffffn;

const u64 = (x: bigint): bigint => x & U64;

/** LOW_BITS[n] = 2^n - 1, for n in 0..64: built once, not a shift and a subtraction per use. */
export const LOW_BITS: readonly bigint[] = Array.from({ length: 65 }, (_, n) => (1n << BigInt(n)) - 1n);

export const tnumConst = (v: bigint): Tnum => ({ v: u64(v), m: 0n });
export const TNUM_UNKNOWN: Tnum = { v: 0n, m: U64 };

/** The number of significant bits of x (0 for x <= 0), as the kernel's fls64. */
function fls64(x: bigint): number {
  // Through 32-bit halves and Math.clz32: a loop of bigint shifts allocates a bigint per bit.
  if (x <= 0n) return 0;
  if (x <= U32) return 32 - Math.clz32(Number(x));
  if (x <= U64) return 64 - Math.clz32(Number(x >> 32n));
  let n = 64;
  for (x >>= 64n; x > 0n; x >>= 1n) n++;
  return n;
}

/** The smallest tnum that contains every value of [min, max] (unsigned). */
export function tnumRange(min: bigint, max: bigint): Tnum {
  const chi = min ^ max;
  const bits = fls64(chi);
  if (bits > 63) return TNUM_UNKNOWN;
  const delta = LOW_BITS[bits]!;
  return { v: min & ~delta & U64, m: delta };
}

export const tnumIsConst = (a: Tnum): boolean => a.m === 0n;
export const tnumIsUnknown = (a: Tnum): boolean => a.m === U64;

export const tnumLshift = (a: Tnum, s: number): Tnum => ({ v: u64(a.v << BigInt(s)), m: u64(a.m << BigInt(s)) });
export const tnumRshift = (a: Tnum, s: number): Tnum => ({ v: a.v >> BigInt(s), m: a.m >> BigInt(s) });

/** Arithmetic right shift at 32 or 64 bits. */
export function tnumArshift(a: Tnum, s: number, bits: 32 | 64): Tnum {
  if (bits === 32) {
    const sv = BigInt.asIntN(32, a.v) >> BigInt(s);
    const sm = BigInt.asIntN(32, a.m) >> BigInt(s);
    return { v: sv & U32, m: sm & U32 };
  }
  return { v: u64(BigInt.asIntN(64, a.v) >> BigInt(s)), m: u64(BigInt.asIntN(64, a.m) >> BigInt(s)) };
}

export function tnumAdd(a: Tnum, b: Tnum): Tnum {
  const sm = u64(a.m + b.m);
  const sv = u64(a.v + b.v);
  const sigma = u64(sm + sv);
  const chi = sigma ^ sv;
  const mu = chi | a.m | b.m;
  return { v: sv & ~mu & U64, m: mu };
}

export function tnumSub(a: Tnum, b: Tnum): Tnum {
  const dv = u64(a.v - b.v);
  const alpha = u64(dv + a.m);
  const beta = u64(dv - b.m);
  const chi = alpha ^ beta;
  const mu = chi | a.m | b.m;
  return { v: dv & ~mu & U64, m: mu };
}

export function tnumNeg(a: Tnum): Tnum {
  return tnumSub(tnumConst(0n), a);
}

export function tnumAnd(a: Tnum, b: Tnum): Tnum {
  const alpha = a.v | a.m;
  const beta = b.v | b.m;
  const v = a.v & b.v;
  return { v, m: alpha & beta & ~v & U64 };
}

export function tnumOr(a: Tnum, b: Tnum): Tnum {
  const v = a.v | b.v;
  const mu = a.m | b.m;
  return { v, m: mu & ~v & U64 };
}

export function tnumXor(a: Tnum, b: Tnum): Tnum {
  const v = a.v ^ b.v;
  const mu = a.m | b.m;
  return { v: v & ~mu & U64, m: mu };
}

/** Multiplication, bit by bit as the kernel does it (sound, not always exact). */
export function tnumMul(a: Tnum, b: Tnum): Tnum {
  const accV = u64(a.v * b.v);
  // Two constants: every partial product adds a zero mask, so the loop below would return this.
  if (a.m === 0n && b.m === 0n) return { v: accV, m: 0n };
  // The kernel's loop over a's bits, with the tnums in locals (no object per step): each step
  // adds (0; b.m), or (0; b.v | b.m) for an unknown bit of a, to the accumulated mask tnum
  // (tnumAdd with a value of 0), then shifts a right and b left.
  let av = a.v, am = a.m, bv = b.v, bm = b.m;
  let mv = 0n, mm = 0n;
  while (av !== 0n || am !== 0n) {
    const x = (av & 1n) !== 0n ? bm : (am & 1n) !== 0n ? bv | bm : undefined;
    if (x !== undefined) {
      const sm = u64(mm + x);
      const sigma = u64(sm + mv);
      const mu = (sigma ^ mv) | mm | x;
      mv = mv & ~mu & U64;
      mm = mu;
      // Every bit unknown (mv is 0 then): each later step keeps it so.
      if (mm === U64) break;
    }
    av >>= 1n;
    am >>= 1n;
    bv = u64(bv << 1n);
    bm = u64(bm << 1n);
  }
  return tnumAdd({ v: accV, m: 0n }, { v: mv, m: mm });
}

/** Both a and b hold: the values in both. */
export function tnumIntersect(a: Tnum, b: Tnum): Tnum {
  const v = a.v | b.v;
  const mu = a.m & b.m;
  return { v: v & ~mu & U64, m: mu };
}

/** Keeps the low `size` bytes. */
export function tnumCast(a: Tnum, size: number): Tnum {
  if (size >= 8) return a;
  const mask = LOW_BITS[size * 8] ?? (1n << BigInt(size * 8)) - 1n;
  return { v: a.v & mask, m: a.m & mask };
}

/** Every value of b is a value of a. */
export function tnumIn(a: Tnum, b: Tnum): boolean {
  if ((b.m & ~a.m & U64) !== 0n) return false;
  return a.v === (b.v & ~a.m & U64);
}

export const tnumSubreg = (a: Tnum): Tnum => tnumCast(a, 4);
export const tnumClearSubreg = (a: Tnum): Tnum => tnumLshift(tnumRshift(a, 32), 32);
/** The upper half of `reg` with the lower half of `subreg`. */
export const tnumWithSubreg = (reg: Tnum, subreg: Tnum): Tnum => tnumOr(tnumClearSubreg(reg), tnumSubreg(subreg));
export const tnumEquals = (a: Tnum, b: Tnum): boolean => a.v === b.v && a.m === b.m;

/** The kernel log's spelling: (0x0; 0xff). */
export function tnumText(a: Tnum): string {
  return `(0x${a.v.toString(16)}; 0x${a.m.toString(16)})`;
}

/** Whether the concrete value x (unsigned) is one of a's. */
export const tnumContains = (a: Tnum, x: bigint): boolean => (u64(x) & ~a.m & U64) === a.v;
