// writeObject: bpf.ObjectProgram -> ELF64 relocatable object for EM_BPF.
//
// Layout decisions (all deterministic: same program, same bytes):
//
// Sections, by index:
//   0            null
//   1..P         program sections, one per distinct FunctionCode.section, in
//                order of first appearance; PROGBITS, ALLOC|EXECINSTR, align 8.
//                Functions sharing a section are laid out back to back in input
//                order; a function symbol's st_value is its byte offset there.
//   P+1..P+D     data sections in prog.data order: `.maps`, `license`,
//                `version`, `.rodata*`, `.data*`, `.bss*` (NOBITS), others as
//                writable data (flags and alignment in dataSectionKind below).
//   then         `.rel<sec>` for each program section that has relocations, in
//                program-section order (SHT_REL, entsize 16, INFO_LINK,
//                sh_link = .symtab, sh_info = the program section).
//   then         with debug info (ctx.options.debugInfo and line tables), the
//                DWARF sections of dwarf.ts (.debug_abbrev, .debug_info,
//                .debug_str, .debug_line, [.debug_rnglists]), then a
//                `.rel.debug_*` for each of them that has relocations.
//   then         `.BTF` (only when prog.btf is non-empty), `.BTF.ext` (and only when
//                there is code: clang writes none for an object of maps and data alone,
//                and libbpf's linker refuses an empty one),
//                `.symtab`, `.strtab`, `.shstrtab`.
// Symbols: see symbols.ts (null, FILE, section symbols, locals, globals).
//   Section symbols exist for every program section and for each data section
//   that a relocation names directly (e.g. `.rodata` + offset).
//
// Relocations (Documentation/bpf/llvm_reloc.rst; libbpf's bpf_program__record_reloc):
//   'map'  -> R_BPF_64_64 (1) at the byte offset of the ld_imm64's first slot,
//             against the named data symbol (a map's STT_OBJECT in .maps), else
//             the named section's STT_SECTION symbol (the insn's imm is then the
//             addend, left as codegen wrote it), else a function symbol.
//   'func' -> R_BPF_64_64 (1) on an ld_imm64 with src_reg BPF_PSEUDO_FUNC (a callback's
//             address): against a global function's STT_FUNC symbol with imm 0, or, for a
//             static function, against the .text section symbol with imm = the function's
//             byte offset in .text (libbpf recognises only these two forms).
//   'call' -> R_BPF_64_32 (10) at the call insn, against the callee's STT_FUNC
//             symbol, with the call's imm set to -1. This is what clang emits
//             for calls to global functions; libbpf computes the callee as
//             st_value / 8 + imm + 1, so imm = -1 lands on the symbol itself
//             and the same form works for static callees too. (clang uses the
//             `.text` section symbol with imm = callee index - 1 for static
//             callees; both resolve identically in libbpf, and the symbol form
//             keeps the callee visible in `llvm-objdump -r`.) A 'call' that
//             names a section instead keeps the imm codegen wrote.
//
// .BTF/.BTF.ext: see btf-encode.ts, btf-ext.ts, ext-info.ts. DATASEC entries
// naming a data section get that section's final size and their symbols'
// offsets. The .BTF string table also holds .BTF.ext's file names and lines.
import type { BtfType } from '../bpf/btf.js';
import type { Insn } from '../bpf/insn.js';
import type { DataSection, FunctionCode, ObjectProgram } from '../bpf/object.js';
import type { CompileContext } from '../context.js';
import type { Span } from '../diag/source.js';
import { ByteWriter, StringTable } from './bytes.js';
import { buildBtfSection, encodeBtfTypes, fixDatasecLayout } from './btf-encode.js';
import { encodeBtfExt } from './btf-ext.js';
import { encodeInsns, INSN_SIZE_BYTES } from '../bpf/encode.js';
import { OPCODE_CALL, OPCODE_LD_IMM64, PSEUDO_CALL } from '../bpf/opcodes.js';
import {
  R_BPF_64_32,
  R_BPF_64_64,
  REL_BYTES,
  SHF_ALLOC,
  SHF_EXECINSTR,
  SHF_INFO_LINK,
  SHF_WRITE,
  SHT_NOBITS,
  SHT_PROGBITS,
  SHT_REL,
  SHT_STRTAB,
  SHT_SYMTAB,
  STT_FUNC,
  STT_NOTYPE,
  SHN_UNDEF,
  STT_OBJECT,
  SYMBOL_BYTES,
} from './elf-consts.js';
import { buildDwarf, type DebugSection } from './dwarf.js';
import { buildElf, type ElfSection } from './elf-writer.js';
import { buildExtInfo, type PlacedSection } from './ext-info.js';
import { buildSymbolTable, type SymbolSpec } from './symbols.js';
import { pushAll } from '../util/array.js';

