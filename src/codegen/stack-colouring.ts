// Stack-slot colouring: which stack slots may share frame bytes, because their contents are
// never needed at the same time. A slot is active where some path from the entry has written it
// and some path onwards may still read it before overwriting all of it; two slots conflict when
// one is written where the other is active, or one instruction touches both. frame.ts then places
// non-conflicting slots over each other, so that a function that uses its locals in separate
// regions (inlined helpers, block scopes, unrolled iterations, spills under register pressure)
// needs as much stack as its worst region rather than the sum of all of them, as clang does with
// its lifetime markers. BPF programs have 512 bytes.
// Accesses through registers: a register holding a slot's address (slotaddr, or a copy or sum
// of one) is followed through the whole function, and a load, store or helper call through it
// accesses that slot where it runs (a helper reads and writes the memory it is given, during the
// call); so is one spilled and reloaded by the register allocator. An address that may outlive
// that view (stored to memory other than a spill slot, passed to a BPF-to-BPF call, a kfunc or
// inline assembly, given to a dynptr helper as the dynptr or as bpf_dynptr_from_mem's buffer,
// which the helper keeps) makes the slot conflict with all others. A spill slot that may hold a
// pointer never shares bytes with a local, as in clang: a local's unwritten bytes would otherwise
// read a spilled pointer, which the verifier refuses at any width but 8. One that only ever holds
// scalars may: the kernel reads part of a spilled scalar as a scalar, and a narrower store over
// it leaves the other bytes readable data (a function with 32-bit values spilled across helper
// calls needs no more stack than its locals and those values' overlapping lifetimes).
// Needs: register allocation done (spill slots are final).
import type { Address, Inst, IrFunction, Operand, VReg } from '../ir/ir.js';
import { instUses } from '../ir/ir.js';
import { solveBackward, solveForward } from '../ir/liveness.js';
import { helperKeepsArg } from '../bpf/helpers.js';

export interface SlotConflicts {
  /** Slots that some instruction accesses or takes the address of (the others need no bytes). */
  used: ReadonlySet<number>;
  /** True when slots `a` and `b` (a ≠ b) may not share a byte. */
  conflict(a: number, b: number): boolean;
  /** Slots that a load or atomic operation reads, directly or through a register (not only helpers). */
  loaded: ReadonlySet<number>;
  /**
   * The conflicts that sharing bytes would make wrong, without those `conflict` adds for the
   * kernel's sake (narrow map keys apart from spill slots and 8-byte locals): for a frame that does not fit otherwise.
   */
  conflictIfTight(a: number, b: number): boolean;
  /** Locals narrower than 8 bytes that only helpers read (map keys): see `narrowKey` below. */
  narrowKeys: ReadonlySet<number>;
}

interface SlotAccess {
  reads: number[];
  writes: number[];
  /** Writes that overwrite every byte of the slot. */
  kills: number[];
}

const NO_ACCESS: SlotAccess = { reads: [], writes: [], kills: [] };

