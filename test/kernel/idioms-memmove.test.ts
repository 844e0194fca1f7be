// An overlapping memmove with a known distance (test/kernel/idioms/memmove_overlap.c) is copied
// chunk by chunk in the direction that reads each byte before it is overwritten, with no byte
// kept on the stack (ir/memory.ts), in the kernel and in ebcc run.
import { expect, it } from 'vitest';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const XDP_TX = 3;
const compiled = () => compileFile(`${REPO_DIR}test/kernel/idioms/memmove_overlap.c`);

it('keeps nothing on the stack', () => {
  const out = compiled();
  expect(out.ctx.diags.list).toEqual([]);
  const insns = out.object!.functions.find((f) => f.name === 'shift')!.insns;
  expect(insns.filter((i) => i.dst === 10 || i.src === 10)).toEqual([]);
});

describeDual('an overlapping memmove in a packet', compiled, (obj) => {
  const run = (first: number) => {
    const pkt = Uint8Array.from({ length: 24 }, (_, i) => (i === 0 ? first : 0x10 + i));
    const r = obj().run('shift', pkt);
    return [r.retval, [...r.dataOut.subarray(0, 20)]];
  };
  const ref = (first: number, to: number, from: number) => {
    const pkt = Uint8Array.from({ length: 24 }, (_, i) => (i === 0 ? first : 0x10 + i));
    pkt.copyWithin(to, from, from + 12);
    return [XDP_TX, [...pkt.subarray(0, 20)]];
  };

  it('moves 12 bytes 4 bytes on, and 4 bytes back', () => {
    expect(run(1)).toEqual(ref(1, 4, 0));
    expect(run(2)).toEqual(ref(2, 1, 5));
  });
});
