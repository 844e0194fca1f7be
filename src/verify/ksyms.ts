// Extern variables of the ".ksyms" section (`extern ... __ksym`). libbpf resolves every one of
// them before it loads any program of the object: a typed one against the kernel's BTF (a VAR of
// that name), a typeless one (`extern const void x __ksym`) against /proc/kallsyms. A weak one
// that is missing becomes 0; a strong one that is missing fails the whole object ("extern 'x'
// (strong): not resolved"), and a loader that loads the programs raw anyway leaves the ld_imm64
// of each such variable without a BTF id, which the kernel refuses.
import type { BtfType } from '../bpf/btf.js';
import type { ObjectProgram } from '../bpf/object.js';
import type { TargetBtf } from './core-relocate.js';

export interface KsymVar {
  name: string;
  /** The variable has a type (resolved against kernel BTF), not `void` (resolved against kallsyms). */
  typed: boolean;
  weak: boolean;
}

/** Through const, volatile, restrict and typedef: whether the type is void (id 0). */
function isVoid(btf: readonly BtfType[], id: number): boolean {
  for (let guard = 0; guard < 32 && id !== 0; guard++) {
    const t = btf[id - 1];
    if (!t || !(t.kind === 'const' || t.kind === 'volatile' || t.kind === 'restrict' || t.kind === 'typedef')) return false;
    id = t.type;
  }
  return id === 0;
}

/** The object's `__ksym` variables (extern functions in ".ksyms" are kfuncs, not listed here). */
export function ksymVariables(obj: ObjectProgram): KsymVar[] {
  const weak = new Set([...(obj.undefinedSymbols ?? []), ...(obj.externVars ?? [])].filter((s) => s.weak).map((s) => s.name));
  const out: KsymVar[] = [];
  for (const t of obj.btf) {
    if (t.kind !== 'datasec' || t.name !== '.ksyms') continue;
    for (const v of t.vars) {
      const vt = obj.btf[v.type - 1];
      if (vt?.kind !== 'var') continue;
      out.push({ name: vt.name, typed: !isVoid(obj.btf, vt.type), weak: weak.has(vt.name) });
    }
  }
  return out;
}

/**
 * The strong `__ksym` variables the running kernel does not have, among those that can be looked
 * up: typed ones when the kernel BTF is given, typeless ones when the kernel's symbols are.
 */
export function unresolvedKsyms(obj: ObjectProgram, kernelBtf: TargetBtf | undefined, kernelSymbols: ReadonlySet<string> | undefined): KsymVar[] {
  const strong = ksymVariables(obj).filter((v) => !v.weak);
  if (strong.length === 0) return [];
  const kernelVars = kernelBtf && strong.some((v) => v.typed)
    ? new Set(kernelBtf.types.flatMap((t) => (t.kind === 'var' ? [t.name] : [])))
    : undefined;
  return strong.filter((v) => (v.typed ? kernelVars !== undefined && !kernelVars.has(v.name) : kernelSymbols !== undefined && !kernelSymbols.has(v.name)));
}
