/* ebcc freestanding header: kernel-tree path for <linux/seg6_local.h>. */
#ifndef __EBCC_UAPI_LINUX_SEG6_LOCAL_H
#define __EBCC_UAPI_LINUX_SEG6_LOCAL_H
#include <linux/seg6_local.h>
#endif
