/* ebcc freestanding header: kernel-tree path for <linux/mpls.h>. */
#ifndef __EBCC_UAPI_LINUX_MPLS_H
#define __EBCC_UAPI_LINUX_MPLS_H
#include <linux/mpls.h>
#endif
