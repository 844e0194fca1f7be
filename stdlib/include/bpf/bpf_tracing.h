/* ebcc freestanding header <bpf/bpf_tracing.h>: reading the traced function's
 * registers and arguments, and the macros that define a program with typed
 * arguments (BPF_PROG, BPF_PROG2, BPF_KPROBE, BPF_KRETPROBE, BPF_KSYSCALL, BPF_UPROBE),
 * written for ebcc from the documented behaviour of libbpf's header.
 *
 * Registers: ebcc knows the x86-64 register frame (struct pt_regs of
 * <asm/ptrace.h>), the target libbpf assumes as __TARGET_ARCH_x86. Kernel-tree
 * code (-D__KERNEL__) and programs built on a vmlinux.h name its fields the
 * kernel's way (di, si, ...), other programs the UAPI way (rdi, rsi, ...).
 * With another __TARGET_ARCH_* the PT_REGS_* macros are not defined.
 *
 * ebcc emits no CO-RE relocations: the *_CORE forms read the field with
 * bpf_probe_read_kernel() at the offset of the compile-time struct pt_regs. */
#ifndef __EBCC_BPF_TRACING_H
#define __EBCC_BPF_TRACING_H
#define __BPF_TRACING_H__

#include <bpf/bpf_helpers.h>

#if defined(__TARGET_ARCH_x86) || !(defined(__TARGET_ARCH_arm) || defined(__TARGET_ARCH_arm64) || \
	defined(__TARGET_ARCH_s390) || defined(__TARGET_ARCH_mips) || defined(__TARGET_ARCH_powerpc) || \
	defined(__TARGET_ARCH_sparc) || defined(__TARGET_ARCH_riscv) || defined(__TARGET_ARCH_arc) || \
	defined(__TARGET_ARCH_loongarch))
#define bpf_target_x86
#define bpf_target_defined

/* The x86-64 calling convention: arguments in rdi, rsi, rdx, rcx, r8, r9, the
 * result in rax; the return address is at the stack pointer on entry. A system
 * call passes its fourth argument in r10 instead of rcx. */
#if defined(__KERNEL__) || defined(__VMLINUX_H__)
#define __EBCC_REG_PARM1 di
#define __EBCC_REG_PARM2 si
#define __EBCC_REG_PARM3 dx
#define __EBCC_REG_PARM4 cx
#define __EBCC_REG_PARM5 r8
#define __EBCC_REG_PARM6 r9
#define __EBCC_REG_FP bp
#define __EBCC_REG_RC ax
#define __EBCC_REG_SP sp
#define __EBCC_REG_IP ip
#else
#define __EBCC_REG_PARM1 rdi
#define __EBCC_REG_PARM2 rsi
#define __EBCC_REG_PARM3 rdx
#define __EBCC_REG_PARM4 rcx
#define __EBCC_REG_PARM5 r8
#define __EBCC_REG_PARM6 r9
#define __EBCC_REG_FP rbp
#define __EBCC_REG_RC rax
#define __EBCC_REG_SP rsp
#define __EBCC_REG_IP rip
#endif
#define __EBCC_REG_PARM4_SYSCALL r10

/* The register F of the frame X, as an lvalue of the frame X points to. */
#define __EBCC_REG(x, f) (((struct pt_regs *)(x))->f)
/* The register F of the frame X, read with bpf_probe_read_kernel() (0 if that fails). */
#define __EBCC_REG_READ(x, f) ({ \
	unsigned long __ebcc_reg; /* the helper writes it all, or zeroes it */ \
	bpf_probe_read_kernel(&__ebcc_reg, sizeof(__ebcc_reg), &((const struct pt_regs *)(x))->f); \
	__ebcc_reg; })

