// Maps defined in one object and declared extern in another (test/kernel/linked/), as
// samples/bpf's xdp_sample.bpf.h declares its maps for the programs that bpftool gen object links
// with xdp_sample.bpf.o. The user gets an undefined symbol and a VAR of extern linkage, as from
// clang; the defining object has no .BTF.ext (it has no code), which libbpf's linker would refuse
// empty; an extern declaration that is then defined takes the definition's section; an extern
// constant that is never read takes no storage. Linked, the programs load and count in the map.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseElf, type ElfFile } from '../../src/obj/elf-reader.js';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { runBpftool } from './bpftool.js';
import { describeKernel, kernelIt, loadObjectBytes, lookupMap, readU64LE, runProgram, u32LE, type LoadedObject } from './harness.js';

const DIR = `${REPO_DIR}test/kernel/linked`;
const user = () => compileFile(`${DIR}/count_by_proto.c`);
const definer = () => compileFile(`${DIR}/counter_maps.c`);
const elf = (bytes: Uint8Array) => parseElf(bytes) as ElfFile;

it('the user refers to the map by an undefined symbol and defines nothing for the unread extern constant', () => {
  const out = user();
  expect(out.ctx.diags.list.filter((d) => d.severity === 'error')).toEqual([]);
  const e = elf(out.elf!);
  const sym = e.symbols.find((s) => s.name === 'proto_counts')!;
  expect([sym.shndx, sym.bind]).toEqual([0, 1]); // SHN_UNDEF, STB_GLOBAL
  expect(e.symbols.some((s) => s.name === 'proto_offset')).toBe(false);
  expect(e.sections.map((s) => s.name)).not.toContain('.maps');
});

it('the defining object places the map in .maps and the constant in .rodata, and has no .BTF.ext', () => {
  const out = definer();
  expect(out.text).toBe('');
  const e = elf(out.elf!);
  const section = (name: string) => e.sections[e.symbols.find((s) => s.name === name)!.shndx]!.name;
  expect([section('proto_counts'), section('proto_offset')]).toEqual(['.maps', '.rodata']);
  expect(e.sections.map((s) => s.name)).toContain('.BTF');
  expect(e.sections.map((s) => s.name)).not.toContain('.BTF.ext');
});

describeKernel('objects linked by bpftool gen object', () => {
  let obj: LoadedObject;
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'ebcc-linked-'));
    try {
      writeFileSync(join(dir, 'user.o'), user().elf!);
      writeFileSync(join(dir, 'maps.o'), definer().elf!);
      const res = runBpftool(['gen', 'object', join(dir, 'linked.o'), join(dir, 'user.o'), join(dir, 'maps.o')]);
      expect(res.status, res.stderr).toBe(0);
      obj = loadObjectBytes(readFileSync(join(dir, 'linked.o')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(obj.ok, obj.log).toBe(true);
  });
  afterAll(() => obj?.cleanup());

  kernelIt('load, and the program counts in the map the other object defines', () => {
    const packet = (proto: number) => Uint8Array.from({ length: 40 }, (_, k) => (k === 23 ? proto : 0));
    for (const proto of [17, 6, 17]) expect(runProgram(obj.prog('count_by_proto').pinPath, packet(proto)).retval).toBe(2);
    const count = (p: number) => readU64LE(lookupMap(obj.map('proto_counts').pinPath, u32LE(p))!.value);
    expect([count(17), count(6), count(1)]).toEqual([2n, 1n, 0n]);
  });
});
