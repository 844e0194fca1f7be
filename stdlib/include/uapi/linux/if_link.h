/* ebcc freestanding header: kernel-tree path for <linux/if_link.h>. */
#ifndef __EBCC_UAPI_LINUX_IF_LINK_H
#define __EBCC_UAPI_LINUX_IF_LINK_H
#include <linux/if_link.h>
#endif
