// The BPF helper table: id, name, C prototype, and the argument and return kinds the
// kernel verifier checks (its bpf_func_proto vocabulary). Ids and prototypes come from
// helper-protos.ts; the kinds below are exact for the helpers networking programs use.
// Helpers without an entry in HELPER_KINDS get a generic signature derived from the
// C prototype: 'anything' for every parameter, 'integer' (or 'void') for the result.
import { HELPER_PROTOS } from './helper-protos.js';

/** What the verifier knows about R0 after the call. */
export type RetKind =
  | 'integer' /* a scalar */
  | 'void' /* R0 is not readable afterwards */
  | 'map_value_or_null' /* pointer into a map value, or NULL: must be checked */
  | 'map_value' /* pointer into a map value, never NULL (RET_PTR_TO_MAP_VALUE) */
  | 'socket_or_null' /* struct bpf_sock *, acquired (must be released) */
  | 'sock_common_or_null' /* struct bpf_sock_common *, acquired */
  | 'tcp_sock_or_null' /* struct bpf_tcp_sock * */
  | 'alloc_mem_or_null' /* ringbuf record, acquired (must be submitted or discarded) */
  | 'btf_id_or_null' /* pointer to a kernel object described by BTF */
  | 'btf_id' /* a trusted pointer to a kernel object described by BTF, never NULL */
  | 'dynptr_mem_or_null' /* memory of a dynptr (bpf_dynptr_data), of the size argument's bytes, or NULL */
  | 'ptr_or_null'; /* any other pointer result (generic default) */

/** What the verifier requires of an argument register (R1..R5). */
export type ArgKind =
  | 'anything' /* any initialised value */
  | 'const_map_ptr' /* a map loaded with ld_imm64 */
  | 'ptr_to_map_key' /* stack (or map value) memory of the map's key size */
  | 'ptr_to_map_value' /* initialised memory of the map's value size */
  | 'ptr_to_uninit_map_value' /* memory of the map's value size; the helper writes it */
  | 'ptr_to_map_value_or_null'
  | 'ptr_to_mem' /* readable and writable memory; size in the next argument */
  | 'ptr_to_mem_rdonly' /* initialised memory the helper reads; size in the next argument */
  | 'ptr_to_mem_rdonly_or_null'
  | 'ptr_to_uninit_mem' /* memory the helper fills; size in the next argument */
  | 'const_size' /* a known, non-zero size */
  | 'const_size_or_zero'
  | 'const_alloc_size_or_zero'
  | 'ptr_to_ctx' /* the program's context pointer (R1 at entry), unmodified */
  | 'ptr_to_ctx_or_null' /* the context pointer, or NULL (constant 0) */
  | 'ptr_to_sock_common'
  | 'ptr_to_btf_id_sock_common' /* a socket pointer from a lookup or from the context */
  | 'ptr_to_btf_id' /* a pointer to a kernel object of the struct named in `structs.args` (ARG_PTR_TO_BTF_ID) */
  | 'ptr_to_spin_lock' /* a struct bpf_spin_lock inside a map value */
  | 'ptr_to_alloc_mem' /* a ringbuf record from bpf_ringbuf_reserve */
  | 'ptr_to_func' /* a callback: ld_imm64 with src = BPF_PSEUDO_FUNC */
  | 'ptr_to_stack_or_null'
  | 'ptr_to_int' /* pointer to a 4-byte writable location */
  | 'ptr_to_const_str' /* pointer to a NUL-terminated string in a read-only map */
  | 'ptr_to_percpu_btf_id' /* a per-CPU kernel variable (a __ksym) or per-CPU kernel pointer */
  | 'ptr_to_dynptr' /* an initialised struct bpf_dynptr on the stack (ARG_PTR_TO_DYNPTR) */
  | 'ptr_to_dynptr_uninit_local' /* stack the helper makes a local dynptr in (DYNPTR_TYPE_LOCAL | MEM_UNINIT) */
  | 'ptr_to_dynptr_uninit_ringbuf' /* stack the helper makes a ring buffer dynptr in; it holds a reference */
  | 'ptr_to_dynptr_ringbuf_release'; /* a ring buffer dynptr, whose reference the helper releases (OBJ_RELEASE) */

