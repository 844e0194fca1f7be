// SPDX-License-Identifier: GPL-2.0
/* l4lb: an XDP layer-4 load balancer.
 *
 * A packet whose destination (address, port, protocol) is a configured VIP is
 * sent to one of that VIP's real servers: the flow is hashed, the hash picks a
 * slot in the VIP's ring (ch_rings), the slot names a real (reals), and the
 * packet is wrapped in an outer IPv4 (IPIP / 6in4) or IPv6 (4in6 / 6in6)
 * header addressed to the real and bounced out of the same port (XDP_TX).
 *
 * ICMP "fragmentation needed" and ICMPv6 "packet too big" messages about a
 * VIP flow quote the packet the VIP sent to the client; they are hashed like
 * the client's own packets so that they reach the same real.
 *
 * Verdicts: XDP_TX for VIP traffic, XDP_PASS for everything else (non-IP,
 * unknown protocols, other ICMP, non-VIP destinations), XDP_DROP for packets
 * that are truncated or that this balancer does not handle (IPv4 options,
 * fragments).
 */
#include <stdbool.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define MAX_VIPS 16
#define RING_SIZE 16		/* ring slots per VIP */
#define MAX_REALS 64

#define IP_MF 0x2000		/* more fragments */
#define IP_OFFSET 0x1fff	/* fragment offset, in 8-byte units */

#define TUNNEL_TTL 64

/* vip_meta.flags */
#define F_HASH_NO_SRC_PORT (1U << 0)	/* UDP: hash without the source port */
/* real_def.flags */
#define F_REAL_IPV6 (1U << 0)		/* the real is reached over IPv6 */

/* Returned by the parsers when the packet should go on to the VIP lookup. */
#define CONTINUE_LB (-1)

struct vip {
	union {
		__be32 v4;
		__be32 v6[4];
	} daddr;
	__u16 dport;		/* network byte order; 0 matches any port */
	__u8 protocol;
};

struct vip_meta {
	__u32 flags;
	__u32 vip_num;		/* row in ch_rings and vip_stats */
};

struct real_def {
	union {
		__be32 v4;
		__be32 v6[4];
	} addr;
	__u32 flags;
};

struct lb_stats {
	__u64 packets;
	__u64 bytes;
};

/* The balancer's own settings, at key 0 of lb_config. */
struct lb_settings {
	__u8 gw_mac[ETH_ALEN];	/* next hop toward the reals */
	__u16 reserved;
	__be32 src_v4;		/* outer source of IPv4 tunnels */
	__be32 src_v6[4];	/* outer source of IPv6 tunnels */
};

/* What the hash sees: 40 bytes, zero where a field does not apply. */
struct flow_key {
	union {
		__be32 src;
		__be32 srcv6[4];
	};
	union {
		__be32 dst;
		__be32 dstv6[4];
	};
	union {
		__u32 ports;
		__be16 port16[2];	/* [0] source, [1] destination */
	};
	__u8 proto;
	__u8 pad[3];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MAX_VIPS);
	__type(key, struct vip);
	__type(value, struct vip_meta);
} vip_map SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, MAX_VIPS * RING_SIZE);
	__type(key, __u32);
	__type(value, __u32);	/* index into reals */
} ch_rings SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, MAX_REALS);
	__type(key, __u32);
	__type(value, struct real_def);
} reals SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, MAX_VIPS);
	__type(key, __u32);
	__type(value, struct lb_stats);
} vip_stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct lb_settings);
} lb_config SEC(".maps");

/* ---- flow hash: three 32-bit lanes, add-rotate-xor rounds ---- */

#define HASH_SEED 0x9e3779b9

static __always_inline __u32 rotl32(__u32 word, unsigned int shift)
{
	return (word << shift) | (word >> (32 - shift));
}

#define HASH_ROUND(a, b, c)				\
	do {						\
		a += b; c ^= a; c = rotl32(c, 16);	\
		b += c; a ^= b; a = rotl32(a, 12);	\
		c += a; b ^= c; b = rotl32(b, 8);	\
		a += b; c ^= a; c = rotl32(c, 7);	\
	} while (0)

