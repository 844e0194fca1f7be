/* ebcc freestanding header <bpf/bpf_helpers.h>: the macros that libbpf-style
 * BPF programs use to declare programs, maps and globals, plus the helper
 * function declarations (bpf_helper_defs.h, generated from ebcc's helper
 * table). Macro names and the shapes they expand to are what libbpf 1.x
 * reads from BTF; the text is ebcc's own. */
#ifndef __EBCC_BPF_HELPERS_H
#define __EBCC_BPF_HELPERS_H

/* The helper prototypes use the __u32/__u64 family. */
#include <linux/types.h>
#include "bpf_helper_defs.h"

#define ___bpf_concat(a, b) a ## b
#define ___bpf_apply(fn, n) ___bpf_concat(fn, n)

/* ---- BTF-defined map attributes ------------------------------------------
 * A map is a global struct in SEC(".maps") whose members only carry types:
 *   __uint(name, N)    a pointer to an array of N ints; libbpf reads N
 *   __type(name, T)    a pointer to T; libbpf reads T (key or value type)
 *   __array(name, T)   a flexible array of pointers to T (map-in-map values,
 *                      prog-array initial contents)
 *   __ulong(name, N)   a 64-bit attribute (map_extra): an enum whose single
 *                      enumerator holds N */
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __array(name, val) typeof(val) *name[]
#ifdef __COUNTER__
#define __ulong(name, val) \
	enum { ___bpf_apply(__ebcc_ulong_value_, __COUNTER__) = (val) } name
#else
#define __ulong(name, val) \
	enum { ___bpf_apply(__ebcc_ulong_value_, __LINE__) = (val) } name
#endif

/* Places a program, map or global in the named ELF section; the section
 * name of a program tells the loader its type (e.g. "xdp", "tc"). */
#define SEC(name) __attribute__((section(name), used))

/* ---- Function and symbol attributes -------------------------------------- */
#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif
#ifndef __noinline
#define __noinline __attribute__((noinline))
#endif
#ifndef __weak
#define __weak __attribute__((weak))
#endif
/* A global function the verifier checks with its caller (not on its own). */
#ifndef __hidden
#define __hidden __attribute__((visibility("hidden")))
#endif

/* Externs that libbpf resolves at load time: kernel config values and
 * kernel symbols. */
#define __kconfig __attribute__((section(".kconfig")))
#define __ksym __attribute__((section(".ksyms")))

/* Whether the running kernel has a __weak __ksym function or variable: libbpf
 * sets the address of one it cannot find to 0. A symbol that is not weak must
 * exist (or the object does not load), so asking about it is a mistake. */
#define bpf_ksym_exists(sym) ({ \
	_Static_assert(!__builtin_constant_p(!!(sym)), #sym " is not __weak: only a weak symbol can be missing"); \
	!!(sym); \
})

#ifndef NULL
#define NULL ((void *)0)
#endif

