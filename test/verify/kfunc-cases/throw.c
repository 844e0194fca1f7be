// bpf_throw (exceptions): the call ends the path the way an exit does; the kernel checks the
// cookie as the program's return value and refuses a throw that leaves anything held.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

extern void bpf_throw(__u64 cookie) __ksym;
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;

struct val { struct bpf_spin_lock lock; __u64 n; };
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct val);
} vals SEC(".maps");

// @case throw_on_long_packet accept
SEC("tc")
int throw_on_long_packet(struct __sk_buff *skb)
{
	if (skb->len > 1000)
		bpf_throw(0);
	return 0;
}

// @case throw_holding_socket reject EINVAL "Unreleased reference"
SEC("tc")
int throw_holding_socket(struct __sk_buff *skb)
{
	struct bpf_sock_tuple t = {};
	struct bpf_sock *sk = bpf_sk_lookup_tcp(skb, &t, sizeof(t.ipv4), -1, 0);

	if (!sk)
		return 0;
	if (skb->len > 1000)
		bpf_throw(0);
	bpf_sk_release(sk);
	return 0;
}

// @case throw_after_release accept
SEC("tc")
int throw_after_release(struct __sk_buff *skb)
{
	struct bpf_sock_tuple t = {};
	struct bpf_sock *sk = bpf_sk_lookup_tcp(skb, &t, sizeof(t.ipv4), -1, 0);

	if (!sk)
		return 0;
	bpf_sk_release(sk);
	if (skb->len > 1000)
		bpf_throw(0);
	return 0;
}

// @case throw_in_rcu_section reject EINVAL "bpf_throw cannot be used inside bpf_rcu_read_lock-ed region"
SEC("tc")
int throw_in_rcu_section(struct __sk_buff *skb)
{
	bpf_rcu_read_lock();
	if (skb->len > 1000)
		bpf_throw(0);
	bpf_rcu_read_unlock();
	return 0;
}

// @case throw_under_spin_lock reject EINVAL "function calls are not allowed while holding a lock"
SEC("tc")
int throw_under_spin_lock(struct __sk_buff *skb)
{
	__u32 key = 0;
	struct val *v = bpf_map_lookup_elem(&vals, &key);

	if (!v)
		return 0;
	bpf_spin_lock(&v->lock);
	if (skb->len > 1000)
		bpf_throw(0);
	v->n++;
	bpf_spin_unlock(&v->lock);
	return 0;
}

static __attribute__((noinline)) int check_len(struct __sk_buff *skb)
{
	if (skb->len > 1000)
		bpf_throw(1);
	return skb->len;
}

// @case throw_in_static_function accept
SEC("tc")
int throw_in_static_function(struct __sk_buff *skb)
{
	return check_len(skb) > 10;
}

// @case throw_in_function_caller_holds_socket reject EINVAL "Unreleased reference"
SEC("tc")
int throw_in_function_caller_holds_socket(struct __sk_buff *skb)
{
	struct bpf_sock_tuple t = {};
	struct bpf_sock *sk = bpf_sk_lookup_tcp(skb, &t, sizeof(t.ipv4), -1, 0);
	int r;

	if (!sk)
		return 0;
	r = check_len(skb);
	bpf_sk_release(sk);
	return r > 10;
}

// @case throw_in_function_under_rcu reject EINVAL "bpf_throw cannot be used inside bpf_rcu_read_lock-ed region"
SEC("tc")
int throw_in_function_under_rcu(struct __sk_buff *skb)
{
	int r;

	bpf_rcu_read_lock();
	r = check_len(skb);
	bpf_rcu_read_unlock();
	return r > 10;
}

__attribute__((noinline)) int global_check(struct __sk_buff *skb)
{
	if (!skb)
		return 0;
	if (skb->len > 1000)
		bpf_throw(2);
	return skb->len;
}

// @case throw_in_global_function accept
SEC("tc")
int throw_in_global_function(struct __sk_buff *skb)
{
	return global_check(skb) > 10;
}

static int loop_body(__u32 i, void *data)
{
	if (i > 3)
		bpf_throw(0);
	return 0;
}

// @case throw_in_loop_callback reject EINVAL "cannot be called from callback"
SEC("tc")
int throw_in_loop_callback(struct __sk_buff *skb)
{
	bpf_loop(8, loop_body, 0, 0);
	return 0;
}

// @case throw_cookie_in_range accept
SEC("cgroup_skb/ingress")
int throw_cookie_in_range(struct __sk_buff *skb)
{
	if (skb->len > 1000)
		bpf_throw(0);
	return 1;
}

// @case throw_cookie_out_of_range reject EINVAL "should have been in [0, 1]"
SEC("cgroup_skb/ingress")
int throw_cookie_out_of_range(struct __sk_buff *skb)
{
	if (skb->len > 1000)
		bpf_throw(7);
	return 1;
}

// @case throw_pointer_cookie reject EINVAL "R1 is not a scalar"
SEC("tc")
int throw_pointer_cookie(struct __sk_buff *skb)
{
	if (skb->len > 1000)
		bpf_throw((__u64)skb);
	return 0;
}

// @case throw_in_global_function_caller_holds_socket reject EINVAL "Unreleased reference"
SEC("tc")
int throw_in_global_function_caller_holds_socket(struct __sk_buff *skb)
{
	struct bpf_sock_tuple t = {};
	struct bpf_sock *sk = bpf_sk_lookup_tcp(skb, &t, sizeof(t.ipv4), -1, 0);
	int r;

	if (!sk)
		return 0;
	r = global_check(skb);
	bpf_sk_release(sk);
	return r > 10;
}

static __attribute__((noinline)) int loop_helper(__u32 i)
{
	if (i > 3)
		bpf_throw(0);
	return 0;
}

static int loop_body2(__u32 i, void *data)
{
	return loop_helper(i);
}

// @case throw_in_function_of_loop_callback reject EINVAL "cannot be called from callback"
SEC("tc")
int throw_in_function_of_loop_callback(struct __sk_buff *skb)
{
	bpf_loop(8, loop_body2, 0, 0);
	return 0;
}

struct timer_elem { struct bpf_timer t; };
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, struct timer_elem);
} timers SEC(".maps");

static int timer_fired(void *map, int *key, struct bpf_timer *timer)
{
	bpf_throw(0);
	return 0;
}

// @case throw_in_timer_callback reject EINVAL "cannot be called from callback subprog"
SEC("tc")
int throw_in_timer_callback(struct __sk_buff *skb)
{
	int k = 0;
	struct timer_elem *e = bpf_map_lookup_elem(&timers, &k);

	if (!e)
		return 0;
	return bpf_timer_set_callback(&e->t, timer_fired);
}
