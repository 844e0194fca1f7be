// SPDX-License-Identifier: GPL-2.0
/* tc_classifier: a tc (sched_cls) program in direct-action mode.
 *
 *  - a packet already carrying BLOCK_MARK is dropped (TC_ACT_SHOT);
 *  - IPv4 UDP to port 53 (DNS) gets class 1:10 and mark MARK_DNS;
 *  - IPv4 TCP to port 22 (SSH) gets class 1:20 and mark MARK_SSH plus the
 *    interface index in bits 8..15;
 *  - other IPv4 longer than BULK_BYTES gets class 1:30 (bulk);
 *  - an IPv4 packet too short for its headers is dropped;
 *  - everything else passes untouched (TC_ACT_OK).
 * The class goes to skb->tc_classid and, for qdiscs that read it there,
 * to skb->priority.
 * Bytes per class (0 = unclassified, 1..3 = 1:10, 1:20, 1:30) are counted.
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

#define BLOCK_MARK 0xdead
#define MARK_DNS 0x53
#define MARK_SSH 0x22
#define BULK_BYTES 1000

#define CLASS_ID(major, minor) (((major) << 16) | (minor))

enum traffic_class { CLASS_NONE, CLASS_DNS, CLASS_SSH, CLASS_BULK, CLASS_COUNT };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, CLASS_COUNT);
	__type(key, __u32);
	__type(value, __u64);
} class_bytes SEC(".maps");

static __always_inline void account(__u32 class, __u32 bytes)
{
	__u64 *total = bpf_map_lookup_elem(&class_bytes, &class);

	if (total)
		__sync_fetch_and_add(total, bytes);
}

static __always_inline enum traffic_class classify_ipv4(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct iphdr *iph = data + sizeof(struct ethhdr);
	void *l4;

	if ((void *)(iph + 1) > data_end)
		return CLASS_COUNT;	/* truncated */
	l4 = (void *)iph + iph->ihl * 4;
	if (iph->protocol == IPPROTO_UDP) {
		struct udphdr *uh = l4;

		if ((void *)(uh + 1) > data_end)
			return CLASS_COUNT;
		if (uh->dest == bpf_htons(53))
			return CLASS_DNS;
	} else if (iph->protocol == IPPROTO_TCP) {
		struct tcphdr *th = l4;

		if ((void *)(th + 1) > data_end)
			return CLASS_COUNT;
		if (th->dest == bpf_htons(22))
			return CLASS_SSH;
	}
	return skb->len > BULK_BYTES ? CLASS_BULK : CLASS_NONE;
}

SEC("tc")
int classify(struct __sk_buff *skb)
{
	enum traffic_class class;
	__u32 classid = 0;

	if (skb->mark == BLOCK_MARK)
		return TC_ACT_SHOT;
	if (skb->protocol != bpf_htons(ETH_P_IP)) {
		account(CLASS_NONE, skb->len);
		return TC_ACT_OK;
	}

	class = classify_ipv4(skb);
	switch (class) {
	case CLASS_DNS:
		classid = CLASS_ID(1, 0x10);
		skb->mark = MARK_DNS;
		break;
	case CLASS_SSH:
		classid = CLASS_ID(1, 0x20);
		skb->mark = MARK_SSH | (skb->ifindex & 0xff) << 8;
		break;
	case CLASS_BULK:
		classid = CLASS_ID(1, 0x30);
		break;
	case CLASS_NONE:
		break;
	default:
		return TC_ACT_SHOT;
	}
	if (classid) {
		skb->tc_classid = classid;
		/* htb and prio also take the class from skb->priority */
		skb->priority = classid;
	}
	account(class, skb->len);
	return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
