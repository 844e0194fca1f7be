// The unrolling policy on loops with a constant trip count (test/kernel/idioms/unroll_policy.c):
// a small loop is unrolled, a large one stays a loop that the kernel loads and runs, and the
// pragmas `#pragma unroll` and `#pragma clang loop unroll(disable)` decide against the size.
// Every program hashes the packet's bytes up to the first zero, as hash() below.
import { expect, it } from 'vitest';
import { findLoops } from '../../src/opt/loops.js';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const FILE = `${REPO_DIR}test/kernel/idioms/unroll_policy.c`;

function hash(data: Uint8Array, max: number): number {
  let h = 7;
  for (let i = 0; i < max && i < data.length && data[i] !== 0; i++) h = (Math.imul(h, 31) + data[i]!) >>> 0;
  return h;
}

/** A packet of `length` bytes (at least the test runner's 14), all of them `fill` but for `zeroAt`. */
function packet(length: number, fill: (i: number) => number, zeroAt?: number): Uint8Array {
  const p = Uint8Array.from({ length: Math.max(14, length) }, (_, i) => fill(i) & 0xff || 1);
  if (zeroAt !== undefined) p[zeroAt] = 0;
  return p;
}

it('unrolls the small loops and the one the pragma asks for, and keeps the large one and the one the pragma keeps', () => {
  const out = compileFile(FILE);
  expect(out.ctx.diags.list).toEqual([]);
  const loops = out.ir!.functions.map((f) => [f.name, findLoops(f).length]);
  expect(loops).toEqual([['hash_small', 0], ['hash_large', 1], ['hash_large_unrolled', 0], ['hash_small_kept', 1]]);
  // A back edge (a jump to an earlier instruction) exactly in the programs that keep their loop.
  const backEdge = (insns: { code: number; off: number }[]) => insns.some((i) => ((i.code & 0x07) === 0x05 || (i.code & 0x07) === 0x06) && i.off < 0);
  expect(out.object!.functions.map((f) => [f.name, backEdge(f.insns)])).toEqual([
    ['hash_small', false], ['hash_large', true], ['hash_large_unrolled', false], ['hash_small_kept', true],
  ]);
  // The kept loop is a fraction of its unrolled copies.
  const size = (name: string) => out.object!.functions.find((f) => f.name === name)!.insns.length;
  expect(size('hash_large') * 10).toBeLessThan(size('hash_large_unrolled'));
});

describeDual('loops kept or unrolled by size and by pragma', () => compileFile(FILE), (obj) => {
  const packets = [
    packet(14, (i) => 3 * i + 1), // shorter than every bound but 4
    packet(60, (i) => 7 * i + 11, 40), // a zero byte at 40
    packet(200, (i) => i * i + 5), // longer than 96 bytes
    packet(64, (i) => i + 1, 0), // a zero first byte
  ];
  it('hashes the same bytes as the C says, kept or unrolled', () => {
    for (const p of packets) {
      expect(obj().run('hash_small', p).retval).toBe(hash(p, 4));
      expect(obj().run('hash_small_kept', p).retval).toBe(hash(p, 4));
      expect(obj().run('hash_large', p).retval).toBe(hash(p, 96));
      expect(obj().run('hash_large_unrolled', p).retval).toBe(hash(p, 96));
    }
  });
});
