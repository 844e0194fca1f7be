/* ebcc freestanding header: kernel-tree path for <linux/swab.h>. */
#ifndef __EBCC_UAPI_LINUX_SWAB_H
#define __EBCC_UAPI_LINUX_SWAB_H
#include <linux/swab.h>
#endif
