import { describe, expect, it } from 'vitest';
import { printModule } from '../../src/ir/print.js';
import { compileString } from '../util/compile.js';

const HEAD = '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n';
const PROG = `SEC("xdp") int p(struct xdp_md *ctx) {
  unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
  unsigned char buf[16];
  if (d + 32 > e) return 0;
`;

function ir(body: string, helpers = '', optLevel: 0 | 2 = 2): string {
  const out = compileString(`${HEAD}${helpers}${PROG}${body}\n}\n`, { optLevel }, 'ir');
  expect(out.text).toBe('');
  return printModule(out.ir!);
}

describe('expand-mem: memory builtins expanded after constant propagation', () => {
  it('takes a size that an inlined function stores through an out-parameter and reads back (*len = 4; memcpy(.., *len))', () => {
    // netobserv's flow filter: the length is set through a pointer to the caller's local, then
    // read back as the size, in a branch after the store; stores to another local come between.
    const helper = `static __always_inline void key_of(unsigned char *src, unsigned char *key, __u8 *len, __u8 *off, int v4) {
      if (v4) { *len = 4; *off = 12; if (src[0]) __builtin_memcpy(key, src + *off, *len); else __builtin_memcpy(key, src + 1 + *off, *len); }
      else { *len = 16; *off = 0; __builtin_memcpy(key, src + *off, *len); } }\n`;
    const text = ir('unsigned char key[16] = {}; __u8 len = 0, off = 0; key_of(d, key, &len, &off, d[5] & 1); return key[3] + len;', helper);
    expect(text).not.toContain('memcpy');
  });

  it('expands a memmove whose size is an inlined argument (ETH_ALEN * 2)', () => {
    const helper = 'static inline void mv(void *dst, const void *src, int n) { __builtin_memmove(dst, src, n); }\n';
    for (const level of [0, 2] as const) {
      // The helper reads all of buf, so no store of the copy is dead.
      const text = ir('mv(buf, d, 6 * 2); return bpf_csum_diff((void *)buf, 16, 0, 0, 0);', helper, level);
      expect(text).not.toContain('memmove');
      // memmove loads every byte before the first store.
      const lines = text.split('\n');
      const firstStore = lines.findIndex((x) => /store\.1 \[[#%]\d+\+0\]/.test(x));
      const lastLoad = lines.map((x) => /load\.1 \[%\d+\+11\]/.test(x)).lastIndexOf(true);
      expect(lastLoad).toBeGreaterThan(0);
      expect(firstStore).toBeGreaterThan(lastLoad);
    }
  });

  it('expands a memset whose size is a loop counter in each unrolled copy', () => {
    const text = ir('for (int i = 0; i < 3; i++) __builtin_memset(buf + 4 * i, 7, i + 1); return bpf_csum_diff((void *)buf, 16, 0, 0, 0);');
    expect(text).not.toContain('memset');
    // 1 + 2 + 3 stores of the byte 7, the 2- and 3-byte runs unaligned in a byte buffer.
    expect(text.match(/store\.\d \[#0\+\d+\], 7\b/g)?.length).toBe(6);
  });

  it('expands memcmp into a byte compare chain', () => {
    const helper = 'static inline int eq(const void *a, const void *b, unsigned n) { return __builtin_memcmp(a, b, n) == 0; }\n';
    const text = ir('return eq(d, d + 6, 6);', helper);
    expect(text).not.toContain('memcmp');
    expect(text.match(/sub\.32/g)?.length).toBe(6);
  });

  it('reports a size that stays unknown, at the size, with the inlined call in a note', () => {
    const helper = 'static inline void cp(void *dst, const void *src, int n) { __builtin_memcpy(dst, src, n); }\n';
    const out = compileString(`${HEAD}${helper}${PROG}for (int i = 0; i < 2; i++) cp(buf, d, d[0] & 7);\n return buf[0];\n}\n`);
    const errors = out.ctx.diags.list.filter((x) => x.severity === 'error');
    // Once, although the loop unrolls into two copies of the call.
    expect(errors.map((x) => x.code)).toEqual(['E5006']);
    expect(out.text).toContain("the size passed to '__builtin_memcpy' is not a compile-time constant, even after inlining and constant propagation");
    expect(out.text).toContain("note: 'cp' is inlined here");
    expect(out.text).toContain('test.c:3:');
  });
  it('refuses a memset or memcpy that runs past its local, at the copy of the iteration that overflows', () => {
    // buf has 16 bytes: iterations 0..2 write inside it, iteration 3 writes bytes 12..19.
    const out = compileString(`${HEAD}${PROG}for (int i = 0; i < 4; i++) __builtin_memset(buf + 4 * i, 1, 8);\n return buf[0];\n}\n`);
    const errors = out.ctx.diags.list.filter((x) => x.severity === 'error');
    expect(errors.map((x) => x.code)).toEqual(['E5016']);
    expect(errors[0]!.message).toBe("'__builtin_memset' writes 8 bytes at offset 12 of 'buf', which has 16 bytes");
    expect(out.text).toContain("note: 'buf' is declared here");
    // In bounds, the same loop compiles.
    const ok = compileString(`${HEAD}${PROG}for (int i = 0; i < 4; i++) __builtin_memset(buf + 4 * i, 1, 4);\n return buf[0];\n}\n`);
    expect(ok.text).toBe('');
  });

  it('stops expanding, with E5012, once the copies of a memset in an unrolled loop grow past the budget', () => {
    // 4,000 copies of a 256-byte memset: 128,000 stores, past the 100,000 instructions that
    // unrolling may grow a function to. Before, every pass ran on them (seconds, hundreds of MB).
    const src = `${HEAD}SEC("xdp") int p(struct xdp_md *ctx) {
  unsigned char buf[256];
  unsigned long acc = 0;
  for (int i = 0; i < 4000; i++) { __builtin_memset(buf, i, sizeof(buf)); acc += buf[ctx->ingress_ifindex & 255]; }
  return acc & 3;
}
`;
    const out = compileString(src);
    const errors = out.ctx.diags.list.filter((x) => x.severity === 'error');
    expect(errors.map((x) => x.code)).toEqual(['E5012']);
    expect(errors[0]!.message).toContain("grows 'p' past 100,000 instructions");
    // A quarter of the iterations fits.
    expect(compileString(src.replace('4000', '1000'), {}, 'ir').ctx.diags.list.filter((x) => x.severity === 'error')).toEqual([]);
  });
});
