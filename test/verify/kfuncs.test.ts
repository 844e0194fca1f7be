// Verifier cases that need what ebcc's compiler does not emit (BTF type tags: a map value's
// __kptr field): programs written for these tests (kfunc-cases/*.c), each with the verdict the
// kernel gives it written by hand after its `@case` line, built by clang with ebcc's own headers.
// ebcc's verifier must give each verdict, and where bpf() works the running kernel must too (so
// the expectations cannot drift from the kernel). Skips loudly without clang. The other kfunc
// cases are in the corpus (cases/c/kfuncs.c), built by ebcc.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diag/diagnostic.js';
import { readObject } from '../../src/obj/read.js';
import { verifyObject } from '../../src/verify/index.js';
import { loadKernelBtf } from '../../src/cli/kernel-btf.js';
import { CLANG, hasClang } from '../obj/clang-util.js';
import { describeLoader, runLoader } from '../kernel/loader/bpfload.js';
import { errnoName, kernelErrorLine, missingFromKernel, type Verdict } from './cases.js';

const DIR = fileURLToPath(new URL('./kfunc-cases', import.meta.url));
const STDLIB = fileURLToPath(new URL('../../stdlib/include', import.meta.url));
const MARKER = /^\/\/ @case (\w+) (accept|reject (\w+) "(.+)")$/;

interface KCase {
  file: string;
  name: string;
  accept: boolean;
  errno?: string;
  message?: string;
}

function loadCases(): KCase[] {
  const out: KCase[] = [];
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.c')).sort()) {
    for (const line of readFileSync(join(DIR, file), 'utf8').split('\n')) {
      const m = MARKER.exec(line);
      if (m) out.push({ file, name: m[1]!, accept: m[2] === 'accept', errno: m[3], message: m[4] });
    }
  }
  return out;
}

const cases = loadCases();
const clang = hasClang();
if (!clang) console.warn(`kfuncs.test.ts: ${CLANG} is not installed; the kfunc cases are skipped`);

/** Each case file compiled by clang, written to a temporary directory. */
function compileAll(): Map<string, { path: string; bytes: Uint8Array }> {
  const dir = mkdtempSync(join(tmpdir(), 'ebcc-kfunc-cases-'));
  const out = new Map<string, { path: string; bytes: Uint8Array }>();
  for (const file of new Set(cases.map((c) => c.file))) {
    const obj = join(dir, file.replace(/\.c$/, '.o'));
    const res = spawnSync(CLANG, ['-O2', '-g', '-target', 'bpf', '-nostdinc', '-I', STDLIB, '-c', join(DIR, file), '-o', obj], { encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`${CLANG} failed on ${file}:\n${res.stderr}`);
    out.set(file, { path: obj, bytes: new Uint8Array(readFileSync(obj)) });
  }
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return out;
}

const objects = clang ? compileAll() : new Map<string, { path: string; bytes: Uint8Array }>();
// The running kernel's BTF, when there is one: CO-RE relocations are applied to it, as libbpf does.
const loadedBtf = loadKernelBtf(undefined);
const kernelBtf = loadedBtf && !('error' in loadedBtf) ? loadedBtf : undefined;

it('has accepted and rejected cases', () => {
  expect(cases.filter((c) => c.accept).length).toBeGreaterThanOrEqual(1);
  expect(cases.filter((c) => !c.accept).length).toBeGreaterThanOrEqual(2);
});

describe.skipIf(!clang)('ebcc\'s verifier gives the kernel\'s verdict on kfunc calls', () => {
  for (const c of cases) {
    it(`${c.file}:${c.name}`, () => {
      const o = objects.get(c.file)!;
      const obj = readObject(o.bytes, new Diagnostics(), c.file)!;
      const res = verifyObject(obj, { program: c.name, kernelBtf });
      const p = res.programs[0]!;
      // Without the kernel's BTF, CO-RE relocations (bpf_rdonly_cast's type ids) stay as clang wrote them.
      // An object whose BTF the kernel refuses says so (V1036), and only that one.
      const refused = c.file === 'btf-refused.c';
      expect(res.diagnostics.filter((d) => kernelBtf !== undefined || d.code !== 'V1032').map((d) => d.code)).toEqual(refused ? ['V1036'] : []);
      if (c.accept) {
        expect(p.kernelMessage).toBeUndefined();
        expect(p.accepted).toBe(true);
      } else {
        expect(p.accepted).toBe(false);
        expect(p.kernelMessage).toContain(c.message);
      }
    });
  }
});

describeLoader('the kernel gives the written verdicts of the kfunc cases', () => {
  it.skipIf(!clang)('every case', () => {
    const results = runLoader(cases.map((c, i) => ({
      id: `k${i}`, logSizeBytes: 1 << 20, object: { path: objects.get(c.file)!.path, prog: c.name, logLevel: 1 },
    })));
    const missing: string[] = [];
    const got = results.map((r, i) => {
      const p = r.progs[0];
      const c = cases[i]!;
      if (!p) return `${c.name}: not loaded`;
      if (p.accepted) return `${c.name}: accept`;
      const want: Verdict = c.accept ? { verdict: 'accept' } : { verdict: 'reject', errno: c.errno!, message: c.message! };
      const why = missingFromKernel(want, errnoName(p.errno), p.log);
      if (why !== undefined) {
        missing.push(`${c.name}: ${why}`);
        return c.accept ? `${c.name}: accept` : `${c.name}: reject ${errnoNumber(c.errno!)} ${c.message}`;
      }
      const hit = c.message !== undefined && p.log.includes(c.message) ? c.message : kernelErrorLine(p.log);
      return `${c.name}: reject ${p.errno} ${hit}`;
    });
    const want = cases.map((c) => (c.accept ? `${c.name}: accept` : `${c.name}: reject ${errnoNumber(c.errno!)} ${c.message}`));
    if (missing.length > 0) console.warn(`KERNEL BUILD LACKS WHAT ${missing.length} KFUNC CASE(S) USE, not compared:\n  ${missing.join('\n  ')}`);
    expect(missing.length).toBeLessThanOrEqual(2);
    expect(got).toEqual(want);
  });
});

function errnoNumber(name: string): number {
  return ({ EPERM: 1, EINVAL: 22, EACCES: 13, EFAULT: 14, E2BIG: 7, ENOTSUPP: 524 } as Record<string, number>)[name] ?? -1;
}

