// The .symtab/.strtab pair for the writer. Order (what the ELF gABI requires
// plus a fixed choice for determinism):
//   0      the null symbol
//   1      STT_FILE with the source path (when there is one), SHN_ABS
//   then   STT_SECTION symbols, in section index order
//   then   local STT_FUNC, then local STT_OBJECT, each in input order
//   then   global STT_FUNC, then global STT_OBJECT, each in input order
// sh_info of .symtab is the index of the first global.
import { ByteWriter, StringTable } from './bytes.js';
import { SHN_ABS, STB_GLOBAL, STB_LOCAL, STB_WEAK, STT_FILE, STT_FUNC, STT_NOTYPE, STT_OBJECT, STT_SECTION } from './elf-consts.js';

export interface SymbolSpec {
  name: string;
  /** STT_NOTYPE: an undefined symbol (a kernel function), section index 0. */
  type: typeof STT_FUNC | typeof STT_OBJECT | typeof STT_NOTYPE;
  global: boolean;
  weak?: boolean;
  sectionIndex: number;
  valueBytes: number;
  sizeBytes: number;
}

export interface SymbolTable {
  symtab: Uint8Array;
  strtab: Uint8Array;
  firstGlobal: number;
  /** Symbol index of a function or data object, by name. */
  byName: Map<string, number>;
  /** Symbol index of a section's STT_SECTION symbol, by section name. */
  bySection: Map<string, number>;
}

interface Row {
  name: string;
  info: number;
  shndx: number;
  value: number;
  size: number;
}

export function buildSymbolTable(
  sourcePath: string,
  sections: { name: string; index: number }[],
  symbols: SymbolSpec[],
): SymbolTable {
  const rows: Row[] = [{ name: '', info: 0, shndx: 0, value: 0, size: 0 }];
  const byName = new Map<string, number>();
  const bySection = new Map<string, number>();
  if (sourcePath !== '') rows.push({ name: sourcePath, info: STT_FILE, shndx: SHN_ABS, value: 0, size: 0 });
  for (const s of sections) {
    bySection.set(s.name, rows.length);
    // A section symbol's name is empty; readers take the name from the section.
    rows.push({ name: '', info: (STB_LOCAL << 4) | STT_SECTION, shndx: s.index, value: 0, size: 0 });
  }
  const push = (s: SymbolSpec): void => {
    byName.set(s.name, rows.length);
    rows.push({
      name: s.name,
      info: ((s.weak ? STB_WEAK : s.global ? STB_GLOBAL : STB_LOCAL) << 4) | s.type,
      shndx: s.sectionIndex,
      value: s.valueBytes,
      size: s.sizeBytes,
    });
  };
  for (const global of [false, true]) {
    for (const type of [STT_FUNC, STT_OBJECT, STT_NOTYPE]) {
      for (const s of symbols) if (s.global === global && s.type === type) push(s);
    }
  }
  const firstGlobal = rows.findIndex((r) => r.info >> 4 !== STB_LOCAL);

  const strings = new StringTable();
  const w = new ByteWriter();
  for (const r of rows) {
    w.u32(strings.add(r.name));
    w.u8(r.info);
    w.u8(0); // st_other: STV_DEFAULT
    w.u16(r.shndx);
    w.u64(r.value);
    w.u64(r.size);
  }
  return {
    symtab: w.finish(),
    strtab: strings.finish(),
    firstGlobal: firstGlobal < 0 ? rows.length : firstGlobal,
    byName,
    bySection,
  };
}
