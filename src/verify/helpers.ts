// Helper calls (check_helper_call): the helper exists and the program type may call it; each
// argument against its kind in the shared helper table (bpf/helpers.ts); then R1-R5 are
// cleared, R0 takes the return kind, references are acquired or released, and helpers that
// change packet data invalidate every packet pointer.
import { CORE_POISON_HELPER } from '../bpf/core-relo.js';
import { coreFailureHeadline } from './core-relocate.js';
import { MAX_ERRNO, RET_BOUNDED_BY_SIZE, helperById, type ArgKind, type HelperInfo } from '../bpf/helpers.js';
import { SOCK_MAP_TYPES, mapTypeByName } from '../bpf/maps.js';
import {
  BTF_CTX_HELPER_ARGS, BTF_CTX_TYPES, CHANGES_PKT_DATA, GPL_ONLY_HELPERS, HELPERS_DENIED_BY_ATTACH, MIGHT_SLEEP_HELPERS, PROG_TYPE_HELPER_ARGS,
  SOCKMAP_UPDATE_ATTACH, SOCKMAP_UPDATE_TYPES, helperAllowed,
} from '../bpf/prog-helpers.js';
import { constValue, isConst, scalarText, syncBounds } from './bounds.js';
import { BPF_MAX_VAR_SIZ, MEM_EXPECTED, assertInit, checkHelperMem, describe } from './assertions.js';
import { newId, type Env, type MapInfo } from './env.js';
import { spinLockCall } from './locks.js';
import { kptrXchg } from './kfuncs.js';
import { checkKernelStruct } from './kernel-struct.js';
import { isPktKind, killPktSlices, makeDynptr, releaseDynptr, useDynptr } from './dynptr.js';
import { allocSpinLock } from './alloc.js';
import { Reject } from './reject.js';
import { tnumText } from './tnum.js';
import { SLOT_SPILL, SLOT_ZERO, regsWhere, curFrame, regNotInit, regPtr, regScalar, typeText, type Reg, type State } from './state.js';

const MAP_EXPECTED = MEM_EXPECTED;
const SOCK_EXPECTED = 'sock_common, sock, tcp_sock, xdp_sock, ptr_, trusted_ptr_';
const BTF_ID_EXPECTED = 'ptr_, trusted_ptr_, rcu_ptr_';

const mt = (name: string): number => mapTypeByName(name)!.value;

