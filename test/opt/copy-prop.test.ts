import { describe, expect, it } from 'vitest';
import type { Inst, IrFunction, VReg } from '../../src/ir/ir.js';
import { printFunction, printModule } from '../../src/ir/print.js';
import { copyProp } from '../../src/opt/copy-prop.js';
import { NO_SPAN } from '../../src/diag/source.js';
import { compileString } from '../util/compile.js';

function ir(src: string): string {
  const out = compileString(`#include <linux/bpf.h>\n${src}`, {}, 'ir');
  expect(out.text).toBe('');
  return printModule(out.ir!);
}

describe('copy propagation', () => {
  it('removes the copies that lowering makes for variables assigned once', () => {
    const text = ir(`__attribute__((section("xdp"))) int p(struct xdp_md *ctx) {
      void *data = (void *)(long)ctx->data; void *end = (void *)(long)ctx->data_end;
      unsigned char *b = data;
      if ((void *)(b + 1) > end) return 0;
      return b[0]; }`);
    // No register-to-register moves are left: each value is computed where it is needed.
    expect(text).not.toMatch(/^ {2}%\d+ = %\d+$/m);
    // And the loads and the bounds check still use the propagated registers.
    expect(text).toBe(
      'func p(%0) section "xdp"\nb0:\n  %2 = load.4 [%0+0]\n  %4 = load.4 [%0+4]\n  %6 = add.64 %2, 1\n  br gt.64 %6, %4 -> b1, b2\nb1:\n  ret 0\nb2:\n  %7 = load.1 [%2+0]\n  ret %7\n',
    );
  });

  it('writes a temporary straight into the variable it is copied to', () => {
    const text = ir(`__attribute__((section("xdp"))) int p(struct xdp_md *ctx) {
      __u32 s = ctx->data; s = s * 3 + ctx->data_end; s ^= 7; return s; }`);
    expect(text).not.toMatch(/^ {2}%\d+ = %\d+$/m);
    // Each of s's values is computed where it is needed, not into a temporary copied to s (each
    // definition of s has its own register after split-defs).
    expect(text).toBe('func p(%0) section "xdp"\nb0:\n  %2 = load.4 [%0+0]\n  %3 = mul.32 %2, 3\n  %4 = load.4 [%0+4]\n  %5 = add.32 %3, %4\n  %6 = xor.32 %5, 7\n  ret %6\n');
  });
});

describe('copy propagation on hand-written IR', () => {
  it('rewrites the instructions that read a copy, and keeps the others as they are', () => {
    const span = NO_SPAN;
    const r = (n: number) => n as VReg;
    const reg = (n: number) => ({ kind: 'reg' as const, reg: r(n) });
    const load: Inst = { op: 'load', size: 8, dst: r(1), addr: { kind: 'reg', reg: r(0), off: 0 }, span };
    const copy: Inst = { op: 'mov', bits: 64, dst: r(2), src: reg(1), span };
    const readsCopy: Inst = { op: 'alu', alu: 'add', bits: 64, dst: r(3), a: reg(2), b: { kind: 'imm', value: 1n }, span };
    const readsNone: Inst = { op: 'alu', alu: 'xor', bits: 64, dst: r(4), a: reg(0), b: reg(3), span };
    const store: Inst = { op: 'store', size: 8, addr: { kind: 'reg', reg: r(0), off: 8 }, src: reg(4), span };
    const fn: IrFunction = { name: 'f', section: '.text', global: false, params: [r(0)], vregCount: 5, vregNames: new Map(), slots: [], blocks: [{ id: 0, insts: [load, copy, readsCopy, readsNone, store], term: { op: 'ret', value: reg(2), span } }], span, source: undefined as never };
    expect(copyProp(fn)).toBe(true);
    expect(printFunction(fn)).toBe('func f(%0) section ".text"\nb0:\n  %1 = load.8 [%0+0]\n  %2 = %1\n  %3 = add.64 %1, 1\n  %4 = xor.64 %0, %3\n  store.8 [%0+8], %4\n  ret %1\n');
    const [l, c, rc, rn, st] = fn.blocks[0]!.insts;
    expect([l, c, rn, st]).toEqual([load, copy, readsNone, store]);
    expect(l).toBe(load);
    expect(rn).toBe(readsNone);
    expect(st).toBe(store);
    expect(rc).not.toBe(readsCopy);
    expect(readsCopy).toMatchObject({ a: reg(2) }); // the original is not written into
  });
});
