/* ebcc freestanding header: kernel-tree path for <linux/tc_act/tc_bpf.h>. */
#ifndef __EBCC_UAPI_LINUX_TC_ACT_TC_BPF_H
#define __EBCC_UAPI_LINUX_TC_ACT_TC_BPF_H
#include <linux/tc_act/tc_bpf.h>
#endif
