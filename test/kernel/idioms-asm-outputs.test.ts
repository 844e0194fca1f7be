// Inline assembly with several outputs (lower/asm.ts): the outputs after the first leave the
// fixed registers the text writes them to through copies right after it, not through stack
// slots; each keeps its own value, in the kernel and in ebcc run. Expected values worked out by hand.
import { expect, it } from 'vitest';
import { disasm } from '../../src/bpf/disasm.js';
import { compileString } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const SOURCE = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp") int three(struct xdp_md *ctx)
{
	unsigned long a, b, c, d = 5;
	unsigned char *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;

	if (data + 1 > end)
		return 0;
	asm volatile("%0 = 1\\n%1 = 2\\n%2 = 3\\n%3 += 2" : "=r"(a), "=r"(b), "=r"(c), "+r"(d));
	return a * 1000 + b * 100 + c * 10 + d + data[0];
}

char _license[] SEC("license") = "GPL";
`;

const compiled = () => compileString(SOURCE);

it('keeps the further outputs of an asm statement in registers, not in stack slots', () => {
  const out = compiled();
  expect(out.ctx.diags.list).toEqual([]);
  const code = disasm(out.object!.functions.find((f) => f.name === 'three')!.insns);
  expect(code.filter((l) => /r10/.test(l))).toEqual([]);
});

describeDual('an asm statement with four outputs', compiled, (obj) => {
  it('gives each output its own value', () => {
    const pkt = new Uint8Array(64);
    pkt[0] = 0;
    expect(obj().run('three', pkt).retval).toBe(1237);
    pkt[0] = 100;
    expect(obj().run('three', pkt).retval).toBe(1337);
  });
});
