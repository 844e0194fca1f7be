// How state changes: ALU on scalars and pointers (adjust_scalar_min_max_vals,
// adjust_ptr_min_max_vals), loads and stores (register fills and spills, context fields that
// become packet pointers), and what a branch teaches each side (reg_set_min_max,
// find_good_pkt_pointers, NULL checks). Violations are thrown as Rejects.
import type { Insn } from '../bpf/insn.js';
import { SOCK_MAP_TYPES } from '../bpf/maps.js';
import type { OpcodeForm } from '../bpf/opcodes.js';
import { BPF_SOCK_READS, BPF_SOCK_SIZE, BPF_TCP_SOCK_READS, BPF_TCP_SOCK_SIZE, BTF_CTX_TYPES, readSizeOk, SOCK_COMMON_NO_READ } from '../bpf/prog-helpers.js';
import {
  FLIP_OP, REVERSE_OP, S64_MIN, branchTaken, coerceToSize, coerceToSizeSx, constValue, isConst, mark32Unbounded,
  refineBranch, scalarAlu, scalarConst, scalarNeg, scalarText, scalarUnknown, syncBounds, zext32, type CmpOp, type Scalar,
} from './bounds.js';
import {
  BPF_MAX_VAR_OFF, MAX_PACKET_OFF, assertInit, checkCtx, checkPacket, checkRegion, checkStackAlign, checkStackBounds,
  describe, fixSpillSlot,
} from './assertions.js';
import { newId, type Env } from './env.js';
import { checkSpecialFields } from './locks.js';
import { allocAccess } from './alloc.js';
import { Reject } from './reject.js';
import { checkKernelStruct } from './kernel-struct.js';
import { essentialName } from '../bpf/core-relo.js';
import { destroyIfDynptr } from './dynptr.js';
import {
  AT_PKT_END, BEYOND_PKT_END, SLOT_INVALID, SLOT_MISC, SLOT_SPILL, SLOT_ZERO, STACK_SIZE, regsWhere, cloneReg, curFrame,
  isPointer, regConst, regNotInit, regPtr, regScalar, typeText, writableBytes, writableSpill, writableSpills, type Reg, type State,
} from './state.js';
import { tnumAdd, tnumIsConst, tnumSub, tnumText } from './tnum.js';

const OP_NAME: Record<string, string> = {
  add: '+=', sub: '-=', mul: '*=', div: '/=', sdiv: 's/=', or: '|=', and: '&=', lsh: '<<=', rsh: '>>=', mod: '%=',
  smod: 's%=', xor: '^=', mov: '=', arsh: 's>>=',
};

function fp(regno: number): Reject {
  return new Reject('V1025', 'frame pointer is read only', { proven: 'R10 is the frame pointer', needed: 'a copy of R10 in another register' });
}

/** Marks a scalar unknown (keeps nothing). */
function setUnknown(r: Reg): void {
  Object.assign(r, regScalar());
}

/**
 * The immediate of `insn` (the instruction stepInsn decoded, env.insnIdx) as a constant register,
 * zero-extended from 32 bits or sign-extended: made once per instruction, and never to be changed.
 */
function immediateReg(env: Env, insn: Insn, zeroExtend: boolean): Reg {
  const decoded = env.insns[env.insnIdx] === insn ? env.decoded?.[env.insnIdx] : undefined;
  if (decoded?.imm) return decoded.imm;
  const r = regConst(zeroExtend ? BigInt(insn.imm >>> 0) : BigInt(insn.imm));
  if (decoded) decoded.imm = r;
  return r;
}

// ---------------------------------------------------------------------------
// ALU

