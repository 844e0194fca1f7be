; Helper calls: the helper must exist and be allowed for the program type, GPL-only helpers need
; a GPL-compatible licence, and every argument must match the helper's prototype.
.license "GPL"
.map rb ringbuf entries=4096
.map arr array key=4 value=16 entries=1
.map pe perf_event_array key=4 value=4 entries=0
.map cgs cgroup_storage key=16 value=8 entries=0

@case xdp_calls_skb_load_bytes reject EINVAL "program of this type cannot use helper bpf_skb_load_bytes#26"
.prog p xdp
        r2 = 0
        r3 = r10
        r3 += -8
        r4 = 4
        call bpf_skb_load_bytes
        r0 = 2
        exit

@case xdp_calls_xdp_load_bytes accept
.prog p xdp
        r2 = 0
        r3 = r10
        r3 += -8
        r4 = 4
        call bpf_xdp_load_bytes
        r0 = 2
        exit

@case socket_calls_skb_load_bytes accept
.prog p socket
        r2 = 0
        r3 = r10
        r3 += -8
        r4 = 4
        call bpf_skb_load_bytes
        r0 = 0
        exit

@case socket_calls_skb_store_bytes reject EINVAL "program of this type cannot use helper bpf_skb_store_bytes#9"
.prog p socket
        *(u32 *)(r10 -8) = 0
        r2 = 0
        r3 = r10
        r3 += -8
        r4 = 4
        r5 = 0
        call bpf_skb_store_bytes
        r0 = 0
        exit

@case tc_calls_skb_store_bytes accept
.prog p tc
        *(u32 *)(r10 -8) = 0
        r2 = 0
        r3 = r10
        r3 += -8
        r4 = 4
        r5 = 0
        call bpf_skb_store_bytes
        r0 = 0
        exit

@case xdp_calls_get_current_pid_tgid accept
.prog p xdp
        call bpf_get_current_pid_tgid
        r0 = 2
        exit

@case kprobe_calls_get_current_pid_tgid accept
.prog p kprobe/do_sys_open
        call bpf_get_current_pid_tgid
        r0 = 0
        exit

@case kprobe_calls_override_return reject EINVAL "program of this type cannot use helper bpf_override_return#58"
.prog p kprobe/do_sys_open
        r2 = 0
        call bpf_override_return
        r0 = 0
        exit

@case kprobe_multi_calls_get_func_ip accept
.prog p kprobe.multi/do_sys_open
        call bpf_get_func_ip
        r0 = 0
        exit

@case kprobe_calls_probe_write_user reject EINVAL "program of this type cannot use helper bpf_probe_write_user#36"
.prog p kprobe/do_sys_open
        r1 = 0
        r2 = r10
        r2 += -8
        *(u64 *)(r10 -8) = r1
        r3 = 8
        call bpf_probe_write_user
        r0 = 0
        exit

@case kprobe_calls_ktime_get_coarse_ns reject EINVAL "program of this type cannot use helper bpf_ktime_get_coarse_ns#160"
.prog p kprobe/do_sys_open
        call bpf_ktime_get_coarse_ns
        r0 = 0
        exit

@case tc_calls_ktime_get_coarse_ns accept
.prog p tc
        call bpf_ktime_get_coarse_ns
        r0 = 0
        exit

@case cgroup_skb_ingress_calls_get_retval reject EINVAL "program of this type cannot use helper bpf_get_retval#186"
.prog p cgroup_skb/ingress
        call bpf_get_retval
        r0 = 1
        exit

@case connect4_calls_get_retval accept
.prog p cgroup/connect4
        call bpf_get_retval
        r0 = 1
        exit

@case socket_calls_get_socket_cookie accept
.prog p socket
        call bpf_get_socket_cookie
        r0 = 0
        exit

@case xdp_calls_redirect accept
.prog p xdp
        r1 = 1
        r2 = 0
        call bpf_redirect
        exit

@case socket_calls_redirect reject EINVAL "program of this type cannot use helper bpf_redirect#23"
.prog p socket
        r1 = 1
        r2 = 0
        call bpf_redirect
        r0 = 0
        exit

