// readObject: ELF bytes (ebcc's or any compiler's BPF object) -> bpf.ObjectProgram.
//   - program sections: PROGBITS with SHF_EXECINSTR; one FunctionCode per
//     STT_FUNC symbol (sorted by st_value), or one per section named after it
//     when the section has no function symbols;
//   - data sections: every other SHF_ALLOC PROGBITS/NOBITS section, with its
//     STT_OBJECT symbols;
//   - relocations: R_BPF_64_64 -> 'map' ('func' when it points into code), R_BPF_64_32 -> 'call'; the symbol
//     name is the symbol's, or the section's for an STT_SECTION symbol. A call
//     against a section symbol (clang's form for static callees) is rewritten
//     to the callee's function symbol with imm = -1, the form write.ts emits;
//   - .BTF -> btf (DATASEC sizes and var offsets filled in from the sections,
//     as libbpf does); .BTF.ext func_info -> FunctionCode.btfFuncId, core_relo ->
//     FunctionCode.coreRelos (applied by the verifier, src/verify/core-relocate.ts).
// The reader has no source files, so FunctionCode.lines is empty and spans are
// NO_SPAN; readBtfExt returns the decoded line_info records (file, line text,
// line, column) for tools that show source.
// Damaged input is reported through `diags`; no exception escapes.
import type { BtfType } from '../bpf/btf.js';
import { decodeInsns, INSN_SIZE_BYTES } from '../bpf/encode.js';
import { PSEUDO_LD_IMM64 } from '../bpf/opcodes.js';
import type { DataSection, FunctionCode, InsnReloc, ObjectProgram } from '../bpf/object.js';
import type { Diagnostics } from '../diag/diagnostic.js';
import { NO_SPAN } from '../diag/source.js';
import { MalformedInput } from './bytes.js';
import { decodeBtf } from './btf-decode.js';
import { fixDatasecLayout } from './btf-encode.js';
import { decodeBtfExt, type BtfExtInfo } from './btf-ext.js';
import {
  R_BPF_64_32,
  R_BPF_64_64,
  SHF_ALLOC,
  SHF_EXECINSTR,
  SHT_NOBITS,
  SHT_PROGBITS,
  STB_LOCAL,
  STB_WEAK,
  STT_FILE,
  STT_FUNC,
  STT_OBJECT,
  STT_SECTION,
} from './elf-consts.js';
import { parseElf, type ElfFile, type ElfSectionHeader, type ElfSymbol } from './elf-reader.js';

export type { BtfExtInfo, FuncInfoRecord, LineInfoRecord } from './btf-ext.js';

export function readObject(bytes: Uint8Array, diags: Diagnostics, path: string): ObjectProgram | undefined {
  const elf = openElf(bytes, diags, path);
  if (!elf) return undefined;
  try {
    const debug = readDebugInfo(elf, diags, path);
    const functions = readFunctions(elf, diags, path, debug.ext);
    const data = readData(elf);
    const file = elf.symbols.find((s) => s.type === STT_FILE);
    // clang leaves DATASEC sizes (and static vars' offsets) at 0 for the loader to fill
    // in from the ELF, as libbpf does; do the same so the model is complete.
    const btf = fixDatasecLayout(debug.btf, data);
    const undefinedSymbols = elf.symbols
      .filter((s) => s.shndx === 0 && s.bind !== STB_LOCAL && s.name !== '')
      .map((s) => ({ name: s.name, weak: s.bind === STB_WEAK }));
    return { functions, data, btf, sourcePath: file?.name ?? path, ...(undefinedSymbols.length > 0 ? { undefinedSymbols } : {}) };
  } catch (e) {
    if (!(e instanceof MalformedInput)) throw e;
    diags.error('E6012', `${path}: ${e.message}`);
    return undefined;
  }
}

/** The func_info and line_info records of an object's .BTF.ext (empty lists if it has none). */
export function readBtfExt(bytes: Uint8Array, diags: Diagnostics, path: string): BtfExtInfo | undefined {
  const elf = openElf(bytes, diags, path);
  if (!elf) return undefined;
  return readDebugInfo(elf, diags, path).ext;
}

