// The linker on what compilers leave to the loader: extern functions and variables (__ksym),
// which libbpf turns into kfunc calls and BTF-id loads, and calls between functions of one
// section that the compiler resolved itself (no relocation).
import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/bpf/assemble.js';
import type { BtfType } from '../../src/bpf/btf.js';
import type { FunctionCode, ObjectProgram } from '../../src/bpf/object.js';
import { PSEUDO_CALL, PSEUDO_LD_IMM64 } from '../../src/bpf/opcodes.js';
import { linkProgram } from '../../src/run/link.js';
import { verifyObject } from '../../src/verify/index.js';

const span = { file: -1, start: 0, end: 0 };

function fn(name: string, section: string, text: string, externals: string[] = []): FunctionCode {
  const asm = assemble(text, { externalLabels: new Set(externals) });
  expect(asm.errors).toEqual([]);
  return {
    name, section, global: section !== '.text', insns: asm.insns, lines: [], btfFuncId: 0, span,
    relocs: asm.relocs.map((r) => ({ insnIndex: r.insnIndex, kind: r.kind === 'call' ? 'call' as const : 'map' as const, symbol: r.symbol })),
  };
}

function object(functions: FunctionCode[], btf: BtfType[] = []): ObjectProgram {
  return { functions, data: [{ name: 'license', bytes: new TextEncoder().encode('GPL\0'), symbols: [] }], btf, sourcePath: 'x.s' };
}

const proto: BtfType = { kind: 'func_proto', ret: 0, params: [] };

describe('linkProgram', () => {
  it('makes a call of an extern function a kfunc call, which the verifier refuses to judge', () => {
    const obj = object([fn('p', 'tc', 'call bpf_obj_thing\nr0 = 0\nexit', ['bpf_obj_thing'])],
      [proto, { kind: 'func', name: 'bpf_obj_thing', type: 1, linkage: 'extern' }, { kind: 'datasec', name: '.ksyms', sizeBytes: 0, vars: [{ type: 2, offset: 0, sizeBytes: 0 }] }]);
    const linked = linkProgram(obj, obj.functions[0]!, []);
    expect(linked.ok && linked.program.insns[0]).toMatchObject({ code: 0x85, src: PSEUDO_CALL.kfuncCall });
    expect(verifyObject(obj).programs[0]?.kernelMessage).toMatch(/calling kernel function/);
  });

  it('does not invent a kfunc for a call of a function nothing declares', () => {
    const obj = object([fn('p', 'tc', 'call missing\nr0 = 0\nexit', ['missing'])]);
    expect(linkProgram(obj, obj.functions[0]!, [])).toMatchObject({ ok: false });
  });

  it('makes a load of an extern variable a load by BTF id', () => {
    const obj = object([fn('p', 'tc', 'r1 = map[runqueues]\nr0 = 0\nexit')],
      [{ kind: 'int', name: 'int', sizeBytes: 4, encoding: 'signed', bits: 32, bitOffset: 0 }, { kind: 'var', name: 'runqueues', type: 1, linkage: 'extern' }]);
    const linked = linkProgram(obj, obj.functions[0]!, []);
    expect(linked.ok && linked.program.insns[0]).toMatchObject({ code: 0x18, src: PSEUDO_LD_IMM64.btfId });
  });

  it('follows a call without relocation into the next function of the same section', () => {
    // main's call at its instruction 0 targets instruction 4 of .text: main and helper_a are
    // two instructions long each, so that is helper_b's first.
    const entry = fn('main', '.text', 'call pc+3\nexit');
    const a = fn('helper_a', '.text', 'r0 = 1\nexit');
    const b = fn('helper_b', '.text', 'r0 = 7\nexit');
    const prog = fn('p', 'tc', 'call main\nexit', ['main']);
    const obj = object([entry, a, b, prog]);
    const linked = linkProgram(obj, prog, []);
    expect(linked.ok).toBe(true);
    if (!linked.ok) return;
    const at = linked.program.functions.find((f) => f.name === 'main')!.start;
    const target = at + 1 + linked.program.insns[at]!.imm;
    expect(linked.program.functions.find((f) => f.start === target)?.name).toBe('helper_b');
    expect(verifyObject(obj).programs[0]?.accepted).toBe(true);
  });
});
