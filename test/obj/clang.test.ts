// readObject on clang's output (clang-19 -O2 -g -target bpf), when clang is
// installed: the reader must understand the reference compiler's objects.
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diag/diagnostic.js';
import { readBtfExt, readObject } from '../../src/obj/read.js';
import { CLANG_SOURCE, compileWithClang, hasClang } from './clang-util.js';

const clang = hasClang();

describe.skipIf(!clang)('readObject on a clang object', () => {
  const bytes = clang ? compileWithClang(CLANG_SOURCE) : new Uint8Array();
  const diags = new Diagnostics();
  const prog = clang ? readObject(bytes, diags, 'c.o') : undefined;

  it('reads without diagnostics', () => {
    expect(diags.list).toEqual([]);
    expect(prog?.sourcePath).toBe('c.c');
  });

  it('finds the program and the .text functions', () => {
    expect(prog!.functions.map((f) => [f.name, f.section, f.global]).sort()).toEqual([
      ['gsub', '.text', true],
      ['prog', 'xdp', true],
      ['sub', '.text', false],
    ]);
  });

  it('names the map and both callees in the relocations, with call imm -1', () => {
    const main = prog!.functions.find((f) => f.name === 'prog')!;
    expect(main.relocs.map((r) => [r.kind, r.symbol])).toEqual([
      ['map', 'counts'],
      ['call', 'sub'], // clang relocates against .text; the reader resolves the callee
      ['call', 'gsub'],
    ]);
    for (const r of main.relocs.filter((x) => x.kind === 'call')) expect(main.insns[r.insnIndex]!.imm).toBe(-1);
  });

  it('reads .maps, license and the BTF DATASEC', () => {
    expect(prog!.data.find((d) => d.name === '.maps')!.symbols).toEqual([
      { name: 'counts', offset: 0, sizeBytes: 32, global: true },
    ]);
    expect(new TextDecoder().decode(prog!.data.find((d) => d.name === 'license')!.bytes)).toBe('GPL\0');
    const datasec = prog!.btf.find((t) => t.kind === 'datasec' && t.name === '.maps');
    expect(datasec).toMatchObject({ sizeBytes: 32, vars: [{ offset: 0, sizeBytes: 32 }] });
    const main = prog!.functions.find((f) => f.name === 'prog')!;
    expect(prog!.btf[main.btfFuncId - 1]).toMatchObject({ kind: 'func', name: 'prog', linkage: 'global' });
  });

  it('decodes line info with the source text', () => {
    const ext = readBtfExt(bytes, diags, 'c.o')!;
    const lookupLine = ext.lineInfo.find((l) => l.section === 'xdp' && l.line === 10);
    expect(lookupLine).toMatchObject({ fileName: expect.stringContaining('c.c'), lineText: '  long *v = lookup(&counts, &k);' });
    expect(ext.funcInfo.filter((f) => f.section === '.text').length).toBe(2);
  });
});
