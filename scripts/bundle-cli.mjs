// Bundles the command line (src/cli/main.ts and everything it imports,
// chevrotain and commander included) into one file, dist/cli/bundle.cjs,
// which bin/ebcc.js runs. Loading one file instead of several hundred
// modules is most of what start-up costs: chevrotain's package entry alone
// pulls in ~450 modules (~450 ms). `npm run build` runs this after tsc;
// dist/ keeps the per-module output for code that imports single stages.
//
// The bundle is CommonJS so that bin/ebcc.js can compile it with vm.Script
// and a V8 code cache (dist/cli/bundle.cache); see bin/ebcc.js. The two
// `import.meta.url`s in the CLI (finding stdlib/include and the parse cache)
// read __ebccMeta.url, set from __filename, which is dist/cli/ in both the
// bundle and tsc's output. The bundle exports __ebccMeta so that a startup
// snapshot (scripts/build-snapshot.mjs) can point it at where the blob is.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli/bundle.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  define: { 'import.meta.url': '__ebccMeta.url' },
  banner: { js: "var __ebccMeta = { url: require('node:url').pathToFileURL(__filename).href };" },
  footer: { js: 'module.exports.__ebccMeta = __ebccMeta;' },
  // Less text to scan at start-up; names stay readable in stack traces.
  minifyWhitespace: true,
  legalComments: 'eof',
  logLevel: 'warning',
});

// Record the parse cache of ebcc's own headers for this bundle (scripts/gen-parse-cache.mjs).
const cache = spawnSync(process.execPath, [join(root, 'scripts/gen-parse-cache.mjs')], { encoding: 'utf8' });
if (cache.status !== 0) process.stderr.write(`bundle-cli: recording the parse cache failed (status ${cache.status}); compiles parse every header\n${cache.stderr}`);

// Compile one sample through bin/ebcc.js so the code cache is written with
// the functions a compile uses, not only the top level.
rmSync(join(root, 'dist/cli/bundle.cache'), { force: true });
const sample = join(root, 'samples/xdp_count.c');
const dir = mkdtempSync(join(tmpdir(), 'ebcc-build-'));
try {
  const args = existsSync(sample) ? [sample, '-o', join(dir, 'warm-up.o')] : ['--version'];
  const r = spawnSync(process.execPath, [join(root, 'bin/ebcc.js'), ...args], { encoding: 'utf8' });
  if (r.status !== 0) process.stderr.write(`bundle-cli: the warm-up compile failed (status ${r.status}); no code cache\n${r.stderr}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// The startup snapshot that bin/ebcc starts from when it matches the node that runs it.
const snap = spawnSync(process.execPath, [join(root, 'scripts/build-snapshot.mjs')], { encoding: 'utf8' });
if (snap.status !== 0) process.stderr.write(`bundle-cli: building the startup snapshot failed (status ${snap.status}); bin/ebcc runs the bundle\n${snap.stderr}`);
