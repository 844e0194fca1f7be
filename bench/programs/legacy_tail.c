// SPDX-License-Identifier: GPL-2.0
/* legacy_tail: a bench program in the style of the 2016-2019 samples/bpf
 * programs. It carries its own helper header instead of <bpf/bpf_helpers.h>:
 * a SEC macro, helpers declared as pointers to functions whose address is
 * the helper's number, and hand-written byte-order macros. Its maps are
 * BTF-defined (libbpf 1.x opens nothing else).
 *
 * An XDP dispatcher classifies the frame (VLAN tags, IPv4/IPv6, extension
 * headers) and tail-calls, through a PROG_ARRAY, the stage that handles the
 * transport protocol; when the slot is empty it handles the packet itself.
 * The stages are programs of their own: a TCP port filter with a SYN
 * counter, and a UDP stage that answers DNS-looking queries from a blocked
 * list with a drop.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>

/* ---- the helper header of that era ---- */

#define SEC(NAME) __attribute__((section(NAME), used))
#define __inline __attribute__((always_inline)) inline

static void *(*bpf_map_lookup_elem)(void *map, const void *key) =
	(void *) BPF_FUNC_map_lookup_elem;
static int (*bpf_map_update_elem)(void *map, const void *key, const void *value,
				  unsigned long long flags) =
	(void *) BPF_FUNC_map_update_elem;
static int (*bpf_tail_call)(void *ctx, void *map, int index) =
	(void *) BPF_FUNC_tail_call;
static unsigned long long (*bpf_ktime_get_ns)(void) =
	(void *) BPF_FUNC_ktime_get_ns;
static unsigned int (*bpf_get_smp_processor_id)(void) =
	(void *) BPF_FUNC_get_smp_processor_id;

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
# define htons(x) ((__u16)__builtin_bswap16(x))
# define htonl(x) ((__u32)__builtin_bswap32(x))
#else
# define htons(x) (x)
# define htonl(x) (x)
#endif
#define ntohs(x) htons(x)

#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

/* ---- program ---- */

#define STAGE_TCP 0
#define STAGE_UDP 1
#define STAGE_MAX 4

#define MAX_VLAN_DEPTH 2
#define MAX_EXT_HEADERS 4
#define NUM_PORTS 65536

struct vlan_hdr {
	__be16 tci;
	__be16 encap_proto;
};

struct ipv6_ext {
	__u8 nexthdr;
	__u8 len;	/* in 8-byte units, minus one */
};

/* What the dispatcher learned, for the stage it calls (XDP metadata is not
 * used: the per-CPU scratch map is the portable way of that era). It is valid
 * (family != 0) only from the dispatcher's write to the stage's read: both
 * clear it when done, so a stage run on its own sees no stale packet. */
struct scratch {
	__u32 l3_off;
	__u32 l4_off;
	__u8 l4_proto;
	__u8 family;
	__u16 vlan;
};

struct port_rule {
	__u8 action;	/* XDP_PASS or XDP_DROP */
	__u8 log;
	__u16 pad;
	__u32 hits;
};

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, STAGE_MAX);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} stages SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct scratch);
} scratch_map SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, NUM_PORTS);
	__type(key, __u32);
	__type(value, struct port_rule);
} tcp_ports SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u64);
} syn_seen SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, __u64);	/* the first 8 bytes of the queried name */
	__type(value, __u32);
} dns_block SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} verdicts SEC(".maps");

static __inline int account(int verdict)
{
	__u32 key = verdict & 7;
	__u64 *n = bpf_map_lookup_elem(&verdicts, &key);

	if (n)
		*n += 1;
	return verdict;
}

/* Walks the VLAN tags; returns the offset of the L3 header, or -1. */
static __inline int skip_vlans(void *data, void *data_end, __u16 *proto, __u16 *vlan)
{
	int off = sizeof(struct ethhdr);

#pragma unroll
	for (int i = 0; i < MAX_VLAN_DEPTH; i++) {
		struct vlan_hdr *vh = data + off;

		if (*proto != htons(ETH_P_8021Q) && *proto != htons(ETH_P_8021AD))
			break;
		if ((void *)(vh + 1) > data_end)
			return -1;
		*vlan = ntohs(vh->tci) & 0x0fff;
		*proto = vh->encap_proto;
		off += sizeof(*vh);
	}
	return off;
}

/* Skips IPv6 extension headers; returns the offset of the transport header, or -1. */
static __inline int skip_ipv6_ext(void *data, void *data_end, int off, __u8 *nexthdr)
{
#pragma unroll
	for (int i = 0; i < MAX_EXT_HEADERS; i++) {
		struct ipv6_ext *ext = data + off;

		switch (*nexthdr) {
		case IPPROTO_HOPOPTS:
		case IPPROTO_ROUTING:
		case IPPROTO_DSTOPTS:
			if ((void *)(ext + 1) > data_end)
				return -1;
			*nexthdr = ext->nexthdr;
			off += (ext->len + 1) * 8;
			break;
		case IPPROTO_FRAGMENT:
			if ((void *)(ext + 1) > data_end)
				return -1;
			*nexthdr = ext->nexthdr;
			off += 8;
			break;
		default:
			return off;
		}
	}
	return off;
}

