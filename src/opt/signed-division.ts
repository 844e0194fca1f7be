// Signed division and remainder before -mcpu=v4, which has no sdiv/smod instructions: lowering
// emits them, and this check, after optimisation, reports each one that is still there (E5004).
// A division whose result is never used, or whose use folds away (clang accepts the same
// programs: `vport = *value % 2` read only by a test that is always false), needs no instruction.
import { CPU_FEATURES, cpuFeatures } from '../bpf/opcodes.js';
import type { CompileContext } from '../context.js';
import type { Module } from '../ir/ir.js';
import { foldRemainderRanges } from './remainder-ranges.js';

export function checkSignedDivision(module: Module, ctx: CompileContext): void {
  if (cpuFeatures(ctx.options.mcpu).has('sdivSmod')) return;
  if (ctx.options.optLevel > 0) foldRemainderRanges(module);
  const v = CPU_FEATURES.sdivSmod.minCpu;
  for (const fn of module.functions) {
    for (const b of fn.blocks) {
      for (const i of b.insts) {
        if (i.op !== 'alu' || (i.alu !== 'sdiv' && i.alu !== 'smod')) continue;
        const what = i.alu === 'sdiv' ? 'division' : 'remainder';
        ctx.diags.error('E5004', `signed ${what} needs -mcpu=v${v} (BPF before v${v} divides unsigned only): make the operands unsigned, or compile with -mcpu=v${v}`, i.span);
      }
    }
  }
}