export function writeObject(prog: ObjectProgram, ctx: CompileContext): Uint8Array {
  const placed = placeFunctions(prog.functions);
  const progCount = placed.length;
  const dataIndex = (i: number): number => 1 + progCount + i;
  const sectionIndexByName = new Map<string, number>();
  placed.forEach((s, i) => sectionIndexByName.set(s.name, 1 + i));
  prog.data.forEach((d, i) => sectionIndexByName.set(d.name, dataIndex(i)));

  // Index plan for the sections after program and data sections.
  const withRelocs = placed.filter((s) => s.functions.some((f) => f.fn.relocs.length > 0));
  const debug = ctx.options.debugInfo ? buildDwarf(placed, prog.sourcePath, ctx.options.compDir ?? '.', ctx) : [];
  const debugFirst = 1 + progCount + prog.data.length + withRelocs.length;
  debug.forEach((d, i) => sectionIndexByName.set(d.name, debugFirst + i));
  const debugWithRelocs = debug.filter((d) => d.relocs.length > 0);
  const hasBtf = prog.btf.length > 0;
  let next = debugFirst + debug.length + debugWithRelocs.length;
  const hasBtfExt = hasBtf && prog.functions.length > 0;
  const btfIndex = hasBtf ? next : 0;
  next += (hasBtf ? 1 : 0) + (hasBtfExt ? 1 : 0);
  const symtabIndex = next;
  const strtabIndex = next + 1;

  // Symbols.
  const specs = collectSymbols(prog, placed, sectionIndexByName, ctx);
  const namedSections = new Set<string>();
  for (const f of prog.functions) {
    for (const r of f.relocs) {
      if (!specs.some((s) => s.name === r.symbol) && sectionIndexByName.has(r.symbol)) namedSections.add(r.symbol);
    }
  }
  const sectionSyms = [
    ...placed.map((s, i) => ({ name: s.name, index: 1 + i })),
    ...prog.data.flatMap((d, i) => (namedSections.has(d.name) ? [{ name: d.name, index: dataIndex(i) }] : [])),
    ...debug.flatMap((d, i) => (debug.some((x) => x.relocs.some((r) => r.section === d.name)) ? [{ name: d.name, index: debugFirst + i }] : [])),
  ];
  const symtab = buildSymbolTable(prog.sourcePath, sectionSyms, specs);
  const funcNames = new Set([...prog.functions.map((f) => f.name), ...(prog.externFuncs ?? []).map((f) => f.name)]);

  // Program sections and their relocations.
  const sections: ElfSection[] = [];
  const relSections: ElfSection[] = [];
  placed.forEach((sec, i) => {
    const code: Insn[] = [];
    const rel = new ByteWriter();
    for (const { fn, offsetBytes } of sec.functions) {
      const insns = fn.insns.map((x) => ({ ...x }));
      const relocs = [...fn.relocs].sort((a, b) => a.insnIndex - b.insnIndex);
      for (const r of relocs) {
        const insn = insns[r.insnIndex];
        const where = `relocation of '${fn.name}' at instruction ${r.insnIndex}`;
        const isLdImm64 = insn?.code === OPCODE_LD_IMM64 && r.insnIndex + 1 < insns.length;
        const isCall = insn?.code === OPCODE_CALL && insn.src === PSEUDO_CALL.call;
        if (r.kind === 'call' ? !isCall : !isLdImm64) {
          const want = r.kind === 'call' ? 'a BPF-to-BPF call (opcode 0x85, src_reg 1)' : 'an ld_imm64 (opcode 0x18)';
          const saw = insn ? `opcode 0x${insn.code.toString(16)}` : 'no instruction';
          ctx.diags.error('E6002', `${where}: expected ${want}, saw ${saw}`, fn.span);
          continue;
        }
        if (r.kind === 'func') {
          // A callback's address. libbpf takes a global function's own symbol (imm 0), or for a
          // static one the .text section symbol with the function's byte offset in imm.
          const target = placedFunction(placed, r.symbol);
          if (!target) {
            ctx.diags.error('E6001', `${where}: expected a function named '${r.symbol}' in .text, saw none`, fn.span);
            continue;
          }
          const symIndex = target.fn.global ? symtab.byName.get(r.symbol) : symtab.bySection.get(target.section);
          if (symIndex === undefined) {
            ctx.diags.error('E6001', `${where}: expected a symbol for '${r.symbol}', saw none`, fn.span);
            continue;
          }
          insn!.imm = target.fn.global ? 0 : target.offsetBytes;
          rel.u64(offsetBytes + r.insnIndex * INSN_SIZE_BYTES);
          rel.u64((BigInt(symIndex) << 32n) | BigInt(R_BPF_64_64));
          continue;
        }
        // A call resolves to a function or a section; an ld_imm64 to any symbol or a section.
        const bySymbol = r.kind === 'call' && !funcNames.has(r.symbol) ? undefined : symtab.byName.get(r.symbol);
        const symIndex = bySymbol ?? symtab.bySection.get(r.symbol);
        if (symIndex === undefined) {
          const want = r.kind === 'call' ? 'function or section' : 'function, data object or section';
          ctx.diags.error('E6001', `${where}: expected a ${want} named '${r.symbol}', saw none`, fn.span);
          continue;
        }
        if (r.kind === 'call' && bySymbol !== undefined) insn!.imm = -1;
        rel.u64(offsetBytes + r.insnIndex * INSN_SIZE_BYTES);
        rel.u64((BigInt(symIndex) << 32n) | BigInt(r.kind === 'map' ? R_BPF_64_64 : R_BPF_64_32));
      }
      pushAll(code, insns);
    }
    sections.push({
      name: sec.name,
      type: SHT_PROGBITS,
      flags: SHF_ALLOC | SHF_EXECINSTR,
      alignBytes: 8,
      link: 0,
      info: 0,
      entsizeBytes: 0,
      data: encodeInsns(code),
    });
    if (withRelocs.includes(sec)) {
      relSections.push({
        name: `.rel${sec.name}`,
        type: SHT_REL,
        flags: SHF_INFO_LINK,
        alignBytes: 8,
        link: symtabIndex,
        info: 1 + i,
        entsizeBytes: REL_BYTES,
        data: rel.finish(),
      });
    }
  });

  for (const d of prog.data) {
    const kind = dataSectionKind(d.name);
    sections.push({ name: d.name, ...kind, link: 0, info: 0, entsizeBytes: 0, data: d.bytes });
  }
  sections.push(...relSections);
  sections.push(...debugSections(debug, debugWithRelocs, sectionIndexByName, symtab.bySection, symtabIndex));

  if (hasBtf) {
    const strings = new StringTable();
    const types: BtfType[] = fixDatasecLayout(prog.btf, prog.data);
    const typeBytes = encodeBtfTypes(types, strings);
    const ext = hasBtfExt ? encodeBtfExt(buildExtInfo(placed, ctx), strings) : undefined;
    const btf = buildBtfSection(typeBytes, strings.finish());
    const plain = { type: SHT_PROGBITS, flags: 0, alignBytes: 4, link: 0, info: 0, entsizeBytes: 0 };
    sections.push({ name: '.BTF', ...plain, data: btf });
    if (ext) sections.push({ name: '.BTF.ext', ...plain, data: ext });
    if (sections.length !== btfIndex + (ext ? 1 : 0)) throw new Error('internal: .BTF section index plan is wrong');
  }

  sections.push({
    name: '.symtab',
    type: SHT_SYMTAB,
    flags: 0,
    alignBytes: 8,
    link: strtabIndex,
    info: symtab.firstGlobal,
    entsizeBytes: SYMBOL_BYTES,
    data: symtab.symtab,
  });
  sections.push({
    name: '.strtab',
    type: SHT_STRTAB,
    flags: 0,
    alignBytes: 1,
    link: 0,
    info: 0,
    entsizeBytes: 0,
    data: symtab.strtab,
  });
  if (sections.length !== strtabIndex) throw new Error('internal: section index plan is wrong');
  return buildElf(sections);
}

