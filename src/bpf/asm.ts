// Instruction constructors for codegen and tests. Each builds an Insn from the
// opcode table (opcodes.ts); no opcode number is written here.
// Registers are numbers 0..10; offsets are instruction slots (jumps) or bytes (memory).
import type { Insn } from './insn.js';
import {
  OP_JCOND,
  ALU_BINARY_ENCODING,
  ALU_OP_CODE,
  ATOMIC_FETCH,
  ATOMIC_OP_CODE,
  CLASS_CODE,
  END_TO_BE,
  END_TO_LE,
  JMP_OP_CODE,
  MODE_CODE,
  PSEUDO_CALL,
  PSEUDO_LD_IMM64,
  SIZE_CODE,
  SOURCE_CODE,
  type AluBinaryOp,
  type AtomicOp,
  type CondJmpOp,
  type EndWidth,
  type MemSize,
  type MovsxBits,
} from './opcodes.js';

function insn(code: number, dst: number, src: number, off: number, imm: number): Insn {
  return { code, dst, src, off, imm };
}

/** Wraps a number to a signed 32-bit value (so 0xffffffff becomes -1). */
function toInt32(v: number): number {
  return v | 0;
}

function aluCode(cls: 'alu' | 'alu64', op: AluBinaryOp, src: 'k' | 'x'): { code: number; off: number } {
  const enc = ALU_BINARY_ENCODING[op];
  return { code: CLASS_CODE[cls] | ALU_OP_CODE[enc.op] | SOURCE_CODE[src], off: enc.off };
}

// --- arithmetic --------------------------------------------------------------

/** dst op= imm, 64-bit (e.g. `r1 += 14`). */
export function alu64Imm(op: AluBinaryOp, dst: number, imm: number): Insn {
  const { code, off } = aluCode('alu64', op, 'k');
  return insn(code, dst, 0, off, toInt32(imm));
}

/** dst op= src, 64-bit. */
export function alu64Reg(op: AluBinaryOp, dst: number, src: number): Insn {
  const { code, off } = aluCode('alu64', op, 'x');
  return insn(code, dst, src, off, 0);
}

/** wdst op= imm, 32-bit; the upper half of dst is zeroed. */
export function alu32Imm(op: AluBinaryOp, dst: number, imm: number): Insn {
  const { code, off } = aluCode('alu', op, 'k');
  return insn(code, dst, 0, off, toInt32(imm));
}

/** wdst op= wsrc, 32-bit. */
export function alu32Reg(op: AluBinaryOp, dst: number, src: number): Insn {
  const { code, off } = aluCode('alu', op, 'x');
  return insn(code, dst, src, off, 0);
}

/** dst = imm (64-bit mov; imm is sign-extended to 64 bits). */
export function movImm(dst: number, imm: number): Insn {
  return alu64Imm('mov', dst, imm);
}

/** dst = src (64-bit). */
export function movReg(dst: number, src: number): Insn {
  return alu64Reg('mov', dst, src);
}

/** wdst = imm (32-bit mov; the upper half is zeroed). */
export function mov32Imm(dst: number, imm: number): Insn {
  return alu32Imm('mov', dst, imm);
}

/** wdst = wsrc. */
export function mov32Reg(dst: number, src: number): Insn {
  return alu32Reg('mov', dst, src);
}

/** dst = (sN)src: sign-extending move (v4). is64 selects r (ALU64) or w (ALU) registers. */
export function movsx(bits: MovsxBits, dst: number, src: number, is64 = true): Insn {
  if (!is64 && bits === 32) throw new Error('internal: movsx32 from 32 bits does not exist');
  return insn(CLASS_CODE[is64 ? 'alu64' : 'alu'] | ALU_OP_CODE.mov | SOURCE_CODE.x, dst, src, bits, 0);
}

/** dst = -dst (64-bit). */
export function neg64(dst: number): Insn {
  return insn(CLASS_CODE.alu64 | ALU_OP_CODE.neg | SOURCE_CODE.k, dst, 0, 0, 0);
}

/** wdst = -wdst. */
export function neg32(dst: number): Insn {
  return insn(CLASS_CODE.alu | ALU_OP_CODE.neg | SOURCE_CODE.k, dst, 0, 0, 0);
}

/** dst = be16/be32/be64 dst (toBe) or le16/… dst: convert between host (little) and the given order. */
export function endian(toBe: boolean, bits: EndWidth, dst: number): Insn {
  return insn(CLASS_CODE.alu | ALU_OP_CODE.end | (toBe ? END_TO_BE : END_TO_LE), dst, 0, 0, bits);
}

/** dst = bswapN dst: unconditional byte swap (v4). */
export function bswap(bits: EndWidth, dst: number): Insn {
  return insn(CLASS_CODE.alu64 | ALU_OP_CODE.end | END_TO_LE, dst, 0, 0, bits);
}

// --- memory ------------------------------------------------------------------

/** dst = *(size *)(src + off), zero-extended. */
export function ldx(size: MemSize, dst: number, src: number, off: number): Insn {
  return insn(CLASS_CODE.ldx | MODE_CODE.mem | SIZE_CODE[size], dst, src, off, 0);
}

/** dst = *(sN *)(src + off), sign-extended (v4; size b, h or w). */
export function ldxsx(size: Exclude<MemSize, 'dw'>, dst: number, src: number, off: number): Insn {
  return insn(CLASS_CODE.ldx | MODE_CODE.memsx | SIZE_CODE[size], dst, src, off, 0);
}

/** *(size *)(dst + off) = src. */
export function stx(size: MemSize, dst: number, off: number, src: number): Insn {
  return insn(CLASS_CODE.stx | MODE_CODE.mem | SIZE_CODE[size], dst, src, off, 0);
}

