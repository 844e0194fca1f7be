// Cross-checks with the binutils/LLVM tools when they are installed: they must
// parse ebcc's objects without a warning. Skipped, loudly, when absent (clang-util.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasTool } from './clang-util.js';
import { writeObject } from '../../src/obj/write.js';
import { mapProgram, newContext } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'ebcc-obj-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeMapObject(): string {
  const ctx = newContext();
  const path = join(dir, 'map.o');
  writeFileSync(path, writeObject(mapProgram(ctx), ctx));
  return path;
}

describe('external tools read the map program object', () => {
  it.skipIf(!hasTool('readelf'))('readelf -h -S -s -r parses it without warnings', () => {
    const res = spawnSync('readelf', ['-W', '-h', '-S', '-s', '-r', writeMapObject()], { encoding: 'utf8' });
    expect(res.status).toBe(0);
    expect(res.stderr).toBe('');
    expect(res.stdout).toMatch(/Machine:\s+Linux BPF/);
    expect(res.stdout).toMatch(/Type:\s+REL \(Relocatable file\)/);
    expect(res.stdout).toMatch(/Relocation section '\.relxdp' at offset 0x[0-9a-f]+ contains 2 entries/);
    expect(res.stdout).toMatch(/FUNC\s+GLOBAL\s+DEFAULT\s+1 xdp_prog/);
    expect(res.stdout).toMatch(/OBJECT\s+GLOBAL\s+DEFAULT\s+3 my_map/);
  });

  it.skipIf(!hasTool('llvm-objdump'))('llvm-objdump -d -r disassembles it with both relocations', () => {
    const res = spawnSync('llvm-objdump', ['-d', '-r', writeMapObject()], { encoding: 'utf8' });
    expect(res.status).toBe(0);
    expect(res.stderr).toBe('');
    expect(res.stdout).toMatch(/R_BPF_64_64\s+my_map/);
    expect(res.stdout).toMatch(/call -1\n\s+0000000000000040:\s+R_BPF_64_32\s+ret2/);
    expect(res.stdout).toContain('<ret2>:');
  });
});
