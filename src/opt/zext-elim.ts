// Zero-extension elimination.
// Needs: nothing. Changes: a 32-bit move (`w1 = w2`, which clears the upper
// half) of a register whose every definition already leaves the upper half
// zero (loads of 4 bytes or less, 32-bit ALU results, 32-bit constants, a
// 64-bit shift right by 32 or more, a 64-bit and with a 32-bit mask)
// becomes a plain 64-bit move, which the register allocator can coalesce
// away; so, after those, does a 32-bit move of a number whose result is read
// only in its low half (readOnlyLow32). Invalidates: nothing.
import type { Block, Inst, IrFunction, Operand, VReg } from '../ir/ir.js';
import { instDef, instUses, reg, termUses } from '../ir/ir.js';
import { returnsLow32 } from '../bpf/prog-types.js';
import { countDefsAndUses } from './copy-prop.js';
import { scalarRegisters } from './bool-values.js';
import { contextStructOf } from '../sema/bpf-rules.js';

function clearsUpperHalf(i: Inst): boolean {
  switch (i.op) {
    case 'load':
      return i.size <= 4;
    case 'alu':
      if (i.bits === 32) return true;
      // `x >> 32` (logical) and `x & 0xffff` leave the upper half zero too
      if (i.alu === 'rsh' && i.b.kind === 'imm') return i.b.value >= 32n && i.b.value < 64n;
      if (i.alu === 'and') return (i.b.kind === 'imm' && BigInt.asUintN(64, i.b.value) <= 0xffffffffn) || (i.a.kind === 'imm' && BigInt.asUintN(64, i.a.value) <= 0xffffffffn);
      return false;
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
  // Then, on the code as it is now: a register whose every use reads only the low half needs no
  // clearing of the upper half, when it holds a number (`w1 = w2` of a pointer makes a number the
  // kernel accepts in a 4-byte store to the stack or in R0 at exit, where the pointer itself is
  // refused). Not in the same sweep: its register is no longer clean, and a move of it that the
  // sweep above made 64-bit reads all of it, so it is not such a register.
  const onlyLow = readOnlyLow32(fn);
  if (onlyLow.size === 0) return changed;
  const scalars = scalarRegisters(fn);
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if (i.op === 'mov' && i.bits === 32 && i.src.kind === 'reg' && onlyLow.has(i.dst) && scalars.has(i.src.reg)) {
        i.bits = 64;
        changed = true;
      }
    }
  }
  return changed;
}

/**
 * Registers whose every use reads only the low half: operands of 32-bit operations (ALU, moves,
 * compares, sign extensions from 32 bits or less, byte swaps), values stored in 4 bytes or less,
 * sources of 64-bit copies whose own readers read only the low half,
 * 32-bit variadic arguments of a helper call, and the value a program returns where the kernel
 * reads only the low half of the return value (`return bpf_redirect_map(...)` in an XDP program;
 * called functions keep their zero-extension, their callers read all 64 bits).
 */
function readOnlyLow32(fn: IrFunction): Set<number> {
  const low = new Set<number>();
  const wide = new Set<number>();
  const copies: [VReg, VReg][] = [];
  const use = (o: Operand | undefined, lowOnly: boolean) => {
    if (o?.kind === 'reg') (lowOnly ? low : wide).add(o.reg);
  };
  const retLow = fn.section !== '.text' && returnsLow32(fn.section, fn.source ? contextStructOf(fn.source) : undefined);
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      switch (i.op) {
        case 'alu':
          use(i.a, i.bits === 32);
          use(i.b, i.bits === 32);
          break;
        case 'mov':
          // A 64-bit copy reads its source as the copy's own readers do (settled below).
          if (i.bits === 64 && i.src.kind === 'reg') {
            copies.push([i.dst, i.src.reg]);
            low.add(i.src.reg);
          } else {
            use(i.src, i.bits === 32);
          }
          break;
        case 'neg':
          use(reg(i.a), i.bits === 32);
          break;
        case 'sext':
          use(reg(i.src), true);
          break;
        case 'bswap':
          use(reg(i.src), i.bits <= 32);
          break;
        case 'store':
          if (i.addr.kind === 'reg') wide.add(i.addr.reg);
          use(i.src, i.size <= 4);
          break;
        case 'call':
          i.args.forEach((a, k) => use(a, i.low32Args?.includes(k) === true));
          break;
        default:
          for (const u of instUses(i)) wide.add(u);
      }
    }
    const t = b.term;
    if (t.op === 'br') {
      use(reg(t.a), t.bits === 32);
      use(t.b, t.bits === 32);
    } else if (t.op === 'ret') {
      use(t.value, retLow);
    } else {
      for (const u of termUses(t)) wide.add(u);
    }
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const [d, src] of copies) {
      if (wide.has(d) && !wide.has(src)) {
        wide.add(src);
        grew = true;
      }
    }
  }
  for (const r of wide) low.delete(r);
  return low;
}

