// CO-RE: applies an object's .BTF.ext core_relo records against the kernel's BTF, as the loader
// (libbpf) does before BPF_PROG_LOAD, so that the verifier judges the code the kernel will see.
// Needs: the object's BTF (local types), the kernel's BTF (target types) and the functions with
// their coreRelos. Gives: copies of the functions with their instructions patched, and one
// failure per relocation that cannot be resolved. Written from the documented semantics
// (Documentation/bpf/btf.rst, llvm_reloc.rst and libbpf's documentation of bpf_core_read.h):
//   - candidates: target types of the same kind (any two enums are alike) whose name, without a
//     "___flavour" suffix, equals the local root type's name without its suffix;
//   - field relocations: the access string is walked on the local type; on each candidate the
//     named members are found by name (looking into anonymous structs and unions), array indices
//     must lie within the target array (a flexible array at a struct's end takes any index), and
//     the field types must be compatible (composites with composites, ints with ints, ...);
//   - type relocations: the candidate's type must be compatible with the local one, recursively
//     through pointers, arrays and function prototypes (TYPE_MATCHES is stricter: members by name);
//   - enumerator relocations: the enumerator is found by name, without its flavour suffix;
//   - every candidate that matches must give the same value, or the loader refuses the object;
//   - when no candidate matches, existence checks and type relocations give 0, and every other
//     relocation "poisons" its instruction: it becomes `call 0xbad2310`, which the kernel refuses
//     if, and only if, the instruction is reachable;
//   - the value then goes into the instruction: the immediate of an ALU instruction, the offset of
//     a load or store (whose size follows a field whose size changed, when that is safe: unsigned
//     integers and pointers; otherwise the instruction is poisoned), or both halves of an ld_imm64.
import type { BtfId, BtfType } from '../bpf/btf.js';
import { CORE_POISON_HELPER, coreReloKind, essentialName, type CoreReloKindInfo } from '../bpf/core-relo.js';
import type { Insn } from '../bpf/insn.js';
import type { CoreRelo, FunctionCode } from '../bpf/object.js';
import { CLASS_CODE, CLASS_MASK, OPCODE_CALL, OPCODE_LD_IMM64, SIZE_CODE, SIZE_MASK, type MemSize } from '../bpf/opcodes.js';

/** The kernel's BTF, with its types indexed by essential name for the candidate search. */
export interface TargetBtf {
  types: readonly BtfType[];
  /** Where the types come from, for messages ("/sys/kernel/btf/vmlinux"). */
  origin: string;
  byName: Map<string, BtfId[]>;
}

export function targetBtf(types: readonly BtfType[], origin: string): TargetBtf {
  const byName = new Map<string, BtfId[]>();
  types.forEach((t, i) => {
    const name = namedKind(t);
    if (name === undefined || name === '') return;
    const key = essentialName(name);
    const list = byName.get(key);
    if (list) list.push(i + 1);
    else byName.set(key, [i + 1]);
  });
  return { types, origin, byName };
}

export interface CoreFailure {
  /** Instruction index within the function. */
  insnIndex: number;
  /** What was relocated: "struct task_struct.pid", "enum foo::BAR", "struct x". */
  what: string;
  reason: string;
  /**
   * true: the loader refuses the whole object (a malformed record, an ambiguous result, a value
   * that does not fit the instruction); false: the instruction is poisoned, and the kernel
   * refuses the program only if it reaches it.
   */
  fatal: boolean;
}

/** The diagnostic's message for a failed relocation. */
export function coreFailureHeadline(f: CoreFailure): string {
  return `CO-RE relocation of '${f.what}' cannot be resolved against the kernel's BTF: ${f.reason}`;
}

export interface RelocatedFunctions {
  functions: FunctionCode[];
  /** Per relocated function (by the copy's identity), its failures. */
  failures: Map<FunctionCode, CoreFailure[]>;
  count: number;
}

