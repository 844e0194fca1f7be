// Regression tests for miscompiles found by random differential testing (ebcc against clang and
// against an independent evaluator, both run in the kernel). Every program runs at each -mcpu and
// -O level. Expected values are worked out by hand from C11 and clang's BPF layout.
import { describe } from 'vitest';
import { kernelIt } from '../harness.js';
import { expectAllPass } from '../expr/run-c.js';
import { LEVELS } from './levels.js';

const INPUTS = [0n, 1n, 2n, 3n, 0xffffffffn, 0xffffffffffffffffn, 7n, 15n, 17n, 13n];


// C11 6.5.16p3: an assignment's value is the value stored in the left operand, so for a
// bit-field it is the right operand converted to the field's width.
const ASSIGN_VALUE = `
struct S { __u8 a : 4; __s16 b : 5; __u64 c : 33; __s32 d : 3; };
BEGIN(prog)
  __u64 three = IN(3), thirteen = IN(9), seventeen = IN(8), all = IN(5), fifteen = IN(7);
  struct S s = {};
  int r1 = (s.b = seventeen);          /* 17 = 0b10001 in 5 signed bits is -15 */
  ASSERT(-15, r1);
  ASSERT(-15, s.b);
  s.a = three;
  int r2 = (s.a += thirteen);          /* 3 + 13 = 16, 4 bits keep 0 */
  ASSERT(0, r2);
  ASSERT(0, s.a);
  s.a = fifteen;
  ASSERT(0, ++s.a);                    /* 15 + 1 = 16 wraps to 0 in 4 bits */
  ASSERT(0, s.a);
  ASSERT(0x1ffffffffULL, (s.c = all)); /* 33 bits of all ones */
  ASSERT(-1, (s.d = 7));               /* constant stored: 0b111 in 3 signed bits */
  ASSERT(3, (s.d = 11));               /* 0b1011 keeps 0b011 */
  ASSERT(-4, (s.d -= 7));              /* 3 - 7 = -4 fits 3 signed bits */
  int r3 = (s.b = 17);
  ASSERT(-15, r3);
END
`;

// C11 6.3.1.1p2, as clang applies it: a bit-field whose values all fit in int promotes to int; an
// unsigned one of 32 bits to unsigned int; whatever the declared type.
const PROMOTIONS = `
struct P { __u64 f : 32; __u32 a : 3; __s64 x : 17; __u64 w : 40; unsigned char c : 8; };
BEGIN(prog)
  __u64 ff = IN(4), seven = IN(6), all = IN(5), two = IN(2);
  struct P s = {};
  s.f = ff;
  s.a = seven;
  s.x = all;                           /* -1 */
  s.w = all;
  s.c = ff;
  int x = -5;
  ASSERT(0, s.f + 1);                  /* unsigned int arithmetic wraps */
  ASSERT(4, sizeof(s.f + 1));
  ASSERT(1, x <= s.f);                 /* x converts to unsigned int 0xfffffffb */
  s.f = seven;
  ASSERT(1, x >= s.f);
  ASSERT(1, s.a - 8 < 0);              /* int: 7 - 8 = -1 */
  ASSERT(-1, s.a - 8);
  ASSERT(2, s.a / 3);                  /* int division of values known non-negative */
  ASSERT(1, s.a % 3);
  ASSERT(0x7fffffff, (1u ^ s.x) / two);/* unsigned int: 0xfffffffe / 2 */
  ASSERT(-1, s.x);
  ASSERT(8, sizeof(s.w + 1));          /* wider than int: keeps unsigned long long */
  ASSERT(0x10000000000ULL, s.w + 1);
  ASSERT(-255, -s.c);                  /* unsigned char:8 promotes to int */
  ASSERT(-256, ~s.c);
  ASSERT(4, sizeof(-s.c));
  ASSERT(1, (two ? s.a : s.f) - 8 < 0 ? 0 : 1); /* int and unsigned int: unsigned */
END
`;

