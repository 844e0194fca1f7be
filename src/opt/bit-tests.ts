// Two single-bit tests of one value in a row become one masked compare.
// Needs: nothing. Changes: where block A ends in a test of one bit of x (`(x >> s) & 1` against
// 0), one outcome goes to a block B that does nothing but test another bit of the same x the
// same way, and the other outcome of each test goes to the same block F, A tests both bits at
// once: `(x & (1 << s | 1 << t)) == V` goes on to B's other target, anything else to F, as
// clang folds `th->syn && !th->ack` into `(flags & 0x1200) == 0x200`. One branch less on the
// path, two instructions less in the code. B is left without predecessors (simplifyCfg drops it).
// Invalidates: predecessors, liveness.
import type { Block, BlockId, Inst, IrFunction, VReg } from '../ir/ir.js';
import { instUses, successors, termUses } from '../ir/ir.js';

interface BitTest {
  /** The value whose bit is tested, and the bit. */
  x: VReg;
  bit: number;
  bits: 32 | 64;
  /** Where the branch goes when the bit is set, and when it is clear. */
  set: BlockId;
  clear: BlockId;
}

/** The bit test that ends `b`: its last instructions `t = x >> s` (none when s is 0) and `f = t & 1`, then `f ==/!= 0`. */
function bitTestAtEnd(b: Block): { test: BitTest; insts: number } | undefined {
  const t = b.term;
  if (t.op !== 'br' || (t.cmp !== 'eq' && t.cmp !== 'ne') || t.b.kind !== 'imm' || t.b.value !== 0n) return undefined;
  const and = b.insts[b.insts.length - 1];
  if (and?.op !== 'alu' || and.alu !== 'and' || and.dst !== t.a || and.b.kind !== 'imm' || and.b.value !== 1n || and.a.kind !== 'reg') return undefined;
  if (and.dst === and.a.reg) return undefined; // the tested value must outlive the test
  let x = and.a.reg;
  let bit = 0;
  let insts = 1;
  const shift = b.insts[b.insts.length - 2];
  if (shift?.op === 'alu' && shift.alu === 'rsh' && shift.dst === x && shift.a.kind === 'reg' && shift.b.kind === 'imm' && shift.bits === and.bits && shift.a.reg !== x) {
    if (and.dst === shift.a.reg) return undefined;
    x = shift.a.reg;
    bit = Number(shift.b.value);
    insts = 2;
  }
  if (bit >= and.bits - 1) return undefined; // the mask of two bits must fit a positive immediate
  const [set, clear] = t.cmp === 'ne' ? [t.then, t.else] : [t.else, t.then];
  return { test: { x, bit, bits: and.bits, set, clear }, insts };
}

export function mergeBitTests(fn: IrFunction): boolean {
  const preds = new Map<BlockId, number>();
  for (const b of fn.blocks) for (const s of successors(b.term)) preds.set(s, (preds.get(s) ?? 0) + 1);
  // Registers read anywhere other than by the instruction that defines the next step of a test:
  // B's temporaries must not be needed elsewhere once B is gone.
  const reads = new Map<VReg, number>();
  for (const b of fn.blocks) {
    for (const i of b.insts) for (const r of instUses(i)) reads.set(r, (reads.get(r) ?? 0) + 1);
    for (const r of termUses(b.term)) reads.set(r, (reads.get(r) ?? 0) + 1);
  }
  let changed = false;
  for (const a of fn.blocks) {
    const first = bitTestAtEnd(a);
    if (!first) continue;
    const { test: p } = first;
    for (const [next, other] of [[p.set, p.clear], [p.clear, p.set]] as const) {
      const b = fn.blocks[next];
      if (!b || b.id === a.id || preds.get(b.id) !== 1) continue;
      const second = bitTestAtEnd(b);
      if (!second || second.insts !== b.insts.length) continue;
      const q = second.test;
      if (q.x !== p.x || q.bits !== p.bits || q.bit === p.bit) continue;
      // B's shift (if any) and mask are read only by B's own next instruction and branch.
      if (b.insts.some((i) => 'dst' in i && i.dst !== undefined && (reads.get(i.dst) ?? 0) !== 1)) continue;
      if (q.set !== other && q.clear !== other) continue;
      const onward = q.set === other ? q.clear : q.set;
      if (onward === other) continue;
      const want = (next === p.set ? 1n << BigInt(p.bit) : 0n) | (onward === q.set ? 1n << BigInt(q.bit) : 0n);
      const mask = (1n << BigInt(p.bit)) | (1n << BigInt(q.bit));
      const m = fn.vregCount++ as VReg;
      const span = a.term.span;
      const masked: Inst = { op: 'alu', alu: 'and', bits: p.bits, dst: m, a: { kind: 'reg', reg: p.x }, b: { kind: 'imm', value: mask }, span };
      a.insts.push(masked);
      a.term = { op: 'br', cmp: 'eq', bits: p.bits, a: m, b: { kind: 'imm', value: want }, then: onward, else: other, span };
      preds.set(b.id, 0);
      changed = true;
      break;
    }
  }
  return changed;
}
