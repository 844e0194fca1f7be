// A dispatcher whose tail calls differ only in their slot (test/kernel/idioms/tail_dispatch.c):
// ebcc keeps one call and moves each slot into R3 on the way to it (opt/merge-blocks.ts), as
// clang does, and each first byte still reaches its stage, in the kernel and in ebcc run.
import { expect, it } from 'vitest';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const XDP_PASS = 2;
const XDP_TX = 3;
const compiled = () => compileFile(`${REPO_DIR}test/kernel/idioms/tail_dispatch.c`);

it('keeps one tail call, reached with each slot in R3', () => {
  const out = compiled();
  expect(out.ctx.diags.list).toEqual([]);
  const insns = out.object!.functions.find((f) => f.name === 'dispatch')!.insns;
  expect(insns.filter((i) => i.code === 0x85 && i.imm === 12)).toHaveLength(1);
  const slots = insns.filter((i) => i.code === 0xb7 && i.dst === 3).map((i) => i.imm);
  expect(slots.sort()).toEqual([1, 2, 3]);
});

describeDual('a dispatcher of tail calls that differ in their slot', compiled, (obj) => {
  const run = (first: number) => {
    const pkt = new Uint8Array(64);
    pkt[0] = first;
    const r = obj().run('dispatch', pkt);
    return [r.retval, r.dataOut[1]];
  };

  it('reaches the stage each first byte names, and passes when its slot is empty', () => {
    expect(run(0x10)).toEqual([XDP_PASS, 0]);
    obj().updateProgArray('stages', 1, 'one');
    obj().updateProgArray('stages', 2, 'two');
    obj().updateProgArray('stages', 3, 'three');
    expect(run(0x10)).toEqual([XDP_TX, 0xa1]);
    expect(run(0x11)).toEqual([XDP_TX, 0xa1]);
    expect(run(0x20)).toEqual([XDP_TX, 0xa2]);
    expect(run(0x30)).toEqual([XDP_TX, 0xa3]);
    expect(run(0x40)).toEqual([XDP_PASS, 0]);
  });
});
