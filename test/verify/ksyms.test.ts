// `__ksym` variables: libbpf resolves each against the running kernel before it loads anything
// (typed ones in its BTF, typeless ones in /proc/kallsyms); a strong one that is missing makes
// the object fail, and ebcc verify refuses the programs that load a __ksym variable. The
// objects are built by clang from sources written here; the kernel part loads them with libbpf.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diag/diagnostic.js';
import { readObject } from '../../src/obj/read.js';
import { targetBtf } from '../../src/verify/core-relocate.js';
import { verifyObject } from '../../src/verify/index.js';
import { ksymVariables, unresolvedKsyms } from '../../src/verify/ksyms.js';
import { loadKernelSymbols } from '../../src/cli/kernel-btf.js';
import { compileWithClang, hasClang } from '../obj/clang-util.js';
import { describeLoader, runLoader } from '../kernel/loader/bpfload.js';

const PRELUDE = `
#define SEC(n) __attribute__((section(n), used))
#define __ksym __attribute__((section(".ksyms")))
#define __weak __attribute__((weak))
char _license[] SEC("license") = "GPL";
`;

// A symbol no kernel has, and one every kernel with BPF has (a function: kallsyms always lists those).
const MISSING = 'ebcc_test_no_such_symbol';
const PRESENT = 'bpf_prog_put';

const strongSource = `${PRELUDE}
extern const void ${MISSING} __ksym;
extern const void ${PRESENT} __ksym;
extern const int bpf_prog_active __ksym;
unsigned long long out;
SEC("raw_tp/sys_enter") int uses_missing(void *ctx) { out = (unsigned long long)&${MISSING}; return 0; }
SEC("raw_tp/sys_enter") int uses_present(void *ctx) { out = (unsigned long long)&${PRESENT}; return 0; }
SEC("raw_tp/sys_enter") int uses_typed(void *ctx) { out = (unsigned long long)&bpf_prog_active; return 0; }
SEC("raw_tp/sys_enter") int uses_none(void *ctx) { out = 1; return 0; }
`;

const weakSource = `${PRELUDE}
extern const void ${MISSING} __ksym __weak;
extern const void ${PRESENT} __ksym;
unsigned long long out;
SEC("raw_tp/sys_enter") int uses_weak(void *ctx) { out = (unsigned long long)&${MISSING}; return 0; }
SEC("raw_tp/sys_enter") int uses_present(void *ctx) { out = (unsigned long long)&${PRESENT}; return 0; }
`;

const clang = hasClang();
const build = (src: string) => readObject(compileWithClang(src), new Diagnostics(), 'c.o')!;
const symbols = new Set([PRESENT]);

describe.skipIf(!clang)('__ksym variables against the kernel\'s symbols', () => {
  it('lists them with their kind and binding', () => {
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(ksymVariables(build(strongSource)).sort(byName)).toEqual([
      { name: PRESENT, typed: false, weak: false },
      { name: 'bpf_prog_active', typed: true, weak: false },
      { name: MISSING, typed: false, weak: false },
    ].sort(byName));
    expect(ksymVariables(build(weakSource)).find((v) => v.name === MISSING)?.weak).toBe(true);
  });

  it('refuses the programs that load a __ksym when a strong one is missing, and only those', () => {
    const res = verifyObject(build(strongSource), { kernelSymbols: symbols });
    expect(res.diagnostics.map((d) => d.code)).toEqual(['V1034']);
    const verdict = Object.fromEntries(res.programs.map((p) => [p.name, p.accepted]));
    expect(verdict).toEqual({ uses_missing: false, uses_present: false, uses_typed: false, uses_none: true });
    expect(res.programs[0]!.diagnostics[0]!.code).toBe('V1034');
  });

  it('accepts a weak one that is missing, and decides nothing without the kernel\'s symbols', () => {
    const weak = verifyObject(build(weakSource), { kernelSymbols: symbols });
    expect(weak.diagnostics).toEqual([]);
    expect(weak.programs.map((p) => p.accepted)).toEqual([true, true]);
    expect(verifyObject(build(strongSource), {}).programs.map((p) => p.accepted)).toEqual([true, true, true, true]);
  });

  it('looks typed ones up as VARs of the kernel BTF', () => {
    const obj = build(strongSource);
    const withVar = targetBtf([{ kind: 'int', name: 'int', sizeBytes: 4, encoding: 1, offsetBits: 0, bits: 32 } as never,
      { kind: 'var', name: 'bpf_prog_active', type: 1, linkage: 'global' } as never], 'test');
    const without = targetBtf([{ kind: 'int', name: 'int', sizeBytes: 4, encoding: 1, offsetBits: 0, bits: 32 } as never], 'test');
    expect(unresolvedKsyms(obj, withVar, symbols).map((v) => v.name)).toEqual([MISSING]);
    expect(unresolvedKsyms(obj, without, symbols).map((v) => v.name).sort()).toEqual(['bpf_prog_active', MISSING].sort());
  });
});

