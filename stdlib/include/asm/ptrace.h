/* ebcc freestanding header: the x86-64 register frame (struct pt_regs) that kprobes see. */
#if !defined(__EBCC_ASM_PTRACE_H) && !defined(_ASM_X86_PTRACE_H)
#define __EBCC_ASM_PTRACE_H
#define _ASM_X86_PTRACE_H

/* BPF tracing programs read the registers of the traced CPU; ebcc assumes an
 * x86-64 host, as bpf_tracing.h does without __TARGET_ARCH_*. Kernel-tree code
 * (-D__KERNEL__) spells the fields the kernel's way (di, si, ...), user code
 * the UAPI way (rdi, rsi, ...); the layout is the same. */
struct pt_regs {
#ifdef __KERNEL__
	unsigned long r15;
	unsigned long r14;
	unsigned long r13;
	unsigned long r12;
	unsigned long bp;
	unsigned long bx;
	unsigned long r11;
	unsigned long r10;
	unsigned long r9;
	unsigned long r8;
	unsigned long ax;
	unsigned long cx;
	unsigned long dx;
	unsigned long si;
	unsigned long di;
	unsigned long orig_ax;
	unsigned long ip;
	unsigned long cs;
	unsigned long flags;
	unsigned long sp;
	unsigned long ss;
#else
	unsigned long r15;
	unsigned long r14;
	unsigned long r13;
	unsigned long r12;
	unsigned long rbp;
	unsigned long rbx;
	unsigned long r11;
	unsigned long r10;
	unsigned long r9;
	unsigned long r8;
	unsigned long rax;
	unsigned long rcx;
	unsigned long rdx;
	unsigned long rsi;
	unsigned long rdi;
	unsigned long orig_rax;
	unsigned long rip;
	unsigned long cs;
	unsigned long eflags;
	unsigned long rsp;
	unsigned long ss;
#endif
};

#endif
