/* ebcc freestanding header: kernel-tree path for <linux/types.h>. */
#ifndef __EBCC_UAPI_LINUX_TYPES_H
#define __EBCC_UAPI_LINUX_TYPES_H
#include <linux/types.h>
#endif
