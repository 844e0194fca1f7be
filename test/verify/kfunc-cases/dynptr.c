// Dynptrs: the two stack slots a constructor marks (bpf_dynptr_from_mem, bpf_ringbuf_reserve_dynptr,
// bpf_dynptr_from_skb/xdp, bpf_dynptr_clone), the slices made from them, and what ends them: a
// ring buffer dynptr's release, a store over a slot, a change of the packet data.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

extern int bpf_dynptr_from_skb(struct __sk_buff *skb, __u64 flags, struct bpf_dynptr *ptr__uninit) __ksym;
extern int bpf_dynptr_from_xdp(struct xdp_md *xdp, __u64 flags, struct bpf_dynptr *ptr__uninit) __ksym;
extern void *bpf_dynptr_slice(const struct bpf_dynptr *p, __u32 offset, void *buffer__opt, __u32 buffer__szk) __ksym;
extern void *bpf_dynptr_slice_rdwr(const struct bpf_dynptr *p, __u32 offset, void *buffer__opt, __u32 buffer__szk) __ksym;
extern int bpf_dynptr_clone(const struct bpf_dynptr *p, struct bpf_dynptr *clone__uninit) __ksym;
extern __u32 bpf_dynptr_size(const struct bpf_dynptr *p) __ksym;
extern int bpf_dynptr_adjust(const struct bpf_dynptr *p, __u32 start, __u32 end) __ksym;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 8192);
} records SEC(".maps");

struct words { __u64 w[8]; };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct words);
} scratch SEC(".maps");

/* A local dynptr over the 64 bytes of the scratch map's value; -1 when the lookup fails. */
static __always_inline int scratch_dynptr(struct bpf_dynptr *d)
{
	__u32 key = 0;
	struct words *v = bpf_map_lookup_elem(&scratch, &key);

	if (!v)
		return -1;
	bpf_dynptr_from_mem(v, sizeof(*v), 0, d);
	return 0;
}

/* The packet's first 14 bytes through an xdp dynptr made at d: a read-only slice, or NULL. */
#define ETH_SLICE(xdp, d, buf) \
	(bpf_dynptr_from_xdp(xdp, 0, &(d)), (__u8 *)bpf_dynptr_slice(&(d), 0, buf, sizeof(buf)))

// @case xdp_slice_read accept
SEC("xdp")
int xdp_slice_read(struct xdp_md *xdp)
{
	struct bpf_dynptr d;
	__u8 buf[14];
	__u8 *eth;

	eth = ETH_SLICE(xdp, d, buf);
	if (!eth)
		return XDP_DROP;
	return eth[12] == 0x08 ? XDP_PASS : XDP_DROP;
}

// @case tc_slice_rdwr_write accept
SEC("tc")
int tc_slice_rdwr_write(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	__u8 buf[6];
	__u8 *mac;

	bpf_dynptr_from_skb(skb, 0, &d);
	mac = bpf_dynptr_slice_rdwr(&d, 0, buf, sizeof(buf));
	if (!mac)
		return 2;
	mac[0] = 0x02;
	if (mac == buf)
		bpf_dynptr_write(&d, 0, buf, sizeof(buf), 0);
	return 0;
}

// @case xdp_slice_after_adjust_head reject EACCES "invalid mem access 'scalar'"
SEC("xdp")
int xdp_slice_after_adjust_head(struct xdp_md *xdp)
{
	struct bpf_dynptr d;
	__u8 buf[14];
	__u8 *eth;

	eth = ETH_SLICE(xdp, d, buf);
	if (!eth)
		return XDP_DROP;
	if (bpf_xdp_adjust_head(xdp, 4))
		return XDP_DROP;
	return eth[0];
}

// @case xdp_slice_past_end reject EACCES "invalid access to memory, mem_size=14 off=14 size=1"
SEC("xdp")
int xdp_slice_past_end(struct xdp_md *xdp)
{
	struct bpf_dynptr d;
	__u8 buf[14];
	volatile __u8 *eth;

	eth = ETH_SLICE(xdp, d, buf);
	if (!eth)
		return XDP_DROP;
	return eth[14];
}

// @case xdp_slice_unchecked reject EACCES "invalid mem access 'rdonly_mem_or_null'"
SEC("xdp")
int xdp_slice_unchecked(struct xdp_md *xdp)
{
	struct bpf_dynptr d;
	__u8 buf[14];
	__u8 *eth;

	eth = ETH_SLICE(xdp, d, buf);
	return eth[0];
}

