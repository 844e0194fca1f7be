/* ebcc freestanding header: the part of the kernel's internal <net/ip.h>
 * that BPF programs built in the kernel tree use: the fragment bits of
 * iphdr.frag_off and ip_is_fragment(). The kernel's header reaches the
 * Ethernet definitions and the traffic-control return codes through its
 * own includes; so does this one. */
#ifndef __EBCC_NET_IP_H
#define __EBCC_NET_IP_H

#include <linux/types.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <ebcc/kernel-minmax.h>
#include <linux/math64.h>

/* Flag bits and offset of iphdr.frag_off, in host order. */
#define IP_CE 0x8000               /* congestion */
#define IP_DF 0x4000               /* don't fragment */
#define IP_MF 0x2000               /* more fragments */
#define IP_OFFSET 0x1FFF           /* fragment offset, in 8-byte units */

/* Is the packet a fragment: more fragments follow, or it is not the first. */
static inline _Bool ip_is_fragment(const struct iphdr *iph)
{
	return (iph->frag_off & __builtin_bswap16(IP_MF | IP_OFFSET)) != 0;
}

#endif
