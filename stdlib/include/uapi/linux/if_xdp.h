/* ebcc freestanding header: kernel-tree path for <linux/if_xdp.h>. */
#ifndef __EBCC_UAPI_LINUX_IF_XDP_H
#define __EBCC_UAPI_LINUX_IF_XDP_H
#include <linux/if_xdp.h>
#endif
