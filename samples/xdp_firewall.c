// SPDX-License-Identifier: GPL-2.0
/* xdp_firewall: drops IPv4 packets whose source address falls in a blocked
 * prefix. The prefixes live in a longest-prefix-match trie; each rule counts
 * its own hits, and a second map counts the verdicts (indexed by XDP action).
 * Non-IPv4 traffic passes; an IPv4 packet too short for its header is dropped.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define MAX_RULES 1024

/* An LPM trie key: the prefix length in bits, then the address bytes in
 * network order (the trie compares them most significant bit first). */
struct ipv4_lpm_key {
	__u32 prefixlen;
	__u32 addr;
};

struct rule {
	__u64 hits;
};

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, MAX_RULES);
	__uint(map_flags, BPF_F_NO_PREALLOC);	/* required for LPM tries */
	__type(key, struct ipv4_lpm_key);
	__type(value, struct rule);
} blocked_sources SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, XDP_REDIRECT + 1);
	__type(key, __u32);
	__type(value, __u64);
} verdicts SEC(".maps");

static __always_inline int count_verdict(__u32 action)
{
	__u64 *count = bpf_map_lookup_elem(&verdicts, &action);

	if (count)
		__sync_fetch_and_add(count, 1);
	return action;
}

SEC("xdp")
int xdp_firewall(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph;
	struct ipv4_lpm_key key;
	struct rule *rule;

	if ((void *)(eth + 1) > data_end)
		return count_verdict(XDP_DROP);
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return count_verdict(XDP_PASS);

	iph = (void *)(eth + 1);
	if ((void *)(iph + 1) > data_end)
		return count_verdict(XDP_DROP);

	key.prefixlen = 32;
	key.addr = iph->saddr;
	rule = bpf_map_lookup_elem(&blocked_sources, &key);
	if (rule) {
		__sync_fetch_and_add(&rule->hits, 1);
		return count_verdict(XDP_DROP);
	}
	return count_verdict(XDP_PASS);
}

char _license[] SEC("license") = "GPL";
