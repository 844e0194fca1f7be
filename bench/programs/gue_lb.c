// SPDX-License-Identifier: GPL-2.0
/* gue_lb: a bench program, an XDP layer-4 balancer with a connection table.
 *
 * A packet to a VIP (address, port, protocol) goes to one of the VIP's real
 * servers. Known flows find their real in an LRU connection table; new flows
 * are hashed onto the VIP's ring of RING_SIZE slots, and the choice is
 * remembered in the table (TCP only on a SYN, UDP always). The packet is then
 * wrapped for the real: IPv4 reals get an outer IPv4 + UDP header (GUE-style,
 * the source port carries the flow hash so the network spreads it), IPv6 reals
 * an outer IPv6 + UDP header, and it goes back out of the port (XDP_TX).
 *
 * ICMP echo requests to a VIP are answered here. ICMP "fragmentation needed"
 * and ICMPv6 "packet too big" about a VIP flow are hashed like the flow they
 * quote, so they reach the same real. Per-CPU counters per VIP and a few
 * global ones.
 *
 * A default VIP lives in .data (a loader can rewrite it before load), so a
 * test run without any map entries still takes the balancing path.
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

#define MAX_VIPS 64
#define RING_SIZE 64
#define MAX_REALS 256
#define MAX_FLOWS 8192
#define FLOW_TIMEOUT_NS (30ULL * 1000 * 1000 * 1000)

#define GUE_PORT 6080
#define OUTER_TTL 64
#define IP_FRAGMENTED 0x3fff	/* MF flag and fragment offset */

/* counters after the per-VIP ones */
#define STAT_LRU_MISS (MAX_VIPS + 0)
#define STAT_ICMP_REPLY (MAX_VIPS + 1)
#define STAT_ICMP_ERROR (MAX_VIPS + 2)
#define STAT_DROP (MAX_VIPS + 3)
#define STAT_COUNT (MAX_VIPS + 4)

#define VIP_NO_SPORT_HASH 0x1	/* hash UDP flows without the source port */
#define REAL_IS_V6 0x1

struct addr6 {
	__be32 w[4];
};

struct vip_key {
	union {
		__be32 v4;
		struct addr6 v6;
	} addr;
	__be16 port;
	__u8 proto;
	__u8 family;		/* 4 or 6 */
};

struct vip_meta {
	__u32 flags;
	__u32 num;		/* ring row and stats index */
};

struct real_def {
	union {
		__be32 v4;
		struct addr6 v6;
	} addr;
	__u32 flags;
};

struct flow {
	union {
		__be32 v4;
		struct addr6 v6;
	} src;
	union {
		__be32 v4;
		struct addr6 v6;
	} dst;
	__be16 sport;
	__be16 dport;
	__u8 proto;
	__u8 family;
	__u16 pad;
};

struct conn {
	__u32 real;
	__u32 pad;
	__u64 seen_ns;
};

struct counter {
	__u64 packets;
	__u64 bytes;
};

struct gw_config {
	__u8 mac[ETH_ALEN];
	__u16 pad;
	__be32 src_v4;
	struct addr6 src_v6;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MAX_VIPS);
	__type(key, struct vip_key);
	__type(value, struct vip_meta);
} vips SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, MAX_VIPS * RING_SIZE);
	__type(key, __u32);
	__type(value, __u32);
} ring SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, MAX_REALS);
	__type(key, __u32);
	__type(value, struct real_def);
} real_table SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, MAX_FLOWS);
	__type(key, struct flow);
	__type(value, struct conn);
} conns SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, STAT_COUNT);
	__type(key, __u32);
	__type(value, struct counter);
} counters SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct gw_config);
} gateway SEC(".maps");

/* The VIP and real used when the maps hold none: 10.0.0.2:80/TCP to 192.168.7.9. */
struct vip_key default_vip = {
	.addr = { .v4 = 0x0200000a },
	.port = 0x5000,
	.proto = IPPROTO_TCP,
	.family = 4,
};
struct vip_meta default_meta = { .flags = 0, .num = 0 };
__be32 default_real_v4 = 0x0907a8c0;

