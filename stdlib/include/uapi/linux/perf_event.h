/* ebcc freestanding header: kernel-tree path for <linux/perf_event.h>. */
#ifndef __EBCC_UAPI_LINUX_PERF_EVENT_H
#define __EBCC_UAPI_LINUX_PERF_EVENT_H
#include <linux/perf_event.h>
#endif
