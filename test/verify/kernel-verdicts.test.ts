// The verifier corpus against the running kernel: every case under test/verify/cases/ is built
// by ebcc, loaded into the kernel, and its verdict must equal the one recorded in the case file
// (accept, or reject with that errno and that error line in the log). The test fails when the
// kernel moves; it skips loudly where bpf() is refused (EBCC_REQUIRE_KERNEL=1 makes that a failure).
//
// To record verdicts of new cases (written with `?`) from the kernel:
//   EBCC_RECORD_VERDICTS=1 npx vitest run test/verify/kernel-verdicts.test.ts
// and review the diff of the case files. EBCC_RECORD_VERDICTS=all re-records every case.
// EBCC_SHOW_CASE=TEXT prints the kernel's log of every case whose id contains TEXT.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeLoader } from '../kernel/loader/bpfload.js';
import { buildCases, kernelVerdicts, type BuiltCase, type KernelVerdict } from './build-cases.js';
import { CASES_DIR, formatVerdict, loadCases, missingFromKernel, stableMessage, type Verdict } from './cases.js';

const cases = loadCases();
const RECORD = process.env['EBCC_RECORD_VERDICTS'];

function sameVerdict(want: Verdict, got: Verdict, log: string): boolean {
  if (want.verdict !== got.verdict) return false;
  if (want.verdict === 'accept' || got.verdict === 'accept') return true;
  return want.errno.split('|').includes(got.errno) && log.includes(want.message);
}

it('the corpus has at least 300 cases, each built, with a verdict, and both verdicts represented', () => {
  expect(cases.length).toBeGreaterThanOrEqual(300);
  const counts = { accept: 0, reject: 0 };
  for (const c of cases) if (c.expect) counts[c.expect.verdict]++;
  expect(counts.accept).toBeGreaterThanOrEqual(100);
  expect(counts.reject).toBeGreaterThanOrEqual(100);
  if (RECORD === undefined) expect(cases.filter((c) => c.expect === undefined).map((c) => c.id)).toEqual([]);
});

describeLoader('verifier cases: the kernel gives the recorded verdict', () => {
  let built: BuiltCase[] = [];
  let verdicts: (KernelVerdict | undefined)[] = [];

  beforeAll(() => {
    const t0 = Date.now();
    built = buildCases(cases);
    const t1 = Date.now();
    verdicts = kernelVerdicts(built);
    if (process.env['EBCC_VERIFY_TIMING'] !== undefined) console.log(`build ${t1 - t0} ms, kernel ${Date.now() - t1} ms`);
    if (RECORD !== undefined) record(built, verdicts, RECORD === 'all');
    const show = process.env['EBCC_SHOW_CASE'];
    if (show !== undefined) {
      built.forEach((b, i) => {
        if (b.c.id.includes(show)) console.log(`--- ${b.c.id}: ${b.error ?? ''}\n${verdicts[i]?.log ?? ''}`);
      });
    }
  }, 120_000);

  it('every case builds, and the kernel judges it (libbpf does not refuse it first)', () => {
    const bad = built.flatMap((b, i) => {
      if (b.error !== undefined) return [`${b.c.id}: ${b.error}`];
      const v = verdicts[i];
      if (v === undefined) return [`${b.c.id}: no answer from the loader`];
      if (v.stage !== 'loaded' && v.stage !== 'verifier') return [`${b.c.id}: stage ${v.stage}: ${v.result.errno}\n${v.log}`];
      return [];
    });
    expect(bad).toEqual([]);
  });

  it('every verdict equals the recorded one', () => {
    const missing: string[] = [];
    const wrong = built.flatMap((b, i) => {
      const v = verdicts[i];
      if (v === undefined || b.c.expect === undefined) return [];
      if (sameVerdict(b.c.expect, v.verdict, v.log)) return [];
      const why = v.verdict.verdict === 'reject' ? missingFromKernel(b.c.expect, v.verdict.errno, v.log) : undefined;
      if (why !== undefined) {
        missing.push(`${b.c.id}: ${why}`);
        return [];
      }
      return [`${b.c.id} (line ${b.c.line}): recorded ${formatVerdict(b.c.expect)}, kernel ${formatVerdict(v.verdict)}`];
    });
    if (missing.length > 0) console.warn(`KERNEL BUILD LACKS WHAT ${missing.length} CASE(S) USE, not compared:\n  ${missing.join('\n  ')}`);
    // Only a handful may go uncompared: more means the kernel is not one these cases are for.
    expect(missing.length).toBeLessThanOrEqual(3);
    expect(wrong).toEqual([]);
  });
});

/** Writes the kernel's verdicts into the case files (only unrecorded cases unless `all`). */
function record(built: readonly BuiltCase[], verdicts: readonly (KernelVerdict | undefined)[], all: boolean): void {
  const byFile = new Map<string, { line: number; verdict: Verdict }[]>();
  built.forEach((b, i) => {
    const v = verdicts[i];
    if (v === undefined || (v.stage !== 'loaded' && v.stage !== 'verifier')) return;
    if (b.c.expect !== undefined && !all) return;
    const list = byFile.get(b.c.file) ?? [];
    const verdict: Verdict = v.verdict.verdict === 'reject' && b.c.file.endsWith('.c')
      ? { ...v.verdict, message: stableMessage(v.verdict.message) } : v.verdict;
    list.push({ line: b.c.line, verdict });
    byFile.set(b.c.file, list);
  });
  for (const [file, list] of byFile) {
    const path = join(CASES_DIR, file);
    const lines = readFileSync(path, 'utf8').split('\n');
    for (const { line, verdict } of list) {
      lines[line - 1] = lines[line - 1]!.replace(/^(\s*(?:;|\/\/)?\s*@case\s+\S+\s+(?:\w+=\S+\s+)*).*$/, `$1${formatVerdict(verdict)}`);
    }
    writeFileSync(path, lines.join('\n'));
  }
}
