// Stack-slot colouring: locals whose contents are never needed at the same time share frame
// bytes; locals that are, and locals whose address leaves the function's view, do not.
import { describe, expect, it } from 'vitest';
import { layoutFrame } from '../../src/codegen/frame.js';
import { slotConflicts } from '../../src/codegen/stack-colouring.js';
import type { Inst, IrFunction, Operand, StackSlot, Terminator, VReg } from '../../src/ir/ir.js';
import { compileString, type Compiled } from '../util/compile.js';

const PRELUDE = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 4); __type(key, __u32); __type(value, __u64); } m SEC(".maps");
`;

function optimised(body: string): { fn: IrFunction; out: Compiled } {
  const out = compileString(PRELUDE + body, { optLevel: 2 }, 'ir');
  expect(out.text).toBe('');
  return { fn: out.ir!.functions.find((f) => f.name === 'p')!, out };
}

/** The one slot named `name` (each test names its locals apart). */
function slot(fn: IrFunction, name: string): number {
  const found = fn.slots.filter((s) => s.name === name);
  expect(found.map((s) => s.name)).toEqual([name]);
  return found[0]!.id;
}

describe('stack-slot colouring', () => {
  it('lets arrays of disjoint block scopes share their bytes', () => {
    const { fn, out } = optimised(`SEC("xdp") int p(struct xdp_md *ctx) {
      __u32 r = 0;
      { __u8 a[64]; if (bpf_xdp_load_bytes(ctx, 0, a, sizeof(a)) == 0) r += a[5]; }
      { __u8 b[64]; if (bpf_xdp_load_bytes(ctx, 8, b, sizeof(b)) == 0) r += b[7]; }
      return r; }`);
    expect(slotConflicts(fn).conflict(slot(fn, 'a'), slot(fn, 'b'))).toBe(false);
    expect(layoutFrame(fn, out.ctx).sizeBytes).toBe(64);
  });

  it('keeps apart arrays whose contents are needed at the same time', () => {
    const { fn, out } = optimised(`SEC("xdp") int p(struct xdp_md *ctx) {
      __u8 a[64], b[64];
      if (bpf_xdp_load_bytes(ctx, 0, a, sizeof(a)) || bpf_xdp_load_bytes(ctx, 8, b, sizeof(b))) return 0;
      return a[5] + b[7]; }`);
    expect(slotConflicts(fn).conflict(slot(fn, 'a'), slot(fn, 'b'))).toBe(true);
    expect(layoutFrame(fn, out.ctx).sizeBytes).toBe(128);
  });

  it('keeps a buffer a helper filled alive across later calls until its last read', () => {
    const { fn } = optimised(`SEC("xdp") int p(struct xdp_md *ctx) {
      __u8 buf[16];
      if (bpf_xdp_load_bytes(ctx, 0, buf, sizeof(buf))) return 0;
      __u32 key = buf[0];
      __u64 *v = bpf_map_lookup_elem(&m, &key);
      return (v ? *v : 0) + buf[9]; }`);
    const c = slotConflicts(fn);
    expect(c.conflict(slot(fn, 'buf'), slot(fn, 'key'))).toBe(true);
  });

  it("ends a key's lifetime at the lookup: the value pointer does not point into the stack", () => {
    const { fn, out } = optimised(`SEC("xdp") int p(struct xdp_md *ctx) {
      __u32 key = ctx->rx_queue_index;
      __u64 *v = bpf_map_lookup_elem(&m, &key);
      __u8 buf[16];
      if (bpf_xdp_load_bytes(ctx, 0, buf, sizeof(buf))) return 0;
      return (v ? *v : 0) + buf[9]; }`);
    expect(slotConflicts(fn).conflict(slot(fn, 'buf'), slot(fn, 'key'))).toBe(false);
    expect(layoutFrame(fn, out.ctx).sizeBytes).toBe(16);
  });

  it('gives a local whose address is passed to a BPF-to-BPF call bytes of its own', () => {
    const { fn, out } = optimised(`
      static __attribute__((noinline)) int fill(__u8 *p) { p[1] = 4; return 0; }
      SEC("xdp") int p(struct xdp_md *ctx) {
      __u32 r = 0;
      { __u8 a[16]; fill(a); r += a[1]; }
      { __u8 b[16]; if (bpf_xdp_load_bytes(ctx, 8, b, sizeof(b)) == 0) r += b[7]; }
      return r; }`);
    expect(slotConflicts(fn).conflict(slot(fn, 'a'), slot(fn, 'b'))).toBe(true);
    expect(layoutFrame(fn, out.ctx).sizeBytes).toBe(32);
  });

  it('gives a local whose address is stored in memory bytes of its own', () => {
    const { fn } = optimised(`SEC("xdp") int p(struct xdp_md *ctx) {
      __u32 r = 0, key = 0;
      __u64 *v = bpf_map_lookup_elem(&m, &key);
      if (!v) return 0;
      { __u8 a[16]; *v = (long)a; a[2] = 1; r += a[ctx->rx_queue_index & 15]; }
      { __u8 b[16]; if (bpf_xdp_load_bytes(ctx, 8, b, sizeof(b)) == 0) r += b[7]; }
      return r; }`);
    expect(slotConflicts(fn).conflict(slot(fn, 'a'), slot(fn, 'b'))).toBe(true);
  });

  it('follows a slot address the register allocator spilled and reloaded', () => {
    // %0 = &s0, spilled to s2 and reloaded into %1; s0 is read through %1 before or after s1's use.
    const span = { file: 0, start: 0, end: 0 };
    const slots: StackSlot[] = [
      { id: 0, name: 's0', sizeBytes: 16, alignBytes: 8, span },
      { id: 1, name: 's1', sizeBytes: 16, alignBytes: 8, span },
      { id: 2, name: 'spill', sizeBytes: 8, alignBytes: 8, span, spill: true },
    ];
    const v = (n: number) => n as VReg;
    const useS1: Inst[] = [
      { op: 'store', size: 8, addr: { kind: 'slot', slot: 1, off: 8 }, src: { kind: 'imm', value: 5n }, span },
      { op: 'load', size: 8, dst: v(3), addr: { kind: 'slot', slot: 1, off: 8 }, span },
    ];
    const fn = (s0ReadLast: boolean): IrFunction =>
      ({
        name: 'f', section: 'xdp', global: true, params: [], vregCount: 4, vregNames: new Map(), slots, span, source: undefined as never,
        blocks: [{
          id: 0,
          insts: [
            { op: 'slotaddr', dst: v(0), slot: 0, off: 0, span },
            { op: 'store', size: 8, addr: { kind: 'slot', slot: 2, off: 0 }, src: { kind: 'reg', reg: v(0) }, span },
            { op: 'load', size: 8, dst: v(1), addr: { kind: 'slot', slot: 2, off: 0 }, span },
            { op: 'store', size: 8, addr: { kind: 'reg', reg: v(1), off: 8 }, src: { kind: 'imm', value: 1n }, span },
            ...(s0ReadLast ? useS1 : []),
            { op: 'load', size: 8, dst: v(2), addr: { kind: 'reg', reg: v(1), off: 8 }, span },
            ...(s0ReadLast ? [] : useS1),
          ],
          term: { op: 'ret', span },
        }],
      }) as unknown as IrFunction;
    expect(slotConflicts(fn(false)).conflict(0, 1)).toBe(false);
    expect(slotConflicts(fn(true)).conflict(0, 1)).toBe(true);
  });

  it('lets a local share bytes with a spill slot only when that slot never holds a pointer', () => {
    // %0 is defined, spilled to s1 and reloaded into %1, which is stored into the local s0 and
    // read back: the lifetimes of s1 and s0 never overlap. %0 is a 32-bit sum (a scalar), a
    // 64-bit copy of one, or a 4-byte load through the parameter %9 (a context field may be a
    // packet pointer).
    const span = { file: 0, start: 0, end: 0 };
    const slots: StackSlot[] = [
      { id: 0, name: 'key', sizeBytes: 4, alignBytes: 4, span },
      { id: 1, name: 'spill', sizeBytes: 8, alignBytes: 8, span, spill: true },
    ];
    const v = (n: number) => n as VReg;
    const defs: Record<string, Inst[]> = {
      alu32: [{ op: 'alu', alu: 'add', bits: 32, dst: v(0), a: { kind: 'reg', reg: v(9) }, b: { kind: 'imm', value: 1n }, span }],
      copy: [
        { op: 'load', size: 2, dst: v(5), addr: { kind: 'reg', reg: v(9), off: 0 }, span },
        { op: 'mov', bits: 64, dst: v(0), src: { kind: 'reg', reg: v(5) }, span },
      ],
      load4: [{ op: 'load', size: 4, dst: v(0), addr: { kind: 'reg', reg: v(9), off: 0 }, span }],
      param: [{ op: 'mov', bits: 64, dst: v(0), src: { kind: 'reg', reg: v(9) }, span }],
    };
    const fn = (def: Inst[]): IrFunction =>
      ({
        name: 'f', section: 'xdp', global: true, params: [v(9)], vregCount: 10, vregNames: new Map(), slots, span, source: undefined as never,
        blocks: [{
          id: 0,
          insts: [
            ...def,
            { op: 'store', size: 8, addr: { kind: 'slot', slot: 1, off: 0 }, src: { kind: 'reg', reg: v(0) }, span },
            { op: 'load', size: 8, dst: v(1), addr: { kind: 'slot', slot: 1, off: 0 }, span },
            { op: 'store', size: 4, addr: { kind: 'slot', slot: 0, off: 0 }, src: { kind: 'reg', reg: v(1) }, span },
            { op: 'load', size: 4, dst: v(2), addr: { kind: 'slot', slot: 0, off: 0 }, span },
          ],
          term: { op: 'ret', span },
        }],
      }) as unknown as IrFunction;
    expect(slotConflicts(fn(defs.alu32!)).conflict(0, 1)).toBe(false);
    expect(slotConflicts(fn(defs.copy!)).conflict(0, 1)).toBe(false);
    expect(slotConflicts(fn(defs.load4!)).conflict(0, 1)).toBe(true);
    expect(slotConflicts(fn(defs.param!)).conflict(0, 1)).toBe(true);
  });

  it('keeps a narrow map key apart from a spill slot, unless the frame is tight', () => {
    // %0 (a 32-bit sum, a scalar) is spilled to s1 and reloaded, then dead; later the 4-byte key
    // s0 is stored and only a helper reads it. The lifetimes never overlap, but the kernel ends a
    // slot's old contents only at an 8-byte store: sharing, the spilled value would stay live.
    const span = { file: 0, start: 0, end: 0 };
    const slots: StackSlot[] = [
      { id: 0, name: 'key', sizeBytes: 4, alignBytes: 4, span },
      { id: 1, name: 'spill', sizeBytes: 8, alignBytes: 8, span, spill: true },
    ];
    const v = (n: number) => n as VReg;
    const fn = {
      name: 'f', section: 'xdp', global: true, params: [v(9)], vregCount: 10, vregNames: new Map(), slots, span, source: undefined as never,
      blocks: [{
        id: 0,
        insts: [
          { op: 'alu', alu: 'add', bits: 32, dst: v(0), a: { kind: 'reg', reg: v(9) }, b: { kind: 'imm', value: 1n }, span },
          { op: 'store', size: 8, addr: { kind: 'slot', slot: 1, off: 0 }, src: { kind: 'reg', reg: v(0) }, span },
          { op: 'load', size: 8, dst: v(1), addr: { kind: 'slot', slot: 1, off: 0 }, span },
          { op: 'store', size: 4, addr: { kind: 'slot', slot: 0, off: 0 }, src: { kind: 'reg', reg: v(1) }, span },
          { op: 'mapaddr', dst: v(2), map: 'm', span },
          { op: 'slotaddr', dst: v(3), slot: 0, off: 0, span },
          { op: 'call', helper: 1, args: [{ kind: 'reg', reg: v(2) }, { kind: 'reg', reg: v(3) }], dst: v(4), span },
        ],
        term: { op: 'ret', span },
      }],
    } as unknown as IrFunction;
    const c = slotConflicts(fn);
    expect(c.conflict(0, 1)).toBe(true);
    expect(c.conflictIfTight(0, 1)).toBe(false);
  });

  it('keeps a narrow map key apart from an 8-byte local stored on some paths, unless the frame is tight', () => {
    // `now` is written by an 8-byte store (the kernel tracks it as a spilled scalar) on one path
    // only; `key` is a 4-byte key written later. Sharing bytes, the key's 4-byte store would leave
    // `now` live in the kernel's eyes, and the paths with and without it would not prune at the
    // join before the lookup (bench legacy_tail's TCP stage: 140 processed instructions, 126 apart).
    const { fn } = optimised(`SEC("xdp") int p(struct xdp_md *ctx) {
      __u32 port = ctx->rx_queue_index;
      if (port == 7) {
        __u64 now = bpf_ktime_get_ns();
        bpf_map_update_elem(&m, &port, &now, BPF_ANY);
      }
      __u32 key = 3;
      __u64 *v = bpf_map_lookup_elem(&m, &key);
      return v ? 1 : 2; }`);
    const c = slotConflicts(fn);
    expect(c.conflict(slot(fn, 'now'), slot(fn, 'key'))).toBe(true);
    expect(c.conflictIfTight(slot(fn, 'now'), slot(fn, 'key'))).toBe(false);
  });

  it('keeps a value carried around a loop apart from a slot used inside it', () => {
    // b0: s0 = 1; b1: s1 = 2; x = s1; (s0 = 3;) b2: y = s0; s0 = y; loop to b1, or return.
    const span = { file: 0, start: 0, end: 0 };
    const slots: StackSlot[] = [0, 1].map((id) => ({ id, name: `s${id}`, sizeBytes: 8, alignBytes: 8, span }));
    const st = (s: number, src: Operand): Inst => ({ op: 'store', size: 8, addr: { kind: 'slot', slot: s, off: 0 }, src, span });
    const ld = (s: number, dst: number): Inst => ({ op: 'load', size: 8, dst: dst as VReg, addr: { kind: 'slot', slot: s, off: 0 }, span });
    const block = (id: number, insts: Inst[], term: Terminator) => ({ id, insts, term });
    const loop = (carried: boolean): IrFunction =>
      ({
        name: 'f', section: 'xdp', global: true, params: [], vregCount: 2, vregNames: new Map(), slots, span, source: undefined as never,
        blocks: [
          block(0, [st(0, { kind: 'imm', value: 1n })], { op: 'jmp', target: 1, span }),
          block(1, [st(1, { kind: 'imm', value: 2n }), ld(1, 0), ...(carried ? [] : [st(0, { kind: 'imm', value: 3n })])], { op: 'jmp', target: 2, span }),
          block(2, [ld(0, 1), st(0, { kind: 'reg', reg: 1 as VReg })], { op: 'br', cmp: 'eq', bits: 64, a: 0 as VReg, b: { kind: 'reg', reg: 1 as VReg }, then: 1, else: 3, span }),
          block(3, [], { op: 'ret', span }),
        ],
      }) as unknown as IrFunction;
    expect(slotConflicts(loop(true)).conflict(0, 1)).toBe(true);
    // When each iteration writes all of s0 again after s1's last read, s0's value from the
    // previous iteration is dead while s1 is in use.
    expect(slotConflicts(loop(false)).conflict(0, 1)).toBe(false);
  });
});

describe('frame layout of small locals', () => {
  it('puts two 4-byte map keys in use at the same time into one 8-byte word, as clang does', () => {
    const { fn, out } = optimised(`SEC("xdp") int p(struct xdp_md *ctx) {
      __u32 k1 = 0, k2 = 1;
      __u64 *a = bpf_map_lookup_elem(&m, &k1);
      if (!a) return 0;
      __u64 *b = bpf_map_lookup_elem(&m, &k2);
      return b ? *a + *b : 0; }`);
    const frame = layoutFrame(fn, out.ctx);
    expect(frame.sizeBytes).toBe(8);
    expect([frame.slotOffset(slot(fn, 'k1')), frame.slotOffset(slot(fn, 'k2'))].sort()).toEqual([-4, -8]);
  });

  it('keeps a lone 4-byte key 8-byte aligned, where the kernel tracks the constant stored in it', () => {
    const { fn, out } = optimised(`SEC("xdp") int p(struct xdp_md *ctx) {
      __u32 k = 3;
      __u64 *a = bpf_map_lookup_elem(&m, &k);
      return a ? *a : 0; }`);
    expect(layoutFrame(fn, out.ctx).slotOffset(slot(fn, 'k'))).toBe(-8);
  });

  it('keeps 8-byte alignment for a small local that a load reads back', () => {
    const { fn, out } = optimised(`SEC("xdp") int p(struct xdp_md *ctx) {
      __u32 k1 = 0, k2 = 1;
      __u64 *a = bpf_map_lookup_elem(&m, &k1);
      if (!a) return 0;
      bpf_probe_read_kernel(&k2, 4, a);
      __u64 *b = bpf_map_lookup_elem(&m, &k2);
      return (b ? *b : 0) + k2 + k1; }`);
    const frame = layoutFrame(fn, out.ctx);
    expect(Math.abs(frame.slotOffset(slot(fn, 'k2'))) % 8).toBe(0);
  });
});
