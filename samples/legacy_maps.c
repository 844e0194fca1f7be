// SPDX-License-Identifier: GPL-2.0
/* legacy_maps: an XDP program in the 2017-2019 style, with its maps declared
 * as `struct bpf_map_def SEC("maps")`. libbpf 1.x no longer opens that
 * section; ebcc emits both maps as BTF-defined maps in ".maps" (note E6020).
 * It counts packets and bytes per IP protocol and drops protocols that
 * userspace marked in `blocked`. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* The map description old loaders read; programs of that era defined it
 * themselves (in their copy of bpf_helpers.h). */
struct bpf_map_def {
	unsigned int type;
	unsigned int key_size;
	unsigned int value_size;
	unsigned int max_entries;
	unsigned int map_flags;
};

struct proto_stats {
	__u64 packets;
	__u64 bytes;
};

struct bpf_map_def SEC("maps") proto_count = {
	.type = BPF_MAP_TYPE_ARRAY,
	.key_size = sizeof(__u32),
	.value_size = sizeof(struct proto_stats),
	.max_entries = 256,
};

struct bpf_map_def SEC("maps") blocked = {
	.type = BPF_MAP_TYPE_HASH,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u32),
	.max_entries = 16,
};

SEC("xdp")
int xdp_legacy(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = data + sizeof(*eth);
	struct proto_stats *stats;
	__u32 proto;

	if ((void *)(iph + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;

	proto = iph->protocol;
	stats = bpf_map_lookup_elem(&proto_count, &proto);
	if (stats) {
		__sync_fetch_and_add(&stats->packets, 1);
		__sync_fetch_and_add(&stats->bytes, data_end - data);
	}
	if (bpf_map_lookup_elem(&blocked, &proto))
		return XDP_DROP;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
