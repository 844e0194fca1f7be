// Reads of narrow values packed into a word, as the values themselves.
// Needs: nothing. Changes: an ALU operation or 32-bit move whose result is, bit for bit, a value
// another register already holds becomes a copy of that register (of its operand, when the
// operation leaves that as it is). The values are followed as bit
// pieces (bits of a register, shifted into place, or-ed together, masked) through shifts by
// constants, ors, ands with constants and copies. Scalar replacement keeps a struct whose bytes
// are copied as 8-byte words (passed by value to an inlined function) as one register per word:
// a byte field stored into it is `w = x << 48`, and read back `(w >> 48) & 255`, which is x again.
// As a copy of x, every test of the field tests one register, so the facts a test gives (the
// kernel's ranges, this compiler's jump threading) hold for the next test of it; as a new value
// each time, nothing carries over (zfw's `event.proto`, tested before a socket lookup and again
// after it). Bounds are the kernel's own (upperBounds with kernelVisible): a register known to
// fit in 8 bits is one the kernel knows so too. The register substituted and those its bits come
// from are written once, and their definitions dominate, in that order, the replaced instruction:
// so none of them is written again in between, in a loop too. A field that branches in several
// blocks test and no register holds is computed once, in the blocks' nearest common dominator
// (or in the first of them, if it is one), and each test reads it. Invalidates: liveness.
import type { Inst, IrFunction, VReg } from '../ir/ir.js';
import { definitionsByRegister, instDef } from '../ir/ir.js';
import { dominators, predecessors, reversePostOrder } from './loops.js';
import { upperBounds } from './zext-elim.js';

/** Bits [from, from + width) of register r, at bit `at` of the value. */
interface Piece {
  r: VReg;
  from: number;
  at: number;
  width: number;
}

/** A value as the OR of its pieces and of constant bits. */
interface Bits {
  pieces: Piece[];
  constant: bigint;
}

const ALL64 = (1n << 64n) - 1n;
const LOW32 = 0xffffffffn;
/** More pieces than this, and the value is not followed. */
const MAX_PIECES = 8;

