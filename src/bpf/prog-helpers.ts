// Which helpers each program type may call (the kernel's per-type get_func_proto, for a root
// load: CAP_BPF, CAP_PERFMON, CAP_NET_ADMIN; Linux 6.18), and which helpers change packet data
// (bpf_helper_changes_pkt_data), which invalidates every packet pointer the program holds.
// Names are the helpers' C names (helpers.ts). A type without an entry here is not checked.
import type { ArgKind } from './helpers.js';

const BASE = [
  'bpf_map_lookup_elem', 'bpf_map_update_elem', 'bpf_map_delete_elem', 'bpf_map_push_elem', 'bpf_map_pop_elem',
  'bpf_map_peek_elem', 'bpf_map_lookup_percpu_elem', 'bpf_get_prandom_u32', 'bpf_get_smp_processor_id',
  'bpf_get_numa_node_id', 'bpf_tail_call', 'bpf_ktime_get_ns', 'bpf_ktime_get_boot_ns', 'bpf_ktime_get_tai_ns',
  'bpf_ringbuf_output', 'bpf_ringbuf_reserve', 'bpf_ringbuf_submit', 'bpf_ringbuf_discard', 'bpf_ringbuf_query',
  'bpf_for_each_map_elem', 'bpf_loop', 'bpf_strncmp', 'bpf_dynptr_from_mem', 'bpf_ringbuf_reserve_dynptr',
  'bpf_ringbuf_submit_dynptr', 'bpf_ringbuf_discard_dynptr', 'bpf_dynptr_read', 'bpf_dynptr_write', 'bpf_dynptr_data',
  'bpf_user_ringbuf_drain', 'bpf_spin_lock', 'bpf_spin_unlock', 'bpf_jiffies64', 'bpf_per_cpu_ptr', 'bpf_this_cpu_ptr',
  'bpf_timer_init', 'bpf_timer_set_callback', 'bpf_timer_start', 'bpf_timer_cancel', 'bpf_kptr_xchg',
  'bpf_cgrp_storage_get', 'bpf_cgrp_storage_delete', 'bpf_ktime_get_coarse_ns',
  // CAP_PERFMON
  'bpf_trace_printk', 'bpf_get_current_task', 'bpf_get_current_task_btf', 'bpf_probe_read_user',
  'bpf_probe_read_kernel', 'bpf_probe_read_user_str', 'bpf_probe_read_kernel_str', 'bpf_snprintf_btf', 'bpf_snprintf',
  'bpf_task_pt_regs', 'bpf_trace_vprintk',
  // Linux 6.10+ offers the current task's identity and signals to every program type.
  'bpf_get_current_pid_tgid', 'bpf_get_current_uid_gid', 'bpf_get_current_comm', 'bpf_get_current_cgroup_id',
  'bpf_get_current_ancestor_cgroup_id', 'bpf_get_ns_current_pid_tgid', 'bpf_send_signal', 'bpf_send_signal_thread',
  'bpf_task_storage_get', 'bpf_task_storage_delete',
];

const SK_BASE = [
  ...BASE, 'bpf_skc_to_tcp6_sock', 'bpf_skc_to_tcp_sock', 'bpf_skc_to_tcp_timewait_sock', 'bpf_skc_to_tcp_request_sock',
  'bpf_skc_to_udp6_sock', 'bpf_skc_to_unix_sock', 'bpf_skc_to_mptcp_sock',
];

const SK_FILTER = [
  ...SK_BASE, 'bpf_skb_load_bytes', 'bpf_skb_load_bytes_relative', 'bpf_get_socket_cookie', 'bpf_get_socket_uid',
  'bpf_perf_event_output',
];

const SOCK_LOOKUP = [
  'bpf_sk_lookup_tcp', 'bpf_sk_lookup_udp', 'bpf_sk_release', 'bpf_skc_lookup_tcp', 'bpf_tcp_check_syncookie',
  'bpf_tcp_gen_syncookie', 'bpf_tcp_raw_gen_syncookie_ipv4', 'bpf_tcp_raw_gen_syncookie_ipv6',
  'bpf_tcp_raw_check_syncookie_ipv4', 'bpf_tcp_raw_check_syncookie_ipv6',
];

