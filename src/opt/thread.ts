// Jump threading through branches whose outcome a predecessor decides.
// Needs: nothing. Changes: where block P jumps to block M, M holds only copies and constants
// and ends in a branch (or jumps on, through more such blocks, to one that does), and the values P leaves (constants P itself sets, carried through M's
// copies) decide that branch, P gets a copy of M's instructions and jumps straight to the
// branch's target. A C boolean materialised as 0 or 1 and then tested (`return a == 1 || a ==
// 2;` inlined into `if (...)`), and a parser's -1 error result tested by its caller, become
// plain jumps, as clang's jump threading makes them. A loop header is never bypassed, so loops
// keep one entry. Invalidates: block ids (simplifyCfg then drops what became unreachable), liveness.
import type { Block, BlockId, Inst, IrFunction, Operand, VReg } from '../ir/ir.js';
import { instDef, successors } from '../ir/ir.js';
import { evalAlu, evalCmp } from '../ir/eval.js';
import { reversePostOrder } from './loops.js';

/** At most this many passes over the function: each can expose the next (a chain of tests). */
const MAX_ROUNDS = 4;

export function threadJumps(fn: IrFunction): boolean {
  let changed = false;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (!threadOnce(fn)) break;
    changed = true;
  }
  return changed;
}

function threadOnce(fn: IrFunction): boolean {
  const headers = loopHeaders(fn);
  let changed = false;
  for (const p of fn.blocks) {
    // Follow the chain from P as long as each step is decided: P -> M1 -> M2 ...; stop at a cycle.
    const seen = new Set<BlockId>([p.id]);
    for (;;) {
      const t = p.term;
      if (t.op !== 'jmp') break;
      const chain = copyChain(fn, t.target, seen, headers);
      if (chain === undefined) break;
      const target = decidedTarget(p, chain);
      if (target === undefined) break;
      const last = chain[chain.length - 1]!;
      for (const m of chain) {
        seen.add(m.id);
        for (const i of m.insts) p.insts.push(copyInst(i));
      }
      p.term = { op: 'jmp', target, span: last.term.span };
      changed = true;
    }
  }
  return changed;
}

/** At most this many copies in the blocks threaded through: each predecessor gets its own. */
const MAX_COPIES = 4;

/**
 * The blocks from `start` that hold only copies and end in a branch, or hold only copies and jump
 * on to such blocks (a join that moves one variable into another, as a parse function's result
 * into the caller's `verdict`, before the caller tests it); at most MAX_COPIES copies in all.
 */
function copyChain(fn: IrFunction, start: BlockId, seen: ReadonlySet<BlockId>, headers: ReadonlySet<BlockId>): Block[] | undefined {
  const chain: Block[] = [];
  let copies = 0;
  const visited = new Set<BlockId>();
  for (let id = start; ; ) {
    const m = fn.blocks[id]!;
    if (seen.has(id) || visited.has(id) || headers.has(id) || !m.insts.every((i) => i.op === 'mov')) return undefined;
    copies += m.insts.length;
    if (copies > MAX_COPIES) return undefined;
    visited.add(id);
    chain.push(m);
    if (m.term.op === 'br') return chain;
    if (m.term.op !== 'jmp') return undefined;
    id = m.term.target;
  }
}

/** The block the chain's branch goes to when entered from P, if P's own constants decide it. */
function decidedTarget(p: Block, chain: readonly Block[]): BlockId | undefined {
  const known = new Map<VReg, bigint>();
  for (const i of p.insts) step(i, known);
  for (const m of chain) for (const i of m.insts) step(i, known);
  const t = chain[chain.length - 1]!.term;
  if (t.op !== 'br') return undefined;
  const a = known.get(t.a);
  const b = valueOf(t.b, known);
  if (a === undefined || b === undefined) return undefined;
  return evalCmp(t.cmp, t.bits, a, b) ? t.then : t.else;
}

function valueOf(o: Operand, known: Map<VReg, bigint>): bigint | undefined {
  return o.kind === 'imm' ? o.value : known.get(o.reg);
}

/** The constants a block's instructions leave: movs of constants and ALU on them; anything else forgets its destination. */
function step(i: Inst, known: Map<VReg, bigint>): void {
  const d = instDef(i);
  if (d === undefined) return;
  let v: bigint | undefined;
  if (i.op === 'mov') {
    const s = valueOf(i.src, known);
    if (s !== undefined) v = i.bits === 32 ? BigInt.asUintN(32, s) : s;
  } else if (i.op === 'alu') {
    const a = valueOf(i.a, known);
    const b = valueOf(i.b, known);
    if (a !== undefined && b !== undefined) v = evalAlu(i.alu, i.bits, a, b);
  }
  if (v === undefined) known.delete(d);
  else known.set(d, v);
}

function copyInst(i: Inst): Inst {
  if (i.op !== 'mov') throw new Error('threadJumps copies only mov instructions');
  return { ...i, src: { ...i.src } };
}

/** Blocks entered by a retreating edge (a predecessor at or after them in reverse post-order). */
function loopHeaders(fn: IrFunction): Set<BlockId> {
  const order = new Map<BlockId, number>();
  reversePostOrder(fn).forEach((id, k) => order.set(id, k));
  const headers = new Set<BlockId>();
  for (const b of fn.blocks) {
    const from = order.get(b.id);
    if (from === undefined) continue;
    for (const s of successors(b.term)) if (order.get(s)! <= from) headers.add(s);
  }
  return headers;
}