static __always_inline void count(__u32 index, __u64 bytes)
{
	struct counter *c = bpf_map_lookup_elem(&counters, &index);

	if (c) {
		c->packets += 1;
		c->bytes += bytes;
	}
}

/* ---- hashing: a multiply-xorshift mix over the flow's 32-bit words ---- */

static __always_inline __u32 mix32(__u32 h, __u32 w)
{
	w *= 0xcc9e2d51;
	w = (w << 15) | (w >> 17);
	h ^= w * 0x1b873593;
	h = (h << 13) | (h >> 19);
	return h * 5 + 0xe6546b64;
}

static __always_inline __u32 finish32(__u32 h)
{
	h ^= h >> 16;
	h *= 0x85ebca6b;
	h ^= h >> 13;
	h *= 0xc2b2ae35;
	return h ^ (h >> 16);
}

static __always_inline __u32 flow_hash(const struct flow *f, bool with_sport)
{
	__u32 ports = ((__u32)(with_sport ? f->sport : 0) << 16) | f->dport;
	__u32 h = 0x2545f491 ^ f->proto;

	if (f->family == 6) {
#pragma unroll
		for (int i = 0; i < 4; i++)
			h = mix32(h, f->src.v6.w[i]);
	} else {
		h = mix32(h, f->src.v4);
	}
	h = mix32(h, ports);
	return finish32(h);
}

/* ---- checksums ---- */

static __always_inline __u16 fold(__u32 sum)
{
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (__u16)~sum;
}

static __always_inline __u16 ipv4_header_csum(struct iphdr *iph)
{
	__u16 *w = (__u16 *)iph;
	__u32 sum = 0;

#pragma unroll
	for (__u32 i = 0; i < sizeof(*iph) / 2; i++)
		sum += w[i];
	return fold(sum);
}

/* RFC 1624: the checksum after one 16-bit word changed from old to new. */
static __always_inline __u16 csum_replace16(__u16 check, __u16 old, __u16 new)
{
	__u32 sum = (__u16)~check + (__u16)~old + new;

	return fold(sum);
}

static __always_inline void swap_macs(struct ethhdr *eth)
{
	__u8 tmp[ETH_ALEN];

	__builtin_memcpy(tmp, eth->h_source, ETH_ALEN);
	__builtin_memcpy(eth->h_source, eth->h_dest, ETH_ALEN);
	__builtin_memcpy(eth->h_dest, tmp, ETH_ALEN);
}

/* ---- parsing ---- */

/* Fills the ports of f from the transport header at l4; false when truncated. */
static __always_inline bool read_ports(void *l4, void *data_end, struct flow *f)
{
	struct udphdr *uh = l4;	/* TCP and UDP start with the same two ports */

	if ((void *)(uh + 1) > data_end)
		return false;
	f->sport = uh->source;
	f->dport = uh->dest;
	return true;
}

/*
 * An ICMP error quotes the header of a packet the VIP sent: its source is
 * the VIP and its destination the client. The flow is read reversed, so
 * that it hashes like the client's own packets.
 */
static __always_inline int icmp4_error_flow(void *inner, void *data_end, struct flow *f)
{
	struct iphdr *iph = inner;

	if ((void *)(iph + 1) > data_end)
		return XDP_DROP;
	if (iph->ihl != 5)
		return XDP_DROP;
	f->proto = iph->protocol;
	f->src.v4 = iph->daddr;
	f->dst.v4 = iph->saddr;
	if (!read_ports(iph + 1, data_end, f))
		return XDP_DROP;
	__be16 p = f->sport;
	f->sport = f->dport;
	f->dport = p;
	return -1;
}

static __always_inline int icmp6_error_flow(void *inner, void *data_end, struct flow *f)
{
	struct ipv6hdr *ip6 = inner;

	if ((void *)(ip6 + 1) > data_end)
		return XDP_DROP;
	f->proto = ip6->nexthdr;
	__builtin_memcpy(&f->src.v6, &ip6->daddr, sizeof(struct addr6));
	__builtin_memcpy(&f->dst.v6, &ip6->saddr, sizeof(struct addr6));
	if (!read_ports(ip6 + 1, data_end, f))
		return XDP_DROP;
	__be16 p = f->sport;
	f->sport = f->dport;
	f->dport = p;
	return -1;
}

