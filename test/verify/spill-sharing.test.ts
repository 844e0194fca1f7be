// A cloned state shares its frames' spilled registers with the state it was cloned from until
// either changes one (writableSpills, regsWhere): a change on one path never shows on the other.
import { describe, expect, it } from 'vitest';
import { cloneState, regPtr, regScalar, regsWhere, writableSpills, type State } from '../../src/verify/state.js';
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
    writableSpills(b.frames[0]!)[63]!.id = 9;
    expect(c.frames[0]!.spills[63]!.id).toBe(3);
    expect(a.frames[0]!.spills[63]!.id).toBe(3);
  });
});
