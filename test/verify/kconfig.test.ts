// Kconfig externs (`extern T NAME __kconfig;`): libbpf puts them in a read-only ".kconfig" map
// and fills in their values, so the kernel's verifier reads them as constants and skips the
// branches they rule out. ebcc links them the same way (map-defs.ts, link.ts), with the values of
// src/bpf/kconfig.ts; an extern it has no value for is an unknown number.
import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/bpf/assemble.js';
import type { BtfType } from '../../src/bpf/btf.js';
import type { ObjectProgram } from '../../src/bpf/object.js';
import { mapDefinitions } from '../../src/obj/map-defs.js';
import { verifyObject } from '../../src/verify/index.js';

/** An object whose program `p` (section kprobe/f) is `text`, with the given kconfig externs (name, size). */
function objectWith(text: string, externs: [string, number][]): ObjectProgram {
  const asm = assemble(text);
  expect(asm.errors).toEqual([]);
  const btf: BtfType[] = [{ kind: 'int', name: 'unsigned int', sizeBytes: 4, encoding: 'none', bits: 32, bitOffset: 0 } as BtfType];
  const vars = externs.map(([name, size]) => {
    btf.push({ kind: 'int', name: `u${size * 8}`, sizeBytes: size, encoding: 'none', bits: size * 8, bitOffset: 0 } as BtfType);
    btf.push({ kind: 'var', name, type: btf.length, linkage: 'extern' });
    return { type: btf.length, offset: 0, sizeBytes: size };
  });
  btf.push({ kind: 'datasec', name: '.kconfig', sizeBytes: 0, vars });
  const span = { file: -1, start: 0, end: 0 };
  return {
    functions: [{
      name: 'p', section: 'kprobe/f', global: true, insns: asm.insns, lines: [], btfFuncId: 0, span,
      relocs: asm.relocs.map((r) => ({ insnIndex: r.insnIndex, kind: 'map' as const, symbol: r.symbol })),
    }],
    data: [{ name: 'license', bytes: new TextEncoder().encode('GPL\0'), symbols: [] }],
    btf,
    sourcePath: 'kconfig.s',
  };
}

const verdict = (obj: ObjectProgram): string => {
  const p = verifyObject(obj).programs[0];
  return p === undefined ? 'no program' : p.accepted ? 'accept' : `reject: ${p.kernelMessage}`;
};

// Reads the extern; when it is zero, the path reads an uninitialised register.
const branchOn = (name: string, size: string): string => `
        r1 = map[${name}]
        r2 = *(${size} *)(r1 +0)
        if r2 != 0 goto ok
        r0 = r3
ok:     r0 = 0
        exit`;

describe('kconfig externs', () => {
  it('become one read-only .kconfig map, laid out by alignment then name', () => {
    const obj = objectWith(branchOn('LINUX_HAS_SYSCALL_WRAPPER', 'u8'), [['LINUX_HAS_SYSCALL_WRAPPER', 1], ['CONFIG_HZ', 8], ['LINUX_KERNEL_VERSION', 4]]);
    const k = mapDefinitions(obj).find((m) => m.name === '.kconfig');
    expect(k?.externs?.map((e) => [e.name, e.offset, e.known])).toEqual([
      ['CONFIG_HZ', 0, false], ['LINUX_KERNEL_VERSION', 8, true], ['LINUX_HAS_SYSCALL_WRAPPER', 12, true],
    ]);
    expect(k?.flags! & (1 << 7)).not.toBe(0);
    expect([...k!.initial!.subarray(8, 13)]).toEqual([0x00, 0x12, 0x06, 0x00, 1]);
  });

  it('a known value rules out the branch it decides (LINUX_HAS_SYSCALL_WRAPPER is 1 on x86-64)', () => {
    expect(verdict(objectWith(branchOn('LINUX_HAS_SYSCALL_WRAPPER', 'u8'), [['LINUX_HAS_SYSCALL_WRAPPER', 1]]))).toBe('accept');
  });

  it('an extern without a known value is an unknown number: both branches are explored', () => {
    expect(verdict(objectWith(branchOn('CONFIG_BPF_EVENTS', 'u8'), [['CONFIG_BPF_EVENTS', 1]]))).toBe('reject: R3 !read_ok');
  });

  it('LINUX_KERNEL_VERSION is KERNEL_VERSION(6, 18, 0)', () => {
    const text = `
        r1 = map[LINUX_KERNEL_VERSION]
        r2 = *(u32 *)(r1 +0)
        if r2 == 0x61200 goto ok
        r0 = r3
ok:     r0 = 0
        exit`;
    expect(verdict(objectWith(text, [['LINUX_KERNEL_VERSION', 4]]))).toBe('accept');
  });

  it('the map is read-only for the program', () => {
    const text = `
        r1 = map[LINUX_KERNEL_VERSION]
        *(u32 *)(r1 +0) = 1
        r0 = 0
        exit`;
    expect(verdict(objectWith(text, [['LINUX_KERNEL_VERSION', 4]]))).toMatch(/^reject: write into map forbidden/);
  });
});
