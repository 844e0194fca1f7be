// The generic ELF64 little-endian reader: header, section headers with names,
// the symbol table and REL sections. Structural damage throws MalformedInput
// (caught by read.ts); a file that is simply not a BPF object comes back as
// a NotBpfElf value so that read.ts can name the right code.
import { ByteReader, MalformedInput } from './bytes.js';
import {
  ELF_HEADER_BYTES,
  ELFCLASS64,
  ELFDATA2LSB,
  EM_BPF,
  ET_REL,
  REL_BYTES,
  SECTION_HEADER_BYTES,
  SHT_NOBITS,
  SHT_REL,
  SHT_SYMTAB,
  SYMBOL_BYTES,
} from './elf-consts.js';

/** Larger .bss-like sections are treated as damage rather than allocated. */
const MAX_NOBITS_BYTES = 1 << 28;

export interface ElfSectionHeader {
  index: number;
  name: string;
  type: number;
  flags: number;
  offsetBytes: number;
  sizeBytes: number;
  link: number;
  info: number;
  alignBytes: number;
  entsizeBytes: number;
  /** Contents (zero-filled for SHT_NOBITS). */
  data: Uint8Array;
}

export interface ElfSymbol {
  index: number;
  name: string;
  bind: number;
  type: number;
  shndx: number;
  valueBytes: number;
  sizeBytes: number;
}

export interface ElfRel {
  offsetBytes: number;
  symbol: number;
  type: number;
}

export interface ElfFile {
  sections: ElfSectionHeader[];
  symbols: ElfSymbol[];
  /** REL sections by the index of the section they apply to. */
  relsByTarget: Map<number, ElfRel[]>;
}

export interface NotBpfElf {
  kind: 'not-elf' | 'not-bpf';
  message: string;
}

export function parseElf(bytes: Uint8Array): ElfFile | NotBpfElf {
  const r = new ByteReader(bytes, 'ELF file');
  if (bytes.length < 4 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) {
    return { kind: 'not-elf', message: 'expected the ELF magic 7f 45 4c 46 at offset 0' };
  }
  if (bytes.length < ELF_HEADER_BYTES) {
    return { kind: 'not-elf', message: `expected an ELF header of ${ELF_HEADER_BYTES} bytes, saw ${bytes.length} bytes` };
  }
  if (r.u8(4) !== ELFCLASS64) return { kind: 'not-bpf', message: `expected ELFCLASS64 (2), saw EI_CLASS ${r.u8(4)}` };
  if (r.u8(5) !== ELFDATA2LSB) {
    return { kind: 'not-bpf', message: `expected little-endian data (ELFDATA2LSB, 1), saw EI_DATA ${r.u8(5)}` };
  }
  const eType = r.u16(16);
  const eMachine = r.u16(18);
  if (eMachine !== EM_BPF) return { kind: 'not-bpf', message: `expected e_machine EM_BPF (247), saw ${eMachine}` };
  if (eType !== ET_REL) return { kind: 'not-bpf', message: `expected e_type ET_REL (1), saw ${eType}` };

  const shoff = r.u64(40);
  const shentsize = r.u16(58);
  const shnum = r.u16(60);
  const shstrndx = r.u16(62);
  if (shnum === 0) return { sections: [], symbols: [], relsByTarget: new Map() };
  if (shentsize !== SECTION_HEADER_BYTES) {
    throw new MalformedInput(`expected e_shentsize ${SECTION_HEADER_BYTES}, saw ${shentsize}`);
  }
  const raw = [];
  for (let i = 0; i < shnum; i++) {
    const at = shoff + i * SECTION_HEADER_BYTES;
    raw.push({
      nameOff: r.u32(at),
      type: r.u32(at + 4),
      flags: r.u64(at + 8),
      offsetBytes: r.u64(at + 24),
      sizeBytes: r.u64(at + 32),
      link: r.u32(at + 40),
      info: r.u32(at + 44),
      alignBytes: r.u64(at + 48),
      entsizeBytes: r.u64(at + 56),
    });
  }
  const shstr = raw[shstrndx];
  if (!shstr) throw new MalformedInput(`e_shstrndx ${shstrndx} is not a section (there are ${shnum})`);
  const names = r.sub(shstr.offsetBytes, shstr.sizeBytes, 'section name table');
  for (const h of raw) {
    if (h.type === SHT_NOBITS && h.sizeBytes > MAX_NOBITS_BYTES) {
      throw new MalformedInput(`a NOBITS section claims ${h.sizeBytes} bytes`);
    }
  }
  const sections: ElfSectionHeader[] = raw.map((h, index) => ({
    index,
    name: index === 0 ? '' : names.cstring(h.nameOff),
    ...h,
    data:
      h.type === SHT_NOBITS
        ? new Uint8Array(h.sizeBytes)
        : r.slice(h.offsetBytes, h.sizeBytes),
  }));

  const symtab = sections.find((s) => s.type === SHT_SYMTAB);
  const symbols: ElfSymbol[] = symtab ? readSymbols(symtab, sections) : [];
  const relsByTarget = new Map<number, ElfRel[]>();
  for (const s of sections) {
    if (s.type !== SHT_REL) continue;
    const rr = new ByteReader(s.data, `section '${s.name}'`);
    const rels: ElfRel[] = [];
    for (let at = 0; at + REL_BYTES <= s.sizeBytes; at += REL_BYTES) {
      const info = rr.u64Big(at + 8);
      rels.push({ offsetBytes: rr.u64(at), symbol: Number(info >> 32n), type: Number(info & 0xffffffffn) });
    }
    relsByTarget.set(s.info, [...(relsByTarget.get(s.info) ?? []), ...rels]);
  }
  return { sections, symbols, relsByTarget };
}

function readSymbols(symtab: ElfSectionHeader, sections: ElfSectionHeader[]): ElfSymbol[] {
  const strtab = sections[symtab.link];
  if (!strtab) throw new MalformedInput(`.symtab's sh_link ${symtab.link} is not a section`);
  const strs = new ByteReader(strtab.data, `section '${strtab.name}'`);
  const r = new ByteReader(symtab.data, `section '${symtab.name}'`);
  const out: ElfSymbol[] = [];
  for (let at = 0, index = 0; at + SYMBOL_BYTES <= symtab.sizeBytes; at += SYMBOL_BYTES, index++) {
    const info = r.u8(at + 4);
    out.push({
      index,
      name: strs.cstring(r.u32(at)),
      bind: info >> 4,
      type: info & 0xf,
      shndx: r.u16(at + 6),
      valueBytes: r.u64(at + 8),
      sizeBytes: r.u64(at + 16),
    });
  }
  return out;
}
