// The kernel test harness: load BPF objects into the running kernel with bpftool, run programs
// on packets with BPF_PROG_TEST_RUN, and read maps. Kernel tests use it like this:
//
//   describeKernel('xdp samples', () => {
//     it('drops UDP', () => {
//       const obj = loadObjectBytes(elfBytes);
//       onTestFinished(() => obj.cleanup());
//       expect(obj.ok, obj.log).toBe(true);
//       expect(runProgram(obj.prog('xdp_main').pinPath, packet).retval).toBe(1);
//     });
//   });
//
// When the kernel cannot run BPF here (no bpftool, no bpffs, no privilege) the tests are reported
// as skipped and "KERNEL TESTS SKIPPED: <reason>" is printed. Environment switches:
//   EBCC_SKIP_KERNEL=1     skip kernel tests on purpose (still reported loudly)
//   EBCC_REQUIRE_KERNEL=1  make unavailability a test failure instead of a skip (for CI)
//   BPFTOOL=/path          use another bpftool binary
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import {
  BPFFS_ROOT, bpftoolJson, bpftoolPath, describeFailure, isBpffsMounted, listDir, makePinDir,
  removePinDir, removeStalePinDirs, runBpftool, withScratchDir,
} from './bpftool.js';
import { buildMiniObject, exitInsn, movImm } from './mini-elf.js';

export * from './maps.js';
export { splitProgLogs, verifierStats } from './verifier-log.js';
export type { ProgLog, VerifierStats } from './verifier-log.js';

export type Availability = { ok: true } | { ok: false; reason: string };

// Memoised per process: computed on the first call and never changed afterwards.
let availability: Availability | undefined;

/**
 * Whether this process can load and run BPF programs: bpftool runs, bpffs is mounted at
 * /sys/fs/bpf (mounted here if it is not), and a trivial socket filter loads and runs.
 * The first negative answer prints "KERNEL TESTS SKIPPED: <reason>".
 */
export function bpfAvailability(): Availability {
  if (availability === undefined) {
    availability = probeAvailability();
    if (!availability.ok) {
      console.warn(`\n*** KERNEL TESTS SKIPPED: ${availability.reason} ***\n`);
    }
  }
  return availability;
}

function probeAvailability(): Availability {
  if (process.env['EBCC_SKIP_KERNEL'] === '1') return { ok: false, reason: 'EBCC_SKIP_KERNEL=1 is set' };
  if (process.platform !== 'linux') return { ok: false, reason: `BPF needs Linux, this is ${process.platform}` };
  const version = runBpftool(['version'], { timeoutMs: 10_000 });
  if (version.error !== undefined || version.status !== 0) {
    return { ok: false, reason: `bpftool does not run (install it: apt-get install bpftool): ` +
      describeFailure(bpftoolPath(), ['version'], version) };
  }
  if (!isBpffsMounted()) {
    const mount = spawnSync('mount', ['-t', 'bpf', 'bpf', BPFFS_ROOT], { timeout: 10_000, encoding: 'utf8' });
    if (!isBpffsMounted()) {
      return { ok: false, reason: `bpffs is not mounted at ${BPFFS_ROOT} and mounting it failed: ` +
        `${mount.error?.message ?? mount.stderr.trim()}` };
    }
  }
  removeStalePinDirs();
  const list = runBpftool(['prog', 'list'], { timeoutMs: 10_000 });
  if (list.error !== undefined || list.status !== 0) {
    return { ok: false, reason: 'the bpf() syscall is not allowed (needs root or CAP_BPF+CAP_NET_ADMIN): ' +
      describeFailure(bpftoolPath(), ['prog', 'list'], list) };
  }
  // The real proof: load a socket filter `r0 = 0; exit`, then run it once.
  let obj: LoadedObject | undefined;
  try {
    obj = loadObjectBytes(buildMiniObject([{ section: 'socket', name: 'probe', insns: [movImm(0, 0), exitInsn()] }]));
    if (!obj.ok) return { ok: false, reason: `loading a trivial socket filter failed:\n${tail(obj.log, 15)}` };
    runProgram(obj.prog('probe').pinPath, new Uint8Array(64));
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: `loading or running a trivial socket filter failed: ${(e as Error).message}` };
  } finally {
    obj?.cleanup();
  }
}

function tail(text: string, lineCount: number): string {
  return text.trimEnd().split('\n').slice(-lineCount).join('\n');
}

