// A global read before a helper call and updated after it (learning-ebpf's first program prints
// `counter`, then increments it): the global's address stays in a callee-saved register across
// the call, one ld_imm64 where computing it again would be two, as clang keeps it in R6
// (opt/sink.ts shareGlobalAddresses). With four other values live across the call the address is
// computed again, so that none of them goes to the stack. In the kernel and in ebcc run; expected
// values are worked out from the C.
import { expect, it } from 'vitest';
import { disasm } from '../../src/bpf/disasm.js';
import { compileString } from '../util/compile.js';
import { describeDual } from '../run/dual.js';
import { u32LE } from './maps.js';

const SRC = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__u32 counter = 0;
__u64 total = 0;

/* Counts packets; returns XDP_PASS, or XDP_DROP from the fourth packet on. */
SEC("xdp")
int count(struct xdp_md *ctx)
{
	__u32 seen = counter;

	bpf_printk("seen %u", seen);
	counter++;
	return counter > 3 ? XDP_DROP : XDP_PASS;
}

/* Four values live across the call besides the global's address. */
SEC("xdp")
int crowded(struct xdp_md *ctx)
{
	__u64 a = ctx->data_end - ctx->data, b = ctx->ingress_ifindex, c = ctx->rx_queue_index, d = a * 3;

	total += a;
	bpf_printk("len %llu", a);
	total += a + b + c + d;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
`;

const compiled = () => compileString(SRC);
const fn = (name: string) => compiled().object!.functions.find((f) => f.name === name)!;
/** The ld_imm64 instructions of a function: the global's address and the format string's. */
const ldImm64 = (name: string) => fn(name).insns.filter((i) => i.code === 0x18).length;

it('keeps a global address across a call when a callee-saved register is free for it', () => {
  expect(compiled().ctx.diags.list).toEqual([]);
  // &counter once, and the format string
  expect(ldImm64('count')).toBe(2);
});

it('computes it again when four other values live across the call', () => {
  // &total twice, and the format string; nothing spilled
  expect(ldImm64('crowded')).toBe(3);
  expect(disasm(fn('crowded').insns).filter((l) => /\(r10 -\d+\)/.test(l))).toEqual([]);
});

describeDual('a counter updated after a call', compiled, (obj) => {
  it('counts every packet', () => {
    const pkt = new Uint8Array(64);
    expect([1, 2, 3, 4, 5].map(() => obj().run('count', pkt).retval)).toEqual([2, 2, 2, 1, 1]);
    expect(Buffer.from(obj().lookup('.bss', u32LE(0))!.value).readUInt32LE(0)).toBe(5);
  });
});
