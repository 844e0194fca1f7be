// DWARF constants used by the writer (dwarf.ts) and the .debug_line reader
// (dwarf-line-read.ts). Values are from the DWARF 5 standard (sections 7.5–7.22).

export const DW_UT_compile = 0x01;

export const DW_TAG_compile_unit = 0x11;
export const DW_TAG_subprogram = 0x2e;

export const DW_CHILDREN_no = 0;
export const DW_CHILDREN_yes = 1;

export const DW_AT_name = 0x03;
export const DW_AT_stmt_list = 0x10;
export const DW_AT_low_pc = 0x11;
export const DW_AT_high_pc = 0x12;
export const DW_AT_language = 0x13;
export const DW_AT_comp_dir = 0x1b;
export const DW_AT_producer = 0x25;
export const DW_AT_decl_file = 0x3a;
export const DW_AT_decl_line = 0x3b;
export const DW_AT_external = 0x3f;
export const DW_AT_ranges = 0x55;

export const DW_FORM_addr = 0x01;
export const DW_FORM_block2 = 0x03;
export const DW_FORM_block4 = 0x04;
export const DW_FORM_data2 = 0x05;
export const DW_FORM_data4 = 0x06;
export const DW_FORM_data8 = 0x07;
export const DW_FORM_string = 0x08;
export const DW_FORM_block = 0x09;
export const DW_FORM_block1 = 0x0a;
export const DW_FORM_data1 = 0x0b;
export const DW_FORM_sdata = 0x0d;
export const DW_FORM_strp = 0x0e;
export const DW_FORM_udata = 0x0f;
export const DW_FORM_sec_offset = 0x17;
export const DW_FORM_flag_present = 0x19;
export const DW_FORM_strx = 0x1a;
export const DW_FORM_data16 = 0x1e;
export const DW_FORM_line_strp = 0x1f;
export const DW_FORM_strx1 = 0x25;
export const DW_FORM_strx2 = 0x26;
export const DW_FORM_strx3 = 0x27;
export const DW_FORM_strx4 = 0x28;

export const DW_LANG_C11 = 0x1d;

export const DW_RLE_end_of_list = 0x00;
export const DW_RLE_start_length = 0x07;

export const DW_LNS_copy = 1;
export const DW_LNS_advance_pc = 2;
export const DW_LNS_advance_line = 3;
export const DW_LNS_set_file = 4;
export const DW_LNS_set_column = 5;
export const DW_LNS_negate_stmt = 6;
export const DW_LNS_set_basic_block = 7;
export const DW_LNS_const_add_pc = 8;
export const DW_LNS_fixed_advance_pc = 9;
export const DW_LNS_set_prologue_end = 10;
export const DW_LNS_set_epilogue_begin = 11;
export const DW_LNS_set_isa = 12;
/** Operand counts of the standard opcodes 1..12, as written in the line program header. */
export const STANDARD_OPCODE_LENGTHS = [0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1];
export const OPCODE_BASE = 13;

export const DW_LNE_end_sequence = 1;
export const DW_LNE_set_address = 2;

export const DW_LNCT_path = 1;
export const DW_LNCT_directory_index = 2;

/** BPF relocation types for debug sections (Documentation/bpf/llvm_reloc.rst): S + A. */
export const R_BPF_64_ABS64 = 2;
export const R_BPF_64_ABS32 = 3;
