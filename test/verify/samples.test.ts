// Every sample's programs are accepted by ebcc's verifier, and by Linux (with the kernel loader).
// Processed-instruction counts are printed next to the kernel's for comparison, not asserted.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDiagnostics } from '../../src/diag/render.js';
import { verifyObject } from '../../src/verify/index.js';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { describeLoader, runLoader } from '../kernel/loader/bpfload.js';

const SAMPLES = readdirSync(join(REPO_DIR, 'samples')).filter((f) => f.endsWith('.c')).sort();

describe('samples under ebcc verify', () => {
  it.each(SAMPLES)('%s: every program is accepted', (file) => {
    const out = compileFile(join(REPO_DIR, 'samples', file));
    expect(out.object).toBeDefined();
    const res = verifyObject(out.object!);
    expect(res.diagnostics).toEqual([]);
    expect(res.programs.length).toBeGreaterThan(0);
    for (const p of res.programs) {
      expect(renderDiagnostics(p.diagnostics, out.ctx.sources), p.name).toBe('');
      expect(p.accepted, p.name).toBe(true);
    }
  });
});

describeLoader('samples: ebcc verify agrees with Linux', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ebcc-verify-samples-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('accepts what the kernel accepts', () => {
    const cases: { id: string; object: { path: string; prog: string } }[] = [];
    const ours: boolean[] = [];
    for (const file of SAMPLES) {
      const out = compileFile(join(REPO_DIR, 'samples', file));
      const path = join(dir, file.replace(/\.c$/, '.o'));
      writeFileSync(path, out.elf!);
      for (const p of verifyObject(out.object!).programs) {
        cases.push({ id: `${file}:${p.name}`, object: { path, prog: p.name } });
        ours.push(p.accepted);
      }
    }
    const results = runLoader(cases);
    results.forEach((r, i) => expect(ours[i], cases[i]!.id).toBe(r.progs[0]!.accepted));
  });
});
