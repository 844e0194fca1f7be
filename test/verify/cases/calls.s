; BPF-to-BPF calls: static subprograms are verified at each call with the caller's argument
; states; stack depth is summed over the call chain; tail calls go through a prog_array.
.license "GPL"
.map jmp prog_array key=4 value=4 entries=4
.map h hash key=4 value=8 entries=4

@case call_static_returns_value accept
.prog p socket
        r1 = 3
        call add1
        exit
.func add1 args=1
        r0 = r1
        r0 += 1
        exit

@case callee_reads_unpassed_argument reject EACCES "R2 !read_ok"
.prog p socket
        r1 = 3
        call add2
        exit
.func add2 args=2
        r0 = r1
        r0 += r2
        exit

@case callee_does_not_set_r0 reject EACCES "R0 !read_ok"
.prog p socket
        r1 = 3
        call noret
        exit
.func noret args=1
        r1 += 1
        exit

@case callee_sets_r0_caller_ignores accept
.prog p socket
        call zero
        r0 = 0
        exit
.func zero
        r0 = 0
        exit

@case caller_r6_preserved accept
.prog p socket
        r6 = 7
        call zero2
        r0 = r6
        exit
.func zero2
        r0 = 0
        exit

@case caller_r1_clobbered reject EACCES "R1 !read_ok"
.prog p socket
        r1 = 7
        call zero3
        r0 = r1
        exit
.func zero3
        r0 = 0
        exit

@case callee_writes_caller_stack accept
.prog p socket
        r1 = r10
        r1 += -8
        call fill
        r0 = *(u64 *)(r10 -8)
        exit
.func fill args=1
        r2 = 5
        *(u64 *)(r1 +0) = r2
        r0 = 0
        exit

@case callee_writes_past_caller_stack reject EACCES "invalid write to stack R1 off=0 size=8"
.prog p socket
        r1 = r10
        r1 += -8
        call fill2
        r0 = 0
        exit
.func fill2 args=1
        r2 = 5
        *(u64 *)(r1 +8) = r2
        r0 = 0
        exit

@case callee_returns_its_stack_pointer reject EINVAL "cannot return stack pointer to the caller"
.prog p socket
        call leak
        r0 = *(u64 *)(r0 +0)
        exit
.func leak
        r0 = r10
        r0 += -8
        exit

@case callee_gets_ctx_and_reads accept
.prog p xdp
        call rd
        r0 = 2
        exit
.func rd args=1
        r0 = *(u32 *)(r1 +12)
        exit

@case callee_ctx_bad_offset reject EACCES "invalid bpf_context access off=24 size=4"
.prog p xdp
        call rd2
        r0 = 2
        exit
.func rd2 args=1
        r0 = *(u32 *)(r1 +24)
        exit

@case callee_packet_check_in_caller accept
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r1 = r2
        call rdp
out:    r0 = 2
        exit
.func rdp args=1
        r0 = *(u32 *)(r1 +0)
        exit

@case callee_packet_unchecked reject EACCES "invalid access to packet, off=0 size=4, R1(id=0,off=0,r=0)"
.prog p xdp
        r1 = *(u32 *)(r1 +0)
        call rdp2
        r0 = 2
        exit
.func rdp2 args=1
        r0 = *(u32 *)(r1 +0)
        exit

@case callee_argument_constant_differs_per_call accept
.prog p xdp
        r6 = r1
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        r1 = r6
        r2 = 0
        call at
        r1 = r6
        r2 = 12
        call at
out:    r0 = 2
        exit
.func at args=2
        r1 += r2
        r0 = *(u32 *)(r1 +0)
        exit
.map arr array key=4 value=16 entries=1

@case callee_argument_constant_out_of_bounds reject EACCES "invalid access to map value, value_size=16 off=14 size=4"
.prog p xdp
        r6 = r1
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr2]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        r1 = r6
        r2 = 0
        call at2
        r1 = r6
        r2 = 14
        call at2
out:    r0 = 2
        exit
.func at2 args=2
        r1 += r2
        r0 = *(u32 *)(r1 +0)
        exit
.map arr2 array key=4 value=16 entries=1

@case stack_304_plus_304 reject EACCES "combined stack size of 2 calls is 608. Too large"
.prog p socket
        *(u64 *)(r10 -304) = 0
        call deep
        r0 = 0
        exit
.func deep
        *(u64 *)(r10 -304) = 0
        r0 = 0
        exit

@case stack_200_plus_200 accept
.prog p socket
        *(u64 *)(r10 -200) = 0
        call deep2
        r0 = 0
        exit
.func deep2
        *(u64 *)(r10 -200) = 0
        r0 = 0
        exit

@case stack_three_frames_too_deep reject EACCES "combined stack size of 3 calls is 528. Too large"
.prog p socket
        *(u64 *)(r10 -200) = 0
        call lvl1
        r0 = 0
        exit
.func lvl1
        *(u64 *)(r10 -160) = 0
        call lvl2
        r0 = 0
        exit
