// A compile whose sources are large switches V8's optimising compiler back on (src/cli/main.ts):
// the CLI's file system says when the text read passes LARGE_INPUT_CHARS, once. The bundle's code
// cache is still made with the flags a run starts with, so the next small compile accepts it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LARGE_INPUT_CHARS, NodeFileSystem } from '../../src/cli/node-fs.js';
import { REPO_DIR } from '../util/compile.js';

/** A header of `count` struct definitions and typedefs, the shape of a vmlinux.h. */
function bigHeader(count: number): string {
  const lines = ['#pragma once'];
  for (let i = 0; i < count; i++) {
    lines.push(`struct rec_${i} {\n\tunsigned int key_${i};\n\tlong long int value;\n\tstruct rec_${i} *next;\n};\n`);
    lines.push(`typedef struct rec_${i} rec_${i}_t;\n`);
  }
  return lines.join('\n');
}

const PROG = `#include "big.h"
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp") int prog(struct xdp_md *ctx) { rec_7_t r = { .key_7 = 1 }; return r.key_7 + 1; }
char _license[] SEC("license") = "GPL";
`;

describe('large inputs', () => {
  it('the file system reports the read that passes LARGE_INPUT_CHARS, and only that one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebcc-large-'));
    const half = 'x'.repeat(LARGE_INPUT_CHARS / 2);
    for (const name of ['a.h', 'b.h', 'c.h']) writeFileSync(join(dir, name), half);
    writeFileSync(join(dir, 'd.h'), 'x');
    const calls: string[] = [];
    let current = '';
    const fs = new NodeFileSystem(() => calls.push(current));
    for (const name of ['a.h', 'b.h', 'd.h', 'c.h']) {
      current = name;
      expect(fs.readFile(join(dir, name))).toBeDefined();
    }
    // a.h + b.h is exactly the limit, not past it; d.h's one character passes it.
    expect(calls).toEqual(['d.h']);
    expect(new NodeFileSystem().readFile(join(dir, 'a.h'))?.length).toBe(LARGE_INPUT_CHARS / 2);
  });

  it.runIf(existsSync(join(REPO_DIR, 'dist/cli/bundle.cjs')))('compiles a program with a large header, and the code cache it makes is valid for the next run', () => {
    // A copy of the installed command (bin, the bundle, the headers), so that its code cache is its own.
    const install = mkdtempSync(join(tmpdir(), 'ebcc-install-'));
    cpSync(join(REPO_DIR, 'bin/ebcc.js'), join(install, 'bin/ebcc.js'));
    cpSync(join(REPO_DIR, 'dist/cli/bundle.cjs'), join(install, 'dist/cli/bundle.cjs'));
    cpSync(join(REPO_DIR, 'stdlib'), join(install, 'stdlib'), { recursive: true });
    const cache = join(install, 'dist/cli/bundle.cache');
    const dir = mkdtempSync(join(tmpdir(), 'ebcc-large-'));
    const header = bigHeader(6000);
    expect(header.length).toBeGreaterThan(LARGE_INPUT_CHARS);
    writeFileSync(join(dir, 'big.h'), header);
    writeFileSync(join(dir, 'prog.c'), PROG);
    writeFileSync(join(dir, 'small.c'), PROG.replace('#include "big.h"\n', 'typedef struct { unsigned int key_7; } rec_7_t;\n'));
    const run = (src: string) => spawnSync(process.execPath, [join(install, 'bin/ebcc.js'), '-O2', '-g', '-c', src, '-o', src.replace(/\.c$/, '.o')], { cwd: dir, encoding: 'utf8' });
    // The large compile runs without a cache, so it makes one: with the flags a run starts with.
    expect(existsSync(cache)).toBe(false);
    const big = run('prog.c');
    expect(big.stderr).toBe('');
    expect(big.status).toBe(0);
    const made = statSync(cache).mtimeMs;
    // A cache made with other flags would be rejected here, and written again.
    expect(run('small.c').status).toBe(0);
    expect(statSync(cache).mtimeMs).toBe(made);
    expect(readFileSync(join(dir, 'small.o')).length).toBeGreaterThan(0);
  }, 60_000);
});
