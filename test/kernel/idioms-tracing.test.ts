// <bpf/bpf_tracing.h> and <bpf/bpf_core_read.h> (test/kernel/idioms/tracing_macros.c): BPF_PROG
// programs run in the kernel on chosen argument words (raw_tp test runs), BPF_CORE_READ follows a
// chain of pointers, and the kprobe macros load. Expected values are worked out by hand from the C.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { disasm } from '../../src/bpf/disasm.js';
import { compileFile, compileString, REPO_DIR } from '../util/compile.js';
import { describeLoader, runLoader, type LoaderCase } from './loader/bpfload.js';

const SOURCE = `${REPO_DIR}test/kernel/idioms/tracing_macros.c`;
const compiled = () => compileFile(SOURCE, { warnings: 'error' });

/** 64-bit little-endian words, as a raw_tp program's context. */
function words(...vals: bigint[]): Uint8Array {
  const b = Buffer.alloc(vals.length * 8);
  vals.forEach((v, i) => b.writeBigInt64LE(v, i * 8));
  return new Uint8Array(b);
}

it('compiles with -Werror and no diagnostics', () => {
  const out = compiled();
  expect(out.ctx.diags.list).toEqual([]);
  expect(out.object!.functions.map((f) => f.name)).toEqual(expect.arrayContaining(['scale_id', 'mixed_words', 'no_args', 'typed_words', 'no_args2', 'read_chain', 'sleep_entry', 'sleep_exit', 'sleep_call']));
});

it('BPF_KSYSCALL reads the arguments as libbpf sets LINUX_HAS_SYSCALL_WRAPPER: from the wrapped frame, or from the registers', () => {
  // One test of the .kconfig value, then one path each, and the body once (the kernel knows the
  // value and walks one path); without the wrapper the first argument is the probe's own rdi.
  const out = compiled();
  expect(out.object!.externVars).toEqual(expect.arrayContaining([{ name: 'LINUX_HAS_SYSCALL_WRAPPER', weak: false }]));
  const code = disasm(out.object!.functions.find((f) => f.name === 'sleep_call')!.insns);
  expect(code.filter((l) => /call bpf_probe_read_kernel/.test(l))).toHaveLength(2);
  expect(code.some((l) => /^r\d = \*\(u64 \*\)\(r\d \+112\)$/.test(l))).toBe(true);
  expect(code.filter((l) => /^if /.test(l)).length).toBeLessThanOrEqual(2);
});

it('reads the x86-64 argument registers: UAPI names in user code, the kernel names with -D__KERNEL__', () => {
  const src = `#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
SEC("kprobe/f") int BPF_KPROBE(p, long a, long b, long c, long d, long e) { return (int)(a + b + c + d + e + PT_REGS_RC(ctx)); }
char LICENSE[] SEC("license") = "GPL";`;
  for (const defines of [[], [{ name: '__KERNEL__' }]]) {
    const out = compileString(src, { defines, warnings: 'error' });
    expect(out.ctx.diags.list).toEqual([]);
    // loads from the context (r1): di 112, si 104, dx 96, cx 88, r8 72, ax 80 in struct pt_regs
    const offs = out.object!.functions[0]!.insns.filter((i) => i.code === 0x79 && i.src === 1).map((i) => i.off).sort((x, y) => x - y);
    expect(offs).toEqual([72, 80, 88, 96, 104, 112]);
  }
});

it('passes the int of a context word to bpf_printk as the word itself', () => {
  const code = disasm(compiled().object!.functions.find((f) => f.name === 'print_low_half')!.insns);
  expect(code[0]).toMatch(/^r3 = \*\(u64 \*\)\(r1 \+0\)$/);
  expect(code.slice(0, code.findIndex((l) => l.startsWith('call'))).some((l) => /^w3 = /.test(l))).toBe(false);
});

it('without the pragma, the same conversion is a warning that -Werror makes an error', () => {
  const out = compileString(`static __attribute__((always_inline)) int f(long x) { return x; }
__attribute__((section("raw_tp/x"))) int p(unsigned long long *ctx) { return f((void *)ctx[0]); }
char LICENSE[] __attribute__((section("license"))) = "GPL";`, { warnings: 'error' });
  expect(out.ctx.diags.list.map((d) => [d.severity, d.code])).toEqual([['error', 'E3026']]);
});

