// The passes that keep a bounds-checked packet pointer and the pointer the access uses the same
// value (sroa, gvn, sink): on the printed IR, with the cases where they must not apply.
import { describe, expect, it } from 'vitest';
import { printModule } from '../../src/ir/print.js';
import { compileString } from '../util/compile.js';

function ir(src: string): string {
  const out = compileString(`#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n${src}\nchar _license[] SEC("license") = "GPL";`, {}, 'ir');
  expect(out.text).toBe('');
  return printModule(out.ir!);
}

/** The blocks of the printed IR, by label. */
function blocks(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split(/^(?=b\d+:)/m).slice(1)) out.set(part.slice(0, part.indexOf(':')), part);
  return out;
}

const count = (text: string, re: RegExp) => (text.match(new RegExp(re.source, 'gm')) ?? []).length;

describe('sinking to the use', () => {
  it('moves a packet read written before the bounds check below the check', () => {
    const text = ir(`SEC("xdp") int p(struct xdp_md *ctx) {
      void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
      __u8 *b = data;
      __u8 v = b[5];
      if (data + 6 > end) return 0;
      return v; }`);
    const [entry, ...rest] = [...blocks(text).values()];
    expect(entry).toMatch(/br gt\.64/);
    expect(entry).not.toMatch(/load\.1/);
    expect(rest.filter((b) => /load\.1 \[%\d+\+5\]/.test(b))).toHaveLength(1);
  });

  it('keeps a read where it is when a store follows it in the block', () => {
    const text = ir(`SEC("xdp") int p(struct xdp_md *ctx) {
      void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
      __u8 *b = data;
      if (data + 6 > end) return 0;
      __u8 v = b[5];
      b[5] = 1;
      if (b[4] == 3) return v;
      return 2; }`);
    const withStore = [...blocks(text).values()].find((b) => /store\.1/.test(b))!;
    expect(withStore).toMatch(/load\.1 \[%\d+\+5\][\s\S]*store\.1/);
  });
});

describe('value numbering', () => {
  it('reads skb->data once for the check and the access, across a store to the packet', () => {
    const text = ir(`SEC("tc") int p(struct __sk_buff *skb) {
      if ((void *)(long)skb->data + 14 > (void *)(long)skb->data_end) return 0;
      __u8 *b = (void *)(long)skb->data;
      b[0] = 1;
      if ((void *)(long)skb->data + 20 > (void *)(long)skb->data_end) return 0;
      b = (void *)(long)skb->data;
      return b[19]; }`);
    expect(count(text, /load\.4 \[%0\+76\]/)).toBe(1);
    expect(count(text, /load\.4 \[%0\+80\]/)).toBe(1);
  });

  it('reads skb->data again after a helper that may move the packet', () => {
    const text = ir(`SEC("tc") int p(struct __sk_buff *skb) {
      if ((void *)(long)skb->data + 14 > (void *)(long)skb->data_end) return 0;
      bpf_skb_pull_data(skb, 20);
      if ((void *)(long)skb->data + 20 > (void *)(long)skb->data_end) return 0;
      __u8 *b = (void *)(long)skb->data;
      return b[19]; }`);
    expect(count(text, /load\.4 \[%0\+76\]/)).toBe(2);
  });

  it('reads a context field again after a store through the context', () => {
    const text = ir(`SEC("tc") int p(struct __sk_buff *skb) {
      __u32 a = skb->mark;
      skb->mark = a + 1;
      return skb->mark; }`);
    expect(count(text, /load\.4 \[%0\+8\]/)).toBe(2);
  });

  it('computes the checked pointer once when the access computes it again', () => {
    const text = ir(`SEC("xdp") int p(struct xdp_md *ctx) {
      void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
      if (data + 2 > end) return 0;
      __u16 len = *(__u16 *)data & 0xfff;
      if (data + len + 4 > end) return 1;
      __u8 *at = data + len;
      at[3] = 7;
      return 2; }`);
    expect(count(text, /add\.64 %\d+, %\d+$/)).toBe(1);
    expect(text).toMatch(/store\.1 \[%\d+\+3\], 7/);
  });
});

describe('scalar replacement of local structs', () => {
  it('keeps the members of a local struct in registers', () => {
    const text = ir(`struct hdr_pos { __u16 a; __u16 off; __u32 c; };
      static __always_inline void find(struct hdr_pos *h, __u32 x) { h->off = 14; if (x) h->off = 18; h->c = x; }
      SEC("xdp") int p(struct xdp_md *ctx) {
        struct hdr_pos h = {0};
        find(&h, ctx->ingress_ifindex);
        return h.off + h.a + h.c; }`);
    expect(text).not.toMatch(/\[#\d+\+\d+\]/);
    expect(text).not.toMatch(/slotaddr/);
  });

  it('leaves a struct whose address a helper receives in memory', () => {
    const text = ir(`struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 4); __type(key, struct k); __type(value, __u32); } m SEC(".maps");
      struct k { __u16 a; __u16 b; };
      SEC("xdp") int p(struct xdp_md *ctx) {
        struct k key = { .a = 1, .b = 2 };
        __u32 *v = bpf_map_lookup_elem(&m, &key);
        return v ? *v + key.b : key.a; }`);
    expect(text).toMatch(/slotaddr/);
    expect(text).toMatch(/load\.2 \[#\d+\+\d+\]|load\.2 \[%\d+\+\d+\]/);
  });
});

describe('dead stores to the stack', () => {
  it('drops a store to a map key that is overwritten before the lookup reads it', () => {
    const text = ir(`struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 4); __type(key, __u32); __type(value, __u32); } m SEC(".maps");
      SEC("xdp") int p(struct xdp_md *ctx) {
        __u32 key = 0;
        key = ctx->ingress_ifindex;
        __u32 *v = bpf_map_lookup_elem(&m, &key);
        key = 7;
        return v ? *v : key; }`);
    // `key = 0` goes; `key = ifindex` stays (the lookup reads it); `key = 7` is forwarded to its
    // read on the miss, in another block, and then no path reads the store.
    expect(text).not.toMatch(/store\.4 \[#\d+\+0\], 0$/m);
    expect(count(text, /store\.4 \[#\d+\+0\]/)).toBe(1);
    expect(text).not.toMatch(/store\.4 \[#\d+\+0\], 7$/m);
    expect(text).toMatch(/store\.4 \[#\d+\+0\], %\d+\n(\s+%\d+ = slotaddr #\d+\n)?\s+%\d+ = map m/);
  });
});
