// Seeded mutation of the samples, shared by the robustness test files (split
// in two so the two test workers run them side by side).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diag/diagnostic.js';
import { lexFile } from '../../src/pp/lexer.js';
import { REPO_DIR } from '../util/compile.js';
import { checkContract, MAX_CASE_CPU_MS } from './contract.js';

export const TOTAL_CASES = 2000;

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The source's tokens as [start, end) offsets, from ebcc's own lexer (directives included). */
function tokenRanges(text: string): [number, number][] {
  const toks = lexFile({ id: 0, path: 'm.c', text, lineStarts: [0] }, new Diagnostics());
  return toks.filter((t) => t.kind !== 'eof').map((t) => [t.span.start, t.span.end]);
}

type Mutation = 'delete' | 'duplicate' | 'swap' | 'truncate';
const MUTATIONS: Mutation[] = ['delete', 'duplicate', 'swap', 'truncate'];

/** Applies 1–3 random edits of one kind to `text`. */
function mutate(text: string, ranges: [number, number][], next: () => number): { kind: Mutation; text: string } {
  const kind = MUTATIONS[Math.floor(next() * MUTATIONS.length)]!;
  const pick = () => ranges[Math.floor(next() * ranges.length)]!;
  if (kind === 'truncate') return { kind, text: text.slice(0, Math.floor(next() * text.length)) };
  let out = text;
  const edits = 1 + Math.floor(next() * 3);
  // Edit from the end backwards so earlier offsets stay valid.
  const chosen = Array.from({ length: edits }, pick).sort((a, b) => b[0] - a[0]);
  for (const [s, e] of chosen) {
    if (kind === 'delete') out = out.slice(0, s) + out.slice(e);
    else if (kind === 'duplicate') out = out.slice(0, e) + ' ' + out.slice(s, e) + out.slice(e);
    else {
      const [s2, e2] = pick();
      if (s2 >= e || e2 > out.length) continue; // swap only with an earlier, disjoint token
      out = out.slice(0, s2) + out.slice(s, e) + out.slice(e2, s) + out.slice(s2, e2) + out.slice(e);
    }
  }
  return { kind, text: out };
}

function samples(): { name: string; text: string }[] {
  const dir = join(REPO_DIR, 'samples');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.c'))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
}

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

