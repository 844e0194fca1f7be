// Links one program of an object into the flat instruction array a loader hands the kernel, the
// way libbpf does: the entry function first, then every .text function it calls (directly or
// through other subprograms), each appended once, with every BPF-to-BPF call's imm rewritten to
// the callee's relative offset. Map references become the loader's form: an ld_imm64 of a map
// gets src_reg = BPF_PSEUDO_MAP_FD and imm = the map's index in `maps`; a reference into a global
// data section (.rodata, .data, .bss) gets BPF_PSEUDO_MAP_VALUE, imm = the section map's index and
// the second slot's imm = the byte offset. The interpreter and the kernel tests load exactly these
// instructions, so both run the same bytes.
import type { Insn } from '../bpf/insn.js';
import type { FunctionCode, ObjectProgram } from '../bpf/object.js';
import { formOf, PSEUDO_CALL, PSEUDO_LD_IMM64 } from '../bpf/opcodes.js';
import type { MapDef } from '../obj/map-defs.js';

/** Where a linked instruction came from. */
export interface InsnOrigin {
  fn: FunctionCode;
  /** Index within fn.insns. */
  index: number;
}

export interface LinkedProgram {
  /** The entry function's name and section. */
  name: string;
  section: string;
  insns: Insn[];
  /** origin[i] for every slot i (second ld_imm64 slots included). */
  origin: InsnOrigin[];
  /** First slot of each function in the linked program, entry first. */
  functions: { name: string; start: number; fn: FunctionCode }[];
  /** The kernel function each kfunc call (by instruction index) names: the extern's symbol. */
  kfuncs: Map<number, string>;
  /**
   * The kernel function each ld_imm64 of a kfunc's address (bpf_ksym_exists(kfunc)) names, by
   * instruction index: libbpf gives it the function's BTF id, or 0 for a missing weak one.
   */
  kfuncAddrs: Map<number, string>;
}

export type LinkResult = { ok: true; program: LinkedProgram } | { ok: false; message: string };

/** The programs of an object: functions outside .text, in object order. */
export function programFunctions(obj: ObjectProgram): FunctionCode[] {
  return obj.functions.filter((f) => f.section !== '.text');
}

function isCall(insn: Insn): boolean {
  return formOf(insn)?.kind === 'call' && insn.src === PSEUDO_CALL.call;
}

function isLdImm64(insn: Insn): boolean {
  return formOf(insn)?.kind === 'ld_imm64';
}

