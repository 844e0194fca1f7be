; Map helpers: lookups return a pointer into the value or NULL, updates and deletes return the
; kernel's errno values (-EEXIST -17, -ENOENT -2, -E2BIG -7, -EINVAL -22, -ENOSPC -28).
.case array_lookup_update_through_pointer => 0xf
.map counts array key=4 value=8 entries=4
.update counts 01000000 0500000000000000
    r1 = 1
    *(u32 *)(r10 -4) = r1
    r1 = map[counts]
    r2 = r10
    r2 += -4
    call bpf_map_lookup_elem
    if r0 == 0 goto out
    r1 = *(u64 *)(r0 +0)
    r1 += 10
    *(u64 *)(r0 +0) = r1
    r0 = r1
.case array_lookup_past_end => 0x0
.map counts array key=4 value=8 entries=4
    r1 = 4
    *(u32 *)(r10 -4) = r1
    r1 = map[counts]
    r2 = r10
    r2 += -4
    call bpf_map_lookup_elem
.case array_update_noexist => 0xffffffffffffffef
.map counts array key=4 value=8 entries=4
    r1 = 2
    *(u32 *)(r10 -4) = r1
    r1 = 9
    *(u64 *)(r10 -16) = r1
    r1 = map[counts]
    r2 = r10
    r2 += -4
    r3 = r10
    r3 += -16
    r4 = 1
    call bpf_map_update_elem
.case array_update_any => 0x0
.map counts array key=4 value=8 entries=4
    r1 = 2
    *(u32 *)(r10 -4) = r1
    r1 = 9
    *(u64 *)(r10 -16) = r1
    r1 = map[counts]
    r2 = r10
    r2 += -4
    r3 = r10
    r3 += -16
    r4 = 0
    call bpf_map_update_elem
.case array_update_past_end => 0xfffffffffffffff9
.map counts array key=4 value=8 entries=4
    r1 = 7
    *(u32 *)(r10 -4) = r1
    r1 = 9
    *(u64 *)(r10 -16) = r1
    r1 = map[counts]
    r2 = r10
    r2 += -4
    r3 = r10
    r3 += -16
    r4 = 0
    call bpf_map_update_elem
.case array_update_bad_flags => 0xffffffffffffffea
.map counts array key=4 value=8 entries=4
    r1 = 0
    *(u32 *)(r10 -4) = r1
    *(u64 *)(r10 -16) = r1
    r1 = map[counts]
    r2 = r10
    r2 += -4
    r3 = r10
    r3 += -16
    r4 = 3
    call bpf_map_update_elem
.case array_delete => 0xffffffffffffffea
.map counts array key=4 value=8 entries=4
    r1 = 0
    *(u32 *)(r10 -4) = r1
    r1 = map[counts]
    r2 = r10
    r2 += -4
    call bpf_map_delete_elem
.case hash_insert_lookup => 0x77
.map h hash key=4 value=8 entries=4
    r1 = 0x0a000001
    *(u32 *)(r10 -4) = r1
    r1 = 0x77
    *(u64 *)(r10 -16) = r1
    r1 = map[h]
    r2 = r10
    r2 += -4
    r3 = r10
    r3 += -16
    r4 = 0
    call bpf_map_update_elem
    r1 = map[h]
    r2 = r10
    r2 += -4
    call bpf_map_lookup_elem
    if r0 == 0 goto out
    r0 = *(u64 *)(r0 +0)
.case hash_lookup_missing => 0x0
.map h hash key=4 value=8 entries=4
.update h 01000000 0100000000000000
    r1 = 2
    *(u32 *)(r10 -4) = r1
    r1 = map[h]
    r2 = r10
    r2 += -4
    call bpf_map_lookup_elem
.case hash_update_exist_missing => 0xfffffffffffffffe
.map h hash key=4 value=8 entries=4
    r1 = 2
    *(u32 *)(r10 -4) = r1
    *(u64 *)(r10 -16) = r1
    r1 = map[h]
    r2 = r10
    r2 += -4
    r3 = r10
    r3 += -16
    r4 = 2
    call bpf_map_update_elem
.case hash_update_noexist_present => 0xffffffffffffffef
.map h hash key=4 value=8 entries=4
.update h 02000000 0100000000000000
    r1 = 2
    *(u32 *)(r10 -4) = r1
    *(u64 *)(r10 -16) = r1
    r1 = map[h]
    r2 = r10
    r2 += -4
    r3 = r10
    r3 += -16
    r4 = 1
    call bpf_map_update_elem
.case hash_update_exist_present => 0x0
.map h hash key=4 value=8 entries=4
.update h 02000000 0100000000000000
    r1 = 2
    *(u32 *)(r10 -4) = r1
    r1 = 0x55
    *(u64 *)(r10 -16) = r1
    r1 = map[h]
    r2 = r10
    r2 += -4
    r3 = r10
    r3 += -16
    r4 = 2
    call bpf_map_update_elem
