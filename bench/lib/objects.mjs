// Instruction counts per program, read from the object with ebcc's own ELF
// reader (dist/obj/read.js, built by `npm run build`). A program's count is
// its entry function plus every .text function it reaches through BPF-to-BPF
// calls: the code the kernel loads for it, whatever the compiler inlined.
import { readFileSync } from 'node:fs';

// BPF_JMP | BPF_CALL, and src_reg BPF_PSEUDO_CALL (a call of a BPF function, not a helper).
const OPCODE_CALL = 0x85;
const PSEUDO_CALL_SRC = 1;

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

/**
 * The callees of `g`: the symbols of its call relocations, and the functions of its own section
 * that its calls without a relocation reach (a compiler may resolve a call inside one section
 * itself, as clang does between static .text functions: the imm is then the pc-relative offset).
 */
function calleesOf(g, bySectionStart, startOf) {
  const out = [];
  const relocated = new Set();
  for (const r of g.relocs) {
    if (r.kind !== 'call') continue;
    relocated.add(r.insnIndex);
    out.push(r.symbol);
  }
  g.insns.forEach((insn, i) => {
    if (insn.code !== OPCODE_CALL || insn.src !== PSEUDO_CALL_SRC || relocated.has(i)) return;
    const callee = bySectionStart.get(`${g.section}:${startOf.get(g) + i + insn.imm + 1}`);
    if (callee !== undefined && callee !== g) out.push(callee.name);
  });
  return out;
}

/** Map from program (entry function) name to { section, insns, functions }. */
export function programInsnCounts(obj) {
  const byName = new Map(obj.functions.map((f) => [f.name, f]));
  // Each function's first instruction within its section: the functions of a section lie one
  // after the other, in object order.
  const startOf = new Map(), bySectionStart = new Map(), sectionEnd = new Map();
  for (const f of obj.functions) {
    const at = sectionEnd.get(f.section) ?? 0;
    startOf.set(f, at);
    bySectionStart.set(`${f.section}:${at}`, f);
    sectionEnd.set(f.section, at + f.insns.length);
  }
  const out = new Map();
  for (const f of obj.functions) {
    if (f.section === '.text') continue;
    const seen = new Set([f.name]);
    const work = [f];
    let insns = 0;
    while (work.length > 0) {
      const g = work.pop();
      insns += g.insns.length;
      for (const name of calleesOf(g, bySectionStart, startOf)) {
        if (seen.has(name)) continue;
        const callee = byName.get(name);
        if (callee === undefined) continue;
        seen.add(name);
        work.push(callee);
      }
    }
    out.set(f.name, { section: f.section, insns, functions: seen.size });
  }
  return out;
}
