// Instruction counts per program, read from the object with ebcc's own ELF
// reader (dist/obj/read.js, built by `npm run build`). A program's count is
// its entry function plus every .text function it reaches through BPF-to-BPF
// calls: the code the kernel loads for it, whatever the compiler inlined.
import { readFileSync } from 'node:fs';

export async function loadReader(distDir) {
  const { readObject } = await import(new URL('obj/read.js', distDir).href);
  const { Diagnostics } = await import(new URL('diag/diagnostic.js', distDir).href);
  return (path) => {
    const diags = new Diagnostics();
    const obj = readObject(new Uint8Array(readFileSync(path)), diags, path);
    if (obj === undefined) {
      return { error: diags.list.map((d) => d.message).join('; ') || 'unreadable object' };
    }
    return { programs: programInsnCounts(obj) };
  };
}

/** Map from program (entry function) name to { section, insns, functions }. */
export function programInsnCounts(obj) {
  const byName = new Map(obj.functions.map((f) => [f.name, f]));
  const out = new Map();
  for (const f of obj.functions) {
    if (f.section === '.text') continue;
    const seen = new Set([f.name]);
    const work = [f];
    let insns = 0;
    while (work.length > 0) {
      const g = work.pop();
      insns += g.insns.length;
      for (const r of g.relocs) {
        if (r.kind !== 'call' || seen.has(r.symbol)) continue;
        const callee = byName.get(r.symbol);
        if (callee === undefined) continue;
        seen.add(r.symbol);
        work.push(callee);
      }
    }
    out.set(f.name, { section: f.section, insns, functions: seen.size });
  }
  return out;
}
