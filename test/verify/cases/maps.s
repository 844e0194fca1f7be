; Map lookups: the result is map_value_or_null until a NULL check; map values are bounded by
; value_size; keys and values passed to helpers must be readable for key_size and value_size.
.license "GPL"
.map arr array key=4 value=16 entries=4
.map h hash key=8 value=16 entries=16
.map pa percpu_array key=4 value=64 entries=1
.map big array key=4 value=256 entries=1

@case lookup_checked accept
.prog p xdp
        r1 = 0
        *(u64 *)(r10 -8) = r1
        r2 = r10
        r2 += -8
        r1 = map[h]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r1 = *(u64 *)(r0 +8)
out:    r0 = 2
        exit

@case lookup_unchecked reject EACCES "R0 invalid mem access 'map_value_or_null'"
.prog p xdp
        r1 = 0
        *(u64 *)(r10 -8) = r1
        r2 = r10
        r2 += -8
        r1 = map[h]
        call bpf_map_lookup_elem
        r1 = *(u64 *)(r0 +8)
        r0 = 2
        exit

@case lookup_checked_ne accept
.prog p xdp
        r1 = 0
        *(u64 *)(r10 -8) = r1
        r2 = r10
        r2 += -8
        r1 = map[h]
        call bpf_map_lookup_elem
        if r0 != 0 goto found
        r0 = 2
        exit
found:  *(u32 *)(r0 +12) = 1
        r0 = 2
        exit

@case lookup_deref_on_null_branch reject EACCES "R0 invalid mem access 'scalar'"
.prog p xdp
        r1 = 0
        *(u64 *)(r10 -8) = r1
        r2 = r10
        r2 += -8
        r1 = map[h]
        call bpf_map_lookup_elem
        if r0 != 0 goto out
        r1 = *(u64 *)(r0 +0)
out:    r0 = 2
        exit

@case arithmetic_before_null_check reject EACCES "R0 pointer arithmetic on map_value_or_null prohibited, null-check it first"
.prog p xdp
        r1 = 0
        *(u64 *)(r10 -8) = r1
        r2 = r10
        r2 += -8
        r1 = map[h]
        call bpf_map_lookup_elem
        r0 += 8
        if r0 == 0 goto out
        r1 = *(u64 *)(r0 +0)
out:    r0 = 2
        exit

@case null_check_on_copy_covers_original accept
.prog p xdp
        r1 = 0
        *(u64 *)(r10 -8) = r1
        r2 = r10
        r2 += -8
        r1 = map[h]
        call bpf_map_lookup_elem
        r6 = r0
        if r6 == 0 goto out
        r1 = *(u64 *)(r0 +0)
out:    r0 = 2
        exit

@case null_check_on_spilled_copy accept
.prog p xdp
        r1 = 0
        *(u64 *)(r10 -8) = r1
        r2 = r10
        r2 += -8
        r1 = map[h]
        call bpf_map_lookup_elem
        *(u64 *)(r10 -16) = r0
        if r0 == 0 goto out
        r1 = *(u64 *)(r10 -16)
        r1 = *(u64 *)(r1 +0)
out:    r0 = 2
        exit

@case value_read_at_end accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r1 = *(u32 *)(r0 +12)
out:    r0 = 2
        exit

@case value_read_past_end reject EACCES "invalid access to map value, value_size=16 off=14 size=4"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r1 = *(u32 *)(r0 +14)
out:    r0 = 2
        exit

@case value_negative_offset reject EACCES "invalid access to map value, value_size=16 off=-1 size=1"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r1 = *(u8 *)(r0 -1)
out:    r0 = 2
        exit

@case value_variable_index_masked accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        call bpf_get_prandom_u32
        r0 &= 7
        r6 += r0
        r1 = *(u64 *)(r6 +0)
out:    r0 = 2
        exit

