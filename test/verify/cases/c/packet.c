// Packet parsing in C, compiled by ebcc: the bounds checks a program needs before it reads headers.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <linux/in.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

char _license[] SEC("license") = "GPL";

// @case eth_checked accept
SEC("xdp")
int eth_checked(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	return eth->h_proto == bpf_htons(ETH_P_IP) ? XDP_PASS : XDP_DROP;
}

// @case eth_unchecked reject EACCES "invalid access to packet"
SEC("xdp")
int eth_unchecked(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data;
	return eth->h_proto == bpf_htons(ETH_P_IP) ? XDP_PASS : XDP_DROP;
}

// @case ip_checked accept
SEC("xdp")
int ip_checked(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	if ((void *)(iph + 1) > data_end)
		return XDP_PASS;
	return iph->ttl <= 1 ? XDP_DROP : XDP_PASS;
}

// @case ip_checked_only_eth reject EACCES "invalid access to packet"
SEC("xdp")
int ip_checked_only_eth(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	return iph->ttl <= 1 ? XDP_DROP : XDP_PASS;
}

// @case tcp_after_variable_ihl_checked accept
SEC("xdp")
int tcp_after_variable_ihl_checked(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	struct tcphdr *tcp;
	if ((void *)(iph + 1) > data_end)
		return XDP_PASS;
	if (iph->protocol != IPPROTO_TCP)
		return XDP_PASS;
	tcp = (void *)iph + iph->ihl * 4;
	if ((void *)(tcp + 1) > data_end)
		return XDP_PASS;
	return tcp->dest == bpf_htons(22) ? XDP_DROP : XDP_PASS;
}

// @case tcp_after_variable_ihl_unchecked reject EACCES "invalid access to packet"
SEC("xdp")
int tcp_after_variable_ihl_unchecked(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	struct tcphdr *tcp;
	if ((void *)(iph + 1) > data_end)
		return XDP_PASS;
	tcp = (void *)iph + iph->ihl * 4;
	return tcp->dest == bpf_htons(22) ? XDP_DROP : XDP_PASS;
}

// @case ipv6_next_header_checked accept
SEC("xdp")
int ipv6_next_header_checked(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct ipv6hdr *ip6 = (void *)(eth + 1);
	if ((void *)(ip6 + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IPV6))
		return XDP_PASS;
	return ip6->nexthdr == IPPROTO_UDP ? XDP_DROP : XDP_PASS;
}

// @case swap_macs_checked accept
SEC("xdp")
int swap_macs_checked(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	unsigned char tmp[ETH_ALEN];
	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	__builtin_memcpy(tmp, eth->h_source, ETH_ALEN);
	__builtin_memcpy(eth->h_source, eth->h_dest, ETH_ALEN);
	__builtin_memcpy(eth->h_dest, tmp, ETH_ALEN);
	return XDP_TX;
}

// @case tc_udp_port_checked accept
SEC("tc")
int tc_udp_port_checked(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	struct udphdr *udp = (void *)(iph + 1);
	if ((void *)(udp + 1) > data_end)
		return TC_ACT_OK;
	if (iph->protocol != IPPROTO_UDP)
		return TC_ACT_OK;
	return udp->dest == bpf_htons(53) ? TC_ACT_SHOT : TC_ACT_OK;
}

// @case tc_write_ttl_checked accept
SEC("tc")
int tc_write_ttl_checked(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct iphdr *iph = data + sizeof(struct ethhdr);
	if ((void *)(iph + 1) > data_end)
		return TC_ACT_OK;
	iph->ttl = 64;
	return TC_ACT_OK;
}

// @case packet_loop_bounded accept
SEC("xdp")
int packet_loop_bounded(struct xdp_md *ctx)
{
	unsigned char *p = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	unsigned int sum = 0;
	for (int i = 0; i < 64; i++) {
		if ((void *)(p + i + 1) > data_end)
			break;
		sum += p[i];
	}
	return sum & 1 ? XDP_DROP : XDP_PASS;
}

// @case packet_index_from_packet_unbounded reject EACCES "invalid access to packet"
SEC("xdp")
int packet_index_from_packet_unbounded(struct xdp_md *ctx)
{
	unsigned char *p = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	if ((void *)(p + 1) > data_end)
		return XDP_PASS;
	return p[p[0]] ? XDP_DROP : XDP_PASS;
}

// @case packet_index_from_packet_checked accept
SEC("xdp")
int packet_index_from_packet_checked(struct xdp_md *ctx)
{
	unsigned char *p = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	unsigned int i;
	if ((void *)(p + 1) > data_end)
		return XDP_PASS;
	i = p[0];
	if ((void *)(p + i + 1) > data_end)
		return XDP_PASS;
	return p[i] ? XDP_DROP : XDP_PASS;
}

// @case socket_filter_reads_with_helper accept
SEC("socket")
int socket_filter_reads_with_helper(struct __sk_buff *skb)
{
	struct iphdr iph;
	if (bpf_skb_load_bytes(skb, 0, &iph, sizeof(iph)) < 0)
		return 0;
	return iph.protocol == IPPROTO_TCP ? skb->len : 0;
}

// @case socket_filter_direct_packet_access reject EACCES "invalid bpf_context access"
SEC("socket")
int socket_filter_direct_packet_access(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	if (data + 1 > data_end)
		return 0;
	return *(unsigned char *)data;
}
