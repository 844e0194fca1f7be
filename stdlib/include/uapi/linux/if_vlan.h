/* ebcc freestanding header: kernel-tree path for <linux/if_vlan.h>. */
#ifndef __EBCC_UAPI_LINUX_IF_VLAN_H
#define __EBCC_UAPI_LINUX_IF_VLAN_H
#include <linux/if_vlan.h>
#endif
