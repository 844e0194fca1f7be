/* ebcc freestanding header: kernel-tree path for <linux/erspan.h>. */
#ifndef __EBCC_UAPI_LINUX_ERSPAN_H
#define __EBCC_UAPI_LINUX_ERSPAN_H
#include <linux/erspan.h>
#endif
