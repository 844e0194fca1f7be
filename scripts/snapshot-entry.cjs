// The second half of the startup snapshot's entry script (scripts/build-snapshot.mjs writes the
// first: the bundle as the function __ebccBundle, and EBCC_SNAPSHOT, what the build knows). It runs
// once, under `node --build-snapshot`: it evaluates the bundle, compiles the warm-up programs so
// that the chevrotain parser is built, the lazy tables are filled and the functions a compile
// runs have their bytecode (the snapshot keeps it), and names the function a process started
// from the blob runs. Only builtin modules can be required here, which is all the bundle needs.
/* global __ebccBundle, EBCC_SNAPSHOT */
'use strict';
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join, resolve } = require('node:path');
const { pathToFileURL } = require('node:url');
const v8 = require('node:v8');

const bundle = { exports: {} };
__ebccBundle(bundle.exports, require, bundle, EBCC_SNAPSHOT.bundlePath, dirname(EBCC_SNAPSHOT.bundlePath));
const { main, parseCacheFingerprint, releaseParserState, __ebccMeta: meta } = bundle.exports;
const bundleFingerprint = parseCacheFingerprint(readFileSync(EBCC_SNAPSHOT.bundlePath, 'utf8'));

// The front end's states after common include lists (src/driver/header-prefix.ts), recorded after
// the warm-up by compiling a file of just those #include lines; a compile takes at most one.
const headerPrefixes = { entries: [] };

async function warmUp() {
  const out = mkdtempSync(join(tmpdir(), 'ebcc-snapshot-'));
  try {
    for (const [i, args] of EBCC_SNAPSHOT.warmUp.entries()) {
      const status = await main([...args, '-o', join(out, `${i}.o`)], { bundleFingerprint, fixedFlags: true });
      if (status !== 0) throw new Error(`the warm-up compile ${args.join(' ')} failed (status ${status})`);
    }
    const recording = { entries: headerPrefixes.entries, recording: true };
    for (const [i, headers] of EBCC_SNAPSHOT.headerLists.entries()) {
      const file = join(out, `prefix-${i}.c`);
      writeFileSync(file, headers.map((h) => `#include <${h}>\n`).join(''));
      const status = await main([file, '-fsyntax-only'], { headerPrefixes: recording, fixedFlags: true });
      if (status !== 0) throw new Error(`recording the header prefix of ${headers.join(' ')} failed (status ${status})`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
    process.exitCode = undefined;
  }
  // Whatever stays reachable now is in the blob, and every start pays to deserialize it: keep
  // what later compiles use (the built parser, filled tables, bytecode), drop what
  // only the last warm-up compile needed.
  releaseParserState();
}

/** The blob's own path, from the command line that started this process (bin/ebcc passes it). */
function blobPath() {
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--snapshot-blob') return args[i + 1];
    if (args[i].startsWith('--snapshot-blob=')) return args[i].slice('--snapshot-blob='.length);
  }
  return undefined;
}

// The warm-up is asynchronous (main is); the snapshot is taken when the event loop is empty.
warmUp().catch((e) => {
  process.stderr.write(`build-snapshot: ${e.stack ?? e}\n`);
  process.exit(1);
});

v8.startupSnapshot.setDeserializeMainFunction(async () => {
  // As bin/ebcc.js: the blob is built and started with --no-opt; `ebcc run` wants TurboFan.
  const args = process.argv.slice(1);
  if (args[0] === 'run') v8.setFlagsFromString('--opt');
  // stdlib/include and the parse cache are found from the bundle's path: the blob's directory
  // now, wherever the package has been moved since the build.
  const blob = blobPath();
  if (blob !== undefined) meta.url = pathToFileURL(resolve(dirname(blob), 'bundle.cjs')).href;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  exitNow(await main(args, { bundleFingerprint, headerPrefixes }));
});

/**
 * Ends the process with status as soon as nothing waits to be written. Left to end by itself,
 * node first waits for V8's background tasks and tears the heap down, ~20 ms after an l4lb.c
 * compile (strace: the output's rename to exit_group 71 ms, against 3 ms with process.exit).
 * Writes to files and pipes are synchronous on Linux; elsewhere a pending write keeps the slow way.
 */
function exitNow(status) {
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(status);
  process.exitCode = status;
}
