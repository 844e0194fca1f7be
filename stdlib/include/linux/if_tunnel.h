/* ebcc freestanding header: GRE header flag bits (RFC 2784, 2890).
 * Each value is in network byte order, ready to test against the first
 * 16 bits of a GRE header. The tunnel ioctl structures are not provided. */
#if !defined(__EBCC_LINUX_IF_TUNNEL_H) && !defined(_IF_TUNNEL_H_)
#define __EBCC_LINUX_IF_TUNNEL_H
#define _IF_TUNNEL_H_

#include <linux/types.h>
#include <asm/byteorder.h>

#define GRE_CSUM __constant_cpu_to_be16(0x8000)
#define GRE_ROUTING __constant_cpu_to_be16(0x4000)
#define GRE_KEY __constant_cpu_to_be16(0x2000)
#define GRE_SEQ __constant_cpu_to_be16(0x1000)
#define GRE_STRICT __constant_cpu_to_be16(0x0800)
#define GRE_REC __constant_cpu_to_be16(0x0700)
#define GRE_ACK __constant_cpu_to_be16(0x0080)
#define GRE_FLAGS __constant_cpu_to_be16(0x0078)
#define GRE_VERSION __constant_cpu_to_be16(0x0007)

#define GRE_IS_CSUM(f) ((f) & GRE_CSUM)
#define GRE_IS_ROUTING(f) ((f) & GRE_ROUTING)
#define GRE_IS_KEY(f) ((f) & GRE_KEY)
#define GRE_IS_SEQ(f) ((f) & GRE_SEQ)
#define GRE_IS_STRICT(f) ((f) & GRE_STRICT)
#define GRE_IS_REC(f) ((f) & GRE_REC)
#define GRE_IS_ACK(f) ((f) & GRE_ACK)

#define GRE_VERSION_0 __constant_cpu_to_be16(0x0000)
#define GRE_VERSION_1 __constant_cpu_to_be16(0x0001)
#define GRE_PROTO_PPP __constant_cpu_to_be16(0x880b)
#define GRE_PPTP_KEY_MASK __constant_cpu_to_be32(0xffff)

/* Flags of the encapsulation options of tunnel devices. */
#define TUNNEL_ENCAP_FLAG_CSUM (1 << 0)
#define TUNNEL_ENCAP_FLAG_CSUM6 (1 << 1)
#define TUNNEL_ENCAP_FLAG_REMCSUM (1 << 2)

#endif
