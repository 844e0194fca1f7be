// Stack stores across blocks: forward-stores gives a load the value that every path stored
// before it, dse drops a store that every path overwrites (or returns) before reading it, and
// both keep what a pointer to the slot may read or write (frame-pointers.ts). On the printed IR.
import { describe, expect, it } from 'vitest';
import { printModule } from '../../src/ir/print.js';
import { framePointers } from '../../src/opt/frame-pointers.js';
import { compileString } from '../util/compile.js';

const MAP = 'struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 4); __type(key, __u64); __type(value, __u32); } m SEC(".maps");\n';

function ir(src: string): string {
  const out = compileString(`#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n${MAP}${src}\nchar _license[] SEC("license") = "GPL";`, {}, 'ir');
  expect(out.text).toBe('');
  return printModule(out.ir!);
}

const count = (text: string, re: RegExp) => (text.match(new RegExp(re.source, 'gm')) ?? []).length;

describe('stack stores across blocks', () => {
  it('reads a field of a zeroed struct as that part of the zero, also through a pointer', () => {
    const text = ir(`struct k { __u64 a; __u32 b; __u8 flags; __u8 pad[3]; };
      static __attribute__((always_inline)) int flagged(struct k *q) { return q->flags & 1; }
      SEC("xdp") int p(struct xdp_md *ctx) {
        struct k key = {};
        struct k *q = &key;
        if (ctx->rx_queue_index == 2) q = &key;
        key.a = ctx->ingress_ifindex;
        if (flagged(q)) return 3;
        return bpf_map_lookup_elem(&m, &key) ? 1 : 2; }`);
    expect(text).not.toMatch(/load\.1 \[/);
    expect(text).not.toMatch(/^\s*%\d+ = 3$|ret 3$/m);
  });

  it('reads a field once for a chain of tests of it', () => {
    const text = ir(`struct k { __u32 a; __u16 port; __u16 pad; };
      SEC("xdp") int p(struct xdp_md *ctx) {
        struct k key = {};
        key.port = ctx->ingress_ifindex;
        bpf_map_lookup_elem(&m, &key);
        if (key.port == 80) return 1;
        if (key.port == 443) return 4;
        if (key.port == 8080) return 5;
        return 2; }`);
    expect(count(text, /load\.2 \[#\d+\+4\]/)).toBe(1);
  });

  it('keeps a key built in an unrolled loop with branches in a register, and stores it once for the lookup', () => {
    const text = ir(`SEC("xdp") int p(struct xdp_md *ctx) {
      unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
      __u64 label = 0;
      if (d + 8 > e) return 0;
      for (int i = 0; i < 8; i++) {
        unsigned char c = d[i];
        if (c >= 'A' && c <= 'Z') c += 32;
        label = (label << 8) | c;
      }
      return bpf_map_lookup_elem(&m, &label) ? 1 : 2; }`);
    // No reload of the slot between the iterations, and only the last store stays.
    expect(count(text, /load\.8 \[#\d+\+0\]/)).toBe(0);
    expect(count(text, /store\.8 \[#\d+\+0\]/)).toBe(1);
  });

  it('drops a store that both branches overwrite, and keeps one that a branch reads', () => {
    const text = ir(`SEC("xdp") int p(struct xdp_md *ctx) {
      __u64 k = 5, j = 6;
      if (ctx->ingress_ifindex == 3) { k = 1; j = 2; bpf_map_lookup_elem(&m, &j); } else { k = 2; }
      return bpf_map_lookup_elem(&m, &k) ? 1 : 2; }`);
    expect(text).not.toMatch(/store\.8 \[#\d+\+0\], 5$/m);
    expect(text).toMatch(/store\.8 \[#\d+\+0\], 6$/m);
  });

  it('counts an address computed from a slot as a frame pointer, and a packet pointer as none', () => {
    const out = compileString(`#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>
      SEC("xdp") int p(struct xdp_md *ctx) {
        unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
        __u64 arr[2] = { 1, 1 };
        if (d + 8 > e) return 0;
        if (ctx->rx_queue_index == 4) arr[ctx->ingress_ifindex & 1] = 9;
        d[ctx->ingress_ifindex & 7] = 1;
        return arr[0] == 1 ? 1 : 2; }
      char _license[] SEC("license") = "GPL";`, {}, 'ir');
    const fn = out.ir!.functions[0]!;
    const frame = framePointers(fn);
    const storeAddrs = fn.blocks.flatMap((b) => b.insts).flatMap((i) => (i.op === 'store' && i.addr.kind === 'reg' ? [i] : []));
    const toArr = storeAddrs.find((i) => i.src.kind === 'imm' && i.src.value === 9n);
    const toPacket = storeAddrs.find((i) => i.src.kind === 'imm' && i.src.value === 1n && i.size === 1);
    expect(toArr !== undefined && toArr.addr.kind === 'reg' && frame.has(toArr.addr.reg)).toBe(true);
    expect(toPacket !== undefined && toPacket.addr.kind === 'reg' && frame.has(toPacket.addr.reg)).toBe(false);
    // And the comparison reads arr[0] back after the store at a variable index.
    expect(printModule(out.ir!)).toMatch(/load\.8 \[#\d+\+0\]/);
  });

  it('counts what bpf_dynptr_data returns as a frame pointer once a dynptr records a stack buffer', () => {
    const text = ir(`SEC("xdp") int p(struct xdp_md *ctx) {
      __u64 v = 1;
      struct bpf_dynptr dp;
      bpf_dynptr_from_mem(&v, sizeof(v), 0, &dp);
      __u64 *q = bpf_dynptr_data(&dp, 0, 8);
      v = 3;
      if (q) *q = 5;
      return v; }`);
    // q may point at v: the store of 3 stays, and v is read back after the store through q.
    expect(text).toMatch(/store\.8 \[#\d+\+0\], 3$/m);
    expect(text).toMatch(/load\.8 \[#\d+\+0\]/);
  });

  it('lets a store through a packet pointer leave stored values alone', () => {
    const text = ir(`SEC("xdp") int p(struct xdp_md *ctx) {
      unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
      __u64 k = 7;
      if (d + 8 > e) return 0;
      bpf_map_lookup_elem(&m, &k);
      k = 11;
      if (ctx->ingress_ifindex == 2) d[0] = 1;
      return k; }`);
    expect(text).not.toMatch(/load\.8 \[#\d+\+0\]/);
    expect(text).not.toMatch(/store\.8 \[#\d+\+0\], 11$/m);
  });
});

describe('stores of the constants stack bytes hold', () => {
  const MAP2 = 'struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 4); __type(key, struct key); __type(value, __u32); } keys SEC(".maps");\n';
  const KEY = 'struct key { __u32 len; __u8 fam; __u8 pad[3]; __u8 addr[8]; };\n';

  it('drops zeros written again over a zeroed key, across a call that gets no stack pointer', () => {
    const text = ir(`${KEY}${MAP2}SEC("xdp") int p(struct xdp_md *ctx) {
      struct key k = {};
      __u32 *v;
      k.len = 64;
      k.fam = bpf_get_smp_processor_id() & 1;
      /* an IPv4 address in the first 4 bytes, the rest cleared again */
      k.addr[4] = 0; k.addr[5] = 0; k.addr[6] = 0; k.addr[7] = 0;
      k.pad[0] = 0;
      v = bpf_map_lookup_elem(&keys, &k);
      return v ? *v : 2; }`);
    // the key's own zeroing stays, and no byte store of 0 follows it
    expect(count(text, /^ {2}store\.1 \[#\d+\+(3|4|5|6|7|8|9|10|11)\], 0$/)).toBe(0);
    expect(text).toMatch(/store\.8 \[#\d+\+8\], 0\n/);
  });

  it('keeps a zero written after a call that may write the key through a pointer', () => {
    const text = ir(`${KEY}${MAP2}SEC("kprobe/f") int p(void *ctx) {
      struct key k = {};
      __u32 *v;
      bpf_probe_read_kernel(&k, 8, ctx);
      k.addr[5] = 0;
      v = bpf_map_lookup_elem(&keys, &k);
      return v ? *v : 2; }`);
    expect(count(text, /^ {2}store\.1 \[#\d+\+13\], 0$/)).toBe(1);
  });
});
