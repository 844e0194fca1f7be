// SPDX-License-Identifier: MIT
/* katran_lb/csum.h: Internet checksums (RFC 1071) and their incremental
 * updates (RFC 1624), for the headers the balancer writes or rewrites.
 */
#ifndef KATRAN_LB_CSUM_H
#define KATRAN_LB_CSUM_H

#include <linux/types.h>
#include <linux/ip.h>

/* Folds a 32-bit ones' complement sum to 16 bits and complements it. */
static __always_inline __u16 csum_fold32(__u32 sum)
{
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (__u16)~sum;
}

/* The header checksum of an IPv4 header without options; its check field
 * must be zero when this runs. */
static __always_inline __u16 ipv4_header_csum(const struct iphdr *iph)
{
	const __u16 *w = (const __u16 *)iph;
	__u32 sum = 0;

#pragma unroll
	for (int i = 0; i < IPV4_HDR_LEN_NO_OPT / 2; i++)
		sum += w[i];
	return csum_fold32(sum);
}

/* RFC 1624 eqn. 3: the checksum after a 16-bit word changed from `from` to `to`. */
static __always_inline __u16 csum_replace2(__u16 check, __u16 from, __u16 to)
{
	__u32 sum = (__u16)~check;

	sum += (__u16)~from;
	sum += to;
	return csum_fold32(sum);
}

#endif
