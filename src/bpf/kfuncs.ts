// Kernel functions (kfuncs) a BPF program calls as `extern ... __ksym`: their flags and the
// program types that may call them (Linux 6.18). Neither is in BTF: the kernel states the flags
// with BTF_ID_FLAGS in its kfunc sets, and registers each set for some program types
// (register_btf_kfunc_id_set). The prototype of each kfunc comes from the program's own BTF
// (the extern FUNC clang emits), as the kernel checks it against its own.

/** KF_* flags of include/linux/btf.h that the verifier reads. */
export type KfuncFlag =
  | 'acquire' /* KF_ACQUIRE: returns a reference the program must release */
  | 'release' /* KF_RELEASE: releases the reference passed to it */
  | 'ret_null' /* KF_RET_NULL: the returned pointer may be NULL */
  | 'trusted_args' /* KF_TRUSTED_ARGS: pointer arguments must be trusted or referenced */
  | 'rcu' /* KF_RCU: pointer arguments may also be RCU-protected */
  | 'sleepable' /* KF_SLEEPABLE: only sleepable programs may call it */
  | 'destructive' /* KF_DESTRUCTIVE */
  | 'iter_new' | 'iter_next' | 'iter_destroy' /* KF_ITER_* */
  | 'rcu_protected' /* KF_RCU_PROTECTED: only inside bpf_rcu_read_lock() */
  | 'dev_bound'; /* XDP metadata kfuncs: only in device-bound programs (bpf_dev_bound_kfunc_id) */

/** The kfunc sets: the program types each is registered for. */
export type KfuncSet =
  | 'common' /* common_kfunc_set: BPF_PROG_TYPE_UNSPEC, every program type */
  | 'generic' /* generic_kfunc_set */
  | 'cpumask'
  | 'ct' /* nf_conntrack_bpf.c */
  | 'xdp_metadata'
  | 'skb_dynptr' /* bpf_dynptr_from_skb */
  | 'xdp_dynptr'
  | 'sock_destroy'
  | 'crypto'
  | 'map_iter';

/**
 * Program types whose programs reach a hook of each set (btf.c bpf_prog_type_to_kfunc_hook:
 * tracing, tracepoint, perf_event and lsm programs share the tracing hook; cgroup_skb and
 * cgroup_sock_addr the cgroup one). 'any' is every program type.
 */
export const KFUNC_SET_TYPES: Readonly<Record<KfuncSet, readonly string[] | 'any'>> = {
  common: 'any',
  generic: ['tracing', 'tracepoint', 'perf_event', 'lsm', 'sched_cls', 'xdp', 'struct_ops', 'syscall', 'cgroup_skb', 'cgroup_sock_addr'],
  cpumask: ['tracing', 'tracepoint', 'perf_event', 'lsm', 'struct_ops', 'syscall'],
  ct: ['xdp', 'sched_cls'],
  xdp_metadata: ['xdp'],
  skb_dynptr: ['sched_cls', 'sched_act', 'socket_filter', 'cgroup_skb', 'lwt_in', 'lwt_out', 'lwt_xmit', 'lwt_seg6local', 'sk_skb', 'netfilter', 'tracing'],
  xdp_dynptr: ['xdp'],
  sock_destroy: ['tracing'],
  crypto: ['sched_cls', 'sched_act', 'xdp', 'syscall'],
  map_iter: 'any',
};

export interface KfuncInfo {
  name: string;
  set: KfuncSet;
  flags: readonly KfuncFlag[];
  /**
   * The kernel's parameter names, where their suffixes say something (`__sz`, `__szk`, `__k`,
   * `__ign`, `__nullable`, `__opt`, `__uninit`): the verifier reads the kernel's prototype, not
   * the names a program's declaration happens to use. Absent: no parameter has a suffix.
   */
  params?: readonly string[];
  /**
   * The kernel's struct names for the return value and pointer arguments where programs commonly
   * declare another (nf_conn for the kernel's nf_conn___init): the kernel checks its own types.
   */
  structs?: { ret?: string; args?: readonly (string | undefined)[] };
}

