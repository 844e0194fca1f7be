// The generic ELF64 little-endian ET_REL container: a list of sections in,
// file bytes out. It knows nothing about BPF beyond e_machine. Layout: the
// 64-byte ELF header, then each section's contents in section order (each at
// its own alignment), then the section header table (8-byte aligned).
// .shstrtab is appended by this file as the last section.
import { ByteWriter, StringTable } from './bytes.js';
import {
  ELF_HEADER_BYTES,
  ELFCLASS64,
  ELFDATA2LSB,
  EM_BPF,
  ET_REL,
  EV_CURRENT,
  SECTION_HEADER_BYTES,
  SHT_NOBITS,
  SHT_STRTAB,
} from './elf-consts.js';

export interface ElfSection {
  name: string;
  type: number;
  flags: number;
  alignBytes: number;
  /** Section index (sh_link), 0 if none. */
  link: number;
  /** sh_info: target section of a .rel, first global of a .symtab. */
  info: number;
  entsizeBytes: number;
  data: Uint8Array;
}

/**
 * Lays out `sections` (index 1..n; the null section 0 is implicit) plus a
 * trailing .shstrtab, and returns the file bytes.
 */
export function buildElf(sections: ElfSection[]): Uint8Array {
  const shstrtab = new StringTable();
  const nameOffsets = sections.map((s) => shstrtab.add(s.name));
  const shstrtabNameOff = shstrtab.add('.shstrtab');
  const all: ElfSection[] = [
    ...sections,
    {
      name: '.shstrtab',
      type: SHT_STRTAB,
      flags: 0,
      alignBytes: 1,
      link: 0,
      info: 0,
      entsizeBytes: 0,
      data: shstrtab.finish(),
    },
  ];
  nameOffsets.push(shstrtabNameOff);

  const out = new ByteWriter();
  writeElfHeaderPlaceholder(out);
  const fileOffsets: number[] = [];
  for (const s of all) {
    if (s.type === SHT_NOBITS) {
      fileOffsets.push(out.sizeBytes);
      continue;
    }
    out.align(Math.max(1, s.alignBytes));
    fileOffsets.push(out.sizeBytes);
    out.bytes(s.data);
  }
  out.align(8);
  const shoff = out.sizeBytes;

  // Section header 0: all zero.
  for (let i = 0; i < SECTION_HEADER_BYTES; i++) out.u8(0);
  all.forEach((s, i) => {
    out.u32(nameOffsets[i]!);
    out.u32(s.type);
    out.u64(s.flags);
    out.u64(0); // sh_addr
    out.u64(fileOffsets[i]!);
    out.u64(s.data.length);
    out.u32(s.link);
    out.u32(s.info);
    out.u64(s.alignBytes);
    out.u64(s.entsizeBytes);
  });

  const shnum = all.length + 1;
  const shstrndx = all.length; // the last section
  out.patchU64(40, shoff); // e_shoff
  out.patchU16(60, shnum); // e_shnum
  out.patchU16(62, shstrndx); // e_shstrndx
  return out.finish();
}

function writeElfHeaderPlaceholder(out: ByteWriter): void {
  // e_ident
  out.bytes(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, ELFCLASS64, ELFDATA2LSB, EV_CURRENT, 0]));
  out.u64(0); // EI_ABIVERSION and padding
  out.u16(ET_REL);
  out.u16(EM_BPF);
  out.u32(EV_CURRENT);
  out.u64(0); // e_entry
  out.u64(0); // e_phoff
  out.u64(0); // e_shoff, patched
  out.u32(0); // e_flags
  out.u16(ELF_HEADER_BYTES); // e_ehsize
  out.u16(0); // e_phentsize
  out.u16(0); // e_phnum
  out.u16(SECTION_HEADER_BYTES); // e_shentsize
  out.u16(0); // e_shnum, patched
  out.u16(0); // e_shstrndx, patched
}
