/* ebcc freestanding header: the TCP header (RFC 9293) and socket options. */
#if !defined(__EBCC_LINUX_TCP_H) && !defined(_LINUX_TCP_H)
#define __EBCC_LINUX_TCP_H
#define _LINUX_TCP_H

#include <linux/types.h>
#include <asm/byteorder.h>

/* The fixed 20-byte TCP header. The flag bit-fields are listed in
 * little-endian allocation order: bytes 12-13 are res1, doff, then the
 * flags from FIN (lowest bit of byte 13) to CWR. */
#ifndef __EBCC_NETINET_TCPHDR /* <netinet/tcp.h> defines it with the BSD names as well */
struct tcphdr {
	__be16 source;
	__be16 dest;
	__be32 seq;
	__be32 ack_seq;
	__u16 res1 : 4,
	      doff : 4, /* header length in 32-bit words */
	      fin : 1,
	      syn : 1,
	      rst : 1,
	      psh : 1,
	      ack : 1,
	      urg : 1,
	      ece : 1,
	      cwr : 1;
	__be16 window;
	__sum16 check;
	__be16 urg_ptr;
};
#endif

/* The header as five 32-bit words; word 3 holds offset and flags. */
union tcp_word_hdr {
	struct tcphdr hdr;
	__be32 words[5];
};

#define tcp_flag_word(tp) (((union tcp_word_hdr *)(tp))->words[3])

/* Masks for tcp_flag_word(), already in network byte order (these are the
 * byte-swapped values of 0x00800000 ... 0xF0000000 on a little-endian CPU). */
enum {
	TCP_FLAG_CWR = 0x00008000,
	TCP_FLAG_ECE = 0x00004000,
	TCP_FLAG_URG = 0x00002000,
	TCP_FLAG_ACK = 0x00001000,
	TCP_FLAG_PSH = 0x00000800,
	TCP_FLAG_RST = 0x00000400,
	TCP_FLAG_SYN = 0x00000200,
	TCP_FLAG_FIN = 0x00000100,
	TCP_RESERVED_BITS = 0x0000000F,
	TCP_DATA_OFFSET = 0x000000F0
};

#define TCP_MSS_DEFAULT 536U
#define TCP_MSS_DESIRED 1220U

/* Socket options at level SOL_TCP. */
#include <ebcc/tcp-sockopts.h>

#endif
