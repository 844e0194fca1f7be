/* ebcc freestanding header: the TCP header (RFC 9293) and socket options. */
#if !defined(__EBCC_LINUX_TCP_H) && !defined(_LINUX_TCP_H)
#define __EBCC_LINUX_TCP_H
#define _LINUX_TCP_H

#include <linux/types.h>
#include <asm/byteorder.h>

/* The fixed 20-byte TCP header. The flag bit-fields are listed in
 * little-endian allocation order: bytes 12-13 are res1, doff, then the
 * flags from FIN (lowest bit of byte 13) to CWR. */
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
#define TCP_NODELAY 1
#define TCP_MAXSEG 2
#define TCP_CORK 3
#define TCP_KEEPIDLE 4
#define TCP_KEEPINTVL 5
#define TCP_KEEPCNT 6
#define TCP_SYNCNT 7
#define TCP_LINGER2 8
#define TCP_DEFER_ACCEPT 9
#define TCP_WINDOW_CLAMP 10
#define TCP_INFO 11
#define TCP_QUICKACK 12
#define TCP_CONGESTION 13
#define TCP_MD5SIG 14
#define TCP_THIN_LINEAR_TIMEOUTS 16
#define TCP_THIN_DUPACK 17
#define TCP_USER_TIMEOUT 18
#define TCP_REPAIR 19
#define TCP_REPAIR_QUEUE 20
#define TCP_QUEUE_SEQ 21
#define TCP_REPAIR_OPTIONS 22
#define TCP_FASTOPEN 23
#define TCP_TIMESTAMP 24
#define TCP_NOTSENT_LOWAT 25
#define TCP_CC_INFO 26
#define TCP_SAVE_SYN 27
#define TCP_SAVED_SYN 28
#define TCP_REPAIR_WINDOW 29
#define TCP_FASTOPEN_CONNECT 30
#define TCP_ULP 31
#define TCP_MD5SIG_EXT 32
#define TCP_FASTOPEN_KEY 33
#define TCP_FASTOPEN_NO_COOKIE 34
#define TCP_ZEROCOPY_RECEIVE 35
#define TCP_INQ 36
#define TCP_TX_DELAY 37

#endif
