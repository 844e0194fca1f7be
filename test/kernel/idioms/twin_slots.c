// Three early returns inline the same recording function, each with its own stack slots for the
// key and the value; two record into the same entry. opt/merge-blocks.ts renames slots that only
// one block uses, so those two share one copy of the code; the third, with another key, keeps its own.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} seen_len SEC(".maps");

static __always_inline int record(struct __sk_buff *skb, __u32 which)
{
	__u32 key = which;
	__u64 len = skb->len;

	bpf_map_update_elem(&seen_len, &key, &len, BPF_ANY);
	return 1;
}

SEC("tc") int twin_slots(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
	__u8 *p = data;

	if (p + 2 > end)
		return -1;
	if (p[0] == 1)
		return record(skb, 2);
	if (p[1] == 1)
		return record(skb, 2);
	if (p[0] == 3)
		return record(skb, 3);
	return 0;
}

char _license[] SEC("license") = "GPL";
