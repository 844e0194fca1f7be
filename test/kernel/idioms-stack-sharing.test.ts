// A program whose locals fit in the 512 bytes of BPF stack only when those whose contents are
// never needed at the same time share their bytes (test/kernel/idioms/stack_sharing.c): it
// compiles, loads, and computes the sums worked out from the C on a packet whose byte k is k.
import { expect, it } from 'vitest';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { describeDual } from '../run/dual.js';
import { u32LE } from './maps.js';

const XDP_ABORTED = 0;
const XDP_PASS = 2;
const PATH = `${REPO_DIR}test/kernel/idioms/stack_sharing.c`;

const packet = (length: number) => Uint8Array.from({ length }, (_, k) => k & 0xff);
const u64 = (b: Uint8Array | undefined) => (b ? Buffer.from(b).readBigUInt64LE(0) : undefined);

it('compiles at both -O levels into a frame of at most 512 bytes', () => {
  for (const optLevel of [0, 2] as const) {
    const out = compileFile(PATH, { optLevel });
    // Without sharing, the buffers alone need 4 * 160 + 3 * 64 = 832 bytes: E5010.
    expect(out.text).toBe('');
  }
});

describeDual('stack slots shared by lifetime', () => compileFile(PATH), (obj) => {
  it('sums each window into its own result', () => {
    expect(obj().run('stack_sharing', packet(256)).retval).toBe(XDP_PASS);
    const value = (k: number) => u64(obj().lookup('results', u32LE(k))?.value);
    // Bytes p .. p + 159: 160 * p + (0 + 1 + ... + 159) = 160 * p + 12720.
    expect(value(0)).toBe(12720n);
    expect(value(1)).toBe(160n * 32n + 12720n);
    expect(value(2)).toBe(160n * 64n + 12720n);
    expect(value(3)).toBe(160n * 96n + 12720n);
    // high[i] - low[i] = (64 + i) - i for each of the 64 bytes.
    expect(value(4)).toBe(64n * 64n);
    // Bytes 128 .. 191: 64 * 128 + (0 + 1 + ... + 63) = 8192 + 2016.
    expect(value(5)).toBe(10208n);
  });

  it('leaves a result 0 when its window runs past the end of the packet', () => {
    // 200 bytes: windows at 0 and 32 fit, those at 64 and 96 do not; the 64-byte windows fit.
    expect(obj().run('stack_sharing', packet(200)).retval).toBe(XDP_PASS);
    const value = (k: number) => u64(obj().lookup('results', u32LE(k))?.value);
    expect(value(0)).toBe(12720n);
    expect(value(1)).toBe(160n * 32n + 12720n);
    expect(value(2)).toBe(0n);
    expect(value(3)).toBe(0n);
    expect(value(4)).toBe(4096n);
    expect(value(5)).toBe(10208n);
    expect(obj().run('stack_sharing', packet(100)).retval).toBe(XDP_ABORTED);
  });
});
