// A call of a function that another BPF object defines (`extern int f(int);`, no __ksym): ebcc
// compiles it as clang does, a BPF-to-BPF call relocated against the undefined symbol with a
// FUNC of extern linkage in BTF, and warns that the object loads only once linked (E5008, which
// -Werror leaves a warning: clang gives none). Its built-in verifier refuses the program as libbpf
// refuses the object alone (V1033). `bpftool gen object` links it with the object that defines
// the function; the linked object loads, and the call reaches the other object's code.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseElf, type ElfFile } from '../../src/obj/elf-reader.js';
import { compileString } from '../util/compile.js';
import { runBpftool } from './bpftool.js';
import { describeKernel, kernelIt, loadObject, runProgram } from './harness.js';
import { eth, ipv4, udp, text, ETH_P_IP } from './packets.js';

const PROG = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* In lib.c: the packet's length scaled and offset, as an XDP action. */
extern int classify_len(int len, int scale);

SEC("xdp")
int by_len(struct xdp_md *ctx)
{
	int len = ctx->data_end - ctx->data;
	return classify_len(len, 3);
}

char _license[] SEC("license") = "GPL";
`;

const LIB = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__attribute__((noinline)) int classify_len(int len, int scale)
{
	/* XDP_DROP (1) for short packets, XDP_PASS (2) for the rest */
	return len * scale < 200 ? XDP_DROP : XDP_PASS;
}
`;

it('calls the undefined symbol with a FUNC of extern linkage, and warns even under -Werror', () => {
  const out = compileString(PROG, { verify: true, warnings: 'error' });
  expect(out.ctx.diags.list.map((d) => [d.severity, d.code])).toEqual([['warning', 'E5008'], ['warning', 'V1033']]);
  const e = parseElf(out.elf!) as ElfFile;
  const sym = e.symbols.find((s) => s.name === 'classify_len')!;
  expect([sym.shndx, sym.bind]).toEqual([0, 1]); // SHN_UNDEF, STB_GLOBAL
  const fn = out.object!.functions.find((f) => f.name === 'by_len')!;
  expect(fn.relocs.filter((r) => r.kind === 'call').map((r) => [r.symbol, fn.insns[r.insnIndex]!.src])).toEqual([['classify_len', 1]]);
  const btf = out.object!.btf;
  expect(btf.filter((t) => t.kind === 'func' && t.name === 'classify_len').map((t) => (t.kind === 'func' ? t.linkage : ''))).toEqual(['extern']);
  expect(btf.some((t) => t.kind === 'datasec' && t.name === '.ksyms')).toBe(false);
});

describeKernel('a call of a function of another object, once linked', () => {
  kernelIt('loads and runs the function of the other object', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebcc-linkfn-'));
    try {
      const prog = compileString(PROG, { verify: false });
      const lib = compileString(LIB, { verify: true });
      expect(lib.text).toBe('');
      writeFileSync(join(dir, 'prog.o'), prog.elf!);
      writeFileSync(join(dir, 'lib.o'), lib.elf!);
      const link = runBpftool(['gen', 'object', join(dir, 'linked.o'), join(dir, 'prog.o'), join(dir, 'lib.o')]);
      expect(link.status, link.stderr).toBe(0);
      const obj = loadObject(join(dir, 'linked.o'));
      try {
        expect(obj.ok, obj.log).toBe(true);
        const mac = { dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01' };
        const pkt = (n: number) => eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: udp({ sport: 1, dport: 2, payload: text('x'.repeat(n)) }) }) });
        // 14 + 20 + 8 + n bytes: times 3 below 200 drops
        expect(pkt(10).length * 3).toBeLessThan(200);
        expect(runProgram(obj.prog('by_len').pinPath, pkt(10)).retval).toBe(1);
        expect(pkt(40).length * 3).toBeGreaterThanOrEqual(200);
        expect(runProgram(obj.prog('by_len').pinPath, pkt(40)).retval).toBe(2);
      } finally {
        obj.cleanup();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