// C11 6.5.6p9: the difference of two pointers is a signed ptrdiff_t, the element count between
// them, also when the element size is not a power of two.
const PTRDIFF = `
struct T { __u32 a, b, c; };
struct U { __u64 a, b, c; };
struct V { __u8 a, b, c, d, e; };
BEGIN(prog)
  __u64 one = IN(1), two = IN(2), three = IN(3), zero = IN(0);
  struct T arr[4] = {};
  struct U big[4] = {};
  struct V odd[4] = {};
  ASSERT(-1, &arr[one & 3] - &arr[two & 3]);
  ASSERT(1, &arr[two & 3] - &arr[one & 3]);
  ASSERT(-3, &arr[zero & 3] - &arr[three & 3]);
  ASSERT(3, &arr[three & 3] - &arr[zero & 3]);
  ASSERT(-2, &big[one & 3] - &big[three & 3]);
  ASSERT(2, &big[three & 3] - &big[one & 3]);
  ASSERT(-3, &odd[zero & 3] - &odd[three & 3]);
  ASSERT(1, &odd[two & 3] - &odd[one & 3]);
  ASSERT(1, (&arr[one & 3] - &arr[two & 3]) < 0);
END
`;

// A bit-field of a packed struct starts at the byte holding its first bit and may cover more
// bytes than its declared type: all of them are loaded and stored, and no others.
const PACKED_BITFIELDS = `
struct __attribute__((packed)) P9 { __u8 a : 3; __u64 b : 63; };
struct __attribute__((packed)) P5 { __u8 a : 3; __u32 b : 30; __u8 c; };
struct __attribute__((packed)) P1 { __u8 a : 3; __u32 b : 5; };
union U9 { struct P9 p; __u8 raw[9]; };
BEGIN(prog)
  __u64 all = IN(5), one = IN(1);
  struct P9 p = {};
  p.b = all;
  ASSERT(0x7fffffffffffffffULL, p.b);
  ASSERT(0, p.a);
  p.a = all;
  ASSERT(7, p.a);
  ASSERT(0x7fffffffffffffffULL, p.b);
  p.b = one << 62;
  ASSERT(0x4000000000000000ULL, p.b);
  ASSERT(7, p.a);
  union U9 u = {};
  u.p.b = one << 62;                   /* bit 3 + 62 = 65: bit 1 of byte 8 */
  ASSERT(2, u.raw[8]);
  ASSERT(0, u.raw[7]);
  u.p.b = all;
  ASSERT(0xf8, u.raw[0]);
  ASSERT(3, u.raw[8]);                 /* bits 64 and 65 */
  struct P5 q = {};
  q.c = 0x5a;
  q.b = all;
  ASSERT(0x3fffffff, q.b);
  ASSERT(0x5a, q.c);
  ASSERT(0, q.a);
  struct P1 r = { .a = 2, .b = 31 };
  ASSERT(31, r.b);
  ASSERT(2, r.a);
  r.b = one + 4;
  ASSERT(5, r.b);
  ASSERT(9, sizeof(struct P9));
  ASSERT(6, sizeof(struct P5));
  ASSERT(1, sizeof(struct P1));
END
`;

// Members of a packed struct on the stack at odd offsets: the verifier refuses misaligned stack
// accesses, so they are split into aligned pieces.
const PACKED_MEMBERS = `
struct __attribute__((packed)) M { __u8 a; __u32 b; __u16 c; __u64 d; };
BEGIN(prog)
  __u64 x = IN(6), all = IN(5);
  struct M m = {};
  m.b = 0x12345678 + x;
  m.c = all;
  m.d = all - x;
  m.a = x;
  ASSERT(0x1234567f, m.b);
  ASSERT(0xffff, m.c);
  ASSERT(0xfffffffffffffff8ULL, m.d);
  ASSERT(7, m.a);
  ASSERT(15, sizeof(m));
  struct M n = m;
  ASSERT(0x1234567f, n.b);
  ASSERT(0xfffffffffffffff8ULL, n.d);
  struct M *pm = &m;
  ASSERT(0xffff, pm->c);
  pm->b += 1;
  ASSERT(0x12345680, m.b);
  struct M init = { .a = 1, .b = x, .c = 2, .d = x };
  ASSERT(7, init.b);
  ASSERT(7, init.d);
  ASSERT(2, init.c);
  ASSERT(1, init.a);
END
`;

