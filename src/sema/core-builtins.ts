// The CO-RE builtins of clang's BPF target (__builtin_preserve_field_info, _type_info,
// _enum_value), folded to constants from the types the program is compiled with; and
// __builtin_btf_type_id and a field's existence, which keep their CO-RE relocations (see
// checkCoreBuiltin). clang emits a
// CO-RE relocation for each and libbpf computes the value against the running kernel's BTF;
// ebcc emits no relocations, so the values are those of the compile-time types (the same as
// libbpf's when the headers, vmlinux.h included, describe the kernel the object loads into).
// The field kinds and their arithmetic are libbpf's (bpf_core_calc_field_relo), for the
// little-endian target.
import { CORE_RELO_KINDS } from '../bpf/core-relo.js';
import type * as ast from '../parse/ast.js';
import { tryEval } from './const-eval.js';
import type { TExpr } from './program.js';
import { error, type SemaState } from './state.js';
import * as T from './types.js';

/** Second argument of __builtin_preserve_field_info (enum bpf_field_info_kind). */
const FIELD_KINDS = ['byte offset', 'byte size', 'exists', 'signed', 'lshift_u64', 'rshift_u64'] as const;
/** Second argument of __builtin_preserve_type_info (enum bpf_type_info_kind). */
const TYPE_KINDS = ['exists', 'size', 'matches'] as const;
/** Second argument of __builtin_preserve_enum_value (enum bpf_enum_value_kind). */
const ENUM_KINDS = ['exists', 'value'] as const;

/** Second argument of __builtin_btf_type_id (enum bpf_type_id_kind): the CO-RE relocation kinds it takes. */
const TYPE_ID_KINDS = ['local', 'target'] as const;
const TYPE_ID_RELO = [CORE_RELO_KINDS.find((k) => k.name === 'TYPE_ID_LOCAL')!.value, CORE_RELO_KINDS.find((k) => k.name === 'TYPE_ID_TARGET')!.value];

export const CORE_BUILTINS: ReadonlySet<string> = new Set(['__builtin_preserve_field_info', '__builtin_preserve_type_info', '__builtin_preserve_enum_value', '__builtin_btf_type_id']);

const constant = (value: bigint, type: T.CType, span: ast.Expr['span']): TExpr => ({ kind: 'Const', value, type, span });

/** Bit offset of an access chain (members and constant array indexes) from the object its root pointer points to. */
function bitOffsetInRoot(e: TExpr): number | undefined {
  if (e.kind === 'Member') {
    const base = bitOffsetInRoot(e.object);
    return base === undefined ? undefined : base + e.member.bitOffset;
  }
  if (e.kind === 'Deref') {
    const p = e.ptr;
    if (p.kind === 'PtrAdd' && p.ptr.kind === 'Decay') {
      const idx = tryEval(p.index);
      const base = bitOffsetInRoot(p.ptr.operand);
      return idx === undefined || base === undefined ? undefined : base + Number(idx) * p.elemSize * 8;
    }
    return 0;
  }
  if (e.kind === 'Cast' && T.strip(e.type).kind === 'record') return bitOffsetInRoot(e.operand);
  return undefined;
}

function kindArg(s: SemaState, name: string, kinds: readonly string[], arg: TExpr | undefined, span: ast.Expr['span']): number | undefined {
  const k = arg ? tryEval(arg) : undefined;
  if (k === undefined || k < 0n || k >= BigInt(kinds.length)) {
    error(s, 'E3004', `the last argument to '${name}' must be a constant from 0 to ${kinds.length - 1} (${kinds.join(', ')})`, arg?.span ?? span);
    return undefined;
  }
  return Number(k);
}

export function checkCoreBuiltin(s: SemaState, name: string, args: TExpr[], span: ast.Expr['span']): TExpr {
  if (args.length !== 2) {
    error(s, 'E3009', `'${name}' takes 2 arguments (an expression and a kind), have ${args.length}`, span);
    return constant(0n, T.UINT, span);
  }
  let target = args[0]!;
  if (target.kind === 'Decay') target = target.operand;
  if (name === '__builtin_btf_type_id') {
    // The one CO-RE builtin that is not folded: the value is a BTF type id, which exists only
    // once codegen builds the object's BTF, and the loader replaces it (lowered to btftypeid).
    const kind = kindArg(s, name, TYPE_ID_KINDS, args[1], span);
    if (kind === undefined) return constant(0n, T.ULONG, span);
    return { kind: 'Builtin', name, args: [target, constant(BigInt(TYPE_ID_RELO[kind]!), T.INT, span)], type: T.ULONG, span };
  }
  if (name === '__builtin_preserve_type_info') {
    const kind = kindArg(s, name, TYPE_KINDS, args[1], span);
    if (kind === undefined) return constant(0n, T.UINT, span);
    if (kind === 1) return constant(BigInt(T.sizeOf(target.type) ?? 0), T.UINT, span);
    return constant(1n, T.UINT, span);
  }
  if (name === '__builtin_preserve_enum_value') {
    // *(typeof(enum_type) *)ENUMERATOR: the enumerator's value is the pointer's constant.
    const kind = kindArg(s, name, ENUM_KINDS, args[1], span);
    const v = target.kind === 'Deref' ? tryEval(target.ptr) : undefined;
    if (kind === undefined) return constant(0n, T.LONG, span);
    if (v === undefined || T.strip(target.type).kind !== 'enum') {
      error(s, 'E3004', `the first argument to '${name}' must be *(enum type *)ENUMERATOR`, target.span);
      return constant(0n, T.LONG, span);
    }
    return constant(kind === 0 ? 1n : BigInt.asIntN(64, v), T.LONG, span);
  }
  const kind = kindArg(s, name, FIELD_KINDS, args[1], span);
  const bitOff = target.kind === 'Member' || target.kind === 'Deref' ? bitOffsetInRoot(target) : undefined;
  if (kind === undefined) return constant(0n, T.UINT, span);
  if (bitOff === undefined) {
    error(s, 'E3004', `the first argument to '${name}' must be a field access (p->field, with constant array indexes)`, target.span);
    return constant(0n, T.UINT, span);
  }
  const ft = T.strip(target.type);
  const bitfield = target.kind === 'Member' && target.member.bitWidth > 0;
  let byteSz = T.sizeOf(ft) ?? 0;
  let byteOff: number;
  let bitSz: number;
  if (!bitfield) {
    byteOff = bitOff / 8;
    bitSz = byteSz * 8;
  } else {
    bitSz = (target as TExpr & { kind: 'Member' }).member.bitWidth;
    byteOff = Math.floor(bitOff / 8 / byteSz) * byteSz;
    // the smallest load (up to 8 bytes) that holds every bit of the field
    while (bitOff + bitSz - byteOff * 8 > byteSz * 8 && byteSz < 8) {
      byteSz *= 2;
      byteOff = Math.floor(bitOff / 8 / byteSz) * byteSz;
    }
  }
  const signed = (ft.kind === 'int' && ft.signed) || (ft.kind === 'enum' && ft.info.underlying.signed);
  const value = [byteOff, byteSz, 1, signed ? 1 : 0, 64 - (bitOff + bitSz - byteOff * 8), 64 - bitSz][kind]!;
  // Whether a field exists is the one fact that cannot come from the program's types: a flavour
  // (`struct task_struct___pre514`) declares a field so that the program can ask whether the
  // running kernel still has it. It keeps its CO-RE relocation (lowered to a field_info), 1 here.
  if (kind === 2) return { kind: 'Builtin', name, args: [target, constant(2n, T.INT, span)], type: T.UINT, span };
  return constant(BigInt(value), T.UINT, span);
}
