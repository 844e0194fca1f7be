// SPDX-License-Identifier: GPL-2.0
/* Counts packets by the IPv4 protocol byte in a map defined in another object
 * (test/kernel/linked/counter_maps.c). It does not read the extern proto_offset, which needs no
 * storage here. */
#include "counter_maps.h"

SEC("xdp")
int count_by_proto(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__u32 proto;
	__u64 *count;

	if (data + 24 > data_end)
		return XDP_DROP;
	proto = ((__u8 *)data)[23];
	count = bpf_map_lookup_elem(&proto_counts, &proto);
	if (count)
		__sync_fetch_and_add(count, 1);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
