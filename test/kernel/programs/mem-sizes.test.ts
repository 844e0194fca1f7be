// Memory builtins whose sizes become constants only after inlining, constant propagation and
// unrolling: a MAC swap through __builtin_memmove(tmp, eth, ETH_ALEN * 2) inside an inlined
// helper, memcpy/memset/memcmp wrappers that take the size as a parameter, and a memset whose
// length is a loop counter. The expected packets are written from the C below, byte by byte.
import { afterAll, beforeAll, expect } from 'vitest';
import { compileString } from '../../util/compile.js';
import { describeKernel, kernelIt, loadObjectBytes, runProgram, type LoadedObject } from '../harness.js';

const SOURCE = `#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>

static __always_inline void copy_bytes(void *dst, const void *src, __u32 n)
{
	__builtin_memcpy(dst, src, n);
}

static __always_inline void fill(void *dst, int byte, __u32 n)
{
	__builtin_memset(dst, byte, n);
}

static __always_inline int same(const void *a, const void *b, __u32 n)
{
	return __builtin_memcmp(a, b, n) == 0;
}

static __always_inline void swap_macs(struct ethhdr *eth)
{
	unsigned char tmp[ETH_ALEN * 2];

	__builtin_memmove(tmp, eth, ETH_ALEN * 2);
	copy_bytes(eth->h_dest, tmp + ETH_ALEN, ETH_ALEN);
	copy_bytes(eth->h_source, tmp, ETH_ALEN);
}

static __always_inline void shift_right_one(unsigned char *p, __u32 n)
{
	__builtin_memmove(p + 1, p, n);
}

SEC("xdp")
int mem_sizes(struct xdp_md *ctx)
{
	unsigned char *p = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = (void *)p;
	int verdict;

	if (p + 64 > end)
		return XDP_ABORTED;
	verdict = same(eth->h_dest, eth->h_source, ETH_ALEN) ? XDP_DROP : XDP_TX;
	swap_macs(eth);
	for (int i = 0; i < 4; i++)
		fill(p + 16 + 4 * i, 0xa0 + i, i + 1);
	shift_right_one(p + 32, 8);
	return verdict;
}

char _license[] SEC("license") = "GPL";
`;

/** A 64-byte packet: two MACs, then bytes 12.. counting 12, 13, … */
function packet(dst: number[], src: number[]): Uint8Array {
  const p = new Uint8Array(64);
  p.set(dst, 0);
  p.set(src, 6);
  for (let i = 12; i < 64; i++) p[i] = i;
  return p;
}

/** What the program leaves in the packet, from the C: swapped MACs, four fills, a one-byte shift. */
function expected(input: Uint8Array): Uint8Array {
  const out = Uint8Array.from(input);
  out.set(input.subarray(6, 12), 0);
  out.set(input.subarray(0, 6), 6);
  for (let i = 0; i < 4; i++) out.fill(0xa0 + i, 16 + 4 * i, 16 + 4 * i + i + 1);
  out.set(out.slice(32, 40), 33); // memmove(p + 33, p + 32, 8): the source is read before any write
  return out;
}

describeKernel('memory builtins with sizes known after inlining', () => {
  let obj: LoadedObject;

  beforeAll(() => {
    const out = compileString(SOURCE);
    expect(out.text).toBe('');
    obj = loadObjectBytes(out.elf!);
    expect(obj.ok, obj.log).toBe(true);
  });
  afterAll(() => obj?.cleanup());

  kernelIt('swaps the MACs, fills runs of 1 to 4 bytes and shifts 8 bytes by one', () => {
    const input = packet([2, 0, 0, 0, 0, 2], [2, 0, 0, 0, 0, 1]);
    const res = runProgram(obj.prog('mem_sizes').pinPath, input);
    expect(res.retval).toBe(3); // XDP_TX: the MACs differ
    expect(Array.from(res.dataOut)).toEqual(Array.from(expected(input)));
    // Spot checks written out: bytes 16..31 and 32..40 after the program.
    expect(Array.from(res.dataOut.subarray(16, 32))).toEqual([0xa0, 17, 18, 19, 0xa1, 0xa1, 22, 23, 0xa2, 0xa2, 0xa2, 27, 0xa3, 0xa3, 0xa3, 0xa3]);
    expect(Array.from(res.dataOut.subarray(32, 41))).toEqual([32, 32, 33, 34, 35, 36, 37, 38, 39]);
  });

  kernelIt('compares the MACs with memcmp: equal MACs drop the packet', () => {
    const mac = [2, 0, 0, 0, 0, 7];
    const res = runProgram(obj.prog('mem_sizes').pinPath, packet(mac, mac));
    expect(res.retval).toBe(1); // XDP_DROP
    expect(Array.from(res.dataOut.subarray(0, 12))).toEqual([...mac, ...mac]);
  });
});
