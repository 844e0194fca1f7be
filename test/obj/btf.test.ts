import { describe, expect, it } from 'vitest';
import type { BtfType } from '../../src/bpf/btf.js';
import { StringTable } from '../../src/obj/bytes.js';
import { decodeBtf } from '../../src/obj/btf-decode.js';
import { buildBtfSection, encodeBtfTypes } from '../../src/obj/btf-encode.js';

function encode(types: BtfType[]): Uint8Array {
  const strings = new StringTable();
  const typeBytes = encodeBtfTypes(types, strings);
  return buildBtfSection(typeBytes, strings.finish());
}

function words(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i += 4) out.push(view.getUint32(i, true));
  return out;
}

const ALL_KINDS: BtfType[] = [
  /* 1 */ { kind: 'int', name: 'int', sizeBytes: 4, encoding: 'signed', bits: 32, bitOffset: 0 },
  /* 2 */ { kind: 'int', name: 'char', sizeBytes: 1, encoding: 'char', bits: 8, bitOffset: 0 },
  /* 3 */ { kind: 'int', name: '_Bool', sizeBytes: 1, encoding: 'bool', bits: 1, bitOffset: 0 },
  /* 4 */ { kind: 'ptr', type: 0 },
  /* 5 */ { kind: 'array', elem: 2, index: 1, nelems: 16 },
  /* 6 */ {
    kind: 'struct',
    name: 'flags',
    sizeBytes: 8,
    members: [
      { name: 'a', type: 1, bitOffset: 0, bitfieldSize: 3 },
      { name: 'b', type: 1, bitOffset: 3, bitfieldSize: 5 },
      { name: 'c', type: 1, bitOffset: 32, bitfieldSize: 0 },
    ],
  },
  /* 7 */ {
    kind: 'union',
    name: '',
    sizeBytes: 4,
    members: [
      { name: 'i', type: 1, bitOffset: 0, bitfieldSize: 0 },
      { name: 'p', type: 4, bitOffset: 0, bitfieldSize: 0 },
    ],
  },
  /* 8 */ { kind: 'enum', name: 'e', sizeBytes: 4, signed: true, values: [{ name: 'NEG', value: -1 }, { name: 'ONE', value: 1 }] },
  /* 9 */ { kind: 'enum', name: 'u', sizeBytes: 4, signed: false, values: [{ name: 'BIG', value: 0xffffffff }] },
  /* 10 */ { kind: 'enum', name: 'e64', sizeBytes: 8, signed: false, values: [{ name: 'HUGE', value: 2 ** 40 + 3 }] },
  /* 11 */ { kind: 'fwd', name: 'later', union: true },
  /* 12 */ { kind: 'fwd', name: 'later_s', union: false },
  /* 13 */ { kind: 'typedef', name: 'u32', type: 1 },
  /* 14 */ { kind: 'volatile', type: 13 },
  /* 15 */ { kind: 'const', type: 14 },
  /* 16 */ { kind: 'restrict', type: 4 },
  /* 17 */ { kind: 'func_proto', ret: 1, params: [{ name: 'fmt', type: 4 }, { name: '', type: 0 }] },
  /* 18 */ { kind: 'func', name: 'printk', type: 17, linkage: 'extern' },
  /* 19 */ { kind: 'func', name: 'helper', type: 17, linkage: 'static' },
  /* 20 */ { kind: 'var', name: 'counter', type: 1, linkage: 'static' },
  /* 21 */ { kind: 'var', name: 'cfg', type: 1, linkage: 'global' },
  /* 22 */ { kind: 'datasec', name: '.data', sizeBytes: 8, vars: [{ type: 20, offset: 0, sizeBytes: 4 }, { type: 21, offset: 4, sizeBytes: 4 }] },
];

