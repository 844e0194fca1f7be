// Programs in sections whose name starts with '?' are not loaded by libbpf unless the loader
// asks: ebcc's verifier still explains why the kernel would refuse one, as a warning, and writes
// the object, which then loads with its other programs. The same program in a plain section is
// a warning too (the object is written, as clang writes it), and an error with -Werror=bpf-verifier.
import { expect, it } from 'vitest';
import { compileString } from '../util/compile.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bpftoolJson, makePinDir, removePinDir, runBpftool, withScratchDir } from './bpftool.js';
import { describeKernel, kernelIt } from './harness.js';

const SOURCE = (section: string) => `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int pass_all(struct xdp_md *ctx)
{
	return XDP_PASS;
}

/* Writes a field of the XDP context, which the kernel refuses. */
SEC("${section}")
int writes_ctx(struct xdp_md *ctx)
{
	ctx->data = 0;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
`;

it('a program in a plain section that the verifier refuses is a warning, and the object is written', () => {
  const r = compileString(SOURCE('xdp'), { verify: true }, 'obj', 'opt.c');
  expect(r.ctx.diags.list.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning V1008']);
  expect(r.text).toContain("opt.c:14:2: warning: the kernel would reject program 'writes_ctx': invalid bpf_context access off=0 size=4 [V1008]");
  expect(r.text).toContain('note: the object is still written, as clang would write it (-Werror=bpf-verifier makes this an error)');
  expect(r.elf).toBeDefined();
});

it('-Werror=bpf-verifier makes the rejection an error and writes no object; plain -Werror does not', () => {
  const strict = compileString(SOURCE('xdp'), { verify: true, errorWarnings: ['bpf-verifier'] }, 'obj', 'opt.c');
  expect(strict.ctx.diags.list.map((d) => `${d.severity} ${d.code}`)).toEqual(['error V1008']);
  expect(strict.text).toContain('(a warning, made an error by -Werror=bpf-verifier) [V1008]');
  expect(strict.text).not.toContain('the object is still written');
  expect(strict.elf).toBeUndefined();
  const werror = compileString(SOURCE('xdp'), { verify: true, warnings: 'error' }, 'obj', 'opt.c');
  expect(werror.ctx.diags.list.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning V1008']);
  expect(werror.elf).toBeDefined();
  const silent = compileString(SOURCE('xdp'), { verify: true, disabledWarnings: ['bpf-verifier'] }, 'obj', 'opt.c');
  expect(silent.ctx.diags.list).toEqual([]);
  expect(silent.elf).toBeDefined();
});

it("the same program in a '?' section is a warning with the reason, and the object is written", () => {
  const r = compileString(SOURCE('?xdp'), { verify: true }, 'obj', 'opt.c');
  expect(r.ctx.diags.list.filter((d) => d.severity === 'error')).toEqual([]);
  const w = r.ctx.diags.list.filter((d) => d.severity === 'warning');
  expect(w.map((d) => d.code)).toEqual(['V1008']);
  expect(r.text).toContain("opt.c:14:2: warning: the kernel would reject program 'writes_ctx'");
  expect(r.text).toContain("note: 'writes_ctx' is in section '?xdp': the leading '?' tells libbpf not to load it unless the loader asks, so the object's other programs load");
  expect(r.text).not.toContain('the object is still written');
  expect(r.elf).toBeDefined();
});

describeKernel("an object with a refused program in a '?' section", () => {
  kernelIt('loads: libbpf skips the optional program and loads the other', () => {
    const r = compileString(SOURCE('?xdp'), { verify: true }, 'obj', 'opt.c');
    // bpftool prog load opens the object with libbpf, loads the programs it autoloads and pins
    // the first; loadall would also try to pin the program libbpf left unloaded.
    withScratchDir((dir) => {
      const objPath = join(dir, 'opt.o');
      writeFileSync(objPath, r.elf!);
      const pinDir = makePinDir();
      try {
        const pin = join(pinDir, 'pass_all');
        const res = runBpftool(['-d', 'prog', 'load', objPath, pin]);
        expect(res.status, res.stderr).toBe(0);
        expect(res.stderr).toContain("prog 'writes_ctx': skipped loading");
        const shown = bpftoolJson(['prog', 'show', 'pinned', pin]) as { name: string; type: string };
        expect([shown.name, shown.type]).toEqual(['pass_all', 'xdp']);
      } finally {
        removePinDir(pinDir);
      }
    });
  });
});
