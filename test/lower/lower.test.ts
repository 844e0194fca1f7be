// Lowering to IR: the printed IR of small functions.
import { describe, expect, it } from 'vitest';
import { printModule } from '../../src/ir/print.js';
import { compileString } from '../util/compile.js';

function ir(src: string, optLevel: 0 | 2 = 2): string {
  const out = compileString(`#include <linux/bpf.h>\n${src}`, { optLevel }, 'ir');
  expect(out.text).toBe('');
  return printModule(out.ir!);
}

describe('lower', () => {
  it('reads context fields at ctx + constant offset with the field width', () => {
    const text = ir('__attribute__((section("xdp"))) int p(struct xdp_md *ctx) { return ctx->data_end - ctx->data; }');
    expect(text).toContain('load.4 [%0+4]');
    expect(text).toContain('load.4 [%0+0]');
    expect(text).toMatch(/sub\.32/);
  });

  it('inlines static functions and keeps __noinline ones as calls', () => {
    const text = ir(`
      static int twice(int x) { return x * 2; }
      static __attribute__((noinline)) int thrice(int x) { return x * 3; }
      __attribute__((section("xdp"))) int p(struct xdp_md *ctx) { return twice(ctx->data) + thrice(ctx->data_end); }`);
    expect(text).not.toContain('call twice');
    expect(text).toContain('call thrice(');
    expect(text).toMatch(/func thrice\(%\d+\) section "\.text"/);
  });

  it('sign-extends signed narrow values and zero-extends unsigned ones implicitly', () => {
    const text = ir(`__attribute__((section("xdp"))) int p(struct xdp_md *ctx) {
      signed char c = ctx->data; long l = c; unsigned char u = ctx->data; long m = u; return l + m; }`);
    // signed char -> long: one sign extension from 8 to 64 bits; unsigned char -> long: none.
    expect(text).toContain('sext8.64');
    expect((text.match(/sext/g) ?? []).length).toBe(1);
    expect(text).toContain('and.32 %2, 255');
  });

  it('lowers && and || to branches', () => {
    const text = ir('__attribute__((section("xdp"))) int p(struct xdp_md *ctx) { if (ctx->data == 1 && ctx->data_end == 2) return 1; return 2; }');
    expect((text.match(/br eq\.32/g) ?? []).length + (text.match(/br ne\.32/g) ?? []).length).toBe(2);
  });

  it('expands memcpy and memset with constant sizes into loads and stores', () => {
    // Both structs are indexed by a variable, so they stay in memory: scalar replacement would
    // otherwise make them registers and fold all this to 0, at -O0 as at -O2.
    const text = ir(`struct s { long a; int b; };
      __attribute__((section("xdp"))) int p(struct xdp_md *ctx) {
        struct s x, y; __builtin_memset(&x, 0, sizeof(x)); ((long *)&x)[ctx->data & 1] = 7;
        __builtin_memcpy(&y, &x, sizeof(x)); return y.b + ((long *)&y)[ctx->data & 1]; }`, 0);
    expect((text.match(/store\.8 \[#\d\+0\], 0/g) ?? []).length).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/load\.8 \[#\d\+0\]/);
    expect(text).toMatch(/load\.4 \[#\d\+8\]/);
  });

  it('reports signed division before -mcpu=v4', () => {
    const out = compileString('#include <linux/bpf.h>\n__attribute__((section("xdp"))) int p(struct xdp_md *ctx) { int a = ctx->data; return a / 3; }', {}, 'ir');
    expect(out.ctx.diags.list.map((d) => d.code)).toEqual(['E5004']);
    const v4 = compileString('#include <linux/bpf.h>\n__attribute__((section("xdp"))) int p(struct xdp_md *ctx) { int a = ctx->data; return a / 3; }', { mcpu: 4 }, 'ir');
    expect(v4.text).toBe('');
    expect(printModule(v4.ir!)).toContain('sdiv.32');
  });

  it('lowers atomics: lock add when the result is unused, fetch and cmpxchg otherwise', () => {
    const text = ir(`__attribute__((section("xdp"))) int p(struct xdp_md *ctx) {
      long v = 0; __sync_fetch_and_add(&v, 1); long old = __sync_fetch_and_add(&v, 2);
      return old + __sync_bool_compare_and_swap(&v, 3, 4); }`);
    expect(text).toMatch(/atomic\.add\.8 \[#\d\+0\], %\d+/);
    expect(text).toMatch(/= atomic\.add\.fetch\.8/);
    expect(text).toMatch(/= atomic\.cmpxchg\.fetch\.8 \[#\d\+0\], %\d+, expected %\d+/);
    expect(text).toMatch(/br eq\.64/);
  });
});

describe('members of struct values', () => {
  it('reads a member of a struct a statement expression or a comma yields (BPF_CORE_READ(p, m).field)', () => {
    // The macro's value is its local copy: the member is read there, at its offset.
    const text = ir(`
      struct pair { __u32 a; __u32 b; };
      __attribute__((section("xdp"))) int p(struct xdp_md *ctx) {
        __u32 q = ({ struct pair t = { ctx->ingress_ifindex, ctx->rx_queue_index }; t; }).b;
        struct pair u = { 1, 2 };
        return q + (q++, u).a; }`);
    expect(text).toContain('load.4 [%0+16]');
    expect(text).not.toContain('load.4 [%0+12]');
  });
});

describe('BPF-to-BPF call signatures', () => {
  it('rejects structs passed or returned by value across a __noinline call', () => {
    const out = compileString(`#include <linux/bpf.h>
struct pair { long a, b; };
static __attribute__((noinline)) struct pair make(long a) { struct pair p = { a, a }; return p; }
static __attribute__((noinline)) long sum(struct pair p) { return p.a + p.b; }
__attribute__((section("xdp"))) int p(struct xdp_md *ctx) { return sum(make(ctx->data)); }`, {}, 'ir');
    const errors = out.ctx.diags.list.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, out.ctx.sources.lineCol(d.span!.file, d.span!.start).line])).toEqual([
      ['E5005', 3],
      ['E5005', 4],
    ]);
    expect(errors[0]!.message).toContain("'make' returns a struct by value");
  });
});

describe('division of promoted unsigned values', () => {
  it('divides unsigned short operands without -mcpu=v4: promoted to int, they are never negative', () => {
    const src = '#include <linux/bpf.h>\n__attribute__((section("xdp"))) int p(struct xdp_md *ctx) { unsigned short a = ctx->data, b = ctx->data_end; a /= b; return a / b + a % 7; }';
    const out = compileString(src, {}, 'ir');
    expect(out.text).toBe('');
    const text = printModule(out.ir!);
    expect(text).toMatch(/div\.32/);
    expect(text).not.toMatch(/sdiv|smod/);
  });
});
