; Path sensitivity: the kernel explores each path with its own state and never joins states, so
; a fact established on one branch (a bounds check, a NULL check) stays tied to a flag that is
; tested later. A verifier that joins states rejects these; the kernel accepts them.
.license "GPL"
.map h hash key=4 value=8 entries=4

@case flag_remembers_packet_check accept
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r6 = 0
        r4 = r2
        r4 += 4
        if r4 > r3 goto skip
        r6 = 1
skip:   if r6 == 0 goto out
        r0 = *(u32 *)(r2 +0)
out:    r0 = 2
        exit

@case flag_inverted_reads_unchecked_path reject EACCES "invalid access to packet, off=0 size=4, R2(id=0,off=0,r=0)"
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r6 = 0
        r4 = r2
        r4 += 4
        if r4 > r3 goto skip
        r6 = 1
skip:   if r6 == 1 goto out
        r0 = *(u32 *)(r2 +0)
out:    r0 = 2
        exit

@case flag_remembers_null_check accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[h]
        call bpf_map_lookup_elem
        r6 = 0
        if r0 == 0 goto skip
        r6 = 1
skip:   if r6 == 0 goto out
        r1 = *(u64 *)(r0 +0)
out:    r0 = 2
        exit

@case flag_null_check_wrong_sense reject EACCES "R0 invalid mem access 'scalar'"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[h]
        call bpf_map_lookup_elem
        r6 = 0
        if r0 != 0 goto skip
        r6 = 1
skip:   if r6 == 0 goto out
        r1 = *(u64 *)(r0 +0)
out:    r0 = 2
        exit

@case index_bounded_on_each_path accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[h]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        call bpf_get_prandom_u32
        r7 = 0
        if r0 > 100 goto add
        r7 = 4
add:    r6 += r7
        r1 = *(u32 *)(r6 +0)
out:    r0 = 2
        exit

@case index_one_path_too_far reject EACCES "invalid access to map value, value_size=8 off=5 size=4"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[h]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        call bpf_get_prandom_u32
        r7 = 0
        if r0 > 100 goto add
        r7 = 5
add:    r6 += r7
        r1 = *(u32 *)(r6 +0)
out:    r0 = 2
        exit

@case correlated_constant_branches accept
.prog p socket
        r1 = *(u32 *)(r1 +0)
        r6 = 0
        if r1 > 10 goto a
        r6 = 1
a:      if r1 > 10 goto b
        if r6 == 1 goto b
        r0 = *(u64 *)(r9 +0)
b:      r0 = 0
        exit

@case pointer_or_scalar_per_path accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[h]
        call bpf_map_lookup_elem
        r6 = 0
        r7 = r10
        r7 += -16
        if r0 == 0 goto skip
        r6 = 1
        r7 = r0
skip:   r1 = 0
        *(u64 *)(r7 +0) = r1
        r0 = 2
        exit

@case range_from_two_checks accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[h]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        call bpf_get_prandom_u32
        if r0 < 2 goto out
        if r0 > 6 goto out
        r0 -= 2
        r6 += r0
        r1 = *(u32 *)(r6 +0)
out:    r0 = 2
        exit

@case spilled_flag_remembers_check accept
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r6 = 0
        *(u64 *)(r10 -8) = r6
        r4 = r2
        r4 += 4
        if r4 > r3 goto skip
        r6 = 1
        *(u64 *)(r10 -8) = r6
skip:   r6 = *(u64 *)(r10 -8)
        if r6 == 0 goto out
        r0 = *(u32 *)(r2 +0)
out:    r0 = 2
        exit

@case many_diamonds_explored accept
.prog p socket
        r6 = *(u32 *)(r1 +0)
        r0 = 0
        if r6 & 1 goto a1
        r0 += 1
a1:     if r6 & 2 goto a2
        r0 += 1
a2:     if r6 & 4 goto a3
        r0 += 1
a3:     if r6 & 8 goto a4
        r0 += 1
a4:     if r6 & 16 goto a5
        r0 += 1
a5:     if r6 & 32 goto a6
        r0 += 1
a6:     if r6 & 64 goto a7
        r0 += 1
a7:     if r6 & 128 goto a8
        r0 += 1
a8:     exit

@case state_pruning_keeps_bad_path reject EACCES "R9 !read_ok"
.prog p socket
        r6 = *(u32 *)(r1 +0)
        r7 = 0
        if r6 & 1 goto a1
        r7 = 1
a1:     if r6 & 2 goto a2
        r0 = 0
a2:     if r7 == 0 goto done
        r0 = *(u64 *)(r9 +0)
done:   r0 = 0
        exit
