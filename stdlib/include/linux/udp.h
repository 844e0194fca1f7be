/* ebcc freestanding header: the UDP header (RFC 768) and socket options. */
#if !defined(__EBCC_LINUX_UDP_H) && !defined(_LINUX_UDP_H)
#define __EBCC_LINUX_UDP_H
#define _LINUX_UDP_H

#include <linux/types.h>

#ifndef __EBCC_NETINET_UDPHDR /* <netinet/udp.h> defines it with the BSD names as well */
struct udphdr {
	__be16 source;
	__be16 dest;
	__be16 len; /* header plus payload, in bytes */
	__sum16 check;
};
#endif

/* Socket options at level SOL_UDP, and UDP_ENCAP types. */
#include <ebcc/udp-sockopts.h>

#endif
