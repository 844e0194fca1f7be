// Expansion of the memory builtins (memop instructions).
// Needs: constant propagation and unrolling before it, so that a size that
// comes from an inlined argument or a loop counter is an immediate by now.
// Changes: replaces each memcpy/memmove/memset by loads and stores of the
// widest width the alignment allows, and each memcmp by a byte-by-byte
// compare chain (new blocks, appended). A size or fill byte that is still not
// a constant is reported (E5006) and the memop is dropped, and so is one
// that reads or writes outside the local it points into (E5016), or whose
// expansion would grow the function past the unrolling budget (E5012).
// Invalidates: liveness; block order (run simplifyCfg afterwards).
import type { CompileContext } from '../context.js';
import type { Span } from '../diag/source.js';
import type { Address, Block, BlockId, Inst, IrFunction, VReg } from '../ir/ir.js';
import { instDef, singleDefinitions } from '../ir/ir.js';
import { copyInsts, fillInsts } from '../ir/memory.js';
import { pushAll } from '../util/array.js';
import { hasCycle, predecessors } from './loops.js';
import { countInsns, MAX_INSNS } from './unroll.js';

type MemOp = Inst & { op: 'memop' };

/**
 * The largest memcpy/memmove/memset/memcmp expanded, in bytes: 8,192 8-byte stores or more,
 * far past any BPF object on the stack and a good part of the kernel's instruction limit.
 */
const MAX_MEMOP_BYTES = 65536;

interface Expansion {
  fn: IrFunction;
  ctx: CompileContext;
  newVReg: () => VReg;
  /** Instructions of the function so far, expansions included. */
  size: number;
  /** Set once the function has grown past the budget: the memops left are dropped. */
  over: boolean;
  /** The registers defined once, in a function without cycles (moveDistance); empty otherwise. */
  defs?: Map<VReg, Inst>;
}

export function expandMemOps(fn: IrFunction, ctx: CompileContext): void {
  const x: Expansion = { fn, ctx, newVReg: (): VReg => fn.vregCount++ as VReg, size: countInsns(fn), over: false };
  // A memcmp splits its block; the rest is appended, so this loop reaches it too.
  for (let k = 0; k < fn.blocks.length; k++) expandBlock(x, fn.blocks[k]!);
}

/**
 * How far a memmove's destination lies after its source when both are offsets from one register
 * or slot (`memmove(data + 4, data, 12)`): each register is followed back through the copies and
 * constant additions that last defined it in the block before the memmove, then through those
 * defined once in a function without cycles; undefined when the two do not meet.
 */
function moveDistance(x: Expansion, insts: readonly Inst[], at: number, to: Address, from: Address): number | undefined {
  // A register defined once holds one value wherever it is read only where nothing repeats.
  x.defs ??= hasCycle(x.fn) ? new Map() : singleDefinitions(x.fn);
  const defs = x.defs;
  // A register's value is named by the register when it is defined once, and by the register and
  // the place in the block when the walk never left the block; otherwise it has no name.
  const root = (a: Address): [string | undefined, number] => {
    if (a.kind === 'slot') return [`#${a.slot}`, a.off];
    let reg = a.reg;
    let off = a.off;
    let k = at; // the instructions of the block before k may have defined reg
    let local = true;
    const name = () => (defs.get(reg) ? `%${reg}` : local ? `%${reg}:${k}` : undefined);
    for (let depth = 0; depth < 16; depth++) {
      let def: Inst | undefined;
      while (k > 0 && def === undefined) {
        const i = insts[--k]!;
        if (instDef(i) === reg) def = i;
      }
      if (def === undefined) {
        def = defs.get(reg) ?? undefined;
        if (!def) return [name(), off];
        local = false;
        k = 0;
      }
      if (def.op === 'mov' && def.bits === 64 && def.src.kind === 'reg') reg = def.src.reg;
      else if (def.op === 'alu' && def.alu === 'add' && def.bits === 64 && def.a.kind === 'reg' && def.b.kind === 'imm' && Math.abs(Number(BigInt.asIntN(64, def.b.value))) < 1 << 20) {
        off += Number(BigInt.asIntN(64, def.b.value));
        reg = def.a.reg;
      } else return [name(), off];
    }
    return [undefined, off];
  };
  const [a, offA] = root(to);
  const [b, offB] = root(from);
  return a !== undefined && a === b ? offA - offB : undefined;
}

