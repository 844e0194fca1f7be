// SPDX-License-Identifier: MIT
/* katran_lb/tcp_opt.h: the server id in a TCP header option.
 *
 * Our servers put their id in every segment they send after the handshake,
 * in a private option (kind TCP_OPT_SERVER_ID, length 6, a 32-bit id), and
 * clients echo it. For a VIP with F_TCP_SERVER_ID a segment that carries it
 * goes to that server without a connection entry, so a flow survives the
 * loss of its entry (a restart, a table eviction, another balancer).
 *
 * The options are walked one at a time, at most MAX_TCP_OPTIONS of them:
 * End of Option List stops the walk, No-Operation is one byte, every other
 * option gives its length in its second byte. Every path through the walk
 * has its own offset, so the verifier's work grows quickly with the bound:
 * eight options cover what clients send after the handshake.
 */
#ifndef KATRAN_LB_TCP_OPT_H
#define KATRAN_LB_TCP_OPT_H

#include <linux/types.h>
#include <linux/tcp.h>
#include <bpf/bpf_endian.h>
#include "consts.h"

#define TCP_OPT_EOL		0
#define TCP_OPT_NOP		1
#define TCP_OPT_SERVER_ID	0xb7
#define TCP_OPT_SERVER_ID_LEN	6
#define MAX_TCP_OPTIONS		8

struct tcp_opt_server_id {
	__u8 kind;
	__u8 len;
	__be32 id;
} __attribute__((packed));

/* The server id option of the TCP segment at l4_off, or 0 when it has none. */
static __always_inline __u32 tcp_server_id(void *data, void *data_end, __u32 l4_off)
{
	struct tcphdr *th;
	__u32 off, hdr_end;

	if (l4_off > MAX_L4_OFF)
		return 0;
	th = data + l4_off;
	if ((void *)(th + 1) > data_end)
		return 0;
	hdr_end = l4_off + th->doff * 4;
	off = l4_off + sizeof(struct tcphdr);

	for (int i = 0; i < MAX_TCP_OPTIONS; i++) {
		__u8 *kind = data + off;
		__u8 *len = kind + 1;

		if (off + 2 > hdr_end || (void *)(len + 1) > data_end)
			return 0;
		if (*kind == TCP_OPT_EOL)
			return 0;
		if (*kind == TCP_OPT_NOP) {
			off += 1;
			continue;
		}
		if (*len < 2)
			return 0;
		if (*kind == TCP_OPT_SERVER_ID && *len == TCP_OPT_SERVER_ID_LEN) {
			struct tcp_opt_server_id *opt = (void *)kind;

			if ((void *)(opt + 1) > data_end || off + TCP_OPT_SERVER_ID_LEN > hdr_end)
				return 0;
			return bpf_ntohl(opt->id);
		}
		off += *len;
	}
	return 0;
}

#endif
