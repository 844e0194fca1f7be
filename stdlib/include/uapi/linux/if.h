/* ebcc freestanding header: kernel-tree path for <linux/if.h>. */
#ifndef __EBCC_UAPI_LINUX_IF_H
#define __EBCC_UAPI_LINUX_IF_H
#include <linux/if.h>
#endif
