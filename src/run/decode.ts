// Pre-decoding: each instruction slot becomes one internal operation number plus its operands in
// parallel typed arrays, so the interpreter's loop does no bit-field work. The form of every
// instruction comes from the shared opcode table (bpf/opcodes.ts, formOf); this file only maps
// each form to the interpreter's operation, by the form's decoded fields, never by opcode number.
import type { Insn } from '../bpf/insn.js';
import { formOf, PSEUDO_CALL, PSEUDO_LD_IMM64, type OpcodeForm } from '../bpf/opcodes.js';
import { Op } from './interp.js';

export interface Code {
  length: number;
  op: Uint8Array;
  dst: Uint8Array;
  src: Uint8Array;
  off: Int32Array;
  /** imm; for ld_imm64 the low word of the value. */
  imm: Int32Array;
  /** ld_imm64: the high word of the value. */
  imm2: Int32Array;
  /** Jumps and BPF-to-BPF calls: the absolute target slot. */
  target: Int32Array;
}

const ALU_OPS = ['add', 'sub', 'mul', 'div', 'sdiv', 'or', 'and', 'lsh', 'rsh', 'mod', 'smod', 'xor', 'mov', 'arsh'] as const;
const JMP_OPS = ['jeq', 'jgt', 'jge', 'jset', 'jne', 'jsgt', 'jsge', 'jlt', 'jle', 'jslt', 'jsle'] as const;
const SIZES = ['b', 'h', 'w', 'dw'] as const;
const ATOMIC_OPS = ['add', 'or', 'and', 'xor'] as const;

/** The interpreter operation of one instruction form. */
export function opOf(form: OpcodeForm, insn: Insn): Op {
  switch (form.kind) {
    case 'alu': {
      const is64 = form.cls === 'alu64';
      if (form.movsxBits !== undefined) {
        if (is64) return form.movsxBits === 8 ? Op.MOVSX64_8 : form.movsxBits === 16 ? Op.MOVSX64_16 : Op.MOVSX64_32;
        return form.movsxBits === 8 ? Op.MOVSX32_8 : Op.MOVSX32_16;
      }
      const i = ALU_OPS.indexOf(form.aluOp!);
      const base = is64 ? Op.ADD64_K : Op.ADD32_K;
      return (base + i * 2 + (form.source === 'x' ? 1 : 0)) as Op;
    }
    case 'neg':
      return form.cls === 'alu64' ? Op.NEG64 : Op.NEG32;
    case 'endian':
      if (form.toBigEndian) return form.endWidth === 16 ? Op.BE16 : form.endWidth === 32 ? Op.BE32 : Op.BE64;
      return form.endWidth === 16 ? Op.LE16 : form.endWidth === 32 ? Op.LE32 : Op.NOP;
    case 'bswap':
      return form.endWidth === 16 ? Op.BE16 : form.endWidth === 32 ? Op.BE32 : Op.BE64;
    case 'ld_imm64':
      if (insn.src === PSEUDO_LD_IMM64.mapFd) return Op.LD_MAP;
      if (insn.src === PSEUDO_LD_IMM64.mapValue) return Op.LD_MAP_VALUE;
      if (insn.src === 0) return Op.LD_IMM64;
      return Op.UNSUPPORTED;
    case 'ld_abs':
      return (Op.LDABS_B + SIZES.indexOf(form.size!)) as Op;
    case 'ld_ind':
      return (Op.LDIND_B + SIZES.indexOf(form.size!)) as Op;
    case 'ldx':
      return (Op.LDX_B + SIZES.indexOf(form.size!)) as Op;
    case 'ldsx':
      return (Op.LDXS_B + SIZES.indexOf(form.size!)) as Op;
    case 'st':
      return (Op.ST_B + SIZES.indexOf(form.size!)) as Op;
    case 'stx':
      return (Op.STX_B + SIZES.indexOf(form.size!)) as Op;
    case 'atomic': {
      const base = form.size === 'dw' ? Op.ATOMIC64_ADD : Op.ATOMIC32_ADD;
      if (form.atomicOp === 'xchg') return (base + 8) as Op;
      if (form.atomicOp === 'cmpxchg') return (base + 9) as Op;
      return (base + ATOMIC_OPS.indexOf(form.atomicOp as (typeof ATOMIC_OPS)[number]) * 2 + (form.fetch ? 1 : 0)) as Op;
    }
    case 'jcond': {
      const base = form.cls === 'jmp32' ? Op.JEQ32_K : Op.JEQ_K;
      return (base + JMP_OPS.indexOf(form.jmpOp!) * 2 + (form.source === 'x' ? 1 : 0)) as Op;
    }
    case 'ja':
    case 'gotol':
      return Op.JA;
    case 'may_goto':
      // The kernel jumps once a per-function budget of iterations (or time) runs out; a loop
      // that relies on it ends here at the run's own instruction limit instead.
      return Op.NOP;
    case 'call':
      if (insn.src === PSEUDO_CALL.call) return Op.CALL_LOCAL;
      if (insn.src === 0) return Op.CALL_HELPER;
      return Op.UNSUPPORTED;
    case 'exit':
      return Op.EXIT;
  }
}

/** Decodes linked instructions; an invalid slot decodes to Op.INVALID and faults if reached. */
export function decode(insns: readonly Insn[]): Code {
  const n = insns.length;
  const code: Code = {
    length: n,
    op: new Uint8Array(n),
    dst: new Uint8Array(n),
    src: new Uint8Array(n),
    off: new Int32Array(n),
    imm: new Int32Array(n),
    imm2: new Int32Array(n),
    target: new Int32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const insn = insns[i]!;
    const form = formOf(insn);
    let op = form ? opOf(form, insn) : Op.INVALID;
    if (insn.dst > 10 || insn.src > 10) op = Op.INVALID;
    code.op[i] = op;
    code.dst[i] = insn.dst & 0x0f;
    code.src[i] = insn.src & 0x0f;
    code.off[i] = insn.off;
    code.imm[i] = insn.imm;
    if (form?.kind === 'ld_imm64') {
      code.imm2[i] = insns[i + 1]?.imm ?? 0;
      if (i + 1 < n) code.op[i + 1] = Op.INVALID; // the second slot is never executed
      i++;
      continue;
    }
    if (form?.kind === 'jcond' || form?.kind === 'ja') code.target[i] = i + 1 + insn.off;
    else if (form?.kind === 'gotol') code.target[i] = i + 1 + insn.imm;
    else if (op === Op.CALL_LOCAL) code.target[i] = i + 1 + insn.imm;
  }
  return code;
}
