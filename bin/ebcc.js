#!/usr/bin/env node
// The ebcc command. It runs dist/cli/bundle.cjs, the whole CLI in one file
// (scripts/bundle-cli.mjs builds it), compiled through vm.Script with a V8
// code cache, dist/cli/bundle.cache: the cache holds the bytecode of the
// functions a compile ran, so later runs skip parsing and compiling them.
// V8 checks the cache against the source and its own version and flags; a
// missing or rejected cache is (re)written after the run, best effort.
// Without the bundle (only tsc has run), dist/cli/main.js runs instead.
//
// TurboFan is switched off for this process: a compile lasts a fraction of
// a second, and optimising hot functions in that time costs more (on other
// cores, or on this one when there is none free) than it saves. Measured
// with samples/xdp_count.c and samples/l4lb.c, it cuts CPU time by a third.
// Sparkplug, the baseline compiler, still runs. `ebcc run` keeps TurboFan: its interpreter loop
// runs long enough to pay for it, and so does a compile whose sources are large or that lasts
// (src/cli/tiering.ts switches it back on then).
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

if (process.argv[2] !== 'run') v8.setFlagsFromString('--no-opt');
// When a compile that lasts switches TurboFan on (src/cli/tiering.ts), it optimises only the
// functions that run most: 15x V8's tier-up budget.
if (process.argv[2] !== 'run') v8.setFlagsFromString('--interrupt-budget=1000000');

// A closed pipe (ebcc explain | head) ends output quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const bundlePath = fileURLToPath(new URL('../dist/cli/bundle.cjs', import.meta.url));
const cachePath = bundlePath.replace(/\.cjs$/, '.cache');

function loadBundle() {
  const source = readFileSync(bundlePath, 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(cachePath);
  } catch {
    cachedData = undefined;
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapper, { filename: bundlePath, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  const needsCache = cachedData === undefined || script.cachedDataRejected === true;
  return { main: module.exports.main, script, needsCache, source };
}

function writeCache(script) {
  const tmp = `${cachePath}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, cachePath);
  } catch {
    // A read-only install keeps working, only without the cache.
    rmSync(tmp, { force: true });
  }
}

if (existsSync(bundlePath)) {
  const { main, script, needsCache, source } = loadBundle();
  // The bundle's text identifies the parse cache recorded with it (src/cli/parse-cache-files.ts).
  process.exitCode = await main(process.argv.slice(2), { bundleSource: source });
  if (needsCache) {
    // V8 checks a cache against the flags it was made with: make it with the ones a run starts with.
    if (process.argv[2] !== 'run') v8.setFlagsFromString('--no-opt');
    writeCache(script);
  }
  exitNow(process.exitCode);
} else {
  const { main } = await import('../dist/cli/main.js');
  process.exitCode = await main(process.argv.slice(2));
}

/**
 * Ends the process with status as soon as nothing waits to be written, without the heap teardown
 * node does otherwise (as scripts/snapshot-entry.cjs). Elsewhere than Linux, where writes to pipes
 * may be asynchronous, a pending write keeps the slow way.
 */
function exitNow(status) {
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(status);
  process.exitCode = status;
}