/** Relocates every function that has core_relo records; the others are returned as they are. */
export function applyCoreRelocations(functions: readonly FunctionCode[], local: readonly BtfType[], target: TargetBtf): RelocatedFunctions {
  const failures = new Map<FunctionCode, CoreFailure[]>();
  let count = 0;
  const out = functions.map((fn) => {
    if (!fn.coreRelos || fn.coreRelos.length === 0) return fn;
    const insns = fn.insns.map((i) => ({ ...i }));
    const copy: FunctionCode = { ...fn, insns };
    const list: CoreFailure[] = [];
    for (const relo of fn.coreRelos) {
      count++;
      const f = relocateOne(relo, insns, local, target);
      if (f) list.push(f);
    }
    if (list.length > 0) failures.set(copy, list);
    return copy;
  });
  return { functions: out, failures, count };
}

// ---- BTF helpers ------------------------------------------------------------------------------

function namedKind(t: BtfType): string | undefined {
  switch (t.kind) {
    case 'int': case 'struct': case 'union': case 'enum': case 'fwd': case 'func':
      return t.name;
    case 'typedef':
      return t.component === undefined ? t.name : undefined; // a DECL_TAG's stand-in is no type
    default:
      return undefined;
  }
}

const typeAt = (types: readonly BtfType[], id: BtfId): BtfType | undefined => (id === 0 ? undefined : types[id - 1]);

/** Skips const/volatile/restrict and typedefs (and TYPE_TAGs, read as typedefs). */
function skipMods(types: readonly BtfType[], id: BtfId): { id: BtfId; t: BtfType | undefined } {
  for (let depth = 0; depth < 64; depth++) {
    const t = typeAt(types, id);
    if (!t || !(t.kind === 'typedef' || t.kind === 'const' || t.kind === 'volatile' || t.kind === 'restrict')) return { id, t };
    id = t.type;
  }
  return { id, t: undefined };
}

/** The size in bytes of a type, or undefined when it has none (void, function, forward). */
function sizeOf(types: readonly BtfType[], id: BtfId): number | undefined {
  const { t } = skipMods(types, id);
  if (!t) return undefined;
  switch (t.kind) {
    case 'int': case 'struct': case 'union': case 'enum':
      return t.sizeBytes;
    case 'ptr':
      return 8;
    case 'array': {
      const e = sizeOf(types, t.elem);
      return e === undefined ? undefined : e * t.nelems;
    }
    default:
      return undefined;
  }
}

const isComposite = (t: BtfType | undefined): t is Extract<BtfType, { kind: 'struct' | 'union' }> =>
  t?.kind === 'struct' || t?.kind === 'union';

/** Same kind, where any two enums are alike (btf_kind_core_compat). */
function kindsAlike(a: BtfType, b: BtfType): boolean {
  return a.kind === b.kind;
}

function typeName(types: readonly BtfType[], id: BtfId): string {
  const t = typeAt(types, id);
  if (!t) return 'void';
  const n = namedKind(t);
  if (t.kind === 'struct' || t.kind === 'union' || t.kind === 'enum') return `${t.kind} ${n || '(anon)'}`;
  if (n !== undefined) return n || '(anon)';
  return t.kind;
}

// ---- the access spec --------------------------------------------------------------------------

interface Accessor {
  /** For a member: the composite's id; for an array element or the root: the element's id. */
  typeId: BtfId;
  idx: number;
  /** A named member (or an enumerator); undefined for an array index. */
  name?: string;
}

interface Spec {
  rootId: BtfId;
  accessors: Accessor[];
  bitOffset: number;
}

class BadRecord extends Error {}

