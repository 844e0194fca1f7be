// A kernel-tree cgroup program (test/kernel/legacy/kernel_tree_cgroup.c, -D__KERNEL__) keyed by
// struct bpf_cgroup_storage_key and using div64_u64()/div_u64_rem() from <net/ipv6.h>: it
// compiles, libbpf creates its cgroup-storage map from the BTF (an incomplete key struct left the
// key size unknown: "can't determine key size"), and the kernel's results are those of the C.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compileFile, compileString, REPO_DIR } from '../util/compile.js';
import { describeKernel, kernelIt, loadObjectBytes, lookupMap, runProgram, type LoadedObject } from './harness.js';
import { readU64LE, u32LE } from './maps.js';

const kernelTree = { defines: [{ name: '__KERNEL__' }] };
const compiled = () => compileFile(`${REPO_DIR}test/kernel/legacy/kernel_tree_cgroup.c`, kernelTree);

it('compiles without diagnostics; struct bpf_cgroup_storage_key has the UAPI layout', () => {
  expect(compiled().text).toBe('');
  const layout = compileString('#include <linux/bpf.h>\n#include <stddef.h>\n' +
    '_Static_assert(sizeof(struct bpf_cgroup_storage_key) == 16 && offsetof(struct bpf_cgroup_storage_key, attach_type) == 8, "layout");\n');
  expect(layout.text).toBe('');
});

it('gives kernel-tree code the unsigned 64-bit divisions of <linux/math64.h> through <net/ip.h>', () => {
  const src = '#include <net/ip.h>\nunsigned long long f(unsigned long long a, unsigned long long b) { return div64_u64(a, b) + div_u64(a, 3); }\n';
  expect(compileString(src, kernelTree, 'sema').text).toBe('');
});

describeKernel('kernel-tree cgroup program', () => {
  let obj: LoadedObject;
  beforeAll(() => {
    obj = loadObjectBytes(compiled().elf!);
    expect(obj.ok, obj.log).toBe(true);
  });
  afterAll(() => obj?.cleanup());

  kernelIt('divides as the C says', () => {
    // A cgroup program's test run sees the packet without its 14-byte Ethernet header: len 50.
    expect(runProgram(obj.prog('scaled_len').pinPath, new Uint8Array(64)).retval).toBe(1);
    const result = (k: number) => readU64LE(lookupMap(obj.map('results').pinPath, u32LE(k))!.value);
    // (50 << 20) / 3 = 52428800 / 3; the run's storage starts at 0, so seen = 50: 350 = 6 * 53 + 32.
    expect([result(0), result(1)]).toEqual([17476266n, 6n * 1000n + 32n]);
  });
});
