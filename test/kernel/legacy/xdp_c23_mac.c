/* An XDP program written for -std=gnu2x, as xdp-tools builds its programs:
 * bool, true and false without <stdbool.h>, __builtin_bcmp() to compare
 * addresses, <endian.h> byte order, a pointer stored and loaded with the
 * __atomic builtins, and a project header that redefines a macro of
 * <bpf/bpf_helpers.h>. Drops frames from the blocked source MAC, counts UDP
 * packets to port 53 (IPv4 and IPv6) and passes the rest.
 * Written for ebcc's tests. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include "c23_tools.h"

_Static_assert(__STDC_VERSION__ >= 202311L, "compiled as C23");
_Static_assert(count_args(a, b, c) == 3, "the header's macro is the one in force");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 3); /* [0] dropped, [1] DNS over IPv4, [2] DNS over IPv6 */
} counters SEC(".maps");

static const unsigned char blocked_mac[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x66 };

static __always_inline void count(__u32 slot)
{
	__u64 *n = bpf_map_lookup_elem(&counters, &slot);

	if (n)
		__sync_fetch_and_add(n, 1);
}

/* Links a stack node behind head, then follows head.next back with an atomic load. */
static __always_inline bool linked_back(void)
{
	struct link head = {}, node = {};

	__atomic_store_n(&node.pprev, &head.next, __ATOMIC_RELAXED);
	__atomic_store_n(&head.next, &node, __ATOMIC_RELAXED);
	return __atomic_load_n(&head.next, __ATOMIC_RELAXED) == &node;
}

static __always_inline bool is_dns(__u16 dest)
{
	return dest == wire16(53);
}

SEC("xdp")
int xdp_c23_mac(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct udphdr *udp;
	bool v6 = false;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	if (__builtin_bcmp(eth->h_source, blocked_mac, ETH_ALEN) == 0) {
		count(0);
		return XDP_DROP;
	}
	if (eth->h_proto == wire16(ETH_P_IP)) {
		struct iphdr *iph = (void *)(eth + 1);

		if ((void *)(iph + 1) > data_end || iph->protocol != IPPROTO_UDP)
			return XDP_PASS;
		udp = (void *)(iph + 1);
	} else if (eth->h_proto == wire16(ETH_P_IPV6)) {
		struct ipv6hdr *ip6h = (void *)(eth + 1);

		if ((void *)(ip6h + 1) > data_end || ip6h->nexthdr != IPPROTO_UDP)
			return XDP_PASS;
		udp = (void *)(ip6h + 1);
		v6 = true;
	} else {
		return XDP_PASS;
	}
	if ((void *)(udp + 1) > data_end)
		return XDP_PASS;
	if (is_dns(udp->dest) && linked_back())
		count(v6 == true ? 2 : 1);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