/** check_map_func_compatibility: which helpers take which map types (the common cases). */
function mapCompatible(map: MapInfo, helper: string): boolean {
  const t = map.typeName;
  const only: Record<string, readonly string[]> = {
    prog_array: ['bpf_tail_call'],
    perf_event_array: ['bpf_perf_event_read', 'bpf_perf_event_output', 'bpf_perf_event_read_value', 'bpf_skb_output', 'bpf_xdp_output'],
    ringbuf: ['bpf_ringbuf_output', 'bpf_ringbuf_reserve', 'bpf_ringbuf_query', 'bpf_ringbuf_reserve_dynptr'],
    devmap: ['bpf_redirect_map', 'bpf_map_lookup_elem'],
    devmap_hash: ['bpf_redirect_map', 'bpf_map_lookup_elem'],
    cpumap: ['bpf_redirect_map'],
    xskmap: ['bpf_redirect_map', 'bpf_map_lookup_elem'],
    queue: ['bpf_map_peek_elem', 'bpf_map_pop_elem', 'bpf_map_push_elem'],
    stack: ['bpf_map_peek_elem', 'bpf_map_pop_elem', 'bpf_map_push_elem'],
    stack_trace: ['bpf_get_stackid'],
    sk_storage: ['bpf_sk_storage_get', 'bpf_sk_storage_delete'],
    task_storage: ['bpf_task_storage_get', 'bpf_task_storage_delete'],
    cgrp_storage: ['bpf_cgrp_storage_get', 'bpf_cgrp_storage_delete'],
    user_ringbuf: ['bpf_user_ringbuf_drain'],
    cgroup_storage: ['bpf_get_local_storage'],
    percpu_cgroup_storage: ['bpf_get_local_storage'],
    sockmap: ['bpf_sk_redirect_map', 'bpf_sock_map_update', 'bpf_msg_redirect_map', 'bpf_sk_select_reuseport', 'bpf_map_lookup_elem', 'bpf_map_update_elem', 'bpf_map_delete_elem'],
    sockhash: ['bpf_sk_redirect_hash', 'bpf_sock_hash_update', 'bpf_msg_redirect_hash', 'bpf_sk_select_reuseport', 'bpf_map_lookup_elem', 'bpf_map_update_elem', 'bpf_map_delete_elem'],
  };
  const allowed = only[t];
  if (allowed && !allowed.includes(helper)) return false;
  const needs: Record<string, readonly string[]> = {
    bpf_tail_call: ['prog_array'],
    bpf_perf_event_output: ['perf_event_array'],
    bpf_perf_event_read: ['perf_event_array'],
    bpf_ringbuf_output: ['ringbuf'], bpf_ringbuf_reserve: ['ringbuf'], bpf_ringbuf_query: ['ringbuf'], bpf_ringbuf_reserve_dynptr: ['ringbuf'],
    bpf_redirect_map: ['devmap', 'devmap_hash', 'cpumap', 'xskmap'],
    bpf_map_peek_elem: ['queue', 'stack', 'bloom_filter'], bpf_map_pop_elem: ['queue', 'stack'], bpf_map_push_elem: ['queue', 'stack', 'bloom_filter'],
    bpf_get_stackid: ['stack_trace'],
    bpf_sk_storage_get: ['sk_storage'], bpf_sk_storage_delete: ['sk_storage'],
    bpf_task_storage_get: ['task_storage'], bpf_task_storage_delete: ['task_storage'],
    bpf_cgrp_storage_get: ['cgrp_storage'], bpf_cgrp_storage_delete: ['cgrp_storage'],
    bpf_get_local_storage: ['cgroup_storage', 'percpu_cgroup_storage'],
    bpf_sk_redirect_map: ['sockmap'], bpf_msg_redirect_map: ['sockmap'], bpf_sock_map_update: ['sockmap'],
    bpf_sk_redirect_hash: ['sockhash'], bpf_msg_redirect_hash: ['sockhash'], bpf_sock_hash_update: ['sockhash'],
    bpf_sk_select_reuseport: ['reuseport_sockarray', 'sockmap', 'sockhash'],
  };
  const need = needs[helper];
  return !need || need.includes(t);
}

const sockTypes = new Set(['sock', 'sock_common', 'tcp_sock', 'btf_id']);

/**
 * bpf_user_ringbuf_drain calls its callback with a const struct bpf_dynptr (CONST_PTR_TO_DYNPTR),
 * which ebcc's verifier does not model.
 */
const DYNPTR_HELPERS: readonly string[] = ['bpf_user_ringbuf_drain'];

/**
 * Helpers whose read-only memory argument may also be a kernel object (PTR_TO_BTF_ID): the
 * kernel bounds the access by the struct member (btf_struct_access). ebcc checks it when the
 * kernel's BTF tells the struct (src/verify/kernel-struct.ts), and takes it unchecked otherwise.
 */
const KERNEL_MEM_UNCHECKED: readonly string[] = ['bpf_strncmp'];

const isKernelMem = (info: HelperInfo, r: Reg): boolean => KERNEL_MEM_UNCHECKED.includes(info.name) && (r.type === 'btf_id' || (r.type === 'scalar' && r.kptr));

/** is_ptr_cast_function: helpers whose result is the argument seen as another type. */
const PTR_CASTS: readonly string[] = [
  'bpf_sk_fullsock', 'bpf_tcp_sock', 'bpf_skc_to_tcp6_sock', 'bpf_skc_to_tcp_sock', 'bpf_skc_to_tcp_timewait_sock',
  'bpf_skc_to_tcp_request_sock', 'bpf_skc_to_udp6_sock', 'bpf_skc_to_mptcp_sock', 'bpf_skc_to_unix_sock',
];

