// The command line end to end, in-process: rendered diagnostics, exit status,
// outputs. Rendered text is asserted exactly.
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { REPO_DIR } from '../util/compile.js';

let stderr = '';
let stdout = '';
let dir = '';

beforeEach(() => {
  stderr = '';
  stdout = '';
  dir = mkdtempSync(join(tmpdir(), 'ebcc-cli-'));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  process.exitCode = undefined;
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function run(...args: string[]): Promise<number> {
  return main(args);
}

describe('ebcc diagnostics on the command line', () => {
  it('an undeclared identifier: location, code, source line, caret; exit 1', async () => {
    const p = file('undeclared.c', 'int f(void)\n{\n\treturn value + 1;\n}\n');
    expect(await run('check', p, '--no-color')).toBe(1);
    expect(stderr).toBe(`${p}:3:9: error: use of undeclared identifier 'value' [E3001]\n    3 |  return value + 1;\n      |         ^~~~~\n`);
  });

  it('a type mismatch: location, code, source line, caret; exit 1', async () => {
    const p = file('mismatch.c', 'struct pair { int a, b; };\nint f(struct pair *p)\n{\n\tint x = *p;\n\treturn x;\n}\n');
    expect(await run(p, '-o', join(dir, 'x.o'), '--no-color')).toBe(1);
    expect(stderr).toBe(
      `${p}:4:10: error: incompatible types: initializing 'int' with an expression of type 'struct pair' [E3003]\n    4 |  int x = *p;\n      |          ^~\n`,
    );
    expect(existsSync(join(dir, 'x.o'))).toBe(false);
  });

  it('a syntax error: location, code, source line, caret; exit 1', async () => {
    const p = file('syntax.c', 'int f(void)\n{\n\treturn 1\n}\n');
    expect(await run('check', p, '--no-color')).toBe(1);
    expect(stderr).toMatch(new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:10: error: expected ';'.* \\[E2\\d{3}\\]\\n    3 \\|  return 1\\n      \\|          \\^\\n`));
  });

  it('a usage error exits 2 without a stack trace', async () => {
    expect(await run('build', join(dir, 'a.c'), '--no-such-flag')).toBe(2);
    expect(stderr).toContain("unknown option '--no-such-flag'");
    expect(stderr).not.toContain('    at ');
  });

  it('a missing input file is a diagnostic, exit 1', async () => {
    expect(await run('check', join(dir, 'missing.c'), '--no-color')).toBe(1);
    expect(stderr).toBe(`ebcc: error: no such file or directory: '${join(dir, 'missing.c')}' [E0001]\n`);
  });
});

describe('ebcc build', () => {
  it('compiles the sample to an EM_BPF relocatable object, accepting clang flags', async () => {
    const out = join(dir, 'x.o');
    expect(await run('-target', 'bpf', '-O2', '-g', '-c', '-Wall', '-mcpu=v3', join(REPO_DIR, 'samples/xdp_count.c'), '-o', out)).toBe(0);
    expect(stderr).toBe('');
    const elf = readFileSync(out);
    expect([...elf.subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
    expect(elf.readUInt16LE(16)).toBe(1); // ET_REL
    expect(elf.readUInt16LE(18)).toBe(247); // EM_BPF
  });

  it('explains every code it has', async () => {
    expect(await run('explain', 'E3101')).toBe(0);
    expect(stdout).toContain('E3101 (global-variable)');
    expect(stdout).toContain('BPF_MAP_TYPE_ARRAY');
    stdout = '';
    expect(await run('explain', 'recursion')).toBe(0);
    expect(stdout).toMatch(/^E3102/);
    expect(await run('explain', 'E9999')).toBe(2);
  });
});
