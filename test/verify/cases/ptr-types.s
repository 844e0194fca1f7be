; Pointer types at the edges: the cgroup storage bpf_get_local_storage returns is never NULL; a
; comparison of the context (or the stack) with 0 is not decided, so both sides are explored; and
; one load or store may not take the context on one path and another pointer on another.
.license "GPL"
.map cs cgroup_storage key=16 value=8 entries=0
.map arr array key=4 value=16 entries=1

@case cgroup_storage_not_null accept
.prog p cgroup_skb/egress
        r1 = map[cs]
        r2 = 0
        call bpf_get_local_storage
        r1 = *(u64 *)(r0 +0)
        r1 += 1
        *(u64 *)(r0 +0) = r1
        r0 = 1
        exit

@case cgroup_storage_past_end reject EACCES "invalid access to map value, value_size=8 off=8 size=8"
.prog p cgroup_skb/egress
        r1 = map[cs]
        r2 = 0
        call bpf_get_local_storage
        r1 = *(u64 *)(r0 +8)
        r0 = 1
        exit

@case cgroup_storage_flags reject EINVAL "get_local_storage() doesn't support non-zero flags"
.prog p cgroup_skb/egress
        r1 = map[cs]
        r2 = 1
        call bpf_get_local_storage
        r0 = 1
        exit

@case ctx_zero_side_explored reject EACCES "R2 !read_ok"
.prog p tc
        r0 = 0
        if r1 != 0 goto out
        r0 = r2
out:    exit

@case stack_zero_side_explored reject EACCES "R4 !read_ok"
.prog p tc
        r0 = 0
        r3 = r10
        if r3 == 0 goto bad
        exit
bad:    r0 = r4
        exit

@case same_load_ctx_and_stack reject EINVAL "same insn cannot be used with different pointers"
.prog p tc
        r6 = r1
        *(u64 *)(r10 -8) = 0
        r2 = r10
        r2 += -8
        if r6 == 0 goto use
        r2 = r6
use:    r0 = *(u32 *)(r2 +0)
        r0 = 0
        exit

@case same_store_ctx_and_stack reject EINVAL "same insn cannot be used with different pointers"
.prog p tc
        r6 = r1
        r2 = r10
        r2 += -16
        if r6 == 0 goto use
        r2 = r6
use:    *(u32 *)(r2 +8) = 7
        r0 = 0
        exit

@case same_load_stack_and_map_value accept
.prog p tc
        *(u64 *)(r10 -8) = 0
        r1 = map[arr]
        r2 = r10
        r2 += -8
        call bpf_map_lookup_elem
        r2 = r10
        r2 += -8
        if r0 == 0 goto use
        r2 = r0
use:    r0 = *(u32 *)(r2 +0)
        r0 = 0
        exit
