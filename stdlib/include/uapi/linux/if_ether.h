/* ebcc freestanding header: kernel-tree path for <linux/if_ether.h>. */
#ifndef __EBCC_UAPI_LINUX_IF_ETHER_H
#define __EBCC_UAPI_LINUX_IF_ETHER_H
#include <linux/if_ether.h>
#endif
