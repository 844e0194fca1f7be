// Volatile accesses at -O2: READ_ONCE twice of the same map value field, WRITE_ONCE twice of
// another, a `const volatile` configuration read in an unrolled loop and a volatile local each
// keep every access in the object, and the program computes what the C says. In the kernel and
// in ebcc run.
import { expect, it } from 'vitest';
import { compileString } from '../util/compile.js';
import { describeDual } from '../run/dual.js';
import { readU64LE, u32LE } from './maps.js';

const SRC = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#define READ_ONCE(x) (*(volatile typeof(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile typeof(x) *)&(x) = (v))

struct stats { __u64 seen; __u64 last; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, struct stats); } st SEC(".maps");
const volatile __u32 step = 3;

SEC("xdp")
int vol(struct xdp_md *ctx)
{
	__u64 len = ctx->data_end - ctx->data;
	__u32 k = 0;
	struct stats *s = bpf_map_lookup_elem(&st, &k);
	if (!s)
		return XDP_ABORTED;
	__u64 a = READ_ONCE(s->seen);
	__u64 b = READ_ONCE(s->seen);
	WRITE_ONCE(s->last, len);
	WRITE_ONCE(s->last, a + b + len);
	volatile __u32 acc = 0;
	for (int i = 0; i < 4; i++)
		acc += step;
	__u32 n = acc;
	barrier_var(n);
	WRITE_ONCE(s->seen, a + n);
	return XDP_PASS;
}
char _license[] SEC("license") = "GPL";`;
const compiled = () => compileString(SRC);

it('keeps each volatile access in the object', () => {
  const all = compiled().object!.functions[0]!.insns;
  const R10 = 10;
  // What follows the map lookup (before it: the context reads and the key).
  const insns = all.slice(all.findIndex((i) => i.code === 0x85));
  // r = *(u64 *)(rX + 0) of s->seen: both READ_ONCEs.
  expect(insns.filter((i) => i.code === 0x79 && i.off === 0).length).toBe(2);
  // *(u64 *)(rX + 8) = r of s->last: both WRITE_ONCEs.
  expect(insns.filter((i) => i.code === 0x7b && i.off === 8).length).toBe(2);
  // w = *(u32 *)(rX + 0) of step, once per iteration; the local acc: 4 reads in the loop, 1 after.
  expect(insns.filter((i) => i.code === 0x61 && i.off === 0 && i.src !== R10).length).toBe(4);
  expect(insns.filter((i) => i.code === 0x61 && i.src === R10).length).toBe(5);
  // acc = 0 and one write per iteration.
  expect(insns.filter((i) => (i.code === 0x63 || i.code === 0x62) && i.dst === R10).length).toBe(5);
});

describeDual('volatile accesses', compiled, (obj) => {
  it('reads the field twice, writes the last value, adds step four times', () => {
    const pkt = new Uint8Array(64);
    expect(obj().run('vol', pkt).retval).toBe(2); // XDP_PASS
    let v = obj().lookup('st', u32LE(0))!.value;
    expect([readU64LE(v, 0), readU64LE(v, 8)]).toEqual([12n, 64n]); // seen 0 + 4*3, last 0+0+64
    obj().run('vol', pkt);
    v = obj().lookup('st', u32LE(0))!.value;
    expect([readU64LE(v, 0), readU64LE(v, 8)]).toEqual([24n, 88n]); // seen 12 + 12, last 12+12+64
  });
});
