/* ebcc freestanding header: kernel-tree path for <linux/seg6.h>. */
#ifndef __EBCC_UAPI_LINUX_SEG6_H
#define __EBCC_UAPI_LINUX_SEG6_H
#include <linux/seg6.h>
#endif
