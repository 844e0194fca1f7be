// Tail calls (test/kernel/idioms/tail_chain.c): bpf_tail_call_static and bpf_tail_call through a
// prog array that the test fills slot by slot, in the kernel and in ebcc run. Each stage stamps
// a byte of the packet; the expected bytes and verdicts are worked out by hand from the C.
import { expect, it } from 'vitest';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const XDP_DROP = 1;
const XDP_PASS = 2;
const XDP_TX = 3;
const compiled = () => compileFile(`${REPO_DIR}test/kernel/idioms/tail_chain.c`);
const hex = (b: Uint8Array) => Buffer.from(b.subarray(0, 4)).toString('hex');

it('loads the constant slot into R3 right before the tail call (the form the verifier turns into a direct jump)', () => {
  const out = compiled();
  expect(out.ctx.diags.list).toEqual([]);
  for (const [name, slot] of [['stage1', 2], ['stage2', 3]] as const) {
    const insns = out.object!.functions.find((f) => f.name === name)!.insns;
    const call = insns.findIndex((i) => i.code === 0x85 && i.imm === 12);
    expect(insns[call - 1]).toMatchObject({ code: 0xb7, dst: 3, imm: slot }); // r3 = slot
  }
});

describeDual('a tail-call chain through a prog array', compiled, (obj) => {
  const run = (first: number[] = []) => {
    const pkt = new Uint8Array(64);
    pkt.set(first);
    const r = obj().run('entry', pkt);
    return [r.retval, hex(r.dataOut)];
  };

  it('falls through each empty slot and jumps through each filled one', () => {
    expect(run()).toEqual([XDP_DROP, 'a0000000']);
    obj().updateProgArray('jmp', 1, 'stage1');
    expect(run()).toEqual([XDP_DROP, 'a0a10000']);
    obj().updateProgArray('jmp', 2, 'stage2');
    expect(run()).toEqual([XDP_PASS, 'a0a1a200']);
    obj().updateProgArray('jmp', 3, 'stage3');
    expect(run()).toEqual([XDP_TX, 'a0a1a2a3']);
  });

  it('jumps to a slot computed at run time', () => {
    obj().updateProgArray('jmp', 3, 'stage3');
    expect(run([0, 0xff, 3])).toEqual([XDP_TX, 'a0ff03a3']);
    // slot 9 is past the array: the tail call fails and the entry goes on to slot 1
    obj().updateProgArray('jmp', 1, 'stage1');
    obj().updateProgArray('jmp', 2, 'stage2');
    expect(run([0, 0xff, 9])).toEqual([XDP_TX, 'a0a1a2a3']);
  });
});