describeLoader('libbpf and the kernel on the same objects', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ebcc-ksyms-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it.skipIf(!clang)('libbpf fails the object with the missing strong __ksym and loads the one where it is weak', () => {
    const kallsyms = loadKernelSymbols();
    expect(kallsyms?.has(PRESENT)).toBe(true);
    expect(kallsyms?.has(MISSING)).toBe(false);
    const strong = join(dir, 'strong.o');
    const weak = join(dir, 'weak.o');
    writeFileSync(strong, compileWithClang(strongSource));
    writeFileSync(weak, compileWithClang(weakSource));
    const [s, w] = runLoader([
      { id: 's', logSizeBytes: 1 << 20, object: { path: strong, prog: 'uses_none', logLevel: 1 } },
      { id: 'w', logSizeBytes: 1 << 20, object: { path: weak, prog: 'uses_weak', logLevel: 1 } },
    ]);
    expect(s!.progs[0]?.accepted).toBe(false);
    expect(s!.progs[0]?.stage).toBe('libbpf');
    expect(s!.libbpf).toContain(`extern '${MISSING}' (strong): not resolved`);
    expect(w!.progs[0]?.accepted).toBe(true);
    // ebcc, with the running kernel's symbols, says the same of the programs that load a __ksym.
    const res = verifyObject(build(strongSource), { kernelSymbols: kallsyms });
    expect(res.programs.find((p) => p.name === 'uses_missing')?.accepted).toBe(false);
    expect(verifyObject(build(weakSource), { kernelSymbols: kallsyms }).programs.every((p) => p.accepted)).toBe(true);
  });
});

// The address of a kfunc (bpf_ksym_exists(kfunc)): libbpf gives the ld_imm64 the function's BTF
// id when the kernel has it (the kernel makes it read-only memory of size 0, never NULL), and 0
// for a weak one it lacks, so that the guarded call is dead code the kernel removes. The
// verdicts below were given by Linux 6.18 on these programs (libbpf loads); the kernel part
// checks them again.
const KFUNC_MISSING = 'ebcc_test_no_such_kfunc';
const kfuncSource = `${PRELUDE}
extern int ${KFUNC_MISSING}(void) __ksym __weak;
extern void bpf_rcu_read_lock(void) __ksym __weak;
extern void bpf_rcu_read_unlock(void) __ksym __weak;
SEC("tp_btf/task_newtask") int missing_guarded(void *ctx) { if (${KFUNC_MISSING}) return ${KFUNC_MISSING}(); return 0; }
SEC("tp_btf/task_newtask") int present_guarded(void *ctx) { if (bpf_rcu_read_lock) { bpf_rcu_read_lock(); bpf_rcu_read_unlock(); } return 0; }
SEC("tp_btf/task_newtask") int present_read(void *ctx) { return *(volatile int *)bpf_rcu_read_lock; }
`;
const KFUNC_WANT: Record<string, boolean> = { missing_guarded: true, present_guarded: true, present_read: false };

describe.skipIf(!clang)('the address of a kfunc (bpf_ksym_exists)', () => {
  it('is 0 for a weak kfunc the kernel lacks, and memory of size 0 for one it has', () => {
    const kernelBtf = targetBtf([{ kind: 'func', name: 'bpf_rcu_read_lock', type: 0, linkage: 'global' } as never], 'test');
    const res = verifyObject(build(kfuncSource), { kernelBtf });
    expect(Object.fromEntries(res.programs.map((p) => [p.name, p.accepted]))).toEqual(KFUNC_WANT);
    expect(res.programs.find((p) => p.name === 'present_read')?.kernelMessage).toBe('invalid access to memory, mem_size=0 off=0 size=4\n' +
      'R1 min value is outside of the allowed memory range');
  });

  it('decides nothing about an unknown kfunc without the kernel\'s BTF', () => {
    const res = verifyObject(build(kfuncSource), {});
    const p = res.programs.find((q) => q.name === 'missing_guarded')!;
    expect(p.accepted).toBe(false);
    expect(p.diagnostics[0]?.code).toBe('V1030');
  });
});

describeLoader('libbpf and the kernel on kfunc addresses', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ebcc-kfunc-addr-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it.skipIf(!clang)('give the recorded verdicts', () => {
    const path = join(dir, 'kfunc.o');
    writeFileSync(path, compileWithClang(kfuncSource));
    const names = Object.keys(KFUNC_WANT);
    const res = runLoader(names.map((prog) => ({ id: prog, logSizeBytes: 1 << 20, object: { path, prog, logLevel: 1 } })));
    expect(Object.fromEntries(res.map((r, i) => [names[i]!, r.progs[0]?.accepted]))).toEqual(KFUNC_WANT);
    expect(res[2]!.progs[0]?.log).toContain('invalid access to memory, mem_size=0 off=0 size=4\nR1 min value is outside of the allowed memory range\n');
  });
});
