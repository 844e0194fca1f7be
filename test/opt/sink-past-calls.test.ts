// A pure computation first needed after a call is moved to where it is needed (opt/sink.ts,
// sinkPastCalls), when what it reads is live there anyway: held across the call it would take
// one of R6-R9 or a stack slot. It stays when no call lies between, when moving it would make an
// input live longer, when a register involved is written twice, and in functions with loops.
import { describe, expect, it } from 'vitest';
import { NO_SPAN } from '../../src/diag/source.js';
import type { Block, Inst, IrFunction, Operand, StackSlot, Terminator, VReg } from '../../src/ir/ir.js';
import { printFunction } from '../../src/ir/print.js';
import { validateFunction } from '../../src/ir/validate.js';
import { sinkPastCalls } from '../../src/opt/sink.js';
import { disasm } from '../../src/bpf/disasm.js';
import { compileString } from '../util/compile.js';

const span = NO_SPAN;
const r = (n: number) => n as VReg;
const reg = (n: number): Operand => ({ kind: 'reg', reg: r(n) });
const imm = (v: number): Operand => ({ kind: 'imm', value: BigInt(v) });
const slot = (id: number): StackSlot => ({ id, name: `s${id}`, sizeBytes: 16, alignBytes: 8, span });
const load = (dst: number, from: number, off = 0): Inst => ({ op: 'load', size: 4, dst: r(dst), addr: { kind: 'reg', reg: r(from), off }, span });
const store = (src: Operand, off = 0): Inst => ({ op: 'store', size: 4, addr: { kind: 'slot', slot: 0, off }, src, span });
const mul = (dst: number, a: number, k: number): Inst => ({ op: 'alu', alu: 'mul', bits: 32, dst: r(dst), a: reg(a), b: imm(k), span });
const add = (dst: number, a: number, b: number): Inst => ({ op: 'alu', alu: 'add', bits: 32, dst: r(dst), a: reg(a), b: reg(b), span });
const call = (dst: number): Inst => ({ op: 'call', helper: 5, args: [], dst: r(dst), span });
const ret = (v: number): Terminator => ({ op: 'ret', value: imm(v), span });
const br = (a: number, then: number, els: number): Terminator => ({ op: 'br', cmp: 'eq', bits: 64, a: r(a), b: imm(0), then, else: els, span });

function fn(blocks: Block[]): IrFunction {
  return { name: 'f', section: 'tc', global: true, params: [r(0)], vregCount: 16, vregNames: new Map(), slots: [slot(0)], blocks, span, source: undefined as never };
}

function sunk(f: IrFunction): string {
  sinkPastCalls(f);
  expect(validateFunction(f)).toEqual([]);
  return printFunction(f);
}