export function slotConflicts(fn: IrFunction): SlotConflicts {
  const pointsTo = slotAddressRegisters(fn);
  const escaped = escapedSlots(fn, pointsTo);
  const used = new Set<number>();
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if (i.op === 'slotaddr') used.add(i.slot);
      for (const a of addressesOf(i)) if (a.kind === 'slot') used.add(a.slot);
    }
  }
  const accesses = fn.blocks.map((b) => b.insts.map((i) => slotAccess(fn, i, pointsTo)));
  const loaded = new Set<number>();
  fn.blocks.forEach((b, k) =>
    b.insts.forEach((i, j) => {
      if (i.op === 'load' || i.op === 'atomic' || (i.op === 'memop' && i.kind === 'cmp')) for (const s of accesses[k]![j]!.reads) loaded.add(s);
    }),
  );

  // Per block: slots read before being overwritten (use), overwritten (def), written at all (gen).
  const use: Set<number>[] = [];
  const def: Set<number>[] = [];
  const gen: Set<number>[] = [];
  for (const list of accesses) {
    const u = new Set<number>();
    const d = new Set<number>();
    const g = new Set<number>();
    for (const a of list) {
      for (const s of a.reads) if (!d.has(s)) u.add(s);
      for (const s of a.kills) d.add(s);
      for (const s of a.writes) g.add(s);
    }
    use.push(u);
    def.push(d);
    gen.push(g);
  }
  const liveOut = solveBackward(fn, use, def);
  const writtenIn = solveForward(fn, gen);

  const links = new Map<number, Set<number>>();
  const link = (a: number, b: number): void => {
    if (a === b) return;
    for (const [x, y] of [[a, b], [b, a]] as const) {
      let set = links.get(x);
      if (!set) links.set(x, (set = new Set<number>()));
      set.add(y);
    }
  };
  fn.blocks.forEach((_, k) => {
    const list = accesses[k]!;
    // Live after each instruction, walking backwards from the block's end.
    const liveAfter: Set<number>[] = new Array<Set<number>>(list.length);
    const live = new Set(liveOut[k]!);
    for (let j = list.length - 1; j >= 0; j--) {
      const a = list[j]!;
      // Only a write looks at what is live after it: the other instructions keep no copy.
      if (a.writes.length > 0) liveAfter[j] = new Set(live);
      for (const s of a.kills) live.delete(s);
      for (const s of a.reads) live.add(s);
    }
    const written = new Set(writtenIn[k]!);
    list.forEach((a, j) => {
      if (a === NO_ACCESS) return;
      const touched = [...a.reads, ...a.writes];
      for (const x of touched) for (const y of touched) link(x, y);
      if (a.writes.length > 0) {
        // Active just before or just after this instruction.
        const after = liveAfter[j]!;
        const active = new Set<number>();
        for (const s of after) if (written.has(s) || a.writes.includes(s)) active.add(s);
        for (const s of a.reads) if (written.has(s)) active.add(s);
        for (const w of a.writes) for (const s of active) link(w, s);
      }
      for (const s of a.writes) written.add(s);
    });
  });

  const spill = new Set(fn.slots.filter((s) => s.spill).map((s) => s.id));
  const scalarSpills = scalarOnlySpills(fn);
  const mayHoldPointer = (s: number): boolean => spill.has(s) && !scalarSpills.has(s);
  // A local narrower than 8 bytes that only helpers read (a map key): the kernel's stack liveness
  // counts a slot as overwritten only by an aligned 8-byte store, so such a key's stores never end
  // what the slot held before. Sharing bytes with a spill slot, it would keep a spilled value alive
  // in the kernel's eyes from the spill to the key's last use, and paths that spilled different
  // values (or none) would not prune against each other.
  const narrowKey = (s: number): boolean => !spill.has(s) && (fn.slots[s]?.sizeBytes ?? 8) < 8 && !loaded.has(s);
  // So is an 8-byte local, which an 8-byte store writes as the kernel writes a spill (a timestamp
  // given to bpf_map_update_elem as its value, stored on one path only).
  const word = (s: number): boolean => !spill.has(s) && fn.slots[s]?.sizeBytes === 8;
  const conflict = (a: number, b: number): boolean =>
    escaped.has(a) || escaped.has(b) || (spill.has(a) !== spill.has(b) && (mayHoldPointer(a) || mayHoldPointer(b))) || (links.get(a)?.has(b) ?? false);
  return {
    used,
    loaded,
    narrowKeys: new Set([...used].filter(narrowKey)),
    conflict: (a, b) => conflict(a, b) || (spill.has(a) !== spill.has(b) && (narrowKey(a) || narrowKey(b))) || (narrowKey(a) && word(b)) || (narrowKey(b) && word(a)),
    conflictIfTight: conflict,
  };
}

/**
 * Spill slots that only ever hold scalars: every register stored in them is defined only by
 * instructions whose result the kernel tracks as a scalar whatever their operands (32-bit moves
 * and ALU operations, constants, byte and half-word loads, which no context field is, sign
 * extensions, byte swaps, legacy packet loads), by 64-bit copies and ALU operations of such
 * registers, or by reloads from such slots. Parameters, helper and function results, 4- and
 * 8-byte loads (a context field may be a packet pointer) and inline assembly may be pointers.
 * Greatest fixed point: a register starts scalar and loses it when a definition may not be.
 */
function scalarOnlySpills(fn: IrFunction): Set<number> {
  const defs = new Map<VReg, Inst[]>();
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      const d = 'dst' in i ? i.dst : undefined;
      if (d === undefined) continue;
      let list = defs.get(d);
      if (!list) defs.set(d, (list = []));
      list.push(i);
    }
  }
  const stored = new Map<number, VReg[]>();
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      const s = spillAccess(fn, i);
      if (s === undefined) continue;
      if (!stored.has(s)) stored.set(s, []);
      if (i.op === 'store') {
        if (i.src.kind === 'reg') stored.get(s)!.push(i.src.reg);
      }
    }
  }
  const notScalar = new Set<VReg>(fn.params);
  const spills = new Set(stored.keys());
  const isScalar = (o: Operand): boolean => o.kind !== 'reg' || !notScalar.has(o.reg);
  const scalarDef = (i: Inst): boolean => {
    switch (i.op) {
      case 'mov':
        return i.bits === 32 || isScalar(i.src);
      case 'alu':
        return i.bits === 32 || (isScalar(i.a) && isScalar(i.b));
      case 'neg':
      case 'sext':
      case 'bswap':
      case 'ldabs':
        return true;
      case 'load': {
        const s = spillAccess(fn, i);
        return s !== undefined ? spills.has(s) : i.size < 4;
      }
      default:
        return false;
    }
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const [v, list] of defs) {
      if (!notScalar.has(v) && !list.every(scalarDef)) {
        notScalar.add(v);
        changed = true;
      }
    }
    for (const [s, regs] of stored) {
      if (spills.has(s) && regs.some((r) => notScalar.has(r) || !defs.has(r))) {
        spills.delete(s);
        changed = true;
      }
    }
  }
  return spills;
}

/** Instructions whose result may be the address of a slot, or computed from one. */
const ADDRESS_ARITHMETIC: ReadonlySet<Inst['op']> = new Set<Inst['op']>(['slotaddr', 'mov', 'alu', 'neg', 'sext', 'bswap', 'asm']);

