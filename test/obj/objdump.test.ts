// `ebcc objdump` (src/obj/objdump.ts) on ebcc's own objects: the listing format,
// map and call names, relocations, source lines from .BTF.ext and, without
// .BTF.ext, from DWARF .debug_line.
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diag/diagnostic.js';
import { MemoryFileSystem } from '../../src/diag/fs.js';
import { objdump } from '../../src/obj/objdump.js';
import { writeObject } from '../../src/obj/write.js';
import { compileFile, compileString, REPO_DIR } from '../util/compile.js';
import { readFileSync } from 'node:fs';

const SAMPLE = `${REPO_DIR}/samples/xdp_count.c`;
const SAMPLE_LINES = readFileSync(SAMPLE, 'utf8').split('\n');

const MULTI = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
static __noinline int twice(int x)
{
	return x * 2;
}
SEC("xdp")
int a(struct xdp_md *ctx)
{
	return twice(ctx->ingress_ifindex);
}
char _license[] SEC("license") = "GPL";
`;

describe('ebcc objdump', () => {
  const sample = compileFile(SAMPLE);
  // Slot numbers are right-aligned to the width of the section's last slot number.
  const slots = sample.object!.functions.filter((f) => f.section === 'xdp').reduce((n, f) => n + f.insns.length, 0);
  const pad = ' '.repeat(2 + String(slots - 1).length - 1);
  const dump = (bytes: Uint8Array, opts = {}): string => {
    const diags = new Diagnostics();
    const text = objdump(bytes, 'x.o', diags, opts);
    expect(diags.list).toEqual([]);
    return text!;
  };

  it('lists each function of a section in the kernel log syntax (slot numbers right-aligned), with map names on ld_imm64', () => {
    const lines = dump(sample.elf!).split('\n');
    expect(lines.slice(0, 3)).toEqual(['Disassembly of section xdp:', '', 'xdp_count:']);
    expect(lines[3]).toMatch(new RegExp(`^${pad}0: r\\d = \\*\\(u32 \\*\\)\\(r1 \\+0\\)$`)); // ctx->data
    expect(lines[4]).toMatch(new RegExp(`^${pad}1: r\\d = \\*\\(u32 \\*\\)\\(r1 \\+4\\)$`)); // ctx->data_end
    // Right-aligned: every slot line has its colon in the same column.
    const colons = new Set(lines.filter((l) => /^ +\d+: /.test(l)).map((l) => l.indexOf(':')));
    expect([...colons]).toEqual([pad.length + 1]);
    const mapLine = lines.findIndex((l) => /^ +\d+: r\d = map\[drop_stats\]$/.test(l));
    expect(mapLine).toBeGreaterThan(0);
    // The ld_imm64 takes two slots: the next listed slot number is two further on.
    const slot = (l: string) => Number(/^ +(\d+):/.exec(l)![1]);
    expect(slot(lines[mapLine + 1]!)).toBe(slot(lines[mapLine]!) + 2);
    expect(lines.some((l) => /^ +\d+: call bpf_map_lookup_elem#1$/.test(l))).toBe(true);
    expect(lines).toContain('xdp_count_all:');
  });

  it('-r prints each relocation under its instruction', () => {
    const lines = dump(sample.elf!, { relocs: true }).split('\n');
    const at = lines.findIndex((l) => /^ +\d+: r\d = map\[drop_stats\]$/.test(l));
    expect(lines[at + 1]).toBe(`${pad}   R_BPF_64_64 drop_stats`);
  });

  it('-S prints the .BTF.ext source line before its first instruction, as the kernel log does', () => {
    const lines = dump(sample.elf!, { source: true }).split('\n');
    expect(lines.slice(2, 4)).toEqual(['xdp_count:', '; void *data = (void *)(long)ctx->data; @ xdp_count.c:40']);
    expect(lines[4]).toMatch(new RegExp(`^${pad}0: r\\d = \\*\\(u32 \\*\\)\\(r1 \\+0\\)$`));
    expect(lines[5]).toBe('; void *data_end = (void *)(long)ctx->data_end; @ xdp_count.c:41');
    // every quoted text is the file's line, left-trimmed
    const quoted = lines.filter((l) => l.startsWith('; '));
    expect(quoted.length).toBeGreaterThan(10);
    for (const q of quoted) {
      const m = /^; (.*) @ xdp_count\.c:(\d+)$/.exec(q)!;
      expect(m[1]).toBe(SAMPLE_LINES[Number(m[2]) - 1]!.trimStart());
    }
  });

  it('-S without .BTF.ext falls back to DWARF .debug_line, reading the text through fs', () => {
    const ctx = sample.ctx;
    const prog = { ...sample.object!, btf: [] };
    const bytes = writeObject(prog, ctx);
    const fs = new MemoryFileSystem().set(SAMPLE, SAMPLE_LINES.join('\n'));
    const fromDwarf = dump(bytes, { source: true, fs });
    const fromBtf = dump(sample.elf!, { source: true });
    expect(fromDwarf).toBe(fromBtf);
  });

  it('a BPF-to-BPF call prints its callee; --section limits the listing', () => {
    const out = compileString(MULTI, {}, 'obj', 'multi.c');
    expect(dump(out.elf!, { section: 'xdp', relocs: true })).toBe(
      ['Disassembly of section xdp:', '', 'a:', '  0: r1 = *(u32 *)(r1 +12)', '  1: call twice', '     R_BPF_64_32 twice', '  2: exit', '', ''].join('\n'),
    );
  });

  it('an unknown --section is E6017; a file that is not ELF is E6010', () => {
    const diags = new Diagnostics();
    expect(objdump(sample.elf!, 'x.o', diags, { section: 'tc' })).toBeUndefined();
    expect(diags.list.map((d) => [d.code, d.message])).toEqual([
      ['E6017', "x.o: expected a program section named 'tc', saw xdp"],
    ]);
    const d2 = new Diagnostics();
    expect(objdump(new TextEncoder().encode('hello'), 'h.o', d2)).toBeUndefined();
    expect(d2.list.map((d) => d.code)).toEqual(['E6010']);
  });
});
