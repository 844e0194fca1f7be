// Assembly files (.s) build objects the kernel loads: maps declared with .map, an XDP entry point,
// a .text subprogram reached by a BPF-to-BPF call, and line info that quotes the assembly.
import { expect } from 'vitest';
import { compileString } from '../util/compile.js';
import { Shadow } from '../run/dual.js';
import { describeKernel, dumpMap, kernelIt, loadObjectBytes, runProgram, u32LE, u64LE } from './harness.js';

const SOURCE = `; counts[0] += 1 per packet, then return add_one(1) = XDP_PASS
.license "GPL"
.map counts array key=4 value=8 entries=2
.prog count_and_pass xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[counts]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r1 = 1
        lock *(u64 *)(r0 +0) += r1
out:    r1 = 1
        call add_one
        exit
.func add_one args=1
        r0 = r1
        r0 += 1
        exit
`;

describeKernel('assembly objects', () => {
  kernelIt('load, run, update their maps, and quote the assembly in the verifier log', () => {
    const out = compileString(SOURCE, {}, 'obj', 'count.s');
    expect(out.text).toBe('');
    expect(out.object!.functions.map((f) => [f.name, f.section, f.insns.length])).toEqual([
      ['count_and_pass', 'xdp', 12],
      ['add_one', '.text', 3],
    ]);
    const obj = loadObjectBytes(out.elf!);
    try {
      expect(obj.ok, obj.log).toBe(true);
      expect(obj.log).toContain('; lock *(u64 *)(r0 +0) += r1 @ count.s:12');
      const prog = obj.prog('count_and_pass').pinPath;
      const shadow = new Shadow(out.object!); // ebcc run must agree with the kernel
      for (let i = 0; i < 2; i++) {
        const res = runProgram(prog, new Uint8Array(64));
        expect(res.retval).toBe(2);
        shadow.check('count_and_pass', new Uint8Array(64), res);
      }
      const counts = dumpMap(obj.map('counts').pinPath);
      expect(counts.find((e) => e.key.join() === u32LE(0).join())?.value).toEqual(u64LE(2));
      shadow.checkMap('counts', counts);
    } finally {
      obj.cleanup();
    }
  });
});
