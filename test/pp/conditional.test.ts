import { describe, expect, it } from 'vitest';
import { expand, runPP } from './helpers.js';

/** The value of a #if expression, as seen by the preprocessor: 'yes' or 'no'. */
function holds(expr: string, prelude = ''): string {
  return expand(`${prelude}\n#if ${expr}\nyes\n#else\nno\n#endif`);
}

describe('#if arithmetic', () => {
  it('evaluates C operators with their precedence', () => {
    expect(holds('1 + 2 * 3 == 7')).toBe('yes');
    expect(holds('(1 + 2) * 3 == 9')).toBe('yes');
    expect(holds('10 / 3 == 3 && 10 % 3 == 1 && -7 / 2 == -3 && -7 % 2 == -1')).toBe('yes');
    expect(holds('(1 << 4 | 1) == 17 && (0xf0 >> 4 ^ 3) == 12 && (6 & 3) == 2')).toBe('yes');
    expect(holds('~0 == -1 && !0 == 1 && !5 == 0 && -(-3) == +3')).toBe('yes');
    expect(holds('1 < 2 && 2 <= 2 && 3 > 2 && 2 >= 3 == 0 && 1 != 2')).toBe('yes');
    expect(holds('0 ? 1 : 2 == 2')).toBe('yes');
    expect(holds('(1, 0)')).toBe('no');
  });

  it('uses uintmax_t when an operand is unsigned', () => {
    expect(holds('-1 > 0u')).toBe('yes');
    expect(holds('-1 > 0')).toBe('no');
    expect(holds('0xffffffffffffffff == -1')).toBe('yes'); // too big for intmax_t: unsigned
    expect(holds('0xffffffffffffffff > 0')).toBe('yes');
    expect(holds('(0 ? 1u : -1) > 0')).toBe('yes'); // ?: converts both arms
    expect(holds('18446744073709551615u + 1 == 0')).toBe('yes');
    expect(holds('9223372036854775807 + 1 < 0')).toBe('yes'); // wraps in 64 bits
    expect(holds('-1 >> 63 == -1 && (-1u >> 63) == 1')).toBe('yes');
  });

  it('reads integer and character constants', () => {
    expect(holds("010 == 8 && 0x10 == 16 && 0b101 == 5 && 10ULL == 10 && 'a' == 97")).toBe('yes');
    expect(holds("'\\n' == 10 && '\\377' == -1 && '\\x41' == 65 && L'\\xff' == 255 && 'ab' == 24930")).toBe('yes');
    // The escapes are the parser's (one table): the GNU \e and \E are both ESC.
    expect(holds("'\\e' == 27 && '\\E' == 27 && '\\?' == 63")).toBe('yes');
  });

  it('short-circuits && || and ?: so unevaluated division by zero is fine', () => {
    expect(holds('0 && 1 / 0')).toBe('no');
    expect(holds('1 || 1 / 0')).toBe('yes');
    expect(holds('1 ? 2 : 1 / 0')).toBe('yes');
    expect(runPP('#if 0 || 1 % 0\n#endif').diags).toEqual(['error E1018 main.c:1: remainder by zero in preprocessor expression']);
    expect(runPP('#if 2 / (1 - 1)\n#endif').diags).toEqual(['error E1018 main.c:1: division by zero in preprocessor expression']);
  });

  it('treats unknown identifiers as 0 and expands macros', () => {
    expect(holds('UNKNOWN == 0 && N * 2 == 8', '#define N 4')).toBe('yes');
  });

  it('evaluates defined in both forms, also when a macro produces it', () => {
    expect(holds('defined X && defined(X) && !defined Y', '#define X')).toBe('yes');
    expect(holds('HAS_X', '#define X\n#define HAS_X defined(X)')).toBe('yes');
    expect(holds('defined __FILE__ && defined __has_include')).toBe('yes');
  });

  it('reports malformed expressions', () => {
    expect(runPP('#if\n#endif').diags).toEqual(['error E1017 main.c:1: #if with no expression']);
    expect(runPP('#if (1\n#endif').diags).toEqual(["error E1017 main.c:1: expected ')' in preprocessor expression, saw end of line"]);
    expect(runPP('#if 1.5\n#endif').diags).toEqual(["error E1017 main.c:1: floating constant '1.5' in preprocessor expression"]);
    expect(runPP('#if 1 2\n#endif').diags).toEqual(["error E1017 main.c:1: expected end of #if expression, saw '2'"]);
    expect(runPP('#if x = 1\n#endif').diags).toEqual(["error E1017 main.c:1: expected end of #if expression, saw '='"]);
    expect(runPP('#if defined\n#endif').diags).toEqual(["error E1006 main.c:1: macro name missing: 'defined' expects an identifier, saw end of line"]);
  });

  it('survives deeply nested parentheses', () => {
    const nested = (expr: string): string[] => runPP(`#if ${expr}\n#endif`).diags;
    const tooDeep = ['error E1017 main.c:1: preprocessor expression nested too deeply'];
    expect(nested(`${'('.repeat(5000)}1${')'.repeat(5000)}`)).toEqual(tooDeep);
    expect(nested(`${'- '.repeat(50000)}1`)).toEqual(tooDeep);
    expect(nested(`${'1 ? '.repeat(5000)}1${' : 0'.repeat(5000)}`)).toEqual(tooDeep);
    expect(nested(`${'0 ? 1 : '.repeat(5000)}1`)).toEqual(tooDeep);
    expect(nested(`${'1 ? '.repeat(100)}1${' : 0'.repeat(100)}`)).toEqual([]);
  });
});