export interface HelperInfo {
  id: number;
  /** The C name, e.g. "bpf_map_lookup_elem". */
  name: string;
  ret: RetKind;
  /** The checked arguments, R1 first. Fewer than the C parameters means the rest are unchecked. */
  args: readonly ArgKind[];
  /** C prototype, e.g. "void *bpf_map_lookup_elem(void *map, const void *key)". */
  proto: string;
  /** True when the kernel offers the helper only to GPL-compatible programs. */
  gplOnly?: boolean;
  /**
   * The kernel structs of a BTF-typed result (ret_btf_id) and of the 'ptr_to_btf_id' arguments
   * (argN_btf_id), R1 first.
   */
  structs?: { ret?: string; args?: readonly (string | undefined)[] };
}

interface KindEntry {
  ret: RetKind;
  args: readonly ArgKind[];
  gplOnly?: boolean;
  structs?: HelperInfo['structs'];
}

const TASK_ARG2 = { args: [undefined, 'task_struct'] };
const CGROUP_ARG2 = { args: [undefined, 'cgroup'] };

const SKB_CTX_ONLY: KindEntry = { ret: 'integer', args: ['ptr_to_ctx'] };
const CTX_AND_ANY: KindEntry = { ret: 'integer', args: ['ptr_to_ctx', 'anything'] };
const CTX_AND_TWO: KindEntry = { ret: 'integer', args: ['ptr_to_ctx', 'anything', 'anything'] };
const NO_ARGS: KindEntry = { ret: 'integer', args: [] };
const SOCK_LOOKUP: (ret: RetKind) => KindEntry = (ret) => ({
  ret,
  args: ['ptr_to_ctx', 'ptr_to_mem_rdonly', 'const_size', 'anything', 'anything'],
});
const PROBE_READ: KindEntry = { ret: 'integer', args: ['ptr_to_uninit_mem', 'const_size_or_zero', 'anything'], gplOnly: true };

