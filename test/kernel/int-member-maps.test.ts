// Maps in the first BTF-defined style, with initialised integer members in SEC(".maps")
// (test/kernel/legacy/int_member_maps.c): ebcc emits each such member in the __uint form that
// libbpf 1.x reads (note E6022), so the object loads with the declared map types, sizes and
// flags, and the program counts as its C says.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { bpftoolJson } from './bpftool.js';
import { describeKernel, kernelIt, loadObjectBytes, lookupMap, readU64LE, runProgram, u32LE, type LoadedObject } from './harness.js';

const compiled = () => compileFile(`${REPO_DIR}test/kernel/legacy/int_member_maps.c`);

it('notes each converted map, naming its values', () => {
  const out = compiled();
  expect(out.ctx.diags.list.map((d) => [d.severity, d.code])).toEqual([['note', 'E6022'], ['note', 'E6022']]);
  expect(out.text).toContain("map 'per_proto' gives type 2, max_entries 256 as initialised integer members");
  expect(out.text).toContain("map 'by_length' gives type 1, max_entries 16, map_flags 1 as initialised integer members");
});

describeKernel('maps with initialised integer members', () => {
  let obj: LoadedObject;
  beforeAll(() => {
    obj = loadObjectBytes(compiled().elf!);
    expect(obj.ok, obj.log).toBe(true);
  });
  afterAll(() => obj?.cleanup());

  kernelIt('are created with the declared type, sizes and flags', () => {
    const info = (name: string) => bpftoolJson(['map', 'show', 'pinned', obj.map(name).pinPath]) as Record<string, unknown>;
    expect(info('per_proto')).toMatchObject({ type: 'array', bytes_key: 4, bytes_value: 8, max_entries: 256, flags: 0 });
    expect(info('by_length')).toMatchObject({ type: 'hash', bytes_key: 4, bytes_value: 4, max_entries: 16, flags: 1 });
  });

  kernelIt('count packets by IPv4 protocol byte and by length', () => {
    const packet = (proto: number, length: number) => Uint8Array.from({ length }, (_, k) => (k === 23 ? proto : 0));
    for (const [proto, length] of [[6, 60], [17, 60], [6, 80]] as const) {
      expect(runProgram(obj.prog('count_protocols').pinPath, packet(proto, length)).retval).toBe(2);
    }
    expect(runProgram(obj.prog('count_protocols').pinPath, packet(6, 20)).retval).toBe(1);
    const perProto = (p: number) => readU64LE(lookupMap(obj.map('per_proto').pinPath, u32LE(p))!.value);
    expect([perProto(6), perProto(17), perProto(1)]).toEqual([2n, 1n, 0n]);
    const byLength = (n: number) => lookupMap(obj.map('by_length').pinPath, u32LE(n))?.value;
    expect([byLength(60), byLength(80), byLength(20)]).toEqual([u32LE(2), u32LE(1), undefined]);
  });
});
