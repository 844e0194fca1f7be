// asm goto, local labels, _Generic and __builtin_strcmp choosing a template, memory operands, more than four outputs and a naked helper call
// (test/kernel/idioms/asm_goto.c), in the kernel and in ebcc run. The programs write their
// results into the packet as little-endian u64 values; the expected values are worked out
// from the C by hand.
import { expect, it } from 'vitest';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const XDP_DROP = 1;
const XDP_PASS = 2;
const compiled = () => compileFile(`${REPO_DIR}test/kernel/idioms/asm_goto.c`);
const u64s = (b: Uint8Array, n: number) => Array.from({ length: n }, (_, k) => new DataView(b.buffer, b.byteOffset).getBigUint64(k * 8, true));
const packet = (len: number, first: number) => {
  const p = new Uint8Array(len);
  p[0] = first;
  return p;
};

it('compiles without diagnostics; each asm goto jumps from inside its template', () => {
  const out = compiled();
  expect(out.ctx.diags.list).toEqual([]);
  const insns = out.object!.functions.find((f) => f.name === 'asm_goto')!.insns;
  // The compare of the first jump_if_below is the template's own 'if rX < 64' (jlt, imm).
  expect(insns.some((i) => i.code === 0xa5 && i.imm === 64)).toBe(true);
  // may_goto (JMP | JCOND) is emitted as written, and jump_if(diff, <, 0) is the signed jslt.
  expect(insns.some((i) => i.code === 0xe5)).toBe(true);
  expect(insns.some((i) => i.code === 0xc5 && i.imm === 0)).toBe(true);
  // "call len_of" in a template is a BPF-to-BPF call relocated against the .text function.
  const naked = out.object!.functions.find((f) => f.name === 'naked_call')!;
  expect(naked.relocs).toEqual([expect.objectContaining({ insnIndex: 0, kind: 'call', symbol: 'len_of' })]);
  expect(naked.insns[0]).toMatchObject({ code: 0x85, src: 1 });
});

describeDual('asm goto and memory operands', compiled, (obj) => {
  it('takes the jump of "if %[l] < %[r] goto %l[taken]" exactly when the compare holds', () => {
    // [len < 64, len < byte 0, 100/200/300 by byte 0 (0 -> 200, 1 -> 300) + 0 + 1 + ... + (n - 1),
    //  len, byte 0 - 100 < 0 (signed), len == 64]
    expect(u64s(obj().run('asm_goto', packet(64, 10)).dataOut, 6)).toEqual([0n, 0n, 145n, 64n, 1n, 1n]);
    expect(u64s(obj().run('asm_goto', packet(48, 0)).dataOut, 6)).toEqual([1n, 0n, 200n, 48n, 1n, 0n]);
    expect(u64s(obj().run('asm_goto', packet(56, 1)).dataOut, 6)).toEqual([1n, 0n, 300n, 56n, 1n, 0n]);
    expect(u64s(obj().run('asm_goto', packet(64, 200)).dataOut, 6)).toEqual([0n, 1n, 20000n, 64n, 0n, 1n]);
    expect(obj().run('asm_goto', packet(64, 3)).retval).toBe(XDP_PASS);
  });

  it('reads and writes "m" and "+m" operands in memory, and takes five outputs', () => {
    // [a = len, b = 3 * len + 1, 1 + 2, len + 2, 4 + 5, 0]
    const r = obj().run('asm_memory', new Uint8Array(48));
    expect(r.retval).toBe(XDP_PASS);
    expect(u64s(r.dataOut, 6)).toEqual([48n, 145n, 3n, 50n, 9n, 0n]);
  });

  it('runs a naked program that loads a map with "r1 = %[map] ll" and calls a helper by "i" operand', () => {
    expect(obj().run('naked_add', new Uint8Array(60)).retval).toBe(XDP_PASS);
    expect(obj().run('naked_add', new Uint8Array(40)).retval).toBe(XDP_PASS);
    const v = obj().lookup('seen', Uint8Array.of(0, 0, 0, 0))!.value;
    expect(new DataView(v.buffer, v.byteOffset).getBigUint64(0, true)).toBe(100n);
  });

  it('calls a naked .text subprogram by name from a template ("call len_of")', () => {
    expect(obj().run('naked_call', new Uint8Array(60)).retval).toBe(XDP_PASS);
    expect(obj().run('naked_call', new Uint8Array(51)).retval).toBe(XDP_PASS);
    expect(obj().run('naked_call', new Uint8Array(50)).retval).toBe(XDP_DROP);
  });
});
