// The interpreter loop. Registers are 64-bit values kept as two Int32Array halves (lo, hi), so
// the loop never allocates: 64-bit arithmetic is done on the halves, and only 64-bit division
// falls back to BigInt. Memory accesses check the pointer's region (memory.ts) on the fast path
// and hand everything else (context fields, faults) to the machine's slow path.
//
// Semantics follow RFC 9669 as the kernel implements it: ALU32 results are zero-extended;
// division by zero gives 0 and modulo by zero leaves the dividend (its low 32 bits for ALU32);
// shift counts are masked to the operand width; signed division of the minimum value by -1
// wraps; 32-bit atomics with fetch zero-extend the old value into the source register.
import type { Code } from './decode.js';
import type { Memory, Region } from './memory.js';

// The interpreter's internal operations (declared here, next to the switch, so that esbuild
// replaces each use by its number): one per instruction form, numbered densely so the
// interpreter's switch compiles to a jump table. These numbers are the interpreter's own; the
// mapping from instruction forms (bpf/opcodes.ts) to them is decode.ts's opOf. Groups are laid
// out so that opOf can compute a member from its group's first entry: ALU operations in the
// order add, sub, mul, div, sdiv, or, and, lsh, rsh, mod, smod, xor, mov, arsh, each with K
// (immediate) then X (register); loads and stores by size b, h, w, dw; atomics add, or, and, xor
// (plain, then fetch), then xchg and cmpxchg; jumps jeq, jgt, jge, jset, jne, jsgt, jsge, jlt,
// jle, jslt, jsle, each K then X.
export const enum Op {
  ADD64_K = 0,
  ADD64_X = 1,
  SUB64_K = 2,
  SUB64_X = 3,
  MUL64_K = 4,
  MUL64_X = 5,
  DIV64_K = 6,
  DIV64_X = 7,
  SDIV64_K = 8,
  SDIV64_X = 9,
  OR64_K = 10,
  OR64_X = 11,
  AND64_K = 12,
  AND64_X = 13,
  LSH64_K = 14,
  LSH64_X = 15,
  RSH64_K = 16,
  RSH64_X = 17,
  MOD64_K = 18,
  MOD64_X = 19,
  SMOD64_K = 20,
  SMOD64_X = 21,
  XOR64_K = 22,
  XOR64_X = 23,
  MOV64_K = 24,
  MOV64_X = 25,
  ARSH64_K = 26,
  ARSH64_X = 27,
  ADD32_K = 28,
  ADD32_X = 29,
  SUB32_K = 30,
  SUB32_X = 31,
  MUL32_K = 32,
  MUL32_X = 33,
  DIV32_K = 34,
  DIV32_X = 35,
  SDIV32_K = 36,
  SDIV32_X = 37,
  OR32_K = 38,
  OR32_X = 39,
  AND32_K = 40,
  AND32_X = 41,
  LSH32_K = 42,
  LSH32_X = 43,
  RSH32_K = 44,
  RSH32_X = 45,
  MOD32_K = 46,
  MOD32_X = 47,
  SMOD32_K = 48,
  SMOD32_X = 49,
  XOR32_K = 50,
  XOR32_X = 51,
  MOV32_K = 52,
  MOV32_X = 53,
  ARSH32_K = 54,
  ARSH32_X = 55,
  MOVSX64_8 = 56,
  MOVSX64_16 = 57,
  MOVSX64_32 = 58,
  MOVSX32_8 = 59,
  MOVSX32_16 = 60,
  NEG64 = 61,
  NEG32 = 62,
  LE16 = 63,
  LE32 = 64,
  BE16 = 65,
  BE32 = 66,
  BE64 = 67,
  NOP = 68,
  LD_IMM64 = 69,
  LD_MAP = 70,
  LD_MAP_VALUE = 71,
  LDABS_B = 72,
  LDABS_H = 73,
  LDABS_W = 74,
  LDABS_DW = 75, // unused
  LDIND_B = 76,
  LDIND_H = 77,
  LDIND_W = 78,
  LDIND_DW = 79, // unused
  LDX_B = 80,
  LDX_H = 81,
  LDX_W = 82,
  LDX_DW = 83,
  LDXS_B = 84,
  LDXS_H = 85,
  LDXS_W = 86,
  LDXS_DW = 87, // unused
  ST_B = 88,
  ST_H = 89,
  ST_W = 90,
  ST_DW = 91,
  STX_B = 92,
  STX_H = 93,
  STX_W = 94,
  STX_DW = 95,
  ATOMIC32_ADD = 96,
  ATOMIC32_FETCH_ADD = 97,
  ATOMIC32_OR = 98,
  ATOMIC32_FETCH_OR = 99,
  ATOMIC32_AND = 100,
  ATOMIC32_FETCH_AND = 101,
  ATOMIC32_XOR = 102,
  ATOMIC32_FETCH_XOR = 103,
  ATOMIC32_XCHG = 104,
  ATOMIC32_CMPXCHG = 105,
  ATOMIC64_ADD = 106,
  ATOMIC64_FETCH_ADD = 107,
  ATOMIC64_OR = 108,
  ATOMIC64_FETCH_OR = 109,
  ATOMIC64_AND = 110,
  ATOMIC64_FETCH_AND = 111,
  ATOMIC64_XOR = 112,
  ATOMIC64_FETCH_XOR = 113,
  ATOMIC64_XCHG = 114,
  ATOMIC64_CMPXCHG = 115,
  JEQ_K = 116,
  JEQ_X = 117,
  JGT_K = 118,
  JGT_X = 119,
  JGE_K = 120,
  JGE_X = 121,
  JSET_K = 122,
  JSET_X = 123,
  JNE_K = 124,
  JNE_X = 125,
  JSGT_K = 126,
  JSGT_X = 127,
  JSGE_K = 128,
  JSGE_X = 129,
  JLT_K = 130,
  JLT_X = 131,
  JLE_K = 132,
  JLE_X = 133,
  JSLT_K = 134,
  JSLT_X = 135,
  JSLE_K = 136,
  JSLE_X = 137,
  JEQ32_K = 138,
  JEQ32_X = 139,
  JGT32_K = 140,
  JGT32_X = 141,
  JGE32_K = 142,
  JGE32_X = 143,
  JSET32_K = 144,
  JSET32_X = 145,
  JNE32_K = 146,
  JNE32_X = 147,
  JSGT32_K = 148,
  JSGT32_X = 149,
  JSGE32_K = 150,
  JSGE32_X = 151,
  JLT32_K = 152,
  JLT32_X = 153,
  JLE32_K = 154,
  JLE32_X = 155,
  JSLT32_K = 156,
  JSLT32_X = 157,
  JSLE32_K = 158,
  JSLE32_X = 159,
  JA = 160,
  CALL_HELPER = 161,
  CALL_LOCAL = 162,
  EXIT = 163,
  UNSUPPORTED = 164,
  INVALID = 165,
}

