// Branch layout and the verifier's pruning: in an unrolled walk over TCP options, the one-byte
// NOP steps its offset by one in a short arm while every other option steps it by its length. The
// kernel explores the fall-through first; with the long path there, its offset ranges prune the
// NOP arm's narrower ones at each step, and the work stays linear in the number of steps.
import { afterAll, beforeAll, expect } from 'vitest';
import { compileString } from '../util/compile.js';
import { describeKernel, kernelIt, loadObjectBytes, runProgram, type LoadedObject } from './harness.js';
import { verifierStats } from './verifier-log.js';
import { eth, ipv4, tcp, ETH_P_IP } from './packets.js';

const XDP_DROP = 1;
const XDP_PASS = 2;
const STEPS = 16;

const SOURCE = `#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/tcp.h>
#include <bpf/bpf_helpers.h>

/* Drops a TCP segment that carries an MSS option within its first ${STEPS} options. */
SEC("xdp")
int find_mss(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct tcphdr *th = data + sizeof(struct ethhdr) + sizeof(struct iphdr);
	__u8 *opts = (__u8 *)(th + 1);
	__u32 off = 0, len;

	if ((void *)(th + 1) > data_end)
		return XDP_PASS;
	len = th->doff * 4;
	if (len <= sizeof(*th))
		return XDP_PASS;
	len -= sizeof(*th);
#pragma unroll
	for (int i = 0; i < ${STEPS}; i++) {
		__u8 *p;

		if (off >= len)
			return XDP_PASS;
		off &= 0x3f;
		p = opts + off;
		if ((void *)(p + 2) > data_end)
			return XDP_PASS;
		if (p[0] == 1) {
			off += 1;
			continue;
		}
		if (p[0] == 2)
			return XDP_DROP;
		if (p[1] < 2)
			return XDP_PASS;
		off += p[1];
	}
	return XDP_PASS;
}
char _license[] SEC("license") = "GPL";
`;

const segment = (options: number[]) =>
  eth({ dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01', type: ETH_P_IP,
    payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: tcp({ sport: 40000, dport: 80, options: Uint8Array.from(options), payload: Uint8Array.of(0, 0) }) }) });

describeKernel('layout of a short step arm in an unrolled option walk', () => {
  let obj: LoadedObject;
  let insns = 0;
  beforeAll(() => {
    const out = compileString(SOURCE);
    expect(out.ctx.diags.list.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
    insns = out.object!.functions.find((f) => f.name === 'find_mss')!.insns.length;
    obj = loadObjectBytes(out.elf!);
    expect(obj.ok, obj.log).toBe(true);
  });
  afterAll(() => obj?.cleanup());

  kernelIt('is verified in work linear in its size', () => {
    const [stats] = verifierStats(obj.log);
    // Laid out with the NOP arm as the fall-through, the kernel processed 3,283 instructions
    // for 251 (13 per instruction); with the long path first, 928.
    expect(stats!.processedInsns).toBeLessThan(6 * insns);
  });

  kernelIt('finds the MSS option after NOPs and after other options', () => {
    const run = (options: number[]) => runProgram(obj.prog('find_mss').pinPath, segment(options)).retval;
    expect(run([1, 1, 2, 4, 5, 180])).toBe(XDP_DROP);
    expect(run([3, 3, 7, 1, 2, 4, 5, 180])).toBe(XDP_DROP);
    expect(run([...Array(12).fill(1), 2, 4, 5, 180])).toBe(XDP_DROP);
    // past the 16th option, after a window scale without MSS, and at a length below 2
    expect(run([...Array(16).fill(1), 2, 4, 5, 180])).toBe(XDP_PASS);
    expect(run([3, 3, 7, 1])).toBe(XDP_PASS);
    expect(run([8, 1, 2, 4])).toBe(XDP_PASS);
  });
});