/* Echo request to a VIP: answer it in place (addresses swapped, type changed). */
static __always_inline int icmp4_echo_reply(struct ethhdr *eth, struct iphdr *iph, struct icmphdr *ih)
{
	__be32 a = iph->saddr;

	iph->saddr = iph->daddr;
	iph->daddr = a;
	iph->ttl = OUTER_TTL;
	iph->check = 0;
	iph->check = ipv4_header_csum(iph);
	ih->type = ICMP_ECHOREPLY;
	ih->checksum = csum_replace16(ih->checksum, bpf_htons(ICMP_ECHO << 8), bpf_htons(ICMP_ECHOREPLY << 8));
	swap_macs(eth);
	count(STAT_ICMP_REPLY, 0);
	return XDP_TX;
}

static __always_inline int icmp6_echo_reply(struct ethhdr *eth, struct ipv6hdr *ip6, struct icmp6hdr *ih)
{
	struct addr6 a;

	__builtin_memcpy(&a, &ip6->saddr, sizeof(a));
	__builtin_memcpy(&ip6->saddr, &ip6->daddr, sizeof(a));
	__builtin_memcpy(&ip6->daddr, &a, sizeof(a));
	ip6->hop_limit = OUTER_TTL;
	ih->icmp6_type = ICMPV6_ECHO_REPLY;
	ih->icmp6_cksum = csum_replace16(ih->icmp6_cksum, bpf_htons(ICMPV6_ECHO_REQUEST << 8),
					 bpf_htons(ICMPV6_ECHO_REPLY << 8));
	swap_macs(eth);
	count(STAT_ICMP_REPLY, 0);
	return XDP_TX;
}

/* IPv4: the flow of the packet, or a verdict (>= 0) when it is not balanced. */
static __always_inline int parse_ipv4(struct ethhdr *eth, void *data_end, struct flow *f, bool *is_error)
{
	struct iphdr *iph = (void *)(eth + 1);

	if ((void *)(iph + 1) > data_end)
		return XDP_DROP;
	if (iph->ihl != 5)
		return XDP_DROP;
	if (iph->frag_off & bpf_htons(IP_FRAGMENTED))
		return XDP_DROP;
	f->family = 4;
	f->proto = iph->protocol;
	f->src.v4 = iph->saddr;
	f->dst.v4 = iph->daddr;
	if (iph->protocol == IPPROTO_ICMP) {
		struct icmphdr *ih = (void *)(iph + 1);

		if ((void *)(ih + 1) > data_end)
			return XDP_DROP;
		if (ih->type == ICMP_ECHO) {
			struct vip_key k = { .addr = { .v4 = iph->daddr }, .family = 4 };

			if (bpf_map_lookup_elem(&vips, &k))
				return icmp4_echo_reply(eth, iph, ih);
			return XDP_PASS;
		}
		if (ih->type != ICMP_DEST_UNREACH || ih->code != ICMP_FRAG_NEEDED)
			return XDP_PASS;
		*is_error = true;
		return icmp4_error_flow(ih + 1, data_end, f);
	}
	if (iph->protocol != IPPROTO_TCP && iph->protocol != IPPROTO_UDP)
		return XDP_PASS;
	if (!read_ports(iph + 1, data_end, f))
		return XDP_DROP;
	return -1;
}

static __always_inline int parse_ipv6(struct ethhdr *eth, void *data_end, struct flow *f, bool *is_error)
{
	struct ipv6hdr *ip6 = (void *)(eth + 1);

	if ((void *)(ip6 + 1) > data_end)
		return XDP_DROP;
	f->family = 6;
	f->proto = ip6->nexthdr;
	__builtin_memcpy(&f->src.v6, &ip6->saddr, sizeof(struct addr6));
	__builtin_memcpy(&f->dst.v6, &ip6->daddr, sizeof(struct addr6));
	if (ip6->nexthdr == IPPROTO_ICMPV6) {
		struct icmp6hdr *ih = (void *)(ip6 + 1);

		if ((void *)(ih + 1) > data_end)
			return XDP_DROP;
		if (ih->icmp6_type == ICMPV6_ECHO_REQUEST) {
			struct vip_key k = { .family = 6 };

			__builtin_memcpy(&k.addr.v6, &ip6->daddr, sizeof(struct addr6));
			if (bpf_map_lookup_elem(&vips, &k))
				return icmp6_echo_reply(eth, ip6, ih);
			return XDP_PASS;
		}
		if (ih->icmp6_type != ICMPV6_PKT_TOOBIG)
			return XDP_PASS;
		*is_error = true;
		return icmp6_error_flow(ih + 1, data_end, f);
	}
	if (ip6->nexthdr != IPPROTO_TCP && ip6->nexthdr != IPPROTO_UDP)
		return XDP_PASS;
	if (!read_ports(ip6 + 1, data_end, f))
		return XDP_DROP;
	return -1;
}

