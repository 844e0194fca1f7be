// Statements and functions in the kernel: switch (fall-through, default, case ranges, wide and
// negative case values), loops with constant trip counts (break, continue, nesting), inlined
// static functions and static noinline functions (BPF-to-BPF calls, with argument and return
// conversions). Expected values are C semantics.
import { describeKernel, kernelIt } from '../harness.js';
import { expectAllPass } from './run-c.js';

const INPUTS = [0n, 1n, 2n, 3n, 4n, 5n, 7n, 0xffffffffffffffffn, 0x100000000n, 0x80000000n, 15n, 0x61n, 0x1ffn, 0x80n];

const SWITCH = `
static __always_inline int sw_basic(int v) {
  switch (v) {
  case 0: return 100;
  case 1: return 101;
  case 5: return 105;
  case -1: return 99;
  default: return -1;
  }
}

static __always_inline int sw_fall(int v) {
  int r = 0;
  switch (v) {
  case 1: r += 1;
  case 2: r += 10;
  case 3: r += 100; break;
  case 4: r += 1000;
  default: r += 10000;
  case 5: r += 100000;
  }
  return r;
}

static __always_inline int sw_range(unsigned char c) {
  switch (c) {
  case 0 ... 9: return 1;
  case 'a' ... 'z': return 2;
  case 0x80 ... 0xff: return 3;
  }
  return 0;
}

static __always_inline int sw_wide(__u64 v) {
  switch (v) {
  case 0x100000000: return 1;
  case 0xffffffffffffffff: return 2;
  case 0x80000000: return 3;
  case 0: return 4;
  default: return 5;
  }
}

static __always_inline int sw_u32(__u32 v) {
  switch (v) {
  case 0x80000000: return 1;
  case 0xffffffff: return 2;
  default: return 3;
  }
}

static __always_inline int sw_schar(signed char v) {
  switch (v) {
  case -128: return 1;
  case -1: return 2;
  case 127: return 3;
  default: return 4;
  }
}

BEGIN(prog)
  __u64 n0 = IN(0), n1 = IN(1), n2 = IN(2), n3 = IN(3), n4 = IN(4), n5 = IN(5), n7 = IN(6);
  __u64 all = IN(7), hi = IN(8), w8 = IN(9), fifteen = IN(10), lower_a = IN(11), x1ff = IN(12), x80 = IN(13);

  ASSERT(100, sw_basic(n0));
  ASSERT(101, sw_basic(n1));
  ASSERT(105, sw_basic(n5));
  ASSERT(99, sw_basic(all));
  ASSERT(-1, sw_basic(n7));
  ASSERT(101, sw_basic(hi + 1));
  ASSERT(111, sw_fall(n1));
  ASSERT(110, sw_fall(n2));
  ASSERT(100, sw_fall(n3));
  ASSERT(111000, sw_fall(n4));
  ASSERT(100000, sw_fall(n5));
  ASSERT(110000, sw_fall(n7));
  ASSERT(110000, sw_fall(n0));
  ASSERT(1, sw_range(n0));
  ASSERT(1, sw_range(n7 + 2));
  ASSERT(0, sw_range(n7 + 3));
  ASSERT(2, sw_range(lower_a));
  ASSERT(2, sw_range(lower_a + 25));
  ASSERT(0, sw_range(lower_a + 26));
  ASSERT(3, sw_range(x80));
  ASSERT(3, sw_range(all));
  ASSERT(3, sw_range(x1ff));
  ASSERT(1, sw_range(x1ff + 1));
  ASSERT(1, sw_wide(hi));
  ASSERT(2, sw_wide(all));
  ASSERT(3, sw_wide(w8));
  ASSERT(4, sw_wide(n0));
  ASSERT(5, sw_wide(all >> 32));
  ASSERT(5, sw_wide(w8 | hi));
  ASSERT(1, sw_u32(w8));
  ASSERT(2, sw_u32(all));
  ASSERT(3, sw_u32(hi));
  ASSERT(1, sw_u32(w8 | hi));
  ASSERT(1, sw_schar(x80));
  ASSERT(2, sw_schar(all));
  ASSERT(2, sw_schar(x1ff));
  ASSERT(3, sw_schar(x80 - 1));
  ASSERT(4, sw_schar(n0));
  int r = 7;
  switch (n3) {
  case 1: r = 1; break;
  case 2: r = 2; break;
  }
  ASSERT(7, r);
  switch (n2) {
  case 1: r = 1; break;
  case 2: {
    switch (n1) {
    case 1: r = 21; break;
    default: r = 20;
    }
    r += 100;
    break;
  }
  default: r = 0;
  }
  ASSERT(121, r);
  switch (n0) default: r = 55;
  ASSERT(55, r);
END
`;

