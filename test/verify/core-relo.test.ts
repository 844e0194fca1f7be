// CO-RE relocations: before verifying a clang object with .BTF.ext core_relo records, ebcc applies
// them against the kernel's BTF as libbpf does before loading (src/verify/core-relocate.ts). A
// relocation without a match makes an existence check 0, and poisons any other instruction
// (`call 0xbad2310`), which the kernel refuses only where it is reachable. Most cases relocate
// against a small target BTF written here, so they do not depend on the kernel build; the last
// group relocates against the running kernel's /sys/kernel/btf/vmlinux (struct task_struct's pid,
// stable since BTF exists), and loads the same objects into the kernel to compare verdicts.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { assemble } from '../../src/bpf/assemble.js';
import type { BtfType } from '../../src/bpf/btf.js';
import { CORE_POISON_HELPER, CORE_RELO_KINDS, essentialName } from '../../src/bpf/core-relo.js';
import type { CoreRelo, FunctionCode, ObjectProgram } from '../../src/bpf/object.js';
import { Diagnostics } from '../../src/diag/diagnostic.js';
import { main } from '../../src/cli/main.js';
import { decodeBtf } from '../../src/obj/btf-decode.js';
import { buildBtfSection, encodeBtfTypes } from '../../src/obj/btf-encode.js';
import { StringTable } from '../../src/obj/bytes.js';
import { readObject } from '../../src/obj/read.js';
import { writeObject } from '../../src/obj/write.js';
import { applyCoreRelocations, targetBtf, type TargetBtf } from '../../src/verify/core-relocate.js';
import { verifyObject } from '../../src/verify/index.js';
import { describeKernel, loadObjectBytes } from '../kernel/harness.js';
import { newContext } from '../obj/fixtures.js';

const kind = (name: string): number => CORE_RELO_KINDS.find((k) => k.name === name)!.value;
const int = (name: string, size: number, signed = false): BtfType =>
  ({ kind: 'int', name, sizeBytes: size, encoding: signed ? 'signed' : 'none', bits: size * 8, bitOffset: 0 });
const member = (name: string, type: number, bitOffset: number, bitfieldSize = 0) => ({ name, type, bitOffset, bitfieldSize });

// The program's own view of the types (ids 1..):
//   1 unsigned int   2 int   3 struct sk___mine { unsigned int a; int b; unsigned int c:3, d:5; }
//   4 enum state___mine { ST_OPEN = 1, ST_GONE = 9 }   5 struct absent { int x; }
//   6 struct anon_in_kernel { int deep; }   7 unsigned long long (for resizing)
//   8 struct sized { unsigned int u; int s; }
const LOCAL: BtfType[] = [
  int('unsigned int', 4),
  int('int', 4, true),
  { kind: 'struct', name: 'sk___mine', sizeBytes: 12, members: [member('a', 1, 0), member('b', 2, 32), member('c', 1, 64, 3), member('d', 1, 67, 5)] },
  { kind: 'enum', name: 'state___mine', sizeBytes: 4, signed: false, values: [{ name: 'ST_OPEN', value: 1 }, { name: 'ST_GONE', value: 9 }] },
  { kind: 'struct', name: 'absent', sizeBytes: 4, members: [member('x', 2, 0)] },
  { kind: 'struct', name: 'anon_in_kernel', sizeBytes: 4, members: [member('deep', 2, 0)] },
  int('unsigned long long', 8),
  { kind: 'struct', name: 'sized', sizeBytes: 8, members: [member('u', 1, 0), member('s', 2, 32)] },
];

