// Pathological inputs, one per way a compiler can be driven into a crash, a hang or unbounded
// memory: each must end in an object or in diagnostics from the catalogue (never E0003), within
// the CPU-time limit. Expected codes are written by hand.
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/context.js';
import { MemoryFileSystem } from '../../src/diag/fs.js';
import { renderDiagnostics } from '../../src/diag/render.js';
import { compile } from '../../src/driver/compile.js';
import { checkContract, cpuMsSince, MAX_CASE_CPU_MS } from './contract.js';

/** A program around `body`: a static function f(x) called from an XDP program. */
function program(decls: string, body: string): string {
  return `#include <linux/bpf.h>\n${decls}\nstatic __attribute__((noinline)) int f(int x)\n{\n${body}\n}\n__attribute__((section("xdp"), used)) int prog(struct xdp_md *ctx) { return f(ctx->data_end); }\n`;
}

function expectCodes(src: string, codes: string[], options = {}): string {
  const r = checkContract(src, options);
  expect(r.violation).toBeUndefined();
  expect(r.codes).toEqual(codes);
  return r.text;
}

describe('pathological inputs end in a diagnostic or an object, quickly', () => {
  it('a statement expression or a compound literal at file scope', () => {
    expect(expectCodes('int r = ({ int t = 3; t; });\n', ['E3011'])).toContain('statement expression not allowed at file scope');
    expect(expectCodes('int *p = (int[]){1, 2};\n', ['E3101'])).toContain('a compound literal at file scope');
  });

  it('a 1 MB string literal is not "nesting too deep"', () => {
    const text = expectCodes(`int f(void) { char s[] = "${'a'.repeat(1 << 20)}"; return s[7]; }\n`, []);
    expect(text).toBe('');
  });

  it('objects larger than the stack are refused before any work in proportion to their size', () => {
    expect(expectCodes(program('struct big { char pad[0x7fffffff]; int n; };', 'struct big b = {};\nreturn x;'), ['E5010'])).toContain("'b' needs 2147483652 bytes");
    expect(expectCodes(program('struct big { char pad[0x7fffffffffffffff]; };', 'struct big b = {};\nreturn x;'), ['E3012'])).toContain('array is too large');
    expect(expectCodes(program('', 'char a[0x7fffffff] = {0};\nreturn a[x & 7];'), ['E5010'])).toContain("'a' needs 2147483647 bytes of stack, but BPF programs have 512");
    expect(expectCodes(program('', 'char a[16];\n__builtin_memset(a, 0, 0x7fffffff);\nreturn a[3];'), ['E5012'])).toContain("'__builtin_memset' of 2147483647 bytes");
    expect(expectCodes(program('', 'char a[16];\n__builtin_memcpy(a, (char *)(long)x, 0x7fffffff);\nreturn a[3];'), ['E5012'])).toContain("'__builtin_memcpy' of 2147483647 bytes");
    expect(expectCodes(program('', 'int a[100000001] = { [0 ... 100000000] = 1 };\nreturn a[3];'), ['E3014'])).toContain('initializes 100000001 elements');
  });

  it('an array bound of hundreds of hex digits, or a size past 2^53 bytes', () => {
    const hex = `0x${'f'.repeat(300)}`;
    expect(expectCodes(`int f(void) { return sizeof(char[${hex}]); }\n`, ['E3030', 'E3012'])).toContain('integer literal');
    expect(expectCodes('int f(void) { return sizeof(char[10000000000][10000000000]); }\n', ['E3012'])).toContain('array is too large');
  });

  it('a loop of a billion iterations stops at the unrolling budget, and is too long to keep (E5011)', () => {
    const text = expectCodes(program('', 'int s = 0;\nfor (int i = 0; i < 1000000000; i++) s += i;\nreturn s;'), ['E5011']);
    expect(text).toContain('unrolling it would take more than 8192 iterations');
    expect(text).toContain('more than the 1,000,000 instructions');
    expectCodes(program('', 'for (int i = 0; i < 1000000000; i++) {}\nreturn 0;'), ['E5011']);
  });

  it('an irreducible loop made with goto is reported, not compiled to a backward jump', () => {
    const text = expectCodes(program('', 'int s = 0;\nif (x) goto b;\na: s += 1;\nb: s += 2;\nif (s < 100) goto a;\nreturn s;'), ['E5011']);
    expect(text).toContain('entered at more than one point');
  });

  it('nested constant loops around a division, and a 4,000-trip loop with a branch', () => {
    expectCodes(program('', 'unsigned s = 0;\nfor (int i = 0; i < 6; i++)\n for (int j = 0; j < 6; j++)\n  for (int k = 0; k < 8; k++)\n   s += (unsigned)x / (i + j + k + 1);\nreturn s;'), []);
    expectCodes(program('', 'int s = 0;\nfor (int i = 0; i < 4000; i++) { if (x > i) s += 3; else s -= 1; }\nreturn s;'), []);
  });

  it('thousands of ifs, gotos and switch cases in one function (no quadratic pass, no deep recursion)', () => {
    const ifs = Array.from({ length: 4000 }, (_, i) => `if (x > ${i}) r++;`).join('\n');
    expectCodes(program('', `int r = 0;\n${ifs}\nreturn r;`), []);
    const gotos = Array.from({ length: 6000 }, (_, i) => `if (x == ${i}) goto out;`).join('\n');
    expectCodes(program('', `${gotos}\nreturn 1;\nout:\nreturn 0;`), []);
    const cases = Array.from({ length: 3000 }, (_, i) => `case ${i}: return ${i * 3};`).join('\n');
    expectCodes(program('', `switch (x) {\n${cases}\n}\nreturn 0;`), []);
  });

  it('a chain of thousands of static functions, each calling the next: E5009, not the compiler\'s own stack', () => {
    const fns = Array.from({ length: 4000 }, (_, i) => (i === 0 ? 'static int f0(int x) { return x + 1; }' : `static int f${i}(int x) { return f${i - 1}(x) * 3 + ${i}; }`));
    const src = `#include <linux/bpf.h>\n${fns.join('\n')}\n__attribute__((section("xdp"), used)) int prog(struct xdp_md *ctx) { return f3999(ctx->data_end); }\n`;
    expect(expectCodes(src, ['E5009'])).toContain('nests more than 32 calls deep');
  });

  it('a function-like macro bomb stops with E1014', () => {
    let src = '#define F0(x) x x\n';
    for (let i = 1; i <= 30; i++) src += `#define F${i}(x) F${i - 1}(x x)\n`;
    expect(expectCodes(`${src}int f(void) { return F30(1); }\n`, ['E1014'])).toContain('more than 1000000 tokens');
  });
});

/** Compiles a pathological input and returns its diagnostics' codes; fails on a broken contract. */
function pathological(src: string): { codes: string[]; text: string } {
  const r = checkContract(src);
  expect(r.violation).toBeUndefined();
  return { codes: r.codes, text: r.text };
}

describe('pathological inputs: nesting, macros, includes, long lines, bad bytes', () => {
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
    const started = process.cpuUsage();
    compile('main.c', ctx, 'obj');
    expect(cpuMsSince(started)).toBeLessThan(MAX_CASE_CPU_MS);
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
    // int f(void) { return \xff\xfe; }: the bytes decode to U+FFFD U+FFFD, an identifier nothing declares
    const bad = new TextDecoder().decode(new Uint8Array([...Buffer.from('int f(void) { return '), 0xff, 0xfe, ...Buffer.from('; }\n')]));
    const r = pathological(bad);
    expect(r.codes.length).toBeGreaterThan(0);
    expect(pathological('int f(void) { return 1 @ 2; }\n').codes.length).toBeGreaterThan(0);
  });
});
