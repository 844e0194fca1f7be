/* ebcc freestanding header: the context of BPF_PROG_TYPE_PERF_EVENT programs. */
#ifndef __EBCC_LINUX_BPF_PERF_EVENT_H
#define __EBCC_LINUX_BPF_PERF_EVENT_H

#include <linux/types.h>
#include <asm/bpf_perf_event.h>

struct bpf_perf_event_data {
	bpf_user_pt_regs_t regs;
	__u64 sample_period;
	__u64 addr;
};

#endif
