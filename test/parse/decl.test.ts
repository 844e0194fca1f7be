import { describe, expect, test } from 'vitest';
import type * as ast from '../../src/parse/ast.js';
import { declStr, parseOk, sexpr, specStr } from './util.js';

function decls(src: string): string[] {
  const out: string[] = [];
  for (const item of parseOk(src).items) {
    if (item.kind === 'Declaration') for (const d of item.declarators) out.push(`${declStr(d.declarator)} ${specStr(item.specifiers)}`);
    if (item.kind === 'FunctionDef') out.push(`${declStr(item.declarator)} ${specStr(item.specifiers)} {}`);
  }
  return out;
}

function firstSpec(src: string): ast.TypeSpecifier {
  const d = parseOk(src).items[0] as ast.Declaration;
  return d.specifiers.type;
}

describe('declarators', () => {
  test.each([
    ['int x;', 'x: int'],
    ['int *p;', 'p: pointer to int'],
    ['char *argv[];', 'argv: array[] of pointer to char'],
    ['int (*fp)(int);', 'fp: pointer to function(int) returning int'],
    ['int (*ap)[4];', 'ap: pointer to array[4] of int'],
    ['int a[2][3];', 'a: array[2] of array[3] of int'],
    ['int *const cp;', 'cp: pointer(const) to int'],
    ['void (*signal(int, void (*)(int)))(int);', 'signal: function(int, pointer to function(int) returning void) returning pointer to function(int) returning void'],
    ['int f(void);', 'f: function() returning int'],
    ['int g();', 'g: function() returning int'],
    ['int h(const char *fmt, ...);', 'h: function(fmt: pointer to const char, ...) returning int'],
    ['unsigned long long x;', 'x: unsigned long long'],
    ['static const volatile int v;', 'v: static const volatile int'],
    ['static __inline__ int f(int x) { return x; }', 'f: function(x: int) returning static inline int {}'],
    ['__signed__ __int128 big;', 'big: signed __int128'],
    ['_Bool b; _Noreturn void die(void);', 'b: _Bool'],
    ['typeof(int *) tp;', 'tp: typeof(pointer to int)'],
    ['int __const c2; int * __restrict rp;', 'c2: const int'],
  ])('%s', (src, want) => {
    expect(decls(src)[0]).toBe(want);
  });

  test('f(void) has a prototype with no parameters; f() has none', () => {
    const [a, b] = parseOk('int f(void); int g();').items as ast.Declaration[];
    const fa = a!.declarators[0]!.declarator as ast.FunctionDeclarator;
    const fb = b!.declarators[0]!.declarator as ast.FunctionDeclarator;
    expect([fa.params.length, fa.hasPrototype, fb.params.length, fb.hasPrototype]).toEqual([0, true, 0, false]);
  });

  test('several declarators with initializers, asm label and attributes', () => {
    const d = parseOk('int a = 1, *b, c asm("real_c") __attribute__((unused)) = 3;').items[0] as ast.Declaration;
    expect(d.declarators.map((x) => declStr(x.declarator))).toEqual(['a:', 'b: pointer to', 'c:']);
    expect(d.declarators[2]!.asmLabel).toBe('real_c');
    expect(d.declarators[2]!.attributes.map((a) => a.name)).toEqual(['unused']);
    expect(sexpr(d.declarators[2]!.init!)).toBe('3');
  });

  test('_Alignas and _Static_assert', () => {
    const items = parseOk('_Alignas(8) char buf[16]; _Static_assert(sizeof(int) == 4, "int is 4 bytes"); static_assert(1);').items;
    expect((items[0] as ast.Declaration).specifiers.alignas).toBeDefined();
    expect(items[1]!.kind).toBe('StaticAssert');
    expect((items[1] as ast.StaticAssert).message!.value).toBe('int is 4 bytes');
    expect(items[2]!.kind).toBe('StaticAssert');
  });
});

describe('struct, union, enum', () => {
  test('bitfields, unnamed bitfields, anonymous members and attributes', () => {
    const t = firstSpec(`struct __attribute__((packed)) hdr {
      unsigned int ver : 4, ihl : 4;
      int : 0;
      union { int a; char b; };
      long x __attribute__((aligned(8)));
    } __attribute__((__aligned__(4)));`) as ast.StructOrUnionSpec;
    expect(t.name).toBe('hdr');
    expect(t.attributes.map((a) => `${a.name}(${a.args.map(sexpr).join(',')})`)).toEqual(['packed()', 'aligned(4)']);
    const m = t.members!;
    expect(m.length).toBe(4);
    expect(m[0]!.declarators.map((d) => `${declStr(d.declarator!)}${sexpr(d.bitWidth!)}`)).toEqual(['ver:4', 'ihl:4']);
    expect(m[1]!.declarators[0]!.declarator).toBeUndefined();
    expect(m[2]!.declarators).toEqual([]);
    expect(m[2]!.specifiers.type.kind).toBe('StructOrUnion');
    expect(m[3]!.declarators[0]!.attributes[0]!.name).toBe('aligned');
  });

  test('forward declaration and empty definition', () => {
    expect((firstSpec('struct fwd;') as ast.StructOrUnionSpec).members).toBeUndefined();
    expect((firstSpec('struct empty {};') as ast.StructOrUnionSpec).members).toEqual([]);
  });

  test('enum with values and a trailing comma', () => {
    const e = firstSpec('enum color { RED, GREEN = 5, BLUE, };') as ast.EnumSpec;
    expect(e.enumerators!.map((x) => `${x.name}${x.value ? `=${sexpr(x.value)}` : ''}`)).toEqual(['RED', 'GREEN=5', 'BLUE']);
  });

  test('typedef struct then use of the typedef name', () => {
    expect(decls('typedef struct pt { int x, y; } pt_t; pt_t *p; struct pt q;')).toEqual([
      'pt_t: typedef struct pt{1}',
      'p: pointer to pt_t',
      'q: struct pt',
    ]);
  });
});

describe('initializers', () => {
  test('designated, nested, GNU ranges and old-style field designators', () => {
    const d = parseOk('int a[10] = { [0] = 1, [2 ... 5] = 7, 9 }; struct s v = { .x = 1, .in = { .y = 2 }, z: 3, .arr[1] = 4 };').items;
    expect(sexpr((d[0] as ast.Declaration).declarators[0]!.init!)).toBe('{[0]=1 [2...5]=7 9}');
    expect(sexpr((d[1] as ast.Declaration).declarators[0]!.init!)).toBe('{.x=1 .in={.y=2} .z=3 .arr[1]=4}');
  });
  test('empty braces', () => {
    expect(sexpr((parseOk('struct s v = {};').items[0] as ast.Declaration).declarators[0]!.init!)).toBe('{}');
  });
});

describe('typeof with a typedef name', () => {
  test('parses typeof(T) as a type name when T is a typedef (the __type() map macro)', () => {
    const unit = parseOk('typedef unsigned int u32;\nstruct { typeof(u32) *key; } m;');
    const decl = unit.items[1] as ast.Declaration;
    const spec = decl.specifiers.type as ast.StructOrUnionSpec;
    const member = spec.members![0]!.specifiers.type as ast.TypeofSpec;
    expect(member.arg.kind).toBe('TypeName');
  });
  test('keeps typeof(x) an expression when x is a variable', () => {
    const unit = parseOk('int x;\ntypeof(x) y;');
    const decl = unit.items[1] as ast.Declaration;
    expect((decl.specifiers.type as ast.TypeofSpec).arg.kind).toBe('Ident');
  });
});
