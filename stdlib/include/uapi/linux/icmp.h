/* ebcc freestanding header: kernel-tree path for <linux/icmp.h>. */
#ifndef __EBCC_UAPI_LINUX_ICMP_H
#define __EBCC_UAPI_LINUX_ICMP_H
#include <linux/icmp.h>
#endif
