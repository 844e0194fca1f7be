// Turning declaration specifiers and declarators into types (C11 6.7.2,
// 6.7.6), and struct/union/enum definitions into RecordInfo/EnumInfo.
import type * as ast from '../parse/ast.js';
import type { Span } from '../diag/source.js';
import { isTypeName } from '../parse/ast.js';
import { assertNever } from '../util/assert-never.js';
import { evalIntConst } from './const-eval.js';
import { checkExpr } from './expr.js';
import { layoutRecord, type MemberDraft } from './layout.js';
import { claimName } from './lazy.js';
import { currentScope, error, isFileScope, lookupName, lookupTag, type SemaState } from './state.js';
import * as T from './types.js';
import type { CType, EnumInfo, IntType, RecordInfo } from './types.js';

/** Maps a sorted multiset of basic type words to a type. */
const BUILTIN_TYPES: [string[], CType][] = [
  [['void'], T.VOID],
  [['_Bool'], T.BOOL],
  [['char'], T.CHAR],
  [['signed', 'char'], T.SCHAR],
  [['unsigned', 'char'], T.UCHAR],
  [['short'], T.SHORT],
  [['short', 'int'], T.SHORT],
  [['signed', 'short'], T.SHORT],
  [['signed', 'short', 'int'], T.SHORT],
  [['unsigned', 'short'], T.USHORT],
  [['unsigned', 'short', 'int'], T.USHORT],
  [['int'], T.INT],
  [['signed'], T.INT],
  [['signed', 'int'], T.INT],
  [[], T.INT],
  [['unsigned'], T.UINT],
  [['unsigned', 'int'], T.UINT],
  [['long'], T.LONG],
  [['long', 'int'], T.LONG],
  [['signed', 'long'], T.LONG],
  [['signed', 'long', 'int'], T.LONG],
  [['unsigned', 'long'], T.ULONG],
  [['unsigned', 'long', 'int'], T.ULONG],
  [['long', 'long'], T.LLONG],
  [['long', 'long', 'int'], T.LLONG],
  [['signed', 'long', 'long'], T.LLONG],
  [['signed', 'long', 'long', 'int'], T.LLONG],
  [['unsigned', 'long', 'long'], T.ULLONG],
  [['unsigned', 'long', 'long', 'int'], T.ULLONG],
  [['__int128'], T.INT128],
  [['signed', '__int128'], T.INT128],
  [['unsigned', '__int128'], T.UINT128],
  [['float'], { kind: 'float', sizeBytes: 4, name: 'float' }],
  [['double'], { kind: 'float', sizeBytes: 8, name: 'double' }],
  [['long', 'double'], { kind: 'float', sizeBytes: 16, name: 'long double' }],
];

function canonicalWords(words: readonly string[]): string {
  if (words.length === 1 && words[0] !== '__signed' && words[0] !== '__signed__') return words[0]!;
  const norm = words.map((w) => (w === '__signed' || w === '__signed__' ? 'signed' : w));
  return norm.sort().join(' ');
}

/** BUILTIN_TYPES by canonicalWords(words): every basic-type specifier looks its type up here. */
const BUILTIN_TYPE_BY_WORDS: ReadonlyMap<string, CType> = new Map(BUILTIN_TYPES.map(([words, type]) => [canonicalWords(words), type]));

export function resolveSpecifiers(s: SemaState, specs: ast.DeclSpecifiers): CType {
  const base = resolveTypeSpecifier(s, specs.type, specs);
  return T.qualify(base, specs.qualifiers.includes('const'), specs.qualifiers.includes('volatile'));
}

function resolveTypeSpecifier(s: SemaState, spec: ast.TypeSpecifier, specs: ast.DeclSpecifiers): CType {
  switch (spec.kind) {
    case 'BuiltinType': {
      const found = BUILTIN_TYPE_BY_WORDS.get(canonicalWords(spec.words));
      if (!found) {
        error(s, 'E3012', `invalid combination of type specifiers '${spec.words.join(' ')}'`, spec.span);
        return T.INT;
      }
      return found;
    }
    case 'StructOrUnion':
      return { kind: 'record', info: resolveRecord(s, spec, specs.attributes) };
    case 'Enum':
      return { kind: 'enum', info: resolveEnum(s, spec) };
    case 'TypedefName': {
      const sym = lookupName(s, spec.name);
      if (!sym || sym.kind !== 'typedef') {
        // The parser reports an unknown type name once (E2008) and then treats it as a
        // typedef name; report it here only if that did not happen, and only once.
        const message = `unknown type name '${spec.name}'`;
        if (!s.ctx.diags.list.some((d) => (d.code === 'E2008' || d.code === 'E3001') && d.message === message)) error(s, 'E3001', message, spec.span);
        return T.INT;
      }
      return { kind: 'typedef', name: spec.name, type: sym.type };
    }
    case 'Typeof':
      if (isTypeName(spec.arg)) return resolveTypeName(s, spec.arg);
      return checkExpr(s, spec.arg, { noDecay: true }).type;
    default:
      return assertNever(spec);
  }
}

