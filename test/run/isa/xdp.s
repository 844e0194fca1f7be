; XDP packet helpers at their limits. The frame is 4096 bytes: the packet starts 256 bytes in,
; struct xdp_frame takes the first bytes of the headroom, metadata sits before the packet, and the
; skb_shared_info tailroom at the end may not be grown into.
.case adjust_head_grow => 0x4e00000000
    r1 = r9
    r2 = -14
    call bpf_xdp_adjust_head
    r6 = r0
    r2 = *(u32 *)(r9 +0)
    r3 = *(u32 *)(r9 +4)
    r0 = r3
    r0 -= r2
    r0 <<= 32
    r0 |= r6
.case adjust_head_shrink => 0x0
    r1 = r9
    r2 = 14
    call bpf_xdp_adjust_head
.case adjust_head_to_50 => 0x0
    r1 = r9
    r2 = 50
    call bpf_xdp_adjust_head
.case adjust_head_to_51 => 0xffffffffffffffea
    r1 = r9
    r2 = 51
    call bpf_xdp_adjust_head
.case adjust_head_minus_216 => 0x0
    r1 = r9
    r2 = -216
    call bpf_xdp_adjust_head
.case adjust_head_minus_217 => 0xffffffffffffffea
    r1 = r9
    r2 = -217
    call bpf_xdp_adjust_head
.case adjust_head_minus_208 => 0x0
    r1 = r9
    r2 = -208
    call bpf_xdp_adjust_head
.case adjust_head_minus_209 => 0x0
    r1 = r9
    r2 = -209
    call bpf_xdp_adjust_head
.case adjust_head_minus_256 => 0xffffffffffffffea
    r1 = r9
    r2 = -256
    call bpf_xdp_adjust_head
.case adjust_tail_shrink => 0x0
    r1 = r9
    r2 = -10
    call bpf_xdp_adjust_tail
.case adjust_tail_to_14 => 0x0
    r1 = r9
    r2 = -50
    call bpf_xdp_adjust_tail
.case adjust_tail_below_14 => 0xffffffffffffffea
    r1 = r9
    r2 = -51
    call bpf_xdp_adjust_tail
.case adjust_tail_grow => 0x5000000000
    r1 = r9
    r2 = 16
    call bpf_xdp_adjust_tail
    r6 = r0
    r2 = *(u32 *)(r9 +0)
    r3 = *(u32 *)(r9 +4)
    r0 = r3
    r0 -= r2
    r0 <<= 32
    r0 |= r6
.case adjust_tail_to_hard_end => 0x0
    r1 = r9
    r2 = 3456
    call bpf_xdp_adjust_tail
.case adjust_tail_past_hard_end => 0xffffffffffffffea
    r1 = r9
    r2 = 3457
    call bpf_xdp_adjust_tail
.case adjust_meta_4 => 0x400000000
    r1 = r9
    r2 = -4
    call bpf_xdp_adjust_meta
    r6 = r0
    r2 = *(u32 *)(r9 +8)
    r3 = *(u32 *)(r9 +0)
    r0 = r3
    r0 -= r2
    r0 <<= 32
    r0 |= r6
.case adjust_meta_unaligned => 0xfffffffffffffff3
    r1 = r9
    r2 = -3
    call bpf_xdp_adjust_meta
.case adjust_meta_252 => 0xffffffffffffffea
    r1 = r9
    r2 = -252
    call bpf_xdp_adjust_meta
.case adjust_meta_256 => 0xffffffffffffffea
    r1 = r9
    r2 = -256
    call bpf_xdp_adjust_meta
.case adjust_meta_above_data => 0xffffffffffffffea
    r1 = r9
    r2 = 4
    call bpf_xdp_adjust_meta
.case adjust_meta_then_head => 0x0
    r1 = r9
    r2 = -8
    call bpf_xdp_adjust_meta
    r1 = r9
    r2 = -200
    call bpf_xdp_adjust_head
.case adjust_meta_then_head_too_far => 0xffffffffffffffea
    r1 = r9
    r2 = -8
    call bpf_xdp_adjust_meta
    r1 = r9
    r2 = -209
    call bpf_xdp_adjust_head
.case get_buff_len => 0x40
    r1 = r9
    call bpf_xdp_get_buff_len
.case xdp_load_bytes => 0x1b1a191817161514
    r1 = r9
    r2 = 20
    r3 = r10
    r3 += -8
    r4 = 8
    call bpf_xdp_load_bytes
    r1 = *(u64 *)(r10 -8)
    r0 <<= 32
    r1 ^= r0
    r0 = r1
.case xdp_load_bytes_past_end => 0xffffffffffffffea
    r1 = r9
    r2 = 57
    r3 = r10
    r3 += -8
    r4 = 8
    call bpf_xdp_load_bytes