/** Exact verifier signatures, keyed by C name. */
const HELPER_KINDS: Readonly<Record<string, KindEntry>> = {
  bpf_map_lookup_elem: { ret: 'map_value_or_null', args: ['const_map_ptr', 'ptr_to_map_key'] },
  // RET_PTR_TO_BTF_ID_TRUSTED: the current task, never NULL.
  bpf_get_current_task_btf: { ret: 'btf_id', args: [], structs: { ret: 'task_struct' } },
  // Local storage of a task or a cgroup: the owner is a kernel object of that exact struct.
  bpf_task_storage_get: { ret: 'map_value_or_null', args: ['const_map_ptr', 'ptr_to_btf_id', 'ptr_to_map_value_or_null', 'anything'], structs: TASK_ARG2 },
  bpf_task_storage_delete: { ret: 'integer', args: ['const_map_ptr', 'ptr_to_btf_id'], structs: TASK_ARG2 },
  bpf_cgrp_storage_get: { ret: 'map_value_or_null', args: ['const_map_ptr', 'ptr_to_btf_id', 'ptr_to_map_value_or_null', 'anything'], structs: CGROUP_ARG2 },
  bpf_cgrp_storage_delete: { ret: 'integer', args: ['const_map_ptr', 'ptr_to_btf_id'], structs: CGROUP_ARG2 },
  // The callback runs at most once, with the task, the vm_area_struct found and the context.
  bpf_find_vma: { ret: 'integer', args: ['ptr_to_btf_id', 'anything', 'ptr_to_func', 'ptr_to_stack_or_null', 'anything'], structs: { args: ['task_struct'] } },
  bpf_map_update_elem: { ret: 'integer', args: ['const_map_ptr', 'ptr_to_map_key', 'ptr_to_map_value', 'anything'] },
  bpf_map_delete_elem: { ret: 'integer', args: ['const_map_ptr', 'ptr_to_map_key'] },
  bpf_map_push_elem: { ret: 'integer', args: ['const_map_ptr', 'ptr_to_map_value', 'anything'] },
  bpf_map_pop_elem: { ret: 'integer', args: ['const_map_ptr', 'ptr_to_uninit_map_value'] },
  bpf_map_peek_elem: { ret: 'integer', args: ['const_map_ptr', 'ptr_to_uninit_map_value'] },
  bpf_map_lookup_percpu_elem: { ret: 'map_value_or_null', args: ['const_map_ptr', 'ptr_to_map_key', 'anything'] },
  bpf_for_each_map_elem: { ret: 'integer', args: ['const_map_ptr', 'ptr_to_func', 'ptr_to_stack_or_null', 'anything'] },
  bpf_probe_read: PROBE_READ,
  bpf_probe_read_str: PROBE_READ,
  bpf_probe_read_kernel: PROBE_READ,
  bpf_probe_read_kernel_str: PROBE_READ,
  bpf_probe_read_user: PROBE_READ,
  bpf_probe_read_user_str: PROBE_READ,
  bpf_get_stack: { ret: 'integer', args: ['ptr_to_ctx', 'ptr_to_uninit_mem', 'const_size_or_zero', 'anything'], gplOnly: true },
  bpf_get_task_stack: { ret: 'integer', args: ['anything', 'ptr_to_uninit_mem', 'const_size_or_zero', 'anything'] },
  bpf_ktime_get_ns: NO_ARGS,
  bpf_ktime_get_boot_ns: NO_ARGS,
  bpf_ktime_get_coarse_ns: NO_ARGS,
  bpf_ktime_get_tai_ns: NO_ARGS,
  bpf_jiffies64: NO_ARGS,
  bpf_get_prandom_u32: NO_ARGS,
  bpf_get_smp_processor_id: NO_ARGS,
  bpf_get_numa_node_id: NO_ARGS,
  bpf_get_current_pid_tgid: NO_ARGS,
  bpf_get_current_uid_gid: NO_ARGS,
  // The first argument is the context (sock_ops, sock_addr) or a socket (tracing, struct_ops).
  bpf_getsockopt: { ret: 'integer', args: ['anything', 'anything', 'anything', 'ptr_to_uninit_mem', 'const_size'] },
  bpf_setsockopt: { ret: 'integer', args: ['anything', 'anything', 'anything', 'ptr_to_mem_rdonly', 'const_size'] },
  bpf_get_current_comm: { ret: 'integer', args: ['ptr_to_uninit_mem', 'const_size'] },
  // The format string and its size are checked; the three values after them are not.
  bpf_trace_printk: { ret: 'integer', args: ['ptr_to_mem_rdonly', 'const_size'], gplOnly: true },
  bpf_skb_store_bytes: { ret: 'integer', args: ['ptr_to_ctx', 'anything', 'ptr_to_mem_rdonly', 'const_size', 'anything'] },
  bpf_l3_csum_replace: { ret: 'integer', args: ['ptr_to_ctx', 'anything', 'anything', 'anything', 'anything'] },
  bpf_l4_csum_replace: { ret: 'integer', args: ['ptr_to_ctx', 'anything', 'anything', 'anything', 'anything'] },
  bpf_tail_call: { ret: 'void', args: ['ptr_to_ctx', 'const_map_ptr', 'anything'] },
  bpf_clone_redirect: CTX_AND_TWO,
  bpf_get_cgroup_classid: SKB_CTX_ONLY,
  bpf_skb_vlan_push: CTX_AND_TWO,
  bpf_skb_vlan_pop: SKB_CTX_ONLY,
  bpf_skb_get_tunnel_key: { ret: 'integer', args: ['ptr_to_ctx', 'ptr_to_uninit_mem', 'const_size', 'anything'] },
  bpf_skb_set_tunnel_key: { ret: 'integer', args: ['ptr_to_ctx', 'ptr_to_mem_rdonly', 'const_size', 'anything'] },
  bpf_redirect: { ret: 'integer', args: ['anything', 'anything'] },
  bpf_redirect_map: { ret: 'integer', args: ['const_map_ptr', 'anything', 'anything'] },
  bpf_redirect_neigh: { ret: 'integer', args: ['anything', 'ptr_to_mem_rdonly_or_null', 'const_size_or_zero', 'anything'] },
  bpf_redirect_peer: { ret: 'integer', args: ['anything', 'anything'] },
  bpf_perf_event_output: {
    ret: 'integer',
    args: ['ptr_to_ctx', 'const_map_ptr', 'anything', 'ptr_to_mem_rdonly', 'const_size_or_zero'],
    gplOnly: true,
  },
  bpf_skb_load_bytes: { ret: 'integer', args: ['ptr_to_ctx', 'anything', 'ptr_to_uninit_mem', 'const_size'] },
  bpf_skb_load_bytes_relative: {
    ret: 'integer',
    args: ['ptr_to_ctx', 'anything', 'ptr_to_uninit_mem', 'const_size', 'anything'],
  },
  bpf_csum_diff: {
    ret: 'integer',
    args: ['ptr_to_mem_rdonly_or_null', 'const_size_or_zero', 'ptr_to_mem_rdonly_or_null', 'const_size_or_zero', 'anything'],
  },
  bpf_csum_update: CTX_AND_ANY,
  bpf_skb_change_proto: CTX_AND_TWO,
  bpf_skb_change_type: CTX_AND_ANY,
  bpf_skb_change_tail: CTX_AND_TWO,
  bpf_skb_change_head: CTX_AND_TWO,
  bpf_skb_pull_data: CTX_AND_ANY,
  bpf_skb_adjust_room: { ret: 'integer', args: ['ptr_to_ctx', 'anything', 'anything', 'anything'] },
  bpf_skb_under_cgroup: { ret: 'integer', args: ['ptr_to_ctx', 'const_map_ptr', 'anything'] },
  bpf_skb_cgroup_id: SKB_CTX_ONLY,
  bpf_skb_ecn_set_ce: SKB_CTX_ONLY,
  bpf_get_hash_recalc: SKB_CTX_ONLY,
  bpf_set_hash_invalid: { ret: 'void', args: ['ptr_to_ctx'] },
  bpf_set_hash: CTX_AND_ANY,
  bpf_get_socket_cookie: SKB_CTX_ONLY,
  bpf_get_netns_cookie: { ret: 'integer', args: ['ptr_to_ctx_or_null'] },
  bpf_xdp_adjust_head: CTX_AND_ANY,
  bpf_xdp_adjust_meta: CTX_AND_ANY,
  bpf_xdp_adjust_tail: CTX_AND_ANY,
  bpf_xdp_get_buff_len: SKB_CTX_ONLY,
  bpf_xdp_load_bytes: { ret: 'integer', args: ['ptr_to_ctx', 'anything', 'ptr_to_uninit_mem', 'const_size'] },
  bpf_xdp_store_bytes: { ret: 'integer', args: ['ptr_to_ctx', 'anything', 'ptr_to_mem_rdonly', 'const_size'] },
  bpf_fib_lookup: { ret: 'integer', args: ['ptr_to_ctx', 'ptr_to_mem', 'const_size', 'anything'] },
  bpf_check_mtu: { ret: 'integer', args: ['ptr_to_ctx', 'anything', 'ptr_to_int', 'anything', 'anything'] },
  bpf_sk_lookup_tcp: SOCK_LOOKUP('socket_or_null'),
  bpf_sk_lookup_udp: SOCK_LOOKUP('socket_or_null'),
  bpf_skc_lookup_tcp: SOCK_LOOKUP('sock_common_or_null'),
  bpf_sk_release: { ret: 'integer', args: ['ptr_to_btf_id_sock_common'] },
  bpf_sk_fullsock: { ret: 'socket_or_null', args: ['ptr_to_sock_common'] },
  bpf_tcp_sock: { ret: 'tcp_sock_or_null', args: ['ptr_to_sock_common'] },
  bpf_tcp_check_syncookie: {
    ret: 'integer',
    args: ['ptr_to_btf_id_sock_common', 'ptr_to_mem_rdonly', 'const_size', 'ptr_to_mem_rdonly', 'const_size'],
  },
  bpf_tcp_gen_syncookie: {
    ret: 'integer',
    args: ['ptr_to_btf_id_sock_common', 'ptr_to_mem_rdonly', 'const_size', 'ptr_to_mem_rdonly', 'const_size'],
  },
  bpf_sk_storage_get: {
    ret: 'map_value_or_null',
    args: ['const_map_ptr', 'ptr_to_btf_id_sock_common', 'ptr_to_map_value_or_null', 'anything'],
  },
  // The cgroup's storage in the map (cgroup_storage, percpu_cgroup_storage): always there.
  bpf_get_local_storage: { ret: 'map_value', args: ['const_map_ptr', 'anything'] },
  bpf_sk_storage_delete: { ret: 'integer', args: ['const_map_ptr', 'ptr_to_btf_id_sock_common'] },
  bpf_spin_lock: { ret: 'void', args: ['ptr_to_spin_lock'] },
  bpf_spin_unlock: { ret: 'void', args: ['ptr_to_spin_lock'] },
  bpf_ringbuf_output: { ret: 'integer', args: ['const_map_ptr', 'ptr_to_mem_rdonly', 'const_size_or_zero', 'anything'] },
  bpf_ringbuf_reserve: { ret: 'alloc_mem_or_null', args: ['const_map_ptr', 'const_alloc_size_or_zero', 'anything'] },
  bpf_ringbuf_submit: { ret: 'void', args: ['ptr_to_alloc_mem', 'anything'] },
  bpf_ringbuf_discard: { ret: 'void', args: ['ptr_to_alloc_mem', 'anything'] },
  bpf_ringbuf_query: { ret: 'integer', args: ['const_map_ptr', 'anything'] },
  bpf_strncmp: { ret: 'integer', args: ['ptr_to_mem_rdonly', 'const_size', 'ptr_to_const_str'] },
  bpf_this_cpu_ptr: { ret: 'ptr_or_null', args: ['ptr_to_percpu_btf_id'] },
  bpf_per_cpu_ptr: { ret: 'ptr_or_null', args: ['ptr_to_percpu_btf_id', 'anything'] },
  // The dynptr helpers (kernel/bpf/helpers.c, ringbuf.c): the dynptr's stack slots are tracked.
  bpf_dynptr_from_mem: { ret: 'integer', args: ['ptr_to_uninit_mem', 'const_size_or_zero', 'anything', 'ptr_to_dynptr_uninit_local'] },
  bpf_ringbuf_reserve_dynptr: { ret: 'integer', args: ['const_map_ptr', 'anything', 'anything', 'ptr_to_dynptr_uninit_ringbuf'] },
  bpf_ringbuf_submit_dynptr: { ret: 'void', args: ['ptr_to_dynptr_ringbuf_release', 'anything'] },
  bpf_ringbuf_discard_dynptr: { ret: 'void', args: ['ptr_to_dynptr_ringbuf_release', 'anything'] },
  bpf_dynptr_read: { ret: 'integer', args: ['ptr_to_uninit_mem', 'const_size_or_zero', 'ptr_to_dynptr', 'anything', 'anything'] },
  bpf_dynptr_write: { ret: 'integer', args: ['ptr_to_dynptr', 'anything', 'ptr_to_mem_rdonly', 'const_size_or_zero', 'anything'] },
  bpf_dynptr_data: { ret: 'dynptr_mem_or_null', args: ['ptr_to_dynptr', 'anything', 'const_alloc_size_or_zero'] },
  bpf_loop: { ret: 'integer', args: ['anything', 'ptr_to_func', 'ptr_to_stack_or_null', 'anything'] },
  bpf_snprintf: {
    ret: 'integer',
    args: ['ptr_to_uninit_mem', 'const_size_or_zero', 'ptr_to_const_str', 'ptr_to_mem_rdonly_or_null', 'const_size_or_zero'],
  },
};

