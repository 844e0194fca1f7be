// Expansion of the memory builtins (memop instructions).
// Needs: constant propagation and unrolling before it, so that a size that
// comes from an inlined argument or a loop counter is an immediate by now.
// Changes: replaces each memcpy/memmove/memset by loads and stores of the
// widest width the alignment allows, and each memcmp by a byte-by-byte
// compare chain (new blocks, appended). A size or fill byte that is still not
// a constant is reported (E5006) and the memop is dropped. Invalidates:
// liveness; block order (run simplifyCfg afterwards).
import type { CompileContext } from '../context.js';
import type { Span } from '../diag/source.js';
import type { Block, BlockId, Inst, IrFunction, VReg } from '../ir/ir.js';
import { copyInsts, fillInsts } from '../ir/memory.js';
import { pushAll } from '../util/array.js';

type MemOp = Inst & { op: 'memop' };

/**
 * The largest memcpy/memmove/memset/memcmp expanded, in bytes: 8,192 8-byte stores or more,
 * far past any BPF object on the stack and a good part of the kernel's instruction limit.
 */
const MAX_MEMOP_BYTES = 65536;

export function expandMemOps(fn: IrFunction, ctx: CompileContext): void {
  const newVReg = (): VReg => fn.vregCount++ as VReg;
  // A memcmp splits its block; the rest is appended, so this loop reaches it too.
  for (let k = 0; k < fn.blocks.length; k++) expandBlock(fn, fn.blocks[k]!, ctx, newVReg);
}

function expandBlock(fn: IrFunction, b: Block, ctx: CompileContext, newVReg: () => VReg): void {
  const out: Inst[] = [];
  for (let idx = 0; idx < b.insts.length; idx++) {
    const i = b.insts[idx]!;
    if (i.op !== 'memop') {
      out.push(i);
      continue;
    }
    if (i.size.kind !== 'imm') {
      reportOnce(ctx, `the size passed to '${i.builtin}' is not a compile-time constant, even after inlining and constant propagation: BPF programs expand it into loads and stores`, i.sizeSpan, i);
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
    switch (i.kind) {
      case 'copy':
      case 'move':
        pushAll(out, copyInsts(i.to, i.from!, size, i.alignBytes, newVReg, i.span, i.kind === 'move'));
        break;
      case 'set':
        if (i.value!.kind !== 'imm') {
          reportOnce(ctx, `the fill byte passed to '${i.builtin}' is not a compile-time constant, even after inlining and constant propagation`, i.valueSpan ?? i.span, i);
          break;
        }
        pushAll(out, fillInsts(i.to, size, i.alignBytes, Number(i.value!.value & 0xffn), i.span));
        break;
      case 'cmp': {
        const rest: Block = { id: fn.blocks.length, insts: b.insts.slice(idx + 1), term: b.term };
        fn.blocks.push(rest);
        b.insts = out;
        b.term = compareChain(fn, b, i, size, rest.id, newVReg);
        return;
      }
      default: {
        const never: never = i.kind;
        return never;
      }
    }
  }
  b.insts = out;
}

/** E5006 once per source position and inlining path (unrolled copies of a loop share both). */
function reportOnce(ctx: CompileContext, message: string, span: Span, i: MemOp): void {
  const notes = i.inlinedAt.map((c) => ({ message: `'${c.callee}' is inlined here`, span: c.span }));
  const same = (a?: Span, b?: Span) => a?.file === b?.file && a?.start === b?.start;
  const dup = ctx.diags.list.some((d) => d.code === 'E5006' && d.message === message && same(d.span, span) && d.notes.length === notes.length && d.notes.every((n, k) => same(n.span, notes[k]!.span)));
  if (!dup) ctx.diags.error('E5006', message, span, { notes });
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