@case value_variable_index_mask_too_wide reject EACCES "invalid access to map value, value_size=16 off=15 size=8"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        call bpf_get_prandom_u32
        r0 &= 15
        r6 += r0
        r1 = *(u64 *)(r6 +0)
out:    r0 = 2
        exit

@case value_variable_index_unbounded reject EINVAL "math between map_value pointer and register with unbounded min value is not allowed"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        call bpf_get_prandom_u32
        r6 += r0
        r1 = *(u8 *)(r6 +0)
out:    r0 = 2
        exit

@case value_variable_index_compare_bound accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        call bpf_get_prandom_u32
        if r0 > 12 goto out
        r6 += r0
        r1 = *(u32 *)(r6 +0)
out:    r0 = 2
        exit

@case value_variable_index_compare_off_by_one reject EACCES "invalid access to map value, value_size=16 off=13 size=4"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        call bpf_get_prandom_u32
        if r0 > 13 goto out
        r6 += r0
        r1 = *(u32 *)(r6 +0)
out:    r0 = 2
        exit

@case value_variable_index_signed_compare_only reject EINVAL "value -2147483648 makes map_value pointer be out of bounds"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        call bpf_get_prandom_u32
        r0 <<= 32
        r0 s>>= 32
        if r0 s> 12 goto out
        r6 += r0
        r1 = *(u32 *)(r6 +0)
out:    r0 = 2
        exit

@case value_variable_index_signed_both_ends accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        call bpf_get_prandom_u32
        r0 <<= 32
        r0 s>>= 32
        if r0 s> 12 goto out
        if r0 s< 0 goto out
        r6 += r0
        r1 = *(u32 *)(r6 +0)
out:    r0 = 2
        exit

@case value_write_through_variable_index accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[big]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        call bpf_get_prandom_u32
        r0 &= 0xff
        r6 += r0
        *(u8 *)(r6 +0) = 1
out:    r0 = 2
        exit

@case value_write_through_variable_index_u16 reject EACCES "invalid access to map value, value_size=256 off=255 size=2"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[big]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        call bpf_get_prandom_u32
        r0 &= 0xff
        r6 += r0
        *(u16 *)(r6 +0) = 1
out:    r0 = 2
        exit

@case percpu_value_bounds accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[pa]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r1 = *(u64 *)(r0 +56)
out:    r0 = 2
        exit

@case percpu_value_past_end reject EACCES "invalid access to map value, value_size=64 off=64 size=8"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[pa]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r1 = *(u64 *)(r0 +64)
out:    r0 = 2
        exit

@case hash_key_uninitialised accept
.prog p xdp
        r2 = r10
        r2 += -8
        r1 = map[h]
        call bpf_map_lookup_elem
        r0 = 2
        exit

@case hash_key_half_initialised accept
.prog p xdp
        *(u32 *)(r10 -8) = 0
        r2 = r10
        r2 += -8
        r1 = map[h]
        call bpf_map_lookup_elem
        r0 = 2
        exit

@case hash_key_too_close_to_frame_top reject EINVAL "invalid read from stack R2 off=-4 size=8"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[h]
        call bpf_map_lookup_elem
        r0 = 2
        exit

@case hash_update_checked_key_and_value accept
.prog p xdp
        r1 = 0
        *(u64 *)(r10 -8) = r1
        *(u64 *)(r10 -16) = r1
        r2 = r10
        r2 += -8
        r3 = r10
        r3 += -16
        r4 = 0
        r1 = map[h]
        call bpf_map_update_elem
        r0 = 2
        exit

@case hash_update_value_uninitialised accept
.prog p xdp
        r1 = 0
        *(u64 *)(r10 -8) = r1
        r2 = r10
        r2 += -8
        r3 = r10
        r3 += -16
        r4 = 0
        r1 = map[h]
        call bpf_map_update_elem
        r0 = 2
        exit

@case update_value_from_other_map_value accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r1 = 0
        *(u64 *)(r10 -16) = r1
        r2 = r10
        r2 += -16
        r3 = r0
        r4 = 0
        r1 = map[h]
        call bpf_map_update_elem
