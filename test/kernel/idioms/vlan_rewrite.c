// A VLAN id rewrite in the style of the selftest test_xdp_vlan.c: the id is tested through
// bpf_ntohs() and a mask, and written back through bpf_htons() keeping the top 4 bits. ebcc moves
// the byte swaps past the masks and the test (opt/bswap-fold.ts): no swap is left.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct vlan { __be16 tci; __be16 proto; };

SEC("xdp")
int rewrite(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct vlan *v = (void *)(eth + 1);

	if ((void *)(v + 1) > data_end)
		return XDP_ABORTED;
	if (eth->h_proto != bpf_htons(ETH_P_8021Q))
		return XDP_PASS;
	if ((bpf_ntohs(v->tci) & 0x0fff) != 4011)
		return XDP_DROP;
	v->tci = bpf_htons((bpf_ntohs(v->tci) & 0xf000) | 0x123);
	return XDP_TX;
}

char _license[] SEC("license") = "GPL";
