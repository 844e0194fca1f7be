// Robustness on generated programs (generate.ts), not only on mutations of the samples: random
// programs of every construct, and programs with one construct scaled far up. Each must meet
// the contract (contract.ts). Seeds are fixed; scripts/fuzz-build.mjs runs many more.
import { describe, expect, it } from 'vitest';
import { checkContract } from './contract.js';
import { generateExtreme, generateProgram } from './generate.js';

describe('generated programs meet the contract', () => {
  it('25 random programs', () => {
    const failures: string[] = [];
    let compiled = 0;
    for (let seed = 1; seed <= 25; seed++) {
      const r = checkContract(generateProgram(seed));
      if (r.violation) failures.push(`generateProgram(${seed}): ${r.violation}`);
      if (r.compiled) compiled++;
    }
    expect(failures).toEqual([]);
    expect(compiled).toBeGreaterThan(2); // the generator reaches the back end, not only errors
  }, 600_000);

  it('a generated program the campaign found slow: a variable written in every copy of an unrolled loop', () => {
    // 25 s of CPU in constant propagation when finding the registers that can be constant was
    // quadratic in the writes of one register.
    const r = checkContract(generateProgram(1700424229, 6 + (1700424229 % 20)));
    expect(r.violation).toBeUndefined();
  }, 600_000);

  it('a generated program the campaign found slow: loops that stay loops inside an unrolled one', () => {
    // 27 s of CPU: each copy of an inner loop whose bound is not constant was tried again, a
    // batch of peels and a constant fold of the whole function each.
    const r = checkContract(generateProgram(111183899, 6 + (111183899 % 20)));
    expect(r.violation).toBeUndefined();
  }, 600_000);

  it('generated programs the campaign found slow: a memset far past its buffer in every copy of an unrolled loop', () => {
    // 27 s and 12 s of CPU, 2 GB: 4,096-byte memsets of a 64- and a 16-byte buffer, in loops of
    // 1,000 iterations, became millions of stores that every pass went through before the
    // verifier refused the first one. They are refused at the call now, before expanding (E5016).
    for (const seed of [924725264, 1072313167]) {
      const r = checkContract(generateProgram(seed, 6 + (seed % 20)));
      expect(r.violation).toBeUndefined();
      expect(r.codes).toContain('E5016');
    }
  }, 600_000);

  it('12 programs with one construct scaled far up', () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= 12; seed++) {
      const r = checkContract(generateExtreme(seed));
      if (r.violation) failures.push(`generateExtreme(${seed}): ${r.violation}`);
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
