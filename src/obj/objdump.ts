// `ebcc objdump`: a BPF object's code in the kernel verifier log's syntax
// (src/bpf/disasm.ts), for ebcc's objects and any other compiler's.
//
// Output, per program section (SHF_EXECINSTR), in section order:
//   Disassembly of section xdp:              (empty sections are skipped)
//   <blank line>
//   xdp_count:                                  one block per STT_FUNC symbol
//   ; void *data = (void *)(long)ctx->data; @ xdp_count.c:40     with -S
//     0: r0 = *(u32 *)(r1 +0)                   "  N: TEXT", N = slot index within the
//     7: r1 = map[drop_stats]                    section, right-aligned to the widest N
//        R_BPF_64_64 drop_stats                 with -r, under its instruction
// Readable forms (our choice, beyond the kernel log):
//   - an ld_imm64 relocated against a map (a symbol in `.maps` or `maps`)
//     prints `rN = map[NAME]`; against another symbol `rN = &NAME`, against a
//     section symbol `rN = &SECTION+ADDEND`;
//   - a BPF-to-BPF call whose target is a known function prints `call NAME`
//     (the target is the relocation's symbol + (imm + 1) * 8, or pc-relative
//     when there is no relocation); otherwise `call pc+N` as the kernel does.
// Source lines (-S) come from .BTF.ext line_info (the text is stored there),
// else from DWARF .debug_line with the text read through `fs`. A line is
// printed, left-trimmed, before the first instruction it describes, as
// `; TEXT @ FILE:LINE` with FILE's base name (the kernel log's form). As in
// llvm-objdump, a line prints again after a DWARF line-0 row interrupts it.
import { disasmInsn } from '../bpf/disasm.js';
import { decodeInsns } from '../bpf/encode.js';
import type { Diagnostics } from '../diag/diagnostic.js';
import type { FileSystem } from '../diag/fs.js';
import { MalformedInput } from './bytes.js';
import { readDebugLine } from './dwarf-line-read.js';
import { INSN_SIZE_BYTES } from '../bpf/encode.js';
import { OPCODE_CALL, PSEUDO_CALL } from '../bpf/opcodes.js';
import { SHF_EXECINSTR, SHT_PROGBITS, STT_FUNC, STT_SECTION } from './elf-consts.js';
import type { ElfFile, ElfRel, ElfSectionHeader } from './elf-reader.js';
import { openElf, readBtfExt } from './read.js';
import { pushAll } from '../util/array.js';

export interface ObjdumpOptions {
  /** -S: interleave source lines. */
  source?: boolean;
  /** -r: print relocations. */
  relocs?: boolean;
  /** --section NAME: only this section. */
  section?: string;
  /** Reads source files for DWARF line tables (BTF.ext carries its own text). */
  fs?: FileSystem;
}

const RELOC_NAMES: Readonly<Record<number, string>> = {
  0: 'R_BPF_NONE', 1: 'R_BPF_64_64', 2: 'R_BPF_64_ABS64', 3: 'R_BPF_64_ABS32', 4: 'R_BPF_64_NODYLD32', 10: 'R_BPF_64_32',
};

interface SourceLine {
  /** Byte offset in its section. */
  insnOff: number;
  file: string;
  line: number;
  text: string;
}

/** The listing of `bytes`, or undefined when the file is not a readable BPF ELF (reported in `diags`). */
export function objdump(bytes: Uint8Array, path: string, diags: Diagnostics, opts: ObjdumpOptions = {}): string | undefined {
  const elf = openElf(bytes, diags, path);
  if (!elf) return undefined;
  const code = elf.sections.filter((s) => s.type === SHT_PROGBITS && (s.flags & SHF_EXECINSTR) !== 0);
  const chosen = opts.section === undefined ? code.filter((s) => s.sizeBytes > 0) : code.filter((s) => s.name === opts.section);
  if (opts.section !== undefined && chosen.length === 0) {
    const have = code.map((s) => s.name).join(', ') || 'none';
    diags.error('E6017', `${path}: expected a program section named '${opts.section}', saw ${have}`);
    return undefined;
  }
  const lines = opts.source ? sourceLines(bytes, elf, path, diags, opts.fs) : new Map<string, SourceLine[]>();
  const out: string[] = [];
  for (const sec of chosen) {
    try {
      pushAll(out, sectionListing(elf, sec, lines.get(sec.name) ?? [], opts));
    } catch (e) {
      if (!(e instanceof MalformedInput)) throw e;
      diags.error('E6012', `${path}: ${e.message}`);
      return undefined;
    }
  }
  return out.join('\n') + (out.length > 0 ? '\n' : '');
}

