// A constant that one later block reads with that value is set there (opt/sink.ts,
// sinkConstantsToOnlyReader), so it holds no register across the code in between; never where
// another value may reach the reader, another block reads the constant, or a loop brings it back.
import { describe, expect, it } from 'vitest';
import { NO_SPAN } from '../../src/diag/source.js';
import type { Block, Inst, IrFunction, Operand, VReg } from '../../src/ir/ir.js';
import { printFunction } from '../../src/ir/print.js';
import { validateFunction } from '../../src/ir/validate.js';
import { sinkConstantsToOnlyReader } from '../../src/opt/sink.js';

const span = NO_SPAN;
const r = (n: number) => n as VReg;
const reg = (n: number): Operand => ({ kind: 'reg', reg: r(n) });
const imm = (v: number): Operand => ({ kind: 'imm', value: BigInt(v) });
const mov = (dst: number, src: Operand): Inst => ({ op: 'mov', bits: 64, dst: r(dst), src, span });
const or = (dst: number, a: Operand, b: Operand): Inst => ({ op: 'alu', alu: 'or', bits: 64, dst: r(dst), a, b, span });
const call = (dst: number): Inst => ({ op: 'call', helper: 5, args: [], dst: r(dst), span });

function fn(blocks: Block[]): IrFunction {
  return { name: 'f', section: 'xdp', global: true, params: [r(0)], vregCount: 8, vregNames: new Map(), slots: [], blocks, span, source: undefined as never };
}

function sunk(f: IrFunction): string {
  const changed = sinkConstantsToOnlyReader(f);
  expect(validateFunction(f)).toEqual([]);
  return (changed ? '' : 'unchanged\n') + printFunction(f);
}

/** b0 sets %2 = 0 and branches; b1 calls; b2 reads %2 (and writes it), b3 reads the result. */
function chain(b1Extra: Inst[] = [], b0Term?: Block['term']): IrFunction {
  return fn([
    { id: 0, insts: [mov(2, imm(0))], term: b0Term ?? { op: 'br', cmp: 'eq', bits: 64, a: r(0), b: imm(1), then: 1, else: 4, span } },
    { id: 1, insts: [call(3), ...b1Extra], term: { op: 'jmp', target: 2, span } },
    { id: 2, insts: [or(2, reg(2), imm(82)), or(2, reg(2), reg(3))], term: { op: 'jmp', target: 3, span } },
    { id: 3, insts: [], term: { op: 'ret', value: reg(2), span } },
    { id: 4, insts: [], term: { op: 'ret', value: imm(2), span } },
  ]);
}

describe('sinkConstantsToOnlyReader', () => {
  it('sets an aggregate\'s initial 0 in the block that fills it in, not across the call before it', () => {
    const out = sunk(chain());
    expect(out).not.toContain('unchanged');
    expect(out).toMatch(/b0:\n {2}br/);
    expect(out).toMatch(/b2:\n {2}%2 = 0\n {2}%2 = or\.64 %2, 82/);
  });

  it('leaves a constant that a second block reads as it was', () => {
    expect(sunk(chain([or(4, reg(2), imm(1))]))).toContain('unchanged');
  });

  it('leaves a constant when another value may reach the reader', () => {
    // b1 writes %2 on one way into b2; b0 jumps to b2 directly with the constant on the other.
    const f = fn([
      { id: 0, insts: [mov(2, imm(0))], term: { op: 'br', cmp: 'eq', bits: 64, a: r(0), b: imm(1), then: 1, else: 2, span } },
      { id: 1, insts: [call(2)], term: { op: 'jmp', target: 2, span } },
      { id: 2, insts: [or(2, reg(2), imm(82))], term: { op: 'ret', value: reg(2), span } },
    ]);
    expect(sunk(f)).toContain('unchanged');
  });

  it('sets a constant that a loop changes and brings back to its reader on the way in, not in the loop', () => {
    // b2 reads %2 and writes it; b4 loops back to b2 with the new value: the 0 goes to the end of b1.
    const loop = (reader: Inst[]) => fn([
      { id: 0, insts: [mov(2, imm(0))], term: { op: 'jmp', target: 1, span } },
      { id: 1, insts: [call(3)], term: { op: 'jmp', target: 2, span } },
      { id: 2, insts: reader, term: { op: 'br', cmp: 'eq', bits: 64, a: r(4), b: imm(1), then: 3, else: 4, span } },
      { id: 3, insts: [], term: { op: 'ret', value: reg(4), span } },
      { id: 4, insts: [], term: { op: 'jmp', target: 2, span } },
    ]);
    const changing = sunk(loop([or(4, reg(2), reg(3)), or(2, reg(2), imm(1))]));
    expect(changing).toMatch(/b0:\n {2}jmp b1\n/);
    expect(changing).toMatch(/b1:\n {2}%3 = call helper#5\(\)\n {2}%2 = 0\n {2}jmp b2\n/);
    expect(changing).toMatch(/b2:\n {2}%4 = or/);
    // A loop that never writes it brings back the same constant: set at the reader, it is the same.
    expect(sunk(loop([or(4, reg(2), reg(3))]))).toMatch(/b2:\n {2}%2 = 0\n/);
  });

  it('leaves a loop counter\'s initial 0 before the loop, though only the latch reads it', () => {
    // b1 is the header (passes %2 on), b2 the latch: %2 = %2 + 1, back to b1 while below 4.
    const f = fn([
      { id: 0, insts: [mov(2, imm(0))], term: { op: 'jmp', target: 1, span } },
      { id: 1, insts: [call(3)], term: { op: 'jmp', target: 2, span } },
      { id: 2, insts: [{ op: 'alu', alu: 'add', bits: 64, dst: r(2), a: reg(2), b: imm(1), span }], term: { op: 'br', cmp: 'lt', bits: 64, a: r(2), b: imm(4), then: 1, else: 3, span } },
      { id: 3, insts: [], term: { op: 'ret', value: reg(3), span } },
    ]);
    expect(sunk(f)).toContain('unchanged');
  });
});
