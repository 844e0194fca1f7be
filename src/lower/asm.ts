// Inline assembly: operands become virtual registers (inputs), an immediate, a map, and at most
// one output, which the `asm` instruction defines and the statement then stores to its lvalue.
// "+r" and inputs tied with "0" start the output as a copy of the input value.
import type { AsmOperand, Operand, VReg } from '../ir/ir.js';
import { reg } from '../ir/ir.js';
import type { TStmt } from '../sema/program.js';
import * as T from '../sema/types.js';
import { emit, newVReg, toReg, type Lowerer } from './builder.js';
import { loadLValue, lowerExpr, lowerLValue, storeLValue, type LValue } from './expr.js';

export function lowerAsm(l: Lowerer, st: TStmt & { kind: 'Asm' }): void {
  l.span = st.span;
  let output: { lv: LValue; type: T.CType; init?: VReg } | undefined;
  const operands: AsmOperand[] = [];
  st.operands.forEach((o) => {
    if (o.role !== 'in') {
      const lv = lowerLValue(l, o.expr);
      output = { lv, type: o.expr.type, init: o.role === 'inout' ? toReg(l, loadLValue(l, lv)) : undefined };
      operands.push({ kind: 'out', width: o.width });
      return;
    }
    if (o.kind === 'map') {
      operands.push({ kind: 'map', symbol: o.mapName! });
      return;
    }
    const value: Operand = lowerExpr(l, o.expr);
    if (o.kind === 'imm') {
      operands.push({ kind: 'imm', value });
      return;
    }
    if (o.tiedOutput !== undefined && output) {
      // The input starts in the output's register: it is the output's initial value.
      output.init = toReg(l, value);
      operands.push({ kind: 'out', width: o.width });
      return;
    }
    operands.push({ kind: 'reg', reg: toReg(l, value), width: o.width });
  });
  const dst = output ? newVReg(l) : undefined;
  if (output?.init !== undefined) {
    for (const op of operands) if (op.kind === 'out') op.init = output.init;
  }
  emit(l, { op: 'asm', parts: st.parts, operands, dst, clobbers: st.clobbers, span: st.span });
  if (output && dst !== undefined) storeLValue(l, output.lv, canonicalize(l, dst, output.type));
}

/** The register the text wrote holds 64 bits; a narrower C type keeps only its own (zero-extended). */
function canonicalize(l: Lowerer, r: VReg, type: T.CType): Operand {
  const size = T.sizeOf(type) ?? 8;
  if (size >= 8) return reg(r);
  const dst = newVReg(l);
  if (size === 4) emit(l, { op: 'mov', bits: 32, dst, src: reg(r), span: l.span });
  else emit(l, { op: 'alu', alu: 'and', bits: 64, dst, a: reg(r), b: { kind: 'imm', value: (1n << BigInt(size * 8)) - 1n }, span: l.span });
  return reg(dst);
}
