; Kernel objects described by BTF: the current task from bpf_get_current_task_btf(), and the
; arguments of programs whose context is typed by the kernel's BTF (tp_btf, fentry, lsm, ...).
; ebcc has no kernel BTF: an argument of such a context may be read through (it may be a
; pointer to a kernel struct), and so may an 8-byte field read from one.
.license "GPL"

@case current_task_btf_is_not_null accept
.prog p kprobe/do_sys_open
        call bpf_get_current_task_btf
        r0 = *(u64 *)(r0 +0)
        r0 = 0
        exit

@case current_task_btf_write reject EACCES "only read is supported"
.prog p kprobe/do_sys_open
        call bpf_get_current_task_btf
        r1 = 0
        *(u64 *)(r0 +0) = r1
        r0 = 0
        exit

@case current_task_integer_read_through reject EACCES "R0 invalid mem access 'scalar'"
.prog p kprobe/do_sys_open
        call bpf_get_current_task
        r0 = *(u64 *)(r0 +0)
        r0 = 0
        exit

@case tp_btf_task_argument_read accept
.prog p tp_btf/sched_switch
        r2 = *(u64 *)(r1 +8)
        r0 = *(u64 *)(r2 +0)
        r0 = 0
        exit

@case tp_btf_task_argument_moved_read accept
.prog p tp_btf/sched_switch
        r2 = *(u64 *)(r1 +8)
        r2 += 8
        r0 = *(u64 *)(r2 +0)
        r0 = 0
        exit

@case tp_btf_task_argument_write reject EACCES "only read is supported"
.prog p tp_btf/sched_switch
        r2 = *(u64 *)(r1 +8)
        r3 = 1
        *(u64 *)(r2 +0) = r3
        r0 = 0
        exit

@case tp_btf_integer_argument_arithmetic accept
.prog p tp_btf/sched_switch
        r2 = *(u64 *)(r1 +0)
        r2 <<= 3
        r2 &= 8
        r0 = 0
        exit

@case tp_btf_integer_argument_read_through reject EACCES "R2 invalid mem access 'scalar'"
.prog p tp_btf/sched_switch
        r2 = *(u64 *)(r1 +0)
        r0 = *(u64 *)(r2 +0)
        r0 = 0
        exit

@case tp_btf_socket_cookie_of_argument accept
.prog p tp_btf/tcp_probe
        r1 = *(u64 *)(r1 +0)
        call bpf_get_socket_cookie
        r0 = 0
        exit

@case tp_btf_socket_cookie_of_context reject EACCES "R1 type=ctx expected=sock_common, sock, tcp_sock, xdp_sock, ptr_, trusted_ptr_"
.prog p tp_btf/tcp_probe
        call bpf_get_socket_cookie
        r0 = 0
        exit

; An iterator's context: `meta` is never NULL, the object after it (here the task) may be.
@case iter_meta_read accept
.prog p iter/task
        r2 = *(u64 *)(r1 +0)
        r0 = *(u64 *)(r2 +0)
        r0 = 0
        exit

@case iter_task_read_unchecked reject EACCES "R2 invalid mem access 'trusted_ptr_or_null_'"
.prog p iter/task
        r2 = *(u64 *)(r1 +8)
        r0 = *(u32 *)(r2 +0)
        r0 = 0
        exit

@case iter_task_read_after_null_check accept
.prog p iter/task
        r2 = *(u64 *)(r1 +8)
        if r2 == 0 goto out
        r0 = *(u32 *)(r2 +0)
out:
        r0 = 0
        exit

@case iter_task_copy_read_after_null_check accept
.prog p iter/task
        r2 = *(u64 *)(r1 +8)
        r3 = r2
        if r2 == 0 goto out
        r0 = *(u32 *)(r3 +0)
out:
        r0 = 0
        exit

@case iter_task_read_on_null_branch reject EACCES "R2 invalid mem access 'scalar'"
.prog p iter/task
        r2 = *(u64 *)(r1 +8)
        if r2 != 0 goto out
        r0 = *(u32 *)(r2 +0)
out:
        r0 = 0
        exit

@case iter_task_moved_before_null_check reject EACCES "R2 pointer arithmetic on trusted_ptr_or_null_ prohibited, null-check it first"
.prog p iter/task
        r2 = *(u64 *)(r1 +8)
        r2 += 16
        if r2 == 0 goto out
        r0 = *(u32 *)(r2 +0)
out:
        r0 = 0
        exit

@case iter_task_moved_after_null_check accept
.prog p iter/task
        r2 = *(u64 *)(r1 +8)
        if r2 == 0 goto out
        r2 += 16
        r0 = *(u32 *)(r2 +0)
out:
        r0 = 0
        exit

; A kernel pointer may be moved by constants only: moved by a variable amount, nothing may be
; read through it (check_ptr_to_btf_access: "invalid variable offset"); if the argument was a
; number, reading through it is refused as well.
@case tp_btf_task_argument_moved_by_variable reject EACCES "R6 is ptr_task_struct invalid variable offset: off=0, var_off=(0x0; 0x7)"
.prog p tp_btf/sched_switch
        r6 = *(u64 *)(r1 +8)
        call bpf_get_prandom_u32
        r0 &= 7
        r6 += r0
        r0 = *(u32 *)(r6 +0)
        r0 = 0
        exit

@case tp_btf_integer_argument_plus_variable accept
.prog p tp_btf/sched_switch
        r6 = *(u64 *)(r1 +0)
        call bpf_get_prandom_u32
        r0 &= 7
        r6 += r0
        if r6 > 10 goto out
out:    r0 = 0
        exit

@case current_task_btf_moved_by_variable reject EACCES "R6 is ptr_task_struct invalid variable offset: off=0, var_off=(0x0; 0x7)"
.prog p kprobe/do_sys_open
        call bpf_get_current_task_btf
        r6 = r0
        call bpf_get_prandom_u32
        r0 &= 7
        r6 += r0
        r0 = *(u32 *)(r6 +0)
        r0 = 0
        exit

@case current_task_btf_moved_by_constant accept
.prog p kprobe/do_sys_open
        call bpf_get_current_task_btf
        r0 += 16
        r0 = *(u32 *)(r0 +0)
        r0 = 0
        exit
