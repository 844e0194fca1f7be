// Legacy maps, modernised. A `struct bpf_map_def SEC("maps") name = { .type = ...,
// .key_size = 4, .value_size = 8, .max_entries = 16 };` (sema role 'legacy-map')
// is emitted as the BTF-defined map libbpf 1.x expects, because libbpf 1.0
// refuses objects with a "maps" section. The map keeps its name and goes to
// ".maps"; its BTF type is a synthesized anonymous struct whose members are
// what `__uint(name, N)` declares, `int (*name)[N]`: a PTR to an ARRAY of N
// ints, for type, key_size, value_size, max_entries and (when non-zero)
// map_flags. libbpf reads key_size/value_size members as sizes, like key/value
// types (tools/lib/bpf/libbpf.c, parse_btf_map_def). When the map has a
// BPF_ANNOTATE_KV_PAIR annotation (`____btf_map_NAME` in ".maps.NAME"), its key
// and value member types become `key` and `value` members (`__type(key, K)`: a
// PTR to K), so the map carries BTF for them as it did with the old loaders.
// iproute2's `struct bpf_elf_map` spells the fields size_key, size_value,
// max_elem and flags. The conversion is reported as a note (E6020), pointing at
// the declaration. A map of maps names its inner map by iproute2's `inner_id` (the `id` of
// another map) or by the old loaders' `inner_map_idx` (the other map's index in "maps");
// the emitted map then ends with `__array(values, <inner map>)`, a zero-length ARRAY of PTR
// to the inner map's struct, from which libbpf creates the inner map's template.
// The first BTF-defined maps (libbpf 0.0.4, still in the kernel's samples/bpf/tcp_dumpstats_kern.c)
// gave `__u32 type; __u32 map_flags;` members with initialisers in SEC(".maps"); libbpf 1.x
// refuses them ("expected PTR, got int"). modernizeIntMembers gives each initialised integer
// member the `__uint` form the same way (note E6022); pointer members (`int *key`) stay.
import type { CompileContext } from '../context.js';
import type { GlobalVar, TExpr } from '../sema/program.js';
import { tryEval } from '../sema/const-eval.js';
import * as T from '../sema/types.js';
import type { BtfTypes } from './btf-gen.js';

/** The members libbpf knows, in the order they are emitted. */
const FIELDS = ['type', 'key_size', 'value_size', 'max_entries', 'map_flags'] as const;
const POINTER_BYTES = 8;

export interface ModernMap {
  /** BTF id of the synthesized struct: the type of the map's VAR. */
  typeId: number;
  /** Size of the map's storage in ".maps" (one pointer per member). */
  sizeBytes: number;
}

/** Other spellings of the fields: iproute2's struct bpf_elf_map. */
const ALIASES: Readonly<Record<string, (typeof FIELDS)[number]>> = {
  size_key: 'key_size',
  size_value: 'value_size',
  max_elem: 'max_entries',
  flags: 'map_flags',
};

const BPF_MAP_TYPE_ARRAY_OF_MAPS = 12;
const BPF_MAP_TYPE_HASH_OF_MAPS = 13;
const isMapOfMaps = (type: number) => type === BPF_MAP_TYPE_ARRAY_OF_MAPS || type === BPF_MAP_TYPE_HASH_OF_MAPS;

