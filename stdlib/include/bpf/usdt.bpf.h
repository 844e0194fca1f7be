/* ebcc freestanding header <bpf/usdt.bpf.h>: programs attached to USDT probes
 * (user-space statically defined tracepoints) with libbpf, written for ebcc
 * from the documented behaviour of libbpf's USDT support.
 *
 * When libbpf attaches a SEC("usdt/...") program it parses each probe's
 * argument notes ("-4@%eax", "8@-16(%rbp)", "4@$5") into a spec and stores it
 * in the array map __bpf_usdt_specs, at an index it passes to the program as
 * the BPF cookie (or, on kernels without cookies, through the hash map
 * __bpf_usdt_ip_to_spec_id keyed by the probe's address). The program reads
 * argument N with bpf_usdt_arg(): a constant, a register of struct pt_regs,
 * or memory at a register plus an offset, then widened to 64 bits, signed or
 * not. The maps' names and the spec layout are libbpf's interface between
 * its user-space and BPF halves; both maps are __weak so that several objects
 * linked together share one pair. */
#ifndef __EBCC_USDT_BPF_H
#define __EBCC_USDT_BPF_H
#define __USDT_BPF_H__

#include <linux/errno.h>
#ifndef __VMLINUX_H__
#include <linux/bpf.h> /* the map types and struct pt_regs; a vmlinux.h included first has them */
#include <linux/ptrace.h>
#endif
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

/* How many specs and probe addresses the maps hold (a program may define
 * larger ones before including this header). */
#ifndef BPF_USDT_MAX_SPEC_CNT
#define BPF_USDT_MAX_SPEC_CNT 256
#endif
#ifndef BPF_USDT_MAX_IP_CNT
#define BPF_USDT_MAX_IP_CNT (4 * BPF_USDT_MAX_SPEC_CNT)
#endif
/* A probe has at most 12 arguments. */
#define BPF_USDT_MAX_ARG_CNT 12

/* Where an argument is: the value itself, a register, or memory that a
 * register points at (plus val_off). */
enum __bpf_usdt_arg_type {
	BPF_USDT_ARG_CONST,
	BPF_USDT_ARG_REG,
	BPF_USDT_ARG_REG_DEREF,
};

/* 16 bytes per argument, as libbpf writes them. */
struct __bpf_usdt_arg_spec {
	__u64 val_off;                       /* the constant, or the memory offset */
	enum __bpf_usdt_arg_type arg_type;
	short reg_off;                       /* the register's offset in struct pt_regs */
	_Bool arg_signed;                    /* sign-extend when widening */
	char arg_bitshift;                   /* 64 minus the argument's size in bits */
};

struct __bpf_usdt_spec {
	struct __bpf_usdt_arg_spec args[BPF_USDT_MAX_ARG_CNT];
	__u64 usdt_cookie;                   /* the cookie the user gave libbpf */
	short arg_cnt;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, BPF_USDT_MAX_SPEC_CNT);
	__type(key, int);
	__type(value, struct __bpf_usdt_spec);
} __bpf_usdt_specs SEC(".maps") __weak;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, BPF_USDT_MAX_IP_CNT);
	__type(key, long);
	__type(value, __u32);
} __bpf_usdt_ip_to_spec_id SEC(".maps") __weak;

/* libbpf sets this to whether the kernel passes BPF cookies to probes (5.15). */
extern const _Bool LINUX_HAS_BPF_COOKIE __kconfig;

/* The index of this probe's spec in __bpf_usdt_specs, or -ESRCH. */
static __always_inline int __bpf_usdt_spec_id(struct pt_regs *ctx)
{
	if (LINUX_HAS_BPF_COOKIE)
		return bpf_get_attach_cookie(ctx);
	long ip = PT_REGS_IP(ctx);
	int *id = bpf_map_lookup_elem(&__bpf_usdt_ip_to_spec_id, &ip);
	return id ? *id : -ESRCH;
}

static __always_inline struct __bpf_usdt_spec *__bpf_usdt_spec(struct pt_regs *ctx)
{
	int id = __bpf_usdt_spec_id(ctx);
	if (id < 0)
		return 0;
	return bpf_map_lookup_elem(&__bpf_usdt_specs, &id);
}

/* The number of arguments the probe has, or -ESRCH. */
static __always_inline int bpf_usdt_arg_cnt(struct pt_regs *ctx)
{
	struct __bpf_usdt_spec *spec = __bpf_usdt_spec(ctx);
	return spec ? spec->arg_cnt : -ESRCH;
}

