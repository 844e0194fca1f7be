// The scalar domain: a tnum plus signed and unsigned bounds over 64 bits and over the low 32
// bits, refined against each other after every operation the way the kernel does it
// (reg_bounds_sync: __update_reg_bounds, __reg_deduce_bounds, __reg_bound_offset). Values are
// bigints: unsigned fields in [0, 2^64) or [0, 2^32), signed ones in the signed ranges.
import { COND_JMP_NEGATED, COND_JMP_OPS, COND_JMP_SWAPPED, type CondJmpOp } from '../bpf/opcodes.js';
import {
  LOW_BITS, TNUM_UNKNOWN, U32, U64, tnumAdd, tnumAnd, tnumArshift, tnumCast, tnumClearSubreg, tnumConst, tnumIntersect,
  tnumIsConst, tnumLshift, tnumMul, tnumOr, tnumRange, tnumRshift, tnumSub, tnumSubreg, tnumWithSubreg, tnumXor,
  type Tnum,
} from './tnum.js';

export interface Scalar {
  var: Tnum;
  smin: bigint;
  smax: bigint;
  umin: bigint;
  umax: bigint;
  s32min: bigint;
  s32max: bigint;
  u32min: bigint;
  u32max: bigint;
}

export const S64_MIN = -(1n << 63n);
export const S64_MAX = (1n << 63n) - 1n;
export const S32_MIN = -(1n << 31n);
export const S32_MAX = (1n << 31n) - 1n;

const s64 = (x: bigint): bigint => BigInt.asIntN(64, x);
const u64 = (x: bigint): bigint => BigInt.asUintN(64, x);
const s32 = (x: bigint): bigint => BigInt.asIntN(32, x);
const u32 = (x: bigint): bigint => BigInt.asUintN(32, x);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/**
 * One half of a scalar's bounds: the 64-bit ranges, or the 32-bit ranges of the low half. The
 * kernel writes each transfer function twice (scalar32_min_max_add and scalar_min_max_add, ...);
 * here each is written once over a Width.
 */
interface Width {
  smin: 'smin' | 's32min';
  smax: 'smax' | 's32max';
  umin: 'umin' | 'u32min';
  umax: 'umax' | 'u32max';
  sMin: bigint;
  sMax: bigint;
  uMax: bigint;
  s: (x: bigint) => bigint;
  u: (x: bigint) => bigint;
}
const W64: Width = { smin: 'smin', smax: 'smax', umin: 'umin', umax: 'umax', sMin: S64_MIN, sMax: S64_MAX, uMax: U64, s: s64, u: u64 };
const W32: Width = { smin: 's32min', smax: 's32max', umin: 'u32min', umax: 'u32max', sMin: S32_MIN, sMax: S32_MAX, uMax: U32, s: s32, u: u32 };

export function scalarUnknown(): Scalar {
  return { var: TNUM_UNKNOWN, smin: S64_MIN, smax: S64_MAX, umin: 0n, umax: U64, s32min: S32_MIN, s32max: S32_MAX, u32min: 0n, u32max: U32 };
}

export function scalarConst(value: bigint): Scalar {
  const v = u64(value);
  return {
    var: tnumConst(v), smin: s64(v), smax: s64(v), umin: v, umax: v,
    s32min: s32(v), s32max: s32(v), u32min: u32(v), u32max: u32(v),
  };
}

// Written out (not a spread): states are copied at every fork, and a literal of known shape is
// several times faster to build.
export const copyScalar = (s: Scalar): Scalar => ({
  var: s.var, smin: s.smin, smax: s.smax, umin: s.umin, umax: s.umax, s32min: s.s32min, s32max: s.s32max, u32min: s.u32min, u32max: s.u32max,
});

export function isConst(s: Scalar, bits32 = false): boolean {
  return tnumIsConst(bits32 ? tnumSubreg(s.var) : s.var);
}
export function constValue(s: Scalar, bits32 = false): bigint {
  return bits32 ? tnumSubreg(s.var).v : s.var.v;
}

export function mark32Unbounded(s: Scalar): void {
  markUnbounded(s, W32);
}
export function mark64Unbounded(s: Scalar): void {
  markUnbounded(s, W64);
}
function markUnbounded(s: Scalar, w: Width): void {
  s[w.smin] = w.sMin; s[w.smax] = w.sMax; s[w.umin] = 0n; s[w.umax] = w.uMax;
}

/** Narrows a half's ranges to what its tnum `t` (the whole register, or its low half) allows. */
function updateFromTnum(s: Scalar, w: Width, t: Tnum): void {
  s[w.smin] = max(s[w.smin], w.s(t.v | (t.m & (w.sMax + 1n))));
  s[w.smax] = min(s[w.smax], w.s(t.v | (t.m & w.sMax)));
  s[w.umin] = max(s[w.umin], t.v);
  s[w.umax] = min(s[w.umax], t.v | t.m);
}

function update32(s: Scalar): void {
  updateFromTnum(s, W32, tnumSubreg(s.var));
}

function update64(s: Scalar): void {
  updateFromTnum(s, W64, s.var);
}

export function updateBounds(s: Scalar): void {
  update32(s);
  update64(s);
}

