// If-conversion (opt/if-convert.ts): a select of a constant and a computed value sets the
// constant before the branch and lays the computed arm out as the branch's fall-through (so the
// kernel's verifier explores the computed value first); never where the other path could see
// the constant.
import { describe, expect, it } from 'vitest';
import { disasm } from '../../src/bpf/disasm.js';
import { NO_SPAN } from '../../src/diag/source.js';
import type { Block, Inst, IrFunction, Operand, VReg } from '../../src/ir/ir.js';
import { printFunction } from '../../src/ir/print.js';
import { ifConvert } from '../../src/opt/if-convert.js';
import { simplifyCfg } from '../../src/opt/simplify-cfg.js';
import { compileString } from '../util/compile.js';

const span = NO_SPAN;
const r = (n: number) => n as VReg;
const reg = (n: number): Operand => ({ kind: 'reg', reg: r(n) });
const imm = (v: number): Operand => ({ kind: 'imm', value: BigInt(v) });
const mov = (dst: number, src: Operand): Inst => ({ op: 'mov', bits: 64, dst: r(dst), src, span });
const sub = (dst: number, a: Operand, b: Operand): Inst => ({ op: 'alu', alu: 'sub', bits: 64, dst: r(dst), a, b, span });

/** b0: br gt %0, %1 -> b1, b2; b1 and b2 jump to b3, which returns %2 (or `ret` if given). */
function diamond(thenArm: Inst[], elseArm: Inst[], ret: Operand = reg(2)): IrFunction {
  const blocks: Block[] = [
    { id: 0, insts: [], term: { op: 'br', cmp: 'gt', bits: 64, a: r(0), b: reg(1), then: 1, else: 2, span } },
    { id: 1, insts: thenArm, term: { op: 'jmp', target: 3, span } },
    { id: 2, insts: elseArm, term: { op: 'jmp', target: 3, span } },
    { id: 3, insts: [], term: { op: 'ret', value: ret, span } },
  ];
  return { name: 'f', section: 'xdp', global: true, params: [r(0), r(1)], vregCount: 4, vregNames: new Map(), slots: [], blocks, span, source: undefined as never };
}

function converted(f: IrFunction): string {
  const changed = ifConvert(f);
  simplifyCfg(f);
  return (changed ? '' : 'unchanged\n') + printFunction(f);
}

describe('if-convert', () => {
  it('speculates the constant arm of a select, not the computed one', () => {
    expect(converted(diamond([sub(3, reg(1), imm(7)), mov(2, reg(3))], [mov(2, imm(0))]))).toBe(
      'func f(%0, %1) section "xdp"\nb0:\n  %2 = 0\n  br gt.64 %0, %1 -> b1, b2\nb1:\n  %3 = sub.64 %1, 7\n  %2 = %3\n  jmp b2\nb2:\n  ret %2\n');
    expect(converted(diamond([mov(2, imm(5))], [sub(2, reg(1), imm(7))]))).toBe(
      'func f(%0, %1) section "xdp"\nb0:\n  %2 = 5\n  br gt.64 %0, %1 -> b2, b1\nb1:\n  %2 = sub.64 %1, 7\n  jmp b2\nb2:\n  ret %2\n');
  });

  it('leaves a boolean\'s 1/0 diamond alone: neither constant contains the other', () => {
    expect(converted(diamond([mov(2, imm(1))], [mov(2, imm(0))]))).toMatch(/^unchanged\n/);
  });

  it('leaves a branch alone whose other arm loads, stores or calls', () => {
    const load: Inst = { op: 'load', size: 8, dst: r(2), addr: { kind: 'reg', reg: r(1), off: 0 }, span };
    expect(converted(diamond([mov(2, imm(0))], [load]))).toMatch(/^unchanged\n/);
  });

  it('does not move a constant into a register the branch compares', () => {
    expect(converted(diamond([mov(0, imm(1))], [sub(0, reg(1), imm(1))], reg(0)))).toMatch(/^unchanged\n/);
  });

  it('does not move a constant into a register the other arm reads before setting', () => {
    expect(converted(diamond([mov(2, imm(1))], [sub(2, reg(2), imm(1))]))).toMatch(/^unchanged\n/);
  });

  it('does not move a constant into a register read after the join that the other arm leaves alone', () => {
    expect(converted(diamond([mov(2, imm(1)), mov(3, imm(4))], [sub(2, reg(1), imm(1))], reg(3)))).toMatch(/^unchanged\n/);
    // The same arms, with %3 dead after the join: the constant may be set on both paths.
    expect(converted(diamond([mov(2, imm(1)), mov(3, imm(4))], [sub(2, reg(1), imm(1))]))).not.toMatch(/^unchanged\n/);
  });
});

const HEAD = '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n';

function asm(src: string): string[] {
  const out = compileString(HEAD + src, { mcpu: 3 }, 'codegen');
  expect(out.text).toBe('');
  return disasm(out.object!.functions.find((f) => f.name === 'p')!.insns);
}

describe('selects in the emitted code', () => {
  it('the computed arm of `c ? 0 : x - 7` falls through; the constant is set before the branch', () => {
    const code = asm(`
      SEC("xdp") int p(struct xdp_md *ctx) {
        __u64 *d = (void *)(long)ctx->data;
        if ((void *)(d + 2) > (void *)(long)ctx->data_end) return 0;
        __u64 a = d[0], b = d[1];
        *(volatile __u64 *)d = b;           /* b is loaded before the branch, not in its arm */
        return a < 10 ? 0 : b - 7; }`);
    const at = code.findIndex((l) => /^if r\d < 0xa goto pc\+\d$/.test(l));
    expect(at, code.join('\n')).toBeGreaterThan(0);
    const over = Number(/pc\+(\d)$/.exec(code[at]!)![1]);
    const [, dst] = /^(r\d) = 0$/.exec(code[at - 1]!) ?? [];
    expect(dst, 'the constant is set just before the branch').toBeDefined();
    // The instructions jumped over compute b - 7 into the same register.
    expect(code.slice(at + 1, at + 1 + over).at(-1)).toMatch(new RegExp(`^${dst} (-= 7|\\+= -7)$`));
  });
});
