; JMP32: the same conditions on the low halves only. The high halves are set to different
; garbage so that a 64-bit compare would decide differently. r0 = 1 when the branch is taken.

; jeq32 0x5 == 5 (imm)
.case jeq32_k_0 => 0x1
    r1 = 0x5555555500000005 ll
    r0 = 1
    if w1 == 5 goto out
    r0 = 0
; jeq32 (reg), high halves differ
.case jeq32_x_0 => 0x1
    r1 = 0x5555555500000005 ll
    r2 = 0xaaaaaaaa00000005 ll
    r0 = 1
    if w1 == w2 goto out
    r0 = 0
; jeq32 0x5 == 5 (imm)
.case jeq32_k_1 => 0x1
    r1 = 0x5555555500000005 ll
    r0 = 1
    if w1 == 5 goto out
    r0 = 0
; jeq32 (reg), high halves differ
.case jeq32_x_1 => 0x1
    r1 = 0x5555555500000005 ll
    r2 = 0xaaaaaaaa00000005 ll
    r0 = 1
    if w1 == w2 goto out
    r0 = 0
; jne32 0x5 != 5 (imm)
.case jne32_k_0 => 0x0
    r1 = 0x5555555500000005 ll
    r0 = 1
    if w1 != 5 goto out
    r0 = 0
; jne32 (reg), high halves differ
.case jne32_x_0 => 0x0
    r1 = 0x5555555500000005 ll
    r2 = 0xaaaaaaaa00000005 ll
    r0 = 1
    if w1 != w2 goto out
    r0 = 0
; jne32 0x5 != 5 (imm)
.case jne32_k_1 => 0x0
    r1 = 0x5555555500000005 ll
    r0 = 1
    if w1 != 5 goto out
    r0 = 0
; jne32 (reg), high halves differ
.case jne32_x_1 => 0x0
    r1 = 0x5555555500000005 ll
    r2 = 0xaaaaaaaa00000005 ll
    r0 = 1
    if w1 != w2 goto out
    r0 = 0
; jgt32 0xffffffff > 1 (imm)
.case jgt32_k_0 => 0x1
    r1 = 0x55555555ffffffff ll
    r0 = 1
    if w1 > 1 goto out
    r0 = 0
; jgt32 (reg), high halves differ
.case jgt32_x_0 => 0x1
    r1 = 0x55555555ffffffff ll
    r2 = 0xaaaaaaaa00000001 ll
    r0 = 1
    if w1 > w2 goto out
    r0 = 0
; jgt32 0x1 > -1 (imm)
.case jgt32_k_1 => 0x0
    r1 = 0x5555555500000001 ll
    r0 = 1
    if w1 > -1 goto out
    r0 = 0
; jgt32 (reg), high halves differ
.case jgt32_x_1 => 0x0
    r1 = 0x5555555500000001 ll
    r2 = 0xaaaaaaaaffffffff ll
    r0 = 1
    if w1 > w2 goto out
    r0 = 0
; jgt32 0x5 > 5 (imm)
.case jgt32_k_2 => 0x0
    r1 = 0x5555555500000005 ll
    r0 = 1
    if w1 > 5 goto out
    r0 = 0
; jgt32 (reg), high halves differ
.case jgt32_x_2 => 0x0
    r1 = 0x5555555500000005 ll
    r2 = 0xaaaaaaaa00000005 ll
    r0 = 1
    if w1 > w2 goto out
    r0 = 0
; jge32 0x5 >= 5 (imm)
.case jge32_k_0 => 0x1
    r1 = 0x5555555500000005 ll
    r0 = 1
    if w1 >= 5 goto out
    r0 = 0
; jge32 (reg), high halves differ
.case jge32_x_0 => 0x1
    r1 = 0x5555555500000005 ll
    r2 = 0xaaaaaaaa00000005 ll
    r0 = 1
    if w1 >= w2 goto out
    r0 = 0
; jge32 0x4 >= 5 (imm)
.case jge32_k_1 => 0x0
    r1 = 0x5555555500000004 ll
    r0 = 1
    if w1 >= 5 goto out
    r0 = 0
; jge32 (reg), high halves differ
.case jge32_x_1 => 0x0
    r1 = 0x5555555500000004 ll
    r2 = 0xaaaaaaaa00000005 ll
    r0 = 1
    if w1 >= w2 goto out
    r0 = 0
; jlt32 0x1 < -1 (imm)
.case jlt32_k_0 => 0x1
    r1 = 0x5555555500000001 ll
    r0 = 1
    if w1 < -1 goto out
    r0 = 0
; jlt32 (reg), high halves differ
.case jlt32_x_0 => 0x1
    r1 = 0x5555555500000001 ll
    r2 = 0xaaaaaaaaffffffff ll
    r0 = 1
    if w1 < w2 goto out
    r0 = 0
; jlt32 0xffffffff < 1 (imm)
.case jlt32_k_1 => 0x0
    r1 = 0x55555555ffffffff ll
    r0 = 1
    if w1 < 1 goto out
    r0 = 0
; jlt32 (reg), high halves differ
.case jlt32_x_1 => 0x0
    r1 = 0x55555555ffffffff ll
    r2 = 0xaaaaaaaa00000001 ll
    r0 = 1
    if w1 < w2 goto out
    r0 = 0
; jle32 0x5 <= 5 (imm)
.case jle32_k_0 => 0x1
    r1 = 0x5555555500000005 ll
    r0 = 1
    if w1 <= 5 goto out
    r0 = 0
; jle32 (reg), high halves differ
.case jle32_x_0 => 0x1
    r1 = 0x5555555500000005 ll
    r2 = 0xaaaaaaaa00000005 ll
    r0 = 1
    if w1 <= w2 goto out
    r0 = 0
