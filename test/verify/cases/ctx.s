; Context access per program type: which offsets and sizes may be read or written, and the
; rule that the context pointer is dereferenced only at a constant offset from its original value.
.license "GPL"

; ---- XDP: struct xdp_md (data 0, data_end 4, data_meta 8, ingress_ifindex 12, rx_queue_index 16, egress_ifindex 20)
@case xdp_read_ingress_ifindex accept
.prog p xdp
        r0 = *(u32 *)(r1 +12)
        r0 = 2
        exit

@case xdp_read_egress_ifindex reject EACCES "invalid bpf_context access off=20 size=4"
.prog p xdp
        r0 = *(u32 *)(r1 +20)
        r0 = 2
        exit

@case xdp_read_past_end reject EACCES "invalid bpf_context access off=24 size=4"
.prog p xdp
        r0 = *(u32 *)(r1 +24)
        r0 = 2
        exit

@case xdp_read_data_u64 reject EACCES "invalid bpf_context access off=0 size=8"
.prog p xdp
        r0 = *(u64 *)(r1 +0)
        r0 = 2
        exit

@case xdp_read_u16 reject EACCES "invalid bpf_context access off=16 size=2"
.prog p xdp
        r0 = *(u16 *)(r1 +16)
        r0 = 2
        exit

@case xdp_read_misaligned reject EACCES "invalid bpf_context access off=2 size=4"
.prog p xdp
        r0 = *(u32 *)(r1 +2)
        r0 = 2
        exit

@case xdp_write_data reject EACCES "invalid bpf_context access off=0 size=4"
.prog p xdp
        *(u32 *)(r1 +0) = 0
        r0 = 2
        exit

@case xdp_write_ingress_ifindex reject EACCES "invalid bpf_context access off=12 size=4"
.prog p xdp
        r2 = 1
        *(u32 *)(r1 +12) = r2
        r0 = 2
        exit

@case xdp_sign_extending_read accept
.prog p xdp
        r0 = *(s32 *)(r1 +12)
        r0 = 2
        exit

@case xdp_sign_extending_read_of_data reject EACCES "invalid bpf_context access off=0 size=4"
.prog p xdp
        r0 = *(s32 *)(r1 +0)
        r0 = 2
        exit

@case xdp_modified_ctx_pointer reject EACCES "dereference of modified ctx ptr R1 off=4 disallowed"
.prog p xdp
        r1 += 4
        r0 = *(u32 *)(r1 +0)
        r0 = 2
        exit

@case xdp_ctx_pointer_copy_ok accept
.prog p xdp
        r6 = r1
        r0 = *(u32 *)(r6 +16)
        r0 = 2
        exit

@case xdp_ctx_variable_offset reject EACCES "variable ctx access var_off=(0x0; 0x4) disallowed"
.prog p xdp
        r6 = r1
        call bpf_get_prandom_u32
        r0 &= 4
        r6 += r0
        r0 = *(u32 *)(r6 +0)
        r0 = 2
        exit

@case xdp_ctx_negative_offset reject EACCES "invalid bpf_context access off=-4 size=4"
.prog p xdp
        r0 = *(u32 *)(r1 -4)
        r0 = 2
        exit

@case xdp_ctx_pointer_subtract accept
.prog p xdp
        r1 -= 8
        r0 = 2
        exit

@case xdp_ctx_alu32 reject EACCES "R1 32-bit pointer arithmetic prohibited"
.prog p xdp
        w1 += 0
        r0 = 2
        exit

@case xdp_ctx_spill_fill_read accept
.prog p xdp
        *(u64 *)(r10 -8) = r1
        r2 = *(u64 *)(r10 -8)
        r0 = *(u32 *)(r2 +12)
        r0 = 2
        exit

; ---- socket filter: struct __sk_buff
@case socket_read_len accept
.prog p socket
        r0 = *(u32 *)(r1 +0)
        exit

@case socket_read_len_u8 accept
.prog p socket
        r0 = *(u8 *)(r1 +0)
        exit

