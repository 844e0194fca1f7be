// Constant arguments of static BPF-to-BPF functions (interprocedural constant propagation).
// Needs: every function through simplifyCfg and constProp (calls pass constants as immediates,
// and calls in code that can never run are gone). Changes: for each static .text function whose
// address is never taken, a parameter that every call passes as the same constant starts the body
// as that constant (the parameter list takes a fresh register that the body never reads), and the
// function's constants are propagated again. Functions are visited callers first, so a constant
// that reaches a function through a chain of calls (a program passes 14 to f, which passes its
// parameter on to g) arrives at the end of the chain. Clang does the same (IPSCCP), so a loop in a
// __noinline function whose bound is an argument, like jhash(key, 16, seed), has a constant trip
// count and unrolls. Invalidates: liveness of the changed functions.
import type { Inst, IrFunction, Module, Operand, VReg } from '../ir/ir.js';
import { constProp } from './const-prop.js';
import { simplifyCfg } from './simplify-cfg.js';

export function propagateConstantArguments(module: Module): IrFunction[] {
  const byName = new Map(module.functions.map((f) => [f.name, f]));
  const calls = new Map<string, (Inst & { op: 'callfn' })[]>();
  const addressTaken = new Set<string>();
  const scan = (f: IrFunction) => {
    for (const b of f.blocks) for (const i of b.insts) {
      if (i.op === 'callfn') {
        const list = calls.get(i.func);
        if (list) list.push(i);
        else calls.set(i.func, [i]);
      } else if (i.op === 'funcaddr') addressTaken.add(i.func);
    }
  };
  const changed: IrFunction[] = [];
  let stale = true;
  for (const fn of callersFirst(module, byName)) {
    // The call sites as they are now: each caller has already had its own constants propagated.
    if (stale) {
      calls.clear();
      addressTaken.clear();
      for (const f of module.functions) scan(f);
      stale = false;
    }
    const sites = calls.get(fn.name) ?? [];
    if (fn.section !== '.text' || !fn.source.sym.isStatic || fn.naked || addressTaken.has(fn.name) || sites.length === 0) continue;
    const init: Inst[] = [];
    fn.params = fn.params.map((p, k) => {
      const first = sites[0]!.args[k];
      if (first?.kind !== 'imm' || !sites.every((c) => sameImm(c.args[k], first))) return p;
      init.push({ op: 'mov', bits: 64, dst: p, src: { kind: 'imm', value: first.value }, span: fn.span });
      return fn.vregCount++ as VReg;
    });
    if (init.length === 0) continue;
    fn.blocks[0]!.insts.unshift(...init);
    constProp(fn);
    simplifyCfg(fn);
    changed.push(fn);
    stale = true;
  }
  return changed;
}

function sameImm(o: Operand | undefined, first: Operand & { kind: 'imm' }): boolean {
  return o?.kind === 'imm' && BigInt.asUintN(64, o.value) === BigInt.asUintN(64, first.value);
}

/** The functions ordered so that every caller comes before its callees (calls do not recurse). */
function callersFirst(module: Module, byName: Map<string, IrFunction>): IrFunction[] {
  const callees = new Map<IrFunction, Set<IrFunction>>();
  for (const f of module.functions) {
    const out = new Set<IrFunction>();
    for (const b of f.blocks) for (const i of b.insts) {
      const g = i.op === 'callfn' ? byName.get(i.func) : undefined;
      if (g && g !== f) out.add(g);
    }
    callees.set(f, out);
  }
  // Reverse post-order of a depth-first search over the call graph.
  const seen = new Set<IrFunction>();
  const post: IrFunction[] = [];
  for (const root of module.functions) {
    if (seen.has(root)) continue;
    seen.add(root);
    const stack: { f: IrFunction; next: IrFunction[] }[] = [{ f: root, next: [...callees.get(root)!] }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const g = top.next.pop();
      if (g === undefined) {
        post.push(top.f);
        stack.pop();
      } else if (!seen.has(g)) {
        seen.add(g);
        stack.push({ f: g, next: [...callees.get(g)!] });
      }
    }
  }
  return post.reverse();
}
