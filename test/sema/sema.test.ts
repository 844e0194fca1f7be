import type { CompileOptions } from '../../src/context.js';
import { describe, expect, it } from 'vitest';
import type { CType } from '../../src/sema/types.js';
import * as T from '../../src/sema/types.js';
import { compileString } from '../util/compile.js';

function sema(src: string, options: Partial<CompileOptions> = {}) {
  return compileString(src, options, 'sema');
}

/** Asserts exactly one diagnostic with this code at line:col whose message contains `text`. */
function expectDiag(src: string, code: string, line: number, col: number, text: string) {
  const out = sema(src);
  const d = out.ctx.diags.list.filter((x) => x.severity !== 'note');
  expect(d.map((x) => x.code)).toEqual([code]);
  const pos = out.ctx.sources.lineCol(d[0]!.span!.file, d[0]!.span!.start);
  expect([pos.line, pos.col]).toEqual([line, col]);
  expect(d[0]!.message).toContain(text);
}

function globalType(src: string, name: string): CType {
  const out = sema(src);
  expect(out.text).toBe('');
  const g = out.program!.globals.find((x) => x.name === name);
  return g!.type;
}

describe('struct layout (clang -target bpf rules)', () => {
  const layout = (body: string) => {
    const t = T.strip(globalType(`struct s { ${body} }; const volatile struct s v;`, 'v'));
    if (t.kind !== 'record') throw new Error('not a record');
    return { size: t.info.sizeBytes, align: t.info.alignBytes, offsets: t.info.members.map((m) => [m.name, m.bitOffset]) };
  };
  it('pads members to their alignment', () => {
    expect(layout('char a; int b; char c;')).toEqual({ size: 12, align: 4, offsets: [['a', 0], ['b', 32], ['c', 64]] });
  });
  it('packs bit-fields within a unit and starts a new unit when one would straddle', () => {
    expect(layout('unsigned a:4, b:4; unsigned char c;')).toEqual({ size: 4, align: 4, offsets: [['a', 0], ['b', 4], ['c', 8]] });
    expect(layout('unsigned a:30; unsigned b:4;')).toEqual({ size: 8, align: 4, offsets: [['a', 0], ['b', 32]] });
  });
  it('honours packed and aligned', () => {
    const t = T.strip(globalType('struct __attribute__((packed)) p { char a; int b; }; const volatile struct p v;', 'v'));
    expect(t.kind === 'record' && [t.info.sizeBytes, t.info.members[1]!.offsetBytes]).toEqual([5, 1]);
    const u = T.strip(globalType('struct a { char c; } __attribute__((aligned(8))); const volatile struct a v;', 'v'));
    expect(u.kind === 'record' && u.info.sizeBytes).toBe(8);
  });
  it('lays out the iphdr bit-fields ihl then version', () => {
    const t = T.strip(globalType('#include <linux/ip.h>\nconst volatile struct iphdr v;', 'v'));
    expect(t.kind === 'record' && [t.info.sizeBytes, t.info.members.slice(0, 3).map((m) => [m.name, m.bitOffset, m.bitWidth])]).toEqual([
      20,
      [['ihl', 0, 4], ['version', 4, 4], ['tos', 8, 0]],
    ]);
  });
});

describe('types of expressions', () => {
  const typeOf = (expr: string, decls = '') => {
    const out = sema(`${decls}\nint f(void) { return sizeof(${expr}); }`);
    expect(out.text).toBe('');
    return out;
  };
  it('gives integer literals their C11 types', () => {
    const size = (lit: string) => {
      const out = sema(`_Static_assert(sizeof(${lit}) == 8, "8"); int x;`);
      return out.ctx.diags.list.some((d) => d.code === 'E3022') ? 4 : 8;
    };
    expect(size('2147483647')).toBe(4);
    expect(size('2147483648')).toBe(8);
    expect(size('0xffffffff')).toBe(4);
    expect(size('1ULL')).toBe(8);
  });
  it('folds sizeof, offsetof and enum constants in constant expressions', () => {
    const out = sema(`
      struct s { char a; long b; };
      enum { A = 3, B, C = A * 10 };
      _Static_assert(sizeof(struct s) == 16, "size");
      _Static_assert(__builtin_offsetof(struct s, b) == 8, "offset");
      _Static_assert(B == 4 && C == 30, "enum");
      _Static_assert((unsigned char)300 == 44, "cast");
      _Static_assert(-1 < 0u == 0, "usual arithmetic conversions");`);
    expect(out.text).toBe('');
    typeOf('int');
  });
  it('reads basic type specifiers in any order (C11 6.7.2p2), and rejects other combinations', () => {
    const basic = (words: string) => T.strip(globalType(`const volatile ${words} v;`, 'v'));
    expect(basic('int')).toBe(T.INT);
    expect(basic('unsigned')).toBe(T.UINT);
    expect(basic('long unsigned int')).toBe(T.ULONG);
    expect(basic('int long unsigned')).toBe(T.ULONG);
    expect(basic('long int long unsigned')).toBe(T.ULLONG);
    expect(basic('short unsigned')).toBe(T.USHORT);
    expect(basic('__signed__ char')).toBe(T.SCHAR);
    expect(basic('char __signed')).toBe(T.SCHAR);
    expect(basic('char')).toBe(T.CHAR);
    expect(basic('__int128 unsigned')).toBe(T.UINT128);
    expectDiag('long char v;', 'E3012', 1, 1, "invalid combination of type specifiers 'long char'");
    expectDiag('unsigned signed v;', 'E3012', 1, 1, "invalid combination of type specifiers 'unsigned signed'");
    expectDiag('long long long v;', 'E3012', 1, 1, "invalid combination of type specifiers 'long long long'");
  });
});

