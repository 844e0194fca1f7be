// A context field the program wrote and then reads back, as `skb->queue_mapping` in a tc policy:
// `skb->mark` set to 4 when it is 1, then tested against 0. The second read is the value the
// path holds (4, or the first read), so the path that stored 4 skips the second test; reading
// the field again gave the kernel one more branch to walk on every path.
import { afterAll, beforeAll, expect } from 'vitest';
import { compileString } from '../util/compile.js';
import { describeKernel, kernelIt, loadObjectBytes, runProgram, type LoadedObject } from './harness.js';
import { readU32LE, u32LE } from './maps.js';
import { eth, ipv4, udp, ETH_P_IP } from './packets.js';
import { verifierStats } from './verifier-log.js';

const SOURCE = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("tc")
int remap_mark(struct __sk_buff *skb)
{
	if (skb->mark == 1)
		skb->mark = 4;
	if (skb->mark == 0)
		skb->mark = 3;
	return skb->mark + 100;
}
char _license[] SEC("license") = "GPL";
`;

/** Offset of mark in struct __sk_buff. */
const MARK = 8;

describeKernel('a context field read back after a store', () => {
  let obj: LoadedObject;
  beforeAll(() => {
    const out = compileString(SOURCE);
    expect(out.ctx.diags.list.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
    obj = loadObjectBytes(out.elf!);
    expect(obj.ok, obj.log).toBe(true);
  });
  afterAll(() => obj?.cleanup());

  kernelIt('is verified without a second read of the field', () => {
    const [stats] = verifierStats(obj.log);
    // Read again after each store, the kernel processed 17 instructions (Linux 6.18); 15 forwarded.
    expect(stats!.processedInsns).toBeLessThan(17);
  });

  kernelIt('remaps mark 1 to 4 and 0 to 3, and keeps the others', () => {
    const pkt = eth({ dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01', type: ETH_P_IP, payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: udp({ sport: 1, dport: 2 }) }) });
    for (const [before, after] of [[1, 4], [0, 3], [2, 2], [4, 4]] as const) {
      const ctxIn = new Uint8Array(192);
      ctxIn.set(u32LE(before), MARK);
      const res = runProgram(obj.prog('remap_mark').pinPath, pkt, { ctxIn });
      expect(res.retval, `mark ${before}`).toBe(after + 100);
      expect(readU32LE(res.ctxOut!, MARK), `mark ${before}`).toBe(after);
    }
  });
});
