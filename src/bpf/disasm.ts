// Disassembler in the syntax of the kernel verifier log (kernel/bpf/disasm.c conventions):
//   r1 = *(u32 *)(r2 +0)      *(u16 *)(r10 -8) = r1      w1 &= 255      r1 = be16 r1
//   if r1 > r2 goto pc+3      if w1 != 0x800 goto pc-2   call bpf_map_lookup_elem#1
//   lock *(u32 *)(r1 +0) += r2                           r2 = atomic64_fetch_add((u64 *)(r1 +0), r2)
// Registers print as rN (64-bit) or wN (32-bit classes); ALU immediates print in signed
// decimal, jump immediates as 0x%x of the 32-bit pattern, offsets with an explicit sign.
// Forms are recognised through the opcode table (opcodes.ts).
import { assertNever } from '../util/assert-never.js';
import type { Insn } from './insn.js';
import { helperById } from './helpers.js';
import {
  ATOMIC_FETCH,
  COND_JMP_SYMBOL,
  PSEUDO_CALL,
  SIZE_C_NAME,
  formOf,
  type AluBinaryOp,
  type AtomicOp,
  type MemSize,
} from './opcodes.js';

export interface DisasmOptions {
  /** Prefix each instruction with its opcode in hex, "(bf) r1 = r6", as the verifier log does. */
  showCode?: boolean;
  /** Text to print for the value of the ld_imm64 at this index (a map or symbol name). */
  symbolAt?: (insnIndex: number) => string | undefined;
  /** Name for a helper id (defaults to the helper table; unknown ids print as "unknown"). */
  helperName?: (id: number) => string | undefined;
  /** Append llvm-objdump's " ll" after ld_imm64 values (the kernel does not). */
  llSuffix?: boolean;
  /** disasm(): prefix each line with "N: " (the slot index), as the verifier log does. */
  numbered?: boolean;
}

/** The kernel log's operator for each ALU operation ("+=", "s>>=", …). */
const ALU_SYMBOL: Readonly<Record<AluBinaryOp, string>> = {
  add: '+=', sub: '-=', mul: '*=', div: '/=', sdiv: 's/=', or: '|=', and: '&=', lsh: '<<=',
  rsh: '>>=', mod: '%=', smod: 's%=', xor: '^=', mov: '=', arsh: 's>>=',
};
const ATOMIC_SYMBOL: Readonly<Record<'add' | 'or' | 'and' | 'xor', string>> = {
  add: '+=', or: '|=', and: '&=', xor: '^=',
};

function signed(n: number): string {
  return n < 0 ? `${n}` : `+${n}`;
}

function hex32(n: number): string {
  return `0x${(n >>> 0).toString(16)}`;
}

function mem(size: MemSize, reg: number, off: number, typeName = SIZE_C_NAME[size]): string {
  return `(${typeName} *)(r${reg} ${signed(off)})`;
}

function atomicText(insn: Insn, size: MemSize, op: AtomicOp, fetch: boolean): string {
  const width = size === 'dw' ? '64' : '';
  const target = mem(size, insn.dst, insn.off);
  switch (op) {
    case 'xchg':
      return `r${insn.src} = atomic${width}_xchg(${target}, r${insn.src})`;
    case 'cmpxchg':
      return `r0 = atomic${width}_cmpxchg(${target}, r0, r${insn.src})`;
    case 'add':
    case 'or':
    case 'and':
    case 'xor':
      return fetch
        ? `r${insn.src} = atomic${width}_fetch_${op}(${target}, r${insn.src})`
        : `lock *${target} ${ATOMIC_SYMBOL[op]} r${insn.src}`;
    default:
      return assertNever(op);
  }
}

function ldImm64Text(insns: readonly Insn[], index: number, opts: DisasmOptions): string {
  const insn = insns[index]!;
  const symbol = opts.symbolAt?.(index);
  let value: string;
  if (symbol !== undefined) {
    value = symbol;
  } else {
    const hi = BigInt(insns[index + 1]?.imm ?? 0) & 0xffffffffn;
    const lo = BigInt(insn.imm) & 0xffffffffn;
    value = `0x${((hi << 32n) | lo).toString(16)}`;
  }
  return `r${insn.dst} = ${value}${opts.llSuffix ? ' ll' : ''}`;
}