/**
 * The .debug_* sections, then a .rel.debug_* for each that has relocations
 * (R_BPF_64_ABS64/ABS32 against section symbols; see dwarf.ts).
 */
function debugSections(
  debug: DebugSection[],
  withRelocs: DebugSection[],
  sectionIndexByName: Map<string, number>,
  sectionSymbols: Map<string, number>,
  symtabIndex: number,
): ElfSection[] {
  const out: ElfSection[] = debug.map((d) => ({
    name: d.name, type: SHT_PROGBITS, flags: 0, alignBytes: 1, link: 0, info: 0, entsizeBytes: 0, data: d.data,
  }));
  for (const d of withRelocs) {
    const rel = new ByteWriter();
    for (const r of d.relocs) {
      const sym = sectionSymbols.get(r.section);
      if (sym === undefined) throw new Error(`internal: no section symbol for '${r.section}'`);
      rel.u64(r.offsetBytes);
      rel.u64((BigInt(sym) << 32n) | BigInt(r.type));
    }
    out.push({
      name: `.rel${d.name}`,
      type: SHT_REL,
      flags: SHF_INFO_LINK,
      alignBytes: 8,
      link: symtabIndex,
      info: sectionIndexByName.get(d.name)!,
      entsizeBytes: REL_BYTES,
      data: rel.finish(),
    });
  }
  return out;
}

