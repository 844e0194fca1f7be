/* A project's own copy of part of the BPF user ABI header, guarded with the
 * kernel's include guard as such copies are. Included after <linux/bpf.h>, it
 * must be skipped: compiled, its enum and struct would be redefinitions.
 * Written for ebcc's tests. */
#ifndef __LINUX_BPF_H__
#define __LINUX_BPF_H__

enum xdp_action {
	XDP_ABORTED = 0,
	XDP_DROP,
	XDP_PASS,
	XDP_TX,
	XDP_REDIRECT,
};

struct xdp_md {
	__u32 data;
	__u32 data_end;
	__u32 data_meta;
};

#endif
