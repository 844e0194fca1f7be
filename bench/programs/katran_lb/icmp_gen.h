// SPDX-License-Identifier: MIT
/* katran_lb/icmp_gen.h: answering a packet too big to tunnel with an ICMP
 * "fragmentation needed" (IPv4, when the packet forbids fragments) or an
 * ICMPv6 "packet too big", so the client lowers its path MTU.
 *
 * The frame is turned into the answer in place: its tail is cut so that
 * only the quoted part (the IP header and 8 bytes after it) remains, its
 * head grows by a new IP header and an ICMP header, and the Ethernet
 * addresses are swapped. The message's checksum is summed over a fixed
 * number of bytes, so the loops have constant trip counts.
 */
#ifndef KATRAN_LB_ICMP_GEN_H
#define KATRAN_LB_ICMP_GEN_H

#include <stdbool.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "consts.h"
#include "structs.h"
#include "csum.h"
#include "stats.h"

#define ICMP_QUOTED_L4		8	/* bytes of the transport header quoted after the IP header */
#define ICMP4_QUOTED_LEN	(IPV4_HDR_LEN_NO_OPT + ICMP_QUOTED_L4)
#define ICMP6_QUOTED_LEN	(IPV6_HDR_LEN + ICMP_QUOTED_L4)

/* The sum of n 16-bit words from p (n a constant). */
static __always_inline __u32 csum_words(const __u16 *p, int n, __u32 sum)
{
#pragma unroll
	for (int i = 0; i < n; i++)
		sum += p[i];
	return sum;
}

/* Cuts the frame after `keep` bytes; false when the kernel refuses. */
static __always_inline bool truncate_frame(struct xdp_md *ctx, __u32 keep)
{
	__u32 len = ctx->data_end - ctx->data;

	if (len <= keep)
		return true;
	return bpf_xdp_adjust_tail(ctx, 0 - (int)(len - keep)) == 0;
}

/*
 * Keeps the Ethernet header and `quoted` bytes after it, grows the head by
 * `outer` bytes and writes the Ethernet header of the answer there (back to
 * where the packet came from). False when the kernel refuses, or when the
 * frame is too short to quote.
 */
static __always_inline bool make_icmp_frame(struct xdp_md *ctx, __u32 quoted, __u32 outer, __be16 proto)
{
	if (!truncate_frame(ctx, sizeof(struct ethhdr) + quoted))
		return false;
	if (bpf_xdp_adjust_head(ctx, 0 - (int)outer))
		return false;

	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct ethhdr *old_eth = data + outer;

	if ((void *)(eth + 1) > data_end || (void *)(old_eth + 1) > data_end)
		return false;
	__builtin_memcpy(eth->h_dest, old_eth->h_source, ETH_ALEN);
	__builtin_memcpy(eth->h_source, old_eth->h_dest, ETH_ALEN);
	eth->h_proto = proto;
	return true;
}

static __always_inline int send_icmp4_too_big(struct xdp_md *ctx, __u16 mtu)
{
	if (!make_icmp_frame(ctx, ICMP4_QUOTED_LEN, sizeof(struct iphdr) + sizeof(struct icmphdr), bpf_htons(ETH_P_IP)))
		return XDP_DROP;

	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct iphdr *iph = data + sizeof(struct ethhdr);
	struct icmphdr *ih = (void *)(iph + 1);
	struct iphdr *quoted = (void *)(ih + 1);

	if ((void *)quoted + ICMP4_QUOTED_LEN > data_end)
		return XDP_DROP;

	ih->type = ICMP4_DEST_UNREACH;
	ih->code = ICMP4_FRAG_NEEDED;
	ih->checksum = 0;
	ih->un.frag.__unused = 0;
	ih->un.frag.mtu = bpf_htons(mtu);
	ih->checksum = csum_fold32(csum_words((__u16 *)ih, (sizeof(*ih) + ICMP4_QUOTED_LEN) / 2, 0));

	/* From the VIP the packet was sent to, back to its source. */
	iph->version = 4;
	iph->ihl = 5;
	iph->tos = 0;
	iph->tot_len = bpf_htons(sizeof(*iph) + sizeof(*ih) + ICMP4_QUOTED_LEN);
	iph->id = 0;
	iph->frag_off = 0;
	iph->ttl = DEFAULT_TTL;
	iph->protocol = IPPROTO_ICMP;
	iph->saddr = quoted->daddr;
	iph->daddr = quoted->saddr;
	iph->check = 0;
	iph->check = ipv4_header_csum(iph);
	stats_v1(STATS_ICMP_TOOBIG_SENT);
	return XDP_TX;
}

