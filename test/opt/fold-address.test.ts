// Address folding on hand-written IR: which facts each block starts from.
import { describe, expect, it } from 'vitest';
import type { Block, Inst, IrFunction, Terminator, VReg } from '../../src/ir/ir.js';
import { printFunction } from '../../src/ir/print.js';
import { foldAddresses } from '../../src/opt/fold-address.js';

const span = { file: 0, start: 0, end: 0 };
const r = (n: number) => n as VReg;
const reg = (n: number) => ({ kind: 'reg' as const, reg: r(n) });
const load = (dst: number, base: number, off: number): Inst => ({ op: 'load', size: 4, dst: r(dst), addr: { kind: 'reg', reg: r(base), off }, span });
const add = (dst: number, a: number, k: number): Inst => ({ op: 'alu', alu: 'add', bits: 64, dst: r(dst), a: reg(a), b: { kind: 'imm', value: BigInt(k) }, span });
const ret = (v: number): Terminator => ({ op: 'ret', value: reg(v), span });
const jmp = (target: number): Terminator => ({ op: 'jmp', target, span });

function func(blocks: [Inst[], Terminator][]): IrFunction {
  return {
    name: 'f', section: '.text', global: false, params: [r(0)], vregCount: 20, vregNames: new Map(), slots: [], span,
    blocks: blocks.map(([insts, term], id): Block => ({ id, insts, term })),
    source: undefined as unknown as IrFunction['source'],
  };
}

/** The printed addresses of the loads of block `id`, in order. */
function loadsOf(fn: IrFunction, id: number): string[] {
  const text = printFunction({ ...fn, blocks: [fn.blocks[id]!] });
  return [...text.matchAll(/load\.4 (\[[^\]]+\])/g)].map((m) => m[1]!);
}

describe('foldAddresses', () => {
  it('gives each block entered only from one other its own copy of that block\'s facts', () => {
    // b0 computes %2 = %1 + 8 and branches to b1 and b2, each entered only from b0. b1 writes %1,
    // which ends %2 = %1 + 8 there; b2 still folds through it. %5 = %0 + 16 (one definition of
    // each) folds everywhere, also in b3, a join, which starts from the function-wide facts only.
    const fn = func([
      [[load(1, 0, 0), add(2, 1, 8), add(5, 0, 16)], { op: 'br', cmp: 'eq', bits: 64, a: r(1), b: { kind: 'imm', value: 0n }, then: 1, else: 2, span }],
      [[load(1, 0, 4), load(3, 2, 0), load(6, 5, 0)], jmp(3)],
      [[load(4, 2, 2), load(7, 5, 4)], jmp(3)],
      [[load(8, 2, 0), load(9, 5, 8)], ret(9)],
    ]);
    expect(foldAddresses(fn)).toBe(true);
    expect(loadsOf(fn, 1)).toEqual(['[%0+4]', '[%2+0]', '[%0+16]']);
    expect(loadsOf(fn, 2)).toEqual(['[%1+10]', '[%0+20]']);
    expect(loadsOf(fn, 3)).toEqual(['[%2+0]', '[%0+24]']);
  });
});