; jle32 0x6 <= 5 (imm)
.case jle32_k_1 => 0x0
    r1 = 0x5555555500000006 ll
    r0 = 1
    if w1 <= 5 goto out
    r0 = 0
; jle32 (reg), high halves differ
.case jle32_x_1 => 0x0
    r1 = 0x5555555500000006 ll
    r2 = 0xaaaaaaaa00000005 ll
    r0 = 1
    if w1 <= w2 goto out
    r0 = 0
; jsgt32 0xffffffff s> 1 (imm)
.case jsgt32_k_0 => 0x0
    r1 = 0x55555555ffffffff ll
    r0 = 1
    if w1 s> 1 goto out
    r0 = 0
; jsgt32 (reg), high halves differ
.case jsgt32_x_0 => 0x0
    r1 = 0x55555555ffffffff ll
    r2 = 0xaaaaaaaa00000001 ll
    r0 = 1
    if w1 s> w2 goto out
    r0 = 0
; jsgt32 0x1 s> -1 (imm)
.case jsgt32_k_1 => 0x1
    r1 = 0x5555555500000001 ll
    r0 = 1
    if w1 s> -1 goto out
    r0 = 0
; jsgt32 (reg), high halves differ
.case jsgt32_x_1 => 0x1
    r1 = 0x5555555500000001 ll
    r2 = 0xaaaaaaaaffffffff ll
    r0 = 1
    if w1 s> w2 goto out
    r0 = 0
; jsgt32 0x0 s> -1 (imm)
.case jsgt32_k_2 => 0x1
    r1 = 0x5555555500000000 ll
    r0 = 1
    if w1 s> -1 goto out
    r0 = 0
; jsgt32 (reg), high halves differ
.case jsgt32_x_2 => 0x1
    r1 = 0x5555555500000000 ll
    r2 = 0xaaaaaaaaffffffff ll
    r0 = 1
    if w1 s> w2 goto out
    r0 = 0
; jsge32 0x5 s>= 5 (imm)
.case jsge32_k_0 => 0x1
    r1 = 0x5555555500000005 ll
    r0 = 1
    if w1 s>= 5 goto out
    r0 = 0
; jsge32 (reg), high halves differ
.case jsge32_x_0 => 0x1
    r1 = 0x5555555500000005 ll
    r2 = 0xaaaaaaaa00000005 ll
    r0 = 1
    if w1 s>= w2 goto out
    r0 = 0
; jsge32 0xffffffff s>= 0 (imm)
.case jsge32_k_1 => 0x0
    r1 = 0x55555555ffffffff ll
    r0 = 1
    if w1 s>= 0 goto out
    r0 = 0
; jsge32 (reg), high halves differ
.case jsge32_x_1 => 0x0
    r1 = 0x55555555ffffffff ll
    r2 = 0xaaaaaaaa00000000 ll
    r0 = 1
    if w1 s>= w2 goto out
    r0 = 0
; jslt32 0xffffffff s< 1 (imm)
.case jslt32_k_0 => 0x1
    r1 = 0x55555555ffffffff ll
    r0 = 1
    if w1 s< 1 goto out
    r0 = 0
; jslt32 (reg), high halves differ
.case jslt32_x_0 => 0x1
    r1 = 0x55555555ffffffff ll
    r2 = 0xaaaaaaaa00000001 ll
    r0 = 1
    if w1 s< w2 goto out
    r0 = 0
; jslt32 0x1 s< -1 (imm)
.case jslt32_k_1 => 0x0
    r1 = 0x5555555500000001 ll
    r0 = 1
    if w1 s< -1 goto out
    r0 = 0
; jslt32 (reg), high halves differ
.case jslt32_x_1 => 0x0
    r1 = 0x5555555500000001 ll
    r2 = 0xaaaaaaaaffffffff ll
    r0 = 1
    if w1 s< w2 goto out
    r0 = 0
; jsle32 0x5 s<= 5 (imm)
.case jsle32_k_0 => 0x1
    r1 = 0x5555555500000005 ll
    r0 = 1
    if w1 s<= 5 goto out
    r0 = 0
; jsle32 (reg), high halves differ
.case jsle32_x_0 => 0x1
    r1 = 0x5555555500000005 ll
    r2 = 0xaaaaaaaa00000005 ll
    r0 = 1
    if w1 s<= w2 goto out
    r0 = 0
; jsle32 0x0 s<= -1 (imm)
.case jsle32_k_1 => 0x0
    r1 = 0x5555555500000000 ll
    r0 = 1
    if w1 s<= -1 goto out
    r0 = 0
; jsle32 (reg), high halves differ
.case jsle32_x_1 => 0x0
    r1 = 0x5555555500000000 ll
    r2 = 0xaaaaaaaaffffffff ll
    r0 = 1
    if w1 s<= w2 goto out
    r0 = 0
; jset32 0x100 & 384 (imm)
.case jset32_k_0 => 0x1
    r1 = 0x5555555500000100 ll
    r0 = 1
    if w1 & 384 goto out
    r0 = 0
; jset32 (reg), high halves differ
.case jset32_x_0 => 0x1
    r1 = 0x5555555500000100 ll
    r2 = 0xaaaaaaaa00000180 ll
    r0 = 1
    if w1 & w2 goto out
    r0 = 0
; jset32 0x0 & 255 (imm)
.case jset32_k_1 => 0x0
    r1 = 0x5555555500000000 ll
    r0 = 1
    if w1 & 255 goto out
    r0 = 0
; jset32 (reg), high halves differ
.case jset32_x_1 => 0x0
    r1 = 0x5555555500000000 ll
    r2 = 0xaaaaaaaa000000ff ll
    r0 = 1
    if w1 & w2 goto out
    r0 = 0
