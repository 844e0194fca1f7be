// The command line end to end, in-process: rendered diagnostics, exit status,
// outputs. Rendered text is asserted exactly.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  rmSync(dir, { recursive: true, force: true });
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
    expect(stdout).toContain('one-element array map');
    stdout = '';
    expect(await run('explain', 'recursion')).toBe(0);
    expect(stdout).toMatch(/^E3102/);
    expect(await run('explain', 'E9999')).toBe(2);
  });
});

const XDP_PROG = '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n#include "local.h"\nSEC("xdp") int p(struct xdp_md *ctx) { return VERDICT; }\nchar _license[] SEC("license") = "GPL";\n';

describe('clang command-line compatibility', () => {
  it('accepts the flags BPF Makefiles pass to clang', async () => {
    file('local.h', '#define VERDICT XDP_PASS\n');
    const src = file('p.c', XDP_PROG);
    const out = join(dir, 'p.o');
    const flags = ['-target', 'bpf', '--target=bpf', '-O2', '-g', '-c', '-W', '-Wall', '-Wextra', '-Wno-unused-value', '-Wno-pointer-sign',
      '-Wno-compare-distinct-pointer-types', '-Wno-error=int-conversion', '-Werror=implicit-function-declaration', '-Wno-gnu-variable-sized-type-not-at-end',
      '-Wno-address-of-packed-member', '-Wno-unknown-warning-option', '-std=gnu11', '-std=gnu99', '-ffreestanding', '-fno-builtin',
      '-fno-stack-protector', '-fno-asynchronous-unwind-tables', '-fno-jump-tables', '-nostdinc', '-mcpu=v3', '-mattr=+alu32', '-Xclang', '-target-feature',
      '-D__KERNEL__', '-DDEBUG=1', '-U', 'NDEBUG', '-I', dir, '-fcolor-diagnostics', '-fno-color-diagnostics', '-pipe'];
    expect(await run(...flags, src, '-o', out)).toBe(0);
    expect(stderr).toBe('');
    expect(existsSync(out)).toBe(true);
  });

  it('-MD -MF writes a make rule for the object with every file read, -MP adds phony headers', async () => {
    const h = file('local.h', '#define VERDICT XDP_PASS\n');
    const src = file('p.c', XDP_PROG);
    const out = join(dir, 'p.o');
    expect(await run('-c', src, '-o', out, '-MD', '-MF', join(dir, 'p.d'), '-MP')).toBe(0);
    const d = readFileSync(join(dir, 'p.d'), 'utf8');
    const [rule, ...phony] = d.split('\n\n');
    const prereqs = rule!.replace(/\\\n/g, ' ').split(/\s+/).filter(Boolean);
    expect(prereqs[0]).toBe(`${out}:`);
    expect(prereqs[1]).toBe(src);
    expect(prereqs).toContain(h);
    expect(prereqs.some((p) => p.endsWith('stdlib/include/linux/bpf.h'))).toBe(true);
    expect(phony.map((x) => x.trim())).toContain(`${h}:`);
  });

  it('-MMD leaves out ebcc\'s own headers; without -MF the file is the object\'s name with .d; -MT names the target', async () => {
    const h = file('local.h', '#define VERDICT XDP_PASS\n');
    const src = file('p.c', XDP_PROG);
    expect(await run('-c', src, '-o', join(dir, 'q.o'), '-MMD', '-MT', 'custom-target')).toBe(0);
    expect(readFileSync(join(dir, 'q.d'), 'utf8')).toBe(`custom-target: ${src} \\\n  ${h}\n`);
  });

  it('-M prints the rule instead of compiling', async () => {
    const h = file('local.h', '#define VERDICT XDP_PASS\n');
    const src = file('p.c', XDP_PROG);
    expect(await run('-MM', src, '-o', join(dir, 'r.o'))).toBe(0);
    expect(stdout).toBe(`${join(dir, 'r.o')}: ${src} \\\n  ${h}\n`);
    expect(existsSync(join(dir, 'r.o'))).toBe(false);
  });

  it('-Werror makes a warning an error (exit 1, no object), but not advice about section names; -w silences warnings', async () => {
    file('local.h', '#define VERDICT XDP_PASS\n#define VERDICT XDP_PASS + 0\n');
    const src = file('p.c', XDP_PROG);
    const out = join(dir, 'p.o');
    expect(await run('-c', src, '-o', out, '--no-color')).toBe(0);
    expect(stderr).toContain("warning: 'VERDICT' macro redefined");
    stderr = '';
    expect(await run('-c', src, '-o', join(dir, 'e.o'), '-Werror', '--no-color')).toBe(1);
    expect(stderr).toContain("error: 'VERDICT' macro redefined");
    expect(stderr).toContain('(a warning, made an error by -Werror) [E1008]');
    expect(existsSync(join(dir, 'e.o'))).toBe(false);
    stderr = '';
    // A legacy section name is advice clang does not give: clang -Werror builds it, so ebcc -Werror does.
    file('local.h', '#define VERDICT XDP_PASS\n');
    const legacy = file('l.c', XDP_PROG.replace('SEC("xdp")', 'SEC("xdp_prog")'));
    expect(await run('-c', legacy, '-o', join(dir, 'l.o'), '-Werror', '--no-color')).toBe(0);
    expect(stderr).toContain("warning: section name 'xdp_prog' is a pre-libbpf-1.0 name");
    stderr = '';
    expect(await run('-c', legacy, '-o', join(dir, 'w.o'), '-w')).toBe(0);
    expect(stderr).toBe('');
  });

  it('a program that defines the compiler barriers as libbpf 1.x does builds with -Werror (no redefinition)', async () => {
    file('local.h', '#define VERDICT XDP_PASS\n#define barrier() asm volatile("" ::: "memory")\n#define barrier_var(var) asm volatile("" : "=r"(var) : "0"(var))\n');
    const src = file('b.c', XDP_PROG.replace('{ return VERDICT; }', '{ __u32 v = ctx->ingress_ifindex; barrier_var(v); barrier(); return v == 7 ? XDP_DROP : VERDICT; }'));
    expect(await run('-c', src, '-o', join(dir, 'b.o'), '-Werror', '--no-color')).toBe(0);
    expect(stderr).toBe('');
  });

  it('-iquote serves "..." includes only, -isystem and -idirafter serve both, after -I', async () => {
    const q = join(dir, 'q');
    const sys = join(dir, 'sys');
    const after = join(dir, 'after');
    for (const d of [q, sys, after]) mkdirSync(d);
    writeFileSync(join(q, 'local.h'), '#define VERDICT XDP_PASS\n');
    writeFileSync(join(sys, 'extra.h'), '#define EXTRA 1\n');
    writeFileSync(join(after, 'late.h'), '#define LATE 2\n');
    const src = file('p.c', XDP_PROG.replace('#include "local.h"', '#include "local.h"\n#include <extra.h>\n#include <late.h>\n_Static_assert(EXTRA + LATE == 3, "");'));
    expect(await run('-c', src, '-o', join(dir, 'p.o'), '-iquote', q, `-isystem${sys}`, '-idirafter', after)).toBe(0);
    expect(stderr).toBe('');
    const angled = file('a.c', '#include <local.h>\n');
    expect(await run('-c', angled, '-o', join(dir, 'a.o'), '-iquote', q, '--no-color')).toBe(1);
    expect(stderr).toContain("'local.h' file not found");
  });

  it('-v prints the version and the search list, -### prints the command and compiles nothing', async () => {
    file('local.h', '#define VERDICT XDP_PASS\n');
    const src = file('p.c', XDP_PROG);
    expect(await run('-v', '-c', src, '-o', join(dir, 'p.o'), '-I', '/inc/one')).toBe(0);
    expect(stderr).toMatch(/^ebcc version \S+ \(BPF C compiler; no LLVM\)\nTarget: bpfel\n/);
    expect(stderr).toContain('#include <...> search starts here:\n /inc/one\n');
    expect(stderr).toContain("stdlib/include (ebcc's own headers)\nEnd of search list.\n");
    stderr = '';
    expect(await run('-###', '-c', src, '-o', join(dir, 'n.o'))).toBe(0);
    expect(stderr).toContain(`"ebcc" "${src}" "-o" "${join(dir, 'n.o')}"`);
    expect(existsSync(join(dir, 'n.o'))).toBe(false);
  });

  it('-emit-llvm is a usage error that says what to do instead', async () => {
    expect(await run('-emit-llvm', '-c', join(dir, 'p.c'))).toBe(2);
    expect(stderr).toBe(
      "ebcc: error: -emit-llvm asks for LLVM IR, which ebcc does not produce: ebcc writes the BPF object itself. Drop -emit-llvm (and the llc step after it) and compile with '-c -o FILE.o'\n",
    );
  });

  it('-mprog-type= chooses the type of a program whose section names none; an unknown type is a usage error', async () => {
    const src = file('f.c', '#include <linux/bpf.h>\n__attribute__((section("filter"))) int f(struct __sk_buff *skb) { return 0; }\nchar _license[] __attribute__((section("license"))) = "GPL";\n');
    expect(await run('-c', src, '-o', join(dir, 'f.o'), '-mprog-type=socket_filter', '--no-color')).toBe(0);
    expect(stderr).toContain('note: checked as program type socket_filter (-mprog-type=socket_filter)');
    expect(stderr).toContain('write SEC("socket")');
    stderr = '';
    expect(await run('-c', src, '-mprog-type=nonsense')).toBe(2);
    expect(stderr).toMatch(/^error: unknown program type 'nonsense' in -mprog-type=: use one of socket_filter, kprobe, /);
  });
});