/** *(size *)(dst + off) = imm. */
export function st(size: MemSize, dst: number, off: number, imm: number): Insn {
  return insn(CLASS_CODE.st | MODE_CODE.mem | SIZE_CODE[size], dst, 0, off, toInt32(imm));
}

/** Atomic read-modify-write on *(size *)(dst + off) with src; fetch puts the old value in src.
 *  xchg and cmpxchg always fetch (cmpxchg compares with r0 and returns the old value in r0). */
export function atomic(size: 'w' | 'dw', op: AtomicOp, dst: number, off: number, src: number, fetch: boolean): Insn {
  const always = op === 'xchg' || op === 'cmpxchg';
  const imm = ATOMIC_OP_CODE[op] | (fetch && !always ? ATOMIC_FETCH : 0);
  return insn(CLASS_CODE.stx | MODE_CODE.atomic | SIZE_CODE[size], dst, src, off, imm);
}

/** dst = value: the two-slot ld_imm64. src is a PSEUDO_LD_IMM64 value or 0. */
export function ldImm64(dst: number, value: bigint, src = 0): [Insn, Insn] {
  const v = BigInt.asUintN(64, value);
  const lo = Number(BigInt.asIntN(32, v));
  const hi = Number(BigInt.asIntN(32, v >> 32n));
  return [
    insn(CLASS_CODE.ld | MODE_CODE.imm | SIZE_CODE.dw, dst, src, 0, lo),
    insn(0, 0, 0, 0, hi),
  ];
}

/** dst = &map: an ld_imm64 with src = BPF_PSEUDO_MAP_FD and imm 0 (a relocation fills it in). */
export function ldMapFd(dst: number): [Insn, Insn] {
  return ldImm64(dst, 0n, PSEUDO_LD_IMM64.mapFd);
}

/** dst = &map value + offset (src = BPF_PSEUDO_MAP_VALUE; used for .rodata/.data). */
export function ldMapValue(dst: number, offset: number): [Insn, Insn] {
  const [a, b] = ldImm64(dst, 0n, PSEUDO_LD_IMM64.mapValue);
  return [a, { ...b, imm: toInt32(offset) }];
}

/** Legacy packet load: r0 = *(size *)skb[imm]. */
export function ldAbs(size: Exclude<MemSize, 'dw'>, imm: number): Insn {
  return insn(CLASS_CODE.ld | MODE_CODE.abs | SIZE_CODE[size], 0, 0, 0, toInt32(imm));
}

/** Legacy packet load: r0 = *(size *)skb[src + imm]. */
export function ldInd(size: Exclude<MemSize, 'dw'>, src: number, imm: number): Insn {
  return insn(CLASS_CODE.ld | MODE_CODE.ind | SIZE_CODE[size], 0, src, 0, toInt32(imm));
}

// --- control flow ------------------------------------------------------------

/** if dst op imm goto pc+off (64-bit compare). */
export function jmpImm(op: CondJmpOp, dst: number, imm: number, off: number): Insn {
  return insn(CLASS_CODE.jmp | JMP_OP_CODE[op] | SOURCE_CODE.k, dst, 0, off, toInt32(imm));
}

/** if dst op src goto pc+off (64-bit compare). */
export function jmpReg(op: CondJmpOp, dst: number, src: number, off: number): Insn {
  return insn(CLASS_CODE.jmp | JMP_OP_CODE[op] | SOURCE_CODE.x, dst, src, off, 0);
}

/** if wdst op imm goto pc+off (32-bit compare, v3). */
export function jmp32Imm(op: CondJmpOp, dst: number, imm: number, off: number): Insn {
  return insn(CLASS_CODE.jmp32 | JMP_OP_CODE[op] | SOURCE_CODE.k, dst, 0, off, toInt32(imm));
}

/** if wdst op wsrc goto pc+off (32-bit compare, v3). */
export function jmp32Reg(op: CondJmpOp, dst: number, src: number, off: number): Insn {
  return insn(CLASS_CODE.jmp32 | JMP_OP_CODE[op] | SOURCE_CODE.x, dst, src, off, 0);
}

/** goto pc+off. */
export function ja(off: number): Insn {
  return insn(CLASS_CODE.jmp | JMP_OP_CODE.ja, 0, 0, off, 0);
}

/** may_goto pc+off: falls through until the kernel's hidden loop counter runs out, then jumps. */
export function mayGoto(off: number): Insn {
  return insn(CLASS_CODE.jmp | OP_JCOND, 0, 0, off, 0);
}

/** gotol pc+imm: the long unconditional jump (v4). */
export function gotol(imm: number): Insn {
  return insn(CLASS_CODE.jmp32 | JMP_OP_CODE.ja, 0, 0, 0, toInt32(imm));
}

/** call a helper by id. */
export function call(helperId: number): Insn {
  return insn(CLASS_CODE.jmp | JMP_OP_CODE.call, 0, 0, 0, helperId);
}

/** BPF-to-BPF call: src = BPF_PSEUDO_CALL, imm = callee index - (this index + 1). */
export function callPseudo(relOff: number): Insn {
  return insn(CLASS_CODE.jmp | JMP_OP_CODE.call, 0, PSEUDO_CALL.call, 0, toInt32(relOff));
}

/** Call of a kernel function by BTF id (src = BPF_PSEUDO_KFUNC_CALL). */
export function callKfunc(btfId: number): Insn {
  return insn(CLASS_CODE.jmp | JMP_OP_CODE.call, 0, PSEUDO_CALL.kfuncCall, 0, toInt32(btfId));
}

/** return r0. */
export function exit(): Insn {
  return insn(CLASS_CODE.jmp | JMP_OP_CODE.exit, 0, 0, 0, 0);
}
