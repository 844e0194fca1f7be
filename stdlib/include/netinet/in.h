/* ebcc freestanding header <netinet/in.h>: the C library's Internet address header. BPF programs
 * use it for the protocol numbers and address structs, which are the kernel's user ABI: they come
 * from <linux/in.h> and <linux/in6.h>, so a program may include both spellings. */
#ifndef __EBCC_NETINET_IN_H
#define __EBCC_NETINET_IN_H
#include <stdint.h>
#include <sys/socket.h>
#include <linux/in.h>
#include <linux/in6.h>

typedef uint16_t in_port_t;
typedef uint32_t in_addr_t;

#ifndef INET_ADDRSTRLEN
#define INET_ADDRSTRLEN 16
#endif
#ifndef INET6_ADDRSTRLEN
#define INET6_ADDRSTRLEN 46
#endif

/* The C library's option levels (SOL_IPV6, ...) and byte-order macros (htons(), ...). */
#include <ebcc/ip-levels.h>
#include <ebcc/inet-byteorder.h>
#endif
