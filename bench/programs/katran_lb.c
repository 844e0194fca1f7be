// SPDX-License-Identifier: MIT
/* katran_lb: a bench program, an XDP layer-4 balancer in the shape of a
 * production one, with its headers in katran_lb/ (one file per concern).
 *
 * A packet to a VIP (address, port, protocol) is tunnelled to one of the
 * VIP's real servers, which answer the client directly. How the real is
 * chosen, in order:
 *   1. a VIP with F_SRC_ROUTING: the longest prefix of the client's address
 *      in lpm_src_v4/lpm_src_v6;
 *   2. UDP to port 443 of a VIP with F_QUIC_VIP: the server id that the
 *      packet's QUIC connection id carries (server_id_map); TCP to a VIP
 *      with F_TCP_SERVER_ID: the server id in a TCP option;
 *   3. the connection table: this CPU's LRU from lru_mapping, or the global
 *      fallback_cache when the CPU has none (not for a TCP SYN, which always
 *      starts a new connection, nor for F_LRU_BYPASS VIPs);
 *   4. the VIP's row of the consistent-hash ring ch_rings, at the flow's
 *      hash; the choice is then remembered in the connection table.
 * The packet is wrapped in an outer IPv4 or IPv6 header (IP-in-IP, or GUE
 * when the control array asks for it) and sent back out (XDP_TX), or
 * redirected when the control array names an interface. A packet that would
 * be too big with its outer header is answered with an ICMP "fragmentation
 * needed" or ICMPv6 "packet too big" instead, when the control array gives
 * an MTU.
 *
 * ICMP errors about a VIP's flow are balanced like the flow they quote;
 * echo requests are answered. Packets tunnelled to one of the balancer's own
 * addresses (decap_dst) are unwrapped and passed to the stack. Fragments and
 * IPv4 options are dropped; other traffic is passed.
 *
 * xdp_root is the program attached to the interface: it tail-calls the
 * programs of root_array in order (the balancer among them), and passes the
 * packet if none is installed.
 *
 * A default VIP lives in .data (a loader may rewrite it before loading), so
 * a run with empty maps still takes the balancing path.
 */
#include <stdbool.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#include "katran_lb/consts.h"
#include "katran_lb/structs.h"
#include "katran_lb/maps.h"
#include "katran_lb/stats.h"
#include "katran_lb/jhash.h"
#include "katran_lb/csum.h"
#include "katran_lb/parse.h"
#include "katran_lb/quic.h"
#include "katran_lb/encap.h"
#include "katran_lb/tcp_opt.h"
#include "katran_lb/icmp_gen.h"

/* 10.0.0.2:80/TCP, VIP number 0, used when vip_map has no entry for a packet. */
struct vip_definition default_vip = {
	.vip = 0x0200000a,
	.port = 0x5000,
	.proto = IPPROTO_TCP,
};
struct vip_meta default_vip_meta = { .flags = 0, .vip_num = 0 };

/* ---- hashing ---- */

/*
 * The flow's hash: the client's address (IPv6: hashed down to one word
 * first) and both ports. F_HASH_NO_SRC_PORT leaves the client's port out,
 * F_HASH_DPORT_ONLY the client altogether.
 */
static __always_inline __u32 flow_hash(const struct packet_description *pckt, __u32 vip_flags)
{
	__u32 ports = pckt->flow.ports;
	__u32 src;

	if (vip_flags & (F_HASH_NO_SRC_PORT | F_HASH_DPORT_ONLY)) {
		union {
			__u32 ports;
			__be16 port16[2];
		} p = { .ports = ports };

		p.port16[0] = 0;
		ports = p.ports;
	}
	if (vip_flags & F_HASH_DPORT_ONLY)
		src = 0;
	else if (pckt->is_ipv6)
		src = jhash_words(pckt->flow.srcv6, 4, HASH_SEED_V6);
	else
		src = pckt->flow.src;
	return jhash_2words(src, ports, HASH_SEED);
}

/* ---- the VIP ---- */

