// Inline-assembly inputs that no definition reaches.
// Needs: nothing. Changes: the output operand of an asm statement that is also its input
// ("+r"(x)) keeps that input only if some definition of the input register reaches the asm. A
// variable never assigned on any path to it (`int op; asm("%[op] = *(u32 *)(%[skops] +96)" :
// [op] "+r"(op) : [skops] "r"(skops));` in the kernel's test_tcpbpf_kern.c) has an
// indeterminate value (C11 6.7.9p10): clang copies nothing into the operand's register, while a
// copy from a register nothing wrote is what the kernel rejects ("R8 !read_ok"). The operand
// becomes a plain output. Invalidates: liveness.
import type { BlockId, IrFunction, VReg } from '../ir/ir.js';
import { instDef } from '../ir/ir.js';
import { predecessors } from './loops.js';

export function dropUndefinedAsmInputs(fn: IrFunction): boolean {
  let changed = false;
  let preds: BlockId[][] | undefined;
  fn.blocks.forEach((b) => {
    b.insts.forEach((inst, k) => {
      if (inst.op !== 'asm') return;
      for (const o of inst.operands) {
        if (o.kind !== 'out' || o.init === undefined) continue;
        preds ??= predecessors(fn);
        if (reaches(fn, preds, o.init, b.id, k)) continue;
        delete o.init;
        changed = true;
      }
    });
  });
  return changed;
}

/** Whether a definition of `v` (or `v` as a parameter) reaches instruction `k` of block `bi`. */
function reaches(fn: IrFunction, preds: BlockId[][], v: VReg, bi: BlockId, k: number): boolean {
  if (fn.params.includes(v)) return true;
  const defines = (id: BlockId, end: number) => fn.blocks[id]!.insts.slice(0, end).some((i) => instDef(i) === v);
  if (defines(bi, k)) return true;
  const seen = new Set<BlockId>();
  const work = [...(preds[bi] ?? [])];
  while (work.length > 0) {
    const p = work.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    if (defines(p, fn.blocks[p]!.insts.length)) return true;
    work.push(...(preds[p] ?? []));
  }
  return false;
}
