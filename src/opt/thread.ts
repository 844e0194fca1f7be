// Jump threading through branches whose outcome a predecessor decides.
// Needs: nothing. Changes: where block P jumps to block M, M holds only copies and constants
// and ends in a branch (or jumps on, through more such blocks, to one that does), and what is known
// of the values on leaving P decides that branch, P gets a copy of M's instructions and jumps
// straight to the branch's target; and a branch's edge to a block that holds nothing but a branch
// the edge decides goes to that branch's target (in the last threading, also an edge through
// blocks of copies that the target never reads). What is known (branch-facts.ts): the constants P
// sets, carried through M's copies, and what the paths to P tell: the tests they passed (`p == 6`
// taken or not, as the arms of an inlined switch on a protocol that a second switch tests again)
// and the bounds of loads and masks (a 16-bit port is never -1). A C boolean materialised as 0 or
// 1 and then tested (`return a == 1 || a == 2;` inlined into `if (...)`), a parser's -1 error
// result tested by its caller, and a second switch on a value the first decided become plain
// jumps, as clang's jump threading makes them; and a jump to a bare `return v` where v is a known
// constant returns it (C's `goto out` with `rc` set on each path, which then holds no register
// across the code before `out`). A jump to a block whose open branch leads, under what P knows, to
// one block either way (`i == n || i == MAX` after a search that leaves i = MAX) goes to that
// block, when the values the skipped block computes are not read there. A loop header is never bypassed, so loops keep one
// entry. Invalidates: block ids (simplifyCfg then drops what became unreachable), liveness.
import type { Block, BlockId, Inst, IrFunction, Terminator, VReg } from '../ir/ir.js';
import { instDef, successors } from '../ir/ir.js';
import { computeLiveIn } from '../ir/liveness.js';
import type { Facts } from './branch-facts.js';
import { branchFacts, constantOf, decideCompare, edgeFacts, stepFacts, testedRegisters } from './branch-facts.js';
import { reversePostOrder } from './loops.js';

/** At most this many passes over the function: each can expose the next (a chain of tests). */
const MAX_ROUNDS = 4;

export interface ThreadOptions {
  /**
   * A branch's edge may also skip copies the target never reads (threadBranchEdges). Only the last
   * threading does: earlier, such an edge would leave a join that range-branches and the other
   * passes fold whole (an unrolled parse loop's `break` edges meeting at its result's test).
   */
  skipDeadCopies?: boolean;
}

export function threadJumps(fn: IrFunction, options: ThreadOptions = {}): boolean {
  let changed = false;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (!threadOnce(fn, options.skipDeadCopies === true)) break;
    changed = true;
  }
  return changed;
}

function threadOnce(fn: IrFunction, skipDeadCopies: boolean): boolean {
  const headers = loopHeaders(fn);
  // Nothing changes unless some block's first step could (the first change is made from the
  // function as it is now): then the facts over the whole function are not worked out at all.
  if (!fn.blocks.some((p) => mayThread(fn, p, headers, skipDeadCopies))) return false;
  const tracked = testedRegisters(fn);
  const entry = branchFacts(fn, tracked);
  // Worked out once, when an edge first needs it: no change this round makes a register live
  // where it was not (a retargeted edge skips only copies dead at its new target).
  let live: Set<number>[] | undefined;
  let changed = false;
  for (const p of fn.blocks) {
    const at = entry.get(p.id);
    if (at === undefined) continue; // unreachable
    if (!mayThread(fn, p, headers, skipDeadCopies)) continue;
    const facts = new Map(at);
    for (const i of p.insts) stepFacts(i, facts, tracked);
    // Follow the chain from P as long as each step is decided: P -> M1 -> M2 ...; stop at a cycle.
    const seen = new Set<BlockId>([p.id]);
    for (;;) {
      const t = p.term;
      if (t.op === 'br') {
        if (threadBranchEdges(fn, p, facts, headers, tracked, skipDeadCopies ? () => (live ??= computeLiveIn(fn)) : undefined)) changed = true;
        break;
      }
      if (t.op !== 'jmp') break;
      const exit = returnedConstant(fn.blocks[t.target]!, facts);
      if (exit !== undefined) {
        // A jump to a bare `return v` where v is a known constant returns it (C's `goto out`).
        p.term = { op: 'ret', value: { kind: 'imm', value: exit }, span: fn.blocks[t.target]!.term.span };
        changed = true;
        break;
      }
      const chain = copyChain(fn, t.target, seen, headers);
      if (chain === undefined) {
        const joined = convergentTarget(fn, fn.blocks[t.target]!, facts, seen, headers, tracked, () => (live ??= computeLiveIn(fn)));
        if (joined !== undefined) {
          p.term = { op: 'jmp', target: joined, span: t.span };
          changed = true;
        }
        break;
      }
      const after = new Map(facts);
      for (const m of chain) for (const i of m.insts) stepFacts(i, after, tracked);
      const target = decidedTarget(chain[chain.length - 1]!.term, after);
      if (target === undefined) {
        if (threadPastOpenBranch(fn, p, chain, after, seen, headers)) changed = true;
        break;
      }
      const last = chain[chain.length - 1]!;
      for (const m of chain) {
        seen.add(m.id);
        for (const i of m.insts) p.insts.push(copyInst(i));
      }
      for (const [r, f] of after) facts.set(r, f);
      for (const r of [...facts.keys()]) if (!after.has(r)) facts.delete(r);
      p.term = { op: 'jmp', target, span: last.term.span };
      changed = true;
    }
  }
  return changed;
}

