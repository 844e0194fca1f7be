/* ebcc freestanding header: kernel-tree path for <linux/lwtunnel.h>. */
#ifndef __EBCC_UAPI_LINUX_LWTUNNEL_H
#define __EBCC_UAPI_LINUX_LWTUNNEL_H
#include <linux/lwtunnel.h>
#endif