/** Walks the access string on the local type (named members only become accessors). */
function parseLocal(types: readonly BtfType[], relo: CoreRelo, info: CoreReloKindInfo): Spec {
  const raw = relo.access.split(':').map((s) => (/^\d+$/.test(s) ? Number(s) : NaN));
  if (raw.length === 0 || raw.some((n) => Number.isNaN(n))) throw new BadRecord(`access string '${relo.access}' is malformed`);
  const root = skipMods(types, relo.typeId);
  if (!root.t) throw new BadRecord(`type [${relo.typeId}] is not a type of the object's BTF`);
  const spec: Spec = { rootId: relo.typeId, accessors: [{ typeId: root.id, idx: raw[0]! }], bitOffset: 0 };
  if (info.cls === 'type') {
    if (relo.access !== '0') throw new BadRecord(`a type relocation has access string '${relo.access}', not '0'`);
    return spec;
  }
  if (info.cls === 'enumval') {
    if (root.t.kind !== 'enum' || raw.length > 1 || raw[0]! >= root.t.values.length) throw new BadRecord(`access '${relo.access}' is not an enumerator of ${typeName(types, root.id)}`);
    spec.accessors[0]!.name = root.t.values[raw[0]!]!.name;
    return spec;
  }
  const rootSize = sizeOf(types, root.id);
  if (rootSize === undefined) throw new BadRecord(`${typeName(types, root.id)} has no size`);
  spec.bitOffset = raw[0]! * rootSize * 8;
  let id = root.id;
  for (let i = 1; i < raw.length; i++) {
    const cur = skipMods(types, id);
    id = cur.id;
    const idx = raw[i]!;
    if (isComposite(cur.t)) {
      const m = cur.t.members[idx];
      if (!m) throw new BadRecord(`member ${idx} of ${typeName(types, id)} does not exist`);
      spec.bitOffset += m.bitOffset;
      if (m.name !== '') spec.accessors.push({ typeId: id, idx, name: m.name });
      id = m.type;
    } else if (cur.t?.kind === 'array') {
      const elem = skipMods(types, cur.t.elem);
      if (!isFlexArray(types, spec.accessors[spec.accessors.length - 1], cur.t) && idx >= cur.t.nelems) {
        throw new BadRecord(`index ${idx} is beyond the ${cur.t.nelems} elements of the array`);
      }
      spec.accessors.push({ typeId: elem.id, idx });
      spec.bitOffset += idx * (sizeOf(types, elem.id) ?? 0) * 8;
      id = elem.id;
    } else {
      throw new BadRecord(`access '${relo.access}' steps into ${typeName(types, id)}, which is neither a struct, a union nor an array`);
    }
  }
  return spec;
}

/** An array of no elements that is the last member of the struct the previous accessor named. */
function isFlexArray(types: readonly BtfType[], prev: Accessor | undefined, arr: { nelems: number }): boolean {
  if (!prev?.name || arr.nelems > 0) return false;
  const t = typeAt(types, prev.typeId);
  return isComposite(t) && prev.idx === t.members.length - 1;
}

/** "struct task_struct.pid", "struct x.arr[2]", "enum e::V", "struct x". */
function describe(types: readonly BtfType[], spec: Spec, info: CoreReloKindInfo): string {
  let s = typeName(types, skipMods(types, spec.rootId).id);
  if (info.cls === 'enumval') return `${s}::${spec.accessors[0]!.name}`;
  if (info.cls === 'type') return typeName(types, spec.rootId);
  if (spec.accessors[0]!.idx !== 0) s += `[${spec.accessors[0]!.idx}]`;
  for (const a of spec.accessors.slice(1)) s += a.name !== undefined ? `.${a.name}` : `[${a.idx}]`;
  return s;
}

// ---- matching against one candidate ------------------------------------------------------------

function fieldsCompatible(lt: readonly BtfType[], lid: BtfId, tt: readonly BtfType[], tid: BtfId, depth = 0): boolean {
  if (depth > 32) return false;
  const l = skipMods(lt, lid).t;
  const t = skipMods(tt, tid).t;
  if (!l || !t) return false;
  if (isComposite(l) && isComposite(t)) return true;
  if (!kindsAlike(l, t)) return false;
  switch (l.kind) {
    case 'ptr':
      return true;
    case 'fwd':
    case 'enum': {
      const ln = essentialName(l.name);
      return (namedKind(t) ?? '').startsWith(ln);
    }
    case 'int':
      return l.bitOffset === 0 && t.kind === 'int' && t.bitOffset === 0;
    case 'array':
      return t.kind === 'array' && fieldsCompatible(lt, l.elem, tt, t.elem, depth + 1);
    default:
      return false;
  }
}

