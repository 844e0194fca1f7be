// The text assembler: every opcode form round-trips through the disassembler, LLVM's spellings
// assemble to the same bytes as the kernel log's, and bad lines are reported with their position.
import { describe, expect, it } from 'vitest';
import * as a from '../../src/bpf/asm.js';
import { assemble } from '../../src/bpf/assemble.js';
import { disasm } from '../../src/bpf/disasm.js';
import { encodeInsns } from '../../src/bpf/encode.js';
import type { Insn } from '../../src/bpf/insn.js';
import { opcodeForms, PSEUDO_CALL, type OpcodeForm } from '../../src/bpf/opcodes.js';

function hex(insns: readonly Insn[]): string {
  return [...encodeInsns(insns)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

function ok(text: string): Insn[] {
  const out = assemble(text);
  expect(out.errors).toEqual([]);
  return out.insns;
}

const IMMS = [0, 1, -1, 0x7fffffff, -0x80000000, 255];
const OFFS = [0, 1, -1, 32767, -32768];

/** Valid instances of a form with boundary operands (every field the form leaves free). */
function instances(f: OpcodeForm): Insn[][] {
  const out: Insn[][] = [];
  const one = (dst: number, src: number, off: number, imm: number): void => {
    out.push([{ code: f.code, dst, src, off: f.off ?? off, imm: f.imm ?? imm }]);
  };
  switch (f.kind) {
    case 'alu':
      if (f.source === 'k') for (const imm of IMMS) one(3, 0, 0, imm);
      else for (const [d, s] of [[0, 9], [9, 10], [5, 5]] as const) one(d, s, 0, 0);
      break;
    case 'neg':
    case 'endian':
    case 'bswap':
      one(0, 0, 0, 0);
      one(9, 0, 0, 0);
      break;
    case 'ld_imm64':
      for (const [lo, hi] of [[0, 0], [-1, -1], [0x12345678, 0x7abcdef0], [-0x80000000, 0]] as const) {
        out.push([{ code: f.code, dst: 4, src: 0, off: 0, imm: lo }, { code: 0, dst: 0, src: 0, off: 0, imm: hi }]);
      }
      break;
    case 'ld_abs':
      for (const imm of [0, 12, 0x7fffffff, -4]) one(0, 0, 0, imm);
      break;
    case 'ld_ind':
      for (const imm of [0, 12, -4]) one(0, 7, 0, imm);
      break;
    case 'ldx':
    case 'ldsx':
    case 'stx':
      for (const off of OFFS) one(1, 10, off, 0);
      one(10, 0, -8, 0);
      break;
    case 'st':
      for (const off of OFFS) for (const imm of [0, -1, 0x7fffffff]) one(10, 0, off, imm);
      break;
    case 'atomic':
      for (const off of [0, -8, 32767]) one(1, 2, off, 0);
      break;
    case 'jcond':
      if (f.source === 'k') for (const off of OFFS) for (const imm of IMMS) one(2, 0, off, imm);
      else for (const off of OFFS) one(2, 8, off, 0);
      break;
    case 'ja':
    case 'may_goto':
      for (const off of OFFS) one(0, 0, off, 0);
      break;
    case 'gotol':
      for (const imm of IMMS) one(0, 0, 0, imm);
      break;
    case 'call':
      for (const id of [1, 12, 211]) one(0, 0, 0, id);
      for (const imm of [-1, 7, -30000]) one(0, PSEUDO_CALL.call, 0, imm);
      one(0, PSEUDO_CALL.kfuncCall, 0, 12345);
      break;
    case 'exit':
      one(0, 0, 0, 0);
      break;
  }
  return out;
}

describe('assemble(disasm(x)) === x for every opcode form', () => {
  for (const f of opcodeForms()) {
    it(f.mnemonic, () => {
      const cases = instances(f);
      expect(cases.length).toBeGreaterThan(0);
      for (const insns of cases) {
        const text = disasm(insns).join('\n');
        const out = assemble(text);
        expect(out.errors, text).toEqual([]);
        expect(hex(out.insns), text).toBe(hex(insns));
      }
    });
  }
});

describe('LLVM spellings and the kernel log prefixes', () => {
  const cases: [string, Insn[]][] = [
    ['r1 = *(u32 *)(r2 + 0)', [a.ldx('w', 1, 2, 0)]],
    ['*(u16 *)(r10 - 8) = r1', [a.stx('h', 10, -8, 1)]],
    ['*(u32 *)(r10 - 4) = 0', [a.st('w', 10, -4, 0)]],
    ['r0 = 2', [a.movImm(0, 2)]],
    ['if r1 > r2 goto +3', [a.jmpReg('jgt', 1, 2, 3)]],
    ['if w1 != 0x800 goto -2', [a.jmp32Imm('jne', 1, 0x800, -2)]],
    ['call 1', [a.call(1)]],
    ['call bpf_map_lookup_elem', [a.call(1)]],
    ['call map_lookup_elem', [a.call(1)]],
    ['r1 = 5 ll', a.ldImm64(1, 5n)],
    ['r1 = 0x10', a.ldImm64(1, 16n)],
    ['r1 = -1', [a.movImm(1, -1)]],
    ['r1 = 4294967296', a.ldImm64(1, 4294967296n)],
    ['w1 = -1', [a.mov32Imm(1, -1)]],
    ['r2 = atomic_fetch_add((u64 *)(r1 + 0), r2)', [a.atomic('dw', 'add', 1, 0, 2, true)]],
    ['w2 = atomic_fetch_xor((u32 *)(r1 + 4), w2)', [a.atomic('w', 'xor', 1, 4, 2, true)]],
    ['r0 = cmpxchg_64(r1 + 8, r0, r3)', [a.atomic('dw', 'cmpxchg', 1, 8, 3, true)]],
    ['w0 = xchg32_32(r1 + 8, w0)', [a.atomic('w', 'xchg', 1, 8, 0, true)]],
    ['r0 = *(u16 *)skb[r1]', [a.ldInd('h', 1, 0)]],
    ['  12: (b7) r0 = 2                ; R0_w=2', [a.movImm(0, 2)]],
    ['r0 = 1 # a comment', [a.movImm(0, 1)]],
    ['r0 = 1 // a comment', [a.movImm(0, 1)]],
  ];
  for (const [text, insns] of cases) {
    it(text, () => expect(hex(ok(text))).toBe(hex(insns)));
  }
});

describe('labels and references', () => {
  it('resolves forward and backward labels into relative offsets', () => {
    const insns = ok(['top:', '  r0 = 0', '  if r1 == 0 goto out', '  r1 -= 1', '  goto top', 'out: exit'].join('\n'));
    expect(insns.map((i) => i.off)).toEqual([0, 2, 0, -4, 0]);
  });

  it('makes map loads relocations and keeps both ld_imm64 slots', () => {
    const out = assemble('r1 = map[counts]\nr2 = map[cfg][0]+16\nexit');
    expect(out.errors).toEqual([]);
    expect(out.insns).toHaveLength(5);
    expect(out.relocs).toEqual([
      { insnIndex: 0, kind: 'map', symbol: 'counts' },
      { insnIndex: 2, kind: 'map_value', symbol: 'cfg' },
    ]);
    expect(out.insns[0]!.src).toBe(1);
    expect(out.insns[2]!.src).toBe(2);
    expect(out.insns[3]!.imm).toBe(16);
    expect(out.lineOfInsn).toEqual([1, -1, 2, -1, 3]);
  });

  it('loads a symbol\'s address with "rD = NAME ll": an ld_imm64 of 0 relocated against NAME', () => {
    const out = assemble('r1 = MY_CONST ll\nr0 = 7 ll\nexit');
    expect(out.errors).toEqual([]);
    expect(out.relocs).toEqual([{ insnIndex: 0, kind: 'symbol', symbol: 'MY_CONST' }]);
    expect([out.insns[0]!.code, out.insns[0]!.src, out.insns[0]!.imm]).toEqual([0x18, 0, 0]);
    expect(out.insns[2]!.imm).toBe(7);
    expect(assemble('w1 = MY_CONST ll').errors.map((e) => e.message)).toEqual(['ld_imm64 loads a 64-bit register']);
  });

  it('calls a label as a BPF-to-BPF call and another function through a relocation', () => {
    const out = assemble('call sub\ncall other\nexit\nsub: r0 = 1\nexit', { externalLabels: new Set(['other']) });
    expect(out.errors).toEqual([]);
    expect(out.insns[0]).toEqual(a.callPseudo(2));
    expect(out.insns[1]!.imm).toBe(-1);
    expect(out.relocs).toEqual([{ insnIndex: 1, kind: 'call', symbol: 'other' }]);
  });

  it('emits raw slots with .insn, valid or not', () => {
    expect(ok('.insn 0xff, 1, 2, -3, 4')).toEqual([{ code: 0xff, dst: 1, src: 2, off: -3, imm: 4 }]);
  });
});

describe('errors', () => {
  it('reports each bad line with its line, column and the text it could not read', () => {
    const out = assemble('r0 = 0\n  r1 = frob r2\n  if r1 > r2 goto nowhere\nw1 += r2\nr11 = 1\nexit');
    expect(out.errors.map((e) => [e.line, e.col, e.message])).toEqual([
      [2, 3, "unrecognised instruction 'r1 = frob r2'"],
      [4, 1, "mixed 32-bit (w) and 64-bit (r) registers in 'w1 += r2'"],
      [5, 1, "expected a register r0..r10 or w0..w10, saw 'r11'"],
      [3, 19, "undefined label 'nowhere'"],
    ]);
    // The good lines are still assembled.
    expect(out.insns.length).toBe(3);
  });

  it('rejects values that do not fit their fields', () => {
    expect(assemble('r1 += 0x100000000').errors[0]!.message).toBe('immediate 0x100000000 does not fit in 32 bits');
    expect(assemble('r1 = *(u8 *)(r2 +40000)').errors[0]!.message).toBe('offset +40000 does not fit in 16 bits');
    expect(assemble('a:\na: exit').errors[0]!.message).toBe("label 'a' is defined twice");
  });
});
