// SPDX-License-Identifier: GPL-2.0
/* socket_filter: a socket filter that keeps IPv4 UDP datagrams sent to
 * FILTER_PORT and drops everything else. A socket filter returns how many
 * bytes of the packet to keep: skb->len keeps it all, 0 drops it.
 * The packet starts at the network header; it is read with
 * bpf_skb_load_bytes, which checks bounds itself.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define FILTER_PORT 5353

#define IP_MF 0x2000
#define IP_OFFSET 0x1fff

SEC("socket")
int udp_port_filter(struct __sk_buff *skb)
{
	struct iphdr iph;
	struct udphdr uh;
	__u32 l4_offset;

	if (skb->protocol != bpf_htons(ETH_P_IP))
		return 0;
	if (bpf_skb_load_bytes(skb, 0, &iph, sizeof(iph)) < 0)
		return 0;
	if (iph.version != 4 || iph.ihl < 5 || iph.protocol != IPPROTO_UDP)
		return 0;
	/* Only the first fragment has the UDP header. */
	if (iph.frag_off & bpf_htons(IP_OFFSET))
		return 0;
	l4_offset = iph.ihl * 4;
	if (bpf_skb_load_bytes(skb, l4_offset, &uh, sizeof(uh)) < 0)
		return 0;
	if (uh.dest != bpf_htons(FILTER_PORT))
		return 0;
	return skb->len;
}

char _license[] SEC("license") = "GPL";
