// Low-level plumbing for the kernel harness: running bpftool with argument arrays (never a shell
// string), unique pin directories under bpffs, and scratch files. harness.ts builds on this.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BPFFS_ROOT = '/sys/fs/bpf';
/** Pin directories are named `ebcc-test-<pid>-<counter>-<random>`. */
export const PIN_DIR_PREFIX = 'ebcc-test-';

/** The bpftool binary; override with BPFTOOL=/path/to/bpftool. */
export function bpftoolPath(): string {
  return process.env['BPFTOOL'] ?? 'bpftool';
}

export interface ToolResult {
  /** exit status; null when the process could not start or was killed (see `error`) */
  status: number | null;
  stdout: string;
  stderr: string;
  /** set when spawning failed (ENOENT) or the timeout killed the process */
  error: Error | undefined;
}

export interface ToolOptions {
  /** bytes fed to stdin (bpftool reads `-` as stdin for data_in) */
  input?: Uint8Array;
  timeoutMs?: number;
  /** run the command on this CPU only (taskset), e.g. so BPF_PROG_TEST_RUN updates CPU 0's per-CPU values */
  cpu?: number;
}

/** Runs `command ...args` without a shell and captures its output as text. */
export function runTool(command: string, args: readonly string[], opts: ToolOptions = {}): ToolResult {
  const argv = opts.cpu === undefined ? [command, ...args] : ['taskset', '-c', String(opts.cpu), command, ...args];
  const res = spawnSync(argv[0]!, argv.slice(1), {
    input: opts.input,
    timeout: opts.timeoutMs ?? 60_000,
    // Verifier logs of big programs run to tens of megabytes.
    maxBuffer: 1 << 30,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return { status: res.status, stdout: res.stdout ?? '', stderr: res.stderr ?? '', error: res.error };
}

/** Runs bpftool; see runTool. */
export function runBpftool(args: readonly string[], opts: ToolOptions = {}): ToolResult {
  return runTool(bpftoolPath(), args, opts);
}

/** Describes a failed tool run in one message: the command, the exit status and its output. */
export function describeFailure(command: string, args: readonly string[], res: ToolResult): string {
  const why = res.error ? res.error.message : `exit status ${String(res.status)}`;
  const output = (res.stderr + res.stdout).trim();
  return `${command} ${args.join(' ')} failed (${why})${output ? ':\n' + output : ''}`;
}

/**
 * Runs `bpftool -j ARGS` and parses its JSON output. Throws with bpftool's message when the
 * command fails, because a failing bpftool here means a broken test setup, not a test result.
 */
export function bpftoolJson(args: readonly string[], opts: ToolOptions = {}): unknown {
  const fullArgs = ['-j', ...args];
  const res = runBpftool(fullArgs, opts);
  if (res.error !== undefined || res.status !== 0) {
    throw new Error(describeFailure(bpftoolPath(), fullArgs, res));
  }
  return JSON.parse(res.stdout) as unknown;
}

// The counter only makes pin directory names easier to read in `ls /sys/fs/bpf`; uniqueness
// comes from mkdtemp's random suffix and its exclusive mkdir, so parallel test files
// (vitest forks, even across containers sharing bpffs) never collide.
let pinDirCounter = 0;

/** Creates a fresh, empty directory under bpffs for one loaded object. */
export function makePinDir(): string {
  pinDirCounter += 1;
  return mkdtempSync(join(BPFFS_ROOT, `${PIN_DIR_PREFIX}${process.pid}-${pinDirCounter}-`));
}

/** Removes a pin directory and everything pinned in it; missing directories are fine. */
export function removePinDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Removes pin directories left by test processes that died without cleaning up. To stay safe
 * when several containers share one bpffs, a directory is removed only when its pid is not
 * running here AND it is older than `minAgeMs`.
 */
export function removeStalePinDirs(minAgeMs = 60 * 60 * 1000): void {
  let names: string[];
  try {
    names = readdirSync(BPFFS_ROOT);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^ebcc-test-(\d+)-/.exec(name);
    if (m === null) continue;
    const dir = join(BPFFS_ROOT, name);
    try {
      if (Date.now() - statSync(dir).mtimeMs < minAgeMs || isProcessAlive(Number(m[1]))) continue;
      removePinDir(dir);
    } catch {
      // Another process removed it first, or we may not touch it: either way, not ours to fix.
    }
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Lists a directory's entries, sorted; a missing directory has none. */
export function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** Runs `fn` with a fresh scratch directory under the OS temp dir, then removes it. */
export function withScratchDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'ebcc-kernel-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** True when bpffs is mounted at /sys/fs/bpf, according to /proc/mounts. */
export function isBpffsMounted(): boolean {
  let mounts: string;
  try {
    mounts = readFileSync('/proc/mounts', 'utf8');
  } catch {
    return false;
  }
  return mounts.split('\n').some((line) => {
    const fields = line.split(' ');
    return fields[1] === BPFFS_ROOT && fields[2] === 'bpf';
  });
}