describe('C23 keywords (-std=c23, gnu23, c2x, gnu2x)', () => {
  const src = 'bool f(int x) { bool small = x < 10; return small == true || false; }\n_Static_assert(__STDC_VERSION__ == 202311L, "c23");';
  it('reads bool as _Bool and true and false as 1 and 0', () => {
    const out = sema(src, { c23: true });
    expect(out.text).toBe('');
    expect(out.program!.funcs.get('f')!.type).toMatchObject({ ret: T.BOOL });
  });
  it('leaves them ordinary identifiers before C23, where vmlinux.h declares typedef _Bool bool', () => {
    expect(sema(src).ctx.diags.list.map((d) => d.code)).toContain('E2008');
    expect(sema('typedef _Bool bool; enum { false, true }; bool t = true;').text).toBe('');
  });
});

describe('atomic builtins on pointer objects', () => {
  it('load, store and exchange a pointer, as the kernel\'s list code does', () => {
    const out = sema(`struct n { struct n *next; struct n **pprev; };
void f(struct n *a, struct n *b) {
  __atomic_store_n(&b->pprev, &a->next, __ATOMIC_RELAXED);
  struct n *old = __atomic_exchange_n(&a->next, b, __ATOMIC_RELAXED);
  __atomic_store_n(&b->next, __atomic_load_n(&old, __ATOMIC_RELAXED), __ATOMIC_RELAXED);
}`);
    expect(out.text).toBe('');
  });
  it('still need an integer for arithmetic', () => {
    expectDiag('int *p; void f(void) { __sync_fetch_and_add(&p, 1); }', 'E3004', 1, 45, "must be a pointer to a 1, 2, 4 or 8-byte integer ('int **' given)");
  });
});