function deduce32(s: Scalar): void {
  // The 64-bit fields do not change here: their halves are taken once.
  const uminHi = u32(s.umin >> 32n), umaxHi = u32(s.umax >> 32n);
  const sminHi = u32(s.smin >> 32n), smaxHi = u32(s.smax >> 32n);
  const uminLo = s32(s.umin), umaxLo = s32(s.umax), sminLo = s32(s.smin), smaxLo = s32(s.smax);
  // The 64-bit range has one upper half: its low halves bound the 32-bit views.
  if (uminHi === umaxHi) {
    s.u32min = max(s.u32min, u32(s.umin));
    s.u32max = min(s.u32max, u32(s.umax));
    if (uminLo <= umaxLo) {
      s.s32min = max(s.s32min, uminLo);
      s.s32max = min(s.s32max, umaxLo);
    }
  }
  if (sminHi === smaxHi) {
    s.u32min = max(s.u32min, u32(s.smin));
    s.u32max = min(s.u32max, u32(s.smax));
    if (sminLo <= smaxLo) {
      s.s32min = max(s.s32min, sminLo);
      s.s32max = min(s.s32max, smaxLo);
    }
  }
  // Upper halves differ by one and the low halves cross from negative to positive.
  if (u32(uminHi + 1n) === umaxHi && uminLo < 0n && umaxLo >= 0n) {
    s.s32min = max(s.s32min, uminLo);
    s.s32max = min(s.s32max, umaxLo);
  }
  if (u32(sminHi + 1n) === smaxHi && sminLo < 0n && smaxLo >= 0n) {
    s.s32min = max(s.s32min, sminLo);
    s.s32max = min(s.s32max, smaxLo);
  }
  if (s32(s.u32min) <= s32(s.u32max)) {
    s.s32min = max(s.s32min, s32(s.u32min));
    s.s32max = min(s.s32max, s32(s.u32max));
  }
  if (u32(s.s32min) <= u32(s.s32max)) {
    s.u32min = max(s.u32min, u32(s.s32min));
    s.u32max = min(s.u32max, u32(s.s32max));
  }
}

function deduce64(s: Scalar): void {
  if (s64(s.umin) <= s64(s.umax)) {
    s.smin = max(s.smin, s64(s.umin));
    s.smax = min(s.smax, s64(s.umax));
  }
  if (u64(s.smin) <= u64(s.smax)) {
    s.umin = max(s.umin, u64(s.smin));
    s.umax = min(s.umax, u64(s.smax));
  } else {
    // The signed range crosses the sign boundary: one of its parts may lie outside [umin, umax].
    if (s.umax < u64(s.smin)) {
      s.smin = s64(s.umin);
      s.umax = min(s.umax, u64(s.smax));
    } else if (u64(s.smax) < s.umin) {
      s.smax = s64(s.umax);
      s.umin = max(s.umin, u64(s.smin));
    }
  }
}

/** The upper 32 bits of a u64, as the signed bigint ~0xffffffff (masked to 64 bits where used). */
const HIGH_HALF = ~0xffffffffn;

function deduceMixed(s: Scalar): void {
  const hi = HIGH_HALF;
  const newUmin = u64((s.umin & hi) | s.u32min);
  const newUmax = u64((s.umax & hi) | s.u32max);
  s.umin = max(s.umin, newUmin);
  s.umax = min(s.umax, newUmax);
  const newSmin = s64((u64(s.smin) & hi) | s.u32min);
  const newSmax = s64((u64(s.smax) & hi) | s.u32max);
  s.smin = max(s.smin, newSmin);
  s.smax = min(s.smax, newSmax);
  if (s.s32min >= 0n && s.smin >= S32_MIN && s.smax <= S32_MAX) {
    s.smin = s.s32min;
    s.smax = s.s32max;
    s.umin = s.s32min;
    s.umax = s.s32max;
    s.var = tnumIntersect(s.var, tnumRange(s.smin, s.smax));
  }
}

function deduceBounds(s: Scalar): void {
  deduce32(s);
  deduce64(s);
  deduceMixed(s);
}

function boundOffset(s: Scalar): void {
  const var64 = tnumIntersect(s.var, tnumRange(s.umin, s.umax));
  const var32 = tnumIntersect(tnumSubreg(s.var), tnumRange(s.u32min, s.u32max));
  s.var = tnumOr(tnumClearSubreg(var64), var32);
}

/** reg_bounds_sync: lets the tnum and the four ranges refine each other. */
export function syncBounds(s: Scalar): void {
  // A constant whose every range is that constant is its own fixed point: each step below keeps
  // it (updateFromTnum's bounds are the constant's, deduce* intersect equal ranges, boundOffset's
  // tnums are the constant).
  if (isExactConst(s)) return;
  if (syncSmall(s)) return;
  // Every range full and every bit unknown is a fixed point too: no step narrows anything.
  if (isUnknown(s)) return;
  syncBoundsWide(s);
}

/** syncBounds over bigints, for any scalar (syncSmall must give the same fields where it applies). */
export function syncBoundsWide(s: Scalar): void {
  updateBounds(s);
  // deduceBounds is a function of the fields alone: when a first round changes none of them, a
  // second would not either (the kernel runs it twice for the rounds that do).
  const t = s.var, smin = s.smin, smax = s.smax, umin = s.umin, umax = s.umax;
  const s32min = s.s32min, s32max = s.s32max, u32min = s.u32min, u32max = s.u32max;
  deduceBounds(s);
  if (s.smin !== smin || s.smax !== smax || s.umin !== umin || s.umax !== umax || s.s32min !== s32min || s.s32max !== s32max ||
    s.u32min !== u32min || s.u32max !== u32max || (s.var !== t && (s.var.v !== t.v || s.var.m !== t.m))) deduceBounds(s);
  boundOffset(s);
  updateBounds(s);
}

