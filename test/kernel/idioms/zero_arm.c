// A flow key built on the stack whose source port a flag clears (`if (flags & 1) f.sport = 0;`,
// as load balancers hash without it), then a walk over the payload and a lookup of the key.
// With -DKEEP_PORT the port is never cleared: the same program without the arm.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>

struct flow {
	__u32 src, dst;
	__u16 sport, dport;
	__u8 proto;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, 1);
} cfg SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct flow);
	__type(value, __u32);
	__uint(max_entries, 16);
} flows SEC(".maps");

/* XDP_PASS without an entry for the flow; with one, XDP_DROP when more than two of the first
 * twelve payload bytes are 0xff, else XDP_TX. */
SEC("xdp")
int match_flow(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct iphdr *ip = data + sizeof(struct ethhdr);
	struct udphdr *udp = (void *)(ip + 1);
	__u8 *payload = (void *)(udp + 1);
	struct flow f = {};
	__u32 zero = 0, *flags, *hit, marks = 0;

	if ((void *)(udp + 1) > data_end)
		return XDP_PASS;
	flags = bpf_map_lookup_elem(&cfg, &zero);
	if (!flags)
		return XDP_ABORTED;
	f.src = ip->saddr;
	f.dst = ip->daddr;
	f.sport = udp->source;
	f.dport = udp->dest;
	f.proto = ip->protocol;
#ifndef KEEP_PORT
	if (*flags & 1)
		f.sport = 0;
#endif
#pragma unroll
	for (int i = 0; i < 12; i++) {
		if ((void *)(payload + i + 1) > data_end)
			break;
		if (payload[i] == 0xff)
			marks++;
	}
	hit = bpf_map_lookup_elem(&flows, &f);
	if (!hit)
		return XDP_PASS;
	return marks > 2 ? XDP_DROP : XDP_TX;
}

char _license[] SEC("license") = "GPL";
