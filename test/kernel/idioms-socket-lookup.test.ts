// A field of a struct passed by value, tested before a socket lookup and again after it
// (opt/extract-fields.ts, opt/thread.ts): `if (sk && f.proto == IPPROTO_TCP && sk->state ...)`
// after a TCP lookup on one path and a UDP lookup on the other. The kernel refuses one load of
// `sk->state` that sees a sock_common on one path and a sock on another ("same insn cannot be used
// with different pointers"): the UDP path must never reach it. clang's jump threading sends it
// past the test; ebcc reads the protocol as one register (not a new extraction from the struct's
// 8-byte word each time) and threads the UDP lookup's path past the second test, so the kernel
// loads the object. The runs check the verdicts with and without a socket listening.
import { once } from 'node:events';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect } from 'vitest';
import { compileString } from '../util/compile.js';
import { describeKernel, kernelIt, loadObjectBytes, runProgram, type LoadedObject } from './harness.js';

const SOURCE = `#include <linux/bpf.h>
#include <linux/in.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* What the program knows of a packet, passed by value as firewalls pass their event records. */
struct flow {
	__u64 seen;
	__u32 ifindex;
	__u32 daddr[4];
	__u32 saddr[4];
	__u16 sport;
	__u16 dport;
	__u8 proto;
	__u8 direction;
	__u8 version;
	__u8 flags;
};

/* A listening TCP socket or any UDP socket for the flow; NULL if none. */
static inline struct bpf_sock *local_socket(struct flow f, struct __sk_buff *skb, struct bpf_sock_tuple t)
{
	struct bpf_sock *sk;

	if (f.version == 4) {
		if (f.proto == IPPROTO_TCP)
			sk = bpf_skc_lookup_tcp(skb, &t, sizeof(t.ipv4), BPF_F_CURRENT_NETNS, 0);
		else
			sk = bpf_sk_lookup_udp(skb, &t, sizeof(t.ipv4), BPF_F_CURRENT_NETNS, 0);
	} else {
		if (f.proto == IPPROTO_TCP)
			sk = bpf_skc_lookup_tcp(skb, &t, sizeof(t.ipv6), BPF_F_CURRENT_NETNS, 0);
		else
			sk = bpf_sk_lookup_udp(skb, &t, sizeof(t.ipv6), BPF_F_CURRENT_NETNS, 0);
	}
	if (sk && f.proto == IPPROTO_TCP && sk->state != BPF_TCP_LISTEN) {
		bpf_sk_release(sk);
		return NULL;
	}
	return sk;
}

/* Packet: version, protocol, then the destination port (network order). */
SEC("tc")
int lookup(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	__u8 *p = data;
	struct flow f = {};
	struct bpf_sock_tuple t = {};
	struct bpf_sock *sk;

	if (data + 4 > data_end)
		return TC_ACT_SHOT;
	f.version = p[0];
	f.proto = p[1];
	f.dport = bpf_ntohs(*(__u16 *)(p + 2));
	f.ifindex = skb->ifindex;
	t.ipv4.daddr = bpf_htonl(0x7f000001);
	t.ipv4.saddr = bpf_htonl(0x7f000001);
	t.ipv4.dport = bpf_htons(f.dport);
	sk = local_socket(f, skb, t);
	if (sk) {
		bpf_sk_release(sk);
		return 100;
	}
	return f.proto == IPPROTO_TCP ? 1 : 2;
}

char _license[] SEC("license") = "GPL";
`;

/** The packet: version, protocol, destination port (network order), padded to an Ethernet header. */
function packet(version: number, proto: number, port: number): Uint8Array {
  const pkt = new Uint8Array(64);
  pkt[0] = version;
  pkt[1] = proto;
  new DataView(pkt.buffer).setUint16(2, port, false);
  return pkt;
}

describeKernel('a protocol field tested around a socket lookup', () => {
  let obj: LoadedObject;
  beforeAll(() => {
    const out = compileString(SOURCE);
    // ebcc's verifier finds nothing to refuse (it said V1099 before), and neither does the kernel.
    expect(out.text).toBe('');
    obj = loadObjectBytes(out.elf!);
    expect(obj.ok, obj.log).toBe(true);
  });
  afterAll(() => obj?.cleanup());

  kernelIt('finds a listening TCP socket and a bound UDP socket, and nothing on a port with neither', async () => {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const udp = createSocket('udp4');
    udp.bind(0, '127.0.0.1');
    await once(udp, 'listening');
    try {
      const run = (version: number, proto: number, port: number) => runProgram(obj.prog('lookup').pinPath, packet(version, proto, port)).retval;
      const tcpPort = (server.address() as AddressInfo).port;
      const udpPort = udp.address().port;
      expect(run(4, 6, tcpPort)).toBe(100);
      expect(run(4, 17, udpPort)).toBe(100);
      // A UDP lookup on the TCP port, and the other way round: no socket, the protocol's verdict.
      expect(run(4, 17, tcpPort)).toBe(udpPort === tcpPort ? 100 : 2);
      expect(run(4, 6, udpPort)).toBe(udpPort === tcpPort ? 100 : 1);
      // Version 6 looks up the IPv6 tuple, whose addresses are no local address: nothing.
      expect(run(6, 6, tcpPort)).toBe(1);
      expect(run(6, 17, udpPort)).toBe(2);
    } finally {
      server.close();
      udp.close();
    }
  });
});
