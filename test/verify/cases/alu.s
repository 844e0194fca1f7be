; Registers and arithmetic: reads of uninitialised registers, R0 at exit, division, shifts,
; ALU32 zero-extension, sign extension, byte swaps, JMP32, and the bounds they give to an index.
.license "GPL"
.map m array key=4 value=16 entries=1
.map big array key=4 value=256 entries=1

@case r0_not_set reject EACCES "R0 !read_ok"
.prog p socket
        exit

@case r0_set_on_one_path_only reject EACCES "R0 !read_ok"
.prog p socket
        r1 = *(u32 *)(r1 +0)
        if r1 == 0 goto out
        r0 = 1
out:    exit

@case r0_set_on_both_paths accept
.prog p socket
        r1 = *(u32 *)(r1 +0)
        r0 = 0
        if r1 == 0 goto out
        r0 = 1
out:    exit

@case read_uninitialised_r2 reject EACCES "R2 !read_ok"
.prog p socket
        r0 = r2
        exit

@case read_uninitialised_r9_in_alu reject EACCES "R9 !read_ok"
.prog p socket
        r0 = 0
        r0 += r9
        exit

@case r1_to_r5_clobbered_by_call reject EACCES "R3 !read_ok"
.prog p socket
        r3 = 1
        call bpf_get_prandom_u32
        r0 = r3
        exit

@case r6_kept_across_call accept
.prog p socket
        r6 = 1
        call bpf_get_prandom_u32
        r0 = r6
        exit

@case store_uninitialised_register reject EACCES "R3 !read_ok"
.prog p socket
        *(u64 *)(r10 -8) = r3
        r0 = 0
        exit

@case div_by_zero_register accept
.prog p socket
        r0 = 10
        r1 = 0
        r0 /= r1
        exit

@case mod_by_zero_register accept
.prog p socket
        r0 = 10
        r1 = 0
        r0 %= r1
        exit

@case div_by_zero_immediate reject EINVAL "div by zero"
.prog p socket
        r0 = 10
        r0 /= 0
        exit

@case mod_by_zero_immediate reject EINVAL "div by zero"
.prog p socket
        r0 = 10
        r0 %= 0
        exit

@case div32_by_zero_register accept
.prog p socket
        w0 = 10
        w1 = 0
        w0 /= w1
        exit

@case sdiv_by_zero_register accept
.prog p socket
        r0 = -10
        r1 = 0
        r0 s/= r1
        exit

@case sdiv_by_minus_one accept
.prog p socket
        r0 = -10
        r0 s/= -1
        exit

@case smod_immediate accept
.prog p socket
        r0 = -10
        r0 s%= 3
        exit

@case shift_by_63 accept
.prog p socket
        r0 = 1
        r0 <<= 63
        exit

@case shift_by_64 reject EINVAL "invalid shift 64"
.prog p socket
        r0 = 1
        r0 <<= 64
        exit

@case shift32_by_32 reject EINVAL "invalid shift 32"
.prog p socket
        w0 = 1
        w0 <<= 32
        exit

@case arsh_by_register_unknown accept
.prog p socket
        call bpf_get_prandom_u32
        r1 = 1
        r1 s>>= r0
        r0 = r1
        exit

@case neg_scalar accept
.prog p socket
        r0 = 5
        r0 = -r0
        exit

@case alu32_zero_extends_for_index accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[m]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        call bpf_get_prandom_u32
        r0 <<= 32
        w0 &= 12
        r6 += r0
        r1 = *(u32 *)(r6 +0)
out:    r0 = 2
        exit

@case alu64_and_keeps_high_bits_unknown reject EINVAL "value -9223372036854775796 makes map_value pointer be out of bounds"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[m]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        call bpf_get_prandom_u32
        r0 <<= 32
        r0 |= 12
        r6 += r0
        r1 = *(u32 *)(r6 +0)
out:    r0 = 2
        exit

@case mov32_zero_extends accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[m]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        r0 = -1
        w0 = w0
        r0 &= 12
        r6 += r0
        r1 = *(u32 *)(r6 +0)
out:    r0 = 2
        exit

@case jmp32_bound_on_u32_load accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[m]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        r7 = *(u32 *)(r6 +0)
        if w7 > 12 goto out
        r6 += r7
        r1 = *(u32 *)(r6 +0)
