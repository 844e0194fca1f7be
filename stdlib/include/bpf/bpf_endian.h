/* ebcc freestanding header <bpf/bpf_endian.h>: network/host byte-order
 * conversion for BPF programs, which always run little-endian (bpfel).
 * With a constant argument each macro folds to a constant (usable in case
 * labels and initializers); otherwise it becomes a byte-swap instruction. */
#ifndef __EBCC_BPF_ENDIAN_H
#define __EBCC_BPF_ENDIAN_H

#include <linux/swab.h>

/* Always the constant-expression form. */
#define __bpf_constant_htons(x) ___constant_swab16(x)
#define __bpf_constant_ntohs(x) ___constant_swab16(x)
#define __bpf_constant_htonl(x) ___constant_swab32(x)
#define __bpf_constant_ntohl(x) ___constant_swab32(x)
#define __bpf_constant_cpu_to_be64(x) ___constant_swab64(x)
#define __bpf_constant_be64_to_cpu(x) ___constant_swab64(x)

/* Always the instruction form. */
#define __bpf_htons(x) __builtin_bswap16(x)
#define __bpf_ntohs(x) __builtin_bswap16(x)
#define __bpf_htonl(x) __builtin_bswap32(x)
#define __bpf_ntohl(x) __builtin_bswap32(x)
#define __bpf_cpu_to_be64(x) __builtin_bswap64(x)
#define __bpf_be64_to_cpu(x) __builtin_bswap64(x)

#define bpf_htons(x) \
	(__builtin_constant_p(x) ? __bpf_constant_htons(x) : __bpf_htons(x))
#define bpf_ntohs(x) \
	(__builtin_constant_p(x) ? __bpf_constant_ntohs(x) : __bpf_ntohs(x))
#define bpf_htonl(x) \
	(__builtin_constant_p(x) ? __bpf_constant_htonl(x) : __bpf_htonl(x))
#define bpf_ntohl(x) \
	(__builtin_constant_p(x) ? __bpf_constant_ntohl(x) : __bpf_ntohl(x))
#define bpf_cpu_to_be64(x) \
	(__builtin_constant_p(x) ? __bpf_constant_cpu_to_be64(x) : __bpf_cpu_to_be64(x))
#define bpf_be64_to_cpu(x) \
	(__builtin_constant_p(x) ? __bpf_constant_be64_to_cpu(x) : __bpf_be64_to_cpu(x))

#endif
