// SPDX-License-Identifier: MIT
/* katran_lb/encap.h: wrapping a packet for its real, and unwrapping packets
 * tunnelled to the balancer itself.
 *
 * Outer headers go between the Ethernet header and the packet: the frame
 * grows at its head (bpf_xdp_adjust_head with a negative delta), the new
 * Ethernet header is written at the new start, addressed from our MAC (the
 * old destination) to the next hop from the control array.
 *
 *   IPv4 real: IPv4 (protocol IPIP, or IPv6 for an IPv6 packet) + packet
 *   IPv6 real: IPv6 (next header IPIP or IPv6) + packet
 *   with CTL_F_GUE_ENCAP: the same outer header + UDP to GUE_DPORT + packet
 *
 * Outer sources are not fixed addresses: they mix the client's address and
 * port into a prefix, so the network's ECMP hashing spreads a VIP's flows.
 * Every pointer into the packet is invalid after bpf_xdp_adjust_head and is
 * derived again from ctx.
 */
#ifndef KATRAN_LB_ENCAP_H
#define KATRAN_LB_ENCAP_H

#include <stdbool.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "consts.h"
#include "structs.h"
#include "maps.h"
#include "csum.h"

#define DEFAULT_V4_SRC_PREFIX 0xac100000	/* 172.16.0.0/16 */

/* The client's port mixed with the low 16 bits of its address (host order). */
static __always_inline __u16 client_mix16(const struct packet_description *pckt)
{
	__be32 last = pckt->is_ipv6 ? pckt->flow.srcv6[3] : pckt->flow.src;

	return bpf_ntohs(pckt->flow.port16[0]) ^ (bpf_ntohl(last) & 0xffff);
}

static __always_inline __be32 encap_v4_src(const struct packet_description *pckt)
{
	__u32 pos = CTL_V4_SRC_POS;
	struct ctl_value *v = bpf_map_lookup_elem(&ctl_array, &pos);
	__u32 prefix = DEFAULT_V4_SRC_PREFIX;

	if (v && v->value)
		prefix = (__u32)v->value;
	return bpf_htonl((prefix & 0xffff0000) | client_mix16(pckt));
}

static __always_inline void encap_v6_src(const struct packet_description *pckt, __be32 *src)
{
	__be32 last = pckt->is_ipv6 ? pckt->flow.srcv6[3] : pckt->flow.src;

	src[0] = bpf_htonl(IPV6_SRC_PREFIX0);
	src[1] = 0;
	src[2] = 0;
	src[3] = bpf_htonl(bpf_ntohl(last) ^ bpf_ntohs(pckt->flow.port16[0]));
}

static __always_inline __be16 gue_sport(const struct packet_description *pckt)
{
	return bpf_htons(GUE_SPORT_BASE | (client_mix16(pckt) & 0x3fff));
}

/*
 * Grows the frame by `outer` bytes and writes the new Ethernet header.
 * Returns false when the kernel cannot grow it.
 */
static __always_inline bool push_outer_eth(struct xdp_md *ctx, __u32 outer, __be16 proto, const __u8 *next_hop)
{
	if (bpf_xdp_adjust_head(ctx, 0 - (int)outer))
		return false;

	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct ethhdr *old_eth = data + outer;

	/* Both checks: the compiler may derive the two pointers differently. */
	if ((void *)(eth + 1) > data_end || (void *)(old_eth + 1) > data_end)
		return false;
	__builtin_memcpy(eth->h_source, old_eth->h_dest, ETH_ALEN);
	__builtin_memcpy(eth->h_dest, next_hop, ETH_ALEN);
	eth->h_proto = proto;
	return true;
}

static __always_inline void fill_ipv4(struct iphdr *iph, __u8 tos, __u16 tot_len, __u8 proto, __be32 saddr, __be32 daddr)
{
	iph->version = 4;
	iph->ihl = 5;
	iph->tos = tos;
	iph->tot_len = bpf_htons(tot_len);
	iph->id = 0;
	iph->frag_off = 0;
	iph->ttl = DEFAULT_TTL;
	iph->protocol = proto;
	iph->saddr = saddr;
	iph->daddr = daddr;
	iph->check = 0;
	iph->check = ipv4_header_csum(iph);
}

static __always_inline void fill_ipv6(struct ipv6hdr *ip6, __u8 tos, __u16 payload_len, __u8 nexthdr,
				      const __be32 *saddr, const __be32 *daddr)
{
	ip6->version = 6;
	ip6->priority = tos >> 4;
	ip6->flow_lbl[0] = (tos & 0x0f) << 4;
	ip6->flow_lbl[1] = 0;
	ip6->flow_lbl[2] = 0;
	ip6->payload_len = bpf_htons(payload_len);
	ip6->nexthdr = nexthdr;
	ip6->hop_limit = DEFAULT_TTL;
	__builtin_memcpy(&ip6->saddr, saddr, 16);
	__builtin_memcpy(&ip6->daddr, daddr, 16);
}

