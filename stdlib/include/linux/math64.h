/* ebcc freestanding header: the unsigned 64-bit divisions of the kernel's internal
 * <linux/math64.h>, which kernel-tree code (samples/bpf's hbm programs) reaches through
 * <net/ipv6.h> and <net/ip.h>. On a 64-bit target each is one division; BPF divides unsigned
 * numbers before -mcpu=v4, so the signed forms (div_s64, div64_s64) are not given. */
#ifndef __EBCC_LINUX_MATH64_H
#define __EBCC_LINUX_MATH64_H
#include <linux/types.h>

static inline __u64 div_u64_rem(__u64 dividend, __u32 divisor, __u32 *remainder)
{
	*remainder = dividend % divisor;
	return dividend / divisor;
}

static inline __u64 div64_u64_rem(__u64 dividend, __u64 divisor, __u64 *remainder)
{
	*remainder = dividend % divisor;
	return dividend / divisor;
}

static inline __u64 div_u64(__u64 dividend, __u32 divisor)
{
	return dividend / divisor;
}

static inline __u64 div64_u64(__u64 dividend, __u64 divisor)
{
	return dividend / divisor;
}

#endif
