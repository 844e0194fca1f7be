// Whole-process timings: each command runs once untimed (it writes the
// object, warms the page cache and any code cache), then `runs` times timed.
import { spawnSync } from 'node:child_process';

function once(cmd, args, cwd) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, status: r.status, error: r.error, stderr: r.stderr ?? '' };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Runs cmd once to check it works; on success times `runs` more runs.
 * Returns { ok: true, medianMs, minMs } or { ok: false, error } (the first line of stderr).
 */
export function timeCommand(cmd, args, { cwd, runs = 5 } = {}) {
  const first = once(cmd, args, cwd);
  if (first.error !== undefined) return { ok: false, error: String(first.error.message) };
  if (first.status !== 0) {
    const line = first.stderr.split('\n').find((l) => /error/i.test(l)) ?? first.stderr.split('\n')[0] ?? '';
    return { ok: false, error: `exit ${first.status}: ${line.trim().slice(0, 160)}` };
  }
  const times = [];
  for (let i = 0; i < runs; i++) times.push(once(cmd, args, cwd).ms);
  return { ok: true, medianMs: median(times), minMs: Math.min(...times) };
}
