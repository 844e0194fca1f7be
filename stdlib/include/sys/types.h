/* ebcc freestanding header <sys/types.h>: the POSIX type names BPF programs use in
 * declarations (sizes for the BPF target: long and pointers are 64 bits). */
#ifndef __EBCC_SYS_TYPES_H
#define __EBCC_SYS_TYPES_H
/* Only size_t and NULL from <stddef.h>, as the C library's header does: a program built on a
 * vmlinux.h has the kernel's wchar_t (u16), which <stddef.h>'s would contradict. */
typedef unsigned long size_t;
#ifndef NULL
#define NULL ((void *)0)
#endif
#include <stdint.h>

typedef long ssize_t;
typedef long off_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int mode_t;
typedef unsigned long dev_t;
typedef unsigned long ino_t;
typedef unsigned long nlink_t;
typedef long time_t;
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
typedef unsigned char u_int8_t;
typedef unsigned short u_int16_t;
typedef unsigned int u_int32_t;
/* Kernel-tree code gets u_int64_t from <linux/types.h> too, as the kernel's __u64. */
#ifdef __KERNEL__
typedef unsigned long long u_int64_t;
#else
typedef unsigned long u_int64_t;
#endif
#endif
