// `ebcc verify` and the verifier in `ebcc build` from the command line: exit statuses, the
// rendered diagnostic at the C line, --stats, --log-level, --diagnostics=json, and --no-verify.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { REPO_DIR } from '../util/compile.js';

let stderr = '';
let stdout = '';
const dir = mkdtempSync(join(tmpdir(), 'ebcc-verify-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  stderr = '';
  stdout = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  process.exitCode = undefined;
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

const NO_NULL = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

SEC("xdp")
int no_null_check(struct xdp_md *ctx)
{
	__u32 key = ctx->ingress_ifindex;
	__u64 *v = bpf_map_lookup_elem(&counts, &key);
	*v += 1;
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
`;

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('ebcc build with the verifier', () => {
  it('a rejection is a warning at the C line and the object is written, as clang writes it; --no-verify is silent', async () => {
    const src = file('no_null.c', NO_NULL);
    const out = join(dir, 'no_null.o');
    expect(await main(['build', src, '-o', out, '--no-color'])).toBe(0);
    expect(stderr).toContain(`${src}:16:2: warning: the kernel would reject program 'no_null_check': R0 invalid mem access 'map_value_or_null' [V1002]`);
    expect(stderr).toContain('note: the object is still written, as clang would write it (-Werror=bpf-verifier makes this an error)');
    expect(existsSync(out)).toBe(true);
    rmSync(out);
    stderr = '';
    expect(await main(['build', src, '-o', out, '--no-verify', '--no-color'])).toBe(0);
    expect(stderr).toBe('');
    expect(existsSync(out)).toBe(true);
  });
  it('-Werror=bpf-verifier makes it an error and writes no object; -Wno-error=bpf-verifier takes that back', async () => {
    const src = file('no_null_strict.c', NO_NULL);
    const out = join(dir, 'no_null_strict.o');
    expect(await main(['build', src, '-o', out, '--no-color', '-Werror=bpf-verifier'])).toBe(1);
    expect(stderr).toContain(`${src}:16:2: error: the kernel would reject program 'no_null_check': R0 invalid mem access 'map_value_or_null' (a warning, made an error by -Werror=bpf-verifier) [V1002]`);
    expect(existsSync(out)).toBe(false);
    stderr = '';
    expect(await main(['build', src, '-o', out, '--no-color', '-Werror=bpf-verifier', '-Wno-error=bpf-verifier'])).toBe(0);
    expect(stderr).toContain('warning: the kernel would reject');
    expect(existsSync(out)).toBe(true);
  });
});

describe('ebcc verify', () => {
  it('exit 1 on a rejected object, with the diagnostic at the C line from .BTF.ext', async () => {
    const src = file('no_null2.c', NO_NULL);
    const obj = join(dir, 'no_null2.o');
    expect(await main(['build', src, '-o', obj, '--no-verify'])).toBe(0);
    stderr = '';
    expect(await main(['verify', obj, '--no-color'])).toBe(1);
    expect(stderr).toContain(`${src}:16:2: error: the kernel would reject program 'no_null_check': R0 invalid mem access 'map_value_or_null' [V1002]`);
    expect(stderr).toContain('   16 |  *v += 1;');
  });
  it('exit 0 and --stats on an accepted sample', async () => {
    expect(await main(['verify', join(REPO_DIR, 'samples/xdp_count.c'), '--stats', '--no-color'])).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^xdp_count \(xdp, xdp\): accepted; processed \d+ insns, peak_states \d+, total_states \d+, stack depth \d+, verification time \d+ usec\n/);
  });
  it('--diagnostics=json prints programs and diagnostics', async () => {
    const src = file('no_null3.c', NO_NULL);
    expect(await main(['verify', src, '--diagnostics', 'json'])).toBe(1);
    const j = JSON.parse(stdout) as { programs: { name: string; accepted: boolean }[]; diagnostics: { code: string; line: number }[] };
    expect(j.programs.map((p) => [p.name, p.accepted])).toEqual([['no_null_check', false]]);
    expect(j.diagnostics[0]).toMatchObject({ code: 'V1002', line: 16 });
  });
  it('--log-level prints the failing path with the states, in the kernel log format', async () => {
    const src = file('no_null4.c', NO_NULL);
    const obj = join(dir, 'no_null4.o');
    expect(await main(['build', src, '-o', obj, '--no-verify'])).toBe(0);
    expect(await main(['verify', obj, '--log-level', '1', '--no-color'])).toBe(1);
    const one = stdout;
    expect(one).toMatch(/^; program no_null_check\n0: R1=ctx\(\) R10=fp0\n; __u32 key = ctx->ingress_ifindex; @ no_null4.c:14\n/);
    expect(one).toContain('\n; __u64 *v = bpf_map_lookup_elem(&counts, &key); @ no_null4.c:15\n');
    expect(one).toMatch(/\n\d+: \(85\) call bpf_map_lookup_elem#1 +; R0=map_value_or_null\(id=2,map=counts,ks=4,vs=8\)\n; \*v \+= 1; @ no_null4.c:16\n/);
    expect(one).toContain("\nR0 invalid mem access 'map_value_or_null'\nprocessed ");
    stdout = '';
    expect(await main(['verify', obj, '--log-level', '2', '--no-color'])).toBe(1);
    // Level 2 adds the whole state where each C line begins: R0 may be NULL at line 16.
    const added = stdout.split('\n').filter((l) => !one.split('\n').includes(l));
    expect(added.length).toBe(2);
    expect(added[1]).toMatch(/^\d+: R0=map_value_or_null\(id=2,map=counts,ks=4,vs=8\) .*R10=fp0 fp-8=/);
  });
  it('exit 2 on a usage error; 1 on a missing program', async () => {
    expect(await main(['verify', join(REPO_DIR, 'samples/xdp_count.c'), '--log-level', '7'])).toBe(2);
    expect(await main(['verify', join(REPO_DIR, 'samples/xdp_count.c'), '--program', 'nope', '--no-color'])).toBe(1);
    expect(stderr).toContain("no program named 'nope' in the object");
  });
});
