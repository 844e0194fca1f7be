// Store-to-load forwarding on the context (opt/ctx-forward.ts): a field read again after the
// program read or wrote it is the value it holds, merged across paths in a new register; a
// helper call, or a store the kernel may not keep as written, leaves the read in place.
import { describe, expect, it } from 'vitest';
import { disasm } from '../../src/bpf/disasm.js';
import { NO_SPAN } from '../../src/diag/source.js';
import type { Inst, IrFunction, VReg } from '../../src/ir/ir.js';
import { printFunction } from '../../src/ir/print.js';
import { validateFunction } from '../../src/ir/validate.js';
import { forwardContextStores } from '../../src/opt/ctx-forward.js';
import { compileString } from '../util/compile.js';

const HEAD = '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n';

function asm(src: string, name = 'p'): string[] {
  const out = compileString(HEAD + src, {}, 'codegen');
  expect(out.text).toBe('');
  return disasm(out.object!.functions.find((f) => f.name === name)!.insns);
}

const markReads = (code: string[]) => code.filter((l) => / = \*\(u32 \*\)\(r\d \+8\)$/.test(l)).length;

describe('forwardContextStores', () => {
  it('reads a field once when every later read follows a read or a small constant store', () => {
    const code = asm(`SEC("tc") int p(struct __sk_buff *skb) {
      if (skb->mark == 1) skb->mark = 4;
      if (skb->mark == 0) skb->mark = 3;
      return skb->mark;
    }`);
    expect(markReads(code)).toBe(1);
    // the path that stored 4 skips the test for 0
    expect(code.filter((l) => /^if /.test(l)).length).toBe(2);
  });

  it('reads again after a helper call, which may change the context', () => {
    const code = asm(`SEC("tc") int p(struct __sk_buff *skb) {
      if (skb->mark == 1) skb->mark = 4;
      bpf_set_hash_invalid(skb);
      return skb->mark;
    }`);
    expect(markReads(code)).toBe(2);
  });

  it('reads again after a store of a register or of a constant from 0xffff up', () => {
    // queue_mapping ignores values from 0xffff up, tc_index keeps 16 bits: such a store may not read back.
    for (const value of ['0xffff', '0x12345', 'skb->len']) {
      const code = asm(`SEC("tc") int p(struct __sk_buff *skb) {
        if (skb->mark == 1) skb->mark = ${value};
        return skb->mark;
      }`);
      expect(markReads(code), value).toBe(2);
    }
  });

  it('merges no reads alone across a join: the read after it stays', () => {
    // (a merged skb->data_end would carry each path's proven packet range past the join)
    const code = asm(`SEC("tc") int p(struct __sk_buff *skb) {
      __u32 a;
      if (skb->mark == 1) a = skb->len + 1; else a = skb->len * 3;
      return a + skb->len;
    }`);
    expect(code.filter((l) => / = \*\(u32 \*\)\(r\d \+0\)$/.test(l)).length).toBe(3);
  });

  it('leaves a function alone where a pointer is computed from the context', () => {
    const code = asm(`SEC("tc") int p(struct __sk_buff *skb) {
      __u32 a = skb->cb[0];
      *(__u16 *)((char *)skb->cb + 2) = 5;
      return a + skb->cb[0];
    }`);
    expect(code.filter((l) => / = \*\(u32 \*\)\(r\d \+48\)$/.test(l)).length).toBe(2);
  });

  it('forgets a field a narrower store overlaps', () => {
    const span = NO_SPAN;
    const r = (n: number) => n as VReg;
    const ctxAt = (off: number) => ({ kind: 'reg' as const, reg: r(0), off });
    const insts: Inst[] = [
      { op: 'load', size: 4, dst: r(1), addr: ctxAt(48), span },
      { op: 'store', size: 2, addr: ctxAt(50), src: { kind: 'imm', value: 5n }, span },
      { op: 'load', size: 4, dst: r(2), addr: ctxAt(48), span },
      { op: 'store', size: 4, addr: ctxAt(52), src: { kind: 'imm', value: 7n }, span },
      { op: 'load', size: 4, dst: r(3), addr: ctxAt(52), span },
      { op: 'alu', alu: 'add', bits: 32, dst: r(4), a: { kind: 'reg', reg: r(2) }, b: { kind: 'reg', reg: r(3) }, span },
    ];
    const fn: IrFunction = { name: 'p', section: 'tc', global: true, params: [r(0)], vregCount: 5, vregNames: new Map(), slots: [], blocks: [{ id: 0, insts, term: { op: 'ret', value: { kind: 'reg', reg: r(4) }, span } }], span, source: undefined as never };
    expect(forwardContextStores(fn)).toBe(true);
    expect(validateFunction(fn)).toEqual([]);
    const text = printFunction(fn);
    expect(text).toContain('%2 = load.4 [%0+48]');
    expect(text).toContain('%3 = 7');
  });
});