.case hash_update_bad_flags => 0xffffffffffffffea
.map h hash key=4 value=8 entries=4
    r1 = 2
    *(u32 *)(r10 -4) = r1
    *(u64 *)(r10 -16) = r1
    r1 = map[h]
    r2 = r10
    r2 += -4
    r3 = r10
    r3 += -16
    r4 = 3
    call bpf_map_update_elem
.case hash_full => 0xfffffffffffffff9
.map h hash key=4 value=8 entries=2
.update h 01000000 0100000000000000
.update h 02000000 0200000000000000
    r1 = 3
    *(u32 *)(r10 -4) = r1
    *(u64 *)(r10 -16) = r1
    r1 = map[h]
    r2 = r10
    r2 += -4
    r3 = r10
    r3 += -16
    r4 = 0
    call bpf_map_update_elem
.case hash_full_update_existing => 0x0
.map h hash key=4 value=8 entries=2
.update h 01000000 0100000000000000
.update h 02000000 0200000000000000
    r1 = 2
    *(u32 *)(r10 -4) = r1
    r1 = 0x99
    *(u64 *)(r10 -16) = r1
    r1 = map[h]
    r2 = r10
    r2 += -4
    r3 = r10
    r3 += -16
    r4 = 0
    call bpf_map_update_elem
.case hash_delete_present => 0x0
.map h hash key=4 value=8 entries=4
.update h 01000000 0100000000000000
.update h 02000000 0200000000000000
    r1 = 1
    *(u32 *)(r10 -4) = r1
    r1 = map[h]
    r2 = r10
    r2 += -4
    call bpf_map_delete_elem
.case hash_delete_missing => 0xfffffffffffffffe
.map h hash key=4 value=8 entries=4
    r1 = 1
    *(u32 *)(r10 -4) = r1
    r1 = map[h]
    r2 = r10
    r2 += -4
    call bpf_map_delete_elem
.case hash_struct_key => 0x2a
.map flows hash key=12 value=4 entries=8
.update flows 0a0000010a00000200500035 2a000000
    r1 = 0x0100000a
    *(u32 *)(r10 -12) = r1
    r1 = 0x0200000a
    *(u32 *)(r10 -8) = r1
    r1 = 0x35005000
    *(u32 *)(r10 -4) = r1
    r1 = map[flows]
    r2 = r10
    r2 += -12
    call bpf_map_lookup_elem
    if r0 == 0 goto out
    r0 = *(u32 *)(r0 +0)
.case lpm_longest_prefix => 0x1
.map rules lpm_trie key=8 value=8 entries=16 flags=1
.update rules 100000000a010000 0100000000000000
.update rules 200000000a010203 0200000000000000
.update rules 080000000a000000 0300000000000000
    r1 = 32
    *(u32 *)(r10 -8) = r1
    r1 = 0x0402010a
    *(u32 *)(r10 -4) = r1
    r1 = map[rules]
    r2 = r10
    r2 += -8
    call bpf_map_lookup_elem
    if r0 == 0 goto out
    r0 = *(u64 *)(r0 +0)
.case lpm_exact_host => 0x2
.map rules lpm_trie key=8 value=8 entries=16 flags=1
.update rules 100000000a010000 0100000000000000
.update rules 200000000a010203 0200000000000000
    r1 = 32
    *(u32 *)(r10 -8) = r1
    r1 = 0x0302010a
    *(u32 *)(r10 -4) = r1
    r1 = map[rules]
    r2 = r10
    r2 += -8
    call bpf_map_lookup_elem
    if r0 == 0 goto out
    r0 = *(u64 *)(r0 +0)
.case lpm_short_lookup_prefix => 0x1
.map rules lpm_trie key=8 value=8 entries=16 flags=1
.update rules 100000000a010000 0100000000000000
.update rules 200000000a010203 0200000000000000
    r1 = 20
    *(u32 *)(r10 -8) = r1
    r1 = 0x0302010a
    *(u32 *)(r10 -4) = r1
    r1 = map[rules]
    r2 = r10
    r2 += -8
    call bpf_map_lookup_elem
    if r0 == 0 goto out
    r0 = *(u64 *)(r0 +0)
.case lpm_no_match => 0x0
.map rules lpm_trie key=8 value=8 entries=16 flags=1
.update rules 100000000a010000 0100000000000000
    r1 = 32
    *(u32 *)(r10 -8) = r1
    r1 = 0x0302020a
    *(u32 *)(r10 -4) = r1
    r1 = map[rules]
    r2 = r10
    r2 += -8
    call bpf_map_lookup_elem
