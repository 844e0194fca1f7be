; Checks before the simulation: reachability, jump targets, the last instruction, opcodes and
; reserved fields, ld_imm64 pairs; and back-edges, which a root load may take when they end.
.license "GPL"

@case unreachable_insn reject EINVAL "unreachable insn 2"
.prog p socket
        r0 = 0
        exit
        r0 = 1
        exit

@case unreachable_after_goto reject EINVAL "unreachable insn 2"
.prog p socket
        r0 = 0
        goto out
        r0 = 1
out:    exit

@case jump_over_nothing accept
.prog p socket
        r0 = 0
        goto +0
        exit

@case jump_out_of_range_forward reject EINVAL "jump out of range from insn 1 to 7"
.prog p socket
        r0 = 0
        goto +5
        exit

@case jump_out_of_range_backward reject EINVAL "jump out of range from insn 1 to -8"
.prog p socket
        r0 = 0
        if r0 == 0 goto -10
        exit

@case conditional_jump_to_last accept
.prog p socket
        r0 = 0
        if r0 == 1 goto +0
        exit

@case fall_off_end reject EINVAL "last insn is not an exit or jmp"
.prog p socket
        r0 = 0

@case fall_off_end_after_branch reject EINVAL "last insn is not an exit or jmp"
.prog p socket
        r0 = 0
        if r0 == 0 goto out
        exit
out:    r0 = 1

@case last_insn_is_goto_back accept
.prog p socket
        r0 = 0
top:    if r0 == 1 goto done
        r0 = 1
        goto top
done:   exit

@case jump_into_ld_imm64 reject EINVAL "jump into the middle of ldimm64 insn 2"
.prog p socket
        r0 = 0
        if r0 == 0 goto +1
        r1 = 0x1122334455667788 ll
        exit

@case ld_imm64_whole accept
.prog p socket
        r0 = 0x1122334455667788 ll
        exit

@case ld_imm64_missing_second_half reject EINVAL "invalid bpf_ld_imm64 insn"
.prog p socket
        .insn 0x18, 0, 0, 0, 1
        exit

@case ld_imm64_second_half_nonzero_fields reject EINVAL "invalid bpf_ld_imm64 insn"
.prog p socket
        .insn 0x18, 0, 0, 0, 1
        .insn 0x00, 1, 0, 0, 0
        exit

@case ld_imm64_bad_src reject EINVAL "unrecognized bpf_ld_imm64 insn"
.prog p socket
        .insn 0x18, 0, 7, 0, 1
        .insn 0x00, 0, 0, 0, 0
        exit

@case unknown_opcode reject EINVAL "unknown opcode ff"
.prog p socket
        r0 = 0
        .insn 0xff, 0, 0, 0, 0
        exit

@case unknown_alu_opcode reject EINVAL "unknown opcode e7"
.prog p socket
        r0 = 0
        .insn 0xe7, 0, 0, 0, 1
        exit

@case alu_reserved_off_nonzero reject EINVAL "BPF_ALU uses reserved fields"
.prog p socket
        r0 = 0
        .insn 0x07, 0, 0, 1, 1
        exit

@case alu_imm_with_src_reg reject EINVAL "BPF_ALU uses reserved fields"
.prog p socket
        r0 = 0
        .insn 0x07, 0, 1, 0, 1
        exit

@case alu_reg_with_imm reject EINVAL "BPF_ALU uses reserved fields"
.prog p socket
        r0 = 0
        r1 = 0
        .insn 0x0f, 0, 1, 0, 5
        exit

@case mov_reg_with_imm reject EINVAL "BPF_MOV uses reserved fields"
.prog p socket
        r1 = 0
        .insn 0xbf, 0, 1, 0, 5
        exit

@case exit_with_reserved_fields reject EINVAL "BPF_EXIT uses reserved fields"
.prog p socket
        r0 = 0
        .insn 0x95, 0, 0, 0, 1
        
@case ja_with_src_reg reject EINVAL "BPF_JA uses reserved fields"
.prog p socket
        r0 = 0
        .insn 0x05, 0, 1, 0, 0
        exit

@case register_11 reject EINVAL "R11 is invalid"
.prog p socket
        .insn 0xb7, 11, 0, 0, 0
        r0 = 0
        exit

@case ldx_reserved_imm reject EINVAL "BPF_LDX uses reserved fields"
.prog p socket
        *(u64 *)(r10 -8) = 0
        .insn 0x79, 0, 10, -8, 1
        exit

@case st_reserved_src reject EINVAL "BPF_ST uses reserved fields"
.prog p socket
        .insn 0x7a, 10, 1, -8, 0
        r0 = 0
        exit