const TC = [
  ...SK_BASE, ...SOCK_LOOKUP, 'bpf_skb_store_bytes', 'bpf_skb_load_bytes', 'bpf_skb_load_bytes_relative',
  'bpf_skb_pull_data', 'bpf_csum_diff', 'bpf_csum_update', 'bpf_csum_level', 'bpf_l3_csum_replace',
  'bpf_l4_csum_replace', 'bpf_clone_redirect', 'bpf_get_cgroup_classid', 'bpf_skb_vlan_push', 'bpf_skb_vlan_pop',
  'bpf_skb_change_proto', 'bpf_skb_change_type', 'bpf_skb_adjust_room', 'bpf_skb_change_tail', 'bpf_skb_change_head',
  'bpf_skb_get_tunnel_key', 'bpf_skb_set_tunnel_key', 'bpf_skb_get_tunnel_opt', 'bpf_skb_set_tunnel_opt',
  'bpf_redirect', 'bpf_redirect_neigh', 'bpf_redirect_peer', 'bpf_get_route_realm', 'bpf_get_hash_recalc',
  'bpf_set_hash_invalid', 'bpf_set_hash', 'bpf_perf_event_output', 'bpf_skb_under_cgroup', 'bpf_get_socket_cookie',
  'bpf_get_socket_uid', 'bpf_fib_lookup', 'bpf_check_mtu', 'bpf_sk_fullsock', 'bpf_sk_storage_get',
  'bpf_sk_storage_delete', 'bpf_skb_get_xfrm_state', 'bpf_skb_cgroup_classid', 'bpf_skb_cgroup_id',
  'bpf_skb_ancestor_cgroup_id', 'bpf_sk_assign', 'bpf_tcp_sock', 'bpf_get_listener_sock', 'bpf_skb_ecn_set_ce',
  'bpf_skb_set_tstamp', 'bpf_get_netns_cookie',
];

const XDP = [
  ...SK_BASE, ...SOCK_LOOKUP, 'bpf_perf_event_output', 'bpf_csum_diff', 'bpf_xdp_adjust_head', 'bpf_xdp_adjust_meta',
  'bpf_redirect', 'bpf_redirect_map', 'bpf_xdp_adjust_tail', 'bpf_xdp_get_buff_len', 'bpf_xdp_load_bytes',
  'bpf_xdp_store_bytes', 'bpf_fib_lookup', 'bpf_check_mtu',
];

const CGROUP_COMMON = [
  'bpf_get_current_uid_gid', 'bpf_get_current_pid_tgid', 'bpf_get_current_comm', 'bpf_get_current_cgroup_id',
  'bpf_get_current_ancestor_cgroup_id', 'bpf_get_cgroup_classid', 'bpf_get_local_storage', 'bpf_get_retval',
  'bpf_set_retval', 'bpf_perf_event_output',
];

const CG_SKB = [
  ...SK_FILTER, ...CGROUP_COMMON, 'bpf_sk_fullsock', 'bpf_sk_storage_get', 'bpf_sk_storage_delete',
  'bpf_skb_cgroup_classid', 'bpf_skb_cgroup_id', 'bpf_skb_ancestor_cgroup_id', 'bpf_sk_cgroup_id',
  'bpf_sk_ancestor_cgroup_id', 'bpf_sk_lookup_tcp', 'bpf_sk_lookup_udp', 'bpf_sk_release', 'bpf_skc_lookup_tcp',
  'bpf_tcp_sock', 'bpf_get_listener_sock', 'bpf_skb_ecn_set_ce',
];