// `x = a - x` (and other operations whose operands cannot be swapped) on a register variable:
// BPF's two-address form must not write a into x's register before reading x. Found by the random
// differential test (seed 10956).
const REVERSED_OPERANDS = `
struct B { __u8 f0 : 7; __s32 f1 : 4; __s16 f2 : 5; __s64 f3 : 50; };
BEGIN(prog)
  __s32 v1 = -115965585;
  __s64 v2 = (__s64)IN(2);
  struct B o = {};
  v2 = ((v1 >>= ((o.f3 + o.f1) & 31)) - v2);
  ASSERT(-115965587, v2);
  ASSERT(-115965585, v1);
  __u64 y = IN(8);
  __u64 s = IN(1);
  s = y - s;
  ASSERT(16, s);
  __u64 t = IN(2);
  t = y << t;
  ASSERT(68, t);
  __u64 u = IN(3);
  u = y / u;
  ASSERT(5, u);
  __u64 w = IN(3);
  w = y % w;
  ASSERT(2, w);
  __u32 z = IN(2);
  z = (__u32)y >> z;
  ASSERT(4, z);
  __s64 q = IN(1);
  q = (__s64)IN(5) >> q;
  ASSERT(-1, q);
END
`;

// x = C op x, with op commutative and C a constant wider than an instruction's 32-bit immediate:
// the selector turns it into x op= C, and C must come from a register (ld_imm64), never be cut
// to its low 32 bits (random differential program 41813: ~0x100000000ULL + v became v += -1).
const WIDE_CONSTANT_LEFT = `
BEGIN(prog)
  __u64 a = IN(1);
  a = ~((__u64)0x100000000ULL) + a;
  ASSERT(0xffffffff00000000ULL, a);
  __u64 b = IN(4);
  b = 0x100000000ULL | b;
  ASSERT(0x1ffffffffULL, b);
  __u64 c = IN(5);
  c = 0xf0f0f0f0f0ULL & c;
  ASSERT(0xf0f0f0f0f0ULL, c);
  __u64 d = IN(3);
  d = 0x200000000ULL * d;
  ASSERT(0x600000000ULL, d);
  __u64 x = IN(6);
  x = 0x8000000000ULL ^ x;
  ASSERT(0x8000000007ULL, x);
END
`;

describe('miscompile regressions', () => {
  for (const opts of LEVELS) {
    describe(`-mcpu=v${opts.mcpu} -O${opts.optLevel}`, () => {
      kernelIt('the value of an assignment to a bit-field is the value stored', () => expectAllPass(ASSIGN_VALUE, INPUTS, 11, opts));
      kernelIt('bit-fields promote to int or unsigned int by their width', () => expectAllPass(PROMOTIONS, INPUTS, 16, opts));
      kernelIt('pointer differences are signed for any element size', () => expectAllPass(PTRDIFF, INPUTS, 9, opts));
      kernelIt('x = a op x keeps x until op reads it', () => expectAllPass(REVERSED_OPERANDS, INPUTS, 8, opts));
      kernelIt('x = C op x keeps every bit of a 64-bit constant C', () => expectAllPass(WIDE_CONSTANT_LEFT, INPUTS, 5, opts));
      kernelIt('packed bit-fields load and store every byte they cover', () => expectAllPass(PACKED_BITFIELDS, INPUTS, 19, opts));
      kernelIt('packed members at odd stack offsets are accessed in aligned pieces', () => expectAllPass(PACKED_MEMBERS, INPUTS, 13, opts));
    });
  }
});
