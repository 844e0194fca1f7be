// <bpf/bpf_core_read.h> as clang and libbpf have it. bpf_core_field_exists
// (__builtin_preserve_field_info(field, BPF_FIELD_EXISTS)) asks the running
// kernel, as with clang: a `mov rX, 1` carrying a CO-RE FIELD_EXISTS relocation (root struct,
// access string) that libbpf rewrites to 0 where the kernel's type lacks the field. A flavour of a
// kernel struct (`task_struct___pre514`) declares a field precisely so that the program can ask;
// folding the answer to the program's own 1 kept the old field's read live, and libbpf refused
// the object. The other field facts (offset, size, signedness, shifts) stay the program's.
// test/kernel/idioms-tracing.test.ts runs such checks against the kernel.
import { expect, it } from 'vitest';
import { coreReloKind } from '../../src/bpf/core-relo.js';
import { disasm } from '../../src/bpf/disasm.js';
import { compileString } from '../util/compile.js';

const SOURCE = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

struct task_struct___old { long state; } __attribute__((preserve_access_index));
struct task_struct___new { unsigned int __state; } __attribute__((preserve_access_index));
struct plain { int a; int b[4]; };

SEC("tp_btf/sched_switch")
int state_of(unsigned long long *ctx)
{
	void *task = (void *)ctx[1];
	if (bpf_core_field_exists(((struct task_struct___old *)task)->state))
		return BPF_CORE_READ((struct task_struct___old *)task, state) & 0xff;
	return BPF_CORE_READ((struct task_struct___new *)task, __state) & 0xff;
}

SEC("tp_btf/sched_switch")
int facts(unsigned long long *ctx)
{
	return bpf_core_field_exists(struct plain, b[2]) * 100 + bpf_core_field_offset(struct plain, b[2]) + bpf_core_field_size(struct plain, b);
}

char _license[] SEC("license") = "GPL";
`;

it('keeps a FIELD_EXISTS relocation on a mov of 1, and both paths of the test', () => {
  const out = compileString(SOURCE);
  expect(out.text).toBe('');
  const btf = out.object!.btf;
  const relos = (name: string) => {
    const fn = out.object!.functions.find((f) => f.name === name)!;
    return (fn.coreRelos ?? []).map((c) => {
      const t = btf[c.typeId - 1]!;
      const insn = fn.insns[c.insnIndex]!;
      return `${coreReloKind(c.kind)!.short} ${'name' in t ? t.name : '?'} ${c.access}${insn.code === 0xb7 ? ` mov ${insn.imm}` : ''}`;
    });
  };
  expect(relos('state_of').filter((r) => r.startsWith('field_exists'))).toEqual(['field_exists task_struct___old 0:0 mov 1']);
  // Both arms stay: each reads its own flavour's field.
  const code = disasm(out.object!.functions.find((f) => f.name === 'state_of')!.insns);
  expect(code.filter((l) => /^if /.test(l)).length).toBeGreaterThanOrEqual(1);
  // The 2-argument form, through an array element: the exists relocation; offset and size are constants.
  expect(relos('facts')).toEqual(['field_exists plain 0:1:2 mov 1']);
  const facts = disasm(out.object!.functions.find((f) => f.name === 'facts')!.insns).join('\n');
  // offset 12 and size 16, as immediates (or their sum)
  expect(/\+= 12\b[\s\S]*\+= 16\b|\+= 16\b[\s\S]*\+= 12\b|\+= 28\b/.test(facts)).toBe(true);
});

it('BPF_CORE_READ reads into an uninitialised temporary, as libbpf\'s does: the probe-read helper writes all of it', () => {
  // A zeroing store before each bpf_probe_read_kernel() would be one slot per read for nothing:
  // the helper fills its buffer, or zeroes it when the read fails.
  const out = compileString(`#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
struct inner { long v; } __attribute__((preserve_access_index));
struct outer { int pad; struct inner *in; } __attribute__((preserve_access_index));
SEC("tp_btf/sched_switch")
int chain(unsigned long long *ctx)
{
	struct outer *o = (void *)ctx[1];
	return BPF_CORE_READ(o, in, v) & 0xff;
}
char _license[] SEC("license") = "GPL";
`);
  expect(out.text).toBe('');
  const code = disasm(out.object!.functions.find((f) => f.name === 'chain')!.insns);
  expect(code.filter((l) => /call bpf_probe_read_kernel/.test(l))).toHaveLength(2);
  expect(code.filter((l) => /^\*\(u\d+ \*\)\(r10 -\d+\) = 0$/.test(l))).toEqual([]);
});
