; "Dual BSD/GPL" is GPL compatible.
.license "Dual BSD/GPL"

@case dual_trace_printk accept
.prog p kprobe/do_sys_open
        r1 = 0x000a6968
        *(u64 *)(r10 -8) = r1
        r1 = r10
        r1 += -8
        r2 = 4
        call bpf_trace_printk
        r0 = 0
        exit

@case dual_probe_read_kernel accept
.prog p kprobe/do_sys_open
        r1 = r10
        r1 += -8
        r2 = 8
        r3 = 0
        call bpf_probe_read_kernel
        r0 = 0
        exit
