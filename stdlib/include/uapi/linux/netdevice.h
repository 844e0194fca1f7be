/* ebcc freestanding header: kernel-tree path for <linux/netdevice.h>. */
#ifndef __EBCC_UAPI_LINUX_NETDEVICE_H
#define __EBCC_UAPI_LINUX_NETDEVICE_H
#include <linux/netdevice.h>
#endif
