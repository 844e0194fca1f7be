// Builds the verifier cases into objects and asks the running kernel for their verdicts, all in
// one bpfload process.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ObjectProgram } from '../../src/bpf/object.js';
import { runLoader, type LoaderCase, type ProgResult } from '../kernel/loader/bpfload.js';
import { compileString, type Compiled } from '../util/compile.js';
import { errnoName, kernelErrorLine, type Verdict, type VerifyCase } from './cases.js';

const ENOSPC = 28;

export interface BuiltCase {
  c: VerifyCase;
  compiled: Compiled;
  object?: ObjectProgram;
  elf?: Uint8Array;
  /** the program the case checks: its first function outside .text */
  prog?: string;
  /** why the case could not be built (a defect of the case, never a verdict) */
  error?: string;
}

/** Builds one case; `cache` shares one compile between the cases of a C file. */
export function buildCase(c: VerifyCase, cache = new Map<string, Compiled>()): BuiltCase {
  const key = `${c.file}\0${c.source}`;
  const compiled = cache.get(key) ?? compileString(c.source, {}, 'obj', c.file);
  cache.set(key, compiled);
  const programs = compiled.object?.functions.filter((f) => f.section !== '.text') ?? [];
  const prog = c.file.endsWith('.c') ? programs.find((f) => f.name === c.name)?.name : programs[0]?.name;
  const error = compiled.elf === undefined ? `does not compile:\n${compiled.text}` : prog === undefined ? (c.file.endsWith('.c') ? `has no program named ${c.name}` : 'has no program') : undefined;
  return { c, compiled, object: compiled.object, elf: compiled.elf, prog, error };
}

export function buildCases(cases: readonly VerifyCase[]): BuiltCase[] {
  const cache = new Map<string, Compiled>();
  return cases.map((c) => buildCase(c, cache));
}

export interface KernelVerdict {
  verdict: Verdict;
  /** where it failed: 'verifier' (BPF_PROG_LOAD), or 'libbpf'/'open' (the kernel never judged it) */
  stage: string;
  log: string;
  result: ProgResult;
}

/** Loads every built case into the kernel; one entry per case (undefined for cases that did not build). */
export function kernelVerdicts(built: readonly BuiltCase[]): (KernelVerdict | undefined)[] {
  const dir = mkdtempSync(join(tmpdir(), 'ebcc-verify-cases-'));
  try {
    const loads: LoaderCase[] = [];
    const index: number[] = [];
    const paths = new Map<Uint8Array, string>();
    built.forEach((b, i) => {
      if (b.elf === undefined || b.prog === undefined) return;
      const path = paths.get(b.elf) ?? join(dir, `case${i}.o`);
      if (!paths.has(b.elf)) writeFileSync(path, b.elf);
      paths.set(b.elf, path);
      loads.push({ id: `c${i}`, logSizeBytes: 8 << 20, object: { path, prog: b.prog, logLevel: b.c.logLevel } });
      index.push(i);
    });
    const results = runLoader(loads);
    // A log that does not fit the buffer makes the load fail with ENOSPC whatever the verdict:
    // load those cases again without a log to learn the verdict (the log kept its end).
    const again = results.flatMap((r, k) => (r.progs[0]?.errno === ENOSPC ? [k] : []));
    const retried = new Map<number, ProgResult | undefined>();
    if (again.length > 0) {
      const res = runLoader(again.map((k) => ({ ...loads[k]!, object: { ...loads[k]!.object!, logLevel: 0 } })));
      again.forEach((k, j) => retried.set(k, res[j]?.progs[0]));
    }
    const out: (KernelVerdict | undefined)[] = built.map(() => undefined);
    results.forEach((r, k) => {
      const p = r.progs[0];
      if (p === undefined) return;
      const q = retried.get(k) ?? p;
      const verdict: Verdict = q.accepted
        ? { verdict: 'accept' }
        : { verdict: 'reject', errno: errnoName(q.errno), message: kernelErrorLine(p.log) };
      out[index[k]!] = { verdict, stage: q.stage ?? 'verifier', log: p.log, result: q };
    });
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
