// Helper implementations, by the helper's C name; the session finds each one's id in the shared
// helper table (bpf/helpers.ts). Each reads its arguments from R1-R5 and writes R0 with the
// kernel's results, errors included (negative errno values), following net/core/filter.c,
// kernel/bpf/helpers.c and the map implementations. A helper the program calls that is not here
// is a run-time error naming it.
import { helperByName } from '../bpf/helpers.js';
import type { ContextModel } from './context.js';
import { SkbContext, XdpContext } from './context.js';
import type { HelperFn, Machine } from './interp.js';
import { EFAULT, EINVAL, ENOTSUPP, E2BIG, RingBufMap, RefArrayMap, type BpfMap, type MapEvent } from './maps.js';
import type { Region } from './memory.js';

/** A route for bpf_fib_lookup, given by the user. */
export interface FibRoute {
  family: 4 | 6;
  /** Destination prefix bytes (4 or 16) and length in bits. */
  prefix: Uint8Array;
  prefixLen: number;
  ifindex: number;
  smac: Uint8Array;
  dmac: Uint8Array;
}

/** Where a program asked the packet to go. */
export type RedirectTarget =
  | { kind: 'ifindex'; ifindex: number; flags: number }
  | { kind: 'map'; map: string; key: number; flags: number };

/** What helpers read and change besides registers and memory. */
export interface HelperEnv {
  maps: BpfMap[];
  ctx: ContextModel;
  progType: string;
  /** The number of CPUs per-CPU maps have; programs run on CPU 0. */
  cpus: number;
  /** bpf_ktime_get_ns: the clock, advanced by clockStepNs at every read. */
  clockNs: bigint;
  clockStepNs: bigint;
  /** xorshift32 state for bpf_get_prandom_u32. */
  rngState: number;
  fibRoutes: FibRoute[];
  /** Per run. */
  events: MapEvent[];
  printk: string[];
  redirect: RedirectTarget | undefined;
  tailCalls: number;
  /** Entry slot of a program by function name (tail calls). */
  entryOf(name: string): number | undefined;
}

const MAX_TAIL_CALL_CNT = 33;
const BPF_F_CURRENT_CPU = 0xffffffff;
const BPF_F_INDEX_MASK = 0xffffffff;
const XDP_ABORTED = 0;
const XDP_REDIRECT = 4;
const TC_ACT_SHOT = 2;
const TC_ACT_REDIRECT = 7;
const BPF_F_INGRESS = 1;
const BPF_F_BROADCAST = 1 << 3;
const BPF_F_EXCLUDE_INGRESS = 1 << 4;
const BPF_F_RECOMPUTE_CSUM = 1 << 0;
const BPF_F_INVALIDATE_HASH = 1 << 1;
const BPF_F_HDR_FIELD_MASK = 0xf;
const BPF_F_PSEUDO_HDR = 1 << 4;
const BPF_F_MARK_MANGLED_0 = 1 << 5;
const BPF_F_MARK_ENFORCE = 1 << 6;
const BPF_F_IPV6 = 1 << 7;
const CSUM_MANGLED_0 = 0xffff;
const BPF_FIB_LKUP_RET_SUCCESS = 0;
const BPF_FIB_LKUP_RET_NOT_FWDED = 4;

// ---- argument and result access --------------------------------------------------------------

function argU32(m: Machine, i: number): number {
  return m.lo[i]! >>> 0;
}

function argS32(m: Machine, i: number): number {
  return m.lo[i]! | 0;
}

function argU64(m: Machine, i: number): bigint {
  return (BigInt(m.hi[i]! >>> 0) << 32n) | BigInt(m.lo[i]! >>> 0);
}

function ret(m: Machine, v: number): void {
  m.lo[0] = v | 0;
  m.hi[0] = v < 0 ? -1 : 0;
}

function retU64(m: Machine, v: bigint): void {
  m.lo[0] = Number(BigInt.asIntN(32, v));
  m.hi[0] = Number(BigInt.asIntN(32, v >> 32n));
}

function retPtr(m: Machine, r: Region | undefined, offset = 0): void {
  m.lo[0] = r ? offset : 0;
  m.hi[0] = r ? r.id : 0;
}