@case kprobe_calls_skb_load_bytes reject EINVAL "program of this type cannot use helper bpf_skb_load_bytes#26"
.prog p kprobe/do_sys_open
        r2 = 0
        r3 = r10
        r3 += -8
        r4 = 4
        call bpf_skb_load_bytes
        r0 = 0
        exit

@case cgroup_skb_calls_skb_load_bytes accept
.prog p cgroup_skb/ingress
        r2 = 0
        r3 = r10
        r3 += -8
        r4 = 4
        call bpf_skb_load_bytes
        r0 = 1
        exit

@case cgroup_skb_calls_skb_pull_data reject EINVAL "program of this type cannot use helper bpf_skb_pull_data#39"
.prog p cgroup_skb/ingress
        r2 = 0
        call bpf_skb_pull_data
        r0 = 1
        exit

@case unknown_helper_id reject EINVAL "invalid func unknown#999"
.prog p socket
        call 999
        r0 = 0
        exit

@case helper_id_zero reject EINVAL "program of this type cannot use helper bpf_unspec#0"
.prog p socket
        call 0
        r0 = 0
        exit

@case trace_printk_gpl accept
.prog p kprobe/do_sys_open
        r1 = 0x000a6968
        *(u64 *)(r10 -8) = r1
        r1 = r10
        r1 += -8
        r2 = 4
        call bpf_trace_printk
        r0 = 0
        exit

@case probe_read_kernel_gpl accept
.prog p kprobe/do_sys_open
        r1 = r10
        r1 += -8
        r2 = 8
        r3 = 0
        call bpf_probe_read_kernel
        r0 = 0
        exit

@case probe_read_kernel_size_too_big reject EINVAL "invalid write to stack R1 off=-8 size=16"
.prog p kprobe/do_sys_open
        r1 = r10
        r1 += -8
        r2 = 16
        r3 = 0
        call bpf_probe_read_kernel
        r0 = 0
        exit

@case probe_read_kernel_size_zero accept
.prog p kprobe/do_sys_open
        r1 = r10
        r1 += -8
        r2 = 0
        r3 = 0
        call bpf_probe_read_kernel
        r0 = 0
        exit

@case probe_read_kernel_size_unknown reject EACCES "R2 min value is negative, either use unsigned or 'var &= const'"
.prog p kprobe/do_sys_open
        call bpf_get_prandom_u32
        r2 = r0
        r1 = r10
        r1 += -64
        r3 = 0
        call bpf_probe_read_kernel
        r0 = 0
        exit

@case probe_read_kernel_size_bounded accept
.prog p kprobe/do_sys_open
        call bpf_get_prandom_u32
        r2 = r0
        r2 &= 63
        r1 = r10
        r1 += -64
        r3 = 0
        call bpf_probe_read_kernel
        r0 = 0
        exit

@case probe_read_kernel_size_bounded_too_big reject EINVAL "invalid write to stack R1 off=-64 size=127"
.prog p kprobe/do_sys_open
        call bpf_get_prandom_u32
        r2 = r0
        r2 &= 127
        r1 = r10
        r1 += -64
        r3 = 0
        call bpf_probe_read_kernel
        r0 = 0
        exit

@case probe_read_kernel_into_map_value accept
.prog p kprobe/do_sys_open
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        r1 = r0
        r2 = 16
        r3 = 0
        call bpf_probe_read_kernel
        r0 = 0
        exit

@case probe_read_kernel_dst_ctx reject EACCES "R1 type=ctx expected=fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_"
.prog p kprobe/do_sys_open
        r2 = 8
        r3 = 0
        call bpf_probe_read_kernel
        r0 = 0
        exit

@case get_current_comm_size_negative reject EACCES "R2 min value is negative, either use unsigned or 'var &= const'"
.prog p kprobe/do_sys_open
        r1 = r10
        r1 += -16
        r2 = -1
        call bpf_get_current_comm
        r0 = 0
        exit

@case ktime_get_ns_everywhere accept
.prog p xdp
        call bpf_ktime_get_ns
        r0 = 2
        exit

@case csum_diff_sizes accept
.prog p tc
        r1 = 0
        *(u64 *)(r10 -8) = r1
        r1 = r10
        r1 += -8
        r2 = 8
        r3 = r10
        r3 += -8
        r4 = 8
        r5 = 0
        call bpf_csum_diff
        r0 = 0
        exit

