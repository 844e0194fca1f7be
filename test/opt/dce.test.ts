// Dead code elimination on hand-written IR: what it removes, what it must keep, and that a chain
// of dead values across many blocks goes in one call.
import { describe, expect, it } from 'vitest';
import type { Block, Inst, IrFunction, VReg } from '../../src/ir/ir.js';
import { printFunction } from '../../src/ir/print.js';
import { validateFunction } from '../../src/ir/validate.js';
import { deadCodeElim } from '../../src/opt/dce.js';
import { NO_SPAN } from '../../src/diag/source.js';

const span = NO_SPAN;
const r = (n: number) => n as VReg;
const reg = (n: number) => ({ kind: 'reg' as const, reg: r(n) });
const imm = (v: number) => ({ kind: 'imm' as const, value: BigInt(v) });
const add = (dst: number, a: number, b: number | { kind: 'imm'; value: bigint }): Inst => ({
  op: 'alu', alu: 'add', bits: 64, dst: r(dst), a: reg(a), b: typeof b === 'number' ? reg(b) : b, span,
});
const mov = (dst: number, v: number): Inst => ({ op: 'mov', bits: 64, dst: r(dst), src: imm(v), span });
const store = (v: number): Inst => ({ op: 'store', size: 8, addr: { kind: 'reg', reg: r(0), off: 0 }, src: reg(v), span });

function fn(blocks: Block[], vregCount: number): IrFunction {
  return { name: 'f', section: '.text', global: false, params: [r(0)], vregCount, vregNames: new Map(), slots: [], blocks, span, source: undefined as never };
}

function dce(f: IrFunction): string {
  deadCodeElim(f);
  expect(validateFunction(f)).toEqual([]);
  return printFunction(f);
}

const countInsts = (f: IrFunction) => f.blocks.reduce((n, b) => n + b.insts.length, 0);

describe('dead code elimination', () => {
  it('removes a chain of dead values that spans a thousand blocks in one call', () => {
    // Block k computes %(k+2) = %(k+1) + 1 and jumps on; only the last block's value is dead, so
    // each value is read by the next one: removing one layer per round needed 1,000 rounds.
    const n = 1000;
    const blocks: Block[] = [{ id: 0, insts: [mov(1, 7)], term: { op: 'jmp', target: 1, span } }];
    for (let k = 1; k < n; k++) blocks.push({ id: k, insts: [add(k + 1, k, imm(1))], term: { op: 'jmp', target: k + 1, span } });
    blocks.push({ id: n, insts: [store(0)], term: { op: 'ret', value: imm(0), span } });
    const f = fn(blocks, n + 2);
    expect(deadCodeElim(f)).toBe(true);
    expect(countInsts(f)).toBe(1); // the store
    expect(deadCodeElim(f)).toBe(false);
  });

  it('removes a value carried around a loop that nothing needs, and keeps the loop counter', () => {
    // %1 counts to 10 (the branch reads it); %2 accumulates and is never read outside the loop.
    const f = fn(
      [
        { id: 0, insts: [mov(1, 0), mov(2, 5)], term: { op: 'jmp', target: 1, span } },
        { id: 1, insts: [add(2, 2, 1), add(1, 1, imm(1))], term: { op: 'br', cmp: 'lt', bits: 64, a: r(1), b: imm(10), then: 1, else: 2, span } },
        { id: 2, insts: [], term: { op: 'ret', value: imm(0), span } },
      ],
      3,
    );
    const text = dce(f);
    expect(text).not.toContain('%2');
    expect(text).toContain('%1 = add.64 %1, 1');
  });

  it('keeps what a store, a branch or the return reads, and the values those are computed from', () => {
    const f = fn(
      [
        { id: 0, insts: [mov(1, 3), add(2, 1, imm(4)), store(2), mov(3, 9), add(4, 3, 3)], term: { op: 'br', cmp: 'eq', bits: 64, a: r(1), b: imm(3), then: 1, else: 2, span } },
        { id: 1, insts: [mov(5, 1)], term: { op: 'ret', value: reg(5), span } },
        { id: 2, insts: [mov(6, 2)], term: { op: 'ret', value: imm(0), span } },
      ],
      7,
    );
    const text = dce(f);
    for (const kept of ['%1 = 3', '%2 = add.64 %1, 4', 'store.8', '%5 = 1']) expect(text).toContain(kept);
    for (const gone of ['%3', '%4', '%6']) expect(text).not.toContain(gone);
  });

  it("drops a helper call's unused result but keeps the call and its arguments", () => {
    const call: Inst = { op: 'call', helper: 1, dst: r(2), args: [reg(1)], span };
    const f = fn([{ id: 0, insts: [mov(1, 4), call], term: { op: 'ret', value: imm(0), span } }], 3);
    deadCodeElim(f);
    const insts = f.blocks[0]!.insts;
    expect(insts.map((i) => i.op)).toEqual(['mov', 'call']);
    expect((insts[1] as { dst?: VReg }).dst).toBeUndefined();
  });
});
