// const volatile configuration variables live in .rodata: libbpf turns the
// section into a read-only array map and each reference into a map value
// address. The program reads the values written in the C initialisers.
import { expect } from 'vitest';
import { compileString } from '../util/compile.js';
import { Shadow } from '../run/dual.js';
import { describeKernel, kernelIt, loadObjectBytes, runProgram } from './harness.js';

const SOURCE = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

const volatile __u32 verdict = XDP_DROP;
const volatile __u64 magic = 0x1122334455667788ULL;
const volatile struct { __u16 port; __u8 proto; } rule = { .port = 53, .proto = 17 };

SEC("xdp")
int cfg(struct xdp_md *ctx)
{
	if (magic != 0x1122334455667788ULL || rule.port != 53 || rule.proto != 17)
		return XDP_ABORTED;
	return verdict;
}

char _license[] SEC("license") = "GPL";
`;

describeKernel('.rodata configuration variables', () => {
  kernelIt('are emitted in .rodata with BTF and read through a map value address', () => {
    const out = compileString(SOURCE);
    expect(out.text).toBe('');
    const rodata = out.object!.data.find((d) => d.name === '.rodata')!;
    expect(rodata.symbols.map((s) => s.name)).toEqual(['verdict', 'magic', 'rule']);
    expect(out.object!.btf.some((t) => t.kind === 'datasec' && t.name === '.rodata')).toBe(true);
    const obj = loadObjectBytes(out.elf!);
    try {
      expect(obj.ok, obj.log).toBe(true);
      const res = runProgram(obj.prog('cfg').pinPath, new Uint8Array(64));
      expect(res.retval).toBe(1);
      new Shadow(out.object!).check('cfg', new Uint8Array(64), res);
    } finally {
      obj.cleanup();
    }
  });
});