/**
 * Upper bounds of registers, from loads, masks, shifts and constants, combined over all
 * definitions of a register until they stop changing; undefined when they do not settle (as
 * around a loop). With `kernelVisible`, only bounds the kernel verifier's range tracking also
 * derives: a shift by a register, a division, a remainder or a byte swap gives no bound there.
 */
export function upperBounds(fn: IrFunction, kernelVisible: boolean): Map<number, bigint> | undefined {
  const ALL64 = (1n << 64n) - 1n;
  const ALL32 = (1n << 32n) - 1n;
  // The largest value of `bits` bits, without computing it for every operand: BigInt arithmetic
  // is slow, and the process runs without TurboFan.
  const fullOf = (bits: number): bigint => (bits === 64 ? ALL64 : bits === 32 ? ALL32 : (1n << BigInt(bits)) - 1n);
  const bound = new Map<number, bigint>();
  for (const p of fn.params) bound.set(p, ALL64);
  const defs: Inst[] = [];
  for (const b of fn.blocks) for (const i of b.insts) if (instDef(i) !== undefined) defs.push(i);
  const of = (o: { kind: 'reg'; reg: number } | { kind: 'imm'; value: bigint }, bits: number): bigint => {
    if (o.kind === 'imm') return BigInt.asUintN(bits, o.value);
    const b = bound.get(o.reg);
    if (b === undefined) return 0n;
    const full = fullOf(bits);
    return b > full ? full : b;
  };
  const defBound = (i: Inst): bigint => {
    switch (i.op) {
      case 'mov':
        return i.bits === 32 ? of(i.src, 32) : of(i.src, 64);
      case 'load':
        return fullOf(i.size * 8);
      case 'alu': {
        const full = fullOf(i.bits);
        const a = of(i.a, i.bits);
        const b = of(i.b, i.bits);
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
        return kernelVisible ? ALL64 : fullOf(i.bits);
      default:
        return ALL64;
    }
  };
  // Optimistic start (0) and growth to a fixpoint; values only grow, and the cap keeps it finite.
  // A definition none of whose registers changed since it was last evaluated gives the same bound
  // again, which cannot raise its register's: it is skipped, with the same result in the same
  // round (bounds take ~35 rounds to settle around a loop, and most definitions are done after one).
  const reads = defs.map((i): number[] => {
    if (i.op === 'mov') return i.src.kind === 'reg' ? [i.src.reg] : [];
    if (i.op !== 'alu') return [];
    const r: number[] = [];
    if (i.a.kind === 'reg') r.push(i.a.reg);
    if (i.b.kind === 'reg') r.push(i.b.reg);
    return r;
  });
  // A definition is stale when a register it reads grew after it was last evaluated: a growth
  // by an earlier definition of the round makes it stale in this round, by itself or a later
  // one in the next. Flags by definition for this round and the next say so, set by the growing
  // definition for the readers of its register, instead of each definition checking its
  // registers in every round.
  const readersOf: number[][] = []; // by register: the definitions that read it
  reads.forEach((rs, k) => {
    for (const r of rs) (readersOf[r] ??= []).push(k);
  });
  let thisRound = new Uint8Array(defs.length).fill(1); // all are evaluated in the first round
  let nextRound = new Uint8Array(defs.length);
  let again = true;
  for (let round = 0; again && round < 64; round++) {
    again = false;
    for (let k = 0; k < defs.length; k++) {
      if (thisRound[k] === 0) continue;
      thisRound[k] = 0;
      const i = defs[k]!;
      const d = instDef(i)!;
      const v = defBound(i);
      const old = bound.get(d) ?? 0n;
      if (v > old) {
        bound.set(d, round >= 32 ? ALL64 : v);
        again = true;
        for (const j of readersOf[d] ?? []) {
          if (j > k) thisRound[j] = 1;
          else nextRound[j] = 1;
        }
      }
    }
    // Every flag of this round was cleared on its way: it becomes the next round's.
    [thisRound, nextRound] = [nextRound, thisRound];
  }
  return again ? undefined : bound;
}

/**
 * Sign-extension elimination: `sext` of a value whose upper bound shows its
 * sign bit is clear (e.g. `(iph->ihl & 15) * 4` used as a 64-bit offset) is a
 * plain move.
 */
export function eliminateSignExtensions(fn: IrFunction): boolean {
  const bound = upperBounds(fn, false);
  if (bound === undefined) return false;
  let changed = false;
  for (const b of fn.blocks) {
    b.insts = b.insts.map((i): Inst => {
      if (i.op !== 'sext') return i;
      const limit = 1n << BigInt(i.fromBits - 1);
      const src = bound.get(i.src);
      if (src === undefined || src >= limit) return i;
      changed = true;
      return { op: 'mov', bits: 64, dst: i.dst, src: { kind: 'reg', reg: i.src }, span: i.span };
    });
  }
  return compareUnextended(fn, bound) || changed;
}

/**
 * Equality tests of sign-extended narrow values test the values themselves: `(int)ca == (int)cb`
 * of two chars is `ca == cb` on their bytes, and `(int)ca == -1` is `ca == 0xff`, when each
 * extended value's upper bits are clear (a byte load): extension is one-to-one. For 8- and 16-bit
 * extensions defined once, read only by 32-bit equality tests of a constant or of another such
 * extension; the tests then read a copy of the narrow value taken where it was extended, and the
 * extension goes (dce): a string compare of chars is a load and a test a byte, as clang makes it.
 */
function compareUnextended(fn: IrFunction, bound: Map<number, bigint>): boolean {
  const ext = new Map<VReg, { i: Inst & { op: 'sext' }; block: Block }>();
  const defs = new Map<VReg, number>();
  const uses = new Map<VReg, number>();
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      const d = instDef(i);
      for (const u of instUses(i)) uses.set(u, (uses.get(u) ?? 0) + 1);
      if (d === undefined) continue;
      defs.set(d, (defs.get(d) ?? 0) + 1);
      if (i.op === 'sext' && i.fromBits <= 16 && i.bits === 32) ext.set(d, { i, block: b });
    }
  }
  for (const p of fn.params) defs.set(p, (defs.get(p) ?? 0) + 1);
  const clean = (r: VReg): boolean => {
    const x = ext.get(r);
    if (!x || defs.get(r) !== 1 || (uses.get(r) ?? 0) > 0) return false; // read by an instruction
    const max = bound.get(x.i.src);
    return max !== undefined && max < 1n << BigInt(x.i.fromBits);
  };
  // The narrowed constant a test against `c` becomes, or undefined when no extension equals it.
  const narrowed = (c: bigint, fromBits: number): bigint | undefined => {
    const v = BigInt.asUintN(32, c);
    const half = 1n << BigInt(fromBits - 1);
    return v < half ? v : v >= (1n << 32n) - half ? v & ((half << 1n) - 1n) : undefined;
  };
  // The tests that may read the narrow values; a candidate read by any other test is dropped.
  const tests: Block[] = [];
  const dropped = new Set<VReg>();
  for (const b of fn.blocks) {
    const t = b.term;
    const read = termUses(t).filter((r) => ext.has(r));
    if (read.length === 0) continue;
    const ok = t.op === 'br' && (t.cmp === 'eq' || t.cmp === 'ne') && t.bits === 32 &&
      (t.b.kind === 'imm'
        ? narrowed(t.b.value, ext.get(t.a)?.i.fromBits ?? 0) !== undefined
        : clean(t.a) && clean(t.b.reg) && ext.get(t.a)!.i.fromBits === ext.get(t.b.reg)!.i.fromBits);
    if (ok) tests.push(b);
    else for (const r of read) dropped.add(r);
  }
  const raw = new Map<VReg, VReg>();
  const rawOf = (r: VReg): VReg => {
    let v = raw.get(r);
    if (v === undefined) {
      const { i, block } = ext.get(r)!;
      v = fn.vregCount++ as VReg;
      block.insts.splice(block.insts.indexOf(i), 0, { op: 'mov', bits: 64, dst: v, src: { kind: 'reg', reg: i.src }, span: i.span });
      raw.set(r, v);
    }
    return v;
  };
  const usable = (r: VReg) => clean(r) && !dropped.has(r);
  let changed = false;
  for (const b of tests) {
    const t = b.term;
    if (t.op !== 'br' || !usable(t.a)) continue;
    if (t.b.kind === 'imm') {
      b.term = { ...t, a: rawOf(t.a), b: { kind: 'imm', value: narrowed(t.b.value, ext.get(t.a)!.i.fromBits)! } };
    } else {
      if (!usable(t.b.reg)) continue;
      b.term = { ...t, a: rawOf(t.a), b: { kind: 'reg', reg: rawOf(t.b.reg) } };
    }
    changed = true;
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
  if (bound === undefined) return false;
  let changed = false;
  for (const b of fn.blocks) {
    b.insts = b.insts.map((i): Inst => {
      if (i.op !== 'alu' || i.alu !== 'and' || i.a.kind !== 'reg' || i.b.kind !== 'imm') return i;
      const mask = BigInt.asUintN(i.bits, i.b.value);
      if ((mask & (mask + 1n)) !== 0n) return i; // not of the form 2^k - 1
      const a = bound.get(i.a.reg);
      if (a === undefined || a > mask) return i;
      changed = true;
      return { op: 'mov', bits: 64, dst: i.dst, src: i.a, span: i.span };
    });
  }
  return changed;
}

