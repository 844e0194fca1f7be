// Cross-checks against clang-19 and the LLVM/binutils tools. They run in npm test wherever the
// tools are installed; where one is missing, its tests are skipped and
// "CROSS-CHECKS SKIPPED: <tool> is not installed" is printed. clang is never needed by ebcc itself.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLANG = 'clang-19';

/** Whether `tool --version` runs; when it does not, the skip is announced on stderr. */
export function hasTool(tool: string): boolean {
  const res = spawnSync(tool, ['--version']);
  const ok = res.error === undefined && res.status === 0;
  if (!ok) process.stderr.write(`CROSS-CHECKS SKIPPED: '${tool}' is not installed; the tests that compare with it do not run\n`);
  return ok;
}

export function hasClang(): boolean {
  return hasTool(CLANG);
}

/** Compiles `source` as c.c in a scratch directory and returns the object bytes. */
export function compileWithClang(source: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'ebcc-obj-clang-'));
  try {
    writeFileSync(join(dir, 'c.c'), source);
    const args = ['-O2', '-g', '-target', 'bpf', '-c', 'c.c', '-o', 'c.o'];
    const res = spawnSync(CLANG, args, { cwd: dir, encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`${CLANG} failed:\n${res.stderr}`);
    return new Uint8Array(readFileSync(join(dir, 'c.o')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An XDP program with a BTF map, a helper call and calls to a static and a global function. */
export const CLANG_SOURCE = `#define SEC(n) __attribute__((section(n), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
struct { __uint(type, 2); __uint(max_entries, 4); __type(key, int); __type(value, long); } counts SEC(".maps");
static void *(*lookup)(void *, const void *) = (void *)1;
static __attribute__((noinline)) int sub(int x) { asm volatile("" ::: "memory"); return x + 1; }
__attribute__((noinline)) int gsub(int x) { asm volatile("" ::: "memory"); return x + 2; }
SEC("xdp") int prog(void *ctx) {
  int k = 0;
  long *v = lookup(&counts, &k);
  if (v) *v += 1;
  return sub(1) + gsub(-1);
}
char _license[] SEC("license") = "GPL";
`;
