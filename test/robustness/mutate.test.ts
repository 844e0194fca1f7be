// Robustness: mutated samples and pathological inputs must end in diagnostics or
// success, never in an exception, and quickly. Mutations are seeded (mulberry32),
// so a failure names its case and reproduces.
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/context.js';
import { MemoryFileSystem } from '../../src/diag/fs.js';
import { renderDiagnostics } from '../../src/diag/render.js';
import { compile } from '../../src/driver/compile.js';
import { compileString } from '../util/compile.js';
import { describeMutatedSamples, MAX_CASE_MS } from './mutate-lib.js';

describeMutatedSamples(0, 2);

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