export function extractFields(fn: IrFunction): boolean {
  // Only a shift by a constant packs or unpacks a field.
  if (!fn.blocks.some((b) => b.insts.some((i) => i.op === 'alu' && (i.alu === 'rsh' || i.alu === 'lsh') && i.b.kind === 'imm'))) return false;
  const defs = definitionsByRegister(fn);
  const once = (r: VReg) => (fn.params.includes(r) ? !defs.has(r) : defs.get(r)?.length === 1);
  const bounds = upperBounds(fn, true);
  const widthOf = (r: VReg): number => {
    const b = bounds?.get(r);
    return b === undefined ? 64 : Math.min(64, b.toString(2).length);
  };
  const preds = predecessors(fn);
  const dom = dominators(fn, preds);
  const isParam = (r: VReg) => fn.params.includes(r) && !defs.has(r);
  /** Whether a definition at `a` dominates `b`. */
  const before = (a: { block: number; index: number } | undefined, b: { block: number; index: number }) => a !== undefined && (a.block === b.block ? a.index < b.index : dom.dominates(a.block, b.block));
  // Where each register written once is defined: block and index.
  const defAt = new Map<VReg, { block: number; index: number }>();
  // The bits of each register written once, and the first such register to hold each value.
  const known = new Map<VReg, Bits>();
  const holder = new Map<string, VReg>();
  const leaf = (r: VReg): Bits => {
    const w = widthOf(r);
    return w === 0 ? { pieces: [], constant: 0n } : { pieces: [{ r, from: 0, at: 0, width: w }], constant: 0n };
  };
  let changed = false;
  // Fields tested by branches in several blocks, no register holding them: where, by value.
  const tested = new Map<string, { block: number; index: number; piece: Piece }[]>();
  for (const id of reversePostOrder(fn)) {
    const b = fn.blocks[id]!;
    // Registers written more than once, as of this point of the block.
    const local = new Map<VReg, Bits | null>();
    const bitsOf = (r: VReg): Bits | null => {
      if (local.has(r)) return local.get(r)!;
      if (!once(r)) return null;
      const k = known.get(r);
      return k !== undefined ? k : leaf(r);
    };
    b.insts.forEach((i, index) => {
      const d = instDef(i);
      if (d === undefined) return;
      const bits = evaluate(i, bitsOf);
      if (bits !== null) {
        const key = keyOf(bits);
        // The operand itself, when the operation leaves it as it is (a mask of bits already clear).
        const source = i.op === 'alu' && i.a.kind === 'reg' ? i.a.reg : i.op === 'mov' && i.src.kind === 'reg' ? i.src.reg : undefined;
        const sourceBits = source === undefined || source === d ? null : bitsOf(source);
        const same = sourceBits !== null && keyOf(sourceBits) === key ? source : undefined;
        const x = same ?? wholeRegister(bits, widthOf) ?? holder.get(key);
        const at = x === undefined ? undefined : defAt.get(x);
        const available = x !== undefined && (x === same || isParam(x) || (at !== undefined && before(at, { block: id, index }) && (x === bits.pieces[0]?.r || bits.pieces.every((p) => isParam(p.r) || before(defAt.get(p.r), at)))));
        if (x !== undefined && x !== d && available && (i.op === 'alu' || (i.op === 'mov' && i.bits === 32))) {
          b.insts[index] = { op: 'mov', bits: 64, dst: d, src: { kind: 'reg', reg: x }, span: i.span };
          changed = true;
        } else if (i.op === 'alu' && b.term.op === 'br' && b.term.a === d && bits.pieces.length === 1 && bits.constant === 0n && bits.pieces[0]!.at === 0 && !b.insts.slice(index + 1).some((j) => instDef(j) === d)) {
          // A field the block's branch tests, which no register holds where it is needed.
          const list = tested.get(key);
          const site = { block: id, index, piece: bits.pieces[0]! };
          if (list === undefined) tested.set(key, [site]);
          else list.push(site);
        }
        if (once(d) && !holder.has(key)) holder.set(key, d);
      }
      if (once(d)) {
        known.set(d, bits === null ? leaf(d) : bits);
        defAt.set(d, { block: id, index });
      } else {
        local.set(d, bits);
      }
    });
  }
  // Each field tested in several blocks is computed once, and the tests read that register: what
  // one test tells then holds at the next (a protocol tested before a socket lookup and again
  // after it), for the kernel as for jump threading.
  const inserts: { block: number; index: number; insts: Inst[] }[] = [];
  for (const sites of tested.values()) {
    if (new Set(sites.map((s) => s.block)).size < 2) continue;
    let top = sites[0]!.block;
    for (const s of sites) while (!dom.dominates(top, s.block)) top = dom.idom[top]!;
    const { r, from, width } = sites[0]!.piece;
    const here = sites.filter((s) => s.block === top).sort((x, y) => x.index - y.index)[0];
    const index = here?.index ?? fn.blocks[top]!.insts.length;
    if (!isParam(r) && !before(defAt.get(r), { block: top, index })) continue;
    const span = fn.blocks[sites[0]!.block]!.insts[sites[0]!.index]!.span;
    const insts: Inst[] = [];
    let value = r;
    if (from > 0) {
      const shifted = fn.vregCount++ as VReg;
      insts.push({ op: 'alu', alu: 'rsh', bits: 64, dst: shifted, a: { kind: 'reg', reg: value }, b: { kind: 'imm', value: BigInt(from) }, span });
      value = shifted;
    }
    if (width < widthOf(r) - from) {
      const masked = fn.vregCount++ as VReg;
      insts.push({ op: 'alu', alu: 'and', bits: 64, dst: masked, a: { kind: 'reg', reg: value }, b: { kind: 'imm', value: (1n << BigInt(width)) - 1n }, span });
      value = masked;
    }
    if (value === r) continue;
    for (const s of sites) {
      const i = fn.blocks[s.block]!.insts[s.index]!;
      fn.blocks[s.block]!.insts[s.index] = { op: 'mov', bits: 64, dst: instDef(i)!, src: { kind: 'reg', reg: value }, span: i.span };
    }
    inserts.push({ block: top, index, insts });
    changed = true;
  }
  // Later positions first, so that earlier ones stay where they were found.
  inserts.sort((x, y) => y.index - x.index);
  for (const { block, index, insts } of inserts) fn.blocks[block]!.insts.splice(index, 0, ...insts);
  return changed;
}

/** The register the value is, whole: all its bits in place and nothing else. */
function wholeRegister(v: Bits, widthOf: (r: VReg) => number): VReg | undefined {
  const p = v.pieces[0];
  if (v.pieces.length !== 1 || v.constant !== 0n || p === undefined || p.from !== 0 || p.at !== 0 || p.width < widthOf(p.r)) return undefined;
  return p.r;
}

