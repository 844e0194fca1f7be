// Reads through the connection a conntrack lookup returns (bpf_xdp_ct_lookup: a trusted,
// referenced pointer to the kernel's struct nf_conn): each must fit the kernel's own layout of
// the struct (check_ptr_to_btf_access). A struct declared with preserve_access_index gets its
// members moved to the kernel's offsets by CO-RE; one declared without it is read at the
// offsets the program gives, where the kernel's struct starts with another struct.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

struct nf_conn {
	unsigned long status;
} __attribute__((preserve_access_index));

/* No CO-RE: status at offset 0, where the kernel has struct nf_conntrack (4 bytes). */
struct nf_conn___fixed {
	unsigned long status;
};

struct lookup_opts {
	int netns_id;
	int error;
	unsigned char l4proto, dir, reserved[2];
};

extern struct nf_conn *bpf_xdp_ct_lookup(struct xdp_md *ctx, struct bpf_sock_tuple *tuple, __u32 tuple__sz,
					 struct lookup_opts *opts, __u32 opts__sz) __ksym;
extern void bpf_ct_release(struct nf_conn *ct) __ksym;

static __always_inline struct nf_conn *lookup(struct xdp_md *ctx)
{
	struct bpf_sock_tuple tup = {};
	struct lookup_opts opts = { .netns_id = -1, .l4proto = 6 };

	tup.ipv4.saddr = 0x0100007f;
	tup.ipv4.daddr = 0x0100007f;
	tup.ipv4.dport = 0x5000;
	return bpf_xdp_ct_lookup(ctx, &tup, sizeof(tup.ipv4), &opts, sizeof(opts));
}

// @case status_relocated accept
SEC("xdp")
int status_relocated(struct xdp_md *ctx)
{
	struct nf_conn *ct = lookup(ctx);
	unsigned long status;

	if (!ct)
		return XDP_PASS;
	status = ct->status;
	bpf_ct_release(ct);
	return status & 8 ? XDP_PASS : XDP_DROP;
}

// @case status_fixed_offset reject EACCES "access beyond struct nf_conntrack at off 0 size 8"
SEC("xdp")
int status_fixed_offset(struct xdp_md *ctx)
{
	struct nf_conn___fixed *ct = (struct nf_conn___fixed *)lookup(ctx);
	unsigned long status;

	if (!ct)
		return XDP_PASS;
	status = ct->status;
	bpf_ct_release((struct nf_conn *)ct);
	return status & 8 ? XDP_PASS : XDP_DROP;
}

// @case status_low_half accept
SEC("xdp")
int status_low_half(struct xdp_md *ctx)
{
	struct nf_conn *ct = lookup(ctx);
	__u32 low;

	if (!ct)
		return XDP_PASS;
	low = *(volatile __u32 *)&ct->status;
	bpf_ct_release(ct);
	return low & 8 ? XDP_PASS : XDP_DROP;
}

// @case status_straddles reject EACCES "access beyond the end of member status"
SEC("xdp")
int status_straddles(struct xdp_md *ctx)
{
	struct nf_conn *ct = lookup(ctx);
	__u64 v;

	if (!ct)
		return XDP_PASS;
	v = *(volatile __u64 *)((char *)&ct->status + 4);
	bpf_ct_release(ct);
	return v & 8 ? XDP_PASS : XDP_DROP;
}

// @case past_the_struct reject EACCES "access beyond struct nf_conn at off 4096 size 4"
SEC("xdp")
int past_the_struct(struct xdp_md *ctx)
{
	struct nf_conn *ct = lookup(ctx);
	__u32 v;

	if (!ct)
		return XDP_PASS;
	v = *(volatile __u32 *)((char *)ct + 4096);
	bpf_ct_release(ct);
	return v & 8 ? XDP_PASS : XDP_DROP;
}