function resolveRecord(s: SemaState, spec: ast.StructOrUnionSpec, outerAttrs: ast.Attribute[]): RecordInfo {
  const scope = currentScope(s);
  let info: RecordInfo | undefined;
  if (spec.name !== undefined) {
    const visible = spec.members === undefined ? lookupTag(s, spec.name) : scope.tags.get(spec.name);
    if (visible) {
      if (visible.kind !== 'record' || visible.info.tag !== spec.tag) {
        error(s, 'E3002', `use of '${spec.name}' with tag type that does not match previous declaration`, spec.nameSpan ?? spec.span, [
          { message: 'previous use is here', span: visible.info.span },
        ]);
      } else info = visible.info;
    }
  }
  const fresh = (): RecordInfo => ({ tag: spec.tag, name: spec.name, members: [], sizeBytes: 0, alignBytes: 1, complete: false, packed: false, span: spec.nameSpan ?? spec.span, id: s.nextTypeId++ });
  if (info && spec.members !== undefined && info.complete) {
    // A second definition with the same members in the same order is the same type (C23
    // 6.7.2.3): a program may define struct vlan_hdr as a header it includes also does.
    const again = fresh();
    defineRecord(s, again, spec, outerAttrs);
    if (sameRecordContent(info, again)) return info;
    error(s, 'E3002', `redefinition of '${spec.tag} ${spec.name}'`, spec.nameSpan ?? spec.span, [
      { message: 'previous definition is here', span: info.span },
    ]);
    if (spec.name !== undefined) scope.tags.set(spec.name, { kind: 'record', info: again });
    return again;
  }
  if (!info) {
    info = fresh();
    if (spec.name !== undefined) scope.tags.set(spec.name, { kind: 'record', info });
  }
  if (spec.members !== undefined) defineRecord(s, info, spec, outerAttrs);
  return info;
}

/** Two complete records with the same members (names, types, offsets, bit-fields) and layout. */
function sameRecordContent(a: RecordInfo, b: RecordInfo): boolean {
  if (a.tag !== b.tag || a.sizeBytes !== b.sizeBytes || a.alignBytes !== b.alignBytes || a.members.length !== b.members.length) return false;
  return a.members.every((m, i) => {
    const n = b.members[i]!;
    return m.name === n.name && m.offsetBytes === n.offsetBytes && m.bitOffset === n.bitOffset && m.bitWidth === n.bitWidth && sameMemberType(m.type, n.type);
  });
}

/** Member types of two definitions: anonymous records inside them are new types each time. */
function sameMemberType(a: T.CType, b: T.CType): boolean {
  const x = T.strip(a);
  const y = T.strip(b);
  if (x.kind === 'record' && y.kind === 'record' && x.info !== y.info) return x.info.name === undefined && y.info.name === undefined && sameRecordContent(x.info, y.info);
  if (x.kind === 'array' && y.kind === 'array') return x.length === y.length && sameMemberType(x.elem, y.elem);
  return T.sameType(a, b);
}

/** Lays out the members of `spec` into `info`, completing it. */
function defineRecord(s: SemaState, info: RecordInfo, spec: ast.StructOrUnionSpec, outerAttrs: ast.Attribute[]): void {
  if (spec.members !== undefined) {
    const attrs = [...spec.attributes, ...outerAttrs];
    const packed = attrs.some((a) => a.name === 'packed');
    const alignAttr = attrs.find((a) => a.name === 'aligned');
    const drafts: MemberDraft[] = [];
    for (const m of spec.members) {
      const baseType = resolveSpecifiers(s, m.specifiers);
      if (m.declarators.length === 0) {
        // An anonymous struct/union member (C11 6.7.2.1p13).
        drafts.push({ type: baseType, span: m.span, packed: false });
        continue;
      }
      for (const d of m.declarators) {
        const { name, type } = d.declarator ? applyDeclarator(s, baseType, d.declarator) : { name: undefined, type: baseType };
        let bitWidth: number | undefined;
        if (d.bitWidth) {
          const w = evalIntConst(s, checkExpr(s, d.bitWidth));
          const sizeBits = (T.sizeOf(type) ?? 4) * 8;
          if (w === undefined) bitWidth = 1;
          else if (!T.isInteger(type)) {
            error(s, 'E3018', `bit-field '${name ?? '(anonymous)'}' has non-integral type '${T.typeToString(type)}'`, d.span);
            bitWidth = 1;
          } else if (w < 0n || w > BigInt(sizeBits) || (w === 0n && name !== undefined)) {
            error(s, 'E3018', `width of bit-field '${name ?? '(anonymous)'}' (${w} bits) is invalid for type '${T.typeToString(type)}' (${sizeBits} bits)`, d.bitWidth.span);
            bitWidth = 1;
          } else bitWidth = Number(w);
        }
        const memberAligned = d.attributes.find((a) => a.name === 'aligned');
        drafts.push({
          name,
          type,
          bitWidth,
          span: d.span,
          packed: packed || d.attributes.some((a) => a.name === 'packed'),
          alignBytes: memberAligned ? attrAlignment(s, memberAligned) : undefined,
        });
      }
    }
    reportDuplicateMembers(s, drafts);
    layoutRecord(s, info, drafts, { packed, alignBytes: alignAttr ? attrAlignment(s, alignAttr) : undefined });
    if (attrs.some((a) => a.name === 'preserve_access_index')) info.preserveAccessIndex = true;
    info.span = spec.nameSpan ?? spec.span;
  }
}