function callText(insn: Insn, opts: DisasmOptions): string {
  if (insn.src === PSEUDO_CALL.call) return `call pc${signed(insn.imm)}`;
  if (insn.src === PSEUDO_CALL.kfuncCall) return `call kernel-function#${insn.imm}`;
  const name = opts.helperName?.(insn.imm) ?? helperById(insn.imm)?.name ?? 'unknown';
  return `call ${name}#${insn.imm}`;
}

function bodyText(insns: readonly Insn[], index: number, opts: DisasmOptions): string {
  const insn = insns[index]!;
  const form = formOf(insn);
  const code = insn.code & 0xff;
  if (!form) return `invalid insn 0x${code.toString(16).padStart(2, '0')}`;
  const w = form.cls === 'alu' || form.cls === 'jmp32' ? 'w' : 'r';
  switch (form.kind) {
    case 'alu': {
      const op = ALU_SYMBOL[form.aluOp!];
      if (form.source === 'k') return `${w}${insn.dst} ${op} ${insn.imm}`;
      const cast = form.movsxBits ? `(s${form.movsxBits})` : '';
      return `${w}${insn.dst} ${op} ${cast}${w}${insn.src}`;
    }
    case 'neg':
      return `${w}${insn.dst} = -${w}${insn.dst}`;
    case 'endian':
      return `r${insn.dst} = ${form.toBigEndian ? 'be' : 'le'}${insn.imm} r${insn.dst}`;
    case 'bswap':
      return `r${insn.dst} = bswap${insn.imm} r${insn.dst}`;
    case 'ld_imm64':
      return ldImm64Text(insns, index, opts);
    case 'ld_abs':
      return `r0 = *(${SIZE_C_NAME[form.size!]} *)skb[${insn.imm}]`;
    case 'ld_ind':
      return `r0 = *(${SIZE_C_NAME[form.size!]} *)skb[r${insn.src} + ${insn.imm}]`;
    case 'ldx':
      return `r${insn.dst} = *${mem(form.size!, insn.src, insn.off)}`;
    case 'ldsx':
      return `r${insn.dst} = *${mem(form.size!, insn.src, insn.off, `s${SIZE_C_NAME[form.size!].slice(1)}`)}`;
    case 'st':
      return `*${mem(form.size!, insn.dst, insn.off)} = ${insn.imm}`;
    case 'stx':
      return `*${mem(form.size!, insn.dst, insn.off)} = r${insn.src}`;
    case 'atomic':
      return atomicText(insn, form.size!, form.atomicOp!, (insn.imm & ATOMIC_FETCH) !== 0);
    case 'jcond': {
      const op = COND_JMP_SYMBOL[form.jmpOp!];
      const rhs = form.source === 'x' ? `${w}${insn.src}` : hex32(insn.imm);
      return `if ${w}${insn.dst} ${op} ${rhs} goto pc${signed(insn.off)}`;
    }
    case 'ja':
      return `goto pc${signed(insn.off)}`;
    case 'gotol':
      return `gotol pc${signed(insn.imm)}`;
    case 'may_goto':
      return `may_goto pc${signed(insn.off)}`;
    case 'call':
      return callText(insn, opts);
    case 'exit':
      return 'exit';
    default:
      return assertNever(form.kind);
  }
}

/** Disassembles the instruction at `index`; `slots` is 2 for an ld_imm64. */
export function disasmInsn(insns: readonly Insn[], index: number, opts: DisasmOptions = {}): { text: string; slots: 1 | 2 } {
  const insn = insns[index];
  if (!insn) throw new Error(`internal: no instruction at index ${index}`);
  const form = formOf(insn);
  const body = bodyText(insns, index, opts);
  const prefix = opts.showCode ? `(${(insn.code & 0xff).toString(16).padStart(2, '0')}) ` : '';
  return { text: prefix + body, slots: form?.slots ?? 1 };
}

/** Disassembles a whole instruction list, one line per instruction (not per slot). */
export function disasm(insns: readonly Insn[], opts: DisasmOptions = {}): string[] {
  const lines: string[] = [];
  for (let i = 0; i < insns.length; ) {
    const { text, slots } = disasmInsn(insns, i, opts);
    lines.push(opts.numbered ? `${i}: ${text}` : text);
    i += slots;
  }
  return lines;
}
