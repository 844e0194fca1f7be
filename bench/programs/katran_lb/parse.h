// SPDX-License-Identifier: MIT
/* katran_lb/parse.h: reading a frame into a packet_description.
 *
 * The parse functions return PARSE_CONTINUE when the packet is to be
 * balanced, or an XDP verdict when it is not (malformed: XDP_DROP; not ours:
 * XDP_PASS; an echo request answered in place: XDP_TX). Offsets count from
 * the start of the frame and every header is bounds-checked against
 * data_end before it is read. Offsets are passed on in registers: one read
 * back from the packet_description (a 16-bit field) may be up to 0xffff,
 * and the verifier grants no range to a packet pointer that far out.
 *
 * ICMP and ICMPv6 errors ("destination unreachable", "fragmentation needed",
 * "packet too big") quote the header of a packet the VIP sent to a client.
 * That header is read reversed (its destination is the client), so the error
 * hashes, and finds its connection entry, like the client's own packets.
 */
#ifndef KATRAN_LB_PARSE_H
#define KATRAN_LB_PARSE_H

#include <stdbool.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <bpf/bpf_endian.h>
#include "consts.h"
#include "structs.h"
#include "csum.h"
#include "stats.h"

#define PARSE_CONTINUE (-1)

/* The 8 bytes every ICMP and ICMPv6 message starts with. */
#define ICMP_HDR_LEN 8

static __always_inline void swap_eth_addrs(struct ethhdr *eth)
{
	__u8 tmp[ETH_ALEN];

	__builtin_memcpy(tmp, eth->h_source, ETH_ALEN);
	__builtin_memcpy(eth->h_source, eth->h_dest, ETH_ALEN);
	__builtin_memcpy(eth->h_dest, tmp, ETH_ALEN);
}

static __always_inline bool echo_replies_enabled(void)
{
	__u32 pos = CTL_FLAGS_POS;
	struct ctl_value *flags = bpf_map_lookup_elem(&ctl_array, &pos);

	return !flags || !(flags->value & CTL_F_NO_ICMP_ECHO);
}

/* ---- transport headers ---- */

/*
 * The ports of the TCP or UDP header at `off`, and for TCP whether it opens a
 * connection. `quoted` means the header is inside an ICMP error: only its
 * first 8 bytes are there, and its ports are stored swapped.
 */
static __always_inline int parse_ports(void *data, void *data_end, __u32 off, struct packet_description *pckt, bool quoted)
{
	if (quoted) {
		struct udphdr *uh = data + off;	/* TCP and UDP start with the two ports */

		if ((void *)(uh + 1) > data_end)
			return XDP_DROP;
		pckt->flow.port16[0] = uh->dest;
		pckt->flow.port16[1] = uh->source;
		return PARSE_CONTINUE;
	}
	if (pckt->flow.proto == IPPROTO_TCP) {
		struct tcphdr *th = data + off;

		if ((void *)(th + 1) > data_end)
			return XDP_DROP;
		pckt->flow.port16[0] = th->source;
		pckt->flow.port16[1] = th->dest;
		if (th->syn && !th->ack)
			pckt->flags |= F_SYN_SET;
		return PARSE_CONTINUE;
	}
	if (pckt->flow.proto == IPPROTO_UDP) {
		struct udphdr *uh = data + off;

		if ((void *)(uh + 1) > data_end)
			return XDP_DROP;
		pckt->flow.port16[0] = uh->source;
		pckt->flow.port16[1] = uh->dest;
		return PARSE_CONTINUE;
	}
	return XDP_PASS;
}

/* ---- ICMP (IPv4) ---- */

/* An echo request: answered from here, addresses swapped, type changed. */
static __always_inline int icmp4_echo_reply(void *data, void *data_end, __u32 l4_off)
{
	struct ethhdr *eth = data;
	struct iphdr *iph = data + sizeof(struct ethhdr);
	struct icmphdr *ih = data + l4_off;
	__be32 tmp;

	if ((void *)(ih + 1) > data_end || (void *)(iph + 1) > data_end)
		return XDP_DROP;
	tmp = iph->saddr;
	iph->saddr = iph->daddr;
	iph->daddr = tmp;
	iph->ttl = DEFAULT_TTL;
	iph->check = 0;
	iph->check = ipv4_header_csum(iph);
	ih->type = ICMP4_ECHO_REPLY;
	ih->checksum = csum_replace2(ih->checksum, bpf_htons(ICMP4_ECHO << 8), bpf_htons(ICMP4_ECHO_REPLY << 8));
	swap_eth_addrs(eth);
	stats_v1(STATS_ECHO);
	return XDP_TX;
}