/**
 * The constant a register holds at insts[at] of block b when the code reads it back from memory
 * just after storing the constant there (`*len = sizeof(u32); if (src) memcpy(dst, src, *len);`
 * through an inlined out-parameter, before the passes that forward stores run): the load
 * (through copies), and before it a store of an immediate to the same address with the same
 * width, with nothing between that writes memory or the address register. The search goes back
 * through blocks entered from one block only.
 */
function storedConstant(x: Expansion, b: Block, at: number, r: VReg): bigint | undefined {
  const fn = x.fn;
  x.defs ??= hasCycle(fn) ? new Map() : singleDefinitions(fn);
  const defs = x.defs;
  // A stack slot and offset that an address names, through copies and constant additions of registers defined once.
  const slotOf = (a: Address): { slot: number; off: number } | undefined => {
    if (a.kind === 'slot') return { slot: a.slot, off: a.off };
    let reg = a.reg;
    let off = a.off;
    for (let depth = 0; depth < 16; depth++) {
      const d = defs.get(reg);
      if (!d) return undefined;
      if (d.op === 'slotaddr') return { slot: d.slot, off: off + d.off };
      if (d.op === 'mov' && d.bits === 64 && d.src.kind === 'reg') reg = d.src.reg;
      else if (d.op === 'alu' && d.alu === 'add' && d.bits === 64 && d.a.kind === 'reg' && d.b.kind === 'imm') {
        off += Number(BigInt.asIntN(64, d.b.value));
        reg = d.a.reg;
      } else return undefined;
    }
    return undefined;
  };
  const preds = predecessors(fn);
  // Walks back from (block, k): the instructions before k, then the only predecessor's, ...
  let block = b;
  let k = at;
  const prev = (): Inst | undefined => {
    while (k === 0) {
      const p = preds[block.id];
      if (!p || p.length !== 1 || p[0] === block.id) return undefined;
      block = fn.blocks[p[0]!]!;
      k = block.insts.length;
    }
    return block.insts[--k];
  };
  let reg = r;
  let def: Inst | undefined;
  for (let steps = 0; steps < 256; steps++) {
    const i = prev();
    if (!i) return undefined;
    if (instDef(i) !== reg) continue;
    if (i.op === 'mov' && i.src.kind === 'reg' && i.bits === 64) {
      reg = i.src.reg;
      continue;
    }
    def = i;
    break;
  }
  if (!def || def.op !== 'load' || def.volatile) return undefined;
  const a = def.addr;
  const at2 = slotOf(a);
  for (let steps = 0; steps < 256; steps++) {
    const i = prev();
    if (!i) return undefined;
    if (i.op === 'store' && !i.volatile) {
      const same = i.addr.kind === a.kind && i.addr.off === a.off && (a.kind === 'slot' ? i.addr.kind === 'slot' && i.addr.slot === a.slot : i.addr.kind === 'reg' && i.addr.reg === a.reg);
      const into = slotOf(i.addr);
      const sameSlot = at2 !== undefined && into !== undefined && into.slot === at2.slot;
      if ((same || (sameSlot && into.off === at2.off)) && i.size === def.size) return i.src.kind === 'imm' ? BigInt.asUintN(def.size * 8, i.src.value) : undefined;
      // A store to another slot, or to other bytes of this one, leaves the value.
      if (at2 !== undefined && into !== undefined && (into.slot !== at2.slot || into.off + i.size <= at2.off || at2.off + def.size <= into.off)) continue;
      return undefined;
    }
    if (i.op === 'call' || i.op === 'callfn' || i.op === 'memop' || i.op === 'atomic' || i.op === 'asm' || i.op === 'ldabs') return undefined;
    if (a.kind === 'reg' && at2 === undefined && instDef(i) === a.reg) return undefined;
  }
  return undefined;
}

