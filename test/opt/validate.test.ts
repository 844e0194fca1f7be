// The IR stays valid after every pass, on every sample and at both -O levels.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IrFunction } from '../../src/ir/ir.js';
import { validateFunction } from '../../src/ir/validate.js';
import { lower } from '../../src/lower/lower.js';
import { optimize } from '../../src/opt/pipeline.js';
import { compileFile, REPO_DIR } from '../util/compile.js';

const samples = readdirSync(`${REPO_DIR}/samples`).filter((f) => f.endsWith('.c'));

describe('IR validation after every pass', () => {
  for (const name of samples) {
    for (const optLevel of [0, 2] as const) {
      it(`${name} at -O${optLevel}`, () => {
        const out = compileFile(`${REPO_DIR}/samples/${name}`, { optLevel }, 'sema');
        expect(out.ctx.diags.hasErrors()).toBe(false);
        const module = lower(out.program!, out.ctx);
        for (const fn of module.functions) expect(validateFunction(fn), `${fn.name} after lowering`).toEqual([]);
        const seen: string[] = [];
        optimize(module, out.ctx, {
          afterPass(pass: string, fn: IrFunction) {
            seen.push(pass);
            expect(validateFunction(fn), `${fn.name} after ${pass}`).toEqual([]);
          },
        });
        expect(seen).toContain('unroll');
      });
    }
  }

  it('reports broken rules', () => {
    const span = { file: 0, start: 0, end: 0 };
    const fn = {
      name: 'f', section: 'xdp', global: true, params: [], vregCount: 1, vregNames: new Map(), slots: [], span, source: undefined as never,
      blocks: [{ id: 0, insts: [{ op: 'load', size: 3, dst: 0, addr: { kind: 'slot', slot: 2, off: 0 }, span }], term: { op: 'jmp', target: 5, span } }],
    } as unknown as IrFunction;
    expect(validateFunction(fn)).toEqual(['b0[0]: memory size 3', 'b0[0]: slot #2 does not exist', 'b0 terminator: target b5 does not exist']);
  });
});