@case socket_read_len_u16_high_half accept
.prog p socket
        r0 = *(u16 *)(r1 +2)
        exit

@case socket_read_mark accept
.prog p socket
        r0 = *(u32 *)(r1 +8)
        exit

@case socket_write_mark reject EACCES "invalid bpf_context access off=8 size=4"
.prog p socket
        *(u32 *)(r1 +8) = 1
        r0 = 0
        exit

@case socket_write_cb0 accept
.prog p socket
        *(u32 *)(r1 +48) = 1
        r0 = 0
        exit

@case socket_write_cb4 accept
.prog p socket
        r2 = 5
        *(u32 *)(r1 +64) = r2
        r0 = 0
        exit

@case socket_write_cb_u64 accept
.prog p socket
        r2 = 5
        *(u64 *)(r1 +48) = r2
        r0 = 0
        exit

@case socket_read_tc_classid reject EACCES "invalid bpf_context access off=72 size=4"
.prog p socket
        r0 = *(u32 *)(r1 +72)
        exit

@case socket_read_family reject EACCES "invalid bpf_context access off=88 size=4"
.prog p socket
        r0 = *(u32 *)(r1 +88)
        exit

@case socket_read_hash accept
.prog p socket
        r0 = *(u32 *)(r1 +68)
        exit

@case socket_write_len reject EACCES "invalid bpf_context access off=0 size=4"
.prog p socket
        *(u32 *)(r1 +0) = 0
        r0 = 0
        exit

@case socket_read_past_end reject EACCES "invalid bpf_context access off=192 size=4"
.prog p socket
        r0 = *(u32 *)(r1 +192)
        exit

@case socket_read_ifindex accept
.prog p socket
        r0 = *(u32 *)(r1 +40)
        exit

@case socket_read_tstamp reject EACCES "invalid bpf_context access off=152 size=8"
.prog p socket
        r0 = *(u64 *)(r1 +152)
        r0 = 0
        exit

; ---- tc (sched_cls)
@case tc_write_mark accept
.prog p tc
        *(u32 *)(r1 +8) = 7
        r0 = 0
        exit

@case tc_write_priority accept
.prog p tc
        *(u32 *)(r1 +32) = 7
        r0 = 0
        exit

@case tc_write_tc_classid accept
.prog p tc
        *(u32 *)(r1 +72) = 7
        r0 = 0
        exit

@case tc_write_tc_index accept
.prog p tc
        *(u32 *)(r1 +44) = 7
        r0 = 0
        exit

@case tc_write_queue_mapping accept
.prog p tc
        *(u32 *)(r1 +12) = 1
        r0 = 0
        exit

@case tc_write_len reject EACCES "invalid bpf_context access off=0 size=4"
.prog p tc
        *(u32 *)(r1 +0) = 7
        r0 = 0
        exit

@case tc_write_protocol reject EACCES "invalid bpf_context access off=16 size=4"
.prog p tc
        *(u32 *)(r1 +16) = 7
        r0 = 0
        exit

@case tc_write_data reject EACCES "invalid bpf_context access off=76 size=4"
.prog p tc
        *(u32 *)(r1 +76) = 0
        r0 = 0
        exit

@case tc_write_tstamp accept
.prog p tc
        r2 = 0
        *(u64 *)(r1 +152) = r2
        r0 = 0
        exit

@case tc_read_family reject EACCES "invalid bpf_context access off=88 size=4"
.prog p tc
        r0 = *(u32 *)(r1 +88)
        r0 = 0
        exit

@case tc_read_wire_len accept
.prog p tc
        r0 = *(u32 *)(r1 +160)
        r0 = 0
        exit

@case tc_read_sk_and_deref_unchecked reject EACCES "R2 invalid mem access 'sock_common_or_null'"
.prog p tc
        r2 = *(u64 *)(r1 +168)
        r0 = *(u32 *)(r2 +4)
        r0 = 0
        exit

@case tc_read_sk_and_deref_checked accept
.prog p tc
        r2 = *(u64 *)(r1 +168)
        if r2 == 0 goto out
        r0 = *(u32 *)(r2 +4)