describe('outputs and inputs: never over the input, complete or absent, errors as they are', () => {
  const prog = '#include <linux/bpf.h>\n__attribute__((section("xdp"), used)) int f(struct xdp_md *ctx) { return 2; }\n';

  it('refuses -o naming the input file, for an object and for -E; the source is unchanged', async () => {
    const src = file('p.c', prog);
    expect(await run('-c', src, '-o', src, '--no-color')).toBe(1);
    expect(stderr).toBe(`ebcc: error: cannot write '${src}': it is the input file; choose another output with -o [E0004]\n`);
    expect(readFileSync(src, 'utf8')).toBe(prog);
    stderr = '';
    expect(await run('-E', src, '-o', join(dir, '.', 'p.c'), '--no-color')).toBe(1);
    expect(stderr).toContain('it is the input file');
    expect(readFileSync(src, 'utf8')).toBe(prog);
  });

  it('an unwritable -o path is a diagnostic, not a stack trace, and leaves nothing behind', async () => {
    const src = file('p.c', prog);
    const out = join(dir, 'no-such-dir', 'p.o');
    expect(await run('-c', src, '-o', out, '--no-color')).toBe(1);
    expect(stderr).toBe(`ebcc: error: cannot write '${out}': no such file or directory [E0004]\n`);
    expect(readdirSync(dir)).toEqual(['p.c']);
  });

  it('when the source map cannot be written, the object is not left without it', async () => {
    const src = file('p.c', prog);
    mkdirSync(join(dir, 'p.o.map')); // a directory where the map should go
    expect(await run('-c', src, '-g', '--source-map', '-o', join(dir, 'p.o'), '--no-color')).toBe(1);
    expect(stderr).toContain(`cannot write '${join(dir, 'p.o.map')}'`);
    expect(readdirSync(dir).sort()).toEqual(['p.c', 'p.o.map']);
  });

  it('a successful build replaces the old object; -o /dev/null writes in place', async () => {
    const src = file('p.c', prog);
    writeFileSync(join(dir, 'p.o'), 'old');
    expect(await run('-c', src, '-o', join(dir, 'p.o'), '--no-color')).toBe(0);
    expect([...readFileSync(join(dir, 'p.o')).subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
    expect(readdirSync(dir).sort()).toEqual(['p.c', 'p.o']); // no temporary file left, and no source map unasked
    expect(await run('-c', src, '-g0', '-o', '/dev/null', '--no-color')).toBe(0);
    expect(existsSync('/dev/null')).toBe(true);
  });

  it('an input that is a directory or not a regular file says so', async () => {
    expect(await run('check', dir, '--no-color')).toBe(1);
    expect(stderr).toBe(`ebcc: error: is a directory: '${dir}' [E0001]\n`);
    stderr = '';
    expect(await run('objdump', '/dev/zero')).toBe(1);
    expect(stderr).toBe(`ebcc: error: not a regular file: '/dev/zero' [E0001]\n`);
    stderr = '';
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(await run('objdump', fifo)).toBe(1); // does not block
    expect(stderr).toBe(`ebcc: error: not a regular file: '${fifo}' [E0001]\n`);
    stderr = '';
    expect(await run('check', fifo, '--no-color')).toBe(1);
    expect(stderr).toBe(`ebcc: error: not a regular file: '${fifo}' [E0001]\n`);
  });

  it('-mcpu= and --opt-level accept only what they document', async () => {
    const src = file('p.c', prog);
    for (const bad of [['-mcpu='], ['-mcpu=0x3'], ['-mcpu=v5'], ['--opt-level', 'x'], ['--opt-level', '']]) {
      stderr = '';
      expect(await run('-c', src, '-o', join(dir, 'p.o'), ...bad)).toBe(2);
      expect(stderr).toMatch(/^error: (unsupported -mcpu=|invalid optimisation level)/);
    }
    expect(existsSync(join(dir, 'p.o'))).toBe(false);
    for (const good of [['-mcpu=v4'], ['-mcpu=2'], ['-mcpu=generic'], ['-O0'], ['-Os'], ['--opt-level', '2']]) {
      expect(await run('-c', src, '-o', join(dir, 'p.o'), ...good)).toBe(0);
    }
  });
});

describe('internal compiler errors', () => {
  it('an exception inside the compiler is E0003 with the stage, never a stack trace', async () => {
    const { createContext } = await import('../../src/context.js');
    const { compile } = await import('../../src/driver/compile.js');
    const { renderDiagnostics } = await import('../../src/diag/render.js');
    const ctx = createContext({ readFile: () => { throw new TypeError('the file system broke'); } }, { stdlibDir: '/none' });
    const out = compile('x.c', ctx, 'obj');
    expect(out.elf).toBeUndefined();
    expect(renderDiagnostics(ctx.diags.list, ctx.sources)).toBe(
      "ebcc: error: internal compiler error in the driver: TypeError: the file system broke; please report it with the input [E0003]\nebcc: note: raised in function 'Object.readFile'\n",
    );
  });
});

describe('releaseParserState (the startup snapshot drops the last parse before it is taken)', () => {
  it('lets go of the last input and parse state, and the next compile is the same', async () => {
    const { releaseParserState } = await import('../../src/cli/main.js');
    const { getParser } = await import('../../src/parse/parse.js');
    // A program that calls no helper: no helper declaration is parsed after the whole unit.
    const src = file('pass.c', '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\nSEC("xdp") int pass(struct xdp_md *ctx) { return XDP_PASS; }\nchar _license[] SEC("license") = "GPL";\n');
    const heldTokens = () => (getParser() as unknown as { st: { tokens: unknown[]; items: unknown[] } }).st;
    expect(await run(src, '-o', join(dir, 'a.o'))).toBe(0);
    // What a snapshot taken now would carry: the whole unit's tokens and declarations.
    expect(getParser().input.length).toBeGreaterThan(1000);
    expect(heldTokens().tokens.length).toBeGreaterThan(1000);
    expect(heldTokens().items.length).toBeGreaterThan(10);
    releaseParserState();
    expect(getParser().input.length).toBe(0);
    expect(heldTokens().tokens.length).toBe(0);
    expect(heldTokens().items.length).toBe(0);
    expect(await run(src, '-o', join(dir, 'b.o'))).toBe(0);
    expect(readFileSync(join(dir, 'b.o'))).toEqual(readFileSync(join(dir, 'a.o')));
    releaseParserState();
    // A syntax error after a release is reported as before.
    expect(await run(file('bad.c', 'int f(void) { return 1 +; }\n'), '-o', join(dir, 'c.o'))).toBe(1);
    expect(stderr).toContain('bad.c:1:');
  });
});
