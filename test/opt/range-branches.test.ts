// Branches decided by a register's range (opt/range-branches.ts): a test such as
// `eth_type == -1`, where eth_type is a 16-bit header field, can never hold; folding it lets the
// header walk that only computed eth_type go. The answer must hold for every value in the range,
// at the compare's width and signedness.
import { describe, expect, it } from 'vitest';
import { disasm } from '../../src/bpf/disasm.js';
import type { CmpOp } from '../../src/ir/ir.js';
import { evalCmp } from '../../src/ir/eval.js';
import { cmpOverBits, cmpOverRange } from '../../src/opt/range-branches.js';
import { compileString } from '../util/compile.js';
import { generate } from '../fuzz/diff-gen.js';

const HEAD = '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n';
const CMPS: CmpOp[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'sgt', 'sge', 'slt', 'sle', 'set'];

function asm(src: string, name = 'p'): string[] {
  const out = compileString(HEAD + src, {}, 'codegen');
  expect(out.text).toBe('');
  return disasm(out.object!.functions.find((f) => f.name === name)!.insns);
}

describe('cmpOverBits', () => {
  it('answers only what every value made of the possible bits answers (exhaustive over small masks)', () => {
    for (const bits of [32, 64] as const) {
      for (const may of [0n, 1n, 0x6n, 0xf0n, 0xffn, 0x101n]) {
        const values: bigint[] = [];
        for (let v = 0n; v <= may; v++) if ((v & ~may) === 0n) values.push(v);
        for (const cmp of ['eq', 'ne', 'set'] as const) {
          for (const c of [0n, 1n, 4n, 0x10n, 0xf0n, 0x100n, -1n, 0x100000010n]) {
            const answer = cmpOverBits(cmp, bits, may, c);
            if (answer !== undefined) expect(new Set(values.map((v) => evalCmp(cmp, bits, v, c))), `${cmp}.${bits} bits ${may} vs ${c}`).toEqual(new Set([answer]));
          }
        }
      }
    }
    expect(cmpOverBits('eq', 32, 0xf0n, 4n)).toBe(false);
    expect(cmpOverBits('ne', 32, 0xf0n, 4n)).toBe(true);
    expect(cmpOverBits('eq', 32, 0xf0n, 0x40n)).toBeUndefined();
  });

  it('folds a masked test that can never hold, and the load that only fed it goes', () => {
    const code = asm(`struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, __u32); } m SEC(".maps");
      SEC("tc") int p(struct __sk_buff *skb) { __u8 *d = (void *)(long)skb->data; if ((void *)(d + 1) > (void *)(long)skb->data_end) return 0;
        __u32 k = 0; __u32 *v = bpf_map_lookup_elem(&m, &k); if (!v) return 0;
        if ((d[0] & 0xf0) == 4) { *v += 1; *v *= 3; *v ^= 5; } else *v = 2; return 1; }`);
    expect(code.some((l) => / \^= 5/.test(l))).toBe(false);
    expect(code.some((l) => /&= 240/.test(l))).toBe(false);
  });
});

describe('cmpOverRange', () => {
  it('answers only what every value in [0, upper] answers (exhaustive over small ranges)', () => {
    const constants = (bits: number, upper: bigint): bigint[] => {
      const top = 1n << BigInt(bits);
      return [0n, 1n, 2n, upper - 1n, upper, upper + 1n, upper + 2n, -1n, -2n, top / 2n - 1n, top / 2n, top / 2n + 1n, top - 1n, top, top + upper, 0x80n, 0x100n];
    };
    for (const bits of [32, 64] as const) {
      for (const upper of [0n, 1n, 5n, 0x7fn, 0xffn, 0x100n]) {
        for (const cmp of CMPS) {
          for (const c of constants(bits, upper)) {
            const seen = new Set<boolean>();
            for (let v = 0n; v <= upper; v++) seen.add(evalCmp(cmp, bits, v, c));
            const answer = cmpOverRange(cmp, bits, upper, c);
            if (answer !== undefined) expect(seen, `${cmp}.${bits} [0,${upper}] vs ${c}`).toEqual(new Set([answer]));
          }
        }
      }
    }
  });

  it('decides the tests a 16-bit value decides', () => {
    expect(cmpOverRange('eq', 32, 0xffffn, -1n)).toBe(false);
    expect(cmpOverRange('ne', 32, 0xffffn, -1n)).toBe(true);
    expect(cmpOverRange('slt', 32, 0xffffn, 0n)).toBe(false);
    expect(cmpOverRange('sge', 64, 0xffffn, 0n)).toBe(true);
    expect(cmpOverRange('gt', 32, 0xffffn, 0xffffn)).toBe(false);
    expect(cmpOverRange('lt', 64, 0xffffn, 0x10000n)).toBe(true);
    expect(cmpOverRange('set', 32, 0xffffn, 0x10000n)).toBe(false);
    // a value in range, or one the test splits, is not decided
    expect(cmpOverRange('eq', 32, 0xffffn, 0x86ddn)).toBeUndefined();
    expect(cmpOverRange('gt', 32, 0xffffn, 100n)).toBeUndefined();
    expect(cmpOverRange('set', 32, 0xffffn, 0x8000n)).toBeUndefined();
  });

  it('reads the constant at the compare width and leaves signed tests of values past the sign bit', () => {
    // eq.32 reads only the low half of the constant: 0x1_0000_0005 is 5, inside [0, 0xff]
    expect(cmpOverRange('eq', 32, 0xffn, 0x100000005n)).toBeUndefined();
    expect(cmpOverRange('eq', 64, 0xffn, 0x100000005n)).toBe(false);
    // a bound past 32 bits is a full 32-bit range for a 32-bit compare
    expect(cmpOverRange('eq', 32, 0x1ffffffffn, -1n)).toBeUndefined();
    // [0, 0x80000000] as a signed 32-bit value wraps to negative: no signed answer
    expect(cmpOverRange('slt', 32, 0x80000000n, 0n)).toBeUndefined();
    expect(cmpOverRange('slt', 64, 0x80000000n, 0n)).toBe(false);
    expect(cmpOverRange('sgt', 32, 0x7fffffffn, -1n)).toBe(true);
  });
});

