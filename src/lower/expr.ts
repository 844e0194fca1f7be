// Lowering of typed expressions to IR. Values are canonical (see ir.ts):
// narrow values are zero-extended bit patterns, so loads and 32-bit ALU ops
// need no extra instructions, and sign extension is explicit.
import { ctxLayout, type CtxField } from '../bpf/ctx-layouts.js';
import { STACK_LIMIT_BYTES } from '../bpf/limits.js';
import type { Span } from '../diag/source.js';
import type { Address, AluOp, BlockId, CmpOp, Operand, VReg } from '../ir/ir.js';
import { imm, internString, reg, swappedCmp } from '../ir/ir.js';
import { STRING_SECTION } from '../bpf/object.js';
import type { ArithOp, CompareOp, LocalVar, TExpr, TInit, TInitEntry } from '../sema/program.js';
import { isGlobalData } from '../sema/program.js';
import { tryEval } from '../sema/const-eval.js';
import { sourceBitField } from '../sema/convert.js';
import * as T from '../sema/types.js';
import { lowerBuiltin, copyMemory } from './builtins.js';
import { addrOffset, aluBits, emit, homeOf, isSigned, jumpTo, memSize, newBlock, newVReg, startBlock, terminate, toReg, type Lowerer, type VarHome } from './builder.js';
import { lowerCall } from './call.js';
import { lowerStmt } from './stmt.js';

/** Where an lvalue lives: a variable's register, or memory (with bit-field placement). */
export type LValue =
  | { kind: 'var'; reg: VReg; type: T.CType }
  | {
    kind: 'mem'; addr: Address; type: T.CType; bitOffset?: number; bitWidth?: number;
    /** a bit-field of a packed record: it owns exactly the bytes its bits cover */
    packed?: boolean;
    /** the address's known alignment when it is less than the type's (members of packed records) */
    align?: number;
  };

function canonical(value: bigint, t: T.CType): bigint {
  const size = T.sizeOf(t) ?? 8;
  return BigInt.asUintN(Math.min(8, size) * 8, value);
}

export function lowerExpr(l: Lowerer, e: TExpr): Operand {
  switch (e.kind) {
    case 'Const':
      return imm(canonical(e.value, e.type));
    case 'Local':
    case 'Member':
    case 'Deref':
    case 'CompoundLit':
      return loadLValue(l, lowerLValue(l, e));
    case 'Global':
      return lowerGlobalValue(l, e);
    case 'FuncRef': {
      if (!e.sym.def && e.sym.section === '.ksyms') {
        // A kernel function's address (bpf_ksym_exists): an ld_imm64 relocated against its
        // undefined symbol, which libbpf resolves from the kernel's BTF, or to 0 when a __weak
        // one is missing.
        const dst = newVReg(l);
        emit(l, { op: 'dataaddr', dst, symbol: e.sym.name, span: l.span });
        return reg(dst);
      }
      if (!e.sym.def) {
        l.ctx.diags.error('E5002', `the address of function '${e.sym.name}' is taken, but it is not defined in this file: a BPF callback must be a function of the program`, e.span);
        return imm(0);
      }
      const dst = newVReg(l);
      emit(l, { op: 'funcaddr', dst, func: e.sym.name, span: l.span });
      return reg(dst);
    }
    case 'Unary':
      return lowerUnary(l, e);
    case 'Arith':
      return lowerArith(l, e.op, e.type, lowerExpr(l, e.left), lowerExpr(l, e.right), e.span, isNonNegative(e.left) && isNonNegative(e.right));
    case 'Compare':
    case 'Logical':
      return boolValue(l, e);
    case 'PtrAdd':
      return ptrAdd(l, lowerExpr(l, e.ptr), e.index, e.elemSize);
    case 'PtrDiff': {
      const diff = alu(l, 'sub', 64, lowerExpr(l, e.left), lowerExpr(l, e.right));
      if (e.elemSize === 1) return diff;
      return exactSignedDiv(l, diff, e.elemSize);
    }
    case 'Cond':
      return lowerCondExpr(l, e);
    case 'Cast':
      return convert(l, lowerExpr(l, e.operand), e.operand.type, e.type);
    case 'Assign':
      return lowerAssign(l, e);
    case 'CompoundAssign':
      return lowerCompoundAssign(l, e);
    case 'IncDec':
      return lowerIncDec(l, e);
    case 'Call':
    case 'HelperCall':
      return lowerCall(l, e) ?? imm(0);
    case 'Builtin':
      return lowerBuiltin(l, e);
    case 'AddrOf':
      return addressOf(l, e.operand);
    case 'Decay':
      return addressOf(l, e.operand);
    case 'StringLit':
      return addressOf(l, e);
    case 'Comma': {
      let last: Operand = imm(0);
      for (const x of e.exprs) last = lowerExpr(l, x);
      return last;
    }
    case 'StmtExpr': {
      for (const st of e.body) lowerStmt(l, st);
      return e.result ? lowerExpr(l, e.result) : imm(0);
    }
    default: {
      const never: never = e;
      return never;
    }
  }
}

function lowerGlobalValue(l: Lowerer, e: TExpr & { kind: 'Global' }): Operand {
  const g = e.sym;
  if (g.role === 'const' && g.init?.kind === 'Scalar') return lowerExpr(l, g.init.expr);
  if (isGlobalData(g)) return loadLValue(l, dataLValue(l, e));
  if (g.role === 'map' || g.role === 'legacy-map') {
    const r = newVReg(l);
    emit(l, { op: 'mapaddr', dst: r, map: g.name, span: l.span });
    return reg(r);
  }
  l.ctx.diags.error('E5003', `'${g.name}' has no storage a BPF program can read: only maps and constants are available`, e.span);
  return imm(0);
}

