// Whole-process timings: each command runs once untimed (it writes the
// object, warms the page cache and any code cache), then `runs` times timed.
// timeInterleaved() takes turns between several commands, so that a change in
// the machine's load during the measurement touches all of them alike.
import { spawnSync } from 'node:child_process';

function once(cmd, args, cwd) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, status: r.status, error: r.error, stderr: r.stderr ?? '' };
}

/** The q-quantile of xs (linear interpolation between the two nearest ranks). */
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** Median, quartiles and extremes of the timed runs. */
export function spread(times) {
  return {
    runs: times.length,
    medianMs: quantile(times, 0.5),
    q1Ms: quantile(times, 0.25),
    q3Ms: quantile(times, 0.75),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
  };
}

function failure(first) {
  if (first.error !== undefined) return { ok: false, error: String(first.error.message) };
  const line = first.stderr.split('\n').find((l) => /error/i.test(l)) ?? first.stderr.split('\n')[0] ?? '';
  return { ok: false, error: `exit ${first.status}: ${line.trim().slice(0, 160)}` };
}

/**
 * Runs each command once to check it works, then times `runs` rounds, each
 * round running every working command once in turn. Returns, per command,
 * { ok: true, times, runs, medianMs, q1Ms, q3Ms, minMs, maxMs } or { ok: false, error }
 * (the first line of stderr that mentions an error).
 */
export function timeInterleaved(commands, { cwd, runs = 5 } = {}) {
  const results = commands.map(([cmd, args]) => {
    const first = once(cmd, args, cwd);
    return first.error === undefined && first.status === 0 ? { times: [] } : failure(first);
  });
  for (let i = 0; i < runs; i++) {
    for (const [j, [cmd, args]] of commands.entries()) {
      if (results[j].times !== undefined) results[j].times.push(once(cmd, args, cwd).ms);
    }
  }
  return results.map((r) => (r.times === undefined ? r : { ok: true, times: r.times, ...spread(r.times) }));
}

/** One command timed on its own: timeInterleaved() of a single command. */
export function timeCommand(cmd, args, { cwd, runs = 5 } = {}) {
  return timeInterleaved([[cmd, args]], { cwd, runs })[0];
}