function evaluate(i: Inst, bitsOf: (r: VReg) => Bits | null): Bits | null {
  const operand = (o: { kind: 'reg'; reg: VReg } | { kind: 'imm'; value: bigint }): Bits | null =>
    o.kind === 'imm' ? { pieces: [], constant: BigInt.asUintN(64, o.value) } : bitsOf(o.reg);
  switch (i.op) {
    case 'mov': {
      const v = operand(i.src);
      return i.bits === 32 && v !== null ? and(v, LOW32) : v;
    }
    case 'alu': {
      if (i.b.kind !== 'imm' && i.alu !== 'or') return null;
      const a = operand(i.a);
      if (a === null) return null;
      const narrow = (v: Bits | null) => (v !== null && i.bits === 32 ? and(v, LOW32) : v);
      const k = i.b.kind === 'imm' ? i.b.value : 0n;
      if ((i.alu === 'lsh' || i.alu === 'rsh') && (k < 0n || k >= BigInt(i.bits))) return null;
      switch (i.alu) {
        case 'lsh':
          return narrow(shiftLeft(a, Number(k)));
        case 'rsh':
          {
          const v = i.bits === 32 ? and(a, LOW32) : a;
          return v === null ? null : shiftRight(v, Number(k));
        }
        case 'and':
          return and(a, BigInt.asUintN(i.bits, k));
        case 'or': {
          const b = operand(i.b);
          return b === null ? null : narrow(or(a, b));
        }
        default:
          return null;
      }
    }
    default:
      return null;
  }
}

function shiftLeft(v: Bits, s: number): Bits {
  const pieces: Piece[] = [];
  for (const p of v.pieces) {
    const at = p.at + s;
    if (at >= 64) continue;
    pieces.push({ ...p, at, width: Math.min(p.width, 64 - at) });
  }
  return { pieces, constant: (v.constant << BigInt(s)) & ALL64 };
}

function shiftRight(v: Bits, s: number): Bits {
  const pieces: Piece[] = [];
  for (const p of v.pieces) {
    let { from, at, width } = p;
    at -= s;
    if (at < 0) {
      from -= at;
      width += at;
      at = 0;
    }
    if (width > 0) pieces.push({ r: p.r, from, at, width });
  }
  return { pieces, constant: v.constant >> BigInt(s) };
}

/** The runs of ones in a 64-bit mask, as [start, end) bit positions. */
function runsOf(mask: bigint): [number, number][] {
  if ((mask & (mask + 1n)) === 0n) return mask === 0n ? [] : [[0, mask.toString(2).length]];
  const runs: [number, number][] = [];
  const text = mask.toString(2);
  const n = text.length;
  for (let k = 0; k < n; ) {
    if (text[n - 1 - k] === '1') {
      let e = k;
      while (e < n && text[n - 1 - e] === '1') e++;
      runs.push([k, e]);
      k = e;
    } else k++;
  }
  return runs;
}

function and(v: Bits, mask: bigint): Bits | null {
  const runs = runsOf(mask);
  const pieces: Piece[] = [];
  for (const p of v.pieces) {
    for (const [s, e] of runs) {
      const lo = Math.max(p.at, s);
      const hi = Math.min(p.at + p.width, e);
      if (hi > lo) pieces.push({ r: p.r, from: p.from + (lo - p.at), at: lo, width: hi - lo });
    }
  }
  return pieces.length > MAX_PIECES ? null : normal({ pieces, constant: v.constant & mask });
}

function or(a: Bits, b: Bits): Bits | null {
  const pieces = [...a.pieces, ...b.pieces];
  return pieces.length > MAX_PIECES ? null : normal({ pieces, constant: a.constant | b.constant });
}

/** Pieces in order of position, neighbours from one register's neighbouring bits joined. */
function normal(v: Bits): Bits {
  const sorted = [...v.pieces].sort((x, y) => x.at - y.at || x.r - y.r || x.from - y.from);
  const pieces: Piece[] = [];
  for (const p of sorted) {
    const last = pieces[pieces.length - 1];
    if (last !== undefined && last.r === p.r && last.at + last.width === p.at && last.from + last.width === p.from) last.width += p.width;
    else pieces.push({ ...p });
  }
  return { pieces, constant: v.constant };
}

function keyOf(v: Bits): string {
  let key = v.constant.toString(16);
  for (const p of v.pieces) key += `|${p.r}:${p.from}:${p.at}:${p.width}`;
  return key;
}
