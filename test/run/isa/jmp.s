; Conditional jumps on 64-bit registers, each with an immediate (sign-extended) and a register,
; taken and not taken, on values that tell signed from unsigned; ja and gotol, forwards and in a
; bounded loop. r0 = 1 when the branch is taken.

; jeq 0x5 == 5 (imm, sign-extended): r0 = 1 when taken
.case jeq_k_0 => 0x1
    r1 = 5
    r0 = 1
    if r1 == 5 goto out
    r0 = 0
; jeq 0x5 == 0x5 (reg)
.case jeq_x_0 => 0x1
    r1 = 5
    r2 = 5
    r0 = 1
    if r1 == r2 goto out
    r0 = 0
; jeq 0x100000005 == 5 (imm, sign-extended): r0 = 1 when taken
.case jeq_k_1 => 0x0
    r1 = 0x100000005 ll
    r0 = 1
    if r1 == 5 goto out
    r0 = 0
; jeq 0x100000005 == 0x5 (reg)
.case jeq_x_1 => 0x0
    r1 = 0x100000005 ll
    r2 = 5
    r0 = 1
    if r1 == r2 goto out
    r0 = 0
; jne 0x5 != 5 (imm, sign-extended): r0 = 1 when taken
.case jne_k_0 => 0x0
    r1 = 5
    r0 = 1
    if r1 != 5 goto out
    r0 = 0
; jne 0x5 != 0x5 (reg)
.case jne_x_0 => 0x0
    r1 = 5
    r2 = 5
    r0 = 1
    if r1 != r2 goto out
    r0 = 0
; jne 0x100000005 != 5 (imm, sign-extended): r0 = 1 when taken
.case jne_k_1 => 0x1
    r1 = 0x100000005 ll
    r0 = 1
    if r1 != 5 goto out
    r0 = 0
; jne 0x100000005 != 0x5 (reg)
.case jne_x_1 => 0x1
    r1 = 0x100000005 ll
    r2 = 5
    r0 = 1
    if r1 != r2 goto out
    r0 = 0
; jgt 0xffffffffffffffff > 1 (imm, sign-extended): r0 = 1 when taken
.case jgt_k_0 => 0x1
    r1 = -1
    r0 = 1
    if r1 > 1 goto out
    r0 = 0
; jgt 0xffffffffffffffff > 0x1 (reg)
.case jgt_x_0 => 0x1
    r1 = -1
    r2 = 1
    r0 = 1
    if r1 > r2 goto out
    r0 = 0
; jgt 0x1 > -1 (imm, sign-extended): r0 = 1 when taken
.case jgt_k_1 => 0x0
    r1 = 1
    r0 = 1
    if r1 > -1 goto out
    r0 = 0
; jgt 0x1 > 0xffffffffffffffff (reg)
.case jgt_x_1 => 0x0
    r1 = 1
    r2 = -1
    r0 = 1
    if r1 > r2 goto out
    r0 = 0
; jgt 0x5 > 5 (imm, sign-extended): r0 = 1 when taken
.case jgt_k_2 => 0x0
    r1 = 5
    r0 = 1
    if r1 > 5 goto out
    r0 = 0
; jgt 0x5 > 0x5 (reg)
.case jgt_x_2 => 0x0
    r1 = 5
    r2 = 5
    r0 = 1
    if r1 > r2 goto out
    r0 = 0
; jge 0x5 >= 5 (imm, sign-extended): r0 = 1 when taken
.case jge_k_0 => 0x1
    r1 = 5
    r0 = 1
    if r1 >= 5 goto out
    r0 = 0
; jge 0x5 >= 0x5 (reg)
.case jge_x_0 => 0x1
    r1 = 5
    r2 = 5
    r0 = 1
    if r1 >= r2 goto out
    r0 = 0
; jge 0x4 >= 5 (imm, sign-extended): r0 = 1 when taken
.case jge_k_1 => 0x0
    r1 = 4
    r0 = 1
    if r1 >= 5 goto out
    r0 = 0