function unavailableError(reason: string): Error {
  return new Error(`kernel BPF is unavailable and EBCC_REQUIRE_KERNEL=1 is set: ${reason}`);
}

/** `describe` for tests that need the kernel: skipped (loudly) when BPF is unavailable. */
export function describeKernel(name: string, fn: () => void): void {
  const avail = bpfAvailability();
  if (avail.ok) {
    describe(name, fn);
  } else if (process.env['EBCC_REQUIRE_KERNEL'] === '1') {
    describe(name, () => {
      it('has a kernel that can load BPF programs', () => {
        throw unavailableError(avail.reason);
      });
    });
  } else {
    describe.skip(`${name} [KERNEL TESTS SKIPPED: ${avail.reason.split('\n')[0]}]`, fn);
  }
}

/** `it` for a single kernel test outside describeKernel; same skip rules. */
export function kernelIt(name: string, fn: () => void | Promise<void>, timeoutMs?: number): void {
  const avail = bpfAvailability();
  if (avail.ok) {
    it(name, fn, timeoutMs);
  } else if (process.env['EBCC_REQUIRE_KERNEL'] === '1') {
    it(name, () => {
      throw unavailableError(avail.reason);
    });
  } else {
    it.skip(`${name} [KERNEL TESTS SKIPPED]`, fn);
  }
}

export interface PinnedProg {
  /** the function's name; bpftool pins each program under it */
  name: string;
  pinPath: string;
  id: number;
  /** bpftool's name for the program type: 'socket_filter', 'xdp', 'sched_cls', … */
  type: string;
  tag: string;
}

export interface PinnedMap {
  name: string;
  pinPath: string;
  id: number;
  type: string;
}

export interface LoadedObject {
  /** whether bpftool loaded every program (and the verifier accepted them) */
  ok: boolean;
  /** bpftool's stderr and stdout with -d: libbpf's messages and each program's verifier log */
  log: string;
  /** the directory holding every pin of this object: PINDIR/progs and PINDIR/maps */
  pinDir: string;
  progs: PinnedProg[];
  maps: PinnedMap[];
  /** the program pinned under `name`; throws, listing the names there are, if none */
  prog(name: string): PinnedProg;
  map(name: string): PinnedMap;
  /** unpins everything (the kernel frees programs and maps once nothing else holds them); idempotent */
  cleanup(): void;
}

export interface LoadOptions {
  /** force the program type instead of libbpf's guess from the section name (bpftool `type`) */
  type?: string;
  /**
   * run bpftool with -d (default true) so `log` holds every program's verifier log; with false,
   * libbpf still prints the log of a program the verifier rejects, and big loads are faster
   */
  verbose?: boolean;
  timeoutMs?: number;
}

/**
 * Loads every program of an ELF object: `bpftool [-d] prog loadall OBJ PINDIR/progs [type T]
 * pinmaps PINDIR/maps`. A load the verifier rejects is not an exception: `ok` is false and `log`
 * says why. The pin directory is unique per call, so parallel test files never collide.
 */
export function loadObject(objPath: string, opts: LoadOptions = {}): LoadedObject {
  const pinDir = makePinDir();
  const progDir = join(pinDir, 'progs');
  const mapDir = join(pinDir, 'maps');
  const args = [...(opts.verbose === false ? [] : ['-d']), 'prog', 'loadall', objPath, progDir,
    ...(opts.type !== undefined ? ['type', opts.type] : []), 'pinmaps', mapDir];
  const res = runBpftool(args, { timeoutMs: opts.timeoutMs ?? 120_000 });
  const cleanup = (): void => removePinDir(pinDir);
  const ok = res.error === undefined && res.status === 0;
  let log = res.stderr + res.stdout;
  if (res.error !== undefined) log += `\n${describeFailure(bpftoolPath(), args, res)}`;
  if (!ok) cleanup(); // nothing useful stays pinned after a failed load
  const progs = ok ? listDir(progDir).map((name) => showProg(name, join(progDir, name))) : [];
  const maps = ok ? listDir(mapDir).map((name) => showMap(name, join(mapDir, name))) : [];
  return {
    ok, log, pinDir, progs, maps, cleanup,
    prog: (name) => findPinned(progs, name, 'program', log),
    map: (name) => findPinned(maps, name, 'map', log),
  };
}

