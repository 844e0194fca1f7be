// ELF64 constants used by the writer and the reader (System V gABI, and the
// BPF relocation numbers of Documentation/bpf/llvm_reloc.rst).

export const ELF_HEADER_BYTES = 64;
export const SECTION_HEADER_BYTES = 64;
export const SYMBOL_BYTES = 24;
export const REL_BYTES = 16;

export const ELFCLASS64 = 2;
export const ELFDATA2LSB = 1;
export const EV_CURRENT = 1;
export const ET_REL = 1;
export const EM_BPF = 247;

export const SHT_NULL = 0;
export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_REL = 9;
export const SHT_NOBITS = 8;

export const SHF_WRITE = 0x1;
export const SHF_ALLOC = 0x2;
export const SHF_EXECINSTR = 0x4;
export const SHF_INFO_LINK = 0x40;

export const SHN_UNDEF = 0;
export const SHN_ABS = 0xfff1;

export const STB_LOCAL = 0;
export const STB_GLOBAL = 1;
export const STB_WEAK = 2;

export const STT_NOTYPE = 0;
export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STT_SECTION = 3;
export const STT_FILE = 4;

export const R_BPF_64_64 = 1;
export const R_BPF_64_32 = 10;
// Instruction sizes and opcodes come from src/bpf (INSN_SIZE_BYTES in encode.ts, OPCODE_* and
// PSEUDO_CALL in opcodes.ts).