// ---------------------------------------------------------------------------
// syncBounds over numbers for the scalars most programs hold: a 64-bit value below 2^32 (its
// tnum and its four 64-bit bounds; smin not negative). There every step of syncBoundsWide stays
// below 2^32 and reads as a 32-bit operation: the upper halves are 0, so deduce32's cases for
// halves that differ by one never hold, deduceMixed's merged bounds are the 32-bit ones, and
// boundOffset's 64-bit tnum loses nothing to its low half. Bigint arithmetic allocates at every
// step; this runs on numbers in local variables (unsigned ones in [0, 2^32), s32min/s32max as
// int32), in one function (a property or a call per step costs more than the step), and converts
// the fields that changed once at the end.

/** syncBoundsWide for a scalar whose value lies below 2^32; false (the scalar untouched) for any other. */
function syncSmall(s: Scalar): boolean {
  // Number() rounds a bigint beyond 2^53, but never across 0, 2^31 or 2^32: the ranges are tested on the numbers.
  const v0 = Number(s.var.v), m0 = Number(s.var.m), smin0 = Number(s.smin), smax0 = Number(s.smax), umin0 = Number(s.umin), umax0 = Number(s.umax);
  const s32min0 = Number(s.s32min), s32max0 = Number(s.s32max), u32min0 = Number(s.u32min), u32max0 = Number(s.u32max);
  if (v0 < 0 || v0 >= 0x100000000 || m0 < 0 || m0 >= 0x100000000 || umin0 < 0 || umin0 >= 0x100000000 || umax0 < 0 || umax0 >= 0x100000000 ||
    smin0 < 0 || smin0 >= 0x100000000 || smax0 < 0 || smax0 >= 0x100000000 || u32min0 < 0 || u32min0 >= 0x100000000 || u32max0 < 0 ||
    u32max0 >= 0x100000000 || s32min0 < -0x80000000 || s32min0 >= 0x80000000 || s32max0 < -0x80000000 || s32max0 >= 0x80000000) return false;
  let v = v0, m = m0, smin = smin0, smax = smax0, umin = umin0, umax = umax0;
  let s32min = s32min0, s32max = s32max0, u32min = u32min0, u32max = u32max0;
  // updateBounds: the tnum is its own low half, and its bit 63 is known to be 0.
  let lo = (v | (m & 0x80000000)) | 0;
  let hi = (v | (m & 0x7fffffff)) | 0;
  let top = (v | m) >>> 0;
  if (lo > s32min) s32min = lo;
  if (hi < s32max) s32max = hi;
  if (v > u32min) u32min = v;
  if (top < u32max) u32max = top;
  if (v > smin) smin = v;
  if (top < smax) smax = top;
  if (v > umin) umin = v;
  if (top < umax) umax = top;
  // deduceBounds; a second round only when the first changed a field (syncBoundsWide's rule).
  for (let round = 0; round < 2; round++) {
    const pv = v, pm = m, psmin = smin, psmax = smax, pumin = umin, pumax = umax, ps32min = s32min, ps32max = s32max, pu32min = u32min, pu32max = u32max;
    // deduce32: the 64-bit bounds are their own low halves, and both upper halves are 0.
    const umin64 = umin, umax64 = umax, smin64 = smin, smax64 = smax;
    if (umin64 > u32min) u32min = umin64;
    if (umax64 < u32max) u32max = umax64;
    if ((umin64 | 0) <= (umax64 | 0)) {
      if ((umin64 | 0) > s32min) s32min = umin64 | 0;
      if ((umax64 | 0) < s32max) s32max = umax64 | 0;
    }
    if (smin64 > u32min) u32min = smin64;
    if (smax64 < u32max) u32max = smax64;
    if ((smin64 | 0) <= (smax64 | 0)) {
      if ((smin64 | 0) > s32min) s32min = smin64 | 0;
      if ((smax64 | 0) < s32max) s32max = smax64 | 0;
    }
    if ((u32min | 0) <= (u32max | 0)) {
      if ((u32min | 0) > s32min) s32min = u32min | 0;
      if ((u32max | 0) < s32max) s32max = u32max | 0;
    }
    if (s32min >>> 0 <= s32max >>> 0) {
      if (s32min >>> 0 > u32min) u32min = s32min >>> 0;
      if (s32max >>> 0 < u32max) u32max = s32max >>> 0;
    }
    // deduce64: every bound is not negative, signed and unsigned order agree.
    if (umin <= umax) {
      if (umin > smin) smin = umin;
      if (umax < smax) smax = umax;
    }
    if (smin <= smax) {
      if (smin > umin) umin = smin;
      if (smax < umax) umax = smax;
    } else if (umax < smin) {
      smin = umin;
      if (smax < umax) umax = smax;
    } else if (smax < umin) {
      smax = umax;
      if (smin > umin) umin = smin;
    }
    // deduceMixed: the upper halves are 0, so the merged bounds are the 32-bit ones.
    if (u32min > umin) umin = u32min;
    if (u32max < umax) umax = u32max;
    if (u32min > smin) smin = u32min;
    if (u32max < smax) smax = u32max;
    if (s32min >= 0 && smax <= 0x7fffffff) {
      // A negative s32max would leave the scalars this handles.
      if (s32max < 0) return false;
      smin = umin = s32min;
      smax = umax = s32max;
      // The tnum intersected with the tnum of [smin, smax] (tnumIntersect(var, tnumRange(smin, smax))),
      // whose mask is every bit from the highest in which smin and smax differ down.
      const chi = (smin ^ smax) >>> 0;
      const delta = chi === 0 ? 0 : 0xffffffff >>> Math.clz32(chi);
      const nv = (v | (smin & ~delta)) >>> 0;
      const mu = (m & delta) >>> 0;
      v = (nv & ~mu) >>> 0;
      m = mu;
    }
    if (smin === psmin && smax === psmax && umin === pumin && umax === pumax && s32min === ps32min && s32max === ps32max &&
      u32min === pu32min && u32max === pu32max && v === pv && m === pm) break;
  }
  // boundOffset: the 64-bit tnum has no upper half to keep; the low half is refined by [u32min, u32max].
  const chi = (u32min ^ u32max) >>> 0;
  const delta = chi === 0 ? 0 : 0xffffffff >>> Math.clz32(chi);
  const nv = (v | (u32min & ~delta)) >>> 0;
  const mu = (m & delta) >>> 0;
  v = (nv & ~mu) >>> 0;
  m = mu;
  // updateBounds again.
  lo = (v | (m & 0x80000000)) | 0;
  hi = (v | (m & 0x7fffffff)) | 0;
  top = (v | m) >>> 0;
  if (lo > s32min) s32min = lo;
  if (hi < s32max) s32max = hi;
  if (v > u32min) u32min = v;
  if (top < u32max) u32max = top;
  if (v > smin) smin = v;
  if (top < smax) smax = top;
  if (v > umin) umin = v;
  if (top < umax) umax = top;
  if (v !== v0 || m !== m0) s.var = { v: BigInt(v), m: BigInt(m) };
  if (smin !== smin0) s.smin = BigInt(smin);
  if (smax !== smax0) s.smax = BigInt(smax);
  if (umin !== umin0) s.umin = BigInt(umin);
  if (umax !== umax0) s.umax = BigInt(umax);
  if (s32min !== s32min0) s.s32min = BigInt(s32min);
  if (s32max !== s32max0) s.s32max = BigInt(s32max);
  if (u32min !== u32min0) s.u32min = BigInt(u32min);
  if (u32max !== u32max0) s.u32max = BigInt(u32max);
  return true;
}

function isExactConst(s: Scalar): boolean {
  if (s.var.m !== 0n) return false;
  const v = s.var.v;
  return s.umin === v && s.umax === v && s.smin === s.smax && s.smin === s64(v) && s.u32min === s.u32max && s.u32min === u32(v) &&
    s.s32min === s.s32max && s.s32min === s32(v);
}

function isUnknown(s: Scalar): boolean {
  return s.var.m === U64 && s.var.v === 0n && s.umin === 0n && s.umax === U64 && s.smin === S64_MIN && s.smax === S64_MAX &&
    s.u32min === 0n && s.u32max === U32 && s.s32min === S32_MIN && s.s32max === S32_MAX;
}

/** True when the ranges are empty (an impossible state; the kernel calls it a bounds violation). */
export function boundsInvalid(s: Scalar): boolean {
  return s.umin > s.umax || s.smin > s.smax || s.u32min > s.u32max || s.s32min > s.s32max;
}

/** Zero-extends the low 32 bits into the register (ALU32 results, 4-byte loads). */
export function zext32(s: Scalar): void {
  s.var = tnumSubreg(s.var);
  s.umin = s.u32min;
  s.umax = s.u32max;
  if (s.s32min >= 0n && s.s32max >= 0n) {
    s.smin = s.s32min;
    s.smax = s.s32max;
  } else {
    s.smin = 0n;
    s.smax = U32;
  }
}

/** Truncates to `size` bytes, zero-extending (loads narrower than 8 bytes). */
export function coerceToSize(s: Scalar, size: number): void {
  if (size >= 8) return;
  // A load of unknown bytes: the same result every time, computed once per size.
  if (isUnknown(s)) {
    const known = (unknownCoerced[size] ??= coerceUnknown(size));
    s.var = known.var; s.smin = known.smin; s.smax = known.smax; s.umin = known.umin; s.umax = known.umax;
    s.s32min = known.s32min; s.s32max = known.s32max; s.u32min = known.u32min; s.u32max = known.u32max;
    return;
  }
  coerceKnown(s, size);
}

/** coerceToSize of an unknown scalar, by size in bytes (a table filled on first use, never changed after). */
const unknownCoerced: (Scalar | undefined)[] = [];

function coerceUnknown(size: number): Scalar {
  const s = scalarUnknown();
  coerceKnown(s, size);
  return s;
}

function coerceKnown(s: Scalar, size: number): void {
  s.var = tnumCast(s.var, size);
  const mask = LOW_BITS[size * 8] ?? (1n << BigInt(size * 8)) - 1n;
  if ((s.umin & ~mask) === (s.umax & ~mask)) {
    s.umin &= mask;
    s.umax &= mask;
  } else {
    s.umin = 0n;
    s.umax = mask;
  }
  s.smin = s.umin;
  s.smax = s.umax;
  if (size < 4) mark32Unbounded(s);
  syncBounds(s);
}

/** Sign-extends the low `size` bytes (movsx, ldsx). */
export function coerceToSizeSx(s: Scalar, size: number): void {
  const bits = BigInt(size * 8);
  if (isConst(s)) {
    const v = BigInt.asIntN(Number(bits), s.var.v);
    Object.assign(s, scalarConst(v));
    return;
  }
  const lo = -(1n << (bits - 1n));
  const hi = (1n << (bits - 1n)) - 1n;
  // Exact when the value already fits the signed range of the narrow type.
  const fits = s.smin >= lo && s.smax <= hi;
  const keep = fits ? { smin: s.smin, smax: s.smax } : { smin: lo, smax: hi };
  Object.assign(s, scalarUnknown());
  s.smin = keep.smin;
  s.smax = keep.smax;
  if (keep.smin >= 0n) {
    s.umin = keep.smin;
    s.umax = keep.smax;
  }
  if (keep.smin >= S32_MIN && keep.smax <= S32_MAX) {
    s.s32min = keep.smin;
    s.s32max = keep.smax;
  }
  syncBounds(s);
}

