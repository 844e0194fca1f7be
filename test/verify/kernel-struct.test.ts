// The layout rules of reads through kernel pointers (btf_struct_access), on a small BTF written
// here. The verdicts of whole programs against the running kernel are in kfunc-cases/kernel-struct.c.
import { describe, expect, it } from 'vitest';
import type { BtfType } from '../../src/bpf/btf.js';
import { targetBtf } from '../../src/verify/core-relocate.js';
import { ctxArgStruct, structAccess } from '../../src/verify/kernel-struct.js';

const member = (name: string, type: number, bitOffset: number, bitfieldSize = 0) => ({ name, type, bitOffset, bitfieldSize });

//   1 int  2 char  3 char[8]  4 struct inner { int a; int b; }  5 struct inner[2]  6 int*
//   7 struct outer { int n:3, m:5; char name[8]; struct inner in[2]; struct outer *next; int *p; union u; int tail[]; }
//   8 struct outer*  9 union u { int x; long y; }  10 long  11 int[] (flexible)
//   12 func_proto (void *, struct outer *, int)  13 ptr to 12  14 typedef btf_trace_ev  15 void*
const TYPES: BtfType[] = [
  { kind: 'int', name: 'int', sizeBytes: 4, encoding: 'signed', bits: 32, bitOffset: 0 },
  { kind: 'int', name: 'char', sizeBytes: 1, encoding: 'char', bits: 8, bitOffset: 0 },
  { kind: 'array', elem: 2, index: 1, nelems: 8 },
  { kind: 'struct', name: 'inner', sizeBytes: 8, members: [member('a', 1, 0), member('b', 1, 32)] },
  { kind: 'array', elem: 4, index: 1, nelems: 2 },
  { kind: 'ptr', type: 1 },
  { kind: 'struct', name: 'outer', sizeBytes: 56, members: [
    member('n', 1, 0, 3), member('m', 1, 3, 5), member('name', 3, 32), member('in', 5, 96), member('next', 8, 224),
    member('p', 6, 288), member('u', 9, 352), member('tail', 11, 416)] },
  { kind: 'ptr', type: 7 },
  { kind: 'union', name: 'u', sizeBytes: 8, members: [member('x', 1, 0), member('y', 10, 0)] },
  { kind: 'int', name: 'long', sizeBytes: 8, encoding: 'signed', bits: 64, bitOffset: 0 },
  { kind: 'array', elem: 1, index: 1, nelems: 0 },
  { kind: 'func_proto', ret: 0, params: [{ name: '', type: 15 }, { name: 'o', type: 8 }, { name: 'k', type: 1 }] },
  { kind: 'ptr', type: 12 },
  { kind: 'typedef', name: 'btf_trace_ev', type: 13 },
  { kind: 'ptr', type: 0 },
];
const OUTER = 7;

describe('structAccess follows btf_struct_walk', () => {
  it('reads a number member, also across an array of numbers up to its end', () => {
    expect(structAccess(TYPES, OUTER, 4, 8)).toEqual({ kind: 'scalar' });
    expect(structAccess(TYPES, OUTER, 6, 4)).toEqual({ kind: 'scalar' });
    expect(structAccess(TYPES, OUTER, 8, 8)).toEqual({ kind: 'error', message: 'access beyond the end of member name (mend:12) in struct outer with off 8 size 8' });
  });
  it('reads a whole bitfield byte and nothing less', () => {
    expect(structAccess(TYPES, OUTER, 0, 1)).toEqual({ kind: 'scalar' });
  });
  it('enters nested structs and array elements of structs', () => {
    expect(structAccess(TYPES, OUTER, 24, 4)).toEqual({ kind: 'scalar' });
    expect(structAccess(TYPES, OUTER, 22, 4)).toEqual({ kind: 'error', message: 'access beyond the end of member a (mend:4) in struct inner with off 2 size 4' });
    expect(structAccess(TYPES, OUTER, 26, 4)).toEqual({ kind: 'error', message: 'access beyond struct inner at off 6 size 4' });
  });
  it('reads pointer members whole, and knows what they point to', () => {
    expect(structAccess(TYPES, OUTER, 28, 8)).toEqual({ kind: 'ptr', struct: OUTER });
    expect(structAccess(TYPES, OUTER, 36, 8)).toEqual({ kind: 'ptr_untrusted' });
    expect(structAccess(TYPES, OUTER, 28, 4)).toEqual({ kind: 'error', message: 'cannot access ptr member next with moff 28 in struct outer with off 28 size 4' });
  });
  it('does not bound members inside a union of several members', () => {
    expect(structAccess(TYPES, OUTER, 44, 8)).toEqual({ kind: 'scalar' });
  });
  it('lets a flexible array of numbers run past the struct, and nothing else', () => {
    expect(structAccess(TYPES, OUTER, 60, 4)).toEqual({ kind: 'scalar' });
    expect(structAccess(TYPES, 4, 4, 8)).toEqual({ kind: 'error', message: 'access beyond struct inner at off 4 size 8' });
  });
});

describe('ctxArgStruct finds the struct a context argument points to', () => {
  const btf = targetBtf(TYPES, 'test');
  it('for tp_btf, after the prototype\'s leading context pointer', () => {
    expect(ctxArgStruct(btf, 'BPF_TRACE_RAW_TP', 'tp_btf/ev', 0)).toBe(OUTER);
    expect(ctxArgStruct(btf, 'BPF_TRACE_RAW_TP', 'tp_btf/ev', 1)).toBe(0);
    expect(ctxArgStruct(btf, 'BPF_TRACE_RAW_TP', 'tp_btf/missing', 0)).toBe(0);
  });
});