/** Groups functions by section (first appearance order) and assigns byte offsets. */
/** The placed function `name`: its section and byte offset there. */
function placedFunction(placed: PlacedSection[], name: string): { fn: FunctionCode; section: string; offsetBytes: number } | undefined {
  for (const s of placed) {
    const f = s.functions.find((x) => x.fn.name === name);
    if (f) return { fn: f.fn, section: s.name, offsetBytes: f.offsetBytes };
  }
  return undefined;
}

export function placeFunctions(functions: FunctionCode[]): PlacedSection[] {
  const out: PlacedSection[] = [];
  const sizes = new Map<PlacedSection, number>();
  for (const fn of functions) {
    let sec = out.find((s) => s.name === fn.section);
    if (!sec) {
      sec = { name: fn.section, functions: [] };
      out.push(sec);
      sizes.set(sec, 0);
    }
    const at = sizes.get(sec)!;
    sec.functions.push({ fn, offsetBytes: at });
    sizes.set(sec, at + fn.insns.length * INSN_SIZE_BYTES);
  }
  return out;
}

function collectSymbols(
  prog: ObjectProgram,
  placed: PlacedSection[],
  sectionIndexByName: Map<string, number>,
  ctx: CompileContext,
): SymbolSpec[] {
  const specs: SymbolSpec[] = [];
  const seen = new Set<string>();
  const claim = (name: string, where: string, span?: Span): boolean => {
    if (seen.has(name)) {
      ctx.diags.error('E6003', `symbol '${name}' (${where}) is defined more than once; the later one is dropped`, span);
      return false;
    }
    seen.add(name);
    return true;
  };
  for (const sec of placed) {
    for (const { fn, offsetBytes } of sec.functions) {
      if (!claim(fn.name, `function in section '${sec.name}'`, fn.span)) continue;
      specs.push({
        name: fn.name,
        type: STT_FUNC,
        global: fn.global,
        sectionIndex: sectionIndexByName.get(sec.name)!,
        valueBytes: offsetBytes,
        sizeBytes: fn.insns.length * INSN_SIZE_BYTES,
      });
    }
  }
  for (const f of prog.externFuncs ?? []) {
    if (claim(f.name, 'kernel function')) specs.push({ name: f.name, type: STT_NOTYPE, global: true, weak: f.weak, sectionIndex: SHN_UNDEF, valueBytes: 0, sizeBytes: 0 });
  }
  for (const v of prog.externVars ?? []) {
    if (claim(v.name, 'kernel configuration value')) specs.push({ name: v.name, type: STT_NOTYPE, global: true, weak: v.weak, sectionIndex: SHN_UNDEF, valueBytes: 0, sizeBytes: 0 });
  }
  prog.data.forEach((d: DataSection) => {
    for (const s of d.symbols) {
      if (!claim(s.name, `data object in section '${d.name}'`)) continue;
      specs.push({
        name: s.name,
        type: STT_OBJECT,
        global: s.global,
        sectionIndex: sectionIndexByName.get(d.name)!,
        valueBytes: s.offset,
        sizeBytes: s.sizeBytes,
      });
    }
  });
  return specs;
}

/** Section type, flags and alignment of a data section, by its name. */
function dataSectionKind(name: string): { type: number; flags: number; alignBytes: number } {
  if (name === 'license') return { type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE, alignBytes: 1 };
  if (name === 'version') return { type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE, alignBytes: 4 };
  if (name === '.rodata' || name.startsWith('.rodata.')) return { type: SHT_PROGBITS, flags: SHF_ALLOC, alignBytes: 8 };
  if (name === '.bss' || name.startsWith('.bss.')) return { type: SHT_NOBITS, flags: SHF_ALLOC | SHF_WRITE, alignBytes: 8 };
  return { type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE, alignBytes: 8 };
}
