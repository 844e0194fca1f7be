/* ebcc freestanding header: the context of BPF_PROG_TYPE_PERF_EVENT programs. */
#if !defined(__EBCC_LINUX_BPF_PERF_EVENT_H) && !defined(__LINUX_BPF_PERF_EVENT_H__)
#define __EBCC_LINUX_BPF_PERF_EVENT_H
#define __LINUX_BPF_PERF_EVENT_H__

#include <linux/types.h>
#include <asm/bpf_perf_event.h>

struct bpf_perf_event_data {
	bpf_user_pt_regs_t regs;
	__u64 sample_period;
	__u64 addr;
};

#endif
