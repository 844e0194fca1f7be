import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diag/diagnostic.js';
import { lexFile } from '../../src/pp/lexer.js';
import { printPreprocessed } from '../../src/pp/print.js';
import { runPP } from './helpers.js';

function relex(text: string): string[] {
  const tokens = lexFile({ id: 0, path: 'out.i', text, lineStarts: [0] }, new Diagnostics());
  return tokens.filter((t) => t.kind !== 'eof').map((t) => t.text);
}

describe('printPreprocessed', () => {
  it('prints GNU line markers with flags 1 and 2 around includes, and keeps lines and indentation', () => {
    const r = runPP('int a;\n#include "x.h"\nint b;\n\n  int c;\n', { 'x.h': '#define X 1\nint x = X;\n' });
    expect(printPreprocessed(r.tokens, r.ctx)).toBe(
      '# 1 "main.c"\nint a;\n# 2 "x.h" 1\nint x = 1;\n# 3 "main.c" 2\nint b;\n\n  int c;\n',
    );
  });

  it('uses a line marker for long runs of blank lines', () => {
    const r = runPP(`a\n${'\n'.repeat(20)}b`);
    expect(printPreprocessed(r.tokens, r.ctx)).toBe('# 1 "main.c"\na\n# 22 "main.c"\nb\n');
  });

  it('prints pragma tokens as #pragma lines', () => {
    const r = runPP('#define U _Pragma("unroll 2")\nU for (;;);\n#pragma clang loop unroll(full)\nwhile (1);');
    expect(printPreprocessed(r.tokens, r.ctx, { lineMarkers: false })).toBe(
      '#pragma unroll 2\nfor (;;);\n#pragma clang loop unroll(full)\nwhile (1);\n',
    );
  });

  it('separates tokens that would otherwise lex as one', () => {
    const src = '#define cat(a,b) a b\n#define P +\n#define E\nx cat(+,+) cat(-,>) cat(x,y) cat(L,"s") cat(1,.5) P+ -P a E b cat(/,/) x';
    const r = runPP(src);
    const printed = printPreprocessed(r.tokens, r.ctx, { lineMarkers: false });
    expect(printed).toBe('x + + - > x y L "s" 1 .5 + + -+ a b / / x\n');
    expect(relex(printed)).toEqual(r.tokens.slice(0, -1).map((t) => t.text));
  });

  it('re-lexes into the same tokens for a macro-heavy program', () => {
    const src = `#define str(x) #x
#define cat(a, b) a##b
#define E(fmt, ...) printf(fmt, ##__VA_ARGS__)
int cat(foo, 1) = - -1 + +2;
char *s = str(a  +   "b\\n");
void f(void) { E("x"); E("%d", a+++b); x = a - -b; }`;
    const r = runPP(src);
    const printed = printPreprocessed(r.tokens, r.ctx);
    expect(relex(printed.replace(/^# \d+ .*$/gm, ''))).toEqual(r.tokens.slice(0, -1).map((t) => t.text));
    expect(printed).toContain('printf("%d", a+++b);');
  });
});
