import { describe, expect, it } from 'vitest';
import { printModule } from '../../src/ir/print.js';
import { compileString } from '../util/compile.js';

function ir(src: string): string {
  const out = compileString(`#include <linux/bpf.h>\n${src}`, {}, 'ir');
  expect(out.text).toBe('');
  return printModule(out.ir!);
}

describe('copy propagation', () => {
  it('removes the copies that lowering makes for variables assigned once', () => {
    const text = ir(`__attribute__((section("xdp"))) int p(struct xdp_md *ctx) {
      void *data = (void *)(long)ctx->data; void *end = (void *)(long)ctx->data_end;
      unsigned char *b = data;
      if ((void *)(b + 1) > end) return 0;
      return b[0]; }`);
    // No register-to-register moves are left: each value is computed where it is needed.
    expect(text).not.toMatch(/^ {2}%\d+ = %\d+$/m);
  });

  it('writes a temporary straight into the variable it is copied to', () => {
    const text = ir(`__attribute__((section("xdp"))) int p(struct xdp_md *ctx) {
      __u32 s = ctx->data; s = s * 3 + ctx->data_end; s ^= 7; return s; }`);
    expect(text).not.toMatch(/^ {2}%\d+ = %\d+$/m);
  });
});
