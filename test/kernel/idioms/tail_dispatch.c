// A dispatcher in the style of the kernel's sockex3 sample: the first packet byte picks one of
// three tail calls into a prog array, each a call to bpf_tail_call() with its own constant slot
// and nothing else: the compiler may keep one call and move each slot into R3 before it. Each
// stage stamps its mark; a missing stage leaves the dispatcher's verdict.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} stages SEC(".maps");

static __always_inline int stamp(struct xdp_md *ctx, __u8 mark)
{
	__u8 *p = (void *)(long)ctx->data;

	if ((void *)(p + 2) > (void *)(long)ctx->data_end)
		return XDP_ABORTED;
	p[1] = mark;
	return XDP_TX;
}

SEC("xdp")
int dispatch(struct xdp_md *ctx)
{
	__u8 *p = (void *)(long)ctx->data;

	if ((void *)(p + 2) > (void *)(long)ctx->data_end)
		return XDP_ABORTED;
	switch (p[0]) {
	case 0x10:
	case 0x11:
		bpf_tail_call(ctx, &stages, 1);
		break;
	case 0x20:
		bpf_tail_call(ctx, &stages, 2);
		break;
	case 0x30:
		bpf_tail_call(ctx, &stages, 3);
		break;
	}
	return XDP_PASS;
}

SEC("xdp")
int one(struct xdp_md *ctx)
{
	return stamp(ctx, 0xa1);
}

SEC("xdp")
int two(struct xdp_md *ctx)
{
	return stamp(ctx, 0xa2);
}

SEC("xdp")
int three(struct xdp_md *ctx)
{
	return stamp(ctx, 0xa3);
}

char _license[] SEC("license") = "GPL";
