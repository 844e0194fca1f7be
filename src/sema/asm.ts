// GNU extended inline assembly for BPF (GCC and clang's `asm volatile("..." : outputs : inputs
// : clobbers)`, and `asm goto("..." : : inputs : clobbers : labels)`). The template is BPF assembly
// in the kernel log's syntax (bpf/assemble.ts), with %[name] or %N standing for operands. ebcc accepts:
//   outputs: "=r" (a register, written as rN), "=w" (its 32-bit half, wN), or "+r"/"+w" (read
//            and written); "=g"/"+g"/"=rm" (register or memory) take a register; "=m"/"+m" (memory)
//            is written `(rN + 0)`, the object's address in a register; an '&' (early clobber) is
//            accepted and always holds. Each output after the first takes a register of its own;
//   inputs:  "r"/"w"/"p" (a register), "m" (memory, as for outputs), "i"/"n" (an immediate, which
//            must be a constant once the program is inlined and optimised; a helper's name gives
//            its id, &map the map), "ri"/"g" (an immediate if constant by then, else a register),
//            and "N" (the same register as output N);
//   clobbers: "r0".."r9", "memory" and "cc";
//   labels (asm goto): C labels of the function, written %l[name] or %lN in the template (N counts
//            the operands first); `__label__` makes them local to a block or statement expression.
// In the template, %= is a number unique to the statement (for local labels), %% a percent sign.
// A function with __attribute__((naked)) has only assembly for a body: no parameter moves and
// no return are added around it (the verifier's own tests are written this way).
// Registers named in the template itself, and R0-R5 when it contains a call, are clobbered too,
// so no operand is placed in them and no value lives in them across the statement.
import type * as ast from '../parse/ast.js';
import { asmGotoLabel } from '../bpf/assemble.js';
import { REGS_CALLER_SAVED } from '../bpf/opcodes.js';
import type { Span } from '../diag/source.js';
import { tryEval } from './const-eval.js';
import { checkExpr, markAddressTaken } from './expr.js';
import { resolveLabel } from './stmt.js';
import { isLvalue } from './convert.js';
import type { TAsmOperand, TAsmPart, TExpr, TStmt } from './program.js';
import { error, type SemaState } from './state.js';
import * as T from './types.js';

