// An inlined reporting function called with the same arguments after several failed checks
// (`return drop(REASON_SHORT, len);`) is the same code in every copy once registers and
// stack slots are given, although each copy has its own stack record in the IR: the object keeps
// one copy, which every failed check jumps to (codegen/twins.ts). A copy with other arguments
// stays apart. In the kernel and in ebcc run; the expected values are worked out from the C.
import { expect, it } from 'vitest';
import { disasm } from '../../src/bpf/disasm.js';
import { compileString } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const SRC = `#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct drop_note {
	__u64 reason;
	__u64 len;
	__u32 tag;
	__u32 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, struct drop_note);
} last_drop SEC(".maps");

static __always_inline int drop(__u32 reason, __u64 len)
{
	struct drop_note note = {};
	__u32 key = reason;

	note.reason = reason;
	note.len = len;
	note.tag = 0xabc;
	if (bpf_map_update_elem(&last_drop, &key, &note, BPF_ANY))
		return XDP_ABORTED;
	return reason == 1 ? XDP_DROP : XDP_TX;
}

SEC("xdp")
int guard(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	__u64 len = end - data;
	struct ethhdr *eth = data;
	struct iphdr *ip = data + sizeof(*eth);

	if ((void *)(eth + 1) > end)
		return drop(1, len);
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return drop(2, len);
	if ((void *)(ip + 1) > end)
		return drop(1, len);
	if (ip->protocol == IPPROTO_TCP) {
		__u64 ttl = ip->ttl;

		if (ttl <= 1)
			return drop(1, ttl);
	} else {
		__u64 tos = ip->tos;

		if (tos == 0xff)
			return drop(1, tos);
	}
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
`;

const compiled = () => compileString(SRC);

it('keeps one copy of the reporting code per distinct call', () => {
  const out = compiled();
  expect(out.text).toBe('');
  const code = disasm(out.object!.functions.find((f) => f.name === 'guard')!.insns);
  // drop(2, len), drop(1, len) twice (one block in the IR already), and drop(1, ttl) and
  // drop(1, tos), whose values are other IR registers in one machine register: three copies.
  expect(code.filter((l) => l === 'call bpf_map_update_elem#2')).toHaveLength(3);
});

function frame(proto: number, ttl: number, bytes = 64, ipProto = 6, tos = 0): Uint8Array {
  const buf = Buffer.alloc(bytes);
  buf.writeUInt16BE(proto, 12);
  if (bytes >= 34) {
    buf[14] = 0x45;
    buf[15] = tos;
    buf[22] = ttl;
    buf[23] = ipProto;
  }
  return new Uint8Array(buf);
}

const note = (reason: number, len: number) => {
  const b = Buffer.alloc(24);
  b.writeBigUInt64LE(BigInt(reason), 0);
  b.writeBigUInt64LE(BigInt(len), 8);
  b.writeUInt32LE(0xabc, 16);
  return new Uint8Array(b);
};
const key = (k: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(k, 0);
  return new Uint8Array(b);
};

describeDual('one reporting tail for three failed checks', compiled, (obj) => {
  it('records the reason and length of each drop and returns what drop() returns', () => {
    expect(obj().run('guard', frame(0x0800, 64)).retval).toBe(2); // XDP_PASS
    expect(obj().run('guard', frame(0x0800, 1, 70)).retval).toBe(1); // TCP, TTL 1: XDP_DROP
    expect(obj().lookup('last_drop', key(1))?.value).toEqual(note(1, 1));
    expect(obj().run('guard', frame(0x0800, 1, 70, 17)).retval).toBe(2); // UDP, TTL 1: XDP_PASS
    expect(obj().run('guard', frame(0x0800, 64, 70, 17, 0xff)).retval).toBe(1); // UDP, TOS 0xff
    expect(obj().lookup('last_drop', key(1))?.value).toEqual(note(1, 0xff));
    expect(obj().run('guard', frame(0x0800, 64, 70, 6, 0xff)).retval).toBe(2); // TCP, TOS 0xff
    expect(obj().run('guard', frame(0x86dd, 64, 80)).retval).toBe(3); // not IPv4: XDP_TX
    expect(obj().lookup('last_drop', key(2))?.value).toEqual(note(2, 80));
    expect(obj().run('guard', frame(0x0800, 64, 20)).retval).toBe(1); // no room for the IPv4 header
    expect(obj().lookup('last_drop', key(1))?.value).toEqual(note(1, 20));
  });
});
