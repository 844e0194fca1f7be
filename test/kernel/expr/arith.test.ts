// Integer arithmetic in the kernel: wrap-around at 8/16/32/64 bits, signed and unsigned
// comparisons under the usual arithmetic conversions, shifts, and 64-bit constants.
// The expected values are C semantics (C11 6.3.1, 6.5.7, 6.5.8) as clang implements the
// implementation-defined parts for BPF (two's complement, conversions to signed types wrap).
import { describe } from 'vitest';
import { describeKernel, kernelIt } from '../harness.js';
import { expectAllPass } from './run-c.js';

const INPUTS = [
  0xffn, 0xffffn, 0xffffffffn, 0xffffffffffffffffn, // 0-3: all-ones at each width
  1n, 0x80000000n, 0x8000000000000000n, 7n,         // 4-7
  0x7fn, 0x7fffffffn, 31n, 0x123456789abcdef0n,     // 8-11
  63n, 0n, 8n, 0x7fffn,                              // 12-15
];

const WRAP = `
BEGIN(prog)
  __u8 u8max = IN(0);
  __u16 u16max = IN(1);
  __u32 u32max = IN(2);
  __u64 u64max = IN(3);
  __u64 one = IN(4);
  __s8 s8max = IN(8);
  __s16 s16max = IN(15);
  __s32 s32max = IN(9);
  __s64 s64min = IN(6);
  int i1 = one;

  __u8 c = u8max;
  c++;
  ASSERT(0, c);
  c = u8max;
  c += 2;
  ASSERT(1, c);
  ASSERT(256, u8max + 1);
  ASSERT(256, u8max + i1);
  c = 0;
  c--;
  ASSERT(255, c);
  c = u8max * u8max;
  ASSERT(1, c);
  ASSERT(65025, u8max * u8max);
  __s8 sc = s8max;
  sc++;
  ASSERT(-128, sc);
  ASSERT(128, s8max + 1);
  sc = s8max;
  sc += s8max;
  ASSERT(-2, sc);
  ASSERT(0xfe, (__u8)sc);

  __u16 h = u16max;
  h++;
  ASSERT(0, h);
  ASSERT(65536, u16max + 1);
  h = 0;
  h -= one;
  ASSERT(65535, h);
  __s16 sh = s16max;
  sh++;
  ASSERT(-32768, sh);
  ASSERT(32768, s16max + 1);
  ASSERT(-2, (__s16)(u16max - 1));
  ASSERT(65534, (__u16)(u16max - 1));
  h = u16max;
  h *= u16max;
  ASSERT(1, h);

  __u32 w = u32max;
  w++;
  ASSERT(0, w);
  ASSERT(0, u32max + 1);
  ASSERT(4294967296, u32max + one);
  ASSERT(0, u32max + (__u32)one);
  ASSERT(2147483648, (__u32)s32max + 1u);
  ASSERT(-2147483648, (int)((__u32)s32max + 1u));
  ASSERT(4294967294, u32max * 2u);
  ASSERT(1, u32max * u32max);
  ASSERT(0xfffffffe00000001, (__u64)u32max * u32max);
  int neg = -i1;
  ASSERT(-1, neg);
  ASSERT(4294967295, (__u32)neg);
  ASSERT(-1, (__s64)neg);
  ASSERT(4294967295, (__u64)(__u32)neg);
  w = 0;
  w -= 3;
  ASSERT(4294967293, w);
  ASSERT(0xfffffffe, ~(__u32)one);
  ASSERT(-2, ~i1);
  ASSERT(2147483647, s32max);
  ASSERT(-2147483647, -s32max);
  ASSERT(0x80000001, (__u32)-s32max);

  ASSERT(0, u64max + 1);
  ASSERT(0xfffffffffffffffe, u64max * 2);
  ASSERT(1, u64max * u64max);
  ASSERT(0x8000000000000000, s64min);
  ASSERT(0x7fffffffffffffff, (__u64)s64min - 1);
  ASSERT(0, (__u64)s64min * 2);
  ASSERT(-9223372036854775807 - 1, s64min);
  ASSERT(0x8000000000000000, -(__u64)s64min);
  ASSERT(-1, ~(one - 1));
  ASSERT(0, u64max + one);
  ASSERT(0xffffffff00000001, -(__u64)u32max);
END
`;