static __always_inline struct vip_meta *find_vip(const struct packet_description *pckt)
{
	struct vip_definition vip = {};
	struct vip_meta *meta;

	if (pckt->is_ipv6)
		__builtin_memcpy(vip.vipv6, pckt->flow.dstv6, sizeof(vip.vipv6));
	else
		vip.vip = pckt->flow.dst;
	vip.port = pckt->flow.port16[1];
	vip.proto = pckt->flow.proto;
	meta = bpf_map_lookup_elem(&vip_map, &vip);
	if (meta)
		return meta;
	/* A VIP for every port of the address. */
	vip.port = 0;
	meta = bpf_map_lookup_elem(&vip_map, &vip);
	if (meta)
		return meta;
	if (!pckt->is_ipv6 && pckt->flow.dst == default_vip.vip && pckt->flow.port16[1] == default_vip.port &&
	    pckt->flow.proto == default_vip.proto)
		return &default_vip_meta;
	return NULL;
}

/* ---- choosing the real ---- */

static __always_inline struct real_definition *real_by_index(__u32 index)
{
	return bpf_map_lookup_elem(&reals, &index);
}

/* Step 1: the client's source prefix. */
static __always_inline bool src_routing_lookup(struct packet_description *pckt)
{
	__u32 *pos;

	if (pckt->is_ipv6) {
		struct v6_lpm_key key = { .prefixlen = 128 };

		__builtin_memcpy(key.addr, pckt->flow.srcv6, sizeof(key.addr));
		pos = bpf_map_lookup_elem(&lpm_src_v6, &key);
	} else {
		struct v4_lpm_key key = { .prefixlen = 32, .addr = pckt->flow.src };

		pos = bpf_map_lookup_elem(&lpm_src_v4, &key);
	}
	if (!pos) {
		stats_v2(STATS_SRC_ROUTING);
		return false;
	}
	stats_v1(STATS_SRC_ROUTING);
	pckt->real_index = *pos;
	return true;
}

/* Step 2: the server id in a QUIC connection id. */
static __always_inline bool quic_lookup(void *data, void *data_end, struct packet_description *pckt)
{
	__u32 id = quic_server_id(data, data_end, pckt->l4_off);
	__u32 *pos;

	if (id == 0 || id >= MAX_QUIC_REALS) {
		stats_v2(STATS_QUIC);
		return false;
	}
	pos = bpf_map_lookup_elem(&server_id_map, &id);
	if (!pos || *pos == 0) {
		stats_v2(STATS_QUIC);
		return false;
	}
	stats_v1(STATS_QUIC);
	pckt->real_index = *pos;
	pckt->flags |= F_QUIC_ROUTED;
	return true;
}

/* Step 2, TCP: the server id option of a segment after the handshake. */
static __always_inline bool tcp_option_lookup(void *data, void *data_end, struct packet_description *pckt)
{
	__u32 id = tcp_server_id(data, data_end, pckt->l4_off);
	__u32 *pos;

	if (id == 0)
		return false;
	pos = id < MAX_QUIC_REALS ? bpf_map_lookup_elem(&server_id_map, &id) : NULL;
	if (!pos || *pos == 0) {
		stats_v2(STATS_TCP_SERVER_ID);
		return false;
	}
	stats_v1(STATS_TCP_SERVER_ID);
	pckt->real_index = *pos;
	return true;
}

/* This CPU's connection table, or the global one. */
static __always_inline void *connection_table(void)
{
	__u32 cpu = bpf_get_smp_processor_id();
	void *lru = bpf_map_lookup_elem(&lru_mapping, &cpu);

	if (lru)
		return lru;
	stats_v1(STATS_FALLBACK_LRU);
	return &fallback_cache;
}

/* Step 3: the connection table. UDP entries expire; TCP ones live until evicted. */
static __always_inline bool connection_table_lookup(void *lru, struct packet_description *pckt, __u64 now)
{
	struct real_pos_lru *entry = bpf_map_lookup_elem(lru, &pckt->flow);

	if (!entry) {
		stats_v1(STATS_LRU_MISS);
		return false;
	}
	if (pckt->flow.proto == IPPROTO_UDP) {
		if (now - entry->atime > LRU_UDP_TIMEOUT_NS) {
			stats_v2(STATS_LRU_MISS);
			return false;
		}
		entry->atime = now;
	}
	pckt->real_index = entry->pos;
	return true;
}