static __always_inline int send_icmp6_too_big(struct xdp_md *ctx, __u32 mtu)
{
	__u32 sum;

	if (!make_icmp_frame(ctx, ICMP6_QUOTED_LEN, sizeof(struct ipv6hdr) + sizeof(struct icmp6hdr), bpf_htons(ETH_P_IPV6)))
		return XDP_DROP;

	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ipv6hdr *ip6 = data + sizeof(struct ethhdr);
	struct icmp6hdr *ih = (void *)(ip6 + 1);
	struct ipv6hdr *quoted = (void *)(ih + 1);

	if ((void *)quoted + ICMP6_QUOTED_LEN > data_end)
		return XDP_DROP;

	ip6->version = 6;
	ip6->priority = 0;
	ip6->flow_lbl[0] = 0;
	ip6->flow_lbl[1] = 0;
	ip6->flow_lbl[2] = 0;
	ip6->payload_len = bpf_htons(sizeof(*ih) + ICMP6_QUOTED_LEN);
	ip6->nexthdr = IPPROTO_ICMPV6;
	ip6->hop_limit = DEFAULT_TTL;
	__builtin_memcpy(&ip6->saddr, &quoted->daddr, sizeof(struct in6_addr));
	__builtin_memcpy(&ip6->daddr, &quoted->saddr, sizeof(struct in6_addr));

	ih->icmp6_type = ICMP6_PKT_TOOBIG;
	ih->icmp6_code = 0;
	ih->icmp6_cksum = 0;
	ih->icmp6_dataun.un_data32[0] = bpf_htonl(mtu);
	/* The pseudo-header: both addresses, the length and the next header. */
	sum = csum_words((__u16 *)&ip6->saddr, 16, 0);
	sum += bpf_htons(sizeof(*ih) + ICMP6_QUOTED_LEN);
	sum += bpf_htons(IPPROTO_ICMPV6);
	sum = csum_words((__u16 *)ih, (sizeof(*ih) + ICMP6_QUOTED_LEN) / 2, sum);
	ih->icmp6_cksum = csum_fold32(sum);
	stats_v2(STATS_ICMP_TOOBIG_SENT);
	return XDP_TX;
}

/*
 * Whether the packet is too big to tunnel: the control array's MTU less the
 * outer headers. Returns a verdict when the answer was sent, -1 otherwise.
 */
static __always_inline int check_too_big(struct xdp_md *ctx, const struct packet_description *pckt, __u32 outer_bytes)
{
	__u32 pos = CTL_MTU_POS;
	struct ctl_value *v = bpf_map_lookup_elem(&ctl_array, &pos);
	__u32 mtu;

	if (!v || v->value == 0 || (pckt->flags & F_ICMP))
		return -1;
	mtu = (__u32)v->value;
	if (mtu <= outer_bytes || pckt->pkt_bytes + outer_bytes <= mtu)
		return -1;
	if (pckt->is_ipv6)
		return send_icmp6_too_big(ctx, mtu - outer_bytes);
	if (!pckt->dont_fragment)
		return -1;
	return send_icmp4_too_big(ctx, mtu - outer_bytes);
}

#endif