export function helperCall(env: Env, st: State, imm: number, insnIdx: number): void {
  if (imm === 0) {
    throw new Reject('V1009', 'program of this type cannot use helper bpf_unspec#0', { proven: 'a call of helper 0', needed: 'a helper number' });
  }
  const core = imm === CORE_POISON_HELPER ? env.coreFailures?.get(insnIdx) : undefined;
  if (core) {
    throw new Reject('V1032', `invalid func unknown#${imm}`, {
      headline: coreFailureHeadline(core),
      proven: `the loader replaced this instruction with 'call ${imm}' (0x${imm.toString(16)}), because its CO-RE relocation failed`,
      needed: `the instruction unreachable when the kernel lacks ${core.what}`,
      fix: 'guard the access with bpf_core_field_exists() / bpf_core_type_exists(), or fix the type or field name',
    });
  }
  const info = helperById(imm);
  if (!info) {
    throw new Reject('V1021', `invalid func unknown#${imm}`, { proven: `helper number ${imm}`, needed: 'a helper of Linux 6.18' });
  }
  const deniedHere = env.expectedAttach !== undefined && (HELPERS_DENIED_BY_ATTACH[info.name]?.includes(env.expectedAttach) ?? false);
  const allowed = helperAllowed(env.progType, info.name);
  if (allowed === false || deniedHere) {
    throw new Reject('V1009', `program of this type cannot use helper ${info.name}#${info.id}`, {
      proven: `${info.name} is called from a program of type ${env.progType}`,
      needed: `a helper that programs of type ${env.progType} may call`,
    });
  }
  if ((info.gplOnly || GPL_ONLY_HELPERS.includes(info.name)) && !env.gpl) {
    throw new Reject('V1022', 'cannot call GPL-restricted function from non-GPL compatible program', {
      proven: `${info.name} is GPL-only and the license section is not GPL-compatible`,
      needed: 'char LICENSE[] SEC("license") = "GPL";',
    });
  }
  if (MIGHT_SLEEP_HELPERS.includes(info.name) && !env.sleepable) {
    throw new Reject('V1009', 'helper call might sleep in a non-sleepable prog', {
      proven: `${info.name} may sleep and the program is not sleepable`,
      needed: 'a sleepable program (a `.s` section such as uprobe.s, fentry.s or lsm.s)',
    });
  }
  if (DYNPTR_HELPERS.includes(info.name)) {
    throw new Reject('V1030', `calling helper ${info.name}#${info.id} is not supported by ebcc's verifier`, {
      proven: `${info.name} calls its callback with a const struct bpf_dynptr, which ebcc does not model`,
      needed: 'ebcc cannot tell whether the kernel accepts this call; it refuses the program rather than guess',
    });
  }
  if (info.name === 'bpf_kptr_xchg') {
    kptrXchg(env, st, insnIdx);
    return;
  }
  const regs = curFrame(st).regs;
  let map: number | undefined;
  let allocSize = 0;
  let release: Reg | undefined;
  // meta->msize_max_value: the upper bound of the (last) size argument.
  let msizeMax: bigint | undefined;
  const args = (BTF_CTX_TYPES.includes(env.progType) ? BTF_CTX_HELPER_ARGS[info.name] : undefined) ??
    PROG_TYPE_HELPER_ARGS[env.progType]?.[info.name] ?? info.args;
  for (let i = 0; i < args.length; i++) {
    const regno = i + 1;
    const r = regs[regno]!;
    const kind = args[i]!;
    checkArg(env, st, info, kind, regno, r, regs, map, (m) => (map = m), (n) => (allocSize = n));
    if (kind === 'const_size' || kind === 'const_size_or_zero') msizeMax = r.s.umax;
    if (kind === 'ptr_to_btf_id_sock_common' && info.name === 'bpf_sk_release') release = r;
    if (kind === 'ptr_to_alloc_mem') release = r;
  }
  if (map !== undefined) {
    const m = env.maps[map]!;
    if (info.name === 'bpf_tail_call' && m.typeName !== 'prog_array') {
      throw new Reject('V1010', 'expected prog array map for tail call', { proven: `map ${m.name} is a ${m.typeName} map`, needed: 'a BPF_MAP_TYPE_PROG_ARRAY map' });
    }
    const sockUpdate = isSockMap(m) && (info.name === 'bpf_map_update_elem' || info.name === 'bpf_map_delete_elem');
    if (sockUpdate && !sockMapUpdateAllowed(env, info.name)) {
      throw new Reject('V1010', `cannot pass map_type ${m.type} into func ${info.name}#${info.id}`, {
        proven: `map ${m.name} is a ${m.typeName} map and the program is of type ${env.progType}`,
        needed: 'a program type that may change a sockmap here (tc, xdp, socket filter, sk_lookup, ...), or the sock_map_update helpers of sock_ops',
      }, 'cannot update sockmap in this context');
    }
    if (!mapCompatible(m, info.name)) {
      throw new Reject('V1010', `cannot pass map_type ${m.type} into func ${info.name}#${info.id}`, {
        proven: `map ${m.name} is a ${m.typeName} map`,
        needed: `a map type ${info.name} works on`,
      });
    }
  }
  if (info.name === 'bpf_get_local_storage' && !(regs[2]!.type === 'scalar' && isConst(regs[2]!.s) && regs[2]!.s.var.v === 0n)) {
    throw new Reject('V1010', "get_local_storage() doesn't support non-zero flags", {
      proven: `the flags (R2) are ${describe(env, regs[2]!)}`, needed: 'flags 0',
    });
  }
  // A local dynptr is made over a map value only (check_helper_call).
  if (info.name === 'bpf_dynptr_from_mem' && regs[1]!.type !== 'map_value') {
    throw new Reject('V1010', `Unsupported reg type ${typeText(regs[1]!)} for bpf_dynptr_from_mem data`, {
      proven: `the data (R1) is ${describe(env, regs[1]!)}`, needed: 'a pointer into a map value',
    });
  }
  // The dynptr bpf_dynptr_data makes a slice of, or bpf_dynptr_write writes (checked above).
  const dyn = info.name === 'bpf_dynptr_data' || info.name === 'bpf_dynptr_write' ? useDynptr(env, st, 1, regs[1]!, info.name) : undefined;
  const nonNull = info.name === 'bpf_map_lookup_elem' && map !== undefined && constKeyInRange(env, st, regs[2]!, env.maps[map]!);
  if (release) {
    if (!release.refId) {
      throw new Reject('V1010', `R1 must be referenced when passed to release function`, {
        proven: `R1 is ${describe(env, release)}, which was not acquired by this program`,
        needed: 'the pointer a lookup or reserve returned',
      });
    }
    const id = release.refId;
    st.refs = st.refs.filter((x) => x.id !== id);
    for (const x of regsWhere(st, (x) => x.refId === id)) Object.assign(x, regScalar());
  }
  const parentRef = PTR_CASTS.includes(info.name) ? regs[1]!.refId : 0;
  for (let i = 1; i <= 5; i++) regs[i] = regNotInit();
  regs[0] = returnReg(env, st, info, map, allocSize, insnIdx);
  if (msizeMax !== undefined && RET_BOUNDED_BY_SIZE.includes(info.name)) {
    // do_refine_retval_range: [-MAX_ERRNO, size], in both widths (s32 as C truncates it).
    const s = regs[0]!.s;
    s.smin = s.s32min = BigInt(-MAX_ERRNO);
    s.smax = BigInt.asIntN(64, msizeMax);
    s.s32max = BigInt.asIntN(32, msizeMax);
    syncBounds(s);
  }
  if (info.ret === 'dynptr_mem_or_null') {
    // A slice shares the dynptr's reference (a ring buffer record's), not its NULL-check id.
    Object.assign(regs[0]!, { refId: dyn!.refId, dynptr: dyn!.id, pktSlice: isPktKind(dyn!.btf) });
  }
  // A pointer cast of a held socket shares its reference: releasing either ends both.
  if (parentRef) regs[0]!.refId = parentRef;
  if (nonNull) {
    regs[0]!.maybeNull = false;
    // A value that holds a bpf_spin_lock keeps an id: it names the lock.
    if (env.maps[map!]!.spinLockOff === undefined) regs[0]!.id = 0;
  }
  // bpf_dynptr_write into an skb dynptr may move the packet data (bpf_skb_store_bytes).
  if (CHANGES_PKT_DATA.includes(info.name) || (info.name === 'bpf_dynptr_write' && dyn!.btf === 'skb')) {
    for (const x of regsWhere(st, (x) => x.type === 'pkt' || x.type === 'pkt_meta' || x.type === 'pkt_end')) Object.assign(x, regScalar());
    killPktSlices(st);
  }
}

