// Callbacks: bpf_loop() and bpf_for_each_map_elem() take the address of a static function,
// which becomes a .text subprogram loaded with ld_imm64 (src_reg BPF_PSEUDO_FUNC).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 3);
	__type(key, __u32);
	__type(value, __u64);
} out SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} weights SEC(".maps");

struct sum_ctx {
	__u64 sum;
	__u32 limit;
	__u32 calls;
};

static __always_inline void put(__u32 slot, __u64 value)
{
	__u64 *v = bpf_map_lookup_elem(&out, &slot);

	if (v)
		*v = value;
}

/* Adds the indexes below the limit; returns 1 (stop) at the limit. */
static long add_index(__u32 index, void *data)
{
	struct sum_ctx *c = data;

	c->calls++;
	if (index >= c->limit)
		return 1;
	c->sum += index;
	return 0;
}

/* Weighs each entry by its position. */
static long weigh_entry(struct bpf_map *map, __u32 *key, __u64 *value, struct sum_ctx *c)
{
	c->calls++;
	c->sum += *value * (*key + 1);
	return 0;
}

SEC("xdp")
int loop_sum(struct xdp_md *ctx)
{
	struct sum_ctx c = { .limit = ctx->data_end - ctx->data };
	long n = bpf_loop(1000, add_index, &c, 0);

	put(0, c.sum);
	put(1, c.calls);
	put(2, n);
	return XDP_PASS;
}

SEC("xdp")
int map_sum(struct xdp_md *ctx)
{
	struct sum_ctx c = {};
	long n = bpf_for_each_map_elem(&weights, &weigh_entry, &c, 0);

	put(0, c.sum);
	put(1, c.calls);
	put(2, n);
	return XDP_PASS;
}

/* A timer callback: bpf_timer_set_callback takes the function's address too. */
struct timer_elem {
	struct bpf_timer timer;
	__u64 fired;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, struct timer_elem);
} timers SEC(".maps");

static int on_timer(void *map, int *key, struct timer_elem *e)
{
	e->fired += 1;
	return 0;
}

SEC("xdp")
int arm_timer(struct xdp_md *ctx)
{
	int key = 0;
	struct timer_elem *e = bpf_map_lookup_elem(&timers, &key);

	if (!e)
		return XDP_ABORTED;
	bpf_timer_init(&e->timer, &timers, 1 /* CLOCK_MONOTONIC */);
	bpf_timer_set_callback(&e->timer, on_timer);
	bpf_timer_start(&e->timer, 1000 /* ns */, 0);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
