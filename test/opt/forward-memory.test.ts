// Store-to-load forwarding of constants through pointers outside the frame (opt/forward-memory.ts):
// a field of a map value read back after the paths stored constants in it is a register holding
// each path's constant; a write that may reach the field in between leaves the read in place.
import { describe, expect, it } from 'vitest';
import { disasm } from '../../src/bpf/disasm.js';
import { compileString } from '../util/compile.js';

const HEAD = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
struct rec { __u32 a; __u8 kind; __u8 b; __u16 c; __u64 d; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, struct rec); } recs SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, struct rec); } others SEC(".maps");
`;

function asm(src: string, name = 'p'): string[] {
  const out = compileString(HEAD + src, {}, 'codegen');
  expect(out.text).toBe('');
  return disasm(out.object!.functions.find((f) => f.name === name)!.insns);
}

/** Loads of `kind` (offset 4, one byte) through any register. */
const kindReads = (code: string[]) => code.filter((l) => / = \*\(u8 \*\)\(r\d \+4\)$/.test(l)).length;

/** `body` runs with `struct rec *r` (a map value) and `int x` (a packet byte); the function returns r->kind plus 1. */
const program = (body: string, fn = 'p') => `SEC("xdp") int ${fn}(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
  __u32 zero = 0;
  struct rec *r = bpf_map_lookup_elem(&recs, &zero);
  if (!r || data + 1 > end) return 0;
  int x = *(__u8 *)data;
  ${body}
  return r->kind == 4 ? 10 : 20;
}`;

describe('forwardMemoryStores', () => {
  it('gives a read after a join the constant each path stored, and each path its own return', () => {
    const code = asm(program(`if (x == 1) { r->kind = 4; r->a = x; } else { r->kind = 6; r->d = x; }`));
    expect(kindReads(code)).toBe(0);
    // each path returns its own constant: no compare of the kind is left
    expect(code.filter((l) => /if r\d+ (==|!=) 0x4 /.test(l))).toEqual([]);
  });

  it('reads a field a constant store wrote on one path and not on the other', () => {
    const code = asm(program(`if (x == 1) r->kind = 4;`));
    expect(kindReads(code)).toBe(1);
  });

  it('reads again after a store through another pointer, which may reach the same bytes', () => {
    const code = asm(program(`struct rec *o = bpf_map_lookup_elem(&others, &zero);
      if (!o) return 1;
      r->kind = 4;
      o->b = x;`));
    expect(kindReads(code)).toBe(1);
  });

  it('reads again after a store that overlaps the field through the same pointer', () => {
    const code = asm(program(`r->kind = 4; *(__u16 *)((char *)r + 4) = x;`));
    expect(kindReads(code)).toBe(1);
  });

  it('keeps the constant across stores to other bytes through the same pointer, and to the stack', () => {
    const code = asm(`static __always_inline void set(__u32 *p, __u32 v) { *p = v; }
    SEC("xdp") int p(struct xdp_md *ctx) {
      void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
      __u32 zero = 0, key;
      struct rec *r = bpf_map_lookup_elem(&recs, &zero);
      if (!r || data + 1 > end) return 0;
      int x = *(__u8 *)data;
      r->kind = 4; r->b = x; r->a = x;
      set(&key, x);
      int k = r->kind;
      bpf_map_lookup_elem(&others, &key);
      return k;
    }`);
    expect(kindReads(code)).toBe(0);
  });

  it('reads again after a helper call, which may write the value', () => {
    const code = asm(program(`r->kind = 4; bpf_map_update_elem(&recs, &zero, r, 0);`));
    expect(kindReads(code)).toBe(1);
  });

  it('never forwards to or from a volatile access', () => {
    expect(kindReads(asm(program(`r->kind = 4; x = *(volatile __u8 *)&r->kind;`).replace('return r->kind == 4 ? 10 : 20', 'return x')))).toBe(1);
    expect(kindReads(asm(program(`*(volatile __u8 *)&r->kind = 4;`)))).toBe(1);
  });

  it('never forwards a CO-RE access: the loader chooses its offset', () => {
    const code = asm(`struct crec { __u32 a; __u8 kind; } __attribute__((preserve_access_index));
    SEC("xdp") int p(struct xdp_md *ctx) {
      __u32 zero = 0;
      struct crec *r = bpf_map_lookup_elem(&recs, &zero);
      if (!r) return 0;
      if (ctx->ingress_ifindex == 1) r->kind = 4; else r->kind = 6;
      return r->kind == 4 ? 10 : 20;
    }`);
    expect(kindReads(code)).toBe(1);
  });

  it('forwards through a pointer that may be a context only constants every field reads back', () => {
    const fn = (value: string) => `static __noinline int f(struct rec *q, int x) {
      if (!q) return 0;
      if (x) q->c = ${value}; else q->c = 7;
      return q->c == 7;
    }
    SEC("xdp") int p(struct xdp_md *ctx) {
      __u32 zero = 0;
      struct rec *r = bpf_map_lookup_elem(&recs, &zero);
      return f(r, ctx->ingress_ifindex);
    }`;
    const reads = (code: string[]) => code.filter((l) => / = \*\(u16 \*\)\(r\d \+6\)$/.test(l)).length;
    expect(reads(asm(fn('9'), 'f'))).toBe(0);
    expect(reads(asm(fn('0xffff'), 'f'))).toBe(1);
  });
});