out:    r0 = 2
        exit

@case key_from_map_value accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r2 = r0
        r1 = map[h]
        call bpf_map_lookup_elem
out:    r0 = 2
        exit

@case key_from_map_value_too_near_end reject EACCES "invalid access to map value, value_size=16 off=12 size=8"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r2 = r0
        r2 += 12
        r1 = map[h]
        call bpf_map_lookup_elem
out:    r0 = 2
        exit

@case key_from_packet_checked accept
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 8
        if r4 > r3 goto out
        r1 = map[h]
        call bpf_map_lookup_elem
out:    r0 = 2
        exit

@case key_from_packet_unchecked reject EACCES "invalid access to packet, off=0 size=8, R2(id=0,off=0,r=0)"
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r1 = map[h]
        call bpf_map_lookup_elem
        r0 = 2
        exit

@case key_is_scalar reject EACCES "R2 type=scalar expected=fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_"
.prog p xdp
        r2 = 0
        r1 = map[h]
        call bpf_map_lookup_elem
        r0 = 2
        exit

@case map_arg_is_scalar reject EACCES "R1 type=scalar expected=map_ptr"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = 0
        call bpf_map_lookup_elem
        r0 = 2
        exit

@case map_arg_is_stack reject EACCES "R1 type=fp expected=map_ptr"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = r10
        call bpf_map_lookup_elem
        r0 = 2
        exit

@case map_pointer_deref accept
.prog p xdp
        r1 = map[arr]
        r0 = *(u64 *)(r1 +0)
        r0 = 2
        exit

@case map_pointer_arithmetic reject EACCES "R1 pointer arithmetic on map_ptr prohibited"
.prog p xdp
        r1 = map[arr]
        r1 += 8
        r0 = 2
        exit

@case delete_elem_array_key accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_delete_elem
        r0 = 2
        exit

@case value_pointer_stored_in_map accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        *(u64 *)(r0 +0) = r0
out:    r0 = 2
        exit

@case value_or_null_passed_as_value reject EACCES "R3 type=map_value_or_null expected=fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_"
.prog p xdp
        r1 = 0
        *(u64 *)(r10 -8) = r1
        r2 = r10
        r2 += -8
        r1 = map[h]
        call bpf_map_lookup_elem
        r3 = r0
        r1 = 0
        *(u64 *)(r10 -16) = r1
        r2 = r10
        r2 += -16
        r4 = 0
        r1 = map[h]
        call bpf_map_update_elem
        r0 = 2
        exit

@case lookup_result_compared_with_nonzero reject EACCES "R0 invalid mem access 'map_value_or_null'"
.prog p xdp
        r1 = 0
        *(u64 *)(r10 -8) = r1
        r2 = r10
        r2 += -8
        r1 = map[h]
        call bpf_map_lookup_elem
        if r0 == 1 goto out
        r1 = *(u64 *)(r0 +0)
out:    r0 = 2
        exit

@case two_lookups_check_one reject EACCES "R6 invalid mem access 'map_value_or_null'"
.prog p xdp
        r1 = 0
        *(u64 *)(r10 -8) = r1
        r2 = r10
        r2 += -8
        r1 = map[h]
        call bpf_map_lookup_elem
        r6 = r0
        r2 = r10
        r2 += -8
        r1 = map[h]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r1 = *(u64 *)(r6 +0)
out:    r0 = 2
        exit

@case value_alu32_on_pointer reject EACCES "R0 32-bit pointer arithmetic prohibited"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        w0 += 4
out:    r0 = 2
        exit

@case value_bitwise_on_pointer reject EACCES "R0 bitwise operator |= on pointer prohibited"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r0 |= 1
out:    r0 = 2
        exit

; The same programs on an array map with a constant key in range: the kernel knows the
; lookup cannot fail and gives a map_value that needs no NULL check.
@case array_const_key_lookup_checked accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r1 = *(u64 *)(r0 +8)
out:    r0 = 2
        exit