/* LINUX_VERSION_CODE-style version number. */
#define KERNEL_VERSION(a, b, c) \
	(((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))

#ifndef offsetof
#define offsetof(type, member) __builtin_offsetof(type, member)
#endif

/* The struct that contains the member `ptr` points at. */
#ifndef container_of
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#endif

/* ---- Compiler barriers --------------------------------------------------
 * barrier(): no memory access moves across it.
 * barrier_var(v): v's value passes through an empty asm statement that may
 * change it (an output tied to the input), so the compiler forgets what it
 * knew about v (its range, that it is a constant) and keeps the checks
 * written after it. The replacement text is token for token the one that
 * programs copy from libbpf 1.x, so that their own definition is not a
 * redefinition (a warning, an error under -Werror). */
#ifndef barrier
#define barrier() asm volatile("" ::: "memory")
#endif
#ifndef barrier_var
#define barrier_var(var) asm volatile("" : "=r"(var) : "0"(var))
#endif

#ifndef __bpf_unreachable
#define __bpf_unreachable() __builtin_trap()
#endif

#ifndef likely
#define likely(x) (__builtin_expect(!!(x), 1))
#endif
#ifndef unlikely
#define unlikely(x) (__builtin_expect(!!(x), 0))
#endif

#ifndef __stringify
#define ___ebcc_stringify(x) #x
#define __stringify(x) ___ebcc_stringify(x)
#endif

/* ---- Pinning and tri-state kconfig values -------------------------------- */
enum libbpf_pin_type {
	LIBBPF_PIN_NONE,
	LIBBPF_PIN_BY_NAME, /* pin under /sys/fs/bpf/<map name> */
};

enum libbpf_tristate {
	TRI_NO = 0,
	TRI_YES = 1,
	TRI_MODULE = 2,
};

/* ---- Tail calls ------------------------------------------------------------
 * bpf_tail_call_static(ctx, prog_array, slot): a tail call whose slot is a
 * compile-time constant. The verifier turns a tail call into a direct jump when
 * R3 holds a known constant at the call; ebcc loads a constant argument into
 * R3 immediately before the call instruction, which is the sequence this
 * needs, so the macro is an ordinary bpf_tail_call(). (libbpf writes it as
 * inline assembly to force that sequence out of clang.) With a slot computed
 * at run time it is still a correct tail call, through the slower path. */
#ifndef bpf_tail_call_static
#define bpf_tail_call_static(ctx, map, slot) \
	((void)bpf_tail_call((ctx), (void *)(map), (slot)))
#endif

/* ---- Tracing output -------------------------------------------------------
 * bpf_printk("fmt", args...) prints a line to /sys/kernel/tracing/trace_pipe.
 * The format is a static const char array, so it lives in .rodata (define
 * BPF_NO_GLOBAL_DATA before including this header to build it on the stack
 * instead, for kernels before 5.2). With up to three arguments the line goes
 * through bpf_trace_printk(), which takes them in registers; with four to
 * twelve, the arguments are stored in an array of 64-bit values that
 * bpf_trace_vprintk() (Linux 5.16) reads. */
#ifdef BPF_NO_GLOBAL_DATA
#define __ebcc_fmt_storage
#else
#define __ebcc_fmt_storage static const
#endif

/* ___bpf_narg(args...): how many arguments were given, 0 to 12.
 * ___bpf_nth picks the 14th of its arguments: after the dummy first one and
 * the k real ones, the counting list below has shifted so that it lands on k. */
#define ___bpf_nth(_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, n, ...) n
#define ___bpf_narg(...) ___bpf_nth(_, ##__VA_ARGS__, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)

/* ___bpf_fill(array, args...): array[0] = first argument, array[1] = second, ... */
#define __ebcc_fill0(a, i)
#define __ebcc_fill1(a, i, x) a[i] = (unsigned long long)(x);
#define __ebcc_fill2(a, i, x, ...) a[i] = (unsigned long long)(x); __ebcc_fill1(a, (i) + 1, __VA_ARGS__)
#define __ebcc_fill3(a, i, x, ...) a[i] = (unsigned long long)(x); __ebcc_fill2(a, (i) + 1, __VA_ARGS__)
#define __ebcc_fill4(a, i, x, ...) a[i] = (unsigned long long)(x); __ebcc_fill3(a, (i) + 1, __VA_ARGS__)
#define __ebcc_fill5(a, i, x, ...) a[i] = (unsigned long long)(x); __ebcc_fill4(a, (i) + 1, __VA_ARGS__)
#define __ebcc_fill6(a, i, x, ...) a[i] = (unsigned long long)(x); __ebcc_fill5(a, (i) + 1, __VA_ARGS__)
#define __ebcc_fill7(a, i, x, ...) a[i] = (unsigned long long)(x); __ebcc_fill6(a, (i) + 1, __VA_ARGS__)
#define __ebcc_fill8(a, i, x, ...) a[i] = (unsigned long long)(x); __ebcc_fill7(a, (i) + 1, __VA_ARGS__)
#define __ebcc_fill9(a, i, x, ...) a[i] = (unsigned long long)(x); __ebcc_fill8(a, (i) + 1, __VA_ARGS__)
#define __ebcc_fill10(a, i, x, ...) a[i] = (unsigned long long)(x); __ebcc_fill9(a, (i) + 1, __VA_ARGS__)
#define __ebcc_fill11(a, i, x, ...) a[i] = (unsigned long long)(x); __ebcc_fill10(a, (i) + 1, __VA_ARGS__)
#define __ebcc_fill12(a, i, x, ...) a[i] = (unsigned long long)(x); __ebcc_fill11(a, (i) + 1, __VA_ARGS__)
#define ___bpf_fill(array, ...) \
	___bpf_apply(__ebcc_fill, ___bpf_narg(__VA_ARGS__))(array, 0, ##__VA_ARGS__)

/* Up to three arguments: in registers. */
#define __bpf_printk(fmt, ...) \
	({ \
		__ebcc_fmt_storage char ____fmt[] = fmt; \
		bpf_trace_printk(____fmt, sizeof(____fmt), ##__VA_ARGS__); \
	})

/* Four or more: in an array of 64-bit values. */
#define __bpf_vprintk(fmt, ...) \
	({ \
		static const char ____fmt[] = fmt; \
		unsigned long long ____param[___bpf_narg(__VA_ARGS__)]; \
		___bpf_fill(____param, ##__VA_ARGS__); \
		bpf_trace_vprintk(____fmt, sizeof(____fmt), ____param, sizeof(____param)); \
	})

#define bpf_printk(fmt, ...) \
	___bpf_nth(_, ##__VA_ARGS__, __bpf_vprintk, __bpf_vprintk, __bpf_vprintk, \
		   __bpf_vprintk, __bpf_vprintk, __bpf_vprintk, __bpf_vprintk, \
		   __bpf_vprintk, __bpf_vprintk, __bpf_printk, __bpf_printk, \
		   __bpf_printk, __bpf_printk)(fmt, ##__VA_ARGS__)

/* BPF_SNPRINTF(out, out_size, fmt, args...): formats into a buffer with
 * bpf_snprintf(); BPF_SEQ_PRINTF(seq, fmt, args...): prints to a seq_file
 * (iterator programs). Both pass the arguments as an array of 64-bit values. */
#define BPF_SNPRINTF(out, out_size, fmt, ...) \
	({ \
		static const char ____fmt[] = fmt; \
		unsigned long long ____param[___bpf_narg(__VA_ARGS__) + 1]; \
		___bpf_fill(____param, ##__VA_ARGS__); \
		bpf_snprintf(out, out_size, ____fmt, ____param, ___bpf_narg(__VA_ARGS__) * 8); \
	})
#define BPF_SEQ_PRINTF(seq, fmt, ...) \
	({ \
		static const char ____fmt[] = fmt; \
		unsigned long long ____param[___bpf_narg(__VA_ARGS__) + 1]; \
		___bpf_fill(____param, ##__VA_ARGS__); \
		bpf_seq_printf(seq, ____fmt, sizeof(____fmt), ____param, ___bpf_narg(__VA_ARGS__) * 8); \
	})

/* ---- Legacy map definitions -----------------------------------------------
 * Old programs declared maps as `struct bpf_map_def SEC("maps")`, with the struct
 * defined by their own copy of bpf_helpers.h. libbpf 1.x declares no such struct,
 * and neither does this header: a program that defines it compiles unchanged, and
 * ebcc still emits its maps as BTF-defined maps (note E6020). */

#endif
