// C types with the LP64 sizes of clang's -target bpf, and the predicates and
// conversions of C11 6.3 (integer promotions, usual arithmetic conversions).
import type { Span } from '../diag/source.js';

export type IntSize = 1 | 2 | 4 | 8 | 16;

export interface IntType {
  kind: 'int';
  sizeBytes: IntSize;
  signed: boolean;
  /** The canonical spelling: 'int', 'unsigned long', '_Bool', 'char' ... */
  name: string;
  isBool?: boolean;
}

export interface StructMemberInfo {
  name?: string;
  type: CType;
  /** Byte offset of the storage unit (for bitfields: of the containing unit) from the start. */
  offsetBytes: number;
  /** Bit offset from the start of the struct (== offsetBytes * 8 for non-bitfields). */
  bitOffset: number;
  /** Non-zero for bitfields. */
  bitWidth: number;
  /**
   * A bit-field of a packed record: its storage unit starts at the byte holding its first bit,
   * so it may cover more bytes than its declared type, and only those bytes belong to it.
   */
  packed?: boolean;
  span: Span;
}

/** A struct or union: shared by every reference to the same tag, completed in place. */
export interface RecordInfo {
  tag: 'struct' | 'union';
  name?: string;
  members: StructMemberInfo[];
  sizeBytes: number;
  alignBytes: number;
  complete: boolean;
  packed: boolean;
  /**
   * __attribute__((preserve_access_index)) (or vmlinux.h's `#pragma clang attribute push` of it):
   * a kernel type whose layout may differ in the running kernel, so a member access through a
   * pointer to it carries a CO-RE relocation (lower/expr.ts).
   */
  preserveAccessIndex?: boolean;
  span: Span;
  /** Unique id, to tell two anonymous records apart. */
  id: number;
}

export interface EnumInfo {
  name?: string;
  values: { name: string; value: bigint }[];
  complete: boolean;
  underlying: IntType;
  span: Span;
  id: number;
}

export type CType =
  | { kind: 'void' }
  | IntType
  | { kind: 'float'; sizeBytes: 4 | 8 | 16; name: string }
  | { kind: 'ptr'; to: CType }
  | { kind: 'array'; elem: CType; length?: number }
  | { kind: 'func'; ret: CType; params: { name?: string; type: CType }[]; variadic: boolean; hasPrototype: boolean }
  | { kind: 'record'; info: RecordInfo }
  | { kind: 'enum'; info: EnumInfo }
  | { kind: 'typedef'; name: string; type: CType }
  | { kind: 'qual'; const: boolean; volatile: boolean; type: CType };

export const VOID: CType = { kind: 'void' };

function int(sizeBytes: IntSize, signed: boolean, name: string): IntType {
  return { kind: 'int', sizeBytes, signed, name };
}

export const BOOL: IntType = { kind: 'int', sizeBytes: 1, signed: false, name: '_Bool', isBool: true };
export const CHAR = int(1, true, 'char');
export const SCHAR = int(1, true, 'signed char');
export const UCHAR = int(1, false, 'unsigned char');
export const SHORT = int(2, true, 'short');
export const USHORT = int(2, false, 'unsigned short');
export const INT = int(4, true, 'int');
export const UINT = int(4, false, 'unsigned int');
export const LONG = int(8, true, 'long');
export const ULONG = int(8, false, 'unsigned long');
export const LLONG = int(8, true, 'long long');
export const ULLONG = int(8, false, 'unsigned long long');
export const INT128 = int(16, true, '__int128');
export const UINT128 = int(16, false, 'unsigned __int128');
/** size_t and ptrdiff_t on BPF (LP64). */
export const SIZE_T = ULONG;
export const PTRDIFF_T = LONG;

/** Removes typedefs and qualifiers. */
export function strip(t: CType): Exclude<CType, { kind: 'typedef' } | { kind: 'qual' }> {
  while (t.kind === 'typedef' || t.kind === 'qual') t = t.type;
  return t;
}

