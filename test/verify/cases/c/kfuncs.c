// Kernel functions (kfuncs) in C, compiled by ebcc: references acquired and released, NULL
// checks of what may be NULL, trusted arguments, the program types a kfunc is offered to, and
// the RCU and preemption regions that must be closed before the exit.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

// libbpf matches each extern's prototype with the kernel's, where a declared but undefined
// struct is not compatible with a struct: each gets a body (only its name matters).
struct task_struct { int pid; };
struct cgroup { int level; };
struct cpumask { unsigned long bits[1]; };
struct bpf_cpumask { struct cpumask cpumask; };

extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
extern struct task_struct *bpf_task_from_pid(int pid) __ksym;
extern struct cgroup *bpf_cgroup_from_id(__u64 cgid) __ksym;
extern void bpf_cgroup_release(struct cgroup *cgrp) __ksym;
extern struct bpf_cpumask *bpf_cpumask_create(void) __ksym;
extern void bpf_cpumask_release(struct bpf_cpumask *cpumask) __ksym;
extern void bpf_cpumask_set_cpu(__u32 cpu, struct bpf_cpumask *cpumask) __ksym;
extern int bpf_cpumask_test_cpu(__u32 cpu, const struct cpumask *cpumask) __ksym;
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;
extern void bpf_preempt_disable(void) __ksym;
extern void bpf_preempt_enable(void) __ksym;

// @case task_acquire_checked_released accept
SEC("tp_btf/task_newtask")
int task_acquire_checked_released(__u64 *ctx)
{
	struct task_struct *task = (struct task_struct *)ctx[0];
	struct task_struct *t = bpf_task_acquire(task);

	if (!t)
		return 0;
	bpf_task_release(t);
	return 0;
}

// @case task_acquire_not_released reject EINVAL "Unreleased reference"
SEC("tp_btf/task_newtask")
int task_acquire_not_released(__u64 *ctx)
{
	struct task_struct *task = (struct task_struct *)ctx[0];
	struct task_struct *t = bpf_task_acquire(task);

	if (!t)
		return 0;
	return 1;
}

// @case task_acquire_released_unchecked reject EACCES "Possibly NULL pointer passed to trusted arg0"
SEC("tp_btf/task_newtask")
int task_acquire_released_unchecked(__u64 *ctx)
{
	struct task_struct *task = (struct task_struct *)ctx[0];
	struct task_struct *t = bpf_task_acquire(task);

	bpf_task_release(t);
	return 0;
}

// @case task_release_unacquired reject EINVAL "release kernel function bpf_task_release expects refcounted PTR_TO_BTF_ID"
SEC("tp_btf/task_newtask")
int task_release_unacquired(__u64 *ctx)
{
	struct task_struct *task = (struct task_struct *)ctx[0];

	bpf_task_release(task);
	return 0;
}

// @case task_released_twice reject EINVAL "arg#0 pointer type STRUCT task_struct must point to scalar, or struct with scalar"
SEC("tp_btf/task_newtask")
int task_released_twice(__u64 *ctx)
{
	struct task_struct *task = (struct task_struct *)ctx[0];
	struct task_struct *t = bpf_task_acquire(task);

	if (!t)
		return 0;
	bpf_task_release(t);
	bpf_task_release(t);
	return 0;
}

// @case task_from_pid_released_on_every_path accept
SEC("tp_btf/task_newtask")
int task_from_pid_released_on_every_path(__u64 *ctx)
{
	struct task_struct *t = bpf_task_from_pid((int)ctx[1]);

	if (!t)
		return 0;
	if (ctx[1] & 1) {
		bpf_task_release(t);
		return 1;
	}
	bpf_task_release(t);
	return 0;
}

// @case task_from_pid_in_raw_tracepoint reject EACCES "calling kernel function bpf_task_from_pid is not allowed"
SEC("raw_tp/task_newtask")
int task_from_pid_in_raw_tracepoint(void *ctx)
{
	struct task_struct *t = bpf_task_from_pid(1);

	if (t)
		bpf_task_release(t);
	return 0;
}

// @case cgroup_from_id_in_tc accept
SEC("tc")
int cgroup_from_id_in_tc(struct __sk_buff *skb)
{
	struct cgroup *cg = bpf_cgroup_from_id(1);

	if (cg)
		bpf_cgroup_release(cg);
	return 0;
}

// @case cpumask_created_set_tested accept
SEC("tp_btf/task_newtask")
int cpumask_created_set_tested(__u64 *ctx)
{
	struct bpf_cpumask *m = bpf_cpumask_create();
	int r;

	if (!m)
		return 0;
	bpf_cpumask_set_cpu(0, m);
	r = bpf_cpumask_test_cpu(0, (const struct cpumask *)m);
	bpf_cpumask_release(m);
	return r;
}

