// Aggregates in the kernel: bit-fields (signed and unsigned, adjacent, straddling bytes),
// unions, struct copies, designated initializers, stack arrays with constant and variable
// indices, and pointer arithmetic (C11 6.7.2.1, 6.7.9, 6.5.6). Expected values are C
// semantics with clang's BPF layout (bit-fields allocated from the least significant bit).
import { describeKernel, kernelIt } from '../harness.js';
import { expectAllPass } from './run-c.js';

const INPUTS = [5n, 0x1fn, 0xabcn, 1n, 0x7ffn, 0xfedcba9876n, 0x12345678n, 3n, 0n, 0xffffffffffffffffn];

const BITFIELDS = `
struct bf {
  unsigned a : 3;
  int b : 5;
  unsigned c : 12;
  int d : 1;
  unsigned e : 11;
  unsigned long long f : 40;
  unsigned char g : 4, h : 4;
};

union word {
  struct bf bits;
  __u64 raw[2];
};

BEGIN(prog)
  __u64 five = IN(0), m31 = IN(1), abc = IN(2), one = IN(3), e7ff = IN(4), f40 = IN(5), all = IN(9);
  struct bf s = {};
  union word w = {};

  ASSERT(16, sizeof(struct bf));
  s.a = five;
  s.b = m31;
  s.c = abc;
  s.d = one;
  s.e = e7ff;
  s.f = f40;
  s.g = five;
  s.h = m31;
  ASSERT(5, s.a);
  ASSERT(-1, s.b);
  ASSERT(0xabc, s.c);
  ASSERT(-1, s.d);
  ASSERT(0x7ff, s.e);
  ASSERT(0xfedcba9876, s.f);
  ASSERT(5, s.g);
  ASSERT(15, s.h);
  w.bits = s;
  ASSERT(0xfffabcfd, w.raw[0]);
  ASSERT(0xf5fedcba9876, w.raw[1]);
  s.a = s.a + 4;
  ASSERT(1, s.a);
  ASSERT(-1, s.b);
  s.b = 15;
  ASSERT(15, s.b);
  s.b += 1;
  ASSERT(-16, s.b);
  ASSERT(1, s.a);
  ASSERT(0xabc, s.c);
  s.c = all;
  ASSERT(0xfff, s.c);
  ASSERT(-1, s.d);
  s.d = 0;
  ASSERT(0, s.d);
  ASSERT(0x7ff, s.e);
  s.e++;
  ASSERT(0, s.e);
  s.f = all;
  ASSERT(0xffffffffff, s.f);
  ASSERT(5, s.g);
  s.h = 0;
  ASSERT(0, s.h);
  ASSERT(5, s.g);
  ASSERT(0, s.a > 3);
  ASSERT(1, s.b < 0);
  ASSERT(-15, s.b + one);
  ASSERT(4096, s.c + one);
  ASSERT(0xffffffffff + 1, s.f + one);
  w.raw[0] = all;
  ASSERT(7, w.bits.a);
  ASSERT(-1, w.bits.b);
  ASSERT(-1, w.bits.d);
  ASSERT(0x7ff, w.bits.e);
  w.raw[1] = 0x1234567890abcdef;
  ASSERT(0x7890abcdef, w.bits.f);
  ASSERT(6, w.bits.g);
  ASSERT(5, w.bits.h);
  w.bits.c = 0;
  ASSERT(0xfff000ff, (__u32)w.raw[0]);
END
`;

const UNIONS = `
union u {
  __u64 q;
  __u32 d[2];
  __u16 w[4];
  __u8 b[8];
  __s8 sb[8];
};

struct inner { int x, y; };
struct outer {
  char tag;
  struct inner in;
  union { __u32 v4; __u8 v6[16]; };
  long arr[3];
};

BEGIN(prog)
  __u64 five = IN(0), one = IN(3), big = IN(5), k = IN(6), three = IN(7);
  union u v;
  v.q = big;
  ASSERT(0xdcba9876, v.d[0]);
  ASSERT(0xfe, v.d[1]);
  ASSERT(0x9876, v.w[0]);
  ASSERT(0xfe, v.w[2]);
  ASSERT(0x76, v.b[0]);
  ASSERT(0xdc, v.b[3]);
  ASSERT(-36, v.sb[3]);
  v.b[7] = 0x80;
  ASSERT(0x800000fe, v.q >> 32);
  v.d[0] = 0;
  ASSERT(0x800000fe00000000, v.q);
  ASSERT(8, sizeof v);

  struct outer o = { .tag = 'x', .in = { .y = 7 }, .arr = { [2] = 9, [0] = 1 } };
  ASSERT('x', o.tag);
  ASSERT(0, o.in.x);
  ASSERT(7, o.in.y);
  ASSERT(1, o.arr[0]);
  ASSERT(0, o.arr[1]);
  ASSERT(9, o.arr[2]);
  ASSERT(0, o.v4);
  ASSERT(0, o.v6[15]);
  o.v4 = k;
  ASSERT(0x78, o.v6[0]);
  ASSERT(0x12, o.v6[3]);
  ASSERT(0, o.v6[4]);
  ASSERT(4, offsetof(struct outer, in));
  ASSERT(12, offsetof(struct outer, v4));
  ASSERT(32, offsetof(struct outer, arr));
  ASSERT(56, sizeof(struct outer));

  struct outer p = o;
  ASSERT(0x12345678, p.v4);
  ASSERT(7, p.in.y);
  ASSERT(9, p.arr[2]);
  p.in.y = five;
  p.arr[2] = big;
  ASSERT(7, o.in.y);
  ASSERT(9, o.arr[2]);
  ASSERT(5, p.in.y);
  struct inner i2 = p.in;
  ASSERT(5, i2.y);
  i2 = (struct inner){ .x = three, .y = one };
  ASSERT(3, i2.x);
  ASSERT(1, i2.y);
  o.in = i2;
  ASSERT(3, o.in.x);
  ASSERT(0xfedcba9876, p.arr[2]);
  struct inner pair[2] = { [1] = { 4, 6 }, [0].y = 2 };
  ASSERT(0, pair[0].x);
  ASSERT(2, pair[0].y);
  ASSERT(6, pair[1].y);
  pair[0] = pair[1];
  ASSERT(4, pair[0].x);
  struct inner *pi = &pair[1];
  pi->x += five;
  ASSERT(9, pair[1].x);
  ASSERT(9, (*pi).x);
  union u init = { .b = { 1, 2 } };
  ASSERT(0x0201, init.q);
  union u first = { 0x1122334455667788 };
  ASSERT(0x88, first.b[0]);
  struct outer e = { .in = three, 4, .arr = five, .tag = 'y' };
  ASSERT(3, e.in.x);
  ASSERT(4, e.in.y);
  ASSERT(5, e.arr[0]);
  ASSERT(0, e.arr[1]);
  ASSERT('y', e.tag);
END
`;

