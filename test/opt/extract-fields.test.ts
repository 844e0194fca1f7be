// Narrow values packed into a word register and read back (opt/extract-fields.ts): the read is a
// copy of the register that holds the value, when one does and its definition dominates the
// read, and the registers the value comes from are not written again in between (in a loop); a
// field that branches in several blocks test, which no register holds, is computed once where
// those blocks' common dominator is, and each test reads it.
import { describe, expect, it } from 'vitest';
import { NO_SPAN } from '../../src/diag/source.js';
import type { Block, Inst, IrFunction, Operand, Terminator, VReg } from '../../src/ir/ir.js';
import { printFunction } from '../../src/ir/print.js';
import { validateFunction } from '../../src/ir/validate.js';
import { extractFields } from '../../src/opt/extract-fields.js';

const span = NO_SPAN;
const r = (n: number) => n as VReg;
const reg = (n: number): Operand => ({ kind: 'reg', reg: r(n) });
const imm = (v: number | bigint): Operand => ({ kind: 'imm', value: BigInt(v) });
const alu = (op: 'and' | 'or' | 'lsh' | 'rsh' | 'add', dst: number, a: number, b: Operand, bits: 32 | 64 = 64): Inst => ({ op: 'alu', alu: op, bits, dst: r(dst), a: reg(a), b, span });
const load = (dst: number, off: number, size: 1 | 2 | 4 | 8 = 4): Inst => ({ op: 'load', size, dst: r(dst), addr: { kind: 'reg', reg: r(0), off }, span });
const ret = (v: number): Terminator => ({ op: 'ret', value: reg(v), span });
const br = (a: number, c: number, then: number, els: number): Terminator => ({ op: 'br', cmp: 'eq', bits: 32, a: r(a), b: imm(c), then, else: els, span });

function fn(blocks: Block[]): IrFunction {
  return { name: 'f', section: 'tc', global: true, params: [r(0)], vregCount: 40, vregNames: new Map(), slots: [], blocks, span, source: undefined as never };
}

function run(f: IrFunction): string {
  extractFields(f);
  expect(validateFunction(f)).toEqual([]);
  return printFunction(f);
}

/** a = byte at 8, b = byte at 9; w = a << 48 | b << 56 (a struct word with two byte fields). */
const PACK: Inst[] = [load(1, 8), alu('and', 2, 1, imm(255), 32), load(3, 12), alu('and', 4, 3, imm(255), 32), alu('lsh', 5, 2, imm(48)), alu('lsh', 6, 4, imm(56)), alu('or', 7, 5, reg(6))];

describe('extractFields', () => {
  it('reads a byte field back out of its word as the register it was stored from', () => {
    // d = (w >> 48) & 255 in two steps on one register (scalar replacement writes it so) is a; w >> 56 is b.
    const f = fn([{ id: 0, insts: [...PACK, alu('rsh', 8, 7, imm(48)), alu('and', 8, 8, imm(255)), alu('rsh', 9, 7, imm(56)), alu('add', 10, 8, reg(9))], term: ret(10) }]);
    const text = run(f);
    expect(text).toContain('%8 = %2\n');
    expect(text).toContain('%9 = %4\n');
  });

  it('keeps a read of part of a field, or of bits from two fields', () => {
    const f = fn([{ id: 0, insts: [...PACK, alu('rsh', 8, 7, imm(48)), alu('and', 8, 8, imm(15)), alu('rsh', 9, 7, imm(52)), alu('and', 9, 9, imm(255)), alu('add', 10, 8, reg(9))], term: ret(10) }]);
    const before = printFunction(f);
    expect(extractFields(f)).toBe(false);
    expect(printFunction(f)).toBe(before);
  });

  it('takes a register\'s bound from how it was computed: a 4-byte load keeps its mask', () => {
    // w = x << 32 with x a whole 32-bit load, read back as (w >> 32) & 255: only x's low byte.
    const f = fn([{ id: 0, insts: [load(1, 8), alu('lsh', 2, 1, imm(32)), alu('rsh', 3, 2, imm(32)), alu('and', 4, 3, imm(255))], term: ret(4) }]);
    const text = run(f);
    expect(text).toContain('%3 = %1\n');
    expect(text).toContain('%4 = and.64 %3, 255');
  });

  it('computes a field that branches in sibling blocks and after their join test once, in their common dominator', () => {
    // w is a loaded 8-byte word; b1, b2 and b4 each test (w >> 48) & 255 against 6.
    const test = (block: number, d: number, then: number, els: number): Block => ({ id: block, insts: [alu('rsh', d, 1, imm(48)), alu('and', d, d, imm(255))], term: br(d, 6, then, els) });
    const f = fn([
      { id: 0, insts: [load(1, 8, 8), load(2, 16)], term: br(2, 4, 1, 2) },
      test(1, 10, 3, 3),
      test(2, 11, 3, 3),
      { id: 3, insts: [], term: { op: 'jmp', target: 4, span } },
      test(4, 12, 5, 5),
      { id: 5, insts: [], term: ret(2) },
    ]);
    const text = run(f);
    expect(text).toMatch(/b0:\n\s+%1 = load\.8 \[%0\+8\]\n\s+%2 = load\.4 \[%0\+16\]\n\s+%40 = rsh\.64 %1, 48\n\s+%41 = and\.64 %40, 255\n/);
    for (const d of [10, 11, 12]) expect(text).toContain(`%${d} = %41\n`);
  });

  it('does not take a value computed from a register that a loop writes again before the read', () => {
    // b1 computes %5 = %4 << 8 from the %4 of the previous time round; b2 loads a new %4 and
    // computes %4 << 8 again, which is not %5.
    const f = fn([
      { id: 0, insts: [], term: { op: 'jmp', target: 1, span } },
      { id: 1, insts: [alu('lsh', 5, 4, imm(8))], term: { op: 'jmp', target: 2, span } },
      { id: 2, insts: [load(4, 8, 1), alu('lsh', 6, 4, imm(8)), alu('add', 7, 6, reg(5))], term: br(7, 6, 1, 3) },
      { id: 3, insts: [], term: ret(6) },
    ]);
    const text = run(f);
    expect(text).toContain('%6 = lsh.64 %4, 8');
  });

  it('takes the value in a loop when what it is computed from is written first', () => {
    const f = fn([
      { id: 0, insts: [], term: { op: 'jmp', target: 1, span } },
      { id: 1, insts: [load(4, 8, 1), alu('lsh', 5, 4, imm(8))], term: { op: 'jmp', target: 2, span } },
      { id: 2, insts: [alu('lsh', 6, 4, imm(8)), alu('add', 7, 6, reg(5))], term: br(7, 6, 1, 3) },
      { id: 3, insts: [], term: ret(6) },
    ]);
    expect(run(f)).toContain('%6 = %5\n');
  });
});
