; Arithmetic and comparisons between pointers of different kinds.
.license "GPL"
.map h hash key=4 value=8 entries=4

@case stack_minus_stack accept
.prog p socket
        r1 = r10
        r2 = r10
        r2 += -16
        r1 -= r2
        r0 = r1
        exit

@case ctx_minus_ctx accept
.prog p socket
        r2 = r1
        r2 -= r1
        r0 = r2
        exit

@case packet_minus_ctx accept
.prog p tc
        r2 = *(u32 *)(r1 +76)
        r2 -= r1
        r0 = 0
        exit

@case scalar_minus_pointer reject EACCES "R2 tried to subtract pointer from scalar"
.prog p socket
        r2 = 100
        r2 -= r10
        r0 = 0
        exit

@case scalar_plus_pointer accept
.prog p socket
        r2 = 8
        r2 += r10
        *(u64 *)(r2 -16) = 0
        r0 = 0
        exit

@case pointer_times_scalar reject EACCES "R2 pointer arithmetic with *= operator prohibited"
.prog p socket
        r2 = r10
        r2 *= 2
        r0 = 0
        exit

@case pointer_shift reject EACCES "R2 pointer arithmetic with >>= operator prohibited"
.prog p socket
        r2 = r10
        r2 >>= 1
        r0 = 0
        exit

@case pointer_compare_with_scalar_root accept
.prog p socket
        r2 = r10
        if r2 == 0 goto out
out:    r0 = 0
        exit

@case pointer_spilled_then_arith_on_fill accept
.prog p socket
        r1 = r10
        r1 += -16
        *(u64 *)(r10 -8) = r1
        r2 = *(u64 *)(r10 -8)
        r2 += 8
        *(u64 *)(r2 +0) = 0
        r0 = 0
        exit

@case pointer_leak_into_map_value accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[h]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        *(u64 *)(r0 +0) = r10
out:    r0 = 2
        exit

@case pointer_as_helper_scalar_arg accept
.prog p tc
        r1 = r10
        call bpf_get_prandom_u32
        r1 = r10
        r2 = 0
        call bpf_redirect
        r0 = 0
        exit

@case map_value_minus_map_value accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[h]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r1 = r0
        r1 += 4
        r1 -= r0
        r0 = r1
out:    r0 = 2
        exit

@case map_value_pointer_negated accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[h]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r0 = -r0
out:    r0 = 2
        exit

@case packet_pointer_compare_with_packet reject EACCES "invalid access to packet, off=0 size=4, R2(id=0,off=0,r=0)"
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 8
        r5 = r2
        r5 += 4
        if r5 > r4 goto out
        r0 = *(u32 *)(r2 +0)
out:    r0 = 2
        exit

@case packet_end_compared_twice accept
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 8
        if r4 > r3 goto out
        r4 = r2
        r4 += 16
        if r4 > r3 goto small
        r0 = *(u64 *)(r2 +8)
small:  r0 = *(u64 *)(r2 +0)
out:    r0 = 2
        exit

@case packet_pointer_from_spilled_end accept
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        *(u64 *)(r10 -8) = r3
        r4 = r2
        r4 += 8
        r3 = *(u64 *)(r10 -8)
        if r4 > r3 goto out
        r0 = *(u64 *)(r2 +0)
out:    r0 = 2
        exit
