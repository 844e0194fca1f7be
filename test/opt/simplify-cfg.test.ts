import { describe, expect, it } from 'vitest';
import type { IrFunction, VReg } from '../../src/ir/ir.js';
import { printFunction } from '../../src/ir/print.js';
import { simplifyCfg } from '../../src/opt/simplify-cfg.js';
import { NO_SPAN } from '../../src/diag/source.js';

const span = NO_SPAN;
const r = (n: number) => n as VReg;

function fn(blocks: IrFunction['blocks']): IrFunction {
  return { name: 'f', section: 'xdp', global: true, params: [r(0)], vregCount: 1, vregNames: new Map(), slots: [], blocks, span, source: undefined as never };
}

describe('simplifyCfg', () => {
  it('threads jumps through empty blocks, folds equal-target branches and drops unreachable blocks', () => {
    const f = fn([
      { id: 0, insts: [], term: { op: 'br', cmp: 'eq', bits: 64, a: r(0), b: { kind: 'imm', value: 0n }, then: 1, else: 2, span } },
      { id: 1, insts: [], term: { op: 'jmp', target: 3, span } },
      { id: 2, insts: [], term: { op: 'jmp', target: 3, span } },
      { id: 3, insts: [{ op: 'mov', bits: 64, dst: r(0), src: { kind: 'imm', value: 7n }, span }], term: { op: 'ret', value: { kind: 'reg', reg: r(0) }, span } },
      { id: 4, insts: [], term: { op: 'ret', span } },
    ]);
    simplifyCfg(f);
    expect(printFunction(f)).toBe('func f(%0) section "xdp"\nb0:\n  jmp b1\nb1:\n  %0 = 7\n  ret %0\n');
  });

  it('keeps a loop of empty blocks without hanging', () => {
    const f = fn([
      { id: 0, insts: [], term: { op: 'jmp', target: 1, span } },
      { id: 1, insts: [], term: { op: 'jmp', target: 0, span } },
    ]);
    simplifyCfg(f);
    expect(f.blocks.length).toBeGreaterThan(0);
  });
});