const K = (set: KfuncSet, flags: readonly KfuncFlag[], ...names: string[]): KfuncInfo[] => names.map((name) => ({ name, set, flags }));

/** Parameter names of the kernel's prototypes that carry suffixes (Linux 6.18 BTF). */
const PARAMS: Readonly<Record<string, readonly string[]>> = {
  bpf_copy_from_user_str: ['dst', 'dst__sz', 'unsafe_ptr__ign', 'flags'],
  bpf_copy_from_user_task_str: ['dst', 'dst__sz', 'unsafe_ptr__ign', 'tsk', 'flags'],
  bpf_cpumask_populate: ['cpumask', 'src', 'src__sz'],
  bpf_crypto_ctx_create: ['params', 'params__sz', 'err'],
  bpf_crypto_decrypt: ['ctx', 'src', 'dst', 'siv__nullable'],
  bpf_crypto_encrypt: ['ctx', 'src', 'dst', 'siv__nullable'],
  bpf_dynptr_clone: ['p', 'clone__uninit'],
  bpf_dynptr_from_skb: ['s', 'flags', 'ptr__uninit'],
  bpf_dynptr_from_xdp: ['x', 'flags', 'ptr__uninit'],
  bpf_dynptr_slice: ['p', 'offset', 'buffer__opt', 'buffer__szk'],
  bpf_dynptr_slice_rdwr: ['p', 'offset', 'buffer__opt', 'buffer__szk'],
  bpf_iter_bits_new: ['it', 'unsafe_ptr__ign', 'nr_words'],
  bpf_iter_task_new: ['it', 'task__nullable', 'flags'],
  bpf_list_push_back_impl: ['head', 'node', 'meta__ign', 'off'],
  bpf_list_push_front_impl: ['head', 'node', 'meta__ign', 'off'],
  bpf_obj_drop_impl: ['p__alloc', 'meta__ign'],
  bpf_obj_new_impl: ['local_type_id__k', 'meta__ign'],
  bpf_percpu_obj_drop_impl: ['p__alloc', 'meta__ign'],
  bpf_percpu_obj_new_impl: ['local_type_id__k', 'meta__ign'],
  bpf_rbtree_add_impl: ['root', 'node', 'less', 'meta__ign', 'off'],
  bpf_rdonly_cast: ['obj__ign', 'btf_id__k'],
  bpf_refcount_acquire_impl: ['p__refcounted_kptr', 'meta__ign'],
  bpf_skb_ct_alloc: ['skb_ctx', 'bpf_tuple', 'tuple__sz', 'opts', 'opts__sz'],
  bpf_skb_ct_lookup: ['skb_ctx', 'bpf_tuple', 'tuple__sz', 'opts', 'opts__sz'],
  bpf_xdp_ct_alloc: ['xdp_ctx', 'bpf_tuple', 'tuple__sz', 'opts', 'opts__sz'],
  bpf_xdp_ct_lookup: ['xdp_ctx', 'bpf_tuple', 'tuple__sz', 'opts', 'opts__sz'],
};