function expandBlock(x: Expansion, b: Block): void {
  const { fn, ctx, newVReg } = x;
  const out: Inst[] = [];
  for (let idx = 0; idx < b.insts.length; idx++) {
    const i = b.insts[idx]!;
    if (i.op !== 'memop') {
      out.push(i);
      continue;
    }
    if (x.over) continue;
    const stored = i.size.kind === 'reg' ? storedConstant(x, b, idx, i.size.reg) : undefined;
    if (stored !== undefined) i.size = { kind: 'imm', value: stored };
    if (i.size.kind !== 'imm') {
      reportOnce(ctx, 'E5006', `the size passed to '${i.builtin}' is not a compile-time constant, even after inlining and constant propagation: BPF programs expand it into loads and stores`, i.sizeSpan, i);
      continue;
    }
    const size = Number(i.size.value);
    if (i.size.value > BigInt(MAX_MEMOP_BYTES)) {
      // Checked before expanding: the expansion is proportional to the size.
      ctx.diags.error('E5012', `'${i.builtin}' of ${i.size.value} bytes would expand into more than ${MAX_MEMOP_BYTES / 8} instructions; ebcc expands at most ${MAX_MEMOP_BYTES} bytes per call`, i.sizeSpan, {
        notes: i.inlinedAt.map((c) => ({ message: `'${c.callee}' is inlined here`, span: c.span })),
      });
      continue;
    }
    if (outsideItsLocal(fn, ctx, i, size, b.insts, idx)) continue;
    // Loads and stores of the widest width the alignment allows (at least size / 8 of them), or
    // memcmp's chain of four instructions a byte.
    if (x.size + (i.kind === 'cmp' ? 4 * size : Math.ceil(size / 8)) > MAX_INSNS) {
      ctx.diags.error('E5012', `expanding '${i.builtin}' of ${size} bytes here grows '${fn.name}' past ${MAX_INSNS.toLocaleString('en-US')} instructions, with the memory builtins before it (each expands into loads and stores, also in each unrolled copy of a loop)`, i.span, {
        notes: i.inlinedAt.map((c) => ({ message: `'${c.callee}' is inlined here`, span: c.span })),
      });
      x.over = true;
      continue;
    }
    const before = out.length;
    switch (i.kind) {
      case 'copy':
      case 'move':
        pushAll(out, copyInsts(i.to, i.from!, size, i.alignBytes, newVReg, i.span, i.kind === 'move', i.kind === 'move' ? moveDistance(x, b.insts, idx, i.to, i.from!) : undefined));
        break;
      case 'set':
        if (i.value!.kind !== 'imm') {
          reportOnce(ctx, 'E5006', `the fill byte passed to '${i.builtin}' is not a compile-time constant, even after inlining and constant propagation`, i.valueSpan ?? i.span, i);
          break;
        }
        pushAll(out, fillInsts(i.to, size, i.alignBytes, Number(i.value!.value & 0xffn), i.span));
        break;
      case 'cmp': {
        const rest: Block = { id: fn.blocks.length, insts: b.insts.slice(idx + 1), term: b.term };
        fn.blocks.push(rest);
        b.insts = out;
        b.term = compareChain(fn, b, i, size, rest.id, newVReg);
        x.size += 4 * size;
        return;
      }
      default: {
        const never: never = i.kind;
        return never;
      }
    }
    x.size += out.length - before - 1;
  }
  b.insts = out;
}

/**
 * A memop whose bytes run outside the local its address points into (a constant size past the
 * end of a buffer): its loads and stores would reach other locals or leave the frame, which C
 * leaves undefined and the kernel's verifier refuses when they pass the frame pointer. Reported
 * (E5016) with the local's declaration; true if so.
 */
function outsideItsLocal(fn: IrFunction, ctx: CompileContext, i: MemOp, size: number, insts: readonly Inst[], idx: number): boolean {
  const sides: [Address | undefined, string][] = i.kind === 'set' ? [[i.to, 'writes']] : i.kind === 'cmp' ? [[i.to, 'reads'], [i.from, 'reads']] : [[i.to, 'writes'], [i.from, 'reads']];
  for (const [address, verb] of sides) {
    const a = address && slotAddress(address, insts, idx);
    if (!a) continue;
    const slot = fn.slots.find((s) => s.id === a.slot);
    if (!slot || (a.off >= 0 && a.off + size <= slot.sizeBytes)) continue;
    const where = a.off === 0 ? `'${slot.name}'` : `offset ${a.off} of '${slot.name}'`;
    reportOnce(ctx, 'E5016', `'${i.builtin}' ${verb} ${size} bytes at ${where}, which has ${slot.sizeBytes} bytes`, i.span, i, [{ message: `'${slot.name}' is declared here`, span: slot.span }]);
    return true;
  }
  return false;
}

