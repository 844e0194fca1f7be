; Acquired references: a socket from bpf_sk_lookup_* and a record from bpf_ringbuf_reserve must
; be NULL-checked before use and released (bpf_sk_release, bpf_ringbuf_submit/discard) on every path.
.license "GPL"
.map rb ringbuf entries=4096

@case sk_lookup_and_release accept
.prog p tc
        r2 = 0
        *(u64 *)(r10 -8) = r2
        *(u64 *)(r10 -16) = r2
        *(u64 *)(r10 -24) = r2
        *(u64 *)(r10 -32) = r2
        *(u64 *)(r10 -40) = r2
        r2 = r10
        r2 += -40
        r3 = 12
        r4 = -1 ll
        r5 = 0
        call bpf_sk_lookup_tcp
        if r0 == 0 goto out
        r1 = r0
        call bpf_sk_release
out:    r0 = 0
        exit

@case sk_lookup_not_released reject EINVAL "Unreleased reference id=2 alloc_insn=12"
.prog p tc
        r2 = 0
        *(u64 *)(r10 -8) = r2
        *(u64 *)(r10 -16) = r2
        *(u64 *)(r10 -24) = r2
        *(u64 *)(r10 -32) = r2
        *(u64 *)(r10 -40) = r2
        r2 = r10
        r2 += -40
        r3 = 12
        r4 = -1 ll
        r5 = 0
        call bpf_sk_lookup_tcp
        r0 = 0
        exit

@case sk_lookup_released_on_one_path reject EINVAL "Unreleased reference id=2 alloc_insn=13"
.prog p tc
        r6 = r1
        r2 = 0
        *(u64 *)(r10 -8) = r2
        *(u64 *)(r10 -16) = r2
        *(u64 *)(r10 -24) = r2
        *(u64 *)(r10 -32) = r2
        *(u64 *)(r10 -40) = r2
        r2 = r10
        r2 += -40
        r3 = 12
        r4 = -1 ll
        r5 = 0
        call bpf_sk_lookup_tcp
        if r0 == 0 goto out
        r7 = *(u32 *)(r6 +0)
        if r7 > 100 goto out
        r1 = r0
        call bpf_sk_release
out:    r0 = 0
        exit

@case sk_release_without_null_check reject EACCES "R1 type=sock_or_null expected=sock_common, sock, tcp_sock, xdp_sock, ptr_, trusted_ptr_"
.prog p tc
        r2 = 0
        *(u64 *)(r10 -8) = r2
        *(u64 *)(r10 -16) = r2
        *(u64 *)(r10 -24) = r2
        *(u64 *)(r10 -32) = r2
        *(u64 *)(r10 -40) = r2
        r2 = r10
        r2 += -40
        r3 = 12
        r4 = -1 ll
        r5 = 0
        call bpf_sk_lookup_tcp
        r1 = r0
        call bpf_sk_release
        r0 = 0
        exit

@case sk_read_field_after_check accept
.prog p tc
        r2 = 0
        *(u64 *)(r10 -8) = r2
        *(u64 *)(r10 -16) = r2
        *(u64 *)(r10 -24) = r2
        *(u64 *)(r10 -32) = r2
        *(u64 *)(r10 -40) = r2
        r2 = r10
        r2 += -40
        r3 = 12
        r4 = -1 ll
        r5 = 0
        call bpf_sk_lookup_tcp
        if r0 == 0 goto out
        r6 = *(u32 *)(r0 +4)
        r1 = r0
        call bpf_sk_release
out:    r0 = 0
        exit

@case sk_use_after_release reject EACCES "R6 invalid mem access 'scalar'"
.prog p tc
        r2 = 0
        *(u64 *)(r10 -8) = r2
        *(u64 *)(r10 -16) = r2
        *(u64 *)(r10 -24) = r2
        *(u64 *)(r10 -32) = r2
        *(u64 *)(r10 -40) = r2
        r2 = r10
        r2 += -40
        r3 = 12
        r4 = -1 ll
        r5 = 0
        call bpf_sk_lookup_tcp
        if r0 == 0 goto out
        r6 = r0
        r1 = r0
        call bpf_sk_release
        r0 = *(u32 *)(r6 +4)
out:    r0 = 0
        exit

