/* ebcc freestanding header: kernel-tree path for <linux/icmpv6.h>. */
#ifndef __EBCC_UAPI_LINUX_ICMPV6_H
#define __EBCC_UAPI_LINUX_ICMPV6_H
#include <linux/icmpv6.h>
#endif