/* Hashes `length` bytes (a multiple of 4) of `key`, 12 bytes per round. */
static __always_inline __u32 hash_words(const __u32 *key, __u32 length, __u32 initval)
{
	__u32 a, b, c;

	a = b = c = HASH_SEED + length + initval;
	while (length > 12) {
		a += key[0];
		b += key[1];
		c += key[2];
		HASH_ROUND(a, b, c);
		length -= 12;
		key += 3;
	}
	switch (length >> 2) {
	case 3:
		c += key[2];
		/* fall through */
	case 2:
		b += key[1];
		/* fall through */
	case 1:
		a += key[0];
		HASH_ROUND(a, b, c);
		HASH_ROUND(a, b, c);
		break;
	case 0:
		break;
	}
	return c ^ a;
}

/* ---- parsing ---- */

static __always_inline int parse_ports(void *l4, void *data_end, __u8 proto,
				       struct flow_key *flow)
{
	if (proto == IPPROTO_TCP) {
		struct tcphdr *th = l4;

		if ((void *)(th + 1) > data_end)
			return XDP_DROP;
		flow->port16[0] = th->source;
		flow->port16[1] = th->dest;
	} else {
		struct udphdr *uh = l4;

		if ((void *)(uh + 1) > data_end)
			return XDP_DROP;
		flow->port16[0] = uh->source;
		flow->port16[1] = uh->dest;
	}
	return CONTINUE_LB;
}

/* Sets the flow from the quoted ports, reversed: the quoted packet went from
 * the VIP (its source) to the client (its destination). */
static __always_inline int quoted_ports(void *l4, void *data_end, struct flow_key *flow)
{
	__be16 *ports = l4;

	if ((void *)(ports + 2) > data_end)
		return XDP_DROP;
	flow->port16[0] = ports[1];
	flow->port16[1] = ports[0];
	return CONTINUE_LB;
}

static __always_inline int parse_icmp(void *l4, void *data_end, struct flow_key *flow)
{
	struct icmphdr *icmp = l4;
	struct iphdr *inner;

	if ((void *)(icmp + 1) > data_end)
		return XDP_DROP;
	if (icmp->type != ICMP_DEST_UNREACH || icmp->code != ICMP_FRAG_NEEDED)
		return XDP_PASS;
	inner = (void *)(icmp + 1);
	if ((void *)(inner + 1) > data_end)
		return XDP_DROP;
	if (inner->ihl != 5)
		return XDP_DROP;
	flow->proto = inner->protocol;
	flow->src = inner->daddr;
	flow->dst = inner->saddr;
	return quoted_ports(inner + 1, data_end, flow);
}

static __always_inline int parse_icmpv6(void *l4, void *data_end, struct flow_key *flow)
{
	struct icmp6hdr *icmp6 = l4;
	struct ipv6hdr *inner;

	if ((void *)(icmp6 + 1) > data_end)
		return XDP_DROP;
	if (icmp6->icmp6_type != ICMPV6_PKT_TOOBIG)
		return XDP_PASS;
	inner = (void *)(icmp6 + 1);
	if ((void *)(inner + 1) > data_end)
		return XDP_DROP;
	flow->proto = inner->nexthdr;
	__builtin_memcpy(flow->srcv6, &inner->daddr, sizeof(flow->srcv6));
	__builtin_memcpy(flow->dstv6, &inner->saddr, sizeof(flow->dstv6));
	return quoted_ports(inner + 1, data_end, flow);
}

