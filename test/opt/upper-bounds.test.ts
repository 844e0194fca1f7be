// Sign-extension and mask elimination rest on upper bounds of registers, grown over all their
// definitions until they settle. A definition is evaluated again only when a register it reads
// has grown since; these cases check that a bound that grows later in a round, or in a later
// round, still reaches the definitions that read it, and that a bound that keeps growing
// around a loop gives up the way it did before.
import { describe, expect, it } from 'vitest';
import type { Block, Inst, IrFunction, VReg } from '../../src/ir/ir.js';
import { printFunction } from '../../src/ir/print.js';
import { validateFunction } from '../../src/ir/validate.js';
import { eliminateRedundantMasks, eliminateSignExtensions } from '../../src/opt/zext-elim.js';
import { NO_SPAN } from '../../src/diag/source.js';

const span = NO_SPAN;
const r = (n: number) => n as VReg;
const reg = (n: number) => ({ kind: 'reg' as const, reg: r(n) });
const imm = (v: number) => ({ kind: 'imm' as const, value: BigInt(v) });
const load1 = (dst: number): Inst => ({ op: 'load', size: 1, dst: r(dst), addr: { kind: 'reg', reg: r(0), off: 8 }, span });
const alu = (alu: 'and' | 'add' | 'mul' | 'div', dst: number, a: number, b: ReturnType<typeof imm> | ReturnType<typeof reg>): Inst => ({ op: 'alu', alu, bits: 64, dst: r(dst), a: reg(a), b, span });
const mov = (dst: number, src: number): Inst => ({ op: 'mov', bits: 64, dst: r(dst), src: reg(src), span });
const sext8 = (dst: number, src: number): Inst => ({ op: 'sext', bits: 64, fromBits: 8, dst: r(dst), src: r(src), span });

function fn(blocks: Block[], vregCount: number): IrFunction {
  return { name: 'f', section: '.text', global: false, params: [r(0)], vregCount, vregNames: new Map(), slots: [], blocks, span, source: undefined as never };
}

/**
 * Block 0 jumps to block 2, which defines %1 from `def` and jumps back to block 1, which copies
 * %1 to %2 and sign-extends %2: %2's definition comes first in the list of definitions, so it
 * sees %1's bound only in the second round.
 */
function defLater(def: Inst[]): IrFunction {
  return fn([
    { id: 0, insts: [], term: { op: 'jmp', target: 2, span } },
    { id: 1, insts: [mov(2, 1), sext8(3, 2)], term: { op: 'ret', value: reg(3), span } },
    { id: 2, insts: def, term: { op: 'jmp', target: 1, span } },
  ], 5);
}

function run(f: IrFunction, pass: (f: IrFunction) => boolean): { changed: boolean; text: string } {
  const changed = pass(f);
  expect(validateFunction(f)).toEqual([]);
  return { changed, text: printFunction(f) };
}

describe('upper bounds', () => {
  it('a bound found after its reader in the first round reaches the reader in the next', () => {
    // 0..127: the sign bit of the byte is clear, the extension is a move.
    expect(run(defLater([load1(4), alu('and', 1, 4, imm(0x7f))]), eliminateSignExtensions)).toMatchObject({ changed: true });
    // 0..255: it may be set; a reader that kept the first round's bound (0) would drop the extension.
    const wide = run(defLater([load1(1)]), eliminateSignExtensions);
    expect(wide.changed).toBe(false);
    expect(wide.text).toContain('sext');
  });

  it('a bound that grows later in the same round reaches the definitions after it', () => {
    // %1 is written twice: a constant 3 first, then a byte; %2 = %1 * 2 reads the larger bound.
    const f = fn([{
      id: 0,
      insts: [{ op: 'mov', bits: 64, dst: r(1), src: imm(3), span }, alu('mul', 2, 1, imm(2)), load1(1), sext8(3, 2)],
      term: { op: 'ret', value: reg(3), span },
    }], 4);
    expect(run(f, eliminateSignExtensions).changed).toBe(false);
  });

  it('a counter around a loop has no bound: the extension and the mask stay', () => {
    // %1 = 0; loop: %1 = %1 + 1; %2 = sext.8 %1; %3 = %1 & 0xff; if %1 < 10 goto loop
    const loop = () => fn([
      { id: 0, insts: [{ op: 'mov', bits: 64, dst: r(1), src: imm(0), span }], term: { op: 'jmp', target: 1, span } },
      { id: 1, insts: [alu('add', 1, 1, imm(1)), sext8(2, 1), alu('and', 3, 1, imm(0xff))], term: { op: 'br', cmp: 'lt', bits: 64, a: r(1), b: imm(10), then: 1, else: 2, span } },
      { id: 2, insts: [], term: { op: 'ret', value: reg(3), span } },
    ], 4);
    expect(run(loop(), eliminateSignExtensions).changed).toBe(false);
    expect(run(loop(), eliminateRedundantMasks).changed).toBe(false);
  });

  it('a mask of a value within it goes; a division hides the bound from the kernel, so its mask stays', () => {
    const f = (def: Inst[]) => fn([{ id: 0, insts: [load1(1), ...def, alu('and', 3, 2, imm(0xff))], term: { op: 'ret', value: reg(3), span } }], 4);
    expect(run(f([mov(2, 1)]), eliminateRedundantMasks).text).not.toContain('and');
    expect(run(f([alu('div', 2, 1, imm(3))]), eliminateRedundantMasks).text).toContain('and');
  });
});
