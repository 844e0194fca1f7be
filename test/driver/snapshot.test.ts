// bin/ebcc, the launcher: it starts node from the startup snapshot (dist/cli/ebcc.blob) only when
// dist/cli/snapshot.stamp names the node on PATH with that binary's modification time, and runs
// bin/ebcc.js otherwise, or when node refuses the blob (exit status 14). Either way the outputs
// are the same bytes. The tests run a copy of the installed command in another directory (the
// blob must find stdlib/include where it is now), with a `node` on PATH that logs its arguments.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_DIR } from '../util/compile.js';

const BLOB = join(REPO_DIR, 'dist/cli/ebcc.blob');

const PROGRAM = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp") int pass(struct xdp_md *ctx) { return XDP_PASS; }
char LICENSE[] SEC("license") = "GPL";
`;
const BROKEN = 'int f(void) { return undeclared; }\n';

describe.runIf(existsSync(BLOB) && existsSync(join(REPO_DIR, 'dist/cli/snapshot.stamp')))('the launcher and the startup snapshot', () => {
  const top = mkdtempSync(join(tmpdir(), 'ebcc-snapshot-'));
  afterAll(() => rmSync(top, { recursive: true, force: true }));
  const install = join(top, 'install');
  for (const p of ['bin/ebcc', 'bin/ebcc.js', 'dist/cli/bundle.cjs', 'dist/cli/ebcc.blob', 'dist/cli/parse-cache', 'stdlib']) {
    cpSync(join(REPO_DIR, p), join(install, p), { recursive: true });
  }
  const [, flags] = readFileSync(join(REPO_DIR, 'dist/cli/snapshot.stamp'), 'utf8').split('\n');
  // A `node` that logs how it was started and runs the real one.
  const fakeBin = join(top, 'fake-bin');
  const fakeNode = join(fakeBin, 'node');
  const log = join(top, 'node.log');
  mkdirSync(fakeBin);
  cpSync(join(REPO_DIR, 'package.json'), join(top, 'work/package.json')); // any file: the work directory
  writeFileSync(join(top, 'work/prog.c'), PROGRAM);
  writeFileSync(join(top, 'work/broken.c'), BROKEN);
  writeFileSync(fakeNode, `#!/bin/sh\nprintf '%s\\n' "$*" "tunables=$GLIBC_TUNABLES" >>'${log}'\nexec '${process.execPath}' "$@"\n`);
  chmodSync(fakeNode, 0o755);
  const stamp = join(install, 'dist/cli/snapshot.stamp');

  /** Writes the stamp for `node`, with that file's modification time unless `mtime` is given. */
  function writeStamp(node: string, stampFlags = flags, mtime?: Date): void {
    writeFileSync(stamp, `${node}\n${stampFlags}\n`);
    const time = mtime ?? new Date(Math.floor(Date.now() / 1000 - 3600) * 1000);
    utimesSync(stamp, time, time);
    if (mtime === undefined) utimesSync(node, time, time);
  }

  function run(args: string[], env: Record<string, string> = {}) {
    rmSync(log, { force: true });
    const r = spawnSync(join(install, 'bin/ebcc'), args, {
      cwd: join(top, 'work'),
      env: { ...process.env, NODE_OPTIONS: '', PATH: `${fakeBin}:${process.env.PATH}`, ...env },
      encoding: 'utf8',
    });
    const started = existsSync(log) ? readFileSync(log, 'utf8') : '';
    const via = started.includes('--snapshot-blob') ? 'snapshot' : started.includes('bin/ebcc.js') ? 'bundle' : 'none';
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, via, started };
  }

  /** Compiles prog.c and broken.c; the object's bytes and every stream and status. */
  function outputs(env: Record<string, string> = {}) {
    const ok = run(['-O2', '-g', 'prog.c', '-o', 'prog.o'], env);
    const object = readFileSync(join(top, 'work/prog.o')).toString('hex');
    rmSync(join(top, 'work/prog.o'));
    const bad = run(['broken.c', '-o', 'broken.o'], env);
    const version = run(['--version'], env);
    return { via: [ok.via, bad.via, version.via], ok: { ...ok, via: '', started: '' }, object, bad: { ...bad, via: '', started: '' }, version: { ...version, via: '', started: '' } };
  }

  it('starts from the blob when the stamp names the node on PATH, and from the bundle otherwise, with the same outputs', () => {
    writeStamp(fakeNode);
    const fromSnapshot = outputs();
    expect(fromSnapshot.via).toEqual(['snapshot', 'snapshot', 'snapshot']);
    expect(fromSnapshot.ok.status).toBe(0);
    expect(fromSnapshot.ok.stderr).toBe('');
    expect(fromSnapshot.bad.status).toBe(1);
    expect(fromSnapshot.bad.stderr).toContain('undeclared');
    expect(fromSnapshot.version.stdout).toBe('0.1.0\n');
    // The same node, rebuilt or upgraded since: its modification time is not the stamp's.
    writeStamp(fakeNode, flags, new Date(Math.floor(Date.now() / 1000 - 7200) * 1000));
    const fromBundle = outputs();
    expect(fromBundle.via).toEqual(['bundle', 'bundle', 'bundle']);
    expect({ ...fromBundle, via: [] }).toEqual({ ...fromSnapshot, via: [] });
  }, 60_000);

  it('does not use the blob for another node, without a stamp or a blob, or with NODE_OPTIONS', () => {
    writeStamp(join(top, 'work/package.json'));
    expect(run(['--version']).via).toBe('bundle');
    writeStamp(fakeNode);
    expect(run(['--version'], { NODE_OPTIONS: '--max-old-space-size=512' }).via).toBe('bundle');
    expect(run(['--version']).via).toBe('snapshot');
    rmSync(stamp);
    expect(run(['--version']).via).toBe('bundle');
    writeStamp(fakeNode);
    cpSync(join(install, 'dist/cli/ebcc.blob'), join(top, 'ebcc.blob'));
    rmSync(join(install, 'dist/cli/ebcc.blob'));
    expect(run(['--version']).via).toBe('bundle');
    cpSync(join(top, 'ebcc.blob'), join(install, 'dist/cli/ebcc.blob'));
    expect(run(['--version']).via).toBe('snapshot');
  }, 60_000);

  it('falls back to the bundle when node refuses the blob, and stops trying it', () => {
    // V8 refuses a blob started with other V8 flags than it was built with (exit status 14).
    writeStamp(fakeNode, `${flags} --max-old-space-size=512`);
    const refused = run(['--version']);
    expect(refused.started).toContain('--snapshot-blob');
    expect(refused.started).toContain('bin/ebcc.js');
    expect(refused.status).toBe(0);
    expect(refused.stdout).toBe('0.1.0\n');
    expect(existsSync(stamp)).toBe(false);
    expect(run(['--version']).via).toBe('bundle');
  }, 60_000);

  it('keeps the stamp when a preloaded tool may have caused the refusal, and does not try the blob under valgrind', () => {
    // LD_PRELOAD=' ' preloads nothing, but the launcher cannot tell it from a tool's library.
    writeStamp(fakeNode, `${flags} --max-old-space-size=512`);
    const refused = run(['--version'], { LD_PRELOAD: ' ' });
    expect(refused.started).toContain('--snapshot-blob');
    expect(refused.stdout).toBe('0.1.0\n');
    expect(existsSync(stamp)).toBe(true);
    writeStamp(fakeNode);
    expect(run(['--version'], { LD_PRELOAD: ' ' }).via).toBe('snapshot');
    // Valgrind shows V8 other CPU features, so node would refuse the blob: go to the bundle at once.
    const valgrind = run(['--version'], { LD_PRELOAD: join(top, 'vgpreload_core-amd64-linux.so') });
    expect(valgrind.via).toBe('bundle');
    expect(valgrind.started).not.toContain('--snapshot-blob');
    expect(valgrind.stdout).toBe('0.1.0\n');
    expect(existsSync(stamp)).toBe(true);
  }, 60_000);

  it('starts node without NODE_EXTRA_CA_CERTS, which ebcc never needs, both ways', () => {
    // Node reads the file at start-up and warns on stderr when it cannot.
    const env = { NODE_EXTRA_CA_CERTS: join(top, 'no-such-certs.pem') };
    writeStamp(fakeNode);
    const fromSnapshot = outputs(env);
    expect(fromSnapshot.via).toEqual(['snapshot', 'snapshot', 'snapshot']);
    expect(fromSnapshot.ok.stderr).toBe('');
    expect(fromSnapshot.version.stderr).toBe('');
    rmSync(stamp);
    const fromBundle = outputs(env);
    expect(fromBundle.via).toEqual(['bundle', 'bundle', 'bundle']);
    expect({ ...fromBundle, via: [] }).toEqual({ ...fromSnapshot, via: [] });
  }, 60_000);

  it('asks glibc for transparent huge pages for large allocations, keeping the tunables already set, both ways', () => {
    writeStamp(fakeNode);
    const plain = run(['--version'], { GLIBC_TUNABLES: '' });
    expect(plain.via).toBe('snapshot');
    expect(plain.started).toContain('tunables=glibc.malloc.hugetlb=1\n');
    const kept = run(['--version'], { GLIBC_TUNABLES: 'glibc.malloc.check=0' });
    expect(kept.started).toContain('tunables=glibc.malloc.check=0:glibc.malloc.hugetlb=1\n');
    rmSync(stamp);
    const bundle = run(['--version'], { GLIBC_TUNABLES: '' });
    expect(bundle.via).toBe('bundle');
    expect(bundle.started).toContain('tunables=glibc.malloc.hugetlb=1\n');
    expect(bundle.stdout).toBe(plain.stdout);
  }, 60_000);

  it('writes an output longer than a pipe holds whole, both ways, before it exits', () => {
    // The process ends as soon as the compile returns (without the heap teardown), but only once
    // nothing waits to be written: 20,000 lines of -E are ~300 KB through a 64 KB pipe.
    const lines = Array.from({ length: 20_000 }, (_, i) => `int value_${i} = ${i};`);
    writeFileSync(join(top, 'work/long.c'), `${lines.join('\n')}\n`);
    writeStamp(fakeNode);
    const fromSnapshot = run(['-E', 'long.c']);
    expect(fromSnapshot.via).toBe('snapshot');
    expect(fromSnapshot.status).toBe(0);
    const printed = fromSnapshot.stdout.split('\n').filter((l) => l.startsWith('int value_'));
    expect(printed).toEqual(lines);
    rmSync(stamp);
    const fromBundle = run(['-E', 'long.c']);
    expect(fromBundle.via).toBe('bundle');
    expect({ ...fromBundle, via: '', started: '' }).toEqual({ ...fromSnapshot, via: '', started: '' });
  }, 60_000);

  it('is reached through a symlink, as npm links node_modules/.bin/ebcc, and keeps the exit status', () => {
    writeStamp(fakeNode);
    const link = join(top, 'work/ebcc-link');
    spawnSync('ln', ['-sf', join(install, 'bin/ebcc'), link]);
    rmSync(log, { force: true });
    const r = spawnSync(link, ['explain', 'E9999'], { cwd: join(top, 'work'), env: { ...process.env, NODE_OPTIONS: '', PATH: `${fakeBin}:${process.env.PATH}` }, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(readFileSync(log, 'utf8')).toContain('--snapshot-blob');
  }, 60_000);
});
