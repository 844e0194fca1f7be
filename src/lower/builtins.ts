// Builtins: memcpy/memset/memcmp with constant sizes become loads and
// stores of the widest width the alignment allows; byte swaps and atomics
// become their BPF instructions.
import type { Address, AtomicOp, Operand } from '../ir/ir.js';
import { imm, reg } from '../ir/ir.js';
import type { TExpr } from '../sema/program.js';
import * as T from '../sema/types.js';
import { addrOffset, emit, newBlock, newVReg, startBlock, terminate, toReg, jumpTo, type Lowerer } from './builder.js';
import { addressExpr, alu, lowerExpr, materialize, materializeAddress } from './expr.js';

/** Widest access of at most `remaining` bytes that `align` and offset allow. */
function chunk(remaining: number, align: number, off: number): 1 | 2 | 4 | 8 {
  for (const w of [8, 4, 2, 1] as const) if (w <= remaining && w <= align && off % w === 0) return w;
  return 1;
}

export function copyMemory(l: Lowerer, dst: Address, src: Address, sizeBytes: number, align: number): void {
  let off = 0;
  while (off < sizeBytes) {
    const w = chunk(sizeBytes - off, align, off);
    const r = newVReg(l);
    emit(l, { op: 'load', size: w, dst: r, addr: addrOffset(src, off), span: l.span });
    emit(l, { op: 'store', size: w, addr: addrOffset(dst, off), src: reg(r), span: l.span });
    off += w;
  }
}

export function zeroMemory(l: Lowerer, dst: Address, sizeBytes: number, align: number): void {
  fillMemory(l, dst, sizeBytes, align, 0);
}

function fillMemory(l: Lowerer, dst: Address, sizeBytes: number, align: number, byte: number): void {
  let off = 0;
  while (off < sizeBytes) {
    const w = chunk(sizeBytes - off, align, off);
    let v = 0n;
    for (let i = 0; i < w; i++) v = (v << 8n) | BigInt(byte & 0xff);
    emit(l, { op: 'store', size: w, addr: addrOffset(dst, off), src: imm(v), span: l.span });
    off += w;
  }
}

/** The alignment a pointer argument guarantees: its pointee's alignment, or 8 for stack slots. */
function alignOfPointer(e: TExpr, addr: Address): number {
  if (addr.kind === 'slot') return addr.off % 8 === 0 ? 8 : addr.off % 4 === 0 ? 4 : addr.off % 2 === 0 ? 2 : 1;
  let x = e;
  while (x.kind === 'Cast' && T.isPointer(x.operand.type)) x = x.operand;
  const to = T.pointee(x.type);
  return to && !T.isVoid(to) ? T.alignOf(to) : 1;
}

function constSize(l: Lowerer, e: TExpr, name: string): number | undefined {
  const v = lowerExpr(l, e);
  if (v.kind !== 'imm') {
    l.ctx.diags.error('E5006', `the size passed to '${name}' must be a compile-time constant in BPF programs (it is expanded into loads and stores)`, e.span);
    return undefined;
  }
  return Number(v.value);
}

/** `discard`: the value is unused (an expression statement), so atomics need no fetch. */
export function lowerBuiltin(l: Lowerer, e: TExpr & { kind: 'Builtin' }, discard = false): Operand {
  const name = e.name;
  const args = e.args;
  switch (name) {
    case '__builtin_memcpy':
    case '__builtin_memmove': {
      const size = constSize(l, args[2]!, name);
      const dst = addressExpr(l, args[0]!);
      const src = addressExpr(l, args[1]!);
      if (size === undefined) return imm(0);
      const align = Math.min(alignOfPointer(args[0]!, dst), alignOfPointer(args[1]!, src));
      if (name === '__builtin_memmove') {
        // Copy through fresh registers in reverse-safe order: load everything first.
        const chunks: { off: number; w: 1 | 2 | 4 | 8; r: ReturnType<typeof newVReg> }[] = [];
        for (let off = 0; off < size; ) {
          const w = chunk(size - off, align, off);
          const r = newVReg(l);
          emit(l, { op: 'load', size: w, dst: r, addr: addrOffset(src, off), span: l.span });
          chunks.push({ off, w, r });
          off += w;
        }
        for (const c of chunks) emit(l, { op: 'store', size: c.w, addr: addrOffset(dst, c.off), src: reg(c.r), span: l.span });
      } else copyMemory(l, dst, src, size, align);
      return materializeAddress(l, dst);
    }
    case '__builtin_memset': {
      const size = constSize(l, args[2]!, name);
      const dst = addressExpr(l, args[0]!);
      const value = lowerExpr(l, args[1]!);
      if (size === undefined) return imm(0);
      if (value.kind !== 'imm') {
        l.ctx.diags.error('E5006', `the fill byte passed to '__builtin_memset' must be a compile-time constant in BPF programs`, args[1]!.span);
        return imm(0);
      }
      fillMemory(l, dst, size, alignOfPointer(args[0]!, dst), Number(value.value & 0xffn));
      return materializeAddress(l, dst);
    }
    case '__builtin_memcmp': {
      const size = constSize(l, args[2]!, name);
      const a = addressExpr(l, args[0]!);
      const b = addressExpr(l, args[1]!);
      if (size === undefined) return imm(0);
      // Byte by byte, as C defines it: the first differing byte decides the sign.
      const result = newVReg(l);
      const done = newBlock(l);
      emit(l, { op: 'mov', bits: 64, dst: result, src: imm(0), span: l.span });
      for (let off = 0; off < size; off++) {
        const x = newVReg(l);
        const y = newVReg(l);
        emit(l, { op: 'load', size: 1, dst: x, addr: addrOffset(a, off), span: l.span });
        emit(l, { op: 'load', size: 1, dst: y, addr: addrOffset(b, off), span: l.span });
        emit(l, { op: 'alu', alu: 'sub', bits: 32, dst: result, a: reg(x), b: reg(y), span: l.span });
        const next = newBlock(l);
        terminate(l, { op: 'br', cmp: 'ne', bits: 32, a: result, b: imm(0), then: done, else: next, span: l.span });
        startBlock(l, next);
      }
      jumpTo(l, done);
      startBlock(l, done);
      return reg(result);
    }
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
    default:
      return lowerAtomic(l, e, discard);
  }
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
