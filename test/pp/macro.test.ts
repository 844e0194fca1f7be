import { describe, expect, it } from 'vitest';
import { expand, runPP } from './helpers.js';

describe('object-like and function-like macros', () => {
  it('replaces object-like macros and rescans', () => {
    expect(expand('#define A B + 1\n#define B 2\nA;')).toBe('2 + 1 ;');
  });

  it('replaces function-like macros only when followed by (', () => {
    expect(expand('#define f(a, b) a * b\nf(1 + 2, (3, 4)) f;')).toBe('1 + 2 * ( 3 , 4 ) f ;');
    expect(expand('#define f(a) [a]\nf\n(x)')).toBe('[ x ]');
  });

  it('does not re-expand a macro inside its own expansion (blue paint)', () => {
    expect(expand('#define foo foo bar\nfoo')).toBe('foo bar');
    expect(expand('#define f(x) x f\n#define g f\ng(1)(2)')).toBe('1 f ( 2 )');
    expect(expand('#define a b\n#define b a\na b')).toBe('a b');
  });

  it('pre-expands arguments, except operands of # and ##', () => {
    expect(expand('#define X 42\n#define id(x) x\n#define s(x) #x\n#define xs(x) s(x)\nid(X) s(X) xs(X)')).toBe('42 "X" "42"');
    expect(expand('#define X 42\n#define cat(a,b) a##b\ncat(X, 1) cat(1, X)')).toBe('X1 1X');
  });

  it('hands the parser tokens without hide sets, with the spacing and line starts of the text', () => {
    const r = runPP('#define f(a) a+1\n#define N f( x )\nint y = N;\n  int z=f(y) ;\n');
    expect(r.diags).toEqual([]);
    expect(r.text).toBe('int y = x + 1 ; int z = y + 1 ;');
    expect(r.tokens.filter((t) => 'hideset' in t)).toEqual([]);
    expect(r.tokens.filter((t) => t.kind !== 'eof').map((t) => `${t.lineStart ? '|' : ''}${t.spaceBefore ? ' ' : ''}${t.text}`).join('')).toBe(
      '|int y = x+1;| int z=y+1 ;',
    );
    expect(r.tokens.filter((t) => t.expansion !== undefined).map((t) => t.text)).toEqual(['x', '+', '1', '+', '1']);
  });

  it('accepts empty arguments and zero-parameter macros', () => {
    expect(expand('#define e() E\n#define one(x) [x]\ne() one()')).toBe('E [ ]');
  });
});

describe('# and ##', () => {
  it('stringifies with escapes and single spaces', () => {
    expect(expand('#define s(x) #x\ns(  a   +\n b ) s("q\\n" \'\\\'\') s()')).toBe('"a + b" "\\"q\\\\n\\" \'\\\\\'\'" ""');
  });

  it('pastes identifiers, numbers and punctuators', () => {
    expect(expand('#define c(a,b) a ## b\nc(x, y) c(1, 2) c(<, <=) c(-, >) c(x, )c(, y)')).toBe('xy 12 <<= -> x y');
  });

  it('pastes in object-like macros too', () => {
    expect(expand('#define AB ok\n#define P A ## B\nP')).toBe('ok');
  });

  it('reports a paste that does not form a token and keeps both tokens', () => {
    const r = runPP('#define c(a,b) a ## b\nc(x, +)');
    expect(r.text).toBe('x +');
    // The left operand is the argument x, spelled at the call on line 2.
    expect(r.diags).toEqual(["error E1011 main.c:2: pasting 'x' and '+' does not give a valid preprocessing token"]);
  });
});

describe('variadic macros', () => {
  it('collects the variadic arguments with their commas', () => {
    expect(expand('#define v(a, ...) <a|__VA_ARGS__>\nv(1, 2, (3, 4), 5) v(1)')).toBe('< 1 | 2 , ( 3 , 4 ) , 5 > < 1 | >');
  });

  it('supports GNU named variadic parameters', () => {
    expect(expand('#define v(fmt, args...) p(fmt, args)\nv("x", 1, 2)')).toBe('p ( "x" , 1 , 2 )');
  });

  it('drops the comma of `, ##__VA_ARGS__` when there are no variadic arguments', () => {
    const src = '#define e(fmt, ...) p(fmt, ##__VA_ARGS__)\ne("a") e("b",) e("c", 1, 2)';
    expect(expand(src)).toBe('p ( "a" ) p ( "b" ) p ( "c" , 1 , 2 )');
    expect(expand('#define e(fmt, args...) p(fmt, ## args)\ne(1) e(1, 2)')).toBe('p ( 1 ) p ( 1 , 2 )');
  });
});