/** The kfuncs programs use, by set (kernel/bpf/helpers.c, cpumask.c, net/...). */
export const KFUNCS: readonly KfuncInfo[] = [
  // generic_kfunc_set
  ...K('generic', ['acquire', 'ret_null'], 'bpf_obj_new_impl', 'bpf_percpu_obj_new_impl', 'bpf_list_pop_front', 'bpf_list_pop_back',
    'bpf_rbtree_remove', 'bpf_cgroup_from_id', 'bpf_task_from_pid', 'bpf_task_from_vpid'),
  ...K('generic', ['release'], 'bpf_obj_drop_impl', 'bpf_percpu_obj_drop_impl', 'bpf_task_release', 'bpf_cgroup_release'),
  ...K('generic', ['acquire', 'ret_null', 'rcu'], 'bpf_refcount_acquire_impl', 'bpf_task_acquire', 'bpf_cgroup_acquire',
    'bpf_cgroup_ancestor', 'bpf_task_get_cgroup1'),
  ...K('generic', [], 'bpf_list_push_front_impl', 'bpf_list_push_back_impl', 'bpf_rbtree_add_impl', 'bpf_throw'),
  ...K('generic', ['ret_null'], 'bpf_list_front', 'bpf_list_back', 'bpf_rbtree_first', 'bpf_rbtree_root', 'bpf_rbtree_left', 'bpf_rbtree_right'),
  ...K('generic', ['rcu'], 'bpf_task_under_cgroup'),
  ...K('generic', ['trusted_args'], 'bpf_send_signal_task'),
  // common_kfunc_set
  ...K('common', [], 'bpf_cast_to_kern_ctx', 'bpf_rdonly_cast', 'bpf_rcu_read_lock', 'bpf_rcu_read_unlock', 'bpf_dynptr_adjust',
    'bpf_dynptr_is_null', 'bpf_dynptr_is_rdonly', 'bpf_dynptr_size', 'bpf_dynptr_clone', 'bpf_dynptr_copy', 'bpf_wq_init',
    'bpf_wq_set_callback_impl', 'bpf_wq_start', 'bpf_preempt_disable', 'bpf_preempt_enable', 'bpf_get_kmem_cache',
    'bpf_local_irq_save', 'bpf_local_irq_restore'),
  ...K('common', ['ret_null'], 'bpf_dynptr_slice', 'bpf_dynptr_slice_rdwr'),
  ...K('common', ['iter_new'], 'bpf_iter_num_new', 'bpf_iter_bits_new'),
  ...K('common', ['iter_next', 'ret_null'], 'bpf_iter_num_next', 'bpf_iter_bits_next', 'bpf_iter_task_vma_next', 'bpf_iter_css_task_next',
    'bpf_iter_css_next', 'bpf_iter_task_next'),
  ...K('common', ['iter_destroy'], 'bpf_iter_num_destroy', 'bpf_iter_bits_destroy', 'bpf_iter_task_vma_destroy', 'bpf_iter_css_task_destroy',
    'bpf_iter_css_destroy', 'bpf_iter_task_destroy'),
  ...K('common', ['iter_new', 'rcu'], 'bpf_iter_task_vma_new'),
  ...K('common', ['iter_new', 'trusted_args'], 'bpf_iter_css_task_new'),
  ...K('common', ['iter_new', 'trusted_args', 'rcu_protected'], 'bpf_iter_css_new', 'bpf_iter_task_new'),
  ...K('common', ['sleepable'], 'bpf_copy_from_user_str', 'bpf_copy_from_user_task_str'),
  // cpumask_kfunc_set
  ...K('cpumask', ['acquire', 'ret_null'], 'bpf_cpumask_create'),
  ...K('cpumask', ['release'], 'bpf_cpumask_release'),
  ...K('cpumask', ['acquire', 'trusted_args'], 'bpf_cpumask_acquire'),
  ...K('cpumask', ['rcu'], 'bpf_cpumask_first', 'bpf_cpumask_first_zero', 'bpf_cpumask_first_and', 'bpf_cpumask_set_cpu',
    'bpf_cpumask_clear_cpu', 'bpf_cpumask_test_cpu', 'bpf_cpumask_test_and_set_cpu', 'bpf_cpumask_test_and_clear_cpu',
    'bpf_cpumask_setall', 'bpf_cpumask_clear', 'bpf_cpumask_and', 'bpf_cpumask_or', 'bpf_cpumask_xor', 'bpf_cpumask_equal',
    'bpf_cpumask_intersects', 'bpf_cpumask_subset', 'bpf_cpumask_empty', 'bpf_cpumask_full', 'bpf_cpumask_copy',
    'bpf_cpumask_any_distribute', 'bpf_cpumask_any_and_distribute', 'bpf_cpumask_weight', 'bpf_cpumask_populate'),
  // net/netfilter/nf_conntrack_bpf.c
  ...K('ct', ['acquire', 'ret_null'], 'bpf_xdp_ct_alloc', 'bpf_xdp_ct_lookup', 'bpf_skb_ct_alloc', 'bpf_skb_ct_lookup'),
  ...K('ct', ['acquire', 'release'], 'bpf_ct_insert_entry'),
  ...K('ct', ['release'], 'bpf_ct_release'),
  ...K('ct', ['trusted_args'], 'bpf_ct_set_timeout', 'bpf_ct_change_timeout', 'bpf_ct_set_status', 'bpf_ct_change_status', 'bpf_ct_set_nat_info'),
  // net/core/xdp.c, filter.c
  ...K('xdp_metadata', ['dev_bound'], 'bpf_xdp_metadata_rx_timestamp', 'bpf_xdp_metadata_rx_hash', 'bpf_xdp_metadata_rx_vlan_tag'),
  ...K('skb_dynptr', [], 'bpf_dynptr_from_skb'),
  ...K('xdp_dynptr', [], 'bpf_dynptr_from_xdp'),
  ...K('sock_destroy', ['trusted_args'], 'bpf_sock_destroy'),
  // kernel/bpf/crypto.c
  ...K('crypto', ['acquire', 'ret_null', 'sleepable'], 'bpf_crypto_ctx_create'),
  ...K('crypto', ['release'], 'bpf_crypto_ctx_release'),
  ...K('crypto', ['acquire', 'ret_null', 'rcu'], 'bpf_crypto_ctx_acquire'),
  ...K('crypto', [], 'bpf_crypto_encrypt', 'bpf_crypto_decrypt'),
  // kernel/bpf/map_iter.c
  ...K('map_iter', [], 'bpf_map_sum_elem_count'),
];

