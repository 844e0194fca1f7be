// The DWARF 5 line program (.debug_line) that the writer emits, and the rows
// it is built from. One sequence per program section; addresses are byte
// offsets within that section, and each sequence starts with DW_LNE_set_address
// whose 8-byte operand carries an R_BPF_64_ABS64 relocation against the
// section's STT_SECTION symbol (the implicit addend, 0, is in the field).
//
// Header choices: minimum_instruction_length 8 (every BPF instruction slot is
// 8 bytes, so DW_LNS_advance_pc counts slots), line_base -5, line_range 14,
// opcode_base 13. Paths are DW_FORM_string (no .debug_line_str needed).
// Directory 0 is the compilation directory and file 0 the primary source file
// (DWARF 5, 6.2.4); other files follow in order of first use. The program only
// uses the standard opcodes (no special opcodes): simple to check by eye.
import type { CompileContext } from '../context.js';
import { dirName } from '../diag/fs.js';
import type { Span } from '../diag/source.js';
import { ByteWriter } from './bytes.js';
import {
  DW_FORM_string, DW_FORM_udata, DW_LNCT_directory_index, DW_LNCT_path, DW_LNE_end_sequence,
  DW_LNE_set_address, DW_LNS_advance_line, DW_LNS_advance_pc, DW_LNS_copy, DW_LNS_set_column,
  DW_LNS_set_file, OPCODE_BASE, STANDARD_OPCODE_LENGTHS,
} from './dwarf-consts.js';
import { INSN_SIZE_BYTES } from '../bpf/encode.js';
import type { PlacedSection } from './ext-info.js';

/** One row of the line table: the instruction at addressBytes starts source line `line`. */
export interface LineRow {
  addressBytes: number;
  /** Index into the SourceManager. */
  sourceFile: number;
  /** 1-based. */
  line: number;
  /** 1-based; 0 when unknown. */
  col: number;
}

export interface SectionRows {
  section: string;
  sizeBytes: number;
  rows: LineRow[];
}

/**
 * The rows of every program section, from each function's line table: sorted
 * by address, one per instruction at most, a row at every function's first
 * instruction (from the function's span when its table does not start there),
 * and no row that repeats the previous one's position.
 */
export function lineRows(sections: PlacedSection[], ctx: CompileContext): SectionRows[] {
  const valid = (s: Span): boolean => s.file >= 0 && s.file < ctx.sources.files.length;
  const out: SectionRows[] = [];
  for (const sec of sections) {
    const rows: LineRow[] = [];
    let sizeBytes = 0;
    for (const { fn, offsetBytes } of sec.functions) {
      sizeBytes = offsetBytes + fn.insns.length * INSN_SIZE_BYTES;
      const entries = fn.lines
        .filter((e) => e.insnIndex >= 0 && e.insnIndex < fn.insns.length && valid(e.span))
        .sort((a, b) => a.insnIndex - b.insnIndex);
      if (fn.insns.length > 0 && entries[0]?.insnIndex !== 0 && valid(fn.span)) {
        entries.unshift({ insnIndex: 0, span: fn.span });
      }
      let lastIndex = -1;
      for (const e of entries) {
        if (e.insnIndex === lastIndex) continue;
        lastIndex = e.insnIndex;
        const { line, col } = ctx.sources.lineCol(e.span.file, e.span.start);
        const prev = rows[rows.length - 1];
        if (prev && prev.sourceFile === e.span.file && prev.line === line && prev.col === col) continue;
        rows.push({ addressBytes: offsetBytes + e.insnIndex * INSN_SIZE_BYTES, sourceFile: e.span.file, line, col });
      }
    }
    out.push({ section: sec.name, sizeBytes, rows });
  }
  return out;
}

/** DWARF file numbering: file 0 is the primary source; others in order of first use. */
export class DwarfFiles {
  readonly sourceFiles: number[] = [];
  constructor(primary: number) {
    this.sourceFiles.push(primary);
  }
  index(sourceFile: number): number {
    const at = this.sourceFiles.indexOf(sourceFile);
    if (at >= 0) return at;
    this.sourceFiles.push(sourceFile);
    return this.sourceFiles.length - 1;
  }
}

export function uleb(w: ByteWriter, value: number): void {
  let v = value;
  do {
    let byte = v % 128;
    v = Math.floor(v / 128);
    if (v !== 0) byte |= 0x80;
    w.u8(byte);
  } while (v !== 0);
}

export function sleb(w: ByteWriter, value: number): void {
  let v = value;
  for (;;) {
    const byte = ((v % 128) + 128) % 128;
    v = Math.floor(v / 128);
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    w.u8(done ? byte : byte | 0x80);
    if (done) return;
  }
}

