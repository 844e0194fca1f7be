// Seeded mutation of the samples, shared by the robustness test files (split
// in two so the two test workers run them side by side).
import { describe, expect, it } from 'vitest';
import { checkContract, MAX_CASE_CPU_MS } from './contract.js';
import { mulberry32, mutate, samples, tokenRanges } from './generate.js';

export const TOTAL_CASES = 2000;

export function describeMutatedSamples(shard: number, shards: number): void {
describe(`mutated samples (shard ${shard + 1} of ${shards})`, () => {
  const all = samples();
  if (shard === 0) {
    it('includes samples/xdp_count.c', () => {
      expect(all.map((s) => s.name)).toContain('xdp_count.c');
    });
  }

  const perSample = Math.ceil(TOTAL_CASES / all.length);
  for (const [index, sample] of all.entries()) {
    if (index % shards !== shard) continue;
    it(`${sample.name}: ${perSample} mutations end in an object or catalogued diagnostics, each within ${MAX_CASE_CPU_MS} ms of CPU`, () => {
      const ranges = tokenRanges(sample.text);
      const next = mulberry32(0x5eed + index);
      const failures: string[] = [];
      let compiled = 0;
      for (let n = 0; n < perSample; n++) {
        const m = mutate(sample.text, ranges, next);
        const r = checkContract(m.text, {}, sample.name);
        if (r.violation) failures.push(`case ${n} (${m.kind}): ${r.violation}`);
        if (r.compiled) compiled++;
      }
      expect(failures).toEqual([]);
      // Some mutations must still compile, or the cases test only the front end's error paths.
      expect(compiled).toBeGreaterThan(0);
    }, 900_000);
  }
});
}