; jge 0x4 >= 0x5 (reg)
.case jge_x_1 => 0x0
    r1 = 4
    r2 = 5
    r0 = 1
    if r1 >= r2 goto out
    r0 = 0
; jlt 0x1 < -1 (imm, sign-extended): r0 = 1 when taken
.case jlt_k_0 => 0x1
    r1 = 1
    r0 = 1
    if r1 < -1 goto out
    r0 = 0
; jlt 0x1 < 0xffffffffffffffff (reg)
.case jlt_x_0 => 0x1
    r1 = 1
    r2 = -1
    r0 = 1
    if r1 < r2 goto out
    r0 = 0
; jlt 0xffffffffffffffff < 1 (imm, sign-extended): r0 = 1 when taken
.case jlt_k_1 => 0x0
    r1 = -1
    r0 = 1
    if r1 < 1 goto out
    r0 = 0
; jlt 0xffffffffffffffff < 0x1 (reg)
.case jlt_x_1 => 0x0
    r1 = -1
    r2 = 1
    r0 = 1
    if r1 < r2 goto out
    r0 = 0
; jle 0x5 <= 5 (imm, sign-extended): r0 = 1 when taken
.case jle_k_0 => 0x1
    r1 = 5
    r0 = 1
    if r1 <= 5 goto out
    r0 = 0
; jle 0x5 <= 0x5 (reg)
.case jle_x_0 => 0x1
    r1 = 5
    r2 = 5
    r0 = 1
    if r1 <= r2 goto out
    r0 = 0
; jle 0x6 <= 5 (imm, sign-extended): r0 = 1 when taken
.case jle_k_1 => 0x0
    r1 = 6
    r0 = 1
    if r1 <= 5 goto out
    r0 = 0
; jle 0x6 <= 0x5 (reg)
.case jle_x_1 => 0x0
    r1 = 6
    r2 = 5
    r0 = 1
    if r1 <= r2 goto out
    r0 = 0
; jsgt 0xffffffffffffffff s> 1 (imm, sign-extended): r0 = 1 when taken
.case jsgt_k_0 => 0x0
    r1 = -1
    r0 = 1
    if r1 s> 1 goto out
    r0 = 0
; jsgt 0xffffffffffffffff s> 0x1 (reg)
.case jsgt_x_0 => 0x0
    r1 = -1
    r2 = 1
    r0 = 1
    if r1 s> r2 goto out
    r0 = 0
; jsgt 0x1 s> -1 (imm, sign-extended): r0 = 1 when taken
.case jsgt_k_1 => 0x1
    r1 = 1
    r0 = 1
    if r1 s> -1 goto out
    r0 = 0
; jsgt 0x1 s> 0xffffffffffffffff (reg)
.case jsgt_x_1 => 0x1
    r1 = 1
    r2 = -1
    r0 = 1
    if r1 s> r2 goto out
    r0 = 0
; jsgt 0x8000000000000000 s> 0x7fffffffffffffff (reg)
.case jsgt_x_2 => 0x0
    r1 = 0x8000000000000000 ll
    r2 = 0x7fffffffffffffff ll
    r0 = 1
    if r1 s> r2 goto out
    r0 = 0
; jsge 0x5 s>= 5 (imm, sign-extended): r0 = 1 when taken
.case jsge_k_0 => 0x1
    r1 = 5
    r0 = 1
    if r1 s>= 5 goto out
    r0 = 0
; jsge 0x5 s>= 0x5 (reg)
.case jsge_x_0 => 0x1
    r1 = 5
    r2 = 5
    r0 = 1
    if r1 s>= r2 goto out
    r0 = 0
; jsge 0xffffffffffffffff s>= 0 (imm, sign-extended): r0 = 1 when taken
.case jsge_k_1 => 0x0
    r1 = -1
    r0 = 1
    if r1 s>= 0 goto out
    r0 = 0