// ---------------------------------------------------------------------------
// ALU transfer functions (adjust_scalar_min_max_vals)

export type ScalarOp = 'add' | 'sub' | 'mul' | 'and' | 'or' | 'xor' | 'lsh' | 'rsh' | 'arsh';

/** Sets the signed range to [a, b] if neither end overflowed the width, else to unbounded. */
function setSigned(d: Scalar, w: Width, a: bigint, b: bigint): void {
  if (a !== w.s(a) || b !== w.s(b)) {
    d[w.smin] = w.sMin; d[w.smax] = w.sMax;
  } else {
    d[w.smin] = a; d[w.smax] = b;
  }
}

function addBounds(d: Scalar, s: Scalar, w: Width): void {
  setSigned(d, w, d[w.smin] + s[w.smin], d[w.smax] + s[w.smax]);
  const a = d[w.umin] + s[w.umin];
  const b = d[w.umax] + s[w.umax];
  const minOv = a > w.uMax;
  const maxOv = b > w.uMax;
  if (!minOv && maxOv) {
    d[w.umin] = 0n; d[w.umax] = w.uMax;
  } else {
    d[w.umin] = w.u(a); d[w.umax] = w.u(b);
  }
}

function subBounds(d: Scalar, s: Scalar, w: Width): void {
  setSigned(d, w, d[w.smin] - s[w.smax], d[w.smax] - s[w.smin]);
  const a = d[w.umin] - s[w.umax];
  const b = d[w.umax] - s[w.umin];
  const minUf = a < 0n;
  const maxUf = b < 0n;
  if (minUf && !maxUf) {
    d[w.umin] = 0n; d[w.umax] = w.uMax;
  } else {
    d[w.umin] = w.u(a); d[w.umax] = w.u(b);
  }
}

function mulBounds(d: Scalar, s: Scalar, w: Width): void {
  const hi = d[w.umax] * s[w.umax];
  const lo = d[w.umin] * s[w.umin];
  if (hi > w.uMax || lo > w.uMax) {
    d[w.umin] = 0n; d[w.umax] = w.uMax;
  } else {
    d[w.umin] = lo; d[w.umax] = hi;
  }
  const p = [d[w.smin] * s[w.smin], d[w.smin] * s[w.smax], d[w.smax] * s[w.smin], d[w.smax] * s[w.smax]];
  if (p.some((x) => x !== w.s(x))) {
    d[w.smin] = w.sMin; d[w.smax] = w.sMax;
  } else {
    d[w.smin] = p.reduce(min);
    d[w.smax] = p.reduce(max);
  }
}

/** The signed range from the unsigned one, when the unsigned range does not cross the sign boundary. */
function signFromUnsigned(d: Scalar, w: Width): void {
  if (w.s(d[w.umin]) <= w.s(d[w.umax])) {
    d[w.smin] = w.s(d[w.umin]); d[w.smax] = w.s(d[w.umax]);
  } else {
    d[w.smin] = w.sMin; d[w.smax] = w.sMax;
  }
}

function bitwise32(d: Scalar, s: Scalar, op: 'and' | 'or' | 'xor'): void {
  const t = tnumSubreg(d.var);
  if (tnumIsConst(t) && isConst(s, true)) {
    d.u32min = d.u32max = t.v; d.s32min = d.s32max = s32(t.v);
    return;
  }
  if (op === 'and') {
    d.u32min = t.v;
    d.u32max = min(d.u32max, s.u32max);
  } else if (op === 'or') {
    d.u32min = max(d.u32min, s.u32min);
    d.u32max = t.v | t.m;
  } else {
    d.u32min = t.v;
    d.u32max = t.v | t.m;
  }
  signFromUnsigned(d, W32);
}

function bitwise64(d: Scalar, s: Scalar, op: 'and' | 'or' | 'xor', srcKnown: boolean, dstKnown: boolean): void {
  if (srcKnown && dstKnown) {
    const v = d.var.v;
    d.umin = d.umax = v; d.smin = d.smax = s64(v);
    return;
  }
  if (op === 'and') {
    d.umin = d.var.v;
    d.umax = min(d.umax, s.umax);
  } else if (op === 'or') {
    d.umin = max(d.umin, s.umin);
    d.umax = d.var.v | d.var.m;
  } else {
    d.umin = d.var.v;
    d.umax = d.var.v | d.var.m;
  }
  signFromUnsigned(d, W64);
}

function lsh32(d: Scalar, umin: number, umax: number): void {
  d.s32min = S32_MIN; d.s32max = S32_MAX;
  if (umax > 31 || d.u32max > 1n << BigInt(31 - umax)) {
    d.u32min = 0n; d.u32max = U32;
  } else {
    d.u32min = d.u32min << BigInt(umin);
    d.u32max = d.u32max << BigInt(umax);
  }
}

function lsh64(d: Scalar, umin: number, umax: number): void {
  d.smax = umin === 32 && umax === 32 && d.s32max >= 0n ? d.s32max << 32n : S64_MAX;
  d.smin = umin === 32 && umax === 32 && d.s32min >= 0n ? d.s32min << 32n : S64_MIN;
  if (d.umax > 1n << BigInt(63 - umax)) {
    d.umin = 0n; d.umax = U64;
  } else {
    d.umin = d.umin << BigInt(umin);
    d.umax = d.umax << BigInt(umax);
  }
}

/**
 * dst = dst OP src on scalars, 64-bit (alu32 false) or 32-bit with zero extension.
 * Returns false when the kernel would give up and make dst an unknown scalar (done here too).
 */
