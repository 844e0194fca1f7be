// Maps as the kernel keeps them, with the semantics BPF programs see (kernel/bpf/arraymap.c,
// hashtab.c, lpm_trie.c, ringbuf.c): arrays whose elements always exist, hash maps with a
// capacity, an LRU variant that evicts the least recently used element, per-CPU variants with
// one value per CPU, a longest-prefix-match trie, a program array for tail calls, devmap/cpumap
// (redirect targets), perf event arrays and ring buffers (events are captured).
//
// Every value a program can point at lives in its own region (memory.ts), so a lookup returns
// a checked pointer. Errors are the kernel's negative errno values.
import { mapTypeByValue } from '../bpf/maps.js';
import type { MapDef } from '../obj/map-defs.js';
import type { Memory, Region } from './memory.js';

export const EPERM = 1;
export const ENOENT = 2;
export const E2BIG = 7;
export const ENOMEM = 12;
export const EFAULT = 14;
export const EEXIST = 17;
export const EINVAL = 22;
export const ENOSPC = 28;
export const ENOTSUPP = 524;

/** bpf_map_update_elem flags (bpf/maps.ts MAP_UPDATE_FLAGS). */
const BPF_ANY = 0;
const BPF_NOEXIST = 1;
const BPF_EXIST = 2;
const BPF_F_LOCK = 4;
const BPF_F_RDONLY_PROG = 1 << 7;

/** An event a program emitted (ring buffer record or perf event). */
export interface MapEvent {
  map: string;
  kind: 'ringbuf' | 'perf_event';
  /** perf events: the CPU index written to. */
  cpu?: number;
  data: Uint8Array;
}

export interface MapEntry {
  key: Uint8Array;
  /** One value per CPU for per-CPU maps, else one. */
  values: Uint8Array[];
}