/* Step 4: the ring, then remember the choice. */
static __always_inline bool ring_lookup(void *lru, struct packet_description *pckt, const struct vip_meta *vip, __u64 now)
{
	__u32 hash = flow_hash(pckt, vip->flags);
	__u32 key, *pos;

	if (vip->vip_num >= MAX_VIPS)
		return false;
	key = vip->vip_num * RING_SIZE + hash % RING_SIZE;
	pos = bpf_map_lookup_elem(&ch_rings, &key);
	if (!pos)
		return false;
	pckt->real_index = *pos;
	stats_v1(STATS_LRU);
	/* ICMP errors and bypassing VIPs leave no entry. */
	if (!(vip->flags & F_LRU_BYPASS) && !(pckt->flags & F_ICMP)) {
		struct real_pos_lru entry = { .pos = *pos, .atime = now };

		bpf_map_update_elem(lru, &pckt->flow, &entry, BPF_ANY);
	}
	return true;
}

/* Fills pckt->real_index for the VIP's flow; false when there is none. */
static __always_inline bool choose_real(void *data, void *data_end, struct packet_description *pckt,
					const struct vip_meta *vip)
{
	__u64 now;
	void *lru;

	if ((vip->flags & F_SRC_ROUTING) && src_routing_lookup(pckt))
		return true;
	if ((vip->flags & F_QUIC_VIP) && pckt->flow.proto == IPPROTO_UDP &&
	    pckt->flow.port16[1] == bpf_htons(QUIC_PORT) && !(pckt->flags & F_ICMP) &&
	    quic_lookup(data, data_end, pckt))
		return true;
	if ((vip->flags & F_TCP_SERVER_ID) && pckt->flow.proto == IPPROTO_TCP && !(pckt->flags & (F_SYN_SET | F_ICMP)) &&
	    tcp_option_lookup(data, data_end, pckt))
		return true;

	now = bpf_ktime_get_ns();
	lru = connection_table();
	if (!(pckt->flags & F_SYN_SET) && !(vip->flags & F_LRU_BYPASS)) {
		if (connection_table_lookup(lru, pckt, now))
			return true;
		if (pckt->flow.proto == IPPROTO_TCP)
			stats_v2(STATS_LRU);
	}
	return ring_lookup(lru, pckt, vip, now);
}

/* ---- sending ---- */

static __always_inline int send_to_real(struct xdp_md *ctx, struct packet_description *pckt)
{
	struct real_definition *real = real_by_index(pckt->real_index);
	__u32 mac_pos = CTL_MAC_POS, flags_pos = CTL_FLAGS_POS, ifindex_pos = CTL_IFINDEX_POS;
	struct ctl_value *mac = bpf_map_lookup_elem(&ctl_array, &mac_pos);
	struct ctl_value *flags = bpf_map_lookup_elem(&ctl_array, &flags_pos);
	struct ctl_value *ifindex = bpf_map_lookup_elem(&ctl_array, &ifindex_pos);
	bool gue, ok;
	__u32 outer_bytes;
	int verdict;

	if (!real || !mac || !flags || !ifindex)
		return XDP_DROP;
	gue = flags->value & CTL_F_GUE_ENCAP;
	outer_bytes = (real->flags & F_REAL_IPV6 ? sizeof(struct ipv6hdr) : sizeof(struct iphdr)) +
		      (gue ? sizeof(struct udphdr) : 0);
	verdict = check_too_big(ctx, pckt, outer_bytes);
	if (verdict >= 0)
		return verdict;
	real_stats_add(pckt->real_index, pckt->pkt_bytes);
	if (real->flags & F_REAL_IPV6)
		ok = encap_v6(ctx, pckt, real, mac->mac, gue);
	else
		ok = encap_v4(ctx, pckt, real, mac->mac, gue);
	if (!ok)
		return XDP_DROP;
	if (ifindex->ifindex)
		return bpf_redirect(ifindex->ifindex, 0);
	return XDP_TX;
}

/* ---- packets to the balancer itself ---- */

