// Global (non-static) functions, compiled by ebcc: the kernel checks each call against the
// function's BTF prototype and verifies the function once, on its own, with unknown integers,
// the context, and pointers to sized memory that may be NULL.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

struct counters {
	int hits;
	int misses;
};

__attribute__((noinline)) int hits_unchecked(struct counters *c)
{
	return c->hits;
}

__attribute__((noinline)) int hits_checked(struct counters *c)
{
	if (!c)
		return 0;
	return c->hits;
}

__attribute__((noinline)) int slot_of(int *table, int i)
{
	if (!table)
		return 0;
	return table[i & 1];
}

__attribute__((noinline)) int slot_masked(int *table, int i)
{
	if (!table)
		return 0;
	return table[i & 0];
}

__attribute__((noinline)) int packet_len(struct xdp_md *ctx)
{
	return ctx->data_end - ctx->data;
}

__attribute__((noinline)) void count_hit(struct counters *c)
{
	if (c)
		c->hits++;
}

__attribute__((noinline)) int scaled(long v)
{
	return v * 3;
}

// @case pointer_arg_not_null_checked reject EACCES "invalid mem access 'mem_or_null'"
SEC("xdp")
int pointer_arg_not_null_checked(struct xdp_md *ctx)
{
	struct counters c = { 1, 2 };
	return hits_unchecked(&c) == 1 ? XDP_PASS : XDP_DROP;
}

// @case pointer_arg_null_checked accept
SEC("xdp")
int pointer_arg_null_checked(struct xdp_md *ctx)
{
	struct counters c = { 1, 2 };
	return hits_checked(&c) == 1 ? XDP_PASS : XDP_DROP;
}

// @case null_passed_for_pointer accept
SEC("xdp")
int null_passed_for_pointer(struct xdp_md *ctx)
{
	return hits_checked(0) == 1 ? XDP_PASS : XDP_DROP;
}

// @case integer_arg_unknown_in_callee reject EACCES "invalid access to memory"
SEC("xdp")
int integer_arg_unknown_in_callee(struct xdp_md *ctx)
{
	int table[1] = { 7 };
	return slot_of(table, 0) == 7 ? XDP_PASS : XDP_DROP;
}

// @case integer_arg_masked_in_callee accept
SEC("xdp")
int integer_arg_masked_in_callee(struct xdp_md *ctx)
{
	int table[1] = { 7 };
	return slot_masked(table, 0) == 7 ? XDP_PASS : XDP_DROP;
}

// @case ctx_passed_for_ctx accept
SEC("xdp")
int ctx_passed_for_ctx(struct xdp_md *ctx)
{
	return packet_len(ctx) > 60 ? XDP_PASS : XDP_DROP;
}

// @case stack_passed_for_ctx reject EINVAL "arg#0 expects pointer to ctx"
SEC("xdp")
int stack_passed_for_ctx(struct xdp_md *ctx)
{
	struct xdp_md copy = {};
	return packet_len(&copy) > 60 ? XDP_PASS : XDP_DROP;
}

// @case void_global_function reject EINVAL "Global function count_hit() doesn't return scalar. Only those are supported."
SEC("xdp")
int void_global_function(struct xdp_md *ctx)
{
	struct counters c = { 0, 0 };
	count_hit(&c);
	return c.hits ? XDP_PASS : XDP_DROP;
}

// @case too_little_memory_for_pointer accept
SEC("xdp")
int too_little_memory_for_pointer(struct xdp_md *ctx)
{
	int one = 1;
	return hits_checked((struct counters *)&one) ? XDP_PASS : XDP_DROP;
}

// @case pointer_passed_for_integer reject EINVAL "is not a scalar"
SEC("xdp")
int pointer_passed_for_integer(struct xdp_md *ctx)
{
	int x = 4;
	return scaled((long)&x) ? XDP_PASS : XDP_DROP;
}

// @case integer_passed_for_integer accept
SEC("xdp")
int integer_passed_for_integer(struct xdp_md *ctx)
{
	return scaled(ctx->ingress_ifindex) > 3 ? XDP_PASS : XDP_DROP;
}

// A pointer to any sized type is memory of that size: a struct that holds a pointer too. What
// the callee reads back from such a struct is a number, not a pointer.
struct cursor {
	unsigned char *pos;
	int len;
};

__attribute__((noinline)) int cursor_len(struct cursor *c)
{
	if (!c)
		return 0;
	return c->len;
}

__attribute__((noinline)) int cursor_first(struct cursor *c)
{
	if (!c)
		return 0;
	return *c->pos;
}

// @case pointer_to_struct_with_pointer accept
SEC("xdp")
int pointer_to_struct_with_pointer(struct xdp_md *ctx)
{
	struct cursor c = { 0, 3 };
	return cursor_len(&c) == 3 ? XDP_PASS : XDP_DROP;
}

// @case pointer_read_back_from_struct_arg reject EACCES "invalid mem access 'scalar'"
SEC("xdp")
int pointer_read_back_from_struct_arg(struct xdp_md *ctx)
{
	unsigned char byte = 7;
	struct cursor c = { &byte, 1 };
	return cursor_first(&c) == 7 ? XDP_PASS : XDP_DROP;
}
