// Booleans as values without branches (opt/bool-values.ts): every comparison's branch-free bit
// agrees with the comparison on edge values and random ones; 1/0 diamonds of integers become
// arithmetic, and `&&`/`||` combine their bits; diamonds of possible pointers, booleans that a
// branch tests later, and booleans the kernel needs precisely whose operands come from a variable
// it does not, stay branches.
import { describe, expect, it } from 'vitest';
import { NO_SPAN } from '../../src/diag/source.js';
import { evalAlu, evalCmp, evalNeg, evalSext } from '../../src/ir/eval.js';
import type { Block, CmpOp, Inst, IrFunction, Operand, VReg } from '../../src/ir/ir.js';
import { instDef } from '../../src/ir/ir.js';
import { printFunction } from '../../src/ir/print.js';
import { compareToBit, convertBooleanValues } from '../../src/opt/bool-values.js';
import { disasm } from '../../src/bpf/disasm.js';
import { compileString } from '../util/compile.js';
import { simplifyCfg } from '../../src/opt/simplify-cfg.js';

const span = NO_SPAN;
const r = (n: number) => n as VReg;
const reg = (n: number): Operand => ({ kind: 'reg', reg: r(n) });
const imm = (v: number | bigint): Operand => ({ kind: 'imm', value: BigInt.asUintN(64, BigInt(v)) });

/** Runs straight-line instructions on 64-bit register values. */
function run(insts: Inst[], regs: Map<VReg, bigint>): Map<VReg, bigint> {
  const val = (o: Operand): bigint => (o.kind === 'imm' ? o.value : regs.get(o.reg)!);
  for (const i of insts) {
    switch (i.op) {
      case 'mov':
        regs.set(i.dst, i.bits === 32 ? BigInt.asUintN(32, val(i.src)) : BigInt.asUintN(64, val(i.src)));
        break;
      case 'alu':
        regs.set(i.dst, evalAlu(i.alu, i.bits, val(i.a), val(i.b)));
        break;
      case 'neg':
        regs.set(i.dst, evalNeg(i.bits, regs.get(i.a)!));
        break;
      case 'sext':
        regs.set(i.dst, evalSext(i.bits, i.fromBits, regs.get(i.src)!));
        break;
      default:
        throw new Error(`unexpected ${i.op}`);
    }
  }
  return regs;
}

const CMPS: CmpOp[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'slt', 'sle', 'sgt', 'sge', 'set'];

function edgeValues(): bigint[] {
  const v = [0n, 1n, 2n, 3n, 0x7fn, 0x80n, 0xffn, 0x7fffn, 0x8000n, 0xffffn, 0x7fffffffn, 0x80000000n, 0x80000001n, 0xfffffffen, 0xffffffffn,
    0x100000000n, 0x1ffffffffn, 0x7fffffffffffffffn, 0x8000000000000000n, 0x8000000000000001n, 0xfffffffffffffffen, 0xffffffffffffffffn,
    0xffffffff00000000n, 0xffffffff80000000n, 0x123456789abcdef0n, 0xfedcba9876543210n];
  // Small pseudo-random values (a fixed LCG: the test is deterministic).
  let s = 12345n;
  for (let k = 0; k < 8; k++) {
    s = BigInt.asUintN(64, s * 6364136223846793005n + 1442695040888963407n);
    v.push(s, s >> 32n, BigInt.asUintN(64, -(s >> 40n)));
  }
  return v;
}