// The "kernel": struct sk has a field in front (b moves to 8), a moved bitfield and no 'c';
// enum state has ST_OPEN = 4 and no ST_GONE; anon_in_kernel's 'deep' sits in an anonymous union;
// struct sized has 8-byte fields; and two structs named dup___a/dup___b disagree on 'a'.
//   1 int  2 unsigned int  3 long  4 struct sk  5 enum state  6 union (anon)  7 struct anon_in_kernel
//   8 unsigned long long  9 long long  10 struct sized
const TARGET: BtfType[] = [
  int('int', 4, true),
  int('unsigned int', 4),
  int('long', 8, true),
  { kind: 'struct', name: 'sk', sizeBytes: 16, members: [member('pad', 3, 0), member('a', 2, 64), member('b', 1, 96), member('d', 2, 123, 5)] },
  { kind: 'enum', name: 'state', sizeBytes: 4, signed: false, values: [{ name: 'ST_OPEN', value: 4 }] },
  { kind: 'union', name: '', sizeBytes: 4, members: [member('deep', 1, 0)] },
  { kind: 'struct', name: 'anon_in_kernel', sizeBytes: 8, members: [member('first', 1, 0), member('', 6, 32)] },
  int('unsigned long long', 8),
  int('long long', 8, true),
  { kind: 'struct', name: 'sized', sizeBytes: 16, members: [member('u', 8, 0), member('s', 9, 64)] },
];

const SPAN = { file: -1, start: 0, end: 0 };

function fn(text: string, coreRelos: CoreRelo[], section = 'kprobe/f'): FunctionCode {
  const asm = assemble(text);
  expect(asm.errors).toEqual([]);
  return { name: 'p', section, global: true, insns: asm.insns, relocs: [], lines: [], btfFuncId: 0, span: SPAN, coreRelos };
}

function objectOf(f: FunctionCode, btf: BtfType[] = LOCAL): ObjectProgram {
  return { functions: [f], data: [{ name: 'license', bytes: new TextEncoder().encode('GPL\0'), symbols: [] }], btf, sourcePath: 'core.s' };
}

const relo = (insnIndex: number, typeId: number, access: string, k: string): CoreRelo => ({ insnIndex, typeId, access, kind: kind(k) });

/** The instruction after relocation against TARGET, and the failures. */
function relocated(text: string, relos: CoreRelo[], target: TargetBtf = targetBtf(TARGET, 'test')) {
  const r = applyCoreRelocations([fn(text, relos)], LOCAL, target);
  const out = r.functions[0]!;
  return { insns: out.insns, failures: r.failures.get(out) ?? [] };
}

describe('CO-RE facts', () => {
  it('the relocation kinds are numbered as enum bpf_core_relo_kind', () => {
    expect(CORE_RELO_KINDS.map((k) => `${k.value}:${k.name}`)).toEqual([
      '0:FIELD_BYTE_OFFSET', '1:FIELD_BYTE_SIZE', '2:FIELD_EXISTS', '3:FIELD_SIGNED', '4:FIELD_LSHIFT_U64', '5:FIELD_RSHIFT_U64',
      '6:TYPE_ID_LOCAL', '7:TYPE_ID_TARGET', '8:TYPE_EXISTS', '9:TYPE_SIZE', '10:ENUMVAL_EXISTS', '11:ENUMVAL_VALUE', '12:TYPE_MATCHES',
    ]);
    expect(CORE_POISON_HELPER).toBe(195896080);
  });

  it('a flavour suffix "___x" is not part of the name', () => {
    expect(essentialName('task_struct___old')).toBe('task_struct');
    expect(essentialName('a___b___c')).toBe('a___b');
    expect(essentialName('__x___')).toBe('__x___');
    expect(essentialName('x____y')).toBe('x____y');
    expect(essentialName('plain')).toBe('plain');
  });
});

