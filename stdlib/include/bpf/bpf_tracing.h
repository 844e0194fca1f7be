/* ebcc freestanding header <bpf/bpf_tracing.h>.
 * Tracing programs (kprobes, fentry, tracepoints) are outside ebcc's scope:
 * they need the kernel's internal types (vmlinux.h) and CO-RE relocations.
 * This header exists so that networking programs that include it out of
 * habit still compile; it defines nothing. */
#ifndef __EBCC_BPF_TRACING_H
#define __EBCC_BPF_TRACING_H
#endif
