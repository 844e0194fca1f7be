// Callbacks in C, compiled by ebcc: bpf_loop and bpf_for_each_map_elem, whose callbacks the
// verifier checks as subprograms with their own argument types and return range.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} arr SEC(".maps");

struct acc { __u64 sum; __u32 steps; __u32 pad; };

static int add_index(__u32 i, void *data)
{
	struct acc *a = data;
	a->sum += i;
	a->steps++;
	return 0;
}

static int stop_at_ten(__u32 i, void *data)
{
	struct acc *a = data;
	a->sum += i;
	return i >= 10;
}

static int returns_two(__u32 i, void *data)
{
	return 2;
}

static int reads_past_ctx(__u32 i, void *data)
{
	struct acc *a = data;
	return *((__u64 *)a + 4) != 0;
}

static long sum_values(void *map, __u32 *key, __u64 *value, void *data)
{
	struct acc *a = data;
	a->sum += *value;
	return 0;
}

static long sum_values_past_end(void *map, __u32 *key, __u64 *value, void *data)
{
	struct acc *a = data;
	a->sum += value[1];
	return 0;
}

// @case loop_callback_sums accept
SEC("xdp")
int loop_callback_sums(struct xdp_md *ctx)
{
	struct acc a = {};
	bpf_loop(100, add_index, &a, 0);
	return a.sum > 10 ? XDP_PASS : XDP_DROP;
}

// @case loop_callback_stops_early accept
SEC("xdp")
int loop_callback_stops_early(struct xdp_md *ctx)
{
	struct acc a = {};
	bpf_loop(1000, stop_at_ten, &a, 0);
	return XDP_PASS;
}

// @case loop_callback_returns_two reject EINVAL "At callback return the register"
SEC("xdp")
int loop_callback_returns_two(struct xdp_md *ctx)
{
	struct acc a = {};
	bpf_loop(4, returns_two, &a, 0);
	return XDP_PASS;
}

// @case loop_callback_reads_past_its_context reject EACCES "invalid read from stack"
SEC("xdp")
int loop_callback_reads_past_its_context(struct xdp_md *ctx)
{
	struct acc a = {};
	bpf_loop(4, reads_past_ctx, &a, 0);
	return XDP_PASS;
}

// @case for_each_map_elem_sums accept
SEC("xdp")
int for_each_map_elem_sums(struct xdp_md *ctx)
{
	struct acc a = {};
	bpf_for_each_map_elem(&arr, sum_values, &a, 0);
	return a.sum ? XDP_PASS : XDP_DROP;
}

// @case for_each_map_elem_value_past_end reject EACCES "invalid access to map value"
SEC("xdp")
int for_each_map_elem_value_past_end(struct xdp_md *ctx)
{
	struct acc a = {};
	bpf_for_each_map_elem(&arr, sum_values_past_end, &a, 0);
	return XDP_PASS;
}

// @case loop_flags_nonzero accept
SEC("xdp")
int loop_flags_nonzero(struct xdp_md *ctx)
{
	struct acc a = {};
	bpf_loop(4, add_index, &a, 1);
	return XDP_PASS;
}