describe('foldRangeBranches', () => {
  const WALK = `
    struct vhdr { __u16 tci; __u16 proto; };
    static __always_inline int next_proto(unsigned char *data, unsigned char *end, unsigned char **pos) {
      unsigned char *p = data;
      if (p + 14 > end) return -1;
      __u16 proto = *(__u16 *)(p + 12);
      p += 14;
      for (int i = 0; i < 2; i++) {
        if (proto != 0x0081 && proto != 0xa888) break;
        if (p + 4 > end) break;
        proto = ((struct vhdr *)p)->proto;
        p += 4;
      }
      *pos = p;
      return proto;
    }
  `;

  it('a 16-bit protocol compared with -1 is never equal: the walk that computed it goes', () => {
    const code = asm(`${WALK}
      SEC("xdp") int p(struct xdp_md *ctx) {
        unsigned char *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end, *pos;
        if (next_proto(data, end, &pos) == -1) return XDP_DROP;
        return data[0] == 1 ? XDP_TX : XDP_PASS;
      }`).join('\n');
    // Only the Ethernet header's check is left: no load of a protocol, no VLAN step.
    expect(code).not.toMatch(/0x81|0xa888|0xffffffff/);
    expect(code).not.toMatch(/\+= 4/);
  });

  it('keeps the walk when the protocol is used, and a test whose fold frees nothing but itself', () => {
    const code = asm(`${WALK}
      SEC("xdp") int p(struct xdp_md *ctx) {
        unsigned char *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end, *pos;
        int proto = next_proto(data, end, &pos);
        if (proto < 0) return XDP_ABORTED;
        return proto == 0x0008 ? XDP_PASS : XDP_DROP;
      }`).join('\n');
    expect(code).toMatch(/0xa888/);
    expect(code).toMatch(/0x8\b/);
    // proto < 0 never holds, but folding it would free only the branch and its return
    expect(code).toMatch(/s>= 0x0|s< 0x0/);
  });

  it('leaves a test after a remainder: the kernel does not bound it, and may need the test', () => {
    const code = asm(`
      struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 5); __type(key, __u32); __type(value, __u64); } m SEC(".maps");
      SEC("xdp") int p(struct xdp_md *ctx) {
        unsigned char *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
        if (data + 1 > end) return XDP_PASS;
        __u32 k = data[0] % 5;
        if (k > 4) {
          __u32 z = 0;
          __u64 *w = bpf_map_lookup_elem(&m, &z);
          if (w) *w += 2;
          return XDP_DROP;
        }
        __u64 *v = bpf_map_lookup_elem(&m, &k);
        if (v) *v += 1;
        return XDP_PASS;
      }`).join('\n');
    expect(code).toMatch(/> 0x4|>= 0x5|< 0x5|<= 0x4/);
  });

  it('a fold jumps to the successor it decided: measuring it on a copy leaves the jump alone', () => {
    // Random program 91018: simplifyCfg, run on the copy that measures what a fold frees, once
    // retargeted the shared jump to a block of the copy's numbering, an earlier block of the
    // function: a cycle, which the kernel refused as an infinite loop.
    const out = compileString(generate(91018).source, {}, 'codegen');
    expect(out.text).toBe('');
    const code = disasm(out.object!.functions.find((f) => f.name === 'prog')!.insns).join('\n');
    expect(code).not.toMatch(/pc-\d/);
  });
});
