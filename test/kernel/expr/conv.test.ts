// Integer conversions in the kernel: casts (sign and zero extension, truncation), the integer
// promotions, conversions to _Bool, sign-extending loads from the packet, and sizeof/offsetof
// (C11 6.3.1.1-6.3.1.3, 6.5.3.4, 7.19). `char` is signed, as with clang -target bpf.
import { describe } from 'vitest';
import { describeKernel, kernelIt } from '../harness.js';
import { expectAllPass } from './run-c.js';

const INPUTS = [0xfedcba9876543280n, 0x7fn, 0x80n, 0xffn, 0x8000n, 0xffffn, 0x80000000n, 0x100n, 0n, 2n];

const CASTS = `
BEGIN(prog)
  __u64 x = IN(0);
  __u64 c7f = IN(1), c80 = IN(2), cff = IN(3), h8000 = IN(4), hffff = IN(5), w8 = IN(6), c100 = IN(7);
  __u64 zero = IN(8), two = IN(9);

  ASSERT(-128, (signed char)c80);
  ASSERT(128, (unsigned char)c80);
  ASSERT(127, (signed char)c7f);
  ASSERT(-1, (signed char)cff);
  ASSERT(255, (unsigned char)cff);
  ASSERT(0, (unsigned char)c100);
  ASSERT(0, (signed char)c100);
  ASSERT(-128, (char)x);
  ASSERT(-32768, (short)h8000);
  ASSERT(32768, (unsigned short)h8000);
  ASSERT(-1, (short)hffff);
  ASSERT(0x3280, (short)x);
  ASSERT(0x76543280, (int)x);
  ASSERT(0x76543280, (unsigned)x);
  ASSERT(-2147483648, (int)w8);
  ASSERT(0xffffffff80000000, (long)(int)w8);
  ASSERT(0x80000000, (long)(unsigned)w8);
  ASSERT(0xffffffffffffff80, (long)(signed char)x);
  ASSERT(0x80, (long)(unsigned char)x);
  ASSERT(0xffff8000, (unsigned)(short)h8000);
  ASSERT(0x8000, (unsigned)(unsigned short)h8000);
  ASSERT(0xff80, (unsigned short)(signed char)x);
  ASSERT(-128, (short)(signed char)x);
  ASSERT(0x80, (short)(unsigned char)x);
  ASSERT(0xfedcba98, (unsigned)(x >> 32));
  ASSERT(-19088744, (int)(x >> 32));
  ASSERT(0xba98, (unsigned short)(x >> 32));
  ASSERT(-292, (short)(x >> 48));
  ASSERT(-2, (signed char)(x >> 56));

  unsigned char a = cff, b = two;
  ASSERT(257, a + b);
  ASSERT(510, a * b);
  ASSERT(-255, b - a - 2);
  ASSERT(1, b - a < 0);
  ASSERT(0, (unsigned char)(b - a) < 0);
  ASSERT(3, (unsigned char)(b - a));
  ASSERT(-256, ~a);
  ASSERT(0xffffff00, (unsigned)~a);
  ASSERT(0, (unsigned char)~a);
  ASSERT(-255, -a);
  unsigned short us = hffff;
  ASSERT(0xfffe0001, (unsigned)us * us);
  ASSERT(131070, us + us);
  ASSERT(1, us + 1 > us);
  signed char sc = c80;
  short ss = h8000;
  ASSERT(-256, sc + sc);
  ASSERT(-65536, ss + ss);
  ASSERT(16384, sc * sc);
  ASSERT(1, sc < 0);
  ASSERT(0, sc < cff);
  ASSERT(1, sc < (int)cff);
  ASSERT(1, (sc >> 1) == -64);
  ASSERT(0x7fffffc0, (unsigned)sc >> 1);
  __u64 u64 = sc;
  ASSERT(0xffffffffffffff80, u64);
  __u32 u32 = sc;
  ASSERT(0xffffff80, u32);
  __u16 u16 = sc;
  ASSERT(0xff80, u16);
  int i = us;
  ASSERT(65535, i);
  long l = (unsigned)sc;
  ASSERT(0xffffff80, l);
  l = ss;
  ASSERT(-32768, l);
  sc = l;
  ASSERT(0, sc);
  sc = x;
  ASSERT(-128, sc);
END
`;

const BOOLS = `
BEGIN(prog)
  __u64 x = IN(0), w8 = IN(6), c100 = IN(7), zero = IN(8), two = IN(9);

  _Bool t = x;
  ASSERT(1, t);
  _Bool f = zero;
  ASSERT(0, f);
  _Bool w = c100;
  ASSERT(1, w);
  _Bool w2 = w8 << 1;
  ASSERT(1, w2);
  _Bool top = x & 0xff00000000000000;
  ASSERT(1, top);
  ASSERT(2, t + w);
  ASSERT(1, (_Bool)two);
  ASSERT(0, (_Bool)zero);
  ASSERT(1, (_Bool)(x >> 63));
  ASSERT(1, (_Bool)(w8 << 1));
  ASSERT(0, (_Bool)(int)(w8 << 1));
  ASSERT(1, (_Bool)(unsigned char)two);
  ASSERT(0, (_Bool)(unsigned char)c100);
  ASSERT(1, !!c100);
  t = two;
  ASSERT(1, t);
  t += 1;
  ASSERT(1, t);
  t--;
  ASSERT(0, t);
  t--;
  ASSERT(1, t);
  ASSERT(1, sizeof(_Bool));
  ASSERT(4, sizeof(t + t));
  ASSERT(0xffffffff, (unsigned)-(int)t);
END
`;

