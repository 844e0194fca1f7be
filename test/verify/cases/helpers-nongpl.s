; Programs without a GPL-compatible licence may not call GPL-only helpers.
.license "MIT"
.map arr array key=4 value=8 entries=1

@case mit_trace_printk reject EINVAL "cannot call GPL-restricted function from non-GPL compatible program"
.prog p kprobe/do_sys_open
        r1 = 0x000a6968
        *(u64 *)(r10 -8) = r1
        r1 = r10
        r1 += -8
        r2 = 4
        call bpf_trace_printk
        r0 = 0
        exit

@case mit_probe_read_kernel reject EINVAL "cannot call GPL-restricted function from non-GPL compatible program"
.prog p kprobe/do_sys_open
        r1 = r10
        r1 += -8
        r2 = 8
        r3 = 0
        call bpf_probe_read_kernel
        r0 = 0
        exit

@case mit_map_lookup accept
.prog p kprobe/do_sys_open
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[arr]
        call bpf_map_lookup_elem
        r0 = 0
        exit

@case mit_get_current_pid_tgid accept
.prog p kprobe/do_sys_open
        call bpf_get_current_pid_tgid
        r0 = 0
        exit

@case mit_ktime_get_ns accept
.prog p socket
        call bpf_ktime_get_ns
        r0 = 0
        exit

@case mit_skb_load_bytes accept
.prog p socket
        r2 = 0
        r3 = r10
        r3 += -8
        r4 = 4
        call bpf_skb_load_bytes
        r0 = 0
        exit

@case mit_get_stack reject EINVAL "cannot call GPL-restricted function from non-GPL compatible program"
.prog p kprobe/do_sys_open
        r2 = r10
        r2 += -64
        r3 = 64
        r4 = 0
        call bpf_get_stack
        r0 = 0
        exit

@case mit_get_current_task reject EINVAL "cannot call GPL-restricted function from non-GPL compatible program"
.prog p kprobe/do_sys_open
        call bpf_get_current_task
        r0 = 0
        exit

@case mit_send_signal accept
.prog p kprobe/do_sys_open
        r1 = 9
        call bpf_send_signal
        r0 = 0
        exit
