/* Loops with a constant trip count: a small one is unrolled, a large one stays a loop (its
 * unrolled copies would take more room than the loop), and pragmas decide either way. Each
 * program hashes the bytes of the packet up to the first zero byte, at most a number of them. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define HASH_STEP(h, c) ((h) * 31 + (c))

/* At most 4 bytes: unrolled. */
SEC("xdp")
int hash_small(struct xdp_md *ctx)
{
	__u8 *p = (void *)(long)ctx->data;
	__u8 *data_end = (void *)(long)ctx->data_end;
	__u32 h = 7;

	for (int i = 0; i < 4; i++) {
		if (p + 1 > data_end || *p == 0)
			break;
		h = HASH_STEP(h, *p);
		p++;
	}
	return h;
}

/* At most 96 bytes: kept as a loop. */
SEC("xdp")
int hash_large(struct xdp_md *ctx)
{
	__u8 *p = (void *)(long)ctx->data;
	__u8 *data_end = (void *)(long)ctx->data_end;
	__u32 h = 7;

	for (int i = 0; i < 96; i++) {
		if (p + 1 > data_end || *p == 0)
			break;
		h = HASH_STEP(h, *p);
		p++;
	}
	return h;
}

/* The same 96 bytes, unrolled because the pragma asks for it. */
SEC("xdp")
int hash_large_unrolled(struct xdp_md *ctx)
{
	__u8 *p = (void *)(long)ctx->data;
	__u8 *data_end = (void *)(long)ctx->data_end;
	__u32 h = 7;

#pragma unroll
	for (int i = 0; i < 96; i++) {
		if (p + 1 > data_end || *p == 0)
			break;
		h = HASH_STEP(h, *p);
		p++;
	}
	return h;
}

/* The same 4 bytes, kept as a loop because the pragma asks for it. */
SEC("xdp")
int hash_small_kept(struct xdp_md *ctx)
{
	__u8 *p = (void *)(long)ctx->data;
	__u8 *data_end = (void *)(long)ctx->data_end;
	__u32 h = 7;

#pragma clang loop unroll(disable)
	for (int i = 0; i < 4; i++) {
		if (p + 1 > data_end || *p == 0)
			break;
		h = HASH_STEP(h, *p);
		p++;
	}
	return h;
}

char _license[] SEC("license") = "GPL";
