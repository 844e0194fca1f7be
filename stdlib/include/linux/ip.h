/* ebcc freestanding header: the IPv4 header (RFC 791) and its option codes.
 * Fragment bits (IP_MF, IP_DF, IP_OFFSET) are not part of this header in
 * the kernel's user ABI either; programs define them themselves. */
#if !defined(__EBCC_LINUX_IP_H) && !defined(_LINUX_IP_H)
#define __EBCC_LINUX_IP_H
#define _LINUX_IP_H

#include <linux/types.h>
#include <linux/stddef.h>
#include <asm/byteorder.h>
/* Kernel-tree code (-D__KERNEL__) gets the kernel's internal <linux/ip.h>, which brings in
 * <linux/skbuff.h> and with it the Ethernet header (struct ethhdr, ETH_HLEN) and the
 * traffic-control return codes (TC_ACT_*). */
#ifdef __KERNEL__
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#endif

/* Type-of-service byte. */
#define IPTOS_TOS_MASK 0x1E
#define IPTOS_TOS(tos) ((tos) & IPTOS_TOS_MASK)
#define IPTOS_LOWDELAY 0x10
#define IPTOS_THROUGHPUT 0x08
#define IPTOS_RELIABILITY 0x04
#define IPTOS_MINCOST 0x02

#define IPTOS_PREC_MASK 0xE0
#define IPTOS_PREC(tos) ((tos) & IPTOS_PREC_MASK)
#define IPTOS_PREC_NETCONTROL 0xe0
#define IPTOS_PREC_INTERNETCONTROL 0xc0
#define IPTOS_PREC_CRITIC_ECP 0xa0
#define IPTOS_PREC_FLASHOVERRIDE 0x80
#define IPTOS_PREC_FLASH 0x60
#define IPTOS_PREC_IMMEDIATE 0x40
#define IPTOS_PREC_PRIORITY 0x20
#define IPTOS_PREC_ROUTINE 0x00

/* Option type byte: copied flag, class, number. */
#define IPOPT_COPY 0x80
#define IPOPT_CLASS_MASK 0x60
#define IPOPT_NUMBER_MASK 0x1f
#define IPOPT_COPIED(o) ((o) & IPOPT_COPY)
#define IPOPT_CLASS(o) ((o) & IPOPT_CLASS_MASK)
#define IPOPT_NUMBER(o) ((o) & IPOPT_NUMBER_MASK)

#define IPOPT_CONTROL 0x00
#define IPOPT_RESERVED1 0x20
#define IPOPT_MEASUREMENT 0x40
#define IPOPT_RESERVED2 0x60

#define IPOPT_END (0 | IPOPT_CONTROL)
#define IPOPT_NOOP (1 | IPOPT_CONTROL)
#define IPOPT_SEC (2 | IPOPT_CONTROL | IPOPT_COPY)
#define IPOPT_LSRR (3 | IPOPT_CONTROL | IPOPT_COPY)
#define IPOPT_TIMESTAMP (4 | IPOPT_MEASUREMENT)
#define IPOPT_CIPSO (6 | IPOPT_CONTROL | IPOPT_COPY)
#define IPOPT_RR (7 | IPOPT_CONTROL)
#define IPOPT_SID (8 | IPOPT_CONTROL | IPOPT_COPY)
#define IPOPT_SSRR (9 | IPOPT_CONTROL | IPOPT_COPY)
#define IPOPT_RA (20 | IPOPT_CONTROL | IPOPT_COPY)

#define IPVERSION 4
#define MAXTTL 255
#define IPDEFTTL 64

/* Byte positions inside an option. */
#define IPOPT_OPTVAL 0
#define IPOPT_OLEN 1
#define IPOPT_OFFSET 2
#define IPOPT_MINOFF 4
#define MAX_IPOPTLEN 40
#define IPOPT_NOP IPOPT_NOOP
#define IPOPT_EOL IPOPT_END
#define IPOPT_TS IPOPT_TIMESTAMP

#define IPOPT_TS_TSONLY 0
#define IPOPT_TS_TSANDADDR 1
#define IPOPT_TS_PRESPEC 3

#define IPV4_BEET_PHMAXLEN 8

/* The IPv4 header without options (20 bytes). On a little-endian CPU the
 * first bit-field is the low nibble of the first byte: ihl, then version. */
struct iphdr {
	__u8 ihl : 4,   /* header length in 32-bit words */
	     version : 4;
	__u8 tos;
	__be16 tot_len;
	__be16 id;
	__be16 frag_off; /* flags (top 3 bits) and fragment offset */
	__u8 ttl;
	__u8 protocol;   /* IPPROTO_* */
	__sum16 check;
	union {
		struct {
			__be32 saddr;
			__be32 daddr;
		};
		struct {
			__be32 saddr;
			__be32 daddr;
		} addrs; /* both addresses as one unit */
	};
};

/* IPsec authentication header (RFC 4302). */
struct ip_auth_hdr {
	__u8 nexthdr;
	__u8 hdrlen; /* in 32-bit words, minus 2 */
	__be16 reserved;
	__be32 spi;
	__be32 seq_no;
	__u8 auth_data[];
};

/* IPsec encapsulating security payload header (RFC 4303). */
struct ip_esp_hdr {
	__be32 spi;
	__be32 seq_no;
	__u8 enc_data[];
};

/* IP payload compression header (RFC 3173). */
struct ip_comp_hdr {
	__u8 nexthdr;
	__u8 flags;
	__be16 cpi;
};

struct ip_beet_phdr {
	__u8 nexthdr;
	__u8 hdrlen;
	__u8 padlen;
	__u8 reserved;
};

#endif
