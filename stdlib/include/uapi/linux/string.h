/* ebcc freestanding header: kernel-tree path for <linux/string.h>. */
#ifndef __EBCC_UAPI_LINUX_STRING_H
#define __EBCC_UAPI_LINUX_STRING_H
#include <linux/string.h>
#endif