/**
 * P jumps to M (through blocks of copies), whose branch P's facts leave open, and one of M's edges
 * enters a block that holds nothing but a branch those facts decide: P takes M's copies and its
 * own copy of M's branch, whose edge goes straight to that branch's target (LLVM's jump threading
 * over two blocks). As a socket looked up by protocol and tested (`if (sk)`), then the protocol
 * tested again (`if (proto == IPPROTO_TCP && sk->state ...)`): the UDP lookup's path no longer
 * reaches the TCP socket's field, which the kernel refuses to read through one instruction for
 * both kinds of socket.
 */
function threadPastOpenBranch(fn: IrFunction, p: Block, chain: Block[], after: Facts, seen: ReadonlySet<BlockId>, headers: ReadonlySet<BlockId>): boolean {
  const m = chain[chain.length - 1]!;
  const t = m.term;
  if (t.op !== 'br' || t.then === t.else) return false;
  for (const side of ['then', 'else'] as const) {
    const n = fn.blocks[t[side]]!;
    if (n.id === m.id || n.id === p.id || seen.has(n.id) || headers.has(n.id) || n.insts.length > 0 || n.term.op !== 'br') continue;
    const target = decidedTarget(n.term, edgeFacts(m, after, n.id));
    if (target === undefined || target === n.id) continue;
    for (const c of chain) for (const i of c.insts) p.insts.push(copyInst(i));
    p.term = { ...t, [side]: target };
    return true;
  }
  return false;
}

/**
 * Whether threadOnce's first step from P can change anything, whatever the facts: P jumps to a
 * bare return or to a chain of copies, or branches to a block that holds nothing but a branch.
 * Only then are P's facts worked out (most blocks are neither).
 */
function mayThread(fn: IrFunction, p: Block, headers: ReadonlySet<BlockId>, skipDeadCopies: boolean): boolean {
  const t = p.term;
  if (t.op === 'br') {
    for (const id of [t.then, t.else]) {
      const m = fn.blocks[id]!;
      if (m.id === p.id || headers.has(m.id)) continue;
      if (skipDeadCopies ? onlyCopies(m) && (m.term.op === 'br' || m.term.op === 'jmp') : m.insts.length === 0 && m.term.op === 'br') return true;
    }
    return false;
  }
  if (t.op !== 'jmp') return false;
  const m = fn.blocks[t.target]!;
  if (m.insts.length === 0 && m.term.op === 'ret' && m.term.value?.kind === 'reg') return true;
  return copyChain(fn, t.target, new Set([p.id]), headers) !== undefined;
}

/**
 * P ends in a branch: an edge to a block that holds nothing but a branch which the edge decides
 * (a second test of a value the first already told, as `if (p == 6)` after a switch on p whose
 * arms met) goes straight to that branch's target. So does an edge to a block of copies and a
 * branch, when the copies carry what decides it and the target never reads what they set: a
 * parsed field copied out of an inlined parser's struct and tested, on the edge where the parser
 * set it to a constant (`pkt.vlan_outer_offset == 0` after `offset = 14` on the VLAN path).
 */