describe('CO-RE relocation against a small target BTF', () => {
  it('a field offset follows the field, found by name in the kernel\'s struct of the same essential name', () => {
    const { insns, failures } = relocated('r1 += 4\nr2 = *(u32 *)(r1 +4)\nr0 = 0\nexit', [relo(0, 3, '0:1', 'FIELD_BYTE_OFFSET'), relo(1, 3, '0:1', 'FIELD_BYTE_OFFSET')]);
    expect(failures).toEqual([]);
    expect(insns[0]!.imm).toBe(12);
    expect(insns[1]!.off).toBe(12);
  });

  it('a field the kernel lacks poisons the instruction, and its existence check is 0', () => {
    const { insns, failures } = relocated('r1 = 1\nr2 += 8\nr0 = 0\nexit', [relo(0, 3, '0:2', 'FIELD_EXISTS'), relo(1, 3, '0:2', 'FIELD_BYTE_OFFSET')]);
    expect(insns[0]!.imm).toBe(0);
    expect(insns[1]).toMatchObject({ code: 0x85, imm: CORE_POISON_HELPER });
    expect(failures.map((f) => [f.insnIndex, f.what, f.fatal])).toEqual([[1, 'struct sk___mine.c', false]]);
  });

  it('a type the kernel lacks: existence 0, size 0, field offsets poisoned', () => {
    const { insns, failures } = relocated('r1 = 1\nr2 = 4\nr3 += 0\nr0 = 0\nexit',
      [relo(0, 5, '0', 'TYPE_EXISTS'), relo(1, 5, '0', 'TYPE_SIZE'), relo(2, 5, '0:0', 'FIELD_BYTE_OFFSET')]);
    expect([insns[0]!.imm, insns[1]!.imm, insns[2]!.imm]).toEqual([0, 0, CORE_POISON_HELPER]);
    expect(failures[0]!.reason).toBe("the kernel has no type named 'absent'");
  });

  it('type existence, size and the kernel\'s type id', () => {
    const { insns } = relocated('r1 = 0\nr2 = 0\nr3 = 0 ll\nr0 = 0\nexit',
      [relo(0, 3, '0', 'TYPE_EXISTS'), relo(1, 3, '0', 'TYPE_SIZE'), relo(2, 3, '0', 'TYPE_ID_TARGET')]);
    expect([insns[0]!.imm, insns[1]!.imm, insns[2]!.imm, insns[3]!.imm]).toEqual([1, 16, 4, 0]);
  });

  it('enumerators by name: the kernel\'s value, or a poisoned instruction', () => {
    const { insns, failures } = relocated('r1 = 1\nr2 = 0\nr3 = 9\nr0 = 0\nexit',
      [relo(0, 4, '0', 'ENUMVAL_VALUE'), relo(1, 4, '1', 'ENUMVAL_EXISTS'), relo(2, 4, '1', 'ENUMVAL_VALUE')]);
    expect([insns[0]!.imm, insns[1]!.imm, insns[2]!.imm]).toEqual([4, 0, CORE_POISON_HELPER]);
    expect(failures.map((f) => f.what)).toEqual(['enum state___mine::ST_GONE']);
  });

  it('bitfields: byte offset and size of the containing load, and the two shifts', () => {
    // d: 5 bits at bit 123 of a 4-byte int: the load is the u32 at byte 12, the field at bits 27..31 of it.
    const { insns } = relocated('r1 = 0\nr2 = 0\nr3 = 0\nr4 = 0\nr5 = 0\nr0 = 0\nexit', [
      relo(0, 3, '0:3', 'FIELD_BYTE_OFFSET'), relo(1, 3, '0:3', 'FIELD_BYTE_SIZE'), relo(2, 3, '0:3', 'FIELD_LSHIFT_U64'),
      relo(3, 3, '0:3', 'FIELD_RSHIFT_U64'), relo(4, 3, '0:1', 'FIELD_SIGNED'),
    ]);
    expect([insns[0]!.imm, insns[1]!.imm, insns[2]!.imm, insns[3]!.imm, insns[4]!.imm]).toEqual([12, 4, 32, 59, 1]);
  });

  it('a field inside an anonymous union of the kernel\'s struct is found', () => {
    const { insns } = relocated('r1 += 0\nr0 = 0\nexit', [relo(0, 6, '0:0', 'FIELD_BYTE_OFFSET')]);
    expect(insns[0]!.imm).toBe(4);
  });

  it('a load of an unsigned field that grew takes the kernel\'s size; a signed one is poisoned', () => {
    const { insns, failures } = relocated('r2 = *(u32 *)(r1 +0)\nr3 = *(u32 *)(r1 +4)\nr0 = 0\nexit',
      [relo(0, 8, '0:0', 'FIELD_BYTE_OFFSET'), relo(1, 8, '0:1', 'FIELD_BYTE_OFFSET')]);
    expect(insns[0]).toMatchObject({ code: 0x79, off: 0 }); // ldxdw
    expect(insns[1]).toMatchObject({ code: 0x85, imm: CORE_POISON_HELPER });
    expect(failures.map((f) => f.what)).toEqual(['struct sized.s']);
  });

  it('two kernel types that match with different results: the loader refuses the object', () => {
    const target = targetBtf([...TARGET,
      { kind: 'struct', name: 'sk___a', sizeBytes: 8, members: [member('a', 2, 0), member('b', 1, 32)] }], 'test');
    const { failures } = relocated('r1 += 0\nr0 = 0\nexit', [relo(0, 3, '0:1', 'FIELD_BYTE_OFFSET')], target);
    expect(failures.map((f) => f.fatal)).toEqual([true]);
  });
});

