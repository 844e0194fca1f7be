// Operators with side effects in the kernel: compound assignment, pre/post increment and
// decrement, the conditional operator, && and || short-circuit, and the comma operator
// (C11 6.5.2.4, 6.5.3.1, 6.5.13-6.5.17). Expected values are C semantics.
import { describe } from 'vitest';
import { describeKernel, kernelIt } from '../harness.js';
import { expectAllPass } from './run-c.js';

const INPUTS = [1n, 2n, 3n, 10n, 0n, 0xffffffffffffffffn, 255n, 0x100000000n];

const ASSIGN = `
BEGIN(prog)
  int a = IN(0), b = IN(1), c = IN(2), ten = IN(3), zero = IN(4), m1 = IN(5);
  int x = ten;

  x += 5;
  ASSERT(15, x);
  x -= a;
  ASSERT(14, x);
  x *= c;
  ASSERT(42, x);
  x &= 10;
  ASSERT(10, x);
  x |= 0x100;
  ASSERT(0x10a, x);
  x ^= 0xff;
  ASSERT(0x1f5, x);
  x <<= b;
  ASSERT(0x7d4, x);
  x >>= c;
  ASSERT(0xfa, x);
  ASSERT(0xfb, x += a);
  ASSERT(0xfb, x);
  ASSERT(0xf6, x -= 5);
  unsigned char uc = 250;
  uc += ten;
  ASSERT(4, uc);
  signed char sc = ten * 10;
  sc += ten * 10;
  ASSERT(-56, sc);
  short s = -ten;
  s *= 4000;
  ASSERT(25536, s);
  unsigned u = a;
  u -= b;
  ASSERT(0xffffffff, u);
  __u64 l = a;
  l -= b;
  ASSERT(-1, l);
  int neg = m1;
  neg += 1u;
  ASSERT(0, neg);
  unsigned short us = 65535;
  us += a;
  ASSERT(0, us);
  __u64 big = a;
  big <<= 40;
  ASSERT(0x10000000000, big);
  big |= b;
  ASSERT(0x10000000002, big);
  big >>= 1;
  ASSERT(0x8000000001, big);
  int y;
  ASSERT(7, y = 7);
  ASSERT(7, y);
  unsigned char z;
  ASSERT(4, z = ten * 26);
  ASSERT(0x10, (x = 0x110, (unsigned char)x));
  int arr[3] = {a, b, c};
  int k = a & 1;
  arr[k] += 10;
  ASSERT(12, arr[1]);
  arr[k]++;
  ASSERT(13, arr[(b - 1) & 1]);
  arr[k + 1] *= arr[k ^ 1] + b;
  ASSERT(9, arr[2]);

  int i = ten;
  ASSERT(10, i++);
  ASSERT(11, i);
  ASSERT(12, ++i);
  ASSERT(12, i);
  ASSERT(12, i--);
  ASSERT(10, --i);
  __u8 ub = IN(6);
  ASSERT(255, ub++);
  ASSERT(0, ub);
  ASSERT(255, --ub);
  ASSERT(0, ++ub);
  __s8 sb = 127 + zero;
  ASSERT(-128, ++sb);
  ASSERT(-128, sb--);
  ASSERT(127, sb);
  __u64 wide = IN(5);
  ASSERT(0, ++wide);
  ASSERT(0, wide--);
  ASSERT(0xffffffffffffffff, wide);
  int vals[4] = {1, 2, 3, 4};
  int *p = vals;
  ASSERT(1, *p++);
  ASSERT(2, *p);
  ASSERT(3, *++p);
  ASSERT(4, ++*p);
  ASSERT(4, vals[2]);
  ASSERT(4, (*p)++);
  ASSERT(5, vals[2]);
  ASSERT(2, p - vals);
  ASSERT(5, *p--);
  ASSERT(2, *p);
END
`;

const CONTROL = `
BEGIN(prog)
  int a = IN(0), b = IN(1), c = IN(2), zero = IN(4), m1 = IN(5);
  __u64 hi = IN(7);
  int x = 0, n = 0;

  ASSERT(2, a ? b : c);
  ASSERT(3, zero ? b : c);
  ASSERT(-1, a > b ? 1 : -1);
  ASSERT(0xffffffff, a ? m1 : 0u);
  ASSERT(-1, a ? m1 : 0L);
  ASSERT(0xffffffffffffffff, a ? m1 : 0UL);
  ASSERT(20, zero ? 10 : a ? 20 : 30);
  ASSERT(30, zero ? 10 : zero ? 20 : 30);
  a ? (x = 5) : (x = 7);
  ASSERT(5, x);
  zero ? (x = 5) : (x = 7);
  ASSERT(7, x);
  ASSERT(3, (zero ? a : b) + a);
  ASSERT(1, hi ? 1 : 0);
  ASSERT(2, (int)hi ? 1 : 2);
  int *q = zero ? &a : &b;
  ASSERT(2, *q);

  ASSERT(0, zero && ++n);
  ASSERT(0, n);
  ASSERT(1, a || ++n);
  ASSERT(0, n);
  ASSERT(1, a && ++n);
  ASSERT(1, n);
  ASSERT(1, zero || ++n);
  ASSERT(2, n);
  ASSERT(0, zero || (n++, 0));
  ASSERT(3, n);
  ASSERT(1, (a && b) || n++);
  ASSERT(3, n);
  ASSERT(1, a && b && c);
  ASSERT(0, a && zero && ++n);
  ASSERT(3, n);
  ASSERT(1, zero || zero || a);
  ASSERT(0, zero || zero || zero);
  ASSERT(1, !zero);
  ASSERT(0, !c);
  ASSERT(1, hi && a);
  ASSERT(1, !!hi);
  ASSERT(0, !hi);
  ASSERT(0, (int)hi);
  ASSERT(1, (_Bool)hi);
  ASSERT(0, (int)hi && a);
  ASSERT(1, hi || zero);
  ASSERT(1, m1 && 1);
  ASSERT(2, (a < b) + (b < c && c > a));
  if (zero || a > b || (c == 3 && ++n))
    x = 1;
  else
    x = 2;
  ASSERT(1, x);
  ASSERT(4, n);

  ASSERT(3, (a, b, c));
  x = (n = 5, n + 1);
  ASSERT(6, x);
  ASSERT(5, n);
  int s2 = 0, i;
  for (i = 0, x = 10; i < 3; i++, x--)
    s2 += x;
  ASSERT(27, s2);
  ASSERT(3, i);
  ASSERT(7, x);
END
`;

describeKernel('C operators with side effects in the kernel', () => {
  for (const mcpu of [2, 3] as const) {
    describe(`-mcpu=v${mcpu}`, () => {
      kernelIt('compound assignment, increment and decrement', () => expectAllPass(ASSIGN, INPUTS, 54, { mcpu }));
      kernelIt('conditional, short-circuit and comma operators', () => expectAllPass(CONTROL, INPUTS, 50, { mcpu }));
    });
  }
});