@case array_const_key_lookup_unchecked accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        r1 = *(u64 *)(r0 +8)
        r0 = 2
        exit

@case array_const_key_lookup_checked_ne accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 != 0 goto found
        r0 = 2
        exit
found:  *(u32 *)(r0 +12) = 1
        r0 = 2
        exit

@case array_const_key_lookup_deref_on_null_branch accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 != 0 goto out
        r1 = *(u64 *)(r0 +0)
out:    r0 = 2
        exit

@case array_const_key_arithmetic_before_null_check accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        r0 += 8
        if r0 == 0 goto out
        r1 = *(u64 *)(r0 +0)
out:    r0 = 2
        exit

@case array_const_key_null_check_on_copy_covers_original accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        r6 = r0
        if r6 == 0 goto out
        r1 = *(u64 *)(r0 +0)
out:    r0 = 2
        exit

@case array_const_key_null_check_on_spilled_copy accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        *(u64 *)(r10 -16) = r0
        if r0 == 0 goto out
        r1 = *(u64 *)(r10 -16)
        r1 = *(u64 *)(r1 +0)
out:    r0 = 2
        exit

@case array_const_key_value_or_null_passed_as_value accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        r3 = r0
        r1 = 0
        *(u64 *)(r10 -16) = r1
        r2 = r10
        r2 += -16
        r4 = 0
        r1 = map[h]
        call bpf_map_update_elem
        r0 = 2
        exit

@case array_const_key_lookup_result_compared_with_nonzero accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 1 goto out
        r1 = *(u64 *)(r0 +0)
out:    r0 = 2
        exit

; A spilled constant is a constant key only when the spilled bytes from the key up to the top of
; its slot are exactly as many as the key: a 4-byte spill of 1 is key 1, an 8-byte spill of 1 read
; as a 4-byte key is not a known key, and the upper half of that 8-byte spill counts 4 spilled bytes
; and is taken as the whole spilled value.
@case array_spilled_key_u32_unchecked accept
.prog p xdp
        r1 = 1
        *(u32 *)(r10 -8) = r1
        r2 = r10
        r2 += -8
        r1 = map[arr]
        call bpf_map_lookup_elem
        r1 = *(u64 *)(r0 +8)
        r0 = 2
        exit

@case array_spilled_key_u64_read_as_u32_unchecked reject EACCES "R0 invalid mem access 'map_value_or_null'"
.prog p xdp
        r1 = 1
        *(u64 *)(r10 -8) = r1
        r2 = r10
        r2 += -8
        r1 = map[arr]
        call bpf_map_lookup_elem
        r1 = *(u64 *)(r0 +8)
        r0 = 2
        exit

@case array_spilled_key_upper_half_of_u64_unchecked accept
.prog p xdp
        r1 = 1
        *(u64 *)(r10 -8) = r1
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        r1 = *(u64 *)(r0 +8)
        r0 = 2
        exit

@case array_spilled_key_out_of_range_unchecked reject EACCES "R0 invalid mem access 'map_value_or_null'"
.prog p xdp
        r1 = 4
        *(u32 *)(r10 -8) = r1
        r2 = r10
        r2 += -8
        r1 = map[arr]
        call bpf_map_lookup_elem
        r1 = *(u64 *)(r0 +8)
        r0 = 2
        exit

@case array_zero_key_unaligned_unchecked reject EACCES "R0 invalid mem access 'map_value_or_null'"
.prog p xdp
        *(u64 *)(r10 -8) = 0
        r2 = r10
        r2 += -6
        r1 = map[arr]
        call bpf_map_lookup_elem
        r1 = *(u64 *)(r0 +8)
        r0 = 2
        exit

@case array_const_key_two_lookups_check_one accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        r6 = r0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r1 = *(u64 *)(r6 +0)
out:    r0 = 2
        exit