export function scalarAlu(d: Scalar, src: Scalar, op: ScalarOp | 'div' | 'mod' | 'sdiv' | 'smod', alu32: boolean): void {
  const bits = alu32 ? 32 : 64;
  const srcConst = isConst(src, alu32);
  let safe: boolean;
  switch (op) {
    case 'add': case 'sub': case 'and': case 'xor': case 'or': case 'mul':
      safe = true;
      break;
    case 'lsh': case 'rsh': case 'arsh':
      safe = srcConst && (alu32 ? src.u32max : src.umax) < BigInt(bits);
      break;
    default:
      safe = false;
  }
  if (!safe) {
    Object.assign(d, scalarUnknown());
    if (alu32) {
      zext32(d);
      syncBounds(d);
    }
    return;
  }
  const s = src;
  switch (op as ScalarOp) {
    case 'add':
      addBounds(d, s, W32);
      addBounds(d, s, W64);
      d.var = tnumAdd(d.var, s.var);
      break;
    case 'sub':
      subBounds(d, s, W32);
      subBounds(d, s, W64);
      d.var = tnumSub(d.var, s.var);
      break;
    case 'mul':
      d.var = tnumMul(d.var, s.var);
      mulBounds(d, s, W32);
      mulBounds(d, s, W64);
      break;
    case 'and': case 'or': case 'xor': {
      const o = op as 'and' | 'or' | 'xor';
      d.var = o === 'and' ? tnumAnd(d.var, s.var) : o === 'or' ? tnumOr(d.var, s.var) : tnumXor(d.var, s.var);
      const dstKnown = isConst(d);
      const srcKnown = isConst(s);
      bitwise32(d, s, o);
      bitwise64(d, s, o, srcKnown, dstKnown);
      break;
    }
    case 'lsh': {
      const umin = Number(alu32 ? s.u32min : s.umin);
      const umax = Number(alu32 ? s.u32max : s.umax);
      if (alu32) {
        const sub = tnumSubreg(d.var);
        lsh32(d, umin, umax);
        d.var = tnumSubreg(tnumLshift(sub, umin));
        mark64Unbounded(d);
        update32(d);
      } else {
        // scalar_min_max_lsh: the 64-bit bounds read the unshifted 32-bit ones, so they go first.
        lsh64(d, umin, umax);
        lsh32(d, umin, umax);
        d.var = tnumLshift(d.var, umin);
        updateBounds(d);
      }
      break;
    }
    case 'rsh': {
      const umin = Number(alu32 ? s.u32min : s.umin);
      const umax = Number(alu32 ? s.u32max : s.umax);
      if (alu32) {
        const sub = tnumSubreg(d.var);
        d.s32min = S32_MIN; d.s32max = S32_MAX;
        d.var = tnumRshift(sub, umin);
        d.u32min >>= BigInt(umax);
        d.u32max >>= BigInt(umin);
        mark64Unbounded(d);
        update32(d);
      } else {
        d.smin = S64_MIN; d.smax = S64_MAX;
        d.var = tnumRshift(d.var, umin);
        d.umin >>= BigInt(umax);
        d.umax >>= BigInt(umin);
        mark32Unbounded(d);
        updateBounds(d);
      }
      break;
    }
    case 'arsh': {
      const umin = Number(alu32 ? s.u32min : s.umin);
      if (alu32) {
        d.s32min >>= BigInt(umin);
        d.s32max >>= BigInt(umin);
        d.var = tnumArshift(tnumSubreg(d.var), umin, 32);
        d.u32min = 0n; d.u32max = U32;
        mark64Unbounded(d);
        update32(d);
      } else {
        d.smin >>= BigInt(umin);
        d.smax >>= BigInt(umin);
        d.var = tnumArshift(d.var, umin, 64);
        d.umin = 0n; d.umax = U64;
        mark32Unbounded(d);
        updateBounds(d);
      }
      break;
    }
  }
  if (alu32) zext32(d);
  syncBounds(d);
}

/** dst = -dst. */
export function scalarNeg(d: Scalar, alu32: boolean): void {
  const zero = scalarConst(0n);
  scalarAlu(zero, d, 'sub', alu32);
  Object.assign(d, zero);
}

// ---------------------------------------------------------------------------
// Branches

export type CmpOp = CondJmpOp;

/** The opcode that holds on the other branch. 'jset_not' is the false branch of jset. */
export type RefineOp = CmpOp | 'jset_not';

export const REVERSE_OP: Readonly<Record<CmpOp, RefineOp>> = Object.fromEntries(
  COND_JMP_OPS.map((op) => [op, COND_JMP_NEGATED[op] ?? 'jset_not']),
) as Record<CmpOp, RefineOp>;

/** a OP b  <=>  b FLIP(OP) a */
export const FLIP_OP: Readonly<Record<CmpOp, CmpOp>> = COND_JMP_SWAPPED;

interface View {
  t: Tnum;
  umin: bigint; umax: bigint; smin: bigint; smax: bigint;
}

function view(s: Scalar, bits32: boolean): View {
  return bits32
    ? { t: tnumSubreg(s.var), umin: s.u32min, umax: s.u32max, smin: s.s32min, smax: s.s32max }
    : { t: s.var, umin: s.umin, umax: s.umax, smin: s.smin, smax: s.smax };
}

