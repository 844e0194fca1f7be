// Byte swaps moved past masks and tests (test/kernel/idioms/vlan_rewrite.c, opt/bswap-fold.ts):
// the object swaps no byte, and the kernel and ebcc run give the verdicts and bytes of the C.
import { expect, it } from 'vitest';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const XDP_DROP = 1;
const XDP_PASS = 2;
const XDP_TX = 3;
const compiled = () => compileFile(`${REPO_DIR}test/kernel/idioms/vlan_rewrite.c`);

it('swaps no byte: the masks and the constants are swapped instead', () => {
  const out = compiled();
  expect(out.ctx.diags.list).toEqual([]);
  const insns = out.object!.functions.find((f) => f.name === 'rewrite')!.insns;
  expect(insns.filter((i) => (i.code & 0x07) === 0x04 && (i.code & 0xf0) === 0xd0)).toEqual([]); // BPF_END
});

describeDual('a VLAN id tested and rewritten through bpf_ntohs and bpf_htons', compiled, (obj) => {
  const frame = (type: number, tci: number) => {
    const f = new Uint8Array(64);
    f.set([type >> 8, type & 0xff, tci >> 8, tci & 0xff, 0x08, 0x00], 12);
    return f;
  };
  const run = (type: number, tci: number) => {
    const r = obj().run('rewrite', frame(type, tci));
    return [r.retval, (r.dataOut[14]! << 8) | r.dataOut[15]!];
  };

  it('rewrites the id 4011 to 0x123 keeping the priority bits, and drops other ids', () => {
    expect(run(0x8100, 0xafab)).toEqual([XDP_TX, 0xa123]);
    expect(run(0x8100, 0x0fab)).toEqual([XDP_TX, 0x0123]);
    expect(run(0x8100, 0xafaa)).toEqual([XDP_DROP, 0xafaa]);
    expect(run(0x8100, 0xabf0)).toEqual([XDP_DROP, 0xabf0]);
    expect(run(0x0800, 0x0fab)).toEqual([XDP_PASS, 0x0fab]);
  });
});
