// __builtin_ctz, clz, popcount, ffs and parity (and their l and ll forms): folded for constants,
// as the kernel's FIELD_PREP(mask, v) shifts by __builtin_ctzl(mask), and computed without
// branches for values known only at run time (BPF has no instruction for them). In the kernel and
// in ebcc run; the expected counts are computed here.
import { describe, expect, it } from 'vitest';
import { compileString } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const SRC = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define FIELD_PREP(mask, v) (((v) << __builtin_ctzl(mask)) & (mask))
_Static_assert(FIELD_PREP(0xf00UL, 3) == 0x300, "ctzl folds");
_Static_assert(__builtin_clz(1) == 31 && __builtin_clzll(1) == 63 && __builtin_popcountll(~0ULL) == 64, "fold");
_Static_assert(__builtin_ffs(0) == 0 && __builtin_ffsl(0x80UL) == 8 && __builtin_parity(7) == 1, "fold");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

static __always_inline void put(__u32 k, __u64 v)
{
	bpf_map_update_elem(&counts, &k, &v, BPF_ANY);
}

/* The counts of the packet's first word (32 bits) and of its first 8 bytes (64 bits). */
SEC("xdp")
int count_bits(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	__u64 q;
	__u32 w;

	if (data + 8 > end)
		return 0;
	q = *(__u64 *)data;
	w = (__u32)q;
	put(0, __builtin_popcount(w));
	put(1, w ? __builtin_ctz(w) : 99);
	put(2, w ? __builtin_clz(w) : 99);
	put(3, __builtin_ffs(w));
	put(4, __builtin_parity(w));
	put(5, __builtin_popcountll(q));
	put(6, q ? __builtin_ctzll(q) : 99);
	put(7, (q ? __builtin_clzll(q) : 99) + 100 * __builtin_ffsll(q));
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
`;

const compiled = () => compileString(SRC);

function counts(q: bigint): bigint[] {
  const w = q & 0xffffffffn;
  const pop = (x: bigint) => BigInt(x.toString(2).replace(/0/g, '').length);
  const ctz = (x: bigint) => { let n = 0n; while (((x >> n) & 1n) === 0n) n++; return n; };
  const clz = (x: bigint, bits: number) => BigInt(bits - x.toString(2).length);
  return [
    pop(w), w ? ctz(w) : 99n, w ? clz(w, 32) : 99n, w ? ctz(w) + 1n : 0n, pop(w) & 1n,
    pop(q), q ? ctz(q) : 99n, (q ? clz(q, 64) : 99n) + 100n * (q ? ctz(q) + 1n : 0n),
  ];
}

describe('bit-count builtins', () => {
  it('fold constants and compile run-time values without a call', () => {
    const out = compiled();
    expect(out.text).toBe('');
  });
});

describeDual('bit counts of packet words', compiled, (obj) => {
  it('gives the counts the C computes', () => {
    for (const q of [0x0000_0000_0000_0000n, 0x0000_0001_8000_0000n, 0xf000_0000_0000_0400n, 0x1234_5678_9abc_def0n]) {
      const pkt = new Uint8Array(64);
      new DataView(pkt.buffer).setBigUint64(0, q, true);
      expect(obj().run('count_bits', pkt).retval).toBe(2);
      const got = Array.from({ length: 8 }, (_, k) => {
        const key = new Uint8Array(4);
        new DataView(key.buffer).setUint32(0, k, true);
        return new DataView(obj().lookup('counts', key)!.value.buffer).getBigUint64(0, true);
      });
      expect(got, q.toString(16)).toEqual(counts(q));
    }
  });
});