function threadBranchEdges(fn: IrFunction, p: Block, facts: Facts, headers: ReadonlySet<BlockId>, tracked: ReadonlySet<VReg>, live?: () => Set<number>[]): boolean {
  const t = p.term;
  if (t.op !== 'br') return false;
  let changed = false;
  for (const side of ['then', 'else'] as const) {
    const seen = new Set<BlockId>([p.id]);
    for (let steps = 0; steps < 8; steps++) {
      // The blocks the edge enters: copies that jump on, then copies and the branch (m).
      let on = edgeFacts(p, facts, t[side]);
      const copies: Inst[] = [];
      let m = fn.blocks[t[side]]!;
      while (live && !seen.has(m.id) && !headers.has(m.id) && onlyCopies(m) && m.term.op === 'jmp' && copies.length + m.insts.length <= MAX_COPIES) {
        seen.add(m.id);
        copies.push(...m.insts);
        m = fn.blocks[m.term.target]!;
      }
      if (seen.has(m.id) || headers.has(m.id) || !(live ? onlyCopies(m) : m.insts.length === 0) || m.term.op !== 'br') break;
      copies.push(...m.insts);
      if (copies.length > MAX_COPIES) break;
      if (copies.length > 0) {
        on = new Map(on);
        for (const i of copies) stepFacts(i, on, tracked);
      }
      const target = decidedTarget(m.term, on);
      if (target === undefined) break;
      if (copies.length > 0) {
        const read = live!()[target]!;
        if (copies.some((i) => read.has(instDef(i)!))) break;
      }
      seen.add(m.id);
      t[side] = target;
      changed = true;
    }
  }
  return changed;
}

/**
 * P jumps to M, whose branch P's facts leave open, but each of whose edges reaches one block T
 * under them, directly or through blocks that hold nothing but a branch the edge decides: P goes
 * to T when M only computes values (no stores or calls) that T never reads. As
 * `if (i == pinginfo->count || i == MAX)` after a search loop that leaves i = MAX when it finds
 * nothing: that exit returns at once, without loading the count.
 */
function convergentTarget(
  fn: IrFunction, m: Block, facts: Facts, seen: ReadonlySet<BlockId>, headers: ReadonlySet<BlockId>, tracked: ReadonlySet<VReg>, live: () => Set<number>[],
): BlockId | undefined {
  const t = m.term;
  if (t.op !== 'br' || seen.has(m.id) || headers.has(m.id) || m.insts.length > MAX_COPIES || !m.insts.every(computesOnly)) return undefined;
  const after = new Map(facts);
  for (const i of m.insts) stepFacts(i, after, tracked);
  const ends = [t.then, t.else].map((side) => {
    let on = edgeFacts(m, after, side);
    let at = side;
    for (let steps = 0; steps < 4; steps++) {
      const n = fn.blocks[at]!;
      if (n.id === m.id || headers.has(n.id) || n.insts.length > 0 || n.term.op !== 'br') break;
      const next = decidedTarget(n.term, on);
      if (next === undefined) break;
      on = edgeFacts(n, on, next);
      at = next;
    }
    return at;
  });
  const target = ends[0]!;
  if (target !== ends[1] || target === m.id || headers.has(target)) return undefined;
  const read = live()[target]!;
  return m.insts.some((i) => read.has(instDef(i)!)) ? undefined : target;
}

/** An instruction with no effect but its result: a copy, arithmetic, or a load that is not volatile. */
function computesOnly(i: Inst): boolean {
  switch (i.op) {
    case 'mov':
    case 'alu':
    case 'neg':
    case 'sext':
    case 'bswap':
      return instDef(i) !== undefined;
    case 'load':
      return i.volatile !== true;
    default:
      return false;
  }
}

/** A block of at most MAX_COPIES copies (or none). */
function onlyCopies(m: Block): boolean {
  return m.insts.length <= MAX_COPIES && m.insts.every((i) => i.op === 'mov');
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

/** The constant a block that only returns a register returns, when `facts` name it. */
function returnedConstant(m: Block, facts: Facts): bigint | undefined {
  const t = m.term;
  if (m.insts.length > 0 || t.op !== 'ret' || t.value?.kind !== 'reg') return undefined;
  return constantOf(facts.get(t.value.reg));
}

/** The block a branch goes to under `facts`, if they decide it. */
function decidedTarget(t: Terminator, facts: Facts): BlockId | undefined {
  if (t.op !== 'br') return undefined;
  const c = t.b.kind === 'imm' ? t.b.value : constantOf(facts.get(t.b.reg));
  if (c === undefined) return undefined;
  const taken = decideCompare(facts.get(t.a), t.cmp, t.bits, c);
  if (taken === undefined) return undefined;
  return taken ? t.then : t.else;
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
