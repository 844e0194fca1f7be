// A loop kept as a loop tests its condition at the bottom (src/opt/rotate.ts). The program walks a
// chain of option headers, as an IPv6 extension-header walk does, in a loop kept by
// `#pragma nounroll`. Tested at the top, every iteration of the kernel's walk went through the
// counter's test block first, and the states compared there pruned less: 1,252 processed
// instructions, where the same loop written as a do-while behind its guard takes 837. Rotated,
// the for loop takes 837 too, and the do-while is left as it is (rotating its first test to the
// bottom as well made it 1,207). clang 19 -O2 keeps this loop at 4,009.
import { afterAll, beforeAll, expect } from 'vitest';
import { compileString } from '../util/compile.js';
import { describeKernel, kernelIt, loadObjectBytes, runProgram, type LoadedObject } from './harness.js';
import { verifierStats } from './verifier-log.js';

const XDP_ABORTED = 0;
const XDP_DROP = 1;
const XDP_PASS = 2;
const XDP_TX = 3;

const FOR_LOOP = `#pragma nounroll
	for (int i = 0; i < 6; i++) {`;
const DO_WHILE = `int i = 0;
#pragma nounroll
	do {`;

const source = (loop: string, end: string) => `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct opt { unsigned char next; unsigned char len; };

/* Passes a chain of at most 6 option headers that ends in kind 6, sends back one that ends in
 * another kind, drops a truncated one and aborts on a longer chain. */
SEC("xdp")
int walk(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	unsigned char *p = data;

	if (p + 1 > (unsigned char *)end)
		return XDP_DROP;
	unsigned char kind = p[0];
	p += 1;
	${loop}
		struct opt *o = (struct opt *)p;

		if ((void *)(o + 1) > end)
			return XDP_DROP;
		switch (kind) {
		case 0: case 43: case 60:
			p += (o->len + 1) * 8;
			kind = o->next;
			break;
		case 51:
			p += (o->len + 2) * 4;
			kind = o->next;
			break;
		case 44:
			p += 8;
			kind = o->next;
			break;
		default:
			return kind == 6 ? XDP_PASS : XDP_TX;
		}
	}${end}
	return XDP_ABORTED;
}
char _license[] SEC("license") = "GPL";
`;

/** A packet: the first kind, then each header (next kind, length field, padding to its size). */
function chain(first: number, headers: { next: number; len: number; size: number }[], tail = 16): Uint8Array {
  const bytes = [first];
  for (const h of headers) bytes.push(h.next, h.len, ...Array(h.size - 2).fill(0xee));
  bytes.push(...Array(tail).fill(0));
  return Uint8Array.from(bytes);
}

describeKernel('a kept loop rotated to test at the bottom', () => {
  let obj: LoadedObject;
  let doWhile: LoadedObject;
  let insns: { code: number; off: number }[] = [];
  const load = (src: string) => {
    const out = compileString(src);
    expect(out.ctx.diags.list.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
    const loaded = loadObjectBytes(out.elf!);
    expect(loaded.ok, loaded.log).toBe(true);
    return { loaded, insns: out.object!.functions.find((f) => f.name === 'walk')!.insns };
  };
  beforeAll(() => {
    ({ loaded: obj, insns } = load(source(FOR_LOOP, '')));
    ({ loaded: doWhile } = load(source(DO_WHILE, ' while (++i < 6);')));
  });
  afterAll(() => {
    obj?.cleanup();
    doWhile?.cleanup();
  });

  kernelIt('has one back edge, the conditional jump of its counter test', () => {
    const isJump = (code: number) => (code & 0x07) === 0x05 || (code & 0x07) === 0x06;
    const back = insns.filter((i) => isJump(i.code) && i.off < 0);
    expect(back.length).toBe(1);
    expect(back[0]!.code & 0xf0).not.toBe(0x00); // not `goto`: a compare at the bottom
  });

  kernelIt('is verified in no more instructions than the same loop written as a do-while', () => {
    const [forStats] = verifierStats(obj.log);
    const [doStats] = verifierStats(doWhile.log);
    expect(forStats!.processedInsns).toBeLessThanOrEqual(doStats!.processedInsns);
  });

  kernelIt('follows the chain as the C says', () => {
    const run = (p: Uint8Array) => {
      const r = runProgram(obj.prog('walk').pinPath, p).retval;
      expect(runProgram(doWhile.prog('walk').pinPath, p).retval).toBe(r);
      return r;
    };
    const hop = (next: number, len: number) => ({ next, len, size: (len + 1) * 8 });
    expect(run(chain(6, []))).toBe(XDP_PASS);
    expect(run(chain(17, []))).toBe(XDP_TX);
    expect(run(chain(0, [hop(43, 0), hop(44, 1), { next: 6, len: 0, size: 8 }]))).toBe(XDP_PASS);
    expect(run(chain(51, [{ next: 60, len: 1, size: 12 }, hop(17, 0)]))).toBe(XDP_TX);
    // five headers before the last kind are the most; a sixth aborts
    expect(run(chain(0, [hop(0, 0), hop(0, 0), hop(60, 0), hop(0, 0), hop(6, 0)]))).toBe(XDP_PASS);
    expect(run(chain(0, [hop(0, 0), hop(0, 0), hop(60, 0), hop(0, 0), hop(0, 0), hop(6, 0)]))).toBe(XDP_ABORTED);
    // a header past the end
    expect(run(chain(0, [hop(0, 30)], 0))).toBe(XDP_DROP);
  });
});
