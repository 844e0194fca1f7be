; Loads and stores of every size: from and to the packet (bounds checked first) and the stack,
; little-endian, zero-extending (ldx) and sign-extending (ldxs) loads, stores of immediates
; (truncated; sign-extended for u64) and registers.

; ldx u8 from the packet (bytes 00 01 02 ..), little-endian, zero-extended
.case ldx_pkt_u8 => 0x3f
    r2 = *(u32 *)(r9 +0)
    r3 = *(u32 *)(r9 +4)
    r4 = r2
    r4 += 64
    if r4 > r3 goto out
    r0 = *(u8 *)(r2 +63)
; ldx u16 from the packet (bytes 00 01 02 ..), little-endian, zero-extended
.case ldx_pkt_u16 => 0xa09
    r2 = *(u32 *)(r9 +0)
    r3 = *(u32 *)(r9 +4)
    r4 = r2
    r4 += 64
    if r4 > r3 goto out
    r0 = *(u16 *)(r2 +9)
; ldx u32 from the packet (bytes 00 01 02 ..), little-endian, zero-extended
.case ldx_pkt_u32 => 0xf0e0d0c
    r2 = *(u32 *)(r9 +0)
    r3 = *(u32 *)(r9 +4)
    r4 = r2
    r4 += 64
    if r4 > r3 goto out
    r0 = *(u32 *)(r2 +12)
; ldx u64 from the packet (bytes 00 01 02 ..), little-endian, zero-extended
.case ldx_pkt_u64 => 0x1716151413121110
    r2 = *(u32 *)(r9 +0)
    r3 = *(u32 *)(r9 +4)
    r4 = r2
    r4 += 64
    if r4 > r3 goto out
    r0 = *(u64 *)(r2 +16)
; ldxs s8 from the packet (positive: no sign bits)
.case ldxs_pkt_s8 => 0x3f
    r2 = *(u32 *)(r9 +0)
    r3 = *(u32 *)(r9 +4)
    r4 = r2
    r4 += 64
    if r4 > r3 goto out
    r0 = *(s8 *)(r2 +63)
; ldxs s16 from the packet (positive: no sign bits)
.case ldxs_pkt_s16 => 0xa09
    r2 = *(u32 *)(r9 +0)
    r3 = *(u32 *)(r9 +4)
    r4 = r2
    r4 += 64
    if r4 > r3 goto out
    r0 = *(s16 *)(r2 +9)
; ldxs s32 from the packet (positive: no sign bits)
.case ldxs_pkt_s32 => 0xf0e0d0c
    r2 = *(u32 *)(r9 +0)
    r3 = *(u32 *)(r9 +4)
    r4 = r2
    r4 += 64
    if r4 > r3 goto out
    r0 = *(s32 *)(r2 +12)
; ldx u8 at r10-8 of 0x8899aabbccddeeff stored at r10-8: byte order
.case ldx_stack_u8_8 => 0xff
    r1 = 0x8899aabbccddeeff ll
    *(u64 *)(r10 -8) = r1
    r0 = *(u8 *)(r10 -8)
; ldx u8 at r10-1 of 0x8899aabbccddeeff stored at r10-8: byte order
.case ldx_stack_u8_1 => 0x88
    r1 = 0x8899aabbccddeeff ll
    *(u64 *)(r10 -8) = r1
    r0 = *(u8 *)(r10 -1)
; ldx u16 at r10-2 of 0x8899aabbccddeeff stored at r10-8: byte order
.case ldx_stack_u16_2 => 0x8899
    r1 = 0x8899aabbccddeeff ll
    *(u64 *)(r10 -8) = r1
    r0 = *(u16 *)(r10 -2)
; ldx u32 at r10-8 of 0x8899aabbccddeeff stored at r10-8: byte order
.case ldx_stack_u32_8 => 0xccddeeff
    r1 = 0x8899aabbccddeeff ll
    *(u64 *)(r10 -8) = r1
    r0 = *(u32 *)(r10 -8)
; ldx u32 at r10-4 of 0x8899aabbccddeeff stored at r10-8: byte order
.case ldx_stack_u32_4 => 0x8899aabb
    r1 = 0x8899aabbccddeeff ll
    *(u64 *)(r10 -8) = r1
    r0 = *(u32 *)(r10 -4)
; ldx u64 at r10-8 of 0x8899aabbccddeeff stored at r10-8: byte order
.case ldx_stack_u64_8 => 0x8899aabbccddeeff
    r1 = 0x8899aabbccddeeff ll
    *(u64 *)(r10 -8) = r1
    r0 = *(u64 *)(r10 -8)
; ldxs s8 at r10-8 of 0x8899aabbccddeeff: sign-extended to 64 bits
.case ldxs_stack_s8_8 => 0xffffffffffffffff
    r1 = 0x8899aabbccddeeff ll
    *(u64 *)(r10 -8) = r1
    r0 = *(s8 *)(r10 -8)
