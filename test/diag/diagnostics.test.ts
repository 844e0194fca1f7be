// One-snippet diagnostic tests: for each code the front and back end report, a
// source, and the full clang-style text ebcc prints for it. expectDiag checks the
// first diagnostic's code, line and column against the expected text's first line,
// then the whole rendered text. Also: every code in the catalogue has an explanation.
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/context.js';
import { CODES, lookupCode, type Code } from '../../src/diag/codes.js';
import { MemoryFileSystem } from '../../src/diag/fs.js';
import { renderDiagnostics } from '../../src/diag/render.js';
import { compile } from '../../src/driver/compile.js';
import { compileString, type Compiled } from '../util/compile.js';

/** [source, full rendered diagnostics]. */
type Case = [string, string];

/** Compiles `src` as test.c and checks the first diagnostic and the whole rendering. */
function expectDiag(src: string, expected: string): Compiled {
  const r = compileString(src);
  const head = /^(?:In file included from [^\n]*\n(?: {17}[^\n]*\n)*)?test\.c:(\d+):(\d+): (?:error|warning): .* \[(E\d{4})\]\n/.exec(expected);
  if (!head) throw new Error(`malformed expectation: ${expected.split('\n')[0]}`);
  const first = r.ctx.diags.list[0];
  expect(first, r.text).toBeDefined();
  const at = r.ctx.sources.lineCol(first!.span!.file, first!.span!.start);
  expect(`${first!.code} ${at.line}:${at.col}`).toBe(`${head[3]} ${head[1]}:${head[2]}`);
  expect(r.text).toBe(expected);
  return r;
}

const XDP_HEAD = 'struct xdp_md;\n__attribute__((section("xdp"))) int prog(struct xdp_md *ctx)\n{\n';

describe('diagnostics: driver (E0xxx)', () => {
  it('E0001 no-input-file', () => {
    const ctx = createContext(new MemoryFileSystem(), {});
    const out = compile('missing.c', ctx);
    expect(out).toEqual({});
    expect(ctx.diags.list.map((d) => d.code)).toEqual(['E0001']);
    expect(renderDiagnostics(ctx.diags.list, ctx.sources)).toBe("ebcc: error: no such file or directory: 'missing.c' [E0001]\n");
  });
});

describe('diagnostics: long inputs', () => {
  it('E1014 exponential macro: the backtrace keeps its first and last three expansions', () => {
    let src = '#define A0 x\n';
    for (let i = 1; i <= 24; i++) src += `#define A${i} A${i - 1} A${i - 1}\n`;
    src += 'A24\n';
    const r = expectDiag(
      src,
      `test.c:2:12: error: macro expansion produced more than 1000000 tokens; preprocessing stopped [E1014]
    2 | #define A1 A0 A0
      |            ^~
test.c:3:15: note: in expansion of macro 'A1'
    3 | #define A2 A1 A1
      |               ^~
test.c:4:12: note: in expansion of macro 'A2'
    4 | #define A3 A2 A2
      |            ^~
test.c:5:15: note: in expansion of macro 'A3'
    5 | #define A4 A3 A3
      |               ^~
ebcc: note: (skipping 18 expansions in backtrace)
test.c:24:13: note: in expansion of macro 'A22'
   24 | #define A23 A22 A22
      |             ^~~
test.c:25:13: note: in expansion of macro 'A23'
   25 | #define A24 A23 A23
      |             ^~~
test.c:26:1: note: in expansion of macro 'A24'
   26 | A24
      | ^~~
`,
    );
    expect(r.tokens).toHaveLength(1); // stopped: the partial output is not parsed
  });

  it('E1014 macro arguments nested too deeply', () => {
    const line = `int f(void) { return ${'F('.repeat(300)}1${')'.repeat(300)}; }`;
    expectDiag(
      `#define F(x) x\n${line}\n`,
      `test.c:2:536: error: macro arguments nested more than 256 deep; preprocessing stopped [E1014]\n    2 | ${line}\n      | ${' '.repeat(535)}^\n`,
    );
  });

  it('E1004 a file that includes itself: the include chain is shortened', () => {
    const from = '                 from test.c:1:\n';
    expectDiag(
      '#include "test.c"\n',
      'In file included from test.c:1:\n' +
        from.repeat(4) +
        '                 (skipping 189 more files in the include chain)\n' +
        from.repeat(5) +
        `test.c:1:2: error: #include nested too deeply (more than 200 levels); does a header include itself without an include guard? [E1004]
    1 | #include "test.c"
      |  ^~~~~~~~~~~~~~~~
`,
    );
  });

  it('E2002 nesting too deep', () => {
    const line = `int f(void) { return ${'('.repeat(110)}1${')'.repeat(110)}; }`;
    expectDiag(
      `${line}\n`,
      `test.c:1:121: error: nesting too deep: more than 100 levels of parentheses, braces, brackets or declarators [E2002]\n    1 | ${line}\n      | ${' '.repeat(120)}^\n`,
    );
  });

  it('E5009 inlining nests too deeply', () => {
    let src = '';
    for (let i = 33; i >= 0; i--) src += `static int f${i}(int x) { return ${i === 33 ? 'x' : `f${i + 1}(x + 1)`}; }\n`;
    expectDiag(
      `${src}${XDP_HEAD}  return f0(0);\n}\n`,
      `test.c:3:32: error: inlining 'f32' nests more than 32 calls deep [E5009]
    3 | static int f31(int x) { return f32(x + 1); }
      |                                ^~~~~~~~~~
`,
    );
  });
});

describe.each([
  ['preprocessor (E1xxx)', () => E1_CASES],
  ['parser (E2xxx)', () => E2_CASES],
  ['type checker (E30xx)', () => E30_CASES],
  ['restricted-C rules (E31xx)', () => E31_CASES],
  ['back end (E5xxx)', () => E5_CASES],
] as const)('diagnostics: %s', (_name, cases) => {
  it.each(cases().map(([src, text]) => [/\[(E\d{4})\]/.exec(text)![1]!, src, text] as const))('%s', (_code, src, text) => {
    expectDiag(src, text);
  });
});

/**
 * Codes with an entry that no stage reports (E0002), that sema now rejects first (E5003, as
 * E3101), or whose programs are too large for a snippet (E5011: test/opt/unroll.test.ts).
 */
const NEVER_REPORTED: Code[] = ['E0002', 'E5003', 'E5011'];
/**
 * Reported only on a compiler bug or limit that no small program reaches: E0003 (internal
 * compiler error; test/driver/cli.test.ts provokes one), E5001 (internal lowering error) and
 * E5013 (register allocation did not converge).
 */
const INTERNAL: Code[] = ['E0003', 'E5001', 'E5013'];

