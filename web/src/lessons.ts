// The playground's lessons: each teaches one constraint of BPF C with a broken and a fixed
// version of the same small program. They are written for the page, in the style of the samples.

export interface Lesson {
  id: string;
  title: string;
  /** One paragraph: the rule, and why the kernel has it. */
  teaches: string;
  broken: string;
  fixed: string;
}

const HEAD = `#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
`;

const COUNTS = `
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");
`;

const LICENSE = `
char _license[] SEC("license") = "GPL";
`;

export const LESSONS: readonly Lesson[] = [
  {
    id: 'bounds',
    title: 'Packet bounds checks',
    teaches:
      'Every read of packet data must be proven to stay before data_end. Compare a pointer that ' +
      'ends where the read ends with data_end first; the verifier then knows those bytes exist.',
    broken: `${HEAD}
/* Drops IPv4 packets whose TTL is 1. */
SEC("xdp")
int ttl_filter(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	/* The IPv4 header was never checked against data_end. */
	if (iph->ttl == 1)
		return XDP_DROP;
	return XDP_PASS;
}
${LICENSE}`,
    fixed: `${HEAD}
/* Drops IPv4 packets whose TTL is 1. */
SEC("xdp")
int ttl_filter(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	if ((void *)(iph + 1) > data_end)
		return XDP_PASS;
	if (iph->ttl == 1)
		return XDP_DROP;
	return XDP_PASS;
}
${LICENSE}`,
  },
  {
    id: 'null',
    title: 'NULL checks after a map lookup',
    teaches:
      'bpf_map_lookup_elem returns NULL when the key is absent. The verifier refuses any use of the ' +
      'result until a comparison with NULL has ruled that out on the path.',
    broken: `${HEAD}${COUNTS}
SEC("xdp")
int count_protocols(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	__u32 key;
	__u64 *value;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	key = eth->h_dest[0];
	value = bpf_map_lookup_elem(&counts, &key);
	*value += 1;
	return XDP_PASS;
}
${LICENSE}`,
    fixed: `${HEAD}${COUNTS}
SEC("xdp")
int count_protocols(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	__u32 key;
	__u64 *value;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	key = eth->h_dest[0];
	value = bpf_map_lookup_elem(&counts, &key);
	if (!value)
		return XDP_PASS;
	*value += 1;
	return XDP_PASS;
}
${LICENSE}`,
  },
  {
    id: 'loops',
    title: 'Loops and their bounds',
    teaches:
      'ebcc unrolls a loop whose trip count is a compile-time constant; any other loop stays a loop, ' +
      'and the kernel\'s verifier (Linux 5.3 on) walks it iteration by iteration. A loop bounded by a ' +
      '32-bit count read from the packet has billions of iterations to walk, and the verifier gives up; ' +
      'bound it by a constant as well.',
    broken: `${HEAD}
/* Sums the bytes after a 32-bit count at the start of the packet; the count says how many. */
SEC("xdp")
int sum_bytes(struct xdp_md *ctx)
{
	__u8 *data = (void *)(long)ctx->data;
	__u8 *data_end = (void *)(long)ctx->data_end;
	__u32 n, sum = 0;

	if (data + 4 > data_end)
		return XDP_PASS;
	n = *(__u32 *)data;
	for (__u32 i = 0; i < n; i++) {
		if (data + 4 + i + 1 > data_end)
			break;
		sum += data[4 + i];
	}
	return sum & 1 ? XDP_DROP : XDP_PASS;
}
${LICENSE}`,
    fixed: `${HEAD}
/* Sums the bytes after a 32-bit count at the start of the packet; the count says how many (at most 16). */
SEC("xdp")
int sum_bytes(struct xdp_md *ctx)
{
	__u8 *data = (void *)(long)ctx->data;
	__u8 *data_end = (void *)(long)ctx->data_end;
	__u32 n, sum = 0;

	if (data + 4 > data_end)
		return XDP_PASS;
	n = *(__u32 *)data;
	for (__u32 i = 0; i < 16 && i < n; i++) {
		if (data + 4 + i + 1 > data_end)
			break;
		sum += data[4 + i];
	}
	return sum & 1 ? XDP_DROP : XDP_PASS;
}
${LICENSE}`,
  },
  {
    id: 'stack',
    title: 'The 512-byte stack',
    teaches:
      'A BPF program has 512 bytes of stack, for the whole chain of calls. Large buffers belong in a ' +
      'map: a per-CPU array with one entry works as scratch memory.',
    broken: `${HEAD}
SEC("xdp")
int scratch(struct xdp_md *ctx)
{
	/* A copy of the first 600 bytes of the packet: every byte is used. */
	__u8 buf[600];

	if (bpf_xdp_load_bytes(ctx, 0, buf, sizeof(buf)) < 0)
		return XDP_PASS;
	return buf[599] ? XDP_PASS : XDP_DROP;
}
${LICENSE}`,
    fixed: `${HEAD}
struct scratch_space { __u8 buf[600]; };

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct scratch_space);
} scratch_map SEC(".maps");

SEC("xdp")
int scratch(struct xdp_md *ctx)
{
	__u32 zero = 0;
	struct scratch_space *s = bpf_map_lookup_elem(&scratch_map, &zero);

	if (!s)
		return XDP_PASS;
	if (bpf_xdp_load_bytes(ctx, 0, s->buf, sizeof(s->buf)) < 0)
		return XDP_PASS;
	return s->buf[599] ? XDP_PASS : XDP_DROP;
}
${LICENSE}`,
  },
  {
    id: 'helper-args',
    title: 'Helper arguments',
    teaches:
      'Helpers take at most five arguments, and the verifier checks the kind of each one: a map of ' +
      'a type the helper works on, a pointer to initialised stack of the key size, a size known to be ' +
      'in range, and so on. bpf_redirect_map needs a device, CPU or socket map, not an array of counters.',
    broken: `${HEAD}${COUNTS}
SEC("xdp")
int forward(struct xdp_md *ctx)
{
	/* counts is an array of counters, not of the devices to send packets to. */
	return bpf_redirect_map(&counts, 0, XDP_PASS);
}
${LICENSE}`,
    fixed: `${HEAD}
struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} ports SEC(".maps");

SEC("xdp")
int forward(struct xdp_md *ctx)
{
	/* A device map: slot 0 holds an interface index; an empty slot gives XDP_PASS. */
	return bpf_redirect_map(&ports, 0, XDP_PASS);
}
${LICENSE}`,
  },
  {
    id: 'context',
    title: 'Context access',
    teaches:
      'The context (struct xdp_md, struct __sk_buff, ...) is not ordinary memory: each program type ' +
      'may read some fields and write fewer. XDP programs may read xdp_md but write none of it.',
    broken: `${HEAD}
SEC("xdp")
int rewrite_ctx(struct xdp_md *ctx)
{
	/* An XDP program cannot move its packet by writing the context. */
	ctx->data += 14;
	return XDP_PASS;
}
${LICENSE}`,
    fixed: `${HEAD}
SEC("xdp")
int rewrite_ctx(struct xdp_md *ctx)
{
	/* Moving the start of the packet is what bpf_xdp_adjust_head is for. */
	if (bpf_xdp_adjust_head(ctx, 14))
		return XDP_ABORTED;
	return XDP_PASS;
}
${LICENSE}`,
  },
  {
    id: 'tail-calls',
    title: 'Tail calls',
    teaches:
      'A program can jump to another program through a BPF_MAP_TYPE_PROG_ARRAY with bpf_tail_call. ' +
      'The call does not return when it succeeds, so the code after it is the fallback.',
    broken: `${HEAD}
struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} jump_table SEC(".maps");

SEC("xdp")
int dispatch(struct xdp_md *ctx)
{
	/* A tail call takes the context, the program array and an index. */
	bpf_tail_call(&jump_table, 1);
	return XDP_PASS;
}
${LICENSE}`,
    fixed: `${HEAD}
struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} jump_table SEC(".maps");

SEC("xdp")
int dispatch(struct xdp_md *ctx)
{
	bpf_tail_call(ctx, &jump_table, 1);
	/* Reached only when slot 1 is empty. */
	return XDP_PASS;
}
${LICENSE}`,
  },
];
