// The maps an object defines, as a loader creates them: BTF-defined maps in ".maps" (the
// __uint/__type/__array members libbpf's parse_btf_map_def reads), legacy definitions in a
// "maps" section (struct bpf_map_def or iproute2's struct bpf_elf_map: consecutive u32
// fields type, key_size, value_size, max_entries, map_flags), and the global-data sections
// (.rodata*, .data*, .bss*), which libbpf turns into one-element array maps (.rodata frozen
// and read-only for the program). Fields the object does not give stay undefined.
import type { BtfId, BtfType } from '../bpf/btf.js';
import { KCONFIG_VALUES } from '../bpf/kconfig.js';
import { mapTypeByName } from '../bpf/maps.js';
import type { DataSection, ObjectProgram } from '../bpf/object.js';

export type MapOrigin = 'btf' | 'legacy' | 'data';

export interface MapDef {
  /** The symbol name (or the data section's name). */
  name: string;
  origin: MapOrigin;
  /** enum bpf_map_type value. */
  type: number;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  flags: number;
  /** BTF id of the value type, when the map declares one. */
  valueTypeId: BtfId | undefined;
  /** Map-in-map: the inner map's definition (from __array(values, ...)). */
  inner: MapDef | undefined;
  /** Byte offset of a struct bpf_spin_lock / bpf_timer in the value, when the value type has one. */
  spinLockOff: number | undefined;
  timerOff: number | undefined;
  /** Global data: the section's initial bytes (zeros for .bss). */
  initial: Uint8Array | undefined;
  /** The section that holds the definition and the definition's byte offset in it. */
  section: string;
  offset: number;
  /** The ".kconfig" map: each extern's place in the value, and whether its value is known. */
  externs?: readonly { name: string; offset: number; sizeBytes: number; known: boolean }[];
  /** Kernel pointers the value holds (`__kptr`, `__kptr_untrusted`, `__percpu_kptr` fields). */
  kptrs?: readonly KptrField[];
}

export interface KptrField {
  offset: number;
  /** The struct it points to. */
  struct: string;
  /** The type tag: 'kptr' (referenced), 'kptr_untrusted' or 'percpu_kptr'. */
  tag: string;
}

const KPTR_TAGS = ['kptr', 'kptr_untrusted', 'percpu_kptr'];

/**
 * The kptr fields of a value type (btf_parse_fields): 8-byte pointers tagged `kptr`,
 * `kptr_untrusted` or `percpu_kptr`, in nested structs and arrays too. The reader gives a
 * TYPE_TAG as a typedef of the tag's name.
 */
/** A global variable that is itself a tagged kernel pointer. */
function globalKptr(btf: readonly BtfType[], id: BtfId): Omit<KptrField, 'offset'> | undefined {
  let t = btf[id - 1];
  for (let g = 0; t && (t.kind === 'const' || t.kind === 'volatile') && g < 8; g++) t = btf[t.type - 1];
  const tag = t?.kind === 'ptr' ? btf[t.type - 1] : undefined;
  if (tag?.kind !== 'typedef' || !KPTR_TAGS.includes(tag.name)) return undefined;
  const target = btfSkipModifiers(btf, tag.type).t;
  return target && (target.kind === 'struct' || target.kind === 'union' || target.kind === 'fwd') ? { struct: target.name, tag: tag.name } : undefined;
}

function kptrFields(btf: readonly BtfType[], id: BtfId, base: number, out: KptrField[], depth = 0): void {
  if (depth > 16) return;
  const t = btfSkipModifiers(btf, id).t;
  if (!t) return;
  if (t.kind === 'struct' || t.kind === 'union') {
    for (const m of t.members) {
      const at = base + Math.floor(m.bitOffset / 8);
      let mt = btf[m.type - 1];
      for (let g = 0; mt && (mt.kind === 'const' || mt.kind === 'volatile') && g < 8; g++) mt = btf[mt.type - 1];
      const tag = mt?.kind === 'ptr' ? btf[mt.type - 1] : undefined;
      if (tag?.kind === 'typedef' && KPTR_TAGS.includes(tag.name)) {
        const target = btfSkipModifiers(btf, tag.type).t;
        if (target && (target.kind === 'struct' || target.kind === 'union' || target.kind === 'fwd')) out.push({ offset: at, struct: target.name, tag: tag.name });
        continue;
      }
      kptrFields(btf, m.type, at, out, depth + 1);
    }
  } else if (t.kind === 'array' && t.nelems > 0) {
    const size = btfSizeOf(btf, t.elem) ?? 0;
    const inner: KptrField[] = [];
    kptrFields(btf, t.elem, 0, inner, depth + 1);
    if (inner.length > 0 && size > 0) {
      for (let i = 0; i < t.nelems && i < 1024; i++) for (const f of inner) out.push({ ...f, offset: base + i * size + f.offset });
    }
  }
}