describe('the verifier on relocated code', () => {
  // r6 = 1 unless the field exists check says 0; the field's instruction is reached only when it exists.
  const guarded = `
        r1 = 1
        if r1 == 0 goto out
        r2 = 0
        r2 += 0
out:    r0 = 0
        exit`;
  const relos = (access: string) => [relo(0, 3, access, 'FIELD_EXISTS'), relo(3, 3, access, 'FIELD_BYTE_OFFSET')];
  const verdict = (obj: ObjectProgram, opts = {}) => verifyObject(obj, { kernelBtf: targetBtf(TARGET, 'test'), ...opts });

  it('a poisoned instruction on a live path is refused, with the relocation named', () => {
    const res = verdict(objectOf(fn('r2 = 0\nr2 += 0\nr0 = 0\nexit', [relo(1, 3, '0:2', 'FIELD_BYTE_OFFSET')])));
    const p = res.programs[0]!;
    expect(p.accepted).toBe(false);
    expect(p.kernelMessage).toBe('invalid func unknown#195896080');
    expect(p.diagnostics[0]!.code).toBe('V1032');
    expect(p.diagnostics[0]!.message).toBe("CO-RE relocation of 'struct sk___mine.c' cannot be resolved against the kernel's BTF: " +
      'no type of that name in the kernel has a compatible field along the access path');
  });

  it('behind a failed existence check, the poisoned instruction is dead and the program accepted', () => {
    expect(verdict(objectOf(fn(guarded, relos('0:2')))).programs[0]!.accepted).toBe(true);
  });

  it('without a kernel BTF the code is verified unrelocated, and a note says so', () => {
    const res = verifyObject(objectOf(fn(guarded, relos('0:2'))));
    expect(res.programs[0]!.accepted).toBe(true);
    expect(res.diagnostics.map((d) => [d.severity, d.code])).toEqual([['note', 'V1032']]);
  });

  it('TYPE_ID_LOCAL alone (bpf_obj_new\'s type) needs no kernel BTF: no note', () => {
    const res = verifyObject(objectOf(fn('r1 = 3 ll\nr0 = 0\nexit', [relo(0, 3, '0', 'TYPE_ID_LOCAL')])));
    expect(res.programs[0]!.accepted).toBe(true);
    expect(res.diagnostics).toEqual([]);
  });

  it('.BTF.ext core_relo records survive writing and reading an object', () => {
    const ctx = newContext();
    const elf = writeObject(objectOf(fn(guarded, relos('0:2'))), ctx);
    expect(ctx.diags.list).toEqual([]);
    const back = readObject(elf, new Diagnostics(), 'core.o')!;
    expect(back.functions[0]!.coreRelos).toEqual(relos('0:2'));
  });
});