describe('sinkPastCalls', () => {
  it('moves a hash of loaded fields past the call to the block that stores it, in its order', () => {
    // b0: a = *p; b = *(p+4); h = a * 3 + b; call; if r9 == 0 -> b1 (stores a, b and h) else b2.
    const f = fn([
      { id: 0, insts: [load(1, 0), load(2, 0, 4), mul(3, 1, 3), add(4, 3, 2), call(9)], term: br(9, 1, 2) },
      { id: 1, insts: [store(reg(1)), store(reg(2), 4), store(reg(4), 8)], term: ret(1) },
      { id: 2, insts: [], term: ret(2) },
    ]);
    const text = sunk(f);
    expect(f.blocks[0]!.insts.map((i) => i.op)).toEqual(['load', 'load', 'call']);
    expect(text).toMatch(/b1:\n\s+store\.4 \[#0\+0\], %1\n\s+store\.4 \[#0\+4\], %2\n\s+%3 = mul\.32 %1, 3\n\s+%4 = add\.32 %3, %2\n\s+store\.4 \[#0\+8\], %4/);
  });

  it('moves it through a diamond with the call on one arm to the join', () => {
    // b0: h = a * 3 + b; if -> b1 (calls) or b2; both go to b3, which stores a, b and h.
    const f = fn([
      { id: 0, insts: [load(1, 0), load(2, 0, 4), mul(3, 1, 3), add(4, 3, 2), load(5, 0, 8)], term: br(5, 1, 2) },
      { id: 1, insts: [call(9)], term: { op: 'jmp', target: 3, span } },
      { id: 2, insts: [], term: { op: 'jmp', target: 3, span } },
      { id: 3, insts: [store(reg(1)), store(reg(2), 4), store(reg(4), 8)], term: ret(0) },
    ]);
    sunk(f);
    expect(f.blocks[3]!.insts.map((i) => i.op)).toEqual(['store', 'store', 'alu', 'alu', 'store']);
  });

  it('leaves it when no call lies between', () => {
    const f = fn([
      { id: 0, insts: [load(1, 0), load(2, 0, 4), mul(3, 1, 3), add(4, 3, 2), load(9, 0, 8)], term: br(9, 1, 2) },
      { id: 1, insts: [store(reg(1)), store(reg(2), 4), store(reg(4), 8)], term: ret(1) },
      { id: 2, insts: [call(10)], term: ret(2) },
    ]);
    expect(sinkPastCalls(f)).toBe(false);
  });

  it('leaves it when an input would live longer: the target does not read it', () => {
    // b1 stores h only: moving h there would hold a and b across the call instead of h alone.
    const f = fn([
      { id: 0, insts: [load(1, 0), load(2, 0, 4), mul(3, 1, 3), add(4, 3, 2), call(9)], term: br(9, 1, 2) },
      { id: 1, insts: [store(reg(4), 8)], term: ret(1) },
      { id: 2, insts: [], term: ret(2) },
    ]);
    expect(sinkPastCalls(f)).toBe(false);
  });

  it('moves only the part the target reads inputs of: an operand used again in its block stays', () => {
    // m = a * 3 is also stored in b0 after the call: it stays; h = m + b moves, since m and b are read in b1.
    const f = fn([
      { id: 0, insts: [load(1, 0), load(2, 0, 4), mul(3, 1, 3), add(4, 3, 2), call(9), store(reg(3), 12)], term: br(9, 1, 2) },
      { id: 1, insts: [store(reg(3)), store(reg(2), 4), store(reg(4), 8)], term: ret(1) },
      { id: 2, insts: [], term: ret(2) },
    ]);
    sunk(f);
    expect(f.blocks[0]!.insts.map((i) => i.op)).toEqual(['load', 'load', 'alu', 'call', 'store']);
    expect(f.blocks[1]!.insts.map((i) => i.op)).toEqual(['store', 'store', 'alu', 'store']);
  });

  it('leaves it when an input is written twice', () => {
    // %2 is written again in b1 on one way to b3: the value it holds there is not the one b0 read.
    const f = fn([
      { id: 0, insts: [load(1, 0), load(2, 0, 4), mul(3, 1, 3), add(4, 3, 2), call(9)], term: br(9, 1, 2) },
      { id: 1, insts: [load(2, 0, 12)], term: { op: 'jmp', target: 3, span } },
      { id: 2, insts: [], term: { op: 'jmp', target: 3, span } },
      { id: 3, insts: [store(reg(1)), store(reg(2), 4), store(reg(4), 8)], term: ret(0) },
    ]);
    expect(sinkPastCalls(f)).toBe(false);
  });

  it('leaves a value that an unreachable block also reads where it is (and returns)', () => {
    // b3 has no predecessor: the nearest block dominating every use does not exist.
    const f = fn([
      { id: 0, insts: [load(1, 0), load(2, 0, 4), mul(3, 1, 3), add(4, 3, 2), call(9)], term: br(9, 1, 2) },
      { id: 1, insts: [store(reg(1)), store(reg(2), 4), store(reg(4), 8)], term: ret(1) },
      { id: 2, insts: [], term: ret(2) },
      { id: 3, insts: [store(reg(4), 8)], term: ret(3) },
    ]);
    expect(sinkPastCalls(f)).toBe(false);
  });

  it('leaves functions with loops alone', () => {
    const f = fn([
      { id: 0, insts: [load(1, 0), load(2, 0, 4), mul(3, 1, 3), add(4, 3, 2), call(9)], term: br(9, 1, 2) },
      { id: 1, insts: [store(reg(1)), store(reg(2), 4), store(reg(4), 8)], term: ret(1) },
      { id: 2, insts: [call(10)], term: br(10, 2, 1) },
    ]);
    expect(sinkPastCalls(f)).toBe(false);
  });

  it('keeps a flow hash out of R6-R9 across the report\'s calls: no spill, as with clang', () => {
    // skb, saddr, daddr and proto live across the calls, in R6-R9; the hash of them, first
    // needed in the ring buffer's event, is computed there. Held from where C computes it, it
    // was a fifth value across the calls, and two 8-byte spill slots made the frame 24 bytes.
    const out = compileString(`#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
struct ev { __u32 saddr, daddr, hash; __u8 proto; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 4); __type(key, __u32); __type(value, __u64); } counts SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } events SEC(".maps");
static __always_inline __u32 mix(__u32 a, __u32 b, __u32 c)
{
	__u32 h = a ^ 0x9747b28c;
	h = (h ^ (h >> 15)) * 0x2c1b3c6d + b;
	h = (h ^ (h >> 15)) * 0x2c1b3c6d + c;
	return h ^ (h >> 16);
}
SEC("tc")
int fw(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data, *data_end = (void *)(long)skb->data_end;
	struct iphdr *iph = data + sizeof(struct ethhdr);
	__u32 key = 1, saddr, daddr, h;
	__u8 proto;
	__u64 *n;
	struct ev *e;

	if ((void *)(iph + 1) > data_end)
		return 0;
	saddr = iph->saddr;
	daddr = iph->daddr;
	proto = iph->protocol;
	h = mix(saddr, daddr, proto);
	n = bpf_map_lookup_elem(&counts, &key);
	if (n)
		__sync_fetch_and_add(n, skb->len);
	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->saddr = saddr;
	e->daddr = daddr;
	e->proto = proto;
	e->hash = h;
	bpf_ringbuf_submit(e, 0);
	return 0;
}
char _license[] SEC("license") = "GPL";
`, {}, 'codegen');
    expect(out.text).toBe('');
    const code = disasm(out.object!.functions.find((f) => f.name === 'fw')!.insns);
    expect(code.filter((l) => /^r\d = \*\(u\d+ \*\)\(r10 -\d+\)$/.test(l))).toEqual([]);
    const reserve = code.findIndex((l) => l.includes('bpf_ringbuf_reserve'));
    const firstMul = code.findIndex((l) => / \*= /.test(l));
    expect(firstMul).toBeGreaterThan(reserve);
  });
});
