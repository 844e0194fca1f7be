// UAPI surface of sock_ops programs and of a few networking headers (test/kernel/idioms/
// sockops_headers.c): struct bpf_sock_ops and the BPF_SOCK_OPS_*, TCP_BPF_* and IPV6_* constants
// compile (the layout and values are checked by _Static_assert in the program, against the
// kernel's UAPI), and the kernel accepts the program as BPF_PROG_TYPE_SOCK_OPS.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { compileFile, compileString, REPO_DIR } from '../util/compile.js';
import { describeLoader, runLoader } from './loader/bpfload.js';

const SOURCE = `${REPO_DIR}test/kernel/idioms/sockops_headers.c`;
const compiled = () => compileFile(SOURCE, { warnings: 'error' });

it('compiles with -Werror and no diagnostics', () => {
  const out = compiled();
  expect(out.ctx.diags.list).toEqual([]);
  expect(out.object!.functions.map((f) => f.name)).toEqual(['tune']);
});

it('<string.h> gives size_t and NULL but no wchar_t, so a vmlinux.h-style wchar_t does not clash', () => {
  const src = 'typedef unsigned short wchar_t;\ntypedef unsigned long size_t;\n#include <string.h>\n#include <stdio.h>\n#include <time.h>\n' +
    'int f(const char *s) { return s == NULL ? 0 : (int)strlen(s) + (int)sizeof(wchar_t); }\n';
  expect(compileString(src).text).toBe('');
  // <stddef.h> itself still declares the C type.
  const both = compileString('#include <stddef.h>\ntypedef unsigned short wchar_t;\n');
  expect(both.ctx.diags.list.map((d) => d.code)).toEqual(['E3002']);
});

describeLoader('sock_ops program in the kernel', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ebcc-sockops-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is accepted as a sock_ops program', () => {
    const path = join(dir, 'sockops_headers.o');
    writeFileSync(path, compiled().elf!);
    const [r] = runLoader([{ id: 'sockops', object: { path, prog: 'tune' } }]);
    expect(r!.progs[0]).toMatchObject({ accepted: true, stage: 'loaded' });
  });
});