describe('BTF encode/decode', () => {
  it('round-trips every kind of the model', () => {
    const decoded = decodeBtf(encode(ALL_KINDS));
    expect(decoded.warnings).toEqual([]);
    expect(decoded.types).toEqual(ALL_KINDS);
  });

  it('writes the header: magic, version 1, hdr_len 24, types then strings', () => {
    const bytes = encode([ALL_KINDS[0]!]);
    const w = words(bytes);
    expect([bytes[0], bytes[1], bytes[2], bytes[3]]).toEqual([0x9f, 0xeb, 1, 0]);
    expect(w.slice(1, 6)).toEqual([24, 0, 16, 16, 5]); // hdr_len, type_off/len, str_off/len ("\0int\0")
    // INT 'int': name_off 1, info = kind 1 << 24, size 4, then SIGNED << 24 | 32 bits
    expect(w.slice(6, 10)).toEqual([1, 1 << 24, 4, (1 << 24) | 32]);
  });

  it('sets kind_flag on structs with bitfields and packs size << 24 | offset', () => {
    const w = words(encode([ALL_KINDS[0]!, ALL_KINDS[5]!]).subarray(24 + 16));
    expect(w[1]).toBe(0x84000003); // kind_flag | STRUCT << 24 | vlen 3
    expect([w[5], w[8], w[11]]).toEqual([3 << 24, (5 << 24) | 3, 32]);
  });

  it('stores FUNC linkage in vlen and VAR linkage after the type', () => {
    const types: BtfType[] = [
      { kind: 'func_proto', ret: 0, params: [] },
      { kind: 'func', name: 'f', type: 1, linkage: 'global' },
      { kind: 'var', name: 'v', type: 0, linkage: 'extern' },
    ];
    const w = words(encode(types).subarray(24));
    expect(w[1]).toBe(13 << 24); // FUNC_PROTO, vlen 0
    expect(w[4]).toBe((12 << 24) | 1); // FUNC, global
    expect([w[7], w[9]]).toEqual([14 << 24, 2]); // VAR, extern
  });

  it('deduplicates strings, with "" at offset 0', () => {
    const bytes = encode([
      { kind: 'typedef', name: 'x', type: 0 },
      { kind: 'typedef', name: 'x', type: 1 },
    ]);
    const strings = bytes.subarray(24 + 24);
    expect([...strings]).toEqual([0, 0x78, 0]);
  });

  it('reads FLOAT, DECL_TAG and TYPE_TAG as stand-ins that keep type ids (and a decl tag\'s component)', () => {
    const strings = new StringTable();
    const head = encodeBtfTypes([{ kind: 'int', name: 'int', sizeBytes: 4, encoding: 'signed', bits: 32, bitOffset: 0 }], strings);
    const f = strings.add('double');
    const tag = strings.add('user');
    const extra = new Uint32Array([f, 16 << 24, 8, tag, 18 << 24, 1, tag, 17 << 24, 1, 0xffffffff, 0, 2 << 24, 2]);
    const typeBytes = new Uint8Array([...head, ...new Uint8Array(extra.buffer)]);
    const decoded = decodeBtf(buildBtfSection(typeBytes, strings.finish()));
    expect(decoded.types.slice(1)).toEqual([
      { kind: 'int', name: 'double', sizeBytes: 8, encoding: 'none', bits: 64, bitOffset: 0 },
      { kind: 'typedef', name: 'user', type: 1 },
      { kind: 'typedef', name: 'user', type: 1, component: -1 },
      { kind: 'ptr', type: 2 },
    ]);
    expect(decoded.warnings.length).toBe(3);
  });

  it('stops at an unknown kind with a warning', () => {
    const strings = new StringTable();
    const head = encodeBtfTypes([{ kind: 'ptr', type: 0 }], strings);
    const extra = new Uint32Array([0, 30 << 24, 0, 0, 2 << 24, 0]);
    const decoded = decodeBtf(buildBtfSection(new Uint8Array([...head, ...new Uint8Array(extra.buffer)]), strings.finish()));
    expect(decoded.types).toEqual([{ kind: 'ptr', type: 0 }]);
    expect(decoded.warnings).toEqual(['BTF kind 30 (type [2]) is unknown; types from [2] on are skipped']);
  });
});
