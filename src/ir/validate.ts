// The IR's rules, checked. A function is valid when:
//  1. it has at least one block, and block i has id i (block 0 is the entry);
//  2. every jump and branch targets an existing block;
//  3. every virtual register number is below vregCount, and parameters are distinct;
//  4. every stack slot an instruction names exists, and slot ids equal their index;
//  5. operand widths are legal: ALU and compare widths are 32 or 64, memory sizes
//     1, 2, 4 or 8, atomics 4 or 8 bytes, sign extension from fewer bits than it makes;
//  6. immediates are integers representable in 64 bits (signed or unsigned);
//  7. a register is read only where some definition (or the entry, for parameters)
//     may reach it — the IR is not SSA, so this is "defined on some path", which
//     rules out reads of registers that are never written anywhere.
// validateFunction returns the broken rules as messages (empty when valid).
import type { Address, Inst, IrFunction, Module, Operand } from './ir.js';
import { instDef, instUses, successors, termUses } from './ir.js';

export function validateModule(m: Module): string[] {
  return m.functions.flatMap((f) => validateFunction(f).map((msg) => `${f.name}: ${msg}`));
}

export function validateFunction(fn: IrFunction): string[] {
  const errors: string[] = [];
  const where = (b: number, k: number | 'term') => `b${b}${k === 'term' ? ' terminator' : `[${k}]`}`;
  if (fn.blocks.length === 0) errors.push('no blocks');
  fn.blocks.forEach((b, i) => {
    if (b.id !== i) errors.push(`block at index ${i} has id ${b.id}`);
  });
  fn.slots.forEach((s, i) => {
    if (s.id !== i) errors.push(`slot at index ${i} has id ${s.id}`);
  });
  if (new Set(fn.params).size !== fn.params.length) errors.push('parameters repeat a register');
  const defined = new Set<number>(fn.params);
  for (const b of fn.blocks) for (const i of b.insts) {
    const d = instDef(i);
    if (d !== undefined) defined.add(d);
  }
  const reg = (r: number, at: string) => {
    if (!Number.isInteger(r) || r < 0 || r >= fn.vregCount) errors.push(`${at}: register %${r} is out of range (vregCount ${fn.vregCount})`);
  };
  const imm = (o: Operand, at: string) => {
    if (o.kind === 'imm' && (o.value < -(1n << 63n) || o.value > (1n << 64n) - 1n)) errors.push(`${at}: immediate ${o.value} does not fit 64 bits`);
  };
  const addr = (a: Address, at: string) => {
    if (a.kind === 'slot' && (a.slot < 0 || a.slot >= fn.slots.length)) errors.push(`${at}: slot #${a.slot} does not exist`);
    if (!Number.isInteger(a.off)) errors.push(`${at}: offset ${a.off} is not an integer`);
  };
  for (const b of fn.blocks) {
    b.insts.forEach((i, k) => {
      const at = where(b.id, k);
      for (const u of instUses(i)) {
        reg(u, at);
        if (!defined.has(u)) errors.push(`${at}: %${u} is read but never written`);
      }
      const d = instDef(i);
      if (d !== undefined) reg(d, at);
      checkWidths(i, at, errors);
      if (i.op === 'mov') imm(i.src, at);
      if (i.op === 'alu') {
        imm(i.a, at);
        imm(i.b, at);
      }
      if (i.op === 'load' || i.op === 'store' || i.op === 'atomic') addr(i.addr, at);
      if (i.op === 'slotaddr' && (i.slot < 0 || i.slot >= fn.slots.length)) errors.push(`${at}: slot #${i.slot} does not exist`);
    });
    const at = where(b.id, 'term');
    for (const s of successors(b.term)) if (s < 0 || s >= fn.blocks.length) errors.push(`${at}: target b${s} does not exist`);
    for (const u of termUses(b.term)) {
      reg(u, at);
      if (!defined.has(u)) errors.push(`${at}: %${u} is read but never written`);
    }
    if (b.term.op === 'br' && b.term.bits !== 32 && b.term.bits !== 64) errors.push(`${at}: compare width ${b.term.bits}`);
  }
  return errors;
}

function checkWidths(i: Inst, at: string, errors: string[]): void {
  const bad = (what: string) => errors.push(`${at}: ${what}`);
  switch (i.op) {
    case 'mov':
    case 'alu':
    case 'neg':
      if (i.bits !== 32 && i.bits !== 64) bad(`width ${i.bits}`);
      break;
    case 'sext':
      if (i.fromBits >= i.bits) bad(`sign extension from ${i.fromBits} to ${i.bits} bits`);
      break;
    case 'load':
    case 'store':
      if (![1, 2, 4, 8].includes(i.size)) bad(`memory size ${i.size}`);
      break;
    case 'atomic':
      if (i.size !== 4 && i.size !== 8) bad(`atomic size ${i.size}`);
      if (i.aop === 'cmpxchg' && i.expected === undefined) bad('cmpxchg without an expected value');
      break;
    default:
      break;
  }
}
