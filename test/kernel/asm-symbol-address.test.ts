// Inline assembly that loads a symbol's address ("%0 = NAME ll"), as the LLVM assembler takes it:
// an ld_imm64 of 0 with an R_BPF_64_64 relocation against NAME. For a global of the program
// libbpf makes it the address of the variable's bytes in its data map; a name nothing in the file
// defines stays an undefined symbol, for the loader to resolve (cilium/ebpf rewrites such
// constants). Expected values are the C array's elements, picked by the packet length.
import { expect, it } from 'vitest';
import { parseElf, type ElfFile } from '../../src/obj/elf-reader.js';
import { compileString } from '../util/compile.js';
import { describeKernel, kernelIt, loadObjectBytes, runProgram } from './harness.js';

const SOURCE = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

const volatile __u32 verdicts[4] = { 1, 2, 3, 2 };

SEC("xdp")
int pick(struct xdp_md *ctx)
{
	const volatile __u32 *table;

	asm volatile("%0 = verdicts ll" : "=r"(table));
	return table[(ctx->data_end - ctx->data) & 3];
}

SEC("socket")
int outside(void *ctx)
{
	long v;

	asm volatile("%0 = SOME_LOADER_CONSTANT ll" : "=r"(v));
	return v;
}

char _license[] SEC("license") = "GPL";
`;

it('relocates the ld_imm64 against the variable, or against an undefined symbol for an unknown name', () => {
  const out = compileString(SOURCE, { verify: false });
  expect(out.text).toBe('');
  const relocs = out.object!.functions.map((f) => f.relocs.map((r) => `${f.name} ${r.kind} ${r.symbol}`)).flat();
  expect(relocs).toEqual(['pick map verdicts', 'outside map SOME_LOADER_CONSTANT']);
  const e = parseElf(out.elf!) as ElfFile;
  const sym = e.symbols.find((s) => s.name === 'SOME_LOADER_CONSTANT')!;
  expect([sym.shndx, sym.bind, sym.type]).toEqual([0, 1, 0]); // SHN_UNDEF, STB_GLOBAL, STT_NOTYPE
  expect(e.symbols.filter((s) => s.name === 'verdicts').map((s) => s.shndx === 0)).toEqual([false]);
});

describeKernel('an asm template that loads a variable\'s address', () => {
  kernelIt('reads the variable through it', () => {
    const out = compileString(SOURCE.replace(/SEC\("socket"\)[^]*?\n}\n/, ''), { verify: true });
    expect(out.text).toBe('');
    const obj = loadObjectBytes(out.elf!);
    try {
      expect(obj.ok, obj.log).toBe(true);
      const got = [60, 61, 62, 63].map((n) => runProgram(obj.prog('pick').pinPath, new Uint8Array(n)).retval);
      expect(got).toEqual([1, 2, 3, 2]); // verdicts[60 & 3], verdicts[61 & 3], ...
    } finally {
      obj.cleanup();
    }
  });
});