describe('compareToBit', () => {
  const values = edgeValues();
  for (const bits of [32, 64] as const) {
    for (const cmp of CMPS) {
      it(`${cmp}.${bits} is the comparison's bit, against a register and against a constant`, () => {
        let failures = 0;
        for (const x of values) {
          for (const y of values) {
            const want = evalCmp(cmp, bits, x, y) ? 1n : 0n;
            let next = 10;
            const fresh = () => r(next++);
            const byReg = run(compareToBit(cmp, bits, r(0), reg(1), r(2), fresh, span), new Map([[r(0), x], [r(1), y]])).get(r(2));
            next = 10;
            const byImm = run(compareToBit(cmp, bits, r(0), imm(y), r(2), fresh, span), new Map([[r(0), x]])).get(r(2));
            if (byReg !== want || byImm !== want) {
              failures++;
              if (failures < 4) expect.soft(`${x.toString(16)} ${cmp} ${y.toString(16)}: ${byReg} / ${byImm}`).toBe(`want ${want}`);
            }
          }
        }
        expect(failures).toBe(0);
      });
    }
  }

  it('leaves the operands alone', () => {
    let next = 10;
    for (const cmp of CMPS) for (const bits of [32, 64] as const) {
      const insts = compareToBit(cmp, bits, r(0), reg(1), r(2), () => r(next++), span);
      expect(insts.every((i) => instDef(i) !== r(0) && instDef(i) !== r(1))).toBe(true);
    }
  });
});

/** b0 computes %0 and %1 (`defs`), branches `cmp %0, %1` to b1 (%2 = 1) and b2 (%2 = 0); b3 returns %2. */
function diamond(defs: Inst[], cmp: CmpOp = 'lt', ret: Block['term'] = { op: 'ret', value: reg(2), span }): IrFunction {
  const blocks: Block[] = [
    { id: 0, insts: defs, term: { op: 'br', cmp, bits: 32, a: r(0), b: reg(1), then: 1, else: 2, span } },
    { id: 1, insts: [{ op: 'mov', bits: 64, dst: r(2), src: imm(1), span }], term: { op: 'jmp', target: 3, span } },
    { id: 2, insts: [{ op: 'mov', bits: 64, dst: r(2), src: imm(0), span }], term: { op: 'jmp', target: 3, span } },
    { id: 3, insts: [], term: ret },
  ];
  return { name: 'f', section: 'xdp', global: true, params: [r(5)], vregCount: 6, vregNames: new Map(), slots: [], blocks, span, source: undefined as never };
}

const load = (dst: number, size: 4 | 8, base: number): Inst => ({ op: 'load', size, dst: r(dst), addr: { kind: 'reg', reg: r(base), off: 0 }, span });
const and32 = (dst: number, src: number): Inst => ({ op: 'alu', alu: 'and', bits: 32, dst: r(dst), a: reg(src), b: imm(255), span });

function converted(f: IrFunction): boolean {
  const changed = convertBooleanValues(f);
  simplifyCfg(f);
  return changed;
}

