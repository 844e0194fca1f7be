// Programs written against the kernel tree's headers compile unchanged (test/kernel/legacy/
// kernel_tree.c, built with -D__KERNEL__): struct vlan_hdr and VLAN_* of the kernel's
// <linux/if_vlan.h>, ip_is_fragment() of <net/ip.h>, uint64_t of the kernel's <linux/types.h>,
// memcpy() without <string.h>,
// SK_DROP/SK_PASS, a project's copy of the BPF header skipped by the kernel's include guard, a
// struct defined again exactly as a header defines it, a local never assigned (which reads 0), and
// pointers assigned on one path each, used after a second test of the same condition. They load and behave as worked out from the C.
import { expect, it } from 'vitest';
import { compileFile, compileString, REPO_DIR } from '../util/compile.js';
import { describeDual } from '../run/dual.js';
import { eth, ipv4, ipv6, udp, vlan, ETH_P_8021AD, ETH_P_8021Q, ETH_P_IP, ETH_P_IPV6 } from './packets.js';

const XDP_ABORTED = 0;
const XDP_DROP = 1;
const XDP_PASS = 2;
const XDP_TX = 3;
const TC_ACT_OK = 0;
const TC_ACT_SHOT = 2;

const FILE = `${REPO_DIR}test/kernel/legacy/kernel_tree.c`;
const kernelTree = { defines: [{ name: '__KERNEL__' }] };
const mac = { dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01' };
const v4 = (o: { mf?: boolean; fragOffsetBytes?: number } = {}) => ipv4({ src: '10.0.0.1', dst: '10.0.0.2', ...o, payload: udp({ sport: 1, dport: 2 }) });
const tagged = (vid: number, payload: Uint8Array, type = ETH_P_IP) => vlan({ vid, type, payload });

it('compiles without diagnostics', () => {
  expect(compileFile(FILE, kernelTree).text).toBe('');
});

it('outside kernel-tree code <linux/if_vlan.h> declares no struct vlan_hdr, and a different second definition is still an error', () => {
  const user = compileString('#include <linux/if_vlan.h>\nstruct vlan_hdr { unsigned short tci; unsigned short proto; };\nint f(void) { return sizeof(struct vlan_hdr); }\n');
  expect(user.text).toBe('');
  const clash = compileString('#include <linux/if_vlan.h>\nstruct vlan_hdr { unsigned short tci; unsigned short proto; };\n', kernelTree);
  expect(clash.ctx.diags.list.map((d) => d.code)).toEqual(['E3002']);
});

it('<net/ip.h> brings what the kernel\'s does to a program that includes nothing else of the network stack', () => {
  const src = '#include <uapi/linux/bpf.h>\n#include <net/ip.h>\n#include <bpf/bpf_helpers.h>\n' +
    'SEC("tc") int f(struct __sk_buff *skb) {\n  void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;\n' +
    '  struct iphdr *iph = data + ETH_HLEN;\n  if ((void *)(iph + 1) > end) return TC_ACT_OK;\n' +
    '  return ip_is_fragment(iph) && ETH_ALEN == 6 ? TC_ACT_SHOT : TC_ACT_OK;\n}\nchar _license[] SEC("license") = "GPL";\n';
  expect(compileString(src, kernelTree).text).toBe('');
});

it('<linux/in.h>, <linux/ip.h> and <linux/ipv6.h> bring in kernel-tree code what the kernel\'s internal headers include', () => {
  const src = '#include <uapi/linux/bpf.h>\n#include <linux/in.h>\n#include <linux/ip.h>\n#include <linux/ipv6.h>\n#include <bpf/bpf_helpers.h>\n' +
    'SEC("xdp") int f(struct xdp_md *ctx) {\n  void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;\n' +
    '  struct ethhdr *eth = data;\n  struct tcphdr *th = data + ETH_HLEN + sizeof(struct iphdr);\n  struct udphdr *uh = (void *)th;\n' +
    '  if ((void *)(th + 1) > end) return XDP_PASS;\n' +
    '  return eth->h_proto == 8 && th->syn && uh->len && AF_INET == 2 && AF_INET6 == 10 ? XDP_DROP : XDP_PASS;\n}\nchar _license[] SEC("license") = "GPL";\n';
  expect(compileString(src, kernelTree).text).toBe('');
  // User code gets the UAPI headers only: no Ethernet header from <linux/ip.h>.
  const user = compileString('#include <linux/ip.h>\nint f(void) { return ETH_HLEN; }\n');
  expect(user.ctx.diags.list.map((d) => d.code)).toEqual(['E3001']);
});

const MINMAX = `#include <uapi/linux/bpf.h>
#include <linux/ip.h>
#include <net/ipv6.h>
#include <net/inet_ecn.h>
#include <bpf/bpf_helpers.h>

SEC("tc")
int ecn_len(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
	struct ipv6hdr *ip6 = data + ETH_HLEN;
	int calls = 0;

	if ((void *)(ip6 + 1) > end)
		return TC_ACT_SHOT;
	__u32 big = max(skb->len, 100u);
	__u32 small = min_t(__u32, skb->len, 100);
	int once = max(++calls, 0);
	__u8 ecn = (ip6->flow_lbl[0] >> 4) & INET_ECN_MASK;

	return big + small * 1000 + ecn * 1000000 + (once == 1 && calls == 1) * 10000000;
}

char _license[] SEC("license") = "GPL";
`;

it('kernel-tree code gets min()/max() and <net/ipv6.h>, <net/inet_ecn.h>, TC_ACT_* after <linux/ip.h>', () => {
  expect(compileString(MINMAX, kernelTree).text).toBe('');
  // Outside kernel-tree code no max() is defined: a program may define its own.
  const own = compileString('#include <linux/if_vlan.h>\n#define max(a, b) ((a) > (b) ? (a) : (b))\nint f(int x) { return max(x, 3); }\n');
  expect(own.text).toBe('');
});

describeDual('kernel-tree min/max and ECN', () => compileString(MINMAX, kernelTree), (obj) => {
  it('ecn_len: each macro argument is evaluated once', () => {
    // Ethernet + IPv6 with traffic class 0x03 (ECN CE) + 8 bytes: 62 bytes
    const frame = new Uint8Array(62);
    frame.set([0x86, 0xdd], 12);
    frame.set([0x60, 0x30], 14);
    expect(obj().run('ecn_len', frame).retval).toBe(100 + 62 * 1000 + 3 * 1000000 + 10000000);
    const long = new Uint8Array(300);
    long.set([0x86, 0xdd], 12);
    long.set([0x60, 0x10], 14);
    expect(obj().run('ecn_len', long).retval).toBe(300 + 100 * 1000 + 1 * 1000000 + 10000000);
    expect(obj().run('ecn_len', new Uint8Array(40)).retval).toBe(TC_ACT_SHOT);
  });
});

describeDual('kernel-tree headers', () => compileFile(FILE, kernelTree), (obj) => {
  it('vlan_frag: VLAN tags through struct vlan_hdr, fragments through ip_is_fragment()', () => {
    const run = (frame: Uint8Array) => obj().run('vlan_frag', frame).retval;
    expect(run(eth({ ...mac, type: ETH_P_IP, payload: v4() }))).toBe(XDP_PASS);
    const back = eth({ ...mac, type: ETH_P_8021Q, payload: tagged(100, v4()) });
    const sent = obj().run('vlan_frag', back);
    expect(sent.retval).toBe(XDP_TX);
    // Addressed back to its sender: the source MAC copied over the destination.
    expect(Array.from(sent.dataOut)).toEqual([...back.subarray(6, 12), ...back.subarray(6)]);
    expect(run(eth({ ...mac, type: ETH_P_8021Q, payload: tagged(101, v4()) }))).toBe(XDP_PASS);
    // Two tags: the inner one's id counts.
    expect(run(eth({ ...mac, type: ETH_P_8021AD, payload: tagged(7, tagged(100, v4()), ETH_P_8021Q) }))).toBe(XDP_TX);
    // First fragment (MF set) and a later one (offset 1480): both dropped, tagged or not.
    expect(run(eth({ ...mac, type: ETH_P_IP, payload: v4({ mf: true }) }))).toBe(XDP_DROP);
    expect(run(eth({ ...mac, type: ETH_P_8021Q, payload: tagged(100, v4({ fragOffsetBytes: 1480 })) }))).toBe(XDP_DROP);
    expect(run(eth({ ...mac, type: ETH_P_IPV6, payload: ipv6({ src: 'fc00::1', dst: 'fc00::2', payload: udp({ sport: 1, dport: 2 }) }) }))).toBe(XDP_PASS);
    // A tag cut short, and an IPv4 header cut short.
    expect(run(eth({ ...mac, type: ETH_P_8021Q, payload: Uint8Array.of(0, 100) }))).toBe(XDP_ABORTED);
    expect(run(eth({ ...mac, type: ETH_P_8021Q, payload: tagged(100, v4()) }).subarray(0, 30))).toBe(XDP_ABORTED);
  });

  it('branch_pointers: the header pointer assigned on the path taken is the one used', () => {
    const run = (frame: Uint8Array) => obj().run('branch_pointers', frame);
    const f4 = eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.2', ttl: 64, payload: udp({ sport: 1, dport: 2 }) }) });
    const r4 = run(f4);
    expect(r4.retval).toBe(XDP_TX);
    expect(r4.dataOut[14 + 8]).toBe(63);
    expect(Array.from(r4.dataOut.subarray(14 + 9))).toEqual(Array.from(f4.subarray(14 + 9)));
    const f6 = eth({ ...mac, type: ETH_P_IPV6, payload: ipv6({ src: 'fc00::1', dst: 'fc00::2', hopLimit: 9, payload: udp({ sport: 1, dport: 2 }) }) });
    const r6 = run(f6);
    expect(r6.retval).toBe(XDP_TX);
    expect(r6.dataOut[14 + 7]).toBe(8);
    expect(run(eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.2', ttl: 1, payload: udp({ sport: 1, dport: 2 }) }) })).retval).toBe(XDP_PASS);
    expect(run(eth({ ...mac, type: 0x0806, payload: new Uint8Array(28) })).retval).toBe(XDP_PASS);
  });

  it('unset_length: the unassigned length reads 0, so 20 bytes pass the check', () => {
    // An EtherType the kernel does not parse, so it runs frames of any length from 14 bytes.
    const frame = eth({ ...mac, type: 0x88b5, payload: new Uint8Array(32) });
    expect(obj().run('unset_length', frame).retval).toBe(TC_ACT_OK);
    expect(obj().run('unset_length', frame.subarray(0, 20)).retval).toBe(TC_ACT_OK);
    expect(obj().run('unset_length', frame.subarray(0, 19)).retval).toBe(TC_ACT_SHOT);
  });
});
