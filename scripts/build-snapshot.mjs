// Builds the startup snapshot of the command line: dist/cli/ebcc.blob, the V8 heap after the
// bundle is evaluated and the warm-up programs are compiled (scripts/snapshot-entry.cjs), and
// dist/cli/snapshot.stamp, two lines: the node binary that built it and the V8 flags it was built
// with. bin/ebcc starts `node --snapshot-blob dist/cli/ebcc.blob FLAGS` when that node is the one
// on PATH, unchanged (same file, same modification time: the stamp's own is set to the binary's),
// and otherwise runs bin/ebcc.js. Node refuses a blob built by another Node or V8 version, or
// with other V8 flags, with exit status 14, which bin/ebcc also falls back on.
// `npm run build` runs this last (scripts/bundle-cli.mjs); a failure leaves no blob and no stamp.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist/cli');
const bundlePath = join(dist, 'bundle.cjs');
const blobPath = join(dist, 'ebcc.blob');
const stampPath = join(dist, 'snapshot.stamp');
/**
 * V8 flags of the build and of every start from the blob (V8 refuses a blob made with others).
 * --no-opt: as bin/ebcc.js, no TurboFan for a compile (`ebcc run` switches it on, and so does a
 * compile that lasts, src/cli/tiering.ts). --interrupt-budget=1000000: as bin/ebcc.js, TurboFan
 * then optimises only the functions that run most (tiering.ts). A young
 * generation of 16 MB from the start: a small compile then scavenges a few times instead of ten
 * (cachegrind: a trivial program 1.32 G -> 1.27 G instructions). --no-rehash-snapshot: a start
 * keeps the hash seed the blob was built with instead of drawing a new one and rehashing every
 * string, Map, Set and dictionary of the heap (a hash seed guards a server's tables against
 * chosen keys; a compile's output does not depend on it, and JavaScript Maps and Sets iterate in
 * insertion order whatever the seed): `ebcc --version` 295 M -> 262 M cachegrind instructions.
 * --interrupt-budget-factor-for-feedback-allocation=64 (V8's default 8): a function gets its
 * feedback vector, and with it a Sparkplug compile, after running 64 times its bytecode size
 * instead of 8. Baseline code is not kept in the blob, so every start compiled again each function
 * that warmed up; most of a small compile's run once or twice. Cachegrind: xdp_pass.c 319 M ->
 * 305 M, xdp_count.c 826 M -> 804 M, l4lb.c 1.951 G -> 1.965 G, katran_lb.c 15.23 G -> 15.39 G
 * (factor 32: 312 M, 815 M, 1.949 G, 15.29 G; 128: 297 M, 797 M, 2.001 G; no Sparkplug at all:
 * 281 M, 952 M, 2.479 G). --concurrent-sparkplug: those Sparkplug compiles run on a background
 * thread instead of stopping the compile (wall medians of 5 alternating runs over 69 real programs
 * and 4 of ebcc's: 1.8-2.1% less as a geometric mean, in both orders of the runs; the work itself
 * grows: cachegrind counts ~7% more instructions over all threads).
 */
const SNAPSHOT_V8_FLAGS = ['--no-opt', '--interrupt-budget=1000000', '--min-semi-space-size=16', '--no-rehash-snapshot', '--interrupt-budget-factor-for-feedback-allocation=64', '--concurrent-sparkplug'];

// The programs compiled at build: between them they run the whole compile path (every sample,
// at -O2 and at -O0).
const samples = ['xdp_count.c', 'l4lb.c', 'legacy_maps.c', 'socket_filter.c', 'tc_classifier.c', 'xdp_firewall.c'].map((f) => join(root, 'samples', f));
const warmUp = [...samples.map((f) => [f]), [samples[0], '-O0']];
// The include lists whose front-end state the blob keeps (src/driver/header-prefix.ts). Each costs
// every start its share of the blob and saves a compile that begins with it the work of its
// headers. The most common start of public programs, <linux/bpf.h> then <bpf/bpf_helpers.h>, and
// <linux/bpf.h> alone, which most of the others that start with it follow with other headers
// (<linux/if_ether.h>, <linux/in.h>: tc_classifier.c 1.390 G -> 1.152 G cachegrind instructions,
// xdp_count.c 1.200 G -> 1.093 G). The shorter list is recorded after the longer one, whose tokens,
// texts and macro definitions it shares: the blob grows by 534 KB instead of 737 KB, and a compile
// that takes neither pays 15-26 M instructions for it (xdp_pass.c with the first list 726 M -> 742 M).
// With each list that two samples begin with as well, every compile that matches none (any
// program built with -I) paid ~200 M more.
const headerLists = [['linux/bpf.h', 'bpf/bpf_helpers.h'], ['linux/bpf.h']];

rmSync(blobPath, { force: true });
rmSync(stampPath, { force: true });

const work = mkdtempSync(join(tmpdir(), 'ebcc-snapshot-build-'));
try {
  const entry = join(work, 'entry.cjs');
  writeFileSync(
    entry,
    `const __ebccBundle = (function (exports, require, module, __filename, __dirname) {${readFileSync(bundlePath, 'utf8')}\n});\n` +
      `const EBCC_SNAPSHOT = ${JSON.stringify({ bundlePath, warmUp, headerLists })};\n` +
      readFileSync(join(root, 'scripts/snapshot-entry.cjs'), 'utf8'),
  );
  const tmpBlob = join(work, 'ebcc.blob');
  const built = spawnSync(process.execPath, [...SNAPSHOT_V8_FLAGS, '--snapshot-blob', tmpBlob, '--build-snapshot', entry], { cwd: work, encoding: 'utf8' });
  // Node warns that commander's child_process is not verified in snapshots; ebcc never spawns.
  if (built.status !== 0) fail(`node --build-snapshot exited with status ${built.status}\n${built.stderr}`);
  // A blob must start and agree with the bundle before bin/ebcc may use it.
  const check = spawnSync(process.execPath, [...SNAPSHOT_V8_FLAGS, '--snapshot-blob', tmpBlob, '--', '--version'], { encoding: 'utf8' });
  const expected = spawnSync(process.execPath, [join(root, 'bin/ebcc.js'), '--version'], { encoding: 'utf8' });
  if (check.status !== 0 || check.stdout !== expected.stdout) fail(`the blob does not start (status ${check.status})\n${check.stderr}`);
  renameSync(tmpBlob, blobPath);
  // The stamp: the node binary's path and the flags, and the binary's modification time as its own.
  writeFileSync(stampPath, `${process.execPath}\n${SNAPSHOT_V8_FLAGS.join(' ')}\n`);
  const touch = spawnSync('touch', ['-r', process.execPath, stampPath]);
  if (touch.status !== 0) {
    rmSync(stampPath, { force: true });
    fail('touch -r failed: no stamp, bin/ebcc will not use the blob');
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

function fail(message) {
  process.stderr.write(`build-snapshot: ${message}\n`);
  rmSync(work, { recursive: true, force: true });
  process.exit(1);
}
