// The fast kernel loader: bpfload.c, compiled with gcc on first use, loads many cases in one
// process (no bpftool process per case). A case declares maps and raw programs (or names one
// program of an ELF object), and may fill maps, run programs with BPF_PROG_TEST_RUN and read maps
// back. runLoader() sends every case to one bpfload process and returns one result per case.
//
//   const [r] = runLoader([{ id: 'r0', progs: [{ type: 'xdp', insns: [movImm(0, 2), exitInsn()] }] }]);
//   r.progs[0].accepted  // true
//
// The binary is cached under node_modules/.cache/ebcc-bpfload/<hash of the source>/, so it is
// rebuilt only when bpfload.c changes. loaderAvailability() says why the loader cannot run here
// (no gcc or libbpf headers, no bpf()); describeLoader() skips loudly then, and fails instead
// under EBCC_REQUIRE_KERNEL=1, like describeKernel.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { describe, it } from 'vitest';
import type { Insn } from '../../../src/bpf/insn.js';
import { encodeInsns } from '../../../src/bpf/encode.js';

const SOURCE_PATH = fileURLToPath(new URL('./bpfload.c', import.meta.url));
const CACHE_ROOT = fileURLToPath(new URL('../../../node_modules/.cache/ebcc-bpfload', import.meta.url));

/** A type by libbpf's name ('xdp', 'hash', 'cgroup_inet_ingress') or by number. */
export type TypeName = string | number;

export interface MapSpec {
  type: TypeName;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  flags?: number;
  /** the map's name (at most 15 characters reach the kernel; the verifier log prints it) */
  name: string;
  /** index of an earlier map of the case, as the inner map of a map-in-map */
  inner?: number;
  /** map_extra (bloom filter hash count) */
  extra?: number;
  /** BTF type ids of key and value, in the case's `btf` */
  btfKey?: number;
  btfValue?: number;
}

export interface ProgSpec {
  type: TypeName;
  /** expected_attach_type; default 0 */
  attach?: TypeName;
  /** verifier log level (1, 2, and 4 for stats; default 5: the failing path plus stats) */
  logLevel?: number;
  /** prog_flags, e.g. BPF_F_ANY_ALIGNMENT (2) */
  flags?: number;
  name?: string;
  /** default 'GPL' */
  license?: string;
  /**
   * The instructions. In an ld_imm64 whose src_reg is BPF_PSEUDO_MAP_FD (1) or
   * BPF_PSEUDO_MAP_VALUE (2), imm is the index of one of the case's maps; the loader puts the
   * map's fd there.
   */
  insns: readonly Insn[] | Uint8Array;
  /** BTF func_info records (8 bytes each: insn_off, type_id) against the case's `btf` */
  funcInfo?: Uint8Array;
  /** BTF line_info records (16 bytes each) against the case's `btf` */
  lineInfo?: Uint8Array;
}

export interface ObjectProgSpec {
  /** path of an ELF object, opened with libbpf */
  path: string;
  /** the one program (function name) to load; the object's other programs are not loaded */
  prog: string;
  /** force the program type instead of libbpf's guess from the section name */
  type?: TypeName;
  attach?: TypeName;
  logLevel?: number;
}

/** Steps that run after the loads, in order. Maps are named by index or (objects) by name. */
export type Step =
  | { kind: 'update'; map: number | string; key: Uint8Array; value: Uint8Array }
  | { kind: 'progarray'; map: number | string; key: number; prog: number }
  | {
    kind: 'run'; prog: number; data?: Uint8Array; ctx?: Uint8Array; repeat?: number;
    /** output buffer sizes (defaults: data size + 4096, ctx size or 0) */
    dataOutBytes?: number; ctxOutBytes?: number; flags?: number;
  }
  | { kind: 'dump'; map: number | string };

export interface LoaderCase {
  id: string;
  /** verifier log buffer per load (default 1 MiB); a longer log is cut, keeping its end */
  logSizeBytes?: number;
  /** raw BTF loaded for the case (for func_info, line_info and map BTF ids) */
  btf?: Uint8Array;
  maps?: readonly MapSpec[];
  progs?: readonly ProgSpec[];
  object?: ObjectProgSpec;
  steps?: readonly Step[];
}

export interface ProgResult {
  name: string;
  accepted: boolean;
  /** the errno of BPF_PROG_LOAD (or of libbpf's load): EACCES (13) and EINVAL (22) are verifier rejections */
  errno: number;
  /** the verifier log; its end when logTruncated */
  log: string;
  logTruncated: boolean;
  /** the kernel's log_true_size (raw loads only) */
  logTrueSize?: number;
  /** bpf_prog_info.verified_insns of an accepted program */
  verifiedInsns?: number;
  /** objects only: 'loaded', 'verifier' (BPF_PROG_LOAD refused it) or 'libbpf' (failed before) */
  stage?: 'loaded' | 'verifier' | 'libbpf' | 'open';
}