/** Where a DW_LNE_set_address operand lies, for the writer's relocation. */
export interface AddressFixup {
  offsetBytes: number;
  section: string;
}

export interface EncodedLineProgram {
  bytes: Uint8Array;
  fixups: AddressFixup[];
}

/**
 * Encodes the .debug_line unit. `compDir` is directory 0; each source path is
 * split into its directory (numbered in order of first use, after compDir)
 * and its base name.
 */
export function encodeLineProgram(
  sections: SectionRows[],
  files: DwarfFiles,
  compDir: string,
  ctx: CompileContext,
): EncodedLineProgram {
  // The program first: it may number more files.
  const prog = new ByteWriter();
  const fixupsInProgram: AddressFixup[] = [];
  for (const sec of sections) {
    if (sec.rows.length === 0) continue;
    prog.u8(0);
    uleb(prog, 1 + 8);
    prog.u8(DW_LNE_set_address);
    fixupsInProgram.push({ offsetBytes: prog.sizeBytes, section: sec.section });
    prog.u64(0);
    let address = 0;
    let file = 1;
    let line = 1;
    let col = 0;
    for (const row of sec.rows) {
      const f = files.index(row.sourceFile);
      if (f !== file) {
        prog.u8(DW_LNS_set_file);
        uleb(prog, f);
        file = f;
      }
      if (row.line !== line) {
        prog.u8(DW_LNS_advance_line);
        sleb(prog, row.line - line);
        line = row.line;
      }
      if (row.col !== col) {
        prog.u8(DW_LNS_set_column);
        uleb(prog, row.col);
        col = row.col;
      }
      if (row.addressBytes !== address) {
        prog.u8(DW_LNS_advance_pc);
        uleb(prog, (row.addressBytes - address) / INSN_SIZE_BYTES);
        address = row.addressBytes;
      }
      prog.u8(DW_LNS_copy);
    }
    if (sec.sizeBytes > address) {
      prog.u8(DW_LNS_advance_pc);
      uleb(prog, (sec.sizeBytes - address) / INSN_SIZE_BYTES);
    }
    prog.u8(0);
    uleb(prog, 1);
    prog.u8(DW_LNE_end_sequence);
  }

  // Directories and file names.
  const dirs = [compDir];
  const fileEntries = files.sourceFiles.map((id) => {
    const path = ctx.sources.get(id).path;
    if (!path.startsWith('/')) return { name: path, dir: 0 };
    const dir = dirName(path);
    let d = dirs.indexOf(dir);
    if (d < 0) d = dirs.push(dir) - 1;
    return { name: path.slice(dir.length === 1 ? 1 : dir.length + 1), dir: d };
  });

  const header = new ByteWriter();
  header.u8(INSN_SIZE_BYTES); // minimum_instruction_length
  header.u8(1); // maximum_operations_per_instruction
  header.u8(1); // default_is_stmt
  header.u8(-5 & 0xff); // line_base
  header.u8(14); // line_range
  header.u8(OPCODE_BASE);
  for (const n of STANDARD_OPCODE_LENGTHS) header.u8(n);
  header.u8(1); // directory_entry_format_count
  uleb(header, DW_LNCT_path);
  uleb(header, DW_FORM_string);
  uleb(header, dirs.length);
  for (const d of dirs) cstring(header, d);
  header.u8(2); // file_name_entry_format_count
  uleb(header, DW_LNCT_path);
  uleb(header, DW_FORM_string);
  uleb(header, DW_LNCT_directory_index);
  uleb(header, DW_FORM_udata);
  uleb(header, fileEntries.length);
  for (const f of fileEntries) {
    cstring(header, f.name);
    uleb(header, f.dir);
  }

  const w = new ByteWriter();
  const headerBytes = header.finish();
  const progBytes = prog.finish();
  // unit_length counts everything after itself: version (2), address_size (1),
  // segment_selector_size (1), header_length (4), the header fields, the program.
  w.u32(2 + 1 + 1 + 4 + headerBytes.length + progBytes.length);
  w.u16(5); // version
  w.u8(8); // address_size
  w.u8(0); // segment_selector_size
  w.u32(headerBytes.length); // header_length: from after this field to the program
  w.bytes(headerBytes);
  const programStart = w.sizeBytes;
  w.bytes(progBytes);
  return {
    bytes: w.finish(),
    fixups: fixupsInProgram.map((f) => ({ offsetBytes: programStart + f.offsetBytes, section: f.section })),
  };
}

export function cstring(w: ByteWriter, s: string): void {
  w.bytes(new TextEncoder().encode(s));
  w.u8(0);
}
