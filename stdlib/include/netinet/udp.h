/* ebcc freestanding header <netinet/udp.h>: the C library's UDP names: SOL_UDP, the socket
 * options, and the header with both its BSD (uh_*) and Linux member names. After <linux/udp.h>,
 * whose struct has only the Linux names, that definition stands. */
#ifndef __EBCC_NETINET_UDP_H
#define __EBCC_NETINET_UDP_H
#define _NETINET_UDP_H 1

#include <stdint.h>

#define SOL_UDP 17

#ifndef _LINUX_UDP_H
#define __EBCC_NETINET_UDPHDR
/* The 8-byte header (RFC 768), named either way. */
struct udphdr {
	__extension__ union {
		struct {
			uint16_t uh_sport;
			uint16_t uh_dport;
			uint16_t uh_ulen;
			uint16_t uh_sum;
		};
		struct {
			uint16_t source;
			uint16_t dest;
			uint16_t len;
			uint16_t check;
		};
	};
};
#endif

/* Socket options at level SOL_UDP, and UDP_ENCAP types. */
#include <ebcc/udp-sockopts.h>

#endif