static __always_inline int parse_ipv4(void *data, void *data_end, struct flow_key *flow)
{
	struct iphdr *iph = data + sizeof(struct ethhdr);

	if ((void *)(iph + 1) > data_end)
		return XDP_DROP;
	if (iph->ihl != 5)
		return XDP_DROP;	/* options are not supported */
	if (iph->frag_off & bpf_htons(IP_MF | IP_OFFSET))
		return XDP_DROP;	/* nor are fragments */
	flow->proto = iph->protocol;
	flow->src = iph->saddr;
	flow->dst = iph->daddr;
	switch (iph->protocol) {
	case IPPROTO_ICMP:
		return parse_icmp(iph + 1, data_end, flow);
	case IPPROTO_TCP:
	case IPPROTO_UDP:
		return parse_ports(iph + 1, data_end, iph->protocol, flow);
	default:
		return XDP_PASS;
	}
}

static __always_inline int parse_ipv6(void *data, void *data_end, struct flow_key *flow)
{
	struct ipv6hdr *ip6h = data + sizeof(struct ethhdr);

	if ((void *)(ip6h + 1) > data_end)
		return XDP_DROP;
	flow->proto = ip6h->nexthdr;
	__builtin_memcpy(flow->srcv6, &ip6h->saddr, sizeof(flow->srcv6));
	__builtin_memcpy(flow->dstv6, &ip6h->daddr, sizeof(flow->dstv6));
	switch (ip6h->nexthdr) {
	case IPPROTO_ICMPV6:
		return parse_icmpv6(ip6h + 1, data_end, flow);
	case IPPROTO_TCP:
	case IPPROTO_UDP:
		return parse_ports(ip6h + 1, data_end, ip6h->nexthdr, flow);
	case IPPROTO_FRAGMENT:
		return XDP_DROP;
	default:
		return XDP_PASS;
	}
}

/* ---- encapsulation ---- */

/* The Internet checksum of a 20-byte IPv4 header whose check field is 0. */
static __always_inline __u16 ipv4_csum(const struct iphdr *iph)
{
	const __u16 *word = (const __u16 *)iph;
	__u32 sum = 0;
	int i;

	for (i = 0; i < (int)(sizeof(*iph) / 2); i++)
		sum += word[i];
	sum = (sum & 0xffff) + (sum >> 16);
	sum += sum >> 16;
	return ~sum;
}

/* Grows the head by `outer_bytes` and writes the new Ethernet header: the
 * old destination MAC (ours) becomes the source, the gateway the destination.
 * Returns the start of the packet, or NULL. */
static __always_inline void *push_outer(struct xdp_md *ctx, int outer_bytes,
					const struct lb_settings *cfg, __u16 eth_proto)
{
	void *data, *data_end;
	struct ethhdr *new_eth, *old_eth;

	if (bpf_xdp_adjust_head(ctx, -outer_bytes))
		return NULL;
	data = (void *)(long)ctx->data;
	data_end = (void *)(long)ctx->data_end;
	new_eth = data;
	old_eth = data + outer_bytes;
	if ((void *)(old_eth + 1) > data_end)
		return NULL;
	/* The old header is overwritten by the outer IP header: copy first. */
	__builtin_memcpy(new_eth->h_source, old_eth->h_dest, ETH_ALEN);
	__builtin_memcpy(new_eth->h_dest, cfg->gw_mac, ETH_ALEN);
	new_eth->h_proto = bpf_htons(eth_proto);
	return data;
}

static __always_inline bool encap_v4(struct xdp_md *ctx, const struct lb_settings *cfg,
				     const struct real_def *real, bool inner_v6, __u32 inner_bytes)
{
	void *data = push_outer(ctx, sizeof(struct iphdr), cfg, ETH_P_IP);
	void *data_end = (void *)(long)ctx->data_end;
	struct iphdr *iph;

	if (!data)
		return false;
	iph = data + sizeof(struct ethhdr);
	if ((void *)(iph + 1) > data_end)
		return false;
	iph->version = 4;
	iph->ihl = sizeof(*iph) >> 2;
	iph->tos = 0;
	iph->tot_len = bpf_htons(inner_bytes + sizeof(*iph));
	iph->id = 0;
	iph->frag_off = 0;
	iph->ttl = TUNNEL_TTL;
	iph->protocol = inner_v6 ? IPPROTO_IPV6 : IPPROTO_IPIP;
	iph->check = 0;
	iph->saddr = cfg->src_v4;
	iph->daddr = real->addr.v4;
	iph->check = ipv4_csum(iph);
	return true;
}

