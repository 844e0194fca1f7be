// Machine twins (codegen/twins.ts): blocks that are the same code once registers are given merge,
// unless one loads or stores through a register that may hold a context or kernel pointer.
import { describe, expect, it } from 'vitest';
import { forwardTwins, mayHoldKernelPointer, type TwinQuery } from '../../src/codegen/twins.js';
import type { Block, Inst, IrFunction, Operand, Terminator, VReg } from '../../src/ir/ir.js';
import type { Span } from '../../src/diag/source.js';

const span: Span = { file: 0, start: 0, end: 0 };
const v = (n: number) => n as VReg;
const reg = (n: number): Operand => ({ kind: 'reg', reg: v(n) });
const imm = (n: number): Operand => ({ kind: 'imm', value: BigInt(n) });

function fn(params: number[], blocks: { insts: Inst[]; term: Terminator }[]): IrFunction {
  return {
    name: 'f', section: 'xdp', global: true, params: params.map(v), vregCount: 20, vregNames: new Map(), slots: [],
    blocks: blocks.map((b, id): Block => ({ id, ...b })), span, source: undefined as never,
  };
}

/** Registers as the allocation gives them: `phys` maps virtual registers, the rest are their own number. */
function query(forward: Map<number, number>, phys: Record<number, number>): TwinQuery {
  const p = (o: Operand) => (o.kind === 'imm' ? `#${o.value}` : `r${phys[o.reg] ?? o.reg}`);
  const text = (i: Inst): string => {
    switch (i.op) {
      case 'load': return `ld${i.size} r${phys[i.dst] ?? i.dst} ${i.addr.kind === 'reg' ? p(reg(i.addr.reg)) : `slot${i.addr.slot}`}+${i.addr.off}`;
      case 'mov': return i.src.kind === 'reg' && (phys[i.src.reg] ?? i.src.reg) === (phys[i.dst] ?? i.dst) ? '' : `mov r${phys[i.dst] ?? i.dst} ${p(i.src)}`;
      case 'call': return `call ${i.helper} ${i.args.map(p).join(' ')}`;
      default: return i.op;
    }
  };
  const retarget = (t: Terminator): Terminator => {
    const to = (id: number) => forward.get(id) ?? id;
    return t.op === 'jmp' ? { ...t, target: to(t.target) } : t.op === 'br' ? { ...t, then: to(t.then), else: to(t.else) } : t;
  };
  return {
    codeKey: (b) => b.insts.map(text).filter((t) => t !== '').join(';'),
    termKey: (t) => (t.op === 'jmp' ? `jmp ${t.target}` : t.op === 'ret' ? `ret ${t.value ? p(t.value) : '-'}` : `br ${t.cmp} ${p(reg(t.a))} ${p(t.b)} ${t.then} ${t.else}`),
    retarget,
  };
}

/**
 * Block 0 looks a map value up (r2) and branches to blocks 1 and 2, which load through `base` into
 * different virtual registers given one machine register, and go on to block 3.
 */
function twoLoads(base: number): IrFunction {
  return fn([1], [
    { insts: [{ op: 'call', helper: 1, args: [imm(0), imm(0)], dst: v(2), span }], term: { op: 'br', cmp: 'eq', bits: 64, a: v(2), b: imm(0), then: 1, else: 2, span } },
    { insts: [{ op: 'load', size: 4, dst: v(5), addr: { kind: 'reg', reg: v(base), off: 8 }, span }], term: { op: 'jmp', target: 3, span } },
    { insts: [{ op: 'load', size: 4, dst: v(6), addr: { kind: 'reg', reg: v(base), off: 8 }, span }], term: { op: 'jmp', target: 3, span } },
    { insts: [], term: { op: 'ret', value: imm(2), span } },
  ]);
}

describe('forwardTwins', () => {
  it('merges two blocks that load through a map value into one machine register', () => {
    const f = twoLoads(2);
    const forward = new Map<number, number>();
    forwardTwins(f, forward, query(forward, { 5: 0, 6: 0 }));
    expect([...forward]).toEqual([[2, 1]]);
  });

  it('merges them when one has a copy that the allocation made empty', () => {
    const f = twoLoads(2);
    f.blocks[1]!.insts.push({ op: 'mov', bits: 64, dst: v(9), src: reg(5), span });
    const forward = new Map<number, number>();
    forwardTwins(f, forward, query(forward, { 5: 0, 6: 0, 9: 0 }));
    expect([...forward]).toEqual([[2, 1]]);
  });

  it('keeps them apart when their registers differ', () => {
    const f = twoLoads(2);
    const forward = new Map<number, number>();
    forwardTwins(f, forward, query(forward, { 5: 0, 6: 3 }));
    expect(forward.size).toBe(0);
  });

  it('keeps them apart when the pointer may be the context (one insn, two pointer types)', () => {
    const f = twoLoads(1);
    const forward = new Map<number, number>();
    forwardTwins(f, forward, query(forward, { 5: 0, 6: 0 }));
    expect(forward.size).toBe(0);
  });

  it('merges predecessors that become twins once their successors merged', () => {
    // Blocks 1 and 2 copy into r3 and go to blocks 3 and 4, which are twins.
    const f = fn([1], [
      { insts: [{ op: 'call', helper: 1, args: [imm(0), imm(0)], dst: v(2), span }], term: { op: 'br', cmp: 'eq', bits: 64, a: v(2), b: imm(0), then: 1, else: 2, span } },
      { insts: [{ op: 'mov', bits: 64, dst: v(7), src: imm(4), span }], term: { op: 'jmp', target: 3, span } },
      { insts: [{ op: 'mov', bits: 64, dst: v(8), src: imm(4), span }], term: { op: 'jmp', target: 4, span } },
      { insts: [{ op: 'load', size: 8, dst: v(5), addr: { kind: 'reg', reg: v(2), off: 0 }, span }], term: { op: 'ret', value: reg(5), span } },
      { insts: [{ op: 'load', size: 8, dst: v(6), addr: { kind: 'reg', reg: v(2), off: 0 }, span }], term: { op: 'ret', value: reg(6), span } },
    ]);
    const forward = new Map<number, number>();
    forwardTwins(f, forward, query(forward, { 5: 0, 6: 0, 7: 3, 8: 3 }));
    expect(new Map(forward)).toEqual(new Map([[4, 3], [2, 1]]));
  });
});

describe('mayHoldKernelPointer', () => {
  it('follows the context through copies and additions, and counts 8-byte loads and kernel-object helpers', () => {
    const f = fn([1], [{
      insts: [
        { op: 'mov', bits: 64, dst: v(2), src: reg(1), span },
        { op: 'alu', alu: 'add', bits: 64, dst: v(3), a: reg(2), b: imm(16), span },
        { op: 'load', size: 4, dst: v(4), addr: { kind: 'reg', reg: v(3), off: 0 }, span },
        { op: 'load', size: 8, dst: v(5), addr: { kind: 'reg', reg: v(3), off: 0 }, span },
        { op: 'call', helper: 1, args: [imm(0), imm(0)], dst: v(6), span },
        { op: 'call', helper: 84, args: [reg(1), imm(0), imm(0), imm(0), imm(0)], dst: v(7), span },
        { op: 'alu', alu: 'add', bits: 64, dst: v(8), a: reg(6), b: reg(4), span },
      ],
      term: { op: 'ret', value: imm(0), span },
    }]);
    expect([...mayHoldKernelPointer(f)].sort((a, b) => a - b)).toEqual([1, 2, 3, 5, 7]);
  });
});
