/* ebcc freestanding header: kernel-tree path for <linux/errno.h>. */
#ifndef __EBCC_UAPI_LINUX_ERRNO_H
#define __EBCC_UAPI_LINUX_ERRNO_H
#include <linux/errno.h>
#endif