/** Every legacy map of the program, modernised, in declaration order (an inner map before the maps of maps that name it). */
export function modernizeLegacyMaps(globals: readonly GlobalVar[], btf: BtfTypes, ctx: CompileContext): Map<GlobalVar, ModernMap> {
  const legacy = globals.filter((g) => g.role === 'legacy-map');
  const fields = new Map(legacy.map((g) => [g, legacyFieldValues(g)]));
  const done = new Map<GlobalVar, ModernMap>();
  const innerOf = (g: GlobalVar): GlobalVar | undefined => {
    const f = fields.get(g)!;
    if (!isMapOfMaps(f.type)) return undefined;
    const inner =
      f.inner_id !== 0
        ? legacy.find((m) => m !== g && fields.get(m)!.id === f.inner_id)
        : f.hasInnerIdx
          ? legacy[f.inner_map_idx]
          : undefined;
    // libbpf reads one level of inner map only.
    return inner && inner !== g && !isMapOfMaps(fields.get(inner)!.type) ? inner : undefined;
  };
  const build = (g: GlobalVar): ModernMap => {
    let m = done.get(g);
    if (m) return m;
    const inner = innerOf(g);
    const innerMap = inner ? { name: inner.name, typeId: build(inner).typeId } : undefined;
    const annotation = globals.find((a) => a.role === 'map-annotation' && a.name === `____btf_map_${g.name}`);
    m = modernizeLegacyMap(g, fields.get(g)!, annotation, innerMap, btf, ctx);
    done.set(g, m);
    return m;
  };
  for (const g of legacy) build(g);
  return done;
}

/** Builds the BTF struct for a legacy map and reports the conversion. */
function modernizeLegacyMap(
  g: GlobalVar,
  values: LegacyFields,
  annotation: GlobalVar | undefined,
  inner: { name: string; typeId: number } | undefined,
  btf: BtfTypes,
  ctx: CompileContext,
): ModernMap {
  const b = btf.builder;
  const intId = btf.typeId(T.INT);
  const kv = annotatedTypes(annotation, values, ctx);
  const members = FIELDS.filter((f) => f !== 'map_flags' || values.map_flags !== 0).map((name, i) => {
    const typed = name === 'key_size' ? kv?.key : name === 'value_size' ? kv?.value : undefined;
    const bitOffset = i * POINTER_BYTES * 8;
    if (typed) return { name: name === 'key_size' ? 'key' : 'value', type: b.add({ kind: 'ptr', type: btf.typeId(typed) }), bitOffset, bitfieldSize: 0 };
    const array = b.add({ kind: 'array', elem: intId, index: intId, nelems: values[name] });
    return { name, type: b.add({ kind: 'ptr', type: array }), bitOffset, bitfieldSize: 0 };
  });
  const sizeBytes = members.length * POINTER_BYTES;
  if (inner) {
    // `__array(values, struct inner)`: it takes no bytes and must be the last member.
    const slots = b.add({ kind: 'array', elem: b.add({ kind: 'ptr', type: inner.typeId }), index: intId, nelems: 0 });
    members.push({ name: 'values', type: slots, bitOffset: sizeBytes * 8, bitfieldSize: 0 });
  }
  const typeId = b.add({ kind: 'struct', name: '', sizeBytes, members });
  const shown = FIELDS.filter((f) => f !== 'map_flags' || values.map_flags !== 0)
    .map((f) =>
      f === 'key_size' && kv ? `key ${T.typeToString(kv.key)}` : f === 'value_size' && kv ? `value ${T.typeToString(kv.value)}` : `${f} ${values[f]}`,
    )
    .concat(inner ? [`inner map '${inner.name}'`] : [])
    .join(', ');
  ctx.diags.report(
    'note',
    'E6020',
    `legacy map '${g.name}' in SEC("maps") is emitted as a BTF-defined map in SEC(".maps") (${shown}), ` +
      'because libbpf 1.x refuses the legacy "maps" section',
    g.span,
  );
  return { typeId, sizeBytes };
}

/**
 * A SEC(".maps") map whose members include integers with initial values, emitted with each such
 * member as `int (*name)[value]`; undefined when the map has none. An integer member without a
 * value is left out (libbpf's default), other members keep their types.
 */
