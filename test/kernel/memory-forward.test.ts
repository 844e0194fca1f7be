// A parser that notes the IP version in a map value on each path, joins the paths, and then reads
// the version back to choose which header to read (the shape of a packet-timing tool's parser).
// The IPv6 path proved 40 bytes of header, the IPv4 path 20. The kernel does not track constants
// stored in map values, so a reload of the version after the join would be unknown on both paths,
// and the IPv4 path would walk into the IPv6 branch and read its source address beyond the 20
// bytes it proved: the load is refused. The version read back must be the constant each path
// stored, in a register.
import { afterAll, beforeAll, expect } from 'vitest';
import { compileString } from '../util/compile.js';
import { describeKernel, kernelIt, loadObjectBytes, runProgram, type LoadedObject } from './harness.js';
import { lookupMap, readU32LE, u32LE } from './maps.js';
import { eth, ipv4, ipv6, parseIpv4, parseIpv6, udp, ETH_P_ARP, ETH_P_IP, ETH_P_IPV6 } from './packets.js';

const SOURCE = `#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct seen {
	__u32 saddr;
	__u8 version;
	__u8 proto;
	__u16 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct seen);
} last SEC(".maps");

static __always_inline int parse_ip(struct seen *s, void *l3, void *data_end, __u16 h_proto,
				    void **hdr)
{
	if (h_proto == bpf_htons(ETH_P_IP)) {
		struct iphdr *iph = l3;

		s->version = 4;
		if ((void *)(iph + 1) > data_end)
			return -1;
		*hdr = iph;
		return iph->protocol;
	} else if (h_proto == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6h = l3;

		s->version = 6;
		if ((void *)(ip6h + 1) > data_end)
			return -1;
		*hdr = ip6h;
		return ip6h->nexthdr;
	}
	return -2;
}

SEC("xdp")
int note_source(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	__u32 zero = 0;
	void *hdr;
	int proto;

	struct seen *s = bpf_map_lookup_elem(&last, &zero);
	if (!s)
		return XDP_ABORTED;
	__builtin_memset(s, 0, sizeof(*s));
	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	proto = parse_ip(s, eth + 1, data_end, eth->h_proto, &hdr);
	if (proto < 0)
		return XDP_PASS;
	s->proto = proto;
	if (s->version == 4)
		s->saddr = ((struct iphdr *)hdr)->saddr;
	else
		s->saddr = ((struct ipv6hdr *)hdr)->saddr.in6_u.u6_addr32[3];
	return XDP_TX;
}

char _license[] SEC("license") = "GPL";
`;

const MAC = { dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01' };

describeKernel('a constant stored through a map value pointer, read back after a join', () => {
  let obj: LoadedObject;
  beforeAll(() => {
    const out = compileString(SOURCE);
    expect(out.ctx.diags.list.map((d) => d.message)).toEqual([]);
    obj = loadObjectBytes(out.elf!);
    expect(obj.ok, obj.log).toBe(true);
  });
  afterAll(() => obj?.cleanup());

  const seen = () => lookupMap(obj.map('last').pinPath, u32LE(0))!.value;

  kernelIt('reads the IPv4 source address of an IPv4 packet', () => {
    const pkt = eth({ ...MAC, type: ETH_P_IP, payload: ipv4({ src: '10.1.2.3', dst: '10.0.0.2', payload: udp({ sport: 1, dport: 2 }) }) });
    expect(runProgram(obj.prog('note_source').pinPath, pkt).retval).toBe(3); // XDP_TX
    const v = seen();
    expect(readU32LE(v, 0)).toBe(readU32LE(parseIpv4('10.1.2.3')));
    expect([v[4], v[5]]).toEqual([4, 17]);
  });

  kernelIt('reads the last word of the IPv6 source address of an IPv6 packet', () => {
    const pkt = eth({ ...MAC, type: ETH_P_IPV6, payload: ipv6({ src: 'fd00::1:2:3:4', dst: 'fd00::9', payload: udp({ sport: 1, dport: 2 }) }) });
    expect(runProgram(obj.prog('note_source').pinPath, pkt).retval).toBe(3);
    const v = seen();
    expect(readU32LE(v, 0)).toBe(readU32LE(parseIpv6('fd00::1:2:3:4'), 12));
    expect([v[4], v[5]]).toEqual([6, 17]);
  });

  kernelIt('passes a truncated IPv6 header and other protocols, noting the version only', () => {
    const ip6 = ipv6({ src: 'fd00::1', dst: 'fd00::9', payload: udp({ sport: 1, dport: 2 }) });
    const short = eth({ ...MAC, type: ETH_P_IPV6, payload: ip6.subarray(0, 30) });
    expect(runProgram(obj.prog('note_source').pinPath, short).retval).toBe(2); // XDP_PASS
    expect([...seen()]).toEqual([0, 0, 0, 0, 6, 0, 0, 0]);
    const arp = eth({ ...MAC, type: ETH_P_ARP, payload: new Uint8Array(28) });
    expect(runProgram(obj.prog('note_source').pinPath, arp).retval).toBe(2);
    expect([...seen()]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
