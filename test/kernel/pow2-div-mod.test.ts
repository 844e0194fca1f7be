// Unsigned division and remainder by a power of two compile to a shift and a mask, as clang
// writes them: the kernel's verifier bounds `w &= 7` (0..7) but leaves the result of `w %= 8`
// unknown, so a length computed as `x % 8 + 1` and given to a helper that reads the stack was
// refused ("invalid read from stack ... size=255"; the 6.12 selftest test_seg6_loop.c).
// Expected values are worked out from the C.
import { expect, it } from 'vitest';
import { compileString } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const SOURCE = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("tc")
int head_bytes(struct __sk_buff *skb)
{
	unsigned char buf[8] = {};
	__u32 n = skb->len % 8 + 1;   /* 1..8 */
	__u32 blocks = skb->len / 16;
	__u64 wide = (__u64)skb->len * 3 % 4096;

	if (bpf_skb_load_bytes(skb, 0, buf, n))
		return -1;
	return buf[n - 1] * 10000 + blocks * 100 + (wide >> 8) + (skb->len % 1 == 0);
}

char _license[] SEC("license") = "GPL";
`;

const compiled = () => compileString(SOURCE);

it('uses shifts and masks, not BPF_DIV or BPF_MOD', () => {
  const out = compiled();
  expect(out.text).toBe('');
  const ops = out.object!.functions[0]!.insns.map((i) => i.code & 0xf0);
  // BPF_DIV (0x30) and BPF_MOD (0x90) in ALU/ALU64 instructions
  const aluDivMod = out.object!.functions[0]!.insns.filter((i) => ((i.code & 7) === 4 || (i.code & 7) === 7) && ((i.code & 0xf0) === 0x30 || (i.code & 0xf0) === 0x90));
  expect(ops.length).toBeGreaterThan(0);
  expect(aluDivMod).toEqual([]);
});

describeDual('power-of-two division and remainder', compiled, (obj) => {
  it('loads, and computes the same values', () => {
    const pkt = (len: number) => Uint8Array.from({ length: len }, (_, k) => (k * 7 + 1) & 0xff);
    // len 60: n = 60 % 8 + 1 = 5, byte 4 = 29; blocks 3; wide 180 >> 8 = 0; + 1
    expect(obj().run('head_bytes', pkt(60)).retval).toBe(29 * 10000 + 300 + 0 + 1);
    // len 100: n = 5, byte 4 = 29; blocks 6; wide 300 >> 8 = 1; + 1
    expect(obj().run('head_bytes', pkt(100)).retval).toBe(29 * 10000 + 600 + 1 + 1);
    // len 1400: n = 1, byte 0 = 1; blocks 87; wide 4200 % 4096 = 104 >> 8 = 0; + 1
    expect(obj().run('head_bytes', pkt(1400)).retval).toBe(1 * 10000 + 8700 + 0 + 1);
  });
});