// @case xdp_write_rdonly_slice reject EACCES "cannot write into rdonly_mem"
SEC("xdp")
int xdp_write_rdonly_slice(struct xdp_md *xdp)
{
	struct bpf_dynptr d;
	__u8 buf[14];
	__u8 *eth;

	eth = ETH_SLICE(xdp, d, buf);
	if (!eth)
		return XDP_DROP;
	eth[0] = 1;
	return XDP_PASS;
}

// @case ringbuf_data_submit accept
SEC("tc")
int ringbuf_data_submit(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	__u64 *rec;

	bpf_ringbuf_reserve_dynptr(&records, 16, 0, &d);
	rec = bpf_dynptr_data(&d, 0, 16);
	if (rec) {
		rec[0] = skb->len;
		rec[1] = skb->protocol;
	}
	bpf_ringbuf_submit_dynptr(&d, 0);
	return 0;
}

// @case ringbuf_dynptr_leak reject EINVAL "Unreleased reference"
SEC("tc")
int ringbuf_dynptr_leak(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	__u32 len = skb->len;

	if (bpf_ringbuf_reserve_dynptr(&records, 8, 0, &d))
		return 0;
	bpf_dynptr_write(&d, 0, &len, sizeof(len), 0);
	bpf_ringbuf_submit_dynptr(&d, 0);
	return 0;
}

// @case ringbuf_slice_after_submit reject EACCES "invalid mem access 'scalar'"
SEC("tc")
int ringbuf_slice_after_submit(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	__u64 *rec;

	bpf_ringbuf_reserve_dynptr(&records, 8, 0, &d);
	rec = bpf_dynptr_data(&d, 0, 8);
	if (!rec) {
		bpf_ringbuf_discard_dynptr(&d, 0);
		return 0;
	}
	bpf_ringbuf_submit_dynptr(&d, 0);
	*rec = skb->len;
	return 0;
}

// @case ringbuf_read_after_submit reject EINVAL "Expected an initialized dynptr"
SEC("tc")
int ringbuf_read_after_submit(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	__u32 v = 0;

	bpf_ringbuf_reserve_dynptr(&records, 8, 0, &d);
	bpf_ringbuf_submit_dynptr(&d, 0);
	bpf_dynptr_read(&v, sizeof(v), &d, 0, 0);
	return v;
}

// @case ringbuf_overwrite reject EINVAL "cannot overwrite referenced dynptr"
SEC("tc")
int ringbuf_overwrite(struct __sk_buff *skb)
{
	struct bpf_dynptr d;

	bpf_ringbuf_reserve_dynptr(&records, 8, 0, &d);
	*(volatile __u64 *)&d = skb->len;
	bpf_ringbuf_discard_dynptr(&d, 0);
	return 0;
}

// @case ringbuf_clone_submit accept
SEC("tc")
int ringbuf_clone_submit(struct __sk_buff *skb)
{
	struct bpf_dynptr d, c;

	bpf_ringbuf_reserve_dynptr(&records, 8, 0, &d);
	bpf_dynptr_clone(&d, &c);
	bpf_dynptr_adjust(&c, 4, 8);
	bpf_ringbuf_submit_dynptr(&c, 0);
	return 0;
}

// @case ringbuf_clone_after_submit reject EINVAL "Expected an initialized dynptr"
SEC("tc")
int ringbuf_clone_after_submit(struct __sk_buff *skb)
{
	struct bpf_dynptr d, c;

	bpf_ringbuf_reserve_dynptr(&records, 8, 0, &d);
	bpf_dynptr_clone(&d, &c);
	bpf_ringbuf_submit_dynptr(&c, 0);
	return bpf_dynptr_size(&d);
}

// @case submit_local_dynptr reject EINVAL "arg 1 is an unacquired reference"
SEC("tc")
int submit_local_dynptr(struct __sk_buff *skb)
{
	struct bpf_dynptr d;

	if (scratch_dynptr(&d))
		return 0;
	bpf_ringbuf_submit_dynptr(&d, 0);
	return 0;
}

