; ALU32: every operation on w registers. The high half of the destination starts as garbage
; (0xdeadbeef) and must come out zero; shift counts are taken modulo 32; division and modulo by
; zero and signed overflow as in the ISA.

; add32 0xffffffff += 1 (imm), high half of r0 garbage: wraps at 2^32, no carry out
.case add32_k_0 => 0x0
    r0 = 0xdeadbeefffffffff ll
    w0 += 1
; add32 (reg): wraps at 2^32, no carry out
.case add32_x_0 => 0x0
    r0 = 0xdeadbeefffffffff ll
    r1 = 0xabcd000000000001 ll
    w0 += w1
; add32 0x7fffffff += 1 (imm), high half of r0 garbage
.case add32_k_1 => 0x80000000
    r0 = 0xdeadbeef7fffffff ll
    w0 += 1
; add32 (reg)
.case add32_x_1 => 0x80000000
    r0 = 0xdeadbeef7fffffff ll
    r1 = 0xabcd000000000001 ll
    w0 += w1
; add32 0x5 += -3 (imm), high half of r0 garbage
.case add32_k_2 => 0x2
    r0 = 0xdeadbeef00000005 ll
    w0 += -3
; add32 (reg)
.case add32_x_2 => 0x2
    r0 = 0xdeadbeef00000005 ll
    r1 = 0xabcd0000fffffffd ll
    w0 += w1
; sub32 0x0 -= 1 (imm), high half of r0 garbage
.case sub32_k_0 => 0xffffffff
    r0 = 0xdeadbeef00000000 ll
    w0 -= 1
; sub32 (reg)
.case sub32_x_0 => 0xffffffff
    r0 = 0xdeadbeef00000000 ll
    r1 = 0xabcd000000000001 ll
    w0 -= w1
; sub32 0x80000000 -= 1 (imm), high half of r0 garbage
.case sub32_k_1 => 0x7fffffff
    r0 = 0xdeadbeef80000000 ll
    w0 -= 1
; sub32 (reg)
.case sub32_x_1 => 0x7fffffff
    r0 = 0xdeadbeef80000000 ll
    r1 = 0xabcd000000000001 ll
    w0 -= w1
; mul32 0xffffffff *= -1 (imm), high half of r0 garbage
.case mul32_k_0 => 0x1
    r0 = 0xdeadbeefffffffff ll
    w0 *= -1
; mul32 (reg)
.case mul32_x_0 => 0x1
    r0 = 0xdeadbeefffffffff ll
    r1 = 0xabcd0000ffffffff ll
    w0 *= w1
; mul32 0x10000 *= 65536 (imm), high half of r0 garbage: overflows to 0
.case mul32_k_1 => 0x0
    r0 = 0xdeadbeef00010000 ll
    w0 *= 65536
; mul32 (reg): overflows to 0
.case mul32_x_1 => 0x0
    r0 = 0xdeadbeef00010000 ll
    r1 = 0xabcd000000010000 ll
    w0 *= w1
; mul32 0x7 *= -3 (imm), high half of r0 garbage
.case mul32_k_2 => 0xffffffeb
    r0 = 0xdeadbeef00000007 ll
    w0 *= -3
; mul32 (reg)
.case mul32_x_2 => 0xffffffeb
    r0 = 0xdeadbeef00000007 ll
    r1 = 0xabcd0000fffffffd ll
    w0 *= w1
; div32 0xffffffff /= 2 (imm), high half of r0 garbage: unsigned
.case div32_k_0 => 0x7fffffff
    r0 = 0xdeadbeefffffffff ll
    w0 /= 2
; div32 (reg): unsigned
.case div32_x_0 => 0x7fffffff
    r0 = 0xdeadbeefffffffff ll
    r1 = 0xabcd000000000002 ll
    w0 /= w1
; div32 (reg): by zero gives 0
.case div32_x_1 => 0x0
    r0 = 0xdeadbeef12345678 ll
    r1 = 0xabcd000000000000 ll
    w0 /= w1
