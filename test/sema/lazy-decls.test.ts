// Lazy declarations (src/parse/lazy-decls.ts, src/sema/lazy.ts): a header's helper pointer
// declarations are parsed and checked when their name is needed. A compile must give the same
// object and the same diagnostics as one that checks every declaration where it stands.
import { describe, expect, it } from 'vitest';
import type { CompileOptions } from '../../src/context.js';
import { compileString, type Compiled } from '../util/compile.js';

function both(source: string, files: Record<string, string> = {}, options: Partial<CompileOptions> = {}): { lazy: Compiled; eager: Compiled } {
  return {
    lazy: compileString(source, options, 'obj', 'test.c', files),
    eager: compileString(source, { ...options, lazyDeclarations: false }, 'obj', 'test.c', files),
  };
}

/** The names the parse kept as lazy declarations. */
function lazyNames(source: string, files: Record<string, string> = {}): string[] {
  const out = compileString(source, {}, 'parse', 'test.c', files);
  return (out.ast?.items ?? []).flatMap((item) => (item.kind === 'LazyDecl' ? [item.name] : []));
}

function expectSame(source: string, files: Record<string, string> = {}, options: Partial<CompileOptions> = {}): Compiled {
  const { lazy, eager } = both(source, files, options);
  expect(lazy.text).toBe(eager.text);
  expect(lazy.elf === undefined).toBe(eager.elf === undefined);
  if (lazy.elf && eager.elf) expect(Buffer.from(lazy.elf).equals(Buffer.from(eager.elf))).toBe(true);
  return lazy;
}

const XDP = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 4); __type(key, __u32); __type(value, __u64); } counts SEC(".maps");
`;

describe('which declarations are kept lazy', () => {
  it("keeps every helper of ebcc's bpf_helper_defs.h", () => {
    const names = lazyNames('#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n');
    expect(names.length).toBeGreaterThan(200);
    expect(names).toContain('bpf_map_lookup_elem');
    expect(names).toContain('bpf_fib_lookup');
  });

  it('keeps the older spellings: no const, an enumerator as the value, __attribute__((unused))', () => {
    const header = `enum ids { ID_lookup = 1, ID_printk = 6 };
typedef unsigned long long u64;
static void* (*lookup)(void* map, void* key) = (void*)
    ID_lookup;
static int (* printk)(const char *fmt, int size, ...) __attribute__((__unused__)) = (void *) ID_printk;
static u64 (*const now)(void) = (void *) 0x5;
`;
    expect(lazyNames('#include "h.h"\n', { 'h.h': header })).toEqual(['lookup', 'printk', 'now']);
  });

  it('parses everything else where it stands', () => {
    const header = `typedef unsigned int u32;
static long (*const dup)(int a, int a) = (void *) 1;
static long (*const byvalue)(struct s x) = (void *) 2;
static long (*const notype)(mystery *p) = (void *) 3;
static char int (*const twotypes)(void) = (void *) 4;
static long (*const weak)(void) __attribute__((weak)) = (void *) 5;
static long (*const fraction)(void) = (void *) 1.5;
static long (*const typedefparam)(void *u32) = (void *) 6;
static long (*const plain)(u32 a, const void *b, ...) = (void *) 7;
`;
    expect(lazyNames('#include "h.h"\n', { 'h.h': header })).toEqual(['plain']);
  });

  it('leaves the main file alone', () => {
    expect(lazyNames('static long (*const f)(void) = (void *) 5;\n')).toEqual([]);
  });

  it('keeps none when turned off', () => {
    const out = compileString(XDP, { lazyDeclarations: false }, 'parse');
    expect(out.ast!.items.some((item) => item.kind === 'LazyDecl')).toBe(false);
  });
});

describe('a lazy declaration has the effects of one checked where it stands', () => {
  it('compiles helper calls, their addresses and sizes to the same object', () => {
    const out = expectSame(`${XDP}
SEC("xdp") int prog(struct xdp_md *ctx) {
  __u32 key = 0;
  __u64 *v = bpf_map_lookup_elem(&counts, &key);
  if (v) *v += bpf_ktime_get_ns() + sizeof(bpf_redirect) + sizeof(*bpf_get_prandom_u32);
  return XDP_PASS;
}
char _license[] SEC("license") = "GPL";
`);
    expect(out.text).toBe('');
    expect(out.elf).toBeDefined();
  });

  it('reports a conflicting declaration in the program as it would otherwise', () => {
    const out = expectSame(`${XDP}
static int bpf_ktime_get_ns;
typedef int bpf_get_prandom_u32;
enum { bpf_redirect = 3 };
int bpf_tail_call(void);
`);
    expect(out.text).toContain("typedef redefinition with different types ('int' vs '__u32 (*const)(void)')");
    expect(out.text).toContain("redefinition of enumerator 'bpf_redirect'");
    expect(out.text).toContain("redefinition of 'bpf_ktime_get_ns' with a different type: 'int' vs '__u64 (*const)(void)'");
    expect(out.text).toContain("redefinition of 'bpf_tail_call' as a different kind of symbol");
  });

  it('takes a declaration written before the header first, as it would otherwise', () => {
    expectSame(`static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *) 1;
${XDP}
SEC("xdp") int prog(struct xdp_md *ctx) { __u32 k = 0; return bpf_map_lookup_elem(&counts, &k) ? XDP_PASS : XDP_DROP; }
char _license[] SEC("license") = "GPL";
`);
  });

  it('reports an undeclared enumerator or declares a new tag at the header line', () => {
    const header = `static void *(*lookup)(void *map, void *key) = (void *) NOT_DECLARED;
static long (*const fib)(void *ctx, struct fresh_tag *params) = (void *) 69;
`;
    const out = expectSame('#include "h.h"\nstruct fresh_tag { int a; };\nint f(void) { return sizeof(struct fresh_tag); }\n', { 'h.h': header });
    expect(out.text).toContain("h.h:1:");
    expect(out.text).toContain('NOT_DECLARED');
  });

  it('checks a use inside a function at file scope, past locals and typedefs of its parameter names', () => {
    const out = expectSame(`${XDP}
typedef int key;
typedef int flags;
SEC("xdp") int prog(struct xdp_md *ctx) {
  int value = 1;
  key k = 0;
  {
    int bpf_map_update_elem = 2;
    value += bpf_map_update_elem;
  }
  bpf_map_update_elem(&counts, &k, &value, 0);
  return XDP_PASS;
}
char _license[] SEC("license") = "GPL";
`);
    expect(out.text).toBe('');
  });

  it('suggests the same names for a misspelt one', () => {
    const out = expectSame(`${XDP}
SEC("xdp") int prog(struct xdp_md *ctx) { return bpf_ktime_get_nss() ? XDP_PASS : map_lookup_elem(0, 0); }
`);
    expect(out.text).toContain('bpf_ktime_get_ns');
  });
});