describe('convertBooleanValues', () => {
  it('turns the 1/0 diamond of two integers into straight code', () => {
    const f = diamond([and32(0, 5), and32(1, 5)]);
    expect(converted(f)).toBe(true);
    expect(printFunction(f)).not.toMatch(/\bbr\b/);
  });

  it('leaves a diamond alone whose operand may be a pointer (a context field, an 8-byte load, a parameter)', () => {
    const ctxField = diamond([load(0, 4, 5), and32(1, 5)]);
    expect(converted(ctxField), printFunction(ctxField)).toBe(false);
    const wide = diamond([{ op: 'mov', bits: 64, dst: r(4), src: reg(5), span }, { op: 'alu', alu: 'add', bits: 64, dst: r(3), a: reg(4), b: imm(8), span }, load(6, 4, 3), load(0, 8, 6), and32(1, 5)]);
    wide.vregCount = 7;
    expect(converted(wide), printFunction(wide)).toBe(false);
    const param = diamond([{ op: 'mov', bits: 64, dst: r(0), src: reg(5), span }, and32(1, 5)]);
    expect(converted(param), printFunction(param)).toBe(false);
  });

  it('treats a narrow load through a loaded address as an integer (a packet byte)', () => {
    const f = diamond([load(3, 4, 5), load(0, 4, 3), and32(1, 5)]);
    expect(converted(f), printFunction(f)).toBe(true);
  });

  it('leaves a boolean alone that a branch tests later', () => {
    const f = diamond([and32(0, 5), and32(1, 5)], 'lt', { op: 'br', cmp: 'ne', bits: 64, a: r(2), b: imm(0), then: 4, else: 5, span });
    f.blocks.push({ id: 4, insts: [], term: { op: 'ret', value: imm(1), span } }, { id: 5, insts: [], term: { op: 'ret', value: imm(0), span } });
    expect(converted(f), printFunction(f)).toBe(false);
  });

  // The kernel carries precision marks back through arithmetic, not through a diamond's
  // constants: a boolean it needs precisely (here an index) stays a branch while an operand is a
  // C variable that nothing else makes precise.
  describe('a boolean used as an index', () => {
    /** b3 indexes a stack array with %2 (and, with `alsoIndexV`, with %0 too) and returns the element. */
    function indexed(alsoIndexV: boolean, index = true): IrFunction {
      const f = diamond([and32(0, 5), and32(1, 5)]);
      f.vregNames.set(r(0), 'v');
      f.slots.push({ id: 0, name: 'arr', sizeBytes: 16, alignBytes: 8, span });
      const insts: Inst[] = [{ op: 'slotaddr', dst: r(6), slot: 0, off: 0, span }];
      insts.push({ op: 'alu', alu: 'add', bits: 64, dst: r(7), a: reg(6), b: reg(index ? 2 : 1), span }, load(8, 4, 7));
      if (alsoIndexV) insts.push({ op: 'alu', alu: 'add', bits: 64, dst: r(9), a: reg(6), b: reg(0), span }, { op: 'store', size: 4, addr: { kind: 'reg', reg: r(9), off: 0 }, src: reg(8), span });
      f.blocks[3]!.insts = insts;
      f.blocks[3]!.term = { op: 'ret', value: reg(8), span };
      f.vregCount = 10;
      return f;
    }

    it('stays a branch when it would make a variable precise that nothing else does', () => {
      const f = indexed(false);
      expect(converted(f), printFunction(f)).toBe(false);
    });

    it('becomes arithmetic when the variable is an index itself', () => {
      const f = indexed(true);
      expect(converted(f), printFunction(f)).toBe(true);
      expect(printFunction(f)).not.toMatch(/\bbr\b/);
    });

    it('becomes arithmetic when nothing needs the boolean precisely', () => {
      const f = indexed(false, false);
      expect(converted(f), printFunction(f)).toBe(true);
    });
  });
});

describe('a branch between two returns of 0 and 1', () => {
  const code = (body: string): string[] => {
    const out = compileString(`#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n${body}`, {}, 'codegen');
    expect(out.text).toBe('');
    return disasm(out.object!.functions[0]!.insns);
  };

  it('returns the comparison of a helper\'s number: the sign bit of its complement for >= 0', () => {
    const insns = code(`SEC("xdp") int p(struct xdp_md *ctx) {
      if (bpf_xdp_adjust_tail(ctx, -1) < 0) return XDP_ABORTED;
      return XDP_DROP;
    }`);
    expect(insns.filter((l) => /^if |goto/.test(l))).toEqual([]);
    expect(insns.slice(-3)).toEqual(['r0 ^= -1', 'r0 >>= 63', 'exit']);
  });

  it('keeps the branch when a return is shared with other branches', () => {
    const insns = code(`SEC("xdp") int p(struct xdp_md *ctx) {
      void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
      if (data + 1 > end) return XDP_ABORTED;
      if (*(__u8 *)data == 7) return XDP_ABORTED;
      if (bpf_xdp_adjust_tail(ctx, -1) < 0) return XDP_ABORTED;
      return XDP_DROP;
    }`);
    expect(insns.filter((l) => /^if /.test(l)).length).toBe(3);
  });
});
