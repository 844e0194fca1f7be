// Two switch arms that inline the same function with the same arguments leave two identical
// blocks; the third arm differs in one constant. opt/merge-blocks.ts keeps one copy of the twins.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct rec {
	__u8 kind;
	__u8 len;
	__u16 a;
	__u32 b;
	__u32 c;
};

static __always_inline __u32 mix(struct rec *r, __u32 k)
{
	return (r->b ^ r->c) + r->a * k;
}

SEC("tc") int twin_blocks(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
	struct rec *r = data;
	__u32 out;

	if ((void *)(r + 1) > end)
		return -1;
	switch (r->kind) {
	case 1:
		if (r->len > 10) {
			out = mix(r, 3);
			break;
		}
		out = 7;
		break;
	case 2:
		out = mix(r, 3);
		break;
	case 3:
		out = mix(r, 5);
		break;
	default:
		out = 0;
	}
	return out;
}

char _license[] SEC("license") = "GPL";