const COMPARE = `
BEGIN(prog)
  __u8 u8max = IN(0);
  __u16 u16max = IN(1);
  __u32 u32max = IN(2);
  __u64 u64max = IN(3);
  __u64 one = IN(4);
  __s32 s32max = IN(9);
  __s64 s64min = IN(6);
  int i1 = one;
  int m1 = -i1;
  unsigned u1 = one;

  ASSERT(0, m1 < u1);
  ASSERT(1, m1 < i1);
  ASSERT(1, m1 > u1);
  ASSERT(1, m1 < (long)u1);
  ASSERT(0, (long)m1 < one);
  ASSERT(1, (__s8)u8max < 0);
  ASSERT(0, u8max < 0);
  ASSERT(1, (__u8)m1 == 255);
  ASSERT(1, (short)m1 < (unsigned short)u1);
  ASSERT(1, m1 < (unsigned char)u1);
  ASSERT(1, u32max > s32max);
  ASSERT(1, s64min < 0);
  ASSERT(1, s64min < (__s64)one);
  ASSERT(0, (__u64)s64min < one);
  ASSERT(1, u64max == -1);
  ASSERT(1, u32max == -1);
  ASSERT(0, u16max == -1);
  ASSERT(0, u8max == -1);
  ASSERT(1, (__s8)u8max == -1);
  ASSERT(1, (__s16)u16max == -1);
  ASSERT(1, m1 <= m1);
  ASSERT(1, m1 >= m1);
  ASSERT(0, m1 != m1);
  ASSERT(1, s32max >= m1);
  ASSERT(0, (unsigned)s32max >= m1);
  ASSERT(1, (__s64)s32max + 1 > s32max);
  ASSERT(1, s64min <= -9223372036854775807L);
  ASSERT(1, 5 > m1);
  ASSERT(0, 5u > m1);
  ASSERT(1, 0 < u1);
  ASSERT(0, 0 > m1 + 1);
  ASSERT(2, (m1 < 0) + (u1 > 0));
  ASSERT(1, m1 < 0L);
  ASSERT(0, m1 < 0UL);
  ASSERT(1, (long)m1 > -2);
  ASSERT(0, u32max < 4294967295);
  ASSERT(1, u32max <= 4294967295);
  ASSERT(1, u32max > 2147483647);
  ASSERT(0, (int)u32max > 2147483647);
  ASSERT(1, (int)u32max < -0);
  ASSERT(1, u64max > 0x7fffffffffffffff);
  ASSERT(0, (__s64)u64max > 0x7fffffffffffffff);
  ASSERT(1, (__s64)u64max < 0);
  ASSERT(1, s64min < m1);
  ASSERT(0, s64min > m1);
  ASSERT(1, (__u64)s64min > (__u64)(__u32)m1);
  ASSERT(1, m1 != u8max);
  ASSERT(0, m1 == u8max);
  ASSERT(1, !(m1 > i1));
  ASSERT(0, !u1);
  ASSERT(1, !!u32max);
  ASSERT(1, (m1 < i1) == (i1 > m1));
END
`;

const SHIFT = `
BEGIN(prog)
  __u8 u8max = IN(0);
  __u16 u16max = IN(1);
  __u32 u32max = IN(2);
  __u64 one = IN(4);
  unsigned u1 = one;
  __u32 s31 = IN(10);
  __u64 s63 = IN(12);
  __u8 s8 = IN(14);
  __s32 sneg = -(int)(one * 8);
  __s64 lneg = -(long)(one * 8);

  ASSERT(-4, sneg >> 1);
  ASSERT(-1, sneg >> 31);
  ASSERT(0x7ffffffc, (unsigned)sneg >> 1);
  ASSERT(1, (unsigned)sneg >> 31);
  ASSERT(-1, lneg >> 63);
  ASSERT(1, (__u64)lneg >> 63);
  ASSERT(-4, lneg >> 1);
  ASSERT(0x7ffffffffffffffc, (__u64)lneg >> 1);
  ASSERT(0x80000000, one << 31);
  ASSERT(0x80000000, u1 << 31);
  ASSERT(-2147483648, (int)(u1 << 31));
  ASSERT(0x8000000000000000, one << 63);
  ASSERT(0, (__u32)(one << 32));
  ASSERT(0x100000000, one << 32);
  ASSERT(-1, sneg >> s31);
  ASSERT(1, (__u32)sneg >> s31);
  ASSERT(-1, lneg >> s63);
  ASSERT(1, (__u64)lneg >> s63);
  ASSERT(0x80000000, u1 << s31);
  ASSERT(0x8000000000000000, one << s63);
  ASSERT(-1, (__s8)u8max >> 1);
  ASSERT(127, u8max >> 1);
  ASSERT(0x1fe, u8max << 1);
  ASSERT(0xfe, (__u8)(u8max << 1));
  ASSERT(0xffff0000, (unsigned)u16max << 16);
  ASSERT(0x7fff8000, u16max << 15);
  ASSERT(0x80000000, u32max << s31);
  ASSERT(0xfffffffe, u32max << 1);
  ASSERT(0x7fffffff80000000, (__u64)u32max << s31);
  ASSERT(-8, (long)sneg);
  ASSERT(0xfffffff8, (__u32)sneg);
  ASSERT(0xff00, u8max << s8);
  ASSERT(-256, (__s8)u8max << s8);
  ASSERT(0x00ffffff, u32max >> s8);
  ASSERT(-1, (int)u32max >> s8);
  ASSERT(0xffffffffffffff, (one << 63 | (one << 63) - 1) >> s8);
  ASSERT(-128, (long)(one << 63) >> 56);
  ASSERT(1, (__s64)lneg >> s63 == -1);
  ASSERT(0x1000, one << (s31 - 19));
  unsigned sh = u1;
  sh <<= 4;
  ASSERT(16, sh);
  sh >>= 2;
  ASSERT(4, sh);
  int ish = sneg;
  ish >>= 2;
  ASSERT(-2, ish);
  ish <<= 3;
  ASSERT(-16, ish);
END
`;

