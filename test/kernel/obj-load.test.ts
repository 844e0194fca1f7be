// The kernel accepts an object written by src/obj: libbpf creates the BTF-defined
// map from DATASEC '.maps', applies the R_BPF_64_64 (map) and R_BPF_64_32 (call)
// relocations, and the kernel checks .BTF.ext func_info and line_info. Skipped
// loudly (see harness.ts) when bpf() is not available here.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { Diagnostics } from '../../src/diag/diagnostic.js';
import { readObject } from '../../src/obj/read.js';
import { writeObject } from '../../src/obj/write.js';
import { CLANG_SOURCE, compileWithClang, hasClang } from '../obj/clang-util.js';
import { mapProgram, newContext, returnTwoProgram } from '../obj/fixtures.js';
import { runBpftool, withScratchDir } from './bpftool.js';
import { Shadow } from '../run/dual.js';
import { describeKernel, kernelIt, loadObjectBytes, runProgram } from './harness.js';

function mapObject(): Uint8Array {
  const ctx = newContext();
  return writeObject(mapProgram(ctx), ctx);
}

describeKernel('objects written by ebcc load into the kernel', () => {
  kernelIt('bpftool prog loadall accepts the map + call + BTF.ext program, and it runs', () => {
    const elf = mapObject();
    const obj = loadObjectBytes(elf);
    onTestFinished(() => obj.cleanup());
    expect(obj.ok, obj.log).toBe(true);
    const prog = obj.prog('xdp_prog');
    expect(prog.type).toBe('xdp');
    expect(obj.map('my_map').type).toBe('array');
    // line_info reached the kernel: its log quotes our source lines.
    expect(obj.log).toContain('; long *v = bpf_map_lookup_elem(&my_map, &key); @ prog.c:4');
    expect(obj.log).toContain('; static int ret2(void) { return 2; } @ prog.c:9');
    const res = runProgram(prog.pinPath, new Uint8Array(64));
    expect(res.retval).toBe(2); // XDP_PASS from ret2()
    new Shadow(elf).check('xdp_prog', new Uint8Array(64), res); // ebcc run reads the object back and agrees
  });

  kernelIt('accepts func_info with an empty line_info block', () => {
    const ctx = newContext();
    const prog = mapProgram(ctx);
    for (const f of prog.functions) f.lines = [];
    const obj = loadObjectBytes(writeObject(prog, ctx));
    onTestFinished(() => obj.cleanup());
    expect(obj.ok, obj.log).toBe(true);
  });

  kernelIt('accepts a program without any BTF', () => {
    const elf = writeObject(returnTwoProgram(), newContext());
    const obj = loadObjectBytes(elf);
    onTestFinished(() => obj.cleanup());
    expect(obj.ok, obj.log).toBe(true);
    const res = runProgram(obj.prog('ret_two').pinPath, new Uint8Array(64));
    expect(res.retval).toBe(2);
    new Shadow(elf).check('ret_two', new Uint8Array(64), res);
  });

  const withClang = hasClang() ? kernelIt : (name: string) => it.skip(`${name} [clang cross-check: needs clang-19]`);
  withClang('loads a clang object after readObject and writeObject', () => {
    const diags = new Diagnostics();
    const prog = readObject(compileWithClang(CLANG_SOURCE), diags, 'c.o');
    expect(diags.list).toEqual([]);
    const ctx = newContext();
    const elf = writeObject(prog!, ctx);
    const obj = loadObjectBytes(elf);
    onTestFinished(() => obj.cleanup());
    expect(ctx.diags.list).toEqual([]);
    expect(obj.ok, obj.log).toBe(true);
    // sub(1) + gsub(-1) = 2 + 1 = XDP_TX (3)
    const res = runProgram(obj.prog('prog').pinPath, new Uint8Array(64));
    expect(res.retval).toBe(3);
    new Shadow(elf).check('prog', new Uint8Array(64), res);
  });

  kernelIt("bpftool btf dump file shows DATASEC '.maps' with the map", () => {
    withScratchDir((dir) => {
      const path = join(dir, 'map.o');
      writeFileSync(path, mapObject());
      const res = runBpftool(['btf', 'dump', 'file', path]);
      expect(res.status, res.stderr).toBe(0);
      expect(res.stdout).toContain("DATASEC '.maps' size=32 vlen=1");
      expect(res.stdout).toContain("type_id=10 offset=0 size=32 (VAR 'my_map')");
      expect(res.stdout).toContain("FUNC 'xdp_prog' type_id=15 linkage=global");
    });
  });
});
