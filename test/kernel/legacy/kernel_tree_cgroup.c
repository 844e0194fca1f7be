// SPDX-License-Identifier: GPL-2.0
/* A kernel-tree (-D__KERNEL__) cgroup program in the style of samples/bpf's hbm programs: a
 * BPF_MAP_TYPE_CGROUP_STORAGE map keyed by the UAPI's struct bpf_cgroup_storage_key, and
 * div64_u64(), which the kernel's <net/ipv6.h> reaches through <linux/math64.h>. */
#include <uapi/linux/bpf.h>
#include <net/ipv6.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_CGROUP_STORAGE);
	__type(key, struct bpf_cgroup_storage_key);
	__type(value, u64);
} seen_bytes SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, u32);
	__type(value, u64);
} results SEC(".maps");

static __always_inline void put(u32 index, u64 value)
{
	bpf_map_update_elem(&results, &index, &value, BPF_ANY);
}

SEC("cgroup_skb/egress")
int scaled_len(struct __sk_buff *skb)
{
	u64 *seen = bpf_get_local_storage(&seen_bytes, 0);
	u32 rem;

	*seen += skb->len;
	put(0, div64_u64((u64)skb->len << 20, 3));
	put(1, div_u64_rem(*seen * 7, skb->len + 3, &rem) * 1000 + rem);
	return 1;
}

char _license[] SEC("license") = "GPL";
