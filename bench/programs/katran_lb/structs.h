// SPDX-License-Identifier: MIT
/* katran_lb/structs.h: the keys and values of the balancer's maps, and the
 * description of one packet that the parsing code fills in.
 *
 * Addresses are unions of an IPv4 and an IPv6 form, so that one map serves
 * both families; the IPv4 form is the first word and the rest stays zero.
 * Every layout is fixed (no implicit padding), because a control plane writes
 * these bytes.
 */
#ifndef KATRAN_LB_STRUCTS_H
#define KATRAN_LB_STRUCTS_H

#include <linux/types.h>

/* A VIP: address, port and protocol (port 0: every port of the address). */
struct vip_definition {
	union {
		__be32 vip;
		__be32 vipv6[4];
	};
	__be16 port;
	__u8 proto;
	__u8 pad;
};

struct vip_meta {
	__u32 flags;		/* F_HASH_NO_SRC_PORT, F_QUIC_VIP, ... */
	__u32 vip_num;		/* its row of the rings and its statistics slot */
};

/* A real server: where packets of a VIP are tunnelled to. */
struct real_definition {
	union {
		__be32 dst;
		__be32 dstv6[4];
	};
	__u8 flags;		/* F_REAL_IPV6 */
	__u8 pad[3];
};

/* The 5-tuple of a flow, as the client sent it. */
struct flow_key {
	union {
		__be32 src;
		__be32 srcv6[4];
	};
	union {
		__be32 dst;
		__be32 dstv6[4];
	};
	union {
		__u32 ports;
		__be16 port16[2];	/* [0] the client's port, [1] the VIP's */
	};
	__u8 proto;
	__u8 pad[3];
};

/* A connection table entry: the real's index and when the flow was last seen. */
struct real_pos_lru {
	__u32 pos;
	__u32 pad;
	__u64 atime;
};

/* A control array slot; which member counts depends on the slot (CTL_*_POS). */
struct ctl_value {
	union {
		__u64 value;
		__u32 ifindex;
		__u8 mac[6];
	};
};

/* Two counters; what they count depends on the slot (STATS_*). */
struct lb_stats {
	__u64 v1;
	__u64 v2;
};

struct v4_lpm_key {
	__u32 prefixlen;
	__be32 addr;
};

struct v6_lpm_key {
	__u32 prefixlen;
	__be32 addr[4];
};

/* An address the balancer owns: tunnelled packets to it are decapsulated. */
struct address {
	union {
		__be32 addr;
		__be32 addrv6[4];
	};
};

/* What parsing learnt about one packet. */
struct packet_description {
	struct flow_key flow;
	__u32 real_index;
	__u16 l4_off;		/* the transport header's offset from the start of the frame */
	__u16 pkt_bytes;	/* the IP packet's length, from its header */
	__u8 flags;		/* F_ICMP, F_SYN_SET, F_QUIC_ROUTED */
	__u8 tos;		/* IPv4 TOS or IPv6 traffic class, copied to the outer header */
	__u8 is_ipv6;
	__u8 dont_fragment;	/* IPv4 DF: a packet too big gets an ICMP error back */
};

#endif
