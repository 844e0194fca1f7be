// What must hold: the checks of memory accesses by region (context, packet, map value, stack,
// ring buffer memory) and of helper memory arguments, with the kernel's messages. Each check
// returns normally or throws a Reject; state changes of a load or store are in transfer.ts.
import { ctxAccessRule } from '../bpf/ctx-access.js';
import { readSizeOk } from '../bpf/prog-helpers.js';
import { ctxFieldAt } from '../bpf/ctx-layouts.js';
import { S64_MIN, scalarText } from './bounds.js';
import type { Env } from './env.js';
import { checkSpecialFields } from './locks.js';
import { Reject } from './reject.js';
import { SLOT_INVALID, SLOT_MISC, SLOT_SPILL, SLOT_ZERO, STACK_SIZE, regText, typeText, writableBytes, writableSpills, type Frame, type Reg, type State } from './state.js';
import { tnumIsConst, tnumText } from './tnum.js';

export const BPF_MAX_VAR_OFF = 1 << 29;
export const BPF_MAX_VAR_SIZ = 1 << 29;
export const MAX_PACKET_OFF = 0xffff;

export type Access = 'read' | 'write';

/** Readable text for register `regno` in the kernel log's spelling. */
export function describe(env: Env, r: Reg): string {
  return regText(r, { map: (i) => env.maps[i] });
}

/** check_reg_arg(SRC_OP): the register must hold something. */
export function assertInit(r: Reg, regno: number, what = 'read'): void {
  if (r.type === 'not_init') {
    const code = regno === 0 && what === 'exit' ? 'V1006' : 'V1005';
    throw new Reject(code, `R${regno} !read_ok`, {
      proven: `R${regno} was never written on this path`,
      needed: what === 'exit' ? 'R0 set to the return value before exit' : `R${regno} initialised before it is read`,
    });
  }
}

/** __check_mem_access: [off, off+size) within [0, memSize). */
function memOk(off: number, size: number, memSize: number, zeroOk: boolean): boolean {
  return off >= 0 && (size > 0 || (zeroOk && size === 0)) && off + size <= memSize;
}

/** check_mem_region_access: a fixed offset plus the register's variable part, inside memSize bytes. */
export function checkRegion(env: Env, regno: number, r: Reg, off: number, size: number, memSize: number, zeroOk: boolean,
  what: 'map value' | 'memory'): void {
  const msg = (o: number): string => what === 'map value'
    ? `invalid access to map value, value_size=${memSize} off=${o} size=${size}`
    : `invalid access to memory, mem_size=${memSize} off=${o} size=${size}`;
  const code = what === 'map value' ? 'V1004' : 'V1004';
  const smin = r.s.smin;
  if (smin < 0n && (smin === S64_MIN || BigInt(off) + smin !== BigInt(BigInt.asIntN(32, BigInt(off) + smin)) || smin + BigInt(off) < 0n)) {
    throw new Reject(code, `R${regno} min value is negative, either use unsigned index or do a if (index >=0) check.`, {
      proven: `the offset added to R${regno} may be negative: ${scalarText(r.s)}`,
      needed: `an offset known to be >= 0 (compare it as unsigned, or check >= 0)`,
    });
  }
  const lo = Number(smin) + off;
  if (!memOk(lo, size, memSize, zeroOk)) {
    throw new Reject(code, `R${regno} min value is outside of the allowed memory range`, {
      proven: `the access reaches bytes ${lo}..${lo + size} of a ${memSize}-byte ${what}`,
      needed: `bytes within 0..${memSize}`,
    }, msg(lo));
  }
  if (r.s.umax >= BigInt(BPF_MAX_VAR_OFF)) {
    throw new Reject(code, `R${regno} unbounded memory access, make sure to bounds check any such access`, {
      proven: `the variable offset of R${regno} has no upper bound: ${scalarText(r.s)}`,
      needed: `an offset of at most ${memSize - size - off} (so that ${off > 0 ? `${off} + ` : ''}offset + ${size} <= ${memSize}): compare the index with the number of elements before using it`,
    });
  }
  const hi = Number(r.s.umax) + off;
  if (!memOk(hi, size, memSize, zeroOk)) {
    throw new Reject(code, `R${regno} max value is outside of the allowed memory range`, {
      proven: `the offset of R${regno} may reach ${hi}, so the access may touch bytes ${hi}..${hi + size} of a ${memSize}-byte ${what}`,
      needed: `offset + ${size} <= ${memSize}: compare the index with the number of elements first`,
    }, msg(hi));
  }
}

