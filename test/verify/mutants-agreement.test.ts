// Mutants of the samples: each removes one bounds check or one NULL check (mutants.ts). Every
// program of every mutant is compiled by ebcc, loaded into the running kernel, and verified by
// ebcc; the two verdicts must be equal, except for the mutants listed in
// known-mutant-disagreements.txt, which must still disagree. The samples themselves must be
// accepted by both, and the kernel must reject most mutants (else the mutator tests nothing).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyObject } from '../../src/verify/index.js';
import { describeLoader, runLoader, type LoaderCase } from '../kernel/loader/bpfload.js';
import { compileString } from '../util/compile.js';
import { checkMutants } from './mutants.js';

const SAMPLES = new URL('../../samples/', import.meta.url);
const LIST = new URL('./known-mutant-disagreements.txt', import.meta.url);

interface Variant { id: string; source: string; file: string }
interface Row { id: string; prog: string; ebcc: 'accept' | 'reject' | 'error'; kernel?: 'accept' | 'reject' | 'unjudged'; detail: string }

const variants: Variant[] = [];
for (const file of readdirSync(SAMPLES).filter((f) => f.endsWith('.c')).sort()) {
  const source = readFileSync(new URL(file, SAMPLES), 'utf8');
  variants.push({ id: `${file}`, source, file });
  for (const m of checkMutants(source)) variants.push({ id: `${file}:${m.line}:${m.kind}:${m.check}`, source: m.source, file });
}

/** `ID  PROGRAM  ebcc=accept|reject  REASON` per line; `#` comments. The id has no spaces: checks are written with `_` for spaces. */
function readList(): string[] {
  return readFileSync(LIST, 'utf8').split('\n').flatMap((line) => {
    const t = line.replace(/#.*$/, '').trim();
    if (t === '') return [];
    const m = /^(\S+)\s+(\S+)\s+ebcc=(accept|reject)\s+\S/.exec(t);
    if (!m) throw new Error(`known-mutant-disagreements.txt: bad line '${t}'`);
    return [`${m[1]} ${m[2]} ebcc=${m[3]}`];
  });
}
const key = (r: Row): string => `${r.id.replace(/ /g, '_')} ${r.prog} ebcc=${r.ebcc}`;

describeLoader('mutants of the samples: ebcc verify and the kernel agree', () => {
  const rows: Row[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'ebcc-mutants-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(() => {
    const loads: LoaderCase[] = [];
    variants.forEach((v, i) => {
      const out = compileString(v.source, {}, 'obj', v.file);
      if (out.elf === undefined || out.object === undefined) {
        rows.push({ id: v.id, prog: '-', ebcc: 'error', detail: `does not compile: ${out.text}` });
        return;
      }
      const path = join(dir, `v${i}.o`);
      writeFileSync(path, out.elf);
      const res = verifyObject(out.object);
      for (const p of res.programs) {
        rows.push({ id: v.id, prog: p.name, ebcc: p.accepted ? 'accept' : 'reject', detail: p.kernelMessage ?? '' });
        loads.push({ id: `${rows.length - 1}`, object: { path, prog: p.name, logLevel: 0 } });
      }
      for (const d of res.diagnostics) rows.push({ id: v.id, prog: '-', ebcc: 'error', detail: d.message });
    });
    for (const r of runLoader(loads)) {
      const row = rows[Number(r.id)]!;
      const p = r.progs[0];
      row.kernel = p === undefined || (p.stage !== 'loaded' && p.stage !== 'verifier') ? 'unjudged' : p.accepted ? 'accept' : 'reject';
    }
  }, 300_000);

  it('builds and verifies every mutant, and the kernel judges every program', () => {
    expect(rows.filter((r) => r.ebcc === 'error' || r.kernel === 'unjudged').map((r) => `${r.id} ${r.prog}: ${r.detail}`)).toEqual([]);
  });

  it('the unmutated samples are accepted by both', () => {
    const plain = rows.filter((r) => !r.id.includes(':'));
    expect(plain.length).toBeGreaterThan(0);
    expect(plain.filter((r) => r.ebcc !== 'accept' || r.kernel !== 'accept').map((r) => `${r.id} ${r.prog}`)).toEqual([]);
  });

  it('the kernel rejects some program of most mutants', () => {
    const mutantIds = [...new Set(rows.filter((r) => r.id.includes(':')).map((r) => r.id))];
    const rejected = mutantIds.filter((id) => rows.some((r) => r.id === id && r.kernel === 'reject'));
    expect(rejected.length).toBeGreaterThanOrEqual(Math.ceil(mutantIds.length * 0.75));
  });

  it('ebcc gives the kernel\'s verdict on every program of every mutant, except the listed ones', () => {
    const got = rows.filter((r) => r.kernel !== undefined && r.kernel !== 'unjudged' && r.ebcc !== r.kernel).map(key).sort();
    const mutants = rows.filter((r) => r.id.includes(':')).length;
    console.log(`mutants: ${variants.length - readdirSync(SAMPLES).filter((f) => f.endsWith('.c')).length} mutants, ${mutants} programs; ` +
      `ebcc and the kernel disagree on ${got.length}`);
    expect(got).toEqual(readList().sort());
  });
});
