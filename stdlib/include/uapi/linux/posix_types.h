/* ebcc freestanding header: kernel-tree path for <linux/posix_types.h>. */
#ifndef __EBCC_UAPI_LINUX_POSIX_TYPES_H
#define __EBCC_UAPI_LINUX_POSIX_TYPES_H
#include <linux/posix_types.h>
#endif