describe('ebcc verify --kernel-btf', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ebcc-core-relo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function run(args: string[]): Promise<{ status: number; stderr: string }> {
    let stderr = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((x) => ((stderr += String(x)), true));
    process.exitCode = undefined;
    try {
      await main(['verify', ...args, '--no-color']);
      return { status: Number(process.exitCode ?? 0), stderr };
    } finally {
      spy.mockRestore();
      process.exitCode = undefined;
    }
  }

  it('relocates against the named raw BTF file, or not at all with "none"', async () => {
    const strings = new StringTable();
    const types = encodeBtfTypes(TARGET, strings);
    const btfFile = join(dir, 'kernel.btf');
    writeFileSync(btfFile, buildBtfSection(types, strings.finish()));
    const objFile = join(dir, 'live.o');
    writeFileSync(objFile, writeObject(objectOf(fn('r2 = 0\nr2 += 0\nr0 = 0\nexit', [relo(1, 3, '0:2', 'FIELD_BYTE_OFFSET')])), newContext()));

    const relocatedRun = await run([objFile, '--kernel-btf', btfFile]);
    expect(relocatedRun.status).toBe(1);
    expect(relocatedRun.stderr).toContain("error: CO-RE relocation of 'struct sk___mine.c' cannot be resolved against the kernel's BTF");
    expect(relocatedRun.stderr).toContain('[V1032]');

    const unrelocated = await run([objFile, '--kernel-btf', 'none']);
    expect(unrelocated.status).toBe(0);
    expect(unrelocated.stderr).toContain('note: the object has 1 CO-RE relocation, and no kernel BTF was given');

    const missing = await run([objFile, '--kernel-btf', join(dir, 'absent.btf')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read the kernel BTF');
  });
});

describe('plain extern variables', () => {
  const btf: BtfType[] = [int('int', 4, true), { kind: 'var', name: 'shared_counter', type: 1, linkage: 'extern' }];
  const uses = (text: string): ObjectProgram => {
    const f = fn(text, []);
    f.relocs = assemble(text).relocs.map((r) => ({ insnIndex: r.insnIndex, kind: 'map' as const, symbol: r.symbol }));
    return objectOf(f, btf);
  };

  it('a program that loads one, neither __kconfig nor __ksym, is refused: no loader resolves it', () => {
    const res = verifyObject(uses('r1 = map[shared_counter]\nr0 = *(u32 *)(r1 +0)\nexit'));
    const p = res.programs[0]!;
    expect(p.accepted).toBe(false);
    expect(p.diagnostics[0]!.code).toBe('V1033');
    expect(p.kernelMessage).toMatch(/^pseudo btf_id 0 in ldimm64 isn't KIND_VAR or KIND_FUNC \(libbpf: failed to find BTF for extern 'shared_counter' \[2\]\)$/);
    expect(res.diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'V1033']]);
  });

  it('a program that does not use it is verified as it is, with the warning', () => {
    const res = verifyObject(uses('r0 = 0\nexit'));
    expect(res.programs[0]!.accepted).toBe(true);
    expect(res.diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'V1033']]);
  });

  it('an extern map (in the .maps DATASEC) is a map definition still: the program is verified, with the warning', () => {
    // struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, int); __type(value, int); }
    const maps: BtfType[] = [
      int('int', 4, true),
      { kind: 'var', name: 'shared_map', type: 7, linkage: 'extern' },
      { kind: 'array', elem: 1, index: 1, nelems: 2 }, { kind: 'ptr', type: 3 },
      { kind: 'array', elem: 1, index: 1, nelems: 1 }, { kind: 'ptr', type: 5 },
      { kind: 'struct', name: '', sizeBytes: 32, members: [member('type', 4, 0), member('max_entries', 6, 64), member('key', 8, 128), member('value', 8, 192)] },
      { kind: 'ptr', type: 1 },
      { kind: 'datasec', name: '.maps', sizeBytes: 32, vars: [{ type: 2, offset: 0, sizeBytes: 32 }] },
    ];
    const text = 'r1 = map[shared_map]\nr0 = 0\nexit';
    const f = fn(text, []);
    f.relocs = assemble(text).relocs.map((r) => ({ insnIndex: r.insnIndex, kind: 'map' as const, symbol: r.symbol }));
    const obj = objectOf(f, maps);
    obj.data.push({ name: '.maps', bytes: new Uint8Array(32), symbols: [{ name: 'shared_map', offset: 0, sizeBytes: 32, global: true }] });
    const res = verifyObject(obj);
    expect(res.programs.map((p) => p.accepted)).toEqual([true]);
    expect(res.diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'V1033']]);
  });

  it('an extern in the .ksyms DATASEC is a kernel symbol: no warning', () => {
    const ksym: BtfType[] = [...btf, { kind: 'datasec', name: '.ksyms', sizeBytes: 0, vars: [{ type: 2, offset: 0, sizeBytes: 4 }] }];
    const res = verifyObject(objectOf(fn('r0 = 0\nexit', []), ksym));
    expect(res.programs[0]!.accepted).toBe(true);
    expect(res.diagnostics).toEqual([]);
  });
});

