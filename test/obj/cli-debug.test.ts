// The CLI's debug-info surface: -g (the default) writes DWARF as clang does and no other file;
// --source-map adds OUT.o.map; -g0 writes no DWARF; `ebcc objdump` prints a listing.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseElf } from '../../src/obj/elf-reader.js';
import { REPO_DIR } from '../util/compile.js';

const SAMPLE = `${REPO_DIR}samples/xdp_count.c`;
let stdout = '';
let stderr = '';
let dir = '';

beforeEach(() => {
  stdout = '';
  stderr = '';
  dir = mkdtempSync(join(tmpdir(), 'ebcc-cli-debug-'));
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  process.exitCode = undefined;
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function sectionNames(path: string): string[] {
  const elf = parseElf(new Uint8Array(readFileSync(path)));
  if ('kind' in elf) throw new Error(elf.message);
  return elf.sections.map((s) => s.name);
}

describe('ebcc -g / -g0 and objdump', () => {
  it('-g (the default, and what clang users pass) writes DWARF and only the object, as clang does', async () => {
    const out = join(dir, 'x.o');
    expect(await main(['-O2', '-g', '-target', 'bpf', '-c', SAMPLE, '-o', out])).toBe(0);
    expect(sectionNames(out)).toContain('.debug_line');
    expect(readdirSync(dir)).toEqual(['x.o']);
  });

  it('--source-map also writes OUT.o.map', async () => {
    const out = join(dir, 'x.o');
    expect(await main(['-O2', '-g', '--source-map', '-target', 'bpf', '-c', SAMPLE, '-o', out])).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['x.o', 'x.o.map']);
    const map = JSON.parse(readFileSync(`${out}.map`, 'utf8'));
    expect(map).toMatchObject({ version: 3, file: 'x.o', sources: [SAMPLE] });
    expect(typeof map.mappings).toBe('string');
  });

  it('-g0 turns debug info off: no .debug_*, no map file', async () => {
    const out = join(dir, 'y.o');
    expect(await main(['-g0', SAMPLE, '-o', out])).toBe(0);
    expect(sectionNames(out).filter((n) => n.startsWith('.debug'))).toEqual([]);
    expect(existsSync(`${out}.map`)).toBe(false);
  });

  it('--source-map with -g0 is a usage error (there is no line table to map), exit 2', async () => {
    const out = join(dir, 'y.o');
    expect(await main(['-g0', '--source-map', SAMPLE, '-o', out])).toBe(2);
    expect(stderr).toBe('error: --source-map maps the line table that -g0 turns off: drop -g0\n');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('ebcc objdump -S -r --section xdp FILE prints the listing; exit 0', async () => {
    const out = join(dir, 'z.o');
    expect(await main([SAMPLE, '-o', out])).toBe(0);
    stdout = '';
    expect(await main(['objdump', '-S', '-r', '--section', 'xdp', out])).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'Disassembly of section xdp:',
      '',
      'xdp_count:',
      '; void *data = (void *)(long)ctx->data; @ xdp_count.c:40',
    ]);
    // Slot numbers are right-aligned to the width of the last one; a relocation sits under its slot.
    const m = /^( +)0: r\d = \*\(u32 \*\)\(r1 \+0\)$/.exec(lines[4]!)!;
    expect(m).not.toBeNull();
    const last = Math.max(...lines.map((l) => /^ +(\d+): /.exec(l)).filter((x) => x !== null).map((x) => Number(x![1])));
    expect(m[1]!.length).toBe(2 + String(last).length - 1);
    expect(lines).toContain(`${m[1]}   R_BPF_64_64 drop_stats`);
  });

  it('ebcc objdump on a missing file is E0001, exit 1', async () => {
    expect(await main(['objdump', join(dir, 'none.o')])).toBe(1);
    expect(stderr).toContain('[E0001]');
  });
});
