// Equality tests of chars (signed, promoted to int by sign extension) test the bytes themselves:
// `a[i] != b[i]` and `a[i] == '\0'` of a string compare, and a test against a negative constant
// (`c == -1` is the byte 0xff). The XDP program compares the packet's first four bytes with the
// next four as chars, and counts the 0xff bytes among them; in the kernel and in ebcc run.
// Expected values are worked out from the C.
import { expect, it } from 'vitest';
import { printModule } from '../../src/ir/print.js';
import { disasm } from '../../src/bpf/disasm.js';
import { compileString } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const SRC = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

static __always_inline int str_eq(const char *a, const char *b)
{
#pragma unroll
	for (int i = 0; i < 4; i++) {
		char ca = a[i], cb = b[i];

		if (ca != cb)
			return 0;
		if (ca == '\\0')
			return 1;
	}
	return 1;
}

/* 10 + the number of -1 chars among the first four when they equal the next four (up to a NUL),
 * else 20 + that number, or 30 for a short packet. */
SEC("xdp")
int chars(struct xdp_md *ctx)
{
	const char *d = (void *)(long)ctx->data;
	const char *end = (void *)(long)ctx->data_end;
	int minus = 0;

	if (d + 8 > end)
		return 30;
#pragma unroll
	for (int i = 0; i < 4; i++)
		if (d[i] == -1)
			minus++;
	return (str_eq(d, d + 4) ? 10 : 20) + minus;
}

char _license[] SEC("license") = "GPL";
`;

const compiled = () => compileString(SRC);

it('tests the bytes, with no sign extension: a load and a test a char', () => {
  const out = compileString(SRC, {}, 'ir');
  expect(out.text).toBe('');
  const ir = printModule(out.ir!);
  expect(ir).not.toContain('sext');
  // -1 as a char is the byte 255
  expect(ir).toMatch(/br (eq|ne)\.32 %\d+, 255 /);
  const code = disasm(compiled().object!.functions[0]!.insns);
  expect(code.filter((l) => /s>>=/.test(l))).toEqual([]);
});

const bytes = (...b: number[]) => Uint8Array.from([...b, ...new Array(56).fill(0)]);

describeDual('chars compared as bytes', compiled, (obj) => {
  it('finds equal strings, up to a NUL, and counts the -1 chars', () => {
    const run = (...b: number[]) => obj().run('chars', bytes(...b)).retval;
    expect(run(0x61, 0x62, 0x63, 0x64, 0x61, 0x62, 0x63, 0x64)).toBe(10);
    expect(run(0xff, 0x80, 0xff, 0x00, 0xff, 0x80, 0xff, 0x00)).toBe(12);
    expect(run(0x61, 0x00, 0x11, 0x22, 0x61, 0x00, 0x33, 0x44)).toBe(10);
    // 0x7f against 0xff, and 0x80 against 0x00: not equal, whatever the sign
    expect(run(0x7f, 0x62, 0x63, 0x64, 0xff, 0x62, 0x63, 0x64)).toBe(20);
    expect(run(0xff, 0x80, 0xff, 0xff, 0xff, 0x00, 0xff, 0xff)).toBe(23);
  });
});
