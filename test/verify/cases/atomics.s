; Atomic operations: on stack and map values only, 32 or 64 bits, with initialised operands.
.license "GPL"
.map arr array key=4 value=16 entries=1

@case atomic_add_stack accept
.prog p socket
        r1 = 0
        *(u64 *)(r10 -8) = r1
        r1 = 1
        lock *(u64 *)(r10 -8) += r1
        r0 = *(u64 *)(r10 -8)
        exit

@case atomic_add_map_value accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r1 = 1
        lock *(u64 *)(r0 +8) += r1
        lock *(u32 *)(r0 +4) += r1
out:    r0 = 2
        exit

@case atomic_add_map_value_past_end reject EACCES "misaligned value access off 0+0+12 size 8"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r1 = 1
        lock *(u64 *)(r0 +12) += r1
out:    r0 = 2
        exit

@case atomic_ctx reject EACCES "BPF_ATOMIC stores into R1 ctx is not allowed"
.prog p socket
        r2 = 1
        lock *(u32 *)(r1 +48) += r2
        r0 = 0
        exit

@case atomic_packet reject EACCES "BPF_ATOMIC stores into R2 pkt is not allowed"
.prog p xdp
        r2 = *(u32 *)(r1 +0)
        r3 = *(u32 *)(r1 +4)
        r4 = r2
        r4 += 8
        if r4 > r3 goto out
        r1 = 1
        lock *(u64 *)(r2 +0) += r1
out:    r0 = 2
        exit

@case atomic_u16_size reject EINVAL "invalid atomic operand size"
.prog p socket
        r1 = 0
        *(u64 *)(r10 -8) = r1
        r1 = 1
        .insn 0xcb, 10, 1, -8, 0
        r0 = 0
        exit

@case atomic_fetch_add_result accept
.prog p socket
        r1 = 0
        *(u64 *)(r10 -8) = r1
        r1 = 1
        r1 = atomic64_fetch_add((u64 *)(r10 -8), r1)
        r0 = r1
        exit

@case atomic_fetch_or_32 accept
.prog p socket
        r1 = 0
        *(u64 *)(r10 -8) = r1
        r1 = 1
        r1 = atomic_fetch_or((u32 *)(r10 -8), r1)
        r0 = r1
        exit

@case atomic_xchg accept
.prog p socket
        r1 = 0
        *(u64 *)(r10 -8) = r1
        r1 = 1
        r1 = atomic64_xchg((u64 *)(r10 -8), r1)
        r0 = r1
        exit

@case atomic_cmpxchg_r0_uninitialised reject EACCES "R0 !read_ok"
.prog p socket
        r1 = 0
        *(u64 *)(r10 -8) = r1
        r2 = 1
        r0 = atomic64_cmpxchg((u64 *)(r10 -8), r0, r2)
        exit

@case atomic_cmpxchg accept
.prog p socket
        r1 = 0
        *(u64 *)(r10 -8) = r1
        r0 = 0
        r2 = 1
        r0 = atomic64_cmpxchg((u64 *)(r10 -8), r0, r2)
        exit

@case atomic_source_uninitialised reject EACCES "R3 !read_ok"
.prog p socket
        r1 = 0
        *(u64 *)(r10 -8) = r1
        lock *(u64 *)(r10 -8) += r3
        r0 = 0
        exit

@case atomic_stack_uninitialised_slot accept
.prog p socket
        r1 = 1
        lock *(u64 *)(r10 -8) += r1
        r0 = 0
        exit

@case atomic_on_spilled_pointer accept
.prog p socket
        *(u64 *)(r10 -8) = r1
        r1 = 1
        lock *(u64 *)(r10 -8) += r1
        r0 = 0
        exit

@case atomic_misaligned_stack reject EACCES "misaligned stack access off 0+0+-12 size 8"
.prog p socket
        r1 = 0
        *(u64 *)(r10 -16) = r1
        *(u64 *)(r10 -8) = r1
        r1 = 1
        lock *(u64 *)(r10 -12) += r1
        r0 = 0
        exit

@case atomic_misaligned_map_value reject EACCES "misaligned value access off 0+0+4 size 8"
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r1 = 1
        lock *(u64 *)(r0 +4) += r1
out:    r0 = 2
        exit

@case atomic_pointer_value_to_map accept
.prog p xdp
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r1 = r10
        lock *(u64 *)(r0 +0) += r1
out:    r0 = 2
        exit

@case atomic_fetch_and_map_value_or_null reject EACCES "R0 invalid mem access 'map_value_or_null'"
.prog p xdp
        r1 = 0
        *(u64 *)(r10 -8) = r1
        r2 = r10
        r2 += -8
        r1 = map[hh]
        call bpf_map_lookup_elem
        r1 = 1
        lock *(u64 *)(r0 +0) += r1
        r0 = 2
        exit
.map hh hash key=8 value=8 entries=4

@case load_acquire accept
.prog p socket
        r1 = 0
        *(u64 *)(r10 -8) = r1
        .insn 0xdb, 0, 10, -8, 0x100
        exit

@case store_release accept
.prog p socket
        r1 = 0
        .insn 0xdb, 10, 1, -8, 0x110
        r0 = 0
        exit

@case atomic_bad_imm reject EINVAL "BPF_ATOMIC uses invalid atomic opcode 07"
.prog p socket
        r1 = 0
        *(u64 *)(r10 -8) = r1
        .insn 0xdb, 10, 1, -8, 0x7
        r0 = 0
        exit
