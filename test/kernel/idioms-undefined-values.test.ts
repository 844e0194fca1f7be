// Locals that some path reads before any assignment (an indeterminate value, C11 6.7.9p10) in
// programs the kernel must still accept: a header length set for IPv4 and IPv6 only and then
// tested on every path (as the kernel's test_sk_lookup_kern.c does), and a "+r" asm operand
// whose variable was never assigned (test_tcpbpf_kern.c). clang gives the register no value on
// those paths; the kernel refuses a read of a register the program never wrote, so ebcc writes
// 0 first (a value the program's result does not depend on) or copies nothing into the operand.
// Expected values are worked out from the C.
import { expect, it } from 'vitest';
import { compileString } from '../util/compile.js';
import { describeDual } from '../run/dual.js';
import { eth, ipv4, ipv6, tcp, udp, ETH_P_ARP, ETH_P_IP, ETH_P_IPV6 } from './packets.js';

const SRC = `#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* Drops TCP over IPv4 and IPv6 when the L3 header fits; passes everything else. */
SEC("xdp")
int drop_tcp(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	__u64 hlen;
	__u8 proto = 0;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto == bpf_htons(ETH_P_IP)) {
		struct iphdr *iph = (void *)(eth + 1);

		if ((void *)(iph + 1) > data_end)
			return XDP_PASS;
		hlen = iph->ihl * 4;
		proto = iph->protocol;
	} else if (eth->h_proto == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6h = (void *)(eth + 1);

		if ((void *)(ip6h + 1) > data_end)
			return XDP_PASS;
		hlen = sizeof(*ip6h);
		proto = ip6h->nexthdr;
	}
	/* hlen is indeterminate for other protocols, where proto is 0 and decides anyway. */
	if (data + sizeof(*eth) + hlen > data_end || proto != IPPROTO_TCP)
		return XDP_PASS;
	return XDP_DROP;
}

/* Returns the packet's length, read by asm into a variable that was never assigned. */
SEC("tc")
int asm_len(struct __sk_buff *skb)
{
	int len;

	asm volatile("%[len] = *(u32 *)(%[skb] +0)" : [len] "+r"(len) : [skb] "r"(skb));
	return len;
}

char _license[] SEC("license") = "GPL";
`;

const XDP_DROP = 1;
const XDP_PASS = 2;
const mac = { dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01' };
const v4 = (payload: Parameters<typeof ipv4>[0]['payload']) => eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload }) });
const v6 = (payload: Parameters<typeof ipv6>[0]['payload']) => eth({ ...mac, type: ETH_P_IPV6, payload: ipv6({ src: 'fc00::1', dst: 'fc00::2', payload }) });

describeDual('locals read before any assignment on some path', () => compileString(SRC), (obj) => {
  it('drops TCP over IPv4 and IPv6 and passes UDP, ARP and short packets', () => {
    expect(obj().run('drop_tcp', v4(tcp({ sport: 1, dport: 80 }))).retval).toBe(XDP_DROP);
    expect(obj().run('drop_tcp', v6(tcp({ sport: 1, dport: 80 }))).retval).toBe(XDP_DROP);
    expect(obj().run('drop_tcp', v4(udp({ sport: 1, dport: 53 }))).retval).toBe(XDP_PASS);
    expect(obj().run('drop_tcp', eth({ ...mac, type: ETH_P_ARP, payload: new Uint8Array(28) })).retval).toBe(XDP_PASS);
    expect(obj().run('drop_tcp', v4(tcp({ sport: 1, dport: 80 })).subarray(0, 14 + 19)).retval).toBe(XDP_PASS);
  });

  it('reads skb->len through an asm "+r" operand that had no value', () => {
    const pkt = v4(udp({ sport: 1, dport: 53 }));
    expect(obj().run('asm_len', pkt).retval).toBe(pkt.length);
  });
});