/** A variable in a data section (.rodata, .data, .bss) as memory: its address comes from an ld_imm64 the loader patches. */
function dataLValue(l: Lowerer, e: TExpr & { kind: 'Global' }): LValue {
  const r = newVReg(l);
  emit(l, { op: 'dataaddr', dst: r, symbol: e.sym.name, span: l.span });
  return { kind: 'mem', addr: { kind: 'reg', reg: r, off: 0 }, type: e.type };
}

/** A string literal as memory: its bytes in .rodata.str1.1, addressed by section offset. */
function stringLValue(l: Lowerer, e: TExpr & { kind: 'StringLit' }): LValue {
  const r = newVReg(l);
  emit(l, { op: 'dataaddr', dst: r, symbol: STRING_SECTION, off: internString(l.strings, e.bytes), span: l.span });
  return { kind: 'mem', addr: { kind: 'reg', reg: r, off: 0 }, type: e.type };
}

export function alu(l: Lowerer, op: AluOp, bits: 32 | 64, a: Operand, b: Operand): Operand {
  const dst = newVReg(l);
  emit(l, { op: 'alu', alu: op, bits, dst, a, b, span: l.span });
  return reg(dst);
}

const ARITH_TO_ALU: Record<ArithOp, AluOp> = { add: 'add', sub: 'sub', mul: 'mul', div: 'div', rem: 'mod', shl: 'lsh', shr: 'rsh', and: 'and', or: 'or', xor: 'xor' };

/**
 * Whether a signed expression can never be negative: an unsigned value
 * narrower than int promoted to int, or a non-negative constant. Signed
 * division of such operands is unsigned division, which BPF has before v4.
 */
function isNonNegative(e: TExpr): boolean {
  if (e.kind === 'Const') return BigInt.asIntN((T.sizeOf(e.type) ?? 8) * 8, e.value) >= 0n;
  if (e.kind === 'Cast') {
    const from = e.operand.type;
    const field = sourceBitField(e.operand);
    if (field && !isSigned(from) && T.isInteger(e.type) && field.bitWidth < (T.sizeOf(e.type) ?? 8) * 8) return true;
    if (!T.isInteger(from) || (T.sizeOf(from) ?? 8) > (T.sizeOf(e.type) ?? 8)) return false;
    // Widening keeps the value: unsigned narrower values, and signed ones that are non-negative.
    if (!isSigned(from)) return (T.sizeOf(from) ?? 8) < (T.sizeOf(e.type) ?? 8);
    return isNonNegative(e.operand);
  }
  // bpf_ntohs(x) is `__builtin_constant_p(x) ? constant swap : __builtin_bswap16(x)`.
  if (e.kind === 'Cond') return isNonNegative(e.then) && isNonNegative(e.else);
  if (e.kind === 'Arith' && e.op === 'and') return isNonNegative(e.left) || isNonNegative(e.right);
  return false;
}

export function lowerArith(l: Lowerer, op: ArithOp, type: T.CType, a: Operand, b: Operand, span: Span, operandsNonNegative = false): Operand {
  const bits = aluBits(type);
  let aop = ARITH_TO_ALU[op];
  const signed = isSigned(type) && !((op === 'div' || op === 'rem') && operandsNonNegative);
  if (op === 'shr' && signed) aop = 'arsh';
  if ((op === 'div' || op === 'rem') && signed) {
    // Before -mcpu=v4 this is an error only if it is still there after optimisation
    // (checkSignedDivision), as with clang: a remainder whose result is never used, or only
    // compared in a way that folds, needs no division.
    const dst = newVReg(l);
    emit(l, { op: 'alu', alu: op === 'div' ? 'sdiv' : 'smod', bits, dst, a, b, span });
    return reg(dst);
  }
  if (op === 'shl' || op === 'shr') b = convert(l, b, T.INT, T.UINT);
  return alu(l, aop, bits, a, b);
}

/**
 * `value / divisor` for a signed 64-bit `value` that is an exact multiple of `divisor` (a pointer
 * difference, C11 6.5.6p9): an arithmetic shift by the divisor's power of two, then a multiply by
 * the inverse of its odd part modulo 2^64. Exact, branch-free, and needs no signed division.
 */
function exactSignedDiv(l: Lowerer, value: Operand, divisor: number): Operand {
  let d = BigInt(divisor);
  let shift = 0n;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    shift++;
  }
  let v = shift > 0n ? alu(l, 'arsh', 64, value, imm(shift)) : value;
  if (d === 1n) return v;
  // Newton's iteration for the inverse of an odd number: each step doubles the correct low bits.
  let inv = d;
  for (let i = 0; i < 6; i++) inv = BigInt.asUintN(64, inv * (2n - d * inv));
  v = alu(l, 'mul', 64, v, imm(inv));
  return v;
}

function lowerUnary(l: Lowerer, e: TExpr & { kind: 'Unary' }): Operand {
  if (e.op === 'lognot') return boolValue(l, e);
  const v = lowerExpr(l, e.operand);
  const bits = aluBits(e.type);
  if (e.op === 'neg') {
    if (v.kind === 'imm') return imm(canonical(-v.value, e.type));
    const dst = newVReg(l);
    emit(l, { op: 'neg', bits, dst, a: toReg(l, v), span: l.span });
    return reg(dst);
  }
  return alu(l, 'xor', bits, v, imm(bits === 64 ? 0xffffffffffffffffn : 0xffffffffn));
}

function ptrAdd(l: Lowerer, p: Operand, index: TExpr, elemSize: number): Operand {
  const idx = lowerExpr(l, index);
  if (idx.kind === 'imm') {
    const delta = BigInt.asIntN(64, idx.value) * BigInt(elemSize);
    if (delta === 0n) return p;
    return alu(l, 'add', 64, p, imm(BigInt.asUintN(64, delta)));
  }
  let scaled: Operand = idx;
  if (elemSize !== 1) {
    const shift = Math.log2(elemSize);
    scaled = Number.isInteger(shift) ? alu(l, 'lsh', 64, idx, imm(shift)) : alu(l, 'mul', 64, idx, imm(elemSize));
  }
  return alu(l, 'add', 64, p, scaled);
}

