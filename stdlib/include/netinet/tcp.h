/* ebcc freestanding header <netinet/tcp.h>: the C library's TCP names, for the
 * little-endian BPF target: SOL_TCP and the TCP socket options that
 * cgroup sockopt and sock_addr programs pass to bpf_{get,set}sockopt(), the
 * header with both its BSD (th_*) and Linux member names, and the option
 * kinds and lengths. */
#ifndef __EBCC_NETINET_TCP_H
#define __EBCC_NETINET_TCP_H
#define _NETINET_TCP_H 1

#include <stdint.h>

#define SOL_TCP 6

/* Socket options at level SOL_TCP; the C library also keeps the retired 15. */
#include <ebcc/tcp-sockopts.h>
#define TCP_COOKIE_TRANSACTIONS 15
#define TCP_CM_INQ TCP_INQ

#define TCP_REPAIR_ON 1
#define TCP_REPAIR_OFF 0
#define TCP_REPAIR_OFF_NO_WP -1

typedef uint32_t tcp_seq;

#ifndef _LINUX_TCP_H
#define __EBCC_NETINET_TCPHDR
/* The 20-byte header; bytes 12-13 hold the data offset and the flags, named
 * either way. */
struct tcphdr {
	__extension__ union {
		struct {
			uint16_t th_sport;
			uint16_t th_dport;
			tcp_seq th_seq;
			tcp_seq th_ack;
			uint8_t th_x2:4;
			uint8_t th_off:4;
			uint8_t th_flags;
			uint16_t th_win;
			uint16_t th_sum;
			uint16_t th_urp;
		};
		struct {
			uint16_t source;
			uint16_t dest;
			uint32_t seq;
			uint32_t ack_seq;
			uint16_t res1:4;
			uint16_t doff:4;
			uint16_t fin:1;
			uint16_t syn:1;
			uint16_t rst:1;
			uint16_t psh:1;
			uint16_t ack:1;
			uint16_t urg:1;
			uint16_t res2:2;
			uint16_t window;
			uint16_t check;
			uint16_t urg_ptr;
		};
	};
};
#endif

/* th_flags bits. */
#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_PUSH 0x08
#define TH_ACK 0x10
#define TH_URG 0x20

/* Option kinds and lengths. */
#define TCPOPT_EOL 0
#define TCPOPT_NOP 1
#define TCPOPT_MAXSEG 2
#define TCPOLEN_MAXSEG 4
#define TCPOPT_WINDOW 3
#define TCPOLEN_WINDOW 3
#define TCPOPT_SACK_PERMITTED 4
#define TCPOLEN_SACK_PERMITTED 2
#define TCPOPT_SACK 5
#define TCPOPT_TIMESTAMP 8
#define TCPOLEN_TIMESTAMP 10
#define TCPOLEN_TSTAMP_APPA (TCPOLEN_TIMESTAMP + 2)
#define TCPOPT_TSTAMP_HDR (TCPOPT_NOP << 24 | TCPOPT_NOP << 16 | TCPOPT_TIMESTAMP << 8 | TCPOLEN_TIMESTAMP)

#define TCP_MSS 512
#define TCP_MAXWIN 65535
#define TCP_MAX_WINSHIFT 14

/* tcpi_options bits of struct tcp_info. */
#define TCPI_OPT_TIMESTAMPS 1
#define TCPI_OPT_SACK 2
#define TCPI_OPT_WSCALE 4
#define TCPI_OPT_ECN 8
#define TCPI_OPT_ECN_SEEN 16
#define TCPI_OPT_SYN_DATA 32

#endif
