// Calls of kernel functions declared __ksym: the call is a BPF-to-BPF call relocated against an
// undefined symbol, and the BTF has the function (extern linkage) in a .ksyms DATASEC, as clang
// emits them; libbpf finds the function in the kernel's BTF and makes the call a kfunc call.
import { expect, it } from 'vitest';
import { compileString } from '../util/compile.js';
import { describeKernel, kernelIt, loadObjectBytes, runProgram } from './harness.js';
import { parseElf, type ElfFile } from '../../src/obj/elf-reader.js';

const symbolsOf = (elf: Uint8Array) => (parseElf(elf) as ElfFile).symbols;

const SOURCE = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* Kernel functions (Linux 6.2 on): the kernel's sk_buff behind the context, and a weak one
 * that no kernel has, declared only. */
extern void *bpf_cast_to_kern_ctx(void *ctx) __ksym;
extern int ebcc_test_no_such_kfunc(int x) __ksym __weak;

SEC("tc")
int kern_ctx(struct __sk_buff *skb)
{
	void *kctx = bpf_cast_to_kern_ctx(skb);

	return kctx ? 7 : 3;
}

char _license[] SEC("license") = "GPL";
`;

it('calls a kernel function through an undefined symbol with a .ksyms BTF entry', () => {
  const out = compileString(SOURCE);
  expect(out.text).toBe('');
  const fn = out.object!.functions.find((f) => f.name === 'kern_ctx')!;
  const call = fn.relocs.find((r) => r.symbol === 'bpf_cast_to_kern_ctx')!;
  expect(call.kind).toBe('call');
  // call -1 with src_reg 1 (BPF_PSEUDO_CALL), as clang leaves it for libbpf
  expect([fn.insns[call.insnIndex]!.code, fn.insns[call.insnIndex]!.src, fn.insns[call.insnIndex]!.imm]).toEqual([0x85, 1, -1]);
  // only the function the code calls is declared to the loader
  expect(out.object!.externFuncs).toEqual([{ name: 'bpf_cast_to_kern_ctx', weak: false }]);
  const btf = out.object!.btf;
  const ksyms = btf.find((t) => t.kind === 'datasec' && t.name === '.ksyms');
  expect(ksyms?.kind === 'datasec' && ksyms.vars.map((v) => btf[v.type - 1])).toEqual([
    expect.objectContaining({ kind: 'func', name: 'bpf_cast_to_kern_ctx', linkage: 'extern' }),
  ]);
  const sym = symbolsOf(out.elf!).find((s) => s.name === 'bpf_cast_to_kern_ctx')!;
  expect([sym.shndx, sym.bind, sym.type]).toEqual([0, 1, 0]); // SHN_UNDEF, STB_GLOBAL, STT_NOTYPE
});

it('a called __weak kernel function is a weak undefined symbol', () => {
  const out = compileString(SOURCE.replace('return kctx ? 7 : 3;', 'return kctx ? 7 : ebcc_test_no_such_kfunc(3);'), { verify: false });
  const sym = symbolsOf(out.elf!).find((s) => s.name === 'ebcc_test_no_such_kfunc')!;
  expect([sym.shndx, sym.bind]).toEqual([0, 2]); // SHN_UNDEF, STB_WEAK
});

describeKernel('kfunc calls', () => {
  kernelIt('the kernel loads the call and runs it', () => {
    const out = compileString(SOURCE);
    const obj = loadObjectBytes(out.elf!);
    try {
      expect(obj.ok, obj.log).toBe(true);
      expect(runProgram(obj.prog('kern_ctx').pinPath, new Uint8Array(64)).retval).toBe(7);
    } finally {
      obj.cleanup();
    }
  });
});
