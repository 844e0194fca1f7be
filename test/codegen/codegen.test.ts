// Code generation: the selected instructions, in the kernel's log syntax.
import { describe, expect, it } from 'vitest';
import { disasm } from '../../src/bpf/disasm.js';
import { compileString } from '../util/compile.js';

function asm(src: string, name = 'p', options = {}): string[] {
  const out = compileString(`#include <linux/bpf.h>\n${src}`, options, 'codegen');
  expect(out.text).toBe('');
  const fn = out.object!.functions.find((f) => f.name === name)!;
  return disasm(fn.insns);
}

describe('codegen', () => {
  it('returns a constant in r0', () => {
    expect(asm('__attribute__((section("xdp"))) int p(struct xdp_md *ctx) { return 2; }')).toEqual(['r0 = 2', 'exit']);
  });

  it('ends a block that returns what a bare return block returns by falling into that block', () => {
    const code = asm(`static long (*redirect)(__u32 ifindex, __u64 flags) = (void *) 23;
      __attribute__((section("xdp"))) int p(struct xdp_md *ctx) {
        if (ctx->ingress_ifindex == 3) return XDP_PASS;
        redirect(ctx->rx_queue_index, 0);
        return XDP_PASS; }`);
    expect(code.filter((l) => l === 'exit')).toHaveLength(1);
    expect(code.slice(-3)).toEqual(['call bpf_redirect#23', 'r0 = 2', 'exit']);
    // The early return jumps to the shared one.
    expect(code[1]).toBe(`if w0 == 0x3 goto pc+${code.length - 2 - 2}`);
  });

  it('keeps two returns of different values apart', () => {
    const code = asm(`static long (*redirect)(__u32 ifindex, __u64 flags) = (void *) 23;
      __attribute__((section("xdp"))) int p(struct xdp_md *ctx) {
        if (ctx->ingress_ifindex == 3) return XDP_DROP;
        redirect(ctx->rx_queue_index, 0);
        return XDP_PASS; }`);
    expect(code.filter((l) => l === 'exit')).toHaveLength(2);
  });

  it('compares the bounds-checked pointer with data_end and dereferences the same register', () => {
    const code = asm(`__attribute__((section("xdp"))) int p(struct xdp_md *ctx) {
      unsigned char *data = (void *)(long)ctx->data;
      void *end = (void *)(long)ctx->data_end;
      if (data + 1 > end) return 1;
      return data[0]; }`);
    const loadData = code.findIndex((l) => /^r(\d) = \*\(u32 \*\)\(r1 \+0\)$/.test(l));
    expect(loadData).toBeGreaterThanOrEqual(0);
    const dataReg = /^r(\d)/.exec(code[loadData]!)![1];
    expect(code.some((l) => new RegExp(`^r0 = \\*\\(u8 \\*\\)\\(r${dataReg} \\+0\\)$`).test(l))).toBe(true);
  });

  it('passes helper arguments in r1-r5 and takes the result from r0', () => {
    const code = asm(`
      struct { int (*type)[BPF_MAP_TYPE_ARRAY]; int (*max_entries)[1]; int *key; long *value; } m __attribute__((section(".maps")));
      static void *(*lookup)(void *map, const void *key) = (void *) 1;
      __attribute__((section("xdp"))) int p(struct xdp_md *ctx) {
        int k = 0; long *v = lookup(&m, &k); return v ? 1 : 2; }`);
    expect(code).toContain('call bpf_map_lookup_elem#1');
    expect(code.some((l) => /^r1 = 0x0$/.test(l) || /^r1 = 0$/.test(l))).toBe(true); // ld_imm64 map, filled by the relocation
    expect(code.some((l) => /^r2 = r10$/.test(l))).toBe(true);
    expect(code.some((l) => /^if r0 == 0x0 goto/.test(l) || /^if r0 != 0x0 goto/.test(l))).toBe(true);
  });

  it('lays out locals in 8-byte aligned stack slots and reports frames over 512 bytes', () => {
    const big = compileString('#include <linux/bpf.h>\n__attribute__((section("xdp"))) int p(struct xdp_md *ctx) { char buf[600]; buf[ctx->data & 7] = 1; return buf[3]; }', {}, 'codegen');
    const d = big.ctx.diags.list.filter((x) => x.severity === 'error');
    expect(d.map((x) => x.code)).toEqual(['E5010']);
    expect(d[0]!.message).toContain('600 bytes');
    expect(d[0]!.notes[0]!.message).toBe("'buf' takes 600 bytes");
  });

  it('emits 32-bit ALU for int arithmetic at -mcpu=v3', () => {
    const code = asm('__attribute__((section("xdp"))) int p(struct xdp_md *ctx) { return ctx->data + 3; }');
    expect(code.some((l) => /^w\d \+= 3$/.test(l))).toBe(true);
  });

  it('records a line entry at the first instruction and at each statement', () => {
    const out = compileString('#include <linux/bpf.h>\n__attribute__((section("xdp"))) int p(struct xdp_md *ctx) {\n  int a = ctx->data;\n  a += 3;\n  return a;\n}\n', {}, 'codegen');
    const fn = out.object!.functions[0]!;
    expect(fn.lines[0]!.insnIndex).toBe(0);
    const lines = fn.lines.map((l) => out.ctx.sources.lineCol(l.span.file, l.span.start).line);
    expect(lines).toEqual(expect.arrayContaining([3, 4, 5]));
    // The first instruction is described by the first statement, not by the function header.
    expect(lines[0]).toBe(3);
  });
});

describe('stack over the call chain', () => {
  it('reports a chain of frames over 512 bytes even when each frame fits', () => {
    const out = compileString(`#include <linux/bpf.h>
static __attribute__((noinline)) int leaf(int x) { volatile char b[300]; b[x & 7] = 1; return b[1]; }
__attribute__((section("xdp"))) int p(struct xdp_md *ctx) { volatile char a[300]; a[ctx->data & 7] = 2; return leaf(ctx->data) + a[2]; }`, {}, 'codegen');
    const errors = out.ctx.diags.list.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).toEqual(['E5010']);
    // Each 300-byte array takes a 304-byte slot (8-byte aligned), and each frame counts as 320.
    expect(errors[0]!.message).toContain("call chain from 'p' needs 640 bytes");
    expect(errors[0]!.notes.map((n) => n.message)).toEqual(["'p' uses 320 bytes (frames count in multiples of 32)", "'leaf' uses 320 bytes (frames count in multiples of 32)"]);
  });
});
