// Register allocation: regressions found by the kernel expression tests (test/kernel/expr).
import { describe, expect, it } from 'vitest';
import type { Inst, IrFunction } from '../../src/ir/ir.js';
import { legalize } from '../../src/codegen/legalize.js';
import { cpuFeatures } from '../../src/bpf/opcodes.js';
import { allocateRegisters, spillVRegs } from '../../src/codegen/regalloc.js';
import { instDef } from '../../src/ir/ir.js';
import { printFunction } from '../../src/ir/print.js';
import { disasm } from '../../src/bpf/disasm.js';
import { join } from 'node:path';
import { compileFile, compileString, REPO_DIR } from '../util/compile.js';

function irOf(src: string): IrFunction {
  const out = compileString(`#include <linux/bpf.h>\n${src}`, {}, 'ir');
  expect(out.text).toBe('');
  const fn = out.ir!.functions[0]!;
  legalize(fn, cpuFeatures(3));
  return fn;
}

describe('allocateRegisters', () => {
  it('gives a truncating mov.32 a register other than its source while the source stays live', () => {
    // (__u32)x is `mov.32`; x is used again afterwards, so `w1 = w1` in place would lose its high half.
    const fn = irOf(`__attribute__((section("xdp"))) int p(struct xdp_md *ctx) {
      __u64 *d = (void *)(long)ctx->data;
      if ((void *)(d + 1) > (void *)(long)ctx->data_end) return 0;
      __u64 x = d[0];
      if ((__u32)x == 5) return 1;
      return x > 0xffffffffu; }`);
    const alloc = allocateRegisters(fn);
    expect(alloc.ok).toBe(true);
    const movs = fn.blocks.flatMap((b) => b.insts).filter((i): i is Inst & { op: 'mov' } =>
      i.op === 'mov' && i.bits === 32 && i.src.kind === 'reg');
    expect(movs.length).toBe(1);
    const mov = movs[0]!;
    if (mov.src.kind !== 'reg') throw new Error('unreachable');
    expect(alloc.regOf.get(mov.dst)).not.toBe(alloc.regOf.get(mov.src.reg));
  });

  it('converges when more values are live than there are registers', () => {
    // 14 values live at once: spilling must not keep spilling its own reload temporaries
    // (which doubled the function every round and never finished).
    const names = Array.from({ length: 14 }, (_, k) => `v${k}`);
    const fn = irOf(`__attribute__((section("xdp"))) int p(struct xdp_md *ctx) {
      __u64 *d = (void *)(long)ctx->data;
      if ((void *)(d + 16) > (void *)(long)ctx->data_end) return 0;
      ${names.map((n, k) => `__u64 ${n} = d[${k}];`).join('\n')}
      ${names.map((n, k) => `if (${n} + ${k} == 77) return ${k + 1};`).join('\n')}
      ${names.map((n, k) => `if (${n} * ${k + 2} == 99) return ${k + 20};`).join('\n')}
      return 0; }`);
    const alloc = allocateRegisters(fn);
    expect(alloc.ok).toBe(true);
    expect(alloc.rounds).toBeLessThanOrEqual(6);
    expect(fn.slots.length).toBeGreaterThanOrEqual(4);
    expect(fn.slots.length).toBeLessThanOrEqual(28); // a value and its copy may both be spilled
  });

  it('keeps the address and new value of cmpxchg out of R0, where the expected value goes', () => {
    // The map value pointer comes back in R0 and its last use is the cmpxchg, so nothing else kept
    // it out of R0: `r0 = expected` then clobbered the address (the verifier saw a scalar base).
    const fn = irOf(`
      struct { int (*type)[BPF_MAP_TYPE_ARRAY]; int (*max_entries)[1]; __u32 *key; __u64 *value; } m __attribute__((section(".maps")));
      static void *(*lookup)(void *map, const void *key) = (void *) 1;
      __attribute__((section("xdp"))) int p(struct xdp_md *ctx) {
        __u32 k = 0;
        __u64 *v = lookup(&m, &k);
        if (!v) return 0;
        return __sync_val_compare_and_swap(v, 7, 8); }`);
    const alloc = allocateRegisters(fn);
    expect(alloc.ok).toBe(true);
    const cas = fn.blocks.flatMap((b) => b.insts).find((i): i is Inst & { op: 'atomic' } => i.op === 'atomic');
    expect(cas?.aop).toBe('cmpxchg');
    if (cas?.addr.kind !== 'reg') throw new Error('expected a register address');
    expect(alloc.regOf.get(cas.addr.reg)).not.toBe(0);
    expect(alloc.regOf.get(cas.src)).not.toBe(0);
  });
});