.case lpm_update_from_program => 0x0
.map rules lpm_trie key=8 value=8 entries=16 flags=1
    r1 = 24
    *(u32 *)(r10 -8) = r1
    r1 = 0x0002010a
    *(u32 *)(r10 -4) = r1
    r1 = 5
    *(u64 *)(r10 -16) = r1
    r1 = map[rules]
    r2 = r10
    r2 += -8
    r3 = r10
    r3 += -16
    r4 = 0
    call bpf_map_update_elem
.case lpm_update_prefix_too_long => 0xffffffffffffffea
.map rules lpm_trie key=8 value=8 entries=16 flags=1
    r1 = 33
    *(u32 *)(r10 -8) = r1
    r1 = 0x0002010a
    *(u32 *)(r10 -4) = r1
    *(u64 *)(r10 -16) = r1
    r1 = map[rules]
    r2 = r10
    r2 += -8
    r3 = r10
    r3 += -16
    r4 = 0
    call bpf_map_update_elem
.case lpm_full => 0xffffffffffffffe4
.map rules lpm_trie key=8 value=8 entries=1 flags=1
.update rules 100000000a010000 0100000000000000
    r1 = 24
    *(u32 *)(r10 -8) = r1
    r1 = 0x0002010a
    *(u32 *)(r10 -4) = r1
    *(u64 *)(r10 -16) = r1
    r1 = map[rules]
    r2 = r10
    r2 += -8
    r3 = r10
    r3 += -16
    r4 = 0
    call bpf_map_update_elem
.case lpm_delete => 0x0
.map rules lpm_trie key=8 value=8 entries=16 flags=1
.update rules 100000000a010000 0100000000000000
.update rules 200000000a010203 0200000000000000
    r1 = 16
    *(u32 *)(r10 -8) = r1
    r1 = 0x0000010a
    *(u32 *)(r10 -4) = r1
    r1 = map[rules]
    r2 = r10
    r2 += -8
    call bpf_map_delete_elem
.case percpu_array_lookup => 0x3
.map pc percpu_array key=4 value=8 entries=2
    r1 = 1
    *(u32 *)(r10 -4) = r1
    r1 = map[pc]
    r2 = r10
    r2 += -4
    call bpf_map_lookup_elem
    if r0 == 0 goto out
    r0 = *(u64 *)(r0 +0)
    r0 += 3
.case lru_insert_lookup => 0x66
.map l lru_hash key=4 value=8 entries=8
    r1 = 5
    *(u32 *)(r10 -4) = r1
    r1 = 0x66
    *(u64 *)(r10 -16) = r1
    r1 = map[l]
    r2 = r10
    r2 += -4
    r3 = r10
    r3 += -16
    r4 = 0
    call bpf_map_update_elem
    r1 = map[l]
    r2 = r10
    r2 += -4
    call bpf_map_lookup_elem
    if r0 == 0 goto out
    r0 = *(u64 *)(r0 +0)
.case atomic_on_map_value => 0x100000000
.map counts array key=4 value=8 entries=1
.update counts 00000000 ffffffff00000000
    r1 = 0
    *(u32 *)(r10 -4) = r1
    r1 = map[counts]
    r2 = r10
    r2 += -4
    call bpf_map_lookup_elem
    if r0 == 0 goto out
    r1 = 1
    lock *(u64 *)(r0 +0) += r1
    r0 = *(u64 *)(r0 +0)
.case tail_call_hit tc => 0x2a
.map jt prog_array key=4 value=4 entries=4
.progarray jt 1 ret42
    r1 = r6
    r2 = map[jt]
    r3 = 1
    call bpf_tail_call
    r0 = 7
.prog ret42 tc
    r0 = 42
    exit
.case tail_call_empty_slot tc => 0x7
.map jt prog_array key=4 value=4 entries=4
.progarray jt 1 ret43
    r1 = r6
    r2 = map[jt]
    r3 = 2
    call bpf_tail_call
    r0 = 7
.prog ret43 tc
    r0 = 43
    exit
.case tail_call_past_end tc => 0x8
.map jt prog_array key=4 value=4 entries=4
.progarray jt 3 ret44
    r1 = r6
    r2 = map[jt]
    r3 = 4
    call bpf_tail_call
    r0 = 8
.prog ret44 tc
    r0 = 44
    exit
.case tail_call_chain_limit tc => 0x2
.map jt prog_array key=4 value=4 entries=1
.map hops array key=4 value=8 entries=1
.progarray jt 0 again
    r1 = r6
    r2 = map[jt]
    r3 = 0
    call bpf_tail_call
    r0 = 1
.prog again tc
    r6 = r1
    r1 = 0
    *(u32 *)(r10 -4) = r1
    r1 = map[hops]
    r2 = r10
    r2 += -4
    call bpf_map_lookup_elem
    if r0 == 0 goto done
    r1 = 1
    lock *(u64 *)(r0 +0) += r1
    r1 = r6
    r2 = map[jt]
    r3 = 0
    call bpf_tail_call
done:
    r0 = 2
    exit