export function aluInsn(env: Env, st: State, insn: Insn, form: OpcodeForm): void {
  const regs = curFrame(st).regs;
  const alu32 = form.cls === 'alu';
  const dst = insn.dst;
  if (form.kind === 'neg' || form.kind === 'endian' || form.kind === 'bswap') {
    assertInit(regs[dst]!, dst);
    if (dst === 10) throw fp(dst);
    const r = regs[dst]!;
    if (form.kind === 'neg' && r.type === 'scalar') {
      scalarNeg(r.s, alu32);
      r.id = 0;
      return;
    }
    const width = form.endWidth ?? 64;
    if (r.type === 'scalar' && isConst(r.s)) {
      // A constant stays known: swap (or truncate, for little-endian) its low `width` bits.
      let v = r.s.var.v & ((1n << BigInt(width)) - 1n);
      if (form.kind === 'bswap' || form.toBigEndian) {
        let out = 0n;
        for (let k = 0; k < width / 8; k++) out = (out << 8n) | ((v >> BigInt(8 * k)) & 0xffn);
        v = out;
      }
      regs[dst] = regConst(v);
      return;
    }
    setUnknown(r);
    if (form.kind === 'neg') {
      if (alu32) { zext32(r.s); syncBounds(r.s); }
      return;
    }
    if (width < 64) coerceToSize(r.s, width / 8);
    return;
  }
  const op = form.aluOp!;
  if (dst === 10) throw fp(dst);
  if (op === 'mov') {
    if (form.source === 'k') {
      regs[dst] = cloneReg(immediateReg(env, insn, alu32));
      return;
    }
    const src = regs[insn.src]!;
    assertInit(src, insn.src);
    const bits = form.movsxBits;
    if (!alu32) {
      if (bits === undefined) {
        if (src.type === 'scalar' && src.id === 0 && !isConst(src.s)) src.id = newId(env);
        regs[dst] = cloneReg(src);
      } else if (src.type === 'scalar') {
        const r = cloneReg(src);
        r.id = 0;
        r.kptr = false;
        r.kstruct = 0;
        r.untrusted = false;
        r.maybeNull = false;
        coerceToSizeSx(r.s, bits / 8);
        regs[dst] = r;
      } else {
        regs[dst] = regScalar();
      }
      return;
    }
    // 32-bit moves: a pointer becomes an unknown scalar (root); a scalar is zero-extended.
    if (src.type !== 'scalar') {
      const r = regScalar();
      zext32(r.s);
      syncBounds(r.s);
      regs[dst] = r;
      return;
    }
    const r = cloneReg(src);
    r.kptr = false;
    r.kstruct = 0;
    r.untrusted = false;
    if (r.maybeNull) {
      r.maybeNull = false;
      r.id = 0;
    }
    if (bits !== undefined) {
      r.id = 0;
      coerceToSizeSx(r.s, bits / 8);
      zext32(r.s);
      syncBounds(r.s);
    } else {
      if (src.s.umax > 0xffffffffn) r.id = 0;
      else if (src.id === 0 && !isConst(src.s)) { src.id = newId(env); r.id = src.id; }
      zext32(r.s);
      syncBounds(r.s);
    }
    regs[dst] = r;
    return;
  }
  const d = regs[dst]!;
  assertInit(d, dst);
  let srcReg: Reg;
  if (form.source === 'x') {
    srcReg = regs[insn.src]!;
    assertInit(srcReg, insn.src);
  } else {
    if ((op === 'div' || op === 'mod' || op === 'sdiv' || op === 'smod') && insn.imm === 0) {
      throw new Reject('V1025', 'div by zero', { proven: 'the divisor is the constant 0', needed: 'a non-zero divisor' });
    }
    if ((op === 'lsh' || op === 'rsh' || op === 'arsh') && (insn.imm < 0 || insn.imm >= (alu32 ? 32 : 64))) {
      throw new Reject('V1025', `invalid shift ${insn.imm}`, { proven: `a shift by ${insn.imm}`, needed: `a shift by 0..${alu32 ? 31 : 63}` });
    }
    srcReg = immediateReg(env, insn, false);
  }
  if (d.type !== 'scalar' || srcReg.type !== 'scalar') {
    pointerAlu(env, st, insn, op, alu32, dst, d, srcReg, form.source === 'x' ? insn.src : -1);
    return;
  }
  // A kernel object that may be NULL (an iterator's) is a pointer: no arithmetic before the check.
  const orNull = d.maybeNull ? dst : srcReg.maybeNull ? insn.src : -1;
  if (orNull >= 0) {
    const p = regs[orNull]!;
    throw new Reject('V1002', alu32 ? `R${orNull} 32-bit pointer arithmetic prohibited` : `R${orNull} pointer arithmetic on ${typeText(p)} prohibited, null-check it first`, {
      proven: `R${orNull} is ${describe(env, p)}: it may be NULL`,
      needed: 'a NULL check (if (!p) ...) before arithmetic on the pointer',
      notes: p.origin >= 0 ? [{ insn: p.origin, message: 'the pointer that may be NULL comes from here' }] : [],
    });
  }
  const s = alu32 || form.source === 'x' ? srcReg.s : srcReg.s;
  const moved = alu32 ? undefined : kernelStructMoved(op, d, srcReg);
  // The amount a kernel pointer is moved by: the other operand, before the operation.
  const amount = d.kptr ? srcReg : d;
  const varMove = !isConst(amount.s) || amount.kptr || d.kvar || srcReg.kvar;
  scalarAlu(d.s, s, op, alu32);
  d.id = 0;
  // A kernel pointer moved by a number stays one (PTR_TO_BTF_ID + off); other operations make a number.
  const untrusted = (d.kptr && d.untrusted) || (srcReg.kptr && srcReg.untrusted);
  d.kptr = !alu32 && ((op === 'add' && (d.kptr || srcReg.kptr)) || (op === 'sub' && d.kptr && !srcReg.kptr));
  d.kstruct = d.kptr && moved ? moved.struct : 0;
  d.kstructOff = d.kstruct ? moved!.off : 0;
  d.kvar = d.kptr && varMove;
  d.trusted = false;
  d.untrusted = d.kptr && untrusted;
}

/**
 * A kernel pointer of a known struct moved by a constant keeps its struct, at the new offset (the
 * kernel's reg->off); moved by anything else, ebcc no longer knows where it points.
 */
function kernelStructMoved(op: string, d: Reg, src: Reg): { struct: number; off: number } | undefined {
  // The constant as a signed number: `r0 += -8` moves the pointer back (var.v holds 2^64 - 8).
  const constOf = (r: Reg): number | undefined => {
    const v = BigInt.asIntN(64, r.s.var.v);
    return !r.kptr && isConst(r.s) && v >= -(1n << 29n) && v < 1n << 29n ? Number(v) : undefined;
  };
  if (op === 'add' && d.kptr && d.kstruct) {
    const c = constOf(src);
    return c === undefined ? undefined : { struct: d.kstruct, off: d.kstructOff + c };
  }
  if (op === 'add' && src.kptr && src.kstruct) {
    const c = constOf(d);
    return c === undefined ? undefined : { struct: src.kstruct, off: src.kstructOff + c };
  }
  if (op === 'sub' && d.kptr && d.kstruct) {
    const c = constOf(src);
    return c === undefined ? undefined : { struct: d.kstruct, off: d.kstructOff - c };
  }
  return undefined;
}

