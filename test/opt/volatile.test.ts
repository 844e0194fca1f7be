// Volatile accesses through every pass: each one stays, once, in its block and in its order
// among the others; the same IR without `volatile` shows what each pass would do otherwise.
import { describe, expect, it } from 'vitest';
import type { Inst, IrFunction, VReg } from '../../src/ir/ir.js';
import { printFunction, printModule } from '../../src/ir/print.js';
import { validateFunction } from '../../src/ir/validate.js';
import { deadCodeElim } from '../../src/opt/dce.js';
import { deadStoreElim } from '../../src/opt/dse.js';
import { globalValueNumbering } from '../../src/opt/gvn.js';
import { sinkToUses } from '../../src/opt/sink.js';
import { scalarReplace } from '../../src/opt/sroa.js';
import { NO_SPAN } from '../../src/diag/source.js';
import { compileString } from '../util/compile.js';

const span = NO_SPAN;
const r = (n: number) => n as VReg;
const reg = (n: number) => ({ kind: 'reg' as const, reg: r(n) });
const imm = (v: number) => ({ kind: 'imm' as const, value: BigInt(v) });

function fn(blocks: IrFunction['blocks'], vregCount: number, slots: IrFunction['slots'] = []): IrFunction {
  // A .text function: its parameter is a pointer to anything (no context rules).
  return { name: 'f', section: '.text', global: false, params: [r(0)], vregCount, vregNames: new Map(), slots, blocks, span, source: undefined as never };
}

const load = (dst: number, base: number, vol: boolean): Inst => ({ op: 'load', size: 4, dst: r(dst), addr: { kind: 'reg', reg: r(base), off: 8 }, volatile: vol || undefined, span });
const slotLoad = (dst: number, vol: boolean): Inst => ({ op: 'load', size: 4, dst: r(dst), addr: { kind: 'slot', slot: 0, off: 0 }, volatile: vol || undefined, span });
const slotStore = (v: number, vol: boolean): Inst => ({ op: 'store', size: 4, addr: { kind: 'slot', slot: 0, off: 0 }, src: imm(v), volatile: vol || undefined, span });
const slot = { id: 0, name: 'x', sizeBytes: 4, alignBytes: 8, span };

function run(pass: (f: IrFunction) => unknown, make: (vol: boolean) => IrFunction): { plain: string; vol: string } {
  const out = (vol: boolean) => {
    const f = make(vol);
    pass(f);
    expect(validateFunction(f)).toEqual([]);
    return printFunction(f);
  };
  return { plain: out(false), vol: out(true) };
}

const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;

describe('volatile loads and stores', () => {
  it('are printed as volatile', () => {
    const f = fn([{ id: 0, insts: [load(1, 0, true), slotStore(1, true)], term: { op: 'ret', value: reg(1), span } }], 2, [slot]);
    expect(printFunction(f)).toContain('%1 = load.4 volatile [%0+8]\n  store.4 volatile [#0+0], 1\n');
  });

  it('gvn: two reads of the same place are not merged', () => {
    const { plain, vol } = run(globalValueNumbering, (v) =>
      fn([{ id: 0, insts: [load(1, 0, v), load(2, 0, v), { op: 'alu', alu: 'add', bits: 64, dst: r(3), a: reg(1), b: reg(2), span }], term: { op: 'ret', value: reg(3), span } }], 4),
    );
    expect(plain).toContain('%2 = %1');
    expect(count(vol, /load\.4 volatile \[%0\+8\]/g)).toBe(2);
    expect(vol).not.toContain('%2 = %1');
  });

  it('gvn: a plain read after a volatile one does not reuse it, across blocks either', () => {
    const { vol } = run(globalValueNumbering, (v) =>
      fn(
        [
          { id: 0, insts: [load(1, 0, v)], term: { op: 'jmp', target: 1, span } },
          { id: 1, insts: [load(2, 0, false), { op: 'alu', alu: 'add', bits: 64, dst: r(3), a: reg(1), b: reg(2), span }], term: { op: 'ret', value: reg(3), span } },
        ],
        4,
      ),
    );
    expect(vol).toContain('%2 = load.4 [%0+8]');
  });

  it('dce: a volatile read whose value is unused stays', () => {
    const { plain, vol } = run(deadCodeElim, (v) => fn([{ id: 0, insts: [load(1, 0, v), load(2, 0, v)], term: { op: 'ret', value: imm(0), span } }], 3));
    expect(plain).not.toContain('load');
    expect(count(vol, /load\.4 volatile/g)).toBe(2);
  });

  it('dse: a volatile store overwritten by another, or to a slot never read, stays', () => {
    const { plain, vol } = run(deadStoreElim, (v) => fn([{ id: 0, insts: [slotStore(1, v), slotStore(2, v)], term: { op: 'ret', value: imm(0), span } }], 1, [slot]));
    expect(plain).not.toContain('store');
    expect(vol).toContain('store.4 volatile [#0+0], 1\n  store.4 volatile [#0+0], 2\n');
    // A plain store overwritten by a volatile one may go; the volatile one stays.
    const mixed = fn([{ id: 0, insts: [slotStore(1, false), slotStore(2, true), slotLoad(1, false)], term: { op: 'ret', value: reg(1), span } }], 2, [slot]);
    deadStoreElim(mixed);
    expect(printFunction(mixed)).toContain('b0:\n  store.4 volatile [#0+0], 2\n  %1 = load.4 [#0+0]\n');
  });

  it('sroa: a slot with a volatile access stays in memory', () => {
    const { plain, vol } = run(scalarReplace, (v) => fn([{ id: 0, insts: [slotStore(7, v), slotLoad(1, v)], term: { op: 'ret', value: reg(1), span } }], 2, [slot]));
    expect(plain).not.toContain('[#0+0]');
    expect(vol).toContain('store.4 volatile [#0+0], 7\n  %1 = load.4 volatile [#0+0]\n');
  });

  it('sink: a volatile read is not moved into the branch that uses it', () => {
    const { plain, vol } = run(sinkToUses, (v) =>
      fn(
        [
          // %1 = a pointer read from the parameter's memory; %2 = what it points at (the parameter
          // itself is not a pointer sink moves reads through).
          { id: 0, insts: [{ op: 'load', size: 8, dst: r(1), addr: { kind: 'reg', reg: r(0), off: 0 }, span }, load(2, 1, v)], term: { op: 'br', cmp: 'eq', bits: 64, a: r(0), b: imm(0), then: 1, else: 2, span } },
          { id: 1, insts: [], term: { op: 'ret', value: reg(2), span } },
          { id: 2, insts: [], term: { op: 'ret', value: imm(0), span } },
        ],
        3,
      ),
    );
    expect(plain).toContain('b1:\n  %2 = load.4 [%1+8]');
    expect(vol).toContain('b0:\n  %1 = load.8 [%0+0]\n  %2 = load.4 volatile [%1+8]\n  br');
  });
});