const LWT_OUT = [
  ...SK_BASE, 'bpf_skb_load_bytes', 'bpf_skb_pull_data', 'bpf_csum_diff', 'bpf_get_cgroup_classid',
  'bpf_get_route_realm', 'bpf_get_hash_recalc', 'bpf_perf_event_output', 'bpf_skb_under_cgroup',
];
const LWT_XMIT = [
  ...LWT_OUT, 'bpf_skb_get_tunnel_key', 'bpf_skb_set_tunnel_key', 'bpf_skb_get_tunnel_opt', 'bpf_skb_set_tunnel_opt',
  'bpf_redirect', 'bpf_clone_redirect', 'bpf_skb_change_tail', 'bpf_skb_change_head', 'bpf_skb_store_bytes',
  'bpf_csum_update', 'bpf_csum_level', 'bpf_l3_csum_replace', 'bpf_l4_csum_replace', 'bpf_set_hash_invalid',
  'bpf_lwt_push_encap',
];

// bpf_probe_write_user is not offered: the kernel ebcc predicts refuses it (its lockdown check
// fails), "program of this type cannot use helper bpf_probe_write_user#36".
const TRACING = [
  // bpf_ktime_get_coarse_ns is not offered to kprobe, tracepoint, raw_tracepoint and perf_event programs.
  ...BASE.filter((h) => h !== 'bpf_ktime_get_coarse_ns'), 'bpf_get_current_pid_tgid', 'bpf_get_current_uid_gid', 'bpf_get_current_comm', 'bpf_perf_event_read',
  'bpf_current_task_under_cgroup', 'bpf_send_signal', 'bpf_send_signal_thread',
  'bpf_perf_event_read_value', 'bpf_get_ns_current_pid_tgid', 'bpf_get_current_cgroup_id',
  'bpf_get_current_ancestor_cgroup_id', 'bpf_get_task_stack', 'bpf_copy_from_user', 'bpf_copy_from_user_task',
  'bpf_task_storage_get', 'bpf_task_storage_delete', 'bpf_get_func_ip', 'bpf_get_branch_snapshot', 'bpf_find_vma',
  'bpf_probe_read', 'bpf_probe_read_str', 'bpf_get_stackid', 'bpf_get_stack', 'bpf_perf_event_output',
];

/** The helpers a program type may call, by type name (prog-types.ts). */
export const PROG_TYPE_HELPERS: Readonly<Record<string, readonly string[]>> = {
  socket_filter: SK_FILTER,
  sched_cls: TC,
  sched_act: TC,
  xdp: XDP,
  cgroup_skb: CG_SKB,
  lwt_in: [...LWT_OUT, 'bpf_lwt_push_encap'],
  lwt_out: LWT_OUT,
  lwt_xmit: LWT_XMIT,
  lwt_seg6local: [...LWT_OUT, 'bpf_lwt_seg6_store_bytes', 'bpf_lwt_seg6_action', 'bpf_lwt_seg6_adjust_srh'],
  // bpf_override_return needs CONFIG_BPF_KPROBE_OVERRIDE, which the kernel ebcc predicts lacks:
  // it answers "program of this type cannot use helper bpf_override_return#58".
  kprobe: [...TRACING, 'bpf_get_attach_cookie'],
  tracepoint: [...TRACING, 'bpf_get_attach_cookie'],
  raw_tracepoint: TRACING,
  perf_event: [...TRACING, 'bpf_perf_prog_read_value', 'bpf_read_branch_records', 'bpf_get_attach_cookie'],
  flow_dissector: [...SK_BASE, 'bpf_skb_load_bytes'],
};

/**
 * Helpers a program type offers except at some attach types: bpf_get_retval and bpf_set_retval
 * where the hook's return value means nothing (cgroup_common_func_proto).
 */
