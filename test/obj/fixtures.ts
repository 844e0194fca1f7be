// Hand-built ObjectPrograms for the obj tests: a two-instruction program, and
// an XDP program with a BTF-defined array map, a helper call, a BPF-to-BPF
// call into .text, BTF FUNC/FUNC_PROTO and a line table over a made-up source.
import type { BtfType } from '../../src/bpf/btf.js';
import type { Insn } from '../../src/bpf/insn.js';
import type { ObjectProgram } from '../../src/bpf/object.js';
import { createContext, type CompileContext } from '../../src/context.js';
import { MemoryFileSystem } from '../../src/diag/fs.js';
import type { Span } from '../../src/diag/source.js';

export const insn = (code: number, dst = 0, src = 0, off = 0, imm = 0): Insn => ({ code, dst, src, off, imm });
export const movImm = (dst: number, imm: number): Insn => insn(0xb7, dst, 0, 0, imm);
export const exit = (): Insn => insn(0x95);
/** The two slots of `dst = imm64` (src 0: a plain constant, or a map once relocated). */
export const ldImm64 = (dst: number): Insn[] => [insn(0x18, dst), insn(0)];

export function newContext(): CompileContext {
  return createContext(new MemoryFileSystem());
}

/** `r0 = 2; exit` in section "xdp", no BTF. */
export function returnTwoProgram(): ObjectProgram {
  return {
    functions: [
      {
        name: 'ret_two',
        section: 'xdp',
        global: true,
        insns: [movImm(0, 2), exit()],
        relocs: [],
        lines: [],
        btfFuncId: 0,
        span: { file: -1, start: 0, end: 0 },
      },
    ],
    data: [{ name: 'license', bytes: new TextEncoder().encode('GPL\0'), symbols: [] }],
    btf: [],
    sourcePath: '',
  };
}

export const SOURCE = [
  'int xdp_prog(struct xdp_md *ctx)', // 1
  '{', // 2
  '  __u32 key = 0;', // 3
  '  long *v = bpf_map_lookup_elem(&my_map, &key);', // 4
  '  if (v)', // 5
  '    use(*v);', // 6
  '  return ret2();', // 7
  '}', // 8
  'static int ret2(void) { return 2; }', // 9
  '',
].join('\n');

/** A span starting at 1-based (line, col) of SOURCE in file 0. */
export function at(line: number, col: number): Span {
  const lines = SOURCE.split('\n');
  let start = 0;
  for (let i = 0; i < line - 1; i++) start += lines[i]!.length + 1;
  return { file: 0, start: start + col - 1, end: start + col };
}

/** BTF ids of the map program's types (1-based indices into MAP_BTF). */
export const BTF_ID = {
  int: 1,
  mapStruct: 9,
  mapVar: 10,
  mapsDatasec: 11,
  xdpMd: 13,
  mainFunc: 16,
  ret2Func: 18,
};

export const MAP_BTF: BtfType[] = [
  /* 1 */ { kind: 'int', name: 'int', sizeBytes: 4, encoding: 'signed', bits: 32, bitOffset: 0 },
  /* 2 */ { kind: 'array', elem: 1, index: 1, nelems: 2 }, // BPF_MAP_TYPE_ARRAY
  /* 3 */ { kind: 'ptr', type: 2 },
  /* 4 */ { kind: 'array', elem: 1, index: 1, nelems: 4 }, // max_entries
  /* 5 */ { kind: 'ptr', type: 4 },
  /* 6 */ { kind: 'ptr', type: 1 },
  /* 7 */ { kind: 'int', name: 'long', sizeBytes: 8, encoding: 'signed', bits: 64, bitOffset: 0 },
  /* 8 */ { kind: 'ptr', type: 7 },
  /* 9 */ {
    kind: 'struct',
    name: '',
    sizeBytes: 32,
    members: [
      { name: 'type', type: 3, bitOffset: 0, bitfieldSize: 0 },
      { name: 'max_entries', type: 5, bitOffset: 64, bitfieldSize: 0 },
      { name: 'key', type: 6, bitOffset: 128, bitfieldSize: 0 },
      { name: 'value', type: 8, bitOffset: 192, bitfieldSize: 0 },
    ],
  },
  /* 10 */ { kind: 'var', name: 'my_map', type: 9, linkage: 'global' },
  // sizeBytes/offset deliberately wrong: the writer fixes them from the section.
  /* 11 */ { kind: 'datasec', name: '.maps', sizeBytes: 0, vars: [{ type: 10, offset: 0, sizeBytes: 0 }] },
  /* 12 */ { kind: 'int', name: 'unsigned int', sizeBytes: 4, encoding: 'none', bits: 32, bitOffset: 0 },
  /* 13 */ {
    kind: 'struct',
    name: 'xdp_md',
    sizeBytes: 24,
    members: ['data', 'data_end', 'data_meta', 'ingress_ifindex', 'rx_queue_index', 'egress_ifindex'].map(
      (name, i) => ({ name, type: 12, bitOffset: i * 32, bitfieldSize: 0 }),
    ),
  },
  /* 14 */ { kind: 'ptr', type: 13 },
  /* 15 */ { kind: 'func_proto', ret: 1, params: [{ name: 'ctx', type: 14 }] },
  /* 16 */ { kind: 'func', name: 'xdp_prog', type: 15, linkage: 'global' },
  /* 17 */ { kind: 'func_proto', ret: 1, params: [] },
  /* 18 */ { kind: 'func', name: 'ret2', type: 17, linkage: 'static' },
];

