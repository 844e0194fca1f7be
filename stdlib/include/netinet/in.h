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

/* The option levels the C library defines here (SOL_TCP and SOL_UDP are in <netinet/tcp.h> and
 * <netinet/udp.h>); BPF programs pass them to bpf_setsockopt(). */
#ifndef SOL_IP
#define SOL_IP 0
#endif
#ifndef SOL_IPV6
#define SOL_IPV6 41
#endif
#ifndef SOL_ICMPV6
#define SOL_ICMPV6 58
#endif

/* Byte-order conversions. The C library makes them macros over byte swaps when optimising; BPF
 * has no library to call, so here they are always the swab-based macros of <asm/byteorder.h>
 * (BPF is little-endian). */
#include <asm/byteorder.h>
#ifndef htons
#define htons(x) __cpu_to_be16(x)
#endif
#ifndef ntohs
#define ntohs(x) __be16_to_cpu(x)
#endif
#ifndef htonl
#define htonl(x) __cpu_to_be32(x)
#endif
#ifndef ntohl
#define ntohl(x) __be32_to_cpu(x)
#endif
#endif
