/* ebcc freestanding header: kernel-tree path for <linux/if_arp.h>. */
#ifndef __EBCC_UAPI_LINUX_IF_ARP_H
#define __EBCC_UAPI_LINUX_IF_ARP_H
#include <linux/if_arp.h>
#endif
