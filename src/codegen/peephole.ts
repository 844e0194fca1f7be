// Redundant stack reloads and register copies, on the selected instructions of one function.
// Needs: selected instructions with their jump offsets resolved. Changes: an 8-byte load from the
// frame (`r0 = *(u64 *)(r10 -32)`) into a register that already holds those 8 bytes (it was
// just stored there, or loaded from there, and neither the register nor the bytes changed since)
// is removed; the register allocator's spill code stores after a definition and loads before
// every use, so a spilled value used twice in a row, or right after its definition, was read
// back needlessly. Likewise a 64-bit copy `r1 = r6` between registers that already hold the same
// value (`r6 = r1` earlier, neither written since), as when a value moved to a callee-saved
// register is moved back for the first call: each is one instruction fewer on every path the
// kernel's verifier walks, and changes no register's state. What is known is forgotten at every jump target, after a call (which may write
// the stack through a pointer argument), at any write to memory not based on r10, and at writes
// to the bytes themselves (a call keeps the copies among r6-r9). Jump offsets, relocations and the line table (and the places of BTF type ids) are renumbered.
// Invalidates: nothing.
import type { Insn } from '../bpf/insn.js';
import type { InsnReloc, LineEntry } from '../bpf/object.js';
import type { BtfTypeIdUse } from './select.js';
import {
  ALU_OP_CODE, CLASS_CODE, CLASS_MASK, JMP_OP_CODE, MODE_CODE, MODE_MASK, OP_MASK, OPCODE_LD_IMM64, REG_FP, REGS_CALLER_SAVED, SIZE_BYTES, SOURCE_CODE, SIZE_CODE, SIZE_MASK, type MemSize,
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

export function dropRedundantFillsAndCopies(code: Code): Code {
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
  // copies: pairs "a,b" (a < b) of registers that hold the same 64 bits.
  const copies = new Set<string>();
  const pair = (a: number, b: number) => (a < b ? `${a},${b}` : `${b},${a}`);
  const forgetCopies = (r: number) => {
    for (const p of copies) if (p.split(',').some((x) => Number(x) === r)) copies.delete(p);
  };
  const drop = new Uint8Array(insns.length);
  insns.forEach((i, k) => {
    if (second[k] === 1) return;
    if (targets.has(k)) {
      holds.clear();
      copies.clear();
    }
    if (i.code === (CLASS_CODE.alu64 | ALU_OP_CODE.mov | SOURCE_CODE.x) && i.off === 0 && i.dst !== i.src) {
      if (copies.has(pair(i.dst, i.src))) {
        drop[k] = 1;
        return;
      }
      const held = holds.get(i.src);
      if (held === undefined) holds.delete(i.dst);
      else holds.set(i.dst, held);
      forgetCopies(i.dst);
      const others = [...copies].flatMap((p) => {
        const [a, b] = p.split(',').map(Number) as [number, number];
        return a === i.src ? [b] : b === i.src ? [a] : [];
      });
      copies.add(pair(i.dst, i.src));
      for (const o of others) copies.add(pair(i.dst, o));
      return;
    }
    const cls = i.code & CLASS_MASK;
    const mode = i.code & MODE_MASK;
    const size = SIZE_OF_CODE.get(i.code & SIZE_MASK)!;
    if (cls === CLASS_CODE.ldx && mode === MODE_CODE.mem && i.src === REG_FP && size === 8) {
      if (holds.get(i.dst) === i.off) {
        drop[k] = 1;
        return;
      }
      holds.set(i.dst, i.off);
      forgetCopies(i.dst);
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
      copies.clear();
      return;
    }
    if (cls === CLASS_CODE.jmp || cls === CLASS_CODE.jmp32) {
      const op = i.code & OP_MASK;
      if (op === JMP_OP_CODE.call) {
        holds.clear();
        for (const r of REGS_CALLER_SAVED) forgetCopies(r);
      } else if (op === JMP_OP_CODE.ja || op === JMP_OP_CODE.exit) {
        holds.clear();
        copies.clear();
      }
      return;
    }
    if (cls === CLASS_CODE.ld && (mode === MODE_CODE.abs || mode === MODE_CODE.ind)) {
      for (const r of REGS_CALLER_SAVED) {
        holds.delete(r); // LD_ABS/LD_IND clobber R0-R5
        forgetCopies(r);
      }
      return;
    }
    // Every other instruction (ALU, loads, ld_imm64) writes its dst register only.
    holds.delete(i.dst);
    forgetCopies(i.dst);
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