.case xdp_store_bytes => 0x0
    r1 = 0x0102030405060708 ll
    *(u64 *)(r10 -8) = r1
    r1 = r9
    r2 = 30
    r3 = r10
    r3 += -8
    r4 = 8
    call bpf_xdp_store_bytes
.case redirect => 0x4
    r1 = 5
    r2 = 0
    call bpf_redirect
.case redirect_flags => 0x0
    r1 = 5
    r2 = 1
    call bpf_redirect
.case redirect_map_missing_fallback => 0x2
.map devs devmap key=4 value=4 entries=4
    r1 = map[devs]
    r2 = 1
    r3 = 2
    call bpf_redirect_map
.case redirect_map_bad_flags => 0x0
.map devs devmap key=4 value=4 entries=4
    r1 = map[devs]
    r2 = 1
    r3 = 0x100
    call bpf_redirect_map
.case csum_diff_to => 0x1014
    r1 = 0x0102030405060708 ll
    *(u64 *)(r10 -8) = r1
    r1 = 0
    r2 = 0
    r3 = r10
    r3 += -8
    r4 = 8
    r5 = 0
    call bpf_csum_diff
.case csum_diff_from_to => 0x5274
    r1 = 0x0102030405060708 ll
    *(u64 *)(r10 -8) = r1
    r1 = 0x1112131415161718 ll
    *(u64 *)(r10 -16) = r1
    r1 = r10
    r1 += -8
    r2 = 8
    r3 = r10
    r3 += -16
    r4 = 8
    r5 = 0x1234
    call bpf_csum_diff
.case csum_diff_from => 0xefeb
    r1 = 0x0102030405060708 ll
    *(u64 *)(r10 -8) = r1
    r1 = r10
    r1 += -8
    r2 = 8
    r3 = 0
    r4 = 0
    r5 = 0xffff
    call bpf_csum_diff
.case csum_diff_seed_only => 0xce9a
    r1 = 0
    r2 = 0
    r3 = 0
    r4 = 0
    r5 = 0xabcdef
    call bpf_csum_diff
.case csum_diff_carry => 0xffff
    r1 = -1
    *(u64 *)(r10 -8) = r1
    *(u64 *)(r10 -16) = r1
    r1 = 0
    r2 = 0
    r3 = r10
    r3 += -16
    r4 = 16
    r5 = -1
    call bpf_csum_diff
.case ktime_advances => 0x1
    call bpf_ktime_get_ns
    r6 = r0
    call bpf_ktime_get_ns
    r1 = r0
    r0 = 1
    if r1 > r6 goto out
    r0 = 0
.case ringbuf_output => 0x0
.map rb ringbuf key=0 value=0 entries=4096
    r1 = 0x1122334455667788 ll
    *(u64 *)(r10 -8) = r1
    r1 = map[rb]
    r2 = r10
    r2 += -8
    r3 = 8
    r4 = 0
    call bpf_ringbuf_output
.case ringbuf_reserve_submit => 0x1
.map rb ringbuf key=0 value=0 entries=4096
    r1 = map[rb]
    r2 = 16
    r3 = 0
    call bpf_ringbuf_reserve
    if r0 == 0 goto out
    r1 = 7
    *(u64 *)(r0 +0) = r1
    r1 = r0
    r2 = 0
    call bpf_ringbuf_submit
    r0 = 1
.case ringbuf_reserve_too_big => 0x0
.map rb ringbuf key=0 value=0 entries=4096
    r1 = map[rb]
    r2 = 4096
    r3 = 0
    call bpf_ringbuf_reserve
    if r0 == 0 goto out
    r1 = r0
    r2 = 0
    call bpf_ringbuf_discard
    r0 = 1
.case redirect_map_present => 0x4
.map devs devmap key=4 value=4 entries=4
.update devs 01000000 01000000
    r1 = map[devs]
    r2 = 1
    r3 = 0
    call bpf_redirect_map
; repeat runs the program again on the same frame: the head grows by 4 bytes each time
.case repeat_adjust_head => 0x4c
.repeat 3
    r1 = r9
    r2 = -4
    call bpf_xdp_adjust_head
    r2 = *(u32 *)(r9 +0)
    r3 = *(u32 *)(r9 +4)
    r0 = r3
    r0 -= r2
.case repeat_counts_in_a_map => 0x5
.map hits array key=4 value=8 entries=1
.repeat 5
    r1 = 0
    *(u32 *)(r10 -4) = r1
    r1 = map[hits]
    r2 = r10
    r2 += -4
    call bpf_map_lookup_elem
    if r0 == 0 goto out
    r1 = 1
    lock *(u64 *)(r0 +0) += r1
    r0 = *(u64 *)(r0 +0)
