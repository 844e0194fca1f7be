/* ebcc freestanding header: kernel-tree path for <linux/igmp.h>. */
#ifndef __EBCC_UAPI_LINUX_IGMP_H
#define __EBCC_UAPI_LINUX_IGMP_H
#include <linux/igmp.h>
#endif
