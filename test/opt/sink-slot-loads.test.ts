// A read of a stack slot that only one successor uses moves into it (opt/sink.ts, sinkToUses), as
// reads through pointers do: a struct passed by value to an inlined function is read word by word
// where the function's IPv6 case uses it, not ahead of the switch. It stays where a later
// instruction of the block writes that slot, or writes through a pointer or calls while the
// slot's address is taken.
import { describe, expect, it } from 'vitest';
import { NO_SPAN } from '../../src/diag/source.js';
import type { Block, Inst, IrFunction, Operand, StackSlot, VReg } from '../../src/ir/ir.js';
import { printFunction } from '../../src/ir/print.js';
import { validateFunction } from '../../src/ir/validate.js';
import { sinkToUses } from '../../src/opt/sink.js';

const span = NO_SPAN;
const r = (n: number) => n as VReg;
const reg = (n: number): Operand => ({ kind: 'reg', reg: r(n) });
const imm = (v: number): Operand => ({ kind: 'imm', value: BigInt(v) });
const slot = (id: number): StackSlot => ({ id, name: `s${id}`, sizeBytes: 16, alignBytes: 8, span });
const load = (dst: number, s: number, off = 0): Inst => ({ op: 'load', size: 4, dst: r(dst), addr: { kind: 'slot', slot: s, off }, span });
const store = (s: number, src: Operand, off = 0): Inst => ({ op: 'store', size: 4, addr: { kind: 'slot', slot: s, off }, src, span });

function fn(blocks: Block[]): IrFunction {
  return { name: 'f', section: 'xdp', global: true, params: [r(0)], vregCount: 8, vregNames: new Map(), slots: [slot(0), slot(1)], blocks, span, source: undefined as never };
}

/** b0 reads %2 from slot 0, then runs `between` and branches on %0; only b1 uses %2. */
function branchy(between: Inst[]): IrFunction {
  return fn([
    { id: 0, insts: [load(2, 0, 4), ...between], term: { op: 'br', cmp: 'eq', bits: 64, a: r(0), b: imm(1), then: 1, else: 2, span } },
    { id: 1, insts: [store(1, reg(2))], term: { op: 'ret', value: imm(1), span } },
    { id: 2, insts: [], term: { op: 'ret', value: imm(2), span } },
  ]);
}

function sunkInto1(f: IrFunction): boolean {
  sinkToUses(f);
  expect(validateFunction(f)).toEqual([]);
  const moved = f.blocks[1]!.insts[0]!.op === 'load';
  expect(f.blocks[0]!.insts.some((i) => i.op === 'load')).toBe(!moved);
  return moved;
}

describe('sinkToUses on stack slots', () => {
  it('moves the read past a store to another slot into the successor that uses it', () => {
    const f = branchy([store(1, imm(0))]);
    expect(sunkInto1(f)).toBe(true);
    expect(printFunction(f)).toMatch(/b1:\n\s+%2 = load\.4 \[#0\+4\]/);
  });

  it('keeps the read before a store to the same slot', () => {
    expect(sunkInto1(branchy([store(0, imm(0), 8)]))).toBe(false);
  });

  it('moves it past a call when the slot address is never taken', () => {
    expect(sunkInto1(branchy([{ op: 'call', helper: 5, args: [], dst: r(3), span }]))).toBe(true);
  });

  it('keeps it before a call when the slot address is taken', () => {
    const f = branchy([{ op: 'slotaddr', dst: r(4), slot: 0, off: 0, span }, { op: 'call', helper: 5, args: [reg(4)], dst: r(3), span }]);
    expect(sunkInto1(f)).toBe(false);
  });
});
