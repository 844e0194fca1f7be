/* ebcc freestanding header: kernel-tree path for <linux/version.h>. */
#ifndef __EBCC_UAPI_LINUX_VERSION_H
#define __EBCC_UAPI_LINUX_VERSION_H
#include <linux/version.h>
#endif