; jsge 0xffffffffffffffff s>= 0x0 (reg)
.case jsge_x_1 => 0x0
    r1 = -1
    r2 = 0
    r0 = 1
    if r1 s>= r2 goto out
    r0 = 0
; jslt 0xffffffffffffffff s< 1 (imm, sign-extended): r0 = 1 when taken
.case jslt_k_0 => 0x1
    r1 = -1
    r0 = 1
    if r1 s< 1 goto out
    r0 = 0
; jslt 0xffffffffffffffff s< 0x1 (reg)
.case jslt_x_0 => 0x1
    r1 = -1
    r2 = 1
    r0 = 1
    if r1 s< r2 goto out
    r0 = 0
; jslt 0x1 s< -1 (imm, sign-extended): r0 = 1 when taken
.case jslt_k_1 => 0x0
    r1 = 1
    r0 = 1
    if r1 s< -1 goto out
    r0 = 0
; jslt 0x1 s< 0xffffffffffffffff (reg)
.case jslt_x_1 => 0x0
    r1 = 1
    r2 = -1
    r0 = 1
    if r1 s< r2 goto out
    r0 = 0
; jsle 0x5 s<= 5 (imm, sign-extended): r0 = 1 when taken
.case jsle_k_0 => 0x1
    r1 = 5
    r0 = 1
    if r1 s<= 5 goto out
    r0 = 0
; jsle 0x5 s<= 0x5 (reg)
.case jsle_x_0 => 0x1
    r1 = 5
    r2 = 5
    r0 = 1
    if r1 s<= r2 goto out
    r0 = 0
; jsle 0x0 s<= -1 (imm, sign-extended): r0 = 1 when taken
.case jsle_k_1 => 0x0
    r1 = 0
    r0 = 1
    if r1 s<= -1 goto out
    r0 = 0
; jsle 0x0 s<= 0xffffffffffffffff (reg)
.case jsle_x_1 => 0x0
    r1 = 0
    r2 = -1
    r0 = 1
    if r1 s<= r2 goto out
    r0 = 0
; jset 0x100 & 384 (imm, sign-extended): r0 = 1 when taken
.case jset_k_0 => 0x1
    r1 = 256
    r0 = 1
    if r1 & 384 goto out
    r0 = 0
; jset 0x100 & 0x180 (reg)
.case jset_x_0 => 0x1
    r1 = 256
    r2 = 384
    r0 = 1
    if r1 & r2 goto out
    r0 = 0
; jset 0x100000000 & 255 (imm, sign-extended): r0 = 1 when taken
.case jset_k_1 => 0x0
    r1 = 0x100000000 ll
    r0 = 1
    if r1 & 255 goto out
    r0 = 0
; jset 0x100000000 & 0xff (reg)
.case jset_x_1 => 0x0
    r1 = 0x100000000 ll
    r2 = 255
    r0 = 1
    if r1 & r2 goto out
    r0 = 0
; ja skips one instruction
.case ja_forward => 0x1
    r5 = *(u32 *)(r9 +16)
    r0 = 1
    if r5 == 7 goto mid
    goto +1
mid:
    r0 = 2
; ja backwards: a bounded loop sums 10..1
.case ja_backward_loop => 0x37
    r1 = 10
loop:
    r0 += r1
    r1 -= 1
    if r1 == 0 goto done
    goto loop
done:
; may_goto falls through while the kernel's loop budget lasts: a bounded loop sums 10..1
.case may_goto_loop => 0x37
    r1 = 10
loop:
    may_goto done
    r0 += r1
    r1 -= 1
    if r1 != 0 goto loop
done:
; gotol (v4) with a 32-bit offset
.case gotol_forward => 0x1
    r5 = *(u32 *)(r9 +16)
    r0 = 1
    if r5 == 7 goto mid
    gotol +2
mid:
    r0 = 2
    r0 = 3
; gotol to a label
.case gotol_label => 0x7
    r5 = *(u32 *)(r9 +16)
    r0 = 7
    if r5 == 7 goto mid
    gotol skip
mid:
    r0 = 9
skip:
