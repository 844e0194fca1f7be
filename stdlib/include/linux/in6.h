/* ebcc freestanding header: IPv6 addresses and IPv6 protocol numbers. */
#if !defined(__EBCC_LINUX_IN6_H) && !defined(_LINUX_IN6_H)
#define __EBCC_LINUX_IN6_H
#define _LINUX_IN6_H

#include <linux/types.h>

/* A 128-bit IPv6 address in network byte order, viewable as bytes,
 * 16-bit or 32-bit words. */
struct in6_addr {
	union {
		__u8 u6_addr8[16];
		__be16 u6_addr16[8];
		__be32 u6_addr32[4];
	} in6_u;
};
#define s6_addr in6_u.u6_addr8
#define s6_addr16 in6_u.u6_addr16
#define s6_addr32 in6_u.u6_addr32

struct sockaddr_in6 {
	unsigned short int sin6_family; /* AF_INET6 */
	__be16 sin6_port;
	__be32 sin6_flowinfo;
	struct in6_addr sin6_addr;
	__u32 sin6_scope_id;
};

/* Flow information: 20-bit label and 8-bit traffic class. */
#define IPV6_FLOWINFO_FLOWLABEL 0x000fffff
#define IPV6_FLOWINFO_PRIORITY 0x0ff00000

/* IPv6 extension headers, as next-header values. */
#define IPPROTO_HOPOPTS 0
#define IPPROTO_ROUTING 43
#define IPPROTO_FRAGMENT 44
#define IPPROTO_ICMPV6 58
#define IPPROTO_NONE 59
#define IPPROTO_DSTOPTS 60
#define IPPROTO_MH 135

/* Option types inside hop-by-hop and destination headers. */
#define IPV6_TLV_PAD1 0
#define IPV6_TLV_PADN 1
#define IPV6_TLV_ROUTERALERT 5
#define IPV6_TLV_CALIPSO 7
#define IPV6_TLV_IOAM 49
#define IPV6_TLV_JUMBO 194
#define IPV6_TLV_HAO 201

/* IPv6 socket options (level IPPROTO_IPV6), as bpf_setsockopt()/bpf_getsockopt() take them. */
#define IPV6_ADDRFORM 1
#define IPV6_CHECKSUM 7
#define IPV6_FLOWINFO 11
#define IPV6_UNICAST_HOPS 16
#define IPV6_MULTICAST_IF 17
#define IPV6_MULTICAST_HOPS 18
#define IPV6_MULTICAST_LOOP 19
#define IPV6_MTU_DISCOVER 23
#define IPV6_MTU 24
#define IPV6_RECVERR 25
#define IPV6_V6ONLY 26
#define IPV6_RECVPKTINFO 49
#define IPV6_PKTINFO 50
#define IPV6_RECVHOPLIMIT 51
#define IPV6_HOPLIMIT 52
#define IPV6_DONTFRAG 62
#define IPV6_RECVTCLASS 66
#define IPV6_TCLASS 67
#define IPV6_AUTOFLOWLABEL 70
#define IPV6_TRANSPARENT 75
#define IPV6_UNICAST_IF 76
#define IPV6_FREEBIND 78

#endif
