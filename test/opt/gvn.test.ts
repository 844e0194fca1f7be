// Global value numbering forgets what a definition invalidates, and nothing more: the
// expressions that read the register or live in it, and the copies from and to it.
import { describe, expect, it } from 'vitest';
import type { Inst, IrFunction, VReg } from '../../src/ir/ir.js';
import { printFunction } from '../../src/ir/print.js';
import { validateFunction } from '../../src/ir/validate.js';
import { globalValueNumbering } from '../../src/opt/gvn.js';
import { NO_SPAN } from '../../src/diag/source.js';

const span = NO_SPAN;
const r = (n: number) => n as VReg;
const reg = (n: number) => ({ kind: 'reg' as const, reg: r(n) });
const imm = (v: number) => ({ kind: 'imm' as const, value: BigInt(v) });
const add1 = (dst: number, a: number): Inst => ({ op: 'alu', alu: 'add', bits: 64, dst: r(dst), a: reg(a), b: imm(1), span });
const load = (dst: number): Inst => ({ op: 'load', size: 4, dst: r(dst), addr: { kind: 'reg', reg: r(0), off: 8 }, span });
const movReg = (dst: number, src: number): Inst => ({ op: 'mov', bits: 64, dst: r(dst), src: reg(src), span });
const movImm = (dst: number, v: number): Inst => ({ op: 'mov', bits: 64, dst: r(dst), src: imm(v), span });

/** One block of `insts` in a .text function of one pointer parameter (%0), returning %ret. */
function gvn(insts: Inst[], ret: number, vregCount: number): string {
  const f: IrFunction = {
    name: 'f', section: '.text', global: false, params: [r(0)], vregCount, vregNames: new Map(), slots: [],
    blocks: [{ id: 0, insts, term: { op: 'ret', value: reg(ret), span } }], span, source: undefined as never,
  };
  globalValueNumbering(f);
  expect(validateFunction(f)).toEqual([]);
  return printFunction(f);
}