function argMap(m: Machine, env: HelperEnv, i: number, helper: string): BpfMap {
  const r = m.mem.get(m.hi[i]!);
  if (!r || r.kind !== 'map' || m.lo[i] !== 0) m.fault(`${helper}: R${i} is not a map`);
  return env.maps[r.mapIndex]!;
}

/** The `size` bytes R`i` points at, checked (writable when `write`). */
function argMem(m: Machine, i: number, size: number, write: boolean, helper: string): Uint8Array {
  if (size === 0) return new Uint8Array(0);
  const off = m.lo[i]!;
  return argRegion(m, i, size, write, helper).bytes.subarray(off, off + size);
}

/** The region R`i` points into, checked to hold `size` bytes at R`i`'s offset. */
function argRegion(m: Machine, i: number, size: number, write: boolean, helper: string): Region {
  const r = m.mem.get(m.hi[i]!);
  const off = m.lo[i]!;
  if (!r || off < r.start || off + size > (write ? r.wend : r.end)) {
    m.fault(`${helper}: R${i} does not point at ${size} ${write ? 'writable' : 'readable'} bytes` +
      (r ? ` (it points at offset ${off} of ${r.name}, whose ${write ? 'writable' : 'readable'} bytes are ${r.start}..${write ? r.wend : r.end})` : ''));
  }
  return r;
}

function ringbuf(m: Machine, env: HelperEnv, i: number, helper: string): RingBufMap {
  const map = argMap(m, env, i, helper);
  if (!(map instanceof RingBufMap)) return m.fault(`${helper}: R${i} is not a ring buffer`);
  return map;
}

function refArray(m: Machine, env: HelperEnv, i: number, type: string, helper: string): RefArrayMap {
  const map = argMap(m, env, i, helper);
  if (!(map instanceof RefArrayMap) || map.typeName !== type) return m.fault(`${helper}: R${i} is not a ${type} map`);
  return map;
}

function xdp(m: Machine, env: HelperEnv, helper: string): XdpContext {
  if (!(env.ctx instanceof XdpContext)) m.fault(`${helper} needs an XDP program`);
  return env.ctx;
}

function skb(m: Machine, env: HelperEnv, helper: string): SkbContext {
  if (!(env.ctx instanceof SkbContext)) m.fault(`${helper} needs a socket buffer program (tc, socket filter, ...)`);
  return env.ctx;
}

// ---- checksums (include/net/checksum.h; 32-bit ones' complement arithmetic) ---------------------

function csumAdd(a: number, b: number): number {
  const s = (a >>> 0) + (b >>> 0);
  return (s + (s > 0xffffffff ? 1 : 0)) >>> 0;
}

function csumSub(a: number, b: number): number {
  return csumAdd(a, ~b >>> 0);
}