export interface RunResult {
  prog: number;
  errno: number;
  /** unsigned 32-bit */
  retval: number;
  durationNs: number;
  dataOut: Uint8Array;
  ctxOut: Uint8Array;
}

export interface DumpResult {
  map: string;
  entries: { key: Uint8Array; value: Uint8Array }[];
}

export interface CaseResult {
  id: string;
  maps: { name: string; errno: number }[];
  progs: ProgResult[];
  runs: RunResult[];
  dumps: DumpResult[];
  /** malformed commands and failed updates: a test setup problem, never a verdict */
  errors: string[];
  /** libbpf's warnings and errors during the case */
  libbpf: string;
}

// ---- building and availability -----------------------------------------------------------------

export type LoaderAvailability = { ok: true; binary: string } | { ok: false; reason: string };

let availability: LoaderAvailability | undefined; // memoised per process, never changed after

/** Builds the loader if needed and proves it loads a trivial program. Memoised per process. */
export function loaderAvailability(): LoaderAvailability {
  if (availability === undefined) {
    availability = probe();
    if (!availability.ok) console.warn(`\n*** KERNEL TESTS SKIPPED: ${availability.reason} ***\n`);
  }
  return availability;
}

function probe(): LoaderAvailability {
  if (process.env['EBCC_SKIP_KERNEL'] === '1') return { ok: false, reason: 'EBCC_SKIP_KERNEL=1 is set' };
  if (process.platform !== 'linux') return { ok: false, reason: `BPF needs Linux, this is ${process.platform}` };
  const built = buildLoader();
  if (!built.ok) return built;
  const r0 = { code: 0xb7, dst: 0, src: 0, off: 0, imm: 0 };
  const exit = { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 };
  try {
    const [res] = runLoaderWith(built.binary, [{ id: 'probe', progs: [{ type: 'socket_filter', insns: [r0, exit] }] }]);
    if (res?.progs[0]?.accepted !== true) {
      return { ok: false, reason: `bpfload cannot load a trivial socket filter (bpf() refused?): ${JSON.stringify(res)}` };
    }
  } catch (e) {
    return { ok: false, reason: `bpfload failed: ${(e as Error).message}` };
  }
  return built;
}

/** Compiles bpfload.c into the cache (once per source version); gcc and libbpf-dev are needed. */
function buildLoader(): LoaderAvailability {
  const source = readFileSync(SOURCE_PATH);
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const dir = join(CACHE_ROOT, hash);
  const binary = join(dir, 'bpfload');
  if (existsSync(binary)) return { ok: true, binary };
  mkdirSync(dir, { recursive: true });
  // Parallel test files may build at once: each writes its own file, then renames it into place.
  const tmp = `${binary}.${process.pid}.tmp`;
  const res = spawnSync(process.env['CC'] ?? 'gcc', ['-O2', '-Wall', '-o', tmp, SOURCE_PATH, '-lbpf', '-lelf', '-lz'],
    { encoding: 'utf8', timeout: 120_000 });
  if (res.error !== undefined || res.status !== 0) {
    rmSync(tmp, { force: true });
    const why = res.error !== undefined ? res.error.message : res.stderr.trim().split('\n').slice(0, 10).join('\n');
    return { ok: false, reason: `cannot build the kernel loader ${SOURCE_PATH} with gcc (needs gcc and ` +
      `libbpf-dev: apt-get install gcc libbpf-dev libelf-dev): ${why}` };
  }
  renameSync(tmp, binary);
  return { ok: true, binary };
}

/** `describe` for tests that need the loader: skipped loudly without it, failed under EBCC_REQUIRE_KERNEL=1. */
export function describeLoader(name: string, fn: () => void): void {
  const avail = loaderAvailability();
  if (avail.ok) {
    describe(name, fn);
  } else if (process.env['EBCC_REQUIRE_KERNEL'] === '1') {
    describe(name, () => {
      it('has a kernel loader that can load BPF programs', () => {
        throw new Error(`the kernel loader is unavailable and EBCC_REQUIRE_KERNEL=1 is set: ${avail.reason}`);
      });
    });
  } else {
    describe.skip(`${name} [KERNEL TESTS SKIPPED: ${avail.reason.split('\n')[0]}]`, fn);
  }
}

// ---- running cases -----------------------------------------------------------------------------

/** Loads every case in one bpfload process; throws if the loader is unavailable. */
export function runLoader(cases: readonly LoaderCase[]): CaseResult[] {
  const avail = loaderAvailability();
  if (!avail.ok) throw new Error(`the kernel loader is unavailable: ${avail.reason}`);
  return runLoaderWith(avail.binary, cases);
}

