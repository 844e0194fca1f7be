// Callbacks (test/kernel/idioms/callbacks.c): bpf_loop and bpf_for_each_map_elem with static
// functions as callbacks, loaded and run in the kernel. ebcc run does not model these helpers,
// so this test runs in the kernel only. The expected sums are worked out by hand from the C.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readObject } from '../../src/obj/read.js';
import { objdump } from '../../src/obj/objdump.js';
import { Diagnostics } from '../../src/diag/diagnostic.js';
import { compileFile, compileString, REPO_DIR } from '../util/compile.js';
import { describeKernel, kernelIt, loadObjectBytes, lookupMap, runProgram, updateMap, type LoadedObject } from './harness.js';
import { readU64LE, u32LE } from './maps.js';

const compiled = () => compileFile(`${REPO_DIR}test/kernel/idioms/callbacks.c`);
const u64LE = (n: bigint) => { const b = new Uint8Array(8); new DataView(b.buffer).setBigUint64(0, n, true); return b; };

it('emits each callback as a .text function loaded by an ld_imm64 with src_reg BPF_PSEUDO_FUNC', () => {
  const out = compiled();
  expect(out.ctx.diags.list).toEqual([]);
  const text = out.object!.functions.filter((f) => f.section === '.text').map((f) => f.name);
  expect(text).toEqual(['add_index', 'weigh_entry', 'on_timer']);
  const loop = out.object!.functions.find((f) => f.name === 'loop_sum')!;
  const reloc = loop.relocs.find((r) => r.kind === 'func')!;
  expect(reloc.symbol).toBe('add_index');
  expect([loop.insns[reloc.insnIndex]!.code, loop.insns[reloc.insnIndex]!.src]).toEqual([0x18, 4]);
  // The object reads back with the same callback relocations (static callees: .text + offset).
  const back = readObject(out.elf!, new Diagnostics(), 'callbacks.o')!;
  expect(back.functions.flatMap((f) => f.relocs.filter((r) => r.kind === 'func').map((r) => [f.name, r.symbol])))
    .toEqual([['loop_sum', 'add_index'], ['map_sum', 'weigh_entry'], ['arm_timer', 'on_timer']]);
  // objdump names the callback in the assembler's syntax.
  const listing = objdump(out.elf!, 'callbacks.o', new Diagnostics(), {});
  expect(listing).toMatch(/r2 = func\[add_index\]/);
  expect(listing).toMatch(/r2 = func\[weigh_entry\]/);
});

it('says what is wrong when a callback is declared but not defined (E5002)', () => {
  const out = compileString(`#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
long cb(__u32 i, void *ctx);
SEC("xdp") int p(struct xdp_md *ctx) { bpf_loop(4, cb, 0, 0); return 2; }
char _license[] SEC("license") = "GPL";`);
  expect(out.ctx.diags.list.map((d) => d.code)).toEqual(['E5002']);
  expect(out.text).toContain("the address of function 'cb' is taken, but it is not defined in this file");
});

describeKernel('bpf_loop and bpf_for_each_map_elem callbacks', () => {
  let obj: LoadedObject;
  beforeAll(() => {
    obj = loadObjectBytes(compiled().elf!);
    expect(obj.ok, obj.log).toBe(true);
  });
  afterAll(() => obj?.cleanup());

  const results = () => [0, 1, 2].map((k) => readU64LE(lookupMap(obj.map('out').pinPath, u32LE(k))!.value));

  kernelIt('bpf_loop stops when the callback returns 1 and counts that call', () => {
    expect(runProgram(obj.prog('loop_sum').pinPath, new Uint8Array(60)).retval).toBe(2);
    // indexes 0..59 are added (sum 59*60/2); the call with index 60 returns 1.
    expect(results()).toEqual([1770n, 61n, 61n]);
  });

  kernelIt('bpf_loop runs all 1000 iterations when the callback never stops it', () => {
    expect(runProgram(obj.prog('loop_sum').pinPath, new Uint8Array(1500)).retval).toBe(2);
    expect(results()).toEqual([499500n, 1000n, 1000n]);
  });

  kernelIt('a timer started by the program runs its callback', async () => {
    expect(runProgram(obj.prog('arm_timer').pinPath, new Uint8Array(64)).retval).toBe(2);
    // The timer fires 1 µs later, on its own; the callback counts in the map value after the timer.
    let fired = 0n;
    for (let waited = 0; waited < 2000 && fired === 0n; waited += 20) {
      await new Promise((r) => setTimeout(r, 20));
      fired = readU64LE(lookupMap(obj.map('timers').pinPath, u32LE(0))!.value, 16);
    }
    expect(fired).toBe(1n);
  });

  kernelIt('bpf_for_each_map_elem visits every array element with its key', () => {
    [5n, 7n, 0n, 100n].forEach((v, k) => updateMap(obj.map('weights').pinPath, u32LE(k), u64LE(v)));
    expect(runProgram(obj.prog('map_sum').pinPath, new Uint8Array(64)).retval).toBe(2);
    expect(results()).toEqual([5n * 1n + 7n * 2n + 0n * 3n + 100n * 4n, 4n, 4n]);
  });
});