/** Converts a canonical value of type `from` to the canonical value of type `to` (C11 6.3.1). */
export function convert(l: Lowerer, v: Operand, from: T.CType, to: T.CType): Operand {
  const dst = T.strip(to);
  if (dst.kind === 'void') return v;
  if (dst.kind === 'int' && dst.isBool) {
    const src = T.strip(from);
    if (src.kind === 'int' && src.isBool) return v;
    if (v.kind === 'imm') return imm(v.value === 0n ? 0 : 1);
    return boolOf(l, toReg(l, v), aluBits(from));
  }
  const fromSize = Math.min(8, T.sizeOf(from) ?? 8);
  const toSize = Math.min(8, T.sizeOf(to) ?? 8);
  if (v.kind === 'imm') {
    let value = v.value;
    if (isSigned(from)) value = BigInt.asIntN(fromSize * 8, value);
    return imm(BigInt.asUintN(toSize * 8, value));
  }
  if (toSize === fromSize) return v;
  if (toSize > fromSize) {
    if (!isSigned(from)) return v;
    const dstReg = newVReg(l);
    emit(l, { op: 'sext', bits: toSize === 8 ? 64 : 32, fromBits: (fromSize * 8) as 8 | 16 | 32, dst: dstReg, src: v.reg, span: l.span });
    if (toSize === 2) return alu(l, 'and', 32, reg(dstReg), imm(0xffff));
    return reg(dstReg);
  }
  // Narrowing keeps the low bits.
  if (toSize === 4) {
    const r = newVReg(l);
    emit(l, { op: 'mov', bits: 32, dst: r, src: v, span: l.span });
    return reg(r);
  }
  return alu(l, 'and', 32, v, imm(toSize === 2 ? 0xffff : 0xff));
}

function boolOf(l: Lowerer, r: VReg, bits: 32 | 64): Operand {
  return materialize(l, (t, f) => terminate(l, { op: 'br', cmp: 'ne', bits, a: r, b: imm(0), then: t, else: f, span: l.span }));
}

/** Produces 0 or 1 in a register from a branch emitter. */
export function materialize(l: Lowerer, branch: (whenTrue: BlockId, whenFalse: BlockId) => void): Operand {
  const result = newVReg(l);
  const t = newBlock(l);
  const f = newBlock(l);
  const join = newBlock(l);
  branch(t, f);
  startBlock(l, t);
  emit(l, { op: 'mov', bits: 64, dst: result, src: imm(1), span: l.span });
  jumpTo(l, join);
  startBlock(l, f);
  emit(l, { op: 'mov', bits: 64, dst: result, src: imm(0), span: l.span });
  jumpTo(l, join);
  startBlock(l, join);
  return reg(result);
}

function boolValue(l: Lowerer, e: TExpr): Operand {
  return materialize(l, (t, f) => lowerCond(l, e, t, f));
}

const SIGNED_CMP: Record<CompareOp, CmpOp> = { eq: 'eq', ne: 'ne', lt: 'slt', le: 'sle', gt: 'sgt', ge: 'sge' };
const UNSIGNED_CMP: Record<CompareOp, CmpOp> = { eq: 'eq', ne: 'ne', lt: 'lt', le: 'le', gt: 'gt', ge: 'ge' };

/** Lowers a controlling expression straight into branches. */
export function lowerCond(l: Lowerer, e: TExpr, whenTrue: BlockId, whenFalse: BlockId): void {
  switch (e.kind) {
    case 'Compare': {
      let a = lowerExpr(l, e.left);
      let b = lowerExpr(l, e.right);
      let cmp = (isSigned(e.left.type) ? SIGNED_CMP : UNSIGNED_CMP)[e.op];
      const bits = aluBits(e.left.type);
      if (a.kind === 'imm' && b.kind === 'imm') {
        const x = isSigned(e.left.type) ? BigInt.asIntN(bits, a.value) : a.value;
        const y = isSigned(e.left.type) ? BigInt.asIntN(bits, b.value) : b.value;
        const ok = { eq: x === y, ne: x !== y, lt: x < y, le: x <= y, gt: x > y, ge: x >= y }[e.op];
        jumpTo(l, ok ? whenTrue : whenFalse);
        return;
      }
      if (a.kind === 'imm') {
        [a, b] = [b, a];
        cmp = swappedCmp(cmp);
      }
      terminate(l, { op: 'br', cmp, bits, a: (a as { reg: VReg }).reg, b, then: whenTrue, else: whenFalse, span: l.span });
      return;
    }
    case 'Logical': {
      const mid = newBlock(l);
      if (e.op === 'and') lowerCond(l, e.left, mid, whenFalse);
      else lowerCond(l, e.left, whenTrue, mid);
      startBlock(l, mid);
      lowerCond(l, e.right, whenTrue, whenFalse);
      return;
    }
    case 'Unary':
      if (e.op === 'lognot') {
        lowerCond(l, e.operand, whenFalse, whenTrue);
        return;
      }
      break;
    case 'Cast':
      // A conversion to int of a comparison, or between pointer/integer: test the operand itself.
      if (T.isScalar(e.operand.type) && (T.sizeOf(e.type) ?? 0) >= (T.sizeOf(e.operand.type) ?? 0)) {
        lowerCond(l, e.operand, whenTrue, whenFalse);
        return;
      }
      break;
    default:
      break;
  }
  const v = lowerExpr(l, e);
  if (v.kind === 'imm') {
    jumpTo(l, v.value !== 0n ? whenTrue : whenFalse);
    return;
  }
  terminate(l, { op: 'br', cmp: 'ne', bits: aluBits(e.type), a: v.reg, b: imm(0), then: whenTrue, else: whenFalse, span: l.span });
}