describe('C11 6.10.3.5 examples', () => {
  it('example 3', () => {
    const src = `#define x 3
#define f(a) f(x * (a))
#undef x
#define x 2
#define g f
#define z z[0]
#define h g(~
#define m(a) a(w)
#define w 0,1
#define t(a) a
#define p() int
#define q(x) x
#define r(x,y) x ## y
#define str(x) # x
f(y+1) + f(f(z)) % t(t(g)(0) + t)(1);
g(x+(3,4)-w) | h 5) & m
(f)^m(m);
p() i[q()] = { q(1), r(2,3), r(4,), r(,5), r(,) };
char c[2][6] = { str(hello), str() };`;
    expect(expand(src)).toBe(
      'f ( 2 * ( y + 1 ) ) + f ( 2 * ( f ( 2 * ( z [ 0 ] ) ) ) ) % f ( 2 * ( 0 ) ) + t ( 1 ) ; ' +
        'f ( 2 * ( 2 + ( 3 , 4 ) - 0 , 1 ) ) | f ( 2 * ( ~ 5 ) ) & f ( 2 * ( 0 , 1 ) ) ^ m ( 0 , 1 ) ; ' +
        'int i [ ] = { 1 , 23 , 4 , 5 , } ; ' +
        'char c [ 2 ] [ 6 ] = { "hello" , "" } ;',
    );
  });

  it('example 4', () => {
    const src = `#define str(s) # s
#define xstr(s) str(s)
#define debug(s, t) printf("x" # s "= %d, x" # t "= %s", \\
 x ## s, x ## t)
#define INCFILE(n) vers ## n
#define glue(a, b) a ## b
#define xglue(a, b) glue(a, b)
#define HIGHLOW "hello"
#define LOW LOW ", world"
debug(1, 2);
fputs(str(strncmp("abc\\0d", "abc", '\\4') // this goes away
 == 0) str(: @\\n), s);
#include xstr(INCFILE(2).h)
glue(HIGH, LOW);
xglue(HIGH, LOW)`;
    expect(expand(src, { 'vers2.h': 'from_vers2' })).toBe(
      'printf ( "x" "1" "= %d, x" "2" "= %s" , x1 , x2 ) ; ' +
        'fputs ( "strncmp(\\"abc\\\\0d\\", \\"abc\\", \'\\\\4\') == 0" ": @\\n" , s ) ; ' +
        'from_vers2 ' +
        '"hello" ; ' +
        '"hello" ", world"',
    );
  });

  it('example 5', () => {
    const src = `#define t(x,y,z) x ## y ## z
int j[] = { t(1,2,3), t(,4,5), t(6,,7), t(8,9,),
 t(10,,), t(,11,), t(,,12), t(,,) };`;
    expect(expand(src)).toBe('int j [ ] = { 123 , 45 , 67 , 89 , 10 , 11 , 12 , } ;');
  });

  it('example 6: valid and invalid redefinitions', () => {
    const valid = `#define OBJ_LIKE (1-1)
#define OBJ_LIKE /* white space */ (1-1) /* other */
#define FUNC_LIKE(a) ( a )
#define FUNC_LIKE( a )( /* note the white space */ \\
 a /* other stuff on this line
 */ )`;
    expect(runPP(valid).diags).toEqual([]);
    const invalid = `${valid}
#define OBJ_LIKE (0)
#define OBJ_LIKE (1 - 1)
#define FUNC_LIKE(b) ( a )
#define FUNC_LIKE(b) ( b )`;
    const r = runPP(invalid);
    expect(r.diags).toEqual([
      "warning E1008 main.c:7: 'OBJ_LIKE' macro redefined",
      "warning E1008 main.c:8: 'OBJ_LIKE' macro redefined",
      "warning E1008 main.c:9: 'FUNC_LIKE' macro redefined",
      "warning E1008 main.c:10: 'FUNC_LIKE' macro redefined",
    ]);
    const note = r.ctx.diags.list[0]!.notes[0]!;
    expect(note.message).toBe('previous definition is here');
    expect(r.ctx.sources.lineCol(note.span!.file, note.span!.start).line).toBe(2);
  });

  it('example 7', () => {
    const src = `#define debug(...) fprintf(stderr, __VA_ARGS__)
#define showlist(...) puts(#__VA_ARGS__)
#define report(test, ...) ((test)?puts(#test):\\
 printf(__VA_ARGS__))
debug("Flag");
debug("X = %d\\n", x);
showlist(The first, second, and third items.);
report(x>y, "x is %d but y is %d", x, y);`;
    expect(expand(src)).toBe(
      'fprintf ( stderr , "Flag" ) ; ' +
        'fprintf ( stderr , "X = %d\\n" , x ) ; ' +
        'puts ( "The first, second, and third items." ) ; ' +
        '( ( x > y ) ? puts ( "x>y" ) : printf ( "x is %d but y is %d" , x , y ) ) ;',
    );
  });
});

