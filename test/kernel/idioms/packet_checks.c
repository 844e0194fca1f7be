/* Packet accesses that clang's optimisations bring under their bounds checks. Each program is
 * written the way real programs are: the read before the check, the context's data pointer read
 * once for the check and again for the access, the header offset kept in a local struct, and the
 * checked pointer computed again for the access. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* IPv4 UDP: drop; other IPv4: transmit; not IPv4: pass; too short for its headers: abort. */
SEC("xdp")
int read_before_check(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = data + sizeof(*eth);
	__u16 proto = eth->h_proto;	/* read before the check below */
	__u8 l4 = ip->protocol;		/* read before both checks */
	__u64 off = sizeof(*eth);

	if (data + off > data_end)
		return XDP_ABORTED;
	if (proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	off += sizeof(*ip);
	if (data + off > data_end)
		return XDP_ABORTED;
	if (l4 == IPPROTO_UDP)
		return XDP_DROP;
	return XDP_TX;
}

/* IPv4: marks the destination MAC as local, decrements the TTL and shoots UDP; others pass. */
SEC("tc")
int data_read_twice(struct __sk_buff *skb)
{
	struct ethhdr *eth;
	struct iphdr *ip;

	if ((void *)(long)skb->data + sizeof(*eth) > (void *)(long)skb->data_end)
		return TC_ACT_SHOT;
	eth = (void *)(long)skb->data;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	eth->h_dest[0] |= 0x02;
	if ((void *)(long)skb->data + sizeof(*eth) + sizeof(*ip) > (void *)(long)skb->data_end)
		return TC_ACT_SHOT;
	ip = (void *)(long)skb->data + sizeof(*eth);
	ip->ttl -= 1;
	return ip->protocol == IPPROTO_UDP ? TC_ACT_SHOT : TC_ACT_OK;
}

struct tag { __be16 tci; __be16 proto; };

struct layout {
	__u16 l3_proto;
	__u16 l3_offset;
	__u16 vid;
	__u16 tag_offset;
};

static __always_inline int parse_frame(void *data, __u64 off, void *data_end, struct layout *l)
{
	struct ethhdr *eth = data;
	__u16 proto;

	if (data + off > data_end)
		return 0;
	proto = eth->h_proto;
	if (proto == bpf_htons(ETH_P_8021Q)) {
		struct tag *t = data + off;

		l->tag_offset = off;
		off += sizeof(*t);
		if (data + off > data_end)
			return 0;
		proto = t->proto;
		l->vid = bpf_ntohs(t->tci) & 0xfff;
	}
	l->l3_proto = bpf_ntohs(proto);
	l->l3_offset = off;
	return 1;
}

/* A tagged frame gets the next VLAN id and is transmitted; untagged frames pass; cut ones abort. */
SEC("xdp")
int offset_in_struct(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct layout l = {0};
	struct tag *t;

	if (!parse_frame(data, sizeof(struct ethhdr), data_end, &l))
		return XDP_ABORTED;
	if (l.vid == 0)
		return XDP_PASS;
	t = data + l.tag_offset;
	if ((void *)(t + 1) > data_end)
		return XDP_DROP;
	t->tci = bpf_htons((bpf_ntohs(t->tci) & 0xf000) | ((l.vid + 1) & 0xfff));
	return XDP_TX;
}

struct stamp { __u16 magic; __u32 value; } __attribute__((packed));

/* Writes a stamp right after the IPv4 datagram when the frame has room for it, and transmits. */
SEC("xdp")
int recomputed_pointer(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data;
	struct iphdr *ip = data + sizeof(*eth);
	struct stamp *st;
	__u16 len;

	if ((void *)(ip + 1) > data_end)
		return XDP_ABORTED;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	len = bpf_ntohs(ip->tot_len);
	if (len < 20)
		return XDP_DROP;
	len &= 0xfff;
	if ((void *)ip + len + sizeof(*st) > data_end)
		return XDP_PASS;
	st = (void *)ip + len;
	st->magic = bpf_htons(0x5354);
	st->value = bpf_htonl(len);
	return XDP_TX;
}

char _license[] SEC("license") = "GPL";
