// statesEqual tries first the register or stack slot at which the explored state last failed to
// contain another: that must only ever be a shortcut. Pairs of random states (scalars of random
// ranges, stack pointers with ids, spilled and plain stack bytes) are compared under random
// liveness and precision masks with every possible first part, and must give the answer of a
// comparison without one.
import { describe, expect, it } from 'vitest';
import { scalarUnknown, syncBounds } from '../../src/verify/bounds.js';
import {
  SLOT_MISC, SLOT_SPILL, SLOT_ZERO, STACK_SIZE, cloneState, newFrame, regConst, regNotInit, regPtr, regScalar, statesEqual,
  writableBytes, writableSpills, type CompareMasks, type Reg, type State,
} from '../../src/verify/state.js';

let seed = 0x1234567;
const rand = (n: number): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed >>> 8) % n;
};

function randomReg(): Reg {
  switch (rand(5)) {
    case 0: return regNotInit();
    case 1: return regConst(BigInt(rand(4)));
    case 2: return regPtr('stack', { off: -8 * rand(3), id: rand(3) });
    default: {
      const s = scalarUnknown();
      s.umin = BigInt(rand(4));
      s.umax = s.umin + BigInt(rand(3) * 100);
      syncBounds(s);
      return regScalar(s);
    }
  }
}

function randomState(): State {
  const st: State = { frames: [newFrame(-1, 0, 0)], refs: [], rcuLocks: 0, preemptOff: 0 };
  const f = st.frames[0]!;
  for (let r = 0; r < 10; r++) f.regs[r] = randomReg();
  f.depth = 8 * (1 + rand(8)) - rand(2) * 4;
  const bytes = writableBytes(f);
  for (let slot = 63; slot >= 56; slot--) {
    const kind = rand(4);
    if (kind === 3) {
      bytes.fill(SLOT_SPILL, slot * 8, slot * 8 + 8);
      const r = randomReg();
      writableSpills(f)[slot] = r.type === 'not_init' ? regConst(1n) : r;
    } else bytes.fill([0, SLOT_MISC, SLOT_ZERO][kind]!, slot * 8, slot * 8 + 8);
  }
  return st;
}

/** A copy of st with one register or one slot changed. */
function mutate(st: State): State {
  const out = cloneState(st);
  const f = out.frames[0]!;
  if (rand(2) === 0) f.regs[rand(10)] = randomReg();
  else {
    const slot = 56 + rand(8);
    const bytes = writableBytes(f);
    if (rand(2) === 0) bytes[slot * 8 + rand(8)] = [0, SLOT_MISC, SLOT_ZERO][rand(3)]!;
    else {
      bytes.fill(SLOT_SPILL, slot * 8, slot * 8 + 8);
      writableSpills(f)[slot] = regConst(BigInt(rand(3)));
    }
  }
  return out;
}

describe('statesEqual with a first part to try', () => {
  it('gives the answer of a comparison without one, for every part', () => {
    let equal = 0, differ = 0;
    for (let n = 0; n < 3000; n++) {
      const old = randomState();
      let cur = old;
      for (let k = 1 + rand(3); k > 0; k--) cur = mutate(cur);
      const masks: CompareMasks = rand(3) === 0 ? { live: [rand(1024)] } : {
        live: [rand(1024)], precise: [rand(1024)], slotsLo: 0, slotsHi: rand(2) ? 0xffffffff : rand(0x10000) << 16,
        liveLo: 0, liveHi: rand(2) ? 0xffffffff : rand(0x10000) << 16,
      };
      old.failAt = -1;
      const want = statesEqual(old, cur, masks);
      if (want) equal++;
      else differ++;
      for (let part = 0; part < 128; part++) {
        if (part >= 10 && part < 64) continue;
        old.failAt = part;
        if (statesEqual(old, cur, masks) !== want) throw new Error(`state ${n}: first part ${part} gives ${!want}, not ${want}`);
      }
    }
    expect(equal).toBeGreaterThan(300);
    expect(differ).toBeGreaterThan(300);
  });
  it('remembers the part that failed', () => {
    const old = randomState();
    const f = old.frames[0]!;
    f.regs[3] = regConst(1n);
    const cur = cloneState(old);
    cur.frames[0]!.regs[3] = regConst(2n);
    expect(statesEqual(old, cur, { live: [1 << 3] })).toBe(false);
    expect(old.failAt).toBe(3);
    f.regs[3] = regConst(2n);
    const bytes = writableBytes(f);
    f.depth = STACK_SIZE;
    bytes.fill(SLOT_ZERO, 62 * 8, 63 * 8);
    writableBytes(cur.frames[0]!).fill(SLOT_MISC, 62 * 8, 63 * 8);
    expect(statesEqual(old, cur, { live: [1 << 3] })).toBe(false);
    expect(old.failAt).toBe(64 + 62);
  });
});
