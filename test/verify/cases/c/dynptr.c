// Dynamic pointers (struct bpf_dynptr on the stack) in C, compiled by ebcc: ebcc's verifier
// tracks the dynptr's two stack slots and the reference a ring buffer dynptr holds.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, char[16]);
} scratch SEC(".maps");

// @case ringbuf_dynptr_leaked reject EINVAL "Unreleased reference"
SEC("xdp")
int ringbuf_dynptr_leaked(struct xdp_md *ctx)
{
	struct bpf_dynptr d;

	bpf_ringbuf_reserve_dynptr(&events, 8, 0, &d);
	return XDP_PASS;
}

// @case ringbuf_dynptr_submitted accept
SEC("xdp")
int ringbuf_dynptr_submitted(struct xdp_md *ctx)
{
	struct bpf_dynptr d;
	__u64 v = 7;

	bpf_ringbuf_reserve_dynptr(&events, 8, 0, &d);
	bpf_dynptr_write(&d, 0, &v, sizeof(v), 0);
	bpf_ringbuf_submit_dynptr(&d, 0);
	return XDP_PASS;
}

// @case ringbuf_dynptr_submitted_twice reject EINVAL "arg 1 is an unacquired reference"
SEC("xdp")
int ringbuf_dynptr_submitted_twice(struct xdp_md *ctx)
{
	struct bpf_dynptr d;

	bpf_ringbuf_reserve_dynptr(&events, 8, 0, &d);
	bpf_ringbuf_submit_dynptr(&d, 0);
	bpf_ringbuf_submit_dynptr(&d, 0);
	return XDP_PASS;
}

// @case read_from_uninitialised_dynptr reject EINVAL "Expected an initialized dynptr as arg #2"
SEC("xdp")
int read_from_uninitialised_dynptr(struct xdp_md *ctx)
{
	struct bpf_dynptr d;
	__u32 out = 0;

	bpf_dynptr_read(&out, sizeof(out), &d, 0, 0);
	return out ? XDP_PASS : XDP_DROP;
}

// @case local_dynptr_from_stack reject EACCES "Unsupported reg type fp for bpf_dynptr_from_mem data"
SEC("xdp")
int local_dynptr_from_stack(struct xdp_md *ctx)
{
	struct bpf_dynptr d;
	char buf[16] = {};
	__u32 out = 0;

	bpf_dynptr_from_mem(buf, sizeof(buf), 0, &d);
	bpf_dynptr_read(&out, sizeof(out), &d, 0, 0);
	return out ? XDP_PASS : XDP_DROP;
}

// @case local_dynptr_from_map_value accept
SEC("xdp")
int local_dynptr_from_map_value(struct xdp_md *ctx)
{
	struct bpf_dynptr d;
	__u32 key = 0, out = 0;
	char *buf = bpf_map_lookup_elem(&scratch, &key);

	if (!buf)
		return XDP_PASS;
	bpf_dynptr_from_mem(buf, 16, 0, &d);
	bpf_dynptr_read(&out, sizeof(out), &d, 0, 0);
	return out ? XDP_PASS : XDP_DROP;
}
