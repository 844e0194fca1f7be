/* ebcc freestanding header: kernel-tree path for <linux/in6.h>. */
#ifndef __EBCC_UAPI_LINUX_IN6_H
#define __EBCC_UAPI_LINUX_IN6_H
#include <linux/in6.h>
#endif
