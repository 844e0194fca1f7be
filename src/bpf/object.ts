// bpf.ObjectProgram: what codegen produces and obj writes (or reads back from
// any compiler's ELF). Instruction indices count 8-byte slots.
import type { Span } from '../diag/source.js';
import type { BtfType } from './btf.js';
import type { Insn } from './insn.js';

export type RelocKind =
  /** R_BPF_64_64 on an ld_imm64 that loads a map (or a .rodata address). */
  | 'map'
  /** R_BPF_64_32 on a BPF-to-BPF call (src_reg = BPF_PSEUDO_CALL). */
  | 'call'
  /** R_BPF_64_64 on an ld_imm64 (src_reg = BPF_PSEUDO_FUNC) that loads a .text function's address: a callback. */
  | 'func';

/** The section of string literals, as clang names it (read-only, 1-byte aligned strings); libbpf maps it like .rodata. */
export const STRING_SECTION = '.rodata.str1.1';

export interface InsnReloc {
  insnIndex: number;
  kind: RelocKind;
  /** Name of the symbol the relocation refers to (a map, a .text function, or a section). */
  symbol: string;
}

/** A CO-RE relocation of one instruction (src/bpf/core-relo.ts), from .BTF.ext. */
export interface CoreRelo {
  insnIndex: number;
  /** The local BTF id of the root type. */
  typeId: number;
  /** The access string, e.g. "0:1:2". */
  access: string;
  /** enum bpf_core_relo_kind. */
  kind: number;
}

export interface LineEntry {
  insnIndex: number;
  span: Span;
}

export interface FunctionCode {
  /** The C function name: becomes an STT_FUNC symbol. */
  name: string;
  /** ELF section: the SEC() name, or ".text" for BPF-to-BPF callees. */
  section: string;
  /** True for program entry points and non-static functions. */
  global: boolean;
  insns: Insn[];
  relocs: InsnReloc[];
  /** Sorted by insnIndex; never points at the second slot of an ld_imm64. */
  lines: LineEntry[];
  /** BTF id of the FUNC type describing this function (0 if none). */
  btfFuncId: number;
  span: Span;
  /** CO-RE relocations the loader applies against the kernel's BTF (objects read from ELF). */
  coreRelos?: CoreRelo[];
}

export interface DataSymbol {
  name: string;
  offset: number;
  sizeBytes: number;
  global: boolean;
}

/** A data section: .maps, license, version, .rodata. */
export interface DataSection {
  name: string;
  bytes: Uint8Array;
  symbols: DataSymbol[];
}

export interface ObjectProgram {
  functions: FunctionCode[];
  data: DataSection[];
  /** Complete .BTF type list (ids are 1-based indices), including FUNC, VAR and DATASEC entries. */
  btf: BtfType[];
  /** Name of the main source file (for line info and DWARF). */
  sourcePath: string;
  /** Kernel functions the code calls: undefined symbols (weak ones may be missing from the kernel). */
  externFuncs?: { name: string; weak: boolean }[];
  /** `__kconfig` variables the code reads: undefined symbols, with a VAR of extern linkage in the ".kconfig" DATASEC. */
  externVars?: { name: string; weak: boolean }[];
  /** The undefined global symbols of an object read from ELF, with their binding (STB_WEAK or not). */
  undefinedSymbols?: { name: string; weak: boolean }[];
}