// @case local_read_write accept
SEC("tc")
int local_read_write(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	__u32 len = skb->len, out = 0;

	if (scratch_dynptr(&d))
		return 0;
	bpf_dynptr_write(&d, 8, &len, sizeof(len), 0);
	bpf_dynptr_read(&out, sizeof(out), &d, 8, 0);
	return out;
}

// @case local_slice_after_overwrite reject EACCES "invalid mem access 'scalar'"
SEC("tc")
int local_slice_after_overwrite(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	__u64 *p;

	if (scratch_dynptr(&d))
		return 0;
	p = bpf_dynptr_data(&d, 0, 8);
	if (!p)
		return 0;
	*(volatile __u64 *)&d = 0;
	return *p;
}

// @case local_use_after_overwrite reject EINVAL "Expected an initialized dynptr"
SEC("tc")
int local_use_after_overwrite(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	__u32 out = 0;

	if (scratch_dynptr(&d))
		return 0;
	*((volatile __u32 *)&d + 3) = 7;
	bpf_dynptr_read(&out, sizeof(out), &d, 0, 0);
	return out;
}

// @case read_dynptr_bytes reject EACCES "invalid read from stack"
SEC("tc")
int read_dynptr_bytes(struct __sk_buff *skb)
{
	struct bpf_dynptr d;

	if (scratch_dynptr(&d))
		return 0;
	return *(volatile __u32 *)&d;
}

// @case strncmp_of_dynptr_bytes reject EACCES "invalid read from stack R1 off -24+0 size 16"
SEC("tc")
int strncmp_of_dynptr_bytes(struct __sk_buff *skb)
{
	struct bpf_dynptr d;

	if (scratch_dynptr(&d))
		return 0;
	return bpf_strncmp((const char *)&d, sizeof(d), "dynptr");
}

// @case strncmp_of_slice accept
SEC("tc")
int strncmp_of_slice(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	char buf[8];
	char *s;

	bpf_dynptr_from_skb(skb, 0, &d);
	s = bpf_dynptr_slice(&d, 0, buf, sizeof(buf));
	if (!s)
		return 0;
	return bpf_strncmp(s, sizeof(buf), "GET /");
}

// @case this_cpu_ptr_of_dead_slice reject EACCES "R1 type=scalar expected=percpu_ptr_, percpu_rcu_ptr_, percpu_trusted_ptr_"
SEC("tc")
int this_cpu_ptr_of_dead_slice(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	__u8 *p;

	if (scratch_dynptr(&d))
		return 0;
	p = bpf_dynptr_data(&d, 0, 1);
	*(volatile __u64 *)&d = 0;
	bpf_this_cpu_ptr(p);
	return 0;
}

// @case tp_btf_skb_dynptr accept
SEC("tp_btf/kfree_skb")
int tp_btf_skb_dynptr(__u64 *ctx)
{
	struct bpf_dynptr d;
	__u8 head[2];

	if (bpf_dynptr_from_skb((struct __sk_buff *)ctx[0], 0, &d))
		return 0;
	return bpf_dynptr_read(head, sizeof(head), &d, 0, 0);
}

__attribute__((noinline)) int first_byte(struct bpf_dynptr *d)
{
	__u8 buf[1];
	__u8 *p = bpf_dynptr_slice(d, 0, buf, sizeof(buf));

	return p ? *p : -1;
}

// @case global_function_takes_dynptr accept
SEC("xdp")
int global_function_takes_dynptr(struct xdp_md *xdp)
{
	struct bpf_dynptr d;

	bpf_dynptr_from_xdp(xdp, 0, &d);
	return first_byte(&d);
}

// @case global_function_uninitialised_dynptr reject EINVAL "Expected an initialized dynptr as arg #0"
SEC("xdp")
int global_function_uninitialised_dynptr(struct xdp_md *xdp)
{
	struct bpf_dynptr d;

	return first_byte(&d);
}

__attribute__((noinline)) int submit_given(struct bpf_dynptr *d)
{
	bpf_ringbuf_submit_dynptr(d, 0);
	return 0;
}

// @case global_function_releases_given_dynptr reject EINVAL "cannot release unowned const bpf_dynptr"
SEC("tc")
int global_function_releases_given_dynptr(struct __sk_buff *skb)
{
	struct bpf_dynptr d;

	bpf_ringbuf_reserve_dynptr(&records, 8, 0, &d);
	submit_given(&d);
	bpf_ringbuf_discard_dynptr(&d, 0);
	return 0;
}
