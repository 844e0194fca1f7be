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
    // And the loads and the bounds check still use the propagated registers.
    expect(text).toBe(
      'func p(%0) section "xdp"\nb0:\n  %2 = load.4 [%0+0]\n  %4 = load.4 [%0+4]\n  %6 = add.64 %2, 1\n  br gt.64 %6, %4 -> b1, b2\nb1:\n  ret 0\nb2:\n  %7 = load.1 [%2+0]\n  ret %7\n',
    );
  });

  it('writes a temporary straight into the variable it is copied to', () => {
    const text = ir(`__attribute__((section("xdp"))) int p(struct xdp_md *ctx) {
      __u32 s = ctx->data; s = s * 3 + ctx->data_end; s ^= 7; return s; }`);
    expect(text).not.toMatch(/^ {2}%\d+ = %\d+$/m);
    // The sum is written into s's register (%1) directly, not into a temporary copied to it.
    expect(text).toBe('func p(%0) section "xdp"\nb0:\n  %1 = load.4 [%0+0]\n  %3 = mul.32 %1, 3\n  %4 = load.4 [%0+4]\n  %1 = add.32 %3, %4\n  %1 = xor.32 %1, 7\n  ret %1\n');
  });
});
