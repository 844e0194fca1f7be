// Constant propagation on hand-written IR: values that cross blocks, read by every kind of operand.
import { describe, expect, it } from 'vitest';
import type { Block, Inst, IrFunction, Terminator, VReg } from '../../src/ir/ir.js';
import { printFunction } from '../../src/ir/print.js';
import { constProp, constPropAfterLoop, layoutOf, loopEntry } from '../../src/opt/const-prop.js';
import { cloneIr } from '../../src/opt/unroll.js';
import { simplifyCfg } from '../../src/opt/simplify-cfg.js';

const span = { file: 0, start: 0, end: 0 };
const r = (n: number) => n as VReg;
const reg = (n: number) => ({ kind: 'reg' as const, reg: r(n) });
const imm = (v: number) => ({ kind: 'imm' as const, value: BigInt(v) });
const mov = (dst: number, v: number): Inst => ({ op: 'mov', bits: 64, dst: r(dst), src: imm(v), span });

function func(blocks: [Inst[], Terminator][]): IrFunction {
  return {
    name: 'f', section: '.text', global: false, params: [r(0)], vregCount: 30, vregNames: new Map(), slots: [], span,
    blocks: blocks.map(([insts, term], id): Block => ({ id, insts, term })),
    source: undefined as unknown as IrFunction['source'],
  };
}