function lowerCondExpr(l: Lowerer, e: TExpr & { kind: 'Cond' }): Operand {
  const result = newVReg(l);
  const t = newBlock(l);
  const f = newBlock(l);
  const join = newBlock(l);
  lowerCond(l, e.cond, t, f);
  for (const [block, arm] of [[t, e.then], [f, e.else]] as const) {
    startBlock(l, block);
    const v = lowerExpr(l, arm);
    emit(l, { op: 'mov', bits: 64, dst: result, src: v, span: l.span });
    jumpTo(l, join);
  }
  startBlock(l, join);
  return reg(result);
}

// ---------------------------------------------------------------------------
// Lvalues and memory

export function lowerLValue(l: Lowerer, e: TExpr): LValue {
  switch (e.kind) {
    case 'Local': {
      const home = homeOf(l, e.sym);
      return home.kind === 'reg' ? { kind: 'var', reg: home.reg, type: e.type } : { kind: 'mem', addr: { kind: 'slot', slot: home.slot, off: 0 }, type: e.type };
    }
    case 'Member': {
      const core = coreMemberLValue(l, e);
      if (core) return core;
      const base = lowerLValue(l, e.object);
      if (base.kind !== 'mem') return base;
      const m = e.member;
      const uapi = contextFieldOfOwnLayout(e);
      if (uapi) return { kind: 'mem', addr: addrOffset(base.addr, uapi.offsetBytes), type: uapi.sizeBytes === 8 ? T.ULLONG : T.UINT };
      const addr = addrOffset(base.addr, m.offsetBytes);
      // A member of a packed record is only as aligned as the record and its offset make it.
      const align = Math.min(base.align ?? T.alignOf(base.type), lowBit(m.offsetBytes));
      const known = align < T.alignOf(e.type) ? { align } : {};
      if (m.bitWidth > 0) return { kind: 'mem', addr, type: e.type, bitOffset: m.bitOffset - m.offsetBytes * 8, bitWidth: m.bitWidth, ...(m.packed ? { packed: true } : {}), ...known };
      return { kind: 'mem', addr, type: e.type, ...known };
    }
    case 'Deref': {
      // An element at a constant index of an array member of a kernel struct (`ctx->args[1]` of a
      // tracepoint's context): one CO-RE access to the element, as clang makes it, not the
      // member's address plus the index, which would modify the context pointer.
      const p = e.ptr;
      const core = p.kind === 'PtrAdd' && p.ptr.kind === 'Decay' && p.ptr.operand.kind === 'Member' ? coreMemberLValue(l, e) : undefined;
      if (core) return core;
      return { kind: 'mem', addr: addressExpr(l, e.ptr), type: e.type };
    }
    case 'StringLit':
      return stringLValue(l, e);
    case 'Global':
      if (isGlobalData(e.sym)) return dataLValue(l, e);
      l.ctx.diags.error('E5003', `'${e.sym.name}' has no storage a BPF program can read: only maps and constants are available`, e.span);
      return { kind: 'var', reg: toReg(l, imm(0)), type: e.type };
    case 'CompoundLit': {
      const home = homeOf(l, e.local);
      if (home.kind === 'reg') {
        initLocal(l, e.local, e.init);
        return { kind: 'var', reg: home.reg, type: e.type };
      }
      initLocal(l, e.local, e.init);
      return { kind: 'mem', addr: { kind: 'slot', slot: home.slot, off: 0 }, type: e.type };
    }
    // A struct value computed by a statement expression or after a comma (`BPF_CORE_READ(icsk,
    // icsk_accept_queue).rskq_accept_head`: its result is the macro's local copy): the member is
    // read where that value is.
    case 'StmtExpr':
      for (const st of e.body) lowerStmt(l, st);
      if (e.result) return lowerLValue(l, e.result);
      l.ctx.diags.error('E5001', 'internal: a statement expression without a value used as an object', e.span);
      return { kind: 'var', reg: toReg(l, imm(0)), type: e.type };
    case 'Comma':
      for (const x of e.exprs.slice(0, -1)) lowerExpr(l, x);
      return lowerLValue(l, e.exprs[e.exprs.length - 1]!);
    case 'Call':
    case 'HelperCall': {
      l.ctx.diags.error('E5005', 'functions returning structs by value are not supported in BPF programs: return a pointer or fill a struct passed by pointer', e.span);
      return { kind: 'var', reg: toReg(l, imm(0)), type: e.type };
    }
    default:
      l.ctx.diags.error('E5001', `internal: cannot take the address of a '${e.kind}' expression`, e.span);
      return { kind: 'var', reg: toReg(l, imm(0)), type: e.type };
  }
}

/**
 * Structs whose pointers are the kernel's context, a socket or another pointer the kernel allows
 * no arithmetic on (it reads them at a constant offset from the unmodified pointer, and rewrites
 * that access itself): their members never get a CO-RE relocation, which could leave an
 * address computed by an addition. Their layouts are UAPI, the same in every kernel.
 */
const NO_CORE_STRUCTS: ReadonlySet<string> = new Set([
  'xdp_md', '__sk_buff', 'bpf_sock_ops', 'sk_msg_md', 'sk_reuseport_md', 'bpf_sk_lookup', 'bpf_sockopt', 'bpf_sock_addr',
  'bpf_sysctl', 'bpf_cgroup_dev_ctx', 'bpf_perf_event_data', 'bpf_raw_tracepoint_args', 'bpf_flow_keys', 'pt_regs', 'user_pt_regs',
  'bpf_sock', 'bpf_tcp_sock', 'bpf_xdp_sock', 'bpf_nf_ctx',
]);

