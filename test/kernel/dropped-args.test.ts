// A static __noinline function called with the same constant at every call and with an argument it
// never reads: the calls pass only the other arguments (clang's dead-argument elimination), and
// the function starts by setting the constant. The kernel loads the object, and the results on
// packets are what the C computes (worked out below in 32-bit arithmetic).
import { afterAll, beforeAll, expect } from 'vitest';
import { compileString } from '../util/compile.js';
import { describeKernel, kernelIt, loadObjectBytes, runProgram, type LoadedObject } from './harness.js';

const SOURCE = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

static __attribute__((noinline)) __u32 mix(__u32 a, __u32 b, __u32 seed, __u32 unused)
{
	return (a ^ seed) * 31 + b;
}

SEC("tc")
int twice(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;

	if (data + 8 > end)
		return 0;
	__u32 x = ((__u32 *)data)[0], y = ((__u32 *)data)[1];
	return mix(x, y, 0xdeadbeef, x) + mix(y, x, 0xdeadbeef, y);
}

char _license[] SEC("license") = "GPL";
`;

const mix = (a: number, b: number): number => (Math.imul((a ^ 0xdeadbeef) >>> 0, 31) + b) >>> 0;

describeKernel('a static function whose constant and unread arguments are dropped', () => {
  let obj: LoadedObject;
  let args: number[] = [];
  beforeAll(() => {
    const out = compileString(SOURCE);
    expect(out.ctx.diags.list.map((d) => d.message)).toEqual([]);
    args = out.ir!.functions.flatMap((f) => f.blocks.flatMap((b) => b.insts)).flatMap((i) => (i.op === 'callfn' ? [i.args.length] : []));
    obj = loadObjectBytes(out.elf!);
    expect(obj.ok, obj.log).toBe(true);
  });
  afterAll(() => obj?.cleanup());

  kernelIt('calls it with two arguments, and returns what the C computes', () => {
    expect(args).toEqual([2, 2]);
    for (const [x, y] of [[0, 0], [1, 2], [0xdeadbeef, 7], [0xffffffff, 0x80000000]] as const) {
      const pkt = new Uint8Array(14);
      const v = new DataView(pkt.buffer);
      v.setUint32(0, x, true);
      v.setUint32(4, y, true);
      expect(runProgram(obj.prog('twice').pinPath, pkt).retval, `${x} ${y}`).toBe((mix(x, y) + mix(y, x)) >>> 0);
    }
  });
});
