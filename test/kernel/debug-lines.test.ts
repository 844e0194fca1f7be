// Every sample's verifier log quotes its C lines exactly (from .BTF.ext
// line_info), and `bpftool prog dump xlated ... linum` gives file:line for
// the instructions of every program.
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { runBpftool } from './bpftool.js';
import { describeKernel, kernelIt, loadObjectBytes } from './harness.js';

const samples = readdirSync(`${REPO_DIR}samples`).filter((f) => f.endsWith('.c')).sort();

/**
 * Loads a sample and returns the C lines its verifier log quotes (line -> text), after checking
 * that every program has line numbers in bpftool's dump. Remembered per sample, so the summary
 * test below gets the same answer whether or not the per-sample tests ran first (or at all: it
 * passes when run alone with -t).
 */
function quotedLines(name: string, cache: Map<string, Map<number, string>>): Map<number, string> {
  const known = cache.get(name);
  if (known) return known;
  const path = `${REPO_DIR}samples/${name}`;
  const out = compileFile(path);
  expect(out.ctx.diags.hasErrors(), out.text).toBe(false);
  const obj = loadObjectBytes(out.elf!);
  try {
    expect(obj.ok, obj.log).toBe(true);
    const quoted = new Map<number, string>();
    const re = new RegExp(`^; (.*) @ ${name.replace('.', '\\.')}:(\\d+)$`, 'gm');
    for (const m of obj.log.matchAll(re)) quoted.set(Number(m[2]), m[1]!);
    for (const p of obj.progs) {
      const res = runBpftool(['prog', 'dump', 'xlated', 'pinned', p.pinPath, 'linum'], { timeoutMs: 30_000 });
      expect(res.status, res.stderr).toBe(0);
      const first = res.stdout.split('\n').find((l) => l.startsWith('; '));
      expect(first, `${name} ${p.name}`).toMatch(new RegExp(`\\[file:\\S*${name.replace('.', '\\.')} line_num:\\d+ line_col:\\d+\\]$`));
    }
    cache.set(name, quoted);
    return quoted;
  } finally {
    obj.cleanup();
  }
}

describeKernel('source lines in the kernel for every sample', () => {
  const cache = new Map<string, Map<number, string>>();

  for (const name of samples) {
    kernelIt(`${name}: quoted lines are exact and every program has line numbers`, () => {
      const lines = readFileSync(`${REPO_DIR}samples/${name}`, 'utf8').split('\n');
      const quoted = quotedLines(name, cache);
      expect(quoted.size).toBeGreaterThan(0);
      for (const [line, text] of quoted) expect(text, `${name}:${line}`).toBe(lines[line - 1]!.trim());
    });
  }

  kernelIt('at least 20 distinct lines are quoted across the samples', () => {
    const total = samples.reduce((n, name) => n + quotedLines(name, cache).size, 0);
    expect(total).toBeGreaterThanOrEqual(20);
  });
});
