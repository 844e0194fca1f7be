// SPDX-License-Identifier: GPL-2.0
/* Buffers that a dynptr is read into fit in the 512 bytes of BPF stack only when they share
 * their bytes: four 200-byte windows of a map value, each read with bpf_dynptr_read and summed
 * before the next is read (800 bytes if each kept its own). The dynptr itself is kept by the
 * helpers, so it keeps its own bytes; the destinations are used during the call only. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define WINDOW 200

struct blob {
	__u8 bytes[256];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct blob);
} source SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} sums SEC(".maps");

static __always_inline void put(__u32 index, __u64 value)
{
	bpf_map_update_elem(&sums, &index, &value, BPF_ANY);
}

/* The sum of the WINDOW bytes from offset off, or 0 when they run past the end. */
static __always_inline __u64 window_sum(struct bpf_dynptr *data, __u32 off)
{
	__u8 window[WINDOW];
	__u64 sum = 0;

	if (bpf_dynptr_read(window, sizeof(window), data, off, 0))
		return 0;
	for (int i = 0; i < WINDOW; i++)
		sum += window[i];
	return sum;
}

SEC("tc")
int dynptr_buffers(struct __sk_buff *skb)
{
	struct bpf_dynptr data;
	struct blob *blob;
	__u32 zero = 0;

	blob = bpf_map_lookup_elem(&source, &zero);
	if (!blob)
		return 0;
	bpf_dynptr_from_mem(blob, sizeof(*blob), 0, &data);
	put(0, window_sum(&data, 0));
	put(1, window_sum(&data, 16));
	put(2, window_sum(&data, 56));
	put(3, window_sum(&data, 57));
	return 1;
}

char _license[] SEC("license") = "GPL";
