// Store-to-load forwarding on the program's context.
// Needs: nothing. Changes: a load of a context field (`ctx + off`, not volatile) whose value every
// path to it has just read or written becomes a move of that value: `if (skb->queue_mapping == 1)
// skb->queue_mapping = 4; if (skb->queue_mapping == 0) ...` then tests a register that is 4 on
// one path and the first read on the other, and jump threading sends the first path past the
// second test, as clang's code does. Where the paths to a join know different values, one of
// them a stored constant, a new register takes each one at the end of its predecessor. Only constants below 0xffff are
// forwarded from stores: the kernel rewrites context stores, and some fields keep fewer bits than
// their C type (a 16-bit tc_index) or ignore values (queue_mapping from 0xffff up). A call, an
// atomic, a memory builtin or inline assembly forgets every field, and so does a store when the
// context pointer has copies the pass does not follow. Runs on program functions, whose only
// parameter is the context. Invalidates: liveness.
import type { Inst, IrFunction, Operand, VReg } from '../ir/ir.js';
import { instDef } from '../ir/ir.js';
import { predecessors, reversePostOrder } from './loops.js';

/** Field key (`off:size`) -> the operand that holds the field's current value. */
type Known = Map<string, Operand>;

export const sameOperand = (a: Operand, b: Operand): boolean =>
  a.kind === 'imm' ? b.kind === 'imm' && a.value === b.value : b.kind === 'reg' && a.reg === b.reg;

/** A store value the field reads back as written, whatever the field. */
export const forwardable = (v: Operand, size: number): boolean => v.kind === 'imm' && v.value >= 0n && v.value < 0xffffn && v.value < 1n << BigInt(8 * size);

export function forwardContextStores(fn: IrFunction): boolean {
  if (fn.section === '.text' || fn.params.length !== 1) return false;
  const ctx = fn.params[0]!;
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if (instDef(i) === ctx) return false;
      // A copy of the context pointer could be stored through unseen: leave such functions alone.
      if (i.op === 'mov' && i.src.kind === 'reg' && i.src.reg === ctx) return false;
      if (i.op === 'alu' && ((i.a.kind === 'reg' && i.a.reg === ctx) || (i.b.kind === 'reg' && i.b.reg === ctx))) return false;
    }
  }
  const preds = predecessors(fn);
  const out = new Map<number, Known>();
  /** Moves to append to a block (before its terminator): merge registers taking their value. */
  const tails = new Map<number, Inst[]>();
  let changed = false;
  for (const id of reversePostOrder(fn)) {
    const b = fn.blocks[id]!;
    const known: Known = new Map();
    const ps = preds[id] ?? [];
    if (id !== 0 && ps.length > 0 && ps.every((p) => out.has(p))) {
      const first = out.get(ps[0]!)!;
      for (const [key, v] of first) {
        const values = ps.map((p) => out.get(p)!.get(key));
        if (values.some((x) => x === undefined)) continue;
        if (values.every((x) => sameOperand(x!, v))) {
          known.set(key, v);
          continue;
        }
        // Different values on different paths: a new register holds whichever came, when one of
        // them is a stored constant. Reads alone are left to value numbering: a merged register
        // would carry the kernel's state of a packet pointer (skb->data_end, with its proven
        // ranges) across the join, where a fresh read starts from nothing to compare.
        if (!values.some((x) => x!.kind === 'imm')) continue;
        const m = fn.vregCount++ as VReg;
        ps.forEach((p, k) => {
          const list = tails.get(p) ?? [];
          list.push({ op: 'mov', bits: 64, dst: m, src: values[k]!, span: b.term.span });
          tails.set(p, list);
        });
        known.set(key, { kind: 'reg', reg: m });
      }
    }
    for (let k = 0; k < b.insts.length; k++) {
      const i = b.insts[k]!;
      if (i.op === 'load' && i.addr.kind === 'reg' && i.addr.reg === ctx && !i.volatile) {
        const key = `${i.addr.off}:${i.size}`;
        const v = known.get(key);
        if (v !== undefined) {
          b.insts[k] = { op: 'mov', bits: 64, dst: i.dst, src: v, span: i.span };
          changed = true;
        }
      } else if (i.op === 'store' && i.addr.kind === 'reg' && i.addr.reg === ctx) {
        const { off } = i.addr;
        const end = off + i.size;
        for (const key of [...known.keys()]) {
          const [o, s] = key.split(':').map(Number) as [number, number];
          if (o < end && off < o + s) known.delete(key);
        }
        if (!i.volatile && forwardable(i.src, i.size)) known.set(`${off}:${i.size}`, i.src);
      } else if (i.op === 'call' || i.op === 'callfn' || i.op === 'atomic' || i.op === 'memop' || i.op === 'asm') {
        known.clear();
      }
      const d = instDef(b.insts[k]!);
      if (d === undefined) continue;
      for (const [key, v] of known) if (v.kind === 'reg' && v.reg === d) known.delete(key);
      const now = b.insts[k]!;
      if (i.op === 'load' && i.addr.kind === 'reg' && i.addr.reg === ctx && !i.volatile && now.op === 'load') {
        known.set(`${i.addr.off}:${i.size}`, { kind: 'reg', reg: d });
      }
    }
    out.set(id, known);
  }
  // Merge registers no forwarded load reads are dead code; without a forwarded load, none is added.
  if (changed) for (const [id, moves] of tails) fn.blocks[id]!.insts.push(...moves);
  return changed;
}