const NO_RETVAL_ATTACH = [
  'BPF_CGROUP_INET_INGRESS', 'BPF_CGROUP_INET_EGRESS', 'BPF_CGROUP_SOCK_OPS', 'BPF_CGROUP_UDP4_RECVMSG',
  'BPF_CGROUP_UDP6_RECVMSG', 'BPF_CGROUP_UNIX_RECVMSG', 'BPF_CGROUP_INET4_GETPEERNAME', 'BPF_CGROUP_INET6_GETPEERNAME',
  'BPF_CGROUP_UNIX_GETPEERNAME', 'BPF_CGROUP_INET4_GETSOCKNAME', 'BPF_CGROUP_INET6_GETSOCKNAME', 'BPF_CGROUP_UNIX_GETSOCKNAME',
];
export const HELPERS_DENIED_BY_ATTACH: Readonly<Record<string, readonly string[]>> = {
  bpf_get_retval: NO_RETVAL_ATTACH,
  bpf_set_retval: NO_RETVAL_ATTACH,
};

/** Whether `progType` may call `helper`; undefined when ebcc has no list for the type. */
export function helperAllowed(progType: string, helper: string): boolean | undefined {
  const list = PROG_TYPE_HELPERS[progType];
  return list === undefined ? undefined : list.includes(helper);
}

/** Helpers after whose call every packet pointer is invalid (they may move or resize the data). */
export const CHANGES_PKT_DATA: readonly string[] = [
  'bpf_skb_store_bytes', 'bpf_skb_change_proto', 'bpf_skb_vlan_push', 'bpf_skb_vlan_pop', 'bpf_skb_change_head',
  'bpf_skb_change_tail', 'bpf_skb_adjust_room', 'bpf_skb_pull_data', 'bpf_skb_ecn_set_ce', 'bpf_xdp_adjust_head',
  'bpf_xdp_adjust_meta', 'bpf_xdp_adjust_tail', 'bpf_msg_pull_data', 'bpf_msg_push_data', 'bpf_msg_pop_data',
  'bpf_l3_csum_replace', 'bpf_l4_csum_replace', 'bpf_lwt_push_encap', 'bpf_lwt_seg6_store_bytes',
  'bpf_lwt_seg6_adjust_srh', 'bpf_lwt_seg6_action', 'bpf_clone_redirect', 'bpf_sock_ops_cb_flags_set',
  'bpf_store_hdr_opt',
];

/** Program types that may write packet data directly (may_access_direct_pkt_data). */
export const PKT_WRITE_TYPES: readonly string[] = ['sched_cls', 'sched_act', 'xdp', 'lwt_xmit', 'sk_skb', 'sk_msg', 'cgroup_sockopt'];
/** The tracing program types (is_tracing_prog_type), which may not use a map whose value holds a bpf_timer or a bpf_spin_lock. */
export const TRACING_TYPES: readonly string[] = ['kprobe', 'tracepoint', 'perf_event', 'raw_tracepoint', 'raw_tracepoint_writable'];
/** Program types that may read packet data directly. */
export const PKT_READ_TYPES: readonly string[] = [
  ...PKT_WRITE_TYPES, 'lwt_in', 'lwt_out', 'lwt_seg6local', 'sk_reuseport', 'flow_dissector', 'cgroup_skb',
];
/**
 * Program types whose context is the traced function's arguments as an array of u64, typed by
 * the kernel's BTF (btf_ctx_access): tp_btf, fentry, fexit, fmod_ret, iter, lsm, struct_ops.
 */
export const BTF_CTX_TYPES: readonly string[] = ['tracing', 'lsm', 'struct_ops'];
/**
 * Helpers whose prototype differs in programs with a BTF-typed context: there
 * bpf_get_socket_cookie takes a socket pointer (bpf_get_socket_ptr_cookie_proto), not the context.
 */
export const BTF_CTX_HELPER_ARGS: Readonly<Record<string, readonly ArgKind[]>> = {
  bpf_get_socket_cookie: ['ptr_to_btf_id_sock_common'],
};
/**
 * Helpers whose prototype differs in one program type: in cgroup_sock programs the socket of
 * bpf_sk_storage_get is the context itself (bpf_sk_storage_get_cg_sock_proto).
 */
