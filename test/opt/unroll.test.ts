import { describe, expect, it } from 'vitest';
import { printModule } from '../../src/ir/print.js';
import { compileString } from '../util/compile.js';
import { findLoops } from '../../src/opt/loops.js';
import { cloneIr } from '../../src/opt/unroll.js';

const HEAD = '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n';

let loopsLeft = 0;

function ir(src: string): string {
  const out = compileString(HEAD + src, {}, 'ir');
  expect(out.text).toBe('');
  loopsLeft = out.ir!.functions.reduce((n, f) => n + findLoops(f).length, 0);
  return printModule(out.ir!);
}

function hasLoop(_text: string): boolean {
  return loopsLeft > 0;
}

describe('loop unrolling', () => {
  it('unrolls a counted for loop completely and folds the induction variable', () => {
    const text = ir('SEC("xdp") int p(struct xdp_md *ctx) { __u32 s = 0; for (int i = 0; i < 4; i++) s += bpf_get_prandom_u32() << i; return s; }');
    expect(hasLoop(text)).toBe(false);
    expect((text.match(/call helper#7\(/g) ?? []).length).toBe(4);
    expect((text.match(/lsh\.32 %\d+, [123]\b/g) ?? []).length).toBe(3);
  });

  it('unrolls a jhash-style while (length > 12) loop whose length is constant after inlining', () => {
    const text = ir(`
      static __always_inline __u32 mix(const __u8 *k, int length) {
        __u32 a = 1;
        while (length > 12) { a += k[0]; length -= 12; k += 12; }
        return a;
      }
      SEC("xdp") int p(struct xdp_md *ctx) { __u8 key[40] = {}; key[0] = ctx->data; return mix(key, 40); }`);
    expect(hasLoop(text)).toBe(false);
  });

  it('keeps data-dependent early exits inside an unrolled loop', () => {
    const text = ir(`SEC("xdp") int p(struct xdp_md *ctx) {
      __u32 n = ctx->data, i;
      for (i = 0; i < 8 && i < n; i++) if (i == ctx->data_end) break;
      return i; }`);
    expect(hasLoop(text)).toBe(false);
  });

  it('unrolls nested loops', () => {
    const text = ir('SEC("xdp") int p(struct xdp_md *ctx) { int s = 0; for (int i = 0; i < 3; i++) for (int j = 0; j < 2; j++) s += i * j + bpf_get_prandom_u32(); return s; }');
    expect(hasLoop(text)).toBe(false);
    expect((text.match(/call helper#7\(/g) ?? []).length).toBe(6);
  });

  it('unrolls a triangular nest whose inner loop folds a branch on its first iteration', () => {
    // The inner bound is the outer counter: the inner loop unrolls only inside each copy of the
    // outer one, although its first iteration (j == 0) folds the if.
    const text = ir(`SEC("xdp") int p(struct xdp_md *ctx) { __u32 s = 0;
      for (int i = 0; i < 4; i++) for (int j = 0; j < i; j++) { if (j == 0) s += 1; else s += bpf_get_prandom_u32(); }
      return s; }`);
    expect(hasLoop(text)).toBe(false);
    expect((text.match(/call helper#7\(/g) ?? []).length).toBe(3); // (i, j) = (2, 1), (3, 1), (3, 2)
  });

  it('keeps a loop whose bound is not a constant as a loop, though its first iteration folds a branch', () => {
    const text = ir('SEC("xdp") int p(struct xdp_md *ctx) {\n  __u32 n = ctx->data, s = 0;\n  for (__u32 j = 0; j < n; j++)\n    if (j == 0) s += 1; else s += 2;\n  return s;\n}\n');
    expect(hasLoop(text)).toBe(true);
  });

  it('keeps a loop whose bound is not a constant as a loop, with its back edge', () => {
    const text = ir('SEC("xdp") int p(struct xdp_md *ctx) {\n  __u32 n = ctx->data & 31, s = 0;\n  for (__u32 i = 0; i < n; i++)\n    s += i;\n  return s;\n}\n');
    expect(hasLoop(text)).toBe(true);
  });

  it('keeps an inner loop with a data bound while unrolling the constant loop around it', () => {
    const text = ir(`SEC("xdp") int p(struct xdp_md *ctx) { __u32 n = ctx->data & 7, s = 0;
      for (int j = 0; j < 3; j++) for (__u32 i = 0; i < n; i++) s += i * j; return s; }`);
    expect(loopsLeft).toBe(3);
    expect(text).not.toContain('E5011');
  });

  it('folds what follows an unrolled loop: a loop behind a branch its counter decides is dropped', () => {
    // Each batch of copies is folded on its own; the code after the loop learns i == 4 once the
    // loop is gone, so the endless loop is never reached (no E5011).
    const text = ir(`SEC("xdp") int p(struct xdp_md *ctx) { __u32 s = 0; int i;
      for (i = 0; i < 4; i++) s += bpf_get_prandom_u32();
      if (i != 4) for (;;) s++;
      return s; }`);
    expect(hasLoop(text)).toBe(false);
    expect((text.match(/call helper#7\(/g) ?? []).length).toBe(4);
  });

  it('keeps a constant loop of more than 64 iterations around a loop that stays a loop', () => {
    const text = ir(`SEC("xdp") int p(struct xdp_md *ctx) { __u32 n = ctx->data & 7, s = 0;
      for (int j = 0; j < 65; j++) for (__u32 i = 0; i < n; i++) s += i * j; return s; }`);
    expect(loopsLeft).toBe(2);
    expect(text).not.toContain('E5011');
  });

  it('keeps a constant loop too long to unroll as a loop', () => {
    const text = ir('SEC("xdp") int p(struct xdp_md *ctx) { __u32 s = 0; for (__u32 i = 0; i < 20000; i++) s += i; return s + ctx->data; }');
    expect(hasLoop(text)).toBe(true);
  });

  it('keeps a constant loop whose unrolled copies would be large, when its paths are few', () => {
    // 64 iterations of a body with one path back to the header: the kernel walks 64 iterations.
    ir(`SEC("xdp") int p(struct xdp_md *ctx) { __u8 *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end; __u32 h = 0;
      for (int i = 0; i < 64; i++) { if (d + i + 1 > e) break; h = h * 31 + d[i]; } return h; }`);
    expect(loopsLeft).toBe(1);
  });

  it('unrolls a constant loop whose paths multiply when its copies are not much over the threshold', () => {
    // Two ways back to the header on each of 40 iterations, leaving different values: kept as a
    // loop, the kernel could walk 2^40 paths (it stores few states inside a loop to prune them).
    // 40 copies of this small body stay within four times the threshold: unrolled.
    ir(`SEC("xdp") int p(struct xdp_md *ctx) { __u32 x = ctx->ingress_ifindex, v = 0;
      for (int i = 0; i < 40; i++) { if ((x >> (i & 31)) & 1) v = v * 3 + i; else v += 5; } return v; }`);
    expect(loopsLeft).toBe(0);
  });

  it('keeps a constant loop whose paths multiply when its copies would be far larger, and ebcc\'s verifier accepts it', () => {
    // 64 iterations of a body with 4 paths back: its copies are over four times the threshold.
    // The kernel prunes the paths of each iteration (the values they leave are read by no check).
    const loop = (x: string) => `SEC("xdp") int p(struct xdp_md *ctx) { __u32 x = ${x}, v = 0, w = 1;
      for (int i = 0; i < 64; i++) {
        if ((x >> (i & 31)) & 1) v = v * 3 + i; else v += 5;
        if ((x >> ((i + 7) & 31)) & 1) w = w * 7 + v; else w ^= i;
      }
      return v + w; }`;
    ir(loop('ctx->ingress_ifindex'));
    expect(loopsLeft).toBe(1);
    // With ctx->data (a pointer, shifted: the kernel refuses it), ebcc's verifier does not accept
    // the program with the loop kept; unrolled, it refuses it all the same, so the loop stays (the
    // unrolled program would only be larger), and the refusal is the kernel's verdict.
    const out = compileString(HEAD + loop('ctx->data'), { verify: true }, 'obj');
    expect(out.ctx.diags.list.map((d) => d.code)).toEqual(['V1014']);
    const kept = compileString(HEAD + loop('ctx->data'), {}, 'ir');
    expect(kept.ir!.functions.reduce((n, f) => n + findLoops(f).length, 0)).toBe(1);
  });

  it('keeps such a loop when another program of the file is refused for a reason of its own', () => {
    // zfw: one program refused for an instruction seen with two pointer types made every costly
    // loop of the file unrolled (a 9 x 33 prefix-match nest: 31,816 slots, clang 683).
    const src = `SEC("xdp") int p(struct xdp_md *ctx) { __u32 x = ctx->ingress_ifindex, v = 0, w = 1;
        for (int i = 0; i < 64; i++) {
          if ((x >> (i & 31)) & 1) v = v * 3 + i; else v += 5;
          if ((x >> ((i + 7) & 31)) & 1) w = w * 7 + v; else w ^= i;
        }
        return v + w; }
      SEC("xdp") int q(struct xdp_md *ctx) { return *(__u8 *)(long)ctx->data; }`;
    const out = compileString(HEAD + src, { verify: true }, 'obj');
    expect(out.ctx.diags.list.map((d) => d.code)).toEqual(['V1003']);
    const kept = compileString(HEAD + src, {}, 'ir');
    expect(kept.ir!.functions.map((f) => [f.name, findLoops(f).length])).toEqual([['p', 1], ['q', 0]]);
  });

  it('unrolls a large loop marked #pragma unroll or #pragma clang loop unroll(full)', () => {
    // A count may be a macro, as clang expands it (`unroll_count(MAX_WORDS)`).
    for (const pragma of ['#pragma unroll', '#pragma unroll 64', '#pragma clang loop unroll(full)', '#pragma clang loop unroll_count(8)', '#pragma clang loop unroll_count(MAX_WORDS)', '_Pragma("unroll")']) {
      ir(`#define MAX_WORDS 750
        SEC("xdp") int p(struct xdp_md *ctx) { __u8 *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end; __u32 h = 0;
        ${pragma}
        for (int i = 0; i < 64; i++) { if (d + i + 1 > e) break; h = h * 31 + d[i]; } return h; }`);
      expect(loopsLeft, pragma).toBe(0);
    }
  });

  it('keeps a small loop marked #pragma nounroll or #pragma clang loop unroll(disable)', () => {
    for (const pragma of ['#pragma nounroll', '#pragma clang loop unroll(disable)', '#pragma unroll 1', '#pragma unroll(1)', '#pragma clang loop unroll_count(1)']) {
      ir(`SEC("xdp") int p(struct xdp_md *ctx) { __u32 s = 0;
        ${pragma}
        for (int i = 0; i < 4; i++) s += ctx->data << i; return s; }`);
      expect(loopsLeft, pragma).toBe(1);
    }
  });

  it('applies a pragma to its own loop only: the inner loop of a marked one, and an inlined copy', () => {
    // The outer loop is kept; the inner one (unmarked, small) is unrolled inside it. The helper's
    // marked loop stays a loop in each of the two places it is inlined.
    ir(`static __always_inline __u32 f(__u32 x) { __u32 s = 0;
        #pragma nounroll
        for (int i = 0; i < 3; i++) s += x >> i;
        return s; }
      SEC("xdp") int p(struct xdp_md *ctx) { __u32 s = 0;
        #pragma nounroll
        for (int i = 0; i < 3; i++) for (int j = 0; j < 2; j++) s += ctx->data << (i + j);
        return s + f(ctx->data) + f(ctx->data_end); }`);
    expect(loopsLeft).toBe(3);
  });

  function errorsOf(src: string) {
    const out = compileString(HEAD + src, {}, 'ir');
    return out.ctx.diags.list.filter((d) => d.severity === 'error').map((d) => ({ code: d.code, line: out.ctx.sources.lineCol(d.span!.file, d.span!.start).line, message: d.message, note: d.notes[0]?.message }));
  }

  it('reports a loop that nothing leaves (E5011), at its first statement', () => {
    const errors = errorsOf('SEC("xdp") int p(struct xdp_md *ctx) {\n  __u32 s = ctx->data;\n  for (;;)\n    s += 3;\n  return s;\n}\n');
    expect(errors.map((e) => [e.code, e.line])).toEqual([['E5011', 6]]);
    expect(errors[0]!.message).toContain('never ends');
  });

  it('reports a constant loop whose iterations add up to more than the verifier walks (E5011)', () => {
    const errors = errorsOf('SEC("xdp") int p(struct xdp_md *ctx) {\n  __u32 s = 0;\n  for (__u32 i = 0; i < 3000000; i++)\n    s += i;\n  return s + ctx->data;\n}\n');
    expect(errors.map((e) => [e.code, e.line])).toEqual([['E5011', 5]]);
    expect(errors[0]!.message).toContain('1,000,000 instructions');
    expect(errors[0]!.note).toContain('bpf_loop(n, body, &ctx, 0)');
  });
});

describe('findLoops', () => {
  it('finds the loop in lowered IR before unrolling (so the checks above can fail)', async () => {
    const { lower } = await import('../../src/lower/lower.js');
    const out = compileString(HEAD + 'SEC("xdp") int p(struct xdp_md *ctx) { __u32 s = 0; for (int i = 0; i < 4; i++) s += i; return s; }', {}, 'sema');
    const module = lower(out.program!, out.ctx);
    expect(findLoops(module.functions[0]!).length).toBe(1);
  });
});

describe('cloneIr', () => {
  it('copies instructions and terminators deeply, sharing only their spans', () => {
    const out = compileString(HEAD + `
      struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, __u64); } m SEC(".maps");
      SEC("xdp") int f(struct xdp_md *ctx) {
        __u32 k = 0;
        __u64 *v = bpf_map_lookup_elem(&m, &k);
        if (v && ctx->data + 14 <= ctx->data_end) *v += (__u64)ctx->ingress_ifindex << 3;
        return XDP_PASS;
      }`, { optLevel: 0 }, 'ir');
    expect(out.text).toBe('');
    const blocks = out.ir!.functions[0]!.blocks;
    const spans = new Set<unknown>();
    const objects = new Set<unknown>();
    const walk = (x: unknown, key = ''): void => {
      if (typeof x !== 'object' || x === null) return;
      if (key === 'span' || key === 'sizeSpan' || key === 'valueSpan') {
        spans.add(x);
        return;
      }
      objects.add(x);
      for (const [k, v] of Object.entries(x)) walk(v, Array.isArray(x) ? key : k);
    };
    for (const b of blocks) walk([b.insts, b.term]);
    const copies = blocks.map((b) => [cloneIr(b.insts), cloneIr(b.term)]);
    expect(copies).toEqual(blocks.map((b) => [b.insts, b.term]));
    let shared = 0;
    let sharedSpans = 0;
    const check = (x: unknown, key = ''): void => {
      if (typeof x !== 'object' || x === null) return;
      if (key === 'span' || key === 'sizeSpan' || key === 'valueSpan') {
        if (spans.has(x)) sharedSpans++;
        return;
      }
      if (objects.has(x)) shared++;
      for (const [k, v] of Object.entries(x)) check(v, Array.isArray(x) ? key : k);
    };
    check(copies);
    expect(shared).toBe(0);
    expect(sharedSpans).toBeGreaterThan(0);
    expect(objects.size).toBeGreaterThan(20);
  });
});

describe('unrollLoops', () => {
  it('changes no instruction in place, so a failed try goes back to the lists it saved', async () => {
    // The inner loop (a data bound) fails its try and is restored, the outer one is tried from the
    // restored blocks and unrolls: with every instruction frozen beforehand, a write into one
    // would throw here. (Terminators are not frozen: simplifyCfg, between tries, retargets them.)
    const { lower } = await import('../../src/lower/lower.js');
    const { simplifyCfg } = await import('../../src/opt/simplify-cfg.js');
    const { unrollLoops } = await import('../../src/opt/unroll.js');
    const { printFunction } = await import('../../src/ir/print.js');
    const src = HEAD + `SEC("xdp") int p(struct xdp_md *ctx) { __u32 n = ctx->data & 7, s = 0;
      for (int j = 0; j < 3; j++) for (__u32 i = 0; i < n; i++) s += i * j; return s; }`;
    const unrolled = (freeze: boolean) => {
      const out = compileString(src, {}, 'sema');
      const fn = lower(out.program!, out.ctx).functions[0]!;
      simplifyCfg(fn);
      const deepFreeze = (x: unknown, key = ''): void => {
        if (typeof x !== 'object' || x === null || key === 'span' || key === 'ctype') return;
        for (const [k, v] of Object.entries(x)) deepFreeze(v, Array.isArray(x) ? key : k);
        Object.freeze(x);
      };
      if (freeze) for (const b of fn.blocks) deepFreeze(b.insts);
      unrollLoops(fn, out.ctx);
      expect(out.ctx.diags.errorCount).toBe(0);
      return { loops: findLoops(fn).length, text: printFunction(fn) };
    };
    const frozen = unrolled(true);
    expect(frozen.loops).toBe(3);
    expect(frozen).toEqual(unrolled(false));
  });
});
