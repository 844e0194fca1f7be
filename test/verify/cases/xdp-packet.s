; XDP packet access. ctx->data (offset 0) and ctx->data_end (offset 4) load as packet pointers;
; every access must lie below a comparison of the packet pointer with data_end.
.license "GPL"

@case read_byte_checked accept
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 1
        if r4 > r3 goto out
        r0 = *(u8 *)(r2 +0)
out:    r0 = 2
        exit

@case read_byte_unchecked reject EACCES "invalid access to packet, off=0 size=1, R2(id=0,off=0,r=0)"
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r0 = *(u8 *)(r2 +0)
        r0 = 2
        exit

@case read_u32_checked_14 accept
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 14
        if r4 > r3 goto out
        r0 = *(u32 *)(r2 +10)
out:    r0 = 2
        exit

@case read_u32_past_checked_range reject EACCES "invalid access to packet, off=11 size=4, R2(id=0,off=11,r=14)"
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 14
        if r4 > r3 goto out
        r0 = *(u32 *)(r2 +11)
out:    r0 = 2
        exit

@case read_u64_checked accept
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 8
        if r4 > r3 goto out
        r0 = *(u64 *)(r2 +0)
out:    r0 = 2
        exit

@case read_u16_at_end_of_range accept
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 14
        if r4 > r3 goto out
        r0 = *(u16 *)(r2 +12)
out:    r0 = 2
        exit

@case read_on_the_wrong_branch reject EACCES "invalid access to packet, off=0 size=4, R2(id=0,off=0,r=0)"
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 4
        if r4 <= r3 goto out
        r0 = *(u32 *)(r2 +0)
out:    r0 = 2
        exit

@case check_with_le_fallthrough_good accept
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 4
        if r4 <= r3 goto ok
        r0 = 1
        exit
ok:     r0 = *(u32 *)(r2 +0)
        r0 = 2
        exit

@case check_end_less_than_ptr accept
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 4
        if r3 < r4 goto out
        r0 = *(u32 *)(r2 +0)
out:    r0 = 2
        exit

@case check_ge_gives_range_minus_one accept
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 4
        if r4 >= r3 goto out
        r0 = *(u32 *)(r2 +0)
out:    r0 = 2
        exit

@case check_ge_then_read_one_past accept
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 4
        if r4 >= r3 goto out
        r0 = *(u8 *)(r2 +4)
out:    r0 = 2
        exit

@case negative_offset_read reject EACCES "invalid access to packet, off=-1 size=1, R2(id=0,off=-1,r=4)"
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r0 = *(u8 *)(r2 -1)
out:    r0 = 2
        exit

@case range_shared_by_copy accept
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r5 = r2
        r4 = r2
        r4 += 8
        if r4 > r3 goto out
        r0 = *(u64 *)(r5 +0)
out:    r0 = 2
        exit

@case range_on_advanced_pointer accept
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r2 += 14
        r4 = r2
        r4 += 20
        if r4 > r3 goto out
        r0 = *(u8 *)(r2 +19)
out:    r0 = 2
        exit

@case range_on_advanced_pointer_past reject EACCES "invalid access to packet, off=34 size=1, R2(id=0,off=34,r=34)"
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r2 += 14
        r4 = r2
        r4 += 20
        if r4 > r3 goto out
        r0 = *(u8 *)(r2 +20)
out:    r0 = 2
        exit

@case write_checked accept
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 6
        if r4 > r3 goto out
        *(u16 *)(r2 +4) = 0xffff
        r5 = 7
        *(u32 *)(r2 +0) = r5
out:    r0 = 2
        exit

@case write_unchecked reject EACCES "invalid access to packet, off=0 size=1, R2(id=0,off=0,r=0)"
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        *(u8 *)(r2 +0) = 1
        r0 = 2
        exit

@case variable_offset_masked accept
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 1
        if r4 > r3 goto out
        r5 = *(u8 *)(r2 +0)
        r5 &= 63
        r2 += r5
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r0 = *(u32 *)(r2 +0)
out:    r0 = 2
        exit

@case variable_offset_read_before_recheck reject EACCES "invalid access to packet, off=0 size=4, R2(id=1,off=0,r=0)"
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 8
        if r4 > r3 goto out
        r5 = *(u8 *)(r2 +0)
        r5 &= 3
        r2 += r5
        r0 = *(u32 *)(r2 +0)
out:    r0 = 2
        exit

@case variable_offset_unbounded reject EACCES "invalid access to packet, off=0 size=4, R2(id=1,off=0,r=0)"
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r5 = *(u32 *)(r2 +0)
        r2 += r5
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r0 = *(u32 *)(r2 +0)
out:    r0 = 2
        exit

@case variable_offset_u64_unknown reject EINVAL "math between pkt pointer and register with unbounded min value is not allowed"
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 8
        if r4 > r3 goto out
        r5 = *(u64 *)(r2 +0)
        r2 += r5
        r0 = 2
        exit
out:    r0 = 2
        exit

@case variable_offset_above_0xffff reject EACCES "invalid access to packet, off=0 size=4, R2(id=1,off=0,r=0)"
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r5 = *(u32 *)(r2 +0)
        r5 &= 0x1ffff
        r2 += r5
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r0 = *(u32 *)(r2 +0)
out:    r0 = 2
        exit

@case variable_offset_0xffff reject EACCES "invalid access to packet, off=0 size=4, R2(id=1,off=0,r=0)"
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r5 = *(u32 *)(r2 +0)
        r5 &= 0xffff
        r2 += r5
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r0 = *(u32 *)(r2 +0)
out:    r0 = 2
        exit

