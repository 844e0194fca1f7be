// Cross-checks of debug info with LLVM tools (skipped, loudly, where they are not installed:
// clang-util.ts): llvm-dwarfdump-19 --verify accepts ebcc's DWARF, llvm-objdump-19
// -S interleaves the C source from it, and `ebcc objdump -S` on a clang-19 object
// agrees with `llvm-objdump -d -S` on instructions and line attributions.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NodeFileSystem } from '../../src/cli/node-fs.js';
import { Diagnostics } from '../../src/diag/diagnostic.js';
import { objdump } from '../../src/obj/objdump.js';
import { writeObject } from '../../src/obj/write.js';
import { compileFile, compileString, REPO_DIR, STDLIB_DIR } from '../util/compile.js';
import { CLANG, hasClang, hasTool } from './clang-util.js';

const OBJDUMP = 'llvm-objdump-19';
const DWARFDUMP = 'llvm-dwarfdump-19';
const SAMPLE = `${REPO_DIR}samples/xdp_count.c`;
const SAMPLE_LINES = readFileSync(SAMPLE, 'utf8').split('\n');

const enabled = hasTool(OBJDUMP) && hasTool(DWARFDUMP);
const clang = enabled && hasClang();

const dir = mkdtempSync(join(tmpdir(), 'ebcc-dwarf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function save(name: string, bytes: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

function tool(name: string, args: string[]): string {
  const res = spawnSync(name, args, { encoding: 'utf8' });
  expect(res.stderr).toBe('');
  expect(res.status).toBe(0);
  return res.stdout;
}

/** Instruction index -> text, and index -> the source line text printed before it. */
interface Listing {
  insns: Map<number, string>;
  lines: Map<number, string>;
}

/** Parses `llvm-objdump -d -S` output. */
function parseLlvm(text: string): Listing {
  const out: Listing = { insns: new Map(), lines: new Map() };
  let pending: string | undefined;
  for (const l of text.split('\n')) {
    const insn = /^\s+(\d+):\t(?:[0-9a-f]{2} ?)+\t(.*)$/.exec(l);
    if (insn) {
      const i = Number(insn[1]);
      out.insns.set(i, insn[2]!);
      if (pending !== undefined) out.lines.set(i, pending);
      pending = undefined;
    } else if (l.startsWith('; ')) pending = l.slice(2).trim();
  }
  return out;
}

/** Parses `ebcc objdump -S` output. */
function parseEbcc(text: string): Listing {
  const out: Listing = { insns: new Map(), lines: new Map() };
  let pending: string | undefined;
  for (const l of text.split('\n')) {
    const insn = /^\s+(\d+): (.*)$/.exec(l);
    if (insn) {
      const i = Number(insn[1]);
      out.insns.set(i, insn[2]!);
      if (pending !== undefined) out.lines.set(i, pending);
      pending = undefined;
    } else if (l.startsWith('; ')) pending = /^; (.*) @ [^ ]+:\d+$/.exec(l)![1]!;
  }
  return out;
}

/** Renames a section by rewriting its name in the section name table (same length). */
function renameSection(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const out = bytes.slice();
  const needle = new TextEncoder().encode(`${from}\0`);
  const repl = new TextEncoder().encode(`${to}\0`);
  for (let i = 0; i + needle.length <= out.length; i++) {
    if (needle.every((b, k) => out[i + k] === b)) out.set(repl, i);
  }
  return out;
}

/** One spelling for both syntaxes: decimal numbers, no blanks, no branch-target or symbol decorations. */
function normalise(insn: string): string {
  return insn
    .replace(/ <[^>]*>$/, '') // llvm: branch target label
    .replace(/ ll$/, '') // llvm: ld_imm64 suffix
    .replace(/map\[[^\]]*\]|&\S+/, '0') // ebcc: relocated ld_imm64 (its imm is 0 in the object)
    .replace(/call [a-z_0-9]+#(\d+)/, 'call $1') // ebcc: helper name
    .replace(/goto pc/, 'goto ')
    .replace(/(-?)0x([0-9a-f]+)/g, (_m, sign: string, hex: string) => `${sign}${parseInt(hex, 16)}`)
    .replace(/\s+/g, '');
}

describe.skipIf(!enabled)('debug info cross-checks (llvm-objdump-19, llvm-dwarfdump-19)', () => {
  it('llvm-dwarfdump --verify reports no errors on ebcc objects (one section, and several)', () => {
    const one = save('one.o', compileFile(SAMPLE).elf!);
    expect(tool(DWARFDUMP, ['--verify', one])).toContain('No errors.');
    const src = `#include <linux/bpf.h>
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
`;
    const several = save('several.o', compileString(src, {}, 'obj', join(dir, 'several.c')).elf!);
    expect(tool(DWARFDUMP, ['--verify', several])).toContain('No errors.');
    const info = tool(DWARFDUMP, ['--debug-info', several]);
    expect(info).toContain('DW_AT_producer\t("ebcc")');
    expect(info).toContain('DW_AT_language\t(DW_LANG_C11)');
    expect(info).toMatch(/DW_AT_name\t\("twice"\)\n\s+DW_AT_decl_file\t\("[^"]*several\.c"\)\n\s+DW_AT_decl_line\t\(3\)/);
  });

  it('llvm-objdump -d -S interleaves the C source of samples/xdp_count.c from DWARF alone', () => {
    const out = compileFile(SAMPLE);
    // Without .BTF there is no .BTF.ext, so the source can only come from .debug_line.
    const path = save('dwarf-only.o', writeObject({ ...out.object!, btf: [] }, out.ctx));
    const listing = parseLlvm(tool(OBJDUMP, ['-d', '-S', path]));
    expect(listing.lines.get(0)).toBe('void *data = (void *)(long)ctx->data;');
    expect(listing.lines.size).toBeGreaterThanOrEqual(10);
    for (const text of listing.lines.values()) {
      expect(SAMPLE_LINES.map((l) => l.trim())).toContain(text);
    }
    // and the same attributions as ebcc's own line table (via .BTF.ext)
    const diags = new Diagnostics();
    const ours = parseEbcc(objdump(out.elf!, 'x.o', diags, { source: true })!);
    expect(diags.list).toEqual([]);
    expect([...listing.lines]).toEqual([...ours.lines]);
  });

  for (const sample of [SAMPLE, `${REPO_DIR}samples/l4lb.c`]) {
    const obj = `clang-${sample.split('/').pop()!.replace('.c', '')}.o`;
  it.skipIf(!clang)(
    `ebcc objdump -S on a clang-19 object of ${sample.split('/').pop()} agrees with llvm-objdump -d -S`,
    () => {
      const res = spawnSync(CLANG, ['-O2', '-g', '-target', 'bpf', '-nostdinc', '-isystem', STDLIB_DIR, '-c', sample, '-o', join(dir, obj)], { encoding: 'utf8' });
      expect(res.status, res.stderr).toBe(0);
      const bytes = new Uint8Array(readFileSync(join(dir, obj)));
      const llvm = parseLlvm(tool(OBJDUMP, ['-d', '-S', join(dir, obj)]));
      const diags = new Diagnostics();
      const ours = parseEbcc(objdump(bytes, 'clang.o', diags, { source: true })!);
      expect(diags.list).toEqual([]);
      expect([...ours.insns.keys()]).toEqual([...llvm.insns.keys()]);
      expect([...ours.insns.values()].map(normalise)).toEqual([...llvm.insns.values()].map(normalise));
      // Line attributions: clang's .BTF.ext (which ebcc objdump prefers) and its DWARF (which
      // llvm-objdump reads) come from the same debug locations but differ in a few places
      // (e.g. a function's first record names its declaration line in BTF, its '{' in DWARF).
      const agree = [...llvm.lines].filter(([i, text]) => ours.lines.get(i) === text).length;
      expect(agree / llvm.lines.size).toBeGreaterThanOrEqual(0.9);
      // From DWARF alone (the .BTF.ext section renamed away), the attributions are the same.
      const noExt = renameSection(bytes, '.BTF.ext', '.BTF.exz');
      const fromDwarf = parseEbcc(objdump(noExt, 'clang.o', diags, { source: true, fs: new NodeFileSystem() })!);
      expect(diags.list).toEqual([]);
      expect(fromDwarf.lines.size).toBeGreaterThanOrEqual(10);
      expect([...fromDwarf.lines]).toEqual([...llvm.lines]);
    },
  );
  }

  it('every sample: bpftool btf dump succeeds, llvm-dwarfdump --verify is clean, llvm-objdump -S shows its source', () => {
    const samples = readdirSync(`${REPO_DIR}samples`).filter((f) => f.endsWith('.c'));
    for (const name of samples) {
      const out = compileFile(`${REPO_DIR}samples/${name}`);
      expect(out.ctx.diags.hasErrors(), out.text).toBe(false);
      const path = save(name.replace('.c', '.o'), out.elf!);
      const btf = spawnSync('bpftool', ['btf', 'dump', 'file', path], { encoding: 'utf8' });
      expect(btf.status, `${name}: ${btf.stderr}`).toBe(0);
      expect(tool(DWARFDUMP, ['--verify', path])).toContain('No errors.');
      const lines = readFileSync(`${REPO_DIR}samples/${name}`, 'utf8').split('\n').map((l) => l.trim());
      const shown = parseLlvm(tool(OBJDUMP, ['-d', '-S', path])).lines;
      expect(shown.size, name).toBeGreaterThan(0);
      for (const text of shown.values()) expect(lines, name).toContain(text);
    }
  });
});
