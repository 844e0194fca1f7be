/* ebcc freestanding header: the part of the kernel's internal <net/ipv6.h> that BPF programs
 * built in the kernel tree use: the IPv6 header and addresses, and what the kernel's header
 * reaches through its own includes (the Ethernet header, the traffic-control return codes). */
#ifndef __EBCC_NET_IPV6_H
#define __EBCC_NET_IPV6_H

#include <linux/types.h>
#include <linux/in6.h>
#include <linux/ipv6.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <ebcc/kernel-minmax.h>
#include <linux/math64.h>

#endif
