// Loading objects into the kernel with bpftool, for the verifier's numbers
// and test-run timings. Every object is pinned under its own directory in
// /sys/fs/bpf and removed again, also when a step fails.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const BPFFS = '/sys/fs/bpf';

function bpftool(args, opts = {}) {
  return spawnSync('bpftool', args, { encoding: 'utf8', timeout: opts.timeoutMs ?? 60_000, maxBuffer: 64 << 20 });
}

/** Why kernel measurements cannot run here, or undefined when they can. */
export function kernelUnavailableReason() {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'not root (loading programs needs CAP_BPF and CAP_NET_ADMIN)';
  const v = bpftool(['version']);
  if (v.error !== undefined || v.status !== 0) return 'bpftool is not installed (apt-get install bpftool)';
  if (!existsSync(BPFFS)) return `${BPFFS} is not mounted (mount -t bpf bpf ${BPFFS})`;
  return undefined;
}

export function bpftoolVersion() {
  const v = bpftool(['version']);
  return v.status === 0 ? v.stdout.split('\n')[0].trim() : undefined;
}

const BEGIN_RE = /prog '([^']*)': -- BEGIN PROG LOAD LOG --/;
const END_MARK = '-- END PROG LOAD LOG --';
const PROCESSED_RE = /processed (\d+) insns \(limit \d+\)/;
const STACK_RE = /^stack depth (\d+(?:\+\d+)*)\s*$/m;

/** Per program name: the verifier's processed-instruction count and stack depth (bytes per subprogram). */
export function parseVerifierLog(text) {
  const out = new Map();
  let name;
  let lines = [];
  const finish = () => {
    const log = lines.join('\n');
    const p = PROCESSED_RE.exec(log);
    const s = STACK_RE.exec(log);
    out.set(name, {
      processedInsns: p ? Number(p[1]) : undefined,
      stackDepthBytes: s ? s[1].split('+').map(Number) : undefined,
    });
  };
  for (const line of text.split('\n')) {
    const begin = BEGIN_RE.exec(line);
    if (begin) {
      if (name !== undefined) finish();
      name = begin[1];
      lines = [];
    } else if (line.includes(END_MARK) && name !== undefined) {
      finish();
      name = undefined;
    } else if (name !== undefined) lines.push(line);
  }
  if (name !== undefined) finish();
  return out;
}

/**
 * Loads every program of `objPath` (bpftool prog loadall), collects the verifier
 * statistics, and calls `whileLoaded(pinDir)` with the programs pinned as
 * pinDir/<program name>. Returns { ok, stats, error, result }.
 */
export function withLoadedObject(objPath, uniqueName, whileLoaded) {
  const pinDir = join(BPFFS, uniqueName);
  rmSync(pinDir, { recursive: true, force: true });
  try {
    const r = bpftool(['-d', 'prog', 'loadall', objPath, pinDir]);
    const log = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
    const stats = parseVerifierLog(log);
    if (r.status !== 0) {
      return { ok: false, stats, error: lastErrorLine(log) };
    }
    return { ok: true, stats, result: whileLoaded(pinDir) };
  } finally {
    rmSync(pinDir, { recursive: true, force: true });
  }
}

/** The most telling line of a failed bpftool run: libbpf's reason when it gave one, else bpftool's Error line. */
function lastErrorLine(log) {
  const lines = log.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const reasons = lines.filter((l) => l.startsWith('libbpf:') && /not supported|failed|error|invalid|denied|unknown|permission/i.test(l) && !/-- (BEGIN|END) PROG LOAD LOG --/.test(l));
  const errors = lines.filter((l) => l.startsWith('Error:'));
  const best = reasons[reasons.length - 1] ?? errors[errors.length - 1] ?? lines[lines.length - 1] ?? 'bpftool failed';
  return best.slice(0, 200);
}

/**
 * Runs a pinned program on `packet` `repeat` times per try (BPF_PROG_TEST_RUN),
 * `tries` times; returns the median of the kernel's average ns per run and the
 * return value, or { error }.
 */
export function timeProgram(pinPath, packet, scratchDir, { repeat = 100_000, tries = 5 } = {}) {
  mkdirSync(scratchDir, { recursive: true });
  const packetPath = join(scratchDir, 'packet.bin');
  writeFileSync(packetPath, packet);
  const durations = [];
  let retval;
  for (let i = 0; i < tries; i++) {
    const r = bpftool(['-j', 'prog', 'run', 'pinned', pinPath, 'data_in', packetPath, 'repeat', String(repeat)]);
    if (r.status !== 0) return { error: lastErrorLine(`${r.stdout}\n${r.stderr}`) };
    const j = JSON.parse(r.stdout);
    durations.push(Number(j.duration));
    retval = Number(j.retval);
  }
  durations.sort((a, b) => a - b);
  return { nsPerPacket: durations[durations.length >> 1], retval };
}

/**
 * Runs a pinned program once on each packet (BPF_PROG_TEST_RUN) and returns,
 * per packet name, { retval, dataOut (a hash of the output bytes) } or { error }.
 */
export function runPackets(pinPath, packets, scratchDir) {
  mkdirSync(scratchDir, { recursive: true });
  const out = new Map();
  for (const [name, packet] of packets) {
    const inPath = join(scratchDir, 'check-in.bin');
    const outPath = join(scratchDir, 'check-out.bin');
    writeFileSync(inPath, packet);
    rmSync(outPath, { force: true });
    const r = bpftool(['-j', 'prog', 'run', 'pinned', pinPath, 'data_in', inPath, 'data_out', outPath]);
    if (r.status !== 0) {
      out.set(name, { error: lastErrorLine(`${r.stdout}\n${r.stderr}`) });
      continue;
    }
    const dataOut = existsSync(outPath) ? createHash('sha256').update(readFileSync(outPath)).digest('hex').slice(0, 16) : '';
    out.set(name, { retval: Number(JSON.parse(r.stdout).retval), dataOut });
  }
  return out;
}
