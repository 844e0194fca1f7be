// What the paths to a branch tell about the value it tests (opt/branch-facts.ts): constants,
// excluded constants and bounds, each over the whole register or over its low 32 bits.
import { describe, expect, it } from 'vitest';
import { branchFacts, decideCompare, edgeFacts, refineFact, stepFacts, testedRegisters, type Facts } from '../../src/opt/branch-facts.js';
import { reversePostOrder } from '../../src/opt/loops.js';
import { successors, type Block, type BlockId, type CmpOp, type Inst, type IrFunction, type Terminator, type VReg } from '../../src/ir/ir.js';
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

  it('track the registers branches test and returns return, and every register copied or computed into them', () => {
    const reg = (n: number) => ({ kind: 'reg' as const, reg: r(n) });
    // %5 <- %4 <- (%3, %2) is tested; %1 -> %6 is written from %1 but %6 is never tested; %7 is returned.
    const blocks: Block[] = [
      {
        id: 0, insts: [
          { op: 'alu', alu: 'add', bits: 64, dst: r(4), a: reg(3), b: reg(2), span },
          { op: 'mov', bits: 64, dst: r(6), src: reg(1), span },
          { op: 'mov', bits: 32, dst: r(5), src: reg(4), span },
        ], term: { op: 'br', cmp: 'eq', bits: 64, a: r(5), b: { kind: 'imm', value: 0n }, then: 1, else: 1, span },
      },
      { id: 1, insts: [{ op: 'mov', bits: 64, dst: r(7), src: reg(8), span }], term: { op: 'ret', value: reg(7), span } },
    ];
    const fn: IrFunction = { name: 'f', section: '.text', global: false, params: [r(0)], vregCount: 9, vregNames: new Map(), slots: [], blocks, span, source: undefined as never };
    expect([...testedRegisters(fn)].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 7, 8]);
  });

  it('at each block, the facts of rounds over every block until none changes (loops included)', () => {
    // branchFacts works a block out again only when a predecessor's exit facts changed; rounds
    // over every block, as written here, must give the same facts at every block.
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    const reg = (n: number) => ({ kind: 'reg' as const, reg: r(n) });
    const imm = (v: number) => ({ kind: 'imm' as const, value: BigInt(v) });
    const CMPS: CmpOp[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'slt'];
    let loops = 0, rounds3 = 0, decided = 0;
    for (let n = 0; n < 300; n++) {
      const count = 3 + rand(10);
      const blocks: Block[] = [];
      for (let id = 0; id < count; id++) {
        const insts: Inst[] = [];
        for (let k = rand(4); k > 0; k--) {
          const dst = r(1 + rand(4));
          const kind = rand(4);
          if (kind === 0) insts.push({ op: 'mov', bits: 64, dst, src: imm(rand(4)), span });
          else if (kind === 1) insts.push({ op: 'mov', bits: rand(2) ? 64 : 32, dst, src: reg(1 + rand(4)), span });
          else if (kind === 2) insts.push({ op: 'alu', alu: rand(2) ? 'add' : 'and', bits: 64, dst, a: reg(1 + rand(4)), b: imm(1 + rand(3)), span });
          else insts.push({ op: 'load', size: 1, dst, addr: { kind: 'reg', reg: r(0), off: 0 }, span });
        }
        const to = (): BlockId => rand(count);
        const t = rand(5);
        const term: Terminator = id === count - 1 || t === 0 ? { op: 'ret', value: reg(1 + rand(4)), span }
          : t === 1 ? { op: 'jmp', target: to(), span }
            : { op: 'br', cmp: CMPS[rand(CMPS.length)]!, bits: rand(3) ? 64 : 32, a: r(1 + rand(4)), b: imm(rand(4)), then: to(), else: to(), span };
        blocks.push({ id, insts, term });
      }
      const fn: IrFunction = { name: 'f', section: '.text', global: false, params: [r(0)], vregCount: 5, vregNames: new Map(), slots: [], blocks, span, source: undefined as never };
      const tracked = testedRegisters(fn);
      // The reference: every reachable block, in reverse post-order, every round.
      const order = reversePostOrder(fn);
      const rank = new Map(order.map((id, k) => [id, k]));
      if (order.some((id) => successors(blocks[id]!.term).some((s) => rank.get(s)! <= rank.get(id)!))) loops++;
      const preds = new Map<BlockId, BlockId[]>();
      for (const id of order) for (const s of successors(blocks[id]!.term)) (preds.get(s) ?? preds.set(s, []).get(s)!).push(id);
      const outs = new Map<BlockId, Facts>();
      let want: Map<BlockId, Facts> = new Map(order.map((id) => [id, new Map()]));
      for (let round = 0; round < 20; round++) {
        const ins = new Map<BlockId, Facts>();
        let changed = false;
        for (const id of order) {
          let entry: Facts | undefined;
          for (const p of id === 0 ? [] : preds.get(id) ?? []) {
            const o = outs.get(p);
            if (o === undefined) continue;
            const e = edgeFacts(blocks[p]!, o, id);
            if (entry === undefined) entry = new Map(e);
            else for (const [x, f] of entry) {
              const other = e.get(x);
              // The join of the two facts, as meetFact makes it.
              const m = other === undefined ? undefined : joinFacts(f, other);
              if (m === undefined) entry.delete(x);
              else entry.set(x, m);
            }
          }
          entry ??= new Map();
          ins.set(id, entry);
          const out = new Map(entry);
          for (const i of blocks[id]!.insts) stepFacts(i, out, tracked);
          if (!sameFacts(outs.get(id), out)) {
            outs.set(id, out);
            changed = true;
          }
        }
        if (!changed) {
          want = ins;
          if (round >= 2) rounds3++;
          break;
        }
      }
      const got = branchFacts(fn, tracked);
      expect(got).toEqual(want);
      for (const b of blocks) {
        const t = b.term;
        const f = got.get(b.id);
        if (f && t.op === 'br' && t.b.kind === 'imm') {
          const out = new Map(f);
          for (const i of b.insts) stepFacts(i, out, tracked);
          if (decideCompare(out.get(t.a), t.cmp, t.bits, t.b.value) !== undefined) decided++;
        }
      }
    }
    // The random functions hold loops whose facts take more than one round to settle, and branches the facts decide.
    expect(loops).toBeGreaterThan(100);
    expect(rounds3).toBeGreaterThan(20);
    expect(decided).toBeGreaterThan(100);
  });
});

