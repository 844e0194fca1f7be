// Pointers stepped in place (`c1 = *buf1++;` in an unrolled compare loop): each unrolled step
// reads at a constant offset from the pointer it started at, one load a byte, as clang's SSA form
// gives it, instead of a copy, an increment and a load. The unrolled iterations are blocks out of
// index order, each entered from the one test before it (opt/fold-address.ts). The program
// compares the destination MAC with a constant one, as a byte-wise strcmp; in the kernel and in
// ebcc run. Expected values are worked out from the C.
import { expect, it } from 'vitest';
import { printModule } from '../../src/ir/print.js';
import { compileString } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const SRC = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

static unsigned char mac[6] = { 0x02, 0x00, 0x00, 0xff, 0x01, 0x00 };

static __always_inline int bytes_cmp(const unsigned char *buf1, const unsigned char *buf2, unsigned long size)
{
	unsigned char c1, c2;

	for (unsigned long i = 0; i < size; i++) {
		c1 = *buf1++;
		c2 = *buf2++;
		if (c1 != c2)
			return c1 < c2 ? -1 : 1;
		if (!c1)
			break;
	}
	return 0;
}

/* 2 for the MAC (up to its first 0 byte), 10 + 1 below it, 10 + 3 above it. */
SEC("xdp")
int match_mac(struct xdp_md *ctx)
{
	unsigned char *d = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;
	int c;

	if (d + 14 > end)
		return 0;
	c = bytes_cmp(d, mac, 6);
	return c == 0 ? 2 : 12 + c;
}

char _license[] SEC("license") = "GPL";
`;

const compiled = () => compileString(SRC);

it('reads each byte at its offset from the pointers the loop started with', () => {
  const out = compileString(SRC, {}, 'ir');
  expect(out.text).toBe('');
  const ir = printModule(out.ir!);
  for (let k = 1; k < 6; k++) expect(ir).toMatch(new RegExp(`= load\\.1 \\[%\\d+\\+${k}\\]`));
  // no pointer is stepped, and no byte is read through a copy at offset 0 after the first
  expect(ir).not.toMatch(/(%\d+) = add\.64 \1, 1\n/);
  expect(ir.match(/= load\.1 \[%\d+\+0\]/g)).toHaveLength(2);
});

const frame = (...head: number[]) => Uint8Array.from([...head, ...new Array(64 - head.length).fill(0x33)]);

describeDual('a byte-wise compare through stepped pointers', compiled, (obj) => {
  it('compares up to the first difference, or up to a 0 byte', () => {
    const run = (...b: number[]) => obj().run('match_mac', frame(...b)).retval;
    expect(run(0x02, 0x00, 0x00, 0x00, 0x00, 0x00)).toBe(2); // equal up to the first 0 byte
    expect(run(0x02, 0x01, 0x00, 0xff, 0x01, 0x00)).toBe(13);
    expect(run(0x01, 0x00, 0x00, 0xff, 0x01, 0x00)).toBe(11);
    expect(run(0x02, 0x00)).toBe(2);
  });
});