/** csum_fold: the complemented 16-bit sum. */
function csumFold(sum: number): number {
  let s = (sum & 0xffff) + (sum >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

/** from32to16: the 16-bit sum, not complemented. */
function from32to16(sum: number): number {
  let s = (sum & 0xffff) + (sum >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return s & 0xffff;
}

/** csum_partial over bytes read as native (little-endian) 16-bit words. */
function csumPartial(bytes: Uint8Array, seed: number): number {
  let sum = seed >>> 0;
  for (let i = 0; i + 1 < bytes.length; i += 2) sum = csumAdd(sum, bytes[i]! | (bytes[i + 1]! << 8));
  if (bytes.length & 1) sum = csumAdd(sum, bytes[bytes.length - 1]!);
  return sum;
}

function readLe16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}

function writeLe16(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff;
  b[at + 1] = (v >>> 8) & 0xff;
}

/** csum_replace4 on a checksum stored at `at`. */
function csumReplace(b: Uint8Array, at: number, from: number, to: number): void {
  const sum = readLe16(b, at);
  writeLe16(b, at, csumFold(csumAdd(csumSub(~sum >>> 0, from), to)));
}

function csumReplaceByDiff(b: Uint8Array, at: number, diff: number): void {
  const sum = readLe16(b, at);
  writeLe16(b, at, csumFold(csumAdd(diff, ~sum >>> 0)));
}

/**
 * The checksum update of bpf_l3/l4_csum_replace by the size in the flags: 0 (`to` is a
 * bpf_csum_diff result; `from` must be 0), 2 or 4 (the field's old and new value). 0 or -EINVAL.
 */
function replaceChecksum(b: Uint8Array, at: number, size: number, fromIsZero: boolean, from: number, to: number): number {
  switch (size) {
    case 0:
      if (!fromIsZero) return -EINVAL;
      csumReplaceByDiff(b, at, to);
      return 0;
    case 2:
      csumReplace(b, at, from & 0xffff, to & 0xffff);
      return 0;
    case 4:
      csumReplace(b, at, from, to);
      return 0;
    default:
      return -EINVAL;
  }
}

// ---- trace_printk ----------------------------------------------------------------------------------

function cString(m: Machine, region: Region | undefined, offset: number): string {
  if (!region) return '(null)';
  let s = '';
  for (let i = offset; i >= region.start && i < region.end && s.length < 512; i++) {
    const c = region.bytes[i]!;
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

/**
 * Formats like bpf_trace_printk: %d %i %u %x %X %c %s %p with l/ll. `args` are the argument
 * values (R3-R5 for bpf_trace_printk, the u64 array of bpf_trace_vprintk); a pointer value is
 * region id << 32 | offset.
 */
function formatPrintk(m: Machine, fmt: string, args: bigint[]): string {
  let arg = 0;
  return fmt.replace(/%(-?\d*)(ll|l|h|hh)?([diuxXcsp%])/g, (all, width: string, len: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    if (arg >= args.length) return all;
    const v64 = args[arg++]!;
    const bits = len === 'll' || len === 'l' || conv === 'p' ? 64 : 32;
    let text: string;
    switch (conv) {
      case 'd': case 'i': text = (bits === 64 ? BigInt.asIntN(64, v64) : BigInt.asIntN(32, v64)).toString(); break;
      case 'u': text = (bits === 64 ? v64 : BigInt.asUintN(32, v64)).toString(); break;
      case 'x': text = (bits === 64 ? v64 : BigInt.asUintN(32, v64)).toString(16); break;
      case 'X': text = (bits === 64 ? v64 : BigInt.asUintN(32, v64)).toString(16).toUpperCase(); break;
      case 'c': text = String.fromCharCode(Number(v64 & 0xffn)); break;
      case 's': text = cString(m, m.mem.get(Number(v64 >> 32n) | 0), Number(v64 & 0xffffffffn) | 0); break;
      default: text = `0x${v64.toString(16)}`; break;
    }
    const w = Number(width.replace('-', '') || '0');
    return width.startsWith('-') ? text.padEnd(w) : text.padStart(w);
  });
}

/** The format string up to its NUL. */
function fmtText(bytes: Uint8Array): string {
  let text = '';
  for (const c of bytes) {
    if (c === 0) break;
    text += String.fromCharCode(c);
  }
  return text;
}

// ---- the helpers ---------------------------------------------------------------------------------

type Impl = (m: Machine, env: HelperEnv) => void;

const IMPLS: Readonly<Record<string, Impl>> = {
  bpf_map_lookup_elem(m, env) {
    const map = argMap(m, env, 1, 'bpf_map_lookup_elem');
    const key = argRegion(m, 2, map.def.keySize, false, 'bpf_map_lookup_elem');
    if (map instanceof RefArrayMap || map instanceof RingBufMap) m.fault(`bpf_map_lookup_elem on ${map.typeName} map '${map.name}' is not supported`);
    retPtr(m, map.lookupAt(key.bytes, m.lo[2]!, 0));
  },
  bpf_map_lookup_percpu_elem(m, env) {
    const map = argMap(m, env, 1, 'bpf_map_lookup_percpu_elem');
    const key = argMem(m, 2, map.def.keySize, false, 'bpf_map_lookup_percpu_elem');
    const cpu = argU32(m, 3);
    retPtr(m, map.perCpu && cpu < env.cpus ? map.lookup(key, cpu) : undefined);
  },
  bpf_map_update_elem(m, env) {
    const map = argMap(m, env, 1, 'bpf_map_update_elem');
    const key = argMem(m, 2, map.def.keySize, false, 'bpf_map_update_elem');
    const value = argMem(m, 3, map.def.valueSize, false, 'bpf_map_update_elem');
    const flags = argU64(m, 4);
    ret(m, map.update(key, value, flags > 0xffffffffn ? -1 : Number(flags), 0));
  },
  bpf_map_delete_elem(m, env) {
    const map = argMap(m, env, 1, 'bpf_map_delete_elem');
    const key = argMem(m, 2, map.def.keySize, false, 'bpf_map_delete_elem');
    ret(m, map.delete(key));
  },
  bpf_ktime_get_ns(m, env) {
    retU64(m, env.clockNs);
    env.clockNs += env.clockStepNs;
  },
  bpf_ktime_get_boot_ns(m, env) {
    IMPLS['bpf_ktime_get_ns']!(m, env);
  },
  bpf_ktime_get_coarse_ns(m, env) {
    IMPLS['bpf_ktime_get_ns']!(m, env);
  },
  bpf_get_prandom_u32(m, env) {
    let x = env.rngState | 0;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    env.rngState = x;
    ret(m, x >>> 0);
  },
  bpf_get_smp_processor_id(m) {
    ret(m, 0);
  },
  bpf_get_numa_node_id(m) {
    ret(m, 0);
  },
  bpf_trace_printk(m, env) {
    const size = argU32(m, 2);
    const line = formatPrintk(m, fmtText(argMem(m, 1, size, false, 'bpf_trace_printk')), [argU64(m, 3), argU64(m, 4), argU64(m, 5)]);
    env.printk.push(line);
    ret(m, line.length); // the kernel returns the formatted length, without the NUL
  },
  bpf_trace_vprintk(m, env) {
    const fmt = fmtText(argMem(m, 1, argU32(m, 2), false, 'bpf_trace_vprintk'));
    const dataLen = argU32(m, 4);
    if (dataLen % 8 !== 0 || dataLen > 12 * 8 || (m.lo[3] === 0 && m.hi[3] === 0 && dataLen > 0)) return ret(m, -EINVAL);
    const data = argMem(m, 3, dataLen, false, 'bpf_trace_vprintk');
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const args = Array.from({ length: dataLen / 8 }, (_, k) => view.getBigUint64(k * 8, true));
    const line = formatPrintk(m, fmt, args);
    env.printk.push(line);
    ret(m, line.length);
  },
  bpf_tail_call(m, env) {
    const map = refArray(m, env, 2, 'prog_array', 'bpf_tail_call');
    const index = argU32(m, 3);
    if (index >= map.def.maxEntries || env.tailCalls >= MAX_TAIL_CALL_CNT) return;
    const name = map.programs.get(index);
    if (name === undefined) return;
    const entry = env.entryOf(name);
    if (entry === undefined) return m.fault(`bpf_tail_call: slot ${index} of '${map.name}' names '${name}', which is not a program of this object`);
    env.tailCalls++;
    m.jumpTo = entry;
  },
  bpf_redirect(m, env) {
    const ifindex = argU32(m, 1);
    const flags = Number(argU64(m, 2) & 0xffffffffn);
    if (env.ctx.kind === 'xdp') {
      if (argU64(m, 2) !== 0n) return ret(m, XDP_ABORTED);
      env.redirect = { kind: 'ifindex', ifindex, flags };
      return ret(m, XDP_REDIRECT);
    }
    if ((argU64(m, 2) & ~BigInt(BPF_F_INGRESS)) !== 0n) return ret(m, TC_ACT_SHOT);
    env.redirect = { kind: 'ifindex', ifindex, flags };
    ret(m, TC_ACT_REDIRECT);
  },
  bpf_redirect_map(m, env) {
    const map = argMap(m, env, 1, 'bpf_redirect_map');
    const key = Number(argU64(m, 2) & 0xffffffffn);
    const flags = argU64(m, 3);
    const actionMask = 3n;
    if ((flags & ~(actionMask | BigInt(BPF_F_BROADCAST | BPF_F_EXCLUDE_INGRESS))) !== 0n) return ret(m, XDP_ABORTED);
    const present = map instanceof RefArrayMap ? key < map.def.maxEntries && map.present(key) : map.lookup(new Uint8Array(new Uint32Array([key]).buffer), 0) !== undefined;
    if (!present && (flags & BigInt(BPF_F_BROADCAST)) === 0n) return ret(m, Number(flags & actionMask));
    env.redirect = { kind: 'map', map: map.name, key, flags: Number(flags & 0xffffffffn) };
    ret(m, XDP_REDIRECT);
  },
  bpf_xdp_adjust_head(m, env) {
    ret(m, xdp(m, env, 'bpf_xdp_adjust_head').adjustHead(argS32(m, 2)));
  },
  bpf_xdp_adjust_meta(m, env) {
    ret(m, xdp(m, env, 'bpf_xdp_adjust_meta').adjustMeta(argS32(m, 2)));
  },
  bpf_xdp_adjust_tail(m, env) {
    ret(m, xdp(m, env, 'bpf_xdp_adjust_tail').adjustTail(argS32(m, 2)));
  },
  bpf_xdp_get_buff_len(m, env) {
    const x = xdp(m, env, 'bpf_xdp_get_buff_len');
    ret(m, x.dataEnd - x.data);
  },
  bpf_xdp_load_bytes(m, env) {
    const x = xdp(m, env, 'bpf_xdp_load_bytes');
    const offset = argU32(m, 2);
    const len = argU32(m, 4);
    const to = argMem(m, 3, len, true, 'bpf_xdp_load_bytes');
    if (offset + len > x.dataEnd - x.data) return ret(m, -EINVAL);
    to.set(x.packet.bytes.subarray(x.data + offset, x.data + offset + len));
    ret(m, 0);
  },
  bpf_xdp_store_bytes(m, env) {
    const x = xdp(m, env, 'bpf_xdp_store_bytes');
    const offset = argU32(m, 2);
    const len = argU32(m, 4);
    const from = argMem(m, 3, len, false, 'bpf_xdp_store_bytes');
    if (offset + len > x.dataEnd - x.data) return ret(m, -EINVAL);
    x.packet.bytes.set(from, x.data + offset);
    ret(m, 0);
  },
  bpf_skb_load_bytes(m, env) {
    const s = skb(m, env, 'bpf_skb_load_bytes');
    const offset = argU32(m, 2);
    const len = argU32(m, 4);
    const to = argMem(m, 3, len, true, 'bpf_skb_load_bytes');
    if (offset > 0x7fffffff || offset + len > s.len) {
      to.fill(0);
      return ret(m, -EFAULT);
    }
    to.set(s.bytes().subarray(offset, offset + len));
    ret(m, 0);
  },
  bpf_skb_store_bytes(m, env) {
    const s = skb(m, env, 'bpf_skb_store_bytes');
    const offset = argU32(m, 2);
    const len = argU32(m, 4);
    const from = argMem(m, 3, len, false, 'bpf_skb_store_bytes');
    const flags = argU64(m, 5);
    if ((flags & ~BigInt(BPF_F_RECOMPUTE_CSUM | BPF_F_INVALIDATE_HASH)) !== 0n) return ret(m, -EINVAL);
    if (offset > 0xffff || offset + len > s.len) return ret(m, -EFAULT);
    s.bytes().set(from, offset);
    if (flags & BigInt(BPF_F_INVALIDATE_HASH)) s.fields.set('hash', 0);
    ret(m, 0);
  },
  bpf_l3_csum_replace(m, env) {
    const s = skb(m, env, 'bpf_l3_csum_replace');
    const offset = argU32(m, 2);
    const from = Number(argU64(m, 3) & 0xffffffffn);
    const to = Number(argU64(m, 4) & 0xffffffffn);
    const flags = argU64(m, 5);
    if ((flags & ~BigInt(BPF_F_HDR_FIELD_MASK)) !== 0n) return ret(m, -EINVAL);
    if (offset > 0xffff || offset & 1 || offset + 2 > s.len) return ret(m, -EFAULT);
    const err = replaceChecksum(s.bytes(), offset, Number(flags) & BPF_F_HDR_FIELD_MASK, argU64(m, 3) === 0n, from, to);
    ret(m, err);
  },
  bpf_l4_csum_replace(m, env) {
    const s = skb(m, env, 'bpf_l4_csum_replace');
    const offset = argU32(m, 2);
    const from = Number(argU64(m, 3) & 0xffffffffn);
    const to = Number(argU64(m, 4) & 0xffffffffn);
    const flags = argU64(m, 5);
    const known = BPF_F_MARK_MANGLED_0 | BPF_F_MARK_ENFORCE | BPF_F_PSEUDO_HDR | BPF_F_HDR_FIELD_MASK | BPF_F_IPV6;
    if ((flags & ~BigInt(known)) !== 0n) return ret(m, -EINVAL);
    if (offset > 0xffff || offset & 1 || offset + 2 > s.len) return ret(m, -EFAULT);
    const f = Number(flags);
    const b = s.bytes();
    const mmzero = (f & BPF_F_MARK_MANGLED_0) !== 0;
    if (mmzero && (f & BPF_F_MARK_ENFORCE) === 0 && readLe16(b, offset) === 0) return ret(m, 0);
    const err = replaceChecksum(b, offset, f & BPF_F_HDR_FIELD_MASK, argU64(m, 3) === 0n, from, to);
    if (err !== 0) return ret(m, err);
    if (mmzero && readLe16(b, offset) === 0) writeLe16(b, offset, CSUM_MANGLED_0);
    ret(m, 0);
  },
  bpf_csum_diff(m) {
    const fromSize = argU32(m, 2);
    const toSize = argU32(m, 4);
    const seed = argU32(m, 5);
    if (((fromSize | toSize) & 3) !== 0) return ret(m, -EINVAL);
    const from = fromSize ? argMem(m, 1, fromSize, false, 'bpf_csum_diff') : new Uint8Array(0);
    const to = toSize ? argMem(m, 3, toSize, false, 'bpf_csum_diff') : new Uint8Array(0);
    let v: number;
    if (fromSize && toSize) v = from32to16(csumSub(csumPartial(to, seed), csumPartial(from, 0)));
    else if (toSize) v = from32to16(csumPartial(to, seed));
    else if (fromSize) v = from32to16(~csumPartial(from, ~seed >>> 0) >>> 0);
    else v = from32to16(seed);
    ret(m, v);
  },
  bpf_csum_update(m, env) {
    skb(m, env, 'bpf_csum_update');
    ret(m, -ENOTSUPP);
  },
  bpf_set_hash(m, env) {
    skb(m, env, 'bpf_set_hash').fields.set('hash', argU32(m, 2));
    ret(m, 0);
  },
  bpf_set_hash_invalid(m, env) {
    skb(m, env, 'bpf_set_hash_invalid').fields.set('hash', 0);
  },
  bpf_ringbuf_reserve(m, env) {
    const map = ringbuf(m, env, 1, 'bpf_ringbuf_reserve');
    if (argU64(m, 3) !== 0n) return retPtr(m, undefined);
    retPtr(m, map.reserve(argU32(m, 2)));
  },
  bpf_ringbuf_submit(m, env) {
    finishRecord(m, env, true);
  },
  bpf_ringbuf_discard(m, env) {
    finishRecord(m, env, false);
  },
  bpf_ringbuf_output(m, env) {
    const map = ringbuf(m, env, 1, 'bpf_ringbuf_output');
    const size = argU32(m, 3);
    const data = argMem(m, 2, size, false, 'bpf_ringbuf_output');
    const r = map.reserve(size);
    if (!r) return ret(m, -11); // -EAGAIN
    r.bytes.set(data);
    env.events.push({ map: map.name, kind: 'ringbuf', data: map.finish(r.id, true)! });
    ret(m, 0);
  },
  bpf_ringbuf_query(m, env) {
    const map = ringbuf(m, env, 1, 'bpf_ringbuf_query');
    const flag = argU64(m, 2);
    // BPF_RB_AVAIL_DATA 0, BPF_RB_RING_SIZE 1, BPF_RB_CONS_POS 2, BPF_RB_PROD_POS 3
    const v = flag === 0n ? map.used : flag === 1n ? map.def.maxEntries : flag === 2n ? 0 : flag === 3n ? map.used : 0;
    ret(m, v);
  },
  bpf_perf_event_output(m, env) {
    refArray(m, env, 2, 'perf_event_array', 'bpf_perf_event_output');
    const map = argMap(m, env, 2, 'bpf_perf_event_output');
    const flags = argU64(m, 3);
    const size = Number(argU64(m, 5) & 0xffffffffn);
    const data = argMem(m, 4, size, false, 'bpf_perf_event_output');
    let index = Number(flags & BigInt(BPF_F_INDEX_MASK));
    const ctxLen = Number((flags >> 32n) & 0xfffffn);
    if ((flags >> 52n) !== 0n) return ret(m, -EINVAL);
    if (index === BPF_F_CURRENT_CPU) index = 0;
    if (index >= map.def.maxEntries) return ret(m, -E2BIG);
    let bytes = data.slice();
    if (ctxLen > 0) {
      const pkt = env.ctx.kind === 'xdp' ? (env.ctx as XdpContext).packet.bytes.subarray((env.ctx as XdpContext).data, (env.ctx as XdpContext).dataEnd) : (env.ctx as SkbContext).bytes();
      if (ctxLen > pkt.length) return ret(m, -EFAULT);
      const joined = new Uint8Array(bytes.length + ctxLen);
      joined.set(bytes);
      joined.set(pkt.subarray(0, ctxLen), bytes.length);
      bytes = joined;
    }
    env.events.push({ map: map.name, kind: 'perf_event', cpu: index, data: bytes });
    ret(m, 0);
  },
  bpf_fib_lookup(m, env) {
    const plen = argS32(m, 3);
    const params = argMem(m, 2, Math.max(0, plen), true, 'bpf_fib_lookup');
    ret(m, fibLookup(params, env.fibRoutes));
  },
  bpf_spin_lock(m) {
    ret(m, 0);
  },
  bpf_spin_unlock(m) {
    ret(m, 0);
  },
};

function finishRecord(m: Machine, env: HelperEnv, submit: boolean): void {
  const name = submit ? 'bpf_ringbuf_submit' : 'bpf_ringbuf_discard';
  const id = m.hi[1]!;
  for (const map of env.maps) {
    if (!(map instanceof RingBufMap) || !map.pending.has(id)) continue;
    if (m.lo[1] !== 0) m.fault(`${name}: R1 does not point at the start of a reserved record`);
    const data = map.finish(id, submit)!;
    if (submit) env.events.push({ map: map.name, kind: 'ringbuf', data });
    return ret(m, 0);
  }
  m.fault(`${name}: R1 is not a reserved ring buffer record`);
}

// struct bpf_fib_lookup (linux/bpf.h): family u8 @0, ifindex u32 @8, ipv4_dst @32 (ipv6_dst[16]
// @32), smac[6] @52, dmac[6] @58; 64 bytes.
const FIB_FAMILY = 0;
const FIB_IFINDEX = 8;
const FIB_DST = 32;
const FIB_SMAC = 52;
const FIB_DMAC = 58;
const FIB_BYTES = 64;
const AF_INET = 2;
const AF_INET6 = 10;
const EAFNOSUPPORT = 97;

function fibLookup(params: Uint8Array, routes: readonly FibRoute[]): number {
  if (params.length < FIB_BYTES) return -EINVAL;
  const family = params[FIB_FAMILY] === AF_INET ? 4 : params[FIB_FAMILY] === AF_INET6 ? 6 : 0;
  if (family === 0) return -EAFNOSUPPORT;
  const dst = params.subarray(FIB_DST, FIB_DST + (family === 4 ? 4 : 16));
  let best: FibRoute | undefined;
  for (const r of routes) {
    if (r.family !== family || (best && best.prefixLen >= r.prefixLen)) continue;
    let match = true;
    for (let bit = 0; bit < r.prefixLen && match; bit++) {
      const mask = 0x80 >> (bit & 7);
      if ((dst[bit >> 3]! & mask) !== (r.prefix[bit >> 3]! & mask)) match = false;
    }
    if (match) best = r;
  }
  if (!best) return BPF_FIB_LKUP_RET_NOT_FWDED;
  new DataView(params.buffer, params.byteOffset).setUint32(FIB_IFINDEX, best.ifindex, true);
  params.set(best.smac.subarray(0, 6), FIB_SMAC);
  params.set(best.dmac.subarray(0, 6), FIB_DMAC);
  return BPF_FIB_LKUP_RET_SUCCESS;
}

/** The helper functions by id, bound to `env`. */
export function bindHelpers(env: HelperEnv): (HelperFn | undefined)[] {
  const out: (HelperFn | undefined)[] = [];
  for (const [name, impl] of Object.entries(IMPLS)) {
    const info = helperByName(name);
    if (!info) throw new Error(`internal: no helper named ${name} in the helper table`);
    out[info.id] = (m) => impl(m, env);
  }
  return out;
}

/** The names of the helpers ebcc run implements. */
export function implementedHelpers(): string[] {
  return Object.keys(IMPLS);
}