describe('diagnostics', () => {
  it('reports an undeclared identifier with a suggestion', () => {
    expectDiag('int f(void) { int counter = 0; return countr; }', 'E3001', 1, 39, "did you mean 'counter'");
  });
  it('reports incompatible types in an initialisation', () => {
    expectDiag('struct s { int a; };\nint f(void) { struct s v = {1}; int x = v; return x; }', 'E3003', 2, 41, "initializing 'int' with an expression of type 'struct s'");
  });
  it('reports a missing member', () => {
    expectDiag('struct s { int a; };\nint f(struct s *p) { return p->b; }', 'E3006', 2, 32, "no member named 'b' in 'struct s'");
  });
  it('accepts writable globals and static locals as data (.data, .bss)', () => {
    const out = sema('long packets;\nint limit = 3;\nint f(void) { static int calls; calls++; return ++packets < limit; }\n');
    expect(out.text).toBe('');
    expect(out.program!.globals.map((g) => [g.name, g.role])).toEqual([['packets', 'data'], ['limit', 'data'], ['f.calls', 'data']]);
  });
  it('rejects floating point', () => {
    expectDiag('int f(void) { double d = 1; return 0; }', 'E3103', 1, 22, 'floating-point');
  });
  it('rejects recursion through the call graph', () => {
    expectDiag('static int g(int);\nstatic int h(int x) { return g(x); }\nstatic int g(int x) { return h(x - 1); }\n', 'E3102', 3, 30, "recursive call to 'h'");
  });
  it('rejects variable-length arrays', () => {
    expectDiag('int f(int n) { char buf[n]; return 0; }', 'E3104', 1, 25, 'variable-length arrays');
  });
  it('accepts string literals as pointers (read-only data) and rejects their addresses in a global table', () => {
    expect(sema('int f(void) { const char *p = "x"; return p[0] + sizeof("abc") + sizeof(__func__); }').text).toBe('');
    expectDiag('static const char *const names[] = { "a", "b" };\nint f(void) { return names[0][0]; }', 'E3107', 1, 38, 'stores the address of a string literal');
  });
  it('reports an unsupported static global only where a program uses it, once (clang drops unused statics)', () => {
    const table = 'static const char *names[2] = { "rx", "tx" };\nstatic const char *name = "lo";\nstatic long hits;\n';
    expect(sema(`${table}__attribute__((section("xdp"))) int p(void *ctx) { return 2; }`).text).toBe('');
    const used = sema(`${table}__attribute__((section("xdp"))) int p(void *ctx) { return names[0][0] + name[0] + hits; }\n__attribute__((section("xdp"))) int q(void *ctx) { return names[1][0] + hits; }`);
    expect(used.ctx.diags.list.map((d) => [d.code, d.message.split(':')[0]])).toEqual([
      ['E3107', "'names' stores the address of a string literal"],
      ['E3107', "'name' stores the address of a string literal"],
    ]);
  });
  it('gives each block-scope static its own object, named FUNCTION.NAME as clang does', () => {
    const out = sema('int f(void) { static const char a[] = "x"; return a[0]; }\nint g(void) { static const char a[] = "y"; { static const char a[] = "z"; return a[0]; } }\nint a;');
    expect(out.program!.globals.map((g) => g.name)).toEqual(['f.a', 'g.a', 'g.a.1', 'a']);
  });
  it('suggests the closest helper name', () => {
    expectDiag('int f(void) { return bpf_ktime_get_nss(); }', 'E3111', 1, 22, "did you mean 'bpf_ktime_get_ns'");
  });
  it('checks program signatures against the section', () => {
    expectDiag('#include <linux/bpf.h>\n__attribute__((section("xdp"))) int p(int x) { return 2; }', 'E3108', 2, 37, 'struct xdp_md *ctx');
    expectDiag('#include <linux/bpf.h>\n__attribute__((section("xdp"))) void p(struct xdp_md *ctx) { }', 'E3108', 2, 38, 'struct xdp_md *ctx');
    expectDiag('#include <linux/bpf.h>\n__attribute__((section("xdp"))) int p(struct xdp_md *ctx, int x) { return 2; }', 'E3108', 2, 37, 'struct xdp_md *ctx');
  });
  it('accepts a program without parameters, and warns about another program type\'s context', () => {
    expect(sema('#include <linux/bpf.h>\n__attribute__((section("tc"))) int p(void) { return 0; }').text).toBe('');
    const out = sema('#include <linux/bpf.h>\n__attribute__((section("cgroup_skb/egress"))) int p(struct xdp_md *ctx) { return 1; }');
    expect(out.ctx.diags.list.map((d) => [d.severity, d.code])).toEqual([['warning', 'E3108']]);
    expect(out.ctx.diags.list[0]!.message).toContain("takes 'struct xdp_md *', but the kernel passes 'struct __sk_buff *'");
  });
  it('ignores restricted-C violations in static functions no program reaches, as clang drops them', () => {
    const util = '#include <stdio.h>\n#include <errno.h>\n#include <string.h>\nstatic inline unsigned cpus(void) {\n  static const char *f = "/sys/devices/system/cpu/possible";\n  FILE *fp = fopen(f, "r");\n  if (!fp) printf("%s\\n", strerror(errno));\n  return 1;\n}\n';
    const prog = '__attribute__((section("xdp"))) int p(void *ctx) { return 2; }\n';
    expect(sema(util + prog).text).toBe('');
    const calls = '__attribute__((section("xdp"))) int p(void *ctx) { return cpus(); }\n';
    expect(sema(util + calls).ctx.diags.list.map((d) => d.code)).toEqual(['E3107']);
  });
  it('gives kernel-tree code (-D__KERNEL__) the kernel\'s short types and macros', () => {
    const src = '#include <linux/types.h>\n#include <linux/ip.h>\nstatic __always_inline u16 f(u32 x, bool b) { if (unlikely(b)) return htons(x); return ntohs((u16)x); }\nstruct s { u8 a; u64 b; } __packed;\n_Static_assert(sizeof(struct s) == 9, "packed");\n_Static_assert(offsetof(struct iphdr, frag_off) == 6, "offsetof");\nint g(void) { return f(1, false) + (NULL == 0); }\n';
    expect(sema(src, { defines: [{ name: '__KERNEL__' }] }).text).toBe('');
    expect(sema(src).ctx.diags.list.some((d) => d.code === 'E2008')).toBe(true);
  });
  it('accepts void *ctx and warns about a context struct of the program\'s own', () => {
    expect(sema('#include <linux/bpf.h>\n__attribute__((section("xdp"))) int p(void *ctx) { return 2; }').text).toBe('');
    const out = sema('#include <linux/bpf.h>\nstruct my_md { __u32 data, data_end; };\n__attribute__((section("xdp"))) int p(struct my_md *ctx) { return 2; }');
    expect(out.ctx.diags.list.map((d) => [d.severity, d.code])).toEqual([['warning', 'E3108']]);
    expect(out.ctx.diags.list[0]!.message).toContain("takes 'struct my_md *', but the kernel passes 'struct xdp_md *'");
  });
  it('warns about pre-libbpf-1.0 section names and names the modern one', () => {
    const out = sema('#include <linux/bpf.h>\n__attribute__((section("xdp_foo"))) int p(struct xdp_md *ctx) { return 2; }');
    expect(out.ctx.diags.list.map((d) => [d.severity, d.code])).toEqual([['warning', 'E3110']]);
    expect(out.ctx.diags.list[0]!.message).toContain('SEC("xdp")');
  });
  it('warns about unknown sections and checks the program by its context type', () => {
    const out = sema('#include <linux/bpf.h>\n__attribute__((section("bogus"))) int p(struct xdp_md *ctx) { return 2; }');
    expect(out.ctx.diags.list.map((d) => [d.severity, d.code])).toEqual([['warning', 'E3109']]);
    expect(out.ctx.diags.list[0]!.notes.map((n) => n.message)).toEqual([
      "checked as program type xdp, from its 'struct xdp_md *' parameter",
      "write SEC(\"xdp\") to make the object load as it is, or load it with a type (e.g. 'bpftool prog loadall OBJ DIR type xdp')",
    ]);
  });
  it('lists the known sections when neither the section nor the context says the type', () => {
    const out = sema('__attribute__((section("bogus"))) int p(void *ctx) { return 2; }');
    expect(out.ctx.diags.list.map((d) => [d.severity, d.code])).toEqual([['warning', 'E3109']]);
    expect(out.ctx.diags.list[0]!.notes[1]!.message).toMatch(/^known sections: socket, .*xdp, .*tracepoint\[\/\.\.\.\]/);
  });
  it('checks a program in an unknown section as the -mprog-type= type', () => {
    const src = '#include <linux/bpf.h>\n__attribute__((section("filter"))) int p(struct xdp_md *ctx) { return 2; }';
    const out = sema(src, { progType: 'socket_filter' });
    expect(out.ctx.diags.list.map((d) => [d.severity, d.code])).toEqual([['warning', 'E3109'], ['warning', 'E3108']]);
    expect(out.ctx.diags.list[1]!.message).toContain("but the kernel passes 'struct __sk_buff *'");
  });
  it('makes warnings errors under -Werror, except advice about loaders that clang does not give', () => {
    const src = '#include <linux/bpf.h>\n#define X 1\n#define X 2\n__attribute__((section("xdp_foo"))) int p(struct xdp_md *ctx) { return 2; }';
    expect(sema(src).ctx.diags.list.map((d) => [d.severity, d.code])).toEqual([['warning', 'E1008'], ['warning', 'E3110']]);
    const out = sema(src, { warnings: 'error' });
    expect(out.ctx.diags.list.map((d) => [d.severity, d.code])).toEqual([['error', 'E1008'], ['warning', 'E3110']]);
    expect(out.ctx.diags.list[0]!.message).toMatch(/\(a warning, made an error by -Werror\)$/);
  });
  it('accepts inline assembly with register and immediate operands, and says what it does not support', () => {
    expect(sema('int f(void) { asm volatile("" ::: "memory"); return 0; }').text).toBe('');
    expect(sema('long f(long a) { long b; asm volatile("r0 = 1; %[b] = %[a]; %[b] += %[k]" : [b]"=r"(b) : [a]"r"(a), [k]"i"(4) : "r0"); return b; }').text).toBe('');
    expectDiag('int f(long a) { asm volatile("%0 = %1" : "=x"(a) : "r"(a)); return 0; }', 'E3112', 1, 42, 'output constraint "=x" is not supported');
    expect(sema('int f(long a) { asm volatile("r1 = *(u64 *)%[a]; *(u64 *)%[a] = r1" : [a]"+m"(a) :: "r1"); return a; }').text).toBe('');
    // __label__ makes a label local to its statement expression, so the macro can be expanded twice.
    const twice = '#define below(x, y) ({ __label__ t; int r = 1; asm goto("if %0 < %1 goto %l[t]" :: "r"(x), "r"(y) :: t); r = 0; t: r; })\n';
    expect(sema(`${twice}int f(long a, long b) { return below(a, b) + below(b, a); }`).text).toBe('');
    expectDiag('int f(long a) { l: a++; l: return a; }', 'E3002', 1, 25, "redefinition of label 'l'");
    // File-scope objects declared again: only with a compatible type, and defined at most once.
    expectDiag('int q;\nlong q;', 'E3002', 2, 6, "redefinition of 'q' with a different type: 'long' vs 'int'");
    expectDiag('int q = 1;\nint q = 2;', 'E3002', 2, 5, "redefinition of 'q'");
    expectDiag('long (*const fp)(void);\nint fp(void);', 'E3002', 2, 5, "redefinition of 'fp' as a different kind of symbol");
    expect(sema('extern int a[];\nint a[4];\nint t;\nint t;\nextern long e;\nlong e = 3;\nint g(void) { return a[0] + t + e; }').text).toBe('');
    // A statement expression in a for loop's step may break out of that loop (GNU).
    expect(sema('int f(int n) { int i, s = 0; for (i = 0; i < n; ({ if (s > 9) break; }), i++) s += i; return s; }').text).toBe('');
    expectDiag('int f(int n) { return ({ break; 0; }); }', 'E3015', 1, 26, "'break' statement not in loop or switch statement");
  });

  it('selects a _Generic association by the controlling type, and folds __builtin_strcmp of literals', () => {
    const generic = 'int f(void) { long a = 0; const unsigned long long b = 0; int *p = 0;\n' +
      '_Static_assert(_Generic(a, int: 1, long: 2, long long: 3) == 2, "long");\n' +
      '_Static_assert(_Generic(b, unsigned long: 5, unsigned long long: 6) == 6, "qualifiers dropped");\n' +
      '_Static_assert(_Generic(p, long: 1, default: 7) == 7, "default");\n' +
      '_Static_assert(__builtin_strcmp("<", "==") < 0 && __builtin_strcmp("==", "==") == 0 && __builtin_strcmp("s<", "<") > 0, "strcmp");\n' +
      'return 0; }';
    expect(sema(generic).text).toBe('');
    // A const integer local with a constant initialiser counts as constant for
    // __builtin_constant_p, as in clang (bpf_experimental.h's bpf_assert_range relies on it).
    expect(sema('int f(long a) { const long r = 8; long w = 8;\n_Static_assert(__builtin_constant_p(r), "const");\n_Static_assert(!__builtin_constant_p(w), "not const");\n_Static_assert(!__builtin_constant_p(a), "param"); return 0; }').text).toBe('');
    expectDiag('int f(int *p) { return _Generic(p, long: 1, int: 2); }', 'E3003', 1, 33, "controlling expression type 'int *' not compatible with any generic association type");
    expectDiag('int f(const char *s) { return __builtin_strcmp(s, "a"); }', 'E3011', 1, 31, "'__builtin_strcmp' is folded at compile time only");
  });
});

describe('tentative definitions', () => {
  it('rejects an object of a struct type that is never completed', () => {
    expectDiag('struct later;\nconst volatile struct later cfg;\n', 'E3008', 2, 29, "tentative definition of 'cfg' has type 'const volatile struct later' that is never completed");
  });
  it('accepts one whose struct is completed later in the file', () => {
    expect(sema('struct later;\nconst volatile struct later cfg;\nstruct later { int a; };\n').text).toBe('');
  });
});

describe('<stdint.h>', () => {
  it("also declares glibc's __intN_t and __uintN_t names, with the same widths and signedness", () => {
    const out = sema(`#include <stdint.h>
_Static_assert(sizeof(__int8_t) == 1 && sizeof(__uint16_t) == 2 && sizeof(__int32_t) == 4 && sizeof(__uint64_t) == 8, "widths");
_Static_assert((__int8_t)-1 < 0 && (__uint8_t)-1 > 0 && (__int64_t)-1 < 0 && (__uint64_t)-1 > 0, "signedness");
_Static_assert(sizeof(__uint_least32_t) == 4 && sizeof(__intmax_t) == 8, "others");
__uint64_t rate;
uint64_t same(__uint64_t x) { return x; }
`);
    expect(out.text).toBe('');
  });
});