out:    r0 = 0
        exit

@case tc_read_flow_keys reject EACCES "invalid bpf_context access off=144 size=8"
.prog p tc
        r2 = *(u64 *)(r1 +144)
        r0 = 0
        exit

@case tc_read_data_u16 reject EACCES "invalid bpf_context access off=76 size=2"
.prog p tc
        r2 = *(u16 *)(r1 +76)
        r0 = 0
        exit

@case tc_write_mark_u16 reject EACCES "invalid bpf_context access off=8 size=2"
.prog p tc
        *(u16 *)(r1 +8) = 7
        r0 = 0
        exit

; ---- cgroup_skb
@case cgroup_skb_write_mark accept
.prog p cgroup_skb/egress
        *(u32 *)(r1 +8) = 7
        r0 = 1
        exit

@case cgroup_skb_write_priority accept
.prog p cgroup_skb/egress
        *(u32 *)(r1 +32) = 7
        r0 = 1
        exit

@case cgroup_skb_write_tc_index reject EACCES "invalid bpf_context access off=44 size=4"
.prog p cgroup_skb/egress
        *(u32 *)(r1 +44) = 7
        r0 = 1
        exit

@case cgroup_skb_read_tc_classid reject EACCES "invalid bpf_context access off=72 size=4"
.prog p cgroup_skb/egress
        r0 = *(u32 *)(r1 +72)
        r0 = 1
        exit

@case cgroup_skb_read_family accept
.prog p cgroup_skb/egress
        r0 = *(u32 *)(r1 +88)
        r0 = 1
        exit

@case cgroup_skb_read_remote_ip6 accept
.prog p cgroup_skb/ingress
        r0 = *(u32 *)(r1 +108)
        r0 = 1
        exit

@case cgroup_skb_write_tstamp accept
.prog p cgroup_skb/egress
        r2 = 0
        *(u64 *)(r1 +152) = r2
        r0 = 1
        exit

; ---- sk_skb
@case sk_skb_write_mark reject EACCES "invalid bpf_context access off=8 size=4"
.prog p sk_skb
        *(u32 *)(r1 +8) = 7
        r0 = 0
        exit

@case sk_skb_write_tc_index accept
.prog p sk_skb
        *(u32 *)(r1 +44) = 7
        r0 = 0
        exit

@case sk_skb_read_local_port accept
.prog p sk_skb
        r0 = *(u32 *)(r1 +136)
        r0 = 0
        exit

; ---- lwt
@case lwt_in_write_mark accept
.prog p lwt_in
        *(u32 *)(r1 +8) = 7
        r0 = 0
        exit

@case lwt_in_write_cb accept
.prog p lwt_in
        *(u32 *)(r1 +48) = 7
        r0 = 0
        exit

@case lwt_out_read_protocol accept
.prog p lwt_out
        r0 = *(u32 *)(r1 +16)
        r0 = 0
        exit

; ---- kprobe: struct pt_regs (168 bytes on x86_64), read only
@case kprobe_read_regs accept
.prog p kprobe/do_sys_open
        r0 = *(u64 *)(r1 +112)
        r0 = 0
        exit

@case kprobe_read_u32_of_reg accept
.prog p kprobe/do_sys_open
        r0 = *(u32 *)(r1 +112)
        r0 = 0
        exit

@case kprobe_write_regs reject EACCES "invalid bpf_context access off=112 size=8"
.prog p kprobe/do_sys_open
        r2 = 0
        *(u64 *)(r1 +112) = r2
        r0 = 0
        exit

@case kprobe_read_past_regs reject EACCES "invalid bpf_context access off=168 size=8"
.prog p kprobe/do_sys_open
        r0 = *(u64 *)(r1 +168)
        r0 = 0
        exit

@case kprobe_read_misaligned reject EACCES "invalid bpf_context access off=4 size=8"
.prog p kprobe/do_sys_open
        r0 = *(u64 *)(r1 +4)
        r0 = 0
        exit

