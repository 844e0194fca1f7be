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

// A callback runs an unknown number of times, zero included; bpf_loop at most as many times as
// its first argument allows. The index below is only safe for the values the program can reach.
static const volatile __u8 pick[2] = { 7, 9 };

struct counter { __u64 n; __u64 fixed; };

static int reset_counter(__u32 i, void *data)
{
	struct counter *c = data;
	c->n = 0;
	return 0;
}

static int bump_counter(__u32 i, void *data)
{
	struct counter *c = data;
	c->n++;
	return 0;
}

static long step_machine(struct bpf_map *map, __u32 *key, __u64 *val, void *data)
{
	struct counter *c = data;
	if (c->n == 0)
		c->n = 1;
	else if (c->n == 1)
		c->n = 40;
	return 0;
}

static long count_elems(struct bpf_map *map, __u32 *key, __u64 *val, void *data)
{
	struct counter *c = data;
	c->n++;
	return 0;
}

static long fill_key(struct bpf_map *map, __u32 *key, __u64 *val, void *data)
{
	bpf_get_current_comm(key, sizeof(*key));
	return 0;
}

static long fill_value(struct bpf_map *map, __u32 *key, __u64 *val, void *data)
{
	bpf_get_current_comm(val, sizeof(*val));
	return 0;
}

// @case loop_may_run_zero_times reject EACCES "invalid access to map value"
SEC("tc")
int loop_may_run_zero_times(struct __sk_buff *skb)
{
	struct counter c = { .n = 5 };
	bpf_loop(4, reset_counter, &c, 0);
	return pick[c.n];
}

// @case loop_runs_once_at_most accept
SEC("tc")
int loop_runs_once_at_most(struct __sk_buff *skb)
{
	struct counter c = { .n = 0 };
	bpf_loop(1, bump_counter, &c, 0);
	return pick[c.n];
}

// @case loop_runs_twice reject EACCES "invalid access to map value"
SEC("tc")
int loop_runs_twice(struct __sk_buff *skb)
{
	struct counter c = { .n = 0 };
	bpf_loop(2, bump_counter, &c, 0);
	return pick[c.n];
}

// @case loop_many_runs_unused_count accept
SEC("tc")
int loop_many_runs_unused_count(struct __sk_buff *skb)
{
	struct counter c = { .n = 0, .fixed = 1 };
	bpf_loop(100000, bump_counter, &c, 0);
	return pick[c.fixed];
}

// @case for_each_runs_the_machine_to_its_end accept
SEC("tc")
int for_each_runs_the_machine_to_its_end(struct __sk_buff *skb)
{
	struct counter c = { .n = 0 };
	bpf_for_each_map_elem(&arr, step_machine, &c, 0);
	return pick[c.n & 1];
}

// @case for_each_state_machine_index reject EACCES "invalid access to map value"
SEC("tc")
int for_each_state_machine_index(struct __sk_buff *skb)
{
	struct counter c = { .n = 0 };
	bpf_for_each_map_elem(&arr, step_machine, &c, 0);
	return pick[c.n];
}

// @case for_each_counts_unused accept
SEC("tc")
int for_each_counts_unused(struct __sk_buff *skb)
{
	struct counter c = { .n = 0, .fixed = 0 };
	bpf_for_each_map_elem(&arr, count_elems, &c, 0);
	return pick[c.fixed];
}

// @case for_each_helper_writes_key reject EACCES "cannot write into map_key"
SEC("tc")
int for_each_helper_writes_key(struct __sk_buff *skb)
{
	bpf_for_each_map_elem(&arr, fill_key, 0, 0);
	return 0;
}

// @case for_each_helper_writes_value accept
SEC("tc")
int for_each_helper_writes_value(struct __sk_buff *skb)
{
	bpf_for_each_map_elem(&arr, fill_value, 0, 0);
	return 0;
}
