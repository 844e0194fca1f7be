/* ebcc freestanding header: kernel-tree path for <linux/bpf_perf_event.h>. */
#ifndef __EBCC_UAPI_LINUX_BPF_PERF_EVENT_H
#define __EBCC_UAPI_LINUX_BPF_PERF_EVENT_H
#include <linux/bpf_perf_event.h>
#endif
