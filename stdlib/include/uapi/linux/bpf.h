/* ebcc freestanding header: kernel-tree path for <linux/bpf.h>. */
#ifndef __EBCC_UAPI_LINUX_BPF_H
#define __EBCC_UAPI_LINUX_BPF_H
#include <linux/bpf.h>
#endif
