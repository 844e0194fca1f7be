// A checksum in the style of XDP tutorials: a word loop marked `#pragma clang loop
// unroll_count(MAX_WORDS)` (a macro, which clang expands) that breaks at the end of the packet,
// then `while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);`. The loop is unrolled, and the
// fold tests the sum itself (opt/high-bit-tests.ts), so every path leaves it in [0, 0xffff] and
// the kernel prunes what follows after the first: kept as a loop, or folded through a shifted
// copy, each of the word loop's exits reached the code after it with its own range of the sum.
// In the kernel and in ebcc run; the expected sums are computed here.
import { expect, it } from 'vitest';
import { compileString } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const SRC = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define MAX_WORDS 120

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} seen SEC(".maps");

static __always_inline void count(__u32 slot, __u64 n)
{
	__u64 *v = bpf_map_lookup_elem(&seen, &slot);

	if (v)
		*v += n;
}

SEC("xdp")
int fold_sum(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	__u32 sum = 0;

	#pragma clang loop unroll_count(MAX_WORDS)
	for (int i = 0; i < MAX_WORDS; i++) {
		__u16 *w = (__u16 *)data + i;

		if ((void *)(w + 1) > end)
			break;
		sum += *w;
	}
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	count(0, 1);
	count(1, sum);
	count(2, end - data);
	count(3, sum & 1 ? 3 : 5);
	return sum;
}

char _license[] SEC("license") = "GPL";
`;

const compiled = () => compileString(SRC);

function folded(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i + 1 < bytes.length && i < 240; i += 2) sum += bytes[i]! | (bytes[i + 1]! << 8);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return sum;
}

it('builds the loop unrolled', () => {
  const out = compileString(SRC, {}, 'ir');
  expect(out.text).toBe('');
  // 120 copies of the word's bounds check.
  expect(out.ir!.functions[0]!.blocks.filter((b) => b.term.op === 'br').length).toBeGreaterThan(120);
  // ebcc's verifier accepts it (no V1017: more than a million instructions processed).
  expect(compiled().text).toBe('');
});

describeDual('a checksum folded after an unrolled word loop', compiled, (obj) => {
  it('gives the folded sum of the packet\'s first 120 words', () => {
    for (const [len, seed] of [[64, 3], [301, 250], [17, 99]] as const) {
      const bytes = new Uint8Array(Array.from({ length: len }, (_, k) => (k * seed + 200) & 0xff));
      expect(obj().run('fold_sum', bytes).retval).toBe(folded(bytes));
    }
  });
});