static __always_inline void fill_gue_udp(struct udphdr *uh, __be16 sport, __u16 inner_len)
{
	uh->source = sport;
	uh->dest = bpf_htons(GUE_DPORT);
	uh->len = bpf_htons(inner_len + sizeof(struct udphdr));
	/* Zero: no checksum over IPv4, and over IPv6 allowed for tunnels (RFC 6935). */
	uh->check = 0;
}

static __always_inline __u8 inner_ip_proto(const struct packet_description *pckt)
{
	return pckt->is_ipv6 ? IPPROTO_IPV6 : IPPROTO_IPIP;
}

/* IPv4 real: IP-in-IP (or GUE over IPv4). */
static __always_inline bool encap_v4(struct xdp_md *ctx, const struct packet_description *pckt,
				     const struct real_definition *real, const __u8 *next_hop, bool gue)
{
	__u32 outer = sizeof(struct iphdr) + (gue ? sizeof(struct udphdr) : 0);
	__u16 inner_len = pckt->pkt_bytes;
	__be32 saddr = encap_v4_src(pckt);
	__be32 daddr = real->dst;
	__be16 sport = gue_sport(pckt);
	__u8 tos = pckt->tos;
	__u8 proto = gue ? IPPROTO_UDP : inner_ip_proto(pckt);

	if (!push_outer_eth(ctx, outer, bpf_htons(ETH_P_IP), next_hop))
		return false;

	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct iphdr *iph = data + sizeof(struct ethhdr);
	struct udphdr *uh = (void *)(iph + 1);

	if ((void *)(uh + 1) > data_end)
		return false;
	fill_ipv4(iph, tos, inner_len + outer, proto, saddr, daddr);
	if (gue)
		fill_gue_udp(uh, sport, inner_len);
	return true;
}

/* IPv6 real: IPv6-in-IPv6 or IPv4-in-IPv6 (or GUE over IPv6). */
static __always_inline bool encap_v6(struct xdp_md *ctx, const struct packet_description *pckt,
				     const struct real_definition *real, const __u8 *next_hop, bool gue)
{
	__u32 outer = sizeof(struct ipv6hdr) + (gue ? sizeof(struct udphdr) : 0);
	__u16 inner_len = pckt->pkt_bytes;
	__be32 saddr[4], daddr[4];
	__be16 sport = gue_sport(pckt);
	__u8 tos = pckt->tos;
	__u8 nexthdr = gue ? IPPROTO_UDP : inner_ip_proto(pckt);

	encap_v6_src(pckt, saddr);
	__builtin_memcpy(daddr, real->dstv6, sizeof(daddr));
	if (!push_outer_eth(ctx, outer, bpf_htons(ETH_P_IPV6), next_hop))
		return false;

	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ipv6hdr *ip6 = data + sizeof(struct ethhdr);
	struct udphdr *uh = (void *)(ip6 + 1);

	if ((void *)(uh + 1) > data_end)
		return false;
	fill_ipv6(ip6, tos, inner_len + (gue ? sizeof(struct udphdr) : 0), nexthdr, saddr, daddr);
	if (gue)
		fill_gue_udp(uh, sport, inner_len);
	return true;
}

/* ---- decapsulation ---- */

/*
 * Removes `outer` bytes after the Ethernet header (the outer IP header, and
 * the UDP header of GUE), moving the Ethernet header up and giving it the
 * inner packet's EtherType.
 */
static __always_inline int decap(struct xdp_md *ctx, __u32 outer, __be16 inner_proto)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *old_eth = data;
	struct ethhdr *new_eth = data + outer;

	if ((void *)(new_eth + 1) > data_end)
		return XDP_DROP;
	__builtin_memcpy(new_eth->h_source, old_eth->h_source, ETH_ALEN);
	__builtin_memcpy(new_eth->h_dest, old_eth->h_dest, ETH_ALEN);
	new_eth->h_proto = inner_proto;
	if (bpf_xdp_adjust_head(ctx, (int)outer))
		return XDP_DROP;
	return XDP_PASS;
}

/* The EtherType of the packet at off, from its version nibble; 0 if neither. */
static __always_inline __be16 inner_eth_proto(void *data, void *data_end, __u32 off)
{
	__u8 *first = data + off;

	if ((void *)(first + 1) > data_end)
		return 0;
	if ((*first >> 4) == 4)
		return bpf_htons(ETH_P_IP);
	if ((*first >> 4) == 6)
		return bpf_htons(ETH_P_IPV6);
	return 0;
}

static __always_inline bool is_decap_dst_v4(__be32 addr)
{
	struct address key = {};

	key.addr = addr;
	return bpf_map_lookup_elem(&decap_dst, &key) != NULL;
}

static __always_inline bool is_decap_dst_v6(const struct in6_addr *addr)
{
	struct address key;

	__builtin_memcpy(key.addrv6, addr, sizeof(key.addrv6));
	return bpf_map_lookup_elem(&decap_dst, &key) != NULL;
}

#endif
