// A program that declares its own `struct xdp_md` under preserve_access_index, laid out as a
// user-space runtime passes it (`__u64 data; __u64 data_end;`, then the __u32 fields): each
// member is read where the kernel's struct of that name has it, with the kernel's size, as
// libbpf's CO-RE relocation moves and resizes clang's loads. In the kernel and in ebcc run;
// the expected values are worked out from the C.
import { expect, it } from 'vitest';
import { disasm } from '../../src/bpf/disasm.js';
import { compileString } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const SRC = `typedef unsigned char __u8;
typedef unsigned int __u32;
typedef unsigned long long __u64;

#pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)
struct xdp_md {
	__u64 data;
	__u64 data_end;
	__u32 data_meta;
	__u32 ingress_ifindex;
	__u32 rx_queue_index;
	__u32 egress_ifindex;
};
#pragma clang attribute pop

/* The third byte of the packet plus the receive queue, or 1000 for a packet under 3 bytes. */
__attribute__((section("xdp"), used))
int third_byte(struct xdp_md *ctx)
{
	__u8 *data = (__u8 *)(long)ctx->data;
	__u8 *end = (__u8 *)(long)ctx->data_end;

	if (data + 3 > end)
		return 1000;
	return data[2] + ctx->rx_queue_index;
}

char _license[] __attribute__((section("license"), used)) = "GPL";
`;

const compiled = () => compileString(SRC);

it('reads the kernel\'s fields: 4 bytes at 0, 4 and 16', () => {
  const out = compiled();
  expect(out.text).toBe('');
  const code = disasm(out.object!.functions[0]!.insns);
  const ctxLoads = code.filter((l) => /= \*\(u\d+ \*\)\(r1 \+\d+\)$/.test(l));
  expect(ctxLoads.map((l) => /\(u(\d+) \*\)\(r1 \+(\d+)\)/.exec(l)!.slice(1).join('@')).sort()).toEqual(['32@0', '32@16', '32@4']);
});

describeDual('a context struct of its own', compiled, (obj) => {
  it('gives the byte and the queue index the kernel passes', () => {
    const pkt = new Uint8Array(Array.from({ length: 64 }, (_, k) => k + 40));
    expect(obj().run('third_byte', pkt).retval).toBe(42);
  });
});
