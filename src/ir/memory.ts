// Block copies and fills as loads and stores of the widest width that the
// alignment and the offset allow. Lowering uses them for struct assignment;
// the expand-mem pass for the memory builtins once their sizes are known.
import type { Span } from '../diag/source.js';
import type { Address, Inst, MemSize, VReg } from './ir.js';

/** The widest access of at most `remaining` bytes that `alignBytes` and `off` allow. */
export function accessWidth(remaining: number, alignBytes: number, off: number): MemSize {
  for (const w of [8, 4, 2, 1] as const) if (w <= remaining && w <= alignBytes && off % w === 0) return w;
  return 1;
}

function offsetBy(a: Address, delta: number): Address {
  return { ...a, off: a.off + delta };
}

/**
 * Copies `sizeBytes` from `from` to `to`. Each load is followed by its store (memcpy, struct
 * copies). With `overlapSafe` (memmove) the copy is right however the two overlap: when both
 * are offsets from the same register or slot, chunk by chunk from the end when the destination
 * lies after the source (each chunk is read before a later one overwrites it) and from the start
 * otherwise, as memmove itself goes; `distance` (destination minus source) says the same of two
 * addresses whose bases the caller has related. When it is unknown, every chunk is loaded before
 * the first store.
 */
export function copyInsts(to: Address, from: Address, sizeBytes: number, alignBytes: number, newVReg: () => VReg, span: Span, overlapSafe = false, distance?: number): Inst[] {
  const pairs: [Inst, Inst][] = [];
  for (let off = 0; off < sizeBytes; ) {
    const w = accessWidth(sizeBytes - off, alignBytes, off);
    const r = newVReg();
    const load: Inst = { op: 'load', size: w, dst: r, addr: offsetBy(from, off), span };
    const store: Inst = { op: 'store', size: w, addr: offsetBy(to, off), src: { kind: 'reg', reg: r }, span };
    pairs.push([load, store]);
    off += w;
  }
  if (!overlapSafe) return pairs.flat();
  const sameBase = to.kind === 'reg' ? from.kind === 'reg' && from.reg === to.reg : from.kind === 'slot' && from.slot === to.slot;
  const d = distance ?? (sameBase ? to.off - from.off : undefined);
  if (d === undefined) return [...pairs.map(([load]) => load), ...pairs.map(([, store]) => store)];
  return (d > 0 ? pairs.reverse() : pairs).flat();
}

/** Stores `sizeBytes` copies of `byte` at `to`. */
export function fillInsts(to: Address, sizeBytes: number, alignBytes: number, byte: number, span: Span): Inst[] {
  const out: Inst[] = [];
  for (let off = 0; off < sizeBytes; ) {
    const w = accessWidth(sizeBytes - off, alignBytes, off);
    let v = 0n;
    for (let i = 0; i < w; i++) v = (v << 8n) | BigInt(byte & 0xff);
    out.push({ op: 'store', size: w, addr: offsetBy(to, off), src: { kind: 'imm', value: v }, span });
    off += w;
  }
  return out;
}