describe('gvn', () => {
  it('reuses an expression whose operands and holder are unchanged', () => {
    const out = gvn([load(1), add1(2, 1), add1(3, 1)], 3, 4);
    expect(out).toContain('%3 = %2');
  });

  it('forgets an expression when an operand is written', () => {
    const out = gvn([load(1), add1(2, 1), load(1), add1(3, 1)], 3, 4);
    expect(out).not.toContain('%3 = %2');
  });

  it('forgets an expression when the register holding it is written', () => {
    const out = gvn([load(1), add1(2, 1), movImm(2, 5), add1(3, 1)], 3, 4);
    expect(out).not.toContain('%3 = %2');
  });

  it('forgets a copy when its source is written, so an old and a new value never share a key', () => {
    // %2 holds the old %1: %2 + 1 and the new %1 + 1 are different values.
    const out = gvn([load(1), movReg(2, 1), load(1), add1(3, 2), add1(4, 1)], 4, 5);
    expect(out).not.toContain('%4 = %3');
    // Without the second load, %2 is a copy of %1 and the two additions are one.
    expect(gvn([load(1), movReg(2, 1), add1(3, 2), add1(4, 1)], 4, 5)).toContain('%4 = %3');
  });

  it('forgets a copy when its destination is written', () => {
    const out = gvn([load(1), movReg(2, 1), movImm(2, 7), add1(3, 1), add1(4, 2)], 4, 5);
    expect(out).not.toContain('%4 = %3');
  });

  it('keeps an expression found again after it was forgotten, until its new holder is written', () => {
    const out = gvn([load(1), add1(2, 1), load(1), add1(3, 1), add1(4, 1), movImm(3, 9), add1(5, 1)], 5, 6);
    expect(out).not.toContain('%3 = %2');
    expect(out).toContain('%4 = %3');
    expect(out).not.toContain('%5 = %3');
    expect(out).not.toContain('%5 = %4'); // %4 = %3 was a copy of %3, forgotten with it
  });

  describe('globals', () => {
    const addr = (dst: number, symbol = 'g'): Inst => ({ op: 'dataaddr', dst: r(dst), symbol, span });
    const gload = (dst: number, base: number, size: 1 | 2 | 4 | 8 = 4, off = 0): Inst => ({ op: 'load', size, dst: r(dst), addr: { kind: 'reg', reg: r(base), off }, span });
    const gstore = (base: number, src: number, size: 1 | 2 | 4 | 8 = 4, off = 0): Inst => ({ op: 'store', size, addr: { kind: 'reg', reg: r(base), off }, src: reg(src), span });

    it('reuses a load of a global through another materialisation of its address', () => {
      const out = gvn([addr(1), gload(2, 1), addr(3), gload(4, 3), add1(5, 4)], 5, 6);
      expect(out).toContain('%4 = %2');
      // Another symbol or another offset is another value.
      expect(gvn([addr(1), gload(2, 1), addr(3, 'h'), gload(4, 3), add1(5, 4)], 5, 6)).not.toContain('%4 = %2');
      expect(gvn([addr(1), gload(2, 1), addr(3), gload(4, 3, 4, 4), add1(5, 4)], 5, 6)).not.toContain('%4 = %2');
    });

    it('gives a load after a store to a global the stored register, truncated to the size', () => {
      expect(gvn([addr(1), add1(2, 0), gstore(1, 2), addr(3), gload(4, 3), add1(5, 4)], 5, 6)).toContain('%4 = mov.32 %2');
      expect(gvn([addr(1), add1(2, 0), gstore(1, 2, 8), addr(3), gload(4, 3, 8), add1(5, 4)], 5, 6)).toContain('%4 = %2');
      expect(gvn([addr(1), add1(2, 0), gstore(1, 2, 2), addr(3), gload(4, 3, 2), add1(5, 4)], 5, 6)).toContain('%4 = and.32 %2, 65535');
      // A load of another size reads memory.
      expect(gvn([addr(1), add1(2, 0), gstore(1, 2, 4), addr(3), gload(4, 3, 2), add1(5, 4)], 5, 6)).not.toMatch(/%4 = (mov|and)/);
    });

    it('forgets a stored value when its register is written, or memory is written through another pointer', () => {
      expect(gvn([addr(1), add1(2, 0), gstore(1, 2), movImm(2, 3), addr(3), gload(4, 3), add1(5, 4)], 5, 6)).not.toContain('%4 = mov.32');
      const other: Inst = { op: 'store', size: 4, addr: { kind: 'reg', reg: r(0), off: 0 }, src: imm(1), span };
      expect(gvn([addr(1), add1(2, 0), gstore(1, 2), other, addr(3), gload(4, 3), add1(5, 4)], 5, 6)).not.toContain('%4 = mov.32');
    });

    it('reuses a global\'s address computed again with no call since, and computes it anew after one', () => {
      const bump = (a: number, v: number, off: number): Inst[] => [gload(v, a, 4, off), add1(v + 1, v), gstore(a, v + 1, 4, off)];
      const out = gvn([addr(1), ...bump(1, 2, 0), addr(4), ...bump(4, 5, 4), add1(7, 6)], 7, 8);
      expect(out).toContain('%4 = %1');
      expect(out).toMatch(/%5 = load\.4 \[%1\+4\]|%5 = load\.4 \[%4\+4\]/);
      // another symbol is another address
      expect(gvn([addr(1), ...bump(1, 2, 0), addr(4, 'h'), ...bump(4, 5, 4), add1(7, 6)], 7, 8)).not.toContain('%4 = %1');
      // held across a call it would take a callee-saved register: computed again
      const call: Inst = { op: 'call', helper: 5, args: [], dst: r(8), span };
      expect(gvn([addr(1), ...bump(1, 2, 0), call, addr(4), ...bump(4, 5, 4), add1(7, 6)], 7, 9)).not.toContain('%4 = %1');
    });

    it('keys by symbol only an address register defined once', () => {
      // %1 is the address of g, then of h: a load through it is not a load of g.
      const out = gvn([addr(1), addr(1, 'h'), addr(3), gload(4, 3), gload(6, 1), gload(8, 3), add1(5, 4), add1(7, 6), add1(2, 8)], 7, 9);
      expect(out).not.toContain('%6 = %4');
      expect(out).toContain('%8 = %4');
    });
  });

  describe('stores to stack slots', () => {
    const slotStore = (src: number): Inst => ({ op: 'store', size: 4, addr: { kind: 'slot', slot: 0, off: 0 }, src: reg(src), span });
    const slotAddr = (dst: number): Inst => ({ op: 'slotaddr', dst: r(dst), slot: 0, off: 0, span });
    const loadVia = (dst: number, base: number): Inst => ({ op: 'load', size: 4, dst: r(dst), addr: { kind: 'reg', reg: r(base), off: 8 }, span });
    function gvnSlots(insts: Inst[], ret: number, vregCount: number): string {
      const f: IrFunction = {
        name: 'f', section: '.text', global: false, params: [r(0)], vregCount, vregNames: new Map(),
        slots: [{ id: 0, name: 'key', sizeBytes: 8, alignBytes: 8, span }],
        blocks: [{ id: 0, insts, term: { op: 'ret', value: reg(ret), span } }], span, source: undefined as never,
      };
      globalValueNumbering(f);
      expect(validateFunction(f)).toEqual([]);
      return printFunction(f);
    }

    it('keep a load through a register that never holds a frame address (a header field read again after a key member is set)', () => {
      expect(gvnSlots([load(1), slotStore(1), load(2), add1(3, 2)], 3, 4)).toContain('%2 = %1');
    });

    it('forget a load through a register that may hold the slot address', () => {
      expect(gvnSlots([slotAddr(4), loadVia(1, 4), slotStore(1), loadVia(2, 4), add1(3, 2)], 3, 5)).not.toContain('%2 = %1');
    });

    it('forget a load when the store goes through a register', () => {
      const storeVia: Inst = { op: 'store', size: 4, addr: { kind: 'reg', reg: r(0), off: 0 }, src: reg(1), span };
      expect(gvnSlots([load(1), storeVia, load(2), add1(3, 2)], 3, 4)).not.toContain('%2 = %1');
    });
  });
});