function returnReg(env: Env, st: State, info: HelperInfo, map: number | undefined, allocSize: number, insnIdx: number): Reg {
  switch (info.ret) {
    case 'integer':
      return regScalar();
    case 'void':
      return regNotInit();
    case 'map_value_or_null': {
      const m = map === undefined ? undefined : env.maps[map];
      if (m && m.inner !== undefined) return regPtr('map_ptr', { maybeNull: true, id: newId(env), map: m.inner, origin: insnIdx });
      const id = newId(env);
      if (m && isSockMap(m)) {
        // A socket of a sockmap or sockhash is acquired; after the NULL check it is a socket.
        const refId = newId(env);
        st.refs.push({ id: refId, insn: insnIdx });
        return regPtr('map_value', { maybeNull: true, id, refId, map: map!, origin: insnIdx });
      }
      return regPtr('map_value', { maybeNull: true, id, map: map ?? -1, origin: insnIdx });
    }
    case 'map_value':
      return regPtr('map_value', { map: map ?? -1, origin: insnIdx });
    case 'socket_or_null': case 'sock_common_or_null': {
      const id = newId(env);
      const acquire = info.name !== 'bpf_sk_fullsock';
      const refId = acquire ? newId(env) : 0;
      if (acquire) st.refs.push({ id: refId, insn: insnIdx });
      return regPtr(info.ret === 'socket_or_null' ? 'sock' : 'sock_common', { maybeNull: true, id, refId, origin: insnIdx });
    }
    case 'tcp_sock_or_null':
      return regPtr('tcp_sock', { maybeNull: true, id: newId(env), origin: insnIdx });
    case 'alloc_mem_or_null': {
      const id = newId(env);
      const refId = newId(env);
      st.refs.push({ id: refId, insn: insnIdx });
      return regPtr('mem', { maybeNull: true, id, refId, memSize: allocSize, origin: insnIdx });
    }
    case 'btf_id':
      return regPtr('btf_id', { origin: insnIdx, btf: info.structs?.ret ?? '' });
    case 'dynptr_mem_or_null':
      return regPtr('mem', { maybeNull: true, id: newId(env), memSize: allocSize, origin: insnIdx });
    default:
      return regPtr('btf_id', { maybeNull: true, id: newId(env), origin: insnIdx });
  }
}

