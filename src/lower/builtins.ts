// Builtins: memcpy/memmove/memset/memcmp become memop instructions, which
// the expand-mem pass turns into loads and stores once their sizes are
// constants; byte swaps and atomics become their BPF instructions.
import type { Address, AtomicOp, MemOpKind, Operand } from '../ir/ir.js';
import { imm, reg } from '../ir/ir.js';
import { copyInsts } from '../ir/memory.js';
import type { TExpr } from '../sema/program.js';
import { bitCountBuiltin, foldBitCount, type BitCountOp } from '../sema/const-eval.js';
import * as T from '../sema/types.js';
import { emit, inlineChain, newVReg, terminate, toReg, type Lowerer } from './builder.js';
import { addressExpr, alu, coreAccessChain, lowBit, lowerExpr, materialize, materializeAddress } from './expr.js';

/** Struct assignment: a copy of a known size, expanded here. */
export function copyMemory(l: Lowerer, dst: Address, src: Address, sizeBytes: number, align: number): void {
  for (const i of copyInsts(dst, src, sizeBytes, align, () => newVReg(l), l.span)) emit(l, i);
}

/** The alignment a pointer argument guarantees: its pointee's alignment, or 8 for stack slots. */
function alignOfPointer(e: TExpr, addr: Address): number {
  if (addr.kind === 'slot') return addr.off % 8 === 0 ? 8 : addr.off % 4 === 0 ? 4 : addr.off % 2 === 0 ? 2 : 1;
  let x = e;
  while (x.kind === 'Cast' && T.isPointer(x.operand.type)) x = x.operand;
  // An array member or a member's address is as aligned as its record and its offset make it
  // (`ev->header`, a byte array at offset 4 of a 4-aligned record, is 4-aligned), as clang takes it.
  if (x.kind === 'Decay' || x.kind === 'AddrOf') return Math.min(8, alignOfObject(x.operand));
  const to = T.pointee(x.type);
  return to && !T.isVoid(to) ? T.alignOf(to) : 1;
}

/** The alignment the address of an object expression has: its type's, or more as a member of a record. */
function alignOfObject(e: TExpr): number {
  const own = T.alignOf(e.type);
  if (e.kind === 'Member') {
    return Math.max(own, Math.min(alignOfObject(e.object), lowBit(e.member.offsetBytes)));
  }
  if (e.kind === 'Deref') {
    const to = T.pointee(e.ptr.type);
    return Math.max(own, to && !T.isVoid(to) ? T.alignOf(to) : 1);
  }
  return own;
}

/**
 * __builtin_popcount, ctz, clz, ffs and parity of a value (low `bits` bits): folded for a
 * constant, else computed without branches, as BPF has no instruction for them (LLVM expands
 * them alike): popcount by adding bit pairs, nibbles and bytes (SWAR), ctz as the popcount of
 * the bits below the lowest set one, clz as `bits` less the popcount of the value with every bit
 * below its highest set, ffs as ctz + 1 masked to 0 for 0. ctz and clz of 0 give `bits` (C
 * leaves them undefined).
 */
function lowerBitCount(l: Lowerer, op: BitCountOp, bits: 32 | 64, v: Operand): Operand {
  if (v.kind === 'imm') return imm(foldBitCount(op, v.value, bits) ?? BigInt(bits));
  const rep = (byte: bigint) => {
    let out = 0n;
    for (let i = 0; i < bits / 8; i++) out = (out << 8n) | byte;
    return out;
  };
  const popcount = (x: Operand): Operand => {
    let t = alu(l, 'sub', bits, x, alu(l, 'and', bits, alu(l, 'rsh', bits, x, imm(1n)), imm(rep(0x55n))));
    t = alu(l, 'add', bits, alu(l, 'and', bits, t, imm(rep(0x33n))), alu(l, 'and', bits, alu(l, 'rsh', bits, t, imm(2n)), imm(rep(0x33n))));
    t = alu(l, 'and', bits, alu(l, 'add', bits, t, alu(l, 'rsh', bits, t, imm(4n))), imm(rep(0x0fn)));
    return alu(l, 'rsh', bits, alu(l, 'mul', bits, t, imm(rep(0x01n))), imm(BigInt(bits - 8)));
  };
  // The bits below the lowest set one: (x & -x) - 1 (all bits for 0).
  const belowLowest = (x: Operand) => alu(l, 'sub', bits, alu(l, 'and', bits, x, alu(l, 'sub', bits, imm(0n), x)), imm(1n));
  switch (op) {
    case 'popcount':
      return popcount(v);
    case 'parity':
      return alu(l, 'and', bits, popcount(v), imm(1n));
    case 'ctz':
      return popcount(belowLowest(v));
    case 'ffs': {
      // (x | -x) has its top bit set exactly when x is not 0.
      const nonZero = alu(l, 'rsh', bits, alu(l, 'or', bits, v, alu(l, 'sub', bits, imm(0n), v)), imm(BigInt(bits - 1)));
      return alu(l, 'and', bits, alu(l, 'add', bits, popcount(belowLowest(v)), imm(1n)), alu(l, 'sub', bits, imm(0n), nonZero));
    }
    case 'clz': {
      let t: Operand = v;
      for (let k = 1; k < bits; k *= 2) t = alu(l, 'or', bits, t, alu(l, 'rsh', bits, t, imm(BigInt(k))));
      return alu(l, 'sub', bits, imm(BigInt(bits)), popcount(t));
    }
  }
}

