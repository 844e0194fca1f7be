// A parser returns a header through an out-parameter and -1 when the packet is too short, leaving
// the out-parameter unset. Its caller compares the length with an unsigned size, so -1 passes that
// test, and then checks the header pointer against the end of the packet: on the short path the
// pointer was never set (undefined in C). A loop kept as a loop sits before it.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct hdr {
	__u8 kind;
	__u8 flags;
	__u16 port;
};

static __always_inline int parse_hdr(void *pos, void *end, struct hdr **out)
{
	struct hdr *h = pos;

	if ((void *)(h + 1) > end)
		return -1;
	*out = h;
	return sizeof(*h);
}

SEC("xdp") int unset_out(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	__u32 q = ctx->rx_queue_index, sum = 0;
	struct hdr *h;
	int len;

#pragma nounroll
	for (int i = 0; i < 4; i++)
		sum += q >> i;
	len = parse_hdr(data, end, &h);
	if (len < sizeof(*h) || (void *)(h + 1) > end)
		return XDP_PASS;
	if (h->port == 0x5000)
		return XDP_DROP;
	return sum == 0 ? XDP_TX : XDP_PASS;
}

char _license[] SEC("license") = "GPL";
