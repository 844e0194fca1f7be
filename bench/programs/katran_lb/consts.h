// SPDX-License-Identifier: MIT
/* katran_lb/consts.h: sizes, flags and indexes shared by the balancer's headers.
 *
 * Every number a control plane must agree on lives here: the map sizes, the
 * bits of a VIP's and a real's flags, the slots of the control array and of
 * the statistics array, and the constants of the packet formats the balancer
 * reads and writes.
 */
#ifndef KATRAN_LB_CONSTS_H
#define KATRAN_LB_CONSTS_H

/* ---- map sizes ---- */

#define MAX_VIPS		64
#define RING_SIZE		257	/* slots per VIP; a prime, so the modulo spreads well */
#define CH_RINGS_SIZE		(MAX_VIPS * RING_SIZE)
#define MAX_REALS		1024
#define MAX_SUPPORTED_CPUS	128
#define PER_CPU_LRU_SIZE	8192
#define FALLBACK_LRU_SIZE	1024
#define MAX_LPM_SRC		1024
#define MAX_QUIC_REALS		65536
#define MAX_DECAP_DST		16
#define ROOT_ARRAY_SIZE		3

/* ---- the control array (ctl_array): one slot per setting ---- */

#define CTL_MAC_POS		0	/* mac: the next hop every encapsulated packet goes to */
#define CTL_IFINDEX_POS		1	/* ifindex: when set, encapsulated packets are redirected there */
#define CTL_FLAGS_POS		2	/* value: CTL_F_* bits */
#define CTL_V4_SRC_POS		3	/* value: the /16 prefix of IPv4 outer sources (host order, e.g. 0xac100000) */
#define CTL_MTU_POS		4	/* value: the largest packet with its outer headers; 0: no limit */
#define CTL_MAP_SIZE		16

#define CTL_F_GUE_ENCAP		(1U << 0)	/* wrap in IP + UDP (GUE, variant 1) instead of IP-in-IP */
#define CTL_F_NO_ICMP_ECHO	(1U << 1)	/* do not answer echo requests to VIPs */

/* ---- VIP flags (vip_meta.flags) ---- */

#define F_HASH_NO_SRC_PORT	(1U << 0)	/* hash the flow without the client's port */
#define F_LRU_BYPASS		(1U << 1)	/* never consult or fill the connection table */
#define F_QUIC_VIP		(1U << 2)	/* route UDP by the QUIC connection id when it names a server */
#define F_HASH_DPORT_ONLY	(1U << 3)	/* hash on the destination port alone (sticky per port) */
#define F_SRC_ROUTING		(1U << 4)	/* the client's source prefix picks the real (lpm_src_*) */
#define F_LOCAL_VIP		(1U << 5)	/* the VIP is served here: pass it to the stack */
#define F_TCP_SERVER_ID		(1U << 6)	/* route TCP by the server id option when it names a server */

/* ---- real flags (real_definition.flags) ---- */

#define F_REAL_IPV6		(1U << 0)

/* ---- packet_description.flags ---- */

#define F_ICMP			(1U << 0)	/* an ICMP error about a flow, whose quoted header was read reversed */
#define F_SYN_SET		(1U << 1)	/* a TCP segment with SYN and without ACK */
#define F_QUIC_ROUTED		(1U << 2)	/* the real came from the connection id */

/* ---- statistics: MAX_VIPS per-VIP slots, then these ---- */

#define STATS_LRU		(MAX_VIPS + 0)	/* v1: connections the ring placed, v2: TCP non-SYN misses */
#define STATS_LRU_MISS		(MAX_VIPS + 1)	/* v1: table misses, v2: entries that had expired */
#define STATS_ICMP		(MAX_VIPS + 2)	/* v1: ICMP errors balanced, v2: ICMPv6 errors balanced */
#define STATS_ICMP_TOOBIG	(MAX_VIPS + 3)	/* v1: IPv4 "fragmentation needed", v2: ICMPv6 "packet too big" */
#define STATS_FALLBACK_LRU	(MAX_VIPS + 4)	/* v1: packets that used the global table */
#define STATS_QUIC		(MAX_VIPS + 5)	/* v1: routed by connection id, v2: id names no server */
#define STATS_DECAP		(MAX_VIPS + 6)	/* v1: IPv4 outer headers removed, v2: IPv6 */
#define STATS_SRC_ROUTING	(MAX_VIPS + 7)	/* v1: source prefix hits, v2: misses */
#define STATS_ECHO		(MAX_VIPS + 8)	/* v1: echo replies sent */
#define STATS_DROP		(MAX_VIPS + 9)	/* v1: packets dropped, v2: packets passed */
#define STATS_ICMP_TOOBIG_SENT	(MAX_VIPS + 10)	/* v1: "fragmentation needed" sent, v2: "packet too big" sent */
#define STATS_TCP_SERVER_ID	(MAX_VIPS + 11)	/* v1: routed by the option, v2: id names no server */
#define STATS_MAP_SIZE		(MAX_VIPS + 16)

/* ---- packet formats ---- */

#define PCKT_FRAGMENTED		0x3fff		/* IPv4 MF flag and fragment offset */
#define PCKT_DONT_FRAGMENT	0x4000		/* IPv4 DF flag */
#define MAX_IPV6_EXT_HEADERS	4		/* extension headers walked before giving up */
#define MAX_L4_OFF		(14 + 40 + MAX_IPV6_EXT_HEADERS * 2048)	/* the furthest a transport header can be */
#define DEFAULT_TTL		64
#define GUE_DPORT		6080
#define GUE_SPORT_BASE		0xc000		/* GUE source ports are 0xc000 | 14 bits of the flow hash */
#define IPV4_HDR_LEN_NO_OPT	20
#define IPV6_HDR_LEN		40
#define LRU_UDP_TIMEOUT_NS	(30ULL * 1000 * 1000 * 1000)

/* outer IPv6 sources: fc00:2307::/32, then the mixed client address and port */
#define IPV6_SRC_PREFIX0	0xfc002307

/* ICMP and ICMPv6 types and codes the balancer reads */
#define ICMP4_ECHO_REPLY	0
#define ICMP4_DEST_UNREACH	3
#define ICMP4_ECHO		8
#define ICMP4_FRAG_NEEDED	4
#define ICMP6_DEST_UNREACH	1
#define ICMP6_PKT_TOOBIG	2
#define ICMP6_ECHO_REQUEST	128
#define ICMP6_ECHO_REPLY	129

/* IPv6 next-header values that are extension headers */
#define NEXTHDR_HOP		0
#define NEXTHDR_ROUTING		43
#define NEXTHDR_FRAGMENT	44
#define NEXTHDR_DEST		60

/* ---- QUIC ---- */

#define QUIC_PORT		443
#define QUIC_LONG_HEADER	0x80
#define QUIC_LONG_TYPE_MASK	0x30
#define QUIC_LONG_INITIAL	0x00
#define QUIC_LONG_0RTT		0x10
#define QUIC_SHORT_CID_LEN	8	/* the length of the ids our servers hand out */
#define QUIC_MIN_CID_LEN	4
#define QUIC_CID_VERSION_SHIFT	6
#define QUIC_CID_V1		1	/* 16-bit server id in bytes 1-2 */
#define QUIC_CID_V2		2	/* 22-bit server id: the low 6 bits of byte 0, then bytes 1-2 */

/* ---- hashing ---- */

#define HASH_SEED		0x7a4b6c2d
#define HASH_SEED_V6		0x1e63b9f5

#endif