/**
 * Two members of one struct or union with the same name (C11 6.7.2.1p13: the members of an
 * anonymous struct or union member count as the enclosing record's): E3002 at the second, as
 * clang reports it, whether the record is used or not.
 */
function reportDuplicateMembers(s: SemaState, drafts: readonly MemberDraft[]): void {
  const seen = new Map<string, Span>();
  const add = (name: string, span: Span) => {
    const prev = seen.get(name);
    if (prev) error(s, 'E3002', `duplicate member '${name}'`, span, [{ message: 'previous declaration is here', span: prev }]);
    else seen.set(name, span);
  };
  const anonymous = (info: RecordInfo, span: Span) => {
    for (const m of info.members) {
      if (m.name !== undefined) add(m.name, span);
      else {
        const t = T.strip(m.type);
        if (t.kind === 'record' && !m.bitWidth) anonymous(t.info, span);
      }
    }
  };
  for (const d of drafts) {
    if (d.name !== undefined) add(d.name, d.span);
    else if (d.bitWidth === undefined) {
      const t = T.strip(d.type);
      if (t.kind === 'record') anonymous(t.info, d.span);
    }
  }
}

/** __attribute__((aligned)) or aligned(N). Without an argument: the target's largest alignment, 8. */
export function attrAlignment(s: SemaState, a: ast.Attribute): number {
  if (a.args.length === 0) return 8;
  const v = evalIntConst(s, checkExpr(s, a.args[0]!));
  if (v === undefined || v <= 0n || (v & (v - 1n)) !== 0n) {
    error(s, 'E3012', `requested alignment is not a positive power of 2`, a.span);
    return 1;
  }
  return Number(v);
}

function resolveEnum(s: SemaState, spec: ast.EnumSpec): EnumInfo {
  const scope = currentScope(s);
  if (spec.name !== undefined && spec.enumerators === undefined) {
    const found = lookupTag(s, spec.name);
    if (found && found.kind === 'enum') return found.info;
  }
  const info: EnumInfo = { name: spec.name, values: [], complete: false, underlying: T.UINT, span: spec.nameSpan ?? spec.span, id: s.nextTypeId++ };
  if (spec.name !== undefined) scope.tags.set(spec.name, { kind: 'enum', info });
  // A fixed underlying type (C23): the enum has its size and signedness, complete at once.
  let fixed: IntType | undefined;
  if (spec.base) {
    const t = T.strip(resolveTypeName(s, spec.base));
    if (t.kind === 'int' && t.sizeBytes <= 8) fixed = t;
    else error(s, 'E3004', `'${T.typeToString(t)}' cannot be the underlying type of an enum: it must be an integer type`, spec.base.span);
    if (fixed) Object.assign(info, { underlying: fixed, complete: true });
  }
  if (spec.enumerators) {
    let next = 0n;
    for (const e of spec.enumerators) {
      if (e.value) {
        const v = evalIntConst(s, checkExpr(s, e.value));
        if (v !== undefined) next = v;
      }
      info.values.push({ name: e.name, value: next });
      if (isFileScope(s)) claimName(s, e.name);
      const prev = scope.names.get(e.name);
      if (prev) error(s, 'E3002', `redefinition of enumerator '${e.name}'`, e.span, [{ message: 'previous definition is here', span: prev.span }]);
      scope.names.set(e.name, { kind: 'enumconst', name: e.name, type: T.INT, value: next, span: e.span });
      next++;
    }
    info.complete = true;
    info.underlying = fixed ?? enumUnderlying(info.values.map((v) => v.value));
    // Enumerators whose values do not fit int take the enum's type (GNU).
    for (const v of info.values) {
      const sym = scope.names.get(v.name);
      if (sym && sym.kind === 'enumconst' && (v.value > 0x7fffffffn || v.value < -0x80000000n)) sym.type = info.underlying;
    }
  }
  return info;
}