const CONSTANTS = `
BEGIN(prog)
  __u64 x = IN(11);
  __u64 one = IN(4);
  __u64 u32max = IN(2);
  unsigned u1 = one;
  __u64 big = 0xdeadbeefcafebabe;

  ASSERT(0x123456789abcdef0, x);
  ASSERT(0x123456789abcdef1, x + 1);
  ASSERT(0xedcba9879abcdef0, x ^ 0xffffffff00000000);
  ASSERT(1, x < big);
  ASSERT(0xdeadbeefcafebabf, big + one);
  ASSERT(0x80000000, one * 0x80000000);
  ASSERT(0xffffffff80000000, (__s64)(int)(u1 * 0x80000000u));
  ASSERT(0x9abcdef0, x & 0xffffffff);
  ASSERT(0x12345678, x >> 32);
  ASSERT(0x123456799abcdef0, x | 0x100000000);
  ASSERT(1, x == 0x123456789abcdef0);
  ASSERT(0, x == 0x9abcdef0);
  ASSERT(1, (x & 0xffffffff) == 0x9abcdef0);
  ASSERT(1, (__u32)x == 0x9abcdef0u);
  ASSERT(1, (__u32)x > 0x80000000u);
  ASSERT(1, x > 0xffffffffu);
  ASSERT(0, u32max > 0xffffffffu);
  ASSERT(1, u32max >= 0xffffffffu);
  ASSERT(1, u32max == 0xffffffff);
  ASSERT(0x1ffffffff, u32max + 0x100000000);
  ASSERT(0xfffffffe, u32max - 1);
  ASSERT(0x17fffffff, u32max + 0x80000000);
  ASSERT(0x1796a9ddf, (x & 0xffffffff) + 0xdeadbeef);
  ASSERT(0x796a9ddf, 0x9abcdef0 + 0xdeadbeef);
  ASSERT(0x123456789abcdef0 - 0x7fffffff, x - 0x7fffffff);
  ASSERT(0x123456789abcdef0 + 0x80000000, x + 0x80000000);
  ASSERT(0x123456789abcdef0 - 0x80000000, x - 0x80000000);
  ASSERT(0x123456789abcdef0 + 0xffffffff80000000, x - 2147483648);
  ASSERT(0x1234567800000000, x & ~0xffffffffUL);
  ASSERT(0x123456789abcdef0 * 3, x * 3);
  ASSERT(0xfedcba987654321, x >> 4 ^ 0xfedcba987654321 ^ x >> 4);
  ASSERT(0x8000000000000000, one << 63);
  ASSERT(1, one << 63 == 0x8000000000000000);
  ASSERT(1, x != 0xffffffff9abcdef0);
  ASSERT(0, (long)x < -0x7fffffffffffffff);
END
`;

describeKernel('C arithmetic in the kernel', () => {
  for (const mcpu of [1, 2, 3] as const) {
    describe(`-mcpu=v${mcpu}`, () => {
      kernelIt('wraps around at 8, 16, 32 and 64 bits', () => expectAllPass(WRAP, INPUTS, 49, { mcpu }));
      kernelIt('compares under the usual arithmetic conversions', () => expectAllPass(COMPARE, INPUTS, 52, { mcpu }));
      kernelIt('shifts left, right logically and right arithmetically', () => expectAllPass(SHIFT, INPUTS, 43, { mcpu }));
      kernelIt('handles 64-bit constants and immediates that do not fit 32 bits', () => expectAllPass(CONSTANTS, INPUTS, 35, { mcpu }));
    });
  }
});
