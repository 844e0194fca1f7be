/* ebcc freestanding header: kernel-tree path for <linux/limits.h>. */
#ifndef __EBCC_UAPI_LINUX_LIMITS_H
#define __EBCC_UAPI_LINUX_LIMITS_H
#include <linux/limits.h>
#endif
