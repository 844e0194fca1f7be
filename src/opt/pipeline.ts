// The optimisation passes, in order. Each pass file opens with what it
// needs, what it changes and what it invalidates.
import type { CompileContext } from '../context.js';
import type { Module } from '../ir/ir.js';
import { simplifyCfg } from './simplify-cfg.js';

export function optimize(module: Module, ctx: CompileContext): Module {
  for (const fn of module.functions) {
    simplifyCfg(fn);
  }
  void ctx;
  return module;
}
