// Redundant stack reloads, on the selected instructions of one function.
// Needs: selected instructions with their jump offsets resolved. Changes: an 8-byte load from the
// frame (`r0 = *(u64 *)(r10 -32)`) into a register that already holds those 8 bytes (it was
// just stored there, or loaded from there, and neither the register nor the bytes changed since)
// is removed; the register allocator's spill code stores after a definition and loads before
// every use, so a spilled value used twice in a row, or right after its definition, was read
// back needlessly. What is known is forgotten at every jump target, after a call (which may write
// the stack through a pointer argument), at any write to memory not based on r10, and at writes
// to the bytes themselves. Jump offsets, relocations and the line table (and the places of BTF type ids) are renumbered.
// Invalidates: nothing.
import type { Insn } from '../bpf/insn.js';
import type { InsnReloc, LineEntry } from '../bpf/object.js';
import type { BtfTypeIdUse } from './select.js';
import {
  CLASS_CODE, CLASS_MASK, JMP_OP_CODE, MODE_CODE, MODE_MASK, OP_MASK, OPCODE_LD_IMM64, REG_FP, REGS_CALLER_SAVED, SIZE_BYTES, SIZE_CODE, SIZE_MASK, type MemSize,
} from '../bpf/opcodes.js';

export interface Code {
  insns: Insn[];
  relocs: InsnReloc[];
  lines: LineEntry[];
  /** The ld_imm64s of BTF type ids (select.ts), which get a CO-RE relocation each. */
  typeIds: BtfTypeIdUse[];
}

const SIZE_OF_CODE = new Map<number, number>((Object.keys(SIZE_CODE) as MemSize[]).map((s) => [SIZE_CODE[s], SIZE_BYTES[s]]));

function isJump(i: Insn): boolean {
  const cls = i.code & CLASS_MASK;
  if (cls !== CLASS_CODE.jmp && cls !== CLASS_CODE.jmp32) return false;
  const op = i.code & OP_MASK;
  return op !== JMP_OP_CODE.call && op !== JMP_OP_CODE.exit;
}

/** gotol (a JMP32 ja) keeps its offset in imm. */
function isLongJump(i: Insn): boolean {
  return (i.code & CLASS_MASK) === CLASS_CODE.jmp32 && (i.code & OP_MASK) === JMP_OP_CODE.ja;
}

export function dropRedundantFills(code: Code): Code {
  const { insns } = code;
  if (insns.some(isLongJump)) return code;
  // Slot indices that start an instruction (the second half of an ld_imm64 does not).
  const second = new Uint8Array(insns.length);
  insns.forEach((i, k) => {
    if (i.code === OPCODE_LD_IMM64 && second[k] === 0) second[k + 1] = 1;
  });
  const targets = new Set<number>();
  insns.forEach((i, k) => {
    if (second[k] === 0 && isJump(i)) targets.add(k + 1 + i.off);
  });

  // holds.get(r) = the frame offset whose 8 bytes register r holds.
  const holds = new Map<number, number>();
  const forgetBytes = (off: number, size: number) => {
    for (const [r, o] of holds) if (o < off + size && off < o + 8) holds.delete(r);
  };
  const drop = new Uint8Array(insns.length);
  insns.forEach((i, k) => {
    if (second[k] === 1) return;
    if (targets.has(k)) holds.clear();
    const cls = i.code & CLASS_MASK;
    const mode = i.code & MODE_MASK;
    const size = SIZE_OF_CODE.get(i.code & SIZE_MASK)!;
    if (cls === CLASS_CODE.ldx && mode === MODE_CODE.mem && i.src === REG_FP && size === 8) {
      if (holds.get(i.dst) === i.off) {
        drop[k] = 1;
        return;
      }
      holds.set(i.dst, i.off);
      return;
    }
    if ((cls === CLASS_CODE.stx || cls === CLASS_CODE.st) && mode === MODE_CODE.mem) {
      if (i.dst !== REG_FP) {
        holds.clear();
        return;
      }
      forgetBytes(i.off, size);
      if (cls === CLASS_CODE.stx && size === 8) holds.set(i.src, i.off);
      return;
    }
    if (cls === CLASS_CODE.stx || cls === CLASS_CODE.st) {
      holds.clear(); // atomics: they write memory and may write a register
      return;
    }
    if (cls === CLASS_CODE.jmp || cls === CLASS_CODE.jmp32) {
      const op = i.code & OP_MASK;
      if (op === JMP_OP_CODE.call) holds.clear();
      else if (op === JMP_OP_CODE.ja || op === JMP_OP_CODE.exit) holds.clear();
      return;
    }
    if (cls === CLASS_CODE.ld && (mode === MODE_CODE.abs || mode === MODE_CODE.ind)) {
      for (const r of REGS_CALLER_SAVED) holds.delete(r); // LD_ABS/LD_IND clobber R0-R5
      return;
    }
    // Every other instruction (ALU, loads, ld_imm64) writes its dst register only.
    holds.delete(i.dst);
  });
  if (!drop.includes(1)) return code;

  // newIndex[k]: where slot k goes, or for a dropped slot, where the next kept one goes.
  const newIndex = new Int32Array(insns.length + 1);
  let n = 0;
  for (let k = 0; k < insns.length; k++) {
    newIndex[k] = n;
    if (drop[k] === 0) n++;
  }
  newIndex[insns.length] = n;
  const out: Insn[] = [];
  insns.forEach((i, k) => {
    if (drop[k] === 1) return;
    if (second[k] === 0 && isJump(i)) out.push({ ...i, off: newIndex[k + 1 + i.off]! - (newIndex[k]! + 1) });
    else out.push(i);
  });
  // A line entry of a dropped instruction moves to the next one; where two meet, the later wins.
  const lines: LineEntry[] = [];
  for (const l of code.lines) {
    const at = newIndex[l.insnIndex]!;
    if (at >= out.length) continue;
    if (lines.length > 0 && lines[lines.length - 1]!.insnIndex === at) lines.pop();
    lines.push({ ...l, insnIndex: at });
  }
  const renumber = <R extends { insnIndex: number }>(r: R): R => ({ ...r, insnIndex: newIndex[r.insnIndex]! });
  return { insns: out, relocs: code.relocs.map(renumber), lines, typeIds: code.typeIds.map(renumber) };
}
