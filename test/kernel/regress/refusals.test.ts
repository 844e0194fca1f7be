// Regression tests for programs clang compiles and the kernel loads, which ebcc used to refuse
// (E5010, E5011) or to compile into objects the verifier refused. Every program runs at each
// -mcpu and -O level, with expected values worked out from C semantics.
import { describe } from 'vitest';
import { kernelIt } from '../harness.js';
import { expectAllPass } from '../expr/run-c.js';
import { LEVELS } from './levels.js';

const INPUTS = Array.from({ length: 12 }, (_, i) => BigInt(i + 1));

// 24 regions, each keeping 12 values alive at once (more than the 10 registers), so each spills
// a few of them. Spill slots are shared between regions: without that, the spills alone need
// more than the 512 bytes of stack BPF allows.
const REGIONS = 24;
const WIDTH = 12;
function pressure(): { source: string; expected: bigint } {
  const lines: string[] = ['BEGIN(prog)', '  __u64 acc = 0;'];
  let expected = 0n;
  for (let r = 0; r < REGIONS; r++) {
    const names = Array.from({ length: WIDTH }, (_, i) => `r${r}_${i}`);
    lines.push(`  {`);
    names.forEach((n, i) => lines.push(`    __u64 ${n} = IN(${i}) * ${r * 16 + i + 1};`));
    lines.push(`    acc += ${names.join(' ^ ')};`);
    lines.push(`    acc += ${names.join(' + ')};`);
    lines.push(`  }`);
    const values = INPUTS.map((v, i) => v * BigInt(r * 16 + i + 1));
    expected += values.reduce((a, b) => a ^ b) + values.reduce((a, b) => a + b);
  }
  lines.push(`  ASSERT(${expected}ULL, acc);`, 'END', '');
  return { source: lines.join('\n'), expected };
}

// A triangular loop nest: the inner bound is the outer counter (the total trip count is a
// constant, 0 + 1 + ... + 7 = 28), so unrolling the outer loop first makes the inner one constant.
const TRIANGULAR = `
BEGIN(prog)
  __u64 x = IN(0), sum = 0, count = 0, upper = 0, deep = 0;
  for (int i = 0; i < 8; i++) {
    for (int j = 0; j < i; j++) {
      sum += x * j + i;
      count++;
    }
  }
  ASSERT(28, count);
  ASSERT(196, sum);                    /* x = 1: the sum of j (56) plus the sum of i * i (140) */
  for (int i = 0; i < 6; i++)
    for (int j = i; j < 6; j++)
      upper += x;
  ASSERT(21, upper);                   /* 6 + 5 + 4 + 3 + 2 + 1 */
  for (int i = 0; i < 4; i++)
    for (int j = 0; j <= i; j++)
      for (int k = 0; k < j; k++)
        deep += x;
  ASSERT(10, deep);                    /* the sum over i of 0 + 1 + ... + i: 0 + 1 + 3 + 6 */
END
`;

// A void function whose last statement is a memset of a local array: the memset's result (the
// array's address) must not be left in R0, where the verifier sees a stack pointer returned.
const VOID_MEMSET = `
static __attribute__((noinline)) void fill(__u64 *out, __u64 v)
{
  __u8 buf[16];
  __builtin_memset(buf, 3, sizeof(buf));
  *out = buf[3] + buf[15] + v;
  __builtin_memset(buf, 0, sizeof(buf));
}

static __attribute__((noinline)) void clear(__u64 *out)
{
  __u64 tmp[4];
  __builtin_memset(tmp, 0, sizeof(tmp));
  *out = tmp[2];
}

BEGIN(prog)
  __u64 r = 99, s = 99;
  fill(&r, IN(2));                     /* every byte is 3: 3 + 3 + 3 */
  ASSERT(9, r);
  clear(&s);
  ASSERT(0, s);
END
`;

// A signed 1-bit bit-field read again in each of 24 unrolled iterations of straight-line code.
// Its value is -1 or 0; when a read masks it to a byte after sign-extending it, the kernel's
// verifier forks its state at the mask (Linux 6.18, and/or with a constant), and 2^24 paths are
// far over its 1M-instruction limit.
const SIGNED_FLAG_ROUNDS = 24;
function signedFlag(): string {
  let acc = 0n;
  for (let i = 0; i < SIGNED_FLAG_ROUNDS; i++) acc = BigInt.asUintN(64, acc * 3n + 255n - 4n);
  return `
struct flags { __s8 on : 1; __s8 mode : 3; __u8 rest : 4; };
BEGIN(prog)
  struct flags f = {};
  __u64 acc = 0;
  f.on = IN(0);                        /* 1: the field holds -1 */
  f.mode = IN(3);                      /* 4: the field holds -4 */
  for (int i = 0; i < ${SIGNED_FLAG_ROUNDS}; i++)
    acc = acc * 3 + (__u8)f.on + f.mode;
  ASSERT(${acc}ULL, acc);
  ASSERT(-1, (int)f.on);
END
`;
}

