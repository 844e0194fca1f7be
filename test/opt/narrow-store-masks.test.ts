// A mask only stored in as many bytes as it keeps goes (opt/zext-elim.ts,
// dropMasksBeforeNarrowStores): `hdr->u16_field = u32_value` stores the value itself. Never when
// the mask's result is used otherwise, stored wider, or its source changes before the store.
import { describe, expect, it } from 'vitest';
import { NO_SPAN } from '../../src/diag/source.js';
import type { Inst, IrFunction, MemSize, Operand, VReg } from '../../src/ir/ir.js';
import { printFunction } from '../../src/ir/print.js';
import { validateFunction } from '../../src/ir/validate.js';
import { dropMasksBeforeNarrowStores } from '../../src/opt/zext-elim.js';
import { disasm } from '../../src/bpf/disasm.js';
import { compileString } from '../util/compile.js';

const span = NO_SPAN;
const r = (n: number) => n as VReg;
const reg = (n: number): Operand => ({ kind: 'reg', reg: r(n) });
const mask = (dst: number, src: number, m: number): Inst => ({ op: 'alu', alu: 'and', bits: 32, dst: r(dst), a: reg(src), b: { kind: 'imm', value: BigInt(m) }, span });
const store = (src: number, size: MemSize): Inst => ({ op: 'store', size, addr: { kind: 'reg', reg: r(0), off: 0 }, src: reg(src), span });
const load = (dst: number): Inst => ({ op: 'load', size: 4, dst: r(dst), addr: { kind: 'reg', reg: r(0), off: 8 }, span });

function run(insts: Inst[], ret: Operand = { kind: 'imm', value: 0n }): string {
  const f: IrFunction = {
    name: 'f', section: 'xdp', global: true, params: [r(0)], vregCount: 8, vregNames: new Map(), slots: [],
    blocks: [{ id: 0, insts, term: { op: 'ret', value: ret, span } }], span, source: undefined as never,
  };
  const changed = dropMasksBeforeNarrowStores(f);
  expect(validateFunction(f)).toEqual([]);
  return (changed ? '' : 'unchanged\n') + printFunction(f);
}

describe('dropMasksBeforeNarrowStores', () => {
  it('stores the value itself in the bytes the mask keeps', () => {
    expect(run([load(1), mask(2, 1, 0xffff), store(2, 2)])).toContain('store.2 [%0+0], %1');
    expect(run([load(1), mask(2, 1, 0xff), store(2, 1), store(2, 1)])).not.toContain('], %2');
  });

  it('stores the value itself for a 32-bit move only stored in 4 bytes or fewer', () => {
    const zext = (dst: number, src: number): Inst => ({ op: 'mov', bits: 32, dst: r(dst), src: reg(src), span });
    expect(run([load(1), zext(2, 1), store(2, 4)])).toContain('store.4 [%0+0], %1');
    expect(run([load(1), zext(2, 1), store(2, 8)])).toContain('unchanged');
    expect(run([load(1), zext(2, 1), store(2, 4)], reg(2))).toContain('unchanged');
  });

  it('keeps the mask for a wider store, another use, or a source written before the store', () => {
    expect(run([load(1), mask(2, 1, 0xffff), store(2, 4)])).toContain('unchanged');
    expect(run([load(1), mask(2, 1, 0xffff), store(2, 2)], reg(2))).toContain('unchanged');
    expect(run([load(1), mask(2, 1, 0xffff), load(1), store(2, 2)])).toContain('unchanged');
    expect(run([load(1), mask(2, 1, 0xfff), store(2, 2)])).toContain('unchanged');
  });
});

describe('a mask whose other use goes late', () => {
  it('is dropped once that use is found dead: the offset a parser stores back into skb->cb is stored as it is', () => {
    // `(v & 0xf0) == 4` is never true: the byte load and its test go in the last rounds, after the
    // first look at the 32-bit move of `off`, which then had a second use (the load's offset).
    const out = compileString(`#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");
struct { __uint(type, BPF_MAP_TYPE_PROG_ARRAY); __uint(max_entries, 8); __type(key, __u32); __type(value, __u32); } jt SEC(".maps");
SEC("socket") int p(struct __sk_buff *skb) {
  __u32 off = skb->cb[0];
  off += sizeof(__u32);
  skb->cb[0] = off;
  if (skb->len & 0x100) {
    __u8 v = load_byte(skb, off);
    if ((v & 0xf0) == 4) bpf_tail_call(skb, &jt, 1);
    else bpf_tail_call(skb, &jt, 2);
  } else bpf_tail_call(skb, &jt, 3);
  return 0;
}
char _license[] SEC("license") = "GPL";
`, {}, 'codegen');
    expect(out.text).toBe('');
    const code = disasm(out.object!.functions.find((f) => f.name === 'p')!.insns);
    expect(code.some((l) => /^\*\(u32 \*\)\(r\d+ \+48\) = r\d+$/.test(l))).toBe(true);
    expect(code.filter((l) => /^w\d+ = w\d+$/.test(l))).toEqual([]);
  });
});
