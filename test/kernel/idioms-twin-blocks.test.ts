// Identical blocks merged (opt/merge-blocks.ts): test/kernel/idioms/twin_blocks.c inlines the same
// function in two switch arms. Its code appears once, the arm with another constant keeps its own
// copy, and every arm still returns what the C says, in the kernel and in ebcc run. The expected
// values are worked out by hand from the C.
import { expect, it } from 'vitest';
import { disasm } from '../../src/bpf/disasm.js';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const compiled = () => compileFile(`${REPO_DIR}test/kernel/idioms/twin_blocks.c`);

/** kind, len, a (u16), b, c (u32), little-endian as the program reads them, padded to 64 bytes. */
function rec(kind: number, len: number, a: number, b: number, c: number): Uint8Array {
  const buf = new Uint8Array(64);
  const v = new DataView(buf.buffer);
  v.setUint8(0, kind);
  v.setUint8(1, len);
  v.setUint16(2, a, true);
  v.setUint32(4, b, true);
  v.setUint32(8, c, true);
  return buf;
}

it('keeps one copy of the twin arms and a separate one for the arm with another constant', () => {
  const out = compiled();
  expect(out.ctx.diags.list).toEqual([]);
  const code = disasm(out.object!.functions.find((f) => f.name === 'twin_blocks')!.insns);
  expect(code.filter((l) => /\^=/.test(l))).toHaveLength(2); // one xor for k = 3, one for k = 5
  expect(code.filter((l) => /\*= 3$/.test(l))).toHaveLength(1);
  expect(code.filter((l) => /\*= 5$/.test(l))).toHaveLength(1);
});

describeDual('twin blocks', compiled, (obj) => {
  const run = (pkt: Uint8Array): number => obj().run('twin_blocks', pkt).retval >>> 0;

  it('computes (b ^ c) + a * 3 through the merged copy, from either arm', () => {
    expect(run(rec(1, 11, 5, 0xf0, 0x0f))).toBe(0xff + 15);
    expect(run(rec(2, 0, 5, 0xf0, 0x0f))).toBe(0xff + 15);
    expect(run(rec(2, 0, 0xffff, 0xffffffff, 0))).toBe((0xffffffff + 0xffff * 3) % 2 ** 32);
  });

  it('takes the other arms as before: a short record of kind 1, kind 3 with a * 5, other kinds', () => {
    expect(run(rec(1, 10, 5, 0xf0, 0x0f))).toBe(7);
    expect(run(rec(3, 0, 5, 0xf0, 0x0f))).toBe(0xff + 25);
    expect(run(rec(9, 0, 5, 0xf0, 0x0f))).toBe(0);
  });
});
