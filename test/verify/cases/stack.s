; The stack: 512 bytes below r10, in 8-byte slots. Spills of whole registers keep their state;
; pointer spills must be aligned; r10 is read only. A root load may read uninitialised stack.
.license "GPL"
.map m array key=4 value=8 entries=1
.map vo_map hash key=8 value=8 entries=1

@case write_read_fp_8 accept
.prog p socket
        r1 = 5
        *(u64 *)(r10 -8) = r1
        r0 = *(u64 *)(r10 -8)
        exit

@case write_fp_512 accept
.prog p socket
        *(u64 *)(r10 -512) = 0
        r0 = 0
        exit

@case write_fp_520 reject EACCES "invalid write to stack R10 off=-520 size=8"
.prog p socket
        *(u64 *)(r10 -520) = 0
        r0 = 0
        exit

@case write_fp_plus_0 reject EACCES "invalid write to stack R10 off=0 size=8"
.prog p socket
        *(u64 *)(r10 +0) = 0
        r0 = 0
        exit

@case write_straddles_frame_top reject EACCES "misaligned stack access off 0+0+-4 size 8"
.prog p socket
        *(u64 *)(r10 -4) = 0
        r0 = 0
        exit

@case write_u32_fp_4 accept
.prog p socket
        *(u32 *)(r10 -4) = 0
        r0 = 0
        exit

@case write_u32_misaligned reject EACCES "misaligned stack access off 0+0+-6 size 4"
.prog p socket
        *(u32 *)(r10 -6) = 0
        r0 = 0
        exit

@case write_u64_misaligned reject EACCES "misaligned stack access off 0+0+-12 size 8"
.prog p socket
        *(u64 *)(r10 -12) = 0
        r0 = 0
        exit

@case read_u16_misaligned reject EACCES "misaligned stack access off 0+0+-3 size 2"
.prog p socket
        *(u64 *)(r10 -8) = 0
        r0 = *(u16 *)(r10 -3)
        exit

@case read_uninitialised_root accept
.prog p socket
        r0 = *(u64 *)(r10 -8)
        exit

@case read_uninitialised_u8 accept
.prog p socket
        r0 = *(u8 *)(r10 -100)
        exit

@case read_below_stack reject EACCES "invalid read from stack R10 off=-520 size=8"
.prog p socket
        r0 = *(u64 *)(r10 -520)
        exit

@case r10_write reject EACCES "frame pointer is read only"
.prog p socket
        r10 = 0
        r0 = 0
        exit

@case r10_add reject EACCES "frame pointer is read only"
.prog p socket
        r10 += -8
        r0 = 0
        exit

@case r10_copy_and_use accept
.prog p socket
        r1 = r10
        r1 += -16
        *(u64 *)(r1 +8) = 0
        r0 = *(u64 *)(r1 +8)
        exit

@case spill_fill_pointer accept
.prog p xdp
        *(u64 *)(r10 -8) = r1
        r6 = *(u64 *)(r10 -8)
        r0 = *(u32 *)(r6 +12)
        r0 = 2
        exit

@case spill_pointer_misaligned reject EACCES "misaligned stack access off 0+0+-12 size 8"
.prog p xdp
        *(u64 *)(r10 -12) = r1
        r0 = 2
        exit

@case spill_pointer_u32 reject EACCES "invalid size of register spill"
.prog p xdp
        *(u32 *)(r10 -8) = r1
        r0 = 2
        exit

@case spill_pointer_u32_fill_and_use reject EACCES "invalid size of register spill"
.prog p xdp
        *(u32 *)(r10 -8) = r1
        r6 = *(u32 *)(r10 -8)
        r0 = *(u32 *)(r6 +12)
        r0 = 2
        exit

@case spilled_pointer_partly_overwritten reject EACCES "R6 invalid mem access 'scalar'"
.prog p xdp
        *(u64 *)(r10 -8) = r1
        *(u8 *)(r10 -8) = 0
        r6 = *(u64 *)(r10 -8)
        r0 = *(u32 *)(r6 +12)
        r0 = 2
        exit

