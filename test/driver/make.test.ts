// A Makefile written for clang builds with CLANG=ebcc, and the dependency file that
// `-MD -MF` writes makes make rebuild when a header changes and only then. This runs the
// ebcc command (bin/ebcc.js, built by `npm install`/`npm run build`) the way make does.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_DIR } from '../util/compile.js';

const MAKEFILE = `# A Makefile in the style of BPF projects that build with clang.
CLANG ?= clang
BPF_CFLAGS ?= -O2 -g -Wall -Wno-unused-value -target bpf

all: prog.o

prog.o: prog.c
\t$(CLANG) $(BPF_CFLAGS) -MD -MF prog.d -MP -c $< -o $@

-include prog.d
`;

const PROG = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "verdict.h"

SEC("xdp") int prog(struct xdp_md *ctx) { return VERDICT; }
char _license[] SEC("license") = "GPL";
`;

function make(dir: string): { status: number | null; out: string } {
  const clang = `${process.execPath} ${join(REPO_DIR, 'bin/ebcc.js')}`;
  const res = spawnSync('make', ['-C', dir, `CLANG=${clang}`], { encoding: 'utf8', timeout: 120_000 });
  if (res.error) throw res.error;
  return { status: res.status, out: res.stdout + res.stderr };
}

describe('make with CLANG=ebcc', () => {
  it('builds, writes prog.d, skips an up-to-date object, rebuilds after a header changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebcc-make-'));
    writeFileSync(join(dir, 'Makefile'), MAKEFILE);
    writeFileSync(join(dir, 'prog.c'), PROG);
    writeFileSync(join(dir, 'verdict.h'), '#define VERDICT XDP_PASS\n');

    const first = make(dir);
    expect(first.status, first.out).toBe(0);
    expect(first.out).toContain('bin/ebcc.js -O2 -g -Wall -Wno-unused-value -target bpf -MD -MF prog.d -MP -c prog.c -o prog.o');
    const obj = readFileSync(join(dir, 'prog.o'));
    expect(obj.readUInt16LE(18)).toBe(247); // EM_BPF
    const deps = readFileSync(join(dir, 'prog.d'), 'utf8');
    expect(deps.startsWith('prog.o: prog.c \\\n')).toBe(true);
    expect(deps).toContain('  verdict.h');
    expect(deps).toContain('\nverdict.h:\n');

    const second = make(dir);
    expect(second.status, second.out).toBe(0);
    expect(second.out).toMatch(/Nothing to be done for 'all'|'all' is up to date/);

    // A newer header: make must rebuild prog.o because prog.d lists verdict.h.
    const later = new Date(statSync(join(dir, 'prog.o')).mtimeMs + 10_000);
    writeFileSync(join(dir, 'verdict.h'), '#define VERDICT XDP_DROP\n');
    utimesSync(join(dir, 'verdict.h'), later, later);
    const third = make(dir);
    expect(third.status, third.out).toBe(0);
    expect(third.out).toContain('-c prog.c -o prog.o');
    expect(existsSync(join(dir, 'prog.o'))).toBe(true);
    expect(readFileSync(join(dir, 'prog.o')).equals(obj)).toBe(false); // XDP_DROP is in the code now
  });
});
