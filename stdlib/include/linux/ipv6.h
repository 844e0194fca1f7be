/* ebcc freestanding header: the IPv6 header (RFC 8200) and extension headers. */
#if !defined(__EBCC_LINUX_IPV6_H) && !defined(_IPV6_H)
#define __EBCC_LINUX_IPV6_H
#define _IPV6_H

#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/in6.h>
#include <asm/byteorder.h>
/* Kernel-tree code (-D__KERNEL__) gets the kernel's internal <linux/ipv6.h>, which includes
 * <linux/tcp.h> and <linux/udp.h>. */
#ifdef __KERNEL__
#include <linux/tcp.h>
#include <linux/udp.h>
#endif

#define IPV6_MIN_MTU 1280

/* Routing header types. */
#define IPV6_SRCRT_STRICT 0x01
#define IPV6_SRCRT_TYPE_0 0
#define IPV6_SRCRT_TYPE_2 2
#define IPV6_SRCRT_TYPE_3 3
#define IPV6_SRCRT_TYPE_4 4

/* Generic routing header. */
struct ipv6_rt_hdr {
	__u8 nexthdr;
	__u8 hdrlen; /* in 8-byte units, not counting the first 8 */
	__u8 type;
	__u8 segments_left;
};

/* Start of a hop-by-hop or destination options header. */
struct ipv6_opt_hdr {
	__u8 nexthdr;
	__u8 hdrlen; /* in 8-byte units, not counting the first 8 */
} __attribute__((packed));

#define ipv6_destopt_hdr ipv6_opt_hdr
#define ipv6_hopopt_hdr ipv6_opt_hdr

/* The fixed 40-byte IPv6 header. On a little-endian CPU the first
 * bit-field is the low nibble of the first byte: the upper half of the
 * traffic class ("priority"), then version. */
struct ipv6hdr {
	__u8 priority : 4,
	     version : 4;
	__u8 flow_lbl[3]; /* rest of traffic class and the flow label */
	__be16 payload_len;
	__u8 nexthdr;     /* IPPROTO_* or an extension header */
	__u8 hop_limit;
	union {
		struct {
			struct in6_addr saddr;
			struct in6_addr daddr;
		};
		struct {
			struct in6_addr saddr;
			struct in6_addr daddr;
		} addrs; /* both addresses as one unit */
	};
};

#endif
