// Signed division and remainder before -mcpu=v4, which has no sdiv/smod instructions: lowering
// emits them, and this check, after optimisation, reports each one that is still there (E5004).
// A division whose result is never used, or whose use folds away (clang accepts the same
// programs: `vport = *value % 2` read only by a test that is always false), needs no instruction;
// one of a value the paths to it show not negative by a positive constant (`if (delta < 0) goto
// out; ... delta / 1000`) is an unsigned one, as clang makes it.
import { CPU_FEATURES, cpuFeatures } from '../bpf/opcodes.js';
import type { CompileContext } from '../context.js';
import type { IrFunction, Module, VReg } from '../ir/ir.js';
import { branchFacts, stepFacts, testedRegisters } from './branch-facts.js';
import { foldRemainderRanges } from './remainder-ranges.js';

export function checkSignedDivision(module: Module, ctx: CompileContext): void {
  if (cpuFeatures(ctx.options.mcpu).has('sdivSmod')) return;
  if (ctx.options.optLevel > 0) {
    foldRemainderRanges(module);
    for (const fn of module.functions) unsignNonNegative(fn);
  }
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

/** Signed divisions and remainders of a value not negative where they run, by a positive constant, become unsigned. */
function unsignNonNegative(fn: IrFunction): void {
  const signed = (i: { op: string; alu?: string }) => i.op === 'alu' && (i.alu === 'sdiv' || i.alu === 'smod');
  if (!fn.blocks.some((b) => b.insts.some(signed))) return;
  const tracked: Set<VReg> = testedRegisters(fn);
  for (const b of fn.blocks) for (const i of b.insts) if (i.op === 'alu' && signed(i) && i.a.kind === 'reg') tracked.add(i.a.reg);
  const facts = branchFacts(fn, tracked);
  for (const b of fn.blocks) {
    const entry = facts.get(b.id);
    if (entry === undefined) continue;
    const here = new Map(entry);
    b.insts = b.insts.map((i) => {
      let out = i;
      if (i.op === 'alu' && (i.alu === 'sdiv' || i.alu === 'smod') && i.a.kind === 'reg' && i.b.kind === 'imm') {
        const c = BigInt.asIntN(i.bits, i.b.value);
        const f = here.get(i.a.reg);
        const half = 1n << BigInt(i.bits - 1);
        const known = f !== undefined && f.bits === i.bits ? f : f !== undefined && f.bits === 64 && i.bits === 32 && f.max !== undefined && f.max < 1n << 32n ? f : undefined;
        const max = known?.values ? known.values.reduce((m, v) => (v > m ? v : m), 0n) : known?.max;
        if (c > 0n && max !== undefined && max < half) out = { ...i, alu: i.alu === 'sdiv' ? 'div' : 'mod' };
      }
      stepFacts(out, here, tracked);
      return out;
    });
  }
}
