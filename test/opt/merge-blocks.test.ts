// Identical-block merging renames the registers a block writes before reading them, and keeps
// the names of those it reads first: twins that differ only in their temporaries merge, blocks
// that read different registers on entry do not.
import { describe, expect, it } from 'vitest';
import type { Inst, IrFunction, VReg } from '../../src/ir/ir.js';
import { validateFunction } from '../../src/ir/validate.js';
import { mergeIdenticalBlocks, mergeNearTwinBlocks } from '../../src/opt/merge-blocks.js';
import { NO_SPAN } from '../../src/diag/source.js';

const span = NO_SPAN;
const r = (n: number) => n as VReg;
const reg = (n: number) => ({ kind: 'reg' as const, reg: r(n) });
const imm = (v: number) => ({ kind: 'imm' as const, value: BigInt(v) });
const load = (dst: number): Inst => ({ op: 'load', size: 4, dst: r(dst), addr: { kind: 'reg', reg: r(0), off: 8 }, span });
const add1 = (dst: number, a: number): Inst => ({ op: 'alu', alu: 'add', bits: 64, dst: r(dst), a: reg(a), b: imm(1), span });

/** Block 0 branches on %1 to block 1 or block 2; each returns its last register. */
function twoArms(arm1: Inst[], ret1: number, arm2: Inst[], ret2: number): IrFunction {
  return {
    name: 'f', section: '.text', global: false, params: [r(0), r(1)], vregCount: 8, vregNames: new Map(), slots: [], span, source: undefined as never,
    blocks: [
      { id: 0, insts: [], term: { op: 'br', cmp: 'lt', bits: 64, a: r(1), b: imm(10), then: 1, else: 2, span } },
      { id: 1, insts: arm1, term: { op: 'ret', value: reg(ret1), span } },
      { id: 2, insts: arm2, term: { op: 'ret', value: reg(ret2), span } },
    ],
  };
}

describe('merge-blocks', () => {
  it('merges twins whose registers are all written before they are read', () => {
    const f = twoArms([load(2), add1(3, 2)], 3, [load(4), add1(5, 4)], 5);
    expect(mergeIdenticalBlocks(f)).toBe(true);
    expect(validateFunction(f)).toEqual([]);
    expect(f.blocks[0]!.term).toMatchObject({ then: 1, else: 1 });
  });

  it('keeps apart blocks that read different registers before writing them', () => {
    // %2 and %4 are read (by the add) before the block writes them: their entry values differ.
    const f = twoArms([add1(2, 2), add1(3, 2)], 3, [add1(4, 4), add1(5, 4)], 5);
    expect(mergeIdenticalBlocks(f)).toBe(false);
    expect(f.blocks[0]!.term).toMatchObject({ then: 1, else: 2 });
  });

  it('keeps the name of a register that is read before the block writes it', () => {
    // Arm 1 reads %2 and then writes it; arm 2 reads %2 and writes %6 instead. Only registers
    // written first are renamed, so the two differ in the name of the register they write.
    const f = twoArms([add1(3, 2), add1(2, 3)], 2, [add1(3, 2), add1(6, 3)], 6);
    expect(mergeIdenticalBlocks(f)).toBe(false);
    const g = twoArms([add1(3, 2), add1(2, 3)], 2, [add1(5, 2), add1(2, 5)], 2);
    expect(mergeIdenticalBlocks(g)).toBe(true);
  });

  it('merges one-instruction twins: each failed check that sets the same error code and jumps on', () => {
    // b0: if %1 < 10 -> b1 else b2; b2: if %1 < 20 -> b3 else b4; b1 and b3 set %2 = -1 and
    // jump to b5; b4 sets %2 = 0. As twins, both checks branch to b1: one block of two
    // instructions instead of one copy each, each with a jump over it.
    const setErr = (v: number): Inst => ({ op: 'mov', bits: 64, dst: r(2), src: imm(v), span });
    const f: IrFunction = {
      name: 'f', section: '.text', global: false, params: [r(0), r(1)], vregCount: 8, vregNames: new Map(), slots: [], span, source: undefined as never,
      blocks: [
        { id: 0, insts: [], term: { op: 'br', cmp: 'lt', bits: 64, a: r(1), b: imm(10), then: 1, else: 2, span } },
        { id: 1, insts: [setErr(-1)], term: { op: 'jmp', target: 5, span } },
        { id: 2, insts: [], term: { op: 'br', cmp: 'lt', bits: 64, a: r(1), b: imm(20), then: 3, else: 4, span } },
        { id: 3, insts: [setErr(-1)], term: { op: 'jmp', target: 5, span } },
        { id: 4, insts: [setErr(0)], term: { op: 'jmp', target: 5, span } },
        { id: 5, insts: [], term: { op: 'ret', value: reg(2), span } },
      ],
    };
    expect(mergeIdenticalBlocks(f)).toBe(true);
    expect(validateFunction(f)).toEqual([]);
    expect(f.blocks[2]!.term).toMatchObject({ then: 1, else: 4 });
  });

  it('merges returned calls of one function that differ in several constant arguments: moves, and one call', () => {
    // `return report(%0, 5, 2)` and `return report(%0, 6, 0)`: one call stays, taking both
    // constants from new registers; each arm moves its two constants there and jumps to it.
    const report = (dst: number, why: number, verdict: number): Inst => ({ op: 'callfn', func: 'report', args: [reg(0), imm(why), imm(verdict)], dst: r(dst), span });
    const f = twoArms([report(2, 5, 2)], 2, [report(3, 6, 0)], 3);
    expect(mergeNearTwinBlocks(f)).toBe(true);
    expect(validateFunction(f)).toEqual([]);
    const merged = f.blocks[3]!;
    expect(merged.insts).toHaveLength(1);
    expect(merged.insts[0]).toMatchObject({ op: 'callfn', func: 'report', args: [reg(0), reg(8), reg(9)] });
    expect(f.blocks[1]!.insts).toMatchObject([{ op: 'mov', dst: 8, src: imm(5) }, { op: 'mov', dst: 9, src: imm(2) }]);
    expect(f.blocks[2]!.insts).toMatchObject([{ op: 'mov', dst: 8, src: imm(6) }, { op: 'mov', dst: 9, src: imm(0) }]);
    expect(f.blocks[1]!.term).toMatchObject({ op: 'jmp', target: 3 });
    expect(f.blocks[2]!.term).toMatchObject({ op: 'jmp', target: 3 });
  });

  it('keeps apart helper calls that differ in two constants', () => {
    const helper = (dst: number, a: number, b: number): Inst => ({ op: 'call', helper: 6, args: [reg(0), imm(a), imm(b)], dst: r(dst), span });
    const f = twoArms([helper(2, 5, 2), add1(4, 2)], 4, [helper(3, 6, 0), add1(5, 3)], 5);
    expect(mergeNearTwinBlocks(f)).toBe(false);
  });
});
