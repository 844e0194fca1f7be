// Store-to-load forwarding on stack slots (opt/forward-stores.ts), on
// test/kernel/idioms/stored_key.c: the key's test after its store folds away, the load after a
// call that writes the key stays, and the program counts and returns what the C says, in the
// kernel and in ebcc run.
import { expect, it } from 'vitest';
import { disasm } from '../../src/bpf/disasm.js';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { describeDual } from '../run/dual.js';
import { readU64LE, u32LE } from './harness.js';

const compiled = () => compileFile(`${REPO_DIR}test/kernel/idioms/stored_key.c`);

it('reads the stored key as a constant before the lookup, and from the stack after the call that writes it', () => {
  const out = compiled();
  expect(out.ctx.diags.list).toEqual([]);
  const code = disasm(out.object!.functions.find((f) => f.name === 'stored_key')!.insns);
  const stackLoads = code.map((l, k) => [l, k] as const).filter(([l]) => /= \*\(u32 \*\)\(r10 /.test(l));
  const setKey = code.findIndex((l) => /^call pc/.test(l)); // the BPF-to-BPF call of set_key
  expect(code.some((l) => /^if .* 0x4 goto/.test(l))).toBe(false); // key >= 4 folded
  expect(setKey).toBeGreaterThan(0);
  expect(stackLoads.map(([, k]) => k > setKey)).toEqual([true]); // the one load follows the call
});

describeDual('stored key', compiled, (obj) => {
  it('counts under key 2 and returns the key the call wrote', () => {
    const pkt = new Uint8Array(64);
    expect(obj().run('stored_key', pkt).retval).toBe(3);
    expect(obj().run('stored_key', pkt).retval).toBe(3);
    expect(readU64LE(obj().lookup('hits', u32LE(2))!.value)).toBe(2n);
    expect(readU64LE(obj().lookup('hits', u32LE(3))!.value)).toBe(0n);
  });
});
