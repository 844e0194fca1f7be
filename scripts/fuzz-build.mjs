// The fuzz campaign of `ebcc build`, in test/robustness's style: inputs from a fixed seed
// (mutated samples, generated programs, programs with one construct scaled far up), each
// compiled in this process and checked against the contract of test/robustness/contract.ts:
// an object, or catalogued diagnostics and no internal error; and at most --limit-ms of CPU.
//
//   node scripts/fuzz-build.mjs [--count 10000] [--seed 1] [--limit-ms 10000] [--every 500]
//                               [--from N] [--verbose]   (reproduce from input N, naming each)
//
// It bundles test/robustness/campaign.ts with esbuild (a dev dependency) and runs it; exit
// status 1 if any input broke the contract or the limit. One process: run it alone.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    'limit-ms': { type: 'string', default: '10000' },
    every: { type: 'string', default: '500' },
    from: { type: 'string', default: '0' },
    verbose: { type: 'boolean', default: false },
  },
});
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ebcc-fuzz-'));
const outfile = join(dir, 'campaign.mjs');
try {
  await build({
    absWorkingDir: root,
    stdin: {
      contents: `export { runCampaign } from './test/robustness/campaign.ts';`,
      resolveDir: root,
      loader: 'ts',
    },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The bundle lives in a temporary directory: URLs relative to the sources (the stdlib) must
    // still point into the repository.
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(root, 'test/util/compile.ts')).href) },
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    external: ['vitest'],
    logLevel: 'warning',
  });
  const { runCampaign } = await import(pathToFileURL(outfile).href);
  process.exitCode = runCampaign({ count: Number(values.count), seed: Number(values.seed), limitMs: Number(values['limit-ms']), every: Number(values.every), from: Number(values.from), verbose: values.verbose });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
