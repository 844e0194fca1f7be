// A context array member indexed in an unrolled loop (test/kernel/idioms/ctx_array.c): the
// address of skb->cb[i] is computed once per copy of the loop body, in a register defined again
// by each copy, and the store through it is in the next block. The verifier refuses a context
// access through a moved context pointer ("dereference of modified ctx ptr"), so each store must
// fold to ctx + offset as the loads do. The expected words are worked out from the C.
import { expect, it } from 'vitest';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { describeDual } from '../run/dual.js';
import { eth, ETH_P_IP } from './packets.js';

const TC_ACT_OK = 0;
const FILE = `${REPO_DIR}test/kernel/idioms/ctx_array.c`;
/** struct __sk_buff: mark at 8, cb[5] at 48. */
const MARK = 8;
const CB = 48;

function skbWithCb(words: number[]): Uint8Array {
  const ctx = new Uint8Array(192);
  const view = new DataView(ctx.buffer);
  words.forEach((w, i) => view.setUint32(CB + 4 * i, w, true));
  return ctx;
}

const readCb = (ctx: Uint8Array) => Array.from({ length: 5 }, (_, i) => new DataView(ctx.buffer, ctx.byteOffset).getUint32(CB + 4 * i, true));
const readMark = (ctx: Uint8Array) => new DataView(ctx.buffer, ctx.byteOffset).getUint32(MARK, true);

it('compiles without diagnostics, every context access at a constant offset from the context', () => {
  const out = compileFile(FILE);
  expect(out.text).toBe('');
});

describeDual('context array member in an unrolled loop', () => compileFile(FILE), (obj) => {
  const frame = eth({ dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01', type: ETH_P_IP, payload: new Uint8Array(40) });

  it('doubles the words below 1000 and counts them in the mark', () => {
    const r = obj().run('double_cb', frame, { ctxIn: skbWithCb([1, 2000, 3, 1000, 999]) });
    expect(r.retval).toBe(TC_ACT_OK);
    expect(readCb(r.ctxOut!)).toEqual([2, 2000, 6, 1000, 1998]);
    expect(readMark(r.ctxOut!)).toBe(3);
  });

  it('leaves words of 1000 and more alone', () => {
    const r = obj().run('double_cb', frame, { ctxIn: skbWithCb([1000, 4096, 70000, 1000, 1000]) });
    expect(readCb(r.ctxOut!)).toEqual([1000, 4096, 70000, 1000, 1000]);
    expect(readMark(r.ctxOut!)).toBe(0);
  });
});