function runLoaderWith(binary: string, cases: readonly LoaderCase[]): CaseResult[] {
  const script = cases.map(caseScript).join('');
  const res = spawnSync(binary, [], { input: script, encoding: 'utf8', maxBuffer: 1 << 30, timeout: 600_000 });
  if (res.error !== undefined) throw res.error;
  if (res.status !== 0) throw new Error(`bpfload exited with status ${String(res.status)}: ${res.stderr}`);
  const lines = res.stdout.split('\n').filter((l) => l !== '');
  if (lines.length !== cases.length) {
    throw new Error(`bpfload answered ${lines.length} of ${cases.length} cases: ${res.stderr}`);
  }
  return lines.map(parseResult);
}

const hex = (b: Uint8Array | undefined): string => (b === undefined || b.length === 0 ? '-' : Buffer.from(b).toString('hex'));
const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));

/** The bpfload commands for one case (the protocol is described at the top of bpfload.c). */
export function caseScript(c: LoaderCase): string {
  if (/[\n\r]/.test(c.id)) throw new Error(`a case id must be one line: ${JSON.stringify(c.id)}`);
  const out = [`case ${c.id}`];
  if (c.logSizeBytes !== undefined) out.push(`logsize ${c.logSizeBytes}`);
  if (c.btf !== undefined) out.push(`btf ${hex(c.btf)}`);
  for (const m of c.maps ?? []) {
    const opts = [
      m.inner !== undefined ? `inner=${m.inner}` : '', m.extra !== undefined ? `extra=${m.extra}` : '',
      m.btfKey !== undefined ? `btf_key=${m.btfKey}` : '', m.btfValue !== undefined ? `btf_value=${m.btfValue}` : '',
    ].filter((s) => s !== '');
    out.push(['map', m.type, m.keySize, m.valueSize, m.maxEntries, m.flags ?? 0, token(m.name), ...opts].join(' '));
  }
  for (const p of c.progs ?? []) {
    out.push(['prog', p.type, p.attach ?? 0, p.logLevel ?? 5, p.flags ?? 0, token(p.name ?? 'prog'), p.license ?? 'GPL'].join(' '));
    if (p.funcInfo !== undefined) out.push(`funcinfo ${hex(p.funcInfo)}`);
    if (p.lineInfo !== undefined) out.push(`lineinfo ${hex(p.lineInfo)}`);
    const bytes = p.insns instanceof Uint8Array ? p.insns : encodeInsns(p.insns);
    out.push(`insns ${bytes.length === 0 ? '-' : hex(bytes)}`);
  }
  if (c.object !== undefined) {
    const o = c.object;
    out.push(`object ${token(o.path)}`);
    out.push(['objprog', token(o.prog), o.type ?? '-', o.attach ?? '-', o.logLevel ?? 5].join(' '));
  }
  for (const s of c.steps ?? []) out.push(stepScript(s));
  out.push('end');
  return out.join('\n') + '\n';
}

function stepScript(s: Step): string {
  switch (s.kind) {
    case 'update': return `update ${s.map} ${hex(s.key)} ${hex(s.value)}`;
    case 'progarray': return `progarray ${s.map} ${s.key} ${s.prog}`;
    case 'run': {
      const dataLen = s.data?.length ?? 0;
      return ['run', s.prog, hex(s.data), hex(s.ctx), s.repeat ?? 1, s.dataOutBytes ?? (dataLen > 0 ? dataLen + 4096 : 0),
        s.ctxOutBytes ?? (s.ctx?.length ?? 0), s.flags ?? 0].join(' ');
    }
    case 'dump': return `dump ${s.map}`;
  }
}

/** Names and paths travel as single tokens. */
function token(s: string): string {
  if (s === '' || /\s/.test(s)) throw new Error(`not a single token: ${JSON.stringify(s)}`);
  return s;
}

interface RawResult {
  case: string;
  maps: { name: string; errno: number }[];
  progs: (Omit<ProgResult, 'stage'> & { stage?: string })[];
  runs: (Omit<RunResult, 'dataOut' | 'ctxOut'> & { dataOut: string; ctxOut: string })[];
  dumps: { map: string; entries: [string, string][] }[];
  errors: string[];
  libbpf: string;
}

function parseResult(line: string): CaseResult {
  const raw = JSON.parse(line) as RawResult;
  return {
    id: raw.case,
    maps: raw.maps,
    progs: raw.progs.map((p) => ({ ...p, stage: p.stage as ProgResult['stage'] })),
    runs: raw.runs.map((r) => ({ ...r, dataOut: unhex(r.dataOut), ctxOut: unhex(r.ctxOut) })),
    dumps: raw.dumps.map((d) => ({ map: d.map, entries: d.entries.map(([k, v]) => ({ key: unhex(k), value: unhex(v) })) })),
    errors: raw.errors,
    libbpf: raw.libbpf,
  };
}

/** The path of the loader's source, for messages. */
export const LOADER_SOURCE = SOURCE_PATH;
export const LOADER_DIR = dirname(SOURCE_PATH);