// ---- against the running kernel ----------------------------------------------------------------

const VMLINUX = '/sys/kernel/btf/vmlinux';
const haveVmlinux = existsSync(VMLINUX);
if (!haveVmlinux) console.warn(`CO-RE KERNEL-BTF TESTS SKIPPED: ${VMLINUX} is absent`);

// The program's local task_struct: pid, and a field no kernel has.
const TASK_LOCAL: BtfType[] = [
  int('int', 4, true),
  { kind: 'struct', name: 'task_struct___ebcc', sizeBytes: 8, members: [member('pid', 1, 0), member('ebcc_no_such_field', 1, 32)] },
];

/** Reads the current task's field through bpf_probe_read_kernel; `guard` checks its existence first. */
function taskProgram(field: 'pid' | 'ebcc_no_such_field', guard: boolean): ObjectProgram {
  const access = field === 'pid' ? '0:0' : '0:1';
  const text = `
        r6 = 1
        if r6 == 0 goto out
        call bpf_get_current_task
        r3 = r0
        r3 += 0
        r1 = r10
        r1 += -8
        r2 = 4
        call bpf_probe_read_kernel
out:    r0 = 0
        exit`;
  const relos = [relo(4, 2, access, 'FIELD_BYTE_OFFSET'), ...(guard ? [relo(0, 2, access, 'FIELD_EXISTS')] : [])];
  return objectOf(fn(text, relos), TASK_LOCAL);
}

describe.skipIf(!haveVmlinux)('CO-RE relocation against the running kernel\'s BTF', () => {
  const kernel = haveVmlinux ? targetBtf(decodeBtf(new Uint8Array(readFileSync(VMLINUX))).types, VMLINUX) : undefined;
  const ebcc = (obj: ObjectProgram): boolean => verifyObject(obj, { kernelBtf: kernel }).programs[0]!.accepted;

  it('struct task_struct.pid is found: the offset is the kernel\'s', () => {
    const r = applyCoreRelocations(taskProgram('pid', false).functions, TASK_LOCAL, kernel!);
    const tt = kernel!.types.findIndex((t) => t.kind === 'struct' && t.name === 'task_struct');
    const pid = (kernel!.types[tt] as { members: { name: string; bitOffset: number }[] }).members.find((m) => m.name === 'pid')!;
    expect(r.functions[0]!.insns[4]!.imm).toBe(pid.bitOffset / 8);
    expect(r.failures.size).toBe(0);
  });

  it('verdicts: pid read, missing field read, missing field behind its existence check', () => {
    expect(ebcc(taskProgram('pid', false))).toBe(true);
    expect(ebcc(taskProgram('ebcc_no_such_field', false))).toBe(false);
    expect(ebcc(taskProgram('ebcc_no_such_field', true))).toBe(true);
  });

  describeKernel('the kernel agrees (libbpf relocates, the kernel verifies)', () => {
    for (const [field, guard] of [['pid', false], ['ebcc_no_such_field', false], ['ebcc_no_such_field', true]] as const) {
      it(`${field}${guard ? ' behind bpf_core_field_exists' : ''}`, () => {
        const obj = taskProgram(field, guard);
        const ctx = newContext();
        const loaded = loadObjectBytes(writeObject(obj, ctx));
        loaded.cleanup();
        expect(loaded.ok, loaded.log.slice(-2000)).toBe(ebcc(obj));
      });
    }
  });
});
