/* ebcc freestanding header: htonl(), ntohl(), htons() and ntohs() as the swab-based macros of
 * <asm/byteorder.h> (BPF is little-endian). The C library's <netinet/in.h> and the kernel's
 * <linux/byteorder/generic.h> both give these names; each of ebcc's includes this. A program's
 * own definition comes first. */
#ifndef __EBCC_INET_BYTEORDER_H
#define __EBCC_INET_BYTEORDER_H
#include <asm/byteorder.h>

#ifndef htonl
#define htonl(x) __cpu_to_be32(x)
#endif
#ifndef ntohl
#define ntohl(x) __be32_to_cpu(x)
#endif
#ifndef htons
#define htons(x) __cpu_to_be16(x)
#endif
#ifndef ntohs
#define ntohs(x) __be16_to_cpu(x)
#endif
#endif
