// SPDX-License-Identifier: GPL-2.0
/* xdp_count: counts packets per EtherType, drops IPv4 packets whose TTL is 1,
 * and passes everything else. A second program counts every packet it sees. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* Packets seen per EtherType (host byte order). */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u64);
} ethertype_count SEC(".maps");

/* Slot 0: packets too short for an Ethernet header; slot 1: IPv4 dropped for TTL 1. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} drop_stats SEC(".maps");

static __always_inline void bump(void *map, __u32 key)
{
	__u64 one = 1;
	__u64 *value = bpf_map_lookup_elem(map, &key);

	if (value)
		__sync_fetch_and_add(value, 1);
	else
		bpf_map_update_elem(map, &key, &one, BPF_NOEXIST);
}

SEC("xdp")
int xdp_count(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph;
	__u32 proto;

	if ((void *)(eth + 1) > data_end) {
		bump(&drop_stats, 0);
		return XDP_PASS;
	}

	proto = bpf_ntohs(eth->h_proto);
	bump(&ethertype_count, proto);

	if (proto != ETH_P_IP)
		return XDP_PASS;

	iph = (void *)(eth + 1);
	if ((void *)(iph + 1) > data_end)
		return XDP_PASS;

	if (iph->ttl == 1) {
		bump(&drop_stats, 1);
		return XDP_DROP;
	}
	return XDP_PASS;
}

/* Counts every packet under the pseudo EtherType 0xffff, whatever its length. */
SEC("xdp")
int xdp_count_all(struct xdp_md *ctx)
{
	bump(&ethertype_count, 0xffff);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
