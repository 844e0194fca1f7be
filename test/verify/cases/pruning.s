; Pruning: a state is pruned by an explored one whose scalars that no later check reads differ
; (the kernel's precision marks). Each reject case has a narrow value on the path explored
; first and a wide one on the path that meets it at a prune point; the wide value reaches a check
; only through a move, arithmetic, a spill and fill, a callee, a map key or R0 at exit, so a
; pruning that lost that flow would accept them. The accept cases differ only in values no check
; reads.
.license "GPL"
.map v array key=4 value=16 entries=1

@case value_through_move_and_shift_to_pointer_arithmetic reject EACCES "invalid access to map value, value_size=16 off=200 size=1"
.prog p xdp
        r1 = 0
        *(u32 *)(r10 -4) = r1
        r2 = r10
        r2 += -4
        r1 = map[v]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r7 = r0
        call bpf_get_prandom_u32
        r8 = 4
        if r0 == 0 goto wide
        goto join
wide:   r8 = 100
join:   r1 = 0
        if r0 > 7 goto a
a:      r1 = 1
        if r0 > 9 goto b
b:      r9 = r8
        r9 <<= 1
        r7 += r9
        r0 = *(u8 *)(r7 +0)
out:    r0 = 2
        exit

@case value_through_spill_and_fill reject EACCES "invalid access to map value, value_size=16 off=100 size=1"
.prog p xdp
        r1 = 0
        *(u32 *)(r10 -4) = r1
        r2 = r10
        r2 += -4
        r1 = map[v]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r7 = r0
        call bpf_get_prandom_u32
        r8 = 4
        if r0 == 0 goto wide
        goto join
wide:   r8 = 100
join:   *(u64 *)(r10 -16) = r8
        r8 = 0
        r1 = 0
        if r0 > 7 goto a
a:      r1 = 1
        if r0 > 9 goto b
b:      r1 = 2
        if r0 > 11 goto c
c:      r8 = *(u64 *)(r10 -16)
        r7 += r8
        r0 = *(u8 *)(r7 +0)
out:    r0 = 2
        exit

@case value_decides_a_later_branch reject EACCES "R0 invalid mem access 'scalar'"
.prog p xdp
        call bpf_get_prandom_u32
        r8 = 4
        if r0 == 0 goto wide
        goto join
wide:   r8 = 100
join:   r1 = 0
        if r0 > 7 goto a
a:      r1 = 1
        if r0 > 9 goto b
b:      r9 = r8
        r9 += 3
        if r9 < 50 goto out
        r0 = *(u8 *)(r0 +0)
out:    r0 = 2
        exit

@case value_returned_at_exit reject EINVAL "At program exit the register R0 has smin=100 smax=100 should have been in [0, 1]"
.prog p cgroup_skb/ingress
        call bpf_get_prandom_u32
        r8 = 1
        if r0 == 0 goto wide
        goto join
wide:   r8 = 100
join:   r1 = 0
        if r0 > 7 goto a
a:      r1 = 1
        if r0 > 9 goto b
b:      r0 = r8
        exit

@case value_read_by_callee_through_stack_pointer reject EACCES "invalid access to map value, value_size=16 off=100 size=1"
.prog p xdp
        r1 = 0
        *(u32 *)(r10 -4) = r1
        r2 = r10
        r2 += -4
        r1 = map[v]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r7 = r0
        call bpf_get_prandom_u32
        r8 = 4
        if r0 == 0 goto wide
        goto join
wide:   r8 = 100
join:   *(u64 *)(r10 -16) = r8
        r8 = 0
        r1 = 0
        if r0 > 7 goto a
a:      r1 = 1
        if r0 > 9 goto b
b:      r1 = r10
        r1 += -16
        r2 = r7
        call readoff
out:    r0 = 2
        exit
.func readoff args=2
        r3 = *(u64 *)(r1 +0)
        r2 += r3
        r0 = *(u8 *)(r2 +0)
        r0 = 0
        exit

@case value_is_an_array_map_key reject EACCES "R0 invalid mem access 'map_value_or_null'"
.prog p xdp
        call bpf_get_prandom_u32
        r8 = 0
        if r0 == 0 goto wide
        goto join
wide:   r8 = 5
join:   r1 = 0
        if r0 > 7 goto a
a:      r1 = 1
        if r0 > 9 goto b
b:      *(u32 *)(r10 -4) = r8
        r2 = r10
        r2 += -4
        r1 = map[v]
        call bpf_map_lookup_elem
        r0 = *(u8 *)(r0 +0)
        r0 = 2
        exit

@case values_only_stored_as_a_hash_key accept
.prog p xdp
        r6 = 0
        call bpf_get_prandom_u32
        r7 = r0
        r6 <<= 8
        if r7 > 100 goto a
        r6 |= 1
a:      r6 <<= 8
        if r7 > 200 goto b
        r6 |= 2
b:      r6 <<= 8
        if r7 > 300 goto c
        r6 |= 3
c:      *(u64 *)(r10 -8) = r6
        r1 = 0
        *(u32 *)(r10 -12) = r1
        r0 = 2
        exit
