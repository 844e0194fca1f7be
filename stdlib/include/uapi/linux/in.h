/* ebcc freestanding header: kernel-tree path for <linux/in.h>. */
#ifndef __EBCC_UAPI_LINUX_IN_H
#define __EBCC_UAPI_LINUX_IN_H
#include <linux/in.h>
#endif
