// bpf_spin_lock in a map value: taken and released through the same value, no helper call and
// no return while it is held, the lock field itself never loaded or stored, and no lock at all
// in tracing programs or socket filters.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

struct counted { __u64 hits; struct bpf_spin_lock guard; __u32 last; };

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, struct counted);
} counters SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, struct counted);
} slots SEC(".maps");

struct armed { __u32 state; struct bpf_timer t; };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct armed);
} alarms SEC(".maps");

// @case lock_then_unlock accept
SEC("tc")
int lock_then_unlock(struct __sk_buff *skb)
{
	__u32 key = skb->mark & 15;
	struct counted *c = bpf_map_lookup_elem(&counters, &key);
	if (!c)
		return 0;
	bpf_spin_lock(&c->guard);
	c->hits++;
	c->last = skb->len;
	bpf_spin_unlock(&c->guard);
	return 0;
}

// @case helper_while_locked reject EINVAL "function calls are not allowed while holding a lock"
SEC("tc")
int helper_while_locked(struct __sk_buff *skb)
{
	__u32 key = 1;
	struct counted *c = bpf_map_lookup_elem(&counters, &key);
	if (!c)
		return 0;
	bpf_spin_lock(&c->guard);
	c->hits = bpf_ktime_get_ns();
	bpf_spin_unlock(&c->guard);
	return 0;
}

// @case return_while_locked reject EINVAL "BPF_EXIT instruction in main prog cannot be used inside bpf_spin_lock-ed region"
SEC("tc")
int return_while_locked(struct __sk_buff *skb)
{
	__u32 key = 2;
	struct counted *c = bpf_map_lookup_elem(&counters, &key);
	if (!c)
		return 0;
	bpf_spin_lock(&c->guard);
	if (c->hits > 100)
		return 1;
	c->hits++;
	bpf_spin_unlock(&c->guard);
	return 0;
}

// @case unlock_through_other_lookup reject EINVAL "bpf_spin_unlock of different lock"
SEC("tc")
int unlock_through_other_lookup(struct __sk_buff *skb)
{
	__u32 k1 = 1, k2 = 2;
	struct counted *a = bpf_map_lookup_elem(&counters, &k1);
	struct counted *b = bpf_map_lookup_elem(&counters, &k2);
	if (!a || !b)
		return 0;
	bpf_spin_lock(&a->guard);
	a->hits++;
	bpf_spin_unlock(&b->guard);
	return 0;
}

// @case unlock_through_copy accept
SEC("tc")
int unlock_through_copy(struct __sk_buff *skb)
{
	__u32 k = 3;
	struct counted *a = bpf_map_lookup_elem(&counters, &k);
	struct counted *same;
	if (!a)
		return 0;
	same = a;
	bpf_spin_lock(&a->guard);
	a->hits++;
	bpf_spin_unlock(&same->guard);
	return 0;
}

// @case unlock_never_locked reject EINVAL "bpf_spin_unlock without taking a lock"
SEC("tc")
int unlock_never_locked(struct __sk_buff *skb)
{
	__u32 k = 0;
	struct counted *a = bpf_map_lookup_elem(&slots, &k);
	if (!a)
		return 0;
	a->hits++;
	bpf_spin_unlock(&a->guard);
	return 0;
}

// @case read_lock_word reject EACCES "bpf_spin_lock cannot be accessed directly by load/store"
SEC("tc")
int read_lock_word(struct __sk_buff *skb)
{
	__u32 k = 0;
	struct counted *a = bpf_map_lookup_elem(&slots, &k);
	if (!a)
		return 0;
	return *(volatile __u32 *)&a->guard;
}

// @case copy_value_over_lock reject EACCES "bpf_spin_lock cannot be accessed directly by load/store"
SEC("tc")
int copy_value_over_lock(struct __sk_buff *skb)
{
	__u32 k = 0;
	struct counted *a = bpf_map_lookup_elem(&slots, &k);
	if (!a)
		return 0;
	bpf_map_update_elem(&counters, &k, a, BPF_ANY);
	return 0;
}

// @case write_timer_word reject EACCES "bpf_timer cannot be accessed directly by load/store"
SEC("tc")
int write_timer_word(struct __sk_buff *skb)
{
	__u32 k = 0;
	struct armed *a = bpf_map_lookup_elem(&alarms, &k);
	if (!a)
		return 0;
	a->state = 1;
	*(volatile __u64 *)&a->t = 0;
	return 0;
}

// @case lock_map_from_kprobe reject EINVAL "tracing progs cannot use bpf_spin_lock yet"
SEC("kprobe/do_nanosleep")
int lock_map_from_kprobe(void *ctx)
{
	__u32 k = 0;
	struct counted *a = bpf_map_lookup_elem(&slots, &k);
	return a ? 1 : 0;
}

// @case lock_map_from_socket_filter reject EINVAL "socket filter progs cannot use bpf_spin_lock yet"
SEC("socket")
int lock_map_from_socket_filter(struct __sk_buff *skb)
{
	__u32 k = 0;
	struct counted *a = bpf_map_lookup_elem(&slots, &k);
	return a ? 1 : 0;
}
