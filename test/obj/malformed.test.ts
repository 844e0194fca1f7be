// Damaged input gives diagnostics, never an exception.
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diag/diagnostic.js';
import { readBtfExt, readObject } from '../../src/obj/read.js';
import { writeObject } from '../../src/obj/write.js';
import { parseElf } from '../../src/obj/elf-reader.js';
import { mapProgram, newContext } from './fixtures.js';

function mapObject(): Uint8Array {
  const ctx = newContext();
  return writeObject(mapProgram(ctx), ctx);
}

function read(bytes: Uint8Array) {
  const diags = new Diagnostics();
  const prog = readObject(bytes, diags, 'bad.o');
  return { prog, codes: diags.list.map((d) => `${d.severity} ${d.code}`), messages: diags.list.map((d) => d.message) };
}

function sectionOffset(bytes: Uint8Array, name: string): number {
  const elf = parseElf(bytes);
  if ('kind' in elf) throw new Error(elf.message);
  return elf.sections.find((s) => s.name === name)!.offsetBytes;
}

describe('readObject on damaged input', () => {
  it('rejects a file that is not ELF', () => {
    expect(read(new Uint8Array(0))).toMatchObject({ prog: undefined, codes: ['error E6010'] });
    const r = read(new TextEncoder().encode('int main(void) { return 0; }\n'));
    expect(r).toMatchObject({ prog: undefined, codes: ['error E6010'] });
    expect(r.messages[0]).toBe('bad.o: expected the ELF magic 7f 45 4c 46 at offset 0');
  });

  it('rejects an ELF header cut short', () => {
    expect(read(mapObject().subarray(0, 40))).toMatchObject({ prog: undefined, codes: ['error E6010'] });
  });

  it('rejects an x86-64 object and a 32-bit one', () => {
    const x86 = mapObject();
    x86[18] = 62;
    expect(read(x86)).toMatchObject({ prog: undefined, messages: ['bad.o: expected e_machine EM_BPF (247), saw 62'] });
    const elf32 = mapObject();
    elf32[4] = 1;
    expect(read(elf32)).toMatchObject({ prog: undefined, codes: ['error E6011'] });
  });

  it('reports every truncation of a valid object', () => {
    const bytes = mapObject();
    for (let len = 64; len < bytes.length; len++) {
      const r = read(bytes.subarray(0, len));
      expect(r.prog, `length ${len}`).toBeUndefined();
      expect(r.codes, `length ${len}`).toEqual(['error E6012']);
    }
  });

  it('never throws on corrupted bytes', () => {
    const bytes = mapObject();
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 2000; i++) {
      const copy = bytes.slice();
      for (let k = 0; k < 1 + rand(4); k++) copy[64 + rand(copy.length - 64)] = rand(256);
      expect(() => {
        read(copy);
        readBtfExt(copy, new Diagnostics(), 'bad.o');
      }).not.toThrow();
    }
  });

  it('reads the program without BTF when the .BTF magic is wrong', () => {
    const bytes = mapObject();
    bytes[sectionOffset(bytes, '.BTF')] = 0;
    const r = read(bytes);
    expect(r.codes).toEqual(['error E6014']);
    expect(r.messages).toEqual(['bad.o: .BTF: expected magic 0xeb9f, saw 0xeb00']);
    expect(r.prog?.btf).toEqual([]);
    expect(r.prog?.functions.map((f) => f.name)).toEqual(['xdp_prog', 'ret2']);
  });

  it('reads the program without func info when .BTF.ext is damaged', () => {
    const bytes = mapObject();
    const at = sectionOffset(bytes, '.BTF.ext');
    bytes[at + 32] = 3; // func_info rec_size 3
    const r = read(bytes);
    expect(r.codes).toEqual(['error E6016']);
    expect(r.prog?.functions.map((f) => f.btfFuncId)).toEqual([0, 0]);
  });

  it('ignores a relocation of an unknown type with a warning', () => {
    const bytes = mapObject();
    const at = sectionOffset(bytes, '.relxdp');
    bytes[at + 8] = 7; // r_info type of the first relocation
    const r = read(bytes);
    expect(r.codes).toEqual(['warning E6013']);
    expect(r.prog?.functions[0]!.relocs).toEqual([{ insnIndex: 8, kind: 'call', symbol: 'ret2' }]);
  });
});