static __inline int tcp_stage(struct xdp_md *ctx, struct scratch *s)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct tcphdr *th;
	struct port_rule *rule;
	__u32 port;

	if (s->l4_off > 256)
		return XDP_DROP;
	th = data + s->l4_off;
	if ((void *)(th + 1) > data_end)
		return XDP_DROP;
	port = ntohs(th->dest);
	rule = bpf_map_lookup_elem(&tcp_ports, &port);
	if (!rule)
		return XDP_PASS;
	__sync_fetch_and_add(&rule->hits, 1);
	if (th->syn && !th->ack) {
		__u32 cpu = bpf_get_smp_processor_id();
		__u64 now = bpf_ktime_get_ns();
		__u64 *last = bpf_map_lookup_elem(&syn_seen, &port);

		if (last)
			*last = now;
		else
			bpf_map_update_elem(&syn_seen, &port, &now, BPF_NOEXIST);
		if (rule->log && cpu == 0)
			rule->log = 0;
	}
	return rule->action == XDP_DROP ? XDP_DROP : XDP_PASS;
}

static __inline int udp_stage(struct xdp_md *ctx, struct scratch *s)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct udphdr *uh;
	__u8 *name;
	__u64 label = 0;

	if (s->l4_off > 256)
		return XDP_DROP;
	uh = data + s->l4_off;
	if ((void *)(uh + 1) > data_end)
		return XDP_DROP;
	if (uh->dest != htons(53))
		return XDP_PASS;
	/* 12 bytes of DNS header, then the first label's length and bytes */
	name = (__u8 *)(uh + 1) + 12;
	if ((void *)(name + 9) > data_end)
		return XDP_PASS;
#pragma unroll
	for (int i = 1; i <= 8; i++) {
		__u8 c = name[i];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		label = (label << 8) | c;
	}
	if (bpf_map_lookup_elem(&dns_block, &label))
		return XDP_DROP;
	return XDP_PASS;
}

SEC("xdp")
int xdp_dispatch(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct scratch *s;
	__u32 zero = 0;
	__u16 proto, vlan = 0;
	__u8 l4;
	int off, verdict;

	if ((void *)(eth + 1) > data_end)
		return account(XDP_DROP);
	proto = eth->h_proto;
	off = skip_vlans(data, data_end, &proto, &vlan);
	if (off < 0)
		return account(XDP_DROP);

	s = bpf_map_lookup_elem(&scratch_map, &zero);
	if (!s)
		return account(XDP_ABORTED);
	s->l3_off = off;
	s->vlan = vlan;

	if (proto == htons(ETH_P_IP)) {
		struct iphdr *iph = data + off;

		if ((void *)(iph + 1) > data_end)
			return account(XDP_DROP);
		if (iph->frag_off & htons(0x1fff))
			return account(XDP_PASS);
		s->family = 4;
		l4 = iph->protocol;
		off += iph->ihl * 4;
	} else if (proto == htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6 = data + off;

		if ((void *)(ip6 + 1) > data_end)
			return account(XDP_DROP);
		s->family = 6;
		l4 = ip6->nexthdr;
		off = skip_ipv6_ext(data, data_end, off + sizeof(*ip6), &l4);
		if (off < 0)
			return account(XDP_DROP);
	} else {
		return account(XDP_PASS);
	}
	s->l4_off = off;
	s->l4_proto = l4;

	switch (l4) {
	case IPPROTO_TCP:
		bpf_tail_call(ctx, &stages, STAGE_TCP);
		verdict = tcp_stage(ctx, s);
		break;
	case IPPROTO_UDP:
		bpf_tail_call(ctx, &stages, STAGE_UDP);
		verdict = udp_stage(ctx, s);
		break;
	default:
		verdict = XDP_PASS;
		break;
	}
	s->family = 0;
	return account(verdict);
}

SEC("xdp")
int xdp_tcp_stage(struct xdp_md *ctx)
{
	__u32 zero = 0;
	struct scratch *s = bpf_map_lookup_elem(&scratch_map, &zero);

	int verdict;

	if (!s)
		return XDP_ABORTED;
	if (s->family == 0)	/* not reached from the dispatcher */
		return account(XDP_PASS);
	verdict = tcp_stage(ctx, s);
	s->family = 0;
	return account(verdict);
}

SEC("xdp")
int xdp_udp_stage(struct xdp_md *ctx)
{
	__u32 zero = 0;
	struct scratch *s = bpf_map_lookup_elem(&scratch_map, &zero);

	int verdict;

	if (!s)
		return XDP_ABORTED;
	if (s->family == 0)	/* not reached from the dispatcher */
		return account(XDP_PASS);
	verdict = udp_stage(ctx, s);
	s->family = 0;
	return account(verdict);
}

char _license[] SEC("license") = "GPL";
