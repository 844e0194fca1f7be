// Expected bytes were assembled with clang-19 -target bpf -mcpu=v4 and checked against RFC 9669.
import { describe, expect, it } from 'vitest';
import * as a from '../../src/bpf/asm.js';
import { encodeInsns } from '../../src/bpf/encode.js';
import type { Insn } from '../../src/bpf/insn.js';

function hex(insns: Insn[]): string {
  return [...encodeInsns(insns)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

describe('asm constructors', () => {
  const cases: [string, Insn[], string][] = [
    ['r1 = *(u32 *)(r2 + 0)', [a.ldx('w', 1, 2, 0)], '61 21 00 00 00 00 00 00'],
    ['*(u16 *)(r10 - 8) = r1', [a.stx('h', 10, -8, 1)], '6b 1a f8 ff 00 00 00 00'],
    ['*(u32 *)(r10 - 4) = 0', [a.st('w', 10, -4, 0)], '62 0a fc ff 00 00 00 00'],
    ['r0 = 2', [a.movImm(0, 2)], 'b7 00 00 00 02 00 00 00'],
    ['w1 = w2', [a.mov32Reg(1, 2)], 'bc 21 00 00 00 00 00 00'],
    ['w1 = w2 via alu32Reg', [a.alu32Reg('mov', 1, 2)], 'bc 21 00 00 00 00 00 00'],
    ['r1 += 14', [a.alu64Imm('add', 1, 14)], '07 01 00 00 0e 00 00 00'],
    ['w1 &= 255', [a.alu32Imm('and', 1, 255)], '54 01 00 00 ff 00 00 00'],
    ['r1 = be16 r1', [a.endian(true, 16, 1)], 'dc 01 00 00 10 00 00 00'],
    ['if r1 > r2 goto +3', [a.jmpReg('jgt', 1, 2, 3)], '2d 21 03 00 00 00 00 00'],
    ['if w1 != 0x800 goto -2', [a.jmp32Imm('jne', 1, 0x800, -2)], '56 01 fe ff 00 08 00 00'],
    ['call 1', [a.call(1)], '85 00 00 00 01 00 00 00'],
    ['exit', [a.exit()], '95 00 00 00 00 00 00 00'],
    ['r1 = 0x123456789abcdef0 ll', a.ldImm64(1, 0x123456789abcdef0n), '18 01 00 00 f0 de bc 9a 00 00 00 00 78 56 34 12'],
    ['lock *(u32 *)(r1 + 0) += r2', [a.atomic('w', 'add', 1, 0, 2, false)], 'c3 21 00 00 00 00 00 00'],
    ['r2 = atomic_fetch_add((u64 *)(r1 + 0), r2)', [a.atomic('dw', 'add', 1, 0, 2, true)], 'db 21 00 00 01 00 00 00'],
    ['r1 = bswap16 r1', [a.bswap(16, 1)], 'd7 01 00 00 10 00 00 00'],
    ['r1 s/= r2', [a.alu64Reg('sdiv', 1, 2)], '3f 21 01 00 00 00 00 00'],
    ['r1 = (s8)r2', [a.movsx(8, 1, 2)], 'bf 21 08 00 00 00 00 00'],
    ['gotol +5', [a.gotol(5)], '06 00 00 00 05 00 00 00'],
    ['r0 = cmpxchg_64(r1 + 8, r0, r3)', [a.atomic('dw', 'cmpxchg', 1, 8, 3, true)], 'db 31 08 00 f1 00 00 00'],
    ['r1 = *(s16 *)(r2 + 6)', [a.ldxsx('h', 1, 2, 6)], '89 21 06 00 00 00 00 00'],
    ['r1 = -r1', [a.neg64(1)], '87 01 00 00 00 00 00 00'],
  ];
  for (const [name, insns, bytes] of cases) {
    it(name, () => expect(hex(insns)).toBe(bytes));
  }

  it('builds map loads and pseudo calls', () => {
    expect(a.ldMapFd(1)).toEqual([
      { code: 0x18, dst: 1, src: 1, off: 0, imm: 0 },
      { code: 0, dst: 0, src: 0, off: 0, imm: 0 },
    ]);
    expect(a.callPseudo(-7)).toEqual({ code: 0x85, dst: 0, src: 1, off: 0, imm: -7 });
    expect(a.ja(-1)).toEqual({ code: 0x05, dst: 0, src: 0, off: -1, imm: 0 });
  });

  it('wraps immediates to signed 32 bits and splits 64-bit values', () => {
    expect(a.movImm(1, 0xffffffff).imm).toBe(-1);
    expect(a.ldImm64(2, -1n).map((i) => i.imm)).toEqual([-1, -1]);
    expect(a.ldImm64(2, 0x1_0000_0000n).map((i) => i.imm)).toEqual([0, 1]);
  });
});
