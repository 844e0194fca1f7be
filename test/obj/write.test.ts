import { describe, expect, it } from 'vitest';
import { writeObject } from '../../src/obj/write.js';
import { mapProgram, newContext, returnTwoProgram } from './fixtures.js';
import { parseElf, type ElfFile } from '../../src/obj/elf-reader.js';

function parse(bytes: Uint8Array): ElfFile {
  const elf = parseElf(bytes);
  if ('kind' in elf) throw new Error(elf.message);
  return elf;
}

const u16 = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number): number => new DataView(b.buffer, b.byteOffset).getUint32(at, true);

describe('writeObject: ELF header', () => {
  const bytes = writeObject(returnTwoProgram(), newContext());

  it('starts with the ELF64 little-endian identification', () => {
    expect([...bytes.subarray(0, 16)]).toEqual([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('is ET_REL for EM_BPF, version 1, with no program headers', () => {
    expect(u16(bytes, 16)).toBe(1); // e_type
    expect(u16(bytes, 18)).toBe(247); // e_machine
    expect(u32(bytes, 20)).toBe(1); // e_version
    expect(u32(bytes, 32)).toBe(0); // e_phoff (low word)
    expect(u16(bytes, 52)).toBe(64); // e_ehsize
    expect(u16(bytes, 54)).toBe(0); // e_phentsize
    expect(u16(bytes, 56)).toBe(0); // e_phnum
    expect(u16(bytes, 58)).toBe(64); // e_shentsize
  });

  it('lays out sections in the documented order', () => {
    const elf = parse(bytes);
    expect(elf.sections.map((s) => s.name)).toEqual(['', 'xdp', 'license', '.symtab', '.strtab', '.shstrtab']);
    expect(u16(bytes, 62)).toBe(5); // e_shstrndx
    const xdp = elf.sections[1]!;
    expect(xdp.flags).toBe(0x6); // ALLOC | EXECINSTR
    expect(xdp.alignBytes).toBe(8);
    expect(xdp.offsetBytes % 8).toBe(0);
    expect([...xdp.data]).toEqual([0xb7, 0, 0, 0, 2, 0, 0, 0, 0x95, 0, 0, 0, 0, 0, 0, 0]);
    expect(elf.sections[2]!.flags).toBe(0x3); // WRITE | ALLOC
    expect(elf.sections[2]!.alignBytes).toBe(1);
  });

  it('is deterministic', () => {
    expect(writeObject(returnTwoProgram(), newContext())).toEqual(bytes);
    const once = (): Uint8Array => {
      const ctx = newContext();
      return writeObject(mapProgram(ctx), ctx);
    };
    expect(once()).toEqual(once());
  });
});

describe('writeObject: map program', () => {
  const ctx = newContext();
  ctx.options.debugInfo = false; // the layout without DWARF; test/obj/dwarf.test.ts covers the debug sections
  const bytes = writeObject(mapProgram(ctx), ctx);
  const elf = parse(bytes);
  const names = elf.sections.map((s) => s.name);

  it('reports only the dropped second-slot line entry', () => {
    expect(ctx.diags.list.map((d) => [d.severity, d.code])).toEqual([['warning', 'E6004']]);
  });

  it('orders program, data, relocation, BTF and symbol sections', () => {
    expect(names).toEqual([
      '', 'xdp', '.text', '.maps', 'license', '.relxdp', '.BTF', '.BTF.ext', '.symtab', '.strtab', '.shstrtab',
    ]);
    const ctxDebug = newContext();
    const withDebug = parse(writeObject(mapProgram(ctxDebug), ctxDebug)).sections.map((s) => s.name);
    expect(withDebug.slice(5, 14)).toEqual([
      '.relxdp', '.debug_abbrev', '.debug_info', '.debug_str', '.debug_line', '.debug_rnglists',
      '.rel.debug_info', '.rel.debug_line', '.rel.debug_rnglists',
    ]);
    const rel = elf.sections[5]!;
    expect(rel.type).toBe(9); // SHT_REL
    expect(rel.entsizeBytes).toBe(16);
    expect(rel.flags).toBe(0x40); // INFO_LINK
    expect(rel.link).toBe(names.indexOf('.symtab'));
    expect(rel.info).toBe(1);
    expect(elf.sections[3]!.flags).toBe(0x3);
    expect(elf.sections[3]!.alignBytes).toBe(8);
  });

  it('writes symbols: null, FILE, sections, locals, then globals', () => {
    const syms = elf.symbols.map((s) => [s.name, s.type, s.bind, s.shndx, s.valueBytes, s.sizeBytes]);
    expect(syms).toEqual([
      ['', 0, 0, 0, 0, 0],
      ['prog.c', 4, 0, 0xfff1, 0, 0],
      ['', 3, 0, 1, 0, 0],
      ['', 3, 0, 2, 0, 0],
      ['ret2', 2, 0, 2, 0, 16],
      ['xdp_prog', 2, 1, 1, 0, 80],
      ['my_map', 1, 1, 3, 0, 32],
      ['_license', 1, 1, 4, 0, 4],
    ]);
    expect(elf.sections[names.indexOf('.symtab')]!.info).toBe(5);
  });

  it('relocates the map load (R_BPF_64_64) and the call (R_BPF_64_32, imm -1)', () => {
    expect(elf.relsByTarget.get(1)).toEqual([
      { offsetBytes: 0, symbol: 6, type: 1 },
      { offsetBytes: 64, symbol: 4, type: 10 },
    ]);
    const call = elf.sections[1]!.data.subarray(64, 72);
    expect([...call]).toEqual([0x85, 0x10, 0, 0, 0xff, 0xff, 0xff, 0xff]);
  });
});

describe('writeObject: functions sharing a section', () => {
  it('places them back to back, each symbol at its byte offset', () => {
    const prog = returnTwoProgram();
    const first = prog.functions[0]!;
    prog.functions = [
      { ...first, name: 'a', section: '.text', global: false },
      { ...first, name: 'b', section: 'xdp' },
      { ...first, name: 'c', section: '.text', global: true, insns: [...first.insns, ...first.insns] },
    ];
    const elf = parse(writeObject(prog, newContext()));
    expect(elf.sections[1]!.name).toBe('.text');
    expect(elf.sections[1]!.sizeBytes).toBe(48);
    const fn = (n: string) => elf.symbols.find((s) => s.name === n)!;
    expect([fn('a').shndx, fn('a').valueBytes, fn('a').sizeBytes]).toEqual([1, 0, 16]);
    expect([fn('c').shndx, fn('c').valueBytes, fn('c').sizeBytes]).toEqual([1, 16, 32]);
    expect([fn('b').shndx, fn('b').valueBytes]).toEqual([2, 0]);
  });
});

describe('writeObject: errors', () => {
  it('reports a relocation against an unknown symbol', () => {
    const ctx = newContext();
    const prog = mapProgram(ctx);
    prog.functions[0]!.relocs[0]!.symbol = 'no_such_map';
    writeObject(prog, ctx);
    expect(ctx.diags.list.filter((d) => d.severity === 'error').map((d) => [d.code, d.message])).toEqual([
      ['E6001', "relocation of 'xdp_prog' at instruction 0: expected a function, data object or section named 'no_such_map', saw none"],
    ]);
  });

  it('reports a relocation on an instruction that cannot carry it', () => {
    const ctx = newContext();
    const prog = mapProgram(ctx);
    prog.functions[0]!.relocs[0]!.insnIndex = 2;
    writeObject(prog, ctx);
    expect(ctx.diags.list.filter((d) => d.severity === 'error').map((d) => [d.code, d.message])).toEqual([
      ['E6002', "relocation of 'xdp_prog' at instruction 2: expected an ld_imm64 (opcode 0x18), saw opcode 0xbf"],
    ]);
  });

  it('reports duplicate symbols', () => {
    const ctx = newContext();
    const prog = mapProgram(ctx);
    prog.data[1]!.symbols[0]!.name = 'my_map';
    writeObject(prog, ctx);
    expect(ctx.diags.list.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['E6003']);
  });

  it('relocates against a section symbol when a data section is named', () => {
    const ctx = newContext();
    const prog = mapProgram(ctx);
    prog.data.push({ name: '.rodata', bytes: new Uint8Array(8), symbols: [] });
    prog.functions[0]!.relocs[0]!.symbol = '.rodata';
    prog.functions[0]!.insns[0]!.imm = 4; // addend
    const elf = parse(writeObject(prog, ctx));
    const rodata = elf.sections.findIndex((s) => s.name === '.rodata');
    const sym = elf.symbols.find((s) => s.type === 3 && s.shndx === rodata)!;
    expect(elf.relsByTarget.get(1)![0]).toEqual({ offsetBytes: 0, symbol: sym.index, type: 1 });
    expect(elf.sections[rodata]!.flags).toBe(0x2); // ALLOC only
    expect(elf.sections[1]!.data[4]).toBe(4);
  });
});
