// A chain of XDP programs joined by tail calls through a BPF_MAP_TYPE_PROG_ARRAY that the
// loader fills. Each stage stamps its mark into the packet, so the output packet shows
// which stages ran. An empty slot makes the tail call fall through to the next statement.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} jmp SEC(".maps");

#define STAMP(ctx, i, mark)                                                  \
	({                                                                     \
		__u8 *p = (void *)(long)(ctx)->data;                           \
		int ok = (void *)(p + 4) <= (void *)(long)(ctx)->data_end;     \
		if (ok)                                                        \
			p[i] = (mark);                                         \
		ok;                                                            \
	})

SEC("xdp")
int entry(struct xdp_md *ctx)
{
	__u8 *p = (void *)(long)ctx->data;

	if (!STAMP(ctx, 0, 0xa0))
		return XDP_ABORTED;
	if ((void *)(p + 4) > (void *)(long)ctx->data_end)
		return XDP_ABORTED;
	/* 0xff in byte 1: jump to the slot named by byte 2 (a slot known only at run time). */
	if (p[1] == 0xff)
		bpf_tail_call(ctx, &jmp, p[2]);
	bpf_tail_call_static(ctx, &jmp, 1);
	return XDP_DROP;
}

SEC("xdp")
int stage1(struct xdp_md *ctx)
{
	STAMP(ctx, 1, 0xa1);
	bpf_tail_call_static(ctx, &jmp, 2);
	return XDP_DROP;
}

SEC("xdp")
int stage2(struct xdp_md *ctx)
{
	STAMP(ctx, 2, 0xa2);
	bpf_tail_call_static(ctx, &jmp, 3);
	return XDP_PASS;
}

SEC("xdp")
int stage3(struct xdp_md *ctx)
{
	STAMP(ctx, 3, 0xa3);
	return XDP_TX;
}

char _license[] SEC("license") = "GPL";
