/* A tc classifier written the way kernel-tree samples were: kernel include paths,
 * kernel short types (-D__KERNEL__), a section name libbpf 1.x does not know, legacy
 * maps with a key/value annotation. It counts IPv4 TCP/UDP packets per destination
 * port, drops the port stored in blocked[0], and marks every counted packet with its
 * port. Written for ebcc's tests. */
#include <uapi/linux/bpf.h>
#include <uapi/linux/if_ether.h>
#include <uapi/linux/ip.h>
#include <uapi/linux/in.h>
#include <uapi/linux/tcp.h>
#include <uapi/linux/udp.h>
#include <uapi/linux/pkt_cls.h>
#include "old_helpers.h"

struct port_key {
	u16 port; /* host order */
	u8 proto;
	u8 pad;
};

struct port_hits {
	u64 packets;
	u64 bytes;
};

struct bpf_map_def SEC("maps") hits = {
	.type = BPF_MAP_TYPE_HASH,
	.key_size = sizeof(struct port_key),
	.value_size = sizeof(struct port_hits),
	.max_entries = 64,
};
BPF_ANNOTATE_KV_PAIR(hits, struct port_key, struct port_hits);

struct bpf_map_def SEC("maps") blocked = {
	.type = BPF_MAP_TYPE_ARRAY,
	.key_size = sizeof(u32),
	.value_size = sizeof(u32),
	.max_entries = 1,
};

SEC("ingress-ports")
int count_ports(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = data + sizeof(*eth);
	struct port_key key = {};
	struct port_hits *h, fresh = {};
	u32 zero = 0, *block;
	u16 ports[2];

	if ((void *)(iph + 1) > data_end)
		return TC_ACT_UNSPEC;
	if (eth->h_proto != htons(ETH_P_IP))
		return TC_ACT_UNSPEC;
	if (iph->protocol != IPPROTO_TCP && iph->protocol != IPPROTO_UDP)
		return TC_ACT_OK;
	/* Source and destination port are the first 4 bytes of both headers. */
	if (bpf_skb_load_bytes(skb, sizeof(*eth) + iph->ihl * 4, ports, sizeof(ports)) < 0)
		return TC_ACT_SHOT;
	key.port = ntohs(ports[1]);
	key.proto = iph->protocol;

	block = bpf_map_lookup_elem(&blocked, &zero);
	if (block && *block == key.port)
		return TC_ACT_SHOT;

	h = bpf_map_lookup_elem(&hits, &key);
	if (h) {
		__sync_fetch_and_add(&h->packets, 1);
		__sync_fetch_and_add(&h->bytes, skb->len);
	} else {
		fresh.packets = 1;
		fresh.bytes = skb->len;
		bpf_map_update_elem(&hits, &key, &fresh, BPF_NOEXIST);
	}
	skb->mark = key.port;
	return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