function sectionListing(elf: ElfFile, sec: ElfSectionHeader, lines: SourceLine[], opts: ObjdumpOptions): string[] {
  const insns = decodeInsns(sec.data);
  const rels = new Map<number, ElfRel>();
  for (const r of elf.relsByTarget.get(sec.index) ?? []) rels.set(r.offsetBytes, r);
  const funcs = elf.symbols
    .filter((s) => s.type === STT_FUNC && s.shndx === sec.index)
    .sort((a, b) => a.valueBytes - b.valueBytes || a.index - b.index);
  const starts = new Map<number, string>();
  for (const f of funcs) if (!starts.has(f.valueBytes)) starts.set(f.valueBytes, f.name);
  if (!starts.has(0)) starts.set(0, sec.name);
  const lineAt = new Map<number, SourceLine>();
  // Several DWARF rows at one address: the last one describes it (DWARF 5, 6.2.5.1).
  for (const l of lines) lineAt.set(l.insnOff, l);

  const symbolText = (index: number): string | undefined => {
    const rel = rels.get(index * INSN_SIZE_BYTES);
    const sym = rel ? elf.symbols[rel.symbol] : undefined;
    if (!rel || !sym) return undefined;
    const target = elf.sections[sym.shndx]?.name ?? '';
    const targetSec = elf.sections[sym.shndx];
    if (targetSec && (targetSec.flags & SHF_EXECINSTR) !== 0) {
      // A callback's address (BPF_PSEUDO_FUNC): the function, as the assembler writes it.
      const at = sym.valueBytes + (sym.type === STT_SECTION ? insns[index]!.imm : 0);
      const fn = elf.symbols.find((s) => s.type === STT_FUNC && s.shndx === sym.shndx && s.valueBytes === at);
      if (fn) return `func[${fn.name}]`;
    }
    if (sym.type === STT_SECTION) {
      const addend = insns[index]!.imm;
      return `&${target}${addend !== 0 ? `+${addend}` : ''}`;
    }
    return target === '.maps' || target === 'maps' ? `map[${sym.name}]` : `&${sym.name}`;
  };
  const callTarget = (index: number): string | undefined => {
    const insn = insns[index]!;
    const rel = rels.get(index * INSN_SIZE_BYTES);
    const sym = rel ? elf.symbols[rel.symbol] : undefined;
    const shndx = sym ? sym.shndx : sec.index;
    const base = sym ? (sym.type === STT_SECTION ? 0 : sym.valueBytes) : index * INSN_SIZE_BYTES;
    const targetBytes = base + (insn.imm + 1) * INSN_SIZE_BYTES;
    return elf.symbols.find((s) => s.type === STT_FUNC && s.shndx === shndx && s.valueBytes === targetBytes)?.name;
  };

  const width = String(Math.max(0, insns.length - 1)).length;
  const out = [`Disassembly of section ${sec.name}:`];
  let last: SourceLine | undefined;
  for (let i = 0; i < insns.length; ) {
    const off = i * INSN_SIZE_BYTES;
    const fn = starts.get(off);
    if (fn !== undefined) {
      out.push('', `${fn}:`);
      last = undefined;
    }
    const src = lineAt.get(off);
    if (src && (!last || last.line !== src.line || last.file !== src.file)) {
      // Line 0 (DWARF: no source line) prints nothing, but the next real line prints again.
      if (src.line !== 0) out.push(`; ${src.text.trimStart()} @ ${baseName(src.file)}:${src.line}`);
      last = src;
    }
    const insn = insns[i]!;
    let { text, slots } = disasmInsn(insns, i, { symbolAt: symbolText });
    if (insn.code === OPCODE_CALL && insn.src === PSEUDO_CALL.call) {
      const name = callTarget(i);
      if (name !== undefined) text = `call ${name}`;
    }
    out.push(`  ${String(i).padStart(width)}: ${text}`);
    const rel = rels.get(off);
    if (opts.relocs && rel) {
      const sym = elf.symbols[rel.symbol];
      const name = sym?.type === STT_SECTION ? (elf.sections[sym.shndx]?.name ?? '') : (sym?.name ?? `#${rel.symbol}`);
      out.push(`  ${' '.repeat(width)}  ${RELOC_NAMES[rel.type] ?? `R_BPF_${rel.type}`} ${name}`);
    }
    i += slots;
  }
  out.push('');
  return out;
}

/** Source lines per section: .BTF.ext line_info, else DWARF .debug_line read through `fs`. */
function sourceLines(bytes: Uint8Array, elf: ElfFile, path: string, diags: Diagnostics, fs?: FileSystem): Map<string, SourceLine[]> {
  const bySection = new Map<string, SourceLine[]>();
  const add = (section: string, l: SourceLine): void => {
    const list = bySection.get(section);
    if (list) list.push(l);
    else bySection.set(section, [l]);
  };
  const ext = readBtfExt(bytes, diags, path);
  if (ext && ext.lineInfo.length > 0) {
    for (const r of ext.lineInfo) add(r.section, { insnOff: r.insnOff, file: r.fileName, line: r.line, text: r.lineText });
    return bySection;
  }
  let rows;
  try {
    rows = readDebugLine(elf);
  } catch (e) {
    if (!(e instanceof MalformedInput)) throw e;
    diags.warning('E6018', `${path}: ${e.message}; source lines are not shown`);
    return bySection;
  }
  const texts = new Map<string, string[] | undefined>();
  const lineText = (file: string, line: number): string => {
    if (!texts.has(file)) texts.set(file, fs?.readFile(file)?.split(/\r?\n/));
    return texts.get(file)?.[line - 1] ?? '';
  };
  for (const r of rows) {
    add(r.section, { insnOff: r.addressBytes, file: r.path, line: r.line, text: lineText(r.path, r.line) });
  }
  return bySection;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
