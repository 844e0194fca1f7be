import { describe, expect, it } from 'vitest';
import { decodeInsns, encodeInsns } from '../../src/bpf/encode.js';
import type { Insn } from '../../src/bpf/insn.js';
import { COND_JMP_OPS, formByMnemonic, formOf, OPCODE_CALL, OPCODE_LD_IMM64, opcodeForms, PSEUDO_CALL, PSEUDO_LD_IMM64 } from '../../src/bpf/opcodes.js';
import { evalCmp } from '../../src/ir/eval.js';
import { negatedCmp, swappedCmp, type CmpOp } from '../../src/ir/ir.js';

/** A sample instance of a form, with non-trivial operands wherever they are free. */
function sample(mnemonic: string): Insn[] {
  const f = formByMnemonic(mnemonic);
  const insn: Insn = { code: f.code, dst: 3, src: 7, off: f.off ?? -12, imm: f.imm ?? -123456 };
  return f.slots === 2 ? [insn, { code: 0, dst: 0, src: 0, off: 0, imm: 0x7654321 }] : [insn];
}

describe('opcode table', () => {
  it('has unique mnemonics and distinguishable forms', () => {
    const forms = opcodeForms();
    expect(new Set(forms.map((f) => f.mnemonic)).size).toBe(forms.length);
    for (const f of forms) {
      const [insn] = sample(f.mnemonic);
      expect(formOf(insn!)?.mnemonic).toBe(f.mnemonic);
    }
  });

  it('round-trips every form through encode/decode', () => {
    for (const f of opcodeForms()) {
      const insns = sample(f.mnemonic);
      const bytes = encodeInsns(insns);
      expect(bytes.length).toBe(8 * f.slots);
      expect(decodeInsns(bytes)).toEqual(insns);
    }
  });

  it('knows the opcode bytes of the RFC', () => {
    const codes: Record<string, number> = {
      add64_imm: 0x07, add64_reg: 0x0f, add32_imm: 0x04, mov64_imm: 0xb7, mov64_reg: 0xbf, mov32_reg: 0xbc,
      ldxw: 0x61, ldxh: 0x69, ldxb: 0x71, ldxdw: 0x79, ldxsh: 0x89, stxh: 0x6b, stw: 0x62, stxdw: 0x7b,
      lddw: 0x18, ldabsh: 0x28, ldindb: 0x50, be16: 0xdc, le32: 0xd4, bswap16: 0xd7,
      jeq_imm: 0x15, jgt_reg: 0x2d, jne32_imm: 0x56, jslt_reg: 0xcd, ja: 0x05, gotol: 0x06,
      call: 0x85, exit: 0x95, lock_add32: 0xc3, lock_fetch_add64: 0xdb, neg64: 0x87, arsh64_imm: 0xc7,
    };
    for (const [m, code] of Object.entries(codes)) expect([m, formByMnemonic(m).code]).toEqual([m, code]);
  });

  it('tells div from sdiv and mov from movsx by off, atomics by imm', () => {
    expect(formOf({ code: 0x3f, off: 0, imm: 0 })?.mnemonic).toBe('div64_reg');
    expect(formOf({ code: 0x3f, off: 1, imm: 0 })?.mnemonic).toBe('sdiv64_reg');
    expect(formOf({ code: 0x3f, off: 2, imm: 0 })).toBeUndefined();
    expect(formOf({ code: 0xbf, off: 16, imm: 0 })?.mnemonic).toBe('movsx64_16');
    expect(formOf({ code: 0xbc, off: 32, imm: 0 })).toBeUndefined();
    expect(formOf({ code: 0xdb, off: 0, imm: 0xe1 })?.mnemonic).toBe('xchg64');
    expect(formOf({ code: 0xc3, off: 0, imm: 0x51 })?.mnemonic).toBe('lock_fetch_and32');
    expect(formOf({ code: 0xdc, off: 0, imm: 24 })).toBeUndefined();
    expect(formOf({ code: 0x8d, off: 0, imm: 0 })).toBeUndefined(); // no call with X source
    expect(formOf({ code: 0x96, off: 0, imm: 0 })).toBeUndefined(); // no exit in JMP32
  });

  it('records the -mcpu level of each form', () => {
    const cpu = (m: string): number => formByMnemonic(m).minCpu;
    // 32-bit ALU and store-immediate are in every kernel (ebcc uses them at every level).
    expect([cpu('add64_imm'), cpu('jeq_imm'), cpu('lock_add64'), cpu('be16'), cpu('ldxw'), cpu('add32_imm'), cpu('stw')]).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect([cpu('jlt_imm'), cpu('jle_reg'), cpu('jslt_imm'), cpu('jsle_reg')]).toEqual([2, 2, 2, 2]);
    expect([cpu('jeq32_imm'), cpu('jlt32_reg'), cpu('lock_fetch_add64'), cpu('cmpxchg32')]).toEqual([3, 3, 3, 3]);
    expect([cpu('sdiv64_imm'), cpu('smod32_reg'), cpu('movsx64_8'), cpu('ldxsb'), cpu('bswap64'), cpu('gotol')]).toEqual([4, 4, 4, 4, 4, 4]);
  });

  it('swaps and negates each conditional jump in one table that agrees with what the jumps compute', () => {
    const values = [0n, 1n, 2n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 1n << 63n, (1n << 64n) - 1n];
    const cmps = COND_JMP_OPS.map((op) => op.slice(1) as CmpOp);
    for (const cmp of cmps) {
      for (const bits of [32, 64] as const) {
        for (const a of values) {
          for (const b of values) {
            expect(evalCmp(swappedCmp(cmp), bits, b, a), `${cmp}${bits} ${a} ${b}`).toBe(evalCmp(cmp, bits, a, b));
            const n = negatedCmp(cmp);
            if (n) expect(evalCmp(n, bits, a, b), `!${cmp}${bits} ${a} ${b}`).toBe(!evalCmp(cmp, bits, a, b));
          }
        }
      }
    }
    expect(cmps.filter((c) => !negatedCmp(c))).toEqual(['set']);
  });

  it('has the pseudo src_reg values of linux/bpf.h', () => {
    expect(PSEUDO_LD_IMM64).toEqual({ mapFd: 1, mapValue: 2, btfId: 3, func: 4, mapIdx: 5, mapIdxValue: 6 });
    expect(PSEUDO_CALL).toEqual({ call: 1, kfuncCall: 2 });
    expect([OPCODE_LD_IMM64, OPCODE_CALL]).toEqual([0x18, 0x85]);
  });
});

describe('encode', () => {
  it('packs registers into nibbles, little endian', () => {
    const bytes = encodeInsns([{ code: 0x6b, dst: 10, src: 1, off: -8, imm: 0 }]);
    expect([...bytes]).toEqual([0x6b, 0x1a, 0xf8, 0xff, 0, 0, 0, 0]);
    expect(decodeInsns(new Uint8Array([0x18, 0x01, 0, 0, 0xf0, 0xde, 0xbc, 0x9a]))).toEqual([
      { code: 0x18, dst: 1, src: 0, off: 0, imm: 0x9abcdef0 | 0 },
    ]);
  });
});
