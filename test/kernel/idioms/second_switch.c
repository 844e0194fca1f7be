// Two inlined functions switch on the same protocol byte, one after the other, and the caller
// tests each result for -1 between them. opt/thread.ts sends each arm of the first switch
// straight to the matching arm of the second: the TCP, UDP and other paths never test the
// protocol again, and a 16-bit port is never compared with -1.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct hdr {
	__u8 proto;
	__u8 pad;
	__u16 first;
	__u16 second;
	__u16 third;
};

static __always_inline int port_a(struct hdr *h, void *end, __u8 proto)
{
	switch (proto) {
	case 6:
		if ((void *)(h + 1) > end)
			return -1;
		return h->first;
	case 17:
		if ((void *)h + 6 > end)
			return -1;
		return h->second;
	default:
		return 0;
	}
}

static __always_inline int port_b(struct hdr *h, void *end, __u8 proto)
{
	switch (proto) {
	case 6:
		if ((void *)(h + 1) > end)
			return -1;
		return h->third;
	case 17:
		if ((void *)h + 6 > end)
			return -1;
		return h->first;
	default:
		return 0;
	}
}

SEC("xdp") int second_switch(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	struct hdr *h = data;
	int a, b;

	if (data + 1 > end)
		return 100;
	a = port_a(h, end, h->proto);
	if (a == -1)
		return 101;
	b = port_b(h, end, h->proto);
	if (b == -1)
		return 102;
	return a * 3 + b;
}

char _license[] SEC("license") = "GPL";
