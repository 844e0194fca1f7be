// A map key narrower than 8 bytes that the frame puts in a word a dead struct used (the lookup
// key struct before it, test/kernel/idioms/key_words.c): its store writes the whole word, so the
// kernel's stack liveness, which counts a word as written only by an 8-byte store, does not keep
// the struct's last bytes alive until the helper reads the key (codegen/frame.ts wordStore). The
// program still counts each packet under the slot its addresses map to, in the kernel and in
// ebcc run; expected values are worked out from the C.
import { expect, it } from 'vitest';
import { disasm } from '../../src/bpf/disasm.js';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { describeDual } from '../run/dual.js';
import { u32LE } from './maps.js';

const PATH = `${REPO_DIR}test/kernel/idioms/key_words.c`;
const compiled = () => compileFile(PATH);
const XDP_PASS = 2;
const XDP_DROP = 1;

function words(...vals: number[]): Uint8Array {
  const b = Buffer.alloc(64);
  vals.forEach((v, i) => b.writeUInt32LE(v >>> 0, i * 4));
  return new Uint8Array(b);
}

/** struct addr_key: addr[4], port, proto, one byte of padding (20 bytes). */
function key(addr: number[], port: number, proto: number): Uint8Array {
  const b = Buffer.alloc(20);
  addr.forEach((a, i) => b.writeUInt32LE(a >>> 0, i * 4));
  b.writeUInt16LE(port, 16);
  b.writeUInt8(proto, 18);
  return new Uint8Array(b);
}

it('stores the slot number into its whole word, the struct key\'s last one', () => {
  const out = compiled();
  expect(out.ctx.diags.list).toEqual([]);
  const code = disasm(out.object!.functions[0]!.insns);
  // The struct's last word holds port and proto; the slot read from the map goes there whole.
  const portStore = code.find((l) => /^\*\(u16 \*\)\(r10 -(\d+)\) = r\d$/.test(l))!;
  const word = /-(\d+)\)/.exec(portStore)![1];
  expect(code.filter((l) => new RegExp(`^\\*\\(u64 \\*\\)\\(r10 -${word}\\) = r\\d$`).test(l))).toHaveLength(1);
  expect(code.filter((l) => new RegExp(`^\\*\\(u32 \\*\\)\\(r10 -${word}\\) = r\\d$`).test(l))).toEqual([]);
});

describeDual('a narrow key in a dead struct\'s word', compiled, (obj) => {
  it('counts each packet under the slot of its addresses', () => {
    obj().update('slots', key([0x11111111, 0x22222222, 0, 0], 0x5050, 6), u32LE(3));
    obj().update('slots', key([0x11111111, 0, 0, 0], 0x5050, 17), u32LE(5));
    const count = (k: number) => Buffer.from(obj().lookup('counts', u32LE(k))!.value).readBigUInt64LE(0);
    expect(obj().run('count_by_slot', words(0x11111111, 1, 0x22222222, 0x5050, 6)).retval).toBe(XDP_DROP);
    expect(obj().run('count_by_slot', words(0x11111111, 1, 0x22222222, 0x5050, 6)).retval).toBe(XDP_DROP);
    // an even second word leaves addr[1] 0: the other entry
    expect(obj().run('count_by_slot', words(0x11111111, 2, 0x22222222, 0x5050, 17)).retval).toBe(XDP_DROP);
    // no entry
    expect(obj().run('count_by_slot', words(0x11111111, 2, 0x22222222, 0x5050, 6)).retval).toBe(XDP_PASS);
    expect([3, 5, 0].map(count)).toEqual([2n, 1n, 0n]);
  });
});