/**
 * A mask that keeps the low 8, 16 or 32 bits of a value (or a 32-bit move, which keeps the low
 * 32), only stored in that many bytes or fewer (`hdr->u16_field = u32_value`,
 * `key.src = load_word(skb, off)`) goes: the store writes the value itself, as it keeps only its
 * low bytes anyway. Only when the mask's result has no other definition and no other use, and
 * its stores follow it in its block with the value unchanged in between; dead-code elimination
 * then drops the mask. Invalidates: liveness.
 */
export function dropMasksBeforeNarrowStores(fn: IrFunction): boolean {
  const { defs, uses } = countDefsAndUses(fn);
  const KEEP: ReadonlyMap<bigint, number> = new Map([[0xffn, 1], [0xffffn, 2], [0xffffffffn, 4]]);
  let changed = false;
  for (const b of fn.blocks) {
    b.insts.forEach((mask, k) => {
      let src: VReg;
      let bytes: number | undefined;
      if (mask.op === 'alu' && mask.alu === 'and' && mask.a.kind === 'reg' && mask.b.kind === 'imm') {
        src = mask.a.reg;
        bytes = KEEP.get(BigInt.asUintN(mask.bits, mask.b.value));
      } else if (mask.op === 'mov' && mask.bits === 32 && mask.src.kind === 'reg') {
        // `w1 = w2` keeps the low 4 bytes, as a mask of 0xffffffff
        src = mask.src.reg;
        bytes = 4;
      } else return;
      if (bytes === undefined || defs.get(mask.dst) !== 1 || src === mask.dst) return;
      const stores: (Inst & { op: 'store' })[] = [];
      for (let j = k + 1; j < b.insts.length && stores.length < uses.get(mask.dst); j++) {
        const i = b.insts[j]!;
        if (i.op === 'store' && i.src.kind === 'reg' && i.src.reg === mask.dst && i.size <= bytes && !(i.addr.kind === 'reg' && i.addr.reg === mask.dst)) stores.push(i);
        else if (instUses(i).includes(mask.dst)) return;
        if (instDef(i) === src) break;
      }
      if (stores.length === 0 || stores.length !== uses.get(mask.dst)) return;
      for (const s of stores) s.src = { kind: 'reg', reg: src };
      changed = true;
    });
  }
  return changed;
}
