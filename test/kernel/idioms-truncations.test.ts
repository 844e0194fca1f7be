// Truncations to 32 bits that the optimiser may drop (opt/zext-elim.ts): a value whose every use
// reads only its low half needs no clearing of the upper half, but a register that another
// truncation reads and that is then read whole still needs it. The packed struct's u32 member
// lives in a register (SROA), set on two paths and from a 64-bit product, and its value is
// written out as a u64. Expected words are worked out from the C.
import { expect, it } from 'vitest';
import { disasm } from '../../src/bpf/disasm.js';
import { compileString } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const SRC = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct pair {
	__u32 lo;
	__u64 tag : 10;
} __attribute__((packed));

SEC("xdp")
int trunc_chain(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__u64 *w = data;
	struct pair p = {};
	__u64 x;

	if (data + 32 > data_end)
		return XDP_ABORTED;
	x = w[0];
	if (x & 1)
		p.lo = x >> 3;
	else
		p.tag = x;
	w[1] = p.lo ^ 5;
	p.lo = -(-(14 * x));
	w[2] = p.lo;
	w[3] = p.tag;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
`;

const compiled = () => compileString(SRC);

function words(...vals: bigint[]): Uint8Array {
  const b = Buffer.alloc(vals.length * 8);
  vals.forEach((v, i) => b.writeBigUInt64LE(BigInt.asUintN(64, v), i * 8));
  return new Uint8Array(b);
}

const word = (out: Uint8Array, k: number) => Buffer.from(out).readBigUInt64LE(k * 8);

it('clears the upper half of the u32 member before it is written out whole', () => {
  const out = compiled();
  expect(out.ctx.diags.list).toEqual([]);
  const code = disasm(out.object!.functions[0]!.insns);
  // the product is stored as a u64 only after a 32-bit move
  const store = code.findIndex((l) => /^\*\(u64 \*\)\(r\d \+16\) = r\d$/.test(l));
  expect(code.slice(0, store).some((l) => /^w\d = w\d$/.test(l))).toBe(true);
});

it('tests an int truncated from a context word without clearing its upper half, through the local\'s copy', () => {
  // `v` lives in a slot (its address goes to a helper): the assignment is stored and copied, and
  // the copy is only tested as 32 bits, as test_tcpbpf_kern.c's `v = bpf_getsockopt(...); if (!v)`.
  const out = compileString(`#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
struct regs { unsigned long a, b, c; };
SEC("kprobe/f") int p(struct regs *ctx) {
	int v = 0;
	bpf_probe_read_kernel(&v, sizeof(v), (void *)ctx->b);
	if (v != 7)
		return 1;
	v = ctx->a;
	if (!v)
		return 2;
	return 3;
}
char _license[] SEC("license") = "GPL";`);
  expect(out.ctx.diags.list).toEqual([]);
  const code = disasm(out.object!.functions[0]!.insns);
  const load = code.indexOf('r0 = *(u64 *)(r6 +0)');
  expect(load).toBeGreaterThan(0);
  expect(code[load + 1]).toBe('if w0 == 0x0 goto pc+2');
});

describeDual('truncated members', compiled, (obj) => {
  it('writes the low halves: an odd word sets lo from x >> 3, an even one the 10-bit tag', () => {
    const odd = obj().run('trunc_chain', words(0x1_0000_0003n, 0n, 0n, 0n));
    expect(odd.retval).toBe(2);
    // lo = (u32)(x >> 3) = 0x20000000; (u32)(14 * x) = 0x2a; tag 0
    expect([1, 2, 3].map((k) => word(odd.dataOut, k))).toEqual([0x2000_0005n, 0x2an, 0n]);
    const even = obj().run('trunc_chain', words(0xffff_ffff_0000_0402n, 0n, 0n, 0n));
    // lo stays 0; (u32)(14 * x) = 14 * 0x402 = 0x381c; tag = 0x402 & 1023 = 2
    expect([1, 2, 3].map((k) => word(even.dataOut, k))).toEqual([5n, 0x381cn, 2n]);
  });
});

const LENGTH_SRC = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* The packet's length as an int: XDP_DROP below 60 bytes, else XDP_PASS. */
SEC("xdp")
int by_length(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	int len = data_end - data;

	if (len < 60)
		return XDP_DROP;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
`;

it('tests the int of data_end - data without clearing its upper half: the difference of two packet pointers is a number', () => {
  const out = compileString(LENGTH_SRC);
  expect(out.ctx.diags.list).toEqual([]);
  const code = disasm(out.object!.functions[0]!.insns);
  expect(code.filter((l) => /^w(\d) = w\1$/.test(l))).toEqual([]);
  expect(code.some((l) => /^if w\d s< 0x3c goto/.test(l) || /^if w\d s>= 0x3c goto/.test(l))).toBe(true);
});

describeDual('the int of a packet length', () => compileString(LENGTH_SRC), (obj) => {
  it('drops frames shorter than 60 bytes', () => {
    expect(obj().run('by_length', new Uint8Array(59)).retval).toBe(1);
    expect(obj().run('by_length', new Uint8Array(60)).retval).toBe(2);
    expect(obj().run('by_length', new Uint8Array(1500)).retval).toBe(2);
  });
});