@case sk_release_twice reject EACCES "R1 type=scalar expected=sock_common, sock, tcp_sock, xdp_sock, ptr_, trusted_ptr_"
.prog p tc
        r2 = 0
        *(u64 *)(r10 -8) = r2
        *(u64 *)(r10 -16) = r2
        *(u64 *)(r10 -24) = r2
        *(u64 *)(r10 -32) = r2
        *(u64 *)(r10 -40) = r2
        r2 = r10
        r2 += -40
        r3 = 12
        r4 = -1 ll
        r5 = 0
        call bpf_sk_lookup_tcp
        if r0 == 0 goto out
        r6 = r0
        r1 = r0
        call bpf_sk_release
        r1 = r6
        call bpf_sk_release
out:    r0 = 0
        exit

@case sk_lookup_tuple_too_small reject EINVAL "invalid read from stack R2 off=-8 size=12"
.prog p tc
        r2 = 0
        *(u64 *)(r10 -8) = r2
        r2 = r10
        r2 += -8
        r3 = 12
        r4 = -1 ll
        r5 = 0
        call bpf_sk_lookup_tcp
        if r0 == 0 goto out
        r1 = r0
        call bpf_sk_release
out:    r0 = 0
        exit

@case sk_pointer_arithmetic reject EACCES "R0 pointer arithmetic on sock prohibited"
.prog p tc
        r2 = 0
        *(u64 *)(r10 -8) = r2
        *(u64 *)(r10 -16) = r2
        *(u64 *)(r10 -24) = r2
        *(u64 *)(r10 -32) = r2
        *(u64 *)(r10 -40) = r2
        r2 = r10
        r2 += -40
        r3 = 12
        r4 = -1 ll
        r5 = 0
        call bpf_sk_lookup_tcp
        if r0 == 0 goto out
        r0 += 4
        r1 = r0
        call bpf_sk_release
out:    r0 = 0
        exit

@case sk_lookup_in_xdp accept
.prog p xdp
        r2 = 0
        *(u64 *)(r10 -8) = r2
        *(u64 *)(r10 -16) = r2
        *(u64 *)(r10 -24) = r2
        *(u64 *)(r10 -32) = r2
        *(u64 *)(r10 -40) = r2
        r2 = r10
        r2 += -40
        r3 = 12
        r4 = -1 ll
        r5 = 0
        call bpf_sk_lookup_udp
        if r0 == 0 goto out
        r1 = r0
        call bpf_sk_release
out:    r0 = 2
        exit

@case sk_lookup_in_socket_filter reject EINVAL "program of this type cannot use helper bpf_sk_lookup_tcp#84"
.prog p socket
        r2 = 0
        *(u64 *)(r10 -8) = r2
        *(u64 *)(r10 -16) = r2
        *(u64 *)(r10 -24) = r2
        *(u64 *)(r10 -32) = r2
        *(u64 *)(r10 -40) = r2
        r2 = r10
        r2 += -40
        r3 = 12
        r4 = -1 ll
        r5 = 0
        call bpf_sk_lookup_tcp
        if r0 == 0 goto out
        r1 = r0
        call bpf_sk_release
out:    r0 = 0
        exit

@case ringbuf_reserve_submit accept
.prog p xdp
        r1 = map[rb]
        r2 = 16
        r3 = 0
        call bpf_ringbuf_reserve
        if r0 == 0 goto out
        r1 = 7
        *(u64 *)(r0 +8) = r1
        r1 = r0
        r2 = 0
        call bpf_ringbuf_submit
out:    r0 = 2
        exit

@case ringbuf_reserve_discard accept
.prog p xdp
        r1 = map[rb]
        r2 = 16
        r3 = 0
        call bpf_ringbuf_reserve
        if r0 == 0 goto out
        r1 = r0
        r2 = 0
        call bpf_ringbuf_discard
out:    r0 = 2
        exit

@case ringbuf_reserve_leaked reject EINVAL "Unreleased reference id=2 alloc_insn=4"
.prog p xdp
        r1 = map[rb]
        r2 = 16
        r3 = 0
        call bpf_ringbuf_reserve
        if r0 == 0 goto out
        r1 = 7
        *(u64 *)(r0 +8) = r1
out:    r0 = 2
        exit

@case ringbuf_write_unchecked reject EACCES "R0 invalid mem access 'ringbuf_mem_or_null'"
.prog p xdp
        r1 = map[rb]
        r2 = 16
        r3 = 0
        call bpf_ringbuf_reserve
        r1 = 7
        *(u64 *)(r0 +8) = r1
        r0 = 2
        exit