describe('conditional groups', () => {
  it('takes the first true branch of #if/#elif/#else', () => {
    const src = (v: number): string => `#if V == 1\none\n#elif V == 2\ntwo\n#elif V == 2\nagain\n#else\nother\n#endif`.replace(/V/g, String(v));
    expect(expand(src(1))).toBe('one');
    expect(expand(src(2))).toBe('two');
    expect(expand(src(3))).toBe('other');
  });

  it('handles #ifdef, #ifndef, #elifdef and #elifndef', () => {
    expect(expand('#define A\n#ifdef A\na\n#endif\n#ifndef A\nb\n#endif\n#ifdef B\nc\n#elifdef A\nd\n#endif\n#ifdef B\ne\n#elifndef B\nf\n#endif')).toBe('a d f');
  });

  it('skips nested groups and does not evaluate skipped conditions', () => {
    expect(expand("#if 0\n#if 1/0\nx\n#else\ny\n#endif\nit's skipped\n#bogus\n#elif 1\nz\n#endif")).toBe('z');
    expect(expand('#if 1\na\n#elif 1/0\nb\n#endif')).toBe('a');
  });

  it('handles deeply nested #if', () => {
    const depth = 3000;
    expect(expand(`${'#if 1\n'.repeat(depth)}deep\n${'#endif\n'.repeat(depth)}`)).toBe('deep');
  });

  it('reports an unterminated #if at the #if', () => {
    expect(runPP('x\n#ifdef A\ny\n').diags).toEqual(['error E1015 main.c:2: unterminated conditional directive: #endif is missing']);
    expect(runPP('#if 0\n#else\n').diags).toEqual(['error E1015 main.c:1: unterminated conditional directive: #endif is missing']);
  });

  it('reports unmatched #else, #elif and #endif', () => {
    expect(runPP('#endif\n#else\n#elif 1').diags).toEqual([
      'error E1016 main.c:1: #endif without #if',
      'error E1016 main.c:2: #else without #if',
      'error E1016 main.c:3: #elif without #if',
    ]);
    expect(runPP('#if 1\n#else\n#else\n#endif').diags).toEqual(['error E1016 main.c:3: #else after #else']);
  });

  it('warns about extra tokens after #endif and #ifdef NAME', () => {
    expect(runPP('#ifdef A B\n#endif C').diags).toEqual([
      "warning E1023 main.c:1: extra tokens at end of #ifdef directive: 'B'",
      "warning E1023 main.c:2: extra tokens at end of #endif directive: 'C'",
    ]);
  });
});

describe('__has_* operators', () => {
  it('__has_builtin and __has_attribute answer from the feature tables', () => {
    expect(holds('__has_builtin(__builtin_memcpy) && !__has_builtin(__builtin_trap)')).toBe('yes');
    expect(holds('__has_attribute(packed) && __has_attribute(__section__) && !__has_attribute(cleanup)')).toBe('yes');
    expect(holds('__has_feature(c_atomic) || __has_extension(c_atomic)')).toBe('no');
  });

  it('__has_include finds headers along the search path', () => {
    const files = { 'inc/a.h': '', 'local.h': '' };
    const opts = { includeDirs: ['inc'] };
    expect(expand('#if __has_include(<a.h>) && __has_include("local.h") && !__has_include(<local.h>) && !__has_include("none.h")\nyes\n#endif', files, opts)).toBe('yes');
    expect(expand('#define H <a.h>\n#if __has_include(H)\nyes\n#endif', files, opts)).toBe('yes');
  });

  it('reports malformed operands', () => {
    expect(runPP('#if __has_builtin\n#endif').diags).toEqual(["error E1024 main.c:1: malformed __has_builtin: expected '(' operand ')', saw end of line"]);
    expect(runPP('#if __has_include(foo)\n#endif').diags).toEqual(['error E1005 main.c:1: expected "FILENAME" or <FILENAME>, saw \'foo\'']);
  });
});
