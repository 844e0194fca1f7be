// A deliberately tiny ELF64 writer for kernel-harness tests, independent of src/obj.
// It writes just enough for libbpf to load programs that use no maps and no BTF:
// one PROGBITS section per program section name, a `license` section, .symtab, .strtab
// and .shstrtab. No relocations, so programs cannot reference maps or call sub-functions.
// Layout facts: the ELF-64 Object File Format (e_machine EM_BPF = 247, ET_REL).
import type { Insn } from '../../src/bpf/insn.js';

export interface MiniProgram {
  /** ELF section name, which libbpf uses to guess the program type: 'socket', 'xdp', 'tc' … */
  section: string;
  /** the program's function symbol; bpftool names the pin after it */
  name: string;
  insns: readonly Insn[];
}

const EM_BPF = 247;
const SHT_PROGBITS = 1;
const SHT_SYMTAB = 2;
const SHT_STRTAB = 3;
const SHF_WRITE = 0x1;
const SHF_ALLOC = 0x2;
const SHF_EXECINSTR = 0x4;
const STB_GLOBAL = 1;
const STT_FUNC = 2;
const EHDR_SIZE = 64;
const SHDR_SIZE = 64;
const SYM_SIZE = 24;

/** Encodes instructions as the kernel's struct bpf_insn, little-endian. */
export function encodeInsns(insns: readonly Insn[]): Uint8Array {
  const out = new Uint8Array(insns.length * 8);
  const view = new DataView(out.buffer);
  insns.forEach((insn, i) => {
    view.setUint8(i * 8, insn.code);
    view.setUint8(i * 8 + 1, ((insn.src & 0xf) << 4) | (insn.dst & 0xf));
    view.setInt16(i * 8 + 2, insn.off, true);
    view.setInt32(i * 8 + 4, insn.imm, true);
  });
  return out;
}

/** `dst = imm` (BPF_ALU64 | BPF_MOV | BPF_K). */
export function movImm(dst: number, imm: number): Insn {
  return { code: 0xb7, dst, src: 0, off: 0, imm };
}

/** `dst += imm` (BPF_ALU64 | BPF_ADD | BPF_K). */
export function addImm(dst: number, imm: number): Insn {
  return { code: 0x07, dst, src: 0, off: 0, imm };
}

/** `exit` (BPF_JMP | BPF_EXIT). */
export function exitInsn(): Insn {
  return { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 };
}

/** Builds a relocatable EM_BPF object holding `programs` and a NUL-terminated `license`. */
export function buildMiniObject(programs: readonly MiniProgram[], license = 'GPL'): Uint8Array {
  // String tables: index 0 is the empty string in both.
  const shstr = new StringTable();
  const str = new StringTable();
  // Group programs by section, keeping first-seen order.
  const sectionNames = [...new Set(programs.map((p) => p.section))];
  interface Section { name: number; type: number; flags: number; data: Uint8Array;
    link: number; info: number; align: number; entsize: number }
  const sections: Section[] = [];
  const symbols: { name: number; shndx: number; value: number; size: number }[] = [];
  for (const secName of sectionNames) {
    const shndx = sections.length + 1; // +1 for the null section header
    const parts: Uint8Array[] = [];
    let offsetBytes = 0;
    for (const prog of programs.filter((p) => p.section === secName)) {
      const code = encodeInsns(prog.insns);
      symbols.push({ name: str.add(prog.name), shndx, value: offsetBytes, size: code.length });
      parts.push(code);
      offsetBytes += code.length;
    }
    sections.push({ name: shstr.add(secName), type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR,
      data: concatBytes(parts), link: 0, info: 0, align: 8, entsize: 0 });
  }
  sections.push({ name: shstr.add('license'), type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE,
    data: new TextEncoder().encode(license + '\0'), link: 0, info: 0, align: 1, entsize: 0 });
  const symtabIndex = sections.length + 1;
  const strtabIndex = symtabIndex + 1;
  const symtab = new Uint8Array(SYM_SIZE * (symbols.length + 1)); // entry 0 is the null symbol
  const symView = new DataView(symtab.buffer);
  symbols.forEach((sym, i) => {
    const at = SYM_SIZE * (i + 1);
    symView.setUint32(at, sym.name, true);
    symView.setUint8(at + 4, (STB_GLOBAL << 4) | STT_FUNC);
    symView.setUint16(at + 6, sym.shndx, true);
    symView.setBigUint64(at + 8, BigInt(sym.value), true);
    symView.setBigUint64(at + 16, BigInt(sym.size), true);
  });
  // sh_info of .symtab is one past the last local symbol: only the null symbol is local.
  sections.push({ name: shstr.add('.symtab'), type: SHT_SYMTAB, flags: 0, data: symtab,
    link: strtabIndex, info: 1, align: 8, entsize: SYM_SIZE });
  sections.push({ name: shstr.add('.strtab'), type: SHT_STRTAB, flags: 0, data: str.bytes(),
    link: 0, info: 0, align: 1, entsize: 0 });
  const shstrtabName = shstr.add('.shstrtab');
  sections.push({ name: shstrtabName, type: SHT_STRTAB, flags: 0, data: shstr.bytes(),
    link: 0, info: 0, align: 1, entsize: 0 });

  // File layout: ELF header, section contents (8-aligned), section header table.
  let cursor = EHDR_SIZE;
  const offsets = sections.map((s) => {
    cursor = alignUp(cursor, 8);
    const at = cursor;
    cursor += s.data.length;
    return at;
  });
  const shoff = alignUp(cursor, 8);
  const out = new Uint8Array(shoff + SHDR_SIZE * (sections.length + 1));
  const view = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, 2 /* ELFCLASS64 */, 1 /* ELFDATA2LSB */, 1 /* EV_CURRENT */], 0);
  view.setUint16(16, 1 /* ET_REL */, true);
  view.setUint16(18, EM_BPF, true);
  view.setUint32(20, 1 /* EV_CURRENT */, true);
  view.setBigUint64(40, BigInt(shoff), true);
  view.setUint16(52, EHDR_SIZE, true);
  view.setUint16(58, SHDR_SIZE, true);
  view.setUint16(60, sections.length + 1, true);
  view.setUint16(62, sections.length /* .shstrtab is last */, true);
  sections.forEach((s, i) => {
    out.set(s.data, offsets[i]);
    const at = shoff + SHDR_SIZE * (i + 1);
    view.setUint32(at, s.name, true);
    view.setUint32(at + 4, s.type, true);
    view.setBigUint64(at + 8, BigInt(s.flags), true);
    view.setBigUint64(at + 24, BigInt(offsets[i]), true);
    view.setBigUint64(at + 32, BigInt(s.data.length), true);
    view.setUint32(at + 40, s.link, true);
    view.setUint32(at + 44, s.info, true);
    view.setBigUint64(at + 48, BigInt(s.align), true);
    view.setBigUint64(at + 56, BigInt(s.entsize), true);
  });
  return out;
}

class StringTable {
  private readonly parts: string[] = [''];
  private sizeBytes = 1;
  add(s: string): number {
    const at = this.sizeBytes;
    this.parts.push(s);
    this.sizeBytes += new TextEncoder().encode(s).length + 1;
    return at;
  }
  bytes(): Uint8Array {
    return new TextEncoder().encode(this.parts.join('\0') + '\0');
  }
}

function alignUp(n: number, align: number): number {
  return Math.ceil(n / align) * align;
}

function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
