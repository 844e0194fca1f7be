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
 * barrier_var(v): in ebcc the same full compiler barrier; v is not
 * otherwise touched (ebcc does not accept inline-assembly operands). */
#ifndef barrier
#define barrier() asm volatile("" ::: "memory")
#endif
#ifndef barrier_var
#define barrier_var(var) asm volatile("" ::: "memory")
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

/* ---- Tracing output -------------------------------------------------------
 * bpf_printk("fmt", args...) copies the format string to the stack and calls
 * bpf_trace_printk(); the kernel accepts at most three arguments. Output
 * appears in /sys/kernel/tracing/trace_pipe. */
#define bpf_printk(fmt, ...) \
	({ \
		char ____fmt[] = fmt; \
		bpf_trace_printk(____fmt, sizeof(____fmt), ##__VA_ARGS__); \
	})

/* ---- Legacy map definitions -----------------------------------------------
 * Old programs declared maps as `struct bpf_map_def SEC("maps")`, with the struct
 * defined by their own copy of bpf_helpers.h. libbpf 1.x declares no such struct,
 * and neither does this header: a program that defines it compiles unchanged, and
 * ebcc still emits its maps as BTF-defined maps (note E6020). */

#endif
