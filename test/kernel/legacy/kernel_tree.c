/* Programs written against the kernel tree's headers (built with -D__KERNEL__):
 * struct vlan_hdr and VLAN_* from the kernel's <linux/if_vlan.h>, ip_is_fragment()
 * from <net/ip.h>, uint64_t from the kernel's <linux/types.h>, memcpy() without
 * <string.h> (the kernel's headers declare it), SK_DROP/SK_PASS
 * from the BPF header, a vendored copy of the BPF header skipped by its include
 * guard, and a struct defined again exactly as a header defines it.
 * Written for ebcc's tests. */
#include <uapi/linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/if_vlan.h>
#include <net/ip.h>
#include <linux/ipv6.h>
#include "vendored_bpf.h"
#include <bpf/bpf_helpers.h>

/* The same two members as <linux/if_vlan.h>'s: the same type, not a redefinition. */
struct vlan_hdr {
	__be16 h_vlan_TCI;
	__be16 h_vlan_encapsulated_proto;
};

_Static_assert(SK_DROP == 0 && SK_PASS == 1, "enum sk_action");
_Static_assert(sizeof(struct vlan_ethhdr) == VLAN_ETH_HLEN, "tagged Ethernet header");

/* Up to two VLAN tags; IPv4 fragments are dropped, unfragmented IPv4 on VLAN 100
 * is sent back to its sender, everything else passes. */
SEC("xdp")
int vlan_frag(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	uint64_t off = sizeof(*eth);
	__u16 proto, vid = 0;
	struct iphdr *iph;
	int i;

	if (data + off > data_end)
		return XDP_ABORTED;
	proto = eth->h_proto;
	for (i = 0; i < 2; i++) {
		struct vlan_hdr *vh = data + off;

		if (proto != htons(ETH_P_8021Q) && proto != htons(ETH_P_8021AD))
			break;
		if ((void *)(vh + 1) > data_end)
			return XDP_ABORTED;
		vid = ntohs(vh->h_vlan_TCI) & VLAN_VID_MASK;
		proto = vh->h_vlan_encapsulated_proto;
		off += VLAN_HLEN;
	}
	if (proto != htons(ETH_P_IP))
		return XDP_PASS;
	iph = data + off;
	if ((void *)(iph + 1) > data_end)
		return XDP_ABORTED;
	if (ip_is_fragment(iph))
		return XDP_DROP;
	if (vid != 100)
		return XDP_PASS;
	memcpy(eth->h_dest, eth->h_source, ETH_ALEN);
	return XDP_TX;
}

/* `extra` is read before anything is assigned to it, as real programs sometimes do by
 * mistake: ebcc reads 0, so the check needs 20 bytes. */
SEC("tc")
int unset_length(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	__u32 extra;

	if (data + 20 + extra > data_end)
		return TC_ACT_SHOT;
	return TC_ACT_OK;
}

/* iph is assigned on the IPv4 path only and ip6h on the IPv6 path only; after a helper
 * call, a second test of the same EtherType picks the one that was assigned. Each hop count
 * is decremented and the packet sent back. */
SEC("xdp")
int branch_pointers(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct ipv6hdr *ip6h;
	struct iphdr *iph;
	__u16 proto;

	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	proto = eth->h_proto;
	if (proto == htons(ETH_P_IP)) {
		iph = (void *)(eth + 1);
		if ((void *)(iph + 1) > data_end)
			return XDP_DROP;
		if (iph->ttl <= 1)
			return XDP_PASS;
	} else if (proto == htons(ETH_P_IPV6)) {
		ip6h = (void *)(eth + 1);
		if ((void *)(ip6h + 1) > data_end)
			return XDP_DROP;
		if (ip6h->hop_limit <= 1)
			return XDP_PASS;
	} else {
		return XDP_PASS;
	}
	bpf_ktime_get_ns();
	if (proto == htons(ETH_P_IP))
		iph->ttl--;
	else
		ip6h->hop_limit--;
	return XDP_TX;
}

char _license[] SEC("license") = "GPL";
