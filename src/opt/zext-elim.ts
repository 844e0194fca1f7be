// Zero-extension elimination.
// Needs: nothing. Changes: a 32-bit move (`w1 = w2`, which clears the upper
// half) of a register whose every definition already leaves the upper half
// zero (loads of 4 bytes or less, 32-bit ALU results, 32-bit constants)
// becomes a plain 64-bit move, which the register allocator can coalesce
// away. Invalidates: nothing.
import type { Inst, IrFunction, Operand, VReg } from '../ir/ir.js';
import { instDef, successors } from '../ir/ir.js';

function clearsUpperHalf(i: Inst): boolean {
  switch (i.op) {
    case 'load':
      return i.size <= 4;
    case 'alu':
    case 'neg':
      return i.bits === 32;
    case 'sext':
      return i.bits === 32;
    case 'bswap':
      return i.bits <= 32;
    case 'mov':
      return i.bits === 32 || (i.src.kind === 'imm' && BigInt.asUintN(64, i.src.value) <= 0xffffffffn);
    default:
      return false;
  }
}

export function eliminateZeroExtensions(fn: IrFunction): boolean {
  // Greatest fixpoint: assume every register clean, then clear those with a
  // definition that may set the upper half (a 64-bit copy is as clean as its source).
  const clean = new Map<number, boolean>();
  for (const p of fn.params) clean.set(p, false);
  const defs: Inst[] = [];
  for (const b of fn.blocks) for (const i of b.insts) if (instDef(i) !== undefined) defs.push(i);
  for (let again = true; again; ) {
    again = false;
    for (const i of defs) {
      const d = instDef(i)!;
      if (clean.get(d) === false) continue;
      const ok = i.op === 'mov' && i.bits === 64 && i.src.kind === 'reg' ? clean.get(i.src.reg) !== false : clearsUpperHalf(i);
      if (!ok) {
        clean.set(d, false);
        again = true;
      }
    }
  }
  let changed = false;
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if (i.op === 'mov' && i.bits === 32 && i.src.kind === 'reg' && clean.get(i.src.reg) !== false) {
        i.bits = 64;
        changed = true;
      }
    }
  }
  return changed;
}

/**
 * Upper bounds of the values registers hold where an instruction reads them, from loads, masks,
 * shifts and constants. The IR is not in SSA form (a variable is one register, written on every
 * path and in every unrolled iteration), so bounds belong to definitions: a read sees the
 * definitions that reach it (a forward data-flow that a write of the register kills), and a
 * definition's bound grows from its operands' until nothing changes. One that keeps growing (a
 * counter around a loop) goes to all ones after 32 rounds. With `kernelVisible`, only bounds the
 * kernel verifier's range tracking also derives: a shift by a register, a division, a remainder
 * or a byte swap gives no bound there. The kernel follows each path on its own, so its bound of
 * a value on any path is at most the largest over the definitions that reach it.
 */
