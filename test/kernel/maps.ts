// Reading and writing pinned BPF maps through bpftool, plus little-endian byte helpers
// (map keys and values are in host order, which is little-endian on the machines we test on).
import { bpftoolJson, bpftoolPath, describeFailure, runBpftool } from './bpftool.js';

export interface MapEntry {
  key: Uint8Array;
  /** the value; for per-CPU maps this is CPU 0's value and `perCpu` holds all of them */
  value: Uint8Array;
  /** per-CPU maps only: one value per possible CPU, in CPU order */
  perCpu: Uint8Array[] | undefined;
}

export interface MapInfo {
  id: number;
  /** bpftool's name for the map type: 'array', 'hash', 'percpu_array', 'prog_array', … */
  type: string;
  /** the kernel's copy of the name (truncated to 15 bytes) */
  kernelName: string;
  keySizeBytes: number;
  valueSizeBytes: number;
  maxEntries: number;
}

export type UpdateFlag = 'any' | 'exist' | 'noexist';

export interface CreateMapOptions {
  /** bpftool's type name: 'hash', 'array', 'percpu_array', 'prog_array', 'lru_hash', … */
  type: string;
  keySizeBytes: number;
  valueSizeBytes: number;
  maxEntries: number;
  name: string;
}

/** Creates a map and pins it at `pinPath` (`bpftool map create`), e.g. for tests of the harness. */
export function createMap(pinPath: string, opts: CreateMapOptions): void {
  runChecked(['map', 'create', pinPath, 'type', opts.type, 'key', String(opts.keySizeBytes),
    'value', String(opts.valueSizeBytes), 'entries', String(opts.maxEntries), 'name', opts.name]);
}

/** `bpftool map show pinned M`. */
export function mapInfo(pinPath: string): MapInfo {
  const j = bpftoolJson(['map', 'show', 'pinned', pinPath]) as Record<string, unknown>;
  return {
    id: Number(j['id']),
    type: String(j['type']),
    kernelName: String(j['name'] ?? ''),
    keySizeBytes: Number(j['bytes_key']),
    valueSizeBytes: Number(j['bytes_value']),
    maxEntries: Number(j['max_entries']),
  };
}

/** All entries of a pinned map (`bpftool map dump`), in the kernel's iteration order. */
export function dumpMap(pinPath: string): MapEntry[] {
  const j = bpftoolJson(['map', 'dump', 'pinned', pinPath]);
  if (!Array.isArray(j)) throw new Error(`bpftool map dump ${pinPath}: expected a JSON array`);
  return j.map((e) => parseEntry(e as Record<string, unknown>));
}

/** One entry (`bpftool map lookup`), or undefined when the key is absent. */
export function lookupMap(pinPath: string, key: Uint8Array): MapEntry | undefined {
  const args = ['-j', 'map', 'lookup', 'pinned', pinPath, 'key', 'hex', ...hexWords(key)];
  const res = runBpftool(args);
  // bpftool prints `null` (and exits non-zero) for a missing key.
  if (res.stdout.trim() === 'null') return undefined;
  if (res.error !== undefined || res.status !== 0) {
    throw new Error(describeFailure(bpftoolPath(), args, res));
  }
  return parseEntry(JSON.parse(res.stdout) as Record<string, unknown>);
}

/** Sets `key` to `value` (for per-CPU maps, on every CPU). */
export function updateMap(pinPath: string, key: Uint8Array, value: Uint8Array, flag: UpdateFlag = 'any'): void {
  runChecked(['map', 'update', 'pinned', pinPath, 'key', 'hex', ...hexWords(key),
    'value', 'hex', ...hexWords(value), flag]);
}

/** Stores a program in a prog_array (tail-call table) slot. */
export function updateProgArray(mapPinPath: string, index: number, progPinPath: string): void {
  runChecked(['map', 'update', 'pinned', mapPinPath, 'key', 'hex', ...hexWords(u32LE(index)),
    'value', 'pinned', progPinPath]);
}

/** Stores a map in a map of maps (array or hash of maps) under `key`. */
export function updateMapOfMaps(outerPinPath: string, key: Uint8Array, innerPinPath: string): void {
  runChecked(['map', 'update', 'pinned', outerPinPath, 'key', 'hex', ...hexWords(key), 'value', 'pinned', innerPinPath]);
}

/** Deletes `key` from a hash-like map. */
export function deleteMapKey(pinPath: string, key: Uint8Array): void {
  runChecked(['map', 'delete', 'pinned', pinPath, 'key', 'hex', ...hexWords(key)]);
}

function runChecked(args: string[]): void {
  const res = runBpftool(args);
  if (res.error !== undefined || res.status !== 0) {
    throw new Error(describeFailure(bpftoolPath(), args, res));
  }
}

function parseEntry(e: Record<string, unknown>): MapEntry {
  const key = parseHexArray(e['key']);
  if (Array.isArray(e['values'])) {
    const perCpu = (e['values'] as Record<string, unknown>[])
      .sort((a, b) => Number(a['cpu']) - Number(b['cpu']))
      .map((v) => parseHexArray(v['value']));
    return { key, value: perCpu[0] ?? new Uint8Array(0), perCpu };
  }
  return { key, value: parseHexArray(e['value']), perCpu: undefined };
}

/** bpftool prints bytes as JSON strings like "0x1f". */
function parseHexArray(v: unknown): Uint8Array {
  if (!Array.isArray(v)) throw new Error(`bpftool JSON: expected an array of hex bytes, saw ${JSON.stringify(v)}`);
  return Uint8Array.from(v.map((s) => parseInt(String(s), 16)));
}

function hexWords(bytes: Uint8Array): string[] {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0'));
}

// ---- little-endian helpers ----

export function u16LE(n: number): Uint8Array {
  const out = new Uint8Array(2);
  new DataView(out.buffer).setUint16(0, n, true);
  return out;
}

export function u32LE(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n >>> 0, true);
  return out;
}

export function u64LE(n: number | bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt.asUintN(64, BigInt(n)), true);
  return out;
}

export function readU16LE(bytes: Uint8Array, offsetBytes = 0): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint16(offsetBytes, true);
}

export function readU32LE(bytes: Uint8Array, offsetBytes = 0): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offsetBytes, true);
}

export function readU64LE(bytes: Uint8Array, offsetBytes = 0): bigint {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(offsetBytes, true);
}

/** Sum of a per-CPU u64 counter over all CPUs (or the plain value for other maps). */
export function sumU64(entry: MapEntry): bigint {
  return (entry.perCpu ?? [entry.value]).reduce((sum, v) => sum + readU64LE(v), 0n);
}
