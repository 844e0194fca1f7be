// The playground's lessons teach by contrast: each broken version is refused (by the compiler, or
// by ebcc's verifier at the line the lesson is about), each fixed version builds and verifies.
// Where a version builds, the kernel's verdict on every program equals ebcc's verifier's.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeSource, type PageResult } from '../../web/src/analyze.js';
import { LESSONS } from '../../web/src/lessons.js';
import { describeLoader, runLoader } from '../kernel/loader/bpfload.js';
import { stdlib } from './stdlib.js';

const LIB = stdlib();
const results = new Map<string, PageResult>();
function analyzed(id: string, version: 'broken' | 'fixed'): PageResult {
  const key = `${id}/${version}`;
  let r = results.get(key);
  if (!r) {
    const lesson = LESSONS.find((l) => l.id === id)!;
    r = analyzeSource(lesson[version], LIB);
    results.set(key, r);
  }
  return r;
}

/** What each broken version is refused for: a compiler code, or a verifier code. */
const REFUSED_BY: Record<string, { by: 'compiler' | 'verifier'; code: RegExp }> = {
  'bounds': { by: 'verifier', code: /^V1\d{3}$/ },
  'null': { by: 'verifier', code: /^V1\d{3}$/ },
  'loops': { by: 'verifier', code: /^V1\d{3}$/ },
  'stack': { by: 'compiler', code: /^E5010$/ },
  'helper-args': { by: 'verifier', code: /^V1\d{3}$/ },
  'context': { by: 'verifier', code: /^V1\d{3}$/ },
  'tail-calls': { by: 'compiler', code: /^E3009$/ },
};

describe('lessons', () => {
  it('cover every lesson', () => {
    expect(LESSONS.map((l) => l.id).sort()).toEqual(Object.keys(REFUSED_BY).sort());
  });

  it.each(LESSONS.map((l) => l.id))('%s: the broken version is refused, the fixed one builds and verifies', (id) => {
    const want = REFUSED_BY[id]!;
    const broken = analyzed(id, 'broken');
    expect(broken.ok).toBe(false);
    expect(broken.built).toBe(want.by === 'verifier');
    const errors = broken.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.code).toMatch(want.code);
    expect(errors[0]!.inSource).toBe(true);
    const fixed = analyzed(id, 'fixed');
    expect(fixed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(fixed.ok).toBe(true);
    expect(fixed.verifier.length).toBeGreaterThan(0);
  });
});

describeLoader('lessons: ebcc verify agrees with Linux', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ebcc-lessons-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('gives the kernel\'s verdict on every program of every version that builds', () => {
    const cases: { id: string; object: { path: string; prog: string } }[] = [];
    const ours: boolean[] = [];
    for (const l of LESSONS) {
      for (const version of ['broken', 'fixed'] as const) {
        const r = analyzed(l.id, version);
        if (!r.built) continue;
        const path = join(dir, `${l.id}-${version}.o`);
        writeFileSync(path, r.elf!);
        for (const v of r.verifier) {
          cases.push({ id: `${l.id}/${version}:${v.name}`, object: { path, prog: v.name } });
          ours.push(v.accepted);
        }
      }
    }
    expect(cases.length).toBeGreaterThanOrEqual(11);
    const kernel = runLoader(cases);
    const verdicts = kernel.map((k, i) => `${cases[i]!.id}: ${k.progs[0]!.accepted ? 'accepted' : 'rejected'}`);
    expect(verdicts).toEqual(ours.map((a, i) => `${cases[i]!.id}: ${a ? 'accepted' : 'rejected'}`));
  });
});
