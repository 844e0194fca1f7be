// Static functions that the inline policy keeps as BPF-to-BPF calls (lower/inline-policy.ts): the
// kernel loads the object, and the results on packets are what the C computes. A kept function
// whose one load would see the context on one call and the stack on the other is refused by the
// kernel ("same insn cannot be used with different pointers"); ebcc's verifier sees that, and
// the driver compiles the program with the calls inlined instead, which the kernel accepts.
import { afterAll, beforeAll, expect } from 'vitest';
import { compileString } from '../util/compile.js';
import { describeKernel, kernelIt, loadObjectBytes, runProgram, type LoadedObject } from './harness.js';

const STEPS = Array.from({ length: 20 }, (_, k) => `STEP(x, ${k + 1});`).join(' ');

const MIXED = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define STEP(x, k) x = (x ^ (x >> k)) * 0x9e3779b1 + k
static __u32 mix(__u32 a, __u32 b)
{
	__u32 x = a ^ b;
	${STEPS}
	return x;
}

SEC("tc")
int first(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;
	if (data + 8 > end)
		return 0;
	__u32 *w = data;
	return mix(w[0], w[1]);
}

SEC("tc")
int second(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;
	if (data + 8 > end)
		return 0;
	__u32 *w = data;
	return mix(w[1], 7) + mix(w[0], w[1]);
}

char _license[] SEC("license") = "GPL";
`;

const TWO_POINTERS = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define STEP(x, k) x = (x ^ (x >> k)) * 0x9e3779b1 + k
static __u32 digest(const __u32 *words)
{
	__u32 x = words[0] ^ words[1];
	${STEPS}
	return x;
}

SEC("tc")
int both(struct __sk_buff *skb)
{
	__u32 local[2] = { skb->mark, 5 };
	return digest((const __u32 *)skb) + digest(local);
}

char _license[] SEC("license") = "GPL";
`;

/** mix() in 32-bit arithmetic. */
function mix(a: number, b: number): number {
  let x = (a ^ b) >>> 0;
  for (let k = 1; k <= 20; k++) x = (Math.imul((x ^ (x >>> k)) >>> 0, 0x9e3779b1) + k) >>> 0;
  return x;
}

describeKernel('static functions kept as BPF-to-BPF calls', () => {
  let obj: LoadedObject;
  let calls: string[] = [];
  beforeAll(() => {
    const out = compileString(MIXED);
    expect(out.ctx.diags.list.map((d) => d.message)).toEqual([]);
    calls = out.ir!.functions.flatMap((f) => f.blocks.flatMap((b) => b.insts)).flatMap((i) => (i.op === 'callfn' ? [i.func] : []));
    obj = loadObjectBytes(out.elf!);
    expect(obj.ok, obj.log).toBe(true);
  });
  afterAll(() => obj?.cleanup());

  kernelIt('calls one subprogram from both programs, and returns what the C computes', () => {
    expect(calls).toEqual(['mix', 'mix', 'mix']);
    for (const [x, y] of [[0, 0], [1, 2], [0xdeadbeef, 7], [0xffffffff, 0x80000000]] as const) {
      const pkt = new Uint8Array(14);
      const v = new DataView(pkt.buffer);
      v.setUint32(0, x, true);
      v.setUint32(4, y, true);
      expect(runProgram(obj.prog('first').pinPath, pkt).retval, `first ${x} ${y}`).toBe(mix(x, y));
      expect(runProgram(obj.prog('second').pinPath, pkt).retval, `second ${x} ${y}`).toBe((mix(y, 7) + mix(x, y)) >>> 0);
    }
  });

  kernelIt('inlines the calls instead when one instruction of the kept function would see two pointer types', () => {
    const out = compileString(TWO_POINTERS);
    expect(out.text).toBe('');
    expect(out.ir!.functions.map((f) => f.name)).toEqual(['both']);
    const inlined = loadObjectBytes(out.elf!);
    try {
      expect(inlined.ok, inlined.log).toBe(true);
    } finally {
      inlined.cleanup();
    }
  });
});