/* ---- choosing the real ---- */

static __always_inline struct vip_meta *find_vip(const struct flow *f)
{
	struct vip_key k = {};
	struct vip_meta *m;

	if (f->family == 6)
		__builtin_memcpy(&k.addr.v6, &f->dst.v6, sizeof(struct addr6));
	else
		k.addr.v4 = f->dst.v4;
	k.port = f->dport;
	k.proto = f->proto;
	k.family = f->family;
	m = bpf_map_lookup_elem(&vips, &k);
	if (m)
		return m;
	k.port = 0;	/* a VIP for every port */
	m = bpf_map_lookup_elem(&vips, &k);
	if (m)
		return m;
	if (f->family == 4 && f->dst.v4 == default_vip.addr.v4 && f->dport == default_vip.port &&
	    f->proto == default_vip.proto)
		return &default_meta;
	return NULL;
}

/* The real's index for the flow: from the connection table, or from the ring. */
static __always_inline int pick_real(struct flow *f, struct vip_meta *vip, bool new_conn, __u32 *hash)
{
	__u64 now = bpf_ktime_get_ns();
	struct conn *c = bpf_map_lookup_elem(&conns, f);
	__u32 slot, *real;

	*hash = flow_hash(f, !(vip->flags & VIP_NO_SPORT_HASH));
	if (c && now - c->seen_ns < FLOW_TIMEOUT_NS) {
		c->seen_ns = now;
		return c->real;
	}
	count(STAT_LRU_MISS, 0);
	slot = (vip->num % MAX_VIPS) * RING_SIZE + *hash % RING_SIZE;
	real = bpf_map_lookup_elem(&ring, &slot);
	if (!real)
		return -1;
	if (new_conn) {
		struct conn fresh = { .real = *real, .seen_ns = now };

		bpf_map_update_elem(&conns, f, &fresh, BPF_ANY);
	}
	return *real;
}

/* ---- encapsulation ---- */

static __always_inline int encap_v4(struct xdp_md *ctx, __be32 dst, __be32 src, const __u8 *gw_mac, __u32 hash)
{
	__u16 inner_len = ctx->data_end - ctx->data - sizeof(struct ethhdr);
	__u16 outer = sizeof(struct iphdr) + sizeof(struct udphdr);

	if (bpf_xdp_adjust_head(ctx, -(int)outer))
		return XDP_DROP;

	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct ethhdr *old_eth = data + outer;
	struct iphdr *iph = data + sizeof(*eth);
	struct udphdr *uh = (void *)(iph + 1);

	if ((void *)(old_eth + 1) > data_end)
		return XDP_DROP;
	__builtin_memcpy(eth->h_source, old_eth->h_dest, ETH_ALEN);
	__builtin_memcpy(eth->h_dest, gw_mac, ETH_ALEN);
	eth->h_proto = bpf_htons(ETH_P_IP);

	iph->version = 4;
	iph->ihl = 5;
	iph->tos = 0;
	iph->tot_len = bpf_htons(inner_len + outer);
	iph->id = 0;
	iph->frag_off = 0;
	iph->ttl = OUTER_TTL;
	iph->protocol = IPPROTO_UDP;
	iph->saddr = src;
	iph->daddr = dst;
	iph->check = 0;
	iph->check = ipv4_header_csum(iph);

	uh->source = bpf_htons((hash & 0x3fff) | 0xc000);
	uh->dest = bpf_htons(GUE_PORT);
	uh->len = bpf_htons(inner_len + sizeof(*uh));
	uh->check = 0;
	return XDP_TX;
}