describe('constProp', () => {
  it('carries constants into the next block to every operand that reads them', () => {
    // b0 sets %1..%7; b1 reads each once, through a different operand kind. A register read
    // there before b1 writes it carries its value across the edge: each read folds.
    const fn = func([
      [[mov(1, 3), mov(2, 5), mov(3, 7), mov(4, 0x80), mov(5, 0x1234), mov(6, 9), mov(7, 11)], { op: 'jmp', target: 1, span }],
      [
        [
          { op: 'mov', bits: 64, dst: r(10), src: reg(1) },
          { op: 'alu', alu: 'add', bits: 64, dst: r(11), a: reg(0), b: reg(2), span },
          { op: 'neg', bits: 64, dst: r(12), a: r(3), span },
          { op: 'sext', bits: 64, fromBits: 8, dst: r(13), src: r(4), span },
          { op: 'bswap', bits: 16, dst: r(14), src: r(5), span },
          { op: 'store', size: 8, addr: { kind: 'reg', reg: r(0), off: 0 }, src: reg(6), span },
        ].map((i) => ({ span, ...i }) as Inst),
        { op: 'br', cmp: 'eq', bits: 64, a: r(0), b: reg(7), then: 2, else: 2, span },
      ],
      [[], { op: 'ret', value: reg(11), span }],
    ]);
    expect(constProp(fn)).toBe(true);
    const b1 = printFunction({ ...fn, blocks: [fn.blocks[1]!] });
    expect(b1.split('\n').slice(1).join('\n')).toBe(`b1:
  %10 = 3
  %11 = add.64 %0, 5
  %12 = 18446744073709551609
  %13 = 18446744073709551488
  %14 = 13330
  store.8 [%0+0], 9
  br eq.64 %0, 11 -> b2, b2
`);
  });

  it('finds the same constants with the layout of the function before simplifyCfg', () => {
    // %2 is read in b3 before b3 writes it (a value across blocks), until b3 merges into b1; %5's
    // only constant definition is in b4, which nothing reaches, so %5 holds no constant once b4
    // is dropped; both paths into b6 leave %2 = 8.
    const load = (dst: number): Inst => ({ op: 'load', size: 4, dst: r(dst), addr: { kind: 'reg', reg: r(0), off: 0 }, span });
    const add = (dst: number, a: number, k: number): Inst => ({ op: 'alu', alu: 'add', bits: 64, dst: r(dst), a: reg(a), b: imm(k), span });
    const make = () =>
      func([
        [[load(1), load(5)], { op: 'br', cmp: 'eq', bits: 64, a: r(1), b: imm(0), then: 1, else: 5, span }],
        [[mov(2, 5)], { op: 'jmp', target: 3, span }],
        [[add(6, 5, 1)], { op: 'jmp', target: 6, span }],
        [[add(3, 2, 1), mov(2, 8)], { op: 'jmp', target: 2, span }],
        [[mov(5, 9)], { op: 'jmp', target: 2, span }],
        [[mov(2, 8)], { op: 'jmp', target: 6, span }],
        [[add(7, 2, 1), add(8, 5, 2)], { op: 'ret', value: reg(7), span }],
      ]);
    const before = make();
    const layout = layoutOf(before);
    const stale = make();
    simplifyCfg(stale);
    const fresh = make();
    simplifyCfg(fresh);
    expect(layoutOf(fresh).size).toBeLessThan(layout.size);
    expect(constProp(stale, layout)).toBe(true);
    expect(constProp(fresh)).toBe(true);
    expect(printFunction(stale)).toBe(printFunction(fresh));
    expect(printFunction(fresh)).toMatch(/%7 = 9\n/);
  });
  it('sees a value a loop changes through blocks that pass it on without writing it', () => {
    // %3 is 0 on entry and 7 after b3, so it varies around the loop b1 -> b2 -> b3 -> b1. b1 and
    // b2 write nothing: only their entries carry the change to b3, where %4 = %3 + 1 must not fold.
    const fn = func([
      [[mov(3, 0)], { op: 'jmp', target: 1, span }],
      [[], { op: 'jmp', target: 2, span }],
      [[mov(5, 4)], { op: 'jmp', target: 3, span }],
      [
        [{ op: 'alu', alu: 'add', bits: 64, dst: r(4), a: reg(3), b: imm(1), span }, mov(3, 7)],
        { op: 'br', cmp: 'eq', bits: 64, a: r(0), b: imm(0), then: 1, else: 4, span },
      ],
      [[], { op: 'ret', value: reg(4), span }],
    ]);
    constProp(fn);
    expect(printFunction({ ...fn, blocks: [fn.blocks[3]!] }).split('\n')[2]).toBe('  %4 = add.64 %3, 1');
  });

  it('still folds a value that stays the same around a loop', () => {
    // The same loop, with b3 writing back the value %3 came in with: %4 folds to 1.
    const fn = func([
      [[mov(3, 0)], { op: 'jmp', target: 1, span }],
      [[], { op: 'jmp', target: 2, span }],
      [[mov(5, 4)], { op: 'jmp', target: 3, span }],
      [
        [{ op: 'alu', alu: 'add', bits: 64, dst: r(4), a: reg(3), b: imm(1), span }, mov(3, 0)],
        { op: 'br', cmp: 'eq', bits: 64, a: r(0), b: imm(0), then: 1, else: 4, span },
      ],
      [[], { op: 'ret', value: reg(4), span }],
    ]);
    constProp(fn);
    expect(printFunction({ ...fn, blocks: [fn.blocks[3]!] }).split('\n')[2]).toBe('  %4 = 1');
  });

  describe('after a change to a loop', () => {
    // b0 sets %1 = 3 and %2 = 0, and either returns (b6, which leads nowhere near the loop) or
    // enters the outer loop b1 -> inner loop b2 <-> b3 -> b4 -> b1; b5 follows the outer loop.
    // %2 is 0 on entry to the inner loop and, once the inner loop has written it, after it.
    const add = (dst: number, a: number, k: number): Inst => ({ op: 'alu', alu: 'add', bits: 64, dst: r(dst), a: reg(a), b: imm(k), span });
    const make = () =>
      func([
        [[mov(1, 3), mov(2, 0)], { op: 'br', cmp: 'eq', bits: 64, a: r(0), b: imm(0), then: 1, else: 6, span }],
        [[add(4, 1, 1)], { op: 'jmp', target: 2, span }],
        [[add(5, 2, 1)], { op: 'br', cmp: 'gt', bits: 64, a: r(0), b: imm(9), then: 3, else: 4, span }],
        [[mov(2, 7)], { op: 'jmp', target: 2, span }],
        [[add(6, 2, 2)], { op: 'br', cmp: 'gt', bits: 64, a: r(0), b: imm(5), then: 1, else: 5, span }],
        [[add(7, 6, 1)], { op: 'ret', value: reg(7), span }],
        [[], { op: 'ret', value: reg(1), span }],
      ]);
    const inner = new Set([2, 3]);

    it('knows the values on the edges into the loop from what leads there alone', () => {
      const fn = make();
      const entry = loopEntry(fn, 2, inner)!;
      const layout = entry.layout;
      // %1 is 3 on both edges into b2 from outside the inner loop (b1's, from b0 and from b4).
      expect(entry.vals[layout.slot[1]!]).toBe(3n);
      // Settled: b0 only. b1 and b4 lead to the loop and are reached from it; b5 and b6 do not lead to it.
      expect([...entry.before.blocks]).toEqual([1, 0, 0, 0, 0, 0, 0]);
    });

    it('folds as constProp does once the loop has changed', () => {
      // The inner loop's header no longer branches into its body: %2 is 0 after it, and %6 and %7 fold.
      const fn = make();
      const entry = loopEntry(fn, 2, inner, false, layoutOf(fn))!;
      fn.blocks[2]!.term = { op: 'jmp', target: 4, span };
      const whole = { ...fn, blocks: cloneIr(fn.blocks) };
      expect(constPropAfterLoop(fn, entry)).toBe(true);
      expect(constProp(whole, entry.layout)).toBe(true);
      expect(printFunction(fn)).toBe(printFunction(whole));
      expect(printFunction(fn)).toMatch(/%7 = 3\n/);
    });
  });
});
