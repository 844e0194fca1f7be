/* ebcc freestanding header: the generic socket address storage. */
#if !defined(__EBCC_LINUX_SOCKET_H) && !defined(_LINUX_SOCKET_H)
#define __EBCC_LINUX_SOCKET_H
#define _LINUX_SOCKET_H

#include <linux/types.h>

#define _K_SS_MAXSIZE 128

/* Defined here as in the kernel's header (a repeat of <linux/types.h>'s is the same type). */
typedef unsigned short __kernel_sa_family_t;

/* Room for any socket address, aligned for a pointer. */
struct __kernel_sockaddr_storage {
	union {
		struct {
			__kernel_sa_family_t ss_family;
			char __data[_K_SS_MAXSIZE - sizeof(unsigned short)];
		};
		void *__align;
	};
};

#define SOCK_SNDBUF_LOCK 1
#define SOCK_RCVBUF_LOCK 2
#define SOCK_BUF_LOCK_MASK (SOCK_SNDBUF_LOCK | SOCK_RCVBUF_LOCK)

#define SOCK_TXREHASH_DEFAULT 255
#define SOCK_TXREHASH_DISABLED 0
#define SOCK_TXREHASH_ENABLED 1

/* Kernel-tree code (-D__KERNEL__) includes the kernel's internal <linux/socket.h>, which also
 * defines the address families, option levels and socket options: the same values as <sys/socket.h>. */
#ifdef __KERNEL__
#include <sys/socket.h>
/* The protocol option levels, which the C library leaves to <netinet/*.h>. */
#include <ebcc/ip-levels.h>
#ifndef SOL_TCP
#define SOL_TCP 6
#endif
#ifndef SOL_UDP
#define SOL_UDP 17
#endif
#endif

#endif