static __always_inline bool encap_v6(struct xdp_md *ctx, const struct lb_settings *cfg,
				     const struct real_def *real, bool inner_v6, __u32 inner_bytes)
{
	void *data = push_outer(ctx, sizeof(struct ipv6hdr), cfg, ETH_P_IPV6);
	void *data_end = (void *)(long)ctx->data_end;
	struct ipv6hdr *ip6h;

	if (!data)
		return false;
	ip6h = data + sizeof(struct ethhdr);
	if ((void *)(ip6h + 1) > data_end)
		return false;
	ip6h->version = 6;
	ip6h->priority = 0;
	__builtin_memset(ip6h->flow_lbl, 0, sizeof(ip6h->flow_lbl));
	ip6h->payload_len = bpf_htons(inner_bytes);
	ip6h->nexthdr = inner_v6 ? IPPROTO_IPV6 : IPPROTO_IPIP;
	ip6h->hop_limit = TUNNEL_TTL;
	__builtin_memcpy(&ip6h->saddr, cfg->src_v6, sizeof(ip6h->saddr));
	__builtin_memcpy(&ip6h->daddr, real->addr.v6, sizeof(ip6h->daddr));
	return true;
}

/* ---- the program ---- */

SEC("xdp")
int balancer_ingress(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct flow_key flow = {};
	struct vip vip = {};
	struct vip_meta *meta;
	struct real_def *real;
	struct lb_settings *cfg;
	struct lb_stats *stats;
	__u32 pkt_bytes = data_end - data;
	__u32 key, *slot;
	bool is_ipv6;
	bool sent;
	int action;

	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;

	switch (eth->h_proto) {
	case bpf_htons(ETH_P_IP):
		is_ipv6 = false;
		action = parse_ipv4(data, data_end, &flow);
		break;
	case bpf_htons(ETH_P_IPV6):
		is_ipv6 = true;
		action = parse_ipv6(data, data_end, &flow);
		break;
	default:
		return XDP_PASS;
	}
	if (action != CONTINUE_LB)
		return action;

	if (is_ipv6)
		__builtin_memcpy(vip.daddr.v6, flow.dstv6, sizeof(vip.daddr.v6));
	else
		vip.daddr.v4 = flow.dst;
	vip.dport = flow.port16[1];
	vip.protocol = flow.proto;
	meta = bpf_map_lookup_elem(&vip_map, &vip);
	if (!meta) {
		vip.dport = 0;	/* a VIP for every port */
		meta = bpf_map_lookup_elem(&vip_map, &vip);
		if (!meta)
			return XDP_PASS;
	}

	if (flow.proto == IPPROTO_UDP && (meta->flags & F_HASH_NO_SRC_PORT))
		flow.port16[0] = 0;
	key = meta->vip_num * RING_SIZE +
	      hash_words((const __u32 *)&flow, sizeof(flow), MAX_VIPS) % RING_SIZE;
	slot = bpf_map_lookup_elem(&ch_rings, &key);
	if (!slot)
		return XDP_DROP;
	key = *slot;
	real = bpf_map_lookup_elem(&reals, &key);
	if (!real)
		return XDP_DROP;
	key = 0;
	cfg = bpf_map_lookup_elem(&lb_config, &key);
	if (!cfg)
		return XDP_DROP;
	key = meta->vip_num;
	stats = bpf_map_lookup_elem(&vip_stats, &key);
	if (!stats)
		return XDP_DROP;
	stats->packets += 1;
	stats->bytes += pkt_bytes;

	if (real->flags & F_REAL_IPV6)
		sent = encap_v6(ctx, cfg, real, is_ipv6, pkt_bytes - sizeof(struct ethhdr));
	else
		sent = encap_v4(ctx, cfg, real, is_ipv6, pkt_bytes - sizeof(struct ethhdr));
	return sent ? XDP_TX : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