@case call_with_reserved_off reject EINVAL "BPF_CALL uses reserved fields"
.prog p socket
        .insn 0x85, 0, 0, 1, 7
        r0 = 0
        exit

@case neg_with_src_reg reject EINVAL "BPF_NEG uses reserved fields"
.prog p socket
        r0 = 1
        .insn 0x87, 0, 1, 0, 0
        exit

@case end_with_bad_width reject EINVAL "BPF_END uses reserved fields"
.prog p socket
        r0 = 1
        .insn 0xd4, 0, 0, 0, 24
        exit

@case bswap_64 accept
.prog p socket
        r0 = 1
        .insn 0xd7, 0, 0, 0, 64
        exit

@case movsx_bad_offset reject EINVAL "BPF_MOV uses reserved fields"
.prog p socket
        r1 = 1
        .insn 0xbf, 0, 1, 24, 0
        exit

@case ldsx_u64_is_invalid reject EINVAL "unknown opcode 99"
.prog p socket
        *(u64 *)(r10 -8) = 0
        .insn 0x99, 0, 10, -8, 0
        exit

@case gotol_forward reject EINVAL "unreachable insn 2"
.prog p socket
        r0 = 0
        gotol out
        r0 = 1
out:    exit

@case infinite_loop_self reject EINVAL "infinite loop detected at insn 1"
.prog p socket
        r0 = 0
top:    goto top

@case infinite_loop_two_insns reject EINVAL "infinite loop detected at insn 1"
.prog p socket
        r0 = 0
top:    r0 += 0
        goto top

@case bounded_loop_10 accept
.prog p socket
        r0 = 0
        r1 = 0
top:    r0 += r1
        r1 += 1
        if r1 < 10 goto top
        exit

@case bounded_loop_unknown_bound accept
.prog p socket
        call bpf_get_prandom_u32
        r6 = r0
        r6 &= 63
        r0 = 0
        r1 = 0
top:    if r1 >= r6 goto done
        r0 += r1
        r1 += 1
        goto top
done:   exit

@case loop_bound_unbounded_scalar reject EFAULT|E2BIG "The sequence of 8193 jumps is too complex."
.prog p socket
        call bpf_get_prandom_u32
        r6 = r0
        r0 = 0
        r1 = 0
top:    if r1 >= r6 goto done
        r1 += 1
        goto top
done:   exit

@case loop_too_many_iterations log=4 reject E2BIG "BPF program is too large. Processed 1000001 insn"
.prog p socket
        r0 = 0
        r1 = 0
top:    r0 += r1
        r1 += 1
        if r1 < 400000 goto top
        exit

@case loop_20000_iterations accept
.prog p socket
        r0 = 0
        r1 = 0
top:    r0 += r1
        r1 += 1
        if r1 < 20000 goto top
        exit

@case loop_down_counter accept
.prog p socket
        r0 = 0
        r1 = 100
top:    r0 += 1
        r1 -= 1
        if r1 != 0 goto top
        exit

@case loop_counter_on_stack accept
.prog p socket
        r1 = 0
        *(u64 *)(r10 -8) = r1
top:    r1 = *(u64 *)(r10 -8)
        r1 += 1
        *(u64 *)(r10 -8) = r1
        if r1 < 20 goto top
        r0 = 0
        exit

@case loop_packet_walk accept
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r0 = 0
        r5 = 0
top:    r4 = r2
        r4 += 1
        if r4 > r3 goto done
        r6 = *(u8 *)(r2 +0)
        r0 += r6
        r2 += 1
        r5 += 1
        if r5 < 32 goto top
done:   r0 = 2
        exit

@case may_goto_loop accept
.prog p socket
        r0 = 0
top:    .insn 0xe5, 0, 0, 2, 0
        r0 += 1
        goto top
        exit

@case loop_with_helper_call accept
.prog p socket
        r6 = 0
top:    call bpf_get_prandom_u32
        r6 += 1
        if r6 < 8 goto top
        r0 = 0
        exit

@case empty_loop_body_converges reject EINVAL "infinite loop detected at insn 2"
.prog p socket
        call bpf_get_prandom_u32
        r0 &= 1
top:    if r0 == 0 goto top
        r0 = 0
        exit

@case gotol_over_one accept
.prog p socket
        r0 = 0
        if r0 != 0 goto skip
        gotol out
skip:   r0 = 1
out:    exit

@case gotol_out_of_range reject EINVAL "jump out of range from insn 1 to 102"
.prog p socket
        r0 = 0
        gotol +100
        exit