function pointerAlu(env: Env, st: State, insn: Insn, op: string, alu32: boolean, dstno: number, d: Reg, src: Reg, srcno: number): void {
  const regs = curFrame(st).regs;
  if (d.type !== 'scalar' && src.type !== 'scalar') {
    if (op === 'sub') {
      regs[dstno] = regScalar();
      return;
    }
    throw new Reject('V1014', `R${dstno} pointer ${OP_NAME[op]} pointer prohibited`, {
      proven: `R${dstno} is ${describe(env, d)} and R${srcno} is ${describe(env, src)}`,
      needed: 'pointer + number or pointer - pointer',
    });
  }
  const ptrIsDst = d.type !== 'scalar';
  const ptr = ptrIsDst ? d : src;
  const offReg = ptrIsDst ? src : d;
  if (alu32) {
    if (op === 'sub') {
      const r = regScalar();
      regs[dstno] = r;
      return;
    }
    throw new Reject('V1014', `R${dstno} 32-bit pointer arithmetic prohibited`, {
      proven: `R${dstno} would combine ${describe(env, ptr)} in 32 bits`, needed: '64-bit arithmetic on pointers',
    });
  }
  const ptrno = ptrIsDst ? dstno : srcno;
  if (ptr.maybeNull) {
    throw new Reject('V1002', `R${ptrno} pointer arithmetic on ${typeText(ptr)} prohibited, null-check it first`, {
      proven: `R${ptrno} is ${describe(env, ptr)}: it may be NULL`,
      needed: 'a NULL check (if (!p) ...) before arithmetic on the pointer',
      notes: ptr.origin >= 0 ? [{ insn: ptr.origin, message: 'the pointer that may be NULL comes from here' }] : [],
    });
  }
  const known = tnumIsConst(offReg.s.var);
  const smin = offReg.s.smin;
  switch (ptr.type) {
    case 'ctx': case 'map_value': case 'map_key': case 'stack': case 'pkt_meta': case 'pkt': case 'btf_id': case 'mem': case 'func':
      break;
    case 'flow_keys':
      if (known) break;
      throw prohibited(env, dstno, ptr);
    case 'map_ptr':
      if (known && smin === 0n && op === 'add') break;
      throw prohibited(env, dstno, ptr);
    default:
      throw prohibited(env, dstno, ptr);
  }
  if (op !== 'add' && op !== 'sub') {
    if (op === 'and' || op === 'or' || op === 'xor') {
      throw new Reject('V1014', `R${dstno} bitwise operator ${OP_NAME[op]} on pointer prohibited`, { proven: `R${dstno} is ${describe(env, ptr)}`, needed: 'only + and - on pointers' });
    }
    throw new Reject('V1014', `R${dstno} pointer arithmetic with ${OP_NAME[op]} operator prohibited`, { proven: `R${dstno} is ${describe(env, ptr)}`, needed: 'only + and - on pointers' });
  }
  const pname = typeText(ptr);
  if (known && (smin >= BigInt(BPF_MAX_VAR_OFF) || smin <= -BigInt(BPF_MAX_VAR_OFF))) {
    throw new Reject('V1014', `math between ${pname} pointer and ${smin} is not allowed`, { proven: `an offset of ${smin}`, needed: `offsets within ±${BPF_MAX_VAR_OFF}` });
  }
  if (offReg.s.smin === S64_MIN) {
    throw new Reject(ptr.type === 'pkt' ? 'V1023' : ptr.type === 'map_value' ? 'V1004' : 'V1014',
      `math between ${pname} pointer and register with unbounded min value is not allowed`, {
        proven: `the offset added to the pointer is ${scalarText(offReg.s)}: it may be negative without limit`,
        needed: 'an offset bounded from below (an unsigned type, or a check >= 0) before it is added',
      });
  }
  if (!known && (offReg.s.smin >= BigInt(BPF_MAX_VAR_OFF) || offReg.s.smin <= -BigInt(BPF_MAX_VAR_OFF))) {
    throw new Reject('V1014', `value ${offReg.s.smin} makes ${pname} pointer be out of bounds`, { proven: scalarText(offReg.s), needed: 'a bounded offset' });
  }
  const r = cloneReg(ptr);
  mark32Unbounded(r.s);
  if (op === 'add') {
    const newOff = ptr.off + Number(smin);
    if (known && newOff === (newOff | 0)) {
      r.off = newOff;
    } else {
      addVar(r.s, ptr.s, offReg.s, 'add');
      r.off = ptr.off;
      if (ptr.type === 'pkt' || ptr.type === 'pkt_meta') {
        r.id = newId(env);
        r.range = 0;
      }
    }
  } else {
    if (!ptrIsDst) {
      throw new Reject('V1014', `R${dstno} tried to subtract pointer from scalar`, { proven: `R${dstno} is a number, R${srcno} a pointer`, needed: 'pointer - number' });
    }
    if (ptr.type === 'stack') {
      throw new Reject('V1014', `R${dstno} subtraction from stack pointer prohibited`, {
        proven: `a ${known ? 'constant' : 'variable'} subtracted from a stack pointer`, needed: 'an added (negative) constant offset from the frame pointer',
      });
    }
    const newOff = ptr.off - Number(smin);
    if (known && newOff === (newOff | 0)) {
      r.off = newOff;
    } else {
      addVar(r.s, ptr.s, offReg.s, 'sub');
      r.off = ptr.off;
      if (ptr.type === 'pkt' || ptr.type === 'pkt_meta') {
        r.id = newId(env);
        if (offReg.s.smin < 0n) r.range = 0;
      }
    }
  }
  if (r.off >= BPF_MAX_VAR_OFF || r.off <= -BPF_MAX_VAR_OFF) {
    throw new Reject('V1014', `${pname} pointer offset ${r.off} is not allowed`, { proven: `offset ${r.off}`, needed: `offsets within ±${BPF_MAX_VAR_OFF}` });
  }
  if (r.s.smin >= BigInt(BPF_MAX_VAR_OFF) || r.s.smin <= -BigInt(BPF_MAX_VAR_OFF)) {
    throw new Reject('V1014', `value ${r.s.smin} makes ${pname} pointer be out of bounds`, { proven: scalarText(r.s), needed: 'a bounded offset' });
  }
  syncBounds(r.s);
  regs[dstno] = r;
}

function prohibited(env: Env, regno: number, ptr: Reg): Reject {
  return new Reject('V1014', `R${regno} pointer arithmetic on ${typeText(ptr)} prohibited`, {
    proven: `R${regno} is ${describe(env, ptr)}`,
    needed: ptr.type === 'pkt_end' ? 'compare data + N with data_end instead of computing from data_end' : 'no arithmetic on this kind of pointer',
  });
}