export function qualifiersOf(t: CType): { const: boolean; volatile: boolean } {
  const q = { const: false, volatile: false };
  while (t.kind === 'typedef' || t.kind === 'qual') {
    if (t.kind === 'qual') {
      q.const ||= t.const;
      q.volatile ||= t.volatile;
    }
    t = t.type;
  }
  return q;
}

export function qualify(t: CType, isConst: boolean, isVolatile: boolean): CType {
  if (!isConst && !isVolatile) return t;
  return { kind: 'qual', const: isConst, volatile: isVolatile, type: t };
}

export function ptrTo(t: CType): CType {
  return { kind: 'ptr', to: t };
}

export function isInteger(t: CType): boolean {
  const s = strip(t);
  return s.kind === 'int' || s.kind === 'enum';
}

export function isArithmetic(t: CType): boolean {
  const s = strip(t);
  return s.kind === 'int' || s.kind === 'enum' || s.kind === 'float';
}

export function isPointer(t: CType): boolean {
  return strip(t).kind === 'ptr';
}

export function isScalar(t: CType): boolean {
  return isArithmetic(t) || isPointer(t);
}

export function isRecord(t: CType): boolean {
  return strip(t).kind === 'record';
}

export function isVoid(t: CType): boolean {
  return strip(t).kind === 'void';
}

/** The integer type of an integer or enum type. */
export function asInt(t: CType): IntType {
  const s = strip(t);
  if (s.kind === 'int') return s;
  if (s.kind === 'enum') return s.info.underlying;
  return LONG;
}

/** Pointee of a pointer, element of an array. */
export function pointee(t: CType): CType | undefined {
  const s = strip(t);
  if (s.kind === 'ptr') return s.to;
  if (s.kind === 'array') return s.elem;
  return undefined;
}

/** C11 6.3.1.1: integer promotions. */
export function promote(t: CType): IntType {
  const i = asInt(t);
  if (i.sizeBytes < 4) return INT;
  return i;
}

/** C11 6.3.1.8: the common type of two integer operands. */
export function usualArithmetic(a: CType, b: CType): IntType {
  const x = promote(a);
  const y = promote(b);
  if (x.sizeBytes === y.sizeBytes && x.signed === y.signed) return x.name.includes('long long') ? x : y.name.includes('long long') ? y : x;
  if (x.signed === y.signed) return x.sizeBytes > y.sizeBytes ? x : y;
  const [u, s] = x.signed ? [y, x] : [x, y];
  if (u.sizeBytes >= s.sizeBytes) return u;
  // The signed type is wider and can represent every value of the unsigned one.
  return s;
}

export function sizeOf(t: CType): number | undefined {
  const s = strip(t);
  switch (s.kind) {
    case 'void':
      return 1; // GNU: sizeof(void) == 1
    case 'int':
    case 'float':
      return s.sizeBytes;
    case 'ptr':
      return 8;
    case 'array': {
      if (s.length === undefined) return undefined;
      const e = sizeOf(s.elem);
      return e === undefined ? undefined : e * s.length;
    }
    case 'func':
      return 1; // GNU
    case 'record':
      return s.info.complete ? s.info.sizeBytes : undefined;
    case 'enum':
      return s.info.underlying.sizeBytes;
    default:
      return assertNeverType(s);
  }
}

export function alignOf(t: CType): number {
  const s = strip(t);
  switch (s.kind) {
    case 'void':
    case 'func':
      return 1;
    case 'int':
    case 'float':
      return s.sizeBytes;
    case 'ptr':
      return 8;
    case 'array':
      return alignOf(s.elem);
    case 'record':
      return s.info.alignBytes;
    case 'enum':
      return s.info.underlying.sizeBytes;
    default:
      return assertNeverType(s);
  }
}

