// Scalar replacement of locals: on the printed IR, which keeps a local in registers when its
// accesses allow it, and on the values the registers then hold (test/kernel/expr runs the same
// shapes in the kernel).
import { describe, expect, it } from 'vitest';
import { printModule } from '../../src/ir/print.js';
import { compileString } from '../util/compile.js';

function ir(body: string, decls = ''): string {
  const out = compileString(`#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n${decls}\nSEC("xdp") int p(struct xdp_md *ctx) {\n${body}\n}\nchar _license[] SEC("license") = "GPL";`, {}, 'ir');
  expect(out.text).toBe('');
  return printModule(out.ir!);
}

/** Loads and stores that address a stack slot, directly or through a slot address. */
const stackAccesses = (text: string) => (text.match(/(load|store)\.\d \[#/g) ?? []).length + (text.match(/slotaddr/g) ?? []).length;

describe('sroa: locals whose accesses overlap', () => {
  it('keeps a struct of bit-fields in a register: its storage unit is read and written at several widths', () => {
    const decls = 'struct S { __u8 a : 4; __s16 b : 5; __u32 c : 20; };';
    const text = ir('struct S s = {}; s.a = ctx->ingress_ifindex; s.b = -3; s.c += s.a; return s.a + s.b + s.c;', decls);
    expect(stackAccesses(text)).toBe(0);
  });

  it('folds the fields of a zero-initialised bit-field struct to constants', () => {
    const decls = 'struct S { __s64 f0 : 35; __u32 f1 : 8; __s8 f2 : 1; };';
    // Every field is known: the function returns a constant (2 + 0 - 1 = 1 after s.f2 = -1).
    const text = ir('struct S s = {}; s.f1 = 2; s.f2 = 1; return s.f0 + s.f1 + s.f2;', decls);
    expect(stackAccesses(text)).toBe(0);
    expect(text).toMatch(/ret 1\b/);
  });

  it('keeps on the stack a local whose overlapping accesses span more than 8 bytes', () => {
    const decls = 'union U { __u64 q[2]; struct { __u32 lo; __u64 mid; } __attribute__((packed)) m; };';
    const text = ir('union U u = {}; u.q[1] = ctx->ingress_ifindex; u.m.mid += 1; return u.q[0] + u.q[1];', decls);
    expect(stackAccesses(text)).toBeGreaterThan(0);
  });
});