/** The variable part of ptr +/- off (the kernel's signed/unsigned overflow rules). */
function addVar(out: Scalar, p: Scalar, o: Scalar, op: 'add' | 'sub'): void {
  const S64MAX = (1n << 63n) - 1n;
  const U64 = (1n << 64n) - 1n;
  if (op === 'add') {
    const a = p.smin + o.smin, b = p.smax + o.smax;
    [out.smin, out.smax] = a < S64_MIN || b > S64MAX ? [S64_MIN, S64MAX] : [a, b];
    const c = p.umin + o.umin, e = p.umax + o.umax;
    [out.umin, out.umax] = c > U64 || e > U64 ? [0n, U64] : [c, e];
    out.var = tnumAdd(p.var, o.var);
  } else {
    const a = p.smin - o.smax, b = p.smax - o.smin;
    [out.smin, out.smax] = a < S64_MIN || b > S64MAX ? [S64_MIN, S64MAX] : [a, b];
    [out.umin, out.umax] = p.umin < o.umax ? [0n, U64] : [p.umin - o.umax, p.umax - o.umin];
    out.var = tnumSub(p.var, o.var);
  }
}

// ---------------------------------------------------------------------------
// Loads and stores

/** The kernel's struct (or union) of a kernel pointer's type name, ___suffix ignored; 0 when it has none. */
function kernelStructId(k: NonNullable<Env['kernelStructs']>, name: string): number {
  if (name === '') return 0;
  for (const id of k.byName.get(essentialName(name)) ?? []) {
    const t = k.btf[id - 1];
    if (t?.kind === 'struct' || t?.kind === 'union') return id;
  }
  return 0;
}

export interface MemOp {
  regno: number;
  off: number;
  size: number;
  access: 'read' | 'write';
  /** Register stored (STX), or undefined for ST with an immediate. */
  valueReg?: number;
  imm?: number;
  /** Register loaded into (LDX). */
  dst?: number;
  signExtend?: boolean;
}

/** check_mem_access: checks the access and applies its effect on the state. */
export function memAccess(env: Env, st: State, m: MemOp): void {
  const regs = curFrame(st).regs;
  const r = regs[m.regno]!;
  assertInit(r, m.regno);
  const value = m.valueReg !== undefined ? regs[m.valueReg]! : undefined;
  if (value) assertInit(value, m.valueReg!);
  const off = m.off + r.off;
  let result: Reg | undefined;
  if (r.maybeNull) {
    throw new Reject('V1002', `R${m.regno} invalid mem access '${typeText(r)}'`, {
      proven: `R${m.regno} is ${describe(env, r)}: on this path it was not compared with NULL`,
      needed: 'a NULL check (if (!p) return ...;) between the call and the access',
      notes: r.origin >= 0 ? [{ insn: r.origin, message: 'the pointer that may be NULL comes from here' }] : [],
    });
  }
  switch (r.type) {
    case 'map_value': {
      const map = env.maps[r.map]!;
      if (m.access === 'write' && map.readOnly) {
        throw new Reject('V1004', `write into map forbidden, value_size=${map.valueSize} off=${off} size=${m.size}`, {
          proven: `map ${map.name} is read-only for programs`, needed: 'a writable map',
        });
      }
      if (m.access === 'read' && map.writeOnly) {
        throw new Reject('V1004', `read from map forbidden, value_size=${map.valueSize} off=${off} size=${m.size}`, {
          proven: `map ${map.name} is write-only for programs (BPF_F_WRONLY_PROG)`, needed: 'a map that programs may read',
        });
      }
      checkRegion(env, m.regno, r, off, m.size, map.valueSize, false, 'map value');
      checkSpecialFields(map, r, off, m.size);
      if (m.access === 'read') {
        const at = off + Number(r.s.var.v);
        const unknown = map.unknownBytes?.some(([o, n]) => at < o + n && at + m.size > o) ?? false;
        if (map.constBytes && tnumIsConst(r.s.var) && !unknown) {
          let v = 0n;
          for (let k = m.size - 1; k >= 0; k--) v = (v << 8n) | BigInt(map.constBytes[at + k] ?? 0);
          result = regConst(v);
        } else result = regScalar();
      }
      break;
    }
    case 'mem': case 'map_key':
      if (m.access === 'write' && r.rdonly) throw cannotWrite(env, m.regno, r);
      checkRegion(env, m.regno, r, off, m.size, r.memSize, false, 'memory');
      if (m.access === 'read') result = regScalar();
      break;
    case 'ctx': {
      const res = checkCtx(env, m.regno, r, m.off, m.size, m.access);
      if (m.signExtend && res.kind === 'ptr') {
        // A field that holds a pointer (data, data_end, sk, ...) may not be read sign-extended.
        throw new Reject('V1007', `invalid bpf_context access off=${off} size=${m.size}`, {
          proven: `a sign-extending ${m.size}-byte load of a pointer field at offset ${off} of the context`, needed: 'a plain load of the pointer',
        });
      }
      if (m.access === 'read') {
        if (res.kind === 'ptr') {
          const p = res.ptr;
          if (p === 'sock_common_or_null') result = regPtr('sock_common', { maybeNull: true, id: newId(env), origin: env.insnIdx });
          else if (p === 'sock_or_null') result = regPtr('sock', { maybeNull: true, id: newId(env), origin: env.insnIdx });
          else result = regPtr(p, { origin: env.insnIdx });
        } else {
          result = regScalar();
          // An argument of a BTF-typed context: a pointer or a number, ebcc cannot tell which.
          if (m.size === 8 && BTF_CTX_TYPES.includes(env.progType)) {
            result.kptr = true;
            result.trusted = env.ctxArgsTrusted;
            if (env.kernelStructs && off % 8 === 0) result.kstruct = env.kernelStructs.ctxArg(off / 8);
            // An iterator's object (every field after `meta`) is PTR_TO_BTF_ID_OR_NULL: it must
            // be compared with NULL before it is read through or moved.
            if (env.ctxArgsNullable && off >= 8) {
              result.maybeNull = true;
              result.id = newId(env);
              result.origin = env.insnIdx;
            }
          }
        }
      }
      break;
    }
    case 'stack':
      stackAccess(env, st, m, r, off);
      return;
    case 'pkt': case 'pkt_meta':
      if (m.access === 'write' && !env.pktWrite) {
        throw new Reject('V1019', 'cannot write into packet', {
          proven: `R${m.regno} points into the packet of a program of type ${env.progType}`,
          needed: `a program type that may change packet data (xdp, tc, ...)`,
        });
      }
      checkPacket(env, m.regno, r, off, m.size, false);
      if (m.access === 'read') result = regScalar();
      break;
    case 'flow_keys':
      if (off < 0 || off + m.size > 56) {
        throw new Reject('V1099', `invalid access to flow keys off=${off} size=${m.size}`, { proven: `bytes ${off}..${off + m.size}`, needed: 'bytes within struct bpf_flow_keys (56)' });
      }
      if (m.access === 'read') result = regScalar();
      break;
    case 'map_ptr':
      if (m.access === 'write') {
        throw new Reject('V1099', `R${m.regno} cannot write into map_ptr`, { proven: `R${m.regno} is ${describe(env, r)}`, needed: 'read-only access to the map' });
      }
      result = regScalar();
      break;
    case 'sock': case 'sock_common': case 'tcp_sock': case 'btf_id':
      if (r.alloc) {
        result = allocAccess(env, m.regno, r, m.off, m.size, m.access, value);
        break;
      }
      if (m.access === 'write') {
        const message = r.type === 'btf_id' ? 'only read is supported' : `R${m.regno} cannot write into ${typeText(r)}`;
        throw new Reject('V1099', message, { proven: `R${m.regno} is ${describe(env, r)}`, needed: 'read-only access to kernel objects' });
      }
      if (r.type === 'btf_id' && off >= 0 && !(isConst(r.s) && r.s.var.v === 0n)) {
        // check_ptr_to_btf_access: the offset must be constant.
        throw new Reject('V1014', `R${m.regno} is ptr_${r.btf} invalid variable offset: off=${off}, var_off=${tnumText(r.s.var)}`, {
          proven: `R${m.regno} is ${describe(env, r)}: a kernel pointer moved by an amount that is not a constant`,
          needed: 'a kernel pointer moved by constants only; read other fields with bpf_probe_read_kernel()',
        });
      }
      if (off < 0 || (r.type !== 'btf_id' && !sockReadOk(r.type, off, m.size))) {
        throw new Reject('V1099', `R${m.regno} invalid ${typeText(r)} access off=${off} size=${m.size}`, {
          proven: `a ${m.size}-byte read at offset ${off} of R${m.regno}, ${describe(env, r)}`,
          needed: 'a field of the socket struct, read with a size the kernel allows for it',
        });
      }
      if (r.type === 'btf_id' && env.kernelStructs) {
        // check_ptr_to_btf_access: the read must fit the kernel's struct (kernel-struct.ts).
        const kstruct = kernelStructId(env.kernelStructs, r.btf);
        if (kstruct) {
          const found = checkKernelStruct(env, m.regno, { ...r, kstruct, kstructOff: off - m.off }, m.off, m.size);
          result = regScalar();
          if (found.kind !== 'scalar') {
            result.kptr = true;
            if (found.kind === 'ptr') result.kstruct = found.struct;
          }
          break;
        }
      }
      result = regScalar();
      if (r.type === 'btf_id' && m.size === 8) result.kptr = true;
      break;
    case 'scalar':
      if (!r.kptr) throw invalidMemAccess(env, m.regno, r);
      if (r.kvar) {
        // check_ptr_to_btf_access: no variable offset; a number read from the context is no pointer either.
        throw new Reject('V1014', `R${m.regno} is ptr_ invalid variable offset: off=${m.off}`, {
          headline: `R${m.regno} is a kernel pointer moved by a variable amount, which the kernel refuses to read through`,
          proven: `R${m.regno} is a value read from a BTF-typed context or kernel object, plus an amount that is not a constant`,
          needed: 'a kernel pointer moved by constants only; read other fields with bpf_probe_read_kernel()',
        });
      }
      if (m.access === 'write') {
        throw new Reject('V1099', 'only read is supported', {
          proven: `R${m.regno} is a value read from a BTF-typed context or kernel object`, needed: 'read-only access to kernel objects',
        });
      }
      if (r.kstruct && env.kernelStructs) {
        const found = checkKernelStruct(env, m.regno, r, m.off, m.size);
        // A scalar member reads a number; a pointer to a struct, a kernel pointer to that struct.
        if (found.kind === 'scalar') {
          result = regScalar();
          break;
        }
        result = regScalar();
        result.kptr = true;
        result.untrusted = r.untrusted;
        if (found.kind === 'ptr') result.kstruct = found.struct;
        break;
      }
      result = regScalar();
      if (m.size === 8) {
        result.kptr = true;
        result.untrusted = r.untrusted;
      }
      break;
    default:
      throw invalidMemAccess(env, m.regno, r);
  }
  if (result && m.dst !== undefined) {
    if (result.type === 'scalar' && m.size < 8) {
      if (m.signExtend) coerceToSizeSx(result.s, m.size);
      else coerceToSize(result.s, m.size);
    }
    regs[m.dst] = result;
  }
}

function cannotWrite(env: Env, regno: number, r: Reg): Reject {
  return new Reject('V1099', `R${regno} cannot write into ${typeText(r)}`, {
    proven: `R${regno} is ${describe(env, r)}, read-only memory (a bpf_dynptr_slice() result)`,
    needed: 'bpf_dynptr_slice_rdwr() for memory the program writes',
  });
}