/** Parses the ELF container, reporting E6010/E6011/E6012 through `diags` (objdump.ts uses it too). */
export function openElf(bytes: Uint8Array, diags: Diagnostics, path: string): ElfFile | undefined {
  try {
    const elf = parseElf(bytes);
    if ('kind' in elf) {
      diags.error(elf.kind === 'not-elf' ? 'E6010' : 'E6011', `${path}: ${elf.message}`);
      return undefined;
    }
    return elf;
  } catch (e) {
    if (!(e instanceof MalformedInput)) throw e;
    diags.error('E6012', `${path}: ${e.message}`);
    return undefined;
  }
}

function readDebugInfo(elf: ElfFile, diags: Diagnostics, path: string): { btf: BtfType[]; ext: BtfExtInfo } {
  const empty: BtfExtInfo = { funcInfo: [], lineInfo: [] };
  const btfSec = elf.sections.find((s) => s.name === '.BTF');
  if (!btfSec) return { btf: [], ext: empty };
  let decoded;
  try {
    decoded = decodeBtf(btfSec.data);
  } catch (e) {
    if (!(e instanceof MalformedInput)) throw e;
    diags.error('E6014', `${path}: ${e.message}`);
    return { btf: [], ext: empty };
  }
  for (const w of decoded.warnings) diags.warning('E6015', `${path}: ${w}`);
  const extSec = elf.sections.find((s) => s.name === '.BTF.ext');
  if (!extSec) return { btf: decoded.types, ext: empty };
  try {
    return { btf: decoded.types, ext: decodeBtfExt(extSec.data, decoded.stringAt) };
  } catch (e) {
    if (!(e instanceof MalformedInput)) throw e;
    diags.error('E6016', `${path}: ${e.message}`);
    return { btf: decoded.types, ext: empty };
  }
}

function isProgramSection(s: ElfSectionHeader): boolean {
  return s.type === SHT_PROGBITS && (s.flags & SHF_EXECINSTR) !== 0;
}

interface FunctionRange {
  fn: FunctionCode;
  sym?: ElfSymbol;
  startBytes: number;
  endBytes: number;
}

function readFunctions(elf: ElfFile, diags: Diagnostics, path: string, ext: BtfExtInfo): FunctionCode[] {
  const out: FunctionCode[] = [];
  for (const sec of elf.sections.filter(isProgramSection)) {
    const ranges = functionRanges(elf, sec, diags, path);
    for (const r of ranges) {
      const info = ext.funcInfo.find((f) => f.section === sec.name && f.insnOff === r.startBytes);
      r.fn.btfFuncId = info?.typeId ?? 0;
      const relos = (ext.coreRelos ?? []).filter((c) => c.section === sec.name && c.insnOff >= r.startBytes && c.insnOff < r.endBytes);
      if (relos.length > 0) {
        r.fn.coreRelos = relos.map((c) => ({ insnIndex: (c.insnOff - r.startBytes) / INSN_SIZE_BYTES, typeId: c.typeId, access: c.access, kind: c.kind }));
      }
    }
    for (const rel of elf.relsByTarget.get(sec.index) ?? []) applyReloc(elf, sec, ranges, rel, diags, path);
    for (const r of ranges) r.fn.relocs.sort((a, b) => a.insnIndex - b.insnIndex);
    out.push(...ranges.map((r) => r.fn));
  }
  return out;
}

function functionRanges(elf: ElfFile, sec: ElfSectionHeader, diags: Diagnostics, path: string): FunctionRange[] {
  const syms = elf.symbols
    .filter((s) => s.type === STT_FUNC && s.shndx === sec.index)
    .sort((a, b) => a.valueBytes - b.valueBytes || a.index - b.index);
  const make = (name: string, global: boolean, start: number, end: number, sym?: ElfSymbol): FunctionRange => ({
    fn: {
      name,
      section: sec.name,
      global,
      insns: decodeInsns(sec.data.subarray(start, end)),
      relocs: [],
      lines: [],
      btfFuncId: 0,
      span: NO_SPAN,
    },
    sym,
    startBytes: start,
    endBytes: end,
  });
  if (syms.length === 0) {
    return sec.sizeBytes === 0 ? [] : [make(sec.name, true, 0, sec.sizeBytes)];
  }
  const out: FunctionRange[] = [];
  syms.forEach((s, i) => {
    const nextStart = syms[i + 1]?.valueBytes ?? sec.sizeBytes;
    const end = s.sizeBytes > 0 ? s.valueBytes + s.sizeBytes : nextStart;
    if (s.valueBytes % INSN_SIZE_BYTES !== 0 || (end - s.valueBytes) % INSN_SIZE_BYTES !== 0 || end > sec.sizeBytes) {
      diags.warning(
        'E6012',
        `${path}: function '${s.name}' in section '${sec.name}' spans bytes [${s.valueBytes}, ${end}), ` +
          `which is not whole instructions inside the section (${sec.sizeBytes} bytes); it is skipped`,
      );
      return;
    }
    out.push(make(s.name, s.bind !== STB_LOCAL, s.valueBytes, end, s));
  });
  return out;
}