/** How far back slotAddress looks: an address computed further away is not checked. */
const MAX_ADDRESS_LOOKBACK = 64;

/**
 * The local and offset an address points into, if its block shows it: a slot address, or a
 * register whose last definition in the MAX_ADDRESS_LOOKBACK instructions before `idx` is a slot
 * address, a copy of one, or one plus a constant (the copies of an unrolled loop compute
 * `buf + 4 * i` so). The bound keeps a long unrolled block of memops linear.
 */
function slotAddress(a: Address, insts: readonly Inst[], idx: number): { slot: number; off: number } | undefined {
  if (a.kind === 'slot') return a;
  let reg = a.reg;
  let off = a.off;
  for (let k = idx - 1; k >= Math.max(0, idx - MAX_ADDRESS_LOOKBACK); k--) {
    const d = insts[k]!;
    if (d.op === 'asm') return undefined; // its outputs are not all in `dst`
    if (instDef(d) !== reg) continue;
    if (d.op === 'slotaddr') return { slot: d.slot, off: off + d.off };
    if (d.op === 'mov' && d.bits === 64 && d.src.kind === 'reg') reg = d.src.reg;
    else if (d.op === 'alu' && d.alu === 'add' && d.bits === 64 && d.a.kind === 'reg' && d.b.kind === 'imm') {
      reg = d.a.reg;
      off += Number(BigInt.asIntN(64, d.b.value));
    } else return undefined;
  }
  return undefined;
}

/** Once per code, source position and inlining path (unrolled copies of a loop share all three). */
function reportOnce(ctx: CompileContext, code: 'E5006' | 'E5016', message: string, span: Span, i: MemOp, extra: { message: string; span: Span }[] = []): void {
  const notes = [...extra, ...i.inlinedAt.map((c) => ({ message: `'${c.callee}' is inlined here`, span: c.span }))];
  const same = (a?: Span, b?: Span) => a?.file === b?.file && a?.start === b?.start;
  const dup = ctx.diags.list.some((d) => d.code === code && d.message === message && same(d.span, span) && d.notes.length === notes.length && d.notes.every((n, k) => same(n.span, notes[k]!.span)));
  if (!dup) ctx.diags.error(code, message, span, { notes });
}

/**
 * memcmp, as C defines it: bytes compared in order as unsigned char, the first difference
 * decides the sign. dst = a[j] - b[j] (32 bits) at each byte; a non-zero result ends the chain.
 * Emits the chain's first part into `b` and returns b's new terminator.
 */
function compareChain(fn: IrFunction, b: Block, i: MemOp, size: number, done: BlockId, newVReg: () => VReg): Block['term'] {
  const span = i.span;
  const dst = i.dst!;
  b.insts.push({ op: 'mov', bits: 64, dst, src: { kind: 'imm', value: 0n }, span });
  let cur = b;
  const terms: Block['term'][] = [];
  for (let off = 0; off < size; off++) {
    const x = newVReg();
    const y = newVReg();
    cur.insts.push(
      { op: 'load', size: 1, dst: x, addr: { ...i.to, off: i.to.off + off }, span },
      { op: 'load', size: 1, dst: y, addr: { ...i.from!, off: i.from!.off + off }, span },
      { op: 'alu', alu: 'sub', bits: 32, dst, a: { kind: 'reg', reg: x }, b: { kind: 'reg', reg: y }, span },
    );
    const next: Block = { id: fn.blocks.length, insts: [], term: { op: 'jmp', target: done, span } };
    fn.blocks.push(next);
    const t: Block['term'] = { op: 'br', cmp: 'ne', bits: 32, a: dst, b: { kind: 'imm', value: 0n }, then: done, else: next.id, span };
    if (cur === b) terms.push(t);
    else cur.term = t;
    cur = next;
  }
  return terms[0] ?? { op: 'jmp', target: done, span };
}
