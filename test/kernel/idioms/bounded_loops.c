/* Loops whose trip count is not a compile-time constant stay loops: the kernel's verifier walks
 * them iteration by iteration. Each program returns a value the test works out from the C. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} ext_limit SEC(".maps");

/* The sum of the bytes after the first; the first byte's low 5 bits say how many. */
SEC("xdp")
int sum_bytes(struct xdp_md *ctx)
{
	__u8 *data = (void *)(long)ctx->data;
	__u8 *data_end = (void *)(long)ctx->data_end;
	__u32 n, sum = 0;

	if (data + 1 > data_end)
		return 0;
	n = data[0] & 31;
	for (__u32 i = 0; i < n; i++) {
		if (data + 2 + i > data_end)
			break;
		sum += data[1 + i];
	}
	return sum;
}

/* Walks the IPv6 extension headers after an Ethernet and IPv6 header, at most as many as the
 * map says (up to 15): returns the offset reached << 8 | the next header there. */
SEC("xdp")
int ipv6_ext(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__u32 key = 0, off = 54, max;
	__u32 *limit = bpf_map_lookup_elem(&ext_limit, &key);
	__u8 nh;

	if (!limit)
		return 0;
	max = *limit & 15;
	if (data + 54 > data_end)
		return 1;
	nh = ((__u8 *)data)[20];
	for (__u32 k = 0; k < max; k++) {
		__u8 *h = data + off;

		if (nh != 0 && nh != 43 && nh != 60)
			break;
		if ((void *)(h + 2) > data_end)
			return 2;
		nh = h[0];
		off += (h[1] + 1) * 8;
		if (off > 1500)
			return 3;
	}
	return off << 8 | nh;
}

/* A constant loop too long to unroll (20,000 iterations) stays a loop. */
SEC("xdp")
int long_sum(struct xdp_md *ctx)
{
	__u8 *data = (void *)(long)ctx->data;
	__u8 *data_end = (void *)(long)ctx->data_end;
	__u32 s;

	if (data + 1 > data_end)
		return 0;
	s = data[0];
	for (__u32 i = 0; i < 20000; i++)
		s += i;
	return s;
}

/*
 * A constant loop of 100 iterations around a loop bounded by packet data: both stay loops (the
 * outer one is not unrolled into a hundred copies of the inner loop).
 */
SEC("xdp")
int nested_sum(struct xdp_md *ctx)
{
	__u8 *data = (void *)(long)ctx->data;
	__u8 *data_end = (void *)(long)ctx->data_end;
	__u32 n, s = 0;

	if (data + 1 > data_end)
		return 0;
	n = data[0] & 7;
	for (__u32 j = 0; j < 100; j++)
		for (__u32 i = 0; i < n; i++)
			s += i + j;
	return s;
}

/* Twelve values live across the back edge (more than the callee-saved registers hold). */
SEC("xdp")
int many_live(struct xdp_md *ctx)
{
	__u8 *data = (void *)(long)ctx->data;
	__u8 *data_end = (void *)(long)ctx->data_end;
	__u32 a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8, p = 9, q = 10, r = 11, s = 12, n;

	if (data + 1 > data_end)
		return 0;
	n = data[0] & 15;
	for (__u32 i = 0; i < n; i++) {
		__u32 x;

		if (data + 2 + i > data_end)
			break;
		x = data[1 + i];
		a += x;
		b ^= x << 1;
		c += x * 3;
		d = d * 5 + x;
		e += a;
		f ^= b;
		g += c ^ i;
		h = h + d + 1;
		p += e >> 1;
		q ^= f + i;
		r += g & 0xff;
		s = (s << 1) ^ h;
	}
	return a ^ b ^ c ^ d ^ e ^ f ^ g ^ h ^ p ^ q ^ r ^ s;
}

char _license[] SEC("license") = "GPL";
