// Turning clang-named warnings off: -Wno-FLAG on the command line, `#pragma GCC diagnostic
// ignored "-WFLAG"` (and the clang spelling, and _Pragma in a macro) between push and pop, and
// warnings inside system headers (ebcc's own and -isystem), which clang does not show either.
import { expect, it } from 'vitest';
import { normalizeArgs } from '../../src/cli/args.js';
import { compileString } from '../util/compile.js';

const PROLOGUE = `static __attribute__((always_inline)) int take_int(int x) { return x; }
static __attribute__((always_inline)) int take_ptr(int *p) { return p != 0; }
`;
const wrap = (body: string) => `${PROLOGUE}__attribute__((section("xdp"))) int prog(void *ctx) {
${body}
}
char LICENSE[] __attribute__((section("license"))) = "GPL";`;
const codes = (src: string, opts = {}) => compileString(src, opts, 'sema').ctx.diags.list.map((d) => `${d.severity} ${d.code} ${d.span ? 'line' : ''}`.trim());
const lines = (src: string, opts = {}) => compileString(src, opts, 'sema').ctx.diags.list.map((d) => `${d.code}@${src.slice(0, d.span!.start).split('\n').length}`);

it('gives the warnings by default, and -Werror makes them errors', () => {
  const src = wrap('unsigned char *u = 0; char *c = u; return take_int(ctx) + (int)(long)c;');
  expect(codes(src)).toEqual(['warning E3028 line', 'warning E3026 line']);
  expect(codes(src, { warnings: 'error' })).toEqual(['error E3028 line', 'error E3026 line']);
});

it('-Wno-FLAG turns off the warnings clang names FLAG, and nothing else', () => {
  const src = wrap('unsigned char *u = 0; char *c = u; return take_int(ctx) + (int)(long)c;');
  expect(codes(src, { warnings: 'error', disabledWarnings: ['int-conversion'] })).toEqual(['error E3028 line']);
  expect(codes(src, { warnings: 'error', disabledWarnings: ['int-conversion', 'pointer-sign'] })).toEqual([]);
});

it('-Werror=FLAG makes only the warnings clang names FLAG errors', () => {
  const src = wrap('unsigned char *u = 0; char *c = u; return take_int(ctx) + (int)(long)c;');
  expect(codes(src, { errorWarnings: ['int-conversion'] })).toEqual(['warning E3028 line', 'error E3026 line']);
  expect(compileString(src, { errorWarnings: ['int-conversion'] }, 'sema').text).toContain('(a warning, made an error by -Werror=int-conversion) [E3026]');
});

it('reads -Werror=FLAG and -Wno-error=FLAG in order', () => {
  expect(normalizeArgs(['-Werror=int-conversion', '-Werror=pointer-sign', '-Wno-error=int-conversion', 'x.c']).errorWarnings).toEqual(['pointer-sign']);
  expect(normalizeArgs(['-Werror=bpf-verifier', 'x.c']).disabledWarnings).toEqual([]);
});

it('reads -Wno-FLAG and -WFLAG in order, and leaves -Wno-error=FLAG alone', () => {
  expect(normalizeArgs(['-Wno-int-conversion', '-Wall', '-c', 'x.c']).disabledWarnings).toEqual(['int-conversion']);
  expect(normalizeArgs(['-Wno-int-conversion', '-Wint-conversion', 'x.c']).disabledWarnings).toEqual([]);
  expect(normalizeArgs(['-Wno-error=int-conversion', '-Wno-pointer-sign', 'x.c']).disabledWarnings).toEqual(['pointer-sign']);
});

it('#pragma GCC diagnostic ignored silences a flag until the matching pop', () => {
  const src = wrap(`int a = take_int(ctx);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wint-conversion"
  int b = take_int(ctx) + take_ptr(a);
#pragma clang diagnostic push
#pragma clang diagnostic warning "-Wint-conversion"
  int c = take_int(ctx);
#pragma clang diagnostic pop
  int d = take_int(ctx);
#pragma GCC diagnostic pop
  return a + b + c + d + take_int(ctx);`);
  // lines: a at 4, b at 7, c at 10, d at 12, the return at 14
  expect(lines(src)).toEqual(['E3026@4', 'E3026@10', 'E3026@14']);
});

it('_Pragma in a macro silences the conversions of that macro use only', () => {
  const src = `${PROLOGUE}#define QUIET_CALL(x) ({ _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \\"-Wint-conversion\\"") int __r = take_int(x); _Pragma("GCC diagnostic pop") __r; })
#define LOUD_CALL(x) take_int(x)
__attribute__((section("xdp"))) int prog(void *ctx) {
  return QUIET_CALL((void *)ctx) + LOUD_CALL((void *)ctx);
}
char LICENSE[] __attribute__((section("license"))) = "GPL";`;
  expect(lines(src, { warnings: 'error' })).toEqual(['E3026@6']);
  expect(compileString(src, { warnings: 'error' }, 'sema').ctx.diags.list[0]!.span!.start).toBe(src.indexOf('(void *)ctx)', src.indexOf('LOUD_CALL((')));
});

it('shows no warnings from system headers, and the same code in a user header warns', () => {
  const header = `static __attribute__((always_inline)) int in_header(void *p) { return take_int(p); }
`;
  const src = `${PROLOGUE}#include <quiet.h>
__attribute__((section("xdp"))) int prog(void *ctx) { return in_header(ctx); }
char LICENSE[] __attribute__((section("license"))) = "GPL";`;
  const files = { '/sys-inc/quiet.h': header };
  expect(compileString(src, { systemDirs: ['/sys-inc'] }, 'sema', 'test.c', files).ctx.diags.list).toEqual([]);
  const user = compileString(src, { includeDirs: ['/sys-inc'] }, 'sema', 'test.c', files).ctx.diags.list.map((d) => d.code);
  expect(user).toEqual(['E3026']);
});

it('-Wall, -Wunused and -Wunused-variable turn on the unused-variable warning, which clang gives only when asked', () => {
  const src = wrap(`int unused_a;
  int assigned; assigned = 3;
  int measured; int size = sizeof(measured);
  int kept __attribute__((unused));
  int voided = 1; (void)voided;
  { int inner; }
  return take_int(ctx) + size;`);
  expect(codes(src)).toEqual(['warning E3026 line']);
  for (const flag of ['all', 'unused', 'unused-variable']) {
    // lines: unused_a at 4, inner at 9
    expect(lines(src, { enabledWarnings: [flag] })).toEqual(['E3026@10', 'E3034@4', 'E3034@9']);
  }
  expect(lines(src, { enabledWarnings: ['all'], disabledWarnings: ['unused-variable'] })).toEqual(['E3026@10']);
  expect(compileString(src, { enabledWarnings: ['all'] }, 'sema').text).toContain("warning: unused variable 'unused_a' [E3034]");
});

it('reads -WFLAG and -Wno-FLAG in order for the warnings off by default', () => {
  expect(normalizeArgs(['-Wall', '-Wextra', '-c', 'x.c']).enabledWarnings).toEqual(['all', 'extra']);
  expect(normalizeArgs(['-Wall', '-Wno-all', 'x.c']).enabledWarnings).toEqual([]);
});