/* The flow an ICMP error quotes, read reversed into pckt->flow. */
static __always_inline int icmp4_quoted_flow(void *data, void *data_end, __u32 off, struct packet_description *pckt)
{
	struct iphdr *inner = data + off;

	if ((void *)(inner + 1) > data_end)
		return XDP_DROP;
	if (inner->ihl != 5)
		return XDP_DROP;
	pckt->flow.proto = inner->protocol;
	pckt->flow.src = inner->daddr;
	pckt->flow.dst = inner->saddr;
	if (pckt->flow.proto != IPPROTO_TCP && pckt->flow.proto != IPPROTO_UDP)
		return XDP_PASS;
	return parse_ports(data, data_end, off + sizeof(struct iphdr), pckt, true);
}

static __always_inline int parse_icmp4(void *data, void *data_end, __u32 off, struct packet_description *pckt)
{
	struct icmphdr *ih = data + off;

	if ((void *)(ih + 1) > data_end)
		return XDP_DROP;
	if (ih->type == ICMP4_ECHO) {
		if (!echo_replies_enabled())
			return XDP_PASS;
		return icmp4_echo_reply(data, data_end, off);
	}
	if (ih->type != ICMP4_DEST_UNREACH)
		return XDP_PASS;
	if (ih->code == ICMP4_FRAG_NEEDED)
		stats_v1(STATS_ICMP_TOOBIG);
	pckt->flags |= F_ICMP;
	stats_v1(STATS_ICMP);
	return icmp4_quoted_flow(data, data_end, off + ICMP_HDR_LEN, pckt);
}

/* ---- ICMPv6 ---- */

static __always_inline int icmp6_echo_reply(void *data, void *data_end, __u32 l4_off)
{
	struct ethhdr *eth = data;
	struct ipv6hdr *ip6 = data + sizeof(struct ethhdr);
	struct icmp6hdr *ih = data + l4_off;
	struct in6_addr tmp;

	if ((void *)(ih + 1) > data_end || (void *)(ip6 + 1) > data_end)
		return XDP_DROP;
	/* Swapping the addresses leaves the pseudo-header's sum as it was. */
	__builtin_memcpy(&tmp, &ip6->saddr, sizeof(tmp));
	__builtin_memcpy(&ip6->saddr, &ip6->daddr, sizeof(tmp));
	__builtin_memcpy(&ip6->daddr, &tmp, sizeof(tmp));
	ip6->hop_limit = DEFAULT_TTL;
	ih->icmp6_type = ICMP6_ECHO_REPLY;
	ih->icmp6_cksum = csum_replace2(ih->icmp6_cksum, bpf_htons(ICMP6_ECHO_REQUEST << 8),
					bpf_htons(ICMP6_ECHO_REPLY << 8));
	swap_eth_addrs(eth);
	stats_v1(STATS_ECHO);
	return XDP_TX;
}

static __always_inline int icmp6_quoted_flow(void *data, void *data_end, __u32 off, struct packet_description *pckt)
{
	struct ipv6hdr *inner = data + off;

	if ((void *)(inner + 1) > data_end)
		return XDP_DROP;
	pckt->flow.proto = inner->nexthdr;
	__builtin_memcpy(pckt->flow.srcv6, &inner->daddr, sizeof(pckt->flow.srcv6));
	__builtin_memcpy(pckt->flow.dstv6, &inner->saddr, sizeof(pckt->flow.dstv6));
	if (pckt->flow.proto != IPPROTO_TCP && pckt->flow.proto != IPPROTO_UDP)
		return XDP_PASS;
	return parse_ports(data, data_end, off + sizeof(struct ipv6hdr), pckt, true);
}

