// Inline assembly: operands become virtual registers (inputs, each a fresh copy, so a template
// that writes an input register cannot change a C variable), immediates and maps. The first
// output is the `asm` instruction's own result. The IR has one result per instruction, so each
// further output gets a fixed register chosen here (and clobbered): the template writes it, and
// an `asm` right after it copies it into the output's virtual register (no instruction comes
// between them, and nothing else can be in a register the first clobbers; each copy clobbers
// the fixed registers still to be read, so its own register is none of them).
// "+r" and inputs tied with "N" start an output as a copy of the input value.
// asm goto: the template's jumps to C labels go to labels at its end, each of which sets the
// instruction's result to the label's number (0 when the text falls through); branches on that
// number after the statement then go to the C labels.
import type { AsmOperand, AsmPart, Operand, VReg } from '../ir/ir.js';
import { reg } from '../ir/ir.js';
import type { TStmt } from '../sema/program.js';
import * as T from '../sema/types.js';
import { asmGotoLabel } from '../bpf/assemble.js';
import { emit, isSigned, newBlock, newVReg, startBlock, terminate, toReg, type Lowerer } from './builder.js';
import { labelBlock } from './stmt.js';
import { loadLValue, lowerExpr, lowerLValue, storeLValue, type LValue } from './expr.js';

interface Output {
  index: number;
  lv: LValue;
  type: T.CType;
  width: 'r' | 'w';
  init?: VReg;
  /** For outputs after the first: the fixed register the text writes it to. */
  fixed?: { regNo: number };
}

export function lowerAsm(l: Lowerer, st: TStmt & { kind: 'Asm' }): void {
  l.span = st.span;
  const clobbers = new Set(st.clobbers);
  const operands: AsmOperand[] = [];
  const outputs: Output[] = [];
  const copy = (o: Operand): VReg => {
    const t = newVReg(l);
    emit(l, { op: 'mov', bits: 64, dst: t, src: o, span: l.span });
    return t;
  };
  st.operands.forEach((o, index) => {
    if (o.role !== 'in') {
      const lv = lowerLValue(l, o.expr);
      const out: Output = { index, lv, type: o.expr.type, width: o.width === 'w' ? 'w' : 'r', init: o.role === 'inout' ? toReg(l, loadLValue(l, lv)) : undefined };
      if (outputs.length > 0) {
        const regNo = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0].find((r) => !clobbers.has(r))!;
        clobbers.add(regNo);
        out.fixed = { regNo };
        operands.push({ kind: 'fixed', text: `${out.width}${regNo}` });
      } else operands.push({ kind: 'out', width: out.width });
      outputs.push(out);
      return;
    }
    if (o.kind === 'map') {
      operands.push({ kind: 'map', symbol: o.mapName! });
      return;
    }
    const value: Operand = lowerExpr(l, o.expr);
    if (o.kind === 'imm') {
      const ctype = { bits: (T.sizeOf(o.expr.type) ?? 8) * 8, signed: isSigned(o.expr.type) };
      operands.push({ kind: 'imm', value, orRegister: o.orRegister, ctype });
      return;
    }
    const tied = o.tiedOutput !== undefined ? outputs.find((x) => x.index === o.tiedOutput) : undefined;
    if (tied) {
      tied.init = copy(value);
      operands.push(tied.fixed ? { kind: 'fixed', text: `${tied.width}${tied.fixed.regNo}` } : { kind: 'out', width: tied.width });
      return;
    }
    operands.push({ kind: 'reg', reg: copy(value), width: o.width });
  });
  // Further outputs: set up from their initial value before the text.
  const before: AsmPart[] = [];
  const after: AsmPart[] = [];
  for (const out of outputs) {
    if (!out.fixed || out.init === undefined) continue;
    operands.push({ kind: 'reg', reg: out.init, width: 'r' });
    before.push(`r${out.fixed.regNo} = `, { operand: operands.length - 1 }, '\n');
  }
  const first = outputs.find((o) => !o.fixed);
  if (first?.init !== undefined) {
    for (const op of operands) if (op.kind === 'out') op.init = first.init;
  }
  const labels = st.gotoLabels ?? [];
  if (labels.length > 0) {
    // Sema allows no outputs here, so the result is free for the label's number.
    operands.push({ kind: 'out', width: 'r' });
    const sel = { operand: operands.length - 1 };
    after.push('\n', sel, ' = 0\ngoto __asm_goto_end');
    labels.forEach((_, k) => after.push(`\n${asmGotoLabel(k)}:\n`, sel, ` = ${k + 1}`, k < labels.length - 1 ? '\ngoto __asm_goto_end' : ''));
    after.push('\n__asm_goto_end:');
  }
  const dst = first || labels.length > 0 ? newVReg(l) : undefined;
  emit(l, { op: 'asm', parts: [...before, ...st.parts, ...after], operands, dst, clobbers: [...clobbers].sort((a, b) => a - b), span: st.span });
  labels.forEach((label, k) => {
    const next = newBlock(l);
    terminate(l, { op: 'br', cmp: 'eq', bits: 64, a: dst!, b: { kind: 'imm', value: BigInt(k + 1) }, then: labelBlock(l, label), else: next, span: st.span });
    startBlock(l, next);
  });
  // The further outputs leave their fixed registers at once, before any other instruction.
  const fixedRegs = outputs.flatMap((o) => (o.fixed ? [o.fixed.regNo] : []));
  const values = outputs.map((out) => {
    if (!out.fixed) return dst!;
    const value = newVReg(l);
    const pending = fixedRegs.filter((r) => r !== out.fixed!.regNo);
    fixedRegs.splice(fixedRegs.indexOf(out.fixed.regNo), 1);
    emit(l, { op: 'asm', parts: [{ operand: 0 }, ` = r${out.fixed.regNo}`], operands: [{ kind: 'out', width: 'r' }], dst: value, clobbers: pending.sort((a, b) => a - b), span: st.span });
    return value;
  });
  outputs.forEach((out, k) => storeLValue(l, out.lv, canonicalize(l, values[k]!, out.type)));
}

/** The register the text wrote holds 64 bits; a narrower C type keeps only its own (zero-extended). */
function canonicalize(l: Lowerer, r: VReg, type: T.CType): Operand {
  const size = T.sizeOf(type) ?? 8;
  if (size >= 8 || T.isPointer(type)) return reg(r);
  const dst = newVReg(l);
  if (size === 4) emit(l, { op: 'mov', bits: 32, dst, src: reg(r), span: l.span });
  else emit(l, { op: 'alu', alu: 'and', bits: 64, dst, a: reg(r), b: { kind: 'imm', value: (1n << BigInt(size * 8)) - 1n }, span: l.span });
  return reg(dst);
}
