// bpf_rdonly_cast: any value seen as a pointer to a kernel struct, named by its kernel BTF id
// (libbpf relocates __builtin_btf_type_id(..., 1) to it). The result is untrusted: it may be
// read, also through the pointers it holds, but not written, and no helper or kfunc that wants
// a kernel object takes it.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

extern void *bpf_rdonly_cast(const void *obj, __u32 btf_id) __ksym;

// Only the names of the kernel's structs matter to the type id; the fields are relocated.
struct task_struct {
	int pid;
	struct task_struct *real_parent;
} __attribute__((preserve_access_index));

#define kernel_type_id(T) __builtin_btf_type_id(*(T *)0, 1)
#define cast_to(p, T) ((T *)bpf_rdonly_cast((void *)(p), kernel_type_id(T)))

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, __u64);
} counts SEC(".maps");

// @case cast_integer_read accept
SEC("raw_tp/sys_enter")
int cast_integer_read(void *ctx)
{
	struct task_struct *t = cast_to(bpf_get_current_task(), struct task_struct);

	return t->pid & 1;
}

// @case cast_walk_read accept
SEC("raw_tp/sys_enter")
int cast_walk_read(void *ctx)
{
	struct task_struct *t = cast_to(bpf_get_current_task(), struct task_struct);

	return t->real_parent->pid & 1;
}

// @case cast_write reject EACCES "only read is supported"
SEC("raw_tp/sys_enter")
int cast_write(void *ctx)
{
	struct task_struct *t = cast_to(bpf_get_current_task(), struct task_struct);

	t->pid = 0;
	return 0;
}

// @case cast_to_int reject EINVAL "kfunc bpf_rdonly_cast type ID argument must be of a struct or void"
SEC("raw_tp/sys_enter")
int cast_to_int(void *ctx)
{
	int *p = cast_to(bpf_get_current_task(), int);

	return *p & 1;
}

// @case cast_given_to_helper reject EACCES "R2 type=untrusted_ptr_ expected=ptr_, trusted_ptr_, rcu_ptr_"
SEC("raw_tp/sys_enter")
int cast_given_to_helper(void *ctx)
{
	struct task_struct *t = cast_to(bpf_get_current_task_btf(), struct task_struct);

	bpf_task_storage_get(&counts, t, 0, 0);
	return 0;
}

// @case cast_walked_given_to_helper reject EACCES "R2 type=untrusted_ptr_ expected=ptr_, trusted_ptr_, rcu_ptr_"
SEC("raw_tp/sys_enter")
int cast_walked_given_to_helper(void *ctx)
{
	struct task_struct *t = cast_to(bpf_get_current_task_btf(), struct task_struct);

	bpf_task_storage_get(&counts, t->real_parent, 0, 0);
	return 0;
}
