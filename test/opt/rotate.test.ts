import { describe, expect, it } from 'vitest';
import type { IrFunction } from '../../src/ir/ir.js';
import { successors } from '../../src/ir/ir.js';
import { printModule } from '../../src/ir/print.js';
import { findLoops } from '../../src/opt/loops.js';
import { compileString } from '../util/compile.js';

const HEAD = '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n';

function compile(src: string): { fn: IrFunction; text: string } {
  const out = compileString(HEAD + src, {}, 'ir');
  expect(out.text).toBe('');
  return { fn: out.ir!.functions[0]!, text: printModule(out.ir!) };
}

/** Whether the one loop of `fn` is left only from its bottom, the block with the back edge. */
function testedAtBottom(fn: IrFunction): boolean {
  const loops = findLoops(fn);
  expect(loops.length).toBe(1);
  const loop = loops[0]!;
  expect(loop.latches.length).toBe(1);
  const exiting = [...loop.blocks].filter((id) => successors(fn.blocks[id]!.term).some((s) => !loop.blocks.has(s)));
  return exiting.length === 1 && exiting[0] === loop.latches[0];
}

describe('loop rotation', () => {
  it('tests a kept counted loop at the bottom, and folds the test before its first iteration', () => {
    const { fn, text } = compile(`
      SEC("xdp") int p(struct xdp_md *ctx) {
        __u32 s = 0;
        #pragma nounroll
        for (int i = 0; i < 6; i++) s += bpf_get_prandom_u32() >> i;
        return s;
      }`);
    expect(testedAtBottom(fn)).toBe(true);
    // one compare of the counter, at the bottom: the guard `0 < 6` folded
    expect((text.match(/br slt\.32 %\d+, 6/g) ?? []).length).toBe(1);
  });

  it('keeps the test before the first iteration of a loop whose bound is not known', () => {
    const { fn, text } = compile(`
      SEC("xdp") int p(struct xdp_md *ctx) {
        __u32 n = ctx->rx_queue_index & 7, s = 0;
        for (__u32 i = 0; i < n; i++) s += bpf_get_prandom_u32();
        return s;
      }`);
    expect(testedAtBottom(fn)).toBe(true);
    // the guard and the copy at the bottom
    expect((text.match(/br (lt|gt|le|ge)\.32 /g) ?? []).length).toBe(2);
  });

  it('leaves at the top a loop whose test calls a helper', () => {
    const { fn } = compile(`
      SEC("xdp") int p(struct xdp_md *ctx) {
        __u32 s = 0;
        while (bpf_get_prandom_u32() & 1) s += 3;
        return s;
      }`);
    expect(testedAtBottom(fn)).toBe(false);
  });

  it('leaves a do-while alone: its test is at the bottom already', () => {
    const { fn, text } = compile(`
      SEC("xdp") int p(struct xdp_md *ctx) {
        __u8 *q = (__u8 *)(long)ctx->data, *end = (__u8 *)(long)ctx->data_end;
        __u32 s = 0;
        int i = 0;
        #pragma nounroll
        do {
          if (q + 1 > end)
            break;
          s += *q++;
        } while (++i < 6);
        return s;
      }`);
    // the bounds test at the top is not copied to the bottom
    expect((text.match(/br gt\.64 /g) ?? []).length).toBe(1);
    expect(testedAtBottom(fn)).toBe(false);
  });
});