export function checkAsmStmt(s: SemaState, st: ast.AsmStmt): TStmt {
  if (st.template.trim() === '' && st.outputs.length === 0 && st.inputs.length === 0) return { kind: 'Barrier', span: st.span };
  let failed = false;
  const bad = (message: string, span: Span = st.span) => {
    failed = true;
    error(s, 'E3112', message, span);
  };
  const operands: TAsmOperand[] = [];
  if (st.gotoLabels && st.outputs.length > 0) {
    bad('ebcc does not compile asm goto with output operands: store the value through an "r" input holding its address, or split the statement', st.outputs[0]!.span);
  }
  st.outputs.forEach((o) => {
    const c = o.constraint.replace(/\s+/g, '');
    const m = /^([=+])&?(r|w|g|rm|mr|m)$/.exec(c);
    const expr = checkExpr(s, o.expr, { noDecay: true });
    if (!m) {
      bad(`output constraint "${o.constraint}" is not supported: BPF inline assembly in ebcc writes a register ("=r", or "=w" for its 32-bit half, "+r" to read and write it) or memory ("=m", written '*(u64 *)%[x]' in the template)`, o.span);
    } else if (!isLvalue(expr)) {
      bad('an asm output operand must be an lvalue (a variable, a member, or *pointer)', o.expr.span);
    } else if (m[2] === 'm') {
      // Memory: the template stores through the object's address, so it is an input.
      operands.push(memoryOperand(s, o, expr, bad));
      return;
    }
    checkScalar(s, expr, o.span);
    operands.push({ name: o.name, role: m?.[1] === '+' ? 'inout' : 'out', kind: 'reg', width: m?.[2] === 'w' ? 'w' : 'r', expr, span: o.span });
  });
  st.inputs.forEach((o) => {
    const c = o.constraint.replace(/\s+/g, '');
    if (c === 'm') {
      const target = checkExpr(s, o.expr, { noDecay: true });
      if (isLvalue(target)) operands.push(memoryOperand(s, o, target, bad));
      else {
        bad('an "m" operand must be an lvalue (a variable, a member, or *pointer)', o.expr.span);
        operands.push({ name: o.name, role: 'in', kind: 'reg', width: 'r', expr: target, span: o.span });
      }
      return;
    }
    const expr = checkExpr(s, o.expr);
    if (c === 'r' || c === 'w' || c === 'p') {
      checkScalar(s, expr, o.span);
      operands.push({ name: o.name, role: 'in', kind: 'reg', width: c === 'w' ? 'w' : 'r', expr, span: o.span });
    } else if (c === 'i' || c === 'n') {
      operands.push(immediateOperand(s, o, expr));
    } else if (c === 'ri' || c === 'ir' || c === 'rn' || c === 'nr' || c === 'g') {
      // Either: an immediate when the value is a constant once optimised, else a register.
      checkScalar(s, expr, o.span);
      operands.push({ ...immediateOperand(s, o, expr), orRegister: true });
    } else if (/^\d$/.test(c)) {
      const tied = Number(c);
      if (tied >= st.outputs.length) bad(`input constraint "${c}" names output operand ${tied}, but the statement has ${st.outputs.length} output operand(s)`, o.span);
      checkScalar(s, expr, o.span);
      operands.push({ name: o.name, role: 'in', kind: 'reg', width: operands[tied]?.width ?? 'r', expr, tiedOutput: tied, span: o.span });
    } else {
      bad(`input constraint "${o.constraint}" is not supported: ebcc takes register ("r", "w", "p"), memory ("m") and immediate ("i", "n", "ri", "g") operands`, o.span);
      operands.push({ name: o.name, role: 'in', kind: 'reg', width: 'r', expr, span: o.span }); // keeps the numbering
    }
  });
  const labels = (st.gotoLabels ?? []).map((g) => resolveLabel(s, g.name));
  (st.gotoLabels ?? []).forEach((g, k) => s.fn?.gotos.push({ label: labels[k]!, name: g.name, span: g.span }));
  const parts = splitTemplate(st, operands, st.gotoLabels?.map((g) => g.name) ?? [], bad);
  const clobbers = new Set<number>();
  for (const c of st.clobbers) {
    const m = /^[rw](\d)$/.exec(c.trim());
    if (m) clobbers.add(Number(m[1]));
    else if (c.trim() !== 'memory' && c.trim() !== 'cc') bad(`unknown clobber "${c}": BPF inline assembly clobbers registers "r0".."r9", "memory" or "cc"`);
  }
  const literal = parts.filter((p): p is string => typeof p === 'string').join(' ');
  for (const m of literal.matchAll(/\b[rw]([0-9])\b/g)) clobbers.add(Number(m[1]));
  if (/\bcall\b/.test(literal)) REGS_CALLER_SAVED.forEach((r) => clobbers.add(r));
  // Each output after the first takes a register of its own that nothing else uses.
  const inputRegs = operands.filter((o) => o.role === 'in' && o.kind !== 'map' && o.tiedOutput === undefined).length;
  const outputs = operands.filter((o) => o.role !== 'in').length;
  if (outputs > 1 && outputs + inputRegs > 10 - clobbers.size) {
    bad(`this asm statement needs ${outputs + inputRegs} registers for its ${outputs} outputs and ${inputRegs} inputs, but its clobbers and the registers its template names leave ${10 - clobbers.size}: split it into several asm statements`);
  }
  // The template is assembled where it reaches code generation (codegen/codegen.ts), as clang
  // assembles only the asm it emits.
  const gotoLabels = st.gotoLabels ? { gotoLabels: labels } : {};
  return { kind: 'Asm', parts, operands, clobbers: [...clobbers].sort((a, b) => a - b), ...gotoLabels, span: st.span };
}

function checkScalar(s: SemaState, e: TExpr, span: Span): void {
  const size = T.sizeOf(e.type) ?? 0;
  if (!T.isScalar(e.type) || size > 8) {
    error(s, 'E3112', `an asm register operand must be an integer or a pointer of at most 8 bytes, not '${T.typeToString(e.type)}'`, span);
  }
}