/** bpf_core_types_are_compat: the shape of the two types, through pointers, arrays and prototypes. */
function typesCompatible(lt: readonly BtfType[], lid: BtfId, tt: readonly BtfType[], tid: BtfId, depth = 0): boolean {
  if (depth > 32) return false;
  const l = skipMods(lt, lid).t;
  const t = skipMods(tt, tid).t;
  if (!l || !t) return !l && !t;
  if (!kindsAlike(l, t)) return false;
  switch (l.kind) {
    case 'struct': case 'union': case 'enum': case 'fwd':
      return true;
    case 'int':
      return l.bitOffset === 0 && t.kind === 'int' && t.bitOffset === 0;
    case 'ptr':
      return t.kind === 'ptr' && typesCompatible(lt, l.type, tt, t.type, depth + 1);
    case 'array':
      return t.kind === 'array' && typesCompatible(lt, l.elem, tt, t.elem, depth + 1);
    case 'func_proto':
      return t.kind === 'func_proto' && l.params.length === t.params.length &&
        l.params.every((p, i) => typesCompatible(lt, p.type, tt, t.params[i]!.type, depth + 1)) &&
        typesCompatible(lt, l.ret, tt, t.ret, depth + 1);
    default:
      return false;
  }
}

/** TYPE_MATCHES: like compatibility, but members and enumerators must match by name, ints by size and sign. */
function typesMatch(lt: readonly BtfType[], lid: BtfId, tt: readonly BtfType[], tid: BtfId, behindPtr: boolean, depth = 0): boolean {
  if (depth > 32) return false;
  const l = skipMods(lt, lid).t;
  const t = skipMods(tt, tid).t;
  if (!l || !t) return !l && !t;
  const ln = namedKind(l), tn = namedKind(t);
  if (ln && tn !== undefined && essentialName(ln) !== essentialName(tn)) return false;
  if (l.kind === 'fwd' || t.kind === 'fwd') return (l.kind === 'fwd' ? (t.kind === 'fwd' || isComposite(t)) : isComposite(l));
  if (!kindsAlike(l, t)) return false;
  switch (l.kind) {
    case 'struct': case 'union': {
      if (behindPtr || t.kind !== l.kind) return t.kind === l.kind;
      return l.members.every((m) => {
        const tm = t.members.find((x) => x.name === m.name);
        return tm !== undefined && typesMatch(lt, m.type, tt, tm.type, false, depth + 1);
      });
    }
    case 'enum':
      return t.kind === 'enum' && l.values.every((v) => t.values.some((x) => essentialName(x.name) === essentialName(v.name)));
    case 'int':
      return t.kind === 'int' && l.sizeBytes === t.sizeBytes && (l.encoding === 'signed') === (t.encoding === 'signed');
    case 'ptr':
      return t.kind === 'ptr' && typesMatch(lt, l.type, tt, t.type, true, depth + 1);
    case 'array':
      return t.kind === 'array' && l.nelems === t.nelems && typesMatch(lt, l.elem, tt, t.elem, behindPtr, depth + 1);
    case 'func_proto':
      return t.kind === 'func_proto' && l.params.length === t.params.length &&
        l.params.every((p, i) => typesMatch(lt, p.type, tt, t.params[i]!.type, behindPtr, depth + 1)) &&
        typesMatch(lt, l.ret, tt, t.ret, behindPtr, depth + 1);
    default:
      return false;
  }
}

/** Finds the local member `want` in the target composite `tid`, looking into anonymous members. */
function matchMember(lt: readonly BtfType[], want: Accessor, tt: readonly BtfType[], tid: BtfId, spec: Spec, depth = 0): BtfId | false {
  if (depth > 32) return false;
  const target = skipMods(tt, tid);
  if (!isComposite(target.t)) return false;
  const localType = typeAt(lt, want.typeId) as Extract<BtfType, { kind: 'struct' | 'union' }>;
  const localMember = localType.members[want.idx]!;
  for (let i = 0; i < target.t.members.length; i++) {
    const m = target.t.members[i]!;
    spec.bitOffset += m.bitOffset;
    if (m.name === '') {
      const found = matchMember(lt, want, tt, m.type, spec, depth + 1);
      if (found !== false) return found;
    } else if (m.name === localMember.name) {
      if (!fieldsCompatible(lt, localMember.type, tt, m.type)) return false;
      spec.accessors.push({ typeId: target.id, idx: i, name: m.name });
      return m.type;
    }
    spec.bitOffset -= m.bitOffset;
  }
  return false;
}