static __always_inline int parse_icmp6(void *data, void *data_end, __u32 off, struct packet_description *pckt)
{
	struct icmp6hdr *ih = data + off;

	if ((void *)(ih + 1) > data_end)
		return XDP_DROP;
	if (ih->icmp6_type == ICMP6_ECHO_REQUEST) {
		if (!echo_replies_enabled())
			return XDP_PASS;
		return icmp6_echo_reply(data, data_end, off);
	}
	if (ih->icmp6_type != ICMP6_PKT_TOOBIG && ih->icmp6_type != ICMP6_DEST_UNREACH)
		return XDP_PASS;
	if (ih->icmp6_type == ICMP6_PKT_TOOBIG)
		stats_v2(STATS_ICMP_TOOBIG);
	pckt->flags |= F_ICMP;
	stats_v2(STATS_ICMP);
	return icmp6_quoted_flow(data, data_end, off + ICMP_HDR_LEN, pckt);
}

/* ---- IPv4 ---- */

static __always_inline int parse_ipv4(void *data, void *data_end, struct packet_description *pckt)
{
	struct iphdr *iph = data + sizeof(struct ethhdr);

	if ((void *)(iph + 1) > data_end)
		return XDP_DROP;
	/* Options would move the transport header; real traffic to a VIP has none. */
	if (iph->ihl != 5)
		return XDP_DROP;
	if (iph->frag_off & bpf_htons(PCKT_FRAGMENTED))
		return XDP_DROP;
	pckt->is_ipv6 = 0;
	pckt->tos = iph->tos;
	pckt->dont_fragment = (iph->frag_off & bpf_htons(PCKT_DONT_FRAGMENT)) != 0;
	pckt->pkt_bytes = bpf_ntohs(iph->tot_len);
	pckt->flow.proto = iph->protocol;
	pckt->flow.src = iph->saddr;
	pckt->flow.dst = iph->daddr;
	pckt->l4_off = sizeof(struct ethhdr) + sizeof(struct iphdr);
	if (iph->protocol == IPPROTO_ICMP)
		return parse_icmp4(data, data_end, sizeof(struct ethhdr) + sizeof(struct iphdr), pckt);
	return parse_ports(data, data_end, sizeof(struct ethhdr) + sizeof(struct iphdr), pckt, false);
}

/* ---- IPv6 ---- */

/*
 * Walks up to MAX_IPV6_EXT_HEADERS extension headers after the fixed header.
 * Returns the protocol of the header that follows them and sets *off to it;
 * a fragment header, or more extension headers than we walk, gives -1.
 */
static __always_inline int skip_ipv6_ext_headers(void *data, void *data_end, __u8 first, __u32 *off)
{
	__u8 next = first;
	__u32 at = *off;

#pragma unroll
	for (int i = 0; i < MAX_IPV6_EXT_HEADERS; i++) {
		struct ipv6_opt_hdr *opt;

		if (next == NEXTHDR_FRAGMENT)
			return -1;
		if (next != NEXTHDR_HOP && next != NEXTHDR_ROUTING && next != NEXTHDR_DEST) {
			*off = at;
			return next;
		}
		opt = data + at;
		if ((void *)(opt + 1) > data_end)
			return -1;
		next = opt->nexthdr;
		at += ((__u32)opt->hdrlen + 1) * 8;
	}
	if (next == NEXTHDR_FRAGMENT || next == NEXTHDR_HOP || next == NEXTHDR_ROUTING || next == NEXTHDR_DEST)
		return -1;
	*off = at;
	return next;
}

static __always_inline int parse_ipv6(void *data, void *data_end, struct packet_description *pckt)
{
	struct ipv6hdr *ip6 = data + sizeof(struct ethhdr);
	__u32 off = sizeof(struct ethhdr) + sizeof(struct ipv6hdr);
	int proto;

	if ((void *)(ip6 + 1) > data_end)
		return XDP_DROP;
	pckt->is_ipv6 = 1;
	pckt->tos = (ip6->priority << 4) | (ip6->flow_lbl[0] >> 4);
	pckt->pkt_bytes = bpf_ntohs(ip6->payload_len) + sizeof(struct ipv6hdr);
	__builtin_memcpy(pckt->flow.srcv6, &ip6->saddr, sizeof(pckt->flow.srcv6));
	__builtin_memcpy(pckt->flow.dstv6, &ip6->daddr, sizeof(pckt->flow.dstv6));
	proto = skip_ipv6_ext_headers(data, data_end, ip6->nexthdr, &off);
	if (proto < 0)
		return XDP_DROP;
	pckt->flow.proto = proto;
	pckt->l4_off = off;
	if (proto == IPPROTO_ICMPV6)
		return parse_icmp6(data, data_end, off, pckt);
	return parse_ports(data, data_end, off, pckt, false);
}

#endif