/** A helper implementation: reads R1-R5 from the machine, writes R0. */
export type HelperFn = (m: Machine) => void;

/** What kind of fault ended a run (each has its diagnostic code, see session.ts). */
export type FaultKind = 'memory' | 'helper' | 'instruction' | 'limit';

/** A run-time fault: the instruction slot and what went wrong. */
export class RunFault extends Error {
  constructor(readonly pc: number, message: string, readonly kind: FaultKind) {
    super(message);
  }
}

export const MAX_CALL_FRAMES = 8;
export const STACK_BYTES = 512;

/** Everything the loop touches. The session builds it and fills the per-run parts. */
export class Machine {
  readonly lo = new Int32Array(11);
  readonly hi = new Int32Array(11);
  /** Results of slow-path loads and 64-bit helpers. */
  resLo = 0;
  resHi = 0;
  /** The slot being executed, for helpers and faults. */
  pc = 0;
  /** Set by bpf_tail_call: the slot to continue at (-1: none). */
  jumpTo = -1;
  /** Instructions executed in the current run, and the limit. */
  insnCount = 0;
  insnLimit = 100_000_000;
  depth = 0;
  /** The deepest call depth a run reached (the session clears those stack frames). */
  maxDepth = 0;
  readonly frameReturn = new Int32Array(MAX_CALL_FRAMES);
  /** Per frame: R6-R10, lo and hi. */
  readonly frameSave = new Int32Array(MAX_CALL_FRAMES * 10);
  /** Region ids of each map (LD_MAP) and of each map's first value (LD_MAP_VALUE), by map index. */
  mapRegion = new Int32Array(0);
  mapValueRegion = new Int32Array(0);
  /** Stack region ids by call depth. */
  stackRegion = new Int32Array(MAX_CALL_FRAMES);
  helpers: (HelperFn | undefined)[] = [];
  /** Called before each instruction when tracing. */
  trace: ((pc: number) => void) | undefined = undefined;

  constructor(
    readonly code: Code,
    readonly mem: Memory,
    /** Context loads and stores, unknown helpers, LD_ABS: supplied by the session. */
    readonly host: MachineHost,
  ) {}

  fault(message: string, kind: FaultKind = 'memory'): never {
    throw new RunFault(this.pc, message, kind);
  }
}

export interface MachineHost {
  /** A load the fast path could not do: sets m.resLo/resHi or faults. */
  load(m: Machine, regionId: number, offset: number, sizeBytes: number): void;
  /** A store the fast path could not do (value in lo/hi): performs it or faults. */
  store(m: Machine, regionId: number, offset: number, sizeBytes: number, lo: number, hi: number): void;
  /** LD_ABS/LD_IND: the value at the packet offset, or -1 when out of range (then R0 = 0 and the program exits). */
  loadPacket(m: Machine, offset: number, sizeBytes: number): number;
  /** A helper id with no implementation. */
  unknownHelper(m: Machine, id: number): never;
}

function regionAt(regions: (Region | undefined)[], id: number): Region | undefined {
  return (id >>> 0) < regions.length ? regions[id] : undefined;
}

// ---- 64-bit helpers on halves ----------------------------------------------------------------

/** High 32 bits of the unsigned 64-bit product of two 32-bit values. */
function mulHighU32(a: number, b: number): number {
  a >>>= 0;
  b >>>= 0;
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return (a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) | 0;
}

function big(lo: number, hi: number, signed: boolean): bigint {
  return ((signed ? BigInt(hi | 0) : BigInt(hi >>> 0)) << 32n) | BigInt(lo >>> 0);
}

