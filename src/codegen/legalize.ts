// Legalisation: makes every instruction encodable for the target -mcpu.
// Needs: nothing. Changes: adds movs for immediates that do not fit an
// instruction's signed 32-bit imm field (also a wide constant on the left of
// `x = C op x`, which becomes `x op= C`), and for division by the constant 0
// (which the verifier rejects as an immediate), and copies of `x` in `x = a op x`
// (non-commutative op); without the jmp32 feature turns 32-bit compares into
// 64-bit ones (sign-extending for signed compares); without jmpExt (no
// jlt/jle/jslt/jsle) swaps operands to use jgt/jge/jsgt/jsge. Which -mcpu
// level has which feature is CPU_FEATURES in bpf/opcodes.ts.
// Invalidates: liveness.
import { hasCondJmp, type CpuFeature } from '../bpf/opcodes.js';
import type { Inst, IrFunction, Operand, Terminator, VReg } from '../ir/ir.js';
import { COMMUTATIVE_ALU, jmpOf, swappedCmp } from '../ir/ir.js';

/** Whether a 64-bit value survives the sign extension of a 32-bit imm field. */
export function fitsImm64(v: bigint): boolean {
  return BigInt.asUintN(64, BigInt.asIntN(32, v)) === BigInt.asUintN(64, v);
}

export function legalize(fn: IrFunction, cpu: ReadonlySet<CpuFeature>): void {
  for (const b of fn.blocks) {
    const out: Inst[] = [];
    const materialize = (o: Operand, span: Inst['span']): Operand => {
      const r = fn.vregCount++ as VReg;
      out.push({ op: 'mov', bits: 64, dst: r, src: o, span });
      return { kind: 'reg', reg: r };
    };
    for (const i of b.insts) {
      if (i.op === 'alu') {
        if (i.b.kind === 'imm' && i.bits === 64 && !fitsImm64(i.b.value)) i.b = materialize(i.b, i.span);
        if (i.b.kind === 'imm' && (i.alu === 'div' || i.alu === 'mod' || i.alu === 'sdiv' || i.alu === 'smod') && BigInt.asUintN(i.bits, i.b.value) === 0n) {
          i.b = materialize(i.b, i.span);
        }
        if (i.a.kind === 'imm' && i.b.kind === 'imm') {
          i.a = materialize(i.a, i.span);
        }
        // `x = C op x`, op commutative: the selector emits `x op= C`, so C must fit the imm field.
        if (i.a.kind === 'imm' && i.bits === 64 && !fitsImm64(i.a.value) && i.b.kind === 'reg' && i.b.reg === i.dst) {
          i.a = materialize(i.a, i.span);
        }
        // `x = a op x` with op not commutative: BPF's two-address form writes a into x's
        // register before op reads x, so x is copied first (the copy interferes with x).
        if (i.b.kind === 'reg' && i.b.reg === i.dst && !(i.a.kind === 'reg' && i.a.reg === i.dst) && !COMMUTATIVE_ALU.has(i.alu)) {
          i.b = materialize(i.b, i.span);
        }
      }
      if (i.op === 'ldabs' && i.off.kind === 'imm' && !fitsImm64(i.off.value + BigInt(i.disp ?? 0))) i.off = materialize(i.off, i.span);
      if (i.op === 'store' && i.src.kind === 'imm' && i.size === 8 && !fitsImm64(i.src.value)) i.src = materialize(i.src, i.span);
      out.push(i);
    }
    let t: Terminator = b.term;
    if (t.op === 'br' && t.bits === 32 && !cpu.has('jmp32')) {
      const signed = t.cmp === 'sgt' || t.cmp === 'sge' || t.cmp === 'slt' || t.cmp === 'sle';
      const widen = (r: VReg): VReg => {
        const d = fn.vregCount++ as VReg;
        if (signed) out.push({ op: 'sext', bits: 64, fromBits: 32, dst: d, src: r, span: t.span });
        else out.push({ op: 'mov', bits: 32, dst: d, src: { kind: 'reg', reg: r }, span: t.span });
        return d;
      };
      // Registers hold 32-bit values zero-extended, so unsigned compares only need the imm zero-extended.
      const a = signed ? widen(t.a) : t.a;
      let bOp: Operand = t.b;
      if (bOp.kind === 'reg') bOp = signed ? { kind: 'reg', reg: widen(bOp.reg) } : bOp;
      else bOp = { kind: 'imm', value: signed ? BigInt.asUintN(64, BigInt.asIntN(32, bOp.value)) : BigInt.asUintN(32, bOp.value) };
      t = { ...t, bits: 64, a, b: bOp };
    }
    if (t.op === 'br' && t.b.kind === 'imm' && t.bits === 64 && !fitsImm64(t.b.value)) t = { ...t, b: materialize(t.b, t.span) };
    if (t.op === 'br' && !hasCondJmp(cpu, jmpOf(t.cmp))) {
      const bReg = t.b.kind === 'reg' ? t.b.reg : (materialize(t.b, t.span) as { reg: VReg }).reg;
      t = { ...t, cmp: swappedCmp(t.cmp), a: bReg, b: { kind: 'reg', reg: t.a } };
    }
    b.term = t;
    b.insts = out;
  }
}
