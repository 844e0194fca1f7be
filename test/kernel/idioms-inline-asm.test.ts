// Inline assembly with operands (test/kernel/idioms/inline_asm.c), in the kernel and in ebcc
// run, and the diagnostics for what ebcc does not support. The program writes its results into
// the packet as five little-endian u64 values; the expected values are worked out from the C.
import { expect, it } from 'vitest';
import { compileFile, compileString, REPO_DIR } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const XDP_PASS = 2;
const XDP_TX = 3;
const compiled = () => compileFile(`${REPO_DIR}test/kernel/idioms/inline_asm.c`);
const u64s = (b: Uint8Array) => Array.from({ length: 5 }, (_, k) => new DataView(b.buffer, b.byteOffset).getBigUint64(k * 8, true));

it('writes the tail call of the asm template with the slot as an immediate, right before the call', () => {
  const out = compiled();
  expect(out.ctx.diags.list).toEqual([]);
  const insns = out.object!.functions.find((f) => f.name === 'asm_ops')!.insns;
  const call = insns.findIndex((i) => i.code === 0x85 && i.imm === 12);
  expect(insns[call - 1]).toMatchObject({ code: 0xb7, dst: 3, imm: 1 });
  expect(insns[call - 2]).toMatchObject({ code: 0xbf, dst: 2 });
  expect(insns[call - 3]).toMatchObject({ code: 0xbf, dst: 1 });
});

describeDual('inline assembly with operands', compiled, (obj) => {
  it('computes with "+r", "=r", "=w", a tied input, an immediate helper call, and barrier_var', () => {
    const r = obj().run('asm_ops', new Uint8Array(64));
    expect(r.retval).toBe(XDP_PASS);
    // sum = 64 + 100; shifted = 64 << 3; low = (u32)(0 - 1); tripled = 64 * 3; cpu 0 + 1000
    expect(u64s(r.dataOut)).toEqual([164n, 512n, 0xffffffffn, 192n, 1000n]);
  });

  it('takes two outputs, an "ri" operand and a negative immediate (a bounds check written in asm)', () => {
    const pkt = Uint8Array.from({ length: 64 }, (_, k) => k);
    pkt[0] = 10;
    const r = obj().run('window', pkt);
    expect(r.retval).toBe(XDP_PASS);
    expect([...r.dataOut.subarray(0, 4)]).toEqual([10, 11, 2, 3]);
    pkt[0] = 62; // bytes 62-63: the last two
    expect([...obj().run('window', pkt).dataOut.subarray(0, 2)]).toEqual([62, 63]);
    pkt[0] = 63; // one byte past the end
    expect(obj().run('window', pkt).retval).toBe(256 - 22);
  });

  it('runs a naked program whose body is assembly (no prologue, no return added after its exit)', () => {
    expect(obj().run('naked_count', new Uint8Array(64)).retval).toBe(XDP_PASS);
    expect(obj().run('naked_count', new Uint8Array(64)).retval).toBe(XDP_PASS);
    const v = obj().lookup('counter', Uint8Array.of(0, 0, 0, 0))!.value;
    expect(new DataView(v.buffer, v.byteOffset).getBigUint64(0, true)).toBe(2n);
  });

  it('tail-calls through the asm sequence when the packet is long enough', () => {
    expect(obj().run('asm_ops', new Uint8Array(200)).retval).toBe(XDP_PASS); // slot 1 is empty
    obj().updateProgArray('jmp', 1, 'target');
    expect(obj().run('asm_ops', new Uint8Array(200)).retval).toBe(XDP_TX);
    expect(obj().run('asm_ops', new Uint8Array(199)).retval).toBe(XDP_PASS);
  });
});

const diag = (body: string) => {
  const out = compileString(`#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
SEC("xdp") int p(struct xdp_md *ctx) {
  __u64 a = ctx->data_end, b = 1, c = 2;
  ${body}
  return a + b + c;
}
char _license[] SEC("license") = "GPL";`);
  return out.ctx.diags.list.map((d) => `${d.code}: ${d.message}`);
};

it('emits a naked function exactly as its assembly says', () => {
  const fn = compiled().object!.functions.find((f) => f.name === 'naked_count')!;
  expect(fn.insns.length).toBe(12); // 11 instructions, one of them an ld_imm64
  expect(fn.insns[fn.insns.length - 1]!.code).toBe(0x95);
});

