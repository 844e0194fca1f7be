/* ebcc freestanding header: kernel-tree path for <linux/udp.h>. */
#ifndef __EBCC_UAPI_LINUX_UDP_H
#define __EBCC_UAPI_LINUX_UDP_H
#include <linux/udp.h>
#endif