export function isComplete(t: CType): boolean {
  const s = strip(t);
  if (s.kind === 'void') return false;
  if (s.kind === 'record') return s.info.complete;
  if (s.kind === 'array') return s.length !== undefined && isComplete(s.elem);
  return true;
}

/** C11 6.2.7: compatible types (simplified: structural, ignoring top-level qualifiers where C allows). */
export function sameType(a: CType, b: CType): boolean {
  const x = strip(a);
  const y = strip(b);
  if (x.kind !== y.kind) {
    // An enum is compatible with its underlying integer type.
    if (x.kind === 'enum' && y.kind === 'int') return sameType(x.info.underlying, y);
    if (x.kind === 'int' && y.kind === 'enum') return sameType(x, y.info.underlying);
    return false;
  }
  switch (x.kind) {
    case 'void':
      return true;
    case 'int': {
      const yi = y as IntType;
      return x.sizeBytes === yi.sizeBytes && x.signed === yi.signed && !!x.isBool === !!yi.isBool && (x.name === 'char') === (yi.name === 'char');
    }
    case 'float':
      return x.sizeBytes === (y as typeof x).sizeBytes;
    case 'ptr': {
      const yp = y as typeof x;
      const qa = qualifiersOf(x.to);
      const qb = qualifiersOf(yp.to);
      return qa.const === qb.const && qa.volatile === qb.volatile && sameType(x.to, yp.to);
    }
    case 'array': {
      const ya = y as typeof x;
      return (x.length === undefined || ya.length === undefined || x.length === ya.length) && sameType(x.elem, ya.elem);
    }
    case 'func': {
      const yf = y as typeof x;
      if (!sameType(x.ret, yf.ret)) return false;
      if (!x.hasPrototype || !yf.hasPrototype) return true;
      return x.params.length === yf.params.length && x.variadic === yf.variadic && x.params.every((p, i) => sameType(p.type, yf.params[i]!.type));
    }
    case 'record':
      return x.info === (y as typeof x).info;
    case 'enum':
      return x.info === (y as typeof x).info;
    default:
      return assertNeverType(x);
  }
}

/** Spells a type the way C would, for messages: 'unsigned int', 'struct iphdr *', 'int [4]'. */
export function typeToString(t: CType, inner = ''): string {
  switch (t.kind) {
    case 'void':
      return join('void', inner);
    case 'int':
    case 'float':
      return join(t.name, inner);
    case 'typedef':
      return join(t.name, inner);
    case 'qual': {
      const q = [t.const ? 'const' : '', t.volatile ? 'volatile' : ''].filter(Boolean).join(' ');
      const base = strip(t.type);
      if (base.kind === 'ptr') return typeToString(t.type, join(q, inner));
      return `${q} ${typeToString(t.type, inner)}`;
    }
    case 'ptr': {
      const to = strip(t.to);
      const wrap = to.kind === 'array' || to.kind === 'func';
      return typeToString(t.to, wrap ? `(*${inner})` : `*${inner}`);
    }
    case 'array':
      return typeToString(t.elem, `${inner}[${t.length ?? ''}]`);
    case 'func': {
      const ps = t.params.map((p) => typeToString(p.type));
      if (t.variadic) ps.push('...');
      if (ps.length === 0 && t.hasPrototype) ps.push('void');
      return typeToString(t.ret, `${inner}(${ps.join(', ')})`);
    }
    case 'record':
      return join(`${t.info.tag} ${t.info.name ?? '(anonymous)'}`, inner);
    case 'enum':
      return join(`enum ${t.info.name ?? '(anonymous)'}`, inner);
    default:
      return assertNeverType(t);
  }
}

function join(base: string, inner: string): string {
  if (inner === '') return base;
  return inner.startsWith('[') ? `${base}${inner}` : `${base} ${inner}`;
}

export function assertNeverType(x: never): never {
  throw new Error(`internal: unexpected type ${JSON.stringify(x)}`);
}