/**
 * A member of a program's own `struct xdp_md` or `struct __sk_buff` with preserve_access_index
 * whose layout is not the kernel's (userspace-xdp declares `__u64 data; __u64 data_end;`, as a
 * user-space runtime lays the context out): the kernel's field of that name, where the access
 * goes instead, with the kernel's size, as libbpf's CO-RE relocation of clang's object moves and
 * resizes it. Context accesses take no relocation in ebcc's objects (NO_CORE_STRUCTS): the
 * offset is resolved here. A field the kernel's struct lacks, a bit-field or an aggregate keeps
 * the program's layout (the kernel refuses the access, as it refuses clang's).
 */
function contextFieldOfOwnLayout(e: TExpr & { kind: 'Member' }): CtxField | undefined {
  const rec = T.strip(e.object.type);
  if (rec.kind !== 'record' || !rec.info.preserveAccessIndex || (rec.info.name !== 'xdp_md' && rec.info.name !== '__sk_buff')) return undefined;
  const m = e.member;
  if (m.bitWidth > 0 || !T.isScalar(e.type)) return undefined;
  const f = ctxLayout(rec.info.name).fields.find((x) => x.name === m.name);
  if (!f || f.count !== 1 || (f.sizeBytes !== 4 && f.sizeBytes !== 8)) return undefined;
  return f.offsetBytes === m.offsetBytes && f.sizeBytes === T.sizeOf(e.type) ? undefined : f;
}

/**
 * A member access chain as a CO-RE access: its root record (the type the outermost pointer points
 * to), the access string (the pointer's index 0, then each member's index in its record and each
 * constant array index), the member's byte offset in the program's types, and the root pointer.
 */
export function coreAccessChain(e: TExpr): { root: T.CType; access: string; offsetBytes: number; ptr: TExpr } | undefined {
  const indexes: number[] = [];
  let offsetBytes = 0;
  let cur: TExpr = e;
  for (;;) {
    if (cur.kind === 'Member') {
      const rt = T.strip(cur.object.type);
      if (rt.kind !== 'record') return undefined;
      const index = rt.info.members.indexOf(cur.member);
      if (index < 0) return undefined;
      indexes.unshift(index);
      offsetBytes += cur.member.offsetBytes;
      cur = cur.object;
      continue;
    }
    if (cur.kind !== 'Deref') return undefined;
    const p = cur.ptr;
    if (p.kind === 'PtrAdd' && p.ptr.kind === 'Decay' && p.ptr.operand.kind === 'Member') {
      // An element of an array member at a constant index: (p->arr)[2].
      const idx = tryEval(p.index);
      if (idx === undefined) return undefined;
      indexes.unshift(Number(idx));
      offsetBytes += Number(idx) * p.elemSize;
      cur = p.ptr.operand;
      continue;
    }
    if (indexes.length === 0) return undefined;
    return { root: T.strip(cur.type), access: `0:${indexes.join(':')}`, offsetBytes, ptr: p };
  }
}

/**
 * A member access through a pointer to a kernel struct (one with preserve_access_index, as
 * vmlinux.h declares them all): `p->a.b[2].c` or `p->args[1]`, as a CO-RE access, as clang makes it. The
 * member's offset in the running kernel may differ from the program's, so the address is the
 * pointer plus a `fieldoff` that the loader rewrites; opt/field-offsets.ts then moves it into the
 * load's or store's offset. The access string is the pointer's index 0, then each member's index in
 * its record and each constant array index. Bit-fields (read with BPF_CORE_READ_BITFIELD in CO-RE
 * code) and the context's and sockets' structs (NO_CORE_STRUCTS) keep their fixed offsets.
 */
function coreMemberLValue(l: Lowerer, e: TExpr & { kind: 'Member' | 'Deref' }): LValue | undefined {
  if (e.kind === 'Member' && e.member.bitWidth > 0) return undefined;
  const chain = coreAccessChain(e);
  if (!chain) return undefined;
  const { root, access, offsetBytes, ptr: p } = chain;
  if (root.kind !== 'record' || !root.info.preserveAccessIndex || root.info.name === undefined || NO_CORE_STRUCTS.has(root.info.name)) return undefined;
  if (offsetBytes < 0 || offsetBytes > 0x7fff) return undefined;
  const base = toReg(l, lowerExpr(l, p));
  const off = newVReg(l);
  emit(l, { op: 'fieldoff', dst: off, core: { root, access, offsetBytes }, span: l.span });
  const dst = newVReg(l);
  // The offset first: where the sum is not folded into an access, it is computed in the offset's
  // register (`r3 = 8; r3 += r7`), without a copy of the pointer.
  emit(l, { op: 'alu', alu: 'add', bits: 64, dst, a: reg(off), b: reg(base), span: l.span });
  return { kind: 'mem', addr: { kind: 'reg', reg: dst, off: 0 }, type: e.type };
}

/** The address a pointer expression points at, with constant offsets folded into the access. */
export function addressExpr(l: Lowerer, ptr: TExpr): Address {
  if (ptr.kind === 'PtrAdd' && ptr.index.kind === 'Const' || (ptr.kind === 'PtrAdd' && ptr.index.kind === 'Unary' && ptr.index.operand.kind === 'Const')) {
    const idx = lowerExpr(l, ptr.index);
    if (idx.kind === 'imm') {
      const delta = Number(BigInt.asIntN(64, idx.value)) * ptr.elemSize;
      if (Math.abs(delta) < 0x7fff) return addrOffset(addressExpr(l, ptr.ptr), delta);
    }
  }
  if (ptr.kind === 'Decay' || ptr.kind === 'AddrOf') {
    const lv = lowerLValue(l, ptr.operand);
    if (lv.kind === 'mem') return lv.addr;
  }
  const v = lowerExpr(l, ptr);
  return { kind: 'reg', reg: toReg(l, v), off: 0 };
}

