// Machine twins: blocks whose code is the same once registers are allocated and stack slots laid
// out. Inlined copies of one function (`emit_drop_event(...)` after each failed check) differ in
// the IR, where each copy has its own virtual registers and its own stack objects, and are often
// the same instructions in the end: one register, one frame offset. Every predecessor of a twin
// jumps to the one copy that is kept instead; with the twins' successors merged, their
// predecessors may become twins in turn, so the search repeats until nothing merges (clang's
// branch folding merges such tails after register allocation, too).
//
// The kernel's verifier walks paths, not blocks, so a merged block is checked once per path with
// that path's state, as before. One rule is per instruction: a load or store that one path makes
// through the context (or a socket or a BTF object) and another through any other pointer is
// refused ("same insn cannot be used with different pointers"). A block merges only when every
// register it loads or stores through cannot hold such a pointer (mayHoldKernelPointer).
import { helperById, type RetKind } from '../bpf/helpers.js';
import type { Block, BlockId, Inst, IrFunction, Terminator, VReg } from '../ir/ir.js';
import { successors } from '../ir/ir.js';

/** Results of helpers that are never a pointer the kernel refuses to mix with another. */
const PLAIN_RESULTS: ReadonlySet<RetKind> = new Set<RetKind>(['integer', 'void', 'map_value_or_null', 'map_value', 'alloc_mem_or_null', 'dynptr_mem_or_null']);

/**
 * Registers that may hold a pointer to the context, a socket or a kernel object: the parameters,
 * 8-byte loads, the results of other helpers, of subprograms and of inline assembly, and what is
 * computed from them.
 */
export function mayHoldKernelPointer(fn: IrFunction): Set<VReg> {
  const out = new Set<VReg>(fn.params);
  const defs: { dst: VReg; from: VReg[] | 'always' }[] = [];
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      switch (i.op) {
        case 'mov':
          if (i.src.kind === 'reg' && i.bits === 64) defs.push({ dst: i.dst, from: [i.src.reg] });
          break;
        case 'alu':
          if (i.bits === 64) defs.push({ dst: i.dst, from: [i.a, i.b].flatMap((o) => (o.kind === 'reg' ? [o.reg] : [])) });
          break;
        case 'load':
          if (i.size === 8) defs.push({ dst: i.dst, from: 'always' });
          break;
        case 'call':
          if (i.dst !== undefined && !PLAIN_RESULTS.has(helperById(i.helper)?.ret ?? 'ptr_or_null')) defs.push({ dst: i.dst, from: 'always' });
          break;
        case 'callfn':
        case 'asm':
          if (i.dst !== undefined) defs.push({ dst: i.dst, from: 'always' });
          break;
        default:
          break;
      }
    }
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const d of defs) {
      if (out.has(d.dst)) continue;
      if (d.from === 'always' || d.from.some((v) => out.has(v))) {
        out.add(d.dst);
        changed = true;
      }
    }
  }
  return out;
}

/** Whether a block may share its code with another: no access through a kernel pointer, no assembly, no BPF-to-BPF or kernel function call. */
function mayMerge(b: Block, kernelPointers: ReadonlySet<VReg>): boolean {
  return b.insts.every((i: Inst) => {
    if (i.op === 'asm' || i.op === 'callfn') return false;
    if (i.op === 'load' || i.op === 'store' || i.op === 'atomic') return i.addr.kind === 'slot' || !kernelPointers.has(i.addr.reg);
    return true;
  });
}

export interface TwinQuery {
  /** The block's instructions as selected, as a string; equal strings are equal code. */
  codeKey(b: Block): string;
  /** The terminator with its registers allocated, as a string. */
  termKey(t: Terminator): string;
  /** The terminator as it leads, through the blocks already forwarded. */
  retarget(t: Terminator): Terminator;
}

/**
 * Adds to `forward` every block that is the twin of another (block -> the copy kept), with the
 * targets of earlier entries carried on to the copy kept. The entry block is never forwarded.
 */
export function forwardTwins(fn: IrFunction, forward: Map<BlockId, BlockId>, q: TwinQuery): void {
  // Only blocks with the same shape (operations in order, terminator kind) can be twins: the
  // others are not selected for a key. Copies are left out of the shape, as the allocator may
  // have given a copy's two registers one machine register, and then it emits nothing.
  const shapes = new Map<string, BlockId[]>();
  for (const id of reachableBlocks(fn, q)) {
    const b = fn.blocks[id]!;
    if (id === 0 || forward.has(id)) continue;
    const shape = `${b.term.op}:${b.insts.flatMap((i) => (i.op === 'mov' ? [] : [i.op])).join(',')}`;
    const same = shapes.get(shape);
    if (same) same.push(id);
    else shapes.set(shape, [id]);
  }
  const candidates = [...shapes.values()].filter((ids) => ids.length > 1).flat();
  if (candidates.length === 0) return;
  const kernelPointers = mayHoldKernelPointer(fn);
  const code = new Map<BlockId, string>();
  for (const id of candidates.sort((a, b) => a - b)) if (mayMerge(fn.blocks[id]!, kernelPointers)) code.set(id, q.codeKey(fn.blocks[id]!));
  if (code.size === 0) return;
  for (let merged = true; merged; ) {
    merged = false;
    const kept = new Map<string, BlockId>();
    for (const [id, text] of code) {
      const key = `${q.termKey(q.retarget(fn.blocks[id]!.term))}\n${text}`;
      const other = kept.get(key);
      if (other === undefined) {
        kept.set(key, id);
        continue;
      }
      forward.set(id, other);
      code.delete(id);
      merged = true;
    }
    // Earlier entries that led to a block forwarded now lead where it does.
    if (merged) for (const [from, to] of forward) forward.set(from, finalTarget(forward, to));
  }
}

function finalTarget(forward: Map<BlockId, BlockId>, id: BlockId): BlockId {
  const seen = new Set<BlockId>();
  let cur = id;
  while (forward.has(cur) && !seen.has(cur)) {
    seen.add(cur);
    cur = forward.get(cur)!;
  }
  return cur;
}

function reachableBlocks(fn: IrFunction, q: TwinQuery): BlockId[] {
  const seen = new Set<BlockId>([0]);
  const out: BlockId[] = [];
  const work: BlockId[] = [0];
  while (work.length > 0) {
    const id = work.pop()!;
    out.push(id);
    for (const s of successors(q.retarget(fn.blocks[id]!.term))) {
      if (!seen.has(s)) {
        seen.add(s);
        work.push(s);
      }
    }
  }
  return out.sort((a, b) => a - b);
}
