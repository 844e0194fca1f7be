// DWARF from writeObject: which sections and relocations exist, and what the
// line table says (read back with ebcc's own .debug_line reader).
import { describe, expect, it } from 'vitest';
import { ByteReader } from '../../src/obj/bytes.js';
import { readDebugLine } from '../../src/obj/dwarf-line-read.js';
import { parseElf, type ElfFile } from '../../src/obj/elf-reader.js';
import { compileFile, compileString, REPO_DIR } from '../util/compile.js';

const SAMPLE = `${REPO_DIR}/samples/xdp_count.c`;

function elfOf(bytes: Uint8Array | undefined): ElfFile {
  const elf = parseElf(bytes!);
  if ('kind' in elf) throw new Error(elf.message);
  return elf;
}

function relocs(elf: ElfFile, name: string): { offset: number; type: number; target: string }[] {
  const sec = elf.sections.find((s) => s.name === name)!;
  return (elf.relsByTarget.get(sec.index) ?? []).map((r) => {
    const sym = elf.symbols[r.symbol]!;
    return { offset: r.offsetBytes, type: r.type, target: elf.sections[sym.shndx]!.name };
  });
}

const MULTI = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
static __noinline int twice(int x)
{
	return x * 2;
}
SEC("xdp")
int a(struct xdp_md *ctx)
{
	return twice(1);
}
SEC("tc")
int b(struct __sk_buff *skb)
{
	return 0;
}
char _license[] SEC("license") = "GPL";
`;

describe('DWARF sections', () => {
  it('with debug info: .debug_abbrev/info/str/line and their REL sections, after the code relocations', () => {
    const out = compileFile(SAMPLE);
    expect(out.text).toBe('');
    const names = elfOf(out.elf).sections.map((s) => s.name);
    expect(names).toEqual([
      '', 'xdp', '.maps', 'license', '.relxdp',
      '.debug_abbrev', '.debug_info', '.debug_str', '.debug_line', '.rel.debug_info', '.rel.debug_line',
      '.BTF', '.BTF.ext', '.symtab', '.strtab', '.shstrtab',
    ]);
  });

  it('without debug info (-g0): no .debug_* section and no line_info', () => {
    const out = compileFile(SAMPLE, { debugInfo: false });
    const names = elfOf(out.elf).sections.map((s) => s.name);
    expect(names.filter((n) => n.includes('debug'))).toEqual([]);
    expect(names).toContain('.BTF.ext');
  });

  it('relocations: ABS32 for offsets into debug sections, ABS64 for code addresses', () => {
    const compiled = compileFile(SAMPLE);
    const elf = elfOf(compiled.elf);
    expect(relocs(elf, '.debug_info')).toEqual([
      { offset: 8, type: 3, target: '.debug_abbrev' }, // debug_abbrev_offset
      { offset: 13, type: 3, target: '.debug_str' }, // DW_AT_producer
      { offset: 19, type: 3, target: '.debug_str' }, // DW_AT_name
      { offset: 23, type: 3, target: '.debug_line' }, // DW_AT_stmt_list
      { offset: 27, type: 3, target: '.debug_str' }, // DW_AT_comp_dir
      { offset: 31, type: 2, target: 'xdp' }, // CU DW_AT_low_pc
      { offset: 44, type: 2, target: 'xdp' }, // xdp_count DW_AT_low_pc
      { offset: 56, type: 3, target: '.debug_str' },
      { offset: 63, type: 2, target: 'xdp' }, // xdp_count_all DW_AT_low_pc
      { offset: 75, type: 3, target: '.debug_str' },
    ]);
    expect(relocs(elf, '.debug_line').map((r) => [r.type, r.target])).toEqual([[2, 'xdp']]);
    const info = new ByteReader(elf.sections.find((s) => s.name === '.debug_info')!.data, 'info');
    expect(info.u16(4)).toBe(5); // DWARF 5
    // xdp_count_all's low_pc: it starts after xdp_count's slots, 8 bytes each
    expect(info.u64(63)).toBe(compiled.object!.functions[0]!.insns.length * 8);
    const str = new ByteReader(elf.sections.find((s) => s.name === '.debug_str')!.data, 'str');
    expect(str.cstring(info.u32(13))).toBe('ebcc');
    expect(str.cstring(info.u32(19))).toBe(SAMPLE);
    expect(str.cstring(info.u32(27))).toBe('.'); // no compDir option: '.'
  });

  it('the line table: one sequence per section, rows at the line-table addresses', () => {
    const out = compileFile(SAMPLE, { compDir: '/build' });
    const rows = readDebugLine(elfOf(out.elf));
    const fn = out.object!.functions[0]!;
    expect(rows[0]).toEqual({ section: 'xdp', addressBytes: 0, path: SAMPLE, line: 40, col: 8 });
    // every line-table entry whose position changes shows up as a row at insnIndex * 8
    const lines = rows.filter((r) => r.addressBytes < fn.insns.length * 8).map((r) => [r.addressBytes, r.line]);
    const expected = fn.lines.map((e) => [e.insnIndex * 8, out.ctx.sources.lineCol(e.span.file, e.span.start).line]);
    // one row per entry, except entries that repeat the previous row's position
    expect(lines.length).toBeGreaterThanOrEqual(10);
    for (const row of lines) expect(expected).toContainEqual(row);
    // xdp_count_all starts right after xdp_count with line 72 (its bump call)
    expect(rows.find((r) => r.addressBytes === fn.insns.length * 8)?.line).toBe(72);
    const addrs = rows.map((r) => r.addressBytes);
    expect(addrs).toEqual([...addrs].sort((a, b) => a - b));
  });

  it('several sections: a sequence each, and the CU uses DW_AT_ranges (.debug_rnglists)', () => {
    const out = compileString(MULTI, {}, 'obj', 'multi.c');
    expect(out.text).toBe('');
    const elf = elfOf(out.elf);
    expect(elf.sections.map((s) => s.name)).toContain('.debug_rnglists');
    expect(relocs(elf, '.debug_rnglists').map((r) => r.target)).toEqual(['.text', 'xdp', 'tc']);
    const rows = readDebugLine(elf);
    expect(rows.map((r) => [r.section, r.addressBytes, r.line])).toEqual([
      ['.text', 0, 5], ['xdp', 0, 10], ['tc', 0, 15],
    ]);
    expect(rows.every((r) => r.path === './multi.c')).toBe(true); // directory 0 is the compDir, '.'
  });
});