; ---- perf_event: struct bpf_perf_event_data (regs, sample_period 168, addr 176)
@case perf_event_read_sample_period accept
.prog p perf_event
        r0 = *(u64 *)(r1 +168)
        r0 = 0
        exit

@case perf_event_read_addr accept
.prog p perf_event
        r0 = *(u64 *)(r1 +176)
        r0 = 0
        exit

@case perf_event_read_past_end reject EACCES "invalid bpf_context access off=184 size=8"
.prog p perf_event
        r0 = *(u64 *)(r1 +184)
        r0 = 0
        exit

@case perf_event_write_sample_period reject EACCES "invalid bpf_context access off=168 size=8"
.prog p perf_event
        r2 = 0
        *(u64 *)(r1 +168) = r2
        r0 = 0
        exit

; ---- tracepoint: the record after its 8-byte common header, read only
@case tracepoint_read_field accept
.prog p tracepoint/syscalls/sys_enter_openat
        r0 = *(u64 *)(r1 +16)
        r0 = 0
        exit

@case tracepoint_read_common_header reject EACCES "invalid bpf_context access off=0 size=4"
.prog p tracepoint/syscalls/sys_enter_openat
        r0 = *(u32 *)(r1 +0)
        r0 = 0
        exit

@case tracepoint_write_field reject EACCES "invalid bpf_context access off=16 size=8"
.prog p tracepoint/syscalls/sys_enter_openat
        r2 = 0
        *(u64 *)(r1 +16) = r2
        r0 = 0
        exit

@case tracepoint_read_far accept
.prog p tracepoint/syscalls/sys_enter_openat
        r0 = *(u64 *)(r1 +2048)
        r0 = 0
        exit

; ---- raw_tracepoint: u64 args[]
@case raw_tp_read_arg1 accept
.prog p raw_tracepoint/sys_enter
        r0 = *(u64 *)(r1 +8)
        r0 = 0
        exit

@case raw_tp_read_arg_u32 accept
.prog p raw_tracepoint/sys_enter
        r0 = *(u32 *)(r1 +8)
        r0 = 0
        exit

@case raw_tp_write_arg reject EACCES "invalid bpf_context access off=8 size=8"
.prog p raw_tracepoint/sys_enter
        r2 = 0
        *(u64 *)(r1 +8) = r2
        r0 = 0
        exit

@case raw_tp_read_arg_96 reject EACCES "invalid bpf_context access off=96 size=8"
.prog p raw_tracepoint/sys_enter
        r0 = *(u64 *)(r1 +96)
        r0 = 0
        exit

; ---- cgroup/sock: struct bpf_sock (bound_dev_if 0, family 4, type 8, protocol 12, mark 16, priority 20)
@case cgroup_sock_write_bound_dev_if accept
.prog p cgroup/sock
        *(u32 *)(r1 +0) = 1
        r0 = 1
        exit

@case cgroup_sock_write_mark accept
.prog p cgroup/sock
        *(u32 *)(r1 +16) = 1
        r0 = 1
        exit

@case cgroup_sock_write_family reject EACCES "invalid bpf_context access off=4 size=4"
.prog p cgroup/sock
        *(u32 *)(r1 +4) = 1
        r0 = 1
        exit

@case cgroup_sock_read_protocol accept
.prog p cgroup/sock
        r2 = *(u32 *)(r1 +12)
        r0 = 1
        exit

@case cgroup_sock_read_src_port reject EACCES "invalid bpf_context access off=44 size=4"
.prog p cgroup/sock
        r2 = *(u32 *)(r1 +44)
        r0 = 1
        exit

; ---- cgroup/post_bind4 and post_bind6: the source address and port are readable, the fields
; socket creation may write are not (src_ip4 24, src_ip6 28..44, src_port 44)
@case post_bind4_read_src_port accept
.prog p cgroup/post_bind4
        r2 = *(u32 *)(r1 +44)
        r0 = 1
        exit

@case post_bind4_read_src_ip4 accept
.prog p cgroup/post_bind4
        r2 = *(u32 *)(r1 +24)
        r0 = 1
        exit

@case post_bind4_read_src_ip6 reject EACCES "invalid bpf_context access off=28 size=4"
.prog p cgroup/post_bind4
        r2 = *(u32 *)(r1 +28)
        r0 = 1
        exit

@case post_bind4_read_mark reject EACCES "invalid bpf_context access off=16 size=4"
.prog p cgroup/post_bind4
        r2 = *(u32 *)(r1 +16)
        r0 = 1
        exit

@case post_bind6_read_src_ip6_last_word accept
.prog p cgroup/post_bind6
        r2 = *(u32 *)(r1 +40)
        r0 = 1
        exit

@case post_bind6_read_src_ip4 reject EACCES "invalid bpf_context access off=24 size=4"
.prog p cgroup/post_bind6
        r2 = *(u32 *)(r1 +24)
        r0 = 1
        exit

@case sock_create_read_src_ip4 reject EACCES "invalid bpf_context access off=24 size=4"
.prog p cgroup/sock
        r2 = *(u32 *)(r1 +24)
        r0 = 1
        exit

; ---- cgroup/connect4: struct bpf_sock_addr (user_family 0, user_ip4 4, user_ip6 8, user_port 24, family 28)
@case connect4_write_user_ip4 accept
.prog p cgroup/connect4
        *(u32 *)(r1 +4) = 0x0100007f
        r0 = 1
        exit

@case connect4_write_user_port accept
.prog p cgroup/connect4
        *(u32 *)(r1 +24) = 0x5000
        r0 = 1
        exit

@case connect4_write_user_family reject EACCES "invalid bpf_context access off=0 size=4"
.prog p cgroup/connect4
        *(u32 *)(r1 +0) = 2
        r0 = 1
        exit

@case connect4_read_user_ip6 reject EACCES "invalid bpf_context access off=8 size=4"
.prog p cgroup/connect4
        r2 = *(u32 *)(r1 +8)
        r0 = 1
        exit

@case connect6_read_user_ip6 accept
.prog p cgroup/connect6
        r2 = *(u32 *)(r1 +8)
        r0 = 1
        exit

@case connect4_read_family accept
.prog p cgroup/connect4
        r2 = *(u32 *)(r1 +28)
        r0 = 1
        exit

; ---- sockops: struct bpf_sock_ops (op 0, reply 4, family 20, remote_port 64)
@case sockops_read_op accept
.prog p sockops
        r2 = *(u32 *)(r1 +0)
        r0 = 1
        exit

@case sockops_write_reply accept
.prog p sockops
        *(u32 *)(r1 +4) = 1
        r0 = 1
        exit

@case sockops_write_op reject EACCES "invalid bpf_context access off=0 size=4"
.prog p sockops
        *(u32 *)(r1 +0) = 1
        r0 = 1
        exit

@case sockops_read_remote_port accept
.prog p sockops
        r2 = *(u32 *)(r1 +64)
        r0 = 1
        exit

; ---- sockops: every field read whole (skb_tcp_flags 212 also narrow at its start), bytes_received 168
; and bytes_acked 176 with 8 bytes, sk 184, skb_data 192 and skb_data_end 200 pointers; only reply 4 and
; sk_txhash 164 written
@case sockops_read_remote_port_half reject EACCES "invalid bpf_context access off=64 size=2"
.prog p sockops
        r2 = *(u16 *)(r1 +64)
        r0 = 1
        exit

@case sockops_read_skb_tcp_flags_byte accept
.prog p sockops
        r2 = *(u8 *)(r1 +212)
        r0 = 1
        exit

@case sockops_read_skb_tcp_flags_second_byte reject EACCES "invalid bpf_context access off=213 size=1"
.prog p sockops
        r2 = *(u8 *)(r1 +213)
        r0 = 1
        exit

@case sockops_read_bytes_acked_u32 reject EACCES "invalid bpf_context access off=176 size=4"
.prog p sockops
        r2 = *(u32 *)(r1 +176)
        r0 = 1
        exit

