; may_goto (BPF_JCOND): the jump is taken once the kernel's hidden loop counter runs out, so both
; sides are explored; a loop through it ends where a state of an earlier iteration already
; covers the current one, and the instruction's unused fields must be zero.
.license "GPL"

@case may_goto_loop_same_state accept
.prog p socket
top:    may_goto out
        r1 = 5
        goto top
out:    r0 = 0
        exit

@case may_goto_counted_loop accept
.prog p socket
        r1 = 0
top:    may_goto out
        r1 += 1
        if r1 < 10 goto top
out:    r0 = 0
        exit

@case may_goto_fall_through_checked reject EACCES "R2 !read_ok"
.prog p socket
        r0 = 0
        may_goto out
        r0 = r2
out:    exit

@case may_goto_jump_side_checked reject EACCES "R3 !read_ok"
.prog p socket
        r0 = 0
        may_goto out
        exit
out:    r0 = r3
        exit

@case may_goto_with_dst_register reject EINVAL "invalid may_goto imm 0"
.prog p socket
        r0 = 0
        .insn 0xe5, 1, 0, 0, 0
        exit