function addressOf(l: Lowerer, e: TExpr): Operand {
  if (e.kind === 'Global' && !isGlobalData(e.sym)) return lowerGlobalValue(l, e);
  if (e.kind === 'FuncRef') return lowerExpr(l, e);
  const lv = lowerLValue(l, e);
  if (lv.kind === 'var') {
    l.ctx.diags.error('E5001', 'internal: address of a register variable', e.span);
    return imm(0);
  }
  return materializeAddress(l, lv.addr);
}

export function materializeAddress(l: Lowerer, a: Address): Operand {
  const dst = newVReg(l);
  if (a.kind === 'slot') {
    emit(l, { op: 'slotaddr', dst, slot: a.slot, off: a.off, span: l.span });
    return reg(dst);
  }
  if (a.off === 0) return reg(a.reg);
  emit(l, { op: 'alu', alu: 'add', bits: 64, dst, a: reg(a.reg), b: imm(BigInt.asUintN(64, BigInt(a.off))), span: l.span });
  return reg(dst);
}

/** The largest power of two (at most 8) dividing `n`. */
export function lowBit(n: number): number {
  return n === 0 ? 8 : Math.min(8, n & -n);
}

/** The alignment an access to `lv` may assume: exact for stack slots (8-byte aligned), else known or natural. */
function accessAlign(lv: LValue & { kind: 'mem' }): number {
  if (lv.addr.kind === 'slot') return lowBit(lv.addr.off);
  return lv.align ?? T.alignOf(lv.type);
}

/**
 * The bytes a bit-field's load and store cover: its storage unit, or for a bit-field of a packed
 * record just the bytes its bits touch (up to 9: 64 bits starting at bit 7 of a byte).
 */
function bitFieldBytes(lv: LValue & { kind: 'mem' }, unitBytes: number): number {
  return lv.packed ? Math.ceil((lv.bitOffset! + lv.bitWidth!) / 8) : unitBytes;
}

/**
 * Loads `bytes` (1..8) little-endian bytes at `addr`, zero-extended, with accesses no wider than
 * `align` (BPF has no unaligned accesses on the stack, and clang splits them everywhere).
 */
function loadBytes(l: Lowerer, addr: Address, bytes: number, align: number, vol: boolean): Operand {
  const volatile = vol || undefined;
  const whole = memSize(bytes);
  if (whole && align >= bytes) {
    const dst = newVReg(l);
    emit(l, { op: 'load', size: whole, dst, addr, volatile, span: l.span });
    return reg(dst);
  }
  const bits = bytes > 4 ? 64 : 32;
  let acc: Operand | undefined;
  for (const [pos, width] of pieces(bytes, align)) {
    const dst = newVReg(l);
    emit(l, { op: 'load', size: width, dst, addr: addrOffset(addr, pos), volatile, span: l.span });
    const piece = pos > 0 ? alu(l, 'lsh', bits, reg(dst), imm(8 * pos)) : reg(dst);
    acc = acc ? alu(l, 'or', bits, acc, piece) : piece;
  }
  return acc!;
}

/** Stores the low `bytes` (1..8) bytes of `value` at `addr`, with accesses no wider than `align`. */
function storeBytes(l: Lowerer, addr: Address, bytes: number, align: number, value: Operand, vol: boolean): void {
  const volatile = vol || undefined;
  const whole = memSize(bytes);
  if (whole && align >= bytes) {
    emit(l, { op: 'store', size: whole, addr, src: value, volatile, span: l.span });
    return;
  }
  for (const [pos, width] of pieces(bytes, align)) {
    let part: Operand;
    if (value.kind === 'imm') part = imm((value.value >> BigInt(8 * pos)) & ((1n << BigInt(8 * width)) - 1n));
    else part = pos > 0 ? alu(l, 'rsh', 64, value, imm(8 * pos)) : value;
    emit(l, { op: 'store', size: width, addr: addrOffset(addr, pos), src: part, volatile, span: l.span });
  }
}

/** Splits `bytes` bytes into the widest accesses that `align` allows: [offset, width] pairs. */
function pieces(bytes: number, align: number): [number, 1 | 2 | 4 | 8][] {
  const out: [number, 1 | 2 | 4 | 8][] = [];
  let pos = 0;
  while (pos < bytes) {
    const width = ([8, 4, 2, 1] as const).find((w) => w <= bytes - pos && w <= align && pos % w === 0)!;
    out.push([pos, width]);
    pos += width;
  }
  return out;
}

export function loadLValue(l: Lowerer, lv: LValue): Operand {
  if (lv.kind === 'var') return reg(lv.reg);
  const size = T.sizeOf(lv.type) ?? 8;
  const ms = memSize(size);
  if (!ms || !T.isScalar(lv.type)) {
    // An aggregate used as a value: its address stands for it (copies go through copyMemory).
    return materializeAddress(l, lv.addr);
  }
  const align = accessAlign(lv);
  const vol = T.qualifiersOf(lv.type).volatile;
  if (lv.bitWidth === undefined) return loadBytes(l, lv.addr, ms, align, vol);
  const bytes = bitFieldBytes(lv, ms);
  if (bytes <= 8) return extractBits(l, loadBytes(l, lv.addr, bytes, align, vol), bytes > 4 ? 64 : 32, lv.bitOffset!, lv.bitWidth, lv.type);
  // A packed 64-bit field over 9 bytes: the low 8 bytes, then the bits of the ninth.
  const low = loadBytes(l, lv.addr, 8, align, vol);
  const high = loadBytes(l, addrOffset(lv.addr, 8), 1, 1, vol);
  const joined = alu(l, 'or', 64, alu(l, 'rsh', 64, low, imm(lv.bitOffset!)), alu(l, 'lsh', 64, high, imm(64 - lv.bitOffset!)));
  return extractBits(l, joined, 64, 0, lv.bitWidth, lv.type);
}

