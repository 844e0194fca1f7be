// Buffers read through a dynptr share stack bytes (test/kernel/idioms/dynptr_buffers.c): only the
// dynptr, which the dynptr helpers keep, keeps bytes of its own; bpf_dynptr_read's destinations
// are used during the call only, like any helper's memory argument. Four 200-byte windows then fit
// in the 512-byte frame. ebcc run does not model dynptrs, so this test runs in the kernel only;
// the sums are worked out by hand from the C.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { describeKernel, kernelIt, loadObjectBytes, lookupMap, runProgram, updateMap, type LoadedObject } from './harness.js';
import { readU64LE, u32LE } from './maps.js';

const compiled = () => compileFile(`${REPO_DIR}test/kernel/idioms/dynptr_buffers.c`);

it('builds into a frame of at most 512 bytes', () => {
  // If each window kept its own bytes, the frame would need 4 * 200 + 32 bytes: E5010.
  const out = compiled();
  expect(out.ctx.diags.list).toEqual([]);
  expect(out.elf).toBeDefined();
});

describeKernel('dynptr read destinations sharing stack bytes', () => {
  let obj: LoadedObject;
  beforeAll(() => {
    obj = loadObjectBytes(compiled().elf!);
    expect(obj.ok, obj.log).toBe(true);
  });
  afterAll(() => obj?.cleanup());

  kernelIt('sums each window of the map value, and 0 for the window past its end', () => {
    updateMap(obj.map('source').pinPath, u32LE(0), Uint8Array.from({ length: 256 }, (_, k) => k));
    expect(runProgram(obj.prog('dynptr_buffers').pinPath, new Uint8Array(64)).retval).toBe(1);
    const sum = (k: number) => readU64LE(lookupMap(obj.map('sums').pinPath, u32LE(k))!.value);
    // Bytes off .. off + 199 hold off .. off + 199: 200 * off + (0 + 1 + ... + 199) = 200 * off + 19900.
    expect([0, 1, 2, 3].map(sum)).toEqual([19900n, 200n * 16n + 19900n, 200n * 56n + 19900n, 0n]);
  });
});
