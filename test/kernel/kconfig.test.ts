// `extern ... __kconfig` values: ebcc emits each one the code reads as an undefined symbol, a
// VAR of extern linkage in a ".kconfig" DATASEC and an ld_imm64 relocated against the symbol, as
// clang does; libbpf makes a read-only map of them, fills it (LINUX_KERNEL_VERSION from the
// running kernel's release, a weak value the kernel lacks as 0) and points the code at it.
import { release } from 'node:os';
import { expect, it } from 'vitest';
import { compileString } from '../util/compile.js';
import { describeKernel, kernelIt, loadObjectBytes, runProgram } from './harness.js';

/** KERNEL_VERSION(a, b, c) of this machine's release, as libbpf computes it from uname. */
function kernelVersion(): number {
  const [a = 0, b = 0, c = 0] = release().split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  return (a << 16) + (b << 8) + Math.min(c, 255);
}

const SOURCE = (version: number) => `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern unsigned int LINUX_KERNEL_VERSION __kconfig;
extern int CONFIG_EBCC_NO_SUCH_OPTION __kconfig __weak;
extern int CONFIG_EBCC_UNUSED __kconfig;

SEC("xdp")
int kcfg(struct xdp_md *ctx)
{
	if (CONFIG_EBCC_NO_SUCH_OPTION != 0)
		return XDP_ABORTED;
	return LINUX_KERNEL_VERSION == ${version} ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
`;

it('emits the values read, as undefined symbols with a .kconfig DATASEC of extern VARs', () => {
  const out = compileString(SOURCE(0), { verify: false });
  expect(out.text).toBe('');
  expect(out.object!.externVars).toEqual([
    { name: 'LINUX_KERNEL_VERSION', weak: false },
    { name: 'CONFIG_EBCC_NO_SUCH_OPTION', weak: true },
  ]);
  const btf = out.object!.btf;
  const sec = btf.find((t) => t.kind === 'datasec' && t.name === '.kconfig');
  expect(sec && sec.kind === 'datasec' ? sec.vars.map((v) => { const t = btf[v.type - 1]!; return t.kind === 'var' ? `${t.name} ${t.linkage} ${v.offset} ${v.sizeBytes}` : '?'; }) : []).toEqual([
    'LINUX_KERNEL_VERSION extern 0 4',
    'CONFIG_EBCC_NO_SUCH_OPTION extern 0 4',
  ]);
  // An extern the code never reads is not emitted: libbpf would refuse the object without it.
  expect(btf.some((t) => t.kind === 'var' && t.name === 'CONFIG_EBCC_UNUSED')).toBe(false);
});

describeKernel('__kconfig externs', () => {
  kernelIt("read the running kernel's version and 0 for a weak value it lacks", () => {
    const out = compileString(SOURCE(kernelVersion()), { verify: true });
    expect(out.text).toBe('');
    const obj = loadObjectBytes(out.elf!);
    try {
      expect(obj.ok, obj.log).toBe(true);
      expect(runProgram(obj.prog('kcfg').pinPath, new Uint8Array(64)).retval).toBe(2);
    } finally {
      obj.cleanup();
    }
    // And a version that is not this kernel's drops.
    const other = compileString(SOURCE(kernelVersion() + 1), { verify: true });
    const obj2 = loadObjectBytes(other.elf!);
    try {
      expect(obj2.ok, obj2.log).toBe(true);
      expect(runProgram(obj2.prog('kcfg').pinPath, new Uint8Array(64)).retval).toBe(1);
    } finally {
      obj2.cleanup();
    }
  });
});