@case sockops_read_sk_upper_half reject EACCES "invalid bpf_context access off=188 size=4"
.prog p sockops
        r2 = *(u32 *)(r1 +188)
        r0 = 1
        exit

@case sockops_write_replylong_1 reject EACCES "invalid bpf_context access off=8 size=4"
.prog p sockops
        *(u32 *)(r1 +8) = 1
        r0 = 1
        exit

@case sockops_write_sk_txhash accept
.prog p sockops
        *(u32 *)(r1 +164) = 1
        r0 = 1
        exit

@case sockops_skb_data_checked accept
.prog p sockops
        r2 = *(u64 *)(r1 +192)
        r3 = *(u64 *)(r1 +200)
        r4 = r2
        r4 += 1
        if r4 > r3 goto out
        r0 = *(u8 *)(r2 +0)
        out:
        r0 = 1
        exit

; ---- cgroup/getsockopt and setsockopt: struct bpf_sockopt (sk 0, optval 8, optval_end 16 pointers;
; level 24, optname 28, optlen 32, retval 36 read whole)
@case getsockopt_read_optval_upper_half reject EACCES "invalid bpf_context access off=12 size=4"
.prog p cgroup/getsockopt
        r2 = *(u32 *)(r1 +12)
        r0 = 1
        exit

@case getsockopt_read_level_byte reject EACCES "invalid bpf_context access off=24 size=1"
.prog p cgroup/getsockopt
        r2 = *(u8 *)(r1 +24)
        r0 = 1
        exit

@case getsockopt_write_retval accept
.prog p cgroup/getsockopt
        *(u32 *)(r1 +36) = 0
        r0 = 1
        exit

@case getsockopt_write_level reject EACCES "invalid bpf_context access off=24 size=4"
.prog p cgroup/getsockopt
        *(u32 *)(r1 +24) = 0
        r0 = 1
        exit

@case setsockopt_read_retval reject EACCES "invalid bpf_context access off=36 size=4"
.prog p cgroup/setsockopt
        r2 = *(u32 *)(r1 +36)
        r0 = 1
        exit

@case setsockopt_write_optname accept
.prog p cgroup/setsockopt
        *(u32 *)(r1 +28) = 0
        r0 = 1
        exit

@case getsockopt_optval_checked accept
.prog p cgroup/getsockopt
        r2 = *(u64 *)(r1 +8)
        r3 = *(u64 *)(r1 +16)
        r4 = r2
        r4 += 1
        if r4 > r3 goto out
        r0 = *(u8 *)(r2 +0)
        out:
        r0 = 1
        exit

; ---- bind4/bind6: struct bpf_sock_addr (user_family 0, user_ip4 4, user_ip6 8, user_port 24, family 28,
; sk 64): the addresses and the port read narrow, user_ip6 also 8 bytes at a time, the rest whole
@case bind4_read_user_port_half accept
.prog p cgroup/bind4
        r2 = *(u16 *)(r1 +24)
        r0 = 1
        exit

@case bind4_read_family_half reject EACCES "invalid bpf_context access off=28 size=2"
.prog p cgroup/bind4
        r2 = *(u16 *)(r1 +28)
        r0 = 1
        exit

@case bind4_read_sk_upper_half reject EACCES "invalid bpf_context access off=68 size=4"
.prog p cgroup/bind4
        r2 = *(u32 *)(r1 +68)
        r0 = 1
        exit

@case bind6_write_user_ip6_u64 accept
.prog p cgroup/bind6
        r2 = 0
        *(u64 *)(r1 +16) = r2
        r0 = 1
        exit

@case bind6_write_user_ip6_u64_misaligned reject EACCES "invalid bpf_context access off=12 size=8"
.prog p cgroup/bind6
        r2 = 0
        *(u64 *)(r1 +12) = r2
        r0 = 1
        exit

@case bind6_read_user_ip6_u64 accept
.prog p cgroup/bind6
        r2 = *(u64 *)(r1 +8)
        r0 = 1
        exit

