// Which calls stay BPF-to-BPF calls (lower/inline-policy.ts): clang's -O2 choices on the same
// shapes. A straight-line mixing function of N steps (4 operations each) called from three places
// is inlined by clang-19 up to 18 steps and kept from 20 (up to 26 and from 28 when declared
// `inline`); a function called once, or __always_inline, is always inlined.
import { describe, expect, it } from 'vitest';
import { printModule } from '../../src/ir/print.js';
import { compileString } from '../util/compile.js';

const STEP = '#define STEP(x, k) x = (x ^ (x >> k)) * 0x9e3779b1 + k\n';

function mixer(steps: number, declared: string): string {
  const body = Array.from({ length: steps }, (_, k) => `STEP(x, ${k + 1});`).join(' ');
  return `${STEP}${declared} __u32 mix(__u32 a, __u32 b) { __u32 x = a ^ b; ${body} return x; }\n`;
}

const PROGRAMS = `
SEC("tc") int first(struct __sk_buff *skb) { return mix(skb->len, skb->mark); }
SEC("tc") int second(struct __sk_buff *skb) { return mix(skb->mark, 7) + mix(skb->len, skb->priority); }
char _license[] SEC("license") = "GPL";
`;

function compiled(src: string, stopAfter: 'ir' | 'obj' = 'ir') {
  const out = compileString(`#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n${src}`, {}, stopAfter);
  expect(out.text).toBe('');
  return out;
}

/** The .text functions of the IR, and the functions each calls. */
function kept(src: string): { text: string[]; calls: string[] } {
  const out = compiled(src);
  const text = out.ir!.functions.filter((f) => f.section === '.text').map((f) => f.name);
  const calls = out.ir!.functions.flatMap((f) => f.blocks.flatMap((b) => b.insts)).flatMap((i) => (i.op === 'callfn' ? [i.func] : []));
  return { text, calls };
}

describe('inline policy', () => {
  it('inlines a function as large as clang inlines, and keeps one a little larger as a call from every place', () => {
    expect(kept(mixer(18, 'static') + PROGRAMS)).toEqual({ text: [], calls: [] });
    const big = kept(mixer(20, 'static') + PROGRAMS);
    expect(big).toEqual({ text: ['mix'], calls: ['mix', 'mix', 'mix'] });
    expect(printModule(compiled(mixer(20, 'static') + PROGRAMS).ir!)).toMatch(/func mix\(%\d+, %\d+\) section "\.text"/);
  });

  it('allows a function declared inline a larger cost', () => {
    expect(kept(mixer(26, 'static inline') + PROGRAMS).text).toEqual([]);
    expect(kept(mixer(28, 'static inline') + PROGRAMS).text).toEqual(['mix']);
  });

  it('always inlines a function called from one place, and an __always_inline one', () => {
    const once = `SEC("tc") int only(struct __sk_buff *skb) { return mix(skb->len, skb->mark); }\nchar _license[] SEC("license") = "GPL";\n`;
    expect(kept(mixer(30, 'static') + once).text).toEqual([]);
    expect(kept(mixer(30, 'static __always_inline') + PROGRAMS).text).toEqual([]);
  });

  it('counts the calls of an __always_inline function once per place it is expanded', () => {
    const src = `${mixer(24, 'static')}
static __always_inline __u32 wrap(struct __sk_buff *skb) { return mix(skb->len, skb->mark); }
SEC("tc") int first(struct __sk_buff *skb) { return wrap(skb); }
SEC("tc") int second(struct __sk_buff *skb) { return wrap(skb) + 1; }
char _license[] SEC("license") = "GPL";
`;
    expect(kept(src)).toEqual({ text: ['mix'], calls: ['mix', 'mix'] });
  });

  it('keeps a small function as a call only where the call is cold: after many early returns', () => {
    const small = `${mixer(8, 'static')}`;
    const src = `${small}
SEC("tc") int hot(struct __sk_buff *skb) { return mix(skb->len, skb->mark); }
SEC("tc") int cold(struct __sk_buff *skb) {
  if (skb->len == 1) return 1;
  if (skb->len == 2) return 2;
  if (skb->len == 3) return 3;
  if (skb->mark == 4) return 4;
  if (skb->mark == 5) return 5;
  if (skb->mark == 6) return 6;
  return mix(skb->mark, skb->len);
}
char _license[] SEC("license") = "GPL";
`;
    expect(kept(src)).toEqual({ text: ['mix'], calls: ['mix'] });
    // With five early returns the call is reached on 1/32 of the entries: not cold (2%).
    expect(kept(src.replace('  if (skb->mark == 6) return 6;\n', ''))).toEqual({ text: [], calls: [] });
  });

  it('a call in a loop is hot however deep the loop is', () => {
    const src = `${mixer(8, 'static')}
SEC("tc") int p(struct __sk_buff *skb) {
  __u32 h = 0;
  if (skb->len == 1) return 1;
  if (skb->len == 2) return 2;
  if (skb->len == 3) return 3;
  if (skb->mark == 4) return 4;
  if (skb->mark == 5) return 5;
  if (skb->mark == 6) return 6;
  for (int i = 0; i < 4; i++) h += mix(h, i);
  return h + mix(h, 9);
}
char _license[] SEC("license") = "GPL";
`;
    // The call after the loop is cold, the one in it is not.
    expect(kept(src)).toEqual({ text: ['mix'], calls: ['mix'] });
  });

  it('inlines everything in a unit that makes tail calls, or at -O0', () => {
    const tail = `struct { __uint(type, BPF_MAP_TYPE_PROG_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, __u32); } jt SEC(".maps");
SEC("tc") int third(struct __sk_buff *skb) { bpf_tail_call(skb, &jt, 0); return 0; }
`;
    expect(kept(mixer(24, 'static') + tail + PROGRAMS).text).toEqual([]);
    const o0 = compileString(`#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n${mixer(24, 'static')}${PROGRAMS}`, { optLevel: 0 }, 'ir');
    expect(o0.text).toBe('');
    expect(o0.ir!.functions.map((f) => f.name)).toEqual(['first', 'second']);
  });

  it('compiles every call inlined when the outlined object has an error: a memory builtin whose size is an argument', () => {
    const src = `${STEP}
static void fill(__u8 *dst, const __u8 *src, __u32 n, __u32 seed)
{
	__u32 x = seed;
	${Array.from({ length: 24 }, (_, k) => `STEP(x, ${k + 1});`).join(' ')}
	__builtin_memcpy(dst, src, n);
	dst[0] ^= x;
}
SEC("tc") int first(struct __sk_buff *skb) { __u8 a[8] = {}, b[8] = {1}; fill(a, b, 8, skb->len); return a[0]; }
SEC("tc") int second(struct __sk_buff *skb) { __u8 a[4] = {}, b[4] = {2}; fill(a, b, 4, skb->mark); return a[0]; }
char _license[] SEC("license") = "GPL";
`;
    const out = compiled(src, 'obj');
    expect(out.elf).toBeDefined();
    expect(out.ir!.functions.map((f) => f.name)).toEqual(['first', 'second']);
  });
});