function invalidMemAccess(env: Env, regno: number, r: Reg): Reject {
  return new Reject(r.type === 'scalar' ? 'V1001' : 'V1099', `R${regno} invalid mem access '${typeText(r)}'`, {
    proven: `R${regno} is ${describe(env, r)}, not a pointer the program may dereference`,
    needed: 'a pointer (to the packet after a bounds check, a map value after a NULL check, the stack, or the context)',
  });
}

function stackAccess(env: Env, st: State, m: MemOp, r: Reg, off: number): void {
  checkStackAlign(m.regno, r, m.off, m.size);
  const { min, max } = checkStackBounds(m.regno, r, m.off, m.size, m.access);
  const f = st.frames[r.frame]!;
  f.depth = Math.max(f.depth, -min);
  const regs = curFrame(st).regs;
  // A store over a dynptr's slot destroys it (destroy_if_dynptr_stack_slot).
  if (m.access === 'write') for (let a = min & ~7; a < max + m.size; a += 8) destroyIfDynptr(env, st, f, (a + STACK_SIZE) >> 3);
  if (min !== max) {
    // Variable offset: writes make every byte they may touch STACK_MISC; reads give an unknown.
    if (m.access === 'write') {
      for (let a = min; a < max + m.size; a++) {
        const i = a + STACK_SIZE;
        const zero = m.imm === 0 || (m.valueReg !== undefined && isZeroReg(regs[m.valueReg]!));
        if (!(zero && f.bytes[i] === SLOT_ZERO)) writableBytes(f)[i] = SLOT_MISC;
        fixSpillSlot(f, i);
      }
    } else if (m.dst !== undefined) {
      const res = regScalar();
      if (m.size < 8) coerceToSize(res.s, m.size);
      regs[m.dst] = res;
    }
    return;
  }
  const a = min;
  const i = a + STACK_SIZE;
  const spi = i >> 3;
  if (m.access === 'write') {
    const value = m.valueReg !== undefined ? regs[m.valueReg]! : undefined;
    const aligned = (i & 7) === 0;
    if (value && aligned && value.type === 'scalar') {
      // check_stack_write_fixed_off: a spill that holds the whole value links the slot and the
      // register (assign_scalar_id_before_mov), so a later branch on either bounds both; a
      // narrowing spill breaks the link.
      const fits = m.size === 8 || value.s.umax < 1n << BigInt(m.size * 8);
      if (fits && value.id === 0 && !isConst(value.s)) value.id = newId(env);
      saveSpill(f, spi, value, m.size);
      if (!fits) writableSpill(f, spi).id = 0;
    } else if (!value && aligned && m.imm !== undefined) {
      saveSpill(f, spi, regConst(BigInt(m.imm)), m.size);
    } else if (value && isPointer(value)) {
      if (m.size !== 8) {
        throw new Reject('V1011', 'invalid size of register spill', {
          proven: `R${m.valueReg} holds ${describe(env, value)} and is stored with ${m.size} bytes`,
          needed: 'pointers stored to the stack whole, 8 bytes at an aligned slot',
        });
      }
      if (r.frame !== st.frames.length - 1 && value.type === 'stack') {
        throw new Reject('V1011', 'cannot spill pointers to stack into stack frame of the caller', { proven: 'a stack pointer stored into the caller\'s frame' });
      }
      saveSpill(f, spi, value, 8);
    } else {
      const zero = (value && isZeroReg(value)) || (!value && m.imm === 0);
      const kind = zero ? SLOT_ZERO : SLOT_MISC;
      const wasSpill = f.spills[spi] !== undefined;
      if (wasSpill) writableSpills(f)[spi] = undefined;
      const bytes = writableBytes(f);
      if (wasSpill) for (let k = 0; k < 8; k++) if (bytes[(spi << 3) + k] === SLOT_SPILL) bytes[(spi << 3) + k] = SLOT_MISC;
      for (let k = 0; k < m.size; k++) bytes[i + k] = kind;
    }
    return;
  }
  // Reads.
  const sp = f.spills[spi];
  const dst = m.dst;
  if ((sp?.type === 'iter' || sp?.type === 'dynptr') && f.bytes[spi << 3] === SLOT_SPILL) {
    throw new Reject('V1011', `invalid read from stack off ${a}+0 size ${m.size}`, {
      proven: sp.type === 'iter' ? `stack slot ${a & ~7} holds an iterator (struct ${sp.btf})` : `stack slot ${a & ~7} holds a ${sp.btf} dynptr`,
      needed: sp.type === 'iter' ? 'iterators used only through their kfuncs' : 'dynptrs used only through their helpers and kfuncs',
    });
  }
  if (sp && f.bytes[spi << 3] === SLOT_SPILL) {
    let spillSize = 0;
    for (let k = 0; k < 8 && f.bytes[(spi << 3) + k] === SLOT_SPILL; k++) spillSize++;
    if (m.size === 8 && spillSize === 8) {
      if (dst !== undefined) regs[dst] = cloneReg(sp);
      return;
    }
    if (sp.type !== 'scalar') {
      throw new Reject('V1011', 'invalid size of register fill', {
        proven: `stack slot ${a} holds a spilled ${describe(env, sp)}; it is read with ${m.size} bytes`,
        needed: 'pointers read back from the stack whole (8 bytes)',
      });
    }
    if (dst === undefined) return;
    if (m.size <= spillSize && (i & 7) === 0) {
      const res = cloneReg(sp);
      if (m.size * 8 < 64 && sp.s.umax >= 1n << BigInt(m.size * 8)) res.id = 0;
      if (m.size < 8) {
        if (m.signExtend) coerceToSizeSx(res.s, m.size);
        else coerceToSize(res.s, m.size);
      }
      regs[dst] = res;
      return;
    }
    let spills = 0, zeros = 0;
    for (let k = 0; k < m.size; k++) {
      const t = f.bytes[i + k];
      if (t === SLOT_SPILL) spills++;
      else if (t === SLOT_ZERO) zeros++;
    }
    const res = (spills === m.size && isConst(sp.s) && sp.s.var.v === 0n) || zeros === m.size ? regConst(0n) : regScalar();
    if (res.type === 'scalar' && !isConst(res.s) && m.size < 8) coerceToSize(res.s, m.size);
    regs[dst] = res;
    return;
  }
  let zeros = 0;
  for (let k = 0; k < m.size; k++) if (f.bytes[i + k] === SLOT_ZERO) zeros++;
  if (dst === undefined) return;
  const res = zeros === m.size ? regConst(0n) : regScalar();
  if (!isConst(res.s) && m.size < 8) {
    if (m.signExtend) coerceToSizeSx(res.s, m.size);
    else coerceToSize(res.s, m.size);
  }
  regs[dst] = res;
}

