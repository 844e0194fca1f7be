/* An XDP program in the 2017 style: legacy helpers and map, and a section named
 * by libbpf 0.x prefix matching ("xdp_" + anything), which libbpf 1.x no longer
 * accepts. Drops IPv4 packets whose TTL is 0 or 1 and counts them; passes the rest.
 * Written for ebcc's tests. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include "old_helpers.h"

struct bpf_map_def SEC("maps") expired = {
	.type = BPF_MAP_TYPE_ARRAY,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u64),
	.max_entries = 2, /* [0]: TTL 0, [1]: TTL 1 */
};

SEC("xdp_ttl_guard")
int ttl_guard(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	__u32 slot;
	__u64 *n;

	if ((void *)(iph + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != __builtin_bswap16(ETH_P_IP))
		return XDP_PASS;
	if (iph->ttl > 1)
		return XDP_PASS;
	slot = iph->ttl;
	n = bpf_map_lookup_elem(&expired, &slot);
	if (n)
		*n += 1;
	return XDP_DROP;
}

char _license[] SEC("license") = "GPL";