const BPF_F_RDONLY_PROG = 1 << 7;
const BPF_F_MMAPABLE = 1 << 10;

/** Follows typedef/const/volatile/restrict. */
export function btfSkipModifiers(btf: readonly BtfType[], id: BtfId): { id: BtfId; t: BtfType | undefined } {
  let t = btf[id - 1];
  let guard = 0;
  while (t && (t.kind === 'typedef' || t.kind === 'const' || t.kind === 'volatile' || t.kind === 'restrict') && guard++ < 64) {
    id = t.type;
    t = btf[id - 1];
  }
  return { id, t };
}

/** The size of a BTF type in bytes (undefined for void, functions and unknown ids). */
export function btfSizeOf(btf: readonly BtfType[], id: BtfId, depth = 0): number | undefined {
  if (depth > 64) return undefined;
  const { t } = btfSkipModifiers(btf, id);
  if (!t) return undefined;
  switch (t.kind) {
    case 'int': case 'struct': case 'union': case 'enum': case 'datasec':
      return t.sizeBytes;
    case 'ptr':
      return 8;
    case 'array': {
      const e = btfSizeOf(btf, t.elem, depth + 1);
      return e === undefined ? undefined : e * t.nelems;
    }
    default:
      return undefined;
  }
}

/** The byte offset of the first member of struct `name` inside type `id` (depth-first). */
function findStructField(btf: readonly BtfType[], id: BtfId, name: string, base: number, depth: number): number | undefined {
  if (depth > 16) return undefined;
  const t = btfSkipModifiers(btf, id).t;
  if (!t) return undefined;
  if ((t.kind === 'struct' || t.kind === 'union') && t.name === name) return base;
  if (t.kind === 'struct' || t.kind === 'union') {
    for (const m of t.members) {
      const r = findStructField(btf, m.type, name, base + Math.floor(m.bitOffset / 8), depth + 1);
      if (r !== undefined) return r;
    }
  }
  if (t.kind === 'array' && t.nelems > 0) return findStructField(btf, t.elem, name, base, depth + 1);
  return undefined;
}

function memberValue(btf: readonly BtfType[], type: BtfId): number | undefined {
  // __uint(name, N) is `int (*name)[N]`.
  const p = btfSkipModifiers(btf, type).t;
  if (p?.kind !== 'ptr') return undefined;
  const a = btfSkipModifiers(btf, p.type).t;
  return a?.kind === 'array' ? a.nelems : undefined;
}

function pointee(btf: readonly BtfType[], type: BtfId): BtfId | undefined {
  const p = btfSkipModifiers(btf, type).t;
  return p?.kind === 'ptr' ? p.type : undefined;
}

