/* ebcc freestanding header: packet types as seen in __sk_buff.pkt_type. */
#if !defined(__EBCC_LINUX_IF_PACKET_H) && !defined(__LINUX_IF_PACKET_H)
#define __EBCC_LINUX_IF_PACKET_H
#define __LINUX_IF_PACKET_H

#include <linux/types.h>

#define PACKET_HOST 0      /* addressed to this host */
#define PACKET_BROADCAST 1 /* link-layer broadcast */
#define PACKET_MULTICAST 2 /* link-layer multicast */
#define PACKET_OTHERHOST 3 /* addressed to another host */
#define PACKET_OUTGOING 4  /* sent by this host */
#define PACKET_LOOPBACK 5
#define PACKET_USER 6
#define PACKET_KERNEL 7
#define PACKET_FASTROUTE 6

#endif
