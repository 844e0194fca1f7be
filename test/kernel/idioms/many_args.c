/* A static function with six parameters, called as a BPF-to-BPF function: the header offset is
 * the same constant at every call and one parameter is never read, so both go and five remain. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct verdict { __u32 action; __u32 proto; };

static __attribute__((noinline)) int classify_l3(void *data, void *data_end, __u64 off, struct verdict *v,
						 __u32 flags, __u32 unused)
{
	struct iphdr *ip = data + off;

	if ((void *)(ip + 1) > data_end)
		return -1;
	v->proto = ip->protocol;
	v->action = ip->ttl <= 1 ? XDP_DROP : (flags & 1) ? XDP_TX : XDP_PASS;
	return 0;
}

SEC("xdp")
int many_args(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data;
	struct verdict v = {};

	if ((void *)(eth + 1) > data_end)
		return XDP_ABORTED;
	if (eth->h_proto == bpf_htons(ETH_P_IP)) {
		if (classify_l3(data, data_end, sizeof(*eth), &v, 0, 7) < 0)
			return XDP_ABORTED;
	} else {
		if (classify_l3(data, data_end, sizeof(*eth), &v, 1, 9) < 0)
			return XDP_ABORTED;
	}
	return v.proto == IPPROTO_UDP ? XDP_TX : v.action;
}

char _license[] SEC("license") = "GPL";