describe('expansion chains', () => {
  it('records the chain of macro uses on each token', () => {
    const r = runPP('#define B x\n#define A B + 1\nint y = A;');
    const x = r.tokens.find((t) => t.text === 'x')!;
    const lineOf = (span: { file: number; start: number }): number => r.ctx.sources.lineCol(span.file, span.start).line;
    expect(x.expansion!.macro).toBe('B');
    expect(lineOf(x.expansion!.use)).toBe(2);
    expect(x.expansion!.parent!.macro).toBe('A');
    expect(lineOf(x.expansion!.parent!.use)).toBe(3);
    expect(lineOf(x.span)).toBe(1);
    const plus = r.tokens.find((t) => t.text === '+')!;
    expect(plus.expansion!.macro).toBe('A');
    expect(plus.expansion!.parent).toBeUndefined();
    expect(r.tokens.find((t) => t.text === 'y')!.expansion).toBeUndefined();
  });

  it('gives each token of a function-like body its place, spacing and use, beside parameters, # and ##', () => {
    const src = '#define F(a, ...) { a  x##a # a y __VA_OPT__(z a) , ## __VA_ARGS__ w }\nF(1, 2) F(3)';
    const r = runPP(src);
    const fields = r.tokens.filter((t) => t.kind !== 'eof').map((t) => {
      const at = src.slice(t.span.start, t.span.end);
      return `${t.text}@${at}${t.spaceBefore ? ' sp' : ''}${t.lineStart ? ' ls' : ''}<${t.expansion?.macro ?? '-'}:${t.expansion ? src.slice(t.expansion.use.start, t.expansion.use.end) : ''}>`;
    });
    // A paste spans from its left operand in the body to its right one at the use.
    expect(fields).toEqual([
      '{@{ ls<F:F(1, 2)>',
      '1@1 sp<-:>',
      'x1@x##a # a y __VA_OPT__(z a) , ## __VA_ARGS__ w }\nF(1 sp<F:F(1, 2)>',
      '"1"@# sp<F:F(1, 2)>',
      'y@y sp<F:F(1, 2)>',
      'z@z<F:F(1, 2)>',
      '1@1 sp<-:>',
      ',@, sp<F:F(1, 2)>',
      '2@2 sp<-:>',
      'w@w sp<F:F(1, 2)>',
      '}@} sp<F:F(1, 2)>',
      '{@{ sp<F:F(3)>',
      '3@3 sp<-:>',
      'x3@x##a # a y __VA_OPT__(z a) , ## __VA_ARGS__ w }\nF(1, 2) F(3 sp<F:F(3)>',
      '"3"@# sp<F:F(3)>',
      'y@y sp<F:F(3)>',
      'w@w sp<F:F(3)>',
      '}@} sp<F:F(3)>',
    ]);
  });

  it('spans a function-like use from the name through the )', () => {
    const src = 'f(1, 2)';
    const r = runPP(`#define f(a, b) a\n${src}`);
    const use = r.tokens[0]!.expansion;
    // The argument token keeps its own span at the call site.
    expect(r.tokens[0]!.text).toBe('1');
    expect(r.tokens[0]!.expansion).toBeUndefined();
    const r2 = runPP(`#define f(a, b) (a)\n${src}`);
    const paren = r2.tokens[0]!;
    expect(use).toBeUndefined();
    expect(r2.ctx.sources.get(paren.span.file).text.slice(paren.expansion!.use.start, paren.expansion!.use.end)).toBe(src);
  });

  it('passes the expansion to diagnostics raised inside a macro', () => {
    const r = runPP('#define c(a,b) a ## b\n#define W c(x, -)\nW');
    expect(r.ctx.diags.list[0]!.expansion?.macro).toBe('c');
    expect(r.ctx.diags.list[0]!.expansion?.parent?.macro).toBe('W');
  });
});

