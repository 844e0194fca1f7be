// Runs random differential programs (diff-gen.ts): each program is compiled by ebcc at every
// -mcpu and -O level, loaded and run in the kernel with BPF_PROG_TEST_RUN (one bpfload process
// per batch), and what it writes into the packet is compared with the evaluator's values.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileString } from '../util/compile.js';
import { runLoader, type LoaderCase } from '../kernel/loader/bpfload.js';
import { generate, outputsOf, packetFor, type GenOptions, type Program } from './diff-gen.js';

export interface Level {
  mcpu: 1 | 2 | 3 | 4;
  optLevel: 0 | 2;
}

export const ALL_LEVELS: Level[] = [1, 2, 3, 4].flatMap((mcpu) => [0, 2].map((optLevel) => ({ mcpu: mcpu as Level['mcpu'], optLevel: optLevel as Level['optLevel'] })));

export const levelName = (l: Level): string => `-mcpu=v${l.mcpu} -O${l.optLevel}`;

export type Verdict =
  | { kind: 'ok' }
  /** ebcc reported an error */
  | { kind: 'refused'; message: string }
  /** the kernel's verifier refused the object */
  | { kind: 'rejected'; message: string }
  /** the program ran and wrote something else than the evaluator says: wrong code */
  | { kind: 'wrong'; message: string }
  /** the run itself failed (BPF_PROG_TEST_RUN error) */
  | { kind: 'error'; message: string };

export interface ProgramResult {
  seed: number;
  source: string;
  expected: bigint[];
  levels: { level: Level; verdict: Verdict }[];
}

const hex = (v: bigint): string => `0x${v.toString(16)}`;

/** Compiles, loads and runs the programs of `seeds` at `levels`; one loader process for the batch. */
export function runPrograms(seeds: readonly number[], levels: readonly Level[] = ALL_LEVELS, opts: GenOptions = {}): ProgramResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'ebcc-diff-'));
  try {
    const results: ProgramResult[] = [];
    const cases: LoaderCase[] = [];
    const pending: { result: ProgramResult; index: number; program: Program }[] = [];
    for (const seed of seeds) {
      const { program, source, expected } = generate(seed, opts);
      const result: ProgramResult = { seed, source, expected, levels: [] };
      results.push(result);
      levels.forEach((level, li) => {
        const out = compileString(source, { mcpu: level.mcpu, optLevel: level.optLevel, debugInfo: false });
        const errors = out.ctx.diags.list.filter((d) => d.severity === 'error');
        if (errors.length > 0 || out.elf === undefined) {
          result.levels.push({ level, verdict: { kind: 'refused', message: out.text.split('\n').slice(0, 6).join('\n') } });
          return;
        }
        const path = join(dir, `s${seed}-l${li}.o`);
        writeFileSync(path, out.elf);
        result.levels.push({ level, verdict: { kind: 'ok' } });
        pending.push({ result, index: result.levels.length - 1, program });
        // Log level 4 (statistics): the verifier's complaint without the instruction trace, which
        // for a long program would overflow the log buffer and make the load fail.
        cases.push({ id: `s${seed}-l${li}`, object: { path, prog: 'prog', logLevel: 4 }, steps: [{ kind: 'run', prog: 0, data: packetFor(program) }] });
      });
    }
    const answers = cases.length > 0 ? runLoader(cases) : [];
    answers.forEach((res, i) => {
      const { result, index, program } = pending[i]!;
      const slot = result.levels[index]!;
      const prog = res.progs[0];
      if (prog === undefined || !prog.accepted) {
        // The verifier's complaint is the last line before its statistics.
        const log = (prog?.log ?? res.libbpf).trim().split('\n').filter((line) => !/^(processed |verification time|stack depth|libbpf: )/.test(line));
        slot.verdict = { kind: 'rejected', message: log.slice(-3).reverse().join('\n') };
        return;
      }
      const run = res.runs[0];
      if (run === undefined || run.errno !== 0) {
        slot.verdict = { kind: 'error', message: `the test run failed: errno ${run?.errno ?? 'none'} ${res.errors.join('; ')}` };
        return;
      }
      if (run.retval !== 2) {
        slot.verdict = { kind: 'wrong', message: `returned ${run.retval}, not 2` };
        return;
      }
      const got = outputsOf(program, run.dataOut);
      const diffs = result.expected.flatMap((want, k) => (got[k] === want ? [] : [`out[${k}] = ${hex(got[k]!)}, expected ${hex(want)}`]));
      if (diffs.length > 0) slot.verdict = { kind: 'wrong', message: diffs.slice(0, 8).join('\n') };
    });
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One line per level that did not agree, for test failure messages and the campaign log. */
export function describeProblems(r: ProgramResult): string[] {
  return r.levels.filter((l) => l.verdict.kind !== 'ok').map((l) => {
    const v = l.verdict as Exclude<Verdict, { kind: 'ok' }>;
    return `seed ${r.seed} ${levelName(l.level)}: ${v.kind}: ${v.message}`;
  });
}