export const PROG_TYPE_HELPER_ARGS: Readonly<Record<string, Readonly<Record<string, readonly ArgKind[]>>>> = {
  cgroup_sock: { bpf_sk_storage_get: ['const_map_ptr', 'ptr_to_ctx', 'ptr_to_map_value_or_null', 'anything'] },
};
/**
 * may_update_sockmap: the program types that may change a sockmap or sockhash with
 * bpf_map_update_elem and bpf_map_delete_elem ('delete': only delete). Tracing programs may
 * too when they are iterators (SOCKMAP_UPDATE_ATTACH).
 */
export const SOCKMAP_UPDATE_TYPES: Readonly<Record<string, 'update_delete' | 'delete'>> = {
  socket_filter: 'update_delete', sched_cls: 'update_delete', sched_act: 'update_delete', xdp: 'update_delete',
  sk_reuseport: 'update_delete', flow_dissector: 'update_delete', sk_lookup: 'update_delete', sock_ops: 'delete',
};
export const SOCKMAP_UPDATE_ATTACH = 'BPF_TRACE_ITER';
/** Program types whose context is an skb that LD_ABS/LD_IND may read. */
export const LD_ABS_TYPES: readonly string[] = ['socket_filter', 'sched_cls', 'sched_act'];

type Ranges = readonly (readonly [number, number])[];

/**
 * Read sizes of a context or socket struct whose kernel check goes field by field: a read is
 * 4 bytes (the kernel's size_default) unless a list below says otherwise. Reads are also aligned
 * to their size.
 */
export interface ReadSizes {
  /** Fields read with 1, 2 or 4 bytes anywhere within them: [offset, size]. */
  narrow: Ranges;
  /** Fields read with 1, 2 or 4 bytes at their first byte only. */
  narrowAt: readonly number[];
  /** Fields that may also be read 8 bytes at a time, 8-aligned: [offset, size]. */
  wide: Ranges;
  /** Fields read only with 8 bytes: [offset, size]. */
  u64: Ranges;
}

const within = (r: Ranges, off: number, size: number): boolean => r.some(([o, n]) => off >= o && off + size <= o + n);
const startsIn = (r: Ranges, off: number): boolean => r.some(([o, n]) => off >= o && off < o + n);

/** Whether a read of `size` bytes at `off` has a size the kernel allows there. */
export function readSizeOk(rs: ReadSizes, off: number, size: number): boolean {
  if (startsIn(rs.u64, off)) return size === 8;
  if (size === 8) return within(rs.wide, off, size) && off % 8 === 0;
  if (startsIn(rs.narrow, off) || rs.narrowAt.includes(off)) return size <= 4;
  return size === 4;
}

/**
 * struct bpf_sock (bpf_sock_is_valid_access), the cgroup_sock context and what a `sock` pointer
 * points to: 80 bytes; family, type, protocol, src_port, state and rx_queue_mapping are read
 * narrow at their start, the addresses narrow anywhere; dst_port (a 2-byte field at 48) narrow
 * within its 2 bytes or 4 bytes at 48, and the 2 bytes after it not at all.
 */
export const BPF_SOCK_SIZE = 80;
export const BPF_SOCK_READS: ReadSizes = {
  narrow: [[24, 4], [28, 16], [48, 2], [52, 4], [56, 16]],
  narrowAt: [4, 8, 12, 44, 72, 76],
  wide: [],
  u64: [],
};
/** struct bpf_sock fields a sock_common pointer may not read (type … priority). */
export const SOCK_COMMON_NO_READ: Ranges = [[8, 16]];

/** struct bpf_tcp_sock (bpf_tcp_sock_is_valid_access): 112 bytes, bytes_received and bytes_acked read with 8 bytes, the rest whole. */
export const BPF_TCP_SOCK_SIZE = 112;
export const BPF_TCP_SOCK_READS: ReadSizes = { narrow: [], narrowAt: [], wide: [], u64: [[80, 16]] };

