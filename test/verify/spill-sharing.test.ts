// A cloned state shares its frames' list of spilled registers with the state it was cloned from
// until either changes a slot (writableSpills), and each spilled register for as long as neither
// changes it (writableSpill, regsWhere): a change on one path never shows on the other. A register
// both states of a comparison share is compared without its fields (regSafe's shortcut), and that
// must give the answer of comparing it with a copy.
import { describe, expect, it } from 'vitest';
import { scalarUnknown, syncBounds } from '../../src/verify/bounds.js';
import {
  SLOT_SPILL, cloneReg, cloneState, regConst, regNotInit, regPtr, regScalar, regsWhere, statesEqual, writableBytes, writableSpill,
  writableSpills, type CompareMasks, type Reg, type State,
} from '../../src/verify/state.js';
import { entryState } from '../../src/verify/check.js';

function withSpills(): State {
  const st = entryState();
  const spills = writableSpills(st.frames[0]!);
  spills[63] = regPtr('pkt', { id: 3, range: 0 });
  spills[62] = regScalar();
  return st;
}

describe('spilled registers of cloned states', () => {
  it('are shared until one state changes one, then each keeps its own', () => {
    const a = withSpills();
    const b = cloneState(a);
    expect(b.frames[0]!.spills).toBe(a.frames[0]!.spills);
    // A search that takes nothing copies nothing.
    expect(regsWhere(b, (r) => r.type === 'pkt' && r.id === 4)).toEqual([]);
    expect(b.frames[0]!.spills).toBe(a.frames[0]!.spills);
    // A packet check on b's path widens b's copy of the spilled pointer only.
    for (const r of regsWhere(b, (r) => r.type === 'pkt' && r.id === 3)) r.range = 14;
    expect(b.frames[0]!.spills[63]!.range).toBe(14);
    expect(a.frames[0]!.spills[63]!.range).toBe(0);
    // The register it did not change is still the one both share.
    expect(b.frames[0]!.spills[62]).toBe(a.frames[0]!.spills[62]);
    // A store on a's path replaces a's slot only.
    writableSpills(a.frames[0]!)[62] = undefined;
    expect(a.frames[0]!.spills[62]).toBeUndefined();
    expect(b.frames[0]!.spills[62]?.type).toBe('scalar');
  });

  it('stay apart when the state that was cloned changes first', () => {
    const a = withSpills();
    const b = cloneState(a);
    const c = cloneState(a);
    for (const r of regsWhere(a, (r) => r.type === 'pkt')) r.range = 20;
    expect(a.frames[0]!.spills[63]!.range).toBe(20);
    expect(b.frames[0]!.spills[63]!.range).toBe(0);
    expect(c.frames[0]!.spills[63]!.range).toBe(0);
    writableSpill(b.frames[0]!, 63).id = 9;
    expect(b.frames[0]!.spills[63]!.id).toBe(9);
    expect(c.frames[0]!.spills[63]!.id).toBe(3);
    expect(a.frames[0]!.spills[63]!.id).toBe(3);
  });
});

let seed = 0x2468ace;
const rand = (n: number): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed >>> 8) % n;
};

/** Registers whose comparison pairs ids: linked scalars, stack and packet pointers, with ids 0..2. */
function randomReg(): Reg {
  switch (rand(6)) {
    case 0: return regNotInit();
    case 1: return regConst(BigInt(rand(3)));
    case 2: return regPtr('stack', { off: -8 * rand(2), id: rand(3) });
    case 3: return regPtr('pkt', { off: 14, id: rand(3), range: 8 * rand(3) });
    default: {
      const s = scalarUnknown();
      s.umin = BigInt(rand(3));
      s.umax = s.umin + BigInt(rand(2) * 100);
      if (rand(2) === 0) s.var = { v: 0n, m: 0x1ffn };
      syncBounds(s);
      const r = regScalar(s);
      r.id = rand(3);
      return r;
    }
  }
}

function randomState(): State {
  const st = entryState();
  const f = st.frames[0]!;
  for (let r = 0; r < 10; r++) f.regs[r] = randomReg();
  f.depth = 64;
  for (let slot = 63; slot >= 56; slot--) {
    if (rand(4) === 0) continue;
    writableBytes(f).fill(SLOT_SPILL, slot * 8, slot * 8 + 8);
    const r = randomReg();
    writableSpills(f)[slot] = r.type === 'not_init' ? regConst(1n) : r;
  }
  return st;
}

/** The same state with no spilled register shared with another state. */
function unshared(st: State): State {
  const out = cloneState(st);
  const f = out.frames[0]!;
  const spills = writableSpills(f);
  for (let k = 0; k < spills.length; k++) if (spills[k]) spills[k] = cloneReg(spills[k]!);
  return out;
}

describe('spilled registers both compared states share', () => {
  it('compare as copies of themselves would, ids included', () => {
    let equal = 0, differ = 0, shared = 0;
    for (let n = 0; n < 3000; n++) {
      const old = randomState();
      const cur = cloneState(old);
      const f = cur.frames[0]!;
      // Change a few registers (their ids too) and a few spilled registers; the others stay shared.
      for (let k = rand(4); k > 0; k--) f.regs[rand(10)] = randomReg();
      for (let k = rand(3); k > 0; k--) {
        const slot = 56 + rand(8);
        if (f.spills[slot]) writableSpill(f, slot).id = rand(3);
      }
      for (let slot = 56; slot < 64; slot++) if (f.spills[slot] && f.spills[slot] === old.frames[0]!.spills[slot]) shared++;
      const masks: CompareMasks = {
        live: [rand(1024)], precise: [rand(1024)], slotsLo: rand(256), slotsHi: 0, liveLo: rand(2) ? 0xffffffff : rand(256), liveHi: 0,
      };
      old.failAt = -1;
      const got = statesEqual(old, cur, masks);
      old.failAt = -1;
      expect(statesEqual(old, unshared(cur), masks)).toBe(got);
      if (got) equal++;
      else differ++;
    }
    expect(equal).toBeGreaterThan(100);
    expect(differ).toBeGreaterThan(100);
    expect(shared).toBeGreaterThan(3000);
  });

  it('pair their ids: a shared linked scalar fails when a register paired its id with another', () => {
    const old = entryState();
    const f = old.frames[0]!;
    f.regs[6] = regScalar();
    f.regs[6].id = 5;
    writableBytes(f).fill(SLOT_SPILL, 63 * 8, 64 * 8);
    writableSpills(f)[63] = cloneReg(f.regs[6]);
    f.depth = 8;
    const cur = cloneState(old);
    expect(cur.frames[0]!.spills[63]).toBe(f.spills[63]);
    const masks: CompareMasks = { live: [1 << 6], precise: [1 << 6], slotsLo: 1, slotsHi: 0, liveLo: 1, liveHi: 0 };
    expect(statesEqual(old, cur, masks)).toBe(true);
    cur.frames[0]!.regs[6]!.id = 7;
    expect(statesEqual(old, cur, masks)).toBe(false);
    // Imprecise, the spilled scalar's id is not looked at.
    expect(statesEqual(old, cur, { ...masks, slotsLo: 0 })).toBe(true);
  });
});