describe('two-address forms', () => {
  it('compute in the register of an operand that dies there, and keep an asm "+r" operand in place', () => {
    // A checksum fold: `(sum & 0xffff) + (sum >> 16)` needs one copy of sum (for the mask), the
    // shift works on sum's own register, and the add goes into the shift's (it commutes); the
    // byte swap in asm works on the register that holds its "+r" operand.
    const out = compileString(`#include <linux/bpf.h>
      __attribute__((section("xdp"))) int p(struct xdp_md *ctx) {
        __u32 *d = (void *)(long)ctx->data;
        if ((void *)(d + 1) > (void *)(long)ctx->data_end) return 0;
        __u32 sum = d[0];
        sum = (sum & 0xffff) + (sum >> 16);
        sum = (sum & 0xffff) + (sum >> 16);
        __u64 v = sum;
        asm("%[v] = be16 %[v]" : [v]"+r"(v));
        return v; }`, {}, 'codegen');
    expect(out.text).toBe('');
    const code = disasm(out.object!.functions.find((f) => f.name === 'p')!.insns);
    // After the bounds check and its `return 0`: one copy per fold.
    const body = code.slice(code.indexOf('exit') + 1);
    expect(body.filter((l) => /^r\d = r\d$/.test(l))).toHaveLength(2);
    const swap = body.findIndex((l) => /= be16 /.test(l));
    expect(body[swap - 1]).not.toMatch(/^r\d = r\d$/);
    expect(body[swap + 1]).not.toMatch(/^r\d = r\d$/);
  });
});

describe('two-address forms with a wide constant', () => {
  it('keep `C | x` with a constant wider than the imm field in a register of its own', () => {
    // x dies at the or, so its register could take the result; select.ts would then swap the
    // operands to `x |= C`, and C does not fit the 32-bit imm field: the constant is loaded.
    const out = compileString(`#include <linux/bpf.h>
      __attribute__((section("xdp"))) int p(struct xdp_md *ctx) {
        __u64 *d = (void *)(long)ctx->data;
        if ((void *)(d + 2) > (void *)(long)ctx->data_end) return 0;
        d[1] = 0xfd001f0000000000ULL | d[0];
        return 2; }`, {}, 'codegen');
    expect(out.text).toBe('');
    const code = disasm(out.object!.functions.find((f) => f.name === 'p')!.insns);
    expect(code.some((l) => /^r\d = 0xfd001f0000000000$/.test(l))).toBe(true);
    expect(code.filter((l) => /\|= 0$/.test(l))).toEqual([]);
  });
});

describe('spill code', () => {
  it('stores a spilled variable only where a reload reads it', () => {
    // Nine values live across a row of byte copies through one variable t: t is spilled, and a
    // store after each copy that the next copy overwrites, before any reload, is dead.
    const out = compileString(`#include <linux/bpf.h>
      __attribute__((section("xdp"))) int p(struct xdp_md *ctx) {
        __u8 *d = (void *)(long)ctx->data;
        if ((void *)(d + 64) > (void *)(long)ctx->data_end) return 0;
        __u64 a = d[20], b = d[21], c = d[22], e = d[23], f = d[24], g = d[25], h = d[26], i = d[27], j = d[28];
        __u8 t;
        t = d[0]; d[6] = t; t = d[1]; d[7] = t; t = d[2]; d[8] = t; t = d[3]; d[9] = t;
        t = d[4] + t; d[10] = t;
        return a * b + c * e + f * g + h * i + j + t; }`, {}, 'codegen');
    expect(out.text).toBe('');
    const code = disasm(out.object!.functions.find((f) => f.name === 'p')!.insns);
    const body = code.slice(code.indexOf('exit') + 1); // straight-line code: no jumps in it
    expect(body.some((l) => /^\*\(u64 \*\)\(r10 -\d+\) = r\d$/.test(l))).toBe(true);
    body.forEach((l, k) => {
      const store = /^\*\(u64 \*\)\(r10 (-\d+)\) = r\d$/.exec(l);
      if (!store) return;
      const next = body.slice(k + 1).find((m) => m.includes(`(r10 ${store[1]})`));
      expect(next, `${l} (at ${k}) is overwritten before it is read`).toMatch(/^r\d = \*\(u64 \*\)/);
    });
  });
});

