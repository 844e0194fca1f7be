; Map flags that limit what programs may do with a map's values: BPF_F_RDONLY_PROG (128) forbids
; writes, BPF_F_WRONLY_PROG (256) forbids reads, by loads and stores and through helpers.
.license "GPL"
.map wo array key=4 value=48 entries=1 flags=256
.map ro array key=4 value=48 entries=1 flags=128

@case wronly_write accept
.prog p socket
        r1 = 0
        *(u32 *)(r10 -4) = r1
        r2 = r10
        r2 += -4
        r1 = map[wo]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r1 = 42
        *(u64 *)(r0 +0) = r1
out:    r0 = 0
        exit

@case wronly_read reject EACCES "read from map forbidden, value_size=48 off=0 size=8"
.prog p socket
        r1 = 0
        *(u32 *)(r10 -4) = r1
        r2 = r10
        r2 += -4
        r1 = map[wo]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r0 = *(u64 *)(r0 +0)
out:    r0 = 0
        exit

@case wronly_read_by_helper reject EACCES "read from map forbidden, value_size=48 off=0 size=48"
.prog p tc
        r1 = 0
        *(u32 *)(r10 -4) = r1
        r2 = r10
        r2 += -4
        r1 = map[wo]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r3 = r0
        r1 = map[wo]
        r2 = r10
        r2 += -4
        r4 = 0
        call bpf_map_update_elem
out:    r0 = 0
        exit

@case wronly_written_by_helper accept
.prog p tc
        r1 = 0
        *(u32 *)(r10 -4) = r1
        r2 = r10
        r2 += -4
        r1 = map[wo]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r1 = r0
        r2 = 8
        r3 = 0
        call bpf_probe_read_kernel
out:    r0 = 0
        exit

@case rdonly_read accept
.prog p socket
        r1 = 0
        *(u32 *)(r10 -4) = r1
        r2 = r10
        r2 += -4
        r1 = map[ro]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r0 = *(u64 *)(r0 +0)
out:    r0 = 0
        exit

@case rdonly_write reject EACCES "write into map forbidden, value_size=48 off=0 size=8"
.prog p socket
        r1 = 0
        *(u32 *)(r10 -4) = r1
        r2 = r10
        r2 += -4
        r1 = map[ro]
        call bpf_map_lookup_elem
        if r0 == 0 goto out
        r1 = 42
        *(u64 *)(r0 +0) = r1
out:    r0 = 0
        exit