@case spilled_pointer_read_as_u32 reject EACCES "invalid size of register fill"
.prog p xdp
        *(u64 *)(r10 -8) = r1
        r6 = *(u32 *)(r10 -8)
        r0 = 2
        exit

@case spilled_constant_keeps_bounds accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[m]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r1 = 4
        *(u64 *)(r10 -16) = r1
        r2 = *(u64 *)(r10 -16)
        r0 += r2
        r1 = *(u32 *)(r0 +0)
out:    r0 = 2
        exit

@case spilled_bounded_scalar_keeps_bounds accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[m]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        call bpf_get_prandom_u32
        r0 &= 4
        *(u64 *)(r10 -16) = r0
        r2 = *(u64 *)(r10 -16)
        r6 += r2
        r1 = *(u32 *)(r6 +0)
out:    r0 = 2
        exit

@case scalar_spilled_as_u32_loses_bounds accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[m]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        call bpf_get_prandom_u32
        r0 &= 4
        *(u32 *)(r10 -16) = r0
        r2 = *(u32 *)(r10 -16)
        r6 += r2
        r1 = *(u32 *)(r6 +0)
out:    r0 = 2
        exit

@case stored_zero_reads_as_zero accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[m]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        *(u64 *)(r10 -16) = 0
        r2 = *(u8 *)(r10 -13)
        r0 += r2
        r1 = *(u64 *)(r0 +0)
out:    r0 = 2
        exit

@case stored_byte_reads_as_unknown reject EACCES "invalid access to map value, value_size=8 off=255 size=8"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[m]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        *(u8 *)(r10 -13) = 1
        r2 = *(u8 *)(r10 -13)
        r0 += r2
        r1 = *(u64 *)(r0 +0)
out:    r0 = 2
        exit

@case variable_offset_stack_read accept
.prog p socket
        r1 = 0
        *(u64 *)(r10 -16) = r1
        *(u64 *)(r10 -8) = r1
        call bpf_get_prandom_u32
        r0 &= 8
        r1 = r10
        r1 += -16
        r1 += r0
        r0 = *(u64 *)(r1 +0)
        exit

@case variable_offset_stack_write accept
.prog p socket
        call bpf_get_prandom_u32
        r0 &= 8
        r1 = r10
        r1 += -16
        r1 += r0
        r2 = 1
        *(u64 *)(r1 +0) = r2
        r0 = 0
        exit

@case variable_offset_stack_out_of_bounds reject EINVAL "invalid variable-offset write to stack R1 var_off=(0x0; 0x10) off=-16 size=8"
.prog p socket
        call bpf_get_prandom_u32
        r0 &= 16
        r1 = r10
        r1 += -16
        r1 += r0
        r2 = 1
        *(u64 *)(r1 +0) = r2
        r0 = 0
        exit

@case variable_offset_stack_unbounded reject EINVAL "math between fp pointer and register with unbounded min value is not allowed"
.prog p socket
        call bpf_get_prandom_u32
        r1 = r10
        r1 += -16
        r1 += r0
        r0 = *(u8 *)(r1 +0)
        exit

@case variable_offset_stack_misaligned_possible reject EACCES "misaligned stack access off (0x0; 0x4)+-16+0 size 8"
.prog p socket
        r1 = 0
        *(u64 *)(r10 -16) = r1
        *(u64 *)(r10 -8) = r1
        call bpf_get_prandom_u32
        r0 &= 4
        r1 = r10
        r1 += -16
        r1 += r0
        r0 = *(u64 *)(r1 +0)
        exit

@case stack_pointer_passed_to_helper_oob reject EINVAL "invalid write to stack R1 off=-4 size=8"
.prog p socket
        r1 = r10
        r1 += -4
        r2 = 8
        call bpf_get_current_comm
        r0 = 0
        exit

@case stack_pointer_passed_to_helper_ok accept
.prog p kprobe/do_sys_open
        r1 = r10
        r1 += -16
        r2 = 16
        call bpf_get_current_comm
        r0 = 0
        exit

@case stack_buffer_uninitialised_to_read_helper accept
.prog p kprobe/do_sys_open
        r1 = r10
        r1 += -16
        r2 = 16
        r3 = 0
        r4 = 0
        r5 = 0
        call bpf_trace_printk
        r0 = 0
        exit