/* A tunnelled packet to one of our addresses: unwrapped and passed up; -1 if it is not one. */
static __always_inline int try_decap(struct xdp_md *ctx, void *data, void *data_end, __be16 h_proto)
{
	if (h_proto == bpf_htons(ETH_P_IP)) {
		struct iphdr *iph = data + sizeof(struct ethhdr);
		struct udphdr *uh = (void *)(iph + 1);

		if ((void *)(iph + 1) > data_end || iph->ihl != 5)
			return -1;
		if (iph->protocol == IPPROTO_IPIP || iph->protocol == IPPROTO_IPV6) {
			if (!is_decap_dst_v4(iph->daddr))
				return -1;
			stats_v1(STATS_DECAP);
			return decap(ctx, sizeof(struct iphdr),
				     iph->protocol == IPPROTO_IPIP ? bpf_htons(ETH_P_IP) : bpf_htons(ETH_P_IPV6));
		}
		if (iph->protocol != IPPROTO_UDP || (void *)(uh + 1) > data_end || uh->dest != bpf_htons(GUE_DPORT))
			return -1;
		if (!is_decap_dst_v4(iph->daddr))
			return -1;
		__be16 inner = inner_eth_proto(data, data_end, sizeof(struct ethhdr) + sizeof(*iph) + sizeof(*uh));

		if (!inner)
			return XDP_DROP;
		stats_v1(STATS_DECAP);
		return decap(ctx, sizeof(*iph) + sizeof(*uh), inner);
	}
	if (h_proto == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6 = data + sizeof(struct ethhdr);
		struct udphdr *uh = (void *)(ip6 + 1);

		if ((void *)(ip6 + 1) > data_end)
			return -1;
		if (ip6->nexthdr == IPPROTO_IPIP || ip6->nexthdr == IPPROTO_IPV6) {
			if (!is_decap_dst_v6(&ip6->daddr))
				return -1;
			stats_v2(STATS_DECAP);
			return decap(ctx, sizeof(struct ipv6hdr),
				     ip6->nexthdr == IPPROTO_IPIP ? bpf_htons(ETH_P_IP) : bpf_htons(ETH_P_IPV6));
		}
		if (ip6->nexthdr != IPPROTO_UDP || (void *)(uh + 1) > data_end || uh->dest != bpf_htons(GUE_DPORT))
			return -1;
		if (!is_decap_dst_v6(&ip6->daddr))
			return -1;
		__be16 inner = inner_eth_proto(data, data_end, sizeof(struct ethhdr) + sizeof(*ip6) + sizeof(*uh));

		if (!inner)
			return XDP_DROP;
		stats_v2(STATS_DECAP);
		return decap(ctx, sizeof(*ip6) + sizeof(*uh), inner);
	}
	return -1;
}

/* ---- the programs ---- */

static __always_inline int count_verdict(int verdict)
{
	if (verdict == XDP_DROP)
		stats_v1(STATS_DROP);
	else if (verdict == XDP_PASS)
		stats_v2(STATS_DROP);
	return verdict;
}

static __always_inline int process_packet(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct packet_description pckt = {};
	struct vip_meta *vip;
	int verdict;

	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;

	verdict = try_decap(ctx, data, data_end, eth->h_proto);
	if (verdict >= 0)
		return verdict;

	if (eth->h_proto == bpf_htons(ETH_P_IP))
		verdict = parse_ipv4(data, data_end, &pckt);
	else if (eth->h_proto == bpf_htons(ETH_P_IPV6))
		verdict = parse_ipv6(data, data_end, &pckt);
	else
		return XDP_PASS;
	if (verdict != PARSE_CONTINUE)
		return count_verdict(verdict);

	vip = find_vip(&pckt);
	if (!vip)
		return count_verdict(XDP_PASS);
	if (vip->flags & F_LOCAL_VIP)
		return count_verdict(XDP_PASS);
	if (vip->vip_num < MAX_VIPS)
		stats_add(vip->vip_num, 1, pckt.pkt_bytes);

	if (!choose_real(data, data_end, &pckt, vip))
		return count_verdict(XDP_DROP);
	return send_to_real(ctx, &pckt);
}

SEC("xdp")
int balancer_ingress(struct xdp_md *ctx)
{
	return process_packet(ctx);
}

SEC("xdp")
int xdp_root(struct xdp_md *ctx)
{
#pragma unroll
	for (__u32 i = 0; i < ROOT_ARRAY_SIZE; i++)
		bpf_tail_call(ctx, &root_array, i);
	return XDP_PASS;
}

char _license[] SEC("license") = "Dual MIT/GPL";
