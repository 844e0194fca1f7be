import { describe, expect, test } from 'vitest';
import { expr, parseSource } from './util.js';

describe('expression precedence and associativity', () => {
  test.each([
    ['a + b * c', '(+ a (* b c))'],
    ['a * b + c', '(+ (* a b) c)'],
    ['a - b - c', '(- (- a b) c)'],
    ['a << 2 + 1', '(<< a (+ 2 1))'],
    ['a < b == c > d', '(== (< a b) (> c d))'],
    ['a & b ^ c | d', '(| (^ (& a b) c) d)'],
    ['a || b && c', '(|| a (&& b c))'],
    ['a == b & c', '(& (== a b) c)'],
    ['a = b = c', '(= a (= b c))'],
    ['a += b * 2', '(+= a (* b 2))'],
    ['a ? b : c ? d : e', '(? a b (? c d e))'],
    ['a ?: b', '(? a _ b)'],
    ['a, b, c', '(, a b c)'],
    ['-a * b', '(* (- a) b)'],
    ['!a && ~b', '(&& (! a) (~ b))'],
    ['*p++', '(* (post++ p))'],
    ['++*p', '(++ (* p))'],
    ['&a[1]', '(& ([] a 1))'],
    ['p->q.r[2]', '([] (. (-> p q) r) 2)'],
    ['f(a, b + 1)(c)', '(call (call f a (+ b 1)) c)'],
    ['sizeof a + 1', '(+ (sizeof a) 1)'],
    ['sizeof(int) * 2', '(* (sizeof int) 2)'],
    ['sizeof(struct s *)', '(sizeof pointer to struct s)'],
    ['(unsigned char)x + 1', '(+ (cast unsigned char x) 1)'],
    ['(void *)(long)x', '(cast pointer to void (cast long x))'],
    ['__alignof__(long)', '(alignof long)'],
    ['_Alignof(int)', '(alignof int)'],
  ])('%s', (src, want) => {
    expect(expr(src)).toBe(want);
  });
});

describe('typedef-name ambiguity', () => {
  test('(T)(x) is a cast when T is a typedef, a call otherwise', () => {
    expect(expr('(T)(x)', 'typedef int T;')).toBe('(cast T x)');
    expect(expr('(T)(x)', 'int T;')).toBe('(call T x)');
  });
  test('sizeof(T) takes a type only for a typedef name', () => {
    expect(expr('sizeof(T)', 'typedef int T;')).toBe('(sizeof T)');
    expect(expr('sizeof(T)', 'int T;')).toBe('(sizeof T)');
    const r = parseSource('typedef int T; int f(void) { return sizeof(T); }');
    const body = (r.unit.items[1] as { body: { items: { expr?: { arg: { kind: string } } }[] } }).body.items[0]!;
    expect(body.expr!.arg.kind).toBe('TypeName');
  });
  test('T * x is a multiplication where an inner declaration hides the typedef', () => {
    const r = parseSource('typedef int T; void f(void) { int x; { int T; T * x; } T * y; }');
    expect(r.errors).toEqual([]);
    const f = r.unit.items[1] as { body: { items: { kind: string; items?: { kind: string }[] }[] } };
    const inner = f.body.items[1]!;
    expect(inner.items!.map((i) => i.kind)).toEqual(['Declaration', 'ExprStmt']);
    expect(f.body.items[2]!.kind).toBe('Declaration');
  });
  test('a parameter hides a typedef in the body', () => {
    expect(expr('(T)-1', 'typedef int T; int g(int T);')).toBe('(cast T (- 1))');
    const r = parseSource('typedef int T; int g(int T) { return T * 2; }');
    expect(r.errors).toEqual([]);
  });
  test('__builtin_va_list is a predeclared typedef name', () => {
    expect(parseSource('__builtin_va_list ap;').errors).toEqual([]);
  });
});

describe('GNU expression extensions', () => {
  test('statement expression', () => {
    expect(expr('x = ({ int t = 1; t + 1; })')).toBe('(= x ({ 2 items }))');
  });
  test('__builtin_offsetof with a member path', () => {
    expect(expr('__builtin_offsetof(struct s, a.b[2].c)')).toBe('(offsetof struct s .a.b[2].c)');
  });
  test('__builtin_types_compatible_p and __builtin_choose_expr', () => {
    expect(expr('__builtin_types_compatible_p(int, unsigned)')).toBe('(compatible int unsigned)');
    expect(expr('__builtin_choose_expr(1, a, b)')).toBe('(choose 1 a b)');
  });
  test('__extension__ and compound literals', () => {
    expect(expr('__extension__ (a + b)')).toBe('(__extension__ (+ a b))');
    expect(expr('(struct s){ .a = 1, 2 }.a')).toBe('(. (literal struct s {.a=1 2}) a)');
    expect(expr('(int[]){1, 2}[1]')).toBe('([] (literal array[] of int {1 2}) 1)');
  });
});

describe('literals', () => {
  test('integer bases and suffixes', () => {
    expect(expr('0x1fULL + 017 + 0b101 + 42lu + 7')).toBe('(+ (+ (+ (+ 31ull 15) 5) 42ul) 7)');
  });
  test('hex, octal and binary are marked non-decimal', () => {
    const r = parseSource('int a = 0x10, b = 010, c = 10;');
    const d = r.unit.items[0] as { declarators: { init: { nonDecimal: boolean; value: bigint } }[] };
    expect(d.declarators.map((x) => [x.init.value, x.init.nonDecimal])).toEqual([[16n, true], [8n, true], [10n, false]]);
  });
  test('character constants and escapes', () => {
    expect(expr("'a' + '\\n' + '\\0' + '\\x41' + '\\377' + '\\''")).toBe("(+ (+ (+ (+ (+ '97 '10) '0) '65) '-1) '39)");
  });
  test('universal character names are characters, as in #if: UTF-8 in plain constants and strings', () => {
    expect(expr("L'\\u00e9' + U'\\U0001F600' + '\\u00e9'")).toBe("(+ (+ '233 '128512) '50089)");
    const r = parseSource('char s[] = "caf\\u00e9";');
    const init = (r.unit.items[0] as { declarators: { init: { bytes: number[]; value: string } }[] }).declarators[0]!.init;
    expect(init.bytes).toEqual([0x63, 0x61, 0x66, 0xc3, 0xa9]);
  });
  test('adjacent strings concatenate and escapes decode to bytes', () => {
    const r = parseSource('char s[] = "ab" "c\\n" "\\x01\\0";');
    const init = (r.unit.items[0] as { declarators: { init: { bytes: number[]; value: string } }[] }).declarators[0]!.init;
    expect(init.bytes).toEqual([97, 98, 99, 10, 1, 0]);
    expect(init.value).toBe('abc\n\x01\0');
  });
  test('non-ASCII characters become UTF-8 bytes', () => {
    const r = parseSource('char s[] = "é";');
    const init = (r.unit.items[0] as { declarators: { init: { bytes: number[] } }[] }).declarators[0]!.init;
    expect(init.bytes).toEqual([0xc3, 0xa9]);
  });
});
