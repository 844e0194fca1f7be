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

/* Socket options at level SOL_UDP. */
#define UDP_CORK 1
#define UDP_ENCAP 100
#define UDP_NO_CHECK6_TX 101
#define UDP_NO_CHECK6_RX 102
#define UDP_SEGMENT 103
#define UDP_GRO 104

/* UDP_ENCAP types. */
#define UDP_ENCAP_ESPINUDP_NON_IKE 1
#define UDP_ENCAP_ESPINUDP 2
#define UDP_ENCAP_L2TPINUDP 3
#define UDP_ENCAP_GTP0 4
#define UDP_ENCAP_GTP1U 5
#define UDP_ENCAP_RXRPC 6
#define TCP_ENCAP_ESPINTCP 7

#endif
