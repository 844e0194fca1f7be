// A map key narrower than 8 bytes (`slot`) read from one map and used for another, after the
// struct key of the first lookup is dead: the frame lets `slot` reuse the struct's last word.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct addr_key {
	__u32 addr[4];
	__u16 port;
	__u8 proto;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, struct addr_key);
	__type(value, __u32);
} slots SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

SEC("xdp")
int count_by_slot(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__u32 *w = data;
	struct addr_key k = {};
	__u32 *found, slot;
	__u64 *c;

	if (data + 24 > data_end)
		return XDP_ABORTED;
	k.addr[0] = w[0];
	if (w[1] & 1)
		k.addr[1] = w[2];
	k.port = w[3];
	k.proto = w[4];
	found = bpf_map_lookup_elem(&slots, &k);
	if (!found)
		return XDP_PASS;
	slot = *found;
	c = bpf_map_lookup_elem(&counts, &slot);
	if (!c)
		return XDP_PASS;
	*c += 1;
	return XDP_DROP;
}

char _license[] SEC("license") = "GPL";