static __always_inline int encap_v6(struct xdp_md *ctx, const struct addr6 *dst, const struct addr6 *src,
				    const __u8 *gw_mac, __u32 hash)
{
	__u16 inner_len = ctx->data_end - ctx->data - sizeof(struct ethhdr);
	__u16 outer = sizeof(struct ipv6hdr) + sizeof(struct udphdr);

	if (bpf_xdp_adjust_head(ctx, -(int)outer))
		return XDP_DROP;

	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct ethhdr *old_eth = data + outer;
	struct ipv6hdr *ip6 = data + sizeof(*eth);
	struct udphdr *uh = (void *)(ip6 + 1);

	if ((void *)(old_eth + 1) > data_end)
		return XDP_DROP;
	__builtin_memcpy(eth->h_source, old_eth->h_dest, ETH_ALEN);
	__builtin_memcpy(eth->h_dest, gw_mac, ETH_ALEN);
	eth->h_proto = bpf_htons(ETH_P_IPV6);

	ip6->version = 6;
	ip6->priority = 0;
	ip6->flow_lbl[0] = (hash >> 16) & 0x0f;
	ip6->flow_lbl[1] = hash >> 8;
	ip6->flow_lbl[2] = hash;
	ip6->payload_len = bpf_htons(inner_len + sizeof(*uh));
	ip6->nexthdr = IPPROTO_UDP;
	ip6->hop_limit = OUTER_TTL;
	__builtin_memcpy(&ip6->saddr, src, sizeof(*src));
	__builtin_memcpy(&ip6->daddr, dst, sizeof(*dst));

	uh->source = bpf_htons((hash & 0x3fff) | 0xc000);
	uh->dest = bpf_htons(GUE_PORT);
	uh->len = bpf_htons(inner_len + sizeof(*uh));
	uh->check = 0;	/* zero UDP checksums over IPv6 tunnels: RFC 6935 */
	return XDP_TX;
}

SEC("xdp")
int gue_balancer(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct flow f = {};
	bool is_error = false;
	bool new_conn;
	__u32 zero = 0, hash, key;
	int verdict, real_index;

	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	if (eth->h_proto == bpf_htons(ETH_P_IP))
		verdict = parse_ipv4(eth, data_end, &f, &is_error);
	else if (eth->h_proto == bpf_htons(ETH_P_IPV6))
		verdict = parse_ipv6(eth, data_end, &f, &is_error);
	else
		return XDP_PASS;
	if (verdict >= 0) {
		if (verdict == XDP_DROP)
			count(STAT_DROP, 0);
		return verdict;
	}
	if (is_error)
		count(STAT_ICMP_ERROR, 0);

	struct vip_meta *vip = find_vip(&f);
	if (!vip)
		return XDP_PASS;
	count(vip->num % MAX_VIPS, data_end - data);

	/* Only a TCP SYN or a UDP datagram may start a connection entry. */
	new_conn = !is_error && f.proto == IPPROTO_UDP;
	if (!is_error && f.proto == IPPROTO_TCP) {
		struct tcphdr *th = f.family == 4 ? data + sizeof(*eth) + sizeof(struct iphdr)
						  : data + sizeof(*eth) + sizeof(struct ipv6hdr);

		if ((void *)(th + 1) > data_end)
			return XDP_DROP;
		new_conn = th->syn && !th->ack;
	}
	real_index = pick_real(&f, vip, new_conn, &hash);
	if (real_index < 0)
		return XDP_DROP;
	key = real_index;
	struct real_def *real = bpf_map_lookup_elem(&real_table, &key);
	struct gw_config *gw = bpf_map_lookup_elem(&gateway, &zero);
	if (!real || !gw)
		return XDP_DROP;
	if (real->flags & REAL_IS_V6)
		return encap_v6(ctx, &real->addr.v6, &gw->src_v6, gw->mac, hash);
	return encap_v4(ctx, real->addr.v4 ? real->addr.v4 : default_real_v4, gw->src_v4, gw->mac, hash);
}

char _license[] SEC("license") = "GPL";
