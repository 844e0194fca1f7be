// A program's int result where the kernel reads only R0's low half (opt/zext-elim.ts): XDP
// programs return a helper's long result, or a wider value, with no 32-bit move before exit, and
// the kernel and ebcc run both see the low half; a called function still clears the upper half.
import { expect, it } from 'vitest';
import { disasm } from '../../src/bpf/disasm.js';
import { compileFile, compileString, REPO_DIR } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const compiled = () => compileFile(`${REPO_DIR}test/kernel/idioms/returned_values.c`);
const code = (name: string) => disasm(compiled().object!.functions.find((f) => f.name === name)!.insns);

it('returns the helper result and the wide value without clearing the upper half', () => {
  expect(compiled().ctx.diags.list).toEqual([]);
  const redirect = code('redirect_or_pass');
  expect(redirect.at(-2)).toMatch(/^call /);
  expect(redirect.at(-1)).toBe('exit');
  expect(redirect.some((l) => /^w0 = w0$/.test(l))).toBe(false);
  // the map address goes straight into the argument register, after the context read
  expect(redirect.some((l) => /^r1 = r\d$/.test(l))).toBe(false);
  expect(code('wide_verdict').some((l) => /^w\d = w\d$/.test(l))).toBe(false);
  expect(code('low_half').some((l) => /^w0 = w\d$/.test(l))).toBe(true);
});

it('also in a section that names no program type, when the context parameter can only be XDP\'s', () => {
  // The loader sets the type (bpftool ... type xdp); a `struct __sk_buff *` program keeps its
  // zero-extension, as cgroup_skb's return range is checked.
  const src = (ctx: string) => `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
SEC("redirect_to_111") int to_111(struct ${ctx} *c) { return bpf_redirect(111, 0); }
char _license[] SEC("license") = "GPL";
`;
  const insns = (ctx: string) => {
    const out = compileString(src(ctx));
    expect(out.ctx.diags.list.filter((d) => d.severity === 'error')).toEqual([]);
    return disasm(out.object!.functions.find((f) => f.name === 'to_111')!.insns);
  };
  expect(insns('xdp_md').some((l) => /^w0 = w0$/.test(l))).toBe(false);
  expect(insns('__sk_buff').some((l) => /^w0 = w0$/.test(l))).toBe(true);
});

describeDual('returned values', compiled, (obj) => {
  it('gives the low half as the verdict', () => {
    const pkt = new Uint8Array(64);
    expect(obj().run('redirect_or_pass', pkt).retval).toBe(2);
    expect(obj().run('wide_verdict', pkt).retval).toBe(3);
    expect(obj().run('through_call', pkt).retval).toBe(1);
  });
});