/** check_packet_access. */
export function checkPacket(env: Env, regno: number, r: Reg, off: number, size: number, zeroOk: boolean): void {
  if (r.s.smin < 0n) {
    throw new Reject('V1003', `R${regno} min value is negative, either use unsigned index or do a if (index >=0) check.`, {
      proven: `the variable offset of R${regno} may be negative: ${scalarText(r.s)}`,
      needed: 'a packet offset known to be >= 0',
    });
  }
  if (r.range < 0 || !memOk(off, size, r.range, zeroOk)) {
    const variable = !tnumIsConst(r.s.var);
    const unbounded = variable && r.s.umax > BigInt(MAX_PACKET_OFF);
    const code = variable ? 'V1023' : 'V1003';
    const base = r.type === 'pkt_meta' ? 'data_meta' : 'data';
    const where = variable ? `${base} + ${r.off} + a variable offset in ${scalarText(r.s)}` : `${base} + ${r.off}`;
    const reach = `the access reaches bytes ${off}..${off + size} from ${variable ? 'that base' : base}`;
    const proven = r.range > 0
      ? `R${regno} = ${where}; comparisons with data_end prove only ${r.range} bytes, ${reach}`
      : `R${regno} = ${where}; no comparison with data_end covers it; ${reach}`;
    const needed = unbounded
      ? `the variable offset bounded (at most 0xffff) before it is added, then the pointer compared with data_end`
      : `a comparison like \`if (ptr + ${off + size} > data_end)\` on a pointer with the same base before the access`;
    const notes = r.origin >= 0 ? [{ insn: r.origin, message: 'the packet pointer is loaded here' }] : [];
    throw new Reject(code, `R${regno} offset is outside of the packet`, { proven, needed, notes },
      `invalid access to packet, off=${off} size=${size}, R${regno}(id=${r.id},off=${off},r=${r.range})`);
  }
}

/** Context access (check_ctx_access): returns what a load yields. */
export type CtxResult = { kind: 'scalar' } | { kind: 'ptr'; ptr: 'pkt' | 'pkt_end' | 'pkt_meta' | 'flow_keys' | 'sock_common_or_null' | 'sock' | 'sock_or_null' };

export function checkCtx(env: Env, regno: number, r: Reg, insnOff: number, size: number, access: Access): CtxResult {
  if (!tnumIsConst(r.s.var)) {
    throw new Reject('V1015', `variable ctx access var_off=${tnumText(r.s.var)} disallowed`, {
      proven: `R${regno} is the context pointer plus a variable offset`,
      needed: 'ctx->field: a constant offset from the unmodified context pointer',
    });
  }
  if (r.off !== 0) {
    throw new Reject('V1015', `dereference of modified ctx ptr R${regno} off=${r.off} disallowed`, {
      proven: `R${regno} is the context pointer moved by ${r.off} bytes`,
      needed: 'ctx->field: the offset in the load or store itself, from the unmodified context pointer',
    });
  }
  const off = insnOff;
  const bad = (why: string): Reject => new Reject(access === 'write' ? 'V1008' : 'V1007',
    `invalid bpf_context access off=${off} size=${size}`, {
      proven: `a ${size}-byte ${access} at offset ${off} of the ${env.ctxLayout?.name ?? env.progType} context ${why}`,
      needed: access === 'write' ? `only the fields a program of type ${env.progType} may write` : `a field a program of type ${env.progType} may read, with its size`,
    });
  if (env.ctxLayout) {
    const rule = ctxAccessRule(env.progType, env.expectedAttach, env.ctxLayout, off, size, access === 'write');
    if (typeof rule === 'string') throw bad(rule);
    const f = ctxFieldAt(env.ctxLayout, rule.fieldOffsetBytes);
    if (access === 'read' && f?.pointer) return { kind: 'ptr', ptr: f.pointer };
    return { kind: 'scalar' };
  }
  if (env.flatCtx) {
    const fc = env.flatCtx;
    if (off < fc.minOff || off + size > fc.size || off % size !== 0) throw bad(`(accessible: aligned accesses in ${fc.minOff}..${fc.size})`);
    const inField = (f: readonly [number, number]): boolean => off >= f[0] && off + size <= f[0] + f[1];
    const denied = (env.expectedAttach && fc.denyByAttach?.[env.expectedAttach]) || [];
    if (denied.some((f) => off < f[0] + f[1] && off + size > f[0])) throw bad(`(not accessible to ${env.expectedAttach} programs)`);
    if (access === 'write') {
      const w = (fc.writable ?? []).find(inField);
      const noWrite = (env.expectedAttach && fc.noWriteByAttach?.[env.expectedAttach]) || [];
      if (!w || (w[1] <= 8 && size !== w[1]) || (w[1] > 8 && size !== 4 && !(size === 8 && off % 8 === 0)) || noWrite.some(inField)) throw bad('(not a writable field)');
      return { kind: 'scalar' };
    }
    if ((fc.noRead ?? []).some((f) => off < f[0] + f[1] && off + size > f[0])) throw bad('(not readable for this program type)');
    const ptrAt = Object.keys(fc.pointers ?? {}).map(Number).find((p) => off >= p && off < p + 8);
    if (ptrAt !== undefined) {
      if (size !== 8 || ptrAt !== off) throw bad('(a pointer field, read with 8 bytes)');
      return { kind: 'ptr', ptr: fc.pointers![off]! };
    }
    if (fc.reads && !readSizeOk(fc.reads, off, size)) throw bad(`(a ${size}-byte read is not one the kernel allows for this field)`);
    return { kind: 'scalar' };
  }
  if (off < 0) throw bad('(negative offset)');
  return { kind: 'scalar' };
}