/**
 * The bit-field of `width` bits at `offset` in `v` (a `bits`-wide value), as the canonical value
 * of its declared `type`: shifted down and masked, or sign-extended for a signed field.
 */
function extractBits(l: Lowerer, v: Operand, bits: 32 | 64, offset: number, width: number, type: T.CType): Operand {
  if (isSigned(type)) {
    const size = T.sizeOf(type) ?? 8;
    if (bits - offset - width > 0) v = alu(l, 'lsh', bits, v, imm(bits - offset - width));
    if (bits === 32 && size < 4) {
      // The canonical value of a narrow signed type is its low bytes, zero-extended. Shifting the
      // sign-extended field down into them, rather than masking it, gives the kernel's verifier no
      // `and` of a register in [-1, 0], where it would fork the state in two.
      if (8 * size - width > 0) v = alu(l, 'arsh', 32, v, imm(8 * size - width));
      return alu(l, 'rsh', 32, v, imm(32 - 8 * size));
    }
    if (bits - width > 0) v = alu(l, 'arsh', bits, v, imm(bits - width));
    if (bits === 32 && size !== 4) v = convert(l, v, T.INT, type);
    return v;
  }
  if (offset) v = alu(l, 'rsh', bits, v, imm(offset));
  if (width >= bits) return v;
  return alu(l, 'and', bits, v, imm((1n << BigInt(width)) - 1n));
}

/** The value an assignment of `value` to `lv` has (C11 6.5.16p3): for a bit-field, the value stored. */
function storedValue(l: Lowerer, lv: LValue, value: Operand): Operand {
  if (lv.kind !== 'mem' || lv.bitWidth === undefined) return value;
  const bits = (T.sizeOf(lv.type) ?? 8) > 4 ? 64 : 32;
  if (value.kind === 'imm') {
    const raw = BigInt.asUintN(lv.bitWidth, value.value);
    const v = isSigned(lv.type) ? BigInt.asIntN(lv.bitWidth, raw) : raw;
    return imm(canonical(v, lv.type));
  }
  return extractBits(l, value, bits, 0, lv.bitWidth, lv.type);
}

/** A variable's home as an lvalue. */
export function homeLValue(home: VarHome, type: T.CType): LValue {
  return home.kind === 'reg' ? { kind: 'var', reg: home.reg, type } : { kind: 'mem', addr: { kind: 'slot', slot: home.slot, off: 0 }, type };
}

export function storeLValue(l: Lowerer, lv: LValue, value: Operand): void {
  if (lv.kind === 'var') {
    emit(l, { op: 'mov', bits: 64, dst: lv.reg, src: value, span: l.span });
    return;
  }
  const size = T.sizeOf(lv.type) ?? 8;
  const ms = memSize(size);
  if (!ms || !T.isScalar(lv.type)) {
    // Struct assignment: value is the source address.
    copyMemory(l, lv.addr, { kind: 'reg', reg: toReg(l, value), off: 0 }, size, T.alignOf(lv.type));
    return;
  }
  const align = accessAlign(lv);
  const vol = T.qualifiersOf(lv.type).volatile;
  if (lv.bitWidth === undefined) {
    storeBytes(l, lv.addr, ms, align, value, vol);
    return;
  }
  const bytes = bitFieldBytes(lv, ms);
  const offset = lv.bitOffset!;
  // Read, clear the field's bits, merge the new ones, write back: within the low (up to) 8 bytes,
  // then, for a packed field over 9 bytes, within the ninth.
  const lowBytes = Math.min(8, bytes);
  const bits = lowBytes > 4 ? 64 : 32;
  const lowWidth = Math.min(lv.bitWidth, 64 - offset);
  const mask = ((1n << BigInt(lowWidth)) - 1n) << BigInt(offset);
  const full = bits === 64 ? 0xffffffffffffffffn : 0xffffffffn;
  const old = loadBytes(l, lv.addr, lowBytes, align, vol);
  const cleared = alu(l, 'and', bits, old, imm(full & ~mask));
  let v = lowWidth >= bits ? value : alu(l, 'and', bits, value, imm((1n << BigInt(lowWidth)) - 1n));
  if (offset) v = alu(l, 'lsh', bits, v, imm(offset));
  storeBytes(l, lv.addr, lowBytes, align, alu(l, 'or', bits, cleared, v), vol);
  if (bytes <= 8) return;
  const highBits = lv.bitWidth - lowWidth;
  const highMask = (1n << BigInt(highBits)) - 1n;
  const oldHigh = loadBytes(l, addrOffset(lv.addr, 8), 1, 1, vol);
  const highPart = alu(l, 'and', 64, alu(l, 'rsh', 64, value, imm(lowWidth)), imm(highMask));
  const mergedHigh = alu(l, 'or', 32, alu(l, 'and', 32, oldHigh, imm(0xffn & ~highMask)), highPart);
  storeBytes(l, addrOffset(lv.addr, 8), 1, 1, mergedHigh, vol);
}

function lowerAssign(l: Lowerer, e: TExpr & { kind: 'Assign' }): Operand {
  const value = lowerExpr(l, e.value);
  const lv = lowerLValue(l, e.target);
  storeLValue(l, lv, value);
  return storedValue(l, lv, value);
}