/**
 * Contexts given as byte ranges (the tracing types, and the cgroup and socket types whose structs
 * ebcc has no field table for): readable bytes [minOff, size), reads aligned to their size;
 * writes only to the listed [offset, size] fields, with their size (those wider than 8 bytes with 4, or 8 at
 * an 8-aligned offset); `pointers` are fields whose
 * load yields a pointer (8-byte loads only).
 */
export interface FlatCtxRule {
  minOff: number;
  size: number;
  writable?: Ranges;
  /** Fields that may not be read: [offset, size]. */
  noRead?: Ranges;
  pointers?: Readonly<Record<number, 'pkt' | 'pkt_end' | 'sock' | 'sock_or_null'>>;
  /** Fields no access may touch for the given expected attach types: [offset, size]. */
  denyByAttach?: Readonly<Record<string, Ranges>>;
  /** Writable fields that may not be written for the given expected attach types: [offset, size]. */
  noWriteByAttach?: Readonly<Record<string, Ranges>>;
  /** The kernel's per-field read sizes; without them any aligned size is allowed. */
  reads?: ReadSizes;
}
export const FLAT_CTX: Readonly<Record<string, FlatCtxRule>> = {
  kprobe: { minOff: 0, size: 168 }, // struct pt_regs (x86-64)
  tracepoint: { minOff: 8, size: 8192 }, // the common fields are not readable; PERF_MAX_TRACE_SIZE
  raw_tracepoint: { minOff: 0, size: 96 }, // 12 u64 arguments
  perf_event: { minOff: 0, size: 184 }, // struct bpf_perf_event_data
  // struct bpf_sock: bound_dev_if, mark and priority are writable. Per attach type
  // (__sock_filter_check_attach_type): those three only at socket create and release, src_ip4
  // only in post_bind4, src_ip6 only in post_bind6, src_port only in post_bind4/6.
  cgroup_sock: {
    minOff: 0, size: BPF_SOCK_SIZE, writable: [[0, 4], [16, 4], [20, 4]], reads: BPF_SOCK_READS,
    denyByAttach: {
      BPF_CGROUP_INET_SOCK_CREATE: [[24, 4], [28, 16], [44, 4]],
      BPF_CGROUP_INET_SOCK_RELEASE: [[24, 4], [28, 16], [44, 4]],
      BPF_CGROUP_INET4_POST_BIND: [[0, 4], [16, 4], [20, 4], [28, 16]],
      BPF_CGROUP_INET6_POST_BIND: [[0, 4], [16, 4], [20, 4], [24, 4]],
    },
  },
  // struct bpf_sock_addr: the user address and port are writable.
  // The IPv4 hooks see user_ip4 and not user_ip6, the IPv6 hooks the reverse; msg_src_ip4/6 only
  // in sendmsg4/6. The addresses and user_port are read narrow, the IPv6 ones also 8 bytes at a
  // time; user_family, family, type and protocol only whole.
  cgroup_sock_addr: {
    // Bytes 60..63 are the padding before sk.
    minOff: 0, size: 72, writable: [[4, 4], [8, 16], [24, 4], [40, 4], [44, 16]], pointers: { 64: 'sock' }, noRead: [[60, 4]],
    reads: { narrow: [[4, 24], [40, 20]], narrowAt: [], wide: [[8, 16], [44, 16]], u64: [] },
    denyByAttach: Object.fromEntries([
      ...['BIND', 'CONNECT', 'GETPEERNAME', 'GETSOCKNAME'].map((h) => [`BPF_CGROUP_INET4_${h}`, [[8, 16], [40, 20]] as const]),
      ...['BIND', 'CONNECT', 'GETPEERNAME', 'GETSOCKNAME'].map((h) => [`BPF_CGROUP_INET6_${h}`, [[4, 4], [40, 20]] as const]),
      ['BPF_CGROUP_UDP4_SENDMSG', [[8, 16], [44, 16]]], ['BPF_CGROUP_UDP4_RECVMSG', [[8, 16], [40, 20]]],
      ['BPF_CGROUP_UDP6_SENDMSG', [[4, 4], [40, 4]]], ['BPF_CGROUP_UDP6_RECVMSG', [[4, 4], [40, 20]]],
    ]),
  },
  // struct bpf_sock_ops: reply (the first word of args) and sk_txhash are writable; every field is
  // read whole: bytes_received, bytes_acked and skb_hwtstamp with 8 bytes, skb_tcp_flags also narrow;
  // sk, skb_data and skb_data_end are pointers.
  sock_ops: {
    minOff: 0, size: 224, writable: [[4, 4], [164, 4]],
    pointers: { 184: 'sock_or_null', 192: 'pkt', 200: 'pkt_end' },
    reads: { narrow: [], narrowAt: [212], wide: [], u64: [[168, 16], [216, 8]] },
  },
  // struct bpf_sockopt: sk, optval and optval_end are pointers; optlen is writable, retval only in
  // getsockopt (where it is also the only place it is readable), level and optname only in setsockopt.
  cgroup_sockopt: {
    minOff: 0, size: 40, writable: [[24, 4], [28, 4], [32, 4], [36, 4]],
    pointers: { 0: 'sock', 8: 'pkt', 16: 'pkt_end' },
    reads: { narrow: [], narrowAt: [], wide: [], u64: [] },
    denyByAttach: { BPF_CGROUP_SETSOCKOPT: [[36, 4]] },
    noWriteByAttach: { BPF_CGROUP_GETSOCKOPT: [[24, 8]] },
  },
  // struct bpf_sysctl: file_pos is writable.
  cgroup_sysctl: { minOff: 0, size: 8, writable: [[4, 4]] },
  cgroup_device: { minOff: 0, size: 12 },
  sk_lookup: { minOff: 0, size: 72, pointers: { 0: 'sock_or_null' } },
  // struct sk_msg_md: data and data_end are packet pointers, sk the socket (never NULL).
  sk_msg: { minOff: 0, size: 80, pointers: { 0: 'pkt', 8: 'pkt_end', 72: 'sock' } },
  // struct sk_reuseport_md (sk_reuseport_is_valid_access): read only; data and data_end are
  // packet pointers, sk the socket, migrating_sk a socket or NULL; len, eth_protocol, ip_protocol
  // and bind_inany are read narrow, hash whole; bytes 36..39 are padding.
  sk_reuseport: {
    minOff: 0, size: 56, noRead: [[36, 4]], pointers: { 0: 'pkt', 8: 'pkt_end', 40: 'sock', 48: 'sock_or_null' },
    reads: { narrow: [[16, 16]], narrowAt: [], wide: [], u64: [] },
  },
  // struct bpf_nf_ctx (nf_is_valid_access): two kernel pointers (state, skb), read only, 8 bytes
  // at their offset. ebcc has no kernel BTF to type them: their loads are scalars.
  netfilter: { minOff: 0, size: 16, reads: { narrow: [], narrowAt: [], wide: [], u64: [[0, 16]] } },
};

/** Helpers the kernel marks might_sleep: only sleepable programs may call them. */
export const MIGHT_SLEEP_HELPERS: readonly string[] = ['bpf_copy_from_user', 'bpf_copy_from_user_task'];

/** GPL-only helpers beyond those the helper table marks (gpl_only in the kernel's protos). */
export const GPL_ONLY_HELPERS: readonly string[] = [
  'bpf_get_stack', 'bpf_get_stackid', 'bpf_get_current_task', 'bpf_get_current_task_btf', 'bpf_probe_write_user',
  'bpf_perf_event_read_value', 'bpf_perf_prog_read_value', 'bpf_get_branch_snapshot', 'bpf_read_branch_records',
  'bpf_override_return', 'bpf_skb_output', 'bpf_xdp_output', 'bpf_trace_vprintk', 'bpf_copy_from_user',
  'bpf_copy_from_user_task', 'bpf_snprintf_btf', 'bpf_get_task_stack', 'bpf_find_vma',
];
