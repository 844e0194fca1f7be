import { describe, expect, it } from 'vitest';
import { printModule } from '../../src/ir/print.js';
import { compileString } from '../util/compile.js';

const HEAD = '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n';

function ir(src: string): string {
  const out = compileString(HEAD + src, {}, 'ir');
  expect(out.text).toBe('');
  return printModule(out.ir!);
}

describe('scaled offsets', () => {
  it('adds the constant of a header length `(len + 1) * 8` to the pointer, not to the length', () => {
    const text = ir(`
      SEC("xdp") int p(struct xdp_md *ctx) {
        __u8 *q = (__u8 *)(long)ctx->data, *end = (__u8 *)(long)ctx->data_end;
        if (q + 2 > end) return 1;
        q += (q[1] + 1) * 8;
        if (q + 1 > end) return 1;
        return *q;
      }`);
    // the byte loaded is scaled as it is, and the pointer gets 8 more
    expect(text).toMatch(/(%\d+) = load\.1 \[%\d+\+1\]\n {2}(%\d+) = mul\.32 \1, 8\n {2}(%\d+) = add\.64 \3, \2\n {2}\3 = add\.64 \3, 8\n/);
  });

  it('does the same with a shift, `(len + 2) << 2`', () => {
    const text = ir(`
      SEC("xdp") int p(struct xdp_md *ctx) {
        __u8 *q = (__u8 *)(long)ctx->data, *end = (__u8 *)(long)ctx->data_end;
        if (q + 2 > end) return 1;
        q += (q[1] + 2) << 2;
        if (q + 1 > end) return 1;
        return *q;
      }`);
    expect(text).toMatch(/= lsh\.32 %\d+, 2\n {2}(%\d+) = add\.64 \1, %\d+\n {2}\1 = add\.64 \1, 8\n/);
  });

  it('adds the headers of `data + 14 + 20 + 8` to the pointer as one constant', () => {
    const text = ir(`
      SEC("xdp") int p(struct xdp_md *ctx) {
        void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
        __u8 *ip = data + 14, *udp = data + 14 + 20;
        if (data + 14 + 20 + 8 > end) return 1;
        return ip[9] + udp[3];
      }`);
    expect(text).toMatch(/(%\d+) = add\.64 %\d+, 42\n {2}br gt\.64 \1, /);
    expect(text).not.toMatch(/add\.64 (%\d+, (14|20|8)|(14|20|8), %\d+)\n/);
  });

  it('leaves a 32-bit sum that may wrap as it is', () => {
    const text = ir(`
      SEC("xdp") int p(struct xdp_md *ctx) {
        __u8 *q = (__u8 *)(long)ctx->data, *end = (__u8 *)(long)ctx->data_end;
        q += (ctx->rx_queue_index + 1) * 8;
        if (q + 1 > end) return 1;
        return *q;
      }`);
    expect(text).toMatch(/(%\d+) = add\.32 %\d+, 1\n {2}%\d+ = mul\.32 \1, 8\n/);
  });

  it('adds the constant of `(len << 3) + 8` written by hand to the pointer', () => {
    const text = ir(`
      SEC("xdp") int p(struct xdp_md *ctx) {
        __u8 *q = (__u8 *)(long)ctx->data, *end = (__u8 *)(long)ctx->data_end;
        if (q + 2 > end) return 1;
        q += (q[1] << 3) + 8;
        if (q + 1 > end) return 1;
        return *q;
      }`);
    expect(text).toMatch(/(%\d+) = lsh\.32 %\d+, 3\n {2}(%\d+) = add\.64 \2, \1\n {2}\2 = add\.64 \2, 8\n/);
  });
});
