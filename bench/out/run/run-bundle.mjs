// src/parse/ast.ts
function isTypeName(x) {
  return x.kind === "TypeName";
}
function assertNever(x) {
  throw new Error(`internal: unexpected ${JSON.stringify(x.kind ?? x)}`);
}

// src/bpf/helper-protos.ts
var HELPER_PROTOS = [
  [1, "void *bpf_map_lookup_elem(void *map, const void *key)"],
  [2, "long bpf_map_update_elem(void *map, const void *key, const void *value, __u64 flags)"],
  [3, "long bpf_map_delete_elem(void *map, const void *key)"],
  [4, "long bpf_probe_read(void *dst, __u32 size, const void *unsafe_ptr)"],
  [5, "__u64 bpf_ktime_get_ns(void)"],
  [6, "long bpf_trace_printk(const char *fmt, __u32 fmt_size, ...)"],
  [7, "__u32 bpf_get_prandom_u32(void)"],
  [8, "__u32 bpf_get_smp_processor_id(void)"],
  [9, "long bpf_skb_store_bytes(struct __sk_buff *skb, __u32 offset, const void *from, __u32 len, __u64 flags)"],
  [10, "long bpf_l3_csum_replace(struct __sk_buff *skb, __u32 offset, __u64 from, __u64 to, __u64 size)"],
  [11, "long bpf_l4_csum_replace(struct __sk_buff *skb, __u32 offset, __u64 from, __u64 to, __u64 flags)"],
  [12, "long bpf_tail_call(void *ctx, void *prog_array_map, __u32 index)"],
  [13, "long bpf_clone_redirect(struct __sk_buff *skb, __u32 ifindex, __u64 flags)"],
  [14, "__u64 bpf_get_current_pid_tgid(void)"],
  [15, "__u64 bpf_get_current_uid_gid(void)"],
  [16, "long bpf_get_current_comm(void *buf, __u32 size_of_buf)"],
  [17, "__u32 bpf_get_cgroup_classid(struct __sk_buff *skb)"],
  [18, "long bpf_skb_vlan_push(struct __sk_buff *skb, __be16 vlan_proto, __u16 vlan_tci)"],
  [19, "long bpf_skb_vlan_pop(struct __sk_buff *skb)"],
  [20, "long bpf_skb_get_tunnel_key(struct __sk_buff *skb, struct bpf_tunnel_key *key, __u32 size, __u64 flags)"],
  [21, "long bpf_skb_set_tunnel_key(struct __sk_buff *skb, struct bpf_tunnel_key *key, __u32 size, __u64 flags)"],
  [22, "__u64 bpf_perf_event_read(void *map, __u64 flags)"],
  [23, "long bpf_redirect(__u32 ifindex, __u64 flags)"],
  [24, "__u32 bpf_get_route_realm(struct __sk_buff *skb)"],
  [25, "long bpf_perf_event_output(void *ctx, void *map, __u64 flags, void *data, __u64 size)"],
  [26, "long bpf_skb_load_bytes(const void *skb, __u32 offset, void *to, __u32 len)"],
  [27, "long bpf_get_stackid(void *ctx, void *map, __u64 flags)"],
  [28, "__s64 bpf_csum_diff(__be32 *from, __u32 from_size, __be32 *to, __u32 to_size, __wsum seed)"],
  [29, "long bpf_skb_get_tunnel_opt(struct __sk_buff *skb, void *opt, __u32 size)"],
  [30, "long bpf_skb_set_tunnel_opt(struct __sk_buff *skb, void *opt, __u32 size)"],
  [31, "long bpf_skb_change_proto(struct __sk_buff *skb, __be16 proto, __u64 flags)"],
  [32, "long bpf_skb_change_type(struct __sk_buff *skb, __u32 type)"],
  [33, "long bpf_skb_under_cgroup(struct __sk_buff *skb, void *map, __u32 index)"],
  [34, "__u32 bpf_get_hash_recalc(struct __sk_buff *skb)"],
  [35, "__u64 bpf_get_current_task(void)"],
  [36, "long bpf_probe_write_user(void *dst, const void *src, __u32 len)"],
  [37, "long bpf_current_task_under_cgroup(void *map, __u32 index)"],
  [38, "long bpf_skb_change_tail(struct __sk_buff *skb, __u32 len, __u64 flags)"],
  [39, "long bpf_skb_pull_data(struct __sk_buff *skb, __u32 len)"],
  [40, "__s64 bpf_csum_update(struct __sk_buff *skb, __wsum csum)"],
  [41, "void bpf_set_hash_invalid(struct __sk_buff *skb)"],
  [42, "long bpf_get_numa_node_id(void)"],
  [43, "long bpf_skb_change_head(struct __sk_buff *skb, __u32 len, __u64 flags)"],
  [44, "long bpf_xdp_adjust_head(struct xdp_md *xdp_md, int delta)"],
  [45, "long bpf_probe_read_str(void *dst, __u32 size, const void *unsafe_ptr)"],
  [46, "__u64 bpf_get_socket_cookie(void *ctx)"],
  [47, "__u32 bpf_get_socket_uid(struct __sk_buff *skb)"],
  [48, "long bpf_set_hash(struct __sk_buff *skb, __u32 hash)"],
  [49, "long bpf_setsockopt(void *bpf_socket, int level, int optname, void *optval, int optlen)"],
  [50, "long bpf_skb_adjust_room(struct __sk_buff *skb, __s32 len_diff, __u32 mode, __u64 flags)"],
  [51, "long bpf_redirect_map(void *map, __u64 key, __u64 flags)"],
  [52, "long bpf_sk_redirect_map(struct __sk_buff *skb, void *map, __u32 key, __u64 flags)"],
  [53, "long bpf_sock_map_update(struct bpf_sock_ops *skops, void *map, void *key, __u64 flags)"],
  [54, "long bpf_xdp_adjust_meta(struct xdp_md *xdp_md, int delta)"],
  [55, "long bpf_perf_event_read_value(void *map, __u64 flags, struct bpf_perf_event_value *buf, __u32 buf_size)"],
  [56, "long bpf_perf_prog_read_value(struct bpf_perf_event_data *ctx, struct bpf_perf_event_value *buf, __u32 buf_size)"],
  [57, "long bpf_getsockopt(void *bpf_socket, int level, int optname, void *optval, int optlen)"],
  [58, "long bpf_override_return(struct pt_regs *regs, __u64 rc)"],
  [59, "long bpf_sock_ops_cb_flags_set(struct bpf_sock_ops *bpf_sock, int argval)"],
  [60, "long bpf_msg_redirect_map(struct sk_msg_md *msg, void *map, __u32 key, __u64 flags)"],
  [61, "long bpf_msg_apply_bytes(struct sk_msg_md *msg, __u32 bytes)"],
  [62, "long bpf_msg_cork_bytes(struct sk_msg_md *msg, __u32 bytes)"],
  [63, "long bpf_msg_pull_data(struct sk_msg_md *msg, __u32 start, __u32 end, __u64 flags)"],
  [64, "long bpf_bind(struct bpf_sock_addr *ctx, struct sockaddr *addr, int addr_len)"],
  [65, "long bpf_xdp_adjust_tail(struct xdp_md *xdp_md, int delta)"],
  [66, "long bpf_skb_get_xfrm_state(struct __sk_buff *skb, __u32 index, struct bpf_xfrm_state *xfrm_state, __u32 size, __u64 flags)"],
  [67, "long bpf_get_stack(void *ctx, void *buf, __u32 size, __u64 flags)"],
  [68, "long bpf_skb_load_bytes_relative(const void *skb, __u32 offset, void *to, __u32 len, __u32 start_header)"],
  [69, "long bpf_fib_lookup(void *ctx, struct bpf_fib_lookup *params, int plen, __u32 flags)"],
  [70, "long bpf_sock_hash_update(struct bpf_sock_ops *skops, void *map, void *key, __u64 flags)"],
  [71, "long bpf_msg_redirect_hash(struct sk_msg_md *msg, void *map, void *key, __u64 flags)"],
  [72, "long bpf_sk_redirect_hash(struct __sk_buff *skb, void *map, void *key, __u64 flags)"],
  [73, "long bpf_lwt_push_encap(struct __sk_buff *skb, __u32 type, void *hdr, __u32 len)"],
  [74, "long bpf_lwt_seg6_store_bytes(struct __sk_buff *skb, __u32 offset, const void *from, __u32 len)"],
  [75, "long bpf_lwt_seg6_adjust_srh(struct __sk_buff *skb, __u32 offset, __s32 delta)"],
  [76, "long bpf_lwt_seg6_action(struct __sk_buff *skb, __u32 action, void *param, __u32 param_len)"],
  [77, "long bpf_rc_repeat(void *ctx)"],
  [78, "long bpf_rc_keydown(void *ctx, __u32 protocol, __u64 scancode, __u32 toggle)"],
  [79, "__u64 bpf_skb_cgroup_id(struct __sk_buff *skb)"],
  [80, "__u64 bpf_get_current_cgroup_id(void)"],
  [81, "void *bpf_get_local_storage(void *map, __u64 flags)"],
  [82, "long bpf_sk_select_reuseport(struct sk_reuseport_md *reuse, void *map, void *key, __u64 flags)"],
  [83, "__u64 bpf_skb_ancestor_cgroup_id(struct __sk_buff *skb, int ancestor_level)"],
  [84, "struct bpf_sock *bpf_sk_lookup_tcp(void *ctx, struct bpf_sock_tuple *tuple, __u32 tuple_size, __u64 netns, __u64 flags)"],
  [85, "struct bpf_sock *bpf_sk_lookup_udp(void *ctx, struct bpf_sock_tuple *tuple, __u32 tuple_size, __u64 netns, __u64 flags)"],
  [86, "long bpf_sk_release(void *sock)"],
  [87, "long bpf_map_push_elem(void *map, const void *value, __u64 flags)"],
  [88, "long bpf_map_pop_elem(void *map, void *value)"],
  [89, "long bpf_map_peek_elem(void *map, void *value)"],
  [90, "long bpf_msg_push_data(struct sk_msg_md *msg, __u32 start, __u32 len, __u64 flags)"],
  [91, "long bpf_msg_pop_data(struct sk_msg_md *msg, __u32 start, __u32 len, __u64 flags)"],
  [92, "long bpf_rc_pointer_rel(void *ctx, __s32 rel_x, __s32 rel_y)"],
  [93, "long bpf_spin_lock(struct bpf_spin_lock *lock)"],
  [94, "long bpf_spin_unlock(struct bpf_spin_lock *lock)"],
  [95, "struct bpf_sock *bpf_sk_fullsock(struct bpf_sock *sk)"],
  [96, "struct bpf_tcp_sock *bpf_tcp_sock(struct bpf_sock *sk)"],
  [97, "long bpf_skb_ecn_set_ce(struct __sk_buff *skb)"],
  [98, "struct bpf_sock *bpf_get_listener_sock(struct bpf_sock *sk)"],
  [99, "struct bpf_sock *bpf_skc_lookup_tcp(void *ctx, struct bpf_sock_tuple *tuple, __u32 tuple_size, __u64 netns, __u64 flags)"],
  [100, "long bpf_tcp_check_syncookie(void *sk, void *iph, __u32 iph_len, struct tcphdr *th, __u32 th_len)"],
  [101, "long bpf_sysctl_get_name(struct bpf_sysctl *ctx, char *buf, unsigned long buf_len, __u64 flags)"],
  [102, "long bpf_sysctl_get_current_value(struct bpf_sysctl *ctx, char *buf, unsigned long buf_len)"],
  [103, "long bpf_sysctl_get_new_value(struct bpf_sysctl *ctx, char *buf, unsigned long buf_len)"],
  [104, "long bpf_sysctl_set_new_value(struct bpf_sysctl *ctx, const char *buf, unsigned long buf_len)"],
  [105, "long bpf_strtol(const char *buf, unsigned long buf_len, __u64 flags, long *res)"],
  [106, "long bpf_strtoul(const char *buf, unsigned long buf_len, __u64 flags, unsigned long *res)"],
  [107, "void *bpf_sk_storage_get(void *map, void *sk, void *value, __u64 flags)"],
  [108, "long bpf_sk_storage_delete(void *map, void *sk)"],
  [109, "long bpf_send_signal(__u32 sig)"],
  [110, "__s64 bpf_tcp_gen_syncookie(void *sk, void *iph, __u32 iph_len, struct tcphdr *th, __u32 th_len)"],
  [111, "long bpf_skb_output(void *ctx, void *map, __u64 flags, void *data, __u64 size)"],
  [112, "long bpf_probe_read_user(void *dst, __u32 size, const void *unsafe_ptr)"],
  [113, "long bpf_probe_read_kernel(void *dst, __u32 size, const void *unsafe_ptr)"],
  [114, "long bpf_probe_read_user_str(void *dst, __u32 size, const void *unsafe_ptr)"],
  [115, "long bpf_probe_read_kernel_str(void *dst, __u32 size, const void *unsafe_ptr)"],
  [116, "long bpf_tcp_send_ack(void *tp, __u32 rcv_nxt)"],
  [117, "long bpf_send_signal_thread(__u32 sig)"],
  [118, "__u64 bpf_jiffies64(void)"],
  [119, "long bpf_read_branch_records(struct bpf_perf_event_data *ctx, void *buf, __u32 size, __u64 flags)"],
  [120, "long bpf_get_ns_current_pid_tgid(__u64 dev, __u64 ino, struct bpf_pidns_info *nsdata, __u32 size)"],
  [121, "long bpf_xdp_output(void *ctx, void *map, __u64 flags, void *data, __u64 size)"],
  [122, "__u64 bpf_get_netns_cookie(void *ctx)"],
  [123, "__u64 bpf_get_current_ancestor_cgroup_id(int ancestor_level)"],
  [124, "long bpf_sk_assign(void *ctx, void *sk, __u64 flags)"],
  [125, "__u64 bpf_ktime_get_boot_ns(void)"],
  [126, "long bpf_seq_printf(struct seq_file *m, const char *fmt, __u32 fmt_size, const void *data, __u32 data_len)"],
  [127, "long bpf_seq_write(struct seq_file *m, const void *data, __u32 len)"],
  [128, "__u64 bpf_sk_cgroup_id(void *sk)"],
  [129, "__u64 bpf_sk_ancestor_cgroup_id(void *sk, int ancestor_level)"],
  [130, "long bpf_ringbuf_output(void *ringbuf, void *data, __u64 size, __u64 flags)"],
  [131, "void *bpf_ringbuf_reserve(void *ringbuf, __u64 size, __u64 flags)"],
  [132, "void bpf_ringbuf_submit(void *data, __u64 flags)"],
  [133, "void bpf_ringbuf_discard(void *data, __u64 flags)"],
  [134, "__u64 bpf_ringbuf_query(void *ringbuf, __u64 flags)"],
  [135, "long bpf_csum_level(struct __sk_buff *skb, __u64 level)"],
  [136, "struct tcp6_sock *bpf_skc_to_tcp6_sock(void *sk)"],
  [137, "struct tcp_sock *bpf_skc_to_tcp_sock(void *sk)"],
  [138, "struct tcp_timewait_sock *bpf_skc_to_tcp_timewait_sock(void *sk)"],
  [139, "struct tcp_request_sock *bpf_skc_to_tcp_request_sock(void *sk)"],
  [140, "struct udp6_sock *bpf_skc_to_udp6_sock(void *sk)"],
  [141, "long bpf_get_task_stack(struct task_struct *task, void *buf, __u32 size, __u64 flags)"],
  [142, "long bpf_load_hdr_opt(struct bpf_sock_ops *skops, void *searchby_res, __u32 len, __u64 flags)"],
  [143, "long bpf_store_hdr_opt(struct bpf_sock_ops *skops, const void *from, __u32 len, __u64 flags)"],
  [144, "long bpf_reserve_hdr_opt(struct bpf_sock_ops *skops, __u32 len, __u64 flags)"],
  [145, "void *bpf_inode_storage_get(void *map, void *inode, void *value, __u64 flags)"],
  [146, "int bpf_inode_storage_delete(void *map, void *inode)"],
  [147, "long bpf_d_path(struct path *path, char *buf, __u32 sz)"],
  [148, "long bpf_copy_from_user(void *dst, __u32 size, const void *user_ptr)"],
  [149, "long bpf_snprintf_btf(char *str, __u32 str_size, struct btf_ptr *ptr, __u32 btf_ptr_size, __u64 flags)"],
  [150, "long bpf_seq_printf_btf(struct seq_file *m, struct btf_ptr *ptr, __u32 ptr_size, __u64 flags)"],
  [151, "__u64 bpf_skb_cgroup_classid(struct __sk_buff *skb)"],
  [152, "long bpf_redirect_neigh(__u32 ifindex, struct bpf_redir_neigh *params, int plen, __u64 flags)"],
  [153, "void *bpf_per_cpu_ptr(const void *percpu_ptr, __u32 cpu)"],
  [154, "void *bpf_this_cpu_ptr(const void *percpu_ptr)"],
  [155, "long bpf_redirect_peer(__u32 ifindex, __u64 flags)"],
  [156, "void *bpf_task_storage_get(void *map, struct task_struct *task, void *value, __u64 flags)"],
  [157, "long bpf_task_storage_delete(void *map, struct task_struct *task)"],
  [158, "struct task_struct *bpf_get_current_task_btf(void)"],
  [159, "long bpf_bprm_opts_set(struct linux_binprm *bprm, __u64 flags)"],
  [160, "__u64 bpf_ktime_get_coarse_ns(void)"],
  [161, "long bpf_ima_inode_hash(struct inode *inode, void *dst, __u32 size)"],
  [162, "struct socket *bpf_sock_from_file(struct file *file)"],
  [163, "long bpf_check_mtu(void *ctx, __u32 ifindex, __u32 *mtu_len, __s32 len_diff, __u64 flags)"],
  [164, "long bpf_for_each_map_elem(void *map, void *callback_fn, void *callback_ctx, __u64 flags)"],
  [165, "long bpf_snprintf(char *str, __u32 str_size, const char *fmt, __u64 *data, __u32 data_len)"],
  [166, "long bpf_sys_bpf(__u32 cmd, void *attr, __u32 attr_size)"],
  [167, "long bpf_btf_find_by_name_kind(char *name, int name_sz, __u32 kind, int flags)"],
  [168, "long bpf_sys_close(__u32 fd)"],
  [169, "long bpf_timer_init(struct bpf_timer *timer, void *map, __u64 flags)"],
  [170, "long bpf_timer_set_callback(struct bpf_timer *timer, void *callback_fn)"],
  [171, "long bpf_timer_start(struct bpf_timer *timer, __u64 nsecs, __u64 flags)"],
  [172, "long bpf_timer_cancel(struct bpf_timer *timer)"],
  [173, "__u64 bpf_get_func_ip(void *ctx)"],
  [174, "__u64 bpf_get_attach_cookie(void *ctx)"],
  [175, "long bpf_task_pt_regs(struct task_struct *task)"],
  [176, "long bpf_get_branch_snapshot(void *entries, __u32 size, __u64 flags)"],
  [177, "long bpf_trace_vprintk(const char *fmt, __u32 fmt_size, const void *data, __u32 data_len)"],
  [178, "struct unix_sock *bpf_skc_to_unix_sock(void *sk)"],
  [179, "long bpf_kallsyms_lookup_name(const char *name, int name_sz, int flags, __u64 *res)"],
  [180, "long bpf_find_vma(struct task_struct *task, __u64 addr, void *callback_fn, void *callback_ctx, __u64 flags)"],
  [181, "long bpf_loop(__u32 nr_loops, void *callback_fn, void *callback_ctx, __u64 flags)"],
  [182, "long bpf_strncmp(const char *s1, __u32 s1_sz, const char *s2)"],
  [183, "long bpf_get_func_arg(void *ctx, __u32 n, __u64 *value)"],
  [184, "long bpf_get_func_ret(void *ctx, __u64 *value)"],
  [185, "long bpf_get_func_arg_cnt(void *ctx)"],
  [186, "int bpf_get_retval(void)"],
  [187, "int bpf_set_retval(int retval)"],
  [188, "__u64 bpf_xdp_get_buff_len(struct xdp_md *xdp_md)"],
  [189, "long bpf_xdp_load_bytes(struct xdp_md *xdp_md, __u32 offset, void *buf, __u32 len)"],
  [190, "long bpf_xdp_store_bytes(struct xdp_md *xdp_md, __u32 offset, void *buf, __u32 len)"],
  [191, "long bpf_copy_from_user_task(void *dst, __u32 size, const void *user_ptr, struct task_struct *tsk, __u64 flags)"],
  [192, "long bpf_skb_set_tstamp(struct __sk_buff *skb, __u64 tstamp, __u32 tstamp_type)"],
  [193, "long bpf_ima_file_hash(struct file *file, void *dst, __u32 size)"],
  [194, "void *bpf_kptr_xchg(void *map_value, void *ptr)"],
  [195, "void *bpf_map_lookup_percpu_elem(void *map, const void *key, __u32 cpu)"],
  [196, "struct mptcp_sock *bpf_skc_to_mptcp_sock(void *sk)"],
  [197, "long bpf_dynptr_from_mem(void *data, __u32 size, __u64 flags, struct bpf_dynptr *ptr)"],
  [198, "long bpf_ringbuf_reserve_dynptr(void *ringbuf, __u32 size, __u64 flags, struct bpf_dynptr *ptr)"],
  [199, "void bpf_ringbuf_submit_dynptr(struct bpf_dynptr *ptr, __u64 flags)"],
  [200, "void bpf_ringbuf_discard_dynptr(struct bpf_dynptr *ptr, __u64 flags)"],
  [201, "long bpf_dynptr_read(void *dst, __u32 len, const struct bpf_dynptr *src, __u32 offset, __u64 flags)"],
  [202, "long bpf_dynptr_write(const struct bpf_dynptr *dst, __u32 offset, void *src, __u32 len, __u64 flags)"],
  [203, "void *bpf_dynptr_data(const struct bpf_dynptr *ptr, __u32 offset, __u32 len)"],
  [204, "__s64 bpf_tcp_raw_gen_syncookie_ipv4(struct iphdr *iph, struct tcphdr *th, __u32 th_len)"],
  [205, "__s64 bpf_tcp_raw_gen_syncookie_ipv6(struct ipv6hdr *iph, struct tcphdr *th, __u32 th_len)"],
  [206, "long bpf_tcp_raw_check_syncookie_ipv4(struct iphdr *iph, struct tcphdr *th)"],
  [207, "long bpf_tcp_raw_check_syncookie_ipv6(struct ipv6hdr *iph, struct tcphdr *th)"],
  [208, "__u64 bpf_ktime_get_tai_ns(void)"],
  [209, "long bpf_user_ringbuf_drain(void *map, void *callback_fn, void *ctx, __u64 flags)"],
  [210, "void *bpf_cgrp_storage_get(void *map, struct cgroup *cgroup, void *value, __u64 flags)"],
  [211, "long bpf_cgrp_storage_delete(void *map, struct cgroup *cgroup)"]
];

// src/bpf/helpers.ts
var SKB_CTX_ONLY = { ret: "integer", args: ["ptr_to_ctx"] };
var CTX_AND_ANY = { ret: "integer", args: ["ptr_to_ctx", "anything"] };
var CTX_AND_TWO = { ret: "integer", args: ["ptr_to_ctx", "anything", "anything"] };
var NO_ARGS = { ret: "integer", args: [] };
var SOCK_LOOKUP = (ret2) => ({
  ret: ret2,
  args: ["ptr_to_ctx", "ptr_to_mem_rdonly", "const_size", "anything", "anything"]
});
var PROBE_READ = { ret: "integer", args: ["ptr_to_uninit_mem", "const_size_or_zero", "anything"], gplOnly: true };
var HELPER_KINDS = {
  bpf_map_lookup_elem: { ret: "map_value_or_null", args: ["const_map_ptr", "ptr_to_map_key"] },
  bpf_map_update_elem: { ret: "integer", args: ["const_map_ptr", "ptr_to_map_key", "ptr_to_map_value", "anything"] },
  bpf_map_delete_elem: { ret: "integer", args: ["const_map_ptr", "ptr_to_map_key"] },
  bpf_map_push_elem: { ret: "integer", args: ["const_map_ptr", "ptr_to_map_value", "anything"] },
  bpf_map_pop_elem: { ret: "integer", args: ["const_map_ptr", "ptr_to_uninit_map_value"] },
  bpf_map_peek_elem: { ret: "integer", args: ["const_map_ptr", "ptr_to_uninit_map_value"] },
  bpf_map_lookup_percpu_elem: { ret: "map_value_or_null", args: ["const_map_ptr", "ptr_to_map_key", "anything"] },
  bpf_for_each_map_elem: { ret: "integer", args: ["const_map_ptr", "ptr_to_func", "ptr_to_stack_or_null", "anything"] },
  bpf_probe_read: PROBE_READ,
  bpf_probe_read_str: PROBE_READ,
  bpf_probe_read_kernel: PROBE_READ,
  bpf_probe_read_kernel_str: PROBE_READ,
  bpf_probe_read_user: PROBE_READ,
  bpf_probe_read_user_str: PROBE_READ,
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
  bpf_get_current_comm: { ret: "integer", args: ["ptr_to_uninit_mem", "const_size"] },
  // The format string and its size are checked; the three values after them are not.
  bpf_trace_printk: { ret: "integer", args: ["ptr_to_mem_rdonly", "const_size"], gplOnly: true },
  bpf_skb_store_bytes: { ret: "integer", args: ["ptr_to_ctx", "anything", "ptr_to_mem_rdonly", "const_size", "anything"] },
  bpf_l3_csum_replace: { ret: "integer", args: ["ptr_to_ctx", "anything", "anything", "anything", "anything"] },
  bpf_l4_csum_replace: { ret: "integer", args: ["ptr_to_ctx", "anything", "anything", "anything", "anything"] },
  bpf_tail_call: { ret: "void", args: ["ptr_to_ctx", "const_map_ptr", "anything"] },
  bpf_clone_redirect: CTX_AND_TWO,
  bpf_get_cgroup_classid: SKB_CTX_ONLY,
  bpf_skb_vlan_push: CTX_AND_TWO,
  bpf_skb_vlan_pop: SKB_CTX_ONLY,
  bpf_skb_get_tunnel_key: { ret: "integer", args: ["ptr_to_ctx", "ptr_to_uninit_mem", "const_size", "anything"] },
  bpf_skb_set_tunnel_key: { ret: "integer", args: ["ptr_to_ctx", "ptr_to_mem_rdonly", "const_size", "anything"] },
  bpf_redirect: { ret: "integer", args: ["anything", "anything"] },
  bpf_redirect_map: { ret: "integer", args: ["const_map_ptr", "anything", "anything"] },
  bpf_redirect_neigh: { ret: "integer", args: ["anything", "ptr_to_mem_rdonly_or_null", "const_size_or_zero", "anything"] },
  bpf_redirect_peer: { ret: "integer", args: ["anything", "anything"] },
  bpf_perf_event_output: {
    ret: "integer",
    args: ["ptr_to_ctx", "const_map_ptr", "anything", "ptr_to_mem_rdonly", "const_size_or_zero"],
    gplOnly: true
  },
  bpf_skb_load_bytes: { ret: "integer", args: ["ptr_to_ctx", "anything", "ptr_to_uninit_mem", "const_size"] },
  bpf_skb_load_bytes_relative: {
    ret: "integer",
    args: ["ptr_to_ctx", "anything", "ptr_to_uninit_mem", "const_size", "anything"]
  },
  bpf_csum_diff: {
    ret: "integer",
    args: ["ptr_to_mem_rdonly_or_null", "const_size_or_zero", "ptr_to_mem_rdonly_or_null", "const_size_or_zero", "anything"]
  },
  bpf_csum_update: CTX_AND_ANY,
  bpf_skb_change_proto: CTX_AND_TWO,
  bpf_skb_change_type: CTX_AND_ANY,
  bpf_skb_change_tail: CTX_AND_TWO,
  bpf_skb_change_head: CTX_AND_TWO,
  bpf_skb_pull_data: CTX_AND_ANY,
  bpf_skb_adjust_room: { ret: "integer", args: ["ptr_to_ctx", "anything", "anything", "anything"] },
  bpf_skb_under_cgroup: { ret: "integer", args: ["ptr_to_ctx", "const_map_ptr", "anything"] },
  bpf_skb_cgroup_id: SKB_CTX_ONLY,
  bpf_skb_ecn_set_ce: SKB_CTX_ONLY,
  bpf_get_hash_recalc: SKB_CTX_ONLY,
  bpf_set_hash_invalid: { ret: "void", args: ["ptr_to_ctx"] },
  bpf_set_hash: CTX_AND_ANY,
  bpf_get_socket_cookie: SKB_CTX_ONLY,
  bpf_xdp_adjust_head: CTX_AND_ANY,
  bpf_xdp_adjust_meta: CTX_AND_ANY,
  bpf_xdp_adjust_tail: CTX_AND_ANY,
  bpf_xdp_get_buff_len: SKB_CTX_ONLY,
  bpf_xdp_load_bytes: { ret: "integer", args: ["ptr_to_ctx", "anything", "ptr_to_uninit_mem", "const_size"] },
  bpf_xdp_store_bytes: { ret: "integer", args: ["ptr_to_ctx", "anything", "ptr_to_mem_rdonly", "const_size"] },
  bpf_fib_lookup: { ret: "integer", args: ["ptr_to_ctx", "ptr_to_mem", "const_size", "anything"] },
  bpf_check_mtu: { ret: "integer", args: ["ptr_to_ctx", "anything", "ptr_to_int", "anything", "anything"] },
  bpf_sk_lookup_tcp: SOCK_LOOKUP("socket_or_null"),
  bpf_sk_lookup_udp: SOCK_LOOKUP("socket_or_null"),
  bpf_skc_lookup_tcp: SOCK_LOOKUP("sock_common_or_null"),
  bpf_sk_release: { ret: "integer", args: ["ptr_to_btf_id_sock_common"] },
  bpf_sk_fullsock: { ret: "socket_or_null", args: ["ptr_to_sock_common"] },
  bpf_tcp_sock: { ret: "tcp_sock_or_null", args: ["ptr_to_sock_common"] },
  bpf_tcp_check_syncookie: {
    ret: "integer",
    args: ["ptr_to_btf_id_sock_common", "ptr_to_mem_rdonly", "const_size", "ptr_to_mem_rdonly", "const_size"]
  },
  bpf_tcp_gen_syncookie: {
    ret: "integer",
    args: ["ptr_to_btf_id_sock_common", "ptr_to_mem_rdonly", "const_size", "ptr_to_mem_rdonly", "const_size"]
  },
  bpf_sk_storage_get: {
    ret: "map_value_or_null",
    args: ["const_map_ptr", "ptr_to_btf_id_sock_common", "ptr_to_map_value_or_null", "anything"]
  },
  bpf_sk_storage_delete: { ret: "integer", args: ["const_map_ptr", "ptr_to_btf_id_sock_common"] },
  bpf_spin_lock: { ret: "void", args: ["ptr_to_spin_lock"] },
  bpf_spin_unlock: { ret: "void", args: ["ptr_to_spin_lock"] },
  bpf_ringbuf_output: { ret: "integer", args: ["const_map_ptr", "ptr_to_mem_rdonly", "const_size_or_zero", "anything"] },
  bpf_ringbuf_reserve: { ret: "alloc_mem_or_null", args: ["const_map_ptr", "const_alloc_size_or_zero", "anything"] },
  bpf_ringbuf_submit: { ret: "void", args: ["ptr_to_alloc_mem", "anything"] },
  bpf_ringbuf_discard: { ret: "void", args: ["ptr_to_alloc_mem", "anything"] },
  bpf_ringbuf_query: { ret: "integer", args: ["const_map_ptr", "anything"] },
  bpf_loop: { ret: "integer", args: ["anything", "ptr_to_func", "ptr_to_stack_or_null", "anything"] },
  bpf_snprintf: {
    ret: "integer",
    args: ["ptr_to_uninit_mem", "const_size_or_zero", "ptr_to_const_str", "ptr_to_mem_rdonly_or_null", "const_size_or_zero"]
  }
};
var PROTO_RE = /^(.*?)\b(bpf_\w+)\((.*)\)$/;
function splitProto(proto) {
  const m = PROTO_RE.exec(proto);
  if (!m) throw new Error(`internal: malformed helper prototype ${proto}`);
  return { ret: m[1].trim(), name: m[2], params: m[3] };
}
function defaultKinds(proto) {
  const { ret: ret2, params } = splitProto(proto);
  const count = params === "void" ? 0 : params.split(",").filter((p) => p.trim() !== "...").length;
  const retKind = ret2 === "void" ? "void" : ret2.endsWith("*") ? "ptr_or_null" : "integer";
  return { ret: retKind, args: new Array(count).fill("anything") };
}
function buildTable() {
  return HELPER_PROTOS.map(([id, proto]) => {
    const { name } = splitProto(proto);
    const kinds = HELPER_KINDS[name] ?? defaultKinds(proto);
    const info2 = { id, name, ret: kinds.ret, args: kinds.args, proto };
    if (kinds.gplOnly) info2.gplOnly = true;
    return info2;
  });
}
var helperIndex;
function helperIdx() {
  if (helperIndex) return helperIndex;
  const list = buildTable();
  helperIndex = {
    list,
    byId: new Map(list.map((h) => [h.id, h])),
    byName: new Map(list.map((h) => [h.name, h]))
  };
  return helperIndex;
}
function helperTable() {
  return helperIdx().list;
}
function helperById(id) {
  return helperIdx().byId.get(id);
}
function helperByName(name) {
  return helperIdx().byName.get(name);
}

// src/bpf/opcodes.ts
var CLASS_CODE = {
  ld: 0,
  ldx: 1,
  st: 2,
  stx: 3,
  alu: 4,
  jmp: 5,
  jmp32: 6,
  alu64: 7
};
var SIZE_CODE = { w: 0, h: 8, b: 16, dw: 24 };
var SIZE_C_NAME = { b: "u8", h: "u16", w: "u32", dw: "u64" };
var MODE_CODE = {
  imm: 0,
  abs: 32,
  ind: 64,
  mem: 96,
  memsx: 128,
  atomic: 192
};
var SOURCE_CODE = { k: 0, x: 8 };
var ALU_OP_CODE = {
  add: 0,
  sub: 16,
  mul: 32,
  div: 48,
  or: 64,
  and: 80,
  lsh: 96,
  rsh: 112,
  neg: 128,
  mod: 144,
  xor: 160,
  mov: 176,
  arsh: 192,
  end: 208
};
var ALU_BINARY_ENCODING = {
  add: { op: "add", off: 0 },
  sub: { op: "sub", off: 0 },
  mul: { op: "mul", off: 0 },
  div: { op: "div", off: 0 },
  sdiv: { op: "div", off: 1 },
  or: { op: "or", off: 0 },
  and: { op: "and", off: 0 },
  lsh: { op: "lsh", off: 0 },
  rsh: { op: "rsh", off: 0 },
  mod: { op: "mod", off: 0 },
  smod: { op: "mod", off: 1 },
  xor: { op: "xor", off: 0 },
  mov: { op: "mov", off: 0 },
  arsh: { op: "arsh", off: 0 }
};
var MOVSX_BITS = [8, 16, 32];
var END_TO_LE = 0;
var END_TO_BE = 8;
var END_WIDTHS = [16, 32, 64];
var JMP_OP_CODE = {
  ja: 0,
  jeq: 16,
  jgt: 32,
  jge: 48,
  jset: 64,
  jne: 80,
  jsgt: 96,
  jsge: 112,
  call: 128,
  exit: 144,
  jlt: 160,
  jle: 176,
  jslt: 192,
  jsle: 208
};
var COND_JMP_OPS = [
  "jeq",
  "jgt",
  "jge",
  "jset",
  "jne",
  "jsgt",
  "jsge",
  "jlt",
  "jle",
  "jslt",
  "jsle"
];
var COND_JMP_SYMBOL = {
  jeq: "==",
  jgt: ">",
  jge: ">=",
  jset: "&",
  jne: "!=",
  jsgt: "s>",
  jsge: "s>=",
  jlt: "<",
  jle: "<=",
  jslt: "s<",
  jsle: "s<="
};
var COND_JMP_MIN_CPU = {
  jeq: 1,
  jgt: 1,
  jge: 1,
  jset: 1,
  jne: 1,
  jsgt: 1,
  jsge: 1,
  jlt: 2,
  jle: 2,
  jslt: 2,
  jsle: 2
};
var ATOMIC_OP_CODE = {
  add: 0,
  or: 64,
  and: 80,
  xor: 160,
  xchg: 225,
  cmpxchg: 241
};
var ATOMIC_FETCH = 1;
var ATOMIC_SIZES = ["w", "dw"];
var PSEUDO_LD_IMM64 = {
  /** imm is a map file descriptor (a map relocation before loading). */
  mapFd: 1,
  /** imm is a map fd, next imm an offset into the map value. */
  mapValue: 2,
  /** imm is a kernel BTF id (a ksym). */
  btfId: 3,
  /** imm is an instruction offset to a BPF function (a callback). */
  func: 4,
  /** imm is an index into the fd_array given to BPF_PROG_LOAD. */
  mapIdx: 5,
  /** like mapIdx, plus an offset into the map value. */
  mapIdxValue: 6
};
var PSEUDO_CALL = {
  /** BPF-to-BPF call; imm is the relative instruction offset of the callee. */
  call: 1,
  /** Call of a kernel function; imm is its BTF id. */
  kfuncCall: 2
};
function buildForms() {
  const forms = [];
  const add = (f) => {
    forms.push({ slots: 1, ...f });
  };
  for (const cls of ["alu64", "alu"]) {
    const bits = cls === "alu64" ? "64" : "32";
    const baseCpu = cls === "alu64" ? 1 : 3;
    for (const name of Object.keys(ALU_BINARY_ENCODING)) {
      const enc = ALU_BINARY_ENCODING[name];
      const signedDiv = name === "sdiv" || name === "smod";
      for (const source of ["k", "x"]) {
        add({
          mnemonic: `${name}${bits}_${source === "k" ? "imm" : "reg"}`,
          kind: "alu",
          code: CLASS_CODE[cls] | ALU_OP_CODE[enc.op] | SOURCE_CODE[source],
          cls,
          off: enc.op === "div" || enc.op === "mod" || enc.op === "mov" ? enc.off : void 0,
          minCpu: signedDiv ? 4 : baseCpu,
          aluOp: name,
          source
        });
      }
    }
    for (const b of MOVSX_BITS) {
      if (cls === "alu" && b === 32) continue;
      add({
        mnemonic: `movsx${bits}_${b}`,
        kind: "alu",
        code: CLASS_CODE[cls] | ALU_OP_CODE.mov | SOURCE_CODE.x,
        cls,
        off: b,
        minCpu: 4,
        aluOp: "mov",
        source: "x",
        movsxBits: b
      });
    }
    add({
      mnemonic: `neg${bits}`,
      kind: "neg",
      code: CLASS_CODE[cls] | ALU_OP_CODE.neg,
      cls,
      minCpu: baseCpu
    });
  }
  for (const w of END_WIDTHS) {
    for (const toBe of [false, true]) {
      add({
        mnemonic: `${toBe ? "be" : "le"}${w}`,
        kind: "endian",
        code: CLASS_CODE.alu | ALU_OP_CODE.end | (toBe ? END_TO_BE : END_TO_LE),
        cls: "alu",
        imm: w,
        minCpu: 1,
        endWidth: w,
        toBigEndian: toBe
      });
    }
    add({
      mnemonic: `bswap${w}`,
      kind: "bswap",
      code: CLASS_CODE.alu64 | ALU_OP_CODE.end | END_TO_LE,
      cls: "alu64",
      imm: w,
      minCpu: 4,
      endWidth: w
    });
  }
  add({
    mnemonic: "lddw",
    kind: "ld_imm64",
    code: CLASS_CODE.ld | MODE_CODE.imm | SIZE_CODE.dw,
    cls: "ld",
    minCpu: 1,
    slots: 2,
    size: "dw"
  });
  for (const size of ["b", "h", "w"]) {
    add({ mnemonic: `ldabs${size}`, kind: "ld_abs", code: CLASS_CODE.ld | MODE_CODE.abs | SIZE_CODE[size], cls: "ld", minCpu: 1, size });
    add({ mnemonic: `ldind${size}`, kind: "ld_ind", code: CLASS_CODE.ld | MODE_CODE.ind | SIZE_CODE[size], cls: "ld", minCpu: 1, size });
    add({ mnemonic: `ldxs${size}`, kind: "ldsx", code: CLASS_CODE.ldx | MODE_CODE.memsx | SIZE_CODE[size], cls: "ldx", minCpu: 4, size });
  }
  for (const size of ["b", "h", "w", "dw"]) {
    add({ mnemonic: `ldx${size}`, kind: "ldx", code: CLASS_CODE.ldx | MODE_CODE.mem | SIZE_CODE[size], cls: "ldx", minCpu: 1, size });
    add({ mnemonic: `st${size}`, kind: "st", code: CLASS_CODE.st | MODE_CODE.mem | SIZE_CODE[size], cls: "st", minCpu: 1, size });
    add({ mnemonic: `stx${size}`, kind: "stx", code: CLASS_CODE.stx | MODE_CODE.mem | SIZE_CODE[size], cls: "stx", minCpu: 1, size });
  }
  for (const size of ATOMIC_SIZES) {
    const bits = size === "dw" ? "64" : "32";
    for (const op of ["add", "or", "and", "xor"]) {
      for (const fetch of [false, true]) {
        add({
          mnemonic: `lock_${fetch ? "fetch_" : ""}${op}${bits}`,
          kind: "atomic",
          code: CLASS_CODE.stx | MODE_CODE.atomic | SIZE_CODE[size],
          cls: "stx",
          imm: ATOMIC_OP_CODE[op] | (fetch ? ATOMIC_FETCH : 0),
          minCpu: op === "add" && !fetch ? 1 : 3,
          size,
          atomicOp: op,
          fetch
        });
      }
    }
    for (const op of ["xchg", "cmpxchg"]) {
      add({
        mnemonic: `${op}${bits}`,
        kind: "atomic",
        code: CLASS_CODE.stx | MODE_CODE.atomic | SIZE_CODE[size],
        cls: "stx",
        imm: ATOMIC_OP_CODE[op],
        minCpu: 3,
        size,
        atomicOp: op,
        fetch: true
      });
    }
  }
  for (const cls of ["jmp", "jmp32"]) {
    const suffix = cls === "jmp32" ? "32" : "";
    for (const op of COND_JMP_OPS) {
      for (const source of ["k", "x"]) {
        add({
          mnemonic: `${op}${suffix}_${source === "k" ? "imm" : "reg"}`,
          kind: "jcond",
          code: CLASS_CODE[cls] | JMP_OP_CODE[op] | SOURCE_CODE[source],
          cls,
          minCpu: cls === "jmp32" ? 3 : COND_JMP_MIN_CPU[op],
          jmpOp: op,
          source
        });
      }
    }
  }
  add({ mnemonic: "ja", kind: "ja", code: CLASS_CODE.jmp | JMP_OP_CODE.ja, cls: "jmp", minCpu: 1 });
  add({ mnemonic: "gotol", kind: "gotol", code: CLASS_CODE.jmp32 | JMP_OP_CODE.ja, cls: "jmp32", minCpu: 4 });
  add({ mnemonic: "call", kind: "call", code: CLASS_CODE.jmp | JMP_OP_CODE.call, cls: "jmp", minCpu: 1 });
  add({ mnemonic: "exit", kind: "exit", code: CLASS_CODE.jmp | JMP_OP_CODE.exit, cls: "jmp", minCpu: 1 });
  return forms;
}
var formIndex;
function index() {
  if (formIndex) return formIndex;
  const forms = buildForms();
  const byCode = /* @__PURE__ */ new Map();
  const byMnemonic = /* @__PURE__ */ new Map();
  for (const f of forms) {
    const list = byCode.get(f.code) ?? [];
    list.push(f);
    byCode.set(f.code, list);
    if (byMnemonic.has(f.mnemonic)) throw new Error(`internal: duplicate opcode form ${f.mnemonic}`);
    byMnemonic.set(f.mnemonic, f);
  }
  formIndex = { forms, byCode, byMnemonic };
  return formIndex;
}
function formOf(insn2) {
  const candidates = index().byCode.get(insn2.code & 255);
  if (!candidates) return void 0;
  for (const f of candidates) {
    if (f.off !== void 0 && f.off !== insn2.off) continue;
    if (f.imm !== void 0 && f.imm !== insn2.imm) continue;
    return f;
  }
  return void 0;
}

// src/bpf/disasm.ts
var ALU_SYMBOL = {
  add: "+=",
  sub: "-=",
  mul: "*=",
  div: "/=",
  sdiv: "s/=",
  or: "|=",
  and: "&=",
  lsh: "<<=",
  rsh: ">>=",
  mod: "%=",
  smod: "s%=",
  xor: "^=",
  mov: "=",
  arsh: "s>>="
};
var ATOMIC_SYMBOL = {
  add: "+=",
  or: "|=",
  and: "&=",
  xor: "^="
};
function signed(n) {
  return n < 0 ? `${n}` : `+${n}`;
}
function hex32(n) {
  return `0x${(n >>> 0).toString(16)}`;
}
function mem(size, reg3, off, typeName = SIZE_C_NAME[size]) {
  return `(${typeName} *)(r${reg3} ${signed(off)})`;
}
function atomicText(insn2, size, op, fetch) {
  const width = size === "dw" ? "64" : "";
  const target2 = mem(size, insn2.dst, insn2.off);
  switch (op) {
    case "xchg":
      return `r${insn2.src} = atomic${width}_xchg(${target2}, r${insn2.src})`;
    case "cmpxchg":
      return `r0 = atomic${width}_cmpxchg(${target2}, r0, r${insn2.src})`;
    case "add":
    case "or":
    case "and":
    case "xor":
      return fetch ? `r${insn2.src} = atomic${width}_fetch_${op}(${target2}, r${insn2.src})` : `lock *${target2} ${ATOMIC_SYMBOL[op]} r${insn2.src}`;
    default:
      return assertNever(op);
  }
}
function ldImm64Text(insns, index2, opts) {
  const insn2 = insns[index2];
  const symbol = opts.symbolAt?.(index2);
  let value;
  if (symbol !== void 0) {
    value = symbol;
  } else {
    const hi = BigInt(insns[index2 + 1]?.imm ?? 0) & 0xffffffffn;
    const lo = BigInt(insn2.imm) & 0xffffffffn;
    value = `0x${(hi << 32n | lo).toString(16)}`;
  }
  return `r${insn2.dst} = ${value}${opts.llSuffix ? " ll" : ""}`;
}
function callText(insn2, opts) {
  if (insn2.src === PSEUDO_CALL.call) return `call pc${signed(insn2.imm)}`;
  if (insn2.src === PSEUDO_CALL.kfuncCall) return `call kernel-function#${insn2.imm}`;
  const name = opts.helperName?.(insn2.imm) ?? helperById(insn2.imm)?.name ?? "unknown";
  return `call ${name}#${insn2.imm}`;
}
function bodyText(insns, index2, opts) {
  const insn2 = insns[index2];
  const form = formOf(insn2);
  const code = insn2.code & 255;
  if (!form) return `invalid insn 0x${code.toString(16).padStart(2, "0")}`;
  const w = form.cls === "alu" || form.cls === "jmp32" ? "w" : "r";
  switch (form.kind) {
    case "alu": {
      const op = ALU_SYMBOL[form.aluOp];
      if (form.source === "k") return `${w}${insn2.dst} ${op} ${insn2.imm}`;
      const cast = form.movsxBits ? `(s${form.movsxBits})` : "";
      return `${w}${insn2.dst} ${op} ${cast}${w}${insn2.src}`;
    }
    case "neg":
      return `${w}${insn2.dst} = -${w}${insn2.dst}`;
    case "endian":
      return `r${insn2.dst} = ${form.toBigEndian ? "be" : "le"}${insn2.imm} r${insn2.dst}`;
    case "bswap":
      return `r${insn2.dst} = bswap${insn2.imm} r${insn2.dst}`;
    case "ld_imm64":
      return ldImm64Text(insns, index2, opts);
    case "ld_abs":
      return `r0 = *(${SIZE_C_NAME[form.size]} *)skb[${insn2.imm}]`;
    case "ld_ind":
      return `r0 = *(${SIZE_C_NAME[form.size]} *)skb[r${insn2.src} + ${insn2.imm}]`;
    case "ldx":
      return `r${insn2.dst} = *${mem(form.size, insn2.src, insn2.off)}`;
    case "ldsx":
      return `r${insn2.dst} = *${mem(form.size, insn2.src, insn2.off, `s${SIZE_C_NAME[form.size].slice(1)}`)}`;
    case "st":
      return `*${mem(form.size, insn2.dst, insn2.off)} = ${insn2.imm}`;
    case "stx":
      return `*${mem(form.size, insn2.dst, insn2.off)} = r${insn2.src}`;
    case "atomic":
      return atomicText(insn2, form.size, form.atomicOp, (insn2.imm & ATOMIC_FETCH) !== 0);
    case "jcond": {
      const op = COND_JMP_SYMBOL[form.jmpOp];
      const rhs = form.source === "x" ? `${w}${insn2.src}` : hex32(insn2.imm);
      return `if ${w}${insn2.dst} ${op} ${rhs} goto pc${signed(insn2.off)}`;
    }
    case "ja":
      return `goto pc${signed(insn2.off)}`;
    case "gotol":
      return `gotol pc${signed(insn2.imm)}`;
    case "call":
      return callText(insn2, opts);
    case "exit":
      return "exit";
    default:
      return assertNever(form.kind);
  }
}
function disasmInsn(insns, index2, opts = {}) {
  const insn2 = insns[index2];
  if (!insn2) throw new Error(`internal: no instruction at index ${index2}`);
  const form = formOf(insn2);
  const body = bodyText(insns, index2, opts);
  const prefix = opts.showCode ? `(${(insn2.code & 255).toString(16).padStart(2, "0")}) ` : "";
  return { text: prefix + body, slots: form?.slots ?? 1 };
}

// src/bpf/prog-types.ts
var XDP_ACTIONS = [
  { name: "XDP_ABORTED", value: 0 },
  { name: "XDP_DROP", value: 1 },
  { name: "XDP_PASS", value: 2 },
  { name: "XDP_TX", value: 3 },
  { name: "XDP_REDIRECT", value: 4 }
];
var TC_ACTIONS = [
  { name: "TC_ACT_UNSPEC", value: -1 },
  { name: "TC_ACT_OK", value: 0 },
  { name: "TC_ACT_RECLASSIFY", value: 1 },
  { name: "TC_ACT_SHOT", value: 2 },
  { name: "TC_ACT_PIPE", value: 3 },
  { name: "TC_ACT_STOLEN", value: 4 },
  { name: "TC_ACT_QUEUED", value: 5 },
  { name: "TC_ACT_REPEAT", value: 6 },
  { name: "TC_ACT_REDIRECT", value: 7 }
];
var SK_VERDICT = [{ name: "SK_DROP", value: 0 }, { name: "SK_PASS", value: 1 }];
var BPF_OK_DROP = [
  { name: "BPF_OK", value: 0 },
  { name: "BPF_DROP", value: 2 },
  { name: "BPF_REDIRECT", value: 7 }
];
var ALLOW_DENY = [{ name: "deny", value: 0 }, { name: "allow", value: 1 }];
function progType(name, value, ctxStruct, ret2) {
  const ctx = ctxStruct === "xdp_md" || ctxStruct === "__sk_buff" ? ctxStruct : void 0;
  return { name, cName: `BPF_PROG_TYPE_${name.toUpperCase()}`, value, ctx, ctxStruct, ret: ret2 };
}
var PROG_TYPES = [
  // A socket filter returns how many bytes of the packet to keep (0 drops it).
  progType("socket_filter", 1, "__sk_buff", { values: [] }),
  progType("sched_cls", 3, "__sk_buff", { values: TC_ACTIONS }),
  progType("sched_act", 4, "__sk_buff", { values: TC_ACTIONS }),
  progType("xdp", 6, "xdp_md", { values: XDP_ACTIONS }),
  // cgroup_skb: ingress 0..1; egress may also return 2/3 (congestion notification), see sections.
  progType("cgroup_skb", 8, "__sk_buff", { checked: { min: 0, max: 1 }, values: ALLOW_DENY }),
  progType("cgroup_sock", 9, "bpf_sock", { checked: { min: 0, max: 1 }, values: ALLOW_DENY }),
  progType("lwt_in", 10, "__sk_buff", { values: BPF_OK_DROP }),
  progType("lwt_out", 11, "__sk_buff", { values: BPF_OK_DROP }),
  progType("lwt_xmit", 12, "__sk_buff", { values: BPF_OK_DROP }),
  progType("sock_ops", 13, "bpf_sock_ops", { checked: { min: 0, max: 1 }, values: [] }),
  progType("sk_skb", 14, "__sk_buff", { values: SK_VERDICT }),
  progType("sk_msg", 16, "sk_msg_md", { values: SK_VERDICT }),
  progType("cgroup_sock_addr", 18, "bpf_sock_addr", { checked: { min: 0, max: 1 }, values: ALLOW_DENY }),
  progType("lwt_seg6local", 19, "__sk_buff", { values: BPF_OK_DROP }),
  progType("sk_reuseport", 21, "sk_reuseport_md", { values: SK_VERDICT }),
  progType("flow_dissector", 22, "__sk_buff", {
    values: [{ name: "BPF_OK", value: 0 }, { name: "BPF_DROP", value: 2 }]
  }),
  progType("sk_lookup", 30, "bpf_sk_lookup", { checked: { min: 0, max: 1 }, values: SK_VERDICT }),
  progType("netfilter", 32, "bpf_nf_ctx", {
    checked: { min: 0, max: 1 },
    values: [{ name: "NF_DROP", value: 0 }, { name: "NF_ACCEPT", value: 1 }]
  })
];
function attach(cName, value) {
  return { cName, value };
}
function sec(section, progTypeName, extra = {}) {
  return { section, slash: false, progType: progTypeName, sinceLibbpf: "1.0", ...extra };
}
var SECTION_DEFS = [
  sec("socket", "socket_filter"),
  sec("sk_reuseport/migrate", "sk_reuseport", { expectedAttachType: attach("BPF_SK_REUSEPORT_SELECT_OR_MIGRATE", 40) }),
  sec("sk_reuseport", "sk_reuseport", { expectedAttachType: attach("BPF_SK_REUSEPORT_SELECT", 39) }),
  sec("tc/ingress", "sched_cls", { expectedAttachType: attach("BPF_TCX_INGRESS", 46), sinceLibbpf: "1.3" }),
  sec("tc/egress", "sched_cls", { expectedAttachType: attach("BPF_TCX_EGRESS", 47), sinceLibbpf: "1.3" }),
  sec("tcx/ingress", "sched_cls", { expectedAttachType: attach("BPF_TCX_INGRESS", 46), sinceLibbpf: "1.3" }),
  sec("tcx/egress", "sched_cls", { expectedAttachType: attach("BPF_TCX_EGRESS", 47), sinceLibbpf: "1.3" }),
  sec("tc", "sched_cls"),
  sec("classifier", "sched_cls"),
  sec("action", "sched_act"),
  sec("xdp.frags/devmap", "xdp", { expectedAttachType: attach("BPF_XDP_DEVMAP", 33), frags: true }),
  sec("xdp/devmap", "xdp", { expectedAttachType: attach("BPF_XDP_DEVMAP", 33) }),
  sec("xdp.frags/cpumap", "xdp", { expectedAttachType: attach("BPF_XDP_CPUMAP", 35), frags: true }),
  sec("xdp/cpumap", "xdp", { expectedAttachType: attach("BPF_XDP_CPUMAP", 35) }),
  sec("xdp.frags", "xdp", { expectedAttachType: attach("BPF_XDP", 37), frags: true }),
  sec("xdp", "xdp", { expectedAttachType: attach("BPF_XDP", 37) }),
  sec("lwt_in", "lwt_in"),
  sec("lwt_out", "lwt_out"),
  sec("lwt_xmit", "lwt_xmit"),
  sec("lwt_seg6local", "lwt_seg6local"),
  sec("sockops", "sock_ops", { expectedAttachType: attach("BPF_CGROUP_SOCK_OPS", 3) }),
  sec("sk_skb/stream_parser", "sk_skb", { expectedAttachType: attach("BPF_SK_SKB_STREAM_PARSER", 4) }),
  sec("sk_skb/stream_verdict", "sk_skb", { expectedAttachType: attach("BPF_SK_SKB_STREAM_VERDICT", 5) }),
  sec("sk_skb/verdict", "sk_skb", { expectedAttachType: attach("BPF_SK_SKB_VERDICT", 38) }),
  sec("sk_skb", "sk_skb"),
  sec("sk_msg", "sk_msg", { expectedAttachType: attach("BPF_SK_MSG_VERDICT", 7) }),
  sec("flow_dissector", "flow_dissector", { expectedAttachType: attach("BPF_FLOW_DISSECTOR", 17) }),
  sec("cgroup_skb/ingress", "cgroup_skb", { expectedAttachType: attach("BPF_CGROUP_INET_INGRESS", 0) }),
  sec("cgroup_skb/egress", "cgroup_skb", {
    expectedAttachType: attach("BPF_CGROUP_INET_EGRESS", 1),
    checkedRet: { min: 0, max: 3 }
  }),
  sec("cgroup/skb", "cgroup_skb"),
  sec("cgroup/sock_create", "cgroup_sock", { expectedAttachType: attach("BPF_CGROUP_INET_SOCK_CREATE", 2) }),
  sec("cgroup/sock", "cgroup_sock", { expectedAttachType: attach("BPF_CGROUP_INET_SOCK_CREATE", 2) }),
  sec("cgroup/bind4", "cgroup_sock_addr", { expectedAttachType: attach("BPF_CGROUP_INET4_BIND", 8) }),
  sec("cgroup/bind6", "cgroup_sock_addr", { expectedAttachType: attach("BPF_CGROUP_INET6_BIND", 9) }),
  sec("cgroup/connect4", "cgroup_sock_addr", { expectedAttachType: attach("BPF_CGROUP_INET4_CONNECT", 10) }),
  sec("cgroup/connect6", "cgroup_sock_addr", { expectedAttachType: attach("BPF_CGROUP_INET6_CONNECT", 11) }),
  sec("sk_lookup", "sk_lookup", { expectedAttachType: attach("BPF_SK_LOOKUP", 36) }),
  sec("netfilter", "netfilter", { expectedAttachType: attach("BPF_NETFILTER", 45) })
];
var LEGACY_EXACT = { prog: "xdp" };
var PREFERRED_NAME = { classifier: "tc" };
function progTypeByName(name) {
  return PROG_TYPES.find((p) => p.name === name || p.cName === name);
}
function matches(def, section) {
  if (section === def.section) return true;
  return def.slash && section.startsWith(`${def.section}/`);
}
function findProgType(section) {
  for (const def of SECTION_DEFS) {
    if (matches(def, section)) return { kind: "modern", def, progType: progTypeByName(def.progType) };
  }
  const legacy = LEGACY_EXACT[section];
  if (legacy !== void 0) {
    return { kind: "legacy", replacement: legacy, progType: progTypeByName(legacy) };
  }
  for (const def of SECTION_DEFS) {
    if (def.section.includes("/") || !section.startsWith(def.section)) continue;
    const next = section.charAt(def.section.length);
    if (next === "" || next === ".") continue;
    const replacement = PREFERRED_NAME[def.section] ?? def.section;
    return { kind: "legacy", replacement, progType: progTypeByName(def.progType) };
  }
  return void 0;
}

// src/bpf/maps.ts
var MAP_TYPE_NAMES = [
  "unspec",
  "hash",
  "array",
  "prog_array",
  "perf_event_array",
  "percpu_hash",
  "percpu_array",
  "stack_trace",
  "cgroup_array",
  "lru_hash",
  "lru_percpu_hash",
  "lpm_trie",
  "array_of_maps",
  "hash_of_maps",
  "devmap",
  "sockmap",
  "cpumap",
  "xskmap",
  "sockhash",
  "cgroup_storage",
  "reuseport_sockarray",
  "percpu_cgroup_storage",
  "queue",
  "stack",
  "sk_storage",
  "devmap_hash",
  "struct_ops",
  "ringbuf",
  "inode_storage",
  "task_storage",
  "bloom_filter",
  "user_ringbuf",
  "cgrp_storage"
];
var mapTypes;
function mapTypeTable() {
  mapTypes ??= MAP_TYPE_NAMES.map((name, value) => ({
    name,
    cName: `BPF_MAP_TYPE_${name.toUpperCase()}`,
    value
  }));
  return mapTypes;
}
function mapTypeByValue(value) {
  return mapTypeTable()[value];
}
function mapTypeByName(name) {
  return mapTypeTable().find((t) => t.name === name || t.cName === name);
}
var MAP_CREATE_FLAGS = [
  { cName: "BPF_F_NO_PREALLOC", value: 1 << 0, description: "allocate hash elements on update instead of at creation" },
  { cName: "BPF_F_NO_COMMON_LRU", value: 1 << 1, description: "per-CPU LRU lists instead of one shared list" },
  { cName: "BPF_F_NUMA_NODE", value: 1 << 2, description: "numa_node attribute is valid" },
  { cName: "BPF_F_RDONLY", value: 1 << 3, description: "user space may only read" },
  { cName: "BPF_F_WRONLY", value: 1 << 4, description: "user space may only write" },
  { cName: "BPF_F_STACK_BUILD_ID", value: 1 << 5, description: "stack trace map stores build ids" },
  { cName: "BPF_F_ZERO_SEED", value: 1 << 6, description: "hash with a zero seed (testing)" },
  { cName: "BPF_F_RDONLY_PROG", value: 1 << 7, description: "programs may only read" },
  { cName: "BPF_F_WRONLY_PROG", value: 1 << 8, description: "programs may only write" },
  { cName: "BPF_F_CLONE", value: 1 << 9, description: "sk_storage is cloned with the socket" },
  { cName: "BPF_F_MMAPABLE", value: 1 << 10, description: "array may be mmap()ed" },
  { cName: "BPF_F_PRESERVE_ELEMS", value: 1 << 11, description: "perf event array keeps elements when the fd closes" },
  { cName: "BPF_F_INNER_MAP", value: 1 << 12, description: "inner map may differ in max_entries" },
  { cName: "BPF_F_LINK", value: 1 << 13, description: "struct_ops map is attached through a link" },
  { cName: "BPF_F_PATH_FD", value: 1 << 14, description: "pathname is relative to path_fd" }
];

// src/obj/map-defs.ts
var BPF_F_RDONLY_PROG = 1 << 7;
var BPF_F_MMAPABLE = 1 << 10;
function btfSkipModifiers(btf, id) {
  let t = btf[id - 1];
  let guard = 0;
  while (t && (t.kind === "typedef" || t.kind === "const" || t.kind === "volatile" || t.kind === "restrict") && guard++ < 64) {
    id = t.type;
    t = btf[id - 1];
  }
  return { id, t };
}
function btfSizeOf(btf, id, depth = 0) {
  if (depth > 64) return void 0;
  const { t } = btfSkipModifiers(btf, id);
  if (!t) return void 0;
  switch (t.kind) {
    case "int":
    case "struct":
    case "union":
    case "enum":
    case "datasec":
      return t.sizeBytes;
    case "ptr":
      return 8;
    case "array": {
      const e = btfSizeOf(btf, t.elem, depth + 1);
      return e === void 0 ? void 0 : e * t.nelems;
    }
    default:
      return void 0;
  }
}
function findStructField(btf, id, name, base, depth) {
  if (depth > 16) return void 0;
  const t = btfSkipModifiers(btf, id).t;
  if (!t) return void 0;
  if ((t.kind === "struct" || t.kind === "union") && t.name === name) return base;
  if (t.kind === "struct" || t.kind === "union") {
    for (const m of t.members) {
      const r2 = findStructField(btf, m.type, name, base + Math.floor(m.bitOffset / 8), depth + 1);
      if (r2 !== void 0) return r2;
    }
  }
  if (t.kind === "array" && t.nelems > 0) return findStructField(btf, t.elem, name, base, depth + 1);
  return void 0;
}
function memberValue(btf, type) {
  const p = btfSkipModifiers(btf, type).t;
  if (p?.kind !== "ptr") return void 0;
  const a = btfSkipModifiers(btf, p.type).t;
  return a?.kind === "array" ? a.nelems : void 0;
}
function pointee(btf, type) {
  const p = btfSkipModifiers(btf, type).t;
  return p?.kind === "ptr" ? p.type : void 0;
}
function btfMapDef(btf, name, structId, section, offset) {
  const def = {
    name,
    origin: "btf",
    type: 0,
    keySize: 0,
    valueSize: 0,
    maxEntries: 0,
    flags: 0,
    valueTypeId: void 0,
    inner: void 0,
    initial: void 0,
    section,
    offset,
    spinLockOff: void 0,
    timerOff: void 0
  };
  const st2 = btfSkipModifiers(btf, structId).t;
  if (st2?.kind !== "struct") return def;
  for (const m of st2.members) {
    switch (m.name) {
      case "type":
        def.type = memberValue(btf, m.type) ?? 0;
        break;
      case "max_entries":
        def.maxEntries = memberValue(btf, m.type) ?? 0;
        break;
      case "map_flags":
        def.flags = memberValue(btf, m.type) ?? 0;
        break;
      case "key_size":
        def.keySize = memberValue(btf, m.type) ?? 0;
        break;
      case "value_size":
        def.valueSize = memberValue(btf, m.type) ?? 0;
        break;
      case "key": {
        const k = pointee(btf, m.type);
        if (k !== void 0) def.keySize = btfSizeOf(btf, k) ?? 0;
        break;
      }
      case "value": {
        const v = pointee(btf, m.type);
        if (v !== void 0) {
          def.valueSize = btfSizeOf(btf, v) ?? 0;
          def.valueTypeId = v;
          def.spinLockOff = findStructField(btf, v, "bpf_spin_lock", 0, 0);
          def.timerOff = findStructField(btf, v, "bpf_timer", 0, 0);
        }
        break;
      }
      case "values": {
        const arr = btfSkipModifiers(btf, m.type).t;
        if (arr?.kind === "array") {
          const inner = pointee(btf, arr.elem);
          if (inner !== void 0) def.inner = btfMapDef(btf, `${name}.inner`, inner, section, offset);
        }
        break;
      }
      default:
        break;
    }
  }
  const tname = mapTypeName(def.type);
  if ((tname === "array_of_maps" || tname === "hash_of_maps" || tname === "prog_array" || tname === "perf_event_array" || tname === "cgroup_array" || tname === "devmap" || tname === "sockmap" || tname === "xskmap" || tname === "cpumap" || tname === "devmap_hash" || tname === "sockhash" || tname === "reuseport_sockarray") && def.valueSize === 0) {
    def.valueSize = 4;
  }
  if ((tname === "array_of_maps" || tname === "prog_array" || tname === "perf_event_array" || tname === "cgroup_array" || tname === "array" || tname === "percpu_array" || tname === "devmap" || tname === "sockmap" || tname === "xskmap" || tname === "cpumap") && def.keySize === 0) {
    def.keySize = 4;
  }
  return def;
}
function mapTypeName(type) {
  return [
    "unspec",
    "hash",
    "array",
    "prog_array",
    "perf_event_array",
    "percpu_hash",
    "percpu_array",
    "stack_trace",
    "cgroup_array",
    "lru_hash",
    "lru_percpu_hash",
    "lpm_trie",
    "array_of_maps",
    "hash_of_maps",
    "devmap",
    "sockmap",
    "cpumap",
    "xskmap",
    "sockhash",
    "cgroup_storage",
    "reuseport_sockarray",
    "percpu_cgroup_storage",
    "queue",
    "stack",
    "sk_storage",
    "devmap_hash",
    "struct_ops",
    "ringbuf",
    "inode_storage",
    "task_storage",
    "bloom_filter",
    "user_ringbuf",
    "cgrp_storage"
  ][type] ?? "unknown";
}
function u32At(bytes, off) {
  if (off + 4 > bytes.length) return 0;
  return (bytes[off] | bytes[off + 1] << 8 | bytes[off + 2] << 16 | bytes[off + 3] << 24) >>> 0;
}
function isDataSection(name) {
  return /^\.(rodata|data|bss)(\..*)?$/.test(name) && !name.startsWith(".data.rel");
}
function dataMap(sec2) {
  const rodata = sec2.name.startsWith(".rodata");
  return {
    name: sec2.name,
    origin: "data",
    type: mapTypeByName("array").value,
    keySize: 4,
    valueSize: sec2.bytes.length,
    maxEntries: 1,
    flags: (rodata ? BPF_F_RDONLY_PROG : 0) | BPF_F_MMAPABLE,
    valueTypeId: void 0,
    inner: void 0,
    initial: sec2.bytes,
    section: sec2.name,
    offset: 0,
    spinLockOff: void 0,
    timerOff: void 0
  };
}
function mapDefinitions(obj) {
  const out = [];
  const btf = obj.btf;
  for (const sec2 of obj.data) {
    if (sec2.name === ".maps") {
      const datasec = btf.find((t) => t.kind === "datasec" && t.name === ".maps");
      for (const v of datasec?.vars ?? []) {
        const varT = btf[v.type - 1];
        if (varT?.kind !== "var") continue;
        out.push(btfMapDef(btf, varT.name, varT.type, sec2.name, v.offset));
      }
      continue;
    }
    if (sec2.name === "maps" || sec2.name.startsWith("maps/")) {
      for (const sym of sec2.symbols) {
        const b = sec2.bytes;
        const o = sym.offset;
        out.push({
          name: sym.name,
          origin: "legacy",
          type: u32At(b, o),
          keySize: u32At(b, o + 4),
          valueSize: u32At(b, o + 8),
          maxEntries: u32At(b, o + 12),
          flags: sym.sizeBytes >= 20 ? u32At(b, o + 16) : 0,
          valueTypeId: void 0,
          inner: void 0,
          initial: void 0,
          section: sec2.name,
          offset: o,
          spinLockOff: void 0,
          timerOff: void 0
        });
      }
      continue;
    }
    if (isDataSection(sec2.name) && sec2.bytes.length > 0) out.push(dataMap(sec2));
  }
  return out;
}

// src/bpf/ctx-layouts.ts
function field(name, offsetBytes, sizeBytes, extra = {}) {
  return { name, offsetBytes, sizeBytes, count: 1, exactSize: false, ...extra };
}
var XDP_MD = {
  name: "xdp_md",
  sizeBytes: 24,
  fields: [
    field("data", 0, 4, { exactSize: true, pointer: "pkt" }),
    field("data_end", 4, 4, { exactSize: true, pointer: "pkt_end" }),
    field("data_meta", 8, 4, { exactSize: true, pointer: "pkt_meta" }),
    field("ingress_ifindex", 12, 4, { exactSize: true }),
    field("rx_queue_index", 16, 4, { exactSize: true }),
    field("egress_ifindex", 20, 4, { exactSize: true })
  ]
};
var SK_BUFF = {
  name: "__sk_buff",
  sizeBytes: 192,
  fields: [
    field("len", 0, 4),
    field("pkt_type", 4, 4),
    field("mark", 8, 4),
    field("queue_mapping", 12, 4),
    field("protocol", 16, 4),
    field("vlan_present", 20, 4),
    field("vlan_tci", 24, 4),
    field("vlan_proto", 28, 4),
    field("priority", 32, 4),
    field("ingress_ifindex", 36, 4),
    field("ifindex", 40, 4),
    field("tc_index", 44, 4),
    field("cb", 48, 20, { count: 5 }),
    field("hash", 68, 4),
    field("tc_classid", 72, 4),
    field("data", 76, 4, { exactSize: true, pointer: "pkt" }),
    field("data_end", 80, 4, { exactSize: true, pointer: "pkt_end" }),
    field("napi_id", 84, 4),
    field("family", 88, 4),
    field("remote_ip4", 92, 4),
    field("local_ip4", 96, 4),
    field("remote_ip6", 100, 16, { count: 4 }),
    field("local_ip6", 116, 16, { count: 4 }),
    field("remote_port", 132, 4),
    field("local_port", 136, 4),
    field("data_meta", 140, 4, { exactSize: true, pointer: "pkt_meta" }),
    field("flow_keys", 144, 8, { exactSize: true, pointer: "flow_keys" }),
    field("tstamp", 152, 8, { exactSize: true }),
    field("wire_len", 160, 4),
    field("gso_segs", 164, 4),
    field("sk", 168, 8, { exactSize: true, pointer: "sock_common_or_null" }),
    field("gso_size", 176, 4),
    field("tstamp_type", 180, 1, { exactSize: true }),
    field("hwtstamp", 184, 8, { exactSize: true })
  ]
};
function ctxLayout(name) {
  switch (name) {
    case "xdp_md":
      return XDP_MD;
    case "__sk_buff":
      return SK_BUFF;
    default:
      return assertNever(name);
  }
}
function ctxFieldAt(layout, offsetBytes) {
  return layout.fields.find((f) => offsetBytes >= f.offsetBytes && offsetBytes < f.offsetBytes + f.sizeBytes);
}
var SOCKET_FIELDS = ["family", "remote_ip4", "local_ip4", "remote_ip6", "local_ip6", "remote_port", "local_port"];
var CTX_ACCESS = {
  // XDP: read-only; egress_ifindex is readable only for BPF_XDP_DEVMAP programs (see xdpDevmapOnly).
  xdp: { ctx: "xdp_md", deny: [], write: [] },
  socket_filter: {
    ctx: "__sk_buff",
    deny: ["tc_classid", "data", "data_meta", "data_end", ...SOCKET_FIELDS, "tstamp", "wire_len", "hwtstamp", "flow_keys"],
    write: ["cb"]
  },
  sched_cls: {
    ctx: "__sk_buff",
    deny: [...SOCKET_FIELDS, "flow_keys"],
    write: ["mark", "tc_index", "priority", "tc_classid", "cb", "tstamp", "queue_mapping"]
  },
  sched_act: {
    ctx: "__sk_buff",
    deny: [...SOCKET_FIELDS, "flow_keys"],
    write: ["mark", "tc_index", "priority", "tc_classid", "cb", "tstamp", "queue_mapping"]
  },
  cgroup_skb: {
    ctx: "__sk_buff",
    deny: ["tc_classid", "data_meta", "flow_keys", "wire_len"],
    write: ["mark", "priority", "cb", "tstamp"]
  },
  lwt_in: {
    ctx: "__sk_buff",
    deny: ["tc_classid", ...SOCKET_FIELDS, "data_meta", "tstamp", "wire_len", "hwtstamp", "flow_keys"],
    write: ["mark", "priority", "cb"]
  },
  lwt_out: {
    ctx: "__sk_buff",
    deny: ["tc_classid", ...SOCKET_FIELDS, "data_meta", "tstamp", "wire_len", "hwtstamp", "flow_keys"],
    write: ["mark", "priority", "cb"]
  },
  lwt_xmit: {
    ctx: "__sk_buff",
    deny: ["tc_classid", ...SOCKET_FIELDS, "data_meta", "tstamp", "wire_len", "hwtstamp", "flow_keys"],
    write: ["mark", "priority", "cb"]
  },
  sk_skb: {
    ctx: "__sk_buff",
    deny: ["tc_classid", "data_meta", "tstamp", "wire_len", "hwtstamp", "mark", "flow_keys"],
    write: ["tc_index", "priority"]
  },
  flow_dissector: {
    ctx: "__sk_buff",
    deny: SK_BUFF.fields.map((f) => f.name).filter((n) => n !== "data" && n !== "data_end" && n !== "flow_keys"),
    write: []
  }
};
var XDP_DEVMAP_ONLY_FIELDS = ["egress_ifindex"];
function ctxFieldAllowed(progType2, fieldName, access, expectedAttachType) {
  const policy = CTX_ACCESS[progType2];
  if (!policy) return void 0;
  if (!ctxLayout(policy.ctx).fields.some((f) => f.name === fieldName)) return false;
  if (policy.deny.includes(fieldName)) return false;
  if (policy.ctx === "xdp_md" && XDP_DEVMAP_ONLY_FIELDS.includes(fieldName) && expectedAttachType !== "BPF_XDP_DEVMAP") {
    return false;
  }
  return access === "read" || policy.write.includes(fieldName);
}

// src/run/context.ts
var XDP_FRAME_BYTES = 4096;
var XDP_PACKET_HEADROOM = 256;
var SHARED_INFO_BYTES = 320;
var XDP_FRAME_HEAD_BYTES = 40;
var XDP_META_MAX_BYTES = 252;
var ETH_HLEN = 14;
var SKB_HEADROOM = 64;
var LOOPBACK_IFINDEX = 1;
var SKF_NET_OFF = -1048576;
var SKF_LL_OFF = -2097152;
var L2_SKB_TYPES = /* @__PURE__ */ new Set(["sched_cls", "sched_act"]);
var DIRECT_SKB_TYPES = /* @__PURE__ */ new Set(["sched_cls", "sched_act", "lwt_in", "lwt_out", "lwt_xmit"]);
function readU32(b, off) {
  return off + 4 <= b.length ? (b[off] | b[off + 1] << 8 | b[off + 2] << 16 | b[off + 3] << 24) >>> 0 : 0;
}
function writeU32(b, off, v) {
  b[off] = v & 255;
  b[off + 1] = v >>> 8 & 255;
  b[off + 2] = v >>> 16 & 255;
  b[off + 3] = v >>> 24 & 255;
}
function field2(layout, name) {
  const f = layout.fields.find((x) => x.name === name);
  if (!f) throw new Error(`internal: no field ${name} in ${layout.name}`);
  return f;
}
function setResult(m, lo, hi) {
  m.resLo = lo | 0;
  m.resHi = hi | 0;
}
function narrow(lo, hi, byteInField, sizeBytes) {
  if (sizeBytes === 8) return [lo, hi];
  let v;
  if (byteInField >= 4) v = hi >>> (byteInField - 4) * 8;
  else if (byteInField === 0) v = lo;
  else v = lo >>> byteInField * 8 | (byteInField + sizeBytes > 4 ? hi << (4 - byteInField) * 8 : 0);
  const mask = sizeBytes === 4 ? 4294967295 : (1 << sizeBytes * 8) - 1;
  return [(v & mask) >>> 0, 0];
}
var BaseContext = class {
  constructor(layout, progType2, expectedAttach, mem2, frameBytes) {
    this.layout = layout;
    this.progType = progType2;
    this.expectedAttach = expectedAttach;
    this.ctxRegion = mem2.add("ctx", `context (struct ${layout.name})`, new Uint8Array(layout.sizeBytes), { opaque: true });
    this.packet = mem2.add("packet", "packet", new Uint8Array(frameBytes));
  }
  layout;
  progType;
  expectedAttach;
  ctxRegion;
  packet;
  ctxIn = new Uint8Array(0);
  hasCtx = false;
  /** The frame offset of the input's first byte. */
  inputStart = 0;
  /** Checked accesses, by offset, size and direction (the checks are the same every time). */
  checked = /* @__PURE__ */ new Map();
  fieldFor(m, offset, sizeBytes, write) {
    const key = offset * 32 + sizeBytes * 2 + (write ? 1 : 0);
    const hit = this.checked.get(key);
    if (hit !== void 0) return hit;
    const f = offset >= 0 ? ctxFieldAt(this.layout, offset) : void 0;
    const what = () => `${write ? "write to" : "read of"} ${sizeBytes} byte${sizeBytes === 1 ? "" : "s"} at offset ${offset} of struct ${this.layout.name}`;
    if (!f) return m.fault(`invalid context access: ${what()}, which is not a field`);
    const allowed = ctxFieldAllowed(this.progType, f.name, write ? "write" : "read", this.expectedAttach);
    if (allowed === false) m.fault(`invalid context access: ${what()} (${f.name}), which a ${this.progType} program may not ${write ? "write" : "read"}`);
    const elem = f.sizeBytes / f.count;
    const within = (offset - f.offsetBytes) % elem;
    if (within + sizeBytes > elem || f.exactSize && (sizeBytes !== elem || within !== 0) || write && sizeBytes !== elem) {
      m.fault(`invalid context access: ${what()} (${f.name} is ${elem} bytes${f.exactSize || write ? " and must be accessed whole" : ""})`);
    }
    this.checked.set(key, f);
    return f;
  }
  /** The frame is all zero outside [dirtyStart, dirtyEnd), as the kernel's kzalloc'd buffer. */
  dirtyStart = 0;
  dirtyEnd = 0;
  /** Records that [start, end) of the frame may hold non-zero bytes. */
  touch(start, end) {
    if (this.dirtyEnd <= this.dirtyStart) {
      this.dirtyStart = start;
      this.dirtyEnd = end;
    } else {
      this.dirtyStart = Math.min(this.dirtyStart, start);
      this.dirtyEnd = Math.max(this.dirtyEnd, end);
    }
  }
  clearFrame() {
    if (this.dirtyEnd > this.dirtyStart) this.packet.bytes.fill(0, Math.max(0, this.dirtyStart), this.dirtyEnd);
    this.dirtyStart = this.dirtyEnd = 0;
  }
  pointerTo(m, offset) {
    setResult(m, offset, this.packet.id);
  }
};
var XdpContext = class extends BaseContext {
  kind = "xdp";
  dataMeta = 0;
  data = 0;
  dataEnd = 0;
  ingressIfindex = LOOPBACK_IFINDEX;
  rxQueueIndex = 0;
  constructor(progType2, expectedAttach, mem2) {
    super(XDP_MD, progType2, expectedAttach, mem2, XDP_FRAME_BYTES);
  }
  /** The end of the frame's usable area (xdp_data_hard_end). */
  get hardEnd() {
    return XDP_FRAME_BYTES - SHARED_INFO_BYTES;
  }
  prepare(input) {
    const size = input.packet.length;
    let metaLen = 0;
    let refusal;
    this.ingressIfindex = LOOPBACK_IFINDEX;
    this.rxQueueIndex = 0;
    this.hasCtx = input.ctx !== void 0;
    if (input.ctx) {
      if (input.ctx.length > XDP_MD.sizeBytes && input.ctx.subarray(XDP_MD.sizeBytes).some((b) => b !== 0)) {
        return { error: "the context has non-zero bytes after the end of struct xdp_md", refusal };
      }
      this.ctxIn = new Uint8Array(XDP_MD.sizeBytes);
      this.ctxIn.set(input.ctx.subarray(0, XDP_MD.sizeBytes));
      const get2 = (name) => readU32(this.ctxIn, field2(XDP_MD, name).offsetBytes);
      metaLen = get2("data");
      if (get2("data_meta") !== 0 || get2("data_end") !== size || metaLen > size || metaLen % 4 !== 0 || metaLen > XDP_META_MAX_BYTES) {
        return { error: "xdp_md must have data_meta = 0, data_end = the input length, and data (the metadata length) a multiple of 4 up to 252", refusal };
      }
      if (get2("egress_ifindex") !== 0) return { error: "xdp_md.egress_ifindex must be 0", refusal };
      const ifindex = get2("ingress_ifindex");
      const queue = get2("rx_queue_index");
      if (ifindex === 0 && queue !== 0) return { error: "xdp_md.rx_queue_index needs an ingress_ifindex", refusal };
      if (ifindex !== 0) this.ingressIfindex = ifindex;
      this.rxQueueIndex = queue;
    }
    const maxData = XDP_FRAME_BYTES - (XDP_PACKET_HEADROOM - metaLen) - SHARED_INFO_BYTES;
    if (size > maxData) return { error: `the packet is ${size} bytes; at most ${maxData} fit in an XDP frame`, refusal };
    if (size - metaLen < ETH_HLEN) refusal = `BPF_PROG_TEST_RUN refuses packets shorter than ${ETH_HLEN} bytes (after the metadata)`;
    this.clearFrame();
    const bytes = this.packet.bytes;
    this.dataMeta = XDP_PACKET_HEADROOM - metaLen;
    this.inputStart = this.dataMeta;
    bytes.set(input.packet, this.dataMeta);
    this.data = XDP_PACKET_HEADROOM;
    this.dataEnd = this.dataMeta + size;
    this.window();
    return { refusal };
  }
  window() {
    this.touch(this.dataMeta, this.dataEnd);
    this.packet.start = this.dataMeta;
    this.packet.end = this.dataEnd;
    this.packet.wend = this.dataEnd;
  }
  load(m, offset, sizeBytes) {
    const f = this.fieldFor(m, offset, sizeBytes, false);
    switch (f.pointer) {
      case "pkt":
        return this.pointerTo(m, this.data);
      case "pkt_end":
        return this.pointerTo(m, this.dataEnd);
      case "pkt_meta":
        return this.pointerTo(m, this.dataMeta);
      default:
        break;
    }
    let v = 0;
    if (f.name === "ingress_ifindex") v = this.ingressIfindex;
    else if (f.name === "rx_queue_index") v = this.rxQueueIndex;
    setResult(m, v, 0);
  }
  store(m, offset, sizeBytes) {
    this.fieldFor(m, offset, sizeBytes, true);
    m.fault("invalid context access: XDP programs may not write struct xdp_md");
  }
  loadPacket() {
    return -1;
  }
  packetOut() {
    return this.packet.bytes.slice(this.dataMeta, this.dataEnd);
  }
  packetOutShift() {
    return this.dataMeta - this.inputStart;
  }
  ctxOut() {
    if (!this.hasCtx) return void 0;
    const out = this.ctxIn.slice();
    writeU32(out, field2(XDP_MD, "data").offsetBytes, this.data - this.dataMeta);
    writeU32(out, field2(XDP_MD, "data_end").offsetBytes, this.dataEnd - this.dataMeta);
    return out;
  }
  /** bpf_xdp_adjust_head. */
  adjustHead(delta) {
    const metaLen = this.data - this.dataMeta;
    const data = this.data + delta;
    if (data < XDP_FRAME_HEAD_BYTES + metaLen || data > this.dataEnd - ETH_HLEN) return -22;
    if (metaLen > 0) this.packet.bytes.copyWithin(this.dataMeta + delta, this.dataMeta, this.data);
    this.dataMeta += delta;
    this.data = data;
    this.window();
    return 0;
  }
  /** bpf_xdp_adjust_meta. */
  adjustMeta(delta) {
    const meta = this.dataMeta + delta;
    const metaLen = this.data - meta;
    if (meta < XDP_FRAME_HEAD_BYTES || meta > this.data) return -22;
    if (metaLen % 4 !== 0 || metaLen > XDP_META_MAX_BYTES) return -13;
    this.dataMeta = meta;
    this.window();
    return 0;
  }
  /** bpf_xdp_adjust_tail. */
  adjustTail(delta) {
    const end = this.dataEnd + delta;
    if (end > this.hardEnd || end < this.data + ETH_HLEN) return -22;
    if (delta > 0) this.packet.bytes.fill(0, this.dataEnd, end);
    this.dataEnd = end;
    this.window();
    return 0;
  }
};
var PACKET_HOST = 0;
var PACKET_MULTICAST = 2;
var PACKET_OTHERHOST = 3;
var ETH_P_802_3_MIN = 1536;
var ETH_P_802_3 = 1;
var ETH_P_802_2 = 4;
var ETH_P_IP = 2048;
var ETH_P_IPV6 = 34525;
var IPV4_HEADER_BYTES = 20;
var IPV6_HEADER_BYTES = 40;
var GSO_LEGACY_MAX_SIZE = 65536;
var GSO_MAX_SEGS = 65535;
var SKB_U16_FIELDS = /* @__PURE__ */ new Set(["tc_index", "tc_classid", "queue_mapping"]);
var NO_QUEUE_MAPPING = 65535;
var SKB_CTX_IN_FIELDS = /* @__PURE__ */ new Set(["mark", "priority", "ingress_ifindex", "ifindex", "cb", "tstamp", "wire_len", "gso_segs", "gso_size", "hwtstamp"]);
var SKB_CTX_OUT_FIELDS = ["mark", "priority", "ingress_ifindex", "ifindex", "tstamp", "cb", "wire_len", "gso_segs", "hwtstamp"];
var SkbContext = class extends BaseContext {
  kind = "skb";
  l2;
  direct;
  /** Offsets into the packet region. */
  macHeader = SKB_HEADROOM;
  networkHeader = SKB_HEADROOM;
  data = SKB_HEADROOM;
  len = 0;
  /** The __sk_buff scalar fields, by name (u64 fields as bigint). */
  fields = /* @__PURE__ */ new Map();
  cb = new Uint32Array(5);
  constructor(progType2, expectedAttach, mem2) {
    super(SK_BUFF, progType2, expectedAttach, mem2, XDP_FRAME_BYTES);
    this.l2 = L2_SKB_TYPES.has(progType2);
    this.direct = DIRECT_SKB_TYPES.has(progType2);
  }
  get dataEnd() {
    return this.data + this.len;
  }
  prepare(input) {
    let refusal;
    const pkt = input.packet;
    const size = pkt.length;
    const maxSize = XDP_FRAME_BYTES - SKB_HEADROOM - SHARED_INFO_BYTES;
    if (size > maxSize) return { error: `the packet is ${size} bytes; BPF_PROG_TEST_RUN takes at most ${maxSize} for socket buffers`, refusal };
    if (size < ETH_HLEN) refusal = `BPF_PROG_TEST_RUN refuses packets shorter than ${ETH_HLEN} bytes`;
    else {
      const type = pkt[12] << 8 | pkt[13];
      const need = type === ETH_P_IP ? IPV4_HEADER_BYTES : type === ETH_P_IPV6 ? IPV6_HEADER_BYTES : 0;
      if (size - ETH_HLEN < need) refusal = `BPF_PROG_TEST_RUN refuses an ${type === ETH_P_IP ? "IPv4" : "IPv6"} frame shorter than its ${need}-byte header`;
    }
    this.hasCtx = input.ctx !== void 0;
    this.ctxIn = new Uint8Array(SK_BUFF.sizeBytes);
    if (input.ctx) {
      if (input.ctx.length > SK_BUFF.sizeBytes && input.ctx.subarray(SK_BUFF.sizeBytes).some((b) => b !== 0)) {
        return { error: "the context has non-zero bytes after the end of struct __sk_buff", refusal };
      }
      this.ctxIn.set(input.ctx.subarray(0, SK_BUFF.sizeBytes));
      for (let i = 0; i < SK_BUFF.sizeBytes; i++) {
        if (this.ctxIn[i] === 0) continue;
        const f2 = ctxFieldAt(SK_BUFF, i);
        if (!f2 || !SKB_CTX_IN_FIELDS.has(f2.name)) {
          return { error: `__sk_buff.${f2?.name ?? `byte ${i}`} may not be set in the input context (BPF_PROG_TEST_RUN accepts only ${[...SKB_CTX_IN_FIELDS].join(", ")})`, refusal };
        }
      }
    }
    const inField = (name) => readU32(this.ctxIn, field2(SK_BUFF, name).offsetBytes);
    const inField64 = (name) => {
      const off = field2(SK_BUFF, name).offsetBytes;
      return BigInt(readU32(this.ctxIn, off)) | BigInt(readU32(this.ctxIn, off + 4)) << 32n;
    };
    this.clearFrame();
    const bytes = this.packet.bytes;
    bytes.set(pkt, SKB_HEADROOM);
    this.touch(SKB_HEADROOM, SKB_HEADROOM + size);
    this.macHeader = SKB_HEADROOM;
    const pulled = Math.min(ETH_HLEN, size);
    this.data = SKB_HEADROOM + pulled;
    this.len = size - pulled;
    this.networkHeader = this.data;
    const dst = pkt.subarray(0, 6);
    let pktType = PACKET_HOST;
    if (size >= 6 && dst.some((b) => b !== 0)) pktType = (dst[0] & 1) !== 0 ? PACKET_MULTICAST : PACKET_OTHERHOST;
    let protocol = 0;
    if (size >= ETH_HLEN) {
      const type = pkt[12] << 8 | pkt[13];
      if (type >= ETH_P_802_3_MIN) protocol = pkt[12] | pkt[13] << 8;
      else if (size >= ETH_HLEN + 2 && pkt[14] === 255 && pkt[15] === 255) protocol = ETH_P_802_3 << 8;
      else protocol = ETH_P_802_2 << 8;
    }
    if (this.l2) {
      this.data = this.macHeader;
      this.len = size;
    }
    const ifindex = inField("ifindex");
    const wireLen = inField("wire_len");
    if (wireLen !== 0 && (wireLen < this.len || wireLen > GSO_LEGACY_MAX_SIZE)) {
      return { error: `__sk_buff.wire_len must be 0 or between skb->len (${this.len}) and ${GSO_LEGACY_MAX_SIZE}`, refusal };
    }
    if (inField("gso_segs") > GSO_MAX_SEGS) return { error: `__sk_buff.gso_segs may be at most ${GSO_MAX_SEGS}`, refusal };
    const f = this.fields;
    f.clear();
    f.set("len", this.len);
    f.set("pkt_type", pktType);
    f.set("mark", inField("mark"));
    f.set("queue_mapping", 0);
    f.set("protocol", protocol);
    f.set("vlan_present", 0);
    f.set("vlan_tci", 0);
    f.set("vlan_proto", 0);
    f.set("priority", inField("priority"));
    f.set("ingress_ifindex", inField("ingress_ifindex"));
    f.set("ifindex", ifindex > 1 ? ifindex : LOOPBACK_IFINDEX);
    f.set("tc_index", 0);
    f.set("hash", 0);
    f.set("tc_classid", 0);
    f.set("napi_id", 0);
    f.set("tstamp", inField64("tstamp"));
    f.set("wire_len", !this.hasCtx ? 0 : wireLen === 0 ? this.len : wireLen);
    f.set("gso_segs", inField("gso_segs"));
    f.set("gso_size", inField("gso_size"));
    f.set("tstamp_type", 0);
    f.set("hwtstamp", inField64("hwtstamp"));
    const cbField = field2(SK_BUFF, "cb");
    for (let i = 0; i < 5; i++) this.cb[i] = readU32(this.ctxIn, cbField.offsetBytes + 4 * i);
    this.window();
    return { refusal };
  }
  window() {
    this.packet.start = this.data;
    this.packet.end = this.direct ? this.dataEnd : this.data;
    this.packet.wend = this.packet.end;
  }
  scalar(name) {
    return this.fields.get(name) ?? 0;
  }
  load(m, offset, sizeBytes) {
    const f = this.fieldFor(m, offset, sizeBytes, false);
    switch (f.pointer) {
      case "pkt":
        return this.pointerTo(m, this.data);
      case "pkt_end":
        return this.pointerTo(m, this.dataEnd);
      case "pkt_meta":
        return this.pointerTo(m, this.data);
      case "flow_keys":
      case "sock_common_or_null":
        m.fault(`__sk_buff.${f.name} is not modelled by ebcc run`);
      // eslint-disable-next-line no-fallthrough
      default:
        break;
    }
    let lo;
    let hi = 0;
    const elem = f.sizeBytes / f.count;
    const index2 = Math.floor((offset - f.offsetBytes) / elem);
    if (f.name === "cb") lo = this.cb[index2];
    else {
      const v = this.scalar(f.name);
      if (typeof v === "bigint") {
        lo = Number(BigInt.asIntN(32, v));
        hi = Number(BigInt.asIntN(32, v >> 32n));
      } else lo = v;
    }
    const [rlo, rhi] = narrow(lo, hi, (offset - f.offsetBytes) % elem, sizeBytes);
    setResult(m, rlo, rhi);
  }
  store(m, offset, sizeBytes, lo, hi) {
    const f = this.fieldFor(m, offset, sizeBytes, true);
    if (f.name === "cb") {
      this.cb[(offset - f.offsetBytes) / 4] = lo >>> 0;
      return;
    }
    if (sizeBytes === 8) this.fields.set(f.name, BigInt(hi >>> 0) << 32n | BigInt(lo >>> 0));
    else if (SKB_U16_FIELDS.has(f.name)) {
      if (f.name === "queue_mapping" && lo >>> 0 >= NO_QUEUE_MAPPING) return;
      this.fields.set(f.name, lo & 65535);
    } else this.fields.set(f.name, lo >>> 0);
  }
  /** The packet bytes [data, data + len). */
  bytes() {
    return this.packet.bytes.subarray(this.data, this.dataEnd);
  }
  loadPacket(offset, sizeBytes) {
    let at;
    if (offset >= 0) {
      if (offset + sizeBytes > this.len) return -1;
      at = this.data + offset;
    } else {
      if (offset >= SKF_NET_OFF) at = this.networkHeader + offset - SKF_NET_OFF;
      else if (offset >= SKF_LL_OFF) at = this.macHeader + offset - SKF_LL_OFF;
      else return -1;
      if (at < 0 || at + sizeBytes > this.dataEnd) return -1;
    }
    const b = this.packet.bytes;
    if (sizeBytes === 1) return b[at];
    if (sizeBytes === 2) return b[at] << 8 | b[at + 1];
    return (b[at] << 24 | b[at + 1] << 16 | b[at + 2] << 8 | b[at + 3]) >>> 0;
  }
  packetOutShift() {
    return (this.l2 ? this.data : this.data - ETH_HLEN) - this.macHeader;
  }
  packetOut() {
    if (this.l2) return this.packet.bytes.slice(this.data, this.dataEnd);
    const out = new Uint8Array(ETH_HLEN + this.len);
    out.set(this.bytes(), ETH_HLEN);
    return out;
  }
  ctxOut() {
    if (!this.hasCtx) return void 0;
    const out = this.ctxIn.slice();
    const dv = new DataView(out.buffer);
    for (const name of SKB_CTX_OUT_FIELDS) {
      const f = field2(SK_BUFF, name);
      if (name === "cb") {
        for (let i = 0; i < 5; i++) dv.setUint32(f.offsetBytes + 4 * i, this.cb[i], true);
        continue;
      }
      const v = this.scalar(name);
      if (typeof v === "bigint") dv.setBigUint64(f.offsetBytes, BigInt.asUintN(64, v), true);
      else dv.setUint32(f.offsetBytes, v >>> 0, true);
    }
    return out;
  }
};
function createContext(progType2, expectedAttach, mem2) {
  const policy = CTX_ACCESS[progType2];
  if (policy?.ctx === "xdp_md") return new XdpContext(progType2, expectedAttach, mem2);
  if (policy?.ctx === "__sk_buff" && progType2 !== "flow_dissector") return new SkbContext(progType2, expectedAttach, mem2);
  return void 0;
}

// src/run/interp.ts
var RunFault = class extends Error {
  constructor(pc, message, kind) {
    super(message);
    this.pc = pc;
    this.kind = kind;
  }
  pc;
  kind;
};
var MAX_CALL_FRAMES = 8;
var STACK_BYTES = 512;
var Machine = class {
  constructor(code, mem2, host) {
    this.code = code;
    this.mem = mem2;
    this.host = host;
  }
  code;
  mem;
  host;
  lo = new Int32Array(11);
  hi = new Int32Array(11);
  /** Results of slow-path loads and 64-bit helpers. */
  resLo = 0;
  resHi = 0;
  /** The slot being executed, for helpers and faults. */
  pc = 0;
  /** Set by bpf_tail_call: the slot to continue at (-1: none). */
  jumpTo = -1;
  /** Instructions executed in the current run, and the limit. */
  insnCount = 0;
  insnLimit = 1e8;
  depth = 0;
  /** The deepest call depth a run reached (the session clears those stack frames). */
  maxDepth = 0;
  frameReturn = new Int32Array(MAX_CALL_FRAMES);
  /** Per frame: R6-R10, lo and hi. */
  frameSave = new Int32Array(MAX_CALL_FRAMES * 10);
  /** Region ids of each map (LD_MAP) and of each map's first value (LD_MAP_VALUE), by map index. */
  mapRegion = new Int32Array(0);
  mapValueRegion = new Int32Array(0);
  /** Stack region ids by call depth. */
  stackRegion = new Int32Array(MAX_CALL_FRAMES);
  helpers = [];
  /** Called before each instruction when tracing. */
  trace = void 0;
  fault(message, kind = "memory") {
    throw new RunFault(this.pc, message, kind);
  }
};
function regionAt(regions, id) {
  return id >>> 0 < regions.length ? regions[id] : void 0;
}
function mulHighU32(a, b) {
  a >>>= 0;
  b >>>= 0;
  const a0 = a & 65535;
  const a1 = a >>> 16;
  const b0 = b & 65535;
  const b1 = b >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = (p00 >>> 16) + (p01 & 65535) + (p10 & 65535);
  return a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16) | 0;
}
function big(lo, hi, signed3) {
  return (signed3 ? BigInt(hi | 0) : BigInt(hi >>> 0)) << 32n | BigInt(lo >>> 0);
}
function divmod64(m, alo, ahi, blo, bhi, mod, signed3) {
  if ((blo | bhi) === 0) {
    m.resLo = mod ? alo : 0;
    m.resHi = mod ? ahi : 0;
    return;
  }
  if (!signed3 && ahi === 0 && bhi === 0) {
    const a2 = alo >>> 0;
    const b2 = blo >>> 0;
    m.resLo = (mod ? a2 % b2 : Math.floor(a2 / b2)) | 0;
    m.resHi = 0;
    return;
  }
  const a = big(alo, ahi, signed3);
  const b = big(blo, bhi, signed3);
  const r2 = BigInt.asIntN(64, mod ? a % b : a / b);
  m.resLo = Number(BigInt.asIntN(32, r2));
  m.resHi = Number(BigInt.asIntN(32, r2 >> 32n));
}
function div32(a, b, mod, signed3) {
  if (b === 0) return mod ? a : 0;
  if (signed3) return (mod ? (a | 0) % (b | 0) : (a | 0) / (b | 0)) | 0;
  return (mod ? (a >>> 0) % (b >>> 0) : (a >>> 0) / (b >>> 0)) | 0;
}
function bswap32(x) {
  return x >>> 24 | x >>> 8 & 65280 | (x & 65280) << 8 | x << 24 | 0;
}
function execute(m, startPc) {
  const code = m.code;
  const ops = code.op;
  const dsts = code.dst;
  const srcs = code.src;
  const offs = code.off;
  const imms = code.imm;
  const targets = code.target;
  const lo = m.lo;
  const hi = m.hi;
  const regions = m.mem.regions;
  const trace = m.trace;
  const limit = m.insnLimit;
  let count = m.insnCount;
  let pc = startPc;
  for (; ; ) {
    if (++count > limit) {
      m.insnCount = count;
      m.pc = pc;
      m.fault(`the program executed more than ${limit} instructions`, "limit");
    }
    if (trace !== void 0) {
      m.insnCount = count;
      trace(pc);
    }
    const d = dsts[pc];
    switch (ops[pc]) {
      // ---- ALU64 ----
      case 0 /* ADD64_K */: {
        const imm2 = imms[pc];
        const a = lo[d];
        const r2 = a + imm2 | 0;
        hi[d] = hi[d] + (imm2 >> 31) + (r2 >>> 0 < a >>> 0 ? 1 : 0) | 0;
        lo[d] = r2;
        break;
      }
      case 1 /* ADD64_X */: {
        const s = srcs[pc];
        const a = lo[d];
        const r2 = a + lo[s] | 0;
        hi[d] = hi[d] + hi[s] + (r2 >>> 0 < a >>> 0 ? 1 : 0) | 0;
        lo[d] = r2;
        break;
      }
      case 2 /* SUB64_K */: {
        const imm2 = imms[pc];
        const a = lo[d];
        hi[d] = hi[d] - (imm2 >> 31) - (a >>> 0 < imm2 >>> 0 ? 1 : 0) | 0;
        lo[d] = a - imm2 | 0;
        break;
      }
      case 3 /* SUB64_X */: {
        const s = srcs[pc];
        const a = lo[d];
        const b = lo[s];
        hi[d] = hi[d] - hi[s] - (a >>> 0 < b >>> 0 ? 1 : 0) | 0;
        lo[d] = a - b | 0;
        break;
      }
      case 4 /* MUL64_K */:
      case 5 /* MUL64_X */: {
        let blo;
        let bhi;
        if (ops[pc] === 4 /* MUL64_K */) {
          blo = imms[pc];
          bhi = blo >> 31;
        } else {
          blo = lo[srcs[pc]];
          bhi = hi[srcs[pc]];
        }
        const alo = lo[d];
        const ahi = hi[d];
        hi[d] = mulHighU32(alo, blo) + Math.imul(alo, bhi) + Math.imul(ahi, blo) | 0;
        lo[d] = Math.imul(alo, blo);
        break;
      }
      case 6 /* DIV64_K */:
      case 8 /* SDIV64_K */:
      case 18 /* MOD64_K */:
      case 20 /* SMOD64_K */: {
        const o = ops[pc];
        const imm2 = imms[pc];
        divmod64(m, lo[d], hi[d], imm2, imm2 >> 31, o === 18 /* MOD64_K */ || o === 20 /* SMOD64_K */, o === 8 /* SDIV64_K */ || o === 20 /* SMOD64_K */);
        lo[d] = m.resLo;
        hi[d] = m.resHi;
        break;
      }
      case 7 /* DIV64_X */:
      case 9 /* SDIV64_X */:
      case 19 /* MOD64_X */:
      case 21 /* SMOD64_X */: {
        const o = ops[pc];
        const s = srcs[pc];
        divmod64(m, lo[d], hi[d], lo[s], hi[s], o === 19 /* MOD64_X */ || o === 21 /* SMOD64_X */, o === 9 /* SDIV64_X */ || o === 21 /* SMOD64_X */);
        lo[d] = m.resLo;
        hi[d] = m.resHi;
        break;
      }
      case 10 /* OR64_K */: {
        const imm2 = imms[pc];
        lo[d] = lo[d] | imm2;
        hi[d] = hi[d] | imm2 >> 31;
        break;
      }
      case 11 /* OR64_X */: {
        const s = srcs[pc];
        lo[d] = lo[d] | lo[s];
        hi[d] = hi[d] | hi[s];
        break;
      }
      case 12 /* AND64_K */: {
        const imm2 = imms[pc];
        lo[d] = lo[d] & imm2;
        hi[d] = hi[d] & imm2 >> 31;
        break;
      }
      case 13 /* AND64_X */: {
        const s = srcs[pc];
        lo[d] = lo[d] & lo[s];
        hi[d] = hi[d] & hi[s];
        break;
      }
      case 22 /* XOR64_K */: {
        const imm2 = imms[pc];
        lo[d] = lo[d] ^ imm2;
        hi[d] = hi[d] ^ imm2 >> 31;
        break;
      }
      case 23 /* XOR64_X */: {
        const s = srcs[pc];
        lo[d] = lo[d] ^ lo[s];
        hi[d] = hi[d] ^ hi[s];
        break;
      }
      case 24 /* MOV64_K */: {
        const imm2 = imms[pc];
        lo[d] = imm2;
        hi[d] = imm2 >> 31;
        break;
      }
      case 25 /* MOV64_X */: {
        const s = srcs[pc];
        lo[d] = lo[s];
        hi[d] = hi[s];
        break;
      }
      case 14 /* LSH64_K */:
      case 15 /* LSH64_X */: {
        const n = (ops[pc] === 14 /* LSH64_K */ ? imms[pc] : lo[srcs[pc]]) & 63;
        const a = lo[d];
        if (n === 0) break;
        if (n < 32) {
          hi[d] = hi[d] << n | a >>> 32 - n;
          lo[d] = a << n;
        } else {
          hi[d] = a << n - 32;
          lo[d] = 0;
        }
        break;
      }
      case 16 /* RSH64_K */:
      case 17 /* RSH64_X */: {
        const n = (ops[pc] === 16 /* RSH64_K */ ? imms[pc] : lo[srcs[pc]]) & 63;
        const h = hi[d];
        if (n === 0) break;
        if (n < 32) {
          lo[d] = lo[d] >>> n | h << 32 - n;
          hi[d] = h >>> n;
        } else {
          lo[d] = h >>> n - 32;
          hi[d] = 0;
        }
        break;
      }
      case 26 /* ARSH64_K */:
      case 27 /* ARSH64_X */: {
        const n = (ops[pc] === 26 /* ARSH64_K */ ? imms[pc] : lo[srcs[pc]]) & 63;
        const h = hi[d];
        if (n === 0) break;
        if (n < 32) {
          lo[d] = lo[d] >>> n | h << 32 - n;
          hi[d] = h >> n;
        } else {
          lo[d] = h >> n - 32;
          hi[d] = h >> 31;
        }
        break;
      }
      case 61 /* NEG64 */: {
        const a = lo[d];
        hi[d] = ~hi[d] + (a === 0 ? 1 : 0) | 0;
        lo[d] = -a | 0;
        break;
      }
      case 56 /* MOVSX64_8 */: {
        const v = lo[srcs[pc]] << 24 >> 24;
        lo[d] = v;
        hi[d] = v >> 31;
        break;
      }
      case 57 /* MOVSX64_16 */: {
        const v = lo[srcs[pc]] << 16 >> 16;
        lo[d] = v;
        hi[d] = v >> 31;
        break;
      }
      case 58 /* MOVSX64_32 */: {
        const v = lo[srcs[pc]];
        lo[d] = v;
        hi[d] = v >> 31;
        break;
      }
      // ---- ALU32: operate on the low halves, zero the high half ----
      case 28 /* ADD32_K */:
        lo[d] = lo[d] + imms[pc] | 0;
        hi[d] = 0;
        break;
      case 29 /* ADD32_X */:
        lo[d] = lo[d] + lo[srcs[pc]] | 0;
        hi[d] = 0;
        break;
      case 30 /* SUB32_K */:
        lo[d] = lo[d] - imms[pc] | 0;
        hi[d] = 0;
        break;
      case 31 /* SUB32_X */:
        lo[d] = lo[d] - lo[srcs[pc]] | 0;
        hi[d] = 0;
        break;
      case 32 /* MUL32_K */:
        lo[d] = Math.imul(lo[d], imms[pc]);
        hi[d] = 0;
        break;
      case 33 /* MUL32_X */:
        lo[d] = Math.imul(lo[d], lo[srcs[pc]]);
        hi[d] = 0;
        break;
      case 34 /* DIV32_K */:
        lo[d] = div32(lo[d], imms[pc], false, false);
        hi[d] = 0;
        break;
      case 35 /* DIV32_X */:
        lo[d] = div32(lo[d], lo[srcs[pc]], false, false);
        hi[d] = 0;
        break;
      case 36 /* SDIV32_K */:
        lo[d] = div32(lo[d], imms[pc], false, true);
        hi[d] = 0;
        break;
      case 37 /* SDIV32_X */:
        lo[d] = div32(lo[d], lo[srcs[pc]], false, true);
        hi[d] = 0;
        break;
      case 46 /* MOD32_K */:
        lo[d] = div32(lo[d], imms[pc], true, false);
        hi[d] = 0;
        break;
      case 47 /* MOD32_X */:
        lo[d] = div32(lo[d], lo[srcs[pc]], true, false);
        hi[d] = 0;
        break;
      case 48 /* SMOD32_K */:
        lo[d] = div32(lo[d], imms[pc], true, true);
        hi[d] = 0;
        break;
      case 49 /* SMOD32_X */:
        lo[d] = div32(lo[d], lo[srcs[pc]], true, true);
        hi[d] = 0;
        break;
      case 38 /* OR32_K */:
        lo[d] = lo[d] | imms[pc];
        hi[d] = 0;
        break;
      case 39 /* OR32_X */:
        lo[d] = lo[d] | lo[srcs[pc]];
        hi[d] = 0;
        break;
      case 40 /* AND32_K */:
        lo[d] = lo[d] & imms[pc];
        hi[d] = 0;
        break;
      case 41 /* AND32_X */:
        lo[d] = lo[d] & lo[srcs[pc]];
        hi[d] = 0;
        break;
      case 50 /* XOR32_K */:
        lo[d] = lo[d] ^ imms[pc];
        hi[d] = 0;
        break;
      case 51 /* XOR32_X */:
        lo[d] = lo[d] ^ lo[srcs[pc]];
        hi[d] = 0;
        break;
      case 52 /* MOV32_K */:
        lo[d] = imms[pc];
        hi[d] = 0;
        break;
      case 53 /* MOV32_X */:
        lo[d] = lo[srcs[pc]];
        hi[d] = 0;
        break;
      case 42 /* LSH32_K */:
        lo[d] = lo[d] << (imms[pc] & 31);
        hi[d] = 0;
        break;
      case 43 /* LSH32_X */:
        lo[d] = lo[d] << (lo[srcs[pc]] & 31);
        hi[d] = 0;
        break;
      case 44 /* RSH32_K */:
        lo[d] = lo[d] >>> (imms[pc] & 31) | 0;
        hi[d] = 0;
        break;
      case 45 /* RSH32_X */:
        lo[d] = lo[d] >>> (lo[srcs[pc]] & 31) | 0;
        hi[d] = 0;
        break;
      case 54 /* ARSH32_K */:
        lo[d] = lo[d] >> (imms[pc] & 31);
        hi[d] = 0;
        break;
      case 55 /* ARSH32_X */:
        lo[d] = lo[d] >> (lo[srcs[pc]] & 31);
        hi[d] = 0;
        break;
      case 62 /* NEG32 */:
        lo[d] = -lo[d] | 0;
        hi[d] = 0;
        break;
      case 59 /* MOVSX32_8 */:
        lo[d] = lo[srcs[pc]] << 24 >> 24;
        hi[d] = 0;
        break;
      case 60 /* MOVSX32_16 */:
        lo[d] = lo[srcs[pc]] << 16 >> 16;
        hi[d] = 0;
        break;
      // ---- byte order ----
      case 63 /* LE16 */:
        lo[d] = lo[d] & 65535;
        hi[d] = 0;
        break;
      case 64 /* LE32 */:
        hi[d] = 0;
        break;
      case 68 /* NOP */:
        break;
      case 65 /* BE16 */: {
        const v = lo[d];
        lo[d] = (v & 255) << 8 | v >>> 8 & 255;
        hi[d] = 0;
        break;
      }
      case 66 /* BE32 */:
        lo[d] = bswap32(lo[d]);
        hi[d] = 0;
        break;
      case 67 /* BE64 */: {
        const v = lo[d];
        lo[d] = bswap32(hi[d]);
        hi[d] = bswap32(v);
        break;
      }
      // ---- 64-bit immediates and map addresses ----
      case 69 /* LD_IMM64 */:
        lo[d] = imms[pc];
        hi[d] = code.imm2[pc];
        pc += 2;
        continue;
      case 70 /* LD_MAP */:
        lo[d] = 0;
        hi[d] = m.mapRegion[imms[pc]];
        pc += 2;
        continue;
      case 71 /* LD_MAP_VALUE */: {
        const id = m.mapValueRegion[imms[pc]];
        if (id === 0) {
          m.pc = pc;
          m.fault("ld_imm64 of a map value address: the map has no directly addressable value");
        }
        lo[d] = code.imm2[pc];
        hi[d] = id;
        pc += 2;
        continue;
      }
      // ---- loads ----
      case 80 /* LDX_B */:
      case 81 /* LDX_H */:
      case 82 /* LDX_W */:
      case 83 /* LDX_DW */:
      case 84 /* LDXS_B */:
      case 85 /* LDXS_H */:
      case 86 /* LDXS_W */: {
        const o = ops[pc];
        const s = srcs[pc];
        const a = lo[s] + offs[pc];
        const r2 = regionAt(regions, hi[s]);
        const size = o === 80 /* LDX_B */ || o === 84 /* LDXS_B */ ? 1 : o === 81 /* LDX_H */ || o === 85 /* LDXS_H */ ? 2 : o === 82 /* LDX_W */ || o === 86 /* LDXS_W */ ? 4 : 8;
        let vlo;
        let vhi;
        if (r2 !== void 0 && a >= r2.start && a + size <= r2.end) {
          const view = r2.view;
          if (size === 1) vlo = view.getUint8(a);
          else if (size === 2) vlo = view.getUint16(a, true);
          else vlo = view.getInt32(a, true);
          vhi = size === 8 ? view.getInt32(a + 4, true) : 0;
        } else {
          m.pc = pc;
          m.insnCount = count;
          m.host.load(m, hi[s], a, size);
          vlo = m.resLo;
          vhi = m.resHi;
        }
        if (o >= 84 /* LDXS_B */ && o <= 86 /* LDXS_W */) {
          vlo = size === 1 ? vlo << 24 >> 24 : size === 2 ? vlo << 16 >> 16 : vlo | 0;
          vhi = vlo >> 31;
        }
        lo[d] = vlo;
        hi[d] = vhi;
        break;
      }
      // ---- stores ----
      case 88 /* ST_B */:
      case 89 /* ST_H */:
      case 90 /* ST_W */:
      case 91 /* ST_DW */:
      case 92 /* STX_B */:
      case 93 /* STX_H */:
      case 94 /* STX_W */:
      case 95 /* STX_DW */: {
        const o = ops[pc];
        const a = lo[d] + offs[pc];
        const r2 = regionAt(regions, hi[d]);
        let vlo;
        let vhi;
        if (o <= 91 /* ST_DW */) {
          vlo = imms[pc];
          vhi = vlo >> 31;
        } else {
          vlo = lo[srcs[pc]];
          vhi = hi[srcs[pc]];
        }
        const k = o <= 91 /* ST_DW */ ? o - 88 /* ST_B */ : o - 92 /* STX_B */;
        const size = k === 0 ? 1 : k === 1 ? 2 : k === 2 ? 4 : 8;
        if (r2 !== void 0 && a >= r2.start && a + size <= r2.wend) {
          const view = r2.view;
          if (size === 1) view.setUint8(a, vlo & 255);
          else if (size === 2) view.setUint16(a, vlo & 65535, true);
          else {
            view.setInt32(a, vlo, true);
            if (size === 8) view.setInt32(a + 4, vhi, true);
          }
        } else {
          m.pc = pc;
          m.insnCount = count;
          m.host.store(m, hi[d], a, size, vlo, vhi);
        }
        break;
      }
      // ---- atomics ----
      case 96 /* ATOMIC32_ADD */:
      case 97 /* ATOMIC32_FETCH_ADD */:
      case 98 /* ATOMIC32_OR */:
      case 99 /* ATOMIC32_FETCH_OR */:
      case 100 /* ATOMIC32_AND */:
      case 101 /* ATOMIC32_FETCH_AND */:
      case 102 /* ATOMIC32_XOR */:
      case 103 /* ATOMIC32_FETCH_XOR */:
      case 104 /* ATOMIC32_XCHG */:
      case 105 /* ATOMIC32_CMPXCHG */: {
        const o = ops[pc];
        const s = srcs[pc];
        const a = lo[d] + offs[pc];
        const r2 = regionAt(regions, hi[d]);
        if (r2 === void 0 || a < r2.start || a + 4 > r2.wend) {
          m.pc = pc;
          m.host.store(m, hi[d], a, 4, 0, 0);
          break;
        }
        const view = r2.view;
        const old = view.getInt32(a, true);
        const v = lo[s];
        let nv;
        switch (o) {
          case 96 /* ATOMIC32_ADD */:
          case 97 /* ATOMIC32_FETCH_ADD */:
            nv = old + v | 0;
            break;
          case 98 /* ATOMIC32_OR */:
          case 99 /* ATOMIC32_FETCH_OR */:
            nv = old | v;
            break;
          case 100 /* ATOMIC32_AND */:
          case 101 /* ATOMIC32_FETCH_AND */:
            nv = old & v;
            break;
          case 102 /* ATOMIC32_XOR */:
          case 103 /* ATOMIC32_FETCH_XOR */:
            nv = old ^ v;
            break;
          case 104 /* ATOMIC32_XCHG */:
            nv = v;
            break;
          default:
            nv = old === lo[0] ? v : old;
            break;
        }
        view.setInt32(a, nv, true);
        if (o === 105 /* ATOMIC32_CMPXCHG */) {
          lo[0] = old;
          hi[0] = 0;
        } else if (o === 104 /* ATOMIC32_XCHG */ || (o - 96 /* ATOMIC32_ADD */ & 1) === 1) {
          lo[s] = old;
          hi[s] = 0;
        }
        break;
      }
      case 106 /* ATOMIC64_ADD */:
      case 107 /* ATOMIC64_FETCH_ADD */:
      case 108 /* ATOMIC64_OR */:
      case 109 /* ATOMIC64_FETCH_OR */:
      case 110 /* ATOMIC64_AND */:
      case 111 /* ATOMIC64_FETCH_AND */:
      case 112 /* ATOMIC64_XOR */:
      case 113 /* ATOMIC64_FETCH_XOR */:
      case 114 /* ATOMIC64_XCHG */:
      case 115 /* ATOMIC64_CMPXCHG */: {
        const o = ops[pc];
        const s = srcs[pc];
        const a = lo[d] + offs[pc];
        const r2 = regionAt(regions, hi[d]);
        if (r2 === void 0 || a < r2.start || a + 8 > r2.wend) {
          m.pc = pc;
          m.host.store(m, hi[d], a, 8, 0, 0);
          break;
        }
        const view = r2.view;
        const olo = view.getInt32(a, true);
        const ohi = view.getInt32(a + 4, true);
        const vlo = lo[s];
        const vhi = hi[s];
        let nlo;
        let nhi;
        switch (o) {
          case 106 /* ATOMIC64_ADD */:
          case 107 /* ATOMIC64_FETCH_ADD */:
            nlo = olo + vlo | 0;
            nhi = ohi + vhi + (nlo >>> 0 < olo >>> 0 ? 1 : 0) | 0;
            break;
          case 108 /* ATOMIC64_OR */:
          case 109 /* ATOMIC64_FETCH_OR */:
            nlo = olo | vlo;
            nhi = ohi | vhi;
            break;
          case 110 /* ATOMIC64_AND */:
          case 111 /* ATOMIC64_FETCH_AND */:
            nlo = olo & vlo;
            nhi = ohi & vhi;
            break;
          case 112 /* ATOMIC64_XOR */:
          case 113 /* ATOMIC64_FETCH_XOR */:
            nlo = olo ^ vlo;
            nhi = ohi ^ vhi;
            break;
          case 114 /* ATOMIC64_XCHG */:
            nlo = vlo;
            nhi = vhi;
            break;
          default: {
            const eq2 = olo === lo[0] && ohi === hi[0];
            nlo = eq2 ? vlo : olo;
            nhi = eq2 ? vhi : ohi;
            break;
          }
        }
        view.setInt32(a, nlo, true);
        view.setInt32(a + 4, nhi, true);
        if (o === 115 /* ATOMIC64_CMPXCHG */) {
          lo[0] = olo;
          hi[0] = ohi;
        } else if (o === 114 /* ATOMIC64_XCHG */ || (o - 106 /* ATOMIC64_ADD */ & 1) === 1) {
          lo[s] = olo;
          hi[s] = ohi;
        }
        break;
      }
      // ---- legacy packet loads (socket filters, tc) ----
      case 72 /* LDABS_B */:
      case 73 /* LDABS_H */:
      case 74 /* LDABS_W */:
      case 76 /* LDIND_B */:
      case 77 /* LDIND_H */:
      case 78 /* LDIND_W */: {
        const o = ops[pc];
        const ind = o >= 76 /* LDIND_B */;
        const k = ind ? o - 76 /* LDIND_B */ : o - 72 /* LDABS_B */;
        const size = k === 0 ? 1 : k === 1 ? 2 : 4;
        const offset = ind ? lo[srcs[pc]] + imms[pc] | 0 : imms[pc];
        m.pc = pc;
        const v = m.host.loadPacket(m, offset, size);
        if (v < 0) {
          lo[0] = 0;
          hi[0] = 0;
          if (m.depth === 0) {
            m.insnCount = count;
            return;
          }
          pc = leaveFrame(m);
          continue;
        }
        lo[0] = v | 0;
        hi[0] = 0;
        break;
      }
      // ---- jumps ----
      case 160 /* JA */:
        pc = targets[pc];
        continue;
      case 116 /* JEQ_K */:
        if (lo[d] === imms[pc] && hi[d] === imms[pc] >> 31) {
          pc = targets[pc];
          continue;
        }
        break;
      case 117 /* JEQ_X */: {
        const s = srcs[pc];
        if (lo[d] === lo[s] && hi[d] === hi[s]) {
          pc = targets[pc];
          continue;
        }
        break;
      }
      case 124 /* JNE_K */:
        if (lo[d] !== imms[pc] || hi[d] !== imms[pc] >> 31) {
          pc = targets[pc];
          continue;
        }
        break;
      case 125 /* JNE_X */: {
        const s = srcs[pc];
        if (lo[d] !== lo[s] || hi[d] !== hi[s]) {
          pc = targets[pc];
          continue;
        }
        break;
      }
      case 122 /* JSET_K */: {
        const b = imms[pc];
        if ((lo[d] & b) !== 0 || (hi[d] & b >> 31) !== 0) {
          pc = targets[pc];
          continue;
        }
        break;
      }
      case 123 /* JSET_X */: {
        const s = srcs[pc];
        if ((lo[d] & lo[s]) !== 0 || (hi[d] & hi[s]) !== 0) {
          pc = targets[pc];
          continue;
        }
        break;
      }
      case 118 /* JGT_K */:
      case 120 /* JGE_K */:
      case 130 /* JLT_K */:
      case 132 /* JLE_K */:
      case 119 /* JGT_X */:
      case 121 /* JGE_X */:
      case 131 /* JLT_X */:
      case 133 /* JLE_X */: {
        const o = ops[pc];
        const isK = (o - 116 /* JEQ_K */ & 1) === 0;
        const blo = isK ? imms[pc] : lo[srcs[pc]];
        const bhi = isK ? blo >> 31 : hi[srcs[pc]];
        const ah = hi[d] >>> 0;
        const bh = bhi >>> 0;
        const al = lo[d] >>> 0;
        const bl = blo >>> 0;
        const cmp = ah !== bh ? ah < bh ? -1 : 1 : al !== bl ? al < bl ? -1 : 1 : 0;
        const taken = o === 118 /* JGT_K */ || o === 119 /* JGT_X */ ? cmp > 0 : o === 120 /* JGE_K */ || o === 121 /* JGE_X */ ? cmp >= 0 : o === 130 /* JLT_K */ || o === 131 /* JLT_X */ ? cmp < 0 : cmp <= 0;
        if (taken) {
          pc = targets[pc];
          continue;
        }
        break;
      }
      case 126 /* JSGT_K */:
      case 128 /* JSGE_K */:
      case 134 /* JSLT_K */:
      case 136 /* JSLE_K */:
      case 127 /* JSGT_X */:
      case 129 /* JSGE_X */:
      case 135 /* JSLT_X */:
      case 137 /* JSLE_X */: {
        const o = ops[pc];
        const isK = (o - 116 /* JEQ_K */ & 1) === 0;
        const blo = isK ? imms[pc] : lo[srcs[pc]];
        const bhi = isK ? blo >> 31 : hi[srcs[pc]];
        const ah = hi[d];
        const al = lo[d] >>> 0;
        const bl = blo >>> 0;
        const cmp = ah !== bhi ? ah < bhi ? -1 : 1 : al !== bl ? al < bl ? -1 : 1 : 0;
        const taken = o === 126 /* JSGT_K */ || o === 127 /* JSGT_X */ ? cmp > 0 : o === 128 /* JSGE_K */ || o === 129 /* JSGE_X */ ? cmp >= 0 : o === 134 /* JSLT_K */ || o === 135 /* JSLT_X */ ? cmp < 0 : cmp <= 0;
        if (taken) {
          pc = targets[pc];
          continue;
        }
        break;
      }
      // JMP32: compare the low halves.
      case 138 /* JEQ32_K */:
        if (lo[d] === imms[pc]) {
          pc = targets[pc];
          continue;
        }
        break;
      case 139 /* JEQ32_X */:
        if (lo[d] === lo[srcs[pc]]) {
          pc = targets[pc];
          continue;
        }
        break;
      case 146 /* JNE32_K */:
        if (lo[d] !== imms[pc]) {
          pc = targets[pc];
          continue;
        }
        break;
      case 147 /* JNE32_X */:
        if (lo[d] !== lo[srcs[pc]]) {
          pc = targets[pc];
          continue;
        }
        break;
      case 144 /* JSET32_K */:
        if ((lo[d] & imms[pc]) !== 0) {
          pc = targets[pc];
          continue;
        }
        break;
      case 145 /* JSET32_X */:
        if ((lo[d] & lo[srcs[pc]]) !== 0) {
          pc = targets[pc];
          continue;
        }
        break;
      case 140 /* JGT32_K */:
        if (lo[d] >>> 0 > imms[pc] >>> 0) {
          pc = targets[pc];
          continue;
        }
        break;
      case 141 /* JGT32_X */:
        if (lo[d] >>> 0 > lo[srcs[pc]] >>> 0) {
          pc = targets[pc];
          continue;
        }
        break;
      case 142 /* JGE32_K */:
        if (lo[d] >>> 0 >= imms[pc] >>> 0) {
          pc = targets[pc];
          continue;
        }
        break;
      case 143 /* JGE32_X */:
        if (lo[d] >>> 0 >= lo[srcs[pc]] >>> 0) {
          pc = targets[pc];
          continue;
        }
        break;
      case 152 /* JLT32_K */:
        if (lo[d] >>> 0 < imms[pc] >>> 0) {
          pc = targets[pc];
          continue;
        }
        break;
      case 153 /* JLT32_X */:
        if (lo[d] >>> 0 < lo[srcs[pc]] >>> 0) {
          pc = targets[pc];
          continue;
        }
        break;
      case 154 /* JLE32_K */:
        if (lo[d] >>> 0 <= imms[pc] >>> 0) {
          pc = targets[pc];
          continue;
        }
        break;
      case 155 /* JLE32_X */:
        if (lo[d] >>> 0 <= lo[srcs[pc]] >>> 0) {
          pc = targets[pc];
          continue;
        }
        break;
      case 148 /* JSGT32_K */:
        if (lo[d] > imms[pc]) {
          pc = targets[pc];
          continue;
        }
        break;
      case 149 /* JSGT32_X */:
        if (lo[d] > lo[srcs[pc]]) {
          pc = targets[pc];
          continue;
        }
        break;
      case 150 /* JSGE32_K */:
        if (lo[d] >= imms[pc]) {
          pc = targets[pc];
          continue;
        }
        break;
      case 151 /* JSGE32_X */:
        if (lo[d] >= lo[srcs[pc]]) {
          pc = targets[pc];
          continue;
        }
        break;
      case 156 /* JSLT32_K */:
        if (lo[d] < imms[pc]) {
          pc = targets[pc];
          continue;
        }
        break;
      case 157 /* JSLT32_X */:
        if (lo[d] < lo[srcs[pc]]) {
          pc = targets[pc];
          continue;
        }
        break;
      case 158 /* JSLE32_K */:
        if (lo[d] <= imms[pc]) {
          pc = targets[pc];
          continue;
        }
        break;
      case 159 /* JSLE32_X */:
        if (lo[d] <= lo[srcs[pc]]) {
          pc = targets[pc];
          continue;
        }
        break;
      // ---- calls ----
      case 161 /* CALL_HELPER */: {
        const id = imms[pc];
        const fn = id >>> 0 < m.helpers.length ? m.helpers[id] : void 0;
        m.pc = pc;
        m.insnCount = count;
        if (fn === void 0) m.host.unknownHelper(m, id);
        else fn(m);
        if (m.jumpTo >= 0) {
          pc = m.jumpTo;
          m.jumpTo = -1;
          lo[10] = STACK_BYTES;
          hi[10] = m.stackRegion[m.depth];
          continue;
        }
        break;
      }
      case 162 /* CALL_LOCAL */: {
        const depth = m.depth;
        if (depth + 1 >= MAX_CALL_FRAMES) {
          m.pc = pc;
          m.fault(`the call nests deeper than ${MAX_CALL_FRAMES} frames`, "instruction");
        }
        const save = m.frameSave;
        const base = depth * 10;
        for (let r2 = 0; r2 < 5; r2++) {
          save[base + r2 * 2] = lo[6 + r2];
          save[base + r2 * 2 + 1] = hi[6 + r2];
        }
        m.frameReturn[depth] = pc + 1;
        m.depth = depth + 1;
        if (depth + 1 > m.maxDepth) m.maxDepth = depth + 1;
        lo[10] = STACK_BYTES;
        hi[10] = m.stackRegion[depth + 1];
        pc = targets[pc];
        continue;
      }
      case 163 /* EXIT */:
        if (m.depth === 0) {
          m.insnCount = count;
          return;
        }
        pc = leaveFrame(m);
        continue;
      case 164 /* UNSUPPORTED */:
        m.pc = pc;
        m.fault("this instruction is not supported by ebcc run (kernel function calls, BTF-id and callback loads)", "instruction");
      // falls through: fault never returns
      default:
        m.pc = pc;
        m.fault(`invalid instruction (opcode byte and fields form no instruction of the ISA)`, "instruction");
    }
    pc++;
  }
}
function leaveFrame(m) {
  const depth = m.depth - 1;
  const save = m.frameSave;
  const base = depth * 10;
  for (let r2 = 0; r2 < 5; r2++) {
    m.lo[6 + r2] = save[base + r2 * 2];
    m.hi[6 + r2] = save[base + r2 * 2 + 1];
  }
  m.depth = depth;
  return m.frameReturn[depth];
}

// src/run/decode.ts
var ALU_OPS = ["add", "sub", "mul", "div", "sdiv", "or", "and", "lsh", "rsh", "mod", "smod", "xor", "mov", "arsh"];
var JMP_OPS = ["jeq", "jgt", "jge", "jset", "jne", "jsgt", "jsge", "jlt", "jle", "jslt", "jsle"];
var SIZES = ["b", "h", "w", "dw"];
var ATOMIC_OPS = ["add", "or", "and", "xor"];
function opOf(form, insn2) {
  switch (form.kind) {
    case "alu": {
      const is64 = form.cls === "alu64";
      if (form.movsxBits !== void 0) {
        if (is64) return form.movsxBits === 8 ? 56 /* MOVSX64_8 */ : form.movsxBits === 16 ? 57 /* MOVSX64_16 */ : 58 /* MOVSX64_32 */;
        return form.movsxBits === 8 ? 59 /* MOVSX32_8 */ : 60 /* MOVSX32_16 */;
      }
      const i = ALU_OPS.indexOf(form.aluOp);
      const base = is64 ? 0 /* ADD64_K */ : 28 /* ADD32_K */;
      return base + i * 2 + (form.source === "x" ? 1 : 0);
    }
    case "neg":
      return form.cls === "alu64" ? 61 /* NEG64 */ : 62 /* NEG32 */;
    case "endian":
      if (form.toBigEndian) return form.endWidth === 16 ? 65 /* BE16 */ : form.endWidth === 32 ? 66 /* BE32 */ : 67 /* BE64 */;
      return form.endWidth === 16 ? 63 /* LE16 */ : form.endWidth === 32 ? 64 /* LE32 */ : 68 /* NOP */;
    case "bswap":
      return form.endWidth === 16 ? 65 /* BE16 */ : form.endWidth === 32 ? 66 /* BE32 */ : 67 /* BE64 */;
    case "ld_imm64":
      if (insn2.src === PSEUDO_LD_IMM64.mapFd) return 70 /* LD_MAP */;
      if (insn2.src === PSEUDO_LD_IMM64.mapValue) return 71 /* LD_MAP_VALUE */;
      if (insn2.src === 0) return 69 /* LD_IMM64 */;
      return 164 /* UNSUPPORTED */;
    case "ld_abs":
      return 72 /* LDABS_B */ + SIZES.indexOf(form.size);
    case "ld_ind":
      return 76 /* LDIND_B */ + SIZES.indexOf(form.size);
    case "ldx":
      return 80 /* LDX_B */ + SIZES.indexOf(form.size);
    case "ldsx":
      return 84 /* LDXS_B */ + SIZES.indexOf(form.size);
    case "st":
      return 88 /* ST_B */ + SIZES.indexOf(form.size);
    case "stx":
      return 92 /* STX_B */ + SIZES.indexOf(form.size);
    case "atomic": {
      const base = form.size === "dw" ? 106 /* ATOMIC64_ADD */ : 96 /* ATOMIC32_ADD */;
      if (form.atomicOp === "xchg") return base + 8;
      if (form.atomicOp === "cmpxchg") return base + 9;
      return base + ATOMIC_OPS.indexOf(form.atomicOp) * 2 + (form.fetch ? 1 : 0);
    }
    case "jcond": {
      const base = form.cls === "jmp32" ? 138 /* JEQ32_K */ : 116 /* JEQ_K */;
      return base + JMP_OPS.indexOf(form.jmpOp) * 2 + (form.source === "x" ? 1 : 0);
    }
    case "ja":
    case "gotol":
      return 160 /* JA */;
    case "call":
      if (insn2.src === PSEUDO_CALL.call) return 162 /* CALL_LOCAL */;
      if (insn2.src === 0) return 161 /* CALL_HELPER */;
      return 164 /* UNSUPPORTED */;
    case "exit":
      return 163 /* EXIT */;
  }
}
function decode(insns) {
  const n = insns.length;
  const code = {
    length: n,
    op: new Uint8Array(n),
    dst: new Uint8Array(n),
    src: new Uint8Array(n),
    off: new Int32Array(n),
    imm: new Int32Array(n),
    imm2: new Int32Array(n),
    target: new Int32Array(n)
  };
  for (let i = 0; i < n; i++) {
    const insn2 = insns[i];
    const form = formOf(insn2);
    let op = form ? opOf(form, insn2) : 165 /* INVALID */;
    if (insn2.dst > 10 || insn2.src > 10) op = 165 /* INVALID */;
    code.op[i] = op;
    code.dst[i] = insn2.dst & 15;
    code.src[i] = insn2.src & 15;
    code.off[i] = insn2.off;
    code.imm[i] = insn2.imm;
    if (form?.kind === "ld_imm64") {
      code.imm2[i] = insns[i + 1]?.imm ?? 0;
      if (i + 1 < n) code.op[i + 1] = 165 /* INVALID */;
      i++;
      continue;
    }
    if (form?.kind === "jcond" || form?.kind === "ja") code.target[i] = i + 1 + insn2.off;
    else if (form?.kind === "gotol") code.target[i] = i + 1 + insn2.imm;
    else if (op === 162 /* CALL_LOCAL */) code.target[i] = i + 1 + insn2.imm;
  }
  return code;
}

// src/run/maps.ts
var ENOENT = 2;
var E2BIG = 7;
var EFAULT = 14;
var EEXIST = 17;
var EINVAL = 22;
var ENOSPC = 28;
var ENOTSUPP = 524;
var BPF_ANY = 0;
var BPF_NOEXIST = 1;
var BPF_EXIST = 2;
var BPF_F_LOCK = 4;
var BPF_F_RDONLY_PROG2 = 1 << 7;
function keyString(bytes, start = 0, length = bytes.length - start) {
  let s = "";
  for (let i = start; i < start + length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}
function round8(n) {
  return n + 7 & ~7;
}
var BpfMap = class {
  constructor(def, index2, mem2, cpus) {
    this.def = def;
    this.index = index2;
    this.mem = mem2;
    this.cpus = cpus;
    this.typeName = mapTypeByValue(def.type)?.name ?? `type ${def.type}`;
    this.region = mem2.add("map", `map '${def.name}'`, new Uint8Array(0), { opaque: true, mapIndex: index2 });
  }
  def;
  index;
  mem;
  cpus;
  /** The opaque region a program's ld_imm64 of this map points at. */
  region;
  typeName;
  get name() {
    return this.def.name;
  }
  get perCpu() {
    return false;
  }
  /** lookup() of the key at bytes[offset, offset + key size), without copying it. */
  lookupAt(bytes, offset, cpu) {
    return this.lookup(bytes.subarray(offset, offset + this.def.keySize), cpu);
  }
  /** The value region that ld_imm64 BPF_PSEUDO_MAP_VALUE points into, if the map has one. */
  directValue() {
    return void 0;
  }
  checkFlags(flags) {
    if (flags < 0 || (flags & ~(BPF_NOEXIST | BPF_EXIST | BPF_F_LOCK)) !== 0) return -EINVAL;
    if ((flags & (BPF_NOEXIST | BPF_EXIST)) === (BPF_NOEXIST | BPF_EXIST)) return -EINVAL;
    return 0;
  }
};
var ArrayMap = class extends BpfMap {
  constructor(def, index2, mem2, cpus, percpu) {
    super(def, index2, mem2, cpus);
    this.percpu = percpu;
    this.stride = round8(def.valueSize);
    const copies = percpu ? cpus : 1;
    this.storage = new Uint8Array(this.stride * def.maxEntries * copies);
    this.regionIds = new Int32Array(def.maxEntries * copies);
    this.readOnly = (def.flags & BPF_F_RDONLY_PROG2) !== 0;
    if (def.initial) this.storage.set(def.initial.subarray(0, Math.min(def.initial.length, def.valueSize)));
  }
  percpu;
  stride;
  storage;
  /** Region ids by element (and CPU), created on first use. */
  regionIds;
  readOnly;
  get perCpu() {
    return this.percpu;
  }
  index32(key) {
    if (key.length < 4) return -1;
    return (key[0] | key[1] << 8 | key[2] << 16 | key[3] << 24) >>> 0;
  }
  /** The bytes of element i on CPU cpu. */
  valueBytes(i, cpu = 0) {
    const slot = (this.percpu ? cpu * this.def.maxEntries : 0) + i;
    return this.storage.subarray(slot * this.stride, slot * this.stride + this.def.valueSize);
  }
  valueRegion(i, cpu) {
    const slot = (this.percpu ? cpu * this.def.maxEntries : 0) + i;
    let id = this.regionIds[slot];
    if (id === 0) {
      const r2 = this.mem.add("map_value", `value of map '${this.name}' [${i}]`, this.valueBytes(i, cpu), { writable: !this.readOnly });
      id = r2.id;
      this.regionIds[slot] = id;
    }
    return this.mem.regions[id];
  }
  lookup(key, cpu) {
    return this.lookupAt(key, 0, cpu);
  }
  lookupAt(b, at, cpu) {
    const i = (b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24) >>> 0;
    if (i >= this.def.maxEntries) return void 0;
    const slot = (this.percpu ? cpu * this.def.maxEntries : 0) + i;
    const id = this.regionIds[slot];
    return id !== 0 ? this.mem.regions[id] : this.valueRegion(i, cpu);
  }
  update(key, value, flags, cpu) {
    const bad = this.checkFlags(flags);
    if (bad) return bad;
    const i = this.index32(key);
    if (i < 0 || i >= this.def.maxEntries) return -E2BIG;
    if (flags & BPF_NOEXIST) return -EEXIST;
    this.valueBytes(i, cpu).set(value.subarray(0, this.def.valueSize));
    return 0;
  }
  delete(_key) {
    return -EINVAL;
  }
  userUpdate(key, values2) {
    const i = this.index32(key);
    if (i < 0 || i >= this.def.maxEntries) return -E2BIG;
    const copies = this.percpu ? this.cpus : 1;
    for (let c = 0; c < copies; c++) this.valueBytes(i, c).set((values2[c] ?? values2[0]).subarray(0, this.def.valueSize));
    return 0;
  }
  entries() {
    const out = [];
    const copies = this.percpu ? this.cpus : 1;
    for (let i = 0; i < this.def.maxEntries; i++) {
      const key = new Uint8Array(4);
      new DataView(key.buffer).setUint32(0, i, true);
      const values2 = [];
      for (let c = 0; c < copies; c++) values2.push(this.valueBytes(i, c).slice());
      out.push({ key, values: values2 });
    }
    return out;
  }
  directValue() {
    return this.def.maxEntries === 1 && !this.percpu ? this.valueRegion(0, 0) : void 0;
  }
};
var RefArrayMap = class extends ArrayMap {
  /** prog_array: the program name in each slot. */
  programs = /* @__PURE__ */ new Map();
  lookup() {
    return void 0;
  }
  update() {
    return -EINVAL;
  }
  delete(key) {
    const i = this.index32(key);
    if (i < 0 || i >= this.def.maxEntries) return -EINVAL;
    if (!this.present(i)) return -ENOENT;
    this.programs.delete(i);
    this.valueBytes(i).fill(0);
    return 0;
  }
  present(i) {
    if (this.typeName === "prog_array") return this.programs.has(i);
    return this.valueBytes(i).some((b) => b !== 0);
  }
  entries() {
    return super.entries().filter((_, i) => this.present(i));
  }
};
var HashMap = class extends BpfMap {
  constructor(def, index2, mem2, cpus, percpu, lru) {
    super(def, index2, mem2, cpus);
    this.percpu = percpu;
    this.lru = lru;
  }
  percpu;
  lru;
  /** Insertion order doubles as recency order for LRU maps (a hit moves the element to the end). */
  elems = /* @__PURE__ */ new Map();
  get perCpu() {
    return this.percpu;
  }
  touch(k, e) {
    if (!this.lru) return;
    this.elems.delete(k);
    this.elems.set(k, e);
  }
  lookup(key, cpu) {
    return this.lookupAt(key, 0, cpu);
  }
  lookupAt(b, at, cpu) {
    const k = keyString(b, at, this.def.keySize);
    const e = this.elems.get(k);
    if (!e) return void 0;
    this.touch(k, e);
    return e.regions[this.percpu ? cpu : 0];
  }
  insert(k, key) {
    if (this.elems.size >= this.def.maxEntries) {
      if (!this.lru) return void 0;
      const oldest = this.elems.keys().next().value;
      this.remove(oldest);
    }
    const regions = [];
    const copies = this.percpu ? this.cpus : 1;
    for (let c = 0; c < copies; c++) {
      regions.push(this.mem.add("map_value", `value of map '${this.name}'`, new Uint8Array(this.def.valueSize)));
    }
    const e = { key: key.slice(), regions };
    this.elems.set(k, e);
    return e;
  }
  remove(k) {
    const e = this.elems.get(k);
    if (!e) return;
    this.elems.delete(k);
    for (const r2 of e.regions) this.mem.releaseAfterRun(r2.id);
  }
  update(key, value, flags, cpu) {
    const bad = this.checkFlags(flags);
    if (bad) return bad;
    const k = keyString(key);
    let e = this.elems.get(k);
    if (e && flags & BPF_NOEXIST) return -EEXIST;
    if (!e && flags & BPF_EXIST) return -ENOENT;
    if (!e) {
      e = this.insert(k, key);
      if (!e) return -E2BIG;
    } else {
      this.touch(k, e);
    }
    e.regions[this.percpu ? cpu : 0].bytes.set(value.subarray(0, this.def.valueSize));
    return 0;
  }
  delete(key) {
    const k = keyString(key);
    if (!this.elems.has(k)) return -ENOENT;
    this.remove(k);
    return 0;
  }
  userUpdate(key, values2) {
    const k = keyString(key);
    const e = this.elems.get(k) ?? this.insert(k, key);
    if (!e) return -E2BIG;
    e.regions.forEach((r2, c) => r2.bytes.set((values2[c] ?? values2[0]).subarray(0, this.def.valueSize)));
    return 0;
  }
  entries() {
    return [...this.elems.values()].map((e) => ({ key: e.key.slice(), values: e.regions.map((r2) => r2.bytes.slice()) })).sort((a, b) => compareBytes(a.key, b.key));
  }
};
function compareBytes(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
var LpmTrieMap = class extends BpfMap {
  elems = /* @__PURE__ */ new Map();
  maxBits;
  constructor(def, index2, mem2, cpus) {
    super(def, index2, mem2, cpus);
    this.maxBits = (def.keySize - 4) * 8;
  }
  prefixLen(key) {
    return (key[0] | key[1] << 8 | key[2] << 16 | key[3] << 24) >>> 0;
  }
  /** "plen/masked data" identifies a prefix. */
  id(key, plen) {
    let s = `${plen}/`;
    for (let i = 0; i < this.def.keySize - 4; i++) {
      const bits = Math.max(0, Math.min(8, plen - i * 8));
      const mask = bits === 0 ? 0 : 255 << 8 - bits & 255;
      s += String.fromCharCode(key[4 + i] & mask);
    }
    return s;
  }
  lookup(key) {
    const plen = Math.min(this.prefixLen(key), this.maxBits);
    for (let p = plen; p >= 0; p--) {
      const e = this.elems.get(this.id(key, p));
      if (e) return e.regions[0];
    }
    return void 0;
  }
  update(key, value, flags) {
    if (flags > BPF_EXIST) return -EINVAL;
    const plen = this.prefixLen(key);
    if (plen > this.maxBits) return -EINVAL;
    const k = this.id(key, plen);
    let e = this.elems.get(k);
    if (e && flags === BPF_NOEXIST) return -EEXIST;
    if (!e && flags === BPF_EXIST) return -ENOENT;
    if (!e) {
      if (this.elems.size >= this.def.maxEntries) return -ENOSPC;
      e = { key: key.slice(), regions: [this.mem.add("map_value", `value of map '${this.name}'`, new Uint8Array(this.def.valueSize))] };
      this.elems.set(k, e);
    }
    e.regions[0].bytes.set(value.subarray(0, this.def.valueSize));
    return 0;
  }
  delete(key) {
    const plen = this.prefixLen(key);
    if (plen > this.maxBits) return -EINVAL;
    const k = this.id(key, plen);
    const e = this.elems.get(k);
    if (!e) return -ENOENT;
    this.elems.delete(k);
    this.mem.releaseAfterRun(e.regions[0].id);
    return 0;
  }
  userUpdate(key, values2) {
    return this.update(key, values2[0], BPF_ANY);
  }
  entries() {
    return [...this.elems.values()].map((e) => ({ key: e.key.slice(), values: [e.regions[0].bytes.slice()] })).sort((a, b) => compareBytes(a.key, b.key));
  }
};
var RINGBUF_HEADER_BYTES = 8;
var RingBufMap = class extends BpfMap {
  /** Bytes reserved so far (headers included, rounded to 8 as the kernel does). */
  used = 0;
  /** Reserved records by region id. */
  pending = /* @__PURE__ */ new Map();
  reserve(size) {
    const total = round8(size + RINGBUF_HEADER_BYTES);
    if (size > this.def.maxEntries || this.used + total > this.def.maxEntries - 1) return void 0;
    this.used += total;
    const r2 = this.mem.add("ringbuf_record", `record of ring buffer '${this.name}'`, new Uint8Array(size));
    this.pending.set(r2.id, r2);
    return r2;
  }
  /** Submits or discards a reserved record; the submitted bytes, or undefined. */
  finish(regionId, submit) {
    const r2 = this.pending.get(regionId);
    if (!r2) return void 0;
    this.pending.delete(regionId);
    this.mem.releaseAfterRun(regionId);
    return submit ? r2.bytes.slice() : new Uint8Array(0);
  }
  lookup() {
    return void 0;
  }
  update() {
    return -ENOTSUPP;
  }
  delete() {
    return -ENOTSUPP;
  }
  userUpdate() {
    return -ENOTSUPP;
  }
  entries() {
    return [];
  }
};
var UnsupportedMap = class extends BpfMap {
  lookup() {
    return void 0;
  }
  update() {
    return -ENOTSUPP;
  }
  delete() {
    return -ENOTSUPP;
  }
  userUpdate() {
    return -ENOTSUPP;
  }
  entries() {
    return [];
  }
};
function createMap(def, index2, mem2, cpus) {
  const name = mapTypeByValue(def.type)?.name;
  switch (name) {
    case "array":
      return new ArrayMap(def, index2, mem2, cpus, false);
    case "percpu_array":
      return new ArrayMap(def, index2, mem2, cpus, true);
    case "prog_array":
    case "devmap":
    case "cpumap":
    case "xskmap":
    case "perf_event_array":
      return new RefArrayMap(def, index2, mem2, cpus, false);
    case "hash":
      return new HashMap(def, index2, mem2, cpus, false, false);
    case "percpu_hash":
      return new HashMap(def, index2, mem2, cpus, true, false);
    case "lru_hash":
      return new HashMap(def, index2, mem2, cpus, false, true);
    case "lru_percpu_hash":
      return new HashMap(def, index2, mem2, cpus, true, true);
    case "lpm_trie":
      return new LpmTrieMap(def, index2, mem2, cpus);
    case "ringbuf":
      return new RingBufMap(def, index2, mem2, cpus);
    default:
      return new UnsupportedMap(def, index2, mem2, cpus);
  }
}

// src/run/helpers.ts
var MAX_TAIL_CALL_CNT = 33;
var BPF_F_CURRENT_CPU = 4294967295;
var BPF_F_INDEX_MASK = 4294967295;
var XDP_ABORTED = 0;
var XDP_REDIRECT = 4;
var TC_ACT_SHOT = 2;
var TC_ACT_REDIRECT = 7;
var BPF_F_INGRESS = 1;
var BPF_F_BROADCAST = 1 << 3;
var BPF_F_EXCLUDE_INGRESS = 1 << 4;
var BPF_F_RECOMPUTE_CSUM = 1 << 0;
var BPF_F_INVALIDATE_HASH = 1 << 1;
var BPF_F_HDR_FIELD_MASK = 15;
var BPF_F_PSEUDO_HDR = 1 << 4;
var BPF_F_MARK_MANGLED_0 = 1 << 5;
var BPF_F_MARK_ENFORCE = 1 << 6;
var BPF_F_IPV6 = 1 << 7;
var CSUM_MANGLED_0 = 65535;
var BPF_FIB_LKUP_RET_SUCCESS = 0;
var BPF_FIB_LKUP_RET_NOT_FWDED = 4;
function argU32(m, i) {
  return m.lo[i] >>> 0;
}
function argS32(m, i) {
  return m.lo[i] | 0;
}
function argU64(m, i) {
  return BigInt(m.hi[i] >>> 0) << 32n | BigInt(m.lo[i] >>> 0);
}
function ret(m, v) {
  m.lo[0] = v | 0;
  m.hi[0] = v < 0 ? -1 : 0;
}
function retU64(m, v) {
  m.lo[0] = Number(BigInt.asIntN(32, v));
  m.hi[0] = Number(BigInt.asIntN(32, v >> 32n));
}
function retPtr(m, r2, offset = 0) {
  m.lo[0] = r2 ? offset : 0;
  m.hi[0] = r2 ? r2.id : 0;
}
function argMap(m, env, i, helper) {
  const r2 = m.mem.get(m.hi[i]);
  if (!r2 || r2.kind !== "map" || m.lo[i] !== 0) m.fault(`${helper}: R${i} is not a map`);
  return env.maps[r2.mapIndex];
}
function argMem(m, i, size, write, helper) {
  if (size === 0) return new Uint8Array(0);
  const off = m.lo[i];
  return argRegion(m, i, size, write, helper).bytes.subarray(off, off + size);
}
function argRegion(m, i, size, write, helper) {
  const r2 = m.mem.get(m.hi[i]);
  const off = m.lo[i];
  if (!r2 || off < r2.start || off + size > (write ? r2.wend : r2.end)) {
    m.fault(`${helper}: R${i} does not point at ${size} ${write ? "writable" : "readable"} bytes` + (r2 ? ` (it points at offset ${off} of ${r2.name}, whose ${write ? "writable" : "readable"} bytes are ${r2.start}..${write ? r2.wend : r2.end})` : ""));
  }
  return r2;
}
function ringbuf(m, env, i, helper) {
  const map2 = argMap(m, env, i, helper);
  if (!(map2 instanceof RingBufMap)) return m.fault(`${helper}: R${i} is not a ring buffer`);
  return map2;
}
function refArray(m, env, i, type, helper) {
  const map2 = argMap(m, env, i, helper);
  if (!(map2 instanceof RefArrayMap) || map2.typeName !== type) return m.fault(`${helper}: R${i} is not a ${type} map`);
  return map2;
}
function xdp(m, env, helper) {
  if (!(env.ctx instanceof XdpContext)) m.fault(`${helper} needs an XDP program`);
  return env.ctx;
}
function skb(m, env, helper) {
  if (!(env.ctx instanceof SkbContext)) m.fault(`${helper} needs a socket buffer program (tc, socket filter, ...)`);
  return env.ctx;
}
function csumAdd(a, b) {
  const s = (a >>> 0) + (b >>> 0);
  return s + (s > 4294967295 ? 1 : 0) >>> 0;
}
function csumSub(a, b) {
  return csumAdd(a, ~b >>> 0);
}
function csumFold(sum) {
  let s = (sum & 65535) + (sum >>> 16);
  s = (s & 65535) + (s >>> 16);
  return ~s & 65535;
}
function from32to16(sum) {
  let s = (sum & 65535) + (sum >>> 16);
  s = (s & 65535) + (s >>> 16);
  return s & 65535;
}
function csumPartial(bytes, seed) {
  let sum = seed >>> 0;
  for (let i = 0; i + 1 < bytes.length; i += 2) sum = csumAdd(sum, bytes[i] | bytes[i + 1] << 8);
  if (bytes.length & 1) sum = csumAdd(sum, bytes[bytes.length - 1]);
  return sum;
}
function readLe16(b, at) {
  return b[at] | b[at + 1] << 8;
}
function writeLe16(b, at, v) {
  b[at] = v & 255;
  b[at + 1] = v >>> 8 & 255;
}
function csumReplace(b, at, from, to) {
  const sum = readLe16(b, at);
  writeLe16(b, at, csumFold(csumAdd(csumSub(~sum >>> 0, from), to)));
}
function csumReplaceByDiff(b, at, diff) {
  const sum = readLe16(b, at);
  writeLe16(b, at, csumFold(csumAdd(diff, ~sum >>> 0)));
}
function cString(m, region, offset) {
  if (!region) return "(null)";
  let s = "";
  for (let i = offset; i >= region.start && i < region.end && s.length < 512; i++) {
    const c = region.bytes[i];
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}
function formatPrintk(m, fmt) {
  let arg = 3;
  return fmt.replace(/%(-?\d*)(ll|l|h|hh)?([diuxXcsp%])/g, (all, width, len, conv) => {
    if (conv === "%") return "%";
    if (arg > 5) return all;
    const i = arg++;
    const v64 = argU64(m, i);
    const bits = len === "ll" || len === "l" || conv === "p" ? 64 : 32;
    let text;
    switch (conv) {
      case "d":
      case "i":
        text = (bits === 64 ? BigInt.asIntN(64, v64) : BigInt.asIntN(32, v64)).toString();
        break;
      case "u":
        text = (bits === 64 ? v64 : BigInt.asUintN(32, v64)).toString();
        break;
      case "x":
        text = (bits === 64 ? v64 : BigInt.asUintN(32, v64)).toString(16);
        break;
      case "X":
        text = (bits === 64 ? v64 : BigInt.asUintN(32, v64)).toString(16).toUpperCase();
        break;
      case "c":
        text = String.fromCharCode(Number(v64 & 0xffn));
        break;
      case "s":
        text = cString(m, m.mem.get(m.hi[i]), m.lo[i]);
        break;
      default:
        text = `0x${v64.toString(16)}`;
        break;
    }
    const w = Number(width.replace("-", "") || "0");
    return width.startsWith("-") ? text.padEnd(w) : text.padStart(w);
  });
}
var IMPLS = {
  bpf_map_lookup_elem(m, env) {
    const map2 = argMap(m, env, 1, "bpf_map_lookup_elem");
    const key = argRegion(m, 2, map2.def.keySize, false, "bpf_map_lookup_elem");
    if (map2 instanceof RefArrayMap || map2 instanceof RingBufMap) m.fault(`bpf_map_lookup_elem on ${map2.typeName} map '${map2.name}' is not supported`);
    retPtr(m, map2.lookupAt(key.bytes, m.lo[2], 0));
  },
  bpf_map_lookup_percpu_elem(m, env) {
    const map2 = argMap(m, env, 1, "bpf_map_lookup_percpu_elem");
    const key = argMem(m, 2, map2.def.keySize, false, "bpf_map_lookup_percpu_elem");
    const cpu = argU32(m, 3);
    retPtr(m, map2.perCpu && cpu < env.cpus ? map2.lookup(key, cpu) : void 0);
  },
  bpf_map_update_elem(m, env) {
    const map2 = argMap(m, env, 1, "bpf_map_update_elem");
    const key = argMem(m, 2, map2.def.keySize, false, "bpf_map_update_elem");
    const value = argMem(m, 3, map2.def.valueSize, false, "bpf_map_update_elem");
    const flags = argU64(m, 4);
    ret(m, map2.update(key, value, flags > 0xffffffffn ? -1 : Number(flags), 0));
  },
  bpf_map_delete_elem(m, env) {
    const map2 = argMap(m, env, 1, "bpf_map_delete_elem");
    const key = argMem(m, 2, map2.def.keySize, false, "bpf_map_delete_elem");
    ret(m, map2.delete(key));
  },
  bpf_ktime_get_ns(m, env) {
    retU64(m, env.clockNs);
    env.clockNs += env.clockStepNs;
  },
  bpf_ktime_get_boot_ns(m, env) {
    IMPLS["bpf_ktime_get_ns"](m, env);
  },
  bpf_ktime_get_coarse_ns(m, env) {
    IMPLS["bpf_ktime_get_ns"](m, env);
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
    const fmt = argMem(m, 1, size, false, "bpf_trace_printk");
    let text = "";
    for (const c of fmt) {
      if (c === 0) break;
      text += String.fromCharCode(c);
    }
    const line = formatPrintk(m, text);
    env.printk.push(line);
    ret(m, line.length + 1);
  },
  bpf_tail_call(m, env) {
    const map2 = refArray(m, env, 2, "prog_array", "bpf_tail_call");
    const index2 = argU32(m, 3);
    if (index2 >= map2.def.maxEntries || env.tailCalls >= MAX_TAIL_CALL_CNT) return;
    const name = map2.programs.get(index2);
    if (name === void 0) return;
    const entry = env.entryOf(name);
    if (entry === void 0) return m.fault(`bpf_tail_call: slot ${index2} of '${map2.name}' names '${name}', which is not a program of this object`);
    env.tailCalls++;
    m.jumpTo = entry;
  },
  bpf_redirect(m, env) {
    const ifindex = argU32(m, 1);
    const flags = Number(argU64(m, 2) & 0xffffffffn);
    if (env.ctx.kind === "xdp") {
      if (argU64(m, 2) !== 0n) return ret(m, XDP_ABORTED);
      env.redirect = { kind: "ifindex", ifindex, flags };
      return ret(m, XDP_REDIRECT);
    }
    if ((argU64(m, 2) & ~BigInt(BPF_F_INGRESS)) !== 0n) return ret(m, TC_ACT_SHOT);
    env.redirect = { kind: "ifindex", ifindex, flags };
    ret(m, TC_ACT_REDIRECT);
  },
  bpf_redirect_map(m, env) {
    const map2 = argMap(m, env, 1, "bpf_redirect_map");
    const key = Number(argU64(m, 2) & 0xffffffffn);
    const flags = argU64(m, 3);
    const actionMask = 3n;
    if ((flags & ~(actionMask | BigInt(BPF_F_BROADCAST | BPF_F_EXCLUDE_INGRESS))) !== 0n) return ret(m, XDP_ABORTED);
    const present = map2 instanceof RefArrayMap ? key < map2.def.maxEntries && map2.present(key) : map2.lookup(new Uint8Array(new Uint32Array([key]).buffer), 0) !== void 0;
    if (!present && (flags & BigInt(BPF_F_BROADCAST)) === 0n) return ret(m, Number(flags & actionMask));
    env.redirect = { kind: "map", map: map2.name, key, flags: Number(flags & 0xffffffffn) };
    ret(m, XDP_REDIRECT);
  },
  bpf_xdp_adjust_head(m, env) {
    ret(m, xdp(m, env, "bpf_xdp_adjust_head").adjustHead(argS32(m, 2)));
  },
  bpf_xdp_adjust_meta(m, env) {
    ret(m, xdp(m, env, "bpf_xdp_adjust_meta").adjustMeta(argS32(m, 2)));
  },
  bpf_xdp_adjust_tail(m, env) {
    ret(m, xdp(m, env, "bpf_xdp_adjust_tail").adjustTail(argS32(m, 2)));
  },
  bpf_xdp_get_buff_len(m, env) {
    const x = xdp(m, env, "bpf_xdp_get_buff_len");
    ret(m, x.dataEnd - x.data);
  },
  bpf_xdp_load_bytes(m, env) {
    const x = xdp(m, env, "bpf_xdp_load_bytes");
    const offset = argU32(m, 2);
    const len = argU32(m, 4);
    const to = argMem(m, 3, len, true, "bpf_xdp_load_bytes");
    if (offset + len > x.dataEnd - x.data) return ret(m, -EINVAL);
    to.set(x.packet.bytes.subarray(x.data + offset, x.data + offset + len));
    ret(m, 0);
  },
  bpf_xdp_store_bytes(m, env) {
    const x = xdp(m, env, "bpf_xdp_store_bytes");
    const offset = argU32(m, 2);
    const len = argU32(m, 4);
    const from = argMem(m, 3, len, false, "bpf_xdp_store_bytes");
    if (offset + len > x.dataEnd - x.data) return ret(m, -EINVAL);
    x.packet.bytes.set(from, x.data + offset);
    ret(m, 0);
  },
  bpf_skb_load_bytes(m, env) {
    const s = skb(m, env, "bpf_skb_load_bytes");
    const offset = argU32(m, 2);
    const len = argU32(m, 4);
    const to = argMem(m, 3, len, true, "bpf_skb_load_bytes");
    if (offset > 2147483647 || offset + len > s.len) {
      to.fill(0);
      return ret(m, -EFAULT);
    }
    to.set(s.bytes().subarray(offset, offset + len));
    ret(m, 0);
  },
  bpf_skb_store_bytes(m, env) {
    const s = skb(m, env, "bpf_skb_store_bytes");
    const offset = argU32(m, 2);
    const len = argU32(m, 4);
    const from = argMem(m, 3, len, false, "bpf_skb_store_bytes");
    const flags = argU64(m, 5);
    if ((flags & ~BigInt(BPF_F_RECOMPUTE_CSUM | BPF_F_INVALIDATE_HASH)) !== 0n) return ret(m, -EINVAL);
    if (offset > 65535 || offset + len > s.len) return ret(m, -EFAULT);
    s.bytes().set(from, offset);
    if (flags & BigInt(BPF_F_INVALIDATE_HASH)) s.fields.set("hash", 0);
    ret(m, 0);
  },
  bpf_l3_csum_replace(m, env) {
    const s = skb(m, env, "bpf_l3_csum_replace");
    const offset = argU32(m, 2);
    const from = Number(argU64(m, 3) & 0xffffffffn);
    const to = Number(argU64(m, 4) & 0xffffffffn);
    const flags = argU64(m, 5);
    if ((flags & ~BigInt(BPF_F_HDR_FIELD_MASK)) !== 0n) return ret(m, -EINVAL);
    if (offset > 65535 || offset & 1 || offset + 2 > s.len) return ret(m, -EFAULT);
    const b = s.bytes();
    switch (Number(flags) & BPF_F_HDR_FIELD_MASK) {
      case 0:
        if (argU64(m, 3) !== 0n) return ret(m, -EINVAL);
        csumReplaceByDiff(b, offset, to);
        break;
      case 2:
        csumReplace(b, offset, from & 65535, to & 65535);
        break;
      case 4:
        csumReplace(b, offset, from, to);
        break;
      default:
        return ret(m, -EINVAL);
    }
    ret(m, 0);
  },
  bpf_l4_csum_replace(m, env) {
    const s = skb(m, env, "bpf_l4_csum_replace");
    const offset = argU32(m, 2);
    const from = Number(argU64(m, 3) & 0xffffffffn);
    const to = Number(argU64(m, 4) & 0xffffffffn);
    const flags = argU64(m, 5);
    const known = BPF_F_MARK_MANGLED_0 | BPF_F_MARK_ENFORCE | BPF_F_PSEUDO_HDR | BPF_F_HDR_FIELD_MASK | BPF_F_IPV6;
    if ((flags & ~BigInt(known)) !== 0n) return ret(m, -EINVAL);
    if (offset > 65535 || offset & 1 || offset + 2 > s.len) return ret(m, -EFAULT);
    const f = Number(flags);
    const b = s.bytes();
    const mmzero = (f & BPF_F_MARK_MANGLED_0) !== 0;
    if (mmzero && (f & BPF_F_MARK_ENFORCE) === 0 && readLe16(b, offset) === 0) return ret(m, 0);
    switch (f & BPF_F_HDR_FIELD_MASK) {
      case 0:
        if (argU64(m, 3) !== 0n) return ret(m, -EINVAL);
        csumReplaceByDiff(b, offset, to);
        break;
      case 2:
        csumReplace(b, offset, from & 65535, to & 65535);
        break;
      case 4:
        csumReplace(b, offset, from, to);
        break;
      default:
        return ret(m, -EINVAL);
    }
    if (mmzero && readLe16(b, offset) === 0) writeLe16(b, offset, CSUM_MANGLED_0);
    ret(m, 0);
  },
  bpf_csum_diff(m) {
    const fromSize = argU32(m, 2);
    const toSize = argU32(m, 4);
    const seed = argU32(m, 5);
    if (((fromSize | toSize) & 3) !== 0) return ret(m, -EINVAL);
    const from = fromSize ? argMem(m, 1, fromSize, false, "bpf_csum_diff") : new Uint8Array(0);
    const to = toSize ? argMem(m, 3, toSize, false, "bpf_csum_diff") : new Uint8Array(0);
    let v;
    if (fromSize && toSize) v = from32to16(csumSub(csumPartial(to, seed), csumPartial(from, 0)));
    else if (toSize) v = from32to16(csumPartial(to, seed));
    else if (fromSize) v = from32to16(~csumPartial(from, ~seed >>> 0) >>> 0);
    else v = from32to16(seed);
    ret(m, v);
  },
  bpf_csum_update(m, env) {
    skb(m, env, "bpf_csum_update");
    ret(m, -ENOTSUPP);
  },
  bpf_set_hash(m, env) {
    skb(m, env, "bpf_set_hash").fields.set("hash", argU32(m, 2));
    ret(m, 0);
  },
  bpf_set_hash_invalid(m, env) {
    skb(m, env, "bpf_set_hash_invalid").fields.set("hash", 0);
  },
  bpf_ringbuf_reserve(m, env) {
    const map2 = ringbuf(m, env, 1, "bpf_ringbuf_reserve");
    if (argU64(m, 3) !== 0n) return retPtr(m, void 0);
    retPtr(m, map2.reserve(argU32(m, 2)));
  },
  bpf_ringbuf_submit(m, env) {
    finishRecord(m, env, true);
  },
  bpf_ringbuf_discard(m, env) {
    finishRecord(m, env, false);
  },
  bpf_ringbuf_output(m, env) {
    const map2 = ringbuf(m, env, 1, "bpf_ringbuf_output");
    const size = argU32(m, 3);
    const data = argMem(m, 2, size, false, "bpf_ringbuf_output");
    const r2 = map2.reserve(size);
    if (!r2) return ret(m, -11);
    r2.bytes.set(data);
    env.events.push({ map: map2.name, kind: "ringbuf", data: map2.finish(r2.id, true) });
    ret(m, 0);
  },
  bpf_ringbuf_query(m, env) {
    const map2 = ringbuf(m, env, 1, "bpf_ringbuf_query");
    const flag = argU64(m, 2);
    const v = flag === 0n ? map2.used : flag === 1n ? map2.def.maxEntries : flag === 2n ? 0 : flag === 3n ? map2.used : 0;
    ret(m, v);
  },
  bpf_perf_event_output(m, env) {
    refArray(m, env, 2, "perf_event_array", "bpf_perf_event_output");
    const map2 = argMap(m, env, 2, "bpf_perf_event_output");
    const flags = argU64(m, 3);
    const size = Number(argU64(m, 5) & 0xffffffffn);
    const data = argMem(m, 4, size, false, "bpf_perf_event_output");
    let index2 = Number(flags & BigInt(BPF_F_INDEX_MASK));
    const ctxLen = Number(flags >> 32n & 0xfffffn);
    if (flags >> 52n !== 0n) return ret(m, -EINVAL);
    if (index2 === BPF_F_CURRENT_CPU) index2 = 0;
    if (index2 >= map2.def.maxEntries) return ret(m, -E2BIG);
    let bytes = data.slice();
    if (ctxLen > 0) {
      const pkt = env.ctx.kind === "xdp" ? env.ctx.packet.bytes.subarray(env.ctx.data, env.ctx.dataEnd) : env.ctx.bytes();
      if (ctxLen > pkt.length) return ret(m, -EFAULT);
      const joined = new Uint8Array(bytes.length + ctxLen);
      joined.set(bytes);
      joined.set(pkt.subarray(0, ctxLen), bytes.length);
      bytes = joined;
    }
    env.events.push({ map: map2.name, kind: "perf_event", cpu: index2, data: bytes });
    ret(m, 0);
  },
  bpf_fib_lookup(m, env) {
    const plen = argS32(m, 3);
    const params = argMem(m, 2, Math.max(0, plen), true, "bpf_fib_lookup");
    ret(m, fibLookup(params, env.fibRoutes));
  },
  bpf_spin_lock(m) {
    ret(m, 0);
  },
  bpf_spin_unlock(m) {
    ret(m, 0);
  }
};
function finishRecord(m, env, submit) {
  const name = submit ? "bpf_ringbuf_submit" : "bpf_ringbuf_discard";
  const id = m.hi[1];
  for (const map2 of env.maps) {
    if (!(map2 instanceof RingBufMap) || !map2.pending.has(id)) continue;
    if (m.lo[1] !== 0) m.fault(`${name}: R1 does not point at the start of a reserved record`);
    const data = map2.finish(id, submit);
    if (submit) env.events.push({ map: map2.name, kind: "ringbuf", data });
    return ret(m, 0);
  }
  m.fault(`${name}: R1 is not a reserved ring buffer record`);
}
var FIB_FAMILY = 0;
var FIB_IFINDEX = 8;
var FIB_DST = 32;
var FIB_SMAC = 52;
var FIB_DMAC = 58;
var FIB_BYTES = 64;
var AF_INET = 2;
var AF_INET6 = 10;
var EAFNOSUPPORT = 97;
function fibLookup(params, routes) {
  if (params.length < FIB_BYTES) return -EINVAL;
  const family = params[FIB_FAMILY] === AF_INET ? 4 : params[FIB_FAMILY] === AF_INET6 ? 6 : 0;
  if (family === 0) return -EAFNOSUPPORT;
  const dst = params.subarray(FIB_DST, FIB_DST + (family === 4 ? 4 : 16));
  let best;
  for (const r2 of routes) {
    if (r2.family !== family || best && best.prefixLen >= r2.prefixLen) continue;
    let match = true;
    for (let bit = 0; bit < r2.prefixLen && match; bit++) {
      const mask = 128 >> (bit & 7);
      if ((dst[bit >> 3] & mask) !== (r2.prefix[bit >> 3] & mask)) match = false;
    }
    if (match) best = r2;
  }
  if (!best) return BPF_FIB_LKUP_RET_NOT_FWDED;
  new DataView(params.buffer, params.byteOffset).setUint32(FIB_IFINDEX, best.ifindex, true);
  params.set(best.smac.subarray(0, 6), FIB_SMAC);
  params.set(best.dmac.subarray(0, 6), FIB_DMAC);
  return BPF_FIB_LKUP_RET_SUCCESS;
}
function bindHelpers(env) {
  const out = [];
  for (const [name, impl] of Object.entries(IMPLS)) {
    const info2 = helperByName(name);
    if (!info2) throw new Error(`internal: no helper named ${name} in the helper table`);
    out[info2.id] = (m) => impl(m, env);
  }
  return out;
}

// src/run/link.ts
function programFunctions(obj) {
  return obj.functions.filter((f) => f.section !== ".text");
}
function isCall(insn2) {
  return formOf(insn2)?.kind === "call" && insn2.src === PSEUDO_CALL.call;
}
function isLdImm64(insn2) {
  return formOf(insn2)?.kind === "ld_imm64";
}
function linkProgram(obj, entry, maps) {
  const insns = [];
  const origin = [];
  const functions = [];
  const placed = /* @__PURE__ */ new Map();
  const byName = new Map(obj.functions.map((f) => [f.name, f]));
  const fixups = [];
  const queue = [entry];
  placed.set(entry.name, 0);
  while (queue.length > 0) {
    const fn = queue.shift();
    const start = insns.length;
    placed.set(fn.name, start);
    functions.push({ name: fn.name, start, fn });
    const relocAt = new Map(fn.relocs.map((r2) => [r2.insnIndex, r2]));
    for (let i = 0; i < fn.insns.length; i++) {
      const insn2 = { ...fn.insns[i] };
      const reloc = relocAt.get(i);
      if (reloc?.kind === "call") {
        const callee = byName.get(reloc.symbol);
        if (!callee) return { ok: false, message: `${fn.name}: call of '${reloc.symbol}', which the object does not define` };
        if (!placed.has(callee.name) && !queue.includes(callee)) queue.push(callee);
        fixups.push({ at: start + i, callee: callee.name });
      } else if (reloc?.kind === "map") {
        if (!isLdImm64(insn2) || i + 1 >= fn.insns.length) {
          return { ok: false, message: `${fn.name}: a map relocation on instruction ${i}, which is not an ld_imm64` };
        }
        const next = { ...fn.insns[i + 1] };
        const resolved = resolveMapSymbol(obj, maps, reloc.symbol, insn2.imm);
        if (!resolved) return { ok: false, message: `${fn.name}: ld_imm64 of '${reloc.symbol}', which is not a map or global data` };
        if (resolved.offset === void 0) {
          insn2.src = PSEUDO_LD_IMM64.mapFd;
          insn2.imm = resolved.index;
          next.imm = 0;
        } else {
          insn2.src = PSEUDO_LD_IMM64.mapValue;
          insn2.imm = resolved.index;
          next.imm = resolved.offset;
        }
        insns.push(insn2, next);
        origin.push({ fn, index: i }, { fn, index: i + 1 });
        i++;
        continue;
      } else if (isCall(insn2)) {
        const target2 = i + 1 + insn2.imm;
        if (target2 < 0 || target2 >= fn.insns.length) {
          return { ok: false, message: `${fn.name}: call at instruction ${i} jumps outside the function` };
        }
      }
      insns.push(insn2);
      origin.push({ fn, index: i });
    }
  }
  for (const f of fixups) {
    insns[f.at].imm = placed.get(f.callee) - (f.at + 1);
  }
  return { ok: true, program: { name: entry.name, section: entry.section, insns, origin, functions } };
}
function resolveMapSymbol(obj, maps, symbol, imm2) {
  const direct = maps.findIndex((m) => m.name === symbol && m.origin !== "data");
  if (direct >= 0) return { index: direct, offset: void 0 };
  const section = maps.findIndex((m) => m.origin === "data" && m.name === symbol);
  if (section >= 0) return { index: section, offset: imm2 };
  for (const sec2 of obj.data) {
    const sym = sec2.symbols.find((s) => s.name === symbol);
    if (!sym) continue;
    const index2 = maps.findIndex((m) => m.origin === "data" && m.name === sec2.name);
    if (index2 >= 0) return { index: index2, offset: sym.offset + imm2 };
  }
  return void 0;
}

// src/run/memory.ts
var Memory = class {
  regions = [void 0];
  free = [];
  /** Regions to release when the current run ends (deleted map elements, ring buffer records). */
  pendingFree = [];
  add(kind, name, bytes, opts = {}) {
    const id = this.free.pop() ?? this.regions.length;
    const opaque = opts.opaque === true;
    const region = {
      id,
      kind,
      name,
      bytes,
      view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      start: 0,
      end: opaque ? 0 : bytes.length,
      wend: opaque || opts.writable === false ? 0 : bytes.length,
      mapIndex: opts.mapIndex ?? -1
    };
    this.regions[id] = region;
    return region;
  }
  /** Releases a region once the current run has ended (a program may still hold a pointer to it). */
  releaseAfterRun(id) {
    this.pendingFree.push(id);
  }
  endRun() {
    for (const id of this.pendingFree) {
      this.regions[id] = void 0;
      this.free.push(id);
    }
    this.pendingFree.length = 0;
  }
  get(id) {
    return id > 0 && id < this.regions.length ? this.regions[id] : void 0;
  }
};

// src/run/session.ts
function createSession(obj, options = {}) {
  const programs = programFunctions(obj);
  if (programs.length === 0) return { ok: false, message: "the object has no program (no function in a SEC() section)" };
  const entry = options.program === void 0 ? programs[0] : programs.find((p) => p.name === options.program);
  if (!entry) {
    return { ok: false, message: `no program named '${options.program}'; the object has ${programs.map((p) => p.name).join(", ")}` };
  }
  const kind = programKind(entry.section);
  if (!kind) return { ok: false, message: `section '${entry.section}' of '${entry.name}' names no program type ebcc run knows (it runs xdp, tc and socket buffer programs)` };
  const defs = mapDefinitions(obj);
  const linked = [];
  for (const p of programs) {
    const r2 = linkProgram(obj, p, defs);
    if (!r2.ok) {
      if (p === entry) return { ok: false, message: r2.message };
      continue;
    }
    linked.push(r2.program);
  }
  const mem2 = new Memory();
  const session = new RunSession(obj, entry, kind.progType, defs, linked, mem2, options);
  const ctx = session.contextFor(entry.name);
  if (typeof ctx === "string") return { ok: false, message: ctx };
  return { ok: true, session };
}
function programKind(section) {
  const match = findProgType(section);
  const progType2 = match?.progType?.name;
  if (!progType2) return void 0;
  return { progType: progType2, expectedAttach: match?.kind === "modern" ? match.def.expectedAttachType?.cName : void 0 };
}
var SIGN_BIT = 1n << 63n;
function regValue(lo, hi) {
  return BigInt(hi >>> 0) << 32n | BigInt(lo >>> 0);
}
var RunSession = class {
  constructor(obj, entry, progType2, defs, linked, mem2, options) {
    this.obj = obj;
    this.entry = entry;
    this.progType = progType2;
    this.mem = mem2;
    this.options = options;
    const cpus = Math.max(1, options.cpus ?? 1);
    this.maps = defs.map((d, i) => createMap(d, i, mem2, cpus));
    this.insns = [];
    this.origin = [];
    for (const p of linked) {
      this.entries.set(p.name, this.insns.length);
      this.sections.set(p.name, p.section);
      this.insns.push(...p.insns);
      this.origin.push(...p.origin);
    }
    this.code = decode(this.insns);
    this.machine = new Machine(this.code, mem2, this);
    this.machine.insnLimit = options.insnLimit ?? 1e8;
    this.machine.mapRegion = Int32Array.from(this.maps.map((m) => m.region.id));
    this.machine.mapValueRegion = Int32Array.from(this.maps.map((m) => m.directValue()?.id ?? 0));
    for (let d = 0; d < MAX_CALL_FRAMES; d++) {
      const r2 = mem2.add("stack", `stack of frame ${d}`, new Uint8Array(STACK_BYTES));
      this.stacks.push(r2);
      this.machine.stackRegion[d] = r2.id;
    }
    this.env = {
      maps: this.maps,
      ctx: void 0,
      // set by run()
      progType: progType2,
      cpus,
      clockNs: options.clockNs ?? 1000000000n,
      clockStepNs: options.clockStepNs ?? 1000n,
      rngState: (options.seed ?? 1) | 0 || 1,
      fibRoutes: options.fibRoutes ?? [],
      events: [],
      printk: [],
      redirect: void 0,
      tailCalls: 0,
      entryOf: (name) => this.entries.get(name)
    };
    this.machine.helpers = bindHelpers(this.env);
  }
  obj;
  entry;
  progType;
  mem;
  options;
  maps;
  /** The context of the program running now (or last run). */
  ctx;
  /** Context models by program type and expected attach type, created on first use. */
  contexts = /* @__PURE__ */ new Map();
  sections = /* @__PURE__ */ new Map();
  machine;
  code;
  /** All linked programs back to back; entries by function name. */
  insns;
  origin;
  entries = /* @__PURE__ */ new Map();
  env;
  stacks = [];
  /** The context model a program runs with, or why it has none. */
  contextFor(program) {
    const section = this.sections.get(program);
    if (section === void 0) return `no program named '${program}'; the object has ${this.programNames().join(", ")}`;
    const kind = programKind(section);
    if (!kind) return `section '${section}' of '${program}' names no program type ebcc run knows (it runs xdp, tc and socket buffer programs)`;
    const key = `${kind.progType}/${kind.expectedAttach ?? ""}`;
    let ctx = this.contexts.get(key);
    if (!ctx) {
      const made = createContext(kind.progType, kind.expectedAttach, this.mem);
      if (!made) return `ebcc run has no context model for ${kind.progType} programs (it runs xdp, tc and socket buffer programs)`;
      ctx = made;
      this.contexts.set(key, ctx);
    }
    return ctx;
  }
  /** The programs of the object that can be tail-called or run, by name. */
  programNames() {
    return [...this.entries.keys()];
  }
  mapByName(name) {
    return this.maps.find((m) => m.name === name);
  }
  /** Fills a map from user space (as bpftool map update would). Returns an error message or undefined. */
  updateMap(name, key, value) {
    const map2 = this.mapByName(name);
    if (!map2) return `no map named '${name}'`;
    if (key.length !== map2.def.keySize) return `map '${name}' has ${map2.def.keySize}-byte keys, not ${key.length}`;
    if (map2 instanceof RefArrayMap && map2.typeName === "prog_array") {
      if (typeof value !== "string") return `map '${name}' is a prog_array: give a program name as the value`;
      if (!this.entries.has(value)) return `no program named '${value}' in the object`;
      const i = map2.index32(key);
      if (i >= map2.def.maxEntries) return `index ${i} is outside prog_array '${name}'`;
      map2.programs.set(i, value);
      map2.valueBytes(i).set([1, 0, 0, 0]);
      return void 0;
    }
    if (typeof value === "string") return `map '${name}' takes bytes as values`;
    const stride = map2.def.valueSize + 7 & ~7;
    let values2;
    if (value.length === map2.def.valueSize) values2 = [value];
    else if (map2.perCpu && value.length % stride === 0 && value.length > 0) {
      values2 = [];
      for (let at = 0; at < value.length; at += stride) values2.push(value.subarray(at, at + map2.def.valueSize));
    } else return `map '${name}' has ${map2.def.valueSize}-byte values, not ${value.length}`;
    const err = map2.userUpdate(key, values2);
    return err < 0 ? `map '${name}': update failed (errno ${-err})` : void 0;
  }
  /** Every map's contents. */
  dumpMaps() {
    return this.maps.map((m) => ({
      name: m.name,
      type: m.typeName,
      keySize: m.def.keySize,
      valueSize: m.def.valueSize,
      entries: m.entries().map((e) => {
        const value = m.perCpu ? concatPerCpu(e.values, m.def.valueSize) : e.values[0];
        return m.perCpu ? { key: e.key, value, perCpu: e.values } : { key: e.key, value };
      })
    }));
  }
  /** Why the kernel's test runner would refuse this input (undefined: it would run it); nothing runs. */
  kernelRefusal(input) {
    const ctx = this.contextFor(input.program ?? this.entry.name);
    return typeof ctx === "string" ? void 0 : ctx.prepare(input).refusal;
  }
  run(input) {
    const m = this.machine;
    const env = this.env;
    const program = input.program ?? this.entry.name;
    env.events = [];
    env.printk = [];
    env.redirect = void 0;
    const result = {
      retval: 0,
      r0: 0n,
      packetOut: new Uint8Array(0),
      packetOutShift: 0,
      ctxOut: void 0,
      error: void 0,
      kernelRefusal: void 0,
      insnCount: 0,
      events: env.events,
      printk: env.printk,
      redirect: void 0,
      trace: void 0
    };
    const ctx = this.contextFor(program);
    if (typeof ctx === "string") {
      result.error = { kind: "input", message: ctx };
      return result;
    }
    this.ctx = ctx;
    env.ctx = ctx;
    const prep = ctx.prepare(input);
    result.kernelRefusal = prep.refusal;
    if (prep.error !== void 0) {
      result.error = { kind: "input", message: prep.error };
      return result;
    }
    for (let d = 0; d <= m.maxDepth; d++) this.stacks[d].bytes.fill(0);
    m.maxDepth = 0;
    const trace = input.trace ? new Tracer(this, input.traceLimit ?? 1e5) : void 0;
    m.trace = trace ? (pc) => trace.before(pc) : void 0;
    const repeat = Math.max(1, input.repeat ?? 1);
    const start = this.entries.get(program);
    let total = 0;
    try {
      for (let i = 0; i < repeat; i++) {
        m.lo.fill(0);
        m.hi.fill(0);
        m.hi[1] = this.ctx.ctxRegion.id;
        m.lo[10] = STACK_BYTES;
        m.hi[10] = m.stackRegion[0];
        m.depth = 0;
        m.jumpTo = -1;
        m.insnCount = 0;
        env.tailCalls = 0;
        execute(m, start);
        total += m.insnCount;
      }
    } catch (e) {
      if (!(e instanceof RunFault)) throw e;
      total += m.insnCount;
      result.error = this.describeFault(e);
    } finally {
      trace?.finish();
      m.trace = void 0;
      this.mem.endRun();
    }
    result.insnCount = total;
    result.r0 = regValue(m.lo[0], m.hi[0]);
    result.retval = m.lo[0] >>> 0;
    result.packetOut = this.ctx.packetOut();
    result.packetOutShift = this.ctx.packetOutShift();
    result.ctxOut = this.ctx.ctxOut();
    result.redirect = env.redirect;
    result.trace = trace?.entries;
    return result;
  }
  // ---- MachineHost ----
  load(m, regionId, offset, sizeBytes) {
    const r2 = this.mem.get(regionId);
    if (r2?.kind === "ctx") return this.ctx.load(m, offset, sizeBytes);
    m.fault(this.accessMessage("read", r2, regionId, offset, sizeBytes, m));
  }
  store(m, regionId, offset, sizeBytes, lo, hi) {
    const r2 = this.mem.get(regionId);
    if (r2?.kind === "ctx") return this.ctx.store(m, offset, sizeBytes, lo, hi);
    m.fault(this.accessMessage("write", r2, regionId, offset, sizeBytes, m));
  }
  loadPacket(_m, offset, sizeBytes) {
    return this.ctx.loadPacket(offset, sizeBytes);
  }
  unknownHelper(m, id) {
    const info2 = helperById(id);
    if (!info2) m.fault(`call of helper #${id}, which does not exist`, "instruction");
    m.fault(`helper ${info2.name} (#${id}) is not implemented by ebcc run`, "helper");
  }
  accessMessage(what, r2, regionId, offset, sizeBytes, m) {
    const access = `invalid ${what} of ${sizeBytes} byte${sizeBytes === 1 ? "" : "s"}`;
    if (!r2) {
      const addr = regValue(offset | 0, regionId);
      return `${access} at address 0x${addr.toString(16)}, which is in no object${addr === 0n ? " (a NULL pointer)" : ""}`;
    }
    if (r2.kind === "map") return `${access} through a map pointer (${r2.name}): maps are passed to helpers, not dereferenced`;
    if (what === "write" && r2.wend === r2.start && r2.end > r2.start) return `${access} to ${r2.name}, which is read-only`;
    const rel = r2.kind === "packet" ? offset - this.packetBase() : offset;
    const size = r2.kind === "packet" ? r2.end - this.packetBase() : r2.end - r2.start;
    const where = r2.kind === "packet" ? `packet offset ${rel}` : r2.kind === "stack" ? `r10${offset - STACK_BYTES >= 0 ? "+" : ""}${offset - STACK_BYTES}` : `offset ${rel}`;
    void m;
    return `${access} at ${where} of ${r2.name}, which has ${size} byte${size === 1 ? "" : "s"}`;
  }
  packetBase() {
    return this.ctx.data ?? 0;
  }
  /** What a register holding (hi, lo) points at, if it is a pointer: "pkt+14", "fp-8", "map counts". */
  describePointer(lo, hi) {
    const r2 = this.mem.get(hi);
    if (!r2) return void 0;
    const signed3 = (n) => n < 0 ? `${n}` : `+${n}`;
    switch (r2.kind) {
      case "packet":
        return `pkt${signed3(lo - this.packetBase())}`;
      case "stack":
        return `fp${signed3(lo - STACK_BYTES)}${r2.id === this.machine.stackRegion[this.machine.depth] ? "" : ` (${r2.name})`}`;
      case "ctx":
        return `ctx${signed3(lo)}`;
      case "map":
        return r2.name;
      default:
        return `${r2.name}${signed3(lo)}`;
    }
  }
  // ---- source lines ----
  functionOf(pc) {
    return this.origin[pc]?.fn;
  }
  disasm(pc) {
    const names = (i) => {
      const insn2 = this.insns[i];
      if (!insn2 || insn2.src !== 1 && insn2.src !== 2) return void 0;
      const map2 = this.maps[insn2.imm];
      return map2 ? `map[${map2.name}]` : void 0;
    };
    return disasmInsn(this.insns, pc, { symbolAt: names }).text;
  }
  lineOf(pc) {
    const o = this.origin[pc];
    if (!o) return void 0;
    let span;
    for (const l of o.fn.lines) {
      if (l.insnIndex > o.index) break;
      span = l.span;
    }
    const sources = this.options.sources;
    if (!span || !sources || span.file < 0 || span.file >= sources.files.length) return void 0;
    const { line, col } = sources.lineCol(span.file, span.start);
    return { file: sources.get(span.file).path, line, col, text: sources.lineText(span.file, line), span };
  }
  describeFault(e) {
    return {
      kind: e.kind,
      message: e.message,
      pc: e.pc,
      function: this.functionOf(e.pc)?.name,
      insnText: e.pc >= 0 && e.pc < this.insns.length ? this.disasm(e.pc) : void 0,
      line: this.lineOf(e.pc)
    };
  }
};
function concatPerCpu(values2, valueSize) {
  const stride = valueSize + 7 & ~7;
  const out = new Uint8Array(stride * values2.length);
  values2.forEach((v, i) => out.set(v, i * stride));
  return out;
}
var Tracer = class {
  constructor(s, limit) {
    this.s = s;
    this.limit = limit;
  }
  s;
  limit;
  entries = [];
  prevPc = -1;
  lo = new Int32Array(11);
  hi = new Int32Array(11);
  before(pc) {
    this.flush();
    this.prevPc = pc;
    this.lo.set(this.s.machine.lo);
    this.hi.set(this.s.machine.hi);
  }
  finish() {
    this.flush();
    this.prevPc = -1;
  }
  flush() {
    const pc = this.prevPc;
    if (pc < 0 || this.entries.length >= this.limit) return;
    const m = this.s.machine;
    const changes = [];
    for (let r2 = 0; r2 <= 10; r2++) {
      if (m.lo[r2] === this.lo[r2] && m.hi[r2] === this.hi[r2]) continue;
      const points = this.s.describePointer(m.lo[r2], m.hi[r2]);
      changes.push(points === void 0 ? { reg: r2, value: regValue(m.lo[r2], m.hi[r2]) } : { reg: r2, value: regValue(m.lo[r2], m.hi[r2]), points });
    }
    this.entries.push({ pc, function: this.s.functionOf(pc)?.name ?? "?", text: this.s.disasm(pc), line: this.s.lineOf(pc), changes });
  }
};

// src/bpf/asm.ts
function insn(code, dst, src, off, imm2) {
  return { code, dst, src, off, imm: imm2 };
}
function toInt32(v) {
  return v | 0;
}
function aluCode(cls, op, src) {
  const enc = ALU_BINARY_ENCODING[op];
  return { code: CLASS_CODE[cls] | ALU_OP_CODE[enc.op] | SOURCE_CODE[src], off: enc.off };
}
function alu64Imm(op, dst, imm2) {
  const { code, off } = aluCode("alu64", op, "k");
  return insn(code, dst, 0, off, toInt32(imm2));
}
function alu64Reg(op, dst, src) {
  const { code, off } = aluCode("alu64", op, "x");
  return insn(code, dst, src, off, 0);
}
function alu32Imm(op, dst, imm2) {
  const { code, off } = aluCode("alu", op, "k");
  return insn(code, dst, 0, off, toInt32(imm2));
}
function alu32Reg(op, dst, src) {
  const { code, off } = aluCode("alu", op, "x");
  return insn(code, dst, src, off, 0);
}
function movImm(dst, imm2) {
  return alu64Imm("mov", dst, imm2);
}
function movReg(dst, src) {
  return alu64Reg("mov", dst, src);
}
function mov32Imm(dst, imm2) {
  return alu32Imm("mov", dst, imm2);
}
function mov32Reg(dst, src) {
  return alu32Reg("mov", dst, src);
}
function movsx(bits, dst, src, is64 = true) {
  if (!is64 && bits === 32) throw new Error("internal: movsx32 from 32 bits does not exist");
  return insn(CLASS_CODE[is64 ? "alu64" : "alu"] | ALU_OP_CODE.mov | SOURCE_CODE.x, dst, src, bits, 0);
}
function neg64(dst) {
  return insn(CLASS_CODE.alu64 | ALU_OP_CODE.neg | SOURCE_CODE.k, dst, 0, 0, 0);
}
function neg32(dst) {
  return insn(CLASS_CODE.alu | ALU_OP_CODE.neg | SOURCE_CODE.k, dst, 0, 0, 0);
}
function endian(toBe, bits, dst) {
  return insn(CLASS_CODE.alu | ALU_OP_CODE.end | (toBe ? END_TO_BE : END_TO_LE), dst, 0, 0, bits);
}
function bswap(bits, dst) {
  return insn(CLASS_CODE.alu64 | ALU_OP_CODE.end | END_TO_LE, dst, 0, 0, bits);
}
function ldx(size, dst, src, off) {
  return insn(CLASS_CODE.ldx | MODE_CODE.mem | SIZE_CODE[size], dst, src, off, 0);
}
function ldxsx(size, dst, src, off) {
  return insn(CLASS_CODE.ldx | MODE_CODE.memsx | SIZE_CODE[size], dst, src, off, 0);
}
function stx(size, dst, off, src) {
  return insn(CLASS_CODE.stx | MODE_CODE.mem | SIZE_CODE[size], dst, src, off, 0);
}
function st(size, dst, off, imm2) {
  return insn(CLASS_CODE.st | MODE_CODE.mem | SIZE_CODE[size], dst, 0, off, toInt32(imm2));
}
function atomic(size, op, dst, off, src, fetch) {
  const always = op === "xchg" || op === "cmpxchg";
  const imm2 = ATOMIC_OP_CODE[op] | (fetch && !always ? ATOMIC_FETCH : 0);
  return insn(CLASS_CODE.stx | MODE_CODE.atomic | SIZE_CODE[size], dst, src, off, imm2);
}
function ldImm64(dst, value, src = 0) {
  const v = BigInt.asUintN(64, value);
  const lo = Number(BigInt.asIntN(32, v));
  const hi = Number(BigInt.asIntN(32, v >> 32n));
  return [
    insn(CLASS_CODE.ld | MODE_CODE.imm | SIZE_CODE.dw, dst, src, 0, lo),
    insn(0, 0, 0, 0, hi)
  ];
}
function ldMapFd(dst) {
  return ldImm64(dst, 0n, PSEUDO_LD_IMM64.mapFd);
}
function ldMapValue(dst, offset) {
  const [a, b] = ldImm64(dst, 0n, PSEUDO_LD_IMM64.mapValue);
  return [a, { ...b, imm: toInt32(offset) }];
}
function ldAbs(size, imm2) {
  return insn(CLASS_CODE.ld | MODE_CODE.abs | SIZE_CODE[size], 0, 0, 0, toInt32(imm2));
}
function ldInd(size, src, imm2) {
  return insn(CLASS_CODE.ld | MODE_CODE.ind | SIZE_CODE[size], 0, src, 0, toInt32(imm2));
}
function jmpImm(op, dst, imm2, off) {
  return insn(CLASS_CODE.jmp | JMP_OP_CODE[op] | SOURCE_CODE.k, dst, 0, off, toInt32(imm2));
}
function jmpReg(op, dst, src, off) {
  return insn(CLASS_CODE.jmp | JMP_OP_CODE[op] | SOURCE_CODE.x, dst, src, off, 0);
}
function jmp32Imm(op, dst, imm2, off) {
  return insn(CLASS_CODE.jmp32 | JMP_OP_CODE[op] | SOURCE_CODE.k, dst, 0, off, toInt32(imm2));
}
function jmp32Reg(op, dst, src, off) {
  return insn(CLASS_CODE.jmp32 | JMP_OP_CODE[op] | SOURCE_CODE.x, dst, src, off, 0);
}
function ja(off) {
  return insn(CLASS_CODE.jmp | JMP_OP_CODE.ja, 0, 0, off, 0);
}
function gotol(imm2) {
  return insn(CLASS_CODE.jmp32 | JMP_OP_CODE.ja, 0, 0, 0, toInt32(imm2));
}
function call(helperId) {
  return insn(CLASS_CODE.jmp | JMP_OP_CODE.call, 0, 0, 0, helperId);
}
function callPseudo(relOff) {
  return insn(CLASS_CODE.jmp | JMP_OP_CODE.call, 0, PSEUDO_CALL.call, 0, toInt32(relOff));
}
function callKfunc(btfId) {
  return insn(CLASS_CODE.jmp | JMP_OP_CODE.call, 0, PSEUDO_CALL.kfuncCall, 0, toInt32(btfId));
}
function exit() {
  return insn(CLASS_CODE.jmp | JMP_OP_CODE.exit, 0, 0, 0, 0);
}

// src/bpf/assemble.ts
var SIZE_BY_NAME = { u8: "b", u16: "h", u32: "w", u64: "dw" };
var SIGNED_SIZE_BY_NAME = { s8: "b", s16: "h", s32: "w" };
var ALU_BY_SYMBOL = {
  "+=": "add",
  "-=": "sub",
  "*=": "mul",
  "/=": "div",
  "s/=": "sdiv",
  "|=": "or",
  "&=": "and",
  "<<=": "lsh",
  ">>=": "rsh",
  "%=": "mod",
  "s%=": "smod",
  "^=": "xor",
  "s>>=": "arsh",
  "=": "mov"
};
var ATOMIC_BY_SYMBOL = { "+=": "add", "|=": "or", "&=": "and", "^=": "xor" };
function condBySymbol() {
  return new Map(Object.entries(COND_JMP_SYMBOL).map(([op, sym]) => [sym, op]));
}
var LineError = class extends Error {
};
function parseBig(text) {
  const m = /^([+-]?)\s*(0x[0-9a-f]+|\d+)$/i.exec(text.trim());
  if (!m) return void 0;
  const v = BigInt(m[2]);
  return m[1] === "-" ? -v : v;
}
function imm32(text, what = "immediate") {
  const v = parseBig(text);
  if (v === void 0) throw new LineError(`expected a number for the ${what}, saw '${text.trim()}'`);
  if (v < -(1n << 31n) || v > 0xffffffffn) throw new LineError(`${what} ${text.trim()} does not fit in 32 bits`);
  return Number(BigInt.asIntN(32, v));
}
function off16(text) {
  const v = parseBig(text.replace(/\s+/g, ""));
  if (v === void 0) throw new LineError(`expected an offset, saw '${text.trim()}'`);
  if (v < -32768n || v > 32767n) throw new LineError(`offset ${text.trim()} does not fit in 16 bits`);
  return Number(v);
}
function reg(text) {
  const m = /^([rw])(\d+)$/.exec(text.trim());
  if (!m || Number(m[2]) > 10) throw new LineError(`expected a register r0..r10 or w0..w10, saw '${text.trim()}'`);
  return { n: Number(m[2]), w: m[1] === "w" };
}
function sameWidth(x, y, line) {
  if (x.w !== y.w) throw new LineError(`mixed 32-bit (w) and 64-bit (r) registers in '${line}'`);
}
var REG = "([rw]\\d+)";
var NUM = "([+-]?\\s*(?:0x[0-9a-fA-F]+|\\d+))";
var MEM = "\\(\\s*([us]\\d+)\\s*\\*\\s*\\)\\s*\\(\\s*(r\\d+)\\s*(?:([+-])\\s*(0x[0-9a-fA-F]+|\\d+))?\\s*\\)";
var TARGET = "((?:pc)?[+-]\\s*\\d+|[A-Za-z_.$][\\w.$]*)";
function memOff(sign, value) {
  if (value === void 0) return 0;
  return off16(`${sign ?? "+"}${value}`);
}
function memSize(type) {
  const s = SIZE_BY_NAME[type];
  if (!s) throw new LineError(`expected u8, u16, u32 or u64, saw '${type}'`);
  return s;
}
function cleanLine(raw) {
  let end = raw.length;
  const semi = raw.indexOf(";");
  if (semi >= 0) end = Math.min(end, semi);
  const slashes = raw.indexOf("//");
  if (slashes >= 0) end = Math.min(end, slashes);
  const hash = /(^|[^\w])#/.exec(raw.slice(0, end));
  if (hash) end = Math.min(end, hash.index + hash[1].length);
  let text = raw.slice(0, end);
  let start = 0;
  const prefix = /^\s*(?:\d+:\s*)?(?:\([0-9a-fA-F]{2}\)\s*)?/.exec(text);
  start = prefix[0].length;
  text = text.slice(start).trimEnd();
  return { text, start };
}
function push(st2, line, ...insns) {
  const at = st2.insns.length;
  insns.forEach((insn2, i) => {
    st2.insns.push(insn2);
    st2.lineOfInsn.push(i === 0 ? line : -1);
  });
  return at;
}
function target(st2, text, insnIndex, field3, where) {
  const t = text.replace(/\s+/g, "");
  const rel = /^(?:pc)?([+-]\d+)$/.exec(t);
  if (rel) return Number(rel[1]);
  st2.pending.push({ insnIndex, label: t, field: field3, ...where });
  return 0;
}
function assembleLine(st2, text, line, where) {
  let m;
  const next = st2.insns.length;
  if (text === "exit") {
    push(st2, line, exit());
    return;
  }
  if (m = /^\.insn\s+(.*)$/.exec(text)) {
    const parts = m[1].split(",").map((s) => s.trim());
    if (parts.length !== 5) throw new LineError(`.insn takes CODE, DST, SRC, OFF, IMM; saw ${parts.length} fields`);
    const [code, dst2, src, off, imm2] = parts.map((p) => parseBig(p));
    if ([code, dst2, src, off, imm2].some((v) => v === void 0)) throw new LineError(`.insn fields must be numbers`);
    push(st2, line, {
      code: Number(code & 0xffn),
      dst: Number(dst2 & 0xfn),
      src: Number(src & 0xfn),
      off: Number(BigInt.asIntN(16, off)),
      imm: Number(BigInt.asIntN(32, imm2))
    });
    return;
  }
  if (m = new RegExp(`^(goto|gotol)\\s+${TARGET}$`).exec(text)) {
    const isLong = m[1] === "gotol";
    const v = target(st2, m[2], next, isLong ? "imm" : "off", where);
    push(st2, line, isLong ? gotol(v) : ja(off16(String(v))));
    return;
  }
  if (m = new RegExp(`^if\\s+${REG}\\s*(s?[<>]=?|==|!=|&)\\s*(${REG.slice(1, -1)}|${NUM.slice(1, -1)})\\s+goto\\s+${TARGET}$`).exec(text)) {
    const dst2 = reg(m[1]);
    const op = st2.conds.get(m[2]);
    if (!op) throw new LineError(`unknown comparison '${m[2]}'`);
    const off = off16(String(target(st2, m[4], next, "off", where)));
    if (/^[rw]\d+$/.test(m[3])) {
      const src = reg(m[3]);
      sameWidth(dst2, src, text);
      push(st2, line, dst2.w ? jmp32Reg(op, dst2.n, src.n, off) : jmpReg(op, dst2.n, src.n, off));
    } else {
      const k = imm32(m[3]);
      push(st2, line, dst2.w ? jmp32Imm(op, dst2.n, k, off) : jmpImm(op, dst2.n, k, off));
    }
    return;
  }
  if (m = /^call\s+(.+)$/.exec(text)) {
    const arg = m[1].trim();
    let c;
    if (c = /^kernel-function#?(\d+)$/.exec(arg)) {
      push(st2, line, callKfunc(Number(c[1])));
    } else if (c = /^([A-Za-z_]\w*)#(\d+)$/.exec(arg)) {
      push(st2, line, call(Number(c[2])));
    } else if (/^\d+$/.test(arg)) {
      push(st2, line, call(Number(arg)));
    } else if (/^(?:pc)?[+-]\s*\d+$/.test(arg)) {
      push(st2, line, callPseudo(target(st2, arg, next, "imm", where)));
    } else if (/^[A-Za-z_.$][\w.$]*$/.test(arg)) {
      const helper = helperByName(arg) ?? helperByName(`bpf_${arg}`);
      if (helper && !st2.opts.externalLabels?.has(arg)) push(st2, line, call(helper.id));
      else push(st2, line, callPseudo(target(st2, arg, next, "imm", where)));
    } else {
      throw new LineError(`expected a helper name or id, or a call target, saw '${arg}'`);
    }
    return;
  }
  if (m = new RegExp(`^lock\\s+\\*${MEM}\\s*(\\+=|\\|=|&=|\\^=)\\s*${REG}$`).exec(text)) {
    const size = memSize(m[1]);
    const op = ATOMIC_BY_SYMBOL[m[5]];
    if (size !== "w" && size !== "dw") throw new LineError("atomic operations take u32 or u64");
    push(st2, line, atomic(size, op, reg(m[2]).n, memOff(m[3], m[4]), reg(m[6]).n, false));
    return;
  }
  if (m = new RegExp(`^${REG}\\s*=\\s*atomic(64)?_(fetch_add|fetch_or|fetch_and|fetch_xor|xchg|cmpxchg)\\s*\\(\\s*${MEM}\\s*,\\s*${REG}\\s*(?:,\\s*${REG}\\s*)?\\)$`).exec(text)) {
    const size = memSize(m[4]);
    if (size !== "w" && size !== "dw") throw new LineError("atomic operations take u32 or u64");
    const opName = m[3].replace("fetch_", "");
    const base = reg(m[5]).n;
    const off = memOff(m[6], m[7]);
    if (opName === "cmpxchg") {
      if (reg(m[1]).n !== 0 || reg(m[8]).n !== 0 || m[9] === void 0) {
        throw new LineError("cmpxchg is written r0 = atomic64_cmpxchg((u64 *)(rX +off), r0, rY)");
      }
      push(st2, line, atomic(size, "cmpxchg", base, off, reg(m[9]).n, true));
    } else {
      if (m[9] !== void 0 || reg(m[1]).n !== reg(m[8]).n) {
        throw new LineError(`${m[3]} returns the old value in its source register: rS = atomic_${m[3]}((uN *)(rX +off), rS)`);
      }
      push(st2, line, atomic(size, opName, base, off, reg(m[8]).n, true));
    }
    return;
  }
  if (m = new RegExp(`^${REG}\\s*=\\s*(cmpxchg|xchg)(32_32|_64)\\s*\\(\\s*(r\\d+)\\s*(?:([+-])\\s*(\\d+))?\\s*,\\s*${REG}\\s*(?:,\\s*${REG}\\s*)?\\)$`).exec(text)) {
    const size = m[3] === "_64" ? "dw" : "w";
    const base = reg(m[4]).n;
    const off = memOff(m[5], m[6]);
    if (m[2] === "cmpxchg") {
      if (m[8] === void 0) throw new LineError("cmpxchg takes three operands");
      push(st2, line, atomic(size, "cmpxchg", base, off, reg(m[8]).n, true));
    } else {
      push(st2, line, atomic(size, "xchg", base, off, reg(m[7]).n, true));
    }
    return;
  }
  if (m = new RegExp(`^\\*${MEM}\\s*=\\s*(.+)$`).exec(text)) {
    const size = memSize(m[1]);
    const dst2 = reg(m[2]).n;
    const off = memOff(m[3], m[4]);
    const rhs2 = m[5].trim();
    if (/^[rw]\d+$/.test(rhs2)) push(st2, line, stx(size, dst2, off, reg(rhs2).n));
    else push(st2, line, st(size, dst2, off, imm32(rhs2)));
    return;
  }
  if (!(m = new RegExp(`^${REG}\\s*(s>>=|s/=|s%=|<<=|>>=|[-+*/|&^%]=|=)\\s*(.+)$`).exec(text))) {
    throw new LineError(`unrecognised instruction '${text}'`);
  }
  const dst = reg(m[1]);
  const sym = m[2];
  const rhs = m[3].trim();
  if (sym !== "=") {
    const op = ALU_BY_SYMBOL[sym];
    if (/^[rw]\d+$/.test(rhs)) {
      const src = reg(rhs);
      sameWidth(dst, src, text);
      push(st2, line, dst.w ? alu32Reg(op, dst.n, src.n) : alu64Reg(op, dst.n, src.n));
    } else {
      const k = imm32(rhs);
      push(st2, line, dst.w ? alu32Imm(op, dst.n, k) : alu64Imm(op, dst.n, k));
    }
    return;
  }
  assembleAssignment(st2, dst, rhs, text, line);
}
function assembleAssignment(st2, dst, rhs, text, line) {
  let m;
  if (/^[rw]\d+$/.test(rhs)) {
    const src = reg(rhs);
    sameWidth(dst, src, text);
    push(st2, line, dst.w ? mov32Reg(dst.n, src.n) : movReg(dst.n, src.n));
    return;
  }
  if (m = /^\(s(8|16|32)\)\s*([rw]\d+)$/.exec(rhs)) {
    const src = reg(m[2]);
    sameWidth(dst, src, text);
    const bits = Number(m[1]);
    if (dst.w && bits === 32) throw new LineError("a 32-bit register has no 32-bit sign extension");
    push(st2, line, movsx(bits, dst.n, src.n, !dst.w));
    return;
  }
  if (m = /^-\s*([rw]\d+)$/.exec(rhs)) {
    const src = reg(m[1]);
    sameWidth(dst, src, text);
    if (src.n !== dst.n) throw new LineError("negation works in place: rD = -rD");
    push(st2, line, dst.w ? neg32(dst.n) : neg64(dst.n));
    return;
  }
  if (m = /^(be|le|bswap)(16|32|64)\s+([rw]\d+)$/.exec(rhs)) {
    const src = reg(m[3]);
    if (src.n !== dst.n) throw new LineError("byte swaps work in place: rD = be16 rD");
    const width = Number(m[2]);
    push(st2, line, m[1] === "bswap" ? bswap(width, dst.n) : endian(m[1] === "be", width, dst.n));
    return;
  }
  if (m = new RegExp(`^\\*${MEM}$`).exec(rhs)) {
    const base = reg(m[2]).n;
    const off = memOff(m[3], m[4]);
    const signedSize = SIGNED_SIZE_BY_NAME[m[1]];
    if (signedSize) push(st2, line, ldxsx(signedSize, dst.n, base, off));
    else push(st2, line, ldx(memSize(m[1]), dst.n, base, off));
    return;
  }
  if (m = /^\*\(\s*(u8|u16|u32)\s*\*\s*\)\s*skb\[\s*(?:(r\d+)\s*\+\s*)?([+-]?\s*(?:0x[0-9a-fA-F]+|\d+))?\s*\]$/.exec(rhs)) {
    if (dst.n !== 0) throw new LineError("LD_ABS and LD_IND load into r0");
    const size = memSize(m[1]);
    const k = m[3] === void 0 ? 0 : imm32(m[3]);
    push(st2, line, m[2] !== void 0 ? ldInd(size, reg(m[2]).n, k) : ldAbs(size, k));
    return;
  }
  if (m = /^\*\(\s*(u8|u16|u32)\s*\*\s*\)\s*skb\[\s*(r\d+)\s*\]$/.exec(rhs)) {
    if (dst.n !== 0) throw new LineError("LD_ABS and LD_IND load into r0");
    push(st2, line, ldInd(memSize(m[1]), reg(m[2]).n, 0));
    return;
  }
  if (dst.w && /^(map|func)\[/.test(rhs)) throw new LineError("ld_imm64 loads a 64-bit register");
  if (m = /^map\[\s*([A-Za-z_.$][\w.$]*)\s*\](?:\s*\[\s*0\s*\]\s*(?:([+-])\s*(0x[0-9a-fA-F]+|\d+))?)?(?:\s+ll)?$/.exec(rhs)) {
    const at = st2.insns.length;
    const isValue = /\]\s*\[/.test(rhs);
    if (isValue) {
      push(st2, line, ...ldMapValue(dst.n, m[3] === void 0 ? 0 : imm32(`${m[2] ?? "+"}${m[3]}`)));
    } else {
      push(st2, line, ...ldMapFd(dst.n));
    }
    st2.relocs.push({ insnIndex: at, kind: isValue ? "map_value" : "map", symbol: m[1] });
    return;
  }
  if (m = /^func\[\s*([A-Za-z_.$][\w.$]*)\s*\]$/.exec(rhs)) {
    const at = push(st2, line, ...ldImm64(dst.n, 0n, PSEUDO_LD_IMM64.func));
    st2.relocs.push({ insnIndex: at, kind: "func", symbol: m[1] });
    return;
  }
  if (m = /^([+-]?\s*(?:0x[0-9a-fA-F]+|\d+))(\s+ll)?$/.exec(rhs)) {
    const v = parseBig(m[1]);
    const isHex = /0x/i.test(m[1]);
    if (dst.w) {
      push(st2, line, mov32Imm(dst.n, imm32(m[1])));
      return;
    }
    const fitsMov = v >= -(1n << 31n) && v < 1n << 31n;
    if (!m[2] && !isHex && fitsMov) {
      push(st2, line, movImm(dst.n, Number(v)));
      return;
    }
    if (v < -(1n << 63n) || v >= 1n << 64n) throw new LineError(`${m[1]} does not fit in 64 bits`);
    push(st2, line, ...ldImm64(dst.n, BigInt.asIntN(64, v)));
    return;
  }
  throw new LineError(`unrecognised instruction '${text}'`);
}
function labelPlace(st2, p) {
  const raw = st2.rawLines[p.line - 1];
  const at = raw ? raw.text.lastIndexOf(p.label) : -1;
  if (!raw || at < 0) return { line: p.line, col: p.col, offset: p.offset, length: p.label.length };
  return { line: p.line, col: at + 1, offset: raw.start + at, length: p.label.length };
}
function resolvePending(st2, errors) {
  for (const p of st2.pending) {
    const at = st2.labels.get(p.label);
    const insn2 = st2.insns[p.insnIndex];
    if (at === void 0) {
      if (insn2.code === callPseudo(0).code && insn2.src === PSEUDO_CALL.call && st2.opts.externalLabels?.has(p.label)) {
        insn2.imm = -1;
        st2.relocs.push({ insnIndex: p.insnIndex, kind: "call", symbol: p.label });
        continue;
      }
      errors.push({ ...labelPlace(st2, p), message: `undefined label '${p.label}'` });
      continue;
    }
    const rel = at - p.insnIndex - 1;
    if (p.field === "off") {
      if (rel < -32768 || rel > 32767) {
        errors.push({ ...labelPlace(st2, p), message: `label '${p.label}' is out of reach of a 16-bit jump offset (use gotol)` });
        continue;
      }
      insn2.off = rel;
    } else {
      insn2.imm = rel;
    }
  }
  st2.relocs = st2.relocs.filter((r2) => {
    if (r2.kind !== "func") return true;
    const at = st2.labels.get(r2.symbol);
    if (at === void 0) return st2.opts.externalLabels?.has(r2.symbol) ?? false;
    st2.insns[r2.insnIndex].imm = at - r2.insnIndex - 1;
    return false;
  });
  for (const r2 of st2.relocs) {
    if (r2.kind === "func" && !st2.opts.externalLabels?.has(r2.symbol)) {
      errors.push({ line: 0, col: 0, offset: 0, length: 0, message: `undefined label '${r2.symbol}'` });
    }
  }
}
function assemble(text, opts = {}) {
  const st2 = { insns: [], relocs: [], labels: /* @__PURE__ */ new Map(), lineOfInsn: [], pending: [], conds: condBySymbol(), opts, rawLines: [] };
  const errors = [];
  let lineStart = 0;
  const lines = text.split("\n");
  for (const raw of lines) {
    st2.rawLines.push({ text: raw, start: lineStart });
    lineStart += raw.length + 1;
  }
  lineStart = 0;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const { text: cleaned, start } = cleanLine(raw.replace(/\r$/, ""));
    let body = cleaned;
    let col = start;
    const label = /^([A-Za-z_.$][\w.$]*)\s*:\s*/.exec(body);
    if (label) {
      if (st2.labels.has(label[1])) {
        errors.push({ line, col: col + 1, offset: lineStart + col, length: label[1].length, message: `label '${label[1]}' is defined twice` });
      }
      st2.labels.set(label[1], st2.insns.length);
      body = body.slice(label[0].length);
      col += label[0].length;
    }
    if (body !== "") {
      const where = { line, col: col + 1, offset: lineStart + col };
      const before = st2.insns.length;
      try {
        assembleLine(st2, body.replace(/\s+/g, " "), line, where);
      } catch (e) {
        if (!(e instanceof LineError)) throw e;
        st2.insns.length = before;
        st2.lineOfInsn.length = before;
        errors.push({ ...where, length: body.length, message: e.message });
      }
    }
    lineStart += raw.length + 1;
  });
  resolvePending(st2, errors);
  return { insns: st2.insns, relocs: st2.relocs, labels: st2.labels, lineOfInsn: st2.lineOfInsn, errors };
}

// src/bpf/btf.ts
var BtfBuilder = class {
  types = [];
  index = /* @__PURE__ */ new Map();
  add(t) {
    const key = JSON.stringify(t);
    const found = this.index.get(key);
    if (found !== void 0) return found;
    this.types.push(t);
    const id = this.types.length;
    this.index.set(key, id);
    return id;
  }
  /** Reserves an id for a struct/union whose members refer back to it; fill it with set(). */
  reserve(placeholder) {
    this.types.push(placeholder);
    return this.types.length;
  }
  set(id, t) {
    this.types[id - 1] = t;
    this.index.set(JSON.stringify(t), id);
  }
  get(id) {
    return this.types[id - 1];
  }
};

// src/asm/assemble-object.ts
var POINTER_BYTES = 8;
function mapTypeValue(text) {
  if (/^\d+$/.test(text)) return Number(text);
  return mapTypeByName(text.toLowerCase())?.value;
}
function assembleObject(file, ctx) {
  const maps = [];
  const funcs = [];
  let license = "GPL";
  const lines = file.text.split("\n");
  let offset = 0;
  const spanOf = (start, length) => ({ file: file.id, start, end: start + Math.max(1, length) });
  const errors = [];
  const error2 = (message, span) => {
    errors.push({ message, span });
  };
  for (const raw of lines) {
    const lineStart = offset;
    offset += raw.length + 1;
    const text = raw.replace(/;.*$/, "").replace(/\/\/.*$/, "").trim();
    const span = spanOf(lineStart + raw.indexOf(text.charAt(0)), text.length);
    let m;
    if (m = /^\.license\s+"([^"]*)"$/.exec(text)) {
      license = m[1];
    } else if (m = /^\.map\s+([A-Za-z_]\w*)\s+(\w+)((?:\s+\w+=\w+)*)$/.exec(text)) {
      const type = mapTypeValue(m[2]);
      if (type === void 0) {
        error2(`unknown map type '${m[2]}'`, span);
        continue;
      }
      const fields = [{ name: "type", value: type }];
      const given = /* @__PURE__ */ new Map();
      for (const kv of m[3].trim().split(/\s+/).filter((s) => s !== "")) {
        const [k, v] = kv.split("=");
        const key = { key: "key_size", value: "value_size", entries: "max_entries", flags: "map_flags" }[k];
        const num = Number(v);
        if (key === void 0 || !Number.isInteger(num) || num < 0) {
          error2(`expected key=N, value=N, entries=N or flags=N in a .map directive, saw '${kv}'`, span);
          continue;
        }
        given.set(key, num);
      }
      for (const key of ["key_size", "value_size", "max_entries", "map_flags"]) {
        const v = given.get(key);
        if (v !== void 0) fields.push({ name: key, value: v });
      }
      maps.push({ name: m[1], fields, span });
    } else if (m = /^\.(prog|func)\s+([A-Za-z_]\w*)((?:\s+\S+)*)$/.exec(text)) {
      const isProgram = m[1] === "prog";
      const rest = m[3].trim().split(/\s+/).filter((s) => s !== "");
      let section = isProgram ? rest.shift() : ".text";
      let global2 = isProgram;
      let args = isProgram ? 1 : 0;
      for (const word of rest) {
        const a = /^args=(\d)$/.exec(word);
        if (word === "global") global2 = true;
        else if (a) args = Number(a[1]);
        else error2(`unexpected '${word}' in a .${m[1]} directive`, span);
      }
      if (section === void 0) {
        error2(`.prog needs a section name: .prog NAME SECTION`, span);
        section = ".text";
      }
      funcs.push({ name: m[2], section, global: global2, args, isProgram, span, bodyStart: offset, body: [] });
    } else if (text.startsWith(".") && !text.startsWith(".insn")) {
      error2(`unknown directive '${text.split(/\s+/)[0]}'`, span);
    } else if (funcs.length > 0) {
      funcs[funcs.length - 1].body.push(raw);
    } else if (text !== "") {
      error2("an instruction outside a function: start one with .prog NAME SECTION or .func NAME", span);
    }
  }
  const names = new Set(funcs.map((f) => f.name));
  const btf = new BtfBuilder();
  const intId = btf.add({ kind: "int", name: "int", sizeBytes: 4, encoding: "signed", bits: 32, bitOffset: 0 });
  const u64Id = btf.add({ kind: "int", name: "unsigned long long", sizeBytes: 8, encoding: "none", bits: 64, bitOffset: 0 });
  const functions = [];
  for (const f of funcs) {
    const text = f.body.join("\n");
    const out = assemble(text, { externalLabels: names });
    for (const e of out.errors) error2(e.message, spanOf(f.bodyStart + e.offset, e.length));
    const bodyLineStarts = [];
    let at = f.bodyStart;
    for (const l of f.body) {
      bodyLineStarts.push(at);
      at += l.length + 1;
    }
    const lines2 = [];
    out.lineOfInsn.forEach((line, i) => {
      if (line < 0) return;
      const start = bodyLineStarts[line - 1];
      const raw = f.body[line - 1];
      const lead = raw.length - raw.trimStart().length;
      lines2.push({ insnIndex: i, span: spanOf(start + lead, raw.trim().length) });
    });
    const relocs = [];
    for (const r2 of out.relocs) {
      if (r2.kind === "map" || r2.kind === "call") {
        if (r2.kind === "map" && !maps.some((m) => m.name === r2.symbol)) {
          error2(`no map named '${r2.symbol}' (declare it with .map)`, f.span);
        }
        relocs.push({ insnIndex: r2.insnIndex, kind: r2.kind, symbol: r2.symbol });
      } else {
        error2(`${r2.kind === "func" ? "func[...] of another function" : "map value addresses"} are not supported in assembly files yet`, f.span);
      }
    }
    const params = Array.from({ length: f.args }, (_, i) => ({ name: f.isProgram && i === 0 ? "ctx" : `arg${i + 1}`, type: u64Id }));
    const protoId = btf.add({ kind: "func_proto", ret: intId, params });
    const btfFuncId = btf.add({ kind: "func", name: f.name, type: protoId, linkage: f.global ? "global" : "static" });
    if (out.insns.length === 0) error2(`function '${f.name}' has no instructions`, f.span);
    functions.push({ name: f.name, section: f.section, global: f.global, insns: out.insns, relocs, lines: lines2, btfFuncId, span: f.span });
  }
  const data = [];
  if (maps.length > 0) {
    const vars = [];
    const symbols = [];
    let size = 0;
    for (const m of maps) {
      const members = m.fields.map((fld, i) => {
        const array = btf.add({ kind: "array", elem: intId, index: intId, nelems: fld.value });
        return { name: fld.name, type: btf.add({ kind: "ptr", type: array }), bitOffset: i * POINTER_BYTES * 8, bitfieldSize: 0 };
      });
      const sizeBytes = members.length * POINTER_BYTES;
      const structId = btf.add({ kind: "struct", name: "", sizeBytes, members });
      const varId = btf.add({ kind: "var", name: m.name, type: structId, linkage: "global" });
      vars.push({ type: varId, offset: size, sizeBytes });
      symbols.push({ name: m.name, offset: size, sizeBytes, global: true });
      size += sizeBytes;
    }
    btf.add({ kind: "datasec", name: ".maps", sizeBytes: size, vars });
    data.push({ name: ".maps", bytes: new Uint8Array(size), symbols });
  }
  const licenseBytes = new TextEncoder().encode(`${license}\0`);
  const charId = btf.add({ kind: "int", name: "char", sizeBytes: 1, encoding: "signed", bits: 8, bitOffset: 0 });
  const licArray = btf.add({ kind: "array", elem: charId, index: intId, nelems: licenseBytes.length });
  const licVar = btf.add({ kind: "var", name: "_license", type: licArray, linkage: "global" });
  btf.add({ kind: "datasec", name: "license", sizeBytes: licenseBytes.length, vars: [{ type: licVar, offset: 0, sizeBytes: licenseBytes.length }] });
  data.push({ name: "license", bytes: licenseBytes, symbols: [{ name: "_license", offset: 0, sizeBytes: licenseBytes.length, global: true }] });
  errors.sort((x, y) => x.span.start - y.span.start);
  for (const e of errors) ctx.diags.error("E7001", e.message, e.span);
  return { functions, data, btf: btf.types, sourcePath: file.path };
}

// src/sema/types.ts
var VOID = { kind: "void" };
function int(sizeBytes, signed3, name) {
  return { kind: "int", sizeBytes, signed: signed3, name };
}
var BOOL = { kind: "int", sizeBytes: 1, signed: false, name: "_Bool", isBool: true };
var CHAR = int(1, true, "char");
var SCHAR = int(1, true, "signed char");
var UCHAR = int(1, false, "unsigned char");
var SHORT = int(2, true, "short");
var USHORT = int(2, false, "unsigned short");
var INT = int(4, true, "int");
var UINT = int(4, false, "unsigned int");
var LONG = int(8, true, "long");
var ULONG = int(8, false, "unsigned long");
var LLONG = int(8, true, "long long");
var ULLONG = int(8, false, "unsigned long long");
var INT128 = int(16, true, "__int128");
var UINT128 = int(16, false, "unsigned __int128");
var SIZE_T = ULONG;
var PTRDIFF_T = LONG;
function strip(t) {
  while (t.kind === "typedef" || t.kind === "qual") t = t.type;
  return t;
}
function qualifiersOf(t) {
  const q = { const: false, volatile: false };
  while (t.kind === "typedef" || t.kind === "qual") {
    if (t.kind === "qual") {
      q.const ||= t.const;
      q.volatile ||= t.volatile;
    }
    t = t.type;
  }
  return q;
}
function qualify(t, isConst, isVolatile) {
  if (!isConst && !isVolatile) return t;
  return { kind: "qual", const: isConst, volatile: isVolatile, type: t };
}
function ptrTo(t) {
  return { kind: "ptr", to: t };
}
function isInteger(t) {
  const s = strip(t);
  return s.kind === "int" || s.kind === "enum";
}
function isArithmetic(t) {
  const s = strip(t);
  return s.kind === "int" || s.kind === "enum" || s.kind === "float";
}
function isPointer(t) {
  return strip(t).kind === "ptr";
}
function isScalar(t) {
  return isArithmetic(t) || isPointer(t);
}
function isRecord(t) {
  return strip(t).kind === "record";
}
function isVoid(t) {
  return strip(t).kind === "void";
}
function asInt(t) {
  const s = strip(t);
  if (s.kind === "int") return s;
  if (s.kind === "enum") return s.info.underlying;
  return LONG;
}
function pointee2(t) {
  const s = strip(t);
  if (s.kind === "ptr") return s.to;
  if (s.kind === "array") return s.elem;
  return void 0;
}
function promote(t) {
  const i = asInt(t);
  if (i.sizeBytes < 4) return INT;
  return i;
}
function usualArithmetic(a, b) {
  const x = promote(a);
  const y = promote(b);
  if (x.sizeBytes === y.sizeBytes && x.signed === y.signed) return x.name.includes("long long") ? x : y.name.includes("long long") ? y : x;
  if (x.signed === y.signed) return x.sizeBytes > y.sizeBytes ? x : y;
  const [u, s] = x.signed ? [y, x] : [x, y];
  if (u.sizeBytes >= s.sizeBytes) return u;
  return s;
}
function sizeOf(t) {
  const s = strip(t);
  switch (s.kind) {
    case "void":
      return 1;
    // GNU: sizeof(void) == 1
    case "int":
    case "float":
      return s.sizeBytes;
    case "ptr":
      return 8;
    case "array": {
      if (s.length === void 0) return void 0;
      const e = sizeOf(s.elem);
      return e === void 0 ? void 0 : e * s.length;
    }
    case "func":
      return 1;
    // GNU
    case "record":
      return s.info.complete ? s.info.sizeBytes : void 0;
    case "enum":
      return s.info.underlying.sizeBytes;
    default:
      return assertNeverType(s);
  }
}
function alignOf(t) {
  const s = strip(t);
  switch (s.kind) {
    case "void":
    case "func":
      return 1;
    case "int":
    case "float":
      return s.sizeBytes;
    case "ptr":
      return 8;
    case "array":
      return alignOf(s.elem);
    case "record":
      return s.info.alignBytes;
    case "enum":
      return s.info.underlying.sizeBytes;
    default:
      return assertNeverType(s);
  }
}
function isComplete(t) {
  const s = strip(t);
  if (s.kind === "void") return false;
  if (s.kind === "record") return s.info.complete;
  if (s.kind === "array") return s.length !== void 0 && isComplete(s.elem);
  return true;
}
function sameType(a, b) {
  const x = strip(a);
  const y = strip(b);
  if (x.kind !== y.kind) {
    if (x.kind === "enum" && y.kind === "int") return sameType(x.info.underlying, y);
    if (x.kind === "int" && y.kind === "enum") return sameType(x, y.info.underlying);
    return false;
  }
  switch (x.kind) {
    case "void":
      return true;
    case "int": {
      const yi = y;
      return x.sizeBytes === yi.sizeBytes && x.signed === yi.signed && !!x.isBool === !!yi.isBool && x.name === "char" === (yi.name === "char");
    }
    case "float":
      return x.sizeBytes === y.sizeBytes;
    case "ptr": {
      const yp = y;
      const qa = qualifiersOf(x.to);
      const qb = qualifiersOf(yp.to);
      return qa.const === qb.const && qa.volatile === qb.volatile && sameType(x.to, yp.to);
    }
    case "array": {
      const ya = y;
      return (x.length === void 0 || ya.length === void 0 || x.length === ya.length) && sameType(x.elem, ya.elem);
    }
    case "func": {
      const yf = y;
      if (!sameType(x.ret, yf.ret)) return false;
      if (!x.hasPrototype || !yf.hasPrototype) return true;
      return x.params.length === yf.params.length && x.variadic === yf.variadic && x.params.every((p, i) => sameType(p.type, yf.params[i].type));
    }
    case "record":
      return x.info === y.info;
    case "enum":
      return x.info === y.info;
    default:
      return assertNeverType(x);
  }
}
function typeToString(t, inner = "") {
  switch (t.kind) {
    case "void":
      return join("void", inner);
    case "int":
    case "float":
      return join(t.name, inner);
    case "typedef":
      return join(t.name, inner);
    case "qual": {
      const q = [t.const ? "const" : "", t.volatile ? "volatile" : ""].filter(Boolean).join(" ");
      const base = strip(t.type);
      if (base.kind === "ptr") return typeToString(t.type, join(q, inner));
      return `${q} ${typeToString(t.type, inner)}`;
    }
    case "ptr": {
      const to = strip(t.to);
      const wrap = to.kind === "array" || to.kind === "func";
      return typeToString(t.to, wrap ? `(*${inner})` : `*${inner}`);
    }
    case "array":
      return typeToString(t.elem, `${inner}[${t.length ?? ""}]`);
    case "func": {
      const ps = t.params.map((p) => typeToString(p.type));
      if (t.variadic) ps.push("...");
      if (ps.length === 0 && t.hasPrototype) ps.push("void");
      return typeToString(t.ret, `${inner}(${ps.join(", ")})`);
    }
    case "record":
      return join(`${t.info.tag} ${t.info.name ?? "(anonymous)"}`, inner);
    case "enum":
      return join(`enum ${t.info.name ?? "(anonymous)"}`, inner);
    default:
      return assertNeverType(t);
  }
}
function join(base, inner) {
  if (inner === "") return base;
  return inner.startsWith("[") ? `${base}${inner}` : `${base} ${inner}`;
}
function assertNeverType(x) {
  throw new Error(`internal: unexpected type ${JSON.stringify(x)}`);
}

// src/sema/state.ts
function newScope() {
  return { names: /* @__PURE__ */ new Map(), tags: /* @__PURE__ */ new Map() };
}
function pushScope(s) {
  s.scopes.push(newScope());
}
function popScope(s) {
  s.scopes.pop();
}
function lookupName(s, name) {
  for (let i = s.scopes.length - 1; i >= 0; i--) {
    const found = s.scopes[i].names.get(name);
    if (found) return found;
  }
  return void 0;
}
function lookupTag(s, name) {
  for (let i = s.scopes.length - 1; i >= 0; i--) {
    const found = s.scopes[i].tags.get(name);
    if (found) return found;
  }
  return void 0;
}
function currentScope(s) {
  return s.scopes[s.scopes.length - 1];
}
function isFileScope(s) {
  return s.scopes.length === 1;
}
function error(s, code, message, span, notes = []) {
  s.ctx.diags.error(code, message, span, { notes });
}
function warning(s, code, message, span, notes = []) {
  s.ctx.diags.warning(code, message, span, { notes });
}

// src/sema/const-eval.ts
function wrapInt(value, t) {
  if (t.isBool) return value === 0n ? 0n : 1n;
  const bits = BigInt(t.sizeBytes * 8);
  return t.signed ? BigInt.asIntN(Number(bits), value) : BigInt.asUintN(Number(bits), value);
}
function evalIntConst(s, e, opts = {}) {
  const v = tryEval(e);
  if (v === void 0 && !opts.quiet) error(s, "E3011", "expression is not an integer constant expression", e.span);
  return v;
}
function tryEval(e) {
  switch (e.kind) {
    case "Const":
      return e.value;
    case "Cast": {
      const t = strip(e.type);
      if (t.kind !== "int" && t.kind !== "enum" && t.kind !== "ptr") return void 0;
      const v = tryEval(e.operand);
      if (v === void 0) return void 0;
      return t.kind === "ptr" ? BigInt.asUintN(64, v) : wrapInt(v, asInt(t));
    }
    case "Unary": {
      const v = tryEval(e.operand);
      if (v === void 0) return void 0;
      const t = asInt(e.type);
      if (e.op === "neg") return wrapInt(-v, t);
      if (e.op === "bitnot") return wrapInt(~v, t);
      return v === 0n ? 1n : 0n;
    }
    case "Arith": {
      const a = tryEval(e.left);
      const b = tryEval(e.right);
      if (a === void 0 || b === void 0) return void 0;
      const t = asInt(e.type);
      return evalArith(e.op, a, b, t);
    }
    case "Compare": {
      const a = tryEval(e.left);
      const b = tryEval(e.right);
      if (a === void 0 || b === void 0) return void 0;
      return compare(e.op, a, b) ? 1n : 0n;
    }
    case "Logical": {
      const a = tryEval(e.left);
      if (a === void 0) return void 0;
      if (e.op === "and" && a === 0n) return 0n;
      if (e.op === "or" && a !== 0n) return 1n;
      const b = tryEval(e.right);
      if (b === void 0) return void 0;
      return b !== 0n ? 1n : 0n;
    }
    case "Cond": {
      const c = tryEval(e.cond);
      if (c === void 0) return void 0;
      return tryEval(c !== 0n ? e.then : e.else);
    }
    case "Comma":
      return void 0;
    default:
      return void 0;
  }
}
function evalArith(op, a, b, t) {
  const bits = t.sizeBytes * 8;
  switch (op) {
    case "add":
      return wrapInt(a + b, t);
    case "sub":
      return wrapInt(a - b, t);
    case "mul":
      return wrapInt(a * b, t);
    case "div":
      return b === 0n ? void 0 : wrapInt(a / b, t);
    case "rem":
      return b === 0n ? void 0 : wrapInt(a % b, t);
    case "shl":
      return b < 0n || b >= BigInt(bits) ? void 0 : wrapInt(a << b, t);
    case "shr":
      return b < 0n || b >= BigInt(bits) ? void 0 : wrapInt(a >> b, t);
    case "and":
      return wrapInt(a & b, t);
    case "or":
      return wrapInt(a | b, t);
    case "xor":
      return wrapInt(a ^ b, t);
    default:
      return void 0;
  }
}
function compare(op, a, b) {
  switch (op) {
    case "eq":
      return a === b;
    case "ne":
      return a !== b;
    case "lt":
      return a < b;
    case "le":
      return a <= b;
    case "gt":
      return a > b;
    default:
      return a >= b;
  }
}

// src/codegen/btf-gen.ts
var BtfTypes = class {
  builder = new BtfBuilder();
  records = /* @__PURE__ */ new Map();
  typeId(t) {
    const b = this.builder;
    switch (t.kind) {
      case "void":
        return 0;
      case "int": {
        const encoding = t.isBool ? "bool" : t.name === "char" ? "char" : t.signed ? "signed" : "none";
        return b.add({ kind: "int", name: t.name, sizeBytes: t.sizeBytes, encoding, bits: t.sizeBytes * 8, bitOffset: 0 });
      }
      case "float":
        return b.add({ kind: "int", name: t.name, sizeBytes: t.sizeBytes, encoding: "none", bits: t.sizeBytes * 8, bitOffset: 0 });
      case "ptr":
        return b.add({ kind: "ptr", type: this.typeId(t.to) });
      case "array":
        return b.add({ kind: "array", elem: this.typeId(t.elem), index: this.typeId(INT), nelems: t.length ?? 0 });
      case "func":
        return b.add({ kind: "func_proto", ret: this.typeId(t.ret), params: t.params.map((p) => ({ name: p.name ?? "", type: this.typeId(p.type) })) });
      case "record":
        return this.recordId(t.info);
      case "enum":
        return b.add({
          kind: "enum",
          name: t.info.name ?? "",
          sizeBytes: t.info.underlying.sizeBytes,
          signed: t.info.underlying.signed,
          values: t.info.values.map((v) => ({ name: v.name, value: Number(v.value) }))
        });
      case "typedef":
        return b.add({ kind: "typedef", name: t.name, type: this.typeId(t.type) });
      case "qual": {
        let id = this.typeId(t.type);
        if (t.volatile) id = b.add({ kind: "volatile", type: id });
        if (t.const) id = b.add({ kind: "const", type: id });
        return id;
      }
      default:
        return assertNeverType(t);
    }
  }
  recordId(info2) {
    const known = this.records.get(info2);
    if (known !== void 0) return known;
    const kind = info2.tag === "struct" ? "struct" : "union";
    if (!info2.complete) {
      const id2 = this.builder.add({ kind: "fwd", name: info2.name ?? "", union: info2.tag === "union" });
      this.records.set(info2, id2);
      return id2;
    }
    const id = this.builder.reserve({ kind, name: info2.name ?? "", sizeBytes: info2.sizeBytes, members: [] });
    this.records.set(info2, id);
    const members = info2.members.map((m) => ({ name: m.name ?? "", type: this.typeId(m.type), bitOffset: m.bitOffset, bitfieldSize: m.bitWidth }));
    this.builder.set(id, { kind, name: info2.name ?? "", sizeBytes: info2.sizeBytes, members });
    return id;
  }
  /** FUNC for a function definition (linkage as in C: static or global). */
  funcId(fd, global2) {
    const proto = this.builder.add({
      kind: "func_proto",
      ret: this.typeId(fd.sym.type.ret),
      params: fd.params.map((p) => ({ name: p.name, type: this.typeId(p.type) }))
    });
    return this.builder.add({ kind: "func", name: fd.sym.name, type: proto, linkage: global2 ? "global" : "static" });
  }
};

// src/codegen/frame.ts
var STACK_LIMIT_BYTES = 512;
function layoutFrame(fn, ctx) {
  const offsets = /* @__PURE__ */ new Map();
  let used = 0;
  const slots = [...fn.slots].sort((a, b) => b.alignBytes - a.alignBytes || a.id - b.id);
  for (const s of slots) {
    const align = Math.min(8, s.alignBytes);
    used = Math.ceil((used + s.sizeBytes) / align) * align;
    offsets.set(s.id, -used);
  }
  if (used > STACK_LIMIT_BYTES) {
    const biggest = [...fn.slots].sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, 8);
    ctx.diags.error("E5010", `stack frame of '${fn.name}' needs ${used} bytes, but BPF programs have ${STACK_LIMIT_BYTES}`, fn.span, {
      notes: biggest.map((s) => ({ message: `'${s.name}' takes ${s.sizeBytes} bytes`, span: s.span }))
    });
  }
  return { sizeBytes: used, slotOffset: (slot) => offsets.get(slot) ?? 0 };
}

// src/codegen/legalize.ts
var SWAPPED = { eq: "eq", ne: "ne", gt: "lt", ge: "le", lt: "gt", le: "ge", sgt: "slt", sge: "sle", slt: "sgt", sle: "sge", set: "set" };
var LESS = /* @__PURE__ */ new Set(["lt", "le", "slt", "sle"]);
function fitsImm64(v) {
  return BigInt.asUintN(64, BigInt.asIntN(32, v)) === BigInt.asUintN(64, v);
}
function legalize(fn, mcpu) {
  for (const b of fn.blocks) {
    const out = [];
    const materialize2 = (o, span) => {
      const r2 = fn.vregCount++;
      out.push({ op: "mov", bits: 64, dst: r2, src: o, span });
      return { kind: "reg", reg: r2 };
    };
    for (const i of b.insts) {
      if (i.op === "alu") {
        if (i.b.kind === "imm" && i.bits === 64 && !fitsImm64(i.b.value)) i.b = materialize2(i.b, i.span);
        if (i.b.kind === "imm" && (i.alu === "div" || i.alu === "mod" || i.alu === "sdiv" || i.alu === "smod") && BigInt.asUintN(i.bits, i.b.value) === 0n) {
          i.b = materialize2(i.b, i.span);
        }
        if (i.a.kind === "imm" && i.b.kind === "imm") {
          i.a = materialize2(i.a, i.span);
        }
      }
      if (i.op === "store" && i.src.kind === "imm" && i.size === 8 && !fitsImm64(i.src.value)) i.src = materialize2(i.src, i.span);
      out.push(i);
    }
    let t = b.term;
    if (t.op === "br" && t.bits === 32 && mcpu < 3) {
      const signed3 = t.cmp === "sgt" || t.cmp === "sge" || t.cmp === "slt" || t.cmp === "sle";
      const widen = (r2) => {
        const d = fn.vregCount++;
        if (signed3) out.push({ op: "sext", bits: 64, fromBits: 32, dst: d, src: r2, span: t.span });
        else out.push({ op: "mov", bits: 32, dst: d, src: { kind: "reg", reg: r2 }, span: t.span });
        return d;
      };
      const a = signed3 ? widen(t.a) : t.a;
      let bOp = t.b;
      if (bOp.kind === "reg") bOp = signed3 ? { kind: "reg", reg: widen(bOp.reg) } : bOp;
      else bOp = { kind: "imm", value: signed3 ? BigInt.asUintN(64, BigInt.asIntN(32, bOp.value)) : BigInt.asUintN(32, bOp.value) };
      t = { ...t, bits: 64, a, b: bOp };
    }
    if (t.op === "br" && t.b.kind === "imm" && t.bits === 64 && !fitsImm64(t.b.value)) t = { ...t, b: materialize2(t.b, t.span) };
    if (t.op === "br" && mcpu < 2 && LESS.has(t.cmp)) {
      const bReg = t.b.kind === "reg" ? t.b.reg : materialize2(t.b, t.span).reg;
      t = { ...t, cmp: SWAPPED[t.cmp], a: bReg, b: { kind: "reg", reg: t.a } };
    }
    b.term = t;
    b.insts = out;
  }
}

// src/codegen/legacy-maps.ts
var FIELDS = ["type", "key_size", "value_size", "max_entries", "map_flags"];
var POINTER_BYTES2 = 8;
function modernizeLegacyMap(g, btf, ctx) {
  const values2 = legacyFieldValues(g);
  const b = btf.builder;
  const intId = btf.typeId(INT);
  const members = FIELDS.filter((f) => f !== "map_flags" || values2.map_flags !== 0).map((name, i) => {
    const array = b.add({ kind: "array", elem: intId, index: intId, nelems: values2[name] });
    return { name, type: b.add({ kind: "ptr", type: array }), bitOffset: i * POINTER_BYTES2 * 8, bitfieldSize: 0 };
  });
  const sizeBytes = members.length * POINTER_BYTES2;
  const typeId = b.add({ kind: "struct", name: "", sizeBytes, members });
  const shown = FIELDS.filter((f) => f !== "map_flags" || values2.map_flags !== 0).map((f) => `${f} ${values2[f]}`).join(", ");
  ctx.diags.report(
    "note",
    "E6020",
    `legacy map '${g.name}' in SEC("maps") is emitted as a BTF-defined map in SEC(".maps") (${shown}), because libbpf 1.x refuses the legacy "maps" section`,
    g.span
  );
  return { typeId, sizeBytes };
}
function legacyFieldValues(g) {
  const out = { type: 0, key_size: 0, value_size: 0, max_entries: 0, map_flags: 0 };
  const t = strip(g.type);
  if (t.kind !== "record" || g.init?.kind !== "Aggregate") return out;
  for (const m of t.info.members) {
    const name = m.name;
    if (name === void 0 || !(name in out)) continue;
    const entry = g.init.entries.find((e) => e.offsetBytes === m.offsetBytes);
    const value = entry ? constValue(entry.expr) : void 0;
    if (value !== void 0) out[name] = Number(BigInt.asUintN(32, value));
  }
  return out;
}
function constValue(e) {
  if (e.kind === "Const") return e.value;
  if (e.kind === "Cast") return constValue(e.operand);
  return void 0;
}

// src/ir/ir.ts
function reg2(r2) {
  return { kind: "reg", reg: r2 };
}
function imm(value) {
  return { kind: "imm", value: BigInt(value) };
}
function successors(t) {
  switch (t.op) {
    case "jmp":
      return [t.target];
    case "br":
      return t.then === t.else ? [t.then] : [t.then, t.else];
    case "ret":
      return [];
    default: {
      const never = t;
      return never;
    }
  }
}
function instUses(i) {
  const out = [];
  const op = (o) => {
    if (o.kind === "reg") out.push(o.reg);
  };
  const addr = (a) => {
    if (a.kind === "reg") out.push(a.reg);
  };
  switch (i.op) {
    case "mov":
      op(i.src);
      break;
    case "alu":
      op(i.a);
      op(i.b);
      break;
    case "neg":
      out.push(i.a);
      break;
    case "sext":
    case "bswap":
      out.push(i.src);
      break;
    case "load":
      addr(i.addr);
      break;
    case "store":
      addr(i.addr);
      op(i.src);
      break;
    case "slotaddr":
    case "mapaddr":
    case "dataaddr":
      break;
    case "call":
    case "callfn":
      i.args.forEach(op);
      break;
    case "atomic":
      addr(i.addr);
      out.push(i.src);
      if (i.expected !== void 0) out.push(i.expected);
      break;
    case "memop":
      addr(i.to);
      if (i.from) addr(i.from);
      if (i.value) op(i.value);
      op(i.size);
      break;
    default: {
      const never = i;
      return never;
    }
  }
  return out;
}
function instDef(i) {
  switch (i.op) {
    case "store":
      return void 0;
    case "call":
    case "callfn":
    case "atomic":
    case "memop":
      return i.dst;
    default:
      return i.dst;
  }
}
function termUses(t) {
  if (t.op === "br") return t.b.kind === "reg" ? [t.a, t.b.reg] : [t.a];
  if (t.op === "ret" && t.value?.kind === "reg") return [t.value.reg];
  return [];
}

// src/ir/liveness.ts
function computeLiveOut(fn) {
  const n = fn.blocks.length;
  const use = [];
  const def = [];
  for (const b of fn.blocks) {
    const u = /* @__PURE__ */ new Set();
    const d = /* @__PURE__ */ new Set();
    for (const i of b.insts) {
      for (const x of instUses(i)) if (!d.has(x)) u.add(x);
      const w = instDef(i);
      if (w !== void 0) d.add(w);
    }
    for (const x of termUses(b.term)) if (!d.has(x)) u.add(x);
    use.push(u);
    def.push(d);
  }
  const liveIn = Array.from({ length: n }, () => /* @__PURE__ */ new Set());
  const liveOut = Array.from({ length: n }, () => /* @__PURE__ */ new Set());
  let changed = true;
  while (changed) {
    changed = false;
    for (let k = n - 1; k >= 0; k--) {
      const b = fn.blocks[k];
      const out = liveOut[k];
      for (const s of successors(b.term)) {
        for (const x of liveIn[s]) {
          if (!out.has(x)) {
            out.add(x);
            changed = true;
          }
        }
      }
      const inn = liveIn[k];
      for (const x of use[k]) {
        if (!inn.has(x)) {
          inn.add(x);
          changed = true;
        }
      }
      for (const x of out) {
        if (!def[k].has(x) && !inn.has(x)) {
          inn.add(x);
          changed = true;
        }
      }
    }
  }
  return liveOut;
}

// src/codegen/regalloc.ts
var CALLER_SAVED = [0, 1, 2, 3, 4, 5];
function clobbers(i) {
  if (i.op === "call" || i.op === "callfn") return CALLER_SAVED;
  if (i.op === "atomic" && i.aop === "cmpxchg") return [0];
  return [];
}
function allocateRegisters(fn) {
  const spillTemps = /* @__PURE__ */ new Set();
  for (let round = 1; ; round++) {
    const result = tryAllocate(fn, spillTemps);
    if (result.spill.length === 0) return { regOf: result.regOf, ok: true, rounds: round };
    if (round > 50) return { regOf: result.regOf, ok: false, rounds: round };
    for (const v of result.spill) spillVReg(fn, v, spillTemps);
  }
}
function tryAllocate(fn, spillTemps) {
  const n = fn.vregCount;
  const interferes = Array.from({ length: n }, () => /* @__PURE__ */ new Set());
  const forbidden = Array.from({ length: n }, () => /* @__PURE__ */ new Set());
  const hints = /* @__PURE__ */ new Map();
  const hintReg = (v, r2) => {
    const list = hints.get(v) ?? [];
    list.push(r2);
    hints.set(v, list);
  };
  const copies = [];
  const liveOut = computeLiveOut(fn);
  const order = [];
  const seen = new Uint8Array(n);
  const note = (v) => {
    if (!seen[v]) {
      seen[v] = 1;
      order.push(v);
    }
  };
  fn.params.forEach((p, i) => {
    note(p);
    hintReg(p, i + 1);
  });
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      for (const u of instUses(i)) note(u);
      const d = instDef(i);
      if (d !== void 0) note(d);
    }
    for (const u of termUses(b.term)) note(u);
  }
  for (const p of fn.params) for (const q of fn.params) if (p !== q) interferes[p].add(q);
  for (const b of fn.blocks) {
    const live = new Set(liveOut[b.id]);
    for (const u of termUses(b.term)) live.add(u);
    if (b.term.op === "ret" && b.term.value?.kind === "reg") hintReg(b.term.value.reg, 0);
    for (let k = b.insts.length - 1; k >= 0; k--) {
      const i = b.insts[k];
      const d = instDef(i);
      if (d !== void 0) {
        live.delete(d);
        for (const x of live) {
          if (isCopy(i) && i.src.reg === x) continue;
          interferes[d].add(x);
          interferes[x].add(d);
        }
      }
      for (const r2 of clobbers(i)) for (const x of live) forbidden[x].add(r2);
      if (i.op === "atomic" && i.aop === "cmpxchg") {
        if (i.addr.kind === "reg" && i.addr.reg !== i.expected) forbidden[i.addr.reg].add(0);
        if (i.src !== i.expected) forbidden[i.src].add(0);
      }
      if (d !== void 0) {
        const late = lateOperands(i);
        for (const x of late) {
          if (x !== d) {
            interferes[d].add(x);
            interferes[x].add(d);
          }
        }
      }
      if (i.op === "mov" && i.src.kind === "reg") copies.push([i.dst, i.src.reg]);
      if (i.op === "call" || i.op === "callfn") {
        i.args.forEach((a, idx) => {
          if (a.kind === "reg") hintReg(a.reg, idx + 1);
        });
        if (i.dst !== void 0) hintReg(i.dst, 0);
      }
      for (const u of instUses(i)) live.add(u);
    }
  }
  const regOf = /* @__PURE__ */ new Map();
  const spill = [];
  const temps = order.filter((v) => spillTemps.has(v));
  const others = order.filter((v) => !spillTemps.has(v));
  for (const v of [...temps, ...others]) {
    const taken = new Set(forbidden[v]);
    for (const x of interferes[v]) {
      const r2 = regOf.get(x);
      if (r2 !== void 0) taken.add(r2);
    }
    const preferred = [...hints.get(v) ?? []];
    for (const [a, b] of copies) {
      const other = a === v ? b : b === v ? a : -1;
      const r2 = other >= 0 ? regOf.get(other) : void 0;
      if (r2 !== void 0) preferred.push(r2);
    }
    let choice = preferred.find((r2) => !taken.has(r2));
    if (choice === void 0) {
      const pool = forbidden[v].size > 0 ? [6, 7, 8, 9] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
      choice = pool.find((r2) => !taken.has(r2));
    }
    if (choice === void 0) spill.push(v);
    else regOf.set(v, choice);
  }
  return { regOf, spill };
}
function isCopy(i) {
  return i.op === "mov" && i.bits === 64 && i.src.kind === "reg";
}
function lateOperands(i) {
  const out = [];
  const addrReg = (a) => a.kind === "reg" ? [a.reg] : [];
  switch (i.op) {
    case "alu":
      if (i.b.kind === "reg" && !(i.a.kind === "reg" && i.a.reg === i.b.reg)) out.push(i.b.reg);
      break;
    case "atomic":
      out.push(...addrReg(i.addr), i.src);
      if (i.expected !== void 0) out.push(i.expected);
      break;
    default:
      break;
  }
  return out;
}
function spillVReg(fn, v, spillTemps) {
  const slot = fn.slots.length;
  fn.slots.push({ id: slot, name: `spill.${fn.vregNames.get(v) ?? `%${v}`}`, sizeBytes: 8, alignBytes: 8, span: fn.span });
  const addr = { kind: "slot", slot, off: 0 };
  const fresh = () => {
    const t = fn.vregCount++;
    spillTemps.add(t);
    return t;
  };
  const isParam = fn.params.indexOf(v);
  for (const b of fn.blocks) {
    const out = [];
    if (b.id === 0 && isParam >= 0) {
      const t2 = fresh();
      fn.params[isParam] = t2;
      out.push({ op: "store", size: 8, addr, src: { kind: "reg", reg: t2 }, span: fn.span });
    }
    for (const i of b.insts) {
      let loaded;
      const load = (span) => {
        if (loaded === void 0) {
          loaded = fresh();
          out.push({ op: "load", size: 8, dst: loaded, addr, span });
        }
        return loaded;
      };
      const inst = rewriteUses(i, v, () => load(i.span));
      const d = instDef(inst);
      if (d === v) {
        const t2 = fresh();
        setDef(inst, t2);
        out.push(inst, { op: "store", size: 8, addr, src: { kind: "reg", reg: t2 }, span: i.span });
      } else out.push(inst);
    }
    const t = b.term;
    if (termUses(t).includes(v)) {
      const r2 = fresh();
      out.push({ op: "load", size: 8, dst: r2, addr, span: t.span });
      if (t.op === "br") {
        if (t.a === v) t.a = r2;
        if (t.b.kind === "reg" && t.b.reg === v) t.b = { kind: "reg", reg: r2 };
      } else if (t.op === "ret") t.value = { kind: "reg", reg: r2 };
    }
    b.insts = out;
  }
}
function rewriteUses(i, v, replacement) {
  if (!instUses(i).includes(v)) return i;
  const r2 = replacement();
  const op = (o) => o.kind === "reg" && o.reg === v ? { kind: "reg", reg: r2 } : o;
  const ad = (a) => a.kind === "reg" && a.reg === v ? { ...a, reg: r2 } : a;
  const x = { ...i };
  switch (x.op) {
    case "mov":
      x.src = op(x.src);
      break;
    case "alu":
      x.a = op(x.a);
      x.b = op(x.b);
      break;
    case "neg":
      if (x.a === v) x.a = r2;
      break;
    case "sext":
    case "bswap":
      if (x.src === v) x.src = r2;
      break;
    case "load":
      x.addr = ad(x.addr);
      break;
    case "store":
      x.addr = ad(x.addr);
      x.src = op(x.src);
      break;
    case "call":
    case "callfn":
      x.args = x.args.map(op);
      break;
    case "atomic":
      x.addr = ad(x.addr);
      if (x.src === v) x.src = r2;
      if (x.expected === v) x.expected = r2;
      break;
    default:
      break;
  }
  return x;
}
function setDef(i, r2) {
  if ("dst" in i) i.dst = r2;
}

// src/codegen/select.ts
var SIZE = { 1: "b", 2: "h", 4: "w", 8: "dw" };
var JMP = {
  eq: "jeq",
  ne: "jne",
  gt: "jgt",
  ge: "jge",
  lt: "jlt",
  le: "jle",
  sgt: "jsgt",
  sge: "jsge",
  slt: "jslt",
  sle: "jsle",
  set: "jset"
};
var INVERSE = { eq: "ne", ne: "eq", gt: "le", ge: "lt", lt: "ge", le: "gt", sgt: "sle", sge: "slt", slt: "sge", sle: "sgt" };
var COMMUTATIVE = /* @__PURE__ */ new Set(["add", "mul", "and", "or", "xor"]);
function selectInstructions(fn, regOf, frame, mcpu) {
  const e = { insns: [], relocs: [], lines: [], fixups: [], blockStart: /* @__PURE__ */ new Map(), regOf, frame, mcpu };
  const order = layoutOrder(fn);
  setSpan(e, fn.span);
  parallelMove(e, fn.params.map((p, i) => ({ dst: r(e, p), src: i + 1 })));
  order.forEach((id, k) => {
    e.blockStart.set(id, e.insns.length);
    const b = fn.blocks[id];
    for (const i of b.insts) selectInst(e, i);
    selectTerm(e, b.term, order[k + 1]);
  });
  for (const f of e.fixups) {
    const target2 = e.blockStart.get(f.target);
    e.insns[f.index].off = target2 - (f.index + 1);
  }
  return { insns: e.insns, relocs: e.relocs, lines: e.lines };
}
function layoutOrder(fn) {
  const seen = /* @__PURE__ */ new Set();
  const post = [];
  const visit = (id) => {
    seen.add(id);
    const succ = successors(fn.blocks[id].term);
    for (const s of [...succ].reverse()) if (!seen.has(s)) visit(s);
    post.push(id);
  };
  visit(0);
  return post.reverse();
}
function r(e, v) {
  const p = e.regOf.get(v);
  if (p === void 0) throw new Error(`internal: virtual register %${v} has no register`);
  return p;
}
function setSpan(e, span) {
  const last2 = e.lastSpan;
  if (!last2 || last2.file !== span.file || last2.start !== span.start) {
    const prev = e.lines[e.lines.length - 1];
    if (prev && prev.insnIndex === e.insns.length) prev.span = span;
    else e.lines.push({ insnIndex: e.insns.length, span });
    e.lastSpan = span;
  }
}
function push2(e, ...insns) {
  e.insns.push(...insns);
}
function imm322(v) {
  return Number(BigInt.asIntN(32, v));
}
function loadConst(e, dst, value) {
  const v = BigInt.asUintN(64, value);
  if (BigInt.asUintN(64, BigInt.asIntN(32, v)) === v) push2(e, movImm(dst, imm322(v)));
  else if (v <= 0xffffffffn) push2(e, mov32Imm(dst, imm322(v)));
  else push2(e, ...ldImm64(dst, v));
}
function move(e, dst, src) {
  if (src.kind === "imm") loadConst(e, dst, src.value);
  else if (r(e, src.reg) !== dst) push2(e, movReg(dst, r(e, src.reg)));
}
function memOperand(e, a) {
  if (a.kind === "reg") return { base: r(e, a.reg), off: a.off };
  return { base: 10, off: e.frame.slotOffset(a.slot) + a.off };
}
function selectInst(e, i) {
  setSpan(e, i.span);
  switch (i.op) {
    case "mov":
      if (i.bits === 32) {
        if (i.src.kind === "imm") push2(e, mov32Imm(r(e, i.dst), imm322(i.src.value)));
        else push2(e, mov32Reg(r(e, i.dst), r(e, i.src.reg)));
      } else move(e, r(e, i.dst), i.src);
      return;
    case "alu": {
      const d = r(e, i.dst);
      let a = i.a;
      let b = i.b;
      if (COMMUTATIVE.has(i.alu) && b.kind === "reg" && r(e, b.reg) === d && !(a.kind === "reg" && r(e, a.reg) === d)) [a, b] = [b, a];
      move(e, d, a);
      if (b.kind === "imm") push2(e, i.bits === 64 ? alu64Imm(i.alu, d, imm322(b.value)) : alu32Imm(i.alu, d, imm322(b.value)));
      else push2(e, i.bits === 64 ? alu64Reg(i.alu, d, r(e, b.reg)) : alu32Reg(i.alu, d, r(e, b.reg)));
      return;
    }
    case "neg": {
      const d = r(e, i.dst);
      move(e, d, { kind: "reg", reg: i.a });
      push2(e, i.bits === 64 ? neg64(d) : neg32(d));
      return;
    }
    case "sext": {
      const d = r(e, i.dst);
      const s = r(e, i.src);
      if (e.mcpu >= 4) {
        push2(e, movsx(i.fromBits, d, s, i.bits === 64));
        return;
      }
      const shift2 = i.bits - i.fromBits;
      if (i.bits === 64) {
        if (d !== s) push2(e, movReg(d, s));
        push2(e, alu64Imm("lsh", d, shift2), alu64Imm("arsh", d, shift2));
      } else {
        push2(e, mov32Reg(d, s), alu32Imm("lsh", d, shift2), alu32Imm("arsh", d, shift2));
      }
      return;
    }
    case "bswap": {
      const d = r(e, i.dst);
      if (d !== r(e, i.src)) push2(e, movReg(d, r(e, i.src)));
      push2(e, endian(true, i.bits, d));
      return;
    }
    case "load": {
      const m = memOperand(e, i.addr);
      push2(e, ldx(SIZE[i.size], r(e, i.dst), m.base, m.off));
      return;
    }
    case "store": {
      const m = memOperand(e, i.addr);
      if (i.src.kind === "imm") push2(e, st(SIZE[i.size], m.base, m.off, imm322(i.src.value)));
      else push2(e, stx(SIZE[i.size], m.base, m.off, r(e, i.src.reg)));
      return;
    }
    case "slotaddr": {
      const d = r(e, i.dst);
      push2(e, movReg(d, 10), alu64Imm("add", d, e.frame.slotOffset(i.slot) + i.off));
      return;
    }
    case "mapaddr":
      e.relocs.push({ insnIndex: e.insns.length, kind: "map", symbol: i.map });
      push2(e, ...ldMapFd(r(e, i.dst)));
      return;
    case "dataaddr":
      e.relocs.push({ insnIndex: e.insns.length, kind: "map", symbol: i.symbol });
      push2(e, ...ldImm64(r(e, i.dst), 0n));
      return;
    case "call":
    case "callfn": {
      const moves = i.args.map((a, k) => ({ dst: k + 1, src: a }));
      parallelMoveOperands(e, moves);
      if (i.op === "call") push2(e, call(i.helper));
      else {
        e.relocs.push({ insnIndex: e.insns.length, kind: "call", symbol: i.func });
        push2(e, callPseudo(-1));
      }
      if (i.dst !== void 0 && r(e, i.dst) !== 0) push2(e, movReg(r(e, i.dst), 0));
      return;
    }
    case "atomic": {
      const m = memOperand(e, i.addr);
      const size = i.size === 8 ? "dw" : "w";
      if (i.aop === "cmpxchg") {
        parallelMove(e, [{ dst: 0, src: r(e, i.expected) }]);
        push2(e, atomic(size, "cmpxchg", m.base, m.off, r(e, i.src), true));
        if (i.dst !== void 0 && r(e, i.dst) !== 0) push2(e, movReg(r(e, i.dst), 0));
        return;
      }
      if (!i.fetch || i.dst === void 0) {
        push2(e, atomic(size, i.aop, m.base, m.off, r(e, i.src), false));
        return;
      }
      const d = r(e, i.dst);
      if (d !== r(e, i.src)) push2(e, movReg(d, r(e, i.src)));
      push2(e, atomic(size, i.aop, m.base, m.off, d, true));
      return;
    }
    case "memop":
      throw new Error("internal: a memory builtin reached instruction selection unexpanded");
    default: {
      const never = i;
      return never;
    }
  }
}
function jump(e, insn2, target2) {
  e.fixups.push({ index: e.insns.length, target: target2 });
  push2(e, insn2);
}
function selectTerm(e, t, next) {
  setSpan(e, t.span);
  switch (t.op) {
    case "jmp":
      if (t.target !== next) jump(e, ja(0), t.target);
      return;
    case "ret":
      if (t.value) move(e, 0, t.value);
      push2(e, exit());
      return;
    case "br": {
      let cmp = t.cmp;
      let then = t.then;
      let other = t.else;
      const inverse = INVERSE[cmp];
      if (then === next && inverse && (e.mcpu >= 2 || !["lt", "le", "slt", "sle"].includes(inverse))) {
        cmp = inverse;
        [then, other] = [other, then];
      }
      const a = r(e, t.a);
      const op = JMP[cmp];
      const insn2 = t.b.kind === "imm" ? t.bits === 64 ? jmpImm(op, a, imm322(t.b.value), 0) : jmp32Imm(op, a, imm322(t.b.value), 0) : t.bits === 64 ? jmpReg(op, a, r(e, t.b.reg), 0) : jmp32Reg(op, a, r(e, t.b.reg), 0);
      jump(e, insn2, then);
      if (other !== next) jump(e, ja(0), other);
      return;
    }
    default: {
      const never = t;
      return never;
    }
  }
}
function parallelMoveOperands(e, moves) {
  const regMoves = moves.filter((m) => m.src.kind === "reg").map((m) => ({ dst: m.dst, src: r(e, m.src.reg) }));
  parallelMove(e, regMoves);
  for (const m of moves) if (m.src.kind === "imm") loadConst(e, m.dst, m.src.value);
}
function parallelMove(e, moves) {
  let pending = moves.filter((m) => m.dst !== m.src);
  while (pending.length > 0) {
    const ready = pending.find((m) => !pending.some((o) => o.src === m.dst));
    if (ready) {
      push2(e, movReg(ready.dst, ready.src));
      pending = pending.filter((m) => m !== ready);
      continue;
    }
    const saved = pending[0].src;
    push2(e, movReg(0, saved));
    pending = pending.map((x) => x.src === saved ? { dst: x.dst, src: 0 } : x);
  }
}

// src/codegen/codegen.ts
function codegen(module2, ctx) {
  const btf = new BtfTypes();
  const frames = /* @__PURE__ */ new Map();
  const functions = module2.functions.map((fn) => {
    legalize(fn, ctx.options.mcpu);
    const alloc = allocateRegisters(fn);
    const frame = layoutFrame(fn, ctx);
    frames.set(fn.name, { sizeBytes: frame.sizeBytes, span: fn.span });
    if (!alloc.ok) ctx.diags.error("E5013", `register allocation for '${fn.name}' did not converge: the function keeps too many values alive at once`, fn.span);
    const sel = alloc.ok ? selectInstructions(fn, alloc.regOf, frame, ctx.options.mcpu) : { insns: [], relocs: [], lines: [] };
    return {
      name: fn.name,
      section: fn.section,
      global: fn.global,
      insns: sel.insns,
      relocs: sel.relocs,
      lines: ctx.options.debugInfo ? sel.lines : [],
      btfFuncId: btf.funcId(fn.source, fn.global),
      span: fn.span
    };
  });
  checkCallChainStack(module2, frames, ctx);
  const data = layoutData(module2.globals, btf, ctx);
  const mainFile = ctx.sources.files[0];
  return { functions, data, btf: btf.builder.types, sourcePath: mainFile?.path ?? "" };
}
function checkCallChainStack(module2, frames, ctx) {
  const callees = /* @__PURE__ */ new Map();
  for (const fn of module2.functions) {
    const set = /* @__PURE__ */ new Set();
    for (const b of fn.blocks) for (const i of b.insts) if (i.op === "callfn") set.add(i.func);
    callees.set(fn.name, set);
  }
  const rounded = (name) => Math.ceil((frames.get(name)?.sizeBytes ?? 0) / 32) * 32;
  const deepest = (name, seen) => {
    let best = [];
    let bestSize = -1;
    for (const c of callees.get(name) ?? []) {
      if (seen.has(c)) continue;
      const chain = deepest(c, /* @__PURE__ */ new Set([...seen, c]));
      const size = chain.reduce((n, f) => n + rounded(f), 0);
      if (size > bestSize) {
        best = chain;
        bestSize = size;
      }
    }
    return [name, ...best];
  };
  for (const fn of module2.functions) {
    if (fn.section === ".text") continue;
    const chain = deepest(fn.name, /* @__PURE__ */ new Set([fn.name]));
    const total = chain.reduce((n, f) => n + rounded(f), 0);
    if (chain.length > 1 && total > STACK_LIMIT_BYTES) {
      ctx.diags.error("E5010", `the call chain from '${fn.name}' needs ${total} bytes of stack, but BPF programs have ${STACK_LIMIT_BYTES} over all frames`, fn.span, {
        notes: chain.map((f) => ({ message: `'${f}' uses ${rounded(f)} bytes (frames count in multiples of 32)`, span: frames.get(f)?.span }))
      });
    }
  }
}
function layoutData(globals, btf, ctx) {
  const sections = /* @__PURE__ */ new Map();
  const place = (section, g, bytes, align, typeId) => {
    let s = sections.get(section);
    if (!s) {
      s = { bytes: [], symbols: [], vars: [] };
      sections.set(section, s);
    }
    while (s.bytes.length % align !== 0) s.bytes.push(0);
    const offset = s.bytes.length;
    s.bytes.push(...bytes);
    s.symbols.push({ name: g.name, offset, sizeBytes: bytes.length, global: !g.isStatic });
    const varId = btf.builder.add({ kind: "var", name: g.name, type: typeId ?? btf.typeId(g.type), linkage: g.isStatic ? "static" : "global" });
    s.vars.push({ type: varId, offset, sizeBytes: bytes.length });
  };
  for (const g of globals) {
    const size = sizeOf(g.type) ?? 0;
    switch (g.role) {
      case "map":
        place(".maps", g, new Array(size).fill(0), 8);
        break;
      case "legacy-map": {
        const m = modernizeLegacyMap(g, btf, ctx);
        place(".maps", g, new Array(m.sizeBytes).fill(0), 8, m.typeId);
        break;
      }
      case "rodata":
        place(".rodata", g, initBytes(g, size), Math.min(8, alignOf(g.type)));
        break;
      case "license":
      case "version":
        place(g.role, g, initBytes(g, size), Math.min(8, alignOf(g.type)));
        break;
      default:
        break;
    }
  }
  void ctx;
  const out = [];
  for (const [name, s] of sections) {
    btf.builder.add({ kind: "datasec", name, sizeBytes: s.bytes.length, vars: s.vars });
    out.push({ name, bytes: Uint8Array.from(s.bytes), symbols: s.symbols });
  }
  return out;
}
function initBytes(g, size) {
  const bytes = new Array(size).fill(0);
  const write = (offset, width, value, bitOffset = 0, bitWidth = 0) => {
    const mask = bitWidth ? (1n << BigInt(bitWidth)) - 1n << BigInt(bitOffset) : (1n << BigInt(width * 8)) - 1n;
    const bits = bitWidth ? BigInt.asUintN(bitWidth, value) << BigInt(bitOffset) & mask : BigInt.asUintN(width * 8, value);
    for (let i = 0; i < width && offset + i < size; i++) {
      const m = Number(mask >> BigInt(8 * i) & 0xffn);
      bytes[offset + i] = bytes[offset + i] & ~m | Number(bits >> BigInt(8 * i) & 0xffn);
    }
  };
  const init = g.init;
  if (!init) return bytes;
  if (init.kind === "Scalar") {
    const v = tryEval(init.expr);
    if (v !== void 0) write(0, size, v);
    return bytes;
  }
  for (const e of init.entries) {
    const v = tryEval(e.expr);
    if (v !== void 0) write(e.offsetBytes, sizeOf(e.type) ?? 1, v, e.bitOffset, e.bitWidth);
  }
  return bytes;
}

// src/lower/builder.ts
function inlineChain(l) {
  return l.inline.map((f) => ({ callee: f.callee, span: f.callSpan })).reverse();
}
function newVReg(l, name) {
  const r2 = l.fn.vregCount++;
  if (name) l.fn.vregNames.set(r2, name);
  return r2;
}
function newBlock(l) {
  const id = l.fn.blocks.length;
  l.fn.blocks.push({ id, insts: [], term: { op: "ret", span: l.span } });
  return id;
}
function startBlock(l, id) {
  l.cur = l.fn.blocks[id];
}
function emit(l, inst) {
  if (!l.cur) startBlock(l, newBlock(l));
  l.cur.insts.push(inst);
}
function terminate(l, term) {
  if (!l.cur) startBlock(l, newBlock(l));
  l.cur.term = term;
  l.cur = void 0;
}
function jumpTo(l, target2) {
  terminate(l, { op: "jmp", target: target2, span: l.span });
}
function newSlot(l, name, type, span) {
  const sizeBytes = Math.max(1, sizeOf(type) ?? 1);
  const slot = { id: l.fn.slots.length, name, sizeBytes, alignBytes: Math.max(8, alignOf(type)), span };
  l.fn.slots.push(slot);
  return slot.id;
}
function homeOf(l, v) {
  const frame = l.vars[l.vars.length - 1];
  let home = frame.get(v);
  if (!home) {
    home = v.addressTaken || !isScalar(v.type) ? { kind: "slot", slot: newSlot(l, v.name, v.type, v.span) } : { kind: "reg", reg: newVReg(l, v.name) };
    frame.set(v, home);
  }
  return home;
}
function toReg(l, o) {
  if (o.kind === "reg") return o.reg;
  const r2 = newVReg(l);
  emit(l, { op: "mov", bits: 64, dst: r2, src: o, span: l.span });
  return r2;
}
function addrOffset(a, delta) {
  return { ...a, off: a.off + delta };
}
function memSize2(sizeBytes) {
  return sizeBytes === 1 || sizeBytes === 2 || sizeBytes === 4 || sizeBytes === 8 ? sizeBytes : void 0;
}
function aluBits(t) {
  return (sizeOf(t) ?? 4) > 4 ? 64 : 32;
}
function isSigned(t) {
  const s = strip(t);
  return (s.kind === "int" || s.kind === "enum") && asInt(s).signed;
}

// src/ir/memory.ts
function accessWidth(remaining, alignBytes, off) {
  for (const w of [8, 4, 2, 1]) if (w <= remaining && w <= alignBytes && off % w === 0) return w;
  return 1;
}
function offsetBy(a, delta) {
  return { ...a, off: a.off + delta };
}
function copyInsts(to, from, sizeBytes, alignBytes, newVReg2, span, overlapSafe = false) {
  const loads = [];
  const stores = [];
  const out = [];
  for (let off = 0; off < sizeBytes; ) {
    const w = accessWidth(sizeBytes - off, alignBytes, off);
    const r2 = newVReg2();
    const load = { op: "load", size: w, dst: r2, addr: offsetBy(from, off), span };
    const store = { op: "store", size: w, addr: offsetBy(to, off), src: { kind: "reg", reg: r2 }, span };
    if (overlapSafe) {
      loads.push(load);
      stores.push(store);
    } else out.push(load, store);
    off += w;
  }
  return overlapSafe ? [...loads, ...stores] : out;
}
function fillInsts(to, sizeBytes, alignBytes, byte, span) {
  const out = [];
  for (let off = 0; off < sizeBytes; ) {
    const w = accessWidth(sizeBytes - off, alignBytes, off);
    let v = 0n;
    for (let i = 0; i < w; i++) v = v << 8n | BigInt(byte & 255);
    out.push({ op: "store", size: w, addr: offsetBy(to, off), src: { kind: "imm", value: v }, span });
    off += w;
  }
  return out;
}

// src/lower/call.ts
var MAX_INLINE_DEPTH = 32;
function lowerCall(l, e) {
  const args = e.args.map((a) => lowerExpr(l, a));
  const returnsValue = !isVoid(e.type);
  if (e.kind === "HelperCall") {
    const dst = returnsValue ? newVReg(l) : void 0;
    emit(l, { op: "call", helper: e.helperId, args, dst, span: l.span });
    return dst === void 0 ? void 0 : reg2(dst);
  }
  const def = e.callee.def;
  if (!def) {
    l.ctx.diags.error("E5008", `function '${e.callee.name}' is declared but not defined: BPF objects cannot call external functions`, e.span, {
      notes: [{ message: "declared here", span: e.callee.span }]
    });
    return void 0;
  }
  if (e.callee.noInline) {
    const dst = returnsValue ? newVReg(l) : void 0;
    emit(l, { op: "callfn", func: e.callee.name, args, dst, span: l.span });
    return dst === void 0 ? void 0 : reg2(dst);
  }
  if (l.inline.length >= MAX_INLINE_DEPTH) {
    l.ctx.diags.error("E5009", `inlining '${e.callee.name}' nests more than ${MAX_INLINE_DEPTH} calls deep`, e.span);
    return void 0;
  }
  const exit2 = newBlock(l);
  const result = returnsValue ? newVReg(l, `${e.callee.name}.ret`) : void 0;
  l.vars.push(/* @__PURE__ */ new Map());
  l.labels.push(/* @__PURE__ */ new Map());
  def.params.forEach((p, i) => {
    const home = homeOf(l, p);
    const lv = home.kind === "reg" ? { kind: "var", reg: home.reg, type: p.type } : { kind: "mem", addr: { kind: "slot", slot: home.slot, off: 0 }, type: p.type };
    storeLValue(l, lv, args[i]);
  });
  l.inline.push({ exit: exit2, result, callee: e.callee.name, callSpan: e.span });
  const savedBreak = l.breakTargets;
  const savedContinue = l.continueTargets;
  l.breakTargets = [];
  l.continueTargets = [];
  const savedSpan = l.span;
  lowerStmt(l, def.body);
  l.span = savedSpan;
  l.breakTargets = savedBreak;
  l.continueTargets = savedContinue;
  l.inline.pop();
  l.vars.pop();
  l.labels.pop();
  if (l.cur) {
    if (result !== void 0) emit(l, { op: "mov", bits: 64, dst: result, src: { kind: "imm", value: 0n }, span: l.span });
    l.cur.term = { op: "jmp", target: exit2, span: l.span };
    l.cur = void 0;
  }
  startBlock(l, exit2);
  return result === void 0 ? void 0 : reg2(result);
}

// src/lower/expr.ts
function canonical(value, t) {
  const size = sizeOf(t) ?? 8;
  return BigInt.asUintN(Math.min(8, size) * 8, value);
}
function lowerExpr(l, e) {
  switch (e.kind) {
    case "Const":
      return imm(canonical(e.value, e.type));
    case "Local":
    case "Member":
    case "Deref":
    case "CompoundLit":
      return loadLValue(l, lowerLValue(l, e));
    case "Global":
      return lowerGlobalValue(l, e);
    case "FuncRef":
      l.ctx.diags.error("E5002", `the address of function '${e.sym.name}' cannot be taken in a BPF program`, e.span);
      return imm(0);
    case "Unary":
      return lowerUnary(l, e);
    case "Arith":
      return lowerArith(l, e.op, e.type, lowerExpr(l, e.left), lowerExpr(l, e.right), e.span, isNonNegative(e.left) && isNonNegative(e.right));
    case "Compare":
    case "Logical":
      return boolValue(l, e);
    case "PtrAdd":
      return ptrAdd(l, lowerExpr(l, e.ptr), e.index, e.elemSize);
    case "PtrDiff": {
      const diff = alu(l, "sub", 64, lowerExpr(l, e.left), lowerExpr(l, e.right));
      if (e.elemSize === 1) return diff;
      const shift2 = Math.log2(e.elemSize);
      if (Number.isInteger(shift2)) return alu(l, "arsh", 64, diff, imm(shift2));
      return alu(l, "div", 64, diff, imm(e.elemSize));
    }
    case "Cond":
      return lowerCondExpr(l, e);
    case "Cast":
      return convert(l, lowerExpr(l, e.operand), e.operand.type, e.type);
    case "Assign":
      return lowerAssign(l, e);
    case "CompoundAssign":
      return lowerCompoundAssign(l, e);
    case "IncDec":
      return lowerIncDec(l, e);
    case "Call":
    case "HelperCall":
      return lowerCall(l, e) ?? imm(0);
    case "Builtin":
      return lowerBuiltin(l, e);
    case "AddrOf":
      return addressOf(l, e.operand);
    case "Decay":
      return addressOf(l, e.operand);
    case "Comma": {
      let last2 = imm(0);
      for (const x of e.exprs) last2 = lowerExpr(l, x);
      return last2;
    }
    case "StmtExpr": {
      for (const st2 of e.body) lowerStmt(l, st2);
      return e.result ? lowerExpr(l, e.result) : imm(0);
    }
    default: {
      const never = e;
      return never;
    }
  }
}
function lowerGlobalValue(l, e) {
  const g = e.sym;
  if (g.role === "const" && g.init?.kind === "Scalar") return lowerExpr(l, g.init.expr);
  if (g.role === "rodata") return loadLValue(l, rodataLValue(l, e));
  if (g.role === "map" || g.role === "legacy-map") {
    const r2 = newVReg(l);
    emit(l, { op: "mapaddr", dst: r2, map: g.name, span: l.span });
    return reg2(r2);
  }
  l.ctx.diags.error("E5003", `'${g.name}' has no storage a BPF program can read: only maps and constants are available`, e.span);
  return imm(0);
}
function rodataLValue(l, e) {
  const r2 = newVReg(l);
  emit(l, { op: "dataaddr", dst: r2, symbol: e.sym.name, span: l.span });
  return { kind: "mem", addr: { kind: "reg", reg: r2, off: 0 }, type: e.type };
}
function alu(l, op, bits, a, b) {
  const dst = newVReg(l);
  emit(l, { op: "alu", alu: op, bits, dst, a, b, span: l.span });
  return reg2(dst);
}
var ARITH_TO_ALU = { add: "add", sub: "sub", mul: "mul", div: "div", rem: "mod", shl: "lsh", shr: "rsh", and: "and", or: "or", xor: "xor" };
function isNonNegative(e) {
  if (e.kind === "Const") return BigInt.asIntN((sizeOf(e.type) ?? 8) * 8, e.value) >= 0n;
  if (e.kind === "Cast") {
    const from = e.operand.type;
    if (isInteger(from) && !isSigned(from) && (sizeOf(from) ?? 8) < (sizeOf(e.type) ?? 8)) return true;
  }
  return false;
}
function lowerArith(l, op, type, a, b, span, operandsNonNegative = false) {
  const bits = aluBits(type);
  let aop = ARITH_TO_ALU[op];
  const signed3 = isSigned(type) && !((op === "div" || op === "rem") && operandsNonNegative);
  if (op === "shr" && signed3) aop = "arsh";
  if ((op === "div" || op === "rem") && signed3) {
    if (l.ctx.options.mcpu >= 4) aop = op === "div" ? "sdiv" : "smod";
    else {
      l.ctx.diags.error("E5004", `signed ${op === "div" ? "division" : "remainder"} needs -mcpu=v4 (BPF before v4 divides unsigned only): make the operands unsigned, or compile with -mcpu=v4`, span);
    }
  }
  if (op === "shl" || op === "shr") b = convert(l, b, INT, UINT);
  return alu(l, aop, bits, a, b);
}
function lowerUnary(l, e) {
  if (e.op === "lognot") return boolValue(l, e);
  const v = lowerExpr(l, e.operand);
  const bits = aluBits(e.type);
  if (e.op === "neg") {
    if (v.kind === "imm") return imm(canonical(-v.value, e.type));
    const dst = newVReg(l);
    emit(l, { op: "neg", bits, dst, a: toReg(l, v), span: l.span });
    return reg2(dst);
  }
  return alu(l, "xor", bits, v, imm(bits === 64 ? 0xffffffffffffffffn : 0xffffffffn));
}
function ptrAdd(l, p, index2, elemSize) {
  const idx = lowerExpr(l, index2);
  if (idx.kind === "imm") {
    const delta = BigInt.asIntN(64, idx.value) * BigInt(elemSize);
    if (delta === 0n) return p;
    return alu(l, "add", 64, p, imm(BigInt.asUintN(64, delta)));
  }
  let scaled = idx;
  if (elemSize !== 1) {
    const shift2 = Math.log2(elemSize);
    scaled = Number.isInteger(shift2) ? alu(l, "lsh", 64, idx, imm(shift2)) : alu(l, "mul", 64, idx, imm(elemSize));
  }
  return alu(l, "add", 64, p, scaled);
}
function convert(l, v, from, to) {
  const dst = strip(to);
  if (dst.kind === "void") return v;
  if (dst.kind === "int" && dst.isBool) {
    const src = strip(from);
    if (src.kind === "int" && src.isBool) return v;
    if (v.kind === "imm") return imm(v.value === 0n ? 0 : 1);
    return boolOf(l, toReg(l, v), aluBits(from));
  }
  const fromSize = Math.min(8, sizeOf(from) ?? 8);
  const toSize = Math.min(8, sizeOf(to) ?? 8);
  if (v.kind === "imm") {
    let value = v.value;
    if (isSigned(from)) value = BigInt.asIntN(fromSize * 8, value);
    return imm(BigInt.asUintN(toSize * 8, value));
  }
  if (toSize === fromSize) return v;
  if (toSize > fromSize) {
    if (!isSigned(from)) return v;
    const dstReg = newVReg(l);
    emit(l, { op: "sext", bits: toSize === 8 ? 64 : 32, fromBits: fromSize * 8, dst: dstReg, src: v.reg, span: l.span });
    if (toSize === 2) return alu(l, "and", 32, reg2(dstReg), imm(65535));
    return reg2(dstReg);
  }
  if (toSize === 4) {
    const r2 = newVReg(l);
    emit(l, { op: "mov", bits: 32, dst: r2, src: v, span: l.span });
    return reg2(r2);
  }
  return alu(l, "and", 32, v, imm(toSize === 2 ? 65535 : 255));
}
function boolOf(l, r2, bits) {
  return materialize(l, (t, f) => terminate(l, { op: "br", cmp: "ne", bits, a: r2, b: imm(0), then: t, else: f, span: l.span }));
}
function materialize(l, branch) {
  const result = newVReg(l);
  const t = newBlock(l);
  const f = newBlock(l);
  const join2 = newBlock(l);
  branch(t, f);
  startBlock(l, t);
  emit(l, { op: "mov", bits: 64, dst: result, src: imm(1), span: l.span });
  jumpTo(l, join2);
  startBlock(l, f);
  emit(l, { op: "mov", bits: 64, dst: result, src: imm(0), span: l.span });
  jumpTo(l, join2);
  startBlock(l, join2);
  return reg2(result);
}
function boolValue(l, e) {
  return materialize(l, (t, f) => lowerCond(l, e, t, f));
}
var SIGNED_CMP = { eq: "eq", ne: "ne", lt: "slt", le: "sle", gt: "sgt", ge: "sge" };
var UNSIGNED_CMP = { eq: "eq", ne: "ne", lt: "lt", le: "le", gt: "gt", ge: "ge" };
var SWAPPED2 = { eq: "eq", ne: "ne", gt: "lt", ge: "le", lt: "gt", le: "ge", sgt: "slt", sge: "sle", slt: "sgt", sle: "sge", set: "set" };
function lowerCond(l, e, whenTrue, whenFalse) {
  switch (e.kind) {
    case "Compare": {
      let a = lowerExpr(l, e.left);
      let b = lowerExpr(l, e.right);
      let cmp = (isSigned(e.left.type) ? SIGNED_CMP : UNSIGNED_CMP)[e.op];
      const bits = aluBits(e.left.type);
      if (a.kind === "imm" && b.kind === "imm") {
        const x = isSigned(e.left.type) ? BigInt.asIntN(bits, a.value) : a.value;
        const y = isSigned(e.left.type) ? BigInt.asIntN(bits, b.value) : b.value;
        const ok = { eq: x === y, ne: x !== y, lt: x < y, le: x <= y, gt: x > y, ge: x >= y }[e.op];
        jumpTo(l, ok ? whenTrue : whenFalse);
        return;
      }
      if (a.kind === "imm") {
        [a, b] = [b, a];
        cmp = SWAPPED2[cmp];
      }
      terminate(l, { op: "br", cmp, bits, a: a.reg, b, then: whenTrue, else: whenFalse, span: l.span });
      return;
    }
    case "Logical": {
      const mid = newBlock(l);
      if (e.op === "and") lowerCond(l, e.left, mid, whenFalse);
      else lowerCond(l, e.left, whenTrue, mid);
      startBlock(l, mid);
      lowerCond(l, e.right, whenTrue, whenFalse);
      return;
    }
    case "Unary":
      if (e.op === "lognot") {
        lowerCond(l, e.operand, whenFalse, whenTrue);
        return;
      }
      break;
    case "Cast":
      if (isScalar(e.operand.type) && (sizeOf(e.type) ?? 0) >= (sizeOf(e.operand.type) ?? 0)) {
        lowerCond(l, e.operand, whenTrue, whenFalse);
        return;
      }
      break;
    default:
      break;
  }
  const v = lowerExpr(l, e);
  if (v.kind === "imm") {
    jumpTo(l, v.value !== 0n ? whenTrue : whenFalse);
    return;
  }
  terminate(l, { op: "br", cmp: "ne", bits: aluBits(e.type), a: v.reg, b: imm(0), then: whenTrue, else: whenFalse, span: l.span });
}
function lowerCondExpr(l, e) {
  const result = newVReg(l);
  const t = newBlock(l);
  const f = newBlock(l);
  const join2 = newBlock(l);
  lowerCond(l, e.cond, t, f);
  for (const [block, arm] of [[t, e.then], [f, e.else]]) {
    startBlock(l, block);
    const v = lowerExpr(l, arm);
    emit(l, { op: "mov", bits: 64, dst: result, src: v, span: l.span });
    jumpTo(l, join2);
  }
  startBlock(l, join2);
  return reg2(result);
}
function lowerLValue(l, e) {
  switch (e.kind) {
    case "Local": {
      const home = homeOf(l, e.sym);
      return home.kind === "reg" ? { kind: "var", reg: home.reg, type: e.type } : { kind: "mem", addr: { kind: "slot", slot: home.slot, off: 0 }, type: e.type };
    }
    case "Member": {
      const base = lowerLValue(l, e.object);
      if (base.kind !== "mem") return base;
      const m = e.member;
      const addr = addrOffset(base.addr, m.offsetBytes);
      if (m.bitWidth > 0) return { kind: "mem", addr, type: e.type, bitOffset: m.bitOffset - m.offsetBytes * 8, bitWidth: m.bitWidth };
      return { kind: "mem", addr, type: e.type };
    }
    case "Deref":
      return { kind: "mem", addr: addressExpr(l, e.ptr), type: e.type };
    case "Global":
      if (e.sym.role === "rodata") return rodataLValue(l, e);
      l.ctx.diags.error("E5003", `'${e.sym.name}' has no storage a BPF program can read: only maps and constants are available`, e.span);
      return { kind: "var", reg: toReg(l, imm(0)), type: e.type };
    case "CompoundLit": {
      const home = homeOf(l, e.local);
      if (home.kind === "reg") {
        initLocal(l, e.local, e.init);
        return { kind: "var", reg: home.reg, type: e.type };
      }
      initLocal(l, e.local, e.init);
      return { kind: "mem", addr: { kind: "slot", slot: home.slot, off: 0 }, type: e.type };
    }
    case "Call":
    case "HelperCall": {
      l.ctx.diags.error("E5005", "functions returning structs by value are not supported in BPF programs: return a pointer or fill a struct passed by pointer", e.span);
      return { kind: "var", reg: toReg(l, imm(0)), type: e.type };
    }
    default:
      l.ctx.diags.error("E5001", `internal: cannot take the address of a '${e.kind}' expression`, e.span);
      return { kind: "var", reg: toReg(l, imm(0)), type: e.type };
  }
}
function addressExpr(l, ptr) {
  if (ptr.kind === "PtrAdd" && ptr.index.kind === "Const" || ptr.kind === "PtrAdd" && ptr.index.kind === "Unary" && ptr.index.operand.kind === "Const") {
    const idx = lowerExpr(l, ptr.index);
    if (idx.kind === "imm") {
      const delta = Number(BigInt.asIntN(64, idx.value)) * ptr.elemSize;
      if (Math.abs(delta) < 32767) return addrOffset(addressExpr(l, ptr.ptr), delta);
    }
  }
  if (ptr.kind === "Decay" || ptr.kind === "AddrOf") {
    const lv = lowerLValue(l, ptr.operand);
    if (lv.kind === "mem") return lv.addr;
  }
  const v = lowerExpr(l, ptr);
  return { kind: "reg", reg: toReg(l, v), off: 0 };
}
function addressOf(l, e) {
  if (e.kind === "Global") return lowerGlobalValue(l, e);
  if (e.kind === "FuncRef") return lowerExpr(l, e);
  const lv = lowerLValue(l, e);
  if (lv.kind === "var") {
    l.ctx.diags.error("E5001", "internal: address of a register variable", e.span);
    return imm(0);
  }
  return materializeAddress(l, lv.addr);
}
function materializeAddress(l, a) {
  const dst = newVReg(l);
  if (a.kind === "slot") {
    emit(l, { op: "slotaddr", dst, slot: a.slot, off: a.off, span: l.span });
    return reg2(dst);
  }
  if (a.off === 0) return reg2(a.reg);
  emit(l, { op: "alu", alu: "add", bits: 64, dst, a: reg2(a.reg), b: imm(BigInt.asUintN(64, BigInt(a.off))), span: l.span });
  return reg2(dst);
}
function loadLValue(l, lv) {
  if (lv.kind === "var") return reg2(lv.reg);
  const size = sizeOf(lv.type) ?? 8;
  const ms = memSize2(size);
  if (!ms || !isScalar(lv.type)) {
    return materializeAddress(l, lv.addr);
  }
  const dst = newVReg(l);
  emit(l, { op: "load", size: ms, dst, addr: lv.addr, span: l.span });
  if (lv.bitWidth === void 0) return reg2(dst);
  const bits = ms * 8 > 32 ? 64 : 32;
  const signed3 = isSigned(lv.type);
  let v = reg2(dst);
  if (signed3) {
    v = alu(l, "lsh", bits, v, imm(bits - lv.bitOffset - lv.bitWidth));
    v = alu(l, "arsh", bits, v, imm(bits - lv.bitWidth));
    if (bits === 32 && ms < 4) v = convert(l, v, INT, lv.type);
    return v;
  }
  if (lv.bitOffset) v = alu(l, "rsh", bits, v, imm(lv.bitOffset));
  return alu(l, "and", bits, v, imm((1n << BigInt(lv.bitWidth)) - 1n));
}
function storeLValue(l, lv, value) {
  if (lv.kind === "var") {
    emit(l, { op: "mov", bits: 64, dst: lv.reg, src: value, span: l.span });
    return;
  }
  const size = sizeOf(lv.type) ?? 8;
  const ms = memSize2(size);
  if (!ms || !isScalar(lv.type)) {
    copyMemory(l, lv.addr, { kind: "reg", reg: toReg(l, value), off: 0 }, size, alignOf(lv.type));
    return;
  }
  if (lv.bitWidth === void 0) {
    emit(l, { op: "store", size: ms, addr: lv.addr, src: value, span: l.span });
    return;
  }
  const bits = ms * 8 > 32 ? 64 : 32;
  const mask = (1n << BigInt(lv.bitWidth)) - 1n << BigInt(lv.bitOffset);
  const full = bits === 64 ? 0xffffffffffffffffn : 0xffffffffn;
  const old = newVReg(l);
  emit(l, { op: "load", size: ms, dst: old, addr: lv.addr, span: l.span });
  const cleared = alu(l, "and", bits, reg2(old), imm(full & ~mask));
  let v = alu(l, "and", bits, value, imm((1n << BigInt(lv.bitWidth)) - 1n));
  if (lv.bitOffset) v = alu(l, "lsh", bits, v, imm(lv.bitOffset));
  const merged = alu(l, "or", bits, cleared, v);
  emit(l, { op: "store", size: ms, addr: lv.addr, src: merged, span: l.span });
}
function lowerAssign(l, e) {
  const value = lowerExpr(l, e.value);
  const lv = lowerLValue(l, e.target);
  storeLValue(l, lv, value);
  return value;
}
function lowerCompoundAssign(l, e) {
  const lv = lowerLValue(l, e.target);
  const old = loadLValue(l, lv);
  const rhs = lowerExpr(l, e.value);
  let result;
  if (e.ptrElemSize !== void 0) {
    const scaled = rhs.kind === "imm" ? imm(BigInt.asUintN(64, BigInt.asIntN(64, rhs.value) * BigInt(e.ptrElemSize))) : alu(l, "mul", 64, rhs, imm(e.ptrElemSize));
    result = alu(l, e.op === "sub" ? "sub" : "add", 64, old, scaled);
  } else {
    const widened = convert(l, old, e.target.type, e.opType);
    result = convert(l, lowerArith(l, e.op, e.opType, widened, rhs, e.span, isNonNegative({ ...e.target, kind: "Cast", operand: e.target, type: e.opType }) && isNonNegative(e.value)), e.opType, e.target.type);
  }
  storeLValue(l, lv, result);
  return result;
}
function lowerIncDec(l, e) {
  const lv = lowerLValue(l, e.target);
  const old = loadLValue(l, lv);
  const bits = aluBits(e.type);
  let oldCopy = old;
  if (!e.prefix && lv.kind === "var") {
    const r2 = newVReg(l);
    emit(l, { op: "mov", bits: 64, dst: r2, src: old, span: l.span });
    oldCopy = reg2(r2);
  }
  let updated = alu(l, "add", bits, old, imm(BigInt.asUintN(bits, BigInt(e.delta))));
  if ((sizeOf(e.type) ?? 8) < 4) updated = convert(l, updated, UINT, e.type);
  storeLValue(l, lv, updated);
  return e.prefix ? updated : oldCopy;
}
function initLocal(l, local, init) {
  const home = homeOf(l, local);
  if (init.kind === "Scalar") {
    const lv = home.kind === "reg" ? { kind: "var", reg: home.reg, type: local.type } : { kind: "mem", addr: { kind: "slot", slot: home.slot, off: 0 }, type: local.type };
    storeLValue(l, lv, lowerExpr(l, init.expr));
    return;
  }
  if (home.kind !== "slot") return;
  const base = { kind: "slot", slot: home.slot, off: 0 };
  const image = new Uint8Array(init.sizeBytes);
  const dynamic = [];
  for (const entry of init.entries) {
    const value = tryEval(entry.expr);
    const size = sizeOf(entry.type) ?? 0;
    if (value === void 0 || !isScalar(entry.type) || !memSize2(size)) {
      dynamic.push(entry);
      continue;
    }
    let bits = BigInt.asUintN(size * 8, value);
    let keep = (1n << BigInt(size * 8)) - 1n;
    if (entry.bitWidth) {
      keep = (1n << BigInt(entry.bitWidth)) - 1n << BigInt(entry.bitOffset);
      bits = bits << BigInt(entry.bitOffset) & keep;
    }
    for (let i = 0; i < size && entry.offsetBytes + i < image.length; i++) {
      const m = Number(keep >> BigInt(8 * i) & 0xffn);
      const v = Number(bits >> BigInt(8 * i) & 0xffn);
      image[entry.offsetBytes + i] = image[entry.offsetBytes + i] & ~m | v;
    }
  }
  storeImage(l, base, image);
  for (const entry of dynamic) {
    const addr = addrOffset(base, entry.offsetBytes);
    const value = lowerExpr(l, entry.expr);
    const lv = entry.bitWidth ? { kind: "mem", addr, type: entry.type, bitOffset: entry.bitOffset, bitWidth: entry.bitWidth } : { kind: "mem", addr, type: entry.type };
    storeLValue(l, lv, value);
  }
}
function storeImage(l, base, image) {
  let off = 0;
  while (off < image.length) {
    let w = 1;
    for (const c of [8, 4, 2, 1]) {
      if (c <= image.length - off && off % c === 0) {
        w = c;
        break;
      }
    }
    let v = 0n;
    for (let i = w - 1; i >= 0; i--) v = v << 8n | BigInt(image[off + i]);
    if (w === 8 && BigInt.asUintN(64, BigInt.asIntN(32, v)) !== v) w = 4;
    if (w === 4) v &= 0xffffffffn;
    emit(l, { op: "store", size: w, addr: addrOffset(base, off), src: imm(v), span: l.span });
    off += w;
  }
}

// src/lower/builtins.ts
function copyMemory(l, dst, src, sizeBytes, align) {
  for (const i of copyInsts(dst, src, sizeBytes, align, () => newVReg(l), l.span)) emit(l, i);
}
function alignOfPointer(e, addr) {
  if (addr.kind === "slot") return addr.off % 8 === 0 ? 8 : addr.off % 4 === 0 ? 4 : addr.off % 2 === 0 ? 2 : 1;
  let x = e;
  while (x.kind === "Cast" && isPointer(x.operand.type)) x = x.operand;
  const to = pointee2(x.type);
  return to && !isVoid(to) ? alignOf(to) : 1;
}
function lowerBuiltin(l, e, discard = false) {
  const name = e.name;
  const args = e.args;
  switch (name) {
    case "__builtin_memcpy":
    case "__builtin_memmove":
    case "__builtin_memset":
    case "__builtin_memcmp":
      return lowerMemBuiltin(l, e);
    case "__builtin_bswap16":
    case "__builtin_bswap32":
    case "__builtin_bswap64": {
      const bits = Number(name.slice(-2));
      const v = lowerExpr(l, args[0]);
      if (v.kind === "imm") {
        let x = v.value;
        let out = 0n;
        for (let i = 0; i < bits / 8; i++) {
          out = out << 8n | x & 0xffn;
          x >>= 8n;
        }
        return imm(out);
      }
      const dst = newVReg(l);
      emit(l, { op: "bswap", bits, dst, src: v.reg, span: l.span });
      return reg2(dst);
    }
    case "__builtin_unreachable":
    case "__builtin_trap":
      return imm(0);
    default:
      return lowerAtomic(l, e, discard);
  }
}
var MEM_BUILTIN_KIND = { __builtin_memcpy: "copy", __builtin_memmove: "move", __builtin_memset: "set", __builtin_memcmp: "cmp" };
function lowerMemBuiltin(l, e) {
  const [first2, second, third] = e.args;
  const kind = MEM_BUILTIN_KIND[e.name];
  const size = lowerExpr(l, third);
  const to = addressExpr(l, first2);
  let alignBytes = alignOfPointer(first2, to);
  let from;
  let value;
  if (kind === "set") value = lowerExpr(l, second);
  else {
    from = addressExpr(l, second);
    if (kind !== "cmp") alignBytes = Math.min(alignBytes, alignOfPointer(second, from));
  }
  const dst = kind === "cmp" ? newVReg(l) : void 0;
  emit(l, { op: "memop", kind, to, from, value, size, alignBytes, dst, builtin: e.name, sizeSpan: third.span, valueSpan: kind === "set" ? second.span : void 0, inlinedAt: inlineChain(l), span: l.span });
  return dst !== void 0 ? reg2(dst) : materializeAddress(l, to);
}
function lowerAtomic(l, e, discard) {
  const name = e.name;
  const ptr = e.args[0];
  const valueType = pointee2(ptr.type);
  const size = sizeOf(valueType) ?? 8;
  const addr = addressExpr(l, ptr);
  if (size !== 4 && size !== 8) {
    l.ctx.diags.error("E5007", `BPF atomic instructions work on 4 or 8-byte values; '${name}' is used on a ${size}-byte value`, e.span);
    return imm(0);
  }
  const m = /^__(?:sync|atomic)_(fetch_and_|)(add|sub|or|and|xor)(_and_fetch|_fetch|)$/.exec(name) ?? /^__atomic_fetch_(add|sub|or|and|xor)$/.exec(name);
  if (m) {
    const op = m.length === 2 ? m[1] : m[2];
    const returnsNew = m.length === 4 && (m[3] === "_and_fetch" || m[3] === "_fetch");
    const resultUsed = !discard && !isVoid(e.type);
    let v = toReg(l, lowerExpr(l, e.args[1]));
    const aop = op === "sub" ? "add" : op;
    if (op === "sub") {
      const n = newVReg(l);
      emit(l, { op: "neg", bits: 64, dst: n, a: v, span: l.span });
      v = n;
    }
    const dst = newVReg(l);
    emit(l, { op: "atomic", aop, size, addr, src: v, fetch: resultUsed, dst: resultUsed ? dst : void 0, span: l.span });
    if (!returnsNew) return reg2(dst);
    const aluOp = op === "sub" ? "add" : op;
    return alu(l, aluOp, size === 8 ? 64 : 32, reg2(dst), reg2(v));
  }
  if (name === "__sync_lock_test_and_set" || name === "__atomic_exchange_n") {
    const v = toReg(l, lowerExpr(l, e.args[1]));
    const dst = newVReg(l);
    emit(l, { op: "atomic", aop: "xchg", size, addr, src: v, fetch: true, dst, span: l.span });
    return reg2(dst);
  }
  if (name === "__sync_val_compare_and_swap" || name === "__sync_bool_compare_and_swap") {
    const expected = toReg(l, lowerExpr(l, e.args[1]));
    const v = toReg(l, lowerExpr(l, e.args[2]));
    const dst = newVReg(l);
    emit(l, { op: "atomic", aop: "cmpxchg", size, addr, src: v, fetch: true, dst, expected, span: l.span });
    if (name === "__sync_val_compare_and_swap") return reg2(dst);
    return materialize(l, (t, f) => terminate(l, { op: "br", cmp: "eq", bits: size === 8 ? 64 : 32, a: dst, b: reg2(expected), then: t, else: f, span: l.span }));
  }
  if (name === "__atomic_load_n") {
    const dst = newVReg(l);
    emit(l, { op: "load", size, dst, addr, span: l.span });
    return reg2(dst);
  }
  if (name === "__atomic_store_n") {
    const v = lowerExpr(l, e.args[1]);
    emit(l, { op: "store", size, addr, src: v, span: l.span });
    return imm(0);
  }
  l.ctx.diags.error("E5007", `'${name}' is not supported by ebcc yet`, e.span);
  return imm(0);
}

// src/lower/stmt.ts
function lowerStmt(l, st2) {
  switch (st2.kind) {
    case "Block":
      for (const item of st2.items) lowerStmt(l, item);
      return;
    case "Expr": {
      l.span = st2.span;
      let e = st2.expr;
      while (e.kind === "Cast" && isVoid(e.type)) e = e.operand;
      if (e.kind === "Builtin") lowerBuiltin(l, e, true);
      else lowerExpr(l, e);
      return;
    }
    case "Decl":
      l.span = st2.span;
      if (st2.init) initLocal(l, st2.local, st2.init);
      return;
    case "If": {
      l.span = st2.cond.span;
      const thenB = newBlock(l);
      const join2 = newBlock(l);
      const elseB = st2.else ? newBlock(l) : join2;
      lowerCond(l, st2.cond, thenB, elseB);
      startBlock(l, thenB);
      lowerStmt(l, st2.then);
      if (l.cur) jumpTo(l, join2);
      if (st2.else) {
        startBlock(l, elseB);
        lowerStmt(l, st2.else);
        if (l.cur) jumpTo(l, join2);
      }
      startBlock(l, join2);
      return;
    }
    case "Loop":
      lowerLoop(l, st2);
      return;
    case "Switch":
      lowerSwitch(l, st2);
      return;
    case "Case": {
      const block = l.caseBlocks.get(st2);
      if (block !== void 0) {
        if (l.cur) jumpTo(l, block);
        startBlock(l, block);
      }
      lowerStmt(l, st2.body);
      return;
    }
    case "Break":
      l.span = st2.span;
      jumpTo(l, l.breakTargets[l.breakTargets.length - 1]);
      return;
    case "Continue":
      l.span = st2.span;
      jumpTo(l, l.continueTargets[l.continueTargets.length - 1]);
      return;
    case "Return": {
      l.span = st2.span;
      const value = st2.expr ? lowerExpr(l, st2.expr) : void 0;
      const frame = l.inline[l.inline.length - 1];
      if (frame) {
        if (frame.result !== void 0 && value) emit(l, { op: "mov", bits: 64, dst: frame.result, src: value, span: l.span });
        jumpTo(l, frame.exit);
        return;
      }
      terminate(l, { op: "ret", value: value ?? (isVoid(l.fn.source.sym.type.ret) ? void 0 : imm(0)), span: l.span });
      return;
    }
    case "Goto":
      l.span = st2.span;
      jumpTo(l, labelBlock(l, st2.label));
      return;
    case "Label": {
      const b = labelBlock(l, st2.label);
      if (l.cur) jumpTo(l, b);
      startBlock(l, b);
      lowerStmt(l, st2.body);
      return;
    }
    case "Barrier":
    case "Empty":
      return;
    default: {
      const never = st2;
      return never;
    }
  }
}
function labelBlock(l, label) {
  const labels = l.labels[l.labels.length - 1];
  let b = labels.get(label);
  if (b === void 0) {
    b = newBlock(l);
    labels.set(label, b);
  }
  return b;
}
function lowerLoop(l, st2) {
  if (st2.init) lowerStmt(l, st2.init);
  const head2 = newBlock(l);
  const body = newBlock(l);
  const step2 = newBlock(l);
  const exit2 = newBlock(l);
  if (st2.loopKind === "do") jumpTo(l, body);
  else jumpTo(l, head2);
  startBlock(l, head2);
  if (st2.cond) {
    l.span = st2.cond.span;
    lowerCond(l, st2.cond, body, exit2);
  } else jumpTo(l, body);
  startBlock(l, body);
  l.breakTargets.push(exit2);
  l.continueTargets.push(step2);
  lowerStmt(l, st2.body);
  l.breakTargets.pop();
  l.continueTargets.pop();
  if (l.cur) jumpTo(l, step2);
  startBlock(l, step2);
  if (st2.step) {
    l.span = st2.step.span;
    lowerExpr(l, st2.step);
  }
  jumpTo(l, head2);
  startBlock(l, exit2);
}
function lowerSwitch(l, st2) {
  l.span = st2.cond.span;
  const v = lowerExpr(l, st2.cond);
  const bits = (sizeOf(st2.cond.type) ?? 4) > 4 ? 64 : 32;
  const signed3 = asInt(st2.cond.type).signed;
  const exit2 = newBlock(l);
  const map2 = l.caseBlocks;
  const reg3 = v.kind === "reg" ? v.reg : void 0;
  for (const c of st2.cases) {
    const target2 = newBlock(l);
    map2.set(c.target, target2);
    const toValue = (x) => imm(BigInt.asUintN(bits, x));
    if (reg3 === void 0) {
      const x = BigInt.asIntN(bits, v.value);
      if (x >= c.lo && x <= c.hi) jumpTo(l, target2);
      continue;
    }
    const next = newBlock(l);
    if (c.lo === c.hi) terminate(l, { op: "br", cmp: "eq", bits, a: reg3, b: toValue(c.lo), then: target2, else: next, span: l.span });
    else {
      const mid = newBlock(l);
      terminate(l, { op: "br", cmp: signed3 ? "sge" : "ge", bits, a: reg3, b: toValue(c.lo), then: mid, else: next, span: l.span });
      startBlock(l, mid);
      terminate(l, { op: "br", cmp: signed3 ? "sle" : "le", bits, a: reg3, b: toValue(c.hi), then: target2, else: next, span: l.span });
    }
    startBlock(l, next);
  }
  let defaultBlock = exit2;
  if (st2.defaultCase) {
    defaultBlock = newBlock(l);
    map2.set(st2.defaultCase, defaultBlock);
  }
  if (l.cur) jumpTo(l, defaultBlock);
  l.breakTargets.push(exit2);
  lowerStmt(l, st2.body);
  l.breakTargets.pop();
  if (l.cur) jumpTo(l, exit2);
  startBlock(l, exit2);
}

// src/lower/lower.ts
function lower(program, ctx) {
  const functions = [];
  for (const fd of program.functions) {
    if (fd.sym.section !== void 0 || fd.sym.noInline) functions.push(lowerFunction(fd, program, ctx));
  }
  return { functions, globals: program.globals };
}
function checkCallableSignature(fd, ctx) {
  if (fd.sym.section !== void 0) return;
  if (isRecord(fd.sym.type.ret)) {
    ctx.diags.error("E5005", `__noinline function '${fd.sym.name}' returns a struct by value, which a BPF-to-BPF call cannot do: return it through a pointer argument`, fd.sym.span);
  }
  for (const p of fd.params) {
    if (isRecord(p.type)) {
      ctx.diags.error("E5005", `parameter '${p.name}' of __noinline function '${fd.sym.name}' is a struct passed by value, which a BPF-to-BPF call cannot do: pass a pointer`, p.span);
    }
  }
}
function lowerFunction(fd, program, ctx) {
  checkCallableSignature(fd, ctx);
  const fn = {
    name: fd.sym.name,
    section: fd.sym.section ?? ".text",
    global: fd.sym.section !== void 0 || !fd.sym.isStatic,
    params: [],
    vregCount: 0,
    vregNames: /* @__PURE__ */ new Map(),
    slots: [],
    blocks: [],
    span: fd.sym.span,
    source: fd
  };
  const l = {
    ctx,
    program,
    fn,
    cur: void 0,
    span: fd.sym.span,
    vars: [/* @__PURE__ */ new Map()],
    breakTargets: [],
    continueTargets: [],
    labels: [/* @__PURE__ */ new Map()],
    inline: [],
    caseBlocks: /* @__PURE__ */ new Map()
  };
  startBlock(l, newBlock(l));
  for (const p of fd.params) {
    const home = homeOf(l, p);
    if (home.kind === "reg") fn.params.push(home.reg);
    else {
      const r2 = fn.vregCount++;
      fn.params.push(r2);
      l.cur.insts.push({ op: "store", size: 8, addr: { kind: "slot", slot: home.slot, off: 0 }, src: { kind: "reg", reg: r2 }, span: fd.span });
    }
  }
  lowerStmt(l, fd.body);
  if (l.cur) {
    l.span = fd.body.span;
    const end = newBlock(l);
    jumpTo(l, end);
    startBlock(l, end);
    l.cur.term = { op: "ret", value: fd.sym.type.ret.kind === "void" ? void 0 : imm(0), span: { ...fd.body.span, start: fd.body.span.end - 1 } };
    l.cur = void 0;
  }
  return fn;
}

// src/bpf/encode.ts
var INSN_SIZE_BYTES = 8;
function encodeInsns(insns) {
  const bytes = new Uint8Array(insns.length * INSN_SIZE_BYTES);
  const view = new DataView(bytes.buffer);
  insns.forEach((insn2, i) => {
    const at = i * INSN_SIZE_BYTES;
    view.setUint8(at, insn2.code & 255);
    view.setUint8(at + 1, (insn2.src & 15) << 4 | insn2.dst & 15);
    view.setInt16(at + 2, insn2.off, true);
    view.setInt32(at + 4, insn2.imm, true);
  });
  return bytes;
}

// src/obj/bytes.ts
var ByteWriter = class {
  buf = new Uint8Array(256);
  view = new DataView(this.buf.buffer);
  length = 0;
  get sizeBytes() {
    return this.length;
  }
  reserve(n) {
    const at = this.length;
    const need = at + n;
    if (need > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < need) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
      this.view = new DataView(next.buffer);
    }
    this.length = need;
    return at;
  }
  u8(v) {
    const at = this.reserve(1);
    this.view.setUint8(at, v);
  }
  u16(v) {
    const at = this.reserve(2);
    this.view.setUint16(at, v, true);
  }
  u32(v) {
    const at = this.reserve(4);
    this.view.setUint32(at, v >>> 0, true);
  }
  i32(v) {
    const at = this.reserve(4);
    this.view.setInt32(at, v, true);
  }
  /** A 64-bit unsigned value; numbers must be below 2^53. */
  u64(v) {
    const at = this.reserve(8);
    this.view.setBigUint64(at, BigInt(v), true);
  }
  bytes(b) {
    const at = this.reserve(b.length);
    this.buf.set(b, at);
  }
  /** Pads with zero bytes up to a multiple of `alignBytes`. */
  align(alignBytes) {
    while (alignBytes > 1 && this.length % alignBytes !== 0) this.u8(0);
  }
  patchU16(at, v) {
    this.view.setUint16(at, v, true);
  }
  patchU32(at, v) {
    this.view.setUint32(at, v >>> 0, true);
  }
  patchU64(at, v) {
    this.view.setBigUint64(at, BigInt(v), true);
  }
  finish() {
    return this.buf.slice(0, this.length);
  }
};
var StringTable = class {
  offsets = /* @__PURE__ */ new Map();
  writer = new ByteWriter();
  constructor() {
    this.add("");
  }
  add(s) {
    const found = this.offsets.get(s);
    if (found !== void 0) return found;
    const at = this.writer.sizeBytes;
    this.writer.bytes(new TextEncoder().encode(s));
    this.writer.u8(0);
    this.offsets.set(s, at);
    return at;
  }
  get sizeBytes() {
    return this.writer.sizeBytes;
  }
  finish() {
    return this.writer.finish();
  }
};

// src/obj/btf-kinds.ts
var BTF_MAGIC = 60319;
var BTF_HEADER_BYTES = 24;
var BTF_EXT_HEADER_BYTES = 32;
var FUNC_INFO_RECORD_BYTES = 8;
var LINE_INFO_RECORD_BYTES = 16;
var BtfKind = {
  INT: 1,
  PTR: 2,
  ARRAY: 3,
  STRUCT: 4,
  UNION: 5,
  ENUM: 6,
  FWD: 7,
  TYPEDEF: 8,
  VOLATILE: 9,
  CONST: 10,
  RESTRICT: 11,
  FUNC: 12,
  FUNC_PROTO: 13,
  VAR: 14,
  DATASEC: 15,
  FLOAT: 16,
  DECL_TAG: 17,
  TYPE_TAG: 18,
  ENUM64: 19
};
var INT_ENCODING_BITS = {
  none: 0,
  signed: 1,
  char: 2,
  bool: 4
};

// src/obj/btf-encode.ts
function linkageNumber(l) {
  switch (l) {
    case "static":
      return 0;
    case "global":
      return 1;
    case "extern":
      return 2;
    default:
      return assertNever(l);
  }
}
function info(kind, vlen, kindFlag) {
  return (kindFlag ? 1 : 0) << 31 | kind << 24 | vlen & 65535;
}
function needsEnum64(values2) {
  return values2.some((v) => v.value < -2147483648 || v.value > 4294967295);
}
function encodeBtfTypes(types, strings) {
  const w = new ByteWriter();
  const head2 = (name, kind, vlen, kindFlag, sizeOrType) => {
    w.u32(name === "" ? 0 : strings.add(name));
    w.u32(info(kind, vlen, kindFlag));
    w.u32(sizeOrType);
  };
  for (const t of types) {
    switch (t.kind) {
      case "int":
        head2(t.name, BtfKind.INT, 0, false, t.sizeBytes);
        w.u32(INT_ENCODING_BITS[t.encoding] << 24 | (t.bitOffset & 255) << 16 | t.bits & 255);
        break;
      case "ptr":
        head2("", BtfKind.PTR, 0, false, t.type);
        break;
      case "array":
        head2("", BtfKind.ARRAY, 0, false, 0);
        w.u32(t.elem);
        w.u32(t.index);
        w.u32(t.nelems);
        break;
      case "struct":
      case "union": {
        const bitfields = t.members.some((m) => m.bitfieldSize !== 0);
        head2(t.name, t.kind === "struct" ? BtfKind.STRUCT : BtfKind.UNION, t.members.length, bitfields, t.sizeBytes);
        for (const m of t.members) {
          w.u32(m.name === "" ? 0 : strings.add(m.name));
          w.u32(m.type);
          w.u32(bitfields ? (m.bitfieldSize & 255) << 24 | m.bitOffset & 16777215 : m.bitOffset);
        }
        break;
      }
      case "enum":
        if (needsEnum64(t.values)) {
          head2(t.name, BtfKind.ENUM64, t.values.length, t.signed, t.sizeBytes);
          for (const v of t.values) {
            const big2 = BigInt.asUintN(64, BigInt(v.value));
            w.u32(strings.add(v.name));
            w.u32(Number(big2 & 0xffffffffn));
            w.u32(Number(big2 >> 32n));
          }
        } else {
          head2(t.name, BtfKind.ENUM, t.values.length, t.signed, t.sizeBytes);
          for (const v of t.values) {
            w.u32(strings.add(v.name));
            w.u32(v.value >>> 0);
          }
        }
        break;
      case "fwd":
        head2(t.name, BtfKind.FWD, 0, t.union, 0);
        break;
      case "typedef":
        head2(t.name, BtfKind.TYPEDEF, 0, false, t.type);
        break;
      case "volatile":
        head2("", BtfKind.VOLATILE, 0, false, t.type);
        break;
      case "const":
        head2("", BtfKind.CONST, 0, false, t.type);
        break;
      case "restrict":
        head2("", BtfKind.RESTRICT, 0, false, t.type);
        break;
      case "func":
        head2(t.name, BtfKind.FUNC, linkageNumber(t.linkage), false, t.type);
        break;
      case "func_proto":
        head2("", BtfKind.FUNC_PROTO, t.params.length, false, t.ret);
        for (const p of t.params) {
          w.u32(p.name === "" ? 0 : strings.add(p.name));
          w.u32(p.type);
        }
        break;
      case "var":
        head2(t.name, BtfKind.VAR, 0, false, t.type);
        w.u32(linkageNumber(t.linkage));
        break;
      case "datasec":
        head2(t.name, BtfKind.DATASEC, t.vars.length, false, t.sizeBytes);
        for (const v of t.vars) {
          w.u32(v.type);
          w.u32(v.offset);
          w.u32(v.sizeBytes);
        }
        break;
      default:
        return assertNever(t);
    }
  }
  return w.finish();
}
function buildBtfSection(typeBytes, stringBytes) {
  const w = new ByteWriter();
  w.u16(BTF_MAGIC);
  w.u8(1);
  w.u8(0);
  w.u32(BTF_HEADER_BYTES);
  w.u32(0);
  w.u32(typeBytes.length);
  w.u32(typeBytes.length);
  w.u32(stringBytes.length);
  w.bytes(typeBytes);
  w.bytes(stringBytes);
  return w.finish();
}
function fixDatasecLayout(types, data) {
  return types.map((t) => {
    if (t.kind !== "datasec") return t;
    const sec2 = data.find((d) => d.name === t.name);
    if (!sec2) return t;
    const vars = t.vars.map((v) => {
      const target2 = types[v.type - 1];
      const sym = target2?.kind === "var" ? sec2.symbols.find((s) => s.name === target2.name) : void 0;
      return sym ? { type: v.type, offset: sym.offset, sizeBytes: sym.sizeBytes } : v;
    });
    vars.sort((a, b) => a.offset - b.offset);
    return { ...t, sizeBytes: sec2.bytes.length, vars };
  });
}

// src/obj/btf-ext.ts
var MAX_COL = (1 << 10) - 1;
function encodeBtfExt(info2, strings) {
  const funcs = new ByteWriter();
  funcs.u32(FUNC_INFO_RECORD_BYTES);
  for (const [section, recs] of groupBySection(info2.funcInfo)) {
    funcs.u32(strings.add(section));
    funcs.u32(recs.length);
    for (const r2 of recs) {
      funcs.u32(r2.insnOff);
      funcs.u32(r2.typeId);
    }
  }
  const lines = new ByteWriter();
  if (info2.lineInfo.length > 0) {
    lines.u32(LINE_INFO_RECORD_BYTES);
    for (const [section, recs] of groupBySection(info2.lineInfo)) {
      lines.u32(strings.add(section));
      lines.u32(recs.length);
      for (const r2 of recs) {
        lines.u32(r2.insnOff);
        lines.u32(strings.add(r2.fileName));
        lines.u32(strings.add(r2.lineText));
        lines.u32(r2.line << 10 | Math.min(r2.col, MAX_COL));
      }
    }
  }
  const w = new ByteWriter();
  w.u16(BTF_MAGIC);
  w.u8(1);
  w.u8(0);
  w.u32(BTF_EXT_HEADER_BYTES);
  w.u32(0);
  w.u32(funcs.sizeBytes);
  w.u32(funcs.sizeBytes);
  w.u32(lines.sizeBytes);
  w.u32(funcs.sizeBytes + lines.sizeBytes);
  w.u32(0);
  w.bytes(funcs.finish());
  w.bytes(lines.finish());
  return w.finish();
}
function groupBySection(recs) {
  const groups = /* @__PURE__ */ new Map();
  for (const r2 of recs) {
    const g = groups.get(r2.section);
    if (g) g.push(r2);
    else groups.set(r2.section, [r2]);
  }
  return groups;
}

// src/obj/elf-consts.ts
var ELF_HEADER_BYTES = 64;
var SECTION_HEADER_BYTES = 64;
var SYMBOL_BYTES = 24;
var REL_BYTES = 16;
var ELFCLASS64 = 2;
var ELFDATA2LSB = 1;
var EV_CURRENT = 1;
var ET_REL = 1;
var EM_BPF = 247;
var SHT_PROGBITS = 1;
var SHT_SYMTAB = 2;
var SHT_STRTAB = 3;
var SHT_REL = 9;
var SHT_NOBITS = 8;
var SHF_WRITE = 1;
var SHF_ALLOC = 2;
var SHF_EXECINSTR = 4;
var SHF_INFO_LINK = 64;
var SHN_ABS = 65521;
var STB_LOCAL = 0;
var STB_GLOBAL = 1;
var STT_OBJECT = 1;
var STT_FUNC = 2;
var STT_SECTION = 3;
var STT_FILE = 4;
var R_BPF_64_64 = 1;
var R_BPF_64_32 = 10;
var OPCODE_LD_IMM64 = 24;
var OPCODE_CALL = 133;
var BPF_PSEUDO_CALL = 1;
var INSN_BYTES = 8;

// src/obj/dwarf-consts.ts
var DW_UT_compile = 1;
var DW_TAG_compile_unit = 17;
var DW_TAG_subprogram = 46;
var DW_CHILDREN_no = 0;
var DW_CHILDREN_yes = 1;
var DW_AT_name = 3;
var DW_AT_stmt_list = 16;
var DW_AT_low_pc = 17;
var DW_AT_high_pc = 18;
var DW_AT_language = 19;
var DW_AT_comp_dir = 27;
var DW_AT_producer = 37;
var DW_AT_decl_file = 58;
var DW_AT_decl_line = 59;
var DW_AT_external = 63;
var DW_AT_ranges = 85;
var DW_FORM_addr = 1;
var DW_FORM_data2 = 5;
var DW_FORM_data4 = 6;
var DW_FORM_string = 8;
var DW_FORM_strp = 14;
var DW_FORM_udata = 15;
var DW_FORM_sec_offset = 23;
var DW_FORM_flag_present = 25;
var DW_LANG_C11 = 29;
var DW_RLE_end_of_list = 0;
var DW_RLE_start_length = 7;
var DW_LNS_copy = 1;
var DW_LNS_advance_pc = 2;
var DW_LNS_advance_line = 3;
var DW_LNS_set_file = 4;
var DW_LNS_set_column = 5;
var STANDARD_OPCODE_LENGTHS = [0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1];
var OPCODE_BASE = 13;
var DW_LNE_end_sequence = 1;
var DW_LNE_set_address = 2;
var DW_LNCT_path = 1;
var DW_LNCT_directory_index = 2;
var R_BPF_64_ABS64 = 2;
var R_BPF_64_ABS32 = 3;

// src/diag/fs.ts
function joinPath(dir, rel) {
  if (rel.startsWith("/")) return normalizePath(rel);
  return normalizePath(dir === "" ? rel : `${dir}/${rel}`);
}
function dirName(path) {
  const i = path.lastIndexOf("/");
  if (i < 0) return ".";
  if (i === 0) return "/";
  return path.slice(0, i);
}
function normalizePath(path) {
  const abs = path.startsWith("/");
  const out = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else if (part === ".." && abs) continue;
    else out.push(part);
  }
  const s = out.join("/");
  return abs ? `/${s}` : s === "" ? "." : s;
}

// src/obj/dwarf-line.ts
function lineRows(sections, ctx) {
  const valid = (s) => s.file >= 0 && s.file < ctx.sources.files.length;
  const out = [];
  for (const sec2 of sections) {
    const rows = [];
    let sizeBytes = 0;
    for (const { fn, offsetBytes } of sec2.functions) {
      sizeBytes = offsetBytes + fn.insns.length * INSN_BYTES;
      const entries = fn.lines.filter((e) => e.insnIndex >= 0 && e.insnIndex < fn.insns.length && valid(e.span)).sort((a, b) => a.insnIndex - b.insnIndex);
      if (fn.insns.length > 0 && entries[0]?.insnIndex !== 0 && valid(fn.span)) {
        entries.unshift({ insnIndex: 0, span: fn.span });
      }
      let lastIndex = -1;
      for (const e of entries) {
        if (e.insnIndex === lastIndex) continue;
        lastIndex = e.insnIndex;
        const { line, col } = ctx.sources.lineCol(e.span.file, e.span.start);
        const prev = rows[rows.length - 1];
        if (prev && prev.sourceFile === e.span.file && prev.line === line && prev.col === col) continue;
        rows.push({ addressBytes: offsetBytes + e.insnIndex * INSN_BYTES, sourceFile: e.span.file, line, col });
      }
    }
    out.push({ section: sec2.name, sizeBytes, rows });
  }
  return out;
}
var DwarfFiles = class {
  sourceFiles = [];
  constructor(primary) {
    this.sourceFiles.push(primary);
  }
  index(sourceFile) {
    const at = this.sourceFiles.indexOf(sourceFile);
    if (at >= 0) return at;
    this.sourceFiles.push(sourceFile);
    return this.sourceFiles.length - 1;
  }
};
function uleb(w, value) {
  let v = value;
  do {
    let byte = v % 128;
    v = Math.floor(v / 128);
    if (v !== 0) byte |= 128;
    w.u8(byte);
  } while (v !== 0);
}
function sleb(w, value) {
  let v = value;
  for (; ; ) {
    const byte = (v % 128 + 128) % 128;
    v = Math.floor(v / 128);
    const done = v === 0 && (byte & 64) === 0 || v === -1 && (byte & 64) !== 0;
    w.u8(done ? byte : byte | 128);
    if (done) return;
  }
}
function encodeLineProgram(sections, files, compDir, ctx) {
  const prog = new ByteWriter();
  const fixupsInProgram = [];
  for (const sec2 of sections) {
    if (sec2.rows.length === 0) continue;
    prog.u8(0);
    uleb(prog, 1 + 8);
    prog.u8(DW_LNE_set_address);
    fixupsInProgram.push({ offsetBytes: prog.sizeBytes, section: sec2.section });
    prog.u64(0);
    let address = 0;
    let file = 1;
    let line = 1;
    let col = 0;
    for (const row of sec2.rows) {
      const f = files.index(row.sourceFile);
      if (f !== file) {
        prog.u8(DW_LNS_set_file);
        uleb(prog, f);
        file = f;
      }
      if (row.line !== line) {
        prog.u8(DW_LNS_advance_line);
        sleb(prog, row.line - line);
        line = row.line;
      }
      if (row.col !== col) {
        prog.u8(DW_LNS_set_column);
        uleb(prog, row.col);
        col = row.col;
      }
      if (row.addressBytes !== address) {
        prog.u8(DW_LNS_advance_pc);
        uleb(prog, (row.addressBytes - address) / INSN_BYTES);
        address = row.addressBytes;
      }
      prog.u8(DW_LNS_copy);
    }
    if (sec2.sizeBytes > address) {
      prog.u8(DW_LNS_advance_pc);
      uleb(prog, (sec2.sizeBytes - address) / INSN_BYTES);
    }
    prog.u8(0);
    uleb(prog, 1);
    prog.u8(DW_LNE_end_sequence);
  }
  const dirs = [compDir];
  const fileEntries = files.sourceFiles.map((id) => {
    const path = ctx.sources.get(id).path;
    if (!path.startsWith("/")) return { name: path, dir: 0 };
    const dir = dirName(path);
    let d = dirs.indexOf(dir);
    if (d < 0) d = dirs.push(dir) - 1;
    return { name: path.slice(dir.length === 1 ? 1 : dir.length + 1), dir: d };
  });
  const header = new ByteWriter();
  header.u8(INSN_BYTES);
  header.u8(1);
  header.u8(1);
  header.u8(-5 & 255);
  header.u8(14);
  header.u8(OPCODE_BASE);
  for (const n of STANDARD_OPCODE_LENGTHS) header.u8(n);
  header.u8(1);
  uleb(header, DW_LNCT_path);
  uleb(header, DW_FORM_string);
  uleb(header, dirs.length);
  for (const d of dirs) cstring(header, d);
  header.u8(2);
  uleb(header, DW_LNCT_path);
  uleb(header, DW_FORM_string);
  uleb(header, DW_LNCT_directory_index);
  uleb(header, DW_FORM_udata);
  uleb(header, fileEntries.length);
  for (const f of fileEntries) {
    cstring(header, f.name);
    uleb(header, f.dir);
  }
  const w = new ByteWriter();
  const headerBytes = header.finish();
  const progBytes = prog.finish();
  w.u32(2 + 1 + 1 + 4 + headerBytes.length + progBytes.length);
  w.u16(5);
  w.u8(8);
  w.u8(0);
  w.u32(headerBytes.length);
  w.bytes(headerBytes);
  const programStart = w.sizeBytes;
  w.bytes(progBytes);
  return {
    bytes: w.finish(),
    fixups: fixupsInProgram.map((f) => ({ offsetBytes: programStart + f.offsetBytes, section: f.section }))
  };
}
function cstring(w, s) {
  w.bytes(new TextEncoder().encode(s));
  w.u8(0);
}

// src/obj/dwarf.ts
var RNGLISTS_HEADER_BYTES = 12;
var ABBREV_CU_PC = 1;
var ABBREV_CU_RANGES = 2;
var ABBREV_SUBPROGRAM_EXTERNAL = 3;
var ABBREV_SUBPROGRAM_STATIC = 4;
function buildDwarf(sections, sourcePath, compDir, ctx) {
  if (!sections.some((s) => s.functions.some((f) => f.fn.lines.length > 0))) return [];
  const rows = lineRows(sections, ctx);
  const primary = Math.max(0, ctx.sources.files.findIndex((f) => f.path === sourcePath));
  const files = new DwarfFiles(primary);
  const strings = new StringTable();
  const info2 = new ByteWriter();
  const infoRelocs = [];
  const offsetInto = (section, value) => {
    infoRelocs.push({ offsetBytes: info2.sizeBytes, type: R_BPF_64_ABS32, section });
    info2.u32(value);
  };
  const addressIn = (section, offsetBytes) => {
    infoRelocs.push({ offsetBytes: info2.sizeBytes, type: R_BPF_64_ABS64, section });
    info2.u64(offsetBytes);
  };
  const multi = sections.length > 1;
  info2.u32(0);
  info2.u16(5);
  info2.u8(DW_UT_compile);
  info2.u8(8);
  offsetInto(".debug_abbrev", 0);
  uleb(info2, multi ? ABBREV_CU_RANGES : ABBREV_CU_PC);
  offsetInto(".debug_str", strings.add("ebcc"));
  info2.u16(DW_LANG_C11);
  offsetInto(".debug_str", strings.add(sourcePath));
  offsetInto(".debug_line", 0);
  offsetInto(".debug_str", strings.add(compDir));
  if (multi) {
    info2.u64(0);
    offsetInto(".debug_rnglists", RNGLISTS_HEADER_BYTES);
  } else {
    addressIn(sections[0].name, 0);
    info2.u32(rows[0].sizeBytes);
  }
  for (const sec2 of sections) {
    for (const { fn, offsetBytes } of sec2.functions) {
      const known = fn.span.file >= 0 && fn.span.file < ctx.sources.files.length;
      const declLine = known ? ctx.sources.lineCol(fn.span.file, fn.span.start).line : 0;
      uleb(info2, fn.global ? ABBREV_SUBPROGRAM_EXTERNAL : ABBREV_SUBPROGRAM_STATIC);
      addressIn(sec2.name, offsetBytes);
      info2.u32(fn.insns.length * INSN_BYTES);
      offsetInto(".debug_str", strings.add(fn.name));
      uleb(info2, files.index(known ? fn.span.file : primary));
      uleb(info2, declLine);
    }
  }
  info2.u8(0);
  const infoBytes = info2.finish();
  new DataView(infoBytes.buffer).setUint32(0, infoBytes.length - 4, true);
  const line = encodeLineProgram(rows, files, compDir, ctx);
  const out = [
    { name: ".debug_abbrev", data: encodeAbbrevs(), relocs: [] },
    { name: ".debug_info", data: infoBytes, relocs: infoRelocs },
    { name: ".debug_str", data: strings.finish(), relocs: [] },
    {
      name: ".debug_line",
      data: line.bytes,
      relocs: line.fixups.map((f) => ({ offsetBytes: f.offsetBytes, type: R_BPF_64_ABS64, section: f.section }))
    }
  ];
  if (multi) out.push(encodeRangeLists(rows.map((r2) => ({ section: r2.section, sizeBytes: r2.sizeBytes }))));
  return out;
}
function encodeAbbrevs() {
  const w = new ByteWriter();
  const abbrev = (code, tag, children, attrs) => {
    uleb(w, code);
    uleb(w, tag);
    w.u8(children);
    for (const [at, form] of attrs) {
      uleb(w, at);
      uleb(w, form);
    }
    w.u8(0);
    w.u8(0);
  };
  const cuCommon = [
    [DW_AT_producer, DW_FORM_strp],
    [DW_AT_language, DW_FORM_data2],
    [DW_AT_name, DW_FORM_strp],
    [DW_AT_stmt_list, DW_FORM_sec_offset],
    [DW_AT_comp_dir, DW_FORM_strp]
  ];
  abbrev(ABBREV_CU_PC, DW_TAG_compile_unit, DW_CHILDREN_yes, [...cuCommon, [DW_AT_low_pc, DW_FORM_addr], [DW_AT_high_pc, DW_FORM_data4]]);
  abbrev(ABBREV_CU_RANGES, DW_TAG_compile_unit, DW_CHILDREN_yes, [...cuCommon, [DW_AT_low_pc, DW_FORM_addr], [DW_AT_ranges, DW_FORM_sec_offset]]);
  const subprogram = [
    [DW_AT_low_pc, DW_FORM_addr],
    [DW_AT_high_pc, DW_FORM_data4],
    [DW_AT_name, DW_FORM_strp],
    [DW_AT_decl_file, DW_FORM_udata],
    [DW_AT_decl_line, DW_FORM_udata]
  ];
  abbrev(ABBREV_SUBPROGRAM_EXTERNAL, DW_TAG_subprogram, DW_CHILDREN_no, [...subprogram, [DW_AT_external, DW_FORM_flag_present]]);
  abbrev(ABBREV_SUBPROGRAM_STATIC, DW_TAG_subprogram, DW_CHILDREN_no, subprogram);
  w.u8(0);
  return w.finish();
}
function encodeRangeLists(sections) {
  const w = new ByteWriter();
  const relocs = [];
  w.u32(0);
  w.u16(5);
  w.u8(8);
  w.u8(0);
  w.u32(0);
  for (const s of sections) {
    w.u8(DW_RLE_start_length);
    relocs.push({ offsetBytes: w.sizeBytes, type: R_BPF_64_ABS64, section: s.section });
    w.u64(0);
    uleb(w, s.sizeBytes);
  }
  w.u8(DW_RLE_end_of_list);
  const data = w.finish();
  new DataView(data.buffer).setUint32(0, data.length - 4, true);
  return { name: ".debug_rnglists", data, relocs };
}

// src/obj/elf-writer.ts
function buildElf(sections) {
  const shstrtab = new StringTable();
  const nameOffsets = sections.map((s) => shstrtab.add(s.name));
  const shstrtabNameOff = shstrtab.add(".shstrtab");
  const all = [
    ...sections,
    {
      name: ".shstrtab",
      type: SHT_STRTAB,
      flags: 0,
      alignBytes: 1,
      link: 0,
      info: 0,
      entsizeBytes: 0,
      data: shstrtab.finish()
    }
  ];
  nameOffsets.push(shstrtabNameOff);
  const out = new ByteWriter();
  writeElfHeaderPlaceholder(out);
  const fileOffsets = [];
  for (const s of all) {
    if (s.type === SHT_NOBITS) {
      fileOffsets.push(out.sizeBytes);
      continue;
    }
    out.align(Math.max(1, s.alignBytes));
    fileOffsets.push(out.sizeBytes);
    out.bytes(s.data);
  }
  out.align(8);
  const shoff = out.sizeBytes;
  for (let i = 0; i < SECTION_HEADER_BYTES; i++) out.u8(0);
  all.forEach((s, i) => {
    out.u32(nameOffsets[i]);
    out.u32(s.type);
    out.u64(s.flags);
    out.u64(0);
    out.u64(fileOffsets[i]);
    out.u64(s.data.length);
    out.u32(s.link);
    out.u32(s.info);
    out.u64(s.alignBytes);
    out.u64(s.entsizeBytes);
  });
  const shnum = all.length + 1;
  const shstrndx = all.length;
  out.patchU64(40, shoff);
  out.patchU16(60, shnum);
  out.patchU16(62, shstrndx);
  return out.finish();
}
function writeElfHeaderPlaceholder(out) {
  out.bytes(new Uint8Array([127, 69, 76, 70, ELFCLASS64, ELFDATA2LSB, EV_CURRENT, 0]));
  out.u64(0);
  out.u16(ET_REL);
  out.u16(EM_BPF);
  out.u32(EV_CURRENT);
  out.u64(0);
  out.u64(0);
  out.u64(0);
  out.u32(0);
  out.u16(ELF_HEADER_BYTES);
  out.u16(0);
  out.u16(0);
  out.u16(SECTION_HEADER_BYTES);
  out.u16(0);
  out.u16(0);
}

// src/obj/ext-info.ts
function secondSlots(fn) {
  const out = /* @__PURE__ */ new Set();
  for (let i = 0; i < fn.insns.length; i++) {
    if (fn.insns[i].code === OPCODE_LD_IMM64) {
      out.add(i + 1);
      i++;
    }
  }
  return out;
}
function buildExtInfo(sections, ctx) {
  const funcInfo = [];
  const lineInfo = [];
  const wantLines = sections.some((s) => s.functions.some((f) => f.fn.lines.length > 0));
  for (const sec2 of sections) {
    for (const { fn, offsetBytes } of sec2.functions) {
      if (fn.btfFuncId !== 0) funcInfo.push({ section: sec2.name, insnOff: offsetBytes, typeId: fn.btfFuncId });
      if (wantLines) lineInfo.push(...functionLines(sec2.name, fn, offsetBytes, ctx));
    }
  }
  return { funcInfo, lineInfo };
}
function functionLines(section, fn, offsetBytes, ctx) {
  const skip = secondSlots(fn);
  const recs = [];
  const entries = [...fn.lines].sort((a, b) => a.insnIndex - b.insnIndex);
  for (const e of entries) {
    if (e.insnIndex < 0 || e.insnIndex >= fn.insns.length) continue;
    if (skip.has(e.insnIndex)) {
      ctx.diags.warning(
        "E6004",
        `line table entry of '${fn.name}' points at instruction ${e.insnIndex}, the second slot of an ld_imm64; it is dropped`,
        e.span
      );
      continue;
    }
    const rec = lineRecord(section, offsetBytes + e.insnIndex * INSN_BYTES, e.span, ctx);
    if (!rec) continue;
    if (recs.length > 0 && recs[recs.length - 1].insnOff === rec.insnOff) continue;
    recs.push(rec);
  }
  if (fn.insns.length > 0 && (recs.length === 0 || recs[0].insnOff !== offsetBytes)) {
    const first2 = lineRecord(section, offsetBytes, fn.span, ctx) ?? (recs[0] && { ...recs[0], insnOff: offsetBytes });
    if (first2) recs.unshift(first2);
  }
  return recs;
}
function lineRecord(section, insnOff, span, ctx) {
  if (span.file < 0 || span.file >= ctx.sources.files.length) return void 0;
  const { line, col } = ctx.sources.lineCol(span.file, span.start);
  return {
    section,
    insnOff,
    fileName: ctx.sources.get(span.file).path,
    lineText: ctx.sources.lineText(span.file, line),
    line,
    col
  };
}

// src/obj/symbols.ts
function buildSymbolTable(sourcePath, sections, symbols) {
  const rows = [{ name: "", info: 0, shndx: 0, value: 0, size: 0 }];
  const byName = /* @__PURE__ */ new Map();
  const bySection = /* @__PURE__ */ new Map();
  if (sourcePath !== "") rows.push({ name: sourcePath, info: STT_FILE, shndx: SHN_ABS, value: 0, size: 0 });
  for (const s of sections) {
    bySection.set(s.name, rows.length);
    rows.push({ name: "", info: STB_LOCAL << 4 | STT_SECTION, shndx: s.index, value: 0, size: 0 });
  }
  const push3 = (s) => {
    byName.set(s.name, rows.length);
    rows.push({
      name: s.name,
      info: (s.global ? STB_GLOBAL : STB_LOCAL) << 4 | s.type,
      shndx: s.sectionIndex,
      value: s.valueBytes,
      size: s.sizeBytes
    });
  };
  for (const global2 of [false, true]) {
    for (const type of [STT_FUNC, STT_OBJECT]) {
      for (const s of symbols) if (s.global === global2 && s.type === type) push3(s);
    }
  }
  const firstGlobal = rows.findIndex((r2) => r2.info >> 4 === STB_GLOBAL);
  const strings = new StringTable();
  const w = new ByteWriter();
  for (const r2 of rows) {
    w.u32(strings.add(r2.name));
    w.u8(r2.info);
    w.u8(0);
    w.u16(r2.shndx);
    w.u64(r2.value);
    w.u64(r2.size);
  }
  return {
    symtab: w.finish(),
    strtab: strings.finish(),
    firstGlobal: firstGlobal < 0 ? rows.length : firstGlobal,
    byName,
    bySection
  };
}

// src/obj/write.ts
function writeObject(prog, ctx) {
  const placed = placeFunctions(prog.functions);
  const progCount = placed.length;
  const dataIndex = (i) => 1 + progCount + i;
  const sectionIndexByName = /* @__PURE__ */ new Map();
  placed.forEach((s, i) => sectionIndexByName.set(s.name, 1 + i));
  prog.data.forEach((d, i) => sectionIndexByName.set(d.name, dataIndex(i)));
  const withRelocs = placed.filter((s) => s.functions.some((f) => f.fn.relocs.length > 0));
  const debug = ctx.options.debugInfo ? buildDwarf(placed, prog.sourcePath, ctx.options.compDir ?? ".", ctx) : [];
  const debugFirst = 1 + progCount + prog.data.length + withRelocs.length;
  debug.forEach((d, i) => sectionIndexByName.set(d.name, debugFirst + i));
  const debugWithRelocs = debug.filter((d) => d.relocs.length > 0);
  const hasBtf = prog.btf.length > 0;
  let next = debugFirst + debug.length + debugWithRelocs.length;
  const btfIndex = hasBtf ? next : 0;
  if (hasBtf) next += 2;
  const symtabIndex = next;
  const strtabIndex = next + 1;
  const specs = collectSymbols(prog, placed, sectionIndexByName, ctx);
  const namedSections = /* @__PURE__ */ new Set();
  for (const f of prog.functions) {
    for (const r2 of f.relocs) {
      if (!specs.some((s) => s.name === r2.symbol) && sectionIndexByName.has(r2.symbol)) namedSections.add(r2.symbol);
    }
  }
  const sectionSyms = [
    ...placed.map((s, i) => ({ name: s.name, index: 1 + i })),
    ...prog.data.flatMap((d, i) => namedSections.has(d.name) ? [{ name: d.name, index: dataIndex(i) }] : []),
    ...debug.flatMap((d, i) => debug.some((x) => x.relocs.some((r2) => r2.section === d.name)) ? [{ name: d.name, index: debugFirst + i }] : [])
  ];
  const symtab = buildSymbolTable(prog.sourcePath, sectionSyms, specs);
  const funcNames = new Set(prog.functions.map((f) => f.name));
  const sections = [];
  const relSections = [];
  placed.forEach((sec2, i) => {
    const code = [];
    const rel = new ByteWriter();
    for (const { fn, offsetBytes } of sec2.functions) {
      const insns = fn.insns.map((x) => ({ ...x }));
      const relocs = [...fn.relocs].sort((a, b) => a.insnIndex - b.insnIndex);
      for (const r2 of relocs) {
        const insn2 = insns[r2.insnIndex];
        const where = `relocation of '${fn.name}' at instruction ${r2.insnIndex}`;
        const isLdImm642 = insn2?.code === OPCODE_LD_IMM64 && r2.insnIndex + 1 < insns.length;
        const isCall2 = insn2?.code === OPCODE_CALL && insn2.src === BPF_PSEUDO_CALL;
        if (r2.kind === "map" ? !isLdImm642 : !isCall2) {
          const want = r2.kind === "map" ? "an ld_imm64 (opcode 0x18)" : "a BPF-to-BPF call (opcode 0x85, src_reg 1)";
          const saw = insn2 ? `opcode 0x${insn2.code.toString(16)}` : "no instruction";
          ctx.diags.error("E6002", `${where}: expected ${want}, saw ${saw}`, fn.span);
          continue;
        }
        const bySymbol = r2.kind === "call" && !funcNames.has(r2.symbol) ? void 0 : symtab.byName.get(r2.symbol);
        const symIndex = bySymbol ?? symtab.bySection.get(r2.symbol);
        if (symIndex === void 0) {
          const want = r2.kind === "call" ? "function or section" : "function, data object or section";
          ctx.diags.error("E6001", `${where}: expected a ${want} named '${r2.symbol}', saw none`, fn.span);
          continue;
        }
        if (r2.kind === "call" && bySymbol !== void 0) insn2.imm = -1;
        rel.u64(offsetBytes + r2.insnIndex * INSN_BYTES);
        rel.u64(BigInt(symIndex) << 32n | BigInt(r2.kind === "map" ? R_BPF_64_64 : R_BPF_64_32));
      }
      code.push(...insns);
    }
    sections.push({
      name: sec2.name,
      type: SHT_PROGBITS,
      flags: SHF_ALLOC | SHF_EXECINSTR,
      alignBytes: 8,
      link: 0,
      info: 0,
      entsizeBytes: 0,
      data: encodeInsns(code)
    });
    if (withRelocs.includes(sec2)) {
      relSections.push({
        name: `.rel${sec2.name}`,
        type: SHT_REL,
        flags: SHF_INFO_LINK,
        alignBytes: 8,
        link: symtabIndex,
        info: 1 + i,
        entsizeBytes: REL_BYTES,
        data: rel.finish()
      });
    }
  });
  for (const d of prog.data) {
    const kind = dataSectionKind(d.name);
    sections.push({ name: d.name, ...kind, link: 0, info: 0, entsizeBytes: 0, data: d.bytes });
  }
  sections.push(...relSections);
  sections.push(...debugSections(debug, debugWithRelocs, sectionIndexByName, symtab.bySection, symtabIndex));
  if (hasBtf) {
    const strings = new StringTable();
    const types = fixDatasecLayout(prog.btf, prog.data);
    const typeBytes = encodeBtfTypes(types, strings);
    const ext = encodeBtfExt(buildExtInfo(placed, ctx), strings);
    const btf = buildBtfSection(typeBytes, strings.finish());
    const plain = { type: SHT_PROGBITS, flags: 0, alignBytes: 4, link: 0, info: 0, entsizeBytes: 0 };
    sections.push({ name: ".BTF", ...plain, data: btf }, { name: ".BTF.ext", ...plain, data: ext });
    if (sections.length !== btfIndex + 1) throw new Error("internal: .BTF section index plan is wrong");
  }
  sections.push({
    name: ".symtab",
    type: SHT_SYMTAB,
    flags: 0,
    alignBytes: 8,
    link: strtabIndex,
    info: symtab.firstGlobal,
    entsizeBytes: SYMBOL_BYTES,
    data: symtab.symtab
  });
  sections.push({
    name: ".strtab",
    type: SHT_STRTAB,
    flags: 0,
    alignBytes: 1,
    link: 0,
    info: 0,
    entsizeBytes: 0,
    data: symtab.strtab
  });
  if (sections.length !== strtabIndex) throw new Error("internal: section index plan is wrong");
  return buildElf(sections);
}
function debugSections(debug, withRelocs, sectionIndexByName, sectionSymbols, symtabIndex) {
  const out = debug.map((d) => ({
    name: d.name,
    type: SHT_PROGBITS,
    flags: 0,
    alignBytes: 1,
    link: 0,
    info: 0,
    entsizeBytes: 0,
    data: d.data
  }));
  for (const d of withRelocs) {
    const rel = new ByteWriter();
    for (const r2 of d.relocs) {
      const sym = sectionSymbols.get(r2.section);
      if (sym === void 0) throw new Error(`internal: no section symbol for '${r2.section}'`);
      rel.u64(r2.offsetBytes);
      rel.u64(BigInt(sym) << 32n | BigInt(r2.type));
    }
    out.push({
      name: `.rel${d.name}`,
      type: SHT_REL,
      flags: SHF_INFO_LINK,
      alignBytes: 8,
      link: symtabIndex,
      info: sectionIndexByName.get(d.name),
      entsizeBytes: REL_BYTES,
      data: rel.finish()
    });
  }
  return out;
}
function placeFunctions(functions) {
  const out = [];
  const sizes = /* @__PURE__ */ new Map();
  for (const fn of functions) {
    let sec2 = out.find((s) => s.name === fn.section);
    if (!sec2) {
      sec2 = { name: fn.section, functions: [] };
      out.push(sec2);
      sizes.set(sec2, 0);
    }
    const at = sizes.get(sec2);
    sec2.functions.push({ fn, offsetBytes: at });
    sizes.set(sec2, at + fn.insns.length * INSN_BYTES);
  }
  return out;
}
function collectSymbols(prog, placed, sectionIndexByName, ctx) {
  const specs = [];
  const seen = /* @__PURE__ */ new Set();
  const claim = (name, where, span) => {
    if (seen.has(name)) {
      ctx.diags.error("E6003", `symbol '${name}' (${where}) is defined more than once; the later one is dropped`, span);
      return false;
    }
    seen.add(name);
    return true;
  };
  for (const sec2 of placed) {
    for (const { fn, offsetBytes } of sec2.functions) {
      if (!claim(fn.name, `function in section '${sec2.name}'`, fn.span)) continue;
      specs.push({
        name: fn.name,
        type: STT_FUNC,
        global: fn.global,
        sectionIndex: sectionIndexByName.get(sec2.name),
        valueBytes: offsetBytes,
        sizeBytes: fn.insns.length * INSN_BYTES
      });
    }
  }
  prog.data.forEach((d) => {
    for (const s of d.symbols) {
      if (!claim(s.name, `data object in section '${d.name}'`)) continue;
      specs.push({
        name: s.name,
        type: STT_OBJECT,
        global: s.global,
        sectionIndex: sectionIndexByName.get(d.name),
        valueBytes: s.offset,
        sizeBytes: s.sizeBytes
      });
    }
  });
  return specs;
}
function dataSectionKind(name) {
  if (name === "license") return { type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE, alignBytes: 1 };
  if (name === "version") return { type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE, alignBytes: 4 };
  if (name === ".rodata" || name.startsWith(".rodata.")) return { type: SHT_PROGBITS, flags: SHF_ALLOC, alignBytes: 8 };
  if (name === ".bss" || name.startsWith(".bss.")) return { type: SHT_NOBITS, flags: SHF_ALLOC | SHF_WRITE, alignBytes: 8 };
  return { type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE, alignBytes: 8 };
}

// src/ir/eval.ts
var MASK64 = (1n << 64n) - 1n;
function evalAlu(op, bits, a, b) {
  const w = BigInt(bits);
  const x = BigInt.asUintN(bits, a);
  const y = BigInt.asUintN(bits, b);
  const sx = BigInt.asIntN(bits, a);
  const sy = BigInt.asIntN(bits, b);
  const shift2 = y & w - 1n;
  let r2;
  switch (op) {
    case "add":
      r2 = x + y;
      break;
    case "sub":
      r2 = x - y;
      break;
    case "mul":
      r2 = x * y;
      break;
    case "div":
      r2 = y === 0n ? 0n : x / y;
      break;
    case "mod":
      r2 = y === 0n ? x : x % y;
      break;
    case "sdiv":
      r2 = sy === 0n ? 0n : sx / sy;
      break;
    case "smod":
      r2 = sy === 0n ? sx : sx % sy;
      break;
    case "or":
      r2 = x | y;
      break;
    case "and":
      r2 = x & y;
      break;
    case "xor":
      r2 = x ^ y;
      break;
    case "lsh":
      r2 = x << shift2;
      break;
    case "rsh":
      r2 = x >> shift2;
      break;
    case "arsh":
      r2 = sx >> shift2;
      break;
    default: {
      const never = op;
      return never;
    }
  }
  return BigInt.asUintN(bits, r2) & MASK64;
}
function evalNeg(bits, a) {
  return BigInt.asUintN(bits, -a);
}
function evalSext(bits, fromBits, a) {
  return BigInt.asUintN(bits, BigInt.asIntN(fromBits, a));
}
function evalBswap(bits, a) {
  let x = BigInt.asUintN(bits, a);
  let out = 0n;
  for (let i = 0; i < bits / 8; i++) {
    out = out << 8n | x & 0xffn;
    x >>= 8n;
  }
  return out;
}
function evalCmp(cmp, bits, a, b) {
  const x = BigInt.asUintN(bits, a);
  const y = BigInt.asUintN(bits, b);
  const sx = BigInt.asIntN(bits, a);
  const sy = BigInt.asIntN(bits, b);
  switch (cmp) {
    case "eq":
      return x === y;
    case "ne":
      return x !== y;
    case "gt":
      return x > y;
    case "ge":
      return x >= y;
    case "lt":
      return x < y;
    case "le":
      return x <= y;
    case "sgt":
      return sx > sy;
    case "sge":
      return sx >= sy;
    case "slt":
      return sx < sy;
    case "sle":
      return sx <= sy;
    case "set":
      return (x & y) !== 0n;
    default: {
      const never = cmp;
      return never;
    }
  }
}

// src/opt/const-prop.ts
function newState(tracked, from) {
  const s = from ? new Map(from) : /* @__PURE__ */ new Map();
  s.tracked = tracked;
  return s;
}
var SWAPPED3 = { eq: "eq", ne: "ne", gt: "lt", ge: "le", lt: "gt", le: "ge", sgt: "slt", sge: "sle", slt: "sgt", sle: "sge", set: "set" };
function meet(a, b) {
  if (a === void 0) return b;
  if (b === void 0) return a;
  return a === b ? a : "varying";
}
function valueOf(s, o) {
  if (o.kind === "imm") return BigInt.asUintN(64, o.value);
  return s.has(o.reg) ? s.get(o.reg) : s.tracked.has(o.reg) ? void 0 : "varying";
}
function trackedRegisters(fn) {
  const defs = /* @__PURE__ */ new Map();
  for (const b of fn.blocks) for (const i of b.insts) {
    const d = instDef(i);
    if (d === void 0) continue;
    const list = defs.get(d);
    if (list) list.push(i);
    else defs.set(d, [i]);
  }
  const tracked = /* @__PURE__ */ new Set();
  const may = (o) => o.kind === "imm" || tracked.has(o.reg);
  const canBeConst = (i) => {
    switch (i.op) {
      case "mov":
        return may(i.src);
      case "alu":
        return may(i.a) && may(i.b) || (i.alu === "and" || i.alu === "mul") && (i.a.kind === "imm" && i.a.value === 0n || i.b.kind === "imm" && i.b.value === 0n);
      case "neg":
        return tracked.has(i.a);
      case "sext":
      case "bswap":
        return tracked.has(i.src);
      default:
        return false;
    }
  };
  for (let again = true; again; ) {
    again = false;
    for (const [v, list] of defs) {
      if (!tracked.has(v) && !fn.params.includes(v) && list.some(canBeConst)) {
        tracked.add(v);
        again = true;
      }
    }
  }
  return tracked;
}
function constOf(s, o) {
  const v = valueOf(s, o);
  return typeof v === "bigint" ? v : void 0;
}
function transfer(i, s) {
  switch (i.op) {
    case "mov": {
      const v = valueOf(s, i.src);
      if (v === void 0 || v === "varying") return v ?? "varying";
      return i.bits === 32 ? BigInt.asUintN(32, v) : v;
    }
    case "alu": {
      const a = constOf(s, i.a);
      const b = constOf(s, i.b);
      if (a !== void 0 && b !== void 0) return evalAlu(i.alu, i.bits, a, b);
      if ((i.alu === "and" || i.alu === "mul") && (a === 0n || b === 0n)) return 0n;
      return "varying";
    }
    case "neg": {
      const a = s.get(i.a);
      return typeof a === "bigint" ? evalNeg(i.bits, a) : "varying";
    }
    case "sext": {
      const a = s.get(i.src);
      return typeof a === "bigint" ? evalSext(i.bits, i.fromBits, a) : "varying";
    }
    case "bswap": {
      const a = s.get(i.src);
      return typeof a === "bigint" ? evalBswap(i.bits, a) : "varying";
    }
    default:
      return "varying";
  }
}
function step(i, s) {
  const d = instDef(i);
  if (d !== void 0 && s.tracked.has(d)) s.set(d, transfer(i, s));
}
function liveSuccessors(t, s) {
  if (t.op !== "br") return successors(t);
  const a = valueOf(s, { kind: "reg", reg: t.a });
  const b = valueOf(s, t.b);
  if (typeof a === "bigint" && typeof b === "bigint") return [evalCmp(t.cmp, t.bits, a, b) ? t.then : t.else];
  return successors(t);
}
function constProp(fn) {
  const n = fn.blocks.length;
  const tracked = trackedRegisters(fn);
  const entry = new Array(n);
  entry[0] = newState(tracked);
  const work = [0];
  const queued = /* @__PURE__ */ new Set([0]);
  while (work.length > 0) {
    const id = work.shift();
    queued.delete(id);
    const s = newState(tracked, entry[id]);
    const b = fn.blocks[id];
    for (const i of b.insts) step(i, s);
    for (const succ of liveSuccessors(b.term, s)) {
      const old = entry[succ];
      let changed = false;
      if (!old) {
        entry[succ] = newState(tracked, s);
        changed = true;
      } else {
        for (const [k, v] of s) {
          const m = meet(old.get(k), v);
          if (m !== old.get(k)) {
            changed = true;
            old.set(k, m);
          }
        }
      }
      if (changed && !queued.has(succ)) {
        queued.add(succ);
        work.push(succ);
      }
    }
  }
  return rewrite(fn, entry);
}
function rewrite(fn, entry) {
  let changed = false;
  const imm2 = (v) => ({ kind: "imm", value: v });
  const fold = (s, o) => {
    if (o.kind !== "reg") return o;
    const v = valueOf(s, o);
    if (typeof v === "bigint") {
      changed = true;
      return imm2(v);
    }
    return o;
  };
  for (const b of fn.blocks) {
    const e = entry[b.id];
    if (!e) continue;
    const s = newState(e.tracked, e);
    b.insts = b.insts.map((i) => {
      let out = i;
      const d = instDef(i);
      const v = d !== void 0 ? transfer(i, s) : void 0;
      if (d !== void 0 && typeof v === "bigint" && i.op !== "call" && i.op !== "callfn" && i.op !== "atomic" && i.op !== "load") {
        if (!(i.op === "mov" && i.src.kind === "imm" && i.bits === 64)) {
          out = { op: "mov", bits: 64, dst: d, src: imm2(v), span: i.span };
          changed = true;
        }
      } else {
        switch (i.op) {
          case "mov":
            out = { ...i, src: fold(s, i.src) };
            break;
          case "alu":
            out = simplifyAlu({ ...i, a: fold(s, i.a), b: fold(s, i.b) });
            if (out !== i) changed = true;
            break;
          case "store":
            out = { ...i, src: fold(s, i.src) };
            break;
          case "call":
          case "callfn":
            out = { ...i, args: i.args.map((a) => fold(s, a)) };
            break;
          case "memop":
            out = { ...i, size: fold(s, i.size), value: i.value && fold(s, i.value) };
            break;
          default:
            break;
        }
      }
      step(i, s);
      return out;
    });
    const t = b.term;
    if (t.op === "br") {
      const a = valueOf(s, { kind: "reg", reg: t.a });
      const bv = valueOf(s, t.b);
      if (typeof a === "bigint" && typeof bv === "bigint") {
        b.term = { op: "jmp", target: evalCmp(t.cmp, t.bits, a, bv) ? t.then : t.else, span: t.span };
        changed = true;
      } else if (typeof a === "bigint" && t.b.kind === "reg") {
        b.term = { ...t, cmp: SWAPPED3[t.cmp], a: t.b.reg, b: imm2(a) };
        changed = true;
      } else if (t.b.kind === "reg" && typeof bv === "bigint") {
        b.term = { ...t, b: imm2(bv) };
        changed = true;
      }
    } else if (t.op === "ret" && t.value) {
      const folded = fold(s, t.value);
      if (folded !== t.value) b.term = { ...t, value: folded };
    }
  }
  return changed;
}
function simplifyAlu(i) {
  const allOnes = i.bits === 64 ? 0xffffffffffffffffn : 0xffffffffn;
  const identity2 = { add: 0n, sub: 0n, or: 0n, xor: 0n, lsh: 0n, rsh: 0n, arsh: 0n, mul: 1n, and: allOnes, div: 1n };
  const commutative = i.alu === "add" || i.alu === "or" || i.alu === "xor" || i.alu === "mul" || i.alu === "and";
  const id = identity2[i.alu];
  if (id === void 0) return i;
  const isId = (o) => o.kind === "imm" && BigInt.asUintN(i.bits, o.value) === id;
  if (isId(i.b)) return { op: "mov", bits: i.bits, dst: i.dst, src: i.a, span: i.span };
  if (commutative && isId(i.a)) return { op: "mov", bits: i.bits, dst: i.dst, src: i.b, span: i.span };
  return i;
}

// src/opt/copy-prop.ts
function countDefsAndUses(fn) {
  const defs = /* @__PURE__ */ new Map();
  const uses = /* @__PURE__ */ new Map();
  for (const p of fn.params) defs.set(p, 1);
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      for (const u of instUses(i)) uses.set(u, (uses.get(u) ?? 0) + 1);
      const d = instDef(i);
      if (d !== void 0) defs.set(d, (defs.get(d) ?? 0) + 1);
    }
    for (const u of termUses(b.term)) uses.set(u, (uses.get(u) ?? 0) + 1);
  }
  return { defs, uses };
}
function renameUses(i, map2) {
  const op = (o) => o.kind === "reg" ? { kind: "reg", reg: map2(o.reg) } : o;
  const ad = (a) => a.kind === "reg" ? { ...a, reg: map2(a.reg) } : a;
  switch (i.op) {
    case "mov":
      return { ...i, src: op(i.src) };
    case "alu":
      return { ...i, a: op(i.a), b: op(i.b) };
    case "neg":
      return { ...i, a: map2(i.a) };
    case "sext":
    case "bswap":
      return { ...i, src: map2(i.src) };
    case "load":
      return { ...i, addr: ad(i.addr) };
    case "store":
      return { ...i, addr: ad(i.addr), src: op(i.src) };
    case "call":
    case "callfn":
      return { ...i, args: i.args.map(op) };
    case "atomic":
      return { ...i, addr: ad(i.addr), src: map2(i.src), expected: i.expected === void 0 ? void 0 : map2(i.expected) };
    case "memop":
      return { ...i, to: ad(i.to), from: i.from && ad(i.from), value: i.value && op(i.value), size: op(i.size) };
    case "slotaddr":
    case "mapaddr":
    case "dataaddr":
      return i;
    default: {
      const never = i;
      return never;
    }
  }
}
function copyProp(fn) {
  let changed = false;
  const { defs } = countDefsAndUses(fn);
  const alias = /* @__PURE__ */ new Map();
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if (i.op === "mov" && i.bits === 64 && i.src.kind === "reg" && defs.get(i.dst) === 1 && defs.get(i.src.reg) === 1 && i.src.reg !== i.dst) {
        alias.set(i.dst, i.src.reg);
      }
    }
  }
  const resolve = (r2) => {
    let x = r2;
    for (let n = 0; alias.has(x) && n < 64; n++) x = alias.get(x);
    return x;
  };
  if (alias.size > 0) {
    for (const b of fn.blocks) {
      b.insts = b.insts.map((i) => renameUses(i, resolve));
      const t = b.term;
      if (t.op === "br") b.term = { ...t, a: resolve(t.a), b: t.b.kind === "reg" ? { kind: "reg", reg: resolve(t.b.reg) } : t.b };
      else if (t.op === "ret" && t.value?.kind === "reg") b.term = { ...t, value: { kind: "reg", reg: resolve(t.value.reg) } };
    }
    changed = true;
  }
  const counts = countDefsAndUses(fn);
  for (const b of fn.blocks) {
    for (let k = 0; k < b.insts.length; k++) {
      const mv = b.insts[k];
      if (mv.op !== "mov" || mv.bits !== 64 || mv.src.kind !== "reg") continue;
      const t = mv.src.reg;
      const v = mv.dst;
      if (t === v || counts.defs.get(t) !== 1 || counts.uses.get(t) !== 1 || fn.params.includes(t)) continue;
      let j = k - 1;
      for (; j >= 0; j--) {
        const x = b.insts[j];
        if (instDef(x) === t) break;
        if (instDef(x) === v || instUses(x).includes(v)) {
          j = -1;
          break;
        }
      }
      if (j < 0) continue;
      const def = b.insts[j];
      if (instUses(def).includes(v) && def.op !== "alu" && def.op !== "mov") continue;
      def.dst = v;
      b.insts.splice(k, 1);
      k--;
      changed = true;
    }
  }
  return changed;
}

// src/opt/dce.ts
function hasSideEffects(i) {
  return i.op === "store" || i.op === "call" || i.op === "callfn" || i.op === "atomic" || i.op === "memop";
}
function deadCodeElim(fn) {
  let changed = false;
  for (; ; ) {
    const liveOut = computeLiveOut(fn);
    let removed = false;
    for (const b of fn.blocks) {
      const live = new Set(liveOut[b.id]);
      for (const u of termUses(b.term)) live.add(u);
      const kept = [];
      for (let k = b.insts.length - 1; k >= 0; k--) {
        const i = b.insts[k];
        const d = instDef(i);
        if (d !== void 0 && !live.has(d)) {
          if (!hasSideEffects(i)) {
            removed = true;
            continue;
          }
          if ((i.op === "call" || i.op === "callfn") && i.dst !== void 0) {
            i.dst = void 0;
            removed = true;
          }
        }
        if (d !== void 0) live.delete(d);
        for (const u of instUses(i)) live.add(u);
        kept.push(i);
      }
      b.insts = kept.reverse();
    }
    if (!removed) return changed;
    changed = true;
  }
}

// src/opt/expand-mem.ts
function expandMemOps(fn, ctx) {
  const newVReg2 = () => fn.vregCount++;
  for (let k = 0; k < fn.blocks.length; k++) expandBlock(fn, fn.blocks[k], ctx, newVReg2);
}
function expandBlock(fn, b, ctx, newVReg2) {
  const out = [];
  for (let idx = 0; idx < b.insts.length; idx++) {
    const i = b.insts[idx];
    if (i.op !== "memop") {
      out.push(i);
      continue;
    }
    if (i.size.kind !== "imm") {
      reportOnce(ctx, `the size passed to '${i.builtin}' is not a compile-time constant, even after inlining and constant propagation: BPF programs expand it into loads and stores`, i.sizeSpan, i);
      continue;
    }
    const size = Number(i.size.value);
    switch (i.kind) {
      case "copy":
      case "move":
        out.push(...copyInsts(i.to, i.from, size, i.alignBytes, newVReg2, i.span, i.kind === "move"));
        break;
      case "set":
        if (i.value.kind !== "imm") {
          reportOnce(ctx, `the fill byte passed to '${i.builtin}' is not a compile-time constant, even after inlining and constant propagation`, i.valueSpan ?? i.span, i);
          break;
        }
        out.push(...fillInsts(i.to, size, i.alignBytes, Number(i.value.value & 0xffn), i.span));
        break;
      case "cmp": {
        const rest = { id: fn.blocks.length, insts: b.insts.slice(idx + 1), term: b.term };
        fn.blocks.push(rest);
        b.insts = out;
        b.term = compareChain(fn, b, i, size, rest.id, newVReg2);
        return;
      }
      default: {
        const never = i.kind;
        return never;
      }
    }
  }
  b.insts = out;
}
function reportOnce(ctx, message, span, i) {
  const notes = i.inlinedAt.map((c) => ({ message: `'${c.callee}' is inlined here`, span: c.span }));
  const same = (a, b) => a?.file === b?.file && a?.start === b?.start;
  const dup = ctx.diags.list.some((d) => d.code === "E5006" && d.message === message && same(d.span, span) && d.notes.length === notes.length && d.notes.every((n, k) => same(n.span, notes[k].span)));
  if (!dup) ctx.diags.error("E5006", message, span, { notes });
}
function compareChain(fn, b, i, size, done, newVReg2) {
  const span = i.span;
  const dst = i.dst;
  b.insts.push({ op: "mov", bits: 64, dst, src: { kind: "imm", value: 0n }, span });
  let cur = b;
  const terms = [];
  for (let off = 0; off < size; off++) {
    const x = newVReg2();
    const y = newVReg2();
    cur.insts.push(
      { op: "load", size: 1, dst: x, addr: { ...i.to, off: i.to.off + off }, span },
      { op: "load", size: 1, dst: y, addr: { ...i.from, off: i.from.off + off }, span },
      { op: "alu", alu: "sub", bits: 32, dst, a: { kind: "reg", reg: x }, b: { kind: "reg", reg: y }, span }
    );
    const next = { id: fn.blocks.length, insts: [], term: { op: "jmp", target: done, span } };
    fn.blocks.push(next);
    const t = { op: "br", cmp: "ne", bits: 32, a: dst, b: { kind: "imm", value: 0n }, then: done, else: next.id, span };
    if (cur === b) terms.push(t);
    else cur.term = t;
    cur = next;
  }
  return terms[0] ?? { op: "jmp", target: done, span };
}

// src/opt/fold-address.ts
var MAX_OFF = 32767;
function foldAddresses(fn) {
  let changed = false;
  for (const b of fn.blocks) {
    const derived = /* @__PURE__ */ new Map();
    const slots = /* @__PURE__ */ new Map();
    const fold = (a) => {
      if (a.kind !== "reg") return a;
      const sl = slots.get(a.reg);
      if (sl) {
        changed = true;
        return { kind: "slot", slot: sl.slot, off: sl.off + a.off };
      }
      const d = derived.get(a.reg);
      if (!d) return a;
      const off = d.off + a.off;
      if (off < -MAX_OFF - 1 || off > MAX_OFF) return a;
      changed = true;
      return { kind: "reg", reg: d.base, off };
    };
    b.insts = b.insts.map((i) => {
      let out = i;
      if (i.op === "load" || i.op === "store" || i.op === "atomic") out = { ...i, addr: fold(i.addr) };
      const dst = instDef(i);
      if (dst !== void 0) {
        for (const [k, v] of derived) if (k === dst || v.base === dst) derived.delete(k);
        slots.delete(dst);
        if (i.op === "slotaddr") slots.set(dst, { slot: i.slot, off: i.off });
        const fromSlot = i.op === "alu" && i.bits === 64 && i.alu === "add" && i.a.kind === "reg" && i.b.kind === "imm" ? slots.get(i.a.reg) : void 0;
        if (fromSlot && i.op === "alu" && i.b.kind === "imm") slots.set(dst, { slot: fromSlot.slot, off: fromSlot.off + Number(BigInt.asIntN(64, i.b.value)) });
        if (i.op === "mov" && i.bits === 64 && i.src.kind === "reg" && slots.has(i.src.reg)) slots.set(dst, slots.get(i.src.reg));
        if (i.op === "alu" && i.bits === 64 && (i.alu === "add" || i.alu === "sub") && i.a.kind === "reg" && i.b.kind === "imm" && i.a.reg !== dst) {
          const k = Number(BigInt.asIntN(64, i.b.value)) * (i.alu === "sub" ? -1 : 1);
          const inner = derived.get(i.a.reg);
          const base = inner ? inner.base : i.a.reg;
          const off = (inner ? inner.off : 0) + k;
          if (Math.abs(off) <= MAX_OFF) derived.set(dst, { base, off });
        } else if (i.op === "mov" && i.bits === 64 && i.src.kind === "reg" && i.src.reg !== dst) {
          const inner = derived.get(i.src.reg);
          derived.set(dst, inner ?? { base: i.src.reg, off: 0 });
        }
      }
      return out;
    });
  }
  return changed;
}

// src/opt/simplify-cfg.ts
function simplifyCfg(fn) {
  const forward = (id) => {
    const seen = /* @__PURE__ */ new Set();
    let cur = id;
    for (; ; ) {
      const b = fn.blocks[cur];
      if (b.insts.length !== 0 || b.term.op !== "jmp" || seen.has(cur)) return cur;
      seen.add(cur);
      cur = b.term.target;
    }
  };
  for (const b of fn.blocks) {
    const t = b.term;
    if (t.op === "jmp") t.target = forward(t.target);
    else if (t.op === "br") {
      t.then = forward(t.then);
      t.else = forward(t.else);
      if (t.then === t.else) b.term = { op: "jmp", target: t.then, span: t.span };
    }
  }
  const predCount = /* @__PURE__ */ new Map();
  for (const b of fn.blocks) for (const s of successors(b.term)) predCount.set(s, (predCount.get(s) ?? 0) + 1);
  for (const a of fn.blocks) {
    for (; ; ) {
      const t = a.term;
      if (t.op !== "jmp" || t.target === 0 || t.target === a.id || predCount.get(t.target) !== 1) break;
      const b = fn.blocks[t.target];
      a.insts.push(...b.insts);
      a.term = b.term;
      b.insts = [];
      b.term = { op: "jmp", target: b.id, span: b.term.span };
      predCount.set(b.id, 0);
    }
  }
  const reachable2 = /* @__PURE__ */ new Set();
  const stack = [0];
  while (stack.length > 0) {
    const id = stack.pop();
    if (reachable2.has(id)) continue;
    reachable2.add(id);
    stack.push(...successors(fn.blocks[id].term));
  }
  const renumber = /* @__PURE__ */ new Map();
  const kept = [];
  for (const b of fn.blocks) {
    if (!reachable2.has(b.id)) continue;
    renumber.set(b.id, kept.length);
    kept.push(b);
  }
  const map2 = (id) => renumber.get(id);
  for (const b of kept) {
    b.id = map2(b.id);
    const t = b.term;
    if (t.op === "jmp") t.target = map2(t.target);
    else if (t.op === "br") {
      t.then = map2(t.then);
      t.else = map2(t.else);
    }
  }
  fn.blocks = kept;
}

// src/opt/loops.ts
function predecessors(fn) {
  const preds = fn.blocks.map(() => []);
  for (const b of fn.blocks) for (const s of successors(b.term)) preds[s].push(b.id);
  return preds;
}
function dominators(fn, preds) {
  const n = fn.blocks.length;
  const all = new Set(fn.blocks.map((b) => b.id));
  const dom = fn.blocks.map((b) => b.id === 0 ? /* @__PURE__ */ new Set([0]) : new Set(all));
  let changed = true;
  while (changed) {
    changed = false;
    for (let b = 1; b < n; b++) {
      let next;
      for (const p of preds[b]) {
        if (!next) next = new Set(dom[p]);
        else for (const x of next) if (!dom[p].has(x)) next.delete(x);
      }
      next ??= /* @__PURE__ */ new Set();
      next.add(b);
      if (next.size !== dom[b].size) {
        dom[b] = next;
        changed = true;
      }
    }
  }
  return dom;
}
function findLoops(fn) {
  const preds = predecessors(fn);
  const dom = dominators(fn, preds);
  const byHeader = /* @__PURE__ */ new Map();
  for (const b of fn.blocks) {
    for (const h of successors(b.term)) {
      if (!dom[b.id].has(h)) continue;
      let loop = byHeader.get(h);
      if (!loop) {
        loop = { header: h, blocks: /* @__PURE__ */ new Set([h]), latches: [] };
        byHeader.set(h, loop);
      }
      loop.latches.push(b.id);
      const stack = [b.id];
      while (stack.length > 0) {
        const x = stack.pop();
        if (loop.blocks.has(x)) continue;
        loop.blocks.add(x);
        stack.push(...preds[x]);
      }
    }
  }
  return [...byHeader.values()].sort((a, b) => a.blocks.size - b.blocks.size);
}

// src/opt/unroll.ts
var MAX_TRIPS = 8192;
var MAX_INSNS = 1e6;
function unrollLoops(fn, ctx) {
  for (; ; ) {
    const loops = findLoops(fn);
    if (loops.length === 0) return;
    const loop = loops[0];
    const ok = unrollLoop(fn, loop, ctx);
    simplifyCfg(fn);
    if (!ok) return;
  }
}
function retarget(t, map2) {
  switch (t.op) {
    case "jmp":
      return { ...t, target: map2(t.target) };
    case "br":
      return { ...t, then: map2(t.then), else: map2(t.else) };
    case "ret":
      return t;
    default: {
      const never = t;
      return never;
    }
  }
}
function countInsns(fn) {
  let n = 0;
  for (const b of fn.blocks) n += b.insts.length + 1;
  return n;
}
function reachable(fn, target2) {
  const seen = /* @__PURE__ */ new Set([0]);
  const stack = [0];
  while (stack.length > 0) {
    const id = stack.pop();
    if (id === target2) return true;
    for (const s of successors(fn.blocks[id].term)) {
      if (!seen.has(s)) {
        seen.add(s);
        stack.push(s);
      }
    }
  }
  return false;
}
function unrollLoop(fn, loop, ctx) {
  const body = [...loop.blocks].sort((a, b) => a - b);
  const branchesInLoop = body.filter((id) => fn.blocks[id].term.op === "br").length;
  let trips = 0;
  for (let batch = 1; ; batch = Math.min(batch * 2, 64)) {
    if (trips >= MAX_TRIPS || countInsns(fn) > MAX_INSNS) {
      report(fn, loop, ctx, `unrolling it would take more than ${trips >= MAX_TRIPS ? `${MAX_TRIPS} iterations` : `${MAX_INSNS} instructions`}`);
      return false;
    }
    const copies = [];
    for (let j = 0; j < batch; j++) {
      const cloneOf = /* @__PURE__ */ new Map();
      for (const id of body) cloneOf.set(id, fn.blocks.length + j * body.length + cloneOf.size);
      copies.push(cloneOf);
    }
    const clones = [];
    copies.forEach((cloneOf, j) => {
      const next = j + 1 < batch ? copies[j + 1].get(loop.header) : loop.header;
      for (const id of body) {
        const src = fn.blocks[id];
        const copy = { id: cloneOf.get(id), insts: structuredClone(src.insts), term: structuredClone(src.term) };
        copy.term = retarget(copy.term, (t) => t === loop.header ? next : cloneOf.get(t) ?? t);
        clones.push(copy);
      }
    });
    const preds = predecessors(fn);
    for (const p of preds[loop.header]) {
      if (loop.blocks.has(p)) continue;
      const b = fn.blocks[p];
      b.term = retarget(b.term, (t) => t === loop.header ? copies[0].get(loop.header) : t);
    }
    fn.blocks.push(...clones);
    trips += batch;
    constProp(fn);
    if (!reachable(fn, loop.header)) return true;
    const firstCopy = clones.slice(0, body.length);
    const branchesLeft = firstCopy.filter((c) => c.term.op === "br").length;
    if (branchesLeft >= branchesInLoop) {
      report(fn, loop, ctx, void 0);
      return false;
    }
  }
}
function report(fn, loop, ctx, reason) {
  const head2 = fn.blocks[loop.header];
  let cond = head2.term;
  if (cond.op !== "br") {
    for (const id of loop.blocks) {
      const t = fn.blocks[id].term;
      if (t.op === "br") {
        cond = t;
        break;
      }
    }
  }
  const variable = cond.op === "br" ? fn.vregNames.get(cond.a) ?? (cond.b.kind === "reg" ? fn.vregNames.get(cond.b.reg) : void 0) : void 0;
  const why = reason ?? (variable ? `its exit condition depends on '${variable}', whose value is not known at compile time` : "its trip count is not a compile-time constant");
  ctx.diags.error("E5011", `loop cannot be unrolled: ${why}`, cond.span, {
    notes: [{ message: "BPF C loops are fully unrolled: bound the loop by a constant (for example `for (i = 0; i < 16 && i < n; i++)`), or use bpf_loop() or a tail call" }]
  });
}

// src/opt/zext-elim.ts
function clearsUpperHalf(i) {
  switch (i.op) {
    case "load":
      return i.size <= 4;
    case "alu":
    case "neg":
      return i.bits === 32;
    case "sext":
      return i.bits === 32;
    case "bswap":
      return i.bits <= 32;
    case "mov":
      return i.bits === 32 || i.src.kind === "imm" && BigInt.asUintN(64, i.src.value) <= 0xffffffffn;
    default:
      return false;
  }
}
function eliminateZeroExtensions(fn) {
  const clean = /* @__PURE__ */ new Map();
  for (const p of fn.params) clean.set(p, false);
  const defs = [];
  for (const b of fn.blocks) for (const i of b.insts) if (instDef(i) !== void 0) defs.push(i);
  for (let again = true; again; ) {
    again = false;
    for (const i of defs) {
      const d = instDef(i);
      if (clean.get(d) === false) continue;
      const ok = i.op === "mov" && i.bits === 64 && i.src.kind === "reg" ? clean.get(i.src.reg) !== false : clearsUpperHalf(i);
      if (!ok) {
        clean.set(d, false);
        again = true;
      }
    }
  }
  let changed = false;
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if (i.op === "mov" && i.bits === 32 && i.src.kind === "reg" && clean.get(i.src.reg) !== false) {
        i.bits = 64;
        changed = true;
      }
    }
  }
  return changed;
}
function eliminateSignExtensions(fn) {
  const ALL64 = (1n << 64n) - 1n;
  const bound = /* @__PURE__ */ new Map();
  for (const p of fn.params) bound.set(p, ALL64);
  const defs = [];
  for (const b of fn.blocks) for (const i of b.insts) if (instDef(i) !== void 0) defs.push(i);
  const of = (o, bits) => {
    const full = (1n << BigInt(bits)) - 1n;
    if (o.kind === "imm") return BigInt.asUintN(bits, o.value);
    const b = bound.get(o.reg);
    return b === void 0 ? 0n : b > full ? full : b;
  };
  const defBound = (i) => {
    switch (i.op) {
      case "mov":
        return i.bits === 32 ? of(i.src, 32) : of(i.src, 64);
      case "load":
        return (1n << BigInt(i.size * 8)) - 1n;
      case "alu": {
        const full = (1n << BigInt(i.bits)) - 1n;
        const a = of(i.a, i.bits);
        const b = of(i.b, i.bits);
        const capped = (v) => v > full ? full : v;
        switch (i.alu) {
          case "and":
            return a < b ? a : b;
          case "or":
          case "xor": {
            const m = a > b ? a : b;
            return capped((1n << BigInt(m.toString(2).length)) - 1n);
          }
          case "add":
            return capped(a + b);
          case "mul":
            return capped(a * b);
          case "lsh":
            return i.b.kind === "imm" ? capped(a << BigInt.asUintN(6, i.b.value)) : full;
          case "rsh":
          case "div":
            return a;
          case "mod":
            return i.b.kind === "imm" && i.b.value > 0n ? b - 1n < a ? b - 1n : a : a;
          default:
            return full;
        }
      }
      case "bswap":
        return (1n << BigInt(i.bits)) - 1n;
      default:
        return ALL64;
    }
  };
  for (let round = 0, again = true; again && round < 64; round++) {
    again = false;
    for (const i of defs) {
      const d = instDef(i);
      const v = defBound(i);
      const old = bound.get(d) ?? 0n;
      if (v > old) {
        bound.set(d, round >= 32 ? ALL64 : v);
        again = true;
      }
    }
  }
  let changed = false;
  for (const b of fn.blocks) {
    b.insts = b.insts.map((i) => {
      if (i.op !== "sext") return i;
      const limit = 1n << BigInt(i.fromBits - 1);
      const src = bound.get(i.src);
      if (src === void 0 || src >= limit) return i;
      changed = true;
      return { op: "mov", bits: 64, dst: i.dst, src: { kind: "reg", reg: i.src }, span: i.span };
    });
  }
  return changed;
}

// src/opt/pipeline.ts
function optimize(module2, ctx, hooks = {}) {
  for (const fn of module2.functions) {
    const run2 = (pass, f) => {
      f();
      hooks.afterPass?.(pass, fn);
    };
    run2("simplify-cfg", () => simplifyCfg(fn));
    run2("const-prop", () => constProp(fn));
    run2("simplify-cfg", () => simplifyCfg(fn));
    run2("unroll", () => unrollLoops(fn, ctx));
    run2("expand-mem", () => expandMemOps(fn, ctx));
    run2("simplify-cfg", () => simplifyCfg(fn));
    if (ctx.options.optLevel > 0) {
      run2("const-prop", () => constProp(fn));
      run2("simplify-cfg", () => simplifyCfg(fn));
      run2("copy-prop", () => copyProp(fn));
      run2("fold-address", () => foldAddresses(fn));
      run2("zext-elim", () => eliminateZeroExtensions(fn));
      run2("sext-elim", () => eliminateSignExtensions(fn));
      run2("copy-prop", () => copyProp(fn));
      run2("dce", () => deadCodeElim(fn));
    }
  }
  return module2;
}

// node_modules/lodash-es/_freeGlobal.js
var freeGlobal = typeof global == "object" && global && global.Object === Object && global;
var freeGlobal_default = freeGlobal;

// node_modules/lodash-es/_root.js
var freeSelf = typeof self == "object" && self && self.Object === Object && self;
var root = freeGlobal_default || freeSelf || Function("return this")();
var root_default = root;

// node_modules/lodash-es/_Symbol.js
var Symbol = root_default.Symbol;
var Symbol_default = Symbol;

// node_modules/lodash-es/_getRawTag.js
var objectProto = Object.prototype;
var hasOwnProperty = objectProto.hasOwnProperty;
var nativeObjectToString = objectProto.toString;
var symToStringTag = Symbol_default ? Symbol_default.toStringTag : void 0;
function getRawTag(value) {
  var isOwn = hasOwnProperty.call(value, symToStringTag), tag = value[symToStringTag];
  try {
    value[symToStringTag] = void 0;
    var unmasked = true;
  } catch (e) {
  }
  var result = nativeObjectToString.call(value);
  if (unmasked) {
    if (isOwn) {
      value[symToStringTag] = tag;
    } else {
      delete value[symToStringTag];
    }
  }
  return result;
}
var getRawTag_default = getRawTag;

// node_modules/lodash-es/_objectToString.js
var objectProto2 = Object.prototype;
var nativeObjectToString2 = objectProto2.toString;
function objectToString(value) {
  return nativeObjectToString2.call(value);
}
var objectToString_default = objectToString;

// node_modules/lodash-es/_baseGetTag.js
var nullTag = "[object Null]";
var undefinedTag = "[object Undefined]";
var symToStringTag2 = Symbol_default ? Symbol_default.toStringTag : void 0;
function baseGetTag(value) {
  if (value == null) {
    return value === void 0 ? undefinedTag : nullTag;
  }
  return symToStringTag2 && symToStringTag2 in Object(value) ? getRawTag_default(value) : objectToString_default(value);
}
var baseGetTag_default = baseGetTag;

// node_modules/lodash-es/isObjectLike.js
function isObjectLike(value) {
  return value != null && typeof value == "object";
}
var isObjectLike_default = isObjectLike;

// node_modules/lodash-es/isSymbol.js
var symbolTag = "[object Symbol]";
function isSymbol(value) {
  return typeof value == "symbol" || isObjectLike_default(value) && baseGetTag_default(value) == symbolTag;
}
var isSymbol_default = isSymbol;

// node_modules/lodash-es/_arrayMap.js
function arrayMap(array, iteratee) {
  var index2 = -1, length = array == null ? 0 : array.length, result = Array(length);
  while (++index2 < length) {
    result[index2] = iteratee(array[index2], index2, array);
  }
  return result;
}
var arrayMap_default = arrayMap;

// node_modules/lodash-es/isArray.js
var isArray = Array.isArray;
var isArray_default = isArray;

// node_modules/lodash-es/_baseToString.js
var INFINITY = 1 / 0;
var symbolProto = Symbol_default ? Symbol_default.prototype : void 0;
var symbolToString = symbolProto ? symbolProto.toString : void 0;
function baseToString(value) {
  if (typeof value == "string") {
    return value;
  }
  if (isArray_default(value)) {
    return arrayMap_default(value, baseToString) + "";
  }
  if (isSymbol_default(value)) {
    return symbolToString ? symbolToString.call(value) : "";
  }
  var result = value + "";
  return result == "0" && 1 / value == -INFINITY ? "-0" : result;
}
var baseToString_default = baseToString;

// node_modules/lodash-es/_trimmedEndIndex.js
var reWhitespace = /\s/;
function trimmedEndIndex(string) {
  var index2 = string.length;
  while (index2-- && reWhitespace.test(string.charAt(index2))) {
  }
  return index2;
}
var trimmedEndIndex_default = trimmedEndIndex;

// node_modules/lodash-es/_baseTrim.js
var reTrimStart = /^\s+/;
function baseTrim(string) {
  return string ? string.slice(0, trimmedEndIndex_default(string) + 1).replace(reTrimStart, "") : string;
}
var baseTrim_default = baseTrim;

// node_modules/lodash-es/isObject.js
function isObject(value) {
  var type = typeof value;
  return value != null && (type == "object" || type == "function");
}
var isObject_default = isObject;

// node_modules/lodash-es/toNumber.js
var NAN = 0 / 0;
var reIsBadHex = /^[-+]0x[0-9a-f]+$/i;
var reIsBinary = /^0b[01]+$/i;
var reIsOctal = /^0o[0-7]+$/i;
var freeParseInt = parseInt;
function toNumber(value) {
  if (typeof value == "number") {
    return value;
  }
  if (isSymbol_default(value)) {
    return NAN;
  }
  if (isObject_default(value)) {
    var other = typeof value.valueOf == "function" ? value.valueOf() : value;
    value = isObject_default(other) ? other + "" : other;
  }
  if (typeof value != "string") {
    return value === 0 ? value : +value;
  }
  value = baseTrim_default(value);
  var isBinary = reIsBinary.test(value);
  return isBinary || reIsOctal.test(value) ? freeParseInt(value.slice(2), isBinary ? 2 : 8) : reIsBadHex.test(value) ? NAN : +value;
}
var toNumber_default = toNumber;

// node_modules/lodash-es/toFinite.js
var INFINITY2 = 1 / 0;
var MAX_INTEGER = 17976931348623157e292;
function toFinite(value) {
  if (!value) {
    return value === 0 ? value : 0;
  }
  value = toNumber_default(value);
  if (value === INFINITY2 || value === -INFINITY2) {
    var sign = value < 0 ? -1 : 1;
    return sign * MAX_INTEGER;
  }
  return value === value ? value : 0;
}
var toFinite_default = toFinite;

// node_modules/lodash-es/toInteger.js
function toInteger(value) {
  var result = toFinite_default(value), remainder = result % 1;
  return result === result ? remainder ? result - remainder : result : 0;
}
var toInteger_default = toInteger;

// node_modules/lodash-es/identity.js
function identity(value) {
  return value;
}
var identity_default = identity;

// node_modules/lodash-es/isFunction.js
var asyncTag = "[object AsyncFunction]";
var funcTag = "[object Function]";
var genTag = "[object GeneratorFunction]";
var proxyTag = "[object Proxy]";
function isFunction(value) {
  if (!isObject_default(value)) {
    return false;
  }
  var tag = baseGetTag_default(value);
  return tag == funcTag || tag == genTag || tag == asyncTag || tag == proxyTag;
}
var isFunction_default = isFunction;

// node_modules/lodash-es/_coreJsData.js
var coreJsData = root_default["__core-js_shared__"];
var coreJsData_default = coreJsData;

// node_modules/lodash-es/_isMasked.js
var maskSrcKey = (function() {
  var uid = /[^.]+$/.exec(coreJsData_default && coreJsData_default.keys && coreJsData_default.keys.IE_PROTO || "");
  return uid ? "Symbol(src)_1." + uid : "";
})();
function isMasked(func) {
  return !!maskSrcKey && maskSrcKey in func;
}
var isMasked_default = isMasked;

// node_modules/lodash-es/_toSource.js
var funcProto = Function.prototype;
var funcToString = funcProto.toString;
function toSource(func) {
  if (func != null) {
    try {
      return funcToString.call(func);
    } catch (e) {
    }
    try {
      return func + "";
    } catch (e) {
    }
  }
  return "";
}
var toSource_default = toSource;

// node_modules/lodash-es/_baseIsNative.js
var reRegExpChar = /[\\^$.*+?()[\]{}|]/g;
var reIsHostCtor = /^\[object .+?Constructor\]$/;
var funcProto2 = Function.prototype;
var objectProto3 = Object.prototype;
var funcToString2 = funcProto2.toString;
var hasOwnProperty2 = objectProto3.hasOwnProperty;
var reIsNative = RegExp(
  "^" + funcToString2.call(hasOwnProperty2).replace(reRegExpChar, "\\$&").replace(/hasOwnProperty|(function).*?(?=\\\()| for .+?(?=\\\])/g, "$1.*?") + "$"
);
function baseIsNative(value) {
  if (!isObject_default(value) || isMasked_default(value)) {
    return false;
  }
  var pattern = isFunction_default(value) ? reIsNative : reIsHostCtor;
  return pattern.test(toSource_default(value));
}
var baseIsNative_default = baseIsNative;

// node_modules/lodash-es/_getValue.js
function getValue(object, key) {
  return object == null ? void 0 : object[key];
}
var getValue_default = getValue;

// node_modules/lodash-es/_getNative.js
function getNative(object, key) {
  var value = getValue_default(object, key);
  return baseIsNative_default(value) ? value : void 0;
}
var getNative_default = getNative;

// node_modules/lodash-es/_WeakMap.js
var WeakMap = getNative_default(root_default, "WeakMap");
var WeakMap_default = WeakMap;

// node_modules/lodash-es/_baseCreate.js
var objectCreate = Object.create;
var baseCreate = /* @__PURE__ */ (function() {
  function object() {
  }
  return function(proto) {
    if (!isObject_default(proto)) {
      return {};
    }
    if (objectCreate) {
      return objectCreate(proto);
    }
    object.prototype = proto;
    var result = new object();
    object.prototype = void 0;
    return result;
  };
})();
var baseCreate_default = baseCreate;

// node_modules/lodash-es/_apply.js
function apply(func, thisArg, args) {
  switch (args.length) {
    case 0:
      return func.call(thisArg);
    case 1:
      return func.call(thisArg, args[0]);
    case 2:
      return func.call(thisArg, args[0], args[1]);
    case 3:
      return func.call(thisArg, args[0], args[1], args[2]);
  }
  return func.apply(thisArg, args);
}
var apply_default = apply;

// node_modules/lodash-es/noop.js
function noop() {
}
var noop_default = noop;

// node_modules/lodash-es/_copyArray.js
function copyArray(source, array) {
  var index2 = -1, length = source.length;
  array || (array = Array(length));
  while (++index2 < length) {
    array[index2] = source[index2];
  }
  return array;
}
var copyArray_default = copyArray;

// node_modules/lodash-es/_shortOut.js
var HOT_COUNT = 800;
var HOT_SPAN = 16;
var nativeNow = Date.now;
function shortOut(func) {
  var count = 0, lastCalled = 0;
  return function() {
    var stamp = nativeNow(), remaining = HOT_SPAN - (stamp - lastCalled);
    lastCalled = stamp;
    if (remaining > 0) {
      if (++count >= HOT_COUNT) {
        return arguments[0];
      }
    } else {
      count = 0;
    }
    return func.apply(void 0, arguments);
  };
}
var shortOut_default = shortOut;

// node_modules/lodash-es/constant.js
function constant(value) {
  return function() {
    return value;
  };
}
var constant_default = constant;

// node_modules/lodash-es/_defineProperty.js
var defineProperty = (function() {
  try {
    var func = getNative_default(Object, "defineProperty");
    func({}, "", {});
    return func;
  } catch (e) {
  }
})();
var defineProperty_default = defineProperty;

// node_modules/lodash-es/_baseSetToString.js
var baseSetToString = !defineProperty_default ? identity_default : function(func, string) {
  return defineProperty_default(func, "toString", {
    "configurable": true,
    "enumerable": false,
    "value": constant_default(string),
    "writable": true
  });
};
var baseSetToString_default = baseSetToString;

// node_modules/lodash-es/_setToString.js
var setToString = shortOut_default(baseSetToString_default);
var setToString_default = setToString;

// node_modules/lodash-es/_arrayEach.js
function arrayEach(array, iteratee) {
  var index2 = -1, length = array == null ? 0 : array.length;
  while (++index2 < length) {
    if (iteratee(array[index2], index2, array) === false) {
      break;
    }
  }
  return array;
}
var arrayEach_default = arrayEach;

// node_modules/lodash-es/_baseFindIndex.js
function baseFindIndex(array, predicate, fromIndex, fromRight) {
  var length = array.length, index2 = fromIndex + (fromRight ? 1 : -1);
  while (fromRight ? index2-- : ++index2 < length) {
    if (predicate(array[index2], index2, array)) {
      return index2;
    }
  }
  return -1;
}
var baseFindIndex_default = baseFindIndex;

// node_modules/lodash-es/_baseIsNaN.js
function baseIsNaN(value) {
  return value !== value;
}
var baseIsNaN_default = baseIsNaN;

// node_modules/lodash-es/_strictIndexOf.js
function strictIndexOf(array, value, fromIndex) {
  var index2 = fromIndex - 1, length = array.length;
  while (++index2 < length) {
    if (array[index2] === value) {
      return index2;
    }
  }
  return -1;
}
var strictIndexOf_default = strictIndexOf;

// node_modules/lodash-es/_baseIndexOf.js
function baseIndexOf(array, value, fromIndex) {
  return value === value ? strictIndexOf_default(array, value, fromIndex) : baseFindIndex_default(array, baseIsNaN_default, fromIndex);
}
var baseIndexOf_default = baseIndexOf;

// node_modules/lodash-es/_arrayIncludes.js
function arrayIncludes(array, value) {
  var length = array == null ? 0 : array.length;
  return !!length && baseIndexOf_default(array, value, 0) > -1;
}
var arrayIncludes_default = arrayIncludes;

// node_modules/lodash-es/_isIndex.js
var MAX_SAFE_INTEGER = 9007199254740991;
var reIsUint = /^(?:0|[1-9]\d*)$/;
function isIndex(value, length) {
  var type = typeof value;
  length = length == null ? MAX_SAFE_INTEGER : length;
  return !!length && (type == "number" || type != "symbol" && reIsUint.test(value)) && (value > -1 && value % 1 == 0 && value < length);
}
var isIndex_default = isIndex;

// node_modules/lodash-es/_baseAssignValue.js
function baseAssignValue(object, key, value) {
  if (key == "__proto__" && defineProperty_default) {
    defineProperty_default(object, key, {
      "configurable": true,
      "enumerable": true,
      "value": value,
      "writable": true
    });
  } else {
    object[key] = value;
  }
}
var baseAssignValue_default = baseAssignValue;

// node_modules/lodash-es/eq.js
function eq(value, other) {
  return value === other || value !== value && other !== other;
}
var eq_default = eq;

// node_modules/lodash-es/_assignValue.js
var objectProto4 = Object.prototype;
var hasOwnProperty3 = objectProto4.hasOwnProperty;
function assignValue(object, key, value) {
  var objValue = object[key];
  if (!(hasOwnProperty3.call(object, key) && eq_default(objValue, value)) || value === void 0 && !(key in object)) {
    baseAssignValue_default(object, key, value);
  }
}
var assignValue_default = assignValue;

// node_modules/lodash-es/_copyObject.js
function copyObject(source, props, object, customizer) {
  var isNew = !object;
  object || (object = {});
  var index2 = -1, length = props.length;
  while (++index2 < length) {
    var key = props[index2];
    var newValue = customizer ? customizer(object[key], source[key], key, object, source) : void 0;
    if (newValue === void 0) {
      newValue = source[key];
    }
    if (isNew) {
      baseAssignValue_default(object, key, newValue);
    } else {
      assignValue_default(object, key, newValue);
    }
  }
  return object;
}
var copyObject_default = copyObject;

// node_modules/lodash-es/_overRest.js
var nativeMax = Math.max;
function overRest(func, start, transform) {
  start = nativeMax(start === void 0 ? func.length - 1 : start, 0);
  return function() {
    var args = arguments, index2 = -1, length = nativeMax(args.length - start, 0), array = Array(length);
    while (++index2 < length) {
      array[index2] = args[start + index2];
    }
    index2 = -1;
    var otherArgs = Array(start + 1);
    while (++index2 < start) {
      otherArgs[index2] = args[index2];
    }
    otherArgs[start] = transform(array);
    return apply_default(func, this, otherArgs);
  };
}
var overRest_default = overRest;

// node_modules/lodash-es/_baseRest.js
function baseRest(func, start) {
  return setToString_default(overRest_default(func, start, identity_default), func + "");
}
var baseRest_default = baseRest;

// node_modules/lodash-es/isLength.js
var MAX_SAFE_INTEGER2 = 9007199254740991;
function isLength(value) {
  return typeof value == "number" && value > -1 && value % 1 == 0 && value <= MAX_SAFE_INTEGER2;
}
var isLength_default = isLength;

// node_modules/lodash-es/isArrayLike.js
function isArrayLike(value) {
  return value != null && isLength_default(value.length) && !isFunction_default(value);
}
var isArrayLike_default = isArrayLike;

// node_modules/lodash-es/_isIterateeCall.js
function isIterateeCall(value, index2, object) {
  if (!isObject_default(object)) {
    return false;
  }
  var type = typeof index2;
  if (type == "number" ? isArrayLike_default(object) && isIndex_default(index2, object.length) : type == "string" && index2 in object) {
    return eq_default(object[index2], value);
  }
  return false;
}
var isIterateeCall_default = isIterateeCall;

// node_modules/lodash-es/_createAssigner.js
function createAssigner(assigner) {
  return baseRest_default(function(object, sources) {
    var index2 = -1, length = sources.length, customizer = length > 1 ? sources[length - 1] : void 0, guard = length > 2 ? sources[2] : void 0;
    customizer = assigner.length > 3 && typeof customizer == "function" ? (length--, customizer) : void 0;
    if (guard && isIterateeCall_default(sources[0], sources[1], guard)) {
      customizer = length < 3 ? void 0 : customizer;
      length = 1;
    }
    object = Object(object);
    while (++index2 < length) {
      var source = sources[index2];
      if (source) {
        assigner(object, source, index2, customizer);
      }
    }
    return object;
  });
}
var createAssigner_default = createAssigner;

// node_modules/lodash-es/_isPrototype.js
var objectProto5 = Object.prototype;
function isPrototype(value) {
  var Ctor = value && value.constructor, proto = typeof Ctor == "function" && Ctor.prototype || objectProto5;
  return value === proto;
}
var isPrototype_default = isPrototype;

// node_modules/lodash-es/_baseTimes.js
function baseTimes(n, iteratee) {
  var index2 = -1, result = Array(n);
  while (++index2 < n) {
    result[index2] = iteratee(index2);
  }
  return result;
}
var baseTimes_default = baseTimes;

// node_modules/lodash-es/_baseIsArguments.js
var argsTag = "[object Arguments]";
function baseIsArguments(value) {
  return isObjectLike_default(value) && baseGetTag_default(value) == argsTag;
}
var baseIsArguments_default = baseIsArguments;

// node_modules/lodash-es/isArguments.js
var objectProto6 = Object.prototype;
var hasOwnProperty4 = objectProto6.hasOwnProperty;
var propertyIsEnumerable = objectProto6.propertyIsEnumerable;
var isArguments = baseIsArguments_default(/* @__PURE__ */ (function() {
  return arguments;
})()) ? baseIsArguments_default : function(value) {
  return isObjectLike_default(value) && hasOwnProperty4.call(value, "callee") && !propertyIsEnumerable.call(value, "callee");
};
var isArguments_default = isArguments;

// node_modules/lodash-es/stubFalse.js
function stubFalse() {
  return false;
}
var stubFalse_default = stubFalse;

// node_modules/lodash-es/isBuffer.js
var freeExports = typeof exports == "object" && exports && !exports.nodeType && exports;
var freeModule = freeExports && typeof module == "object" && module && !module.nodeType && module;
var moduleExports = freeModule && freeModule.exports === freeExports;
var Buffer = moduleExports ? root_default.Buffer : void 0;
var nativeIsBuffer = Buffer ? Buffer.isBuffer : void 0;
var isBuffer = nativeIsBuffer || stubFalse_default;
var isBuffer_default = isBuffer;

// node_modules/lodash-es/_baseIsTypedArray.js
var argsTag2 = "[object Arguments]";
var arrayTag = "[object Array]";
var boolTag = "[object Boolean]";
var dateTag = "[object Date]";
var errorTag = "[object Error]";
var funcTag2 = "[object Function]";
var mapTag = "[object Map]";
var numberTag = "[object Number]";
var objectTag = "[object Object]";
var regexpTag = "[object RegExp]";
var setTag = "[object Set]";
var stringTag = "[object String]";
var weakMapTag = "[object WeakMap]";
var arrayBufferTag = "[object ArrayBuffer]";
var dataViewTag = "[object DataView]";
var float32Tag = "[object Float32Array]";
var float64Tag = "[object Float64Array]";
var int8Tag = "[object Int8Array]";
var int16Tag = "[object Int16Array]";
var int32Tag = "[object Int32Array]";
var uint8Tag = "[object Uint8Array]";
var uint8ClampedTag = "[object Uint8ClampedArray]";
var uint16Tag = "[object Uint16Array]";
var uint32Tag = "[object Uint32Array]";
var typedArrayTags = {};
typedArrayTags[float32Tag] = typedArrayTags[float64Tag] = typedArrayTags[int8Tag] = typedArrayTags[int16Tag] = typedArrayTags[int32Tag] = typedArrayTags[uint8Tag] = typedArrayTags[uint8ClampedTag] = typedArrayTags[uint16Tag] = typedArrayTags[uint32Tag] = true;
typedArrayTags[argsTag2] = typedArrayTags[arrayTag] = typedArrayTags[arrayBufferTag] = typedArrayTags[boolTag] = typedArrayTags[dataViewTag] = typedArrayTags[dateTag] = typedArrayTags[errorTag] = typedArrayTags[funcTag2] = typedArrayTags[mapTag] = typedArrayTags[numberTag] = typedArrayTags[objectTag] = typedArrayTags[regexpTag] = typedArrayTags[setTag] = typedArrayTags[stringTag] = typedArrayTags[weakMapTag] = false;
function baseIsTypedArray(value) {
  return isObjectLike_default(value) && isLength_default(value.length) && !!typedArrayTags[baseGetTag_default(value)];
}
var baseIsTypedArray_default = baseIsTypedArray;

// node_modules/lodash-es/_baseUnary.js
function baseUnary(func) {
  return function(value) {
    return func(value);
  };
}
var baseUnary_default = baseUnary;

// node_modules/lodash-es/_nodeUtil.js
var freeExports2 = typeof exports == "object" && exports && !exports.nodeType && exports;
var freeModule2 = freeExports2 && typeof module == "object" && module && !module.nodeType && module;
var moduleExports2 = freeModule2 && freeModule2.exports === freeExports2;
var freeProcess = moduleExports2 && freeGlobal_default.process;
var nodeUtil = (function() {
  try {
    var types = freeModule2 && freeModule2.require && freeModule2.require("util").types;
    if (types) {
      return types;
    }
    return freeProcess && freeProcess.binding && freeProcess.binding("util");
  } catch (e) {
  }
})();
var nodeUtil_default = nodeUtil;

// node_modules/lodash-es/isTypedArray.js
var nodeIsTypedArray = nodeUtil_default && nodeUtil_default.isTypedArray;
var isTypedArray = nodeIsTypedArray ? baseUnary_default(nodeIsTypedArray) : baseIsTypedArray_default;
var isTypedArray_default = isTypedArray;

// node_modules/lodash-es/_arrayLikeKeys.js
var objectProto7 = Object.prototype;
var hasOwnProperty5 = objectProto7.hasOwnProperty;
function arrayLikeKeys(value, inherited) {
  var isArr = isArray_default(value), isArg = !isArr && isArguments_default(value), isBuff = !isArr && !isArg && isBuffer_default(value), isType = !isArr && !isArg && !isBuff && isTypedArray_default(value), skipIndexes = isArr || isArg || isBuff || isType, result = skipIndexes ? baseTimes_default(value.length, String) : [], length = result.length;
  for (var key in value) {
    if ((inherited || hasOwnProperty5.call(value, key)) && !(skipIndexes && // Safari 9 has enumerable `arguments.length` in strict mode.
    (key == "length" || // Node.js 0.10 has enumerable non-index properties on buffers.
    isBuff && (key == "offset" || key == "parent") || // PhantomJS 2 has enumerable non-index properties on typed arrays.
    isType && (key == "buffer" || key == "byteLength" || key == "byteOffset") || // Skip index properties.
    isIndex_default(key, length)))) {
      result.push(key);
    }
  }
  return result;
}
var arrayLikeKeys_default = arrayLikeKeys;

// node_modules/lodash-es/_overArg.js
function overArg(func, transform) {
  return function(arg) {
    return func(transform(arg));
  };
}
var overArg_default = overArg;

// node_modules/lodash-es/_nativeKeys.js
var nativeKeys = overArg_default(Object.keys, Object);
var nativeKeys_default = nativeKeys;

// node_modules/lodash-es/_baseKeys.js
var objectProto8 = Object.prototype;
var hasOwnProperty6 = objectProto8.hasOwnProperty;
function baseKeys(object) {
  if (!isPrototype_default(object)) {
    return nativeKeys_default(object);
  }
  var result = [];
  for (var key in Object(object)) {
    if (hasOwnProperty6.call(object, key) && key != "constructor") {
      result.push(key);
    }
  }
  return result;
}
var baseKeys_default = baseKeys;

// node_modules/lodash-es/keys.js
function keys(object) {
  return isArrayLike_default(object) ? arrayLikeKeys_default(object) : baseKeys_default(object);
}
var keys_default = keys;

// node_modules/lodash-es/assign.js
var objectProto9 = Object.prototype;
var hasOwnProperty7 = objectProto9.hasOwnProperty;
var assign = createAssigner_default(function(object, source) {
  if (isPrototype_default(source) || isArrayLike_default(source)) {
    copyObject_default(source, keys_default(source), object);
    return;
  }
  for (var key in source) {
    if (hasOwnProperty7.call(source, key)) {
      assignValue_default(object, key, source[key]);
    }
  }
});
var assign_default = assign;

// node_modules/lodash-es/_nativeKeysIn.js
function nativeKeysIn(object) {
  var result = [];
  if (object != null) {
    for (var key in Object(object)) {
      result.push(key);
    }
  }
  return result;
}
var nativeKeysIn_default = nativeKeysIn;

// node_modules/lodash-es/_baseKeysIn.js
var objectProto10 = Object.prototype;
var hasOwnProperty8 = objectProto10.hasOwnProperty;
function baseKeysIn(object) {
  if (!isObject_default(object)) {
    return nativeKeysIn_default(object);
  }
  var isProto = isPrototype_default(object), result = [];
  for (var key in object) {
    if (!(key == "constructor" && (isProto || !hasOwnProperty8.call(object, key)))) {
      result.push(key);
    }
  }
  return result;
}
var baseKeysIn_default = baseKeysIn;

// node_modules/lodash-es/keysIn.js
function keysIn(object) {
  return isArrayLike_default(object) ? arrayLikeKeys_default(object, true) : baseKeysIn_default(object);
}
var keysIn_default = keysIn;

// node_modules/lodash-es/_isKey.js
var reIsDeepProp = /\.|\[(?:[^[\]]*|(["'])(?:(?!\1)[^\\]|\\.)*?\1)\]/;
var reIsPlainProp = /^\w*$/;
function isKey(value, object) {
  if (isArray_default(value)) {
    return false;
  }
  var type = typeof value;
  if (type == "number" || type == "symbol" || type == "boolean" || value == null || isSymbol_default(value)) {
    return true;
  }
  return reIsPlainProp.test(value) || !reIsDeepProp.test(value) || object != null && value in Object(object);
}
var isKey_default = isKey;

// node_modules/lodash-es/_nativeCreate.js
var nativeCreate = getNative_default(Object, "create");
var nativeCreate_default = nativeCreate;

// node_modules/lodash-es/_hashClear.js
function hashClear() {
  this.__data__ = nativeCreate_default ? nativeCreate_default(null) : {};
  this.size = 0;
}
var hashClear_default = hashClear;

// node_modules/lodash-es/_hashDelete.js
function hashDelete(key) {
  var result = this.has(key) && delete this.__data__[key];
  this.size -= result ? 1 : 0;
  return result;
}
var hashDelete_default = hashDelete;

// node_modules/lodash-es/_hashGet.js
var HASH_UNDEFINED = "__lodash_hash_undefined__";
var objectProto11 = Object.prototype;
var hasOwnProperty9 = objectProto11.hasOwnProperty;
function hashGet(key) {
  var data = this.__data__;
  if (nativeCreate_default) {
    var result = data[key];
    return result === HASH_UNDEFINED ? void 0 : result;
  }
  return hasOwnProperty9.call(data, key) ? data[key] : void 0;
}
var hashGet_default = hashGet;

// node_modules/lodash-es/_hashHas.js
var objectProto12 = Object.prototype;
var hasOwnProperty10 = objectProto12.hasOwnProperty;
function hashHas(key) {
  var data = this.__data__;
  return nativeCreate_default ? data[key] !== void 0 : hasOwnProperty10.call(data, key);
}
var hashHas_default = hashHas;

// node_modules/lodash-es/_hashSet.js
var HASH_UNDEFINED2 = "__lodash_hash_undefined__";
function hashSet(key, value) {
  var data = this.__data__;
  this.size += this.has(key) ? 0 : 1;
  data[key] = nativeCreate_default && value === void 0 ? HASH_UNDEFINED2 : value;
  return this;
}
var hashSet_default = hashSet;

// node_modules/lodash-es/_Hash.js
function Hash(entries) {
  var index2 = -1, length = entries == null ? 0 : entries.length;
  this.clear();
  while (++index2 < length) {
    var entry = entries[index2];
    this.set(entry[0], entry[1]);
  }
}
Hash.prototype.clear = hashClear_default;
Hash.prototype["delete"] = hashDelete_default;
Hash.prototype.get = hashGet_default;
Hash.prototype.has = hashHas_default;
Hash.prototype.set = hashSet_default;
var Hash_default = Hash;

// node_modules/lodash-es/_listCacheClear.js
function listCacheClear() {
  this.__data__ = [];
  this.size = 0;
}
var listCacheClear_default = listCacheClear;

// node_modules/lodash-es/_assocIndexOf.js
function assocIndexOf(array, key) {
  var length = array.length;
  while (length--) {
    if (eq_default(array[length][0], key)) {
      return length;
    }
  }
  return -1;
}
var assocIndexOf_default = assocIndexOf;

// node_modules/lodash-es/_listCacheDelete.js
var arrayProto = Array.prototype;
var splice = arrayProto.splice;
function listCacheDelete(key) {
  var data = this.__data__, index2 = assocIndexOf_default(data, key);
  if (index2 < 0) {
    return false;
  }
  var lastIndex = data.length - 1;
  if (index2 == lastIndex) {
    data.pop();
  } else {
    splice.call(data, index2, 1);
  }
  --this.size;
  return true;
}
var listCacheDelete_default = listCacheDelete;

// node_modules/lodash-es/_listCacheGet.js
function listCacheGet(key) {
  var data = this.__data__, index2 = assocIndexOf_default(data, key);
  return index2 < 0 ? void 0 : data[index2][1];
}
var listCacheGet_default = listCacheGet;

// node_modules/lodash-es/_listCacheHas.js
function listCacheHas(key) {
  return assocIndexOf_default(this.__data__, key) > -1;
}
var listCacheHas_default = listCacheHas;

// node_modules/lodash-es/_listCacheSet.js
function listCacheSet(key, value) {
  var data = this.__data__, index2 = assocIndexOf_default(data, key);
  if (index2 < 0) {
    ++this.size;
    data.push([key, value]);
  } else {
    data[index2][1] = value;
  }
  return this;
}
var listCacheSet_default = listCacheSet;

// node_modules/lodash-es/_ListCache.js
function ListCache(entries) {
  var index2 = -1, length = entries == null ? 0 : entries.length;
  this.clear();
  while (++index2 < length) {
    var entry = entries[index2];
    this.set(entry[0], entry[1]);
  }
}
ListCache.prototype.clear = listCacheClear_default;
ListCache.prototype["delete"] = listCacheDelete_default;
ListCache.prototype.get = listCacheGet_default;
ListCache.prototype.has = listCacheHas_default;
ListCache.prototype.set = listCacheSet_default;
var ListCache_default = ListCache;

// node_modules/lodash-es/_Map.js
var Map2 = getNative_default(root_default, "Map");
var Map_default = Map2;

// node_modules/lodash-es/_mapCacheClear.js
function mapCacheClear() {
  this.size = 0;
  this.__data__ = {
    "hash": new Hash_default(),
    "map": new (Map_default || ListCache_default)(),
    "string": new Hash_default()
  };
}
var mapCacheClear_default = mapCacheClear;

// node_modules/lodash-es/_isKeyable.js
function isKeyable(value) {
  var type = typeof value;
  return type == "string" || type == "number" || type == "symbol" || type == "boolean" ? value !== "__proto__" : value === null;
}
var isKeyable_default = isKeyable;

// node_modules/lodash-es/_getMapData.js
function getMapData(map2, key) {
  var data = map2.__data__;
  return isKeyable_default(key) ? data[typeof key == "string" ? "string" : "hash"] : data.map;
}
var getMapData_default = getMapData;

// node_modules/lodash-es/_mapCacheDelete.js
function mapCacheDelete(key) {
  var result = getMapData_default(this, key)["delete"](key);
  this.size -= result ? 1 : 0;
  return result;
}
var mapCacheDelete_default = mapCacheDelete;

// node_modules/lodash-es/_mapCacheGet.js
function mapCacheGet(key) {
  return getMapData_default(this, key).get(key);
}
var mapCacheGet_default = mapCacheGet;

// node_modules/lodash-es/_mapCacheHas.js
function mapCacheHas(key) {
  return getMapData_default(this, key).has(key);
}
var mapCacheHas_default = mapCacheHas;

// node_modules/lodash-es/_mapCacheSet.js
function mapCacheSet(key, value) {
  var data = getMapData_default(this, key), size = data.size;
  data.set(key, value);
  this.size += data.size == size ? 0 : 1;
  return this;
}
var mapCacheSet_default = mapCacheSet;

// node_modules/lodash-es/_MapCache.js
function MapCache(entries) {
  var index2 = -1, length = entries == null ? 0 : entries.length;
  this.clear();
  while (++index2 < length) {
    var entry = entries[index2];
    this.set(entry[0], entry[1]);
  }
}
MapCache.prototype.clear = mapCacheClear_default;
MapCache.prototype["delete"] = mapCacheDelete_default;
MapCache.prototype.get = mapCacheGet_default;
MapCache.prototype.has = mapCacheHas_default;
MapCache.prototype.set = mapCacheSet_default;
var MapCache_default = MapCache;

// node_modules/lodash-es/memoize.js
var FUNC_ERROR_TEXT = "Expected a function";
function memoize(func, resolver) {
  if (typeof func != "function" || resolver != null && typeof resolver != "function") {
    throw new TypeError(FUNC_ERROR_TEXT);
  }
  var memoized = function() {
    var args = arguments, key = resolver ? resolver.apply(this, args) : args[0], cache = memoized.cache;
    if (cache.has(key)) {
      return cache.get(key);
    }
    var result = func.apply(this, args);
    memoized.cache = cache.set(key, result) || cache;
    return result;
  };
  memoized.cache = new (memoize.Cache || MapCache_default)();
  return memoized;
}
memoize.Cache = MapCache_default;
var memoize_default = memoize;

// node_modules/lodash-es/_memoizeCapped.js
var MAX_MEMOIZE_SIZE = 500;
function memoizeCapped(func) {
  var result = memoize_default(func, function(key) {
    if (cache.size === MAX_MEMOIZE_SIZE) {
      cache.clear();
    }
    return key;
  });
  var cache = result.cache;
  return result;
}
var memoizeCapped_default = memoizeCapped;

// node_modules/lodash-es/_stringToPath.js
var rePropName = /[^.[\]]+|\[(?:(-?\d+(?:\.\d+)?)|(["'])((?:(?!\2)[^\\]|\\.)*?)\2)\]|(?=(?:\.|\[\])(?:\.|\[\]|$))/g;
var reEscapeChar = /\\(\\)?/g;
var stringToPath = memoizeCapped_default(function(string) {
  var result = [];
  if (string.charCodeAt(0) === 46) {
    result.push("");
  }
  string.replace(rePropName, function(match, number, quote2, subString) {
    result.push(quote2 ? subString.replace(reEscapeChar, "$1") : number || match);
  });
  return result;
});
var stringToPath_default = stringToPath;

// node_modules/lodash-es/toString.js
function toString(value) {
  return value == null ? "" : baseToString_default(value);
}
var toString_default = toString;

// node_modules/lodash-es/_castPath.js
function castPath(value, object) {
  if (isArray_default(value)) {
    return value;
  }
  return isKey_default(value, object) ? [value] : stringToPath_default(toString_default(value));
}
var castPath_default = castPath;

// node_modules/lodash-es/_toKey.js
var INFINITY3 = 1 / 0;
function toKey(value) {
  if (typeof value == "string" || isSymbol_default(value)) {
    return value;
  }
  var result = value + "";
  return result == "0" && 1 / value == -INFINITY3 ? "-0" : result;
}
var toKey_default = toKey;

// node_modules/lodash-es/_baseGet.js
function baseGet(object, path) {
  path = castPath_default(path, object);
  var index2 = 0, length = path.length;
  while (object != null && index2 < length) {
    object = object[toKey_default(path[index2++])];
  }
  return index2 && index2 == length ? object : void 0;
}
var baseGet_default = baseGet;

// node_modules/lodash-es/get.js
function get(object, path, defaultValue) {
  var result = object == null ? void 0 : baseGet_default(object, path);
  return result === void 0 ? defaultValue : result;
}
var get_default = get;

// node_modules/lodash-es/_arrayPush.js
function arrayPush(array, values2) {
  var index2 = -1, length = values2.length, offset = array.length;
  while (++index2 < length) {
    array[offset + index2] = values2[index2];
  }
  return array;
}
var arrayPush_default = arrayPush;

// node_modules/lodash-es/_isFlattenable.js
var spreadableSymbol = Symbol_default ? Symbol_default.isConcatSpreadable : void 0;
function isFlattenable(value) {
  return isArray_default(value) || isArguments_default(value) || !!(spreadableSymbol && value && value[spreadableSymbol]);
}
var isFlattenable_default = isFlattenable;

// node_modules/lodash-es/_baseFlatten.js
function baseFlatten(array, depth, predicate, isStrict, result) {
  var index2 = -1, length = array.length;
  predicate || (predicate = isFlattenable_default);
  result || (result = []);
  while (++index2 < length) {
    var value = array[index2];
    if (depth > 0 && predicate(value)) {
      if (depth > 1) {
        baseFlatten(value, depth - 1, predicate, isStrict, result);
      } else {
        arrayPush_default(result, value);
      }
    } else if (!isStrict) {
      result[result.length] = value;
    }
  }
  return result;
}
var baseFlatten_default = baseFlatten;

// node_modules/lodash-es/flatten.js
function flatten(array) {
  var length = array == null ? 0 : array.length;
  return length ? baseFlatten_default(array, 1) : [];
}
var flatten_default = flatten;

// node_modules/lodash-es/_getPrototype.js
var getPrototype = overArg_default(Object.getPrototypeOf, Object);
var getPrototype_default = getPrototype;

// node_modules/lodash-es/_baseSlice.js
function baseSlice(array, start, end) {
  var index2 = -1, length = array.length;
  if (start < 0) {
    start = -start > length ? 0 : length + start;
  }
  end = end > length ? length : end;
  if (end < 0) {
    end += length;
  }
  length = start > end ? 0 : end - start >>> 0;
  start >>>= 0;
  var result = Array(length);
  while (++index2 < length) {
    result[index2] = array[index2 + start];
  }
  return result;
}
var baseSlice_default = baseSlice;

// node_modules/lodash-es/_arrayReduce.js
function arrayReduce(array, iteratee, accumulator, initAccum) {
  var index2 = -1, length = array == null ? 0 : array.length;
  if (initAccum && length) {
    accumulator = array[++index2];
  }
  while (++index2 < length) {
    accumulator = iteratee(accumulator, array[index2], index2, array);
  }
  return accumulator;
}
var arrayReduce_default = arrayReduce;

// node_modules/lodash-es/_stackClear.js
function stackClear() {
  this.__data__ = new ListCache_default();
  this.size = 0;
}
var stackClear_default = stackClear;

// node_modules/lodash-es/_stackDelete.js
function stackDelete(key) {
  var data = this.__data__, result = data["delete"](key);
  this.size = data.size;
  return result;
}
var stackDelete_default = stackDelete;

// node_modules/lodash-es/_stackGet.js
function stackGet(key) {
  return this.__data__.get(key);
}
var stackGet_default = stackGet;

// node_modules/lodash-es/_stackHas.js
function stackHas(key) {
  return this.__data__.has(key);
}
var stackHas_default = stackHas;

// node_modules/lodash-es/_stackSet.js
var LARGE_ARRAY_SIZE = 200;
function stackSet(key, value) {
  var data = this.__data__;
  if (data instanceof ListCache_default) {
    var pairs = data.__data__;
    if (!Map_default || pairs.length < LARGE_ARRAY_SIZE - 1) {
      pairs.push([key, value]);
      this.size = ++data.size;
      return this;
    }
    data = this.__data__ = new MapCache_default(pairs);
  }
  data.set(key, value);
  this.size = data.size;
  return this;
}
var stackSet_default = stackSet;

// node_modules/lodash-es/_Stack.js
function Stack(entries) {
  var data = this.__data__ = new ListCache_default(entries);
  this.size = data.size;
}
Stack.prototype.clear = stackClear_default;
Stack.prototype["delete"] = stackDelete_default;
Stack.prototype.get = stackGet_default;
Stack.prototype.has = stackHas_default;
Stack.prototype.set = stackSet_default;
var Stack_default = Stack;

// node_modules/lodash-es/_baseAssign.js
function baseAssign(object, source) {
  return object && copyObject_default(source, keys_default(source), object);
}
var baseAssign_default = baseAssign;

// node_modules/lodash-es/_baseAssignIn.js
function baseAssignIn(object, source) {
  return object && copyObject_default(source, keysIn_default(source), object);
}
var baseAssignIn_default = baseAssignIn;

// node_modules/lodash-es/_cloneBuffer.js
var freeExports3 = typeof exports == "object" && exports && !exports.nodeType && exports;
var freeModule3 = freeExports3 && typeof module == "object" && module && !module.nodeType && module;
var moduleExports3 = freeModule3 && freeModule3.exports === freeExports3;
var Buffer2 = moduleExports3 ? root_default.Buffer : void 0;
var allocUnsafe = Buffer2 ? Buffer2.allocUnsafe : void 0;
function cloneBuffer(buffer, isDeep) {
  if (isDeep) {
    return buffer.slice();
  }
  var length = buffer.length, result = allocUnsafe ? allocUnsafe(length) : new buffer.constructor(length);
  buffer.copy(result);
  return result;
}
var cloneBuffer_default = cloneBuffer;

// node_modules/lodash-es/_arrayFilter.js
function arrayFilter(array, predicate) {
  var index2 = -1, length = array == null ? 0 : array.length, resIndex = 0, result = [];
  while (++index2 < length) {
    var value = array[index2];
    if (predicate(value, index2, array)) {
      result[resIndex++] = value;
    }
  }
  return result;
}
var arrayFilter_default = arrayFilter;

// node_modules/lodash-es/stubArray.js
function stubArray() {
  return [];
}
var stubArray_default = stubArray;

// node_modules/lodash-es/_getSymbols.js
var objectProto13 = Object.prototype;
var propertyIsEnumerable2 = objectProto13.propertyIsEnumerable;
var nativeGetSymbols = Object.getOwnPropertySymbols;
var getSymbols = !nativeGetSymbols ? stubArray_default : function(object) {
  if (object == null) {
    return [];
  }
  object = Object(object);
  return arrayFilter_default(nativeGetSymbols(object), function(symbol) {
    return propertyIsEnumerable2.call(object, symbol);
  });
};
var getSymbols_default = getSymbols;

// node_modules/lodash-es/_copySymbols.js
function copySymbols(source, object) {
  return copyObject_default(source, getSymbols_default(source), object);
}
var copySymbols_default = copySymbols;

// node_modules/lodash-es/_getSymbolsIn.js
var nativeGetSymbols2 = Object.getOwnPropertySymbols;
var getSymbolsIn = !nativeGetSymbols2 ? stubArray_default : function(object) {
  var result = [];
  while (object) {
    arrayPush_default(result, getSymbols_default(object));
    object = getPrototype_default(object);
  }
  return result;
};
var getSymbolsIn_default = getSymbolsIn;

// node_modules/lodash-es/_copySymbolsIn.js
function copySymbolsIn(source, object) {
  return copyObject_default(source, getSymbolsIn_default(source), object);
}
var copySymbolsIn_default = copySymbolsIn;

// node_modules/lodash-es/_baseGetAllKeys.js
function baseGetAllKeys(object, keysFunc, symbolsFunc) {
  var result = keysFunc(object);
  return isArray_default(object) ? result : arrayPush_default(result, symbolsFunc(object));
}
var baseGetAllKeys_default = baseGetAllKeys;

// node_modules/lodash-es/_getAllKeys.js
function getAllKeys(object) {
  return baseGetAllKeys_default(object, keys_default, getSymbols_default);
}
var getAllKeys_default = getAllKeys;

// node_modules/lodash-es/_getAllKeysIn.js
function getAllKeysIn(object) {
  return baseGetAllKeys_default(object, keysIn_default, getSymbolsIn_default);
}
var getAllKeysIn_default = getAllKeysIn;

// node_modules/lodash-es/_DataView.js
var DataView2 = getNative_default(root_default, "DataView");
var DataView_default = DataView2;

// node_modules/lodash-es/_Promise.js
var Promise2 = getNative_default(root_default, "Promise");
var Promise_default = Promise2;

// node_modules/lodash-es/_Set.js
var Set2 = getNative_default(root_default, "Set");
var Set_default = Set2;

// node_modules/lodash-es/_getTag.js
var mapTag2 = "[object Map]";
var objectTag2 = "[object Object]";
var promiseTag = "[object Promise]";
var setTag2 = "[object Set]";
var weakMapTag2 = "[object WeakMap]";
var dataViewTag2 = "[object DataView]";
var dataViewCtorString = toSource_default(DataView_default);
var mapCtorString = toSource_default(Map_default);
var promiseCtorString = toSource_default(Promise_default);
var setCtorString = toSource_default(Set_default);
var weakMapCtorString = toSource_default(WeakMap_default);
var getTag = baseGetTag_default;
if (DataView_default && getTag(new DataView_default(new ArrayBuffer(1))) != dataViewTag2 || Map_default && getTag(new Map_default()) != mapTag2 || Promise_default && getTag(Promise_default.resolve()) != promiseTag || Set_default && getTag(new Set_default()) != setTag2 || WeakMap_default && getTag(new WeakMap_default()) != weakMapTag2) {
  getTag = function(value) {
    var result = baseGetTag_default(value), Ctor = result == objectTag2 ? value.constructor : void 0, ctorString = Ctor ? toSource_default(Ctor) : "";
    if (ctorString) {
      switch (ctorString) {
        case dataViewCtorString:
          return dataViewTag2;
        case mapCtorString:
          return mapTag2;
        case promiseCtorString:
          return promiseTag;
        case setCtorString:
          return setTag2;
        case weakMapCtorString:
          return weakMapTag2;
      }
    }
    return result;
  };
}
var getTag_default = getTag;

// node_modules/lodash-es/_initCloneArray.js
var objectProto14 = Object.prototype;
var hasOwnProperty11 = objectProto14.hasOwnProperty;
function initCloneArray(array) {
  var length = array.length, result = new array.constructor(length);
  if (length && typeof array[0] == "string" && hasOwnProperty11.call(array, "index")) {
    result.index = array.index;
    result.input = array.input;
  }
  return result;
}
var initCloneArray_default = initCloneArray;

// node_modules/lodash-es/_Uint8Array.js
var Uint8Array2 = root_default.Uint8Array;
var Uint8Array_default = Uint8Array2;

// node_modules/lodash-es/_cloneArrayBuffer.js
function cloneArrayBuffer(arrayBuffer) {
  var result = new arrayBuffer.constructor(arrayBuffer.byteLength);
  new Uint8Array_default(result).set(new Uint8Array_default(arrayBuffer));
  return result;
}
var cloneArrayBuffer_default = cloneArrayBuffer;

// node_modules/lodash-es/_cloneDataView.js
function cloneDataView(dataView, isDeep) {
  var buffer = isDeep ? cloneArrayBuffer_default(dataView.buffer) : dataView.buffer;
  return new dataView.constructor(buffer, dataView.byteOffset, dataView.byteLength);
}
var cloneDataView_default = cloneDataView;

// node_modules/lodash-es/_cloneRegExp.js
var reFlags = /\w*$/;
function cloneRegExp(regexp) {
  var result = new regexp.constructor(regexp.source, reFlags.exec(regexp));
  result.lastIndex = regexp.lastIndex;
  return result;
}
var cloneRegExp_default = cloneRegExp;

// node_modules/lodash-es/_cloneSymbol.js
var symbolProto2 = Symbol_default ? Symbol_default.prototype : void 0;
var symbolValueOf = symbolProto2 ? symbolProto2.valueOf : void 0;
function cloneSymbol(symbol) {
  return symbolValueOf ? Object(symbolValueOf.call(symbol)) : {};
}
var cloneSymbol_default = cloneSymbol;

// node_modules/lodash-es/_cloneTypedArray.js
function cloneTypedArray(typedArray, isDeep) {
  var buffer = isDeep ? cloneArrayBuffer_default(typedArray.buffer) : typedArray.buffer;
  return new typedArray.constructor(buffer, typedArray.byteOffset, typedArray.length);
}
var cloneTypedArray_default = cloneTypedArray;

// node_modules/lodash-es/_initCloneByTag.js
var boolTag2 = "[object Boolean]";
var dateTag2 = "[object Date]";
var mapTag3 = "[object Map]";
var numberTag2 = "[object Number]";
var regexpTag2 = "[object RegExp]";
var setTag3 = "[object Set]";
var stringTag2 = "[object String]";
var symbolTag2 = "[object Symbol]";
var arrayBufferTag2 = "[object ArrayBuffer]";
var dataViewTag3 = "[object DataView]";
var float32Tag2 = "[object Float32Array]";
var float64Tag2 = "[object Float64Array]";
var int8Tag2 = "[object Int8Array]";
var int16Tag2 = "[object Int16Array]";
var int32Tag2 = "[object Int32Array]";
var uint8Tag2 = "[object Uint8Array]";
var uint8ClampedTag2 = "[object Uint8ClampedArray]";
var uint16Tag2 = "[object Uint16Array]";
var uint32Tag2 = "[object Uint32Array]";
function initCloneByTag(object, tag, isDeep) {
  var Ctor = object.constructor;
  switch (tag) {
    case arrayBufferTag2:
      return cloneArrayBuffer_default(object);
    case boolTag2:
    case dateTag2:
      return new Ctor(+object);
    case dataViewTag3:
      return cloneDataView_default(object, isDeep);
    case float32Tag2:
    case float64Tag2:
    case int8Tag2:
    case int16Tag2:
    case int32Tag2:
    case uint8Tag2:
    case uint8ClampedTag2:
    case uint16Tag2:
    case uint32Tag2:
      return cloneTypedArray_default(object, isDeep);
    case mapTag3:
      return new Ctor();
    case numberTag2:
    case stringTag2:
      return new Ctor(object);
    case regexpTag2:
      return cloneRegExp_default(object);
    case setTag3:
      return new Ctor();
    case symbolTag2:
      return cloneSymbol_default(object);
  }
}
var initCloneByTag_default = initCloneByTag;

// node_modules/lodash-es/_initCloneObject.js
function initCloneObject(object) {
  return typeof object.constructor == "function" && !isPrototype_default(object) ? baseCreate_default(getPrototype_default(object)) : {};
}
var initCloneObject_default = initCloneObject;

// node_modules/lodash-es/_baseIsMap.js
var mapTag4 = "[object Map]";
function baseIsMap(value) {
  return isObjectLike_default(value) && getTag_default(value) == mapTag4;
}
var baseIsMap_default = baseIsMap;

// node_modules/lodash-es/isMap.js
var nodeIsMap = nodeUtil_default && nodeUtil_default.isMap;
var isMap = nodeIsMap ? baseUnary_default(nodeIsMap) : baseIsMap_default;
var isMap_default = isMap;

// node_modules/lodash-es/_baseIsSet.js
var setTag4 = "[object Set]";
function baseIsSet(value) {
  return isObjectLike_default(value) && getTag_default(value) == setTag4;
}
var baseIsSet_default = baseIsSet;

// node_modules/lodash-es/isSet.js
var nodeIsSet = nodeUtil_default && nodeUtil_default.isSet;
var isSet = nodeIsSet ? baseUnary_default(nodeIsSet) : baseIsSet_default;
var isSet_default = isSet;

// node_modules/lodash-es/_baseClone.js
var CLONE_DEEP_FLAG = 1;
var CLONE_FLAT_FLAG = 2;
var CLONE_SYMBOLS_FLAG = 4;
var argsTag3 = "[object Arguments]";
var arrayTag2 = "[object Array]";
var boolTag3 = "[object Boolean]";
var dateTag3 = "[object Date]";
var errorTag2 = "[object Error]";
var funcTag3 = "[object Function]";
var genTag2 = "[object GeneratorFunction]";
var mapTag5 = "[object Map]";
var numberTag3 = "[object Number]";
var objectTag3 = "[object Object]";
var regexpTag3 = "[object RegExp]";
var setTag5 = "[object Set]";
var stringTag3 = "[object String]";
var symbolTag3 = "[object Symbol]";
var weakMapTag3 = "[object WeakMap]";
var arrayBufferTag3 = "[object ArrayBuffer]";
var dataViewTag4 = "[object DataView]";
var float32Tag3 = "[object Float32Array]";
var float64Tag3 = "[object Float64Array]";
var int8Tag3 = "[object Int8Array]";
var int16Tag3 = "[object Int16Array]";
var int32Tag3 = "[object Int32Array]";
var uint8Tag3 = "[object Uint8Array]";
var uint8ClampedTag3 = "[object Uint8ClampedArray]";
var uint16Tag3 = "[object Uint16Array]";
var uint32Tag3 = "[object Uint32Array]";
var cloneableTags = {};
cloneableTags[argsTag3] = cloneableTags[arrayTag2] = cloneableTags[arrayBufferTag3] = cloneableTags[dataViewTag4] = cloneableTags[boolTag3] = cloneableTags[dateTag3] = cloneableTags[float32Tag3] = cloneableTags[float64Tag3] = cloneableTags[int8Tag3] = cloneableTags[int16Tag3] = cloneableTags[int32Tag3] = cloneableTags[mapTag5] = cloneableTags[numberTag3] = cloneableTags[objectTag3] = cloneableTags[regexpTag3] = cloneableTags[setTag5] = cloneableTags[stringTag3] = cloneableTags[symbolTag3] = cloneableTags[uint8Tag3] = cloneableTags[uint8ClampedTag3] = cloneableTags[uint16Tag3] = cloneableTags[uint32Tag3] = true;
cloneableTags[errorTag2] = cloneableTags[funcTag3] = cloneableTags[weakMapTag3] = false;
function baseClone(value, bitmask, customizer, key, object, stack) {
  var result, isDeep = bitmask & CLONE_DEEP_FLAG, isFlat = bitmask & CLONE_FLAT_FLAG, isFull = bitmask & CLONE_SYMBOLS_FLAG;
  if (customizer) {
    result = object ? customizer(value, key, object, stack) : customizer(value);
  }
  if (result !== void 0) {
    return result;
  }
  if (!isObject_default(value)) {
    return value;
  }
  var isArr = isArray_default(value);
  if (isArr) {
    result = initCloneArray_default(value);
    if (!isDeep) {
      return copyArray_default(value, result);
    }
  } else {
    var tag = getTag_default(value), isFunc = tag == funcTag3 || tag == genTag2;
    if (isBuffer_default(value)) {
      return cloneBuffer_default(value, isDeep);
    }
    if (tag == objectTag3 || tag == argsTag3 || isFunc && !object) {
      result = isFlat || isFunc ? {} : initCloneObject_default(value);
      if (!isDeep) {
        return isFlat ? copySymbolsIn_default(value, baseAssignIn_default(result, value)) : copySymbols_default(value, baseAssign_default(result, value));
      }
    } else {
      if (!cloneableTags[tag]) {
        return object ? value : {};
      }
      result = initCloneByTag_default(value, tag, isDeep);
    }
  }
  stack || (stack = new Stack_default());
  var stacked = stack.get(value);
  if (stacked) {
    return stacked;
  }
  stack.set(value, result);
  if (isSet_default(value)) {
    value.forEach(function(subValue) {
      result.add(baseClone(subValue, bitmask, customizer, subValue, value, stack));
    });
  } else if (isMap_default(value)) {
    value.forEach(function(subValue, key2) {
      result.set(key2, baseClone(subValue, bitmask, customizer, key2, value, stack));
    });
  }
  var keysFunc = isFull ? isFlat ? getAllKeysIn_default : getAllKeys_default : isFlat ? keysIn_default : keys_default;
  var props = isArr ? void 0 : keysFunc(value);
  arrayEach_default(props || value, function(subValue, key2) {
    if (props) {
      key2 = subValue;
      subValue = value[key2];
    }
    assignValue_default(result, key2, baseClone(subValue, bitmask, customizer, key2, value, stack));
  });
  return result;
}
var baseClone_default = baseClone;

// node_modules/lodash-es/clone.js
var CLONE_SYMBOLS_FLAG2 = 4;
function clone(value) {
  return baseClone_default(value, CLONE_SYMBOLS_FLAG2);
}
var clone_default = clone;

// node_modules/lodash-es/compact.js
function compact(array) {
  var index2 = -1, length = array == null ? 0 : array.length, resIndex = 0, result = [];
  while (++index2 < length) {
    var value = array[index2];
    if (value) {
      result[resIndex++] = value;
    }
  }
  return result;
}
var compact_default = compact;

// node_modules/lodash-es/_setCacheAdd.js
var HASH_UNDEFINED3 = "__lodash_hash_undefined__";
function setCacheAdd(value) {
  this.__data__.set(value, HASH_UNDEFINED3);
  return this;
}
var setCacheAdd_default = setCacheAdd;

// node_modules/lodash-es/_setCacheHas.js
function setCacheHas(value) {
  return this.__data__.has(value);
}
var setCacheHas_default = setCacheHas;

// node_modules/lodash-es/_SetCache.js
function SetCache(values2) {
  var index2 = -1, length = values2 == null ? 0 : values2.length;
  this.__data__ = new MapCache_default();
  while (++index2 < length) {
    this.add(values2[index2]);
  }
}
SetCache.prototype.add = SetCache.prototype.push = setCacheAdd_default;
SetCache.prototype.has = setCacheHas_default;
var SetCache_default = SetCache;

// node_modules/lodash-es/_arraySome.js
function arraySome(array, predicate) {
  var index2 = -1, length = array == null ? 0 : array.length;
  while (++index2 < length) {
    if (predicate(array[index2], index2, array)) {
      return true;
    }
  }
  return false;
}
var arraySome_default = arraySome;

// node_modules/lodash-es/_cacheHas.js
function cacheHas(cache, key) {
  return cache.has(key);
}
var cacheHas_default = cacheHas;

// node_modules/lodash-es/_equalArrays.js
var COMPARE_PARTIAL_FLAG = 1;
var COMPARE_UNORDERED_FLAG = 2;
function equalArrays(array, other, bitmask, customizer, equalFunc, stack) {
  var isPartial = bitmask & COMPARE_PARTIAL_FLAG, arrLength = array.length, othLength = other.length;
  if (arrLength != othLength && !(isPartial && othLength > arrLength)) {
    return false;
  }
  var arrStacked = stack.get(array);
  var othStacked = stack.get(other);
  if (arrStacked && othStacked) {
    return arrStacked == other && othStacked == array;
  }
  var index2 = -1, result = true, seen = bitmask & COMPARE_UNORDERED_FLAG ? new SetCache_default() : void 0;
  stack.set(array, other);
  stack.set(other, array);
  while (++index2 < arrLength) {
    var arrValue = array[index2], othValue = other[index2];
    if (customizer) {
      var compared = isPartial ? customizer(othValue, arrValue, index2, other, array, stack) : customizer(arrValue, othValue, index2, array, other, stack);
    }
    if (compared !== void 0) {
      if (compared) {
        continue;
      }
      result = false;
      break;
    }
    if (seen) {
      if (!arraySome_default(other, function(othValue2, othIndex) {
        if (!cacheHas_default(seen, othIndex) && (arrValue === othValue2 || equalFunc(arrValue, othValue2, bitmask, customizer, stack))) {
          return seen.push(othIndex);
        }
      })) {
        result = false;
        break;
      }
    } else if (!(arrValue === othValue || equalFunc(arrValue, othValue, bitmask, customizer, stack))) {
      result = false;
      break;
    }
  }
  stack["delete"](array);
  stack["delete"](other);
  return result;
}
var equalArrays_default = equalArrays;

// node_modules/lodash-es/_mapToArray.js
function mapToArray(map2) {
  var index2 = -1, result = Array(map2.size);
  map2.forEach(function(value, key) {
    result[++index2] = [key, value];
  });
  return result;
}
var mapToArray_default = mapToArray;

// node_modules/lodash-es/_setToArray.js
function setToArray(set) {
  var index2 = -1, result = Array(set.size);
  set.forEach(function(value) {
    result[++index2] = value;
  });
  return result;
}
var setToArray_default = setToArray;

// node_modules/lodash-es/_equalByTag.js
var COMPARE_PARTIAL_FLAG2 = 1;
var COMPARE_UNORDERED_FLAG2 = 2;
var boolTag4 = "[object Boolean]";
var dateTag4 = "[object Date]";
var errorTag3 = "[object Error]";
var mapTag6 = "[object Map]";
var numberTag4 = "[object Number]";
var regexpTag4 = "[object RegExp]";
var setTag6 = "[object Set]";
var stringTag4 = "[object String]";
var symbolTag4 = "[object Symbol]";
var arrayBufferTag4 = "[object ArrayBuffer]";
var dataViewTag5 = "[object DataView]";
var symbolProto3 = Symbol_default ? Symbol_default.prototype : void 0;
var symbolValueOf2 = symbolProto3 ? symbolProto3.valueOf : void 0;
function equalByTag(object, other, tag, bitmask, customizer, equalFunc, stack) {
  switch (tag) {
    case dataViewTag5:
      if (object.byteLength != other.byteLength || object.byteOffset != other.byteOffset) {
        return false;
      }
      object = object.buffer;
      other = other.buffer;
    case arrayBufferTag4:
      if (object.byteLength != other.byteLength || !equalFunc(new Uint8Array_default(object), new Uint8Array_default(other))) {
        return false;
      }
      return true;
    case boolTag4:
    case dateTag4:
    case numberTag4:
      return eq_default(+object, +other);
    case errorTag3:
      return object.name == other.name && object.message == other.message;
    case regexpTag4:
    case stringTag4:
      return object == other + "";
    case mapTag6:
      var convert2 = mapToArray_default;
    case setTag6:
      var isPartial = bitmask & COMPARE_PARTIAL_FLAG2;
      convert2 || (convert2 = setToArray_default);
      if (object.size != other.size && !isPartial) {
        return false;
      }
      var stacked = stack.get(object);
      if (stacked) {
        return stacked == other;
      }
      bitmask |= COMPARE_UNORDERED_FLAG2;
      stack.set(object, other);
      var result = equalArrays_default(convert2(object), convert2(other), bitmask, customizer, equalFunc, stack);
      stack["delete"](object);
      return result;
    case symbolTag4:
      if (symbolValueOf2) {
        return symbolValueOf2.call(object) == symbolValueOf2.call(other);
      }
  }
  return false;
}
var equalByTag_default = equalByTag;

// node_modules/lodash-es/_equalObjects.js
var COMPARE_PARTIAL_FLAG3 = 1;
var objectProto15 = Object.prototype;
var hasOwnProperty12 = objectProto15.hasOwnProperty;
function equalObjects(object, other, bitmask, customizer, equalFunc, stack) {
  var isPartial = bitmask & COMPARE_PARTIAL_FLAG3, objProps = getAllKeys_default(object), objLength = objProps.length, othProps = getAllKeys_default(other), othLength = othProps.length;
  if (objLength != othLength && !isPartial) {
    return false;
  }
  var index2 = objLength;
  while (index2--) {
    var key = objProps[index2];
    if (!(isPartial ? key in other : hasOwnProperty12.call(other, key))) {
      return false;
    }
  }
  var objStacked = stack.get(object);
  var othStacked = stack.get(other);
  if (objStacked && othStacked) {
    return objStacked == other && othStacked == object;
  }
  var result = true;
  stack.set(object, other);
  stack.set(other, object);
  var skipCtor = isPartial;
  while (++index2 < objLength) {
    key = objProps[index2];
    var objValue = object[key], othValue = other[key];
    if (customizer) {
      var compared = isPartial ? customizer(othValue, objValue, key, other, object, stack) : customizer(objValue, othValue, key, object, other, stack);
    }
    if (!(compared === void 0 ? objValue === othValue || equalFunc(objValue, othValue, bitmask, customizer, stack) : compared)) {
      result = false;
      break;
    }
    skipCtor || (skipCtor = key == "constructor");
  }
  if (result && !skipCtor) {
    var objCtor = object.constructor, othCtor = other.constructor;
    if (objCtor != othCtor && ("constructor" in object && "constructor" in other) && !(typeof objCtor == "function" && objCtor instanceof objCtor && typeof othCtor == "function" && othCtor instanceof othCtor)) {
      result = false;
    }
  }
  stack["delete"](object);
  stack["delete"](other);
  return result;
}
var equalObjects_default = equalObjects;

// node_modules/lodash-es/_baseIsEqualDeep.js
var COMPARE_PARTIAL_FLAG4 = 1;
var argsTag4 = "[object Arguments]";
var arrayTag3 = "[object Array]";
var objectTag4 = "[object Object]";
var objectProto16 = Object.prototype;
var hasOwnProperty13 = objectProto16.hasOwnProperty;
function baseIsEqualDeep(object, other, bitmask, customizer, equalFunc, stack) {
  var objIsArr = isArray_default(object), othIsArr = isArray_default(other), objTag = objIsArr ? arrayTag3 : getTag_default(object), othTag = othIsArr ? arrayTag3 : getTag_default(other);
  objTag = objTag == argsTag4 ? objectTag4 : objTag;
  othTag = othTag == argsTag4 ? objectTag4 : othTag;
  var objIsObj = objTag == objectTag4, othIsObj = othTag == objectTag4, isSameTag = objTag == othTag;
  if (isSameTag && isBuffer_default(object)) {
    if (!isBuffer_default(other)) {
      return false;
    }
    objIsArr = true;
    objIsObj = false;
  }
  if (isSameTag && !objIsObj) {
    stack || (stack = new Stack_default());
    return objIsArr || isTypedArray_default(object) ? equalArrays_default(object, other, bitmask, customizer, equalFunc, stack) : equalByTag_default(object, other, objTag, bitmask, customizer, equalFunc, stack);
  }
  if (!(bitmask & COMPARE_PARTIAL_FLAG4)) {
    var objIsWrapped = objIsObj && hasOwnProperty13.call(object, "__wrapped__"), othIsWrapped = othIsObj && hasOwnProperty13.call(other, "__wrapped__");
    if (objIsWrapped || othIsWrapped) {
      var objUnwrapped = objIsWrapped ? object.value() : object, othUnwrapped = othIsWrapped ? other.value() : other;
      stack || (stack = new Stack_default());
      return equalFunc(objUnwrapped, othUnwrapped, bitmask, customizer, stack);
    }
  }
  if (!isSameTag) {
    return false;
  }
  stack || (stack = new Stack_default());
  return equalObjects_default(object, other, bitmask, customizer, equalFunc, stack);
}
var baseIsEqualDeep_default = baseIsEqualDeep;

// node_modules/lodash-es/_baseIsEqual.js
function baseIsEqual(value, other, bitmask, customizer, stack) {
  if (value === other) {
    return true;
  }
  if (value == null || other == null || !isObjectLike_default(value) && !isObjectLike_default(other)) {
    return value !== value && other !== other;
  }
  return baseIsEqualDeep_default(value, other, bitmask, customizer, baseIsEqual, stack);
}
var baseIsEqual_default = baseIsEqual;

// node_modules/lodash-es/_baseIsMatch.js
var COMPARE_PARTIAL_FLAG5 = 1;
var COMPARE_UNORDERED_FLAG3 = 2;
function baseIsMatch(object, source, matchData, customizer) {
  var index2 = matchData.length, length = index2, noCustomizer = !customizer;
  if (object == null) {
    return !length;
  }
  object = Object(object);
  while (index2--) {
    var data = matchData[index2];
    if (noCustomizer && data[2] ? data[1] !== object[data[0]] : !(data[0] in object)) {
      return false;
    }
  }
  while (++index2 < length) {
    data = matchData[index2];
    var key = data[0], objValue = object[key], srcValue = data[1];
    if (noCustomizer && data[2]) {
      if (objValue === void 0 && !(key in object)) {
        return false;
      }
    } else {
      var stack = new Stack_default();
      if (customizer) {
        var result = customizer(objValue, srcValue, key, object, source, stack);
      }
      if (!(result === void 0 ? baseIsEqual_default(srcValue, objValue, COMPARE_PARTIAL_FLAG5 | COMPARE_UNORDERED_FLAG3, customizer, stack) : result)) {
        return false;
      }
    }
  }
  return true;
}
var baseIsMatch_default = baseIsMatch;

// node_modules/lodash-es/_isStrictComparable.js
function isStrictComparable(value) {
  return value === value && !isObject_default(value);
}
var isStrictComparable_default = isStrictComparable;

// node_modules/lodash-es/_getMatchData.js
function getMatchData(object) {
  var result = keys_default(object), length = result.length;
  while (length--) {
    var key = result[length], value = object[key];
    result[length] = [key, value, isStrictComparable_default(value)];
  }
  return result;
}
var getMatchData_default = getMatchData;

// node_modules/lodash-es/_matchesStrictComparable.js
function matchesStrictComparable(key, srcValue) {
  return function(object) {
    if (object == null) {
      return false;
    }
    return object[key] === srcValue && (srcValue !== void 0 || key in Object(object));
  };
}
var matchesStrictComparable_default = matchesStrictComparable;

// node_modules/lodash-es/_baseMatches.js
function baseMatches(source) {
  var matchData = getMatchData_default(source);
  if (matchData.length == 1 && matchData[0][2]) {
    return matchesStrictComparable_default(matchData[0][0], matchData[0][1]);
  }
  return function(object) {
    return object === source || baseIsMatch_default(object, source, matchData);
  };
}
var baseMatches_default = baseMatches;

// node_modules/lodash-es/_baseHasIn.js
function baseHasIn(object, key) {
  return object != null && key in Object(object);
}
var baseHasIn_default = baseHasIn;

// node_modules/lodash-es/_hasPath.js
function hasPath(object, path, hasFunc) {
  path = castPath_default(path, object);
  var index2 = -1, length = path.length, result = false;
  while (++index2 < length) {
    var key = toKey_default(path[index2]);
    if (!(result = object != null && hasFunc(object, key))) {
      break;
    }
    object = object[key];
  }
  if (result || ++index2 != length) {
    return result;
  }
  length = object == null ? 0 : object.length;
  return !!length && isLength_default(length) && isIndex_default(key, length) && (isArray_default(object) || isArguments_default(object));
}
var hasPath_default = hasPath;

// node_modules/lodash-es/hasIn.js
function hasIn(object, path) {
  return object != null && hasPath_default(object, path, baseHasIn_default);
}
var hasIn_default = hasIn;

// node_modules/lodash-es/_baseMatchesProperty.js
var COMPARE_PARTIAL_FLAG6 = 1;
var COMPARE_UNORDERED_FLAG4 = 2;
function baseMatchesProperty(path, srcValue) {
  if (isKey_default(path) && isStrictComparable_default(srcValue)) {
    return matchesStrictComparable_default(toKey_default(path), srcValue);
  }
  return function(object) {
    var objValue = get_default(object, path);
    return objValue === void 0 && objValue === srcValue ? hasIn_default(object, path) : baseIsEqual_default(srcValue, objValue, COMPARE_PARTIAL_FLAG6 | COMPARE_UNORDERED_FLAG4);
  };
}
var baseMatchesProperty_default = baseMatchesProperty;

// node_modules/lodash-es/_baseProperty.js
function baseProperty(key) {
  return function(object) {
    return object == null ? void 0 : object[key];
  };
}
var baseProperty_default = baseProperty;

// node_modules/lodash-es/_basePropertyDeep.js
function basePropertyDeep(path) {
  return function(object) {
    return baseGet_default(object, path);
  };
}
var basePropertyDeep_default = basePropertyDeep;

// node_modules/lodash-es/property.js
function property(path) {
  return isKey_default(path) ? baseProperty_default(toKey_default(path)) : basePropertyDeep_default(path);
}
var property_default = property;

// node_modules/lodash-es/_baseIteratee.js
function baseIteratee(value) {
  if (typeof value == "function") {
    return value;
  }
  if (value == null) {
    return identity_default;
  }
  if (typeof value == "object") {
    return isArray_default(value) ? baseMatchesProperty_default(value[0], value[1]) : baseMatches_default(value);
  }
  return property_default(value);
}
var baseIteratee_default = baseIteratee;

// node_modules/lodash-es/_arrayAggregator.js
function arrayAggregator(array, setter, iteratee, accumulator) {
  var index2 = -1, length = array == null ? 0 : array.length;
  while (++index2 < length) {
    var value = array[index2];
    setter(accumulator, value, iteratee(value), array);
  }
  return accumulator;
}
var arrayAggregator_default = arrayAggregator;

// node_modules/lodash-es/_createBaseFor.js
function createBaseFor(fromRight) {
  return function(object, iteratee, keysFunc) {
    var index2 = -1, iterable = Object(object), props = keysFunc(object), length = props.length;
    while (length--) {
      var key = props[fromRight ? length : ++index2];
      if (iteratee(iterable[key], key, iterable) === false) {
        break;
      }
    }
    return object;
  };
}
var createBaseFor_default = createBaseFor;

// node_modules/lodash-es/_baseFor.js
var baseFor = createBaseFor_default();
var baseFor_default = baseFor;

// node_modules/lodash-es/_baseForOwn.js
function baseForOwn(object, iteratee) {
  return object && baseFor_default(object, iteratee, keys_default);
}
var baseForOwn_default = baseForOwn;

// node_modules/lodash-es/_createBaseEach.js
function createBaseEach(eachFunc, fromRight) {
  return function(collection, iteratee) {
    if (collection == null) {
      return collection;
    }
    if (!isArrayLike_default(collection)) {
      return eachFunc(collection, iteratee);
    }
    var length = collection.length, index2 = fromRight ? length : -1, iterable = Object(collection);
    while (fromRight ? index2-- : ++index2 < length) {
      if (iteratee(iterable[index2], index2, iterable) === false) {
        break;
      }
    }
    return collection;
  };
}
var createBaseEach_default = createBaseEach;

// node_modules/lodash-es/_baseEach.js
var baseEach = createBaseEach_default(baseForOwn_default);
var baseEach_default = baseEach;

// node_modules/lodash-es/_baseAggregator.js
function baseAggregator(collection, setter, iteratee, accumulator) {
  baseEach_default(collection, function(value, key, collection2) {
    setter(accumulator, value, iteratee(value), collection2);
  });
  return accumulator;
}
var baseAggregator_default = baseAggregator;

// node_modules/lodash-es/_createAggregator.js
function createAggregator(setter, initializer) {
  return function(collection, iteratee) {
    var func = isArray_default(collection) ? arrayAggregator_default : baseAggregator_default, accumulator = initializer ? initializer() : {};
    return func(collection, setter, baseIteratee_default(iteratee, 2), accumulator);
  };
}
var createAggregator_default = createAggregator;

// node_modules/lodash-es/defaults.js
var objectProto17 = Object.prototype;
var hasOwnProperty14 = objectProto17.hasOwnProperty;
var defaults = baseRest_default(function(object, sources) {
  object = Object(object);
  var index2 = -1;
  var length = sources.length;
  var guard = length > 2 ? sources[2] : void 0;
  if (guard && isIterateeCall_default(sources[0], sources[1], guard)) {
    length = 1;
  }
  while (++index2 < length) {
    var source = sources[index2];
    var props = keysIn_default(source);
    var propsIndex = -1;
    var propsLength = props.length;
    while (++propsIndex < propsLength) {
      var key = props[propsIndex];
      var value = object[key];
      if (value === void 0 || eq_default(value, objectProto17[key]) && !hasOwnProperty14.call(object, key)) {
        object[key] = source[key];
      }
    }
  }
  return object;
});
var defaults_default = defaults;

// node_modules/lodash-es/isArrayLikeObject.js
function isArrayLikeObject(value) {
  return isObjectLike_default(value) && isArrayLike_default(value);
}
var isArrayLikeObject_default = isArrayLikeObject;

// node_modules/lodash-es/_arrayIncludesWith.js
function arrayIncludesWith(array, value, comparator) {
  var index2 = -1, length = array == null ? 0 : array.length;
  while (++index2 < length) {
    if (comparator(value, array[index2])) {
      return true;
    }
  }
  return false;
}
var arrayIncludesWith_default = arrayIncludesWith;

// node_modules/lodash-es/_baseDifference.js
var LARGE_ARRAY_SIZE2 = 200;
function baseDifference(array, values2, iteratee, comparator) {
  var index2 = -1, includes2 = arrayIncludes_default, isCommon = true, length = array.length, result = [], valuesLength = values2.length;
  if (!length) {
    return result;
  }
  if (iteratee) {
    values2 = arrayMap_default(values2, baseUnary_default(iteratee));
  }
  if (comparator) {
    includes2 = arrayIncludesWith_default;
    isCommon = false;
  } else if (values2.length >= LARGE_ARRAY_SIZE2) {
    includes2 = cacheHas_default;
    isCommon = false;
    values2 = new SetCache_default(values2);
  }
  outer:
    while (++index2 < length) {
      var value = array[index2], computed = iteratee == null ? value : iteratee(value);
      value = comparator || value !== 0 ? value : 0;
      if (isCommon && computed === computed) {
        var valuesIndex = valuesLength;
        while (valuesIndex--) {
          if (values2[valuesIndex] === computed) {
            continue outer;
          }
        }
        result.push(value);
      } else if (!includes2(values2, computed, comparator)) {
        result.push(value);
      }
    }
  return result;
}
var baseDifference_default = baseDifference;

// node_modules/lodash-es/difference.js
var difference = baseRest_default(function(array, values2) {
  return isArrayLikeObject_default(array) ? baseDifference_default(array, baseFlatten_default(values2, 1, isArrayLikeObject_default, true)) : [];
});
var difference_default = difference;

// node_modules/lodash-es/last.js
function last(array) {
  var length = array == null ? 0 : array.length;
  return length ? array[length - 1] : void 0;
}
var last_default = last;

// node_modules/lodash-es/drop.js
function drop(array, n, guard) {
  var length = array == null ? 0 : array.length;
  if (!length) {
    return [];
  }
  n = guard || n === void 0 ? 1 : toInteger_default(n);
  return baseSlice_default(array, n < 0 ? 0 : n, length);
}
var drop_default = drop;

// node_modules/lodash-es/dropRight.js
function dropRight(array, n, guard) {
  var length = array == null ? 0 : array.length;
  if (!length) {
    return [];
  }
  n = guard || n === void 0 ? 1 : toInteger_default(n);
  n = length - n;
  return baseSlice_default(array, 0, n < 0 ? 0 : n);
}
var dropRight_default = dropRight;

// node_modules/lodash-es/_castFunction.js
function castFunction(value) {
  return typeof value == "function" ? value : identity_default;
}
var castFunction_default = castFunction;

// node_modules/lodash-es/forEach.js
function forEach(collection, iteratee) {
  var func = isArray_default(collection) ? arrayEach_default : baseEach_default;
  return func(collection, castFunction_default(iteratee));
}
var forEach_default = forEach;

// node_modules/lodash-es/_arrayEvery.js
function arrayEvery(array, predicate) {
  var index2 = -1, length = array == null ? 0 : array.length;
  while (++index2 < length) {
    if (!predicate(array[index2], index2, array)) {
      return false;
    }
  }
  return true;
}
var arrayEvery_default = arrayEvery;

// node_modules/lodash-es/_baseEvery.js
function baseEvery(collection, predicate) {
  var result = true;
  baseEach_default(collection, function(value, index2, collection2) {
    result = !!predicate(value, index2, collection2);
    return result;
  });
  return result;
}
var baseEvery_default = baseEvery;

// node_modules/lodash-es/every.js
function every(collection, predicate, guard) {
  var func = isArray_default(collection) ? arrayEvery_default : baseEvery_default;
  if (guard && isIterateeCall_default(collection, predicate, guard)) {
    predicate = void 0;
  }
  return func(collection, baseIteratee_default(predicate, 3));
}
var every_default = every;

// node_modules/lodash-es/_baseFilter.js
function baseFilter(collection, predicate) {
  var result = [];
  baseEach_default(collection, function(value, index2, collection2) {
    if (predicate(value, index2, collection2)) {
      result.push(value);
    }
  });
  return result;
}
var baseFilter_default = baseFilter;

// node_modules/lodash-es/filter.js
function filter(collection, predicate) {
  var func = isArray_default(collection) ? arrayFilter_default : baseFilter_default;
  return func(collection, baseIteratee_default(predicate, 3));
}
var filter_default = filter;

// node_modules/lodash-es/_createFind.js
function createFind(findIndexFunc) {
  return function(collection, predicate, fromIndex) {
    var iterable = Object(collection);
    if (!isArrayLike_default(collection)) {
      var iteratee = baseIteratee_default(predicate, 3);
      collection = keys_default(collection);
      predicate = function(key) {
        return iteratee(iterable[key], key, iterable);
      };
    }
    var index2 = findIndexFunc(collection, predicate, fromIndex);
    return index2 > -1 ? iterable[iteratee ? collection[index2] : index2] : void 0;
  };
}
var createFind_default = createFind;

// node_modules/lodash-es/findIndex.js
var nativeMax2 = Math.max;
function findIndex(array, predicate, fromIndex) {
  var length = array == null ? 0 : array.length;
  if (!length) {
    return -1;
  }
  var index2 = fromIndex == null ? 0 : toInteger_default(fromIndex);
  if (index2 < 0) {
    index2 = nativeMax2(length + index2, 0);
  }
  return baseFindIndex_default(array, baseIteratee_default(predicate, 3), index2);
}
var findIndex_default = findIndex;

// node_modules/lodash-es/find.js
var find = createFind_default(findIndex_default);
var find_default = find;

// node_modules/lodash-es/head.js
function head(array) {
  return array && array.length ? array[0] : void 0;
}
var head_default = head;

// node_modules/lodash-es/_baseMap.js
function baseMap(collection, iteratee) {
  var index2 = -1, result = isArrayLike_default(collection) ? Array(collection.length) : [];
  baseEach_default(collection, function(value, key, collection2) {
    result[++index2] = iteratee(value, key, collection2);
  });
  return result;
}
var baseMap_default = baseMap;

// node_modules/lodash-es/map.js
function map(collection, iteratee) {
  var func = isArray_default(collection) ? arrayMap_default : baseMap_default;
  return func(collection, baseIteratee_default(iteratee, 3));
}
var map_default = map;

// node_modules/lodash-es/flatMap.js
function flatMap(collection, iteratee) {
  return baseFlatten_default(map_default(collection, iteratee), 1);
}
var flatMap_default = flatMap;

// node_modules/lodash-es/groupBy.js
var objectProto18 = Object.prototype;
var hasOwnProperty15 = objectProto18.hasOwnProperty;
var groupBy = createAggregator_default(function(result, value, key) {
  if (hasOwnProperty15.call(result, key)) {
    result[key].push(value);
  } else {
    baseAssignValue_default(result, key, [value]);
  }
});
var groupBy_default = groupBy;

// node_modules/lodash-es/_baseHas.js
var objectProto19 = Object.prototype;
var hasOwnProperty16 = objectProto19.hasOwnProperty;
function baseHas(object, key) {
  return object != null && hasOwnProperty16.call(object, key);
}
var baseHas_default = baseHas;

// node_modules/lodash-es/has.js
function has(object, path) {
  return object != null && hasPath_default(object, path, baseHas_default);
}
var has_default = has;

// node_modules/lodash-es/isString.js
var stringTag5 = "[object String]";
function isString(value) {
  return typeof value == "string" || !isArray_default(value) && isObjectLike_default(value) && baseGetTag_default(value) == stringTag5;
}
var isString_default = isString;

// node_modules/lodash-es/_baseValues.js
function baseValues(object, props) {
  return arrayMap_default(props, function(key) {
    return object[key];
  });
}
var baseValues_default = baseValues;

// node_modules/lodash-es/values.js
function values(object) {
  return object == null ? [] : baseValues_default(object, keys_default(object));
}
var values_default = values;

// node_modules/lodash-es/includes.js
var nativeMax3 = Math.max;
function includes(collection, value, fromIndex, guard) {
  collection = isArrayLike_default(collection) ? collection : values_default(collection);
  fromIndex = fromIndex && !guard ? toInteger_default(fromIndex) : 0;
  var length = collection.length;
  if (fromIndex < 0) {
    fromIndex = nativeMax3(length + fromIndex, 0);
  }
  return isString_default(collection) ? fromIndex <= length && collection.indexOf(value, fromIndex) > -1 : !!length && baseIndexOf_default(collection, value, fromIndex) > -1;
}
var includes_default = includes;

// node_modules/lodash-es/indexOf.js
var nativeMax4 = Math.max;
function indexOf(array, value, fromIndex) {
  var length = array == null ? 0 : array.length;
  if (!length) {
    return -1;
  }
  var index2 = fromIndex == null ? 0 : toInteger_default(fromIndex);
  if (index2 < 0) {
    index2 = nativeMax4(length + index2, 0);
  }
  return baseIndexOf_default(array, value, index2);
}
var indexOf_default = indexOf;

// node_modules/lodash-es/isEmpty.js
var mapTag7 = "[object Map]";
var setTag7 = "[object Set]";
var objectProto20 = Object.prototype;
var hasOwnProperty17 = objectProto20.hasOwnProperty;
function isEmpty(value) {
  if (value == null) {
    return true;
  }
  if (isArrayLike_default(value) && (isArray_default(value) || typeof value == "string" || typeof value.splice == "function" || isBuffer_default(value) || isTypedArray_default(value) || isArguments_default(value))) {
    return !value.length;
  }
  var tag = getTag_default(value);
  if (tag == mapTag7 || tag == setTag7) {
    return !value.size;
  }
  if (isPrototype_default(value)) {
    return !baseKeys_default(value).length;
  }
  for (var key in value) {
    if (hasOwnProperty17.call(value, key)) {
      return false;
    }
  }
  return true;
}
var isEmpty_default = isEmpty;

// node_modules/lodash-es/_baseIsRegExp.js
var regexpTag5 = "[object RegExp]";
function baseIsRegExp(value) {
  return isObjectLike_default(value) && baseGetTag_default(value) == regexpTag5;
}
var baseIsRegExp_default = baseIsRegExp;

// node_modules/lodash-es/isRegExp.js
var nodeIsRegExp = nodeUtil_default && nodeUtil_default.isRegExp;
var isRegExp = nodeIsRegExp ? baseUnary_default(nodeIsRegExp) : baseIsRegExp_default;
var isRegExp_default = isRegExp;

// node_modules/lodash-es/isUndefined.js
function isUndefined(value) {
  return value === void 0;
}
var isUndefined_default = isUndefined;

// node_modules/lodash-es/negate.js
var FUNC_ERROR_TEXT2 = "Expected a function";
function negate(predicate) {
  if (typeof predicate != "function") {
    throw new TypeError(FUNC_ERROR_TEXT2);
  }
  return function() {
    var args = arguments;
    switch (args.length) {
      case 0:
        return !predicate.call(this);
      case 1:
        return !predicate.call(this, args[0]);
      case 2:
        return !predicate.call(this, args[0], args[1]);
      case 3:
        return !predicate.call(this, args[0], args[1], args[2]);
    }
    return !predicate.apply(this, args);
  };
}
var negate_default = negate;

// node_modules/lodash-es/_baseSet.js
function baseSet(object, path, value, customizer) {
  if (!isObject_default(object)) {
    return object;
  }
  path = castPath_default(path, object);
  var index2 = -1, length = path.length, lastIndex = length - 1, nested = object;
  while (nested != null && ++index2 < length) {
    var key = toKey_default(path[index2]), newValue = value;
    if (key === "__proto__" || key === "constructor" || key === "prototype") {
      return object;
    }
    if (index2 != lastIndex) {
      var objValue = nested[key];
      newValue = customizer ? customizer(objValue, key, nested) : void 0;
      if (newValue === void 0) {
        newValue = isObject_default(objValue) ? objValue : isIndex_default(path[index2 + 1]) ? [] : {};
      }
    }
    assignValue_default(nested, key, newValue);
    nested = nested[key];
  }
  return object;
}
var baseSet_default = baseSet;

// node_modules/lodash-es/_basePickBy.js
function basePickBy(object, paths, predicate) {
  var index2 = -1, length = paths.length, result = {};
  while (++index2 < length) {
    var path = paths[index2], value = baseGet_default(object, path);
    if (predicate(value, path)) {
      baseSet_default(result, castPath_default(path, object), value);
    }
  }
  return result;
}
var basePickBy_default = basePickBy;

// node_modules/lodash-es/pickBy.js
function pickBy(object, predicate) {
  if (object == null) {
    return {};
  }
  var props = arrayMap_default(getAllKeysIn_default(object), function(prop) {
    return [prop];
  });
  predicate = baseIteratee_default(predicate);
  return basePickBy_default(object, props, function(value, path) {
    return predicate(value, path[0]);
  });
}
var pickBy_default = pickBy;

// node_modules/lodash-es/_baseReduce.js
function baseReduce(collection, iteratee, accumulator, initAccum, eachFunc) {
  eachFunc(collection, function(value, index2, collection2) {
    accumulator = initAccum ? (initAccum = false, value) : iteratee(accumulator, value, index2, collection2);
  });
  return accumulator;
}
var baseReduce_default = baseReduce;

// node_modules/lodash-es/reduce.js
function reduce(collection, iteratee, accumulator) {
  var func = isArray_default(collection) ? arrayReduce_default : baseReduce_default, initAccum = arguments.length < 3;
  return func(collection, baseIteratee_default(iteratee, 4), accumulator, initAccum, baseEach_default);
}
var reduce_default = reduce;

// node_modules/lodash-es/reject.js
function reject(collection, predicate) {
  var func = isArray_default(collection) ? arrayFilter_default : baseFilter_default;
  return func(collection, negate_default(baseIteratee_default(predicate, 3)));
}
var reject_default = reject;

// node_modules/lodash-es/_baseSome.js
function baseSome(collection, predicate) {
  var result;
  baseEach_default(collection, function(value, index2, collection2) {
    result = predicate(value, index2, collection2);
    return !result;
  });
  return !!result;
}
var baseSome_default = baseSome;

// node_modules/lodash-es/some.js
function some(collection, predicate, guard) {
  var func = isArray_default(collection) ? arraySome_default : baseSome_default;
  if (guard && isIterateeCall_default(collection, predicate, guard)) {
    predicate = void 0;
  }
  return func(collection, baseIteratee_default(predicate, 3));
}
var some_default = some;

// node_modules/lodash-es/_createSet.js
var INFINITY4 = 1 / 0;
var createSet = !(Set_default && 1 / setToArray_default(new Set_default([, -0]))[1] == INFINITY4) ? noop_default : function(values2) {
  return new Set_default(values2);
};
var createSet_default = createSet;

// node_modules/lodash-es/_baseUniq.js
var LARGE_ARRAY_SIZE3 = 200;
function baseUniq(array, iteratee, comparator) {
  var index2 = -1, includes2 = arrayIncludes_default, length = array.length, isCommon = true, result = [], seen = result;
  if (comparator) {
    isCommon = false;
    includes2 = arrayIncludesWith_default;
  } else if (length >= LARGE_ARRAY_SIZE3) {
    var set = iteratee ? null : createSet_default(array);
    if (set) {
      return setToArray_default(set);
    }
    isCommon = false;
    includes2 = cacheHas_default;
    seen = new SetCache_default();
  } else {
    seen = iteratee ? [] : result;
  }
  outer:
    while (++index2 < length) {
      var value = array[index2], computed = iteratee ? iteratee(value) : value;
      value = comparator || value !== 0 ? value : 0;
      if (isCommon && computed === computed) {
        var seenIndex = seen.length;
        while (seenIndex--) {
          if (seen[seenIndex] === computed) {
            continue outer;
          }
        }
        if (iteratee) {
          seen.push(computed);
        }
        result.push(value);
      } else if (!includes2(seen, computed, comparator)) {
        if (seen !== result) {
          seen.push(computed);
        }
        result.push(value);
      }
    }
  return result;
}
var baseUniq_default = baseUniq;

// node_modules/lodash-es/uniq.js
function uniq(array) {
  return array && array.length ? baseUniq_default(array) : [];
}
var uniq_default = uniq;

// node_modules/@chevrotain/utils/lib/src/print.js
function PRINT_ERROR(msg) {
  if (console && console.error) {
    console.error(`Error: ${msg}`);
  }
}
function PRINT_WARNING(msg) {
  if (console && console.warn) {
    console.warn(`Warning: ${msg}`);
  }
}

// node_modules/@chevrotain/utils/lib/src/timer.js
function timer(func) {
  const start = (/* @__PURE__ */ new Date()).getTime();
  const val = func();
  const end = (/* @__PURE__ */ new Date()).getTime();
  const total = end - start;
  return { time: total, value: val };
}

// node_modules/@chevrotain/utils/lib/src/to-fast-properties.js
function toFastProperties(toBecomeFast) {
  function FakeConstructor() {
  }
  FakeConstructor.prototype = toBecomeFast;
  const fakeInstance = new FakeConstructor();
  function fakeAccess() {
    return typeof fakeInstance.bar;
  }
  fakeAccess();
  fakeAccess();
  if (1)
    return toBecomeFast;
  (0, eval)(toBecomeFast);
}

// node_modules/@chevrotain/gast/lib/src/model.js
function tokenLabel(tokType) {
  if (hasTokenLabel(tokType)) {
    return tokType.LABEL;
  } else {
    return tokType.name;
  }
}
function hasTokenLabel(obj) {
  return isString_default(obj.LABEL) && obj.LABEL !== "";
}
var AbstractProduction = class {
  get definition() {
    return this._definition;
  }
  set definition(value) {
    this._definition = value;
  }
  constructor(_definition) {
    this._definition = _definition;
  }
  accept(visitor) {
    visitor.visit(this);
    forEach_default(this.definition, (prod) => {
      prod.accept(visitor);
    });
  }
};
var NonTerminal = class extends AbstractProduction {
  constructor(options) {
    super([]);
    this.idx = 1;
    assign_default(this, pickBy_default(options, (v) => v !== void 0));
  }
  set definition(definition) {
  }
  get definition() {
    if (this.referencedRule !== void 0) {
      return this.referencedRule.definition;
    }
    return [];
  }
  accept(visitor) {
    visitor.visit(this);
  }
};
var Rule = class extends AbstractProduction {
  constructor(options) {
    super(options.definition);
    this.orgText = "";
    assign_default(this, pickBy_default(options, (v) => v !== void 0));
  }
};
var Alternative = class extends AbstractProduction {
  constructor(options) {
    super(options.definition);
    this.ignoreAmbiguities = false;
    assign_default(this, pickBy_default(options, (v) => v !== void 0));
  }
};
var Option = class extends AbstractProduction {
  constructor(options) {
    super(options.definition);
    this.idx = 1;
    assign_default(this, pickBy_default(options, (v) => v !== void 0));
  }
};
var RepetitionMandatory = class extends AbstractProduction {
  constructor(options) {
    super(options.definition);
    this.idx = 1;
    assign_default(this, pickBy_default(options, (v) => v !== void 0));
  }
};
var RepetitionMandatoryWithSeparator = class extends AbstractProduction {
  constructor(options) {
    super(options.definition);
    this.idx = 1;
    assign_default(this, pickBy_default(options, (v) => v !== void 0));
  }
};
var Repetition = class extends AbstractProduction {
  constructor(options) {
    super(options.definition);
    this.idx = 1;
    assign_default(this, pickBy_default(options, (v) => v !== void 0));
  }
};
var RepetitionWithSeparator = class extends AbstractProduction {
  constructor(options) {
    super(options.definition);
    this.idx = 1;
    assign_default(this, pickBy_default(options, (v) => v !== void 0));
  }
};
var Alternation = class extends AbstractProduction {
  get definition() {
    return this._definition;
  }
  set definition(value) {
    this._definition = value;
  }
  constructor(options) {
    super(options.definition);
    this.idx = 1;
    this.ignoreAmbiguities = false;
    this.hasPredicates = false;
    assign_default(this, pickBy_default(options, (v) => v !== void 0));
  }
};
var Terminal = class {
  constructor(options) {
    this.idx = 1;
    assign_default(this, pickBy_default(options, (v) => v !== void 0));
  }
  accept(visitor) {
    visitor.visit(this);
  }
};
function serializeGrammar(topRules) {
  return map_default(topRules, serializeProduction);
}
function serializeProduction(node) {
  function convertDefinition(definition) {
    return map_default(definition, serializeProduction);
  }
  if (node instanceof NonTerminal) {
    const serializedNonTerminal = {
      type: "NonTerminal",
      name: node.nonTerminalName,
      idx: node.idx
    };
    if (isString_default(node.label)) {
      serializedNonTerminal.label = node.label;
    }
    return serializedNonTerminal;
  } else if (node instanceof Alternative) {
    return {
      type: "Alternative",
      definition: convertDefinition(node.definition)
    };
  } else if (node instanceof Option) {
    return {
      type: "Option",
      idx: node.idx,
      definition: convertDefinition(node.definition)
    };
  } else if (node instanceof RepetitionMandatory) {
    return {
      type: "RepetitionMandatory",
      idx: node.idx,
      definition: convertDefinition(node.definition)
    };
  } else if (node instanceof RepetitionMandatoryWithSeparator) {
    return {
      type: "RepetitionMandatoryWithSeparator",
      idx: node.idx,
      separator: serializeProduction(new Terminal({ terminalType: node.separator })),
      definition: convertDefinition(node.definition)
    };
  } else if (node instanceof RepetitionWithSeparator) {
    return {
      type: "RepetitionWithSeparator",
      idx: node.idx,
      separator: serializeProduction(new Terminal({ terminalType: node.separator })),
      definition: convertDefinition(node.definition)
    };
  } else if (node instanceof Repetition) {
    return {
      type: "Repetition",
      idx: node.idx,
      definition: convertDefinition(node.definition)
    };
  } else if (node instanceof Alternation) {
    return {
      type: "Alternation",
      idx: node.idx,
      definition: convertDefinition(node.definition)
    };
  } else if (node instanceof Terminal) {
    const serializedTerminal = {
      type: "Terminal",
      name: node.terminalType.name,
      label: tokenLabel(node.terminalType),
      idx: node.idx
    };
    if (isString_default(node.label)) {
      serializedTerminal.terminalLabel = node.label;
    }
    const pattern = node.terminalType.PATTERN;
    if (node.terminalType.PATTERN) {
      serializedTerminal.pattern = isRegExp_default(pattern) ? pattern.source : pattern;
    }
    return serializedTerminal;
  } else if (node instanceof Rule) {
    return {
      type: "Rule",
      name: node.name,
      orgText: node.orgText,
      definition: convertDefinition(node.definition)
    };
  } else {
    throw Error("non exhaustive match");
  }
}

// node_modules/@chevrotain/gast/lib/src/visitor.js
var GAstVisitor = class {
  visit(node) {
    const nodeAny = node;
    switch (nodeAny.constructor) {
      case NonTerminal:
        return this.visitNonTerminal(nodeAny);
      case Alternative:
        return this.visitAlternative(nodeAny);
      case Option:
        return this.visitOption(nodeAny);
      case RepetitionMandatory:
        return this.visitRepetitionMandatory(nodeAny);
      case RepetitionMandatoryWithSeparator:
        return this.visitRepetitionMandatoryWithSeparator(nodeAny);
      case RepetitionWithSeparator:
        return this.visitRepetitionWithSeparator(nodeAny);
      case Repetition:
        return this.visitRepetition(nodeAny);
      case Alternation:
        return this.visitAlternation(nodeAny);
      case Terminal:
        return this.visitTerminal(nodeAny);
      case Rule:
        return this.visitRule(nodeAny);
      /* c8 ignore next 2 */
      default:
        throw Error("non exhaustive match");
    }
  }
  /* c8 ignore next */
  visitNonTerminal(node) {
  }
  /* c8 ignore next */
  visitAlternative(node) {
  }
  /* c8 ignore next */
  visitOption(node) {
  }
  /* c8 ignore next */
  visitRepetition(node) {
  }
  /* c8 ignore next */
  visitRepetitionMandatory(node) {
  }
  /* c8 ignore next 3 */
  visitRepetitionMandatoryWithSeparator(node) {
  }
  /* c8 ignore next */
  visitRepetitionWithSeparator(node) {
  }
  /* c8 ignore next */
  visitAlternation(node) {
  }
  /* c8 ignore next */
  visitTerminal(node) {
  }
  /* c8 ignore next */
  visitRule(node) {
  }
};

// node_modules/@chevrotain/gast/lib/src/helpers.js
function isSequenceProd(prod) {
  return prod instanceof Alternative || prod instanceof Option || prod instanceof Repetition || prod instanceof RepetitionMandatory || prod instanceof RepetitionMandatoryWithSeparator || prod instanceof RepetitionWithSeparator || prod instanceof Terminal || prod instanceof Rule;
}
function isOptionalProd(prod, alreadyVisited = []) {
  const isDirectlyOptional = prod instanceof Option || prod instanceof Repetition || prod instanceof RepetitionWithSeparator;
  if (isDirectlyOptional) {
    return true;
  }
  if (prod instanceof Alternation) {
    return some_default(prod.definition, (subProd) => {
      return isOptionalProd(subProd, alreadyVisited);
    });
  } else if (prod instanceof NonTerminal && includes_default(alreadyVisited, prod)) {
    return false;
  } else if (prod instanceof AbstractProduction) {
    if (prod instanceof NonTerminal) {
      alreadyVisited.push(prod);
    }
    return every_default(prod.definition, (subProd) => {
      return isOptionalProd(subProd, alreadyVisited);
    });
  } else {
    return false;
  }
}
function isBranchingProd(prod) {
  return prod instanceof Alternation;
}
function getProductionDslName(prod) {
  if (prod instanceof NonTerminal) {
    return "SUBRULE";
  } else if (prod instanceof Option) {
    return "OPTION";
  } else if (prod instanceof Alternation) {
    return "OR";
  } else if (prod instanceof RepetitionMandatory) {
    return "AT_LEAST_ONE";
  } else if (prod instanceof RepetitionMandatoryWithSeparator) {
    return "AT_LEAST_ONE_SEP";
  } else if (prod instanceof RepetitionWithSeparator) {
    return "MANY_SEP";
  } else if (prod instanceof Repetition) {
    return "MANY";
  } else if (prod instanceof Terminal) {
    return "CONSUME";
  } else {
    throw Error("non exhaustive match");
  }
}

// node_modules/chevrotain/lib/src/parse/grammar/rest.js
var RestWalker = class {
  walk(prod, prevRest = []) {
    forEach_default(prod.definition, (subProd, index2) => {
      const currRest = drop_default(prod.definition, index2 + 1);
      if (subProd instanceof NonTerminal) {
        this.walkProdRef(subProd, currRest, prevRest);
      } else if (subProd instanceof Terminal) {
        this.walkTerminal(subProd, currRest, prevRest);
      } else if (subProd instanceof Alternative) {
        this.walkFlat(subProd, currRest, prevRest);
      } else if (subProd instanceof Option) {
        this.walkOption(subProd, currRest, prevRest);
      } else if (subProd instanceof RepetitionMandatory) {
        this.walkAtLeastOne(subProd, currRest, prevRest);
      } else if (subProd instanceof RepetitionMandatoryWithSeparator) {
        this.walkAtLeastOneSep(subProd, currRest, prevRest);
      } else if (subProd instanceof RepetitionWithSeparator) {
        this.walkManySep(subProd, currRest, prevRest);
      } else if (subProd instanceof Repetition) {
        this.walkMany(subProd, currRest, prevRest);
      } else if (subProd instanceof Alternation) {
        this.walkOr(subProd, currRest, prevRest);
      } else {
        throw Error("non exhaustive match");
      }
    });
  }
  walkTerminal(terminal, currRest, prevRest) {
  }
  walkProdRef(refProd, currRest, prevRest) {
  }
  walkFlat(flatProd, currRest, prevRest) {
    const fullOrRest = currRest.concat(prevRest);
    this.walk(flatProd, fullOrRest);
  }
  walkOption(optionProd, currRest, prevRest) {
    const fullOrRest = currRest.concat(prevRest);
    this.walk(optionProd, fullOrRest);
  }
  walkAtLeastOne(atLeastOneProd, currRest, prevRest) {
    const fullAtLeastOneRest = [
      new Option({ definition: atLeastOneProd.definition })
    ].concat(currRest, prevRest);
    this.walk(atLeastOneProd, fullAtLeastOneRest);
  }
  walkAtLeastOneSep(atLeastOneSepProd, currRest, prevRest) {
    const fullAtLeastOneSepRest = restForRepetitionWithSeparator(atLeastOneSepProd, currRest, prevRest);
    this.walk(atLeastOneSepProd, fullAtLeastOneSepRest);
  }
  walkMany(manyProd, currRest, prevRest) {
    const fullManyRest = [
      new Option({ definition: manyProd.definition })
    ].concat(currRest, prevRest);
    this.walk(manyProd, fullManyRest);
  }
  walkManySep(manySepProd, currRest, prevRest) {
    const fullManySepRest = restForRepetitionWithSeparator(manySepProd, currRest, prevRest);
    this.walk(manySepProd, fullManySepRest);
  }
  walkOr(orProd, currRest, prevRest) {
    const fullOrRest = currRest.concat(prevRest);
    forEach_default(orProd.definition, (alt) => {
      const prodWrapper = new Alternative({ definition: [alt] });
      this.walk(prodWrapper, fullOrRest);
    });
  }
};
function restForRepetitionWithSeparator(repSepProd, currRest, prevRest) {
  const repSepRest = [
    new Option({
      definition: [
        new Terminal({ terminalType: repSepProd.separator })
      ].concat(repSepProd.definition)
    })
  ];
  const fullRepSepRest = repSepRest.concat(currRest, prevRest);
  return fullRepSepRest;
}

// node_modules/chevrotain/lib/src/parse/grammar/first.js
function first(prod) {
  if (prod instanceof NonTerminal) {
    return first(prod.referencedRule);
  } else if (prod instanceof Terminal) {
    return firstForTerminal(prod);
  } else if (isSequenceProd(prod)) {
    return firstForSequence(prod);
  } else if (isBranchingProd(prod)) {
    return firstForBranching(prod);
  } else {
    throw Error("non exhaustive match");
  }
}
function firstForSequence(prod) {
  let firstSet = [];
  const seq = prod.definition;
  let nextSubProdIdx = 0;
  let hasInnerProdsRemaining = seq.length > nextSubProdIdx;
  let currSubProd;
  let isLastInnerProdOptional = true;
  while (hasInnerProdsRemaining && isLastInnerProdOptional) {
    currSubProd = seq[nextSubProdIdx];
    isLastInnerProdOptional = isOptionalProd(currSubProd);
    firstSet = firstSet.concat(first(currSubProd));
    nextSubProdIdx = nextSubProdIdx + 1;
    hasInnerProdsRemaining = seq.length > nextSubProdIdx;
  }
  return uniq_default(firstSet);
}
function firstForBranching(prod) {
  const allAlternativesFirsts = map_default(prod.definition, (innerProd) => {
    return first(innerProd);
  });
  return uniq_default(flatten_default(allAlternativesFirsts));
}
function firstForTerminal(terminal) {
  return [terminal.terminalType];
}

// node_modules/chevrotain/lib/src/parse/constants.js
var IN = "_~IN~_";

// node_modules/chevrotain/lib/src/parse/grammar/follow.js
var ResyncFollowsWalker = class extends RestWalker {
  constructor(topProd) {
    super();
    this.topProd = topProd;
    this.follows = {};
  }
  startWalking() {
    this.walk(this.topProd);
    return this.follows;
  }
  walkTerminal(terminal, currRest, prevRest) {
  }
  walkProdRef(refProd, currRest, prevRest) {
    const followName = buildBetweenProdsFollowPrefix(refProd.referencedRule, refProd.idx) + this.topProd.name;
    const fullRest = currRest.concat(prevRest);
    const restProd = new Alternative({ definition: fullRest });
    const t_in_topProd_follows = first(restProd);
    this.follows[followName] = t_in_topProd_follows;
  }
};
function computeAllProdsFollows(topProductions) {
  const reSyncFollows = {};
  forEach_default(topProductions, (topProd) => {
    const currRefsFollow = new ResyncFollowsWalker(topProd).startWalking();
    assign_default(reSyncFollows, currRefsFollow);
  });
  return reSyncFollows;
}
function buildBetweenProdsFollowPrefix(inner, occurenceInParent) {
  return inner.name + occurenceInParent + IN;
}

// node_modules/@chevrotain/regexp-to-ast/lib/src/utils.js
function cc(char) {
  return char.charCodeAt(0);
}
function insertToSet(item, set) {
  if (Array.isArray(item)) {
    item.forEach(function(subItem) {
      set.push(subItem);
    });
  } else {
    set.push(item);
  }
}
function addFlag(flagObj, flagKey) {
  if (flagObj[flagKey] === true) {
    throw "duplicate flag " + flagKey;
  }
  const x = flagObj[flagKey];
  flagObj[flagKey] = true;
}
function ASSERT_EXISTS(obj) {
  if (obj === void 0) {
    throw Error("Internal Error - Should never get here!");
  }
  return true;
}
function ASSERT_NEVER_REACH_HERE() {
  throw Error("Internal Error - Should never get here!");
}
function isCharacter(obj) {
  return obj["type"] === "Character";
}

// node_modules/@chevrotain/regexp-to-ast/lib/src/character-classes.js
var digitsCharCodes = [];
for (let i = cc("0"); i <= cc("9"); i++) {
  digitsCharCodes.push(i);
}
var wordCharCodes = [cc("_")].concat(digitsCharCodes);
for (let i = cc("a"); i <= cc("z"); i++) {
  wordCharCodes.push(i);
}
for (let i = cc("A"); i <= cc("Z"); i++) {
  wordCharCodes.push(i);
}
var whitespaceCodes = [
  cc(" "),
  cc("\f"),
  cc("\n"),
  cc("\r"),
  cc("	"),
  cc("\v"),
  cc("	"),
  cc("\xA0"),
  cc("\u1680"),
  cc("\u2000"),
  cc("\u2001"),
  cc("\u2002"),
  cc("\u2003"),
  cc("\u2004"),
  cc("\u2005"),
  cc("\u2006"),
  cc("\u2007"),
  cc("\u2008"),
  cc("\u2009"),
  cc("\u200A"),
  cc("\u2028"),
  cc("\u2029"),
  cc("\u202F"),
  cc("\u205F"),
  cc("\u3000"),
  cc("\uFEFF")
];

// node_modules/@chevrotain/regexp-to-ast/lib/src/regexp-parser.js
var hexDigitPattern = /[0-9a-fA-F]/;
var decimalPattern = /[0-9]/;
var decimalPatternNoZero = /[1-9]/;
var RegExpParser = class {
  constructor() {
    this.idx = 0;
    this.input = "";
    this.groupIdx = 0;
  }
  saveState() {
    return {
      idx: this.idx,
      input: this.input,
      groupIdx: this.groupIdx
    };
  }
  restoreState(newState2) {
    this.idx = newState2.idx;
    this.input = newState2.input;
    this.groupIdx = newState2.groupIdx;
  }
  pattern(input) {
    this.idx = 0;
    this.input = input;
    this.groupIdx = 0;
    this.consumeChar("/");
    const value = this.disjunction();
    this.consumeChar("/");
    const flags = {
      type: "Flags",
      loc: { begin: this.idx, end: input.length },
      global: false,
      ignoreCase: false,
      multiLine: false,
      unicode: false,
      sticky: false
    };
    while (this.isRegExpFlag()) {
      switch (this.popChar()) {
        case "g":
          addFlag(flags, "global");
          break;
        case "i":
          addFlag(flags, "ignoreCase");
          break;
        case "m":
          addFlag(flags, "multiLine");
          break;
        case "u":
          addFlag(flags, "unicode");
          break;
        case "y":
          addFlag(flags, "sticky");
          break;
      }
    }
    if (this.idx !== this.input.length) {
      throw Error("Redundant input: " + this.input.substring(this.idx));
    }
    return {
      type: "Pattern",
      flags,
      value,
      loc: this.loc(0)
    };
  }
  disjunction() {
    const alts = [];
    const begin = this.idx;
    alts.push(this.alternative());
    while (this.peekChar() === "|") {
      this.consumeChar("|");
      alts.push(this.alternative());
    }
    return { type: "Disjunction", value: alts, loc: this.loc(begin) };
  }
  alternative() {
    const terms = [];
    const begin = this.idx;
    while (this.isTerm()) {
      terms.push(this.term());
    }
    return { type: "Alternative", value: terms, loc: this.loc(begin) };
  }
  term() {
    if (this.isAssertion()) {
      return this.assertion();
    } else {
      return this.atom();
    }
  }
  assertion() {
    const begin = this.idx;
    switch (this.popChar()) {
      case "^":
        return {
          type: "StartAnchor",
          loc: this.loc(begin)
        };
      case "$":
        return { type: "EndAnchor", loc: this.loc(begin) };
      // '\b' or '\B'
      case "\\":
        switch (this.popChar()) {
          case "b":
            return {
              type: "WordBoundary",
              loc: this.loc(begin)
            };
          case "B":
            return {
              type: "NonWordBoundary",
              loc: this.loc(begin)
            };
        }
        throw Error("Invalid Assertion Escape");
      // '(?=' or '(?!'
      case "(":
        this.consumeChar("?");
        let type;
        switch (this.popChar()) {
          case "=":
            type = "Lookahead";
            break;
          case "!":
            type = "NegativeLookahead";
            break;
        }
        ASSERT_EXISTS(type);
        const disjunction = this.disjunction();
        this.consumeChar(")");
        return {
          type,
          value: disjunction,
          loc: this.loc(begin)
        };
    }
    return ASSERT_NEVER_REACH_HERE();
  }
  quantifier(isBacktracking = false) {
    let range = void 0;
    const begin = this.idx;
    switch (this.popChar()) {
      case "*":
        range = {
          atLeast: 0,
          atMost: Infinity
        };
        break;
      case "+":
        range = {
          atLeast: 1,
          atMost: Infinity
        };
        break;
      case "?":
        range = {
          atLeast: 0,
          atMost: 1
        };
        break;
      case "{":
        const atLeast = this.integerIncludingZero();
        switch (this.popChar()) {
          case "}":
            range = {
              atLeast,
              atMost: atLeast
            };
            break;
          case ",":
            let atMost;
            if (this.isDigit()) {
              atMost = this.integerIncludingZero();
              range = {
                atLeast,
                atMost
              };
            } else {
              range = {
                atLeast,
                atMost: Infinity
              };
            }
            this.consumeChar("}");
            break;
        }
        if (isBacktracking === true && range === void 0) {
          return void 0;
        }
        ASSERT_EXISTS(range);
        break;
    }
    if (isBacktracking === true && range === void 0) {
      return void 0;
    }
    if (ASSERT_EXISTS(range)) {
      if (this.peekChar(0) === "?") {
        this.consumeChar("?");
        range.greedy = false;
      } else {
        range.greedy = true;
      }
      range.type = "Quantifier";
      range.loc = this.loc(begin);
      return range;
    }
  }
  atom() {
    let atom;
    const begin = this.idx;
    switch (this.peekChar()) {
      case ".":
        atom = this.dotAll();
        break;
      case "\\":
        atom = this.atomEscape();
        break;
      case "[":
        atom = this.characterClass();
        break;
      case "(":
        atom = this.group();
        break;
    }
    if (atom === void 0 && this.isPatternCharacter()) {
      atom = this.patternCharacter();
    }
    if (ASSERT_EXISTS(atom)) {
      atom.loc = this.loc(begin);
      if (this.isQuantifier()) {
        atom.quantifier = this.quantifier();
      }
      return atom;
    }
    return ASSERT_NEVER_REACH_HERE();
  }
  dotAll() {
    this.consumeChar(".");
    return {
      type: "Set",
      complement: true,
      value: [cc("\n"), cc("\r"), cc("\u2028"), cc("\u2029")]
    };
  }
  atomEscape() {
    this.consumeChar("\\");
    switch (this.peekChar()) {
      case "1":
      case "2":
      case "3":
      case "4":
      case "5":
      case "6":
      case "7":
      case "8":
      case "9":
        return this.decimalEscapeAtom();
      case "d":
      case "D":
      case "s":
      case "S":
      case "w":
      case "W":
        return this.characterClassEscape();
      case "f":
      case "n":
      case "r":
      case "t":
      case "v":
        return this.controlEscapeAtom();
      case "c":
        return this.controlLetterEscapeAtom();
      case "0":
        return this.nulCharacterAtom();
      case "x":
        return this.hexEscapeSequenceAtom();
      case "u":
        return this.regExpUnicodeEscapeSequenceAtom();
      default:
        return this.identityEscapeAtom();
    }
  }
  decimalEscapeAtom() {
    const value = this.positiveInteger();
    return { type: "GroupBackReference", value };
  }
  characterClassEscape() {
    let set;
    let complement = false;
    switch (this.popChar()) {
      case "d":
        set = digitsCharCodes;
        break;
      case "D":
        set = digitsCharCodes;
        complement = true;
        break;
      case "s":
        set = whitespaceCodes;
        break;
      case "S":
        set = whitespaceCodes;
        complement = true;
        break;
      case "w":
        set = wordCharCodes;
        break;
      case "W":
        set = wordCharCodes;
        complement = true;
        break;
    }
    if (ASSERT_EXISTS(set)) {
      return { type: "Set", value: set, complement };
    }
    return ASSERT_NEVER_REACH_HERE();
  }
  controlEscapeAtom() {
    let escapeCode;
    switch (this.popChar()) {
      case "f":
        escapeCode = cc("\f");
        break;
      case "n":
        escapeCode = cc("\n");
        break;
      case "r":
        escapeCode = cc("\r");
        break;
      case "t":
        escapeCode = cc("	");
        break;
      case "v":
        escapeCode = cc("\v");
        break;
    }
    if (ASSERT_EXISTS(escapeCode)) {
      return { type: "Character", value: escapeCode };
    }
    return ASSERT_NEVER_REACH_HERE();
  }
  controlLetterEscapeAtom() {
    this.consumeChar("c");
    const letter = this.popChar();
    if (/[a-zA-Z]/.test(letter) === false) {
      throw Error("Invalid ");
    }
    const letterCode = letter.toUpperCase().charCodeAt(0) - 64;
    return { type: "Character", value: letterCode };
  }
  nulCharacterAtom() {
    this.consumeChar("0");
    return { type: "Character", value: cc("\0") };
  }
  hexEscapeSequenceAtom() {
    this.consumeChar("x");
    return this.parseHexDigits(2);
  }
  regExpUnicodeEscapeSequenceAtom() {
    this.consumeChar("u");
    return this.parseHexDigits(4);
  }
  identityEscapeAtom() {
    const escapedChar = this.popChar();
    return { type: "Character", value: cc(escapedChar) };
  }
  classPatternCharacterAtom() {
    switch (this.peekChar()) {
      // istanbul ignore next
      case "\n":
      // istanbul ignore next
      case "\r":
      // istanbul ignore next
      case "\u2028":
      // istanbul ignore next
      case "\u2029":
      // istanbul ignore next
      case "\\":
      // istanbul ignore next
      case "]":
        throw Error("TBD");
      default:
        const nextChar = this.popChar();
        return { type: "Character", value: cc(nextChar) };
    }
  }
  characterClass() {
    const set = [];
    let complement = false;
    this.consumeChar("[");
    if (this.peekChar(0) === "^") {
      this.consumeChar("^");
      complement = true;
    }
    while (this.isClassAtom()) {
      const from = this.classAtom();
      const isFromSingleChar = from.type === "Character";
      if (isCharacter(from) && this.isRangeDash()) {
        this.consumeChar("-");
        const to = this.classAtom();
        const isToSingleChar = to.type === "Character";
        if (isCharacter(to)) {
          if (to.value < from.value) {
            throw Error("Range out of order in character class");
          }
          set.push({ from: from.value, to: to.value });
        } else {
          insertToSet(from.value, set);
          set.push(cc("-"));
          insertToSet(to.value, set);
        }
      } else {
        insertToSet(from.value, set);
      }
    }
    this.consumeChar("]");
    return { type: "Set", complement, value: set };
  }
  classAtom() {
    switch (this.peekChar()) {
      // istanbul ignore next
      case "]":
      // istanbul ignore next
      case "\n":
      // istanbul ignore next
      case "\r":
      // istanbul ignore next
      case "\u2028":
      // istanbul ignore next
      case "\u2029":
        throw Error("TBD");
      case "\\":
        return this.classEscape();
      default:
        return this.classPatternCharacterAtom();
    }
  }
  classEscape() {
    this.consumeChar("\\");
    switch (this.peekChar()) {
      // Matches a backspace.
      // (Not to be confused with \b word boundary outside characterClass)
      case "b":
        this.consumeChar("b");
        return { type: "Character", value: cc("\b") };
      case "d":
      case "D":
      case "s":
      case "S":
      case "w":
      case "W":
        return this.characterClassEscape();
      case "f":
      case "n":
      case "r":
      case "t":
      case "v":
        return this.controlEscapeAtom();
      case "c":
        return this.controlLetterEscapeAtom();
      case "0":
        return this.nulCharacterAtom();
      case "x":
        return this.hexEscapeSequenceAtom();
      case "u":
        return this.regExpUnicodeEscapeSequenceAtom();
      default:
        return this.identityEscapeAtom();
    }
  }
  group() {
    let capturing = true;
    this.consumeChar("(");
    switch (this.peekChar(0)) {
      case "?":
        this.consumeChar("?");
        this.consumeChar(":");
        capturing = false;
        break;
      default:
        this.groupIdx++;
        break;
    }
    const value = this.disjunction();
    this.consumeChar(")");
    const groupAst = {
      type: "Group",
      capturing,
      value
    };
    if (capturing) {
      groupAst["idx"] = this.groupIdx;
    }
    return groupAst;
  }
  positiveInteger() {
    let number = this.popChar();
    if (decimalPatternNoZero.test(number) === false) {
      throw Error("Expecting a positive integer");
    }
    while (decimalPattern.test(this.peekChar(0))) {
      number += this.popChar();
    }
    return parseInt(number, 10);
  }
  integerIncludingZero() {
    let number = this.popChar();
    if (decimalPattern.test(number) === false) {
      throw Error("Expecting an integer");
    }
    while (decimalPattern.test(this.peekChar(0))) {
      number += this.popChar();
    }
    return parseInt(number, 10);
  }
  patternCharacter() {
    const nextChar = this.popChar();
    switch (nextChar) {
      // istanbul ignore next
      case "\n":
      // istanbul ignore next
      case "\r":
      // istanbul ignore next
      case "\u2028":
      // istanbul ignore next
      case "\u2029":
      // istanbul ignore next
      case "^":
      // istanbul ignore next
      case "$":
      // istanbul ignore next
      case "\\":
      // istanbul ignore next
      case ".":
      // istanbul ignore next
      case "*":
      // istanbul ignore next
      case "+":
      // istanbul ignore next
      case "?":
      // istanbul ignore next
      case "(":
      // istanbul ignore next
      case ")":
      // istanbul ignore next
      case "[":
      // istanbul ignore next
      case "|":
        throw Error("TBD");
      default:
        return { type: "Character", value: cc(nextChar) };
    }
  }
  isRegExpFlag() {
    switch (this.peekChar(0)) {
      case "g":
      case "i":
      case "m":
      case "u":
      case "y":
        return true;
      default:
        return false;
    }
  }
  isRangeDash() {
    return this.peekChar() === "-" && this.isClassAtom(1);
  }
  isDigit() {
    return decimalPattern.test(this.peekChar(0));
  }
  isClassAtom(howMuch = 0) {
    switch (this.peekChar(howMuch)) {
      case "]":
      case "\n":
      case "\r":
      case "\u2028":
      case "\u2029":
        return false;
      default:
        return true;
    }
  }
  isTerm() {
    return this.isAtom() || this.isAssertion();
  }
  isAtom() {
    if (this.isPatternCharacter()) {
      return true;
    }
    switch (this.peekChar(0)) {
      case ".":
      case "\\":
      // atomEscape
      case "[":
      // characterClass
      // TODO: isAtom must be called before isAssertion - disambiguate
      case "(":
        return true;
      default:
        return false;
    }
  }
  isAssertion() {
    switch (this.peekChar(0)) {
      case "^":
      case "$":
        return true;
      // '\b' or '\B'
      case "\\":
        switch (this.peekChar(1)) {
          case "b":
          case "B":
            return true;
          default:
            return false;
        }
      // '(?=' or '(?!'
      case "(":
        return this.peekChar(1) === "?" && (this.peekChar(2) === "=" || this.peekChar(2) === "!");
      default:
        return false;
    }
  }
  isQuantifier() {
    const prevState = this.saveState();
    try {
      return this.quantifier(true) !== void 0;
    } catch (e) {
      return false;
    } finally {
      this.restoreState(prevState);
    }
  }
  isPatternCharacter() {
    switch (this.peekChar()) {
      case "^":
      case "$":
      case "\\":
      case ".":
      case "*":
      case "+":
      case "?":
      case "(":
      case ")":
      case "[":
      case "|":
      case "/":
      case "\n":
      case "\r":
      case "\u2028":
      case "\u2029":
        return false;
      default:
        return true;
    }
  }
  parseHexDigits(howMany) {
    let hexString = "";
    for (let i = 0; i < howMany; i++) {
      const hexChar = this.popChar();
      if (hexDigitPattern.test(hexChar) === false) {
        throw Error("Expecting a HexDecimal digits");
      }
      hexString += hexChar;
    }
    const charCode = parseInt(hexString, 16);
    return { type: "Character", value: charCode };
  }
  peekChar(howMuch = 0) {
    return this.input[this.idx + howMuch];
  }
  popChar() {
    const nextChar = this.peekChar(0);
    this.consumeChar(void 0);
    return nextChar;
  }
  consumeChar(char) {
    if (char !== void 0 && this.input[this.idx] !== char) {
      throw Error("Expected: '" + char + "' but found: '" + this.input[this.idx] + "' at offset: " + this.idx);
    }
    if (this.idx >= this.input.length) {
      throw Error("Unexpected end of input");
    }
    this.idx++;
  }
  loc(begin) {
    return { begin, end: this.idx };
  }
};

// node_modules/@chevrotain/regexp-to-ast/lib/src/base-regexp-visitor.js
var BaseRegExpVisitor = class {
  visitChildren(node) {
    for (const key in node) {
      const child = node[key];
      if (node.hasOwnProperty(key)) {
        if (child.type !== void 0) {
          this.visit(child);
        } else if (Array.isArray(child)) {
          child.forEach((subChild) => {
            this.visit(subChild);
          }, this);
        }
      }
    }
  }
  visit(node) {
    switch (node.type) {
      case "Pattern":
        this.visitPattern(node);
        break;
      case "Flags":
        this.visitFlags(node);
        break;
      case "Disjunction":
        this.visitDisjunction(node);
        break;
      case "Alternative":
        this.visitAlternative(node);
        break;
      case "StartAnchor":
        this.visitStartAnchor(node);
        break;
      case "EndAnchor":
        this.visitEndAnchor(node);
        break;
      case "WordBoundary":
        this.visitWordBoundary(node);
        break;
      case "NonWordBoundary":
        this.visitNonWordBoundary(node);
        break;
      case "Lookahead":
        this.visitLookahead(node);
        break;
      case "NegativeLookahead":
        this.visitNegativeLookahead(node);
        break;
      case "Character":
        this.visitCharacter(node);
        break;
      case "Set":
        this.visitSet(node);
        break;
      case "Group":
        this.visitGroup(node);
        break;
      case "GroupBackReference":
        this.visitGroupBackReference(node);
        break;
      case "Quantifier":
        this.visitQuantifier(node);
        break;
    }
    this.visitChildren(node);
  }
  visitPattern(node) {
  }
  visitFlags(node) {
  }
  visitDisjunction(node) {
  }
  visitAlternative(node) {
  }
  // Assertion
  visitStartAnchor(node) {
  }
  visitEndAnchor(node) {
  }
  visitWordBoundary(node) {
  }
  visitNonWordBoundary(node) {
  }
  visitLookahead(node) {
  }
  visitNegativeLookahead(node) {
  }
  // atoms
  visitCharacter(node) {
  }
  visitSet(node) {
  }
  visitGroup(node) {
  }
  visitGroupBackReference(node) {
  }
  visitQuantifier(node) {
  }
};

// node_modules/chevrotain/lib/src/scan/reg_exp_parser.js
var regExpAstCache = {};
var regExpParser = new RegExpParser();
function getRegExpAst(regExp) {
  const regExpStr = regExp.toString();
  if (regExpAstCache.hasOwnProperty(regExpStr)) {
    return regExpAstCache[regExpStr];
  } else {
    const regExpAst = regExpParser.pattern(regExpStr);
    regExpAstCache[regExpStr] = regExpAst;
    return regExpAst;
  }
}
function clearRegExpParserCache() {
  regExpAstCache = {};
}

// node_modules/chevrotain/lib/src/scan/reg_exp.js
var complementErrorMessage = "Complement Sets are not supported for first char optimization";
var failedOptimizationPrefixMsg = 'Unable to use "first char" lexer optimizations:\n';
function getOptimizedStartCodesIndices(regExp, ensureOptimizations = false) {
  try {
    const ast = getRegExpAst(regExp);
    const firstChars = firstCharOptimizedIndices(ast.value, {}, ast.flags.ignoreCase);
    return firstChars;
  } catch (e) {
    if (e.message === complementErrorMessage) {
      if (ensureOptimizations) {
        PRINT_WARNING(`${failedOptimizationPrefixMsg}	Unable to optimize: < ${regExp.toString()} >
	Complement Sets cannot be automatically optimized.
	This will disable the lexer's first char optimizations.
	See: https://chevrotain.io/docs/guide/resolving_lexer_errors.html#COMPLEMENT for details.`);
      }
    } else {
      let msgSuffix = "";
      if (ensureOptimizations) {
        msgSuffix = "\n	This will disable the lexer's first char optimizations.\n	See: https://chevrotain.io/docs/guide/resolving_lexer_errors.html#REGEXP_PARSING for details.";
      }
      PRINT_ERROR(`${failedOptimizationPrefixMsg}
	Failed parsing: < ${regExp.toString()} >
	Using the @chevrotain/regexp-to-ast library
	Please open an issue at: https://github.com/chevrotain/chevrotain/issues` + msgSuffix);
    }
  }
  return [];
}
function firstCharOptimizedIndices(ast, result, ignoreCase) {
  switch (ast.type) {
    case "Disjunction":
      for (let i = 0; i < ast.value.length; i++) {
        firstCharOptimizedIndices(ast.value[i], result, ignoreCase);
      }
      break;
    case "Alternative":
      const terms = ast.value;
      for (let i = 0; i < terms.length; i++) {
        const term = terms[i];
        switch (term.type) {
          case "EndAnchor":
          // A group back reference cannot affect potential starting char.
          // because if a back reference is the first production than automatically
          // the group being referenced has had to come BEFORE so its codes have already been added
          case "GroupBackReference":
          // assertions do not affect potential starting codes
          case "Lookahead":
          case "NegativeLookahead":
          case "StartAnchor":
          case "WordBoundary":
          case "NonWordBoundary":
            continue;
        }
        const atom = term;
        switch (atom.type) {
          case "Character":
            addOptimizedIdxToResult(atom.value, result, ignoreCase);
            break;
          case "Set":
            if (atom.complement === true) {
              throw Error(complementErrorMessage);
            }
            forEach_default(atom.value, (code) => {
              if (typeof code === "number") {
                addOptimizedIdxToResult(code, result, ignoreCase);
              } else {
                const range = code;
                if (ignoreCase === true) {
                  for (let rangeCode = range.from; rangeCode <= range.to; rangeCode++) {
                    addOptimizedIdxToResult(rangeCode, result, ignoreCase);
                  }
                } else {
                  for (let rangeCode = range.from; rangeCode <= range.to && rangeCode < minOptimizationVal; rangeCode++) {
                    addOptimizedIdxToResult(rangeCode, result, ignoreCase);
                  }
                  if (range.to >= minOptimizationVal) {
                    const minUnOptVal = range.from >= minOptimizationVal ? range.from : minOptimizationVal;
                    const maxUnOptVal = range.to;
                    const minOptIdx = charCodeToOptimizedIndex(minUnOptVal);
                    const maxOptIdx = charCodeToOptimizedIndex(maxUnOptVal);
                    for (let currOptIdx = minOptIdx; currOptIdx <= maxOptIdx; currOptIdx++) {
                      result[currOptIdx] = currOptIdx;
                    }
                  }
                }
              }
            });
            break;
          case "Group":
            firstCharOptimizedIndices(atom.value, result, ignoreCase);
            break;
          /* istanbul ignore next */
          default:
            throw Error("Non Exhaustive Match");
        }
        const isOptionalQuantifier = atom.quantifier !== void 0 && atom.quantifier.atLeast === 0;
        if (
          // A group may be optional due to empty contents /(?:)/
          // or if everything inside it is optional /((a)?)/
          atom.type === "Group" && isWholeOptional(atom) === false || // If this term is not a group it may only be optional if it has an optional quantifier
          atom.type !== "Group" && isOptionalQuantifier === false
        ) {
          break;
        }
      }
      break;
    /* istanbul ignore next */
    default:
      throw Error("non exhaustive match!");
  }
  return values_default(result);
}
function addOptimizedIdxToResult(code, result, ignoreCase) {
  const optimizedCharIdx = charCodeToOptimizedIndex(code);
  result[optimizedCharIdx] = optimizedCharIdx;
  if (ignoreCase === true) {
    handleIgnoreCase(code, result);
  }
}
function handleIgnoreCase(code, result) {
  const char = String.fromCharCode(code);
  const upperChar = char.toUpperCase();
  if (upperChar !== char) {
    const optimizedCharIdx = charCodeToOptimizedIndex(upperChar.charCodeAt(0));
    result[optimizedCharIdx] = optimizedCharIdx;
  } else {
    const lowerChar = char.toLowerCase();
    if (lowerChar !== char) {
      const optimizedCharIdx = charCodeToOptimizedIndex(lowerChar.charCodeAt(0));
      result[optimizedCharIdx] = optimizedCharIdx;
    }
  }
}
function findCode(setNode, targetCharCodes) {
  return find_default(setNode.value, (codeOrRange) => {
    if (typeof codeOrRange === "number") {
      return includes_default(targetCharCodes, codeOrRange);
    } else {
      const range = codeOrRange;
      return find_default(targetCharCodes, (targetCode) => range.from <= targetCode && targetCode <= range.to) !== void 0;
    }
  });
}
function isWholeOptional(ast) {
  const quantifier = ast.quantifier;
  if (quantifier && quantifier.atLeast === 0) {
    return true;
  }
  if (!ast.value) {
    return false;
  }
  return isArray_default(ast.value) ? every_default(ast.value, isWholeOptional) : isWholeOptional(ast.value);
}
var CharCodeFinder = class extends BaseRegExpVisitor {
  constructor(targetCharCodes) {
    super();
    this.targetCharCodes = targetCharCodes;
    this.found = false;
  }
  visitChildren(node) {
    if (this.found === true) {
      return;
    }
    switch (node.type) {
      case "Lookahead":
        this.visitLookahead(node);
        return;
      case "NegativeLookahead":
        this.visitNegativeLookahead(node);
        return;
    }
    super.visitChildren(node);
  }
  visitCharacter(node) {
    if (includes_default(this.targetCharCodes, node.value)) {
      this.found = true;
    }
  }
  visitSet(node) {
    if (node.complement) {
      if (findCode(node, this.targetCharCodes) === void 0) {
        this.found = true;
      }
    } else {
      if (findCode(node, this.targetCharCodes) !== void 0) {
        this.found = true;
      }
    }
  }
};
function canMatchCharCode(charCodes, pattern) {
  if (pattern instanceof RegExp) {
    const ast = getRegExpAst(pattern);
    const charCodeFinder = new CharCodeFinder(charCodes);
    charCodeFinder.visit(ast);
    return charCodeFinder.found;
  } else {
    return find_default(pattern, (char) => {
      return includes_default(charCodes, char.charCodeAt(0));
    }) !== void 0;
  }
}

// node_modules/chevrotain/lib/src/scan/lexer.js
var PATTERN = "PATTERN";
var DEFAULT_MODE = "defaultMode";
var MODES = "modes";
var SUPPORT_STICKY = typeof new RegExp("(?:)").sticky === "boolean";
function analyzeTokenTypes(tokenTypes, options) {
  options = defaults_default(options, {
    useSticky: SUPPORT_STICKY,
    debug: false,
    safeMode: false,
    positionTracking: "full",
    lineTerminatorCharacters: ["\r", "\n"],
    tracer: (msg, action) => action()
  });
  const tracer = options.tracer;
  tracer("initCharCodeToOptimizedIndexMap", () => {
    initCharCodeToOptimizedIndexMap();
  });
  let onlyRelevantTypes;
  tracer("Reject Lexer.NA", () => {
    onlyRelevantTypes = reject_default(tokenTypes, (currType) => {
      return currType[PATTERN] === Lexer.NA;
    });
  });
  let hasCustom = false;
  let allTransformedPatterns;
  tracer("Transform Patterns", () => {
    hasCustom = false;
    allTransformedPatterns = map_default(onlyRelevantTypes, (currType) => {
      const currPattern = currType[PATTERN];
      if (isRegExp_default(currPattern)) {
        const regExpSource = currPattern.source;
        if (regExpSource.length === 1 && // only these regExp meta characters which can appear in a length one regExp
        regExpSource !== "^" && regExpSource !== "$" && regExpSource !== "." && !currPattern.ignoreCase) {
          return regExpSource;
        } else if (regExpSource.length === 2 && regExpSource[0] === "\\" && // not a meta character
        !includes_default([
          "d",
          "D",
          "s",
          "S",
          "t",
          "r",
          "n",
          "t",
          "0",
          "c",
          "b",
          "B",
          "f",
          "v",
          "w",
          "W"
        ], regExpSource[1])) {
          return regExpSource[1];
        } else {
          return options.useSticky ? addStickyFlag(currPattern) : addStartOfInput(currPattern);
        }
      } else if (isFunction_default(currPattern)) {
        hasCustom = true;
        return { exec: currPattern };
      } else if (typeof currPattern === "object") {
        hasCustom = true;
        return currPattern;
      } else if (typeof currPattern === "string") {
        if (currPattern.length === 1) {
          return currPattern;
        } else {
          const escapedRegExpString = currPattern.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
          const wrappedRegExp = new RegExp(escapedRegExpString);
          return options.useSticky ? addStickyFlag(wrappedRegExp) : addStartOfInput(wrappedRegExp);
        }
      } else {
        throw Error("non exhaustive match");
      }
    });
  });
  let patternIdxToType;
  let patternIdxToGroup;
  let patternIdxToLongerAltIdxArr;
  let patternIdxToPushMode;
  let patternIdxToPopMode;
  tracer("misc mapping", () => {
    patternIdxToType = map_default(onlyRelevantTypes, (currType) => currType.tokenTypeIdx);
    patternIdxToGroup = map_default(onlyRelevantTypes, (clazz) => {
      const groupName = clazz.GROUP;
      if (groupName === Lexer.SKIPPED) {
        return void 0;
      } else if (isString_default(groupName)) {
        return groupName;
      } else if (isUndefined_default(groupName)) {
        return false;
      } else {
        throw Error("non exhaustive match");
      }
    });
    patternIdxToLongerAltIdxArr = map_default(onlyRelevantTypes, (clazz) => {
      const longerAltType = clazz.LONGER_ALT;
      if (longerAltType) {
        const longerAltIdxArr = isArray_default(longerAltType) ? map_default(longerAltType, (type) => indexOf_default(onlyRelevantTypes, type)) : [indexOf_default(onlyRelevantTypes, longerAltType)];
        return longerAltIdxArr;
      }
    });
    patternIdxToPushMode = map_default(onlyRelevantTypes, (clazz) => clazz.PUSH_MODE);
    patternIdxToPopMode = map_default(onlyRelevantTypes, (clazz) => has_default(clazz, "POP_MODE"));
  });
  let patternIdxToCanLineTerminator;
  tracer("Line Terminator Handling", () => {
    const lineTerminatorCharCodes = getCharCodes(options.lineTerminatorCharacters);
    patternIdxToCanLineTerminator = map_default(onlyRelevantTypes, (tokType) => false);
    if (options.positionTracking !== "onlyOffset") {
      patternIdxToCanLineTerminator = map_default(onlyRelevantTypes, (tokType) => {
        if (has_default(tokType, "LINE_BREAKS")) {
          return !!tokType.LINE_BREAKS;
        } else {
          return checkLineBreaksIssues(tokType, lineTerminatorCharCodes) === false && canMatchCharCode(lineTerminatorCharCodes, tokType.PATTERN);
        }
      });
    }
  });
  let patternIdxToIsCustom;
  let patternIdxToShort;
  let emptyGroups;
  let patternIdxToConfig;
  tracer("Misc Mapping #2", () => {
    patternIdxToIsCustom = map_default(onlyRelevantTypes, isCustomPattern);
    patternIdxToShort = map_default(allTransformedPatterns, isShortPattern);
    emptyGroups = reduce_default(onlyRelevantTypes, (acc, clazz) => {
      const groupName = clazz.GROUP;
      if (isString_default(groupName) && !(groupName === Lexer.SKIPPED)) {
        acc[groupName] = [];
      }
      return acc;
    }, {});
    patternIdxToConfig = map_default(allTransformedPatterns, (x, idx) => {
      return {
        pattern: allTransformedPatterns[idx],
        longerAlt: patternIdxToLongerAltIdxArr[idx],
        canLineTerminator: patternIdxToCanLineTerminator[idx],
        isCustom: patternIdxToIsCustom[idx],
        short: patternIdxToShort[idx],
        group: patternIdxToGroup[idx],
        push: patternIdxToPushMode[idx],
        pop: patternIdxToPopMode[idx],
        tokenTypeIdx: patternIdxToType[idx],
        tokenType: onlyRelevantTypes[idx]
      };
    });
  });
  let canBeOptimized = true;
  let charCodeToPatternIdxToConfig = [];
  if (!options.safeMode) {
    tracer("First Char Optimization", () => {
      charCodeToPatternIdxToConfig = reduce_default(onlyRelevantTypes, (result, currTokType, idx) => {
        if (typeof currTokType.PATTERN === "string") {
          const charCode = currTokType.PATTERN.charCodeAt(0);
          const optimizedIdx = charCodeToOptimizedIndex(charCode);
          addToMapOfArrays(result, optimizedIdx, patternIdxToConfig[idx]);
        } else if (isArray_default(currTokType.START_CHARS_HINT)) {
          let lastOptimizedIdx;
          forEach_default(currTokType.START_CHARS_HINT, (charOrInt) => {
            const charCode = typeof charOrInt === "string" ? charOrInt.charCodeAt(0) : charOrInt;
            const currOptimizedIdx = charCodeToOptimizedIndex(charCode);
            if (lastOptimizedIdx !== currOptimizedIdx) {
              lastOptimizedIdx = currOptimizedIdx;
              addToMapOfArrays(result, currOptimizedIdx, patternIdxToConfig[idx]);
            }
          });
        } else if (isRegExp_default(currTokType.PATTERN)) {
          if (currTokType.PATTERN.unicode) {
            canBeOptimized = false;
            if (options.ensureOptimizations) {
              PRINT_ERROR(`${failedOptimizationPrefixMsg}	Unable to analyze < ${currTokType.PATTERN.toString()} > pattern.
	The regexp unicode flag is not currently supported by the regexp-to-ast library.
	This will disable the lexer's first char optimizations.
	For details See: https://chevrotain.io/docs/guide/resolving_lexer_errors.html#UNICODE_OPTIMIZE`);
            }
          } else {
            const optimizedCodes = getOptimizedStartCodesIndices(currTokType.PATTERN, options.ensureOptimizations);
            if (isEmpty_default(optimizedCodes)) {
              canBeOptimized = false;
            }
            forEach_default(optimizedCodes, (code) => {
              addToMapOfArrays(result, code, patternIdxToConfig[idx]);
            });
          }
        } else {
          if (options.ensureOptimizations) {
            PRINT_ERROR(`${failedOptimizationPrefixMsg}	TokenType: <${currTokType.name}> is using a custom token pattern without providing <start_chars_hint> parameter.
	This will disable the lexer's first char optimizations.
	For details See: https://chevrotain.io/docs/guide/resolving_lexer_errors.html#CUSTOM_OPTIMIZE`);
          }
          canBeOptimized = false;
        }
        return result;
      }, []);
    });
  }
  return {
    emptyGroups,
    patternIdxToConfig,
    charCodeToPatternIdxToConfig,
    hasCustom,
    canBeOptimized
  };
}
function validatePatterns(tokenTypes, validModesNames) {
  let errors = [];
  const missingResult = findMissingPatterns(tokenTypes);
  errors = errors.concat(missingResult.errors);
  const invalidResult = findInvalidPatterns(missingResult.valid);
  const validTokenTypes = invalidResult.valid;
  errors = errors.concat(invalidResult.errors);
  errors = errors.concat(validateRegExpPattern(validTokenTypes));
  errors = errors.concat(findInvalidGroupType(validTokenTypes));
  errors = errors.concat(findModesThatDoNotExist(validTokenTypes, validModesNames));
  errors = errors.concat(findUnreachablePatterns(validTokenTypes));
  return errors;
}
function validateRegExpPattern(tokenTypes) {
  let errors = [];
  const withRegExpPatterns = filter_default(tokenTypes, (currTokType) => isRegExp_default(currTokType[PATTERN]));
  errors = errors.concat(findEndOfInputAnchor(withRegExpPatterns));
  errors = errors.concat(findStartOfInputAnchor(withRegExpPatterns));
  errors = errors.concat(findUnsupportedFlags(withRegExpPatterns));
  errors = errors.concat(findDuplicatePatterns(withRegExpPatterns));
  errors = errors.concat(findEmptyMatchRegExps(withRegExpPatterns));
  return errors;
}
function findMissingPatterns(tokenTypes) {
  const tokenTypesWithMissingPattern = filter_default(tokenTypes, (currType) => {
    return !has_default(currType, PATTERN);
  });
  const errors = map_default(tokenTypesWithMissingPattern, (currType) => {
    return {
      message: "Token Type: ->" + currType.name + "<- missing static 'PATTERN' property",
      type: LexerDefinitionErrorType.MISSING_PATTERN,
      tokenTypes: [currType]
    };
  });
  const valid = difference_default(tokenTypes, tokenTypesWithMissingPattern);
  return { errors, valid };
}
function findInvalidPatterns(tokenTypes) {
  const tokenTypesWithInvalidPattern = filter_default(tokenTypes, (currType) => {
    const pattern = currType[PATTERN];
    return !isRegExp_default(pattern) && !isFunction_default(pattern) && !has_default(pattern, "exec") && !isString_default(pattern);
  });
  const errors = map_default(tokenTypesWithInvalidPattern, (currType) => {
    return {
      message: "Token Type: ->" + currType.name + "<- static 'PATTERN' can only be a RegExp, a Function matching the {CustomPatternMatcherFunc} type or an Object matching the {ICustomPattern} interface.",
      type: LexerDefinitionErrorType.INVALID_PATTERN,
      tokenTypes: [currType]
    };
  });
  const valid = difference_default(tokenTypes, tokenTypesWithInvalidPattern);
  return { errors, valid };
}
var end_of_input = /[^\\][$]/;
function findEndOfInputAnchor(tokenTypes) {
  class EndAnchorFinder extends BaseRegExpVisitor {
    constructor() {
      super(...arguments);
      this.found = false;
    }
    visitEndAnchor(node) {
      this.found = true;
    }
  }
  const invalidRegex = filter_default(tokenTypes, (currType) => {
    const pattern = currType.PATTERN;
    try {
      const regexpAst = getRegExpAst(pattern);
      const endAnchorVisitor = new EndAnchorFinder();
      endAnchorVisitor.visit(regexpAst);
      return endAnchorVisitor.found;
    } catch (e) {
      return end_of_input.test(pattern.source);
    }
  });
  const errors = map_default(invalidRegex, (currType) => {
    return {
      message: "Unexpected RegExp Anchor Error:\n	Token Type: ->" + currType.name + "<- static 'PATTERN' cannot contain end of input anchor '$'\n	See chevrotain.io/docs/guide/resolving_lexer_errors.html#ANCHORS	for details.",
      type: LexerDefinitionErrorType.EOI_ANCHOR_FOUND,
      tokenTypes: [currType]
    };
  });
  return errors;
}
function findEmptyMatchRegExps(tokenTypes) {
  const matchesEmptyString = filter_default(tokenTypes, (currType) => {
    const pattern = currType.PATTERN;
    return pattern.test("");
  });
  const errors = map_default(matchesEmptyString, (currType) => {
    return {
      message: "Token Type: ->" + currType.name + "<- static 'PATTERN' must not match an empty string",
      type: LexerDefinitionErrorType.EMPTY_MATCH_PATTERN,
      tokenTypes: [currType]
    };
  });
  return errors;
}
var start_of_input = /[^\\[][\^]|^\^/;
function findStartOfInputAnchor(tokenTypes) {
  class StartAnchorFinder extends BaseRegExpVisitor {
    constructor() {
      super(...arguments);
      this.found = false;
    }
    visitStartAnchor(node) {
      this.found = true;
    }
  }
  const invalidRegex = filter_default(tokenTypes, (currType) => {
    const pattern = currType.PATTERN;
    try {
      const regexpAst = getRegExpAst(pattern);
      const startAnchorVisitor = new StartAnchorFinder();
      startAnchorVisitor.visit(regexpAst);
      return startAnchorVisitor.found;
    } catch (e) {
      return start_of_input.test(pattern.source);
    }
  });
  const errors = map_default(invalidRegex, (currType) => {
    return {
      message: "Unexpected RegExp Anchor Error:\n	Token Type: ->" + currType.name + "<- static 'PATTERN' cannot contain start of input anchor '^'\n	See https://chevrotain.io/docs/guide/resolving_lexer_errors.html#ANCHORS	for details.",
      type: LexerDefinitionErrorType.SOI_ANCHOR_FOUND,
      tokenTypes: [currType]
    };
  });
  return errors;
}
function findUnsupportedFlags(tokenTypes) {
  const invalidFlags = filter_default(tokenTypes, (currType) => {
    const pattern = currType[PATTERN];
    return pattern instanceof RegExp && (pattern.multiline || pattern.global);
  });
  const errors = map_default(invalidFlags, (currType) => {
    return {
      message: "Token Type: ->" + currType.name + "<- static 'PATTERN' may NOT contain global('g') or multiline('m')",
      type: LexerDefinitionErrorType.UNSUPPORTED_FLAGS_FOUND,
      tokenTypes: [currType]
    };
  });
  return errors;
}
function findDuplicatePatterns(tokenTypes) {
  const found = [];
  let identicalPatterns = map_default(tokenTypes, (outerType) => {
    return reduce_default(tokenTypes, (result, innerType) => {
      if (outerType.PATTERN.source === innerType.PATTERN.source && !includes_default(found, innerType) && innerType.PATTERN !== Lexer.NA) {
        found.push(innerType);
        result.push(innerType);
        return result;
      }
      return result;
    }, []);
  });
  identicalPatterns = compact_default(identicalPatterns);
  const duplicatePatterns = filter_default(identicalPatterns, (currIdenticalSet) => {
    return currIdenticalSet.length > 1;
  });
  const errors = map_default(duplicatePatterns, (setOfIdentical) => {
    const tokenTypeNames = map_default(setOfIdentical, (currType) => {
      return currType.name;
    });
    const dupPatternSrc = head_default(setOfIdentical).PATTERN;
    return {
      message: `The same RegExp pattern ->${dupPatternSrc}<-has been used in all of the following Token Types: ${tokenTypeNames.join(", ")} <-`,
      type: LexerDefinitionErrorType.DUPLICATE_PATTERNS_FOUND,
      tokenTypes: setOfIdentical
    };
  });
  return errors;
}
function findInvalidGroupType(tokenTypes) {
  const invalidTypes = filter_default(tokenTypes, (clazz) => {
    if (!has_default(clazz, "GROUP")) {
      return false;
    }
    const group = clazz.GROUP;
    return group !== Lexer.SKIPPED && group !== Lexer.NA && !isString_default(group);
  });
  const errors = map_default(invalidTypes, (currType) => {
    return {
      message: "Token Type: ->" + currType.name + "<- static 'GROUP' can only be Lexer.SKIPPED/Lexer.NA/A String",
      type: LexerDefinitionErrorType.INVALID_GROUP_TYPE_FOUND,
      tokenTypes: [currType]
    };
  });
  return errors;
}
function findModesThatDoNotExist(tokenTypes, validModes) {
  const invalidModes = filter_default(tokenTypes, (clazz) => {
    return clazz.PUSH_MODE !== void 0 && !includes_default(validModes, clazz.PUSH_MODE);
  });
  const errors = map_default(invalidModes, (tokType) => {
    const msg = `Token Type: ->${tokType.name}<- static 'PUSH_MODE' value cannot refer to a Lexer Mode ->${tokType.PUSH_MODE}<-which does not exist`;
    return {
      message: msg,
      type: LexerDefinitionErrorType.PUSH_MODE_DOES_NOT_EXIST,
      tokenTypes: [tokType]
    };
  });
  return errors;
}
function findUnreachablePatterns(tokenTypes) {
  const errors = [];
  const canBeTested = reduce_default(tokenTypes, (result, tokType, idx) => {
    const pattern = tokType.PATTERN;
    if (pattern === Lexer.NA) {
      return result;
    }
    if (isString_default(pattern)) {
      result.push({ str: pattern, idx, tokenType: tokType });
    } else if (isRegExp_default(pattern) && noMetaChar(pattern)) {
      result.push({ str: pattern.source, idx, tokenType: tokType });
    }
    return result;
  }, []);
  forEach_default(tokenTypes, (tokType, testIdx) => {
    forEach_default(canBeTested, ({ str, idx, tokenType }) => {
      if (testIdx < idx && testTokenType(str, tokType.PATTERN)) {
        const msg = `Token: ->${tokenType.name}<- can never be matched.
Because it appears AFTER the Token Type ->${tokType.name}<-in the lexer's definition.
See https://chevrotain.io/docs/guide/resolving_lexer_errors.html#UNREACHABLE`;
        errors.push({
          message: msg,
          type: LexerDefinitionErrorType.UNREACHABLE_PATTERN,
          tokenTypes: [tokType, tokenType]
        });
      }
    });
  });
  return errors;
}
function testTokenType(str, pattern) {
  if (isRegExp_default(pattern)) {
    const regExpArray = pattern.exec(str);
    return regExpArray !== null && regExpArray.index === 0;
  } else if (isFunction_default(pattern)) {
    return pattern(str, 0, [], {});
  } else if (has_default(pattern, "exec")) {
    return pattern.exec(str, 0, [], {});
  } else if (typeof pattern === "string") {
    return pattern === str;
  } else {
    throw Error("non exhaustive match");
  }
}
function noMetaChar(regExp) {
  const metaChars = [
    ".",
    "\\",
    "[",
    "]",
    "|",
    "^",
    "$",
    "(",
    ")",
    "?",
    "*",
    "+",
    "{"
  ];
  return find_default(metaChars, (char) => regExp.source.indexOf(char) !== -1) === void 0;
}
function addStartOfInput(pattern) {
  const flags = pattern.ignoreCase ? "i" : "";
  return new RegExp(`^(?:${pattern.source})`, flags);
}
function addStickyFlag(pattern) {
  const flags = pattern.ignoreCase ? "iy" : "y";
  return new RegExp(`${pattern.source}`, flags);
}
function performRuntimeChecks(lexerDefinition, trackLines, lineTerminatorCharacters) {
  const errors = [];
  if (!has_default(lexerDefinition, DEFAULT_MODE)) {
    errors.push({
      message: "A MultiMode Lexer cannot be initialized without a <" + DEFAULT_MODE + "> property in its definition\n",
      type: LexerDefinitionErrorType.MULTI_MODE_LEXER_WITHOUT_DEFAULT_MODE
    });
  }
  if (!has_default(lexerDefinition, MODES)) {
    errors.push({
      message: "A MultiMode Lexer cannot be initialized without a <" + MODES + "> property in its definition\n",
      type: LexerDefinitionErrorType.MULTI_MODE_LEXER_WITHOUT_MODES_PROPERTY
    });
  }
  if (has_default(lexerDefinition, MODES) && has_default(lexerDefinition, DEFAULT_MODE) && !has_default(lexerDefinition.modes, lexerDefinition.defaultMode)) {
    errors.push({
      message: `A MultiMode Lexer cannot be initialized with a ${DEFAULT_MODE}: <${lexerDefinition.defaultMode}>which does not exist
`,
      type: LexerDefinitionErrorType.MULTI_MODE_LEXER_DEFAULT_MODE_VALUE_DOES_NOT_EXIST
    });
  }
  if (has_default(lexerDefinition, MODES)) {
    forEach_default(lexerDefinition.modes, (currModeValue, currModeName) => {
      forEach_default(currModeValue, (currTokType, currIdx) => {
        if (isUndefined_default(currTokType)) {
          errors.push({
            message: `A Lexer cannot be initialized using an undefined Token Type. Mode:<${currModeName}> at index: <${currIdx}>
`,
            type: LexerDefinitionErrorType.LEXER_DEFINITION_CANNOT_CONTAIN_UNDEFINED
          });
        } else if (has_default(currTokType, "LONGER_ALT")) {
          const longerAlt = isArray_default(currTokType.LONGER_ALT) ? currTokType.LONGER_ALT : [currTokType.LONGER_ALT];
          forEach_default(longerAlt, (currLongerAlt) => {
            if (!isUndefined_default(currLongerAlt) && !includes_default(currModeValue, currLongerAlt)) {
              errors.push({
                message: `A MultiMode Lexer cannot be initialized with a longer_alt <${currLongerAlt.name}> on token <${currTokType.name}> outside of mode <${currModeName}>
`,
                type: LexerDefinitionErrorType.MULTI_MODE_LEXER_LONGER_ALT_NOT_IN_CURRENT_MODE
              });
            }
          });
        }
      });
    });
  }
  return errors;
}
function performWarningRuntimeChecks(lexerDefinition, trackLines, lineTerminatorCharacters) {
  const warnings = [];
  let hasAnyLineBreak = false;
  const allTokenTypes = compact_default(flatten_default(values_default(lexerDefinition.modes)));
  const concreteTokenTypes = reject_default(allTokenTypes, (currType) => currType[PATTERN] === Lexer.NA);
  const terminatorCharCodes = getCharCodes(lineTerminatorCharacters);
  if (trackLines) {
    forEach_default(concreteTokenTypes, (tokType) => {
      const currIssue = checkLineBreaksIssues(tokType, terminatorCharCodes);
      if (currIssue !== false) {
        const message = buildLineBreakIssueMessage(tokType, currIssue);
        const warningDescriptor = {
          message,
          type: currIssue.issue,
          tokenType: tokType
        };
        warnings.push(warningDescriptor);
      } else {
        if (has_default(tokType, "LINE_BREAKS")) {
          if (tokType.LINE_BREAKS === true) {
            hasAnyLineBreak = true;
          }
        } else {
          if (canMatchCharCode(terminatorCharCodes, tokType.PATTERN)) {
            hasAnyLineBreak = true;
          }
        }
      }
    });
  }
  if (trackLines && !hasAnyLineBreak) {
    warnings.push({
      message: "Warning: No LINE_BREAKS Found.\n	This Lexer has been defined to track line and column information,\n	But none of the Token Types can be identified as matching a line terminator.\n	See https://chevrotain.io/docs/guide/resolving_lexer_errors.html#LINE_BREAKS \n	for details.",
      type: LexerDefinitionErrorType.NO_LINE_BREAKS_FLAGS
    });
  }
  return warnings;
}
function cloneEmptyGroups(emptyGroups) {
  const clonedResult = {};
  const groupKeys = keys_default(emptyGroups);
  forEach_default(groupKeys, (currKey) => {
    const currGroupValue = emptyGroups[currKey];
    if (isArray_default(currGroupValue)) {
      clonedResult[currKey] = [];
    } else {
      throw Error("non exhaustive match");
    }
  });
  return clonedResult;
}
function isCustomPattern(tokenType) {
  const pattern = tokenType.PATTERN;
  if (isRegExp_default(pattern)) {
    return false;
  } else if (isFunction_default(pattern)) {
    return true;
  } else if (has_default(pattern, "exec")) {
    return true;
  } else if (isString_default(pattern)) {
    return false;
  } else {
    throw Error("non exhaustive match");
  }
}
function isShortPattern(pattern) {
  if (isString_default(pattern) && pattern.length === 1) {
    return pattern.charCodeAt(0);
  } else {
    return false;
  }
}
var LineTerminatorOptimizedTester = {
  // implements /\n|\r\n?/g.test
  test: function(text) {
    const len = text.length;
    for (let i = this.lastIndex; i < len; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        this.lastIndex = i + 1;
        return true;
      } else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) {
          this.lastIndex = i + 2;
        } else {
          this.lastIndex = i + 1;
        }
        return true;
      }
    }
    return false;
  },
  lastIndex: 0
};
function checkLineBreaksIssues(tokType, lineTerminatorCharCodes) {
  if (has_default(tokType, "LINE_BREAKS")) {
    return false;
  } else {
    if (isRegExp_default(tokType.PATTERN)) {
      try {
        canMatchCharCode(lineTerminatorCharCodes, tokType.PATTERN);
      } catch (e) {
        return {
          issue: LexerDefinitionErrorType.IDENTIFY_TERMINATOR,
          errMsg: e.message
        };
      }
      return false;
    } else if (isString_default(tokType.PATTERN)) {
      return false;
    } else if (isCustomPattern(tokType)) {
      return { issue: LexerDefinitionErrorType.CUSTOM_LINE_BREAK };
    } else {
      throw Error("non exhaustive match");
    }
  }
}
function buildLineBreakIssueMessage(tokType, details) {
  if (details.issue === LexerDefinitionErrorType.IDENTIFY_TERMINATOR) {
    return `Warning: unable to identify line terminator usage in pattern.
	The problem is in the <${tokType.name}> Token Type
	 Root cause: ${details.errMsg}.
	For details See: https://chevrotain.io/docs/guide/resolving_lexer_errors.html#IDENTIFY_TERMINATOR`;
  } else if (details.issue === LexerDefinitionErrorType.CUSTOM_LINE_BREAK) {
    return `Warning: A Custom Token Pattern should specify the <line_breaks> option.
	The problem is in the <${tokType.name}> Token Type
	For details See: https://chevrotain.io/docs/guide/resolving_lexer_errors.html#CUSTOM_LINE_BREAK`;
  } else {
    throw Error("non exhaustive match");
  }
}
function getCharCodes(charsOrCodes) {
  const charCodes = map_default(charsOrCodes, (numOrString) => {
    if (isString_default(numOrString)) {
      return numOrString.charCodeAt(0);
    } else {
      return numOrString;
    }
  });
  return charCodes;
}
function addToMapOfArrays(map2, key, value) {
  if (map2[key] === void 0) {
    map2[key] = [value];
  } else {
    map2[key].push(value);
  }
}
var minOptimizationVal = 256;
var charCodeToOptimizedIdxMap = [];
function charCodeToOptimizedIndex(charCode) {
  return charCode < minOptimizationVal ? charCode : charCodeToOptimizedIdxMap[charCode];
}
function initCharCodeToOptimizedIndexMap() {
  if (isEmpty_default(charCodeToOptimizedIdxMap)) {
    charCodeToOptimizedIdxMap = new Array(65536);
    for (let i = 0; i < 65536; i++) {
      charCodeToOptimizedIdxMap[i] = i > 255 ? 255 + ~~(i / 255) : i;
    }
  }
}

// node_modules/chevrotain/lib/src/scan/tokens.js
function tokenStructuredMatcher(tokInstance, tokConstructor) {
  const instanceType = tokInstance.tokenTypeIdx;
  if (instanceType === tokConstructor.tokenTypeIdx) {
    return true;
  } else {
    return tokConstructor.isParent === true && tokConstructor.categoryMatchesMap[instanceType] === true;
  }
}
function tokenStructuredMatcherNoCategories(token, tokType) {
  return token.tokenTypeIdx === tokType.tokenTypeIdx;
}
var tokenShortNameIdx = 1;
var tokenIdxToClass = {};
function augmentTokenTypes(tokenTypes) {
  const tokenTypesAndParents = expandCategories(tokenTypes);
  assignTokenDefaultProps(tokenTypesAndParents);
  assignCategoriesMapProp(tokenTypesAndParents);
  assignCategoriesTokensProp(tokenTypesAndParents);
  forEach_default(tokenTypesAndParents, (tokType) => {
    tokType.isParent = tokType.categoryMatches.length > 0;
  });
}
function expandCategories(tokenTypes) {
  let result = clone_default(tokenTypes);
  let categories = tokenTypes;
  let searching = true;
  while (searching) {
    categories = compact_default(flatten_default(map_default(categories, (currTokType) => currTokType.CATEGORIES)));
    const newCategories = difference_default(categories, result);
    result = result.concat(newCategories);
    if (isEmpty_default(newCategories)) {
      searching = false;
    } else {
      categories = newCategories;
    }
  }
  return result;
}
function assignTokenDefaultProps(tokenTypes) {
  forEach_default(tokenTypes, (currTokType) => {
    if (!hasShortKeyProperty(currTokType)) {
      tokenIdxToClass[tokenShortNameIdx] = currTokType;
      currTokType.tokenTypeIdx = tokenShortNameIdx++;
    }
    if (hasCategoriesProperty(currTokType) && !isArray_default(currTokType.CATEGORIES)) {
      currTokType.CATEGORIES = [currTokType.CATEGORIES];
    }
    if (!hasCategoriesProperty(currTokType)) {
      currTokType.CATEGORIES = [];
    }
    if (!hasExtendingTokensTypesProperty(currTokType)) {
      currTokType.categoryMatches = [];
    }
    if (!hasExtendingTokensTypesMapProperty(currTokType)) {
      currTokType.categoryMatchesMap = {};
    }
  });
}
function assignCategoriesTokensProp(tokenTypes) {
  forEach_default(tokenTypes, (currTokType) => {
    currTokType.categoryMatches = [];
    forEach_default(currTokType.categoryMatchesMap, (val, key) => {
      currTokType.categoryMatches.push(tokenIdxToClass[key].tokenTypeIdx);
    });
  });
}
function assignCategoriesMapProp(tokenTypes) {
  forEach_default(tokenTypes, (currTokType) => {
    singleAssignCategoriesToksMap([], currTokType);
  });
}
function singleAssignCategoriesToksMap(path, nextNode) {
  forEach_default(path, (pathNode) => {
    nextNode.categoryMatchesMap[pathNode.tokenTypeIdx] = true;
  });
  forEach_default(nextNode.CATEGORIES, (nextCategory) => {
    const newPath = path.concat(nextNode);
    if (!includes_default(newPath, nextCategory)) {
      singleAssignCategoriesToksMap(newPath, nextCategory);
    }
  });
}
function hasShortKeyProperty(tokType) {
  return has_default(tokType, "tokenTypeIdx");
}
function hasCategoriesProperty(tokType) {
  return has_default(tokType, "CATEGORIES");
}
function hasExtendingTokensTypesProperty(tokType) {
  return has_default(tokType, "categoryMatches");
}
function hasExtendingTokensTypesMapProperty(tokType) {
  return has_default(tokType, "categoryMatchesMap");
}
function isTokenType(tokType) {
  return has_default(tokType, "tokenTypeIdx");
}

// node_modules/chevrotain/lib/src/scan/lexer_errors_public.js
var defaultLexerErrorProvider = {
  buildUnableToPopLexerModeMessage(token) {
    return `Unable to pop Lexer Mode after encountering Token ->${token.image}<- The Mode Stack is empty`;
  },
  buildUnexpectedCharactersMessage(fullText, startOffset, length, line, column) {
    return `unexpected character: ->${fullText.charAt(startOffset)}<- at offset: ${startOffset}, skipped ${length} characters.`;
  }
};

// node_modules/chevrotain/lib/src/scan/lexer_public.js
var LexerDefinitionErrorType;
(function(LexerDefinitionErrorType2) {
  LexerDefinitionErrorType2[LexerDefinitionErrorType2["MISSING_PATTERN"] = 0] = "MISSING_PATTERN";
  LexerDefinitionErrorType2[LexerDefinitionErrorType2["INVALID_PATTERN"] = 1] = "INVALID_PATTERN";
  LexerDefinitionErrorType2[LexerDefinitionErrorType2["EOI_ANCHOR_FOUND"] = 2] = "EOI_ANCHOR_FOUND";
  LexerDefinitionErrorType2[LexerDefinitionErrorType2["UNSUPPORTED_FLAGS_FOUND"] = 3] = "UNSUPPORTED_FLAGS_FOUND";
  LexerDefinitionErrorType2[LexerDefinitionErrorType2["DUPLICATE_PATTERNS_FOUND"] = 4] = "DUPLICATE_PATTERNS_FOUND";
  LexerDefinitionErrorType2[LexerDefinitionErrorType2["INVALID_GROUP_TYPE_FOUND"] = 5] = "INVALID_GROUP_TYPE_FOUND";
  LexerDefinitionErrorType2[LexerDefinitionErrorType2["PUSH_MODE_DOES_NOT_EXIST"] = 6] = "PUSH_MODE_DOES_NOT_EXIST";
  LexerDefinitionErrorType2[LexerDefinitionErrorType2["MULTI_MODE_LEXER_WITHOUT_DEFAULT_MODE"] = 7] = "MULTI_MODE_LEXER_WITHOUT_DEFAULT_MODE";
  LexerDefinitionErrorType2[LexerDefinitionErrorType2["MULTI_MODE_LEXER_WITHOUT_MODES_PROPERTY"] = 8] = "MULTI_MODE_LEXER_WITHOUT_MODES_PROPERTY";
  LexerDefinitionErrorType2[LexerDefinitionErrorType2["MULTI_MODE_LEXER_DEFAULT_MODE_VALUE_DOES_NOT_EXIST"] = 9] = "MULTI_MODE_LEXER_DEFAULT_MODE_VALUE_DOES_NOT_EXIST";
  LexerDefinitionErrorType2[LexerDefinitionErrorType2["LEXER_DEFINITION_CANNOT_CONTAIN_UNDEFINED"] = 10] = "LEXER_DEFINITION_CANNOT_CONTAIN_UNDEFINED";
  LexerDefinitionErrorType2[LexerDefinitionErrorType2["SOI_ANCHOR_FOUND"] = 11] = "SOI_ANCHOR_FOUND";
  LexerDefinitionErrorType2[LexerDefinitionErrorType2["EMPTY_MATCH_PATTERN"] = 12] = "EMPTY_MATCH_PATTERN";
  LexerDefinitionErrorType2[LexerDefinitionErrorType2["NO_LINE_BREAKS_FLAGS"] = 13] = "NO_LINE_BREAKS_FLAGS";
  LexerDefinitionErrorType2[LexerDefinitionErrorType2["UNREACHABLE_PATTERN"] = 14] = "UNREACHABLE_PATTERN";
  LexerDefinitionErrorType2[LexerDefinitionErrorType2["IDENTIFY_TERMINATOR"] = 15] = "IDENTIFY_TERMINATOR";
  LexerDefinitionErrorType2[LexerDefinitionErrorType2["CUSTOM_LINE_BREAK"] = 16] = "CUSTOM_LINE_BREAK";
  LexerDefinitionErrorType2[LexerDefinitionErrorType2["MULTI_MODE_LEXER_LONGER_ALT_NOT_IN_CURRENT_MODE"] = 17] = "MULTI_MODE_LEXER_LONGER_ALT_NOT_IN_CURRENT_MODE";
})(LexerDefinitionErrorType || (LexerDefinitionErrorType = {}));
var DEFAULT_LEXER_CONFIG = {
  deferDefinitionErrorsHandling: false,
  positionTracking: "full",
  lineTerminatorsPattern: /\n|\r\n?/g,
  lineTerminatorCharacters: ["\n", "\r"],
  ensureOptimizations: false,
  safeMode: false,
  errorMessageProvider: defaultLexerErrorProvider,
  traceInitPerf: false,
  skipValidations: false,
  recoveryEnabled: true
};
Object.freeze(DEFAULT_LEXER_CONFIG);
var Lexer = class {
  constructor(lexerDefinition, config = DEFAULT_LEXER_CONFIG) {
    this.lexerDefinition = lexerDefinition;
    this.lexerDefinitionErrors = [];
    this.lexerDefinitionWarning = [];
    this.patternIdxToConfig = {};
    this.charCodeToPatternIdxToConfig = {};
    this.modes = [];
    this.emptyGroups = {};
    this.trackStartLines = true;
    this.trackEndLines = true;
    this.hasCustom = false;
    this.canModeBeOptimized = {};
    this.TRACE_INIT = (phaseDesc, phaseImpl) => {
      if (this.traceInitPerf === true) {
        this.traceInitIndent++;
        const indent = new Array(this.traceInitIndent + 1).join("	");
        if (this.traceInitIndent < this.traceInitMaxIdent) {
          console.log(`${indent}--> <${phaseDesc}>`);
        }
        const { time, value } = timer(phaseImpl);
        const traceMethod = time > 10 ? console.warn : console.log;
        if (this.traceInitIndent < this.traceInitMaxIdent) {
          traceMethod(`${indent}<-- <${phaseDesc}> time: ${time}ms`);
        }
        this.traceInitIndent--;
        return value;
      } else {
        return phaseImpl();
      }
    };
    if (typeof config === "boolean") {
      throw Error("The second argument to the Lexer constructor is now an ILexerConfig Object.\na boolean 2nd argument is no longer supported");
    }
    this.config = assign_default({}, DEFAULT_LEXER_CONFIG, config);
    const traceInitVal = this.config.traceInitPerf;
    if (traceInitVal === true) {
      this.traceInitMaxIdent = Infinity;
      this.traceInitPerf = true;
    } else if (typeof traceInitVal === "number") {
      this.traceInitMaxIdent = traceInitVal;
      this.traceInitPerf = true;
    }
    this.traceInitIndent = -1;
    this.TRACE_INIT("Lexer Constructor", () => {
      let actualDefinition;
      let hasOnlySingleMode = true;
      this.TRACE_INIT("Lexer Config handling", () => {
        if (this.config.lineTerminatorsPattern === DEFAULT_LEXER_CONFIG.lineTerminatorsPattern) {
          this.config.lineTerminatorsPattern = LineTerminatorOptimizedTester;
        } else {
          if (this.config.lineTerminatorCharacters === DEFAULT_LEXER_CONFIG.lineTerminatorCharacters) {
            throw Error("Error: Missing <lineTerminatorCharacters> property on the Lexer config.\n	For details See: https://chevrotain.io/docs/guide/resolving_lexer_errors.html#MISSING_LINE_TERM_CHARS");
          }
        }
        if (config.safeMode && config.ensureOptimizations) {
          throw Error('"safeMode" and "ensureOptimizations" flags are mutually exclusive.');
        }
        this.trackStartLines = /full|onlyStart/i.test(this.config.positionTracking);
        this.trackEndLines = /full/i.test(this.config.positionTracking);
        if (isArray_default(lexerDefinition)) {
          actualDefinition = {
            modes: { defaultMode: clone_default(lexerDefinition) },
            defaultMode: DEFAULT_MODE
          };
        } else {
          hasOnlySingleMode = false;
          actualDefinition = clone_default(lexerDefinition);
        }
      });
      if (this.config.skipValidations === false) {
        this.TRACE_INIT("performRuntimeChecks", () => {
          this.lexerDefinitionErrors = this.lexerDefinitionErrors.concat(performRuntimeChecks(actualDefinition, this.trackStartLines, this.config.lineTerminatorCharacters));
        });
        this.TRACE_INIT("performWarningRuntimeChecks", () => {
          this.lexerDefinitionWarning = this.lexerDefinitionWarning.concat(performWarningRuntimeChecks(actualDefinition, this.trackStartLines, this.config.lineTerminatorCharacters));
        });
      }
      actualDefinition.modes = actualDefinition.modes ? actualDefinition.modes : {};
      forEach_default(actualDefinition.modes, (currModeValue, currModeName) => {
        actualDefinition.modes[currModeName] = reject_default(currModeValue, (currTokType) => isUndefined_default(currTokType));
      });
      const allModeNames = keys_default(actualDefinition.modes);
      forEach_default(actualDefinition.modes, (currModDef, currModName) => {
        this.TRACE_INIT(`Mode: <${currModName}> processing`, () => {
          this.modes.push(currModName);
          if (this.config.skipValidations === false) {
            this.TRACE_INIT(`validatePatterns`, () => {
              this.lexerDefinitionErrors = this.lexerDefinitionErrors.concat(validatePatterns(currModDef, allModeNames));
            });
          }
          if (isEmpty_default(this.lexerDefinitionErrors)) {
            augmentTokenTypes(currModDef);
            let currAnalyzeResult;
            this.TRACE_INIT(`analyzeTokenTypes`, () => {
              currAnalyzeResult = analyzeTokenTypes(currModDef, {
                lineTerminatorCharacters: this.config.lineTerminatorCharacters,
                positionTracking: config.positionTracking,
                ensureOptimizations: config.ensureOptimizations,
                safeMode: config.safeMode,
                tracer: this.TRACE_INIT
              });
            });
            this.patternIdxToConfig[currModName] = currAnalyzeResult.patternIdxToConfig;
            this.charCodeToPatternIdxToConfig[currModName] = currAnalyzeResult.charCodeToPatternIdxToConfig;
            this.emptyGroups = assign_default({}, this.emptyGroups, currAnalyzeResult.emptyGroups);
            this.hasCustom = currAnalyzeResult.hasCustom || this.hasCustom;
            this.canModeBeOptimized[currModName] = currAnalyzeResult.canBeOptimized;
          }
        });
      });
      this.defaultMode = actualDefinition.defaultMode;
      if (!isEmpty_default(this.lexerDefinitionErrors) && !this.config.deferDefinitionErrorsHandling) {
        const allErrMessages = map_default(this.lexerDefinitionErrors, (error2) => {
          return error2.message;
        });
        const allErrMessagesString = allErrMessages.join("-----------------------\n");
        throw new Error("Errors detected in definition of Lexer:\n" + allErrMessagesString);
      }
      forEach_default(this.lexerDefinitionWarning, (warningDescriptor) => {
        PRINT_WARNING(warningDescriptor.message);
      });
      this.TRACE_INIT("Choosing sub-methods implementations", () => {
        if (SUPPORT_STICKY) {
          this.chopInput = identity_default;
          this.match = this.matchWithTest;
        } else {
          this.updateLastIndex = noop_default;
          this.match = this.matchWithExec;
        }
        if (hasOnlySingleMode) {
          this.handleModes = noop_default;
        }
        if (this.trackStartLines === false) {
          this.computeNewColumn = identity_default;
        }
        if (this.trackEndLines === false) {
          this.updateTokenEndLineColumnLocation = noop_default;
        }
        if (/full/i.test(this.config.positionTracking)) {
          this.createTokenInstance = this.createFullToken;
        } else if (/onlyStart/i.test(this.config.positionTracking)) {
          this.createTokenInstance = this.createStartOnlyToken;
        } else if (/onlyOffset/i.test(this.config.positionTracking)) {
          this.createTokenInstance = this.createOffsetOnlyToken;
        } else {
          throw Error(`Invalid <positionTracking> config option: "${this.config.positionTracking}"`);
        }
        if (this.hasCustom) {
          this.addToken = this.addTokenUsingPush;
          this.handlePayload = this.handlePayloadWithCustom;
        } else {
          this.addToken = this.addTokenUsingMemberAccess;
          this.handlePayload = this.handlePayloadNoCustom;
        }
      });
      this.TRACE_INIT("Failed Optimization Warnings", () => {
        const unOptimizedModes = reduce_default(this.canModeBeOptimized, (cannotBeOptimized, canBeOptimized, modeName) => {
          if (canBeOptimized === false) {
            cannotBeOptimized.push(modeName);
          }
          return cannotBeOptimized;
        }, []);
        if (config.ensureOptimizations && !isEmpty_default(unOptimizedModes)) {
          throw Error(`Lexer Modes: < ${unOptimizedModes.join(", ")} > cannot be optimized.
	 Disable the "ensureOptimizations" lexer config flag to silently ignore this and run the lexer in an un-optimized mode.
	 Or inspect the console log for details on how to resolve these issues.`);
        }
      });
      this.TRACE_INIT("clearRegExpParserCache", () => {
        clearRegExpParserCache();
      });
      this.TRACE_INIT("toFastProperties", () => {
        toFastProperties(this);
      });
    });
  }
  tokenize(text, initialMode = this.defaultMode) {
    if (!isEmpty_default(this.lexerDefinitionErrors)) {
      const allErrMessages = map_default(this.lexerDefinitionErrors, (error2) => {
        return error2.message;
      });
      const allErrMessagesString = allErrMessages.join("-----------------------\n");
      throw new Error("Unable to Tokenize because Errors detected in definition of Lexer:\n" + allErrMessagesString);
    }
    return this.tokenizeInternal(text, initialMode);
  }
  // There is quite a bit of duplication between this and "tokenizeInternalLazy"
  // This is intentional due to performance considerations.
  // this method also used quite a bit of `!` none null assertions because it is too optimized
  // for `tsc` to always understand it is "safe"
  tokenizeInternal(text, initialMode) {
    let i, j, k, matchAltImage, longerAlt, matchedImage, payload, altPayload, imageLength, group, tokType, newToken, errLength, droppedChar, msg, match;
    const orgText = text;
    const orgLength = orgText.length;
    let offset = 0;
    let matchedTokensIndex = 0;
    const guessedNumberOfTokens = this.hasCustom ? 0 : Math.floor(text.length / 10);
    const matchedTokens = new Array(guessedNumberOfTokens);
    const errors = [];
    let line = this.trackStartLines ? 1 : void 0;
    let column = this.trackStartLines ? 1 : void 0;
    const groups = cloneEmptyGroups(this.emptyGroups);
    const trackLines = this.trackStartLines;
    const lineTerminatorPattern = this.config.lineTerminatorsPattern;
    let currModePatternsLength = 0;
    let patternIdxToConfig = [];
    let currCharCodeToPatternIdxToConfig = [];
    const modeStack = [];
    const emptyArray = [];
    Object.freeze(emptyArray);
    let getPossiblePatterns;
    function getPossiblePatternsSlow() {
      return patternIdxToConfig;
    }
    function getPossiblePatternsOptimized(charCode) {
      const optimizedCharIdx = charCodeToOptimizedIndex(charCode);
      const possiblePatterns = currCharCodeToPatternIdxToConfig[optimizedCharIdx];
      if (possiblePatterns === void 0) {
        return emptyArray;
      } else {
        return possiblePatterns;
      }
    }
    const pop_mode = (popToken) => {
      if (modeStack.length === 1 && // if we have both a POP_MODE and a PUSH_MODE this is in-fact a "transition"
      // So no error should occur.
      popToken.tokenType.PUSH_MODE === void 0) {
        const msg2 = this.config.errorMessageProvider.buildUnableToPopLexerModeMessage(popToken);
        errors.push({
          offset: popToken.startOffset,
          line: popToken.startLine,
          column: popToken.startColumn,
          length: popToken.image.length,
          message: msg2
        });
      } else {
        modeStack.pop();
        const newMode = last_default(modeStack);
        patternIdxToConfig = this.patternIdxToConfig[newMode];
        currCharCodeToPatternIdxToConfig = this.charCodeToPatternIdxToConfig[newMode];
        currModePatternsLength = patternIdxToConfig.length;
        const modeCanBeOptimized = this.canModeBeOptimized[newMode] && this.config.safeMode === false;
        if (currCharCodeToPatternIdxToConfig && modeCanBeOptimized) {
          getPossiblePatterns = getPossiblePatternsOptimized;
        } else {
          getPossiblePatterns = getPossiblePatternsSlow;
        }
      }
    };
    function push_mode(newMode) {
      modeStack.push(newMode);
      currCharCodeToPatternIdxToConfig = this.charCodeToPatternIdxToConfig[newMode];
      patternIdxToConfig = this.patternIdxToConfig[newMode];
      currModePatternsLength = patternIdxToConfig.length;
      currModePatternsLength = patternIdxToConfig.length;
      const modeCanBeOptimized = this.canModeBeOptimized[newMode] && this.config.safeMode === false;
      if (currCharCodeToPatternIdxToConfig && modeCanBeOptimized) {
        getPossiblePatterns = getPossiblePatternsOptimized;
      } else {
        getPossiblePatterns = getPossiblePatternsSlow;
      }
    }
    push_mode.call(this, initialMode);
    let currConfig;
    const recoveryEnabled = this.config.recoveryEnabled;
    while (offset < orgLength) {
      matchedImage = null;
      const nextCharCode = orgText.charCodeAt(offset);
      const chosenPatternIdxToConfig = getPossiblePatterns(nextCharCode);
      const chosenPatternsLength = chosenPatternIdxToConfig.length;
      for (i = 0; i < chosenPatternsLength; i++) {
        currConfig = chosenPatternIdxToConfig[i];
        const currPattern = currConfig.pattern;
        payload = null;
        const singleCharCode = currConfig.short;
        if (singleCharCode !== false) {
          if (nextCharCode === singleCharCode) {
            matchedImage = currPattern;
          }
        } else if (currConfig.isCustom === true) {
          match = currPattern.exec(orgText, offset, matchedTokens, groups);
          if (match !== null) {
            matchedImage = match[0];
            if (match.payload !== void 0) {
              payload = match.payload;
            }
          } else {
            matchedImage = null;
          }
        } else {
          this.updateLastIndex(currPattern, offset);
          matchedImage = this.match(currPattern, text, offset);
        }
        if (matchedImage !== null) {
          longerAlt = currConfig.longerAlt;
          if (longerAlt !== void 0) {
            const longerAltLength = longerAlt.length;
            for (k = 0; k < longerAltLength; k++) {
              const longerAltConfig = patternIdxToConfig[longerAlt[k]];
              const longerAltPattern = longerAltConfig.pattern;
              altPayload = null;
              if (longerAltConfig.isCustom === true) {
                match = longerAltPattern.exec(orgText, offset, matchedTokens, groups);
                if (match !== null) {
                  matchAltImage = match[0];
                  if (match.payload !== void 0) {
                    altPayload = match.payload;
                  }
                } else {
                  matchAltImage = null;
                }
              } else {
                this.updateLastIndex(longerAltPattern, offset);
                matchAltImage = this.match(longerAltPattern, text, offset);
              }
              if (matchAltImage && matchAltImage.length > matchedImage.length) {
                matchedImage = matchAltImage;
                payload = altPayload;
                currConfig = longerAltConfig;
                break;
              }
            }
          }
          break;
        }
      }
      if (matchedImage !== null) {
        imageLength = matchedImage.length;
        group = currConfig.group;
        if (group !== void 0) {
          tokType = currConfig.tokenTypeIdx;
          newToken = this.createTokenInstance(matchedImage, offset, tokType, currConfig.tokenType, line, column, imageLength);
          this.handlePayload(newToken, payload);
          if (group === false) {
            matchedTokensIndex = this.addToken(matchedTokens, matchedTokensIndex, newToken);
          } else {
            groups[group].push(newToken);
          }
        }
        text = this.chopInput(text, imageLength);
        offset = offset + imageLength;
        column = this.computeNewColumn(column, imageLength);
        if (trackLines === true && currConfig.canLineTerminator === true) {
          let numOfLTsInMatch = 0;
          let foundTerminator;
          let lastLTEndOffset;
          lineTerminatorPattern.lastIndex = 0;
          do {
            foundTerminator = lineTerminatorPattern.test(matchedImage);
            if (foundTerminator === true) {
              lastLTEndOffset = lineTerminatorPattern.lastIndex - 1;
              numOfLTsInMatch++;
            }
          } while (foundTerminator === true);
          if (numOfLTsInMatch !== 0) {
            line = line + numOfLTsInMatch;
            column = imageLength - lastLTEndOffset;
            this.updateTokenEndLineColumnLocation(newToken, group, lastLTEndOffset, numOfLTsInMatch, line, column, imageLength);
          }
        }
        this.handleModes(currConfig, pop_mode, push_mode, newToken);
      } else {
        const errorStartOffset = offset;
        const errorLine = line;
        const errorColumn = column;
        let foundResyncPoint = recoveryEnabled === false;
        while (foundResyncPoint === false && offset < orgLength) {
          text = this.chopInput(text, 1);
          offset++;
          for (j = 0; j < currModePatternsLength; j++) {
            const currConfig2 = patternIdxToConfig[j];
            const currPattern = currConfig2.pattern;
            const singleCharCode = currConfig2.short;
            if (singleCharCode !== false) {
              if (orgText.charCodeAt(offset) === singleCharCode) {
                foundResyncPoint = true;
              }
            } else if (currConfig2.isCustom === true) {
              foundResyncPoint = currPattern.exec(orgText, offset, matchedTokens, groups) !== null;
            } else {
              this.updateLastIndex(currPattern, offset);
              foundResyncPoint = currPattern.exec(text) !== null;
            }
            if (foundResyncPoint === true) {
              break;
            }
          }
        }
        errLength = offset - errorStartOffset;
        column = this.computeNewColumn(column, errLength);
        msg = this.config.errorMessageProvider.buildUnexpectedCharactersMessage(orgText, errorStartOffset, errLength, errorLine, errorColumn);
        errors.push({
          offset: errorStartOffset,
          line: errorLine,
          column: errorColumn,
          length: errLength,
          message: msg
        });
        if (recoveryEnabled === false) {
          break;
        }
      }
    }
    if (!this.hasCustom) {
      matchedTokens.length = matchedTokensIndex;
    }
    return {
      tokens: matchedTokens,
      groups,
      errors
    };
  }
  handleModes(config, pop_mode, push_mode, newToken) {
    if (config.pop === true) {
      const pushMode = config.push;
      pop_mode(newToken);
      if (pushMode !== void 0) {
        push_mode.call(this, pushMode);
      }
    } else if (config.push !== void 0) {
      push_mode.call(this, config.push);
    }
  }
  chopInput(text, length) {
    return text.substring(length);
  }
  updateLastIndex(regExp, newLastIndex) {
    regExp.lastIndex = newLastIndex;
  }
  // TODO: decrease this under 600 characters? inspect stripping comments option in TSC compiler
  updateTokenEndLineColumnLocation(newToken, group, lastLTIdx, numOfLTsInMatch, line, column, imageLength) {
    let lastCharIsLT, fixForEndingInLT;
    if (group !== void 0) {
      lastCharIsLT = lastLTIdx === imageLength - 1;
      fixForEndingInLT = lastCharIsLT ? -1 : 0;
      if (!(numOfLTsInMatch === 1 && lastCharIsLT === true)) {
        newToken.endLine = line + fixForEndingInLT;
        newToken.endColumn = column - 1 + -fixForEndingInLT;
      }
    }
  }
  computeNewColumn(oldColumn, imageLength) {
    return oldColumn + imageLength;
  }
  createOffsetOnlyToken(image, startOffset, tokenTypeIdx, tokenType) {
    return {
      image,
      startOffset,
      tokenTypeIdx,
      tokenType
    };
  }
  createStartOnlyToken(image, startOffset, tokenTypeIdx, tokenType, startLine, startColumn) {
    return {
      image,
      startOffset,
      startLine,
      startColumn,
      tokenTypeIdx,
      tokenType
    };
  }
  createFullToken(image, startOffset, tokenTypeIdx, tokenType, startLine, startColumn, imageLength) {
    return {
      image,
      startOffset,
      endOffset: startOffset + imageLength - 1,
      startLine,
      endLine: startLine,
      startColumn,
      endColumn: startColumn + imageLength - 1,
      tokenTypeIdx,
      tokenType
    };
  }
  addTokenUsingPush(tokenVector, index2, tokenToAdd) {
    tokenVector.push(tokenToAdd);
    return index2;
  }
  addTokenUsingMemberAccess(tokenVector, index2, tokenToAdd) {
    tokenVector[index2] = tokenToAdd;
    index2++;
    return index2;
  }
  handlePayloadNoCustom(token, payload) {
  }
  handlePayloadWithCustom(token, payload) {
    if (payload !== null) {
      token.payload = payload;
    }
  }
  matchWithTest(pattern, text, offset) {
    const found = pattern.test(text);
    if (found === true) {
      return text.substring(offset, pattern.lastIndex);
    }
    return null;
  }
  matchWithExec(pattern, text) {
    const regExpArray = pattern.exec(text);
    return regExpArray !== null ? regExpArray[0] : null;
  }
};
Lexer.SKIPPED = "This marks a skipped Token pattern, this means each token identified by it willbe consumed and then thrown into oblivion, this can be used to for example to completely ignore whitespace.";
Lexer.NA = /NOT_APPLICABLE/;

// node_modules/chevrotain/lib/src/scan/tokens_public.js
function tokenLabel2(tokType) {
  if (hasTokenLabel2(tokType)) {
    return tokType.LABEL;
  } else {
    return tokType.name;
  }
}
function hasTokenLabel2(obj) {
  return isString_default(obj.LABEL) && obj.LABEL !== "";
}
var PARENT = "parent";
var CATEGORIES = "categories";
var LABEL = "label";
var GROUP = "group";
var PUSH_MODE = "push_mode";
var POP_MODE = "pop_mode";
var LONGER_ALT = "longer_alt";
var LINE_BREAKS = "line_breaks";
var START_CHARS_HINT = "start_chars_hint";
function createToken(config) {
  return createTokenInternal(config);
}
function createTokenInternal(config) {
  const pattern = config.pattern;
  const tokenType = {};
  tokenType.name = config.name;
  if (!isUndefined_default(pattern)) {
    tokenType.PATTERN = pattern;
  }
  if (has_default(config, PARENT)) {
    throw "The parent property is no longer supported.\nSee: https://github.com/chevrotain/chevrotain/issues/564#issuecomment-349062346 for details.";
  }
  if (has_default(config, CATEGORIES)) {
    tokenType.CATEGORIES = config[CATEGORIES];
  }
  augmentTokenTypes([tokenType]);
  if (has_default(config, LABEL)) {
    tokenType.LABEL = config[LABEL];
  }
  if (has_default(config, GROUP)) {
    tokenType.GROUP = config[GROUP];
  }
  if (has_default(config, POP_MODE)) {
    tokenType.POP_MODE = config[POP_MODE];
  }
  if (has_default(config, PUSH_MODE)) {
    tokenType.PUSH_MODE = config[PUSH_MODE];
  }
  if (has_default(config, LONGER_ALT)) {
    tokenType.LONGER_ALT = config[LONGER_ALT];
  }
  if (has_default(config, LINE_BREAKS)) {
    tokenType.LINE_BREAKS = config[LINE_BREAKS];
  }
  if (has_default(config, START_CHARS_HINT)) {
    tokenType.START_CHARS_HINT = config[START_CHARS_HINT];
  }
  return tokenType;
}
var EOF = createToken({ name: "EOF", pattern: Lexer.NA });
augmentTokenTypes([EOF]);
function createTokenInstance(tokType, image, startOffset, endOffset, startLine, endLine, startColumn, endColumn) {
  return {
    image,
    startOffset,
    endOffset,
    startLine,
    endLine,
    startColumn,
    endColumn,
    tokenTypeIdx: tokType.tokenTypeIdx,
    tokenType: tokType
  };
}
function tokenMatcher(token, tokType) {
  return tokenStructuredMatcher(token, tokType);
}

// node_modules/chevrotain/lib/src/parse/errors_public.js
var defaultParserErrorProvider = {
  buildMismatchTokenMessage({ expected, actual, previous, ruleName }) {
    const hasLabel = hasTokenLabel2(expected);
    const expectedMsg = hasLabel ? `--> ${tokenLabel2(expected)} <--` : `token of type --> ${expected.name} <--`;
    const msg = `Expecting ${expectedMsg} but found --> '${actual.image}' <--`;
    return msg;
  },
  buildNotAllInputParsedMessage({ firstRedundant, ruleName }) {
    return "Redundant input, expecting EOF but found: " + firstRedundant.image;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, previous, customUserDescription, ruleName }) {
    const errPrefix = "Expecting: ";
    const actualText = head_default(actual).image;
    const errSuffix = "\nbut found: '" + actualText + "'";
    if (customUserDescription) {
      return errPrefix + customUserDescription + errSuffix;
    } else {
      const allLookAheadPaths = reduce_default(expectedPathsPerAlt, (result, currAltPaths) => result.concat(currAltPaths), []);
      const nextValidTokenSequences = map_default(allLookAheadPaths, (currPath) => `[${map_default(currPath, (currTokenType) => tokenLabel2(currTokenType)).join(", ")}]`);
      const nextValidSequenceItems = map_default(nextValidTokenSequences, (itemMsg, idx) => `  ${idx + 1}. ${itemMsg}`);
      const calculatedDescription = `one of these possible Token sequences:
${nextValidSequenceItems.join("\n")}`;
      return errPrefix + calculatedDescription + errSuffix;
    }
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, customUserDescription, ruleName }) {
    const errPrefix = "Expecting: ";
    const actualText = head_default(actual).image;
    const errSuffix = "\nbut found: '" + actualText + "'";
    if (customUserDescription) {
      return errPrefix + customUserDescription + errSuffix;
    } else {
      const nextValidTokenSequences = map_default(expectedIterationPaths, (currPath) => `[${map_default(currPath, (currTokenType) => tokenLabel2(currTokenType)).join(",")}]`);
      const calculatedDescription = `expecting at least one iteration which starts with one of these possible Token sequences::
  <${nextValidTokenSequences.join(" ,")}>`;
      return errPrefix + calculatedDescription + errSuffix;
    }
  }
};
Object.freeze(defaultParserErrorProvider);
var defaultGrammarResolverErrorProvider = {
  buildRuleNotFoundError(topLevelRule, undefinedRule) {
    const msg = "Invalid grammar, reference to a rule which is not defined: ->" + undefinedRule.nonTerminalName + "<-\ninside top level rule: ->" + topLevelRule.name + "<-";
    return msg;
  }
};
var defaultGrammarValidatorErrorProvider = {
  buildDuplicateFoundError(topLevelRule, duplicateProds) {
    function getExtraProductionArgument2(prod) {
      if (prod instanceof Terminal) {
        return prod.terminalType.name;
      } else if (prod instanceof NonTerminal) {
        return prod.nonTerminalName;
      } else {
        return "";
      }
    }
    const topLevelName = topLevelRule.name;
    const duplicateProd = head_default(duplicateProds);
    const index2 = duplicateProd.idx;
    const dslName = getProductionDslName(duplicateProd);
    const extraArgument = getExtraProductionArgument2(duplicateProd);
    const hasExplicitIndex = index2 > 0;
    let msg = `->${dslName}${hasExplicitIndex ? index2 : ""}<- ${extraArgument ? `with argument: ->${extraArgument}<-` : ""}
                  appears more than once (${duplicateProds.length} times) in the top level rule: ->${topLevelName}<-.                  
                  For further details see: https://chevrotain.io/docs/FAQ.html#NUMERICAL_SUFFIXES 
                  `;
    msg = msg.replace(/[ \t]+/g, " ");
    msg = msg.replace(/\s\s+/g, "\n");
    return msg;
  },
  buildNamespaceConflictError(rule) {
    const errMsg = `Namespace conflict found in grammar.
The grammar has both a Terminal(Token) and a Non-Terminal(Rule) named: <${rule.name}>.
To resolve this make sure each Terminal and Non-Terminal names are unique
This is easy to accomplish by using the convention that Terminal names start with an uppercase letter
and Non-Terminal names start with a lower case letter.`;
    return errMsg;
  },
  buildAlternationPrefixAmbiguityError(options) {
    const pathMsg = map_default(options.prefixPath, (currTok) => tokenLabel2(currTok)).join(", ");
    const occurrence = options.alternation.idx === 0 ? "" : options.alternation.idx;
    const errMsg = `Ambiguous alternatives: <${options.ambiguityIndices.join(" ,")}> due to common lookahead prefix
in <OR${occurrence}> inside <${options.topLevelRule.name}> Rule,
<${pathMsg}> may appears as a prefix path in all these alternatives.
See: https://chevrotain.io/docs/guide/resolving_grammar_errors.html#COMMON_PREFIX
For Further details.`;
    return errMsg;
  },
  buildAlternationAmbiguityError(options) {
    const pathMsg = map_default(options.prefixPath, (currtok) => tokenLabel2(currtok)).join(", ");
    const occurrence = options.alternation.idx === 0 ? "" : options.alternation.idx;
    let currMessage = `Ambiguous Alternatives Detected: <${options.ambiguityIndices.join(" ,")}> in <OR${occurrence}> inside <${options.topLevelRule.name}> Rule,
<${pathMsg}> may appears as a prefix path in all these alternatives.
`;
    currMessage = currMessage + `See: https://chevrotain.io/docs/guide/resolving_grammar_errors.html#AMBIGUOUS_ALTERNATIVES
For Further details.`;
    return currMessage;
  },
  buildEmptyRepetitionError(options) {
    let dslName = getProductionDslName(options.repetition);
    if (options.repetition.idx !== 0) {
      dslName += options.repetition.idx;
    }
    const errMsg = `The repetition <${dslName}> within Rule <${options.topLevelRule.name}> can never consume any tokens.
This could lead to an infinite loop.`;
    return errMsg;
  },
  // TODO: remove - `errors_public` from nyc.config.js exclude
  //       once this method is fully removed from this file
  buildTokenNameError(options) {
    return "deprecated";
  },
  buildEmptyAlternationError(options) {
    const errMsg = `Ambiguous empty alternative: <${options.emptyChoiceIdx + 1}> in <OR${options.alternation.idx}> inside <${options.topLevelRule.name}> Rule.
Only the last alternative may be an empty alternative.`;
    return errMsg;
  },
  buildTooManyAlternativesError(options) {
    const errMsg = `An Alternation cannot have more than 256 alternatives:
<OR${options.alternation.idx}> inside <${options.topLevelRule.name}> Rule.
 has ${options.alternation.definition.length + 1} alternatives.`;
    return errMsg;
  },
  buildLeftRecursionError(options) {
    const ruleName = options.topLevelRule.name;
    const pathNames = map_default(options.leftRecursionPath, (currRule) => currRule.name);
    const leftRecursivePath = `${ruleName} --> ${pathNames.concat([ruleName]).join(" --> ")}`;
    const errMsg = `Left Recursion found in grammar.
rule: <${ruleName}> can be invoked from itself (directly or indirectly)
without consuming any Tokens. The grammar path that causes this is: 
 ${leftRecursivePath}
 To fix this refactor your grammar to remove the left recursion.
see: https://en.wikipedia.org/wiki/LL_parser#Left_factoring.`;
    return errMsg;
  },
  // TODO: remove - `errors_public` from nyc.config.js exclude
  //       once this method is fully removed from this file
  buildInvalidRuleNameError(options) {
    return "deprecated";
  },
  buildDuplicateRuleNameError(options) {
    let ruleName;
    if (options.topLevelRule instanceof Rule) {
      ruleName = options.topLevelRule.name;
    } else {
      ruleName = options.topLevelRule;
    }
    const errMsg = `Duplicate definition, rule: ->${ruleName}<- is already defined in the grammar: ->${options.grammarName}<-`;
    return errMsg;
  }
};

// node_modules/chevrotain/lib/src/parse/grammar/resolver.js
function resolveGrammar(topLevels, errMsgProvider) {
  const refResolver = new GastRefResolverVisitor(topLevels, errMsgProvider);
  refResolver.resolveRefs();
  return refResolver.errors;
}
var GastRefResolverVisitor = class extends GAstVisitor {
  constructor(nameToTopRule, errMsgProvider) {
    super();
    this.nameToTopRule = nameToTopRule;
    this.errMsgProvider = errMsgProvider;
    this.errors = [];
  }
  resolveRefs() {
    forEach_default(values_default(this.nameToTopRule), (prod) => {
      this.currTopLevel = prod;
      prod.accept(this);
    });
  }
  visitNonTerminal(node) {
    const ref = this.nameToTopRule[node.nonTerminalName];
    if (!ref) {
      const msg = this.errMsgProvider.buildRuleNotFoundError(this.currTopLevel, node);
      this.errors.push({
        message: msg,
        type: ParserDefinitionErrorType.UNRESOLVED_SUBRULE_REF,
        ruleName: this.currTopLevel.name,
        unresolvedRefName: node.nonTerminalName
      });
    } else {
      node.referencedRule = ref;
    }
  }
};

// node_modules/chevrotain/lib/src/parse/grammar/interpreter.js
var AbstractNextPossibleTokensWalker = class extends RestWalker {
  constructor(topProd, path) {
    super();
    this.topProd = topProd;
    this.path = path;
    this.possibleTokTypes = [];
    this.nextProductionName = "";
    this.nextProductionOccurrence = 0;
    this.found = false;
    this.isAtEndOfPath = false;
  }
  startWalking() {
    this.found = false;
    if (this.path.ruleStack[0] !== this.topProd.name) {
      throw Error("The path does not start with the walker's top Rule!");
    }
    this.ruleStack = clone_default(this.path.ruleStack).reverse();
    this.occurrenceStack = clone_default(this.path.occurrenceStack).reverse();
    this.ruleStack.pop();
    this.occurrenceStack.pop();
    this.updateExpectedNext();
    this.walk(this.topProd);
    return this.possibleTokTypes;
  }
  walk(prod, prevRest = []) {
    if (!this.found) {
      super.walk(prod, prevRest);
    }
  }
  walkProdRef(refProd, currRest, prevRest) {
    if (refProd.referencedRule.name === this.nextProductionName && refProd.idx === this.nextProductionOccurrence) {
      const fullRest = currRest.concat(prevRest);
      this.updateExpectedNext();
      this.walk(refProd.referencedRule, fullRest);
    }
  }
  updateExpectedNext() {
    if (isEmpty_default(this.ruleStack)) {
      this.nextProductionName = "";
      this.nextProductionOccurrence = 0;
      this.isAtEndOfPath = true;
    } else {
      this.nextProductionName = this.ruleStack.pop();
      this.nextProductionOccurrence = this.occurrenceStack.pop();
    }
  }
};
var NextAfterTokenWalker = class extends AbstractNextPossibleTokensWalker {
  constructor(topProd, path) {
    super(topProd, path);
    this.path = path;
    this.nextTerminalName = "";
    this.nextTerminalOccurrence = 0;
    this.nextTerminalName = this.path.lastTok.name;
    this.nextTerminalOccurrence = this.path.lastTokOccurrence;
  }
  walkTerminal(terminal, currRest, prevRest) {
    if (this.isAtEndOfPath && terminal.terminalType.name === this.nextTerminalName && terminal.idx === this.nextTerminalOccurrence && !this.found) {
      const fullRest = currRest.concat(prevRest);
      const restProd = new Alternative({ definition: fullRest });
      this.possibleTokTypes = first(restProd);
      this.found = true;
    }
  }
};
var AbstractNextTerminalAfterProductionWalker = class extends RestWalker {
  constructor(topRule, occurrence) {
    super();
    this.topRule = topRule;
    this.occurrence = occurrence;
    this.result = {
      token: void 0,
      occurrence: void 0,
      isEndOfRule: void 0
    };
  }
  startWalking() {
    this.walk(this.topRule);
    return this.result;
  }
};
var NextTerminalAfterManyWalker = class extends AbstractNextTerminalAfterProductionWalker {
  walkMany(manyProd, currRest, prevRest) {
    if (manyProd.idx === this.occurrence) {
      const firstAfterMany = head_default(currRest.concat(prevRest));
      this.result.isEndOfRule = firstAfterMany === void 0;
      if (firstAfterMany instanceof Terminal) {
        this.result.token = firstAfterMany.terminalType;
        this.result.occurrence = firstAfterMany.idx;
      }
    } else {
      super.walkMany(manyProd, currRest, prevRest);
    }
  }
};
var NextTerminalAfterManySepWalker = class extends AbstractNextTerminalAfterProductionWalker {
  walkManySep(manySepProd, currRest, prevRest) {
    if (manySepProd.idx === this.occurrence) {
      const firstAfterManySep = head_default(currRest.concat(prevRest));
      this.result.isEndOfRule = firstAfterManySep === void 0;
      if (firstAfterManySep instanceof Terminal) {
        this.result.token = firstAfterManySep.terminalType;
        this.result.occurrence = firstAfterManySep.idx;
      }
    } else {
      super.walkManySep(manySepProd, currRest, prevRest);
    }
  }
};
var NextTerminalAfterAtLeastOneWalker = class extends AbstractNextTerminalAfterProductionWalker {
  walkAtLeastOne(atLeastOneProd, currRest, prevRest) {
    if (atLeastOneProd.idx === this.occurrence) {
      const firstAfterAtLeastOne = head_default(currRest.concat(prevRest));
      this.result.isEndOfRule = firstAfterAtLeastOne === void 0;
      if (firstAfterAtLeastOne instanceof Terminal) {
        this.result.token = firstAfterAtLeastOne.terminalType;
        this.result.occurrence = firstAfterAtLeastOne.idx;
      }
    } else {
      super.walkAtLeastOne(atLeastOneProd, currRest, prevRest);
    }
  }
};
var NextTerminalAfterAtLeastOneSepWalker = class extends AbstractNextTerminalAfterProductionWalker {
  walkAtLeastOneSep(atleastOneSepProd, currRest, prevRest) {
    if (atleastOneSepProd.idx === this.occurrence) {
      const firstAfterfirstAfterAtLeastOneSep = head_default(currRest.concat(prevRest));
      this.result.isEndOfRule = firstAfterfirstAfterAtLeastOneSep === void 0;
      if (firstAfterfirstAfterAtLeastOneSep instanceof Terminal) {
        this.result.token = firstAfterfirstAfterAtLeastOneSep.terminalType;
        this.result.occurrence = firstAfterfirstAfterAtLeastOneSep.idx;
      }
    } else {
      super.walkAtLeastOneSep(atleastOneSepProd, currRest, prevRest);
    }
  }
};
function possiblePathsFrom(targetDef, maxLength, currPath = []) {
  currPath = clone_default(currPath);
  let result = [];
  let i = 0;
  function remainingPathWith(nextDef) {
    return nextDef.concat(drop_default(targetDef, i + 1));
  }
  function getAlternativesForProd(definition) {
    const alternatives = possiblePathsFrom(remainingPathWith(definition), maxLength, currPath);
    return result.concat(alternatives);
  }
  while (currPath.length < maxLength && i < targetDef.length) {
    const prod = targetDef[i];
    if (prod instanceof Alternative) {
      return getAlternativesForProd(prod.definition);
    } else if (prod instanceof NonTerminal) {
      return getAlternativesForProd(prod.definition);
    } else if (prod instanceof Option) {
      result = getAlternativesForProd(prod.definition);
    } else if (prod instanceof RepetitionMandatory) {
      const newDef = prod.definition.concat([
        new Repetition({
          definition: prod.definition
        })
      ]);
      return getAlternativesForProd(newDef);
    } else if (prod instanceof RepetitionMandatoryWithSeparator) {
      const newDef = [
        new Alternative({ definition: prod.definition }),
        new Repetition({
          definition: [new Terminal({ terminalType: prod.separator })].concat(prod.definition)
        })
      ];
      return getAlternativesForProd(newDef);
    } else if (prod instanceof RepetitionWithSeparator) {
      const newDef = prod.definition.concat([
        new Repetition({
          definition: [new Terminal({ terminalType: prod.separator })].concat(prod.definition)
        })
      ]);
      result = getAlternativesForProd(newDef);
    } else if (prod instanceof Repetition) {
      const newDef = prod.definition.concat([
        new Repetition({
          definition: prod.definition
        })
      ]);
      result = getAlternativesForProd(newDef);
    } else if (prod instanceof Alternation) {
      forEach_default(prod.definition, (currAlt) => {
        if (isEmpty_default(currAlt.definition) === false) {
          result = getAlternativesForProd(currAlt.definition);
        }
      });
      return result;
    } else if (prod instanceof Terminal) {
      currPath.push(prod.terminalType);
    } else {
      throw Error("non exhaustive match");
    }
    i++;
  }
  result.push({
    partialPath: currPath,
    suffixDef: drop_default(targetDef, i)
  });
  return result;
}
function nextPossibleTokensAfter(initialDef, tokenVector, tokMatcher, maxLookAhead) {
  const EXIT_NON_TERMINAL = "EXIT_NONE_TERMINAL";
  const EXIT_NON_TERMINAL_ARR = [EXIT_NON_TERMINAL];
  const EXIT_ALTERNATIVE = "EXIT_ALTERNATIVE";
  let foundCompletePath = false;
  const tokenVectorLength = tokenVector.length;
  const minimalAlternativesIndex = tokenVectorLength - maxLookAhead - 1;
  const result = [];
  const possiblePaths = [];
  possiblePaths.push({
    idx: -1,
    def: initialDef,
    ruleStack: [],
    occurrenceStack: []
  });
  while (!isEmpty_default(possiblePaths)) {
    const currPath = possiblePaths.pop();
    if (currPath === EXIT_ALTERNATIVE) {
      if (foundCompletePath && last_default(possiblePaths).idx <= minimalAlternativesIndex) {
        possiblePaths.pop();
      }
      continue;
    }
    const currDef = currPath.def;
    const currIdx = currPath.idx;
    const currRuleStack = currPath.ruleStack;
    const currOccurrenceStack = currPath.occurrenceStack;
    if (isEmpty_default(currDef)) {
      continue;
    }
    const prod = currDef[0];
    if (prod === EXIT_NON_TERMINAL) {
      const nextPath = {
        idx: currIdx,
        def: drop_default(currDef),
        ruleStack: dropRight_default(currRuleStack),
        occurrenceStack: dropRight_default(currOccurrenceStack)
      };
      possiblePaths.push(nextPath);
    } else if (prod instanceof Terminal) {
      if (currIdx < tokenVectorLength - 1) {
        const nextIdx = currIdx + 1;
        const actualToken = tokenVector[nextIdx];
        if (tokMatcher(actualToken, prod.terminalType)) {
          const nextPath = {
            idx: nextIdx,
            def: drop_default(currDef),
            ruleStack: currRuleStack,
            occurrenceStack: currOccurrenceStack
          };
          possiblePaths.push(nextPath);
        }
      } else if (currIdx === tokenVectorLength - 1) {
        result.push({
          nextTokenType: prod.terminalType,
          nextTokenOccurrence: prod.idx,
          ruleStack: currRuleStack,
          occurrenceStack: currOccurrenceStack
        });
        foundCompletePath = true;
      } else {
        throw Error("non exhaustive match");
      }
    } else if (prod instanceof NonTerminal) {
      const newRuleStack = clone_default(currRuleStack);
      newRuleStack.push(prod.nonTerminalName);
      const newOccurrenceStack = clone_default(currOccurrenceStack);
      newOccurrenceStack.push(prod.idx);
      const nextPath = {
        idx: currIdx,
        def: prod.definition.concat(EXIT_NON_TERMINAL_ARR, drop_default(currDef)),
        ruleStack: newRuleStack,
        occurrenceStack: newOccurrenceStack
      };
      possiblePaths.push(nextPath);
    } else if (prod instanceof Option) {
      const nextPathWithout = {
        idx: currIdx,
        def: drop_default(currDef),
        ruleStack: currRuleStack,
        occurrenceStack: currOccurrenceStack
      };
      possiblePaths.push(nextPathWithout);
      possiblePaths.push(EXIT_ALTERNATIVE);
      const nextPathWith = {
        idx: currIdx,
        def: prod.definition.concat(drop_default(currDef)),
        ruleStack: currRuleStack,
        occurrenceStack: currOccurrenceStack
      };
      possiblePaths.push(nextPathWith);
    } else if (prod instanceof RepetitionMandatory) {
      const secondIteration = new Repetition({
        definition: prod.definition,
        idx: prod.idx
      });
      const nextDef = prod.definition.concat([secondIteration], drop_default(currDef));
      const nextPath = {
        idx: currIdx,
        def: nextDef,
        ruleStack: currRuleStack,
        occurrenceStack: currOccurrenceStack
      };
      possiblePaths.push(nextPath);
    } else if (prod instanceof RepetitionMandatoryWithSeparator) {
      const separatorGast = new Terminal({
        terminalType: prod.separator
      });
      const secondIteration = new Repetition({
        definition: [separatorGast].concat(prod.definition),
        idx: prod.idx
      });
      const nextDef = prod.definition.concat([secondIteration], drop_default(currDef));
      const nextPath = {
        idx: currIdx,
        def: nextDef,
        ruleStack: currRuleStack,
        occurrenceStack: currOccurrenceStack
      };
      possiblePaths.push(nextPath);
    } else if (prod instanceof RepetitionWithSeparator) {
      const nextPathWithout = {
        idx: currIdx,
        def: drop_default(currDef),
        ruleStack: currRuleStack,
        occurrenceStack: currOccurrenceStack
      };
      possiblePaths.push(nextPathWithout);
      possiblePaths.push(EXIT_ALTERNATIVE);
      const separatorGast = new Terminal({
        terminalType: prod.separator
      });
      const nthRepetition = new Repetition({
        definition: [separatorGast].concat(prod.definition),
        idx: prod.idx
      });
      const nextDef = prod.definition.concat([nthRepetition], drop_default(currDef));
      const nextPathWith = {
        idx: currIdx,
        def: nextDef,
        ruleStack: currRuleStack,
        occurrenceStack: currOccurrenceStack
      };
      possiblePaths.push(nextPathWith);
    } else if (prod instanceof Repetition) {
      const nextPathWithout = {
        idx: currIdx,
        def: drop_default(currDef),
        ruleStack: currRuleStack,
        occurrenceStack: currOccurrenceStack
      };
      possiblePaths.push(nextPathWithout);
      possiblePaths.push(EXIT_ALTERNATIVE);
      const nthRepetition = new Repetition({
        definition: prod.definition,
        idx: prod.idx
      });
      const nextDef = prod.definition.concat([nthRepetition], drop_default(currDef));
      const nextPathWith = {
        idx: currIdx,
        def: nextDef,
        ruleStack: currRuleStack,
        occurrenceStack: currOccurrenceStack
      };
      possiblePaths.push(nextPathWith);
    } else if (prod instanceof Alternation) {
      for (let i = prod.definition.length - 1; i >= 0; i--) {
        const currAlt = prod.definition[i];
        const currAltPath = {
          idx: currIdx,
          def: currAlt.definition.concat(drop_default(currDef)),
          ruleStack: currRuleStack,
          occurrenceStack: currOccurrenceStack
        };
        possiblePaths.push(currAltPath);
        possiblePaths.push(EXIT_ALTERNATIVE);
      }
    } else if (prod instanceof Alternative) {
      possiblePaths.push({
        idx: currIdx,
        def: prod.definition.concat(drop_default(currDef)),
        ruleStack: currRuleStack,
        occurrenceStack: currOccurrenceStack
      });
    } else if (prod instanceof Rule) {
      possiblePaths.push(expandTopLevelRule(prod, currIdx, currRuleStack, currOccurrenceStack));
    } else {
      throw Error("non exhaustive match");
    }
  }
  return result;
}
function expandTopLevelRule(topRule, currIdx, currRuleStack, currOccurrenceStack) {
  const newRuleStack = clone_default(currRuleStack);
  newRuleStack.push(topRule.name);
  const newCurrOccurrenceStack = clone_default(currOccurrenceStack);
  newCurrOccurrenceStack.push(1);
  return {
    idx: currIdx,
    def: topRule.definition,
    ruleStack: newRuleStack,
    occurrenceStack: newCurrOccurrenceStack
  };
}

// node_modules/chevrotain/lib/src/parse/grammar/lookahead.js
var PROD_TYPE;
(function(PROD_TYPE2) {
  PROD_TYPE2[PROD_TYPE2["OPTION"] = 0] = "OPTION";
  PROD_TYPE2[PROD_TYPE2["REPETITION"] = 1] = "REPETITION";
  PROD_TYPE2[PROD_TYPE2["REPETITION_MANDATORY"] = 2] = "REPETITION_MANDATORY";
  PROD_TYPE2[PROD_TYPE2["REPETITION_MANDATORY_WITH_SEPARATOR"] = 3] = "REPETITION_MANDATORY_WITH_SEPARATOR";
  PROD_TYPE2[PROD_TYPE2["REPETITION_WITH_SEPARATOR"] = 4] = "REPETITION_WITH_SEPARATOR";
  PROD_TYPE2[PROD_TYPE2["ALTERNATION"] = 5] = "ALTERNATION";
})(PROD_TYPE || (PROD_TYPE = {}));
function getProdType(prod) {
  if (prod instanceof Option || prod === "Option") {
    return PROD_TYPE.OPTION;
  } else if (prod instanceof Repetition || prod === "Repetition") {
    return PROD_TYPE.REPETITION;
  } else if (prod instanceof RepetitionMandatory || prod === "RepetitionMandatory") {
    return PROD_TYPE.REPETITION_MANDATORY;
  } else if (prod instanceof RepetitionMandatoryWithSeparator || prod === "RepetitionMandatoryWithSeparator") {
    return PROD_TYPE.REPETITION_MANDATORY_WITH_SEPARATOR;
  } else if (prod instanceof RepetitionWithSeparator || prod === "RepetitionWithSeparator") {
    return PROD_TYPE.REPETITION_WITH_SEPARATOR;
  } else if (prod instanceof Alternation || prod === "Alternation") {
    return PROD_TYPE.ALTERNATION;
  } else {
    throw Error("non exhaustive match");
  }
}
function buildLookaheadFuncForOr(occurrence, ruleGrammar, maxLookahead, hasPredicates, dynamicTokensEnabled, laFuncBuilder) {
  const lookAheadPaths = getLookaheadPathsForOr(occurrence, ruleGrammar, maxLookahead);
  const tokenMatcher2 = areTokenCategoriesNotUsed(lookAheadPaths) ? tokenStructuredMatcherNoCategories : tokenStructuredMatcher;
  return laFuncBuilder(lookAheadPaths, hasPredicates, tokenMatcher2, dynamicTokensEnabled);
}
function buildLookaheadFuncForOptionalProd(occurrence, ruleGrammar, k, dynamicTokensEnabled, prodType, lookaheadBuilder) {
  const lookAheadPaths = getLookaheadPathsForOptionalProd(occurrence, ruleGrammar, prodType, k);
  const tokenMatcher2 = areTokenCategoriesNotUsed(lookAheadPaths) ? tokenStructuredMatcherNoCategories : tokenStructuredMatcher;
  return lookaheadBuilder(lookAheadPaths[0], tokenMatcher2, dynamicTokensEnabled);
}
function buildAlternativesLookAheadFunc(alts, hasPredicates, tokenMatcher2, dynamicTokensEnabled) {
  const numOfAlts = alts.length;
  const areAllOneTokenLookahead = every_default(alts, (currAlt) => {
    return every_default(currAlt, (currPath) => {
      return currPath.length === 1;
    });
  });
  if (hasPredicates) {
    return function(orAlts) {
      const predicates = map_default(orAlts, (currAlt) => currAlt.GATE);
      for (let t = 0; t < numOfAlts; t++) {
        const currAlt = alts[t];
        const currNumOfPaths = currAlt.length;
        const currPredicate = predicates[t];
        if (currPredicate !== void 0 && currPredicate.call(this) === false) {
          continue;
        }
        nextPath: for (let j = 0; j < currNumOfPaths; j++) {
          const currPath = currAlt[j];
          const currPathLength = currPath.length;
          for (let i = 0; i < currPathLength; i++) {
            const nextToken = this.LA(i + 1);
            if (tokenMatcher2(nextToken, currPath[i]) === false) {
              continue nextPath;
            }
          }
          return t;
        }
      }
      return void 0;
    };
  } else if (areAllOneTokenLookahead && !dynamicTokensEnabled) {
    const singleTokenAlts = map_default(alts, (currAlt) => {
      return flatten_default(currAlt);
    });
    const choiceToAlt = reduce_default(singleTokenAlts, (result, currAlt, idx) => {
      forEach_default(currAlt, (currTokType) => {
        if (!has_default(result, currTokType.tokenTypeIdx)) {
          result[currTokType.tokenTypeIdx] = idx;
        }
        forEach_default(currTokType.categoryMatches, (currExtendingType) => {
          if (!has_default(result, currExtendingType)) {
            result[currExtendingType] = idx;
          }
        });
      });
      return result;
    }, {});
    return function() {
      const nextToken = this.LA(1);
      return choiceToAlt[nextToken.tokenTypeIdx];
    };
  } else {
    return function() {
      for (let t = 0; t < numOfAlts; t++) {
        const currAlt = alts[t];
        const currNumOfPaths = currAlt.length;
        nextPath: for (let j = 0; j < currNumOfPaths; j++) {
          const currPath = currAlt[j];
          const currPathLength = currPath.length;
          for (let i = 0; i < currPathLength; i++) {
            const nextToken = this.LA(i + 1);
            if (tokenMatcher2(nextToken, currPath[i]) === false) {
              continue nextPath;
            }
          }
          return t;
        }
      }
      return void 0;
    };
  }
}
function buildSingleAlternativeLookaheadFunction(alt, tokenMatcher2, dynamicTokensEnabled) {
  const areAllOneTokenLookahead = every_default(alt, (currPath) => {
    return currPath.length === 1;
  });
  const numOfPaths = alt.length;
  if (areAllOneTokenLookahead && !dynamicTokensEnabled) {
    const singleTokensTypes = flatten_default(alt);
    if (singleTokensTypes.length === 1 && isEmpty_default(singleTokensTypes[0].categoryMatches)) {
      const expectedTokenType = singleTokensTypes[0];
      const expectedTokenUniqueKey = expectedTokenType.tokenTypeIdx;
      return function() {
        return this.LA(1).tokenTypeIdx === expectedTokenUniqueKey;
      };
    } else {
      const choiceToAlt = reduce_default(singleTokensTypes, (result, currTokType, idx) => {
        result[currTokType.tokenTypeIdx] = true;
        forEach_default(currTokType.categoryMatches, (currExtendingType) => {
          result[currExtendingType] = true;
        });
        return result;
      }, []);
      return function() {
        const nextToken = this.LA(1);
        return choiceToAlt[nextToken.tokenTypeIdx] === true;
      };
    }
  } else {
    return function() {
      nextPath: for (let j = 0; j < numOfPaths; j++) {
        const currPath = alt[j];
        const currPathLength = currPath.length;
        for (let i = 0; i < currPathLength; i++) {
          const nextToken = this.LA(i + 1);
          if (tokenMatcher2(nextToken, currPath[i]) === false) {
            continue nextPath;
          }
        }
        return true;
      }
      return false;
    };
  }
}
var RestDefinitionFinderWalker = class extends RestWalker {
  constructor(topProd, targetOccurrence, targetProdType) {
    super();
    this.topProd = topProd;
    this.targetOccurrence = targetOccurrence;
    this.targetProdType = targetProdType;
  }
  startWalking() {
    this.walk(this.topProd);
    return this.restDef;
  }
  checkIsTarget(node, expectedProdType, currRest, prevRest) {
    if (node.idx === this.targetOccurrence && this.targetProdType === expectedProdType) {
      this.restDef = currRest.concat(prevRest);
      return true;
    }
    return false;
  }
  walkOption(optionProd, currRest, prevRest) {
    if (!this.checkIsTarget(optionProd, PROD_TYPE.OPTION, currRest, prevRest)) {
      super.walkOption(optionProd, currRest, prevRest);
    }
  }
  walkAtLeastOne(atLeastOneProd, currRest, prevRest) {
    if (!this.checkIsTarget(atLeastOneProd, PROD_TYPE.REPETITION_MANDATORY, currRest, prevRest)) {
      super.walkOption(atLeastOneProd, currRest, prevRest);
    }
  }
  walkAtLeastOneSep(atLeastOneSepProd, currRest, prevRest) {
    if (!this.checkIsTarget(atLeastOneSepProd, PROD_TYPE.REPETITION_MANDATORY_WITH_SEPARATOR, currRest, prevRest)) {
      super.walkOption(atLeastOneSepProd, currRest, prevRest);
    }
  }
  walkMany(manyProd, currRest, prevRest) {
    if (!this.checkIsTarget(manyProd, PROD_TYPE.REPETITION, currRest, prevRest)) {
      super.walkOption(manyProd, currRest, prevRest);
    }
  }
  walkManySep(manySepProd, currRest, prevRest) {
    if (!this.checkIsTarget(manySepProd, PROD_TYPE.REPETITION_WITH_SEPARATOR, currRest, prevRest)) {
      super.walkOption(manySepProd, currRest, prevRest);
    }
  }
};
var InsideDefinitionFinderVisitor = class extends GAstVisitor {
  constructor(targetOccurrence, targetProdType, targetRef) {
    super();
    this.targetOccurrence = targetOccurrence;
    this.targetProdType = targetProdType;
    this.targetRef = targetRef;
    this.result = [];
  }
  checkIsTarget(node, expectedProdName) {
    if (node.idx === this.targetOccurrence && this.targetProdType === expectedProdName && (this.targetRef === void 0 || node === this.targetRef)) {
      this.result = node.definition;
    }
  }
  visitOption(node) {
    this.checkIsTarget(node, PROD_TYPE.OPTION);
  }
  visitRepetition(node) {
    this.checkIsTarget(node, PROD_TYPE.REPETITION);
  }
  visitRepetitionMandatory(node) {
    this.checkIsTarget(node, PROD_TYPE.REPETITION_MANDATORY);
  }
  visitRepetitionMandatoryWithSeparator(node) {
    this.checkIsTarget(node, PROD_TYPE.REPETITION_MANDATORY_WITH_SEPARATOR);
  }
  visitRepetitionWithSeparator(node) {
    this.checkIsTarget(node, PROD_TYPE.REPETITION_WITH_SEPARATOR);
  }
  visitAlternation(node) {
    this.checkIsTarget(node, PROD_TYPE.ALTERNATION);
  }
};
function initializeArrayOfArrays(size) {
  const result = new Array(size);
  for (let i = 0; i < size; i++) {
    result[i] = [];
  }
  return result;
}
function pathToHashKeys(path) {
  let keys2 = [""];
  for (let i = 0; i < path.length; i++) {
    const tokType = path[i];
    const longerKeys = [];
    for (let j = 0; j < keys2.length; j++) {
      const currShorterKey = keys2[j];
      longerKeys.push(currShorterKey + "_" + tokType.tokenTypeIdx);
      for (let t = 0; t < tokType.categoryMatches.length; t++) {
        const categoriesKeySuffix = "_" + tokType.categoryMatches[t];
        longerKeys.push(currShorterKey + categoriesKeySuffix);
      }
    }
    keys2 = longerKeys;
  }
  return keys2;
}
function isUniquePrefixHash(altKnownPathsKeys, searchPathKeys, idx) {
  for (let currAltIdx = 0; currAltIdx < altKnownPathsKeys.length; currAltIdx++) {
    if (currAltIdx === idx) {
      continue;
    }
    const otherAltKnownPathsKeys = altKnownPathsKeys[currAltIdx];
    for (let searchIdx = 0; searchIdx < searchPathKeys.length; searchIdx++) {
      const searchKey = searchPathKeys[searchIdx];
      if (otherAltKnownPathsKeys[searchKey] === true) {
        return false;
      }
    }
  }
  return true;
}
function lookAheadSequenceFromAlternatives(altsDefs, k) {
  const partialAlts = map_default(altsDefs, (currAlt) => possiblePathsFrom([currAlt], 1));
  const finalResult = initializeArrayOfArrays(partialAlts.length);
  const altsHashes = map_default(partialAlts, (currAltPaths) => {
    const dict = {};
    forEach_default(currAltPaths, (item) => {
      const keys2 = pathToHashKeys(item.partialPath);
      forEach_default(keys2, (currKey) => {
        dict[currKey] = true;
      });
    });
    return dict;
  });
  let newData = partialAlts;
  for (let pathLength = 1; pathLength <= k; pathLength++) {
    const currDataset = newData;
    newData = initializeArrayOfArrays(currDataset.length);
    for (let altIdx = 0; altIdx < currDataset.length; altIdx++) {
      const currAltPathsAndSuffixes = currDataset[altIdx];
      for (let currPathIdx = 0; currPathIdx < currAltPathsAndSuffixes.length; currPathIdx++) {
        const currPathPrefix = currAltPathsAndSuffixes[currPathIdx].partialPath;
        const suffixDef = currAltPathsAndSuffixes[currPathIdx].suffixDef;
        const prefixKeys = pathToHashKeys(currPathPrefix);
        const isUnique = isUniquePrefixHash(altsHashes, prefixKeys, altIdx);
        if (isUnique || isEmpty_default(suffixDef) || currPathPrefix.length === k) {
          const currAltResult = finalResult[altIdx];
          if (containsPath(currAltResult, currPathPrefix) === false) {
            currAltResult.push(currPathPrefix);
            for (let j = 0; j < prefixKeys.length; j++) {
              const currKey = prefixKeys[j];
              altsHashes[altIdx][currKey] = true;
            }
          }
        } else {
          const newPartialPathsAndSuffixes = possiblePathsFrom(suffixDef, pathLength + 1, currPathPrefix);
          newData[altIdx] = newData[altIdx].concat(newPartialPathsAndSuffixes);
          forEach_default(newPartialPathsAndSuffixes, (item) => {
            const prefixKeys2 = pathToHashKeys(item.partialPath);
            forEach_default(prefixKeys2, (key) => {
              altsHashes[altIdx][key] = true;
            });
          });
        }
      }
    }
  }
  return finalResult;
}
function getLookaheadPathsForOr(occurrence, ruleGrammar, k, orProd) {
  const visitor = new InsideDefinitionFinderVisitor(occurrence, PROD_TYPE.ALTERNATION, orProd);
  ruleGrammar.accept(visitor);
  return lookAheadSequenceFromAlternatives(visitor.result, k);
}
function getLookaheadPathsForOptionalProd(occurrence, ruleGrammar, prodType, k) {
  const insideDefVisitor = new InsideDefinitionFinderVisitor(occurrence, prodType);
  ruleGrammar.accept(insideDefVisitor);
  const insideDef = insideDefVisitor.result;
  const afterDefWalker = new RestDefinitionFinderWalker(ruleGrammar, occurrence, prodType);
  const afterDef = afterDefWalker.startWalking();
  const insideFlat = new Alternative({ definition: insideDef });
  const afterFlat = new Alternative({ definition: afterDef });
  return lookAheadSequenceFromAlternatives([insideFlat, afterFlat], k);
}
function containsPath(alternative, searchPath) {
  compareOtherPath: for (let i = 0; i < alternative.length; i++) {
    const otherPath = alternative[i];
    if (otherPath.length !== searchPath.length) {
      continue;
    }
    for (let j = 0; j < otherPath.length; j++) {
      const searchTok = searchPath[j];
      const otherTok = otherPath[j];
      const matchingTokens = searchTok === otherTok || otherTok.categoryMatchesMap[searchTok.tokenTypeIdx] !== void 0;
      if (matchingTokens === false) {
        continue compareOtherPath;
      }
    }
    return true;
  }
  return false;
}
function isStrictPrefixOfPath(prefix, other) {
  return prefix.length < other.length && every_default(prefix, (tokType, idx) => {
    const otherTokType = other[idx];
    return tokType === otherTokType || otherTokType.categoryMatchesMap[tokType.tokenTypeIdx];
  });
}
function areTokenCategoriesNotUsed(lookAheadPaths) {
  return every_default(lookAheadPaths, (singleAltPaths) => every_default(singleAltPaths, (singlePath) => every_default(singlePath, (token) => isEmpty_default(token.categoryMatches))));
}

// node_modules/chevrotain/lib/src/parse/grammar/checks.js
function validateLookahead(options) {
  const lookaheadValidationErrorMessages = options.lookaheadStrategy.validate({
    rules: options.rules,
    tokenTypes: options.tokenTypes,
    grammarName: options.grammarName
  });
  return map_default(lookaheadValidationErrorMessages, (errorMessage) => Object.assign({ type: ParserDefinitionErrorType.CUSTOM_LOOKAHEAD_VALIDATION }, errorMessage));
}
function validateGrammar(topLevels, tokenTypes, errMsgProvider, grammarName) {
  const duplicateErrors = flatMap_default(topLevels, (currTopLevel) => validateDuplicateProductions(currTopLevel, errMsgProvider));
  const termsNamespaceConflictErrors = checkTerminalAndNoneTerminalsNameSpace(topLevels, tokenTypes, errMsgProvider);
  const tooManyAltsErrors = flatMap_default(topLevels, (curRule) => validateTooManyAlts(curRule, errMsgProvider));
  const duplicateRulesError = flatMap_default(topLevels, (curRule) => validateRuleDoesNotAlreadyExist(curRule, topLevels, grammarName, errMsgProvider));
  return duplicateErrors.concat(termsNamespaceConflictErrors, tooManyAltsErrors, duplicateRulesError);
}
function validateDuplicateProductions(topLevelRule, errMsgProvider) {
  const collectorVisitor2 = new OccurrenceValidationCollector();
  topLevelRule.accept(collectorVisitor2);
  const allRuleProductions = collectorVisitor2.allProductions;
  const productionGroups = groupBy_default(allRuleProductions, identifyProductionForDuplicates);
  const duplicates = pickBy_default(productionGroups, (currGroup) => {
    return currGroup.length > 1;
  });
  const errors = map_default(values_default(duplicates), (currDuplicates) => {
    const firstProd = head_default(currDuplicates);
    const msg = errMsgProvider.buildDuplicateFoundError(topLevelRule, currDuplicates);
    const dslName = getProductionDslName(firstProd);
    const defError = {
      message: msg,
      type: ParserDefinitionErrorType.DUPLICATE_PRODUCTIONS,
      ruleName: topLevelRule.name,
      dslName,
      occurrence: firstProd.idx
    };
    const param = getExtraProductionArgument(firstProd);
    if (param) {
      defError.parameter = param;
    }
    return defError;
  });
  return errors;
}
function identifyProductionForDuplicates(prod) {
  return `${getProductionDslName(prod)}_#_${prod.idx}_#_${getExtraProductionArgument(prod)}`;
}
function getExtraProductionArgument(prod) {
  if (prod instanceof Terminal) {
    return prod.terminalType.name;
  } else if (prod instanceof NonTerminal) {
    return prod.nonTerminalName;
  } else {
    return "";
  }
}
var OccurrenceValidationCollector = class extends GAstVisitor {
  constructor() {
    super(...arguments);
    this.allProductions = [];
  }
  visitNonTerminal(subrule) {
    this.allProductions.push(subrule);
  }
  visitOption(option) {
    this.allProductions.push(option);
  }
  visitRepetitionWithSeparator(manySep) {
    this.allProductions.push(manySep);
  }
  visitRepetitionMandatory(atLeastOne) {
    this.allProductions.push(atLeastOne);
  }
  visitRepetitionMandatoryWithSeparator(atLeastOneSep) {
    this.allProductions.push(atLeastOneSep);
  }
  visitRepetition(many) {
    this.allProductions.push(many);
  }
  visitAlternation(or) {
    this.allProductions.push(or);
  }
  visitTerminal(terminal) {
    this.allProductions.push(terminal);
  }
};
function validateRuleDoesNotAlreadyExist(rule, allRules, className, errMsgProvider) {
  const errors = [];
  const occurrences = reduce_default(allRules, (result, curRule) => {
    if (curRule.name === rule.name) {
      return result + 1;
    }
    return result;
  }, 0);
  if (occurrences > 1) {
    const errMsg = errMsgProvider.buildDuplicateRuleNameError({
      topLevelRule: rule,
      grammarName: className
    });
    errors.push({
      message: errMsg,
      type: ParserDefinitionErrorType.DUPLICATE_RULE_NAME,
      ruleName: rule.name
    });
  }
  return errors;
}
function validateRuleIsOverridden(ruleName, definedRulesNames, className) {
  const errors = [];
  let errMsg;
  if (!includes_default(definedRulesNames, ruleName)) {
    errMsg = `Invalid rule override, rule: ->${ruleName}<- cannot be overridden in the grammar: ->${className}<-as it is not defined in any of the super grammars `;
    errors.push({
      message: errMsg,
      type: ParserDefinitionErrorType.INVALID_RULE_OVERRIDE,
      ruleName
    });
  }
  return errors;
}
function validateNoLeftRecursion(topRule, currRule, errMsgProvider, path = []) {
  const errors = [];
  const nextNonTerminals = getFirstNoneTerminal(currRule.definition);
  if (isEmpty_default(nextNonTerminals)) {
    return [];
  } else {
    const ruleName = topRule.name;
    const foundLeftRecursion = includes_default(nextNonTerminals, topRule);
    if (foundLeftRecursion) {
      errors.push({
        message: errMsgProvider.buildLeftRecursionError({
          topLevelRule: topRule,
          leftRecursionPath: path
        }),
        type: ParserDefinitionErrorType.LEFT_RECURSION,
        ruleName
      });
    }
    const validNextSteps = difference_default(nextNonTerminals, path.concat([topRule]));
    const errorsFromNextSteps = flatMap_default(validNextSteps, (currRefRule) => {
      const newPath = clone_default(path);
      newPath.push(currRefRule);
      return validateNoLeftRecursion(topRule, currRefRule, errMsgProvider, newPath);
    });
    return errors.concat(errorsFromNextSteps);
  }
}
function getFirstNoneTerminal(definition) {
  let result = [];
  if (isEmpty_default(definition)) {
    return result;
  }
  const firstProd = head_default(definition);
  if (firstProd instanceof NonTerminal) {
    result.push(firstProd.referencedRule);
  } else if (firstProd instanceof Alternative || firstProd instanceof Option || firstProd instanceof RepetitionMandatory || firstProd instanceof RepetitionMandatoryWithSeparator || firstProd instanceof RepetitionWithSeparator || firstProd instanceof Repetition) {
    result = result.concat(getFirstNoneTerminal(firstProd.definition));
  } else if (firstProd instanceof Alternation) {
    result = flatten_default(map_default(firstProd.definition, (currSubDef) => getFirstNoneTerminal(currSubDef.definition)));
  } else if (firstProd instanceof Terminal) {
  } else {
    throw Error("non exhaustive match");
  }
  const isFirstOptional = isOptionalProd(firstProd);
  const hasMore = definition.length > 1;
  if (isFirstOptional && hasMore) {
    const rest = drop_default(definition);
    return result.concat(getFirstNoneTerminal(rest));
  } else {
    return result;
  }
}
var OrCollector = class extends GAstVisitor {
  constructor() {
    super(...arguments);
    this.alternations = [];
  }
  visitAlternation(node) {
    this.alternations.push(node);
  }
};
function validateEmptyOrAlternative(topLevelRule, errMsgProvider) {
  const orCollector = new OrCollector();
  topLevelRule.accept(orCollector);
  const ors = orCollector.alternations;
  const errors = flatMap_default(ors, (currOr) => {
    const exceptLast = dropRight_default(currOr.definition);
    return flatMap_default(exceptLast, (currAlternative, currAltIdx) => {
      const possibleFirstInAlt = nextPossibleTokensAfter([currAlternative], [], tokenStructuredMatcher, 1);
      if (isEmpty_default(possibleFirstInAlt)) {
        return [
          {
            message: errMsgProvider.buildEmptyAlternationError({
              topLevelRule,
              alternation: currOr,
              emptyChoiceIdx: currAltIdx
            }),
            type: ParserDefinitionErrorType.NONE_LAST_EMPTY_ALT,
            ruleName: topLevelRule.name,
            occurrence: currOr.idx,
            alternative: currAltIdx + 1
          }
        ];
      } else {
        return [];
      }
    });
  });
  return errors;
}
function validateAmbiguousAlternationAlternatives(topLevelRule, globalMaxLookahead, errMsgProvider) {
  const orCollector = new OrCollector();
  topLevelRule.accept(orCollector);
  let ors = orCollector.alternations;
  ors = reject_default(ors, (currOr) => currOr.ignoreAmbiguities === true);
  const errors = flatMap_default(ors, (currOr) => {
    const currOccurrence = currOr.idx;
    const actualMaxLookahead = currOr.maxLookahead || globalMaxLookahead;
    const alternatives = getLookaheadPathsForOr(currOccurrence, topLevelRule, actualMaxLookahead, currOr);
    const altsAmbiguityErrors = checkAlternativesAmbiguities(alternatives, currOr, topLevelRule, errMsgProvider);
    const altsPrefixAmbiguityErrors = checkPrefixAlternativesAmbiguities(alternatives, currOr, topLevelRule, errMsgProvider);
    return altsAmbiguityErrors.concat(altsPrefixAmbiguityErrors);
  });
  return errors;
}
var RepetitionCollector = class extends GAstVisitor {
  constructor() {
    super(...arguments);
    this.allProductions = [];
  }
  visitRepetitionWithSeparator(manySep) {
    this.allProductions.push(manySep);
  }
  visitRepetitionMandatory(atLeastOne) {
    this.allProductions.push(atLeastOne);
  }
  visitRepetitionMandatoryWithSeparator(atLeastOneSep) {
    this.allProductions.push(atLeastOneSep);
  }
  visitRepetition(many) {
    this.allProductions.push(many);
  }
};
function validateTooManyAlts(topLevelRule, errMsgProvider) {
  const orCollector = new OrCollector();
  topLevelRule.accept(orCollector);
  const ors = orCollector.alternations;
  const errors = flatMap_default(ors, (currOr) => {
    if (currOr.definition.length > 255) {
      return [
        {
          message: errMsgProvider.buildTooManyAlternativesError({
            topLevelRule,
            alternation: currOr
          }),
          type: ParserDefinitionErrorType.TOO_MANY_ALTS,
          ruleName: topLevelRule.name,
          occurrence: currOr.idx
        }
      ];
    } else {
      return [];
    }
  });
  return errors;
}
function validateSomeNonEmptyLookaheadPath(topLevelRules, maxLookahead, errMsgProvider) {
  const errors = [];
  forEach_default(topLevelRules, (currTopRule) => {
    const collectorVisitor2 = new RepetitionCollector();
    currTopRule.accept(collectorVisitor2);
    const allRuleProductions = collectorVisitor2.allProductions;
    forEach_default(allRuleProductions, (currProd) => {
      const prodType = getProdType(currProd);
      const actualMaxLookahead = currProd.maxLookahead || maxLookahead;
      const currOccurrence = currProd.idx;
      const paths = getLookaheadPathsForOptionalProd(currOccurrence, currTopRule, prodType, actualMaxLookahead);
      const pathsInsideProduction = paths[0];
      if (isEmpty_default(flatten_default(pathsInsideProduction))) {
        const errMsg = errMsgProvider.buildEmptyRepetitionError({
          topLevelRule: currTopRule,
          repetition: currProd
        });
        errors.push({
          message: errMsg,
          type: ParserDefinitionErrorType.NO_NON_EMPTY_LOOKAHEAD,
          ruleName: currTopRule.name
        });
      }
    });
  });
  return errors;
}
function checkAlternativesAmbiguities(alternatives, alternation, rule, errMsgProvider) {
  const foundAmbiguousPaths = [];
  const identicalAmbiguities = reduce_default(alternatives, (result, currAlt, currAltIdx) => {
    if (alternation.definition[currAltIdx].ignoreAmbiguities === true) {
      return result;
    }
    forEach_default(currAlt, (currPath) => {
      const altsCurrPathAppearsIn = [currAltIdx];
      forEach_default(alternatives, (currOtherAlt, currOtherAltIdx) => {
        if (currAltIdx !== currOtherAltIdx && containsPath(currOtherAlt, currPath) && // ignore (skip) ambiguities with this "other" alternative
        alternation.definition[currOtherAltIdx].ignoreAmbiguities !== true) {
          altsCurrPathAppearsIn.push(currOtherAltIdx);
        }
      });
      if (altsCurrPathAppearsIn.length > 1 && !containsPath(foundAmbiguousPaths, currPath)) {
        foundAmbiguousPaths.push(currPath);
        result.push({
          alts: altsCurrPathAppearsIn,
          path: currPath
        });
      }
    });
    return result;
  }, []);
  const currErrors = map_default(identicalAmbiguities, (currAmbDescriptor) => {
    const ambgIndices = map_default(currAmbDescriptor.alts, (currAltIdx) => currAltIdx + 1);
    const currMessage = errMsgProvider.buildAlternationAmbiguityError({
      topLevelRule: rule,
      alternation,
      ambiguityIndices: ambgIndices,
      prefixPath: currAmbDescriptor.path
    });
    return {
      message: currMessage,
      type: ParserDefinitionErrorType.AMBIGUOUS_ALTS,
      ruleName: rule.name,
      occurrence: alternation.idx,
      alternatives: currAmbDescriptor.alts
    };
  });
  return currErrors;
}
function checkPrefixAlternativesAmbiguities(alternatives, alternation, rule, errMsgProvider) {
  const pathsAndIndices = reduce_default(alternatives, (result, currAlt, idx) => {
    const currPathsAndIdx = map_default(currAlt, (currPath) => {
      return { idx, path: currPath };
    });
    return result.concat(currPathsAndIdx);
  }, []);
  const errors = compact_default(flatMap_default(pathsAndIndices, (currPathAndIdx) => {
    const alternativeGast = alternation.definition[currPathAndIdx.idx];
    if (alternativeGast.ignoreAmbiguities === true) {
      return [];
    }
    const targetIdx = currPathAndIdx.idx;
    const targetPath = currPathAndIdx.path;
    const prefixAmbiguitiesPathsAndIndices = filter_default(pathsAndIndices, (searchPathAndIdx) => {
      return (
        // ignore (skip) ambiguities with this "other" alternative
        alternation.definition[searchPathAndIdx.idx].ignoreAmbiguities !== true && searchPathAndIdx.idx < targetIdx && // checking for strict prefix because identical lookaheads
        // will be be detected using a different validation.
        isStrictPrefixOfPath(searchPathAndIdx.path, targetPath)
      );
    });
    const currPathPrefixErrors = map_default(prefixAmbiguitiesPathsAndIndices, (currAmbPathAndIdx) => {
      const ambgIndices = [currAmbPathAndIdx.idx + 1, targetIdx + 1];
      const occurrence = alternation.idx === 0 ? "" : alternation.idx;
      const message = errMsgProvider.buildAlternationPrefixAmbiguityError({
        topLevelRule: rule,
        alternation,
        ambiguityIndices: ambgIndices,
        prefixPath: currAmbPathAndIdx.path
      });
      return {
        message,
        type: ParserDefinitionErrorType.AMBIGUOUS_PREFIX_ALTS,
        ruleName: rule.name,
        occurrence,
        alternatives: ambgIndices
      };
    });
    return currPathPrefixErrors;
  }));
  return errors;
}
function checkTerminalAndNoneTerminalsNameSpace(topLevels, tokenTypes, errMsgProvider) {
  const errors = [];
  const tokenNames = map_default(tokenTypes, (currToken) => currToken.name);
  forEach_default(topLevels, (currRule) => {
    const currRuleName = currRule.name;
    if (includes_default(tokenNames, currRuleName)) {
      const errMsg = errMsgProvider.buildNamespaceConflictError(currRule);
      errors.push({
        message: errMsg,
        type: ParserDefinitionErrorType.CONFLICT_TOKENS_RULES_NAMESPACE,
        ruleName: currRuleName
      });
    }
  });
  return errors;
}

// node_modules/chevrotain/lib/src/parse/grammar/gast/gast_resolver_public.js
function resolveGrammar2(options) {
  const actualOptions = defaults_default(options, {
    errMsgProvider: defaultGrammarResolverErrorProvider
  });
  const topRulesTable = {};
  forEach_default(options.rules, (rule) => {
    topRulesTable[rule.name] = rule;
  });
  return resolveGrammar(topRulesTable, actualOptions.errMsgProvider);
}
function validateGrammar2(options) {
  options = defaults_default(options, {
    errMsgProvider: defaultGrammarValidatorErrorProvider
  });
  return validateGrammar(options.rules, options.tokenTypes, options.errMsgProvider, options.grammarName);
}

// node_modules/chevrotain/lib/src/parse/exceptions_public.js
var MISMATCHED_TOKEN_EXCEPTION = "MismatchedTokenException";
var NO_VIABLE_ALT_EXCEPTION = "NoViableAltException";
var EARLY_EXIT_EXCEPTION = "EarlyExitException";
var NOT_ALL_INPUT_PARSED_EXCEPTION = "NotAllInputParsedException";
var RECOGNITION_EXCEPTION_NAMES = [
  MISMATCHED_TOKEN_EXCEPTION,
  NO_VIABLE_ALT_EXCEPTION,
  EARLY_EXIT_EXCEPTION,
  NOT_ALL_INPUT_PARSED_EXCEPTION
];
Object.freeze(RECOGNITION_EXCEPTION_NAMES);
function isRecognitionException(error2) {
  return includes_default(RECOGNITION_EXCEPTION_NAMES, error2.name);
}
var RecognitionException = class extends Error {
  constructor(message, token) {
    super(message);
    this.token = token;
    this.resyncedTokens = [];
    Object.setPrototypeOf(this, new.target.prototype);
    if (Error.captureStackTrace) {
      Error.captureStackTrace(this, this.constructor);
    }
  }
};
var MismatchedTokenException = class extends RecognitionException {
  constructor(message, token, previousToken) {
    super(message, token);
    this.previousToken = previousToken;
    this.name = MISMATCHED_TOKEN_EXCEPTION;
  }
};
var NoViableAltException = class extends RecognitionException {
  constructor(message, token, previousToken) {
    super(message, token);
    this.previousToken = previousToken;
    this.name = NO_VIABLE_ALT_EXCEPTION;
  }
};
var NotAllInputParsedException = class extends RecognitionException {
  constructor(message, token) {
    super(message, token);
    this.name = NOT_ALL_INPUT_PARSED_EXCEPTION;
  }
};
var EarlyExitException = class extends RecognitionException {
  constructor(message, token, previousToken) {
    super(message, token);
    this.previousToken = previousToken;
    this.name = EARLY_EXIT_EXCEPTION;
  }
};

// node_modules/chevrotain/lib/src/parse/parser/traits/recoverable.js
var EOF_FOLLOW_KEY = {};
var IN_RULE_RECOVERY_EXCEPTION = "InRuleRecoveryException";
var InRuleRecoveryException = class extends Error {
  constructor(message) {
    super(message);
    this.name = IN_RULE_RECOVERY_EXCEPTION;
  }
};
var Recoverable = class {
  initRecoverable(config) {
    this.firstAfterRepMap = {};
    this.resyncFollows = {};
    this.recoveryEnabled = has_default(config, "recoveryEnabled") ? config.recoveryEnabled : DEFAULT_PARSER_CONFIG.recoveryEnabled;
    if (this.recoveryEnabled) {
      this.attemptInRepetitionRecovery = attemptInRepetitionRecovery;
    }
  }
  getTokenToInsert(tokType) {
    const tokToInsert = createTokenInstance(tokType, "", NaN, NaN, NaN, NaN, NaN, NaN);
    tokToInsert.isInsertedInRecovery = true;
    return tokToInsert;
  }
  canTokenTypeBeInsertedInRecovery(tokType) {
    return true;
  }
  canTokenTypeBeDeletedInRecovery(tokType) {
    return true;
  }
  tryInRepetitionRecovery(grammarRule, grammarRuleArgs, lookAheadFunc, expectedTokType) {
    const reSyncTokType = this.findReSyncTokenType();
    const savedLexerState = this.exportLexerState();
    const resyncedTokens = [];
    let passedResyncPoint = false;
    const nextTokenWithoutResync = this.LA(1);
    let currToken = this.LA(1);
    const generateErrorMessage = () => {
      const previousToken = this.LA(0);
      const msg = this.errorMessageProvider.buildMismatchTokenMessage({
        expected: expectedTokType,
        actual: nextTokenWithoutResync,
        previous: previousToken,
        ruleName: this.getCurrRuleFullName()
      });
      const error2 = new MismatchedTokenException(msg, nextTokenWithoutResync, this.LA(0));
      error2.resyncedTokens = dropRight_default(resyncedTokens);
      this.SAVE_ERROR(error2);
    };
    while (!passedResyncPoint) {
      if (this.tokenMatcher(currToken, expectedTokType)) {
        generateErrorMessage();
        return;
      } else if (lookAheadFunc.call(this)) {
        generateErrorMessage();
        grammarRule.apply(this, grammarRuleArgs);
        return;
      } else if (this.tokenMatcher(currToken, reSyncTokType)) {
        passedResyncPoint = true;
      } else {
        currToken = this.SKIP_TOKEN();
        this.addToResyncTokens(currToken, resyncedTokens);
      }
    }
    this.importLexerState(savedLexerState);
  }
  shouldInRepetitionRecoveryBeTried(expectTokAfterLastMatch, nextTokIdx, notStuck) {
    if (notStuck === false) {
      return false;
    }
    if (this.tokenMatcher(this.LA(1), expectTokAfterLastMatch)) {
      return false;
    }
    if (this.isBackTracking()) {
      return false;
    }
    if (this.canPerformInRuleRecovery(expectTokAfterLastMatch, this.getFollowsForInRuleRecovery(expectTokAfterLastMatch, nextTokIdx))) {
      return false;
    }
    return true;
  }
  // Error Recovery functionality
  getFollowsForInRuleRecovery(tokType, tokIdxInRule) {
    const grammarPath = this.getCurrentGrammarPath(tokType, tokIdxInRule);
    const follows = this.getNextPossibleTokenTypes(grammarPath);
    return follows;
  }
  tryInRuleRecovery(expectedTokType, follows) {
    if (this.canRecoverWithSingleTokenInsertion(expectedTokType, follows)) {
      const tokToInsert = this.getTokenToInsert(expectedTokType);
      return tokToInsert;
    }
    if (this.canRecoverWithSingleTokenDeletion(expectedTokType)) {
      const nextTok = this.SKIP_TOKEN();
      this.consumeToken();
      return nextTok;
    }
    throw new InRuleRecoveryException("sad sad panda");
  }
  canPerformInRuleRecovery(expectedToken, follows) {
    return this.canRecoverWithSingleTokenInsertion(expectedToken, follows) || this.canRecoverWithSingleTokenDeletion(expectedToken);
  }
  canRecoverWithSingleTokenInsertion(expectedTokType, follows) {
    if (!this.canTokenTypeBeInsertedInRecovery(expectedTokType)) {
      return false;
    }
    if (isEmpty_default(follows)) {
      return false;
    }
    const mismatchedTok = this.LA(1);
    const isMisMatchedTokInFollows = find_default(follows, (possibleFollowsTokType) => {
      return this.tokenMatcher(mismatchedTok, possibleFollowsTokType);
    }) !== void 0;
    return isMisMatchedTokInFollows;
  }
  canRecoverWithSingleTokenDeletion(expectedTokType) {
    if (!this.canTokenTypeBeDeletedInRecovery(expectedTokType)) {
      return false;
    }
    const isNextTokenWhatIsExpected = this.tokenMatcher(this.LA(2), expectedTokType);
    return isNextTokenWhatIsExpected;
  }
  isInCurrentRuleReSyncSet(tokenTypeIdx) {
    const followKey = this.getCurrFollowKey();
    const currentRuleReSyncSet = this.getFollowSetFromFollowKey(followKey);
    return includes_default(currentRuleReSyncSet, tokenTypeIdx);
  }
  findReSyncTokenType() {
    const allPossibleReSyncTokTypes = this.flattenFollowSet();
    let nextToken = this.LA(1);
    let k = 2;
    while (true) {
      const foundMatch = find_default(allPossibleReSyncTokTypes, (resyncTokType) => {
        const canMatch = tokenMatcher(nextToken, resyncTokType);
        return canMatch;
      });
      if (foundMatch !== void 0) {
        return foundMatch;
      }
      nextToken = this.LA(k);
      k++;
    }
  }
  getCurrFollowKey() {
    if (this.RULE_STACK.length === 1) {
      return EOF_FOLLOW_KEY;
    }
    const currRuleShortName = this.getLastExplicitRuleShortName();
    const currRuleIdx = this.getLastExplicitRuleOccurrenceIndex();
    const prevRuleShortName = this.getPreviousExplicitRuleShortName();
    return {
      ruleName: this.shortRuleNameToFullName(currRuleShortName),
      idxInCallingRule: currRuleIdx,
      inRule: this.shortRuleNameToFullName(prevRuleShortName)
    };
  }
  buildFullFollowKeyStack() {
    const explicitRuleStack = this.RULE_STACK;
    const explicitOccurrenceStack = this.RULE_OCCURRENCE_STACK;
    return map_default(explicitRuleStack, (ruleName, idx) => {
      if (idx === 0) {
        return EOF_FOLLOW_KEY;
      }
      return {
        ruleName: this.shortRuleNameToFullName(ruleName),
        idxInCallingRule: explicitOccurrenceStack[idx],
        inRule: this.shortRuleNameToFullName(explicitRuleStack[idx - 1])
      };
    });
  }
  flattenFollowSet() {
    const followStack = map_default(this.buildFullFollowKeyStack(), (currKey) => {
      return this.getFollowSetFromFollowKey(currKey);
    });
    return flatten_default(followStack);
  }
  getFollowSetFromFollowKey(followKey) {
    if (followKey === EOF_FOLLOW_KEY) {
      return [EOF];
    }
    const followName = followKey.ruleName + followKey.idxInCallingRule + IN + followKey.inRule;
    return this.resyncFollows[followName];
  }
  // It does not make any sense to include a virtual EOF token in the list of resynced tokens
  // as EOF does not really exist and thus does not contain any useful information (line/column numbers)
  addToResyncTokens(token, resyncTokens) {
    if (!this.tokenMatcher(token, EOF)) {
      resyncTokens.push(token);
    }
    return resyncTokens;
  }
  reSyncTo(tokType) {
    const resyncedTokens = [];
    let nextTok = this.LA(1);
    while (this.tokenMatcher(nextTok, tokType) === false) {
      nextTok = this.SKIP_TOKEN();
      this.addToResyncTokens(nextTok, resyncedTokens);
    }
    return dropRight_default(resyncedTokens);
  }
  attemptInRepetitionRecovery(prodFunc, args, lookaheadFunc, dslMethodIdx, prodOccurrence, nextToksWalker, notStuck) {
  }
  getCurrentGrammarPath(tokType, tokIdxInRule) {
    const pathRuleStack = this.getHumanReadableRuleStack();
    const pathOccurrenceStack = clone_default(this.RULE_OCCURRENCE_STACK);
    const grammarPath = {
      ruleStack: pathRuleStack,
      occurrenceStack: pathOccurrenceStack,
      lastTok: tokType,
      lastTokOccurrence: tokIdxInRule
    };
    return grammarPath;
  }
  getHumanReadableRuleStack() {
    return map_default(this.RULE_STACK, (currShortName) => this.shortRuleNameToFullName(currShortName));
  }
};
function attemptInRepetitionRecovery(prodFunc, args, lookaheadFunc, dslMethodIdx, prodOccurrence, nextToksWalker, notStuck) {
  const key = this.getKeyForAutomaticLookahead(dslMethodIdx, prodOccurrence);
  let firstAfterRepInfo = this.firstAfterRepMap[key];
  if (firstAfterRepInfo === void 0) {
    const currRuleName = this.getCurrRuleFullName();
    const ruleGrammar = this.getGAstProductions()[currRuleName];
    const walker = new nextToksWalker(ruleGrammar, prodOccurrence);
    firstAfterRepInfo = walker.startWalking();
    this.firstAfterRepMap[key] = firstAfterRepInfo;
  }
  let expectTokAfterLastMatch = firstAfterRepInfo.token;
  let nextTokIdx = firstAfterRepInfo.occurrence;
  const isEndOfRule = firstAfterRepInfo.isEndOfRule;
  if (this.RULE_STACK.length === 1 && isEndOfRule && expectTokAfterLastMatch === void 0) {
    expectTokAfterLastMatch = EOF;
    nextTokIdx = 1;
  }
  if (expectTokAfterLastMatch === void 0 || nextTokIdx === void 0) {
    return;
  }
  if (this.shouldInRepetitionRecoveryBeTried(expectTokAfterLastMatch, nextTokIdx, notStuck)) {
    this.tryInRepetitionRecovery(prodFunc, args, lookaheadFunc, expectTokAfterLastMatch);
  }
}

// node_modules/chevrotain/lib/src/parse/grammar/keys.js
var BITS_FOR_METHOD_TYPE = 4;
var BITS_FOR_OCCURRENCE_IDX = 8;
var BITS_FOR_ALT_IDX = 8;
var OR_IDX = 1 << BITS_FOR_OCCURRENCE_IDX;
var OPTION_IDX = 2 << BITS_FOR_OCCURRENCE_IDX;
var MANY_IDX = 3 << BITS_FOR_OCCURRENCE_IDX;
var AT_LEAST_ONE_IDX = 4 << BITS_FOR_OCCURRENCE_IDX;
var MANY_SEP_IDX = 5 << BITS_FOR_OCCURRENCE_IDX;
var AT_LEAST_ONE_SEP_IDX = 6 << BITS_FOR_OCCURRENCE_IDX;
function getKeyForAutomaticLookahead(ruleIdx, dslMethodIdx, occurrence) {
  return occurrence | dslMethodIdx | ruleIdx;
}
var BITS_START_FOR_ALT_IDX = 32 - BITS_FOR_ALT_IDX;

// node_modules/chevrotain/lib/src/parse/grammar/llk_lookahead.js
var LLkLookaheadStrategy = class {
  constructor(options) {
    var _a;
    this.maxLookahead = (_a = options === null || options === void 0 ? void 0 : options.maxLookahead) !== null && _a !== void 0 ? _a : DEFAULT_PARSER_CONFIG.maxLookahead;
  }
  validate(options) {
    const leftRecursionErrors = this.validateNoLeftRecursion(options.rules);
    if (isEmpty_default(leftRecursionErrors)) {
      const emptyAltErrors = this.validateEmptyOrAlternatives(options.rules);
      const ambiguousAltsErrors = this.validateAmbiguousAlternationAlternatives(options.rules, this.maxLookahead);
      const emptyRepetitionErrors = this.validateSomeNonEmptyLookaheadPath(options.rules, this.maxLookahead);
      const allErrors = [
        ...leftRecursionErrors,
        ...emptyAltErrors,
        ...ambiguousAltsErrors,
        ...emptyRepetitionErrors
      ];
      return allErrors;
    }
    return leftRecursionErrors;
  }
  validateNoLeftRecursion(rules) {
    return flatMap_default(rules, (currTopRule) => validateNoLeftRecursion(currTopRule, currTopRule, defaultGrammarValidatorErrorProvider));
  }
  validateEmptyOrAlternatives(rules) {
    return flatMap_default(rules, (currTopRule) => validateEmptyOrAlternative(currTopRule, defaultGrammarValidatorErrorProvider));
  }
  validateAmbiguousAlternationAlternatives(rules, maxLookahead) {
    return flatMap_default(rules, (currTopRule) => validateAmbiguousAlternationAlternatives(currTopRule, maxLookahead, defaultGrammarValidatorErrorProvider));
  }
  validateSomeNonEmptyLookaheadPath(rules, maxLookahead) {
    return validateSomeNonEmptyLookaheadPath(rules, maxLookahead, defaultGrammarValidatorErrorProvider);
  }
  buildLookaheadForAlternation(options) {
    return buildLookaheadFuncForOr(options.prodOccurrence, options.rule, options.maxLookahead, options.hasPredicates, options.dynamicTokensEnabled, buildAlternativesLookAheadFunc);
  }
  buildLookaheadForOptional(options) {
    return buildLookaheadFuncForOptionalProd(options.prodOccurrence, options.rule, options.maxLookahead, options.dynamicTokensEnabled, getProdType(options.prodType), buildSingleAlternativeLookaheadFunction);
  }
};

// node_modules/chevrotain/lib/src/parse/parser/traits/looksahead.js
var LooksAhead = class {
  initLooksAhead(config) {
    this.dynamicTokensEnabled = has_default(config, "dynamicTokensEnabled") ? config.dynamicTokensEnabled : DEFAULT_PARSER_CONFIG.dynamicTokensEnabled;
    this.maxLookahead = has_default(config, "maxLookahead") ? config.maxLookahead : DEFAULT_PARSER_CONFIG.maxLookahead;
    this.lookaheadStrategy = has_default(config, "lookaheadStrategy") ? config.lookaheadStrategy : new LLkLookaheadStrategy({ maxLookahead: this.maxLookahead });
    this.lookAheadFuncsCache = /* @__PURE__ */ new Map();
  }
  preComputeLookaheadFunctions(rules) {
    forEach_default(rules, (currRule) => {
      this.TRACE_INIT(`${currRule.name} Rule Lookahead`, () => {
        const { alternation, repetition, option, repetitionMandatory, repetitionMandatoryWithSeparator, repetitionWithSeparator } = collectMethods(currRule);
        forEach_default(alternation, (currProd) => {
          const prodIdx = currProd.idx === 0 ? "" : currProd.idx;
          this.TRACE_INIT(`${getProductionDslName(currProd)}${prodIdx}`, () => {
            const laFunc = this.lookaheadStrategy.buildLookaheadForAlternation({
              prodOccurrence: currProd.idx,
              rule: currRule,
              maxLookahead: currProd.maxLookahead || this.maxLookahead,
              hasPredicates: currProd.hasPredicates,
              dynamicTokensEnabled: this.dynamicTokensEnabled
            });
            const key = getKeyForAutomaticLookahead(this.fullRuleNameToShort[currRule.name], OR_IDX, currProd.idx);
            this.setLaFuncCache(key, laFunc);
          });
        });
        forEach_default(repetition, (currProd) => {
          this.computeLookaheadFunc(currRule, currProd.idx, MANY_IDX, "Repetition", currProd.maxLookahead, getProductionDslName(currProd));
        });
        forEach_default(option, (currProd) => {
          this.computeLookaheadFunc(currRule, currProd.idx, OPTION_IDX, "Option", currProd.maxLookahead, getProductionDslName(currProd));
        });
        forEach_default(repetitionMandatory, (currProd) => {
          this.computeLookaheadFunc(currRule, currProd.idx, AT_LEAST_ONE_IDX, "RepetitionMandatory", currProd.maxLookahead, getProductionDslName(currProd));
        });
        forEach_default(repetitionMandatoryWithSeparator, (currProd) => {
          this.computeLookaheadFunc(currRule, currProd.idx, AT_LEAST_ONE_SEP_IDX, "RepetitionMandatoryWithSeparator", currProd.maxLookahead, getProductionDslName(currProd));
        });
        forEach_default(repetitionWithSeparator, (currProd) => {
          this.computeLookaheadFunc(currRule, currProd.idx, MANY_SEP_IDX, "RepetitionWithSeparator", currProd.maxLookahead, getProductionDslName(currProd));
        });
      });
    });
  }
  computeLookaheadFunc(rule, prodOccurrence, prodKey, prodType, prodMaxLookahead, dslMethodName) {
    this.TRACE_INIT(`${dslMethodName}${prodOccurrence === 0 ? "" : prodOccurrence}`, () => {
      const laFunc = this.lookaheadStrategy.buildLookaheadForOptional({
        prodOccurrence,
        rule,
        maxLookahead: prodMaxLookahead || this.maxLookahead,
        dynamicTokensEnabled: this.dynamicTokensEnabled,
        prodType
      });
      const key = getKeyForAutomaticLookahead(this.fullRuleNameToShort[rule.name], prodKey, prodOccurrence);
      this.setLaFuncCache(key, laFunc);
    });
  }
  // this actually returns a number, but it is always used as a string (object prop key)
  getKeyForAutomaticLookahead(dslMethodIdx, occurrence) {
    const currRuleShortName = this.getLastExplicitRuleShortName();
    return getKeyForAutomaticLookahead(currRuleShortName, dslMethodIdx, occurrence);
  }
  getLaFuncFromCache(key) {
    return this.lookAheadFuncsCache.get(key);
  }
  /* istanbul ignore next */
  setLaFuncCache(key, value) {
    this.lookAheadFuncsCache.set(key, value);
  }
};
var DslMethodsCollectorVisitor = class extends GAstVisitor {
  constructor() {
    super(...arguments);
    this.dslMethods = {
      option: [],
      alternation: [],
      repetition: [],
      repetitionWithSeparator: [],
      repetitionMandatory: [],
      repetitionMandatoryWithSeparator: []
    };
  }
  reset() {
    this.dslMethods = {
      option: [],
      alternation: [],
      repetition: [],
      repetitionWithSeparator: [],
      repetitionMandatory: [],
      repetitionMandatoryWithSeparator: []
    };
  }
  visitOption(option) {
    this.dslMethods.option.push(option);
  }
  visitRepetitionWithSeparator(manySep) {
    this.dslMethods.repetitionWithSeparator.push(manySep);
  }
  visitRepetitionMandatory(atLeastOne) {
    this.dslMethods.repetitionMandatory.push(atLeastOne);
  }
  visitRepetitionMandatoryWithSeparator(atLeastOneSep) {
    this.dslMethods.repetitionMandatoryWithSeparator.push(atLeastOneSep);
  }
  visitRepetition(many) {
    this.dslMethods.repetition.push(many);
  }
  visitAlternation(or) {
    this.dslMethods.alternation.push(or);
  }
};
var collectorVisitor = new DslMethodsCollectorVisitor();
function collectMethods(rule) {
  collectorVisitor.reset();
  rule.accept(collectorVisitor);
  const dslMethods = collectorVisitor.dslMethods;
  collectorVisitor.reset();
  return dslMethods;
}

// node_modules/chevrotain/lib/src/parse/cst/cst.js
function setNodeLocationOnlyOffset(currNodeLocation, newLocationInfo) {
  if (isNaN(currNodeLocation.startOffset) === true) {
    currNodeLocation.startOffset = newLocationInfo.startOffset;
    currNodeLocation.endOffset = newLocationInfo.endOffset;
  } else if (currNodeLocation.endOffset < newLocationInfo.endOffset === true) {
    currNodeLocation.endOffset = newLocationInfo.endOffset;
  }
}
function setNodeLocationFull(currNodeLocation, newLocationInfo) {
  if (isNaN(currNodeLocation.startOffset) === true) {
    currNodeLocation.startOffset = newLocationInfo.startOffset;
    currNodeLocation.startColumn = newLocationInfo.startColumn;
    currNodeLocation.startLine = newLocationInfo.startLine;
    currNodeLocation.endOffset = newLocationInfo.endOffset;
    currNodeLocation.endColumn = newLocationInfo.endColumn;
    currNodeLocation.endLine = newLocationInfo.endLine;
  } else if (currNodeLocation.endOffset < newLocationInfo.endOffset === true) {
    currNodeLocation.endOffset = newLocationInfo.endOffset;
    currNodeLocation.endColumn = newLocationInfo.endColumn;
    currNodeLocation.endLine = newLocationInfo.endLine;
  }
}
function addTerminalToCst(node, token, tokenTypeName) {
  if (node.children[tokenTypeName] === void 0) {
    node.children[tokenTypeName] = [token];
  } else {
    node.children[tokenTypeName].push(token);
  }
}
function addNoneTerminalToCst(node, ruleName, ruleResult) {
  if (node.children[ruleName] === void 0) {
    node.children[ruleName] = [ruleResult];
  } else {
    node.children[ruleName].push(ruleResult);
  }
}

// node_modules/chevrotain/lib/src/lang/lang_extensions.js
var NAME = "name";
function defineNameProp(obj, nameValue) {
  Object.defineProperty(obj, NAME, {
    enumerable: false,
    configurable: true,
    writable: false,
    value: nameValue
  });
}

// node_modules/chevrotain/lib/src/parse/cst/cst_visitor.js
function defaultVisit(ctx, param) {
  const childrenNames = keys_default(ctx);
  const childrenNamesLength = childrenNames.length;
  for (let i = 0; i < childrenNamesLength; i++) {
    const currChildName = childrenNames[i];
    const currChildArray = ctx[currChildName];
    const currChildArrayLength = currChildArray.length;
    for (let j = 0; j < currChildArrayLength; j++) {
      const currChild = currChildArray[j];
      if (currChild.tokenTypeIdx === void 0) {
        this[currChild.name](currChild.children, param);
      }
    }
  }
}
function createBaseSemanticVisitorConstructor(grammarName, ruleNames) {
  const derivedConstructor = function() {
  };
  defineNameProp(derivedConstructor, grammarName + "BaseSemantics");
  const semanticProto = {
    visit: function(cstNode, param) {
      if (isArray_default(cstNode)) {
        cstNode = cstNode[0];
      }
      if (isUndefined_default(cstNode)) {
        return void 0;
      }
      return this[cstNode.name](cstNode.children, param);
    },
    validateVisitor: function() {
      const semanticDefinitionErrors = validateVisitor(this, ruleNames);
      if (!isEmpty_default(semanticDefinitionErrors)) {
        const errorMessages = map_default(semanticDefinitionErrors, (currDefError) => currDefError.msg);
        throw Error(`Errors Detected in CST Visitor <${this.constructor.name}>:
	${errorMessages.join("\n\n").replace(/\n/g, "\n	")}`);
      }
    }
  };
  derivedConstructor.prototype = semanticProto;
  derivedConstructor.prototype.constructor = derivedConstructor;
  derivedConstructor._RULE_NAMES = ruleNames;
  return derivedConstructor;
}
function createBaseVisitorConstructorWithDefaults(grammarName, ruleNames, baseConstructor) {
  const derivedConstructor = function() {
  };
  defineNameProp(derivedConstructor, grammarName + "BaseSemanticsWithDefaults");
  const withDefaultsProto = Object.create(baseConstructor.prototype);
  forEach_default(ruleNames, (ruleName) => {
    withDefaultsProto[ruleName] = defaultVisit;
  });
  derivedConstructor.prototype = withDefaultsProto;
  derivedConstructor.prototype.constructor = derivedConstructor;
  return derivedConstructor;
}
var CstVisitorDefinitionError;
(function(CstVisitorDefinitionError2) {
  CstVisitorDefinitionError2[CstVisitorDefinitionError2["REDUNDANT_METHOD"] = 0] = "REDUNDANT_METHOD";
  CstVisitorDefinitionError2[CstVisitorDefinitionError2["MISSING_METHOD"] = 1] = "MISSING_METHOD";
})(CstVisitorDefinitionError || (CstVisitorDefinitionError = {}));
function validateVisitor(visitorInstance, ruleNames) {
  const missingErrors = validateMissingCstMethods(visitorInstance, ruleNames);
  return missingErrors;
}
function validateMissingCstMethods(visitorInstance, ruleNames) {
  const missingRuleNames = filter_default(ruleNames, (currRuleName) => {
    return isFunction_default(visitorInstance[currRuleName]) === false;
  });
  const errors = map_default(missingRuleNames, (currRuleName) => {
    return {
      msg: `Missing visitor method: <${currRuleName}> on ${visitorInstance.constructor.name} CST Visitor.`,
      type: CstVisitorDefinitionError.MISSING_METHOD,
      methodName: currRuleName
    };
  });
  return compact_default(errors);
}

// node_modules/chevrotain/lib/src/parse/parser/traits/tree_builder.js
var TreeBuilder = class {
  initTreeBuilder(config) {
    this.CST_STACK = [];
    this.outputCst = config.outputCst;
    this.nodeLocationTracking = has_default(config, "nodeLocationTracking") ? config.nodeLocationTracking : DEFAULT_PARSER_CONFIG.nodeLocationTracking;
    if (!this.outputCst) {
      this.cstInvocationStateUpdate = noop_default;
      this.cstFinallyStateUpdate = noop_default;
      this.cstPostTerminal = noop_default;
      this.cstPostNonTerminal = noop_default;
      this.cstPostRule = noop_default;
    } else {
      if (/full/i.test(this.nodeLocationTracking)) {
        if (this.recoveryEnabled) {
          this.setNodeLocationFromToken = setNodeLocationFull;
          this.setNodeLocationFromNode = setNodeLocationFull;
          this.cstPostRule = noop_default;
          this.setInitialNodeLocation = this.setInitialNodeLocationFullRecovery;
        } else {
          this.setNodeLocationFromToken = noop_default;
          this.setNodeLocationFromNode = noop_default;
          this.cstPostRule = this.cstPostRuleFull;
          this.setInitialNodeLocation = this.setInitialNodeLocationFullRegular;
        }
      } else if (/onlyOffset/i.test(this.nodeLocationTracking)) {
        if (this.recoveryEnabled) {
          this.setNodeLocationFromToken = setNodeLocationOnlyOffset;
          this.setNodeLocationFromNode = setNodeLocationOnlyOffset;
          this.cstPostRule = noop_default;
          this.setInitialNodeLocation = this.setInitialNodeLocationOnlyOffsetRecovery;
        } else {
          this.setNodeLocationFromToken = noop_default;
          this.setNodeLocationFromNode = noop_default;
          this.cstPostRule = this.cstPostRuleOnlyOffset;
          this.setInitialNodeLocation = this.setInitialNodeLocationOnlyOffsetRegular;
        }
      } else if (/none/i.test(this.nodeLocationTracking)) {
        this.setNodeLocationFromToken = noop_default;
        this.setNodeLocationFromNode = noop_default;
        this.cstPostRule = noop_default;
        this.setInitialNodeLocation = noop_default;
      } else {
        throw Error(`Invalid <nodeLocationTracking> config option: "${config.nodeLocationTracking}"`);
      }
    }
  }
  setInitialNodeLocationOnlyOffsetRecovery(cstNode) {
    cstNode.location = {
      startOffset: NaN,
      endOffset: NaN
    };
  }
  setInitialNodeLocationOnlyOffsetRegular(cstNode) {
    cstNode.location = {
      // without error recovery the starting Location of a new CstNode is guaranteed
      // To be the next Token's startOffset (for valid inputs).
      // For invalid inputs there won't be any CSTOutput so this potential
      // inaccuracy does not matter
      startOffset: this.LA(1).startOffset,
      endOffset: NaN
    };
  }
  setInitialNodeLocationFullRecovery(cstNode) {
    cstNode.location = {
      startOffset: NaN,
      startLine: NaN,
      startColumn: NaN,
      endOffset: NaN,
      endLine: NaN,
      endColumn: NaN
    };
  }
  /**
       *  @see setInitialNodeLocationOnlyOffsetRegular for explanation why this work
  
       * @param cstNode
       */
  setInitialNodeLocationFullRegular(cstNode) {
    const nextToken = this.LA(1);
    cstNode.location = {
      startOffset: nextToken.startOffset,
      startLine: nextToken.startLine,
      startColumn: nextToken.startColumn,
      endOffset: NaN,
      endLine: NaN,
      endColumn: NaN
    };
  }
  cstInvocationStateUpdate(fullRuleName) {
    const cstNode = {
      name: fullRuleName,
      children: /* @__PURE__ */ Object.create(null)
    };
    this.setInitialNodeLocation(cstNode);
    this.CST_STACK.push(cstNode);
  }
  cstFinallyStateUpdate() {
    this.CST_STACK.pop();
  }
  cstPostRuleFull(ruleCstNode) {
    const prevToken = this.LA(0);
    const loc = ruleCstNode.location;
    if (loc.startOffset <= prevToken.startOffset === true) {
      loc.endOffset = prevToken.endOffset;
      loc.endLine = prevToken.endLine;
      loc.endColumn = prevToken.endColumn;
    } else {
      loc.startOffset = NaN;
      loc.startLine = NaN;
      loc.startColumn = NaN;
    }
  }
  cstPostRuleOnlyOffset(ruleCstNode) {
    const prevToken = this.LA(0);
    const loc = ruleCstNode.location;
    if (loc.startOffset <= prevToken.startOffset === true) {
      loc.endOffset = prevToken.endOffset;
    } else {
      loc.startOffset = NaN;
    }
  }
  cstPostTerminal(key, consumedToken) {
    const rootCst = this.CST_STACK[this.CST_STACK.length - 1];
    addTerminalToCst(rootCst, consumedToken, key);
    this.setNodeLocationFromToken(rootCst.location, consumedToken);
  }
  cstPostNonTerminal(ruleCstResult, ruleName) {
    const preCstNode = this.CST_STACK[this.CST_STACK.length - 1];
    addNoneTerminalToCst(preCstNode, ruleName, ruleCstResult);
    this.setNodeLocationFromNode(preCstNode.location, ruleCstResult.location);
  }
  getBaseCstVisitorConstructor() {
    if (isUndefined_default(this.baseCstVisitorConstructor)) {
      const newBaseCstVisitorConstructor = createBaseSemanticVisitorConstructor(this.className, keys_default(this.gastProductionsCache));
      this.baseCstVisitorConstructor = newBaseCstVisitorConstructor;
      return newBaseCstVisitorConstructor;
    }
    return this.baseCstVisitorConstructor;
  }
  getBaseCstVisitorConstructorWithDefaults() {
    if (isUndefined_default(this.baseCstVisitorWithDefaultsConstructor)) {
      const newConstructor = createBaseVisitorConstructorWithDefaults(this.className, keys_default(this.gastProductionsCache), this.getBaseCstVisitorConstructor());
      this.baseCstVisitorWithDefaultsConstructor = newConstructor;
      return newConstructor;
    }
    return this.baseCstVisitorWithDefaultsConstructor;
  }
  getLastExplicitRuleShortName() {
    const ruleStack = this.RULE_STACK;
    return ruleStack[ruleStack.length - 1];
  }
  getPreviousExplicitRuleShortName() {
    const ruleStack = this.RULE_STACK;
    return ruleStack[ruleStack.length - 2];
  }
  getLastExplicitRuleOccurrenceIndex() {
    const occurrenceStack = this.RULE_OCCURRENCE_STACK;
    return occurrenceStack[occurrenceStack.length - 1];
  }
};

// node_modules/chevrotain/lib/src/parse/parser/traits/lexer_adapter.js
var LexerAdapter = class {
  initLexerAdapter() {
    this.tokVector = [];
    this.tokVectorLength = 0;
    this.currIdx = -1;
  }
  set input(newInput) {
    if (this.selfAnalysisDone !== true) {
      throw Error(`Missing <performSelfAnalysis> invocation at the end of the Parser's constructor.`);
    }
    this.reset();
    this.tokVector = newInput;
    this.tokVectorLength = newInput.length;
  }
  get input() {
    return this.tokVector;
  }
  // skips a token and returns the next token
  SKIP_TOKEN() {
    if (this.currIdx <= this.tokVector.length - 2) {
      this.consumeToken();
      return this.LA(1);
    } else {
      return END_OF_FILE;
    }
  }
  // Lexer (accessing Token vector) related methods which can be overridden to implement lazy lexers
  // or lexers dependent on parser context.
  LA(howMuch) {
    const soughtIdx = this.currIdx + howMuch;
    if (soughtIdx < 0 || this.tokVectorLength <= soughtIdx) {
      return END_OF_FILE;
    } else {
      return this.tokVector[soughtIdx];
    }
  }
  consumeToken() {
    this.currIdx++;
  }
  exportLexerState() {
    return this.currIdx;
  }
  importLexerState(newState2) {
    this.currIdx = newState2;
  }
  resetLexerState() {
    this.currIdx = -1;
  }
  moveToTerminatedState() {
    this.currIdx = this.tokVector.length - 1;
  }
  getLexerPosition() {
    return this.exportLexerState();
  }
};

// node_modules/chevrotain/lib/src/parse/parser/traits/recognizer_api.js
var RecognizerApi = class {
  ACTION(impl) {
    return impl.call(this);
  }
  consume(idx, tokType, options) {
    return this.consumeInternal(tokType, idx, options);
  }
  subrule(idx, ruleToCall, options) {
    return this.subruleInternal(ruleToCall, idx, options);
  }
  option(idx, actionORMethodDef) {
    return this.optionInternal(actionORMethodDef, idx);
  }
  or(idx, altsOrOpts) {
    return this.orInternal(altsOrOpts, idx);
  }
  many(idx, actionORMethodDef) {
    return this.manyInternal(idx, actionORMethodDef);
  }
  atLeastOne(idx, actionORMethodDef) {
    return this.atLeastOneInternal(idx, actionORMethodDef);
  }
  CONSUME(tokType, options) {
    return this.consumeInternal(tokType, 0, options);
  }
  CONSUME1(tokType, options) {
    return this.consumeInternal(tokType, 1, options);
  }
  CONSUME2(tokType, options) {
    return this.consumeInternal(tokType, 2, options);
  }
  CONSUME3(tokType, options) {
    return this.consumeInternal(tokType, 3, options);
  }
  CONSUME4(tokType, options) {
    return this.consumeInternal(tokType, 4, options);
  }
  CONSUME5(tokType, options) {
    return this.consumeInternal(tokType, 5, options);
  }
  CONSUME6(tokType, options) {
    return this.consumeInternal(tokType, 6, options);
  }
  CONSUME7(tokType, options) {
    return this.consumeInternal(tokType, 7, options);
  }
  CONSUME8(tokType, options) {
    return this.consumeInternal(tokType, 8, options);
  }
  CONSUME9(tokType, options) {
    return this.consumeInternal(tokType, 9, options);
  }
  SUBRULE(ruleToCall, options) {
    return this.subruleInternal(ruleToCall, 0, options);
  }
  SUBRULE1(ruleToCall, options) {
    return this.subruleInternal(ruleToCall, 1, options);
  }
  SUBRULE2(ruleToCall, options) {
    return this.subruleInternal(ruleToCall, 2, options);
  }
  SUBRULE3(ruleToCall, options) {
    return this.subruleInternal(ruleToCall, 3, options);
  }
  SUBRULE4(ruleToCall, options) {
    return this.subruleInternal(ruleToCall, 4, options);
  }
  SUBRULE5(ruleToCall, options) {
    return this.subruleInternal(ruleToCall, 5, options);
  }
  SUBRULE6(ruleToCall, options) {
    return this.subruleInternal(ruleToCall, 6, options);
  }
  SUBRULE7(ruleToCall, options) {
    return this.subruleInternal(ruleToCall, 7, options);
  }
  SUBRULE8(ruleToCall, options) {
    return this.subruleInternal(ruleToCall, 8, options);
  }
  SUBRULE9(ruleToCall, options) {
    return this.subruleInternal(ruleToCall, 9, options);
  }
  OPTION(actionORMethodDef) {
    return this.optionInternal(actionORMethodDef, 0);
  }
  OPTION1(actionORMethodDef) {
    return this.optionInternal(actionORMethodDef, 1);
  }
  OPTION2(actionORMethodDef) {
    return this.optionInternal(actionORMethodDef, 2);
  }
  OPTION3(actionORMethodDef) {
    return this.optionInternal(actionORMethodDef, 3);
  }
  OPTION4(actionORMethodDef) {
    return this.optionInternal(actionORMethodDef, 4);
  }
  OPTION5(actionORMethodDef) {
    return this.optionInternal(actionORMethodDef, 5);
  }
  OPTION6(actionORMethodDef) {
    return this.optionInternal(actionORMethodDef, 6);
  }
  OPTION7(actionORMethodDef) {
    return this.optionInternal(actionORMethodDef, 7);
  }
  OPTION8(actionORMethodDef) {
    return this.optionInternal(actionORMethodDef, 8);
  }
  OPTION9(actionORMethodDef) {
    return this.optionInternal(actionORMethodDef, 9);
  }
  OR(altsOrOpts) {
    return this.orInternal(altsOrOpts, 0);
  }
  OR1(altsOrOpts) {
    return this.orInternal(altsOrOpts, 1);
  }
  OR2(altsOrOpts) {
    return this.orInternal(altsOrOpts, 2);
  }
  OR3(altsOrOpts) {
    return this.orInternal(altsOrOpts, 3);
  }
  OR4(altsOrOpts) {
    return this.orInternal(altsOrOpts, 4);
  }
  OR5(altsOrOpts) {
    return this.orInternal(altsOrOpts, 5);
  }
  OR6(altsOrOpts) {
    return this.orInternal(altsOrOpts, 6);
  }
  OR7(altsOrOpts) {
    return this.orInternal(altsOrOpts, 7);
  }
  OR8(altsOrOpts) {
    return this.orInternal(altsOrOpts, 8);
  }
  OR9(altsOrOpts) {
    return this.orInternal(altsOrOpts, 9);
  }
  MANY(actionORMethodDef) {
    this.manyInternal(0, actionORMethodDef);
  }
  MANY1(actionORMethodDef) {
    this.manyInternal(1, actionORMethodDef);
  }
  MANY2(actionORMethodDef) {
    this.manyInternal(2, actionORMethodDef);
  }
  MANY3(actionORMethodDef) {
    this.manyInternal(3, actionORMethodDef);
  }
  MANY4(actionORMethodDef) {
    this.manyInternal(4, actionORMethodDef);
  }
  MANY5(actionORMethodDef) {
    this.manyInternal(5, actionORMethodDef);
  }
  MANY6(actionORMethodDef) {
    this.manyInternal(6, actionORMethodDef);
  }
  MANY7(actionORMethodDef) {
    this.manyInternal(7, actionORMethodDef);
  }
  MANY8(actionORMethodDef) {
    this.manyInternal(8, actionORMethodDef);
  }
  MANY9(actionORMethodDef) {
    this.manyInternal(9, actionORMethodDef);
  }
  MANY_SEP(options) {
    this.manySepFirstInternal(0, options);
  }
  MANY_SEP1(options) {
    this.manySepFirstInternal(1, options);
  }
  MANY_SEP2(options) {
    this.manySepFirstInternal(2, options);
  }
  MANY_SEP3(options) {
    this.manySepFirstInternal(3, options);
  }
  MANY_SEP4(options) {
    this.manySepFirstInternal(4, options);
  }
  MANY_SEP5(options) {
    this.manySepFirstInternal(5, options);
  }
  MANY_SEP6(options) {
    this.manySepFirstInternal(6, options);
  }
  MANY_SEP7(options) {
    this.manySepFirstInternal(7, options);
  }
  MANY_SEP8(options) {
    this.manySepFirstInternal(8, options);
  }
  MANY_SEP9(options) {
    this.manySepFirstInternal(9, options);
  }
  AT_LEAST_ONE(actionORMethodDef) {
    this.atLeastOneInternal(0, actionORMethodDef);
  }
  AT_LEAST_ONE1(actionORMethodDef) {
    return this.atLeastOneInternal(1, actionORMethodDef);
  }
  AT_LEAST_ONE2(actionORMethodDef) {
    this.atLeastOneInternal(2, actionORMethodDef);
  }
  AT_LEAST_ONE3(actionORMethodDef) {
    this.atLeastOneInternal(3, actionORMethodDef);
  }
  AT_LEAST_ONE4(actionORMethodDef) {
    this.atLeastOneInternal(4, actionORMethodDef);
  }
  AT_LEAST_ONE5(actionORMethodDef) {
    this.atLeastOneInternal(5, actionORMethodDef);
  }
  AT_LEAST_ONE6(actionORMethodDef) {
    this.atLeastOneInternal(6, actionORMethodDef);
  }
  AT_LEAST_ONE7(actionORMethodDef) {
    this.atLeastOneInternal(7, actionORMethodDef);
  }
  AT_LEAST_ONE8(actionORMethodDef) {
    this.atLeastOneInternal(8, actionORMethodDef);
  }
  AT_LEAST_ONE9(actionORMethodDef) {
    this.atLeastOneInternal(9, actionORMethodDef);
  }
  AT_LEAST_ONE_SEP(options) {
    this.atLeastOneSepFirstInternal(0, options);
  }
  AT_LEAST_ONE_SEP1(options) {
    this.atLeastOneSepFirstInternal(1, options);
  }
  AT_LEAST_ONE_SEP2(options) {
    this.atLeastOneSepFirstInternal(2, options);
  }
  AT_LEAST_ONE_SEP3(options) {
    this.atLeastOneSepFirstInternal(3, options);
  }
  AT_LEAST_ONE_SEP4(options) {
    this.atLeastOneSepFirstInternal(4, options);
  }
  AT_LEAST_ONE_SEP5(options) {
    this.atLeastOneSepFirstInternal(5, options);
  }
  AT_LEAST_ONE_SEP6(options) {
    this.atLeastOneSepFirstInternal(6, options);
  }
  AT_LEAST_ONE_SEP7(options) {
    this.atLeastOneSepFirstInternal(7, options);
  }
  AT_LEAST_ONE_SEP8(options) {
    this.atLeastOneSepFirstInternal(8, options);
  }
  AT_LEAST_ONE_SEP9(options) {
    this.atLeastOneSepFirstInternal(9, options);
  }
  RULE(name, implementation, config = DEFAULT_RULE_CONFIG) {
    if (includes_default(this.definedRulesNames, name)) {
      const errMsg = defaultGrammarValidatorErrorProvider.buildDuplicateRuleNameError({
        topLevelRule: name,
        grammarName: this.className
      });
      const error2 = {
        message: errMsg,
        type: ParserDefinitionErrorType.DUPLICATE_RULE_NAME,
        ruleName: name
      };
      this.definitionErrors.push(error2);
    }
    this.definedRulesNames.push(name);
    const ruleImplementation = this.defineRule(name, implementation, config);
    this[name] = ruleImplementation;
    return ruleImplementation;
  }
  OVERRIDE_RULE(name, impl, config = DEFAULT_RULE_CONFIG) {
    const ruleErrors = validateRuleIsOverridden(name, this.definedRulesNames, this.className);
    this.definitionErrors = this.definitionErrors.concat(ruleErrors);
    const ruleImplementation = this.defineRule(name, impl, config);
    this[name] = ruleImplementation;
    return ruleImplementation;
  }
  BACKTRACK(grammarRule, args) {
    return function() {
      this.isBackTrackingStack.push(1);
      const orgState = this.saveRecogState();
      try {
        grammarRule.apply(this, args);
        return true;
      } catch (e) {
        if (isRecognitionException(e)) {
          return false;
        } else {
          throw e;
        }
      } finally {
        this.reloadRecogState(orgState);
        this.isBackTrackingStack.pop();
      }
    };
  }
  // GAST export APIs
  getGAstProductions() {
    return this.gastProductionsCache;
  }
  getSerializedGastProductions() {
    return serializeGrammar(values_default(this.gastProductionsCache));
  }
};

// node_modules/chevrotain/lib/src/parse/parser/traits/recognizer_engine.js
var RecognizerEngine = class {
  initRecognizerEngine(tokenVocabulary, config) {
    this.className = this.constructor.name;
    this.shortRuleNameToFull = {};
    this.fullRuleNameToShort = {};
    this.ruleShortNameIdx = 256;
    this.tokenMatcher = tokenStructuredMatcherNoCategories;
    this.subruleIdx = 0;
    this.definedRulesNames = [];
    this.tokensMap = {};
    this.isBackTrackingStack = [];
    this.RULE_STACK = [];
    this.RULE_OCCURRENCE_STACK = [];
    this.gastProductionsCache = {};
    if (has_default(config, "serializedGrammar")) {
      throw Error("The Parser's configuration can no longer contain a <serializedGrammar> property.\n	See: https://chevrotain.io/docs/changes/BREAKING_CHANGES.html#_6-0-0\n	For Further details.");
    }
    if (isArray_default(tokenVocabulary)) {
      if (isEmpty_default(tokenVocabulary)) {
        throw Error("A Token Vocabulary cannot be empty.\n	Note that the first argument for the parser constructor\n	is no longer a Token vector (since v4.0).");
      }
      if (typeof tokenVocabulary[0].startOffset === "number") {
        throw Error("The Parser constructor no longer accepts a token vector as the first argument.\n	See: https://chevrotain.io/docs/changes/BREAKING_CHANGES.html#_4-0-0\n	For Further details.");
      }
    }
    if (isArray_default(tokenVocabulary)) {
      this.tokensMap = reduce_default(tokenVocabulary, (acc, tokType) => {
        acc[tokType.name] = tokType;
        return acc;
      }, {});
    } else if (has_default(tokenVocabulary, "modes") && every_default(flatten_default(values_default(tokenVocabulary.modes)), isTokenType)) {
      const allTokenTypes2 = flatten_default(values_default(tokenVocabulary.modes));
      const uniqueTokens = uniq_default(allTokenTypes2);
      this.tokensMap = reduce_default(uniqueTokens, (acc, tokType) => {
        acc[tokType.name] = tokType;
        return acc;
      }, {});
    } else if (isObject_default(tokenVocabulary)) {
      this.tokensMap = clone_default(tokenVocabulary);
    } else {
      throw new Error("<tokensDictionary> argument must be An Array of Token constructors, A dictionary of Token constructors or an IMultiModeLexerDefinition");
    }
    this.tokensMap["EOF"] = EOF;
    const allTokenTypes = has_default(tokenVocabulary, "modes") ? flatten_default(values_default(tokenVocabulary.modes)) : values_default(tokenVocabulary);
    const noTokenCategoriesUsed = every_default(allTokenTypes, (tokenConstructor) => isEmpty_default(tokenConstructor.categoryMatches));
    this.tokenMatcher = noTokenCategoriesUsed ? tokenStructuredMatcherNoCategories : tokenStructuredMatcher;
    augmentTokenTypes(values_default(this.tokensMap));
  }
  defineRule(ruleName, impl, config) {
    if (this.selfAnalysisDone) {
      throw Error(`Grammar rule <${ruleName}> may not be defined after the 'performSelfAnalysis' method has been called'
Make sure that all grammar rule definitions are done before 'performSelfAnalysis' is called.`);
    }
    const resyncEnabled = has_default(config, "resyncEnabled") ? config.resyncEnabled : DEFAULT_RULE_CONFIG.resyncEnabled;
    const recoveryValueFunc = has_default(config, "recoveryValueFunc") ? config.recoveryValueFunc : DEFAULT_RULE_CONFIG.recoveryValueFunc;
    const shortName = this.ruleShortNameIdx << BITS_FOR_METHOD_TYPE + BITS_FOR_OCCURRENCE_IDX;
    this.ruleShortNameIdx++;
    this.shortRuleNameToFull[shortName] = ruleName;
    this.fullRuleNameToShort[ruleName] = shortName;
    let invokeRuleWithTry;
    if (this.outputCst === true) {
      invokeRuleWithTry = function invokeRuleWithTry2(...args) {
        try {
          this.ruleInvocationStateUpdate(shortName, ruleName, this.subruleIdx);
          impl.apply(this, args);
          const cst = this.CST_STACK[this.CST_STACK.length - 1];
          this.cstPostRule(cst);
          return cst;
        } catch (e) {
          return this.invokeRuleCatch(e, resyncEnabled, recoveryValueFunc);
        } finally {
          this.ruleFinallyStateUpdate();
        }
      };
    } else {
      invokeRuleWithTry = function invokeRuleWithTryCst(...args) {
        try {
          this.ruleInvocationStateUpdate(shortName, ruleName, this.subruleIdx);
          return impl.apply(this, args);
        } catch (e) {
          return this.invokeRuleCatch(e, resyncEnabled, recoveryValueFunc);
        } finally {
          this.ruleFinallyStateUpdate();
        }
      };
    }
    const wrappedGrammarRule = Object.assign(invokeRuleWithTry, { ruleName, originalGrammarAction: impl });
    return wrappedGrammarRule;
  }
  invokeRuleCatch(e, resyncEnabledConfig, recoveryValueFunc) {
    const isFirstInvokedRule = this.RULE_STACK.length === 1;
    const reSyncEnabled = resyncEnabledConfig && !this.isBackTracking() && this.recoveryEnabled;
    if (isRecognitionException(e)) {
      const recogError = e;
      if (reSyncEnabled) {
        const reSyncTokType = this.findReSyncTokenType();
        if (this.isInCurrentRuleReSyncSet(reSyncTokType)) {
          recogError.resyncedTokens = this.reSyncTo(reSyncTokType);
          if (this.outputCst) {
            const partialCstResult = this.CST_STACK[this.CST_STACK.length - 1];
            partialCstResult.recoveredNode = true;
            return partialCstResult;
          } else {
            return recoveryValueFunc(e);
          }
        } else {
          if (this.outputCst) {
            const partialCstResult = this.CST_STACK[this.CST_STACK.length - 1];
            partialCstResult.recoveredNode = true;
            recogError.partialCstResult = partialCstResult;
          }
          throw recogError;
        }
      } else if (isFirstInvokedRule) {
        this.moveToTerminatedState();
        return recoveryValueFunc(e);
      } else {
        throw recogError;
      }
    } else {
      throw e;
    }
  }
  // Implementation of parsing DSL
  optionInternal(actionORMethodDef, occurrence) {
    const key = this.getKeyForAutomaticLookahead(OPTION_IDX, occurrence);
    return this.optionInternalLogic(actionORMethodDef, occurrence, key);
  }
  optionInternalLogic(actionORMethodDef, occurrence, key) {
    let lookAheadFunc = this.getLaFuncFromCache(key);
    let action;
    if (typeof actionORMethodDef !== "function") {
      action = actionORMethodDef.DEF;
      const predicate = actionORMethodDef.GATE;
      if (predicate !== void 0) {
        const orgLookaheadFunction = lookAheadFunc;
        lookAheadFunc = () => {
          return predicate.call(this) && orgLookaheadFunction.call(this);
        };
      }
    } else {
      action = actionORMethodDef;
    }
    if (lookAheadFunc.call(this) === true) {
      return action.call(this);
    }
    return void 0;
  }
  atLeastOneInternal(prodOccurrence, actionORMethodDef) {
    const laKey = this.getKeyForAutomaticLookahead(AT_LEAST_ONE_IDX, prodOccurrence);
    return this.atLeastOneInternalLogic(prodOccurrence, actionORMethodDef, laKey);
  }
  atLeastOneInternalLogic(prodOccurrence, actionORMethodDef, key) {
    let lookAheadFunc = this.getLaFuncFromCache(key);
    let action;
    if (typeof actionORMethodDef !== "function") {
      action = actionORMethodDef.DEF;
      const predicate = actionORMethodDef.GATE;
      if (predicate !== void 0) {
        const orgLookaheadFunction = lookAheadFunc;
        lookAheadFunc = () => {
          return predicate.call(this) && orgLookaheadFunction.call(this);
        };
      }
    } else {
      action = actionORMethodDef;
    }
    if (lookAheadFunc.call(this) === true) {
      let notStuck = this.doSingleRepetition(action);
      while (lookAheadFunc.call(this) === true && notStuck === true) {
        notStuck = this.doSingleRepetition(action);
      }
    } else {
      throw this.raiseEarlyExitException(prodOccurrence, PROD_TYPE.REPETITION_MANDATORY, actionORMethodDef.ERR_MSG);
    }
    this.attemptInRepetitionRecovery(this.atLeastOneInternal, [prodOccurrence, actionORMethodDef], lookAheadFunc, AT_LEAST_ONE_IDX, prodOccurrence, NextTerminalAfterAtLeastOneWalker);
  }
  atLeastOneSepFirstInternal(prodOccurrence, options) {
    const laKey = this.getKeyForAutomaticLookahead(AT_LEAST_ONE_SEP_IDX, prodOccurrence);
    this.atLeastOneSepFirstInternalLogic(prodOccurrence, options, laKey);
  }
  atLeastOneSepFirstInternalLogic(prodOccurrence, options, key) {
    const action = options.DEF;
    const separator = options.SEP;
    const firstIterationLookaheadFunc = this.getLaFuncFromCache(key);
    if (firstIterationLookaheadFunc.call(this) === true) {
      action.call(this);
      const separatorLookAheadFunc = () => {
        return this.tokenMatcher(this.LA(1), separator);
      };
      while (this.tokenMatcher(this.LA(1), separator) === true) {
        this.CONSUME(separator);
        action.call(this);
      }
      this.attemptInRepetitionRecovery(this.repetitionSepSecondInternal, [
        prodOccurrence,
        separator,
        separatorLookAheadFunc,
        action,
        NextTerminalAfterAtLeastOneSepWalker
      ], separatorLookAheadFunc, AT_LEAST_ONE_SEP_IDX, prodOccurrence, NextTerminalAfterAtLeastOneSepWalker);
    } else {
      throw this.raiseEarlyExitException(prodOccurrence, PROD_TYPE.REPETITION_MANDATORY_WITH_SEPARATOR, options.ERR_MSG);
    }
  }
  manyInternal(prodOccurrence, actionORMethodDef) {
    const laKey = this.getKeyForAutomaticLookahead(MANY_IDX, prodOccurrence);
    return this.manyInternalLogic(prodOccurrence, actionORMethodDef, laKey);
  }
  manyInternalLogic(prodOccurrence, actionORMethodDef, key) {
    let lookaheadFunction = this.getLaFuncFromCache(key);
    let action;
    if (typeof actionORMethodDef !== "function") {
      action = actionORMethodDef.DEF;
      const predicate = actionORMethodDef.GATE;
      if (predicate !== void 0) {
        const orgLookaheadFunction = lookaheadFunction;
        lookaheadFunction = () => {
          return predicate.call(this) && orgLookaheadFunction.call(this);
        };
      }
    } else {
      action = actionORMethodDef;
    }
    let notStuck = true;
    while (lookaheadFunction.call(this) === true && notStuck === true) {
      notStuck = this.doSingleRepetition(action);
    }
    this.attemptInRepetitionRecovery(
      this.manyInternal,
      [prodOccurrence, actionORMethodDef],
      lookaheadFunction,
      MANY_IDX,
      prodOccurrence,
      NextTerminalAfterManyWalker,
      // The notStuck parameter is only relevant when "attemptInRepetitionRecovery"
      // is invoked from manyInternal, in the MANY_SEP case and AT_LEAST_ONE[_SEP]
      // An infinite loop cannot occur as:
      // - Either the lookahead is guaranteed to consume something (Single Token Separator)
      // - AT_LEAST_ONE by definition is guaranteed to consume something (or error out).
      notStuck
    );
  }
  manySepFirstInternal(prodOccurrence, options) {
    const laKey = this.getKeyForAutomaticLookahead(MANY_SEP_IDX, prodOccurrence);
    this.manySepFirstInternalLogic(prodOccurrence, options, laKey);
  }
  manySepFirstInternalLogic(prodOccurrence, options, key) {
    const action = options.DEF;
    const separator = options.SEP;
    const firstIterationLaFunc = this.getLaFuncFromCache(key);
    if (firstIterationLaFunc.call(this) === true) {
      action.call(this);
      const separatorLookAheadFunc = () => {
        return this.tokenMatcher(this.LA(1), separator);
      };
      while (this.tokenMatcher(this.LA(1), separator) === true) {
        this.CONSUME(separator);
        action.call(this);
      }
      this.attemptInRepetitionRecovery(this.repetitionSepSecondInternal, [
        prodOccurrence,
        separator,
        separatorLookAheadFunc,
        action,
        NextTerminalAfterManySepWalker
      ], separatorLookAheadFunc, MANY_SEP_IDX, prodOccurrence, NextTerminalAfterManySepWalker);
    }
  }
  repetitionSepSecondInternal(prodOccurrence, separator, separatorLookAheadFunc, action, nextTerminalAfterWalker) {
    while (separatorLookAheadFunc()) {
      this.CONSUME(separator);
      action.call(this);
    }
    this.attemptInRepetitionRecovery(this.repetitionSepSecondInternal, [
      prodOccurrence,
      separator,
      separatorLookAheadFunc,
      action,
      nextTerminalAfterWalker
    ], separatorLookAheadFunc, AT_LEAST_ONE_SEP_IDX, prodOccurrence, nextTerminalAfterWalker);
  }
  doSingleRepetition(action) {
    const beforeIteration = this.getLexerPosition();
    action.call(this);
    const afterIteration = this.getLexerPosition();
    return afterIteration > beforeIteration;
  }
  orInternal(altsOrOpts, occurrence) {
    const laKey = this.getKeyForAutomaticLookahead(OR_IDX, occurrence);
    const alts = isArray_default(altsOrOpts) ? altsOrOpts : altsOrOpts.DEF;
    const laFunc = this.getLaFuncFromCache(laKey);
    const altIdxToTake = laFunc.call(this, alts);
    if (altIdxToTake !== void 0) {
      const chosenAlternative = alts[altIdxToTake];
      return chosenAlternative.ALT.call(this);
    }
    this.raiseNoAltException(occurrence, altsOrOpts.ERR_MSG);
  }
  ruleFinallyStateUpdate() {
    this.RULE_STACK.pop();
    this.RULE_OCCURRENCE_STACK.pop();
    this.cstFinallyStateUpdate();
    if (this.RULE_STACK.length === 0 && this.isAtEndOfInput() === false) {
      const firstRedundantTok = this.LA(1);
      const errMsg = this.errorMessageProvider.buildNotAllInputParsedMessage({
        firstRedundant: firstRedundantTok,
        ruleName: this.getCurrRuleFullName()
      });
      this.SAVE_ERROR(new NotAllInputParsedException(errMsg, firstRedundantTok));
    }
  }
  subruleInternal(ruleToCall, idx, options) {
    let ruleResult;
    try {
      const args = options !== void 0 ? options.ARGS : void 0;
      this.subruleIdx = idx;
      ruleResult = ruleToCall.apply(this, args);
      this.cstPostNonTerminal(ruleResult, options !== void 0 && options.LABEL !== void 0 ? options.LABEL : ruleToCall.ruleName);
      return ruleResult;
    } catch (e) {
      throw this.subruleInternalError(e, options, ruleToCall.ruleName);
    }
  }
  subruleInternalError(e, options, ruleName) {
    if (isRecognitionException(e) && e.partialCstResult !== void 0) {
      this.cstPostNonTerminal(e.partialCstResult, options !== void 0 && options.LABEL !== void 0 ? options.LABEL : ruleName);
      delete e.partialCstResult;
    }
    throw e;
  }
  consumeInternal(tokType, idx, options) {
    let consumedToken;
    try {
      const nextToken = this.LA(1);
      if (this.tokenMatcher(nextToken, tokType) === true) {
        this.consumeToken();
        consumedToken = nextToken;
      } else {
        this.consumeInternalError(tokType, nextToken, options);
      }
    } catch (eFromConsumption) {
      consumedToken = this.consumeInternalRecovery(tokType, idx, eFromConsumption);
    }
    this.cstPostTerminal(options !== void 0 && options.LABEL !== void 0 ? options.LABEL : tokType.name, consumedToken);
    return consumedToken;
  }
  consumeInternalError(tokType, nextToken, options) {
    let msg;
    const previousToken = this.LA(0);
    if (options !== void 0 && options.ERR_MSG) {
      msg = options.ERR_MSG;
    } else {
      msg = this.errorMessageProvider.buildMismatchTokenMessage({
        expected: tokType,
        actual: nextToken,
        previous: previousToken,
        ruleName: this.getCurrRuleFullName()
      });
    }
    throw this.SAVE_ERROR(new MismatchedTokenException(msg, nextToken, previousToken));
  }
  consumeInternalRecovery(tokType, idx, eFromConsumption) {
    if (this.recoveryEnabled && // TODO: more robust checking of the exception type. Perhaps Typescript extending expressions?
    eFromConsumption.name === "MismatchedTokenException" && !this.isBackTracking()) {
      const follows = this.getFollowsForInRuleRecovery(tokType, idx);
      try {
        return this.tryInRuleRecovery(tokType, follows);
      } catch (eFromInRuleRecovery) {
        if (eFromInRuleRecovery.name === IN_RULE_RECOVERY_EXCEPTION) {
          throw eFromConsumption;
        } else {
          throw eFromInRuleRecovery;
        }
      }
    } else {
      throw eFromConsumption;
    }
  }
  saveRecogState() {
    const savedErrors = this.errors;
    const savedRuleStack = clone_default(this.RULE_STACK);
    return {
      errors: savedErrors,
      lexerState: this.exportLexerState(),
      RULE_STACK: savedRuleStack,
      CST_STACK: this.CST_STACK
    };
  }
  reloadRecogState(newState2) {
    this.errors = newState2.errors;
    this.importLexerState(newState2.lexerState);
    this.RULE_STACK = newState2.RULE_STACK;
  }
  ruleInvocationStateUpdate(shortName, fullName, idxInCallingRule) {
    this.RULE_OCCURRENCE_STACK.push(idxInCallingRule);
    this.RULE_STACK.push(shortName);
    this.cstInvocationStateUpdate(fullName);
  }
  isBackTracking() {
    return this.isBackTrackingStack.length !== 0;
  }
  getCurrRuleFullName() {
    const shortName = this.getLastExplicitRuleShortName();
    return this.shortRuleNameToFull[shortName];
  }
  shortRuleNameToFullName(shortName) {
    return this.shortRuleNameToFull[shortName];
  }
  isAtEndOfInput() {
    return this.tokenMatcher(this.LA(1), EOF);
  }
  reset() {
    this.resetLexerState();
    this.subruleIdx = 0;
    this.isBackTrackingStack = [];
    this.errors = [];
    this.RULE_STACK = [];
    this.CST_STACK = [];
    this.RULE_OCCURRENCE_STACK = [];
  }
};

// node_modules/chevrotain/lib/src/parse/parser/traits/error_handler.js
var ErrorHandler = class {
  initErrorHandler(config) {
    this._errors = [];
    this.errorMessageProvider = has_default(config, "errorMessageProvider") ? config.errorMessageProvider : DEFAULT_PARSER_CONFIG.errorMessageProvider;
  }
  SAVE_ERROR(error2) {
    if (isRecognitionException(error2)) {
      error2.context = {
        ruleStack: this.getHumanReadableRuleStack(),
        ruleOccurrenceStack: clone_default(this.RULE_OCCURRENCE_STACK)
      };
      this._errors.push(error2);
      return error2;
    } else {
      throw Error("Trying to save an Error which is not a RecognitionException");
    }
  }
  get errors() {
    return clone_default(this._errors);
  }
  set errors(newErrors) {
    this._errors = newErrors;
  }
  // TODO: consider caching the error message computed information
  raiseEarlyExitException(occurrence, prodType, userDefinedErrMsg) {
    const ruleName = this.getCurrRuleFullName();
    const ruleGrammar = this.getGAstProductions()[ruleName];
    const lookAheadPathsPerAlternative = getLookaheadPathsForOptionalProd(occurrence, ruleGrammar, prodType, this.maxLookahead);
    const insideProdPaths = lookAheadPathsPerAlternative[0];
    const actualTokens = [];
    for (let i = 1; i <= this.maxLookahead; i++) {
      actualTokens.push(this.LA(i));
    }
    const msg = this.errorMessageProvider.buildEarlyExitMessage({
      expectedIterationPaths: insideProdPaths,
      actual: actualTokens,
      previous: this.LA(0),
      customUserDescription: userDefinedErrMsg,
      ruleName
    });
    throw this.SAVE_ERROR(new EarlyExitException(msg, this.LA(1), this.LA(0)));
  }
  // TODO: consider caching the error message computed information
  raiseNoAltException(occurrence, errMsgTypes) {
    const ruleName = this.getCurrRuleFullName();
    const ruleGrammar = this.getGAstProductions()[ruleName];
    const lookAheadPathsPerAlternative = getLookaheadPathsForOr(occurrence, ruleGrammar, this.maxLookahead);
    const actualTokens = [];
    for (let i = 1; i <= this.maxLookahead; i++) {
      actualTokens.push(this.LA(i));
    }
    const previousToken = this.LA(0);
    const errMsg = this.errorMessageProvider.buildNoViableAltMessage({
      expectedPathsPerAlt: lookAheadPathsPerAlternative,
      actual: actualTokens,
      previous: previousToken,
      customUserDescription: errMsgTypes,
      ruleName: this.getCurrRuleFullName()
    });
    throw this.SAVE_ERROR(new NoViableAltException(errMsg, this.LA(1), previousToken));
  }
};

// node_modules/chevrotain/lib/src/parse/parser/traits/context_assist.js
var ContentAssist = class {
  initContentAssist() {
  }
  computeContentAssist(startRuleName, precedingInput) {
    const startRuleGast = this.gastProductionsCache[startRuleName];
    if (isUndefined_default(startRuleGast)) {
      throw Error(`Rule ->${startRuleName}<- does not exist in this grammar.`);
    }
    return nextPossibleTokensAfter([startRuleGast], precedingInput, this.tokenMatcher, this.maxLookahead);
  }
  // TODO: should this be a member method or a utility? it does not have any state or usage of 'this'...
  // TODO: should this be more explicitly part of the public API?
  getNextPossibleTokenTypes(grammarPath) {
    const topRuleName = head_default(grammarPath.ruleStack);
    const gastProductions = this.getGAstProductions();
    const topProduction = gastProductions[topRuleName];
    const nextPossibleTokenTypes = new NextAfterTokenWalker(topProduction, grammarPath).startWalking();
    return nextPossibleTokenTypes;
  }
};

// node_modules/chevrotain/lib/src/parse/parser/traits/gast_recorder.js
var RECORDING_NULL_OBJECT = {
  description: "This Object indicates the Parser is during Recording Phase"
};
Object.freeze(RECORDING_NULL_OBJECT);
var HANDLE_SEPARATOR = true;
var MAX_METHOD_IDX = Math.pow(2, BITS_FOR_OCCURRENCE_IDX) - 1;
var RFT = createToken({ name: "RECORDING_PHASE_TOKEN", pattern: Lexer.NA });
augmentTokenTypes([RFT]);
var RECORDING_PHASE_TOKEN = createTokenInstance(
  RFT,
  "This IToken indicates the Parser is in Recording Phase\n	See: https://chevrotain.io/docs/guide/internals.html#grammar-recording for details",
  // Using "-1" instead of NaN (as in EOF) because an actual number is less likely to
  // cause errors if the output of LA or CONSUME would be (incorrectly) used during the recording phase.
  -1,
  -1,
  -1,
  -1,
  -1,
  -1
);
Object.freeze(RECORDING_PHASE_TOKEN);
var RECORDING_PHASE_CSTNODE = {
  name: "This CSTNode indicates the Parser is in Recording Phase\n	See: https://chevrotain.io/docs/guide/internals.html#grammar-recording for details",
  children: {}
};
var GastRecorder = class {
  initGastRecorder(config) {
    this.recordingProdStack = [];
    this.RECORDING_PHASE = false;
  }
  enableRecording() {
    this.RECORDING_PHASE = true;
    this.TRACE_INIT("Enable Recording", () => {
      for (let i = 0; i < 10; i++) {
        const idx = i > 0 ? i : "";
        this[`CONSUME${idx}`] = function(arg1, arg2) {
          return this.consumeInternalRecord(arg1, i, arg2);
        };
        this[`SUBRULE${idx}`] = function(arg1, arg2) {
          return this.subruleInternalRecord(arg1, i, arg2);
        };
        this[`OPTION${idx}`] = function(arg1) {
          return this.optionInternalRecord(arg1, i);
        };
        this[`OR${idx}`] = function(arg1) {
          return this.orInternalRecord(arg1, i);
        };
        this[`MANY${idx}`] = function(arg1) {
          this.manyInternalRecord(i, arg1);
        };
        this[`MANY_SEP${idx}`] = function(arg1) {
          this.manySepFirstInternalRecord(i, arg1);
        };
        this[`AT_LEAST_ONE${idx}`] = function(arg1) {
          this.atLeastOneInternalRecord(i, arg1);
        };
        this[`AT_LEAST_ONE_SEP${idx}`] = function(arg1) {
          this.atLeastOneSepFirstInternalRecord(i, arg1);
        };
      }
      this[`consume`] = function(idx, arg1, arg2) {
        return this.consumeInternalRecord(arg1, idx, arg2);
      };
      this[`subrule`] = function(idx, arg1, arg2) {
        return this.subruleInternalRecord(arg1, idx, arg2);
      };
      this[`option`] = function(idx, arg1) {
        return this.optionInternalRecord(arg1, idx);
      };
      this[`or`] = function(idx, arg1) {
        return this.orInternalRecord(arg1, idx);
      };
      this[`many`] = function(idx, arg1) {
        this.manyInternalRecord(idx, arg1);
      };
      this[`atLeastOne`] = function(idx, arg1) {
        this.atLeastOneInternalRecord(idx, arg1);
      };
      this.ACTION = this.ACTION_RECORD;
      this.BACKTRACK = this.BACKTRACK_RECORD;
      this.LA = this.LA_RECORD;
    });
  }
  disableRecording() {
    this.RECORDING_PHASE = false;
    this.TRACE_INIT("Deleting Recording methods", () => {
      const that = this;
      for (let i = 0; i < 10; i++) {
        const idx = i > 0 ? i : "";
        delete that[`CONSUME${idx}`];
        delete that[`SUBRULE${idx}`];
        delete that[`OPTION${idx}`];
        delete that[`OR${idx}`];
        delete that[`MANY${idx}`];
        delete that[`MANY_SEP${idx}`];
        delete that[`AT_LEAST_ONE${idx}`];
        delete that[`AT_LEAST_ONE_SEP${idx}`];
      }
      delete that[`consume`];
      delete that[`subrule`];
      delete that[`option`];
      delete that[`or`];
      delete that[`many`];
      delete that[`atLeastOne`];
      delete that.ACTION;
      delete that.BACKTRACK;
      delete that.LA;
    });
  }
  //   Parser methods are called inside an ACTION?
  //   Maybe try/catch/finally on ACTIONS while disabling the recorders state changes?
  // @ts-expect-error -- noop place holder
  ACTION_RECORD(impl) {
  }
  // Executing backtracking logic will break our recording logic assumptions
  BACKTRACK_RECORD(grammarRule, args) {
    return () => true;
  }
  // LA is part of the official API and may be used for custom lookahead logic
  // by end users who may forget to wrap it in ACTION or inside a GATE
  LA_RECORD(howMuch) {
    return END_OF_FILE;
  }
  topLevelRuleRecord(name, def) {
    try {
      const newTopLevelRule = new Rule({ definition: [], name });
      newTopLevelRule.name = name;
      this.recordingProdStack.push(newTopLevelRule);
      def.call(this);
      this.recordingProdStack.pop();
      return newTopLevelRule;
    } catch (originalError) {
      if (originalError.KNOWN_RECORDER_ERROR !== true) {
        try {
          originalError.message = originalError.message + '\n	 This error was thrown during the "grammar recording phase" For more info see:\n	https://chevrotain.io/docs/guide/internals.html#grammar-recording';
        } catch (mutabilityError) {
          throw originalError;
        }
      }
      throw originalError;
    }
  }
  // Implementation of parsing DSL
  optionInternalRecord(actionORMethodDef, occurrence) {
    return recordProd.call(this, Option, actionORMethodDef, occurrence);
  }
  atLeastOneInternalRecord(occurrence, actionORMethodDef) {
    recordProd.call(this, RepetitionMandatory, actionORMethodDef, occurrence);
  }
  atLeastOneSepFirstInternalRecord(occurrence, options) {
    recordProd.call(this, RepetitionMandatoryWithSeparator, options, occurrence, HANDLE_SEPARATOR);
  }
  manyInternalRecord(occurrence, actionORMethodDef) {
    recordProd.call(this, Repetition, actionORMethodDef, occurrence);
  }
  manySepFirstInternalRecord(occurrence, options) {
    recordProd.call(this, RepetitionWithSeparator, options, occurrence, HANDLE_SEPARATOR);
  }
  orInternalRecord(altsOrOpts, occurrence) {
    return recordOrProd.call(this, altsOrOpts, occurrence);
  }
  subruleInternalRecord(ruleToCall, occurrence, options) {
    assertMethodIdxIsValid(occurrence);
    if (!ruleToCall || has_default(ruleToCall, "ruleName") === false) {
      const error2 = new Error(`<SUBRULE${getIdxSuffix(occurrence)}> argument is invalid expecting a Parser method reference but got: <${JSON.stringify(ruleToCall)}>
 inside top level rule: <${this.recordingProdStack[0].name}>`);
      error2.KNOWN_RECORDER_ERROR = true;
      throw error2;
    }
    const prevProd = last_default(this.recordingProdStack);
    const ruleName = ruleToCall.ruleName;
    const newNoneTerminal = new NonTerminal({
      idx: occurrence,
      nonTerminalName: ruleName,
      label: options === null || options === void 0 ? void 0 : options.LABEL,
      // The resolving of the `referencedRule` property will be done once all the Rule's GASTs have been created
      referencedRule: void 0
    });
    prevProd.definition.push(newNoneTerminal);
    return this.outputCst ? RECORDING_PHASE_CSTNODE : RECORDING_NULL_OBJECT;
  }
  consumeInternalRecord(tokType, occurrence, options) {
    assertMethodIdxIsValid(occurrence);
    if (!hasShortKeyProperty(tokType)) {
      const error2 = new Error(`<CONSUME${getIdxSuffix(occurrence)}> argument is invalid expecting a TokenType reference but got: <${JSON.stringify(tokType)}>
 inside top level rule: <${this.recordingProdStack[0].name}>`);
      error2.KNOWN_RECORDER_ERROR = true;
      throw error2;
    }
    const prevProd = last_default(this.recordingProdStack);
    const newNoneTerminal = new Terminal({
      idx: occurrence,
      terminalType: tokType,
      label: options === null || options === void 0 ? void 0 : options.LABEL
    });
    prevProd.definition.push(newNoneTerminal);
    return RECORDING_PHASE_TOKEN;
  }
};
function recordProd(prodConstructor, mainProdArg, occurrence, handleSep = false) {
  assertMethodIdxIsValid(occurrence);
  const prevProd = last_default(this.recordingProdStack);
  const grammarAction = isFunction_default(mainProdArg) ? mainProdArg : mainProdArg.DEF;
  const newProd = new prodConstructor({ definition: [], idx: occurrence });
  if (handleSep) {
    newProd.separator = mainProdArg.SEP;
  }
  if (has_default(mainProdArg, "MAX_LOOKAHEAD")) {
    newProd.maxLookahead = mainProdArg.MAX_LOOKAHEAD;
  }
  this.recordingProdStack.push(newProd);
  grammarAction.call(this);
  prevProd.definition.push(newProd);
  this.recordingProdStack.pop();
  return RECORDING_NULL_OBJECT;
}
function recordOrProd(mainProdArg, occurrence) {
  assertMethodIdxIsValid(occurrence);
  const prevProd = last_default(this.recordingProdStack);
  const hasOptions = isArray_default(mainProdArg) === false;
  const alts = hasOptions === false ? mainProdArg : mainProdArg.DEF;
  const newOrProd = new Alternation({
    definition: [],
    idx: occurrence,
    ignoreAmbiguities: hasOptions && mainProdArg.IGNORE_AMBIGUITIES === true
  });
  if (has_default(mainProdArg, "MAX_LOOKAHEAD")) {
    newOrProd.maxLookahead = mainProdArg.MAX_LOOKAHEAD;
  }
  const hasPredicates = some_default(alts, (currAlt) => isFunction_default(currAlt.GATE));
  newOrProd.hasPredicates = hasPredicates;
  prevProd.definition.push(newOrProd);
  forEach_default(alts, (currAlt) => {
    const currAltFlat = new Alternative({ definition: [] });
    newOrProd.definition.push(currAltFlat);
    if (has_default(currAlt, "IGNORE_AMBIGUITIES")) {
      currAltFlat.ignoreAmbiguities = currAlt.IGNORE_AMBIGUITIES;
    } else if (has_default(currAlt, "GATE")) {
      currAltFlat.ignoreAmbiguities = true;
    }
    this.recordingProdStack.push(currAltFlat);
    currAlt.ALT.call(this);
    this.recordingProdStack.pop();
  });
  return RECORDING_NULL_OBJECT;
}
function getIdxSuffix(idx) {
  return idx === 0 ? "" : `${idx}`;
}
function assertMethodIdxIsValid(idx) {
  if (idx < 0 || idx > MAX_METHOD_IDX) {
    const error2 = new Error(
      // The stack trace will contain all the needed details
      `Invalid DSL Method idx value: <${idx}>
	Idx value must be a none negative value smaller than ${MAX_METHOD_IDX + 1}`
    );
    error2.KNOWN_RECORDER_ERROR = true;
    throw error2;
  }
}

// node_modules/chevrotain/lib/src/parse/parser/traits/perf_tracer.js
var PerformanceTracer = class {
  initPerformanceTracer(config) {
    if (has_default(config, "traceInitPerf")) {
      const userTraceInitPerf = config.traceInitPerf;
      const traceIsNumber = typeof userTraceInitPerf === "number";
      this.traceInitMaxIdent = traceIsNumber ? userTraceInitPerf : Infinity;
      this.traceInitPerf = traceIsNumber ? userTraceInitPerf > 0 : userTraceInitPerf;
    } else {
      this.traceInitMaxIdent = 0;
      this.traceInitPerf = DEFAULT_PARSER_CONFIG.traceInitPerf;
    }
    this.traceInitIndent = -1;
  }
  TRACE_INIT(phaseDesc, phaseImpl) {
    if (this.traceInitPerf === true) {
      this.traceInitIndent++;
      const indent = new Array(this.traceInitIndent + 1).join("	");
      if (this.traceInitIndent < this.traceInitMaxIdent) {
        console.log(`${indent}--> <${phaseDesc}>`);
      }
      const { time, value } = timer(phaseImpl);
      const traceMethod = time > 10 ? console.warn : console.log;
      if (this.traceInitIndent < this.traceInitMaxIdent) {
        traceMethod(`${indent}<-- <${phaseDesc}> time: ${time}ms`);
      }
      this.traceInitIndent--;
      return value;
    } else {
      return phaseImpl();
    }
  }
};

// node_modules/chevrotain/lib/src/parse/parser/utils/apply_mixins.js
function applyMixins(derivedCtor, baseCtors) {
  baseCtors.forEach((baseCtor) => {
    const baseProto = baseCtor.prototype;
    Object.getOwnPropertyNames(baseProto).forEach((propName) => {
      if (propName === "constructor") {
        return;
      }
      const basePropDescriptor = Object.getOwnPropertyDescriptor(baseProto, propName);
      if (basePropDescriptor && (basePropDescriptor.get || basePropDescriptor.set)) {
        Object.defineProperty(derivedCtor.prototype, propName, basePropDescriptor);
      } else {
        derivedCtor.prototype[propName] = baseCtor.prototype[propName];
      }
    });
  });
}

// node_modules/chevrotain/lib/src/parse/parser/parser.js
var END_OF_FILE = createTokenInstance(EOF, "", NaN, NaN, NaN, NaN, NaN, NaN);
Object.freeze(END_OF_FILE);
var DEFAULT_PARSER_CONFIG = Object.freeze({
  recoveryEnabled: false,
  maxLookahead: 3,
  dynamicTokensEnabled: false,
  outputCst: true,
  errorMessageProvider: defaultParserErrorProvider,
  nodeLocationTracking: "none",
  traceInitPerf: false,
  skipValidations: false
});
var DEFAULT_RULE_CONFIG = Object.freeze({
  recoveryValueFunc: () => void 0,
  resyncEnabled: true
});
var ParserDefinitionErrorType;
(function(ParserDefinitionErrorType2) {
  ParserDefinitionErrorType2[ParserDefinitionErrorType2["INVALID_RULE_NAME"] = 0] = "INVALID_RULE_NAME";
  ParserDefinitionErrorType2[ParserDefinitionErrorType2["DUPLICATE_RULE_NAME"] = 1] = "DUPLICATE_RULE_NAME";
  ParserDefinitionErrorType2[ParserDefinitionErrorType2["INVALID_RULE_OVERRIDE"] = 2] = "INVALID_RULE_OVERRIDE";
  ParserDefinitionErrorType2[ParserDefinitionErrorType2["DUPLICATE_PRODUCTIONS"] = 3] = "DUPLICATE_PRODUCTIONS";
  ParserDefinitionErrorType2[ParserDefinitionErrorType2["UNRESOLVED_SUBRULE_REF"] = 4] = "UNRESOLVED_SUBRULE_REF";
  ParserDefinitionErrorType2[ParserDefinitionErrorType2["LEFT_RECURSION"] = 5] = "LEFT_RECURSION";
  ParserDefinitionErrorType2[ParserDefinitionErrorType2["NONE_LAST_EMPTY_ALT"] = 6] = "NONE_LAST_EMPTY_ALT";
  ParserDefinitionErrorType2[ParserDefinitionErrorType2["AMBIGUOUS_ALTS"] = 7] = "AMBIGUOUS_ALTS";
  ParserDefinitionErrorType2[ParserDefinitionErrorType2["CONFLICT_TOKENS_RULES_NAMESPACE"] = 8] = "CONFLICT_TOKENS_RULES_NAMESPACE";
  ParserDefinitionErrorType2[ParserDefinitionErrorType2["INVALID_TOKEN_NAME"] = 9] = "INVALID_TOKEN_NAME";
  ParserDefinitionErrorType2[ParserDefinitionErrorType2["NO_NON_EMPTY_LOOKAHEAD"] = 10] = "NO_NON_EMPTY_LOOKAHEAD";
  ParserDefinitionErrorType2[ParserDefinitionErrorType2["AMBIGUOUS_PREFIX_ALTS"] = 11] = "AMBIGUOUS_PREFIX_ALTS";
  ParserDefinitionErrorType2[ParserDefinitionErrorType2["TOO_MANY_ALTS"] = 12] = "TOO_MANY_ALTS";
  ParserDefinitionErrorType2[ParserDefinitionErrorType2["CUSTOM_LOOKAHEAD_VALIDATION"] = 13] = "CUSTOM_LOOKAHEAD_VALIDATION";
})(ParserDefinitionErrorType || (ParserDefinitionErrorType = {}));
var Parser = class _Parser {
  /**
   *  @deprecated use the **instance** method with the same name instead
   */
  static performSelfAnalysis(parserInstance) {
    throw Error("The **static** `performSelfAnalysis` method has been deprecated.	\nUse the **instance** method with the same name instead.");
  }
  performSelfAnalysis() {
    this.TRACE_INIT("performSelfAnalysis", () => {
      let defErrorsMsgs;
      this.selfAnalysisDone = true;
      const className = this.className;
      this.TRACE_INIT("toFastProps", () => {
        toFastProperties(this);
      });
      this.TRACE_INIT("Grammar Recording", () => {
        try {
          this.enableRecording();
          forEach_default(this.definedRulesNames, (currRuleName) => {
            const wrappedRule = this[currRuleName];
            const originalGrammarAction = wrappedRule["originalGrammarAction"];
            let recordedRuleGast;
            this.TRACE_INIT(`${currRuleName} Rule`, () => {
              recordedRuleGast = this.topLevelRuleRecord(currRuleName, originalGrammarAction);
            });
            this.gastProductionsCache[currRuleName] = recordedRuleGast;
          });
        } finally {
          this.disableRecording();
        }
      });
      let resolverErrors = [];
      this.TRACE_INIT("Grammar Resolving", () => {
        resolverErrors = resolveGrammar2({
          rules: values_default(this.gastProductionsCache)
        });
        this.definitionErrors = this.definitionErrors.concat(resolverErrors);
      });
      this.TRACE_INIT("Grammar Validations", () => {
        if (isEmpty_default(resolverErrors) && this.skipValidations === false) {
          const validationErrors = validateGrammar2({
            rules: values_default(this.gastProductionsCache),
            tokenTypes: values_default(this.tokensMap),
            errMsgProvider: defaultGrammarValidatorErrorProvider,
            grammarName: className
          });
          const lookaheadValidationErrors = validateLookahead({
            lookaheadStrategy: this.lookaheadStrategy,
            rules: values_default(this.gastProductionsCache),
            tokenTypes: values_default(this.tokensMap),
            grammarName: className
          });
          this.definitionErrors = this.definitionErrors.concat(validationErrors, lookaheadValidationErrors);
        }
      });
      if (isEmpty_default(this.definitionErrors)) {
        if (this.recoveryEnabled) {
          this.TRACE_INIT("computeAllProdsFollows", () => {
            const allFollows = computeAllProdsFollows(values_default(this.gastProductionsCache));
            this.resyncFollows = allFollows;
          });
        }
        this.TRACE_INIT("ComputeLookaheadFunctions", () => {
          var _a, _b;
          (_b = (_a = this.lookaheadStrategy).initialize) === null || _b === void 0 ? void 0 : _b.call(_a, {
            rules: values_default(this.gastProductionsCache)
          });
          this.preComputeLookaheadFunctions(values_default(this.gastProductionsCache));
        });
      }
      if (!_Parser.DEFER_DEFINITION_ERRORS_HANDLING && !isEmpty_default(this.definitionErrors)) {
        defErrorsMsgs = map_default(this.definitionErrors, (defError) => defError.message);
        throw new Error(`Parser Definition Errors detected:
 ${defErrorsMsgs.join("\n-------------------------------\n")}`);
      }
    });
  }
  constructor(tokenVocabulary, config) {
    this.definitionErrors = [];
    this.selfAnalysisDone = false;
    const that = this;
    that.initErrorHandler(config);
    that.initLexerAdapter();
    that.initLooksAhead(config);
    that.initRecognizerEngine(tokenVocabulary, config);
    that.initRecoverable(config);
    that.initTreeBuilder(config);
    that.initContentAssist();
    that.initGastRecorder(config);
    that.initPerformanceTracer(config);
    if (has_default(config, "ignoredIssues")) {
      throw new Error("The <ignoredIssues> IParserConfig property has been deprecated.\n	Please use the <IGNORE_AMBIGUITIES> flag on the relevant DSL method instead.\n	See: https://chevrotain.io/docs/guide/resolving_grammar_errors.html#IGNORING_AMBIGUITIES\n	For further details.");
    }
    this.skipValidations = has_default(config, "skipValidations") ? config.skipValidations : DEFAULT_PARSER_CONFIG.skipValidations;
  }
};
Parser.DEFER_DEFINITION_ERRORS_HANDLING = false;
applyMixins(Parser, [
  Recoverable,
  LooksAhead,
  TreeBuilder,
  LexerAdapter,
  RecognizerEngine,
  RecognizerApi,
  ErrorHandler,
  ContentAssist,
  GastRecorder,
  PerformanceTracer
]);
var EmbeddedActionsParser = class extends Parser {
  constructor(tokenVocabulary, config = DEFAULT_PARSER_CONFIG) {
    const configClone = clone_default(config);
    configClone.outputCst = false;
    super(tokenVocabulary, configClone);
  }
};

// src/diag/source.ts
var SourceManager = class {
  files = [];
  add(path, text, includedFrom) {
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
    const file = { id: this.files.length, path, text, lineStarts, includedFrom };
    this.files.push(file);
    return file;
  }
  get(id) {
    const f = this.files[id];
    if (!f) throw new Error(`internal: no source file #${id}`);
    return f;
  }
  lineCol(file, offset) {
    const starts = this.get(file).lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo] + 1 };
  }
  /** Text of a 1-based line, without its newline. */
  lineText(file, line) {
    const f = this.get(file);
    const start = f.lineStarts[line - 1];
    if (start === void 0) return "";
    const next = f.lineStarts[line];
    let end = next === void 0 ? f.text.length : next - 1;
    if (end > start && f.text.charCodeAt(end - 1) === 13) end--;
    return f.text.slice(start, end);
  }
};
function spanJoin(a, b) {
  if (a.file !== b.file) return a;
  return { file: a.file, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
var NO_SPAN = { file: -1, start: 0, end: 0 };

// src/parse/errors.ts
var RULE_DESCRIPTIONS = {
  primaryExpression: "expression",
  postfixExpression: "expression",
  unaryExpression: "expression",
  castExpression: "expression",
  binaryExpression: "expression",
  conditionalExpression: "expression",
  assignmentExpression: "expression",
  expression: "expression",
  initializer: "expression",
  statement: "statement",
  blockItem: "statement or declaration",
  externalDeclaration: "declaration",
  directDeclarator: "identifier or '('",
  declarationSpecifiers: "declaration specifiers",
  structOrUnionSpecifier: "identifier or '{'",
  enumSpecifier: "identifier or '{'",
  attribute: "attribute name",
  designator: "'[' or '.'",
  initItem: "expression"
};
function describeRule(ruleName, paths) {
  const d = RULE_DESCRIPTIONS[ruleName];
  if (d) return d;
  const labels = /* @__PURE__ */ new Set();
  for (const alt of paths ?? []) for (const path of alt) if (path[0]) labels.add(path[0].LABEL ?? path[0].name);
  return labels.size > 0 ? [...labels].slice(0, 4).join(" or ") : ruleName;
}
var errorMessageProvider = {
  buildMismatchTokenMessage(o) {
    return `expected ${o.expected.LABEL ?? o.expected.name}`;
  },
  buildNotAllInputParsedMessage() {
    return "expected end of file";
  },
  buildNoViableAltMessage(o) {
    return `expected ${o.customUserDescription ?? describeRule(o.ruleName, o.expectedPathsPerAlt)}`;
  },
  buildEarlyExitMessage(o) {
    return `expected ${o.customUserDescription ?? describeRule(o.ruleName, [o.expectedIterationPaths])}`;
  }
};

// src/parse/scopes.ts
var TypedefScopes = class {
  /** Innermost scope last; each maps a name to true (typedef) or false (ordinary identifier). */
  stack = [/* @__PURE__ */ new Map([["__builtin_va_list", true]])];
  push() {
    this.stack.push(/* @__PURE__ */ new Map());
  }
  pop() {
    if (this.stack.length > 1) this.stack.pop();
  }
  declare(name, isTypedef) {
    this.stack[this.stack.length - 1].set(name, isTypedef);
  }
  isTypedef(name) {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const v = this.stack[i].get(name);
      if (v !== void 0) return v;
    }
    return false;
  }
};

// src/parse/tokens.ts
function category(name, label) {
  return createToken({ name, label });
}
var Word = category("Word", "identifier");
var Keyword = createToken({ name: "Keyword", label: "keyword", categories: [Word] });
var StorageClassKw = createToken({ name: "StorageClass", label: "storage class", categories: [Keyword] });
var QualifierKw = createToken({ name: "TypeQualifier", label: "type qualifier", categories: [Keyword] });
var BasicTypeKw = createToken({ name: "BasicType", label: "type specifier", categories: [Keyword] });
var AssignOperator = category("AssignOperator", "assignment operator");
var BinaryOperator = category("BinaryOperator", "binary operator");
var UnaryOperator = category("UnaryOperator", "unary operator");
var Identifier = createToken({ name: "Identifier", label: "identifier", categories: [Word] });
var IntegerConstant = createToken({ name: "Number", label: "number" });
var CharConstant = createToken({ name: "CharConstant", label: "character constant" });
var StringLiteral = createToken({ name: "StringLiteral", label: "string literal" });
var Unknown = createToken({ name: "Unknown", label: "unknown token" });
var keywordBySpelling = /* @__PURE__ */ new Map();
var allTypes = [Word, Keyword, StorageClassKw, QualifierKw, BasicTypeKw, AssignOperator, BinaryOperator, UnaryOperator];
allTypes.push(Identifier, IntegerConstant, CharConstant, StringLiteral, Unknown);
function kw(spellings, cat = Keyword) {
  const t = createToken({ name: `Kw_${spellings[0]}`, label: `'${spellings[0]}'`, categories: [cat] });
  for (const s of spellings) keywordBySpelling.set(s, t);
  allTypes.push(t);
  return t;
}
var Typedef = kw(["typedef"], StorageClassKw);
var Extern = kw(["extern"], StorageClassKw);
var Static = kw(["static"], StorageClassKw);
var Auto = kw(["auto"], StorageClassKw);
var Register = kw(["register"], StorageClassKw);
var ThreadLocal = kw(["_Thread_local", "__thread"], StorageClassKw);
var Const = kw(["const", "__const", "__const__"], QualifierKw);
var Volatile = kw(["volatile", "__volatile", "__volatile__"], QualifierKw);
var Restrict = kw(["restrict", "__restrict", "__restrict__"], QualifierKw);
var Atomic = kw(["_Atomic"], QualifierKw);
var Void = kw(["void"], BasicTypeKw);
var Char = kw(["char"], BasicTypeKw);
var Short = kw(["short"], BasicTypeKw);
var Int = kw(["int"], BasicTypeKw);
var Long = kw(["long"], BasicTypeKw);
var Float = kw(["float"], BasicTypeKw);
var Double = kw(["double"], BasicTypeKw);
var Signed = kw(["signed", "__signed", "__signed__"], BasicTypeKw);
var Unsigned = kw(["unsigned"], BasicTypeKw);
var Bool = kw(["_Bool"], BasicTypeKw);
var Complex = kw(["_Complex", "__complex__"], BasicTypeKw);
var Int128 = kw(["__int128"], BasicTypeKw);
var Struct = kw(["struct"]);
var Union = kw(["union"]);
var Enum = kw(["enum"]);
var Inline = kw(["inline", "__inline", "__inline__"]);
var Noreturn = kw(["_Noreturn"]);
var Alignas = kw(["_Alignas", "alignas"]);
var Typeof = kw(["typeof", "__typeof", "__typeof__"]);
var Attribute = kw(["__attribute__", "__attribute"]);
var Extension = kw(["__extension__"]);
var StaticAssert = kw(["_Static_assert", "static_assert"]);
var Asm = kw(["asm", "__asm", "__asm__"]);
var If = kw(["if"]);
var Else = kw(["else"]);
var While = kw(["while"]);
var Do = kw(["do"]);
var For = kw(["for"]);
var Switch = kw(["switch"]);
var Case = kw(["case"]);
var Default = kw(["default"]);
var Break = kw(["break"]);
var Continue = kw(["continue"]);
var Return = kw(["return"]);
var Goto = kw(["goto"]);
var Sizeof = kw(["sizeof"]);
var Alignof = kw(["_Alignof", "alignof", "__alignof", "__alignof__"]);
var RealPart = kw(["__real__", "__real"]);
var ImagPart = kw(["__imag__", "__imag"]);
var BuiltinOffsetof = kw(["__builtin_offsetof"]);
var BuiltinTypesCompatible = kw(["__builtin_types_compatible_p"]);
var BuiltinChooseExpr = kw(["__builtin_choose_expr"]);
var punctBySpelling = /* @__PURE__ */ new Map();
function punct(spelling, name, cats = []) {
  const t = createToken({ name, label: `'${spelling}'`, categories: cats });
  punctBySpelling.set(spelling, t);
  allTypes.push(t);
  return t;
}
var LBracket = punct("[", "LBracket");
var RBracket = punct("]", "RBracket");
var LParen = punct("(", "LParen");
var RParen = punct(")", "RParen");
var LBrace = punct("{", "LBrace");
var RBrace = punct("}", "RBrace");
var Dot = punct(".", "Dot");
var Arrow = punct("->", "Arrow");
var PlusPlus = punct("++", "PlusPlus");
var MinusMinus = punct("--", "MinusMinus");
var Amp = punct("&", "Amp", [BinaryOperator, UnaryOperator]);
var Star = punct("*", "Star", [BinaryOperator, UnaryOperator]);
var Plus = punct("+", "Plus", [BinaryOperator, UnaryOperator]);
var Minus = punct("-", "Minus", [BinaryOperator, UnaryOperator]);
var Tilde = punct("~", "Tilde", [UnaryOperator]);
var Bang = punct("!", "Bang", [UnaryOperator]);
var Question = punct("?", "Question");
var Colon = punct(":", "Colon");
var Semicolon = punct(";", "Semicolon");
var Ellipsis = punct("...", "Ellipsis");
var Comma = punct(",", "Comma");
for (const op of ["/", "%", "<<", ">>", "<", ">", "<=", ">=", "==", "!=", "^", "|", "&&", "||"]) {
  punct(op, `Op_${op}`, [BinaryOperator]);
}
var Assign = punct("=", "Assign", [AssignOperator]);
for (const op of ["*=", "/=", "%=", "+=", "-=", "<<=", ">>=", "&=", "^=", "|="]) {
  punct(op, `Op_${op}`, [AssignOperator]);
}
var ALL_TOKEN_TYPES = allTypes;
function toParserTokens(tokens) {
  const out = [];
  const pragmasBefore = /* @__PURE__ */ new Map();
  for (const t of tokens) {
    if (t.kind === "eof") break;
    if (t.kind === "pragma") {
      const list = pragmasBefore.get(out.length) ?? [];
      list.push(t);
      pragmasBefore.set(out.length, list);
      continue;
    }
    const type = tokenTypeOf(t);
    out.push({
      image: t.text,
      startOffset: out.length,
      endOffset: out.length,
      tokenType: type,
      tokenTypeIdx: type.tokenTypeIdx,
      src: t
    });
  }
  return { tokens: out, pragmasBefore };
}
function tokenTypeOf(t) {
  switch (t.kind) {
    case "ident":
      return keywordBySpelling.get(t.text) ?? Identifier;
    case "number":
      return IntegerConstant;
    case "char":
      return CharConstant;
    case "string":
      return StringLiteral;
    case "punct":
      return punctBySpelling.get(t.text) ?? Unknown;
    case "pragma":
    case "eof":
      return Unknown;
  }
}

// src/parse/parser-base.ts
var MAX_NESTING_DEPTH = 200;
var MAX_BINARY_CHAIN = 1024;
var NestingTooDeep = class extends Error {
  constructor(token, detail) {
    super("nesting too deep");
    this.token = token;
    this.detail = detail;
  }
  token;
  detail;
};
var ParseState = class {
  constructor(tokens, pragmasBefore) {
    this.tokens = tokens;
    this.pragmasBefore = pragmasBefore;
  }
  tokens;
  pragmasBefore;
  scopes = new TypedefScopes();
  depth = 0;
  diagnostics = [];
  items = [];
};
var ParserBase = class extends EmbeddedActionsParser {
  st = new ParseState([], /* @__PURE__ */ new Map());
  /** validate: run chevrotain's grammar checks (ambiguities, left recursion); tests do, parse() does not. */
  constructor(validate = false) {
    super(ALL_TOKEN_TYPES, {
      maxLookahead: 2,
      recoveryEnabled: false,
      errorMessageProvider,
      skipValidations: !validate
    });
  }
  /** Installs the state of a new parse (the instance is reused across parses). */
  useState(state) {
    this.st = state;
  }
  currentToken() {
    return this.LA(1);
  }
  // -------------------------------------------------------------------------
  // Tokens and spans
  is(tok, type) {
    return tokenMatcher(tok, type);
  }
  la(k, type) {
    return tokenMatcher(this.LA(k), type);
  }
  /** Index of the next token in st.tokens (tokens.length at the end). */
  nextIndex() {
    const t = this.LA(1);
    return t.tokenType === EOF ? this.st.tokens.length : t.startOffset;
  }
  /** Where a token stands in the user's text: for a token from a macro, the outermost macro use. */
  outerSpan(tok) {
    const src = tok.src;
    if (!src) return this.endSpan();
    let exp = src.expansion;
    if (!exp) return src.span;
    while (exp.parent) exp = exp.parent;
    return exp.use;
  }
  /** A zero-width span just after the last token of the input. */
  endSpan() {
    const last2 = this.st.tokens[this.st.tokens.length - 1]?.src;
    if (!last2) return NO_SPAN;
    return { file: last2.span.file, start: last2.span.end, end: last2.span.end };
  }
  /** The span from `start` through the last consumed token. */
  spanFrom(start) {
    const a = this.outerSpan(start);
    const last2 = this.LA(0);
    if (start.tokenType === EOF || last2.tokenType === EOF || last2.startOffset < start.startOffset) {
      return { file: a.file, start: a.start, end: a.start };
    }
    const b = this.outerSpan(last2);
    if (a.file !== b.file || b.end < a.start) return a;
    return { file: a.file, start: a.start, end: b.end };
  }
  /** span and expansion for an expression node starting at `start`. */
  exprBase(start) {
    const exp = start.src?.expansion;
    return exp ? { span: this.spanFrom(start), expansion: exp } : { span: this.spanFrom(start) };
  }
  report(code, message, tok) {
    const src = tok.src;
    const d = { code, message, span: src ? src.span : this.endSpan() };
    if (src?.expansion) d.expansion = src.expansion;
    this.st.diagnostics.push(d);
  }
  /** Loop pragmas written just before the token at `tok`. */
  pragmasAt(tok) {
    const list = this.st.pragmasBefore.get(tok.startOffset) ?? [];
    return list.map((p) => ({ span: p.span, text: p.text }));
  }
  // -------------------------------------------------------------------------
  // Nesting depth
  enter() {
    if (++this.st.depth > MAX_NESTING_DEPTH) throw new NestingTooDeep(this.LA(1));
  }
  leave() {
    this.st.depth--;
  }
  // -------------------------------------------------------------------------
  // Look-ahead predicates for GATEs
  isTypedefName(tok) {
    return tok.tokenType === Identifier && this.st.scopes.isTypedef(tok.image);
  }
  /** Can `tok` begin a type-name (C11 6.7.7): a specifier or qualifier, or a typedef name. */
  startsTypeName(tok) {
    return this.is(tok, BasicTypeKw) || this.is(tok, QualifierKw) || tok.tokenType === Struct || tok.tokenType === Union || tok.tokenType === Enum || tok.tokenType === Typeof || tok.tokenType === Attribute || tok.tokenType === Alignas || this.isTypedefName(tok);
  }
  /** Can `tok` continue declaration-specifiers (a typedef name only while no type specifier was seen). */
  isDeclSpecifierStart(tok, seenType) {
    if (tok.tokenType === Identifier) return !seenType && this.isTypedefName(tok);
    return this.startsTypeName(tok) || this.is(tok, StorageClassKw) || tok.tokenType === Inline || tok.tokenType === Noreturn || tok.tokenType === Extension;
  }
  /**
   * Does a declaration start here (block items, for-init)? Skips __extension__
   * and attribute specifiers, then looks at the first specifier; a typedef
   * name followed by ':' is a label instead.
   */
  startsDeclaration() {
    let k = 1;
    for (; ; ) {
      const t2 = this.LA(k);
      if (t2.tokenType === Extension) {
        k++;
      } else if (t2.tokenType === Attribute) {
        k = this.skipParens(k + 1);
        if (k < 0) return false;
      } else {
        break;
      }
    }
    const t = this.LA(k);
    if (t.tokenType === StaticAssert) return true;
    if (k > 1 && this.is(t, Semicolon)) return false;
    if (this.isTypedefName(t)) return !this.la(k + 1, Colon);
    return this.isDeclSpecifierStart(t, false);
  }
  /** Given LA(k) is '(', the k just past its matching ')', or -1. */
  skipParens(k) {
    if (!this.la(k, LParen)) return -1;
    let depth = 0;
    for (; ; k++) {
      const t = this.LA(k);
      if (t.tokenType === EOF) return -1;
      if (t.tokenType === LParen) depth++;
      else if (t.tokenType === RParen && --depth === 0) return k + 1;
    }
  }
  // -------------------------------------------------------------------------
  // Error recovery
  /** Records a recognition error as a diagnostic: "expected X, saw Y". */
  recordSyntaxError(e) {
    const tok = e.token;
    const atEof = tok.tokenType === EOF;
    const saw = atEof ? "end of file" : `'${tok.image}'`;
    let message = e.message;
    let code = "E2001";
    const prev = e.previousToken;
    if (e.name === "EarlyExitException" && tok.tokenType === Identifier && message === "expected declaration specifiers") {
      message = `unknown type name '${tok.image}'`;
      code = "E2008";
    } else {
      message = `${message}, saw ${saw}`;
    }
    const prevSrc = prev?.src;
    if ((atEof || message.startsWith("expected ';'")) && prevSrc) {
      const s = prevSrc.span;
      const d = { code, message, span: { file: s.file, start: s.end, end: s.end } };
      if (prevSrc.expansion) d.expansion = prevSrc.expansion;
      this.st.diagnostics.push(d);
      return;
    }
    this.report(code, message, tok);
  }
  /**
   * Skips tokens after a syntax error in the construct that began at token
   * `startIndex`, to the end of that construct: a ';' or a closing '}' that
   * balances the braces opened since the construct began. Stops before a '}'
   * that closes an enclosing block.
   */
  resync(startIndex) {
    let braces = 0;
    let parens = 0;
    for (let i = startIndex; i < this.nextIndex(); i++) {
      const t = this.st.tokens[i].tokenType;
      if (t === LBrace) braces++;
      else if (t === RBrace) braces--;
      else if (t === LParen) parens++;
      else if (t === RParen) parens--;
    }
    let skipped = this.nextIndex() > startIndex;
    for (; ; ) {
      const t = this.LA(1).tokenType;
      if (t === EOF) return;
      if (t === RBrace) {
        if (braces <= 0) {
          if (!skipped && this.st.depth === 0) this.SKIP_TOKEN();
          return;
        }
        this.SKIP_TOKEN();
        if (--braces === 0 && parens <= 0) return;
      } else if (t === Semicolon && braces <= 0 && parens <= 0) {
        this.SKIP_TOKEN();
        return;
      } else {
        if (t === LBrace) braces++;
        else if (t === LParen) parens++;
        else if (t === RParen) parens--;
        this.SKIP_TOKEN();
      }
      skipped = true;
    }
  }
};

// src/parse/literals.ts
var SUFFIXES = {
  "": "",
  u: "u",
  l: "l",
  ul: "ul",
  lu: "ul",
  ll: "ll",
  ull: "ull",
  llu: "ull"
};
function parseIntegerConstant(text) {
  const lower2 = text.toLowerCase();
  const isHex = lower2.startsWith("0x");
  const isBin = lower2.startsWith("0b");
  if (isFloating(lower2, isHex)) {
    return { code: "E2003", message: `floating-point constants are not supported in BPF programs, saw '${text}'` };
  }
  let digitsEnd = isHex || isBin ? 2 : 0;
  const digitRe = isHex ? /[0-9a-f]/ : /[0-9]/;
  while (digitsEnd < lower2.length && digitRe.test(lower2[digitsEnd])) digitsEnd++;
  const digits = lower2.slice(isHex || isBin ? 2 : 0, digitsEnd);
  const rawSuffix = lower2.slice(digitsEnd);
  const suffixOk = rawSuffix in SUFFIXES && !/lL|Ll/.test(text.slice(digitsEnd));
  if (digits === "" || !suffixOk) {
    return { code: "E2004", message: `invalid integer constant '${text}'` };
  }
  if (isBin && /[^01]/.test(digits)) {
    return { code: "E2004", message: `invalid digit in binary constant '${text}'` };
  }
  const isOctal = !isHex && !isBin && digits.length > 1 && digits.startsWith("0");
  if (isOctal && /[89]/.test(digits)) {
    return { code: "E2004", message: `invalid digit in octal constant '${text}'` };
  }
  const prefix = isHex ? "0x" : isBin ? "0b" : isOctal ? "0o" : "";
  return { value: BigInt(prefix + (isOctal ? digits.slice(1) : digits)), suffix: SUFFIXES[rawSuffix], nonDecimal: prefix !== "" };
}
function isFloating(lower2, isHex) {
  if (lower2.includes(".")) return true;
  if (isHex) return lower2.includes("p");
  return /^[0-9]+e/.test(lower2);
}
var SIMPLE_ESCAPES = {
  n: 10,
  t: 9,
  r: 13,
  a: 7,
  b: 8,
  f: 12,
  v: 11,
  e: 27,
  E: 27,
  "\\": 92,
  "'": 39,
  '"': 34,
  "?": 63
};
function decodeBody(body) {
  const units = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== "\\") {
      const cp = body.codePointAt(i);
      const ch = String.fromCodePoint(cp);
      i += ch.length - 1;
      units.push({ char: ch });
      continue;
    }
    const e = body[++i];
    if (e === void 0) return { code: "E2006", message: "incomplete escape sequence at the end of a literal" };
    if (e in SIMPLE_ESCAPES) {
      units.push({ byte: SIMPLE_ESCAPES[e] });
    } else if (e >= "0" && e <= "7") {
      let v = 0;
      let n = 0;
      while (n < 3 && i < body.length && body[i] >= "0" && body[i] <= "7") {
        v = v * 8 + Number(body[i]);
        i++;
        n++;
      }
      i--;
      if (v > 255) return { code: "E2006", message: `octal escape sequence '\\${body.slice(i - n + 1, i + 1)}' is out of range` };
      units.push({ byte: v });
    } else if (e === "x") {
      let j = i + 1;
      while (j < body.length && /[0-9a-fA-F]/.test(body[j])) j++;
      const hex = body.slice(i + 1, j);
      if (hex === "") return { code: "E2006", message: "\\x used with no following hex digits" };
      const v = parseInt(hex, 16);
      if (hex.replace(/^0+/, "").length > 2) return { code: "E2006", message: `hex escape sequence '\\x${hex}' is out of range` };
      units.push({ byte: v });
      i = j - 1;
    } else {
      return { code: "E2006", message: `unknown escape sequence '\\${e}'` };
    }
  }
  return { units };
}
function splitPrefix(text, quote2) {
  const q = text.indexOf(quote2);
  return { prefix: text.slice(0, q), body: text.slice(q + 1, text.endsWith(quote2) && text.length > q + 1 ? -1 : void 0) };
}
function parseCharConstant(text) {
  const { prefix, body } = splitPrefix(text, "'");
  const decoded = decodeBody(body);
  if ("code" in decoded) return decoded;
  if (decoded.units.length === 0) return { code: "E2005", message: "empty character constant" };
  if (prefix !== "") {
    if (decoded.units.length > 1) return { code: "E2005", message: `wide character constant ${text} has more than one character` };
    const u = decoded.units[0];
    return { value: "byte" in u ? u.byte : u.char.codePointAt(0), prefix };
  }
  const bytes = [];
  for (const u of decoded.units) bytes.push(..."byte" in u ? [u.byte] : utf8(u.char));
  if (bytes.length > 4) return { code: "E2005", message: `character constant ${text} is too long for its type` };
  if (bytes.length === 1) return { value: bytes[0] << 24 >> 24, prefix };
  let v = 0;
  for (const b of bytes) v = v << 8 | b | 0;
  return { value: v, prefix };
}
function decodeStringLiteral(text) {
  const { body } = splitPrefix(text, '"');
  const decoded = decodeBody(body);
  if ("code" in decoded) return decoded;
  const bytes = [];
  let value = "";
  for (const u of decoded.units) {
    if ("byte" in u) {
      bytes.push(u.byte);
      value += String.fromCharCode(u.byte);
    } else {
      bytes.push(...utf8(u.char));
      value += u.char;
    }
  }
  return { bytes, value };
}
function utf8(ch) {
  return Array.from(new TextEncoder().encode(ch));
}

// src/parse/expr-rules.ts
var BINARY_PRECEDENCE = {
  "*": 10,
  "/": 10,
  "%": 10,
  "+": 9,
  "-": 9,
  "<<": 8,
  ">>": 8,
  "<": 7,
  ">": 7,
  "<=": 7,
  ">=": 7,
  "==": 6,
  "!=": 6,
  "&": 5,
  "^": 4,
  "|": 3,
  "&&": 2,
  "||": 1
};
function foldBinary(operands, ops) {
  const values2 = [operands[0]];
  const pending = [];
  const reduce2 = () => {
    const right = values2.pop();
    const left = values2.pop();
    const op = pending.pop();
    const span = { file: left.span.file, start: left.span.start, end: Math.max(left.span.end, right.span.end) };
    const node = { kind: "BinaryExpr", op, left, right, span };
    if (left.expansion) node.expansion = left.expansion;
    values2.push(node);
  };
  ops.forEach((op, i) => {
    while (pending.length > 0 && BINARY_PRECEDENCE[pending[pending.length - 1]] >= BINARY_PRECEDENCE[op]) reduce2();
    pending.push(op);
    values2.push(operands[i + 1]);
  });
  while (pending.length > 0) reduce2();
  return values2[0];
}
var ExprParser = class extends ParserBase {
  // expression = assignment-expression ("," assignment-expression)*  (C11 6.5.17)
  expression = this.RULE("expression", () => {
    const start = this.LA(1);
    const exprs = [this.SUBRULE(this.assignmentExpression)];
    this.MANY(() => {
      this.CONSUME(Comma);
      exprs.push(this.SUBRULE2(this.assignmentExpression));
    });
    return this.ACTION(() => exprs.length === 1 ? exprs[0] : { kind: "CommaExpr", exprs, ...this.exprBase(start) });
  });
  // assignment-expression = conditional-expression | unary-expression assignment-operator assignment-expression  (C11 6.5.16)
  // (parsed as conditional-expression (op assignment-expression)?; sema checks that the target is an lvalue)
  assignmentExpression = this.RULE("assignmentExpression", () => {
    const start = this.LA(1);
    const target2 = this.SUBRULE(this.conditionalExpression);
    let op;
    let value;
    this.OPTION(() => {
      op = this.CONSUME(AssignOperator);
      value = this.SUBRULE(this.assignmentExpression);
    });
    return this.ACTION(
      () => op && value ? { kind: "AssignExpr", op: op.image, target: target2, value, ...this.exprBase(start) } : target2
    );
  });
  // constant-expression = conditional-expression  (C11 6.6)
  constantExpression = this.RULE("constantExpression", () => this.SUBRULE(this.conditionalExpression));
  // conditional-expression = logical-OR-expression ("?" expression? ":" conditional-expression)?  (C11 6.5.15; GNU `a ?: b`)
  conditionalExpression = this.RULE("conditionalExpression", () => {
    const start = this.LA(1);
    const cond = this.SUBRULE(this.binaryExpression);
    let then;
    let otherwise;
    this.OPTION(() => {
      this.CONSUME(Question);
      this.OPTION2(() => then = this.SUBRULE(this.expression));
      this.CONSUME(Colon);
      otherwise = this.SUBRULE(this.conditionalExpression);
    });
    return this.ACTION(() => {
      if (!otherwise) return cond;
      const node = { kind: "CondExpr", cond, else: otherwise, ...this.exprBase(start) };
      if (then) node.then = then;
      return node;
    });
  });
  // logical-OR-expression … multiplicative-expression  (C11 6.5.5–6.5.14)
  // binary-expression = cast-expression (binary-operator cast-expression)*, folded by BINARY_PRECEDENCE
  binaryExpression = this.RULE("binaryExpression", () => {
    const operands = [this.SUBRULE(this.castExpression)];
    const ops = [];
    this.MANY(() => {
      const op = this.CONSUME(BinaryOperator);
      if (!this.RECORDING_PHASE && ops.length >= MAX_BINARY_CHAIN) {
        throw new NestingTooDeep(op, `expression too long: more than ${MAX_BINARY_CHAIN} binary operators in a row`);
      }
      ops.push(op.image);
      operands.push(this.SUBRULE2(this.castExpression));
    });
    return this.ACTION(() => foldBinary(operands, ops));
  });
  // cast-expression = unary-expression | "(" type-name ")" cast-expression  (C11 6.5.4)
  //   | "(" type-name ")" "{" initializer-list "}" postfix-suffix*     (compound literal, C11 6.5.2.5)
  castExpression = this.RULE("castExpression", () => {
    const start = this.LA(1);
    this.enter();
    try {
      return this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          {
            GATE: () => this.la(1, LParen) && this.startsTypeName(this.LA(2)),
            ALT: () => {
              this.CONSUME(LParen);
              const type = this.SUBRULE(this.typeName);
              this.CONSUME(RParen);
              return this.OR2([
                {
                  ALT: () => {
                    const init = this.SUBRULE(this.initializerList);
                    const lit = this.ACTION(() => ({ kind: "CompoundLiteral", type, init, ...this.exprBase(start) }));
                    return this.SUBRULE(this.postfixSuffixes, { ARGS: [lit, start] });
                  }
                },
                {
                  ALT: () => {
                    const operand = this.SUBRULE(this.castExpression);
                    return this.ACTION(() => ({ kind: "CastExpr", type, operand, ...this.exprBase(start) }));
                  }
                }
              ]);
            }
          },
          { ALT: () => this.SUBRULE(this.unaryExpression) }
        ]
      });
    } finally {
      this.leave();
    }
  });
  // unary-expression = postfix-expression | ("++" | "--") unary-expression | unary-operator cast-expression
  //   | "sizeof" unary-expression | "sizeof" "(" type-name ")" | "_Alignof" "(" type-name ")"
  //   | "__extension__" cast-expression | ("__real__" | "__imag__") cast-expression  (C11 6.5.3)
  unaryExpression = this.RULE("unaryExpression", () => {
    const start = this.LA(1);
    const unary = (op, operand) => this.ACTION(() => ({ kind: "UnaryExpr", op, operand, ...this.exprBase(start) }));
    return this.OR([
      { ALT: () => unary(this.CONSUME(PlusPlus).image, this.SUBRULE(this.unaryExpression)) },
      { ALT: () => unary(this.CONSUME(MinusMinus).image, this.SUBRULE2(this.unaryExpression)) },
      { ALT: () => unary(this.CONSUME(UnaryOperator).image, this.SUBRULE(this.castExpression)) },
      { ALT: () => unary((this.CONSUME(Extension), "__extension__"), this.SUBRULE2(this.castExpression)) },
      { ALT: () => unary((this.CONSUME(RealPart), "__real__"), this.SUBRULE3(this.castExpression)) },
      { ALT: () => unary((this.CONSUME(ImagPart), "__imag__"), this.SUBRULE4(this.castExpression)) },
      {
        ALT: () => {
          this.CONSUME(Sizeof);
          const arg = this.SUBRULE(this.sizeofOperand, { ARGS: [start] });
          return this.ACTION(() => ({ kind: "SizeofExpr", arg, ...this.exprBase(start) }));
        }
      },
      {
        ALT: () => {
          this.CONSUME(Alignof);
          const arg = this.SUBRULE2(this.sizeofOperand, { ARGS: [start] });
          return this.ACTION(() => ({ kind: "AlignofExpr", arg, ...this.exprBase(start) }));
        }
      },
      { ALT: () => this.SUBRULE(this.postfixExpression) }
    ]);
  });
  // sizeof-operand = "(" type-name ")" | "(" type-name ")" "{" initializer-list "}" postfix-suffix* | unary-expression
  sizeofOperand = this.RULE(
    "sizeofOperand",
    (start) => this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          GATE: () => this.la(1, LParen) && this.startsTypeName(this.LA(2)),
          ALT: () => {
            const lp = this.CONSUME(LParen);
            const type = this.SUBRULE(this.typeName);
            this.CONSUME(RParen);
            let lit;
            this.OPTION(() => {
              const init = this.SUBRULE(this.initializerList);
              const base = this.ACTION(() => ({ kind: "CompoundLiteral", type, init, ...this.exprBase(lp) }));
              lit = this.SUBRULE(this.postfixSuffixes, { ARGS: [base, lp] });
            });
            return lit ?? type;
          }
        },
        { ALT: () => this.SUBRULE(this.unaryExpression) }
      ]
    })
  );
  // postfix-expression = primary-expression postfix-suffix*  (C11 6.5.2)
  postfixExpression = this.RULE("postfixExpression", () => {
    const start = this.LA(1);
    const primary = this.SUBRULE(this.primaryExpression);
    return this.SUBRULE(this.postfixSuffixes, { ARGS: [primary, start] });
  });
  // postfix-suffix = "[" expression "]" | "(" argument-expression-list? ")" | ("." | "->") identifier | "++" | "--"
  postfixSuffixes = this.RULE("postfixSuffixes", (base, start) => {
    let node = base;
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(LBracket);
            const index2 = this.SUBRULE(this.expression);
            this.CONSUME(RBracket);
            this.ACTION(() => node = { kind: "IndexExpr", array: node, index: index2, ...this.exprBase(start) });
          }
        },
        {
          ALT: () => {
            this.CONSUME(LParen);
            const args = [];
            this.OPTION(() => {
              args.push(this.SUBRULE(this.assignmentExpression));
              this.MANY2(() => {
                this.CONSUME(Comma);
                args.push(this.SUBRULE2(this.assignmentExpression));
              });
            });
            this.CONSUME(RParen);
            this.ACTION(() => node = { kind: "CallExpr", callee: node, args, ...this.exprBase(start) });
          }
        },
        {
          ALT: () => {
            const arrow = this.OR2([{ ALT: () => (this.CONSUME(Dot), false) }, { ALT: () => (this.CONSUME(Arrow), true) }]);
            const name = this.CONSUME(Identifier);
            this.ACTION(() => {
              node = { kind: "MemberExpr", object: node, member: name.image, memberSpan: this.outerSpan(name), arrow, ...this.exprBase(start) };
            });
          }
        },
        {
          ALT: () => {
            const op = this.OR3([{ ALT: () => this.CONSUME(PlusPlus) }, { ALT: () => this.CONSUME(MinusMinus) }]);
            this.ACTION(() => node = { kind: "PostfixExpr", op: op.image, operand: node, ...this.exprBase(start) });
          }
        }
      ]);
    });
    return node;
  });
  // primary-expression = identifier | constant | string-literal+ | "(" expression ")"
  //   | "(" compound-statement ")"  (GNU statement expression) | builtin-call  (C11 6.5.1)
  primaryExpression = this.RULE("primaryExpression", () => {
    const start = this.LA(1);
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          ALT: () => {
            const t = this.CONSUME(Identifier);
            return this.ACTION(() => ({ kind: "Ident", name: t.image, ...this.exprBase(start) }));
          }
        },
        { ALT: () => this.intConstant(this.CONSUME(IntegerConstant)) },
        { ALT: () => this.charConstant(this.CONSUME(CharConstant)) },
        { ALT: () => this.SUBRULE(this.stringLiteral) },
        {
          GATE: () => this.la(2, LBrace),
          ALT: () => {
            this.CONSUME(LParen);
            const body = this.SUBRULE(this.compoundStatement);
            this.CONSUME(RParen);
            return this.ACTION(() => ({ kind: "StmtExpr", body, ...this.exprBase(start) }));
          }
        },
        {
          ALT: () => {
            this.CONSUME2(LParen);
            const e = this.SUBRULE(this.expression);
            this.CONSUME2(RParen);
            return e;
          }
        },
        { ALT: () => this.SUBRULE(this.builtinCall) }
      ]
    });
  });
  // builtin-call = "__builtin_offsetof" "(" type-name "," offsetof-member-designator ")"
  //   | "__builtin_types_compatible_p" "(" type-name "," type-name ")"
  //   | "__builtin_choose_expr" "(" assignment-expression "," assignment-expression "," assignment-expression ")"
  builtinCall = this.RULE("builtinCall", () => {
    const start = this.LA(1);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(BuiltinOffsetof);
          this.CONSUME(LParen);
          const type = this.SUBRULE(this.typeName);
          this.CONSUME(Comma);
          const path = this.SUBRULE(this.offsetofDesignator);
          this.CONSUME(RParen);
          return this.ACTION(() => ({ kind: "OffsetofExpr", type, path, ...this.exprBase(start) }));
        }
      },
      {
        ALT: () => {
          this.CONSUME(BuiltinTypesCompatible);
          this.CONSUME2(LParen);
          const a = this.SUBRULE2(this.typeName);
          this.CONSUME2(Comma);
          const b = this.SUBRULE3(this.typeName);
          this.CONSUME2(RParen);
          return this.ACTION(() => ({ kind: "TypesCompatibleExpr", a, b, ...this.exprBase(start) }));
        }
      },
      {
        ALT: () => {
          this.CONSUME(BuiltinChooseExpr);
          this.CONSUME3(LParen);
          const cond = this.SUBRULE(this.assignmentExpression);
          this.CONSUME3(Comma);
          const then = this.SUBRULE2(this.assignmentExpression);
          this.CONSUME4(Comma);
          const otherwise = this.SUBRULE3(this.assignmentExpression);
          this.CONSUME3(RParen);
          return this.ACTION(() => ({ kind: "ChooseExpr", cond, then, else: otherwise, ...this.exprBase(start) }));
        }
      }
    ]);
  });
  // offsetof-member-designator = identifier ("." identifier | "[" expression "]")*
  offsetofDesignator = this.RULE("offsetofDesignator", () => {
    const path = [];
    const first2 = this.CONSUME(Identifier);
    this.ACTION(() => path.push({ kind: "FieldDesignator", name: first2.image, span: this.outerSpan(first2) }));
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            const dot = this.CONSUME(Dot);
            const name = this.CONSUME2(Identifier);
            this.ACTION(() => path.push({ kind: "FieldDesignator", name: name.image, span: this.spanFrom(dot) }));
          }
        },
        {
          ALT: () => {
            const lb = this.CONSUME(LBracket);
            const index2 = this.SUBRULE(this.expression);
            this.CONSUME(RBracket);
            this.ACTION(() => path.push({ kind: "IndexDesignator", index: index2, span: this.spanFrom(lb) }));
          }
        }
      ]);
    });
    return path;
  });
  // string-literal+ : adjacent string literals concatenate (C11 5.1.1.2 phase 6)
  stringLiteral = this.RULE("stringLiteral", () => {
    const start = this.LA(1);
    const parts = [];
    this.AT_LEAST_ONE(() => parts.push(this.CONSUME(StringLiteral)));
    return this.ACTION(() => {
      const bytes = [];
      let value = "";
      for (const p of parts) {
        const d = decodeStringLiteral(p.image);
        if ("code" in d) {
          this.report(d.code, d.message, p);
          continue;
        }
        bytes.push(...d.bytes);
        value += d.value;
      }
      return { kind: "StringLit", bytes, value, ...this.exprBase(start) };
    });
  });
  intConstant(t) {
    return this.ACTION(() => {
      const v = parseIntegerConstant(t.image);
      if ("code" in v) {
        this.report(v.code, v.message, t);
        return { kind: "IntLit", value: 0n, suffix: "", nonDecimal: false, text: t.image, ...this.exprBase(t) };
      }
      return { kind: "IntLit", value: v.value, suffix: v.suffix, nonDecimal: v.nonDecimal, text: t.image, ...this.exprBase(t) };
    });
  }
  charConstant(t) {
    return this.ACTION(() => {
      const v = parseCharConstant(t.image);
      if ("code" in v) {
        this.report(v.code, v.message, t);
        return { kind: "CharLit", value: 0, prefix: "", ...this.exprBase(t) };
      }
      return { kind: "CharLit", value: v.value, prefix: v.prefix, ...this.exprBase(t) };
    });
  }
};

// src/parse/decl-rules.ts
var QUALIFIER_NAMES = {
  const: "const",
  __const: "const",
  __const__: "const",
  volatile: "volatile",
  __volatile: "volatile",
  __volatile__: "volatile",
  restrict: "restrict",
  __restrict: "restrict",
  __restrict__: "restrict",
  _Atomic: "_Atomic"
};
var TYPE_WORDS = { __signed: "signed", __signed__: "signed", __complex__: "_Complex" };
function normalizeAttributeName(name) {
  return name.length > 4 && name.startsWith("__") && name.endsWith("__") ? name.slice(2, -2) : name;
}
function declaratorName(d) {
  let cur = d;
  while (cur.kind !== "IdentDeclarator") cur = cur.inner;
  return cur.name;
}
var DeclParser = class extends ExprParser {
  // declaration-specifiers = (storage-class-specifier | type-specifier | type-qualifier
  //   | function-specifier | alignment-specifier | attribute-specifier | "__extension__")+  (C11 6.7)
  declarationSpecifiers = this.RULE("declarationSpecifiers", () => {
    const start = this.LA(1);
    const specs = {
      kind: "DeclSpecifiers",
      span: this.outerSpan(start),
      storage: [],
      qualifiers: [],
      inline: false,
      noreturn: false,
      type: { kind: "BuiltinType", span: this.outerSpan(start), words: [] },
      attributes: []
    };
    let seenType = false;
    let typeStart;
    const setType = (t, tok) => {
      if (seenType && (specs.type.kind !== "BuiltinType" || t.kind !== "BuiltinType")) {
        this.report("E2007", `cannot combine '${tok.image}' with the previous type specifier '${typeStart?.image ?? ""}'`, tok);
        return;
      }
      seenType = true;
      typeStart ??= tok;
      if (t.kind === "BuiltinType" && specs.type.kind === "BuiltinType") specs.type.words.push(...t.words);
      else specs.type = t;
    };
    this.AT_LEAST_ONE({
      GATE: () => this.isDeclSpecifierStart(this.LA(1), seenType),
      ERR_MSG: "declaration specifiers",
      DEF: () => {
        const tok = this.LA(1);
        this.OR([
          { ALT: () => {
            const t = this.CONSUME(StorageClassKw);
            this.ACTION(() => specs.storage.push(t.image === "__thread" ? "_Thread_local" : t.image));
          } },
          { ALT: () => {
            const t = this.CONSUME(QualifierKw);
            this.ACTION(() => specs.qualifiers.push(QUALIFIER_NAMES[t.image]));
          } },
          { ALT: () => {
            const t = this.CONSUME(BasicTypeKw);
            this.ACTION(() => setType({ kind: "BuiltinType", span: this.outerSpan(t), words: [TYPE_WORDS[t.image] ?? t.image] }, t));
          } },
          { ALT: () => {
            const s = this.SUBRULE(this.structOrUnionSpecifier);
            this.ACTION(() => setType(s, tok));
          } },
          { ALT: () => {
            const s = this.SUBRULE(this.enumSpecifier);
            this.ACTION(() => setType(s, tok));
          } },
          { ALT: () => {
            const s = this.SUBRULE(this.typeofSpecifier);
            this.ACTION(() => setType(s, tok));
          } },
          { ALT: () => {
            const t = this.CONSUME(Identifier);
            this.ACTION(() => setType({ kind: "TypedefName", span: this.outerSpan(t), name: t.image }, t));
          } },
          { ALT: () => {
            this.CONSUME(Inline);
            specs.inline = true;
          } },
          { ALT: () => {
            this.CONSUME(Noreturn);
            specs.noreturn = true;
          } },
          { ALT: () => {
            const a = this.SUBRULE(this.alignmentSpecifier);
            this.ACTION(() => specs.alignas = a);
          } },
          { ALT: () => {
            const a = this.SUBRULE(this.attributeSpecifier);
            this.ACTION(() => specs.attributes.push(...a));
          } },
          { ALT: () => {
            this.CONSUME(Extension);
          } }
        ]);
      }
    });
    return this.ACTION(() => {
      specs.span = this.spanFrom(start);
      if (specs.type.kind === "BuiltinType") specs.type.span = typeStart ? this.outerSpan(typeStart) : { ...specs.span, end: specs.span.start };
      return specs;
    });
  });
  // struct-or-union-specifier = ("struct" | "union") attribute-specifier* (identifier? "{" struct-declaration* "}" | identifier)
  //   attribute-specifier*  (C11 6.7.2.1)
  structOrUnionSpecifier = this.RULE("structOrUnionSpecifier", () => {
    const start = this.LA(1);
    const tag = this.OR([{ ALT: () => (this.CONSUME(Struct), "struct") }, { ALT: () => (this.CONSUME(Union), "union") }]);
    const attributes = this.SUBRULE(this.attributeSpecifiers);
    let name;
    let members;
    this.OR2([
      {
        ALT: () => {
          name = this.CONSUME(Identifier);
          this.OPTION(() => members = this.SUBRULE(this.structDeclarationList));
        }
      },
      { ALT: () => members = this.SUBRULE2(this.structDeclarationList) }
    ]);
    const after = this.SUBRULE2(this.attributeSpecifiers);
    return this.ACTION(() => {
      const node = { kind: "StructOrUnion", span: this.spanFrom(start), tag, attributes: [...attributes, ...after] };
      if (name) Object.assign(node, { name: name.image, nameSpan: this.outerSpan(name) });
      if (members) node.members = members;
      return node;
    });
  });
  // "{" struct-declaration* "}"
  structDeclarationList = this.RULE("structDeclarationList", () => {
    const members = [];
    this.CONSUME(LBrace);
    this.enter();
    try {
      this.MANY(() => {
        const m = this.SUBRULE(this.structDeclaration);
        this.ACTION(() => m && members.push(m));
      });
    } finally {
      this.leave();
    }
    this.CONSUME(RBrace);
    return members;
  });
  // struct-declaration = specifier-qualifier-list struct-declarator-list? ";" | static_assert-declaration | ";"  (C11 6.7.2.1)
  // (a _Static_assert inside a struct is checked for syntax only)
  structDeclaration = this.RULE("structDeclaration", () => {
    const start = this.LA(1);
    return this.OR([
      { ALT: () => (this.SUBRULE(this.staticAssertDeclaration), void 0) },
      { ALT: () => (this.CONSUME(Semicolon), void 0) },
      {
        ALT: () => {
          const specifiers = this.SUBRULE(this.declarationSpecifiers);
          const declarators = [];
          this.OPTION({
            GATE: () => !this.la(1, Semicolon),
            DEF: () => {
              declarators.push(this.SUBRULE(this.structDeclarator));
              this.MANY(() => {
                this.CONSUME(Comma);
                declarators.push(this.SUBRULE2(this.structDeclarator));
              });
            }
          });
          this.CONSUME2(Semicolon, { ERR_MSG: "expected ';' at end of declaration list" });
          return this.ACTION(() => ({ kind: "StructMember", span: this.spanFrom(start), specifiers, declarators }));
        }
      }
    ]);
  });
  // struct-declarator = declarator (":" constant-expression)? attribute-specifier* | ":" constant-expression  (C11 6.7.2.1)
  structDeclarator = this.RULE("structDeclarator", () => {
    const start = this.LA(1);
    let declarator;
    let bitWidth;
    this.OPTION(() => declarator = this.SUBRULE(this.declarator, { ARGS: ["named"] }));
    const attrs1 = this.SUBRULE(this.attributeSpecifiers);
    this.OPTION2(() => {
      this.CONSUME(Colon);
      bitWidth = this.SUBRULE(this.constantExpression);
    });
    const attrs2 = this.SUBRULE2(this.attributeSpecifiers);
    return this.ACTION(() => {
      const node = { kind: "MemberDeclarator", span: this.spanFrom(start), attributes: [...attrs1, ...attrs2] };
      if (declarator) node.declarator = declarator;
      if (bitWidth) node.bitWidth = bitWidth;
      return node;
    });
  });
  // enum-specifier = "enum" attribute-specifier* (identifier? "{" enumerator ("," enumerator)* ","? "}" | identifier)
  //   attribute-specifier*  (C11 6.7.2.2)
  enumSpecifier = this.RULE("enumSpecifier", () => {
    const start = this.CONSUME(Enum);
    const attrs1 = this.SUBRULE(this.attributeSpecifiers);
    let name;
    let enumerators;
    this.OR([
      {
        ALT: () => {
          name = this.CONSUME(Identifier);
          this.OPTION(() => enumerators = this.SUBRULE(this.enumeratorList));
        }
      },
      { ALT: () => enumerators = this.SUBRULE2(this.enumeratorList) }
    ]);
    const attrs2 = this.SUBRULE2(this.attributeSpecifiers);
    return this.ACTION(() => {
      const node = { kind: "Enum", span: this.spanFrom(start), attributes: [...attrs1, ...attrs2] };
      if (name) Object.assign(node, { name: name.image, nameSpan: this.outerSpan(name) });
      if (enumerators) node.enumerators = enumerators;
      return node;
    });
  });
  enumeratorList = this.RULE("enumeratorList", () => {
    const list = [];
    this.CONSUME(LBrace);
    list.push(this.SUBRULE(this.enumerator));
    this.MANY({
      GATE: () => !this.la(2, RBrace),
      DEF: () => {
        this.CONSUME(Comma);
        list.push(this.SUBRULE2(this.enumerator));
      }
    });
    this.OPTION(() => this.CONSUME2(Comma));
    this.CONSUME(RBrace);
    return list;
  });
  // enumerator = enumeration-constant attribute-specifier* ("=" constant-expression)?  (C11 6.7.2.2)
  enumerator = this.RULE("enumerator", () => {
    const name = this.CONSUME(Identifier);
    this.SUBRULE(this.attributeSpecifiers);
    let value;
    this.OPTION(() => {
      this.CONSUME(Assign);
      value = this.SUBRULE(this.constantExpression);
    });
    return this.ACTION(() => {
      this.st.scopes.declare(name.image, false);
      const node = { kind: "Enumerator", span: this.spanFrom(name), name: name.image };
      if (value) node.value = value;
      return node;
    });
  });
  // typeof-specifier = ("typeof" | "__typeof__") "(" (type-name | expression) ")"  (GNU, C23 6.7.2.5)
  typeofSpecifier = this.RULE("typeofSpecifier", () => {
    const start = this.CONSUME(Typeof);
    this.CONSUME(LParen);
    const arg = this.SUBRULE(this.typeNameOrExpression);
    this.CONSUME(RParen);
    return this.ACTION(() => ({ kind: "Typeof", span: this.spanFrom(start), arg }));
  });
  // alignment-specifier = "_Alignas" "(" (type-name | constant-expression) ")"  (C11 6.7.5)
  alignmentSpecifier = this.RULE("alignmentSpecifier", () => {
    this.CONSUME(Alignas);
    this.CONSUME(LParen);
    const arg = this.SUBRULE(this.typeNameOrExpression);
    this.CONSUME(RParen);
    return arg;
  });
  typeNameOrExpression = this.RULE("typeNameOrExpression", () => {
    if (!this.RECORDING_PHASE) {
      return this.startsTypeName(this.LA(1)) ? this.SUBRULE(this.typeName) : this.SUBRULE(this.expression);
    }
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => this.startsTypeName(this.LA(1)), ALT: () => this.SUBRULE(this.typeName) },
        { ALT: () => this.SUBRULE(this.expression) }
      ]
    });
  });
  // attribute-specifier = "__attribute__" "(" "(" attribute? ("," attribute?)* ")" ")"  (GNU)
  attributeSpecifier = this.RULE("attributeSpecifier", () => {
    const list = [];
    this.CONSUME(Attribute);
    this.CONSUME(LParen);
    this.CONSUME2(LParen);
    this.OPTION(() => list.push(this.SUBRULE(this.attribute)));
    this.MANY(() => {
      this.CONSUME(Comma);
      this.OPTION2(() => list.push(this.SUBRULE2(this.attribute)));
    });
    this.CONSUME(RParen);
    this.CONSUME2(RParen);
    return list;
  });
  attributeSpecifiers = this.RULE("attributeSpecifiers", () => {
    const list = [];
    this.MANY(() => {
      const a = this.SUBRULE(this.attributeSpecifier);
      this.ACTION(() => list.push(...a));
    });
    return list;
  });
  // attribute = (identifier | keyword) ("(" (assignment-expression ("," assignment-expression)*)? ")")?
  attribute = this.RULE("attribute", () => {
    const name = this.CONSUME(Word);
    const args = [];
    this.OPTION(() => {
      this.CONSUME(LParen);
      this.OPTION2(() => {
        args.push(this.SUBRULE(this.assignmentExpression));
        this.MANY(() => {
          this.CONSUME(Comma);
          args.push(this.SUBRULE2(this.assignmentExpression));
        });
      });
      this.CONSUME(RParen);
    });
    return this.ACTION(() => ({ kind: "Attribute", span: this.spanFrom(name), name: normalizeAttributeName(name.image), args }));
  });
  // asm-label = ("asm" | "__asm__") "(" string-literal+ ")"  (GNU)
  asmLabel = this.RULE("asmLabel", () => {
    this.CONSUME(Asm);
    this.CONSUME(LParen);
    const s = this.SUBRULE(this.stringLiteral);
    this.CONSUME(RParen);
    return this.ACTION(() => s.value);
  });
  // declarator = pointer* direct-declarator  (C11 6.7.6); abstract-declarator likewise with no identifier
  declarator = this.RULE("declarator", (mode) => {
    this.enter();
    try {
      const pointers = [];
      this.MANY(() => pointers.push(this.SUBRULE(this.pointer)));
      const direct = this.SUBRULE(this.directDeclarator, { ARGS: [mode] });
      return this.ACTION(() => {
        let node = direct;
        for (let i = pointers.length - 1; i >= 0; i--) {
          const p = pointers[i];
          const s = this.outerSpan(p.tok);
          const span = { file: s.file, start: s.start, end: Math.max(s.end, node.span.end) };
          node = { kind: "PointerDeclarator", span, qualifiers: p.qualifiers, attributes: p.attributes, inner: node };
        }
        return node;
      });
    } finally {
      this.leave();
    }
  });
  // pointer = "*" (type-qualifier | attribute-specifier)*  (C11 6.7.6)
  pointer = this.RULE("pointer", () => {
    const tok = this.CONSUME(Star);
    const qualifiers = [];
    const attributes = [];
    this.MANY(
      () => this.OR([
        { ALT: () => {
          const q = this.CONSUME(QualifierKw);
          this.ACTION(() => qualifiers.push(QUALIFIER_NAMES[q.image]));
        } },
        { ALT: () => {
          const a = this.SUBRULE(this.attributeSpecifier);
          this.ACTION(() => attributes.push(...a));
        } }
      ])
    );
    return { tok, qualifiers, attributes };
  });
  // direct-declarator = (identifier | "(" attribute-specifier* declarator ")")? declarator-suffix*  (C11 6.7.6)
  directDeclarator = this.RULE("directDeclarator", (mode) => {
    const start = this.LA(1);
    let node;
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          GATE: () => mode !== "abstract",
          ALT: () => {
            const t = this.CONSUME(Identifier);
            this.ACTION(() => node = { kind: "IdentDeclarator", span: this.outerSpan(t), name: t.image });
          }
        },
        {
          GATE: () => this.isGroupingParen(mode),
          ALT: () => {
            this.CONSUME(LParen);
            this.SUBRULE(this.attributeSpecifiers);
            node = this.SUBRULE(this.declarator, { ARGS: [mode] });
            this.CONSUME(RParen);
          }
        },
        { GATE: () => mode !== "named", ALT: () => this.ACTION(() => node = { kind: "IdentDeclarator", span: { ...this.outerSpan(start), end: this.outerSpan(start).start } }) }
      ]
    });
    this.MANY(() => {
      this.OR2([
        { ALT: () => {
          const s = this.SUBRULE(this.arraySuffix);
          this.ACTION(() => node = { ...s, inner: node, span: this.spanFrom(start) });
        } },
        { ALT: () => {
          const s = this.SUBRULE(this.functionSuffix);
          this.ACTION(() => node = { ...s, inner: node, span: this.spanFrom(start) });
        } }
      ]);
    });
    return node;
  });
  /** Is the '(' at LA(1) a parenthesised declarator rather than a parameter list? */
  isGroupingParen(mode) {
    if (!this.la(1, LParen)) return false;
    if (mode === "named") return true;
    const t = this.LA(2);
    if (this.is(t, Star) || this.is(t, LParen) || this.is(t, LBracket) || this.is(t, Attribute)) return true;
    return mode === "either" && t.tokenType === Identifier && !this.isTypedefName(t);
  }
  // array-suffix = "[" "static"? type-qualifier* "static"? assignment-expression? "]"  (C11 6.7.6.2)
  arraySuffix = this.RULE("arraySuffix", () => {
    const out = { kind: "ArrayDeclarator", qualifiers: [], isStatic: false };
    this.CONSUME(LBracket);
    this.MANY(
      () => this.OR([
        { ALT: () => {
          this.CONSUME(Static);
          out.isStatic = true;
        } },
        { ALT: () => {
          const q = this.CONSUME(QualifierKw);
          this.ACTION(() => out.qualifiers.push(QUALIFIER_NAMES[q.image]));
        } }
      ])
    );
    this.OPTION(() => {
      const size = this.SUBRULE(this.assignmentExpression);
      this.ACTION(() => out.size = size);
    });
    this.CONSUME(RBracket);
    return out;
  });
  // function-suffix = "(" (parameter-declaration ("," parameter-declaration)* ("," "...")?)? ")"  (C11 6.7.6.3)
  // Parameters live in their own prototype scope.
  functionSuffix = this.RULE("functionSuffix", () => {
    const params = [];
    let variadic = false;
    this.CONSUME(LParen);
    this.st.scopes.push();
    try {
      this.OPTION(() => {
        params.push(this.SUBRULE(this.parameterDeclaration));
        this.MANY({
          GATE: () => !this.la(2, Ellipsis),
          DEF: () => {
            this.CONSUME(Comma);
            params.push(this.SUBRULE2(this.parameterDeclaration));
          }
        });
        this.OPTION2(() => {
          this.CONSUME2(Comma);
          this.CONSUME(Ellipsis);
          variadic = true;
        });
      });
    } finally {
      this.st.scopes.pop();
    }
    this.CONSUME(RParen);
    return this.ACTION(() => {
      const p0 = params[0];
      const isVoid2 = params.length === 1 && p0 !== void 0 && p0.specifiers.type.kind === "BuiltinType" && p0.specifiers.type.words.join(" ") === "void" && p0.specifiers.storage.length === 0 && p0.specifiers.qualifiers.length === 0 && p0.declarator.kind === "IdentDeclarator" && p0.declarator.name === void 0;
      return { kind: "FunctionDeclarator", params: isVoid2 ? [] : params, variadic, hasPrototype: params.length > 0 };
    });
  });
  // parameter-declaration = declaration-specifiers (declarator | abstract-declarator?) attribute-specifier*  (C11 6.7.6.3)
  parameterDeclaration = this.RULE("parameterDeclaration", () => {
    const start = this.LA(1);
    const specifiers = this.SUBRULE(this.declarationSpecifiers);
    const declarator = this.SUBRULE(this.declarator, { ARGS: ["either"] });
    const attributes = this.SUBRULE(this.attributeSpecifiers);
    return this.ACTION(() => {
      const name = declaratorName(declarator);
      if (name !== void 0) this.st.scopes.declare(name, false);
      return { kind: "ParamDecl", span: this.spanFrom(start), specifiers, declarator, attributes };
    });
  });
  // type-name = specifier-qualifier-list abstract-declarator?  (C11 6.7.7)
  typeName = this.RULE("typeName", () => {
    const start = this.LA(1);
    const specifiers = this.SUBRULE(this.declarationSpecifiers);
    const declarator = this.SUBRULE(this.declarator, { ARGS: ["abstract"] });
    return this.ACTION(() => ({ kind: "TypeName", span: this.spanFrom(start), specifiers, declarator }));
  });
};

// src/parse/init-rules.ts
var InitParser = class extends DeclParser {
  // initializer = assignment-expression | "{" initializer-list ","? "}"  (C11 6.7.9)
  initializer = this.RULE("initializer", () => {
    this.enter();
    try {
      return this.OR([{ ALT: () => this.SUBRULE(this.initializerList) }, { ALT: () => this.SUBRULE(this.assignmentExpression) }]);
    } finally {
      this.leave();
    }
  });
  // "{" (designation? initializer ("," designation? initializer)* ","?)? "}"  (C11 6.7.9; empty braces are GNU/C23)
  initializerList = this.RULE("initializerList", () => {
    const start = this.CONSUME(LBrace);
    const items = [];
    this.OPTION(() => {
      items.push(this.SUBRULE(this.initItem));
      this.MANY({
        GATE: () => !this.la(2, RBrace),
        DEF: () => {
          this.CONSUME(Comma);
          items.push(this.SUBRULE2(this.initItem));
        }
      });
      this.OPTION2(() => this.CONSUME2(Comma));
    });
    this.CONSUME(RBrace);
    return this.ACTION(() => ({ kind: "InitList", span: this.spanFrom(start), items }));
  });
  // init-item = designator+ "=" initializer | identifier ":" initializer (old GNU) | initializer
  initItem = this.RULE("initItem", () => {
    const start = this.LA(1);
    const designators = [];
    this.OPTION({
      GATE: () => this.la(1, LBracket) || this.la(1, Dot) || this.la(1, Identifier) && this.la(2, Colon),
      DEF: () => this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          {
            GATE: () => this.la(1, Identifier),
            ALT: () => {
              const name = this.CONSUME(Identifier);
              this.CONSUME(Colon);
              this.ACTION(() => designators.push({ kind: "FieldDesignator", span: this.outerSpan(name), name: name.image }));
            }
          },
          {
            ALT: () => {
              this.AT_LEAST_ONE(() => designators.push(this.SUBRULE(this.designator)));
              this.CONSUME(Assign);
            }
          }
        ]
      })
    });
    const init = this.SUBRULE(this.initializer);
    return this.ACTION(() => ({ kind: "InitItem", span: this.spanFrom(start), designators, init }));
  });
  // designator = "[" constant-expression ("..." constant-expression)? "]" | "." identifier  (C11 6.7.9; ranges are GNU)
  designator = this.RULE("designator", () => {
    const start = this.LA(1);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(LBracket);
          const index2 = this.SUBRULE(this.constantExpression);
          let hi;
          this.OPTION(() => {
            this.CONSUME(Ellipsis);
            hi = this.SUBRULE2(this.constantExpression);
          });
          this.CONSUME(RBracket);
          return this.ACTION(() => hi ? { kind: "IndexDesignator", span: this.spanFrom(start), index: index2, hi } : { kind: "IndexDesignator", span: this.spanFrom(start), index: index2 });
        }
      },
      {
        ALT: () => {
          this.CONSUME(Dot);
          const name = this.CONSUME(Identifier);
          return this.ACTION(() => ({ kind: "FieldDesignator", span: this.spanFrom(start), name: name.image }));
        }
      }
    ]);
  });
  // static_assert-declaration = "_Static_assert" "(" constant-expression ("," string-literal)? ")" ";"  (C11 6.7.10)
  staticAssertDeclaration = this.RULE("staticAssertDeclaration", () => {
    const start = this.CONSUME(StaticAssert);
    this.CONSUME(LParen);
    const cond = this.SUBRULE(this.constantExpression);
    let message;
    this.OPTION(() => {
      this.CONSUME(Comma);
      message = this.SUBRULE(this.stringLiteral);
    });
    this.CONSUME(RParen);
    this.CONSUME(Semicolon, { ERR_MSG: "expected ';' after static assertion" });
    return this.ACTION(() => {
      const node = { kind: "StaticAssert", span: this.spanFrom(start), cond };
      if (message) node.message = message;
      return node;
    });
  });
};

// src/parse/stmt-rules.ts
var StmtParser = class extends InitParser {
  // declaration = declaration-specifiers (init-declarator ("," init-declarator)*)? ";"
  //   | static_assert-declaration  (C11 6.7)
  declaration = this.RULE("declaration", () => {
    const start = this.LA(1);
    return this.OR([
      { ALT: () => this.SUBRULE(this.staticAssertDeclaration) },
      {
        ALT: () => {
          const specifiers = this.SUBRULE(this.declarationSpecifiers);
          const declarators = [];
          this.OPTION(() => {
            declarators.push(this.SUBRULE(this.initDeclarator, { ARGS: [specifiers] }));
            this.MANY(() => {
              this.CONSUME(Comma);
              declarators.push(this.SUBRULE2(this.initDeclarator, { ARGS: [specifiers] }));
            });
          });
          this.CONSUME(Semicolon, { ERR_MSG: "expected ';' at end of declaration" });
          return this.ACTION(() => ({ kind: "Declaration", span: this.spanFrom(start), specifiers, declarators }));
        }
      }
    ]);
  });
  // init-declarator = declarator asm-label? attribute-specifier* ("=" initializer)?  (C11 6.7)
  initDeclarator = this.RULE("initDeclarator", (specs) => {
    const d = this.SUBRULE(this.declaratorWithExtras, { ARGS: [specs] });
    let init;
    this.OPTION(() => {
      this.CONSUME(Assign);
      init = this.SUBRULE(this.initializer);
    });
    return this.ACTION(() => this.makeInitDeclarator(d, init));
  });
  /** The declarator part of an init-declarator; the name is in scope from here on (C11 6.2.1p7). */
  declaratorWithExtras = this.RULE("declaratorWithExtras", (specs) => {
    const start = this.LA(1);
    const declarator = this.SUBRULE(this.declarator, { ARGS: ["named"] });
    let asmLabel;
    this.OPTION(() => asmLabel = this.SUBRULE(this.asmLabel));
    const attributes = this.SUBRULE(this.attributeSpecifiers);
    return this.ACTION(() => {
      const name = declaratorName(declarator);
      if (name !== void 0) this.st.scopes.declare(name, specs.storage.includes("typedef"));
      const out = { declarator, attributes, start };
      if (asmLabel !== void 0) out.asmLabel = asmLabel;
      return out;
    });
  });
  makeInitDeclarator(d, init) {
    const node = { kind: "InitDeclarator", span: this.spanFrom(d.start), declarator: d.declarator, attributes: d.attributes };
    if (init) node.init = init;
    if (d.asmLabel !== void 0) node.asmLabel = d.asmLabel;
    return node;
  }
  // compound-statement = "{" block-item* "}"  (C11 6.8.2)
  compoundStatement = this.RULE("compoundStatement", () => {
    const start = this.CONSUME(LBrace);
    const items = [];
    this.st.scopes.push();
    try {
      for (; ; ) {
        this.MANY(() => {
          const itemStart = this.nextIndex();
          try {
            const item = this.SUBRULE(this.blockItem);
            this.ACTION(() => item && items.push(item));
          } catch (e) {
            this.recover(e, itemStart);
          }
        });
        if (this.RECORDING_PHASE || this.la(1, RBrace) || this.LA(1).tokenType === EOF) break;
        this.report("E2001", `expected statement, saw '${this.LA(1).image}'`, this.LA(1));
        this.SKIP_TOKEN();
      }
    } finally {
      this.st.scopes.pop();
    }
    this.CONSUME(RBrace, { ERR_MSG: "expected '}'" });
    return this.ACTION(() => ({ kind: "CompoundStmt", span: this.spanFrom(start), items }));
  });
  /** After a syntax error in the construct that began at token index `startIndex`: report, skip its rest. */
  recover(e, startIndex) {
    if (!isRecognitionException(e)) throw e;
    this.recordSyntaxError(e);
    this.resync(startIndex);
  }
  // block-item = declaration | statement  (C11 6.8.2)
  blockItem = this.RULE(
    "blockItem",
    () => this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => this.startsDeclaration(), ALT: () => this.SUBRULE(this.declaration) },
        {
          // `u32 x ...` with no typedef u32 in scope: two identifiers in a row cannot start a
          // statement. Report the unknown type once, then treat it as a typedef name so the
          // rest of the block parses without follow-on errors.
          GATE: () => this.la(1, Identifier) && this.la(2, Identifier),
          ALT: () => {
            this.ACTION(() => {
              const t = this.LA(1);
              this.report("E2008", `unknown type name '${t.image}'`, t);
              this.st.scopes.declare(t.image, true);
            });
            return this.SUBRULE2(this.declaration);
          }
        },
        { ALT: () => this.SUBRULE(this.statement) }
      ]
    })
  );
  // statement = labeled-statement | compound-statement | expression-statement | selection-statement
  //   | iteration-statement | jump-statement | asm-statement | attribute-specifier+ statement  (C11 6.8)
  statement = this.RULE("statement", () => {
    this.enter();
    try {
      return this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { GATE: () => this.la(1, Identifier) && this.la(2, Colon), ALT: () => this.SUBRULE(this.labeledStatement) },
          { ALT: () => this.SUBRULE(this.caseStatement) },
          { ALT: () => this.SUBRULE(this.compoundStatement) },
          { ALT: () => this.SUBRULE(this.selectionStatement) },
          { ALT: () => this.SUBRULE(this.iterationStatement) },
          { ALT: () => this.SUBRULE(this.jumpStatement) },
          { ALT: () => this.SUBRULE(this.asmStatement) },
          {
            // Statement attributes (`__attribute__((fallthrough));`) carry nothing ebcc uses.
            ALT: () => {
              const start = this.LA(1);
              this.AT_LEAST_ONE(() => this.SUBRULE(this.attributeSpecifier));
              return this.OR2({
                IGNORE_AMBIGUITIES: true,
                DEF: [
                  { ALT: () => (this.CONSUME(Semicolon), this.ACTION(() => ({ kind: "ExprStmt", span: this.spanFrom(start) }))) },
                  { ALT: () => this.SUBRULE2(this.statement) }
                ]
              });
            }
          },
          { ALT: () => this.SUBRULE(this.expressionStatement) }
        ]
      });
    } finally {
      this.leave();
    }
  });
  // labeled-statement = identifier ":" attribute-specifier* statement  (C11 6.8.1)
  labeledStatement = this.RULE("labeledStatement", () => {
    const label = this.CONSUME(Identifier);
    this.CONSUME(Colon);
    this.SUBRULE(this.attributeSpecifiers);
    const body = this.SUBRULE(this.statement);
    return this.ACTION(() => ({ kind: "LabeledStmt", span: this.spanFrom(label), label: label.image, body }));
  });
  // case-statement = "case" constant-expression ("..." constant-expression)? ":" statement
  //   | "default" ":" statement  (C11 6.8.1; ranges are GNU)
  caseStatement = this.RULE("caseStatement", () => {
    const start = this.LA(1);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(Case);
          const value = this.SUBRULE(this.constantExpression);
          let hi;
          this.OPTION(() => {
            this.CONSUME(Ellipsis);
            hi = this.SUBRULE2(this.constantExpression);
          });
          this.CONSUME(Colon, { ERR_MSG: "expected ':' after 'case'" });
          const body = this.SUBRULE(this.statement);
          return this.ACTION(() => {
            const node = { kind: "CaseStmt", span: this.spanFrom(start), value, body };
            if (hi) node.hi = hi;
            return node;
          });
        }
      },
      {
        ALT: () => {
          this.CONSUME(Default);
          this.CONSUME2(Colon, { ERR_MSG: "expected ':' after 'default'" });
          const body = this.SUBRULE2(this.statement);
          return this.ACTION(() => ({ kind: "DefaultStmt", span: this.spanFrom(start), body }));
        }
      }
    ]);
  });
  // expression-statement = expression? ";"  (C11 6.8.3)
  expressionStatement = this.RULE("expressionStatement", () => {
    const start = this.LA(1);
    let expr;
    this.OPTION(() => expr = this.SUBRULE(this.expression));
    this.CONSUME(Semicolon, { ERR_MSG: "expected ';' after expression" });
    return this.ACTION(() => {
      const node = { kind: "ExprStmt", span: this.spanFrom(start) };
      if (expr) node.expr = expr;
      return node;
    });
  });
  // selection-statement = "if" "(" expression ")" statement ("else" statement)?
  //   | "switch" "(" expression ")" statement  (C11 6.8.4)
  selectionStatement = this.RULE("selectionStatement", () => {
    const start = this.LA(1);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(If);
          const cond = this.SUBRULE(this.parenExpression);
          const then = this.SUBRULE(this.statement);
          let otherwise;
          this.OPTION(() => {
            this.CONSUME(Else);
            otherwise = this.SUBRULE2(this.statement);
          });
          return this.ACTION(() => {
            const node = { kind: "IfStmt", span: this.spanFrom(start), cond, then };
            if (otherwise) node.else = otherwise;
            return node;
          });
        }
      },
      {
        ALT: () => {
          this.CONSUME(Switch);
          const cond = this.SUBRULE2(this.parenExpression);
          const body = this.SUBRULE3(this.statement);
          return this.ACTION(() => ({ kind: "SwitchStmt", span: this.spanFrom(start), cond, body }));
        }
      }
    ]);
  });
  // "(" expression ")"
  parenExpression = this.RULE("parenExpression", () => {
    this.CONSUME(LParen, { ERR_MSG: "expected '('" });
    const e = this.SUBRULE(this.expression);
    this.CONSUME(RParen, { ERR_MSG: "expected ')'" });
    return e;
  });
  // iteration-statement = "while" "(" expression ")" statement | "do" statement "while" "(" expression ")" ";"
  //   | "for" "(" (declaration | expression? ";") expression? ";" expression? ")" statement  (C11 6.8.5)
  // Loop pragmas (#pragma unroll) written just before the keyword are attached.
  iterationStatement = this.RULE("iterationStatement", () => {
    const start = this.LA(1);
    const pragmas = this.ACTION(() => this.pragmasAt(start));
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(While);
          const cond = this.SUBRULE(this.parenExpression);
          const body = this.SUBRULE(this.statement);
          return this.ACTION(() => ({ kind: "WhileStmt", span: this.spanFrom(start), cond, body, pragmas }));
        }
      },
      {
        ALT: () => {
          this.CONSUME(Do);
          const body = this.SUBRULE2(this.statement);
          this.CONSUME2(While, { ERR_MSG: "expected 'while' in do/while loop" });
          const cond = this.SUBRULE2(this.parenExpression);
          this.CONSUME(Semicolon, { ERR_MSG: "expected ';' after do/while statement" });
          return this.ACTION(() => ({ kind: "DoWhileStmt", span: this.spanFrom(start), body, cond, pragmas }));
        }
      },
      { ALT: () => this.SUBRULE(this.forStatement, { ARGS: [pragmas] }) }
    ]);
  });
  forStatement = this.RULE("forStatement", (pragmas) => {
    const start = this.CONSUME(For);
    this.CONSUME(LParen, { ERR_MSG: "expected '(' after 'for'" });
    this.st.scopes.push();
    let init;
    let cond;
    let step2;
    try {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          {
            GATE: () => this.startsDeclaration(),
            ALT: () => {
              const declStart = this.LA(1);
              const d = this.SUBRULE(this.declaration);
              this.ACTION(() => d.kind === "Declaration" ? init = d : this.report("E2001", "expected expression or declaration in for loop, saw static assertion", declStart));
            }
          },
          {
            ALT: () => {
              this.OPTION(() => init = this.SUBRULE(this.expression));
              this.CONSUME(Semicolon, { ERR_MSG: "expected ';' in 'for' statement specifier" });
            }
          }
        ]
      });
      this.OPTION2(() => cond = this.SUBRULE2(this.expression));
      this.CONSUME2(Semicolon, { ERR_MSG: "expected ';' in 'for' statement specifier" });
      this.OPTION3(() => step2 = this.SUBRULE3(this.expression));
      this.CONSUME(RParen, { ERR_MSG: "expected ')'" });
      const body = this.SUBRULE(this.statement);
      return this.ACTION(() => {
        const node = { kind: "ForStmt", span: this.spanFrom(start), body, pragmas: pragmas ?? [] };
        if (init) node.init = init;
        if (cond) node.cond = cond;
        if (step2) node.step = step2;
        return node;
      });
    } finally {
      this.st.scopes.pop();
    }
  });
  // jump-statement = "goto" identifier ";" | "continue" ";" | "break" ";" | "return" expression? ";"  (C11 6.8.6)
  jumpStatement = this.RULE("jumpStatement", () => {
    const start = this.LA(1);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(Goto);
          const label = this.CONSUME(Identifier);
          this.CONSUME(Semicolon, { ERR_MSG: "expected ';' after goto statement" });
          return this.ACTION(() => ({ kind: "GotoStmt", span: this.spanFrom(start), label: label.image }));
        }
      },
      {
        ALT: () => {
          this.CONSUME(Continue);
          this.CONSUME2(Semicolon, { ERR_MSG: "expected ';' after continue statement" });
          return this.ACTION(() => ({ kind: "ContinueStmt", span: this.spanFrom(start) }));
        }
      },
      {
        ALT: () => {
          this.CONSUME(Break);
          this.CONSUME3(Semicolon, { ERR_MSG: "expected ';' after break statement" });
          return this.ACTION(() => ({ kind: "BreakStmt", span: this.spanFrom(start) }));
        }
      },
      {
        ALT: () => {
          this.CONSUME(Return);
          let expr;
          this.OPTION(() => expr = this.SUBRULE(this.expression));
          this.CONSUME4(Semicolon, { ERR_MSG: "expected ';' after return statement" });
          return this.ACTION(() => expr ? { kind: "ReturnStmt", span: this.spanFrom(start), expr } : { kind: "ReturnStmt", span: this.spanFrom(start) });
        }
      }
    ]);
  });
  // asm-statement = "asm" ("volatile" | "inline" | "goto")* "(" string-literal+
  //   (":" asm-operands? (":" asm-operands? (":" asm-clobbers? (":" asm-labels?)?)?)?)? ")" ";"  (GNU)
  asmStatement = this.RULE("asmStatement", () => {
    const start = this.CONSUME(Asm);
    let isVolatile = false;
    this.MANY(
      () => this.OR([
        { ALT: () => {
          this.CONSUME(Volatile);
          isVolatile = true;
        } },
        { ALT: () => this.CONSUME(Inline) },
        { ALT: () => this.CONSUME(Goto) }
      ])
    );
    this.CONSUME(LParen);
    const template = this.SUBRULE(this.stringLiteral);
    let outputs = [];
    let inputs = [];
    const clobbers2 = [];
    this.OPTION(() => {
      this.CONSUME(Colon);
      outputs = this.SUBRULE(this.asmOperands);
      this.OPTION2(() => {
        this.CONSUME2(Colon);
        inputs = this.SUBRULE2(this.asmOperands);
        this.OPTION3(() => {
          this.CONSUME3(Colon);
          this.OPTION4(() => {
            clobbers2.push(this.SUBRULE2(this.stringLiteral).value);
            this.MANY2(() => {
              this.CONSUME(Comma);
              clobbers2.push(this.SUBRULE3(this.stringLiteral).value);
            });
          });
          this.OPTION5(() => {
            this.CONSUME4(Colon);
            this.MANY3(() => this.OR2([{ ALT: () => this.CONSUME(Identifier) }, { ALT: () => this.CONSUME2(Comma) }]));
          });
        });
      });
    });
    this.CONSUME(RParen);
    this.CONSUME(Semicolon, { ERR_MSG: "expected ';' after asm statement" });
    return this.ACTION(() => ({ kind: "AsmStmt", span: this.spanFrom(start), volatile: isVolatile, template: template.value, outputs, inputs, clobbers: clobbers2 }));
  });
  // asm-operands = asm-operand ("," asm-operand)*; asm-operand = ("[" identifier "]")? string-literal "(" expression ")"
  asmOperands = this.RULE("asmOperands", () => {
    const list = [];
    this.OPTION(() => {
      list.push(this.SUBRULE(this.asmOperand));
      this.MANY(() => {
        this.CONSUME(Comma);
        list.push(this.SUBRULE2(this.asmOperand));
      });
    });
    return list;
  });
  asmOperand = this.RULE("asmOperand", () => {
    const start = this.LA(1);
    this.OPTION(() => {
      this.CONSUME(LBracket);
      this.CONSUME(Identifier);
      this.CONSUME(RBracket);
    });
    const constraint = this.SUBRULE(this.stringLiteral);
    this.CONSUME(LParen);
    const expr = this.SUBRULE(this.expression);
    this.CONSUME(RParen);
    return this.ACTION(() => ({ span: this.spanFrom(start), constraint: constraint.value, expr }));
  });
};

// src/parse/unit-rules.ts
function innermostFunction(d) {
  let found;
  for (let cur = d; cur.kind !== "IdentDeclarator"; cur = cur.inner) if (cur.kind === "FunctionDeclarator") found = cur;
  return found;
}
var CParser = class extends StmtParser {
  // translation-unit = external-declaration*  (C11 6.9)
  translationUnit = this.RULE("translationUnit", () => {
    for (; ; ) {
      this.MANY(() => {
        const start = this.nextIndex();
        try {
          const item = this.SUBRULE(this.externalDeclaration);
          this.ACTION(() => item && this.st.items.push(item));
        } catch (e) {
          this.recover(e, start);
        }
      });
      if (this.RECORDING_PHASE || this.LA(1).tokenType === EOF) break;
      this.report("E2001", `expected a declaration, saw '${this.LA(1).image}'`, this.LA(1));
      this.SKIP_TOKEN();
    }
  });
  // external-declaration = function-definition | declaration | asm-declaration | ";"  (C11 6.9; asm and ';' are GNU)
  // function-definition = declaration-specifiers declarator attribute-specifier* compound-statement  (C11 6.9.1)
  externalDeclaration = this.RULE("externalDeclaration", () => {
    const start = this.LA(1);
    return this.OR([
      { ALT: () => this.SUBRULE(this.staticAssertDeclaration) },
      { ALT: () => (this.CONSUME(Semicolon), this.ACTION(() => ({ kind: "EmptyDecl", span: this.spanFrom(start) }))) },
      {
        ALT: () => {
          this.CONSUME(Asm);
          this.CONSUME(LParen);
          const text = this.SUBRULE(this.stringLiteral);
          this.CONSUME(RParen);
          this.CONSUME2(Semicolon, { ERR_MSG: "expected ';' after top-level asm block" });
          return this.ACTION(() => ({ kind: "TopLevelAsm", span: this.spanFrom(start), text: text.value }));
        }
      },
      {
        ALT: () => {
          const specifiers = this.SUBRULE(this.declarationSpecifiers);
          return this.OR2({
            ERR_MSG: "identifier or '('",
            DEF: [
              {
                ALT: () => {
                  this.CONSUME3(Semicolon);
                  return this.ACTION(() => ({ kind: "Declaration", span: this.spanFrom(start), specifiers, declarators: [] }));
                }
              },
              { ALT: () => this.SUBRULE(this.declarationOrDefinition, { ARGS: [specifiers, start] }) }
            ]
          });
        }
      }
    ]);
  });
  /** After the specifiers: a function definition if a '{' follows the first function declarator, else a declaration. */
  declarationOrDefinition = this.RULE("declarationOrDefinition", (specifiers, start) => {
    const first2 = this.SUBRULE(this.declaratorWithExtras, { ARGS: [specifiers] });
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      ERR_MSG: "';' after top level declarator",
      DEF: [
        {
          GATE: () => this.la(1, LBrace),
          ALT: () => {
            this.st.scopes.push();
            try {
              this.ACTION(() => {
                for (const p of innermostFunction(first2.declarator)?.params ?? []) {
                  const name = declaratorName(p.declarator);
                  if (name !== void 0) this.st.scopes.declare(name, false);
                }
              });
              const body = this.SUBRULE(this.compoundStatement);
              return this.ACTION(() => {
                if (!innermostFunction(first2.declarator)) {
                  this.report("E2001", "expected ';' after top level declarator, saw '{'", start);
                }
                return { kind: "FunctionDef", span: this.spanFrom(start), specifiers, declarator: first2.declarator, attributes: first2.attributes, body };
              });
            } finally {
              this.st.scopes.pop();
            }
          }
        },
        { ALT: () => this.SUBRULE(this.declarationRest, { ARGS: [specifiers, start, first2] }) }
      ]
    });
  });
  // the rest of a declaration whose first declarator is parsed: ("=" initializer)? ("," init-declarator)* ";"
  declarationRest = this.RULE("declarationRest", (specifiers, start, first2) => {
    let init;
    this.OPTION(() => {
      this.CONSUME(Assign);
      init = this.SUBRULE(this.initializer);
    });
    const declarators = [];
    this.ACTION(() => declarators.push(this.makeInitDeclarator(first2, init)));
    this.MANY(() => {
      this.CONSUME(Comma);
      declarators.push(this.SUBRULE(this.initDeclarator, { ARGS: [specifiers] }));
    });
    this.CONSUME(Semicolon, { ERR_MSG: "expected ';' after top level declarator" });
    return this.ACTION(() => ({ kind: "Declaration", span: this.spanFrom(start), specifiers, declarators }));
  });
  constructor(validate = false) {
    super(validate);
    this.performSelfAnalysis();
  }
};

// src/parse/parse.ts
var sharedParser;
function getParser() {
  sharedParser ??= new CParser();
  return sharedParser;
}
function parse(tokens, ctx) {
  const parser = getParser();
  const { tokens: ctokens, pragmasBefore } = toParserTokens(tokens);
  const state = new ParseState(ctokens, pragmasBefore);
  parser.input = ctokens;
  parser.useState(state);
  try {
    parser.translationUnit();
  } catch (e) {
    const tooDeep = e instanceof NestingTooDeep || e instanceof RangeError;
    if (!tooDeep) throw e;
    const tok = e instanceof NestingTooDeep ? e.token : parser.currentToken();
    state.diagnostics.push({
      code: "E2002",
      message: (e instanceof NestingTooDeep ? e.detail : void 0) ?? `nesting too deep: more than ${MAX_NESTING_DEPTH} levels of parentheses, braces, brackets or declarators`,
      span: tok.src?.span ?? tokens[tokens.length - 1].span
    });
  }
  for (const d of state.diagnostics) {
    ctx.diags.error(d.code, d.message, d.span, d.expansion ? { expansion: d.expansion } : {});
  }
  const first2 = tokens[0]?.span ?? { file: 0, start: 0, end: 0 };
  const last2 = tokens[tokens.length - 1]?.span ?? first2;
  const span = { file: first2.file, start: 0, end: last2.file === first2.file ? last2.end : first2.end };
  return { kind: "TranslationUnit", span, items: state.items };
}

// src/diag/diagnostic.ts
var Diagnostics = class {
  /** After this many errors, further errors are dropped. */
  constructor(errorLimit = 100) {
    this.errorLimit = errorLimit;
  }
  errorLimit;
  list = [];
  report(severity, code, message, span, opts = {}) {
    const d = { severity, code, message, span, notes: opts.notes ?? [], expansion: opts.expansion };
    if (severity === "error" && this.errorCount >= this.errorLimit) return d;
    this.list.push(d);
    return d;
  }
  error(code, message, span, opts) {
    return this.report("error", code, message, span, opts);
  }
  warning(code, message, span, opts) {
    return this.report("warning", code, message, span, opts);
  }
  get errorCount() {
    let n = 0;
    for (const d of this.list) if (d.severity === "error") n++;
    return n;
  }
  hasErrors() {
    return this.list.some((d) => d.severity === "error");
  }
};

// src/pp/lexer.ts
var PUNCTUATORS = [
  "%:%:",
  "...",
  "<<=",
  ">>=",
  "->",
  "++",
  "--",
  "<<",
  ">>",
  "<=",
  ">=",
  "==",
  "!=",
  "&&",
  "||",
  "*=",
  "/=",
  "%=",
  "+=",
  "-=",
  "&=",
  "^=",
  "|=",
  "##",
  "<:",
  ":>",
  "<%",
  "%>",
  "%:"
];
var DIGRAPHS = { "<:": "[", ":>": "]", "<%": "{", "%>": "}", "%:": "#", "%:%:": "##" };
function removeSplices(raw) {
  if (!/\\\r?\n/.test(raw)) return { text: raw };
  const chars = [];
  const offsets = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === "\\" && raw[i + 1] === "\n") {
      i += 1;
      continue;
    }
    if (raw[i] === "\\" && raw[i + 1] === "\r" && raw[i + 2] === "\n") {
      i += 2;
      continue;
    }
    chars.push(raw[i]);
    offsets.push(i);
  }
  offsets.push(raw.length);
  return { text: chars.join(""), rawOffset: Int32Array.from(offsets) };
}
function isIdentStart(c) {
  return c >= "a" && c <= "z" || c >= "A" && c <= "Z" || c === "_" || c === "$" || c.charCodeAt(0) >= 128;
}
function isIdentChar(c) {
  return isIdentStart(c) || c >= "0" && c <= "9";
}
function isDigit(c) {
  return c !== void 0 && c >= "0" && c <= "9";
}
function lexFile(file, diags) {
  const { text, rawOffset } = removeSplices(file.text);
  const tokens = [];
  const raw = (i) => rawOffset ? rawOffset[i] : i;
  const spanOf = (start, end) => ({
    file: file.id,
    start: raw(start),
    end: end > start ? raw(end - 1) + 1 : raw(start)
  });
  let pos = text.charCodeAt(0) === 65279 ? 1 : 0;
  let lineStart = true;
  let spaceBefore = false;
  const push3 = (kind, start, end, spelling) => {
    tokens.push({ kind, text: spelling ?? text.slice(start, end), span: spanOf(start, end), spaceBefore, lineStart });
    lineStart = false;
    spaceBefore = false;
  };
  while (pos < text.length) {
    const c = text[pos];
    if (c === "\n") {
      lineStart = true;
      spaceBefore = false;
      pos++;
      continue;
    }
    if (c === " " || c === "	" || c === "\r" || c === "\v" || c === "\f") {
      spaceBefore = true;
      pos++;
      continue;
    }
    if (c === "/" && text[pos + 1] === "/") {
      while (pos < text.length && text[pos] !== "\n") pos++;
      spaceBefore = true;
      continue;
    }
    if (c === "/" && text[pos + 1] === "*") {
      const close = text.indexOf("*/", pos + 2);
      if (close < 0) {
        diags.error("E1001", "unterminated /* comment", spanOf(pos, pos + 2));
        pos = text.length;
        break;
      }
      pos = close + 2;
      spaceBefore = true;
      continue;
    }
    if (isDigit(c) || c === "." && isDigit(text[pos + 1])) {
      const start = pos;
      pos++;
      while (pos < text.length) {
        const d = text[pos];
        if ((d === "+" || d === "-") && "eEpP".includes(text[pos - 1])) pos++;
        else if (isIdentChar(d) || d === ".") pos++;
        else break;
      }
      push3("number", start, pos);
      continue;
    }
    const prefix = literalPrefixLength(text, pos);
    if (prefix >= 0) {
      const start = pos;
      const quote2 = text[pos + prefix];
      const body = scanLiteralBody(text, pos + prefix + 1, quote2);
      pos = body.end;
      if (!body.closed) {
        const what = quote2 === '"' ? "string literal" : "character constant";
        diags.error("E1002", `missing terminating ${quote2} character: unterminated ${what}`, spanOf(start, pos));
      }
      push3(quote2 === '"' ? "string" : "char", start, pos);
      continue;
    }
    if (isIdentStart(c)) {
      const start = pos;
      while (pos < text.length && isIdentChar(text[pos])) pos++;
      push3("ident", start, pos);
      continue;
    }
    const punct2 = PUNCTUATORS.find((p) => text.startsWith(p, pos));
    if (punct2 !== void 0) {
      push3("punct", pos, pos + punct2.length, DIGRAPHS[punct2] ?? punct2);
      pos += punct2.length;
      continue;
    }
    push3("punct", pos, pos + 1);
    pos++;
  }
  tokens.push({ kind: "eof", text: "", span: spanOf(text.length, text.length), spaceBefore, lineStart: true });
  return tokens;
}
function literalPrefixLength(text, pos) {
  const isQuote = (c2) => c2 === '"' || c2 === "'";
  const c = text[pos];
  if (isQuote(c)) return 0;
  if ((c === "L" || c === "U" || c === "u") && isQuote(text[pos + 1])) return 1;
  if (c === "u" && text[pos + 1] === "8" && isQuote(text[pos + 2])) return 2;
  return -1;
}
function scanLiteralBody(text, pos, quote2) {
  while (pos < text.length) {
    const c = text[pos];
    if (c === "\n") return { end: pos, closed: false };
    if (c === "\\" && pos + 1 < text.length && text[pos + 1] !== "\n") {
      pos += 2;
      continue;
    }
    pos++;
    if (c === quote2) return { end: pos, closed: true };
  }
  return { end: pos, closed: false };
}

// src/pp/pragma.ts
function handlePragma(pp, body, span, expansion) {
  const first2 = body[0]?.text;
  if (first2 === "once" && body.length === 1) {
    const file = pp.files[pp.files.length - 1];
    if (file) pp.onceFiles.add(file.file.path);
    return void 0;
  }
  if ((first2 === "push_macro" || first2 === "pop_macro") && isMacroNameOperand(body)) {
    const name = destringize(body[2].text);
    const saved = pp.pushedMacros.get(name) ?? [];
    if (first2 === "push_macro") {
      saved.push(pp.macros.get(name));
      pp.pushedMacros.set(name, saved);
    } else if (saved.length > 0) {
      const macro = saved.pop();
      if (macro) pp.macros.set(name, macro);
      else pp.macros.delete(name);
    }
    return void 0;
  }
  if (first2 === "GCC") return void 0;
  if (first2 === "clang" && body[1]?.text === "diagnostic") return void 0;
  if (body.length === 0) return void 0;
  return { kind: "pragma", text: spellTokens(body), span, expansion, spaceBefore: false, lineStart: true };
}
function isMacroNameOperand(body) {
  return body.length === 4 && body[1].text === "(" && body[2].kind === "string" && body[3].text === ")";
}
function spellTokens(tokens) {
  let text = "";
  tokens.forEach((t, i) => {
    if (i > 0 && (t.spaceBefore || t.lineStart)) text += " ";
    text += t.text;
  });
  return text;
}
function destringize(literal) {
  const body = literal.slice(literal.indexOf('"') + 1, -1);
  return body.replace(/\\(["\\])/g, "$1");
}

// src/pp/state.ts
var MAX_INCLUDE_DEPTH = 200;
var MAX_EXPANSION_DEPTH = 256;
var MAX_TOKENS = 1e6;
function copyToken(tok, changes) {
  return { ...tok, ...changes };
}
function makeEof(span) {
  return { kind: "eof", text: "", span, spaceBefore: false, lineStart: true };
}
function chargeTokens(pp, count, at, expansion) {
  pp.tokenCount += count;
  if (pp.tokenCount <= MAX_TOKENS || pp.stopped) return !pp.stopped;
  pp.ctx.diags.error(
    "E1014",
    `macro expansion produced more than ${MAX_TOKENS} tokens; preprocessing stopped`,
    at,
    { expansion }
  );
  pp.stopped = true;
  return false;
}
function presumedLocation(pp, span) {
  const sources = pp.ctx.sources;
  if (span.file < 0) return { path: "<built-in>", line: 1 };
  const line = sources.lineCol(span.file, span.start).line;
  let path = sources.get(span.file).path;
  let presumed = line;
  for (const mark of pp.lineMarks.get(span.file) ?? []) {
    if (mark.fromLine > line) break;
    presumed = mark.line + (line - mark.fromLine);
    path = mark.path;
  }
  return { path, line: presumed };
}
function useSpan(tok) {
  let exp = tok.expansion;
  if (!exp) return tok.span;
  while (exp.parent) exp = exp.parent;
  return exp.use;
}

// src/pp/builtin-macros.ts
var FIXED_DATE = '"Jan  1 1970"';
var FIXED_TIME = '"00:00:00"';
var FIXED_TIMESTAMP = '"Thu Jan  1 00:00:00 1970"';
var BUILTIN_MACRO_NAMES = /* @__PURE__ */ new Set([
  "defined",
  "__FILE__",
  "__FILE_NAME__",
  "__LINE__",
  "__COUNTER__",
  "__INCLUDE_LEVEL__",
  "__BASE_FILE__",
  "__DATE__",
  "__TIME__",
  "__TIMESTAMP__",
  "_Pragma",
  "__has_include",
  "__has_include_next",
  "__has_builtin",
  "__has_attribute",
  "__has_feature",
  "__has_extension"
]);
var HAS_OPERATORS = /* @__PURE__ */ new Set([
  "__has_include",
  "__has_include_next",
  "__has_builtin",
  "__has_attribute",
  "__has_feature",
  "__has_extension"
]);
function isBuiltinMacroDefined(name) {
  return BUILTIN_MACRO_NAMES.has(name) && name !== "defined";
}
function expandBuiltinMacro(pp, src, tok) {
  const make2 = (kind, text) => [
    {
      kind,
      text,
      span: tok.span,
      expansion: { macro: tok.text, use: tok.span, parent: tok.expansion },
      spaceBefore: tok.spaceBefore,
      lineStart: tok.lineStart,
      hideset: tok.hideset
    }
  ];
  switch (tok.text) {
    case "__FILE__":
      return make2("string", quote(presumedLocation(pp, useSpan(tok)).path));
    case "__FILE_NAME__": {
      const path = presumedLocation(pp, useSpan(tok)).path;
      return make2("string", quote(path.slice(path.lastIndexOf("/") + 1)));
    }
    case "__LINE__": {
      const use = useSpan(tok);
      const at = tok.expansion ? { ...use, start: Math.max(use.start, use.end - 1) } : use;
      return make2("number", String(presumedLocation(pp, at).line));
    }
    case "__COUNTER__":
      return make2("number", String(pp.counter++));
    case "__INCLUDE_LEVEL__":
      return make2("number", String(Math.max(0, pp.files.length - 1)));
    case "__BASE_FILE__":
      return make2("string", quote(pp.baseFile));
    case "__DATE__":
      return make2("string", FIXED_DATE);
    case "__TIME__":
      return make2("string", FIXED_TIME);
    case "__TIMESTAMP__":
      return make2("string", FIXED_TIMESTAMP);
    case "_Pragma":
      return expandPragmaOperator(pp, src, tok);
    default:
      return void 0;
  }
}
function quote(text) {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
function expandPragmaOperator(pp, src, tok) {
  const read = [];
  const expect = (ok) => {
    const t = src.next();
    read.push(t);
    return ok(t) ? t : void 0;
  };
  const lparen = expect((t) => t.kind === "punct" && t.text === "(");
  const literal = lparen && expect((t) => t.kind === "string");
  const rparen = literal && expect((t) => t.kind === "punct" && t.text === ")");
  if (!literal || !rparen) {
    const seen = read[read.length - 1];
    pp.ctx.diags.error("E1025", `_Pragma takes a parenthesized string literal, but saw '${seen.text || "end of file"}'`, tok.span, {
      expansion: tok.expansion
    });
    if (!lparen) {
      for (let i = read.length - 1; i >= 0; i--) src.unread(read[i]);
      return [];
    }
    let depth = 1;
    for (const t of read.slice(1)) depth += parenDelta(t);
    while (depth > 0) {
      const t = src.next();
      if (t.kind === "eof") {
        src.unread(t);
        break;
      }
      depth += parenDelta(t);
    }
    return [];
  }
  const text = destringize(literal.text);
  const body = lexFile({ id: -1, path: "<_Pragma>", text, lineStarts: [0] }, new Diagnostics());
  body.pop();
  const expansion = { macro: "_Pragma", use: tok.span, parent: tok.expansion };
  const pragma = handlePragma(pp, body, literal.span, expansion);
  return pragma ? [pragma] : [];
}
function parenDelta(t) {
  if (t.kind !== "punct") return 0;
  return t.text === "(" ? 1 : t.text === ")" ? -1 : 0;
}

// src/pp/features.ts
var SUPPORTED_BUILTINS = /* @__PURE__ */ new Set([
  "__builtin_memcpy",
  "__builtin_memset",
  "__builtin_memcmp",
  "__builtin_memmove",
  "__builtin_bswap16",
  "__builtin_bswap32",
  "__builtin_bswap64",
  "__builtin_expect",
  "__builtin_constant_p",
  "__builtin_offsetof",
  "__builtin_types_compatible_p",
  "__builtin_choose_expr",
  "__builtin_preserve_access_index",
  "__builtin_unreachable",
  "__sync_fetch_and_add",
  "__sync_fetch_and_sub",
  "__sync_fetch_and_or",
  "__sync_fetch_and_and",
  "__sync_fetch_and_xor",
  "__sync_val_compare_and_swap",
  "__sync_lock_test_and_set",
  "__atomic_fetch_add",
  "__atomic_fetch_sub",
  "__atomic_fetch_or",
  "__atomic_fetch_and",
  "__atomic_fetch_xor",
  "__atomic_exchange_n",
  "__atomic_compare_exchange_n",
  "__atomic_load_n",
  "__atomic_store_n"
]);
var SUPPORTED_ATTRIBUTES = /* @__PURE__ */ new Set([
  "section",
  "always_inline",
  "noinline",
  "packed",
  "aligned",
  "unused",
  "maybe_unused",
  "used",
  "weak",
  "noreturn",
  "const",
  "pure",
  "format",
  "deprecated",
  "preserve_access_index",
  "btf_decl_tag",
  "btf_type_tag",
  "warn_unused_result",
  "fallthrough"
]);
var SUPPORTED_FEATURES = /* @__PURE__ */ new Set();
function normalizeAttributeName2(name) {
  return name.length > 4 && name.startsWith("__") && name.endsWith("__") ? name.slice(2, -2) : name;
}

// src/pp/if-expr.ts
var MAX_NESTING = 256;
var signed2 = (value) => ({ value: BigInt.asIntN(64, value), unsigned: false });
var unsigned = (value) => ({ value: BigInt.asUintN(64, value), unsigned: true });
var make = (value, isUnsigned) => isUnsigned ? unsigned(value) : signed2(value);
var truth = (b) => signed2(b ? 1n : 0n);
var BINARY_LEVELS = [
  ["||"],
  ["&&"],
  ["|"],
  ["^"],
  ["&"],
  ["==", "!="],
  ["<", ">", "<=", ">="],
  ["<<", ">>"],
  ["+", "-"],
  ["*", "/", "%"]
];
function evaluateIfExpression(tokens, directive, diags) {
  if (tokens.length === 0) {
    diags.error("E1017", `#${directive.text} with no expression`, directive.span, { expansion: directive.expansion });
    return false;
  }
  const last2 = tokens[tokens.length - 1];
  const endSpan = { file: last2.span.file, start: last2.span.end, end: last2.span.end };
  const parser = new IfExpressionParser(tokens, endSpan, last2.expansion, diags);
  const result = parser.expression(true);
  if (!parser.failed && parser.pos < tokens.length) {
    parser.fail(`expected end of #${directive.text} expression, saw '${tokens[parser.pos].text}'`);
  }
  return !parser.failed && result.value !== 0n;
}
var IfExpressionParser = class {
  constructor(tokens, endSpan, endExpansion, diags) {
    this.tokens = tokens;
    this.endSpan = endSpan;
    this.endExpansion = endExpansion;
    this.diags = diags;
  }
  tokens;
  endSpan;
  endExpansion;
  diags;
  pos = 0;
  failed = false;
  depth = 0;
  fail(message, tok = this.tokens[this.pos]) {
    if (!this.failed) this.diags.error("E1017", message, tok?.span ?? this.endSpan, { expansion: tok ? tok.expansion : this.endExpansion });
    this.failed = true;
    this.pos = this.tokens.length;
    return signed2(0n);
  }
  peek() {
    const tok = this.tokens[this.pos];
    return tok?.kind === "punct" ? tok.text : void 0;
  }
  seen() {
    const tok = this.tokens[this.pos];
    return tok ? `'${tok.text}'` : "end of line";
  }
  // expression = conditional-expression ("," conditional-expression)*
  expression(live) {
    let v = this.conditional(live);
    while (this.peek() === ",") {
      this.pos++;
      v = this.conditional(live);
    }
    return v;
  }
  // conditional-expression = logical-or-expression ("?" expression ":" conditional-expression)?
  conditional(live) {
    if (++this.depth > MAX_NESTING) return this.fail("preprocessor expression nested too deeply");
    const v = this.conditionalInner(live);
    this.depth--;
    return v;
  }
  conditionalInner(live) {
    const cond = this.binary(0, live);
    if (this.peek() !== "?") return cond;
    this.pos++;
    const taken = cond.value !== 0n;
    const then = this.expression(live && taken);
    if (this.peek() !== ":") return this.fail(`expected ':' in conditional expression, saw ${this.seen()}`);
    this.pos++;
    const otherwise = this.conditional(live && !taken);
    const isUnsigned = then.unsigned || otherwise.unsigned;
    return make(taken ? then.value : otherwise.value, isUnsigned);
  }
  /** One precedence level of left-associative binary operators. */
  binary(level, live) {
    if (level === BINARY_LEVELS.length) return this.unary(live);
    const ops = BINARY_LEVELS[level];
    let lhs = this.binary(level + 1, live);
    for (; ; ) {
      const op = this.peek();
      if (op === void 0 || !ops.includes(op)) return lhs;
      const opTok = this.tokens[this.pos];
      this.pos++;
      const rhsLive = op === "&&" ? live && lhs.value !== 0n : op === "||" ? live && lhs.value === 0n : live;
      const rhs = this.binary(level + 1, rhsLive);
      lhs = this.apply(op, lhs, rhs, live, opTok);
    }
  }
  apply(op, a, b, live, opTok) {
    const u = a.unsigned || b.unsigned;
    const x = u ? BigInt.asUintN(64, a.value) : a.value;
    const y = u ? BigInt.asUintN(64, b.value) : b.value;
    switch (op) {
      case "||":
        return truth(a.value !== 0n || b.value !== 0n);
      case "&&":
        return truth(a.value !== 0n && b.value !== 0n);
      case "|":
        return make(x | y, u);
      case "^":
        return make(x ^ y, u);
      case "&":
        return make(x & y, u);
      case "==":
        return truth(x === y);
      case "!=":
        return truth(x !== y);
      case "<":
        return truth(x < y);
      case ">":
        return truth(x > y);
      case "<=":
        return truth(x <= y);
      case ">=":
        return truth(x >= y);
      case "<<":
        return shift(a, b.value, "left");
      case ">>":
        return shift(a, b.value, "right");
      case "+":
        return make(x + y, u);
      case "-":
        return make(x - y, u);
      case "*":
        return make(x * y, u);
      case "/":
      case "%":
        if (y === 0n) {
          if (live) this.diags.error("E1018", `${op === "/" ? "division" : "remainder"} by zero in preprocessor expression`, opTok.span, { expansion: opTok.expansion });
          return make(0n, u);
        }
        return make(op === "/" ? x / y : x % y, u);
      default:
        return this.fail(`'${op}' is not allowed in a preprocessor expression`, opTok);
    }
  }
  // unary-expression = ("+" | "-" | "~" | "!") unary-expression | primary
  unary(live) {
    if (++this.depth > MAX_NESTING) return this.fail("preprocessor expression nested too deeply");
    const v = this.unaryInner(live);
    this.depth--;
    return v;
  }
  unaryInner(live) {
    const op = this.peek();
    if (op === "+" || op === "-" || op === "~" || op === "!") {
      this.pos++;
      const v = this.unary(live);
      if (op === "+") return v;
      if (op === "-") return make(-v.value, v.unsigned);
      if (op === "~") return make(~v.value, v.unsigned);
      return truth(v.value === 0n);
    }
    return this.primary(live);
  }
  // primary = integer-constant | character-constant | identifier | "(" expression ")"
  primary(live) {
    const tok = this.tokens[this.pos];
    if (!tok) return this.fail(`expected a value in preprocessor expression, saw end of line`);
    this.pos++;
    switch (tok.kind) {
      case "number":
        return this.integerConstant(tok);
      case "char":
        return this.characterConstant(tok);
      case "ident":
        return signed2(0n);
      // an identifier that is not a macro (C11 6.10.1p4)
      case "punct":
        if (tok.text === "(") {
          const v = this.expression(live);
          if (this.peek() !== ")") return this.fail(`expected ')' in preprocessor expression, saw ${this.seen()}`);
          this.pos++;
          return v;
        }
        return this.fail(`expected a value in preprocessor expression, saw '${tok.text}'`, tok);
      case "string":
      case "pragma":
      case "eof":
        return this.fail(`expected a value in preprocessor expression, saw '${tok.text}'`, tok);
    }
  }
  integerConstant(tok) {
    const m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)(?:[uU](?:ll|LL|l|L)?|(?:ll|LL|l|L)[uU]?)?$/.exec(tok.text);
    if (!m) {
      const isFloat = /^[0-9.]/.test(tok.text) && /[.eEpP]/.test(tok.text) && !/^0[xX][0-9a-fA-F]*$/.test(tok.text);
      return this.fail(isFloat ? `floating constant '${tok.text}' in preprocessor expression` : `invalid integer constant '${tok.text}'`, tok);
    }
    const digits = m[1];
    const value = /^0[0-7]+$/.test(digits) ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
    if (value > 0xffffffffffffffffn) return this.fail(`integer constant '${tok.text}' is too large for uintmax_t`, tok);
    const hasU = /[uU]/.test(tok.text.slice(digits.length));
    return make(value, hasU || value > 0x7fffffffffffffffn);
  }
  /** A character constant's value: plain ones are of type char (signed for BPF), widened to intmax_t. */
  characterConstant(tok) {
    const quote2 = tok.text.indexOf("'");
    const prefix = tok.text.slice(0, quote2);
    const units = decodeCharBody(tok.text.slice(quote2 + 1, -1), prefix === "");
    if (units === void 0 || units.length === 0) return this.fail(`invalid character constant ${tok.text}`, tok);
    switch (prefix) {
      case "":
        if (units.length === 1) return signed2(BigInt.asIntN(8, BigInt(units[0])));
        return signed2(BigInt.asIntN(32, units.reduce((acc, c) => acc << 8n | BigInt(c & 255), 0n)));
      case "u8":
        return signed2(BigInt(units[0] & 255));
      case "u":
        return signed2(BigInt(units[0] & 65535));
      case "U":
        return signed2(BigInt(units[0] >>> 0));
      default:
        return signed2(BigInt.asIntN(32, BigInt(units[0])));
    }
  }
};
function shift(a, count, dir) {
  if (count < 0n || count >= 64n) return make(dir === "right" && !a.unsigned && a.value < 0n ? -1n : 0n, a.unsigned);
  return make(dir === "left" ? a.value << count : a.value >> count, a.unsigned);
}
var SIMPLE_ESCAPES2 = {
  n: 10,
  t: 9,
  r: 13,
  a: 7,
  b: 8,
  f: 12,
  v: 11,
  e: 27,
  "\\": 92,
  "'": 39,
  '"': 34,
  "?": 63
};
function decodeCharBody(body, bytes) {
  const out = [];
  for (let i = 0; i < body.length; ) {
    if (body[i] !== "\\") {
      const cp = body.codePointAt(i);
      i += cp > 65535 ? 2 : 1;
      if (bytes) out.push(...new TextEncoder().encode(String.fromCodePoint(cp)));
      else out.push(cp);
      continue;
    }
    const c = body[i + 1];
    if (c === void 0) return void 0;
    if (c in SIMPLE_ESCAPES2) {
      out.push(SIMPLE_ESCAPES2[c]);
      i += 2;
    } else if (c >= "0" && c <= "7") {
      const m = /^[0-7]{1,3}/.exec(body.slice(i + 1));
      out.push(parseInt(m[0], 8));
      i += 1 + m[0].length;
    } else if (c === "x") {
      const m = /^[0-9a-fA-F]+/.exec(body.slice(i + 2));
      if (!m) return void 0;
      out.push(Number(BigInt.asUintN(32, BigInt(`0x${m[0]}`))));
      i += 2 + m[0].length;
    } else if (c === "u" || c === "U") {
      const len = c === "u" ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) return void 0;
      const cp = parseInt(hex, 16);
      if (bytes) out.push(...new TextEncoder().encode(String.fromCodePoint(Math.min(cp, 1114111))));
      else out.push(cp);
      i += 2 + len;
    } else {
      return void 0;
    }
  }
  return out;
}

// src/pp/macro.ts
function listSource(tokens, endSpan) {
  const pushback = [];
  const eof = makeEof(endSpan);
  let pos = 0;
  return {
    next: () => pushback.pop() ?? tokens[pos++] ?? eof,
    unread: (tok) => {
      if (tok.kind !== "eof") pushback.push(tok);
    }
  };
}
function expandList(pp, tokens, endSpan) {
  if (pp.expansionDepth >= MAX_EXPANSION_DEPTH) {
    if (!pp.stopped) {
      const at = tokens[0]?.span ?? endSpan;
      pp.ctx.diags.error("E1014", `macro arguments nested more than ${MAX_EXPANSION_DEPTH} deep; preprocessing stopped`, at, {
        expansion: tokens[0]?.expansion
      });
    }
    pp.stopped = true;
    return [];
  }
  pp.expansionDepth++;
  const src = listSource(tokens, endSpan);
  const out = [];
  for (; ; ) {
    const tok = src.next();
    if (tok.kind === "eof" || pp.stopped) break;
    if (!expandMacro(pp, src, tok)) out.push(tok);
  }
  pp.expansionDepth--;
  return out;
}
function expandMacro(pp, src, tok) {
  if (tok.kind !== "ident" || pp.stopped || tok.hideset?.has(tok.text)) return false;
  const builtin = expandBuiltinMacro(pp, src, tok);
  if (builtin !== void 0) {
    for (let i = builtin.length - 1; i >= 0; i--) src.unread(builtin[i]);
    return true;
  }
  const macro = pp.macros.get(tok.text);
  if (!macro) return false;
  let args = [];
  let hideset;
  let use = tok.span;
  if (macro.functionLike) {
    const lparen = src.next();
    if (lparen.kind !== "punct" || lparen.text !== "(") {
      src.unread(lparen);
      return false;
    }
    const call2 = collectArguments(pp, src, macro, tok);
    if (!call2) return true;
    if (!checkArgumentCount(pp, macro, tok, call2.args)) return true;
    args = call2.args;
    hideset = withName(pp, intersect(tok.hideset, call2.rparen.hideset), macro.name);
    if (call2.rparen.expansion === tok.expansion) use = spanJoin(tok.span, call2.rparen.span);
  } else {
    hideset = withName(pp, tok.hideset, macro.name);
  }
  const expansion = { macro: macro.name, use, parent: tok.expansion };
  if (!macro.functionLike && !macro.body.some((t) => isPunct(t, "##"))) {
    if (!chargeTokens(pp, macro.body.length, tok.span, tok.expansion)) return true;
    for (let i = macro.body.length - 1; i >= 0; i--) {
      const t = macro.body[i];
      src.unread({
        kind: t.kind,
        text: t.text,
        span: t.span,
        expansion,
        spaceBefore: i === 0 ? tok.spaceBefore : t.spaceBefore,
        lineStart: i === 0 ? tok.lineStart : false,
        hideset: union(t.hideset, hideset)
      });
    }
    return true;
  }
  const result = substitute(pp, macro, args, expansion);
  if (!chargeTokens(pp, result.length, tok.span, tok.expansion)) return true;
  const unions = /* @__PURE__ */ new Map();
  for (let i = result.length - 1; i >= 0; i--) {
    const t = result[i];
    let hs = unions.get(t.hideset);
    if (!hs) {
      hs = union(t.hideset, hideset);
      unions.set(t.hideset, hs);
    }
    t.hideset = hs;
    t.lineStart = i === 0 ? tok.lineStart : false;
    if (i === 0) t.spaceBefore = tok.spaceBefore;
    src.unread(t);
  }
  return true;
}
function collectArguments(pp, src, macro, name) {
  const args = [[]];
  let depth = 0;
  for (; ; ) {
    const tok = src.next();
    if (tok.kind === "eof") {
      if (!pp.stopped) {
        pp.ctx.diags.error("E1012", `unterminated argument list invoking macro '${macro.name}'`, name.span, {
          expansion: name.expansion
        });
      }
      return void 0;
    }
    if (tok.kind === "punct") {
      if (tok.text === "(") depth++;
      else if (tok.text === ")" && depth-- === 0) return { args, rparen: tok };
      else if (tok.text === "," && depth === 0 && !(macro.variadic && args.length >= macro.params.length)) {
        args.push([]);
        continue;
      }
    }
    args[args.length - 1].push(tok);
  }
}
function checkArgumentCount(pp, macro, name, args) {
  const want = macro.params.length;
  if (want === 0 && args.length === 1 && args[0].length === 0) args.pop();
  if (macro.variadic && args.length === want - 1) args.push([]);
  if (args.length === want) return true;
  const atLeast = macro.variadic ? "at least " : "";
  const required = macro.variadic ? want - 1 : want;
  pp.ctx.diags.error(
    "E1013",
    `macro '${macro.name}' requires ${atLeast}${required} argument${required === 1 ? "" : "s"}, but ${args.length} ${args.length === 1 ? "was" : "were"} given`,
    name.span,
    { expansion: name.expansion }
  );
  return false;
}
function substitute(pp, macro, args, expansion) {
  const placemarker = { kind: "punct", text: "", span: expansion.use, spaceBefore: false, lineStart: false };
  const expanded = /* @__PURE__ */ new Map();
  const variadicIndex = macro.variadic ? macro.params.length - 1 : -1;
  const paramIndex = (tok) => macro.functionLike && tok?.kind === "ident" ? macro.params.indexOf(tok.text) : -1;
  const isVaOpt2 = (list, i) => macro.variadic && list[i]?.kind === "ident" && list[i].text === "__VA_OPT__" && isPunct(list[i + 1], "(");
  const fromBody = (tok) => copyToken(tok, { expansion });
  const fromArg = (tokens, param) => tokens.map((t, i) => copyToken(t, { lineStart: false, spaceBefore: i === 0 ? param.spaceBefore : t.spaceBefore }));
  const expandedArg = (index2) => {
    let list = expanded.get(index2);
    if (!list) {
      list = expandList(pp, args[index2], expansion.use);
      expanded.set(index2, list);
    }
    return list;
  };
  const vaOpt = (list, i, end) => expandedArg(variadicIndex).length === 0 ? [] : replace(list.slice(i + 2, end - 1)).filter((t) => t !== placemarker);
  const operandEnd = (list, i) => {
    if (isVaOpt2(list, i)) return matchingParen(list, i + 1) + 1;
    if (macro.functionLike && isPunct(list[i], "#")) {
      if (paramIndex(list[i + 1]) >= 0) return i + 2;
      if (isVaOpt2(list, i + 1)) return matchingParen(list, i + 2) + 1;
    }
    return i + 1;
  };
  const operand = (list, i, end, raw) => {
    const tok = list[i];
    if (macro.functionLike && isPunct(tok, "#") && end > i + 1) {
      const p2 = paramIndex(list[i + 1]);
      return [stringify(p2 >= 0 ? args[p2] : vaOpt(list, i + 1, end), tok, expansion)];
    }
    if (isVaOpt2(list, i)) return vaOpt(list, i, end);
    const p = paramIndex(tok);
    if (p >= 0) return fromArg(raw ? args[p] : expandedArg(p), tok);
    return [fromBody(tok)];
  };
  const replace = (list) => {
    const out = [];
    for (let i = 0; i < list.length; ) {
      const tok = list[i];
      if (isPunct(tok, "##") && i + 1 < list.length) {
        const rhsTok = list[i + 1];
        const p = paramIndex(rhsTok);
        if (p >= 0 && p === variadicIndex && isPunct(out[out.length - 1], ",")) {
          if (args[p].length === 0) out.pop();
          else out.push(...fromArg(args[p], tok.spaceBefore ? tok : rhsTok));
          i += 2;
          continue;
        }
        const end2 = operandEnd(list, i + 1);
        const rhs = operand(list, i + 1, end2, true);
        const lhs = out.pop() ?? placemarker;
        if (rhs.length === 0) out.push(lhs);
        else if (lhs === placemarker) out.push(...rhs);
        else out.push(...paste(pp, lhs, rhs[0], expansion), ...rhs.slice(1));
        i = end2;
        continue;
      }
      const end = operandEnd(list, i);
      const raw = isPunct(list[end], "##");
      const tokens = operand(list, i, end, raw);
      out.push(...tokens.length === 0 && raw ? [placemarker] : tokens);
      i = end;
    }
    return out;
  };
  return replace(macro.body).filter((t) => t !== placemarker);
}
function matchingParen(list, open) {
  let depth = 0;
  for (let i = open; i < list.length; i++) {
    if (isPunct(list[i], "(")) depth++;
    else if (isPunct(list[i], ")") && --depth === 0) return i;
  }
  return list.length - 1;
}
function isPunct(tok, text) {
  return tok !== void 0 && tok.kind === "punct" && tok.text === text;
}
function stringify(arg, hash, expansion) {
  let text = "";
  arg.forEach((t, i) => {
    if (i > 0 && (t.spaceBefore || t.lineStart)) text += " ";
    text += t.kind === "string" || t.kind === "char" ? t.text.replace(/[\\"]/g, (c) => `\\${c}`) : t.text;
  });
  return { kind: "string", text: `"${text}"`, span: hash.span, expansion, spaceBefore: hash.spaceBefore, lineStart: false };
}
function paste(pp, lhs, rhs, expansion) {
  const lexed = lexSpelling(lhs.text + rhs.text);
  if (lexed) {
    const span = lhs.span.file === rhs.span.file ? spanJoin(lhs.span, rhs.span) : lhs.span;
    return [{ ...lexed, span, expansion, spaceBefore: lhs.spaceBefore, lineStart: false }];
  }
  pp.ctx.diags.error(
    "E1011",
    `pasting '${lhs.text}' and '${rhs.text}' does not give a valid preprocessing token`,
    lhs.span,
    { expansion }
  );
  return [lhs, copyToken(rhs, { spaceBefore: false })];
}
function lexSpelling(spelling) {
  const diags = new Diagnostics();
  const tokens = lexFile({ id: -1, path: "<paste>", text: spelling, lineStarts: [0] }, diags);
  const tok = tokens[0];
  if (diags.list.length > 0 || tokens.length !== 2 || tok.span.start !== 0 || tok.span.end !== spelling.length) {
    return void 0;
  }
  return { kind: tok.kind, text: tok.text };
}
function withName(pp, hs, name) {
  if (hs?.has(name)) return hs;
  let byName = pp.hideSetsWithName.get(hs);
  if (!byName) {
    byName = /* @__PURE__ */ new Map();
    pp.hideSetsWithName.set(hs, byName);
  }
  let out = byName.get(name);
  if (!out) {
    out = new Set(hs).add(name);
    byName.set(name, out);
  }
  return out;
}
function union(a, b) {
  if (!a || a === b || a.size === 0) return b;
  const out = new Set(a);
  for (const x of b) out.add(x);
  return out;
}
function intersect(a, b) {
  if (!a || !b) return void 0;
  if (a === b) return a;
  return new Set([...a].filter((x) => b.has(x)));
}

// src/pp/include.ts
function openFile(pp, file, searchIndex) {
  const lexDiags = new Diagnostics(Number.MAX_SAFE_INTEGER);
  const tokens = lexFile(file, lexDiags);
  pp.files.push({ file, tokens, pos: 0, conditionals: [], searchIndex, lexDiags, lexDiagsReported: 0, quietRanges: [] });
}
function reportLexDiags(pp, f, upTo) {
  const list = f.lexDiags.list;
  for (; f.lexDiagsReported < list.length; f.lexDiagsReported++) {
    const d = list[f.lexDiagsReported];
    const at = d.span?.start ?? 0;
    if (at > upTo) return;
    if (f.quietRanges.some(([start, end]) => at >= start && at < end)) continue;
    pp.ctx.diags.report(d.severity, d.code, d.message, d.span, { notes: d.notes, expansion: d.expansion });
  }
}
function closeFile(pp) {
  const f = pp.files.pop();
  if (!f) return;
  reportLexDiags(pp, f, Infinity);
  for (const cond of f.conditionals) {
    pp.ctx.diags.error("E1015", "unterminated conditional directive: #endif is missing", cond.span);
  }
}
function currentFile(pp) {
  return pp.files[pp.files.length - 1];
}
function findHeader(pp, header, next) {
  const fs = pp.ctx.fs;
  if (header.name.startsWith("/")) {
    const text = fs.readFile(header.name);
    return text === void 0 ? void 0 : { path: joinPath("", header.name), text, searchIndex: -1 };
  }
  const current = currentFile(pp);
  const fromSearchList = next && current !== void 0 && current.searchIndex >= 0;
  if (!header.angled && !fromSearchList && current) {
    const path = joinPath(dirName(current.file.path), header.name);
    const text = fs.readFile(path);
    if (text !== void 0) return { path, text, searchIndex: -1 };
  }
  const first2 = fromSearchList ? current.searchIndex + 1 : 0;
  for (let i = first2; i < pp.searchDirs.length; i++) {
    const path = joinPath(pp.searchDirs[i], header.name);
    const text = fs.readFile(path);
    if (text !== void 0) return { path, text, searchIndex: i };
  }
  return void 0;
}
function parseHeaderName(pp, tokens, at, expand) {
  const first2 = tokens[0];
  if (first2?.kind === "string" && first2.text.startsWith('"')) {
    return checkEmpty(pp, { name: first2.text.slice(1, -1), angled: false }, first2.span, 1);
  }
  if (first2?.kind === "punct" && first2.text === "<") {
    const close = tokens.findIndex((t) => t.kind === "punct" && t.text === ">");
    if (close < 0) {
      pp.ctx.diags.error("E1005", "expected '>' to end the header name", first2.span);
      return void 0;
    }
    return checkEmpty(pp, { name: spellBetween(pp, tokens, close), angled: true }, first2.span, close + 1);
  }
  if (expand && first2) {
    const expanded = expandList(pp, tokens, at);
    const parsed = expanded.length > 0 ? parseHeaderName(pp, expanded, at, false) : void 0;
    return parsed && { header: parsed.header, used: tokens.length };
  }
  const seen = first2 ? `'${first2.text}'` : "end of line";
  pp.ctx.diags.error("E1005", `expected "FILENAME" or <FILENAME>, saw ${seen}`, first2?.span ?? at);
  return void 0;
}
function checkEmpty(pp, header, span, used) {
  if (header.name !== "") return { header, used };
  pp.ctx.diags.error("E1005", "empty file name in #include", span);
  return void 0;
}
function spellBetween(pp, tokens, close) {
  const open = tokens[0];
  const end = tokens[close];
  const direct = tokens.slice(0, close + 1).every((t) => !t.expansion && t.span.file === open.span.file);
  if (direct && open.span.file >= 0) {
    return pp.ctx.sources.get(open.span.file).text.slice(open.span.end, end.span.start).replace(/\\\r?\n/g, "");
  }
  let name = "";
  tokens.slice(1, close).forEach((t, i) => {
    if (i > 0 && t.spaceBefore) name += " ";
    name += t.text;
  });
  return name;
}
function handleInclude(pp, directive, line, next) {
  const parsed = parseHeaderName(pp, line, directive.span, true);
  if (!parsed) return;
  const { header, used } = parsed;
  if (used < line.length) {
    pp.ctx.diags.warning("E1023", `extra tokens at end of #${directive.text} directive: '${line[used].text}'`, line[used].span);
  }
  const includeSpan = spanJoin(directive.span, line[line.length - 1].span);
  const found = findHeader(pp, header, next);
  if (!found) {
    const spelled = header.angled ? `<${header.name}>` : `"${header.name}"`;
    pp.ctx.diags.error("E1003", `'${header.name}' file not found (#${directive.text} ${spelled})`, includeSpan);
    return;
  }
  if (pp.onceFiles.has(found.path)) return;
  if (pp.files.length >= MAX_INCLUDE_DEPTH) {
    pp.ctx.diags.error("E1004", `#include nested too deeply (more than ${MAX_INCLUDE_DEPTH} levels); does a header include itself without an include guard?`, includeSpan);
    pp.stopped = true;
    return;
  }
  openFile(pp, pp.ctx.sources.add(found.path, found.text, includeSpan), found.searchIndex);
}

// src/pp/conditional.ts
var GROUP_OPENERS = /* @__PURE__ */ new Set(["if", "ifdef", "ifndef"]);
var GROUP_CONTINUERS = /* @__PURE__ */ new Set(["elif", "elifdef", "elifndef", "else", "endif"]);
function handleIf(pp, f, hash, directive, line) {
  const taken = conditionHolds(pp, directive, line);
  f.conditionals.push({ span: spanJoin(hash.span, directive.span), taken, sawElse: false });
  if (!taken) skipGroup(f);
}
function handleElse(pp, f, directive, line) {
  const cond = f.conditionals[f.conditionals.length - 1];
  const name = `#${directive.text}`;
  if (!cond) {
    pp.ctx.diags.error("E1016", `${name} without #if`, directive.span);
    return;
  }
  if (cond.sawElse) {
    pp.ctx.diags.error("E1016", `${name} after #else`, directive.span);
  }
  if (directive.text === "else") {
    cond.sawElse = true;
    warnExtraTokens(pp, directive, line, 0);
  }
  if (cond.taken) return skipGroup(f);
  cond.taken = directive.text === "else" || conditionHolds(pp, directive, line);
  if (!cond.taken) skipGroup(f);
}
function handleEndif(pp, f, directive, line) {
  if (!f.conditionals.pop()) {
    pp.ctx.diags.error("E1016", "#endif without #if", directive.span);
    return;
  }
  warnExtraTokens(pp, directive, line, 0);
}
function conditionHolds(pp, directive, line) {
  switch (directive.text) {
    case "if":
    case "elif": {
      const tokens = expandIfLine(pp, line, directive);
      return tokens !== void 0 && evaluateIfExpression(tokens, directive, pp.ctx.diags);
    }
    default: {
      const name = line[0];
      if (name?.kind !== "ident") {
        const seen = name ? `'${name.text}'` : "end of line";
        pp.ctx.diags.error("E1006", `macro name missing: #${directive.text} expects an identifier, saw ${seen}`, name?.span ?? directive.span);
        return false;
      }
      warnExtraTokens(pp, directive, line, 1);
      return isDefined(pp, name.text) !== directive.text.endsWith("ndef");
    }
  }
}
function isDefined(pp, name) {
  return pp.macros.has(name) || isBuiltinMacroDefined(name);
}
function warnExtraTokens(pp, directive, line, used) {
  const extra = line[used];
  if (extra) pp.ctx.diags.warning("E1023", `extra tokens at end of #${directive.text} directive: '${extra.text}'`, extra.span);
}
function skipGroup(f) {
  const startOffset = f.tokens[f.pos]?.span.start ?? f.file.text.length;
  let depth = 0;
  for (; f.pos < f.tokens.length - 1; f.pos++) {
    const tok = f.tokens[f.pos];
    const name = f.tokens[f.pos + 1];
    if (!(tok.lineStart && tok.text === "#" && tok.kind === "punct") || name.lineStart) continue;
    if (GROUP_OPENERS.has(name.text)) depth++;
    else if (GROUP_CONTINUERS.has(name.text)) {
      if (depth === 0) break;
      if (name.text === "endif") depth--;
    }
  }
  const endOffset = f.tokens[f.pos].span.start;
  f.quietRanges.push([startOffset, endOffset]);
}
function expandIfLine(pp, line, directive) {
  const endSpan = line[line.length - 1]?.span ?? directive.span;
  const src = listSource(line, endSpan);
  const out = [];
  for (; ; ) {
    const tok = src.next();
    if (tok.kind === "eof" || pp.stopped) return out;
    if (tok.kind === "ident" && (tok.text === "defined" || HAS_OPERATORS.has(tok.text))) {
      const value = tok.text === "defined" ? evaluateDefined(pp, src, tok) : evaluateHasOperator(pp, src, tok);
      if (value === void 0) return void 0;
      out.push({ ...tok, kind: "number", text: value ? "1" : "0" });
      continue;
    }
    if (!expandMacro(pp, src, tok)) out.push(tok);
  }
}
function evaluateDefined(pp, src, op) {
  let name = src.next();
  const paren = name.kind === "punct" && name.text === "(";
  if (paren) name = src.next();
  if (name.kind !== "ident") {
    const seen = name.kind === "eof" ? "end of line" : `'${name.text}'`;
    pp.ctx.diags.error("E1006", `macro name missing: 'defined' expects an identifier, saw ${seen}`, name.kind === "eof" ? spanAfter(op.span) : name.span, {
      expansion: op.expansion
    });
    return void 0;
  }
  if (paren) {
    const close = src.next();
    if (close.kind !== "punct" || close.text !== ")") {
      pp.ctx.diags.error("E1017", `expected ')' after 'defined(${name.text}', saw ${close.kind === "eof" ? "end of line" : `'${close.text}'`}`, close.kind === "eof" ? spanAfter(name.span) : close.span);
      return void 0;
    }
  }
  return isDefined(pp, name.text);
}
function evaluateHasOperator(pp, src, op) {
  const fail = (seen) => {
    pp.ctx.diags.error("E1024", `malformed ${op.text}: expected '(' operand ')', saw ${seen.kind === "eof" ? "end of line" : `'${seen.text}'`}`, seen.kind === "eof" ? spanAfter(op.span) : seen.span, {
      expansion: op.expansion
    });
    return void 0;
  };
  const lparen = src.next();
  if (lparen.kind !== "punct" || lparen.text !== "(") return fail(lparen);
  const operand = [];
  let depth = 0;
  for (; ; ) {
    const tok = src.next();
    if (tok.kind === "eof") return fail(tok);
    if (tok.kind === "punct" && tok.text === "(") depth++;
    if (tok.kind === "punct" && tok.text === ")" && depth-- === 0) break;
    operand.push(tok);
  }
  if (op.text === "__has_include" || op.text === "__has_include_next") {
    const parsed = parseHeaderName(pp, operand, op.span, true);
    if (!parsed) return void 0;
    return findHeader(pp, parsed.header, op.text === "__has_include_next") !== void 0;
  }
  const name = operand[0];
  if (operand.length !== 1 || name?.kind !== "ident") return fail(operand[operand.length === 1 ? 0 : 1] ?? lparen);
  switch (op.text) {
    case "__has_builtin":
      return SUPPORTED_BUILTINS.has(name.text);
    case "__has_attribute":
      return SUPPORTED_ATTRIBUTES.has(normalizeAttributeName2(name.text));
    default:
      return SUPPORTED_FEATURES.has(name.text);
  }
}
function spanAfter(span) {
  return { file: span.file, start: span.end, end: span.end };
}

// src/pp/define.ts
function handleDefine(pp, directive, line) {
  const name = checkMacroName(pp, directive, line[0]);
  if (!name) return;
  let params = [];
  let variadic = false;
  let bodyStart = 1;
  const functionLike = line[1]?.kind === "punct" && line[1].text === "(" && !line[1].spaceBefore;
  if (functionLike) {
    const parsed = parseParameters(pp, name, line);
    if (!parsed) return;
    ({ params, variadic } = parsed);
    bodyStart = parsed.next;
  }
  const body = line.slice(bodyStart);
  if (body.length > 0) body[0] = { ...body[0], spaceBefore: false };
  if (!checkBody(pp, name, functionLike, params, variadic, body)) return;
  const macro = { name: name.text, functionLike, params, variadic, body, nameSpan: name.span };
  const previous = pp.macros.get(name.text);
  if (previous && !sameDefinition(previous, macro)) {
    pp.ctx.diags.warning("E1008", `'${name.text}' macro redefined`, name.span, {
      notes: [{ message: "previous definition is here", span: previous.nameSpan }]
    });
  }
  pp.macros.set(name.text, macro);
}
function handleUndef(pp, directive, line) {
  const name = checkMacroName(pp, directive, line[0]);
  if (!name) return;
  if (line.length > 1) {
    pp.ctx.diags.warning("E1023", `extra tokens at end of #undef directive: '${line[1].text}'`, line[1].span);
  }
  pp.macros.delete(name.text);
}
function checkMacroName(pp, directive, name) {
  if (!name || name.kind !== "ident") {
    const seen = name ? `'${name.text}'` : "end of line";
    pp.ctx.diags.error("E1006", `macro name missing: #${directive.text} expects an identifier, saw ${seen}`, name?.span ?? directive.span);
    return void 0;
  }
  if (BUILTIN_MACRO_NAMES.has(name.text)) {
    pp.ctx.diags.error("E1026", `'${name.text}' is built into the preprocessor and cannot be used with #${directive.text}`, name.span);
    return void 0;
  }
  return name;
}
function parseParameters(pp, name, line) {
  const params = [];
  let i = 2;
  const fail = (tok, what) => {
    const seen = tok ? `'${tok.text}'` : "end of line";
    pp.ctx.diags.error("E1007", `${what} in the parameter list of macro '${name.text}', saw ${seen}`, tok?.span ?? name.span);
    return void 0;
  };
  if (line[i]?.text === ")") return { params, variadic: false, next: i + 1 };
  for (; ; ) {
    const tok = line[i];
    if (tok?.kind === "punct" && tok.text === "...") {
      params.push("__VA_ARGS__");
      if (line[i + 1]?.text !== ")") return fail(line[i + 1], "expected ')' after '...'");
      return { params, variadic: true, next: i + 2 };
    }
    if (tok?.kind !== "ident") return fail(tok, "expected a parameter name");
    if (params.includes(tok.text)) return fail(tok, "duplicate parameter name");
    if (tok.text === "__VA_ARGS__") return fail(tok, "__VA_ARGS__ can only name the arguments of ...");
    params.push(tok.text);
    const sep = line[i + 1];
    if (sep?.kind === "punct" && sep.text === "...") {
      if (line[i + 2]?.text !== ")") return fail(line[i + 2], "expected ')' after '...'");
      return { params, variadic: true, next: i + 3 };
    }
    if (sep?.text === ")") return { params, variadic: false, next: i + 2 };
    if (sep?.text !== ",") return fail(sep, "expected ',' or ')'");
    i += 2;
  }
}
function checkBody(pp, name, functionLike, params, variadic, body) {
  const isPunct2 = (t, text) => t?.kind === "punct" && t.text === text;
  if (isPunct2(body[0], "##") || isPunct2(body[body.length - 1], "##")) {
    const at = isPunct2(body[0], "##") ? body[0] : body[body.length - 1];
    pp.ctx.diags.error("E1010", `'##' cannot appear at either end of the replacement list of macro '${name.text}'`, at.span);
    return false;
  }
  if (!functionLike) return true;
  for (let i = 0; i < body.length; i++) {
    if (variadic && isVaOpt(body[i])) {
      const close = closingParen(body, i + 1);
      if (close < 0) {
        pp.ctx.diags.error("E1027", `'__VA_OPT__' in macro '${name.text}' must be followed by a parenthesized replacement`, body[i].span);
        return false;
      }
      const nested = body.slice(i + 2, close).find(isVaOpt);
      if (nested) {
        pp.ctx.diags.error("E1027", `'__VA_OPT__' cannot appear inside another '__VA_OPT__' (macro '${name.text}')`, nested.span);
        return false;
      }
    }
    if (!isPunct2(body[i], "#")) continue;
    const next = body[i + 1];
    if (variadic && isVaOpt(next)) continue;
    if (next?.kind !== "ident" || !params.includes(next.text)) {
      const seen = next ? `'${next.text}'` : "end of line";
      pp.ctx.diags.error("E1009", `'#' is not followed by a macro parameter of '${name.text}', saw ${seen}`, next ? spanJoin(body[i].span, next.span) : body[i].span);
      return false;
    }
  }
  return true;
}
function sameDefinition(a, b) {
  if (a.functionLike !== b.functionLike || a.variadic !== b.variadic) return false;
  if (a.params.join(",") !== b.params.join(",") || a.body.length !== b.body.length) return false;
  return a.body.every((t, i) => {
    const u = b.body[i];
    return t.text === u.text && (i === 0 || t.spaceBefore === u.spaceBefore);
  });
}
var isVaOpt = (t) => t?.kind === "ident" && t.text === "__VA_OPT__";
function closingParen(body, open) {
  if (body[open]?.kind !== "punct" || body[open].text !== "(") return -1;
  let depth = 0;
  for (let i = open; i < body.length; i++) {
    const t = body[i];
    if (t.kind === "punct" && t.text === "(") depth++;
    else if (t.kind === "punct" && t.text === ")" && --depth === 0) return i;
  }
  return -1;
}

// src/pp/directives.ts
function runDirective(pp, f, hash) {
  const line = readLine(f);
  const directive = line.shift();
  if (!directive) return;
  if (directive.kind === "number") return handleLine(pp, f, directive, [directive, ...line], false);
  if (directive.kind !== "ident") {
    pp.ctx.diags.error("E1021", `invalid preprocessing directive '#${directive.text}'`, directive.span);
    return;
  }
  switch (directive.text) {
    case "define":
      return handleDefine(pp, directive, line);
    case "undef":
      return handleUndef(pp, directive, line);
    case "include":
      return handleInclude(pp, directive, line, false);
    case "include_next":
      return handleInclude(pp, directive, line, true);
    case "if":
    case "ifdef":
    case "ifndef":
      return handleIf(pp, f, hash, directive, line);
    case "elif":
    case "elifdef":
    case "elifndef":
    case "else":
      return handleElse(pp, f, directive, line);
    case "endif":
      return handleEndif(pp, f, directive, line);
    case "line":
      return handleLine(pp, f, directive, line, true);
    case "error":
    case "warning":
      return handleMessage(pp, f, directive, line);
    case "ident":
    case "sccs":
      return;
    // old GNU directives naming a version string; accepted and ignored like clang does
    case "pragma": {
      const pragma = handlePragma(pp, line, spanJoin(hash.span, line[line.length - 1]?.span ?? directive.span), void 0);
      if (pragma) pp.pushback.push(pragma);
      return;
    }
    default:
      pp.ctx.diags.error("E1021", `invalid preprocessing directive '#${directive.text}'`, directive.span);
  }
}
function readLine(f) {
  const line = [];
  for (; ; ) {
    const tok = f.tokens[f.pos];
    if (tok.kind === "eof" || tok.lineStart) return line;
    line.push(tok);
    f.pos++;
  }
}
function handleLine(pp, f, directive, line, expand) {
  const tokens = expand ? expandList(pp, line, directive.span) : line;
  const [number, file] = tokens;
  if (!number || number.kind !== "number" || !/^[0-9]+$/.test(number.text)) {
    const seen = number ? `'${number.text}'` : "end of line";
    pp.ctx.diags.error("E1022", `#line expects a positive decimal line number, saw ${seen}`, number?.span ?? directive.span);
    return;
  }
  const value = Number(number.text);
  if (value === 0 || value > 2147483647) {
    pp.ctx.diags.error("E1022", `#line number ${number.text} is out of range (1 to 2147483647)`, number.span);
    return;
  }
  if (file && (file.kind !== "string" || !file.text.startsWith('"'))) {
    pp.ctx.diags.error("E1022", `#line expects a file name in quotes after the line number, saw '${file.text}'`, file.span);
    return;
  }
  const last2 = line[line.length - 1] ?? directive;
  const sources = pp.ctx.sources;
  const fromLine = sources.lineCol(f.file.id, last2.span.end).line + 1;
  const path = file ? destringize(file.text) : presumedLocation(pp, directive.span).path;
  const marks = pp.lineMarks.get(f.file.id) ?? [];
  marks.push({ fromLine, line: value, path });
  pp.lineMarks.set(f.file.id, marks);
}
function handleMessage(pp, f, directive, line) {
  const first2 = line[0];
  const last2 = line[line.length - 1];
  const text = first2 && last2 ? f.file.text.slice(first2.span.start, last2.span.end).replace(/\\\r?\n/g, "") : "";
  if (first2 && last2) f.quietRanges.push([first2.span.start, last2.span.end]);
  const span = spanJoin(directive.span, last2?.span ?? directive.span);
  const message = text === "" ? `#${directive.text}` : text;
  if (directive.text === "error") pp.ctx.diags.error("E1019", message, span);
  else pp.ctx.diags.warning("E1020", message, span);
}

// src/pp/predefined.ts
var TARGET_MACROS = `
#define _LP64 1
#define __ATOMIC_ACQUIRE 2
#define __ATOMIC_ACQ_REL 4
#define __ATOMIC_CONSUME 1
#define __ATOMIC_RELAXED 0
#define __ATOMIC_RELEASE 3
#define __ATOMIC_SEQ_CST 5
#define __BIGGEST_ALIGNMENT__ 8
#define __BITINT_MAXWIDTH__ 128
#define __BOOL_WIDTH__ 8
#define __BPF_FEATURE_ADDR_SPACE_CAST 1
#define __BPF__ 1
#define __BYTE_ORDER__ __ORDER_LITTLE_ENDIAN__
#define __CHAR16_TYPE__ unsigned short
#define __CHAR32_TYPE__ unsigned int
#define __CHAR_BIT__ 8
#define __CLANG_ATOMIC_BOOL_LOCK_FREE 2
#define __CLANG_ATOMIC_CHAR16_T_LOCK_FREE 2
#define __CLANG_ATOMIC_CHAR32_T_LOCK_FREE 2
#define __CLANG_ATOMIC_CHAR_LOCK_FREE 2
#define __CLANG_ATOMIC_INT_LOCK_FREE 2
#define __CLANG_ATOMIC_LLONG_LOCK_FREE 2
#define __CLANG_ATOMIC_LONG_LOCK_FREE 2
#define __CLANG_ATOMIC_POINTER_LOCK_FREE 2
#define __CLANG_ATOMIC_SHORT_LOCK_FREE 2
#define __CLANG_ATOMIC_WCHAR_T_LOCK_FREE 2
#define __CONSTANT_CFSTRINGS__ 1
#define __DBL_DECIMAL_DIG__ 17
#define __DBL_DENORM_MIN__ 4.9406564584124654e-324
#define __DBL_DIG__ 15
#define __DBL_EPSILON__ 2.2204460492503131e-16
#define __DBL_HAS_DENORM__ 1
#define __DBL_HAS_INFINITY__ 1
#define __DBL_HAS_QUIET_NAN__ 1
#define __DBL_MANT_DIG__ 53
#define __DBL_MAX_10_EXP__ 308
#define __DBL_MAX_EXP__ 1024
#define __DBL_MAX__ 1.7976931348623157e+308
#define __DBL_MIN_10_EXP__ (-307)
#define __DBL_MIN_EXP__ (-1021)
#define __DBL_MIN__ 2.2250738585072014e-308
#define __DBL_NORM_MAX__ 1.7976931348623157e+308
#define __DECIMAL_DIG__ __LDBL_DECIMAL_DIG__
#define __ELF__ 1
#define __FINITE_MATH_ONLY__ 0
#define __FLT_DECIMAL_DIG__ 9
#define __FLT_DENORM_MIN__ 1.40129846e-45F
#define __FLT_DIG__ 6
#define __FLT_EPSILON__ 1.19209290e-7F
#define __FLT_HAS_DENORM__ 1
#define __FLT_HAS_INFINITY__ 1
#define __FLT_HAS_QUIET_NAN__ 1
#define __FLT_MANT_DIG__ 24
#define __FLT_MAX_10_EXP__ 38
#define __FLT_MAX_EXP__ 128
#define __FLT_MAX__ 3.40282347e+38F
#define __FLT_MIN_10_EXP__ (-37)
#define __FLT_MIN_EXP__ (-125)
#define __FLT_MIN__ 1.17549435e-38F
#define __FLT_NORM_MAX__ 3.40282347e+38F
#define __FLT_RADIX__ 2
#define __FPCLASS_NEGINF 0x0004
#define __FPCLASS_NEGNORMAL 0x0008
#define __FPCLASS_NEGSUBNORMAL 0x0010
#define __FPCLASS_NEGZERO 0x0020
#define __FPCLASS_POSINF 0x0200
#define __FPCLASS_POSNORMAL 0x0100
#define __FPCLASS_POSSUBNORMAL 0x0080
#define __FPCLASS_POSZERO 0x0040
#define __FPCLASS_QNAN 0x0002
#define __FPCLASS_SNAN 0x0001
#define __GCC_ATOMIC_BOOL_LOCK_FREE 2
#define __GCC_ATOMIC_CHAR16_T_LOCK_FREE 2
#define __GCC_ATOMIC_CHAR32_T_LOCK_FREE 2
#define __GCC_ATOMIC_CHAR_LOCK_FREE 2
#define __GCC_ATOMIC_INT_LOCK_FREE 2
#define __GCC_ATOMIC_LLONG_LOCK_FREE 2
#define __GCC_ATOMIC_LONG_LOCK_FREE 2
#define __GCC_ATOMIC_POINTER_LOCK_FREE 2
#define __GCC_ATOMIC_SHORT_LOCK_FREE 2
#define __GCC_ATOMIC_TEST_AND_SET_TRUEVAL 1
#define __GCC_ATOMIC_WCHAR_T_LOCK_FREE 2
#define __GCC_CONSTRUCTIVE_SIZE 32
#define __GCC_DESTRUCTIVE_SIZE 32
#define __GNUC_MINOR__ 2
#define __GNUC_PATCHLEVEL__ 1
#define __GNUC_STDC_INLINE__ 1
#define __GNUC__ 4
#define __GXX_ABI_VERSION 1002
#define __INT16_C_SUFFIX__
#define __INT16_FMTd__ "hd"
#define __INT16_FMTi__ "hi"
#define __INT16_MAX__ 32767
#define __INT16_TYPE__ short
#define __INT32_C_SUFFIX__
#define __INT32_FMTd__ "d"
#define __INT32_FMTi__ "i"
#define __INT32_MAX__ 2147483647
#define __INT32_TYPE__ int
#define __INT64_C_SUFFIX__ L
#define __INT64_FMTd__ "ld"
#define __INT64_FMTi__ "li"
#define __INT64_MAX__ 9223372036854775807L
#define __INT64_TYPE__ long int
#define __INT8_C_SUFFIX__
#define __INT8_FMTd__ "hhd"
#define __INT8_FMTi__ "hhi"
#define __INT8_MAX__ 127
#define __INT8_TYPE__ signed char
#define __INTMAX_C_SUFFIX__ L
#define __INTMAX_FMTd__ "ld"
#define __INTMAX_FMTi__ "li"
#define __INTMAX_MAX__ 9223372036854775807L
#define __INTMAX_TYPE__ long int
#define __INTMAX_WIDTH__ 64
#define __INTPTR_FMTd__ "ld"
#define __INTPTR_FMTi__ "li"
#define __INTPTR_MAX__ 9223372036854775807L
#define __INTPTR_TYPE__ long int
#define __INTPTR_WIDTH__ 64
#define __INT_FAST16_FMTd__ "hd"
#define __INT_FAST16_FMTi__ "hi"
#define __INT_FAST16_MAX__ 32767
#define __INT_FAST16_TYPE__ short
#define __INT_FAST16_WIDTH__ 16
#define __INT_FAST32_FMTd__ "d"
#define __INT_FAST32_FMTi__ "i"
#define __INT_FAST32_MAX__ 2147483647
#define __INT_FAST32_TYPE__ int
#define __INT_FAST32_WIDTH__ 32
#define __INT_FAST64_FMTd__ "ld"
#define __INT_FAST64_FMTi__ "li"
#define __INT_FAST64_MAX__ 9223372036854775807L
#define __INT_FAST64_TYPE__ long int
#define __INT_FAST64_WIDTH__ 64
#define __INT_FAST8_FMTd__ "hhd"
#define __INT_FAST8_FMTi__ "hhi"
#define __INT_FAST8_MAX__ 127
#define __INT_FAST8_TYPE__ signed char
#define __INT_FAST8_WIDTH__ 8
#define __INT_LEAST16_FMTd__ "hd"
#define __INT_LEAST16_FMTi__ "hi"
#define __INT_LEAST16_MAX__ 32767
#define __INT_LEAST16_TYPE__ short
#define __INT_LEAST16_WIDTH__ 16
#define __INT_LEAST32_FMTd__ "d"
#define __INT_LEAST32_FMTi__ "i"
#define __INT_LEAST32_MAX__ 2147483647
#define __INT_LEAST32_TYPE__ int
#define __INT_LEAST32_WIDTH__ 32
#define __INT_LEAST64_FMTd__ "ld"
#define __INT_LEAST64_FMTi__ "li"
#define __INT_LEAST64_MAX__ 9223372036854775807L
#define __INT_LEAST64_TYPE__ long int
#define __INT_LEAST64_WIDTH__ 64
#define __INT_LEAST8_FMTd__ "hhd"
#define __INT_LEAST8_FMTi__ "hhi"
#define __INT_LEAST8_MAX__ 127
#define __INT_LEAST8_TYPE__ signed char
#define __INT_LEAST8_WIDTH__ 8
#define __INT_MAX__ 2147483647
#define __INT_WIDTH__ 32
#define __LDBL_DECIMAL_DIG__ 17
#define __LDBL_DENORM_MIN__ 4.9406564584124654e-324L
#define __LDBL_DIG__ 15
#define __LDBL_EPSILON__ 2.2204460492503131e-16L
#define __LDBL_HAS_DENORM__ 1
#define __LDBL_HAS_INFINITY__ 1
#define __LDBL_HAS_QUIET_NAN__ 1
#define __LDBL_MANT_DIG__ 53
#define __LDBL_MAX_10_EXP__ 308
#define __LDBL_MAX_EXP__ 1024
#define __LDBL_MAX__ 1.7976931348623157e+308L
#define __LDBL_MIN_10_EXP__ (-307)
#define __LDBL_MIN_EXP__ (-1021)
#define __LDBL_MIN__ 2.2250738585072014e-308L
#define __LDBL_NORM_MAX__ 1.7976931348623157e+308L
#define __LITTLE_ENDIAN__ 1
#define __LLONG_WIDTH__ 64
#define __LONG_LONG_MAX__ 9223372036854775807LL
#define __LONG_MAX__ 9223372036854775807L
#define __LONG_WIDTH__ 64
#define __LP64__ 1
#define __MEMORY_SCOPE_DEVICE 1
#define __MEMORY_SCOPE_SINGLE 4
#define __MEMORY_SCOPE_SYSTEM 0
#define __MEMORY_SCOPE_WRKGRP 2
#define __MEMORY_SCOPE_WVFRNT 3
#define __OBJC_BOOL_IS_BOOL 0
#define __OPENCL_MEMORY_SCOPE_ALL_SVM_DEVICES 3
#define __OPENCL_MEMORY_SCOPE_DEVICE 2
#define __OPENCL_MEMORY_SCOPE_SUB_GROUP 4
#define __OPENCL_MEMORY_SCOPE_WORK_GROUP 1
#define __OPENCL_MEMORY_SCOPE_WORK_ITEM 0
#define __ORDER_BIG_ENDIAN__ 4321
#define __ORDER_LITTLE_ENDIAN__ 1234
#define __ORDER_PDP_ENDIAN__ 3412
#define __POINTER_WIDTH__ 64
#define __PRAGMA_REDEFINE_EXTNAME 1
#define __PTRDIFF_FMTd__ "ld"
#define __PTRDIFF_FMTi__ "li"
#define __PTRDIFF_MAX__ 9223372036854775807L
#define __PTRDIFF_TYPE__ long int
#define __PTRDIFF_WIDTH__ 64
#define __SCHAR_MAX__ 127
#define __SHRT_MAX__ 32767
#define __SHRT_WIDTH__ 16
#define __SIG_ATOMIC_MAX__ 2147483647
#define __SIG_ATOMIC_WIDTH__ 32
#define __SIZEOF_DOUBLE__ 8
#define __SIZEOF_FLOAT__ 4
#define __SIZEOF_INT128__ 16
#define __SIZEOF_INT__ 4
#define __SIZEOF_LONG_DOUBLE__ 8
#define __SIZEOF_LONG_LONG__ 8
#define __SIZEOF_LONG__ 8
#define __SIZEOF_POINTER__ 8
#define __SIZEOF_PTRDIFF_T__ 8
#define __SIZEOF_SHORT__ 2
#define __SIZEOF_SIZE_T__ 8
#define __SIZEOF_WCHAR_T__ 4
#define __SIZEOF_WINT_T__ 4
#define __SIZE_FMTX__ "lX"
#define __SIZE_FMTo__ "lo"
#define __SIZE_FMTu__ "lu"
#define __SIZE_FMTx__ "lx"
#define __SIZE_MAX__ 18446744073709551615UL
#define __SIZE_TYPE__ long unsigned int
#define __SIZE_WIDTH__ 64
#define __STDC_EMBED_EMPTY__ 2
#define __STDC_EMBED_FOUND__ 1
#define __STDC_EMBED_NOT_FOUND__ 0
#define __STDC_HOSTED__ 1
#define __STDC_UTF_16__ 1
#define __STDC_UTF_32__ 1
#define __STDC_VERSION__ 201710L
#define __STDC__ 1
#define __UINT16_C_SUFFIX__
#define __UINT16_FMTX__ "hX"
#define __UINT16_FMTo__ "ho"
#define __UINT16_FMTu__ "hu"
#define __UINT16_FMTx__ "hx"
#define __UINT16_MAX__ 65535
#define __UINT16_TYPE__ unsigned short
#define __UINT32_C_SUFFIX__ U
#define __UINT32_FMTX__ "X"
#define __UINT32_FMTo__ "o"
#define __UINT32_FMTu__ "u"
#define __UINT32_FMTx__ "x"
#define __UINT32_MAX__ 4294967295U
#define __UINT32_TYPE__ unsigned int
#define __UINT64_C_SUFFIX__ UL
#define __UINT64_FMTX__ "lX"
#define __UINT64_FMTo__ "lo"
#define __UINT64_FMTu__ "lu"
#define __UINT64_FMTx__ "lx"
#define __UINT64_MAX__ 18446744073709551615UL
#define __UINT64_TYPE__ long unsigned int
#define __UINT8_C_SUFFIX__
#define __UINT8_FMTX__ "hhX"
#define __UINT8_FMTo__ "hho"
#define __UINT8_FMTu__ "hhu"
#define __UINT8_FMTx__ "hhx"
#define __UINT8_MAX__ 255
#define __UINT8_TYPE__ unsigned char
#define __UINTMAX_C_SUFFIX__ UL
#define __UINTMAX_FMTX__ "lX"
#define __UINTMAX_FMTo__ "lo"
#define __UINTMAX_FMTu__ "lu"
#define __UINTMAX_FMTx__ "lx"
#define __UINTMAX_MAX__ 18446744073709551615UL
#define __UINTMAX_TYPE__ long unsigned int
#define __UINTMAX_WIDTH__ 64
#define __UINTPTR_FMTX__ "lX"
#define __UINTPTR_FMTo__ "lo"
#define __UINTPTR_FMTu__ "lu"
#define __UINTPTR_FMTx__ "lx"
#define __UINTPTR_MAX__ 18446744073709551615UL
#define __UINTPTR_TYPE__ long unsigned int
#define __UINTPTR_WIDTH__ 64
#define __UINT_FAST16_FMTX__ "hX"
#define __UINT_FAST16_FMTo__ "ho"
#define __UINT_FAST16_FMTu__ "hu"
#define __UINT_FAST16_FMTx__ "hx"
#define __UINT_FAST16_MAX__ 65535
#define __UINT_FAST16_TYPE__ unsigned short
#define __UINT_FAST32_FMTX__ "X"
#define __UINT_FAST32_FMTo__ "o"
#define __UINT_FAST32_FMTu__ "u"
#define __UINT_FAST32_FMTx__ "x"
#define __UINT_FAST32_MAX__ 4294967295U
#define __UINT_FAST32_TYPE__ unsigned int
#define __UINT_FAST64_FMTX__ "lX"
#define __UINT_FAST64_FMTo__ "lo"
#define __UINT_FAST64_FMTu__ "lu"
#define __UINT_FAST64_FMTx__ "lx"
#define __UINT_FAST64_MAX__ 18446744073709551615UL
#define __UINT_FAST64_TYPE__ long unsigned int
#define __UINT_FAST8_FMTX__ "hhX"
#define __UINT_FAST8_FMTo__ "hho"
#define __UINT_FAST8_FMTu__ "hhu"
#define __UINT_FAST8_FMTx__ "hhx"
#define __UINT_FAST8_MAX__ 255
#define __UINT_FAST8_TYPE__ unsigned char
#define __UINT_LEAST16_FMTX__ "hX"
#define __UINT_LEAST16_FMTo__ "ho"
#define __UINT_LEAST16_FMTu__ "hu"
#define __UINT_LEAST16_FMTx__ "hx"
#define __UINT_LEAST16_MAX__ 65535
#define __UINT_LEAST16_TYPE__ unsigned short
#define __UINT_LEAST32_FMTX__ "X"
#define __UINT_LEAST32_FMTo__ "o"
#define __UINT_LEAST32_FMTu__ "u"
#define __UINT_LEAST32_FMTx__ "x"
#define __UINT_LEAST32_MAX__ 4294967295U
#define __UINT_LEAST32_TYPE__ unsigned int
#define __UINT_LEAST64_FMTX__ "lX"
#define __UINT_LEAST64_FMTo__ "lo"
#define __UINT_LEAST64_FMTu__ "lu"
#define __UINT_LEAST64_FMTx__ "lx"
#define __UINT_LEAST64_MAX__ 18446744073709551615UL
#define __UINT_LEAST64_TYPE__ long unsigned int
#define __UINT_LEAST8_FMTX__ "hhX"
#define __UINT_LEAST8_FMTo__ "hho"
#define __UINT_LEAST8_FMTu__ "hhu"
#define __UINT_LEAST8_FMTx__ "hhx"
#define __UINT_LEAST8_MAX__ 255
#define __UINT_LEAST8_TYPE__ unsigned char
#define __USER_LABEL_PREFIX__
#define __WCHAR_MAX__ 2147483647
#define __WCHAR_TYPE__ int
#define __WCHAR_WIDTH__ 32
#define __WINT_MAX__ 2147483647
#define __WINT_TYPE__ int
#define __WINT_WIDTH__ 32
#define __bpf__ 1
#define __clang__ 1
#define __clang_literal_encoding__ "UTF-8"
#define __clang_major__ 19
#define __clang_minor__ 1
#define __clang_patchlevel__ 7
#define __clang_wide_literal_encoding__ "UTF-32"
#define __llvm__ 1
#define __VERSION__ "ebcc 0.1.0 (clang 19.1.7 compatible)"
#define __clang_version__ "19.1.7 (ebcc 0.1.0)"
#define __ebcc__ 1
`;
var CPU_FEATURES = {
  1: [],
  2: ["JMP_EXT", "MAY_GOTO"],
  3: ["ALU32", "JMP32", "JMP_EXT", "MAY_GOTO"],
  4: ["ALU32", "BSWAP", "GOTOL", "JMP32", "JMP_EXT", "LDSX", "MAY_GOTO", "MOVSX", "SDIV_SMOD", "ST"]
};
function predefinedSource(options) {
  const lines = [TARGET_MACROS.trim()];
  lines.push(`#define __BPF_CPU_VERSION__ ${options.mcpu}`);
  for (const feature of CPU_FEATURES[options.mcpu]) lines.push(`#define __BPF_FEATURE_${feature} 1`);
  lines.push(options.optLevel === 2 ? "#define __OPTIMIZE__ 1" : "#define __NO_INLINE__ 1");
  return lines.join("\n") + "\n";
}
function commandLineSource(options) {
  const lines = [];
  for (const d of options.defines) lines.push(`#define ${d.name} ${(d.value ?? "1").replace(/[\r\n]+/g, " ")}`);
  for (const name of options.undefs) lines.push(`#undef ${name}`);
  for (const path of options.forcedIncludes) lines.push(`#include "${path}"`);
  return lines.join("\n") + "\n";
}

// src/pp/preprocess.ts
function preprocess(file, ctx) {
  const pp = {
    ctx,
    macros: /* @__PURE__ */ new Map(),
    files: [],
    pushback: [],
    searchDirs: [...ctx.options.includeDirs, ctx.options.stdlibDir],
    pushedMacros: /* @__PURE__ */ new Map(),
    onceFiles: /* @__PURE__ */ new Set(),
    baseFile: file.path,
    lineMarks: /* @__PURE__ */ new Map(),
    counter: 0,
    tokenCount: 0,
    expansionDepth: 0,
    stopped: false,
    hideSetsWithName: /* @__PURE__ */ new Map()
  };
  const out = [];
  const builtin = ctx.sources.add("<built-in>", predefinedSource(ctx.options));
  const commandLine = ctx.sources.add("<command line>", commandLineSource(ctx.options));
  for (const f of [builtin, commandLine, file]) {
    openFile(pp, f, -1);
    run(pp, out);
  }
  const eof = makeEof({ file: file.id, start: file.text.length, end: file.text.length });
  if (pp.stopped) return [eof];
  out.push(eof);
  return out;
}
function run(pp, out) {
  const src = fileSource(pp);
  while (pp.files.length > 0) {
    if (pp.stopped) {
      pp.files.length = 0;
      pp.pushback.length = 0;
      return;
    }
    const tok = src.next();
    if (tok.kind === "eof") {
      closeFile(pp);
      continue;
    }
    if (expandMacro(pp, src, tok)) continue;
    out.push(outputToken(tok));
    if (out.length > MAX_TOKENS) {
      pp.ctx.diags.error("E1014", `preprocessing produced more than ${MAX_TOKENS} tokens; stopped`, tok.span, {
        expansion: tok.expansion
      });
      pp.stopped = true;
    }
  }
}
function fileSource(pp) {
  return {
    next() {
      for (; ; ) {
        const unread = pp.pushback.pop();
        if (unread) return unread;
        const f = currentFile(pp);
        if (!f || pp.stopped) return makeEof({ file: -1, start: 0, end: 0 });
        const tok = f.tokens[f.pos];
        reportLexDiags(pp, f, tok.span.start);
        if (tok.kind === "eof") return tok;
        f.pos++;
        if (tok.kind === "punct" && tok.text === "#" && tok.lineStart) {
          runDirective(pp, f, tok);
          continue;
        }
        return tok;
      }
    },
    unread(tok) {
      if (tok.kind !== "eof") pp.pushback.push(tok);
    }
  };
}
function outputToken(tok) {
  const { kind, text, span, expansion, spaceBefore, lineStart } = tok;
  return expansion ? { kind, text, span, expansion, spaceBefore, lineStart } : { kind, text, span, spaceBefore, lineStart };
}

// src/sema/bpf-rules.ts
var MAX_CALL_ARGS = 5;
function reportUndeclared(s, name, span) {
  if (name.startsWith("bpf_")) {
    const known = helperByName(name);
    if (known) {
      error(s, "E3111", `helper '${name}' is not declared: include <bpf/bpf_helpers.h>`, span);
      return;
    }
    const near2 = closest(name, helperTable().map((h) => h.name));
    error(s, "E3111", `there is no BPF helper named '${name}'${near2 ? `; did you mean '${near2}'?` : ""}`, span);
    return;
  }
  const names = [];
  for (const scope of s.scopes) for (const n of scope.names.keys()) names.push(n);
  const near = closest(name, names);
  error(s, "E3001", `use of undeclared identifier '${name}'${near ? `; did you mean '${near}'?` : ""}`, span);
}
function closest(name, candidates) {
  if (name.length >= 8) {
    let prefixed;
    for (const c of candidates) if (c.startsWith(name) && c !== name && (!prefixed || c.length < prefixed.length)) prefixed = c;
    if (prefixed) return prefixed;
  }
  let best;
  let bestDist = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    if (Math.abs(c.length - name.length) >= bestDist) continue;
    const d = editDistance(name, c);
    if (d < bestDist && d < Math.min(name.length, c.length)) {
      best = c;
      bestDist = d;
    }
  }
  return best;
}
function editDistance(a, b) {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
function checkAsmStmt(s, st2) {
  const isBarrier = st2.template.trim() === "" && st2.outputs.length === 0 && st2.inputs.length === 0;
  if (!isBarrier) {
    error(s, "E3112", 'inline assembly is not supported; only the compiler barrier asm volatile("" ::: "memory") is accepted', st2.span);
  }
  return { kind: "Barrier", span: st2.span };
}
function classifyGlobal(s, g, blockScope) {
  const t = strip(g.type);
  const q = qualifiersOf(g.type);
  if (g.section === ".maps") {
    g.role = "map";
    if (t.kind !== "record") error(s, "E3101", `map '${g.name}' in SEC(".maps") must be a struct of __uint/__type members`, g.span);
    return;
  }
  if (g.section === "maps") {
    g.role = "legacy-map";
    return;
  }
  if (g.section === "license" || g.name === "_license" || g.name === "__license") {
    g.role = "license";
    return;
  }
  if (g.section === "version" || g.name === "_version") {
    g.role = "version";
    return;
  }
  if (t.kind === "ptr" && strip(t.to).kind === "func" && g.init?.kind === "Scalar") {
    const id = tryEval(g.init.expr);
    if (id !== void 0) {
      g.role = "helper";
      g.helperId = Number(id);
      return;
    }
  }
  if (q.const && q.volatile) {
    g.role = "rodata";
    return;
  }
  if (q.const && g.init) {
    g.role = "const";
    return;
  }
  if (g.isExtern) return;
  g.role = "other";
  error(
    s,
    "E3101",
    blockScope ? `static local variable '${g.name}' needs global storage, which BPF programs do not have` : `global variable '${g.name}' is not supported: BPF programs keep state in maps`,
    g.span
  );
}
function checkProgramFunction(s, fd) {
  const sym = fd.sym;
  if (sym.noInline && fd.params.length > MAX_CALL_ARGS) {
    error(s, "E3106", `function '${sym.name}' takes ${fd.params.length} arguments but a BPF-to-BPF call passes at most ${MAX_CALL_ARGS} (in R1-R5)`, sym.span);
  }
  if (sym.section === void 0) return;
  const pt = findProgType(sym.section);
  if (!pt) {
    error(s, "E3109", `unknown program section '${sym.section}': libbpf cannot tell the program type`, sym.span, [
      { message: `known sections: ${SECTION_DEFS.map((d) => d.section).join(", ")}` }
    ]);
    return;
  }
  if (pt.kind === "legacy") {
    warning(s, "E3110", `section name '${sym.section}' is a pre-libbpf-1.0 name that libbpf 1.x does not recognise; use SEC("${pt.replacement}")`, sym.span);
  }
  const ctxStruct = pt.progType?.ctxStruct;
  if (ctxStruct === void 0) return;
  const params = fd.params;
  const p0 = params[0];
  const ctxOk = params.length === 1 && p0 !== void 0 && isPointer(p0.type) && (() => {
    const to = strip(pointee2(p0.type));
    return to.kind === "record" && to.info.name === ctxStruct;
  })();
  if (!ctxOk || !isInteger(sym.type.ret)) {
    error(s, "E3108", `program '${sym.name}' in section '${sym.section}' must be declared 'int ${sym.name}(struct ${ctxStruct} *ctx)'`, sym.span);
  }
}
function checkWholeProgram(s, program) {
  for (const g of program.globals) {
    const t = strip(g.type);
    if (!g.isExtern && t.kind === "record" && !t.info.complete) {
      error(s, "E3008", `tentative definition of '${g.name}' has type '${typeToString(g.type)}' that is never completed`, g.span, [
        { message: "forward declaration is here", span: t.info.span }
      ]);
    }
  }
  const calls = /* @__PURE__ */ new Map();
  for (const fd of program.functions) {
    const list = [];
    walkStmt(fd.body, (e) => {
      if (e.kind === "Call") list.push({ callee: e.callee.name, span: e.span });
      if (e.kind === "HelperCall" && e.args.length > MAX_CALL_ARGS) {
        error(s, "E3106", `helper '${e.helper.name}' is called with ${e.args.length} arguments; BPF passes at most ${MAX_CALL_ARGS} (in R1-R5)`, e.span);
      }
      if (e.kind === "Global" && (e.sym.role === "other" || e.sym.isExtern) && e.sym.role !== "helper" && e.sym.role !== "map" && e.sym.role !== "legacy-map" && e.sym.role !== "rodata" && e.sym.role !== "const") {
        if (e.sym.isExtern) error(s, "E3101", `extern variable '${e.sym.name}' cannot be used: BPF objects have no external data`, e.span);
      }
    });
    calls.set(fd.sym.name, list);
  }
  const state = /* @__PURE__ */ new Map();
  const reported = /* @__PURE__ */ new Set();
  const visit = (name, path) => {
    state.set(name, "active");
    for (const c of calls.get(name) ?? []) {
      const st2 = state.get(c.callee);
      if (st2 === "active") {
        const cycleStart = path.findIndex((p) => p.callee === c.callee);
        const cycle = [...path.slice(cycleStart + 1), c];
        const key = cycle.map((x) => x.callee).sort().join(",");
        if (!reported.has(key)) {
          reported.add(key);
          error(s, "E3102", `recursive call to '${c.callee}': the BPF verifier rejects recursion (calls must form a DAG)`, c.span, cycle.slice(0, -1).map((x) => ({ message: `'${x.callee}' is called here`, span: x.span })));
        }
      } else if (st2 === void 0) visit(c.callee, [...path, c]);
    }
    state.set(name, "done");
  };
  for (const fd of program.functions) if (!state.has(fd.sym.name)) visit(fd.sym.name, [{ callee: fd.sym.name, span: fd.sym.span }]);
}
function walkStmt(st2, f) {
  switch (st2.kind) {
    case "Block":
      st2.items.forEach((x) => walkStmt(x, f));
      return;
    case "Expr":
      walkExpr(st2.expr, f);
      return;
    case "Decl":
      if (st2.init) walkInit(st2.init, f);
      return;
    case "If":
      walkExpr(st2.cond, f);
      walkStmt(st2.then, f);
      if (st2.else) walkStmt(st2.else, f);
      return;
    case "Loop":
      if (st2.init) walkStmt(st2.init, f);
      if (st2.cond) walkExpr(st2.cond, f);
      if (st2.step) walkExpr(st2.step, f);
      walkStmt(st2.body, f);
      return;
    case "Switch":
      walkExpr(st2.cond, f);
      walkStmt(st2.body, f);
      return;
    case "Case":
    case "Label":
      walkStmt(st2.body, f);
      return;
    case "Return":
      if (st2.expr) walkExpr(st2.expr, f);
      return;
    case "Break":
    case "Continue":
    case "Goto":
    case "Barrier":
    case "Empty":
      return;
    default: {
      const never = st2;
      return never;
    }
  }
}
function walkInit(init, f) {
  if (init.kind === "Scalar") walkExpr(init.expr, f);
  else init.entries.forEach((e) => walkExpr(e.expr, f));
}
function walkExpr(e, f) {
  f(e);
  switch (e.kind) {
    case "Const":
    case "Local":
    case "Global":
    case "FuncRef":
      return;
    case "Unary":
    case "Cast":
    case "Decay":
    case "AddrOf":
      walkExpr(e.operand, f);
      return;
    case "Arith":
    case "Compare":
    case "Logical":
    case "PtrDiff":
      walkExpr(e.left, f);
      walkExpr(e.right, f);
      return;
    case "PtrAdd":
      walkExpr(e.ptr, f);
      walkExpr(e.index, f);
      return;
    case "Cond":
      walkExpr(e.cond, f);
      walkExpr(e.then, f);
      walkExpr(e.else, f);
      return;
    case "Assign":
    case "CompoundAssign":
      walkExpr(e.target, f);
      walkExpr(e.value, f);
      return;
    case "IncDec":
      walkExpr(e.target, f);
      return;
    case "Call":
    case "HelperCall":
    case "Builtin":
      e.args.forEach((a) => walkExpr(a, f));
      return;
    case "Member":
      walkExpr(e.object, f);
      return;
    case "Deref":
      walkExpr(e.ptr, f);
      return;
    case "Comma":
      e.exprs.forEach((x) => walkExpr(x, f));
      return;
    case "StmtExpr":
      e.body.forEach((x) => walkStmt(x, f));
      if (e.result) walkExpr(e.result, f);
      return;
    case "CompoundLit":
      walkInit(e.init, f);
      return;
    default: {
      const never = e;
      return never;
    }
  }
}

// src/sema/convert.ts
function castTo(e, to, span = e.span) {
  if (sameType(e.type, to) && qualifiersOf(e.type).volatile === qualifiersOf(to).volatile) return e;
  return { kind: "Cast", type: to, operand: e, span };
}
function isNullPointerConstant(e) {
  let x = e;
  while (x.kind === "Cast" && (isInteger(x.type) || isPointer(x.type) && isVoid(pointee2(x.type)))) x = x.operand;
  return x.kind === "Const" && x.value === 0n && isInteger(x.type);
}
function isLvalue(e) {
  switch (e.kind) {
    case "Local":
    case "Global":
    case "Deref":
    case "CompoundLit":
      return true;
    case "Member":
      return isLvalue(e.object) || e.object.kind === "Call" || e.object.kind === "HelperCall";
    default:
      return false;
  }
}
function conversionPhrase(what, to, from) {
  const t = `'${typeToString(to)}'`;
  const f = `'${typeToString(from)}'`;
  if (what === "returning") return `returning ${f} from a function with result type ${t}`;
  if (what === "passing to parameter of type") return `passing ${f} to parameter of type ${t}`;
  if (what === "initializing") return `initializing ${t} with an expression of type ${f}`;
  return `${what} ${t} from ${f}`;
}
function convertForAssignment(s, value, to, what) {
  const dst = strip(to);
  const src = strip(value.type);
  if (isArithmetic(dst) && isArithmetic(src)) return castTo(value, to);
  if (dst.kind === "record" && src.kind === "record") {
    if (dst.info === src.info) return value;
  } else if (dst.kind === "ptr") {
    if (isNullPointerConstant(value)) return castTo(value, to);
    if (src.kind === "ptr") {
      const a = strip(dst.to);
      const b = strip(src.to);
      if (a.kind !== "void" && b.kind !== "void" && !sameType(dst.to, src.to)) {
        const sameIgnoringSign = a.kind === "int" && b.kind === "int" && a.sizeBytes === b.sizeBytes;
        const phrase = conversionPhrase(what, to, value.type);
        if (sameIgnoringSign) warning(s, "E3028", `${phrase} converts between pointers to integer types with different sign`, value.span);
        else warning(s, "E3025", `incompatible pointer types: ${phrase}`, value.span);
      } else if (qualifiersOf(src.to).const && !qualifiersOf(dst.to).const) {
        warning(s, "E3029", `${conversionPhrase(what, to, value.type)} discards the 'const' qualifier`, value.span);
      }
      return castTo(value, to);
    }
    if (isInteger(src)) {
      warning(s, "E3026", `incompatible integer to pointer conversion: ${conversionPhrase(what, to, value.type)}`, value.span);
      return castTo(value, to);
    }
  } else if (isInteger(dst) && src.kind === "ptr") {
    if (dst.kind === "int" && dst.isBool) return castTo(value, to);
    warning(s, "E3026", `incompatible pointer to integer conversion: ${conversionPhrase(what, to, value.type)}`, value.span);
    return castTo(value, to);
  }
  error(s, "E3003", `incompatible types: ${conversionPhrase(what, to, value.type)}`, value.span);
  return castTo(value, to);
}
function checkCondition(s, e) {
  if (!isScalar(e.type)) {
    error(s, "E3004", `statement requires expression of scalar type ('${typeToString(e.type)}' invalid)`, e.span);
  }
  return e;
}

// src/sema/builtins.ts
var pointeeOfFirst = (args) => pointee2(args[0]?.type ?? INT) ?? INT;
var ATOMIC_RMW = ["add", "sub", "or", "and", "xor"];
function table() {
  const m = /* @__PURE__ */ new Map();
  m.set("__builtin_memcpy", { arity: 3, result: () => ptrTo(VOID) });
  m.set("__builtin_memmove", { arity: 3, result: () => ptrTo(VOID) });
  m.set("__builtin_memset", { arity: 3, result: () => ptrTo(VOID) });
  m.set("__builtin_memcmp", { arity: 3, result: () => INT });
  m.set("__builtin_bswap16", { arity: 1, result: () => USHORT });
  m.set("__builtin_bswap32", { arity: 1, result: () => UINT });
  m.set("__builtin_bswap64", { arity: 1, result: () => ULLONG });
  m.set("__builtin_unreachable", { arity: 0, result: () => VOID });
  m.set("__builtin_trap", { arity: 0, result: () => VOID });
  for (const op of ATOMIC_RMW) {
    m.set(`__sync_fetch_and_${op}`, { arity: 2, result: pointeeOfFirst });
    m.set(`__sync_${op}_and_fetch`, { arity: 2, result: pointeeOfFirst });
    m.set(`__atomic_fetch_${op}`, { arity: 3, result: pointeeOfFirst });
    m.set(`__atomic_${op}_fetch`, { arity: 3, result: pointeeOfFirst });
  }
  m.set("__sync_val_compare_and_swap", { arity: 3, result: pointeeOfFirst });
  m.set("__sync_bool_compare_and_swap", { arity: 3, result: () => BOOL });
  m.set("__sync_lock_test_and_set", { arity: 2, result: pointeeOfFirst });
  m.set("__atomic_exchange_n", { arity: 3, result: pointeeOfFirst });
  m.set("__atomic_load_n", { arity: 2, result: pointeeOfFirst });
  m.set("__atomic_store_n", { arity: 3, result: () => VOID });
  m.set("__atomic_compare_exchange_n", { arity: 6, result: () => BOOL });
  return m;
}
var SEMA_BUILTINS = /* @__PURE__ */ new Set(["__builtin_expect", "__builtin_expect_with_probability", "__builtin_constant_p", "__builtin_preserve_access_index", "__builtin_assume_aligned"]);
var BUILTINS = table();
function builtinTable() {
  return BUILTINS;
}
function isBuiltinName(name) {
  return SEMA_BUILTINS.has(name) || builtinTable().has(name);
}
function checkBuiltinCall(s, name, argAsts, span) {
  if (name === "__builtin_constant_p") {
    const arg = argAsts[0] ? checkExpr(s, argAsts[0]) : void 0;
    return { kind: "Const", value: arg && tryEval(arg) !== void 0 ? 1n : 0n, type: INT, span };
  }
  const args = argAsts.map((a) => checkExpr(s, a));
  if (name === "__builtin_expect" || name === "__builtin_expect_with_probability") {
    return args[0] ? castTo(args[0], LONG) : { kind: "Const", value: 0n, type: LONG, span };
  }
  if (name === "__builtin_preserve_access_index" || name === "__builtin_assume_aligned") {
    return args[0] ?? { kind: "Const", value: 0n, type: INT, span };
  }
  const spec = builtinTable().get(name);
  if (args.length !== spec.arity) {
    error(s, "E3009", `too ${args.length < spec.arity ? "few" : "many"} arguments to '${name}', expected ${spec.arity}, have ${args.length}`, span);
    return { kind: "Const", value: 0n, type: INT, span };
  }
  if (name.startsWith("__sync_") || name.startsWith("__atomic_")) {
    const p = args[0];
    const to = pointee2(p.type);
    if (!to || !isInteger(to) || ![1, 2, 4, 8].includes(sizeOf(to) ?? 0)) {
      error(s, "E3004", `the first argument to '${name}' must be a pointer to a 1, 2, 4 or 8-byte integer ('${typeToString(p.type)}' given)`, p.span);
      return { kind: "Const", value: 0n, type: INT, span };
    }
    for (let i = 1; i < args.length; i++) {
      if (name === "__atomic_compare_exchange_n" && i === 1 || name.startsWith("__atomic_") && i === args.length - 1 || name === "__atomic_compare_exchange_n" && i >= 3) continue;
      args[i] = castTo(args[i], to);
    }
  }
  if (name === "__builtin_bswap16" || name === "__builtin_bswap32" || name === "__builtin_bswap64") {
    args[0] = castTo(args[0], spec.result(args));
  }
  if (name === "__builtin_memcpy" || name === "__builtin_memmove" || name === "__builtin_memset" || name === "__builtin_memcmp") {
    args[2] = castTo(args[2], SIZE_T);
    if (name === "__builtin_memset") args[1] = castTo(args[1], INT);
  }
  return { kind: "Builtin", name, args, type: spec.result(args), span };
}

// src/sema/layout.ts
function layoutRecord(s, info2, drafts, attrs) {
  const members = [];
  let bitPos = 0;
  let sizeBits = 0;
  let align = 1;
  const isUnion = info2.tag === "union";
  drafts.forEach((m, i) => {
    const size = sizeOf(m.type);
    const st2 = strip(m.type);
    const isLast = i === drafts.length - 1;
    if (size === void 0 || st2.kind === "array" && st2.length === void 0) {
      const flexible = st2.kind === "array" && st2.length === void 0 && isLast && !isUnion && members.length > 0;
      if (!flexible) {
        error(s, "E3008", `field '${m.name ?? "(anonymous)"}' has incomplete type '${typeToString(m.type)}'`, m.span);
        return;
      }
    }
    const sizeBytes = size ?? 0;
    const natural = m.packed || attrs.packed ? 1 : alignOf(m.type);
    const memberAlign = Math.max(natural, m.alignBytes ?? 1);
    if (m.bitWidth !== void 0) {
      const unitBits = sizeBytes * 8;
      if (m.bitWidth === 0) {
        bitPos = roundUp(bitPos, alignOf(m.type) * 8);
        return;
      }
      let start = isUnion ? 0 : bitPos;
      if (!(m.packed || attrs.packed) && Math.floor(start / unitBits) !== Math.floor((start + m.bitWidth - 1) / unitBits)) {
        start = roundUp(start, unitBits);
      }
      const unitOffset = m.packed || attrs.packed ? Math.floor(start / 8) : Math.floor(start / unitBits) * sizeBytes;
      if (m.name !== void 0) {
        members.push({ name: m.name, type: m.type, offsetBytes: unitOffset, bitOffset: start, bitWidth: m.bitWidth, span: m.span });
        align = Math.max(align, memberAlign);
      }
      bitPos = start + m.bitWidth;
      sizeBits = Math.max(sizeBits, bitPos);
      return;
    }
    const offsetBits = isUnion ? 0 : roundUp(bitPos, memberAlign * 8);
    members.push({ name: m.name, type: m.type, offsetBytes: offsetBits / 8, bitOffset: offsetBits, bitWidth: 0, span: m.span });
    align = Math.max(align, memberAlign);
    bitPos = offsetBits + sizeBytes * 8;
    sizeBits = Math.max(sizeBits, bitPos);
  });
  if (attrs.alignBytes !== void 0) align = Math.max(align, attrs.alignBytes);
  info2.members = members;
  info2.alignBytes = align;
  info2.sizeBytes = roundUp(Math.ceil(sizeBits / 8), align);
  info2.packed = attrs.packed;
  info2.complete = true;
}
function roundUp(n, to) {
  return Math.ceil(n / to) * to;
}
function findMember(info2, name) {
  for (const m of info2.members) {
    if (m.name === name) return { member: m, offsetBytes: m.offsetBytes, path: [] };
    if (m.name === void 0) {
      const inner = strip(m.type);
      if (inner.kind === "record") {
        const found = findMember(inner.info, name);
        if (found) return { member: found.member, offsetBytes: m.offsetBytes + found.offsetBytes, path: [m, ...found.path] };
      }
    }
  }
  return void 0;
}

// src/sema/init.ts
function exprOf(st2, e) {
  let t = st2.checked.get(e);
  if (!t) {
    t = checkExpr(st2.s, e);
    st2.checked.set(e, t);
  }
  return t;
}
function checkInitializer(s, init, type, span) {
  const st2 = strip(type);
  if (init.kind !== "InitList" && st2.kind !== "array" && st2.kind !== "record") {
    return { init: { kind: "Scalar", expr: convertForAssignment(s, checkExpr(s, init), type, "initializing"), span }, type };
  }
  const state = { s, entries: [], unknownLength: 0, checked: /* @__PURE__ */ new Map() };
  initObject(state, type, 0, init, true);
  let finalType = type;
  if (st2.kind === "array" && st2.length === void 0) finalType = { kind: "array", elem: st2.elem, length: state.unknownLength };
  return { init: { kind: "Aggregate", sizeBytes: sizeOf(finalType) ?? 0, entries: state.entries, span }, type: finalType };
}
function initObject(st2, type, offset, init, outermost = false) {
  const t = strip(type);
  if (init.kind === "InitList") {
    if (t.kind !== "array" && t.kind !== "record") {
      if (init.items.length === 0) return;
      if (init.items.length > 1) warning(st2.s, "E3032", "excess elements in scalar initializer", init.items[1].span);
      initObject(st2, type, offset, init.items[0].init);
      return;
    }
    const cur = { items: init.items, pos: 0 };
    fillAggregate(st2, type, offset, cur, false, outermost);
    if (cur.pos < cur.items.length) warning(st2.s, "E3032", `excess elements in ${t.kind === "array" ? "array" : t.info.tag} initializer`, cur.items[cur.pos].span);
    return;
  }
  if (t.kind === "array" && init.kind === "StringLit" && isInteger(t.elem) && sizeOf(t.elem) === 1) {
    const bytes = [...init.bytes, 0];
    const n = t.length ?? bytes.length;
    if (t.length !== void 0 && init.bytes.length > t.length) warning(st2.s, "E3032", "initializer-string for char array is too long", init.span);
    for (let i = 0; i < Math.min(n, bytes.length); i++) {
      if (bytes[i] !== 0) st2.entries.push({ offsetBytes: offset + i, type: t.elem, expr: { kind: "Const", value: BigInt(bytes[i]), type: t.elem, span: init.span } });
    }
    if (outermost && t.length === void 0) st2.unknownLength = bytes.length;
    return;
  }
  const value = exprOf(st2, init);
  if (t.kind === "array" || t.kind === "record" && !sameType(value.type, type)) {
    error(st2.s, "E3014", `initializing '${typeToString(type)}' with an expression of incompatible type '${typeToString(value.type)}'`, init.span);
    return;
  }
  if (t.kind === "record") {
    st2.entries.push({ offsetBytes: offset, type, expr: value });
    return;
  }
  st2.entries.push({ offsetBytes: offset, type, expr: convertForAssignment(st2.s, value, type, "initializing") });
}
function fillAggregate(st2, type, offset, cur, elided, outermost) {
  const t = strip(type);
  if (t.kind === "record") {
    const members = t.info.members;
    let next = 0;
    while (cur.pos < cur.items.length) {
      const item = cur.items[cur.pos];
      if (item.designators.length > 0) {
        if (elided) return;
        const d = item.designators[0];
        if (d.kind !== "FieldDesignator") {
          error(st2.s, "E3014", `array designator cannot initialize non-array type '${typeToString(type)}'`, d.span);
          cur.pos++;
          continue;
        }
        const found = findMember(t.info, d.name);
        if (!found) {
          error(st2.s, "E3006", `field designator '${d.name}' does not refer to any field in type '${typeToString(type)}'`, d.span);
          cur.pos++;
          continue;
        }
        const top = found.path[0] ?? found.member;
        next = members.indexOf(top) + 1;
        cur.pos++;
        initDesignated(st2, found.member.type, offset + found.offsetBytes, item.designators.slice(1), item.init, found.member);
        if (t.info.tag === "union") return;
        continue;
      }
      if (next >= members.length) return;
      const m = members[next++];
      initSubobject(st2, m.type, offset + m.offsetBytes, cur, m);
      if (t.info.tag === "union") return;
    }
    return;
  }
  if (t.kind !== "array") return;
  const elemSize = sizeOf(t.elem) ?? 0;
  let index2 = 0;
  while (cur.pos < cur.items.length) {
    if (t.length !== void 0 && index2 >= t.length && cur.items[cur.pos].designators.length === 0) return;
    const item = cur.items[cur.pos];
    if (item.designators.length > 0) {
      if (elided) return;
      const d = item.designators[0];
      if (d.kind !== "IndexDesignator") {
        error(st2.s, "E3014", `field designator '${d.name}' used to initialize array type '${typeToString(type)}'`, d.span);
        cur.pos++;
        continue;
      }
      const lo = Number(evalIntConst(st2.s, checkExpr(st2.s, d.index)) ?? 0n);
      const hi = d.hi ? Number(evalIntConst(st2.s, checkExpr(st2.s, d.hi)) ?? BigInt(lo)) : lo;
      if (lo < 0 || t.length !== void 0 && hi >= t.length) {
        error(st2.s, "E3014", `array index ${hi} is past the end of the array (which contains ${t.length} elements)`, d.span);
        cur.pos++;
        continue;
      }
      cur.pos++;
      for (let i = lo; i <= hi; i++) initDesignated(st2, t.elem, offset + i * elemSize, item.designators.slice(1), item.init);
      index2 = hi + 1;
      if (outermost) st2.unknownLength = Math.max(st2.unknownLength, index2);
      continue;
    }
    initSubobject(st2, t.elem, offset + index2 * elemSize, cur);
    index2++;
    if (outermost) st2.unknownLength = Math.max(st2.unknownLength, index2);
  }
}
function initSubobject(st2, type, offset, cur, member) {
  const item = cur.items[cur.pos];
  const t = strip(type);
  const isAggregate = t.kind === "array" || t.kind === "record";
  const takesWhole = item.init.kind === "InitList" || !isAggregate || t.kind === "array" && item.init.kind === "StringLit" || t.kind === "record" && exprHasRecordType(st2, item.init, type);
  if (takesWhole) {
    cur.pos++;
    if (member && member.bitWidth > 0) initBitfield(st2, member, offset, item.init);
    else initObject(st2, type, offset, item.init);
    return;
  }
  fillAggregate(st2, type, offset, cur, true, false);
}
function exprHasRecordType(st2, init, type) {
  if (init.kind === "InitList") return false;
  return sameType(exprOf(st2, init).type, type);
}
function initDesignated(st2, type, offset, rest, init, member) {
  if (rest.length === 0) {
    if (member && member.bitWidth > 0) initBitfield(st2, member, offset, init);
    else initObject(st2, type, offset, init);
    return;
  }
  const item = { kind: "InitItem", span: rest[0].span, designators: rest, init };
  fillAggregate(st2, type, offset, { items: [item], pos: 0 }, false, false);
}
function initBitfield(st2, m, unitOffset, init) {
  if (init.kind === "InitList") {
    if (init.items[0]) initBitfield(st2, m, unitOffset, init.items[0].init);
    return;
  }
  const value = castTo(exprOf(st2, init), m.type);
  st2.entries.push({ offsetBytes: unitOffset, type: m.type, bitOffset: m.bitOffset - m.offsetBytes * 8, bitWidth: m.bitWidth, expr: value });
}

// src/sema/stmt.ts
function newLocal(s, name, type, span, isParam = false) {
  const fn = s.fn;
  const local = { kind: "local", name, type, span, id: fn.nextLocalId++, isParam, addressTaken: false };
  fn.locals.push(local);
  return local;
}
function checkBlockItems(s, items) {
  const out = [];
  for (const item of items) {
    if (item.kind === "Declaration") out.push(...checkDeclaration(s, item));
    else if (item.kind === "StaticAssert") checkDeclaration(s, item);
    else out.push(checkStmt(s, item));
  }
  return out;
}
function checkStmt(s, st2) {
  const fn = s.fn;
  switch (st2.kind) {
    case "CompoundStmt": {
      pushScope(s);
      const items = checkBlockItems(s, st2.items);
      popScope(s);
      return { kind: "Block", items, span: st2.span };
    }
    case "ExprStmt":
      return st2.expr ? { kind: "Expr", expr: checkExpr(s, st2.expr), span: st2.span } : { kind: "Empty", span: st2.span };
    case "IfStmt": {
      const cond = checkCondition(s, checkExpr(s, st2.cond));
      return { kind: "If", cond, then: checkStmt(s, st2.then), else: st2.else ? checkStmt(s, st2.else) : void 0, span: st2.span };
    }
    case "WhileStmt":
    case "DoWhileStmt": {
      const cond = checkCondition(s, checkExpr(s, st2.cond));
      const body = inLoop(s, () => checkStmt(s, st2.body));
      return { kind: "Loop", loopKind: st2.kind === "WhileStmt" ? "while" : "do", cond, body, pragmas: st2.pragmas.map((p) => p.text), span: st2.span };
    }
    case "ForStmt": {
      pushScope(s);
      let init;
      if (st2.init) {
        if (st2.init.kind === "Declaration") init = { kind: "Block", items: checkDeclaration(s, st2.init), span: st2.init.span };
        else init = { kind: "Expr", expr: checkExpr(s, st2.init), span: st2.init.span };
      }
      const cond = st2.cond ? checkCondition(s, checkExpr(s, st2.cond)) : void 0;
      const step2 = st2.step ? checkExpr(s, st2.step) : void 0;
      const body = inLoop(s, () => checkStmt(s, st2.body));
      popScope(s);
      return { kind: "Loop", loopKind: "for", init, cond, step: step2, body, pragmas: st2.pragmas.map((p) => p.text), span: st2.span };
    }
    case "SwitchStmt": {
      let cond = checkExpr(s, st2.cond);
      if (!isInteger(cond.type)) error(s, "E3004", `statement requires expression of integer type ('${typeToString(cond.type)}' invalid)`, st2.cond.span);
      else cond = castTo(cond, promote(cond.type));
      const sw = { cases: [], defaultCase: void 0 };
      fn.switches.push(sw);
      fn.breakableDepth++;
      const body = checkStmt(s, st2.body);
      fn.breakableDepth--;
      fn.switches.pop();
      return { kind: "Switch", cond, body, cases: sw.cases, defaultCase: sw.defaultCase, span: st2.span };
    }
    case "CaseStmt": {
      const sw = fn.switches[fn.switches.length - 1];
      const lo = evalIntConst(s, checkExpr(s, st2.value)) ?? 0n;
      const hi = st2.hi ? evalIntConst(s, checkExpr(s, st2.hi)) ?? lo : lo;
      const target2 = { kind: "Case", body: { kind: "Empty", span: st2.span }, span: st2.span };
      if (!sw) error(s, "E3021", "'case' statement not in switch statement", headSpan(st2.span, "case".length));
      else {
        const dup = sw.cases.find((c) => c.lo <= hi && lo <= c.hi);
        if (dup) error(s, "E3017", `duplicate case value '${lo}'`, st2.value.span, [{ message: "previous case defined here", span: dup.span }]);
        sw.cases.push({ lo, hi, target: target2, span: st2.value.span });
      }
      target2.body = checkStmt(s, st2.body);
      return target2;
    }
    case "DefaultStmt": {
      const sw = fn.switches[fn.switches.length - 1];
      const target2 = { kind: "Case", body: { kind: "Empty", span: st2.span }, span: st2.span };
      const keyword = headSpan(st2.span, "default".length);
      if (!sw) error(s, "E3021", "'default' statement not in switch statement", keyword);
      else if (sw.defaultCase) error(s, "E3017", "multiple default labels in one switch", keyword, [{ message: "previous default defined here", span: headSpan(sw.defaultCase.span, "default".length) }]);
      else sw.defaultCase = target2;
      target2.body = checkStmt(s, st2.body);
      return target2;
    }
    case "BreakStmt":
      if (fn.breakableDepth === 0) error(s, "E3015", "'break' statement not in loop or switch statement", st2.span);
      return { kind: "Break", span: st2.span };
    case "ContinueStmt":
      if (fn.loopDepth === 0) error(s, "E3015", "'continue' statement not in loop statement", st2.span);
      return { kind: "Continue", span: st2.span };
    case "ReturnStmt":
      return checkReturn(s, st2);
    case "GotoStmt":
      fn.gotos.push({ label: st2.label, span: st2.span });
      return { kind: "Goto", label: st2.label, span: st2.span };
    case "LabeledStmt": {
      const prev = fn.labels.get(st2.label);
      const name = headSpan(st2.span, st2.label.length);
      if (prev) error(s, "E3002", `redefinition of label '${st2.label}'`, name, [{ message: "previous definition is here", span: prev }]);
      fn.labels.set(st2.label, name);
      return { kind: "Label", label: st2.label, body: checkStmt(s, st2.body), span: st2.span };
    }
    case "AsmStmt":
      return checkAsmStmt(s, st2);
    default:
      return assertNever(st2);
  }
}
function inLoop(s, f) {
  const fn = s.fn;
  fn.loopDepth++;
  fn.breakableDepth++;
  try {
    return f();
  } finally {
    fn.loopDepth--;
    fn.breakableDepth--;
  }
}
function checkReturn(s, st2) {
  const ret2 = s.fn.sym.type.ret;
  if (!st2.expr) {
    if (!isVoid(ret2)) error(s, "E3020", `non-void function '${s.fn.sym.name}' should return a value`, st2.span);
    return { kind: "Return", span: st2.span };
  }
  const value = checkExpr(s, st2.expr);
  if (isVoid(ret2)) {
    if (!isVoid(value.type)) error(s, "E3020", `void function '${s.fn.sym.name}' should not return a value`, st2.expr.span);
    return { kind: "Return", expr: value, span: st2.span };
  }
  return { kind: "Return", expr: convertForAssignment(s, value, ret2, "returning"), span: st2.span };
}
function headSpan(span, lengthChars) {
  return { file: span.file, start: span.start, end: Math.min(span.end, span.start + lengthChars) };
}

// src/sema/expr.ts
function checkExpr(s, e, opts = {}) {
  const t = checkExprInner(s, e);
  return opts.noDecay ? t : decay(t);
}
function decay(e) {
  const t = strip(e.type);
  if (t.kind === "array") return { kind: "Decay", type: ptrTo(t.elem), operand: e, span: e.span };
  return e;
}
var BINARY_ARITH = {
  "*": "mul",
  "/": "div",
  "%": "rem",
  "+": "add",
  "-": "sub",
  "<<": "shl",
  ">>": "shr",
  "&": "and",
  "|": "or",
  "^": "xor"
};
var BINARY_COMPARE = {
  "<": "lt",
  ">": "gt",
  "<=": "le",
  ">=": "ge",
  "==": "eq",
  "!=": "ne"
};
function constant2(value, type, span) {
  return { kind: "Const", value: wrapInt(value, asInt(type)), type, span };
}
function checkExprInner(s, e) {
  switch (e.kind) {
    case "Ident":
      return checkIdent(s, e);
    case "IntLit":
      return { kind: "Const", value: e.value, type: intLiteralType(s, e), span: e.span };
    case "CharLit":
      return { kind: "Const", value: BigInt(e.prefix === "" ? e.value << 24 >> 24 : e.value), type: INT, span: e.span };
    case "StringLit":
      error(s, "E3107", "string literals can only initialise a local char array in BPF programs (there is no .rodata string storage)", e.span);
      return { kind: "Const", value: 0n, type: ptrTo(CHAR), span: e.span };
    case "BinaryExpr":
      return checkBinary(s, e);
    case "AssignExpr":
      return checkAssign(s, e);
    case "UnaryExpr":
      return checkUnary(s, e);
    case "PostfixExpr": {
      const target2 = checkExpr(s, e.operand);
      return incDec(s, target2, e.op === "++" ? 1 : -1, false, e.span);
    }
    case "CondExpr":
      return checkConditional(s, e);
    case "CallExpr":
      return checkCall(s, e);
    case "MemberExpr":
      return checkMember(s, e);
    case "IndexExpr": {
      const a = checkExpr(s, e.array);
      const i = checkExpr(s, e.index);
      const [p, idx] = isPointer(a.type) ? [a, i] : [i, a];
      if (!isPointer(p.type) || !isInteger(idx.type)) {
        error(s, "E3004", `subscripted value is not an array or pointer ('${typeToString(a.type)}')`, e.array.span);
        return constant2(0n, INT, e.span);
      }
      return deref(s, pointerAdd(s, p, idx, 1, e.span), e.span);
    }
    case "CastExpr":
      return checkCast(s, e);
    case "SizeofExpr": {
      const t = isTypeName(e.arg) ? resolveTypeName(s, e.arg) : checkExpr(s, e.arg, { noDecay: true }).type;
      const size = sizeOf(t);
      if (size === void 0 || strip(t).kind === "void") {
        if (size === void 0) error(s, "E3008", `invalid application of 'sizeof' to an incomplete type '${typeToString(t)}'`, e.span);
      }
      return { kind: "Const", value: BigInt(size ?? 0), type: SIZE_T, span: e.span };
    }
    case "AlignofExpr": {
      const t = isTypeName(e.arg) ? resolveTypeName(s, e.arg) : checkExpr(s, e.arg, { noDecay: true }).type;
      return { kind: "Const", value: BigInt(alignOf(t)), type: SIZE_T, span: e.span };
    }
    case "CommaExpr": {
      const exprs = e.exprs.map((x) => checkExpr(s, x));
      return { kind: "Comma", exprs, type: exprs[exprs.length - 1].type, span: e.span };
    }
    case "StmtExpr": {
      pushScope(s);
      const items = checkBlockItems(s, e.body.items);
      popScope(s);
      const last2 = items[items.length - 1];
      if (last2 && last2.kind === "Expr") {
        items.pop();
        return { kind: "StmtExpr", body: items, result: last2.expr, type: last2.expr.type, span: e.span };
      }
      return { kind: "StmtExpr", body: items, type: VOID, span: e.span };
    }
    case "CompoundLiteral": {
      const type = resolveTypeName(s, e.type);
      const local = newLocal(s, "(compound literal)", type, e.span);
      local.addressTaken = true;
      const checked = checkInitializer(s, e.init, type, e.span);
      local.type = checked.type;
      return { kind: "CompoundLit", local, init: checked.init, type: checked.type, span: e.span };
    }
    case "OffsetofExpr":
      return checkOffsetof(s, e);
    case "TypesCompatibleExpr": {
      const a = resolveTypeName(s, e.a);
      const b = resolveTypeName(s, e.b);
      return constant2(sameType(a, b) ? 1n : 0n, INT, e.span);
    }
    case "ChooseExpr": {
      const c = evalIntConst(s, checkExpr(s, e.cond));
      return checkExpr(s, c !== void 0 && c !== 0n ? e.then : e.else);
    }
    default:
      return assertNever(e);
  }
}
function checkIdent(s, e) {
  const sym = lookupName(s, e.name);
  if (!sym) {
    if (e.name === "__func__" || e.name === "__FUNCTION__") {
      error(s, "E3107", `'${e.name}' is a string and BPF programs have no string storage outside local char arrays`, e.span);
      return constant2(0n, INT, e.span);
    }
    reportUndeclared(s, e.name, e.span);
    return constant2(0n, INT, e.span);
  }
  switch (sym.kind) {
    case "local":
      return { kind: "Local", sym, type: sym.type, span: e.span };
    case "global":
      return { kind: "Global", sym, type: sym.type, span: e.span };
    case "func":
      return { kind: "FuncRef", sym, type: sym.type, span: e.span };
    case "enumconst":
      return { kind: "Const", value: sym.value, type: sym.type, span: e.span };
    case "typedef":
      error(s, "E3004", `unexpected type name '${e.name}': expected expression`, e.span);
      return constant2(0n, INT, e.span);
    default:
      return assertNever(sym);
  }
}
function intLiteralType(s, e) {
  const suffix = e.suffix.toLowerCase();
  const unsignedOnly = suffix.includes("u");
  const longRank = suffix.includes("ll") ? 2 : suffix.includes("l") ? 1 : 0;
  const candidates = [];
  if (longRank === 0) candidates.push(...unsignedOnly ? [UINT] : e.nonDecimal ? [INT, UINT] : [INT]);
  if (longRank <= 1) candidates.push(...unsignedOnly ? [ULONG] : e.nonDecimal ? [LONG, ULONG] : [LONG]);
  candidates.push(...unsignedOnly ? [ULLONG] : e.nonDecimal ? [LLONG, ULLONG] : [LLONG]);
  for (const t of candidates) if (wrapInt(e.value, t) === e.value) return t;
  if (e.value <= 0xffffffffffffffffn) return ULLONG;
  error(s, "E3030", `integer literal '${e.text}' is too large to be represented in any integer type`, e.span);
  return ULLONG;
}
function checkBinary(s, e) {
  if (e.op === "&&" || e.op === "||") {
    const left2 = checkCondition(s, checkExpr(s, e.left));
    const right2 = checkCondition(s, checkExpr(s, e.right));
    return { kind: "Logical", op: e.op === "&&" ? "and" : "or", left: left2, right: right2, type: INT, span: e.span };
  }
  const left = checkExpr(s, e.left);
  const right = checkExpr(s, e.right);
  return binaryOp(s, e.op, left, right, e.span);
}
function binaryOp(s, op, left, right, span) {
  const cmp = BINARY_COMPARE[op];
  const lt = left.type;
  const rt = right.type;
  if (op === "+" || op === "-") {
    if (isPointer(lt) && isInteger(rt)) return pointerAdd(s, left, right, op === "+" ? 1 : -1, span);
    if (op === "+" && isInteger(lt) && isPointer(rt)) return pointerAdd(s, right, left, 1, span);
    if (op === "-" && isPointer(lt) && isPointer(rt)) {
      const elem = pointee2(lt);
      if (!sameType(strip(elem), strip(pointee2(rt)))) {
        error(s, "E3004", `'${typeToString(lt)}' and '${typeToString(rt)}' are not pointers to compatible types`, span);
      }
      return { kind: "PtrDiff", left, right, elemSize: elementSize(s, elem, span), type: PTRDIFF_T, span };
    }
  }
  if (cmp) {
    if (isArithmetic(lt) && isArithmetic(rt)) {
      if (!checkIntegerOperands(s, op, left, right, span)) return constant2(0n, INT, span);
      const ct = usualArithmetic(lt, rt);
      return { kind: "Compare", op: cmp, left: castTo(left, ct), right: castTo(right, ct), type: INT, span };
    }
    if (isPointer(lt) || isPointer(rt)) {
      const pt = isPointer(lt) ? lt : rt;
      const other = isPointer(lt) ? right : left;
      if (!isPointer(other.type)) {
        if (!isNullPointerConstant(other)) {
          error(s, "E3004", `comparison between pointer and integer ('${typeToString(lt)}' and '${typeToString(rt)}')`, span);
        }
      } else if (!isVoid(pointee2(lt)) && !isVoid(pointee2(rt)) && !sameType(strip(pointee2(lt)), strip(pointee2(rt)))) {
        s.ctx.diags.warning("E3027", `comparison of distinct pointer types ('${typeToString(lt)}' and '${typeToString(rt)}')`, span);
      }
      return { kind: "Compare", op: cmp, left: castTo(left, pt), right: castTo(right, pt), type: INT, span };
    }
  }
  const arith = BINARY_ARITH[op];
  if (arith && isArithmetic(lt) && isArithmetic(rt)) {
    if (!checkIntegerOperands(s, op, left, right, span)) return constant2(0n, INT, span);
    if (arith === "shl" || arith === "shr") {
      const pt = promote(lt);
      const count = tryEval(right);
      if (count !== void 0 && (count < 0n || count >= BigInt(pt.sizeBytes * 8))) {
        s.ctx.diags.warning("E3031", `shift count ${count} is ${count < 0n ? "negative" : `>= width of type '${pt.name}' (${pt.sizeBytes * 8} bits)`}: the result is undefined in C`, right.span);
      }
      return { kind: "Arith", op: arith, left: castTo(left, pt), right: castTo(right, promote(rt)), type: pt, span };
    }
    const ct = usualArithmetic(lt, rt);
    return { kind: "Arith", op: arith, left: castTo(left, ct), right: castTo(right, ct), type: ct, span };
  }
  error(s, "E3004", `invalid operands to binary expression ('${typeToString(lt)}' and '${typeToString(rt)}')`, span);
  return constant2(0n, INT, span);
}
function checkIntegerOperands(s, op, left, right, span) {
  if (strip(left.type).kind === "float" || strip(right.type).kind === "float") {
    error(s, "E3103", `floating-point arithmetic ('${op}') is not supported in BPF programs: the BPF instruction set has no floating-point registers`, span);
    return false;
  }
  return true;
}
function elementSize(s, elem, span) {
  const size = sizeOf(elem);
  if (size === void 0) {
    error(s, "E3008", `arithmetic on a pointer to an incomplete type '${typeToString(elem)}'`, span);
    return 1;
  }
  return size;
}
function pointerAdd(s, ptr, index2, sign, span) {
  const elemSize = elementSize(s, pointee2(ptr.type), span);
  let idx = castTo(index2, LONG);
  if (sign < 0) idx = { kind: "Unary", op: "neg", operand: idx, type: LONG, span: index2.span };
  return { kind: "PtrAdd", ptr, index: idx, elemSize, type: ptr.type, span };
}
function deref(s, ptr, span) {
  const to = pointee2(ptr.type);
  if (!to) {
    error(s, "E3013", `indirection requires pointer operand ('${typeToString(ptr.type)}' invalid)`, span);
    return constant2(0n, INT, span);
  }
  return { kind: "Deref", ptr, type: to, span };
}
var COMPOUND_OPS = {
  "*=": "*",
  "/=": "/",
  "%=": "%",
  "+=": "+",
  "-=": "-",
  "<<=": "<<",
  ">>=": ">>",
  "&=": "&",
  "^=": "^",
  "|=": "|"
};
function checkAssignable(s, target2, span) {
  if (!isLvalue(target2) || strip(target2.type).kind === "array") {
    error(s, "E3005", strip(target2.type).kind === "array" ? `array type '${typeToString(target2.type)}' is not assignable` : "expression is not assignable", span);
    return false;
  }
  if (qualifiersOf(target2.type).const) {
    error(s, "E3005", `cannot assign to a variable with const-qualified type '${typeToString(target2.type)}'`, span);
    return false;
  }
  return true;
}
function checkAssign(s, e) {
  const target2 = checkExpr(s, e.target, { noDecay: true });
  const value = checkExpr(s, e.value);
  checkAssignable(s, target2, e.target.span);
  if (e.op === "=") {
    return { kind: "Assign", target: target2, value: convertForAssignment(s, value, target2.type, "assigning to"), type: target2.type, span: e.span };
  }
  const combined = binaryOp(s, COMPOUND_OPS[e.op], target2, value, e.span);
  if (combined.kind === "PtrAdd") {
    return { kind: "CompoundAssign", op: "add", target: target2, value: combined.index, opType: target2.type, ptrElemSize: combined.elemSize, type: target2.type, span: e.span };
  }
  if (combined.kind !== "Arith") return combined;
  return { kind: "CompoundAssign", op: combined.op, target: target2, value: combined.right, opType: combined.type, type: target2.type, span: e.span };
}
function incDec(s, target2, sign, prefix, span) {
  checkAssignable(s, target2, span);
  let delta = sign;
  if (isPointer(target2.type)) delta = sign * elementSize(s, pointee2(target2.type), span);
  else if (!isInteger(target2.type)) error(s, "E3004", `cannot increment value of type '${typeToString(target2.type)}'`, span);
  return { kind: "IncDec", target: target2, delta, prefix, type: target2.type, span };
}
function checkUnary(s, e) {
  switch (e.op) {
    case "__extension__":
    case "__real__":
      return checkExpr(s, e.operand);
    case "__imag__":
      return constant2(0n, INT, e.span);
    case "&": {
      const operand = checkExpr(s, e.operand, { noDecay: true });
      if (operand.kind === "FuncRef") return { kind: "AddrOf", operand, type: ptrTo(operand.type), span: e.span };
      if (!isLvalue(operand)) {
        error(s, "E3005", "cannot take the address of an rvalue", e.span);
        return constant2(0n, INT, e.span);
      }
      if (operand.kind === "Member" && operand.member.bitWidth > 0) {
        error(s, "E3005", `address of bit-field '${operand.member.name}' requested`, e.span);
      }
      markAddressTaken(operand);
      return { kind: "AddrOf", operand, type: ptrTo(operand.type), span: e.span };
    }
    case "*":
      return deref(s, checkExpr(s, e.operand), e.span);
    case "++":
    case "--":
      return incDec(s, checkExpr(s, e.operand), e.op === "++" ? 1 : -1, true, e.span);
    case "!": {
      const operand = checkCondition(s, checkExpr(s, e.operand));
      return { kind: "Unary", op: "lognot", operand, type: INT, span: e.span };
    }
    case "-":
    case "+":
    case "~": {
      const operand = checkExpr(s, e.operand);
      if (!isArithmetic(operand.type) || e.op === "~" && !isInteger(operand.type)) {
        error(s, "E3004", `invalid argument type '${typeToString(operand.type)}' to unary expression`, e.span);
        return constant2(0n, INT, e.span);
      }
      if (!checkIntegerOperands(s, e.op, operand, operand, e.span)) return constant2(0n, INT, e.span);
      const pt = promote(operand.type);
      const conv = castTo(operand, pt);
      if (e.op === "+") return conv;
      return { kind: "Unary", op: e.op === "-" ? "neg" : "bitnot", operand: conv, type: pt, span: e.span };
    }
    default:
      return assertNever(e.op);
  }
}
function markAddressTaken(e) {
  if (e.kind === "Local") e.sym.addressTaken = true;
  else if (e.kind === "Member") markAddressTaken(e.object);
}
function checkConditional(s, e) {
  const cond = checkCondition(s, checkExpr(s, e.cond));
  const thenE = e.then ? checkExpr(s, e.then) : cond;
  const elseE = checkExpr(s, e.else);
  const a = thenE.type;
  const b = elseE.type;
  let type;
  if (isArithmetic(a) && isArithmetic(b)) type = usualArithmetic(a, b);
  else if (isVoid(a) && isVoid(b)) type = VOID;
  else if (isPointer(a) && isNullPointerConstant(elseE)) type = a;
  else if (isPointer(b) && isNullPointerConstant(thenE)) type = b;
  else if (isPointer(a) && isPointer(b)) type = isVoid(pointee2(a)) ? a : isVoid(pointee2(b)) ? b : a;
  else if (strip(a).kind === "record" && sameType(a, b)) type = a;
  else {
    error(s, "E3004", `incompatible operand types ('${typeToString(a)}' and '${typeToString(b)}')`, e.span);
    type = a;
  }
  return { kind: "Cond", cond, then: castTo(thenE, type), else: castTo(elseE, type), type, span: e.span };
}
function checkCast(s, e) {
  const to = resolveTypeName(s, e.type);
  const operand = checkExpr(s, e.operand);
  const dst = strip(to);
  if (dst.kind === "void") return { kind: "Cast", operand, type: to, span: e.span };
  if (dst.kind === "float" || strip(operand.type).kind === "float") {
    error(s, "E3103", "floating-point conversions are not supported in BPF programs", e.span);
    return constant2(0n, INT, e.span);
  }
  if (!isScalar(dst) || !isScalar(operand.type)) {
    if (sameType(to, operand.type)) return operand;
    error(s, "E3024", `cannot cast from '${typeToString(operand.type)}' to '${typeToString(to)}'`, e.span);
    return constant2(0n, INT, e.span);
  }
  return { kind: "Cast", operand, type: to, span: e.span };
}
function checkMember(s, e) {
  let object = checkExpr(s, e.object, { noDecay: !e.arrow });
  if (e.arrow) {
    if (!isPointer(object.type)) {
      error(s, "E3007", `member reference type '${typeToString(object.type)}' is not a pointer; did you mean to use '.'?`, e.span);
      return constant2(0n, INT, e.span);
    }
    object = deref(s, object, e.object.span);
  }
  const rt = strip(object.type);
  if (rt.kind !== "record") {
    error(s, "E3007", `member reference base type '${typeToString(object.type)}' is not a structure or union`, e.span);
    return constant2(0n, INT, e.span);
  }
  if (!rt.info.complete) {
    error(s, "E3008", `incomplete definition of type '${typeToString(object.type)}'`, e.span, [{ message: "forward declaration is here", span: rt.info.span }]);
    return constant2(0n, INT, e.span);
  }
  const found = findMember(rt.info, e.member);
  if (!found) {
    error(s, "E3006", `no member named '${e.member}' in '${typeToString(object.type)}'`, e.memberSpan);
    return constant2(0n, INT, e.span);
  }
  const quals = qualifiersOf(object.type);
  for (const m of [...found.path, found.member]) {
    object = { kind: "Member", object, member: m, type: qualify(m.type, quals.const, quals.volatile), span: e.span };
  }
  return object;
}
function checkCall(s, e) {
  if (e.callee.kind === "Ident" && !lookupName(s, e.callee.name) && isBuiltinName(e.callee.name)) {
    return checkBuiltinCall(s, e.callee.name, e.args, e.span);
  }
  const callee = checkExpr(s, e.callee, { noDecay: true });
  const args = e.args.map((a) => checkExpr(s, a));
  if (callee.kind === "Const" && callee.value === 0n && e.callee.kind === "Ident" && !lookupName(s, e.callee.name)) {
    return constant2(0n, INT, e.span);
  }
  let fnType;
  const ct = strip(callee.type);
  if (ct.kind === "func") fnType = ct;
  else if (ct.kind === "ptr" && strip(ct.to).kind === "func") fnType = strip(ct.to);
  if (!fnType || fnType.kind !== "func") {
    error(s, "E3010", `called object type '${typeToString(callee.type)}' is not a function or function pointer`, e.callee.span);
    return constant2(0n, INT, e.span);
  }
  const converted = convertArgs(s, fnType, args, e);
  const type = fnType.ret;
  if (callee.kind === "FuncRef") return { kind: "Call", callee: callee.sym, args: converted, type, span: e.span };
  if (callee.kind === "Global" && callee.sym.role === "helper" && callee.sym.helperId !== void 0) {
    return { kind: "HelperCall", helper: callee.sym, helperId: callee.sym.helperId, args: converted, type, span: e.span };
  }
  error(s, "E3105", "calls through function pointers are not supported in BPF programs: only direct calls and BPF helpers can be called", e.callee.span);
  return constant2(0n, INT, e.span);
}
function convertArgs(s, fn, args, e) {
  if (fn.hasPrototype) {
    const n = fn.params.length;
    if (args.length < n || args.length > n && !fn.variadic) {
      error(s, "E3009", `too ${args.length < n ? "few" : "many"} arguments to function call, expected ${fn.variadic ? "at least " : ""}${n}, have ${args.length}`, e.span);
    }
  }
  return args.map((a, i) => {
    const p = fn.params[i];
    if (p && fn.hasPrototype) return convertForAssignment(s, a, p.type, `passing to parameter of type`);
    if (isInteger(a.type)) return castTo(a, promote(a.type));
    return a;
  });
}
function checkOffsetof(s, e) {
  let type = resolveTypeName(s, e.type);
  let offset = 0n;
  for (const d of e.path) {
    const t = strip(type);
    if (d.kind === "FieldDesignator") {
      if (t.kind !== "record") {
        error(s, "E3007", `offsetof requires a struct or union type, not '${typeToString(type)}'`, d.span);
        break;
      }
      const found = findMember(t.info, d.name);
      if (!found) {
        error(s, "E3006", `no member named '${d.name}' in '${typeToString(type)}'`, d.span);
        break;
      }
      offset += BigInt(found.offsetBytes);
      type = found.member.type;
    } else {
      if (t.kind !== "array") {
        error(s, "E3004", `offsetof subscript on non-array type '${typeToString(type)}'`, d.span);
        break;
      }
      const idx = evalIntConst(s, checkExpr(s, d.index)) ?? 0n;
      offset += idx * BigInt(sizeOf(t.elem) ?? 0);
      type = t.elem;
    }
  }
  return { kind: "Const", value: offset, type: SIZE_T, span: e.span };
}

// src/sema/decl-types.ts
var BUILTIN_TYPES = [
  [["void"], VOID],
  [["_Bool"], BOOL],
  [["char"], CHAR],
  [["signed", "char"], SCHAR],
  [["unsigned", "char"], UCHAR],
  [["short"], SHORT],
  [["short", "int"], SHORT],
  [["signed", "short"], SHORT],
  [["signed", "short", "int"], SHORT],
  [["unsigned", "short"], USHORT],
  [["unsigned", "short", "int"], USHORT],
  [["int"], INT],
  [["signed"], INT],
  [["signed", "int"], INT],
  [[], INT],
  [["unsigned"], UINT],
  [["unsigned", "int"], UINT],
  [["long"], LONG],
  [["long", "int"], LONG],
  [["signed", "long"], LONG],
  [["signed", "long", "int"], LONG],
  [["unsigned", "long"], ULONG],
  [["unsigned", "long", "int"], ULONG],
  [["long", "long"], LLONG],
  [["long", "long", "int"], LLONG],
  [["signed", "long", "long"], LLONG],
  [["signed", "long", "long", "int"], LLONG],
  [["unsigned", "long", "long"], ULLONG],
  [["unsigned", "long", "long", "int"], ULLONG],
  [["__int128"], INT128],
  [["signed", "__int128"], INT128],
  [["unsigned", "__int128"], UINT128],
  [["float"], { kind: "float", sizeBytes: 4, name: "float" }],
  [["double"], { kind: "float", sizeBytes: 8, name: "double" }],
  [["long", "double"], { kind: "float", sizeBytes: 16, name: "long double" }]
];
function canonicalWords(words) {
  const norm = words.map((w) => w === "__signed" || w === "__signed__" ? "signed" : w);
  return [...norm].sort().join(" ");
}
function resolveSpecifiers(s, specs) {
  const base = resolveTypeSpecifier(s, specs.type, specs);
  return qualify(base, specs.qualifiers.includes("const"), specs.qualifiers.includes("volatile"));
}
function resolveTypeSpecifier(s, spec, specs) {
  switch (spec.kind) {
    case "BuiltinType": {
      const key = canonicalWords(spec.words);
      const found = BUILTIN_TYPES.find(([w]) => [...w].sort().join(" ") === key);
      if (!found) {
        error(s, "E3012", `invalid combination of type specifiers '${spec.words.join(" ")}'`, spec.span);
        return INT;
      }
      return found[1];
    }
    case "StructOrUnion":
      return { kind: "record", info: resolveRecord(s, spec, specs.attributes) };
    case "Enum":
      return { kind: "enum", info: resolveEnum(s, spec) };
    case "TypedefName": {
      const sym = lookupName(s, spec.name);
      if (!sym || sym.kind !== "typedef") {
        const message = `unknown type name '${spec.name}'`;
        if (!s.ctx.diags.list.some((d) => (d.code === "E2008" || d.code === "E3001") && d.message === message)) error(s, "E3001", message, spec.span);
        return INT;
      }
      return { kind: "typedef", name: spec.name, type: sym.type };
    }
    case "Typeof":
      if (isTypeName(spec.arg)) return resolveTypeName(s, spec.arg);
      return checkExpr(s, spec.arg, { noDecay: true }).type;
    default:
      return assertNever(spec);
  }
}
function resolveRecord(s, spec, outerAttrs) {
  const scope = currentScope(s);
  let info2;
  if (spec.name !== void 0) {
    const visible = spec.members === void 0 ? lookupTag(s, spec.name) : scope.tags.get(spec.name);
    if (visible) {
      if (visible.kind !== "record" || visible.info.tag !== spec.tag) {
        error(s, "E3002", `use of '${spec.name}' with tag type that does not match previous declaration`, spec.nameSpan ?? spec.span, [
          { message: "previous use is here", span: visible.info.span }
        ]);
      } else info2 = visible.info;
    }
  }
  if (!info2 || spec.members !== void 0 && info2.complete) {
    if (info2 && spec.members !== void 0 && info2.complete) {
      error(s, "E3002", `redefinition of '${spec.tag} ${spec.name}'`, spec.nameSpan ?? spec.span, [
        { message: "previous definition is here", span: info2.span }
      ]);
    }
    info2 = { tag: spec.tag, name: spec.name, members: [], sizeBytes: 0, alignBytes: 1, complete: false, packed: false, span: spec.nameSpan ?? spec.span, id: s.nextTypeId++ };
    if (spec.name !== void 0) scope.tags.set(spec.name, { kind: "record", info: info2 });
  }
  if (spec.members !== void 0) {
    const attrs = [...spec.attributes, ...outerAttrs];
    const packed = attrs.some((a) => a.name === "packed");
    const alignAttr = attrs.find((a) => a.name === "aligned");
    const drafts = [];
    for (const m of spec.members) {
      const baseType = resolveSpecifiers(s, m.specifiers);
      if (m.declarators.length === 0) {
        drafts.push({ type: baseType, span: m.span, packed: false });
        continue;
      }
      for (const d of m.declarators) {
        const { name, type } = d.declarator ? applyDeclarator(s, baseType, d.declarator) : { name: void 0, type: baseType };
        let bitWidth;
        if (d.bitWidth) {
          const w = evalIntConst(s, checkExpr(s, d.bitWidth));
          const sizeBits = (sizeOf(type) ?? 4) * 8;
          if (w === void 0) bitWidth = 1;
          else if (!isInteger(type)) {
            error(s, "E3018", `bit-field '${name ?? "(anonymous)"}' has non-integral type '${typeToString(type)}'`, d.span);
            bitWidth = 1;
          } else if (w < 0n || w > BigInt(sizeBits) || w === 0n && name !== void 0) {
            error(s, "E3018", `width of bit-field '${name ?? "(anonymous)"}' (${w} bits) is invalid for type '${typeToString(type)}' (${sizeBits} bits)`, d.bitWidth.span);
            bitWidth = 1;
          } else bitWidth = Number(w);
        }
        const memberAligned = d.attributes.find((a) => a.name === "aligned");
        drafts.push({
          name,
          type,
          bitWidth,
          span: d.span,
          packed: packed || d.attributes.some((a) => a.name === "packed"),
          alignBytes: memberAligned ? attrAlignment(s, memberAligned) : void 0
        });
      }
    }
    layoutRecord(s, info2, drafts, { packed, alignBytes: alignAttr ? attrAlignment(s, alignAttr) : void 0 });
    info2.span = spec.nameSpan ?? spec.span;
  }
  return info2;
}
function attrAlignment(s, a) {
  if (a.args.length === 0) return 8;
  const v = evalIntConst(s, checkExpr(s, a.args[0]));
  if (v === void 0 || v <= 0n || (v & v - 1n) !== 0n) {
    error(s, "E3012", `requested alignment is not a positive power of 2`, a.span);
    return 1;
  }
  return Number(v);
}
function resolveEnum(s, spec) {
  const scope = currentScope(s);
  if (spec.name !== void 0 && spec.enumerators === void 0) {
    const found = lookupTag(s, spec.name);
    if (found && found.kind === "enum") return found.info;
  }
  const info2 = { name: spec.name, values: [], complete: false, underlying: UINT, span: spec.nameSpan ?? spec.span, id: s.nextTypeId++ };
  if (spec.name !== void 0) scope.tags.set(spec.name, { kind: "enum", info: info2 });
  if (spec.enumerators) {
    let next = 0n;
    for (const e of spec.enumerators) {
      if (e.value) {
        const v = evalIntConst(s, checkExpr(s, e.value));
        if (v !== void 0) next = v;
      }
      info2.values.push({ name: e.name, value: next });
      const prev = scope.names.get(e.name);
      if (prev) error(s, "E3002", `redefinition of enumerator '${e.name}'`, e.span, [{ message: "previous definition is here", span: prev.span }]);
      scope.names.set(e.name, { kind: "enumconst", name: e.name, type: INT, value: next, span: e.span });
      next++;
    }
    info2.complete = true;
    info2.underlying = enumUnderlying(info2.values.map((v) => v.value));
    for (const v of info2.values) {
      const sym = scope.names.get(v.name);
      if (sym && sym.kind === "enumconst" && (v.value > 0x7fffffffn || v.value < -0x80000000n)) sym.type = info2.underlying;
    }
  }
  return info2;
}
function enumUnderlying(values2) {
  const min = values2.reduce((a, b) => b < a ? b : a, 0n);
  const max = values2.reduce((a, b) => b > a ? b : a, 0n);
  if (min >= 0n && max <= 0xffffffffn) return UINT;
  if (min >= -0x80000000n && max <= 0x7fffffffn) return INT;
  if (min >= 0n) return ULONG;
  return LONG;
}
function applyDeclarator(s, base, d) {
  switch (d.kind) {
    case "IdentDeclarator":
      return { name: d.name, nameSpan: d.span, type: base };
    case "PointerDeclarator": {
      const t = qualify(ptrTo(base), d.qualifiers.includes("const"), d.qualifiers.includes("volatile"));
      return applyDeclarator(s, t, d.inner);
    }
    case "ArrayDeclarator": {
      let length;
      if (d.size) {
        const sizeExpr = checkExpr(s, d.size);
        const v = evalIntConst(s, sizeExpr, { quiet: true });
        if (v === void 0) {
          error(s, "E3104", "variable-length arrays are not supported in BPF programs: the array size must be an integer constant expression", d.size.span);
          length = 1;
        } else if (v < 0n) {
          error(s, "E3012", `array has negative size (${v})`, d.size.span);
          length = 1;
        } else length = Number(v);
      }
      if (strip(base).kind === "func") error(s, "E3012", `array elements cannot have function type '${typeToString(base)}'`, d.span);
      return applyDeclarator(s, { kind: "array", elem: base, length }, d.inner);
    }
    case "FunctionDeclarator": {
      const params = [];
      for (const p of d.params) {
        const pt = applyDeclarator(s, resolveSpecifiers(s, p.specifiers), p.declarator);
        params.push({ name: pt.name, type: adjustParamType(pt.type) });
      }
      const onlyVoid = params.length === 1 && isVoid(params[0].type) && params[0].name === void 0;
      const ft = { kind: "func", ret: base, params: onlyVoid ? [] : params, variadic: d.variadic, hasPrototype: d.hasPrototype };
      const inner = applyDeclarator(s, ft, d.inner);
      if (d.inner.kind === "IdentDeclarator") inner.params = onlyVoid ? [] : d.params;
      return inner;
    }
    default:
      return assertNever(d);
  }
}
function adjustParamType(t) {
  const s = strip(t);
  if (s.kind === "array") return ptrTo(s.elem);
  if (s.kind === "func") return ptrTo(t);
  return t;
}
function resolveTypeName(s, tn) {
  return applyDeclarator(s, resolveSpecifiers(s, tn.specifiers), tn.declarator).type;
}
function attrString(a) {
  const arg = a.args[0];
  return arg && arg.kind === "StringLit" ? arg.value : void 0;
}
function findAttr(attrs, name) {
  return attrs.find((a) => a.name === name);
}

// src/sema/decl.ts
function checkDeclaration(s, d) {
  if (d.kind === "StaticAssert") {
    const v = evalIntConst(s, checkExpr(s, d.cond));
    if (v === 0n) error(s, "E3022", `static assertion failed${d.message ? `: ${d.message.value}` : ""}`, d.cond.span);
    return [];
  }
  const base = resolveSpecifiers(s, d.specifiers);
  const storage = d.specifiers.storage;
  const out = [];
  for (const id of d.declarators) {
    const declared = applyDeclarator(s, base, id.declarator);
    const name = declared.name;
    if (name === void 0) continue;
    const span = declared.nameSpan ?? id.span;
    const ts = d.specifiers.type;
    const refAttrs = ts?.kind === "StructOrUnion" && ts.members === void 0 ? ts.attributes.filter((a) => a.name === "section") : [];
    const attrs = [...d.specifiers.attributes, ...refAttrs, ...id.attributes];
    if (storage.includes("typedef")) {
      declareTypedef(s, name, declared.type, span);
      continue;
    }
    if (strip(declared.type).kind === "func") {
      declareFunction(s, name, declared.type, span, d.specifiers, attrs);
      continue;
    }
    if (isFileScope(s) || storage.includes("extern") || storage.includes("static")) {
      const g = declareGlobal(s, name, declared.type, span, d.specifiers, attrs, id.init);
      if (!isFileScope(s)) currentScope(s).names.set(name, g);
      continue;
    }
    out.push(declareLocal(s, name, declared.type, span, id.init));
  }
  return out;
}
function declareTypedef(s, name, type, span) {
  const scope = currentScope(s);
  const prev = scope.names.get(name);
  if (prev && (prev.kind !== "typedef" || !sameType(prev.type, type))) {
    error(s, "E3002", `typedef redefinition with different types ('${typeToString(type)}' vs '${typeToString(prev.type)}')`, span, [
      { message: "previous definition is here", span: prev.span }
    ]);
    return;
  }
  scope.names.set(name, { kind: "typedef", name, type, span });
}
function declareLocal(s, name, type, span, init) {
  const scope = currentScope(s);
  const prev = scope.names.get(name);
  if (prev && prev.kind === "local") {
    error(s, "E3002", `redefinition of '${name}'`, span, [{ message: "previous definition is here", span: prev.span }]);
  }
  if (strip(type).kind === "float") error(s, "E3103", `variable '${name}' has floating-point type '${typeToString(type)}': BPF has no floating point`, span);
  const local = newLocal(s, name, type, span);
  scope.names.set(name, local);
  if (!init) {
    if (!isComplete(type)) error(s, "E3008", `variable '${name}' has incomplete type '${typeToString(type)}'`, span);
    if (strip(type).kind === "array" || strip(type).kind === "record") local.addressTaken = true;
    return { kind: "Decl", local, span };
  }
  const checked = checkInitializer(s, init, type, span);
  local.type = checked.type;
  if (strip(local.type).kind === "array" || strip(local.type).kind === "record") local.addressTaken = true;
  return { kind: "Decl", local, init: checked.init, span };
}
function declareFunction(s, name, type, span, specs, attrs) {
  const existing = s.program.funcs.get(name);
  const sym = existing ?? {
    kind: "func",
    name,
    type,
    span,
    isStatic: specs.storage.includes("static"),
    alwaysInline: false,
    noInline: false
  };
  if (existing) {
    if (!sameType(existing.type, type)) {
      error(s, "E3002", `conflicting types for '${name}'`, span, [{ message: "previous declaration is here", span: existing.span }]);
    }
    if (type.hasPrototype) existing.type = type;
  } else s.program.funcs.set(name, sym);
  if (findAttr(attrs, "always_inline")) sym.alwaysInline = true;
  if (findAttr(attrs, "noinline")) sym.noInline = true;
  const section = findAttr(attrs, "section");
  if (section) sym.section = attrString(section);
  s.scopes[0].names.set(name, sym);
  if (!isFileScope(s)) currentScope(s).names.set(name, sym);
  return sym;
}
function declareGlobal(s, name, type, span, specs, attrs, init) {
  const scope = s.scopes[0];
  const prev = scope.names.get(name);
  if (prev && prev.kind === "global" && (!init || !prev.init)) {
    if (init) {
      const checked = checkInitializer(s, init, type, span);
      prev.init = checked.init;
      prev.type = checked.type;
    }
    return prev;
  }
  if (prev && prev.kind !== "global") {
    error(s, "E3002", `redefinition of '${name}' as a different kind of symbol`, span, [{ message: "previous definition is here", span: prev.span }]);
  }
  const sectionAttr = findAttr(attrs, "section");
  const g = {
    kind: "global",
    name,
    type,
    span,
    section: sectionAttr ? attrString(sectionAttr) : void 0,
    isStatic: specs.storage.includes("static") || !isFileScope(s),
    isExtern: specs.storage.includes("extern"),
    role: "other"
  };
  if (init) {
    const checked = checkInitializer(s, init, type, span);
    g.init = checked.init;
    g.type = checked.type;
  }
  scope.names.set(name, g);
  classifyGlobal(s, g, !isFileScope(s));
  s.program.globals.push(g);
  return g;
}
function checkFunctionDef(s, def) {
  const base = resolveSpecifiers(s, def.specifiers);
  const declared = applyDeclarator(s, base, def.declarator);
  const ft = strip(declared.type);
  if (ft.kind !== "func" || declared.name === void 0) {
    error(s, "E3012", "function definition does not declare a function", def.declarator.span);
    return;
  }
  const name = declared.name;
  const span = declared.nameSpan ?? def.span;
  const sym = declareFunction(s, name, ft, span, def.specifiers, [...def.specifiers.attributes, ...def.attributes]);
  if (sym.def) {
    error(s, "E3002", `redefinition of '${name}'`, span, [{ message: "previous definition is here", span: sym.span }]);
    return;
  }
  sym.span = span;
  if (def.specifiers.storage.includes("static")) sym.isStatic = true;
  s.fn = { sym, locals: [], nextLocalId: 0, labels: /* @__PURE__ */ new Map(), gotos: [], switches: [], loopDepth: 0, breakableDepth: 0 };
  pushScope(s);
  const params = (declared.params ?? []).map((p, i) => {
    const info2 = ft.params[i];
    if (info2.name === void 0) {
      warning(s, "E3033", `parameter ${i + 1} of '${name}' has no name: the kernel rejects BTF for functions with unnamed parameters`, p.span);
    }
    const local = newLocal(s, info2.name ?? `__arg${i}`, info2.type, p.span, true);
    if (info2.name !== void 0) currentScope(s).names.set(info2.name, local);
    return local;
  });
  const items = checkBlockItems(s, def.body.items);
  popScope(s);
  for (const g of s.fn.gotos) {
    if (!s.fn.labels.has(g.label)) error(s, "E3016", `use of undeclared label '${g.label}'`, g.span);
  }
  const fd = { sym, params, locals: s.fn.locals, body: { kind: "Block", items, span: def.body.span }, span: def.span };
  sym.def = fd;
  s.program.functions.push(fd);
  s.fn = void 0;
  checkProgramFunction(s, fd);
}

// src/sema/check.ts
function check(tu, ctx) {
  const program = { functions: [], globals: [], funcs: /* @__PURE__ */ new Map() };
  const s = { ctx, scopes: [newScope()], program, nextTypeId: 1, defs: [] };
  s.scopes[0].names.set("__builtin_va_list", { kind: "typedef", name: "__builtin_va_list", type: ptrTo(CHAR), span: tu.span });
  for (const item of tu.items) {
    switch (item.kind) {
      case "FunctionDef":
        checkFunctionDef(s, item);
        break;
      case "Declaration":
      case "StaticAssert":
        checkDeclaration(s, item);
        break;
      case "EmptyDecl":
        break;
      case "TopLevelAsm":
        ctx.diags.error("E3112", "file-scope inline assembly is not supported in BPF programs", item.span);
        break;
      default:
        assertNever(item);
    }
  }
  checkWholeProgram(s, program);
  return program;
}

// src/driver/compile.ts
function compile(path, ctx, stopAfter = "obj", hooks = {}) {
  const out = {};
  const text = ctx.fs.readFile(path);
  if (text === void 0) {
    ctx.diags.error("E0001", `no such file or directory: '${path}'`);
    return out;
  }
  const file = ctx.sources.add(path, text);
  if (/\.s$/.test(path)) {
    out.object = assembleObject(file, ctx);
    if (stopAfter === "pp" || stopAfter === "parse" || stopAfter === "sema" || stopAfter === "ir") return out;
    if (stopAfter === "codegen" || ctx.diags.hasErrors()) return out;
    out.elf = writeObject(out.object, ctx);
    return out;
  }
  out.tokens = preprocess(file, ctx);
  if (stopAfter === "pp") return out;
  out.ast = parse(out.tokens, ctx);
  if (stopAfter === "parse") return out;
  out.program = check(out.ast, ctx);
  if (stopAfter === "sema" || ctx.diags.hasErrors()) return out;
  out.ir = optimize(lower(out.program, ctx), ctx, hooks);
  if (stopAfter === "ir" || ctx.diags.hasErrors()) return out;
  out.object = codegen(out.ir, ctx);
  if (stopAfter === "codegen" || ctx.diags.hasErrors()) return out;
  out.elf = writeObject(out.object, ctx);
  return out;
}

// src/context.ts
function defaultOptions(overrides = {}) {
  return {
    includeDirs: [],
    defines: [],
    undefs: [],
    forcedIncludes: [],
    stdlibDir: "/ebcc/stdlib/include",
    optLevel: 2,
    debugInfo: true,
    mcpu: 3,
    ...overrides
  };
}
function createContext2(fs, options = {}) {
  return { options: defaultOptions(options), diags: new Diagnostics(), sources: new SourceManager(), fs };
}

// src/cli/node-fs.ts
import { readFileSync, statSync } from "node:fs";
var NodeFileSystem = class {
  readFile(path) {
    try {
      if (!statSync(path).isFile()) return void 0;
      return readFileSync(path, "utf8");
    } catch {
      return void 0;
    }
  }
};
export {
  NodeFileSystem,
  compile,
  createContext2 as createContext,
  createSession
};
/*! Bundled license information:

lodash-es/lodash.js:
  (**
   * @license
   * Lodash (Custom Build) <https://lodash.com/>
   * Build: `lodash modularize exports="es" -o ./`
   * Copyright OpenJS Foundation and other contributors <https://openjsf.org/>
   * Released under MIT license <https://lodash.com/license>
   * Based on Underscore.js 1.8.3 <http://underscorejs.org/LICENSE>
   * Copyright Jeremy Ashkenas, DocumentCloud and Investigative Reporters & Editors
   *)
*/