export function modernizeIntMembers(g: GlobalVar, btf: BtfTypes, ctx: CompileContext): ModernMap | undefined {
  const t = T.strip(g.type);
  const init = g.init?.kind === 'Aggregate' ? g.init : undefined;
  if (t.kind !== 'record' || !init) return undefined;
  const valued = (m: T.StructMemberInfo): bigint | undefined => {
    if (!T.isInteger(T.strip(m.type))) return undefined;
    const entry = init.entries.find((e) => e.offsetBytes === m.offsetBytes);
    return entry ? constValue(entry.expr) : undefined;
  };
  if (!t.info.members.some((m) => valued(m) !== undefined)) return undefined;
  const b = btf.builder;
  const intId = btf.typeId(T.INT);
  const shown: string[] = [];
  const kept = t.info.members.filter((m) => m.name !== undefined && (!T.isInteger(T.strip(m.type)) || valued(m) !== undefined));
  const members = kept.map((m, i) => {
    const bitOffset = i * POINTER_BYTES * 8;
    const value = valued(m);
    if (value === undefined) return { name: m.name!, type: btf.typeId(m.type), bitOffset, bitfieldSize: 0 };
    const n = Number(BigInt.asUintN(32, value));
    shown.push(`${m.name} ${n}`);
    const array = b.add({ kind: 'array', elem: intId, index: intId, nelems: n });
    return { name: m.name!, type: b.add({ kind: 'ptr', type: array }), bitOffset, bitfieldSize: 0 };
  });
  const sizeBytes = members.length * POINTER_BYTES;
  ctx.diags.report(
    'note',
    'E6022',
    `map '${g.name}' gives ${shown.join(', ')} as initialised integer members, which libbpf 1.x refuses; ` +
      'they are emitted as __uint(name, value) declares them',
    g.span,
  );
  return { typeId: b.add({ kind: 'struct', name: '', sizeBytes, members }), sizeBytes };
}

/** The key and value types of a BPF_ANNOTATE_KV_PAIR annotation, when their sizes agree with the map's. */
function annotatedTypes(annotation: GlobalVar | undefined, values: LegacyFields, ctx: CompileContext): { key: T.CType; value: T.CType } | undefined {
  if (!annotation) return undefined;
  const t = T.strip(annotation.type);
  if (t.kind !== 'record') return undefined;
  const key = t.info.members.find((m) => m.name === 'key')?.type;
  const value = t.info.members.find((m) => m.name === 'value')?.type;
  if (!key || !value) return undefined;
  const keySize = T.sizeOf(key);
  const valueSize = T.sizeOf(value);
  if (keySize !== values.key_size || valueSize !== values.value_size) {
    ctx.diags.warning(
      'E6021',
      `the types of '${annotation.name}' (key ${keySize ?? '?'} bytes, value ${valueSize ?? '?'} bytes) do not match the sizes of map ` +
        `'${annotation.name.slice('____btf_map_'.length)}' (key_size ${values.key_size}, value_size ${values.value_size}); the map keeps its sizes and gets no key and value types`,
      annotation.span,
    );
    return undefined;
  }
  return { key, value };
}

/** A legacy definition's fields: libbpf's five, and how a map of maps names its inner map. */
type LegacyFields = Record<(typeof FIELDS)[number] | 'id' | 'inner_id' | 'inner_map_idx', number> & { hasInnerIdx: boolean };

/** The constant values of the initializer's fields (0 when absent). */
function legacyFieldValues(g: GlobalVar): LegacyFields {
  const out: LegacyFields = { type: 0, key_size: 0, value_size: 0, max_entries: 0, map_flags: 0, id: 0, inner_id: 0, inner_map_idx: 0, hasInnerIdx: false };
  const t = T.strip(g.type);
  if (t.kind !== 'record' || g.init?.kind !== 'Aggregate') return out;
  for (const m of t.info.members) {
    const name = (m.name !== undefined ? (ALIASES[m.name] ?? m.name) : undefined) as Exclude<keyof LegacyFields, 'hasInnerIdx'> | undefined;
    if (name === undefined || !(name in out)) continue;
    if (name === 'inner_map_idx') out.hasInnerIdx = true;
    const entry = g.init.entries.find((e) => e.offsetBytes === m.offsetBytes);
    const value = entry ? constValue(entry.expr) : undefined;
    if (value !== undefined) out[name] = Number(BigInt.asUintN(32, value));
  }
  return out;
}

/** The value of a constant initializer expression such as `MAX_VIPS * RING_SIZE` or `sizeof(struct v)`. */
function constValue(e: TExpr): bigint | undefined {
  return tryEval(e);
}
