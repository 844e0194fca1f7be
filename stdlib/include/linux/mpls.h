/* ebcc freestanding header: MPLS label stack entries (RFC 3032).
 * An entry is 32 bits in network byte order: label (20), traffic class (3),
 * bottom-of-stack (1), TTL (8). The masks apply after bpf_ntohl(). */
#if !defined(__EBCC_LINUX_MPLS_H) && !defined(_MPLS_H)
#define __EBCC_LINUX_MPLS_H
#define _MPLS_H

#include <linux/types.h>
#include <asm/byteorder.h>

struct mpls_label {
	__be32 entry;
};

#define MPLS_LS_LABEL_MASK 0xFFFFF000
#define MPLS_LS_LABEL_SHIFT 12
#define MPLS_LS_TC_MASK 0x00000E00
#define MPLS_LS_TC_SHIFT 9
#define MPLS_LS_S_MASK 0x00000100
#define MPLS_LS_S_SHIFT 8
#define MPLS_LS_TTL_MASK 0x000000FF
#define MPLS_LS_TTL_SHIFT 0

/* Reserved label values. */
#define MPLS_LABEL_IPV4NULL 0
#define MPLS_LABEL_RTALERT 1
#define MPLS_LABEL_IPV6NULL 2
#define MPLS_LABEL_IMPLNULL 3
#define MPLS_LABEL_ENTROPY 7
#define MPLS_LABEL_GAL 13
#define MPLS_LABEL_OAMALERT 14
#define MPLS_LABEL_EXTENSION 15
#define MPLS_LABEL_FIRST_UNRESERVED 16

#endif