it('takes the int of a word a helper copied, and a word shifted down by 32, without clearing upper halves', () => {
  const code = disasm(compiled().object!.functions.find((f) => f.name === 'read_low_int')!.insns);
  expect(code.some((l) => /call bpf_probe_read_kernel/.test(l))).toBe(true);
  // the one truncation left is the int returned
  expect(code.map((l, k) => (/^w(\d) = w\1$/.test(l) ? code[k + 1] : undefined)).filter((l) => l !== undefined)).toEqual(['exit']);
});

describeLoader('tracing macros in the kernel', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ebcc-tracing-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'tracing_macros.o');
  const results = () => {
    writeFileSync(path, compiled().elf!);
    const run = (id: string, prog: string, ctx: Uint8Array): LoaderCase => ({
      id, object: { path, prog }, steps: [{ kind: 'run', prog: 0, ctx, repeat: 0, dataOutBytes: 0, ctxOutBytes: 0 }],
    });
    return runLoader([
      run('scale', 'scale_id', words(1n, 251n)),
      run('scale0', 'scale_id', words(0n, 5n)),
      run('mixed', 'mixed_words', words(1n, 0x1_0000_0005n, -2n, 0x1ffn)),
      run('mixed-null', 'mixed_words', words(0n, 1n, 1n, 1n)),
      run('none', 'no_args', words(0n)),
      run('lowint', 'read_low_int', words((7n << 32n) | 42n)),
      run('lowint-neg', 'read_low_int', words((3n << 32n) | 0xffff_fff0n)),
      run('printk', 'print_low_half', words((7n << 32n) | 0xffff_ffd6n)),
      run('printk2', 'print_low_half', words(-(1n << 32n) + 12345n)),
      // narrow: a = 7 in the low 4 bytes, b = 2 in the next 2, the last 2 bytes padding
      run('typed', 'typed_words', words(3n, 4n, 5n, 7n | (2n << 32n) | (0x7777n << 48n), 6n)),
      run('none2', 'no_args2', words(0n)),
      run('chain', 'read_chain', words(0n, 7n)),
      { id: 'kprobe', object: { path, prog: 'sleep_entry' } },
      { id: 'kretprobe', object: { path, prog: 'sleep_exit' } },
      { id: 'ksyscall', object: { path, prog: 'sleep_call' } },
    ]);
  };

  it('passes each context word to its declared parameter, converted to the parameter type', () => {
    const r = results();
    for (const c of r) expect(c.progs[0], c.id).toMatchObject({ accepted: true, stage: 'loaded' });
    const ret = (id: string) => r.find((c) => c.id === id)!.runs[0]!.retval | 0;
    expect(ret('scale')).toBe(251 * 3 + 1);
    expect(ret('scale0')).toBe(5 * 3);
    // low = (unsigned int)0x100000005 = 5, whole = -2, byte = (unsigned char)0x1ff = 255
    expect(ret('mixed')).toBe(5 - 2 + 255);
    expect(ret('mixed-null')).toBe(-1);
    expect(ret('none')).toBe(7);
    // v = 42 from the low half, hi = 7; a negative low half (-16) returns -1
    expect(ret('lowint')).toBe(4200007);
    expect(ret('lowint-neg')).toBe(-1);
    // (int) of the word: -42 and 12345, whatever the upper half, which is passed as it is
    expect(ret('printk')).toBe('-42'.length);
    expect(ret('printk2')).toBe('12345'.length);
    // 1000 * 3 + 100 * 4 + 10 * 5 + 7 + 2 + 6
    expect(ret('typed')).toBe(3465);
    expect(ret('none2')).toBe(9);
    // 1000 * weight + height 40 + 100 * level 5 + delta -3; the field facts add nothing: the
    // kernel has task_struct.pid, and neither struct trunk nor task_struct.not_in_any_kernel
    expect(ret('chain')).toBe(7 * 1000 + 40 + 500 - 3);
  });
});