/** Stack bounds and alignment (check_stack_access_within_bounds, check_ptr_alignment). */
export function checkStackBounds(regno: number, r: Reg, insnOff: number, size: number, access: Access): { min: number; max: number } {
  const extra = access === 'write' ? ' write to' : ' read from';
  const off = r.off + insnOff;
  if (tnumIsConst(r.s.var)) {
    const a = off + Number(BigInt.asIntN(64, r.s.var.v));
    if (a < -STACK_SIZE || a + size > 0 || (size === 0 && a >= 0)) {
      throw new Reject('V1011', `invalid${extra} stack R${regno} off=${a} size=${size}`, {
        proven: `the access covers stack bytes ${a}..${a + size} (from the frame pointer)`,
        needed: `bytes within -512..0`,
      });
    }
    return { min: a, max: a };
  }
  const min = r.s.smin + BigInt(off);
  const max = r.s.smax + BigInt(off);
  if (r.s.smin <= -BigInt(BPF_MAX_VAR_OFF) || r.s.smax >= BigInt(BPF_MAX_VAR_OFF)) {
    throw new Reject('V1011', `invalid unbounded variable-offset${extra} stack R${regno}`, {
      proven: `the variable offset of R${regno} is ${scalarText(r.s)}`,
      needed: 'an offset bounded on both sides, to stay within the 512-byte stack',
    });
  }
  if (min < -BigInt(STACK_SIZE) || max + BigInt(size) > 0n) {
    throw new Reject('V1011', `invalid variable-offset${extra} stack R${regno} var_off=${tnumText(r.s.var)} off=${off} size=${size}`, {
      proven: `the variable offset of R${regno} lets the access reach ${min}..${max + BigInt(size)}`,
      needed: 'an offset bounded to stay within the 512-byte stack',
    });
  }
  return { min: Number(min), max: Number(max) };
}

export function checkStackAlign(regno: number, r: Reg, insnOff: number, size: number): void {
  const total = BigInt(r.off + insnOff);
  const v = r.s.var;
  // tnum_is_aligned(var_off + off, size)
  const mask = BigInt(size - 1);
  const lowKnown = (v.m & mask) === 0n;
  if (size > 1 && (!lowKnown || ((v.v + total) & mask) !== 0n)) {
    const tn = v.m === 0n ? `${BigInt.asIntN(64, v.v)}` : tnumText(v);
    throw new Reject('V1011', `misaligned stack access off ${tn}+${r.off}+${insnOff} size ${size}`, {
      proven: `the stack address is not a multiple of ${size}`,
      needed: `a ${size}-byte stack access aligned to ${size} bytes`,
    });
  }
}

/** check_stack_range_initialized for helper memory (root may read uninitialised stack). */
export function checkStackRangeForHelper(env: Env, st: State, regno: number, r: Reg, size: number, access: Access, zeroOk: boolean): void {
  // A zero size touches nothing, but the pointer must still lie within the stack
  // (check_mem_size_reg checks the access with size 0).
  const { min, max } = checkStackBounds(regno, r, 0, size, access);
  if (size === 0 && zeroOk) return;
  const f = st.frames[r.frame]!;
  f.depth = Math.max(f.depth, -min);
  for (let a = min; a < max + size; a++) {
    const i = a + STACK_SIZE;
    if (f.spills[i >> 3]?.type !== 'dynptr' || f.bytes[i] !== SLOT_SPILL) continue;
    throw new Reject(access === 'read' ? 'V1026' : 'V1011',
      access === 'read' ? `invalid read from stack R${regno} off ${min}+${a - min} size ${size}` : `potential write to dynptr at off=${a} disallowed`, {
        proven: `stack byte ${a} (from the frame pointer) belongs to a dynptr, and the helper would ${access} it as plain memory`,
        needed: 'a buffer that does not overlap a struct bpf_dynptr',
      });
  }
  if (access === 'read') {
    for (let a = min; a < max + size; a++) {
      if (f.bytes[a + STACK_SIZE] !== SLOT_INVALID) continue;
      const r0 = new Reject('V1026', `invalid indirect read from stack R${regno} off ${min}+${a - min} size ${size}`, {
        proven: `stack byte ${a} (from the frame pointer) is passed to the helper but was never written on this path`,
        needed: 'every byte of the buffer written before the call (e.g. `struct key k = {};`)',
      });
      if (env.noPerfmon) throw r0;
      if (!env.warnings.has(env.insnIdx)) env.warnings.set(env.insnIdx, r0);
      break;
    }
  }
  if (access === 'write') {
    // The helper fills the bytes: they become STACK_MISC and spilled registers there are lost.
    for (let a = min; a < max + size; a++) {
      const i = a + STACK_SIZE;
      if (f.bytes[i] !== SLOT_ZERO || !tnumIsConst(r.s.var)) writableBytes(f)[i] = SLOT_MISC;
      if (f.bytes[i] === SLOT_MISC && f.spills[i >> 3] !== undefined) writableSpills(f)[i >> 3] = undefined;
    }
    for (let a = min; a < max + size; a++) fixSpillSlot(f, a + STACK_SIZE);
  }
}