describe('the catalogue', () => {
  it('has a one-snippet test for every code the front and back end report', () => {
    // E7001 (assembly syntax) is asserted as rendered text in test/asm/assemble-object.test.ts.
    // E0004 (an output cannot be written) is asserted as rendered text in test/driver/cli.test.ts.
    // E3034 (unused variable, only with -Wall) is asserted as rendered text in test/diag/warning-flags.test.ts.
    const tested = new Set<string>(['E0001', 'E0004', 'E1004', 'E1014', 'E2002', 'E3034', 'E5009', 'E7001']);
    for (const c of [...E1_CASES, ...E2_CASES, ...E30_CASES, ...E31_CASES, ...E5_CASES]) tested.add(/\[(E\d{4})\]/.exec(c[1])![1]!);
    // E9xxx (ebcc run) are asserted as rendered text in test/run/cli.test.ts, V1xxx (the
    // verifier) in test/verify/.
    const wanted = Object.keys(CODES).filter((c) => !c.startsWith('E6') && !c.startsWith('E9') && !c.startsWith('V') && !NEVER_REPORTED.includes(c as Code) && !INTERNAL.includes(c as Code));
    expect(wanted.filter((c) => !tested.has(c))).toEqual([]);
    expect(tested.size).toBe(wanted.length);
  });

  it.each(Object.keys(CODES) as Code[])('`ebcc explain %s` has a name, a title and a real explanation', (code) => {
    const found = lookupCode(code);
    expect(found?.code).toBe(code);
    const info = found!.info;
    expect(info.name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    expect(lookupCode(info.name)?.code).toBe(code);
    expect(info.title.length).toBeGreaterThan(5);
    expect(info.explanation.length).toBeGreaterThanOrEqual(80);
  });

  it('code names are unique', () => {
    const names = Object.values(CODES).map((i) => i.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

const E1_CASES: Case[] = [
  [
    `int x;
/* never closed
int y;
`,
    `test.c:2:1: error: unterminated /* comment [E1001]
    2 | /* never closed
      | ^~
`,
  ],
  [
    `char *s = "abc;
`,
    `test.c:1:11: error: missing terminating " character: unterminated string literal [E1002]
    1 | char *s = "abc;
      |           ^~~~~
test.c:1:16: error: expected ';' after top level declarator, saw end of file [E2001]
    1 | char *s = "abc;
      |                ^
`,
  ],
  [
    `int c = 'a;
`,
    `test.c:1:9: error: missing terminating ' character: unterminated character constant [E1002]
    1 | int c = 'a;
      |         ^~~
test.c:1:12: error: expected ';' after top level declarator, saw end of file [E2001]
    1 | int c = 'a;
      |            ^
`,
  ],
  [
    `#include "missing.h"
int x;
`,
    `test.c:1:2: error: 'missing.h' file not found (#include "missing.h") [E1003]
    1 | #include "missing.h"
      |  ^~~~~~~~~~~~~~~~~~~
`,
  ],
  [
    `#include <nothere/at_all.h>
`,
    `test.c:1:2: error: 'nothere/at_all.h' file not found (#include <nothere/at_all.h>) [E1003]
    1 | #include <nothere/at_all.h>
      |  ^~~~~~~~~~~~~~~~~~~~~~~~~~
`,
  ],
  [
    `#include missing.h
`,
    `test.c:1:10: error: expected "FILENAME" or <FILENAME>, saw 'missing' [E1005]
    1 | #include missing.h
      |          ^~~~~~~
`,
  ],
  [
    `#include <abc
`,
    `test.c:1:10: error: expected '>' to end the header name [E1005]
    1 | #include <abc
      |          ^
`,
  ],
  [
    `#include ""
`,
    `test.c:1:10: error: empty file name in #include [E1005]
    1 | #include ""
      |          ^~
`,
  ],
  [
    `#define
`,
    `test.c:1:2: error: macro name missing: #define expects an identifier, saw end of line [E1006]
    1 | #define
      |  ^~~~~~
`,
  ],
  [
    `#ifdef 3
#endif
`,
    `test.c:1:8: error: macro name missing: #ifdef expects an identifier, saw '3' [E1006]
    1 | #ifdef 3
      |        ^
`,
  ],
  [
    `#if defined
#endif
`,
    `test.c:1:12: error: macro name missing: 'defined' expects an identifier, saw end of line [E1006]
    1 | #if defined
      |            ^
`,
  ],
  [
    `#define F(a, a) a
`,
    `test.c:1:14: error: duplicate parameter name in the parameter list of macro 'F', saw 'a' [E1007]
    1 | #define F(a, a) a
      |              ^
`,
  ],
  [
    `#define F(a b) a
`,
    `test.c:1:13: error: expected ',' or ')' in the parameter list of macro 'F', saw 'b' [E1007]
    1 | #define F(a b) a
      |             ^
`,
  ],
  [
    `#define N 1
#define N 2
`,
    `test.c:2:9: warning: 'N' macro redefined [E1008]
    2 | #define N 2
      |         ^
test.c:1:9: note: previous definition is here
    1 | #define N 1
      |         ^
`,
  ],
  [
    `#define S(x) #y
`,
    `test.c:1:14: error: '#' is not followed by a macro parameter of 'S', saw 'y' [E1009]
    1 | #define S(x) #y
      |              ^~
`,
  ],
  [
    `#define P(x) ## x
`,
    `test.c:1:14: error: '##' cannot appear at either end of the replacement list of macro 'P' [E1010]
    1 | #define P(x) ## x
      |              ^~
`,
  ],
  [
    `#define P(x) x ##
`,
    `test.c:1:16: error: '##' cannot appear at either end of the replacement list of macro 'P' [E1010]
    1 | #define P(x) x ##
      |                ^~
`,
  ],
  [
    `#define C(a, b) a ## b
int x = C(+, -);
`,
    `test.c:2:11: error: pasting '+' and '-' does not give a valid preprocessing token [E1011]
    2 | int x = C(+, -);
      |           ^
test.c:2:9: note: in expansion of macro 'C'
    2 | int x = C(+, -);
      |         ^~~~~~~
test.c:2:16: error: expected expression, saw ';' [E2001]
    2 | int x = C(+, -);
      |                ^
`,
  ],
  [
    `#define F(x) x
int y = F(1, 
`,
    `test.c:2:9: error: unterminated argument list invoking macro 'F' [E1012]
    2 | int y = F(1, 
      |         ^
test.c:2:8: error: expected expression, saw end of file [E2001]
    2 | int y = F(1, 
      |        ^
`,
  ],
  [
    `#define F(x, y) x + y
int z = F(1);
`,
    `test.c:2:9: error: macro 'F' requires 2 arguments, but 1 was given [E1013]
    2 | int z = F(1);
      |         ^
test.c:2:13: error: expected expression, saw ';' [E2001]
    2 | int z = F(1);
      |             ^
`,
  ],
  [
    `#define F(x) x
int z = F(1, 2);
`,
    `test.c:2:9: error: macro 'F' requires 1 argument, but 2 were given [E1013]
    2 | int z = F(1, 2);
      |         ^
test.c:2:16: error: expected expression, saw ';' [E2001]
    2 | int z = F(1, 2);
      |                ^
`,
  ],
  [
    `#include "test.c"
`,
    `In file included from test.c:1:
                 from test.c:1:
                 from test.c:1:
                 from test.c:1:
                 from test.c:1:
                 (skipping 189 more files in the include chain)
                 from test.c:1:
                 from test.c:1:
                 from test.c:1:
                 from test.c:1:
                 from test.c:1:
test.c:1:2: error: #include nested too deeply (more than 200 levels); does a header include itself without an include guard? [E1004]
    1 | #include "test.c"
      |  ^~~~~~~~~~~~~~~~
`,
  ],
  [
    `#if 1
int x;
`,
    `test.c:1:1: error: unterminated conditional directive: #endif is missing [E1015]
    1 | #if 1
      | ^~~
`,
  ],
  [
    `#endif
`,
    `test.c:1:2: error: #endif without #if [E1016]
    1 | #endif
      |  ^~~~~
`,
  ],
  [
    `#else
`,
    `test.c:1:2: error: #else without #if [E1016]
    1 | #else
      |  ^~~~
`,
  ],
  [
    `#if 1
#else
#elif 2
#endif
`,
    `test.c:3:2: error: #elif after #else [E1016]
    3 | #elif 2
      |  ^~~~
`,
  ],
  [
    `#if
#endif
`,
    `test.c:1:2: error: #if with no expression [E1017]
    1 | #if
      |  ^~
`,
  ],
  [
    `#if 1 +
#endif
`,
    `test.c:1:8: error: expected a value in preprocessor expression, saw end of line [E1017]
    1 | #if 1 +
      |        ^
`,
  ],
  [
    `#if (1
#endif
`,
    `test.c:1:7: error: expected ')' in preprocessor expression, saw end of line [E1017]
    1 | #if (1
      |       ^
`,
  ],
  [
    `#if defined(X
#endif
`,
    `test.c:1:14: error: expected ')' after 'defined(X', saw end of line [E1017]
    1 | #if defined(X
      |              ^
`,
  ],
  [
    `#if 1 / 0
#endif
`,
    `test.c:1:7: error: division by zero in preprocessor expression [E1018]
    1 | #if 1 / 0
      |       ^
`,
  ],
  [
    `#if 1 % 0
#endif
`,
    `test.c:1:7: error: remainder by zero in preprocessor expression [E1018]
    1 | #if 1 % 0
      |       ^
`,
  ],
  [
    `#error this configuration is not supported
`,
    `test.c:1:2: error: this configuration is not supported [E1019]
    1 | #error this configuration is not supported
      |  ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
`,
  ],
  [
    `#warning deprecated header
int x;
`,
    `test.c:1:2: warning: deprecated header [E1020]
    1 | #warning deprecated header
      |  ^~~~~~~~~~~~~~~~~~~~~~~~~
`,
  ],
  [
    `#inclde <linux/bpf.h>
`,
    `test.c:1:2: error: invalid preprocessing directive '#inclde' [E1021]
    1 | #inclde <linux/bpf.h>
      |  ^~~~~~
`,
  ],
  [
    `#line x
`,
    `test.c:1:7: error: #line expects a positive decimal line number, saw 'x' [E1022]
    1 | #line x
      |       ^
`,
  ],
  [
    `#line 0
`,
    `test.c:1:7: error: #line number 0 is out of range (1 to 2147483647) [E1022]
    1 | #line 0
      |       ^
`,
  ],
  [
    `#line 5 foo
`,
    `test.c:1:9: error: #line expects a file name in quotes after the line number, saw 'foo' [E1022]
    1 | #line 5 foo
      |         ^~~
`,
  ],
  [
    `#ifdef X Y
#endif
`,
    `test.c:1:10: warning: extra tokens at end of #ifdef directive: 'Y' [E1023]
    1 | #ifdef X Y
      |          ^
`,
  ],
  [
    `#undef X Y
`,
    `test.c:1:10: warning: extra tokens at end of #undef directive: 'Y' [E1023]
    1 | #undef X Y
      |          ^
`,
  ],
  [
    `#include <linux/types.h> extra
`,
    `test.c:1:26: warning: extra tokens at end of #include directive: 'extra' [E1023]
    1 | #include <linux/types.h> extra
      |                          ^~~~~
`,
  ],
  [
    `#if __has_include
#endif
`,
    `test.c:1:18: error: malformed __has_include: expected '(' operand ')', saw end of line [E1024]
    1 | #if __has_include
      |                  ^
`,
  ],
  [
    `#if __has_builtin 3
#endif
`,
    `test.c:1:19: error: malformed __has_builtin: expected '(' operand ')', saw '3' [E1024]
    1 | #if __has_builtin 3
      |                   ^
`,
  ],
  [
    `_Pragma(1)
`,
    `test.c:1:1: error: _Pragma takes a parenthesized string literal, but saw '1' [E1025]
    1 | _Pragma(1)
      | ^~~~~~~
`,
  ],
  [
    `#define __LINE__ 3
`,
    `test.c:1:9: error: '__LINE__' is built into the preprocessor and cannot be used with #define [E1026]
    1 | #define __LINE__ 3
      |         ^~~~~~~~
`,
  ],
  [
    `#undef defined
`,
    `test.c:1:8: error: 'defined' is built into the preprocessor and cannot be used with #undef [E1026]
    1 | #undef defined
      |        ^~~~~~~
`,
  ],
  [
    `#define F(...) f(0 __VA_OPT__ __VA_ARGS__)
`,
    `test.c:1:20: error: '__VA_OPT__' in macro 'F' must be followed by a parenthesized replacement [E1027]
    1 | #define F(...) f(0 __VA_OPT__ __VA_ARGS__)
      |                    ^~~~~~~~~~
`,
  ],
  [
    `#define F(...) __VA_OPT__(__VA_OPT__(x))
`,
    `test.c:1:27: error: '__VA_OPT__' cannot appear inside another '__VA_OPT__' (macro 'F') [E1027]
    1 | #define F(...) __VA_OPT__(__VA_OPT__(x))
      |                           ^~~~~~~~~~
`,
  ],
];

const E2_CASES: Case[] = [
  [
    `int f(void) { return 1 }
`,
    `test.c:1:23: error: expected ';' after return statement, saw '}' [E2001]
    1 | int f(void) { return 1 }
      |                       ^
`,
  ],
  [
    `int f(void) {
  int x = 1
  return x;
}
`,
    `test.c:2:12: error: expected ';' at end of declaration, saw 'return' [E2001]
    2 |   int x = 1
      |            ^
`,
  ],
  [
    `int x;
}
`,
    `test.c:2:1: error: expected a declaration, saw '}' [E2001]
    2 | }
      | ^
`,
  ],
  [
    `int f(int a) { return a + ; }
`,
    `test.c:1:27: error: expected expression, saw ';' [E2001]
    1 | int f(int a) { return a + ; }
      |                           ^
`,
  ],
  [
    `void f(int a) { if a) a = 1; }
`,
    `test.c:1:20: error: expected '(', saw 'a' [E2001]
    1 | void f(int a) { if a) a = 1; }
      |                    ^
`,
  ],
  [
    `int x
`,
    `test.c:1:6: error: expected ';' after top level declarator, saw end of file [E2001]
    1 | int x
      |      ^
`,
  ],
  [
    `void f(void) { for (_Static_assert(1, ""); ;) ; }
`,
    `test.c:1:21: error: expected expression or declaration in for loop, saw static assertion [E2001]
    1 | void f(void) { for (_Static_assert(1, ""); ;) ; }
      |                     ^~~~~~~~~~~~~~
`,
  ],
  [
    `int f(void) { int x; x = (1; return x; }
`,
    `test.c:1:28: error: expected ')', saw ';' [E2001]
    1 | int f(void) { int x; x = (1; return x; }
      |                            ^
`,
  ],
  [
    `struct s { int a b; };
`,
    `test.c:1:17: error: expected ';' at end of declaration list, saw 'b' [E2001]
    1 | struct s { int a b; };
      |                 ^
`,
  ],
  [
    `void f(void) { ] }
`,
    `test.c:1:16: error: expected statement, saw ']' [E2001]
    1 | void f(void) { ] }
      |                ^
`,
  ],
  [
    `int x = 1.5;
`,
    `test.c:1:9: error: floating-point constants are not supported in BPF programs, saw '1.5' [E2003]
    1 | int x = 1.5;
      |         ^~~
`,
  ],
  [
    `int x = 09;
`,
    `test.c:1:9: error: invalid digit in octal constant '09' [E2004]
    1 | int x = 09;
      |         ^~
`,
  ],
  [
    `int x = 0b102;
`,
    `test.c:1:9: error: invalid digit in binary constant '0b102' [E2004]
    1 | int x = 0b102;
      |         ^~~~~
`,
  ],
  [
    `int x = 12lL;
`,
    `test.c:1:9: error: invalid integer constant '12lL' [E2004]
    1 | int x = 12lL;
      |         ^~~~
`,
  ],
  [
    `int c = '';
`,
    `test.c:1:9: error: empty character constant [E2005]
    1 | int c = '';
      |         ^~
`,
  ],
  [
    `int c = 'abcde';
`,
    `test.c:1:9: error: character constant 'abcde' is too long for its type [E2005]
    1 | int c = 'abcde';
      |         ^~~~~~~
`,
  ],
  [
    `int c = '\\q';
`,
    `test.c:1:9: error: unknown escape sequence '\\q' [E2006]
    1 | int c = '\\q';
      |         ^~~~
`,
  ],
  [
    `int c = '\\x';
`,
    `test.c:1:9: error: \\x used with no following hex digits [E2006]
    1 | int c = '\\x';
      |         ^~~~
`,
  ],
  [
    `int c = '\\400';
`,
    `test.c:1:9: error: octal escape sequence '\\400' is out of range [E2006]
    1 | int c = '\\400';
      |         ^~~~~~
`,
  ],
  [
    `int struct s x;
`,
    `test.c:1:5: error: cannot combine 'struct' with the previous type specifier 'int' [E2007]
    1 | int struct s x;
      |     ^~~~~~
`,
  ],
  [
    `u32 x;
`,
    `test.c:1:1: error: unknown type name 'u32' [E2008]
    1 | u32 x;
      | ^~~
`,
  ],
  [
    `int f(void) {
  u32 y = 1;
  return y;
}
`,
    `test.c:2:3: error: unknown type name 'u32' [E2008]
    2 |   u32 y = 1;
      |   ^~~
`,
  ],
  [
    `void f(void) { _Static_assert(1, "ok"); }
_Static_assert(1, "ok");
int g(void) { for (_Static_assert(1, ""); ;) ; }
`,
    `test.c:3:20: error: expected expression or declaration in for loop, saw static assertion [E2001]
    3 | int g(void) { for (_Static_assert(1, ""); ;) ; }
      |                    ^~~~~~~~~~~~~~
`,
  ],
];

const E30_CASES: Case[] = [
  [
    `int f(void) { return counter; }
`,
    `test.c:1:22: error: use of undeclared identifier 'counter' [E3001]
    1 | int f(void) { return counter; }
      |                      ^~~~~~~
`,
  ],
  [
    `int f(void) {
  int counter = 0;
  return countr;
}
`,
    `test.c:3:10: error: use of undeclared identifier 'countr'; did you mean 'counter'? [E3001]
    3 |   return countr;
      |          ^~~~~~
`,
  ],
  [
    `int f(void) { int x = 1; return y; }
`,
    `test.c:1:33: error: use of undeclared identifier 'y' [E3001]
    1 | int f(void) { int x = 1; return y; }
      |                                 ^
`,
  ],
  [
    `int f(void) { return 0; }
int f(void) { return 1; }
`,
    `test.c:2:5: error: redefinition of 'f' [E3002]
    2 | int f(void) { return 1; }
      |     ^
test.c:1:5: note: previous definition is here
    1 | int f(void) { return 0; }
      |     ^
`,
  ],
  [
    `struct pair { int a; union { long b; struct { char a; }; }; };
int f(void) { return 0; }
`,
    `test.c:1:22: error: duplicate member 'a' [E3002]
    1 | struct pair { int a; union { long b; struct { char a; }; }; };
      |                      ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
test.c:1:19: note: previous declaration is here
    1 | struct pair { int a; union { long b; struct { char a; }; }; };
      |                   ^
`,
  ],
  [
    `struct s { int a; };
struct s { int b; };
`,
    `test.c:2:8: error: redefinition of 'struct s' [E3002]
    2 | struct s { int b; };
      |        ^
test.c:1:8: note: previous definition is here
    1 | struct s { int a; };
      |        ^
`,
  ],
  [
    `typedef int t;
typedef long t;
`,
    `test.c:2:14: error: typedef redefinition with different types ('long' vs 'int') [E3002]
    2 | typedef long t;
      |              ^
test.c:1:13: note: previous definition is here
    1 | typedef int t;
      |             ^
`,
  ],
  [
    `enum e { A, A };
`,
    `test.c:1:13: error: redefinition of enumerator 'A' [E3002]
    1 | enum e { A, A };
      |             ^
test.c:1:10: note: previous definition is here
    1 | enum e { A, A };
      |          ^
`,
  ],
  [
    `int g(int);
long g(int);
`,
    `test.c:2:6: error: conflicting types for 'g' [E3002]
    2 | long g(int);
      |      ^
test.c:1:5: note: previous declaration is here
    1 | int g(int);
      |     ^
`,
  ],
  [
    `void f(void) { l: ; l: ; }
`,
    `test.c:1:21: error: redefinition of label 'l' [E3002]
    1 | void f(void) { l: ; l: ; }
      |                     ^
test.c:1:16: note: previous definition is here
    1 | void f(void) { l: ; l: ; }
      |                ^
`,
  ],
  [
    `struct s;
union s *p;
`,
    `test.c:2:7: error: use of 's' with tag type that does not match previous declaration [E3002]
    2 | union s *p;
      |       ^
test.c:1:8: note: previous use is here
    1 | struct s;
      |        ^
`,
  ],
  [
    `struct s { int a; };
int f(struct s v) { int x = v; return x; }
`,
    `test.c:2:29: error: incompatible types: initializing 'int' with an expression of type 'struct s' [E3003]
    2 | int f(struct s v) { int x = v; return x; }
      |                             ^
`,
  ],
  [
    `struct s { int a; };
int f(struct s v) { return v; }
`,
    `test.c:2:28: error: incompatible types: returning 'struct s' from a function with result type 'int' [E3003]
    2 | int f(struct s v) { return v; }
      |                            ^
`,
  ],
  [
    `struct s { int a; };
int f(struct s v) { return v + 1; }
`,
    `test.c:2:28: error: invalid operands to binary expression ('struct s' and 'int') [E3004]
    2 | int f(struct s v) { return v + 1; }
      |                            ^~~~~
`,
  ],
  [
    `int f(int *p) { return p[1][2]; }
`,
    `test.c:1:24: error: subscripted value is not an array or pointer ('int') [E3004]
    1 | int f(int *p) { return p[1][2]; }
      |                        ^~~~
`,
  ],
  [
    `int f(int *p, long a) { return p < a; }
`,
    `test.c:1:32: error: comparison between pointer and integer ('int *' and 'long') [E3004]
    1 | int f(int *p, long a) { return p < a; }
      |                                ^~~~~
`,
  ],
  [
    `struct s { int a; };
int f(struct s v) { if (v) return 1; return 0; }
`,
    `test.c:2:25: error: statement requires expression of scalar type ('struct s' invalid) [E3004]
    2 | int f(struct s v) { if (v) return 1; return 0; }
      |                         ^
`,
  ],
  [
    `struct s { int a; };
int f(struct s v) { return !v; }
`,
    `test.c:2:29: error: statement requires expression of scalar type ('struct s' invalid) [E3004]
    2 | int f(struct s v) { return !v; }
      |                             ^
`,
  ],
  [
    `struct s { int a; };
int f(struct s v) { v++; return 0; }
`,
    `test.c:2:21: error: cannot increment value of type 'struct s' [E3004]
    2 | int f(struct s v) { v++; return 0; }
      |                     ^~~
`,
  ],
  [
    `struct s { int a; };
int f(int c, struct s v) { return c ? v : 1; }
`,
    `test.c:2:35: error: incompatible operand types ('struct s' and 'int') [E3004]
    2 | int f(int c, struct s v) { return c ? v : 1; }
      |                                   ^~~~~~~~~
test.c:2:35: error: incompatible types: returning 'struct s' from a function with result type 'int' [E3003]
    2 | int f(int c, struct s v) { return c ? v : 1; }
      |                                   ^~~~~~~~~
`,
  ],
  [
    `int f(int *p) { switch (p) { default: return 0; } }
`,
    `test.c:1:25: error: statement requires expression of integer type ('int *' invalid) [E3004]
    1 | int f(int *p) { switch (p) { default: return 0; } }
      |                         ^
`,
  ],
  [
    `int f(int a) { 1 = a; return a; }
`,
    `test.c:1:16: error: expression is not assignable [E3005]
    1 | int f(int a) { 1 = a; return a; }
      |                ^
`,
  ],
  [
    `int f(void) { const int c = 1; c = 2; return c; }
`,
    `test.c:1:32: error: cannot assign to a variable with const-qualified type 'const int' [E3005]
    1 | int f(void) { const int c = 1; c = 2; return c; }
      |                                ^
`,
  ],
  [
    `int f(void) { int a[2]; int b[2]; a = b; return 0; }
`,
    `test.c:1:35: error: array type 'int[2]' is not assignable [E3005]
    1 | int f(void) { int a[2]; int b[2]; a = b; return 0; }
      |                                   ^
test.c:1:39: error: incompatible types: assigning to 'int[2]' from 'int *' [E3003]
    1 | int f(void) { int a[2]; int b[2]; a = b; return 0; }
      |                                       ^
`,
  ],
  [
    `int f(int a) { int *p = &(a + 1); return *p; }
`,
    `test.c:1:25: error: cannot take the address of an rvalue [E3005]
    1 | int f(int a) { int *p = &(a + 1); return *p; }
      |                         ^~~~~~~~
`,
  ],
  [
    `struct s { int b : 3; };
int f(struct s *v) { int *p = &v->b; return *p; }
`,
    `test.c:2:31: error: address of bit-field 'b' requested [E3005]
    2 | int f(struct s *v) { int *p = &v->b; return *p; }
      |                               ^~~~~
`,
  ],
  [
    `struct s { int a; };
int f(struct s *p) { return p->b; }
`,
    `test.c:2:32: error: no member named 'b' in 'struct s' [E3006]
    2 | int f(struct s *p) { return p->b; }
      |                                ^
`,
  ],
  [
    `struct s { int a; };
int f(void) { struct s v = { .b = 1 }; return v.a; }
`,
    `test.c:2:30: error: field designator 'b' does not refer to any field in type 'struct s' [E3006]
    2 | int f(void) { struct s v = { .b = 1 }; return v.a; }
      |                              ^~
`,
  ],
  [
    `struct s { int a; };
long n = __builtin_offsetof(struct s, b);
`,
    `test.c:2:39: error: no member named 'b' in 'struct s' [E3006]
    2 | long n = __builtin_offsetof(struct s, b);
      |                                       ^
`,
  ],
  [
    `struct s { int a; };
int f(struct s v) { return v->a; }
`,
    `test.c:2:28: error: member reference type 'struct s' is not a pointer; did you mean to use '.'? [E3007]
    2 | int f(struct s v) { return v->a; }
      |                            ^~~~
`,
  ],
  [
    `int f(int v) { return v.a; }
`,
    `test.c:1:23: error: member reference base type 'int' is not a structure or union [E3007]
    1 | int f(int v) { return v.a; }
      |                       ^~~
`,
  ],
  [
    `struct s;
int f(struct s *p) { return p->a; }
`,
    `test.c:2:29: error: incomplete definition of type 'struct s' [E3008]
    2 | int f(struct s *p) { return p->a; }
      |                             ^~~~
test.c:1:8: note: forward declaration is here
    1 | struct s;
      |        ^
`,
  ],
  [
    `struct s;
int f(void) { struct s v; return 0; }
`,
    `test.c:2:24: error: variable 'v' has incomplete type 'struct s' [E3008]
    2 | int f(void) { struct s v; return 0; }
      |                        ^
`,
  ],
  [
    `struct s;
long n = sizeof(struct s);
`,
    `test.c:2:10: error: invalid application of 'sizeof' to an incomplete type 'struct s' [E3008]
    2 | long n = sizeof(struct s);
      |          ^~~~~~~~~~~~~~~~
`,
  ],
  [
    `struct s;
struct t { struct s m; };
`,
    `test.c:2:21: error: field 'm' has incomplete type 'struct s' [E3008]
    2 | struct t { struct s m; };
      |                     ^
`,
  ],
  [
    `struct s;
int f(struct s *p) { return (p + 1) != 0; }
`,
    `test.c:2:30: error: arithmetic on a pointer to an incomplete type 'struct s' [E3008]
    2 | int f(struct s *p) { return (p + 1) != 0; }
      |                              ^~~~~
`,
  ],
  [
    `int g(int a, int b) { return a + b; }
int f(void) { return g(1); }
`,
    `test.c:2:22: error: too few arguments to function call, expected 2, have 1 [E3009]
    2 | int f(void) { return g(1); }
      |                      ^~~~
`,
  ],
  [
    `int f(int *p) { return __sync_fetch_and_add(p); }
`,
    `test.c:1:24: error: too few arguments to '__sync_fetch_and_add', expected 2, have 1 [E3009]
    1 | int f(int *p) { return __sync_fetch_and_add(p); }
      |                        ^~~~~~~~~~~~~~~~~~~~~~~
`,
  ],
  [
    `int f(int a) { return a(1); }
`,
    `test.c:1:23: error: called object type 'int' is not a function or function pointer [E3010]
    1 | int f(int a) { return a(1); }
      |                       ^
`,
  ],
  [
    `int f(int n) { switch (n) { case n: return 1; } return 0; }
`,
    `test.c:1:34: error: expression is not an integer constant expression [E3011]
    1 | int f(int n) { switch (n) { case n: return 1; } return 0; }
      |                                  ^
`,
  ],
  [
    `long char c;
`,
    `test.c:1:1: error: invalid combination of type specifiers 'long char' [E3012]
    1 | long char c;
      | ^~~~
`,
  ],
  [
    `int a[-1];
`,
    `test.c:1:7: error: array has negative size (-1) [E3012]
    1 | int a[-1];
      |       ^~
`,
  ],
  [
    `struct s { int x __attribute__((aligned(3))); };
`,
    `test.c:1:33: error: requested alignment is not a positive power of 2 [E3012]
    1 | struct s { int x __attribute__((aligned(3))); };
      |                                 ^~~~~~~~~~
`,
  ],
  [
    `typedef int a[2](void);
`,
    `test.c:1:13: error: array elements cannot have function type 'int (void)' [E3012]
    1 | typedef int a[2](void);
      |             ^~~~
`,
  ],
  [
    `int f(int a) { return *a; }
`,
    `test.c:1:23: error: indirection requires pointer operand ('int' invalid) [E3013]
    1 | int f(int a) { return *a; }
      |                       ^~
`,
  ],
  [
    `struct s { int a; };
int f(void) { struct s v = { [0] = 1 }; return v.a; }
`,
    `test.c:2:30: error: array designator cannot initialize non-array type 'struct s' [E3014]
    2 | int f(void) { struct s v = { [0] = 1 }; return v.a; }
      |                              ^~~
`,
  ],
  [
    `int f(void) { int a[2] = { [5] = 1 }; return a[0]; }
`,
    `test.c:1:28: error: array index 5 is past the end of the array (which contains 2 elements) [E3014]
    1 | int f(void) { int a[2] = { [5] = 1 }; return a[0]; }
      |                            ^~~
`,
  ],
  [
    `int f(void) { int a[2] = { .x = 1 }; return a[0]; }
`,
    `test.c:1:28: error: field designator 'x' used to initialize array type 'int[2]' [E3014]
    1 | int f(void) { int a[2] = { .x = 1 }; return a[0]; }
      |                            ^~
`,
  ],
  [
    `struct s { int a; };
int f(int x) { struct s v = x; return v.a; }
`,
    `test.c:2:29: error: initializing 'struct s' with an expression of incompatible type 'int' [E3014]
    2 | int f(int x) { struct s v = x; return v.a; }
      |                             ^
`,
  ],
  [
    `int f(void) { break; return 0; }
`,
    `test.c:1:15: error: 'break' statement not in loop or switch statement [E3015]
    1 | int f(void) { break; return 0; }
      |               ^~~~~~
`,
  ],
  [
    `int f(int a) { switch (a) { case 1: continue; } return 0; }
`,
    `test.c:1:37: error: 'continue' statement not in loop statement [E3015]
    1 | int f(int a) { switch (a) { case 1: continue; } return 0; }
      |                                     ^~~~~~~~~
`,
  ],
  [
    `int f(void) { goto out; return 0; }
`,
    `test.c:1:15: error: use of undeclared label 'out' [E3016]
    1 | int f(void) { goto out; return 0; }
      |               ^~~~~~~~~
`,
  ],
  [
    `int f(int a) { switch (a) { case 1: return 1; case 1: return 2; } return 0; }
`,
    `test.c:1:52: error: duplicate case value '1' [E3017]
    1 | int f(int a) { switch (a) { case 1: return 1; case 1: return 2; } return 0; }
      |                                                    ^
test.c:1:34: note: previous case defined here
    1 | int f(int a) { switch (a) { case 1: return 1; case 1: return 2; } return 0; }
      |                                  ^
`,
  ],
  [
    `int f(int a) { switch (a) { default: return 1; default: return 2; } }
`,
    `test.c:1:48: error: multiple default labels in one switch [E3017]
    1 | int f(int a) { switch (a) { default: return 1; default: return 2; } }
      |                                                ^~~~~~~
test.c:1:29: note: previous default defined here
    1 | int f(int a) { switch (a) { default: return 1; default: return 2; } }
      |                             ^~~~~~~
`,
  ],
  [
    `struct s { int a : 33; };
`,
    `test.c:1:20: error: width of bit-field 'a' (33 bits) is invalid for type 'int' (32 bits) [E3018]
    1 | struct s { int a : 33; };
      |                    ^~
`,
  ],
  [
    `struct s { int *p : 3; };
`,
    `test.c:1:16: error: bit-field 'p' has non-integral type 'int *' [E3018]
    1 | struct s { int *p : 3; };
      |                ^~~~~~
`,
  ],
  [
    `int f(void) { return; }
`,
    `test.c:1:15: error: non-void function 'f' should return a value [E3020]
    1 | int f(void) { return; }
      |               ^~~~~~~
`,
  ],
  [
    `void f(void) { return 1; }
`,
    `test.c:1:23: error: void function 'f' should not return a value [E3020]
    1 | void f(void) { return 1; }
      |                       ^
`,
  ],
  [
    `int f(void) { case 1: return 0; }
`,
    `test.c:1:15: error: 'case' statement not in switch statement [E3021]
    1 | int f(void) { case 1: return 0; }
      |               ^~~~
`,
  ],
  [
    `int f(void) { default: return 0; }
`,
    `test.c:1:15: error: 'default' statement not in switch statement [E3021]
    1 | int f(void) { default: return 0; }
      |               ^~~~~~~
`,
  ],
  [
    `_Static_assert(sizeof(int) == 8, "int is 8 bytes");
`,
    `test.c:1:16: error: static assertion failed: int is 8 bytes [E3022]
    1 | _Static_assert(sizeof(int) == 8, "int is 8 bytes");
      |                ^~~~~~~~~~~~~~~~
`,
  ],
  [
    `_Static_assert(0);
`,
    `test.c:1:16: error: static assertion failed [E3022]
    1 | _Static_assert(0);
      |                ^
`,
  ],
  [
    `struct s { int a; };
int f(struct s v) { return (int)v; }
`,
    `test.c:2:28: error: cannot cast from 'struct s' to 'int' [E3024]
    2 | int f(struct s v) { return (int)v; }
      |                            ^~~~~~
`,
  ],
  [
    `struct a { int x; };
struct b { int y; };
int f(struct a *p) { struct b *q = p; return q->y; }
`,
    `test.c:3:36: warning: incompatible pointer types: initializing 'struct b *' with an expression of type 'struct a *' [E3025]
    3 | int f(struct a *p) { struct b *q = p; return q->y; }
      |                                    ^
`,
  ],
  [
    `int f(long a) { int *p = a; return *p; }
`,
    `test.c:1:26: warning: incompatible integer to pointer conversion: initializing 'int *' with an expression of type 'long' [E3026]
    1 | int f(long a) { int *p = a; return *p; }
      |                          ^
`,
  ],
  [
    `long f(int *p) { long a = p; return a; }
`,
    `test.c:1:27: warning: incompatible pointer to integer conversion: initializing 'long' with an expression of type 'int *' [E3026]
    1 | long f(int *p) { long a = p; return a; }
      |                           ^
`,
  ],
  [
    `struct a; struct b;
int f(struct a *p, struct b *q) { return p == q; }
`,
    `test.c:2:42: warning: comparison of distinct pointer types ('struct a *' and 'struct b *') [E3027]
    2 | int f(struct a *p, struct b *q) { return p == q; }
      |                                          ^~~~~~
`,
  ],
  [
    `int f(unsigned char *p) { char *q = p; return *q; }
`,
    `test.c:1:37: warning: initializing 'char *' with an expression of type 'unsigned char *' converts between pointers to integer types with different sign [E3028]
    1 | int f(unsigned char *p) { char *q = p; return *q; }
      |                                     ^
`,
  ],
  [
    `int f(const int *p) { int *q = p; return *q; }
`,
    `test.c:1:32: warning: initializing 'int *' with an expression of type 'const int *' discards the 'const' qualifier [E3029]
    1 | int f(const int *p) { int *q = p; return *q; }
      |                                ^
`,
  ],
  [
    `unsigned long long x = 99999999999999999999;
`,
    `test.c:1:24: error: integer literal '99999999999999999999' is too large to be represented in any integer type [E3030]
    1 | unsigned long long x = 99999999999999999999;
      |                        ^~~~~~~~~~~~~~~~~~~~
`,
  ],
  [
    `int f(int a) { return a << 32; }
`,
    `test.c:1:28: warning: shift count 32 is >= width of type 'int' (32 bits): the result is undefined in C [E3031]
    1 | int f(int a) { return a << 32; }
      |                            ^~
`,
  ],
  [
    `int f(int a) { return a >> -1; }
`,
    `test.c:1:28: warning: shift count -1 is negative: the result is undefined in C [E3031]
    1 | int f(int a) { return a >> -1; }
      |                            ^~
`,
  ],
  [
    `int f(void) { int a[2] = { 1, 2, 3 }; return a[0]; }
`,
    `test.c:1:34: warning: excess elements in array initializer [E3032]
    1 | int f(void) { int a[2] = { 1, 2, 3 }; return a[0]; }
      |                                  ^
`,
  ],
  [
    `int f(void) { int a = { 1, 2 }; return a; }
`,
    `test.c:1:28: warning: excess elements in scalar initializer [E3032]
    1 | int f(void) { int a = { 1, 2 }; return a; }
      |                            ^
`,
  ],
  [
    `int f(void) { char s[2] = "abc"; return s[0]; }
`,
    `test.c:1:27: warning: initializer-string for char array is too long [E3032]
    1 | int f(void) { char s[2] = "abc"; return s[0]; }
      |                           ^~~~~
`,
  ],
  [
    `int f(int) { return 0; }
`,
    `test.c:1:7: warning: parameter 1 of 'f' has no name: the kernel rejects BTF for functions with unnamed parameters [E3033]
    1 | int f(int) { return 0; }
      |       ^~~
`,
  ],
];

const E31_CASES: Case[] = [
  [
    `int x __attribute__((section(".maps")));
`,
    `test.c:1:5: error: map 'x' in SEC(".maps") must be a struct of __uint/__type members [E3101]
    1 | int x __attribute__((section(".maps")));
      |     ^
`,
  ],
  [
    `extern int e;
int f(void) { return e; }
`,
    `test.c:2:22: error: extern variable 'e' cannot be used: BPF objects have no external data but kernel symbols (__ksym) and configuration values (__kconfig) [E3101]
    2 | int f(void) { return e; }
      |                      ^
`,
  ],
  [
    `int f(int n) { return n ? 1 + f(n - 1) : 0; }
struct xdp_md;
__attribute__((section("xdp"))) int prog(struct xdp_md *ctx)
{
  return f(3);
}
`,
    `test.c:1:31: error: recursive call to 'f': the BPF verifier rejects recursion (calls must form a DAG) [E3102]
    1 | int f(int n) { return n ? 1 + f(n - 1) : 0; }
      |                               ^~~~~~~~
`,
  ],
  [
    `int f(void) { double d; return 0; }
`,
    `test.c:1:22: error: variable 'd' has floating-point type 'double': BPF has no floating point [E3103]
    1 | int f(void) { double d; return 0; }
      |                      ^
`,
  ],
  [
    `int f(int a) { return (double)a; }
`,
    `test.c:1:23: error: floating-point conversions are not supported in BPF programs [E3103]
    1 | int f(int a) { return (double)a; }
      |                       ^~~~~~~~~
`,
  ],
  [
    `int f(int n) { char buf[n]; return buf[0]; }
`,
    `test.c:1:25: error: variable-length arrays are not supported in BPF programs: the array size must be an integer constant expression [E3104]
    1 | int f(int n) { char buf[n]; return buf[0]; }
      |                         ^
`,
  ],
  [
    `int f(int (*fp)(int)) { return fp(1); }
`,
    `test.c:1:32: error: calls through function pointers are not supported in BPF programs: only direct calls and BPF helpers can be called [E3105]
    1 | int f(int (*fp)(int)) { return fp(1); }
      |                                ^~
`,
  ],
  [
    `__attribute__((noinline)) int g(int a, int b, int c, int d, int e, int f) { return a; }
`,
    `test.c:1:31: error: function 'g' takes 6 arguments but a BPF-to-BPF call passes at most 5 (in R1-R5) [E3106]
    1 | __attribute__((noinline)) int g(int a, int b, int c, int d, int e, int f) { return a; }
      |                               ^
`,
  ],
  [
    `static long (*bpf_six)(int, int, int, int, int, int) = (void *)6;
int f(void) { return bpf_six(1, 2, 3, 4, 5, 6); }
`,
    `test.c:2:22: error: helper 'bpf_six' is called with 6 arguments; BPF passes at most 5 (in R1-R5) [E3106]
    2 | int f(void) { return bpf_six(1, 2, 3, 4, 5, 6); }
      |                      ^~~~~~~~~~~~~~~~~~~~~~~~~
`,
  ],
  [
    `static const char *const names[] = { "dns", "http" };
int f(void) { return names[0][0]; }
`,
    `test.c:1:38: error: 'names' stores the address of a string literal: BPF loaders do not relocate pointers inside data, so a table of strings must hold the characters themselves [E3107]
    1 | static const char *const names[] = { "dns", "http" };
      |                                      ^~~~~
`,
  ],
  [
    `struct xdp_md;
__attribute__((section("xdp"))) int prog(int x)
{
  return 0;
}
`,
    `test.c:2:37: error: program 'prog' in section 'xdp' must be declared 'int prog(struct xdp_md *ctx)' [E3108]
    2 | __attribute__((section("xdp"))) int prog(int x)
      |                                     ^~~~
`,
  ],
  [
    `struct __sk_buff;
__attribute__((section("cls-hc"))) int prog(struct __sk_buff *skb) { return 0; }
`,
    `test.c:2:40: warning: section 'cls-hc' names no program type libbpf 1.x knows: libbpf will refuse to load 'prog' unless the loader sets its type [E3109]
    2 | __attribute__((section("cls-hc"))) int prog(struct __sk_buff *skb) { return 0; }
      |                                        ^~~~
ebcc: note: checked as program type sched_cls, from its 'struct __sk_buff *' parameter (pass -mprog-type= to check it as socket_filter, sched_act, sk_skb, lwt_in, ... instead)
ebcc: note: write SEC("tc") to make the object load as it is, or load it with a type (e.g. 'bpftool prog loadall OBJ DIR type tc')
`,
  ],
  [
    `struct xdp_md;
__attribute__((section("xdp_prog"))) int prog(struct xdp_md *ctx) { return 2; }
`,
    `test.c:2:42: warning: section name 'xdp_prog' is a pre-libbpf-1.0 name that libbpf 1.x does not recognise; use SEC("xdp") [E3110]
    2 | __attribute__((section("xdp_prog"))) int prog(struct xdp_md *ctx) { return 2; }
      |                                          ^~~~
ebcc: note: libbpf 1.x loads 'prog' only when the loader sets its type (e.g. 'bpftool prog loadall OBJ DIR type xdp')
`,
  ],
  [
    `int f(void) { return bpf_map_lookup(0, 0) != 0; }
`,
    `test.c:1:22: error: there is no BPF helper named 'bpf_map_lookup'; did you mean 'bpf_map_lookup_elem'? [E3111]
    1 | int f(void) { return bpf_map_lookup(0, 0) != 0; }
      |                      ^~~~~~~~~~~~~~
`,
  ],
  [
    `#include <bpf/bpf_helpers.h>
int f(void) { return bpf_map_lookup(0, 0) != 0; }
`,
    `test.c:2:22: error: there is no BPF helper named 'bpf_map_lookup'; did you mean 'bpf_map_lookup_elem'? [E3111]
    2 | int f(void) { return bpf_map_lookup(0, 0) != 0; }
      |                      ^~~~~~~~~~~~~~
`,
  ],
  [
    `int f(long x) { asm("r0 = %0" :: "x"(x)); return 0; }
`,
    `test.c:1:34: error: input constraint "x" is not supported: ebcc takes register ("r", "w", "p"), memory ("m") and immediate ("i", "n", "ri", "g") operands [E3112]
    1 | int f(long x) { asm("r0 = %0" :: "x"(x)); return 0; }
      |                                  ^~~~~~
`,
  ],
  [
    `asm(".global x");
`,
    `test.c:1:1: error: file-scope inline assembly is not supported in BPF programs [E3112]
    1 | asm(".global x");
      | ^~~~~~~~~~~~~~~~~
`,
  ],
];

const E5_CASES: Case[] = [
  [
    `struct xdp_md { unsigned data, data_end; };
__attribute__((section("xdp"))) int prog(struct xdp_md *ctx)
{
  asm volatile("r1 = %[v]" :: [v]"i"(ctx->data) : "r1");
  return 2;
}
`,
    `test.c:4:3: error: operand 0 of this asm statement has an "i" (immediate) constraint, but its value is only known at run time: pass a constant, or use an "r" (register) operand [E5015]
    4 |   asm volatile("r1 = %[v]" :: [v]"i"(ctx->data) : "r1");
      |   ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
`,
  ],
  [
    `int g(void);
struct xdp_md;
__attribute__((section("xdp"))) int prog(struct xdp_md *ctx)
{
  long a = (long)&g;
  return a;
}
`,
    `test.c:5:19: error: the address of function 'g' is taken, but it is not defined in this file: a BPF callback must be a function of the program [E5002]
    5 |   long a = (long)&g;
      |                   ^
`,
  ],
  [
    `struct xdp_md;
__attribute__((section("xdp"))) int prog(struct xdp_md *ctx)
{
  int a = (int)(long)ctx;
  return a / 3;
}
`,
    `test.c:5:10: error: signed division needs -mcpu=v4 (BPF before v4 divides unsigned only): make the operands unsigned, or compile with -mcpu=v4 [E5004]
    5 |   return a / 3;
      |          ^~~~~
`,
  ],
  [
    `struct s { long a, b; };
static struct s mk(void) { struct s v = { 1, 2 }; return v; }
struct xdp_md;
__attribute__((section("xdp"))) int prog(struct xdp_md *ctx)
{
  return mk().a;
}
`,
    `test.c:6:10: error: functions returning structs by value are not supported in BPF programs: return a pointer or fill a struct passed by pointer [E5005]
    6 |   return mk().a;
      |          ^~~~
`,
  ],
  [
    `struct xdp_md;
__attribute__((section("xdp"))) int prog(struct xdp_md *ctx)
{
  char a[8], b[8];
  int n = (int)(long)ctx;
  __builtin_memcpy(a, b, n);
  return a[0];
}
`,
    `test.c:6:26: error: the size passed to '__builtin_memcpy' is not a compile-time constant, even after inlining and constant propagation: BPF programs expand it into loads and stores [E5006]
    6 |   __builtin_memcpy(a, b, n);
      |                          ^
`,
  ],
  [
    `struct xdp_md;
__attribute__((section("xdp"))) int prog(struct xdp_md *ctx)
{
  unsigned char key[4] = {}, buf[20];
  for (int i = 0; i < 4; i++)
    __builtin_memcpy(buf + 4 * i, key, i + 2);
  return buf[0];
}
`,
    `test.c:6:5: error: '__builtin_memcpy' reads 5 bytes at 'key', which has 4 bytes [E5016]
    6 |     __builtin_memcpy(buf + 4 * i, key, i + 2);
      |     ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
test.c:4:17: note: 'key' is declared here
    4 |   unsigned char key[4] = {}, buf[20];
      |                 ^~~
`,
  ],
  [
    `struct xdp_md;
__attribute__((section("xdp"))) int prog(struct xdp_md *ctx)
{
  unsigned char buf[16];
  __builtin_memset(buf, 0, 1 << 20);
  return buf[0];
}
`,
    `test.c:5:28: error: '__builtin_memset' of 1048576 bytes would expand into more than 8192 instructions; ebcc expands at most 65536 bytes per call [E5012]
    5 |   __builtin_memset(buf, 0, 1 << 20);
      |                            ^~~~~~~
`,
  ],
  [
    // A branch over an unrolled loop nest of 40,960 instructions: a jump's offset is 16 bits, so
    // it cannot be encoded (it used to wrap silently, and the kernel refused the object). The
    // pragmas ask for the unrolling (unmarked, loops this large stay loops).
    `struct xdp_md { unsigned int data, data_end, data_meta, ingress_ifindex, rx_queue_index; };
__attribute__((section("xdp"))) int prog(struct xdp_md *ctx)
{
  unsigned long long acc = ctx->rx_queue_index;
  if (acc == 7)
    _Pragma("unroll") for (int i = 0; i < 2; i++)
      _Pragma("unroll") for (int j = 0; j < 4096; j++)
        acc = ((acc ^ (acc >> 7)) * 31 + j) ^ (acc << 3) ^ (acc >> 11);
  return acc & 1;
}
`,
    `test.c:5:7: error: this jump in 'prog' goes 40,962 instructions forward, but a BPF jump's offset is 16 bits (at most 32,767); 'prog' has 40,966 instructions [E5012]
    5 |   if (acc == 7)
      |       ^~~~~~~~
test.c:2:37: note: a loop with a constant trip count is unrolled when its copies are small or it is marked #pragma unroll: a loop of fewer iterations, a __noinline function for the loop body, or bpf_loop() keeps the code short
    2 | __attribute__((section("xdp"))) int prog(struct xdp_md *ctx)
      |                                     ^~~~
`,
  ],
  [
    `struct xdp_md;
__attribute__((section("xdp"))) int prog(struct xdp_md *ctx)
{
  short s = 0;
  __sync_fetch_and_add(&s, 1);
  return s;
}
`,
    `test.c:5:3: error: BPF atomic instructions work on 4 or 8-byte values; '__sync_fetch_and_add' is used on a 2-byte value [E5007]
    5 |   __sync_fetch_and_add(&s, 1);
      |   ^~~~~~~~~~~~~~~~~~~~~~~~~~~
`,
  ],
  [
    `int g(int);
struct xdp_md;
__attribute__((section("xdp"))) int prog(struct xdp_md *ctx)
{
  return g(1);
}
`,
    `test.c:5:10: warning: function 'g' is not defined in this file: the call goes to an undefined symbol, so the object loads only once 'bpftool gen object' links it with the object that defines 'g' [E5008]
    5 |   return g(1);
      |          ^~~~
test.c:1:5: note: declared here
    1 | int g(int);
      |     ^
`,
  ],
  [
    `unsigned long long load_word(unsigned long long off) asm("llvm.bpf.load.word");
struct __sk_buff;
__attribute__((section("socket"))) int prog(struct __sk_buff *skb)
{
  return load_word(26);
}
`,
    `test.c:5:10: error: 'load_word' (llvm.bpf.load.word) takes the socket buffer pointer and a packet offset: load_word(skb, offset) [E5014]
    5 |   return load_word(26);
      |          ^~~~~~~~~~~~~
test.c:1:20: note: declared here
    1 | unsigned long long load_word(unsigned long long off) asm("llvm.bpf.load.word");
      |                    ^~~~~~~~~
`,
  ],
  [
    `struct xdp_md;
__attribute__((section("xdp"))) int prog(struct xdp_md *ctx)
{
  char big[600];
  big[0] = 1;
  return big[(long)ctx & 511];
}
`,
    `test.c:2:37: error: stack frame of 'prog' needs 600 bytes, but BPF programs have 512 [E5010]
    2 | __attribute__((section("xdp"))) int prog(struct xdp_md *ctx)
      |                                     ^~~~
test.c:4:8: note: 'big' takes 600 bytes
    4 |   char big[600];
      |        ^~~
`,
  ],
];
