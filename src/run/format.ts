// What `ebcc run` prints, as text or JSON, and how it reads map contents given on the command
// line or in a JSON file. Browser-safe: the playground renders runs with the same functions.
import { progTypeByName } from '../bpf/prog-types.js';
import type { FibRoute } from './helpers.js';
import type { MapDump, RunResult, RunSession, SourceLine, TraceEntry } from './session.js';

// ---- hex ------------------------------------------------------------------------------------------

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Hex digits, optionally separated by spaces, colons or dashes; undefined when malformed. */
export function parseHex(text: string): Uint8Array | undefined {
  const digits = text.replace(/^0x/i, '').replace(/[\s:-]+/g, '');
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(digits)) return undefined;
  return Uint8Array.from(digits.match(/../g) ?? [], (b) => parseInt(b, 16));
}

/**
 * A map key or value of `sizeBytes`: exactly 2 * sizeBytes hex digits are the bytes themselves;
 * otherwise a decimal number (or 0x-prefixed hex number) stored little-endian in sizeBytes.
 */
export function parseMapBytes(text: string, sizeBytes: number): Uint8Array | undefined {
  const t = text.trim();
  if (/^[0-9a-fA-F]*$/.test(t) && t.length === 2 * sizeBytes) return parseHex(t);
  if (!/^(?:\d+|0x[0-9a-fA-F]+)$/i.test(t)) return undefined;
  let v = BigInt(t);
  if (v >= 1n << BigInt(8 * sizeBytes)) return undefined;
  const out = new Uint8Array(sizeBytes);
  for (let i = 0; i < sizeBytes; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

// ---- map contents in and out ----------------------------------------------------------------------

/** Applies one NAME=KEY:VALUE argument. Returns an error message or undefined. */
export function applyMapArg(session: RunSession, spec: string): string | undefined {
  const m = /^([^=]+)=([^:]+):(.+)$/.exec(spec);
  if (!m) return `--map ${spec}: expected NAME=KEY:VALUE`;
  const map = session.mapByName(m[1]!);
  if (!map) return `--map ${spec}: no map named '${m[1]}' (the object has ${session.maps.map((x) => x.name).join(', ') || 'no maps'})`;
  const key = parseMapBytes(m[2]!, map.def.keySize);
  if (!key) return `--map ${spec}: the key must be ${map.def.keySize} bytes of hex or a number that fits in them`;
  let value: Uint8Array | string;
  if (map.typeName === 'prog_array') value = m[3]!;
  else {
    const v = parseMapBytes(m[3]!, map.def.valueSize) ?? (map.perCpu ? parseHex(m[3]!) : undefined);
    if (!v) return `--map ${spec}: the value must be ${map.def.valueSize} bytes of hex or a number that fits in them`;
    value = v;
  }
  const err = session.updateMap(map.name, key, value);
  return err === undefined ? undefined : `--map ${spec}: ${err}`;
}

/** The entries worth printing: every entry of a hash-like map, non-zero entries of an array. */
export function presentEntries(d: MapDump): MapDump['entries'] {
  if (d.type === 'array' || d.type === 'percpu_array') return d.entries.filter((e) => e.value.some((b) => b !== 0));
  return d.entries;
}

export type MapsJson = Record<string, [string, string][]>;

export function mapsToJson(dumps: readonly MapDump[]): MapsJson {
  const out: MapsJson = {};
  for (const d of dumps) out[d.name] = presentEntries(d).map((e) => [toHex(e.key), toHex(e.value)]);
  return out;
}

/** Fills maps from {"NAME": [["KEYHEX", "VALUEHEX"], ...]}. Returns error messages. */
export function applyMapsJson(session: RunSession, json: unknown, source: string): string[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return [`${source}: expected an object of map names`];
  const errors: string[] = [];
  for (const [name, entries] of Object.entries(json as Record<string, unknown>)) {
    if (!Array.isArray(entries)) {
      errors.push(`${source}: map '${name}': expected a list of [key, value] pairs`);
      continue;
    }
    for (const e of entries) {
      if (!Array.isArray(e) || e.length !== 2 || typeof e[0] !== 'string' || typeof e[1] !== 'string') {
        errors.push(`${source}: map '${name}': expected ["KEYHEX", "VALUEHEX"], saw ${JSON.stringify(e)}`);
        continue;
      }
      const err = applyMapArg(session, `${name}=${e[0]}:${e[1]}`);
      if (err) errors.push(`${source}: ${err.replace(/^--map /, '')}`);
    }
  }
  return errors;
}

// ---- text output ----------------------------------------------------------------------------------

/** The return value by name for the program type: "XDP_TX (3)". */
export function verdictName(progType: string, retval: number): string {
  const info = progTypeByName(progType);
  const signed = retval | 0;
  const named = info?.ret.values.find((v) => v.value === signed || v.value === retval);
  if (named) return `${named.name} (${signed})`;
  if (progType === 'socket_filter') return retval === 0 ? '0 (drop the packet)' : `${retval} (keep ${retval} bytes)`;
  return `${retval}`;
}

export interface TextOptions {
  /** ANSI colour for changed bytes (otherwise a marker line under them). */
  color?: boolean;
}

/**
 * A hex dump of `out`, 16 bytes a line, marking bytes that differ from the input: output byte i
 * sits where input byte i + shift was (shift < 0 when the program grew the packet's head), and a
 * byte with no input byte at its place is new.
 */
export function hexDump(out: Uint8Array, input: Uint8Array, shift: number, opts: TextOptions = {}): string {
  const lines: string[] = [];
  const changed = (i: number): boolean => {
    const j = i + shift;
    return j < 0 || j >= input.length || input[j] !== out[i];
  };
  for (let at = 0; at < out.length; at += 16) {
    const row = out.subarray(at, at + 16);
    let hexPart = '';
    let marks = '';
    let ascii = '';
    row.forEach((b, k) => {
      const h = b.toString(16).padStart(2, '0');
      const c = changed(at + k);
      hexPart += (k === 8 ? '  ' : k > 0 ? ' ' : '') + (c && opts.color ? `\x1b[7m${h}\x1b[0m` : h);
      marks += (k === 8 ? '  ' : k > 0 ? ' ' : '') + (c ? '^^' : '  ');
      ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    });
    const pad = ' '.repeat(Math.max(0, 49 - (row.length * 3 - 1 + (row.length > 8 ? 1 : 0))));
    lines.push(`    ${at.toString(16).padStart(4, '0')}  ${hexPart}${pad} |${ascii}|`);
    if (!opts.color && marks.includes('^')) lines.push(`          ${marks.trimEnd()}`);
  }
  return lines.join('\n');
}

/** Entries added, removed or changed between two dumps, one line each. */
export function mapChanges(before: readonly MapDump[], after: readonly MapDump[]): string[] {
  const out: string[] = [];
  for (const a of after) {
    const b = before.find((d) => d.name === a.name);
    const old = new Map((b?.entries ?? []).map((e) => [toHex(e.key), toHex(e.value)]));
    const now = new Map(a.entries.map((e) => [toHex(e.key), toHex(e.value)]));
    for (const [k, v] of now) {
      const was = old.get(k);
      if (was === undefined) out.push(`    ${a.name}[${k}]: added ${v}`);
      else if (was !== v) out.push(`    ${a.name}[${k}]: ${was} -> ${v}`);
    }
    for (const [k, v] of old) if (!now.has(k)) out.push(`    ${a.name}[${k}]: deleted (was ${v})`);
  }
  return out;
}

function lineRef(line: SourceLine | undefined): string {
  return line ? `${line.file}:${line.line}` : '';
}

/** One executed instruction per line; the C line is printed when it changes, as the kernel's log does. */
export function formatTrace(trace: readonly TraceEntry[]): string {
  const out: string[] = [];
  let last = '';
  for (const t of trace) {
    const ref = lineRef(t.line);
    if (t.line && ref !== last) out.push(`    ; ${t.line.text.trim()} @ ${ref}`);
    last = ref || last;
    const changes = t.changes.map((c) => `r${c.reg}=0x${c.value.toString(16)}${c.points ? ` (${c.points})` : ''}`).join(' ');
    out.push(`    ${String(t.pc).padStart(5)}: ${changes ? `${t.text.padEnd(36)} ; ${changes}` : t.text}`);
  }
  return out.join('\n');
}

/** The text report of one run (the error, if any, is rendered by the caller as a diagnostic). */
export function formatRun(
  index: number, input: Uint8Array, r: RunResult, progType: string,
  before: readonly MapDump[], after: readonly MapDump[], opts: TextOptions = {},
): string {
  const out: string[] = [`packet ${index}: ${input.length} bytes`];
  if (r.kernelRefusal) out.push(`  note: ${r.kernelRefusal}; ebcc run runs it anyway`);
  if (r.trace) out.push('  trace:', formatTrace(r.trace));
  if (r.error) {
    out.push(`  error: ${r.error.message}`);
  } else {
    out.push(`  verdict: ${verdictName(progType, r.retval)}`);
    const grew = r.packetOut.length - input.length;
    const same = grew === 0 && r.packetOutShift === 0 && r.packetOut.every((b, i) => b === input[i]);
    out.push(`  output: ${r.packetOut.length} bytes${grew ? ` (${grew > 0 ? '+' : ''}${grew})` : ''}${same ? ', unchanged' : ''}`);
    if (!same) out.push(hexDump(r.packetOut, input, r.packetOutShift, opts));
    if (r.redirect) {
      out.push(r.redirect.kind === 'ifindex'
        ? `  redirect: to ifindex ${r.redirect.ifindex}${r.redirect.flags ? ` (flags ${r.redirect.flags})` : ''}`
        : `  redirect: through map '${r.redirect.map}' key ${r.redirect.key}`);
    }
  }
  const changes = mapChanges(before, after);
  out.push(changes.length ? '  map changes:' : '  map changes: none', ...changes);
  for (const e of r.events) out.push(`  event: ${e.kind === 'ringbuf' ? 'ring buffer' : `perf event (cpu ${e.cpu})`} '${e.map}', ${e.data.length} bytes: ${toHex(e.data)}`);
  for (const p of r.printk) out.push(`  trace_printk: ${p}`);
  out.push(`  instructions: ${r.insnCount}`);
  return out.join('\n') + '\n';
}

// ---- routes for bpf_fib_lookup ------------------------------------------------------------------

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return Uint8Array.from(parts.map(Number));
}

function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const g = s.split(':');
    return g.every((x) => /^[0-9a-fA-F]{1,4}$/.test(x)) ? g.map((x) => parseInt(x, 16)) : undefined;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const fill = 8 - head.length - tail.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return undefined;
  const all = [...head, ...new Array<number>(halves.length === 2 ? fill : 0).fill(0), ...tail];
  const out = new Uint8Array(16);
  all.forEach((v, i) => {
    out[2 * i] = v >> 8;
    out[2 * i + 1] = v & 0xff;
  });
  return out;
}

