// A constant loop whose unrolled copies would be large and whose iterations each fork twice:
// 64 iterations of two value diamonds. Unrolled, the kernel walked the copies' paths until its
// 1,000,000-instruction limit and refused the program (after minutes of verification); clang
// keeps the loop, and the kernel prunes each iteration's paths, as the values they leave are
// read by no check. ebcc keeps it too when its own verifier accepts the program so, and the
// results on packets are what the C computes (worked out below in 32-bit arithmetic).
import { afterAll, beforeAll, expect } from 'vitest';
import { findLoops } from '../../src/opt/loops.js';
import { compileString } from '../util/compile.js';
import { describeKernel, kernelIt, loadObjectBytes, runProgram, type LoadedObject } from './harness.js';
import { verifierStats } from './verifier-log.js';

const SOURCE = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("tc")
int mix(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;
	__u32 x, v = 0, w = 1;

	if (data + 4 > end)
		return 0;
	x = *(__u32 *)data;
	for (int i = 0; i < 64; i++) {
		if ((x >> (i & 31)) & 1)
			v = v * 3 + i;
		else
			v += 5;
		if ((x >> ((i + 7) & 31)) & 1)
			w = w * 7 + v;
		else
			w ^= i;
	}
	return v + w;
}

char _license[] SEC("license") = "GPL";
`;

/** The C above, in 32-bit unsigned arithmetic. */
function mix(x: number): number {
  let v = 0;
  let w = 1;
  for (let i = 0; i < 64; i++) {
    v = (x >>> (i & 31)) & 1 ? (Math.imul(v, 3) + i) >>> 0 : (v + 5) >>> 0;
    w = (x >>> ((i + 7) & 31)) & 1 ? (Math.imul(w, 7) + v) >>> 0 : (w ^ i) >>> 0;
  }
  return (v + w) >>> 0;
}

describeKernel('a large constant loop whose iterations fork', () => {
  let obj: LoadedObject;
  let loops = 0;
  beforeAll(() => {
    const out = compileString(SOURCE);
    expect(out.ctx.diags.list.map((d) => d.message)).toEqual([]);
    loops = out.ir!.functions.reduce((n, f) => n + findLoops(f).length, 0);
    obj = loadObjectBytes(out.elf!);
    expect(obj.ok, obj.log).toBe(true);
  });
  afterAll(() => obj?.cleanup());

  kernelIt('stays a loop, which the kernel verifies in a few thousand instructions', () => {
    expect(loops).toBe(1);
    const [stats] = verifierStats(obj.log);
    // Linux 6.18: 5,764 processed instructions.
    expect(stats!.processedInsns).toBeLessThan(20_000);
  });

  kernelIt('returns what the C computes', () => {
    for (const x of [0, 1, 0xdeadbeef, 0x80000001, 0x12345678]) {
      const pkt = new Uint8Array(14);
      new DataView(pkt.buffer).setUint32(0, x, true);
      expect(runProgram(obj.prog('mix').pinPath, pkt).retval, `x = ${x.toString(16)}`).toBe(mix(x));
    }
  });
});
