// SPDX-License-Identifier: MIT
/* katran_lb/quic.h: finding the server a QUIC packet's connection id names.
 *
 * A QUIC client picks the destination connection id of its first packets
 * (Initial, 0-RTT); after that it uses the id the server handed out. Our
 * servers write their id into that connection id, so a packet that carries
 * one can go to its server with no connection entry: after a change of the
 * client's address or port (connection migration) too.
 *
 * Connection id layout (first bytes), by the version in the top two bits:
 *   version 1: byte 0 = 01xxxxxx, server id = bytes 1-2 (16 bits)
 *   version 2: byte 0 = 10hhhhhh, server id = hhhhhh, byte 1, byte 2 (22 bits)
 * Long headers: flags(1) version(4) dcid_len(1) dcid(...);
 * short headers: flags(1) dcid(QUIC_SHORT_CID_LEN).
 */
#ifndef KATRAN_LB_QUIC_H
#define KATRAN_LB_QUIC_H

#include <stdbool.h>
#include <linux/types.h>
#include <linux/udp.h>
#include "consts.h"

struct quic_long_header {
	__u8 flags;
	__be32 version;
	__u8 dcid_len;
	__u8 dcid[QUIC_MIN_CID_LEN];
} __attribute__((packed));

struct quic_short_header {
	__u8 flags;
	__u8 dcid[QUIC_MIN_CID_LEN];
} __attribute__((packed));

/* The server id in a connection id's first bytes, or 0 for an unknown version. */
static __always_inline __u32 quic_cid_server_id(const __u8 *cid)
{
	__u8 version = cid[0] >> QUIC_CID_VERSION_SHIFT;

	if (version == QUIC_CID_V1)
		return ((__u32)cid[1] << 8) | cid[2];
	if (version == QUIC_CID_V2)
		return ((__u32)(cid[0] & 0x3f) << 16) | ((__u32)cid[1] << 8) | cid[2];
	return 0;
}

/*
 * The server id of the QUIC packet whose UDP header is at l4_off; 0 when the
 * packet carries a client-chosen id (Initial, 0-RTT), an id too short to hold
 * one, an unknown id version, or is too short to tell.
 */
static __always_inline __u32 quic_server_id(void *data, void *data_end, __u32 l4_off)
{
	__u32 off;
	__u8 *flags;

	/* l4_off was stored in 16 bits; bound it again for the verifier. */
	if (l4_off > MAX_L4_OFF)
		return 0;
	off = l4_off + sizeof(struct udphdr);
	flags = data + off;

	if ((void *)(flags + 1) > data_end)
		return 0;
	if (*flags & QUIC_LONG_HEADER) {
		struct quic_long_header *lh = data + off;
		__u8 type = lh->flags & QUIC_LONG_TYPE_MASK;

		if ((void *)(lh + 1) > data_end)
			return 0;
		if (type == QUIC_LONG_INITIAL || type == QUIC_LONG_0RTT)
			return 0;
		if (lh->dcid_len < QUIC_MIN_CID_LEN)
			return 0;
		return quic_cid_server_id(lh->dcid);
	}

	struct quic_short_header *sh = data + off;

	if ((void *)(sh + 1) > data_end)
		return 0;
	return quic_cid_server_id(sh->dcid);
}

#endif
