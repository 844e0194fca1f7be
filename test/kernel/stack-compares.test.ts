// A program that copies the packet's first bytes into a stack array and walks them with
// `data + off > data_end`, data and data_end both pointing into the array (the shape of the
// kernel's samples/bpf xdp1_kern.c). The bounds are offsets into one object: constants, or one of
// a few header lengths, decide every test, and no comparison of two stack addresses is left
// (opt/stack-compares.ts). The kernel must accept the program, and it must still count the right
// protocol for untagged, tagged and double-tagged frames.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disasm } from '../../src/bpf/disasm.js';
import { compileString } from '../util/compile.js';
import { describeKernel, kernelIt, loadObjectBytes, runProgram, type LoadedObject } from './harness.js';
import { lookupMap, readU32LE, u32LE } from './maps.js';
import { eth, ipv4, ipv6, udp, ETH_P_IP, ETH_P_IPV6 } from './packets.js';

const SOURCE = `#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct vhdr { __be16 tci; __be16 proto; };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, __u32);
} seen SEC(".maps");

static __always_inline int l4_of(void *data, __u64 off, void *data_end, int v6)
{
	if (v6) {
		struct ipv6hdr *ip6h = data + off;
		if ((void *)(ip6h + 1) > data_end)
			return 0;
		return ip6h->nexthdr;
	}
	struct iphdr *iph = data + off;
	if ((void *)(iph + 1) > data_end)
		return 0;
	return iph->protocol;
}

SEC("xdp")
int count_l4(struct xdp_md *ctx)
{
	__u8 pkt[64] = {};
	void *data = pkt;
	void *data_end = &pkt[sizeof(pkt) - 1];
	struct ethhdr *eth = data;
	__u64 off = sizeof(*eth);
	__u16 proto;
	__u32 l4 = 0;

	if (bpf_xdp_load_bytes(ctx, 0, pkt, sizeof(pkt)) < 0)
		return XDP_ABORTED;
	if (data + off > data_end)
		return XDP_DROP;
	proto = eth->h_proto;
	for (int i = 0; i < 2; i++) {
		if (proto == bpf_htons(ETH_P_8021Q) || proto == bpf_htons(ETH_P_8021AD)) {
			struct vhdr *v = data + off;
			off += sizeof(*v);
			if (data + off > data_end)
				return XDP_DROP;
			proto = v->proto;
		}
	}
	if (proto == bpf_htons(ETH_P_IP))
		l4 = l4_of(data, off, data_end, 0);
	else if (proto == bpf_htons(ETH_P_IPV6))
		l4 = l4_of(data, off, data_end, 1);
	__u32 *n = bpf_map_lookup_elem(&seen, &l4);
	if (n)
		*n += 1;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
`;

describe('comparisons of addresses in one stack array', () => {
  it('leave no comparison of two registers: every bound is decided', () => {
    const out = compileString(SOURCE, {}, 'codegen');
    expect(out.text).toBe('');
    const code = disasm(out.object!.functions.find((f) => f.name === 'count_l4')!.insns);
    expect(code.filter((l) => /if r\d+ [<>=!]+ r\d+/.test(l))).toEqual([]);
  });
});

const MAC = { dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01' };
const ETH_P_8021Q = 0x8100;

/** A frame with `tags` 802.1Q tags before the network header, padded to at least 64 bytes. */
function frame(tags: number, type: number, payload: Uint8Array): Uint8Array {
  let body = payload;
  let inner = type;
  for (let t = 0; t < tags; t++) {
    const tagged = new Uint8Array(4 + body.length);
    tagged.set([0, 5, inner >> 8, inner & 0xff]);
    tagged.set(body, 4);
    body = tagged;
    inner = ETH_P_8021Q;
  }
  const f = eth({ ...MAC, type: inner, payload: body });
  const out = new Uint8Array(Math.max(80, f.length));
  out.set(f);
  return out;
}

describeKernel('a header walk over a stack copy of the packet', () => {
  let obj: LoadedObject;
  beforeAll(() => {
    const out = compileString(SOURCE);
    expect(out.ctx.diags.list.map((d) => d.message)).toEqual([]);
    obj = loadObjectBytes(out.elf!);
    expect(obj.ok, obj.log).toBe(true);
  });
  afterAll(() => obj?.cleanup());

  const count = (l4: number) => readU32LE(lookupMap(obj.map('seen').pinPath, u32LE(l4))!.value, 0);

  kernelIt('counts the layer-4 protocol behind 0, 1 and 2 VLAN tags, for IPv4 and IPv6', () => {
    const v4 = ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: udp({ sport: 1, dport: 2 }) });
    const v6 = ipv6({ src: 'fd00::1', dst: 'fd00::2', payload: udp({ sport: 1, dport: 2 }) });
    let udpSeen = 0;
    for (const tags of [0, 1, 2]) {
      expect(runProgram(obj.prog('count_l4').pinPath, frame(tags, ETH_P_IP, v4)).retval).toBe(2);
      expect(count(17)).toBe(++udpSeen);
      expect(runProgram(obj.prog('count_l4').pinPath, frame(tags, ETH_P_IPV6, v6)).retval).toBe(2);
      expect(count(17)).toBe(++udpSeen);
    }
    // A frame shorter than the 64 bytes copied is refused by the helper.
    expect(runProgram(obj.prog('count_l4').pinPath, new Uint8Array(40)).retval).toBe(0);
  });
});