// @case cpumask_set_unchecked reject EACCES "Possibly NULL pointer passed to trusted arg1"
SEC("tp_btf/task_newtask")
int cpumask_set_unchecked(__u64 *ctx)
{
	struct bpf_cpumask *m = bpf_cpumask_create();

	bpf_cpumask_set_cpu(0, m);
	if (m)
		bpf_cpumask_release(m);
	return 0;
}

// @case cpumask_in_tc reject EACCES "calling kernel function bpf_cpumask_create is not allowed"
SEC("tc")
int cpumask_in_tc(struct __sk_buff *skb)
{
	struct bpf_cpumask *m = bpf_cpumask_create();

	if (m)
		bpf_cpumask_release(m);
	return 0;
}

// @case rcu_region_closed accept
SEC("tc")
int rcu_region_closed(struct __sk_buff *skb)
{
	bpf_rcu_read_lock();
	bpf_rcu_read_unlock();
	return 0;
}

// @case rcu_region_left_open reject EINVAL "bpf_rcu_read_lock-ed region"
SEC("tc")
int rcu_region_left_open(struct __sk_buff *skb)
{
	bpf_rcu_read_lock();
	if (skb->len > 100)
		return 0;
	bpf_rcu_read_unlock();
	return 0;
}

// @case rcu_unlock_unmatched reject EINVAL "unmatched rcu read unlock (kernel function bpf_rcu_read_unlock)"
SEC("tc")
int rcu_unlock_unmatched(struct __sk_buff *skb)
{
	bpf_rcu_read_unlock();
	return 0;
}

// @case preemption_enabled_again accept
SEC("tc")
int preemption_enabled_again(struct __sk_buff *skb)
{
	bpf_preempt_disable();
	bpf_preempt_enable();
	return 0;
}

// @case preemption_left_disabled reject EINVAL "BPF_EXIT instruction in main prog cannot be used inside bpf_preempt_disable-ed region"
SEC("tc")
int preemption_left_disabled(struct __sk_buff *skb)
{
	bpf_preempt_disable();
	if (skb->len > 100)
		bpf_preempt_enable();
	return 0;
}

// Open-coded iterators: a loop over bpf_iter_num converges though its sum changes on every
// iteration, the iterator is a reference that must be destroyed, and its element may be NULL.
struct bpf_iter_num { __u64 opaque[1]; } __attribute__((aligned(8)));

extern int bpf_iter_num_new(struct bpf_iter_num *it, int start, int end) __ksym;
extern int *bpf_iter_num_next(struct bpf_iter_num *it) __ksym;
extern void bpf_iter_num_destroy(struct bpf_iter_num *it) __ksym;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} sums SEC(".maps");

// @case iter_num_sum accept
SEC("raw_tp/sys_enter")
int iter_num_sum(void *ctx)
{
	struct bpf_iter_num it;
	__u64 sum = 0;
	__u32 key = 0;
	__u64 *v;
	int *n;

	bpf_iter_num_new(&it, 0, 100);
	while ((n = bpf_iter_num_next(&it)))
		sum += *n;
	bpf_iter_num_destroy(&it);
	v = bpf_map_lookup_elem(&sums, &key);
	if (v)
		*v = sum;
	return 0;
}

// @case iter_num_not_destroyed reject EINVAL "Unreleased reference"
SEC("raw_tp/sys_enter")
int iter_num_not_destroyed(void *ctx)
{
	struct bpf_iter_num it;
	int *n;
	int last = 0;

	bpf_iter_num_new(&it, 0, 10);
	while ((n = bpf_iter_num_next(&it)))
		last = *n;
	return last;
}

// @case iter_num_next_without_new reject EINVAL "expected an initialized iter_num as arg #0"
SEC("raw_tp/sys_enter")
int iter_num_next_without_new(void *ctx)
{
	struct bpf_iter_num it;

	it.opaque[0] = 0;
	bpf_iter_num_next(&it);
	return 0;
}

// @case iter_num_created_twice reject EINVAL "expected uninitialized iter_num as arg #0"
SEC("raw_tp/sys_enter")
int iter_num_created_twice(void *ctx)
{
	struct bpf_iter_num it;

	bpf_iter_num_new(&it, 0, 10);
	bpf_iter_num_new(&it, 0, 10);
	bpf_iter_num_destroy(&it);
	return 0;
}

// @case iter_num_element_unchecked reject EACCES "invalid mem access 'scalar'"
SEC("raw_tp/sys_enter")
int iter_num_element_unchecked(void *ctx)
{
	struct bpf_iter_num it;
	int *n;
	int r;

	bpf_iter_num_new(&it, 0, 10);
	n = bpf_iter_num_next(&it);
	r = *n;
	bpf_iter_num_destroy(&it);
	return r;
}
