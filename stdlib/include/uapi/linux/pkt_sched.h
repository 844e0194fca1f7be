/* ebcc freestanding header: kernel-tree path for <linux/pkt_sched.h>. */
#ifndef __EBCC_UAPI_LINUX_PKT_SCHED_H
#define __EBCC_UAPI_LINUX_PKT_SCHED_H
#include <linux/pkt_sched.h>
#endif