const LOOPS = `
BEGIN(prog)
  __u64 n0 = IN(0), n1 = IN(1), n3 = IN(3), n5 = IN(5), n7 = IN(6), fifteen = IN(10);
  int i, j, s;

  s = 0;
  for (i = 0; i < 10; i++)
    s += i;
  ASSERT(45, s);
  ASSERT(10, i);
  s = 0;
  for (i = 0; i < 4; i++)
    s += n3;
  ASSERT(12, s);
  s = 0;
  i = 0;
  while (i < 5) {
    s += n7;
    i++;
  }
  ASSERT(35, s);
  s = 0;
  i = 0;
  do {
    s += i;
  } while (++i < 4);
  ASSERT(6, s);
  ASSERT(4, i);
  s = 0;
  i = 10;
  do s++; while (i < 5);
  ASSERT(1, s);
  s = 0;
  for (i = 0; i < 10; i++) {
    if (i == 3)
      continue;
    if (i == 7)
      break;
    s += i;
  }
  ASSERT(18, s);
  ASSERT(7, i);
  s = 0;
  for (i = 0; i < 4; i++)
    for (j = 0; j < 3; j++)
      s += i * j;
  ASSERT(18, s);
  s = 0;
  for (unsigned u = 5; u > 0; u--)
    s += u;
  ASSERT(15, s);
  __u64 acc = 0;
  for (__u64 k = 0; k < 10; k += 2)
    acc += k * n1;
  ASSERT(20, acc);
  int arr[8] = { 3, 1, 4, 1, 5, 9, 2, 6 };
  int found = -1;
  for (i = 0; i < 8; i++) {
    if (arr[i] == (int)n5) {
      found = i;
      break;
    }
  }
  ASSERT(4, found);
  found = -1;
  for (i = 0; i < 8; i++)
    if (arr[i] == (int)n7)
      found = i;
  ASSERT(-1, found);
  s = 0;
  for (i = 0; i < 8; i++)
    s += arr[i] > (int)n3 ? 1 : 0;
  ASSERT(4, s);
  __u32 bits = fifteen << 4;
  int pop = 0;
  for (i = 0; i < 32; i++)
    pop += (bits >> i) & 1;
  ASSERT(4, pop);
  s = 0;
  for (i = 0; i < 3; i++) {
    switch (i) {
    case 0: s += 1; continue;
    case 1: s += 10; break;
    default: s += 100;
    }
    s += 1000;
  }
  ASSERT(2111, s);
  i = 0;
  for (;;) {
    if (++i == 6)
      break;
  }
  ASSERT(6, i);
END
`;

const FUNCTIONS = `
struct pair { int a; long b; };

static __always_inline int add3(int a, int b, int c) { return a + b + c; }
static inline __u64 shl(__u64 v, int n) { return v << n; }
static __always_inline void bump(int *p) { (*p)++; }

static __attribute__((noinline)) __u64 mul_add(__u64 a, __u64 b, __u64 c) { return a * b + c; }
static __noinline int five_args(int a, int b, int c, int d, int e) { return a - b + c - d + e * 2; }
static __noinline int from_schar(signed char c) { return c; }
static __noinline unsigned char to_uchar(int x) { return x; }
static __noinline short to_short(__u64 x) { return x; }
static __noinline int nested(int x) { return mul_add(x, 2, 1) + 1; }
static __noinline void out_param(int *p, int v) { *p = v * 3; }
static __noinline long sum_pair(struct pair *p) { return p->a + p->b; }
static __noinline int is_neg(long v) { return v < 0; }
static __noinline __u32 low32(__u64 v) { return v; }

BEGIN(prog)
  __u64 n1 = IN(1), n2 = IN(2), n3 = IN(3), n5 = IN(5), all = IN(7), hi = IN(8), x1ff = IN(12), x80 = IN(13);
  int k = n2;

  ASSERT(6, add3(n1, n2, n3));
  ASSERT(-1, add3(all, all, n1));
  ASSERT(0x200000000, shl(n2, 32));
  bump(&k);
  bump(&k);
  ASSERT(4, k);
  ASSERT(11, mul_add(n3, n3, n2));
  ASSERT(0xfffffffffffffffe + 5, mul_add(all, n2, n5));
  ASSERT(0x100000001, mul_add(hi, n1, n1));
  ASSERT(1 - 2 + 3 - 5 + 10, five_args(n1, n2, n3, n5, n5));
  ASSERT(-128, from_schar(x80));
  ASSERT(-1, from_schar(x1ff));
  ASSERT(0xff, to_uchar(x1ff));
  ASSERT(0, to_uchar(hi));
  ASSERT(-1, to_short(all));
  ASSERT(0x1ff, to_short(x1ff));
  ASSERT(12, nested(n5));
  int out = 0;
  out_param(&out, n5);
  ASSERT(15, out);
  struct pair pr = { .a = n3, .b = all };
  ASSERT(2, sum_pair(&pr));
  pr.b = hi;
  ASSERT(0x100000003, sum_pair(&pr));
  ASSERT(1, is_neg(all));
  ASSERT(0, is_neg(hi));
  ASSERT(1, is_neg((int)(__u32)all));
  ASSERT(0, is_neg((__u32)all));
  ASSERT(0, low32(hi));
  ASSERT(0xffffffff, low32(all));
  ASSERT(0x1ff + 0xff, to_short(x1ff) + to_uchar(x1ff));
  ASSERT(2, mul_add(n1, n1, n1) + five_args(n1, n1, n1, n1, 0));
  ASSERT(9, nested(nested(n1) - 3 + n2 + n1) - n1);
END
`;

describeKernel('C statements and functions in the kernel', () => {
  kernelIt('switch: fall-through, default, case ranges, wide and negative cases', () => expectAllPass(SWITCH, INPUTS, 41));
  kernelIt('loops with constant trip counts: break, continue, nesting', () => expectAllPass(LOOPS, INPUTS, 18));
  kernelIt('inlined and noinline (BPF-to-BPF) functions convert arguments and results', () => expectAllPass(FUNCTIONS, INPUTS, 27));
});