/**
 * For each register that may hold the address of a slot (plus an offset), the slots it may point
 * into. A spill slot passes on what it holds: the register allocator spills such an address and
 * reloads it, and nothing else reads or writes a spill slot.
 */
function slotAddressRegisters(fn: IrFunction): Map<VReg, Set<number>> {
  const pointsTo = new Map<VReg, Set<number>>();
  const spilled = new Map<number, Set<number>>();
  const add = <K>(map: Map<K, Set<number>>, key: K, slots: Iterable<number>): boolean => {
    let set = map.get(key);
    let grew = false;
    for (const s of slots) {
      if (!set) map.set(key, (set = new Set<number>()));
      if (!set.has(s)) {
        set.add(s);
        grew = true;
      }
    }
    return grew;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const b of fn.blocks) {
      for (const i of b.insts) {
        const spill = spillAccess(fn, i);
        if (spill !== undefined && i.op === 'store' && i.src.kind === 'reg') {
          if (add(spilled, spill, pointsTo.get(i.src.reg) ?? [])) changed = true;
        } else if (spill !== undefined && i.op === 'load') {
          if (add(pointsTo, i.dst, spilled.get(spill) ?? [])) changed = true;
        }
        // Any other load gives no slot address (storing one makes the slot escape); neither do
        // helpers (none returns an address into the memory it is given) nor calls. Inline
        // assembly's output may be computed from any of its inputs (those slots escape anyway).
        if (!ADDRESS_ARITHMETIC.has(i.op) || !('dst' in i) || i.dst === undefined) continue;
        const slots = i.op === 'slotaddr' ? [i.slot] : instUses(i).flatMap((r) => [...(pointsTo.get(r) ?? [])]);
        if (add(pointsTo, i.dst, slots)) changed = true;
      }
    }
  }
  return pointsTo;
}

/** The spill slot a load or store reaches, if it is one (only whole 8-byte accesses reach them). */
function spillAccess(fn: IrFunction, i: Inst): number | undefined {
  if ((i.op === 'load' || i.op === 'store') && i.addr.kind === 'slot' && fn.slots[i.addr.slot]?.spill) return i.addr.slot;
  return undefined;
}

/** Slots whose address may be used where this function cannot see it. */
function escapedSlots(fn: IrFunction, pointsTo: Map<VReg, Set<number>>): Set<number> {
  const escaped = new Set<number>();
  const regs = (...ops: (Operand | undefined)[]): VReg[] => ops.flatMap((o) => (o?.kind === 'reg' ? [o.reg] : []));
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      let leaving: VReg[] = [];
      switch (i.op) {
        case 'store':
          if (spillAccess(fn, i) === undefined) leaving = regs(i.src);
          break;
        case 'atomic':
          leaving = i.expected === undefined ? [i.src] : [i.src, i.expected];
          break;
        case 'memop':
          leaving = regs(i.value, i.size);
          break;
        case 'call':
          leaving = regs(...i.args.filter((_, k) => helperKeepsArg(i.helper, k)));
          break;
        case 'callfn':
        case 'asm':
        case 'ldabs':
          leaving = instUses(i);
          break;
        default:
          break;
      }
      for (const r of leaving) for (const s of pointsTo.get(r) ?? []) escaped.add(s);
    }
  }
  return escaped;
}


function addressesOf(i: Inst): Address[] {
  switch (i.op) {
    case 'load':
    case 'store':
    case 'atomic':
      return [i.addr];
    case 'memop':
      return i.from ? [i.to, i.from] : [i.to];
    default:
      return [];
  }
}

/** The slots an instruction reads and writes, directly or through a register. */
function slotAccess(fn: IrFunction, i: Inst, pointsTo: Map<VReg, Set<number>>): SlotAccess {
  const at = (a: Address): number[] => (a.kind === 'slot' ? [a.slot] : [...(pointsTo.get(a.reg) ?? [])]);
  const via = (ops: Operand[]): number[] => [...new Set(ops.flatMap((o) => (o.kind === 'reg' ? [...(pointsTo.get(o.reg) ?? [])] : [])))];
  switch (i.op) {
    case 'load':
      return { reads: at(i.addr), writes: [], kills: [] };
    case 'store': {
      const whole = i.addr.kind === 'slot' && i.addr.off === 0 && (fn.slots[i.addr.slot]?.sizeBytes ?? Infinity) <= i.size;
      return { reads: [], writes: at(i.addr), kills: whole ? at(i.addr) : [] };
    }
    case 'atomic':
      return { reads: at(i.addr), writes: at(i.addr), kills: [] };
    case 'memop': {
      const to = at(i.to);
      const from = i.from ? at(i.from) : [];
      return i.kind === 'cmp' ? { reads: [...to, ...from], writes: [], kills: [] } : { reads: from, writes: to, kills: [] };
    }
    case 'call': {
      const slots = via(i.args);
      return slots.length > 0 ? { reads: slots, writes: slots, kills: [] } : NO_ACCESS;
    }
    default:
      return NO_ACCESS;
  }
}