; div32 0x64 /= 7 (imm), high half of r0 garbage
.case div32_k_2 => 0xe
    r0 = 0xdeadbeef00000064 ll
    w0 /= 7
; div32 (reg)
.case div32_x_2 => 0xe
    r0 = 0xdeadbeef00000064 ll
    r1 = 0xabcd000000000007 ll
    w0 /= w1
; div32 0x7 /= -1 (imm), high half of r0 garbage: imm as unsigned
.case div32_k_3 => 0x0
    r0 = 0xdeadbeef00000007 ll
    w0 /= -1
; div32 (reg): imm as unsigned
.case div32_x_3 => 0x0
    r0 = 0xdeadbeef00000007 ll
    r1 = 0xabcd0000ffffffff ll
    w0 /= w1
; sdiv32 0xfffffff9 s/= 2 (imm), high half of r0 garbage
.case sdiv32_k_0 => 0xfffffffd
    r0 = 0xdeadbeeffffffff9 ll
    w0 s/= 2
; sdiv32 (reg)
.case sdiv32_x_0 => 0xfffffffd
    r0 = 0xdeadbeeffffffff9 ll
    r1 = 0xabcd000000000002 ll
    w0 s/= w1
; sdiv32 0x7 s/= -2 (imm), high half of r0 garbage
.case sdiv32_k_1 => 0xfffffffd
    r0 = 0xdeadbeef00000007 ll
    w0 s/= -2
; sdiv32 (reg)
.case sdiv32_x_1 => 0xfffffffd
    r0 = 0xdeadbeef00000007 ll
    r1 = 0xabcd0000fffffffe ll
    w0 s/= w1
; sdiv32 0x80000000 s/= -1 (imm), high half of r0 garbage: overflow wraps
.case sdiv32_k_2 => 0x80000000
    r0 = 0xdeadbeef80000000 ll
    w0 s/= -1
; sdiv32 (reg): overflow wraps
.case sdiv32_x_2 => 0x80000000
    r0 = 0xdeadbeef80000000 ll
    r1 = 0xabcd0000ffffffff ll
    w0 s/= w1
; sdiv32 (reg): by zero gives 0
.case sdiv32_x_3 => 0x0
    r0 = 0xdeadbeef12345678 ll
    r1 = 0xabcd000000000000 ll
    w0 s/= w1
; mod32 0xffffffff %= 10 (imm), high half of r0 garbage
.case mod32_k_0 => 0x5
    r0 = 0xdeadbeefffffffff ll
    w0 %= 10
; mod32 (reg)
.case mod32_x_0 => 0x5
    r0 = 0xdeadbeefffffffff ll
    r1 = 0xabcd00000000000a ll
    w0 %= w1
; mod32 (reg): by zero keeps the low half, zero-extended
.case mod32_x_1 => 0x12345678
    r0 = 0xdeadbeef12345678 ll
    r1 = 0xabcd000000000000 ll
    w0 %= w1
; mod32 0x64 %= 7 (imm), high half of r0 garbage
.case mod32_k_2 => 0x2
    r0 = 0xdeadbeef00000064 ll
    w0 %= 7
; mod32 (reg)
.case mod32_x_2 => 0x2
    r0 = 0xdeadbeef00000064 ll
    r1 = 0xabcd000000000007 ll
    w0 %= w1
; smod32 0xfffffff9 s%= 2 (imm), high half of r0 garbage
.case smod32_k_0 => 0xffffffff
    r0 = 0xdeadbeeffffffff9 ll
    w0 s%= 2
; smod32 (reg)
.case smod32_x_0 => 0xffffffff
    r0 = 0xdeadbeeffffffff9 ll
    r1 = 0xabcd000000000002 ll
    w0 s%= w1
; smod32 0x7 s%= -2 (imm), high half of r0 garbage
.case smod32_k_1 => 0x1
    r0 = 0xdeadbeef00000007 ll
    w0 s%= -2
; smod32 (reg)
.case smod32_x_1 => 0x1
    r0 = 0xdeadbeef00000007 ll
    r1 = 0xabcd0000fffffffe ll
    w0 s%= w1
; smod32 0x80000000 s%= -1 (imm), high half of r0 garbage: overflow gives 0
.case smod32_k_2 => 0x0
    r0 = 0xdeadbeef80000000 ll
    w0 s%= -1
; smod32 (reg): overflow gives 0
.case smod32_x_2 => 0x0
    r0 = 0xdeadbeef80000000 ll
    r1 = 0xabcd0000ffffffff ll
    w0 s%= w1
; smod32 (reg): by zero keeps the low half, zero-extended
.case smod32_x_3 => 0xfffffffb
    r0 = 0xdeadbeeffffffffb ll
    r1 = 0xabcd000000000000 ll
    w0 s%= w1
; or32 0xf0f0f0f |= -252645136 (imm), high half of r0 garbage
.case or32_k_0 => 0xffffffff
    r0 = 0xdeadbeef0f0f0f0f ll
    w0 |= -252645136
; or32 (reg)
.case or32_x_0 => 0xffffffff
    r0 = 0xdeadbeef0f0f0f0f ll
    r1 = 0xabcd0000f0f0f0f0 ll
    w0 |= w1
; or32 0x0 |= -1 (imm), high half of r0 garbage
.case or32_k_1 => 0xffffffff
    r0 = 0xdeadbeef00000000 ll
    w0 |= -1
; or32 (reg)
.case or32_x_1 => 0xffffffff
    r0 = 0xdeadbeef00000000 ll
    r1 = 0xabcd0000ffffffff ll
    w0 |= w1
; and32 0x12345678 &= -16711936 (imm), high half of r0 garbage
.case and32_k_0 => 0x12005600
    r0 = 0xdeadbeef12345678 ll
    w0 &= -16711936
; and32 (reg)
.case and32_x_0 => 0x12005600
    r0 = 0xdeadbeef12345678 ll
    r1 = 0xabcd0000ff00ff00 ll
    w0 &= w1
; and32 0xffffffff &= -16 (imm), high half of r0 garbage
.case and32_k_1 => 0xfffffff0
    r0 = 0xdeadbeefffffffff ll
    w0 &= -16
; and32 (reg)
.case and32_x_1 => 0xfffffff0
    r0 = 0xdeadbeefffffffff ll
    r1 = 0xabcd0000fffffff0 ll
    w0 &= w1
; xor32 0x12345678 ^= -1 (imm), high half of r0 garbage
.case xor32_k_0 => 0xedcba987
    r0 = 0xdeadbeef12345678 ll
    w0 ^= -1
; xor32 (reg)
.case xor32_x_0 => 0xedcba987
    r0 = 0xdeadbeef12345678 ll
    r1 = 0xabcd0000ffffffff ll
    w0 ^= w1
; xor32 0x80000000 ^= -1 (imm), high half of r0 garbage
.case xor32_k_1 => 0x7fffffff
    r0 = 0xdeadbeef80000000 ll
    w0 ^= -1
; xor32 (reg)
.case xor32_x_1 => 0x7fffffff
    r0 = 0xdeadbeef80000000 ll
    r1 = 0xabcd0000ffffffff ll
    w0 ^= w1
; lsh32 0x12345678 <<= 0 (imm), high half of r0 garbage
.case lsh32_k_0 => 0x12345678
    r0 = 0xdeadbeef12345678 ll
    w0 <<= 0
; lsh32 (reg)
.case lsh32_x_0 => 0x12345678
    r0 = 0xdeadbeef12345678 ll
    r1 = 0xabcd000000000000 ll
    w0 <<= w1
; lsh32 0x12345678 <<= 1 (imm), high half of r0 garbage
.case lsh32_k_1 => 0x2468acf0
    r0 = 0xdeadbeef12345678 ll
    w0 <<= 1
; lsh32 (reg)
.case lsh32_x_1 => 0x2468acf0
    r0 = 0xdeadbeef12345678 ll
    r1 = 0xabcd000000000001 ll
    w0 <<= w1
; lsh32 0x12345678 <<= 31 (imm), high half of r0 garbage
.case lsh32_k_2 => 0x0
    r0 = 0xdeadbeef12345678 ll
    w0 <<= 31
; lsh32 (reg)
.case lsh32_x_2 => 0x0
    r0 = 0xdeadbeef12345678 ll
    r1 = 0xabcd00000000001f ll
    w0 <<= w1
; lsh32 0x1 <<= 16 (imm), high half of r0 garbage
.case lsh32_k_3 => 0x10000
    r0 = 0xdeadbeef00000001 ll
    w0 <<= 16
; lsh32 (reg)
.case lsh32_x_3 => 0x10000
    r0 = 0xdeadbeef00000001 ll
    r1 = 0xabcd000000000010 ll
    w0 <<= w1
; rsh32 0x80000000 >>= 1 (imm), high half of r0 garbage: logical
.case rsh32_k_0 => 0x40000000
    r0 = 0xdeadbeef80000000 ll
    w0 >>= 1
; rsh32 (reg): logical
.case rsh32_x_0 => 0x40000000
    r0 = 0xdeadbeef80000000 ll
    r1 = 0xabcd000000000001 ll
    w0 >>= w1
; rsh32 0xffffffff >>= 31 (imm), high half of r0 garbage
.case rsh32_k_1 => 0x1
    r0 = 0xdeadbeefffffffff ll
    w0 >>= 31
; rsh32 (reg)
.case rsh32_x_1 => 0x1
    r0 = 0xdeadbeefffffffff ll
    r1 = 0xabcd00000000001f ll
    w0 >>= w1
; rsh32 0x12345678 >>= 0 (imm), high half of r0 garbage
.case rsh32_k_2 => 0x12345678
    r0 = 0xdeadbeef12345678 ll
    w0 >>= 0
; rsh32 (reg)
.case rsh32_x_2 => 0x12345678
    r0 = 0xdeadbeef12345678 ll
    r1 = 0xabcd000000000000 ll
    w0 >>= w1
; arsh32 0x80000000 s>>= 1 (imm), high half of r0 garbage: sign of bit 31 fills
.case arsh32_k_0 => 0xc0000000
    r0 = 0xdeadbeef80000000 ll
    w0 s>>= 1
; arsh32 (reg): sign of bit 31 fills
.case arsh32_x_0 => 0xc0000000
    r0 = 0xdeadbeef80000000 ll
    r1 = 0xabcd000000000001 ll
    w0 s>>= w1
; arsh32 0x80000000 s>>= 31 (imm), high half of r0 garbage
.case arsh32_k_1 => 0xffffffff
    r0 = 0xdeadbeef80000000 ll
    w0 s>>= 31
; arsh32 (reg)
.case arsh32_x_1 => 0xffffffff
    r0 = 0xdeadbeef80000000 ll
    r1 = 0xabcd00000000001f ll
    w0 s>>= w1
; arsh32 0x7fffffff s>>= 31 (imm), high half of r0 garbage
.case arsh32_k_2 => 0x0
    r0 = 0xdeadbeef7fffffff ll
    w0 s>>= 31
; arsh32 (reg)
.case arsh32_x_2 => 0x0
    r0 = 0xdeadbeef7fffffff ll
    r1 = 0xabcd00000000001f ll
    w0 s>>= w1
; arsh32 0xfffffff0 s>>= 4 (imm), high half of r0 garbage
.case arsh32_k_3 => 0xffffffff
    r0 = 0xdeadbeeffffffff0 ll
    w0 s>>= 4
; arsh32 (reg)
.case arsh32_x_3 => 0xffffffff
    r0 = 0xdeadbeeffffffff0 ll
    r1 = 0xabcd000000000004 ll
    w0 s>>= w1