function typeError(env: Env, regno: number, r: Reg, expected: string, info: HelperInfo, needed: string): Reject {
  return new Reject('V1010', `R${regno} type=${typeText(r)} expected=${expected}`, {
    proven: `argument ${regno} of ${info.name} (R${regno}) is ${describe(env, r)}`,
    needed,
  });
}

function checkArg(env: Env, st: State, info: HelperInfo, kind: ArgKind, regno: number, r: Reg, regs: Reg[],
  map: number | undefined, setMap: (m: number) => void, setAlloc: (n: number) => void): void {
  assertInit(r, regno);
  const nullOk = kind.endsWith('_or_null');
  if (nullOk && r.type === 'scalar' && isConst(r.s) && r.s.var.v === 0n) return;
  if (r.maybeNull && kind !== 'anything' && !nullOk) {
    const exp = kind === 'const_map_ptr' ? 'map_ptr' : kind.includes('sock') ? SOCK_EXPECTED : kind === 'ptr_to_ctx' ? 'ctx' : MEM_EXPECTED;
    throw new Reject('V1002', `R${regno} type=${typeText(r)} expected=${exp}`, {
      proven: `argument ${regno} of ${info.name} is ${describe(env, r)}: it may be NULL`,
      needed: 'a NULL check before the call',
      notes: r.origin >= 0 ? [{ insn: r.origin, message: 'the pointer that may be NULL comes from here' }] : [],
    });
  }
  switch (kind) {
    case 'anything':
      return;
    case 'const_map_ptr': {
      if (r.type !== 'map_ptr') throw typeError(env, regno, r, 'map_ptr', info, `a map (&my_map) as argument ${regno}`);
      setMap(r.map);
      return;
    }
    case 'ptr_to_map_key': case 'ptr_to_map_value': case 'ptr_to_uninit_map_value': case 'ptr_to_map_value_or_null': {
      if (map === undefined) return;
      const m = env.maps[map]!;
      const size = kind === 'ptr_to_map_key' ? m.keySize : m.valueSize;
      if (kind === 'ptr_to_map_value' && isSockMap(m)) {
        // resolve_map_arg_type: the value stored into a sockmap or sockhash is a socket.
        if (!sockTypes.has(r.type) && !(r.kptr && !r.untrusted)) throw typeError(env, regno, r, SOCK_EXPECTED, info, 'a socket pointer');
        return;
      }
      const okTypes = ['stack', 'pkt', 'pkt_meta', 'map_key', 'map_value'];
      if (!okTypes.includes(r.type)) throw typeError(env, regno, r, MAP_EXPECTED, info, `a pointer to the ${kind === 'ptr_to_map_key' ? 'key' : 'value'} (&key)`);
      checkHelperMem(env, st, regno, r, size, kind === 'ptr_to_uninit_map_value' ? 'write' : 'read', false, MAP_EXPECTED);
      return;
    }
    case 'ptr_to_mem': case 'ptr_to_mem_rdonly': case 'ptr_to_mem_rdonly_or_null': case 'ptr_to_uninit_mem': {
      if (isKernelMem(info, r)) return;
      const okTypes = ['stack', 'pkt', 'pkt_meta', 'map_key', 'map_value', 'mem'];
      if (!okTypes.includes(r.type)) throw typeError(env, regno, r, MEM_EXPECTED, info, 'a pointer to memory (stack, packet, map value)');
      return; // checked with the size argument
    }
    case 'const_size': case 'const_size_or_zero': {
      if (r.type !== 'scalar') throw typeError(env, regno, r, 'scalar', info, 'a size');
      const zeroOk = kind === 'const_size_or_zero';
      const memReg = regs[regno - 1]!;
      const memKind = info.args[regno - 2];
      if (r.s.smin < 0n) {
        throw new Reject('V1020', `R${regno} min value is negative, either use unsigned or 'var &= const'`, {
          proven: `the size (R${regno}) is ${scalarText(r.s)}`, needed: 'a size known to be >= 0',
        });
      }
      if (r.s.umin === 0n && !zeroOk) {
        throw new Reject('V1020', `R${regno} invalid zero-sized read: u64=[${r.s.umin},${r.s.umax}]`, {
          proven: `the size (R${regno}) may be 0: ${scalarText(r.s)}`, needed: `a size of at least 1 for ${info.name}`,
        });
      }
      if (r.s.umax >= BigInt(BPF_MAX_VAR_SIZ)) {
        throw new Reject('V1020', `R${regno} unbounded memory access, use 'var &= const' or 'if (var < const)'`, {
          proven: `the size (R${regno}) has no upper bound: ${scalarText(r.s)}`, needed: 'a size compared with the buffer size first',
        });
      }
      if (isKernelMem(info, memReg)) {
        if (memReg.type === 'scalar' && memReg.kstruct && env.kernelStructs) checkKernelStruct(env, regno - 1, memReg, 0, Number(r.s.umax));
        return;
      }
      // A NULL buffer is allowed only with a size that is 0 (check_helper_mem_access on umax).
      if (memReg.type === 'scalar' && isConst(memReg.s) && memReg.s.var.v === 0n && memKind?.endsWith('_or_null') && r.s.umax === 0n) return;
      const access = memKind === 'ptr_to_uninit_mem' || memKind === 'ptr_to_mem' ? 'write' : 'read';
      checkHelperMem(env, st, regno - 1, memReg, Number(r.s.umax), access, zeroOk, memReg.type === 'scalar' ? 'fp' : MEM_EXPECTED);
      return;
    }
    case 'const_alloc_size_or_zero':
      if (r.type !== 'scalar' || !isConst(r.s)) {
        throw new Reject('V1020', `R${regno} is not a known constant'`, { proven: `the size (R${regno}) is ${describe(env, r)}`, needed: 'a constant size' });
      }
      setAlloc(Number(constValue(r.s)));
      return;
    case 'ptr_to_ctx_or_null': case 'ptr_to_ctx':
      if (kind === 'ptr_to_ctx_or_null' && r.type === 'scalar' && isConst(r.s) && r.s.var.v === 0n) return;
      if (r.type !== 'ctx') throw typeError(env, regno, r, 'ctx', info, 'the context pointer the program received');
      // __check_ptr_off_reg: a negative offset, then any fixed offset, then a variable one.
      if (r.off < 0) {
        throw new Reject('V1015', `negative offset ctx ptr R${regno} off=${r.off} disallowed`, { proven: `R${regno} is the context pointer moved by ${r.off}`, needed: 'the unmodified context pointer' });
      }
      if (r.off !== 0) {
        throw new Reject('V1015', `dereference of modified ctx ptr R${regno} off=${r.off} disallowed`, { proven: `R${regno} is the context pointer moved by ${r.off}`, needed: 'the unmodified context pointer' });
      }
      if (!isConst(r.s) || r.s.var.v !== 0n) {
        throw new Reject('V1015', `variable ctx access var_off=${tnumText(r.s.var)} disallowed`, { proven: `R${regno} is the context pointer moved by a variable amount`, needed: 'the unmodified context pointer' });
      }
      return;
    case 'ptr_to_sock_common': case 'ptr_to_btf_id_sock_common':
      if (!sockTypes.has(r.type) && !(r.kptr && !r.untrusted)) throw typeError(env, regno, r, SOCK_EXPECTED, info, 'a socket pointer');
      return;
    case 'ptr_to_btf_id': {
      if (r.kptr && r.untrusted) throw typeError(env, regno, r, BTF_ID_EXPECTED, info, 'a kernel object the kernel trusts (not a bpf_rdonly_cast() result)');
      // A value of a BTF-typed context or read from a kernel object: ebcc does not know its struct.
      if (r.kptr) return;
      const want = info.structs?.args?.[regno - 1];
      if (r.type !== 'btf_id') throw typeError(env, regno, r, BTF_ID_EXPECTED, info, `a pointer to a kernel struct ${want ?? ''}`.trimEnd());
      // btf_struct_ids_match. (It also takes a struct whose first member is the one expected: none
      // of the structs these helpers take is the first member of another.)
      if (want !== undefined && r.btf !== '' && r.btf !== want) {
        throw new Reject('V1010', `R${regno} is of type ${r.btf} but ${want} is expected`, {
          proven: `argument ${regno} of ${info.name} (R${regno}) points to a struct ${r.btf}`,
          needed: `a pointer to a struct ${want}`,
        });
      }
      return;
    }
    case 'ptr_to_alloc_mem':
      if (r.type !== 'mem' || r.refId === 0 || r.dynptr !== 0) throw typeError(env, regno, r, 'ringbuf_mem', info, 'the record bpf_ringbuf_reserve() returned');
      if (r.off !== 0 || !isConst(r.s) || r.s.var.v !== 0n) {
        throw new Reject('V1010', `R${regno} must have zero offset when passed to release func or trusted arg to kfunc`, { proven: `R${regno} is ${describe(env, r)}`, needed: 'the record pointer itself' });
      }
      return;
    case 'ptr_to_spin_lock': {
      if (r.type === 'btf_id' && r.alloc && !r.maybeNull) {
        allocSpinLock(env, st, info.id, regno, r);
        return;
      }
      if (r.type !== 'map_value') throw typeError(env, regno, r, 'map_value', info, 'a pointer to a struct bpf_spin_lock in a map value');
      const m = env.maps[r.map]!;
      if (!isConst(r.s)) {
        throw new Reject('V1027', `R${regno} doesn't have constant offset. bpf_spin_lock has to be at the constant offset`, {
          proven: `R${regno} is ${describe(env, r)}`, needed: `a pointer to the lock field itself`,
        });
      }
      if (m.spinLockOff === undefined) {
        throw new Reject('V1027', `map '${m.name}' has to have BTF in order to use bpf_spin_lock`, {
          proven: `the value of map ${m.name} has no struct bpf_spin_lock (or no BTF)`, needed: 'a map value type with a struct bpf_spin_lock member',
        });
      }
      const at = r.off + Number(r.s.var.v);
      if (at !== m.spinLockOff) {
        throw new Reject('V1027', `off ${at} doesn't point to 'struct bpf_spin_lock' that is at ${m.spinLockOff}`, {
          proven: `R${regno} points ${at} bytes into the value`, needed: `the lock at offset ${m.spinLockOff}`,
        });
      }
      spinLockCall(env, st, info.id, r, env.insnIdx);
      return;
    }
    case 'ptr_to_func':
      if (r.type !== 'func') throw typeError(env, regno, r, 'func', info, 'a function (callback)');
      return;
    case 'ptr_to_stack_or_null':
      if (r.type !== 'stack') throw typeError(env, regno, r, 'fp', info, 'a stack pointer or NULL');
      return;
    case 'ptr_to_int':
      checkHelperMem(env, st, regno, r, 4, 'write', false, MEM_EXPECTED);
      return;
    case 'ptr_to_percpu_btf_id':
      if (r.type !== 'btf_id' && !(r.type === 'scalar' && r.kptr)) {
        throw typeError(env, regno, r, 'percpu_ptr_, percpu_rcu_ptr_, percpu_trusted_ptr_', info, 'a per-CPU kernel variable (extern ... __ksym)');
      }
      return;
    case 'ptr_to_dynptr':
      useDynptr(env, st, regno, r, info.name);
      return;
    case 'ptr_to_dynptr_uninit_local': case 'ptr_to_dynptr_uninit_ringbuf':
      makeDynptr(env, st, regno, r, kind === 'ptr_to_dynptr_uninit_local' ? 'local' : 'ringbuf', info.name, env.insnIdx);
      return;
    case 'ptr_to_dynptr_ringbuf_release':
      releaseDynptr(env, st, regno, r, info.name);
      return;
    case 'ptr_to_const_str':
      if (r.type !== 'map_value' || !env.maps[r.map]!.readOnly) throw typeError(env, regno, r, 'map_value', info, 'a string in read-only global data');
      return;
    default:
      return;
  }
}