/** clang: unsigned int if every value is non-negative and fits, else int, else 64-bit. */
function enumUnderlying(values: bigint[]): IntType {
  const min = values.reduce((a, b) => (b < a ? b : a), 0n);
  const max = values.reduce((a, b) => (b > a ? b : a), 0n);
  if (min >= 0n && max <= 0xffffffffn) return T.UINT;
  if (min >= -0x80000000n && max <= 0x7fffffffn) return T.INT;
  if (min >= 0n) return T.ULONG;
  return T.LONG;
}

export interface DeclaredName {
  name?: string;
  nameSpan?: ast.Declarator['span'];
  type: CType;
  /** The parameter declarations if the outermost derived type is a function. */
  params?: ast.ParamDecl[];
}

/** Applies a declarator to a base type, from the outside in (see ast.ts). */
export function applyDeclarator(s: SemaState, base: CType, d: ast.Declarator): DeclaredName {
  switch (d.kind) {
    case 'IdentDeclarator':
      return { name: d.name, nameSpan: d.span, type: base };
    case 'PointerDeclarator': {
      const t = T.qualify(T.ptrTo(base), d.qualifiers.includes('const'), d.qualifiers.includes('volatile'));
      return applyDeclarator(s, t, d.inner);
    }
    case 'ArrayDeclarator': {
      let length: number | undefined;
      if (d.size) {
        const sizeExpr = checkExpr(s, d.size);
        const v = evalIntConst(s, sizeExpr, { quiet: true });
        if (v === undefined) {
          error(s, 'E3104', 'variable-length arrays are not supported in BPF programs: the array size must be an integer constant expression', d.size.span);
          length = 1;
        } else if (v < 0n) {
          error(s, 'E3012', `array has negative size (${v})`, d.size.span);
          length = 1;
        } else {
          const elemBytes = BigInt(T.sizeOf(base) ?? 1);
          if (v * elemBytes > BigInt(Number.MAX_SAFE_INTEGER)) {
            // Sizes are exact up to 2^53 - 1 bytes; anything near that is far beyond a BPF object.
            error(s, 'E3012', `array is too large: ${v} elements of ${elemBytes} bytes (at most 2^53 - 1 bytes)`, d.size.span);
            length = 1;
          } else length = Number(v);
        }
      }
      if (T.strip(base).kind === 'func') error(s, 'E3012', `array elements cannot have function type '${T.typeToString(base)}'`, d.span);
      return applyDeclarator(s, { kind: 'array', elem: base, length }, d.inner);
    }
    case 'FunctionDeclarator': {
      const params: { name?: string; type: CType }[] = [];
      for (const p of d.params) {
        const pt = applyDeclarator(s, resolveSpecifiers(s, p.specifiers), p.declarator);
        params.push({ name: pt.name, type: adjustParamType(pt.type) });
      }
      const onlyVoid = params.length === 1 && T.isVoid(params[0]!.type) && params[0]!.name === undefined;
      const ft: CType = { kind: 'func', ret: base, params: onlyVoid ? [] : params, variadic: d.variadic, hasPrototype: d.hasPrototype };
      const inner = applyDeclarator(s, ft, d.inner);
      if (d.inner.kind === 'IdentDeclarator') inner.params = onlyVoid ? [] : d.params;
      return inner;
    }
    default:
      return assertNever(d);
  }
}

/** C11 6.7.6.3p7-8: array and function parameters are adjusted to pointers. */
export function adjustParamType(t: CType): CType {
  const s = T.strip(t);
  if (s.kind === 'array') return T.ptrTo(s.elem);
  if (s.kind === 'func') return T.ptrTo(t);
  return t;
}

export function resolveTypeName(s: SemaState, tn: ast.TypeName): CType {
  return applyDeclarator(s, resolveSpecifiers(s, tn.specifiers), tn.declarator).type;
}

/** The string argument of an attribute such as section("xdp"). */
export function attrString(a: ast.Attribute): string | undefined {
  const arg = a.args[0];
  return arg && arg.kind === 'StringLit' ? arg.value : undefined;
}

export function findAttr(attrs: ast.Attribute[], name: string): ast.Attribute | undefined {
  return attrs.find((a) => a.name === name);
}
