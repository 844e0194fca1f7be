/* ebcc freestanding header: kernel-tree path for <linux/netfilter.h>. */
#ifndef __EBCC_UAPI_LINUX_NETFILTER_H
#define __EBCC_UAPI_LINUX_NETFILTER_H
#include <linux/netfilter.h>
#endif