const INIT = 'nf_conn___init';
/** Struct names of the kernel's prototypes that programs' declarations commonly spell otherwise. */
const STRUCTS: Readonly<Record<string, KfuncInfo['structs']>> = {
  bpf_skb_ct_alloc: { ret: INIT }, bpf_xdp_ct_alloc: { ret: INIT },
  bpf_skb_ct_lookup: { ret: 'nf_conn' }, bpf_xdp_ct_lookup: { ret: 'nf_conn' },
  bpf_ct_insert_entry: { ret: 'nf_conn', args: [INIT] },
  bpf_ct_set_timeout: { args: [INIT] }, bpf_ct_set_status: { args: [INIT] }, bpf_ct_set_nat_info: { args: [INIT] },
  bpf_ct_release: { args: ['nf_conn'] }, bpf_ct_change_timeout: { args: ['nf_conn'] }, bpf_ct_change_status: { args: ['nf_conn'] },
};

/**
 * Sets the kernel offers to only some attach types of a program type (the set's filter):
 * bpf_sock_destroy only to iterators (over TCP and UDP sockets).
 */
export const KFUNC_SET_ATTACH: Readonly<Partial<Record<KfuncSet, string>>> = { sock_destroy: 'BPF_TRACE_ITER' };

/**
 * Kernel structs with a destructor kfunc (register_btf_id_dtor_kfuncs: kernel/bpf/helpers.c,
 * cpumask.c, crypto.c, net/bpf/test_run.c, net/sched/bpf_qdisc.c): the only kernel types a
 * referenced `__kptr` field may hold. A field of another struct the program defines holds an
 * object of the program's own (bpf_obj_new: a local kptr); one of any other kernel struct makes
 * the kernel refuse the map.
 */
export const KPTR_DTOR_STRUCTS: readonly string[] = ['task_struct', 'cgroup', 'bpf_cpumask', 'bpf_crypto_ctx', 'sk_buff',
  'prog_test_ref_kfunc', 'prog_test_member'];

/** The open-coded iterators ebcc models: each struct's size in the kernel (the stack it takes). */
export const ITER_SIZES: Readonly<Record<string, number>> = { bpf_iter_num: 8, bpf_iter_bits: 16 };

const BY_NAME = new Map(KFUNCS.map((k) => [k.name, { ...k, params: PARAMS[k.name], structs: STRUCTS[k.name] }]));

export const kfuncByName = (name: string): KfuncInfo | undefined => BY_NAME.get(name);

/** Whether a program of type `progType` may call the kfunc (its set is registered for that type). */
export function kfuncAllowed(info: KfuncInfo, progType: string, attach: string | undefined): boolean {
  const types = KFUNC_SET_TYPES[info.set];
  const only = KFUNC_SET_ATTACH[info.set];
  if (only !== undefined && attach !== only) return false;
  return types === 'any' || types.includes(progType);
}