@case variable_offset_bounded_by_compare accept
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 1
        if r4 > r3 goto out
        r5 = *(u8 *)(r2 +0)
        if r5 > 40 goto out
        r2 += r5
        r4 = r2
        r4 += 2
        if r4 > r3 goto out
        r0 = *(u16 *)(r2 +0)
out:    r0 = 2
        exit

@case pointer_minus_pointer_is_scalar accept
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r3 -= r2
        r0 = r3
        r0 &= 3
        exit

@case pkt_end_arithmetic reject EACCES "R3 pointer arithmetic on pkt_end prohibited"
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r3 -= 4
        if r2 > r3 goto out
        r0 = *(u32 *)(r2 +0)
out:    r0 = 2
        exit

@case pkt_pointer_and reject EACCES "R2 bitwise operator &= on pointer prohibited"
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r2 &= 0xfff
        r0 = 2
        exit

@case pkt_pointer_plus_pointer reject EACCES "R2 pointer += pointer prohibited"
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r2 += r3
        r0 = 2
        exit

@case pkt_pointer_sub_scalar accept
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r2 += 20
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r2 -= 6
        r0 = *(u32 *)(r2 +0)
out:    r0 = 2
        exit

@case pkt_pointer_alu32 reject EACCES "R2 32-bit pointer arithmetic prohibited"
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        w2 += 4
        r0 = 2
        exit

@case data_meta_checked accept
.prog p xdp
        r2 = *(u32 *)(r1 +8)
        r3 = *(u32 *)(r1 +0)
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r0 = *(u32 *)(r2 +0)
out:    r0 = 2
        exit

@case data_meta_checked_against_end reject EACCES "invalid access to packet, off=0 size=4, R2(id=0,off=0,r=0)"
.prog p xdp
        r2 = *(u32 *)(r1 +8)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r0 = *(u32 *)(r2 +0)
out:    r0 = 2
        exit

@case data_meta_unchecked reject EACCES "invalid access to packet, off=0 size=4, R2(id=0,off=0,r=0)"
.prog p xdp
        r2 = *(u32 *)(r1 +8)
        r0 = *(u32 *)(r2 +0)
        r0 = 2
        exit

@case adjust_head_invalidates reject EACCES "R7 invalid mem access 'scalar'"
.prog p xdp
        r6 = r1
        r2 = *(u32 *)(r6 +0)
        r3 = *(u32 *)(r6 +4)
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r7 = r2
        r1 = r6
        r2 = 4
        call bpf_xdp_adjust_head
        r0 = *(u32 *)(r7 +0)
out:    r0 = 2
        exit

@case adjust_head_reload_and_check accept
.prog p xdp
        r6 = r1
        r1 = r6
        r2 = -4
        call bpf_xdp_adjust_head
        r2 = *(u32 *)(r6 +0)
        r3 = *(u32 *)(r6 +4)
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r0 = *(u32 *)(r2 +0)
out:    r0 = 2
        exit

@case adjust_tail_invalidates reject EACCES "R7 invalid mem access 'scalar'"
.prog p xdp
        r6 = r1
        r2 = *(u32 *)(r6 +0)
        r3 = *(u32 *)(r6 +4)
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r7 = r2
        r1 = r6
        r2 = -4
        call bpf_xdp_adjust_tail
        r0 = *(u8 *)(r7 +0)
out:    r0 = 2
        exit

@case pointer_compare_not_with_end reject EACCES "invalid access to packet, off=0 size=4, R2(id=0,off=0,r=0)"
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 4
        if r4 > 100 goto out
        r0 = *(u32 *)(r2 +0)
out:    r0 = 2
        exit

@case spilled_packet_pointer_keeps_range accept
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        *(u64 *)(r10 -8) = r2
        r5 = *(u64 *)(r10 -8)
        r0 = *(u32 *)(r5 +0)
out:    r0 = 2
        exit

@case pointer_to_stack_of_pkt_end_read reject EACCES "R3 invalid mem access 'pkt_end'"
.prog p xdp
        r3 = *(u32 *)(r1 +4)
        r0 = *(u8 *)(r3 +0)
        r0 = 2
        exit

@case variable_offset_0xfff8_plus_4 accept
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r5 = *(u32 *)(r2 +0)
        r5 &= 0xfff8
        r2 += r5
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r0 = *(u32 *)(r2 +0)
out:    r0 = 2
        exit

@case variable_offset_0xfffc_plus_4 reject EACCES "invalid access to packet, off=0 size=4, R2(id=1,off=0,r=0)"
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r5 = *(u32 *)(r2 +0)
        r5 &= 0xfffc
        r2 += r5
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r0 = *(u32 *)(r2 +0)
out:    r0 = 2
        exit

@case variable_offset_signed_negative_possible reject EACCES "R2 min value is negative, either use unsigned index or do a if (index >=0) check."
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r5 = *(s8 *)(r2 +0)
        r2 += r5
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r0 = *(u32 *)(r2 +0)
out:    r0 = 2
        exit

@case two_pointers_same_variable_offset accept
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 1
        if r4 > r3 goto out
        r5 = *(u8 *)(r2 +0)
        r5 &= 15
        r2 += r5
        r6 = r2
        r4 = r2
        r4 += 8
        if r4 > r3 goto out
        r0 = *(u64 *)(r6 +0)
out:    r0 = 2
        exit
