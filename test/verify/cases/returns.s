; The value a program returns: some program types restrict R0 at exit to a range.
.license "GPL"

@case cgroup_skb_ingress_return_1 accept
.prog p cgroup_skb/ingress
        r0 = 1
        exit

@case cgroup_skb_ingress_return_2 reject EINVAL "At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]"
.prog p cgroup_skb/ingress
        r0 = 2
        exit

@case cgroup_skb_egress_return_3 accept
.prog p cgroup_skb/egress
        r0 = 3
        exit

@case cgroup_skb_egress_return_4 reject EINVAL "At program exit the register R0 has smin=4 smax=4 should have been in [0, 3]"
.prog p cgroup_skb/egress
        r0 = 4
        exit

@case cgroup_skb_unknown_return reject EINVAL "At program exit the register R0 has smin=0 smax=4294967295 should have been in [0, 1]"
.prog p cgroup_skb/ingress
        r0 = *(u32 *)(r1 +0)
        exit

@case cgroup_skb_masked_return accept
.prog p cgroup_skb/ingress
        r0 = *(u32 *)(r1 +0)
        r0 &= 1
        exit

@case cgroup_skb_negative_return reject EINVAL "At program exit the register R0 has smin=-1 smax=-1 should have been in [0, 1]"
.prog p cgroup_skb/ingress
        r0 = -1
        exit

@case cgroup_skb_return_checked_range accept
.prog p cgroup_skb/ingress
        r0 = *(u32 *)(r1 +0)
        if r0 > 1 goto out
        exit
out:    r0 = 0
        exit

@case cgroup_skb_return_pointer reject EINVAL "At program exit the register R0 is not a known value (ctx)"
.prog p cgroup_skb/ingress
        r0 = r1
        exit

@case cgroup_sock_return_2 reject EINVAL "At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]"
.prog p cgroup/sock
        r0 = 2
        exit

@case cgroup_sock_return_0 accept
.prog p cgroup/sock
        r0 = 0
        exit

@case connect4_return_1 accept
.prog p cgroup/connect4
        r0 = 1
        exit

@case connect4_return_5 reject EINVAL "At program exit the register R0 has smin=5 smax=5 should have been in [0, 1]"
.prog p cgroup/connect4
        r0 = 5
        exit

@case sockops_return_any reject EINVAL "At program exit the register R0 has smin=12345 smax=12345 should have been in [0, 1]"
.prog p sockops
        r0 = 12345
        exit

@case sysctl_return_2 reject EINVAL "At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]"
.prog p cgroup/sysctl
        r0 = 2
        exit

@case cgroup_dev_return_1 accept
.prog p cgroup/dev
        r0 = 1
        exit

@case cgroup_dev_return_7 reject EINVAL "At program exit the register R0 has smin=7 smax=7 should have been in [0, 1]"
.prog p cgroup/dev
        r0 = 7
        exit

@case getsockopt_return_1 accept
.prog p cgroup/getsockopt
        r0 = 1
        exit

@case getsockopt_return_2 reject EINVAL "At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]"
.prog p cgroup/getsockopt
        r0 = 2
        exit

@case xdp_return_large accept
.prog p xdp
        r0 = 1000
        exit

@case xdp_return_pointer accept
.prog p xdp
        r0 = r1
        exit

@case tc_return_negative accept
.prog p tc
        r0 = -1
        exit

@case socket_return_large accept
.prog p socket
        r0 = 0xffffffff ll
        exit

@case kprobe_return_any accept
.prog p kprobe/do_sys_open
        r0 = 77
        exit

@case sk_lookup_return_2 reject EINVAL "At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]"
.prog p sk_lookup
        r0 = 2
        exit

@case sk_lookup_return_1 accept
.prog p sk_lookup
        r0 = 1
        exit

@case flow_dissector_return_any accept
.prog p flow_dissector
        r0 = 1000
        exit

@case sk_msg_return_2 accept
.prog p sk_msg
        r0 = 2
        exit

@case lwt_in_return_large accept
.prog p lwt_in
        r0 = 500
        exit

@case perf_event_return_any accept
.prog p perf_event
        r0 = 3
        exit

@case tracepoint_return_any accept
.prog p tracepoint/syscalls/sys_enter_openat
        r0 = 3
        exit

@case raw_tp_return_any accept
.prog p raw_tracepoint/sys_enter
        r0 = 3
        exit

@case cgroup_skb_return_from_subprog accept
.prog p cgroup_skb/ingress
        call one
        exit
.func one
        r0 = 1
        exit

@case cgroup_skb_return_2_from_subprog reject EINVAL "At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]"
.prog p cgroup_skb/ingress
        call two
        exit
.func two
        r0 = 2
        exit

; bind programs may return 0 to 3 (bit 1: the port needs no CAP_NET_BIND_SERVICE).
@case bind4_return_3 accept
.prog p cgroup/bind4
        r0 = 3
        exit

@case bind6_return_2 accept
.prog p cgroup/bind6
        r0 = 2
        exit

@case bind4_return_4 reject EINVAL "At program exit the register R0 has smin=4 smax=4 should have been in [0, 3]"
.prog p cgroup/bind4
        r0 = 4
        exit

@case connect4_return_2 reject EINVAL "At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]"
.prog p cgroup/connect4
        r0 = 2
        exit

; recvmsg, getpeername and getsockname programs may only return 1.
@case recvmsg4_return_0 reject EINVAL "At program exit the register R0 has smin=0 smax=0 should have been in [1, 1]"
.prog p cgroup/recvmsg4
        r0 = 0
        exit

@case recvmsg4_return_1 accept
.prog p cgroup/recvmsg4
        r0 = 1
        exit

@case getsockname6_return_0 reject EINVAL "At program exit the register R0 has smin=0 smax=0 should have been in [1, 1]"
.prog p cgroup/getsockname6
        r0 = 0
        exit
