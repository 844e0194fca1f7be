/* ebcc freestanding header: kernel-tree path for <linux/ipv6.h>. */
#ifndef __EBCC_UAPI_LINUX_IPV6_H
#define __EBCC_UAPI_LINUX_IPV6_H
#include <linux/ipv6.h>
#endif