; lsh32 by 32: the count is taken modulo 32
.case lsh32_x_mask_0 => 0x80000101
    r0 = 0xdeadbeef80000101 ll
    r1 = 32
    w0 <<= w1
; lsh32 by 33: the count is taken modulo 32
.case lsh32_x_mask_1 => 0x202
    r0 = 0xdeadbeef80000101 ll
    r1 = 33
    w0 <<= w1
; lsh32 by 255: the count is taken modulo 32
.case lsh32_x_mask_2 => 0x80000000
    r0 = 0xdeadbeef80000101 ll
    r1 = 255
    w0 <<= w1
; rsh32 by 32: the count is taken modulo 32
.case rsh32_x_mask_0 => 0x80000101
    r0 = 0xdeadbeef80000101 ll
    r1 = 32
    w0 >>= w1
; rsh32 by 33: the count is taken modulo 32
.case rsh32_x_mask_1 => 0x40000080
    r0 = 0xdeadbeef80000101 ll
    r1 = 33
    w0 >>= w1
; rsh32 by 255: the count is taken modulo 32
.case rsh32_x_mask_2 => 0x1
    r0 = 0xdeadbeef80000101 ll
    r1 = 255
    w0 >>= w1
; arsh32 by 32: the count is taken modulo 32
.case arsh32_x_mask_0 => 0x80000101
    r0 = 0xdeadbeef80000101 ll
    r1 = 32
    w0 s>>= w1
; arsh32 by 33: the count is taken modulo 32
.case arsh32_x_mask_1 => 0xc0000080
    r0 = 0xdeadbeef80000101 ll
    r1 = 33
    w0 s>>= w1
; arsh32 by 255: the count is taken modulo 32
.case arsh32_x_mask_2 => 0xffffffff
    r0 = 0xdeadbeef80000101 ll
    r1 = 255
    w0 s>>= w1
; mov32 imm -1: zero-extended
.case mov32_k_0 => 0xffffffff
    r0 = 0xdeadbeef00000000 ll
    w0 = -1
; mov32 imm 2147483647: zero-extended
.case mov32_k_1 => 0x7fffffff
    r0 = 0xdeadbeef00000000 ll
    w0 = 2147483647
; mov32 imm 0: zero-extended
.case mov32_k_2 => 0x0
    r0 = 0xdeadbeef00000000 ll
    w0 = 0
; mov32 reg: the high half is cleared
.case mov32_x_0 => 0x89abcdef
    r1 = 0xdeadbeef89abcdef ll
    w0 = w1
; neg32 0x0
.case neg32_0 => 0x0
    r0 = 0
    w0 = -w0
; neg32 0x1
.case neg32_1 => 0xffffffff
    r0 = 1
    w0 = -w0
; neg32 0x80000000
.case neg32_2 => 0x80000000
    r0 = 0x80000000 ll
    w0 = -w0
; neg32 0xdeadbeef00000005
.case neg32_3 => 0xfffffffb
    r0 = 0xdeadbeef00000005 ll
    w0 = -w0
; movsx32 from 8 bits of 0xdeadbeef00000080: sign-extended to 32, zero-extended to 64
.case movsx32_8_0 => 0xffffff80
    r1 = 0xdeadbeef00000080 ll
    w0 = (s8)w1
; movsx32 from 8 bits of 0xdeadbeef0000017f: sign-extended to 32, zero-extended to 64
.case movsx32_8_1 => 0x7f
    r1 = 0xdeadbeef0000017f ll
    w0 = (s8)w1
; movsx32 from 16 bits of 0xdeadbeef00008000: sign-extended to 32, zero-extended to 64
.case movsx32_16_0 => 0xffff8000
    r1 = 0xdeadbeef00008000 ll
    w0 = (s16)w1
; movsx32 from 16 bits of 0xdeadbeef00017fff: sign-extended to 32, zero-extended to 64
.case movsx32_16_1 => 0x7fff
    r1 = 0xdeadbeef00017fff ll
    w0 = (s16)w1