function applyReloc(
  elf: ElfFile,
  sec: ElfSectionHeader,
  ranges: FunctionRange[],
  rel: { offsetBytes: number; symbol: number; type: number },
  diags: Diagnostics,
  path: string,
): void {
  const where = `${path}: relocation at offset ${rel.offsetBytes} of section '${sec.name}'`;
  let kind: InsnReloc['kind'] | undefined = rel.type === R_BPF_64_64 ? 'map' : rel.type === R_BPF_64_32 ? 'call' : undefined;
  if (!kind) {
    diags.warning('E6013', `${where}: expected type R_BPF_64_64 (1) or R_BPF_64_32 (10), saw ${rel.type}; ignored`);
    return;
  }
  const range = ranges.find((r) => rel.offsetBytes >= r.startBytes && rel.offsetBytes < r.endBytes);
  const sym = elf.symbols[rel.symbol];
  if (!range || rel.offsetBytes % INSN_SIZE_BYTES !== 0 || !sym) {
    const why = !sym ? `symbol index ${rel.symbol} is out of range` : 'it is not on an instruction of a function';
    diags.warning('E6013', `${where}: ${why}; ignored`);
    return;
  }
  const insnIndex = (rel.offsetBytes - range.startBytes) / INSN_SIZE_BYTES;
  let symbol = sym.type === STT_SECTION ? (elf.sections[sym.shndx]?.name ?? '') : sym.name;
  const insn = range.fn.insns[insnIndex];
  if (kind === 'call' && sym.type === STT_SECTION && insn) {
    // clang: call against the section symbol, imm = callee index - 1.
    const targetBytes = sym.valueBytes + (insn.imm + 1) * INSN_SIZE_BYTES;
    const callee = elf.symbols.find((s) => s.type === STT_FUNC && s.shndx === sym.shndx && s.valueBytes === targetBytes);
    if (callee) {
      symbol = callee.name;
      insn.imm = -1;
    }
  }
  const target = elf.sections[sym.shndx];
  if (kind === 'map' && insn && target && (target.flags & SHF_EXECINSTR) !== 0) {
    // An ld_imm64 of code: a callback's address (the function's symbol, or its section + imm bytes).
    const targetBytes = sym.valueBytes + (sym.type === STT_SECTION ? insn.imm : 0);
    const callee = elf.symbols.find((s) => s.type === STT_FUNC && s.shndx === sym.shndx && s.valueBytes === targetBytes);
    if (callee) {
      kind = 'func';
      symbol = callee.name;
      insn.imm = 0;
      insn.src = PSEUDO_LD_IMM64.func;
    }
  }
  const reloc: InsnReloc = { insnIndex, kind, symbol };
  range.fn.relocs.push(reloc);
}

function readData(elf: ElfFile): DataSection[] {
  const out: DataSection[] = [];
  for (const sec of elf.sections) {
    if (sec.type !== SHT_PROGBITS && sec.type !== SHT_NOBITS) continue;
    if ((sec.flags & SHF_ALLOC) === 0 || (sec.flags & SHF_EXECINSTR) !== 0) continue;
    const symbols = elf.symbols
      .filter((s) => s.type === STT_OBJECT && s.shndx === sec.index)
      .sort((a, b) => a.valueBytes - b.valueBytes || a.index - b.index)
      .map((s) => ({ name: s.name, offset: s.valueBytes, sizeBytes: s.sizeBytes, global: s.bind !== STB_LOCAL }));
    out.push({ name: sec.name, bytes: sec.data.slice(), symbols });
  }
  return out;
}
