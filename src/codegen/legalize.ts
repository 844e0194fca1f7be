// Legalisation: makes every immediate operand encodable in its instruction.
// Needs: nothing. Changes: adds movs for immediates that do not fit an
// instruction's signed 32-bit imm field, and for division by the constant 0
// (which the verifier rejects as an immediate). Invalidates: liveness.
import type { Inst, IrFunction, Operand, VReg } from '../ir/ir.js';

/** Whether a 64-bit value survives the sign extension of a 32-bit imm field. */
export function fitsImm64(v: bigint): boolean {
  return BigInt.asUintN(64, BigInt.asIntN(32, v)) === BigInt.asUintN(64, v);
}

export function legalize(fn: IrFunction): void {
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
      }
      if (i.op === 'store' && i.src.kind === 'imm' && i.size === 8 && !fitsImm64(i.src.value)) i.src = materialize(i.src, i.span);
      out.push(i);
    }
    const t = b.term;
    if (t.op === 'br' && t.b.kind === 'imm' && t.bits === 64 && !fitsImm64(t.b.value)) t.b = materialize(t.b, t.span);
    b.insts = out;
  }
}