export { mt };

function isSockMap(m: MapInfo): boolean {
  return SOCK_MAP_TYPES.includes(m.typeName);
}

function sockMapUpdateAllowed(env: Env, helper: string): boolean {
  if (env.progType === 'tracing') return env.expectedAttach === SOCKMAP_UPDATE_ATTACH;
  const how = SOCKMAP_UPDATE_TYPES[env.progType];
  return how === 'update_delete' || (how === 'delete' && helper === 'bpf_map_delete_elem');
}

/**
 * Linux 6.18 (get_constant_map_key): a lookup in an array map with a constant key below
 * max_entries cannot fail, so the result is not NULL. The key's bytes up to the top of its stack
 * slot must be zeros covering the key, or the slot must hold a spilled constant scalar whose spilled
 * bytes from the key up are exactly as many as the key (an 8-byte spill read as a 4-byte key is
 * not a constant key). The key is then the spilled register's whole value.
 */
function constKeyInRange(env: Env, st: State, key: Reg, m: MapInfo): boolean {
  if (m.typeName !== 'array' && m.typeName !== 'percpu_array') return false;
  if (key.type !== 'stack' || !isConst(key.s)) return false;
  const a = key.off + Number(BigInt.asIntN(64, key.s.var.v));
  const f = st.frames[key.frame]!;
  const i = a + 512;
  if (a < -512 || a + m.keySize > 0) return false;
  const top = (i | 7) + 1;
  let zeros = 0;
  while (i + zeros < top && f.bytes[i + zeros] === SLOT_ZERO) zeros++;
  let value: bigint | undefined;
  if (zeros >= m.keySize) value = 0n;
  else {
    const slot = f.spills[i >> 3];
    if (!slot || slot.type !== 'scalar' || f.bytes[i & ~7] !== SLOT_SPILL || !isConst(slot.s)) return false;
    let spilled = 0;
    while (i + spilled < top && f.bytes[i + spilled] === SLOT_SPILL) spilled++;
    if (spilled !== m.keySize) return false;
    value = BigInt.asIntN(64, slot.s.var.v);
  }
  return value >= 0n && value < BigInt(m.maxEntries);
}
