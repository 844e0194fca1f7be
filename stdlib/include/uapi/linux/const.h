/* ebcc freestanding header: kernel-tree path for <linux/const.h>. */
#ifndef __EBCC_UAPI_LINUX_CONST_H
#define __EBCC_UAPI_LINUX_CONST_H
#include <linux/const.h>
#endif
