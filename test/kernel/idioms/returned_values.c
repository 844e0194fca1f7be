// Programs that return a 64-bit value as their int result: the kernel reads only the low
// 32 bits of an XDP program's R0, so ebcc does not clear the upper half first.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} ports SEC(".maps");

// No port is set, so the redirect fails and the helper returns the action in its flags.
SEC("xdp")
int redirect_or_pass(struct xdp_md *ctx)
{
	return bpf_redirect_map(&ports, ctx->rx_queue_index, XDP_PASS);
}

// The upper half holds the packet's length; the program's verdict is the low half, 3.
SEC("xdp")
int wide_verdict(struct xdp_md *ctx)
{
	long len = ctx->data_end - ctx->data;
	long wide = (len << 32) | XDP_TX;
	return wide;
}

// Called functions still return a clean int: the caller compares all 64 bits.
static __attribute__((noinline)) int low_half(long v)
{
	return v;
}

SEC("xdp")
int through_call(struct xdp_md *ctx)
{
	long len = ctx->data_end - ctx->data;
	if (low_half((len << 32) | 1) == 1)
		return XDP_DROP;
	return XDP_ABORTED;
}

char _license[] SEC("license") = "GPL";
