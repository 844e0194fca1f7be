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

/* Folds a 64-bit sum (as bpf_csum_diff returns) into 32 bits first. */
static __always_inline __u16 csum_fold64(__u64 sum)
{
#pragma unroll
	for (int i = 0; i < 4; i++) {
		if (sum >> 16)
			sum = (sum & 0xffff) + (sum >> 16);
	}
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

/* The same for a 32-bit word, as two 16-bit halves. */
static __always_inline __u16 csum_replace4(__u16 check, __u32 from, __u32 to)
{
	__u32 sum = (__u16)~check;

	sum += (__u16)~(from & 0xffff);
	sum += (__u16)~(from >> 16);
	sum += to & 0xffff;
	sum += to >> 16;
	return csum_fold32(sum);
}

/* Adds n 32-bit words to a running sum (used for IPv6 addresses). */
static __always_inline __u32 csum_add_words(__u32 sum, const __be32 *w, int n)
{
#pragma unroll
	for (int i = 0; i < 4; i++) {
		if (i < n) {
			sum += w[i] & 0xffff;
			sum += w[i] >> 16;
		}
	}
	return sum;
}

#endif