@case ringbuf_write_past_record reject EACCES "invalid access to memory, mem_size=16 off=16 size=8"
.prog p xdp
        r1 = map[rb]
        r2 = 16
        r3 = 0
        call bpf_ringbuf_reserve
        if r0 == 0 goto out
        r1 = 7
        *(u64 *)(r0 +16) = r1
        r1 = r0
        r2 = 0
        call bpf_ringbuf_submit
out:    r0 = 2
        exit

@case ringbuf_use_after_submit reject EACCES "R6 invalid mem access 'scalar'"
.prog p xdp
        r1 = map[rb]
        r2 = 16
        r3 = 0
        call bpf_ringbuf_reserve
        if r0 == 0 goto out
        r6 = r0
        r1 = r0
        r2 = 0
        call bpf_ringbuf_submit
        r1 = 7
        *(u64 *)(r6 +0) = r1
out:    r0 = 2
        exit

@case ringbuf_reserve_size_not_constant reject EACCES "R2 is not a known constant'"
.prog p xdp
        call bpf_get_prandom_u32
        r2 = r0
        r2 &= 63
        r1 = map[rb]
        r3 = 0
        call bpf_ringbuf_reserve
        if r0 == 0 goto out
        r1 = r0
        r2 = 0
        call bpf_ringbuf_discard
out:    r0 = 2
        exit

@case ringbuf_submit_modified_pointer reject EINVAL "R1 must have zero offset when passed to release func or trusted arg to kfunc"
.prog p xdp
        r1 = map[rb]
        r2 = 16
        r3 = 0
        call bpf_ringbuf_reserve
        if r0 == 0 goto out
        r0 += 8
        r1 = r0
        r2 = 0
        call bpf_ringbuf_submit
out:    r0 = 2
        exit

@case ringbuf_submit_stack_pointer reject EACCES "R1 type=fp expected=ringbuf_mem"
.prog p xdp
        r1 = r10
        r1 += -8
        r2 = 0
        call bpf_ringbuf_submit
        r0 = 2
        exit

@case ringbuf_record_spilled_and_submitted accept
.prog p xdp
        r1 = map[rb]
        r2 = 16
        r3 = 0
        call bpf_ringbuf_reserve
        if r0 == 0 goto out
        *(u64 *)(r10 -8) = r0
        r1 = *(u64 *)(r10 -8)
        r2 = 0
        call bpf_ringbuf_submit
out:    r0 = 2
        exit

@case ringbuf_leak_through_tail_call reject EINVAL "Unreleased reference id=2 alloc_insn=5"
.prog p xdp
        r6 = r1
        r1 = map[rb]
        r2 = 16
        r3 = 0
        call bpf_ringbuf_reserve
        if r0 == 0 goto out
        r7 = r0
        r1 = r6
        r2 = map[jt]
        r3 = 0
        call bpf_tail_call
        r1 = r7
        r2 = 0
        call bpf_ringbuf_submit
out:    r0 = 2
        exit
.map jt prog_array key=4 value=4 entries=1

; ---- what a released socket leaves behind: pointers derived from it, spilled copies
@case sk_fullsock_used_after_release reject EACCES "R7 invalid mem access 'scalar'"
.prog p tc
        r2 = 0
        *(u64 *)(r10 -8) = r2
        *(u64 *)(r10 -16) = r2
        *(u64 *)(r10 -24) = r2
        *(u64 *)(r10 -32) = r2
        *(u64 *)(r10 -40) = r2
        r2 = r10
        r2 += -40
        r3 = 12
        r4 = -1 ll
        r5 = 0
        call bpf_sk_lookup_tcp
        if r0 == 0 goto out
        r6 = r0
        r1 = r0
        call bpf_sk_fullsock
        if r0 == 0 goto rel
        r7 = r0
        r1 = r6
        call bpf_sk_release
        r0 = *(u32 *)(r7 +4)
        r0 = 0
        exit
rel:    r1 = r6
        call bpf_sk_release
out:    r0 = 0
        exit

@case sk_tcp_sock_used_after_release reject EACCES "R7 invalid mem access 'scalar'"
.prog p tc
        r2 = 0
        *(u64 *)(r10 -8) = r2
        *(u64 *)(r10 -16) = r2
        *(u64 *)(r10 -24) = r2
        *(u64 *)(r10 -32) = r2
        *(u64 *)(r10 -40) = r2
        r2 = r10
        r2 += -40
        r3 = 12
        r4 = -1 ll
        r5 = 0
        call bpf_sk_lookup_tcp
        if r0 == 0 goto out
        r6 = r0
        r1 = r0
        call bpf_tcp_sock
        if r0 == 0 goto rel
        r7 = r0
        r1 = r6
        call bpf_sk_release
        r0 = *(u32 *)(r7 +0)
        r0 = 0
        exit