@case bind4_sk_not_null accept
.prog p cgroup/bind4
        r2 = *(u64 *)(r1 +64)
        r0 = *(u32 *)(r2 +4)
        r0 = 1
        exit

; ---- cgroup/sock reads: family 4 narrow at its first byte only, mark 16 whole
@case cgroup_sock_read_family_byte accept
.prog p cgroup/sock
        r2 = *(u8 *)(r1 +4)
        r0 = 1
        exit

@case cgroup_sock_read_family_second_byte reject EACCES "invalid bpf_context access off=5 size=1"
.prog p cgroup/sock
        r2 = *(u8 *)(r1 +5)
        r0 = 1
        exit

@case cgroup_sock_read_mark_half reject EACCES "invalid bpf_context access off=16 size=2"
.prog p cgroup/sock
        r2 = *(u16 *)(r1 +16)
        r0 = 1
        exit

; ---- a socket from skb->sk (sock_common: type..priority unreadable) and bpf_sk_fullsock (struct bpf_sock:
; dst_port 48 narrow within its 2 bytes, the 2 bytes after it unreadable)
@case skb_sk_common_read_type reject EACCES "R1 invalid sock_common access off=8 size=4"
.prog p cgroup_skb/egress
        r1 = *(u64 *)(r1 +168)
        if r1 == 0 goto out
        r2 = *(u32 *)(r1 +8)
        out:
        r0 = 1
        exit

@case skb_sk_common_read_family accept
.prog p cgroup_skb/egress
        r1 = *(u64 *)(r1 +168)
        if r1 == 0 goto out
        r2 = *(u32 *)(r1 +4)
        out:
        r0 = 1
        exit

@case fullsock_read_dst_port_half accept
.prog p cgroup_skb/egress
        r1 = *(u64 *)(r1 +168)
        if r1 == 0 goto out
        call bpf_sk_fullsock
        if r0 == 0 goto out
        r2 = *(u16 *)(r0 +48)
        out:
        r0 = 1
        exit

@case fullsock_read_after_dst_port_half reject EACCES "R0 invalid sock access off=50 size=2"
.prog p cgroup_skb/egress
        r1 = *(u64 *)(r1 +168)
        if r1 == 0 goto out
        call bpf_sk_fullsock
        if r0 == 0 goto out
        r2 = *(u16 *)(r0 +50)
        out:
        r0 = 1
        exit

@case fullsock_read_beyond_end reject EACCES "R0 invalid sock access off=80 size=4"
.prog p cgroup_skb/egress
        r1 = *(u64 *)(r1 +168)
        if r1 == 0 goto out
        call bpf_sk_fullsock
        if r0 == 0 goto out
        r2 = *(u32 *)(r0 +80)
        out:
        r0 = 1
        exit

@case tcp_sock_read_bytes_acked_u32 reject EACCES "R0 invalid tcp_sock access off=88 size=4"
.prog p cgroup_skb/egress
        r1 = *(u64 *)(r1 +168)
        if r1 == 0 goto out
        call bpf_sk_fullsock
        if r0 == 0 goto out
        r1 = r0
        call bpf_tcp_sock
        if r0 == 0 goto out
        r2 = *(u32 *)(r0 +88)
        out:
        r0 = 1
        exit

; ---- cgroup/sysctl: struct bpf_sysctl (write 0, file_pos 4)
@case sysctl_read_write_flag accept
.prog p cgroup/sysctl
        r2 = *(u32 *)(r1 +0)
        r0 = 1
        exit

@case sysctl_write_write_flag reject EACCES "invalid bpf_context access off=0 size=4"
.prog p cgroup/sysctl
        *(u32 *)(r1 +0) = 0
        r0 = 1
        exit

@case sysctl_write_file_pos accept
.prog p cgroup/sysctl
        *(u32 *)(r1 +4) = 0
        r0 = 1
        exit

; ---- cgroup/dev: struct bpf_cgroup_dev_ctx (access_type 0, major 4, minor 8), read only
@case cgroup_dev_read_major accept
.prog p cgroup/dev
        r2 = *(u32 *)(r1 +4)
        r0 = 1
        exit

