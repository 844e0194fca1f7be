/* ebcc freestanding header: kernel-tree path for <linux/if_packet.h>. */
#ifndef __EBCC_UAPI_LINUX_IF_PACKET_H
#define __EBCC_UAPI_LINUX_IF_PACKET_H
#include <linux/if_packet.h>
#endif