/** A partially overwritten spill slot loses the spilled register. */
export function fixSpillSlot(f: Frame, i: number): void {
  const base = i & ~7;
  if (f.spills[base >> 3] === undefined) return;
  for (let k = 0; k < 8; k++) if (f.bytes[base + k] === SLOT_SPILL) return;
  writableSpills(f)[base >> 3] = undefined;
}

/** check_helper_mem_access: `size` bytes at register `regno` are readable (or writable). */
export function checkHelperMem(env: Env, st: State, regno: number, r: Reg, size: number, access: Access, zeroOk: boolean,
  expected: string): void {
  if (size === 0 && !zeroOk && r.type !== 'scalar') {
    throw new Reject('V1020', 'invalid zero-sized read', { proven: `the helper would access 0 bytes at R${regno}`, needed: 'a size of at least 1' });
  }
  switch (r.type) {
    case 'pkt': case 'pkt_meta':
      if (access === 'write' && !env.pktWrite) {
        throw new Reject('V1019', 'helper access to the packet is not allowed', { proven: `R${regno} points into the packet`, needed: `memory the ${env.progType} program may write` });
      }
      checkPacket(env, regno, r, r.off, size, zeroOk);
      return;
    case 'map_value': {
      const m = env.maps[r.map]!;
      if (access === 'write' && m.readOnly) {
        throw new Reject('V1010', `write into map forbidden, value_size=${m.valueSize} off=${r.off} size=${size}`, { proven: `map ${m.name} is read-only for programs` });
      }
      if (access === 'read' && m.writeOnly) {
        throw new Reject('V1010', `read from map forbidden, value_size=${m.valueSize} off=${r.off} size=${size}`, { proven: `map ${m.name} is write-only for programs (BPF_F_WRONLY_PROG)` });
      }
      checkRegion(env, regno, r, r.off, size, m.valueSize, zeroOk, 'map value');
      checkSpecialFields(m, r, r.off, size);
      return;
    }
    case 'map_key':
      if (access === 'write') {
        throw new Reject('V1010', `R${regno} cannot write into map_key`, { proven: `R${regno} points to the key of a map element given to a callback`, needed: 'memory the helper may write (a stack buffer or a map value)' });
      }
      checkRegion(env, regno, r, r.off, size, r.memSize, zeroOk, 'memory');
      return;
    case 'mem':
      if (access === 'write' && r.rdonly) {
        throw new Reject('V1010', `R${regno} cannot write into ${typeText(r)}`, {
          proven: `R${regno} is ${describe(env, r)}, read-only memory (a bpf_dynptr_slice() result)`, needed: 'memory the helper may write',
        });
      }
      checkRegion(env, regno, r, r.off, size, r.memSize, zeroOk, 'memory');
      return;
    case 'stack':
      checkStackRangeForHelper(env, st, regno, r, size, access, zeroOk);
      return;
    case 'scalar':
      if (zeroOk && size === 0 && tnumIsConst(r.s.var) && r.s.var.v === 0n) return;
      break;
    default:
      break;
  }
  throw new Reject('V1010', `R${regno} type=${typeText(r)} expected=${expected}`, {
    proven: `R${regno} is ${describe(env, r)}`,
    needed: `a pointer to ${size} bytes of ${expected.includes('fp') ? 'stack, packet or map value' : expected} memory`,
  });
}

/** Types accepted for memory arguments, as the kernel prints them. */
export const MEM_EXPECTED = 'fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_';

export { SLOT_INVALID };
