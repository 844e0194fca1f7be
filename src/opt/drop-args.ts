// Dropping the arguments of static BPF-to-BPF functions that their calls need not pass.
// Needs: every function optimised (calls pass constants as immediates). Changes: for each static
// .text function whose address is not taken (its calls are all known), a parameter that its body
// never reads, or that every call passes as the same constant (which the body then starts by
// setting), is removed from the function and from each call, as clang's dead-argument
// elimination does: the calls set fewer registers (`jhash_2words(a, b, 0, SEED)` calls with two),
// and a function of more than five parameters may fit R1-R5. If more than 5 remain, or such a
// function's address is taken, E3106. At -O0 only functions of more than 5 parameters change.
// Invalidates: liveness of the changed functions.
import type { CompileContext } from '../context.js';
import type { Inst, IrFunction, Module, Operand } from '../ir/ir.js';
import { liveAtEntry } from '../ir/liveness.js';
import { MAX_CALL_ARGS } from '../sema/bpf-rules.js';

export function dropArguments(module: Module, ctx: CompileContext): IrFunction[] {
  const changed: IrFunction[] = [];
  const calls = (name: string) => {
    const out: (Inst & { op: 'callfn' })[] = [];
    for (const f of module.functions) for (const b of f.blocks) for (const i of b.insts) if (i.op === 'callfn' && i.func === name) out.push(i);
    return out;
  };
  const addressTaken = (name: string) => module.functions.some((f) => f.blocks.some((b) => b.insts.some((i) => i.op === 'funcaddr' && i.func === name)));
  for (const fn of module.functions) {
    if (fn.section !== '.text' || fn.params.length === 0 || !fn.source.sym.isStatic) continue;
    const tooMany = fn.params.length > MAX_CALL_ARGS;
    // -O0 keeps the calls as written, unless they could not be made.
    if (!tooMany && ctx.options.optLevel === 0) continue;
    const report = () =>
      ctx.diags.error('E3106', `function '${fn.name}' takes ${fn.params.length} arguments but a BPF-to-BPF call passes at most ${MAX_CALL_ARGS} (in R1-R5)`, fn.source.sym.span, {
        notes: [{ message: 'ebcc removes the arguments of a static function that it never reads or that every call passes as the same constant; more than 5 others remain' }],
      });
    if (addressTaken(fn.name)) {
      if (tooMany) report();
      continue;
    }
    const sites = calls(fn.name);
    const live = liveAtEntry(fn);
    const keep: boolean[] = [];
    const init: Inst[] = [];
    fn.params.forEach((p, k) => {
      if (!live.has(p)) return void keep.push(false);
      const values = sites.map((c) => c.args[k]);
      const first = values[0];
      const same = first?.kind === 'imm' && values.every((v): v is Operand => v?.kind === 'imm' && v.value === first.value);
      if (same) {
        init.push({ op: 'mov', bits: 64, dst: p, src: first, span: fn.span });
        return void keep.push(false);
      }
      keep.push(true);
    });
    if (keep.every((k) => k)) {
      if (tooMany) report();
      continue;
    }
    fn.params = fn.params.filter((_, k) => keep[k]);
    fn.blocks[0]!.insts.unshift(...init);
    for (const c of sites) c.args = c.args.filter((_, k) => keep[k]);
    changed.push(fn);
    if (fn.params.length > MAX_CALL_ARGS) report();
  }
  return changed;
}