@case csum_diff_size_not_multiple_of_4 accept
.prog p tc
        r1 = 0
        *(u64 *)(r10 -8) = r1
        r1 = r10
        r1 += -8
        r2 = 6
        r3 = r10
        r3 += -8
        r4 = 8
        r5 = 0
        call bpf_csum_diff
        r0 = 0
        exit

@case ctx_arg_from_stack reject EACCES "R1 type=fp expected=ctx"
.prog p tc
        r1 = r10
        r2 = 0
        call bpf_skb_pull_data
        r0 = 0
        exit

@case ctx_arg_modified reject EACCES "dereference of modified ctx ptr R1 off=4 disallowed"
.prog p tc
        r1 += 4
        r2 = 0
        call bpf_skb_pull_data
        r0 = 0
        exit

@case perf_event_output accept
.prog p xdp
        r6 = r1
        r1 = 0
        *(u64 *)(r10 -8) = r1
        r1 = r6
        r2 = map[pe]
        r3 = 0xffffffff ll
        r4 = r10
        r4 += -8
        r5 = 8
        call bpf_perf_event_output
        r0 = 2
        exit

@case perf_event_output_wrong_map reject EINVAL "cannot pass map_type 2 into func bpf_perf_event_output#25"
.prog p xdp
        r6 = r1
        r1 = 0
        *(u64 *)(r10 -8) = r1
        r1 = r6
        r2 = map[arr]
        r3 = 0
        r4 = r10
        r4 += -8
        r5 = 8
        call bpf_perf_event_output
        r0 = 2
        exit

@case ringbuf_output accept
.prog p xdp
        r1 = 0
        *(u64 *)(r10 -8) = r1
        r1 = map[rb]
        r2 = r10
        r2 += -8
        r3 = 8
        r4 = 0
        call bpf_ringbuf_output
        r0 = 2
        exit

@case ringbuf_output_on_array reject EINVAL "cannot pass map_type 2 into func bpf_ringbuf_output#130"
.prog p xdp
        r1 = 0
        *(u64 *)(r10 -8) = r1
        r1 = map[arr]
        r2 = r10
        r2 += -8
        r3 = 8
        r4 = 0
        call bpf_ringbuf_output
        r0 = 2
        exit

@case lookup_on_ringbuf reject EACCES "invalid zero-sized read"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[rb]
        call bpf_map_lookup_elem
        r0 = 2
        exit

@case get_prandom_result_is_scalar reject EACCES "R0 invalid mem access 'scalar'"
.prog p socket
        call bpf_get_prandom_u32
        r0 = *(u32 *)(r0 +0)
        exit

@case helper_with_too_few_args_set reject EACCES "R2 !read_ok"
.prog p socket
        r1 = map[arr]
        call bpf_map_lookup_elem
        r0 = 0
        exit

@case helper_extra_registers_ignored accept
.prog p socket
        call bpf_get_prandom_u32
        r0 = 0
        exit

@case spin_lock_without_btf_value reject EINVAL "map 'arr' has to have BTF in order to use bpf_spin_lock"
.prog p tc
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r1 = r0
        call bpf_spin_lock
out:    r0 = 0
        exit

@case xdp_adjust_meta accept
.prog p xdp
        r2 = -4
        call bpf_xdp_adjust_meta
        r0 = 2
        exit

@case tc_adjust_meta reject EINVAL "program of this type cannot use helper bpf_xdp_adjust_meta#54"
.prog p tc
        r2 = -4
        call bpf_xdp_adjust_meta
        r0 = 0
        exit

@case get_stack_kprobe accept
.prog p kprobe/do_sys_open
        r2 = r10
        r2 += -64
        r3 = 64
        r4 = 0
        call bpf_get_stack
        r0 = 0
        exit

@case send_signal_kprobe accept
.prog p kprobe/do_sys_open
        r1 = 9
        call bpf_send_signal
        r0 = 0
        exit

@case send_signal_xdp accept
.prog p xdp
        r1 = 9
        call bpf_send_signal
        r0 = 2
        exit

@case local_storage_is_never_null accept
.prog p cgroup_skb/egress
        r1 = map[cgs]
        r2 = 0
        call bpf_get_local_storage
        r1 = *(u64 *)(r0 +0)
        r1 += 1
        *(u64 *)(r0 +0) = r1
        r0 = 1
        exit

