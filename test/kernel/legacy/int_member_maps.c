// SPDX-License-Identifier: GPL-2.0
/* Maps in the first BTF-defined style (libbpf 0.0.4): the type, size and flags are integer
 * members with initial values, the key and value types pointer members. libbpf 1.x refuses
 * integers there, so ebcc emits them as __uint(name, value) declares them. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__u32 type;
	__u32 max_entries;
	__u32 *key;
	__u64 *value;
} per_proto SEC(".maps") = {
	.type = BPF_MAP_TYPE_ARRAY,
	.max_entries = 256,
};

struct {
	int type;
	int max_entries;
	int map_flags;
	__u32 *key;
	__u32 *value;
} by_length SEC(".maps") = {
	.type = BPF_MAP_TYPE_HASH,
	.max_entries = 16,
	.map_flags = BPF_F_NO_PREALLOC,
};

SEC("xdp")
int count_protocols(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__u32 proto, length = data_end - data, one = 1;
	__u64 *count;
	__u32 *seen;

	if (data + 24 > data_end)
		return XDP_DROP;
	proto = ((__u8 *)data)[23];
	count = bpf_map_lookup_elem(&per_proto, &proto);
	if (count)
		*count += 1;
	seen = bpf_map_lookup_elem(&by_length, &length);
	if (seen)
		*seen += 1;
	else
		bpf_map_update_elem(&by_length, &length, &one, BPF_NOEXIST);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
