; Socket buffer helpers in a tc program: the packet is 64 bytes 00 01 .. 3f and skb->data is its
; first byte.
.case skb_load_bytes tc => 0xb0a0908
    r1 = r6
    r2 = 8
    r3 = r10
    r3 += -8
    r4 = 8
    call bpf_skb_load_bytes
    r1 = *(u64 *)(r10 -8)
    r0 <<= 32
    r0 ^= r1
.case skb_load_bytes_past_end tc => 0xfffffff2
    r1 = -1
    *(u64 *)(r10 -8) = r1
    r1 = r6
    r2 = 60
    r3 = r10
    r3 += -8
    r4 = 8
    call bpf_skb_load_bytes
    r1 = *(u64 *)(r10 -8)
    r0 ^= r1
.case skb_load_bytes_socket socket => 0x11100f0e
    r1 = r6
    r2 = 0
    r3 = r10
    r3 += -4
    r4 = 4
    call bpf_skb_load_bytes
    r0 = *(u32 *)(r10 -4)
.case skb_load_bytes_socket_past_end socket => 0xfffffff2
    r1 = r6
    r2 = 47
    r3 = r10
    r3 += -4
    r4 = 4
    call bpf_skb_load_bytes
.case skb_store_bytes tc => 0x0
    r1 = 0x0102030405060708 ll
    *(u64 *)(r10 -8) = r1
    r1 = r6
    r2 = 20
    r3 = r10
    r3 += -8
    r4 = 8
    r5 = 0
    call bpf_skb_store_bytes
.case skb_store_bytes_past_end tc => 0xfffffff2
    r1 = 0
    *(u64 *)(r10 -8) = r1
    r1 = r6
    r2 = 57
    r3 = r10
    r3 += -8
    r4 = 8
    r5 = 0
    call bpf_skb_store_bytes
.case skb_store_bytes_bad_flags tc => 0xffffffea
    r1 = 0
    *(u64 *)(r10 -8) = r1
    r1 = r6
    r2 = 20
    r3 = r10
    r3 += -8
    r4 = 8
    r5 = 4
    call bpf_skb_store_bytes
.case l3_csum_replace_4 tc => 0x0
    r1 = r6
    r2 = 24
    r3 = 0x13121110
    r4 = 0x0a00000a
    r5 = 4
    call bpf_l3_csum_replace
.case l3_csum_replace_2 tc => 0x0
    r1 = r6
    r2 = 24
    r3 = 0x1110
    r4 = 0x4242
    r5 = 2
    call bpf_l3_csum_replace
.case l3_csum_replace_diff tc => 0x0
    r1 = r6
    r2 = 24
    r3 = 0
    r4 = 0x12345
    r5 = 0
    call bpf_l3_csum_replace
.case l3_csum_replace_odd_offset tc => 0xfffffff2
    r1 = r6
    r2 = 25
    r3 = 0
    r4 = 1
    r5 = 0
    call bpf_l3_csum_replace
.case l3_csum_replace_bad_size tc => 0xffffffea
    r1 = r6
    r2 = 24
    r3 = 0
    r4 = 1
    r5 = 3
    call bpf_l3_csum_replace
.case l3_csum_replace_past_end tc => 0xfffffff2
    r1 = r6
    r2 = 63
    r3 = 0
    r4 = 1
    r5 = 0
    call bpf_l3_csum_replace
.case l4_csum_replace_4 tc => 0x0
    r1 = r6
    r2 = 40
    r3 = 0x1f1e1d1c
    r4 = 0x01020304
    r5 = 0x14
    call bpf_l4_csum_replace
.case l4_csum_replace_mangled_zero_skip tc => 0x0
.packet 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728290000
    r1 = r6
    r2 = 40
    r3 = 0x1111
    r4 = 0x2222
    r5 = 0x22
    call bpf_l4_csum_replace
.case l4_csum_replace_mangled_zero_result tc => 0x0
.packet 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223242526272829feff
    r1 = r6
    r2 = 40
    r3 = 0
    r4 = 0xfffe
    r5 = 0x20
    call bpf_l4_csum_replace
.case l4_csum_replace_bad_flags tc => 0xffffffea
    r1 = r6
    r2 = 40
    r3 = 0
    r4 = 0
    r5 = 0x100
    call bpf_l4_csum_replace
.case csum_update_none tc => 0xfffffdf4
    r1 = r6
    r2 = 5
    call bpf_csum_update
.case set_hash tc => 0xabcdef
    r1 = r6
    r2 = 0xabcdef
    call bpf_set_hash
    r0 = *(u32 *)(r6 +68)
.case redirect_tc tc => 0x7
    r1 = 3
    r2 = 0
    call bpf_redirect
.case redirect_tc_ingress tc => 0x7
    r1 = 3
    r2 = 1
    call bpf_redirect
.case redirect_tc_bad_flags tc => 0x2
    r1 = 3
    r2 = 2
    call bpf_redirect