/** The target spec for one candidate root type, or undefined when it does not match. */
function matchCandidate(local: Spec, lt: readonly BtfType[], info: CoreReloKindInfo, relo: CoreRelo, tt: readonly BtfType[], cand: BtfId): Spec | undefined {
  if (info.cls === 'type') {
    const ok = info.name === 'TYPE_MATCHES' ? typesMatch(lt, relo.typeId, tt, cand, false) : typesCompatible(lt, relo.typeId, tt, cand);
    return ok ? { rootId: cand, accessors: [], bitOffset: 0 } : undefined;
  }
  if (info.cls === 'enumval') {
    const t = skipMods(tt, cand);
    if (t.t?.kind !== 'enum') return undefined;
    const want = essentialName(local.accessors[0]!.name!);
    const idx = t.t.values.findIndex((v) => essentialName(v.name) === want);
    return idx < 0 ? undefined : { rootId: cand, accessors: [{ typeId: t.id, idx, name: t.t.values[idx]!.name }], bitOffset: 0 };
  }
  const spec: Spec = { rootId: cand, accessors: [], bitOffset: 0 };
  let id = cand;
  for (let i = 0; i < local.accessors.length; i++) {
    const acc = local.accessors[i]!;
    const cur = skipMods(tt, id);
    if (!cur.t) return undefined;
    id = cur.id;
    if (acc.name !== undefined) {
      const next = matchMember(lt, acc, tt, id, spec);
      if (next === false) return undefined;
      id = next;
      continue;
    }
    if (i > 0) {
      if (cur.t.kind !== 'array') return undefined;
      if (!isFlexArray(tt, spec.accessors[spec.accessors.length - 1], cur.t) && acc.idx >= cur.t.nelems) return undefined;
      id = skipMods(tt, cur.t.elem).id;
    }
    const size = sizeOf(tt, id);
    if (size === undefined) return undefined;
    spec.accessors.push({ typeId: id, idx: acc.idx });
    spec.bitOffset += acc.idx * size * 8;
  }
  return spec;
}

// ---- the value ----------------------------------------------------------------------------------

interface Value {
  value: bigint;
  poison: boolean;
  /** For a FIELD_BYTE_OFFSET of a whole field: its size and type, to resize loads and stores. */
  fieldSize?: number;
  fieldType?: BtfType;
}

function fieldValue(types: readonly BtfType[], spec: Spec | undefined, info: CoreReloKindInfo): Value {
  if (info.name === 'FIELD_EXISTS') return { value: spec ? 1n : 0n, poison: false };
  if (!spec) return { value: 0n, poison: true };
  const acc = spec.accessors[spec.accessors.length - 1]!;
  if (acc.name === undefined) {
    const size = sizeOf(types, acc.typeId) ?? 0;
    if (info.name === 'FIELD_BYTE_OFFSET') return { value: BigInt(spec.bitOffset / 8), poison: false, fieldSize: size, fieldType: skipMods(types, acc.typeId).t };
    if (info.name === 'FIELD_BYTE_SIZE') return { value: BigInt(size), poison: false };
    throw new BadRecord(`${info.name} of an array element or of the root type`);
  }
  const parent = typeAt(types, acc.typeId) as Extract<BtfType, { kind: 'struct' | 'union' }>;
  const m = parent.members[acc.idx]!;
  const mt = skipMods(types, m.type).t;
  const bitOff = spec.bitOffset;
  let bitSize = m.bitfieldSize;
  const bitfield = bitSize > 0;
  let byteSize: number;
  let byteOff: number;
  if (bitfield) {
    byteSize = mt && 'sizeBytes' in mt ? mt.sizeBytes : 0;
    if (byteSize === 0) throw new BadRecord(`bitfield ${m.name} has no integer type`);
    byteOff = Math.floor(bitOff / 8 / byteSize) * byteSize;
    while (bitOff + bitSize - byteOff * 8 > byteSize * 8) {
      if (byteSize >= 8) throw new BadRecord(`bitfield ${m.name} cannot be read with one 64-bit load`);
      byteSize *= 2;
      byteOff = Math.floor(bitOff / 8 / byteSize) * byteSize;
    }
  } else {
    byteSize = sizeOf(types, m.type) ?? 0;
    byteOff = bitOff / 8;
    bitSize = byteSize * 8;
  }
  switch (info.name) {
    case 'FIELD_BYTE_OFFSET':
      return { value: BigInt(byteOff), poison: false, ...(bitfield ? {} : { fieldSize: byteSize, fieldType: mt }) };
    case 'FIELD_BYTE_SIZE':
      return { value: BigInt(byteSize), poison: false };
    case 'FIELD_SIGNED':
      return { value: mt && ((mt.kind === 'enum' && mt.signed) || (mt.kind === 'int' && mt.encoding === 'signed')) ? 1n : 0n, poison: false };
    case 'FIELD_LSHIFT_U64':
      return { value: BigInt(64 - (bitOff + bitSize - byteOff * 8)), poison: false };
    case 'FIELD_RSHIFT_U64':
      return { value: BigInt(64 - bitSize), poison: false };
    default:
      throw new BadRecord(`kind ${info.name} on a field`);
  }
}