describe('rematerialisation', () => {
  it('loads a map address again before each call that needs it, instead of spilling it, when R6-R9 are taken', () => {
    // samples/xdp_count.c: eth, data_end, data and the EtherType live across bump()'s calls in
    // R6-R9; the map address both calls take is loaded with ld_imm64 before each, so no stack
    // slot holds it and the frame is the key and `one` (16 bytes, as clang's).
    const out = compileFile(join(REPO_DIR, 'samples/xdp_count.c'), {}, 'codegen');
    expect(out.text).toBe('');
    const fn = out.object!.functions.find((f) => f.name === 'xdp_count')!;
    const code = disasm(fn.insns);
    // No spill: nothing is read back from the stack (the key is stored as its whole word, for
    // the kernel's sake, and only the helper reads it).
    expect(code.filter((l) => /^r\d = \*\(u64 \*\)\(r10 -\d+\)$/.test(l))).toEqual([]);
    expect(code.filter((l) => /^\*\(u64 \*\)\(r10 -\d+\) = r\d$/.test(l))).toEqual(['*(u64 *)(r10 -16) = r9']);
    expect(fn.relocs.filter((r) => r.symbol === 'ethertype_count')).toHaveLength(2);
  });
});

describe('copies after colouring', () => {
  it('sets both arms of a select in the callee-saved register of the variable a later call outlives', () => {
    // `verdict` lives across the second lookup, so it is in R6-R9; the select's arms were coloured
    // first, into R0, and left `r6 = r0` at the join, on every path the kernel walks through it.
    const out = compileString(`#include <linux/bpf.h>
      #include <bpf/bpf_helpers.h>
      struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 8); __type(key, __u32); __type(value, __u64); } counts SEC(".maps");
      SEC("xdp") int p(struct xdp_md *ctx) {
        __u32 k = 0;
        __u8 *v = bpf_map_lookup_elem(&counts, &k);
        if (!v) return XDP_ABORTED;
        int verdict = *v == 1 ? XDP_DROP : XDP_PASS;
        __u32 key = verdict;
        __u64 *n = bpf_map_lookup_elem(&counts, &key);
        if (n) *n += 1;
        return verdict; }`, {}, 'codegen');
    expect(out.text).toBe('');
    const code = disasm(out.object!.functions.find((f) => f.name === 'p')!.insns);
    const arms = code.filter((l) => /^r\d = [12]$/.test(l));
    expect(arms).toHaveLength(2);
    expect(arms[0]!.slice(0, 2)).toBe(arms[1]!.slice(0, 2));
    expect(['r6', 'r7', 'r8', 'r9']).toContain(arms[0]!.slice(0, 2));
    // the key is stored from that register (as its whole word: Frame.wordStore)
    expect(code).toContain(`*(u64 *)(r10 -8) = ${arms[0]!.slice(0, 2)}`);
    expect(code.filter((l) => /^r[6-9] = r[0-5]$/.test(l))).toEqual([]);
  });
});

describe('spillVRegs', () => {
  it('spills a list of registers in one walk exactly as spilling them one after another', () => {
    // Parameters (stored on entry), map addresses and constants (defined again before each use)
    // and loaded values (stores after definitions, loads before uses), in an order that is not
    // the registers' numbering: slots, temporaries and instructions must come out the same.
    const out = compileString(`#include <linux/bpf.h>
      #include <bpf/bpf_helpers.h>
      struct { int (*type)[BPF_MAP_TYPE_ARRAY]; int (*max_entries)[4]; __u32 *key; __u64 *value; } m __attribute__((section(".maps")));
      static __attribute__((noinline)) int f(__u64 a, __u64 b, __u64 c) {
        __u32 k = 0;
        __u64 *v = bpf_map_lookup_elem(&m, &k);
        if (!v) return a == b;
        __u64 x = *v + a, y = x * b;
        k = 1;
        __u64 *w = bpf_map_lookup_elem(&m, &k);
        if (!w) return x > c;
        *w = x + y + c;
        return a + b + x < y;
      }
      __attribute__((section("xdp"))) int p(struct xdp_md *ctx) { return f(ctx->data, ctx->data_end, 7); }`, {}, 'ir');
    expect(out.text).toBe('');
    const fn = out.ir!.functions.find((f) => f.name === 'f')!;
    legalize(fn, cpuFeatures(3));
    const defs = fn.blocks.flatMap((b) => b.insts.map(instDef)).filter((d) => d !== undefined);
    const picked = [...new Set([...fn.params, ...defs.filter((_, k) => k % 3 === 0)])].reverse();
    expect(picked.length).toBeGreaterThan(6);
    expect(fn.blocks.some((b) => b.insts.some((i) => i.op === 'mapaddr' && picked.includes(i.dst)))).toBe(true);
    const one = structuredClone(fn);
    const temps1 = new Set<number>();
    for (const v of picked) spillVRegs(one, [v], temps1);
    const all = structuredClone(fn);
    const temps2 = new Set<number>();
    spillVRegs(all, picked, temps2);
    expect(printFunction(all)).toBe(printFunction(one));
    expect(all.vregCount).toBe(one.vregCount);
    expect([...temps2].sort((x, y) => x - y)).toEqual([...temps1].sort((x, y) => x - y));
  });
});
