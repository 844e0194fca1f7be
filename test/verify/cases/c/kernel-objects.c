// Helpers that take or give kernel objects described by BTF, in C, compiled by ebcc: the local
// storage of a task or a cgroup (whose owner must be a pointer to that very struct), and
// bpf_find_vma, whose callback gets the task and a read-only vm_area_struct, and is explored
// like a loop's body until its states converge.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

struct task_struct;
struct cgroup;
// The first two fields of the kernel's struct (only what the callbacks below read).
struct vm_area_struct { unsigned long vm_start; unsigned long vm_end; };

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, __u64);
} task_counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_CGRP_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, __u64);
} cgrp_counts SEC(".maps");

// @case task_storage_of_current_task accept
SEC("raw_tp/sys_enter")
int task_storage_of_current_task(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();
	__u64 *n = bpf_task_storage_get(&task_counts, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);

	if (!n)
		return 0;
	*n += 1;
	return 0;
}

// @case task_storage_value_unchecked reject EACCES "invalid mem access 'map_value_or_null'"
SEC("raw_tp/sys_enter")
int task_storage_value_unchecked(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();
	__u64 *n = bpf_task_storage_get(&task_counts, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);

	*n += 1;
	return 0;
}

// @case cgrp_storage_owner_is_a_task reject EACCES "R2 is of type task_struct but cgroup is expected"
SEC("raw_tp/sys_enter")
int cgrp_storage_owner_is_a_task(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();

	bpf_cgrp_storage_get(&cgrp_counts, (struct cgroup *)task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	return 0;
}

// @case task_storage_owner_on_stack reject EACCES "R2 type=fp expected=ptr_"
SEC("raw_tp/sys_enter")
int task_storage_owner_on_stack(void *ctx)
{
	__u64 fake[4] = {};

	bpf_task_storage_get(&task_counts, (struct task_struct *)fake, 0, 0);
	return 0;
}

struct vma_ctx { __u64 n; __u64 fixed; };

static const volatile __u8 pick[2] = { 3, 5 };

static long read_vma(struct task_struct *task, struct vm_area_struct *vma, void *data)
{
	struct vma_ctx *c = data;

	c->fixed = vma->vm_end - vma->vm_start;
	return 0;
}

static long write_vma(struct task_struct *task, struct vm_area_struct *vma, void *data)
{
	vma->vm_end = vma->vm_start;
	return 0;
}

static long step_vma(struct task_struct *task, struct vm_area_struct *vma, void *data)
{
	struct vma_ctx *c = data;

	if (c->n == 0)
		c->n = 1;
	else if (c->n == 1)
		c->n = 30;
	return 0;
}

static long returns_three(struct task_struct *task, struct vm_area_struct *vma, void *data)
{
	return 3;
}

// @case find_vma_callback_reads accept
SEC("raw_tp/sys_enter")
int find_vma_callback_reads(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct vma_ctx c = {};

	bpf_find_vma(task, 0, read_vma, &c, 0);
	return c.fixed != 0;
}

// @case find_vma_callback_writes_vma reject EACCES "only read is supported"
SEC("raw_tp/sys_enter")
int find_vma_callback_writes_vma(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct vma_ctx c = {};

	bpf_find_vma(task, 0, write_vma, &c, 0);
	return 0;
}

// @case find_vma_state_machine_index reject EACCES "invalid access to map value"
SEC("raw_tp/sys_enter")
int find_vma_state_machine_index(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct vma_ctx c = {};

	bpf_find_vma(task, 0, step_vma, &c, 0);
	return pick[c.n];
}

// @case find_vma_state_machine_masked accept
SEC("raw_tp/sys_enter")
int find_vma_state_machine_masked(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct vma_ctx c = {};

	bpf_find_vma(task, 0, step_vma, &c, 0);
	return pick[c.n & 1];
}

// @case find_vma_callback_returns_three reject EINVAL "At callback return the register"
SEC("raw_tp/sys_enter")
int find_vma_callback_returns_three(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();

	bpf_find_vma(task, 0, returns_three, 0, 0);
	return 0;
}

// @case find_vma_task_on_stack reject EACCES "R1 type=fp expected=ptr_"
SEC("raw_tp/sys_enter")
int find_vma_task_on_stack(void *ctx)
{
	__u64 fake[4] = {};

	bpf_find_vma((struct task_struct *)fake, 0, read_vma, 0, 0);
	return 0;
}