@case local_storage_value_bounds reject EACCES "invalid access to map value, value_size=8 off=8 size=8"
.prog p cgroup_skb/egress
        r1 = map[cgs]
        r2 = 0
        call bpf_get_local_storage
        r1 = *(u64 *)(r0 +8)
        r0 = 1
        exit

@case copy_from_user_in_kprobe reject EINVAL "helper call might sleep in a non-sleepable prog"
.prog p kprobe/do_sys_open
        r1 = r10
        r1 += -8
        r2 = 8
        r3 = 0
        call bpf_copy_from_user
        r0 = 0
        exit

@case copy_from_user_in_kprobe_multi reject EINVAL "helper call might sleep in a non-sleepable prog"
.prog p kprobe.multi/do_sys_open
        r1 = r10
        r1 += -8
        r2 = 8
        r3 = 0
        call bpf_copy_from_user
        r0 = 0
        exit

@case copy_from_user_in_sleepable_uprobe accept
.prog p uprobe.s
        r1 = r10
        r1 += -8
        r2 = 8
        r3 = 0
        call bpf_copy_from_user
        r0 = 0
        exit

@case copy_from_user_in_sleepable_iter accept
.prog p iter.s/task
        r1 = r10
        r1 += -8
        r2 = 8
        r3 = 0
        call bpf_copy_from_user
        r0 = 0
        exit

@case copy_from_user_in_iter reject EINVAL "helper call might sleep in a non-sleepable prog"
.prog p iter/task
        r1 = r10
        r1 += -8
        r2 = 8
        r3 = 0
        call bpf_copy_from_user
        r0 = 0
        exit

@case probe_read_user_in_kprobe accept
.prog p kprobe/do_sys_open
        r1 = r10
        r1 += -8
        r2 = 8
        r3 = 0
        call bpf_probe_read_user
        r0 = 0
        exit

@case csum_diff_null_with_size_zero_or_64 reject EACCES "R1 type=scalar expected=fp"
.prog p tc
        r2 = *(u32 *)(r1 +0)
        r2 &= 64
        r1 = 0
        r3 = 0
        r4 = 0
        r5 = 0
        call bpf_csum_diff
        r0 = 0
        exit

@case csum_diff_null_with_size_zero accept
.prog p tc
        r1 = 0
        r2 = 0
        r3 = 0
        r4 = 0
        r5 = 0
        call bpf_csum_diff
        r0 = 0
        exit

; bpf_get_stack and the *_str probe reads return at most their size argument's upper bound, or a
; negative errno (do_refine_retval_range): a non-negative result is a bounded offset.
@case get_stack_result_bounded_by_size accept
.prog p kprobe/do_sys_open
        r6 = r1
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r7 = r0
        r1 = r6
        r2 = r7
        r3 = 8
        r4 = 0
        call bpf_get_stack
        if r0 s< 0 goto out
        r7 += r0
        r0 = *(u64 *)(r7 +0)
out:    r0 = 0
        exit

@case get_stack_result_past_value_end reject EACCES "invalid access to map value, value_size=16 off=16 size=1"
.prog p kprobe/do_sys_open
        r6 = r1
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r7 = r0
        r1 = r6
        r2 = r7
        r3 = 16
        r4 = 0
        call bpf_get_stack
        if r0 s< 0 goto out
        r7 += r0
        r0 = *(u8 *)(r7 +0)
out:    r0 = 0
        exit

@case get_stack_size_may_be_negative reject EACCES "R3 min value is negative, either use unsigned or 'var &= const'"
.prog p kprobe/do_sys_open
        r6 = r1
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r7 = r0
        call bpf_get_prandom_u32
        r3 = 16
        r3 -= r0
        r1 = r6
        r2 = r7
        r4 = 0
        call bpf_get_stack
out:    r0 = 0
        exit

@case probe_read_str_result_bounded_by_size accept
.prog p kprobe/do_sys_open
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r7 = r0
        r1 = r7
        r2 = 8
        r3 = 0
        call bpf_probe_read_kernel_str
        if r0 s< 0 goto out
        r7 += r0
        r0 = *(u64 *)(r7 +0)
out:    r0 = 0
        exit
