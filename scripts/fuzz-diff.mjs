// A campaign of random differential programs (test/fuzz/diff-gen.ts, diff-run.ts): each program
// is compiled by ebcc at -mcpu=v1..v4 with -O0 and -O2, run in the kernel, and compared with the
// evaluator. Needs root (or CAP_BPF) and gcc + libbpf-dev for the loader, like the kernel tests.
//
//   node scripts/fuzz-diff.mjs [--seeds FIRST] [--count N] [--batch B] [--out DIR] [--no-packed] [--no-triangular]
//
// Prints one line per batch and one per problem; writes each problem program to DIR (default
// fuzz-diff-out/) as seedN.c with the verdicts in a comment; ends with a summary. Exit status 1
// when any program computed a wrong value.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const first = Number(opt('--seeds', '1'));
const count = Number(opt('--count', '100'));
const batch = Number(opt('--batch', '10'));
const outDir = opt('--out', join(root, 'fuzz-diff-out'));
const genOptions = { packed: !args.includes('--no-packed'), triangular: !args.includes('--no-triangular') };
if (!Number.isInteger(first) || !Number.isInteger(count) || count < 1 || !Number.isInteger(batch) || batch < 1) {
  console.error('usage: node scripts/fuzz-diff.mjs [--seeds FIRST] [--count N] [--batch B] [--out DIR] [--no-packed] [--no-triangular]');
  process.exit(2);
}

// Bundle the TypeScript runner. Each file keeps its own import.meta.url (the runner finds
// stdlib/include and the loader's C source next to itself); vitest is not needed outside tests.
// The bundle lives under node_modules/ so that its package imports (chevrotain) resolve.
mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
const tmp = mkdtempSync(join(root, 'node_modules/.cache/ebcc-fuzz-diff-'));
const bundle = join(tmp, 'run.mjs');
await build({
  absWorkingDir: root,
  entryPoints: ['test/fuzz/diff-run.ts'],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  plugins: [{
    name: 'per-file-import-meta',
    setup(b) {
      b.onResolve({ filter: /^vitest$/ }, () => ({ path: 'vitest', namespace: 'stub' }));
      b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export const describe = () => {}; export const it = () => {}; export const expect = () => {};', loader: 'js' }));
      b.onLoad({ filter: /\.ts$/ }, (a) => ({
        contents: readFileSync(a.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(a.path).href)),
        loader: 'ts',
      }));
    },
  }],
});
const { runPrograms, describeProblems, ALL_LEVELS } = await import(pathToFileURL(bundle).href);
rmSync(tmp, { recursive: true, force: true });

const totals = { programs: 0, runs: 0, ok: 0, refused: 0, rejected: 0, wrong: 0, error: 0 };
const wrongSeeds = new Set();
const started = Date.now();
mkdirSync(outDir, { recursive: true });
for (let s = first; s < first + count; s += batch) {
  const seeds = Array.from({ length: Math.min(batch, first + count - s) }, (_, i) => s + i);
  let results;
  try {
    results = runPrograms(seeds, ALL_LEVELS, genOptions);
  } catch (e) {
    console.log(`seeds ${seeds[0]}..${seeds[seeds.length - 1]}: the batch failed: ${e.message}`);
    continue;
  }
  for (const r of results) {
    totals.programs++;
    for (const l of r.levels) {
      totals.runs++;
      totals[l.verdict.kind]++;
      if (l.verdict.kind === 'wrong') wrongSeeds.add(r.seed);
    }
    const problems = describeProblems(r);
    if (problems.length > 0) {
      for (const p of problems) console.log(p.split('\n')[0]);
      writeFileSync(join(outDir, `seed${r.seed}.c`), `/*\n${problems.join('\n').replaceAll('*/', '* /')}\n*/\n${r.source}`);
    }
  }
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`[${secs}s] ${totals.programs} programs, ${totals.runs} runs: ${totals.ok} ok, ${totals.wrong} wrong, ` +
    `${totals.rejected} rejected by the verifier, ${totals.refused} refused by ebcc, ${totals.error} run errors`);
}
console.log(`\nsummary: seeds ${first}..${first + count - 1}, ${totals.programs} programs x ${ALL_LEVELS.length} levels = ${totals.runs} runs: ` +
  `${totals.ok} ok, ${totals.wrong} wrong (${wrongSeeds.size} programs), ${totals.rejected} rejected by the verifier, ` +
  `${totals.refused} refused by ebcc, ${totals.error} run errors`);
process.exit(totals.wrong > 0 ? 1 : 0);
