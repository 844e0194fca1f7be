// Robustness: mutated samples and pathological inputs must end in diagnostics or
// success, never in an exception, and quickly. Mutations are seeded (mulberry32),
// so a failure names its case and reproduces.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/context.js';
import { MemoryFileSystem } from '../../src/diag/fs.js';
import { renderDiagnostics } from '../../src/diag/render.js';
import { compile } from '../../src/driver/compile.js';
import { lexFile } from '../../src/pp/lexer.js';
import { Diagnostics } from '../../src/diag/diagnostic.js';
import { compileString, REPO_DIR } from '../util/compile.js';

const TOTAL_CASES = 2000;
const MAX_CASE_MS = 2000;

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The source's tokens as [start, end) offsets, from ebcc's own lexer (directives included). */
function tokenRanges(text: string): [number, number][] {
  const toks = lexFile({ id: 0, path: 'm.c', text, lineStarts: [0] }, new Diagnostics());
  return toks.filter((t) => t.kind !== 'eof').map((t) => [t.span.start, t.span.end]);
}

type Mutation = 'delete' | 'duplicate' | 'swap' | 'truncate';
const MUTATIONS: Mutation[] = ['delete', 'duplicate', 'swap', 'truncate'];

/** Applies 1–3 random edits of one kind to `text`. */
function mutate(text: string, ranges: [number, number][], next: () => number): { kind: Mutation; text: string } {
  const kind = MUTATIONS[Math.floor(next() * MUTATIONS.length)]!;
  const pick = () => ranges[Math.floor(next() * ranges.length)]!;
  if (kind === 'truncate') return { kind, text: text.slice(0, Math.floor(next() * text.length)) };
  let out = text;
  const edits = 1 + Math.floor(next() * 3);
  // Edit from the end backwards so earlier offsets stay valid.
  const chosen = Array.from({ length: edits }, pick).sort((a, b) => b[0] - a[0]);
  for (const [s, e] of chosen) {
    if (kind === 'delete') out = out.slice(0, s) + out.slice(e);
    else if (kind === 'duplicate') out = out.slice(0, e) + ' ' + out.slice(s, e) + out.slice(e);
    else {
      const [s2, e2] = pick();
      if (s2 >= e || e2 > out.length) continue; // swap only with an earlier, disjoint token
      out = out.slice(0, s2) + out.slice(s, e) + out.slice(e2, s) + out.slice(s2, e2) + out.slice(e);
    }
  }
  return { kind, text: out };
}

function samples(): { name: string; text: string }[] {
  const dir = join(REPO_DIR, 'samples');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.c'))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
}

/** Runs the whole compile; returns what went wrong, or undefined. */
function runCase(text: string, name = 'test.c'): { error?: string; ms: number } {
  const started = performance.now();
  try {
    compileString(text, {}, 'obj', name);
  } catch (e) {
    return { error: (e as Error).stack ?? String(e), ms: performance.now() - started };
  }
  return { ms: performance.now() - started };
}

describe('mutated samples', () => {
  const all = samples();
  it('includes samples/xdp_count.c', () => {
    expect(all.map((s) => s.name)).toContain('xdp_count.c');
  });

  const perSample = Math.ceil(TOTAL_CASES / all.length);
  for (const [index, sample] of all.entries()) {
    it(`${sample.name}: ${perSample} mutations end in diagnostics or success, each within ${MAX_CASE_MS} ms`, () => {
      const ranges = tokenRanges(sample.text);
      const next = mulberry32(0x5eed + index);
      const failures: string[] = [];
      let slowest = 0;
      for (let n = 0; n < perSample; n++) {
        const m = mutate(sample.text, ranges, next);
        const r = runCase(m.text, sample.name);
        slowest = Math.max(slowest, r.ms);
        if (r.error) failures.push(`case ${n} (${m.kind}): ${r.error.split('\n').slice(0, 3).join(' | ')}`);
        else if (r.ms > MAX_CASE_MS) failures.push(`case ${n} (${m.kind}): took ${r.ms.toFixed(0)} ms`);
      }
      expect(failures).toEqual([]);
      expect(slowest).toBeLessThan(MAX_CASE_MS);
    }, 900_000);
  }
});

