// SPDX-License-Identifier: GPL-2.0
/* Locals that only fit in the 512 bytes of BPF stack when those whose contents are never
 * needed at the same time share their bytes: four 160-byte windows read one after the other
 * (640 bytes if each kept its own), then three 64-byte windows whose contents are all needed
 * at once, and the 4-byte keys and 8-byte values of the map updates. Each window is read with
 * bpf_xdp_load_bytes, which writes the buffer it is given. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define WIDE 160
#define NARROW 64

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} results SEC(".maps");

static __always_inline void put(__u32 index, __u64 value)
{
	bpf_map_update_elem(&results, &index, &value, BPF_ANY);
}

/* The sum of the len packet bytes from offset off, read into buf (0 if the packet is shorter). */
static __always_inline __u64 sum_into(struct xdp_md *ctx, __u32 off, __u8 *buf, __u32 len)
{
	__u64 sum = 0;

	if (bpf_xdp_load_bytes(ctx, off, buf, len) < 0)
		return 0;
	for (__u32 i = 0; i < len; i++)
		sum += buf[i];
	return sum;
}

static __always_inline __u64 sum_wide(struct xdp_md *ctx, __u32 off)
{
	__u8 buf[WIDE];

	return sum_into(ctx, off, buf, sizeof(buf));
}

static __always_inline __u64 sum_narrow(struct xdp_md *ctx, __u32 off)
{
	__u8 buf[NARROW];

	return sum_into(ctx, off, buf, sizeof(buf));
}

SEC("xdp")
int stack_sharing(struct xdp_md *ctx)
{
	__u8 low[NARROW], high[NARROW];
	__u64 diff = 0, middle;

	put(0, sum_wide(ctx, 0));
	put(1, sum_wide(ctx, 32));
	for (int k = 2; k < 4; k++)
		put(k, sum_wide(ctx, 32 * k));

	/* low and high hold their bytes while a third window is read and summed. */
	if (bpf_xdp_load_bytes(ctx, 0, low, sizeof(low)) < 0 ||
	    bpf_xdp_load_bytes(ctx, NARROW, high, sizeof(high)) < 0)
		return XDP_ABORTED;
	middle = sum_narrow(ctx, 2 * NARROW);
	for (int i = 0; i < NARROW; i++)
		diff += high[i] - low[i];
	put(4, diff);
	put(5, middle);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