/** 1: always taken, 0: never taken, -1: unknown (is_scalar_branch_taken). */
export function branchTaken(r1: Scalar, r2: Scalar, op: CmpOp, bits32: boolean): 1 | 0 | -1 {
  let a = view(r1, bits32);
  let b = view(r2, bits32);
  switch (op) {
    case 'jeq':
      if (tnumIsConst(a.t) && tnumIsConst(b.t)) return a.t.v === b.t.v ? 1 : 0;
      if (a.umin > b.umax || a.umax < b.umin) return 0;
      if (a.smin > b.smax || a.smax < b.smin) return 0;
      if (!bits32) {
        if (r1.u32min > r2.u32max || r1.u32max < r2.u32min) return 0;
        if (r1.s32min > r2.s32max || r1.s32max < r2.s32min) return 0;
      }
      return -1;
    case 'jne':
      if (tnumIsConst(a.t) && tnumIsConst(b.t)) return a.t.v !== b.t.v ? 1 : 0;
      if (a.umin > b.umax || a.umax < b.umin) return 1;
      if (a.smin > b.smax || a.smax < b.smin) return 1;
      if (!bits32) {
        if (r1.u32min > r2.u32max || r1.u32max < r2.u32min) return 1;
        if (r1.s32min > r2.s32max || r1.s32max < r2.s32min) return 1;
      }
      return -1;
    case 'jset':
      if (!tnumIsConst(b.t)) [a, b] = [b, a];
      if (!tnumIsConst(b.t)) return -1;
      if ((~a.t.m & a.t.v & b.t.v) !== 0n) return 1;
      if (((a.t.m | a.t.v) & b.t.v) === 0n) return 0;
      return -1;
    case 'jgt':
      if (a.umin > b.umax) return 1;
      if (a.umax <= b.umin) return 0;
      return -1;
    case 'jsgt':
      if (a.smin > b.smax) return 1;
      if (a.smax <= b.smin) return 0;
      return -1;
    case 'jlt':
      if (a.umax < b.umin) return 1;
      if (a.umin >= b.umax) return 0;
      return -1;
    case 'jslt':
      if (a.smax < b.smin) return 1;
      if (a.smin >= b.smax) return 0;
      return -1;
    case 'jge':
      if (a.umin >= b.umax) return 1;
      if (a.umax < b.umin) return 0;
      return -1;
    case 'jsge':
      if (a.smin >= b.smax) return 1;
      if (a.smax < b.smin) return 0;
      return -1;
    case 'jle':
      if (a.umax <= b.umin) return 1;
      if (a.umin > b.umax) return 0;
      return -1;
    case 'jsle':
      if (a.smax <= b.smin) return 1;
      if (a.smin > b.smax) return 0;
      return -1;
  }
}

const isPow2 = (x: bigint): boolean => x !== 0n && (x & (x - 1n)) === 0n;

/** Narrows r1 and r2 to the values for which `r1 OP r2` holds (regs_refine_cond_op). */
function refine(r1: Scalar, r2: Scalar, op: RefineOp, bits32: boolean): void {
  switch (op) {
    case 'jge': case 'jgt': case 'jsge': case 'jsgt':
      [r1, r2] = [r2, r1];
      op = FLIP_OP[op];
      break;
  }
  switch (op) {
    case 'jeq':
      if (bits32) {
        const u0 = max(r1.u32min, r2.u32min), u1 = min(r1.u32max, r2.u32max);
        const s0 = max(r1.s32min, r2.s32min), s1 = min(r1.s32max, r2.s32max);
        r1.u32min = r2.u32min = u0; r1.u32max = r2.u32max = u1;
        r1.s32min = r2.s32min = s0; r1.s32max = r2.s32max = s1;
        const t = tnumIntersect(tnumSubreg(r1.var), tnumSubreg(r2.var));
        r1.var = tnumWithSubreg(r1.var, t);
        r2.var = tnumWithSubreg(r2.var, t);
      } else {
        const u0 = max(r1.umin, r2.umin), u1 = min(r1.umax, r2.umax);
        const s0 = max(r1.smin, r2.smin), s1 = min(r1.smax, r2.smax);
        r1.umin = r2.umin = u0; r1.umax = r2.umax = u1;
        r1.smin = r2.smin = s0; r1.smax = r2.smax = s1;
        r1.var = r2.var = tnumIntersect(r1.var, r2.var);
      }
      break;
    case 'jne': {
      if (!isConst(r2, bits32)) [r1, r2] = [r2, r1];
      if (!isConst(r2, bits32)) break;
      const v = constValue(r2, bits32);
      if (bits32) {
        if (r1.u32min === u32(v)) r1.u32min = u32(r1.u32min + 1n);
        if (r1.u32max === u32(v)) r1.u32max = u32(r1.u32max - 1n);
        if (r1.s32min === s32(v)) r1.s32min = s32(r1.s32min + 1n);
        if (r1.s32max === s32(v)) r1.s32max = s32(r1.s32max - 1n);
      } else {
        if (r1.umin === v) r1.umin = u64(r1.umin + 1n);
        if (r1.umax === v) r1.umax = u64(r1.umax - 1n);
        if (r1.smin === s64(v)) r1.smin = s64(r1.smin + 1n);
        if (r1.smax === s64(v)) r1.smax = s64(r1.smax - 1n);
      }
      break;
    }
    case 'jset': {
      if (!isConst(r2, bits32)) [r1, r2] = [r2, r1];
      if (!isConst(r2, bits32)) break;
      const v = constValue(r2, bits32);
      if (!isPow2(v)) break;
      if (bits32) r1.var = tnumWithSubreg(r1.var, tnumOr(tnumSubreg(r1.var), tnumConst(v)));
      else r1.var = tnumOr(r1.var, tnumConst(v));
      break;
    }
    case 'jset_not': {
      if (!isConst(r2, bits32)) [r1, r2] = [r2, r1];
      if (!isConst(r2, bits32)) break;
      const v = constValue(r2, bits32);
      if (bits32) r1.var = tnumWithSubreg(r1.var, tnumAnd(tnumSubreg(r1.var), tnumConst(~v & U32)));
      else r1.var = tnumAnd(r1.var, tnumConst(~v & U64));
      break;
    }
    case 'jle':
      if (bits32) {
        r1.u32max = min(r1.u32max, r2.u32max);
        r2.u32min = max(r1.u32min, r2.u32min);
      } else {
        r1.umax = min(r1.umax, r2.umax);
        r2.umin = max(r1.umin, r2.umin);
      }
      break;
    case 'jlt':
      if (bits32) {
        r1.u32max = min(r1.u32max, u32(r2.u32max - 1n));
        r2.u32min = max(u32(r1.u32min + 1n), r2.u32min);
      } else {
        r1.umax = min(r1.umax, u64(r2.umax - 1n));
        r2.umin = max(u64(r1.umin + 1n), r2.umin);
      }
      break;
    case 'jsle':
      if (bits32) {
        r1.s32max = min(r1.s32max, r2.s32max);
        r2.s32min = max(r1.s32min, r2.s32min);
      } else {
        r1.smax = min(r1.smax, r2.smax);
        r2.smin = max(r1.smin, r2.smin);
      }
      break;
    case 'jslt':
      if (bits32) {
        r1.s32max = min(r1.s32max, s32(r2.s32max - 1n));
        r2.s32min = max(s32(r1.s32min + 1n), r2.s32min);
      } else {
        r1.smax = min(r1.smax, s64(r2.smax - 1n));
        r2.smin = max(s64(r1.smin + 1n), r2.smin);
      }
      break;
  }
}

/** Refines both operands for a branch where `r1 OP r2` holds, then re-syncs them. */
export function refineBranch(r1: Scalar, r2: Scalar, op: RefineOp, bits32: boolean): void {
  refine(r1, r2, op, bits32);
  syncBounds(r1);
  syncBounds(r2);
}

/** A signed number as the kernel log prints it: decimal within 16 bits, else 64-bit hex. */
export function signedText(x: bigint): string {
  return x >= -32768n && x <= 32767n ? x.toString() : `0x${u64(x).toString(16)}`;
}

/** An unsigned number as the kernel log prints it: decimal up to 65535, else hex. */
export function unsignedText(x: bigint): string {
  return x <= 65535n ? x.toString() : `0x${x.toString(16)}`;
}

/**
 * The bounds of a scalar as print_scalar_ranges spells them: the ones that say something, and a
 * value shared by bounds of the same kind (min or max) named once (`smax=umax=255`); then the
 * tnum when it knows some bits.
 */
export function rangesText(s: Scalar): string {
  // A 32-bit signed bound printed in hex is not sign-extended (so -2 is 0xfffffffe, not 64-bit).
  const b32 = (x: bigint): bigint => (x >= -32768n && x <= 32767n ? x : u32(x));
  const bounds = [
    { name: 'smin', val: s.smin, omit: s.smin === S64_MIN },
    { name: 'smax', val: s.smax, omit: s.smax === S64_MAX },
    { name: 'umin', val: s.umin, omit: s.umin === 0n },
    { name: 'umax', val: s.umax, omit: s.umax === U64 },
    { name: 'smin32', val: b32(s.s32min), omit: s.s32min === S32_MIN },
    { name: 'smax32', val: b32(s.s32max), omit: s.s32max === S32_MAX },
    { name: 'umin32', val: s.u32min, omit: s.u32min === 0n },
    { name: 'umax32', val: s.u32max, omit: s.u32max === U32 },
  ];
  const parts: string[] = [];
  bounds.forEach((a, i) => {
    if (a.omit) return;
    const neg = a.name[0] === 's' && a.val < 0n;
    let names = `${a.name}=`;
    for (let j = i + 2; j < bounds.length; j += 2) {
      const b = bounds[j]!;
      if (b.omit || u64(b.val) !== u64(a.val) || (b.name[0] === 's' && b.val < 0n) !== neg) continue;
      b.omit = true;
      names += `${b.name}=`;
    }
    parts.push(names + (a.name[0] === 's' ? signedText(a.val) : unsignedText(a.val)));
  });
  if (s.var.m !== U64) parts.push(`var_off=(0x${s.var.v.toString(16)}; 0x${s.var.m.toString(16)})`);
  return parts.join(',');
}

/** The kernel log's spelling of a scalar: 5, or scalar(smin=0,smax=umax=255,var_off=(0x0; 0xff)). */
export function scalarText(s: Scalar): string {
  if (isConst(s)) return signedText(s64(s.var.v));
  return `scalar(${rangesText(s)})`;
}

/** old contains cur (range_within + tnum_in). */
export function scalarWithin(old: Scalar, cur: Scalar): boolean {
  if (!(old.umin <= cur.umin && old.umax >= cur.umax && old.smin <= cur.smin && old.smax >= cur.smax &&
    old.u32min <= cur.u32min && old.u32max >= cur.u32max && old.s32min <= cur.s32min && old.s32max >= cur.s32max)) return false;
  // tnumIn(old.var, cur.var), without a bigint per step for the two masks met most: none and all.
  const om = old.var.m, cm = cur.var.m, cv = cur.var.v;
  if (om === 0n && cm >= 0n && cm <= U64 && cv >= 0n && cv <= U64) return cm === 0n && old.var.v === cv;
  if (om === U64) return old.var.v === 0n;
  return (cm & ~om & U64) === 0n && old.var.v === (cv & ~om & U64);
}

export { tnumCast };
