/* ebcc freestanding header: kernel-tree path for <linux/if_tunnel.h>. */
#ifndef __EBCC_UAPI_LINUX_IF_TUNNEL_H
#define __EBCC_UAPI_LINUX_IF_TUNNEL_H
#include <linux/if_tunnel.h>
#endif
