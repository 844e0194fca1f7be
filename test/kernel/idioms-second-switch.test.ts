// A second switch on a value the first switch already decided (opt/thread.ts, opt/branch-facts.ts):
// test/kernel/idioms/second_switch.c inlines two functions that switch on the same protocol byte.
// Each arm of the first goes straight to the matching arm of the second, and the 16-bit results
// are never compared with -1; every path still returns what the C says, in the kernel and in
// ebcc run. The expected values are worked out by hand from the C.
import { expect, it } from 'vitest';
import { disasm } from '../../src/bpf/disasm.js';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const compiled = () => compileFile(`${REPO_DIR}test/kernel/idioms/second_switch.c`);

/** proto, pad, first, second, third (u16 little-endian), padded to `sizeBytes`. */
function frame(proto: number, first: number, second: number, third: number, sizeBytes = 64): Uint8Array {
  const buf = new Uint8Array(sizeBytes);
  const v = new DataView(buf.buffer);
  v.setUint8(0, proto);
  v.setUint16(2, first, true);
  v.setUint16(4, second, true);
  v.setUint16(6, third, true);
  return buf;
}

it('tests the protocol once per value and never compares a 16-bit port with -1', () => {
  const out = compiled();
  expect(out.ctx.diags.list).toEqual([]);
  const code = disasm(out.object!.functions.find((f) => f.name === 'second_switch')!.insns);
  expect(code.filter((l) => /^if w\d+ [!=]= 0x6 /.test(l))).toHaveLength(1);
  expect(code.filter((l) => /^if w\d+ [!=]= 0x11 /.test(l))).toHaveLength(1);
  expect(code.filter((l) => /0xffffffff/.test(l))).toEqual([]);
});

describeDual('a second switch on the same protocol', compiled, (obj) => {
  const run = (pkt: Uint8Array): number => obj().run('second_switch', pkt).retval >>> 0;

  it('takes the TCP arm of both switches', () => {
    expect(run(frame(6, 5, 7, 11))).toBe(5 * 3 + 11);
    expect(run(frame(6, 0xffff, 0, 0xffff))).toBe(0xffff * 4);
  });

  it('takes the UDP arm of both switches', () => {
    expect(run(frame(17, 5, 7, 11))).toBe(7 * 3 + 5);
  });

  it('takes the default arm of both switches for any other protocol', () => {
    expect(run(frame(0, 5, 7, 11))).toBe(0);
    expect(run(frame(7, 5, 7, 11))).toBe(0);
    expect(run(frame(16, 5, 7, 11))).toBe(0);
  });
});
