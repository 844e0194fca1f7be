// The optimisation passes, in order. Each pass file opens with what it
// needs, what it changes and what it invalidates.
import type { CompileContext } from '../context.js';
import type { IrFunction, Module } from '../ir/ir.js';
import { constProp } from './const-prop.js';
import { copyProp } from './copy-prop.js';
import { deadCodeElim } from './dce.js';
import { expandMemOps } from './expand-mem.js';
import { foldAddresses } from './fold-address.js';
import { globalValueNumbering } from './gvn.js';
import { sinkToUses } from './sink.js';
import { scalarReplace } from './sroa.js';
import { simplifyCfg } from './simplify-cfg.js';
import { unrollLoops } from './unroll.js';
import { eliminateSignExtensions, eliminateZeroExtensions } from './zext-elim.js';

export interface PassHooks {
  /** Called after every pass on every function: tests validate the IR here, --dump-after prints it. */
  afterPass?(pass: string, fn: IrFunction): void;
}

export const PASS_NAMES = ['simplify-cfg', 'const-prop', 'unroll', 'expand-mem', 'sroa', 'copy-prop', 'gvn', 'fold-address', 'zext-elim', 'sext-elim', 'dce', 'sink'] as const;

export function optimize(module: Module, ctx: CompileContext, hooks: PassHooks = {}): Module {
  for (const fn of module.functions) {
    const run = (pass: (typeof PASS_NAMES)[number], f: () => unknown) => {
      f();
      hooks.afterPass?.(pass, fn);
    };
    run('simplify-cfg', () => simplifyCfg(fn));
    run('const-prop', () => constProp(fn));
    run('simplify-cfg', () => simplifyCfg(fn));
    run('unroll', () => unrollLoops(fn, ctx)); // restricted C: every loop, at every -O level
    run('expand-mem', () => expandMemOps(fn, ctx)); // sizes are constants by now, or never will be
    run('simplify-cfg', () => simplifyCfg(fn));
    if (ctx.options.optLevel > 0) {
      run('const-prop', () => constProp(fn));
      run('simplify-cfg', () => simplifyCfg(fn));
      run('copy-prop', () => copyProp(fn));
      run('dce', () => deadCodeElim(fn));
      run('sroa', () => scalarReplace(fn));
      run('const-prop', () => constProp(fn));
      run('copy-prop', () => copyProp(fn));
      run('gvn', () => globalValueNumbering(fn));
      run('copy-prop', () => copyProp(fn));
      run('fold-address', () => foldAddresses(fn));
      run('zext-elim', () => eliminateZeroExtensions(fn));
      run('sext-elim', () => eliminateSignExtensions(fn));
      run('copy-prop', () => copyProp(fn));
      run('dce', () => deadCodeElim(fn));
      run('sink', () => sinkToUses(fn));
    }
  }
  return module;
}