describe('macro errors and limits', () => {
  it('reports an unterminated argument list', () => {
    const r = runPP('#define f(x) x\na f(1, (2)');
    expect(r.diags).toEqual(["error E1012 main.c:2: unterminated argument list invoking macro 'f'"]);
    expect(r.text).toBe('a');
    // Many unterminated calls take linear time: the first one consumes the rest of the file.
    const many = runPP(`#define f(x) x\n${'f('.repeat(100000)}`);
    expect(many.diags).toEqual(["error E1012 main.c:2: unterminated argument list invoking macro 'f'"]);
  });

  it('reports the wrong number of arguments', () => {
    expect(runPP('#define f(x, y) x\nf(1)').diags).toEqual(["error E1013 main.c:2: macro 'f' requires 2 arguments, but 1 was given"]);
    expect(runPP('#define f(x) x\nf(1, 2)').diags).toEqual(["error E1013 main.c:2: macro 'f' requires 1 argument, but 2 were given"]);
    expect(runPP('#define f(x, y, ...) x\nf(1)').diags).toEqual(["error E1013 main.c:2: macro 'f' requires at least 2 arguments, but 1 was given"]);
  });

  it('stops an exponential blowup with a clear error', () => {
    let src = '#define a0 x x\n';
    for (let i = 1; i <= 40; i++) src += `#define a${i} a${i - 1} a${i - 1}\n`;
    src += 'a40\n';
    const r = runPP(src);
    expect(r.ctx.diags.list.map((d) => [d.code, d.message])).toEqual([
      ['E1014', 'macro expansion produced more than 1000000 tokens; preprocessing stopped'],
    ]);
    let outermost = r.ctx.diags.list[0]!.expansion!;
    while (outermost.parent) outermost = outermost.parent;
    expect(outermost.macro).toBe('a40');
    expect(r.ctx.sources.lineCol(outermost.use.file, outermost.use.start).line).toBe(42);
  });

  it('stops deeply nested macro arguments with a clear error', () => {
    const src = `#define f(x) x\n${'f('.repeat(5000)}1${')'.repeat(5000)}`;
    const r = runPP(src);
    expect(r.diags).toEqual(['error E1014 main.c:2: macro arguments nested more than 256 deep; preprocessing stopped']);
  });

  it('reports malformed definitions', () => {
    expect(runPP('#define\n#define 3 x').diags).toEqual([
      'error E1006 main.c:1: macro name missing: #define expects an identifier, saw end of line',
      "error E1006 main.c:2: macro name missing: #define expects an identifier, saw '3'",
    ]);
    expect(runPP('#define f(a, a) a\n#define g(a b) a\n#define h(...x) x').diags).toEqual([
      "error E1007 main.c:1: duplicate parameter name in the parameter list of macro 'f', saw 'a'",
      "error E1007 main.c:2: expected ',' or ')' in the parameter list of macro 'g', saw 'b'",
      "error E1007 main.c:3: expected ')' after '...' in the parameter list of macro 'h', saw 'x'",
    ]);
    expect(runPP('#define s(x) #y').diags).toEqual(["error E1009 main.c:1: '#' is not followed by a macro parameter of 's', saw 'y'"]);
    expect(runPP('#define p(x) ## x\n#define q x ##').diags).toEqual([
      "error E1010 main.c:1: '##' cannot appear at either end of the replacement list of macro 'p'",
      "error E1010 main.c:2: '##' cannot appear at either end of the replacement list of macro 'q'",
    ]);
    expect(runPP('#define defined 1\n#undef __LINE__').diags).toEqual([
      "error E1026 main.c:1: 'defined' is built into the preprocessor and cannot be used with #define",
      "error E1026 main.c:2: '__LINE__' is built into the preprocessor and cannot be used with #undef",
    ]);
  });

  it('# in an object-like macro is an ordinary token', () => {
    expect(expand('#define H # x\nH')).toBe('# x');
  });
});

describe('__VA_OPT__', () => {
  it('expands its content only when the variadic arguments are not empty (as clang 19 does)', () => {
    const src = `#define E
#define F(a,...) [a __VA_OPT__(, x) __VA_ARGS__]
#define G(...) p ## __VA_OPT__(q r) ## s #__VA_ARGS__
#define H(...) #__VA_OPT__(a   b)
F(1) F(1,) F(1,E) F(1,2,3) G() G(1) H() H(1)`;
    // clang-19 -E -P: [1 ] [1 ] [1 ] [1 , x 2,3] ps "" pq rs "1" "" "a b"
    expect(expand(src)).toBe('[ 1 ] [ 1 ] [ 1 ] [ 1 , x 2 , 3 ] ps "" pq rs "1" "" "a b"');
  });

  it('reports a __VA_OPT__ without parentheses', () => {
    expect(runPP('#define F(...) __VA_OPT__ x\n#define G(...) __VA_OPT__(a __VA_OPT__(b))').diags).toEqual([
      "error E1027 main.c:1: '__VA_OPT__' in macro 'F' must be followed by a parenthesized replacement",
      "error E1027 main.c:2: '__VA_OPT__' cannot appear inside another '__VA_OPT__' (macro 'G')",
    ]);
  });
});