// Seven unrolled rounds, each storing into an array either 0 or a computed value (a ?: with a
// constant arm), then branching three times on values read back through indices the array
// itself gives. With the constant arm laid out first, the kernel's verifier explored every
// round's paths again for each arm (over 1M instructions at -mcpu=v2..v4 -O2); with the computed
// arm first (if-convert), the constant arm's path is pruned against it (about 118,000).
const SELECT_ROUNDS = 7;
function selectRounds(inputs: readonly bigint[]): { source: string; expected: bigint } {
  const u64 = (v: bigint) => BigInt.asUintN(64, v);
  const s64 = (v: bigint) => BigInt.asIntN(64, v);
  const [x, y] = [inputs[0]!, inputs[1]!];
  let h = BigInt.asUintN(16, inputs[2]!);
  let w = BigInt.asUintN(32, inputs[3]!);
  const a = [0n, 0n, 0n, 0n];
  const at = (k: bigint) => a[Number(k & 3n)]!;
  for (let i = 0n; i < BigInt(SELECT_ROUNDS); i++) {
    a[Number(i & 3n)] = (y & 255n) >= 192n + (i & 1n) ? 0n : -h;
    for (let j = 0n; j < 3n; j++) {
      h = BigInt.asUintN(16, h ^ u64(u64(BigInt.asIntN(16, at(y)) - at(y + y)) << (at(j) & 63n)));
      w = BigInt.asUintN(32, w << ((at(at(at(y) & 3n) & 3n) - at((at(2n) >> (i & 1n)) & 3n)) & 31n));
      if ((h & w) / 256n !== 0n) a[Number(i & 3n)]!++;
      else h = h >> ((x >> (at(i) & 63n)) & 7n);
    }
  }
  const expected = u64(s64(h + w) + a[0]! + a[1]! + a[2]! + a[3]!);
  const source = `
BEGIN(prog)
  __u64 x = IN(0), y = IN(1);
  __u16 h = IN(2);
  __u32 w = IN(3);
  __s64 a[4] = {};
  for (int i = 0; i < ${SELECT_ROUNDS}; i++) {
    a[i & 3] = ((y & 255) >= 192 + (i & 1)) ? 0 : -(__s64)h;
    for (int j = 0; j < 3; j++) {
      h ^= (__u64)((__s16)a[y & 3] - a[(y + y) & 3]) << (a[j & 3] & 63);
      w <<= (a[a[a[y & 3] & 3] & 3] - a[(a[2] >> (i & 1)) & 3]) & 31;
      if ((h & w) / 256) a[i & 3]++;
      else h >>= (x >> (a[i & 3] & 63)) & 7;
    }
  }
  ASSERT(${expected}ULL, h + w + a[0] + a[1] + a[2] + a[3]);
END
`;
  return { source, expected };
}

// Rounds of a 4x4 unrolled loop nest that keep booleans as values: comparisons, `&&` and `||`
// feed a product, array indices and sums. Each boolean lowered as a branch forked the kernel's
// verifier into two paths with different constants, which the indices made precise, so nothing
// was pruned (over 1M instructions at every level); as arithmetic each is one value in [0, 1].
function booleanRounds(inputs: readonly bigint[]): { source: string; expected: bigint } {
  const u32 = (v: bigint) => BigInt.asUintN(32, v);
  const bit = (c: boolean) => (c ? 1n : 0n);
  let [a, b, c, d] = inputs.slice(0, 4).map(u32) as [bigint, bigint, bigint, bigint];
  const t = [0n, 0n];
  for (let i = 0n; i < 4n; i++) {
    for (let j = 0n; j < 4n; j++) {
      a = u32(a * bit(bit(b !== 0n || (c | t[Number(j & 1n)]!) !== 0n) <= b));
      const k = Number(a & 1n);
      t[k] = BigInt.asUintN(16, t[k]! + bit(a !== d) + bit(c >= (d & 0xffn)));
      c = u32(c * 3n + bit((a & 1n) !== 0n || t[Number(b & 1n)]! > d));
      d = u32(d - bit((b & 2n) !== 0n && c <= t[Number(c & 1n)]!));
      b = u32(b + bit(bit((a ^ t[Number(i & 1n)]!) !== 0n) < (d & 1n)));
    }
  }
  const expected = a ^ b ^ c ^ d ^ t[0]! ^ t[1]!;
  const source = `
BEGIN(prog)
  __u32 a = IN(0), b = IN(1), c = IN(2), d = IN(3);
  __u16 t[2] = {};
  for (int i = 0; i < 4; i++) {
    for (int j = 0; j < 4; j++) {
      a *= (b || (c | t[j & 1])) <= b;
      t[a & 1] += (a != d) + (c >= (d & 0xff));
      c = c * 3 + ((a & 1) || (t[b & 1] > d));
      d -= (b & 2) && (c <= t[c & 1]);
      b += ((a ^ t[i & 1]) != 0) < (d & 1);
    }
  }
  ASSERT(${expected}ULL, a ^ b ^ c ^ d ^ t[0] ^ t[1]);
END
`;
  return { source, expected };
}

