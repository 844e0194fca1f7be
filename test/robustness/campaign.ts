// The fuzz campaign's body (scripts/fuzz-build.mjs bundles and runs it): N inputs from a fixed
// seed, in the proportions below, each checked against the contract (contract.ts). Prints a line
// per failure and a summary; exits 1 if any input broke the contract or took more than the
// campaign's CPU-time limit.
import { checkContract } from './contract.js';
import { generateExtreme, generateProgram, mulberry32, mutate, samples, tokenRanges } from './generate.js';

export interface CampaignOptions {
  count: number;
  seed: number;
  /** CPU-time limit per input, ms. */
  limitMs: number;
  /** Print progress every this many inputs. */
  every: number;
  /** Skip the inputs before this one (the sequence is the same), to reproduce a failure. */
  from?: number;
  /** Print each input's name before compiling it (to find one that hangs). */
  verbose?: boolean;
}

export function runCampaign(o: CampaignOptions): number {
  const all = samples().map((s) => ({ ...s, ranges: tokenRanges(s.text) }));
  const next = mulberry32(o.seed);
  const counts = { mutated: 0, generated: 0, extreme: 0, compiled: 0, diagnosed: 0, crashes: 0, slow: 0 };
  let slowest = { ms: 0, name: '' };
  const started = Date.now();
  for (let n = 0; n < o.count; n++) {
    const r0 = next();
    const caseSeed = Math.floor(next() * 2 ** 31);
    let name: string;
    let text: string;
    if (r0 < 0.45) {
      const s = all[Math.floor(next() * all.length)]!;
      const m = mutate(s.text, s.ranges, mulberry32(caseSeed));
      name = `mutate(${s.name}, ${caseSeed}) ${m.kind}`;
      text = m.text;
      counts.mutated++;
    } else if (r0 < 0.9) {
      name = `generateProgram(${caseSeed})`;
      text = generateProgram(caseSeed, 6 + (caseSeed % 20));
      counts.generated++;
    } else {
      name = `generateExtreme(${caseSeed})`;
      text = generateExtreme(caseSeed);
      counts.extreme++;
    }
    if (n < (o.from ?? 0)) continue;
    if (o.verbose) process.stdout.write(`#${n} ${name}\n`);
    const r = checkContract(text);
    if (r.compiled) counts.compiled++;
    else counts.diagnosed++;
    if (r.cpuMs > slowest.ms) slowest = { ms: r.cpuMs, name };
    if (r.violation && !r.violation.startsWith('took ')) {
      counts.crashes++;
      process.stdout.write(`FAIL #${n} ${name}: ${r.violation}\n`);
    }
    if (r.cpuMs > o.limitMs) {
      counts.slow++;
      process.stdout.write(`SLOW #${n} ${name}: ${r.cpuMs.toFixed(0)} ms CPU\n`);
    }
    if ((n + 1) % o.every === 0) {
      process.stdout.write(`${n + 1}/${o.count} inputs, ${((Date.now() - started) / 1000).toFixed(0)} s: ${JSON.stringify(counts)}, slowest ${slowest.ms.toFixed(0)} ms (${slowest.name})\n`);
    }
  }
  process.stdout.write(
    `done: ${o.count} inputs (seed ${o.seed}): ${counts.mutated} mutated samples, ${counts.generated} generated, ${counts.extreme} extreme; ` +
      `${counts.compiled} compiled, ${counts.diagnosed} diagnosed; ${counts.crashes} contract failures, ${counts.slow} over ${o.limitMs} ms CPU; ` +
      `slowest ${slowest.ms.toFixed(0)} ms (${slowest.name})\n`,
  );
  return counts.crashes + counts.slow === 0 ? 0 : 1;
}
