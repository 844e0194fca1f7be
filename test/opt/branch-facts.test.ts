// What the paths to a branch tell about the value it tests (opt/branch-facts.ts): constants,
// excluded constants and bounds, each over the whole register or over its low 32 bits.
import { describe, expect, it } from 'vitest';
import { decideCompare, refineFact, stepFacts, type Facts } from '../../src/opt/branch-facts.js';
import type { Inst, VReg } from '../../src/ir/ir.js';
import { NO_SPAN } from '../../src/diag/source.js';

const span = NO_SPAN;
const r = (n: number) => n as VReg;

describe('branch facts', () => {
  it('decide a compare from the constants a value may be', () => {
    const f = { bits: 64 as const, values: [6n, 17n] };
    expect(decideCompare(f, 'eq', 64, 8n)).toBe(false);
    expect(decideCompare(f, 'eq', 64, 6n)).toBeUndefined();
    expect(decideCompare(f, 'lt', 64, 20n)).toBe(true);
    // The low half of a whole-register constant answers a 32-bit compare.
    expect(decideCompare({ bits: 64, values: [0x1_0000_0006n] }, 'eq', 32, 6n)).toBe(true);
    // The low half alone says nothing of a 64-bit compare.
    expect(decideCompare({ bits: 32, values: [6n] }, 'eq', 64, 6n)).toBeUndefined();
  });

  it('keep the latest 32 constants excluded along a chain of thousands of tests not taken', () => {
    let f = refineFact(undefined, 'eq', 64, 0n, false);
    for (let k = 1n; k < 6000n; k++) f = refineFact(f, 'eq', 64, k, false);
    expect(f!.excluded).toHaveLength(32);
    expect(decideCompare(f, 'eq', 64, 5999n)).toBe(false);
    expect(decideCompare(f, 'eq', 64, 5968n)).toBe(false);
    // Older exclusions are forgotten: the fact no longer decides them.
    expect(decideCompare(f, 'eq', 64, 5967n)).toBeUndefined();
    // A constant excluded again is not added twice.
    expect(refineFact(f, 'ne', 64, 5999n, true)!.excluded).toEqual(f!.excluded);
  });

  it('decide a compare from excluded constants and bounds', () => {
    expect(decideCompare({ bits: 32, excluded: [6n, 17n] }, 'eq', 32, 17n)).toBe(false);
    expect(decideCompare({ bits: 32, excluded: [6n, 17n] }, 'ne', 32, 6n)).toBe(true);
    expect(decideCompare({ bits: 32, excluded: [6n] }, 'eq', 32, 7n)).toBeUndefined();
    // A 16-bit load is never -1, as 32 or 64 bits, and is never negative.
    const u16 = { bits: 64 as const, max: 0xffffn };
    expect(decideCompare(u16, 'eq', 32, 0xffffffffn)).toBe(false);
    expect(decideCompare(u16, 'eq', 64, -1n)).toBe(false);
    expect(decideCompare(u16, 'slt', 32, 0n)).toBeUndefined();
    expect(decideCompare(u16, 'sgt', 32, -1n)).toBe(true);
    expect(decideCompare(u16, 'gt', 64, 0xffffn)).toBe(false);
    expect(decideCompare(u16, 'gt', 64, 0xfffen)).toBeUndefined();
    // A bound over the whole register above 32 bits says nothing of the low half.
    expect(decideCompare({ bits: 64, max: 0x1_0000_0000n }, 'eq', 32, 0xffffffffn)).toBeUndefined();
  });

  it('learn from a branch outcome', () => {
    expect(refineFact(undefined, 'eq', 32, 6n, true)).toEqual({ bits: 32, values: [6n] });
    expect(refineFact(undefined, 'eq', 32, 6n, false)).toEqual({ bits: 32, excluded: [6n], max: undefined });
    expect(refineFact({ bits: 32, excluded: [6n] }, 'ne', 32, 17n, true)).toEqual({ bits: 32, excluded: [6n, 17n], max: undefined });
    expect(refineFact({ bits: 64, values: [6n, 17n] }, 'eq', 32, 6n, false)).toEqual({ bits: 64, values: [17n] });
    expect(refineFact(undefined, 'lt', 64, 10n, true)).toEqual({ bits: 64, excluded: undefined, max: 9n });
    // A 32-bit outcome about a value that may be wider than 32 bits is not kept over the whole register.
    expect(refineFact({ bits: 64, max: 0x1_0000_0000n }, 'eq', 32, 6n, true)).toEqual({ bits: 64, max: 0x1_0000_0000n });
  });

  it('follow constants, moves and masks, and forget a register written otherwise', () => {
    const facts: Facts = new Map();
    const insts: Inst[] = [
      { op: 'mov', bits: 64, dst: r(1), src: { kind: 'imm', value: 5n }, span },
      { op: 'alu', alu: 'add', bits: 64, dst: r(2), a: { kind: 'reg', reg: r(1) }, b: { kind: 'imm', value: 1n }, span },
      { op: 'alu', alu: 'and', bits: 64, dst: r(3), a: { kind: 'reg', reg: r(0) }, b: { kind: 'imm', value: 0xfffn }, span },
      { op: 'load', size: 2, dst: r(4), addr: { kind: 'reg', reg: r(0), off: 0 }, span },
      { op: 'mov', bits: 32, dst: r(5), src: { kind: 'reg', reg: r(6) }, span },
    ];
    facts.set(r(6), { bits: 32, values: [7n] });
    for (const i of insts) stepFacts(i, facts);
    expect(facts.get(r(2))).toEqual({ bits: 64, values: [6n] });
    expect(facts.get(r(3))).toEqual({ bits: 64, max: 0xfffn });
    expect(facts.get(r(4))).toEqual({ bits: 64, max: 0xffffn });
    expect(facts.get(r(5))).toEqual({ bits: 64, values: [7n] });
    stepFacts({ op: 'load', size: 8, dst: r(2), addr: { kind: 'reg', reg: r(0), off: 0 }, span }, facts);
    expect(facts.has(r(2))).toBe(false);
  });
});
