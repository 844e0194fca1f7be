// A helper called through its id cast to a function pointer, as xdpcap calls bpf_tail_call
// whatever its headers name it: `((int (*)(struct xdp_md *, void *, int))12)(ctx, &hook, action)`
// is `call 12`, as clang emits it. Other calls through pointers are still E3105. In the kernel
// and in ebcc run.
import { describe, expect, it } from 'vitest';
import { disasm } from '../../src/bpf/disasm.js';
import { compileString } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const SRC = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} hook SEC(".maps");

/* Tail-calls the hook slot for the action (empty: the call returns), then returns the action plus the CPU. */
SEC("xdp")
int through_hook(struct xdp_md *ctx)
{
	int action = XDP_PASS;

	((int (*)(struct xdp_md *, void *, int))12)(ctx, &hook, action);
	return action + 10 * ((__u32 (*)(void))8)();
}

char _license[] SEC("license") = "GPL";
`;

const compiled = () => compileString(SRC);

describe('helpers called by id', () => {
  it('calls bpf_tail_call and bpf_get_smp_processor_id', () => {
    const out = compiled();
    expect(out.text).toBe('');
    const code = disasm(out.object!.functions[0]!.insns);
    expect(code).toContain('call bpf_tail_call#12');
    expect(code).toContain('call bpf_get_smp_processor_id#8');
  });

  it('still refuses a call through a pointer that is not a constant (E3105)', () => {
    const out = compileString(`#include <linux/bpf.h>
      __attribute__((section("xdp"))) int p(struct xdp_md *ctx) { long f = ctx->ingress_ifindex; return ((int (*)(void))f)(); }
      char _license[] __attribute__((section("license"))) = "GPL";`);
    expect(out.ctx.diags.list.map((d) => d.code)).toEqual(['E3105']);
  });
});

describeDual('a helper called by id', compiled, (obj) => {
  it('returns XDP_PASS after the empty hook, on CPU 0', () => {
    expect(obj().run('through_hook', new Uint8Array(64)).retval).toBe(2);
  });
});
