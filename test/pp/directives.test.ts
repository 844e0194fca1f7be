import { describe, expect, it } from 'vitest';
import { expand, runPP } from './helpers.js';

describe('#pragma and _Pragma', () => {
  it('turns pragmas into pragma tokens where the directive was', () => {
    const r = runPP('a\n#pragma unroll\n#pragma unroll 4\n#pragma clang loop unroll(full)\n#pragma nounroll\nb');
    expect(r.tokens.map((t) => [t.kind, t.text])).toEqual([
      ['ident', 'a'],
      ['pragma', 'unroll'],
      ['pragma', 'unroll 4'],
      ['pragma', 'clang loop unroll(full)'],
      ['pragma', 'nounroll'],
      ['ident', 'b'],
      ['eof', ''],
    ]);
    expect(r.diags).toEqual([]);
  });

  it('drops GCC and clang diagnostic pragmas', () => {
    expect(expand('#pragma GCC diagnostic push\n#pragma clang diagnostic ignored "-Wall"\n#pragma GCC system_header\nx')).toBe('x');
  });

  it('turns _Pragma into a pragma token, also from a macro', () => {
    const r = runPP('#define UNROLL _Pragma("unroll")\nfor UNROLL x _Pragma("clang loop \\"x\\"")');
    expect(r.tokens.map((t) => [t.kind, t.text])).toEqual([
      ['ident', 'for'],
      ['pragma', 'unroll'],
      ['ident', 'x'],
      ['pragma', 'clang loop "x"'],
      ['eof', ''],
    ]);
    expect(r.tokens[1]!.expansion?.macro).toBe('_Pragma');
    expect(r.tokens[1]!.expansion?.parent?.macro).toBe('UNROLL');
  });

  it('push_macro and pop_macro save and restore a definition', () => {
    const src = '#define X 1\n#pragma push_macro("X")\n#undef X\n#define X 2\nX\n#pragma pop_macro("X")\nX\n' +
      '#pragma push_macro("Y")\n#define Y 3\nY\n#pragma pop_macro("Y")\nY';
    expect(expand(src)).toBe('2 1 3 Y');
  });

  it('_Pragma("once") works like #pragma once', () => {
    expect(expand('#include "a.h"\n#include "a.h"', { 'a.h': '_Pragma("once") a' })).toBe('a');
  });

  it('reports a malformed _Pragma', () => {
    expect(runPP('_Pragma(unroll)').diags).toEqual(["error E1025 main.c:1: _Pragma takes a parenthesized string literal, but saw 'unroll'"]);
  });
});

describe('#line, #error, #warning and other directives', () => {
  it('#line changes __LINE__ and __FILE__', () => {
    expect(expand('__LINE__\n#line 100\n__LINE__ __FILE__\n#line 7 "x.c"\n__LINE__\n__LINE__ __FILE__')).toBe('1 100 "main.c" 7 8 "x.c"');
    expect(expand('#define N 50\n#line N\n__LINE__')).toBe('50');
    expect(expand('# 33 "gen.c" 1\n__LINE__ __FILE__')).toBe('33 "gen.c"');
  });

  it('reports malformed #line', () => {
    expect(runPP('#line x\n#line 0\n#line 5 y').diags).toEqual([
      "error E1022 main.c:1: #line expects a positive decimal line number, saw 'x'",
      'error E1022 main.c:2: #line number 0 is out of range (1 to 2147483647)',
      "error E1022 main.c:3: #line expects a file name in quotes after the line number, saw 'y'",
    ]);
  });

  it('#error is an error and #warning a warning, with the text as written', () => {
    expect(runPP("#error don't use  this\n#warning careful\n#if 0\n#error skipped\n#endif").diags).toEqual([
      "error E1019 main.c:1: don't use  this",
      'warning E1020 main.c:2: careful',
    ]);
  });

  it('accepts the null directive and rejects unknown ones', () => {
    expect(runPP('#\n# /* comment */\nx').text).toBe('x');
    expect(runPP('#frobnicate\n#assert x\n#ident "v1"\n#if 0\n#ignored\n#endif').diags).toEqual([
      "error E1021 main.c:1: invalid preprocessing directive '#frobnicate'",
      "error E1021 main.c:2: invalid preprocessing directive '#assert'",
    ]);
  });

  it('a # produced by a macro is not a directive', () => {
    expect(expand('#define H #\nH define X 1\nX')).toBe('# define X 1 X');
  });

  it('reports the lexer\'s errors in order with the others, except inside skipped groups', () => {
    expect(runPP("x 'y\n#if 0\n'z\n#endif\n#warning w\n\"s\n/* open").diags).toEqual([
      "error E1002 main.c:1: missing terminating ' character: unterminated character constant",
      'warning E1020 main.c:5: w',
      'error E1002 main.c:6: missing terminating " character: unterminated string literal',
      'error E1001 main.c:7: unterminated /* comment',
    ]);
  });
});