// A boolean that indexes an array, computed from a variable that an unrolled loop sets to a
// different constant on each of its paths (2^16 of them). As a branch, the boolean's constants
// stop the kernel's precision marks, the variable stays imprecise and every path joins the first
// at each if/else; as arithmetic (`(k - (v & 0xff)) >> 63`), the index made the variable precise,
// no path matched another, and the kernel refused the object (over 1M instructions at -O0 and
// -O2). The variable reaches the assertion through a volatile store and load in the packet,
// which end the marks, so that the assertion's branch does not make it precise either.
const PATH_ROUNDS = 16;
function pathConstantIndex(inputs: readonly bigint[]): { source: string; expected: bigint[] } {
  const u32 = (v: bigint) => BigInt.asUintN(32, v);
  const x = u32(inputs[0]!);
  const k = u32(inputs[1]!);
  let v = 0n;
  for (let i = 0n; i < BigInt(PATH_ROUNDS); i++) v = ((x >> i) & 1n) !== 0n ? u32(v * 3n + i) : u32(v + 5n);
  const b = k > (v & 0xffn) ? 1 : 0;
  const s = [0n, 0n];
  s[b] = 1n;
  const source = `
BEGIN(prog)
  __u32 x = IN(0), k = IN(1);
  __u32 v = 0;
  __u64 s[2] = {};
  for (int i = 0; i < ${PATH_ROUNDS}; i++) {
    if ((x >> i) & 1)
      v = v * 3 + i;
    else
      v += 5;
  }
  s[k > (v & 0xff)] += 1;
  *(volatile __u64 *)&IN(8) = v;
  ASSERT(${v}ULL, *(volatile __u64 *)&IN(8));
  ASSERT(${s[0]}, s[0]);
  ASSERT(${s[1]}, s[1]);
END
`;
  return { source, expected: [v, s[0]!, s[1]!] };
}

describe('refusal regressions', () => {
  const { source } = pressure();
  for (const opts of LEVELS) {
    describe(`-mcpu=v${opts.mcpu} -O${opts.optLevel}`, () => {
      kernelIt('spill slots of independent regions share the stack', () => expectAllPass(source, INPUTS, 1, opts));
      kernelIt('a void function ending in a memset of a local returns no stack pointer', () => expectAllPass(VOID_MEMSET, INPUTS, 2, opts));
      kernelIt('nested loops whose inner bound depends on the outer counter unroll', () => expectAllPass(TRIANGULAR, INPUTS, 4, opts));
      kernelIt('reads of a signed 1-bit field give the verifier no state to fork', () => expectAllPass(signedFlag(), INPUTS, 2, opts));
    });
  }
  // At -O0 too: with the array's scalars left in memory and the diamond left as it was written,
  // the kernel refused it at -mcpu=v2..v4 -O0 (over 1M instructions); -O0 now runs scalar
  // replacement, propagation and if-conversion after unrolling. Built without the built-in
  // verifier, whose prediction for this program (over 1M instructions) is not the kernel's.
  for (const opts of LEVELS) {
    kernelIt(`-mcpu=v${opts.mcpu} -O${opts.optLevel}: rounds of selects of a constant and a computed value stay within the kernel's budget`, () => {
      for (const inputs of [INPUTS, [5n, 0xc1n, 0x1234n, 0xffffn], [0x40n, 0x3c0n, 0x8001n, 0x12345678n]]) {
        expectAllPass(selectRounds(inputs).source, inputs, 1, { ...opts, verify: false });
      }
    });
  }
  for (const opts of LEVELS) {
    kernelIt(`-mcpu=v${opts.mcpu} -O${opts.optLevel}: booleans kept as values in unrolled rounds stay within the kernel's budget`, () => {
      for (const inputs of [INPUTS, [0xffffffffn, 7n, 0x80000000n, 0x1ffn], [5n, 0n, 0n, 0xfffffffen]]) {
        expectAllPass(booleanRounds(inputs).source, inputs, 1, opts);
      }
    });
  }
  for (const opts of LEVELS) {
    kernelIt(`-mcpu=v${opts.mcpu} -O${opts.optLevel}: a boolean index of a variable with a constant per path stays a branch within the kernel's budget`, () => {
      for (const inputs of [INPUTS, [0xa5a5n, 0xffn], [0xffffn, 3n], [0n, 0n]]) {
        expectAllPass(pathConstantIndex(inputs).source, inputs, 3, opts);
      }
    });
  }
});
