// The two integer evaluators: C constant expressions (sema/const-eval.ts) and IR operations with
// BPF's semantics (ir/eval.ts). They share each op's arithmetic (util/int-ops.ts), so they agree
// wherever C defines the result, and differ only where C leaves it undefined and BPF does not.
import { describe, expect, it } from 'vitest';
import { evalArith } from '../../src/sema/const-eval.js';
import { evalAlu } from '../../src/ir/eval.js';
import type { AluOp } from '../../src/ir/ir.js';
import type { ArithOp } from '../../src/sema/program.js';
import * as T from '../../src/sema/types.js';

const VALUES = [0n, 1n, 2n, 3n, 7n, 31n, 63n, -1n, -2n, -7n, 0x7fffffffn, -0x80000000n, 0xffffffffn, 1n << 40n, -(1n << 63n), (1n << 63n) - 1n];

/** The IR op for a C operator on a type of that signedness. */
const IR_OP: Record<ArithOp, [AluOp, AluOp]> = {
  add: ['add', 'add'], sub: ['sub', 'sub'], mul: ['mul', 'mul'], div: ['div', 'sdiv'], rem: ['mod', 'smod'],
  shl: ['lsh', 'lsh'], shr: ['rsh', 'arsh'], and: ['and', 'and'], or: ['or', 'or'], xor: ['xor', 'xor'],
};

describe('C constant expressions and IR evaluation', () => {
  it('agree on every op and type wherever C defines the result', () => {
    let compared = 0;
    for (const t of [T.INT, T.UINT, T.LONG, T.ULONG]) {
      const bits = (t.sizeBytes * 8) as 32 | 64;
      const inType = (v: bigint) => (t.signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v));
      for (const op of Object.keys(IR_OP) as ArithOp[]) {
        for (const a0 of VALUES) {
          for (const b0 of VALUES) {
            const [a, b] = [inType(a0), inType(b0)];
            const c = evalArith(op, a, b, t);
            if (c === undefined) continue;
            const ir = evalAlu(IR_OP[op][t.signed ? 1 : 0], bits, a, b);
            expect(ir, `${op} ${t.name} ${a} ${b}`).toBe(BigInt.asUintN(bits, c));
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(8000);
  });

  it('differ where C has no constant and BPF defines one: division by zero and wide shifts', () => {
    expect(evalArith('div', 7n, 0n, T.INT)).toBeUndefined();
    expect(evalAlu('sdiv', 32, 7n, 0n)).toBe(0n);
    expect(evalArith('rem', 7n, 0n, T.UINT)).toBeUndefined();
    expect(evalAlu('mod', 32, 7n, 0n)).toBe(7n);
    expect(evalArith('shl', 1n, 32n, T.UINT)).toBeUndefined();
    expect(evalAlu('lsh', 32, 1n, 33n)).toBe(2n); // the count is masked to 5 bits
  });
});
