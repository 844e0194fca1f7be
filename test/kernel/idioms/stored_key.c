// A map key in a stack slot: its address goes to a helper, so the slot keeps its stores, and the
// test on its value just after the store reads the stored constant (opt/forward-stores.ts). After
// a call that writes the slot through its address, the value is loaded again.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 4);
} hits SEC(".maps");

static __noinline void set_key(__u32 *key, __u32 value)
{
	*key = value;
}

SEC("tc") int stored_key(struct __sk_buff *skb)
{
	__u32 key = 2;
	__u64 *v;

	if (key >= 4)
		return -1;
	v = bpf_map_lookup_elem(&hits, &key);
	if (!v)
		return -2;
	*v += 1;
	set_key(&key, 3);
	return key;
}

char _license[] SEC("license") = "GPL";