/** meetFact written out for the reference: constants unite (at most 8, else their largest bounds), exclusions intersect, bounds take the larger. */
function joinFacts(a: NonNullable<ReturnType<Facts['get']>>, b: NonNullable<ReturnType<Facts['get']>>): ReturnType<Facts['get']> {
  if (a.bits !== b.bits) return undefined;
  if (a.values && b.values) {
    const u = [...new Set([...a.values, ...b.values])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    return u.length <= 8 ? { bits: a.bits, values: u } : { bits: a.bits, max: u[u.length - 1] };
  }
  if (b.values) [a, b] = [b, a];
  let excluded: readonly bigint[] | undefined, max: bigint | undefined;
  if (a.values) {
    excluded = b.excluded?.filter((x) => !a.values!.includes(x));
    const top = a.values.reduce((m, x) => (x > m ? x : m), 0n);
    max = b.max === undefined ? undefined : b.max > top ? b.max : top;
  } else {
    excluded = a.excluded?.filter((x) => b.excluded?.includes(x));
    max = a.max === undefined || b.max === undefined ? undefined : a.max > b.max ? a.max : b.max;
  }
  const ex = excluded && excluded.length > 0 ? excluded : undefined;
  if (ex === undefined && max === undefined) return undefined;
  return { bits: a.bits, excluded: ex, max };
}

function sameFacts(a: Facts | undefined, b: Facts): boolean {
  if (a === undefined || a.size !== b.size) return false;
  for (const [x, f] of b) {
    const g = a.get(x);
    if (g === undefined || g.bits !== f.bits || g.max !== f.max || String(g.values) !== String(f.values) || String(g.excluded) !== String(f.excluded)) return false;
  }
  return true;
}