rel:    r1 = r6
        call bpf_sk_release
out:    r0 = 0
        exit

@case sk_spilled_then_released_then_filled reject EACCES "R1 invalid mem access 'scalar'"
.prog p tc
        r2 = 0
        *(u64 *)(r10 -8) = r2
        *(u64 *)(r10 -16) = r2
        *(u64 *)(r10 -24) = r2
        *(u64 *)(r10 -32) = r2
        *(u64 *)(r10 -40) = r2
        r2 = r10
        r2 += -40
        r3 = 12
        r4 = -1 ll
        r5 = 0
        call bpf_sk_lookup_tcp
        if r0 == 0 goto out
        *(u64 *)(r10 -48) = r0
        r1 = r0
        call bpf_sk_release
        r1 = *(u64 *)(r10 -48)
        r0 = *(u32 *)(r1 +4)
out:    r0 = 0
        exit

@case sk_release_ctx_socket reject EINVAL "R1 must be referenced when passed to release function"
.prog p tc
        r1 = *(u64 *)(r1 +168)
        if r1 == 0 goto out
        call bpf_sk_release
out:    r0 = 0
        exit

@case sk_released_in_static_subprog accept
.prog p tc
        r2 = 0
        *(u64 *)(r10 -8) = r2
        *(u64 *)(r10 -16) = r2
        *(u64 *)(r10 -24) = r2
        *(u64 *)(r10 -32) = r2
        *(u64 *)(r10 -40) = r2
        r2 = r10
        r2 += -40
        r3 = 12
        r4 = -1 ll
        r5 = 0
        call bpf_sk_lookup_tcp
        if r0 == 0 goto out
        r1 = r0
        call rel_sub
out:    r0 = 0
        exit
.func rel_sub args=1
        call bpf_sk_release
        r0 = 0
        exit

@case sk_leaked_in_static_subprog reject EINVAL "Unreleased reference id=2 alloc_insn=15"
.prog p tc
        call lookup_sub
        r0 = 0
        exit
.func lookup_sub args=0
        r2 = 0
        *(u64 *)(r10 -8) = r2
        *(u64 *)(r10 -16) = r2
        *(u64 *)(r10 -24) = r2
        *(u64 *)(r10 -32) = r2
        *(u64 *)(r10 -40) = r2
        r2 = r10
        r2 += -40
        r3 = 12
        r4 = -1 ll
        r5 = 0
        call bpf_sk_lookup_tcp
        r0 = 0
        exit

@case sk_fullsock_of_released_twice reject EACCES "R1 type=scalar expected=sock_common, sock, tcp_sock, xdp_sock, ptr_, trusted_ptr_"
.prog p tc
        r2 = 0
        *(u64 *)(r10 -8) = r2
        *(u64 *)(r10 -16) = r2
        *(u64 *)(r10 -24) = r2
        *(u64 *)(r10 -32) = r2
        *(u64 *)(r10 -40) = r2
        r2 = r10
        r2 += -40
        r3 = 12
        r4 = -1 ll
        r5 = 0
        call bpf_sk_lookup_tcp
        if r0 == 0 goto out
        r6 = r0
        r1 = r0
        call bpf_sk_fullsock
        if r0 == 0 goto rel
        r1 = r0
        call bpf_sk_release
        r1 = r6
        call bpf_sk_release
        r0 = 0
        exit
rel:    r1 = r6
        call bpf_sk_release
out:    r0 = 0
        exit

@case sk_fullsock_null_does_not_release_parent reject EINVAL "Unreleased reference id=2 alloc_insn=12"
.prog p tc
        r2 = 0
        *(u64 *)(r10 -8) = r2
        *(u64 *)(r10 -16) = r2
        *(u64 *)(r10 -24) = r2
        *(u64 *)(r10 -32) = r2
        *(u64 *)(r10 -40) = r2
        r2 = r10
        r2 += -40
        r3 = 12
        r4 = -1 ll
        r5 = 0
        call bpf_sk_lookup_tcp
        if r0 == 0 goto out
        r6 = r0
        r1 = r0
        call bpf_sk_fullsock
        if r0 == 0 goto out
        r1 = r6
        call bpf_sk_release
out:    r0 = 0
        exit
