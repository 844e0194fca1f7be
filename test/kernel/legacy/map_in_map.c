/* Maps of maps declared the pre-libbpf way. The iproute2 style gives each map an
 * `id` and names the inner map of a map of maps by its `inner_id`; the samples/bpf
 * loader style names it by `inner_map_idx`, the inner map's index in "maps". Both
 * programs look up slot 0 of their outer map and, when a map is stored there, add
 * the packet's length to its slot 0. Written for ebcc's tests. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include "old_helpers.h"

typedef unsigned int u32;

/* iproute2's layout of a map definition. */
struct elf_map_def {
	u32 type;
	u32 size_key;
	u32 size_value;
	u32 max_elem;
	u32 flags;
	u32 id;
	u32 pinning;
	u32 inner_id;
	u32 inner_idx;
};

#define BYTES_ID 7

struct elf_map_def SEC("maps") bytes = {
	.type = BPF_MAP_TYPE_ARRAY,
	.size_key = sizeof(u32),
	.size_value = sizeof(unsigned long long),
	.max_elem = 1,
	.id = BYTES_ID,
};

struct elf_map_def SEC("maps") per_dev = {
	.type = BPF_MAP_TYPE_ARRAY_OF_MAPS,
	.size_key = sizeof(u32),
	.size_value = sizeof(u32),
	.max_elem = 4,
	.inner_id = BYTES_ID,
};

static int add_len(void *outer, unsigned int len)
{
	u32 key = 0;
	void *inner = bpf_map_lookup_elem(outer, &key);
	if (!inner)
		return TC_ACT_SHOT;
	unsigned long long *total = bpf_map_lookup_elem(inner, &key);
	if (!total)
		return TC_ACT_SHOT;
	__sync_fetch_and_add(total, len);
	return TC_ACT_OK;
}

SEC("classifier_ids")
int count_by_id(struct __sk_buff *skb)
{
	return add_len(&per_dev, skb->len);
}

/* Index 2 of "maps": the third definition in the file. */
struct bpf_map_def SEC("maps") lengths = {
	.type = BPF_MAP_TYPE_ARRAY,
	.key_size = sizeof(u32),
	.value_size = sizeof(unsigned long long),
	.max_entries = 2,
};

struct bpf_map_def SEC("maps") per_queue = {
	.type = BPF_MAP_TYPE_HASH_OF_MAPS,
	.key_size = sizeof(u32),
	.value_size = sizeof(u32),
	.max_entries = 8,
	.inner_map_idx = 2,
};

SEC("classifier_idx")
int count_by_idx(struct __sk_buff *skb)
{
	return add_len(&per_queue, skb->len);
}

char _license[] SEC("license") = "GPL";