const PROTO_RE = /^(.*?)\b(bpf_\w+)\((.*)\)$/;

/** Splits a prototype into return type, name and parameter list. */
export function splitProto(proto: string): { ret: string; name: string; params: string } {
  const m = PROTO_RE.exec(proto);
  if (!m) throw new Error(`internal: malformed helper prototype ${proto}`);
  return { ret: m[1]!.trim(), name: m[2]!, params: m[3]! };
}

function defaultKinds(proto: string): KindEntry {
  const { ret, params } = splitProto(proto);
  const count = params === 'void' ? 0 : params.split(',').filter((p) => p.trim() !== '...').length;
  const retKind: RetKind = ret === 'void' ? 'void' : ret.endsWith('*') ? 'ptr_or_null' : 'integer';
  return { ret: retKind, args: new Array<ArgKind>(count).fill('anything') };
}

function buildTable(): HelperInfo[] {
  return HELPER_PROTOS.map(([id, proto]) => {
    const { name } = splitProto(proto);
    const kinds = HELPER_KINDS[name] ?? defaultKinds(proto);
    const info: HelperInfo = { id, name, ret: kinds.ret, args: kinds.args, proto };
    if (kinds.gplOnly) info.gplOnly = true;
    if (kinds.structs) info.structs = kinds.structs;
    return info;
  });
}

