// Random differential testing in the kernel: programs free of undefined behaviour from
// diff-gen.ts, compiled by ebcc at every -mcpu and -O level, must write exactly what the
// independent evaluator computes. A fixed, small seed range runs here; scripts/fuzz-diff.mjs runs
// long campaigns over any range.
import { expect, it } from 'vitest';
import { describeLoader } from '../kernel/loader/bpfload.js';
import { generate } from './diff-gen.js';
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
