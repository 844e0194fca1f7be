import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { createContext } from '../../src/context.js';
import { NodeFileSystem } from '../../src/cli/node-fs.js';
import { computeLookaheadTable, type LookaheadTable } from '../../src/parse/lookahead.js';
import { LOOKAHEAD_TABLE } from '../../src/parse/lookahead-table.js';
import { parse } from '../../src/parse/parse.js';
import { MAX_LOOKAHEAD } from '../../src/parse/parser-base.js';
import { ALL_TOKEN_TYPES } from '../../src/parse/tokens.js';
import { CParser } from '../../src/parse/unit-rules.js';
import { preprocess } from '../../src/pp/preprocess.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const NO_TABLE: LookaheadTable = { fingerprint: '', entries: {} };

/** The AST (spans included) and the diagnostics of `text` parsed by `parser`. */
function parseWith(parser: CParser, text: string, path = 'main.c'): string {
  const ctx = createContext(new NodeFileSystem(), { stdlibDir: `${root}stdlib/include` });
  const tokens = preprocess(ctx.sources.add(path, text), ctx);
  const tu = parse(tokens, ctx, parser);
  return JSON.stringify({ tu, diags: ctx.diags.list.map((d) => `${d.code} ${d.span?.start} ${d.message}`) }, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
}

describe('look-ahead table', () => {
  test('src/parse/lookahead-table.ts is up to date (run `npm run grammar` after changing the parser)', () => {
    const computed = computeLookaheadTable(Object.values(new CParser(true).getGAstProductions()), MAX_LOOKAHEAD);
    expect(Object.keys(computed.entries).length).toBeGreaterThan(100);
    expect(computed).toEqual(LOOKAHEAD_TABLE);
    // Paths name token types: the names must say which one.
    const names = ALL_TOKEN_TYPES.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
  });

  test('the parser decides from the table while the fingerprint matches, and computes the paths when it does not', () => {
    // A table that says a comma never continues an expression: `1, 2` no longer parses.
    const doctored: LookaheadTable = { ...LOOKAHEAD_TABLE, entries: { ...LOOKAHEAD_TABLE.entries, 'expression Repetition 0 2': [] } };
    const src = 'int f(void) { return 1, 2; }';
    expect(parseWith(new CParser(), src)).not.toContain('E2001');
    expect(parseWith(new CParser(false, doctored), src)).toContain("E2001");
    expect(parseWith(new CParser(false, { ...doctored, fingerprint: 'stale' }), src)).not.toContain('E2001');
  });

  test('decisions from the table are those chevrotain computes: the same trees and errors', () => {
    const withTable = new CParser();
    const without = new CParser(false, NO_TABLE);
    const samples = readdirSync(`${root}samples`).filter((f) => f.endsWith('.c'));
    expect(samples.length).toBeGreaterThan(3);
    const fs = new NodeFileSystem();
    for (const f of samples) {
      const text = fs.readFile(`${root}samples/${f}`)!;
      expect(parseWith(withTable, text, f)).toBe(parseWith(without, text, f));
    }
    // GATEs (typedef names), two-token decisions and syntax errors.
    for (const src of [
      'typedef int T; T x; int f(T a) { T b = (T)a; return sizeof(T) + b; }',
      'struct s { int a : 3; } v = { .a = 1 }; int g(void) { return ({ int y = 2; y; }); }',
      'int f(void) { return 1 + ; }',
      'int h(int a) { if a) return 1; while (a a = 1; }',
    ]) {
      expect(parseWith(withTable, src)).toBe(parseWith(without, src));
    }
  });
});

describe('look-ahead functions', () => {
  test("decisions built from the paths (first token first) are chevrotain's own: the same trees and errors", () => {
    // The validating parser uses chevrotain's LL(k) look-ahead functions; fast paths are off in both.
    const ours = new CParser(false, LOOKAHEAD_TABLE, false);
    const chevrotains = new CParser(true, LOOKAHEAD_TABLE, false);
    const fs = new NodeFileSystem();
    const files = [
      ...readdirSync(`${root}samples`).filter((f) => f.endsWith('.c')).map((f) => `${root}samples/${f}`),
      ...readdirSync(`${root}bench/programs`).filter((f) => f.endsWith('.c')).map((f) => `${root}bench/programs/${f}`),
    ];
    for (const f of files) {
      const text = fs.readFile(f)!;
      expect(parseWith(ours, text, f)).toBe(parseWith(chevrotains, text, f));
    }
    // GATEs with paths of one and two tokens, alternatives that no path of the next token reaches, errors.
    for (const src of [
      'typedef int T; T x; int f(T a) { T b = (T)a; T: return sizeof(T) + b + sizeof a + (T){ 1 }; }',
      'int f(int a) { a: goto a; __attribute__((fallthrough)); int (*p)(int), q[2]; __label__ l; l: return f(a) ? : 1; }',
      'struct s { int a, :3; } v = { .a = 1, [0] = 2, b: 3 }; int g(void) { return ({ int y = 2; y; }) + __builtin_offsetof(struct s, a); }',
      'int f(void) { return 1 + ; } int g(int a) { if a) return 1; while (a a = 1; } int h(int a) { a = f(; a->1; case 1: }',
      'enum e { A = 1, B, } x; int y[] = { 1, 2, }; void k(int, ...); void m(a, b) int a; int b; { }',
    ]) {
      expect(parseWith(ours, src)).toBe(parseWith(chevrotains, src));
    }
  }, 120_000);
});

describe('fast paths', () => {
  test('the rules\' fast paths decide as the grammar does: the same trees and errors with them as without', () => {
    const fast = new CParser();
    const slow = new CParser(false, undefined, false);
    const fs = new NodeFileSystem();
    const files = [
      ...readdirSync(`${root}samples`).filter((f) => f.endsWith('.c')).map((f) => `${root}samples/${f}`),
      ...readdirSync(`${root}bench/programs`).filter((f) => f.endsWith('.c')).map((f) => `${root}bench/programs/${f}`),
    ];
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const text = fs.readFile(f)!;
      expect(parseWith(fast, text, f)).toBe(parseWith(slow, text, f));
    }
    // Each fast path next to the cases it leaves to chevrotain: typedef names, labels, casts,
    // compound literals, prefix operators, and syntax errors where a fast path would otherwise go on.
    for (const src of [
      'typedef int T; T x; int f(T a) { T b = (T)a; T: return sizeof(T) + b + sizeof a + -a + !a + ~a + *&a; }',
      'struct s { int a : 3; } v = { .a = 1 }; int g(void) { return ({ int y = 2; y; }) + (struct s){ 1 }.a; }',
      'int f(int *p, int a) { p[0]++; p[a]--; f(p, a)->x; a = a ? : 1; a *= 2, a += 3; lbl: goto lbl; }',
      'int f(void) { return 1 + ; }',
      'int h(int a) { if a) return 1; while (a a = 1; }',
      'int f(int a) { a = f(; a = f(1,); a.; a->1; a[; }',
      'int f(int a) { u32 b = a; a b; a ) ; { } case 1: default: for (;;) break; do continue; while (0); switch (a) {} }',
      'static inline __attribute__((always_inline)) const volatile unsigned long int x; _Noreturn void g(void); __extension__ typedef int I; int y = (__extension__ 1);',
      '_Alignas(8) int z; typeof(z) w; enum e { A } q; union u { int a; } r; register int (*fp)(void);',
      'int f(void) { return __real__ 1 + __imag__ 2 + _Alignof(int) + ++f() + --f(); }',
      'struct s { int a, *b[2], (*f)(int); union { int c; } u; struct t *p; int : 3; _Static_assert(1, ""); ; long x __attribute__((aligned(8))); } __attribute__((packed)) v;',
      'struct __attribute__((packed)) p { char a; }; union u; struct s *ps; int (*fp)(int, char *[]), arr[3][4];',
      'struct { int a b; } x; struct s { int; } y; struct q { int a: ; } z; union { } w; struct 1 v; int g(int a[static 3]);',
    ]) {
      expect(parseWith(fast, src)).toBe(parseWith(slow, src));
    }
  }, 120_000);

  test('operands, declarators, specifiers and struct members read without their rules give the same trees and errors', () => {
    const fast = new CParser();
    const slow = new CParser(false, undefined, false);
    for (const src of [
      // An operand that is one identifier or constant, before each token that ends or continues it.
      "int f(int a, int b) { a = b; a = 1; a = 'c'; f(a, 2); f(a + 1, b * 'x'); a = b ? 1 : 'd'; a ?: b; a[b]; a.b; a->b; a++; a--; a(b); return (a), a, b; }",
      "int g(int a) { int c[4] = { a, 1, 'x', [2] = a }; switch (a) { case 1: case 'a': break; } char s[a]; return a << 1 < 2 == 3 & 4 ^ 5 | 6 && 7 || 8, a += 1, a; }",
      'enum e { A, B = 2, C = B, D = A + 1, E __attribute__((deprecated)) = 5, F __attribute__((unused)) } __attribute__((packed)) x; enum __attribute__((packed)) g { G };',
      'int * const * __attribute__((unused)) volatile p; int *restrict q, **r; int (* const s)(void); void h(int a __attribute__((unused)), int, char *);',
      'int f(void) { l: __attribute__((unused)) ; m: return 0; }',
      // Struct members: declarators after the specifiers, bit-fields, attributes, array sizes, and errors among them.
      'enum { N = 4 }; struct s { int a : 3, b, *c : 1, d __attribute__((aligned(8))) : 2 __attribute__((unused)); int : 3; int e[4], f[N], g[N + 1], (*h)(int); char i; } v; int w[1], x[N];',
      'struct s { int a : 3 4; int b, ; int c : ; int *; int d e; int f[; };',
      // Syntax errors just after such an operand.
      "int f(int a) { a = b c; f(a b); a = 1 2; a = 'x' a; return a ?; }",
      'int g(int a) { int x = y z; case a: ; return a [; }',
      'enum e { A = 1 2, B = , C };',
      // The nesting and chain limits, reached at such an operand.
      ...[98, 99, 100, 101].map((n) => `int f(int a) { return ${'('.repeat(n)}a${')'.repeat(n)}; }`),
      ...[98, 99, 100, 101].map((n) => `int f(int a) { return ${'-'.repeat(n)}a + ${'!'.repeat(n)}1; }`),
      ...[98, 99, 100].map((n) => `int x = ${'{'.repeat(n)}1${'}'.repeat(n)};`),
      ...[1024, 1025].map((n) => `int x = 1${' + 1'.repeat(n)};`),
      ...[99, 100].map((n) => `struct s { int ${'('.repeat(n)}x${')'.repeat(n)}; }; void f(int ${'('.repeat(n)}y${')'.repeat(n)});`),
      // Parameters: specifiers, typedef names, unknown type names, abstract declarators.
      'typedef int T; void f(const unsigned long a, struct s *b, T c, T, T *, int (*)(T), int [3]); void g(u32 a); void h(T T);',
    ]) {
      expect(parseWith(fast, src)).toBe(parseWith(slow, src));
    }
  });
});