interface HelperIndex {
  list: readonly HelperInfo[];
  byId: ReadonlyMap<number, HelperInfo>;
  byName: ReadonlyMap<string, HelperInfo>;
}

// Built on first use and never changed afterwards.
let helperIndex: HelperIndex | undefined;

function helperIdx(): HelperIndex {
  if (helperIndex) return helperIndex;
  const list = buildTable();
  helperIndex = {
    list,
    byId: new Map(list.map((h) => [h.id, h])),
    byName: new Map(list.map((h) => [h.name, h])),
  };
  return helperIndex;
}

/** Every helper, in id order. */
export function helperTable(): readonly HelperInfo[] {
  return helperIdx().list;
}

/**
 * Helpers whose integer result the verifier bounds by their size argument (do_refine_retval_range):
 * a negative errno down to -MAX_ERRNO, or at most as many bytes as the size argument's upper bound.
 */
export const RET_BOUNDED_BY_SIZE: readonly string[] = [
  'bpf_get_stack', 'bpf_get_task_stack', 'bpf_probe_read_str', 'bpf_probe_read_kernel_str', 'bpf_probe_read_user_str',
];

/** MAX_ERRNO: the most negative errno a helper returns. */
export const MAX_ERRNO = 4095;

export function helperById(id: number): HelperInfo | undefined {
  return helperIdx().byId.get(id);
}

