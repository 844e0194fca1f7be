// loopKey (src/verify/state.ts) files the states in flight at a prune point for the infinite-loop
// test: every pair of states maybeLooping matches must have equal keys, or a loop that changes
// nothing would go undetected (the cases in test/verify/cases/cfg.s check the verdicts).
import { describe, expect, it } from 'vitest';
import { entryState } from '../../src/verify/check.js';
import { cloneState, curFrame, loopKey, maybeLooping, regConst, regScalar } from '../../src/verify/state.js';
import { scalarConst } from '../../src/verify/bounds.js';

/** The live registers of the current frame, bit r for register r. */
const liveMask = (mask: number): number => mask;

describe('loopKey', () => {
  it('is equal for states whose live registers are identical, whatever the dead ones hold', () => {
    const a = entryState();
    curFrame(a).regs[0] = regConst(7n);
    curFrame(a).regs[2] = regConst(-1n);
    const b = cloneState(a);
    curFrame(b).regs[3] = regConst(99n); // dead
    const live = liveMask(0b101);
    expect(maybeLooping(a, b, live)).toBe(true);
    expect(loopKey(a, live)).toBe(loopKey(b, live));
    // A register that is live now tells them apart.
    expect(maybeLooping(a, b, liveMask(0b1101))).toBe(false);
    expect(loopKey(a, liveMask(0b1101))).not.toBe(loopKey(b, liveMask(0b1101)));
  });

  it('separates different constants and types in a live register', () => {
    const live = liveMask(0b1);
    const keys = new Set<number>();
    for (const v of [0n, 1n, 2n, 255n, 1n << 32n, -1n, -(1n << 40n)]) {
      const st = entryState();
      curFrame(st).regs[0] = regConst(v);
      keys.add(loopKey(st, live));
    }
    const unknown = entryState();
    curFrame(unknown).regs[0] = regScalar();
    keys.add(loopKey(unknown, live));
    const ctx = entryState();
    curFrame(ctx).regs[0] = { ...curFrame(ctx).regs[1]!, s: scalarConst(0n) };
    keys.add(loopKey(ctx, live));
    expect(keys.size).toBe(9);
  });
});
