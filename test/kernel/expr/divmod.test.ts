// Division and remainder in the kernel. Unsigned division works at every -mcpu; signed
// division (sdiv/smod) needs -mcpu=v4. The divisors come from the packet, including 0: C leaves
// x/0 undefined, but BPF defines it (x / 0 = 0, x % 0 = x), and so does INT_MIN / -1 (the
// quotient wraps to INT_MIN, the remainder is 0); these tests assert the BPF results.
import { describe, expect, it } from 'vitest';
import { compileString } from '../../util/compile.js';
import { describeKernel, kernelIt } from '../harness.js';
import { expectAllPass, PRELUDE } from './run-c.js';

const INPUTS = [100n, 7n, 0n, 0xffffffffffffffffn, 0xffffffffn, 0x100000005n, 0x100000000n, 0x8000000000000000n, 8n];

const UNSIGNED = `
BEGIN(prog)
  __u64 h = IN(0), s = IN(1), z = IN(2), m = IN(3);
  __u32 h32 = h, s32 = s, z32 = z, m32 = IN(4);
  __u64 big = IN(5), lo0 = IN(6);

  ASSERT(14, h / s);
  ASSERT(2, h % s);
  ASSERT(14, h32 / s32);
  ASSERT(2, h32 % s32);
  ASSERT(0, h / z);
  ASSERT(100, h % z);
  ASSERT(0, h32 / z32);
  ASSERT(100, h32 % z32);
  ASSERT(0, m / z);
  ASSERT(0xffffffffffffffff, m % z);
  ASSERT(0, m32 / z32);
  ASSERT(0xffffffff, m32 % z32);
  ASSERT(0x2492492492492492, m / s);
  ASSERT(1, m % s);
  ASSERT(0x24924924, m32 / s32);
  ASSERT(3, m32 % s32);
  ASSERT(1, m / m);
  ASSERT(0, m % m);
  ASSERT(0x100000001, m / m32);
  ASSERT(0, m % m32);
  ASSERT(0x24924925, big / s);
  ASSERT(2, big % s);
  ASSERT(0, (__u32)big / s32);
  ASSERT(5, (__u32)big % s32);
  ASSERT(0x24924924, (__u64)m32 / s);
  ASSERT(0, h / lo0);
  ASSERT(100, h % lo0);
  ASSERT(0, h32 / (__u32)lo0);
  ASSERT(0xffffffff, m32 % (__u32)lo0);
  ASSERT(1, big / lo0);
  ASSERT(5, big % lo0);
  ASSERT(10, h / 10);
  ASSERT(0, h % 10);
  ASSERT(12, h / 8);
  ASSERT(4, h % 8);
  ASSERT(12, h32 / 8);
  ASSERT(4, h32 % 8u);
  ASSERT(0x1fffffffffffffff, m / 8);
  ASSERT(7, m % 8);
  ASSERT(0x0fffffff, m32 / 16);
  ASSERT(0x33333333, m32 / 5);
  ASSERT(0, m32 % 5);
  ASSERT(1, m / 0xffffffffffffffff);
  ASSERT(0x100000001, m / 0xffffffff);
  ASSERT(2, m / 0x8000000000000000 + 1);
  ASSERT(0x7fffffffffffffff, m % 0x8000000000000000);
  ASSERT(14, h / (unsigned char)s);
  ASSERT(2, (unsigned short)h % s32);
  __u64 q = h;
  q /= s;
  ASSERT(14, q);
  q %= 4;
  ASSERT(2, q);
  __u32 q32 = m32;
  q32 /= s32;
  ASSERT(0x24924924, q32);
  q32 %= z32;
  ASSERT(0x24924924, q32);
  q32 /= z32;
  ASSERT(0, q32);
END
`;

const SIGNED = `
BEGIN(prog)
  long h = IN(0), s = IN(1), z = IN(2), m1 = IN(3), lmin = IN(7);
  int ih = h, is = s, iz = z, im1 = m1, imin = IN(4) >> 1 ^ 0xffffffff;
  long sa = -h;
  int ia = -ih;

  ASSERT(-2147483648, imin);
  ASSERT(-14, sa / s);
  ASSERT(-2, sa % s);
  ASSERT(14, sa / -s);
  ASSERT(-2, sa % -s);
  ASSERT(-14, h / -s);
  ASSERT(2, h % -s);
  ASSERT(-14, ia / is);
  ASSERT(-2, ia % is);
  ASSERT(14, ia / -is);
  ASSERT(-2, ia % -is);
  ASSERT(-14, ih / -is);
  ASSERT(2, ih % -is);
  ASSERT(0, ia / iz);
  ASSERT(-100, ia % iz);
  ASSERT(0, sa / z);
  ASSERT(-100, sa % z);
  ASSERT(-9223372036854775807 - 1, lmin / m1);
  ASSERT(0, lmin % m1);
  ASSERT(-2147483648, imin / im1);
  ASSERT(0, imin % im1);
  ASSERT(1, lmin / (lmin + 0));
  ASSERT(-4611686018427387904, lmin / 2);
  ASSERT(-12, ia / 8);
  ASSERT(-4, ia % 8);
  ASSERT(-12, sa / 8);
  ASSERT(-4, sa % 8);
  ASSERT(-10, ia / 10);
  ASSERT(0, ia % 10);
  ASSERT(-33, ia / 3);
  ASSERT(-1, ia % 3);
  ASSERT(33, ia / -3);
  ASSERT(-14, (signed char)ia / (signed char)is);
  ASSERT(-2, (short)ia % (short)is);
  ASSERT(0x24924916, ia / 7u);
  ASSERT(2, ia % 7u);
  ASSERT(6, ia % 10u);
  ASSERT(0x2492492492492484, sa / 7ul);
  int q = ia;
  q /= is;
  ASSERT(-14, q);
  q %= 4;
  ASSERT(-2, q);
  long lq = sa;
  lq /= -s;
  ASSERT(14, lq);
  lq %= -4;
  ASSERT(2, lq);
END
`;

describeKernel('C division and remainder in the kernel', () => {
  for (const mcpu of [1, 3, 4] as const) {
    describe(`-mcpu=v${mcpu}`, () => {
      kernelIt('unsigned division and remainder, including by zero', () => expectAllPass(UNSIGNED, INPUTS, 53, { mcpu }));
    });
  }
  kernelIt('signed division and remainder with -mcpu=v4 (sdiv, smod), including by 0 and INT_MIN / -1', () =>
    expectAllPass(SIGNED, INPUTS, 42, { mcpu: 4 }));
});

describe('signed division before -mcpu=v4', () => {
  it('is reported as E5004 at -mcpu=v3', () => {
    const out = compileString(`${PRELUDE}#line 1 "test.c"\nBEGIN(prog)\n  int a = IN(0), b = IN(1);\n  ASSERT(1, a / b);\nEND\n`, { mcpu: 3 });
    // (The rendered line number is the physical one: the renderer does not apply #line.)
    expect(out.text).toMatch(/^test\.c:\d+:13: error: signed division needs -mcpu=v4 .*\[E5004\]\n.*\|\s+ASSERT\(1, a \/ b\);$/m);
  });
});
