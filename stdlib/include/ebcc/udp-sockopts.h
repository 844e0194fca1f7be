/* ebcc freestanding header: the UDP socket options at level SOL_UDP and the UDP_ENCAP types
 * (the kernel's values), for <linux/udp.h> and <netinet/udp.h>. */
#ifndef __EBCC_UDP_SOCKOPTS_H
#define __EBCC_UDP_SOCKOPTS_H

#define UDP_CORK 1
#define UDP_ENCAP 100
#define UDP_NO_CHECK6_TX 101
#define UDP_NO_CHECK6_RX 102
#define UDP_SEGMENT 103
#define UDP_GRO 104

#define UDP_ENCAP_ESPINUDP_NON_IKE 1
#define UDP_ENCAP_ESPINUDP 2
#define UDP_ENCAP_L2TPINUDP 3
#define UDP_ENCAP_GTP0 4
#define UDP_ENCAP_GTP1U 5
#define UDP_ENCAP_RXRPC 6
#define TCP_ENCAP_ESPINTCP 7

#endif
