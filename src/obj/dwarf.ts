// DWARF debug info for the writer: .debug_abbrev, .debug_info, .debug_str,
// .debug_line and (when the code spans several sections) .debug_rnglists,
// with the relocations standard tools apply to a relocatable object.
//
// Version: DWARF 5. clang-19 emits DWARF 5 for -target bpf by default, so
// llvm-objdump-19/llvm-dwarfdump-19 read it as their first-class format, and
// libbpf ignores every .debug_* section (and the .rel.debug_* sections, which
// do not target code) whatever the version. We use only the forms that need no
// side tables: DW_FORM_strp (not strx, so no .debug_str_offsets), DW_FORM_addr
// (not addrx, so no .debug_addr), DW_FORM_string paths in the line table.
//
// Contents:
//   compile unit: DW_AT_producer "ebcc", DW_AT_language DW_LANG_C11, DW_AT_name
//     (the source path), DW_AT_comp_dir, DW_AT_stmt_list, and either
//     DW_AT_low_pc/DW_AT_high_pc (one program section) or DW_AT_low_pc 0 plus
//     DW_AT_ranges into .debug_rnglists (DW_RLE_start_length per section);
//   one DW_TAG_subprogram per function: DW_AT_low_pc, DW_AT_high_pc (length),
//     DW_AT_name, DW_AT_decl_file, DW_AT_decl_line, DW_AT_external for globals.
// Relocations (Documentation/bpf/llvm_reloc.rst; REL, so the addend is the
// field's contents): R_BPF_64_ABS64 on every 8-byte address, against the
// program section's STT_SECTION symbol; R_BPF_64_ABS32 on every 4-byte offset
// into another debug section, against that section's STT_SECTION symbol.
import type { CompileContext } from '../context.js';
import { ByteWriter, StringTable } from './bytes.js';
import {
  DW_AT_comp_dir, DW_AT_decl_file, DW_AT_decl_line, DW_AT_external, DW_AT_high_pc, DW_AT_language,
  DW_AT_low_pc, DW_AT_name, DW_AT_producer, DW_AT_ranges, DW_AT_stmt_list, DW_CHILDREN_no,
  DW_CHILDREN_yes, DW_FORM_addr, DW_FORM_data2, DW_FORM_data4, DW_FORM_flag_present,
  DW_FORM_sec_offset, DW_FORM_strp, DW_FORM_udata, DW_LANG_C11, DW_RLE_end_of_list,
  DW_RLE_start_length, DW_TAG_compile_unit, DW_TAG_subprogram, DW_UT_compile, R_BPF_64_ABS32,
  R_BPF_64_ABS64,
} from './dwarf-consts.js';
import { DwarfFiles, encodeLineProgram, lineRows, uleb } from './dwarf-line.js';
import { INSN_SIZE_BYTES } from '../bpf/encode.js';
import type { PlacedSection } from './ext-info.js';

export interface DebugReloc {
  offsetBytes: number;
  type: typeof R_BPF_64_ABS64 | typeof R_BPF_64_ABS32;
  /** The section whose STT_SECTION symbol the relocation names. */
  section: string;
}

export interface DebugSection {
  name: string;
  data: Uint8Array;
  relocs: DebugReloc[];
}

/** unit_length 4, version 2, address_size 1, segment_selector_size 1, offset_entry_count 4. */
const RNGLISTS_HEADER_BYTES = 12;
const ABBREV_CU_PC = 1;
const ABBREV_CU_RANGES = 2;
const ABBREV_SUBPROGRAM_EXTERNAL = 3;
const ABBREV_SUBPROGRAM_STATIC = 4;

/**
 * The debug sections for `sections` (program sections as laid out by the
 * writer), in the order they should appear in the file. Empty when no
 * function has a line table (debug info off, or a program read from an ELF).
 */