/** Compiles a pathological input and returns its diagnostics' codes; fails on an exception or a slow run. */
function pathological(src: string): { codes: string[]; text: string } {
  const started = performance.now();
  const r = compileString(src);
  expect(performance.now() - started).toBeLessThan(MAX_CASE_MS * 2);
  return { codes: r.ctx.diags.list.map((d) => d.code), text: r.text };
}

describe('pathological inputs', () => {
  it('10,000 nested parentheses', () => {
    const r = pathological(`int f(void) { return ${'('.repeat(10000)}1${')'.repeat(10000)}; }\n`);
    expect(r.codes).toEqual(['E2002']);
  });

  it('10,000 nested braces', () => {
    const r = pathological(`void f(void) ${'{'.repeat(10000)}${'}'.repeat(10000)}\n`);
    expect(r.codes).toEqual(['E2002']);
  });

  it('10,000 nested braces in an initializer', () => {
    const r = pathological(`void f(void) { int x = ${'{'.repeat(10000)}1${'}'.repeat(10000)}; }\n`);
    expect(r.codes[0]).toBe('E2002');
  });

  it('a recursive macro expands once and stops (painted blue)', () => {
    const r = pathological('#define f(x) f(x) + 1\nint g(int a) { return f(a); }\n');
    expect(r.codes).toEqual(['E3001']); // f itself is then an undeclared function
    expect(r.text).toContain("use of undeclared identifier 'f'");
  });

  it('an exponential macro stops with E1014', () => {
    let src = '#define a0 x x\n';
    for (let i = 1; i <= 40; i++) src += `#define a${i} a${i - 1} a${i - 1}\n`;
    const r = pathological(`${src}int f(void) { return a40; }\n`);
    expect(r.codes).toEqual(['E1014']);
  });

  it('an include cycle stops with E1004', () => {
    const fs = new MemoryFileSystem().set('main.c', '#include "a.h"\nint x;\n').set('a.h', '#include "b.h"\n').set('b.h', '#include "a.h"\n');
    const ctx = createContext(fs, { stdlibDir: '/no-stdlib' });
    const started = performance.now();
    compile('main.c', ctx, 'obj');
    expect(performance.now() - started).toBeLessThan(MAX_CASE_MS * 2);
    expect(ctx.diags.list.map((d) => d.code)).toEqual(['E1004']); // fatal: preprocessing stops
    expect(renderDiagnostics(ctx.diags.list, ctx.sources)).toContain('#include nested too deeply (more than 200 levels)');
  });

  it('a 1 MB line', () => {
    const r = pathological(`int f(void) { return ${'1 + '.repeat(250_000)}1; }\n`);
    expect(r.codes).toEqual(['E2002']);
  });

  it('a 1 MB comment line and a 1 MB identifier', () => {
    expect(pathological(`// ${'x'.repeat(1 << 20)}\nint f(void) { return 0; }\n`).codes).toEqual([]);
    expect(pathological(`int f(void) { return ${'x'.repeat(1 << 20)}; }\n`).codes).toEqual(['E3001']);
  });

  it('a NUL byte', () => {
    const r = pathological('int f(void) { return 1;\0 }\n');
    expect(r.codes.length).toBeGreaterThan(0);
    expect(r.codes.every((c) => /^E[0-9]{4}$/.test(c))).toBe(true);
  });

  it('invalid UTF-8 (decoded as U+FFFD) and stray bytes', () => {
    const bad = new TextDecoder().decode(new Uint8Array([0x69, 0x6e, 0x74, 0x20, 0xff, 0xfe, 0x3b, 0x0a]));
    const r = pathological(bad);
    expect(r.codes.length).toBeGreaterThan(0);
    expect(pathological('int f(void) { return 1 @ 2; }\n').codes.length).toBeGreaterThan(0);
  });
});