#define PT_REGS_PARM1(x) __EBCC_REG(x, __EBCC_REG_PARM1)
#define PT_REGS_PARM2(x) __EBCC_REG(x, __EBCC_REG_PARM2)
#define PT_REGS_PARM3(x) __EBCC_REG(x, __EBCC_REG_PARM3)
#define PT_REGS_PARM4(x) __EBCC_REG(x, __EBCC_REG_PARM4)
#define PT_REGS_PARM5(x) __EBCC_REG(x, __EBCC_REG_PARM5)
#define PT_REGS_PARM6(x) __EBCC_REG(x, __EBCC_REG_PARM6)
#define PT_REGS_RET(x) __EBCC_REG(x, __EBCC_REG_SP)
#define PT_REGS_FP(x) __EBCC_REG(x, __EBCC_REG_FP)
#define PT_REGS_RC(x) __EBCC_REG(x, __EBCC_REG_RC)
#define PT_REGS_SP(x) __EBCC_REG(x, __EBCC_REG_SP)
#define PT_REGS_IP(x) __EBCC_REG(x, __EBCC_REG_IP)

#define PT_REGS_PARM1_CORE(x) __EBCC_REG_READ(x, __EBCC_REG_PARM1)
#define PT_REGS_PARM2_CORE(x) __EBCC_REG_READ(x, __EBCC_REG_PARM2)
#define PT_REGS_PARM3_CORE(x) __EBCC_REG_READ(x, __EBCC_REG_PARM3)
#define PT_REGS_PARM4_CORE(x) __EBCC_REG_READ(x, __EBCC_REG_PARM4)
#define PT_REGS_PARM5_CORE(x) __EBCC_REG_READ(x, __EBCC_REG_PARM5)
#define PT_REGS_PARM6_CORE(x) __EBCC_REG_READ(x, __EBCC_REG_PARM6)
#define PT_REGS_RET_CORE(x) __EBCC_REG_READ(x, __EBCC_REG_SP)
#define PT_REGS_FP_CORE(x) __EBCC_REG_READ(x, __EBCC_REG_FP)
#define PT_REGS_RC_CORE(x) __EBCC_REG_READ(x, __EBCC_REG_RC)
#define PT_REGS_SP_CORE(x) __EBCC_REG_READ(x, __EBCC_REG_SP)
#define PT_REGS_IP_CORE(x) __EBCC_REG_READ(x, __EBCC_REG_IP)

#define PT_REGS_PARM1_SYSCALL(x) PT_REGS_PARM1(x)
#define PT_REGS_PARM2_SYSCALL(x) PT_REGS_PARM2(x)
#define PT_REGS_PARM3_SYSCALL(x) PT_REGS_PARM3(x)
#define PT_REGS_PARM4_SYSCALL(x) __EBCC_REG(x, __EBCC_REG_PARM4_SYSCALL)
#define PT_REGS_PARM5_SYSCALL(x) PT_REGS_PARM5(x)
#define PT_REGS_PARM6_SYSCALL(x) PT_REGS_PARM6(x)
#define PT_REGS_PARM1_CORE_SYSCALL(x) PT_REGS_PARM1_CORE(x)
#define PT_REGS_PARM2_CORE_SYSCALL(x) PT_REGS_PARM2_CORE(x)
#define PT_REGS_PARM3_CORE_SYSCALL(x) PT_REGS_PARM3_CORE(x)
#define PT_REGS_PARM4_CORE_SYSCALL(x) __EBCC_REG_READ(x, __EBCC_REG_PARM4_SYSCALL)
#define PT_REGS_PARM5_CORE_SYSCALL(x) PT_REGS_PARM5_CORE(x)
#define PT_REGS_PARM6_CORE_SYSCALL(x) PT_REGS_PARM6_CORE(x)

/* Since Linux 4.17 an x86-64 system call handler receives one argument, the
 * user's register frame: a kprobe on it finds that frame in its first register. */
#define PT_REGS_SYSCALL_REGS(ctx) ((struct pt_regs *)PT_REGS_PARM1(ctx))

/* The return address of the probed function: on entry it is the word at the
 * stack pointer; in a return probe, the word above the saved frame pointer. */
#define BPF_KPROBE_READ_RET_IP(ip, ctx) \
	({ bpf_probe_read_kernel(&(ip), sizeof(ip), (void *)PT_REGS_RET(ctx)); })
#define BPF_KRETPROBE_READ_RET_IP(ip, ctx) \
	({ bpf_probe_read_kernel(&(ip), sizeof(ip), (void *)(PT_REGS_FP(ctx) + sizeof(ip))); })
#endif /* x86-64 */