export function buildDwarf(sections: PlacedSection[], sourcePath: string, compDir: string, ctx: CompileContext): DebugSection[] {
  if (!sections.some((s) => s.functions.some((f) => f.fn.lines.length > 0))) return [];
  const rows = lineRows(sections, ctx);
  const primary = Math.max(0, ctx.sources.files.findIndex((f) => f.path === sourcePath));
  const files = new DwarfFiles(primary);
  const strings = new StringTable();

  // .debug_info (numbers every decl_file before the line table is encoded).
  const info = new ByteWriter();
  const infoRelocs: DebugReloc[] = [];
  const offsetInto = (section: string, value: number): void => {
    infoRelocs.push({ offsetBytes: info.sizeBytes, type: R_BPF_64_ABS32, section });
    info.u32(value);
  };
  const addressIn = (section: string, offsetBytes: number): void => {
    infoRelocs.push({ offsetBytes: info.sizeBytes, type: R_BPF_64_ABS64, section });
    info.u64(offsetBytes);
  };
  const multi = sections.length > 1;
  info.u32(0); // unit_length, patched below
  info.u16(5);
  info.u8(DW_UT_compile);
  info.u8(8); // address_size
  offsetInto('.debug_abbrev', 0);
  uleb(info, multi ? ABBREV_CU_RANGES : ABBREV_CU_PC);
  offsetInto('.debug_str', strings.add('ebcc'));
  info.u16(DW_LANG_C11);
  offsetInto('.debug_str', strings.add(sourcePath));
  offsetInto('.debug_line', 0);
  offsetInto('.debug_str', strings.add(compDir));
  if (multi) {
    info.u64(0); // DW_AT_low_pc: base address 0; the ranges carry their own addresses
    offsetInto('.debug_rnglists', RNGLISTS_HEADER_BYTES); // the list follows the header
  } else {
    addressIn(sections[0]!.name, 0);
    info.u32(rows[0]!.sizeBytes);
  }
  for (const sec of sections) {
    for (const { fn, offsetBytes } of sec.functions) {
      const known = fn.span.file >= 0 && fn.span.file < ctx.sources.files.length;
      const declLine = known ? ctx.sources.lineCol(fn.span.file, fn.span.start).line : 0;
      uleb(info, fn.global ? ABBREV_SUBPROGRAM_EXTERNAL : ABBREV_SUBPROGRAM_STATIC);
      addressIn(sec.name, offsetBytes);
      info.u32(fn.insns.length * INSN_SIZE_BYTES);
      offsetInto('.debug_str', strings.add(fn.name));
      uleb(info, files.index(known ? fn.span.file : primary));
      uleb(info, declLine);
    }
  }
  info.u8(0); // end of the compile unit's children
  const infoBytes = info.finish();
  new DataView(infoBytes.buffer).setUint32(0, infoBytes.length - 4, true);

  const line = encodeLineProgram(rows, files, compDir, ctx);
  const out: DebugSection[] = [
    { name: '.debug_abbrev', data: encodeAbbrevs(), relocs: [] },
    { name: '.debug_info', data: infoBytes, relocs: infoRelocs },
    { name: '.debug_str', data: strings.finish(), relocs: [] },
    {
      name: '.debug_line',
      data: line.bytes,
      relocs: line.fixups.map((f) => ({ offsetBytes: f.offsetBytes, type: R_BPF_64_ABS64, section: f.section })),
    },
  ];
  if (multi) out.push(encodeRangeLists(rows.map((r) => ({ section: r.section, sizeBytes: r.sizeBytes }))));
  return out;
}

function encodeAbbrevs(): Uint8Array {
  const w = new ByteWriter();
  const abbrev = (code: number, tag: number, children: number, attrs: [number, number][]): void => {
    uleb(w, code);
    uleb(w, tag);
    w.u8(children);
    for (const [at, form] of attrs) {
      uleb(w, at);
      uleb(w, form);
    }
    w.u8(0);
    w.u8(0);
  };
  const cuCommon: [number, number][] = [
    [DW_AT_producer, DW_FORM_strp],
    [DW_AT_language, DW_FORM_data2],
    [DW_AT_name, DW_FORM_strp],
    [DW_AT_stmt_list, DW_FORM_sec_offset],
    [DW_AT_comp_dir, DW_FORM_strp],
  ];
  abbrev(ABBREV_CU_PC, DW_TAG_compile_unit, DW_CHILDREN_yes, [...cuCommon, [DW_AT_low_pc, DW_FORM_addr], [DW_AT_high_pc, DW_FORM_data4]]);
  abbrev(ABBREV_CU_RANGES, DW_TAG_compile_unit, DW_CHILDREN_yes, [...cuCommon, [DW_AT_low_pc, DW_FORM_addr], [DW_AT_ranges, DW_FORM_sec_offset]]);
  const subprogram: [number, number][] = [
    [DW_AT_low_pc, DW_FORM_addr],
    [DW_AT_high_pc, DW_FORM_data4],
    [DW_AT_name, DW_FORM_strp],
    [DW_AT_decl_file, DW_FORM_udata],
    [DW_AT_decl_line, DW_FORM_udata],
  ];
  abbrev(ABBREV_SUBPROGRAM_EXTERNAL, DW_TAG_subprogram, DW_CHILDREN_no, [...subprogram, [DW_AT_external, DW_FORM_flag_present]]);
  abbrev(ABBREV_SUBPROGRAM_STATIC, DW_TAG_subprogram, DW_CHILDREN_no, subprogram);
  w.u8(0);
  return w.finish();
}

/** One DWARF 5 range list (the CU's): a DW_RLE_start_length per program section. */
function encodeRangeLists(sections: { section: string; sizeBytes: number }[]): DebugSection {
  const w = new ByteWriter();
  const relocs: DebugReloc[] = [];
  w.u32(0); // unit_length, patched
  w.u16(5);
  w.u8(8); // address_size
  w.u8(0); // segment_selector_size
  w.u32(0); // offset_entry_count: the CU points at the list directly
  for (const s of sections) {
    w.u8(DW_RLE_start_length);
    relocs.push({ offsetBytes: w.sizeBytes, type: R_BPF_64_ABS64, section: s.section });
    w.u64(0);
    uleb(w, s.sizeBytes);
  }
  w.u8(DW_RLE_end_of_list);
  const data = w.finish();
  new DataView(data.buffer).setUint32(0, data.length - 4, true);
  return { name: '.debug_rnglists', data, relocs };
}
