/* ebcc freestanding header: kernel-tree path for <linux/bpf_common.h>. */
#ifndef __EBCC_UAPI_LINUX_BPF_COMMON_H
#define __EBCC_UAPI_LINUX_BPF_COMMON_H
#include <linux/bpf_common.h>
#endif
