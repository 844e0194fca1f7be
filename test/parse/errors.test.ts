import { describe, expect, test } from 'vitest';
import { CParser } from '../../src/parse/unit-rules.js';
import { expectParseError, parseSource } from './util.js';

describe('syntax errors', () => {
  test("missing ';' is reported just after the previous token", () => {
    expectParseError('int f(void) {\n  int x = 1\n  return x;\n}', 'E2001', 2, 12, "expected ';' at end of declaration, saw 'return'");
    expectParseError('void f(int a) {\n  a = 2\n}', 'E2001', 2, 8, "expected ';' after expression, saw '}'");
    expectParseError('int f(void) { return 1 }', 'E2001', 1, 23, "expected ';' after return statement, saw '}'");
    expectParseError('int x', 'E2001', 1, 6, "expected ';' after top level declarator, saw end of file");
  });

  test('expected expression / identifier / parenthesis', () => {
    expectParseError('int f(void) { return 1 + ; }', 'E2001', 1, 26, "expected expression, saw ';'");
    expectParseError('int 5;', 'E2001', 1, 5, "expected identifier or '(', saw '5'");
    expectParseError('void f(int a) { if a) a = 1; }', 'E2001', 1, 20, "expected '(', saw 'a'");
    expectParseError('void f(int a) { while (a a = 1; }', 'E2001', 1, 26, "expected ')', saw 'a'");
  });

  test('unknown type names', () => {
    expectParseError('u32 x;', 'E2008', 1, 1, "unknown type name 'u32'");
    expectParseError('int f(u32 x);', 'E2008', 1, 7, "unknown type name 'u32'");
    const r = parseSource('int f(void) {\n  u32 x = 1;\n  u32 y = x;\n  return x + y;\n}');
    expect(r.errors).toEqual(["2:3 E2008 unknown type name 'u32'"]);
  });

  test('an unknown type name after specifiers that name no type (static inline bool f without <stdbool.h>)', () => {
    // Once, at the name, and the function parses: its body's use of the type is not reported again.
    const r = parseSource('static inline bool f(int a) {\n  bool b = a;\n  return b;\n}\nstatic const u8 *p;\nstruct s { const u16 v; };');
    expect(r.errors).toEqual(["1:15 E2008 unknown type name 'bool'", "5:14 E2008 unknown type name 'u8'", "6:18 E2008 unknown type name 'u16'"]);
    expect(r.unit.items.map((i) => i.kind)).toEqual(['FunctionDef', 'Declaration', 'Declaration']);
    // A declarator name after specifiers that did name a type is still a missing ';'.
    expectParseError('static int x y;', 'E2001', 1, 13, "expected ';' after top level declarator, saw 'y'");
  });

  test('conflicting type specifiers', () => {
    expectParseError('int struct s x;', 'E2007', 1, 5, 'cannot combine');
  });

  test('two errors in one function are both reported, and parsing goes on', () => {
    const r = parseSource('int f(int a) {\n  a = ;\n  a = 1 +;\n  return a;\n}\nint g(void) { return 2; }');
    expect(r.errors).toEqual(["2:7 E2001 expected expression, saw ';'", "3:10 E2001 expected expression, saw ';'"]);
    expect(r.unit.items.map((i) => i.kind)).toEqual(['FunctionDef', 'FunctionDef']);
  });

  test('errors in two declarations are both reported', () => {
    const r = parseSource('struct s { int a b; int c; };\nint x = ;\nint y;');
    expect(r.errors).toEqual(["1:17 E2001 expected ';' at end of declaration list, saw 'b'", "2:9 E2001 expected expression, saw ';'"]);
    expect(r.unit.items.at(-1)!.kind).toBe('Declaration');
  });

  test('stray closing brace at file scope', () => {
    const r = parseSource('int x;\n}\nint y;');
    expect(r.errors).toEqual(["2:1 E2001 expected a declaration, saw '}'"]);
    expect(r.unit.items.length).toBe(2);
  });

  test('deep nesting gives a clear error, not a stack overflow', () => {
    const deep = `int x = ${'('.repeat(10000)}1${')'.repeat(10000)};`;
    const r = parseSource(deep);
    expect(r.errors.length).toBe(1);
    expect(r.errors[0]).toMatch(/^1:\d+ E2002 nesting too deep/);
    const blocks = `void f(void) ${'{'.repeat(5000)}${'}'.repeat(5000)}`;
    expect(parseSource(blocks).errors[0]).toMatch(/E2002 nesting too deep/);
  });

  test('moderate nesting is fine', () => {
    expect(parseSource(`int x = ${'('.repeat(95)}1${')'.repeat(95)};`).errors).toEqual([]);
  });
});

describe('literal errors', () => {
  test('floating-point constants are rejected', () => {
    expectParseError('int x = 1.5;', 'E2003', 1, 9, 'floating-point constants are not supported in BPF programs');
    expectParseError('int x = 1e3;', 'E2003', 1, 9, 'floating-point');
  });
  test('bad integer constants', () => {
    expectParseError('int x = 09;', 'E2004', 1, 9, "invalid digit in octal constant '09'");
    expectParseError('int x = 1lL;', 'E2004', 1, 9, "invalid integer constant '1lL'");
    expectParseError('int x = 0b102;', 'E2004', 1, 9, 'invalid digit in binary constant');
  });
  test('bad character constants and escapes', () => {
    expectParseError("int x = '';", 'E2005', 1, 9, 'empty character constant');
    expectParseError('char *s = "\\q";', 'E2006', 1, 11, "unknown escape sequence '\\q'");
    expectParseError('char *s = "\\x";', 'E2006', 1, 11, '\\x used with no following hex digits');
    expectParseError('char *s = "\\u12";', 'E2006', 1, 11, "incomplete universal character name '\\u12'");
    expectParseError("int x = L'\\ud800';", 'E2006', 1, 9, "universal character name '\\ud800' does not name a character");
  });
});

test('the grammar passes chevrotain self-analysis without ambiguities', () => {
  expect(() => new CParser(true)).not.toThrow();
});
