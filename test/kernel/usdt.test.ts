// <bpf/usdt.bpf.h>: BPF_USDT programs, whose arguments bpf_usdt_arg() reads through the spec that
// libbpf's user-space half stores in the __bpf_usdt_specs map when it attaches the program. The
// spec layout is that interface, so it is checked here byte by byte (worked out from the field
// list: 16 bytes per argument, 12 arguments, then the cookie and the count); the program loads as
// a kprobe (uprobe) program, as libbpf loads SEC("usdt").
import { expect, it } from 'vitest';
import { compileString } from '../util/compile.js';
import { describeKernel, kernelIt, loadObjectBytes } from './harness.js';

const SOURCE = `#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/usdt.bpf.h>

_Static_assert(sizeof(struct __bpf_usdt_arg_spec) == 16, "arg spec");
_Static_assert(__builtin_offsetof(struct __bpf_usdt_arg_spec, arg_type) == 8, "arg_type");
_Static_assert(__builtin_offsetof(struct __bpf_usdt_arg_spec, reg_off) == 12, "reg_off");
_Static_assert(__builtin_offsetof(struct __bpf_usdt_arg_spec, arg_signed) == 14, "arg_signed");
_Static_assert(__builtin_offsetof(struct __bpf_usdt_arg_spec, arg_bitshift) == 15, "arg_bitshift");
_Static_assert(__builtin_offsetof(struct __bpf_usdt_spec, usdt_cookie) == 192, "usdt_cookie");
_Static_assert(__builtin_offsetof(struct __bpf_usdt_spec, arg_cnt) == 200, "arg_cnt");
_Static_assert(sizeof(struct __bpf_usdt_spec) == 208, "spec");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} seen SEC(".maps");

SEC("usdt")
int BPF_USDT(on_probe, long a, int b, void *c)
{
	__u32 k = 0;
	__u64 *v = bpf_map_lookup_elem(&seen, &k);

	if (v)
		*v = a + b + (long)c + bpf_usdt_arg_cnt(ctx) + bpf_usdt_cookie(ctx);
	return 0;
}

char _license[] SEC("license") = "GPL";
`;

it('declares the spec maps and reads three arguments through bpf_usdt_arg', () => {
  const out = compileString(SOURCE, { verify: true, defines: [{ name: '__TARGET_ARCH_x86' }] });
  expect(out.text).toBe('');
  const maps = out.object!.data.find((d) => d.name === '.maps')!.symbols.map((s) => s.name).sort();
  expect(maps).toEqual(['__bpf_usdt_ip_to_spec_id', '__bpf_usdt_specs', 'seen']);
  expect(out.object!.externVars).toEqual([{ name: 'LINUX_HAS_BPF_COOKIE', weak: false }]);
  // bpf_usdt_arg is one subprogram the three reads call, as libbpf's one function is, not three
  // inlined copies of its ~100 instructions.
  const fns = out.object!.functions;
  expect(fns.filter((f) => f.name === 'bpf_usdt_arg').map((f) => f.section)).toEqual(['.text']);
  const calls = fns.find((f) => f.name === 'on_probe')!.insns.filter((i) => i.code === 0x85 && i.src === 1);
  expect(calls).toHaveLength(3);
});

describeKernel('a BPF_USDT program', () => {
  kernelIt('loads as a kprobe program with its spec maps', () => {
    const out = compileString(SOURCE, { verify: true, defines: [{ name: '__TARGET_ARCH_x86' }] });
    const obj = loadObjectBytes(out.elf!);
    try {
      expect(obj.ok, obj.log).toBe(true);
      expect(obj.progs.map((p) => [p.name, p.type])).toEqual([['on_probe', 'kprobe']]);
      // and libbpf's map of the .kconfig values (LINUX_HAS_BPF_COOKIE), named after the object
      expect(obj.maps.map((m) => m.name).sort()).toEqual(['__bpf_usdt_ip_to_spec_id', '__bpf_usdt_specs', 'prog_kconfig', 'seen']);
    } finally {
      obj.cleanup();
    }
  });
});
