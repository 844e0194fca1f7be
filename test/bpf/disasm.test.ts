// Expected strings follow the kernel verifier log (kernel/bpf/disasm.c format).
import { describe, expect, it } from 'vitest';
import * as a from '../../src/bpf/asm.js';
import { disasm, disasmInsn } from '../../src/bpf/disasm.js';
import type { Insn } from '../../src/bpf/insn.js';

function text(insns: Insn[] | Insn): string {
  const list = Array.isArray(insns) ? insns : [insns];
  return disasmInsn(list, 0).text;
}

describe('disasm: kernel log syntax', () => {
  const cases: [Insn[] | Insn, string][] = [
    // ALU64 / ALU
    [a.movImm(0, 2), 'r0 = 2'],
    [a.movImm(3, -1), 'r3 = -1'],
    [a.movReg(6, 1), 'r6 = r1'],
    [a.mov32Reg(1, 2), 'w1 = w2'],
    [a.mov32Imm(0, 0), 'w0 = 0'],
    [a.alu64Imm('add', 1, 14), 'r1 += 14'],
    [a.alu64Imm('add', 10, -8), 'r10 += -8'],
    [a.alu32Imm('and', 1, 255), 'w1 &= 255'],
    [a.alu64Reg('sub', 1, 2), 'r1 -= r2'],
    [a.alu64Imm('mul', 1, 3), 'r1 *= 3'],
    [a.alu64Reg('div', 1, 2), 'r1 /= r2'],
    [a.alu64Reg('sdiv', 1, 2), 'r1 s/= r2'],
    [a.alu32Imm('smod', 1, 7), 'w1 s%= 7'],
    [a.alu64Imm('mod', 1, 7), 'r1 %= 7'],
    [a.alu64Reg('or', 1, 2), 'r1 |= r2'],
    [a.alu64Imm('xor', 1, 1), 'r1 ^= 1'],
    [a.alu64Imm('lsh', 1, 32), 'r1 <<= 32'],
    [a.alu64Imm('rsh', 1, 32), 'r1 >>= 32'],
    [a.alu64Imm('arsh', 1, 56), 'r1 s>>= 56'],
    [a.alu32Reg('arsh', 1, 2), 'w1 s>>= w2'],
    [a.movsx(8, 1, 2), 'r1 = (s8)r2'],
    [a.movsx(32, 1, 2), 'r1 = (s32)r2'],
    [a.movsx(16, 1, 2, false), 'w1 = (s16)w2'],
    [a.neg64(1), 'r1 = -r1'],
    [a.neg32(4), 'w4 = -w4'],
    [a.endian(true, 16, 1), 'r1 = be16 r1'],
    [a.endian(false, 64, 2), 'r2 = le64 r2'],
    [a.bswap(32, 1), 'r1 = bswap32 r1'],
    // memory
    [a.ldx('w', 1, 2, 0), 'r1 = *(u32 *)(r2 +0)'],
    [a.ldx('dw', 0, 10, -16), 'r0 = *(u64 *)(r10 -16)'],
    [a.ldx('b', 3, 1, 14), 'r3 = *(u8 *)(r1 +14)'],
    [a.ldxsx('h', 1, 2, 6), 'r1 = *(s16 *)(r2 +6)'],
    [a.stx('h', 10, -8, 1), '*(u16 *)(r10 -8) = r1'],
    [a.st('w', 10, -4, 0), '*(u32 *)(r10 -4) = 0'],
    [a.st('dw', 10, -8, -1), '*(u64 *)(r10 -8) = -1'],
    [a.ldAbs('h', 12), 'r0 = *(u16 *)skb[12]'],
    [a.ldInd('b', 7, 3), 'r0 = *(u8 *)skb[r7 + 3]'],
    // atomics
    [a.atomic('w', 'add', 1, 0, 2, false), 'lock *(u32 *)(r1 +0) += r2'],
    [a.atomic('dw', 'or', 1, 8, 2, false), 'lock *(u64 *)(r1 +8) |= r2'],
    [a.atomic('dw', 'and', 1, 0, 2, false), 'lock *(u64 *)(r1 +0) &= r2'],
    [a.atomic('w', 'xor', 1, -4, 2, false), 'lock *(u32 *)(r1 -4) ^= r2'],
    [a.atomic('dw', 'add', 1, 0, 2, true), 'r2 = atomic64_fetch_add((u64 *)(r1 +0), r2)'],
    [a.atomic('w', 'xor', 1, 0, 3, true), 'r3 = atomic_fetch_xor((u32 *)(r1 +0), r3)'],
    [a.atomic('dw', 'xchg', 1, 0, 2, true), 'r2 = atomic64_xchg((u64 *)(r1 +0), r2)'],
    [a.atomic('w', 'cmpxchg', 1, 8, 3, true), 'r0 = atomic_cmpxchg((u32 *)(r1 +8), r0, r3)'],
    // jumps
    [a.jmpReg('jgt', 1, 2, 3), 'if r1 > r2 goto pc+3'],
    [a.jmp32Imm('jne', 1, 0x800, -2), 'if w1 != 0x800 goto pc-2'],
    [a.jmpImm('jeq', 1, 1, 5), 'if r1 == 0x1 goto pc+5'],
    [a.jmpImm('jeq', 0, 0, 1), 'if r0 == 0x0 goto pc+1'],
    [a.jmpImm('jsgt', 1, -1, 0), 'if r1 s> 0xffffffff goto pc+0'],
    [a.jmpImm('jset', 1, 4, 2), 'if r1 & 0x4 goto pc+2'],
    [a.jmpReg('jge', 1, 2, 1), 'if r1 >= r2 goto pc+1'],
    [a.jmpReg('jlt', 1, 2, 1), 'if r1 < r2 goto pc+1'],
    [a.jmpReg('jle', 1, 2, 1), 'if r1 <= r2 goto pc+1'],
    [a.jmp32Reg('jsge', 1, 2, 1), 'if w1 s>= w2 goto pc+1'],
    [a.jmpImm('jslt', 1, 0, 1), 'if r1 s< 0x0 goto pc+1'],
    [a.jmpImm('jsle', 1, 0, 1), 'if r1 s<= 0x0 goto pc+1'],
    [a.ja(1), 'goto pc+1'],
    [a.ja(-4), 'goto pc-4'],
    [a.gotol(70000), 'gotol pc+70000'],
    [a.call(1), 'call bpf_map_lookup_elem#1'],
    [a.call(51), 'call bpf_redirect_map#51'],
    [a.call(9999), 'call unknown#9999'],
    [a.callPseudo(5), 'call pc+5'],
    [a.callPseudo(-3), 'call pc-3'],
    [a.exit(), 'exit'],
    // ld_imm64
    [a.ldImm64(1, 0x1234n), 'r1 = 0x1234'],
    [a.ldImm64(2, 0x123456789abcdef0n), 'r2 = 0x123456789abcdef0'],
    [a.ldImm64(2, -1n), 'r2 = 0xffffffffffffffff'],
    [a.ldMapFd(1), 'r1 = 0x0'],
  ];
  for (const [insns, expected] of cases) {
    it(expected, () => expect(text(insns)).toBe(expected));
  }

  it('reports invalid encodings instead of throwing', () => {
    expect(text({ code: 0x8d, dst: 0, src: 0, off: 0, imm: 0 })).toBe('invalid insn 0x8d');
  });

  it('prints opcodes, symbols, and the ll suffix on request', () => {
    expect(disasmInsn([a.movReg(6, 1)], 0, { showCode: true }).text).toBe('(bf) r6 = r1');
    const load = a.ldMapFd(1);
    expect(disasmInsn(load, 0, { symbolAt: (i) => (i === 0 ? 'map[id:5]' : undefined) })).toEqual({
      text: 'r1 = map[id:5]',
      slots: 2,
    });
    expect(disasmInsn(a.ldImm64(3, 16n), 0, { llSuffix: true }).text).toBe('r3 = 0x10 ll');
  });

  it('disassembles a program, one line per instruction', () => {
    const prog = [a.movReg(6, 1), ...a.ldMapFd(1), a.call(1), a.jmpImm('jeq', 0, 0, 1), a.movImm(0, 2), a.exit()];
    expect(disasm(prog, { numbered: true, showCode: true })).toEqual([
      '0: (bf) r6 = r1',
      '1: (18) r1 = 0x0',
      '3: (85) call bpf_map_lookup_elem#1',
      '4: (15) if r0 == 0x0 goto pc+1',
      '5: (b7) r0 = 2',
      '6: (95) exit',
    ]);
  });
});