@case cgroup_dev_write_major reject EACCES "invalid bpf_context access off=4 size=4"
.prog p cgroup/dev
        *(u32 *)(r1 +4) = 0
        r0 = 1
        exit

; ---- sk_lookup: struct bpf_sk_lookup (family 8, protocol 12, local_port 60)
@case sk_lookup_read_local_port accept
.prog p sk_lookup
        r2 = *(u32 *)(r1 +60)
        r0 = 1
        exit

@case sk_lookup_write_local_port reject EACCES "invalid bpf_context access off=60 size=4"
.prog p sk_lookup
        *(u32 *)(r1 +60) = 0
        r0 = 1
        exit

; ---- the context passed to helpers: the unmodified pointer, or NULL where the helper takes ctx-or-null
@case tc_helper_ctx_variable_offset reject EACCES "variable ctx access var_off=(0x0; 0x4) disallowed"
.prog p tc
        r3 = *(u32 *)(r1 +0)
        r3 &= 4
        r1 += r3
        r2 = 0
        call bpf_csum_update
        r0 = 0
        exit

@case tc_helper_ctx_negative_offset reject EACCES "negative offset ctx ptr R1 off=-16 disallowed"
.prog p tc
        r1 += -16
        r2 = 0
        call bpf_csum_update
        r0 = 0
        exit

@case sendmsg6_netns_cookie_of_ctx accept
.prog p cgroup/sendmsg6
        call bpf_get_netns_cookie
        r0 = 1
        exit

@case sendmsg6_netns_cookie_of_null accept
.prog p cgroup/sendmsg6
        r1 = 0
        call bpf_get_netns_cookie
        r0 = 1
        exit

@case sendmsg6_netns_cookie_of_one reject EACCES "R1 type=scalar expected=ctx"
.prog p cgroup/sendmsg6
        r1 = 1
        call bpf_get_netns_cookie
        r0 = 1
        exit

@case sendmsg6_netns_cookie_of_moved_ctx reject EACCES "dereference of modified ctx ptr R1 off=8 disallowed"
.prog p cgroup/sendmsg6
        r1 += 8
        call bpf_get_netns_cookie
        r0 = 1
        exit

; ---- struct bpf_sock_addr: msg_src_ip6 ends at 60, sk is at 64
@case sendmsg6_read_msg_src_ip6_last accept
.prog p cgroup/sendmsg6
        r0 = *(u32 *)(r1 +56)
        r0 = 1
        exit

@case bind4_read_padding_before_sk reject EACCES "invalid bpf_context access off=60 size=4"
.prog p cgroup/bind4
        r0 = *(u32 *)(r1 +60)
        r0 = 1
        exit

; ---- struct sk_reuseport_md (data 0, data_end 8, len 16, eth_protocol 20, ip_protocol 24,
; bind_inany 28, hash 32, padding 36, sk 40, migrating_sk 48)
@case reuseport_read_hash accept
.prog p sk_reuseport
        r0 = *(u32 *)(r1 +32)
        r0 = 0
        exit

@case reuseport_read_padding_after_hash reject EACCES "invalid bpf_context access off=36 size=4"
.prog p sk_reuseport
        r0 = *(u32 *)(r1 +36)
        r0 = 0
        exit

@case reuseport_read_len_narrow accept
.prog p sk_reuseport
        r0 = *(u8 *)(r1 +16)
        r0 = 0
        exit

@case reuseport_write_hash reject EACCES "invalid bpf_context access off=32 size=4"
.prog p sk_reuseport
        r2 = 1
        *(u32 *)(r1 +32) = r2
        r0 = 0
        exit

@case reuseport_packet_read_checked accept
.prog p sk_reuseport
        r2 = *(u64 *)(r1 +0)
        r3 = *(u64 *)(r1 +8)
        r4 = r2
        r4 += 1
        if r4 > r3 goto out
        r0 = *(u8 *)(r2 +0)
out:    r0 = 0
        exit