const LOADS = `
BEGIN(prog)
  ASSERT(-128, *(__s8 *)IN_PTR);
  ASSERT(0x80, *(__u8 *)IN_PTR);
  ASSERT(0x32, *(__s8 *)(IN_PTR + 1));
  ASSERT(0x3280, *(__s16 *)IN_PTR);
  ASSERT(-292, *(__s16 *)(IN_PTR + 6));
  ASSERT(0xfedc, *(__u16 *)(IN_PTR + 6));
  ASSERT(-19088744, *(__s32 *)(IN_PTR + 4));
  ASSERT(0xfedcba98, *(__u32 *)(IN_PTR + 4));
  ASSERT(-19088744L, (long)*(__s32 *)(IN_PTR + 4));
  ASSERT(0xfedcba98, (long)*(__u32 *)(IN_PTR + 4));
  ASSERT(0xffffffffffffff80, (__u64)*(__s8 *)IN_PTR);
  ASSERT(-256, *(__s8 *)IN_PTR * 2);
  ASSERT(0xb2, IN_PTR[0] + IN_PTR[1]);
  signed char *sp = (signed char *)IN_PTR;
  ASSERT(-78, sp[0] + sp[1]);
  ASSERT(-2, sp[7]);
  ASSERT(-2 * 65536 + 0xdc00, (int)sp[7] * 65536 + (IN_PTR[6] << 8));
  short *hp = (short *)IN_PTR;
  ASSERT(-292, hp[3]);
  ASSERT(-292 - 17768, hp[3] + hp[2]);
  ASSERT(1, hp[3] < hp[0]);
  ASSERT(0, (unsigned short)hp[3] < (unsigned short)hp[0]);
END
`;

const SIZES = `
struct s1 { char c; int i; };
struct s2 { char c; long l; char d; };
struct s3 { char a[3]; short b; };
struct __attribute__((packed)) s4 { char c; int i; };
union u1 { char c; int i; long l; };
struct s5 { struct s1 inner; short tail[3]; };

BEGIN(prog)
  __u64 x = IN(0);
  unsigned char a = x;
  signed char sc = x;
  int arr[10];
  int n = 0;

  ASSERT(1, sizeof(char));
  ASSERT(2, sizeof(short));
  ASSERT(4, sizeof(int));
  ASSERT(8, sizeof(long));
  ASSERT(8, sizeof(long long));
  ASSERT(8, sizeof(void *));
  ASSERT(8, sizeof(x + 0));
  ASSERT(4, sizeof(a + a));
  ASSERT(1, sizeof a);
  ASSERT(4, sizeof(sc + sc));
  ASSERT(8, sizeof(sc + 0L));
  ASSERT(4, sizeof(1 ? a : a));
  ASSERT(4, sizeof(-a));
  ASSERT(4, sizeof('a'));
  ASSERT(8, sizeof(struct s1));
  ASSERT(4, offsetof(struct s1, i));
  ASSERT(24, sizeof(struct s2));
  ASSERT(8, offsetof(struct s2, l));
  ASSERT(16, offsetof(struct s2, d));
  ASSERT(6, sizeof(struct s3));
  ASSERT(4, offsetof(struct s3, b));
  ASSERT(5, sizeof(struct s4));
  ASSERT(1, offsetof(struct s4, i));
  ASSERT(8, sizeof(union u1));
  ASSERT(16, sizeof(struct s5));
  ASSERT(8, offsetof(struct s5, tail));
  ASSERT(12, offsetof(struct s5, tail[2]));
  ASSERT(40, sizeof arr);
  ASSERT(10, sizeof arr / sizeof arr[0]);
  ASSERT(24, sizeof(struct xdp_md));
  ASSERT(4, offsetof(struct xdp_md, data_end));
  ASSERT(8, sizeof(int[2]));
  ASSERT(12, sizeof(struct { int a, b, c; }));
  ASSERT(8, _Alignof(long));
  ASSERT(4, sizeof(n++));
  ASSERT(0, n);
  ASSERT(8, sizeof(&arr[0]));
  ASSERT(40, sizeof(*&arr));
END
`;

describeKernel('C conversions in the kernel', () => {
  for (const mcpu of [3, 4] as const) {
    describe(`-mcpu=v${mcpu}`, () => {
      kernelIt('casts extend and truncate; narrow operands are promoted', () => expectAllPass(CASTS, INPUTS, 58, { mcpu }));
      kernelIt('converts to _Bool by comparing the whole value with zero', () => expectAllPass(BOOLS, INPUTS, 21, { mcpu }));
      kernelIt('loads signed and unsigned narrow values from the packet', () => expectAllPass(LOADS, INPUTS, 20, { mcpu }));
    });
  }
  kernelIt('sizeof and offsetof follow the BPF layout', () => expectAllPass(SIZES, INPUTS, 38));
});