function btfMapDef(btf: readonly BtfType[], name: string, structId: BtfId, section: string, offset: number): MapDef {
  const def: MapDef = {
    name, origin: 'btf', type: 0, keySize: 0, valueSize: 0, maxEntries: 0, flags: 0,
    valueTypeId: undefined, inner: undefined, initial: undefined, section, offset,
    spinLockOff: undefined, timerOff: undefined,
  };
  const st = btfSkipModifiers(btf, structId).t;
  if (st?.kind !== 'struct') return def;
  for (const m of st.members) {
    switch (m.name) {
      case 'type': def.type = memberValue(btf, m.type) ?? 0; break;
      case 'max_entries': def.maxEntries = memberValue(btf, m.type) ?? 0; break;
      case 'map_flags': def.flags = memberValue(btf, m.type) ?? 0; break;
      case 'key_size': def.keySize = memberValue(btf, m.type) ?? 0; break;
      case 'value_size': def.valueSize = memberValue(btf, m.type) ?? 0; break;
      case 'key': {
        const k = pointee(btf, m.type);
        if (k !== undefined) def.keySize = btfSizeOf(btf, k) ?? 0;
        break;
      }
      case 'value': {
        const v = pointee(btf, m.type);
        if (v !== undefined) {
          def.valueSize = btfSizeOf(btf, v) ?? 0;
          def.valueTypeId = v;
          def.spinLockOff = findStructField(btf, v, 'bpf_spin_lock', 0, 0);
          def.timerOff = findStructField(btf, v, 'bpf_timer', 0, 0);
          const kptrs: KptrField[] = [];
          kptrFields(btf, v, 0, kptrs);
          if (kptrs.length > 0) def.kptrs = kptrs;
        }
        break;
      }
      case 'values': {
        // __array(values, struct inner_def): an array of pointers to the inner definition.
        const arr = btfSkipModifiers(btf, m.type).t;
        if (arr?.kind === 'array') {
          const inner = pointee(btf, arr.elem);
          if (inner !== undefined) def.inner = btfMapDef(btf, `${name}.inner`, inner, section, offset);
        }
        break;
      }
      default:
        break;
    }
  }
  // Maps of maps hold map ids (4 bytes); perf event arrays and prog arrays hold fds.
  const tname = mapTypeName(def.type);
  if ((tname === 'array_of_maps' || tname === 'hash_of_maps' || tname === 'prog_array' ||
       tname === 'perf_event_array' || tname === 'cgroup_array' || tname === 'devmap' ||
       tname === 'sockmap' || tname === 'xskmap' || tname === 'cpumap' || tname === 'devmap_hash' ||
       tname === 'sockhash' || tname === 'reuseport_sockarray') && def.valueSize === 0) {
    def.valueSize = 4;
  }
  if ((tname === 'array_of_maps' || tname === 'prog_array' || tname === 'perf_event_array' ||
       tname === 'cgroup_array' || tname === 'array' || tname === 'percpu_array' ||
       tname === 'devmap' || tname === 'sockmap' || tname === 'xskmap' || tname === 'cpumap') && def.keySize === 0) {
    def.keySize = 4;
  }
  return def;
}

function mapTypeName(type: number): string {
  return ['unspec', 'hash', 'array', 'prog_array', 'perf_event_array', 'percpu_hash', 'percpu_array',
    'stack_trace', 'cgroup_array', 'lru_hash', 'lru_percpu_hash', 'lpm_trie', 'array_of_maps',
    'hash_of_maps', 'devmap', 'sockmap', 'cpumap', 'xskmap', 'sockhash', 'cgroup_storage',
    'reuseport_sockarray', 'percpu_cgroup_storage', 'queue', 'stack', 'sk_storage', 'devmap_hash',
    'struct_ops', 'ringbuf', 'inode_storage', 'task_storage', 'bloom_filter', 'user_ringbuf',
    'cgrp_storage'][type] ?? 'unknown';
}

function u32At(bytes: Uint8Array, off: number): number {
  if (off + 4 > bytes.length) return 0;
  return (bytes[off]! | (bytes[off + 1]! << 8) | (bytes[off + 2]! << 16) | (bytes[off + 3]! << 24)) >>> 0;
}

function isDataSection(name: string): boolean {
  return /^\.(rodata|data|bss)(\..*)?$/.test(name) && !name.startsWith('.data.rel');
}

function dataMap(sec: DataSection): MapDef {
  const rodata = sec.name.startsWith('.rodata');
  return {
    name: sec.name, origin: 'data', type: mapTypeByName('array')!.value, keySize: 4,
    valueSize: sec.bytes.length, maxEntries: 1,
    flags: (rodata ? BPF_F_RDONLY_PROG : 0) | BPF_F_MMAPABLE,
    valueTypeId: undefined, inner: undefined, initial: sec.bytes, section: sec.name, offset: 0,
    spinLockOff: undefined, timerOff: undefined,
  };
}