function typeValue(types: readonly BtfType[], spec: Spec | undefined, info: CoreReloKindInfo): Value {
  if (!spec) return { value: 0n, poison: false };
  switch (info.name) {
    case 'TYPE_ID_TARGET':
      return { value: BigInt(spec.rootId), poison: false };
    case 'TYPE_EXISTS': case 'TYPE_MATCHES':
      return { value: 1n, poison: false };
    case 'TYPE_SIZE':
      return { value: BigInt(sizeOf(types, spec.rootId) ?? 0), poison: false };
    default:
      throw new BadRecord(`kind ${info.name} on a type`);
  }
}

function enumValue(types: readonly BtfType[], spec: Spec | undefined, info: CoreReloKindInfo): Value {
  if (info.name === 'ENUMVAL_EXISTS') return { value: spec ? 1n : 0n, poison: false };
  if (!spec) return { value: 0n, poison: true };
  const acc = spec.accessors[0]!;
  const t = typeAt(types, acc.typeId) as Extract<BtfType, { kind: 'enum' }>;
  return { value: BigInt(t.values[acc.idx]!.value), poison: false };
}

function valueOf(types: readonly BtfType[], spec: Spec | undefined, info: CoreReloKindInfo): Value {
  if (info.cls === 'field') return fieldValue(types, spec, info);
  if (info.cls === 'type') return typeValue(types, spec, info);
  return enumValue(types, spec, info);
}

// ---- one relocation ------------------------------------------------------------------------------

function relocateOne(relo: CoreRelo, insns: Insn[], local: readonly BtfType[], target: TargetBtf): CoreFailure | undefined {
  const info = coreReloKind(relo.kind);
  const at = relo.insnIndex;
  const fail = (what: string, reason: string, fatal: boolean): CoreFailure => ({ insnIndex: at, what, reason, fatal });
  if (!info) return fail(`relocation kind ${relo.kind}`, `kind ${relo.kind} is not a CO-RE relocation kind`, true);
  if (!Number.isInteger(at) || at < 0 || at >= insns.length) return fail(info.name, `instruction ${at} is outside the function`, true);
  if (info.name === 'TYPE_ID_LOCAL') return patch(insns, at, { value: BigInt(relo.typeId), poison: false }, undefined, fail(typeName(local, relo.typeId), '', true));
  let what = `[${relo.typeId}] ${relo.access}`;
  try {
    const spec = parseLocal(local, relo, info);
    what = describe(local, spec, info);
    const rootName = namedKind(typeAt(local, relo.typeId) ?? { kind: 'ptr', type: 0 });
    if (!rootName) return fail(what, 'the relocated type has no name, so the kernel\'s type cannot be found', true);
    const localRoot = typeAt(local, relo.typeId)!;
    let result: Value | undefined;
    for (const cand of target.byName.get(essentialName(rootName)) ?? []) {
      const ct = typeAt(target.types, cand)!;
      if (!kindsAlike(localRoot, ct) || namedKind(ct) === undefined) continue;
      const tspec = matchCandidate(spec, local, info, relo, target.types, cand);
      if (!tspec) continue;
      const v = valueOf(target.types, tspec, info);
      if (result && (result.value !== v.value || result.poison !== v.poison)) {
        return fail(what, `candidate types of the kernel give different values (${result.value} and ${v.value}): the loader refuses the ambiguity`, true);
      }
      result ??= v;
    }
    const orig = info.cls === 'field' && info.name === 'FIELD_BYTE_OFFSET' ? fieldValue(local, spec, info) : undefined;
    if (!result) {
      result = valueOf(target.types, undefined, info);
      if (result.poison) {
        const why = (target.byName.get(essentialName(rootName)) ?? []).length === 0
          ? `the kernel has no type named '${essentialName(rootName)}'`
          : info.cls === 'enumval' ? 'the kernel\'s enum has no such enumerator'
            : 'no type of that name in the kernel has a compatible field along the access path';
        return patch(insns, at, result, orig, fail(what, why, false));
      }
    }
    return patch(insns, at, result, orig, fail(what, '', true));
  } catch (e) {
    if (!(e instanceof BadRecord)) throw e;
    return fail(what, e.message, true);
  }
}