function parseMac(text: string): Uint8Array | undefined {
  const b = parseHex(text);
  return b && b.length === 6 ? b : undefined;
}

/**
 * Routes for bpf_fib_lookup from JSON: [{"dst": "10.0.0.0/8", "ifindex": 2, "smac": "02:..",
 * "dmac": "02:.."}, ...]; "dst" may be IPv6. Returns the routes or an error message.
 */
export function parseFibRoutes(json: unknown): FibRoute[] | string {
  if (!Array.isArray(json)) return 'expected a list of routes';
  const routes: FibRoute[] = [];
  for (const r of json as unknown[]) {
    const o = r as Record<string, unknown>;
    const m = typeof o?.['dst'] === 'string' ? /^([^/]+)\/(\d+)$/.exec(o['dst']) : null;
    const v4 = m ? parseIpv4(m[1]!) : undefined;
    const prefix = v4 ?? (m ? parseIpv6(m[1]!) : undefined);
    const smac = typeof o?.['smac'] === 'string' ? parseMac(o['smac']) : undefined;
    const dmac = typeof o?.['dmac'] === 'string' ? parseMac(o['dmac']) : undefined;
    const ifindex = o?.['ifindex'];
    if (!m || !prefix || Number(m[2]) > prefix.length * 8 || !smac || !dmac || typeof ifindex !== 'number' || !Number.isInteger(ifindex) || ifindex < 0) {
      return `bad route ${JSON.stringify(r)}: expected {"dst": "ADDR/LEN", "ifindex": N, "smac": "MAC", "dmac": "MAC"}`;
    }
    routes.push({ family: v4 ? 4 : 6, prefix, prefixLen: Number(m[2]), ifindex, smac, dmac });
  }
  return routes;
}
