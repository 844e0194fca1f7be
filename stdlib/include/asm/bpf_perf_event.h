/* ebcc freestanding header: the register frame a perf-event BPF program sees (x86-64). */
#ifndef __EBCC_ASM_BPF_PERF_EVENT_H
#define __EBCC_ASM_BPF_PERF_EVENT_H

#include <asm/ptrace.h>

typedef struct pt_regs bpf_user_pt_regs_t;

#endif