const SIZE_OF_CODE: Record<number, number> = { [SIZE_CODE.b]: 1, [SIZE_CODE.h]: 2, [SIZE_CODE.w]: 4, [SIZE_CODE.dw]: 8 };
const CODE_OF_SIZE: Record<number, MemSize> = { 1: 'b', 2: 'h', 4: 'w', 8: 'dw' };

function poison(insns: Insn[], at: number): void {
  const wasLdImm64 = insns[at]!.code === OPCODE_LD_IMM64;
  insns[at] = { code: OPCODE_CALL, dst: 0, src: 0, off: 0, imm: CORE_POISON_HELPER };
  if (wasLdImm64 && at + 1 < insns.length) insns[at + 1] = { code: OPCODE_CALL, dst: 0, src: 0, off: 0, imm: CORE_POISON_HELPER };
}

/** Writes the value into the instruction; `failure` is returned (with its reason) when that fails. */
function patch(insns: Insn[], at: number, v: Value, orig: Value | undefined, failure: CoreFailure): CoreFailure | undefined {
  if (v.poison) {
    poison(insns, at);
    return failure;
  }
  const insn = insns[at]!;
  const cls = insn.code & CLASS_MASK;
  const refuse = (reason: string): CoreFailure => ({ ...failure, reason, fatal: true });
  switch (cls) {
    case CLASS_CODE.alu:
    case CLASS_CODE.alu64:
      if ((insn.code & 0x08) !== 0) return refuse('the instruction takes a register, not an immediate');
      insn.imm = Number(BigInt.asIntN(32, v.value));
      return undefined;
    case CLASS_CODE.ldx:
    case CLASS_CODE.st:
    case CLASS_CODE.stx: {
      if (v.value > 0x7fffn) return refuse(`the offset ${v.value} does not fit the instruction's 16-bit offset`);
      if (orig?.fieldSize !== undefined && v.fieldSize !== undefined && orig.fieldSize !== v.fieldSize) {
        const o = orig.fieldType, n = v.fieldType;
        const safe = (o?.kind === 'ptr' && n?.kind === 'ptr') ||
          (o?.kind === 'int' && n?.kind === 'int' && o.encoding !== 'signed' && n.encoding !== 'signed');
        if (!safe) {
          poison(insns, at);
          return { ...failure, reason: `the field is ${v.fieldSize} bytes in the kernel and ${orig.fieldSize} in the program, and a signed or non-integer field cannot be resized`, fatal: false };
        }
        if (SIZE_OF_CODE[insn.code & SIZE_MASK] !== orig.fieldSize) return refuse(`the access size is not the field's size (${orig.fieldSize} bytes)`);
        const size = CODE_OF_SIZE[v.fieldSize];
        if (!size) return refuse(`the kernel's field is ${v.fieldSize} bytes, which no load or store has`);
        insn.code = (insn.code & ~SIZE_MASK) | SIZE_CODE[size];
      }
      insn.off = Number(v.value);
      return undefined;
    }
    case CLASS_CODE.ld:
      if (insn.code !== OPCODE_LD_IMM64 || at + 1 >= insns.length) return refuse('the instruction is neither an ALU instruction, a load or store, nor an ld_imm64');
      insn.imm = Number(BigInt.asIntN(32, v.value));
      insns[at + 1]!.imm = Number(BigInt.asIntN(32, v.value >> 32n));
      return undefined;
    default:
      return refuse('the instruction is neither an ALU instruction, a load or store, nor an ld_imm64');
  }
}
