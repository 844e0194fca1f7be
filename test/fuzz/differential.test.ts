// Random differential testing in the kernel: programs free of undefined behaviour from
// diff-gen.ts, compiled by ebcc at every -mcpu and -O level, must write exactly what the
// independent evaluator computes. A fixed, small seed range runs here; scripts/fuzz-diff.mjs runs
// long campaigns over any range.
import { expect, it } from 'vitest';
import { describeLoader } from '../kernel/loader/bpfload.js';
import { expectedOutputs, generate, INT, U64, type Field, type IntT, type Program } from './diff-gen.js';
import { describeProblems, runPrograms } from './diff-run.js';

const SEEDS = Array.from({ length: Number(process.env['EBCC_DIFF_COUNT'] ?? 4) }, (_, i) => Number(process.env['EBCC_DIFF_FIRST'] ?? 1) + i);

describeLoader('random differential programs', () => {
  it(`seeds ${SEEDS[0]}..${SEEDS[SEEDS.length - 1]} agree with the evaluator at -mcpu=v1..v4, -O0 and -O2`, () => {
    const results = runPrograms(SEEDS);
    const problems = results.flatMap(describeProblems);
    if (process.env['EBCC_DIFF_SHOW']) for (const r of results) console.log(r.source);
    expect(problems).toEqual([]);
  }, 120_000);
});

it('the generator is deterministic and its programs are not trivial', () => {
  const a = generate(42);
  const b = generate(42);
  expect(a.source).toBe(b.source);
  expect(a.expected).toEqual(b.expected);
  expect(a.expected.length).toBeGreaterThan(3);
  expect(generate(43).source).not.toBe(a.source);
});

it('the evaluator follows C11 on bit-field assignments, promotions and undefined operations', () => {
  const s16: IntT = { bits: 16, signed: true };
  const u8: IntT = { bits: 8, signed: false };
  const s32: IntT = { bits: 32, signed: true };
  const a: Field = { name: 'a', t: u8, bitWidth: 4 };
  const b: Field = { name: 'b', t: s16, bitWidth: 5 };
  const f: Field = { name: 'f', t: U64, bitWidth: 32 };
  const S = { name: 'S', fields: [a, b, f], packed: false };
  const v = (name: string, t: IntT) => ({ k: 'var' as const, name, t });
  const c = (n: bigint, t: IntT = INT) => ({ k: 'const' as const, v: n, t });
  const field = (fl: Field) => ({ k: 'field' as const, obj: 'o', f: fl });
  const p: Program = {
    seed: 0, inputs: new Array<bigint>(16).fill(0n), structs: [S], elemStructs: [], funcs: [], objs: [{ name: 'o', s: S }],
    arrays: [], ptrArrays: [],
    vars: [{ name: 'v0', t: s32, init: c(0n) }, { name: 'v1', t: s32, init: c(0n) }, { name: 'v2', t: U64, init: c(0n, U64) },
      { name: 'v3', t: s32, init: c(0x7fffffffn) }],
    body: [
      { k: 'assign', lv: v('v0', s32), op: '=', e: { k: 'assign', lv: field(b), op: '=', e: c(17n) } },
      { k: 'assign', lv: field(a), op: '=', e: c(3n) },
      { k: 'assign', lv: v('v1', s32), op: '=', e: { k: 'assign', lv: field(a), op: '+=', e: c(13n) } },
      { k: 'assign', lv: field(f), op: '=', e: c(0xffffffffn, U64) },
      { k: 'assign', lv: v('v2', U64), op: '=', e: { k: 'bin', op: '+', l: { k: 'read', lv: field(f) }, r: c(1n) } },
      { k: 'assign', lv: v('v3', s32), op: '+=', e: c(1n) },
    ],
    outputs: [],
  };
  p.outputs = ['v0', 'v1', 'v2', 'v3'].map((name, i) => ({ k: 'read' as const, lv: v(name, [s32, s32, U64, s32][i]!) }));
  // 17 in 5 signed bits is -15; 3 + 13 in 4 bits is 0; a 32-bit unsigned bit-field promotes to
  // unsigned int, so 0xffffffff + 1 wraps to 0; INT_MAX + 1 overflows, so the evaluator makes
  // that addition unsigned (printed as such) and the result wraps.
  expect(expectedOutputs(p)).toEqual([0xfffffffffffffff1n, 0n, 0n, 0xffffffff80000000n]);
  expect((p.body[5] as { safe?: boolean }).safe).toBe(true);
});
