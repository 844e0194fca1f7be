/* ebcc freestanding header: kernel-tree path for <linux/stddef.h>. */
#ifndef __EBCC_UAPI_LINUX_STDDEF_H
#define __EBCC_UAPI_LINUX_STDDEF_H
#include <linux/stddef.h>
#endif
