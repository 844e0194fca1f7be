import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diag/diagnostic.js';
import { fixDatasecLayout } from '../../src/obj/btf-encode.js';
import { readBtfExt, readObject } from '../../src/obj/read.js';
import { writeObject } from '../../src/obj/write.js';
import { BTF_ID, MAP_BTF, SOURCE, mapProgram, newContext, returnTwoProgram } from './fixtures.js';

const line = (n: number): string => SOURCE.split('\n')[n - 1]!;

describe('write then read: r0 = 2; exit', () => {
  it('comes back as the same function and license', () => {
    const diags = new Diagnostics();
    const prog = readObject(writeObject(returnTwoProgram(), newContext()), diags, 'ret.o');
    expect(diags.list).toEqual([]);
    expect(prog).toEqual({ ...returnTwoProgram(), sourcePath: 'ret.o' });
  });
});

describe('write then read: map program', () => {
  const ctx = newContext();
  const original = mapProgram(ctx);
  const bytes = writeObject(original, ctx);
  const diags = new Diagnostics();
  const prog = readObject(bytes, diags, 'map.o')!;

  it('reads without diagnostics', () => {
    expect(diags.list).toEqual([]);
    expect(prog.sourcePath).toBe('prog.c');
  });

  it('restores functions, their code, relocations and BTF func ids', () => {
    expect(prog.functions.map((f) => [f.name, f.section, f.global, f.btfFuncId, f.lines])).toEqual([
      ['xdp_prog', 'xdp', true, BTF_ID.mainFunc, []],
      ['ret2', '.text', false, BTF_ID.ret2Func, []],
    ]);
    const expectedMain = original.functions[0]!.insns.map((x, i) => (i === 8 ? { ...x, imm: -1 } : x));
    expect(prog.functions[0]!.insns).toEqual(expectedMain);
    expect(prog.functions[1]!.insns).toEqual(original.functions[1]!.insns);
    expect(prog.functions[0]!.relocs).toEqual(original.functions[0]!.relocs);
  });

  it('restores data sections and their symbols', () => {
    expect(prog.data).toEqual(original.data);
  });

  it('restores the BTF types, with the DATASEC laid out from the section', () => {
    const laidOut = fixDatasecLayout(MAP_BTF, original.data);
    expect(laidOut[BTF_ID.mapsDatasec - 1]).toEqual({
      kind: 'datasec',
      name: '.maps',
      sizeBytes: 32,
      vars: [{ type: BTF_ID.mapVar, offset: 0, sizeBytes: 32 }],
    });
    expect(prog.btf).toEqual(laidOut);
  });

  it('restores func_info and line_info (byte offsets, file, line text, line, column)', () => {
    const ext = readBtfExt(bytes, diags, 'map.o')!;
    expect(ext.funcInfo).toEqual([
      { section: 'xdp', insnOff: 0, typeId: BTF_ID.mainFunc },
      { section: '.text', insnOff: 0, typeId: BTF_ID.ret2Func },
    ]);
    const rec = (section: string, insnOff: number, l: number, col: number) => ({
      section,
      insnOff,
      fileName: 'prog.c',
      lineText: line(l),
      line: l,
      col,
    });
    expect(ext.lineInfo).toEqual([
      rec('xdp', 0, 4, 13),
      // insn 1 (second slot of the ld_imm64) is dropped
      rec('xdp', 16, 4, 35),
      rec('xdp', 32, 3, 9),
      rec('xdp', 40, 4, 13), // the first of two entries for insn 5
      rec('xdp', 48, 5, 7),
      rec('xdp', 56, 6, 9),
      rec('xdp', 64, 7, 10),
      rec('xdp', 72, 7, 3),
      rec('.text', 0, 9, 1), // added from the function's span
      rec('.text', 8, 9, 25),
    ]);
  });

  it('writes the same bytes again from what it read (apart from line info)', () => {
    const again = mapProgram(newContext());
    for (const f of again.functions) f.lines = [];
    const noLines = writeObject(again, newContext());
    const back = readObject(noLines, new Diagnostics(), 'x.o')!;
    for (const f of back.functions) f.span = again.functions.find((g) => g.name === f.name)!.span;
    expect(writeObject(back, newContext())).toEqual(noLines);
  });
});

describe('BTF without line info', () => {
  it('writes func_info and an empty line_info block', () => {
    const ctx = newContext();
    const prog = mapProgram(ctx);
    for (const f of prog.functions) f.lines = [];
    const bytes = writeObject(prog, ctx);
    const ext = readBtfExt(bytes, ctx.diags, 'x.o')!;
    expect(ext.funcInfo.length).toBe(2);
    expect(ext.lineInfo).toEqual([]);
    expect(ctx.diags.list).toEqual([]);
  });
});
