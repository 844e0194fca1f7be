// Control flow in C, compiled by ebcc: return values per program type, loops, subprograms.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

static __attribute__((noinline)) int clamp_index(int i)
{
	if (i < 0)
		return 0;
	if (i > 7)
		return 7;
	return i;
}

// @case cgroup_skb_returns_bool accept
SEC("cgroup_skb/ingress")
int cgroup_skb_returns_bool(struct __sk_buff *skb)
{
	return skb->len > 100;
}

// @case cgroup_skb_returns_len reject EINVAL "At program exit the register"
SEC("cgroup_skb/ingress")
int cgroup_skb_returns_len(struct __sk_buff *skb)
{
	return skb->len;
}

// @case cgroup_skb_returns_two reject EINVAL "At program exit the register"
SEC("cgroup_skb/ingress")
int cgroup_skb_returns_two(struct __sk_buff *skb)
{
	return 2;
}

// @case loop_sum_100 accept
SEC("socket")
int loop_sum_100(struct __sk_buff *skb)
{
	unsigned int sum = 0;
	for (unsigned int i = 0; i < 100; i++)
		sum += i * skb->len;
	return sum;
}

// @case loop_over_stack_array accept
SEC("socket")
int loop_over_stack_array(struct __sk_buff *skb)
{
	unsigned int a[16];
	unsigned int sum = 0;
	for (int i = 0; i < 16; i++)
		a[i] = i * skb->len;
	for (int i = 0; i < 16; i++)
		sum += a[i];
	return sum;
}

// @case static_subprogram_call accept
SEC("socket")
int static_subprogram_call(struct __sk_buff *skb)
{
	return clamp_index(skb->len);
}

// @case big_stack_buffer accept
SEC("socket")
int big_stack_buffer(struct __sk_buff *skb)
{
	volatile char buf[480];
	buf[0] = 1;
	buf[479] = 2;
	return buf[0] + buf[479];
}

// @case helper_not_allowed_socket reject EINVAL "program of this type cannot use helper bpf_redirect#23"
SEC("socket")
int helper_not_allowed_socket(struct __sk_buff *skb)
{
	return bpf_redirect(1, 0);
}

// @case helper_allowed_tc accept
SEC("tc")
int helper_allowed_tc(struct __sk_buff *skb)
{
	return bpf_redirect(1, 0);
}

// @case trace_printk_in_kprobe accept
SEC("kprobe/do_sys_open")
int trace_printk_in_kprobe(void *ctx)
{
	char fmt[] = "hi\n";
	bpf_trace_printk(fmt, sizeof(fmt));
	return 0;
}

// @case xdp_write_ctx_field reject EACCES "invalid bpf_context access"
SEC("xdp")
int xdp_write_ctx_field(struct xdp_md *ctx)
{
	ctx->rx_queue_index = 0;
	return XDP_PASS;
}

// @case tc_write_mark_field accept
SEC("tc")
int tc_write_mark_field(struct __sk_buff *skb)
{
	skb->mark = 42;
	return 0;
}

// @case divide_by_variable accept
SEC("socket")
int divide_by_variable(struct __sk_buff *skb)
{
	return 1000 / skb->len;
}

// @case modulo_by_variable accept
SEC("socket")
int modulo_by_variable(struct __sk_buff *skb)
{
	return 1000 % skb->mark;
}

// LD_ABS/LD_IND and tail calls are allowed in a subprogram only when its BTF prototype returns
// an integer (check_btf_func).
unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} jumps SEC(".maps");

static __attribute__((noinline)) int first_byte_int(struct __sk_buff *skb)
{
	return load_byte(skb, 0);
}

static __attribute__((noinline)) void first_byte_void(struct __sk_buff *skb)
{
	skb->cb[0] = load_byte(skb, 0);
}

static __attribute__((noinline)) int jump_int(struct __sk_buff *skb)
{
	bpf_tail_call(skb, &jumps, 0);
	return 0;
}

static __attribute__((noinline)) void jump_void(struct __sk_buff *skb)
{
	bpf_tail_call(skb, &jumps, 0);
}

// @case ld_abs_in_int_subprog accept
SEC("socket")
int ld_abs_in_int_subprog(struct __sk_buff *skb)
{
	return first_byte_int(skb);
}

// @case ld_abs_in_void_subprog reject EINVAL "LD_ABS is only allowed in functions that return 'int'."
SEC("socket")
int ld_abs_in_void_subprog(struct __sk_buff *skb)
{
	first_byte_void(skb);
	return 0;
}

// @case tail_call_in_int_subprog accept
SEC("tc")
int tail_call_in_int_subprog(struct __sk_buff *skb)
{
	return jump_int(skb);
}

// @case tail_call_in_void_subprog reject EINVAL "tail_call is only allowed in functions that return 'int'."
SEC("tc")
int tail_call_in_void_subprog(struct __sk_buff *skb)
{
	jump_void(skb);
	return 0;
}