/** `discard`: the value is unused (an expression statement), so atomics need no fetch. */
export function lowerBuiltin(l: Lowerer, e: TExpr & { kind: 'Builtin' }, discard = false): Operand {
  const name = e.name;
  const args = e.args;
  const count = bitCountBuiltin(name);
  if (count) return lowerBitCount(l, count.op, count.bits, lowerExpr(l, args[0]!));
  switch (name) {
    case '__builtin_memcpy':
    case '__builtin_memmove':
    case '__builtin_memset':
    case '__builtin_memcmp':
    case '__builtin_bcmp':
      return lowerMemBuiltin(l, e);
    case '__builtin_bswap16':
    case '__builtin_bswap32':
    case '__builtin_bswap64': {
      const bits = Number(name.slice(-2)) as 16 | 32 | 64;
      const v = lowerExpr(l, args[0]!);
      if (v.kind === 'imm') {
        let x = v.value;
        let out = 0n;
        for (let i = 0; i < bits / 8; i++) {
          out = (out << 8n) | (x & 0xffn);
          x >>= 8n;
        }
        return imm(out);
      }
      const dst = newVReg(l);
      emit(l, { op: 'bswap', bits, dst, src: v.reg, span: l.span });
      return reg(dst);
    }
    case '__builtin_unreachable':
    case '__builtin_trap':
      return imm(0);
    case '__builtin_preserve_field_info': {
      // A field's existence (sema keeps only that kind): 1, as the program's types say, in a mov
      // that the loader rewrites from the running kernel's BTF (FIELD_EXISTS). The field access
      // itself is not evaluated. A chain with no named root record cannot be relocated: 1.
      const target = args[0]!;
      const chain = coreAccessChain(target);
      if (!chain || chain.root.kind !== 'record' || chain.root.info.name === undefined) return imm(1);
      const dst = newVReg(l);
      const relo = Number((args[1] as TExpr & { kind: 'Const' }).value);
      emit(l, { op: 'fieldoff', dst, core: { root: chain.root, access: chain.access, offsetBytes: chain.offsetBytes }, info: { relo, value: 1 }, span: l.span });
      return reg(dst);
    }
    case '__builtin_btf_type_id': {
      // args[0] only names the type (it is not evaluated); args[1] is the relocation kind.
      const dst = newVReg(l);
      emit(l, { op: 'btftypeid', dst, ctype: args[0]!.type, relo: Number((args[1] as TExpr & { kind: 'Const' }).value), span: l.span });
      return reg(dst);
    }
    default:
      return lowerAtomic(l, e, discard);
  }
}

const MEM_BUILTIN_KIND: Readonly<Record<string, MemOpKind>> = { __builtin_memcpy: 'copy', __builtin_memmove: 'move', __builtin_memset: 'set', __builtin_memcmp: 'cmp', __builtin_bcmp: 'cmp' };

/**
 * The memory builtins become a memop: its size (and memset's fill byte) may only become a
 * constant after inlining and constant propagation, and expandMemOps expands it then.
 */
