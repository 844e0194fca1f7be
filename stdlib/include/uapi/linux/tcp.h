/* ebcc freestanding header: kernel-tree path for <linux/tcp.h>. */
#ifndef __EBCC_UAPI_LINUX_TCP_H
#define __EBCC_UAPI_LINUX_TCP_H
#include <linux/tcp.h>
#endif
