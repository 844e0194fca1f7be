// Strings and printk (test/kernel/idioms/printk_lengths.c), in the kernel and in ebcc run:
// bpf_printk with 0 to 12 arguments (bpf_trace_vprintk above 3), a static const format array,
// string literals passed to helpers (.rodata.str1.1), __func__ and a const table of structs with
// char arrays. bpf_trace_printk/bpf_trace_vprintk return the length of the printed line, which
// the program stores in map `lens`; the expected lengths are counted by hand from the formats.
import { expect, it } from 'vitest';
import { disasm } from '../../src/bpf/disasm.js';
import { STRING_SECTION } from '../../src/bpf/object.js';
import { compileFile, compileString, REPO_DIR } from '../util/compile.js';
import { describeDual } from '../run/dual.js';
import { u32LE, readU64LE } from './maps.js';

const compiled = () => compileFile(`${REPO_DIR}test/kernel/idioms/printk_lengths.c`);
const XDP_DROP = 1;
const XDP_PASS = 2;

it('puts string literals in .rodata.str1.1 and static const arrays in .rodata, and uses bpf_trace_vprintk above 3 arguments', () => {
  const out = compiled();
  expect(out.ctx.diags.list).toEqual([]);
  const strings = out.object!.data.find((d) => d.name === STRING_SECTION)!;
  const text = Buffer.from(strings.bytes).toString('latin1');
  expect(text.split('\0')).toEqual(expect.arrayContaining(['lit %s', 'abc']));
  const rodata = out.object!.data.find((d) => d.name === '.rodata')!;
  expect(rodata.symbols.map((s) => s.name)).toEqual(expect.arrayContaining(['len_fmt', 'services', 'printk_lengths.____fmt', 'printk_lengths.____fmt.1']));
  const calls = out.object!.functions[0]!.insns.filter((i) => i.code === 0x85).map((i) => i.imm);
  expect(calls.filter((id) => id === 177).length).toBe(2); // the 5- and the 12-argument lines
});

it('counts bpf_printk arguments: 3 go to bpf_trace_printk, 4 to bpf_trace_vprintk with a 32-byte array', () => {
  const src = (args: string) => `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
SEC("xdp") int p(struct xdp_md *ctx) { bpf_printk("x"${args}); return 2; }
char _license[] SEC("license") = "GPL";`;
  const helperIds = (args: string) => compileString(src(args)).object!.functions[0]!.insns.filter((i) => i.code === 0x85).map((i) => i.imm);
  expect(helperIds(', 1, 2, 3')).toEqual([6]);
  expect(helperIds(', 1, 2, 3, 4')).toEqual([177]);
  expect(helperIds('')).toEqual([6]);
});

it('passes an int argument of bpf_printk without clearing its upper half, as the helper reads only the low half', () => {
  // A kprobe's context holds numbers: the truncated register is the argument; a long made of
  // the int is still sign-extended from the low half.
  const out = compileString(`#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
struct regs { unsigned long a, b, c; };
SEC("kprobe/f") int p(struct regs *ctx) {
	bpf_printk("%d %ld", (int)ctx->a, (long)(int)ctx->b);
	bpf_trace_printk("%u", 3, (__u32)ctx->c);
	return 0;
}
char _license[] SEC("license") = "GPL";`);
  expect(out.ctx.diags.list.filter((d) => d.severity === 'error')).toEqual([]);
  const code = disasm(out.object!.functions[0]!.insns);
  expect(code.filter((l) => /^w\d = w\d$/.test(l))).toEqual([]);
  expect(code.some((l) => /^r\d s>>= 32$/.test(l))).toBe(true);
  // A map value may hold a pointer where ebcc cannot tell: the 8-byte load is truncated first.
  const fromMap = compileString(`#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, __u64); } m SEC(".maps");
SEC("xdp") int q(struct xdp_md *ctx) {
	__u32 k = 0;
	__u64 *v = bpf_map_lookup_elem(&m, &k);
	if (v)
		bpf_printk("%d", (int)*v);
	return 2;
}
char _license[] SEC("license") = "GPL";`);
  expect(disasm(fromMap.object!.functions[0]!.insns).some((l) => /^w3 = w\d$/.test(l))).toBe(true);
});

it('reports a string literal whose address is stored in a global table (E3107)', () => {
  const out = compileString(`static const char *const names[] = { "a", "b" };
__attribute__((section("xdp"))) int p(void *ctx) { return names[0][0]; }`);
  expect(out.ctx.diags.list.map((d) => d.code)).toContain('E3107');
});

describeDual('bpf_printk and strings', compiled, (obj) => {
  const lens = () => Array.from({ length: 10 }, (_, k) => Number(readU64LE(obj().lookup('lens', u32LE(k))!.value)));

  it('prints every line and returns its length', () => {
    const pkt = new Uint8Array(60);
    expect(obj().run('printk_lengths', pkt).retval).toBe(XDP_PASS);
    expect(lens()).toEqual([
      'no args'.length,
      'len=60'.length,
      '-1 22 333'.length,
      '60 1 2 3 4'.length,
      '123456789101112'.length,
      'pkt len=60'.length,
      'lit abc'.length,
      'printk_lengths'.length,
      0,
      '-40'.length,
    ]);
  });

  it('reads names from a const table in .rodata', () => {
    const pkt = new Uint8Array(80);
    expect(obj().run('printk_lengths', pkt).retval).toBe(XDP_DROP);
    expect(lens()[8]).toBe('http:80'.length);
    expect(lens()[1]).toBe('len=80'.length);
    expect(lens()[9]).toBe('-20'.length);
    expect(obj().run('printk_lengths', new Uint8Array(443)).retval).toBe(XDP_DROP);
    expect(lens()[8]).toBe('https:443'.length);
    expect(lens()[9]).toBe('343'.length);
  });
});