function upperBounds(fn: IrFunction, kernelVisible: boolean): (i: Inst, r: VReg) => bigint {
  const ALL64 = (1n << 64n) - 1n;
  // Definitions: the parameters (at the entry), then every instruction that writes a register.
  const defInst: (Inst | undefined)[] = [];
  const defsOfReg = new Map<number, number[]>();
  const addDef = (i: Inst | undefined, r: number): number => {
    const id = defInst.length;
    defInst.push(i);
    let list = defsOfReg.get(r);
    if (!list) defsOfReg.set(r, (list = []));
    list.push(id);
    return id;
  };
  for (const p of fn.params) addDef(undefined, p);
  const idOf = new Map<Inst, number>();
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      const d = instDef(i);
      if (d !== undefined) idOf.set(i, addDef(i, d));
    }
  }
  const reaching = reachingDefinitions(fn, idOf, defsOfReg);

  // The definitions that reach each register operand of the instructions that matter here.
  const readsAt = new Map<Inst, Map<number, number[]>>();
  fn.blocks.forEach((b, k) => {
    const local = new Map<number, number>();
    for (const i of b.insts) {
      const regs = boundOperands(i);
      if (regs.length > 0) {
        const m = new Map<number, number[]>();
        for (const r of regs) {
          const mine = local.get(r);
          const all = defsOfReg.get(r) ?? [];
          m.set(r, mine !== undefined ? [mine] : all.length === 1 ? all : all.filter((x) => reaching[k]!.has(x)));
        }
        readsAt.set(i, m);
      }
      const d = instDef(i);
      if (d !== undefined) local.set(d, idOf.get(i)!);
    }
  });

  const bound: bigint[] = defInst.map((i) => (i === undefined ? ALL64 : 0n));
  const of = (i: Inst, o: Operand, bits: number): bigint => {
    const full = (1n << BigInt(bits)) - 1n;
    if (o.kind === 'imm') return BigInt.asUintN(bits, o.value);
    const ids = readsAt.get(i)?.get(o.reg) ?? [];
    if (ids.length === 0) return full; // read before any write: anything
    let m = 0n;
    for (const x of ids) if (bound[x]! > m) m = bound[x]!;
    return m > full ? full : m;
  };
  const defBound = (i: Inst): bigint => {
    switch (i.op) {
      case 'mov':
        return i.bits === 32 ? of(i, i.src, 32) : of(i, i.src, 64);
      case 'load':
        return (1n << BigInt(i.size * 8)) - 1n;
      case 'alu': {
        const full = (1n << BigInt(i.bits)) - 1n;
        const a = of(i, i.a, i.bits);
        const b = of(i, i.b, i.bits);
        const capped = (v: bigint) => (v > full ? full : v);
        switch (i.alu) {
          case 'and':
            return a < b ? a : b;
          case 'or':
          case 'xor': {
            const m = a > b ? a : b;
            return capped((1n << BigInt(m.toString(2).length)) - 1n);
          }
          case 'add':
            return capped(a + b);
          case 'mul':
            return capped(a * b);
          case 'lsh':
            return i.b.kind === 'imm' ? capped(a << BigInt.asUintN(6, i.b.value)) : full;
          case 'rsh':
            return kernelVisible && i.b.kind !== 'imm' ? full : a;
          case 'div':
            return kernelVisible ? full : a;
          case 'mod':
            if (kernelVisible) return full;
            return i.b.kind === 'imm' && i.b.value > 0n ? (b - 1n < a ? b - 1n : a) : a;
          default:
            return full;
        }
      }
      case 'bswap':
        return kernelVisible ? ALL64 : (1n << BigInt(i.bits)) - 1n;
      default:
        return ALL64;
    }
  };
  // Optimistic start (0) and growth to a fixed point over a worklist: a definition is evaluated
  // again only when one that reaches its operands grew.
  const readers: number[][] = defInst.map(() => []);
  for (const [i, m] of readsAt) {
    const id = idOf.get(i);
    if (id === undefined) continue;
    for (const ids of m.values()) for (const x of ids) readers[x]!.push(id);
  }
  const growths = new Uint8Array(defInst.length);
  const queued = new Uint8Array(defInst.length);
  const work: number[] = [];
  for (let x = defInst.length - 1; x >= 0; x--) {
    if (defInst[x] === undefined) continue;
    work.push(x);
    queued[x] = 1;
  }
  while (work.length > 0) {
    const x = work.pop()!;
    queued[x] = 0;
    const v = defBound(defInst[x]!);
    if (v <= bound[x]!) continue;
    bound[x] = ++growths[x]! > 32 ? ALL64 : v;
    for (const y of readers[x]!) {
      if (!queued[y]) {
        queued[y] = 1;
        work.push(y);
      }
    }
  }
  return (i, r) => of(i, { kind: 'reg', reg: r }, 64);
}

/** The registers whose bounds `upperBounds` needs where this instruction reads them. */
function boundOperands(i: Inst): number[] {
  switch (i.op) {
    case 'mov':
      return i.src.kind === 'reg' ? [i.src.reg] : [];
    case 'alu': {
      const r: number[] = [];
      if (i.a.kind === 'reg') r.push(i.a.reg);
      if (i.b.kind === 'reg' && !r.includes(i.b.reg)) r.push(i.b.reg);
      return r;
    }
    case 'sext':
      return [i.src];
    default:
      return [];
  }
}