; ldxs s8 at r10-1 of 0x8899aabbccddeeff: sign-extended to 64 bits
.case ldxs_stack_s8_1 => 0xffffffffffffff88
    r1 = 0x8899aabbccddeeff ll
    *(u64 *)(r10 -8) = r1
    r0 = *(s8 *)(r10 -1)
; ldxs s16 at r10-2 of 0x8899aabbccddeeff: sign-extended to 64 bits
.case ldxs_stack_s16_2 => 0xffffffffffff8899
    r1 = 0x8899aabbccddeeff ll
    *(u64 *)(r10 -8) = r1
    r0 = *(s16 *)(r10 -2)
; ldxs s32 at r10-8 of 0x8899aabbccddeeff: sign-extended to 64 bits
.case ldxs_stack_s32_8 => 0xffffffffccddeeff
    r1 = 0x8899aabbccddeeff ll
    *(u64 *)(r10 -8) = r1
    r0 = *(s32 *)(r10 -8)
; ldxs s32 at r10-4 of 0x8899aabbccddeeff: sign-extended to 64 bits
.case ldxs_stack_s32_4 => 0xffffffff8899aabb
    r1 = 0x8899aabbccddeeff ll
    *(u64 *)(r10 -8) = r1
    r0 = *(s32 *)(r10 -4)
; st u8 imm -1 over a zeroed slot: truncated (u64: sign-extended)
.case st_u8_m1 => 0xff
    r1 = 0
    *(u64 *)(r10 -16) = r1
    *(u8 *)(r10 -16) = -1
    r0 = *(u64 *)(r10 -16)
; st u8 imm 4660 over a zeroed slot: truncated (u64: sign-extended)
.case st_u8_p4660 => 0x34
    r1 = 0
    *(u64 *)(r10 -16) = r1
    *(u8 *)(r10 -16) = 4660
    r0 = *(u64 *)(r10 -16)
; st u16 imm -2 over a zeroed slot: truncated (u64: sign-extended)
.case st_u16_m2 => 0xfffe
    r1 = 0
    *(u64 *)(r10 -16) = r1
    *(u16 *)(r10 -16) = -2
    r0 = *(u64 *)(r10 -16)
; st u16 imm 74565 over a zeroed slot: truncated (u64: sign-extended)
.case st_u16_p74565 => 0x2345
    r1 = 0
    *(u64 *)(r10 -16) = r1
    *(u16 *)(r10 -16) = 74565
    r0 = *(u64 *)(r10 -16)
; st u32 imm -3 over a zeroed slot: truncated (u64: sign-extended)
.case st_u32_m3 => 0xfffffffd
    r1 = 0
    *(u64 *)(r10 -16) = r1
    *(u32 *)(r10 -16) = -3
    r0 = *(u64 *)(r10 -16)
; st u32 imm 2147483647 over a zeroed slot: truncated (u64: sign-extended)
.case st_u32_p2147483647 => 0x7fffffff
    r1 = 0
    *(u64 *)(r10 -16) = r1
    *(u32 *)(r10 -16) = 2147483647
    r0 = *(u64 *)(r10 -16)
; st u64 imm -4 over a zeroed slot: truncated (u64: sign-extended)
.case st_u64_m4 => 0xfffffffffffffffc
    r1 = 0
    *(u64 *)(r10 -16) = r1
    *(u64 *)(r10 -16) = -4
    r0 = *(u64 *)(r10 -16)
; st u64 imm 2147483647 over a zeroed slot: truncated (u64: sign-extended)
.case st_u64_p2147483647 => 0x7fffffff
    r1 = 0
    *(u64 *)(r10 -16) = r1
    *(u64 *)(r10 -16) = 2147483647
    r0 = *(u64 *)(r10 -16)
; stx u8 of 0x8899aabbccddeeff over 0x1111111111111111: only the low bytes are written
.case stx_u8 => 0x11111111111111ff
    r1 = 0x1111111111111111 ll
    *(u64 *)(r10 -24) = r1
    r1 = 0x8899aabbccddeeff ll
    *(u8 *)(r10 -24) = r1
    r0 = *(u64 *)(r10 -24)
; stx u16 of 0x8899aabbccddeeff over 0x1111111111111111: only the low bytes are written
.case stx_u16 => 0x111111111111eeff
    r1 = 0x1111111111111111 ll
    *(u64 *)(r10 -24) = r1
    r1 = 0x8899aabbccddeeff ll
    *(u16 *)(r10 -24) = r1
    r0 = *(u64 *)(r10 -24)