function lowerMemBuiltin(l: Lowerer, e: TExpr & { kind: 'Builtin' }): Operand {
  const [first, second, third] = e.args as [TExpr, TExpr, TExpr];
  const kind = MEM_BUILTIN_KIND[e.name]!;
  const size = lowerExpr(l, third);
  const to = addressExpr(l, first);
  let alignBytes = alignOfPointer(first, to);
  let from: Address | undefined;
  let value: Operand | undefined;
  if (kind === 'set') value = lowerExpr(l, second);
  else {
    from = addressExpr(l, second);
    if (kind !== 'cmp') alignBytes = Math.min(alignBytes, alignOfPointer(second, from));
  }
  const dst = kind === 'cmp' ? newVReg(l) : undefined;
  emit(l, { op: 'memop', kind, to, from, value, size, alignBytes, dst, builtin: e.name, sizeSpan: third.span, valueSpan: kind === 'set' ? second.span : undefined, inlinedAt: inlineChain(l), span: l.span });
  return dst !== undefined ? reg(dst) : materializeAddress(l, to);
}

function lowerAtomic(l: Lowerer, e: TExpr & { kind: 'Builtin' }, discard: boolean): Operand {
  const name = e.name;
  const ptr = e.args[0]!;
  const valueType = T.pointee(ptr.type)!;
  const size = T.sizeOf(valueType) ?? 8;
  const addr = addressExpr(l, ptr);
  if (size !== 4 && size !== 8) {
    l.ctx.diags.error('E5007', `BPF atomic instructions work on 4 or 8-byte values; '${name}' is used on a ${size}-byte value`, e.span);
    return imm(0);
  }
  const m = /^__(?:sync|atomic)_(fetch_and_|)(add|sub|or|and|xor)(_and_fetch|_fetch|)$/.exec(name) ?? /^__atomic_fetch_(add|sub|or|and|xor)$/.exec(name);
  if (m) {
    const op = (m.length === 2 ? m[1] : m[2]) as 'add' | 'sub' | 'or' | 'and' | 'xor';
    const returnsNew = m.length === 4 && (m[3] === '_and_fetch' || m[3] === '_fetch');
    const resultUsed = !discard && !T.isVoid(e.type);
    let v = toReg(l, lowerExpr(l, e.args[1]!));
    const aop: AtomicOp = op === 'sub' ? 'add' : op;
    if (op === 'sub') {
      const n = newVReg(l);
      emit(l, { op: 'neg', bits: 64, dst: n, a: v, span: l.span });
      v = n;
    }
    // Without fetch the kernel's BPF_ATOMIC add is the classic lock xadd, valid everywhere.
    const dst = newVReg(l);
    emit(l, { op: 'atomic', aop, size, addr, src: v, fetch: resultUsed, dst: resultUsed ? dst : undefined, span: l.span });
    if (!returnsNew) return reg(dst);
    const aluOp = op === 'sub' ? 'add' : op;
    return alu(l, aluOp, size === 8 ? 64 : 32, reg(dst), reg(v));
  }
  if (name === '__sync_lock_test_and_set' || name === '__atomic_exchange_n') {
    const v = toReg(l, lowerExpr(l, e.args[1]!));
    const dst = newVReg(l);
    emit(l, { op: 'atomic', aop: 'xchg', size, addr, src: v, fetch: true, dst, span: l.span });
    return reg(dst);
  }
  if (name === '__sync_val_compare_and_swap' || name === '__sync_bool_compare_and_swap') {
    const expected = toReg(l, lowerExpr(l, e.args[1]!));
    const v = toReg(l, lowerExpr(l, e.args[2]!));
    const dst = newVReg(l);
    emit(l, { op: 'atomic', aop: 'cmpxchg', size, addr, src: v, fetch: true, dst, expected, span: l.span });
    if (name === '__sync_val_compare_and_swap') return reg(dst);
    return materialize(l, (t, f) => terminate(l, { op: 'br', cmp: 'eq', bits: size === 8 ? 64 : 32, a: dst, b: reg(expected), then: t, else: f, span: l.span }));
  }
  if (name === '__atomic_load_n') {
    const dst = newVReg(l);
    emit(l, { op: 'load', size, dst, addr, span: l.span });
    return reg(dst);
  }
  if (name === '__atomic_store_n') {
    const v = lowerExpr(l, e.args[1]!);
    emit(l, { op: 'store', size, addr, src: v, span: l.span });
    return imm(0);
  }
  l.ctx.diags.error('E5007', `'${name}' is not supported by ebcc yet`, e.span);
  return imm(0);
}
