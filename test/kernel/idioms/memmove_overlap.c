// memmove within a packet, where source and destination overlap by all but 4 bytes, in both
// directions (test_xdp_vlan.c moves the MAC addresses over an outer VLAN tag this way). The
// first byte picks the direction; the copy must read every byte before it is overwritten.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int shift(struct xdp_md *ctx)
{
	__u8 *data = (void *)(long)ctx->data;
	__u8 *end = (void *)(long)ctx->data_end;

	if (data + 20 > end)
		return XDP_ABORTED;
	if (data[0] == 1)
		__builtin_memmove(data + 4, data, 12); /* destination after the source */
	else
		__builtin_memmove(data + 1, data + 5, 12); /* destination before the source */
	return XDP_TX;
}

char _license[] SEC("license") = "GPL";
