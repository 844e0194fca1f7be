/* ebcc freestanding header: kernel-tree path for <linux/ip.h>. */
#ifndef __EBCC_UAPI_LINUX_IP_H
#define __EBCC_UAPI_LINUX_IP_H
#include <linux/ip.h>
#endif
