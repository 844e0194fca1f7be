/* ebcc freestanding header: kernel-tree path for <linux/ptrace.h>. */
#ifndef __EBCC_UAPI_LINUX_PTRACE_H
#define __EBCC_UAPI_LINUX_PTRACE_H
#include <linux/ptrace.h>
#endif
