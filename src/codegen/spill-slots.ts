// Stack-slot colouring: spill slots whose values are never live at the same time share one
// 8-byte slot, so that a function with many independent regions under register pressure needs
// as much stack as its worst region, not the sum of all of them (the verifier allows 512 bytes).
// Needs: register allocation done (spill slots are final). Changes: slot addresses of merged
// spill slots; a merged slot keeps its id with sizeBytes 0 (frame.ts gives it no bytes).
import type { Address, Inst, IrFunction } from '../ir/ir.js';
import { successors } from '../ir/ir.js';

/** The spill slot an instruction reads (a load) or writes (a store), if any. */
function spillAccess(i: Inst, spill: ReadonlySet<number>): { slot: number; write: boolean } | undefined {
  if (i.op === 'load' && i.addr.kind === 'slot' && spill.has(i.addr.slot)) return { slot: i.addr.slot, write: false };
  if (i.op === 'store' && i.addr.kind === 'slot' && spill.has(i.addr.slot)) return { slot: i.addr.slot, write: true };
  return undefined;
}

export function shareSpillSlots(fn: IrFunction): void {
  const spill = new Set(fn.slots.filter((s) => s.spill && s.sizeBytes === 8).map((s) => s.id));
  if (spill.size < 2) return;
  // Every other access to a spill slot (an address taken, a partial access) keeps it to itself.
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if (i.op === 'slotaddr') spill.delete(i.slot);
      if (i.op === 'atomic' && i.addr.kind === 'slot') spill.delete(i.addr.slot);
      if (i.op === 'memop') for (const a of memopAddresses(i)) if (a.kind === 'slot') spill.delete(a.slot);
      if ((i.op === 'load' || i.op === 'store') && i.addr.kind === 'slot' && (i.addr.off !== 0 || i.size !== 8)) spill.delete(i.addr.slot);
    }
  }
  if (spill.size < 2) return;

  // Liveness of the slots, like registers: a load reads its slot, a store writes all of it.
  const n = fn.blocks.length;
  const use: Set<number>[] = [];
  const def: Set<number>[] = [];
  for (const b of fn.blocks) {
    const u = new Set<number>();
    const d = new Set<number>();
    for (const i of b.insts) {
      const a = spillAccess(i, spill);
      if (a === undefined) continue;
      if (a.write) d.add(a.slot);
      else if (!d.has(a.slot)) u.add(a.slot);
    }
    use.push(u);
    def.push(d);
  }
  const liveIn: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  const liveOut: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  for (let changed = true; changed;) {
    changed = false;
    for (let k = n - 1; k >= 0; k--) {
      const out = liveOut[k]!;
      for (const s of successors(fn.blocks[k]!.term)) {
        for (const x of liveIn[s]!) {
          if (!out.has(x)) {
            out.add(x);
            changed = true;
          }
        }
      }
      const inn = liveIn[k]!;
      for (const x of [...use[k]!, ...[...out].filter((x) => !def[k]!.has(x))]) {
        if (!inn.has(x)) {
          inn.add(x);
          changed = true;
        }
      }
    }
  }

  // Two slots interfere when one is written while the other is live; slots live on entry to the
  // function (read before any write on some path) interfere with each other too.
  const interferes = new Map<number, Set<number>>([...spill].map((s) => [s, new Set<number>()]));
  const link = (a: number, b: number): void => {
    if (a === b) return;
    interferes.get(a)!.add(b);
    interferes.get(b)!.add(a);
  };
  fn.blocks.forEach((b, k) => {
    const live = new Set(liveOut[k]!);
    for (let j = b.insts.length - 1; j >= 0; j--) {
      const a = spillAccess(b.insts[j]!, spill);
      if (a === undefined) continue;
      if (a.write) {
        live.delete(a.slot);
        for (const x of live) link(a.slot, x);
      } else live.add(a.slot);
    }
  });
  const entry = [...(liveIn[0] ?? [])];
  for (const a of entry) for (const b of entry) link(a, b);

  // Greedy colouring in slot order: each slot takes the first representative it does not
  // interfere with (a representative interferes with everything merged into it).
  const reps: { id: number; members: Set<number> }[] = [];
  const target = new Map<number, number>();
  for (const s of [...spill].sort((a, b) => a - b)) {
    const mine = interferes.get(s)!;
    const rep = reps.find((r) => ![...r.members].some((m) => mine.has(m)));
    if (rep) {
      rep.members.add(s);
      target.set(s, rep.id);
    } else reps.push({ id: s, members: new Set([s]) });
  }
  if (target.size === 0) return;
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if ((i.op === 'load' || i.op === 'store') && i.addr.kind === 'slot') {
        const t = target.get(i.addr.slot);
        if (t !== undefined) i.addr = { ...i.addr, slot: t };
      }
    }
  }
  for (const [s] of target) fn.slots[s]!.sizeBytes = 0;
}

function memopAddresses(i: Inst & { op: 'memop' }): Address[] {
  return i.from ? [i.to, i.from] : [i.to];
}
