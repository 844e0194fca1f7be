// A function that calls itself only in tail position (`return len >= 4 ? mix(..., len - 4) :
// ...;`, as hash functions written for BPF step through a key) is a loop, not recursion: the
// call gives the parameters their new values and jumps back to the start of the body
// (sema/tail-calls.ts, lower/stmt.ts), and with a constant length the unroller unrolls it, as
// clang's tail-call elimination does. A call of a function to itself anywhere else is still
// E3102. In the kernel and in ebcc run; the expected hashes are computed here from the C.
import { describe, expect, it } from 'vitest';
import { printModule } from '../../src/ir/print.js';
import { findLoops } from '../../src/opt/loops.js';
import { compileString } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const SRC = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

static __always_inline __u32 word_at(const __u8 *p)
{
	return p[0] | (__u32)p[1] << 8 | (__u32)p[2] << 16 | (__u32)p[3] << 24;
}

/* Mixes whole words while four bytes are left, then single bytes, then folds the high half in. */
static __always_inline __u32 mix(__u32 h, const __u8 *p, __u32 len)
{
	return len >= 4 ? mix((h ^ word_at(p)) * 0x01000193, p + 4, len - 4) :
	       len > 0 ? mix((h ^ *p) * 0x01000193, p + 1, len - 1) :
	       h ^ (h >> 15);
}

static __always_inline __u32 sum_halves(const __u8 *p, int n, __u32 acc)
{
	if (n == 0)
		return acc;
	return sum_halves(p + 2, n - 1, acc + (p[0] | p[1] << 8));
}

SEC("xdp")
int hash_key(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	__u8 key[11];

	if (data + sizeof(key) > end)
		return 0;
	__builtin_memcpy(key, data, sizeof(key));
	return (mix(0x811c9dc5, key, sizeof(key)) & 0xffff) ^ (sum_halves(key, 4, 0) << 16);
}

char _license[] SEC("license") = "GPL";
`;

const compiled = () => compileString(SRC);

function expected(bytes: number[]): number {
  const mul = (a: number, b: number) => Number((BigInt(a) * BigInt(b)) & 0xffffffffn);
  let h = 0x811c9dc5;
  let i = 0;
  for (; bytes.length - i >= 4; i += 4) h = mul((h ^ (bytes[i]! | bytes[i + 1]! << 8 | bytes[i + 2]! << 16 | bytes[i + 3]! << 24)) >>> 0, 0x01000193);
  for (; i < bytes.length; i++) h = mul((h ^ bytes[i]!) >>> 0, 0x01000193);
  h = (h ^ (h >>> 15)) >>> 0;
  let s = 0;
  for (let k = 0; k < 4; k++) s = (s + (bytes[2 * k]! | bytes[2 * k + 1]! << 8)) >>> 0;
  return ((h & 0xffff) ^ (s << 16)) >>> 0;
}

describe('tail calls of a function to itself', () => {
  it('builds without E3102, and unrolls the loop they make when the lengths are constants', () => {
    const out = compileString(SRC, {}, 'ir');
    expect(out.text).toBe('');
    // No loop is left: the key's 11 bytes are two words and three bytes, unrolled.
    expect(out.ir!.functions.map((f) => findLoops(f).length)).toEqual([0]);
    expect(printModule(out.ir!)).not.toMatch(/call/);
  });

  it('makes the loop in a function that stays a BPF-to-BPF call, too', () => {
    const out = compileString(`#include <linux/bpf.h>
      static __attribute__((noinline)) __u32 total(__u32 n, __u32 acc) { return n ? total(n - 1, acc + n) : acc; }
      __attribute__((section("xdp"))) int p(struct xdp_md *ctx) { return total(ctx->rx_queue_index & 7, 0); }
      char _license[] __attribute__((section("license"))) = "GPL";`, {}, 'ir');
    expect(out.text).toBe('');
    const total = out.ir!.functions.find((f) => f.name === 'total')!;
    expect(findLoops(total).length).toBe(1);
    expect(total.blocks.flatMap((b) => b.insts).some((i) => i.op === 'callfn')).toBe(false);
  });

  it('still reports a call of a function to itself that is not in tail position (E3102)', () => {
    const out = compileString(`#include <linux/bpf.h>
      static __always_inline __u32 depth(__u32 n) { return n == 0 ? 0 : 1 + depth(n - 1); }
      __attribute__((section("xdp"))) int p(struct xdp_md *ctx) { return depth(3); }
      char _license[] __attribute__((section("license"))) = "GPL";`);
    expect(out.ctx.diags.list.map((d) => d.code)).toEqual(['E3102']);
  });
});

describeDual('a key hashed by tail calls', compiled, (obj) => {
  it('gives the hash the C computes', () => {
    for (const seed of [1, 77, 200]) {
      const bytes = Array.from({ length: 64 }, (_, k) => (k * seed + 13) & 0xff);
      expect(obj().run('hash_key', new Uint8Array(bytes)).retval).toBe(expected(bytes.slice(0, 11)));
    }
  });
});