/**
 * For each block, the definitions (ids from `idOf`, parameters at the entry) that reach its
 * start: out[b] = the last definition of each register in b, plus those of in[b] whose register
 * b does not write. Only registers with more than one definition are followed: a read of any
 * other sees its one definition (or none, where C leaves it indeterminate).
 */
function reachingDefinitions(fn: IrFunction, idOf: ReadonlyMap<Inst, number>, defsOfReg: ReadonlyMap<number, number[]>): Set<number>[] {
  const n = fn.blocks.length;
  const writes: Set<number>[] = [];
  const gen: number[][] = [];
  const regOf = new Map<number, number>();
  for (const [r, ids] of defsOfReg) for (const x of ids) regOf.set(x, r);
  for (const b of fn.blocks) {
    const last = new Map<number, number>();
    for (const i of b.insts) {
      const d = instDef(i);
      if (d !== undefined && defsOfReg.get(d)!.length > 1) last.set(d, idOf.get(i)!);
    }
    writes.push(new Set(last.keys()));
    gen.push([...last.values()]);
  }
  const into: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  const pending: number[][] = Array.from({ length: n }, () => []);
  const queued = new Uint8Array(n);
  const work: number[] = [];
  const arrive = (s: number, items: Iterable<number>): void => {
    const target = into[s]!;
    let grew = false;
    for (const x of items) {
      if (target.has(x)) continue;
      target.add(x);
      pending[s]!.push(x);
      grew = true;
    }
    if (grew && !queued[s]) {
      queued[s] = 1;
      work.push(s);
    }
  };
  const succs = fn.blocks.map((b) => successors(b.term));
  for (let k = 0; k < n; k++) for (const s of succs[k]!) arrive(s, gen[k]!);
  // The parameters' definitions are the first ids.
  if (n > 0) arrive(0, fn.params.flatMap((p, k) => (defsOfReg.get(p)!.length > 1 ? [k] : [])));
  while (work.length > 0) {
    const k = work.pop()!;
    queued[k] = 0;
    const items = pending[k]!.filter((x) => !writes[k]!.has(regOf.get(x)!));
    pending[k] = [];
    for (const s of succs[k]!) arrive(s, items);
  }
  return into;
}

/**
 * Sign-extension elimination: `sext` of a value whose upper bound shows its
 * sign bit is clear (e.g. `(iph->ihl & 15) * 4` used as a 64-bit offset) is a
 * plain move.
 */
export function eliminateSignExtensions(fn: IrFunction): boolean {
  if (!fn.blocks.some((b) => b.insts.some((i) => i.op === 'sext'))) return false;
  const bound = upperBounds(fn, false);
  let changed = false;
  for (const b of fn.blocks) {
    b.insts = b.insts.map((i): Inst => {
      if (i.op !== 'sext') return i;
      const limit = 1n << BigInt(i.fromBits - 1);
      if (bound(i, i.src) >= limit) return i;
      changed = true;
      return { op: 'mov', bits: 64, dst: i.dst, src: { kind: 'reg', reg: i.src }, span: i.span };
    });
  }
  return changed;
}

/**
 * Redundant-mask elimination: `x & 0xffff` (a mask of low bits) of a value whose upper bound is
 * within the mask is a plain move, as after `(be16 p->tci & 0xfff)` truncated to a __u16. Only
 * bounds the kernel verifier derives as well count, so no pointer offset or index loses a bound
 * the verifier needs.
 */
export function eliminateRedundantMasks(fn: IrFunction): boolean {
  const bound = upperBounds(fn, true);
  let changed = false;
  for (const b of fn.blocks) {
    b.insts = b.insts.map((i): Inst => {
      if (i.op !== 'alu' || i.alu !== 'and' || i.a.kind !== 'reg' || i.b.kind !== 'imm') return i;
      const mask = BigInt.asUintN(i.bits, i.b.value);
      if ((mask & (mask + 1n)) !== 0n) return i; // not of the form 2^k - 1
      if (bound(i, i.a.reg) > mask) return i;
      changed = true;
      return { op: 'mov', bits: 64, dst: i.dst, src: i.a, span: i.span };
    });
  }
  return changed;
}
