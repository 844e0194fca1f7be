// bpf_kptr_xchg, compiled by clang: ebcc does not emit BTF type tags, and a map value field is
// a kptr only when its pointer is tagged "kptr" (see kfuncs.test.ts). A referenced object
// stored in a map value's __kptr field is no longer the program's to release; the object
// taken out is.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

// libbpf matches each extern's prototype with the kernel's, where a declared but undefined
// struct is not compatible with a struct: it gets a body (only its name matters).
struct task_struct { int pid; };

extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
extern void *bpf_obj_new_impl(__u64 local_type_id, void *meta) __ksym;

/* A struct of the program's own, which a field of a kernel struct cannot hold. */
struct fake_task { int pid; };

struct task_slot { struct task_struct __attribute__((btf_type_tag("kptr"))) *task; };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct task_slot);
} stash SEC(".maps");

// @case kptr_stashed_and_old_released accept
SEC("tp_btf/task_newtask")
int kptr_stashed_and_old_released(__u64 *ctx)
{
	struct task_struct *task = (struct task_struct *)ctx[0];
	struct task_struct *t, *old;
	struct task_slot *s;
	__u32 key = 0;

	s = bpf_map_lookup_elem(&stash, &key);
	if (!s)
		return 0;
	t = bpf_task_acquire(task);
	if (!t)
		return 0;
	old = bpf_kptr_xchg(&s->task, t);
	if (old)
		bpf_task_release(old);
	return 0;
}

// @case kptr_old_not_released reject EINVAL "Unreleased reference"
SEC("tp_btf/task_newtask")
int kptr_old_not_released(__u64 *ctx)
{
	struct task_slot *s;
	__u32 key = 0;

	s = bpf_map_lookup_elem(&stash, &key);
	if (!s)
		return 0;
	bpf_kptr_xchg(&s->task, 0);
	return 0;
}

// @case kptr_stash_unacquired reject EINVAL "R2 must be referenced when passed to release function"
SEC("tp_btf/task_newtask")
int kptr_stash_unacquired(__u64 *ctx)
{
	struct task_struct *task = (struct task_struct *)ctx[0];
	struct task_struct *old;
	struct task_slot *s;
	__u32 key = 0;

	s = bpf_map_lookup_elem(&stash, &key);
	if (!s)
		return 0;
	old = bpf_kptr_xchg(&s->task, task);
	if (old)
		bpf_task_release(old);
	return 0;
}

// @case kptr_stash_own_object reject EACCES "invalid kptr access, R2 type=ptr_fake_task expected=ptr_task_struct"
SEC("tp_btf/task_newtask")
int kptr_stash_own_object(__u64 *ctx)
{
	struct fake_task *f;
	struct task_struct *old;
	struct task_slot *s;
	__u32 key = 0;

	s = bpf_map_lookup_elem(&stash, &key);
	if (!s)
		return 0;
	f = bpf_obj_new_impl(__builtin_btf_type_id(*(struct fake_task *)0, 0), 0);
	if (!f)
		return 0;
	old = bpf_kptr_xchg(&s->task, f);
	if (old)
		bpf_task_release(old);
	return 0;
}
