// Reads through a kernel pointer that BTF describes (a tp_btf argument): they must stay inside
// the struct it points to and inside one member of it, checked against the kernel's own layout
// of the struct. The struct below lists only the fields used; CO-RE moves them to where the
// running kernel has them.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

struct task_struct {
	int pid;
	char comm[16];
	struct task_struct *real_parent;
} __attribute__((preserve_access_index));

#define TASK(ctx) ((struct task_struct *)(ctx)[0])

// @case comm_whole accept
SEC("tp_btf/task_newtask")
int comm_whole(__u64 *ctx)
{
	return bpf_strncmp(TASK(ctx)->comm, sizeof(TASK(ctx)->comm), "init") == 0;
}

// @case comm_one_byte_too_many reject EACCES "access beyond the end of member comm"
SEC("tp_btf/task_newtask")
int comm_one_byte_too_many(__u64 *ctx)
{
	return bpf_strncmp(TASK(ctx)->comm, sizeof(TASK(ctx)->comm) + 1, "init") == 0;
}

// @case comm_tail accept
SEC("tp_btf/task_newtask")
int comm_tail(__u64 *ctx)
{
	return bpf_strncmp(TASK(ctx)->comm + 8, 8, "init") == 0;
}

// @case comm_tail_too_long reject EACCES "access beyond the end of member comm"
SEC("tp_btf/task_newtask")
int comm_tail_too_long(__u64 *ctx)
{
	return bpf_strncmp(TASK(ctx)->comm + 8, 9, "init") == 0;
}

// @case parent_pid accept
SEC("tp_btf/task_newtask")
int parent_pid(__u64 *ctx)
{
	return TASK(ctx)->real_parent->pid & 1;
}

// @case half_a_pointer reject EACCES "cannot access ptr member real_parent"
SEC("tp_btf/task_newtask")
int half_a_pointer(__u64 *ctx)
{
	volatile __u32 *p = (volatile __u32 *)&TASK(ctx)->real_parent;

	return *p & 1;
}

// @case before_the_struct reject EACCES "invalid negative access: off=-8"
SEC("tp_btf/task_newtask")
int before_the_struct(__u64 *ctx)
{
	volatile long *p = (volatile long *)TASK(ctx);

	return p[-1] & 1;
}

// @case before_the_struct_moved reject EACCES "invalid negative access: off=-8"
SEC("tp_btf/task_newtask")
int before_the_struct_moved(__u64 *ctx)
{
	volatile long *p = (volatile long *)TASK(ctx);

	/* The pointer itself moved back, then read at offset 0. */
	asm volatile("%0 += -8" : "+r"(p));
	return *p & 1;
}

// @case past_the_struct reject EACCES "access beyond struct task_struct at off 1048576 size 8"
SEC("tp_btf/task_newtask")
int past_the_struct(__u64 *ctx)
{
	volatile char *p = (volatile char *)TASK(ctx);

	return *(volatile long *)(p + (1 << 20)) & 1;
}

// @case pid_is_a_number reject EACCES "invalid mem access 'scalar'"
SEC("tp_btf/task_newtask")
int pid_is_a_number(__u64 *ctx)
{
	volatile long *p = (volatile long *)(long)TASK(ctx)->pid;

	return *p & 1;
}
