// Kernel symbols declared `extern ... __ksym`: a variable's or a kernel function's address is an
// ld_imm64 relocated against the undefined symbol, with a VAR (or FUNC) of extern linkage in a
// .ksyms DATASEC, as clang emits it. libbpf writes the address when it loads the object: from
// /proc/kallsyms for an untyped variable (`extern void NAME __ksym`), from the kernel's BTF for a
// typed one and for functions, and 0 for a __weak symbol the kernel lacks (bpf_ksym_exists).
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { compileString } from '../util/compile.js';
import { describeKernel, kernelIt, loadObjectBytes, lookupMap, readU64LE, runProgram, u32LE } from './harness.js';

const SOURCE = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern void bpf_init __ksym;
extern void ebcc_no_such_symbol __ksym __weak;
/* typed: libbpf looks for a VAR in the kernel's BTF (this kernel's kallsyms has no data symbols
 * for the kernel to give a found one an address, so the test uses a missing weak one) */
extern const int ebcc_no_such_var __ksym __weak;
struct bpf_cpumask {}; /* libbpf matches a FWD with no kernel STRUCT */
extern struct bpf_cpumask *bpf_cpumask_create(void) __ksym __weak;
extern void ebcc_no_such_kfunc(void) __ksym __weak;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 5);
	__type(key, __u32);
	__type(value, __u64);
} out SEC(".maps");

#define put(k, v) ({ __u32 __k = (k); __u64 __v = (v); bpf_map_update_elem(&out, &__k, &__v, BPF_ANY); })

SEC("xdp")
int ksyms(struct xdp_md *ctx)
{
	put(0, (__u64)&bpf_init);
	put(1, (__u64)&ebcc_no_such_symbol);
	put(2, bpf_ksym_exists(bpf_cpumask_create));
	put(3, bpf_ksym_exists(ebcc_no_such_kfunc));
	put(4, &ebcc_no_such_var != 0 ? 7 : 8);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
`;

it('emits undefined symbols and extern VARs and FUNCs in a .ksyms DATASEC for the symbols the code uses', () => {
  const out = compileString(SOURCE, { verify: false });
  expect(out.text).toBe('');
  expect(out.object!.externVars).toEqual([
    { name: 'bpf_init', weak: false },
    { name: 'ebcc_no_such_symbol', weak: true },
    { name: 'ebcc_no_such_var', weak: true },
  ]);
  expect(out.object!.externFuncs).toEqual([
    { name: 'bpf_cpumask_create', weak: true },
    { name: 'ebcc_no_such_kfunc', weak: true },
  ]);
  const btf = out.object!.btf;
  const sec = btf.find((t) => t.kind === 'datasec' && t.name === '.ksyms');
  const entries = sec && sec.kind === 'datasec' ? sec.vars.map((v) => {
    const t = btf[v.type - 1]!;
    return t.kind === 'var' ? `var ${t.name} ${t.linkage} ${v.sizeBytes}` : t.kind === 'func' ? `func ${t.name}` : '?';
  }) : [];
  expect(entries).toEqual(['func bpf_cpumask_create', 'func ebcc_no_such_kfunc', 'var bpf_init extern 1', 'var ebcc_no_such_symbol extern 1', 'var ebcc_no_such_var extern 4']);
});

it('an extern variable outside .ksyms is still refused where it is used', () => {
  const out = compileString('extern int elsewhere;\n__attribute__((section("xdp"))) int f(void *ctx) { return elsewhere; }\n', {}, 'sema');
  expect(out.ctx.diags.list.map((d) => d.code)).toEqual(['E3101']);
});

/** The address /proc/kallsyms gives `name` (root reads real addresses). */
function kallsyms(name: string): bigint {
  const line = readFileSync('/proc/kallsyms', 'utf8').split('\n').find((l) => l.split(/\s+/)[2] === name);
  return line ? BigInt(`0x${line.split(' ')[0]}`) : -1n;
}

describeKernel('__ksym externs resolved by libbpf', () => {
  kernelIt("give a kernel symbol's address, 0 for missing weak ones, typed or not, and whether weak kernel functions exist", () => {
    const out = compileString(SOURCE, { verify: true });
    const obj = loadObjectBytes(out.elf!);
    try {
      expect(obj.ok, obj.log).toBe(true);
      expect(runProgram(obj.prog('ksyms').pinPath, new Uint8Array(64)).retval).toBe(2);
      const got = [0, 1, 2, 3, 4].map((k) => readU64LE(lookupMap(obj.map('out').pinPath, u32LE(k))!.value));
      const expected = kallsyms('bpf_init');
      expect(expected).toBeGreaterThan(0n);
      expect(got).toEqual([expected, 0n, 1n, 0n, 8n]);
    } finally {
      obj.cleanup();
    }
  });
});