@case stack_full_512_used accept
.prog p socket
        r1 = 0
        *(u64 *)(r10 -512) = r1
        *(u64 *)(r10 -8) = r1
        r0 = *(u64 *)(r10 -512)
        exit

@case stack_pointer_comparison accept
.prog p socket
        r1 = r10
        r2 = r10
        r2 += -8
        if r1 > r2 goto out
out:    r0 = 0
        exit

@case stack_pointer_returned accept
.prog p socket
        r0 = r10
        exit

@case stack_pointer_stored_to_stack accept
.prog p socket
        r1 = r10
        r1 += -16
        *(u64 *)(r10 -8) = r1
        r2 = *(u64 *)(r10 -8)
        *(u64 *)(r2 +0) = 0
        r0 = *(u64 *)(r10 -16)
        exit

@case stack_pointer_negated accept
.prog p socket
        r1 = r10
        r1 = -r1
        r0 = 0
        exit

; ---- variable-offset stack accesses (root): a write may land in any slot of its range
@case var_off_write_then_read accept
.prog p socket
        r2 = *(u32 *)(r1 +0)
        r2 &= 8
        r2 -= 16
        r2 += r10
        r0 = 0
        *(u64 *)(r2 +0) = r0
        r3 = *(u64 *)(r2 +0)
        r0 = 0
        exit

@case var_off_write_clobbers_spilled_pointer reject EACCES "R2 invalid mem access 'scalar'"
.prog p socket
        r6 = 0
        r0 = map[vo_map]
        r2 = *(u32 *)(r1 +0)
        r2 &= 8
        r2 -= 16
        r2 += r10
        *(u64 *)(r10 -8) = r0
        r0 = 0
        *(u64 *)(r2 +0) = r0
        r2 = *(u64 *)(r10 -8)
        r0 = *(u64 *)(r2 +8)
        exit

@case var_off_write_spilled_pointer_out_of_range accept
.prog p socket
        r0 = map[vo_map]
        r2 = *(u32 *)(r1 +0)
        r2 &= 8
        r2 -= 32
        r2 += r10
        *(u64 *)(r10 -8) = r0
        r0 = 0
        *(u64 *)(r2 +0) = r0
        r2 = *(u64 *)(r10 -8)
        r0 = 0
        exit

@case var_off_helper_key_max_out_of_bound reject EINVAL "invalid variable-offset read from stack R2 var_off=(0xfffffffffffffff8; 0x4) off=0 size=8"
.prog p lwt_in
        r2 = 0
        *(u64 *)(r10 -8) = r2
        r2 = *(u32 *)(r1 +0)
        r2 &= 4
        r2 -= 8
        r2 += r10
        r1 = map[vo_map]
        call bpf_map_lookup_elem
        r0 = 0
        exit

@case var_off_helper_key_min_out_of_bound reject EACCES "invalid variable-offset read from stack R2 var_off=(0xfffffffffffffc00; 0x3fc) off=0 size=8"
.prog p lwt_in
        r2 = 0
        *(u64 *)(r10 -8) = r2
        r2 = *(u32 *)(r1 +0)
        r2 &= 4
        r2 -= 516
        r2 += r10
        r1 = map[vo_map]
        call bpf_map_lookup_elem
        r0 = 0
        exit

@case var_off_helper_key_in_bounds accept
.prog p lwt_in
        r2 = 0
        *(u64 *)(r10 -16) = r2
        *(u64 *)(r10 -8) = r2
        r2 = *(u32 *)(r1 +0)
        r2 &= 4
        r2 -= 16
        r2 += r10
        r1 = map[vo_map]
        call bpf_map_lookup_elem
        r0 = 0
        exit

@case var_off_zero_sized_helper_out_of_bound reject EINVAL "invalid variable-offset write to stack R1 var_off=(0x0; 0xffffffffffffffff) off=0 size=0"
.prog p socket
        r0 = 0
        *(u64 *)(r10 -16) = r0
        *(u64 *)(r10 -8) = r0
        r1 = *(u32 *)(r1 +0)
        r1 &= 63
        r1 += -16
        r1 += r10
        r2 = 0
        r3 = 0
        call bpf_probe_read_kernel
        exit

