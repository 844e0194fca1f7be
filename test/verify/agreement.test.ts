// ebcc's verifier against the kernel's recorded verdicts: on every case of the corpus
// (test/verify/cases/), `verifyObject` must give the verdict the Linux 6.18 kernel gave, except on
// the cases listed in known-disagreements.txt, where it must still disagree. The test fails when
// either side moves: a fixed case must leave the list, a new disagreement must be fixed or listed
// with its reason. No kernel is needed: kernel-verdicts.test.ts checks the recorded verdicts.
//
// known-disagreements.txt: one case per line, `FILE:NAME  ebcc=accept|reject  REASON`, or
// `FILE:NAME  slow  REASON` for a case ebcc's verifier takes too long on to run by default (it
// runs with EBCC_VERIFY_SLOW=1); `#` starts a comment.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyObject } from '../../src/verify/index.js';
import { buildCases, type BuiltCase } from './build-cases.js';
import { loadCases } from './cases.js';

const LIST = new URL('./known-disagreements.txt', import.meta.url);

export interface Listed { id: string; ebcc: 'accept' | 'reject' | 'slow'; reason: string }

function readList(): Listed[] {
  return readFileSync(LIST, 'utf8').split('\n').flatMap((line, i) => {
    const t = line.replace(/#.*$/, '').trim();
    if (t === '') return [];
    const m = /^(\S+)\s+(?:ebcc=(accept|reject)|(slow))\s+(\S.*)$/.exec(t);
    if (!m) throw new Error(`known-disagreements.txt:${i + 1}: expected 'FILE:NAME ebcc=accept|reject REASON' or 'FILE:NAME slow REASON', saw '${t}'`);
    return [{ id: m[1]!, ebcc: (m[2] ?? m[3]) as Listed['ebcc'], reason: m[4]! }];
  });
}

const RUN_SLOW = process.env['EBCC_VERIFY_SLOW'] === '1';

interface Outcome { b: BuiltCase; ebcc: 'accept' | 'reject' | 'error'; detail: string }

function ebccVerdict(b: BuiltCase): Outcome {
  if (b.object === undefined || b.prog === undefined) return { b, ebcc: 'error', detail: b.error ?? 'not built' };
  try {
    const res = verifyObject(b.object, { program: b.prog });
    const p = res.programs[0];
    if (p === undefined) return { b, ebcc: 'error', detail: res.diagnostics.map((d) => d.message).join('; ') };
    return { b, ebcc: p.accepted ? 'accept' : 'reject', detail: p.kernelMessage ?? p.diagnostics[0]?.message ?? '' };
  } catch (e) {
    return { b, ebcc: 'error', detail: `threw ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}` };
  }
}

describe('ebcc verify agrees with the kernel on the verifier corpus', () => {
  let outcomes: Outcome[] = [];
  const all = readList();
  const slow = new Set(all.filter((l) => l.ebcc === 'slow').map((l) => l.id));
  const listed = all.filter((l) => l.ebcc !== 'slow');
  const cases = loadCases();

  beforeAll(() => {
    outcomes = buildCases(cases.filter((c) => RUN_SLOW || !slow.has(c.id))).map(ebccVerdict);
  }, 120_000);

  it('gives a verdict on every case (no crash, no missing program)', () => {
    expect(outcomes.filter((o) => o.ebcc === 'error').map((o) => `${o.b.c.id}: ${o.detail}`)).toEqual([]);
  });

  it('agrees on every case except the listed ones, and disagrees on exactly those', () => {
    const disagree = outcomes.filter((o) => o.ebcc !== 'error' && o.b.c.expect !== undefined && o.ebcc !== o.b.c.expect.verdict);
    const got = disagree.map((o) => `${o.b.c.id} ebcc=${o.ebcc}`).sort();
    const ran = new Set(outcomes.map((o) => o.b.c.id));
    const want = listed.filter((l) => ran.has(l.id)).map((l) => `${l.id} ebcc=${l.ebcc}`).sort();
    if (process.env['EBCC_SHOW_DISAGREEMENTS'] !== undefined) {
      for (const o of disagree) {
        const k = o.b.c.expect!;
        console.log(`${o.b.c.id}  ebcc=${o.ebcc}  kernel=${k.verdict === 'accept' ? 'accept' : `reject "${k.message}"`}  ebcc says: ${o.detail}`);
      }
    }
    const falseAccepts = disagree.filter((o) => o.ebcc === 'accept').length;
    console.log(`ebcc verify on the corpus: ${outcomes.length - disagree.length}/${outcomes.length} verdicts agree with the kernel; ` +
      `${falseAccepts} false accepts, ${disagree.length - falseAccepts} false rejects (${cases.length - outcomes.length} slow cases not run)`);
    expect(got).toEqual(want);
  });

  it('lists only cases that exist, each once, with a reason', () => {
    const ids = new Set(cases.map((c) => c.id));
    expect(all.filter((l) => !ids.has(l.id)).map((l) => l.id)).toEqual([]);
    expect(new Set(all.map((l) => l.id)).size).toBe(all.length);
  });
});