/** loadObject for in-memory ELF bytes (written to a scratch file first). */
export function loadObjectBytes(elf: Uint8Array, opts: LoadOptions = {}): LoadedObject {
  return withScratchDir((dir) => {
    const objPath = join(dir, 'prog.o');
    writeFileSync(objPath, elf);
    return loadObject(objPath, opts);
  });
}

function showProg(name: string, pinPath: string): PinnedProg {
  const j = bpftoolJson(['prog', 'show', 'pinned', pinPath]) as Record<string, unknown>;
  return { name, pinPath, id: Number(j['id']), type: String(j['type']), tag: String(j['tag']) };
}

function showMap(name: string, pinPath: string): PinnedMap {
  const j = bpftoolJson(['map', 'show', 'pinned', pinPath]) as Record<string, unknown>;
  return { name, pinPath, id: Number(j['id']), type: String(j['type']) };
}

function findPinned<T extends { name: string }>(items: T[], name: string, what: string, log: string): T {
  const found = items.find((p) => p.name === name);
  if (found !== undefined) return found;
  // libbpf names a global data section's map OBJ.rodata (.rodata.str1.1 keeps its own name), and
  // bpftool pins it with '.' turned into '_': prog_rodata, _rodata_str1_1.
  const pinnedData = name.startsWith('.') ? items.find((p) => p.name === name.replaceAll('.', '_') || p.name.endsWith(name.replaceAll('.', '_'))) : undefined;
  if (pinnedData !== undefined) return pinnedData;
  const have = items.map((p) => p.name).join(', ') || 'none';
  throw new Error(`no ${what} named '${name}' was pinned (pinned: ${have})\n${tail(log, 20)}`);
}

export interface RunOptions {
  /** run the program N times; durationNs is then the average */
  repeat?: number;
  /** the context passed in (e.g. struct xdp_md or struct __sk_buff bytes) */
  ctxIn?: Uint8Array;
  /** room for the output packet (default: its size + 4096, for programs that grow it) */
  dataSizeOutBytes?: number;
  /** room for the output context (default: max(ctxIn size, 256); the kernel refuses less than its ctx size) */
  ctxSizeOutBytes?: number;
  /** run on this CPU (the program then updates this CPU's per-CPU map values) */
  cpu?: number;
}

export interface RunResult {
  /** the program's return value, as an unsigned 32-bit number (TC_ACT_UNSPEC is 4294967295) */
  retval: number;
  /**
   * the packet after the program ran. For program types that start at the network header
   * (socket filters, cgroup_skb) the kernel hands back the 14 Ethernet bytes zeroed.
   */
  dataOut: Uint8Array;
  /** the kernel's measured run time, averaged over `repeat` runs */
  durationNs: number;
  /** the context after the run, when ctxIn was given */
  ctxOut: Uint8Array | undefined;
}

/**
 * Runs a pinned program once (or `repeat` times) on `packet` with BPF_PROG_TEST_RUN:
 * `bpftool -j prog run pinned P data_in - data_out - …`. Throws if the kernel refuses the run
 * (e.g. a packet shorter than an Ethernet header for skb programs).
 */
export function runProgram(pinPath: string, packet: Uint8Array, opts: RunOptions = {}): RunResult {
  return withScratchDir((dir) => {
    const args = ['prog', 'run', 'pinned', pinPath, 'data_in', '-', 'data_out', '-',
      'data_size_out', String(opts.dataSizeOutBytes ?? packet.length + 4096)];
    const ctxOutPath = join(dir, 'ctx_out');
    if (opts.ctxIn !== undefined) {
      const ctxInPath = join(dir, 'ctx_in');
      writeFileSync(ctxInPath, opts.ctxIn);
      const ctxSizeOutBytes = opts.ctxSizeOutBytes ?? Math.max(opts.ctxIn.length, 256);
      args.push('ctx_in', ctxInPath, 'ctx_out', ctxOutPath, 'ctx_size_out', String(ctxSizeOutBytes));
    }
    if (opts.repeat !== undefined) args.push('repeat', String(opts.repeat));
    const j = bpftoolJson(args, { input: packet, timeoutMs: 60_000, cpu: opts.cpu }) as Record<string, unknown>;
    const data = j['data_out'];
    return {
      retval: Number(j['retval']),
      dataOut: Uint8Array.from(Array.isArray(data) ? (data as number[]) : []),
      durationNs: Number(j['duration']),
      ctxOut: existsSync(ctxOutPath) ? new Uint8Array(readFileSync(ctxOutPath)) : undefined,
    };
  });
}