describe('built-in and predefined macros', () => {
  it('has deterministic __DATE__ and __TIME__, and a counting __COUNTER__', () => {
    expect(expand('__DATE__ __TIME__ __TIMESTAMP__ __COUNTER__ __COUNTER__ __COUNTER__')).toBe(
      '"Jan  1 1970" "00:00:00" "Thu Jan  1 00:00:00 1970" 0 1 2',
    );
    expect(expand('#line 1 "a/b/c.h"\n__FILE_NAME__')).toBe('"c.h"');
  });

  it('__LINE__ in a macro is the line where the use ends, as in clang', () => {
    expect(expand('#define L __LINE__\n\nL')).toBe('3');
    // clang-19 -E -P: 4 a 6 5
    expect(expand('#define f(x) __LINE__ x\nf(\na\n)\nf(__LINE__\n)')).toBe('4 a 6 5');
  });

  it('defines the macros clang 19 defines for -target bpf', () => {
    const names = [
      '__bpf__', '__BPF__', '__BPF_CPU_VERSION__', '__BPF_FEATURE_ALU32', '__BPF_FEATURE_JMP32', '__BYTE_ORDER__',
      '__ORDER_LITTLE_ENDIAN__', '__LITTLE_ENDIAN__', '__CHAR_BIT__', '__SIZEOF_POINTER__', '__SIZEOF_LONG__', '__LP64__',
      '__INT_MAX__', '__LONG_MAX__', '__UINT32_MAX__', '__SIZE_MAX__', '__SIZE_TYPE__', '__UINT64_TYPE__', '__INT8_TYPE__',
      '__STDC__', '__STDC_VERSION__', '__STDC_HOSTED__', '__GNUC__', '__clang__', '__clang_major__', '__ELF__',
      '__OPTIMIZE__', '__ebcc__',
    ];
    expect(expand(names.join(' | '))).toBe(
      '1 | 1 | 3 | 1 | 1 | 1234 | 1234 | 1 | 8 | 8 | 8 | 1 | 2147483647 | 9223372036854775807L | 4294967295U | ' +
        '18446744073709551615UL | long unsigned int | long unsigned int | signed char | 1 | 201710L | 1 | 4 | 1 | 19 | 1 | 1 | 1',
    );
  });

  it('does not define __CHAR_UNSIGNED__ or __BIG_ENDIAN__', () => {
    expect(expand('#if defined __CHAR_UNSIGNED__ || defined __BIG_ENDIAN__\nbad\n#endif\nok')).toBe('ok');
  });

  it('follows -mcpu and the optimisation level', () => {
    expect(expand('__BPF_CPU_VERSION__ __BPF_FEATURE_ALU32 __NO_INLINE__', {}, { mcpu: 1, optLevel: 0 })).toBe('1 __BPF_FEATURE_ALU32 1');
    expect(expand('__BPF_CPU_VERSION__ __BPF_FEATURE_LDSX __OPTIMIZE__', {}, { mcpu: 4 })).toBe('4 1 1');
  });
});
