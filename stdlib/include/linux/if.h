/* ebcc freestanding header: network interface names and flags. */
#if !defined(__EBCC_LINUX_IF_H) && !defined(_LINUX_IF_H)
#define __EBCC_LINUX_IF_H
#define _LINUX_IF_H

#include <linux/types.h>

#define IFNAMSIZ 16
#define IFALIASZ 256
#define ALTIFNAMSIZ 128

/* Interface flags (SIOCGIFFLAGS, struct ifinfomsg's ifi_flags). */
enum net_device_flags {
	IFF_UP = 1 << 0,
	IFF_BROADCAST = 1 << 1,
	IFF_DEBUG = 1 << 2,
	IFF_LOOPBACK = 1 << 3,
	IFF_POINTOPOINT = 1 << 4,
	IFF_NOTRAILERS = 1 << 5,
	IFF_RUNNING = 1 << 6,
	IFF_NOARP = 1 << 7,
	IFF_PROMISC = 1 << 8,
	IFF_ALLMULTI = 1 << 9,
	IFF_MASTER = 1 << 10,
	IFF_SLAVE = 1 << 11,
	IFF_MULTICAST = 1 << 12,
	IFF_PORTSEL = 1 << 13,
	IFF_AUTOMEDIA = 1 << 14,
	IFF_DYNAMIC = 1 << 15,
	IFF_LOWER_UP = 1 << 16,
	IFF_DORMANT = 1 << 17,
	IFF_ECHO = 1 << 18,
};
#define IFF_VOLATILE \
	(IFF_LOOPBACK | IFF_POINTOPOINT | IFF_BROADCAST | IFF_ECHO | IFF_MASTER | IFF_SLAVE | IFF_RUNNING | IFF_LOWER_UP | IFF_DORMANT)

/* RFC 2863 operational states. */
enum {
	IF_OPER_UNKNOWN,
	IF_OPER_NOTPRESENT,
	IF_OPER_DOWN,
	IF_OPER_LOWERLAYERDOWN,
	IF_OPER_TESTING,
	IF_OPER_DORMANT,
	IF_OPER_UP,
};

enum {
	IF_LINK_MODE_DEFAULT,
	IF_LINK_MODE_DORMANT,
	IF_LINK_MODE_TESTING,
};

#endif
