/* ebcc freestanding header: kernel-tree path for <linux/filter.h>. */
#ifndef __EBCC_UAPI_LINUX_FILTER_H
#define __EBCC_UAPI_LINUX_FILTER_H
#include <linux/filter.h>
#endif