/** A memory operand ("m", "=m"): the object's address in a register, written `(rN + 0)`. */
function memoryOperand(s: SemaState, o: ast.AsmOperand, target: TExpr, bad: (message: string, span?: Span) => void): TAsmOperand {
  if (target.kind === 'Member' && target.member.bitWidth > 0) bad(`a bit-field ('${target.member.name}') cannot be an "m" operand: it has no address`, o.span);
  markAddressTaken(target);
  const expr: TExpr = { kind: 'AddrOf', operand: target, type: T.ptrTo(target.type), span: target.span };
  return { name: o.name, role: 'in', kind: 'reg', width: 'm', expr, span: o.span };
}

/** An "i" operand: a constant (now or after inlining), a helper's id, or a map's address. */
function immediateOperand(s: SemaState, o: ast.AsmOperand, expr: TExpr): TAsmOperand {
  let e = expr;
  while (e.kind === 'Cast') e = e.operand;
  if (e.kind === 'Global' && e.sym.role === 'helper' && e.sym.helperId !== undefined) {
    return { name: o.name, role: 'in', kind: 'imm', width: 'r', expr: { kind: 'Const', value: BigInt(e.sym.helperId), type: T.LONG, span: e.span }, span: o.span };
  }
  const target = e.kind === 'AddrOf' ? e.operand : e.kind === 'Decay' ? e.operand : undefined;
  if (target?.kind === 'Global' && (target.sym.role === 'map' || target.sym.role === 'legacy-map')) {
    return { name: o.name, role: 'in', kind: 'map', width: 'r', expr, mapName: target.sym.name, span: o.span };
  }
  if (!T.isInteger(expr.type) && tryEval(expr) === undefined) {
    error(s, 'E3112', `an "i" operand must be an integer constant, a helper, or the address of a map, not '${T.typeToString(expr.type)}'`, o.span);
  }
  return { name: o.name, role: 'in', kind: 'imm', width: 'r', expr, span: o.span };
}

/**
 * Splits the template into text and operand references: %N, %[name]; %% is a percent sign.
 * A label reference, %l[name] or %lN (N after the operands), becomes the text asmGotoLabel(K).
 */
function splitTemplate(st: ast.AsmStmt, operands: TAsmOperand[], labels: string[], bad: (message: string) => void): TAsmPart[] {
  const parts: TAsmPart[] = [];
  let text = '';
  const re = /%(%|=|\[([A-Za-z_]\w*)\]|(\d+)|l\[([A-Za-z_]\w*)\]|l(\d+)|.?)/g;
  let last = 0;
  for (let m = re.exec(st.template); m; m = re.exec(st.template)) {
    text += st.template.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[1] === '%') {
      text += '%';
      continue;
    }
    if (m[1] === '=') {
      // %= : a number unique to this asm statement (for its local labels).
      text += String(st.span.start);
      continue;
    }
    if (m[4] !== undefined || m[5] !== undefined) {
      const k = m[4] !== undefined ? labels.indexOf(m[4]) : Number(m[5]) - operands.length;
      if (k < 0 || k >= labels.length) {
        bad(labels.length === 0 ? `'%${m[1]}' refers to a label, but only asm goto takes labels ('asm goto("..." : : inputs : clobbers : label)')` : `the template refers to label %${m[1]}, but the statement's labels are ${labels.map((n) => `'${n}'`).join(', ')}`);
      } else text += asmGotoLabel(k);
      continue;
    }
    let index = -1;
    if (m[2] !== undefined) {
      index = operands.findIndex((o) => o.name === m[2]);
      if (index < 0) bad(`the template refers to %[${m[2]}], but no operand is named '${m[2]}'`);
    } else if (m[3] !== undefined) {
      index = Number(m[3]);
      if (index >= operands.length) bad(`the template refers to %${m[3]}, but the statement has ${operands.length} operand(s)`);
    } else {
      bad(`'%${m[1]}' in the template is not an operand reference: write %[name] or %N for operand N, %= for a number unique to the statement, and %% for a percent sign`);
    }
    if (text !== '') parts.push(text);
    text = '';
    if (index >= 0 && index < operands.length) parts.push({ operand: index });
  }
  text += st.template.slice(last);
  if (text !== '') parts.push(text);
  return parts;
}