/**
 * A helper that may keep a pointer it is given after it returns, and hand it back later: the
 * dynptr helpers (bpf_dynptr_from_mem records its buffer, bpf_dynptr_data returns a pointer into
 * it). An unknown helper is assumed to.
 */
export function helperKeepsPointers(id: number): boolean {
  const info = helperById(id);
  return info === undefined || info.proto.includes('bpf_dynptr');
}

/**
 * Whether the helper may keep the pointer given as argument `index` (0 for R1) after it returns.
 * Of a dynptr helper's arguments, only the dynptr itself is kept (its state may point at a
 * buffer), and the buffer bpf_dynptr_from_mem records; the other memory arguments
 * (bpf_dynptr_read's destination, bpf_dynptr_write's source) are used during the call only, like
 * any helper's. An unknown helper is assumed to keep every argument.
 */
export function helperKeepsArg(id: number, index: number): boolean {
  const info = helperById(id);
  if (info === undefined) return true;
  const { params } = splitProto(info.proto);
  const param = params === 'void' ? undefined : params.split(',')[index];
  if (param === undefined || param.trim() === '...') return false;
  return param.includes('bpf_dynptr') || (info.name === 'bpf_dynptr_from_mem' && index === 0);
}

/** Looks a helper up by its C name ("bpf_redirect"). */
export function helperByName(name: string): HelperInfo | undefined {
  return helperIdx().byName.get(name);
}

/** The names that have exact verifier signatures (for tests and documentation). */
export function helpersWithExactKinds(): readonly string[] {
  return Object.keys(HELPER_KINDS);
}