/* How many arguments a macro got (0 to 12). */
#define __EBCC_NARG(...) __EBCC_NARG_PICK(_, ##__VA_ARGS__, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define __EBCC_NARG_PICK(_, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, n, ...) n
#define __EBCC_JOIN2(a, b) a##b
#define __EBCC_JOIN(a, b) __EBCC_JOIN2(a, b)

/* BPF_PROG: fentry/fexit, fmod_ret, tp_btf, lsm, struct_ops and iterator
 * programs receive their arguments as an array of 64-bit words: the program is
 * NAME(unsigned long long *ctx), and word I is passed as declared argument I. */
#define __EBCC_WORDS_0(ctx)
#define __EBCC_WORDS_1(ctx) , (void *)ctx[0]
#define __EBCC_WORDS_2(ctx) __EBCC_WORDS_1(ctx), (void *)ctx[1]
#define __EBCC_WORDS_3(ctx) __EBCC_WORDS_2(ctx), (void *)ctx[2]
#define __EBCC_WORDS_4(ctx) __EBCC_WORDS_3(ctx), (void *)ctx[3]
#define __EBCC_WORDS_5(ctx) __EBCC_WORDS_4(ctx), (void *)ctx[4]
#define __EBCC_WORDS_6(ctx) __EBCC_WORDS_5(ctx), (void *)ctx[5]
#define __EBCC_WORDS_7(ctx) __EBCC_WORDS_6(ctx), (void *)ctx[6]
#define __EBCC_WORDS_8(ctx) __EBCC_WORDS_7(ctx), (void *)ctx[7]
#define __EBCC_WORDS_9(ctx) __EBCC_WORDS_8(ctx), (void *)ctx[8]
#define __EBCC_WORDS_10(ctx) __EBCC_WORDS_9(ctx), (void *)ctx[9]
#define __EBCC_WORDS_11(ctx) __EBCC_WORDS_10(ctx), (void *)ctx[10]
#define __EBCC_WORDS_12(ctx) __EBCC_WORDS_11(ctx), (void *)ctx[11]
#define __EBCC_WORDS(ctx, ...) ctx __EBCC_JOIN(__EBCC_WORDS_, __EBCC_NARG(__VA_ARGS__))(ctx)

/* NAME(CTX_DECL) is the program; the body the user writes after the macro is an
 * inlined function of the context and the declared arguments, called with
 * CALL_ARGS (the context, then one value per declared argument, as void *:
 * they convert to pointers and integers alike, hence the int-conversion
 * pragma, as with clang). */
#define __EBCC_TYPED_PROG(name, ctx_decl, call_args, ...) \
name(ctx_decl); \
static __always_inline typeof(name(0)) __ebcc_body_##name(ctx_decl, ##__VA_ARGS__); \
typeof(name(0)) name(ctx_decl) \
{ \
	_Pragma("GCC diagnostic push") \
	_Pragma("GCC diagnostic ignored \"-Wint-conversion\"") \
	return __ebcc_body_##name(call_args); \
	_Pragma("GCC diagnostic pop") \
} \
static __always_inline typeof(name(0)) __ebcc_body_##name(ctx_decl, ##__VA_ARGS__)

