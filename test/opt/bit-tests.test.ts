// Bit-test merging (opt/bit-tests.ts): two tests of single bits of one value in a row, whose
// failing outcomes go to the same place, become one masked compare, as clang folds them.
import { describe, expect, it } from 'vitest';
import { printModule } from '../../src/ir/print.js';
import { compileString } from '../util/compile.js';

const PRELUDE = `#include <linux/bpf.h>
#include <linux/tcp.h>
#define SEC(n) __attribute__((section(n), used))
`;

function ir(body: string): string {
  const out = compileString(PRELUDE + body, { optLevel: 2 }, 'ir');
  expect(out.text).toBe('');
  return printModule(out.ir!);
}

const TCP = (cond: string) => `SEC("xdp") int p(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
  struct tcphdr *th = data;
  if ((void *)(th + 1) > end) return 0;
  if (${cond}) return 1;
  return 2; }`;

describe('bit-test merging', () => {
  it('tests SYN set and ACK clear with one mask and one compare', () => {
    // syn is bit 9 and ack bit 12 of the 16-bit word at offset 12 (little endian): mask 0x1200,
    // SYN alone 0x200.
    const text = ir(TCP('th->syn && !th->ack'));
    expect(text).toMatch(/= and\.32 %\d+, 4608\n\s+br eq\.32 %\d+, 512 /);
    expect(text).not.toMatch(/rsh\.32/);
  });

  it('merges the tests of `||` the same way: the outcome both share is the jump', () => {
    // !(fin || rst): both clear; fin is bit 8, rst bit 10.
    const text = ir(TCP('!(th->fin || th->rst)'));
    expect(text).toMatch(/= and\.32 %\d+, 1280\n\s+br eq\.32 %\d+, 0 /);
  });

  it('leaves tests of bits of two different values apart', () => {
    const text = ir(TCP('th->syn && !((__u8 *)th)[20 - 1]'));
    expect(text).not.toMatch(/and\.32 %\d+, 4608|and\.32 %\d+, 512\b/);
  });
});
