import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diag/diagnostic.js';
import { SourceManager } from '../../src/diag/source.js';
import { lexFile } from '../../src/pp/lexer.js';

function lex(text: string) {
  const sources = new SourceManager();
  const file = sources.add('t.c', text);
  const diags = new Diagnostics();
  const tokens = lexFile(file, diags);
  return { tokens, diags, file };
}

const texts = (text: string): string[] => lex(text).tokens.map((t) => t.text);

describe('lexFile', () => {
  it('cuts punctuators by longest match', () => {
    expect(texts('a->b<<=c...d##e>>=f++ +g')).toEqual(
      ['a', '->', 'b', '<<=', 'c', '...', 'd', '##', 'e', '>>=', 'f', '++', '+', 'g', ''],
    );
    expect(texts('x.y..z')).toEqual(['x', '.', 'y', '.', '.', 'z', '']);
  });

  it('maps digraphs to their ordinary spelling', () => {
    expect(texts('<: :> <% %> %: %:%:')).toEqual(['[', ']', '{', '}', '#', '##', '']);
  });

  it('lexes pp-numbers, including exponents with signs', () => {
    expect(lex('0x1fULL 1e+5 .5 1.2.3 0x1p-3 12ab').tokens.map((t) => [t.kind, t.text])).toEqual([
      ['number', '0x1fULL'], ['number', '1e+5'], ['number', '.5'], ['number', '1.2.3'],
      ['number', '0x1p-3'], ['number', '12ab'], ['eof', ''],
    ]);
    expect(texts('1+2')).toEqual(['1', '+', '2', '']);
  });

  it('takes $ and characters past ASCII into identifiers, and a sign only after an exponent letter', () => {
    expect(lex('$a b$1 \u00e9t\u00e9 _9').tokens.map((t) => [t.kind, t.text])).toEqual([
      ['ident', '$a'], ['ident', 'b$1'], ['ident', '\u00e9t\u00e9'], ['ident', '_9'], ['eof', ''],
    ]);
    expect(texts('0xe+1 0xa+1 1P-2 1x-2 9.e+')).toEqual(['0xe+1', '0xa', '+', '1', '1P-2', '1x', '-', '2', '9.e+', '']);
  });

  it('ends a line comment at the end of a file without a newline, and a literal at an unescaped quote', () => {
    expect(texts('a // b')).toEqual(['a', '']);
    expect(texts('"a\\\\"b')).toEqual(['"a\\\\"', 'b', '']);
  });

  it('lexes prefixed literals', () => {
    expect(lex(`L"a" u8"b" u'c' U'd' "e\\"f" 'g' u8 x`).tokens.map((t) => [t.kind, t.text])).toEqual([
      ['string', 'L"a"'], ['string', 'u8"b"'], ['char', "u'c'"], ['char', "U'd'"],
      ['string', '"e\\"f"'], ['char', "'g'"], ['ident', 'u8'], ['ident', 'x'], ['eof', ''],
    ]);
  });

  it('removes comments and line splices, keeping raw spans', () => {
    const { tokens, file } = lex('ab\\\ncd /* x\ny */ e // f\ng');
    expect(tokens.map((t) => t.text)).toEqual(['abcd', 'e', 'g', '']);
    expect(file.text.slice(tokens[0]!.span.start, tokens[0]!.span.end)).toBe('ab\\\ncd');
    expect(tokens.map((t) => [t.spaceBefore, t.lineStart])).toEqual([
      [false, true], [true, false], [false, true], [false, true],
    ]);
  });

  it('maps every token back to its raw text across CRLF, consecutive and trailing splices', () => {
    const src = 'a\\\r\nb c\\\n\\\nd "x\\\\\ny" e\\\n';
    const { tokens, file } = lex(src);
    expect(tokens.map((t) => t.text)).toEqual(['ab', 'cd', '"x\\y"', 'e', '']);
    expect(tokens.slice(0, -1).map((t) => file.text.slice(t.span.start, t.span.end))).toEqual([
      'a\\\r\nb', 'c\\\n\\\nd', '"x\\\\\ny"', 'e',
    ]);
    expect(tokens[tokens.length - 1]!.span.start).toBe(src.length);
  });

  it('reads identifiers of letters, digits, _, $ and any non-ASCII character, to the first other character', () => {
    expect(lex('a1_$b é\u00e9x _9+x\ud83d\ude00y-Z0').tokens.map((t) => [t.kind, t.text])).toEqual([
      ['ident', 'a1_$b'], ['ident', 'é\u00e9x'], ['ident', '_9'], ['punct', '+'], ['ident', 'x\ud83d\ude00y'], ['punct', '-'], ['ident', 'Z0'], ['eof', ''],
    ]);
  });

  it('places a diagnostic after many splices at its raw offset', () => {
    const src = '#define A 1 \\\n + 2 \\\n + 3\nint x\\\ny = "open\n';
    const { diags } = lex(src);
    expect(diags.list).toHaveLength(1);
    expect(src.slice(diags.list[0]!.span!.start, diags.list[0]!.span!.end)).toBe('"open');
  });

  it('a // comment continues over a splice', () => {
    expect(texts('a // b \\\n c\nd')).toEqual(['a', 'd', '']);
  });

  it('reports an unterminated comment', () => {
    const { tokens, diags } = lex('a /* b');
    expect(tokens.map((t) => t.text)).toEqual(['a', '']);
    expect(diags.list.map((d) => [d.code, d.message, d.span?.start])).toEqual([
      ['E1001', 'unterminated /* comment', 2],
    ]);
  });

  it('reports unterminated literals and goes on at the next line', () => {
    const { tokens, diags } = lex('"abc\\"\nx \'y');
    expect(tokens.map((t) => t.text)).toEqual(['"abc\\"', 'x', "'y", '']);
    expect(diags.list.map((d) => d.code)).toEqual(['E1002', 'E1002']);
    expect(diags.list[1]!.message).toBe("missing terminating ' character: unterminated character constant");
  });

  it('skips a byte order mark', () => {
    expect(texts('\ufeffint x;')).toEqual(['int', 'x', ';', '']);
  });

  it('keeps stray characters as one-character punctuators', () => {
    expect(lex('a @ `').tokens.map((t) => [t.kind, t.text])).toEqual([
      ['ident', 'a'], ['punct', '@'], ['punct', '`'], ['eof', ''],
    ]);
  });
});
