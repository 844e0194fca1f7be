// SPDX-License-Identifier: GPL-2.0
/* event_fw: a bench program, a tc ingress firewall that reports what it does.
 *
 * Written the way many tc and tracing programs are: helpers are plain `static`
 * or `static inline` functions, not __always_inline, and one reporting
 * function is called from every decision. clang keeps such a function as one
 * BPF-to-BPF subprogram that all its callers call, and so does ebcc.
 *
 * IPv4 TCP and UDP packets are checked against a rule map keyed by
 * destination port and protocol: a rule drops, passes or rate-limits. A flow
 * hash (a mixing function called from two places) picks a bucket for the
 * rate limit. Every verdict is reported: report() fills an event, counts
 * it per reason, and writes it to a ring buffer when one is attached.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define RULE_DROP 1
#define RULE_PASS 2
#define RULE_LIMIT 3
#define BUCKETS 64
#define LIMIT_PER_BUCKET 2

enum reason {
	R_NOT_IP,
	R_SHORT,
	R_FRAGMENT,
	R_OTHER_PROTO,
	R_NO_RULE,
	R_RULE_DROP,
	R_RULE_PASS,
	R_LIMITED,
	R_UNDER_LIMIT,
	R_SYN_NO_RULE,
	R_COUNT,
};

struct rule_key {
	__u16 port;
	__u8 proto;
	__u8 pad;
};

struct event {
	__u32 saddr;
	__u32 daddr;
	__u16 sport;
	__u16 dport;
	__u8 proto;
	__u8 reason;
	__u16 verdict;
	__u32 hash;
	__u32 ifindex;
	__u64 len;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, struct rule_key);
	__type(value, __u32);
} rules SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, R_COUNT);
	__type(key, __u32);
	__type(value, __u64);
} reasons SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, BUCKETS);
	__type(key, __u32);
	__type(value, __u64);
} buckets SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} config SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

/* Counts the event under its reason, and sends it when config[0] asks for events. */
static int report(struct __sk_buff *skb, struct event *ev, enum reason why, int verdict)
{
	__u32 key = why;
	__u64 *count = bpf_map_lookup_elem(&reasons, &key);
	__u32 zero = 0;
	__u32 *send;
	struct event *out;

	if (count)
		__sync_fetch_and_add(count, 1);
	ev->reason = why;
	ev->verdict = verdict;
	ev->ifindex = skb->ifindex;
	ev->len = skb->len;
	send = bpf_map_lookup_elem(&config, &zero);
	if (!send || !*send)
		return verdict;
	out = bpf_ringbuf_reserve(&events, sizeof(*out), 0);
	if (!out)
		return verdict;
	out->saddr = ev->saddr;
	out->daddr = ev->daddr;
	out->sport = ev->sport;
	out->dport = ev->dport;
	out->proto = ev->proto;
	out->reason = ev->reason;
	out->verdict = ev->verdict;
	out->hash = ev->hash;
	out->ifindex = ev->ifindex;
	out->len = ev->len;
	bpf_ringbuf_submit(out, 0);
	return verdict;
}

#define MIX(h, k) h = ((h ^ (h >> 15)) * 0x2c1b3c6d + (k))

/* A flow's hash, mixed from its addresses, ports and protocol. */
static __u32 flow_hash(__u32 saddr, __u32 daddr, __u32 ports, __u32 proto)
{
	__u32 h = saddr ^ 0x9747b28c;

	MIX(h, daddr);
	MIX(h, ports);
	MIX(h, proto);
	MIX(h, saddr >> 16);
	MIX(h, daddr >> 16);
	MIX(h, ports >> 16);
	MIX(h, 1);
	MIX(h, 2);
	MIX(h, 3);
	MIX(h, 4);
	MIX(h, 5);
	MIX(h, 6);
	MIX(h, 7);
	MIX(h, 8);
	MIX(h, 9);
	MIX(h, 10);
	h ^= h >> 16;
	return h;
}

