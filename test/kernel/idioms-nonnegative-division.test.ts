// A signed division or remainder of a value the paths to it show not negative (`if (delta < 0)
// goto out;`, as libbpf-tools' latency tools test a time difference), by a positive constant,
// divides unsigned before -mcpu=v4, as clang makes it; without the test it is still E5004. In
// the kernel and in ebcc run; expected values are worked out from the C.
import { expect, it } from 'vitest';
import { printModule } from '../../src/ir/print.js';
import { compileString } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const program = (guard: string) => `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* (first word - second word) / 1000 + its remainder by 7, or 1 for a negative difference. */
SEC("xdp")
int per_mille(struct xdp_md *ctx)
{
	__u64 *w = (void *)(long)ctx->data;
	long long delta;

	if ((void *)(w + 2) > (void *)(long)ctx->data_end)
		return 0;
	delta = (long long)(w[0] - w[1]);
	${guard}
	return (int)(delta / 1000U + delta % 7);
}

char _license[] SEC("license") = "GPL";
`;

const SRC = program('if (delta < 0) return 1;');
const compiled = () => compileString(SRC);

it('divides unsigned where the value is not negative', () => {
  const out = compileString(SRC, {}, 'ir');
  expect(out.text).toBe('');
  const ir = printModule(out.ir!);
  expect(ir).toMatch(/= div\.64 %\d+, 1000\n/);
  expect(ir).toMatch(/= mod\.64 %\d+, 7\n/);
  expect(ir).not.toMatch(/sdiv|smod/);
});

it('still reports a signed division of a value that may be negative (E5004)', () => {
  const out = compileString(program(''));
  expect(out.ctx.diags.list.map((d) => d.code)).toEqual(['E5004', 'E5004']);
});

function words(a: bigint, b: bigint): Uint8Array {
  const buf = Buffer.alloc(64);
  buf.writeBigUInt64LE(a, 0);
  buf.writeBigUInt64LE(b, 8);
  return new Uint8Array(buf);
}

describeDual('a non-negative difference divided', compiled, (obj) => {
  it('gives the quotient and remainder of the difference, and 1 when it is negative', () => {
    expect(obj().run('per_mille', words(1_000_123n, 100n)).retval).toBe(1000 + (1_000_023 % 7));
    expect(obj().run('per_mille', words(5n, 5n)).retval).toBe(0);
    expect(obj().run('per_mille', words(100n, 101n)).retval).toBe(1);
    // 2^62 + 3: the quotient's low 32 bits, as the int it is returned as
    const big = (1n << 62n) + 3n;
    expect(obj().run('per_mille', words(big, 0n)).retval).toBe(Number(BigInt.asIntN(32, big / 1000n + big % 7n)) >>> 0);
  });
});