function isZeroReg(r: Reg): boolean {
  return r.type === 'scalar' && isConst(r.s) && r.s.var.v === 0n;
}

function saveSpill(f: State['frames'][number], spi: number, value: Reg, size: number): void {
  const base = spi << 3;
  writableSpills(f)[spi] = cloneReg(value);
  const bytes = writableBytes(f);
  for (let k = 0; k < size; k++) bytes[base + k] = SLOT_SPILL;
  for (let k = size; k < 8; k++) {
    const t = bytes[base + k];
    if (t === SLOT_SPILL) bytes[base + k] = SLOT_MISC;
    else if (t !== SLOT_ZERO && t !== SLOT_INVALID) bytes[base + k] = SLOT_MISC;
  }
}

// ---------------------------------------------------------------------------
// Branches

export interface BranchResult {
  /** -1: both, 0: only fall-through, 1: only the jump. */
  taken: -1 | 0 | 1;
  /** The state for the jump target (when taken is -1 or 1). */
  other: State | undefined;
}

/**
 * reg_not_null: the pointer types a comparison with 0 decides. The context, stack and packet
 * pointers are not among them: both sides of `if (ctx == 0)` are explored.
 */
const notNullTypes = new Set(['map_value', 'map_key', 'sock', 'sock_common', 'tcp_sock', 'mem', 'map_ptr', 'btf_id']);

function pktBranchTaken(dst: Reg, src: Reg, op: CmpOp): -1 | 0 | 1 {
  let pkt: Reg;
  if (src.type === 'pkt_end') pkt = dst;
  else if (dst.type === 'pkt_end') { pkt = src; op = FLIP_OP[op]; }
  else return -1;
  if (pkt.range >= 0) return -1;
  switch (op) {
    case 'jle': case 'jgt':
      if (pkt.range === BEYOND_PKT_END) return op === 'jgt' ? 1 : 0;
      break;
    case 'jlt': case 'jge':
      if (pkt.range === BEYOND_PKT_END || pkt.range === AT_PKT_END) return op === 'jge' ? 1 : 0;
      break;
  }
  return -1;
}

function isPkt(r: Reg): boolean {
  return r.type === 'pkt' || r.type === 'pkt_meta' || r.type === 'pkt_end';
}

/** is_branch_taken over registers of any type. */
function taken(d: Reg, s: Reg, op: CmpOp, bits32: boolean): -1 | 0 | 1 {
  if (isPkt(d) && isPkt(s) && !bits32) return pktBranchTaken(d, s, op);
  if (isPointer(d) || isPointer(s)) {
    let p = d, k = s;
    if (!(k.type === 'scalar' && isConst(k.s, bits32))) { [p, k] = [s, d]; op = FLIP_OP[op]; }
    if (!(k.type === 'scalar' && isConst(k.s, bits32))) return -1;
    if (constValue(k.s, bits32) !== 0n) return -1;
    if (p.maybeNull || !notNullTypes.has(p.type)) return -1;
    if (op === 'jeq') return 0;
    if (op === 'jne') return 1;
    return -1;
  }
  return branchTaken(d.s, s.s, op, bits32);
}

function findGoodPktPointers(st: State, dst: Reg, type: string, rightOpen: boolean): void {
  if (dst.off < 0 || (dst.off === 0 && rightOpen)) return;
  if (dst.s.umax > BigInt(MAX_PACKET_OFF) || dst.s.umax + BigInt(dst.off) > BigInt(MAX_PACKET_OFF)) return;
  let range = dst.off;
  if (rightOpen) range++;
  const regs = regsWhere(st, (r) => r.type === type && r.id === dst.id);
  for (let i = 0; i < regs.length; i++) {
    const r = regs[i]!;
    r.range = Math.max(r.range, range);
  }
}

function markPktEnd(st: State, regno: number, rangeOpen: boolean): void {
  const r = curFrame(st).regs[regno]!;
  r.range = rangeOpen ? BEYOND_PKT_END : AT_PKT_END;
}

function initPkt(r: Reg, type: string): boolean {
  return r.type === type && r.off === 0 && r.s.var.m === 0n && r.s.var.v === 0n;
}

