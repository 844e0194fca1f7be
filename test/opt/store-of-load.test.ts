// dropStoresOfLoadedValues (opt/dse.ts): a store of the value just loaded from the same bytes goes
// (and then the load), unless something may have written memory in between. On the printed IR.
import { describe, expect, it } from 'vitest';
import { printModule } from '../../src/ir/print.js';
import { compileString } from '../util/compile.js';

const MAP = `struct v { __u64 a, b; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 4); __type(key, __u32); __type(value, struct v); } m SEC(".maps");
static __always_inline void add(__u32 k, __u64 x, __u64 y) {
  struct v *p = bpf_map_lookup_elem(&m, &k);
  if (!p) return;
  p->a += x;
  p->b += y;
}
`;

function ir(src: string): string {
  const out = compileString(`#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n${MAP}${src}\nchar _license[] SEC("license") = "GPL";`, {}, 'ir');
  expect(out.text).toBe('');
  return printModule(out.ir!);
}

const count = (text: string, re: RegExp) => (text.match(new RegExp(re.source, 'gm')) ?? []).length;

describe('stores of loaded values', () => {
  it('drops the load and store of a counter increased by a constant 0', () => {
    const text = ir(`SEC("xdp") int p(struct xdp_md *ctx) { add(1, 1, 0); add(2, 0, 1); return 2; }`);
    expect(count(text, /store\.8 \[%\d+\+0\]/)).toBe(1);
    expect(count(text, /store\.8 \[%\d+\+8\]/)).toBe(1);
    expect(count(text, /load\.8 /)).toBe(2);
  });

  it('keeps it when a call, or a store through another pointer, may have written the bytes in between', () => {
    const text = ir(`SEC("xdp") int p(struct xdp_md *ctx) {
      __u32 k = 0, j = 1;
      struct v *p = bpf_map_lookup_elem(&m, &k), *q = bpf_map_lookup_elem(&m, &j);
      if (!p || !q) return 0;
      __u64 a = p->a, b = p->b;
      q->b = 7;
      bpf_ktime_get_ns();
      p->a = a;
      p->b = b;
      return 2; }`);
    expect(count(text, /store\.8 \[%\d+\+0\]/)).toBe(1);
    expect(count(text, /store\.8 \[%\d+\+8\]/)).toBe(2);
  });

  it('keeps a volatile store and one to other bytes than were loaded', () => {
    const text = ir(`SEC("xdp") int p(struct xdp_md *ctx) {
      __u32 k = 0;
      struct v *p = bpf_map_lookup_elem(&m, &k);
      if (!p) return 0;
      __u64 a = p->a;
      *(volatile __u64 *)&p->a = a;
      __u64 b = p->b;
      p->a = b;
      return 2; }`);
    expect(count(text, /store\.8 volatile \[%\d+\+0\]/)).toBe(1);
    expect(count(text, /store\.8 \[%\d+\+0\], %/)).toBe(1);
  });
});
