// memset, memcpy, memmove, memcmp and bcmp called by name are the builtins, as clang takes them
// in a hosted compile, even where the file defines its own (a program that zeroes a record with
// a home-made memset that stops at the first zero byte would read uninitialised stack, which the
// kernel refuses). -ffreestanding, -fno-builtin and -fno-builtin-NAME call the file's function;
// so does a call of a static one. In the kernel and in ebcc run.
import { describe, expect, it } from 'vitest';
import { normalizeArgs } from '../../src/cli/args.js';
import { printModule } from '../../src/ir/print.js';
import { compileString } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const program = (storage: string) => `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct record {
	__u32 a;
	__u64 b;
	__u16 c[6];
};

${storage} void *memset(void *p, int c, unsigned long n)
{
	unsigned char *q = p;

	while (n-- && *q)
		*q++ = (unsigned char)c;
	return p;
}

SEC("xdp")
int zeroed(struct xdp_md *ctx)
{
	struct record r;

	memset(&r, 0, sizeof(r));
	r.c[2] = ctx->rx_queue_index + 7;
	return r.a + r.b + r.c[2] + r.c[5];
}

char _license[] SEC("license") = "GPL";
`;

const compiled = () => compileString(program(''));

describe('library functions as builtins', () => {
  it('expands memset(&r, 0, n) as __builtin_memset, not the file\'s loop', () => {
    const out = compileString(program(''), {}, 'ir');
    expect(out.text).toBe('');
    const fn = out.ir!.functions.find((f) => f.name === 'zeroed')!;
    // One block: the zeroes fold into the sum (the file's loop would test each byte).
    expect(fn.blocks.length).toBe(1);
    expect(printModule({ ...out.ir!, functions: [fn] })).not.toMatch(/callfn/);
  });

  it('calls the file\'s own under -ffreestanding, -fno-builtin, -fno-builtin-memset, and when it is static', () => {
    for (const flag of ['-ffreestanding', '-fno-builtin', '-fno-builtin-memset']) {
      expect(normalizeArgs([flag]).noBuiltins.length, flag).toBe(1);
      const out = compileString(program(''), { noBuiltins: normalizeArgs([flag]).noBuiltins }, 'ir');
      expect(out.ir!.functions.find((f) => f.name === 'zeroed')!.blocks.length, flag).toBeGreaterThan(1);
    }
    const out = compileString(program('static'), {}, 'ir');
    expect(out.ir!.functions.find((f) => f.name === 'zeroed')!.blocks.length).toBeGreaterThan(1);
    expect(normalizeArgs(['-fno-builtin-memcpy', '-fbuiltin']).noBuiltins).toEqual([]);
  });
});

describeDual('a record zeroed by memset', compiled, (obj) => {
  it('reads zeroes but for the field written after', () => {
    expect(obj().run('zeroed', new Uint8Array(64)).retval).toBe(7);
  });
});