function matchPktPointers(thisSt: State, other: State, insn: Insn, op: CmpOp, d: Reg, s: Reg): boolean {
  const dstno = insn.dst, srcno = insn.src;
  const od = curFrame(other).regs[dstno]!, os = curFrame(other).regs[srcno]!;
  const left = (d.type === 'pkt' && s.type === 'pkt_end') || (d.type === 'pkt_meta' && initPkt(s, 'pkt'));
  const right = (d.type === 'pkt_end' && s.type === 'pkt') || (initPkt(d, 'pkt') && s.type === 'pkt_meta');
  switch (op) {
    case 'jgt':
      if (left) { findGoodPktPointers(thisSt, d, d.type, false); markPktEnd(other, dstno, true); }
      else if (right) { findGoodPktPointers(other, os, s.type, true); markPktEnd(thisSt, srcno, false); }
      else return false;
      return true;
    case 'jlt':
      if (left) { findGoodPktPointers(other, od, d.type, true); markPktEnd(thisSt, dstno, false); }
      else if (right) { findGoodPktPointers(thisSt, s, s.type, false); markPktEnd(other, srcno, true); }
      else return false;
      return true;
    case 'jge':
      if (left) { findGoodPktPointers(thisSt, d, d.type, true); markPktEnd(other, dstno, false); }
      else if (right) { findGoodPktPointers(other, os, s.type, false); markPktEnd(thisSt, srcno, true); }
      else return false;
      return true;
    case 'jle':
      if (left) { findGoodPktPointers(other, od, d.type, false); markPktEnd(thisSt, dstno, true); }
      else if (right) { findGoodPktPointers(thisSt, s, s.type, true); markPktEnd(other, srcno, false); }
      else return false;
      return true;
    default:
      return false;
  }
}

/** mark_ptr_or_null_regs: every copy of the pointer with this id becomes NULL or non-NULL. */
function markPtrOrNull(env: Env, st: State, id: number, isNull: boolean): void {
  if (id === 0) return;
  const regs = regsWhere(st, (r) => r.maybeNull && r.id === id);
  for (let i = 0; i < regs.length; i++) {
    const r = regs[i]!;
    if (isNull) {
      // A NULL acquired object releases its reference; a NULL pointer derived from a held one
      // (bpf_sk_fullsock, bpf_tcp_sock: made elsewhere than the reference) does not.
      const refId = r.refId;
      const acquiredHere = st.refs.some((x) => x.id === refId && x.insn === r.origin);
      Object.assign(r, regConst(0n));
      if (refId && acquiredHere) st.refs = st.refs.filter((x) => x.id !== refId);
    } else {
      r.maybeNull = false;
      if (r.type === 'map_value' && r.memSize === -1) r.type = 'map_ptr';
      // mark_ptr_not_null_reg: what a sockmap or sockhash holds is a socket.
      const m = r.type === 'map_value' ? env.maps[r.map] : undefined;
      if (m && SOCK_MAP_TYPES.includes(m.typeName)) r.type = 'sock';
      // The id stays on a value that holds a bpf_spin_lock: it names the lock (reg_may_point_to_spin_lock).
      if (!r.refId && !(r.type === 'map_value' && env.maps[r.map]?.spinLockOff !== undefined)) r.id = 0;
    }
  }
}

function syncLinked(st: State, r: Reg): void {
  if (r.type !== 'scalar' || r.id === 0) return;
  const regs = regsWhere(st, (x) => x !== r && x.type === 'scalar' && x.id === r.id);
  for (let i = 0; i < regs.length; i++) {
    const x = regs[i]!;
    x.s = { ...r.s };
  }
}

/** check_cond_jmp_op: decides which sides are possible and refines both. `cloneState` makes the jump side. */
export function condJump(env: Env, st: State, insn: Insn, form: OpcodeForm, cloneSt: (s: State) => State): BranchResult {
  const regs = curFrame(st).regs;
  const bits32 = form.cls === 'jmp32';
  const op = form.jmpOp! as CmpOp;
  const d = regs[insn.dst]!;
  assertInit(d, insn.dst);
  let s: Reg;
  if (form.source === 'x') {
    s = regs[insn.src]!;
    assertInit(s, insn.src);
  } else {
    s = immediateReg(env, insn, bits32);
  }
  const pred = taken(d, s, op, bits32);
  if (pred === 1 || pred === 0) return { taken: pred, other: pred === 1 ? st : undefined };
  const other = cloneSt(st);
  const oregs = curFrame(other).regs;
  const od = oregs[insn.dst]!;
  const os = form.source === 'x' ? oregs[insn.src]! : cloneReg(s);
  if (d.type === 'scalar' && s.type === 'scalar') {
    const fs = form.source === 'x' ? s : cloneReg(s);
    refineBranch(od.s, os.s, op, bits32);
    refineBranch(d.s, fs.s, REVERSE_OP[op], bits32);
    if (form.source === 'x') { syncLinked(st, s); syncLinked(other, os); }
    syncLinked(st, d);
    syncLinked(other, od);
  }
  if (!bits32 && form.source === 'x' && isPointer(d) && isPointer(s) && d.maybeNull !== s.maybeNull) {
    const eq = op === 'jeq' ? other : op === 'jne' ? st : undefined;
    if (eq) {
      const nullReg = curFrame(eq).regs[d.maybeNull ? insn.dst : insn.src]!;
      markPtrOrNull(env, eq, nullReg.id, false);
    }
  }
  if (!bits32 && form.source === 'k' && insn.imm === 0 && (op === 'jeq' || op === 'jne') && d.maybeNull) {
    const id = d.id;
    markPtrOrNull(env, st, id, op === 'jne');
    markPtrOrNull(env, other, id, op === 'jeq');
  } else if (!bits32 && form.source === 'x') {
    matchPktPointers(st, other, insn, op, d, s);
  }
  return { taken: -1, other };
}

export { regNotInit };

/** Whether a read of a socket struct (bpf_sock, its sock_common part, bpf_tcp_sock) is one the kernel allows. */
function sockReadOk(type: 'sock' | 'sock_common' | 'tcp_sock', off: number, size: number): boolean {
  if (off % size !== 0) return false;
  if (type === 'tcp_sock') return off + size <= BPF_TCP_SOCK_SIZE && readSizeOk(BPF_TCP_SOCK_READS, off, size);
  if (type === 'sock_common' && SOCK_COMMON_NO_READ.some(([o, n]) => off >= o && off < o + n)) return false;
  return off < BPF_SOCK_SIZE && readSizeOk(BPF_SOCK_READS, off, size);
}