const HEAD = '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n#define READ_ONCE(x) (*(volatile typeof(x) *)&(x))\n#define WRITE_ONCE(x, v) (*(volatile typeof(x) *)&(x) = (v))\n';

function ir(src: string): string {
  const out = compileString(HEAD + src, { optLevel: 2 }, 'ir');
  expect(out.text).toBe('');
  return printModule(out.ir!);
}

describe('volatile from C through the whole pipeline (-O2)', () => {
  it('READ_ONCE twice and WRITE_ONCE twice of a map value are four accesses, in order', () => {
    const text = ir(`struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, __u64); } m SEC(".maps");
      SEC("xdp") int p(struct xdp_md *ctx) { __u32 k = 0; __u64 *v = bpf_map_lookup_elem(&m, &k); if (!v) return 0;
        __u64 a = READ_ONCE(*v); __u64 b = READ_ONCE(*v); WRITE_ONCE(*v, 1); WRITE_ONCE(*v, a + b); return 2; }`);
    const accesses = text.split('\n').filter((l) => l.includes('volatile'));
    expect(accesses.map((l) => l.replace(/%\d+/g, '%').trim())).toEqual(['% = load.8 volatile [%+0]', '% = load.8 volatile [%+0]', 'store.8 volatile [%+0], 1', 'store.8 volatile [%+0], %']);
  });

  it('a volatile local lives on the stack: its value is read back, not folded', () => {
    const text = ir('SEC("xdp") int p(struct xdp_md *ctx) { volatile int zero = 0; int n = zero; return n + 1; }');
    expect(text).toMatch(/store\.4 volatile \[#\d+\+0\], 0/);
    expect(text).toMatch(/load\.4 volatile \[#\d+\+0\]/);
    expect(text).not.toMatch(/ret 1$/m);
  });

  it('a volatile array initialised and never read keeps its initialising stores, as clang\'s volatile memset', () => {
    // The selftest test_pkt_access.c keeps a 448-byte frame in a noinline function this way.
    const text = ir('__attribute__((noinline)) int f(struct xdp_md *ctx) { volatile char buf[448] = {}; return ctx->data; }\nSEC("xdp") int p(struct xdp_md *ctx) { return f(ctx); }');
    expect(count(text, /store\.8 volatile \[#\d+\+\d+\], 0/g)).toBe(56);
    const plain = ir('__attribute__((noinline)) int f(struct xdp_md *ctx) { char buf[448] = {}; return ctx->data; }\nSEC("xdp") int p(struct xdp_md *ctx) { return f(ctx); }');
    expect(count(plain, /store\./g)).toBe(0);
  });

  it('a const volatile configuration read in an unrolled loop is read once per iteration', () => {
    const text = ir('const volatile __u32 limit = 3;\nSEC("xdp") int p(struct xdp_md *ctx) { int s = 0; for (int i = 0; i < 4; i++) s += limit; return s; }');
    expect(count(text, /load\.4 volatile/g)).toBe(4);
  });

  it('a volatile bit-field is read and written back as volatile accesses', () => {
    const text = ir(`struct f { __u32 a : 3, b : 5; };
      SEC("xdp") int p(struct xdp_md *ctx) { __u32 k = 0; volatile struct f *v = (void *)(long)ctx->data; if ((void *)(v + 1) > (void *)(long)ctx->data_end) return 0; v->b = 4; return v->b; }`);
    expect(count(text, /load\.4 volatile/g)).toBe(2);
    expect(count(text, /store\.4 volatile/g)).toBe(1);
  });
});
