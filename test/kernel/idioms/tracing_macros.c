// The macros of <bpf/bpf_tracing.h> and <bpf/bpf_core_read.h>: programs whose arguments are
// declared with BPF_PROG, BPF_PROG2, BPF_KPROBE, BPF_KRETPROBE and BPF_KSYSCALL, register reads with
// PT_REGS_*, and field chains read with BPF_CORE_READ. Built with -Werror: the macros pass the
// context words to typed parameters under the int-conversion pragma, as clang builds them.
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

struct leaf {
	int pad;
	unsigned int level : 3;
	int delta : 5;
	long long weight;
};

struct branch {
	char tag;
	struct leaf *leaf;
};

struct trunk {
	long long height;
	struct branch *branch;
	struct leaf spare[2];
};

// A flavour of the kernel's task_struct (libbpf matches it by the name before "___"): one field
// every kernel has, one none has.
struct task_struct___mine {
	int pid;
	int not_in_any_kernel;
} __attribute__((preserve_access_index));

// raw_tp programs get their arguments as 64-bit words: the test runs them with chosen words.
SEC("raw_tp/sys_enter")
int BPF_PROG(scale_id, struct pt_regs *regs, long id)
{
	return (int)(id * 3 + (regs != 0));
}

SEC("raw_tp/sys_exit")
int BPF_PROG(mixed_words, void *ptr, unsigned int low, long long whole, unsigned char byte)
{
	if (!ptr)
		return -1;
	return (int)(low + whole + byte);
}

/* bpf_printk returns the length of the line: "%d" of the word's low half. */
SEC("raw_tp/sys_enter")
int BPF_PROG(print_low_half, long word)
{
	return bpf_printk("%d", (int)word);
}

/* A word copied with bpf_probe_read_kernel() is a number: its int is its low half as it is.
 * The upper half of the word, shifted down, is already a u32. */
SEC("raw_tp/sys_enter")
int BPF_PROG(read_low_int, long word)
{
	long long copy = word, got = 0;
	__u32 hi = (unsigned long long)word >> 32;
	int v;

	bpf_probe_read_kernel(&got, sizeof(got), &copy);
	v = got;
	if (v < 0)
		return -1;
	return (int)((long long)v * 100000 + hi);
}

SEC("raw_tp/sys_enter")
int BPF_PROG(no_args)
{
	return 7;
}

/* BPF_PROG2 declares each argument as a type and a name: a 16-byte struct by value takes words 0
 * and 1, the int word 2, an 8-byte struct word 3, the long word 4. */
struct wide_pair {
	long long lo;
	long long hi;
};

struct narrow_pair {
	int a;
	short b;
};

SEC("raw_tp/sys_enter")
int BPF_PROG2(typed_words, struct wide_pair, wide, int, k, struct narrow_pair, narrow, long, last)
{
	return (int)(wide.lo * 1000 + wide.hi * 100 + k * 10 + narrow.a + narrow.b + last);
}

SEC("raw_tp/sys_enter")
int BPF_PROG2(no_args2)
{
	return 9;
}

// A chain of pointers in the program's own stack, read back one pointer at a time with
// bpf_probe_read_kernel() as BPF_CORE_READ does with kernel pointers.
SEC("raw_tp/sys_enter")
int BPF_PROG(read_chain, void *unused, long weight)
{
	struct leaf leaf = { .level = 5, .delta = -3, .weight = weight };
	struct branch branch = { .tag = 1, .leaf = &leaf };
	struct trunk trunk = { .height = 40, .branch = &branch };
	struct trunk *t = &trunk;
	struct leaf *found = 0;
	long long w = BPF_CORE_READ(t, branch, leaf, weight);
	long long h = BPF_PROBE_READ(t, height);
	int got = BPF_CORE_READ_INTO(&found, t, branch, leaf);
	unsigned long long level = BPF_CORE_READ_BITFIELD_PROBED(found, level);
	long long delta = (long long)BPF_CORE_READ_BITFIELD(&leaf, delta);

	if (got != 0 || found != &leaf)
		return -2;
	// 1000 * weight + height + 100 * level + delta, the compile-time field facts, and whether
	// fields exist, which the loader asks the running kernel, as with clang: it has no struct
	// trunk, so no trunk.branch either.
	return (int)(w * 1000 + h + level * 100 + delta) +
	       (bpf_core_field_exists(t->branch) ? 1000000 : 0) +
	       (bpf_core_field_offset(struct trunk, spare[1].weight) == 40 ? 0 : 2000000) +
	       (bpf_core_field_size(struct leaf, weight) == 8 ? 0 : 4000000) +
	       (bpf_core_type_size(struct branch) == 16 ? 0 : 8000000) +
	       (bpf_core_field_exists(struct task_struct___mine, pid) ? 0 : 16000000) +
	       (bpf_core_field_exists(struct task_struct___mine, not_in_any_kernel) ? 32000000 : 0);
}

// Register frames: these load (the kernel checks the context offsets) but cannot be test-run.
SEC("kprobe/do_nanosleep")
int BPF_KPROBE(sleep_entry, void *timer, int mode)
{
	unsigned long ret_ip = 0;

	BPF_KPROBE_READ_RET_IP(ret_ip, ctx);
	return mode + (ret_ip != 0) + (timer != 0) + (PT_REGS_PARM3_CORE(ctx) != 0) + (PT_REGS_IP(ctx) != 0);
}

SEC("kretprobe/do_nanosleep")
int BPF_KRETPROBE(sleep_exit, int ret)
{
	return ret < 0;
}

SEC("ksyscall/nanosleep")
int BPF_KSYSCALL(sleep_call, void *req, void *rem)
{
	return req == rem;
}

char LICENSE[] SEC("license") = "GPL";