/* Whether the flow's bucket is over its limit; counts the packet in it. */
static int over_limit(__u32 hash)
{
	__u32 key = hash % BUCKETS;
	__u64 *n = bpf_map_lookup_elem(&buckets, &key);

	if (!n)
		return 1;
	*n += 1;
	return *n > LIMIT_PER_BUCKET;
}

static inline int check_rule(struct __sk_buff *skb, struct event *ev, int syn)
{
	struct rule_key key = { .port = ev->dport, .proto = ev->proto };
	__u32 *rule = bpf_map_lookup_elem(&rules, &key);

	if (!rule) {
		if (syn)
			return report(skb, ev, R_SYN_NO_RULE, TC_ACT_SHOT);
		return report(skb, ev, R_NO_RULE, TC_ACT_OK);
	}
	if (*rule == RULE_DROP)
		return report(skb, ev, R_RULE_DROP, TC_ACT_SHOT);
	if (*rule == RULE_PASS)
		return report(skb, ev, R_RULE_PASS, TC_ACT_OK);
	ev->hash = flow_hash(ev->saddr, ev->daddr, ((__u32)ev->sport << 16) | ev->dport, ev->proto);
	if (over_limit(ev->hash))
		return report(skb, ev, R_LIMITED, TC_ACT_SHOT);
	return report(skb, ev, R_UNDER_LIMIT, TC_ACT_OK);
}

SEC("tc")
int event_fw(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct event ev = {};
	struct iphdr *iph;

	if ((void *)(eth + 1) > data_end)
		return report(skb, &ev, R_SHORT, TC_ACT_SHOT);
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return report(skb, &ev, R_NOT_IP, TC_ACT_OK);
	iph = (void *)(eth + 1);
	if ((void *)(iph + 1) > data_end)
		return report(skb, &ev, R_SHORT, TC_ACT_SHOT);
	ev.saddr = iph->saddr;
	ev.daddr = iph->daddr;
	ev.proto = iph->protocol;
	if (iph->frag_off & bpf_htons(0x3fff))
		return report(skb, &ev, R_FRAGMENT, TC_ACT_SHOT);
	if (iph->protocol == IPPROTO_TCP) {
		struct tcphdr *th = (void *)iph + iph->ihl * 4;

		if ((void *)(th + 1) > data_end)
			return report(skb, &ev, R_SHORT, TC_ACT_SHOT);
		ev.sport = bpf_ntohs(th->source);
		ev.dport = bpf_ntohs(th->dest);
		return check_rule(skb, &ev, th->syn && !th->ack);
	}
	if (iph->protocol == IPPROTO_UDP) {
		struct udphdr *uh = (void *)iph + iph->ihl * 4;

		if ((void *)(uh + 1) > data_end)
			return report(skb, &ev, R_SHORT, TC_ACT_SHOT);
		ev.sport = bpf_ntohs(uh->source);
		ev.dport = bpf_ntohs(uh->dest);
		return check_rule(skb, &ev, 0);
	}
	return report(skb, &ev, R_OTHER_PROTO, TC_ACT_OK);
}

/* The same checks for a second hook, as firewalls often load one per direction: it hashes every flow. */
SEC("tc")
int event_fw_egress(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct event ev = {};
	struct iphdr *iph = (void *)(eth + 1);

	if ((void *)(iph + 1) > data_end)
		return report(skb, &ev, R_SHORT, TC_ACT_OK);
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return report(skb, &ev, R_NOT_IP, TC_ACT_OK);
	ev.saddr = iph->saddr;
	ev.daddr = iph->daddr;
	ev.proto = iph->protocol;
	ev.hash = flow_hash(ev.saddr, ev.daddr, 0, ev.proto);
	return report(skb, &ev, R_UNDER_LIMIT, TC_ACT_OK);
}

char _license[] SEC("license") = "GPL";
