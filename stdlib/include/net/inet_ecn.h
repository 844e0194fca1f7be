/* ebcc freestanding header: the ECN codepoints of the kernel's internal <net/inet_ecn.h>
 * (the two low bits of the IPv4 TOS byte and of the IPv6 traffic class), for BPF programs built
 * in the kernel tree. */
#ifndef __EBCC_NET_INET_ECN_H
#define __EBCC_NET_INET_ECN_H

#include <linux/types.h>
#include <linux/ip.h>

enum {
	INET_ECN_NOT_ECT = 0,
	INET_ECN_ECT_1 = 1,
	INET_ECN_ECT_0 = 2,
	INET_ECN_CE = 3,
	INET_ECN_MASK = 3,
};

#endif
