/* ebcc freestanding header: kernel-tree path for <linux/pkt_cls.h>. */
#ifndef __EBCC_UAPI_LINUX_PKT_CLS_H
#define __EBCC_UAPI_LINUX_PKT_CLS_H
#include <linux/pkt_cls.h>
#endif
