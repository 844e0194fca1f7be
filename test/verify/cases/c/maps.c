// Maps and globals in C, compiled by ebcc: NULL checks after lookups, value bounds, and global
// variables (ld_imm64 of a map value in .data/.bss/.rodata).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

struct val { __u64 packets; __u64 bytes; __u32 slots[8]; };

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, struct val);
} stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, struct val);
} table SEC(".maps");

const volatile __u32 low = 1;
const volatile __u32 threshold = 10;

// @case hash_lookup_checked accept
SEC("xdp")
int hash_lookup_checked(struct xdp_md *ctx)
{
	__u32 key = ctx->rx_queue_index;
	struct val *v = bpf_map_lookup_elem(&stats, &key);
	if (!v)
		return XDP_PASS;
	v->packets++;
	return XDP_PASS;
}

// @case hash_lookup_unchecked reject EACCES "invalid mem access 'map_value_or_null'"
SEC("xdp")
int hash_lookup_unchecked(struct xdp_md *ctx)
{
	__u32 key = ctx->rx_queue_index;
	struct val *v = bpf_map_lookup_elem(&stats, &key);
	v->packets++;
	return XDP_PASS;
}

// @case array_lookup_variable_key_unchecked reject EACCES "invalid mem access 'map_value_or_null'"
SEC("xdp")
int array_lookup_variable_key_unchecked(struct xdp_md *ctx)
{
	__u32 key = ctx->rx_queue_index;
	struct val *v = bpf_map_lookup_elem(&table, &key);
	return v->packets ? XDP_DROP : XDP_PASS;
}

// @case array_lookup_constant_key_unchecked accept
SEC("xdp")
int array_lookup_constant_key_unchecked(struct xdp_md *ctx)
{
	__u32 key = 1;
	struct val *v = bpf_map_lookup_elem(&table, &key);
	return v->packets ? XDP_DROP : XDP_PASS;
}

// @case array_lookup_constant_key_out_of_range reject EACCES "invalid mem access 'map_value_or_null'"
SEC("xdp")
int array_lookup_constant_key_out_of_range(struct xdp_md *ctx)
{
	__u32 key = 9;
	struct val *v = bpf_map_lookup_elem(&table, &key);
	return v->packets ? XDP_DROP : XDP_PASS;
}

// @case slot_index_masked accept
SEC("xdp")
int slot_index_masked(struct xdp_md *ctx)
{
	__u32 key = 0;
	__u32 i = ctx->rx_queue_index & 7;
	struct val *v = bpf_map_lookup_elem(&stats, &key);
	if (!v)
		return XDP_PASS;
	v->slots[i]++;
	return XDP_PASS;
}

// @case slot_index_checked accept
SEC("xdp")
int slot_index_checked(struct xdp_md *ctx)
{
	__u32 key = 0;
	__u32 i = ctx->rx_queue_index;
	struct val *v = bpf_map_lookup_elem(&stats, &key);
	if (!v || i >= 8)
		return XDP_PASS;
	v->slots[i]++;
	return XDP_PASS;
}

// @case slot_index_off_by_one reject EACCES "invalid access to map value"
SEC("xdp")
int slot_index_off_by_one(struct xdp_md *ctx)
{
	__u32 key = 0;
	__u32 i = ctx->rx_queue_index;
	struct val *v = bpf_map_lookup_elem(&stats, &key);
	if (!v || i > 8)
		return XDP_PASS;
	v->slots[i]++;
	return XDP_PASS;
}

// @case slot_index_unchecked reject EACCES "unbounded memory access"
SEC("xdp")
int slot_index_unchecked(struct xdp_md *ctx)
{
	__u32 key = 0;
	__u32 i = ctx->rx_queue_index;
	struct val *v = bpf_map_lookup_elem(&stats, &key);
	if (!v)
		return XDP_PASS;
	v->slots[i]++;
	return XDP_PASS;
}

// @case rodata_threshold accept
SEC("xdp")
int rodata_threshold(struct xdp_md *ctx)
{
	return ctx->rx_queue_index > threshold ? XDP_DROP : XDP_PASS;
}

// @case rodata_two_values accept
SEC("xdp")
int rodata_two_values(struct xdp_md *ctx)
{
	__u32 q = ctx->rx_queue_index;
	return q > threshold || q < low ? XDP_DROP : XDP_PASS;
}

// @case update_with_stack_value accept
SEC("xdp")
int update_with_stack_value(struct xdp_md *ctx)
{
	__u32 key = ctx->rx_queue_index;
	struct val v = {};
	v.packets = 1;
	bpf_map_update_elem(&stats, &key, &v, BPF_ANY);
	return XDP_PASS;
}

// @case lookup_or_init accept
SEC("xdp")
int lookup_or_init(struct xdp_md *ctx)
{
	__u32 key = ctx->ingress_ifindex;
	struct val *v = bpf_map_lookup_elem(&stats, &key);
	if (v) {
		__sync_fetch_and_add(&v->packets, 1);
	} else {
		struct val init = { .packets = 1 };
		bpf_map_update_elem(&stats, &key, &init, BPF_NOEXIST);
	}
	return XDP_PASS;
}

// @case pointer_kept_past_delete accept
SEC("xdp")
int pointer_kept_past_delete(struct xdp_md *ctx)
{
	__u32 key = 3;
	struct val *v = bpf_map_lookup_elem(&stats, &key);
	if (!v)
		return XDP_PASS;
	bpf_map_delete_elem(&stats, &key);
	return v->packets ? XDP_DROP : XDP_PASS;
}

// A map whose value holds a struct bpf_timer: the tracing program types (kprobe, tracepoint,
// perf_event, raw_tracepoint) may not use it at all, other types may.
struct with_timer { struct bpf_timer t; __u64 fires; };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct with_timer);
} timers SEC(".maps");

// @case timer_map_from_kprobe reject EINVAL "tracing progs cannot use bpf_timer yet"
SEC("kprobe/do_nanosleep")
int timer_map_from_kprobe(void *ctx)
{
	__u32 key = 0;
	struct with_timer *w = bpf_map_lookup_elem(&timers, &key);
	return w ? 1 : 0;
}

// @case timer_map_from_raw_tp reject EINVAL "tracing progs cannot use bpf_timer yet"
SEC("raw_tp/sys_enter")
int timer_map_from_raw_tp(void *ctx)
{
	__u32 key = 0;
	struct with_timer *w = bpf_map_lookup_elem(&timers, &key);
	if (w)
		w->fires++;
	return 0;
}

// @case timer_map_from_tc accept
SEC("tc")
int timer_map_from_tc(struct __sk_buff *skb)
{
	__u32 key = 0;
	struct with_timer *w = bpf_map_lookup_elem(&timers, &key);
	if (w)
		w->fires++;
	return 0;
}
