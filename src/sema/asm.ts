// GNU extended inline assembly for BPF (GCC and clang's `asm volatile("..." : outputs : inputs
// : clobbers)`). The template is BPF assembly in the kernel log's syntax (bpf/assemble.ts), with
// %[name] or %N standing for operands. ebcc accepts:
//   outputs: up to four, "=r" (a register, written as rN), "=w" (its 32-bit half, wN), or
//            "+r"/"+w" (read and written); an '&' (early clobber) is accepted and always holds;
//   inputs:  "r"/"w" (a register), "i"/"n" (an immediate, which must be a constant once the
//            program is inlined and optimised; a helper's name gives its id, &map the map),
//            "ri"/"g" (an immediate if constant by then, else a register), and "N" (the same
//            register as output N);
//   clobbers: "r0".."r9", "memory" and "cc".
// In the template, %= is a number unique to the statement (for local labels), %% a percent sign.
// A function with __attribute__((naked)) has only assembly for a body: no parameter moves and
// no return are added around it (the verifier's own tests are written this way).
// Registers named in the template itself, and R0-R5 when it contains a call, are clobbered too,
// so no operand is placed in them and no value lives in them across the statement.
import type * as ast from '../parse/ast.js';
import { assemble, expandAsmTemplate } from '../bpf/assemble.js';
import { REGS_CALLER_SAVED } from '../bpf/opcodes.js';
import type { Span } from '../diag/source.js';
import { tryEval } from './const-eval.js';
import { checkExpr } from './expr.js';
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
  if (st.outputs.length > 4) {
    bad(`this asm statement has ${st.outputs.length} output operands; ebcc supports up to 4 (each after the first takes a fixed register): split it into several asm statements`, st.outputs[4]!.span);
  }
  st.outputs.forEach((o) => {
    const m = /^([=+])&?([rw])$/.exec(o.constraint.replace(/\s+/g, ''));
    const expr = checkExpr(s, o.expr, { noDecay: true });
    if (!m) {
      bad(`output constraint "${o.constraint}" is not supported: BPF inline assembly in ebcc writes a register ("=r", or "=w" for its 32-bit half, "+r" to read and write it); for memory, pass its address as an "r" input and store through it in the template`, o.span);
    } else if (!isLvalue(expr)) {
      bad('an asm output operand must be an lvalue (a variable, a member, or *pointer)', o.expr.span);
    }
    checkScalar(s, expr, o.span);
    operands.push({ name: o.name, role: m?.[1] === '+' ? 'inout' : 'out', kind: 'reg', width: m?.[2] === 'w' ? 'w' : 'r', expr, span: o.span });
  });
  st.inputs.forEach((o) => {
    const c = o.constraint.replace(/\s+/g, '');
    const expr = checkExpr(s, o.expr);
    if (c === 'r' || c === 'w') {
      checkScalar(s, expr, o.span);
      operands.push({ name: o.name, role: 'in', kind: 'reg', width: c, expr, span: o.span });
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
      bad(`input constraint "${o.constraint}" is not supported: ebcc takes register ("r", "w") and immediate ("i") operands; for memory, pass the address in a register ("r"(&x)) and write the access in the template`, o.span);
      operands.push({ name: o.name, role: 'in', kind: 'reg', width: 'r', expr, span: o.span }); // keeps the numbering
    }
  });
  const parts = splitTemplate(st, operands, bad);
  const clobbers = new Set<number>();
  for (const c of st.clobbers) {
    const m = /^[rw](\d)$/.exec(c.trim());
    if (m) clobbers.add(Number(m[1]));
    else if (c.trim() !== 'memory' && c.trim() !== 'cc') bad(`unknown clobber "${c}": BPF inline assembly clobbers registers "r0".."r9", "memory" or "cc"`);
  }
  const literal = parts.filter((p): p is string => typeof p === 'string').join(' ');
  for (const m of literal.matchAll(/\b[rw]([0-9])\b/g)) clobbers.add(Number(m[1]));
  if (/\bcall\b/.test(literal)) REGS_CALLER_SAVED.forEach((r) => clobbers.add(r));
  if (!failed) checkTemplate(s, st, parts, operands);
  return { kind: 'Asm', parts, operands, clobbers: [...clobbers].sort((a, b) => a - b), span: st.span };
}

function checkScalar(s: SemaState, e: TExpr, span: Span): void {
  const size = T.sizeOf(e.type) ?? 0;
  if (!T.isScalar(e.type) || size > 8) {
    error(s, 'E3112', `an asm register operand must be an integer or a pointer of at most 8 bytes, not '${T.typeToString(e.type)}'`, span);
  }
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

/** Splits the template into text and operand references: %N, %[name]; %% is a percent sign. */
function splitTemplate(st: ast.AsmStmt, operands: TAsmOperand[], bad: (message: string) => void): TAsmPart[] {
  const parts: TAsmPart[] = [];
  let text = '';
  const re = /%(%|=|\[([A-Za-z_]\w*)\]|(\d+)|.?)/g;
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

/** Assembles the template with stand-in registers, so that syntax errors are reported at the statement. */
function checkTemplate(s: SemaState, st: ast.AsmStmt, parts: TAsmPart[], operands: TAsmOperand[]): void {
  const text = expandAsmTemplate(parts, (k) => {
    const o = operands[k]!;
    if (o.kind === 'map') return `map[${o.mapName}]`;
    if (o.kind === 'imm') return String(tryEval(o.expr) ?? 0n);
    return `${o.width}${(o.tiedOutput ?? k) % 9 + 1}`;
  });
  const out = assemble(text);
  for (const e of out.errors) {
    const line = text.split('\n')[e.line - 1]?.trim() ?? '';
    error(s, 'E3112', `in inline assembly: ${e.message}${line ? ` (in '${line}', with operands written as registers)` : ''}`, st.span);
  }
  for (const r of out.relocs) {
    if (r.kind === 'map') continue;
    error(s, 'E3112', `inline assembly cannot ${r.kind === 'call' ? 'call' : 'take the address of'} '${r.symbol}': calls and callbacks to C functions are written in C; a helper is called by name or number ('call bpf_map_lookup_elem')`, st.span);
  }
}
