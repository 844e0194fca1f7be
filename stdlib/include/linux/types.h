/* ebcc freestanding header: fixed-width kernel integer types.
 * BPF is a 64-bit little-endian target; the kernel's ll64 model makes
 * the 64-bit types `long long`. */
#if !defined(__EBCC_LINUX_TYPES_H) && !defined(_LINUX_TYPES_H)
#define __EBCC_LINUX_TYPES_H
#define _LINUX_TYPES_H

/* sparse annotations: meaningless to a compiler, so they expand to nothing. */
#ifndef __bitwise
#define __bitwise
#endif
#define __bitwise__ __bitwise

#include <ebcc/int-ll64.h>

/* Byte-order tagged integers (network order is big-endian). */
typedef __u16 __bitwise __le16;
typedef __u16 __bitwise __be16;
typedef __u32 __bitwise __le32;
typedef __u32 __bitwise __be32;
typedef __u64 __bitwise __le64;
typedef __u64 __bitwise __be64;

/* Internet checksums: a folded 16-bit sum and an unfolded 32-bit one. */
typedef __u16 __bitwise __sum16;
typedef __u32 __bitwise __wsum;

/* 64-bit values that keep 8-byte alignment on every ABI. */
#define __aligned_u64 __u64 __attribute__((aligned(8)))
#define __aligned_be64 __be64 __attribute__((aligned(8)))
#define __aligned_le64 __le64 __attribute__((aligned(8)))

typedef unsigned __bitwise __poll_t;

/* Kernel-ABI spellings of a few C types. */
typedef long __kernel_long_t;
typedef unsigned long __kernel_ulong_t;
typedef unsigned long __kernel_size_t;
typedef long __kernel_ssize_t;
typedef int __kernel_pid_t;
typedef unsigned short __kernel_sa_family_t;

/* Kernel-tree code (samples/bpf, prototype-kernel, katran, Suricata build with -D__KERNEL__
 * against the kernel's include/linux/types.h) also gets the kernel's own short names. */
#ifdef __KERNEL__
#ifndef __EBCC_KERNEL_TYPES
#define __EBCC_KERNEL_TYPES
typedef __u8 u8;
typedef __s8 s8;
typedef __u16 u16;
typedef __s16 s16;
typedef __u32 u32;
typedef __s32 s32;
typedef __u64 u64;
typedef __s64 s64;
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
typedef __u8 u_int8_t;
typedef __u16 u_int16_t;
typedef __u32 u_int32_t;
typedef __u8 uint8_t;
typedef __u16 uint16_t;
typedef __u32 uint32_t;
typedef __s8 int8_t;
typedef __s16 int16_t;
typedef __s32 int32_t;
typedef __u64 uint64_t;
typedef __u64 u_int64_t;
typedef __s64 int64_t;
#ifndef bool
typedef _Bool bool;
#endif
#if !defined(true) && !defined(__bool_true_false_are_defined)
enum { false = 0, true = 1 };
#endif
#ifndef NULL
#define NULL ((void *)0)
#endif
/* The kernel's own headers give kernel code offsetof without <stddef.h>. */
#ifndef offsetof
#define offsetof(type, member) __builtin_offsetof(type, member)
#endif
#endif
#include <linux/byteorder/generic.h>
#include <linux/compiler.h>
/* Every kernel header that networking code includes reaches the kernel's <linux/string.h>, so
 * kernel-tree programs call memcpy() and memset() without including it themselves. */
#include <string.h>
#endif

/* As the kernel's header (through <linux/posix_types.h>): every user of <linux/types.h> also gets
 * <linux/stddef.h>, whose __always_inline 4.x-era selftests use without defining. Not the POSIX
 * types themselves: ebcc's <bpf/bpf_helpers.h> includes this header, and a program built on a
 * vmlinux.h has its own, different, anonymous __kernel_fd_set. */
#include <linux/stddef.h>

#endif