/** Every map the object defines, in section order. */
export function mapDefinitions(obj: ObjectProgram): MapDef[] {
  const out: MapDef[] = [];
  const btf = obj.btf;
  for (const sec of obj.data) {
    if (sec.name === '.maps') {
      const datasec = btf.find((t): t is Extract<BtfType, { kind: 'datasec' }> => t.kind === 'datasec' && t.name === '.maps');
      for (const v of datasec?.vars ?? []) {
        const varT = btf[v.type - 1];
        if (varT?.kind !== 'var') continue;
        out.push(btfMapDef(btf, varT.name, varT.type, sec.name, v.offset));
      }
      continue;
    }
    if (sec.name === 'maps' || sec.name.startsWith('maps/')) {
      for (const sym of sec.symbols) {
        const b = sec.bytes;
        const o = sym.offset;
        out.push({
          name: sym.name, origin: 'legacy', type: u32At(b, o), keySize: u32At(b, o + 4),
          valueSize: u32At(b, o + 8), maxEntries: u32At(b, o + 12),
          flags: sym.sizeBytes >= 20 ? u32At(b, o + 16) : 0,
          valueTypeId: undefined, inner: undefined, initial: undefined, section: sec.name, offset: o,
          spinLockOff: undefined, timerOff: undefined,
        });
      }
      continue;
    }
    if (isDataSection(sec.name) && sec.bytes.length > 0) {
      const def = dataMap(sec);
      const datasec = btf.find((t): t is Extract<BtfType, { kind: 'datasec' }> => t.kind === 'datasec' && t.name === sec.name);
      const kptrs: KptrField[] = [];
      // The kernel reads the section's DATASEC as the value type (a global bpf_spin_lock).
      if (datasec) def.valueTypeId = btf.indexOf(datasec) + 1;
      for (const v of datasec?.vars ?? []) {
        const varT = btf[v.type - 1];
        if (varT?.kind !== 'var') continue;
        def.spinLockOff ??= findStructField(btf, varT.type, 'bpf_spin_lock', v.offset, 0);
        def.timerOff ??= findStructField(btf, varT.type, 'bpf_timer', v.offset, 0);
        const one: KptrField[] = [];
        kptrFields(btf, v.type, 0, one);
        const tagged = globalKptr(btf, varT.type);
        if (tagged) kptrs.push({ ...tagged, offset: v.offset });
        for (const f of one) kptrs.push({ ...f, offset: v.offset + f.offset });
      }
      if (kptrs.length > 0) def.kptrs = kptrs;
      out.push(def);
    }
  }
  const kconfig = kconfigMap(btf);
  if (kconfig) out.push(kconfig);
  return out;
}

/**
 * The ".kconfig" map libbpf makes for `__kconfig` externs (BTF DATASEC ".kconfig"): read-only,
 * the externs laid out as libbpf's bpf_object__collect_externs does (largest alignment first,
 * then by name), each value from src/bpf/kconfig.ts when known there (zero otherwise).
 */
function kconfigMap(btf: readonly BtfType[]): MapDef | undefined {
  const datasec = btf.find((t): t is Extract<BtfType, { kind: 'datasec' }> => t.kind === 'datasec' && t.name === '.kconfig');
  if (!datasec || datasec.vars.length === 0) return undefined;
  const vars = datasec.vars.flatMap((v) => {
    const t = btf[v.type - 1];
    if (t?.kind !== 'var') return [];
    const size = btfSizeOf(btf, t.type) ?? v.sizeBytes;
    return [{ name: t.name, sizeBytes: size, align: Math.min(8, Math.max(1, size & -size)) }];
  });
  vars.sort((a, b) => b.align - a.align || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let end = 0;
  const externs = vars.map((v) => {
    const offset = Math.ceil(end / v.align) * v.align;
    end = offset + v.sizeBytes;
    return { name: v.name, offset, sizeBytes: v.sizeBytes, known: KCONFIG_VALUES[v.name] !== undefined };
  });
  const initial = new Uint8Array(Math.max(8, Math.ceil(end / 8) * 8));
  for (const e of externs) {
    let v = KCONFIG_VALUES[e.name] ?? 0n;
    for (let k = 0; k < e.sizeBytes && k < 8; k++, v >>= 8n) initial[e.offset + k] = Number(v & 0xffn);
  }
  return {
    name: '.kconfig', origin: 'data', type: mapTypeByName('array')!.value, keySize: 4, valueSize: initial.length,
    maxEntries: 1, flags: BPF_F_RDONLY_PROG | BPF_F_MMAPABLE, valueTypeId: undefined, inner: undefined,
    initial, section: '.kconfig', offset: 0, spinLockOff: undefined, timerOff: undefined, externs,
  };
}
