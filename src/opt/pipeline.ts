// The optimisation passes, in order. Each pass file opens with what it
// needs, what it changes and what it invalidates.
import type { CompileContext } from '../context.js';
import type { Module } from '../ir/ir.js';
import { constProp } from './const-prop.js';
import { deadCodeElim } from './dce.js';
import { foldAddresses } from './fold-address.js';
import { eliminateZeroExtensions } from './zext-elim.js';
import { simplifyCfg } from './simplify-cfg.js';
import { unrollLoops } from './unroll.js';

export function optimize(module: Module, ctx: CompileContext): Module {
  for (const fn of module.functions) {
    simplifyCfg(fn);
    constProp(fn);
    simplifyCfg(fn);
    unrollLoops(fn, ctx); // restricted C: every loop, at every -O level
    if (ctx.options.optLevel > 0) {
      constProp(fn);
      simplifyCfg(fn);
      foldAddresses(fn);
      eliminateZeroExtensions(fn);
      deadCodeElim(fn);
    }
  }
  return module;
}