@case var_off_write_past_frame_top reject EINVAL "invalid variable-offset write to stack R2 var_off=(0x0; 0xfffffffffffffff8) off=0 size=8"
.prog p socket
        r2 = *(u32 *)(r1 +0)
        r2 &= 8
        r2 -= 8
        r2 += r10
        r0 = 0
        *(u64 *)(r2 +0) = r0
        exit

@case var_off_write_unaligned_range accept
.prog p socket
        r2 = *(u32 *)(r1 +0)
        r2 &= 12
        r2 -= 24
        r2 += r10
        r0 = 0
        *(u32 *)(r2 +0) = r0
        r0 = *(u32 *)(r10 -12)
        r0 = 0
        exit

@case fp_minus_const reject EACCES "R1 subtraction from stack pointer prohibited"
.prog p socket
        r0 = 0
        r1 = r10
        r1 -= 8
        *(u64 *)(r1 +0) = r0
        exit

@case fp_plus_minus_const accept
.prog p socket
        r0 = 0
        r1 = r10
        r1 += -8
        *(u64 *)(r1 +0) = r0
        exit

@case getsockopt_buffer_var_off_unbounded_above reject EACCES "invalid unbounded variable-offset write to stack R4"
.prog p sockops
        r2 = 6
        r3 = 28
        r4 = 0
        *(u64 *)(r10 -16) = r4
        *(u64 *)(r10 -8) = r4
        r4 = *(u64 *)(r1 +168)
        if r4 s< 0 goto out
        r4 -= 16
        r4 += r10
        r5 = 8
        call bpf_getsockopt
out:    r0 = 1
        exit

@case getsockopt_buffer_var_off_bounded accept
.prog p sockops
        r2 = 6
        r3 = 28
        r4 = 0
        *(u64 *)(r10 -16) = r4
        *(u64 *)(r10 -8) = r4
        r4 = *(u64 *)(r1 +168)
        r4 &= 8
        r4 -= 16
        r4 += r10
        r5 = 8
        call bpf_getsockopt
        r0 = 1
        exit

@case getsockopt_buffer_past_frame reject EINVAL "invalid write to stack R4 off=-8 size=16"
.prog p sockops
        r2 = 6
        r3 = 28
        r4 = r10
        r4 += -8
        r5 = 16
        call bpf_getsockopt
        r0 = 1
        exit

@case setsockopt_value_uninit_ok_as_root accept
.prog p sockops
        r2 = 6
        r3 = 28
        r4 = r10
        r4 += -8
        r5 = 4
        call bpf_setsockopt
        r0 = 1
        exit

; A spill of a whole scalar links the slot and the register (they share an id): a branch on the
; register bounds the slot, so the value read back is known. A narrowing spill keeps no link.
@case spill_links_slot_and_register accept
.prog p socket
        call bpf_get_prandom_u32
        *(u64 *)(r10 -8) = r0
        if r0 != 8 goto out
        r1 = *(u64 *)(r10 -8)
        if r1 == 8 goto out
        r2 = 0
        r0 = *(u64 *)(r2 +0)
out:    r0 = 0
        exit

@case spill_link_bounded_by_jmp32 accept
.prog p socket
        call bpf_get_prandom_u32
        r0 &= 0xffff
        *(u64 *)(r10 -16) = r0
        if w0 != 8 goto out
        r1 = *(u64 *)(r10 -16)
        if w1 == 8 goto out
        r2 = 0
        r0 = *(u64 *)(r2 +0)
out:    r0 = 0
        exit

@case narrowing_spill_not_linked reject EACCES "R2 invalid mem access 'scalar'"
.prog p socket
        call bpf_get_prandom_u32
        *(u16 *)(r10 -8) = r0
        if r0 != 8 goto out
        r1 = *(u16 *)(r10 -8)
        if r1 == 8 goto out
        r2 = 0
        r0 = *(u64 *)(r2 +0)
out:    r0 = 0
        exit