out:    r0 = 2
        exit

@case jmp32_bound_on_u64_load reject EINVAL "math between map_value pointer and register with unbounded min value is not allowed"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[m]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        r7 = *(u64 *)(r6 +0)
        if w7 > 12 goto out
        r6 += r7
        r1 = *(u32 *)(r6 +0)
out:    r0 = 2
        exit

@case jmp64_bound_on_u64_load accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[m]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        r7 = *(u64 *)(r6 +0)
        if r7 > 12 goto out
        r6 += r7
        r1 = *(u32 *)(r6 +0)
out:    r0 = 2
        exit

@case jmp32_signed_bound accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[m]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        r7 = *(u32 *)(r6 +0)
        if w7 s> 12 goto out
        if w7 s< 0 goto out
        r6 += r7
        r1 = *(u32 *)(r6 +0)
out:    r0 = 2
        exit

@case jmp_jset_bounds accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[m]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        r7 = *(u8 *)(r6 +0)
        if r7 & 0xf0 goto out
        r6 += r7
        r1 = *(u8 *)(r6 +0)
out:    r0 = 2
        exit

@case jset_does_not_bound_upper reject EACCES "invalid access to map value, value_size=16 off=240 size=1"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[m]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        r7 = *(u8 *)(r6 +0)
        if r7 & 0x0f goto out
        r6 += r7
        r1 = *(u8 *)(r6 +0)
out:    r0 = 2
        exit

@case byte_load_bounds_index accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[big]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        r7 = *(u8 *)(r6 +0)
        r6 += r7
        r1 = *(u8 *)(r6 +0)
out:    r0 = 2
        exit

@case signed_byte_load_index reject EACCES "R6 min value is negative, either use unsigned index or do a if (index >=0) check."
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[big]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        r7 = *(s8 *)(r6 +0)
        r6 += r7
        r1 = *(u8 *)(r6 +0)
out:    r0 = 2
        exit

@case movsx8_then_mask accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[m]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        r7 = *(u8 *)(r6 +0)
        r7 = (s8) r7
        r7 &= 15
        r6 += r7
        r1 = *(u8 *)(r6 +0)
out:    r0 = 2
        exit

@case movsx8_unbounded reject EACCES "R6 min value is negative, either use unsigned index or do a if (index >=0) check."
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[m]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        r7 = *(u8 *)(r6 +0)
        r7 = (s8) r7
        r6 += r7
        r1 = *(u8 *)(r6 +0)
out:    r0 = 2
        exit

@case be16_bounds accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[m]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        r7 = *(u64 *)(r6 +0)
        r7 = be16 r7
        r7 >>= 12
        r6 += r7
        r1 = *(u8 *)(r6 +0)
out:    r0 = 2
        exit

@case bswap64_loses_bounds reject EINVAL "math between map_value pointer and register with unbounded min value is not allowed"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[m]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        r7 = *(u8 *)(r6 +0)
        r7 = bswap64 r7
        r6 += r7
        r1 = *(u8 *)(r6 +0)
out:    r0 = 2
        exit

@case bswap16_on_scalar accept
.prog p socket
        r0 = 0x1234
        r0 = bswap16 r0
        exit

@case le32_on_scalar accept
.prog p socket
        r0 = 0x12345678
        r0 = le32 r0
        exit

@case ld_imm64_constant accept
.prog p socket
        r0 = 0x1122334455667788 ll
        r0 >>= 56
        exit

@case mul_keeps_bound accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[big]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        r7 = *(u8 *)(r6 +0)
        r7 &= 31
        r7 *= 8
        r6 += r7
        r1 = *(u64 *)(r6 +0)
out:    r0 = 2
        exit

@case mul_overflows_bound reject EACCES "invalid access to map value, value_size=256 off=279 size=8"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[big]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        r7 = *(u8 *)(r6 +0)
        r7 &= 31
        r7 *= 9
        r6 += r7
        r1 = *(u64 *)(r6 +0)
out:    r0 = 2
        exit

@case linked_scalars_bound_copy accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[m]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        call bpf_get_prandom_u32
        r7 = r0
        if r0 > 8 goto out
        r6 += r7
        r1 = *(u64 *)(r6 +0)
