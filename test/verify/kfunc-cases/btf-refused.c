// An object whose BTF the kernel refuses: a program's parameter has no name, so its BTF FUNC has
// an unnamed argument ("Invalid arg#1"). libbpf loads the programs without BTF then ("BTF is
// optional, ignoring"), and a program that passes a callback to bpf_loop is refused, because
// the kernel checks callbacks against func_info it no longer has. The object's other programs
// load as they are.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

static long count_one(__u32 index, void *data)
{
	*(int *)data += 1;
	return 0;
}

// @case callback_without_func_info reject EINVAL "missing btf func_info"
SEC("xdp")
int callback_without_func_info(struct xdp_md *)
{
	int n = 0;

	bpf_loop(4, count_one, &n, 0);
	return n == 4 ? XDP_PASS : XDP_DROP;
}

// @case plain_program_without_btf accept
SEC("xdp")
int plain_program_without_btf(struct xdp_md *ctx)
{
	return ctx->ingress_ifindex ? XDP_PASS : XDP_DROP;
}