it('says what is not supported, why, and what to write instead', () => {
  expect(diag('asm volatile("" : "=r"(a), "=r"(b), "=r"(c) : "r"(a), "r"(b), "r"(c) : "r0", "r1", "r2", "r3", "r4");')).toEqual([
    'E3112: this asm statement needs 6 registers for its 3 outputs and 3 inputs, but its clobbers and the registers its template names leave 5: split it into several asm statements',
  ]);
  expect(diag('asm volatile("%0 = *(u64 *)(%1 + 0)" : "=r"(a) : "x"(b));')[0]).toContain('input constraint "x" is not supported: ebcc takes register ("r", "w", "p"), memory ("m") and immediate ("i", "n", "ri", "g") operands');
  expect(diag('asm goto("if %0 > 1 goto %l[out]" : "=r"(a) :: : out); out:;')[0]).toBe('E3112: ebcc does not compile asm goto with output operands: store the value through an "r" input holding its address, or split the statement');
  expect(diag('asm volatile("if %0 > 1 goto %l[out]" :: "r"(a));')).toEqual(["E3112: '%l[out]' refers to a label, but only asm goto takes labels ('asm goto(\"...\" : : inputs : clobbers : label)')"]);
  expect(diag('asm goto("if %0 > 1 goto %l[other]" :: "r"(a) :: out); out:;')).toEqual(["E3112: the template refers to label %l[other], but the statement's labels are 'out'"]);
  expect(diag('asm goto("if %0 > 1 goto %l[out]" :: "r"(a) :: nowhere);')).toEqual(["E3112: the template refers to label %l[out], but the statement's labels are 'nowhere'", "E3016: use of undeclared label 'nowhere'"]);
  expect(diag('asm volatile("%[x] += 1" : [y]"+r"(a));')).toEqual(["E3112: the template refers to %[x], but no operand is named 'x'"]);
  expect(diag('asm volatile("%0 = frob %1" : "=r"(a) : "r"(b));')[0]).toMatch(/^E3112: in inline assembly: .*\(in 'r1 = frob r2', with operands written as registers\)$/);
  // As clang, which assembles only the asm it emits: a template in code the optimiser removes is
  // not assembled (bpf_experimental.h's bpf_cmp_* expand a signed and an unsigned variant).
  expect(diag('if (sizeof(a) == 4) asm volatile("if %0 s== 0 goto +0" :: "r"(a));')).toEqual([]);
  expect(diag('if (sizeof(a) == 8) asm volatile("if %0 s== 0 goto +0" :: "r"(a));')[0]).toMatch(/^E3112: in inline assembly: .*'if r1 s== 0 goto \+0'/);
  expect(diag('asm volatile("call nowhere" ::: "r0", "r1", "r2", "r3", "r4", "r5");')).toEqual([
    "E3112: inline assembly cannot call 'nowhere': a template calls a helper by name or number ('call bpf_map_lookup_elem'), or a function emitted in .text (declare it __noinline, or __attribute__((naked)) with __attribute__((used))); callbacks are passed in C",
  ]);
  expect(diag('asm volatile("r1 = %[v]" :: [v]"i"(a) : "r1");')).toEqual([
    'E5015: operand 0 of this asm statement has an "i" (immediate) constraint, but its value is only known at run time: pass a constant, or use an "r" (register) operand',
  ]);
  expect(diag('asm volatile("%0 += 1" : "+r"(a) :: "r11");')[0]).toContain('unknown clobber "r11"');
});

it('calls a kernel function (__ksym) by name from a template, and emits nothing for `(void)kfunc;`', () => {
  // bpf_experimental.h's bpf_assert: `(void)bpf_throw;` then "... call bpf_throw" in the template.
  const out = compileString(`#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
extern void bpf_throw(__u64 cookie) __ksym;
SEC("tc") int p(struct __sk_buff *skb) {
  __u64 len = skb->len;
  (void)bpf_throw;
  asm volatile("if %[len] > 10 goto +2; r1 = 7; call bpf_throw" :: [len]"r"(len) : "r0", "r1", "r2", "r3", "r4", "r5");
  return 1;
}
char _license[] SEC("license") = "GPL";`, { verify: false });
  expect(out.ctx.diags.list).toEqual([]);
  const fn = out.object!.functions.find((f) => f.name === 'p')!;
  expect(fn.relocs).toEqual([expect.objectContaining({ kind: 'call', symbol: 'bpf_throw' })]);
  expect(fn.insns[fn.relocs[0]!.insnIndex]).toMatchObject({ code: 0x85, src: 1 });
  expect(out.object!.externFuncs).toEqual([{ name: 'bpf_throw', weak: false }]);
});