#define BPF_PROG(name, ...) \
	__EBCC_TYPED_PROG(name, unsigned long long *ctx, __EBCC_WORDS(ctx, ##__VA_ARGS__), ##__VA_ARGS__)

/* BPF_PROG2(NAME, TYPE1, ARG1, TYPE2, ARG2, ...): as BPF_PROG, but each argument is given as a
 * type and a name, so that a struct passed by value can be declared: one of 9 to 16 bytes takes
 * two context words, any other argument one. Each argument is the bytes of its words, read
 * through a union (the second word read again, unused, for a one-word argument, so that no read
 * goes past the last argument's word). Up to 12 arguments. */
#define __EBCC_NARG24(...) __EBCC_NARG24_PICK(_, ##__VA_ARGS__, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define __EBCC_NARG24_PICK(_, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, n, ...) n
#define __EBCC_P2_SLOTS(t) ((sizeof(t) + 7) / 8)
#define __EBCC_P2_WORD(ctx, off, t) \
	({ union { unsigned long long __w[2]; t __v; } __ebcc_u = \
		{ .__w = { ctx[off], ctx[(off) + (sizeof(t) > 8)] } }; __ebcc_u.__v; })
#define __EBCC_P2_DECL_0()
#define __EBCC_P2_DECL_2(t, a) , t a
#define __EBCC_P2_DECL_4(t, a, ...) , t a __EBCC_P2_DECL_2(__VA_ARGS__)
#define __EBCC_P2_DECL_6(t, a, ...) , t a __EBCC_P2_DECL_4(__VA_ARGS__)
#define __EBCC_P2_DECL_8(t, a, ...) , t a __EBCC_P2_DECL_6(__VA_ARGS__)
#define __EBCC_P2_DECL_10(t, a, ...) , t a __EBCC_P2_DECL_8(__VA_ARGS__)
#define __EBCC_P2_DECL_12(t, a, ...) , t a __EBCC_P2_DECL_10(__VA_ARGS__)
#define __EBCC_P2_DECL_14(t, a, ...) , t a __EBCC_P2_DECL_12(__VA_ARGS__)
#define __EBCC_P2_DECL_16(t, a, ...) , t a __EBCC_P2_DECL_14(__VA_ARGS__)
#define __EBCC_P2_DECL_18(t, a, ...) , t a __EBCC_P2_DECL_16(__VA_ARGS__)
#define __EBCC_P2_DECL_20(t, a, ...) , t a __EBCC_P2_DECL_18(__VA_ARGS__)
#define __EBCC_P2_DECL_22(t, a, ...) , t a __EBCC_P2_DECL_20(__VA_ARGS__)
#define __EBCC_P2_DECL_24(t, a, ...) , t a __EBCC_P2_DECL_22(__VA_ARGS__)
#define __EBCC_P2_ARGS_0(ctx, off)
#define __EBCC_P2_ARGS_2(ctx, off, t, a) , __EBCC_P2_WORD(ctx, off, t)
#define __EBCC_P2_ARGS_4(ctx, off, t, a, ...) , __EBCC_P2_WORD(ctx, off, t) __EBCC_P2_ARGS_2(ctx, (off) + __EBCC_P2_SLOTS(t), __VA_ARGS__)
#define __EBCC_P2_ARGS_6(ctx, off, t, a, ...) , __EBCC_P2_WORD(ctx, off, t) __EBCC_P2_ARGS_4(ctx, (off) + __EBCC_P2_SLOTS(t), __VA_ARGS__)
#define __EBCC_P2_ARGS_8(ctx, off, t, a, ...) , __EBCC_P2_WORD(ctx, off, t) __EBCC_P2_ARGS_6(ctx, (off) + __EBCC_P2_SLOTS(t), __VA_ARGS__)
#define __EBCC_P2_ARGS_10(ctx, off, t, a, ...) , __EBCC_P2_WORD(ctx, off, t) __EBCC_P2_ARGS_8(ctx, (off) + __EBCC_P2_SLOTS(t), __VA_ARGS__)
#define __EBCC_P2_ARGS_12(ctx, off, t, a, ...) , __EBCC_P2_WORD(ctx, off, t) __EBCC_P2_ARGS_10(ctx, (off) + __EBCC_P2_SLOTS(t), __VA_ARGS__)
#define __EBCC_P2_ARGS_14(ctx, off, t, a, ...) , __EBCC_P2_WORD(ctx, off, t) __EBCC_P2_ARGS_12(ctx, (off) + __EBCC_P2_SLOTS(t), __VA_ARGS__)
#define __EBCC_P2_ARGS_16(ctx, off, t, a, ...) , __EBCC_P2_WORD(ctx, off, t) __EBCC_P2_ARGS_14(ctx, (off) + __EBCC_P2_SLOTS(t), __VA_ARGS__)
#define __EBCC_P2_ARGS_18(ctx, off, t, a, ...) , __EBCC_P2_WORD(ctx, off, t) __EBCC_P2_ARGS_16(ctx, (off) + __EBCC_P2_SLOTS(t), __VA_ARGS__)
#define __EBCC_P2_ARGS_20(ctx, off, t, a, ...) , __EBCC_P2_WORD(ctx, off, t) __EBCC_P2_ARGS_18(ctx, (off) + __EBCC_P2_SLOTS(t), __VA_ARGS__)
#define __EBCC_P2_ARGS_22(ctx, off, t, a, ...) , __EBCC_P2_WORD(ctx, off, t) __EBCC_P2_ARGS_20(ctx, (off) + __EBCC_P2_SLOTS(t), __VA_ARGS__)
#define __EBCC_P2_ARGS_24(ctx, off, t, a, ...) , __EBCC_P2_WORD(ctx, off, t) __EBCC_P2_ARGS_22(ctx, (off) + __EBCC_P2_SLOTS(t), __VA_ARGS__)
#define __EBCC_P2_DECL(...) __EBCC_JOIN(__EBCC_P2_DECL_, __EBCC_NARG24(__VA_ARGS__))(__VA_ARGS__)
#define __EBCC_P2_ARGS(ctx, ...) __EBCC_JOIN(__EBCC_P2_ARGS_, __EBCC_NARG24(__VA_ARGS__))(ctx, 0, ##__VA_ARGS__)
#define BPF_PROG2(name, ...) \
name(unsigned long long *ctx); \
static __always_inline typeof(name(0)) __ebcc_body_##name(unsigned long long *ctx __EBCC_P2_DECL(__VA_ARGS__)); \
typeof(name(0)) name(unsigned long long *ctx) \
{ \
	return __ebcc_body_##name(ctx __EBCC_P2_ARGS(ctx, ##__VA_ARGS__)); \
} \
static __always_inline typeof(name(0)) __ebcc_body_##name(unsigned long long *ctx __EBCC_P2_DECL(__VA_ARGS__))

#ifdef bpf_target_defined
/* BPF_KPROBE / BPF_UPROBE: a kprobe or uprobe program NAME(struct pt_regs *ctx)
 * whose declared arguments are the probed function's first (up to 6) register
 * arguments. */
#define __EBCC_PARMS_0(ctx)
#define __EBCC_PARMS_1(ctx) , (void *)PT_REGS_PARM1(ctx)
#define __EBCC_PARMS_2(ctx) __EBCC_PARMS_1(ctx), (void *)PT_REGS_PARM2(ctx)
#define __EBCC_PARMS_3(ctx) __EBCC_PARMS_2(ctx), (void *)PT_REGS_PARM3(ctx)
#define __EBCC_PARMS_4(ctx) __EBCC_PARMS_3(ctx), (void *)PT_REGS_PARM4(ctx)
#define __EBCC_PARMS_5(ctx) __EBCC_PARMS_4(ctx), (void *)PT_REGS_PARM5(ctx)
#define __EBCC_PARMS_6(ctx) __EBCC_PARMS_5(ctx), (void *)PT_REGS_PARM6(ctx)
#define __EBCC_PARMS(ctx, ...) ctx __EBCC_JOIN(__EBCC_PARMS_, __EBCC_NARG(__VA_ARGS__))(ctx)

#define BPF_KPROBE(name, ...) \
	__EBCC_TYPED_PROG(name, struct pt_regs *ctx, __EBCC_PARMS(ctx, ##__VA_ARGS__), ##__VA_ARGS__)

/* BPF_KRETPROBE / BPF_URETPROBE: the one declared argument, if any, is the
 * probed function's return value. */
#define __EBCC_RET_0(ctx)
#define __EBCC_RET_1(ctx) , (void *)PT_REGS_RC(ctx)
#define BPF_KRETPROBE(name, ...) \
	__EBCC_TYPED_PROG(name, struct pt_regs *ctx, \
			  ctx __EBCC_JOIN(__EBCC_RET_, __EBCC_NARG(__VA_ARGS__))(ctx), ##__VA_ARGS__)

#define BPF_UPROBE(name, ...) BPF_KPROBE(name, ##__VA_ARGS__)
#define BPF_URETPROBE(name, ...) BPF_KRETPROBE(name, ##__VA_ARGS__)

/* BPF_KSYSCALL / BPF_KPROBE_SYSCALL: a kprobe on a system call's handler
 * (SEC("ksyscall/NAME") or a kprobe on __x64_sys_NAME) whose declared
 * arguments are the system call's. Where the kernel wraps its handlers (x86-64
 * since Linux 4.17), the handler gets the user's register frame, which is
 * kernel memory: each argument is read from it with bpf_probe_read_kernel().
 * Otherwise the arguments are the probe's own registers. libbpf sets
 * LINUX_HAS_SYSCALL_WRAPPER when it loads the object, from the same probe of
 * the kernel with which it chooses the function SEC("ksyscall/NAME") attaches
 * to, so both agree; the kernel knows the value and walks one way only. */
extern int LINUX_HAS_SYSCALL_WRAPPER __kconfig;
/* The arguments are read on one of two paths into locals, and the body is inlined once. */
#define __EBCC_SYSSET_0(regs, how)
#define __EBCC_SYSSET_1(regs, how) __ebcc_a1 = (void *)PT_REGS_PARM1_##how(regs);
#define __EBCC_SYSSET_2(regs, how) __EBCC_SYSSET_1(regs, how) __ebcc_a2 = (void *)PT_REGS_PARM2_##how(regs);
#define __EBCC_SYSSET_3(regs, how) __EBCC_SYSSET_2(regs, how) __ebcc_a3 = (void *)PT_REGS_PARM3_##how(regs);
#define __EBCC_SYSSET_4(regs, how) __EBCC_SYSSET_3(regs, how) __ebcc_a4 = (void *)PT_REGS_PARM4_##how(regs);
#define __EBCC_SYSSET_5(regs, how) __EBCC_SYSSET_4(regs, how) __ebcc_a5 = (void *)PT_REGS_PARM5_##how(regs);
#define __EBCC_SYSSET_6(regs, how) __EBCC_SYSSET_5(regs, how) __ebcc_a6 = (void *)PT_REGS_PARM6_##how(regs);
#define __EBCC_SYSUSE_0
#define __EBCC_SYSUSE_1 , __ebcc_a1
#define __EBCC_SYSUSE_2 __EBCC_SYSUSE_1, __ebcc_a2
#define __EBCC_SYSUSE_3 __EBCC_SYSUSE_2, __ebcc_a3
#define __EBCC_SYSUSE_4 __EBCC_SYSUSE_3, __ebcc_a4
#define __EBCC_SYSUSE_5 __EBCC_SYSUSE_4, __ebcc_a5
#define __EBCC_SYSUSE_6 __EBCC_SYSUSE_5, __ebcc_a6
#define __EBCC_SYSSET(regs, how, ...) __EBCC_JOIN(__EBCC_SYSSET_, __EBCC_NARG(__VA_ARGS__))(regs, how)
#define BPF_KSYSCALL(name, ...) \
name(struct pt_regs *ctx); \
static __always_inline typeof(name(0)) __ebcc_body_##name(struct pt_regs *ctx, ##__VA_ARGS__); \
typeof(name(0)) name(struct pt_regs *ctx) \
{ \
	void *__ebcc_a1 __attribute__((unused)), *__ebcc_a2 __attribute__((unused)), \
	     *__ebcc_a3 __attribute__((unused)), *__ebcc_a4 __attribute__((unused)), \
	     *__ebcc_a5 __attribute__((unused)), *__ebcc_a6 __attribute__((unused)); \
	if (LINUX_HAS_SYSCALL_WRAPPER) { \
		__EBCC_SYSSET(PT_REGS_SYSCALL_REGS(ctx), CORE_SYSCALL, ##__VA_ARGS__) \
	} else { \
		__EBCC_SYSSET(ctx, SYSCALL, ##__VA_ARGS__) \
	} \
	_Pragma("GCC diagnostic push") \
	_Pragma("GCC diagnostic ignored \"-Wint-conversion\"") \
	return __ebcc_body_##name(ctx __EBCC_JOIN(__EBCC_SYSUSE_, __EBCC_NARG(__VA_ARGS__))); \
	_Pragma("GCC diagnostic pop") \
} \
static __always_inline typeof(name(0)) __ebcc_body_##name(struct pt_regs *ctx, ##__VA_ARGS__)
#define BPF_KPROBE_SYSCALL BPF_KSYSCALL
#endif /* bpf_target_defined */

#endif