/**
 * XDP program: looks up key 0 in `my_map`, then returns ret2() (= 2, XDP_PASS).
 * Registers the source file in `ctx` so that the line table resolves.
 */
export function mapProgram(ctx: CompileContext): ObjectProgram {
  ctx.sources.add('prog.c', SOURCE);
  const main: Insn[] = [
    ...ldImm64(1), // 0-1: r1 = my_map ll
    insn(0xbf, 2, 10), // 2: r2 = r10
    insn(0x07, 2, 0, 0, -4), // 3: r2 += -4
    insn(0x62, 10, 0, -4, 0), // 4: *(u32 *)(r10 - 4) = 0
    insn(0x85, 0, 0, 0, 1), // 5: call 1 (bpf_map_lookup_elem)
    insn(0x15, 0, 0, 1, 0), // 6: if r0 == 0 goto +1
    insn(0x79, 1, 0, 0, 0), // 7: r1 = *(u64 *)(r0 + 0)
    insn(0x85, 0, 1, 0, 12345), // 8: call ret2 (imm rewritten to -1 by the writer)
    exit(), // 9
  ];
  return {
    functions: [
      {
        name: 'xdp_prog',
        section: 'xdp',
        global: true,
        insns: main,
        relocs: [
          { insnIndex: 0, kind: 'map', symbol: 'my_map' },
          { insnIndex: 8, kind: 'call', symbol: 'ret2' },
        ],
        lines: [
          { insnIndex: 0, span: at(4, 13) },
          { insnIndex: 1, span: at(4, 13) }, // second ld_imm64 slot: dropped with a warning
          { insnIndex: 2, span: at(4, 35) },
          { insnIndex: 4, span: at(3, 9) },
          { insnIndex: 5, span: at(4, 13) },
          { insnIndex: 5, span: at(4, 14) }, // same insn twice: the first wins
          { insnIndex: 6, span: at(5, 7) },
          { insnIndex: 7, span: at(6, 9) },
          { insnIndex: 8, span: at(7, 10) },
          { insnIndex: 9, span: at(7, 3) },
        ],
        btfFuncId: BTF_ID.mainFunc,
        span: at(1, 1),
      },
      {
        name: 'ret2',
        section: '.text',
        global: false,
        insns: [movImm(0, 2), exit()],
        relocs: [],
        lines: [{ insnIndex: 1, span: at(9, 25) }], // no entry at insn 0: the writer adds one
        btfFuncId: BTF_ID.ret2Func,
        span: at(9, 1),
      },
    ],
    data: [
      { name: '.maps', bytes: new Uint8Array(32), symbols: [{ name: 'my_map', offset: 0, sizeBytes: 32, global: true }] },
      {
        name: 'license',
        bytes: new TextEncoder().encode('GPL\0'),
        symbols: [{ name: '_license', offset: 0, sizeBytes: 4, global: true }],
      },
    ],
    btf: MAP_BTF,
    sourcePath: 'prog.c',
  };
}
