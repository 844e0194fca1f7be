// Identical blocks merged (opt/merge-blocks.ts): test/kernel/idioms/twin_blocks.c inlines the same
// function in two switch arms. Its code appears once, the arm with another constant keeps its own
// copy, and every arm still returns what the C says, in the kernel and in ebcc run. The expected
// values are worked out by hand from the C.
import { expect, it } from 'vitest';
import { disasm } from '../../src/bpf/disasm.js';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const compiled = () => compileFile(`${REPO_DIR}test/kernel/idioms/twin_blocks.c`);

/** kind, len, a (u16), b, c (u32), little-endian as the program reads them, padded to 64 bytes. */
function rec(kind: number, len: number, a: number, b: number, c: number): Uint8Array {
  const buf = new Uint8Array(64);
  const v = new DataView(buf.buffer);
  v.setUint8(0, kind);
  v.setUint8(1, len);
  v.setUint16(2, a, true);
  v.setUint32(4, b, true);
  v.setUint32(8, c, true);
  return buf;
}

it('keeps one copy of the twin arms and a separate one for the arm with another constant', () => {
  const out = compiled();
  expect(out.ctx.diags.list).toEqual([]);
  const code = disasm(out.object!.functions.find((f) => f.name === 'twin_blocks')!.insns);
  expect(code.filter((l) => /\^=/.test(l))).toHaveLength(2); // one xor for k = 3, one for k = 5
  expect(code.filter((l) => /\*= 3$/.test(l))).toHaveLength(1);
  expect(code.filter((l) => /\*= 5$/.test(l))).toHaveLength(1);
});

describeDual('twin blocks', compiled, (obj) => {
  const run = (pkt: Uint8Array): number => obj().run('twin_blocks', pkt).retval >>> 0;

  it('computes (b ^ c) + a * 3 through the merged copy, from either arm', () => {
    expect(run(rec(1, 11, 5, 0xf0, 0x0f))).toBe(0xff + 15);
    expect(run(rec(2, 0, 5, 0xf0, 0x0f))).toBe(0xff + 15);
    expect(run(rec(2, 0, 0xffff, 0xffffffff, 0))).toBe((0xffffffff + 0xffff * 3) % 2 ** 32);
  });

  it('takes the other arms as before: a short record of kind 1, kind 3 with a * 5, other kinds', () => {
    expect(run(rec(1, 10, 5, 0xf0, 0x0f))).toBe(7);
    expect(run(rec(3, 0, 5, 0xf0, 0x0f))).toBe(0xff + 25);
    expect(run(rec(9, 0, 5, 0xf0, 0x0f))).toBe(0);
  });
});

const slotsCompiled = () => compileFile(`${REPO_DIR}test/kernel/idioms/twin_slots.c`);

it('keeps one copy of inlined code whose copies differ only in their own stack slots', () => {
  const out = slotsCompiled();
  expect(out.ctx.diags.list).toEqual([]);
  const code = disasm(out.object!.functions.find((f) => f.name === 'twin_slots')!.insns);
  expect(code.filter((l) => /call bpf_map_update_elem/.test(l))).toHaveLength(2); // key 2 once, key 3 once
});

describeDual('twin blocks with their own stack slots', slotsCompiled, (obj) => {
  const u32 = (n: number) => Uint8Array.of(n, 0, 0, 0);
  const len = (key: number): number | undefined => {
    const e = obj().lookup('seen_len', u32(key));
    return e && new DataView(e.value.buffer, e.value.byteOffset).getUint32(0, true);
  };
  const frame = (a: number, b: number, sizeBytes: number) => {
    const buf = new Uint8Array(sizeBytes);
    buf[0] = a;
    buf[1] = b;
    return buf;
  };

  it('records the length under the key each return names, through the shared copy or its own', () => {
    expect(obj().run('twin_slots', frame(1, 0, 60)).retval).toBe(1);
    expect(len(2)).toBe(60);
    expect(obj().run('twin_slots', frame(0, 1, 70)).retval).toBe(1);
    expect(len(2)).toBe(70);
    expect(obj().run('twin_slots', frame(3, 0, 80)).retval).toBe(1);
    expect(len(3)).toBe(80);
    expect(obj().run('twin_slots', frame(0, 0, 90)).retval).toBe(0);
    expect([len(2), len(3), len(0)]).toEqual([70, 80, 0]);
  });
});