/* Stores argument ARG_NUM (from 0), widened to 64 bits, in *RES: 0, or
 * -ESRCH (no spec), -ENOENT (no such argument), -EINVAL (unknown kind) or a
 * read helper's error. One subprogram that every read calls (libbpf's is one
 * __weak __hidden function), not a copy of its ~100 instructions per read. */
static __noinline int bpf_usdt_arg(struct pt_regs *ctx, __u64 arg_num, long *res)
{
	struct __bpf_usdt_spec *spec = __bpf_usdt_spec(ctx);
	struct __bpf_usdt_arg_spec *arg;
	unsigned long val;
	int shift, err;

	*res = 0;
	if (!spec)
		return -ESRCH;
	if (arg_num >= BPF_USDT_MAX_ARG_CNT || arg_num >= spec->arg_cnt)
		return -ENOENT;
	arg = &spec->args[arg_num];
	if (arg->arg_type == BPF_USDT_ARG_CONST) {
		val = arg->val_off;
	} else if (arg->arg_type == BPF_USDT_ARG_REG || arg->arg_type == BPF_USDT_ARG_REG_DEREF) {
		err = bpf_probe_read_kernel(&val, sizeof(val), (void *)ctx + arg->reg_off);
		if (err)
			return err;
		if (arg->arg_type == BPF_USDT_ARG_REG_DEREF) {
			/* a narrower value read as 8 bytes: its bytes are the low ones */
			err = bpf_probe_read_user(&val, sizeof(val), (void *)val + arg->val_off);
			if (err)
				return err;
		}
	} else {
		return -EINVAL;
	}
	/* keep the argument's own bits, then extend them back down */
	shift = arg->arg_bitshift;
	val <<= shift;
	if (arg->arg_signed)
		val = ((long)val) >> shift;
	else
		val = val >> shift;
	*res = val;
	return 0;
}

/* The cookie given to libbpf when attaching, or 0. */
static __always_inline long bpf_usdt_cookie(struct pt_regs *ctx)
{
	struct __bpf_usdt_spec *spec = __bpf_usdt_spec(ctx);
	return spec ? spec->usdt_cookie : 0;
}

/* BPF_USDT(NAME, ARGS...): a program NAME(struct pt_regs *ctx) whose declared
 * arguments (up to 12) are the probe's arguments, read with bpf_usdt_arg(). */
#define __EBCC_USDT_ARG(ctx, n) ({ long __ebcc_a; bpf_usdt_arg(ctx, n, &__ebcc_a); (void *)__ebcc_a; })
#define __EBCC_USDT_0(ctx)
#define __EBCC_USDT_1(ctx) , __EBCC_USDT_ARG(ctx, 0)
#define __EBCC_USDT_2(ctx) __EBCC_USDT_1(ctx), __EBCC_USDT_ARG(ctx, 1)
#define __EBCC_USDT_3(ctx) __EBCC_USDT_2(ctx), __EBCC_USDT_ARG(ctx, 2)
#define __EBCC_USDT_4(ctx) __EBCC_USDT_3(ctx), __EBCC_USDT_ARG(ctx, 3)
#define __EBCC_USDT_5(ctx) __EBCC_USDT_4(ctx), __EBCC_USDT_ARG(ctx, 4)
#define __EBCC_USDT_6(ctx) __EBCC_USDT_5(ctx), __EBCC_USDT_ARG(ctx, 5)
#define __EBCC_USDT_7(ctx) __EBCC_USDT_6(ctx), __EBCC_USDT_ARG(ctx, 6)
#define __EBCC_USDT_8(ctx) __EBCC_USDT_7(ctx), __EBCC_USDT_ARG(ctx, 7)
#define __EBCC_USDT_9(ctx) __EBCC_USDT_8(ctx), __EBCC_USDT_ARG(ctx, 8)
#define __EBCC_USDT_10(ctx) __EBCC_USDT_9(ctx), __EBCC_USDT_ARG(ctx, 9)
#define __EBCC_USDT_11(ctx) __EBCC_USDT_10(ctx), __EBCC_USDT_ARG(ctx, 10)
#define __EBCC_USDT_12(ctx) __EBCC_USDT_11(ctx), __EBCC_USDT_ARG(ctx, 11)
#define BPF_USDT(name, ...) \
	__EBCC_TYPED_PROG(name, struct pt_regs *ctx, ctx __EBCC_JOIN(__EBCC_USDT_, __EBCC_NARG(__VA_ARGS__))(ctx), ##__VA_ARGS__)

#endif