/** Keys as strings for JS maps: one char per byte of bytes[start, start + length). */
export function keyString(bytes: Uint8Array, start = 0, length = bytes.length - start): string {
  let s = '';
  for (let i = start; i < start + length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

function round8(n: number): number {
  return (n + 7) & ~7;
}

/** What every map offers the helpers and the session. */
export abstract class BpfMap {
  /** The opaque region a program's ld_imm64 of this map points at. */
  readonly region: Region;
  readonly typeName: string;
  constructor(readonly def: MapDef, readonly index: number, readonly mem: Memory, readonly cpus: number) {
    this.typeName = mapTypeByValue(def.type)?.name ?? `type ${def.type}`;
    this.region = mem.add('map', `map '${def.name}'`, new Uint8Array(0), { opaque: true, mapIndex: index });
  }
  get name(): string {
    return this.def.name;
  }
  get perCpu(): boolean {
    return false;
  }
  /** bpf_map_lookup_elem from the program (CPU `cpu`): the value region, or undefined (NULL). */
  abstract lookup(key: Uint8Array, cpu: number): Region | undefined;
  /** lookup() of the key at bytes[offset, offset + key size), without copying it. */
  lookupAt(bytes: Uint8Array, offset: number, cpu: number): Region | undefined {
    return this.lookup(bytes.subarray(offset, offset + this.def.keySize), cpu);
  }
  /** bpf_map_update_elem from the program: 0 or -errno. */
  abstract update(key: Uint8Array, value: Uint8Array, flags: number, cpu: number): number;
  /** bpf_map_delete_elem: 0 or -errno. */
  abstract delete(key: Uint8Array): number;
  /** User-space update: every CPU gets `values[cpu]` (or values[0]). Returns 0 or -errno. */
  abstract userUpdate(key: Uint8Array, values: Uint8Array[]): number;
  /** The present entries (arrays: every index), in key order. */
  abstract entries(): MapEntry[];
  /** The value region that ld_imm64 BPF_PSEUDO_MAP_VALUE points into, if the map has one. */
  directValue(): Region | undefined {
    return undefined;
  }
  protected checkFlags(flags: number): number {
    if (flags < 0 || (flags & ~(BPF_NOEXIST | BPF_EXIST | BPF_F_LOCK)) !== 0) return -EINVAL;
    if ((flags & (BPF_NOEXIST | BPF_EXIST)) === (BPF_NOEXIST | BPF_EXIST)) return -EINVAL;
    return 0;
  }
}

// ---- arrays ------------------------------------------------------------------------------------

/** array, percpu_array, and the fd arrays (prog_array, devmap, cpumap, perf_event_array, xskmap). */
export class ArrayMap extends BpfMap {
  private readonly stride: number;
  private readonly storage: Uint8Array;
  /** Region ids by element (and CPU), created on first use. */
  private readonly regionIds: Int32Array;
  private readonly readOnly: boolean;

  constructor(def: MapDef, index: number, mem: Memory, cpus: number, private readonly percpu: boolean) {
    super(def, index, mem, cpus);
    this.stride = round8(def.valueSize);
    const copies = percpu ? cpus : 1;
    this.storage = new Uint8Array(this.stride * def.maxEntries * copies);
    this.regionIds = new Int32Array(def.maxEntries * copies);
    this.readOnly = (def.flags & BPF_F_RDONLY_PROG) !== 0;
    if (def.initial) this.storage.set(def.initial.subarray(0, Math.min(def.initial.length, def.valueSize)));
  }

  override get perCpu(): boolean {
    return this.percpu;
  }

  index32(key: Uint8Array): number {
    if (key.length < 4) return -1;
    return (key[0]! | (key[1]! << 8) | (key[2]! << 16) | (key[3]! << 24)) >>> 0;
  }

  /** The bytes of element i on CPU cpu. */
  valueBytes(i: number, cpu = 0): Uint8Array {
    const slot = (this.percpu ? cpu * this.def.maxEntries : 0) + i;
    return this.storage.subarray(slot * this.stride, slot * this.stride + this.def.valueSize);
  }

  valueRegion(i: number, cpu: number): Region {
    const slot = (this.percpu ? cpu * this.def.maxEntries : 0) + i;
    let id = this.regionIds[slot]!;
    if (id === 0) {
      const r = this.mem.add('map_value', `value of map '${this.name}' [${i}]`, this.valueBytes(i, cpu), { writable: !this.readOnly });
      id = r.id;
      this.regionIds[slot] = id;
    }
    return this.mem.regions[id]!;
  }

  lookup(key: Uint8Array, cpu: number): Region | undefined {
    return this.lookupAt(key, 0, cpu);
  }

  override lookupAt(b: Uint8Array, at: number, cpu: number): Region | undefined {
    const i = (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
    if (i >= this.def.maxEntries) return undefined;
    const slot = (this.percpu ? cpu * this.def.maxEntries : 0) + i;
    const id = this.regionIds[slot]!;
    return id !== 0 ? this.mem.regions[id] : this.valueRegion(i, cpu);
  }

  update(key: Uint8Array, value: Uint8Array, flags: number, cpu: number): number {
    const bad = this.checkFlags(flags);
    if (bad) return bad;
    const i = this.index32(key);
    if (i < 0 || i >= this.def.maxEntries) return -E2BIG;
    if (flags & BPF_NOEXIST) return -EEXIST;
    this.valueBytes(i, cpu).set(value.subarray(0, this.def.valueSize));
    return 0;
  }

  delete(_key: Uint8Array): number {
    return -EINVAL;
  }

  userUpdate(key: Uint8Array, values: Uint8Array[]): number {
    const i = this.index32(key);
    if (i < 0 || i >= this.def.maxEntries) return -E2BIG;
    const copies = this.percpu ? this.cpus : 1;
    for (let c = 0; c < copies; c++) this.valueBytes(i, c).set((values[c] ?? values[0]!).subarray(0, this.def.valueSize));
    return 0;
  }

  entries(): MapEntry[] {
    const out: MapEntry[] = [];
    const copies = this.percpu ? this.cpus : 1;
    for (let i = 0; i < this.def.maxEntries; i++) {
      const key = new Uint8Array(4);
      new DataView(key.buffer).setUint32(0, i, true);
      const values: Uint8Array[] = [];
      for (let c = 0; c < copies; c++) values.push(this.valueBytes(i, c).slice());
      out.push({ key, values });
    }
    return out;
  }

  override directValue(): Region | undefined {
    return this.def.maxEntries === 1 && !this.percpu ? this.valueRegion(0, 0) : undefined;
  }
}

/**
 * Arrays whose values are references (prog_array holds programs, devmap/cpumap devices and
 * queues, perf_event_array events). A program may not look them up; user space fills them.
 */
export class RefArrayMap extends ArrayMap {
  /** prog_array: the program name in each slot. */
  readonly programs = new Map<number, string>();

  override lookup(): Region | undefined {
    return undefined;
  }

  override update(): number {
    return -EINVAL;
  }

  override delete(key: Uint8Array): number {
    const i = this.index32(key);
    if (i < 0 || i >= this.def.maxEntries) return -EINVAL;
    if (!this.present(i)) return -ENOENT;
    this.programs.delete(i);
    this.valueBytes(i).fill(0);
    return 0;
  }

  present(i: number): boolean {
    if (this.typeName === 'prog_array') return this.programs.has(i);
    return this.valueBytes(i).some((b) => b !== 0);
  }

  override entries(): MapEntry[] {
    return super.entries().filter((_, i) => this.present(i));
  }
}

// ---- hash maps ---------------------------------------------------------------------------------

interface HashElem {
  key: Uint8Array;
  /** Region per CPU (one for non-per-CPU maps). */
  regions: Region[];
}

/** hash, percpu_hash, lru_hash, lru_percpu_hash. */
export class HashMap extends BpfMap {
  /** Insertion order doubles as recency order for LRU maps (a hit moves the element to the end). */
  private readonly elems = new Map<string, HashElem>();

  constructor(def: MapDef, index: number, mem: Memory, cpus: number, private readonly percpu: boolean, private readonly lru: boolean) {
    super(def, index, mem, cpus);
  }

  override get perCpu(): boolean {
    return this.percpu;
  }

  private touch(k: string, e: HashElem): void {
    if (!this.lru) return;
    this.elems.delete(k);
    this.elems.set(k, e);
  }

  lookup(key: Uint8Array, cpu: number): Region | undefined {
    return this.lookupAt(key, 0, cpu);
  }

  override lookupAt(b: Uint8Array, at: number, cpu: number): Region | undefined {
    const k = keyString(b, at, this.def.keySize);
    const e = this.elems.get(k);
    if (!e) return undefined;
    this.touch(k, e);
    return e.regions[this.percpu ? cpu : 0];
  }

  private insert(k: string, key: Uint8Array): HashElem | undefined {
    if (this.elems.size >= this.def.maxEntries) {
      if (!this.lru) return undefined;
      const oldest = this.elems.keys().next().value as string;
      this.remove(oldest);
    }
    const regions: Region[] = [];
    const copies = this.percpu ? this.cpus : 1;
    for (let c = 0; c < copies; c++) {
      regions.push(this.mem.add('map_value', `value of map '${this.name}'`, new Uint8Array(this.def.valueSize)));
    }
    const e = { key: key.slice(), regions };
    this.elems.set(k, e);
    return e;
  }

  private remove(k: string): void {
    const e = this.elems.get(k);
    if (!e) return;
    this.elems.delete(k);
    for (const r of e.regions) this.mem.releaseAfterRun(r.id);
  }

  update(key: Uint8Array, value: Uint8Array, flags: number, cpu: number): number {
    const bad = this.checkFlags(flags);
    if (bad) return bad;
    const k = keyString(key);
    let e = this.elems.get(k);
    if (e && flags & BPF_NOEXIST) return -EEXIST;
    if (!e && flags & BPF_EXIST) return -ENOENT;
    if (!e) {
      e = this.insert(k, key);
      if (!e) return -E2BIG;
      // A program's update of a per-CPU map sets this CPU's value; the others start zeroed.
    } else {
      this.touch(k, e);
    }
    e.regions[this.percpu ? cpu : 0]!.bytes.set(value.subarray(0, this.def.valueSize));
    return 0;
  }

  delete(key: Uint8Array): number {
    const k = keyString(key);
    if (!this.elems.has(k)) return -ENOENT;
    this.remove(k);
    return 0;
  }

  userUpdate(key: Uint8Array, values: Uint8Array[]): number {
    const k = keyString(key);
    const e = this.elems.get(k) ?? this.insert(k, key);
    if (!e) return -E2BIG;
    e.regions.forEach((r, c) => r.bytes.set((values[c] ?? values[0]!).subarray(0, this.def.valueSize)));
    return 0;
  }

  entries(): MapEntry[] {
    return [...this.elems.values()]
      .map((e) => ({ key: e.key.slice(), values: e.regions.map((r) => r.bytes.slice()) }))
      .sort((a, b) => compareBytes(a.key, b.key));
  }
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

// ---- LPM trie ----------------------------------------------------------------------------------

/** lpm_trie: keys are { __u32 prefixlen; __u8 data[]; }, matched on the longest prefix. */
export class LpmTrieMap extends BpfMap {
  private readonly elems = new Map<string, HashElem>();
  private readonly maxBits: number;

  constructor(def: MapDef, index: number, mem: Memory, cpus: number) {
    super(def, index, mem, cpus);
    this.maxBits = (def.keySize - 4) * 8;
  }

  private prefixLen(key: Uint8Array): number {
    return (key[0]! | (key[1]! << 8) | (key[2]! << 16) | (key[3]! << 24)) >>> 0;
  }

  /** "plen/masked data" identifies a prefix. */
  private id(key: Uint8Array, plen: number): string {
    let s = `${plen}/`;
    for (let i = 0; i < this.def.keySize - 4; i++) {
      const bits = Math.max(0, Math.min(8, plen - i * 8));
      const mask = bits === 0 ? 0 : (0xff << (8 - bits)) & 0xff;
      s += String.fromCharCode(key[4 + i]! & mask);
    }
    return s;
  }

  lookup(key: Uint8Array): Region | undefined {
    const plen = Math.min(this.prefixLen(key), this.maxBits);
    for (let p = plen; p >= 0; p--) {
      const e = this.elems.get(this.id(key, p));
      if (e) return e.regions[0];
    }
    return undefined;
  }

  update(key: Uint8Array, value: Uint8Array, flags: number): number {
    if (flags > BPF_EXIST) return -EINVAL;
    const plen = this.prefixLen(key);
    if (plen > this.maxBits) return -EINVAL;
    const k = this.id(key, plen);
    let e = this.elems.get(k);
    if (e && flags === BPF_NOEXIST) return -EEXIST;
    if (!e && flags === BPF_EXIST) return -ENOENT;
    if (!e) {
      if (this.elems.size >= this.def.maxEntries) return -ENOSPC;
      e = { key: key.slice(), regions: [this.mem.add('map_value', `value of map '${this.name}'`, new Uint8Array(this.def.valueSize))] };
      this.elems.set(k, e);
    }
    e.regions[0]!.bytes.set(value.subarray(0, this.def.valueSize));
    return 0;
  }

  delete(key: Uint8Array): number {
    const plen = this.prefixLen(key);
    if (plen > this.maxBits) return -EINVAL;
    const k = this.id(key, plen);
    const e = this.elems.get(k);
    if (!e) return -ENOENT;
    this.elems.delete(k);
    this.mem.releaseAfterRun(e.regions[0]!.id);
    return 0;
  }

  userUpdate(key: Uint8Array, values: Uint8Array[]): number {
    return this.update(key, values[0]!, BPF_ANY);
  }

  entries(): MapEntry[] {
    return [...this.elems.values()]
      .map((e) => ({ key: e.key.slice(), values: [e.regions[0]!.bytes.slice()] }))
      .sort((a, b) => compareBytes(a.key, b.key));
  }
}

// ---- ring buffer -------------------------------------------------------------------------------

const RINGBUF_HEADER_BYTES = 8;

/** A map without entries a program or user space could look up. */
export class NoEntriesMap extends BpfMap {
  lookup(): Region | undefined {
    return undefined;
  }
  update(): number {
    return -ENOTSUPP;
  }
  delete(): number {
    return -ENOTSUPP;
  }
  userUpdate(): number {
    return -ENOTSUPP;
  }
  entries(): MapEntry[] {
    return [];
  }
}

/** ringbuf: records are captured as events; the buffer fills up since nothing consumes it. */
export class RingBufMap extends NoEntriesMap {
  /** Bytes reserved so far (headers included, rounded to 8 as the kernel does). */
  used = 0;
  /** Reserved records by region id. */
  readonly pending = new Map<number, Region>();

  reserve(size: number): Region | undefined {
    const total = round8(size + RINGBUF_HEADER_BYTES);
    if (size > this.def.maxEntries || this.used + total > this.def.maxEntries - 1) return undefined;
    this.used += total;
    const r = this.mem.add('ringbuf_record', `record of ring buffer '${this.name}'`, new Uint8Array(size));
    this.pending.set(r.id, r);
    return r;
  }

  /** Submits or discards a reserved record; the submitted bytes, or undefined. */
  finish(regionId: number, submit: boolean): Uint8Array | undefined {
    const r = this.pending.get(regionId);
    if (!r) return undefined;
    this.pending.delete(regionId);
    this.mem.releaseAfterRun(regionId);
    return submit ? r.bytes.slice() : new Uint8Array(0);
  }
}

/** Builds the model of one map definition. */
export function createMap(def: MapDef, index: number, mem: Memory, cpus: number): BpfMap {
  const name = mapTypeByValue(def.type)?.name;
  switch (name) {
    case 'array':
      return new ArrayMap(def, index, mem, cpus, false);
    case 'percpu_array':
      return new ArrayMap(def, index, mem, cpus, true);
    case 'perf_event_array':
      // libbpf sizes a perf event array without max_entries to the number of CPUs.
      return new RefArrayMap(def.maxEntries === 0 ? { ...def, maxEntries: cpus } : def, index, mem, cpus, false);
    case 'prog_array':
    case 'devmap':
    case 'cpumap':
    case 'xskmap':
      return new RefArrayMap(def, index, mem, cpus, false);
    case 'hash':
      return new HashMap(def, index, mem, cpus, false, false);
    case 'percpu_hash':
      return new HashMap(def, index, mem, cpus, true, false);
    case 'lru_hash':
      return new HashMap(def, index, mem, cpus, false, true);
    case 'lru_percpu_hash':
      return new HashMap(def, index, mem, cpus, true, true);
    case 'lpm_trie':
      return new LpmTrieMap(def, index, mem, cpus);
    case 'ringbuf':
      return new RingBufMap(def, index, mem, cpus);
    default:
      // A map type ebcc run has no model for: programs may not use it.
      return new NoEntriesMap(def, index, mem, cpus);
  }
}

/** The bytes user space reads for an entry: per-CPU values each padded to 8 bytes, concatenated. */
export function userValue(map: BpfMap, entry: MapEntry): Uint8Array {
  if (!map.perCpu) return entry.values[0]!;
  const stride = round8(map.def.valueSize);
  const out = new Uint8Array(stride * entry.values.length);
  entry.values.forEach((v, c) => out.set(v, c * stride));
  return out;
}