.func lvl2
        *(u64 *)(r10 -160) = 0
        r0 = 0
        exit

@case stack_rounding_272_plus_240 accept
.prog p socket
        *(u64 *)(r10 -264) = 0
        call rnd
        r0 = 0
        exit
.func rnd
        *(u64 *)(r10 -240) = 0
        r0 = 0
        exit

@case stack_rounding_272_plus_248 reject EACCES "combined stack size of 2 calls is 528. Too large"
.prog p socket
        *(u64 *)(r10 -264) = 0
        call rnd2
        r0 = 0
        exit
.func rnd2
        *(u64 *)(r10 -248) = 0
        r0 = 0
        exit

@case call_chain_8_frames accept
.prog p socket
        call f1
        r0 = 0
        exit
.func f1
        call f2
        exit
.func f2
        call f3
        exit
.func f3
        call f4
        exit
.func f4
        call f5
        exit
.func f5
        call f6
        exit
.func f6
        call f7
        exit
.func f7
        r0 = 0
        exit

@case call_chain_9_frames reject E2BIG "the call stack of 9 frames is too deep"
.prog p socket
        call g1
        r0 = 0
        exit
.func g1
        call g2
        exit
.func g2
        call g3
        exit
.func g3
        call g4
        exit
.func g4
        call g5
        exit
.func g5
        call g6
        exit
.func g6
        call g7
        exit
.func g7
        call g8
        exit
.func g8
        r0 = 0
        exit

@case recursion reject E2BIG "the call stack of 8 frames is too deep !"
.prog p socket
        r1 = 3
        call rec
        exit
.func rec args=1
        r0 = 0
        if r1 == 0 goto done
        r1 -= 1
        call rec
done:   exit

@case global_function_scalar_arg accept
.prog p socket
        r1 = 3
        call gadd
        exit
.func gadd global args=1
        r0 = r1
        r0 += 1
        exit

@case global_function_verified_without_caller_constant accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr3]
        call bpf_map_lookup_elem
        r1 = 4
        call gidx
        r0 = 2
        exit
.func gidx global args=1
        r0 = r1
        exit
.map arr3 array key=4 value=16 entries=1

@case global_function_pointer_arg_rejected reject EINVAL "R1 is not a scalar"
.prog p socket
        r1 = r10
        r1 += -8
        call gp
        exit
.func gp global args=1
        r0 = 0
        exit

@case tail_call accept
.prog p socket
        r6 = r1
        r1 = r6
        r2 = map[jmp]
        r3 = 0
        call bpf_tail_call
        r0 = 0
        exit

@case tail_call_wrong_map reject EINVAL "expected prog array map for tail callprocessed 5 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0"
.prog p socket
        r6 = r1
        r1 = r6
        r2 = map[h]
        r3 = 0
        call bpf_tail_call
        r0 = 0
        exit

@case tail_call_ctx_not_ctx reject EACCES "R1 type=fp expected=ctx"
.prog p socket
        r1 = r10
        r2 = map[jmp]
        r3 = 0
        call bpf_tail_call
        r0 = 0
        exit

@case prog_array_lookup_from_program reject EINVAL "cannot pass map_type 3 into func bpf_map_lookup_elem#1"
.prog p socket
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[jmp]
        call bpf_map_lookup_elem
        r0 = 0
        exit

@case tail_call_from_subprogram accept
.prog p socket
        call tc1
        r0 = 0
        exit
.func tc1 args=1
        r2 = map[jmp]
        r3 = 0
        call bpf_tail_call
        r0 = 0
        exit

@case callback_subprog_r0_unset_path accept
.prog p socket
        r1 = 1
        call maybe
        exit
.func maybe args=1
        if r1 == 0 goto skip
        r0 = 1
skip:   exit

@case subprog_r0_unset_on_live_path reject EACCES "R0 !read_ok"
.prog p socket
        r1 = *(u32 *)(r1 +0)
        call maybe2
        exit
.func maybe2 args=1
        if r1 == 0 goto skip
        r0 = 1
skip:   exit

@case subprog_called_twice_second_call_fails accept
.prog p xdp
        r6 = r1
        r1 = 12
        call ctxrd
        r1 = 24
        call ctxrd
        r0 = 2
        exit
.func ctxrd args=1
        r0 = 0
        exit

@case subprog_unreachable_function accept
.prog p socket
        r0 = 0
        exit
.func never
        r0 = 1
        exit

@case ld_abs_in_function_returns_early reject EACCES "R8 !read_ok"
.prog p socket
        call loadbyte
        if r0 != 0 goto out
        r0 = r8
out:    r0 = 0
        exit
.func loadbyte args=1
        r6 = r1
        r0 = *(u8 *)skb[12]
        r0 = 1
        exit

@case ld_abs_in_function_both_returns_safe accept
.prog p socket
        r8 = 5
        call loadbyte2
        r0 = r8
        r0 &= 1
        exit
.func loadbyte2 args=1
        r6 = r1
        r0 = *(u8 *)skb[12]
        r0 = 1
        exit