/** 64-bit division and modulo (unsigned or signed) with the ISA's zero-divisor results. */
function divmod64(m: Machine, alo: number, ahi: number, blo: number, bhi: number, mod: boolean, signed: boolean): void {
  if ((blo | bhi) === 0) {
    m.resLo = mod ? alo : 0;
    m.resHi = mod ? ahi : 0;
    return;
  }
  if (!signed && ahi === 0 && bhi === 0) {
    const a = alo >>> 0;
    const b = blo >>> 0;
    m.resLo = (mod ? a % b : Math.floor(a / b)) | 0;
    m.resHi = 0;
    return;
  }
  const a = big(alo, ahi, signed);
  const b = big(blo, bhi, signed);
  const r = BigInt.asIntN(64, mod ? a % b : a / b);
  m.resLo = Number(BigInt.asIntN(32, r));
  m.resHi = Number(BigInt.asIntN(32, r >> 32n));
}

function div32(a: number, b: number, mod: boolean, signed: boolean): number {
  if (b === 0) return mod ? a : 0;
  if (signed) return (mod ? (a | 0) % (b | 0) : (a | 0) / (b | 0)) | 0;
  return (mod ? (a >>> 0) % (b >>> 0) : (a >>> 0) / (b >>> 0)) | 0;
}

function bswap32(x: number): number {
  return ((x >>> 24) | ((x >>> 8) & 0xff00) | ((x & 0xff00) << 8) | (x << 24)) | 0;
}

/**
 * Runs from slot `pc` until the outermost frame exits. R0 holds the result; a fault throws
 * RunFault. The caller sets R1 and R10 and resets depth.
 */
export function execute(m: Machine, startPc: number): void {
  const code = m.code;
  const ops = code.op;
  const dsts = code.dst;
  const srcs = code.src;
  const offs = code.off;
  const imms = code.imm;
  const targets = code.target;
  const lo = m.lo;
  const hi = m.hi;
  const regions = m.mem.regions;
  const trace = m.trace;
  const limit = m.insnLimit;
  let count = m.insnCount;
  let pc = startPc;

  for (;;) {
    if (++count > limit) {
      m.insnCount = count;
      m.pc = pc;
      m.fault(`the program executed more than ${limit} instructions`, 'limit');
    }
    if (trace !== undefined) {
      m.insnCount = count;
      trace(pc);
    }
    const d = dsts[pc]!;
    switch (ops[pc]) {
      // ---- ALU64 ----
      case Op.ADD64_K: {
        const imm = imms[pc]!;
        const a = lo[d]!;
        const r = (a + imm) | 0;
        hi[d] = (hi[d]! + (imm >> 31) + ((r >>> 0) < (a >>> 0) ? 1 : 0)) | 0;
        lo[d] = r;
        break;
      }
      case Op.ADD64_X: {
        const s = srcs[pc]!;
        const a = lo[d]!;
        const r = (a + lo[s]!) | 0;
        hi[d] = (hi[d]! + hi[s]! + ((r >>> 0) < (a >>> 0) ? 1 : 0)) | 0;
        lo[d] = r;
        break;
      }
      case Op.SUB64_K: {
        const imm = imms[pc]!;
        const a = lo[d]!;
        hi[d] = (hi[d]! - (imm >> 31) - ((a >>> 0) < (imm >>> 0) ? 1 : 0)) | 0;
        lo[d] = (a - imm) | 0;
        break;
      }
      case Op.SUB64_X: {
        const s = srcs[pc]!;
        const a = lo[d]!;
        const b = lo[s]!;
        hi[d] = (hi[d]! - hi[s]! - ((a >>> 0) < (b >>> 0) ? 1 : 0)) | 0;
        lo[d] = (a - b) | 0;
        break;
      }
      case Op.MUL64_K:
      case Op.MUL64_X: {
        let blo: number;
        let bhi: number;
        if (ops[pc] === Op.MUL64_K) {
          blo = imms[pc]!;
          bhi = blo >> 31;
        } else {
          blo = lo[srcs[pc]!]!;
          bhi = hi[srcs[pc]!]!;
        }
        const alo = lo[d]!;
        const ahi = hi[d]!;
        hi[d] = (mulHighU32(alo, blo) + Math.imul(alo, bhi) + Math.imul(ahi, blo)) | 0;
        lo[d] = Math.imul(alo, blo);
        break;
      }
      case Op.DIV64_K:
      case Op.SDIV64_K:
      case Op.MOD64_K:
      case Op.SMOD64_K: {
        const o = ops[pc];
        const imm = imms[pc]!;
        divmod64(m, lo[d]!, hi[d]!, imm, imm >> 31, o === Op.MOD64_K || o === Op.SMOD64_K, o === Op.SDIV64_K || o === Op.SMOD64_K);
        lo[d] = m.resLo;
        hi[d] = m.resHi;
        break;
      }
      case Op.DIV64_X:
      case Op.SDIV64_X:
      case Op.MOD64_X:
      case Op.SMOD64_X: {
        const o = ops[pc];
        const s = srcs[pc]!;
        divmod64(m, lo[d]!, hi[d]!, lo[s]!, hi[s]!, o === Op.MOD64_X || o === Op.SMOD64_X, o === Op.SDIV64_X || o === Op.SMOD64_X);
        lo[d] = m.resLo;
        hi[d] = m.resHi;
        break;
      }
      case Op.OR64_K: {
        const imm = imms[pc]!;
        lo[d] = lo[d]! | imm;
        hi[d] = hi[d]! | (imm >> 31);
        break;
      }
      case Op.OR64_X: {
        const s = srcs[pc]!;
        lo[d] = lo[d]! | lo[s]!;
        hi[d] = hi[d]! | hi[s]!;
        break;
      }
      case Op.AND64_K: {
        const imm = imms[pc]!;
        lo[d] = lo[d]! & imm;
        hi[d] = hi[d]! & (imm >> 31);
        break;
      }
      case Op.AND64_X: {
        const s = srcs[pc]!;
        lo[d] = lo[d]! & lo[s]!;
        hi[d] = hi[d]! & hi[s]!;
        break;
      }
      case Op.XOR64_K: {
        const imm = imms[pc]!;
        lo[d] = lo[d]! ^ imm;
        hi[d] = hi[d]! ^ (imm >> 31);
        break;
      }
      case Op.XOR64_X: {
        const s = srcs[pc]!;
        lo[d] = lo[d]! ^ lo[s]!;
        hi[d] = hi[d]! ^ hi[s]!;
        break;
      }
      case Op.MOV64_K: {
        const imm = imms[pc]!;
        lo[d] = imm;
        hi[d] = imm >> 31;
        break;
      }
      case Op.MOV64_X: {
        const s = srcs[pc]!;
        lo[d] = lo[s]!;
        hi[d] = hi[s]!;
        break;
      }
      case Op.LSH64_K:
      case Op.LSH64_X: {
        const n = (ops[pc] === Op.LSH64_K ? imms[pc]! : lo[srcs[pc]!]!) & 63;
        const a = lo[d]!;
        if (n === 0) break;
        if (n < 32) {
          hi[d] = (hi[d]! << n) | (a >>> (32 - n));
          lo[d] = a << n;
        } else {
          hi[d] = a << (n - 32);
          lo[d] = 0;
        }
        break;
      }
      case Op.RSH64_K:
      case Op.RSH64_X: {
        const n = (ops[pc] === Op.RSH64_K ? imms[pc]! : lo[srcs[pc]!]!) & 63;
        const h = hi[d]!;
        if (n === 0) break;
        if (n < 32) {
          lo[d] = (lo[d]! >>> n) | (h << (32 - n));
          hi[d] = h >>> n;
        } else {
          lo[d] = h >>> (n - 32);
          hi[d] = 0;
        }
        break;
      }
      case Op.ARSH64_K:
      case Op.ARSH64_X: {
        const n = (ops[pc] === Op.ARSH64_K ? imms[pc]! : lo[srcs[pc]!]!) & 63;
        const h = hi[d]!;
        if (n === 0) break;
        if (n < 32) {
          lo[d] = (lo[d]! >>> n) | (h << (32 - n));
          hi[d] = h >> n;
        } else {
          lo[d] = h >> (n - 32);
          hi[d] = h >> 31;
        }
        break;
      }
      case Op.NEG64: {
        const a = lo[d]!;
        hi[d] = (~hi[d]! + (a === 0 ? 1 : 0)) | 0;
        lo[d] = -a | 0;
        break;
      }
      case Op.MOVSX64_8: {
        const v = (lo[srcs[pc]!]! << 24) >> 24;
        lo[d] = v;
        hi[d] = v >> 31;
        break;
      }
      case Op.MOVSX64_16: {
        const v = (lo[srcs[pc]!]! << 16) >> 16;
        lo[d] = v;
        hi[d] = v >> 31;
        break;
      }
      case Op.MOVSX64_32: {
        const v = lo[srcs[pc]!]!;
        lo[d] = v;
        hi[d] = v >> 31;
        break;
      }

      // ---- ALU32: operate on the low halves, zero the high half ----
      case Op.ADD32_K: lo[d] = (lo[d]! + imms[pc]!) | 0; hi[d] = 0; break;
      case Op.ADD32_X: lo[d] = (lo[d]! + lo[srcs[pc]!]!) | 0; hi[d] = 0; break;
      case Op.SUB32_K: lo[d] = (lo[d]! - imms[pc]!) | 0; hi[d] = 0; break;
      case Op.SUB32_X: lo[d] = (lo[d]! - lo[srcs[pc]!]!) | 0; hi[d] = 0; break;
      case Op.MUL32_K: lo[d] = Math.imul(lo[d]!, imms[pc]!); hi[d] = 0; break;
      case Op.MUL32_X: lo[d] = Math.imul(lo[d]!, lo[srcs[pc]!]!); hi[d] = 0; break;
      case Op.DIV32_K: lo[d] = div32(lo[d]!, imms[pc]!, false, false); hi[d] = 0; break;
      case Op.DIV32_X: lo[d] = div32(lo[d]!, lo[srcs[pc]!]!, false, false); hi[d] = 0; break;
      case Op.SDIV32_K: lo[d] = div32(lo[d]!, imms[pc]!, false, true); hi[d] = 0; break;
      case Op.SDIV32_X: lo[d] = div32(lo[d]!, lo[srcs[pc]!]!, false, true); hi[d] = 0; break;
      case Op.MOD32_K: lo[d] = div32(lo[d]!, imms[pc]!, true, false); hi[d] = 0; break;
      case Op.MOD32_X: lo[d] = div32(lo[d]!, lo[srcs[pc]!]!, true, false); hi[d] = 0; break;
      case Op.SMOD32_K: lo[d] = div32(lo[d]!, imms[pc]!, true, true); hi[d] = 0; break;
      case Op.SMOD32_X: lo[d] = div32(lo[d]!, lo[srcs[pc]!]!, true, true); hi[d] = 0; break;
      case Op.OR32_K: lo[d] = lo[d]! | imms[pc]!; hi[d] = 0; break;
      case Op.OR32_X: lo[d] = lo[d]! | lo[srcs[pc]!]!; hi[d] = 0; break;
      case Op.AND32_K: lo[d] = lo[d]! & imms[pc]!; hi[d] = 0; break;
      case Op.AND32_X: lo[d] = lo[d]! & lo[srcs[pc]!]!; hi[d] = 0; break;
      case Op.XOR32_K: lo[d] = lo[d]! ^ imms[pc]!; hi[d] = 0; break;
      case Op.XOR32_X: lo[d] = lo[d]! ^ lo[srcs[pc]!]!; hi[d] = 0; break;
      case Op.MOV32_K: lo[d] = imms[pc]!; hi[d] = 0; break;
      case Op.MOV32_X: lo[d] = lo[srcs[pc]!]!; hi[d] = 0; break;
      case Op.LSH32_K: lo[d] = lo[d]! << (imms[pc]! & 31); hi[d] = 0; break;
      case Op.LSH32_X: lo[d] = lo[d]! << (lo[srcs[pc]!]! & 31); hi[d] = 0; break;
      case Op.RSH32_K: lo[d] = (lo[d]! >>> (imms[pc]! & 31)) | 0; hi[d] = 0; break;
      case Op.RSH32_X: lo[d] = (lo[d]! >>> (lo[srcs[pc]!]! & 31)) | 0; hi[d] = 0; break;
      case Op.ARSH32_K: lo[d] = lo[d]! >> (imms[pc]! & 31); hi[d] = 0; break;
      case Op.ARSH32_X: lo[d] = lo[d]! >> (lo[srcs[pc]!]! & 31); hi[d] = 0; break;
      case Op.NEG32: lo[d] = -lo[d]! | 0; hi[d] = 0; break;
      case Op.MOVSX32_8: lo[d] = (lo[srcs[pc]!]! << 24) >> 24; hi[d] = 0; break;
      case Op.MOVSX32_16: lo[d] = (lo[srcs[pc]!]! << 16) >> 16; hi[d] = 0; break;

      // ---- byte order ----
      case Op.LE16: lo[d] = lo[d]! & 0xffff; hi[d] = 0; break;
      case Op.LE32: hi[d] = 0; break;
      case Op.NOP: break;
      case Op.BE16: {
        const v = lo[d]!;
        lo[d] = ((v & 0xff) << 8) | ((v >>> 8) & 0xff);
        hi[d] = 0;
        break;
      }
      case Op.BE32: lo[d] = bswap32(lo[d]!); hi[d] = 0; break;
      case Op.BE64: {
        const v = lo[d]!;
        lo[d] = bswap32(hi[d]!);
        hi[d] = bswap32(v);
        break;
      }

      // ---- 64-bit immediates and map addresses ----
      case Op.LD_IMM64:
        lo[d] = imms[pc]!;
        hi[d] = code.imm2[pc]!;
        pc += 2;
        continue;
      case Op.LD_MAP:
        lo[d] = 0;
        hi[d] = m.mapRegion[imms[pc]!]!;
        pc += 2;
        continue;
      case Op.LD_MAP_VALUE: {
        const id = m.mapValueRegion[imms[pc]!]!;
        if (id === 0) {
          m.pc = pc;
          m.fault('ld_imm64 of a map value address: the map has no directly addressable value');
        }
        lo[d] = code.imm2[pc]!;
        hi[d] = id;
        pc += 2;
        continue;
      }

      // ---- loads ----
      case Op.LDX_B:
      case Op.LDX_H:
      case Op.LDX_W:
      case Op.LDX_DW:
      case Op.LDXS_B:
      case Op.LDXS_H:
      case Op.LDXS_W: {
        const o = ops[pc]!;
        const s = srcs[pc]!;
        const a = lo[s]! + offs[pc]!;
        const r = regionAt(regions, hi[s]!);
        const size = o === Op.LDX_B || o === Op.LDXS_B ? 1 : o === Op.LDX_H || o === Op.LDXS_H ? 2 : o === Op.LDX_W || o === Op.LDXS_W ? 4 : 8;
        let vlo: number;
        let vhi: number;
        if (r !== undefined && a >= r.start && a + size <= r.end) {
          const view = r.view;
          if (size === 1) vlo = view.getUint8(a);
          else if (size === 2) vlo = view.getUint16(a, true);
          else vlo = view.getInt32(a, true);
          vhi = size === 8 ? view.getInt32(a + 4, true) : 0;
        } else {
          m.pc = pc;
          m.insnCount = count;
          m.host.load(m, hi[s]!, a, size);
          vlo = m.resLo;
          vhi = m.resHi;
        }
        if (o >= Op.LDXS_B && o <= Op.LDXS_W) {
          vlo = size === 1 ? (vlo << 24) >> 24 : size === 2 ? (vlo << 16) >> 16 : vlo | 0;
          vhi = vlo >> 31;
        }
        lo[d] = vlo;
        hi[d] = vhi;
        break;
      }

      // ---- stores ----
      case Op.ST_B:
      case Op.ST_H:
      case Op.ST_W:
      case Op.ST_DW:
      case Op.STX_B:
      case Op.STX_H:
      case Op.STX_W:
      case Op.STX_DW: {
        const o = ops[pc]!;
        const a = lo[d]! + offs[pc]!;
        const r = regionAt(regions, hi[d]!);
        let vlo: number;
        let vhi: number;
        if (o <= Op.ST_DW) {
          vlo = imms[pc]!;
          vhi = vlo >> 31;
        } else {
          vlo = lo[srcs[pc]!]!;
          vhi = hi[srcs[pc]!]!;
        }
        const k = o <= Op.ST_DW ? o - Op.ST_B : o - Op.STX_B;
        const size = k === 0 ? 1 : k === 1 ? 2 : k === 2 ? 4 : 8;
        if (r !== undefined && a >= r.start && a + size <= r.wend) {
          const view = r.view;
          if (size === 1) view.setUint8(a, vlo & 0xff);
          else if (size === 2) view.setUint16(a, vlo & 0xffff, true);
          else {
            view.setInt32(a, vlo, true);
            if (size === 8) view.setInt32(a + 4, vhi, true);
          }
        } else {
          m.pc = pc;
          m.insnCount = count;
          m.host.store(m, hi[d]!, a, size, vlo, vhi);
        }
        break;
      }

      // ---- atomics ----
      case Op.ATOMIC32_ADD: case Op.ATOMIC32_FETCH_ADD: case Op.ATOMIC32_OR: case Op.ATOMIC32_FETCH_OR:
      case Op.ATOMIC32_AND: case Op.ATOMIC32_FETCH_AND: case Op.ATOMIC32_XOR: case Op.ATOMIC32_FETCH_XOR:
      case Op.ATOMIC32_XCHG: case Op.ATOMIC32_CMPXCHG: {
        const o = ops[pc]!;
        const s = srcs[pc]!;
        const a = lo[d]! + offs[pc]!;
        const r = regionAt(regions, hi[d]!);
        if (r === undefined || a < r.start || a + 4 > r.wend) {
          m.pc = pc;
          m.host.store(m, hi[d]!, a, 4, 0, 0); // faults: atomics need writable memory
          break;
        }
        const view = r.view;
        const old = view.getInt32(a, true);
        const v = lo[s]!;
        let nv: number;
        switch (o) {
          case Op.ATOMIC32_ADD: case Op.ATOMIC32_FETCH_ADD: nv = (old + v) | 0; break;
          case Op.ATOMIC32_OR: case Op.ATOMIC32_FETCH_OR: nv = old | v; break;
          case Op.ATOMIC32_AND: case Op.ATOMIC32_FETCH_AND: nv = old & v; break;
          case Op.ATOMIC32_XOR: case Op.ATOMIC32_FETCH_XOR: nv = old ^ v; break;
          case Op.ATOMIC32_XCHG: nv = v; break;
          default: nv = old === lo[0]! ? v : old; break; // cmpxchg
        }
        view.setInt32(a, nv, true);
        if (o === Op.ATOMIC32_CMPXCHG) {
          lo[0] = old;
          hi[0] = 0;
        } else if (o === Op.ATOMIC32_XCHG || ((o - Op.ATOMIC32_ADD) & 1) === 1) {
          lo[s] = old;
          hi[s] = 0;
        }
        break;
      }
      case Op.ATOMIC64_ADD: case Op.ATOMIC64_FETCH_ADD: case Op.ATOMIC64_OR: case Op.ATOMIC64_FETCH_OR:
      case Op.ATOMIC64_AND: case Op.ATOMIC64_FETCH_AND: case Op.ATOMIC64_XOR: case Op.ATOMIC64_FETCH_XOR:
      case Op.ATOMIC64_XCHG: case Op.ATOMIC64_CMPXCHG: {
        const o = ops[pc]!;
        const s = srcs[pc]!;
        const a = lo[d]! + offs[pc]!;
        const r = regionAt(regions, hi[d]!);
        if (r === undefined || a < r.start || a + 8 > r.wend) {
          m.pc = pc;
          m.host.store(m, hi[d]!, a, 8, 0, 0);
          break;
        }
        const view = r.view;
        const olo = view.getInt32(a, true);
        const ohi = view.getInt32(a + 4, true);
        const vlo = lo[s]!;
        const vhi = hi[s]!;
        let nlo: number;
        let nhi: number;
        switch (o) {
          case Op.ATOMIC64_ADD: case Op.ATOMIC64_FETCH_ADD:
            nlo = (olo + vlo) | 0;
            nhi = (ohi + vhi + ((nlo >>> 0) < (olo >>> 0) ? 1 : 0)) | 0;
            break;
          case Op.ATOMIC64_OR: case Op.ATOMIC64_FETCH_OR: nlo = olo | vlo; nhi = ohi | vhi; break;
          case Op.ATOMIC64_AND: case Op.ATOMIC64_FETCH_AND: nlo = olo & vlo; nhi = ohi & vhi; break;
          case Op.ATOMIC64_XOR: case Op.ATOMIC64_FETCH_XOR: nlo = olo ^ vlo; nhi = ohi ^ vhi; break;
          case Op.ATOMIC64_XCHG: nlo = vlo; nhi = vhi; break;
          default: {
            const eq = olo === lo[0]! && ohi === hi[0]!;
            nlo = eq ? vlo : olo;
            nhi = eq ? vhi : ohi;
            break;
          }
        }
        view.setInt32(a, nlo, true);
        view.setInt32(a + 4, nhi, true);
        if (o === Op.ATOMIC64_CMPXCHG) {
          lo[0] = olo;
          hi[0] = ohi;
        } else if (o === Op.ATOMIC64_XCHG || ((o - Op.ATOMIC64_ADD) & 1) === 1) {
          lo[s] = olo;
          hi[s] = ohi;
        }
        break;
      }

      // ---- legacy packet loads (socket filters, tc) ----
      case Op.LDABS_B: case Op.LDABS_H: case Op.LDABS_W:
      case Op.LDIND_B: case Op.LDIND_H: case Op.LDIND_W: {
        const o = ops[pc]!;
        const ind = o >= Op.LDIND_B;
        const k = ind ? o - Op.LDIND_B : o - Op.LDABS_B;
        const size = k === 0 ? 1 : k === 1 ? 2 : 4;
        const offset = ind ? (lo[srcs[pc]!]! + imms[pc]!) | 0 : imms[pc]!;
        m.pc = pc;
        const v = m.host.loadPacket(m, offset, size);
        if (v < 0) {
          lo[0] = 0;
          hi[0] = 0;
          // The kernel's rewrite ends the program with R0 = 0.
          if (m.depth === 0) {
            m.insnCount = count;
            return;
          }
          pc = leaveFrame(m);
          continue;
        }
        lo[0] = v | 0;
        hi[0] = 0;
        break;
      }

      // ---- jumps ----
      case Op.JA: pc = targets[pc]!; continue;
      case Op.JEQ_K: if (lo[d] === imms[pc] && hi[d] === imms[pc]! >> 31) { pc = targets[pc]!; continue; } break;
      case Op.JEQ_X: { const s = srcs[pc]!; if (lo[d] === lo[s] && hi[d] === hi[s]) { pc = targets[pc]!; continue; } break; }
      case Op.JNE_K: if (lo[d] !== imms[pc] || hi[d] !== imms[pc]! >> 31) { pc = targets[pc]!; continue; } break;
      case Op.JNE_X: { const s = srcs[pc]!; if (lo[d] !== lo[s] || hi[d] !== hi[s]) { pc = targets[pc]!; continue; } break; }
      case Op.JSET_K: { const b = imms[pc]!; if ((lo[d]! & b) !== 0 || (hi[d]! & (b >> 31)) !== 0) { pc = targets[pc]!; continue; } break; }
      case Op.JSET_X: { const s = srcs[pc]!; if ((lo[d]! & lo[s]!) !== 0 || (hi[d]! & hi[s]!) !== 0) { pc = targets[pc]!; continue; } break; }
      case Op.JGT_K: case Op.JGE_K: case Op.JLT_K: case Op.JLE_K:
      case Op.JGT_X: case Op.JGE_X: case Op.JLT_X: case Op.JLE_X: {
        const o = ops[pc]!;
        const isK = ((o - Op.JEQ_K) & 1) === 0;
        const blo = isK ? imms[pc]! : lo[srcs[pc]!]!;
        const bhi = isK ? blo >> 31 : hi[srcs[pc]!]!;
        const ah = hi[d]! >>> 0;
        const bh = bhi >>> 0;
        const al = lo[d]! >>> 0;
        const bl = blo >>> 0;
        // cmp: -1, 0, 1 comparing unsigned 64-bit values
        const cmp = ah !== bh ? (ah < bh ? -1 : 1) : al !== bl ? (al < bl ? -1 : 1) : 0;
        const taken = o === Op.JGT_K || o === Op.JGT_X ? cmp > 0 : o === Op.JGE_K || o === Op.JGE_X ? cmp >= 0 : o === Op.JLT_K || o === Op.JLT_X ? cmp < 0 : cmp <= 0;
        if (taken) { pc = targets[pc]!; continue; }
        break;
      }
      case Op.JSGT_K: case Op.JSGE_K: case Op.JSLT_K: case Op.JSLE_K:
      case Op.JSGT_X: case Op.JSGE_X: case Op.JSLT_X: case Op.JSLE_X: {
        const o = ops[pc]!;
        const isK = ((o - Op.JEQ_K) & 1) === 0;
        const blo = isK ? imms[pc]! : lo[srcs[pc]!]!;
        const bhi = isK ? blo >> 31 : hi[srcs[pc]!]!;
        const ah = hi[d]!;
        const al = lo[d]! >>> 0;
        const bl = blo >>> 0;
        const cmp = ah !== bhi ? (ah < bhi ? -1 : 1) : al !== bl ? (al < bl ? -1 : 1) : 0;
        const taken = o === Op.JSGT_K || o === Op.JSGT_X ? cmp > 0 : o === Op.JSGE_K || o === Op.JSGE_X ? cmp >= 0 : o === Op.JSLT_K || o === Op.JSLT_X ? cmp < 0 : cmp <= 0;
        if (taken) { pc = targets[pc]!; continue; }
        break;
      }
      // JMP32: compare the low halves.
      case Op.JEQ32_K: if (lo[d] === imms[pc]) { pc = targets[pc]!; continue; } break;
      case Op.JEQ32_X: if (lo[d] === lo[srcs[pc]!]) { pc = targets[pc]!; continue; } break;
      case Op.JNE32_K: if (lo[d] !== imms[pc]) { pc = targets[pc]!; continue; } break;
      case Op.JNE32_X: if (lo[d] !== lo[srcs[pc]!]) { pc = targets[pc]!; continue; } break;
      case Op.JSET32_K: if ((lo[d]! & imms[pc]!) !== 0) { pc = targets[pc]!; continue; } break;
      case Op.JSET32_X: if ((lo[d]! & lo[srcs[pc]!]!) !== 0) { pc = targets[pc]!; continue; } break;
      case Op.JGT32_K: if ((lo[d]! >>> 0) > (imms[pc]! >>> 0)) { pc = targets[pc]!; continue; } break;
      case Op.JGT32_X: if ((lo[d]! >>> 0) > (lo[srcs[pc]!]! >>> 0)) { pc = targets[pc]!; continue; } break;
      case Op.JGE32_K: if ((lo[d]! >>> 0) >= (imms[pc]! >>> 0)) { pc = targets[pc]!; continue; } break;
      case Op.JGE32_X: if ((lo[d]! >>> 0) >= (lo[srcs[pc]!]! >>> 0)) { pc = targets[pc]!; continue; } break;
      case Op.JLT32_K: if ((lo[d]! >>> 0) < (imms[pc]! >>> 0)) { pc = targets[pc]!; continue; } break;
      case Op.JLT32_X: if ((lo[d]! >>> 0) < (lo[srcs[pc]!]! >>> 0)) { pc = targets[pc]!; continue; } break;
      case Op.JLE32_K: if ((lo[d]! >>> 0) <= (imms[pc]! >>> 0)) { pc = targets[pc]!; continue; } break;
      case Op.JLE32_X: if ((lo[d]! >>> 0) <= (lo[srcs[pc]!]! >>> 0)) { pc = targets[pc]!; continue; } break;
      case Op.JSGT32_K: if (lo[d]! > imms[pc]!) { pc = targets[pc]!; continue; } break;
      case Op.JSGT32_X: if (lo[d]! > lo[srcs[pc]!]!) { pc = targets[pc]!; continue; } break;
      case Op.JSGE32_K: if (lo[d]! >= imms[pc]!) { pc = targets[pc]!; continue; } break;
      case Op.JSGE32_X: if (lo[d]! >= lo[srcs[pc]!]!) { pc = targets[pc]!; continue; } break;
      case Op.JSLT32_K: if (lo[d]! < imms[pc]!) { pc = targets[pc]!; continue; } break;
      case Op.JSLT32_X: if (lo[d]! < lo[srcs[pc]!]!) { pc = targets[pc]!; continue; } break;
      case Op.JSLE32_K: if (lo[d]! <= imms[pc]!) { pc = targets[pc]!; continue; } break;
      case Op.JSLE32_X: if (lo[d]! <= lo[srcs[pc]!]!) { pc = targets[pc]!; continue; } break;

      // ---- calls ----
      case Op.CALL_HELPER: {
        const id = imms[pc]!;
        const fn = (id >>> 0) < m.helpers.length ? m.helpers[id] : undefined;
        m.pc = pc;
        m.insnCount = count;
        if (fn === undefined) m.host.unknownHelper(m, id);
        else fn(m);
        if (m.jumpTo >= 0) {
          // a tail call: the target program replaces this frame's program
          pc = m.jumpTo;
          m.jumpTo = -1;
          lo[10] = STACK_BYTES;
          hi[10] = m.stackRegion[m.depth]!;
          continue;
        }
        break;
      }
      case Op.CALL_LOCAL: {
        const depth = m.depth;
        if (depth + 1 >= MAX_CALL_FRAMES) {
          m.pc = pc;
          m.fault(`the call nests deeper than ${MAX_CALL_FRAMES} frames`, 'instruction');
        }
        const save = m.frameSave;
        const base = depth * 10;
        for (let r = 0; r < 5; r++) {
          save[base + r * 2] = lo[6 + r]!;
          save[base + r * 2 + 1] = hi[6 + r]!;
        }
        m.frameReturn[depth] = pc + 1;
        m.depth = depth + 1;
        if (depth + 1 > m.maxDepth) m.maxDepth = depth + 1;
        lo[10] = STACK_BYTES;
        hi[10] = m.stackRegion[depth + 1]!;
        pc = targets[pc]!;
        continue;
      }
      case Op.EXIT:
        if (m.depth === 0) {
          m.insnCount = count;
          return;
        }
        pc = leaveFrame(m);
        continue;

      case Op.UNSUPPORTED:
        m.pc = pc;
        m.fault('this instruction is not supported by ebcc run (kernel function calls, BTF-id and callback loads)', 'instruction');
      // falls through: fault never returns
      default:
        m.pc = pc;
        m.fault(`invalid instruction (opcode byte and fields form no instruction of the ISA)`, 'instruction');
    }
    pc++;
  }
}

/** Returns from a BPF-to-BPF call: restores R6-R10 and gives the return slot. */
function leaveFrame(m: Machine): number {
  const depth = m.depth - 1;
  const save = m.frameSave;
  const base = depth * 10;
  for (let r = 0; r < 5; r++) {
    m.lo[6 + r] = save[base + r * 2]!;
    m.hi[6 + r] = save[base + r * 2 + 1]!;
  }
  m.depth = depth;
  return m.frameReturn[depth]!;
}