out:    r0 = 2
        exit

@case linked_scalars_broken_by_write reject EINVAL "math between map_value pointer and register with unbounded min value is not allowed"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[m]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        call bpf_get_prandom_u32
        r7 = r0
        r7 += 0
        r7 *= 1
        if r0 > 8 goto out
        r6 += r7
        r1 = *(u64 *)(r6 +0)
out:    r0 = 2
        exit

@case sub_gives_negative_index reject EACCES "R6 min value is negative, either use unsigned index or do a if (index >=0) check."
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[m]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        r7 = *(u8 *)(r6 +0)
        r7 &= 7
        r7 -= 4
        r6 += r7
        r1 = *(u8 *)(r6 +0)
out:    r0 = 2
        exit

@case sub_then_add_back reject EACCES "R6 unbounded memory access, make sure to bounds check any such access"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[m]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        r7 = *(u8 *)(r6 +0)
        r7 &= 7
        r7 -= 4
        r6 += 4
        r6 += r7
        r1 = *(u8 *)(r6 +0)
out:    r0 = 2
        exit

@case dead_branch_is_not_checked accept
.prog p socket
        r1 = 5
        if r1 == 5 goto ok
        r0 = *(u64 *)(r9 +0)
ok:     r0 = 0
        exit

@case dead_branch_from_range accept
.prog p socket
        call bpf_get_prandom_u32
        r0 &= 7
        if r0 < 8 goto ok
        r0 = *(u64 *)(r9 +0)
ok:     r0 = 0
        exit

@case live_branch_from_range reject EACCES "R9 !read_ok"
.prog p socket
        call bpf_get_prandom_u32
        r0 &= 15
        if r0 < 8 goto ok
        r0 = *(u64 *)(r9 +0)
ok:     r0 = 0
        exit

@case jmp32_dead_branch accept
.prog p socket
        r1 = 0x100000005 ll
        if w1 == 5 goto ok
        r0 = *(u64 *)(r9 +0)
ok:     r0 = 0
        exit

@case jmp64_live_where_jmp32_dead reject EACCES "R9 !read_ok"
.prog p socket
        r1 = 0x100000005 ll
        if r1 == 5 goto ok
        r0 = *(u64 *)(r9 +0)
ok:     r0 = 0
        exit

@case scalar_dereference reject EACCES "R1 invalid mem access 'scalar'"
.prog p socket
        r1 = 0
        r0 = *(u64 *)(r1 +0)
        exit

@case scalar_store_through reject EACCES "R1 invalid mem access 'scalar'"
.prog p socket
        r1 = 4096
        *(u64 *)(r1 +0) = 0
        r0 = 0
        exit

; `<<= 32` then `s>>= 32` (the compiler's sign extension of a 32-bit value): the 64-bit bounds
; after the left shift come from the unshifted 32-bit ones, so the upper bound survives.
@case lsh32_arsh32_keeps_upper_bound accept
.prog p xdp
        call bpf_get_prandom_u32
        r0 &= 0xff
        r0 -= 100
        r0 <<= 32
        r0 s>>= 32
        if r0 s< 0 goto out
        r6 = r0
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[big]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r0 += r6
        r0 = *(u8 *)(r0 +0)
out:    r0 = 2
        exit

@case lsh32_arsh32_bound_exceeds_value reject EACCES "invalid access to map value, value_size=16 off=155 size=1"
.prog p xdp
        call bpf_get_prandom_u32
        r0 &= 0xff
        r0 -= 100
        r0 <<= 32
        r0 s>>= 32
        if r0 s< 0 goto out
        r6 = r0
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[m]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r0 += r6
        r0 = *(u8 *)(r0 +0)
out:    r0 = 2
        exit

; A move of an immediate and an addition of one, visited once per iteration of a loop: each visit
; starts from the immediate itself (the verifier keeps one constant register per instruction).
@case immediates_same_on_every_visit accept
.prog p socket
        r6 = 0
loop:   r2 = 7
        r2 += 1
        if r2 != 8 goto bad
        r6 += 1
        if r6 < 3 goto loop
        r0 = 0
        exit
bad:    r0 = r9
        exit