const ARRAYS = `
BEGIN(prog)
  __u64 five = IN(0), one = IN(3), three = IN(7), zero = IN(8), all = IN(9);
  int a[8] = { 10, 11, 12, 13, 14, 15, 16, 17 };
  __u8 bytes[16] = { [3] = 0xff, [15] = 1 };
  long l[4] = { 1, -1 };

  ASSERT(10, a[0]);
  ASSERT(17, a[7]);
  ASSERT(15, a[five & 7]);
  ASSERT(13, a[three & 7]);
  ASSERT(17, a[all & 7]);
  ASSERT(10, a[zero & 7]);
  a[five & 7] = 50;
  ASSERT(50, a[5]);
  a[(five + one) & 7] += a[one & 7];
  ASSERT(27, a[6]);
  ASSERT(0xff, bytes[3]);
  ASSERT(0xff, bytes[three & 15]);
  ASSERT(1, bytes[all & 15]);
  ASSERT(0, bytes[(three + one) & 15]);
  bytes[(five + 10) & 15]++;
  ASSERT(2, bytes[15]);
  ASSERT(-1, l[one & 3]);
  ASSERT(0, l[three & 3]);
  ASSERT(0, l[2] + l[3]);
  l[three & 3] = -5;
  ASSERT(-4, l[0] + l[3] + l[1] + l[2] + 1);

  int *p = a;
  int *q = &a[7];
  ASSERT(7, q - p);
  ASSERT(-7, p - q);
  ASSERT(28, (char *)q - (char *)p);
  ASSERT(12, *(p + 2));
  ASSERT(12, p[2]);
  ASSERT(12, 2[p]);
  ASSERT(17, *(q - 0));
  ASSERT(13, *(q - 4));
  ASSERT(1, p < q);
  ASSERT(0, p >= q);
  ASSERT(1, p + 7 == q);
  p += 3;
  ASSERT(13, *p);
  ASSERT(4, q - p);
  p -= one & 1;
  ASSERT(12, *p);
  ASSERT(50, *(p + (three & 3)));
  ASSERT(5, &a[5] - &a[0]);
  ASSERT(8, sizeof(a) / sizeof(*a));
  long *lp = &l[1];
  ASSERT(-1, *lp);
  ASSERT(8, (char *)lp - (char *)l);
  ASSERT(-5, lp[2]);
  ASSERT(1, lp[-1]);
  __u8 *bp = bytes + 16;
  ASSERT(16, bp - bytes);
  ASSERT(2, bp[-1]);
  int m[2][3] = { { 1, 2, 3 }, { 4, 5, 6 } };
  ASSERT(6, m[1][2]);
  ASSERT(4, m[one & 1][0]);
  ASSERT(5, *(*(m + 1) + 1));
  ASSERT(12, sizeof(m[0]));
  ASSERT(3, &m[1][0] - &m[0][0]);
  int s = 0;
  for (int i = 0; i < 8; i++)
    s += a[i];
  ASSERT(10 + 11 + 12 + 13 + 14 + 50 + 27 + 17, s);
END
`;

describeKernel('C aggregates in the kernel', () => {
  kernelIt('bit-fields: read, write, signed, unsigned, adjacent and straddling', () => expectAllPass(BITFIELDS, INPUTS, 39));
  kernelIt('unions, struct copies and designated initializers', () => expectAllPass(UNIONS, INPUTS, 49));
  kernelIt('stack arrays with constant and variable indices, pointer arithmetic', () => expectAllPass(ARRAYS, INPUTS, 46));
});
