// Every sample's verifier log quotes its C lines exactly (from .BTF.ext
// line_info), and `bpftool prog dump xlated ... linum` gives file:line for
// the instructions of every program.
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { runBpftool } from './bpftool.js';
import { describeKernel, kernelIt, loadObjectBytes } from './harness.js';

const samples = readdirSync(`${REPO_DIR}samples`).filter((f) => f.endsWith('.c')).sort();

describeKernel('source lines in the kernel for every sample', () => {
  const quotedPerSample = new Map<string, number>();

  for (const name of samples) {
    kernelIt(`${name}: quoted lines are exact and every program has line numbers`, () => {
      const path = `${REPO_DIR}samples/${name}`;
      const lines = readFileSync(path, 'utf8').split('\n');
      const out = compileFile(path);
      expect(out.ctx.diags.hasErrors(), out.text).toBe(false);
      const obj = loadObjectBytes(out.elf!);
      try {
        expect(obj.ok, obj.log).toBe(true);
        const quoted = new Map<number, string>();
        const re = new RegExp(`^; (.*) @ ${name.replace('.', '\\.')}:(\\d+)$`, 'gm');
        for (const m of obj.log.matchAll(re)) quoted.set(Number(m[2]), m[1]!);
        expect(quoted.size).toBeGreaterThan(0);
        for (const [line, text] of quoted) expect(text, `${name}:${line}`).toBe(lines[line - 1]!.trim());
        quotedPerSample.set(name, quoted.size);
        for (const p of obj.progs) {
          const res = runBpftool(['prog', 'dump', 'xlated', 'pinned', p.pinPath, 'linum'], { timeoutMs: 30_000 });
          expect(res.status, res.stderr).toBe(0);
          const first = res.stdout.split('\n').find((l) => l.startsWith('; '));
          expect(first, `${name} ${p.name}`).toMatch(new RegExp(`\\[file:\\S*${name.replace('.', '\\.')} line_num:\\d+ line_col:\\d+\\]$`));
        }
      } finally {
        obj.cleanup();
      }
    });
  }

  kernelIt('at least 20 distinct lines are quoted across the samples', () => {
    const total = [...quotedPerSample.values()].reduce((a, b) => a + b, 0);
    expect(quotedPerSample.size).toBe(samples.length);
    expect(total).toBeGreaterThanOrEqual(20);
  });
});
