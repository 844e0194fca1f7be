// SPDX-License-Identifier: GPL-2.0
/* asm_mss: a bench program, a tc egress program that clamps the TCP MSS
 * option of SYN segments and marks the DSCP of flows per destination port.
 *
 * It leans on inline asm the way hand-tuned programs do: an `&=` inside an
 * asm statement bounds an offset where the compiler could otherwise prove
 * the mask useless and drop it, barrier_var() keeps a value in a register
 * across a comparison, and a byte swap is written as the instruction itself.
 * Checksums are updated incrementally (RFC 1624) in the packet.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define MAX_TCP_OPTIONS 8
#define TCPOPT_EOL 0
#define TCPOPT_NOP 1
#define TCPOPT_MSS 2

#define DEFAULT_MSS 1400

struct mss_config {
	__u16 mss_v4;
	__u16 mss_v6;
	__u32 flags;
};

struct dscp_rule {
	__u8 dscp;
	__u8 pad[3];
	__u64 packets;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct mss_config);
} mss_cfg SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 128);
	__type(key, __u16);
	__type(value, struct dscp_rule);
} dscp_rules SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} clamp_stats SEC(".maps");

static __always_inline void bump(__u32 key)
{
	__u64 *n = bpf_map_lookup_elem(&clamp_stats, &key);

	if (n)
		*n += 1;
}

/* A 16-bit byte swap as the instruction itself. */
static __always_inline __u16 swap16(__u16 x)
{
	__u64 v = x;

	asm("%[v] = be16 %[v]" : [v]"+r"(v));
	return v;
}

static __always_inline __u16 csum_fold16(__u32 sum)
{
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return ~sum;
}

/* The checksum after a 16-bit word changed from old to new (RFC 1624 eqn. 3). */
static __always_inline __u16 csum16_update(__u16 check, __u16 old, __u16 new)
{
	return csum_fold16((__u16)~check + (__u16)~old + (__u32)new);
}

/*
 * Finds the MSS option in the TCP header at th and lowers it to mss. The
 * option offset is masked in asm so the verifier sees it bounded however
 * the compiler arranged the arithmetic. Returns 1 when it changed the packet.
 */
static __always_inline int clamp_mss(struct tcphdr *th, void *data_end, __u16 mss)
{
	__u8 *opts = (__u8 *)(th + 1);
	__u32 opts_len = th->doff * 4;
	__u32 off = 0;

	if (opts_len <= sizeof(*th))
		return 0;
	opts_len -= sizeof(*th);

#pragma unroll
	for (int i = 0; i < MAX_TCP_OPTIONS; i++) {
		__u8 *p;
		__u8 kind, len;

		if (off >= opts_len)
			return 0;
		asm volatile("%[off] &= 0x3f" : [off]"+r"(off));
		p = opts + off;
		if ((void *)(p + 1) > data_end)
			return 0;
		kind = p[0];
		if (kind == TCPOPT_EOL)
			return 0;
		if (kind == TCPOPT_NOP) {
			off += 1;
			continue;
		}
		if ((void *)(p + 2) > data_end)
			return 0;
		len = p[1];
		if (len < 2)
			return 0;
		if (kind == TCPOPT_MSS && len == 4) {
			__be16 *val = (__be16 *)(p + 2);
			__u16 cur;

			if ((void *)(val + 1) > data_end)
				return 0;
			cur = swap16(*val);
			barrier_var(cur);
			if (cur <= mss)
				return 0;
			th->check = csum16_update(th->check, *val, swap16(mss));
			*val = swap16(mss);
			return 1;
		}
		off += len;
	}
	return 0;
}

/* Sets the DSCP of the IPv4 header and patches its checksum. */
static __always_inline void set_dscp4(struct iphdr *iph, __u8 dscp)
{
	__u16 *word = (__u16 *)iph;
	__u16 old = word[0];
	__u8 tos = (iph->tos & 0x03) | (dscp << 2);

	if (tos == iph->tos)
		return;
	iph->tos = tos;
	iph->check = csum16_update(iph->check, old, word[0]);
}

static __always_inline void set_dscp6(struct ipv6hdr *ip6, __u8 dscp)
{
	/* traffic class: the low 4 bits of byte 0 and the high 4 of byte 1 */
	__u8 *b = (__u8 *)ip6;

	b[0] = (b[0] & 0xf0) | (dscp >> 2);
	b[1] = (b[1] & 0x3f) | ((dscp & 0x3) << 6);
}

SEC("tc")
int mss_clamp(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct mss_config *cfg;
	struct dscp_rule *rule;
	struct tcphdr *th;
	__u32 zero = 0;
	__u16 mss, dport;
	int v6;

	if ((void *)(eth + 1) > data_end)
		return TC_ACT_OK;
	cfg = bpf_map_lookup_elem(&mss_cfg, &zero);

	if (eth->h_proto == bpf_htons(ETH_P_IP)) {
		struct iphdr *iph = (void *)(eth + 1);
		__u32 ihl;

		if ((void *)(iph + 1) > data_end)
			return TC_ACT_OK;
		if (iph->protocol != IPPROTO_TCP)
			return TC_ACT_OK;
		ihl = iph->ihl * 4;
		asm volatile("%[ihl] &= 0x3c" : [ihl]"+r"(ihl));
		if (ihl < sizeof(*iph))
			return TC_ACT_SHOT;
		th = (void *)iph + ihl;
		if ((void *)(th + 1) > data_end)
			return TC_ACT_OK;
		v6 = 0;
		mss = cfg && cfg->mss_v4 ? cfg->mss_v4 : DEFAULT_MSS;
		dport = th->dest;
		rule = bpf_map_lookup_elem(&dscp_rules, &dport);
		if (rule) {
			set_dscp4(iph, rule->dscp);
			__sync_fetch_and_add(&rule->packets, 1);
		}
	} else if (eth->h_proto == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6 = (void *)(eth + 1);

		if ((void *)(ip6 + 1) > data_end)
			return TC_ACT_OK;
		if (ip6->nexthdr != IPPROTO_TCP)
			return TC_ACT_OK;
		th = (void *)(ip6 + 1);
		if ((void *)(th + 1) > data_end)
			return TC_ACT_OK;
		v6 = 1;
		mss = cfg && cfg->mss_v6 ? cfg->mss_v6 : DEFAULT_MSS - 20;
		dport = th->dest;
		rule = bpf_map_lookup_elem(&dscp_rules, &dport);
		if (rule) {
			set_dscp6(ip6, rule->dscp);
			__sync_fetch_and_add(&rule->packets, 1);
		}
	} else {
		return TC_ACT_OK;
	}

	/* th may have been invalidated by nothing above: no helper changed the packet. */
	if (!th->syn)
		return TC_ACT_OK;
	bump(v6);
	if (clamp_mss(th, data_end, mss))
		bump(2 + v6);
	return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