function lowerCompoundAssign(l: Lowerer, e: TExpr & { kind: 'CompoundAssign' }): Operand {
  const lv = lowerLValue(l, e.target);
  const old = loadLValue(l, lv);
  const rhs = lowerExpr(l, e.value);
  let result: Operand;
  if (e.ptrElemSize !== undefined) {
    const scaled = rhs.kind === 'imm' ? imm(BigInt.asUintN(64, BigInt.asIntN(64, rhs.value) * BigInt(e.ptrElemSize))) : alu(l, 'mul', 64, rhs, imm(e.ptrElemSize));
    result = alu(l, e.op === 'sub' ? 'sub' : 'add', 64, old, scaled);
  } else {
    const widened = convert(l, old, e.target.type, e.opType);
    result = convert(l, lowerArith(l, e.op, e.opType, widened, rhs, e.span, isNonNegative({ ...e.target, kind: 'Cast', operand: e.target, type: e.opType } as TExpr) && isNonNegative(e.value)), e.opType, e.target.type);
  }
  storeLValue(l, lv, result);
  return storedValue(l, lv, result);
}

function lowerIncDec(l: Lowerer, e: TExpr & { kind: 'IncDec' }): Operand {
  const lv = lowerLValue(l, e.target);
  const old = loadLValue(l, lv);
  const bits = aluBits(e.type);
  // Keep the old value in its own register: the variable's register is about to change.
  let oldCopy = old;
  if (!e.prefix && lv.kind === 'var') {
    const r = newVReg(l);
    emit(l, { op: 'mov', bits: 64, dst: r, src: old, span: l.span });
    oldCopy = reg(r);
  }
  let updated = alu(l, 'add', bits, old, imm(BigInt.asUintN(bits, BigInt(e.delta))));
  if ((T.sizeOf(e.type) ?? 8) < 4) updated = convert(l, updated, T.UINT, e.type);
  storeLValue(l, lv, updated);
  return e.prefix ? storedValue(l, lv, updated) : oldCopy;
}

// ---------------------------------------------------------------------------
// Initialisation of locals

export function initLocal(l: Lowerer, local: LocalVar, init: TInit): void {
  const home = homeOf(l, local);
  if (init.kind === 'Scalar') {
    const lv: LValue = home.kind === 'reg' ? { kind: 'var', reg: home.reg, type: local.type } : { kind: 'mem', addr: { kind: 'slot', slot: home.slot, off: 0 }, type: local.type };
    storeLValue(l, lv, lowerExpr(l, init.expr));
    return;
  }
  if (home.kind !== 'slot') return;
  if (init.sizeBytes > STACK_LIMIT_BYTES && l.ctx.diags.hasErrors()) return; // E5010 (newSlot): no image of that size
  const base: Address = { kind: 'slot', slot: home.slot, off: 0 };
  // Constant parts (and the zeros between them) become one image written with
  // the widest stores; only the other entries are computed and stored after.
  const image = new Uint8Array(init.sizeBytes);
  const dynamic: TInitEntry[] = [];
  for (const entry of init.entries) {
    const value = tryEval(entry.expr);
    const size = T.sizeOf(entry.type) ?? 0;
    if (value === undefined || !T.isScalar(entry.type) || !memSize(size)) {
      dynamic.push(entry);
      continue;
    }
    let bits = BigInt.asUintN(size * 8, value);
    let keep = (1n << BigInt(size * 8)) - 1n;
    if (entry.bitWidth) {
      keep = ((1n << BigInt(entry.bitWidth)) - 1n) << BigInt(entry.bitOffset!);
      bits = (BigInt.asUintN(entry.bitWidth, value) << BigInt(entry.bitOffset!)) & keep;
    }
    // A packed bit-field may cover more bytes than its declared type.
    const span = entry.bitWidth ? Math.max(size, Math.ceil((entry.bitOffset! + entry.bitWidth) / 8)) : size;
    for (let i = 0; i < span && entry.offsetBytes + i < image.length; i++) {
      const m = Number((keep >> BigInt(8 * i)) & 0xffn);
      const v = Number((bits >> BigInt(8 * i)) & 0xffn);
      image[entry.offsetBytes + i] = (image[entry.offsetBytes + i]! & ~m) | v;
    }
  }
  storeImage(l, base, image, isVolatileObject(local.type));
  for (const entry of dynamic) {
    const addr = addrOffset(base, entry.offsetBytes);
    const value = lowerExpr(l, entry.expr);
    const lv: LValue = entry.bitWidth
      ? { kind: 'mem', addr, type: entry.type, bitOffset: entry.bitOffset, bitWidth: entry.bitWidth, ...(entry.packed ? { packed: true } : {}) }
      : { kind: 'mem', addr, type: entry.type };
    storeLValue(l, lv, value);
  }
}

/**
 * Whether an object of this type is volatile as a whole: `volatile char buf[448] = {}` is an array
 * of volatile chars. Its initialisation is then volatile stores, as clang's is (a volatile
 * memset): they stay even when nothing reads the object.
 */
function isVolatileObject(type: T.CType): boolean {
  for (let t = type; ; ) {
    if (T.qualifiersOf(t).volatile) return true;
    const s = T.strip(t);
    if (s.kind !== 'array') return false;
    t = s.elem;
  }
}

/** Stores `image` at the 8-byte aligned `base` with as few immediate stores as the encoding allows. */
function storeImage(l: Lowerer, base: Address, image: Uint8Array, volatile = false): void {
  let off = 0;
  while (off < image.length) {
    let w: 1 | 2 | 4 | 8 = 1;
    for (const c of [8, 4, 2, 1] as const) {
      if (c <= image.length - off && off % c === 0) {
        w = c;
        break;
      }
    }
    let v = 0n;
    for (let i = w - 1; i >= 0; i--) v = (v << 8n) | BigInt(image[off + i]!);
    // An 8-byte store's imm is sign-extended from 32 bits: split values it cannot express.
    if (w === 8 && BigInt.asUintN(64, BigInt.asIntN(32, v)) !== v) w = 4;
    if (w === 4) v &= 0xffffffffn;
    emit(l, { op: 'store', size: w, addr: addrOffset(base, off), src: imm(v), ...(volatile ? { volatile } : {}), span: l.span });
    off += w;
  }
}