; stx u32 of 0x8899aabbccddeeff over 0x1111111111111111: only the low bytes are written
.case stx_u32 => 0x11111111ccddeeff
    r1 = 0x1111111111111111 ll
    *(u64 *)(r10 -24) = r1
    r1 = 0x8899aabbccddeeff ll
    *(u32 *)(r10 -24) = r1
    r0 = *(u64 *)(r10 -24)
; stx u64 of 0x8899aabbccddeeff over 0x1111111111111111: only the low bytes are written
.case stx_u64 => 0x8899aabbccddeeff
    r1 = 0x1111111111111111 ll
    *(u64 *)(r10 -24) = r1
    r1 = 0x8899aabbccddeeff ll
    *(u64 *)(r10 -24) = r1
    r0 = *(u64 *)(r10 -24)
; the deepest stack slot, r10-512
.case stx_stack_bottom => 0x5a5a5a5a5a5a5a5a
    r1 = 0x5a5a5a5a5a5a5a5a ll
    *(u64 *)(r10 -512) = r1
    r0 = *(u64 *)(r10 -512)
; st u8 into the packet at offset 8 (the output packet shows it)
.case st_pkt_u8 => 0xf0e0d0c0b0a09ff
    r2 = *(u32 *)(r9 +0)
    r3 = *(u32 *)(r9 +4)
    r4 = r2
    r4 += 64
    if r4 > r3 goto out
    *(u8 *)(r2 +8) = -1
    r0 = *(u64 *)(r2 +8)
; st u16 into the packet at offset 8 (the output packet shows it)
.case st_pkt_u16 => 0xf0e0d0c0b0a1234
    r2 = *(u32 *)(r9 +0)
    r3 = *(u32 *)(r9 +4)
    r4 = r2
    r4 += 64
    if r4 > r3 goto out
    *(u16 *)(r2 +8) = 4660
    r0 = *(u64 *)(r2 +8)
; st u32 into the packet at offset 8 (the output packet shows it)
.case st_pkt_u32 => 0xf0e0d0cfffffffb
    r2 = *(u32 *)(r9 +0)
    r3 = *(u32 *)(r9 +4)
    r4 = r2
    r4 += 64
    if r4 > r3 goto out
    *(u32 *)(r2 +8) = -5
    r0 = *(u64 *)(r2 +8)
; st u64 into the packet at offset 8 (the output packet shows it)
.case st_pkt_u64 => 0xfffffffffffffffa
    r2 = *(u32 *)(r9 +0)
    r3 = *(u32 *)(r9 +4)
    r4 = r2
    r4 += 64
    if r4 > r3 goto out
    *(u64 *)(r2 +8) = -6
    r0 = *(u64 *)(r2 +8)
; stx u8 into the packet at offset 40
.case stx_pkt_u8 => 0x2f2e2d2c2b2a29a8
    r2 = *(u32 *)(r9 +0)
    r3 = *(u32 *)(r9 +4)
    r4 = r2
    r4 += 64
    if r4 > r3 goto out
    r1 = 0xa1a2a3a4a5a6a7a8 ll
    *(u8 *)(r2 +40) = r1
    r0 = *(u64 *)(r2 +40)
; stx u16 into the packet at offset 40
.case stx_pkt_u16 => 0x2f2e2d2c2b2aa7a8
    r2 = *(u32 *)(r9 +0)
    r3 = *(u32 *)(r9 +4)
    r4 = r2
    r4 += 64
    if r4 > r3 goto out
    r1 = 0xa1a2a3a4a5a6a7a8 ll
    *(u16 *)(r2 +40) = r1
    r0 = *(u64 *)(r2 +40)
; stx u32 into the packet at offset 40
.case stx_pkt_u32 => 0x2f2e2d2ca5a6a7a8
    r2 = *(u32 *)(r9 +0)
    r3 = *(u32 *)(r9 +4)
    r4 = r2
    r4 += 64
    if r4 > r3 goto out
    r1 = 0xa1a2a3a4a5a6a7a8 ll
    *(u32 *)(r2 +40) = r1
    r0 = *(u64 *)(r2 +40)
; stx u64 into the packet at offset 40
.case stx_pkt_u64 => 0xa1a2a3a4a5a6a7a8
    r2 = *(u32 *)(r9 +0)
    r3 = *(u32 *)(r9 +4)
    r4 = r2
    r4 += 64
    if r4 > r3 goto out
    r1 = 0xa1a2a3a4a5a6a7a8 ll
    *(u64 *)(r2 +40) = r1
    r0 = *(u64 *)(r2 +40)
; a spilled packet pointer reloads as a pointer
.case ldx_stack_pointer_roundtrip => 0x21
    r2 = *(u32 *)(r9 +0)
    r3 = *(u32 *)(r9 +4)
    r4 = r2
    r4 += 64
    if r4 > r3 goto out
    *(u64 *)(r10 -8) = r2
    r5 = *(u64 *)(r10 -8)
    r0 = *(u8 *)(r5 +33)
