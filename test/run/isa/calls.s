; BPF-to-BPF calls: arguments in r1-r5, the result in r0, r6-r9 kept for the caller, and a stack
; frame (r10) of the callee's own.
.case call_add => 0x70
    r1 = 5
    r2 = 7
    call add2
    r0 += 100
.func add2 args=2
    r0 = r1
    r0 += r2
    exit
.case call_five_args => 0xd431
    r1 = 1
    r2 = 2
    r3 = 3
    r4 = 4
    r5 = 5
    call weigh
.func weigh args=5
    r0 = r1
    r2 *= 10
    r0 += r2
    r3 *= 100
    r0 += r3
    r4 *= 1000
    r0 += r4
    r5 *= 10000
    r0 += r5
    exit
.case call_keeps_r6_to_r9 => 0x2a6
    r6 = 6
    r7 = 7
    r8 = 8
    call clobber
    r0 = r6
    r0 *= 10
    r0 += r7
    r0 *= 10
    r0 += r8
.func clobber
    r6 = 60
    r7 = 70
    r8 = 80
    r9 = 90
    r0 = 0
    exit
.case call_own_stack => 0x1b276
    r1 = 111
    *(u64 *)(r10 -8) = r1
    call scribble
    r1 = *(u64 *)(r10 -8)
    r1 *= 1000
    r0 += r1
.func scribble
    r1 = 222
    *(u64 *)(r10 -8) = r1
    r0 = *(u64 *)(r10 -8)
    exit
.case call_pointer_to_caller_stack => 0x9
    r1 = 3
    *(u64 *)(r10 -16) = r1
    r1 = r10
    r1 += -16
    call triple
    r0 = *(u64 *)(r10 -16)
.func triple args=1
    r2 = *(u64 *)(r1 +0)
    r2 *= 3
    *(u64 *)(r1 +0) = r2
    r0 = 0
    exit
.case call_nested => 0x12
    r1 = 2
    call outer
.func outer args=1
    r6 = r1
    r1 += 1
    call inner
    r0 *= r6
    exit
.func inner args=1
    r0 = r1
    r0 *= r1
    exit
.case call_returns_64 => 0x1122334455667788
    call big
.func big
    r0 = 0x1122334455667788 ll
    exit
.case call_twice => 0xc
    r1 = 10
    call add_one
    r1 = r0
    call add_one
.func add_one args=1
    r0 = r1
    r0 += 1
    exit
.case call_global_func => 0x2a
    r1 = 40
    call gadd
.func gadd args=1 global
    r0 = r1
    r0 += 2
    exit