/** Links the program whose entry function is `entry`; `maps` gives the map indices. */
export function linkProgram(obj: ObjectProgram, entry: FunctionCode, maps: readonly MapDef[]): LinkResult {
  const insns: Insn[] = [];
  const origin: InsnOrigin[] = [];
  const functions: LinkedProgram['functions'] = [];
  const kfuncs = new Map<number, string>();
  const kfuncAddrs = new Map<number, string>();
  const placed = new Map<string, number>();
  const byName = new Map(obj.functions.map((f) => [f.name, f]));
  const fixups: { at: number; callee: string }[] = [];
  const queue: FunctionCode[] = [entry];
  placed.set(entry.name, 0);

  while (queue.length > 0) {
    const fn = queue.shift()!;
    const start = insns.length;
    placed.set(fn.name, start);
    functions.push({ name: fn.name, start, fn });
    const relocAt = new Map(fn.relocs.map((r) => [r.insnIndex, r]));
    for (let i = 0; i < fn.insns.length; i++) {
      const insn = { ...fn.insns[i]! };
      const reloc = relocAt.get(i);
      if (reloc?.kind === 'func') {
        // A callback's address: the callee is linked in, and imm becomes its relative offset.
        const callee = byName.get(reloc.symbol);
        if (!callee) return { ok: false, message: `${fn.name}: address of '${reloc.symbol}', which the object does not define` };
        if (!placed.has(callee.name) && !queue.includes(callee)) queue.push(callee);
        insn.src = PSEUDO_LD_IMM64.func;
        fixups.push({ at: start + i, callee: callee.name });
        insns.push(insn, { ...fn.insns[i + 1]! });
        origin.push({ fn, index: i }, { fn, index: i + 1 });
        i++;
        continue;
      }
      if (reloc?.kind === 'call' && !byName.has(reloc.symbol) && isExtern(obj, reloc.symbol, 'func')) {
        // An extern function (__ksym): libbpf makes the call a kfunc call with the kernel's BTF
        // id of the function, which only the kernel knows.
        kfuncs.set(insns.length, reloc.symbol);
        insns.push({ ...insn, src: PSEUDO_CALL.kfuncCall, imm: 0 });
        origin.push({ fn, index: i });
        continue;
      }
      if (reloc?.kind === 'call') {
        const callee = byName.get(reloc.symbol);
        if (!callee) return { ok: false, message: `${fn.name}: call of '${reloc.symbol}', which the object does not define` };
        if (!placed.has(callee.name) && !queue.includes(callee)) queue.push(callee);
        fixups.push({ at: start + i, callee: callee.name });
      } else if (reloc?.kind === 'map') {
        if (!isLdImm64(insn) || i + 1 >= fn.insns.length) {
          return { ok: false, message: `${fn.name}: a map relocation on instruction ${i}, which is not an ld_imm64` };
        }
        const next = { ...fn.insns[i + 1]! };
        const resolved = resolveMapSymbol(obj, maps, reloc.symbol, insn.imm);
        if (!resolved && isExtern(obj, reloc.symbol, 'var')) {
          // An extern variable (__ksym): libbpf loads the kernel symbol's address by its BTF id.
          insns.push({ ...insn, src: PSEUDO_LD_IMM64.btfId, imm: 0 }, { ...next, imm: 0 });
          origin.push({ fn, index: i }, { fn, index: i + 1 });
          i++;
          continue;
        }
        if (!resolved && isExtern(obj, reloc.symbol, 'func')) {
          // The address of an extern function (__ksym): a kfunc, by its BTF id as for a variable.
          kfuncAddrs.set(insns.length, reloc.symbol);
          insns.push({ ...insn, src: PSEUDO_LD_IMM64.btfId, imm: 0 }, { ...next, imm: 0 });
          origin.push({ fn, index: i }, { fn, index: i + 1 });
          i++;
          continue;
        }
        if (!resolved) return { ok: false, message: `${fn.name}: ld_imm64 of '${reloc.symbol}', which is not a map or global data` };
        if (resolved.offset === undefined) {
          insn.src = PSEUDO_LD_IMM64.mapFd;
          insn.imm = resolved.index;
          next.imm = 0;
        } else {
          insn.src = PSEUDO_LD_IMM64.mapValue;
          insn.imm = resolved.index;
          next.imm = resolved.offset;
        }
        insns.push(insn, next);
        origin.push({ fn, index: i }, { fn, index: i + 1 });
        i++;
        continue;
      } else if (isCall(insn)) {
        // A call inside the function (no relocation): its offset is already relative.
        const target = i + 1 + insn.imm;
        if (target < 0 || target >= fn.insns.length) {
          // A call the compiler resolved itself, to another function of the same section.
          const callee = calleeInSection(obj, fn, target);
          if (!callee) return { ok: false, message: `${fn.name}: call at instruction ${i} jumps outside the function` };
          if (!placed.has(callee.name) && !queue.includes(callee)) queue.push(callee);
          fixups.push({ at: start + i, callee: callee.name });
        }
      }
      insns.push(insn);
      origin.push({ fn, index: i });
    }
  }
  for (const f of fixups) {
    insns[f.at]!.imm = placed.get(f.callee)! - (f.at + 1);
  }
  return { ok: true, program: { name: entry.name, section: entry.section, insns, origin, functions, kfuncs, kfuncAddrs } };
}

/**
 * The function of `fn`'s section that starts `target` instructions from `fn`'s start, the
 * functions of a section lying in the object's order, one after the other.
 */
function calleeInSection(obj: ObjectProgram, fn: FunctionCode, target: number): FunctionCode | undefined {
  const inSection = obj.functions.filter((f) => f.section === fn.section);
  const startOf = new Map<FunctionCode, number>();
  let at = 0;
  for (const f of inSection) {
    startOf.set(f, at);
    at += f.insns.length;
  }
  const want = startOf.get(fn)! + target;
  return inSection.find((f) => startOf.get(f) === want);
}

/** Whether the object's BTF declares `name` as an extern function or variable (a kernel symbol). */
function isExtern(obj: ObjectProgram, name: string, kind: 'func' | 'var'): boolean {
  return obj.btf.some((t) => t.kind === kind && t.name === name && t.linkage === 'extern');
}

/** A map by symbol, or an address in a global data section (offset from the section start). */
function resolveMapSymbol(
  obj: ObjectProgram, maps: readonly MapDef[], symbol: string, imm: number,
): { index: number; offset: number | undefined } | undefined {
  const direct = maps.findIndex((m) => m.name === symbol && m.origin !== 'data');
  if (direct >= 0) return { index: direct, offset: undefined };
  const section = maps.findIndex((m) => m.origin === 'data' && m.name === symbol);
  if (section >= 0) return { index: section, offset: imm };
  const kconfig = maps.findIndex((m) => m.externs?.some((e) => e.name === symbol));
  if (kconfig >= 0) return { index: kconfig, offset: maps[kconfig]!.externs!.find((e) => e.name === symbol)!.offset + imm };
  for (const sec of obj.data) {
    const sym = sec.symbols.find((s) => s.name === symbol);
    if (!sym) continue;
    const index = maps.findIndex((m) => m.origin === 'data' && m.name === sec.name);
    if (index >= 0) return { index, offset: sym.offset + imm };
  }
  return undefined;
}
